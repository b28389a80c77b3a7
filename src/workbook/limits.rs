//! The reader's resource contract: every cap on what a workbook or CSV
//! file may make the import hold, named once, and checked before the
//! memory is taken.
//!
//! A portal that takes uploads reads whatever it is sent, so a file of a
//! few kilobytes must not make the reader lay out billions of cells (a
//! merged range over the whole sheet, an `.ods` table declared 9,000
//! rows by 9,000 columns). Each cap is well above a council's round (1,000
//! products of 30 rows and 10 members) and well below what a 1 GB process
//! can hold. Over a cap the file is refused with a problem that names the
//! cap and the cell where it was passed; the README's "Resource contract"
//! lists the same numbers.

use std::ops::RangeInclusive;

use crate::error::{CellIssue, CellProblem, Error, ErrorKind};

/// The cells a workbook's sheets may lay out together: each row from
/// column A to its last used cell, the cells merged ranges fill, and, for
/// `.ods` and `.xls`, the table the file declares. At about 32 bytes a
/// cell this is 128 MiB.
pub(crate) const CELLS: usize = 4 << 20;

/// The rows of one sheet or CSV file: Excel's own limit.
pub(crate) const ROWS: usize = 1 << 20;

/// The members of one product: a council has 5 to 15.
pub(crate) const MEMBERS: usize = 1_000;

/// The products of one file: a hundred times a province's round.
pub(crate) const PRODUCTS: usize = 100_000;

/// The characters of one text cell: Excel's own limit.
pub(crate) const TEXT_CHARS: usize = 32_767;

/// The problems listed for one product; past them one problem says how
/// many more there were. A sheet with more is filled in the wrong layout.
pub(crate) const PROBLEMS: usize = 1_000;

/// The bytes a workbook's parts may unpack to together (`.xlsx`, `.ods`),
/// by the sizes the archive declares; the `.ods` sheet part is also
/// counted as it is read. A file of 1 MB can unpack to 1 GB.
pub(crate) const UNPACKED_BYTES: u64 = 128 << 20;

/// The years a date cell may hold: those the decisions can concern. A
/// date outside them is a number typed into a date cell, or a typo.
pub(crate) const YEARS: RangeInclusive<i32> = 2000..=2100;

/// A problem over a cap: the whole file is refused, at `cell`.
pub(crate) fn over(cell: String, message: String) -> Error {
    ErrorKind::Workbook {
        problems: vec![CellProblem {
            cell,
            issue: CellIssue::OverLimit,
            message,
        }],
    }
    .into()
}

/// What is left of [`CELLS`] while a workbook is read.
#[derive(Debug)]
pub(crate) struct Budget {
    left: usize,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { left: CELLS }
    }
}

impl Budget {
    /// Takes `n` cells, or refuses at `cell` (made only on refusal).
    pub fn take(
        &mut self,
        n: usize,
        cell: impl FnOnce() -> String,
    ) -> Result<(), Error> {
        match self.left.checked_sub(n) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(over(
                cell(),
                format!(
                    "the file lays out more than {CELLS} cells (each row from \
                     column A to its last used cell, merged ranges and \
                     declared tables included); split it into smaller files"
                ),
            )),
        }
    }
}

/// A text cell longer than [`TEXT_CHARS`] is refused at its cell. Counted
/// in bytes first: most text is far shorter than the cap in either.
pub(crate) fn text(
    t: &str,
    cell: impl FnOnce() -> String,
) -> Result<(), Error> {
    if t.len() > TEXT_CHARS && t.chars().count() > TEXT_CHARS {
        return Err(over(
            cell(),
            format!("a text cell holds more than {TEXT_CHARS} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_refuses_past_its_cells_at_the_cell() {
        let mut b = Budget::default();
        b.take(CELLS - 1, || unreachable!()).unwrap();
        b.take(1, || unreachable!()).unwrap();
        let e = b.take(1, || "P!A2".into()).unwrap_err();
        let ErrorKind::Workbook { problems } = e.kind() else { panic!() };
        assert_eq!(problems[0].cell, "P!A2");
        assert_eq!(problems[0].issue, CellIssue::OverLimit);
        assert!(problems[0].message.contains("4194304 cells"));
        assert!(text(&"ạ".repeat(TEXT_CHARS), || unreachable!()).is_ok());
        assert!(text(&"a".repeat(TEXT_CHARS + 1), || "x".into()).is_err());
    }
}
