//! A whole report from a batch of lines: each line scored, planned and
//! counted into a [`Summary`], the lines that fail to score keeping their
//! certificate, and the page or workbook made from it (feature `report`).
//!
//! `ocop report` is this call and nothing more, so any Rust program, the
//! WebAssembly package and the command give the same bytes for the same
//! lines, options and day.

use std::io::{BufRead, Write};
use std::path::Path;

use super::{Lang, Summary};
use crate::advice::{Explanation, Plan, PlanOptions};
use crate::batch::{BatchScorer, BatchStats};
use crate::catalog::Catalog;
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::scorecard::Scorecard;

/// What a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Output {
    /// One self-contained HTML page ([`crate::html::page`]).
    #[default]
    Html,
    /// The results workbook ([`super::Results`]), feature `xlsx`.
    #[cfg(feature = "xlsx")]
    Xlsx,
}

impl Output {
    /// The output a file's name asks for: `.xlsx` the workbook; `.html`,
    /// `.htm`, no extension, or `-` (standard output) the page. `None`
    /// for any other extension, which a report does not write.
    ///
    /// ```
    /// use ocop::report::Output;
    ///
    /// assert_eq!(Output::for_path("r.html".as_ref()), Some(Output::Html));
    /// assert_eq!(Output::for_path("-".as_ref()), Some(Output::Html));
    /// assert_eq!(Output::for_path("r.csv".as_ref()), None);
    /// ```
    pub fn for_path(path: &Path) -> Option<Output> {
        let ext = path.extension().and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            None | Some("html" | "htm") => Some(Output::Html),
            #[cfg(feature = "xlsx")]
            Some("xlsx") => Some(Output::Xlsx),
            Some(_) => None,
        }
    }
}

/// How a report is made: the rules lines are scored and planned by, the
/// fields its places are grouped by, the day certificates are taken on,
/// its language and what it is written as.
///
/// ```
/// use ocop::report::{Output, ReportOptions};
///
/// let mut opts = ReportOptions::default();
/// opts.as_of = Some("2026-01-20".parse()?);
/// opts.by = vec!["district".into()];
/// assert_eq!(opts.output, Output::Html);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The rules each line is scored and planned by; each plan aims at
    /// the product's next star.
    pub plan: PlanOptions,
    /// Carried fields for the places, outermost first; empty: those of
    /// [`DEFAULT_GROUPS`](super::DEFAULT_GROUPS) the data has.
    pub by: Vec<String>,
    /// The day certificates are taken on; `None`: today in Vietnam.
    pub as_of: Option<Date>,
    /// The language of the page or workbook.
    pub lang: Lang,
    /// What the report is written as.
    pub output: Output,
    /// Worker threads for JSON Lines (default: all cores).
    pub threads: Option<usize>,
}

/// A report collected from a batch: its [`Summary`], the batch's counts,
/// and (for the workbook) the products' rows. [`Report::into_bytes`]
/// writes it.
#[derive(Debug)]
#[non_exhaustive]
pub struct Report {
    /// Everything counted.
    pub summary: Summary,
    /// Lines read, scored and rejected; a line that is an evaluation but
    /// cannot be scored or planned counts as rejected.
    pub stats: BatchStats,
    lang: Lang,
    output: Output,
    #[cfg(feature = "xlsx")]
    book: Option<super::Results>,
}

/// A line's scorecard, plan and (for the workbook) explanation, or the
/// error with the evaluation's carried fields, which list its
/// certificate all the same.
type Scored = std::result::Result<
    (Scorecard, Plan, Option<Explanation>),
    (Error, serde_json::Map<String, serde_json::Value>),
>;

impl Report {
    fn empty(opts: &ReportOptions) -> Report {
        let by: Vec<&str> = opts.by.iter().map(String::as_str).collect();
        let summary = Summary::grouped_by(&by);
        let day = opts.as_of.unwrap_or_else(Date::today_in_vietnam);
        Report {
            summary: summary.as_of(day),
            stats: BatchStats::default(),
            lang: opts.lang,
            output: opts.output,
            #[cfg(feature = "xlsx")]
            book: (opts.output == Output::Xlsx)
                .then(|| super::Results::new(opts.lang)),
        }
    }

    /// Whether the product's criteria are explained (for `Chi tiết`).
    fn explains(&self) -> bool {
        #[cfg(feature = "xlsx")]
        return self.book.is_some();
        #[cfg(not(feature = "xlsx"))]
        false
    }

    /// Scores and plans one evaluation.
    fn score(
        catalog: &Catalog,
        opts: &PlanOptions,
        explain: bool,
        ev: &Evaluation<'_>,
    ) -> Scored {
        let scored =
            catalog.score_and_plan(ev, opts).and_then(|(card, plan)| {
                let x = explain.then(|| catalog.explain(ev, &opts.score));
                Ok((card, plan, x.transpose()?))
            });
        scored.map_err(|e| (e, ev.carried()))
    }

    /// Counts one line's result.
    fn take(&mut self, catalog: &Catalog, line: u64, result: Result<Scored>) {
        let (e, fields) = match result {
            Ok(Ok((card, plan, x))) => {
                self.summary.add_plan(&card, &plan);
                #[cfg(feature = "xlsx")]
                if let Some(book) = &mut self.book {
                    book.add(line, Ok((&card, &plan, x.as_ref())));
                }
                #[cfg(not(feature = "xlsx"))]
                let _ = x;
                self.summary.add_with(line, &Ok(card), Some(catalog));
                return;
            }
            Ok(Err((e, fields))) => (e, Some(fields)),
            Err(e) => (e, None),
        };
        self.summary.add_rejected(line, &e, fields.as_ref());
        #[cfg(feature = "xlsx")]
        if let Some(book) = &mut self.book {
            book.add(line, Err(&e));
        }
    }

