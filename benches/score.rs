//! Throughput of scoring, against baselines measured in the same run.
//!
//! Input: 10,000 evaluations of every 26/2026 set from the deterministic
//! generator (councils of 5 to 11 members, about 2.2 KB a line).
//!
//! - `parse/ignored_any/10k`: serde_json parsing the same lines into
//!   `IgnoredAny`, the floor an end-to-end scorer is measured against.
//! - `batch/jsonl/10k`: `BatchScorer` on one thread, JSONL in, scorecards
//!   JSONL out (the default output: totals, parts, means, star decision).
//! - `batch/jsonl-points/10k`: the same with per-criterion points
//!   (`BatchScorer::points`), an output 1.6 times the input's size.
//! - `batch/jsonl-2-threads/10k`: the default output on two threads.
//! - `batch/for-each/10k`: `BatchScorer::for_each` on one thread, the
//!   same scorecards as values, counted by star in the callback.
//! - `batch/run-then-parse/10k`: `run`, then every output line parsed back
//!   into a `Scorecard`: what aggregating in Rust cost before `for_each`.
//! - `batch/general-path/10k`: every line through `Evaluation::from_json`,
//!   `Catalog::score` and serde_json, the path the batch falls back to.
//! - `batch/naive/10k`: the obvious implementation: answers parsed into
//!   `HashMap<String, u32>`, criteria looked up by string, totals only.
//! - `score/resolved_sheet/26-2026`: checking and summing one member sheet
//!   already resolved against its set (the form the batch reads into).
//! - `score/member_sheet/26-2026`: the same from a `MemberSheet` as parsed
//!   by serde, codes still strings (`CriteriaSet::sheet_points`).
//! - `council/evaluation/parsed`: a whole parsed evaluation to a scorecard.
//! - `plan/<edition>/<set>`: `Catalog::plan` towards the next star on 8
//!   generated evaluations of the set (councils of 5 to 11); divide by 8
//!   for one plan.
//! - `council/members/10k` and `council/members/20k`: one evaluation of
//!   10,000 and 20,000 identical members (raised `max_members`): the time
//!   should double, not quadruple.
//!
//! Every bench checks its result inside the loop, so a fast wrong path fails.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ocop::{BatchScorer, Catalog, Evaluation, generate::Generator};

const LINES: usize = 10_000;

fn input() -> String {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let mut g = Generator::new(ed, 2026).unwrap();
    let mut s = String::new();
    for _ in 0..LINES {
        g.write_next(&mut s);
        s.push('\n');
    }
    s
}

/// The naive scorer's tables: set id → criterion code → option points.
fn naive_tables() -> HashMap<String, HashMap<String, Vec<u32>>> {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    ed.sets()
        .map(|s| {
            let crits = s
                .sheet()
                .criteria()
                .filter(|(_, _, c)| !c.header)
                .map(|(_, _, c)| {
                    let pts = if c.yes_no {
                        vec![0, c.max]
                    } else {
                        c.options.iter().map(|o| o.points).collect()
                    };
                    (c.code.clone(), pts)
                })
                .collect();
            (s.id().to_owned(), crits)
        })
        .collect()
}

#[derive(serde::Deserialize)]
struct NaiveEval {
    set: String,
    members: Vec<NaiveMember>,
}

#[derive(serde::Deserialize)]
struct NaiveMember {
    answers: HashMap<String, serde_json::Value>,
}

fn naive(
    input: &str,
    tables: &HashMap<String, HashMap<String, Vec<u32>>>,
) -> u64 {
    let mut sum = 0u64;
    for line in input.lines() {
        let ev: NaiveEval = serde_json::from_str(line).unwrap();
        let t = &tables[&ev.set];
        for m in &ev.members {
            for (code, a) in &m.answers {
                let pts = &t[code];
                let i = match a {
                    serde_json::Value::Bool(b) => usize::from(*b),
                    v => v.as_u64().unwrap() as usize - 1,
                };
                sum += u64::from(pts[i]);
            }
        }
    }
    sum
}

