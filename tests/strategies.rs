//! The exported proptest strategies (feature `proptest`): valid
//! evaluations of every bundled set score, and each broken one gives the
//! error it names.

use std::collections::BTreeSet;

use ocop::criteria::SetStatus;
use ocop::{Catalog, ScoreOptions, strategy};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};

/// Every bundled set of every edition, with the options to score it.
fn sets() -> Vec<(&'static ocop::CriteriaSet, ScoreOptions)> {
    let mut out = Vec::new();
    for ed in Catalog::official().editions() {
        for set in ed.sets() {
            let status = set.sheet().status;
            out.push((
                set,
                ScoreOptions {
                    inferred: status == SetStatus::Inferred,
                    weak_sources: status == SetStatus::WeakSource,
                    ..Default::default()
                },
            ));
        }
    }
    assert!(out.len() > 70, "{}", out.len());
    out
}

#[test]
fn valid_evaluations_of_every_set_score() {
    let catalog = Catalog::official();
    for (set, opts) in sets() {
        let mut runner = TestRunner::new(Config {
            cases: 24,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy::evaluation(set), |ev| {
                let problems = catalog.check_with(&ev, &opts);
                prop_assert!(
                    problems.is_empty(),
                    "{}: {problems:?}",
                    set.id()
                );
                let card = catalog.score_with(&ev, &opts).unwrap();
                prop_assert_eq!(&card.set, set.id());
                prop_assert!((1..=11).contains(&card.members.len()));
                if let Some(d) = &ev.date {
                    let d: ocop::Date = d.parse().unwrap();
                    let (from, until) = set.in_force();
                    prop_assert!(Some(d) >= from);
                    prop_assert!(until.is_none_or(|u| d <= u));
                }
                Ok(())
            })
            .unwrap();
    }
}

#[test]
fn member_sheets_resolve() {
    for (set, _) in
        sets().into_iter().filter(|(_, o)| !o.inferred && !o.weak_sources)
    {
        let mut runner = TestRunner::deterministic();
        for _ in 0..10 {
            let sheet = strategy::member_sheet(set)
                .new_tree(&mut runner)
                .unwrap()
                .current();
            set.sheet_points(&sheet).unwrap();
        }
    }
}

#[test]
fn invalid_evaluations_give_the_kind_they_name() {
    let catalog = Catalog::official();
    let mut seen = BTreeSet::new();
    for (set, opts) in sets() {
        let mut runner = TestRunner::new(Config {
            cases: 40,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy::invalid_evaluation(set), |(ev, tag)| {
                let err = catalog.score_with(&ev, &opts).unwrap_err();
                prop_assert_eq!(err.tag(), tag, "{}: {}", set.id(), err);
                Ok(())
            })
            .unwrap();
        let mut runner = TestRunner::deterministic();
        for _ in 0..200 {
            let (_, tag) = strategy::invalid_evaluation(set)
                .new_tree(&mut runner)
                .unwrap()
                .current();
            seen.insert(tag);
        }
    }
    let want: BTreeSet<&str> = [
        "unknown_criterion",
        "missing_answer",
        "duplicate_answer",
        "option_out_of_range",
        "invalid_answer",
        "not_applicable",
        "empty_council",
        "duplicate_member",
        "wrong_set",
        "unknown_knockout",
        "unknown_set",
        // An unknown set of 148, which ships one table of 26.
        "tables_not_bundled",
        "unknown_edition",
        "invalid_date",
        "no_edition",
    ]
    .into();
    assert_eq!(seen, want);
}

#[test]
fn values_shrink_to_one_member_at_the_lowest_options() {
    let set =
        Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    let mut runner = TestRunner::deterministic();
    let mut tree = strategy::evaluation(set).new_tree(&mut runner).unwrap();
    while tree.simplify() {}
    let ev = tree.current();
    assert_eq!(ev.members.len(), 1);
    for (code, a) in &ev.members[0].answers {
        let c = set.sheet().criterion(code).unwrap();
        let want = if c.yes_no {
            ocop::Answer::Met(false)
        } else {
            ocop::Answer::Option(1)
        };
        assert_eq!(*a, want, "{code}");
    }
}
