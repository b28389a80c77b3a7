//! Batch scoring: one output line per input line, in order, whatever the
//! input holds, and the same result as scoring one by one.

use ocop::{BatchScorer, Catalog, generate::Generator};

fn mixed_input() -> (String, usize) {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let mut g = Generator::new(ed, 7).unwrap();
    let mut lines = Vec::new();
    for i in 0..300 {
        lines.push(match i % 10 {
            3 => "{not json".to_owned(),
            5 => g.next_line().replacen("\"set\":\"", "\"set\":\"x-", 1),
            7 => g.next_line().replacen(
                "\"answers\":{",
                "\"answers\":{\"9.9\":1,",
                1,
            ),
            8 => String::new(),
            _ => g.next_line(),
        });
    }
    let n = lines.len();
    (lines.join("\n") + "\n", n)
}

#[test]
fn every_line_yields_one_record_in_order() {
    let (input, n) = mixed_input();
    for threads in [1, 2, 4] {
        let mut out = Vec::new();
        let stats = BatchScorer::new(Catalog::official())
            .threads(threads)
            .chunk_bytes(4096)
            .run(input.as_bytes(), &mut out)
            .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), n, "threads {threads}");
        assert_eq!(stats.lines as usize, n);
        assert_eq!(stats.rejected, 120, "4 bad lines in every 10");
        for (i, (line_in, line_out)) in
            input.lines().zip(out.lines()).enumerate()
        {
            let v: serde_json::Value = serde_json::from_str(line_out).unwrap();
            if i % 10 == 3 || i % 10 == 5 || i % 10 == 7 || i % 10 == 8 {
                assert_eq!(v["line"], i + 1, "error record names its line");
                assert!(v["error"]["kind"].is_string());
            } else {
                let id: serde_json::Value =
                    serde_json::from_str::<serde_json::Value>(line_in)
                        .unwrap()["id"]
                        .clone();
                assert_eq!(v["id"], id, "line {} out of order", i + 1);
            }
            if i % 10 == 5 {
                assert_eq!(v["error"]["kind"], "unknown_set");
                assert!(
                    v["id"].is_string(),
                    "the id is kept when the line parses"
                );
            }
        }
    }
}

#[test]
fn batch_equals_one_by_one() {
    let (input, _) = mixed_input();
    let mut out = Vec::new();
    BatchScorer::new(Catalog::official())
        .threads(2)
        .chunk_bytes(1000)
        .run(input.as_bytes(), &mut out)
        .unwrap();
    let scorer = BatchScorer::new(Catalog::official()).threads(1);
    let mut one = Vec::new();
    for (i, line) in input.lines().enumerate() {
        scorer.score_line(line.as_bytes(), i as u64 + 1, &mut one);
    }
    assert_eq!(
        String::from_utf8(out).unwrap(),
        String::from_utf8(one).unwrap()
    );
}

#[test]
fn odd_input_is_recorded_not_dropped() {
    // No final newline, CRLF endings, invalid UTF-8, and a blank last line.
    let mut input = Vec::new();
    input.extend_from_slice(
        ocop::samples::EVALUATION_2026.trim_end().as_bytes(),
    );
    input.extend_from_slice(b"\r\n\xff\xfe\n\n");
    input.extend_from_slice(
        ocop::samples::EVALUATION_2026.trim_end().as_bytes(),
    );
    let mut out = Vec::new();
    let stats = BatchScorer::new(Catalog::official())
        .run(input.as_slice(), &mut out)
        .unwrap();
    assert_eq!((stats.lines, stats.scored, stats.rejected), (4, 2, 2));
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1],
        r#"{"line":2,"error":{"kind":"json","column":1,"message":"invalid UTF-8"}}"#
    );
    assert_eq!(lines[2], r#"{"line":3,"error":{"kind":"blank_line"}}"#);
}

