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
//!
//! # Rooms
//!
//! - `types`: what advice answers with, and their JSON; `text`: the same
//!   for people.
//! - `costs`: what a change costs.
//! - `resolved`: the evaluation resolved once into a matrix of chosen
//!   options, and what one step does to it.
//! - `explain`, `what_if`, `plan`: the entry points on [`Catalog`].
//! - `items`: each criterion's allowed choices; `search`: the bands and
//!   minimums searched; `dp`: the dynamic programmes.

mod costs;
mod dp;
mod explain;
mod items;
mod plan;
mod resolved;
mod search;
mod text;
mod types;
mod what_if;

#[cfg(doc)]
use crate::catalog::Catalog;

pub use costs::{Cost, Costs};
pub use types::{
    ExplainedCriterion, ExplainedGate, ExplainedOption, Explanation, Plan,
    PlanOptions, PlanStep, Standing, Step, Unreachable, WhatIf,
};
