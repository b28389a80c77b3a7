//! The criteria sheet: its rows read into parts, groups, criteria and
//! options, with the row of each kept for placing the loader's problems.

use serde_json::{Map, Value, json};

use super::layout::{self, COLUMNS, Col, HEADER, KNOCKOUTS, Kind, YES_NO};
use super::read::{Found, Rows, number, part_id, text};
use super::write;
use crate::criteria::{Criterion, Part, Section};
use crate::error::CellIssue;
use crate::workbook::grid::Grid;

/// A star typed where there is no option to be the minimum.
const STAR_OFF_OPTION: &str = "a star minimum with no option: a minimum \
    is one option's, typed on that option's row (Phương án)";

/// How a story rule is written.
const APPLIES_FORM: &str =
    "write the criterion and its options as \"5.1: 2, 3\"";

/// The columns a kind of row reads.
fn reads(kind: Kind) -> &'static [Col] {
    match kind {
        Kind::Part => &[Col::Kind, Col::Part, Col::Text, Col::Max, Col::More],
        Kind::Section => {
            &[Col::Kind, Col::Code, Col::Text, Col::Max, Col::Label, Col::More]
        }
        Kind::Criterion => &[
            Col::Kind,
            Col::Code,
            Col::Text,
            Col::Max,
            Col::Knockout,
            Col::KnockoutText,
            Col::AppliesIf,
            Col::Type,
            Col::Parent,
            Col::Label,
            Col::More,
        ],
        Kind::Option => &[
            Col::Kind,
            Col::Text,
            Col::Points,
            Col::Star,
            Col::Case,
            Col::More,
        ],
        Kind::Note => &[Col::Kind, Col::Text],
        Kind::Case => &[Col::Kind, Col::Case, Col::Text],
    }
}

/// The `Khác (JSON)` cell: an object of further fields, none of which
/// (`own`) has a column or rows of its own.
fn more(
    g: &Grid,
    r: usize,
    own: &[&str],
    found: &mut Found,
) -> Map<String, Value> {
    let Some(t) = text(g.get(r, Col::More.at().into())) else {
        return Map::new();
    };
    match serde_json::from_str(&t) {
        Ok(Value::Object(mut m)) => {
            m.retain(|k, _| {
                let ok = !own.contains(&k.as_str());
                if !ok {
                    let at = Col::More.at();
                    let msg = format!("{k:?} has a column or rows of its own");
                    found.at(&g.name, r as u32, at, CellIssue::NotPoints, msg);
                }
                ok
            });
            m
        }
        _ => {
            found.at(
                &g.name,
                r as u32,
                Col::More.at(),
                CellIssue::NotPoints,
                "not a JSON object",
            );
            Map::new()
        }
    }
}

/// `value` read as `T`; a field it lacks or cannot read is reported at
/// the row's `Khác (JSON)` cell.
fn typed<T: serde::de::DeserializeOwned>(
    g: &Grid,
    r: usize,
    value: Map<String, Value>,
    found: &mut Found,
) -> Option<T> {
    serde_json::from_value(Value::Object(value))
        .map_err(|e| {
            found.at(
                &g.name,
                r as u32,
                Col::More.at(),
                CellIssue::NotPoints,
                e.to_string(),
            )
        })
        .ok()
}

