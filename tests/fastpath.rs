//! The batch scorer's output is the general path's, byte for byte.
//!
//! Batch lines take a fast path that parses answers straight into the
//! compiled tables and writes scorecards by hand; anything unusual goes to
//! the general path. These tests feed ordinary and deliberately unusual
//! lines through the batch scorer and compare each output line with what
//! `Catalog::score_with` and serde_json give for the same line.

use ocop::{
    BatchScorer, Catalog, Evaluation, ScoreOptions, generate::Generator,
};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// The id of a line that does not parse as an evaluation: kept when the
/// line is a JSON object with one `id`, a string.
fn probe_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Probe {
        id: Option<String>,
    }
    serde_json::from_str::<Probe>(line).ok()?.id
}

/// The expected record for `line`: the scorecard as serde_json writes it,
/// or the error record.
fn reference(line: &str, opts: &ScoreOptions) -> Result<String, Value> {
    let ev = match Evaluation::from_json(line) {
        Ok(ev) => ev,
        Err(e) => {
            // One line of input: the record gives the line, the error the
            // column alone.
            let mut rec = json!({"line": 1, "error": e.kind()});
            if !line.contains('\n') {
                assert_eq!(rec["error"]["line"], 1, "{line}");
            }
            rec["error"].as_object_mut().unwrap().remove("line");
            if let Some(id) = probe_id(line) {
                rec["id"] = json!(id);
            }
            return Err(rec);
        }
    };
    match Catalog::official().score_with(&ev, opts) {
        Ok(card) => Ok(serde_json::to_string(&card).unwrap()),
        Err(e) => {
            let mut rec = json!({"line": 1, "error": e.kind()});
            if let Some(id) = &ev.id {
                rec["id"] = json!(&**id);
            }
            Err(rec)
        }
    }
}

/// Checks the batch output for `line`, with and without per-criterion
/// points, against the reference.
fn check(line: &str, opts: &ScoreOptions) {
    for points in [true, false] {
        let scorer = BatchScorer::new(Catalog::official())
            .options(opts.clone())
            .points(points);
        let mut out = Vec::new();
        let ok = scorer.score_line(line.as_bytes(), 1, &mut out);
        let out = String::from_utf8(out).unwrap();
        let out = out.strip_suffix('\n').expect("one line, newline-ended");
        match reference(line, opts) {
            Ok(want) if points => {
                assert!(ok);
                assert_eq!(out, want, "\ninput: {line}");
            }
            Ok(want) => {
                assert!(ok);
                let mut want: Value = serde_json::from_str(&want).unwrap();
                for m in want["members"].as_array_mut().unwrap() {
                    let m = m.as_object_mut().unwrap();
                    assert!(m.remove("points").is_some());
                    assert!(m.remove("sections").is_some());
                }
                let got: Value = serde_json::from_str(out).unwrap();
                assert_eq!(got, want, "\ninput: {line}");
            }
            Err(want) => {
                assert!(!ok, "\ninput: {line}\noutput: {out}");
                let got: Value = serde_json::from_str(out).unwrap();
                assert_eq!(got, want, "\ninput: {line}");
            }
        }
    }
}

fn generated(edition: &str, seed: u64, n: usize) -> Vec<String> {
    let ed = Catalog::official().edition(edition).unwrap();
    let mut g = Generator::new(ed, seed).unwrap();
    (0..n).map(|_| g.next_line()).collect()
}

#[test]
fn generated_lines_of_every_edition() {
    let inferred = ScoreOptions { inferred: true, ..Default::default() };
    for (ed, opts) in [
        ("qd26-2026", ScoreOptions::default()),
        ("qd1048-781", ScoreOptions::default()),
        ("qd1048-781", inferred.clone()),
        ("qd1048-2019", ScoreOptions::default()),
    ] {
        for line in generated(ed, 11, 120) {
            check(&line, &opts);
        }
    }
    for line in include_str!("../examples/data/tan-hong-2021.jsonl").lines() {
        check(line, &inferred);
        check(line, &ScoreOptions::default());
    }
    check(ocop::samples::EVALUATION_2026.trim_end(), &ScoreOptions::default());
}

/// Rewrites a top-level object with its entries in the order `order`
/// (indices into the sorted keys, taken modulo).
fn reorder(line: &str, order: &[usize]) -> String {
    let m: Map<String, Value> = serde_json::from_str(line).unwrap();
    let mut entries: Vec<(String, Value)> = m.into_iter().collect();
    let mut out = Vec::new();
    for &i in order {
        if entries.is_empty() {
            break;
        }
        out.push(entries.remove(i % entries.len()));
    }
    out.extend(entries);
    let body: Vec<String> =
        out.iter().map(|(k, v)| format!("{}:{}", json!(k), v)).collect();
    format!("{{{}}}", body.join(","))
}

