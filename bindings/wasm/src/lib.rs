//! `ocop` for JavaScript: the crate's scorer behind `wasm-bindgen`.
//!
//! Every export takes JSON text and returns JSON text: the exact bytes the
//! `ocop` command writes for the same input, because they come from the
//! same library calls (`BatchScorer::score_line` and `run` for scorecards,
//! `serde_json` over the crate's own types for plans and explanations,
//! `BatchScorer::error_record` for errors). Decimals never pass through
//! JavaScript numbers.
//!
//! A failure is thrown as a string of JSON, `{"message", "error",
//! "record"?}`; the package's JavaScript (`js/wrap.js`) turns it into an
//! `Error` and turns objects into JSON, so this file stays the one place
//! that calls the crate.

mod options;

use ocop::Error;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use options::{Failure, Options, Resolved};

/// The line number a single call reports: the input is one line.
const LINE: u64 = 1;

/// The line `ocop score` writes for one evaluation (without the newline).
/// With `points`, each member's points per criterion and section, as
/// `--points` writes them.
#[wasm_bindgen]
pub fn score(evaluation: &str, options: &str) -> Result<String, JsValue> {
    run(options, |r| {
        let scorer = r.scorer().points(r.opts.points);
        let mut out = Vec::new();
        if scorer.score_line(evaluation.as_bytes(), LINE, &mut out) {
            out.pop();
            return Ok(text(out));
        }
        out.pop();
        // The record is the CLI's; the message is the same error's text.
        let err = scorer
            .map_line(evaluation.as_bytes(), LINE, |ev| {
                r.catalog.score_with(ev, &r.opts.score)
            })
            .err();
        Err(Failure::record(err.as_ref(), text(out)))
    })
}

/// What `ocop score` writes for JSON Lines: one scorecard or error record
/// per input line, each followed by a newline. Scored on one thread.
#[wasm_bindgen(js_name = scoreLines)]
pub fn score_lines(jsonl: &str, options: &str) -> Result<String, JsValue> {
    run(options, |r| {
        let mut out = Vec::with_capacity(jsonl.len() / 2);
        r.scorer()
            .points(r.opts.points)
            .run(jsonl.as_bytes(), &mut out)
            .map_err(|e| Failure::error(&e))?;
        Ok(text(out))
    })
}

/// Every problem of an evaluation, in the order `Catalog::check_with`
/// finds them: `[{"message", "error": {"kind", …}}]`, empty when it
/// scores.
#[wasm_bindgen]
pub fn check(evaluation: &str, options: &str) -> Result<String, JsValue> {
    run(options, |r| {
        let problems = line(r, evaluation, |ev| {
            Ok(r.catalog.check_with(ev, &r.opts.score))
        })?;
        let mut out = Vec::new();
        ocop::BatchScorer::problems_record(&mut out, &problems);
        Ok(text(out))
    })
}

/// The line `ocop explain --json` writes for one evaluation.
#[wasm_bindgen]
pub fn explain(evaluation: &str, options: &str) -> Result<String, JsValue> {
    run(options, |r| {
        let x =
            line(r, evaluation, |ev| r.catalog.explain(ev, &r.opts.score))?;
        json(&x)
    })
}

/// The line `ocop plan` writes for one evaluation; `options.target` and
/// `options.costs` are `--target` and the `--costs` file.
#[wasm_bindgen]
pub fn plan(evaluation: &str, options: &str) -> Result<String, JsValue> {
    run(options, |r| {
        let opts = r.plan_options()?;
        let p = line(r, evaluation, |ev| r.catalog.plan(ev, &opts))?;
        json(&p)
    })
}

/// The scorecard before and after `steps` (`[{"criterion", "option"}]`),
/// as `Catalog::what_if` gives it.
#[wasm_bindgen(js_name = whatIf)]
pub fn what_if(
    evaluation: &str,
    steps: &str,
    options: &str,
) -> Result<String, JsValue> {
    run(options, |r| {
        let steps: Vec<ocop::advice::Step> = serde_json::from_str(steps)
            .map_err(|e| Failure::argument("steps", e.to_string()))?;
        let w = line(r, evaluation, |ev| {
            r.catalog.what_if(ev, &steps, &r.opts.score)
        })?;
        json(&w)
    })
}

/// The editions (or the one named, in any case) with their sets:
/// `[{"edition": <edition.json>, "sets": [{"id", "name", "status",
/// "fingerprint", "has_inferred"}]}]`.
#[wasm_bindgen]
pub fn sets(
    edition: Option<String>,
    options: &str,
) -> Result<String, JsValue> {
    run(options, |r| {
        json(&r.catalog.listing(edition.as_deref()).map_err(fail)?)
    })
}

