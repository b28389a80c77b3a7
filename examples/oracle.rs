//! Testing your own scorer against ocop: a toy scorer (member totals,
//! council mean, band) checked over generated evaluations of every
//! 26/2026 set. Needs the `proptest` feature:
//! `cargo run --example oracle --features proptest`.

use std::collections::HashMap;

use ocop::{Answer, Catalog, CriteriaSet, Evaluation, strategy};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// The scorer under test: points looked up in a table of its own.
struct ToyScorer {
    points: HashMap<String, Vec<u32>>,
}

impl ToyScorer {
    fn new(set: &CriteriaSet) -> ToyScorer {
        let mut points = HashMap::new();
        for (_, _, c) in set.sheet().criteria() {
            let p = if c.yes_no {
                vec![0, c.max]
            } else {
                c.options.iter().map(|o| o.points).collect()
            };
            points.insert(c.code.clone(), p);
        }
        ToyScorer { points }
    }

    /// The council's mean total in hundredths, rounded half up.
    fn mean_hundredths(&self, ev: &Evaluation<'_>) -> u64 {
        let mut sum = 0u64;
        for m in &ev.members {
            for (code, answer) in &m.answers {
                let i = match answer {
                    Answer::Option(n) => *n as usize - 1,
                    Answer::Met(b) => usize::from(*b),
                    _ => unreachable!("generated answers are valid"),
                };
                sum += u64::from(self.points[&**code][i]);
            }
        }
        let n = ev.members.len() as u64;
        (200 * sum + n) / (2 * n)
    }
}

fn main() {
    let catalog = Catalog::official();
    let edition = catalog.edition("qd26-2026").expect("bundled");
    for set in edition.sets() {
        let toy = ToyScorer::new(set);
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&strategy::evaluation(set), |ev| {
            let card = catalog.score(&ev).expect("valid by construction");
            let want = card.mean.total * ocop::Decimal::from(100);
            prop_assert_eq!(
                ocop::Decimal::from(toy.mean_hundredths(&ev)),
                want
            );
            Ok(())
        });
        if let Err(e) = result {
            panic!("set {}: the toy scorer disagrees: {e}", set.id());
        }
    }
    println!("the toy scorer agrees with ocop on every 26/2026 set");
}
