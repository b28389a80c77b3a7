//! Scoring an evaluation: the steps in order.
//!
//! 1. Place it: edition and set ([`crate::place`]).
//! 2. Check the council: members, each named once, not too many, and the
//!    knock-outs it asserts ([`crate::council`]).
//! 3. Resolve and tally each member's sheet ([`crate::sheet`]).
//! 4. The council's means, spread and star ([`crate::council`],
//!    [`crate::stars`]).
//!
//! [`Catalog::score`] stops at the first problem; [`Catalog::check`] goes
//! on and lists every one. Both run the one function below, so the first
//! problem `check` lists is the one `score` returns.

use crate::catalog::{Catalog, CriteriaSet};
use crate::compiled::Compiled;
use crate::council::{Decision, Tally, check_members, knockout_hits};
use crate::error::Error;
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::options::ScoreOptions;
use crate::place::{Placement, Placing};
use crate::scorecard::{MemberResult, Scorecard};
use crate::sheet::{self, All, First, NONE, Sink};

/// Per-call buffers, reused across evaluations by the batch scorer.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Chosen option per leaf (0-based), or `NONE`.
    choice: Vec<u8>,
    tally: Tally,
}

/// A scorecard from where an evaluation was placed, the tables it was
/// scored on, its members and the council's decision: the one assembly
/// that both the general and the fast path use.
pub(crate) fn scorecard(
    placement: &Placement<'_>,
    c: &Compiled,
    id: Option<String>,
    members: Vec<MemberResult>,
    decision: Decision,
    meta: serde_json::Map<String, serde_json::Value>,
) -> Scorecard {
    let Placement { edition, basis, set } = placement;
    let Decision { mean, spread, rating } = decision;
    Scorecard {
        id,
        edition: edition.id().to_owned(),
        edition_basis: *basis,
        set: set.id().to_owned(),
        set_name: set.name().to_owned(),
        fingerprint: c.fingerprint.clone(),
        provenance: c.provenance,
        inferred: c.inferred,
        members,
        mean,
        spread,
        rating,
        warnings: c.warnings.to_vec(),
        meta,
    }
}

