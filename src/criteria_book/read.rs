//! Reading the workbook back into a set file (and, for an edition new to
//! the catalog, its edition file), remembering the row of every part,
//! group, criterion and option so that the loader's problems can be put
//! at their cells. Only the workbook's own shape is checked here (a row
//! of no known kind, a value that is not a number, a cell its row does
//! not read); every rule about the criteria is the loader's.

use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::layout::{self, COLUMNS, Col, HEADER, KEYS, KNOCKOUTS, Kind, YES_NO};
use super::write::{self, V};
use crate::criteria::{
    Band, Criterion, Decision, EditionInfo, Gap, InForce, Part, PartId,
    PartPoints, Rounding, RoundingMode, Section, SetFile, Tables,
};
use crate::error::{CellIssue, CellProblem};
use crate::workbook::grid::{Cell, Grid, number_text, whole};
use crate::workbook::layout::{cell as a1, yes_no_word};

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
    fn at(&mut self, sheet: &str, row: u32, col: u16, issue: CellIssue, message: impl Into<String>) {
        self.0.push(CellProblem { cell: a1(sheet, row, col.into()), issue, message: message.into() });
    }
}

/// A cell's text exactly as typed (a number as a person writes it);
/// `None` when empty.
fn text(c: &Cell) -> Option<String> {
    match c {
        Cell::Empty | Cell::Covered(_) => None,
        Cell::Text(t) if t.is_empty() => None,
        Cell::Text(t) => Some(t.clone()),
        other => other.text(),
    }
}

/// A whole number in a cell, typed as a number or as text.
fn number(c: &Cell) -> Option<Result<u32, String>> {
    let t = text(c)?;
    let n = match c {
        Cell::Number(f) => whole(*f).and_then(|n| u32::try_from(n).ok()),
        _ => t.trim().parse::<u32>().ok(),
    };
    Some(n.ok_or(t))
}

/// The identity sheet's key rows: key, row, value cells (C, D, E).
fn identity(g: &Grid, found: &mut Found) -> Vec<(&'static str, u32, [Cell; 3])> {
    let mut out = Vec::new();
    for r in 1..g.rows.len() {
        let Some(k) = text(g.get(r, 0)) else { continue };
        let vals = [g.get(r, 2).clone(), g.get(r, 3).clone(), g.get(r, 4).clone()];
        match KEYS.iter().find(|x| layout::same(x.key, &k)) {
            Some(x) => out.push((x.key, r as u32, vals)),
            // The heading of the edition's rules spans the row.
            None if g.rows[r].iter().skip(1).all(|c| matches!(c, Cell::Empty | Cell::Covered(_))) => {}
            None => found.at(&g.name, r as u32, 0, CellIssue::UnknownCode, format!("{k:?} is not a key of this sheet")),
        }
    }
    out
}

