//! Calendar dates, for choosing the edition in force on a council's day.
//!
//! Only what the rules need: parsing `YYYY-MM-DD`, comparing, and adding
//! days (the transition windows of 26/2026/QĐ-TTg Điều 12 count days). It
//! sits below the data model, which checks the dates in `edition.json`.
//!
//! Every `Date` lies in years 0000 to 9999, the years `YYYY-MM-DD` can
//! write, so every date prints as text that parses back. Arithmetic comes
//! in two forms, as in jiff: `checked_*` says when the answer would leave
//! that range, and the plain forms saturate at its ends ([`Date::MIN`],
//! [`Date::MAX`]). Neither panics, in any build.

use crate::error::{Error, ErrorKind, Result};

/// A calendar date, `YYYY-MM-DD`.
///
/// # Example
///
/// ```
/// let d = ocop::Date::parse("date", "2026-05-22")?;
/// assert_eq!(d.to_string(), "2026-05-22");
/// assert_eq!(d.add_days(60).to_string(), "2026-07-21");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// The first date: 0000-01-01.
    pub const MIN: Date = Date { year: 0, month: 1, day: 1 };
    /// The last date: 9999-12-31.
    pub const MAX: Date = Date { year: 9999, month: 12, day: 31 };

    /// Parses `YYYY-MM-DD`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidDate`] naming `field` when the text is not a
    /// valid calendar date.
    pub fn parse(field: &str, s: &str) -> Result<Date> {
        let bad = || {
            Error::new(ErrorKind::InvalidDate {
                field: field.to_owned(),
                value: s.to_owned(),
            })
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r)
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
                .parse()
                .ok()
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
        else {
            return Err(bad());
        };
        if !(1..=12).contains(&m) {
            return Err(bad());
        }
        if d == 0 || d > u32::from(days_in_month(y as i32, m as u8)) {
            return Err(bad());
        }
        Ok(Date { year: y as i32, month: m as u8, day: d as u8 })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    fn days(self) -> i64 {
        let (y, m, d) =
            (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `z` days after 1970-01-01, if it lies in years 0000 to
    /// 9999.
    fn checked_from_days(z: i64) -> Option<Date> {
        (Date::MIN.days()..=Date::MAX.days())
            .contains(&z)
            .then(|| Date::from_days(z))
    }

    /// `z` must lie between `Date::MIN.days()` and `Date::MAX.days()`.
    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date in Vietnam (UTC+7) at `unix_seconds` seconds after
    /// 1970-01-01 00:00 UTC. Vietnam keeps no daylight saving time, so
    /// the offset is fixed.
    ///
    /// ```
    /// // 2026-05-21 17:00 UTC is midnight in Hà Nội: 26/2026's first day.
    /// let t = 1_779_382_800;
    /// assert_eq!(ocop::Date::in_vietnam(t).to_string(), "2026-05-22");
    /// assert_eq!(ocop::Date::in_vietnam(t - 1).to_string(), "2026-05-21");
    /// // Past year 9999, the last date.
    /// assert_eq!(ocop::Date::in_vietnam(i64::MAX), ocop::Date::MAX);
    /// ```
    pub fn in_vietnam(unix_seconds: i64) -> Date {
        const UTC_PLUS_7: i64 = 7 * 3600;
        let days = unix_seconds.saturating_add(UTC_PLUS_7).div_euclid(86_400);
        Date::from_days(days.clamp(Date::MIN.days(), Date::MAX.days()))
    }

    /// Today in Vietnam (UTC+7), from the system clock: the day that
    /// decides which edition is in force.
    pub fn today_in_vietnam() -> Date {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::in_vietnam(i64::try_from(now).unwrap_or(i64::MAX))
    }

    /// The date `n` days later (earlier for a negative `n`), or `None`
    /// when it would leave years 0000 to 9999.
    ///
    /// ```
    /// let d: ocop::Date = "2026-05-22".parse()?;
    /// assert_eq!(d.checked_add_days(60).unwrap().to_string(), "2026-07-21");
    /// assert_eq!(d.checked_add_days(i64::MAX), None);
    /// assert_eq!(ocop::Date::MAX.checked_add_days(1), None);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn checked_add_days(self, n: i64) -> Option<Date> {
        Date::checked_from_days(self.days().checked_add(n)?)
    }

    /// The date `n` days later (earlier for a negative `n`), held at
    /// [`Date::MIN`] or [`Date::MAX`] where it would pass them.
    ///
    /// ```
    /// let d: ocop::Date = "2026-05-22".parse()?;
    /// assert_eq!(d.add_days(-1).to_string(), "2026-05-21");
    /// assert_eq!(d.add_days(i64::MAX), ocop::Date::MAX);
    /// assert_eq!(d.add_days(i64::MIN), ocop::Date::MIN);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn add_days(self, n: i64) -> Date {
        let z = self.days().saturating_add(n);
        Date::from_days(z.clamp(Date::MIN.days(), Date::MAX.days()))
    }

    /// The date `n` months later, on the same day of the month, or on the
    /// last day of the month where it has no such day: a period counted
    /// in months ends so (Bộ luật Dân sự 2015, Điều 148.1.c).
    ///
    /// ```
    /// let d: ocop::Date = "2024-02-29".parse()?;
    /// assert_eq!(d.add_months(36).to_string(), "2027-02-28");
    /// assert_eq!(d.add_months(48).to_string(), "2028-02-29");
    /// let d: ocop::Date = "2025-10-31".parse()?;
    /// assert_eq!(d.add_months(4).to_string(), "2026-02-28");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    ///
    /// Past 9999-12-31 it is held there ([`Date::MAX`]); see
    /// [`Date::checked_add_months`].
    pub fn add_months(self, n: u32) -> Date {
        self.checked_add_months(n).unwrap_or(Date::MAX)
    }

    /// [`Date::add_months`], or `None` past 9999-12-31.
    ///
    /// ```
    /// let d: ocop::Date = "9999-01-31".parse()?;
    /// assert_eq!(d.checked_add_months(1).unwrap().to_string(), "9999-02-28");
    /// assert_eq!(d.checked_add_months(12), None);
    /// assert_eq!(d.add_months(u32::MAX), ocop::Date::MAX);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn checked_add_months(self, n: u32) -> Option<Date> {
        let months = i64::from(self.month) - 1 + i64::from(n);
        let year = i64::from(self.year) + months.div_euclid(12);
        if year > i64::from(Date::MAX.year) {
            return None;
        }
        let year = year as i32;
        let month = (months.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Some(Date { year, month, day })
    }

    /// The year, month (1 to 12) and day (1 to 31).
    ///
    /// ```
    /// let d: ocop::Date = "2027-02-28".parse()?;
    /// assert_eq!(d.ymd(), (2027, 2, 28));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn ymd(self) -> (i32, u8, u8) {
        (self.year, self.month, self.day)
    }

    /// Days from `earlier` to this date (negative when it is later).
    ///
    /// ```
    /// let a: ocop::Date = "2026-05-22".parse()?;
    /// let b: ocop::Date = "2026-07-21".parse()?;
    /// assert_eq!(b.days_since(a), 60);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days() - earlier.days()
    }
}

/// The days of `month` (1 to 12) in `year`, proleptic Gregorian.
fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Written as its `YYYY-MM-DD` text.
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Parses `YYYY-MM-DD`, for text from forms and command lines.
///
/// ```
/// let d: ocop::Date = "2021-11-03".parse()?;
/// assert_eq!(d, ocop::Date::parse("date", "2021-11-03")?);
/// assert!("2021-02-29".parse::<ocop::Date>().is_err());
/// # Ok::<(), ocop::Error>(())
/// ```
impl std::str::FromStr for Date {
    type Err = Error;
    fn from_str(s: &str) -> Result<Date> {
        Date::parse("date", s)
    }
}
