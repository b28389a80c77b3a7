//! What it takes to gain a star: explanations, exact upgrade plans and
//! what-if.
//!
//! After a council, a producer asks what must change for the product to
//! gain a star. This module answers from the sheet itself, exactly as
//! [`Catalog::score`] would decide it afterwards:
//!
//! - [`Catalog::explain`]: per criterion, the council's points against the
//!   maximum, the options above the council's level, and each tier's
//!   minimum, marking those that hold the product back.
//! - [`Catalog::plan`]: the fewest changes (or the cheapest, with
//!   [`Costs`]) that reach a target star, or why none does.
//! - [`Catalog::what_if`]: the scorecard before and after some steps, and
//!   what changed.
//!
//! # The rules of a plan
//!
//! - **Target.** A star from 1 to 5; by default the star above the final
//!   star, and 3★ for a product without one. A product already there gets
//!   a plan with no steps.
//! - **A step** `(criterion, option)` raises every member whose points on
//!   the criterion are below the option's to that option; members at or
//!   above keep their answers. On a two-case criterion ("Lựa chọn một
//!   trong hai trường hợp") a step raises only the members whose answer is
//!   in the option's case, so a council split across the cases may need a
//!   step for each.
//! - **Changes** count criteria, not steps: a criterion is changed when
//!   any member's answer on it changes.
//! - **Conditional criteria.** A criterion that applies only with a story
//!   ("Chỉ áp dụng khi có câu chuyện") is planned together with 5.1: a
//!   step that gives members a story also answers the criteria that then
//!   apply to them, and each of those counts as a change.
//! - **Reached** means what [`Catalog::score`] decides after the steps: the
//!   same rounding and band edges (the council's sum must reach the
//!   smallest sum whose rounded mean is in the band), the minimums of the
//!   target tier and every lower one (met by the council's mean, so an
//!   option below the printed one can do when others are higher), and
//!   zero-points knock-outs (lifted by any member above 0). An asserted
//!   knock-out makes every target unreachable.
//! - **Minimal.** The fewest changes, then the fewest points added to the
//!   council's sum, then the earliest criteria in sheet order. With costs:
//!   the least total cost first. Each changed criterion costs its number,
//!   or the cost of the highest option it is raised to; an option missing
//!   from a criterion's option costs cannot be chosen.
//!
//! # How a plan is found
//!
//! Criteria (5.1 with the criteria hanging on it counting as one) are
//! independent but for the council's total, so the search is a dynamic
//! programme over (criterion, points added to the council's sum). Each
//! criterion's choices are every raise it allows, restricted to those
//! that meet its own conditions (a minimum of a tier up to the target, a
//! zero-points knock-out); none is forced to the printed option. The
//! programme keeps, for every sum, the best (cost, changes), so the plan
//! is exact, not greedy.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, CriteriaSet};
use crate::compiled::{Compiled, UNREADABLE};
use crate::council::{Tally, rounded_mean};
use crate::criteria::{EditionInfo, PartId};
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{Answer, Evaluation, Text};
use crate::options::ScoreOptions;
use crate::scorecard::{FailedGate, Scorecard, Status, decimal_json};
use crate::sheet::{self, First, NONE};
use crate::stars::gate_met;

/// How much a change costs: a criterion's number, or per option.
///
/// The JSON form, as `ocop plan --costs FILE` reads it:
///
/// ```
/// let costs = ocop::advice::Costs::from_json(
///     r#"{"default": 1, "criteria": {"1.2": 5000000, "8": {"3": 2000000, "4": 5000000}}}"#,
/// )?;
/// assert_eq!(costs.default, 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// The cost of changing a criterion not listed.
    #[serde(default)]
    pub default: u64,
    /// Per criterion code.
    #[serde(default)]
    pub criteria: BTreeMap<String, Cost>,
}

/// The cost of changing one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cost {
    /// Any raise costs this.
    Flat(u64),
    /// A raise costs the entry of the highest option it reaches, by
    /// 1-based position (`"true"` for a yes/no criterion); options not
    /// listed cannot be chosen.
    Options(BTreeMap<String, u64>),
}

impl Costs {
    /// Reads the JSON form.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidCosts`] when the text is not that form, or an
    /// option key is neither a positive position nor `true`.
    pub fn from_json(text: &str) -> Result<Costs> {
        let bad =
            |message: String| Error::new(ErrorKind::InvalidCosts { message });
        // serde would read a struct from an array too; a costs file is an
        // object.
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if !v.is_object() {
            return Err(bad(
                "expected an object {\"default\": …, \"criteria\": {…}}"
                    .into(),
            ));
        }
        let costs: Costs =
            serde_json::from_value(v).map_err(|e| bad(e.to_string()))?;
        for (code, cost) in &costs.criteria {
            if let Cost::Options(m) = cost {
                for k in m.keys() {
                    let ok =
                        k == "true" || k.parse::<u64>().is_ok_and(|n| n > 0);
                    if !ok {
                        return Err(ErrorKind::InvalidCosts {
                            message: format!(
                                "criterion {code}: option {k:?} is not a \
                                 1-based position or \"true\""
                            ),
                        }
                        .into());
                    }
                }
            }
        }
        Ok(costs)
    }

    /// Checks the criterion codes against `catalog`: a code that no set of
    /// it has is a typo, which would otherwise plan as if it were absent.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidCosts`] naming the first such code.
    ///
    /// ```
    /// use ocop::{Catalog, advice::Costs};
    /// let typo = Costs::from_json(r#"{"criteria": {"99.9": 5}}"#)?;
    /// let err = typo.check(Catalog::official()).unwrap_err();
    /// assert!(err.to_string().contains("99.9"));
    /// assert!(Costs::from_json(r#"{"criteria": {"1.2": 5}}"#)?.check(Catalog::official()).is_ok());
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn check(&self, catalog: &Catalog) -> Result<()> {
        match self.criteria.keys().find(|c| !catalog.has_criterion(c)) {
            None => Ok(()),
            Some(code) => Err(ErrorKind::InvalidCosts {
                message: format!(
                    "criterion {code:?} is on no sheet of the criteria in \
                     use; write codes as printed (1.2, 6.1.3)"
                ),
            }
            .into()),
        }
    }

    /// The cost of raising `code` to the highest of `options` (0-based,
    /// yes/no criteria's "met" being 1), or `None` when one of them cannot
    /// be chosen.
    fn of(&self, code: &str, yes_no: bool, options: &[u8]) -> Option<u64> {
        match self.criteria.get(code) {
            None => Some(self.default),
            Some(Cost::Flat(x)) => Some(*x),
            Some(Cost::Options(m)) => {
                let mut worst = 0;
                for &o in options {
                    let key = if yes_no {
                        "true".to_owned()
                    } else {
                        (u32::from(o) + 1).to_string()
                    };
                    worst = worst.max(*m.get(&key)?);
                }
                Some(worst)
            }
        }
    }
}

/// Options for [`Catalog::plan`].
///
/// ```
/// let opts = ocop::advice::PlanOptions { target: Some(4), ..Default::default() };
/// assert!(opts.costs.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// The star to reach, 1 to 5; by default the star above the final
    /// star, or 3★ for a product without one.
    pub target: Option<u8>,
    /// Costs to minimise instead of the number of changes.
    pub costs: Option<Costs>,
    /// How to score.
    pub score: ScoreOptions,
}

/// One change: raise a criterion to an option.
///
/// ```
/// let step = ocop::advice::Step::new("8", ocop::Answer::Option(3));
/// assert_eq!(serde_json::to_string(&step).unwrap(), r#"{"criterion":"8","option":3}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Step {
    /// The criterion code.
    pub criterion: String,
    /// The option, a 1-based position, or `true` for a yes/no criterion.
    pub option: Answer,
}

impl Step {
    /// A step raising `criterion` to `option`.
    pub fn new(criterion: impl Into<String>, option: Answer) -> Step {
        Step { criterion: criterion.into(), option }
    }
}