impl Catalog {
    /// Scores an evaluation with default options.
    ///
    /// # Errors
    ///
    /// See [`Catalog::score_with`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let card = ocop::Catalog::official().score(&ev)?;
    /// assert_eq!(card.mean.total.to_string(), "74.33");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn score(&self, ev: &Evaluation<'_>) -> Result<Scorecard> {
        self.score_with(ev, &ScoreOptions::default())
    }

    /// Scores an evaluation.
    ///
    /// # Errors
    ///
    /// The first problem found, in this order (the order of
    /// [`Catalog::check_with`]):
    ///
    /// - Choosing the edition: [`ErrorKind::NoEdition`],
    ///   [`ErrorKind::InvalidDate`], [`ErrorKind::BeforeCriteria`],
    ///   [`ErrorKind::AmbiguousEdition`], [`ErrorKind::UnknownEdition`].
    /// - Choosing the set: [`ErrorKind::TablesNotBundled`],
    ///   [`ErrorKind::UnknownSet`], [`ErrorKind::InferredSet`].
    /// - The council: [`ErrorKind::EmptyCouncil`],
    ///   [`ErrorKind::TooManyMembers`], [`ErrorKind::DuplicateMember`].
    /// - Knock-outs: [`ErrorKind::UnknownKnockout`].
    /// - Each sheet in turn: [`ErrorKind::WrongSet`],
    ///   [`ErrorKind::TooManyAnswers`], then each answer as written
    ///   ([`ErrorKind::UnknownCriterion`], [`ErrorKind::DuplicateAnswer`],
    ///   [`ErrorKind::OptionOutOfRange`], [`ErrorKind::InvalidAnswer`]),
    ///   then each criterion in printed order
    ///   ([`ErrorKind::MissingAnswer`], [`ErrorKind::NotApplicable`],
    ///   [`ErrorKind::UnreadablePoints`]).
    ///
    /// Every error carries the evaluation's `id`.
    ///
    /// # Example
    ///
    /// ```
    /// let json = ocop::samples::EVALUATION_2026.replacen("\"edition\": \"qd26-2026\", ", "", 1);
    /// let ev = ocop::Evaluation::from_json(&json)?;
    /// // The date (2026-09-15) chooses 26/2026.
    /// let card = ocop::Catalog::official().score_with(&ev, &ocop::ScoreOptions::default())?;
    /// assert_eq!((card.edition.as_str(), card.edition_basis), ("qd26-2026", ocop::EditionBasis::Date));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn score_with(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<Scorecard> {
        self.score_inner(ev, opts, &mut Scratch::default())
    }

    pub(crate) fn score_inner(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
        scratch: &mut Scratch,
    ) -> Result<Scorecard> {
        let mut first = First::default();
        let card = self.evaluate(ev, opts, scratch, &mut first, None);
        match (card, first.0) {
            (_, Some(e)) => Err(e.for_product(ev.id.as_deref())),
            (Some((card, _)), None) => Ok(card),
            // evaluate yields a scorecard unless it reported a problem.
            (None, None) => Err(ErrorKind::EmptyCouncil.into()),
        }
    }

    /// Every problem of an evaluation, in one pass, with default options.
    ///
    /// See [`Catalog::check_with`].
    ///
    /// # Example
    ///
    /// ```
    /// let mut ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// ev.set_answer(Some("m1"), "1.1", ocop::Answer::Option(9))?;
    /// ev.set_answer(Some("m2"), "2.4", ocop::Answer::Option(1))?;
    /// let problems = ocop::Catalog::official().check(&ev);
    /// let tags: Vec<&str> = problems.iter().map(|e| e.tag()).collect();
    /// assert_eq!(tags, ["option_out_of_range", "invalid_answer"]);
    /// assert_eq!(ocop::Catalog::official().score(&ev).unwrap_err(), problems[0]);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn check(&self, ev: &Evaluation<'_>) -> Vec<Error> {
        self.check_with(ev, &ScoreOptions::default())
    }

    /// Every problem of an evaluation, in one pass: an unknown edition or
    /// set, then the council's problems, unknown knock-outs, and every
    /// member's problems (unknown, duplicate, out-of-range, invalid,
    /// missing and not-applicable answers). An empty list means
    /// [`Catalog::score_with`] succeeds, and otherwise the first problem
    /// listed is the error it returns.
    ///
    /// Some problems hide others: without an edition or a set there is no
    /// sheet to check against, and an evaluation with more members than
    /// [`ScoreOptions::max_members`] is not read further. A criterion
    /// whose answer cannot be read is reported once, not again as missing,
    /// and criteria that hang on it ("Chỉ áp dụng khi có câu chuyện") are
    /// not judged.
    pub fn check_with(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Vec<Error> {
        let mut all = All::default();
        self.evaluate(ev, opts, &mut Scratch::default(), &mut all, None);
        all.0.into_iter().map(|e| e.for_product(ev.id.as_deref())).collect()
    }

    /// The set a scorecard was scored on, if this catalog has it.
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let card = catalog.score(&ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?)?;
    /// assert_eq!(catalog.set_for(&card).unwrap().sheet().name, "Rau, củ, quả, hạt tươi");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn set_for(&self, card: &Scorecard) -> Option<&CriteriaSet> {
        self.edition(&card.edition)?.set(&card.set)
    }

    /// Scores an evaluation and hands back where it was placed and every
    /// member's resolved sheet (chosen option per leaf), for advice to
    /// work on without placing and resolving it again.
    pub(crate) fn score_resolved(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<(Scorecard, Placement<'_>, Vec<Vec<u8>>)> {
        let mut first = First::default();
        let mut sheets = Vec::with_capacity(ev.members.len());
        let scratch = &mut Scratch::default();
        let done =
            self.evaluate(ev, opts, scratch, &mut first, Some(&mut sheets));
        match (done, first.0) {
            (_, Some(e)) => Err(e.for_product(ev.id.as_deref())),
            (Some((card, placement)), None) => Ok((card, placement, sheets)),
            (None, None) => Err(ErrorKind::EmptyCouncil.into()),
        }
    }

    /// The steps of scoring, reporting problems to `sink`; a scorecard
    /// and its placement when none was reported. With `keep`, each
    /// member's resolved sheet is kept there.
    fn evaluate(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
        scratch: &mut Scratch,
        sink: &mut impl Sink,
        mut keep: Option<&mut Vec<Vec<u8>>>,
    ) -> Option<(Scorecard, Placement<'_>)> {
        let sink = &mut Counting { sink, n: 0 };
        let placement = match self.place(&Placing::of(ev), opts) {
            Ok(p) => p,
            Err(e) => {
                sink.report(e);
                return None;
            }
        };
        let Placement { edition, set, .. } = placement;
        let compiled = set.compiled(opts.inferred);
        let names = ev.members.iter().map(|m| &*m.member);
        if !check_members(names, opts.max_members, sink) {
            return None;
        }
        let knockouts = knockout_hits(
            set,
            compiled,
            ev.knockouts.iter().map(|k| &**k),
            sink,
        )?;

        let n_leaves = compiled.leaves.len();
        let tally = &mut scratch.tally;
        tally.start(compiled, true);
        let mut members = Vec::with_capacity(ev.members.len());
        for m in &ev.members {
            if let Some(s) = &m.set {
                if edition.set(s).map(|x| x.id()) != Some(set.id()) {
                    let e = ErrorKind::WrongSet {
                        member: m.member.to_string(),
                        member_set: s.to_string(),
                        set: set.id().to_owned(),
                    };
                    if !sink.report(e.into()) {
                        return None;
                    }
                    continue;
                }
            }
            if m.answers.len() > opts.max_answers {
                let e = ErrorKind::TooManyAnswers {
                    member: m.member.to_string(),
                    answers: m.answers.len(),
                    limit: opts.max_answers,
                };
                if !sink.report(e.into()) {
                    return None;
                }
                continue;
            }
            scratch.choice.clear();
            scratch.choice.resize(n_leaves, NONE);
            let before = sink.n;
            if !sheet::resolve(
                set,
                compiled,
                &m.member,
                &m.answers,
                &mut scratch.choice,
                sink,
            ) {
                return None;
            }
            let parts =
                tally.member(set, compiled, &m.member, &scratch.choice, sink);
            if let Some(k) = keep.as_deref_mut() {
                k.push(scratch.choice.clone());
            }
            if sink.n > before {
                continue;
            }
            let (points, sections) =
                tally.member_points(compiled, tally.parts.len() - 1);
            members.push(MemberResult::new(
                m.member.to_string(),
                parts,
                points.to_vec(),
                sections.to_vec(),
                compiled.codes.clone(),
            ));
        }
        if sink.n > 0 {
            return None;
        }
        let decision =
            tally.decide(&edition.head().rules, compiled, knockouts);
        let meta = ev.carried();
        let id = ev.id.as_ref().map(|t| t.to_string());
        let card =
            scorecard(&placement, compiled, id, members, decision, meta);
        Some((card, placement))
    }
}

/// Passes problems on, counting them.
struct Counting<'s, S> {
    sink: &'s mut S,
    n: usize,
}

impl<S: Sink> Sink for Counting<'_, S> {
    fn report(&mut self, e: Error) -> bool {
        self.n += 1;
        self.sink.report(e)
    }
}
