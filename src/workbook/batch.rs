//! A workbook's products through the batch commands: one result per
//! product, in order, as [`BatchScorer`] gives one per line.

use std::io::Write;

use crate::batch::{BatchScorer, BatchStats};
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;

use super::Products;

/// Applies `op` to each product read and calls `f` with the product's
/// number (from 1) and the result, or the product's own error: what
/// [`BatchScorer::map_each`] does for the lines of a JSONL file.
///
/// ```
/// use ocop::{Catalog, ScoreOptions, workbook};
///
/// let catalog = Catalog::official();
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?.into_owned();
/// let stats = workbook::map_products(vec![Ok(ev)], |ev| catalog.score(ev), |n, card| {
///     assert_eq!((n, card.unwrap().rating.band), (1, 4));
/// });
/// assert_eq!(stats.scored, 1);
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn map_products<T>(
    products: impl Into<Products>,
    op: impl Fn(&Evaluation<'_>) -> Result<T>,
    f: impl FnMut(u64, Result<T>),
) -> BatchStats {
    each(products.into(), |p, n, ev| op(ev).map_err(|e| p.locate(n, e)), f)
}

/// [`map_products`] for an operation that lists every problem of a
/// product, as [`Catalog::check`](crate::Catalog::check) does: a missing
/// answer or an answer that does not apply is placed at its cell, as
/// [`map_products`] places the error of an operation that stops at the
/// first.
///
/// ```
/// use ocop::{Catalog, ScoreOptions, workbook};
///
/// let catalog = Catalog::official();
/// let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
/// let blank = workbook::template(set, 1, 1, workbook::Format::Xlsx)?;
/// let read = workbook::read(&blank, workbook::Format::Xlsx, "t.xlsx", catalog,
///                           &ScoreOptions::default())?;
/// workbook::check_products(read, |ev| catalog.check(ev), |_, problems| {
///     let first = problems.unwrap()[0].to_string();
///     assert!(first.starts_with("product SP1: 1 problem in the workbook:\n  SP1!F2: member \"TV1\" gave no answer"), "{first}");
/// });
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn check_products(
    products: impl Into<Products>,
    op: impl Fn(&Evaluation<'_>) -> Vec<crate::Error>,
    f: impl FnMut(u64, Result<Vec<crate::Error>>),
) -> BatchStats {
    let located = |p: &Products, n, ev: &Evaluation<'_>| {
        Ok(op(ev).into_iter().map(|e| p.locate(n, e)).collect())
    };
    each(products.into(), located, f)
}

/// The loop of [`map_products`] and [`check_products`]: `op` gets the
/// products (to place an error at its cell), the product's index and the
/// product; a product that did not read gives its own error.
fn each<T>(
    products: Products,
    op: impl Fn(&Products, usize, &Evaluation<'_>) -> Result<T>,
    mut f: impl FnMut(u64, Result<T>),
) -> BatchStats {
    let mut stats = BatchStats::default();
    for (n, p) in products.iter().enumerate() {
        let result = match p {
            Ok(ev) => op(&products, n, ev),
            Err(e) => Err(e.clone()),
        };
        stats.lines += 1;
        if result.is_ok() {
            stats.scored += 1;
        } else {
            stats.rejected += 1;
        }
        f(n as u64 + 1, result);
    }
    stats
}

/// Writes one scorecard or error record per product to `out`, exactly as
/// [`BatchScorer::run`] writes them for the same evaluations as JSON
/// Lines (the record's `line` is the product's number).
///
/// # Errors
///
/// [`ErrorKind::Io`] when writing fails.
pub fn score_products(
    scorer: &BatchScorer<'_>,
    products: &Products,
    mut out: impl Write,
) -> Result<BatchStats> {
    let mut stats = BatchStats::default();
    let mut buf = Vec::new();
    for (n, p) in products.iter().enumerate() {
        let n = n as u64 + 1;
        buf.clear();
        let ok = match p {
            Ok(ev) => match serde_json::to_vec(ev) {
                Ok(json) => {
                    let ok = scorer.score_line(&json, n, &mut buf);
                    if !ok {
                        // The scorer's error record, placed at its cell.
                        placed(scorer, products, n, &mut buf);
                    }
                    ok
                }
                Err(e) => {
                    let err = ErrorKind::Io {
                        path: "output".into(),
                        message: e.to_string(),
                    };
                    scorer.record(&mut buf, n, &err.into());
                    buf.push(b'\n');
                    false
                }
            },
            Err(e) => {
                scorer.record(&mut buf, n, e);
                buf.push(b'\n');
                false
            }
        };
        stats.lines += 1;
        if ok {
            stats.scored += 1;
        } else {
            stats.rejected += 1;
        }
        out.write_all(&buf).map_err(|e| ErrorKind::Io {
            path: "output".into(),
            message: e.to_string(),
        })?;
    }
    out.flush().map_err(|e| ErrorKind::Io {
        path: "output".into(),
        message: e.to_string(),
    })?;
    Ok(stats)
}

/// Writes each product as the evaluation line `ocop import` writes, or as
/// its error record in place (with the sentence when `messages`), one
/// line per product: the JSON Lines that `ocop score` and `ocop report`
/// read back to the same results.
///
/// ```
/// use ocop::{Catalog, workbook};
///
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?.into_owned();
/// let mut out = Vec::new();
/// let stats = workbook::evaluation_lines(vec![Ok(ev)], &mut out, false)?;
/// assert_eq!(stats.scored, 1);
/// assert!(out.starts_with(b"{\"id\":\"SAMPLE-2026-01\""));
/// # Ok::<(), ocop::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Io`] when writing fails.
pub fn evaluation_lines(
    products: impl Into<Products>,
    mut out: impl Write,
    messages: bool,
) -> Result<BatchStats> {
    let io = |e: std::io::Error| ErrorKind::Io {
        path: "output".into(),
        message: e.to_string(),
    };
    let mut buf = Vec::new();
    let mut written = Ok(());
    let as_json = |ev: &Evaluation<'_>| {
        serde_json::to_vec(ev).map_err(|e| {
            ErrorKind::Io { path: "output".into(), message: e.to_string() }
                .into()
        })
    };
    let stats = map_products(products, as_json, |n, line| {
        buf.clear();
        match line {
            Ok(line) => buf.extend_from_slice(&line),
            Err(e) => BatchScorer::error_record_as(&mut buf, n, &e, messages),
        }
        buf.push(b'\n');
        if written.is_ok() {
            written = out.write_all(&buf);
        }
    });
    written.and_then(|()| out.flush()).map_err(io)?;
    Ok(stats)
}

/// Rewrites the error record in `buf` of product `n` (from 1) as a
/// problem at its cell, when the error is one a cell places.
fn placed(
    scorer: &BatchScorer<'_>,
    products: &Products,
    n: u64,
    buf: &mut Vec<u8>,
) {
    #[derive(serde::Deserialize)]
    struct Record {
        id: Option<String>,
        error: crate::Error,
    }
    let Ok(Record { id, error }) = serde_json::from_slice::<Record>(buf)
    else {
        return;
    };
    let kind = error.tag();
    let error = error.for_product(id.as_deref());
    let error = products.locate(n as usize - 1, error);
    if error.tag() != kind {
        buf.clear();
        scorer.record(buf, n, &error);
        buf.push(b'\n');
    }
}
