//! Workbooks at the command line: `template`, `import`, and the input of
//! the batch commands when a file is `.xlsx`, `.xls`, `.ods` or `.csv`.
//! The work is the library's (`ocop::workbook`).

use std::io::{BufRead, Write};
use std::path::Path;

use ocop::workbook::{self, Format, Products};
use ocop::{BatchScorer, BatchStats, Catalog, Evaluation, ScoreOptions};

use crate::fail::{At, Fail};

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
    ) -> Result<Source, Fail> {
        if file != "-" && is_workbook(file) {
            let products = workbook::read_file(Path::new(file), catalog, opts)
                .at(file)?;
            return Ok(Source::Book(products));
        }
        Ok(open().map(Source::Lines)?)
    }

    /// `op` on each evaluation, `f` on each result, in order.
    pub fn map_each<T: Send>(
        self,
        scorer: &BatchScorer<'_>,
        op: impl Fn(&Evaluation<'_>) -> ocop::Result<T> + Sync,
        f: impl FnMut(u64, ocop::Result<T>),
    ) -> Result<BatchStats, Fail> {
        match self {
            Source::Lines(r) => Ok(scorer.map_each(r, op, f)?),
            Source::Book(p) => Ok(workbook::map_products(p, op, f)),
        }
    }

    /// `op`'s list of problems for each evaluation, `f` on each, in
    /// order; a workbook's problems at their cells.
    pub fn check_each(
        self,
        scorer: &BatchScorer<'_>,
        op: impl Fn(&Evaluation<'_>) -> Vec<ocop::Error> + Sync,
        f: impl FnMut(u64, ocop::Result<Vec<ocop::Error>>),
    ) -> Result<BatchStats, Fail> {
        match self {
            Source::Lines(r) => Ok(scorer.map_each(r, |ev| Ok(op(ev)), f)?),
            Source::Book(p) => Ok(workbook::check_products(p, op, f)),
        }
    }

    /// Scorecards or error records, one a line, to `out`.
    pub fn score(
        self,
        scorer: &BatchScorer<'_>,
        out: impl Write,
    ) -> Result<BatchStats, Fail> {
        Ok(match self {
            Source::Lines(r) => scorer.run(r, out),
            Source::Book(p) => workbook::score_products(scorer, &p, out),
        }?)
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
) -> Result<(), Fail> {
    let ed = catalog.edition_or_today(edition)?;
    let set = ed.find_set(set)?;
    let format = Format::of(output)
        .filter(|f| f.writable())
        .ok_or_else(|| format!("{}: write .xlsx or .csv", output.display()))?;
    let bytes = workbook::template(set, members, products, format)?;
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
    json_errors: bool,
) -> Result<BatchStats, Fail> {
    let products =
        workbook::read_file(Path::new(file), catalog, opts).at(file)?;
    Ok(workbook::evaluation_lines(products, &mut out, json_errors)?)
}

/// Whether a file's name is a workbook's (`.xlsx`, `.xls`, `.ods`,
/// `.csv`), which the batch commands read as one.
pub fn is_workbook(file: &str) -> bool {
    Format::of(Path::new(file)).is_some()
}

/// `ocop criteria template` and `ocop criteria build`; `check` is
/// answered before any catalog is loaded.
pub fn criteria(
    command: crate::CriteriaCommand,
    catalog: &Catalog,
) -> Result<std::process::ExitCode, Fail> {
    use crate::CriteriaCommand as C;
    use ocop::criteria_book;
    match command {
        C::Check { .. } => unreachable!("answered before the catalog loads"),
        C::Template { like, edition, output } => {
            let ed = catalog.edition_or_today(edition.as_deref())?;
            let set = like.as_deref().map(|s| ed.find_set(s)).transpose()?;
            let bytes =
                criteria_book::template(ed.info(), set.map(|s| s.sheet()))?;
            std::fs::write(&output, &bytes)
                .map_err(|e| format!("{}: {e}", output.display()))?;
            match set {
                Some(s) => eprintln!(
                    "wrote {}: set {} of {}, to edit",
                    output.display(),
                    s.id(),
                    ed.id()
                ),
                None => eprintln!(
                    "wrote {}: a blank set of {}",
                    output.display(),
                    ed.id()
                ),
            }
            Ok(std::process::ExitCode::SUCCESS)
        }
        C::Build { file, output } => {
            let built = match criteria_book::build_file(&file) {
                Ok(b) => b,
                Err(e) => match e.kind() {
                    // Every problem, one a line, as `criteria check`.
                    ocop::ErrorKind::Workbook { problems } => {
                        for p in problems {
                            println!("{p}");
                        }
                        eprintln!(
                            "{}: {} problems",
                            file.display(),
                            problems.len()
                        );
                        return Ok(std::process::ExitCode::from(1));
                    }
                    _ => return Err(e).at(file.display()),
                },
            };
            for p in built.write_to(&output)? {
                println!("{}", p.display());
            }
            eprintln!(
                "set {} of {}: no problems; fingerprint {}; score with \
                 --criteria {}",
                built.sheet.id,
                built.edition,
                built.fingerprint,
                output.display()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
    }
}
