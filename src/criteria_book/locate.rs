//! The loader's problems at the workbook's cells. A problem names its
//! file, part, group, criterion and option; the rows the reader kept say
//! where those were typed, and a few words of the loader's sentence say
//! which cell of the row it is about. The sentence itself is the
//! loader's, whole.

use super::layout::{self, Col};
use super::read::Rows;
use crate::criteria::Problem;
use crate::error::{CellIssue, CellProblem};
use crate::workbook::layout::cell as a1;

/// The first of `words` the message holds picks the column; else `or`.
fn column(message: &str, words: &[(&str, Col)], or: Col) -> Col {
    words.iter().find(|(w, _)| message.contains(w)).map_or(or, |(_, c)| *c)
}

/// The cell of the identity sheet that a set-wide or edition-wide problem
/// is about.
fn identity(rows: &Rows, message: &str, edition: bool) -> String {
    let keys: &[(&str, &str)] = if edition {
        &[
            ("part maxima", "part_max"),
            ("band", "band"),
            ("rounding", "rounding"),
            ("in_force", "in_force"),
            ("transition", "edition"),
        ]
    } else {
        &[
            ("set id", "set"),
            ("basis", "basis"),
            ("second_source", "second_source"),
        ]
    };
    let key = keys
        .iter()
        .find(|(w, _)| message.contains(w))
        .map_or("edition", |(_, k)| k);
    let key = if !edition && key == "edition" { "set" } else { key };
    let row = rows.key(key).or_else(|| rows.key("edition")).unwrap_or(0);
    a1(layout::IDENTITY, row, 2)
}

/// Where a loader problem goes.
pub(crate) fn cell(rows: &Rows, p: &Problem) -> CellProblem {
    let m = p.message.as_str();
    let sheet = layout::CRITERIA;
    let at = |row: u32, col: Col| a1(sheet, row, col.at().into());
    let part = p.part.as_deref().and_then(|t| {
        crate::criteria::PartId::ALL.into_iter().find(|x| x.to_string() == t)
    });
    let crit = p.criterion.as_deref().and_then(|code| {
        let mut same = rows.criteria.iter().filter(|(pt, s, c, _, _)| {
            c == code
                && part.is_none_or(|x| x == *pt)
                && p.section.as_deref().is_none_or(|x| x == s)
        });
        // A code given twice is reported at its second row.
        if m.contains("appears twice") { same.nth(1) } else { same.next() }
    });
    let cell = if p.file.ends_with("/edition.json") {
        identity(rows, m, true)
    } else if let (Some(c), Some(i)) = (crit, p.option) {
        let row = c.4.get(i.wrapping_sub(1)).copied().unwrap_or(c.3);
        at(
            row,
            column(
                m,
                &[
                    ("gate", Col::Star),
                    ("case", Col::Case),
                    ("inferred", Col::More),
                ],
                Col::Points,
            ),
        )
    } else if let Some(c) = crit {
        let col = column(
            m,
            &[
                ("a header", Col::Max),
                ("applies_if", Col::AppliesIf),
                ("apply only", Col::Code),
                ("code", Col::Code),
                ("knock-out", Col::Knockout),
                ("parent", Col::Parent),
                ("yes/no", Col::Type),
                ("no options", Col::Text),
                ("options", Col::Text),
                ("cases", Col::Code),
                ("max", Col::Max),
            ],
            Col::Code,
        );
        at(c.3, col)
    } else if let Some(s) = p.section.as_deref().and_then(|code| {
        rows.sections
            .iter()
            .find(|(pt, c, _)| c == code && part.is_none_or(|x| x == *pt))
    }) {
        at(s.2, column(m, &[("add up", Col::Max)], Col::Code))
    } else if let Some(r) =
        part.and_then(|x| rows.parts.iter().find(|(pt, _)| *pt == x))
    {
        at(r.1, column(m, &[("add up", Col::Max)], Col::Part))
    } else if m.contains("parts must be") {
        at(rows.parts.first().map_or(1, |x| x.1), Col::Part)
    } else if m.contains("criteria: a set may have") {
        at(rows.end, Col::Kind)
    } else {
        identity(rows, m, false)
    };
    CellProblem {
        cell,
        issue: CellIssue::CriteriaRule,
        message: p.to_string(),
    }
}