/// The workbook's set and the problems of its shape; only the problems
/// when no set can be read at all.
pub(crate) fn read(grids: &[Grid]) -> Result<(Read, Vec<CellProblem>), Vec<CellProblem>> {
    let mut found = Found(Vec::new());
    let sheet = |name: &str| grids.iter().find(|g| layout::same(&g.name, name));
    let (Some(id_sheet), Some(crit_sheet)) = (sheet(layout::IDENTITY), sheet(layout::CRITERIA)) else {
        return Err(vec![CellProblem {
            cell: format!("{}!A1", layout::IDENTITY),
            issue: CellIssue::Missing,
            message: format!(
                "a criteria workbook has the sheets {:?} and {:?} (ocop criteria template writes them)",
                layout::IDENTITY,
                layout::CRITERIA
            ),
        }]);
    };
    let keys = identity(id_sheet, &mut found);
    let name = &id_sheet.name;
    let mut rows = Rows { keys: keys.iter().map(|(k, r, _)| (*k, *r)).collect(), ..Rows::default() };
    // One value of a key that appears once.
    let one = |key: &str, found: &mut Found| -> Option<(u32, String)> {
        let mut it = keys.iter().filter(|(k, _, _)| *k == key);
        let (_, r, v) = it.next()?;
        if let Some((_, r2, _)) = it.next() {
            found.at(name, *r2, 0, CellIssue::DuplicateId, format!("{key} is given twice"));
        }
        text(&v[0]).map(|t| (*r, t))
    };
    let required = |key: &str, found: &mut Found| -> String {
        match one(key, found) {
            Some((_, t)) => t,
            None => {
                let r = rows_key(&keys, key);
                found.at(name, r.unwrap_or(0), if r.is_some() { 2 } else { 0 }, CellIssue::Missing, format!("{key}: a value is needed"));
                String::new()
            }
        }
    };
    let edition = required("edition", &mut found);
    let mut set = Map::new();
    set.insert("id".into(), Value::String(required("set", &mut found)));
    set.insert("name".into(), Value::String(required("name", &mut found)));
    for (key, field) in [("nganh", "nganh"), ("nhom", "nhom"), ("source", "source")] {
        set.insert(field.into(), Value::String(one(key, &mut found).map(|x| x.1).unwrap_or_default()));
    }
    for key in ["basis", "disqualified_when"] {
        if let Some((_, t)) = one(key, &mut found) {
            set.insert(key.into(), Value::String(t));
        }
    }
    let status = one("status", &mut found);
    set.insert("status".into(), Value::String(status.as_ref().map(|x| x.1.clone()).unwrap_or_default()));
    if let Some((r, t)) = one("number", &mut found) {
        match t.trim().parse::<u32>() {
            Ok(n) => drop(set.insert("number".into(), n.into())),
            Err(_) => found.at(name, r, 2, CellIssue::NotPoints, format!("{t:?} is not a set number")),
        }
    }
    let notes: Vec<Value> = keys.iter().filter(|(k, _, _)| *k == "note").filter_map(|(_, _, v)| text(&v[0]).map(Value::String)).collect();
    set.insert("notes".into(), Value::Array(notes));
    let mut gaps = Vec::new();
    for (_, r, v) in keys.iter().filter(|(k, _, _)| *k == "gap") {
        if v.iter().all(|c| text(c).is_none()) {
            continue;
        }
        let part = text(&v[0]).and_then(|t| part_id(&t));
        let points = number(&v[1]).and_then(Result::ok);
        match (part, points) {
            (Some(part), Some(points)) => gaps.push(Gap { part, points, text: text(&v[2]).unwrap_or_default() }),
            (None, _) => found.at(name, *r, 2, CellIssue::NotPoints, "a gap names its part: A, B or C"),
            (_, None) => found.at(name, *r, 3, CellIssue::NotPoints, "a gap gives the points missing, a whole number"),
        }
    }
    set.insert("gaps".into(), serde_json::to_value(gaps).unwrap_or_default());
    if let Some((r, t)) = one("second_source", &mut found) {
        match serde_json::from_str::<Value>(&t) {
            Ok(v) => drop(set.insert("second_source".into(), v)),
            Err(e) => found.at(name, r, 2, CellIssue::NotPoints, format!("not JSON: {e}")),
        }
    }
    set.insert("parts".into(), Value::Array(Vec::new()));
    // The identity's own fields, read as the set file's.
    let mut set: SetFile = match serde_json::from_value(Value::Object(set)) {
        Ok(s) => s,
        Err(e) => {
            let r = status.map_or(0, |x| x.0);
            found.at(name, r, 2, CellIssue::NotPoints, format!("{e} (status is one of {})", layout::STATUSES.join(", ")));
            return Err(found.0);
        }
    };
    set.parts = sheet_parts(crit_sheet, &mut rows, &mut found);
    let given: Vec<(&'static str, u32, [Cell; 3])> = keys
        .iter()
        .filter(|(k, _, _)| KEYS.iter().position(|x| x.key == *k) >= KEYS.iter().position(|x| x.key == layout::FIRST_EDITION_KEY))
        .cloned()
        .collect();
    let rules = match crate::catalog::Catalog::official().edition(&edition) {
        None => Some(new_edition(&edition, name, &given, &mut found)),
        Some(known) => {
            same_rules(known.info(), name, &given, &mut found);
            None
        }
    };
    Ok((Read { edition, set, rules, rows }, found.0))
}

fn rows_key(keys: &[(&'static str, u32, [Cell; 3])], key: &str) -> Option<u32> {
    keys.iter().find(|(k, _, _)| *k == key).map(|(_, r, _)| *r)
}

fn part_id(t: &str) -> Option<PartId> {
    PartId::ALL.into_iter().find(|p| layout::same(&p.to_string(), t))
}

/// The cell as the value the template writes, for comparing.
fn as_v(c: &Cell) -> Option<String> {
    match c {
        Cell::Number(f) => Some(number_text(*f)),
        _ => text(c),
    }
}

/// A bundled edition's rules are its own: a typed row must say what the
/// template wrote, or be left out.
fn same_rules(info: &EditionInfo, sheet: &str, given: &[(&'static str, u32, [Cell; 3])], found: &mut Found) {
    if given.iter().all(|(_, _, v)| v.iter().all(|c| text(c).is_none())) {
        return;
    }
    let want = write::edition_rows(info);
    for key in KEYS.iter().map(|k| k.key).skip_while(|k| *k != layout::FIRST_EDITION_KEY) {
        let w: Vec<&Vec<V>> = want.iter().filter(|(k, _)| *k == key).map(|(_, v)| v).collect();
        let g: Vec<&(&str, u32, [Cell; 3])> = given.iter().filter(|(k, _, _)| *k == key).collect();
        for (i, (_, r, cells)) in g.iter().enumerate() {
            let expect = w.get(i).map(|v| v.as_slice()).unwrap_or(&[]);
            for (c, cell) in cells.iter().enumerate() {
                let e = expect.get(c).map(|v| match v {
                    V::Text(t) => t.clone(),
                    V::Number(n) => n.to_string(),
                });
                let e = e.filter(|t| !t.is_empty());
                if as_v(cell) != e {
                    found.at(sheet, *r, c as u16 + 2, CellIssue::CriteriaRule, format!(
                        "{} is a bundled edition: its rules are the bundled ones, and this cell reads {:?} there; \
                         put the value back, or name a new edition",
                        info.id,
                        e.unwrap_or_default()
                    ));
                }
            }
        }
    }
}

/// The rules of an edition new to the catalog, as typed.
fn new_edition(id: &str, sheet: &str, given: &[(&'static str, u32, [Cell; 3])], found: &mut Found) -> EditionInfo {
    let rows = |key: &'static str| given.iter().filter(move |(k, _, _)| *k == key);
    let missing = |key: &str, found: &mut Found| {
        found.at(sheet, given.last().map_or(0, |x| x.1 + 1), 0, CellIssue::Missing, format!("{key}: the rules of a new edition need this row"))
    };
    let first = |key: &'static str, found: &mut Found| -> Option<(u32, [Cell; 3])> {
        let r = rows(key).next().map(|(_, r, v)| (*r, v.clone()));
        if r.is_none() {
            missing(key, found);
        }
        r
    };
    let num = |r: u32, c: usize, cells: &[Cell; 3], what: &str, found: &mut Found| -> u32 {
        match number(&cells[c]) {
            Some(Ok(n)) => n,
            other => {
                let t = other.and_then(Result::err).unwrap_or_default();
                found.at(sheet, r, c as u16 + 2, CellIssue::NotPoints, format!("{what}: {t:?} is not a whole number"));
                0
            }
        }
    };
    let t = |c: &Cell| text(c).unwrap_or_default();
    let name = first("edition_name", found).map(|(_, v)| t(&v[0])).unwrap_or_default();
    let decisions = rows("decision").map(|(_, _, v)| Decision { number: t(&v[0]), date: t(&v[1]), role: t(&v[2]) }).collect();
    let (from, until) = first("in_force", found).map(|(_, v)| (t(&v[0]), text(&v[1]))).unwrap_or_default();
    let certain = first("in_force_certain", found);
    let flag = |v: &Option<(u32, [Cell; 3])>, c: usize, found: &mut Found| -> bool {
        let Some((r, cells)) = v else { return false };
        match text(&cells[c]).as_deref().map(yes_no_word) {
            Some(Some(b)) => b,
            _ => {
                found.at(sheet, *r, c as u16 + 2, CellIssue::NotPoints, "có or không");
                false
            }
        }
    };
    let (from_certain, until_certain) = (flag(&certain, 0, found), flag(&certain, 1, found));
    let note = rows("in_force_note").next().map(|(_, _, v)| t(&v[0])).unwrap_or_default();
    let parts = match first("part_max", found) {
        Some((r, v)) => PartPoints { a: num(r, 0, &v, "part A", found), b: num(r, 1, &v, "part B", found), c: num(r, 2, &v, "part C", found) },
        None => PartPoints { a: 0, b: 0, c: 0 },
    };
    let mut bands = Vec::new();
    for (_, r, v) in rows("band") {
        let stars = num(*r, 0, v, "stars", found);
        let min = match as_v(&v[1]).map(|x| x.trim().parse::<Decimal>()) {
            Some(Ok(d)) => d,
            _ => {
                found.at(sheet, *r, 3, CellIssue::NotPoints, "the band's lowest total, a number");
                Decimal::ZERO
            }
        };
        bands.push(Band { stars: u8::try_from(stars).unwrap_or(u8::MAX), min, text: t(&v[2]) });
    }
    if bands.is_empty() {
        missing("band", found);
    }
    let rounding = match first("rounding", found) {
        Some((r, v)) => Rounding { decimals: num(r, 0, &v, "decimals", found), mode: RoundingMode::HalfAwayFromZero, source: t(&v[1]) },
        None => Rounding { decimals: 2, mode: RoundingMode::HalfAwayFromZero, source: String::new() },
    };
    let (spread_limit, spread_source) = match first("spread", found) {
        Some((r, v)) => (num(r, 0, &v, "spread", found), t(&v[1])),
        None => (0, String::new()),
    };
    let gates = match first("gates", found) {
        Some((r, v)) => serde_json::from_value(json!(t(&v[0]))).unwrap_or_else(|_| {
            found.at(sheet, r, 2, CellIssue::NotPoints, format!("one of {}", layout::GATES.join(", ")));
            crate::criteria::GateCoverage::Unknown
        }),
        None => crate::criteria::GateCoverage::Unknown,
    };
    EditionInfo {
        id: id.to_owned(),
        name,
        decisions,
        in_force: InForce { from, until, from_certain, until_certain, note },
        parts,
        bands,
        rounding,
        spread_limit,
        spread_source,
        gates,
        // The user's directory holds this set; others may follow.
        tables: Tables::Partial,
        sets_from: None,
        transition: None,
        trust: rows("trust").next().map(|(_, _, v)| t(&v[0])).unwrap_or_default(),
        sources: rows("edition_source").filter_map(|(_, _, v)| text(&v[0])).collect(),
        gaps: rows("edition_gap").filter_map(|(_, _, v)| text(&v[0])).collect(),
    }
}

/// A star typed where there is no option to be the minimum.
const STAR_OFF_OPTION: &str = "a star minimum with no option: a minimum is one \
    option's, typed on that option's row (Phương án)";

/// The columns a kind of row reads.
fn reads(kind: Kind) -> &'static [Col] {
    match kind {
        Kind::Part => &[Col::Kind, Col::Part, Col::Text, Col::Max, Col::More],
        Kind::Section => &[Col::Kind, Col::Code, Col::Text, Col::Max, Col::Label, Col::More],
        Kind::Criterion => &[
            Col::Kind, Col::Code, Col::Text, Col::Max, Col::Knockout, Col::KnockoutText,
            Col::AppliesIf, Col::Type, Col::Parent, Col::Label, Col::More,
        ],
        Kind::Option => &[Col::Kind, Col::Text, Col::Points, Col::Star, Col::Case, Col::More],
        Kind::Note => &[Col::Kind, Col::Text],
        Kind::Case => &[Col::Kind, Col::Case, Col::Text],
    }
}

/// The `Khác (JSON)` cell: an object of further fields.
fn more(g: &Grid, r: usize, found: &mut Found) -> Map<String, Value> {
    let Some(t) = text(g.get(r, Col::More.at().into())) else { return Map::new() };
    match serde_json::from_str(&t) {
        Ok(Value::Object(m)) => m,
        _ => {
            found.at(&g.name, r as u32, Col::More.at(), CellIssue::NotPoints, "not a JSON object");
            Map::new()
        }
    }
}

/// `value` read as `T`; a field it lacks or cannot read is reported at
/// the row's `Khác (JSON)` cell.
fn typed<T: serde::de::DeserializeOwned>(g: &Grid, r: usize, value: Map<String, Value>, found: &mut Found) -> Option<T> {
    serde_json::from_value(Value::Object(value))
        .map_err(|e| found.at(&g.name, r as u32, Col::More.at(), CellIssue::NotPoints, e.to_string()))
        .ok()
}

/// Parts, groups, criteria and options of the criteria sheet.
fn sheet_parts(g: &Grid, rows: &mut Rows, found: &mut Found) -> Vec<Part> {
    let name = g.name.clone();
    let mut parts: Vec<Part> = Vec::new();
    // What a note row or an option row belongs to.
    #[derive(PartialEq)]
    enum Last {
        None,
        Section,
        Criterion,
    }
    let mut last = Last::None;
    rows.end = g.rows.len() as u32;
    for r in 1..g.rows.len() {
        let row = r as u32;
        let cell = |c: Col| g.get(r, c.at().into());
        let Some(kind_text) = text(cell(Col::Kind)) else {
            match COLUMNS.iter().find(|(c, _, _)| text(cell(*c)).is_some()) {
                Some((Col::Star, _, _)) => found.at(&name, row, Col::Star.at(), CellIssue::CriteriaRule, STAR_OFF_OPTION),
                Some((c, _, _)) => found.at(&name, row, c.at(), CellIssue::Missing, format!(
                    "a value on a row of no kind: the kind (column A) is one of {}",
                    layout::KINDS.map(|(_, n)| n).join(", ")
                )),
                None => {}
            }
            continue;
        };
        let Some(kind) = Kind::of(&kind_text) else {
            found.at(&name, row, 0, CellIssue::NotPoints, format!(
                "{kind_text:?} is not a kind of row: one of {}",
                layout::KINDS.map(|(_, n)| n).join(", ")
            ));
            continue;
        };
        for (c, head, _) in COLUMNS {
            if !reads(kind).contains(&c) && text(cell(c)).is_some() {
                let message = if c == Col::Star {
                    STAR_OFF_OPTION.to_owned()
                } else {
                    format!("a {} row has no {head:?}: this cell is not read", kind.name())
                };
                found.at(&name, row, c.at(), CellIssue::CriteriaRule, message);
            }
        }
        let max = |found: &mut Found| match number(cell(Col::Max)) {
            Some(Ok(n)) => n,
            other => {
                let t = other.and_then(Result::err).unwrap_or_default();
                found.at(&name, row, Col::Max.at(), CellIssue::NotPoints, format!("the maximum {t:?} is not a whole number of points"));
                0
            }
        };
        let txt = |c: Col| text(cell(c)).unwrap_or_default();
        let orphan = |found: &mut Found, what: &str| {
            found.at(&name, row, 0, CellIssue::CriteriaRule, format!("{} row before any {what}", kind.name()));
        };
        match kind {
            Kind::Part => {
                let Some(part) = text(cell(Col::Part)).and_then(|t| part_id(&t)) else {
                    found.at(&name, row, Col::Part.at(), CellIssue::NotPoints, "the part: A, B or C");
                    continue;
                };
                let mut v = more(g, r, found);
                v.insert("part".into(), json!(part));
                v.insert("title".into(), json!(txt(Col::Text)));
                v.insert("max".into(), json!(max(found)));
                v.insert("sections".into(), json!([]));
                if let Some(p) = typed::<Part>(g, r, v, found) {
                    parts.push(p);
                    rows.parts.push((part, row));
                }
                last = Last::None;
            }
            Kind::Section => {
                let Some(p) = parts.last_mut() else { orphan(found, "part"); continue };
                let mut v = more(g, r, found);
                v.insert("code".into(), json!(txt(Col::Code)));
                v.insert("title".into(), json!(txt(Col::Text)));
                v.insert("label".into(), json!(txt(Col::Label)));
                v.insert("max".into(), json!(max(found)));
                v.insert("criteria".into(), json!([]));
                if let Some(s) = typed::<Section>(g, r, v, found) {
                    rows.sections.push((p.part, s.code.clone(), row));
                    p.sections.push(s);
                    last = Last::Section;
                }
            }
            Kind::Criterion => {
                let Some(p) = parts.last_mut() else { orphan(found, "part"); continue };
                let part = p.part;
                let Some(s) = p.sections.last_mut() else { orphan(found, "group (Nhóm)"); continue };
                let mut v = more(g, r, found);
                let ko_more = v.remove("knockout_more");
                v.insert("code".into(), json!(txt(Col::Code)));
                v.insert("title".into(), json!(txt(Col::Text)));
                v.insert("label".into(), json!(txt(Col::Label)));
                v.insert("max".into(), json!(max(found)));
                match text(cell(Col::Type)) {
                    None => {}
                    Some(t) if layout::same(&t, HEADER) => drop(v.insert("header".into(), json!(true))),
                    Some(t) if layout::same(&t, YES_NO) => drop(v.insert("yes_no".into(), json!(true))),
                    Some(t) => found.at(&name, row, Col::Type.at(), CellIssue::NotPoints, format!("{t:?}: the type is {HEADER:?}, {YES_NO:?} or empty")),
                }
                if let Some(p) = text(cell(Col::Parent)) {
                    v.insert("parent".into(), json!(p));
                }
                let ko = text(cell(Col::Knockout));
                let ko_text = text(cell(Col::KnockoutText));
                if ko.is_some() || ko_text.is_some() {
                    match ko.as_deref().and_then(|w| KNOCKOUTS.iter().find(|(x, _, _)| layout::same(x, w))) {
                        Some((_, kind, zero)) => {
                            let mut k = match ko_more {
                                Some(Value::Object(m)) => m,
                                _ => Map::new(),
                            };
                            k.insert("kind".into(), json!(kind));
                            k.insert("text".into(), json!(ko_text.unwrap_or_default()));
                            if *zero {
                                k.insert("zero_points".into(), json!(true));
                            }
                            v.insert("knockout".into(), Value::Object(k));
                        }
                        None => found.at(&name, row, Col::Knockout.at(), CellIssue::NotPoints, format!(
                            "the knock-out is one of {}",
                            KNOCKOUTS.map(|(w, _, _)| w).join(", ")
                        )),
                    }
                }
                if let Some(t) = text(cell(Col::AppliesIf)) {
                    match applies(&t) {
                        Some((c, options)) => drop(v.insert("applies_if".into(), json!({"criterion": c, "options": options}))),
                        None => found.at(&name, row, Col::AppliesIf.at(), CellIssue::NotPoints, format!(
                            "{t:?}: write the criterion and its options as \"5.1: 2, 3\""
                        )),
                    }
                }
                if let Some(c) = typed::<Criterion>(g, r, v, found) {
                    rows.criteria.push((part, s.code.clone(), c.code.clone(), row, Vec::new()));
                    s.criteria.push(c);
                    last = Last::Criterion;
                }
            }
            Kind::Option | Kind::Case => {
                let crit = parts.last_mut().and_then(|p| p.sections.last_mut()).and_then(|s| s.criteria.last_mut());
                let (Some(c), Last::Criterion) = (crit, &last) else { orphan(found, "criterion"); continue };
                let case = match number(cell(Col::Case)) {
                    None => None,
                    Some(Ok(n)) => Some(n),
                    Some(Err(t)) => {
                        found.at(&name, row, Col::Case.at(), CellIssue::NotPoints, format!("the case {t:?} is not a number"));
                        None
                    }
                };
                if kind == Kind::Case {
                    if case.is_some_and(|k| k as usize != c.cases.len() + 1) {
                        found.at(&name, row, Col::Case.at(), CellIssue::CriteriaRule, format!("cases are numbered in order: this is case {}", c.cases.len() + 1));
                    }
                    c.cases.push(txt(Col::Text));
                    continue;
                }
                let mut v = more(g, r, found);
                let gate_inferred = v.remove("gate_inferred");
                v.insert("text".into(), json!(txt(Col::Text)));
                let points = match number(cell(Col::Points)) {
                    Some(Ok(n)) => n,
                    other => {
                        let t = other.and_then(Result::err).unwrap_or_default();
                        found.at(&name, row, Col::Points.at(), CellIssue::NotPoints, format!("points {t:?}: a whole number is needed"));
                        0
                    }
                };
                v.insert("points".into(), json!(points));
                if let Some(k) = case {
                    v.insert("case".into(), json!(k));
                }
                match number(cell(Col::Star)) {
                    None => {}
                    Some(Ok(stars)) => {
                        let mut gate = json!({ "stars": stars.min(255) });
                        if let Some(x) = gate_inferred {
                            gate["inferred"] = x;
                        }
                        v.insert("gate".into(), gate);
                    }
                    Some(Err(t)) => found.at(&name, row, Col::Star.at(), CellIssue::NotPoints, format!("the star {t:?}: 2, 3, 4 or 5")),
                }
                if let Some(o) = typed(g, r, v, found) {
                    c.options.push(o);
                    if let Some(x) = rows.criteria.last_mut() {
                        x.4.push(row);
                    }
                }
            }
            Kind::Note => match last {
                Last::Criterion => {
                    if let Some(c) = parts.last_mut().and_then(|p| p.sections.last_mut()).and_then(|s| s.criteria.last_mut()) {
                        c.notes.push(txt(Col::Text));
                    }
                }
                Last::Section => {
                    if let Some(s) = parts.last_mut().and_then(|p| p.sections.last_mut()) {
                        if s.note.is_some() {
                            found.at(&name, row, 0, CellIssue::CriteriaRule, "a group has one note: join the two");
                        }
                        s.note = Some(txt(Col::Text));
                    }
                }
                Last::None => orphan(found, "group or criterion"),
            },
        }
    }
    parts
}

/// `5.1: 2, 3` as the criterion and its options.
fn applies(t: &str) -> Option<(String, Vec<u32>)> {
    let (c, list) = t.split_once(':')?;
    let options = list.split(',').map(|x| x.trim().parse::<u32>().ok()).collect::<Option<Vec<_>>>()?;
    let c = c.trim();
    (!c.is_empty() && !options.is_empty()).then(|| (c.to_owned(), options))
}
