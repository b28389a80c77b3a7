//! Workbooks at the command line: `template`, `import`, and the input of
//! the batch commands when a file is `.xlsx`, `.xls`, `.ods` or `.csv`.
//! The work is the library's (`ocop::workbook`).

use std::io::{BufRead, Write};
use std::path::Path;

use ocop::workbook::{self, Format, Products};
use ocop::{BatchScorer, BatchStats, Catalog, Evaluation, ScoreOptions};

/// Evaluations to read: JSON Lines, or a workbook's products.
pub enum Source {
    Lines(Box<dyn BufRead + Send>),
    Book(Products),
}

impl Source {
    /// A workbook's products when `file` has a workbook's extension,
    /// else JSON Lines from `open`.
    pub fn of(
        file: &str,
        catalog: &Catalog,
        opts: &ScoreOptions,
        open: impl FnOnce() -> Result<Box<dyn BufRead + Send>, String>,
    ) -> Result<Source, String> {
        if file != "-" && Format::of(Path::new(file)).is_some() {
            let products = workbook::read_file(Path::new(file), catalog, opts)
                .map_err(|e| format!("{file}: {e}"))?;
            return Ok(Source::Book(products));
        }
        open().map(Source::Lines)
    }

    /// `op` on each evaluation, `f` on each result, in order.
    pub fn map_each<T: Send>(
        self,
        scorer: &BatchScorer<'_>,
        op: impl Fn(&Evaluation<'_>) -> ocop::Result<T> + Sync,
        f: impl FnMut(u64, ocop::Result<T>),
    ) -> Result<BatchStats, String> {
        match self {
            Source::Lines(r) => {
                scorer.map_each(r, op, f).map_err(|e| e.to_string())
            }
            Source::Book(p) => Ok(workbook::map_products(p, op, f)),
        }
    }

    /// Scorecards or error records, one a line, to `out`.
    pub fn score(
        self,
        scorer: &BatchScorer<'_>,
        out: impl Write,
    ) -> Result<BatchStats, String> {
        match self {
            Source::Lines(r) => scorer.run(r, out),
            Source::Book(p) => workbook::score_products(scorer, &p, out),
        }
        .map_err(|e| e.to_string())
    }
}

/// `ocop template`: a blank workbook or CSV file for a set.
pub fn template(
    catalog: &Catalog,
    set: &str,
    edition: Option<&str>,
    members: usize,
    products: usize,
    output: &Path,
) -> Result<(), String> {
    let ed = match edition {
        Some(id) => catalog.find_edition(id),
        None => {
            let today = ocop::Date::today_in_vietnam();
            catalog.edition_for(today, Some(today), false)
        }
    }
    .map_err(|e| e.to_string())?;
    let set = ed.find_set(set).map_err(|e| e.to_string())?;
    let format = Format::of(output)
        .filter(|f| f.writable())
        .ok_or_else(|| format!("{}: write .xlsx or .csv", output.display()))?;
    let bytes = workbook::template(set, members, products, format)
        .map_err(|e| e.to_string())?;
    std::fs::write(output, &bytes)
        .map_err(|e| format!("{}: {e}", output.display()))?;
    eprintln!(
        "wrote {}: set {} ({}), {products} products, {members} members",
        output.display(),
        set.id(),
        set.edition()
    );
    Ok(())
}

/// `ocop import`: a workbook's evaluations as JSON Lines, and an error
/// record in place of each product that has problems.
pub fn import(
    catalog: &Catalog,
    file: &str,
    opts: &ScoreOptions,
    mut out: impl Write,
) -> Result<BatchStats, String> {
    let products = workbook::read_file(Path::new(file), catalog, opts)
        .map_err(|e| format!("{file}: {e}"))?;
    let mut buf = Vec::new();
    let json = |ev: &Evaluation<'_>| {
        serde_json::to_vec(ev).map_err(|e| {
            ocop::ErrorKind::Io {
                path: "output".into(),
                message: e.to_string(),
            }
            .into()
        })
    };
    let stats = workbook::map_products(products, json, |n, r| {
        match r {
            Ok(line) => buf.extend_from_slice(&line),
            Err(e) => BatchScorer::error_record(&mut buf, n, &e),
        }
        buf.push(b'\n');
    });
    out.write_all(&buf)
        .and_then(|()| out.flush())
        .map_err(|e| format!("output: {e}"))?;
    Ok(stats)
}

/// Whether `ocop report` writes the results workbook: an `.xlsx` output.
pub fn results_wanted(output: &Path) -> bool {
    Format::of(output) == Some(Format::Xlsx)
}
