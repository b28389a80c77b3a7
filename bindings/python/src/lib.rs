//! `ocop` for Python: the crate's scorer behind PyO3, as the module
//! `ocop._ocop`.
//!
//! Every function takes an evaluation's bytes and the options as JSON text
//! and returns JSON text: the exact bytes the `ocop` command writes for the
//! same input, because they come from the same library calls
//! (`BatchScorer::score_line` and `run` for scorecards, `serde_json` over
//! the crate's own types for plans and explanations,
//! `BatchScorer::error_record` for errors). Decimals never pass through
//! binary floats. The work runs with the GIL released.
//!
//! A failure is raised as the package's own exception: this module asks
//! `ocop._errors._error` for it, so that the classes, their docs and their
//! `category` live in Python (`python/ocop/_errors.py`). Turning text into
//! Python objects is the package's too.

mod options;
mod stream;

use std::path::Path;

use ocop::advice::PlanOptions;
use ocop::report::{Output, ReportOptions};
use ocop::workbook::{self, Format};
use ocop::{BatchScorer, Error};
use pyo3::prelude::*;
use serde::Serialize;

use options::{Failure, Options, Resolved};

/// The line number a single call reports: the input is one line.
const LINE: u64 = 1;

/// The line `ocop score` writes for one evaluation (without the newline).
#[pyfunction]
fn score(
    py: Python<'_>,
    evaluation: &[u8],
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        let scorer = r.scorer();
        let mut out = Vec::new();
        if scorer.score_line(evaluation, LINE, &mut out) {
            out.pop();
            return Ok(text(out));
        }
        // The record is the CLI's; the message is the same error's text.
        out.pop();
        let err = scorer
            .map_line(evaluation, LINE, |ev| {
                r.catalog.score_with(ev, &r.score)
            })
            .err();
        Err(match err {
            Some(e) => Failure::line(&e, LINE),
            // Not reached: both paths are the library's and agree; the
            // record written is still the answer.
            None => Failure::argument("evaluation", text(out)),
        })
    })
}

/// Every problem of an evaluation, as `ocop check` writes them.
#[pyfunction]
fn check(
    py: Python<'_>,
    evaluation: &[u8],
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        let problems =
            line(r, evaluation, |ev| Ok(r.catalog.check_with(ev, &r.score)))?;
        let mut out = Vec::new();
        BatchScorer::problems_record(&mut out, &problems);
        Ok(text(out))
    })
}

/// The line `ocop explain --json` writes for one evaluation.
#[pyfunction]
fn explain(
    py: Python<'_>,
    evaluation: &[u8],
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        json(&line(r, evaluation, |ev| r.catalog.explain(ev, &r.score))?)
    })
}

/// The line `ocop plan` writes for one evaluation.
#[pyfunction]
fn plan(py: Python<'_>, evaluation: &[u8], options: &str) -> PyResult<String> {
    call(py, options, |r| {
        let opts = r.plan_options()?;
        json(&line(r, evaluation, |ev| r.catalog.plan(ev, &opts))?)
    })
}

/// The scorecard before and after `steps`, as `Catalog::what_if` gives it.
#[pyfunction]
fn what_if(
    py: Python<'_>,
    evaluation: &[u8],
    steps: &str,
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        let steps: Vec<ocop::advice::Step> = serde_json::from_str(steps)
            .map_err(|e| Failure::argument("steps", e.to_string()))?;
        json(&line(r, evaluation, |ev| {
            r.catalog.what_if(ev, &steps, &r.score)
        })?)
    })
}

/// The editions (or the one named) with their sets: the library's
/// `Catalog::listing`, as the WebAssembly package's `sets` gives it.
#[pyfunction]
#[pyo3(signature = (edition, options))]
fn sets(
    py: Python<'_>,
    edition: Option<String>,
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        json(&r.catalog.listing(edition.as_deref()).map_err(fail)?)
    })
}

/// One set's blank sheet as data (its criteria file); no edition is the
/// one in force today, as `ocop show` without `--edition`.
#[pyfunction]
#[pyo3(signature = (set, edition, options))]
fn sheet(
    py: Python<'_>,
    set: &str,
    edition: Option<String>,
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        let ed =
            r.catalog.edition_or_today(edition.as_deref()).map_err(fail)?;
        json(ed.find_set(set).map_err(fail)?.sheet())
    })
}

/// What `ocop import` writes for a workbook: one evaluation or error
/// record per product, each followed by a newline.
#[pyfunction]
fn read_workbook(
    py: Python<'_>,
    path: &str,
    options: &str,
) -> PyResult<String> {
    call(py, options, |r| {
        let products =
            workbook::read_file(Path::new(path), &r.catalog, &r.score)
                .map_err(fail)?;
        let mut out = Vec::new();
        workbook::evaluation_lines(products, &mut out, false).map_err(fail)?;
        Ok(text(out))
    })
}

/// Writes what `ocop template` writes: a blank workbook (.xlsx) or CSV
/// file for a set.
#[pyfunction]
#[pyo3(signature = (set, path, edition, members, products, options))]
fn template(
    py: Python<'_>,
    set: &str,
    path: &str,
    edition: Option<String>,
    members: usize,
    products: usize,
    options: &str,
) -> PyResult<()> {
    call(py, options, |r| {
        let ed =
            r.catalog.edition_or_today(edition.as_deref()).map_err(fail)?;
        let set = ed.find_set(set).map_err(fail)?;
        let path = Path::new(path);
        let format =
            Format::of(path).filter(|f| f.writable()).ok_or_else(|| {
                Failure::argument("path", "write .xlsx or .csv".into())
            })?;
        let bytes = workbook::template(set, members, products, format)
            .map_err(fail)?;
        std::fs::write(path, &bytes).map_err(|e| {
            let kind = ocop::ErrorKind::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            };
            fail(kind.into())
        })?;
        Ok(String::new())
    })
    .map(drop)
}