/// Unusual things an input line can hold.
const EDITS: &[(&str, &str)] = &[
    ("\"1.1\":", "\"1.1\":0,\"x\":"),
    ("\"1.2\":2", "\"1.2\":99"),
    ("\"1.2\":2", "\"1.2\":\"2\""),
    ("\"1.2\":2", "\"1.2\":null"),
    ("\"1.2\":2", "\"1.2\":2.0"),
    ("\"1.2\":2", "\"1.2\":-1"),
    ("\"1.2\":2", "\"1.2\":true"),
    ("\"2.4\":true", "\"2.4\":1"),
    ("\"1.3\":", "\"1.3\":1,\"1.3\":"),
    ("\"1.1\":", "\"9.9\":1,\"1.1\":"),
    ("\"1.1\":", "\"1\":1,\"1.1\":"),
    ("\"1.1\":2,", ""),
    ("\"5.1\":", "\"5.1\":1,\"x5.1\":"),
    ("\"member\":\"m2\"", "\"member\":\"m1\""),
    ("\"member\":\"m2\"", "\"member\":\"m\\u0032\""),
    ("\"member\":\"m1\",", "\"member\":\"m1\",\"set\":\"hoa\","),
    ("\"member\":\"m1\",", "\"member\":\"m1\",\"note\":[1,{\"a\":2}],"),
    ("\"member\":\"m1\",", ""),
    ("{\"id\":", "{\"note\":\"a\\u00e1\",\"id\":"),
    ("{\"id\":", "{\"score\":1.5,\"id\":"),
    ("{\"id\":", "{\"x\":null,\"y\":-0,\"z\":-12,\"id\":"),
    ("{\"id\":", "{\"province\":\"A\",\"id\":"),
    ("{\"id\":", "{\"province\":{\"code\":1},\"id\":"),
    ("{\"id\":\"", "{\"id\":\"q\\\""),
    ("{\"id\":", "{\"knockouts\":[\"dossier\"],\"id\":"),
    ("{\"id\":", "{\"knockouts\":[\"nope\"],\"id\":"),
    ("{\"id\":", "{\"knockouts\":null,\"id\":"),
    ("{\"id\":", "{\"reevaluation\":true,\"id\":"),
    ("\"edition\":\"qd26-2026\"", "\"date\":\"2026-09-01\""),
    ("\"edition\":\"qd26-2026\"", "\"date\":\"2026-06-01\""),
    (
        "\"edition\":\"qd26-2026\"",
        "\"date\":\"2026-06-01\",\"submitted\":\"2026-06-02\"",
    ),
    ("\"edition\":\"qd26-2026\"", "\"date\":\"2026-13-01\""),
    ("\"edition\":\"qd26-2026\"", "\"edition\":\"QD26-2026\""),
    ("\"edition\":\"qd26-2026\"", "\"edition\":\"qd148-2023\""),
    ("\"edition\":\"qd26-2026\"", "\"edition\":null"),
    ("\"set\":\"", "\"set\":\"x"),
    ("\"members\":[", "\"members\":[],\"m\":["),
    ("\"members\":[", "\"members\":null,\"m\":["),
    // Text that is not JSON, or only just is.
    ("\"1.2\":2", "\"1.2\":02"),
    ("\"1.2\":2", "\"1.2\":2 2"),
    ("\"1.2\":2", "\"1.2\" 2"),
    ("\"1.2\":2", "\"1.2\":2,}"),
    ("\"1.2\":2", "\"1.2\":2e0"),
    ("\"1.2\":2", "\"1.2\":\t2\r\n"),
    ("\"1.2\":2", "\"1.2\":2000000000000000000000"),
    ("\"2.4\":true", "\"2.4\":tru"),
    ("\"2.4\":true", "\"2.4\":truex"),
    ("\"2.4\":true", "\"2.4\":True"),
    ("\"member\":\"m1\"", "\"member\":\"m\u{1}\""),
    ("\"member\":\"m1\"", "\"member\":\"m1"),
    ("\"member\":\"m1\"", "\"member\":'m1'"),
    ("\"member\":\"m1\"", "member:\"m1\""),
    ("\"answers\":{", "\"answers\":{,"),
    ("\"answers\":{", "\"answers\":["),
    ("\"answers\":{", "\"answers\":{}},{\"answers\":{"),
    ("}]", "},]"),
    ("}]", "}}]"),
    ("{\"id\":", "{\"n\":-9223372036854775808,\"id\":"),
    ("{\"id\":", "{\"n\":-9223372036854775809,\"id\":"),
    ("{\"id\":", "{\"n\":18446744073709551615,\"id\":"),
    ("{\"id\":", "{\"n\":18446744073709551616,\"id\":"),
    ("{\"id\":", "{\"n\":-,\"id\":"),
    ("{\"id\":", "{\"n\":--1,\"id\":"),
    ("{\"id\":", "{\"n\":[],\"id\":"),
    ("{\"id\":", "{\"n\":\"\",\"id\":"),
    ("{\"id\":", "{\"\":1,\"id\":"),
    ("{\"id\":", "{\"id\":1,\"id\":"),
    ("{\"id\":", "{\"reevaluation\":null,\"id\":"),
    ("{\"id\":", "{\"date\":\"2026-01-01\",\"id\":"),
    ("{\"id\":", "{\"edition\":\"qd1048-781\",\"id\":"),
    ("{\"id\":", " { \"id\" :"),
    ("]}", "]"),
    ("]}", "]}}"),
    ("]}", "]} "),
    ("]}", "]}x"),
    (",\"", ", \""),
    (":", " : "),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn unusual_lines_score_as_the_general_path_does(
        seed in any::<u64>(),
        edits in prop::collection::vec((0..EDITS.len(), 1usize..3), 0..3),
        order in prop::option::of(prop::collection::vec(0usize..8, 0..8)),
    ) {
        let mut line = generated("qd26-2026", seed, 1).remove(0);
        for (e, n) in edits {
            let (from, to) = EDITS[e];
            line = line.replacen(from, to, n);
        }
        if let Some(order) = order {
            if serde_json::from_str::<Map<String, Value>>(&line).is_ok() {
                line = reorder(&line, &order);
            }
        }
        check(&line, &ScoreOptions::default());
        check(&line, &ScoreOptions { edition: Some("qd26-2026".into()), ..Default::default() });
    }
}
