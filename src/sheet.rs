//! One member's sheet: answers resolved against a set, checked and summed.
//!
//! Resolving checks what can be checked answer by answer: the criterion
//! exists and is answerable, it is answered once, the option is on the
//! sheet (or a boolean for a yes/no criterion). Tallying checks the sheet
//! as a whole, in printed order: every criterion that applies is answered,
//! nothing that does not apply is, no unreadable option is chosen; and it
//! sums the points per criterion, section and part.
//!
//! "Chỉ áp dụng khi có câu chuyện" lives here ([`applies`]): a criterion
//! with `applies_if` applies to a member only when that member's own answer
//! to the named criterion is one of the listed options. In 1048/781 it is
//! printed on 5.2 and 5.3; in 26/2026 on 5.2 only, so 5.3 is always
//! answered there.
//!
//! Both steps report problems to a sink, which decides whether to go on:
//! scoring stops at the first, [`Catalog::check`](crate::Catalog::check)
//! lists them all, and the order is the same for both.

use crate::catalog::CriteriaSet;
use crate::compiled::{Compiled, Leaf, UNREADABLE};
use crate::criteria::PartPoints;
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{Answer, MemberSheet, Text};

/// No option chosen.
pub(crate) const NONE: u8 = u8::MAX;

/// An answer that was given but could not be resolved (already reported):
/// neither missing nor scored.
pub(crate) const BAD: u8 = u8::MAX - 1;

/// Receives a problem; returns whether to go on looking for more.
pub(crate) trait Sink {
    fn report(&mut self, e: Error) -> bool;
}

/// Keeps the first problem and stops.
#[derive(Default)]
pub(crate) struct First(pub Option<Error>);

impl Sink for First {
    #[inline]
    fn report(&mut self, e: Error) -> bool {
        self.0.get_or_insert(e);
        false
    }
}

impl First {
    pub fn into_result<T>(self, ok: T) -> Result<T> {
        match self.0 {
            Some(e) => Err(e),
            None => Ok(ok),
        }
    }
}

/// Collects every problem.
#[derive(Default)]
pub(crate) struct All(pub Vec<Error>);

impl Sink for All {
    fn report(&mut self, e: Error) -> bool {
        // Two members of one name give word-for-word the same problem;
        // the list names each problem once.
        if !self.0.contains(&e) {
            self.0.push(e);
        }
        true
    }
}

/// One member's answers resolved against a set: the option chosen on each
/// criterion, ready to be summed.
///
/// Resolving checks what can be checked answer by answer (the criterion
/// exists, is answered once, the option is in range); [`points`] checks
/// the sheet as a whole and sums it. Scoring many sheets of one set, or
/// one sheet many times, resolves once and sums cheaply.
///
/// [`points`]: ResolvedSheet::points
///
/// # Example
///
/// ```
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set(&ev.set).unwrap();
/// let sheet = set.resolve(&ev.members[0])?;
/// assert_eq!(sheet.points()?.total(), 75);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ResolvedSheet<'s> {
    set: &'s CriteriaSet,
    member: String,
    /// Chosen option per leaf (0-based), or `NONE`.
    choice: Vec<u8>,
}

impl ResolvedSheet<'_> {
    /// The member.
    pub fn member(&self) -> &str {
        &self.member
    }

    /// Checks that every applicable criterion is answered and nothing else
    /// is, and sums the points per part.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingAnswer`], [`ErrorKind::NotApplicable`],
    /// [`ErrorKind::UnreadablePoints`].
    pub fn points(&self) -> Result<PartPoints> {
        let c = self.set.compiled(false);
        let mut first = First::default();
        let parts = tally(
            self.set,
            c,
            &self.member,
            &self.choice,
            &mut first,
            |_, _| {},
        );
        first.into_result(parts)
    }
}