/// A step of a plan, with what it does to the council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PlanStep {
    /// The criterion code.
    pub criterion: String,
    /// Its printed title.
    #[serde(default)]
    pub title: String,
    /// The option, a 1-based position, or `true` for a yes/no criterion.
    pub option: Answer,
    /// The option's points.
    pub points: u8,
    /// The council's mean points on the criterion before the step.
    #[serde(with = "decimal_json")]
    pub council_points_before: Decimal,
    /// And after it.
    #[serde(with = "decimal_json")]
    pub council_points_after: Decimal,
    /// The tiers whose minimum on this criterion the step meets, up to
    /// the star the plan ends at (which may be above its target), lowest
    /// first.
    pub gates: Vec<u8>,
}

impl PlanStep {
    /// The step alone, for [`Catalog::what_if`].
    pub fn step(&self) -> Step {
        Step::new(self.criterion.clone(), self.option.clone())
    }
}

/// Where a product stands: before a plan, or after it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Standing {
    /// The council's mean total.
    #[serde(with = "decimal_json")]
    pub total: Decimal,
    /// The band of the total.
    pub band: u8,
    /// The final star.
    pub stars: Option<u8>,
    /// How the star was decided.
    pub status: Status,
}

impl Standing {
    fn of(card: &Scorecard) -> Standing {
        Standing {
            total: card.mean.total,
            band: card.rating.band,
            stars: card.rating.stars,
            status: card.rating.status,
        }
    }
}

/// Why no plan reaches the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unreachable {
    /// The council asserted a knock-out: no points bring the star back.
    Knockout {
        /// The knock-out's code.
        knockout: String,
    },
    /// A minimum of a tier up to the target that no allowed choice meets
    /// (an unreadable option, or one the costs exclude).
    Gate {
        /// The criterion.
        criterion: String,
        /// The tier.
        stars: u8,
    },
    /// A zero-points knock-out that no allowed choice lifts.
    ZeroPoints {
        /// The criterion.
        criterion: String,
    },
    /// Even every allowed raise leaves the mean total short of the band.
    Total {
        /// The best mean total attainable under the minimums.
        #[serde(with = "decimal_json")]
        best: Decimal,
        /// The lowest mean total of the target band.
        #[serde(with = "decimal_json")]
        needed: Decimal,
    },
}

impl fmt::Display for Unreachable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unreachable::Knockout { knockout } => write!(
                f,
                "the council asserted knock-out {knockout}, which no points \
                 undo"
            ),
            Unreachable::Gate { criterion, stars } => write!(
                f,
                "no allowed option of criterion {criterion} meets its {stars}★ \
                 minimum"
            ),
            Unreachable::ZeroPoints { criterion } => write!(
                f,
                "no allowed option of criterion {criterion} lifts its \
                 zero-points knock-out"
            ),
            Unreachable::Total { best, needed } => write!(
                f,
                "the best attainable mean total is {best}, short of {needed}"
            ),
        }
    }
}

/// The fewest changes (or the cheapest) that bring a product to a target
/// star, or why none does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Plan {
    /// The product.
    pub id: Option<String>,
    /// The edition scored under.
    pub edition: String,
    /// The set.
    pub set: String,
    /// Where the product stands now.
    pub from: Standing,
    /// The star aimed at.
    pub target: u8,
    /// Whether a plan reaches the target.
    pub reachable: bool,
    /// Why not, when it does not.
    pub reason: Option<Unreachable>,
    /// The steps, in sheet order.
    pub steps: Vec<PlanStep>,
    /// Criteria changed.
    pub changes: u32,
    /// The plan's total cost, when costs were given.
    pub cost: Option<u64>,
    /// Where the product stands after the steps, re-scored.
    pub after: Option<Standing>,
}

impl Plan {
    /// The steps alone, for [`Catalog::what_if`].
    pub fn steps(&self) -> Vec<Step> {
        self.steps.iter().map(PlanStep::step).collect()
    }
}

/// For a person: one line per step, in Vietnamese as the sheet is.
impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stars = |s: Option<u8>| {
            s.map_or("không sao".to_owned(), |s| format!("{s}★"))
        };
        write!(
            f,
            "{} · {} · {} điểm, {} → mục tiêu {}★: ",
            self.id.as_deref().unwrap_or("(không có mã)"),
            self.set,
            self.from.total,
            stars(self.from.stars),
            self.target
        )?;
        if let Some(r) = &self.reason {
            return write!(f, "không thể đạt: {r}");
        }
        if self.steps.is_empty() {
            return f.write_str("đã đạt, không cần thay đổi");
        }
        write!(f, "{} thay đổi", self.changes)?;
        if let Some(c) = self.cost {
            write!(f, ", chi phí {c}")?;
        }
        if let Some(a) = &self.after {
            write!(f, " → {} điểm, {}", a.total, stars(a.stars))?;
        }
        for s in &self.steps {
            let opt = match s.option {
                Answer::Met(_) => "đạt".to_owned(),
                ref o => format!("phương án {o}"),
            };
            write!(
                f,
                "\n  {} {} → {opt} ({} điểm): hội đồng {} → {}",
                s.criterion,
                s.title,
                s.points,
                s.council_points_before,
                s.council_points_after
            )?;
            if !s.gates.is_empty() {
                let g: Vec<String> =
                    s.gates.iter().map(|g| format!("{g}★")).collect();
                write!(f, "; đạt mức tối thiểu {}", g.join(", "))?;
            }
        }
        Ok(())
    }
}

/// A scorecard before and after some steps, and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct WhatIf {
    /// The scorecard as the evaluation stands.
    pub before: Scorecard,
    /// The scorecard after the steps.
    pub after: Scorecard,
    /// Whether the final star changed.
    pub stars_changed: bool,
    /// Whether the band changed.
    pub band_changed: bool,
    /// The change of the mean total.
    #[serde(with = "decimal_json")]
    pub total_change: Decimal,
    /// Minimums that failed before and are met after.
    pub gates_met: Vec<FailedGate>,
    /// Minimums that fail after and did not before (a higher band brings
    /// its own).
    pub gates_failed: Vec<FailedGate>,
}

/// One criterion of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExplainedCriterion {
    /// The part.
    pub part: PartId,
    /// The section code.
    pub section: String,
    /// The criterion code.
    pub code: String,
    /// The printed (Vietnamese) title.
    pub title: String,
    /// The short English label.
    pub label: String,
    /// The council's mean points, rounded as totals are (members to whom
    /// the criterion does not apply count 0, as the scorer counts them).
    #[serde(with = "decimal_json")]
    pub council_points: Decimal,
    /// The criterion's maximum.
    pub max: u8,
    /// Points left on the table: maximum minus the council's points.
    #[serde(with = "decimal_json")]
    pub points_left: Decimal,
    /// Options scoring more than the council's points.
    pub above: Vec<ExplainedOption>,
    /// For each tier with a minimum on this criterion, the option it
    /// requires and whether the council meets it.
    pub gates: Vec<ExplainedGate>,
    /// Whether a minimum on this criterion holds the product below its
    /// band.
    pub holds_back: bool,
}

/// An option of a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExplainedOption {
    /// The 1-based position, or `true` for a yes/no criterion.
    pub option: Answer,
    /// Its printed text (empty for a yes/no criterion).
    pub text: String,
    /// Its points.
    pub points: u8,
}

/// A tier's minimum on a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ExplainedGate {
    /// The tier.
    pub stars: u8,
    /// The required option (1-based).
    pub option: u8,
    /// Its points.
    pub points: u8,
    /// Whether the council meets it.
    pub met: bool,
}

/// A per-criterion breakdown of a scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// Where the product stands.
    pub card: Standing,
    /// The product.
    pub id: Option<String>,
    /// The edition.
    pub edition: String,
    /// The set.
    pub set: String,
    /// The set's printed name.
    pub set_name: String,
    /// Every answerable criterion, in sheet order.
    pub criteria: Vec<ExplainedCriterion>,
}

