//! Star tiers: bands, then gates, then knock-outs.
//!
//! The order matters and is the decisions' own. The band comes from the
//! council's rounded mean total alone (1048 Điều 1 khoản 2; 26/2026 Điều 3
//! khoản 3). Since 781/QĐ-TTg a tier also needs minimum levels on some
//! criteria ("gates"): the final star is the highest tier, not above the
//! band, whose gates and every lower tier's gates are met. OCOP recognises
//! only 3★ and above, so a product whose band is 3★ or more but that misses
//! a 3★ gate is "not rated" (the 2020 national council's "Không đạt"), not
//! 2★. Last, a knock-out (asserted by the council, or one phrased in points
//! that the council scored 0, see `council`) removes the star whatever the
//! points. [`Rating`] documents the same order for users.
//!
//! Council gate rule (this library's interpretation, README
//! "Interpretations"): a gate is met when the members' mean points on the
//! criterion reach the points of the required option. It is checked in
//! integers, `sum ≥ required × members`, so no rounding enters it.

use rust_decimal::Decimal;

use crate::compiled::Compiled;
use crate::criteria::KnockoutKind;
use crate::scorecard::{FailedGate, KnockoutHit, Rating, Status};

/// The band of a total: the first band (highest first) whose `min` the
/// total reaches. Bands are half-open, [min, next min): 26/2026 Điều 3
/// khoản 3 says "từ 70 đến dưới 90"; 1048 prints "từ 70 đến 89", which the
/// half-open reading extends to fractional means (README "Interpretations").
pub(crate) fn band(bands: &[(u8, Decimal)], total: Decimal) -> u8 {
    bands.iter().find(|b| total >= b.1).map_or(1, |b| b.0)
}

/// Whether a council meets a minimum: its summed points on the criterion
/// reach the required option's points for every member, that is, its mean
/// reaches them, with no rounding (README "Interpretations", gates).
#[inline]
pub(crate) fn gate_met(sum: u64, points: u8, members: u64) -> bool {
    sum >= u64::from(points) * members
}

/// Decides the star. `sums[leaf]` is the council's summed points on each
/// leaf, `members` the council size, `round` the edition's rounding.
pub(crate) fn decide(
    set: &Compiled,
    band: u8,
    sums: &[u64],
    members: u64,
    knockouts: Vec<KnockoutHit>,
    round: impl Fn(u64, u64) -> Decimal,
) -> Rating {
    let mut failed = Vec::new();
    // Gates are sorted by tier; only tiers up to the band matter.
    for g in set.gates.iter().take_while(|g| g.stars <= band) {
        let sum = sums[g.leaf as usize];
        if !gate_met(sum, g.points, members) {
            let leaf = usize::from(g.leaf);
            failed.push(FailedGate {
                stars: g.stars,
                criterion: set.codes.leaves[leaf].to_string(),
                title: set.titles[leaf].to_string(),
                required_option: g.option,
                required_text: g.text.to_string(),
                required_points: g.points,
                council_points: round(sum, members),
                inferred: g.inferred,
            });
        }
    }
    // Highest tier whose own and lower gates all pass.
    let lowest_failed = failed.iter().map(|f| f.stars).min();
    let (mut stars, mut status) = match lowest_failed {
        None => (Some(band), Status::Rated),
        Some(t) if t >= 4 => (Some(t - 1), Status::Rated),
        Some(_) => (None, Status::NotRated),
    };
    // Elimination outranks a halt when both are asserted.
    if knockouts.iter().any(|k| k.kind == KnockoutKind::Eliminated) {
        (stars, status) = (None, Status::Eliminated);
    } else if !knockouts.is_empty() {
        (stars, status) = (None, Status::Halted);
    }
    Rating { band, stars, status, failed_gates: failed, knockouts }
}
