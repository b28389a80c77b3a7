//! What a catalog reads on first use: an embedded set's table, an
//! edition's file and its classification, and what is known of each
//! before (the heads the index gives).
//!
//! A call places and scores an evaluation with one set, so the catalog
//! holds every embedded edition and set as a head from `criteria/INDEX`
//! and reads a file the first time a call needs it. `load` builds the
//! catalog from these pieces; this room holds them and how each is read.

use std::sync::{Arc, OnceLock};

use super::index;
use crate::compiled::Compiled;
use crate::criteria::{
    self, Classification, EditionInfo, PartPoints, Problem, Provenance, Rules,
    SetFile, SetStatus, Tables,
};
use crate::date::Date;
use crate::embedded;
use crate::error::{ErrorKind, Result};
use crate::warning::Warning;

/// A set's table compiled, with and without its inferred data.
pub(super) fn compile(
    ed: &EditionHead,
    sheet: SetFile,
    fingerprint: String,
    provenance: Provenance,
) -> Loaded {
    let has_inferred = sheet.status == SetStatus::Inferred
        || sheet.criteria().any(|(_, _, c)| {
            c.options.iter().any(|o| {
                o.inferred.is_some()
                    || o.gate.as_ref().is_some_and(|g| g.inferred.is_some())
            })
        });
    // A user's tables say so in every scorecard, with their fingerprint.
    let mark = |mut c: Compiled| {
        if provenance == Provenance::User {
            let mut w = c.warnings.into_vec();
            let fingerprint = c.fingerprint.clone();
            w.push(Warning::UserSupplied {
                set: sheet.id.clone(),
                fingerprint,
            });
            c.warnings = w.into();
            c.provenance = provenance;
        }
        c
    };
    let new = |inferred| {
        let (id, rules) = (&ed.id, &ed.rules);
        mark(Compiled::new(id, rules, &sheet, &fingerprint, inferred))
    };
    let official = new(false);
    let inferred = has_inferred.then(|| new(true));
    Loaded { sheet, fingerprint, official, inferred }
}

/// What is known of an edition before its file is read, as the index
/// gives it: what placing an evaluation needs, and the rules scoring it
/// needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EditionHead {
    pub id: String,
    /// `in_force.from`, parsed.
    pub from: Date,
    /// `in_force.until`, parsed.
    pub until: Option<Date>,
    pub tables: Tables,
    /// The edition `sets_from` names.
    pub sets_from: Option<String>,
    /// The window of its transition clause.
    pub transition: Option<Window>,
    /// What scoring needs of its file.
    pub rules: Rules,
}

/// A transition clause without its text: what placing needs of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    pub edition: String,
    pub days: u32,
    pub reevaluation_days: u32,
}

impl EditionHead {
    /// The head of a read edition file; `None` when its first day is not
    /// a date (the edition checks report that).
    pub(super) fn of(info: &EditionInfo) -> Option<EditionHead> {
        let date = |d: &str| Date::parse("in_force", d).ok();
        Some(EditionHead {
            id: info.id.clone(),
            from: date(&info.in_force.from)?,
            until: info.in_force.until.as_deref().and_then(date),
            tables: info.tables,
            sets_from: info.sets_from.as_ref().map(|f| f.edition.clone()),
            transition: info.transition.as_ref().map(|t| Window {
                edition: t.edition.clone(),
                days: t.days,
                reevaluation_days: t.reevaluation_days,
            }),
            rules: info.rules(),
        })
    }

    pub(super) fn from_row(
        row: &index::EditionRow<'_>,
    ) -> Result<EditionHead> {
        let date = |d: &str| {
            Date::parse("in_force", d).map_err(|e| ErrorKind::InvalidData {
                problems: vec![Problem::new("INDEX", e.to_string())],
            })
        };
        Ok(EditionHead {
            id: row.id.to_owned(),
            from: date(row.from)?,
            until: row.until.map(date).transpose()?,
            tables: row.tables,
            sets_from: row.sets_from.map(str::to_owned),
            transition: row.transition.map(|(e, days, r)| Window {
                edition: e.to_owned(),
                days,
                reevaluation_days: r,
            }),
            rules: row.rules.clone(),
        })
    }
}

/// An edition's head and its file: the file read with its catalog, or
/// embedded and read the first time a call asks for it (scoring needs
/// only the head).
#[derive(Debug)]
pub(crate) struct EditionData {
    pub head: EditionHead,
    /// Its path among the embedded files (empty when read with the catalog).
    file: &'static str,
    info: OnceLock<EditionInfo>,
}

impl EditionData {
    pub(super) fn ready(head: EditionHead, info: EditionInfo) -> EditionData {
        EditionData { head, file: "", info: OnceLock::from(info) }
    }

