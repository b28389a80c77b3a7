//! Reports: batch summaries, editions and sheets as text.
//!
//! A province that rescores its archive wants to know how many products
//! land on each star and where (by set, province, district or any other
//! field it carried through), how many sit just below a band edge, which
//! star minimums hold products back, which councils disagreed, and which
//! recorded stars the rescoring does not confirm. [`Summary`] counts all
//! of it from scorecards, once, for every output: text, JSON and the HTML
//! page. [`sheet_text`] prints one criteria set the way a council member
//! sees it.
//!
//! JSON keys are one set: outcomes `rated`, `not_rated`, `eliminated`,
//! `halted`; stars as numbers, or as the keys `"1"` … `"5"` where a map
//! needs string keys. Wording such as "5★" or "not rated" appears only in
//! text output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::{Catalog, CriteriaSet};
use crate::error::{Error, ErrorKind, Result};
use crate::scorecard::{Scorecard, Status};

/// Counts of outcomes: rated products by final star, and the rest by
/// status. The serde form uses the keys `stars` (`"1"` … `"5"`),
/// `not_rated`, `eliminated` and `halted`.
///
/// ```
/// let mut c = ocop::report::Counts::default();
/// c.add(Some(3), ocop::Status::Rated);
/// c.add(None, ocop::Status::NotRated);
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"stars":{"1":0,"2":0,"3":1,"4":0,"5":0},"not_rated":1,"eliminated":0,"halted":0}"#
/// );
/// assert_eq!(c.total(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// Rated products by final star, 1 to 5 (every star present).
    pub stars: BTreeMap<u8, u64>,
    /// Band 3★ or more but a 3★ minimum failed ("Không đạt").
    pub not_rated: u64,
    /// A "Bị loại nếu …" knock-out.
    pub eliminated: u64,
    /// A "Không đánh giá các bước tiếp theo …" knock-out.
    pub halted: u64,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            stars: (1..=5).map(|s| (s, 0)).collect(),
            not_rated: 0,
            eliminated: 0,
            halted: 0,
        }
    }
}

impl Counts {
    /// Counts one outcome.
    pub fn add(&mut self, stars: Option<u8>, status: Status) {
        match (status, stars) {
            (Status::Eliminated, _) => self.eliminated += 1,
            (Status::Halted, _) => self.halted += 1,
            (_, Some(s)) => *self.stars.entry(s).or_default() += 1,
            _ => self.not_rated += 1,
        }
    }

    /// Products counted.
    pub fn total(&self) -> u64 {
        self.stars.values().sum::<u64>()
            + self.not_rated
            + self.eliminated
            + self.halted
    }

    /// The counts in the order of [`OUTCOMES`]: 5★ down to 1★, then not
    /// rated, eliminated, halted.
    pub fn row(&self) -> [u64; 8] {
        let s = |k| self.stars.get(&k).copied().unwrap_or(0);
        [
            s(5),
            s(4),
            s(3),
            s(2),
            s(1),
            self.not_rated,
            self.eliminated,
            self.halted,
        ]
    }
}

/// The outcome columns, as text output names them.
pub const OUTCOMES: [&str; 8] =
    ["5★", "4★", "3★", "2★", "1★", "not rated", "eliminated", "halted"];

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
    /// rounded to 2 places.
    #[serde(serialize_with = "decimals")]
    pub part_means: [Decimal; 3],
    /// The set's maxima of parts A, B and C, when the catalog was given.
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

/// A place (the first grouping field's value) and the places within it
/// (the second field's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Place {
    /// Outcomes of the place.
    pub outcomes: Counts,
    /// Outcomes per value of the second field.
    pub within: BTreeMap<String, Counts>,
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
    /// The tier.
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
    /// The lowest.
    pub lowest: u32,
    /// The difference.
    pub points: u32,
    /// The limit.
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

/// How far plans find products from their target star.
///
/// ```
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let plan = ocop::Catalog::official().plan(&ev, &Default::default())?;
/// let mut p = ocop::report::PlanCounts::default();
/// p.add(&plan);
/// assert_eq!(p.by_changes[&1], 1);
/// assert_eq!(p.raised[0].criterion, "8");
/// assert_eq!(p.raised[0].plans, 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PlanCounts {
    /// Plans made.
    pub plans: u64,
    /// Products already at their target.
    pub reached: u64,
    /// Products no plan brings to their target.
    pub unreachable: u64,
    /// Reachable products by the number of criteria to change.
    pub by_changes: BTreeMap<u32, u64>,
    /// Criteria the plans raise, with how many plans raise each, most
    /// often first.
    pub raised: Vec<Raised>,
}

