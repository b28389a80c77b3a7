//! An edition's rules on the identity sheet: compared with a bundled
//! edition's own, or read as the rules of an edition new to the catalog.

use rust_decimal::Decimal;
use serde_json::json;

use super::layout::{self, KEYS};
use super::read::{Found, as_v, number, text};
use super::write::{self, V};
use crate::criteria::{
    Band, Decision, EditionInfo, InForce, PartPoints, Rounding, RoundingMode,
    Tables,
};
use crate::error::CellIssue;
use crate::workbook::grid::Cell;
use crate::workbook::layout::yes_no_word;

/// A bundled edition's rules are its own: a typed row must say what the
/// template wrote, or be left out.
pub(super) fn same_rules(
    info: &EditionInfo,
    sheet: &str,
    given: &[(&'static str, u32, [Cell; 3])],
    found: &mut Found,
) {
    if given.iter().all(|(_, _, v)| v.iter().all(|c| text(c).is_none())) {
        return;
    }
    let want = write::edition_rows(info);
    for key in KEYS
        .iter()
        .map(|k| k.key)
        .skip_while(|k| *k != layout::FIRST_EDITION_KEY)
    {
        let w: Vec<&Vec<V>> =
            want.iter().filter(|(k, _)| *k == key).map(|(_, v)| v).collect();
        let g: Vec<&(&str, u32, [Cell; 3])> =
            given.iter().filter(|(k, _, _)| *k == key).collect();
        for (i, (_, r, cells)) in g.iter().enumerate() {
            let expect = w.get(i).map(|v| v.as_slice()).unwrap_or(&[]);
            for (c, cell) in cells.iter().enumerate() {
                let e = expect.get(c).map(|v| match v {
                    V::Text(t) => t.clone(),
                    V::Number(n) => n.to_string(),
                });
                let e = e.filter(|t| !t.is_empty());
                if as_v(cell) != e {
                    let m = format!(
                        "{} is a bundled edition: its rules are the bundled \
                         ones, and this cell reads {:?} there; put the value \
                         back, or name a new edition",
                        info.id,
                        e.unwrap_or_default()
                    );
                    let col = c as u16 + 2;
                    found.at(sheet, *r, col, CellIssue::CriteriaRule, m);
                }
            }
        }
    }
}

/// The rules of an edition new to the catalog, as typed.
pub(super) fn new_edition(
    id: &str,
    sheet: &str,
    given: &[(&'static str, u32, [Cell; 3])],
    found: &mut Found,
) -> EditionInfo {
    let rows =
        |key: &'static str| given.iter().filter(move |(k, _, _)| *k == key);
    let missing = |key: &str, found: &mut Found| {
        found.at(
            sheet,
            given.last().map_or(0, |x| x.1 + 1),
            0,
            CellIssue::Missing,
            format!("{key}: the rules of a new edition need this row"),
        )
    };
    let first =
        |key: &'static str, found: &mut Found| -> Option<(u32, [Cell; 3])> {
            let r = rows(key).next().map(|(_, r, v)| (*r, v.clone()));
            if r.is_none() {
                missing(key, found);
            }
            r
        };
    let num = |r: u32,
               c: usize,
               cells: &[Cell; 3],
               what: &str,
               found: &mut Found|
     -> u32 {
        match number(&cells[c]) {
            Some(Ok(n)) => n,
            other => {
                let t = other.and_then(Result::err).unwrap_or_default();
                found.at(
                    sheet,
                    r,
                    c as u16 + 2,
                    CellIssue::NotPoints,
                    format!("{what}: {t:?} is not a whole number"),
                );
                0
            }
        }
    };
    let t = |c: &Cell| text(c).unwrap_or_default();
    let name = first("edition_name", found)
        .map(|(_, v)| t(&v[0]))
        .unwrap_or_default();
    let decisions = rows("decision")
        .map(|(_, _, v)| Decision {
            number: t(&v[0]),
            date: t(&v[1]),
            role: t(&v[2]),
        })
        .collect();
    let (from, until) = first("in_force", found)
        .map(|(_, v)| (t(&v[0]), text(&v[1])))
        .unwrap_or_default();
    let certain = first("in_force_certain", found);
    let flag =
        |v: &Option<(u32, [Cell; 3])>, c: usize, found: &mut Found| -> bool {
            let Some((r, cells)) = v else { return false };
            match text(&cells[c]).as_deref().map(yes_no_word) {
                Some(Some(b)) => b,
                _ => {
                    found.at(
                        sheet,
                        *r,
                        c as u16 + 2,
                        CellIssue::NotPoints,
                        "có or không",
                    );
                    false
                }
            }
        };
    let (from_certain, until_certain) =
        (flag(&certain, 0, found), flag(&certain, 1, found));
    let note = rows("in_force_note")
        .next()
        .map(|(_, _, v)| t(&v[0]))
        .unwrap_or_default();
    let parts = match first("part_max", found) {
        Some((r, v)) => PartPoints {
            a: num(r, 0, &v, "part A", found),
            b: num(r, 1, &v, "part B", found),
            c: num(r, 2, &v, "part C", found),
        },
        None => PartPoints { a: 0, b: 0, c: 0 },
    };
    let mut bands = Vec::new();
    for (_, r, v) in rows("band") {
        let stars = num(*r, 0, v, "stars", found);
        let min = match as_v(&v[1]).map(|x| x.trim().parse::<Decimal>()) {
            Some(Ok(d)) => d,
            _ => {
                found.at(
                    sheet,
                    *r,
                    3,
                    CellIssue::NotPoints,
                    "the band's lowest total, a number",
                );
                Decimal::ZERO
            }
        };
        bands.push(Band {
            stars: u8::try_from(stars).unwrap_or(u8::MAX),
            min,
            text: t(&v[2]),
        });
    }
    if bands.is_empty() {
        missing("band", found);
    }
    let rounding = match first("rounding", found) {
        Some((r, v)) => Rounding {
            decimals: num(r, 0, &v, "decimals", found),
            mode: RoundingMode::HalfAwayFromZero,
            source: t(&v[1]),
        },
        None => Rounding {
            decimals: 2,
            mode: RoundingMode::HalfAwayFromZero,
            source: String::new(),
        },
    };
    let (spread_limit, spread_source) = match first("spread", found) {
        Some((r, v)) => (num(r, 0, &v, "spread", found), t(&v[1])),
        None => (0, String::new()),
    };
    let gates = match first("gates", found) {
        Some((r, v)) => serde_json::from_value(json!(t(&v[0])))
            .unwrap_or_else(|_| {
                found.at(
                    sheet,
                    r,
                    2,
                    CellIssue::NotPoints,
                    format!("one of {}", layout::GATES.join(", ")),
                );
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
        trust: rows("trust")
            .next()
            .map(|(_, _, v)| t(&v[0]))
            .unwrap_or_default(),
        sources: rows("edition_source")
            .filter_map(|(_, _, v)| text(&v[0]))
            .collect(),
        gaps: rows("edition_gap")
            .filter_map(|(_, _, v)| text(&v[0]))
            .collect(),
    }
}