impl CriteriaSet {
    /// Resolves one member's sheet against this set (official data, no
    /// inferred corrections).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCriterion`], [`ErrorKind::DuplicateAnswer`],
    /// [`ErrorKind::OptionOutOfRange`], [`ErrorKind::InvalidAnswer`].
    ///
    /// # Example
    ///
    /// ```
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// let err = set.resolve(&ocop::MemberSheet::new("m1", [("1.1", 9u64)])).unwrap_err();
    /// assert!(matches!(err.kind(), ocop::ErrorKind::OptionOutOfRange { .. }));
    /// ```
    pub fn resolve(
        &self,
        sheet: &MemberSheet<'_>,
    ) -> Result<ResolvedSheet<'_>> {
        let c = self.compiled(false);
        let mut choice = vec![NONE; c.leaves.len()];
        let mut first = First::default();
        resolve(
            self,
            c,
            &sheet.member,
            &sheet.answers,
            &mut choice,
            &mut first,
        );
        first.into_result(ResolvedSheet {
            set: self,
            member: sheet.member.to_string(),
            choice,
        })
    }

    /// Checks one member's sheet against this set and returns its part
    /// points, without building a scorecard: the fast path for callers
    /// that need only totals. Inferred data is not used.
    ///
    /// # Errors
    ///
    /// The sheet errors of [`Catalog::score_with`](crate::Catalog::score_with):
    /// [`ErrorKind::UnknownCriterion`], [`ErrorKind::MissingAnswer`],
    /// [`ErrorKind::DuplicateAnswer`], [`ErrorKind::OptionOutOfRange`],
    /// [`ErrorKind::InvalidAnswer`], [`ErrorKind::NotApplicable`],
    /// [`ErrorKind::UnreadablePoints`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set(&ev.set).unwrap();
    /// assert_eq!(set.sheet_points(&ev.members[0])?.total(), 75);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn sheet_points(&self, sheet: &MemberSheet<'_>) -> Result<PartPoints> {
        let c = self.compiled(false);
        let mut stack = [NONE; 128];
        let mut heap = Vec::new();
        let choice = if c.leaves.len() <= stack.len() {
            &mut stack[..c.leaves.len()]
        } else {
            heap.resize(c.leaves.len(), NONE);
            &mut heap[..]
        };
        let mut first = First::default();
        if resolve(self, c, &sheet.member, &sheet.answers, choice, &mut first)
        {
            let parts =
                tally(self, c, &sheet.member, choice, &mut first, |_, _| {});
            return first.into_result(parts);
        }
        first.into_result(PartPoints { a: 0, b: 0, c: 0 })
    }
}

