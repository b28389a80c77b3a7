//! The options every function takes, and the failure every function
//! raises.
//!
//! The Python package (`python/ocop/__init__.py`) turns its keyword
//! arguments into one JSON object whose fields name the CLI's flags:
//! `edition`, `inferred`, `weak_sources`, `points`, `target`, `costs` (the
//! `--costs` file's text), `criteria` (a `--criteria` directory) and
//! `threads`. Unknown fields are refused, never ignored.

use std::ops::Deref;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use ocop::advice::PlanOptions;
use ocop::{BatchScorer, Catalog, Category, Error, ScoreOptions};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    edition: Option<String>,
    inferred: bool,
    weak_sources: bool,
    points: bool,
    target: Option<u8>,
    costs: Option<String>,
    criteria: Option<String>,
    threads: Option<usize>,
}

/// What the options come to: the catalog and the crate's own options.
pub struct Resolved {
    pub catalog: Shared,
    pub score: ScoreOptions,
    pub points: bool,
    pub threads: Option<usize>,
    target: Option<u8>,
    costs: Option<String>,
}

/// The embedded catalog, or one overlaid with a criteria directory; owned
/// so that a batch can take it to its own thread.
#[derive(Clone)]
pub enum Shared {
    Official(&'static Catalog),
    Overlaid(Arc<Catalog>),
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
            Some(dir) => Shared::Overlaid(overlaid(dir)?),
        };
        if let Some(n) = self.threads {
            if !(1..=ocop::MAX_THREADS).contains(&n) {
                let msg = format!("give 1 to {} threads", ocop::MAX_THREADS);
                return Err(Failure::argument("threads", msg));
            }
        }
        // As `--edition` does, through the same library call.
        let score = ScoreOptions {
            inferred: self.inferred,
            weak_sources: self.weak_sources,
            ..Default::default()
        }
        .with_edition(&catalog, self.edition.as_deref())
        .map_err(|e| Failure::error(&e))?;
        Ok(Resolved {
            catalog,
            score,
            points: self.points,
            threads: self.threads,
            target: self.target,
            costs: self.costs,
        })
    }
}

impl Resolved {
    /// A batch scorer with these options: all cores unless `threads`.
    pub fn scorer(&self) -> BatchScorer<'_> {
        let s = BatchScorer::new(&self.catalog)
            .options(self.score.clone())
            .points(self.points);
        match self.threads {
            Some(n) => s.threads(n),
            None => s,
        }
    }

    /// `--target` and `--costs`, checked by the library as the CLI
    /// checks them.
    pub fn plan_options(&self) -> Result<PlanOptions, Failure> {
        PlanOptions::new(
            &self.catalog,
            self.target,
            self.costs.as_deref(),
            self.score.clone(),
        )
        .map_err(|e| Failure::error(&e))
    }
}

/// What a criteria directory holds, to know when it changed: each entry
/// two levels down (`<edition>/<set>.json`) with its size and time.
type Stamp = Vec<(std::path::PathBuf, u64, Option<SystemTime>)>;

/// The last directory loaded, its stamp and its catalog: a notebook
/// scores one evaluation at a time against the same files.
static OVERLAID: Mutex<Option<(String, Stamp, Arc<Catalog>)>> =
    Mutex::new(None);

fn stamp(dir: &str) -> Option<Stamp> {
    let mut out = Vec::new();
    for edition in std::fs::read_dir(dir).ok()? {
        let edition = edition.ok()?.path();
        let Ok(files) = std::fs::read_dir(&edition) else { continue };
        for file in files {
            let path = file.ok()?.path();
            let meta = std::fs::metadata(&path).ok()?;
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
    out.sort();
    Some(out)
}

/// The catalog of a criteria directory, loaded again when its files
/// change.
fn overlaid(dir: &str) -> Result<Arc<Catalog>, Failure> {
    let now = stamp(dir);
    if let (Some(now), Ok(cache)) = (&now, OVERLAID.lock()) {
        if let Some((d, s, c)) = cache.as_ref() {
            if d == dir && s == now {
                return Ok(Arc::clone(c));
            }
        }
    }
    let catalog =
        Arc::new(Catalog::from_dir(dir).map_err(|e| Failure::error(&e))?);
    if let (Some(now), Ok(mut cache)) = (now, OVERLAID.lock()) {
        *cache = Some((dir.to_owned(), now, Arc::clone(&catalog)));
    }
    Ok(catalog)
}

/// A failure as raised: the sentence, the category (which picks the
/// exception's class), the error's `{"kind", …}` and, for an evaluation,
/// the error record the CLI writes for its line.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub category: Option<&'static str>,
    pub error: Option<String>,
    pub record: Option<String>,
}

/// The name of a category, as `ocop.OcopError.category` gives it.
fn category(e: &Error) -> &'static str {
    match e.category() {
        Category::Data => "data",
        Category::Content => "content",
        Category::Syntax => "syntax",
        Category::Io => "io",
        // A category added by a later ocop release.
        _ => "other",
    }
}

impl Failure {
    /// An error that is not about the evaluation's line (options, costs,
    /// criteria files, an unknown edition or set, a file).
    pub fn error(e: &Error) -> Failure {
        Failure {
            message: e.to_string(),
            category: Some(category(e)),
            error: serde_json::to_string(e.kind()).ok(),
            record: None,
        }
    }

    /// An evaluation that could not be handled: its record as the CLI
    /// writes it for line `line`.
    pub fn line(e: &Error, line: u64) -> Failure {
        let mut out = Vec::new();
        BatchScorer::error_record(&mut out, line, e);
        Failure { record: Some(super::text(out)), ..Failure::error(e) }
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
            category: None,
            error: Some(error.to_string()),
            record: None,
        }
    }
}