/// In the style of the paper sheet: Vietnamese titles, aligned columns,
/// `◀` on the criteria that hold the product back.
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.card;
        writeln!(
            f,
            "{} · {} ({}) · {} · {} điểm, hạng theo điểm {}★, kết quả {}",
            self.id.as_deref().unwrap_or("(không có mã)"),
            self.set_name,
            self.set,
            self.edition,
            c.total,
            c.band,
            c.stars.map_or("không sao".to_owned(), |s| format!("{s}★"))
        )?;
        writeln!(
            f,
            "   {:<7}{:<46} {:>12} {:>8}  mức tối thiểu",
            "tiêu chí", "", "hội đồng/tối đa", "còn"
        )?;
        let mut part = None;
        for x in &self.criteria {
            if part != Some(x.part) {
                part = Some(x.part);
                writeln!(f, "Phần {}", x.part)?;
            }
            let mark = if x.holds_back { "◀" } else { " " };
            let title: String = if x.title.chars().count() > 46 {
                x.title.chars().take(45).chain(['…']).collect()
            } else {
                x.title.clone()
            };
            let mut line = String::new();
            let _ = write!(line, " {mark} {:<7}{title}", x.code);
            for _ in title.chars().count()..46 {
                line.push(' ');
            }
            let _ = write!(
                line,
                " {:>8}/{:<3} {:>8}",
                x.council_points.to_string(),
                x.max,
                x.points_left.to_string()
            );
            let gates: Vec<String> = x
                .gates
                .iter()
                .map(|g| {
                    format!(
                        "{}★ ≥ {}{}",
                        g.stars,
                        g.points,
                        if g.met { "" } else { " (chưa đạt)" }
                    )
                })
                .collect();
            if !gates.is_empty() {
                let _ = write!(line, "  {}", gates.join(", "));
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        write!(f, "◀: mức tối thiểu đang giữ sản phẩm dưới hạng theo điểm")
    }
}

/// An evaluation resolved against its set, member by member.
struct Council<'c> {
    c: &'c Compiled,
    info: &'c EditionInfo,
    set: &'c CriteriaSet,
    /// Chosen option per member and leaf (0-based), or `NONE`.
    choice: Vec<Vec<u8>>,
}

impl Council<'_> {
    fn n(&self) -> u64 {
        self.choice.len() as u64
    }

    fn pts(&self, leaf: usize, ch: u8) -> u8 {
        if ch == NONE { 0 } else { self.c.points(leaf, ch) }
    }

    fn sum(&self, choice: &[Vec<u8>], leaf: usize) -> u64 {
        choice.iter().map(|m| u64::from(self.pts(leaf, m[leaf]))).sum()
    }

    fn mean(&self, sum: u64) -> Decimal {
        rounded_mean(sum, self.n(), self.info.rounding.decimals)
    }

    /// Where the council stands with these choices: the scorer's own
    /// tally and council steps, so the decision is exactly `score`'s. The
    /// evaluation asserted no knock-out (a plan stops at one).
    fn standing(&self, choice: &[Vec<u8>]) -> Standing {
        let mut tally = Tally::default();
        tally.start(self.c, false);
        let mut first = First::default();
        for m in choice {
            tally.member(self.set, self.c, "", m, &mut first);
        }
        let d = tally.decide(self.info, self.c, Vec::new());
        Standing {
            total: d.mean.total,
            band: d.rating.band,
            stars: d.rating.stars,
            status: d.rating.status,
        }
    }

    /// The evaluation with these choices as its members' answers.
    fn evaluation(
        &self,
        ev: &Evaluation<'_>,
        choice: &[Vec<u8>],
    ) -> Evaluation<'static> {
        let mut out = ev.clone().into_owned();
        for (m, ch) in out.members.iter_mut().zip(choice) {
            m.answers = ch
                .iter()
                .enumerate()
                .filter(|&(_, &x)| x != NONE)
                .map(|(leaf, &x)| {
                    let code =
                        Text::from(self.c.codes.leaves[leaf].to_string());
                    let a = sheet::answer_of(&self.c.leaves[leaf], x);
                    (code, a)
                })
                .collect();
        }
        out
    }
}

