//! Certificates coming up for re-evaluation, and those already ended.
//!
//! A line that carries `recognised` (the date its certificate was issued,
//! `YYYY-MM-DD`) holds a certificate; [`crate::certificate`] says when it
//! ends and when re-evaluation is filed. The list is taken on one day,
//! `as_of`, and shows the certificates that end within
//! [`AHEAD_MONTHS`] of it and those already ended, each with the star its
//! line rescores to under the edition the line is scored with. Answers
//! are never carried from one edition's sheet to another's: the
//! decisions give no mapping.

use serde::Serialize;

use super::places::{Fields, ProductLabel};
use super::{MAX_CASES, Outcome};
use crate::certificate::{Certificate, Due};
use crate::date::Date;
use crate::error::Error;
use crate::scorecard::{Scorecard, Status};

/// The carried field holding the day a product's certificate was issued.
pub const RECOGNISED: &str = "recognised";

/// How far ahead of the reference day certificates are listed, in months:
/// the report's own choice, a year of rounds to plan.
pub const AHEAD_MONTHS: u32 = 12;

/// One certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CertificateCase {
    /// The product.
    #[serde(flatten)]
    pub named: ProductLabel,
    /// The star on record (`recorded_star`), when the line has one.
    pub recorded: Option<u8>,
    /// The day it was issued.
    pub recognised: Date,
    /// The last day it is valid.
    pub ends: Date,
    /// The first day re-evaluation may be filed.
    pub file_from: Date,
    /// The last day re-evaluation may be filed.
    pub file_by: Date,
    /// Where it stands on the reference day.
    #[serde(serialize_with = "due_key")]
    pub due: Due,
    /// The edition the line was rescored under; `None` when it could not
    /// be rescored.
    pub edition: Option<String>,
    /// The rescored final star.
    pub stars: Option<u8>,
    /// How that star was decided; `None` when the line could not be
    /// rescored.
    pub status: Option<Status>,
    /// Why the line could not be rescored (the error's kind, as in error
    /// records): the certificate is listed all the same, since the product
    /// still holds it and is due all the same.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejected: Option<String>,
}

impl CertificateCase {
    /// The rescored outcome in words, Vietnamese or English; for a line
    /// that could not be rescored, that and the error's kind.
    ///
    /// ```
    /// use ocop::report::Summary;
    ///
    /// let line = ocop::samples::EVALUATION_2026.trim_end().replacen(
    ///     "{", r#"{"recognised": "2023-03-15", "#, 1);
    /// let mut s = Summary::default().as_of("2026-01-20".parse()?);
    /// ocop::BatchScorer::new(ocop::Catalog::official())
    ///     .for_each(line.as_bytes(), |n, r| s.add(n, &r))?;
    /// assert_eq!(s.renewals.as_ref().unwrap().due[0].rescored(false), "3★");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn rescored(&self, vietnamese: bool) -> String {
        match (self.status, &self.rejected) {
            (Some(status), _) => {
                Outcome::of(self.stars, status).label(vietnamese).to_owned()
            }
            (None, kind) => {
                let words = if vietnamese {
                    "không chấm lại được"
                } else {
                    "not rescored"
                };
                format!("{words}: {}", kind.as_deref().unwrap_or("?"))
            }
        }
    }
}

/// How a certificate's line came out of the rescoring.
#[derive(Clone, Copy)]
pub(super) enum Rescored<'a> {
    /// Scored: its scorecard.
    Card(&'a Scorecard),
    /// Not scored: the error in its place.
    Rejected(&'a Error),
}

fn due_key<S: serde::Serializer>(d: &Due, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match d {
        Due::Before => "before",
        Due::Filing => "filing",
        Due::Closed => "closed",
        Due::Ended => "ended",
    })
}

