//! Reading the workbook back into a set file (and, for an edition new to
//! the catalog, its edition file), remembering the row of every part,
//! group, criterion and option so that the loader's problems can be put
//! at their cells. Only the workbook's own shape is checked here (a row
//! of no known kind, a value that is not a number, a cell its row does
//! not read); every rule about the criteria is the loader's.

use serde_json::{Map, Value};

use super::layout::{self, KEYS};
use crate::criteria::{EditionInfo, Gap, PartId, SecondSource, SetFile};
use crate::error::{CellIssue, CellProblem};
use crate::workbook::grid::{Cell, Grid, number_text, whole_number};
use crate::workbook::layout::cell as a1;

/// Where each piece of the set was typed: rows of the criteria sheet
/// (0-based), and rows of the identity sheet by key.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    pub parts: Vec<(PartId, u32)>,
    /// Part, group code, row.
    pub sections: Vec<(PartId, String, u32)>,
    /// Part, group code, criterion code, row, its options' rows.
    pub criteria: Vec<(PartId, String, String, u32, Vec<u32>)>,
    /// Identity keys and their rows.
    pub keys: Vec<(&'static str, u32)>,
    /// The first row of the criteria sheet after its last.
    pub end: u32,
}

impl Rows {
    pub fn key(&self, key: &str) -> Option<u32> {
        self.keys.iter().find(|(k, _)| *k == key).map(|(_, r)| *r)
    }
}

/// What the workbook holds.
pub(crate) struct Read {
    pub edition: String,
    pub set: SetFile,
    /// The edition's rules as typed, for an edition new to the catalog.
    pub rules: Option<EditionInfo>,
    pub rows: Rows,
}

/// The problems of a workbook, in the order found.
pub(crate) struct Found(pub Vec<CellProblem>);

impl Found {
    pub(super) fn at(
        &mut self,
        sheet: &str,
        row: u32,
        col: u16,
        issue: CellIssue,
        message: impl Into<String>,
    ) {
        self.0.push(CellProblem {
            cell: a1(sheet, row, col.into()),
            issue,
            message: message.into(),
        });
    }
}

/// A cell's text exactly as typed (a number as a person writes it);
/// `None` when empty.
pub(super) fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Empty | Cell::Covered(_) => None,
        Cell::Text(t) if t.is_empty() => None,
        Cell::Text(t) => Some(t.clone()),
        other => other.text(),
    }
}

/// A whole number in a cell, typed as a number or as text.
pub(super) fn number(c: &Cell) -> Option<Result<u32, String>> {
    let t = text(c)?;
    let n = match c {
        Cell::Number(f) => {
            whole_number(*f).and_then(|n| u32::try_from(n).ok())
        }
        _ => t.trim().parse::<u32>().ok(),
    };
    Some(n.ok_or(t))
}

/// The identity sheet's key rows: key, row, value cells (C, D, E).
fn identity(
    g: &Grid,
    found: &mut Found,
) -> Vec<(&'static str, u32, [Cell; 3])> {
    let mut out = Vec::new();
    for r in 1..g.rows.len() {
        let Some(k) = text(g.get(r, 0)) else { continue };
        let vals =
            [g.get(r, 2).clone(), g.get(r, 3).clone(), g.get(r, 4).clone()];
        match KEYS.iter().find(|x| layout::same(x.key, &k)) {
            Some(x) => out.push((x.key, r as u32, vals)),
            // The heading of the edition's rules spans the row.
            None if g.rows[r]
                .iter()
                .skip(1)
                .all(|c| matches!(c, Cell::Empty | Cell::Covered(_))) => {}
            None => found.at(
                &g.name,
                r as u32,
                0,
                CellIssue::UnknownCode,
                format!("{k:?} is not a key of this sheet"),
            ),
        }
    }
    out
}

