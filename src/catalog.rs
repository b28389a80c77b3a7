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
    self, Classification, EditionInfo, GateCoverage, SetFile, SetStatus,
    Tables,
};
use crate::error::{Error, ErrorKind, Result};

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../criteria/", $path)))),*]
    };
}

/// Every embedded criteria file, by path under `criteria/`. A test checks
/// this list against the folder, so a file added there must be added here.
pub(crate) static EMBEDDED: &[(&str, &str)] = embed![
    "qd1048-2019/edition.json",
    "qd1048-2019/classification.json",
    "qd1048-781/edition.json",
    "qd1048-781/classification.json",
    "qd1048-781/ca-phe-ca-cao.json",
    "qd1048-781/cac-san-pham-khac-tu-che-tra.json",
    "qd1048-781/che-bien-tu-gao-ngu-coc.json",
    "qd1048-781/che-bien-tu-rau-cu-qua-hat.json",
    "qd1048-781/che-bien-tu-thit-trung-sua.json",
    "qd1048-781/che-bien-tu-thuy-hai-san.json",
    "qd1048-781/che-tuoi-che-bien.json",
    "qd1048-781/dich-vu-du-lich-cong-dong-va-diem-du-lich.json",
    "qd1048-781/do-an-nhanh.json",
    "qd1048-781/do-uong-co-con-khac.json",
    "qd1048-781/do-uong-khong-con.json",
    "qd1048-781/gao-ngu-coc.json",
    "qd1048-781/gia-vi-khac.json",
    "qd1048-781/mat-ong-cac-san-pham-tu-mat-ong-mat-khac.json",
    "qd1048-781/my-pham.json",
    "qd1048-781/nuoc-khoang-thien-nhien-nuoc-uong-tinh-khiet.json",
    "qd1048-781/rau-cu-qua-hat-tuoi.json",
    "qd1048-781/ruou-trang.json",
    "qd1048-781/thao-duoc-khac.json",
    "qd1048-781/thit-trung-sua-tuoi.json",
    "qd1048-781/thu-cong-my-nghe-gia-dung.json",
    "qd1048-781/thu-cong-my-nghe-trang-tri.json",
    "qd1048-781/thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen.json",
    "qd1048-781/trang-thiet-bi-dung-cu-y-te.json",
    "qd1048-781/tuong-nuoc-mam-gia-vi-dang-long-khac.json",
    "qd1048-781/vai-may-mac.json",
    "qd148-2023/edition.json",
    "qd26-2026/edition.json",
    "qd26-2026/classification.json",
    "qd26-2026/cay-canh.json",
    "qd26-2026/che-bien-tu-gao-ngu-coc.json",
    "qd26-2026/che-bien-tu-rau-cu-qua-hat.json",
    "qd26-2026/che-bien-tu-thit-thuy-san-trung-sua-cac-san-pham-tu-mat-ong-mat-khac-va-nong-san-thuc-pham-khac.json",
    "qd26-2026/che-tuoi-che-che-bien.json",
    "qd26-2026/dich-vu-du-lich-cong-dong-du-lich-sinh-thai-va-diem-du-lich.json",
    "qd26-2026/do-an-nhanh.json",
    "qd26-2026/do-uong-co-con-khac.json",
    "qd26-2026/do-uong-khong-con-khac.json",
    "qd26-2026/dong-vat-canh.json",
    "qd26-2026/gao-ngu-coc-hat-so-che-khac.json",
    "qd26-2026/gia-vi-khac.json",
    "qd26-2026/hoa.json",
    "qd26-2026/mat-ong-mat-khac-va-nong-san-thuc-pham-khac.json",
    "qd26-2026/my-pham-co-thanh-phan-tu-duoc-lieu.json",
    "qd26-2026/nuoc-khoang-thien-nhien-nuoc-uong-dong-chai.json",
    "qd26-2026/rau-cu-qua-hat-tuoi.json",
    "qd26-2026/ruou-trang.json",
    "qd26-2026/san-pham-ca-phe-ca-cao.json",
    "qd26-2026/san-pham-tra-tu-thuc-vat-khac.json",
    "qd26-2026/thit-thuy-san-trung-sua-tuoi.json",
    "qd26-2026/thu-cong-my-nghe-gia-dung-trang-tri.json",
    "qd26-2026/thuc-pham-chuc-nang-thuoc-duoc-lieu-thuoc-co-truyen.json",
    "qd26-2026/tinh-dau-va-duoc-lieu-khac.json",
    "qd26-2026/tuong-nuoc-mam-gia-vi-dang-long-khac.json",
    "qd26-2026/vai-may-mac.json",
];