#[test]
fn scorecards_round_trip_through_json() {
    let card = crate::score(ocop::samples::EVALUATION_2026, false).unwrap();
    let text = serde_json::to_string(&card).unwrap();
    let back: ocop::Scorecard = serde_json::from_str(&text).unwrap();
    assert_eq!(back, card);
    // Means are exact JSON numbers, not floats or strings.
    assert!(text.contains(r#""total":74.33"#), "{text}");
    assert!(text.contains(r#""meta":{"province":"Lâm Đồng"}"#), "{text}");
}

#[test]
fn summary_lines_are_positions_for_scorecards_and_inputs_for_errors() {
    // A carried field named "line" is the product's, not the summary's.
    let good = ocop::samples::EVALUATION_2026.trim_end().replacen(
        '{',
        r#"{"line": 99, "#,
        1,
    );
    let input = format!("{good}\nnot json\n");
    let mut out = Vec::new();
    BatchScorer::new(Catalog::official())
        .run(input.as_bytes(), &mut out)
        .unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(text.lines().next().unwrap().contains(r#""line":99"#), "{text}");
    let s = ocop::report::Summary::from_reader(out.as_slice()).unwrap();
    assert_eq!((s.lines, s.scored, s.rejected), (2, 1, 1));
    assert_eq!(s.first_errors[0].line, 2);
}

#[test]
fn summary_counts_and_audits() {
    let (input, n) = mixed_input();
    let mut out = Vec::new();
    let stats = BatchScorer::new(Catalog::official())
        .run(input.as_bytes(), &mut out)
        .unwrap();
    let s = ocop::report::Summary::from_reader(out.as_slice()).unwrap();
    assert_eq!(
        (s.lines, s.scored, s.rejected),
        (n as u64, stats.scored, stats.rejected)
    );
    assert_eq!(s.outcomes.total(), stats.scored);
    assert_eq!(s.rejections.values().sum::<u64>(), stats.rejected);
    assert_eq!(s.totals.iter().sum::<u64>(), stats.scored);
    let provinces: u64 =
        s.places.by_field()["province"].values().map(|c| c.total()).sum();
    assert_eq!(provinces, stats.scored);
    assert!(
        !s.audit.is_empty(),
        "generated recorded stars differ from some results"
    );
    assert!(s.to_string().contains("recomputed"));
    // The same numbers from values, without writing and re-reading.
    let mut direct = ocop::report::Summary::default();
    BatchScorer::new(Catalog::official())
        .for_each(input.as_bytes(), |line, r| direct.add(line, &r))
        .unwrap();
    assert_eq!(direct, s);
    // One set of keys: no ★ and no spaces in the JSON.
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains('★'));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut keys = Vec::new();
    fn walk(v: &serde_json::Value, keys: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    keys.push(k.clone());
                    walk(x, keys);
                }
            }
            serde_json::Value::Array(a) => {
                a.iter().for_each(|x| walk(x, keys))
            }
            _ => {}
        }
    }
    walk(&v["outcomes"], &mut keys);
    walk(&v["by_set"], &mut keys);
    walk(&v["rejections"], &mut keys);
    assert!(keys.iter().all(|k| !k.contains(' ')), "{keys:?}");
    assert_eq!(v["outcomes"]["stars"].as_object().unwrap().len(), 5);
    assert!(v["outcomes"].get("not_rated").is_some());
}

/// `for_each`'s values, held to `run`'s output line by line.
fn for_each_matches_run(input: &[u8], scorer: BatchScorer<'_>) {
    let mut out = Vec::new();
    let run = scorer.run(input, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let mut lines = out.lines();
    let mut want_line = 1;
    let stats = scorer
        .for_each(input, |n, result| {
            assert_eq!(n, want_line, "in order, from 1");
            want_line += 1;
            let written = lines.next().expect("as many lines as run");
            let v: serde_json::Value = serde_json::from_str(written).unwrap();
            match result {
                Ok(card) => {
                    let back: ocop::Scorecard =
                        serde_json::from_str(written).unwrap();
                    assert_eq!(card, back, "line {n}");
                }
                Err(e) => {
                    assert_eq!(v["line"], n);
                    assert_eq!(
                        serde_json::to_value(e.kind()).unwrap(),
                        v["error"]
                    );
                    assert_eq!(e.product(), v["id"].as_str(), "line {n}");
                }
            }
        })
        .unwrap();
    assert!(lines.next().is_none());
    assert_eq!(stats, run);
}

#[test]
fn for_each_gives_what_run_writes() {
    let (input, _) = mixed_input();
    let mut input = input.into_bytes();
    input.extend_from_slice(b"\xff\n");
    input.extend_from_slice("x".repeat(3000).as_bytes());
    for threads in [1, 2] {
        for points in [false, true] {
            let scorer = BatchScorer::new(Catalog::official())
                .threads(threads)
                .points(points)
                .chunk_bytes(2000)
                .max_line_bytes(2500);
            for_each_matches_run(&input, scorer);
        }
    }
    let example = include_bytes!("../examples/data/tan-hong-2021.jsonl");
    let inferred = ocop::ScoreOptions { inferred: true, ..Default::default() };
    for opts in [inferred, ocop::ScoreOptions::default()] {
        let scorer = BatchScorer::new(Catalog::official()).options(opts);
        for_each_matches_run(example, scorer);
    }
}

#[test]
fn a_failing_writer_stops_the_batch() {
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let (input, _) = mixed_input();
    for threads in [1, 2] {
        let err = BatchScorer::new(Catalog::official())
            .threads(threads)
            .chunk_bytes(1000)
            .run(input.as_bytes(), Broken)
            .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
    }
}

#[test]
fn plan_each_and_explain_each_follow_the_input() {
    let text = include_str!("../examples/data/tan-hong-2021.jsonl");
    let input = format!("{}\nnot json\n", text.trim_end());
    let score = ocop::ScoreOptions { inferred: true, ..Default::default() };
    let opts = ocop::advice::PlanOptions {
        score: score.clone(),
        ..Default::default()
    };
    let catalog = Catalog::official();
    for threads in [1, 2] {
        let scorer =
            BatchScorer::new(catalog).threads(threads).chunk_bytes(3000);
        let mut plans = Vec::new();
        let stats = scorer
            .plan_each(input.as_bytes(), &opts, |n, p| plans.push((n, p)))
            .unwrap();
        assert_eq!((stats.lines, stats.rejected), (13, 1));
        for ((n, p), line) in plans.iter().zip(text.lines()) {
            let ev = ocop::Evaluation::from_json(line).unwrap();
            assert_eq!(
                p.as_ref().unwrap(),
                &catalog.plan(&ev, &opts).unwrap(),
                "line {n}"
            );
        }
        assert_eq!(plans[12].0, 13);
        assert_eq!(plans[12].1.as_ref().unwrap_err().tag(), "json");
        let mut n = 0;
        scorer
            .options(score.clone())
            .explain_each(text.as_bytes(), |_, x| {
                assert!(x.unwrap().criteria.len() > 20);
                n += 1;
            })
            .unwrap();
        assert_eq!(n, 12);
    }
}
