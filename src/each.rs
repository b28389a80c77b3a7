//! Plans and explanations of a batch: [`BatchScorer::map_each`] with the
//! advice of each line.
//!
//! These sit above both the batch and the advice rooms, so that the batch
//! pipeline knows nothing of what it maps.

use std::io::BufRead;

use crate::advice::{Explanation, Plan, PlanOptions};
use crate::batch::{BatchScorer, BatchStats};
use crate::error::Result;
use crate::scorecard::Scorecard;

impl BatchScorer<'_> {
    /// Reads JSON Lines from `input` and calls `f` once per input line, in
    /// order, on the calling thread, with the line's number and its
    /// [`Plan`] (see [`Catalog::plan`](crate::Catalog::plan)) or the error
    /// that takes its place. Plans are worked out on the configured
    /// threads; `opts.score` is used, not [`BatchScorer::options`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails.
    ///
    /// # Example
    ///
    /// ```
    /// let input = ocop::samples::EVALUATION_2026.trim_end();
    /// let mut plans = Vec::new();
    /// ocop::BatchScorer::new(ocop::Catalog::official())
    ///     .plan_each(input.as_bytes(), &Default::default(), |_, p| plans.push(p))?;
    /// let plan = plans.remove(0)?;
    /// assert_eq!((plan.target, plan.changes), (4, 1));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn plan_each<R: BufRead + Send>(
        &self,
        input: R,
        opts: &PlanOptions,
        f: impl FnMut(u64, Result<Plan>),
    ) -> Result<BatchStats> {
        let catalog = self.catalog();
        self.map_each(input, |ev| catalog.plan(ev, opts), f)
    }

    /// [`BatchScorer::plan_each`] with each line's scorecard as well
    /// ([`Catalog::score_and_plan`](crate::Catalog::score_and_plan)): what
    /// a report needs.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails.
    pub fn score_and_plan_each<R: BufRead + Send>(
        &self,
        input: R,
        opts: &PlanOptions,
        f: impl FnMut(u64, Result<(Scorecard, Plan)>),
    ) -> Result<BatchStats> {
        let catalog = self.catalog();
        self.map_each(input, |ev| catalog.score_and_plan(ev, opts), f)
    }

    /// [`BatchScorer::plan_each`] for explanations
    /// ([`Catalog::explain`](crate::Catalog::explain)), with
    /// [`BatchScorer::options`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when reading fails.
    pub fn explain_each<R: BufRead + Send>(
        &self,
        input: R,
        f: impl FnMut(u64, Result<Explanation>),
    ) -> Result<BatchStats> {
        let (catalog, opts) = (self.catalog(), self.score_options());
        self.map_each(input, |ev| catalog.explain(ev, opts), f)
    }
}
