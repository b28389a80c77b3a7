//! An evaluation resolved against its set, member by member: the matrix
//! of chosen options that explanations, what-ifs and plans work on, and
//! what one step does to it.

use rust_decimal::Decimal;

use super::types::Standing;
use crate::catalog::{Catalog, CriteriaSet};
use crate::compiled::Compiled;
use crate::council::{Tally, rounded_mean};
use crate::criteria::Rules;
use crate::error::Result;
use crate::evaluation::{Evaluation, Text};
use crate::options::ScoreOptions;
use crate::scorecard::Scorecard;
use crate::sheet::{self, First, NONE};

/// An evaluation resolved against its set, member by member.
pub(super) struct Resolved<'c> {
    pub(super) c: &'c Compiled,
    pub(super) rules: &'c Rules,
    pub(super) set: &'c CriteriaSet,
    /// Chosen option per member and leaf (0-based), or `NONE`.
    pub(super) choice: Vec<Vec<u8>>,
}

impl Resolved<'_> {
    pub(super) fn n(&self) -> u64 {
        self.choice.len() as u64
    }

    pub(super) fn pts(&self, leaf: usize, ch: u8) -> u8 {
        if ch == NONE { 0 } else { self.c.points(leaf, ch) }
    }

    pub(super) fn sum(&self, choice: &[Vec<u8>], leaf: usize) -> u64 {
        choice.iter().map(|m| u64::from(self.pts(leaf, m[leaf]))).sum()
    }

    pub(super) fn mean(&self, sum: u64) -> Decimal {
        rounded_mean(sum, self.n(), self.rules.decimals)
    }

    /// Where the council stands with these choices: the scorer's own
    /// tally and council steps, so the decision is exactly `score`'s. The
    /// evaluation asserted no knock-out (a plan stops at one).
    pub(super) fn standing(&self, choice: &[Vec<u8>]) -> Standing {
        let mut tally = Tally::default();
        tally.start(self.c, false);
        let mut first = First::default();
        for m in choice {
            tally.member(self.set, self.c, "", m, &mut first);
        }
        let d = tally.decide(self.rules, self.c, Vec::new());
        Standing {
            total: d.mean.total,
            band: d.rating.band,
            stars: d.rating.stars,
            status: d.rating.status,
        }
    }

    /// The evaluation with these choices as its members' answers.
    pub(super) fn evaluation(
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
    pub(super) fn resolved<'c>(
        &'c self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<(Scorecard, Resolved<'c>)> {
        let (card, p, choice) = self.score_resolved(ev, opts)?;
        let c = p.set.compiled(opts.inferred);
        Ok((
            card,
            Resolved { c, rules: &p.edition.head().rules, set: p.set, choice },
        ))
    }
}

/// Whether a leaf applies to a member with these choices.
pub(super) fn applies(c: &Compiled, leaf: usize, choice: &[u8]) -> bool {
    sheet::applies(&c.leaves[leaf], choice)
}

/// Applies one step to the members' choices: members below the option's
/// points (in its case) are raised to it; a dependent criterion is given
/// to members to whom it now applies, and taken from those to whom it no
/// longer does.
pub(super) fn apply(
    k: &Resolved<'_>,
    choice: &mut [Vec<u8>],
    leaf: usize,
    o: u8,
) {
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