/// A calendar date, `YYYY-MM-DD`.
///
/// # Example
///
/// ```
/// let d = ocop::Date::parse("date", "2026-05-22")?;
/// assert_eq!(d.to_string(), "2026-05-22");
/// assert_eq!(d.add_days(60).to_string(), "2026-07-21");
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidDate`] naming `field` when the text is not a
    /// valid calendar date.
    pub fn parse(field: &str, s: &str) -> Result<Date> {
        let bad = || {
            Error::new(ErrorKind::InvalidDate {
                field: field.to_owned(),
                value: s.to_owned(),
            })
        };
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            s.get(r)
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))?
                .parse()
                .ok()
        };
        let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10))
        else {
            return Err(bad());
        };
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if d == 0 || d > days {
            return Err(bad());
        }
        Ok(Date { year: y as i32, month: m as u8, day: d as u8 })
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    fn days(self) -> i64 {
        let (y, m, d) =
            (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// 64-bit FNV-1a over the file's bytes, with CRLF read as LF so that a
/// checkout's line endings do not change it. It detects edits, not attacks.
pub(crate) fn fingerprint(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'\r' && b.get(i + 1) == Some(&b'\n') {
            continue;
        }
        h ^= u64::from(c);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("fnv1a64:{h:016x}")
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
    sheet: SetFile,
    fingerprint: String,
    official: Compiled,
    inferred: Option<Compiled>,
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

/// The ASCII slug of a Vietnamese name: diacritics removed, `đ` → `d`,
/// lowercase, runs of other characters → `-`. Takes composed (NFC) and
/// decomposed (NFD) input alike.
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
    /// suite. A panic here names the embedded file that failed and is a bug
    /// in `ocop`.
    pub fn official() -> &'static Catalog {
        static OFFICIAL: OnceLock<Catalog> = OnceLock::new();
        OFFICIAL.get_or_init(|| {
            let files = EMBEDDED
                .iter()
                .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()));
            Catalog::from_files(files.collect()).unwrap_or_else(|e| {
                panic!("embedded criteria data is invalid: {e}")
            })
        })
    }

    /// The embedded criteria overlaid with the JSON files of `dir`, laid
    /// out as `criteria/` is (`<dir>/<edition>/edition.json`,
    /// `<dir>/<edition>/<set-id>.json`, ...). A file in `dir` replaces the
    /// embedded file of the same path; new editions and sets are added.
    /// This is how a province supplies corrected tables, or the tables of
    /// an edition that are not bundled, without recompiling.
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::Io`] when `dir` or a file in it cannot be read.
    /// - [`ErrorKind::InvalidData`] when a file does not parse or breaks an
    ///   invariant (part maxima, unique codes, option maxima, ...), naming
    ///   the file, set, criterion and option.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Catalog> {
        let dir = dir.as_ref();
        let mut files: BTreeMap<String, String> = EMBEDDED
            .iter()
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
            .collect();
        let io =
            |p: &Path, e: std::io::Error| Error::new(ErrorKind::io(p, &e));
        for ed in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
            let ed = ed.map_err(|e| io(dir, e))?.path();
            if !ed.is_dir() {
                continue;
            }
            let ed_name = ed
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_owned();
            for f in std::fs::read_dir(&ed).map_err(|e| io(&ed, e))? {
                let f = f.map_err(|e| io(&ed, e))?.path();
                if f.extension().is_some_and(|x| x == "json") {
                    let text =
                        std::fs::read_to_string(&f).map_err(|e| io(&f, e))?;
                    let name = f
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default();
                    files.insert(format!("{ed_name}/{name}"), text);
                }
            }
        }
        Catalog::from_files(files)
    }

    fn from_files(files: BTreeMap<String, String>) -> Result<Catalog> {
        // Group files by edition folder.
        let mut by_ed: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        for (path, text) in &files {
            let (ed, name) = path.split_once('/').unwrap_or(("", path));
            by_ed.entry(ed).or_default().push((name, text));
        }
        let mut editions: Vec<Edition> = Vec::new();
        let mut inherit = Vec::new();
        for (ed, list) in &by_ed {
            let find =
                |n: &str| list.iter().find(|(f, _)| *f == n).map(|(_, t)| *t);
            let info_file = format!("{ed}/edition.json");
            let Some(text) = find("edition.json") else {
                return Err(ErrorKind::data(
                    &info_file,
                    "missing edition.json",
                )
                .into());
            };
            let info: EditionInfo = criteria::parse(&info_file, text)?;
            criteria::validate_edition(&info_file, &info)?;
            if info.id != *ed {
                return Err(ErrorKind::data(
                    &info_file,
                    format!("id {:?} differs from its folder {ed:?}", info.id),
                )
                .into());
            }
            let class_file = format!("{ed}/classification.json");
            let classification: Option<Classification> =
                find("classification.json")
                    .map(|t| criteria::parse(&class_file, t))
                    .transpose()?;
            let mut sets = Vec::new();
            for (name, text) in list {
                if *name == "edition.json" || *name == "classification.json" {
                    continue;
                }
                let file = format!("{ed}/{name}");
                let sheet: SetFile = criteria::parse(&file, text)?;
                if format!("{}.json", sheet.id) != *name {
                    return Err(ErrorKind::data(
                        &file,
                        format!(
                            "set id {:?} differs from its file name",
                            sheet.id
                        ),
                    )
                    .into());
                }
                criteria::validate_set(&file, &info, &sheet)?;
                sets.push(build_set(&info, sheet, fingerprint(text)));
            }
            if info.tables == Tables::Inherited {
                inherit.push(editions.len());
            }
            let from = Date::parse("in_force.from", &info.in_force.from)?;
            editions.push(Edition { info, from, classification, sets });
        }
        for i in inherit {
            let from = editions[i]
                .info
                .sets_from
                .clone()
                .expect("validated: inherited has sets_from");
            let Some(src) =
                editions.iter().position(|e| e.info.id == from.edition)
            else {
                return Err(ErrorKind::data(
                    &format!("{}/edition.json", editions[i].info.id),
                    format!(
                        "sets_from names unknown edition {}",
                        from.edition
                    ),
                )
                .into());
            };
            let own: Vec<String> =
                editions[i].sets.iter().map(|s| s.sheet.id.clone()).collect();
            let mut taken = Vec::new();
            for s in &editions[src].sets {
                if from.exclude.contains(&s.sheet.id)
                    || own.contains(&s.sheet.id)
                {
                    continue;
                }
                let mut sheet = s.sheet.clone();
                if from.drop_gates {
                    for p in &mut sheet.parts {
                        for x in &mut p.sections {
                            for c in &mut x.criteria {
                                c.options
                                    .iter_mut()
                                    .for_each(|o| o.gate = None);
                            }
                        }
                    }
                }
                let fp = format!("{}+{}", s.fingerprint, editions[i].info.id);
                taken.push(build_set(&editions[i].info, sheet, fp));
            }
            editions[i].sets.extend(taken);
        }
        for e in &mut editions {
            let file = format!("{}/classification.json", e.info.id);
            if let Some(c) = &e.classification {
                let ids: Vec<&str> = e.sets.iter().map(|s| s.id()).collect();
                criteria::validate_classification(&file, c, |id| {
                    ids.contains(&id)
                })?;
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

    pub(crate) fn edition_or_err(&self, id: &str) -> Result<&Edition> {
        self.edition(id).ok_or_else(|| {
            let known: Vec<&str> =
                self.editions.iter().map(|e| e.id()).collect();
            Error::new(ErrorKind::UnknownEdition {
                edition: id.to_owned(),
                known: known.join(", "),
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

    /// [`Catalog::edition_for`], with how the edition was chosen: `date`
    /// (the edition in force that day) or `transition` (an older edition
    /// kept by a transition clause, or the newer one once the submission
    /// date settles a window that the date alone leaves open).
    pub(crate) fn edition_by_date(
        &self,
        date: Date,
        submitted: Option<Date>,
        reevaluation: bool,
    ) -> Result<(&Edition, &'static str)> {
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
            return Ok((current, "date"));
        };
        let start = current.from;
        let days = if reevaluation { t.reevaluation_days } else { t.days };
        // Điều 12 khoản 2: the old rules hold for `days` days from the day
        // the new decision took effect, counting that day.
        let in_window = date < start.add_days(i64::from(days));
        match submitted {
            Some(s) if s < start && in_window => {
                Ok((self.edition_or_err(&t.edition)?, "transition"))
            }
            Some(_) if in_window => Ok((current, "transition")),
            None if in_window => Err(ErrorKind::AmbiguousEdition {
                date: date.to_string(),
                cutoff: start.to_string(),
                old: t.edition.clone(),
                new: current.info.id.clone(),
            }
            .into()),
            _ => Ok((current, "date")),
        }
    }

    pub(crate) fn set_or_err<'c>(
        &'c self,
        edition: &'c Edition,
        set: &str,
        inferred: bool,
    ) -> Result<&'c CriteriaSet> {
        if !edition.has_tables() {
            return Err(ErrorKind::TablesNotBundled {
                edition: edition.info.id.clone(),
            }
            .into());
        }
        let found = edition.set(set).ok_or_else(|| {
            Error::new(ErrorKind::UnknownSet {
                edition: edition.info.id.clone(),
                set: set.to_owned(),
            })
        })?;
        if found.sheet.status == SetStatus::Inferred && !inferred {
            return Err(ErrorKind::InferredSet {
                edition: edition.info.id.clone(),
                set: found.sheet.id.clone(),
            }
            .into());
        }
        Ok(found)
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
    CriteriaSet {
        edition: info.id.clone(),
        sheet,
        fingerprint,
        official,
        inferred,
    }
}

/// Whether an edition's gate coverage warrants a warning on its scorecards.
pub(crate) fn gates_incomplete(info: &EditionInfo) -> bool {
    info.gates == GateCoverage::Partial
}

/// What a set's inferred data changes, for the scorecard warning.
pub(crate) fn inferred_note(sheet: &SetFile) -> String {
    if let Some(b) = &sheet.basis {
        return format!("set {} is a reconstruction: {b}", sheet.id);
    }
    let mut what = Vec::new();
    for (_, _, c) in sheet.criteria() {
        for (i, o) in c.options.iter().enumerate() {
            if let Some(x) = &o.inferred {
                what.push(format!(
                    "{} option {}: {} → {} points",
                    c.code,
                    i + 1,
                    o.points,
                    x.points
                ));
            }
            if let Some(g) = o.gate.as_ref().filter(|g| g.inferred.is_some()) {
                what.push(format!(
                    "{} option {}: {}★ minimum",
                    c.code,
                    i + 1,
                    g.stars
                ));
            }
        }
    }
    format!("set {}: {}", sheet.id, what.join("; "))
}
