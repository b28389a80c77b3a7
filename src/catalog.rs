//! The editions and sets known, and how an evaluation finds its rules.
//!
//! A [`Catalog`] holds every edition of the criteria: the embedded copy of
//! `criteria/` ([`Catalog::official`]) or that copy overlaid with a user's
//! directory ([`Catalog::from_dir`]). It answers three questions: which
//! edition applied on a date (the transition rule of 26/2026/QĐ-TTg Điều 12
//! lives here and nowhere else), which set an id or name denotes, and what
//! exactly was loaded (each set's fingerprint).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use crate::compiled::Compiled;
use crate::criteria::{
    self, Classification, EditionInfo, Problem, SetFile, SetStatus, Tables,
    slug,
};
use crate::date::Date;
use crate::embedded::EMBEDDED;
use crate::error::{Error, ErrorKind, Result};
use crate::options::ScoreOptions;

/// How the edition of a scorecard was chosen.
///
/// ```
/// assert_eq!(serde_json::to_string(&ocop::EditionBasis::Date).unwrap(), "\"date\"");
/// assert_eq!(ocop::EditionBasis::Default.to_string(), "default");
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EditionBasis {
    /// The evaluation named it.
    Named,
    /// The edition in force on the evaluation's date.
    Date,
    /// A transition clause decided it, from the date and the submission
    /// day (26/2026/QĐ-TTg Điều 12).
    Transition,
    /// The caller's default ([`ScoreOptions::edition`]), for an evaluation
    /// that names no edition and gives no date.
    ///
    /// [`ScoreOptions::edition`]: crate::ScoreOptions::edition
    Default,
}

impl EditionBasis {
    /// The name in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            EditionBasis::Named => "named",
            EditionBasis::Date => "date",
            EditionBasis::Transition => "transition",
            EditionBasis::Default => "default",
        }
    }
}

impl std::fmt::Display for EditionBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// A criteria set: the sheet as printed, and its compiled tables.
///
/// # Example
///
/// ```
/// let set = ocop::Catalog::official()
///     .edition("qd26-2026")
///     .and_then(|e| e.set("rau-cu-qua-hat-tuoi"))
///     .expect("bundled");
/// assert_eq!(set.sheet().name, "Rau, củ, quả, hạt tươi");
/// assert_eq!(set.max_points().total(), 100);
/// ```
#[derive(Debug)]
pub struct CriteriaSet {
    edition: String,
    /// The edition's first and last days in force.
    period: (Option<Date>, Option<Date>),
    sheet: SetFile,
    fingerprint: String,
    official: Compiled,
    inferred: Option<Compiled>,
    /// Whether its edition ships all its tables.
    tables: Tables,
}

impl CriteriaSet {
    /// The sheet as printed: parts, sections, criteria, options, notes.
    pub fn sheet(&self) -> &SetFile {
        &self.sheet
    }

    /// The set id.
    pub fn id(&self) -> &str {
        &self.sheet.id
    }

    /// The edition this set belongs to.
    pub fn edition(&self) -> &str {
        &self.edition
    }

    /// The first and last days its edition was in force, where known
    /// (the last is `None` for the edition in force now).
    pub fn in_force(&self) -> (Option<Date>, Option<Date>) {
        self.period
    }

    /// The fingerprint of the data this set was loaded from.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Whether the set has inferred data (an inferred table, point value or
    /// gate) that is used only on request.
    pub fn has_inferred(&self) -> bool {
        self.inferred.is_some()
    }

    /// Maximum points per part of the recovered table. Less than the
    /// edition's where the source has a known gap (see `sheet().gaps`).
    pub fn max_points(&self) -> criteria::PartPoints {
        let [a, b, c] = self.official.part_max;
        criteria::PartPoints { a, b, c }
    }

    /// Checks and compiles one set file on its own, outside any catalog:
    /// for tools that check a transcribed table, and for testing one.
    /// The checks are the loader's ([`criteria::check_set`]); `file` is the
    /// set's path under a data directory (`qd26-2026/hoa.json`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidData`] with every problem.
    ///
    /// # Example
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let ed = catalog.edition("qd26-2026").unwrap();
    /// let text = serde_json::to_string(ed.set("hoa").unwrap().sheet()).unwrap();
    /// let set = ocop::CriteriaSet::from_text(ed.info(), "qd26-2026/hoa.json", &text)?;
    /// assert_eq!(set.max_points().total(), 100);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn from_text(
        edition: &EditionInfo,
        file: &str,
        text: &str,
    ) -> Result<CriteriaSet> {
        let sheet = criteria::check_set(edition, file, text)
            .map_err(|problems| ErrorKind::InvalidData { problems })?;
        Ok(build_set(edition, sheet, criteria::fingerprint(text)))
    }

    /// Whether its edition ships all its tables (`Bundled`), takes them
    /// from another edition (`Inherited`), or lacks some (`Partial`):
    /// where tables are missing, a set name the edition does not know is
    /// most likely a missing table ([`ErrorKind::TablesNotBundled`]).
    ///
    /// ```
    /// use ocop::criteria::Tables;
    /// let c = ocop::Catalog::official();
    /// let set = c.edition("qd148-2023").unwrap().set("rau-cu-qua-hat-tuoi").unwrap();
    /// assert_eq!(set.edition_tables(), Tables::Partial);
    /// ```
    pub fn edition_tables(&self) -> Tables {
        self.tables
    }

    pub(crate) fn compiled(&self, inferred: bool) -> &Compiled {
        match (&self.inferred, inferred) {
            (Some(c), true) => c,
            _ => &self.official,
        }
    }
}