/// One set's blank sheet as data: its criteria file, as `ocop show`
/// prints it for a person. `set` is an id or a phân nhóm name; an empty
/// `edition` is the one in force today, as `ocop show` without
/// `--edition`.
#[wasm_bindgen]
pub fn sheet(
    edition: &str,
    set: &str,
    options: &str,
) -> Result<String, JsValue> {
    run(options, |r| {
        // The library's today reads the system clock, which
        // wasm32-unknown-unknown lacks; the page's clock stands in.
        let ed = if edition.is_empty() {
            in_force_on(r, now_seconds())?
        } else {
            r.catalog.edition_or_today(Some(edition)).map_err(fail)?
        };
        let s = ed.find_set(set).map_err(fail)?;
        json(s.sheet())
    })
}

/// The edition in force on the day `unix_seconds` falls on in Vietnam
/// (UTC+7), as `Catalog::edition_in_force_today` decides it for today:
/// `{"edition": id, "date": "YYYY-MM-DD"}`. The page passes its clock,
/// since WebAssembly has none of its own.
#[wasm_bindgen(js_name = editionInForce)]
pub fn edition_in_force(
    unix_seconds: f64,
    options: &str,
) -> Result<String, JsValue> {
    #[derive(Serialize)]
    struct InForce<'a> {
        edition: &'a str,
        date: String,
    }
    run(options, |r| {
        let ed = in_force_on(r, unix_seconds)?;
        let date = day_in_vietnam(unix_seconds).to_string();
        json(&InForce { edition: ed.id(), date })
    })
}

