//! Reports: batch summaries.
//!
//! A province that rescores its archive wants to know how many products
//! land on each star and where (by set, province, district or any other
//! field it carried through), how many sit just below a band edge, which
//! star minimums hold products back, which councils disagreed, and which
//! recorded stars the rescoring does not confirm. [`Summary`] counts all
//! of it from scorecards, once, for every output: text, JSON and the HTML
//! page.
//!
//! JSON keys are one set: outcomes `rated`, `not_rated`, `eliminated`,
//! `halted`; stars as numbers, or as the keys `"1"` … `"5"` where a map
//! needs string keys. Wording such as "5★" or "not rated" appears only in
//! text output.

//!
//! Its rooms: `outcome` (the outcomes in report order, and their counts),
//! `places` (the levels a report groups by, chosen by the data),
//! `summary` (what is counted, and the rules it is counted by), `plans`
//! (how far plans find products), `act` (the products to act on), `due`
//! (certificates coming up for re-evaluation), `read` (a batch's output
//! read back) and `text` (the summary as text).

mod act;
mod due;
mod outcome;
mod places;
mod plans;
mod read;
mod summary;
mod text;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::Catalog;
use crate::error::Result;
use crate::scorecard::Scorecard;

pub use act::{Act, HeldCase, NEAR_CHANGES, Named, NearCase};
pub use due::{
    AHEAD_MONTHS, CertificateCase, RECOGNISED, Renewals, due_label,
};
pub use outcome::{Counts, Outcome};
pub use places::{Area, Grouping, MAX_PLACES, PlaceKey, Places};
pub use plans::{PlanCounts, Raised};
pub use read::MAX_READ_LINE;
pub use summary::{
    AuditCase, HeldGate, Rejection, SetSummary, SpreadCase, record,
};

/// The place fields, outermost first: a summary groups by those the data
/// has unless told otherwise (see [`Places`]).
pub const DEFAULT_GROUPS: [&str; 3] = ["province", "district", "commune"];

/// The field carrying the star a product holds on record.
const RECORDED: &str = "recorded_star";

/// The field carrying a product's name.
const PRODUCT: &str = "product";

/// The field carrying a producer's name.
const PRODUCER: &str = "producer";

/// How many rejected lines a summary keeps for display.
const FIRST_ERRORS: usize = 10;

/// How many spread and audit cases a summary keeps, the first in input
/// order; it counts them all. A summary's memory then grows with the
/// number of distinct sets and places, never with the number of lines.
pub const MAX_CASES: usize = 1000;

/// How close below a band edge a mean total counts as near it, in points.
/// This is the report's own choice (no decision speaks of it): a few
/// options' worth of points, the distance a council's next round can
/// close.
pub const NEAR_EDGE: u8 = 3;

/// The most distinct criteria (code and title) a summary lists as holding
/// products back, or as raised by plans. The bundled sheets have fewer
/// than 3,000 in all, so only hand-made input reaches it; what does not
/// fit is counted.
pub const MAX_CRITERIA: usize = 10_000;

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
    pub act: Act,
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
                .flat_map(summary::edges)
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
            act: Act::default(),
            renewals: None,
        }
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
