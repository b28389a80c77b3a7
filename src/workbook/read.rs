//! The workbook layout read: the products sheet, then each product's
//! sheet of points, into evaluations or error records.

use std::collections::HashMap;

use crate::catalog::{Catalog, CriteriaSet};
use crate::error::{CellIssue, Error, ErrorKind, Result};
use crate::evaluation::{Evaluation, MemberSheet};
use crate::options::ScoreOptions;

use super::grid::{Cell, Grid, Problems};
use super::layout::{self, Field, Reserved};
use super::product::{Draft, code};
use super::resolve;

/// A whole-file problem: the workbook cannot be read as the layout.
fn whole(cell: String, issue: CellIssue, message: String) -> Error {
    let mut p = Problems::default();
    p.push(cell, issue, message);
    ErrorKind::Workbook { problems: p.0 }.into()
}

/// Reads every product of a workbook's sheets.
pub(crate) fn evaluations(
    grids: &[Grid],
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> Result<Vec<Result<Evaluation<'static>>>> {
    let find = |name: &str| grids.iter().position(|g| g.name == name);
    let products = find(layout::PRODUCTS)
        .or_else(|| {
            grids.iter().position(|g| {
                layout::same(&g.name, layout::PRODUCTS)
                    || layout::PRODUCTS_ALSO
                        .iter()
                        .any(|n| layout::same(&g.name, n))
            })
        })
        .ok_or_else(|| {
            whole(
                format!("{}!A1", layout::PRODUCTS),
                CellIssue::Missing,
                format!(
                    "no sheet named {:?}: the workbook's products are listed \
                     there, one a row",
                    layout::PRODUCTS
                ),
            )
        })?;
    let sheet = &grids[products];
    let columns = product_columns(sheet)?;
    // Every row's id and sheet of points, to find an id listed twice and
    // a sheet that two products would be scored from.
    let col = |f| columns.iter().find(|(_, g)| *g == Some(f)).map(|c| c.0);
    let (id_col, sheet_col) = (col(Field::Id), col(Field::Sheet));
    let text = |r, c: Option<usize>| c.and_then(|c| sheet.get(r, c).text());
    let mut rows_of: HashMap<String, Vec<usize>> = HashMap::new();
    let mut rows_of_sheet: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in 1..sheet.rows.len() {
        let id = text(r, id_col);
        let name = text(r, sheet_col).or(id.clone());
        if let Some(g) = name.and_then(|n| sheet_of(grids, &n)) {
            rows_of_sheet.entry(g).or_default().push(r);
        }
        if let Some(id) = id {
            rows_of.entry(id).or_default().push(r);
        }
    }
    // The id cells of some rows, for a problem that names them all.
    let id_cells = |rows: &[usize]| {
        let cells: Vec<String> =
            rows.iter().map(|&x| sheet.at(x, id_col.unwrap_or(0))).collect();
        cells.join(", ")
    };
    let mut out = Vec::new();
    for r in 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_blank) {
            continue;
        }
        let mut d = Draft { epoch: sheet.epoch, ..Draft::default() };
        for (c, f) in &columns {
            let cell = sheet.get(r, *c);
            let at = sheet.at(r, *c);
            match f {
                Some(f) => d.field(*f, cell, at),
                None => {
                    let name = sheet.get(0, *c).text().unwrap_or_default();
                    d.carry(&name, cell, &at);
                }
            }
        }
        let id = d.ev.id.as_deref().map(str::to_owned);
        let id_at = sheet.at(r, id_col.unwrap_or(0));
        match &id {
            None => d.problems.push(
                id_at.clone(),
                CellIssue::DuplicateId,
                "no id: each product needs one".into(),
            ),
            Some(id) => {
                let rows = &rows_of[id];
                if rows.len() > 1 {
                    d.problems.push(
                        id_at.clone(),
                        CellIssue::DuplicateId,
                        format!(
                            "id {id:?} is listed more than once ({})",
                            id_cells(rows)
                        ),
                    );
                }
            }
        }
        if d.set_at.is_empty() {
            let at = columns
                .iter()
                .find(|(_, f)| *f == Some(Field::Set))
                .map_or_else(|| sheet.at(r, 0), |(c, _)| sheet.at(r, *c));
            d.problems.push(
                at,
                CellIssue::UnknownSet,
                "no set: give the set id or phân nhóm name".into(),
            );
        }
        let set =
            if d.set_at.is_empty() { None } else { d.place(catalog, opts) };
        let name = d.sheet.clone().or(id.clone());
        let found = name.as_deref().and_then(|n| sheet_of(grids, n));
        // Other products whose points are on this sheet (sheet names that
        // differ only in case are one name); one listed under the same id
        // has its problem already.
        let rows = found.and_then(|g| rows_of_sheet.get(&g));
        let rows = rows.map_or(&[][..], Vec::as_slice);
        if rows.iter().any(|&x| x != r && text(x, id_col) != id) {
            d.problems.push(
                id_at.clone(),
                CellIssue::DuplicateId,
                format!(
                    "sheet {:?} holds the points of more than one product \
                     ({}); give each its own sheet, named in the \"sheet\" \
                     column where ids differ only in case",
                    grids[found.unwrap_or(0)].name,
                    id_cells(rows)
                ),
            );
        }
        let grid = found.map(|g| &grids[g]);
        let mut members = Vec::new();
        match (name, grid) {
            (Some(n), None) => d.problems.push(
                id_at,
                CellIssue::MissingSheet,
                format!(
                    "no sheet named {n:?} holds this product's points; name \
                     its sheet so, or give the sheet's name in the \"sheet\" \
                     column"
                ),
            ),
            (_, Some(g)) => {
                if let Some(set) = set {
                    members = points(g, set, opts.inferred, &mut d.problems);
                }
            }
            (None, None) => {}
        }
        out.push(d.finish(members));
    }
    Ok(out)
}

