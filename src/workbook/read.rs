//! The workbook layout read: the products sheet, then each product's
//! sheet of points, into evaluations or error records.

use std::collections::HashMap;

use crate::catalog::{Catalog, CriteriaSet};
use crate::error::{CellIssue, Error, ErrorKind, Result};
use crate::evaluation::MemberSheet;
use crate::options::ScoreOptions;

use super::Products;
use super::grid::{Cell, Grid, Problems};
use super::layout::{self, Field, Reserved};
use super::limits;
use super::located::Located;
use super::product::{ProductBeingRead, code};
use super::resolve;

/// A whole-file problem: the workbook cannot be read as the layout.
fn file_error(cell: String, issue: CellIssue, message: String) -> Error {
    let mut p = Problems::default();
    p.push(cell, issue, message);
    ErrorKind::Workbook { problems: p.into_vec() }.into()
}

/// Reads every product of a workbook's sheets.
pub(crate) fn evaluations(
    grids: &[Grid],
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> Result<Products> {
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
            file_error(
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
    let index = SheetIndex::new(grids);
    let columns = product_columns(sheet)?;
    // Every row's id and sheet of points, to find an id listed twice and
    // a sheet that two products would be scored from.
    let col = |f| columns.iter().find(|(_, g)| *g == Some(f)).map(|c| c.0);
    let (id_col, sheet_col) = (col(Field::Id), col(Field::Sheet));
    let text = |r, c: Option<usize>| c.and_then(|c| sheet.get(r, c).text());
    if sheet.rows.len() > limits::PRODUCTS + 1 {
        return Err(limits::over(
            sheet.at(limits::PRODUCTS + 1, 0),
            format!(
                "the products sheet lists more than {} products; split it \
                 into smaller files",
                limits::PRODUCTS
            ),
        ));
    }
    // The first two rows of each id, and of each sheet of points the
    // first row and the first row of another id: enough to name, for any
    // row, the first row it repeats or shares a sheet with, whatever the
    // number of rows.
    let mut rows_of: HashMap<String, (usize, Option<usize>)> = HashMap::new();
    let mut rows_of_sheet: HashMap<usize, (usize, Option<usize>)> =
        HashMap::new();
    for r in 1..sheet.rows.len() {
        let id = text(r, id_col);
        let name = text(r, sheet_col).or(id.clone());
        if let Some(g) = name.and_then(|n| index.get(&n)) {
            let e = rows_of_sheet.entry(g).or_insert((r, None));
            if e.1.is_none() && e.0 != r && text(e.0, id_col) != id {
                e.1 = Some(r);
            }
        }
        if let Some(id) = id {
            let e = rows_of.entry(id).or_insert((r, None));
            if e.1.is_none() && e.0 != r {
                e.1 = Some(r);
            }
        }
    }
    let id_cell = |x: usize| sheet.at(x, id_col.unwrap_or(0));
    let mut out = Products::default();
    for r in 1..sheet.rows.len() {
        if sheet.rows[r].iter().all(Cell::is_blank) {
            continue;
        }
        let mut d = ProductBeingRead {
            epoch: sheet.epoch,
            ..ProductBeingRead::default()
        };
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
                CellIssue::NoId,
                "no id: each product needs one".into(),
            ),
            Some(id) => match rows_of[id] {
                (first, Some(again)) if first == r => d.problems.push(
                    id_at.clone(),
                    CellIssue::DuplicateId,
                    format!(
                        "id {id:?} is listed more than once: here first, \
                         again at {}",
                        id_cell(again)
                    ),
                ),
                (first, Some(_)) => d.problems.push(
                    id_at.clone(),
                    CellIssue::DuplicateId,
                    format!(
                        "id {id:?} is listed more than once, first at {}",
                        id_cell(first)
                    ),
                ),
                _ => {}
            },
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
        let found = name.as_deref().and_then(|n| index.get(n));
        // Another product whose points are on this sheet (sheet names that
        // differ only in case are one name); one listed under the same id
        // has its problem already.
        let shared = found.and_then(|g| rows_of_sheet.get(&g)).and_then(
            |&(first, other)| {
                if text(first, id_col) != id { Some(first) } else { other }
            },
        );
        if let Some(other) = shared {
            d.problems.push(
                id_at.clone(),
                CellIssue::DuplicateId,
                format!(
                    "sheet {:?} holds the points of more than one product \
                     (also {}); give each its own sheet, named in the \
                     \"sheet\" column where ids differ only in case",
                    grids[found.unwrap_or(0)].name,
                    id_cell(other)
                ),
            );
        }
        let grid = found.map(|g| &grids[g]);
        let mut members = Vec::new();
        let mut located = None;
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
                    let (m, at) =
                        points_sheet(g, set, opts.inferred, &mut d.problems);
                    members = m;
                    located = at;
                }
            }
            (None, None) => {}
        }
        out.push(d.finish(members), located);
    }
    Ok(out)
}

