//! What a summary counts, and the rules it counts by.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::act::Named;
use super::due::Rescored;
use super::{
    Counts, FIRST_ERRORS, MAX_CASES, MAX_CRITERIA, NEAR_EDGE, RECORDED,
    Summary,
};
use crate::catalog::{Catalog, Edition};
use crate::council::rounded_mean_of;
use crate::error::{Error, Result};
use crate::scorecard::{FailedGate, Scorecard, Status};

/// One set's products.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SetSummary {
    /// The set's name as printed.
    pub name: String,
    /// Products scored on it.
    pub products: u64,
    /// Outcomes.
    pub outcomes: Counts,
    /// The mean over products of the council means of parts A, B and C,
    /// rounded as a council's mean is, to the edition's places.
    #[serde(serialize_with = "decimals")]
    pub part_means: [Decimal; 3],
    /// The set's maxima of parts A, B and C, when the catalog has the set.
    pub part_max: Option<[u32; 3]>,
    #[serde(skip)]
    part_sums: [Decimal; 3],
}

fn decimals<S: serde::Serializer>(
    d: &[Decimal; 3],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(3))?;
    for x in d {
        seq.serialize_element(&Exact(*x))?;
    }
    seq.end()
}

/// A decimal written as a JSON number, exactly.
struct Exact(Decimal);

impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        crate::scorecard::decimal_json::serialize(&self.0, s)
    }
}

/// A line that was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rejection {
    /// The input line.
    pub line: u64,
    /// The product, when known.
    pub id: Option<String>,
    /// The error's kind tag.
    pub kind: String,
    /// The error's message.
    pub message: String,
}

/// A star minimum that held products below their band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeldGate {
    /// The criterion code.
    pub criterion: String,
    /// Its printed title.
    pub title: String,
    /// The star tier whose minimum it is.
    pub stars: u8,
    /// Products it held.
    pub products: u64,
}

/// A council whose member totals differ by more than the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SpreadCase {
    /// The product.
    pub id: Option<String>,
    /// The highest member total.
    pub highest: u32,
    /// The lowest member total.
    pub lowest: u32,
    /// The difference between them.
    pub points: u32,
    /// The edition's spread limit.
    pub limit: u32,
}

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

impl Summary {
    /// [`Summary::add`], reading each card's edition (its band edges, its
    /// set's part maxima) from `catalog`, or from the embedded catalog
    /// when `None`.
    pub fn add_with(
        &mut self,
        line: u64,
        result: &Result<Scorecard>,
        catalog: Option<&Catalog>,
    ) {
        let card = match result {
            Ok(card) => card,
            Err(e) => return self.add_rejected(line, e, None),
        };
        self.lines += 1;
        self.scored += 1;
        let r = &card.rating;
        self.outcomes.add(r.stars, r.status);
        // The same set id names different sheets in different editions.
        let key = format!("{}/{}", card.edition, card.set);
        let set = self.by_set.entry(key).or_default();
        set.name.clone_from(&card.set_name);
        set.products += 1;
        set.outcomes.add(r.stars, r.status);
        let m = &card.mean;
        for (sum, x) in set.part_sums.iter_mut().zip([m.a, m.b, m.c]) {
            *sum = sum.saturating_add(x);
        }
        let n = set.outcomes.total();
        // A scorecard's means carry its edition's decimals.
        let places = m.a.scale();
        for (mean, sum) in set.part_means.iter_mut().zip(set.part_sums) {
            *mean = rounded_mean_of(sum, n, places);
        }
        let catalog = catalog.unwrap_or_else(|| Catalog::official());
        if let Some(c) = catalog.set_for(card) {
            // The maxima of the table the card was scored with.
            set.part_max = Some(c.compiled(card.inferred).part_max);
        }
        // Bins of one point; a mean of 100 goes in the last.
        let whole = card.mean.total.trunc().to_string().parse().unwrap_or(0);
        self.totals[usize::min(whole, 99)] += 1;
        if let Some(ed) = catalog.edition(&card.edition) {
            let total = card.mean.total;
            for edge in edges(ed) {
                let count = self.near_edges.entry(edge).or_default();
                let e = Decimal::from(edge);
                if total < e && total >= e - Decimal::from(NEAR_EDGE) {
                    *count += 1;
                }
            }
        }
        self.count_held(card);
        if card.spread.exceeded {
            self.spread_count += 1;
        }
        if card.spread.exceeded && self.spread.len() < MAX_CASES {
            self.spread.push(SpreadCase {
                id: card.id.clone(),
                highest: card.spread.highest,
                lowest: card.spread.lowest,
                points: card.spread.points,
                limit: card.spread.limit,
            });
        }
        let recorded = card.meta.get(RECORDED).and_then(recorded_star);
        if let Some(rec) = recorded {
            self.audit_one(card, rec);
        }
        let place = self.places.key_of(card);
        if let Some(r) = &mut self.renewals {
            let named = || Named::of(card, &place);
            r.add(named, &card.meta, recorded.flatten(), Rescored::Card(card));
        }
        self.act.add_card(card, &place);
        self.places.add(place, r.stars, r.status);
    }