fn benches(c: &mut Criterion) {
    let input = input();
    let bytes = input.len() as u64;
    let catalog = Catalog::official();

    // The expected results, computed once outside the timed loops.
    let mut reference = Vec::new();
    let stats = BatchScorer::new(catalog)
        .threads(1)
        .run(input.as_bytes(), &mut reference)
        .unwrap();
    assert_eq!(stats.scored as usize, LINES);
    let tables = naive_tables();
    let naive_sum = naive(&input, &tables);

    let mut g = c.benchmark_group("jsonl");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("parse/ignored_any/10k", |b| {
        b.iter(|| {
            let mut n = 0;
            for line in black_box(&input).lines() {
                serde_json::from_str::<serde::de::IgnoredAny>(line).unwrap();
                n += 1;
            }
            assert_eq!(n, LINES);
        })
    });
    for (name, threads, points) in [
        ("batch/jsonl/10k", 1, false),
        ("batch/jsonl-points/10k", 1, true),
        ("batch/jsonl-2-threads/10k", 2, false),
    ] {
        g.bench_function(name, |b| {
            let scorer =
                BatchScorer::new(catalog).threads(threads).points(points);
            let mut out = Vec::with_capacity(2 * input.len());
            b.iter(|| {
                out.clear();
                let s =
                    scorer.run(black_box(input.as_bytes()), &mut out).unwrap();
                assert_eq!(s.scored as usize, LINES);
            });
            if !points {
                assert_eq!(out, reference);
            }
        });
    }
    g.bench_function("batch/for-each/10k", |b| {
        let scorer = BatchScorer::new(catalog).threads(1);
        b.iter(|| {
            let mut stars = [0u64; 6];
            let s = scorer
                .for_each(black_box(input.as_bytes()), |_, r| {
                    let card = r.unwrap();
                    stars[usize::from(card.rating.stars.unwrap_or(0))] += 1;
                })
                .unwrap();
            assert_eq!(s.scored as usize, LINES);
            assert_eq!(stars.iter().sum::<u64>() as usize, LINES);
        });
    });
    g.bench_function("batch/run-then-parse/10k", |b| {
        let scorer = BatchScorer::new(catalog).threads(1);
        let mut out = Vec::with_capacity(2 * input.len());
        b.iter(|| {
            out.clear();
            scorer.run(black_box(input.as_bytes()), &mut out).unwrap();
            let mut n = 0;
            for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let card: ocop::Scorecard =
                    serde_json::from_slice(line).unwrap();
                n += usize::from(card.rating.stars.is_some());
            }
            assert!(n <= LINES);
        });
    });
    g.bench_function("batch/general-path/10k", |b| {
        let mut out = Vec::with_capacity(2 * input.len());
        b.iter(|| {
            out.clear();
            for line in black_box(&input).lines() {
                let ev = Evaluation::from_json(line).unwrap();
                let card = catalog.score(&ev).unwrap();
                serde_json::to_writer(&mut out, &card).unwrap();
                out.push(b'\n');
            }
        });
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), LINES);
    });
    g.bench_function("batch/naive/10k", |b| {
        b.iter(|| assert_eq!(naive(black_box(&input), &tables), naive_sum))
    });
    g.finish();

    let line = input.lines().next().unwrap();
    let ev = Evaluation::from_json(line).unwrap();
    let set = catalog.edition("qd26-2026").unwrap().set(&ev.set).unwrap();
    let want = set.sheet_points(&ev.members[0]).unwrap();
    let resolved = set.resolve(&ev.members[0]).unwrap();
    c.bench_function("score/resolved_sheet/26-2026", |b| {
        b.iter(|| assert_eq!(black_box(&resolved).points().unwrap(), want))
    });
    c.bench_function("score/member_sheet/26-2026", |b| {
        b.iter(|| {
            assert_eq!(
                set.sheet_points(black_box(&ev.members[0])).unwrap(),
                want
            )
        })
    });
    let card = catalog.score(&ev).unwrap();
    c.bench_function("council/evaluation/parsed", |b| {
        b.iter(|| {
            assert_eq!(catalog.score(black_box(&ev)).unwrap().mean, card.mean)
        })
    });
}

/// One evaluation of `n` copies of a member sheet.
fn council_of(n: usize) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(ocop::samples::EVALUATION_2026).unwrap();
    let one = v["members"][0].clone();
    v["members"] = (0..n)
        .map(|i| {
            let mut m = one.clone();
            m["member"] = format!("m{i}").into();
            m
        })
        .collect();
    v.to_string()
}

fn large_councils(c: &mut Criterion) {
    let catalog = Catalog::official();
    let opts =
        ocop::ScoreOptions { max_members: 20_000, ..Default::default() };
    let mut g = c.benchmark_group("council/members");
    g.sample_size(10);
    for n in [10_000, 20_000] {
        let text = council_of(n);
        let ev = Evaluation::from_json(&text).unwrap();
        g.bench_function(format!("{}k", n / 1000), |b| {
            b.iter(|| {
                let card = catalog.score_with(black_box(&ev), &opts).unwrap();
                assert_eq!(card.members.len(), n);
            })
        });
    }
    g.finish();
}

fn plans(c: &mut Criterion) {
    let catalog = Catalog::official();
    let mut g = c.benchmark_group("plan");
    g.sample_size(10);
    g.warm_up_time(std::time::Duration::from_millis(300));
    g.measurement_time(std::time::Duration::from_secs(1));
    g.throughput(Throughput::Elements(8));
    for (edition, inferred) in [("qd26-2026", false), ("qd1048-781", true)] {
        let opts = ocop::advice::PlanOptions {
            score: ocop::ScoreOptions { inferred, ..Default::default() },
            ..Default::default()
        };
        for set in catalog.edition(edition).unwrap().sets() {
            let mut g8 = Generator::for_set(set, 8);
            let evs: Vec<_> = (0..8).map(|_| g8.next_evaluation()).collect();
            let want: Vec<_> =
                evs.iter().map(|e| catalog.plan(e, &opts).unwrap()).collect();
            g.bench_function(format!("{edition}/{}", set.id()), |b| {
                b.iter(|| {
                    for (e, w) in evs.iter().zip(&want) {
                        let p = catalog.plan(black_box(e), &opts).unwrap();
                        assert_eq!(p.changes, w.changes);
                    }
                })
            });
        }
    }
    g.finish();
}

criterion_group!(score, benches, large_councils, plans);
criterion_main!(score);
