//! Placing an evaluation: which edition's rules, and which set.
//!
//! The evaluation's own `edition` comes first. Without one, its `date`
//! (the council's meeting day) chooses, with `submitted` and
//! `reevaluation` settling the transition window of 26/2026/QĐ-TTg Điều 12
//! ([`Catalog::edition_for`], the one home of that rule). Only an
//! evaluation that gives neither falls back on the caller's default,
//! [`ScoreOptions::edition`]; the scorecard says which of these chose
//! ([`EditionBasis`]).

use crate::catalog::{Catalog, CriteriaSet, Edition};
use crate::date::Date;
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::options::ScoreOptions;
use crate::scorecard::EditionBasis;

/// The fields of an evaluation that decide its edition and set.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Placing<'a> {
    pub edition: Option<&'a str>,
    pub set: &'a str,
    pub date: Option<&'a str>,
    pub submitted: Option<&'a str>,
    pub reevaluation: bool,
}

impl<'a> Placing<'a> {
    pub fn of(ev: &'a Evaluation<'_>) -> Placing<'a> {
        Placing {
            edition: ev.edition.as_deref(),
            set: &ev.set,
            date: ev.date.as_deref(),
            submitted: ev.submitted.as_deref(),
            reevaluation: ev.reevaluation,
        }
    }
}

/// The edition an evaluation falls under, how it was chosen, and its set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement<'c> {
    pub edition: &'c Edition,
    pub basis: EditionBasis,
    pub set: &'c CriteriaSet,
}

impl PartialEq for Placement<'_> {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.edition, o.edition)
            && std::ptr::eq(self.set, o.set)
            && self.basis == o.basis
    }
}

impl Catalog {
    /// The edition that applied to an evaluation held on `date` for a
    /// dossier submitted on `submitted`.
    ///
    /// Each edition applies from its `in_force.from` day. When an edition
    /// has a transition clause (26/2026/QĐ-TTg Điều 12), a dossier
    /// submitted before that day stays under the older edition for
    /// `days` days (`reevaluation_days` for a re-evaluation); later, or for
    /// a dossier submitted from that day, the new edition applies.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::BeforeCriteria`] for a date before the first edition.
    /// - [`ErrorKind::AmbiguousEdition`] for a date inside a transition
    ///   window when `submitted` is not given.
    pub fn edition_for(
        &self,
        date: Date,
        submitted: Option<Date>,
        reevaluation: bool,
    ) -> Result<&Edition> {
        self.edition_by_date(date, submitted, reevaluation).map(|(e, _)| e)
    }

    /// [`Catalog::edition_for`], with how the edition was chosen:
    /// [`EditionBasis::Date`] (the edition in force that day) or
    /// [`EditionBasis::Transition`] (an older edition kept by a transition
    /// clause, or the newer one once the submission date settles a window
    /// that the date alone leaves open).
    pub(crate) fn edition_by_date(
        &self,
        date: Date,
        submitted: Option<Date>,
        reevaluation: bool,
    ) -> Result<(&Edition, EditionBasis)> {
        let Some(current) =
            self.editions.iter().rev().find(|e| e.head().from <= date)
        else {
            let first =
                self.editions.first().map(|e| e.head().from.to_string());
            return Err(ErrorKind::BeforeCriteria {
                date: date.to_string(),
                first: first.unwrap_or_default(),
            }
            .into());
        };
        let Some(t) = &current.head().transition else {
            return Ok((current, EditionBasis::Date));
        };
        let start = current.head().from;
        let days = if reevaluation { t.reevaluation_days } else { t.days };
        // Điều 12 khoản 2: the old rules hold for `days` days from the day
        // the new decision took effect, counting that day.
        let in_window = date < start.add_days(i64::from(days));
        match submitted {
            Some(s) if s < start && in_window => {
                Ok((self.find_edition(&t.edition)?, EditionBasis::Transition))
            }
            Some(_) if in_window => Ok((current, EditionBasis::Transition)),
            None if in_window => Err(ErrorKind::AmbiguousEdition {
                date: date.to_string(),
                cutoff: start.to_string(),
                old: t.edition.clone(),
                new: current.head().id.clone(),
            }
            .into()),
            _ => Ok((current, EditionBasis::Date)),
        }
    }

