//! The editions and sets known, and how an evaluation finds its set.
//!
//! A [`Catalog`] holds every edition of the criteria: the embedded copy of
//! `criteria/` ([`Catalog::official`]) or that copy overlaid with a user's
//! directory ([`Catalog::from_dir`]). It answers which set an id or name
//! denotes (forgiving case, diacritics and punctuation, see [`slug`]) and
//! what exactly was loaded (each set's fingerprint).
//!
//! Its rooms: this file holds the types and lookups; `load` reads and
//! checks files into editions, the embedded ones from `index` without
//! reading a file until a call needs it (a set's table when the set is
//! used, an edition's file when more than its placing and scoring rules
//! is asked for); `text` prints an edition and a set as a
//! council member sees them (their `Display`). Other rooms add the methods
//! of the rules they own, so that each rule has one home:
//!
//! - which edition applies, by name, date or default, and the transition
//!   of 26/2026/QĐ-TTg Điều 12: [`Catalog::edition_for`] in `place`;
//! - scoring and checking: [`Catalog::score`], [`Catalog::check`] in
//!   `score`;
//! - explanations, plans and what-if: [`Catalog::explain`],
//!   [`Catalog::plan`], [`Catalog::what_if`] in `advice`;
//! - a member's sheet resolved and summed: [`CriteriaSet::resolve`] in
//!   `sheet`.

mod index;
mod lazy;
mod listing;
mod load;
mod text;

use std::sync::Arc;

pub use listing::{EditionListing, SetListing};

use crate::compiled::Compiled;
use crate::criteria::{
    self, Classification, EditionInfo, Provenance, SetFile, SetStatus, Tables,
};
use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};
use crate::options::ScoreOptions;

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
    /// Whether its edition ships all its tables.
    tables: Tables,
    /// What is known of it before its table is read.
    head: lazy::Head,
    /// Its file under the data directory (another edition's when the set
    /// is inherited).
    file: String,
    table: lazy::Table,
    /// Whose data it is.
    provenance: Provenance,
}

impl CriteriaSet {
    /// The sheet as printed: parts, sections, criteria, options, notes.
    /// An embedded set's table is read and compiled the first time it is
    /// needed, here or by a score.
    pub fn sheet(&self) -> &SetFile {
        &self.table.get().sheet
    }

    /// The set id.
    pub fn id(&self) -> &str {
        &self.head.id
    }

    /// The name as printed (the phân nhóm), without reading the table.
    ///
    /// ```
    /// let ed = ocop::Catalog::official().edition("qd26-2026").unwrap();
    /// assert_eq!(ed.set("hoa").unwrap().name(), "Hoa");
    /// ```
    pub fn name(&self) -> &str {
        &self.head.name
    }