impl Catalog {
    /// Scores `ev` with every member's sheet resolved, once.
    fn council<'c>(
        &'c self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<(Scorecard, Council<'c>)> {
        let (card, p, choice) = self.score_resolved(ev, opts)?;
        let c = p.set.compiled(opts.inferred);
        Ok((card, Council { c, info: p.edition.info(), set: p.set, choice }))
    }

    /// A per-criterion breakdown of an evaluation's scorecard: the
    /// council's points against the maximum, the points left, the options
    /// above the council's level, and each tier's minimum.
    ///
    /// # Errors
    ///
    /// The errors of [`Catalog::score_with`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let x = ocop::Catalog::official().explain(&ev, &Default::default())?;
    /// let eight = x.criteria.iter().find(|c| c.code == "8").unwrap();
    /// assert_eq!(eight.council_points.to_string(), "1.00");
    /// assert!(eight.holds_back);
    /// assert_eq!(eight.gates[0].stars, 4);
    /// println!("{x}");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn explain(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<Explanation> {
        let (card, k) = self.council(ev, opts)?;
        let c = k.c;
        let sheet = k.set.sheet();
        let n = k.n();
        let held: Vec<&str> = match card.rating.status {
            Status::Rated | Status::NotRated => card
                .rating
                .failed_gates
                .iter()
                .filter(|g| g.stars <= card.rating.band)
                .map(|g| g.criterion.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let mut criteria = Vec::new();
        let mut leaf = 0;
        for (part, section, crit) in sheet.criteria() {
            if crit.header {
                continue;
            }
            let l = &c.leaves[leaf];
            let sum = k.sum(&k.choice, leaf);
            let mean = k.mean(sum);
            let max = (0..l.options)
                .map(|o| c.points(leaf, o))
                .filter(|&p| p != UNREADABLE)
                .max()
                .unwrap_or(0);
            let above = (0..l.options)
                .filter(|&o| {
                    let p = c.points(leaf, o);
                    p != UNREADABLE && Decimal::from(p) > mean
                })
                .map(|o| ExplainedOption {
                    option: sheet::answer_of(l, o),
                    text: crit
                        .options
                        .get(usize::from(o))
                        .map(|x| x.text.clone())
                        .unwrap_or_default(),
                    points: c.points(leaf, o),
                })
                .collect();
            let gates = c
                .gates
                .iter()
                .filter(|g| usize::from(g.leaf) == leaf)
                .map(|g| ExplainedGate {
                    stars: g.stars,
                    option: g.option,
                    points: g.points,
                    met: gate_met(sum, g.points, n),
                })
                .collect();
            criteria.push(ExplainedCriterion {
                part,
                section: section.code.clone(),
                code: crit.code.clone(),
                title: crit.title.clone(),
                label: crit.label.clone(),
                council_points: mean,
                max,
                points_left: Decimal::from(max) - mean,
                above,
                gates,
                holds_back: held.contains(&crit.code.as_str()),
            });
            leaf += 1;
        }
        Ok(Explanation {
            card: Standing::of(&card),
            id: card.id.clone(),
            edition: card.edition.clone(),
            set: card.set.clone(),
            set_name: card.set_name.clone(),
            criteria,
        })
    }

    /// Scores an evaluation before and after `steps` (each raising the
    /// members below an option to it, as a plan's steps do), and says what
    /// changed.
    ///
    /// # Errors
    ///
    /// The errors of [`Catalog::score_with`], for the evaluation or for it
    /// after the steps (a step that gives members a story without
    /// answering what then applies leaves a [`ErrorKind::MissingAnswer`]);
    /// [`ErrorKind::UnknownCriterion`], [`ErrorKind::OptionOutOfRange`] or
    /// [`ErrorKind::InvalidAnswer`] for a step that names no option of the
    /// set, with the member `what-if`.
    ///
    /// # Example
    ///
    /// ```
    /// use ocop::advice::Step;
    ///
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let w = ocop::Catalog::official()
    ///     .what_if(&ev, &[Step::new("8", ocop::Answer::Option(3))], &Default::default())?;
    /// assert_eq!((w.before.rating.stars, w.after.rating.stars), (Some(3), Some(4)));
    /// assert!(w.stars_changed);
    /// assert_eq!(w.gates_met[0].criterion, "8");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn what_if(
        &self,
        ev: &Evaluation<'_>,
        steps: &[Step],
        opts: &ScoreOptions,
    ) -> Result<WhatIf> {
        let (before, k) = self.council(ev, opts)?;
        let mut choice = k.choice.clone();
        let mut resolved = Vec::new();
        for s in steps {
            resolved.push(step_leaf(&k, s)?);
        }
        resolved.sort_unstable();
        for (leaf, o) in resolved {
            apply(&k, &mut choice, leaf, o);
        }
        let changed = k.evaluation(ev, &choice);
        let after = self.score_with(&changed, opts)?;
        let had = |cards: &Scorecard, g: &FailedGate| {
            cards
                .rating
                .failed_gates
                .iter()
                .any(|x| x.criterion == g.criterion && x.stars == g.stars)
        };
        Ok(WhatIf {
            stars_changed: before.rating.stars != after.rating.stars
                || before.rating.status != after.rating.status,
            band_changed: before.rating.band != after.rating.band,
            total_change: after.mean.total - before.mean.total,
            gates_met: before
                .rating
                .failed_gates
                .iter()
                .filter(|g| !had(&after, g))
                .cloned()
                .collect(),
            gates_failed: after
                .rating
                .failed_gates
                .iter()
                .filter(|g| !had(&before, g))
                .cloned()
                .collect(),
            before,
            after,
        })
    }

    /// The fewest changes that bring the product to its target star (see
    /// [the rules](crate::advice#the-rules-of-a-plan)), or why none does.
    ///
    /// # Errors
    ///
    /// The errors of [`Catalog::score_with`];
    /// [`ErrorKind::InvalidTarget`] for a target outside 1 to 5.
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let catalog = ocop::Catalog::official();
    /// let plan = catalog.plan(&ev, &Default::default())?;
    /// assert_eq!((plan.target, plan.changes), (4, 1));
    /// assert_eq!(plan.steps[0].criterion, "8");
    /// assert_eq!(plan.after.as_ref().unwrap().stars, Some(4));
    /// // The plan's steps, tried: they reach the target.
    /// let w = catalog.what_if(&ev, &plan.steps(), &Default::default())?;
    /// assert_eq!(w.after.rating.stars, Some(4));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn plan(
        &self,
        ev: &Evaluation<'_>,
        opts: &PlanOptions,
    ) -> Result<Plan> {
        self.score_and_plan(ev, opts).map(|(_, plan)| plan)
    }

    /// [`Catalog::plan`], with the scorecard it starts from: one scoring
    /// for both, as a report needs them.
    ///
    /// # Errors
    ///
    /// See [`Catalog::plan`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let (card, plan) = ocop::Catalog::official().score_and_plan(&ev, &Default::default())?;
    /// assert_eq!((card.rating.stars, plan.target), (Some(3), 4));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn score_and_plan(
        &self,
        ev: &Evaluation<'_>,
        opts: &PlanOptions,
    ) -> Result<(Scorecard, Plan)> {
        if let Some(t) = opts.target.filter(|t| !(1..=5).contains(t)) {
            return Err(ErrorKind::InvalidTarget { target: t }.into());
        }
        if let Some(c) = &opts.costs {
            c.check(self)?;
        }
        let (card, k) = self
            .council(ev, &opts.score)
            .map_err(|e| e.for_product(ev.id.as_deref()))?;
        let target = opts.target.unwrap_or(match card.rating.stars {
            Some(s) => (s + 1).min(5),
            None => 3,
        });
        let mut plan = Plan {
            id: card.id.clone(),
            edition: card.edition.clone(),
            set: card.set.clone(),
            from: Standing::of(&card),
            target,
            reachable: true,
            reason: None,
            steps: Vec::new(),
            changes: 0,
            cost: opts.costs.as_ref().map(|_| 0),
            after: None,
        };
        if card.rating.stars.is_some_and(|s| s >= target) {
            plan.after = Some(plan.from.clone());
            return Ok((card, plan));
        }
        if let Some(ko) = card.rating.knockouts.iter().find(|x| !x.zero_points)
        {
            plan.reachable = false;
            plan.reason =
                Some(Unreachable::Knockout { knockout: ko.knockout.clone() });
            plan.cost = None;
            return Ok((card, plan));
        }
        let total: u64 = card.members.iter().map(|m| u64::from(m.total)).sum();
        let found = search(&k, total, target, opts.costs.as_ref());
        let chosen = match found {
            Ok(c) => c,
            Err(reason) => {
                plan.reachable = false;
                plan.reason = Some(reason);
                plan.cost = None;
                return Ok((card, plan));
            }
        };
        // One replay, for each step's council points and the standing.
        let mut choice = k.choice.clone();
        let mut sums = Vec::with_capacity(chosen.steps.len());
        for &(leaf, o) in &chosen.steps {
            let sum_before = k.sum(&choice, leaf);
            apply(&k, &mut choice, leaf, o);
            sums.push((sum_before, k.sum(&choice, leaf)));
        }
        let after = k.standing(&choice);
        // A plan may end above its target (a band edge crossed brings that
        // band's minimums), so a step names every tier it meets up to the
        // star the plan ends at.
        let top = after.stars.unwrap_or(0).max(target);
        let n = k.n();
        for (&(leaf, o), &(sum_before, sum)) in chosen.steps.iter().zip(&sums)
        {
            let mut gates: Vec<u8> =
                k.c.gates
                    .iter()
                    .filter(|g| {
                        usize::from(g.leaf) == leaf
                            && g.stars <= top
                            && !gate_met(sum_before, g.points, n)
                            && gate_met(sum, g.points, n)
                    })
                    .map(|g| g.stars)
                    .collect();
            gates.sort_unstable();
            plan.steps.push(PlanStep {
                criterion: k.c.codes.leaves[leaf].to_string(),
                title: k.c.titles[leaf].to_string(),
                option: sheet::answer_of(&k.c.leaves[leaf], o),
                points: k.c.points(leaf, o),
                council_points_before: k.mean(sum_before),
                council_points_after: k.mean(sum),
                gates,
            });
        }
        plan.changes = chosen.changed as u32;
        plan.cost = opts.costs.as_ref().map(|_| chosen.cost);
        plan.after = Some(after);
        Ok((card, plan))
    }
}

/// A step's leaf and 0-based option.
fn step_leaf(k: &Council<'_>, s: &Step) -> Result<(usize, u8)> {
    let member = "what-if".to_owned();
    let Some(leaf) = k.c.find(s.criterion.as_bytes(), 0) else {
        return Err(ErrorKind::UnknownCriterion {
            member,
            criterion: s.criterion.clone(),
            set: k.set.id().to_owned(),
            hint: None,
        }
        .into());
    };
    let l = &k.c.leaves[leaf];
    let o = match &s.option {
        Answer::Option(n) => l.option(*n),
        Answer::Met(b) => l.met(*b),
        _ => None,
    };
    match (o, &s.option) {
        (Some(o), _) if k.c.points(leaf, o) != UNREADABLE => Ok((leaf, o)),
        (None, Answer::Option(n)) if !l.yes_no => {
            Err(ErrorKind::OptionOutOfRange {
                member,
                criterion: s.criterion.clone(),
                option: *n,
                options: usize::from(l.options),
            }
            .into())
        }
        (_, a) => Err(ErrorKind::InvalidAnswer {
            member,
            criterion: s.criterion.clone(),
            found: a.to_string(),
            expected: if l.yes_no {
                "true (a yes/no criterion)".into()
            } else {
                format!("a readable option from 1 to {}", l.options)
            },
        }
        .into()),
    }
}

/// Whether a leaf applies to a member with these choices.
fn applies(c: &Compiled, leaf: usize, choice: &[u8]) -> bool {
    sheet::applies(&c.leaves[leaf], choice)
}

