//! The `ocop` binary: exit codes and output on a mixed file.

use std::io::Write;
use std::process::{Command, Stdio};

fn ocop(args: &[&str], input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading its input closes the pipe early.
    match child.stdin.take().unwrap().write_all(input.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.unwrap(),
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn exit_codes_and_records() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let (code, out, _) = ocop(&["score", "-"], &format!("{good}\n{good}\n"));
    assert_eq!((code, out.lines().count()), (0, 2));

    let unknown_set = good.replace("rau-cu-qua-hat-tuoi", "khong-co");
    let bad_answer = good.replacen("\"1.1\": 3", "\"1.1\": 7", 1);
    let input =
        format!("{good}\n{{oops\n{unknown_set}\n{bad_answer}\n{good}\n");
    let (code, out, err) = ocop(&["score"], &input);
    assert_eq!(code, 1, "{err}");
    let kinds: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["error"]["kind"].as_str().unwrap_or("scorecard").to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "scorecard",
            "json",
            "unknown_set",
            "option_out_of_range",
            "scorecard"
        ]
    );
    assert!(err.contains("5 lines: 2 scored, 3 rejected"), "{err}");

    let (code, _, err) = ocop(&["score", "/no/such/file"], "");
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = ocop(&["frobnicate"], "");
    assert_eq!(code, 2);
}

#[test]
fn summary_sets_and_show() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let (_, scored, _) = ocop(&["score"], &format!("{good}\n"));
    let (code, out, _) = ocop(&["summary"], &scored);
    assert_eq!(code, 0);
    assert!(out.contains("1 lines: 1 scored, 0 rejected"), "{out}");
    let (code, out, _) = ocop(&["sets", "--edition", "qd148-2023"], "");
    assert_eq!(code, 0);
    assert!(out.contains("star minimums: unknown"), "{out}");
    assert!(out.contains("rau-cu-qua-hat-tuoi"), "{out}");
    assert!(out.contains("weak-source"), "{out}");
    assert!(out.contains("other tables not bundled"), "{out}");
    let (code, out, _) = ocop(&["sets", "--edition", "qd1048-2019"], "");
    assert_eq!(code, 0);
    let sets: Vec<&str> =
        out.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(sets.len(), 26, "{out}");
    assert!(out.contains("dich-vu-du-lich-truyen-thong-le-hoi"), "{out}");
    let (code, out, _) = ocop(&["show", "hoa"], "");
    assert_eq!(code, 0);
    assert!(out.contains("TỔNG CỘNG 100"), "{out}");
}

#[test]
fn points_are_written_on_request() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let member = |args: &[&str]| {
        let (code, out, _) = ocop(args, &format!("{good}\n"));
        assert_eq!(code, 0);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["members"][0].clone()
    };
    let plain = member(&["score"]);
    assert_eq!(plain["total"], 75);
    assert!(plain.get("points").is_none(), "{plain}");
    let full = member(&["score", "--points"]);
    assert_eq!(full["total"], 75);
    assert_eq!(full["points"]["1.1"], 3, "{full}");
    assert!(full["sections"].is_object(), "{full}");
}

#[test]
fn editions_are_checked_and_named() {
    // Case does not matter, as in the library.
    let (code, out, err) = ocop(&["sets", "--edition", "QD26-2026"], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("qd26-2026 — "), "{out}");
    assert!(out.contains("  hoa "), "{out}");
    // An unknown edition is a usage error that names the known ones.
    for args in [
        &["sets", "--edition", "nope"][..],
        &["show", "hoa", "--edition", "nope"],
        &["score", "--edition", "nope"],
    ] {
        let (code, out, err) = ocop(args, "");
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
        assert_eq!(
            err,
            "ocop: unknown edition \"nope\"; known editions: qd1048-2019, \
             qd1048-781, qd148-2023, qd26-2026\n"
        );
    }
    // An edition without tables says so, and how to supply them.
    let (code, _, err) = ocop(&["show", "hoa", "--edition", "qd148-2023"], "");
    assert_eq!(code, 2);
    assert!(err.contains("are not bundled"), "{err}");
    assert!(err.contains("--criteria <dir>"), "{err}");
    // Names as in JSON, not Rust's Debug forms.
    let (_, out, _) = ocop(&["sets", "--edition", "qd1048-781"], "");
    assert!(out.contains("star minimums: partial"), "{out}");
    assert!(out.contains(" cross-checked "), "{out}");
    assert!(
        !out.contains("CrossChecked") && !out.contains("Partial"),
        "{out}"
    );
}

