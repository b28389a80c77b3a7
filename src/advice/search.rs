//! The exact search: which band and which minimums, and the dynamic
//! programme's answer turned into steps.

use rust_decimal::Decimal;

use super::costs::Costs;
use super::dp::{by_changes, by_key};
use super::items::{Change, Conditions, choices, items};
use super::resolved::Resolved;
use super::types::Unreachable;
use crate::council::rounded_mean;
use crate::criteria::Rules;

/// The plan found: its steps, cost, the criteria it changes and the
/// points it adds, as its choices say, so no replay is needed to compare
/// plans.
pub(super) struct Found {
    pub(super) steps: Vec<(usize, u8)>,
    pub(super) cost: u64,
    /// Leaves whose answers change, over every item (items share none).
    pub(super) changed: usize,
    /// Points added to the council's sum.
    pub(super) added: u64,
}

/// The smallest council sum whose rounded mean reaches `edge`.
pub(super) fn smallest_sum(k: &Resolved<'_>, edge: Decimal) -> u64 {
    let n = k.n();
    let dp = k.rules.decimals;
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
pub(super) fn edge(rules: &Rules, stars: u8) -> Decimal {
    rules.bands.iter().find(|b| b.0 == stars).map_or(Decimal::ZERO, |b| b.1)
}

/// Why one band's search found nothing.
pub(super) enum Miss {
    /// Every allowed choice that meets the band's conditions adds more
    /// points than the band holds: the least a plan must add (lifting a
    /// zero-points knock-out, meeting a minimum) already crosses into the
    /// band above. The reason is that band's, not this one's.
    Passes,
    /// The band cannot be reached, for this reason.
    Blocked(Unreachable),
}

impl From<Unreachable> for Miss {
    fn from(u: Unreachable) -> Miss {
        Miss::Blocked(u)
    }
}

/// The exact search. Targets of 1★ or 2★ have two roads: stay below the
/// 3★ band, or pass it with the 3★ minimums met (a band of 3★ with a 3★
/// minimum failed is "not rated").
///
/// When no road leads there, the reason given is the lowest band's whose
/// search was blocked; a band that every allowed plan passes by gives
/// none, since what stops the product is in the band it passes into
/// (knock-outs whose lifting crosses the 3★ edge, where a 3★ minimum no
/// allowed option meets).
pub(super) fn search(
    k: &Resolved<'_>,
    total: u64,
    target: u8,
    costs: Option<&Costs>,
) -> std::result::Result<Found, Unreachable> {
    let need = |t: u8| smallest_sum(k, edge(k.rules, t)).saturating_sub(total);
    let blocked = |m: Miss| match m {
        Miss::Blocked(u) => u,
        // Only a band with a top can be passed by; the bands from 3★ up
        // have none (`hi` is `u64::MAX`).
        Miss::Passes => short(k, total, need(target), need(target)),
    };
    if target >= 3 {
        return search_one(k, total, target, need(target), u64::MAX, costs)
            .map_err(blocked);
    }
    // Below 3★ each band needs the minimums of its own tier: a band-2
    // council that fails a 2★ minimum is not rated, not 1★. Search each
    // band's sums with its minimums, and 3★ and above with 3★'s.
    let mut best: Option<std::result::Result<Found, Miss>> = None;
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
            (Some(Err(Miss::Passes)), Err(e)) => Err(e),
            (Some(Err(e)), Err(_)) => Err(e),
        });
    }
    best.unwrap_or_else(|| search_one(k, total, 3, need(3), u64::MAX, costs))
        .map_err(blocked)
}

/// Whether plan `a` beats plan `b`: cost, then changes, then points.
pub(super) fn better(a: &Found, b: &Found) -> bool {
    (a.cost, a.changed, a.added) < (b.cost, b.changed, b.added)
}

/// The dynamic programme for one target band and one set of minimums:
/// points added within `[lo, hi]`.
pub(super) fn search_one(
    k: &Resolved<'_>,
    total: u64,
    gates_up_to: u8,
    lo: u64,
    hi: u64,
    costs: Option<&Costs>,
) -> std::result::Result<Found, Miss> {
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
        let best = rounded_mean(total + max as u64, k.n(), k.rules.decimals);
        let needed = rounded_mean(total + lo, k.n(), k.rules.decimals);
        return Err(Unreachable::Total { best, needed }.into());
    }
    // The least any allowed plan adds: past the band's top, every plan
    // passes the band by.
    let least: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.delta as usize).min().unwrap_or(0))
        .sum();
    if least as u64 > hi {
        return Err(Miss::Passes);
    }
    // Only sums up to `cap` can be part of a best plan: swapping any
    // item's choice for one of its cheapest, smallest choices costs no
    // more and adds fewer points, so a best plan is at most one item's
    // points past `lo`, or made of such choices alone.
    let cheapest = |cs: &[Change]| {
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
        return Err(short(k, total, lo, hi as u64).into());
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
pub(super) fn short(
    k: &Resolved<'_>,
    total: u64,
    lo: u64,
    hi: u64,
) -> Unreachable {
    let dp = k.rules.decimals;
    Unreachable::Total {
        best: rounded_mean(total + hi, k.n(), dp),
        needed: rounded_mean(total + lo, k.n(), dp),
    }
}
