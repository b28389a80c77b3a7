//! A sheet's cells as the import sees them, whatever file they came from,
//! and the list of problems found in them.

use std::collections::HashSet;
use std::rc::Rc;

use crate::date::Date;
use crate::error::{CellIssue, CellProblem, Error};

use super::layout;
use super::limits::{self, Budget};

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
    /// Inside a merged range but not its first cell: the range, as `A1:B2`
    /// (one text shared by every cell it covers).
    Covered(Rc<str>),
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
pub(crate) fn whole_number(f: f64) -> Option<u64> {
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f <= u32::MAX as f64)
        .then_some(f as u64)
}

/// Text composed (NFC), the one form in which the import compares and
/// writes text, whatever the file: "Hà" typed on one machine may reach
/// the file as `H`, `a`, a combining grave (NFD) from another, or from
/// Windows-1258, which writes most tone marks as separate characters,
/// and must still be the same name, id or code.
pub(crate) fn composed(t: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization};
    match unicode_normalization::is_nfc_quick(t.chars()) {
        // Most text is composed already: no copy through the composer.
        IsNormalized::Yes => t.to_owned(),
        _ => t.nfc().collect(),
    }
}

/// The day a workbook counts its dates from, a setting of the workbook.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Epoch {
    /// Excel's and LibreOffice's own: day 1 is 1900-01-01, and after
    /// February 1900 (which Excel takes for a leap year) days count from
    /// 1899-12-30.
    #[default]
    Y1900,
    /// The 1904 date system of workbooks begun on an old Mac (Excel's
    /// "Use 1904 date system"): day 0 is 1904-01-01, so the same number
    /// is a date 1,462 days later.
    Y1904,
}

/// A date from a spreadsheet's day number in the workbook's date system.
pub(crate) fn serial_date(serial: f64, epoch: Epoch) -> Option<Date> {
    let days = whole_number(serial.floor())?;
    let epoch = match epoch {
        Epoch::Y1900 => "1899-12-30",
        Epoch::Y1904 => "1904-01-01",
    };
    let epoch = Date::parse("date", epoch).ok()?;
    Some(epoch.add_days(days as i64))
}

/// One sheet: its name and its rows of cells, from A1.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The workbook's date system, for a number read as a date.
    pub epoch: Epoch,
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

    /// Marks the cells a merged range covers, all but its first, where the
    /// grid holds cells (its used range: the rows it has, `width` wide).
    /// Beyond that no value is read, so a range that runs to the sheet's
    /// last cell (`J1:XFD1048576`, 17 billion cells) costs no more than
    /// the cells the sheet uses. The cells a short row grows by are taken
    /// from `budget` before they are laid out. Returns how many cells were
    /// marked.
    fn merge(
        &mut self,
        (r0, c0): (u32, u32),
        (r1, c1): (u32, u32),
        width: usize,
        budget: &mut Budget,
    ) -> Result<usize, Error> {
        let (r0, c0) = (r0 as usize, c0 as usize);
        // The last row and column inside both the range and the grid.
        let last_r = (r1 as usize).min(self.rows.len().saturating_sub(1));
        let last_c = (c1 as usize).min(width.saturating_sub(1));
        if self.rows.is_empty() || r0 > last_r || c0 > last_c {
            return Ok(0);
        }
        let range: Rc<str> = format!(
            "{}{}:{}{}",
            layout::column(c0 as u32),
            r0 + 1,
            layout::column(c1),
            r1 + 1
        )
        .into();
        let mut marked = 0;
        for r in r0..=last_r {
            let grow = (last_c + 1).saturating_sub(self.rows[r].len());
            budget.take(grow, || self.at(r, last_c))?;
            let row = &mut self.rows[r];
            if grow > 0 {
                row.resize(last_c + 1, Cell::Empty);
            }
            for (c, cell) in
                row.iter_mut().enumerate().take(last_c + 1).skip(c0)
            {
                if (r, c) != (r0, c0) {
                    *cell = Cell::Covered(Rc::clone(&range));
                    marked += 1;
                }
            }
        }
        Ok(marked)
    }

    /// Marks the cells of a sheet's merged ranges, each a first and last
    /// cell, taking the cells rows grow by from `budget`. No spreadsheet
    /// program writes ranges that overlap, so together they mark no more
    /// cells than the grid holds; ranges that do (each over most of the
    /// sheet, listed thousands of times) would cost their number times the
    /// sheet's cells, and are refused.
    pub fn merge_all(
        &mut self,
        mut ranges: Vec<((u32, u32), (u32, u32))>,
        budget: &mut Budget,
    ) -> Result<(), Error> {
        ranges.sort_unstable();
        ranges.dedup();
        // The used range's width, once: ranges only mark inside it.
        let width = self.width();
        let mut left = self.rows.len().saturating_mul(width);
        for (first, last) in ranges {
            let marked = self.merge(first, last, width, budget)?;
            left = left.checked_sub(marked).ok_or_else(|| {
                limits::over(
                    format!("{}!A1", self.name),
                    format!(
                        "the sheet's merged ranges overlap: together they \
                         cover more than its {} cells",
                        self.rows.len().saturating_mul(width)
                    ),
                )
            })?;
        }
        Ok(())
    }
}

