//! Points to options: what a member wrote in a cell, as an answer.
//!
//! A paper sheet prints each option's points beside its box, and the
//! secretary types the points of the ticked box. Where those points belong
//! to one option of the criterion, that option is the answer. Where two
//! options give the same points (some two-case criteria, and a few
//! criteria whose lower options share a value), the points do not say
//! which box was ticked, and the import does not guess: the cell must say
//! the option itself, `#k` for the k-th option as printed. That is decided
//! per cell, because each member ticks a box of their own and members may
//! tick boxes in different cases.

use crate::criteria::{Choice, Criterion};
use crate::error::CellIssue;
use crate::evaluation::Answer;

use super::grid::{Cell, whole_number};

/// A cell's value as an answer is read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    Points(u64),
    Option(u64),
    Met(bool),
}

/// What a problem cell gets: its kind and message.
pub(crate) type Issue = (CellIssue, String);

/// Reads a cell of points; `Ok(None)` for a blank cell (unanswered).
pub(crate) fn cell_value(cell: &Cell) -> Result<Option<Written>, Issue> {
    let not_points = |what: &str| {
        Err((
            CellIssue::NotPoints,
            format!(
                "{what} is not points: give the points of the option ticked, \
                 or #k for the k-th option"
            ),
        ))
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(f) => match whole_number(*f) {
            Some(n) => Ok(Some(Written::Points(n))),
            None => not_points(&format!("{f}")),
        },
        Cell::Bool(b) => Ok(Some(Written::Met(*b))),
        Cell::Text(t) => {
            text(t).map_or_else(|| not_points(&format!("{t:?}")), Ok)
        }
        Cell::Date(d) => not_points(&format!("the date {d}")),
        Cell::Error(e) => not_points(&format!("the error value {e}")),
        // The caller reports the merged range.
        Cell::Covered(_) => Ok(None),
    }
}

/// Text typed in a points cell: points, `#k`, or yes/no words.
pub(crate) fn text(t: &str) -> Option<Option<Written>> {
    let t = t.trim();
    let digits = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    if t.is_empty() {
        return Some(None);
    }
    if let Some(k) = t.strip_prefix('#') {
        return digits(k.trim()).map(|k| Some(Written::Option(k)));
    }
    if let Some(b) = super::layout::yes_no_word(t) {
        return Some(Some(Written::Met(b)));
    }
    digits(t).map(|n| Some(Written::Points(n)))
}

/// The points printed beside an option's box, which is what a secretary
/// types for it. Where the print cannot be read (a "11" on a criterion of
/// at most 3), the box goes by its inferred points when inferred data is
/// in use, and otherwise only by `#k`. An inferred correction of points
/// that can be read does not change which box they name: the secretary
/// still types what the sheet prints, and scoring applies the correction.
fn printed_points(o: &Choice, inferred: bool) -> Option<u64> {
    match (&o.unreadable, &o.inferred) {
        (None, _) => Some(u64::from(o.points)),
        (Some(_), Some(x)) if inferred => Some(u64::from(x.points)),
        (Some(_), _) => None,
    }
}