/// An edition of the criteria: the rules of one decision (or a decision as
/// amended) and its sets.
///
/// # Example
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd1048-781").unwrap();
/// assert_eq!(ed.info().parts.a, 35);
/// assert!(ed.set("vai-may-mac").is_some());
/// ```
#[derive(Debug)]
pub struct Edition {
    info: EditionInfo,
    /// `info.in_force.from`, parsed once.
    from: Date,
    classification: Option<Classification>,
    sets: Vec<CriteriaSet>,
}

impl Edition {
    /// The edition file: decisions, dates, part maxima, bands, rounding.
    pub fn info(&self) -> &EditionInfo {
        &self.info
    }

    /// The edition id.
    pub fn id(&self) -> &str {
        &self.info.id
    }

    /// The product classification (Phụ lục I), where recovered.
    pub fn classification(&self) -> Option<&Classification> {
        self.classification.as_ref()
    }

    /// The sets, in classification order.
    pub fn sets(&self) -> impl Iterator<Item = &CriteriaSet> {
        self.sets.iter()
    }

    /// Whether this edition's tables are loaded.
    pub fn has_tables(&self) -> bool {
        !self.sets.is_empty()
    }

    /// [`Edition::set`], or an error that says why there is none: the
    /// edition's tables are not bundled (and how to supply them), or it
    /// has no such set.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::TablesNotBundled`], [`ErrorKind::UnknownSet`].
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// let err = catalog.edition("qd148-2023").unwrap().find_set("hoa").unwrap_err();
    /// assert!(matches!(err.kind(), ocop::ErrorKind::TablesNotBundled { .. }));
    /// assert!(err.to_string().contains("--criteria"));
    /// ```
    pub fn find_set(&self, id_or_name: &str) -> Result<&CriteriaSet> {
        let edition = self.info.id.clone();
        self.set(id_or_name).ok_or_else(|| match self.info.tables {
            // Of an edition whose tables are missing, an unknown name is
            // most likely a missing table, not a typo.
            Tables::NotBundled | Tables::Partial => {
                ErrorKind::TablesNotBundled { edition }.into()
            }
            _ if !self.has_tables() => {
                ErrorKind::TablesNotBundled { edition }.into()
            }
            _ => Error::new(ErrorKind::UnknownSet {
                edition,
                set: id_or_name.to_owned(),
            }),
        })
    }

    /// Finds a set by id or by phân nhóm name. The match forgives case,
    /// diacritics and punctuation: `"Rau, củ, quả, hạt tươi"`,
    /// `"RAU-CU-QUA-HAT-TUOI"` and `"rau-cu-qua-hat-tuoi"` are the same set.
    pub fn set(&self, id_or_name: &str) -> Option<&CriteriaSet> {
        if let Some(s) = self.sets.iter().find(|s| s.sheet.id == id_or_name) {
            return Some(s);
        }
        let want = slug(id_or_name);
        self.sets
            .iter()
            .find(|s| s.sheet.id == want || slug(&s.sheet.name) == want)
            .or_else(|| {
                let c = self.classification.as_ref()?;
                let row =
                    c.entries.iter().find(|r| slug(&r.phan_nhom) == want)?;
                let id = row.set.as_deref()?;
                self.sets.iter().find(|s| s.sheet.id == id)
            })
    }
}