#[test]
fn a_default_edition_does_not_override_a_date() {
    let line = include_str!("../examples/data/tan-hong-2021.jsonl")
        .lines()
        .next()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
    v.as_object_mut().unwrap().remove("edition");
    assert!(v["date"].is_string());
    let line = v.to_string();
    let (code, out, err) =
        ocop(&["score", "--edition", "qd26-2026", "--inferred"], &line);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["edition"], "qd1048-781");
    assert_eq!(v["edition_basis"], "date");
}

#[test]
fn criteria_check_lists_every_problem() {
    let dir = crate::loader::scratch_dir("cli-criteria-check");
    std::fs::create_dir_all(dir.join("qd26-2026")).unwrap();
    std::fs::write(dir.join("qd26-2026/a.json"), "{").unwrap();
    std::fs::write(dir.join("qd26-2026/b.json"), "{}").unwrap();
    let d = dir.to_str().unwrap();
    let (code, out, err) = ocop(&["criteria", "check", d], "");
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "qd26-2026/a.json:1:1: EOF while parsing an object\n\
         qd26-2026/b.json:1:2: missing field `id`\n"
    );
    assert!(err.ends_with(": 2 problems\n"), "{err}");
    std::fs::remove_file(dir.join("qd26-2026/a.json")).unwrap();
    std::fs::remove_file(dir.join("qd26-2026/b.json")).unwrap();
    let (code, out, _) = ocop(&["criteria", "check", d], "");
    assert_eq!(code, 0);
    assert!(out.contains(": no problems (4 editions"), "{out}");
}