/// The problems found so far, each once, the first [`limits::PROBLEMS`]
/// of them listed.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<CellProblem>,
    // The cell and kind of each problem listed: one cell has one problem
    // of a kind, so a second is the first again.
    seen: HashSet<(String, CellIssue)>,
    // Whether problems were found past the cap.
    more: bool,
}

impl Problems {
    pub fn push(&mut self, cell: String, issue: CellIssue, message: String) {
        if self.list.len() >= limits::PROBLEMS {
            // Not kept, so not counted either: one more might be one
            // listed already.
            self.more |= !self.seen.contains(&(cell, issue));
            return;
        }
        if self.seen.insert((cell.clone(), issue)) {
            self.list.push(CellProblem { cell, issue, message });
        }
    }

    /// The problems, with one more that says when there were more.
    pub fn into_vec(mut self) -> Vec<CellProblem> {
        if self.more {
            let last = self.list.last().map(|p| p.cell.clone());
            self.list.push(CellProblem {
                cell: last.unwrap_or_default(),
                issue: CellIssue::OverLimit,
                message: format!(
                    "more problems, not listed: at most {} are listed for a \
                     product; is the file in the layout?",
                    limits::PROBLEMS
                ),
            });
        }
        self.list
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
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_and_numbers() {
        let date = |n, e| serial_date(n, e).unwrap().to_string();
        assert_eq!(date(44523.0, Epoch::Y1900), "2021-11-23");
        assert_eq!(date(44523.0, Epoch::Y1904), "2025-11-24");
        assert_eq!(date(0.0, Epoch::Y1904), "1904-01-01");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(1.5), "1.5");
        assert_eq!(whole_number(3.0), Some(3));
        assert_eq!(whole_number(2.5), None);
        assert_eq!(whole_number(-1.0), None);
        assert_eq!(composed("Ha\u{300}"), "H\u{e0}");
    }

    fn merge(g: &mut Grid, first: (u32, u32), last: (u32, u32)) -> usize {
        let width = g.width();
        g.merge(first, last, width, &mut Budget::default()).unwrap()
    }

    #[test]
    fn merge_covers_all_but_the_first() {
        let n = || Cell::Number(1.0);
        let mut g = Grid {
            name: "P".into(),
            rows: vec![vec![n(), n(), n()]],
            ..Grid::default()
        };
        g.rows.push(vec![n(), n()]);
        assert_eq!(merge(&mut g, (1, 1), (1, 2)), 1);
        assert_eq!(g.get(1, 1), &Cell::Number(1.0));
        assert_eq!(g.get(1, 2), &Cell::Covered("B2:C2".into()));
    }

    #[test]
    fn merge_stops_where_the_grid_does() {
        let mut g = Grid {
            name: "P".into(),
            rows: vec![vec![Cell::Empty; 3]],
            ..Grid::default()
        };
        g.rows.push(vec![Cell::Empty]);
        // J1:XFD1048576 lies beyond the grid; B2:XFD1048576 covers C2 in it.
        assert_eq!(merge(&mut g, (0, 9), (1_048_575, 16_383)), 0);
        assert_eq!(merge(&mut g, (1, 1), (1_048_575, 16_383)), 1);
        assert_eq!((g.rows.len(), g.width()), (2, 3));
        assert_eq!(g.get(1, 2), &Cell::Covered("B2:XFD1048576".into()));
    }

    #[test]
    fn ranges_that_overlap_past_the_grid_are_refused() {
        let rows = vec![vec![Cell::Empty; 4]; 4];
        let mut g = Grid { name: "P".into(), rows, ..Grid::default() };
        let mut budget = Budget::default();
        // A range listed twice is one range.
        assert!(g.merge_all(vec![((0, 0), (3, 3)); 2], &mut budget).is_ok());
        let all = (0..4).map(|r| ((r, 0), (3, 3))).collect();
        assert!(g.merge_all(all, &mut budget).is_err());
    }

    /// The cells a merge lays out (rows widened to the range) come from
    /// the budget before they are laid out: two stored cells, A1048576
    /// and XFD1, and A1:XFD1048576 would be 17 billion cells.
    #[test]
    fn a_merge_takes_the_cells_it_lays_out_from_the_budget() {
        let mut g = Grid { name: "P".into(), ..Grid::default() };
        g.rows = vec![Vec::new(); 1 << 20];
        g.rows[0] = vec![Cell::Empty; 1 << 14];
        let mut budget = Budget::default();
        let whole = vec![((0, 0), (1_048_575, 16_383))];
        let e = g.merge_all(whole, &mut budget).unwrap_err().to_string();
        assert!(e.contains("more than 4194304 cells"), "{e}");
        // It stopped at the row that passed the budget.
        assert!(g.rows.iter().filter(|r| !r.is_empty()).count() <= 257);
    }

    #[test]
    fn problems_are_listed_once_and_to_the_cap() {
        let mut p = Problems::default();
        for i in 0..limits::PROBLEMS + 5 {
            p.push(format!("P!A{i}"), CellIssue::NotPoints, "x".into());
            p.push(format!("P!A{i}"), CellIssue::NotPoints, "x".into());
        }
        let v = p.into_vec();
        assert_eq!(v.len(), limits::PROBLEMS + 1);
        assert_eq!(v[limits::PROBLEMS].issue, CellIssue::OverLimit);
        assert!(v[limits::PROBLEMS].message.starts_with("more problems"));
    }
}
