//! Loading: files into checked, compiled editions.
//!
//! The embedded files and a user's directory go through the same loader,
//! which reports every problem of every file at once (located by file,
//! set, part, section, criterion and option), so a directory of
//! hand-transcribed tables can be fixed in one pass.
//!
//! Embedded tables are fixed data, checked by the test suite (and
//! `criteria/FINGERPRINTS` proves that what ships is what was checked),
//! so an edition that no user file touches is not read at all: it and its
//! sets come from `criteria/INDEX`, each table is read and compiled the
//! first time a call needs it, and its `edition.json` the first time a
//! call asks for more than the index gives. An edition a user file touches, or one
//! that takes its sets from such an edition, is read and checked in full
//! at load, as every file given with `--criteria` is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::lazy::{
    Classified, EditionData, EditionHead, Embedded, Head, Loaded, Table,
    compile, embedded_file, inherit,
};
use super::{Catalog, CriteriaSet, Edition, index};
use crate::criteria::{
    self, Classification, EditionInfo, PartPoints, Problem, Provenance,
    SetFile,
};
use crate::embedded;
use crate::error::{ErrorKind, Result};

impl Catalog {
    /// The embedded criteria, from `criteria/INDEX`: no file is read here.
    /// Each set's table is read and compiled the first time a call needs
    /// it, and an edition's file the first time [`Edition::info`] is
    /// asked for (placing and scoring need only what the index gives).
    ///
    /// # Panics
    ///
    /// Never in a released crate: the embedded data is checked by the test
    /// suite. A panic here names the problem of the embedded files and is
    /// a bug in `ocop`.
    pub fn official() -> &'static Catalog {
        static OFFICIAL: OnceLock<Catalog> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            // The index lists the editions in catalog order.
            indexed_editions(|_| true).map(Catalog::of).unwrap_or_else(|e| {
                panic!("embedded criteria data is invalid: {e}")
            })
        })
    }

    /// `criteria/INDEX` as the embedded files give it: every embedded file
    /// read and checked in full (as [`Catalog::from_dir`] checks a user's),
    /// then each edition's sets listed in order with the file each is read
    /// from, status, part maxima and name. `cargo run --example
    /// fingerprints -- --write` writes it; a test holds the embedded
    /// index to it.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`] with every problem of the embedded files
    /// (a bug in `ocop`).
    ///
    /// ```
    /// let index = ocop::Catalog::embedded_index()?;
    /// assert!(index.contains("qd26-2026\thoa\tqd26-2026/hoa.json\t"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn embedded_index() -> Result<String> {
        let catalog = Catalog::load(BTreeMap::new(), Vec::new(), true)?;
        Ok(index::write(&catalog))
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
        let mut files = BTreeMap::new();
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
        Catalog::load(files, problems, false)
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
        let mut all = BTreeMap::new();
        let mut problems = Vec::new();
        for (path, text) in files {
            // The loader groups by the first folder: a path must name one.
            if !path.contains('/') && path.ends_with(".json") {
                problems.push(Problem::new(&path, OUTSIDE_EDITION));
                continue;
            }
            all.insert(path, text);
        }
        Catalog::load(all, problems, false)
    }

    /// The embedded editions overlaid with `user`'s files (path under a
    /// data directory → text). Editions a user file touches, and with
    /// `all` every edition, are read and checked in full; the others come
    /// from the index, their tables read on first use.
    fn load(
        user: BTreeMap<String, String>,
        mut problems: Vec<Problem>,
        all: bool,
    ) -> Result<Catalog> {
        let mut touched: BTreeSet<String> =
            user.keys().map(|p| folder(p).to_owned()).collect();
        let mut names = touched.clone();
        for ed in
            embedded::paths().filter_map(|p| p.strip_suffix("/edition.json"))
        {
            names.insert(ed.to_owned());
            if all {
                touched.insert(ed.to_owned());
            }
        }
        // An edition that takes its sets from one read in full is read in
        // full too, so that it takes the user's sets.
        let index = if all { None } else { Some(parse_index()?) };
        let rows = index.as_ref().map_or(&[][..], |i| &i.editions[..]);
        loop {
            let before = touched.len();
            for r in rows {
                if r.sets_from.is_some_and(|f| touched.contains(f)) {
                    touched.insert(r.id.to_owned());
                }
            }
            if touched.len() == before {
                break;
            }
        }
        let mut editions = match &index {
            Some(i) => from_index(i, |id| !touched.contains(id))?,
            None => Vec::new(),
        };
        // Only these are read (with packed-data, unpacked).
        let mut files: BTreeMap<String, String> = embedded::paths()
            .filter(|p| touched.contains(folder(p)))
            .filter_map(|p| {
                Some((p.to_owned(), embedded::text(p)?.to_owned()))
            })
            .collect();
        files.extend(user);
        let first_read = editions.len();
        editions.extend(read_editions(&files, &mut problems));
        inherit_sets(&mut editions, first_read, &mut problems);
        for e in &mut editions[first_read..] {
            let file = format!("{}/edition.json", e.id());
            if let Some(t) = &e.info().transition {
                if !names.contains(t.edition.as_str()) {
                    problems.push(Problem::new(
                        &file,
                        format!(
                            "transition names unknown edition {}",
                            t.edition
                        ),
                    ));
                }
            }
            let file = format!("{}/classification.json", e.id());
            if let Some(c) = e.classification.get() {
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
        editions.sort_by_key(|e| e.head().from);
        Ok(Catalog::of(editions))
    }

    fn of(editions: Vec<Edition>) -> Catalog {
        Catalog { editions, codes: OnceLock::new() }
    }
}

/// The editions of `files` (path → text), every file checked: each
/// problem goes to `problems`, and an edition whose edition file is
/// broken is left out.
fn read_editions(
    files: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) -> Vec<Edition> {
    // Group files by edition folder.
    let mut by_ed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for (path, text) in files {
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
            Some(text) => match criteria::check_edition(&info_file, text) {
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
            },
        };
        let class_file = format!("{ed}/classification.json");
        let classification = find("classification.json").and_then(|t| {
            criteria::parse::<Classification>(&class_file, t)
                .map_err(|p| problems.extend(p))
                .ok()
        });
        let head = info.as_ref().and_then(EditionHead::of);
        let mut sets = Vec::new();
        for (name, text) in list {
            if *name == "edition.json" || *name == "classification.json" {
                continue;
            }
            let file = format!("{ed}/{name}");
            match criteria::load_set(info.as_ref(), &file, text) {
                Ok(sheet) => {
                    if let Some(head) = &head {
                        let fp = criteria::fingerprint(text);
                        let by = Provenance::of(&file, text);
                        sets.push(build_set(head, &file, sheet, fp, by));
                    }
                }
                Err(p) => problems.extend(p),
            }
        }
        // A first day that is not a date is reported with the edition file.
        let (Some(info), Some(head)) = (info, head) else { continue };
        editions.push(Edition {
            data: Arc::new(EditionData::ready(head, info)),
            classification: Classified::Ready(classification),
            sets,
        });
    }
    editions
}

