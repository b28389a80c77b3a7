//! One line through the batch (fast path first) with per-criterion points
//! is exactly serde_json of `Catalog::score_with`, or an error record
//! exactly when the general path fails: with and without inferred data.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::{BatchScorer, Catalog, Evaluation, ScoreOptions};
use serde_json::{Value, json};

/// The id a record carries for a line that does not parse.
fn probe_id(line: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Probe {
        id: Option<String>,
    }
    serde_json::from_str::<Probe>(line).ok()?.id
}

fuzz_target!(|data: &[u8]| {
    // The batch splits lines at newlines, so a line never holds one.
    if data.contains(&b'\n') {
        return;
    }
    for inferred in [false, true] {
        let opts = ScoreOptions { inferred, ..Default::default() };
        let mut out = Vec::new();
        let ok = BatchScorer::new(Catalog::official())
            .options(opts.clone())
            .points(true)
            .score_line(data, 1, &mut out);
        let out = std::str::from_utf8(&out).expect("output is UTF-8");
        let out = out.strip_suffix('\n').expect("one newline-ended line");
        let Ok(text) = std::str::from_utf8(data) else {
            assert!(!ok);
            continue;
        };
        // As the batch reads line 1: CR and one byte-order mark dropped.
        let text = text.strip_suffix('\r').unwrap_or(text);
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim_ascii().is_empty() {
            assert!(!ok);
            continue;
        }
        // Evaluation::from_json would drop a second mark; the batch not.
        if text.starts_with('\u{feff}') {
            assert!(!ok);
            continue;
        }
        let general = Evaluation::from_json(text)
            .and_then(|ev| Catalog::official().score_with(&ev, &opts));
        match general {
            Ok(card) => {
                assert!(ok, "{text}\n{out}");
                assert_eq!(
                    out,
                    serde_json::to_string(&card).unwrap(),
                    "{text}"
                );
            }
            Err(e) => {
                assert!(!ok, "{text}\n{out}");
                let got: Value = serde_json::from_str(out).unwrap();
                let mut want = serde_json::to_value(e.kind()).unwrap();
                want.as_object_mut().unwrap().remove("line");
                assert_eq!(got["error"], want, "{text}");
                assert_eq!(got["line"], 1);
                let id = match e.kind() {
                    ocop::ErrorKind::Json { .. } => probe_id(text),
                    _ => e.product().map(str::to_owned),
                };
                assert_eq!(
                    got.get("id").cloned(),
                    id.map(|i| json!(i)),
                    "{text}"
                );
            }
        }
    }
});
