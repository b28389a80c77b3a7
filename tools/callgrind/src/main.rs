//! Callgrind harness for `ocop`: each mode does one thing, so that the
//! instruction counts of two modes can be subtracted.
//!
//! ```text
//! ocop-callgrind none  [FILE]      read FILE into memory; nothing else
//! ocop-callgrind load  [FILE]      the same, then load Catalog::official()
//!                                  and every table of every set in it
//! ocop-callgrind floor FILE        read FILE; serde_json every line into
//!                                  IgnoredAny (the floor; no catalog)
//! ocop-callgrind batch FILE        read FILE; load the catalog and every
//!                                  table, as `load`; BatchScorer
//!                                  on one thread, scorecards to a sink
//! ocop-callgrind gen   [EDITION..] load the catalog; generate 8 evaluations
//!                                  of every set of the editions; plan none
//! ocop-callgrind plan  [EDITION..] the same, then plan every evaluation
//! ```
//!
//! So `batch - load` is scoring the lines, `floor - none` is parsing them,
//! `plan - load` is generating and planning, `plan - gen` planning alone.
//! Every mode reads its input into memory first (as the criterion benches
//! do), so reading the file cancels out. Editions default to qd1048-781
//! and qd26-2026 (52 sets).
//!
//! Only public API that the crate has had since December 2026 is used,
//! so the same harness builds against earlier and later trees.

use std::hint::black_box;

use ocop::advice::PlanOptions;
use ocop::generate::Generator;
use ocop::{BatchScorer, Catalog, ScoreOptions};

/// Evaluations generated and planned per set, as in `plan/<edition>/<set>`.
const PER_SET: u64 = 8;
/// The seed of the `plan/` benches' generator.
const SEED: u64 = 8;
const EDITIONS: [&str; 2] = ["qd1048-781", "qd26-2026"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("", String::as_str);
    let rest = &args[args.len().min(1)..];
    match mode {
        "none" => {
            black_box(read(rest.first()));
        }
        "load" => {
            black_box(read(rest.first()));
            load_all();
        }
        "floor" => floor(&read(rest.first())),
        "batch" => batch(&read(rest.first())),
        "gen" => plans(rest, false),
        "plan" => plans(rest, true),
        _ => {
            eprintln!("usage: ocop-callgrind none|load|floor|batch [FILE]");
            eprintln!("       ocop-callgrind gen|plan [EDITION...]");
            std::process::exit(2);
        }
    }
}

/// The whole file, or nothing when no file is named.
fn read(path: Option<&String>) -> Vec<u8> {
    path.map_or_else(Vec::new, |p| {
        std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"))
    })
}

/// serde_json's syntax check of every line, building nothing: the floor.
fn floor(input: &[u8]) {
    let text = std::str::from_utf8(input).expect("input is UTF-8");
    let mut n = 0u64;
    for line in black_box(text).lines() {
        serde_json::from_str::<serde::de::IgnoredAny>(line).unwrap();
        n += 1;
    }
    eprintln!("floor: {n} lines parsed");
}

/// The batch scorer on one thread, default output, written to a sink.
/// The catalog with every table read. Tables are read on first use since
/// issue 25; `load` and `batch` both read them all, so that `batch - load`
/// stays the cost of the lines alone.
fn load_all() {
    for ed in Catalog::official().editions() {
        ed.sets().for_each(|s| {
            black_box(s.sheet());
        });
    }
}

fn batch(input: &[u8]) {
    load_all();
    let scorer = BatchScorer::new(Catalog::official()).threads(1);
    let stats = scorer.run(black_box(input), std::io::sink()).unwrap();
    // Every line must score, or the count measures error records.
    assert_eq!(stats.scored, stats.lines, "{stats:?}");
    eprintln!("batch: {} lines scored", stats.scored);
}

/// Generates PER_SET evaluations of every set of `editions`, and plans
/// each when `plan` is set (towards the next star, inferred data on).
fn plans(editions: &[String], plan: bool) {
    let catalog = Catalog::official();
    let editions: Vec<&str> = if editions.is_empty() {
        EDITIONS.to_vec()
    } else {
        editions.iter().map(String::as_str).collect()
    };
    let opts = PlanOptions {
        score: ScoreOptions { inferred: true, ..Default::default() },
        ..Default::default()
    };
    let (mut evaluations, mut changes) = (0u64, 0u64);
    for id in editions {
        let ed = catalog.edition(id).unwrap_or_else(|| panic!("no {id}"));
        for set in ed.sets() {
            let mut g = Generator::for_set(set, SEED);
            for _ in 0..PER_SET {
                let ev = g.next_evaluation();
                evaluations += 1;
                if plan {
                    let p = catalog.plan(black_box(&ev), &opts).unwrap();
                    changes += u64::from(p.changes);
                } else {
                    black_box(&ev);
                }
            }
        }
    }
    // The harness's output: callgrind.sh divides by this count.
    println!("evaluations {evaluations}");
    if plan {
        eprintln!("plan: {evaluations} plans, {changes} changes in all");
    }
}
