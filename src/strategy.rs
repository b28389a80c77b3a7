//! Proptest strategies for evaluations of a set (feature `proptest`).
//!
//! For the test suites of other scorers that use `ocop` as the reference:
//! generate evaluations that are valid by construction, score them with
//! both, and compare. The validity rules of a sheet are the library's, so
//! a test need not restate them:
//!
//! - headers (criteria that only group sub-criteria) are never answered;
//! - a yes/no criterion gets `true` or `false`, any other criterion an
//!   option position;
//! - an option whose points cannot be read in the source is never chosen;
//! - "Chỉ áp dụng khi có câu chuyện" is honoured: a criterion with
//!   `applies_if` is answered exactly when the member's own answer to the
//!   named criterion makes it apply;
//! - on a two-case criterion ("Lựa chọn một trong hai trường hợp") each
//!   member answers within one case.
//!
//! Councils have 1 to 11 members named `m1`, `m2`, ...; the evaluation
//! names its set and edition and may carry a `date` inside the edition's
//! period. Values shrink towards fewer members and lower options (option
//! 1, `false`), so a failing case is small and readable.
//!
//! [`invalid_evaluation`] breaks one rule of a valid evaluation and says
//! which error kind [`Catalog::score`](crate::Catalog::score) must give.
//!
//! # Example
//!
//! ```
//! use ocop::{Catalog, strategy};
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! let catalog = Catalog::official();
//! let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
//! TestRunner::default()
//!     .run(&strategy::evaluation(set), |ev| {
//!         let card = catalog.score(&ev).unwrap();
//!         prop_assert!(card.mean.total <= 100.into());
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use proptest::prelude::*;

use crate::catalog::CriteriaSet;
use crate::date::Date;
use crate::evaluation::{Answer, Evaluation, MemberSheet, Text};

/// What a strategy needs to know of one answerable criterion.
#[derive(Debug, Clone)]
struct Leaf {
    code: String,
    yes_no: bool,
    /// The readable options (1-based positions) of each case, in printed
    /// order; one list when the criterion has no cases.
    cases: Vec<Vec<u64>>,
    /// The leaf whose answer decides whether this one applies, and the
    /// positions under which it does.
    applies_if: Option<(usize, Vec<u64>)>,
}

/// A set's answerable criteria, owned, so strategies need not borrow it.
#[derive(Debug, Clone)]
struct Shape {
    set: String,
    edition: String,
    leaves: Vec<Leaf>,
    /// Days from the edition's first day that its period lasts.
    period: Option<(Date, i64)>,
}

fn shape(set: &CriteriaSet) -> Shape {
    let sheet = set.sheet();
    let codes: Vec<&str> = sheet
        .criteria()
        .filter(|(_, _, c)| !c.header)
        .map(|(_, _, c)| c.code.as_str())
        .collect();
    let leaves = sheet
        .criteria()
        .filter(|(_, _, c)| !c.header)
        .map(|(_, _, c)| {
            let readable = |case: Option<u32>| {
                c.options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.unreadable.is_none() && o.case == case)
                    .map(|(i, _)| i as u64 + 1)
                    .collect::<Vec<_>>()
            };
            let cases = if c.yes_no {
                vec![vec![0, 1]]
            } else if c.cases.is_empty() {
                vec![readable(None)]
            } else {
                (1..=c.cases.len() as u32)
                    .map(|k| readable(Some(k)))
                    .filter(|o| !o.is_empty())
                    .collect()
            };
            let applies_if = c.applies_if.as_ref().and_then(|a| {
                let t = codes.iter().position(|x| *x == a.criterion)?;
                Some((t, a.options.iter().map(|&o| u64::from(o)).collect()))
            });
            Leaf { code: c.code.clone(), yes_no: c.yes_no, cases, applies_if }
        })
        .collect();
    // An edition in force now is given three years.
    let period = match set.in_force() {
        (Some(from), until) => {
            let until = until.unwrap_or(from.add_days(3 * 365));
            Some((from, until.days_since(from).max(0)))
        }
        (None, _) => None,
    };
    Shape {
        set: set.id().to_owned(),
        edition: set.edition().to_owned(),
        leaves,
        period,
    }
}

/// One member's picks: per leaf, a case and an option within it. Both
/// shrink towards 0, the first case and the lowest option.
fn picks(shape: &Shape) -> impl Strategy<Value = Vec<(usize, usize)>> + use<> {
    shape
        .leaves
        .iter()
        .map(|l| {
            let n = l.cases.len().max(1);
            let widest = l.cases.iter().map(Vec::len).max().unwrap_or(1);
            (0..n, 0..widest.max(1))
        })
        .collect::<Vec<_>>()
}