    /// How far its table can be trusted, without reading the table.
    ///
    /// ```
    /// use ocop::criteria::SetStatus;
    /// let ed = ocop::Catalog::official().edition("qd26-2026").unwrap();
    /// assert_eq!(ed.set("hoa").unwrap().status(), SetStatus::Transcribed);
    /// ```
    pub fn status(&self) -> SetStatus {
        self.head.status
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

    /// The fingerprint of the data this set was loaded from. Known
    /// without reading the table.
    pub fn fingerprint(&self) -> &str {
        &self.head.fingerprint
    }

    /// Whose data the set is: bundled with the crate, or the user's
    /// (a file of `--criteria DIR` or given in memory that is not the
    /// bundled file of its path).
    ///
    /// ```
    /// use ocop::criteria::Provenance;
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// assert_eq!(set.provenance(), Provenance::Bundled);
    /// ```
    pub fn provenance(&self) -> Provenance {
        self.provenance
    }

    /// Whether the set has inferred data (an inferred table, point value or
    /// gate) that is used only on request. Known without reading the table.
    pub fn has_inferred(&self) -> bool {
        self.head.has_inferred
    }

    /// Maximum points per part of the recovered table. Less than the
    /// edition's where the source has a known gap (see `sheet().gaps`).
    /// Known without reading the table.
    pub fn max_points(&self) -> criteria::PartPoints {
        self.head.max
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
        let head = lazy::EditionHead::of(edition).ok_or_else(|| {
            let file = format!("{}/edition.json", edition.id);
            let problem =
                criteria::Problem::new(&file, "in_force.from is not a date");
            ErrorKind::InvalidData { problems: vec![problem] }
        })?;
        let fp = criteria::fingerprint(text);
        let by = criteria::Provenance::of(file, text);
        Ok(load::build_set(&head, file, sheet, fp, by))
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
        let t = self.table.get();
        match (&t.inferred, inferred) {
            (Some(c), true) => c,
            _ => &t.official,
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
    /// Its head and file, shared with the sets whose tables are read on
    /// first use.
    data: Arc<lazy::EditionData>,
    classification: lazy::Classified,
    sets: Vec<CriteriaSet>,
}

impl Edition {
    /// The edition file: decisions, dates, part maxima, bands, rounding.
    /// An embedded edition's file is read the first time it is needed.
    pub fn info(&self) -> &EditionInfo {
        self.data.info()
    }

    /// What placing and scoring need of the edition, known without
    /// reading its file.
    pub(crate) fn head(&self) -> &lazy::EditionHead {
        &self.data.head
    }

    /// The edition id, without reading its file.
    pub fn id(&self) -> &str {
        &self.data.head.id
    }

    /// The product classification (Phụ lục I), where recovered.
    pub fn classification(&self) -> Option<&Classification> {
        self.classification.get()
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
        let edition = self.head().id.clone();
        self.set(id_or_name).ok_or_else(|| {
            if self.head().tables.missing_some() || !self.has_tables() {
                ErrorKind::TablesNotBundled { edition }.into()
            } else {
                Error::new(ErrorKind::UnknownSet {
                    edition,
                    set: id_or_name.to_owned(),
                })
            }
        })
    }

    /// Finds a set by id or by phân nhóm name. The match forgives case,
    /// diacritics and punctuation: `"Rau, củ, quả, hạt tươi"`,
    /// `"RAU-CU-QUA-HAT-TUOI"` and `"rau-cu-qua-hat-tuoi"` are the same set.
    pub fn set(&self, id_or_name: &str) -> Option<&CriteriaSet> {
        if let Some(s) = self.sets.iter().find(|s| s.id() == id_or_name) {
            return Some(s);
        }
        let want = slug(id_or_name);
        self.sets
            .iter()
            .find(|s| s.id() == want || slug(s.name()) == want)
            .or_else(|| {
                let c = self.classification()?;
                let row =
                    c.entries.iter().find(|r| slug(&r.phan_nhom) == want)?;
                let id = row.set.as_deref()?;
                self.sets.iter().find(|s| s.id() == id)
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
    pub(crate) editions: Vec<Edition>,
    /// Every criterion code of every set, gathered on first use.
    codes: std::sync::OnceLock<std::collections::BTreeSet<String>>,
}

impl Catalog {
    /// Whether some set of some edition has a criterion with this code.
    pub fn has_criterion(&self, code: &str) -> bool {
        self.codes
            .get_or_init(|| {
                let sets = self.editions.iter().flat_map(|e| e.sets());
                sets.flat_map(|s| s.sheet().criteria())
                    .map(|(_, _, c)| c.code.clone())
                    .collect()
            })
            .contains(code)
    }

    /// The editions, oldest first.
    pub fn editions(&self) -> impl Iterator<Item = &Edition> {
        self.editions.iter()
    }

    /// The edition with this id.
    pub fn edition(&self, id: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.id().eq_ignore_ascii_case(id))
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

    pub(crate) fn set_or_err<'c>(
        &'c self,
        edition: &'c Edition,
        set: &str,
        opts: &ScoreOptions,
    ) -> Result<&'c CriteriaSet> {
        let found = edition.find_set(set)?;
        let (edition, set) = (edition.id().to_owned(), found.id().to_owned());
        match found.status() {
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

/// The ASCII slug of a Vietnamese name: diacritics removed, `đ` → `d`,
/// lowercase, runs of other characters → `-`. Takes composed (NFC) and
/// decomposed (NFD) input alike. Set ids are the slugs of their names.
///
/// ```
/// assert_eq!(ocop::catalog::slug("Rau, củ, quả, hạt tươi"), "rau-cu-qua-hat-tuoi");
/// assert_eq!(ocop::catalog::slug("Đồ ăn nhanh"), "do-an-nhanh");
/// ```
pub fn slug(name: &str) -> String {
    const FOLD: [(&str, char); 7] = [
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for ch in name.chars().flat_map(char::to_lowercase) {
        // Combining marks (NFD input) carry no letter.
        if ('\u{300}'..='\u{36f}').contains(&ch) {
            continue;
        }
        let base = if ch.is_ascii() {
            ch
        } else {
            FOLD.iter()
                .find(|(set, _)| set.contains(ch))
                .map_or(ch, |&(_, b)| b)
        };
        if base.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(base);
        } else {
            dash = true;
        }
    }
    out
}