/// Writes what `ocop report` writes to `path`: the province page (.html)
/// or the results workbook (.xlsx), through the library's assembly
/// (`report::collect`). `source` is a path (JSON Lines, or a workbook by
/// its extension) or an iterator of `bytes`, one evaluation each. Returns
/// the batch's `(lines, scored, rejected)`.
#[pyfunction]
#[pyo3(name = "report", signature = (source, path, as_of, by, lang, options))]
fn write_report(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    path: &str,
    as_of: Option<String>,
    by: Vec<String>,
    lang: &str,
    options: &str,
) -> PyResult<(u64, u64, u64)> {
    let (input, failed) = stream::Input::of(source)?;
    let written = py.detach(|| -> Result<ocop::BatchStats, Failure> {
        let r = Options::parse(options)?.resolve()?;
        let out = Path::new(path);
        let mut opts = ReportOptions::default();
        opts.output = Output::for_path(out).ok_or_else(|| {
            Failure::argument("path", "a report writes .html or .xlsx".into())
        })?;
        opts.lang = lang.parse().map_err(|e| Failure::argument("lang", e))?;
        opts.as_of =
            as_of.as_deref().map(str::parse).transpose().map_err(fail)?;
        opts.by = by;
        opts.threads = r.threads;
        opts.plan =
            PlanOptions { score: r.score.clone(), ..Default::default() };
        let report = match input {
            stream::Input::Items(items) => {
                ocop::report::collect(&r.catalog, items, &opts)
            }
            stream::Input::Path(file) => {
                let p = Path::new(&file);
                if Format::of(p).is_some() {
                    workbook::read_file(p, &r.catalog, &opts.plan.score).map(
                        |products| {
                            ocop::report::collect_products(
                                &r.catalog, products, &opts,
                            )
                        },
                    )
                } else {
                    std::fs::File::open(p)
                        .map_err(|e| {
                            ocop::ErrorKind::Io {
                                path: file.clone(),
                                message: e.to_string(),
                            }
                            .into()
                        })
                        .and_then(|f| {
                            ocop::report::collect(
                                &r.catalog,
                                std::io::BufReader::new(f),
                                &opts,
                            )
                        })
                }
            }
        }
        .map_err(fail)?;
        let stats = report.stats;
        let bytes = report.into_bytes().map_err(fail)?;
        std::fs::write(out, bytes).map_err(|e| {
            fail(
                ocop::ErrorKind::Io {
                    path: path.to_owned(),
                    message: e.to_string(),
                }
                .into(),
            )
        })?;
        Ok(stats)
    });
    if let Some(e) = failed.lock().ok().and_then(|mut s| s.take()) {
        return Err(e);
    }
    let s = written.map_err(|f| raise(py, f))?;
    Ok((s.lines, s.scored, s.rejected))
}

/// The version of the embedded criteria data.
#[pyfunction]
fn data_version() -> &'static str {
    ocop::DATA_VERSION
}

/// The README's sample evaluation (26/2026, 3★ at 74.33).
#[pyfunction]
fn sample() -> &'static str {
    ocop::samples::EVALUATION_2026
}

/// Reads the options, runs `f` with the GIL released, and raises its
/// failure.
fn call(
    py: Python<'_>,
    options: &str,
    f: impl FnOnce(&Resolved) -> Result<String, Failure> + Send,
) -> PyResult<String> {
    py.detach(|| {
        Options::parse(options).and_then(|o| o.resolve()).and_then(|r| f(&r))
    })
    .map_err(|e| raise(py, e))
}

/// The package's exception for a failure (`ocop._errors._error`).
fn raise(py: Python<'_>, f: Failure) -> PyErr {
    let made = py.import("ocop._errors").and_then(|m| {
        m.getattr("_error")?.call1((
            f.message.clone(),
            f.category,
            f.error,
            f.record,
        ))
    });
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// `op` on one evaluation's text, read as `ocop` reads a line.
fn line<T>(
    r: &Resolved,
    evaluation: &[u8],
    op: impl FnOnce(&ocop::Evaluation<'_>) -> ocop::Result<T>,
) -> Result<T, Failure> {
    r.scorer()
        .map_line(evaluation, LINE, op)
        .map_err(|e| Failure::line(&e, LINE))
}

fn fail(e: Error) -> Failure {
    Failure::error(&e)
}

fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string(value)
        .map_err(|e| Failure::argument("output", e.to_string()))
}

/// The writers write UTF-8 (JSON of Rust strings).
fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The native half of the `ocop` package.
#[pymodule]
fn _ocop(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(plan, m)?)?;
    m.add_function(wrap_pyfunction!(what_if, m)?)?;
    m.add_function(wrap_pyfunction!(sets, m)?)?;
    m.add_function(wrap_pyfunction!(sheet, m)?)?;
    m.add_function(wrap_pyfunction!(read_workbook, m)?)?;
    m.add_function(wrap_pyfunction!(template, m)?)?;
    m.add_function(wrap_pyfunction!(write_report, m)?)?;
    m.add_function(wrap_pyfunction!(data_version, m)?)?;
    m.add_function(wrap_pyfunction!(sample, m)?)?;
    m.add_class::<stream::Lines>()?;
    Ok(())
}
