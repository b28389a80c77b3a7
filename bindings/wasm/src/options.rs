//! The options every export takes, as JSON, and the failure every export
//! throws.
//!
//! Options name the CLI's flags: `edition` (`--edition`), `inferred`,
//! `weakSources`, `points`, `target`, `costs` (the `--costs` file's JSON)
//! and `criteria`, the files of a `--criteria` directory keyed by path
//! (`{"qd26-2026/hoa.json": <file>}`), each a JSON value or its text.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use ocop::advice::PlanOptions;
use ocop::{BatchScorer, Catalog, Error, ScoreOptions};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    edition: Option<String>,
    inferred: bool,
    weak_sources: bool,
    points: bool,
    target: Option<u8>,
    costs: Option<Box<RawValue>>,
    criteria: Option<BTreeMap<String, Box<RawValue>>>,
}

/// What the options come to: the catalog and the crate's own options.
pub struct Resolved {
    pub catalog: Shared,
    pub opts: Opts,
}

pub struct Opts {
    pub score: ScoreOptions,
    pub points: bool,
    target: Option<u8>,
    costs: Option<String>,
}

/// The embedded catalog, or one overlaid with the caller's criteria.
pub enum Shared {
    Official(&'static Catalog),
    Overlaid(Rc<Catalog>),
}

impl Deref for Shared {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        match self {
            Shared::Official(c) => c,
            Shared::Overlaid(c) => c,
        }
    }
}

thread_local! {
    /// The last overlaid catalog and the criteria it was built from: a
    /// form scores the same criteria on every keystroke.
    static OVERLAID: RefCell<Option<(String, Rc<Catalog>)>> =
        const { RefCell::new(None) };
}

impl Options {
    /// Empty text is no options.
    pub fn parse(text: &str) -> Result<Options, Failure> {
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(text)
            .map_err(|e| Failure::argument("options", e.to_string()))
    }

    pub fn resolve(self) -> Result<Resolved, Failure> {
        let catalog = match &self.criteria {
            None => Shared::Official(Catalog::official()),
            Some(files) => Shared::Overlaid(overlaid(files)?),
        };
        // As `--edition` does, through the same library call.
        let score = ScoreOptions {
            inferred: self.inferred,
            weak_sources: self.weak_sources,
            ..Default::default()
        }
        .with_edition(&catalog, self.edition.as_deref())
        .map_err(|e| Failure::error(&e))?;
        let costs = self.costs.as_deref().map(file_text);
        let opts =
            Opts { score, points: self.points, target: self.target, costs };
        Ok(Resolved { catalog, opts })
    }
}

impl Resolved {
    /// A batch scorer on the calling thread: a wasm module has one.
    pub fn scorer(&self) -> BatchScorer<'_> {
        BatchScorer::new(&self.catalog)
            .threads(1)
            .options(self.opts.score.clone())
    }

    /// `--target` and `--costs`: costs read and checked against the
    /// catalog as the CLI reads its costs file.
    pub fn plan_options(&self) -> Result<PlanOptions, Failure> {
        PlanOptions::new(
            &self.catalog,
            self.opts.target,
            self.opts.costs.as_deref(),
            self.opts.score.clone(),
        )
        .map_err(|e| Failure::error(&e))
    }
}

/// A file given as a JSON string is its text; any other value is the
/// file's JSON as written.
fn file_text(raw: &RawValue) -> String {
    match serde_json::from_str::<String>(raw.get()) {
        Ok(text) => text,
        Err(_) => raw.get().to_owned(),
    }
}

fn overlaid(
    files: &BTreeMap<String, Box<RawValue>>,
) -> Result<Rc<Catalog>, Failure> {
    let files: Vec<(String, String)> =
        files.iter().map(|(p, v)| (p.clone(), file_text(v))).collect();
    let key = serde_json::to_string(&files).unwrap_or_default();
    let cached = OVERLAID.with_borrow(|c| {
        c.as_ref().filter(|(k, _)| *k == key).map(|(_, cat)| Rc::clone(cat))
    });
    if let Some(c) = cached {
        return Ok(c);
    }
    let catalog =
        Rc::new(Catalog::from_texts(files).map_err(|e| Failure::error(&e))?);
    OVERLAID.set(Some((key, Rc::clone(&catalog))));
    Ok(catalog)
}

/// A failure as thrown: the message, the error's `{"kind", …}` (absent
/// when `record` holds it), and for an evaluation the error record the
/// CLI writes for its line.
pub struct Failure {
    message: String,
    error: Option<String>,
    record: Option<String>,
}

impl Failure {
    /// An error that is not about the evaluation's line (options, costs,
    /// criteria files, an unknown edition or set).
    pub fn error(e: &Error) -> Failure {
        let error = serde_json::to_string(e.kind()).ok();
        Failure { message: e.to_string(), error, record: None }
    }

    /// An evaluation that could not be handled: its record as the CLI
    /// writes it.
    pub fn line(e: &Error) -> Failure {
        let mut out = Vec::new();
        BatchScorer::error_record(&mut out, super::LINE, e);
        Failure::record(Some(e), super::text(out))
    }

    /// A record already written, and the error it records where known.
    pub fn record(e: Option<&Error>, record: String) -> Failure {
        let message =
            e.map_or_else(|| "rejected".to_owned(), Error::to_string);
        Failure { message, error: None, record: Some(record) }
    }

    /// A malformed argument of the binding itself.
    pub fn argument(argument: &str, message: String) -> Failure {
        let error = serde_json::json!({
            "kind": "invalid_argument",
            "argument": argument,
            "message": message,
        });
        Failure {
            message: format!("{argument}: {message}"),
            error: Some(error.to_string()),
            record: None,
        }
    }

    pub fn to_json(&self) -> String {
        let message = serde_json::to_string(&self.message).unwrap_or_default();
        let raw =
            |s: &Option<String>| s.as_deref().unwrap_or("null").to_owned();
        format!(
            "{{\"message\":{message},\"error\":{},\"record\":{}}}",
            raw(&self.error),
            raw(&self.record)
        )
    }
}
