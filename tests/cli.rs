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
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
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
    assert!(out.contains("tables not bundled"), "{out}");
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
