//! The entry points of planning: the target, the search, and the plan
//! built from what it found.

use super::costs::Costs;
use super::resolved::apply;
use super::search::search;
use super::types::{Plan, PlanOptions, PlanStep, Standing, Unreachable};
use crate::catalog::Catalog;
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::options::ScoreOptions;
use crate::scorecard::Scorecard;
use crate::sheet;
use crate::stars::gate_met;

impl PlanOptions {
    /// Plan options from what a doorway receives: `--target`, the text of
    /// a `--costs` file, and the scoring options. Target and costs are
    /// checked here, before any evaluation is read, so the command and
    /// every binding refuse the same bad input with the same error.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTarget`] for a target outside 1 to 5;
    /// [`ErrorKind::InvalidCosts`] for costs text that is not the costs
    /// form, or that names a criterion on no sheet of `catalog`.
    ///
    /// ```
    /// use ocop::{Catalog, ScoreOptions, advice::PlanOptions};
    /// let catalog = Catalog::official();
    /// let opts = PlanOptions::new(catalog, Some(4), Some(r#"{"default": 2}"#), ScoreOptions::default())?;
    /// assert_eq!(opts.target, Some(4));
    /// let err = PlanOptions::new(catalog, Some(9), None, ScoreOptions::default()).unwrap_err();
    /// assert_eq!(err.tag(), "invalid_target");
    /// assert_eq!(err.to_string(), "target 9★ is not a star tier: give 1 to 5");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn new(
        catalog: &Catalog,
        target: Option<u8>,
        costs: Option<&str>,
        score: ScoreOptions,
    ) -> Result<PlanOptions> {
        let costs = costs.map(Costs::from_json).transpose()?;
        let opts = PlanOptions { target, costs, score };
        opts.check(catalog)?;
        Ok(opts)
    }

    /// Checks the target (1 to 5) and the costs' criteria against
    /// `catalog`: the one home of both rules, which
    /// [`Catalog::plan`] applies too.
    ///
    /// # Errors
    ///
    /// See [`PlanOptions::new`].
    pub fn check(&self, catalog: &Catalog) -> Result<()> {
        if let Some(t) = self.target.filter(|t| !(1..=5).contains(t)) {
            return Err(ErrorKind::InvalidTarget { target: t }.into());
        }
        match &self.costs {
            Some(c) => c.check(catalog),
            None => Ok(()),
        }
    }
}

impl Catalog {
    /// The fewest changes that bring the product to its target star (see
    /// [the rules](crate::advice#the-rules-of-a-plan)), or why none does.
    ///
    /// # Errors
    ///
    /// The errors of [`Catalog::score_with`];
    /// [`ErrorKind::InvalidTarget`] for a target outside 1 to 5.
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let catalog = ocop::Catalog::official();
    /// let plan = catalog.plan(&ev, &Default::default())?;
    /// assert_eq!((plan.target, plan.changes), (4, 1));
    /// assert_eq!(plan.steps[0].criterion, "8");
    /// assert_eq!(plan.after.as_ref().unwrap().stars, Some(4));
    /// // The plan's steps, tried: they reach the target.
    /// let w = catalog.what_if(&ev, &plan.steps(), &Default::default())?;
    /// assert_eq!(w.after.rating.stars, Some(4));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn plan(
        &self,
        ev: &Evaluation<'_>,
        opts: &PlanOptions,
    ) -> Result<Plan> {
        self.score_and_plan(ev, opts).map(|(_, plan)| plan)
    }

    /// [`Catalog::plan`], with the scorecard it starts from: one scoring
    /// for both, as a report needs them.
    ///
    /// # Errors
    ///
    /// See [`Catalog::plan`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let (card, plan) = ocop::Catalog::official().score_and_plan(&ev, &Default::default())?;
    /// assert_eq!((card.rating.stars, plan.target), (Some(3), 4));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn score_and_plan(
        &self,
        ev: &Evaluation<'_>,
        opts: &PlanOptions,
    ) -> Result<(Scorecard, Plan)> {
        opts.check(self)?;
        let (card, k) = self
            .resolved(ev, &opts.score)
            .map_err(|e| e.for_product(ev.id.as_deref()))?;
        let target = opts.target.unwrap_or(match card.rating.stars {
            Some(s) => (s + 1).min(5),
            None => 3,
        });
        let mut plan = Plan {
            id: card.id.clone(),
            edition: card.edition.clone(),
            set: card.set.clone(),
            from: Standing::of(&card),
            target,
            reachable: true,
            reason: None,
            steps: Vec::new(),
            changes: 0,
            cost: opts.costs.as_ref().map(|_| 0),
            after: None,
        };
        if card.rating.stars.is_some_and(|s| s >= target) {
            plan.after = Some(plan.from.clone());
            return Ok((card, plan));
        }
        if let Some(ko) = card.rating.knockouts.iter().find(|x| !x.zero_points)
        {
            plan.reachable = false;
            plan.reason =
                Some(Unreachable::Knockout { knockout: ko.knockout.clone() });
            plan.cost = None;
            return Ok((card, plan));
        }
        let total: u64 = card.members.iter().map(|m| u64::from(m.total)).sum();
        let found = search(&k, total, target, opts.costs.as_ref());
        let chosen = match found {
            Ok(c) => c,
            Err(reason) => {
                plan.reachable = false;
                plan.reason = Some(reason);
                plan.cost = None;
                return Ok((card, plan));
            }
        };
        // One replay, for each step's council points and the standing.
        let mut choice = k.choice.clone();
        let mut sums = Vec::with_capacity(chosen.steps.len());
        for &(leaf, o) in &chosen.steps {
            let sum_before = k.sum(&choice, leaf);
            apply(&k, &mut choice, leaf, o);
            sums.push((sum_before, k.sum(&choice, leaf)));
        }
        let after = k.standing(&choice);
        // A plan may end above its target (a band edge crossed brings that
        // band's minimums), so a step names every tier it meets up to the
        // star the plan ends at.
        let top = after.stars.unwrap_or(0).max(target);
        let n = k.n();
        for (&(leaf, o), &(sum_before, sum)) in chosen.steps.iter().zip(&sums)
        {
            let mut gates: Vec<u8> =
                k.c.gates
                    .iter()
                    .filter(|g| {
                        usize::from(g.leaf) == leaf
                            && g.stars <= top
                            && !gate_met(sum_before, g.points, n)
                            && gate_met(sum, g.points, n)
                    })
                    .map(|g| g.stars)
                    .collect();
            gates.sort_unstable();
            plan.steps.push(PlanStep {
                criterion: k.c.codes.leaves[leaf].to_string(),
                title: k.c.titles[leaf].to_string(),
                option: sheet::answer_of(&k.c.leaves[leaf], o),
                points: k.c.points(leaf, o),
                council_points_before: k.mean(sum_before),
                council_points_after: k.mean(sum),
                gates,
            });
        }
        plan.changes = chosen.changed as u32;
        plan.cost = opts.costs.as_ref().map(|_| chosen.cost);
        plan.after = Some(after);
        Ok((card, plan))
    }
}
