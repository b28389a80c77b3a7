//! `criteria/INDEX`: the embedded editions' sets, listed without reading
//! their tables.
//!
//! A call scores with one set, yet reading and compiling all 79 embedded
//! sets cost about 80 M instructions per process. The index gives what a
//! catalog needs before any table (each set's id, name, status, part
//! maxima, fingerprint and the file it is read from), so that `Catalog::official`
//! reads no table and a set is read the first time a call needs it.
//!
//! One line a set, tab-separated, in the catalog's order of sets:
//! `edition  id  file  status  A  B  C  inferred  fingerprint  name`
//! (inferred: `yes` when it has inferred data, used only on request). The file lies under another
//! edition's folder when the set is inherited (`sets_from`). It is derived
//! from the checked, fully loaded data ([`write`]), never written by hand,
//! and a test holds it to the files.

use serde::Deserialize;
use serde::de::IntoDeserializer;

use super::Catalog;
use crate::criteria::{PartPoints, SetStatus};

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
pub(super) fn parse(text: &str) -> Result<Vec<Row<'_>>, String> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let row = row(line).ok_or_else(|| format!("INDEX line {}", n + 1))?;
        rows.push(row);
    }
    Ok(rows)
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
    let d: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        status.into_deserializer();
    let status = SetStatus::deserialize(d).ok()?;
    Some(Row {
        edition,
        id,
        file,
        status,
        max,
        has_inferred,
        fingerprint,
        name,
    })
}

/// The index of a catalog's sets, as `criteria/INDEX` holds it.
pub(super) fn write(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# The sets of each edition, in order: edition, id, file, status, \
         part maxima A B C, inferred data, fingerprint, name.\n# Derived from the files beside it by \
         `cargo run --example fingerprints -- --write`; do not edit.\n",
    );
    for ed in catalog.editions() {
        for s in ed.sets() {
            let m = s.max_points();
            let row = [
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
            ];
            out += &row.join("\t");
            out.push('\n');
        }
    }
    out
}
