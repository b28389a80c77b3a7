//! Loading: files into checked, compiled editions.
//!
//! The embedded files and a user's directory go through the same loader,
//! which reports every problem of every file at once (located by file,
//! set, part, section, criterion and option), so a directory of
//! hand-transcribed tables can be fixed in one pass.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use super::{Catalog, CriteriaSet, Edition};
use crate::compiled::Compiled;
use crate::criteria::{
    self, Classification, EditionInfo, Problem, Provenance, SetFile, SetStatus,
};
use crate::date::Date;
use crate::embedded;
use crate::error::{ErrorKind, Result};
use crate::warning::Warning;

impl Catalog {
    /// The embedded criteria, parsed and compiled on first use.
    ///
    /// # Panics
    ///
    /// Never in a released crate: the embedded data is checked by the test
    /// suite. A panic here lists every problem of the embedded files and is
    /// a bug in `ocop`.
    pub fn official() -> &'static Catalog {
        static OFFICIAL: OnceLock<Catalog> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            Catalog::from_files(embedded_files(), Vec::new()).unwrap_or_else(
                |e| panic!("embedded criteria data is invalid: {e}"),
            )
        })
    }

    /// The embedded criteria overlaid with the JSON files of `dir`, laid
    /// out as `criteria/` is (`<dir>/<edition>/edition.json`,
    /// `<dir>/<edition>/<set-id>.json`, ...). A file in `dir` replaces the
    /// embedded file of the same path; new editions and sets are added.
    /// This is how a province supplies corrected tables, or the tables of
    /// an edition that are not bundled, without recompiling.
    ///
    /// Every file is checked, and every problem in every file is reported
    /// at once, so a directory of hand-transcribed tables can be fixed in
    /// one pass (`ocop criteria check DIR` prints the same list).
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Io`] when `dir` or a folder in it cannot be listed.
    /// - [`ErrorKind::InvalidData`] with every [`Problem`]: files that
    ///   cannot be read or parsed (with line and column), or that break an
    ///   invariant (part maxima, unique codes, option maxima, ...), each
    ///   located by file, set, part, section, criterion and option.
    ///
    /// # Example
    ///
    /// ```
    /// let dir = std::env::temp_dir().join("ocop-doc-from-dir");
    /// std::fs::create_dir_all(dir.join("qd26-2026")).unwrap();
    /// let hoa = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// let mut sheet = hoa.sheet().clone();
    /// sheet.source = "a province's corrected copy".into();
    /// std::fs::write(dir.join("qd26-2026/hoa.json"), serde_json::to_string(&sheet).unwrap()).unwrap();
    /// let catalog = ocop::Catalog::from_dir(&dir)?;
    /// let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// assert_eq!(set.sheet().source, "a province's corrected copy");
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Catalog> {
        let dir = dir.as_ref();
        let mut files = embedded_files();
        let mut problems = Vec::new();
        let name =
            |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        let list = |d: &Path| -> Result<Vec<std::path::PathBuf>> {
            let mut out = Vec::new();
            for e in std::fs::read_dir(d).map_err(|e| ErrorKind::io(d, e))? {
                out.push(e.map_err(|e| ErrorKind::io(d, e))?.path());
            }
            out.sort();
            Ok(out)
        };
        for ed in list(dir)? {
            let ed_name = name(&ed).unwrap_or_default();
            if !ed.is_dir() {
                if ed.extension().is_some_and(|x| x == "json") {
                    problems.push(Problem::new(&ed_name, OUTSIDE_EDITION));
                }
                continue;
            }
            for f in list(&ed)? {
                if f.extension().is_none_or(|x| x != "json") {
                    continue;
                }
                let path =
                    format!("{ed_name}/{}", name(&f).unwrap_or_default());
                match std::fs::read_to_string(&f) {
                    Ok(text) => {
                        files.insert(path, text);
                    }
                    Err(e) => problems.push(Problem::new(
                        &path,
                        format!("cannot be read: {e}"),
                    )),
                }
            }
        }
        Catalog::from_files(files, problems)
    }

    /// The embedded criteria overlaid with files held in memory: each
    /// `(path, text)` is a file of a data directory, its path written as
    /// under `criteria/` (`qd26-2026/hoa.json`, `qd148-2023/edition.json`).
    /// [`Catalog::from_dir`] without the file system, for programs that
    /// receive criteria over the network or run where there is none (a
    /// browser). A file replaces the embedded file of the same path; the
    /// checks, and the list of problems, are the same.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`] with every [`Problem`] of every file.
    ///
    /// # Example
    ///
    /// ```
    /// let hoa = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// let mut sheet = hoa.sheet().clone();
    /// sheet.source = "a province's corrected copy".into();
    /// let text = serde_json::to_string(&sheet).unwrap();
    /// let catalog = ocop::Catalog::from_texts([("qd26-2026/hoa.json".to_owned(), text)])?;
    /// let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// assert_eq!(set.sheet().source, "a province's corrected copy");
    ///
    /// let bad = ocop::Catalog::from_texts([("qd26-2026/hoa.json".to_owned(), "{".to_owned())]);
    /// assert!(matches!(bad.unwrap_err().kind(), ocop::ErrorKind::InvalidData { .. }));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn from_texts(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Catalog> {
        let mut all = embedded_files();
        let mut problems = Vec::new();
        for (path, text) in files {
            // The loader groups by the first folder: a path must name one.
            if !path.contains('/') && path.ends_with(".json") {
                problems.push(Problem::new(&path, OUTSIDE_EDITION));
                continue;
            }
            all.insert(path, text);
        }
        Catalog::from_files(all, problems)
    }

    fn from_files(
        files: BTreeMap<String, String>,
        mut problems: Vec<Problem>,
    ) -> Result<Catalog> {
        // Group files by edition folder.
        let mut by_ed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for (path, text) in &files {
            let (ed, name) = path.split_once('/').unwrap_or(("", path));
            by_ed.entry(ed).or_default().push((name, text));
        }
        let mut editions: Vec<Edition> = Vec::new();
        for (ed, list) in &by_ed {
            let find =
                |n: &str| list.iter().find(|(f, _)| *f == n).map(|(_, t)| *t);
            let info_file = format!("{ed}/edition.json");
            let info = match find("edition.json") {
                None => {
                    problems.push(Problem::new(
                        &info_file,
                        "missing: every edition folder needs its edition.json",
                    ));
                    None
                }
                Some(text) => {
                    match criteria::check_edition(&info_file, text) {
                        Ok(info) if info.id != *ed => {
                            problems.push(Problem::new(
                                &info_file,
                                format!(
                                    "id {:?} differs from its folder {ed:?}",
                                    info.id
                                ),
                            ));
                            None
                        }
                        Ok(info) => Some(info),
                        Err(p) => {
                            problems.extend(p);
                            None
                        }
                    }
                }
            };
            let class_file = format!("{ed}/classification.json");
            let classification = find("classification.json").and_then(|t| {
                criteria::parse::<Classification>(&class_file, t)
                    .map_err(|p| problems.extend(p))
                    .ok()
            });
            let mut sets = Vec::new();
            for (name, text) in list {
                if *name == "edition.json" || *name == "classification.json" {
                    continue;
                }
                let file = format!("{ed}/{name}");
                match criteria::load_set(info.as_ref(), &file, text) {
                    Ok(sheet) => {
                        if let Some(info) = &info {
                            let fp = criteria::fingerprint(text);
                            let by = Provenance::of(&file, text);
                            sets.push(build_set(info, sheet, fp, by));
                        }
                    }
                    Err(p) => problems.extend(p),
                }
            }
            let Some(info) = info else { continue };
            // Checked with the edition file.
            let Ok(from) = Date::parse("in_force.from", &info.in_force.from)
            else {
                continue;
            };
            editions.push(Edition { info, from, classification, sets });
        }
        inherit_sets(&mut editions, &mut problems);
        for e in &mut editions {
            let file = format!("{}/edition.json", e.info.id);
            if let Some(t) = &e.info.transition {
                if !by_ed.contains_key(t.edition.as_str()) {
                    problems.push(Problem::new(
                        &file,
                        format!(
                            "transition names unknown edition {}",
                            t.edition
                        ),
                    ));
                }
            }
            let file = format!("{}/classification.json", e.info.id);
            if let Some(c) = &e.classification {
                let ids: Vec<&str> = e.sets.iter().map(|s| s.id()).collect();
                criteria::validate_classification(
                    &file,
                    c,
                    |id| ids.contains(&id),
                    &mut problems,
                );
                // Classification order is the natural order of sets.
                let order = |id: &str| {
                    c.entries
                        .iter()
                        .position(|r| r.set.as_deref() == Some(id))
                        .unwrap_or(usize::MAX)
                };
                e.sets.sort_by_key(|s| order(s.id()));
            }
        }
        if !problems.is_empty() {
            return Err(ErrorKind::InvalidData { problems }.into());
        }
        editions.sort_by_key(|e| e.from);
        Ok(Catalog { editions, codes: std::sync::OnceLock::new() })
    }
}