/// Applies one step to the members' choices: members below the option's
/// points (in its case) are raised to it; a dependent criterion is given
/// to members to whom it now applies, and taken from those to whom it no
/// longer does.
fn apply(k: &Council<'_>, choice: &mut [Vec<u8>], leaf: usize, o: u8) {
    let c = k.c;
    let p = c.points(leaf, o);
    let case = c.case(leaf, o);
    for m in choice.iter_mut() {
        let cur = m[leaf];
        if !applies(c, leaf, m) {
            continue;
        }
        // A member to whom it newly applies takes the option; one in the
        // option's case below its points is raised.
        if cur == NONE
            || (c.case(leaf, cur) == case && c.points(leaf, cur) < p)
        {
            m[leaf] = o;
        }
    }
    // Criteria hanging on this one that no longer apply lose their answer.
    for (d, l) in c.leaves.iter().enumerate() {
        if l.applies_if.is_some_and(|(t, _)| usize::from(t) == leaf) {
            for m in choice.iter_mut() {
                if !applies(c, d, m) {
                    m[d] = NONE;
                }
            }
        }
    }
}

/// The steps of one choice, inline: an item has at most 8 (a criterion
/// with one per case, or 5.1 with its dependents; the loader allows no
/// more).
#[derive(Debug, Clone, Copy, Default)]
struct Steps {
    n: u8,
    at: [(u16, u8); 8],
}

impl Steps {
    fn push(&mut self, leaf: usize, o: u8) {
        // Leaves number at most 1,000 and steps at most 8 (validation).
        self.at[usize::from(self.n)] = (leaf as u16, o);
        self.n += 1;
    }

    fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The leaves, in order, for comparing which criteria come first.
    fn leaves(&self) -> impl Iterator<Item = u16> + '_ {
        self.at[..usize::from(self.n)].iter().map(|&(l, _)| l)
    }

    fn iter(&self) -> impl Iterator<Item = (usize, u8)> + '_ {
        self.at[..usize::from(self.n)]
            .iter()
            .map(|&(l, o)| (usize::from(l), o))
    }
}

/// One way to change an item (a criterion, or 5.1 with its dependents).
#[derive(Debug, Clone)]
struct Choice {
    /// Points added to the council's sum.
    delta: u32,
    /// Criteria changed.
    changes: u32,
    cost: u64,
    /// (leaf, option) in sheet order.
    steps: Steps,
    /// The leaves whose answers change (option unused), in sheet order.
    changed: Steps,
}

/// The plan found: its steps, cost, the criteria it changes and the
/// points it adds, as its choices say, so no replay is needed to compare
/// plans.
struct Found {
    steps: Vec<(usize, u8)>,
    cost: u64,
    /// Leaves whose answers change, over every item (items share none).
    changed: usize,
    /// Points added to the council's sum.
    added: u64,
}

/// The conditions a criterion's council sum must meet.
struct Conditions<'a> {
    /// (leaf, tier, points) of the minimums in force.
    gates: Vec<(usize, u8, u8)>,
    /// Leaves whose zero-points knock-out must be lifted.
    zero: Vec<usize>,
    k: &'a Council<'a>,
}

impl Conditions<'_> {
    fn new<'a>(k: &'a Council<'a>, up_to: u8) -> Conditions<'a> {
        Conditions {
            gates: k
                .c
                .gates
                .iter()
                .filter(|g| g.stars <= up_to)
                .map(|g| (usize::from(g.leaf), g.stars, g.points))
                .collect(),
            zero: k
                .c
                .knockouts
                .iter()
                .filter_map(|x| x.zero_leaf.map(usize::from))
                .collect(),
            k,
        }
    }

    /// The first condition on `leaf` that `sum` fails.
    fn fails(&self, leaf: usize, sum: u64) -> Option<Unreachable> {
        let n = self.k.n();
        for &(l, stars, points) in &self.gates {
            if l == leaf && !gate_met(sum, points, n) {
                let criterion = self.k.c.codes.leaves[leaf].to_string();
                return Some(Unreachable::Gate { criterion, stars });
            }
        }
        if self.zero.contains(&leaf) && sum == 0 {
            let criterion = self.k.c.codes.leaves[leaf].to_string();
            return Some(Unreachable::ZeroPoints { criterion });
        }
        None
    }
}

/// Keeps the reason of the choice that got furthest: a choice fails at
/// its lowest failing tier, so the highest such tier over all choices is
/// the minimum no allowed choice meets (the lower ones some choice does);
/// a choice that meets every minimum but fails a zero-points knock-out
/// got further still.
fn deepest(reason: &mut Option<Unreachable>, r: Unreachable) {
    let depth = |u: &Unreachable| match u {
        Unreachable::Gate { stars, .. } => u16::from(*stars),
        Unreachable::ZeroPoints { .. } => u16::MAX,
        _ => 0,
    };
    if reason.as_ref().is_none_or(|old| depth(&r) > depth(old)) {
        *reason = Some(r);
    }
}

/// The items of a plan: each criterion that does not hang on another,
/// with the criteria that hang on it.
fn items(c: &Compiled) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for (i, l) in c.leaves.iter().enumerate() {
        if l.applies_if.is_some() {
            continue;
        }
        let mut item = vec![i];
        for (d, x) in c.leaves.iter().enumerate() {
            if x.applies_if.is_some_and(|(t, _)| usize::from(t) == i) {
                item.push(d);
            }
        }
        out.push(item);
    }
    out
}

/// The options of a leaf a step may raise to: readable, and allowed by
/// the costs.
fn options(k: &Council<'_>, leaf: usize, costs: Option<&Costs>) -> Vec<u8> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    (0..l.options)
        .filter(|&o| c.points(leaf, o) != UNREADABLE)
        .filter(|&o| !l.yes_no || o == 1)
        .filter(|&o| {
            costs.is_none_or(|x| x.of(code, l.yes_no, &[o]).is_some())
        })
        .collect()
}

