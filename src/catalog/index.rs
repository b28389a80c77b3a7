//! `criteria/INDEX`: the embedded editions and their sets, listed without
//! reading a file.
//!
//! A call scores with one set of one edition, yet reading and compiling
//! all 79 embedded sets cost about 80 M instructions per process, and
//! reading every `edition.json` was most of what was left. The index gives
//! what a catalog needs before any file: for each edition, what placing
//! and scoring an evaluation need (its id, first and last days, whether
//! its tables ship, the edition it takes its sets from, its transition
//! window, part maxima, star bands, decimals, spread limit and how much of
//! its minimums is known); for each
//! set, its id, name, status, part maxima, fingerprint and the file it is
//! read from. So `Catalog::official` reads no file, an edition's file is
//! read when a call needs its rules, and a set's table when a call needs
//! the set.
//!
//! One line an edition or a set, tab-separated, `-` for none:
//!
//! - `edition  id  from  until  tables  sets_from  transition  days
//!   reevaluation_days  A  B  C  bands  decimals  spread_limit  gates`
//!   (transition, days and reevaluation_days `-` without a transition
//!   clause; bands as `stars:lowest` pairs, highest first, separated by
//!   spaces): what placing an evaluation needs, then what scoring it
//!   needs ([`Rules`]), so that a scorecard needs no edition file read;
//! - `set  edition  id  file  status  A  B  C  inferred  fingerprint  name`
//!   (inferred: `yes` when it has inferred data, used only on request),
//!   in the catalog's order of sets. The file lies under another
//!   edition's folder when the set is inherited (`sets_from`).
//!
//! It is derived from the checked, fully loaded data ([`write`]), never
//! written by hand, and a test holds it to the files.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::IntoDeserializer;

use super::Catalog;
use crate::criteria::{PartPoints, Rules, SetStatus, Tables};

/// The index, borrowed from its text.
pub(super) struct Index<'a> {
    pub editions: Vec<EditionRow<'a>>,
    pub sets: Vec<Row<'a>>,
}

/// One edition of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EditionRow<'a> {
    pub id: &'a str,
    pub from: &'a str,
    pub until: Option<&'a str>,
    pub tables: Tables,
    pub sets_from: Option<&'a str>,
    pub transition: Option<(&'a str, u32, u32)>,
    pub rules: Rules,
}

/// One set of the index.
pub(super) struct Row<'a> {
    pub edition: &'a str,
    pub id: &'a str,
    pub file: &'a str,
    pub status: SetStatus,
    pub max: PartPoints,
    pub has_inferred: bool,
    pub fingerprint: &'a str,
    pub name: &'a str,
}

/// The rows of an index, or the first line that is not one.
pub(super) fn parse(text: &str) -> Result<Index<'_>, String> {
    let mut index = Index { editions: Vec::new(), sets: Vec::new() };
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("INDEX line {}", n + 1);
        match line.split_once('\t') {
            Some(("edition", rest)) => {
                index.editions.push(edition(rest).ok_or_else(bad)?);
            }
            Some(("set", rest)) => index.sets.push(row(rest).ok_or_else(bad)?),
            _ => return Err(bad()),
        }
    }
    Ok(index)
}

/// A unit enum from its serde name.
fn named<'de, T: Deserialize<'de>>(s: &'de str) -> Option<T> {
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        s.into_deserializer();
    T::deserialize(d).ok()
}

/// `-` is none.
fn maybe(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

fn edition(line: &str) -> Option<EditionRow<'_>> {
    let mut f = line.split('\t');
    let mut next = || f.next();
    let (id, from, until) = (next()?, next()?, maybe(next()?));
    let (tables, sets_from) = (named(next()?)?, maybe(next()?));
    let transition = match (next()?, next()?, next()?) {
        ("-", "-", "-") => None,
        (e, d, r) => Some((e, d.parse().ok()?, r.parse().ok()?)),
    };
    let number = |s: Option<&str>| s?.parse::<u32>().ok();
    let parts = PartPoints {
        a: number(next())?,
        b: number(next())?,
        c: number(next())?,
    };
    let bands = next()?
        .split(' ')
        .map(|b| {
            let (stars, min) = b.split_once(':')?;
            Some((stars.parse().ok()?, min.parse::<Decimal>().ok()?))
        })
        .collect::<Option<_>>()?;
    let (decimals, spread_limit) = (number(next())?, number(next())?);
    let rules =
        Rules { parts, bands, decimals, spread_limit, gates: named(next()?)? };
    next().is_none().then_some(EditionRow {
        id,
        from,
        until,
        tables,
        sets_from,
        transition,
        rules,
    })
}

fn row(line: &str) -> Option<Row<'_>> {
    let mut f = line.split('\t');
    let mut next = || f.next();
    let (edition, id, file, status) = (next()?, next()?, next()?, next()?);
    let mut points = || next()?.parse::<u32>().ok();
    let max = PartPoints { a: points()?, b: points()?, c: points()? };
    let has_inferred = match next()? {
        "yes" => true,
        "no" => false,
        _ => return None,
    };
    let (fingerprint, name) = (next()?, next()?);
    Some(Row {
        edition,
        id,
        file,
        status: named(status)?,
        max,
        has_inferred,
        fingerprint,
        name,
    })
}

/// The index of a catalog's editions and sets, as `criteria/INDEX` holds
/// it.
pub(super) fn write(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# The editions, then the sets of each edition in order, \
         tab-separated, - for none:\n\
         # edition, id, from, until, tables, sets from, transition edition, \
         days, re-evaluation days, part maxima A B C, bands (stars:lowest), \
         decimals, spread limit, minimums known\n\
         # set, edition, id, file, status, part maxima A B C, inferred data, \
         fingerprint, name\n\
         # Derived from the files beside it by \
         `cargo run --example fingerprints -- --write`; do not edit.\n",
    );
    let line = |out: &mut String, fields: &[&str]| {
        out.push_str(&fields.join("\t"));
        out.push('\n');
    };
    for ed in catalog.editions() {
        let h = ed.head();
        let (from, until) =
            (h.from.to_string(), h.until.map(|d| d.to_string()));
        let (t, d, r) = match &h.transition {
            Some(w) => (
                &*w.edition,
                w.days.to_string(),
                w.reevaluation_days.to_string(),
            ),
            None => ("-", "-".into(), "-".into()),
        };
        let rules = &h.rules;
        let p = rules.parts;
        let bands: Vec<String> =
            rules.bands.iter().map(|(s, m)| format!("{s}:{m}")).collect();
        line(
            &mut out,
            &[
                "edition",
                &h.id,
                &from,
                until.as_deref().unwrap_or("-"),
                &h.tables.to_string(),
                h.sets_from.as_deref().unwrap_or("-"),
                t,
                &d,
                &r,
                &p.a.to_string(),
                &p.b.to_string(),
                &p.c.to_string(),
                &bands.join(" "),
                &rules.decimals.to_string(),
                &rules.spread_limit.to_string(),
                &rules.gates.to_string(),
            ],
        );
    }
    for ed in catalog.editions() {
        for s in ed.sets() {
            let m = s.max_points();
            line(
                &mut out,
                &[
                    "set",
                    ed.id(),
                    s.id(),
                    &s.file,
                    &s.status().to_string(),
                    &m.a.to_string(),
                    &m.b.to_string(),
                    &m.c.to_string(),
                    if s.has_inferred() { "yes" } else { "no" },
                    s.fingerprint(),
                    s.name(),
                ],
            );
        }
    }
    out
}
