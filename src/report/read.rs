//! Reading a batch's output back: one scorecard or error record a line,
//! each line capped in length as the batch caps its input.

use std::io::BufRead;

#[cfg(doc)]
use super::DEFAULT_GROUPS;
use super::Summary;
use crate::batch::lines::{Line, Lines};
use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Result, json_position};
use crate::scorecard::Scorecard;

/// The longest line read, in bytes: a scorecard with every member's
/// points per criterion is a few times its evaluation's line, which the
/// batch caps at 1 MiB. A longer line is counted as rejected
/// (`line_too_long`), not held in memory.
pub const MAX_READ_LINE: usize = 16 << 20;

impl Summary {
    /// Reads batch output, one scorecard or error record per line,
    /// grouping by the place fields of [`DEFAULT_GROUPS`] the data has.
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader(r: impl BufRead) -> Result<Summary> {
        Summary::from_reader_by(r, &[])
    }

    /// Reads batch output, grouping by the carried fields `by`, or, when
    /// `by` is empty, by the place fields the data has.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails; [`ErrorKind::Json`] naming the
    /// line when a line is neither a scorecard nor an error record.
    pub fn from_reader_by(r: impl BufRead, by: &[&str]) -> Result<Summary> {
        Summary::read(r, by, None)
    }

    /// [`Summary::from_reader_by`], taking the sets' part maxima from
    /// `catalog`.
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader_with(
        r: impl BufRead,
        by: &[&str],
        catalog: &Catalog,
    ) -> Result<Summary> {
        Summary::read(r, by, Some(catalog))
    }

    fn read(
        mut r: impl BufRead,
        by: &[&str],
        catalog: Option<&Catalog>,
    ) -> Result<Summary> {
        let mut s = match by {
            [] => Summary::default(),
            by => Summary::new(by),
        };
        let mut lines = Lines::default();
        let mut next = 1;
        while lines
            .fill(&mut r, 1 << 16, MAX_READ_LINE, next)
            .map_err(|e| ErrorKind::io(std::path::Path::new("input"), e))?
        {
            next += lines.len() as u64;
            for (n, line) in lines.iter() {
                let line = match line {
                    Line::Text(t) => t,
                    Line::TooLong(bytes) => {
                        let e = ErrorKind::LineTooLong {
                            bytes,
                            limit: MAX_READ_LINE,
                        };
                        s.add_with(n, &Err(e.into()), catalog);
                        continue;
                    }
                };
                s.read_line(n, line, catalog)?;
            }
        }
        Ok(s)
    }

    /// One line of batch output: a scorecard or an error record.
    fn read_line(
        &mut self,
        n: u64,
        line: &[u8],
        catalog: Option<&Catalog>,
    ) -> Result<()> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let json_error = |column, message| {
            let line = Some(n as usize);
            Error::new(ErrorKind::Json { line, column, message })
        };
        let line = std::str::from_utf8(line).map_err(|e| {
            json_error(e.valid_up_to() + 1, "invalid UTF-8".into())
        })?;
        let at = |e: serde_json::Error| {
            let (_, column, message) = json_position(&e);
            json_error(column, message)
        };
        // Scorecards, the common case, are read straight; anything else
        // goes through a `Value` to tell error records apart.
        if let Ok(card) = serde_json::from_str::<Scorecard>(line) {
            self.add_with(n, &Ok(card), catalog);
            return Ok(());
        }
        let v: serde_json::Value = serde_json::from_str(line).map_err(at)?;
        // An error record names its input line; a scorecard is at its
        // position.
        let record = v.get("line").and_then(|x| x.as_u64()).unwrap_or(n);
        let result = match v.get("error") {
            Some(e) => {
                let err: Error =
                    serde_json::from_value(e.clone()).map_err(at)?;
                Err(err.for_product(v.get("id").and_then(|x| x.as_str())))
            }
            None => Ok(serde_json::from_value::<Scorecard>(v).map_err(at)?),
        };
        self.add_with(record, &result, catalog);
        Ok(())
    }
}