/// The workbook's sheets by name, to find a product's sheet in one step
/// however many sheets there are.
struct SheetIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl SheetIndex {
    fn new(grids: &[Grid]) -> SheetIndex {
        let mut exact = HashMap::new();
        let mut folded = HashMap::new();
        for (i, g) in grids.iter().enumerate() {
            exact.entry(g.name.clone()).or_insert(i);
            folded.entry(layout::folded(&g.name)).or_insert(i);
        }
        SheetIndex { exact, folded }
    }

    /// The sheet named `name`: exactly, else in another case, as
    /// spreadsheet programs compare sheet names.
    fn get(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.folded.get(&layout::folded(name)))
            .copied()
    }
}

/// The products sheet's columns: a field the import reads, or `None` for
/// one carried under its header.
fn product_columns(sheet: &Grid) -> Result<Vec<(usize, Option<Field>)>> {
    let mut p = Problems::default();
    let mut cols = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for c in 0..sheet.width() {
        let cell = sheet.get(0, c);
        if let Cell::Covered(range) = cell {
            p.merged(&sheet.name, range);
            continue;
        }
        let Some(h) = cell.text() else { continue };
        // The CSV form's own columns (`points`, `member`, ...) are carried
        // here like any other.
        let f = layout::product_field(&h);
        let key =
            f.map_or_else(|| h.to_lowercase(), |f| layout::name(f).to_owned());
        if let Some(first) = seen.get(&key) {
            p.push(
                sheet.at(0, c),
                CellIssue::DuplicateName,
                format!("column {h:?} is also at {}", sheet.at(0, *first)),
            );
            continue;
        }
        seen.insert(key, c);
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
        Err(ErrorKind::Workbook { problems: p.into_vec() }.into())
    }
}

/// The members' answers on one product's sheet of points; `inferred`
/// lets inferred points name a box whose printed points cannot be read.
fn points_sheet(
    g: &Grid,
    set: &CriteriaSet,
    inferred: bool,
    p: &mut Problems,
) -> (Vec<MemberSheet<'static>>, Option<Located>) {
    let mut reserved: Vec<(Reserved, usize)> = Vec::new();
    let mut members: Vec<(usize, String)> = Vec::new();
    // Members by name as compared, to find a name given twice.
    let mut names: HashMap<String, usize> = HashMap::new();
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
                    if let Some(&first) = names.get(&layout::folded(&h)) {
                        p.push(
                            g.at(0, c),
                            CellIssue::DuplicateName,
                            format!(
                                "member {h:?} is also the header of {}; each \
                                 member needs a name of their own",
                                g.at(0, first)
                            ),
                        );
                    } else if members.len() == limits::MEMBERS {
                        p.push(
                            g.at(0, c),
                            CellIssue::OverLimit,
                            format!(
                                "more than {} members: a product is scored by \
                                 at most {0}",
                                limits::MEMBERS
                            ),
                        );
                        break;
                    } else {
                        names.insert(layout::folded(&h), c);
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
        return (Vec::new(), None);
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
            // A heading groups others and takes no points of its own.
            for (c, _) in &members {
                if g.get(r, *c).text().is_some() {
                    p.push(
                        g.at(r, *c),
                        CellIssue::HeadingValue,
                        format!(
                            "criterion {code} heads others and takes no \
                             points: give them on its sub-criteria"
                        ),
                    );
                }
            }
            continue;
        }
        // The first row of the code stays the one named.
        let first = *seen.entry(code.clone()).or_insert(r);
        if first != r {
            p.push(
                g.at(r, code_col),
                CellIssue::RepeatedCode,
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
            let got = resolve::cell_value(cell).and_then(|w| {
                w.map(|w| resolve::answer(criterion, w, inferred)).transpose()
            });
            match got {
                Ok(Some(a)) => answers[m].push((code.clone(), a)),
                Ok(None) => {}
                Err((issue, message)) => p.push(g.at(r, *c), issue, message),
            }
        }
    }
    let located = Located::Sheet {
        sheet: g.name.clone(),
        columns: members
            .iter()
            .map(|(c, name)| (layout::folded(name), *c as u32))
            .collect(),
        rows: seen.into_iter().map(|(code, r)| (code, r as u32)).collect(),
    };
    let members = members
        .into_iter()
        .zip(answers)
        .map(|((_, name), a)| MemberSheet::new(name, a))
        .collect();
    (members, Some(located))
}
