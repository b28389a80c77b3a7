//! Importing a workbook against reading the same evaluations from JSONL,
//! measured in the same run (feature `xlsx`).
//!
//! Input: the first 300 products of `examples/data/dong-thap-2021-2023.jsonl`
//! (councils of 5 to 9 members over 1048/781 sets), written once into the
//! workbook layout (`.xlsx`, 301 sheets) and into the CSV form.
//!
//! - `workbook/jsonl/300`: every line through `Evaluation::from_json`,
//!   owned (the baseline: what `ocop score` reads a product from).
//! - `workbook/xlsx/300`: `workbook::read` of the `.xlsx` bytes: unzip,
//!   XML, the layout, points to options, owned evaluations.
//! - `workbook/csv/300`: `workbook::read` of the CSV form.
//!
//! Each bench checks that it read 300 evaluations, every one of them.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ocop::workbook::{self, Format};
use ocop::{Catalog, Evaluation, ScoreOptions};

fn benches(c: &mut Criterion) {
    let catalog = Catalog::official();
    let opts = ScoreOptions { inferred: true, ..Default::default() };
    let text: String =
        include_str!("../examples/data/dong-thap-2021-2023.jsonl")
            .lines()
            .take(300)
            .map(|l| format!("{l}\n"))
            .collect();
    let evs: Vec<Evaluation<'static>> = text
        .lines()
        .map(|l| Evaluation::from_json(l).unwrap().into_owned())
        .collect();
    let xlsx = workbook::write(&evs, catalog, &opts, Format::Xlsx).unwrap();
    let csv = workbook::write(&evs, catalog, &opts, Format::Csv).unwrap();
    let mut g = c.benchmark_group("workbook");
    g.sample_size(20);
    g.bench_function("jsonl/300", |b| {
        b.iter(|| {
            let n = text
                .lines()
                .map(|l| {
                    Evaluation::from_json(black_box(l))
                        .map(Evaluation::into_owned)
                })
                .filter(Result::is_ok)
                .count();
            assert_eq!(n, 300);
        })
    });
    for (name, bytes, format) in
        [("xlsx/300", &xlsx, Format::Xlsx), ("csv/300", &csv, Format::Csv)]
    {
        g.bench_function(name, |b| {
            b.iter(|| {
                let got = workbook::read(
                    black_box(bytes),
                    format,
                    "in",
                    catalog,
                    &opts,
                )
                .unwrap();
                assert_eq!(got.iter().filter(|r| r.is_ok()).count(), 300);
            })
        });
    }
    g.finish();
}

criterion_group!(workbook_benches, benches);
criterion_main!(workbook_benches);