/// Every allowed choice of an item, "no change" first when allowed. The
/// `Err` is the reason when no choice meets the item's conditions.
fn choices(
    k: &Council<'_>,
    item: &[usize],
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Choice>, Unreachable> {
    match item {
        [leaf] => single(k, *leaf, cond, costs),
        [head, deps @ ..] => group(k, *head, deps, cond, costs),
        [] => Ok(vec![Choice {
            delta: 0,
            changes: 0,
            cost: 0,
            steps: Steps::default(),
            changed: Steps::default(),
        }]),
    }
}

/// One way to answer a dependent criterion, given the head's answers.
#[derive(Clone, Copy)]
struct DepChoice {
    option: Option<u8>,
    sum: u64,
    changed: bool,
    cost: u64,
}

/// [`choices`] for 5.1 and the criteria that apply only with a story. The
/// dependents hang on the head alone, so for each way to raise the head,
/// each dependent's ways are judged on their own and then combined. The
/// loader keeps cases out of such groups.
fn group(
    k: &Council<'_>,
    head: usize,
    deps: &[usize],
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Choice>, Unreachable> {
    let c = k.c;
    let base: u64 = std::iter::once(head)
        .chain(deps.iter().copied())
        .map(|l| k.sum(&k.choice, l))
        .sum();
    let code = |l: usize| &*c.codes.leaves[l];
    let cost_of = |l: usize, o: Option<u8>| -> Option<u64> {
        match costs {
            None => Some(0),
            Some(x) => x.of(code(l), c.leaves[l].yes_no, o.as_slice()),
        }
    };
    let mut out = Vec::new();
    let mut reason = None;
    let head_opts = options(k, head, costs);
    let dep_opts: Vec<Vec<u8>> =
        deps.iter().map(|&d| options(k, d, costs)).collect();
    for h in std::iter::once(None).chain(head_opts.iter().copied().map(Some)) {
        let heads: Vec<u8> = k
            .choice
            .iter()
            .map(|m| match h {
                Some(o) if k.pts(head, m[head]) < c.points(head, o) => o,
                _ => m[head],
            })
            .collect();
        let head_changed =
            k.choice.iter().zip(&heads).any(|(m, &x)| m[head] != x);
        if h.is_some() && !head_changed {
            continue;
        }
        let head_sum: u64 =
            heads.iter().map(|&x| u64::from(k.pts(head, x))).sum();
        if let Some(r) = cond.fails(head, head_sum) {
            deepest(&mut reason, r);
            continue;
        }
        let Some(head_cost) =
            (if head_changed { cost_of(head, h) } else { Some(0) })
        else {
            continue;
        };
        // Per dependent, its ways given these head answers.
        let mut per_dep: Vec<Vec<DepChoice>> = Vec::with_capacity(deps.len());
        for (&d, opts) in deps.iter().zip(&dep_opts) {
            let mut ways = Vec::new();
            for od in
                std::iter::once(None).chain(opts.iter().copied().map(Some))
            {
                let (mut sum, mut changed, mut complete) = (0u64, false, true);
                for (m, &hc) in k.choice.iter().zip(&heads) {
                    let applies = sheet::applies_given(&c.leaves[d], hc);
                    let cur = m[d];
                    let new = match (applies, cur, od) {
                        (false, _, _) => NONE,
                        (true, NONE, o) => o.unwrap_or(NONE),
                        (true, cur, Some(o))
                            if c.points(d, o) > c.points(d, cur) =>
                        {
                            o
                        }
                        (true, cur, _) => cur,
                    };
                    complete &= !applies || new != NONE;
                    changed |= new != cur;
                    sum += u64::from(k.pts(d, new));
                }
                if !complete || (od.is_some() && !changed) {
                    continue;
                }
                if let Some(r) = cond.fails(d, sum) {
                    deepest(&mut reason, r);
                    continue;
                }
                let cost = if changed { cost_of(d, od) } else { Some(0) };
                if let Some(cost) = cost {
                    ways.push(DepChoice { option: od, sum, changed, cost });
                }
            }
            per_dep.push(ways);
        }
        if per_dep.iter().any(Vec::is_empty) {
            continue;
        }
        let mut idx = vec![0usize; deps.len()];
        loop {
            let mut steps = Steps::default();
            let mut changed = Steps::default();
            if head_changed {
                changed.push(head, 0);
                if let Some(o) = h {
                    steps.push(head, o);
                }
            }
            let mut sum = head_sum;
            let mut changes = u32::from(head_changed);
            let mut cost = head_cost;
            for ((&d, ways), &i) in deps.iter().zip(&per_dep).zip(&idx) {
                let w = ways[i];
                sum += w.sum;
                changes += u32::from(w.changed);
                cost += w.cost;
                if w.changed {
                    changed.push(d, 0);
                }
                if let Some(o) = w.option {
                    steps.push(d, o);
                }
            }
            if sum >= base {
                let delta = (sum - base) as u32;
                out.push(Choice { delta, changes, cost, steps, changed });
            }
            // Digits run over 0..len here, not 0..=len.
            if !next_index(&mut idx, |i| per_dep[i].len() - 1) {
                break;
            }
        }
    }
    finish(out, reason, code(head))
}

/// Advances a mixed-radix counter whose digit `i` runs over
/// `0..=len(i)`; false when it wraps.
fn next_index(idx: &mut [usize], len: impl Fn(usize) -> usize) -> bool {
    for (i, x) in idx.iter_mut().enumerate() {
        *x += 1;
        if *x <= len(i) {
            return true;
        }
        *x = 0;
    }
    false
}

/// The choices found, or why there are none.
fn finish(
    out: Vec<Choice>,
    reason: Option<Unreachable>,
    code: &str,
) -> std::result::Result<Vec<Choice>, Unreachable> {
    if out.is_empty() {
        // Every choice failed a condition, which `reason` names; without
        // one, costs allowed no choice at all.
        Err(reason.unwrap_or(Unreachable::Gate {
            criterion: code.to_owned(),
            stars: 0,
        }))
    } else {
        Ok(dedup(out))
    }
}

/// [`choices`] for an item of one criterion, the common case, computed
/// on points alone: a raise to option `o` gives each member in `o`'s case
/// the larger of their points and `o`'s, so each case adds its own
/// points.
fn single(
    k: &Council<'_>,
    leaf: usize,
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Choice>, Unreachable> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    let base = k.sum(&k.choice, leaf);
    // The cases the members' answers are in (0 when the criterion has
    // none), in order.
    let mut cases = [0u8; 9];
    let mut n_cases = 0;
    for m in &k.choice {
        let cs = c.case(leaf, m[leaf]);
        if !cases[..n_cases].contains(&cs) {
            cases[n_cases] = cs;
            n_cases += 1;
        }
    }
    let cases = &mut cases[..n_cases];
    cases.sort_unstable();
    if let [case] = cases {
        return one_case(k, leaf, *case, base, cond, costs);
    }
    // Per case, the raises that add points: (option, points added).
    let opts = options(k, leaf, costs);
    let per_case: Vec<Vec<(u8, u32)>> = cases
        .iter()
        .map(|&cs| {
            opts.iter()
                .filter(|&&o| c.case(leaf, o) == cs)
                .filter_map(|&o| {
                    let p = c.points(leaf, o);
                    let added: u32 = k
                        .choice
                        .iter()
                        .filter(|m| c.case(leaf, m[leaf]) == cs)
                        .map(|m| {
                            u32::from(
                                p.saturating_sub(c.points(leaf, m[leaf])),
                            )
                        })
                        .sum();
                    (added > 0).then_some((o, added))
                })
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    let mut reason = None;
    let mut idx = vec![0usize; cases.len()];
    loop {
        let mut steps = Steps::default();
        let mut delta = 0;
        for (at, &i) in idx.iter().enumerate() {
            if let Some(&(o, added)) =
                i.checked_sub(1).and_then(|i| per_case[at].get(i))
            {
                steps.push(leaf, o);
                delta += added;
            }
        }
        let mut ok = true;
        if let Some(r) = cond.fails(leaf, base + u64::from(delta)) {
            deepest(&mut reason, r);
            ok = false;
        }
        let mut cost = 0;
        if let (Some(costs), false) = (costs, steps.is_empty()) {
            let opts: Vec<u8> = steps.iter().map(|s| s.1).collect();
            match costs.of(code, l.yes_no, &opts) {
                Some(x) => cost = x,
                None => ok = false,
            }
        }
        if ok {
            let changes = u32::from(!steps.is_empty());
            let mut changed = Steps::default();
            if changes > 0 {
                changed.push(leaf, 0);
            }
            out.push(Choice { delta, changes, cost, steps, changed });
        }
        if !next_index(&mut idx, |i| per_case[i].len()) {
            return finish(out, reason, code);
        }
    }
}

/// [`single`] when every member's answer is in one case (or the
/// criterion has none): each raise is one choice.
fn one_case(
    k: &Council<'_>,
    leaf: usize,
    case: u8,
    base: u64,
    cond: &Conditions<'_>,
    costs: Option<&Costs>,
) -> std::result::Result<Vec<Choice>, Unreachable> {
    let c = k.c;
    let l = &c.leaves[leaf];
    let code = &c.codes.leaves[leaf];
    let mut out = Vec::with_capacity(usize::from(l.options) + 1);
    let mut reason = None;
    let mut push = |o: Option<u8>, added: u32, out: &mut Vec<Choice>| {
        if let Some(r) = cond.fails(leaf, base + u64::from(added)) {
            deepest(&mut reason, r);
            return;
        }
        let mut choice = Choice {
            delta: added,
            changes: 0,
            cost: 0,
            steps: Steps::default(),
            changed: Steps::default(),
        };
        if let Some(o) = o {
            if let Some(costs) = costs {
                match costs.of(code, l.yes_no, &[o]) {
                    Some(x) => choice.cost = x,
                    None => return,
                }
            }
            choice.changes = 1;
            choice.steps.push(leaf, o);
            choice.changed.push(leaf, 0);
        }
        out.push(choice);
    };
    push(None, 0, &mut out);
    for o in 0..l.options {
        let p = c.points(leaf, o);
        if p == UNREADABLE || (l.yes_no && o != 1) || c.case(leaf, o) != case {
            continue;
        }
        let added: u32 = k
            .choice
            .iter()
            .map(|m| u32::from(p.saturating_sub(c.points(leaf, m[leaf]))))
            .sum();
        if added > 0 {
            push(Some(o), added, &mut out);
        }
    }
    finish(out, reason, code)
}

/// Keeps one choice per (delta, changes): the cheapest, then the one
/// changing the earliest criteria; "no change" stays first.
fn dedup(mut v: Vec<Choice>) -> Vec<Choice> {
    // Stable: enumeration order (lower options first) breaks what is left.
    v.sort_by(|a, b| {
        (!a.steps.is_empty(), a.delta, a.changes, a.cost)
            .cmp(&(!b.steps.is_empty(), b.delta, b.changes, b.cost))
            .then_with(|| a.changed.leaves().cmp(b.changed.leaves()))
    });
    let mut out: Vec<Choice> = Vec::with_capacity(v.len());
    for x in v {
        let dominated = out.iter().any(|y| {
            y.delta == x.delta
                && y.changes == x.changes
                && y.cost <= x.cost
                && y.steps.is_empty() == x.steps.is_empty()
        });
        if !dominated {
            out.push(x);
        }
    }
    out
}

/// The smallest council sum whose rounded mean reaches `edge`.
fn smallest_sum(k: &Council<'_>, edge: Decimal) -> u64 {
    let n = k.n();
    let dp = k.info.rounding.decimals;
    // The mean is below 255 points, so the sum below 255 × n.
    let (mut lo, mut hi) = (0u64, 255 * n + 1);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if rounded_mean(mid, n, dp) >= edge {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// The lowest total of a tier's band.
fn edge(info: &EditionInfo, stars: u8) -> Decimal {
    info.bands
        .iter()
        .find(|b| b.stars == stars)
        .map_or(Decimal::ZERO, |b| b.min)
}

/// The exact search. Targets of 1★ or 2★ have two roads: stay below the
/// 3★ band, or pass it with the 3★ minimums met (a band of 3★ with a 3★
/// minimum failed is "not rated").
fn search(
    k: &Council<'_>,
    total: u64,
    target: u8,
    costs: Option<&Costs>,
) -> std::result::Result<Found, Unreachable> {
    let need = |t: u8| smallest_sum(k, edge(k.info, t)).saturating_sub(total);
    if target >= 3 {
        return search_one(k, total, target, need(target), u64::MAX, costs);
    }
    // Below 3★ each band needs the minimums of its own tier: a band-2
    // council that fails a 2★ minimum is not rated, not 1★. Search each
    // band's sums with its minimums, and 3★ and above with 3★'s.
    let mut best: Option<std::result::Result<Found, Unreachable>> = None;
    for band in target..=3 {
        let lo = need(band);
        let hi = if band < 3 {
            match need(band + 1).checked_sub(1) {
                Some(hi) if hi >= lo => hi,
                _ => continue,
            }
        } else {
            u64::MAX
        };
        let found = search_one(k, total, band, lo, hi, costs);
        best = Some(match (best, found) {
            (None, f) => f,
            (Some(Ok(a)), Ok(b)) => Ok(if better(&b, &a) { b } else { a }),
            (Some(Ok(a)), Err(_)) => Ok(a),
            (Some(Err(_)), Ok(b)) => Ok(b),
            (Some(Err(e)), Err(_)) => Err(e),
        });
    }
    best.unwrap_or_else(|| search_one(k, total, 3, need(3), u64::MAX, costs))
}

/// Whether plan `a` beats plan `b`: cost, then changes, then points.
fn better(a: &Found, b: &Found) -> bool {
    (a.cost, a.changed, a.added) < (b.cost, b.changed, b.added)
}

/// The dynamic programme for one target band and one set of minimums:
/// points added within `[lo, hi]`.
fn search_one(
    k: &Council<'_>,
    total: u64,
    gates_up_to: u8,
    lo: u64,
    hi: u64,
    costs: Option<&Costs>,
) -> std::result::Result<Found, Unreachable> {
    let cond = Conditions::new(k, gates_up_to);
    let items = items(k.c);
    let mut all = Vec::with_capacity(items.len());
    for item in &items {
        all.push(choices(k, item, &cond, costs)?);
    }
    let max: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.delta as usize).max().unwrap_or(0))
        .sum();
    if (max as u64) < lo {
        let best =
            rounded_mean(total + max as u64, k.n(), k.info.rounding.decimals);
        let needed = rounded_mean(total + lo, k.n(), k.info.rounding.decimals);
        return Err(Unreachable::Total { best, needed });
    }
    // Only sums up to `cap` can be part of a best plan: swapping any
    // item's choice for one of its cheapest, smallest choices costs no
    // more and adds fewer points, so a best plan is at most one item's
    // points past `lo`, or made of such choices alone.
    let cheapest = |cs: &[Choice]| {
        let key = cs.iter().map(|c| (c.cost, c.changes)).min();
        cs.iter()
            .filter(|c| Some((c.cost, c.changes)) == key)
            .map(|c| c.delta as usize)
            .min()
            .unwrap_or(0)
    };
    let floor: usize = all.iter().map(|cs| cheapest(cs)).sum();
    let widest = all
        .iter()
        .flat_map(|cs| cs.iter().map(|c| c.delta as usize))
        .max()
        .unwrap_or(0);
    let cap = max.min(floor.max(lo as usize + widest));
    let hi = hi.min(cap as u64) as usize;
    let found = if costs.is_none() {
        by_changes(&all, cap, lo as usize, hi)
    } else {
        // Keys pack (cost, changes) into one integer; 64 bits hold them
        // unless the costs are very large.
        let most: u128 = all
            .iter()
            .map(|cs| cs.iter().map(|c| u128::from(c.cost)).max().unwrap_or(0))
            .sum();
        if most < 1 << 38 {
            by_key::<u64>(&all, cap, lo as usize, hi)
        } else {
            by_key::<u128>(&all, cap, lo as usize, hi)
        }
    };
    let Some(picks) = found else {
        return Err(short(k, total, lo, hi as u64));
    };
    let mut found = Found { steps: Vec::new(), cost: 0, changed: 0, added: 0 };
    for (choices, &ci) in all.iter().zip(&picks) {
        let ch = &choices[usize::from(ci)];
        found.steps.extend(ch.steps.iter());
        found.cost += ch.cost;
        found.changed += ch.changed.leaves().count();
        found.added += u64::from(ch.delta);
    }
    Ok(found)
}

/// Why no sum in `[lo, hi]` is reached.
fn short(k: &Council<'_>, total: u64, lo: u64, hi: u64) -> Unreachable {
    let dp = k.info.rounding.decimals;
    Unreachable::Total {
        best: rounded_mean(total + hi, k.n(), dp),
        needed: rounded_mean(total + lo, k.n(), dp),
    }
}

/// A key of the programme: (cost, changes) packed into an integer.
trait Key:
    Copy
    + Ord
    + std::hash::Hash
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
{
    /// Above every real key, and still above it with one added.
    const INF: Self;
    const ZERO: Self;
    fn pack(cost: u64, changes: u32) -> Self;
}

impl Key for u64 {
    const INF: u64 = u64::MAX >> 1;
    const ZERO: u64 = 0;
    fn pack(cost: u64, changes: u32) -> u64 {
        (cost << 24) | u64::from(changes)
    }
}

impl Key for u128 {
    const INF: u128 = u128::MAX >> 1;
    const ZERO: u128 = 0;
    fn pack(cost: u64, changes: u32) -> u128 {
        (u128::from(cost) << 32) | u128::from(changes)
    }
}

/// The least (cost, changes), then points, in `[lo, hi]`: a suffix
/// programme over items and points added (up to `cap`), where
/// `table[i][d]` is the best key of items i.. adding d points. Returns
/// each item's choice.
fn by_key<K: Key>(
    all: &[Vec<Choice>],
    cap: usize,
    lo: usize,
    hi: usize,
) -> Option<Vec<u16>> {
    let width = cap + 1;
    let mut table = vec![vec![K::INF; width]; all.len() + 1];
    table[all.len()][0] = K::ZERO;
    for (i, choices) in all.iter().enumerate().rev() {
        let (head, tail) = table.split_at_mut(i + 1);
        let (cur, next) = (&mut head[i], &tail[0]);
        for ch in choices {
            let delta = ch.delta as usize;
            if delta > cap {
                continue;
            }
            let add = K::pack(ch.cost, ch.changes);
            for (d, &base) in next[..=cap - delta].iter().enumerate() {
                let key = base + add;
                let at = &mut cur[d + delta];
                if key < *at {
                    *at = key;
                }
            }
        }
    }
    let first = &table[0];
    let (d, key) = (lo..=hi.min(cap))
        .map(|d| (d, first[d]))
        .filter(|&(_, k)| k < K::INF)
        .min_by_key(|&(d, k)| (k, d))?;
    // A choice leads on when the rest of the items can make up the rest.
    let step =
        |i: usize, (key, d): (K, usize), ch: &Choice| -> Option<(K, usize)> {
            let add = K::pack(ch.cost, ch.changes);
            let d2 = d.checked_sub(ch.delta as usize)?;
            if add > key || table[i + 1][d2] != key - add {
                return None;
            }
            Some((key - add, d2))
        };
    let done = |(key, d): (K, usize)| key == K::ZERO && d == 0;
    rebuild(all, (key, d), &step, &done)
}

/// The least changes, then points, in `[lo, hi]`, without costs: for each
/// number of changes c, the bitset of points the items i.. can add with
/// exactly c changes. Few changes suffice in practice, so c is searched
/// up to a limit that doubles until a plan is found.
fn by_changes(
    all: &[Vec<Choice>],
    cap: usize,
    lo: usize,
    hi: usize,
) -> Option<Vec<u16>> {
    let words = cap / 64 + 1;
    let most: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.changes as usize).max().unwrap_or(0))
        .sum();
    // Fewer changes than this cannot add `lo` points: the items' largest
    // raises, biggest first, plus the changes some items must make.
    let forced: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.changes as usize).min().unwrap_or(0))
        .sum();
    let mut biggest: Vec<usize> = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.delta as usize).max().unwrap_or(0))
        .collect();
    biggest.sort_unstable_by(|a, b| b.cmp(a));
    let mut reached = 0;
    let needed = biggest
        .iter()
        .take_while(|&&d| {
            let short = reached < lo;
            reached += d;
            short
        })
        .count();
    let mut limit = most.min(forced.max(needed) + 1);
    loop {
        let c_n = limit + 1;
        // sets[(i * c_n + c) * words ..]: items i.., c changes.
        let mut sets = vec![0u64; (all.len() + 1) * c_n * words];
        let at = |i: usize, c: usize| (i * c_n + c) * words;
        sets[at(all.len(), 0)] = 1;
        for (i, choices) in all.iter().enumerate().rev() {
            let (head, tail) = sets.split_at_mut(at(i + 1, 0));
            let cur = &mut head[at(i, 0)..];
            for ch in choices {
                let (dc, delta) = (ch.changes as usize, ch.delta as usize);
                if delta > cap {
                    continue;
                }
                for c in 0..c_n.saturating_sub(dc) {
                    let src = &tail[c * words..(c + 1) * words];
                    if src.iter().all(|&w| w == 0) {
                        continue;
                    }
                    let dst = &mut cur[(c + dc) * words..(c + dc + 1) * words];
                    shift_or(dst, src, delta, cap);
                }
            }
        }
        let bit = |i: usize, c: usize, d: usize| {
            sets[at(i, c) + d / 64] >> (d % 64) & 1 == 1
        };
        let best = (0..c_n).find_map(|c| {
            (lo..=hi.min(cap)).find(|&d| bit(0, c, d)).map(|d| (c, d))
        });
        if let Some(start) = best {
            let step = |i: usize,
                        (c, d): (usize, usize),
                        ch: &Choice|
             -> Option<(usize, usize)> {
                let c2 = c.checked_sub(ch.changes as usize)?;
                let d2 = d.checked_sub(ch.delta as usize)?;
                if !bit(i + 1, c2, d2) {
                    return None;
                }
                Some((c2, d2))
            };
            let done = |(c, d): (usize, usize)| c == 0 && d == 0;
            return rebuild(all, start, &step, &done);
        }
        if limit >= most {
            return None;
        }
        limit = (limit * 2).min(most);
    }
}

