//! How far plans find products from their target star.

use std::collections::BTreeMap;

use serde::Serialize;

/// How far plans find products from their target star.
///
/// ```
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let plan = ocop::Catalog::official().plan(&ev, &Default::default())?;
/// let mut p = ocop::report::PlanCounts::default();
/// p.add(&plan);
/// assert_eq!(p.by_changes[&1], 1);
/// assert_eq!(p.raised[0].criterion, "8");
/// assert_eq!(p.raised[0].plans, 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PlanCounts {
    /// Plans made.
    pub plans: u64,
    /// Products already at their target.
    pub reached: u64,
    /// Products no plan brings to their target.
    pub unreachable: u64,
    /// Reachable products by the number of criteria to change.
    pub by_changes: BTreeMap<u32, u64>,
    /// Criteria the plans raise, with how many plans raise each, most
    /// often first; at most [`MAX_CRITERIA`](super::MAX_CRITERIA).
    pub raised: Vec<Raised>,
    /// Criteria raised that the list had no room for, counted once per
    /// plan and criterion.
    #[serde(skip_serializing_if = "is_zero")]
    pub raised_other: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A criterion plans raise. Codes mean different criteria on different
/// sheets, so a criterion is its code with its title, as for
/// [`HeldGate`](super::HeldGate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Raised {
    /// The criterion code.
    pub criterion: String,
    /// Its printed title.
    pub title: String,
    /// Plans that raise it.
    pub plans: u64,
}

impl PlanCounts {
    /// Counts one plan.
    pub fn add(&mut self, plan: &crate::advice::Plan) {
        self.plans += 1;
        if !plan.reachable {
            self.unreachable += 1;
            return;
        }
        if plan.steps.is_empty() {
            self.reached += 1;
            return;
        }
        *self.by_changes.entry(plan.changes).or_default() += 1;
        let mut raised: Vec<(&str, &str)> = plan
            .steps
            .iter()
            .map(|s| (s.criterion.as_str(), s.title.as_str()))
            .collect();
        raised.sort_unstable();
        raised.dedup();
        for (code, title) in raised {
            let full = self.raised.len() >= super::MAX_CRITERIA;
            match self
                .raised
                .iter_mut()
                .find(|r| r.criterion == code && r.title == title)
            {
                Some(r) => r.plans += 1,
                None if full => self.raised_other += 1,
                None => self.raised.push(Raised {
                    criterion: code.to_owned(),
                    title: title.to_owned(),
                    plans: 1,
                }),
            }
        }
        self.raised.sort_by(|a, b| {
            b.plans
                .cmp(&a.plans)
                .then_with(|| a.criterion.cmp(&b.criterion))
                .then_with(|| a.title.cmp(&b.title))
        });
    }
}

impl PlanCounts {
    /// Reachable products by the number of changes, in the four buckets
    /// reports show: 1, 2, 3, and 4 or more.
    pub fn buckets(&self) -> [u64; 4] {
        let n = |k: u32| self.by_changes.get(&k).copied().unwrap_or(0);
        let more: u64 = self.by_changes.range(4..).map(|(_, v)| v).sum();
        [n(1), n(2), n(3), more]
    }
}

impl std::fmt::Display for PlanCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [one, two, three, more] = self.buckets();
        writeln!(
            f,
            "{} plans: {one} one change from the target, {two} two, {three} three, {more} more; \
             {} already there, {} unreachable",
            self.plans, self.reached, self.unreachable
        )?;
        if self.raised.is_empty() {
            return write!(f, "criteria raised most often: none");
        }
        write!(f, "criteria raised most often (plans, code, title):")?;
        for r in self.raised.iter().take(10) {
            write!(f, "\n{:>8}  {:<6} {}", r.plans, r.criterion, r.title)?;
        }
        Ok(())
    }
}
