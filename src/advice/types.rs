//! What advice answers with: plans, steps, standings, what-ifs and
//! explanations, as values and in their JSON form.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::costs::Costs;
#[cfg(doc)]
use crate::catalog::Catalog;
use crate::criteria::PartId;
use crate::evaluation::Answer;
use crate::options::ScoreOptions;
use crate::scorecard::{FailedGate, Scorecard, Status, decimal_json};

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
    /// The council's mean points on the criterion after the step.
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
    pub(super) fn of(card: &Scorecard) -> Standing {
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
        /// The star tier whose minimum no allowed option meets.
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
    /// The star tier whose minimum it is.
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