/// A criterion plans raise. Codes mean different criteria on different
/// sheets, so a criterion is its code with its title, as for
/// [`HeldGate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Raised {
    /// The criterion code.
    pub criterion: String,
    /// Its printed title.
    pub title: String,
    /// Plans that raise it.
    pub plans: u64,
}

impl PlanCounts {
    /// Counts one plan.
    pub fn add(&mut self, plan: &crate::advice::Plan) {
        self.plans += 1;
        if !plan.reachable {
            self.unreachable += 1;
            return;
        }
        if plan.steps.is_empty() {
            self.reached += 1;
            return;
        }
        *self.by_changes.entry(plan.changes).or_default() += 1;
        let mut raised: Vec<(&str, &str)> = plan
            .steps
            .iter()
            .map(|s| (s.criterion.as_str(), s.title.as_str()))
            .collect();
        raised.sort_unstable();
        raised.dedup();
        for (code, title) in raised {
            match self
                .raised
                .iter_mut()
                .find(|r| r.criterion == code && r.title == title)
            {
                Some(r) => r.plans += 1,
                None => self.raised.push(Raised {
                    criterion: code.to_owned(),
                    title: title.to_owned(),
                    plans: 1,
                }),
            }
        }
        self.raised.sort_by(|a, b| {
            b.plans
                .cmp(&a.plans)
                .then_with(|| a.criterion.cmp(&b.criterion))
                .then_with(|| a.title.cmp(&b.title))
        });
    }
}

impl std::fmt::Display for PlanCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |k: u32| self.by_changes.get(&k).copied().unwrap_or(0);
        let more: u64 = self.by_changes.range(4..).map(|(_, v)| v).sum();
        writeln!(
            f,
            "{} plans: {} one change from the target, {} two, {} three, {more} more; \
             {} already there, {} unreachable",
            self.plans,
            n(1),
            n(2),
            n(3),
            self.reached,
            self.unreachable
        )?;
        if self.raised.is_empty() {
            return write!(f, "criteria raised most often: none");
        }
        write!(f, "criteria raised most often (plans, code, title):")?;
        for r in self.raised.iter().take(10) {
            write!(f, "\n{:>8}  {:<6} {}", r.plans, r.criterion, r.title)?;
        }
        Ok(())
    }
}

/// The fields a summary groups by unless told otherwise.
pub const DEFAULT_GROUPS: [&str; 3] = ["province", "district", "commune"];

/// The field carrying the star a product holds on record.
const RECORDED: &str = "recorded_star";

/// How many rejected lines a summary keeps for display.
const FIRST_ERRORS: usize = 10;

/// How many spread and audit cases a summary keeps, the first in input
/// order; it counts them all. A summary's memory then grows with the
/// number of distinct sets and places, never with the number of lines.
pub const MAX_CASES: usize = 1000;

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
/// assert_eq!(summary.by_field["province"]["Lâm Đồng"].stars[&3], 1);
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
    /// The carried fields grouped by, in order.
    pub groups: Vec<String>,
    /// Per grouping field, per value.
    pub by_field: BTreeMap<String, BTreeMap<String, Counts>>,
    /// Per value of the first grouping field, with the second within.
    pub places: BTreeMap<String, Place>,
    /// Council mean totals in 1-point bins: `totals[i]` counts means in
    /// `[i, i + 1)`, the last bin taking 100.
    pub totals: Vec<u64>,
    /// Products whose mean total is within 3.00 points below a band edge,
    /// per edge.
    pub near_edges: BTreeMap<u8, u64>,
    /// Star minimums that held products below their band: for each such
    /// product, the failed gates of the lowest failed tier, counted per
    /// criterion and tier, most frequent first.
    pub held_by_gates: Vec<HeldGate>,
    /// Councils over the spread limit.
    pub spread_count: u64,
    /// The first [`MAX_CASES`] of them.
    pub spread: Vec<SpreadCase>,
    /// Recorded stars the rescoring does not confirm: products recomputed
    /// above their record.
    pub audit_higher: u64,
    /// And below it, or without the recorded star.
    pub audit_lower: u64,
    /// The first [`MAX_CASES`] of either.
    pub audit: Vec<AuditCase>,
    /// Values seen of the `province` field.
    pub provinces: Vec<String>,
    /// Plans, when the summary was given them ([`Summary::add_plan`]).
    pub plans: Option<PlanCounts>,
}

/// The band edges whose near misses are counted.
const EDGES: [u8; 4] = [30, 50, 70, 90];

