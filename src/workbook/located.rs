//! Where each member's answers stand in the file, so that a problem the
//! scorer finds in a product read from a workbook (a missing answer, an
//! answer to a criterion that does not apply) names its cell, as the
//! reader's own problems do. The rule stays the scorer's: this only
//! places its error.

use std::collections::HashMap;

use crate::error::{CellIssue, CellProblem, Error, ErrorKind};

use super::layout;

/// One product's cells: a sheet of points (members by column, criteria
/// by row), or the rows of the CSV form.
#[derive(Debug, Clone)]
pub(crate) enum Located {
    Sheet {
        sheet: String,
        /// Each member's column, by the name as compared.
        columns: HashMap<String, u32>,
        /// Each criterion's first row.
        rows: HashMap<String, u32>,
    },
    Csv {
        file: String,
        /// Each member's first row and the member column.
        members: HashMap<String, (u32, u32)>,
        /// The cell of each member's answer: (member, code) to row, column.
        answers: HashMap<(String, String), (u32, u32)>,
    },
}

impl Located {
    /// The cell of `member`'s answer to `criterion`: where it is, or
    /// where it belongs; else the member's own cell.
    fn cell(&self, member: &str, criterion: &str) -> Option<String> {
        let m = layout::folded(member);
        match self {
            Located::Sheet { sheet, columns, rows } => {
                let col = *columns.get(&m)?;
                let row = rows.get(criterion).copied().unwrap_or(0);
                Some(layout::cell(sheet, row, col))
            }
            Located::Csv { file, members, answers } => {
                let key = (m, criterion.to_owned());
                let (r, c) = match answers.get(&key) {
                    Some(&rc) => rc,
                    None => *members.get(&key.0)?,
                };
                Some(layout::cell(file, r, c))
            }
        }
    }

    /// The scorer's error as a problem at its cell, when it names a
    /// member and a criterion the file places; else the error as it was.
    pub fn locate(&self, e: Error) -> Error {
        let (issue, member, criterion) = match e.kind() {
            ErrorKind::MissingAnswer { member, criterion, .. } => {
                (CellIssue::MissingAnswer, member, criterion)
            }
            ErrorKind::NotApplicable { member, criterion, .. } => {
                (CellIssue::NotApplicable, member, criterion)
            }
            _ => return e,
        };
        let Some(cell) = self.cell(member, criterion) else { return e };
        let problem =
            CellProblem { cell, issue, message: e.kind().to_string() };
        Error::from(ErrorKind::Workbook { problems: vec![problem] })
            .for_product(e.product())
    }
}