/// The sheet named `name`: exactly, else in another case, as spreadsheet
/// programs compare sheet names.
fn sheet_of(grids: &[Grid], name: &str) -> Option<usize> {
    grids
        .iter()
        .position(|g| g.name == name)
        .or_else(|| grids.iter().position(|g| layout::same(&g.name, name)))
}

/// The products sheet's columns: a field the import reads, or `None` for
/// one carried under its header.
fn product_columns(sheet: &Grid) -> Result<Vec<(usize, Option<Field>)>> {
    let mut p = Problems::default();
    let mut cols = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for c in 0..sheet.width() {
        let cell = sheet.get(0, c);
        if let Cell::Covered(range) = cell {
            p.merged(&sheet.name, range);
            continue;
        }
        let Some(h) = cell.text() else { continue };
        let f = layout::field(&h);
        let key =
            f.map_or_else(|| h.to_lowercase(), |f| layout::name(f).to_owned());
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            p.push(
                sheet.at(0, c),
                CellIssue::DuplicateName,
                format!("column {h:?} is also at {}", sheet.at(0, *first)),
            );
            continue;
        }
        seen.push((key, c));
        cols.push((c, f));
    }
    for need in [Field::Id, Field::Set] {
        if !cols.iter().any(|(_, f)| *f == Some(need)) {
            p.push(
                sheet.at(0, 0),
                CellIssue::Missing,
                format!("no column {:?} in row 1", layout::name(need)),
            );
        }
    }
    if p.is_empty() {
        Ok(cols)
    } else {
        Err(ErrorKind::Workbook { problems: p.0 }.into())
    }
}