#[wasm_bindgen]
extern "C" {
    /// JavaScript's clock, in milliseconds since the epoch.
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

fn now_seconds() -> f64 {
    date_now() / 1000.0
}

fn day_in_vietnam(unix_seconds: f64) -> ocop::Date {
    // `as` saturates; NaN is 0, the epoch.
    ocop::Date::in_vietnam(unix_seconds as i64)
}

fn in_force_on(
    r: &Resolved,
    unix_seconds: f64,
) -> Result<&ocop::Edition, Failure> {
    r.catalog.edition_in_force_on(day_in_vietnam(unix_seconds)).map_err(fail)
}

/// Phần III of Mẫu số 02 for one evaluation, as the bytes of a `.docx`
/// file: what `ocop docx` writes for the same evaluation. Only with the
/// `docx` feature.
#[cfg(feature = "docx")]
#[wasm_bindgen(js_name = partIIIDocx)]
pub fn part_iii_docx(
    evaluation: &str,
    options: &str,
) -> Result<Vec<u8>, JsValue> {
    let mut bytes = Vec::new();
    run(options, |r| {
        bytes = line(r, evaluation, |ev| {
            ocop::docx::part_iii(&r.catalog, ev, &r.opts.score)
        })?;
        Ok(String::new())
    })?;
    Ok(bytes)
}

/// What `ocop score FILE --json-errors` writes for a workbook or CSV
/// file's bytes: one scorecard or error record per product, in order; a
/// product's problems name their cells (`SP2!G5`) with the command's
/// sentences. `name` is the file's name: its extension chooses the format
/// and it stands for a CSV file's sheet. Only with the `workbook` feature.
#[cfg(feature = "workbook")]
#[wasm_bindgen(js_name = scoreWorkbook)]
pub fn score_workbook(
    bytes: &[u8],
    name: &str,
    options: &str,
) -> Result<String, JsValue> {
    use ocop::workbook;
    run(options, |r| {
        let products = read_products(bytes, name, r)?;
        let scorer = r.scorer().points(r.opts.points).messages(true);
        let mut out = Vec::new();
        workbook::score_products(&scorer, &products, &mut out)
            .map_err(fail)?;
        Ok(text(out))
    })
}

/// A dropped file's products, its format taken from its name, as
/// `scoreWorkbook` and `importWorkbook` both read them.
#[cfg(feature = "workbook")]
fn read_products(
    bytes: &[u8],
    name: &str,
    r: &Resolved,
) -> Result<ocop::workbook::Products, Failure> {
    use ocop::workbook;
    let format =
        workbook::Format::of(std::path::Path::new(name)).ok_or_else(|| {
            Failure::argument(
                "name",
                format!("{name}: expected .xlsx, .xls, .ods or .csv"),
            )
        })?;
    workbook::read(bytes, format, name, &r.catalog, &r.opts.score)
        .map_err(fail)
}

/// What `ocop import FILE` writes for a workbook or CSV file's bytes: one
/// evaluation a line, in the products' order, or the error record of a
/// product that does not read. These lines are what [`report`] takes.
/// Only with the `workbook` feature.
#[cfg(feature = "workbook")]
#[wasm_bindgen(js_name = importWorkbook)]
pub fn import_workbook(
    bytes: &[u8],
    name: &str,
    options: &str,
) -> Result<String, JsValue> {
    use ocop::workbook;
    run(options, |r| {
        let products = read_products(bytes, name, r)?;
        let mut out = Vec::new();
        workbook::evaluation_lines(products, &mut out, false).map_err(fail)?;
        Ok(text(out))
    })
}

/// The province report `ocop report --as-of AS_OF --lang LANG -o FILE`
/// writes for JSON Lines of evaluations: `output` "html" is the page,
/// "xlsx" the results workbook (with the `workbook` feature). An empty
/// `as_of` is today in Vietnam by the page's clock. The bytes come from
/// `ocop::report::render`, as the command's do. Only with the `report`
/// feature.
#[cfg(feature = "report")]
#[wasm_bindgen]
pub fn report(
    lines: &str,
    as_of: &str,
    lang: &str,
    output: &str,
    options: &str,
) -> Result<Vec<u8>, JsValue> {
    use ocop::report::{self, Output, ReportOptions};
    let mut bytes = Vec::new();
    run(options, |r| {
        let mut opts = ReportOptions::default();
        opts.plan = ocop::advice::PlanOptions {
            score: r.opts.score.clone(),
            ..Default::default()
        };
        opts.as_of = Some(if as_of.is_empty() {
            day_in_vietnam(now_seconds())
        } else {
            as_of.parse().map_err(fail)?
        });
        opts.lang =
            lang.parse().map_err(|e: String| Failure::argument("lang", e))?;
        opts.output = match output {
            "html" => Output::Html,
            #[cfg(feature = "workbook")]
            "xlsx" => Output::Xlsx,
            _ => {
                return Err(Failure::argument(
                    "output",
                    format!("{output:?}: a report writes html or xlsx"),
                ));
            }
        };
        opts.threads = Some(1);
        bytes = report::render(&r.catalog, lines.as_bytes(), &opts)
            .map_err(fail)?;
        Ok(String::new())
    })?;
    Ok(bytes)
}

/// Products a blank workbook may hold here: a page's memory, not a rule.
#[cfg(feature = "workbook")]
const MAX_TEMPLATE_PRODUCTS: usize = 1000;

/// The blank `.xlsx` that `ocop template SET --members M --products P`
/// writes (an empty `edition` is the one in force today). Only with the
/// `workbook` feature.
#[cfg(feature = "workbook")]
#[wasm_bindgen]
pub fn template(
    edition: &str,
    set: &str,
    members: usize,
    products: usize,
    options: &str,
) -> Result<Vec<u8>, JsValue> {
    let mut bytes = Vec::new();
    run(options, |r| {
        if !(1..=ocop::MAX_MEMBERS).contains(&members) {
            let most = ocop::MAX_MEMBERS;
            return Err(Failure::argument(
                "members",
                format!("{members} members: give 1 to {most}"),
            ));
        }
        if !(1..=MAX_TEMPLATE_PRODUCTS).contains(&products) {
            return Err(Failure::argument(
                "products",
                format!(
                    "{products} products: give 1 to {MAX_TEMPLATE_PRODUCTS}"
                ),
            ));
        }
        let ed = if edition.is_empty() {
            in_force_on(r, now_seconds())?
        } else {
            r.catalog.edition_or_today(Some(edition)).map_err(fail)?
        };
        let s = ed.find_set(set).map_err(fail)?;
        bytes = ocop::workbook::template(
            s,
            members,
            products,
            ocop::workbook::Format::Xlsx,
        )
        .map_err(fail)?;
        Ok(String::new())
    })?;
    Ok(bytes)
}

/// The version of the embedded criteria data.
#[wasm_bindgen(js_name = dataVersion)]
pub fn data_version() -> String {
    ocop::DATA_VERSION.to_owned()
}

/// Reads the options, runs `f`, and throws its failure as JSON text.
fn run(
    options: &str,
    f: impl FnOnce(&Resolved) -> Result<String, Failure>,
) -> Result<String, JsValue> {
    Options::parse(options)
        .and_then(|o| o.resolve())
        .and_then(|r| f(&r))
        .map_err(|e| JsValue::from_str(&e.to_json()))
}

/// `op` on one evaluation's text, read as `ocop` reads a line.
fn line<T>(
    r: &Resolved,
    evaluation: &str,
    op: impl FnOnce(&ocop::Evaluation<'_>) -> ocop::Result<T>,
) -> Result<T, Failure> {
    r.scorer()
        .map_line(evaluation.as_bytes(), LINE, op)
        .map_err(|e| Failure::line(&e))
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