/// The workbook's set and the problems of its shape; only the problems
/// when no set can be read at all.
pub(crate) fn read(
    grids: &[Grid],
) -> Result<(Read, Vec<CellProblem>), Vec<CellProblem>> {
    let mut found = Found(Vec::new());
    let sheet =
        |name: &str| grids.iter().find(|g| layout::same(&g.name, name));
    let (Some(id_sheet), Some(crit_sheet)) =
        (sheet(layout::IDENTITY), sheet(layout::CRITERIA))
    else {
        return Err(vec![CellProblem {
            cell: format!("{}!A1", layout::IDENTITY),
            issue: CellIssue::Missing,
            message: format!(
                "a criteria workbook has the sheets {:?} and {:?} (ocop \
                 criteria template writes them)",
                layout::IDENTITY,
                layout::CRITERIA
            ),
        }]);
    };
    let keys = identity(id_sheet, &mut found);
    let name = &id_sheet.name;
    let mut rows = Rows {
        keys: keys.iter().map(|(k, r, _)| (*k, *r)).collect(),
        ..Rows::default()
    };
    // One value of a key that appears once.
    let one = |key: &str, found: &mut Found| -> Option<(u32, String)> {
        let mut it = keys.iter().filter(|(k, _, _)| *k == key);
        let (_, r, v) = it.next()?;
        if let Some((_, r2, _)) = it.next() {
            found.at(
                name,
                *r2,
                0,
                CellIssue::DuplicateId,
                format!("{key} is given twice"),
            );
        }
        text(&v[0]).map(|t| (*r, t))
    };
    let required = |key: &str, found: &mut Found| -> String {
        match one(key, found) {
            Some((_, t)) => t,
            None => {
                let r = rows_key(&keys, key);
                found.at(
                    name,
                    r.unwrap_or(0),
                    if r.is_some() { 2 } else { 0 },
                    CellIssue::Missing,
                    format!("{key}: a value is needed"),
                );
                String::new()
            }
        }
    };
    let edition = required("edition", &mut found);
    let mut set = Map::new();
    set.insert("id".into(), Value::String(required("set", &mut found)));
    set.insert("name".into(), Value::String(required("name", &mut found)));
    for (key, field) in
        [("nganh", "nganh"), ("nhom", "nhom"), ("source", "source")]
    {
        set.insert(
            field.into(),
            Value::String(
                one(key, &mut found).map(|x| x.1).unwrap_or_default(),
            ),
        );
    }
    for key in ["basis", "disqualified_when"] {
        if let Some((_, t)) = one(key, &mut found) {
            set.insert(key.into(), Value::String(t));
        }
    }
    let status = one("status", &mut found);
    set.insert(
        "status".into(),
        Value::String(
            status.as_ref().map(|x| x.1.clone()).unwrap_or_default(),
        ),
    );
    if let Some((r, t)) = one("number", &mut found) {
        match t.trim().parse::<u32>() {
            Ok(n) => drop(set.insert("number".into(), n.into())),
            Err(_) => found.at(
                name,
                r,
                2,
                CellIssue::NotPoints,
                format!("{t:?} is not a set number"),
            ),
        }
    }
    let notes: Vec<Value> = keys
        .iter()
        .filter(|(k, _, _)| *k == "note")
        .filter_map(|(_, _, v)| text(&v[0]).map(Value::String))
        .collect();
    set.insert("notes".into(), Value::Array(notes));
    let mut gaps = Vec::new();
    for (_, r, v) in keys.iter().filter(|(k, _, _)| *k == "gap") {
        if v.iter().all(|c| text(c).is_none()) {
            continue;
        }
        let part = text(&v[0]).and_then(|t| part_id(&t));
        let points = number(&v[1]).and_then(Result::ok);
        match (part, points) {
            (Some(part), Some(points)) => gaps.push(Gap {
                part,
                points,
                text: text(&v[2]).unwrap_or_default(),
            }),
            (None, _) => found.at(
                name,
                *r,
                2,
                CellIssue::NotPoints,
                "a gap names its part: A, B or C",
            ),
            (_, None) => found.at(
                name,
                *r,
                3,
                CellIssue::NotPoints,
                "a gap gives the points missing, a whole number",
            ),
        }
    }
    set.insert("gaps".into(), serde_json::to_value(gaps).unwrap_or_default());
    if let Some((r, t)) = one("second_source", &mut found) {
        // Read as its type here, so that a mistake in it is put at its
        // own cell.
        match serde_json::from_str::<SecondSource>(&t) {
            Ok(x) => {
                let v = serde_json::to_value(x).unwrap_or_default();
                set.insert("second_source".into(), v);
            }
            Err(e) => found.at(
                name,
                r,
                2,
                CellIssue::NotPoints,
                format!("not a second source: {e}"),
            ),
        }
    }
    set.insert("parts".into(), Value::Array(Vec::new()));
    // The identity's own fields, read as the set file's.
    let mut set: SetFile = match serde_json::from_value(Value::Object(set)) {
        Ok(s) => s,
        Err(e) => {
            let r = status.map_or(0, |x| x.0);
            found.at(
                name,
                r,
                2,
                CellIssue::NotPoints,
                format!(
                    "{e} (status is one of {})",
                    layout::STATUSES.join(", ")
                ),
            );
            return Err(found.0);
        }
    };
    set.parts = super::sheet::sheet_parts(crit_sheet, &mut rows, &mut found);
    let given: Vec<(&'static str, u32, [Cell; 3])> = keys
        .iter()
        .filter(|(k, _, _)| {
            KEYS.iter().position(|x| x.key == *k)
                >= KEYS.iter().position(|x| x.key == layout::FIRST_EDITION_KEY)
        })
        .cloned()
        .collect();
    let rules = match crate::catalog::Catalog::official().edition(&edition) {
        None => {
            Some(super::rules::new_edition(&edition, name, &given, &mut found))
        }
        Some(known) => {
            super::rules::same_rules(known.info(), name, &given, &mut found);
            None
        }
    };
    Ok((Read { edition, set, rules, rows }, found.0))
}

fn rows_key(
    keys: &[(&'static str, u32, [Cell; 3])],
    key: &str,
) -> Option<u32> {
    keys.iter().find(|(k, _, _)| *k == key).map(|(_, r, _)| *r)
}

pub(super) fn part_id(t: &str) -> Option<PartId> {
    PartId::ALL.into_iter().find(|p| layout::same(&p.to_string(), t))
}

/// The cell as the value the template writes, for comparing.
pub(super) fn as_v(c: &Cell) -> Option<String> {
    match c {
        Cell::Number(f) => Some(number_text(*f)),
        _ => text(c),
    }
}