    /// The batch's counts: the summary's own, in which a line that reads
    /// but does not score or plan is rejected.
    fn finish_stats(&mut self) {
        self.stats = BatchStats {
            lines: self.summary.lines,
            scored: self.summary.scored,
            rejected: self.summary.rejected,
        };
    }

    /// The page or workbook.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when the workbook's writer
    /// fails (never for the data: see [`super::Results`]).
    pub fn into_bytes(self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        Ok(out)
    }

    /// The page or workbook written to `out` as it is made, rather than
    /// gathered in memory first: the same bytes as [`Report::into_bytes`].
    /// Returns how many bytes were written.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when writing fails.
    pub fn write_to(self, out: impl Write + Send) -> Result<u64> {
        let mut out = Counted { out, bytes: 0 };
        let failed = |e: std::io::Error| ErrorKind::io(Path::new("output"), e);
        match self.output {
            Output::Html => {
                let page = super::html::page(&self.summary, self.lang);
                out.write_all(page.as_bytes()).map_err(failed)?;
            }
            #[cfg(feature = "xlsx")]
            Output::Xlsx => {
                let book = match self.book {
                    Some(book) => book,
                    None => super::Results::new(self.lang),
                };
                book.finish_to(&self.summary, &mut out)?;
            }
        }
        out.flush().map_err(failed)?;
        Ok(out.bytes)
    }
}

/// A writer that counts what passes through it.
struct Counted<W> {
    out: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Collects a report from JSON Lines of evaluations: each line scored and
/// planned with `opts`, in order, one result a line.
///
/// # Errors
///
/// [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails. A line
/// that does not score is counted, never an error.
///
/// # Example
///
/// ```
/// use ocop::{Catalog, report::{self, ReportOptions}};
///
/// let mut opts = ReportOptions::default();
/// opts.as_of = Some("2026-01-20".parse()?);
/// let lines = format!("{}\nnot json\n", ocop::samples::EVALUATION_2026.trim_end());
/// let r = report::collect(Catalog::official(), lines.as_bytes(), &opts)?;
/// assert_eq!((r.stats.lines, r.stats.scored, r.stats.rejected), (2, 1, 1));
/// let page = r.into_bytes()?;
/// assert!(page.starts_with(b"<!DOCTYPE html>"));
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn collect(
    catalog: &Catalog,
    input: impl BufRead + Send,
    opts: &ReportOptions,
) -> Result<Report> {
    let mut report = Report::empty(opts);
    let explain = report.explains();
    let mut scorer = BatchScorer::new(catalog);
    if let Some(n) = opts.threads {
        scorer = scorer.threads(n);
    }
    scorer.map_each(
        input,
        |ev| Ok(Report::score(catalog, &opts.plan, explain, ev)),
        |line, result| report.take(catalog, line, result),
    )?;
    report.finish_stats();
    Ok(report)
}

/// [`collect`] over a workbook's products ([`crate::workbook::read`]), in
/// their order (feature `xlsx`).
///
/// ```
/// use ocop::{Catalog, ScoreOptions, report::{self, ReportOptions}, workbook};
///
/// let catalog = Catalog::official();
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/tan-hong-2021.xlsx");
/// let bytes = std::fs::read(path).unwrap();
/// let products = workbook::read(&bytes, workbook::Format::Xlsx, "tan-hong.xlsx",
///                               catalog, &ScoreOptions::default())?;
/// let mut opts = ReportOptions::default();
/// opts.as_of = Some("2026-01-20".parse()?);
/// let r = report::collect_products(catalog, products, &opts);
/// assert_eq!(r.stats.lines, r.summary.lines);
/// # Ok::<(), ocop::Error>(())
/// ```
#[cfg(feature = "xlsx")]
pub fn collect_products(
    catalog: &Catalog,
    products: crate::workbook::Products,
    opts: &ReportOptions,
) -> Report {
    let mut report = Report::empty(opts);
    let explain = report.explains();
    crate::workbook::map_products(
        products,
        |ev| Ok(Report::score(catalog, &opts.plan, explain, ev)),
        |line, result| report.take(catalog, line, result),
    );
    report.finish_stats();
    report
}

/// The report's bytes from JSON Lines of evaluations: [`collect`], then
/// [`Report::into_bytes`]. The call a binding makes with lines, a day
/// and options.
///
/// ```
/// use ocop::{Catalog, report::{self, ReportOptions}};
///
/// let mut opts = ReportOptions::default();
/// opts.as_of = Some("2026-01-20".parse()?);
/// let page = report::render(Catalog::official(),
///                           ocop::samples::EVALUATION_2026.as_bytes(), &opts)?;
/// assert!(String::from_utf8(page).unwrap().contains("</html>"));
/// # Ok::<(), ocop::Error>(())
/// ```
///
/// # Errors
///
/// See [`collect`] and [`Report::into_bytes`].
pub fn render(
    catalog: &Catalog,
    input: impl BufRead + Send,
    opts: &ReportOptions,
) -> Result<Vec<u8>> {
    collect(catalog, input, opts)?.into_bytes()
}