/// The edition folder of a path under a data directory.
fn folder(path: &str) -> &str {
    path.split_once('/').map_or("", |(e, _)| e)
}

/// The problem of a criteria file given outside an edition folder.
const OUTSIDE_EDITION: &str = "a criteria file outside an edition folder is \
                               not read: put it in <dir>/<edition>/";

/// `criteria/INDEX`, parsed.
fn parse_index() -> Result<index::Index<'static>> {
    index::parse(embedded::INDEX).map_err(|e| {
        ErrorKind::InvalidData { problems: vec![Problem::new("INDEX", e)] }
            .into()
    })
}

/// The embedded editions whose id `take` accepts, as the index lists
/// them: no file read.
fn indexed_editions(take: impl Fn(&str) -> bool) -> Result<Vec<Edition>> {
    from_index(&parse_index()?, take)
}

/// The editions of `index` whose id `take` accepts, in its order, each
/// edition file and table read the first time a call needs it.
fn from_index(
    index: &index::Index<'static>,
    take: impl Fn(&str) -> bool,
) -> Result<Vec<Edition>> {
    let mut editions = Vec::new();
    for row in index.editions.iter().filter(|r| take(r.id)) {
        let data =
            Arc::new(EditionData::embedded(EditionHead::from_row(row)?));
        let head = &data.head;
        let mut sets = Vec::new();
        for r in index.sets.iter().filter(|r| r.edition == head.id) {
            let inherited = !r
                .file
                .strip_prefix(head.id.as_str())
                .is_some_and(|f| f.starts_with('/'));
            let set_head = Head {
                id: r.id.to_owned(),
                name: r.name.to_owned(),
                status: r.status,
                max: r.max,
                fingerprint: r.fingerprint.to_owned(),
                has_inferred: r.has_inferred,
            };
            let source = Embedded {
                data: data.clone(),
                file: r.file,
                fingerprint: r.fingerprint,
                inherited,
            };
            sets.push(set(
                head,
                r.file,
                set_head,
                Table::Embedded(Box::new((source, OnceLock::new()))),
                Provenance::Bundled,
            ));
        }
        let classification =
            match embedded_file(&head.id, "classification.json") {
                Some(path) => Classified::Embedded(path, OnceLock::new()),
                None => Classified::Ready(None),
            };
        editions.push(Edition { data, classification, sets });
    }
    Ok(editions)
}