    /// Whether its file has been read (or was read with its catalog).
    #[cfg(test)]
    pub(super) fn is_read(&self) -> bool {
        self.info.get().is_some()
    }

    pub(super) fn embedded(head: EditionHead) -> EditionData {
        let file = embedded_file(&head.id, "edition.json").unwrap_or_default();
        EditionData { head, file, info: OnceLock::new() }
    }

    /// # Panics
    ///
    /// Never in a released crate: the test suite reads every embedded
    /// edition file through the full checks and holds the index to them.
    pub(crate) fn info(&self) -> &EditionInfo {
        self.info.get_or_init(|| {
            let text = embedded::text(self.file).unwrap_or_default();
            criteria::parse(self.file, text).unwrap_or_else(|p| {
                panic!("embedded criteria data is invalid: {}", p[0])
            })
        })
    }
}

/// What is known of a set before its table is read.
#[derive(Debug, Clone)]
pub(super) struct Head {
    pub id: String,
    pub name: String,
    pub status: SetStatus,
    pub max: PartPoints,
    pub fingerprint: String,
    pub has_inferred: bool,
}

/// A set's table, read and compiled.
#[derive(Debug)]
pub(super) struct Loaded {
    pub sheet: SetFile,
    pub fingerprint: String,
    pub official: Compiled,
    pub inferred: Option<Compiled>,
}

/// A set's table: read with its catalog, or an embedded file read the
/// first time it is needed.
#[derive(Debug)]
pub(super) enum Table {
    Ready(Box<Loaded>),
    Embedded(Box<(Embedded, OnceLock<Loaded>)>),
}

impl Table {
    pub(super) fn get(&self) -> &Loaded {
        match self {
            Table::Ready(t) => t,
            Table::Embedded(e) => e.1.get_or_init(|| e.0.read()),
        }
    }
}

/// An embedded set file, checked by the test suite, not yet read.
#[derive(Debug)]
pub(super) struct Embedded {
    /// The edition whose set it is (the inheritor's, when inherited).
    pub data: Arc<EditionData>,
    pub file: &'static str,
    /// As the index gives it: the file's, marked when inherited.
    pub fingerprint: &'static str,
    pub inherited: bool,
}

impl Embedded {
    /// # Panics
    ///
    /// Never in a released crate: the test suite reads every embedded
    /// set through the full checks and holds the index to the files.
    fn read(&self) -> Loaded {
        let text = embedded::text(self.file).unwrap_or_else(|| {
            panic!("{} is indexed, not embedded", self.file)
        });
        let mut sheet: SetFile = criteria::parse(self.file, text)
            .unwrap_or_else(|p| {
                panic!("embedded criteria data is invalid: {}", p[0])
            });
        if self.inherited {
            inherit(self.data.info(), &mut sheet);
        }
        // The index's fingerprint is the file's: a test holds it there.
        let fp = self.fingerprint.to_owned();
        compile(&self.data.head, sheet, fp, Provenance::Bundled)
    }
}

/// An edition's classification: read with its catalog, or embedded and
/// read the first time it is needed.
#[derive(Debug)]
pub(super) enum Classified {
    Ready(Option<Classification>),
    Embedded(&'static str, OnceLock<Option<Classification>>),
}

impl Classified {
    pub(super) fn get(&self) -> Option<&Classification> {
        match self {
            Classified::Ready(c) => c.as_ref(),
            Classified::Embedded(path, c) => c
                .get_or_init(|| {
                    let text = embedded::text(path).unwrap_or_default();
                    Some(criteria::parse(path, text).unwrap_or_else(|p| {
                        panic!("embedded criteria data is invalid: {}", p[0])
                    }))
                })
                .as_ref(),
        }
    }
}

/// A set taken by the edition of `info` from the one its `sets_from`
/// names: its star minimums dropped where that says so.
pub(super) fn inherit(info: &EditionInfo, sheet: &mut SetFile) {
    if info.sets_from.as_ref().is_some_and(|f| f.drop_gates) {
        for p in &mut sheet.parts {
            for x in &mut p.sections {
                for c in &mut x.criteria {
                    c.options.iter_mut().for_each(|o| o.gate = None);
                }
            }
        }
    }
}

/// The embedded file `name` of an edition's folder. Found without
/// building its path: a first call that formats nothing would pay for
/// compiling the formatting (the WebAssembly module compiles each function
/// the first time it runs).
pub(super) fn embedded_file(
    edition: &str,
    name: &str,
) -> Option<&'static str> {
    embedded::paths().find(|p| p.split_once('/') == Some((edition, name)))
}
