//! Problems located at a cell of a workbook or CSV file: what the
//! workbook readers and the criteria builder report, one per cell, so
//! that a secretary can fix each in the spreadsheet and read it again.

use serde::{Deserialize, Serialize};

/// One problem in a workbook or CSV file of evaluations, at its cell.
///
/// # Example
///
/// ```
/// let p = ocop::CellProblem {
///     cell: "P1!G5".into(),
///     issue: ocop::CellIssue::NotPoints,
///     message: "\"ba\" is not points".into(),
/// };
/// assert_eq!(p.to_string(), "P1!G5: \"ba\" is not points");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    /// Where: `sheet!A1`, or `sheet!A1:B2` for a range; a CSV file's
    /// name stands for its sheet.
    pub cell: String,
    /// What kind of problem.
    pub issue: CellIssue,
    /// What is wrong, for the person who fixes the cell.
    pub message: String,
}

impl std::fmt::Display for CellProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.cell, self.message)
    }
}

/// The kind of a [`CellProblem`]. New kinds may be added in minor
/// releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CellIssue {
    /// A required sheet or column is missing.
    Missing,
    /// The set, edition or date does not place the product.
    UnknownSet,
    /// A product has no sheet of points.
    MissingSheet,
    /// A criterion code the set's sheet does not have.
    UnknownCode,
    /// A criterion code listed a second time (at the second; the message
    /// names the first).
    RepeatedCode,
    /// Points no option of the criterion gives.
    NoSuchPoints,
    /// Points that more than one option gives: the option must be said.
    AmbiguousPoints,
    /// A value that is not points or an option.
    NotPoints,
    /// A value that is not a date, or a date outside the years the
    /// decisions can concern (2000 to 2100).
    BadDate,
    /// A value that is not yes or no.
    NotYesNo,
    /// A value typed in the row of a criterion that only heads others.
    HeadingValue,
    /// A member column without a name.
    UnnamedMember,
    /// Two member columns, or two headers, with the same name.
    DuplicateName,
    /// A merged cell where a value belongs.
    MergedCell,
    /// An id listed twice (each row after the first names the first), or
    /// products whose sheets of points are one sheet.
    DuplicateId,
    /// A product without an id.
    NoId,
    /// Rows of one product that disagree on a product field (CSV).
    Conflict,
    /// A criteria workbook breaks a rule of criteria data: a problem the
    /// loader found (its sentence is the message), or a value on a row
    /// that cannot hold it, such as a star minimum off an option's row.
    CriteriaRule,
    /// A cap of the reader's resource contract passed: too many cells,
    /// rows, members, products or problems, or too long a text.
    OverLimit,
    /// A member's answer is missing where the scorer needs one: at the
    /// member's cell of that criterion (or the member's header).
    MissingAnswer,
    /// A member answered a criterion that does not apply, at that cell.
    NotApplicable,
}