/// Gives each `tables: inherited` edition read in full (from `first` on)
/// the sets of the edition it names.
fn inherit_sets(
    editions: &mut [Edition],
    first: usize,
    problems: &mut Vec<Problem>,
) {
    for i in first..editions.len() {
        let Some(from) = editions[i].info().sets_from.clone() else {
            continue;
        };
        let Some(src) = editions.iter().position(|e| e.id() == from.edition)
        else {
            problems.push(Problem::new(
                &format!("{}/edition.json", editions[i].id()),
                format!("sets_from names unknown edition {}", from.edition),
            ));
            continue;
        };
        let own: Vec<String> =
            editions[i].sets.iter().map(|s| s.id().to_owned()).collect();
        let mut taken = Vec::new();
        for s in &editions[src].sets {
            if from.exclude.iter().any(|x| x == s.id())
                || own.iter().any(|x| x == s.id())
            {
                continue;
            }
            // Read now: dropping gates may drop its inferred data.
            let t = s.table.get();
            let mut sheet = t.sheet.clone();
            let info = editions[i].info();
            inherit(info, &mut sheet);
            let fp = inherited_fingerprint(&t.fingerprint, info);
            let by = s.provenance;
            let ed = editions[i].head();
            let t = compile(ed, sheet, fp, by);
            let table = Table::Ready(Box::new(t));
            taken.push(set(ed, &s.file, head(table.get()), table, by));
        }
        editions[i].sets.extend(taken);
    }
}

/// The fingerprint of a set taken by the edition of `info`: its own,
/// marked with the edition that took it.
fn inherited_fingerprint(fingerprint: &str, info: &EditionInfo) -> String {
    format!("{fingerprint}+{}", info.id)
}

/// A checked set of the edition of `info`, compiled now.
pub(super) fn build_set(
    ed: &EditionHead,
    file: &str,
    sheet: SetFile,
    fingerprint: String,
    provenance: Provenance,
) -> CriteriaSet {
    let t = compile(ed, sheet, fingerprint, provenance);
    set(ed, file, head(&t), Table::Ready(Box::new(t)), provenance)
}

/// What the index would say of a set read now.
fn head(t: &Loaded) -> Head {
    let [a, b, c] = t.official.part_max;
    Head {
        id: t.sheet.id.clone(),
        name: t.sheet.name.clone(),
        status: t.sheet.status,
        max: PartPoints { a, b, c },
        fingerprint: t.fingerprint.clone(),
        has_inferred: t.inferred.is_some(),
    }
}