/// Parts, groups, criteria and options of the criteria sheet.
pub(super) fn sheet_parts(
    g: &Grid,
    rows: &mut Rows,
    found: &mut Found,
) -> Vec<Part> {
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
            let first =
                COLUMNS.iter().find(|(c, _, _)| text(cell(*c)).is_some());
            let Some(&(c, _, _)) = first else { continue };
            let (issue, message) = if c == Col::Star {
                (CellIssue::CriteriaRule, STAR_OFF_OPTION.to_owned())
            } else {
                let kinds = layout::KINDS.map(|(_, n)| n).join(", ");
                let m =
                    format!("a value on a row of no kind (column A): {kinds}");
                (CellIssue::Missing, m)
            };
            found.at(&name, row, c.at(), issue, message);
            continue;
        };
        let Some(kind) = Kind::of(&kind_text) else {
            found.at(
                &name,
                row,
                0,
                CellIssue::NotPoints,
                format!(
                    "{kind_text:?} is not a kind of row: one of {}",
                    layout::KINDS.map(|(_, n)| n).join(", ")
                ),
            );
            continue;
        };
        for (c, head, _) in COLUMNS {
            if !reads(kind).contains(&c) && text(cell(c)).is_some() {
                let message = if c == Col::Star {
                    STAR_OFF_OPTION.to_owned()
                } else {
                    format!(
                        "a {} row has no {head:?}: this cell is not read",
                        kind.name()
                    )
                };
                found.at(&name, row, c.at(), CellIssue::CriteriaRule, message);
            }
        }
        let max = |found: &mut Found| match number(cell(Col::Max)) {
            Some(Ok(n)) => n,
            other => {
                let t = other.and_then(Result::err).unwrap_or_default();
                found.at(
                    &name,
                    row,
                    Col::Max.at(),
                    CellIssue::NotPoints,
                    format!(
                        "the maximum {t:?} is not a whole number of points"
                    ),
                );
                0
            }
        };
        let txt = |c: Col| text(cell(c)).unwrap_or_default();
        let orphan = |found: &mut Found, what: &str| {
            found.at(
                &name,
                row,
                0,
                CellIssue::CriteriaRule,
                format!("{} row before any {what}", kind.name()),
            );
        };
        match kind {
            Kind::Part => {
                let Some(part) =
                    text(cell(Col::Part)).and_then(|t| part_id(&t))
                else {
                    found.at(
                        &name,
                        row,
                        Col::Part.at(),
                        CellIssue::NotPoints,
                        "the part: A, B or C",
                    );
                    continue;
                };
                let mut v = more(g, r, write::PART_FIELDS, found);
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
                let Some(p) = parts.last_mut() else {
                    orphan(found, "part");
                    continue;
                };
                let mut v = more(g, r, write::SECTION_FIELDS, found);
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
                let Some(p) = parts.last_mut() else {
                    orphan(found, "part");
                    continue;
                };
                let part = p.part;
                let Some(s) = p.sections.last_mut() else {
                    orphan(found, "group (Nhóm)");
                    continue;
                };
                let mut v = more(g, r, write::CRITERION_FIELDS, found);
                let ko_more = v.remove("knockout_more");
                v.insert("code".into(), json!(txt(Col::Code)));
                v.insert("title".into(), json!(txt(Col::Text)));
                v.insert("label".into(), json!(txt(Col::Label)));
                v.insert("max".into(), json!(max(found)));
                if let Some(t) = text(cell(Col::Type)) {
                    if layout::same(&t, HEADER) {
                        v.insert("header".into(), json!(true));
                    } else if layout::same(&t, YES_NO) {
                        v.insert("yes_no".into(), json!(true));
                    } else {
                        let m =
                            format!("{t:?}: {HEADER:?}, {YES_NO:?} or empty");
                        found.at(
                            &name,
                            row,
                            Col::Type.at(),
                            CellIssue::NotPoints,
                            m,
                        );
                    }
                }
                if let Some(p) = text(cell(Col::Parent)) {
                    v.insert("parent".into(), json!(p));
                }
                let ko = text(cell(Col::Knockout));
                let ko_text = text(cell(Col::KnockoutText));
                if ko.is_some() || ko_text.is_some() {
                    match ko.as_deref().and_then(|w| {
                        KNOCKOUTS.iter().find(|(x, _, _)| layout::same(x, w))
                    }) {
                        Some((_, kind, zero)) => {
                            let mut k = match ko_more {
                                Some(Value::Object(m)) => m,
                                _ => Map::new(),
                            };
                            k.insert("kind".into(), json!(kind));
                            k.insert(
                                "text".into(),
                                json!(ko_text.unwrap_or_default()),
                            );
                            if *zero {
                                k.insert("zero_points".into(), json!(true));
                            }
                            v.insert("knockout".into(), Value::Object(k));
                        }
                        None => found.at(
                            &name,
                            row,
                            Col::Knockout.at(),
                            CellIssue::NotPoints,
                            format!(
                                "the knock-out is one of {}",
                                KNOCKOUTS.map(|(w, _, _)| w).join(", ")
                            ),
                        ),
                    }
                }
                if let Some(t) = text(cell(Col::AppliesIf)) {
                    if let Some((c, options)) = applies(&t) {
                        let a = json!({ "criterion": c, "options": options });
                        v.insert("applies_if".into(), a);
                    } else {
                        let m = format!("{t:?}: {APPLIES_FORM}");
                        found.at(
                            &name,
                            row,
                            Col::AppliesIf.at(),
                            CellIssue::NotPoints,
                            m,
                        );
                    }
                }
                if let Some(c) = typed::<Criterion>(g, r, v, found) {
                    rows.criteria.push((
                        part,
                        s.code.clone(),
                        c.code.clone(),
                        row,
                        Vec::new(),
                    ));
                    s.criteria.push(c);
                    last = Last::Criterion;
                }
            }
            Kind::Option | Kind::Case => {
                let crit = parts
                    .last_mut()
                    .and_then(|p| p.sections.last_mut())
                    .and_then(|s| s.criteria.last_mut());
                let (Some(c), Last::Criterion) = (crit, &last) else {
                    orphan(found, "criterion");
                    continue;
                };
                let case = match number(cell(Col::Case)) {
                    None => None,
                    Some(Ok(n)) => Some(n),
                    Some(Err(t)) => {
                        found.at(
                            &name,
                            row,
                            Col::Case.at(),
                            CellIssue::NotPoints,
                            format!("the case {t:?} is not a number"),
                        );
                        None
                    }
                };
                if kind == Kind::Case {
                    if case.is_some_and(|k| k as usize != c.cases.len() + 1) {
                        found.at(
                            &name,
                            row,
                            Col::Case.at(),
                            CellIssue::CriteriaRule,
                            format!(
                                "cases are numbered in order: this is case {}",
                                c.cases.len() + 1
                            ),
                        );
                    }
                    c.cases.push(txt(Col::Text));
                    continue;
                }
                let mut v = more(g, r, write::OPTION_FIELDS, found);
                let gate_inferred = v.remove("gate_inferred");
                v.insert("text".into(), json!(txt(Col::Text)));
                let points = match number(cell(Col::Points)) {
                    Some(Ok(n)) => n,
                    other => {
                        let t =
                            other.and_then(Result::err).unwrap_or_default();
                        found.at(
                            &name,
                            row,
                            Col::Points.at(),
                            CellIssue::NotPoints,
                            format!("points {t:?}: a whole number is needed"),
                        );
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
                    Some(Err(t)) => found.at(
                        &name,
                        row,
                        Col::Star.at(),
                        CellIssue::NotPoints,
                        format!("the star {t:?}: 2, 3, 4 or 5"),
                    ),
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
                    if let Some(c) = parts
                        .last_mut()
                        .and_then(|p| p.sections.last_mut())
                        .and_then(|s| s.criteria.last_mut())
                    {
                        c.notes.push(txt(Col::Text));
                    }
                }
                Last::Section => {
                    if let Some(s) =
                        parts.last_mut().and_then(|p| p.sections.last_mut())
                    {
                        if s.note.is_some() {
                            found.at(
                                &name,
                                row,
                                0,
                                CellIssue::CriteriaRule,
                                "a group has one note: join the two",
                            );
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
    let options = list
        .split(',')
        .map(|x| x.trim().parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()?;
    let c = c.trim();
    (!c.is_empty() && !options.is_empty()).then(|| (c.to_owned(), options))
}
