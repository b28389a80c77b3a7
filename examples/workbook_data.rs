//! Writes `examples/data/tan-hong-2021.xlsx` from the JSONL example: the
//! same twelve evaluations in the workbook layout (`ocop::workbook`).
//!
//! `cargo run --example workbook_data > examples/data/tan-hong-2021.xlsx`;
//! CI checks the committed file is what this writes (the writer fixes the
//! workbook's creation time, so the bytes do not change from run to run).

use std::io::Write;

use ocop::{Catalog, Evaluation, ScoreOptions, workbook};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = include_str!("data/tan-hong-2021.jsonl");
    let evs = text
        .lines()
        .map(|l| Evaluation::from_json(l).map(Evaluation::into_owned))
        .collect::<Result<Vec<_>, _>>()?;
    let bytes = workbook::write(
        &evs,
        Catalog::official(),
        &ScoreOptions::default(),
        workbook::Format::Xlsx,
    )?;
    std::io::stdout().write_all(&bytes)?;
    Ok(())
}
