//! The council: from its members' sheets to one result.
//!
//! A council's result is the mean of its members' totals (and of each
//! part), and the star decision of [`crate::stars`] made on that mean and
//! on the council's summed points per criterion. This module owns the
//! rules that turn several sheets into one:
//!
//! - **Rounding** ([`rounded_mean`]): the mean is rounded half away from
//!   zero to the edition's decimals (2), computed exactly in integers, and
//!   the band uses the rounded total. No decision gives a rule; this is
//!   the library's interpretation, stated in each `edition.json`.
//! - **Spread**: member totals more than the edition's limit apart (10
//!   points, a provincial council rule) are flagged.
//! - **Zero-points knock-outs**: a note phrased in points ("Nếu được 0
//!   điểm …") applies when the council's points on the criterion are 0,
//!   that is, when every member gave 0.
//! - **Who sits**: a council has members, each named once, and asserts
//!   only knock-outs its sheet has.

use rust_decimal::Decimal;

use crate::catalog::CriteriaSet;
use crate::compiled::Compiled;
use crate::criteria::{PartPoints, Rules};
use crate::error::{Error, ErrorKind};
use crate::scorecard::{KnockoutHit, Means, Rating, Spread};
use crate::sheet::{self, Sink};
use crate::stars;

/// Mean of `sum` over `n`, rounded half away from zero to `decimals`
/// places, exactly: the edition's rounding rule (README "Interpretations",
/// rounding). Sums are non-negative, so half away from zero is half up.
pub(crate) fn rounded_mean(sum: u64, n: u64, decimals: u32) -> Decimal {
    // Validation caps decimals at 6.
    let d = decimals.min(6);
    let scale = 10u128.pow(d);
    let n = u128::from(n.max(1));
    let scaled = (2 * u128::from(sum) * scale + n) / (2 * n);
    Decimal::from_i128_with_scale(scaled as i128, d)
}

/// What a council decided: its means, spread and star.
#[derive(Debug, Clone)]
pub(crate) struct Decision {
    pub mean: Means,
    pub spread: Spread,
    pub rating: Rating,
}

/// The mean of `n` council means that sum to `sum`, rounded as a
/// council's mean is (half away from zero, README "Interpretations") to
/// `decimals` places, every place written: a report's mean of means.
pub(crate) fn rounded_mean_of(sum: Decimal, n: u64, decimals: u32) -> Decimal {
    let d = decimals.min(6);
    let mut x = (sum / Decimal::from(n.max(1))).round_dp_with_strategy(
        d,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    );
    x.rescale(d);
    x
}

/// A council's sheets as they are tallied, then its decision: the one
/// scoring sequence that scoring, the batch fast path and advice share.
/// Its buffers are reused from evaluation to evaluation.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// The council's summed points per leaf.
    pub sums: Vec<u64>,
    /// Each member's part points, in the order added.
    pub parts: Vec<PartPoints>,
    /// Points per member and leaf, member after member, when kept.
    points: Vec<Option<u8>>,
    /// Points per member and section, when kept.
    sections: Vec<u32>,
    detail: bool,
}

impl Tally {
    /// Starts a council on `c`'s tables; with `detail`, each member's
    /// points per leaf and section are kept.
    pub fn start(&mut self, c: &Compiled, detail: bool) {
        self.sums.clear();
        self.sums.resize(c.leaves.len(), 0);
        self.parts.clear();
        self.points.clear();
        self.sections.clear();
        self.detail = detail;
    }

    /// Adds one member's resolved sheet (its chosen option per leaf).
    /// Problems go to `sink`; the council's result is then not to be used.
    pub fn member(
        &mut self,
        set: &CriteriaSet,
        c: &Compiled,
        name: &str,
        choice: &[u8],
        sink: &mut impl Sink,
    ) -> PartPoints {
        let base = self.sections.len();
        let detail = if self.detail {
            self.sections.resize(base + c.section_part.len(), 0);
            Some((&mut self.points, &mut self.sections[base..]))
        } else {
            None
        };
        let parts = sheet::tally_member(
            set,
            c,
            name,
            choice,
            &mut self.sums,
            detail,
            sink,
        );
        self.parts.push(parts);
        parts
    }

    /// Member `i`'s points per leaf and per section, when kept.
    pub fn member_points(
        &self,
        c: &Compiled,
        i: usize,
    ) -> (&[Option<u8>], &[u32]) {
        let (l, s) = (c.leaves.len(), c.section_part.len());
        (
            self.points.get(i * l..(i + 1) * l).unwrap_or(&[]),
            self.sections.get(i * s..(i + 1) * s).unwrap_or(&[]),
        )
    }

    /// The council's decision on the members added.
    pub fn decide(
        &self,
        rules: &Rules,
        c: &Compiled,
        knockouts: Vec<KnockoutHit>,
    ) -> Decision {
        decide(rules, c, &self.parts, &self.sums, knockouts)
    }
}