/// Turns picks into a sheet's answers, leaving out what does not apply.
fn answers(
    shape: &Shape,
    picks: &[(usize, usize)],
) -> Vec<(Text<'static>, Answer)> {
    let mut chosen: Vec<Option<u64>> = vec![None; shape.leaves.len()];
    let mut out = Vec::new();
    for (i, (l, &(case, opt))) in shape.leaves.iter().zip(picks).enumerate() {
        if let Some((t, allowed)) = &l.applies_if {
            if !chosen[*t].is_some_and(|c| allowed.contains(&c)) {
                continue;
            }
        }
        let options = &l.cases[case % l.cases.len()];
        let Some(&pos) = options.get(opt % options.len().max(1)) else {
            continue;
        };
        chosen[i] = Some(pos);
        let answer =
            if l.yes_no { Answer::Met(pos == 1) } else { Answer::Option(pos) };
        out.push((Text::from(l.code.clone()), answer));
    }
    out
}

/// One member's sheet of `set`, valid by construction, named `m1`.
///
/// ```
/// use ocop::{Catalog, strategy};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let set = Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
/// let sheet = strategy::member_sheet(set)
///     .new_tree(&mut TestRunner::deterministic())
///     .unwrap()
///     .current();
/// assert!(set.sheet_points(&sheet).is_ok());
/// ```
pub fn member_sheet(
    set: &CriteriaSet,
) -> impl Strategy<Value = MemberSheet<'static>> + use<> {
    let shape = shape(set);
    picks(&shape)
        .prop_map(move |p| MemberSheet::new("m1", answers(&shape, &p)))
}

/// An evaluation of `set` by a council of 1 to 11 members, valid by
/// construction (see the module docs). Score an inferred set's
/// evaluations with inferred data, and a weak-source set's with weak
/// sources.
///
/// ```
/// use ocop::{Catalog, strategy};
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let catalog = Catalog::official();
/// let set = catalog.edition("qd1048-781").unwrap().set("che-tuoi-che-bien").unwrap();
/// let mut runner = TestRunner::deterministic();
/// for _ in 0..20 {
///     let ev = strategy::evaluation(set).new_tree(&mut runner).unwrap().current();
///     assert!((1..=11).contains(&ev.members.len()));
///     assert!(catalog.check(&ev).is_empty());
/// }
/// ```
pub fn evaluation(
    set: &CriteriaSet,
) -> impl Strategy<Value = Evaluation<'static>> + use<> {
    let shape = shape(set);
    let member = picks(&shape);
    let days = shape.period.map_or(0, |(_, d)| d);
    (prop::collection::vec(member, 1..=11), prop::option::of(0..=days))
        .prop_map(move |(members, day)| build(&shape, &members, day))
}

fn build(
    shape: &Shape,
    members: &[Vec<(usize, usize)>],
    day: Option<i64>,
) -> Evaluation<'static> {
    let date = day
        .zip(shape.period)
        .map(|(d, (from, _))| Text::from(from.add_days(d).to_string()));
    Evaluation {
        id: Some(Text::from(format!("{}-test", shape.set))),
        edition: Some(Text::from(shape.edition.clone())),
        set: Text::from(shape.set.clone()),
        date,
        members: members
            .iter()
            .enumerate()
            .map(|(i, p)| {
                MemberSheet::new(format!("m{}", i + 1), answers(shape, p))
            })
            .collect(),
        ..Evaluation::default()
    }
}

/// The ways [`invalid_evaluation`] breaks an evaluation, by the error
/// kind each must give.
const BREAKS: &[&str] = &[
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
    "unknown_edition",
    "invalid_date",
    "no_edition",
];

/// An evaluation of `set` that breaks exactly one rule, paired with the
/// `kind` tag of the error [`Catalog::score`](crate::Catalog::score) must
/// give for it (see [`Error::tag`](crate::Error::tag)). Kinds a set cannot
/// give (`not_applicable` without a conditional criterion) are not drawn
/// for it.
///
/// ```
/// use ocop::{Catalog, strategy};
/// use proptest::prelude::*;
/// use proptest::test_runner::TestRunner;
///
/// let catalog = Catalog::official();
/// let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
/// TestRunner::default()
///     .run(&strategy::invalid_evaluation(set), |(ev, tag)| {
///         prop_assert_eq!(catalog.score(&ev).unwrap_err().tag(), tag);
///         Ok(())
///     })
///     .unwrap();
/// ```
pub fn invalid_evaluation(
    set: &CriteriaSet,
) -> impl Strategy<Value = (Evaluation<'static>, &'static str)> + use<> {
    let shape = shape(set);
    // Of an edition that lacks tables, an unknown set is a missing table.
    let missing = set.edition_tables().missing_some();
    let kinds: Vec<&'static str> = BREAKS
        .iter()
        .copied()
        .filter(|k| *k != "not_applicable" || has_story(&shape))
        .collect();
    let member = picks(&shape);
    let days = shape.period.map_or(0, |(_, d)| d);
    (
        prop::collection::vec(member, 1..=11),
        prop::option::of(0..=days),
        prop::sample::select(kinds),
        any::<prop::sample::Index>(),
    )
        .prop_map(move |(members, day, kind, at)| {
            let mut ev = build(&shape, &members, day);
            break_one(&shape, &mut ev, kind, at);
            match kind {
                "unknown_set" if missing => (ev, "tables_not_bundled"),
                _ => (ev, kind),
            }
        })
}

