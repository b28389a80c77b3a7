//! Arbitrary bytes through `BatchScorer::run` with small chunks: one record
//! per input line, in order, and the same bytes on one and two threads.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::{BatchScorer, Catalog};

fuzz_target!(|data: &[u8]| {
    let lines = data.split(|&b| b == b'\n').count()
        - usize::from(data.is_empty() || data.ends_with(b"\n"));
    let run = |threads: usize| {
        let mut out = Vec::new();
        let stats = BatchScorer::new(Catalog::official())
            .threads(threads)
            .chunk_bytes(64)
            .max_line_bytes(4096)
            .run(data, &mut out)
            .expect("reading a slice and writing a Vec cannot fail");
        assert_eq!(stats.lines as usize, lines);
        assert_eq!(stats.scored + stats.rejected, stats.lines);
        out
    };
    let one = run(1);
    let text = std::str::from_utf8(&one).expect("output is UTF-8");
    assert_eq!(text.lines().count(), lines);
    for (i, line) in text.lines().enumerate() {
        let v: serde_json::Value =
            serde_json::from_str(line).expect("every record is JSON");
        if let Some(n) = v.get("line") {
            assert_eq!(n.as_u64(), Some(i as u64 + 1), "{line}");
        }
    }
    assert_eq!(run(2), one);
});