/// The problem of a criteria file given outside an edition folder.
const OUTSIDE_EDITION: &str = "a criteria file outside an edition folder is \
                               not read: put it in <dir>/<edition>/";

/// The embedded files by path, for a loader to overlay.
fn embedded_files() -> BTreeMap<String, String> {
    embedded::files().map(|(p, t)| (p.to_owned(), t.to_owned())).collect()
}

/// Gives each `tables: inherited` edition the sets of the edition it names.
fn inherit_sets(editions: &mut [Edition], problems: &mut Vec<Problem>) {
    for i in 0..editions.len() {
        let Some(from) = editions[i].info.sets_from.clone() else {
            continue;
        };
        let Some(src) =
            editions.iter().position(|e| e.info.id == from.edition)
        else {
            problems.push(Problem::new(
                &format!("{}/edition.json", editions[i].info.id),
                format!("sets_from names unknown edition {}", from.edition),
            ));
            continue;
        };
        let own: Vec<String> =
            editions[i].sets.iter().map(|s| s.sheet.id.clone()).collect();
        let mut taken = Vec::new();
        for s in &editions[src].sets {
            if from.exclude.contains(&s.sheet.id) || own.contains(&s.sheet.id)
            {
                continue;
            }
            let mut sheet = s.sheet.clone();
            if from.drop_gates {
                for p in &mut sheet.parts {
                    for x in &mut p.sections {
                        for c in &mut x.criteria {
                            c.options.iter_mut().for_each(|o| o.gate = None);
                        }
                    }
                }
            }
            let fp = format!("{}+{}", s.fingerprint, editions[i].info.id);
            let by = s.provenance;
            taken.push(build_set(&editions[i].info, sheet, fp, by));
        }
        editions[i].sets.extend(taken);
    }
}

pub(super) fn build_set(
    info: &EditionInfo,
    sheet: SetFile,
    fingerprint: String,
    provenance: Provenance,
) -> CriteriaSet {
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
    let official = mark(Compiled::new(info, &sheet, &fingerprint, false));
    let inferred = has_inferred
        .then(|| mark(Compiled::new(info, &sheet, &fingerprint, true)));
    let date = |d: Option<&String>| d.and_then(|d| Date::parse("", d).ok());
    CriteriaSet {
        edition: info.id.clone(),
        period: (
            date(Some(&info.in_force.from)),
            date(info.in_force.until.as_ref()),
        ),
        sheet,
        fingerprint,
        official,
        inferred,
        tables: info.tables,
        provenance,
    }
}
