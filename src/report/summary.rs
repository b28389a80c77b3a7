//! [`Summary`]: what a report counts over a batch, and every method that
//! counts it. The records it lists are in `cases`; the audit's rule in
//! `audit`; reading a batch's output back in `read`.

use std::collections::BTreeMap;
use std::io::BufRead;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use super::act::holding;
use super::audit::{agrees, recorded_star};
use super::due::Rescored;
use super::places::ProductLabel;
use super::{
    AuditCase, Counts, DEFAULT_GROUPS, FIRST_ERRORS, HeldGate, MAX_CASES,
    MAX_CRITERIA, NEAR_EDGE, Places, PlanCounts, RECORDED, Rejection,
    Renewals, SetSummary, SpreadCase, ToActOn,
};
use crate::catalog::{Catalog, Edition};
use crate::council::rounded_mean_of;
#[cfg(doc)]
use crate::error::ErrorKind;
use crate::error::{Error, Result};
use crate::scorecard::Scorecard;

/// Everything counted over a batch: outcomes overall, per set and per
/// place; where mean totals fall; the star minimums that held products
/// below their band; councils that disagreed; and recorded stars the
/// rescoring does not confirm. `ocop summary` prints it as text (or JSON
/// with `--json`), and the HTML report draws every panel from it.
///
/// Feed it scorecards and errors ([`Summary::add`]), or a batch's output
/// ([`Summary::from_reader`]).
///
/// # Example
///
/// ```
/// use ocop::{BatchScorer, Catalog, report::Summary};
///
/// let input = format!("{}\nnot json\n", ocop::samples::EVALUATION_2026.trim_end());
/// let mut summary = Summary::new(&["province"]);
/// BatchScorer::new(Catalog::official())
///     .for_each(input.as_bytes(), |line, result| summary.add(line, &result))?;
/// assert_eq!((summary.lines, summary.scored, summary.rejected), (2, 1, 1));
/// assert_eq!(summary.outcomes.stars[&3], 1);
/// assert_eq!(summary.places.by_field()["province"]["Lâm Đồng"].stars[&3], 1);
/// assert_eq!(summary.held_by_gates[0].criterion, "8");
/// let json = serde_json::to_value(&summary).unwrap();
/// assert_eq!(json["outcomes"]["stars"]["3"], 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Lines scored.
    pub scored: u64,
    /// Lines rejected.
    pub rejected: u64,
    /// Rejected lines per error kind.
    pub rejections: BTreeMap<String, u64>,
    /// The first rejected lines.
    pub first_errors: Vec<Rejection>,
    /// Outcomes of every scored line.
    pub outcomes: Counts,
    /// Per set, keyed `edition/set id`: the same id names different
    /// sheets in different editions.
    pub by_set: BTreeMap<String, SetSummary>,
    /// Outcomes by place, with the levels chosen ([`Places::grouping`]).
    pub places: Places,
    /// Council mean totals in 1-point bins: `totals[i]` counts means in
    /// `[i, i + 1)`, the last bin taking 100.
    pub totals: Vec<u64>,
    /// Products whose mean total is less than [`NEAR_EDGE`] points below
    /// a band edge of their edition, per edge.
    pub near_edges: BTreeMap<u8, u64>,
    /// Star minimums that held products below their band: for each such
    /// product, the failed gates of the lowest failed tier, counted per
    /// criterion and tier, most frequent first; at most [`MAX_CRITERIA`].
    pub held_by_gates: Vec<HeldGate>,
    /// Failed gates the list had no room for.
    #[serde(skip_serializing_if = "is_zero")]
    pub held_other: u64,
    /// Councils over the spread limit.
    pub spread_count: u64,
    /// The first [`MAX_CASES`] of them.
    pub spread: Vec<SpreadCase>,
    /// Recorded stars the rescoring does not confirm: products recomputed
    /// above their record.
    pub audit_higher: u64,
    /// Products recomputed below their recorded star, or without it.
    pub audit_lower: u64,
    /// The first [`MAX_CASES`] of either.
    pub audit: Vec<AuditCase>,
    /// Plans, when the summary was given them ([`Summary::add_plan`]).
    pub plans: Option<PlanCounts>,
    /// Products to act on: held by a minimum, and (with plans) one or two
    /// changes from their next star.
    pub act: ToActOn,
    /// Certificates on the reference day, when one was given
    /// ([`Summary::as_of`]).
    pub renewals: Option<Renewals>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// An empty summary grouping by the place fields the data has, of
