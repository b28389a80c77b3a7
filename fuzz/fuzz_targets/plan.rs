//! Any line that scores can be planned for every target; a reachable plan,
//! applied with `what_if`, gives at least its target star and the standing
//! the plan promised; an unreachable one says why. A line that does not
//! score gives the same error to `plan`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use ocop::advice::{PlanOptions, Unreachable};
use ocop::{Catalog, Evaluation, ScoreOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(ev) = Evaluation::from_json(text) else { return };
    let catalog = Catalog::official();
    for inferred in [false, true] {
        let score = ScoreOptions { inferred, ..Default::default() };
        let scored = catalog.score_with(&ev, &score);
        for target in 1..=5 {
            let opts = PlanOptions {
                target: Some(target),
                score: score.clone(),
                ..Default::default()
            };
            let plan = catalog.plan(&ev, &opts);
            let (card, plan) = match (&scored, plan) {
                (Ok(card), Ok(plan)) => (card, plan),
                (Err(a), Err(b)) => {
                    assert_eq!(a.kind(), b.kind(), "{text}");
                    break;
                }
                (a, b) => panic!("score {a:?} but plan {b:?}: {text}"),
            };
            assert_eq!(plan.from.total, card.mean.total, "{text}");
            if !plan.reachable {
                assert!(plan.reason.is_some() && plan.steps.is_empty());
                if let Some(Unreachable::Total { best, needed }) = &plan.reason {
                    assert!(best < needed, "{plan}");
                }
                continue;
            }
            let w = catalog.what_if(&ev, &plan.steps(), &score).unwrap();
            let stars = w.after.rating.stars;
            assert!(stars.is_some_and(|s| s >= target), "{text}\n{plan}");
            let after = plan.after.as_ref().unwrap();
            assert_eq!(after.total, w.after.mean.total, "{plan}");
            assert_eq!(after.stars, stars, "{plan}");
            let mut changed: Vec<&str> =
                plan.steps.iter().map(|s| s.criterion.as_str()).collect();
            changed.sort_unstable();
            changed.dedup();
            assert_eq!(plan.changes as usize, changed.len(), "{plan}");
        }
    }
});