/// The council's means, spread and star decision, from each member's part
/// points, the council's summed points per leaf and the knock-outs it
/// asserted.
fn decide(
    rules: &Rules,
    c: &Compiled,
    parts: &[PartPoints],
    sums: &[u64],
    mut knockouts: Vec<KnockoutHit>,
) -> Decision {
    // "Nếu được 0 điểm …": the product's points on a criterion are the
    // council's mean, so the knock-out applies when every member gave 0
    // (README "Interpretations"). Such criteria always apply (the loader
    // checks), so a zero sum is never "not applicable".
    for k in c.knockouts.iter() {
        let Some(leaf) = k.zero_leaf else { continue };
        if sums[usize::from(leaf)] == 0
            && !knockouts.iter().any(|h| *h.knockout == *k.code)
        {
            knockouts.push(KnockoutHit {
                knockout: k.code.to_string(),
                kind: k.kind,
                text: k.text.to_string(),
                zero_points: true,
            });
        }
    }
    let n = parts.len() as u64;
    let dp = rules.decimals;
    let sum = |f: fn(&PartPoints) -> u32| {
        parts.iter().map(|p| u64::from(f(p))).sum::<u64>()
    };
    let mean = Means {
        a: rounded_mean(sum(|p| p.a), n, dp),
        b: rounded_mean(sum(|p| p.b), n, dp),
        c: rounded_mean(sum(|p| p.c), n, dp),
        total: rounded_mean(sum(PartPoints::total), n, dp),
    };
    let highest = parts.iter().map(PartPoints::total).max().unwrap_or(0);
    let lowest = parts.iter().map(PartPoints::total).min().unwrap_or(0);
    let spread = Spread {
        highest,
        lowest,
        points: highest - lowest,
        limit: rules.spread_limit,
        exceeded: highest - lowest > rules.spread_limit,
    };
    let band = stars::band(&rules.bands, mean.total);
    let rating = stars::decide(c, band, sums, n, knockouts, |s, n| {
        rounded_mean(s, n, dp)
    });
    Decision { mean, spread, rating }
}

/// A council needs members, not more than `limit`, each named once.
/// Returns whether the sink wants to go on.
pub(crate) fn check_members<'k>(
    names: impl ExactSizeIterator<Item = &'k str> + Clone,
    limit: usize,
    sink: &mut impl Sink,
) -> bool {
    let n = names.len();
    if n == 0 {
        return sink.report(ErrorKind::EmptyCouncil.into());
    }
    if n > limit {
        // The sheets are not read: the list may be absurdly long.
        sink.report(ErrorKind::TooManyMembers { members: n, limit }.into());
        return false;
    }
    // Councils have 5 to 11 members; a hash map only guards against a
    // line listing thousands. A name is reported once, at its second
    // sheet, however often it repeats.
    let mut seen = std::collections::HashMap::new();
    let small = n <= 16;
    for (i, m) in names.clone().enumerate() {
        let before = if small {
            names.clone().take(i).filter(|&o| o == m).count()
        } else {
            let c = seen.entry(m).or_insert(0usize);
            *c += 1;
            *c - 1
        };
        if before == 1
            && !sink.report(
                ErrorKind::DuplicateMember { member: m.to_owned() }.into(),
            )
        {
            return false;
        }
    }
    true
}

/// The knock-outs a council asserted, checked against the set's. Unknown
/// ones go to the sink and are left out.
pub(crate) fn knockout_hits<'k>(
    set: &CriteriaSet,
    c: &Compiled,
    asserted: impl Iterator<Item = &'k str>,
    sink: &mut impl Sink,
) -> Option<Vec<KnockoutHit>> {
    let mut hits = Vec::new();
    for k in asserted {
        match c.knockouts.iter().find(|x| *x.code == *k) {
            Some(x) => hits.push(KnockoutHit {
                knockout: x.code.to_string(),
                kind: x.kind,
                text: x.text.to_string(),
                zero_points: false,
            }),
            None => {
                if !sink.report(unknown_knockout(set, c, k)) {
                    return None;
                }
            }
        }
    }
    Some(hits)
}

#[cold]
fn unknown_knockout(set: &CriteriaSet, c: &Compiled, k: &str) -> Error {
    ErrorKind::UnknownKnockout {
        knockout: k.to_owned(),
        set: set.id().to_owned(),
        known: c.knockouts.iter().map(|x| x.code.to_string()).collect(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::rounded_mean;

    #[test]
    fn a_mean_of_means_rounds_as_a_council_does() {
        use super::rounded_mean_of;
        use rust_decimal::Decimal;
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(rounded_mean_of(d("140.25"), 2, 2).to_string(), "70.13");
        assert_eq!(rounded_mean_of(d("139.75"), 2, 2).to_string(), "69.88");
        assert_eq!(rounded_mean_of(d("150"), 2, 2).to_string(), "75.00");
        assert_eq!(rounded_mean_of(d("10"), 3, 1).to_string(), "3.3");
        assert_eq!(rounded_mean_of(d("1"), 0, 2).to_string(), "1.00");
    }

    #[test]
    fn rounding_is_exact_and_half_away_from_zero() {
        // 8 members leave exact halves at the third place.
        assert_eq!(rounded_mean(561, 8, 2).to_string(), "70.13"); // 70.125
        assert_eq!(rounded_mean(563, 8, 2).to_string(), "70.38"); // 70.375
        assert_eq!(rounded_mean(559, 8, 2).to_string(), "69.88"); // 69.875
        // 7 members: no exact half; 503 / 7 = 71.857142…
        assert_eq!(rounded_mean(503, 7, 2).to_string(), "71.86");
        // Just under a band edge stays under it.
        assert_eq!(rounded_mean(6999, 100, 2).to_string(), "69.99");
        // Two decimals are always printed.
        assert_eq!(rounded_mean(150, 2, 2).to_string(), "75.00");
        assert_eq!(rounded_mean(0, 3, 2).to_string(), "0.00");
        // 0.995 rounds up across the band edge: 89.995 -> 90.00.
        assert_eq!(rounded_mean(17999, 200, 2).to_string(), "90.00");
        // Councils far larger than any real one stay exact.
        assert_eq!(
            rounded_mean(254 * 10_000_000, 10_000_000, 2).to_string(),
            "254.00"
        );
    }
}