/// [`DEFAULT_GROUPS`].
impl Default for Summary {
    fn default() -> Self {
        Summary::empty(Places::following(&DEFAULT_GROUPS))
    }
}

impl Summary {
    /// An empty summary grouping by the carried fields `groups`, each a
    /// level of the places, as a user named them.
    pub fn new(groups: &[&str]) -> Summary {
        Summary::empty(Places::fixed(groups))
    }

    /// An empty summary grouping by the carried fields `by`, or, when
    /// `by` is empty, by the place fields of [`DEFAULT_GROUPS`] the data
    /// has: the choice `ocop summary --by` and `ocop report --by` make.
    ///
    /// ```
    /// use ocop::report::Summary;
    ///
    /// assert_eq!(Summary::grouped_by(&[]), Summary::default());
    /// assert_eq!(Summary::grouped_by(&["district"]), Summary::new(&["district"]));
    /// ```
    pub fn grouped_by(by: &[&str]) -> Summary {
        match by {
            [] => Summary::default(),
            by => Summary::new(by),
        }
    }

    /// The summary taking certificates on `day` (see [`Renewals`]).
    pub fn as_of(mut self, day: crate::Date) -> Summary {
        self.renewals = Some(Renewals::new(day));
        self
    }

    fn empty(places: Places) -> Summary {
        Summary {
            lines: 0,
            scored: 0,
            rejected: 0,
            rejections: BTreeMap::new(),
            first_errors: Vec::new(),
            outcomes: Counts::default(),
            by_set: BTreeMap::new(),
            places,
            totals: vec![0; 100],
            near_edges: Catalog::official()
                .editions()
                .flat_map(edges)
                .map(|e| (e, 0))
                .collect(),
            held_by_gates: Vec::new(),
            held_other: 0,
            spread_count: 0,
            spread: Vec::new(),
            audit_higher: 0,
            audit_lower: 0,
            audit: Vec::new(),
            plans: None,
            act: ToActOn::default(),
            renewals: None,
        }
    }

    /// Reads batch output, one scorecard or error record per line,
    /// grouping by the place fields of [`DEFAULT_GROUPS`] the data has.
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader(r: impl BufRead) -> Result<Summary> {
        Summary::from_reader_by(r, &[])
    }

    /// Reads batch output, grouping by the carried fields `by`, or, when
    /// `by` is empty, by the place fields the data has.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails; [`ErrorKind::Json`] naming the
    /// line when a line is neither a scorecard nor an error record. A
    /// blank line is counted as rejected (`blank_line`), as `ocop score`
    /// records it, and so is a scorecard no scoring can have written
    /// ([`ErrorKind::InvalidScorecard`]).
    pub fn from_reader_by(r: impl BufRead, by: &[&str]) -> Result<Summary> {
        super::read::read(r, by, None)
    }

    /// [`Summary::from_reader_by`], taking the sets' part maxima from
    /// `catalog`.
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader_with(
        r: impl BufRead,
        by: &[&str],
        catalog: &Catalog,
    ) -> Result<Summary> {
        super::read::read(r, by, Some(catalog))
    }

    /// Counts a product's plan towards its next star, and lists the
    /// product when the plan has one or two changes.
    pub fn add_plan(&mut self, card: &Scorecard, plan: &crate::advice::Plan) {
        self.plans.get_or_insert_with(PlanCounts::default).add(plan);
        self.act.add_plan(card, plan, &self.places.key_of(card));
    }

    /// Counts one line's result, reading each card's edition (its band
    /// edges, its set's part maxima) from the embedded catalog.
    pub fn add(&mut self, line: u64, result: &Result<Scorecard>) {
        self.add_with(line, result, None)
    }
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
        let bin = card.mean.total.trunc().to_string().parse().unwrap_or(0);
        self.totals[usize::min(bin, 99)] += 1;
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
            let named = || ProductLabel::of(card, &place);
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
            let named = || ProductLabel::in_fields(id, fields, &place);
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

/// The band edges of an edition, in whole points: every band's lower
/// bound but the lowest (0). Every edition's edges are whole points; an
/// edge that is not would not be counted.
pub(super) fn edges(ed: &Edition) -> impl Iterator<Item = u8> + '_ {
    ed.info().bands.iter().filter_map(|b| {
        let edge = b.min.fract().is_zero() && b.min > Decimal::ZERO;
        edge.then(|| b.min.to_u8()).flatten()
    })
}
