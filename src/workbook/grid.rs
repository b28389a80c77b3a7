//! A sheet's cells as the import sees them, whatever file they came from,
//! and the list of problems found in them.

use crate::date::Date;
use crate::error::{CellIssue, CellProblem};

use super::layout;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    // A spreadsheet's number, read only to be checked whole and turned
    // into an integer; points are never carried as a float.
    Number(f64),
    Text(String),
    Bool(bool),
    Date(Date),
    /// An error value such as `#DIV/0!`.
    Error(String),
    /// Inside a merged range but not its first cell: the range, as `A1:B2`.
    Covered(String),
}

impl Cell {
    /// The cell as text, trimmed; `None` when empty.
    pub fn text(&self) -> Option<String> {
        let t = match self {
            Cell::Empty | Cell::Covered(_) => return None,
            Cell::Number(f) => number_text(*f),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Error(e) => e.clone(),
        };
        (!t.is_empty()).then_some(t)
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number as a person would type it: `3`, not `3.0`.
pub(crate) fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A whole, non-negative number of points, if the number is one.
pub(crate) fn whole(f: f64) -> Option<u64> {
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= u32::MAX as f64)
        .then_some(f as u64)
}

/// A date from a spreadsheet's day number (days since 1899-12-30, the
/// epoch both Excel and LibreOffice use for dates after February 1900).
pub(crate) fn serial_date(serial: f64) -> Option<Date> {
    let days = whole(serial.floor())?;
    let epoch = Date::parse("date", "1899-12-30").ok()?;
    Some(epoch.add_days(days as i64))
}

/// One sheet: its name and its rows of cells, from A1.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// `sheet!A1` of a cell.
    pub fn at(&self, row: usize, col: usize) -> String {
        layout::cell(&self.name, row as u32, col as u32)
    }

    /// Marks the cells a merged range covers, all but its first.
    pub fn merge(&mut self, (r0, c0): (u32, u32), (r1, c1): (u32, u32)) {
        let range = format!(
            "{}{}:{}{}",
            layout::column(c0),
            r0 + 1,
            layout::column(c1),
            r1 + 1
        );
        for r in r0..=r1 {
            for c in c0..=c1 {
                if (r, c) == (r0, c0) {
                    continue;
                }
                let (r, c) = (r as usize, c as usize);
                if self.rows.len() <= r {
                    self.rows.resize(r + 1, Vec::new());
                }
                let row = &mut self.rows[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::Empty);
                }
                row[c] = Cell::Covered(range.clone());
            }
        }
    }
}

/// The problems found so far, each once.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub Vec<CellProblem>);

impl Problems {
    pub fn push(&mut self, cell: String, issue: CellIssue, message: String) {
        let p = CellProblem { cell, issue, message };
        if !self.0.contains(&p) {
            self.0.push(p);
        }
    }

    /// A merged range where a value belongs, at the range.
    pub fn merged(&mut self, sheet: &str, range: &str) {
        self.push(
            format!("{sheet}!{range}"),
            CellIssue::MergedCell,
            format!(
                "{range} is merged, and each of its cells needs a value of \
                 its own; unmerge it"
            ),
        );
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_and_numbers() {
        assert_eq!(serial_date(44523.0).unwrap().to_string(), "2021-11-23");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(whole(3.0), Some(3));
        assert_eq!(whole(2.5), None);
        assert_eq!(whole(-1.0), None);
    }

    #[test]
    fn merge_covers_all_but_the_first() {
        let mut g = Grid { name: "P".into(), rows: vec![] };
        g.merge((1, 1), (1, 2));
        assert_eq!(g.get(1, 1), &Cell::Empty);
        assert_eq!(g.get(1, 2), &Cell::Covered("B2:C2".into()));
    }
}