impl Default for Summary {
    fn default() -> Self {
        Summary::new(&DEFAULT_GROUPS)
    }
}

impl Summary {
    /// An empty summary grouping by the carried fields `groups`.
    pub fn new(groups: &[&str]) -> Summary {
        Summary {
            lines: 0,
            scored: 0,
            rejected: 0,
            rejections: BTreeMap::new(),
            first_errors: Vec::new(),
            outcomes: Counts::default(),
            by_set: BTreeMap::new(),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
            by_field: BTreeMap::new(),
            places: BTreeMap::new(),
            totals: vec![0; 100],
            near_edges: EDGES.iter().map(|&e| (e, 0)).collect(),
            held_by_gates: Vec::new(),
            spread_count: 0,
            spread: Vec::new(),
            audit_higher: 0,
            audit_lower: 0,
            audit: Vec::new(),
            provinces: Vec::new(),
            plans: None,
        }
    }

    /// Counts a product's plan towards its next star.
    pub fn add_plan(&mut self, plan: &crate::advice::Plan) {
        self.plans.get_or_insert_with(PlanCounts::default).add(plan);
    }

    /// Counts one line's result.
    pub fn add(&mut self, line: u64, result: &Result<Scorecard>) {
        self.add_with(line, result, None)
    }

    /// [`Summary::add`], taking the set's part maxima from `catalog`.
    pub fn add_with(
        &mut self,
        line: u64,
        result: &Result<Scorecard>,
        catalog: Option<&Catalog>,
    ) {
        self.lines += 1;
        let card = match result {
            Ok(card) => card,
            Err(e) => {
                self.rejected += 1;
                *self.rejections.entry(e.tag().to_owned()).or_default() += 1;
                if self.first_errors.len() < FIRST_ERRORS {
                    self.first_errors.push(Rejection {
                        line,
                        id: e.product().map(str::to_owned),
                        kind: e.tag().to_owned(),
                        message: e.kind().to_string(),
                    });
                }
                return;
            }
        };
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
        let n = Decimal::from(set.outcomes.total());
        for (mean, sum) in set.part_means.iter_mut().zip(set.part_sums) {
            // The council's own rounding, with both places written.
            let mut x = (sum / n).round_dp_with_strategy(
                2,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            );
            x.rescale(2);
            *mean = x;
        }
        if let Some(c) = catalog.and_then(|c| c.set_for(card)) {
            // The maxima of the table the card was scored with.
            set.part_max = Some(c.compiled(card.inferred).part_max);
        }
        // Bins of one point; a mean of 100 goes in the last.
        let whole = card.mean.total.trunc().to_string().parse().unwrap_or(0);
        self.totals[usize::min(whole, 99)] += 1;
        for (&edge, count) in self.near_edges.iter_mut() {
            let e = Decimal::from(edge);
            if card.mean.total < e && card.mean.total >= e - Decimal::from(3) {
                *count += 1;
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
        if let Some(v) = card.meta.get(RECORDED) {
            self.audit_one(card, v);
        }
        let value = |f: &str| match card.meta.get(f) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        if let Some(p) = value("province") {
            if !self.provinces.contains(&p) {
                self.provinces.push(p);
            }
        }
        for g in &self.groups {
            if let Some(v) = value(g) {
                let per = self.by_field.entry(g.clone()).or_default();
                per.entry(v).or_default().add(r.stars, r.status);
            }
        }
        if let Some(first) = self.groups.first().and_then(|g| value(g)) {
            let place = self.places.entry(first).or_default();
            place.outcomes.add(r.stars, r.status);
            if let Some(second) = self.groups.get(1).and_then(|g| value(g)) {
                place.within.entry(second).or_default().add(r.stars, r.status);
            }
        }
    }

    /// The gates of the lowest failed tier, when gates decided the star:
    /// the final star is below the band, or the product is not rated.
    fn count_held(&mut self, card: &Scorecard) {
        let r = &card.rating;
        let held = match r.status {
            Status::Rated => r.stars.is_some_and(|s| s < r.band),
            Status::NotRated => true,
            _ => false,
        };
        let Some(tier) = r.failed_gates.iter().map(|g| g.stars).min() else {
            return;
        };
        if !held {
            return;
        }
        for g in r.failed_gates.iter().filter(|g| g.stars == tier) {
            match self.held_by_gates.iter_mut().find(|h| {
                h.criterion == g.criterion
                    && h.title == g.title
                    && h.stars == tier
            }) {
                Some(h) => h.products += 1,
                None => self.held_by_gates.push(HeldGate {
                    criterion: g.criterion.clone(),
                    title: g.title.clone(),
                    stars: tier,
                    products: 1,
                }),
            }
        }
        // Most frequent first; ties in tier, then code order.
        self.held_by_gates.sort_by(|a, b| {
            b.products
                .cmp(&a.products)
                .then(a.stars.cmp(&b.stars))
                .then(a.criterion.cmp(&b.criterion))
        });
    }

    /// `recorded_star: null` records a product that was not recognised:
    /// any outcome without an OCOP star (3★ or more) agrees with it (README
    /// "Interpretations").
    fn audit_one(&mut self, card: &Scorecard, v: &serde_json::Value) {
        let r = &card.rating;
        let recorded = match v {
            serde_json::Value::Null => None,
            v => match v.as_u64().and_then(|n| u8::try_from(n).ok()) {
                Some(n) => Some(n),
                None => return, // not a star; nothing to audit
            },
        };
        let agrees = match recorded {
            None => r.stars.is_none_or(|s| s < 3),
            Some(n) => r.stars == Some(n) && r.status == Status::Rated,
        };
        if agrees {
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

    /// Reads batch output, one scorecard or error record per line,
    /// grouping by the fields of [`DEFAULT_GROUPS`].
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader(r: impl BufRead) -> Result<Summary> {
        Summary::from_reader_by(r, &DEFAULT_GROUPS)
    }

    /// Reads batch output, grouping by the carried fields `by`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails; [`ErrorKind::Json`] naming the
    /// line when a line is neither a scorecard nor an error record.
    pub fn from_reader_by(r: impl BufRead, by: &[&str]) -> Result<Summary> {
        Summary::read(r, by, None)
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
        Summary::read(r, by, Some(catalog))
    }

    fn read(
        r: impl BufRead,
        by: &[&str],
        catalog: Option<&Catalog>,
    ) -> Result<Summary> {
        let mut s = Summary::new(by);
        for (i, line) in r.lines().enumerate() {
            let line = line.map_err(|e| {
                ErrorKind::io(std::path::Path::new("input"), e)
            })?;
            let at = |e: serde_json::Error| match ErrorKind::json(e, false)
                .into_kind()
            {
                ErrorKind::Json { column, message, .. } => {
                    Error::new(ErrorKind::Json {
                        line: Some(i + 1),
                        column,
                        message,
                    })
                }
                other => Error::new(other),
            };
            // Scorecards, the common case, are read straight; anything
            // else goes through a `Value` to tell error records apart.
            if let Ok(card) = serde_json::from_str::<Scorecard>(&line) {
                s.add_with(i as u64 + 1, &Ok(card), catalog);
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(&line).map_err(at)?;
            // An error record names its input line; a scorecard is at its
            // position.
            let n =
                v.get("line").and_then(|n| n.as_u64()).unwrap_or(i as u64 + 1);
            let result = match v.get("error") {
                Some(e) => {
                    let err: Error =
                        serde_json::from_value(e.clone()).map_err(at)?;
                    Err(err.for_product(v.get("id").and_then(|x| x.as_str())))
                }
                None => {
                    Ok(serde_json::from_value::<Scorecard>(v).map_err(at)?)
                }
            };
            s.add_with(n, &result, catalog);
        }
        Ok(s)
    }
}

fn table(out: &mut String, title: &str, rows: &BTreeMap<String, Counts>) {
    let width = rows
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(title.chars().count());
    let _ = write!(out, "{title:<width$}");
    for o in OUTCOMES {
        let _ = write!(out, " {o:>10}");
    }
    out.push('\n');
    for (k, counts) in rows {
        let _ = write!(out, "{k:<width$}");
        for n in counts.row() {
            let _ = write!(out, " {n:>10}");
        }
        out.push('\n');
    }
    out.push('\n');
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} lines: {} scored, {} rejected",
            self.lines, self.scored, self.rejected
        );
        let _ = writeln!(
            out,
            "councils whose member totals differ by more than the spread limit: {}\n",
            self.spread_count
        );
        let all = [("all".to_owned(), self.outcomes.clone())].into();
        table(&mut out, "outcome", &all);
        let sets =
            self.by_set.iter().map(|(k, v)| (k.clone(), v.outcomes.clone()));
        table(&mut out, "set", &sets.collect());
        for g in &self.groups {
            if let Some(rows) = self.by_field.get(g) {
                table(&mut out, g, rows);
            }
        }
        let audited = self.audit_higher + self.audit_lower;
        if audited > 0 {
            let _ = writeln!(
                out,
                "{audited} products whose star differs from {RECORDED} \
                 ({} recomputed higher, {} lower):",
                self.audit_higher, self.audit_lower
            );
            for a in &self.audit {
                let rec = a
                    .recorded
                    .map_or("not recognised".into(), |s| format!("{s}★"));
                let now = match (a.status, a.stars) {
                    (Status::Rated, Some(s)) => format!("{s}★"),
                    (Status::NotRated, _) => "not rated".into(),
                    (st, _) => st.as_str().into(),
                };
                let id = a.id.as_deref().unwrap_or("(no id)");
                let _ =
                    writeln!(out, "  {id}: recorded {rec}, recomputed {now}");
            }
            if audited > self.audit.len() as u64 {
                let _ = writeln!(
                    out,
                    "  … and {} more",
                    audited - self.audit.len() as u64
                );
            }
        }
        f.write_str(&out)
    }
}

/// An edition and its sets as text, as `ocop sets` prints them: dates,
/// how much of its star minimums is known, and each set's id, maximum,
/// status and name.
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd1048-781").unwrap();
/// let text = ocop::report::edition_text(ed);
/// assert!(text.starts_with("qd1048-781 — "));
/// assert!(text.contains("star minimums: partial"));
/// assert!(text.contains(" cross-checked "));
/// ```
pub fn edition_text(ed: &crate::catalog::Edition) -> String {
    let i = ed.info();
    let until = i.in_force.until.as_deref().unwrap_or("now");
    let mut out = format!(
        "{} — {} ({} → {}), star minimums: {}\n",
        i.id, i.name, i.in_force.from, until, i.gates
    );
    match i.tables {
        crate::criteria::Tables::NotBundled => {
            out += "  tables not bundled: supply them with --criteria DIR\n";
        }
        crate::criteria::Tables::Partial => {
            out += "  other tables not bundled: supply them with --criteria DIR\n";
        }
        _ => {}
    }
    for s in ed.sets() {
        let _ = writeln!(
            out,
            "  {:<48} {:>3}  {:<13}  {}",
            s.id(),
            s.max_points().total(),
            s.sheet().status,
            s.sheet().name
        );
    }
    out
}

/// The sheet of a set as text: parts, sections, criteria, options with
/// their points and star minimums, notes and knock-outs.
///
/// # Example
///
/// ```
/// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
/// let text = ocop::report::sheet_text(set);
/// assert!(text.contains("TỔNG CỘNG 100"));
/// ```
pub fn sheet_text(set: &CriteriaSet) -> String {
    let s = set.sheet();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({}), {}",
        s.id,
        s.name,
        set.edition(),
        s.status
    );
    let _ = writeln!(out, "fingerprint {}", set.fingerprint());
    if let Some(d) = &s.disqualified_when {
        let _ =
            writeln!(out, "Hồ sơ bị loại khi (knock-out \"dossier\"): {d}");
    }
    for p in &s.parts {
        let _ = writeln!(out, "\nPhần {}: {} ({})", p.part, p.title, p.max);
        for sec in &p.sections {
            let _ =
                writeln!(out, "  {}. {} ({})", sec.code, sec.title, sec.max);
            for c in &sec.criteria {
                let indent =
                    if c.parent.is_some() { "      " } else { "    " };
                let _ = writeln!(
                    out,
                    "{indent}{} {} [{}] ({})",
                    c.code, c.title, c.label, c.max
                );
                if c.yes_no {
                    let _ = writeln!(
                        out,
                        "{indent}    true/false: met = {}, not met = 0",
                        c.max
                    );
                }
                for (i, o) in c.options.iter().enumerate() {
                    let gate = o.gate.as_ref().map_or(String::new(), |g| {
                        format!(
                            "  {}★ minimum{}",
                            g.stars,
                            if g.inferred.is_some() {
                                " (inferred)"
                            } else {
                                ""
                            }
                        )
                    });
                    let inf = o.inferred.as_ref().map_or(String::new(), |x| {
                        format!("  (inferred: {})", x.points)
                    });
                    let _ = writeln!(
                        out,
                        "{indent}    {}. [{}] {}{gate}{inf}",
                        i + 1,
                        o.points,
                        o.text
                    );
                }
                if let Some(k) = &c.knockout {
                    let _ = writeln!(
                        out,
                        "{indent}    knock-out {} \"{}\": {}",
                        k.kind, c.code, k.text
                    );
                }
            }
        }
    }
    let m = set.max_points();
    let _ = writeln!(out, "\nTỔNG CỘNG {}", m.total());
    for g in &s.gaps {
        let _ = writeln!(
            out,
            "gap: part {} lacks {} points: {}",
            g.part, g.points, g.text
        );
    }
    out
}
