//! An evaluation criterion by criterion: the council's points, what is
//! left, the options above, and each tier's minimum.

use rust_decimal::Decimal;

use super::types::{
    ExplainedCriterion, ExplainedGate, ExplainedOption, Explanation, Standing,
};
use crate::catalog::Catalog;
use crate::compiled::UNREADABLE;
use crate::error::Result;
use crate::evaluation::Evaluation;
use crate::options::ScoreOptions;
use crate::scorecard::Status;
use crate::sheet;
use crate::stars::gate_met;

impl Catalog {
    /// A per-criterion breakdown of an evaluation's scorecard: the
    /// council's points against the maximum, the points left, the options
    /// above the council's level, and each tier's minimum.
    ///
    /// # Errors
    ///
    /// The errors of [`Catalog::score_with`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let x = ocop::Catalog::official().explain(&ev, &Default::default())?;
    /// let eight = x.criteria.iter().find(|c| c.code == "8").unwrap();
    /// assert_eq!(eight.council_points.to_string(), "1.00");
    /// assert!(eight.holds_back);
    /// assert_eq!(eight.gates[0].stars, 4);
    /// println!("{x}");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn explain(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<Explanation> {
        let (card, k) = self.resolved(ev, opts)?;
        let c = k.c;
        let sheet = k.set.sheet();
        let n = k.n();
        let held: Vec<&str> = match card.rating.status {
            Status::Rated | Status::NotRated => card
                .rating
                .failed_gates
                .iter()
                .filter(|g| g.stars <= card.rating.band)
                .map(|g| g.criterion.as_str())
                .collect(),
            _ => Vec::new(),
        };
        let mut criteria = Vec::new();
        let mut leaf = 0;
        for (part, section, crit) in sheet.criteria() {
            if crit.header {
                continue;
            }
            let l = &c.leaves[leaf];
            let sum = k.sum(&k.choice, leaf);
            let mean = k.mean(sum);
            let max = (0..l.options)
                .map(|o| c.points(leaf, o))
                .filter(|&p| p != UNREADABLE)
                .max()
                .unwrap_or(0);
            let above = (0..l.options)
                .filter(|&o| {
                    let p = c.points(leaf, o);
                    p != UNREADABLE && Decimal::from(p) > mean
                })
                .map(|o| ExplainedOption {
                    option: sheet::answer_of(l, o),
                    text: crit
                        .options
                        .get(usize::from(o))
                        .map(|x| x.text.clone())
                        .unwrap_or_default(),
                    points: c.points(leaf, o),
                })
                .collect();
            let gates = c
                .gates
                .iter()
                .filter(|g| usize::from(g.leaf) == leaf)
                .map(|g| ExplainedGate {
                    stars: g.stars,
                    option: g.option,
                    points: g.points,
                    met: gate_met(sum, g.points, n),
                })
                .collect();
            criteria.push(ExplainedCriterion {
                part,
                section: section.code.clone(),
                code: crit.code.clone(),
                title: crit.title.clone(),
                label: crit.label.clone(),
                council_points: mean,
                max,
                points_left: Decimal::from(max) - mean,
                above,
                gates,
                holds_back: held.contains(&crit.code.as_str()),
            });
            leaf += 1;
        }
        Ok(Explanation {
            card: Standing::of(&card),
            id: card.id.clone(),
            edition: card.edition.clone(),
            set: card.set.clone(),
            set_name: card.set_name.clone(),
            criteria,
        })
    }
}