    /// The edition in force today in Vietnam: the one a dossier submitted
    /// today falls under, whatever transition is running (a dossier
    /// submitted on a day settles its own window).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::BeforeCriteria`] only for a catalog whose editions all
    /// begin after today.
    ///
    /// ```
    /// let today = ocop::Catalog::official().edition_in_force_today()?;
    /// assert!(today.id().starts_with("qd"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn edition_in_force_today(&self) -> Result<&Edition> {
        self.edition_in_force_on(Date::today_in_vietnam())
    }

    /// The edition in force on `day` in Vietnam: the one a dossier
    /// submitted that day falls under, whatever transition is running.
    /// For a caller with a clock of its own (WebAssembly has none).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::BeforeCriteria`] for a day before the first edition.
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// // Inside 26/2026's transition: a dossier filed that day is under it.
    /// let day: ocop::Date = "2026-06-01".parse()?;
    /// assert_eq!(catalog.edition_in_force_on(day)?.id(), "qd26-2026");
    /// assert_eq!(catalog.edition_in_force_on("2024-01-01".parse()?)?.id(), "qd148-2023");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn edition_in_force_on(&self, day: Date) -> Result<&Edition> {
        self.edition_for(day, Some(day), false)
    }

    /// The edition a caller names (any case), or without a name the one in
    /// force today: what `ocop show`, `ocop template` and every binding's
    /// sheet take for an edition, so that they answer alike.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEdition`] for a name the catalog lacks; see
    /// [`Catalog::edition_in_force_today`].
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// assert_eq!(catalog.edition_or_today(Some("QD1048-781"))?.id(), "qd1048-781");
    /// assert_eq!(catalog.edition_or_today(None)?.id(), catalog.edition_in_force_today()?.id());
    /// assert_eq!(catalog.edition_or_today(Some("qd9")).unwrap_err().kind().tag(), "unknown_edition");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn edition_or_today(&self, id: Option<&str>) -> Result<&Edition> {
        match id {
            Some(id) => self.find_edition(id),
            None => self.edition_in_force_today(),
        }
    }

    /// Chooses the edition (named, else by date, else the default) and the
    /// set.
    pub(crate) fn place(
        &self,
        p: &Placing<'_>,
        opts: &ScoreOptions,
    ) -> Result<Placement<'_>> {
        let (edition, basis) = match (p.edition, p.date, &opts.edition) {
            (Some(e), _, _) => (self.find_edition(e)?, EditionBasis::Named),
            (None, Some(date), _) => {
                let date = Date::parse("date", date)?;
                let submitted = p
                    .submitted
                    .map(|s| Date::parse("submitted", s))
                    .transpose()?;
                self.edition_by_date(date, submitted, p.reevaluation)?
            }
            (None, None, Some(e)) => {
                (self.find_edition(e)?, EditionBasis::Default)
            }
            (None, None, None) => return Err(ErrorKind::NoEdition.into()),
        };
        let set = self.set_or_err(edition, p.set, opts)?;
        Ok(Placement { edition, basis, set })
    }
}

impl ScoreOptions {
    /// These options with `--edition`: the default edition for
    /// evaluations that name none and give no date, looked up in
    /// `catalog` in any case and kept as its id. Every doorway (the
    /// command, WebAssembly, PHP, Python) sets it through here.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEdition`], listing the known editions.
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let opts = ocop::ScoreOptions::default().with_edition(catalog, Some("QD26-2026"))?;
    /// assert_eq!(opts.edition.as_deref(), Some("qd26-2026"));
    /// let err = ocop::ScoreOptions::default().with_edition(catalog, Some("qd9")).unwrap_err();
    /// assert!(err.to_string().contains("known editions"), "{err}");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn with_edition(
        mut self,
        catalog: &Catalog,
        id: Option<&str>,
    ) -> Result<ScoreOptions> {
        self.edition = match id {
            Some(id) => Some(catalog.find_edition(id)?.id().to_owned()),
            None => None,
        };
        Ok(self)
    }
}