/// `criteria template` and `criteria build`: the README's worked example
/// built, scored with `--criteria`, and a blank template's problems.
#[test]
fn criteria_workbooks_build_and_score() {
    let dir = crate::loader::scratch_dir("cli-criteria-book");
    let d = dir.to_str().unwrap();
    let book = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/rau-cu-qua-hat-tuoi-tinh.xlsx"
    );
    let (code, out, err) = ocop(&["criteria", "build", book, "-o", d], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.ends_with("qd26-2026/rau-cu-qua-hat-tuoi.json\n"), "{out}");
    let sample = ocop::samples::EVALUATION_2026;
    let (code, out, _) = ocop(&["--criteria", d, "score", "-"], sample);
    assert_eq!(code, 0);
    assert!(out.contains(r#","provenance":"user","#), "{out}");
    assert!(out.contains(r#""kind":"user_supplied""#), "{out}");
    let blank = dir.join("blank.xlsx");
    let b = blank.to_str().unwrap();
    let args = ["criteria", "template", "--edition", "qd148-2023", "-o", b];
    let (code, _, err) = ocop(&args, "");
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = ocop(&["criteria", "build", b, "-o", d], "");
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("Bộ tiêu chí!C3: set: a value is needed\n"),
        "{out}"
    );
    assert!(err.ends_with(" problems\n"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plan_writes_one_line_per_input_line() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let (code, out, err) = ocop(&["plan"], &format!("{good}\n{{oops\n"));
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#"{"id":"SAMPLE-2026-01","edition":"qd26-2026","set":"rau-cu-qua-hat-tuoi","from":{"total":74.33,"band":4,"stars":3,"status":"rated"},"target":4,"reachable":true,"reason":null,"steps":[{"criterion":"8","title":"TÍNH ĐỘC ĐÁO","option":3,"points":3,"council_points_before":1.00,"council_points_after":3.00,"gates":[4]}],"changes":1,"cost":null,"after":{"total":76.33,"band":4,"stars":4,"status":"rated"}}"#
    );
    assert!(
        lines[1].starts_with(r#"{"line":2,"error":{"kind":"json","#),
        "{}",
        lines[1]
    );
    assert!(err.contains("2 lines: 1 planned, 1 rejected"), "{err}");
    assert!(err.contains("1 one change from the target"), "{err}");
    assert!(
        err.contains(
            "criteria raised most often (plans, code, title):\n       1  8      TÍNH ĐỘC ĐÁO\n"
        ),
        "{err}"
    );
    // For people.
    let (code, out, _) = ocop(&["plan", "--text", "--target", "5"], good);
    assert_eq!(code, 0);
    assert!(out.starts_with("SAMPLE-2026-01 · rau-cu-qua-hat-tuoi · 74.33 điểm, 3★ → mục tiêu 5★"), "{out}");
    // Usage errors.
    let (code, _, err) = ocop(&["plan", "--target", "6"], good);
    assert_eq!(code, 2, "{err}");
    let dir = crate::loader::scratch_dir("cli-plan-costs");
    let costs = dir.join("costs.json");
    std::fs::write(&costs, r#"{"criteria": {"8": {"4": 7}}}"#).unwrap();
    let (code, out, _) =
        ocop(&["plan", "--costs", costs.to_str().unwrap()], good);
    assert_eq!(code, 0);
    assert!(
        out.contains(r#""option":4"#) && out.contains(r#""cost":7"#),
        "{out}"
    );
    std::fs::write(&costs, "[]").unwrap();
    let (code, _, err) =
        ocop(&["plan", "--costs", costs.to_str().unwrap()], good);
    assert_eq!(code, 2);
    assert!(err.contains("costs: expected an object"), "{err}");
}

#[test]
fn explain_shows_the_sheet() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let (code, out, _) = ocop(&["explain"], good);
    assert_eq!(code, 0);
    assert!(out.contains(" ◀ 8      TÍNH ĐỘC ĐÁO"), "{out}");
    let (code, out, _) =
        ocop(&["explain", "--json"], &format!("{good}\nnope\n"));
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["criteria"][0]["code"], "1.1");
    assert_eq!(lines[1]["error"]["kind"], "json");
}

/// `ocop check`: one list per line, every problem of a line at once, the
/// same problems `Catalog::check` finds; exit 1 when any line has one.
#[test]
fn check_lists_every_problem_of_each_line() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let (code, out, err) = ocop(&["check"], &format!("{good}\n"));
    assert_eq!((code, out.as_str()), (0, "[]\n"), "{err}");

    let mut ev = ocop::Evaluation::from_json(good).unwrap();
    ev.set_answer(Some("m1"), "1.1", ocop::Answer::Option(9)).unwrap();
    ev.set_answer(Some("m2"), "2.4", ocop::Answer::Option(1)).unwrap();
    let bad = serde_json::to_string(&ev).unwrap();
    let (code, out, err) = ocop(&["check"], &format!("{good}\n{bad}\nnope\n"));
    assert_eq!(code, 1);
    assert!(
        err.contains("3 lines: 1 without problems, 1 with, 1 rejected"),
        "{err}"
    );
    let lines: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], serde_json::json!([]));
    let want: Vec<serde_json::Value> = ocop::Catalog::official()
        .check(&ev)
        .iter()
        .map(|e| serde_json::json!({"message": e.to_string(), "error": e.kind()}))
        .collect();
    assert_eq!(want.len(), 2);
    assert_eq!(lines[1], serde_json::Value::Array(want));
    assert_eq!(lines[2]["line"], 3);
    assert_eq!(lines[2]["error"]["kind"], "json");
}

/// Bad arguments are the library's refusals: the same kind and sentence
/// as the library and the bindings, as a JSON record on stderr with
/// `--json-errors`; a rejected line's record carries its sentence then.
#[test]
fn json_errors_give_the_librarys_kind_and_sentence() {
    let sample = std::fs::read_to_string("examples/data/sample-2026.json")
        .unwrap()
        .replace('\n', " ");
    let (code, _, err) =
        ocop(&["--json-errors", "plan", "--target", "9", "-"], &sample);
    assert_eq!(code, 2, "{err}");
    let e: serde_json::Value = serde_json::from_str(err.trim()).unwrap();
    assert_eq!(e["error"]["kind"], "invalid_target", "{err}");
    assert_eq!(e["message"], "target 9★ is not a star tier: give 1 to 5");
    // Without the flag: the same sentence, for a person.
    let (code, _, err) = ocop(&["plan", "--target", "9", "-"], &sample);
    assert_eq!(
        (code, err.as_str()),
        (2, "ocop: target 9★ is not a star tier: give 1 to 5\n")
    );
    // A rejected line: its record, with the sentence as "message".
    let broken = sample.replace("\"1.1\": 3", "\"1.1\": 9");
    assert_ne!(broken, sample);
    let (code, out, _) = ocop(&["--json-errors", "score", "-"], &broken);
    assert_eq!(code, 1);
    let r: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(r["error"]["kind"], "option_out_of_range", "{out}");
    let ev = ocop::Evaluation::from_json(&broken).unwrap();
    let want = ocop::Catalog::official().score(&ev).unwrap_err();
    assert_eq!(r["message"], want.to_string());
    // Threads past the stated maximum are a usage error, not a panic.
    let (code, _, err) = ocop(&["score", "--threads", "100000", "-"], "");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("give 1 to 256 threads"), "{err}");
}