/// The members' answers on one product's sheet of points; `inferred`
/// lets inferred points name a box whose printed points cannot be read.
fn points(
    g: &Grid,
    set: &CriteriaSet,
    inferred: bool,
    p: &mut Problems,
) -> Vec<MemberSheet<'static>> {
    let mut reserved: Vec<(Reserved, usize)> = Vec::new();
    let mut members: Vec<(usize, String)> = Vec::new();
    for c in 0..g.width() {
        let cell = g.get(0, c);
        if let Cell::Covered(range) = cell {
            p.merged(&g.name, range);
            continue;
        }
        match cell.text() {
            Some(h) => match layout::reserved(&h) {
                // A second column of codes (or of any reserved header)
                // would silently replace the first.
                Some(x) => match reserved.iter().find(|(y, _)| *y == x) {
                    Some((_, first)) => p.push(
                        g.at(0, c),
                        CellIssue::DuplicateName,
                        format!(
                            "column {h:?} repeats column {:?} at {}; keep one",
                            g.get(0, *first).text().unwrap_or_default(),
                            g.at(0, *first)
                        ),
                    ),
                    None => reserved.push((x, c)),
                },
                None => {
                    if let Some((first, _)) =
                        members.iter().find(|(_, m)| layout::same(m, &h))
                    {
                        p.push(
                            g.at(0, c),
                            CellIssue::DuplicateName,
                            format!(
                                "member {h:?} is also the header of {}; each \
                                 member needs a name of their own",
                                g.at(0, *first)
                            ),
                        );
                    } else {
                        members.push((c, h));
                    }
                }
            },
            None => {
                let used = (1..g.rows.len()).any(|r| !g.get(r, c).is_blank());
                if used {
                    p.push(
                        g.at(0, c),
                        CellIssue::UnnamedMember,
                        "this column holds points but no member's name in \
                         row 1"
                            .into(),
                    );
                }
            }
        }
    }
    let code_col = reserved.iter().find(|(x, _)| *x == Reserved::Code);
    let Some(&(_, code_col)) = code_col else {
        p.push(
            g.at(0, 0),
            CellIssue::Missing,
            "no column \"Mã\" (the criterion code) in row 1".into(),
        );
        return Vec::new();
    };
    let sheet = set.sheet();
    let mut answers: Vec<Vec<(String, crate::evaluation::Answer)>> =
        vec![Vec::new(); members.len()];
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in 1..g.rows.len() {
        let cell = g.get(r, code_col);
        if let Cell::Covered(range) = cell {
            p.merged(&g.name, range);
            continue;
        }
        let Some(code) = code(cell) else {
            if members.iter().any(|(c, _)| !g.get(r, *c).is_blank()) {
                p.push(
                    g.at(r, code_col),
                    CellIssue::UnknownCode,
                    "points without a criterion code".into(),
                );
            }
            continue;
        };
        let Some(criterion) = sheet.criterion(&code) else {
            p.push(
                g.at(r, code_col),
                CellIssue::UnknownCode,
                format!(
                    "criterion {code:?} is not on the sheet of set {} ({})",
                    set.id(),
                    set.edition()
                ),
            );
            continue;
        };
        if criterion.header {
            continue;
        }
        if let Some(first) = seen.insert(code.clone(), r) {
            p.push(
                g.at(r, code_col),
                CellIssue::UnknownCode,
                format!(
                    "criterion {code} is listed twice, first at {}",
                    g.at(first, code_col)
                ),
            );
            continue;
        }
        for (m, (c, _)) in members.iter().enumerate() {
            let cell = g.get(r, *c);
            if let Cell::Covered(range) = cell {
                p.merged(&g.name, range);
                continue;
            }
            let got = resolve::written(cell).and_then(|w| {
                w.map(|w| resolve::answer(criterion, w, inferred)).transpose()
            });
            match got {
                Ok(Some(a)) => answers[m].push((code.clone(), a)),
                Ok(None) => {}
                Err((issue, message)) => p.push(g.at(r, *c), issue, message),
            }
        }
    }
    members
        .into_iter()
        .zip(answers)
        .map(|((_, name), a)| MemberSheet::new(name, a))
        .collect()
}