/// Every edition of the criteria.
///
/// # Example
///
/// ```
/// use ocop::{Catalog, Date};
///
/// let catalog = Catalog::official();
/// let date = Date::parse("date", "2021-11-03")?;
/// assert_eq!(catalog.edition_for(date, None, false)?.id(), "qd1048-781");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug)]
pub struct Catalog {
    editions: Vec<Edition>,
}

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
            let files = EMBEDDED
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()));
            Catalog::from_files(files.collect(), Vec::new()).unwrap_or_else(
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
        let mut files: BTreeMap<String, String> = EMBEDDED
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
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
                    problems.push(Problem::new(
                        &ed_name,
                        "a criteria file outside an edition folder is not \
                         read: put it in <dir>/<edition>/",
                    ));
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
                            sets.push(build_set(info, sheet, fp));
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
        Ok(Catalog { editions })
    }

    /// The editions, oldest first.
    pub fn editions(&self) -> impl Iterator<Item = &Edition> {
        self.editions.iter()
    }

    /// The edition with this id.
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.info.id.eq_ignore_ascii_case(id))
    }

    /// The edition with this id (any case), or an error that lists the
    /// known ones.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownEdition`].
    ///
    /// ```
    /// let catalog = ocop::Catalog::official();
    /// assert_eq!(catalog.find_edition("QD26-2026")?.id(), "qd26-2026");
    /// let err = catalog.find_edition("nope").unwrap_err();
    /// assert!(err.to_string().contains("known editions: qd1048-2019, qd1048-781"));
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn find_edition(&self, id: &str) -> Result<&Edition> {
        self.edition(id).ok_or_else(|| {
            Error::new(ErrorKind::UnknownEdition {
                edition: id.to_owned(),
                known: self
                    .editions
                    .iter()
                    .map(|e| e.id().to_owned())
                    .collect(),
            })
        })
    }

    /// The edition that applied to an evaluation held on `date` for a
    /// dossier submitted on `submitted`.
    ///
    /// Each edition applies from its `in_force.from` day. When an edition
    /// has a transition clause (26/2026/QĐ-TTg Điều 12), a dossier
    /// submitted before that day stays under the older edition for
    /// `days` days (`reevaluation_days` for a re-evaluation); later, or for
    /// a dossier submitted from that day, the new edition applies.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::BeforeCriteria`] for a date before the first edition.
    /// - [`ErrorKind::AmbiguousEdition`] for a date inside a transition
    ///   window when `submitted` is not given.
    pub fn edition_for(
        &self,
        date: Date,
        submitted: Option<Date>,
        reevaluation: bool,
    ) -> Result<&Edition> {
        self.edition_by_date(date, submitted, reevaluation).map(|(e, _)| e)
    }

    /// [`Catalog::edition_for`], with how the edition was chosen:
    /// [`EditionBasis::Date`] (the edition in force that day) or
    /// [`EditionBasis::Transition`] (an older edition kept by a transition
    /// clause, or the newer one once the submission date settles a window
    /// that the date alone leaves open).
    pub(crate) fn edition_by_date(
        &self,
        date: Date,
        submitted: Option<Date>,
        reevaluation: bool,
    ) -> Result<(&Edition, EditionBasis)> {
        let Some(current) =
            self.editions.iter().rev().find(|e| e.from <= date)
        else {
            let first = self.editions.first().map(|e| e.from.to_string());
            return Err(ErrorKind::BeforeCriteria {
                date: date.to_string(),
                first: first.unwrap_or_default(),
            }
            .into());
        };
        let Some(t) = &current.info.transition else {
            return Ok((current, EditionBasis::Date));
        };
        let start = current.from;
        let days = if reevaluation { t.reevaluation_days } else { t.days };
        // Điều 12 khoản 2: the old rules hold for `days` days from the day
        // the new decision took effect, counting that day.
        let in_window = date < start.add_days(i64::from(days));
        match submitted {
            Some(s) if s < start && in_window => {
                Ok((self.find_edition(&t.edition)?, EditionBasis::Transition))
            }
            Some(_) if in_window => Ok((current, EditionBasis::Transition)),
            None if in_window => Err(ErrorKind::AmbiguousEdition {
                date: date.to_string(),
                cutoff: start.to_string(),
                old: t.edition.clone(),
                new: current.info.id.clone(),
            }
            .into()),
            _ => Ok((current, EditionBasis::Date)),
        }
    }

    pub(crate) fn set_or_err<'c>(
        &'c self,
        edition: &'c Edition,
        set: &str,
        opts: &ScoreOptions,
    ) -> Result<&'c CriteriaSet> {
        let found = edition.find_set(set)?;
        let (edition, set) = (edition.info.id.clone(), found.sheet.id.clone());
        match found.sheet.status {
            SetStatus::Inferred if !opts.inferred => {
                Err(ErrorKind::InferredSet { edition, set }.into())
            }
            SetStatus::WeakSource if !opts.weak_sources => {
                Err(ErrorKind::WeakSourceSet { edition, set }.into())
            }
            _ => Ok(found),
        }
    }
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
            taken.push(build_set(&editions[i].info, sheet, fp));
        }
        editions[i].sets.extend(taken);
    }
}

fn build_set(
    info: &EditionInfo,
    sheet: SetFile,
    fingerprint: String,
) -> CriteriaSet {
    let has_inferred = sheet.status == SetStatus::Inferred
        || sheet.criteria().any(|(_, _, c)| {
            c.options.iter().any(|o| {
                o.inferred.is_some()
                    || o.gate.as_ref().is_some_and(|g| g.inferred.is_some())
            })
        });
    let official = Compiled::new(info, &sheet, &fingerprint, false);
    let inferred =
        has_inferred.then(|| Compiled::new(info, &sheet, &fingerprint, true));
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
    }
}
