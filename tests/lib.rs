//! The integration tests, one binary (see `[[test]]` in Cargo.toml).

mod advice;
mod batch;
mod cases;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "xlsx")]
mod criteria_book;
mod dates;
mod edges;
mod errors;
mod fastpath;
mod fingerprints;
#[cfg(feature = "cli")]
mod golden;
mod invariants;
mod layers;
mod loader;
mod props;
#[cfg(feature = "report")]
mod report;
#[cfg(feature = "proptest")]
mod strategies;
#[cfg(feature = "xlsx")]
mod workbook;
#[cfg(feature = "cli")]
mod workbook_limits;

use ocop::{Catalog, Evaluation, ScoreOptions, Scorecard};

/// The sample evaluation of `ocop::samples`, owned.
pub fn sample() -> Evaluation<'static> {
    Evaluation::from_json(ocop::samples::EVALUATION_2026).unwrap().into_owned()
}

/// Scores `json` with the embedded catalog.
pub fn score(json: &str, inferred: bool) -> ocop::Result<Scorecard> {
    let ev = Evaluation::from_json(json)?;
    Catalog::official()
        .score_with(&ev, &ScoreOptions { inferred, ..Default::default() })
}

/// The kinds of a scorecard's warnings, as its JSON names them.
pub fn warning_kinds(card: &Scorecard) -> Vec<String> {
    let kind = |w| serde_json::to_value(w).unwrap()["kind"].clone();
    card.warnings
        .iter()
        .map(|w| kind(w).as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Answers for every criterion of `set`: option 1 (or `met`) everywhere,
/// leaving out criteria that do not apply after those answers.
pub fn first_options(
    set: &ocop::CriteriaSet,
    met: bool,
) -> serde_json::Map<String, serde_json::Value> {
    let mut answers = serde_json::Map::new();
    for (_, _, c) in set.sheet().criteria() {
        if c.header
            || c.applies_if.as_ref().is_some_and(|a| !a.options.contains(&1))
        {
            continue;
        }
        answers.insert(
            c.code.clone(),
            if c.yes_no { met.into() } else { 1.into() },
        );
    }
    answers
}