/// `dst |= src << shift`, bits past `cap` dropped.
fn shift_or(dst: &mut [u64], src: &[u64], shift: usize, cap: usize) {
    let (w, b) = (shift / 64, shift % 64);
    for j in (w..dst.len()).rev() {
        let lo = src[j - w];
        let carry =
            if b > 0 && j > w { src[j - w - 1] >> (64 - b) } else { 0 };
        dst[j] |= (lo << b) | carry;
    }
    let last = dst.len() - 1;
    let keep = cap % 64;
    if keep < 63 {
        dst[last] &= (1u64 << (keep + 1)) - 1;
    }
}

/// Among the plans a table allows, the one whose criteria changed, in
/// sheet order, come first (compared as sorted lists of positions): the
/// rule's last tie-break. `step` moves a state past item i's choice when
/// the rest can complete it. Memoized on (item, state).
fn rebuild<S: Copy + Eq + std::hash::Hash>(
    all: &[Vec<Choice>],
    start: S,
    step: &dyn Fn(usize, S, &Choice) -> Option<S>,
    done: &dyn Fn(S) -> bool,
) -> Option<Vec<u16>> {
    /// Per (item, state): the least positions list from there, the
    /// choice that starts it and the state after that choice.
    type Memo<S> = std::collections::HashMap<
        (usize, S),
        Option<(Vec<u16>, u16, S)>,
        Cheap,
    >;
    fn go<S: Copy + Eq + std::hash::Hash>(
        all: &[Vec<Choice>],
        i: usize,
        s: S,
        step: &dyn Fn(usize, S, &Choice) -> Option<S>,
        done: &dyn Fn(S) -> bool,
        memo: &mut Memo<S>,
    ) -> Option<Vec<u16>> {
        if i == all.len() {
            return done(s).then(Vec::new);
        }
        if let Some(b) = memo.get(&(i, s)) {
            return b.as_ref().map(|b| b.0.clone());
        }
        let mut best: Option<(Vec<u16>, u16, S)> = None;
        // A list holding this item's criteria comes before any without
        // them, so "no change" is tried only when no change completes.
        let changed = all[i].iter().enumerate().filter(|(_, c)| c.changes > 0);
        let unchanged =
            all[i].iter().enumerate().filter(|(_, c)| c.changes == 0);
        for (ci, ch) in changed.chain(unchanged) {
            if ch.changes == 0 && best.is_some() {
                break;
            }
            let Some(s2) = step(i, s, ch) else { continue };
            let Some(rest) = go(all, i + 1, s2, step, done, memo) else {
                continue;
            };
            let mut positions: Vec<u16> =
                ch.changed.leaves().chain(rest).collect();
            positions.sort_unstable();
            if best.as_ref().is_none_or(|(p, _, _)| positions < *p) {
                best = Some((positions, ci as u16, s2));
            }
        }
        let out = best.as_ref().map(|b| b.0.clone());
        memo.insert((i, s), best);
        out
    }
    let mut memo: Memo<S> =
        std::collections::HashMap::with_hasher(Cheap::default());
    go(all, 0, start, step, done, &mut memo)?;
    let mut picks = Vec::with_capacity(all.len());
    let mut s = start;
    for i in 0..all.len() {
        let (_, ci, next) = memo.get(&(i, s))?.as_ref()?;
        picks.push(*ci);
        s = *next;
    }
    Some(picks)
}

/// A hasher for the few small integer keys of `rebuild`'s memo, cheaper
/// than the default's protection against crafted keys, which these are
/// not.
#[derive(Default, Clone, Copy)]
struct Cheap(u64);

impl std::hash::Hasher for Cheap {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n)
            .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

impl std::hash::BuildHasher for Cheap {
    type Hasher = Cheap;
    fn build_hasher(&self) -> Cheap {
        Cheap(0)
    }
}
