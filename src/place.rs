//! Placing an evaluation: which edition's rules, and which set.
//!
//! The evaluation's own `edition` comes first. Without one, its `date`
//! (the council's meeting day) chooses, with `submitted` and
//! `reevaluation` settling the transition window of 26/2026/QĐ-TTg Điều 12
//! ([`Catalog::edition_for`]). Only an evaluation that gives neither falls
//! back on the caller's default, [`ScoreOptions::edition`]; the scorecard
//! says which of these chose ([`EditionBasis`]).

use crate::catalog::{Catalog, CriteriaSet, Edition, EditionBasis};
use crate::date::Date;
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::options::ScoreOptions;

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