/// Whether the set has a criterion whose condition can be false.
fn has_story(shape: &Shape) -> bool {
    shape.leaves.iter().any(|l| {
        l.applies_if.as_ref().is_some_and(|(t, allowed)| {
            shape.leaves[*t]
                .cases
                .iter()
                .flatten()
                .any(|o| !allowed.contains(o))
        })
    })
}

/// Breaks one rule of a valid evaluation so that `kind` is the error.
fn break_one(
    shape: &Shape,
    ev: &mut Evaluation<'static>,
    kind: &str,
    at: prop::sample::Index,
) {
    let m = at.index(ev.members.len());
    // An always-applicable criterion no other one depends on, so that
    // changing it breaks nothing else.
    let plain: Vec<usize> = (0..shape.leaves.len())
        .filter(|&i| {
            shape.leaves[i].applies_if.is_none()
                && !shape.leaves.iter().any(|l| {
                    l.applies_if.as_ref().is_some_and(|(t, _)| *t == i)
                })
        })
        .collect();
    let leaf = match plain.get(at.index(plain.len().max(1))) {
        Some(&i) => &shape.leaves[i],
        None => &shape.leaves[0],
    };
    let sheet = &mut ev.members[m];
    let slot = sheet.answers.iter().position(|(c, _)| **c == *leaf.code);
    match kind {
        "unknown_criterion" => {
            sheet.answers.push(("no-such-code".into(), Answer::Option(1)))
        }
        "missing_answer" => {
            if let Some(i) = slot {
                sheet.answers.remove(i);
            }
        }
        "duplicate_answer" => {
            if let Some(i) = slot {
                let copy = sheet.answers[i].clone();
                sheet.answers.push(copy);
            }
        }
        "option_out_of_range" => {
            // A criterion with options: its count plus one.
            let l = shape.leaves.iter().find(|l| !l.yes_no).unwrap_or(leaf);
            let n = l.cases.iter().flatten().max().copied().unwrap_or(1);
            set_answer(sheet, &l.code, Answer::Option(n + 64));
        }
        "invalid_answer" => {
            let a = if leaf.yes_no {
                Answer::Option(1)
            } else {
                Answer::Met(true)
            };
            set_answer(sheet, &leaf.code, a);
        }
        "not_applicable" => {
            // A member with no story who answers a criterion that needs one.
            let (i, l) = shape
                .leaves
                .iter()
                .enumerate()
                .find(|(_, l)| l.applies_if.is_some())
                .expect("drawn only for sets with a conditional criterion");
            let (t, allowed) = l.applies_if.as_ref().unwrap();
            let target = &shape.leaves[*t];
            let off =
                target.cases.iter().flatten().find(|o| !allowed.contains(o));
            set_answer(sheet, &target.code, Answer::Option(*off.unwrap()));
            // Drop what the new answer switches off, then add one back.
            sheet.answers.retain(|(c, _)| {
                shape.leaves.iter().all(|d| {
                    d.code != **c
                        || d.applies_if.as_ref().is_none_or(|(dt, _)| dt != t)
                })
            });
            let first = shape.leaves[i].cases[0][0];
            let a = if shape.leaves[i].yes_no {
                Answer::Met(false)
            } else {
                Answer::Option(first)
            };
            sheet.answers.push((shape.leaves[i].code.clone().into(), a));
        }
        "empty_council" => ev.members.clear(),
        "duplicate_member" => {
            let copy = ev.members[m].clone();
            ev.members.push(copy);
        }
        "wrong_set" => ev.members[m].set = Some("no-such-set".into()),
        "unknown_knockout" => ev.knockouts.push("no-such-knockout".into()),
        "unknown_set" => ev.set = "no-such-set".into(),
        "unknown_edition" => ev.edition = Some("no-such-edition".into()),
        "invalid_date" => {
            ev.edition = None;
            ev.date = Some("2021-02-30".into());
        }
        "no_edition" => {
            ev.edition = None;
            ev.date = None;
        }
        _ => {}
    }
}

fn set_answer(sheet: &mut MemberSheet<'static>, code: &str, a: Answer) {
    sheet.answers.retain(|(c, _)| &**c != code);
    sheet.answers.push((code.to_owned().into(), a));
}