/// The answer a written value gives on criterion `c`.
pub(crate) fn answer(
    c: &Criterion,
    w: Written,
    inferred: bool,
) -> Result<Answer, Issue> {
    if c.yes_no {
        return match w {
            Written::Met(b) => Ok(Answer::Met(b)),
            Written::Points(p) if p == u64::from(c.max) => {
                Ok(Answer::Met(true))
            }
            Written::Points(0) => Ok(Answer::Met(false)),
            Written::Points(p) => Err((
                CellIssue::NoSuchPoints,
                format!(
                    "{p} points: criterion {} is met or not, so it takes {} \
                     or 0",
                    c.code, c.max
                ),
            )),
            Written::Option(k) => Err((
                CellIssue::NotPoints,
                format!(
                    "#{k}: criterion {} has no options; it takes {} or 0",
                    c.code, c.max
                ),
            )),
        };
    }
    match w {
        Written::Option(k) if k >= 1 && k as usize <= c.options.len() => {
            Ok(Answer::Option(k))
        }
        Written::Option(k) => Err((
            CellIssue::NoSuchPoints,
            format!(
                "#{k}: criterion {} has options #1 to #{}",
                c.code,
                c.options.len()
            ),
        )),
        Written::Met(b) => Err((
            CellIssue::NotPoints,
            format!(
                "{b} is not points: criterion {} has options; give the \
                 points of the one ticked",
                c.code
            ),
        )),
        Written::Points(p) => {
            let found: Vec<usize> = (0..c.options.len())
                .filter(|&i| {
                    printed_points(&c.options[i], inferred) == Some(p)
                })
                .collect();
            match found[..] {
                [i] => Ok(Answer::Option(i as u64 + 1)),
                [] => Err((
                    CellIssue::NoSuchPoints,
                    format!(
                        "{p} points: no option of criterion {} gives them; it \
                         gives {}",
                        c.code,
                        allowed(c, inferred)
                    ),
                )),
                _ => Err((
                    CellIssue::AmbiguousPoints,
                    format!(
                        "{p} points: options {} of criterion {} all give \
                         them; write #k for the option ticked",
                        found
                            .iter()
                            .map(|&i| format!(
                                "#{} ({})",
                                i + 1,
                                short(&c.options[i].text)
                            ))
                            .collect::<Vec<_>>()
                            .join(", "),
                        c.code
                    ),
                )),
            }
        }
    }
}

/// The distinct points the options give, in ascending order.
fn allowed(c: &Criterion, inferred: bool) -> String {
    let mut p: Vec<u64> =
        c.options.iter().filter_map(|o| printed_points(o, inferred)).collect();
    p.sort_unstable();
    p.dedup();
    p.iter().map(u64::to_string).collect::<Vec<_>>().join(", ")
}

/// What a cell of criterion `c` may hold, as the template's drop-down
/// lists it: the points that name one option, `#k` for each option whose
/// points another option shares, and `#k` for an option whose printed
/// points cannot be read.
pub(crate) fn choices(c: &Criterion) -> Vec<String> {
    if c.yes_no {
        return vec!["0".into(), c.max.to_string()];
    }
    let mut out: Vec<(u64, String)> = Vec::new();
    for (i, o) in c.options.iter().enumerate() {
        let Some(p) = printed_points(o, false) else {
            out.push((u64::MAX, format!("#{}", i + 1)));
            continue;
        };
        let shared = c
            .options
            .iter()
            .enumerate()
            .any(|(j, x)| j != i && printed_points(x, false) == Some(p));
        let entry = if shared { format!("#{}", i + 1) } else { p.to_string() };
        if !out.iter().any(|(_, e)| *e == entry) {
            out.push((p, entry));
        }
    }
    out.sort_by_key(|(p, _)| *p);
    out.into_iter().map(|(_, e)| e).collect()
}

/// What a cell holds for an answer, as the writer puts it: the points when
/// they name the option, else `#k`; `None` for an answer no cell can hold
/// as points (written as its text instead).
pub(crate) fn cell_for(
    c: &Criterion,
    a: &Answer,
) -> Option<Result<u64, String>> {
    match a {
        Answer::Met(b) if c.yes_no => {
            Some(Ok(if *b { u64::from(c.max) } else { 0 }))
        }
        Answer::Option(k) if !c.yes_no => {
            let o = c.options.get((*k as usize).checked_sub(1)?)?;
            // Printed points, which read back under either choice of data.
            let p = printed_points(o, false);
            let unique = p.is_some()
                && c.options
                    .iter()
                    .filter(|x| printed_points(x, false) == p)
                    .count()
                    == 1;
            Some(match p {
                Some(p) if unique => Ok(p),
                _ => Err(format!("#{k}")),
            })
        }
        _ => None,
    }
}

fn short(t: &str) -> String {
    let mut s: String = t.chars().take(40).collect();
    if t.chars().count() > 40 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    /// The template's drop-down offers a box whose printed points cannot
    /// be read as `#k` (6.1.1 of 26/2026 "Chè tươi", option 2 printed 11).
    #[test]
    fn an_unreadable_box_is_offered_as_k() {
        let set = Catalog::official()
            .edition("qd26-2026")
            .unwrap()
            .set("che-tuoi-che-che-bien")
            .unwrap();
        let c = set.sheet().criterion("6.1.1").unwrap();
        assert_eq!(choices(c), ["0", "2", "#2"]);
    }
}
