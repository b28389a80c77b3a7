//! The edges of the input, each with one defined outcome, asserted
//! exactly, on the batch (fast path first) and on the general path.

use ocop::{BatchScorer, Catalog, Evaluation, ScoreOptions};
use serde_json::{Value, json};

/// The sample evaluation as one compact line, its keys in written order.
fn sample() -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in ocop::samples::EVALUATION_2026.trim().chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ' ' | '\n' if !in_string => continue,
            _ => {}
        }
        out.push(c);
    }
    assert!(out.starts_with("{\"id\":\"SAMPLE-2026-01\",\"edition\""));
    out
}

/// Batch output for `input`, as one string per line.
fn batch(input: &[u8], opts: ScoreOptions) -> Vec<String> {
    let mut out = Vec::new();
    BatchScorer::new(Catalog::official())
        .options(opts)
        .threads(1)
        .run(input, &mut out)
        .unwrap();
    String::from_utf8(out).unwrap().lines().map(str::to_owned).collect()
}

/// The record the batch writes for one line.
fn record(line: &str) -> Value {
    let out = batch(format!("{line}\n").as_bytes(), ScoreOptions::default());
    assert_eq!(out.len(), 1);
    serde_json::from_str(&out[0]).unwrap()
}

/// The error record the batch writes for one line, with `line` 1.
fn error_of(line: &str) -> Value {
    let r = record(line);
    assert_eq!(r["line"], 1, "{r}");
    assert!(r.get("error").is_some(), "{r}");
    r["error"].clone()
}

/// The general path's error for one line, in the record's form.
fn general(line: &str) -> Value {
    let e = match Evaluation::from_json(line) {
        Err(e) => e,
        Ok(ev) => Catalog::official().score(&ev).unwrap_err(),
    };
    let mut v = serde_json::to_value(e.kind()).unwrap();
    v.as_object_mut().unwrap().remove("line");
    v
}

#[test]
fn a_byte_order_mark_starts_a_file() {
    let line = sample();
    let out = batch(
        format!("\u{feff}{line}\n{line}\n").as_bytes(),
        ScoreOptions::default(),
    );
    assert!(out[0].starts_with("{\"id\":\"SAMPLE-2026-01\""), "{}", out[0]);
    assert_eq!(out[0], out[1]);
    // The library's own reader skips it too.
    assert!(Evaluation::from_json(&format!("\u{feff}{line}")).is_ok());
    // Anywhere else it is not whitespace: the line is not JSON.
    let out = batch(
        format!("{line}\n\u{feff}{line}\n").as_bytes(),
        ScoreOptions::default(),
    );
    assert_eq!(
        out[1],
        r#"{"line":2,"error":{"kind":"json","column":1,"message":"expected value"}}"#
    );
}