fn set(
    ed: &EditionHead,
    file: &str,
    head: Head,
    table: Table,
    provenance: Provenance,
) -> CriteriaSet {
    CriteriaSet {
        edition: ed.id.clone(),
        period: (Some(ed.from), ed.until),
        tables: ed.tables,
        head,
        file: file.to_owned(),
        table,
        provenance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The catalog read from the index, its tables on first use, is the
    /// catalog read and checked in full: same editions, sets, order,
    /// names, tables, fingerprints and compiled forms.
    #[test]
    fn the_index_gives_the_catalog_the_full_checks_give() {
        let full = Catalog::load(BTreeMap::new(), Vec::new(), true)
            .unwrap_or_else(|e| panic!("{e}"));
        let lazy = Catalog::load(BTreeMap::new(), Vec::new(), false).unwrap();
        // No edition file is read until a call needs its rules.
        assert!(lazy.editions.iter().all(|e| !e.data.is_read()));
        assert!(lazy.editions.iter().all(|e| e.sets.iter().all(
            |s| matches!(
                s.table,
                Table::Embedded(ref e) if e.1.get().is_none()
            )
        )));
        let ids = |c: &Catalog| {
            c.editions().map(|e| e.id().to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&full), ids(&lazy));
        let mut n = 0;
        for (f, l) in full.editions.iter().zip(&lazy.editions) {
            assert_eq!(f.head(), l.head());
            assert_eq!(f.info(), l.info());
            assert_eq!(f.classification(), l.classification(), "{}", f.id());
            let sets = |e: &Edition| {
                e.sets().map(|s| s.id().to_owned()).collect::<Vec<_>>()
            };
            assert_eq!(sets(f), sets(l), "{}", f.id());
            for (a, b) in f.sets.iter().zip(&l.sets) {
                let at = format!("{}/{}", f.id(), a.id());
                assert_eq!(
                    (a.name(), a.status(), a.max_points()),
                    (b.name(), b.status(), b.max_points()),
                    "{at}"
                );
                assert_eq!(
                    (&a.file, &a.edition, a.period, a.tables),
                    (&b.file, &b.edition, b.period, b.tables),
                    "{at}"
                );
                assert_eq!(a.sheet(), b.sheet(), "{at}");
                assert_eq!(a.fingerprint(), b.fingerprint(), "{at}");
                // What the index says is what reading the table gives.
                let t = b.table.get();
                assert_eq!(b.fingerprint(), t.fingerprint, "{at}");
                assert_eq!(b.has_inferred(), t.inferred.is_some(), "{at}");
                // Compiled has no PartialEq; its Debug shows every field.
                let dbg = |s: &CriteriaSet, i| format!("{:?}", s.compiled(i));
                assert_eq!(dbg(a, false), dbg(b, false), "{at}");
                assert_eq!(dbg(a, true), dbg(b, true), "{at}");
                assert_eq!(a.has_inferred(), b.has_inferred(), "{at}");
                n += 1;
            }
        }
        assert!(n >= 79, "{n} sets");
    }

    /// A scorecard of 26/2026 reads one set file and no edition file: the
    /// index gives the rules it is decided by. Both paths (the batch's
    /// fast path and the general one) are held.
    #[test]
    fn a_scorecard_reads_one_set_and_no_edition_file() {
        let read = |c: &Catalog| {
            let sets = c.editions.iter().flat_map(|e| &e.sets);
            let tables = sets
                .filter(|s| matches!(&s.table, Table::Embedded(e) if e.1.get().is_some()))
                .count();
            let files = c.editions.iter().filter(|e| e.data.is_read());
            (tables, files.count())
        };
        let line = crate::samples::EVALUATION_2026;
        let catalog = indexed_editions(|_| true).map(Catalog::of).unwrap();
        assert_eq!(read(&catalog), (0, 0));
        let ev = crate::Evaluation::from_json(line).unwrap();
        let card = catalog.score(&ev).unwrap();
        assert_eq!(card.mean.total.to_string(), "74.33");
        assert_eq!(read(&catalog), (1, 0));
        let catalog = indexed_editions(|_| true).map(Catalog::of).unwrap();
        let mut out = Vec::new();
        let scorer = crate::BatchScorer::new(&catalog);
        assert!(scorer.score_line(line.as_bytes(), 1, &mut out));
        assert_eq!(read(&catalog), (1, 0));
        // Asking for the edition's file reads it.
        let _ = catalog.edition("qd26-2026").unwrap().info();
        assert_eq!(read(&catalog), (1, 1));
    }

    /// What the fingerprints example writes is what the crate embeds.
    #[test]
    fn the_embedded_index_is_the_files() {
        let want = Catalog::embedded_index().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            want == embedded::INDEX,
            "criteria/INDEX differs from the criteria files: run \
             `cargo run --example fingerprints -- --write`"
        );
    }

    #[test]
    fn a_broken_index_line_is_named() {
        let err = index::parse("# x\nset\tqd26-2026\thoa\n").err();
        assert_eq!(err.as_deref(), Some("INDEX line 2"));
        let err = index::parse("qd26-2026\thoa\n").err();
        assert_eq!(err.as_deref(), Some("INDEX line 1"), "no kind");
        let row = "set\tqd26-2026\thoa\tqd26-2026/hoa.json\tlost\t35\t25\t40\
                   \tno\tfnv1a64:0\tHoa";
        assert!(index::parse(row).is_err());
        let ok = row.replace("lost", "cross-checked");
        assert_eq!(index::parse(&ok).unwrap().sets[0].max.total(), 100);
        let ed = "edition\tqd26-2026\t2026-05-22\t-\tbundled\t-\tqd148-2023\t60\t30\
                  \t40\t25\t35\t5:90 4:70 3:50 2:30 1:0\t2\t10\tcomplete";
        let row = &index::parse(ed).unwrap().editions[0];
        assert_eq!(row.transition, Some(("qd148-2023", 60, 30)));
        assert_eq!((row.until, row.sets_from), (None, None));
        assert_eq!(row.rules.parts.total(), 100);
        assert_eq!(row.rules.bands[1], (4, rust_decimal::Decimal::from(70)));
        assert_eq!((row.rules.decimals, row.rules.spread_limit), (2, 10));
        for bad in [
            ed.replace("bundled", "lost"),
            ed.replace("\t30\t", "\tthirty\t"),
            ed.replace("\t30\t", "\t"),
            ed.replace("4:70", "4-70"),
            ed.replace("4:70", "4:seventy"),
            ed.replace("complete", "all"),
            format!("{ed}\tmore"),
        ] {
            assert_eq!(
                index::parse(&bad).err().as_deref(),
                Some("INDEX line 1"),
                "{bad}"
            );
        }
    }
}