    /// Counts a line that could not be scored, as [`Summary::add`] counts
    /// an error. When the line was an evaluation, `fields` are its carried
    /// fields ([`Evaluation::carried`](crate::Evaluation::carried)): a certificate among them is still
    /// listed, with the reason its line was not rescored, since the
    /// product holds it and is due for re-evaluation all the same (the
    /// lines of 148/QĐ-TTg, whose tables are not bundled, are most of the
    /// certificates due in 2026).
    ///
    /// ```
    /// use ocop::{Catalog, Evaluation, report::Summary};
    ///
    /// let text = r#"{"id": "P1", "set": "hoa", "date": "2023-05-10",
    ///   "recognised": "2023-06-01", "members": []}"#;
    /// let ev = Evaluation::from_json(text)?;
    /// let err = Catalog::official().score(&ev).unwrap_err();
    /// let mut s = Summary::default().as_of("2026-01-20".parse()?);
    /// s.add_rejected(1, &err, Some(&ev.carried()));
    /// let due = &s.renewals.as_ref().unwrap().due[0];
    /// assert_eq!((due.named.id.as_deref(), due.rejected.as_deref()),
    ///            (Some("P1"), Some(err.tag())));
    /// assert_eq!(s.rejected, 1);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn add_rejected(
        &mut self,
        line: u64,
        err: &Error,
        fields: Option<&serde_json::Map<String, serde_json::Value>>,
    ) {
        self.lines += 1;
        self.rejected += 1;
        *self.rejections.entry(err.tag().to_owned()).or_default() += 1;
        if self.first_errors.len() < FIRST_ERRORS {
            self.first_errors.push(Rejection {
                line,
                id: err.product().map(str::to_owned),
                kind: err.tag().to_owned(),
                message: err.kind().to_string(),
            });
        }
        if let (Some(fields), Some(r)) = (fields, &mut self.renewals) {
            let recorded = fields.get(RECORDED).and_then(recorded_star);
            let place = self.places.key_in(fields);
            let id = err.product().map(str::to_owned);
            let named = || Named::in_fields(id, fields, &place);
            r.add(named, fields, recorded.flatten(), Rescored::Rejected(err));
        }
    }

    /// Counts the gates that held a card below its band.
    fn count_held(&mut self, card: &Scorecard) {
        let Some((tier, gates)) = holding(card) else { return };
        for g in gates {
            let full = self.held_by_gates.len() >= MAX_CRITERIA;
            match self.held_by_gates.iter_mut().find(|h| {
                h.criterion == g.criterion
                    && h.title == g.title
                    && h.stars == tier
            }) {
                Some(h) => h.products += 1,
                None if full => self.held_other += 1,
                None => self.held_by_gates.push(HeldGate {
                    criterion: g.criterion.clone(),
                    title: g.title.clone(),
                    stars: tier,
                    products: 1,
                }),
            }
        }
        // Most frequent first; ties in tier, code and title order, so that
        // the order does not depend on the order of the lines.
        self.held_by_gates.sort_by(|a, b| {
            b.products
                .cmp(&a.products)
                .then(a.stars.cmp(&b.stars))
                .then_with(|| a.criterion.cmp(&b.criterion))
                .then_with(|| a.title.cmp(&b.title))
        });
    }

    /// `recorded_star: null` records a product that was not recognised:
    /// any outcome without an OCOP star (3★ or more) agrees with it (README
    /// "Interpretations").
    fn audit_one(&mut self, card: &Scorecard, recorded: Option<u8>) {
        let r = &card.rating;
        if agrees(card, recorded) {
            return;
        }
        // A star above the record, or a star where none was recognised.
        if r.stars.unwrap_or(0) > recorded.unwrap_or(0) {
            self.audit_higher += 1;
        } else {
            self.audit_lower += 1;
        }
        if self.audit.len() < MAX_CASES {
            self.audit.push(AuditCase {
                id: card.id.clone(),
                recorded,
                stars: r.stars,
                status: r.status,
            });
        }
    }
}

/// Whether a card's outcome agrees with the star on record (`None`: not
/// recognised, which any outcome without an OCOP star agrees with).
fn agrees(card: &Scorecard, recorded: Option<u8>) -> bool {
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
fn recorded_star(v: &serde_json::Value) -> Option<Option<u8>> {
    match v {
        serde_json::Value::Null => Some(None),
        v => v.as_u64().and_then(|n| u8::try_from(n).ok()).map(Some),
    }
}

/// The gates that held a card below its band, when gates decided its
/// star (the final star is below the band, or it is not rated): the
/// failed gates of the lowest failed tier, with that tier.
pub(super) fn holding(
    card: &Scorecard,
) -> Option<(u8, impl Iterator<Item = &FailedGate>)> {
    let r = &card.rating;
    let held = match r.status {
        Status::Rated => r.stars.is_some_and(|s| s < r.band),
        Status::NotRated => true,
        _ => false,
    };
    let tier = r.failed_gates.iter().map(|g| g.stars).min()?;
    held.then(|| {
        (tier, r.failed_gates.iter().filter(move |g| g.stars == tier))
    })
}

/// The band edges of an edition, in whole points: every band's lower
/// bound but the lowest (0). Every edition's edges are whole points; an
/// edge that is not would not be counted.
pub(super) fn edges(ed: &Edition) -> impl Iterator<Item = u8> + '_ {
    ed.info().bands.iter().filter_map(|b| {
        let whole = b.min.fract().is_zero() && b.min > Decimal::ZERO;
        whole.then(|| b.min.to_u8()).flatten()
    })
}