/// Where a certificate stands, in words for people, Vietnamese or English.
///
/// ```
/// use ocop::certificate::Due;
/// assert_eq!(ocop::report::due_label(Due::Filing, true), "đang trong hạn nộp");
/// assert_eq!(ocop::report::due_label(Due::Ended, false), "ended");
/// ```
pub fn due_label(d: Due, vietnamese: bool) -> &'static str {
    let (vi, en) = match d {
        Due::Before => ("chưa đến hạn nộp", "window not open"),
        Due::Filing => ("đang trong hạn nộp", "filing now"),
        Due::Closed => ("đã quá hạn nộp", "window closed"),
        Due::Ended => ("đã hết hạn", "ended"),
    };
    if vietnamese { vi } else { en }
}

/// Certificates on a reference day.
///
/// ```
/// use ocop::report::Summary;
///
/// let line = ocop::samples::EVALUATION_2026.trim_end().replacen(
///     "{", r#"{"recognised": "2023-03-15", "recorded_star": 3, "#, 1);
/// let mut s = Summary::default().as_of("2026-01-20".parse()?);
/// ocop::BatchScorer::new(ocop::Catalog::official())
///     .for_each(line.as_bytes(), |n, r| s.add(n, &r))?;
/// let r = s.renewals.as_ref().unwrap();
/// assert_eq!(r.due[0].ends.to_string(), "2026-03-15");
/// assert_eq!(r.due[0].file_by.to_string(), "2025-11-15");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Renewals {
    /// The reference day.
    pub as_of: Date,
    /// The last day of the look-ahead: [`AHEAD_MONTHS`] after `as_of`.
    pub until: Date,
    /// Certificates that end from `as_of` to `until`, soonest filing
    /// deadline first; the [`MAX_CASES`] soonest.
    pub due: Vec<CertificateCase>,
    /// All of them.
    pub due_count: u64,
    /// Certificates that ended before `as_of`, latest first; the
    /// [`MAX_CASES`] latest.
    pub ended: Vec<CertificateCase>,
    /// All of them.
    pub ended_count: u64,
    /// Certificates that end after `until`.
    pub later: u64,
    /// Lines whose `recognised` is not a `YYYY-MM-DD` date.
    pub unreadable: u64,
}

impl Renewals {
    pub(super) fn new(as_of: Date) -> Renewals {
        Renewals {
            as_of,
            until: as_of.add_months(AHEAD_MONTHS),
            due: Vec::new(),
            due_count: 0,
            ended: Vec::new(),
            ended_count: 0,
            later: 0,
            unreadable: 0,
        }
    }

    /// Adds the certificate of a line, if its fields hold one.
    pub(super) fn add(
        &mut self,
        named: impl FnOnce() -> ProductLabel,
        fields: &Fields,
        recorded: Option<u8>,
        rescored: Rescored<'_>,
    ) {
        let Some(v) = fields.get(RECOGNISED) else { return };
        let Some(day) =
            v.as_str().and_then(|t| Date::parse(RECOGNISED, t).ok())
        else {
            self.unreadable += 1;
            return;
        };
        let c = Certificate::issued(day);
        if c.ends > self.until {
            self.later += 1;
            return;
        }
        let due = c.on(self.as_of);
        let (list, count) = if due == Due::Ended {
            (&mut self.ended, &mut self.ended_count)
        } else {
            (&mut self.due, &mut self.due_count)
        };
        *count += 1;
        // The soonest deadlines and the latest ends are kept, in that
        // order: a certificate goes in after those that come before it or
        // tie with it, and one past the last place is not built at all.
        let at = if due == Due::Ended {
            list.partition_point(|x| x.ends >= c.ends)
        } else {
            list.partition_point(|x| x.file_by <= c.file_by)
        };
        if at >= MAX_CASES {
            return;
        }
        let (edition, stars, status, rejected) = match rescored {
            Rescored::Card(card) => (
                Some(card.edition.clone()),
                card.rating.stars,
                Some(card.rating.status),
                None,
            ),
            Rescored::Rejected(e) => (None, None, None, Some(e.tag().into())),
        };
        list.insert(
            at,
            CertificateCase {
                named: named(),
                recorded,
                recognised: day,
                ends: c.ends,
                file_from: c.file_from,
                file_by: c.file_by,
                due,
                edition,
                stars,
                status,
                rejected,
            },
        );
        list.truncate(MAX_CASES);
    }
}
