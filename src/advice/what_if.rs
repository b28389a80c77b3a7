//! What-if: an evaluation scored before and after some steps.

use super::resolved::{Resolved, apply};
use super::types::{Step, WhatIf};
use crate::catalog::Catalog;
use crate::compiled::UNREADABLE;
use crate::error::{ErrorKind, Result};
use crate::evaluation::{Answer, Evaluation};
use crate::options::ScoreOptions;
use crate::scorecard::{FailedGate, Scorecard};

impl Catalog {
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
        let (before, k) = self.resolved(ev, opts)?;
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
}

/// A step's leaf and 0-based option.
pub(super) fn step_leaf(k: &Resolved<'_>, s: &Step) -> Result<(usize, u8)> {
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
