//! Reading a batch's output back: one scorecard or error record a line,
//! each line capped in length as the batch caps its input.

use std::io::BufRead;

use rust_decimal::Decimal;

use super::Summary;
use crate::batch::lines::{self, Line, Lines};
use crate::catalog::Catalog;
use crate::error::{Error, ErrorKind, Result, json_position};
use crate::scorecard::{Scorecard, Status};

/// The longest line read, in bytes: a scorecard with every member's
/// points per criterion is a few times its evaluation's line, which the
/// batch caps at 1 MiB. A longer line is counted as rejected
/// (`line_too_long`), not held in memory.
pub const MAX_READ_LINE: usize = 16 << 20;

/// A batch's output as a summary (see [`Summary::from_reader_by`]).
pub(super) fn read(
    mut r: impl BufRead,
    by: &[&str],
    catalog: Option<&Catalog>,
) -> Result<Summary> {
    let mut s = Summary::grouped_by(by);
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
                    let e =
                        ErrorKind::LineTooLong { bytes, limit: MAX_READ_LINE };
                    s.add_with(n, &Err(e.into()), catalog);
                    continue;
                }
            };
            read_line(&mut s, n, line, catalog)?;
        }
    }
    Ok(s)
}

/// One line of batch output: a scorecard or an error record.
fn read_line(
    s: &mut Summary,
    n: u64,
    line: &[u8],
    catalog: Option<&Catalog>,
) -> Result<()> {
    let json_error = |column, message| {
        let line = Some(n as usize);
        Error::new(ErrorKind::Json { line, column, message })
    };
    // The batch's own rule for a line's text: a blank line is a
    // `blank_line` record here as in `ocop score`.
    let line = match lines::text(line, n) {
        Ok(text) => text,
        Err(e) if matches!(e.kind(), ErrorKind::BlankLine) => {
            s.add_with(n, &Err(e), catalog);
            return Ok(());
        }
        Err(e) => {
            return Err(match e.kind() {
                ErrorKind::Json { column, message, .. } => {
                    json_error(*column, message.clone())
                }
                _ => e,
            });
        }
    };
    let at = |e: serde_json::Error| {
        let (_, column, message) = json_position(&e);
        json_error(column, message)
    };
    // Scorecards, the common case, are read straight; anything else
    // goes through a `Value` to tell error records apart.
    if let Ok(card) = serde_json::from_str::<Scorecard>(line) {
        s.add_with(n, &possible(card), catalog);
        return Ok(());
    }
    let v: serde_json::Value = serde_json::from_str(line).map_err(at)?;
    // An error record names its input line; a scorecard is at its
    // position.
    let record = v.get("line").and_then(|x| x.as_u64()).unwrap_or(n);
    let result = match v.get("error") {
        Some(e) => {
            let err: Error = serde_json::from_value(e.clone()).map_err(at)?;
            Err(err.for_product(v.get("id").and_then(|x| x.as_str())))
        }
        None => possible(serde_json::from_value::<Scorecard>(v).map_err(at)?),
    };
    s.add_with(record, &result, catalog);
    Ok(())
}

/// The card, or an [`ErrorKind::InvalidScorecard`] when no scoring can
/// have written it: a star outside 1 to 5 or above its band, a band over
/// 5, a star with an outcome that has none (or none with `rated`), or a
/// mean total outside 0 to 100. Such a card is rejected, never counted.
fn possible(card: Scorecard) -> Result<Scorecard> {
    let r = &card.rating;
    let reason = match (r.stars, r.status) {
        _ if r.band > 5 => Some(format!("band {} is not 0 to 5", r.band)),
        (Some(s), _) if !(1..=5).contains(&s) => {
            Some(format!("star {s} is not 1 to 5"))
        }
        (Some(s), _) if s > r.band => {
            Some(format!("star {s} is above its band, {}", r.band))
        }
        (Some(s), st) if st != Status::Rated => {
            Some(format!("star {s} with status {}", st.as_str()))
        }
        (None, Status::Rated) => Some("status rated without a star".into()),
        _ if card.mean.total < Decimal::ZERO
            || card.mean.total > Decimal::ONE_HUNDRED =>
        {
            Some(format!("mean total {} is not 0 to 100", card.mean.total))
        }
        _ => None,
    };
    match reason {
        None => Ok(card),
        Some(reason) => {
            Err(Error::new(ErrorKind::InvalidScorecard { reason })
                .for_product(card.id.as_deref()))
        }
    }
}
