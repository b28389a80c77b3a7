//! Outputs that a change of code must not change: the CLI's `score`,
//! `plan --text`, `explain` and `report` on every bundled example and on a
//! generated file that covers every edition, byte for byte.
//!
//! A change of the criteria data may change them; regenerate with
//! `OCOP_BLESS=1 cargo test --all-features golden` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Each input with the flags it is scored with. The 301-line province
/// example skips `explain` (almost 1 MB of text); the other inputs cover it.
const INPUTS: &[(&str, &str, &[&str])] = &[
    ("tan-hong", "examples/data/tan-hong-2021.jsonl", &["--inferred"]),
    ("dong-thap", "examples/data/dong-thap-2021-2023.jsonl", &[]),
    ("dong-thap-2026", "examples/data/dong-thap-2026.jsonl", &[]),
    ("sample", "tests/golden/sample-2026.jsonl", &[]),
    (
        "generated",
        "tests/golden/generated.jsonl",
        &["--inferred", "--weak-sources"],
    ),
];

const COMMANDS: &[(&str, &[&str])] = &[
    ("score", &["score"]),
    ("plan", &["plan", "--text"]),
    ("explain", &["explain"]),
    // A fixed day for the certificates panel, not the clock's.
    ("report", &["report", "--as-of", "2026-12-01", "-o", "-"]),
];

fn run(args: &[&str], file: &Path) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(args)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "ocop {args:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn outputs_are_unchanged() {
    let bless = std::env::var_os("OCOP_BLESS").is_some();
    let mut changed = Vec::new();
    for (name, input, flags) in INPUTS {
        let file = root().join(input);
        for (cmd, args) in COMMANDS {
            if name.starts_with("dong-thap") && *cmd == "explain" {
                continue;
            }
            let args: Vec<&str> = args.iter().chain(*flags).copied().collect();
            let got = run(&args, &file);
            let path = root().join(format!("tests/golden/{name}.{cmd}.out"));
            if bless {
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read(&path).unwrap_or_default();
            if got != want {
                let actual = path.with_extension("actual");
                std::fs::write(&actual, &got).unwrap();
                changed.push(format!(
                    "{}: differs; this run's output is in {}",
                    path.display(),
                    actual.display()
                ));
            }
        }
    }
    assert!(changed.is_empty(), "{}", changed.join("\n"));
}