#[test]
fn blank_lines_crlf_nul_and_bad_utf8() {
    let line = sample();
    let mut input = Vec::new();
    input.extend_from_slice(line.as_bytes());
    input.extend_from_slice(b"\r\n"); // 1: CRLF
    input.extend_from_slice(b"\n"); // 2: empty
    input.extend_from_slice(b" \t \r\n"); // 3: whitespace only
    let nul = line.replacen("Lâm Đồng", "Lâm\0Đồng", 1);
    input.extend_from_slice(nul.as_bytes()); // 4: NUL in a string
    input.push(b'\n');
    let at = line.find("Lâm").unwrap();
    input.extend_from_slice(&line.as_bytes()[..at]); // 5: invalid UTF-8
    input.extend_from_slice(b"\xc3\x28");
    input.extend_from_slice(&line.as_bytes()[at..]);
    input.push(b'\n');
    input.extend_from_slice(&line.as_bytes()[..100]); // 6: cut short, last
    let out = batch(&input, ScoreOptions::default());
    assert_eq!(out.len(), 6);
    assert!(out[0].starts_with("{\"id\":\"SAMPLE-2026-01\""), "{}", out[0]);
    assert_eq!(out[1], r#"{"line":2,"error":{"kind":"blank_line"}}"#);
    assert_eq!(out[2], r#"{"line":3,"error":{"kind":"blank_line"}}"#);
    let nul_col = nul.find('\0').unwrap() + 1;
    assert_eq!(
        out[3],
        format!(
            r#"{{"line":4,"error":{{"kind":"json","column":{nul_col},"message":"control character (\\u0000-\\u001F) found while parsing a string"}}}}"#
        )
    );
    assert_eq!(
        out[4],
        format!(
            r#"{{"line":5,"error":{{"kind":"json","column":{},"message":"invalid UTF-8"}}}}"#,
            at + 1
        )
    );
    assert_eq!(
        out[5],
        r#"{"line":6,"error":{"kind":"json","column":100,"message":"EOF while parsing a string"}}"#
    );
    // A last line without a newline is scored like any other.
    let out = batch(line.as_bytes(), ScoreOptions::default());
    assert!(out[0].starts_with("{\"id\":\"SAMPLE-2026-01\""));
}

#[test]
fn a_key_written_twice_is_an_error_at_every_level() {
    let line = sample();
    let cases = [
        (
            line.replacen("{\"id\":", "{\"date\":\"2026-09-01\",\"id\":", 1),
            "duplicate field \"date\"",
        ),
        (
            line.replacen("{\"id\":", "{\"province\":\"A\",\"id\":", 1),
            "duplicate field \"province\"",
        ),
        (
            line.replacen(
                "\"member\":\"m1\"",
                "\"member\":\"m1\",\"member\":\"m9\"",
                1,
            ),
            "duplicate field \"member\" in a member sheet",
        ),
        (
            line.replacen(
                "\"member\":\"m1\"",
                "\"member\":\"m1\",\"role\":1,\"role\":2",
                1,
            ),
            "duplicate field \"role\" in a member sheet",
        ),
        (
            line.replacen(
                "{\"id\":",
                "{\"place\":{\"a\":1,\"a\":2},\"id\":",
                1,
            ),
            "duplicate field \"a\" in a carried value",
        ),
    ];
    for (text, message) in cases {
        let e = error_of(&text);
        assert_eq!(e["kind"], "json", "{text}");
        assert_eq!(e["message"], message, "{text}");
        assert_eq!(e, general(&text));
    }
    // In answers it names the member and the criterion.
    let text = line.replacen("\"1.2\":2", "\"1.2\":2,\"1.2\":3", 1);
    let e = error_of(&text);
    assert_eq!(
        e,
        json!({"kind": "duplicate_answer", "member": "m1", "criterion": "1.2"})
    );
    assert_eq!(e, general(&text));
}

#[test]
fn answers_are_numbers_or_booleans() {
    let line = sample();
    let expected = "an option position from 1 to 3";
    let invalid = |found: &str| {
        json!({"kind": "invalid_answer", "member": "m1", "criterion": "1.2",
               "found": found, "expected": expected})
    };
    let out_of_range = |option: u64| {
        json!({"kind": "option_out_of_range", "member": "m1", "criterion": "1.2",
               "option": option, "options": 3})
    };
    let cases = [
        ("\"2\"", invalid("\"2\"")),
        ("2.0", invalid("2.0")),
        ("2e0", invalid("2.0")),
        ("-1", invalid("-1")),
        ("null", invalid("null")),
        ("[2]", invalid("an array")),
        ("{\"x\":2}", invalid("an object")),
        ("0", out_of_range(0)),
        ("4", out_of_range(4)),
        ("18446744073709551615", out_of_range(u64::MAX)),
        ("18446744073709551616", invalid("1.8446744073709552e+19")),
        (
            "true",
            json!({"kind": "invalid_answer", "member": "m1", "criterion": "1.2",
            "found": "true", "expected": expected}),
        ),
    ];
    for (written, want) in cases {
        let text =
            line.replacen("\"1.2\":2", &format!("\"1.2\":{written}"), 1);
        assert_ne!(text, line);
        let e = error_of(&text);
        assert_eq!(e, want, "{written}");
        assert_eq!(e, general(&text), "{written}");
    }
    // A number on a yes/no criterion.
    let text = line.replacen("\"2.4\":true", "\"2.4\":1", 1);
    assert_eq!(
        error_of(&text),
        json!({"kind": "invalid_answer", "member": "m1", "criterion": "2.4",
               "found": "1", "expected": "true or false (a yes/no criterion)"})
    );
    // NaN and Infinity are not JSON.
    for written in ["NaN", "Infinity", "-Infinity"] {
        let text =
            line.replacen("\"1.2\":2", &format!("\"1.2\":{written}"), 1);
        let e = error_of(&text);
        assert_eq!(e["kind"], "json", "{written}");
        assert_eq!(e, general(&text), "{written}");
    }
}

#[test]
fn deep_nesting_is_an_error_record_not_a_stack_overflow() {
    let line = sample();
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let limit = json!({"kind": "json", "message": "recursion limit exceeded"});
    let cases = [
        (
            line.replacen(
                "{\"id\":",
                &format!("{{\"x\":{},\"id\":", deep(100_000)),
                1,
            ),
            limit.clone(),
        ),
        (
            line.replacen(
                "\"member\":\"m1\"",
                &format!("\"member\":\"m1\",\"x\":{}", deep(100_000)),
                1,
            ),
            limit.clone(),
        ),
        (
            line.replacen(
                "\"members\":[",
                &format!("\"members\":[{},", deep(100_000)),
                1,
            ),
            json!({"kind": "json", "message": "invalid type: sequence, expected a member sheet {\"member\": ..., \"answers\": {...}}"}),
        ),
        (
            deep(100_000),
            json!({"kind": "json", "message": "invalid type: sequence, expected an evaluation object"}),
        ),
        ("{\"a\":".repeat(100_000), limit),
        // An answer is skipped without recursion, and is not an answer.
        (
            line.replacen(
                "\"1.2\":2",
                &format!("\"1.2\":{}", deep(100_000)),
                1,
            ),
            json!({"kind": "invalid_answer", "member": "m1", "criterion": "1.2",
                "found": "an array", "expected": "an option position from 1 to 3"}),
        ),
    ];
    // A small stack shows that neither path recurses with the depth.
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || {
            for (text, want) in cases {
                let mut e = error_of(&text);
                assert_eq!(e, general(&text));
                e.as_object_mut().unwrap().remove("column");
                assert_eq!(e, want);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

/// An evaluation of `n` copies of the sample's first member.
fn council_of(n: usize) -> String {
    let mut v: Value = serde_json::from_str(&sample()).unwrap();
    let one = v["members"][0].clone();
    v["members"] = (0..n)
        .map(|i| {
            let mut m = one.clone();
            m["member"] = format!("m{i}").into();
            m
        })
        .collect();
    v.to_string()
}

#[test]
fn members_per_evaluation_are_limited() {
    assert_eq!(ocop::MAX_MEMBERS, 1_000);
    let ok = record(&council_of(1_000));
    assert_eq!(ok["members"].as_array().unwrap().len(), 1_000);
    let over = council_of(1_001);
    let e = error_of(&over);
    assert_eq!(
        e,
        json!({"kind": "too_many_members", "members": 1001, "limit": 1000})
    );
    assert_eq!(e, general(&over));
    // A caller can raise it; 10,000 members score (in linear time: the
    // duplicate check hashes past a council's size).
    let opts = ScoreOptions { max_members: 10_000, ..Default::default() };
    let big = council_of(10_000);
    let ev = Evaluation::from_json(&big).unwrap();
    let card = Catalog::official().score_with(&ev, &opts).unwrap();
    assert_eq!(card.members.len(), 10_000);
    assert_eq!(card.mean.total.to_string(), "75.00");
    let mut out = Vec::new();
    let stats = BatchScorer::new(Catalog::official())
        .options(opts)
        .max_line_bytes(8 << 20)
        .run(format!("{big}\n").as_bytes(), &mut out)
        .unwrap();
    assert_eq!(stats.scored, 1);
}

#[test]
fn answers_per_member_are_limited() {
    assert_eq!(ocop::MAX_ANSWERS, 1_000);
    let line = sample();
    // The sample's sheets have 32 answers each.
    let with = |limit: usize| ScoreOptions {
        max_answers: limit,
        ..Default::default()
    };
    let score = |opts: ScoreOptions| {
        let out = batch(format!("{line}\n").as_bytes(), opts.clone());
        let ev = Evaluation::from_json(&line).unwrap();
        let general = Catalog::official().score_with(&ev, &opts);
        (serde_json::from_str::<Value>(&out[0]).unwrap(), general)
    };
    let (rec, general) = score(with(32));
    assert!(rec.get("error").is_none(), "{rec}");
    assert!(general.is_ok());
    let (rec, general) = score(with(31));
    let want = json!({"kind": "too_many_answers", "member": "m1", "answers": 32, "limit": 31});
    assert_eq!(rec["error"], want);
    assert_eq!(
        serde_json::to_value(general.unwrap_err().kind()).unwrap(),
        want
    );
    // Under the default, 1,000 answers are read (and found wrong one by
    // one); 1,001 are not read at all.
    let answers = |n: usize| {
        let mut v: Value = serde_json::from_str(&line).unwrap();
        let a: serde_json::Map<String, Value> =
            (0..n).map(|i| (format!("x{i}"), Value::from(1))).collect();
        v["members"][0]["answers"] = a.into();
        v.to_string()
    };
    assert_eq!(error_of(&answers(1_000))["kind"], "unknown_criterion");
    assert_eq!(
        error_of(&answers(1_001)),
        json!({"kind": "too_many_answers", "member": "m1", "answers": 1001, "limit": 1000})
    );
}

#[test]
fn lines_are_limited() {
    let line = sample();
    let n = line.len();
    let run = |limit: usize| {
        let mut out = Vec::new();
        BatchScorer::new(Catalog::official())
            .max_line_bytes(limit)
            .run(format!("{line}\n{line}").as_bytes(), &mut out)
            .unwrap();
        String::from_utf8(out).unwrap()
    };
    let at = run(n);
    assert_eq!(at.lines().count(), 2);
    assert!(at.lines().all(|l| l.starts_with("{\"id\":\"SAMPLE-2026-01\"")));
    let below = run(n - 1);
    let lines: Vec<&str> = below.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(
            serde_json::from_str::<Value>(l).unwrap(),
            json!({"line": i + 1, "error": {"kind": "line_too_long", "bytes": n, "limit": n - 1}})
        );
    }
}
