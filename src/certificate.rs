//! OCOP certificates: when one ends, and when its re-evaluation is filed.
//!
//! A recognised product keeps its star for 36 months, then must be
//! evaluated again, and its producer files for that in a window that
//! closes 120 days before the certificate ends. Products are lost there:
//! a window missed is a certificate that lapses. These are the only
//! rules here, each once, with its source; the report asks them which
//! certificates fall due.
//!
//! | rule | source |
//! |---|---|
//! | valid 36 months from the day it is issued | 148/QĐ-TTg; 26/2026/QĐ-TTg Điều 4.3 |
//! | a period in months ends on the same day of its last month, or that month's last day | Bộ luật Dân sự 2015, Điều 148.1.c |
//! | re-evaluation filed no earlier than 180 and no later than 120 days before it ends | 26/2026/QĐ-TTg Điều 7.6.a |
//!
//! The library reads "ends on" as the last day the certificate is valid:
//! one issued on 2023-03-15 is valid through 2026-03-15, and one issued
//! on 29 February through the 28th of February 36 months later.

use crate::date::Date;

/// Months a certificate is valid (26/2026/QĐ-TTg Điều 4.3; 148/QĐ-TTg).
pub const VALID_MONTHS: u32 = 36;

/// The earliest filing day for re-evaluation, in days before the
/// certificate ends (26/2026/QĐ-TTg Điều 7.6.a).
pub const FILE_FROM_DAYS: i64 = 180;

/// The latest filing day for re-evaluation, in days before the
/// certificate ends (26/2026/QĐ-TTg Điều 7.6.a).
pub const FILE_BY_DAYS: i64 = 120;

/// A certificate's dates, from the day it was issued.
///
/// # Example
///
/// ```
/// use ocop::certificate::Certificate;
///
/// let c = Certificate::issued("2024-02-29".parse()?);
/// assert_eq!(c.ends.to_string(), "2027-02-28");
/// assert_eq!(c.file_from.to_string(), "2026-09-01");
/// assert_eq!(c.file_by.to_string(), "2026-10-31");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Certificate {
    /// The day it was issued: the recognition decision's date.
    pub issued: Date,
    /// The last day it is valid.
    pub ends: Date,
    /// The first day re-evaluation may be filed.
    pub file_from: Date,
    /// The last day re-evaluation may be filed.
    pub file_by: Date,
}

/// Where a certificate stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Due {
    /// Its filing window has not opened.
    Before,
    /// Re-evaluation may be filed today.
    Filing,
    /// The window has closed; the certificate is still valid.
    Closed,
    /// The certificate has ended.
    Ended,
}

impl Certificate {
    /// The certificate issued on `issued`.
    pub fn issued(issued: Date) -> Certificate {
        let ends = issued.add_months(VALID_MONTHS);
        Certificate {
            issued,
            ends,
            file_from: ends.add_days(-FILE_FROM_DAYS),
            file_by: ends.add_days(-FILE_BY_DAYS),
        }
    }

    /// Where it stands on `day`. On the day it ends it is still valid.
    ///
    /// ```
    /// use ocop::certificate::{Certificate, Due};
    ///
    /// let c = Certificate::issued("2023-03-15".parse()?);
    /// assert_eq!(c.on("2026-03-15".parse()?), Due::Closed);
    /// assert_eq!(c.on("2026-03-16".parse()?), Due::Ended);
    /// assert_eq!(c.on(c.file_from), Due::Filing);
    /// assert_eq!(c.on(c.file_by), Due::Filing);
    /// assert_eq!(c.on(c.file_from.add_days(-1)), Due::Before);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn on(&self, day: Date) -> Due {
        if day > self.ends {
            Due::Ended
        } else if day > self.file_by {
            Due::Closed
        } else if day >= self.file_from {
            Due::Filing
        } else {
            Due::Before
        }
    }
}
