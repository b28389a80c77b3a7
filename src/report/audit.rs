//! The audit's rule: whether a rescored outcome agrees with the star on
//! record (`recorded_star`).

use serde::Serialize;

use super::RECORDED;
use crate::scorecard::{Scorecard, Status};

/// A product whose recomputed outcome differs from `recorded_star`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AuditCase {
    /// The product.
    pub id: Option<String>,
    /// The star on record; `None` for not recognised.
    pub recorded: Option<u8>,
    /// The recomputed final star.
    pub stars: Option<u8>,
    /// The recomputed status.
    pub status: Status,
}

/// Whether a card's outcome agrees with the star on record (`None`: not
/// recognised, which any outcome without an OCOP star agrees with).
pub(super) fn agrees(card: &Scorecard, recorded: Option<u8>) -> bool {
    let r = &card.rating;
    match recorded {
        None => r.stars.is_none_or(|s| s < 3),
        Some(n) => r.stars == Some(n) && r.status == Status::Rated,
    }
}

/// The card's `recorded_star` and whether its outcome agrees with it, as
/// the report's audit judges: `None` when the card records no star (no
/// such field, or a value that is not a star), `Some((None, _))` for
/// `recorded_star: null` (not recognised).
///
/// ```
/// let card = ocop::Catalog::official()
///     .score(&ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?)?;
/// assert_eq!(ocop::report::record(&card), None);
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn record(card: &Scorecard) -> Option<(Option<u8>, bool)> {
    let recorded = card.meta.get(RECORDED).and_then(recorded_star)?;
    Some((recorded, agrees(card, recorded)))
}

/// The star of a `recorded_star` value: `Some(None)` for `null` (not
/// recognised), `None` for a value that is not a star.
pub(super) fn recorded_star(v: &serde_json::Value) -> Option<Option<u8>> {
    match v {
        serde_json::Value::Null => Some(None),
        v => v.as_u64().and_then(|n| u8::try_from(n).ok()).map(Some),
    }
}
