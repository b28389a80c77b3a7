//! Products to act on: the ones a change or two takes to their next
//! star, with the changes, and the ones a minimum holds below their band.
//!
//! Counts tell an office how much is within reach; these lists tell it
//! which producers to call and what to ask of each. Each list keeps its
//! first [`MAX_CASES`](super::MAX_CASES) products and counts the rest, so
//! a summary's memory stays bounded.

use serde::Serialize;

use super::MAX_CASES;
use super::places::{PlaceKey, Places, ProductLabel, order};
use crate::advice::{Plan, PlanStep};
use crate::scorecard::{FailedGate, Scorecard, Status};

/// The most changes a plan may have for its product to be listed.
pub const NEAR_CHANGES: u32 = 2;

/// The report's order of a list: by place at the grouping's levels ("not
/// given" last), then by number of changes, then by id.
fn in_order<'c, T>(
    places: &Places,
    list: &'c [T],
    named: impl Fn(&T) -> &ProductLabel,
    changes: impl Fn(&T) -> usize,
) -> Vec<(usize, &'c T)> {
    let g = places.grouping();
    let key = |c: &'c T| {
        let n = named(c);
        let at: Vec<(bool, &str)> =
            places.at_levels(&g, &n.place).into_iter().map(order).collect();
        (at, changes(c), n.id.as_deref())
    };
    let mut cases: Vec<(usize, &T)> = list.iter().enumerate().collect();
    cases.sort_by_cached_key(|(_, c)| key(c));
    cases
}

/// A product whose plan to its next star has one or two changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct NearCase {
    /// The product.
    #[serde(flatten)]
    pub named: ProductLabel,
    /// Its final star now.
    pub stars: Option<u8>,
    /// How that star was decided.
    pub status: Status,
    /// The star the plan reaches.
    pub target: u8,
    /// The plan's steps, in sheet order.
    pub steps: Vec<PlanStep>,
}

/// A product held below its band by a minimum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeldCase {
    /// The product.
    #[serde(flatten)]
    pub named: ProductLabel,
    /// Its band.
    pub band: u8,
    /// Its final star.
    pub stars: Option<u8>,
    /// How that star was decided.
    pub status: Status,
    /// The failed minimums of the lowest failed tier.
    pub failed: Vec<FailedGate>,
}

/// The products to act on.
///
/// ```
/// use ocop::{BatchScorer, Catalog, advice::PlanOptions, report::Summary};
///
/// let mut s = Summary::default();
/// BatchScorer::new(Catalog::official()).score_and_plan_each(
///     ocop::samples::EVALUATION_2026.trim_end().as_bytes(),
///     &PlanOptions::default(),
///     |line, r| {
///         let (card, plan) = r.unwrap();
///         s.add_plan(&card, &plan);
///         s.add(line, &Ok(card));
///     },
/// )?;
/// // Held at 3★ by criterion 8; one change brings it to 4★.
/// assert_eq!(s.act.held[0].failed[0].criterion, "8");
/// assert_eq!(s.act.near[0].target, 4);
/// assert_eq!(s.act.near[0].steps[0].criterion, "8");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ToActOn {
    /// Products one or two changes from their next star, the first
    /// [`MAX_CASES`](super::MAX_CASES).
    pub near: Vec<NearCase>,
    /// All such products.
    pub near_count: u64,
    /// Products held below their band by a minimum, the first
    /// [`MAX_CASES`](super::MAX_CASES).
    pub held: Vec<HeldCase>,
    /// All such products.
    pub held_count: u64,
}

impl ToActOn {
    /// The products near their next star in report order (by place at
    /// the grouping's levels, "not given" last, then by number of
    /// changes, then by id), each with its index in [`ToActOn::near`].
    pub fn near_in_order(&self, places: &Places) -> Vec<(usize, &NearCase)> {
        in_order(places, &self.near, |c| &c.named, |c| c.steps.len())
    }

    /// The products held below their band in report order, each with its
    /// index in [`ToActOn::held`].
    pub fn held_in_order(&self, places: &Places) -> Vec<(usize, &HeldCase)> {
        in_order(places, &self.held, |c| &c.named, |c| c.failed.len())
    }

    /// Lists a card held below its band.
    pub(super) fn add_card(&mut self, card: &Scorecard, place: &PlaceKey) {
        let Some((_, gates)) = holding(card) else { return };
        self.held_count += 1;
        if self.held.len() < MAX_CASES {
            self.held.push(HeldCase {
                named: ProductLabel::of(card, place),
                band: card.rating.band,
                stars: card.rating.stars,
                status: card.rating.status,
                failed: gates.cloned().collect(),
            });
        }
    }

    /// Lists a card whose plan has one or two changes.
    pub(super) fn add_plan(
        &mut self,
        card: &Scorecard,
        plan: &Plan,
        place: &PlaceKey,
    ) {
        if !plan.reachable || !(1..=NEAR_CHANGES).contains(&plan.changes) {
            return;
        }
        self.near_count += 1;
        if self.near.len() < MAX_CASES {
            self.near.push(NearCase {
                named: ProductLabel::of(card, place),
                stars: plan.from.stars,
                status: plan.from.status,
                target: plan.target,
                steps: plan.steps.clone(),
            });
        }
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
