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
//! that the council scored 0, see `score::council`) removes the star
//! whatever the points.
//!
//! Council gate rule (this library's interpretation, README
//! "Interpretations"): a gate is met when the members' mean points on the
//! criterion reach the points of the required option. It is checked in
//! integers, `sum ≥ required × members`, so no rounding enters it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::compiled::Compiled;
use crate::criteria::{Band, KnockoutKind};

/// Why the final star is what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The product has the star of its band, or a lower one after gates.
    Rated,
    /// The band is 3★ or more but a 3★ gate is not met (Không đạt), or the
    /// band is 2★ and a 2★ gate is not met.
    NotRated,
    /// A "Bị loại nếu …" knock-out or the dossier clause applies.
    Eliminated,
    /// A "Không đánh giá các bước tiếp theo …" knock-out applies.
    Halted,
}

impl Status {
    /// The name in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Rated => "rated",
            Status::NotRated => "not_rated",
            Status::Eliminated => "eliminated",
            Status::Halted => "halted",
        }
    }
}

/// A gate the council did not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedGate {
    /// The tier the gate belongs to.
    pub stars: u8,
    /// The criterion code.
    pub criterion: String,
    /// The minimum option (1-based).
    pub required_option: u8,
    /// Its points.
    pub required_points: u8,
    /// The members' mean points on the criterion, rounded as the total is.
    #[serde(with = "crate::score::decimal_json")]
    pub council_points: Decimal,
    /// Whether the gate is an inferred reading rather than printed.
    pub inferred: bool,
}

/// A knock-out that applies: asserted by the council, or found from the
/// council's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnockoutHit {
    /// The criterion code, or `dossier`.
    pub knockout: String,
    /// Its effect.
    pub kind: KnockoutKind,
    /// Found by the library: the knock-out is printed as "Nếu được 0 điểm
    /// …" and the council's points on the criterion are 0 (every member
    /// gave 0). False when the council asserted it.
    #[serde(default)]
    pub zero_points: bool,
}

/// The star decision of a scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// The band of the rounded mean total.
    pub band: u8,
    /// The final star, if any.
    pub stars: Option<u8>,
    /// Why.
    pub status: Status,
    /// Every gate of the tiers up to the band that was not met.
    pub failed_gates: Vec<FailedGate>,
    /// The knock-outs asserted.
    pub knockouts: Vec<KnockoutHit>,
}

/// The band of a total: the first band (highest first) whose `min` the
/// total reaches. Bands are half-open, [min, next min): 26/2026 Điều 3
/// khoản 3 says "từ 70 đến dưới 90"; 1048 prints "từ 70 đến 89", which the
/// half-open reading extends to fractional means (README "Interpretations").
pub(crate) fn band(bands: &[Band], total: Decimal) -> u8 {
    bands.iter().find(|b| total >= b.min).map_or(1, |b| b.stars)
}

/// Decides the star. `sums[leaf]` is the council's summed points on each
/// leaf, `members` the council size, `round` the edition's rounding.
pub(crate) fn decide(
    set: &Compiled,
    band: u8,
    sums: &[u32],
    members: u32,
    knockouts: Vec<KnockoutHit>,
    round: impl Fn(u64, u32) -> Decimal,
) -> Rating {
    let mut failed = Vec::new();
    // Gates are sorted by tier; only tiers up to the band matter.
    for g in set.gates.iter().take_while(|g| g.stars <= band) {
        let sum = sums[g.leaf as usize];
        if sum < u32::from(g.points) * members {
            failed.push(FailedGate {
                stars: g.stars,
                criterion: set.codes.leaves[g.leaf as usize].to_string(),
                required_option: g.option,
                required_points: g.points,
                council_points: round(u64::from(sum), members),
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