/// Resolves written answers into `choice` (`NONE`-filled, one slot per
/// leaf): each code to its leaf, each answer to a 0-based option. A bad
/// answer is reported and its slot marked `BAD`. Returns whether the sink
/// wants to go on.
pub(crate) fn resolve(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    answers: &[(Text<'_>, Answer)],
    choice: &mut [u8],
    sink: &mut impl Sink,
) -> bool {
    let mut hint = 0;
    for (code, answer) in answers {
        let Some(leaf) = c.find(code.as_bytes(), hint) else {
            if !sink.report(unknown_criterion(set, member, code)) {
                return false;
            }
            continue;
        };
        hint = leaf + 1;
        if choice[leaf] != NONE {
            let e = ErrorKind::DuplicateAnswer {
                member: member.to_owned(),
                criterion: code.to_string(),
            };
            if !sink.report(e.into()) {
                return false;
            }
            continue;
        }
        let l = &c.leaves[leaf];
        let chosen = match answer {
            Answer::Option(n) => l.option(*n),
            Answer::Met(b) => l.met(*b),
            Answer::Invalid(_) => None,
        };
        choice[leaf] = match chosen {
            Some(ch) => ch,
            None => {
                if !sink.report(answer_error(l, member, code, answer)) {
                    return false;
                }
                BAD
            }
        };
    }
    true
}

#[cold]
fn answer_error(l: &Leaf, member: &str, code: &str, answer: &Answer) -> Error {
    if let (Answer::Option(n), false) = (answer, l.yes_no) {
        return ErrorKind::OptionOutOfRange {
            member: member.to_owned(),
            criterion: code.to_owned(),
            option: *n,
            options: usize::from(l.options),
        }
        .into();
    }
    let expected = if l.yes_no {
        "true or false (a yes/no criterion)".to_owned()
    } else {
        format!("an option position from 1 to {}", l.options)
    };
    ErrorKind::InvalidAnswer {
        member: member.to_owned(),
        criterion: code.to_owned(),
        found: answer.to_string(),
        expected,
    }
    .into()
}

/// [`tally`], adding the member's points into the council's `sums` per
/// leaf and, given `detail`, pushing them per leaf and adding them per
/// section.
pub(crate) fn tally_member(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    sums: &mut [u64],
    detail: Option<(&mut Vec<Option<u8>>, &mut [u32])>,
    sink: &mut impl Sink,
) -> PartPoints {
    match detail {
        None => tally(set, c, member, choice, sink, |leaf, p| {
            sums[leaf] += u64::from(p.unwrap_or(0));
        }),
        Some((points, sections)) => {
            tally(set, c, member, choice, sink, |leaf, p| {
                if let Some(p) = p {
                    sums[leaf] += u64::from(p);
                    sections[usize::from(c.leaves[leaf].section)] +=
                        u32::from(p);
                }
                points.push(p);
            })
        }
    }
}

/// Checks a resolved sheet as a whole and sums it, reporting each leaf's
/// points (`None` where it does not apply) to `visit` in printed order.
/// Problems go to `sink`; the points returned are then incomplete.
pub(crate) fn tally(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    sink: &mut impl Sink,
    mut visit: impl FnMut(usize, Option<u8>),
) -> PartPoints {
    let mut parts = [0u32; 3];
    for (i, (l, &ch)) in c.leaves.iter().zip(choice).enumerate() {
        let p = if ch >= BAD { UNREADABLE } else { c.points(i, ch) };
        let applies = applies(l, choice);
        if applies && p != UNREADABLE {
            parts[l.part as usize] += u32::from(p);
            visit(i, Some(p));
        } else if !applies && ch == NONE {
            visit(i, None);
        } else if ch == BAD || undecided(l, choice) {
            // Reported when resolved, or hanging on an answer that was.
            visit(i, None);
        } else if !sink.report(sheet_error(set, c, member, choice, i)) {
            break;
        }
    }
    PartPoints { a: parts[0], b: parts[1], c: parts[2] }
}

/// Whether a leaf applies: "Chỉ áp dụng khi có câu chuyện" is decided by
/// the member's own answer to the criterion its `applies_if` names.
#[inline]
pub(crate) fn applies(l: &Leaf, choice: &[u8]) -> bool {
    l.applies_if.is_none_or(|(t, _)| applies_given(l, choice[t as usize]))
}

/// Whether a leaf applies when the criterion it hangs on is answered
/// `head` (a 0-based option, or `NONE`): the rule of [`applies`] for a
/// planner trying answers.
#[inline]
pub(crate) fn applies_given(l: &Leaf, head: u8) -> bool {
    l.applies_if.is_none_or(|(_, mask)| head < BAD && mask & (1 << head) != 0)
}

/// The answer that chooses option `o` (0-based) of a leaf: the inverse of
/// [`Leaf::option`] and [`Leaf::met`].
pub(crate) fn answer_of(l: &Leaf, o: u8) -> Answer {
    if l.yes_no {
        Answer::Met(o == 1)
    } else {
        Answer::Option(u64::from(o) + 1)
    }
}

/// Whether a leaf's applicability hangs on an answer that could not be
/// read, so that nothing can be said of it.
fn undecided(l: &Leaf, choice: &[u8]) -> bool {
    l.applies_if.is_some_and(|(t, _)| choice[t as usize] == BAD)
}

/// The error for leaf `i`, which [`tally`] found answered when it does not
/// apply, unanswered when it does, or answered with unreadable points.
#[cold]
fn sheet_error(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    i: usize,
) -> Error {
    let l = &c.leaves[i];
    let code = &c.codes.leaves[i];
    let ch = choice[i];
    let criterion = set.sheet().criterion(code);
    if let (Some((t, _)), false) =
        (l.applies_if, ch == NONE || applies(l, choice))
    {
        let dep = &c.codes.leaves[t as usize];
        let reason = match choice[t as usize] {
            NONE => format!("it applies only when {dep} is answered"),
            x => format!(
                "it applies only when the product has a story, and the answer to {dep} \
                 is option {} (\"Chỉ áp dụng khi có câu chuyện\")",
                x + 1
            ),
        };
        return ErrorKind::NotApplicable {
            member: member.to_owned(),
            criterion: code.to_string(),
            reason,
        }
        .into();
    }
    if ch == NONE {
        return ErrorKind::MissingAnswer {
            member: member.to_owned(),
            criterion: code.to_string(),
            title: c.titles[i].to_string(),
        }
        .into();
    }
    let opt = criterion.and_then(|x| x.options.get(usize::from(ch)));
    ErrorKind::UnreadablePoints {
        member: member.to_owned(),
        criterion: code.to_string(),
        option: ch + 1,
        printed: opt.and_then(|o| o.unreadable.clone()).unwrap_or_default(),
    }
    .into()
}

#[cold]
fn unknown_criterion(
    set: &CriteriaSet,
    member: &str,
    code: &Text<'_>,
) -> Error {
    let sheet = set.sheet();
    let hint = match sheet.criterion(code) {
        Some(h) if h.header => {
            let kids: Vec<&str> = sheet
                .criteria()
                .filter(|(_, _, k)| k.parent.as_deref() == Some(&**code))
                .map(|(_, _, k)| k.code.as_str())
                .collect();
            Some(format!(
                " as an answerable criterion: it groups {}; answer those instead",
                kids.join(", ")
            ))
        }
        _ => None,
    };
    ErrorKind::UnknownCriterion {
        member: member.to_owned(),
        criterion: code.to_string(),
        set: set.id().to_owned(),
        hint,
    }
    .into()
}
