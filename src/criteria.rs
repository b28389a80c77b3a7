//! The criteria files: their serde model, and validation.
//!
//! The JSON under `criteria/` describes the paper sheets exactly as printed:
//! parts, sections, criteria, options in printed order, notes verbatim. This
//! module reads one file into these types and checks it against its
//! edition before anything is compiled or scored, so that a defect in the
//! data is reported at load time, with the file, set, part, section,
//! criterion and option it concerns, and never shows up as a wrong score.
//!
//! Checking does not stop at the first problem: people transcribe these
//! tables by hand (148/QĐ-TTg's are not bundled), and a list of every
//! problem in every file fixes a directory in one pass. Unknown fields are
//! problems too, so a misspelt `gate` cannot silently drop a star minimum.
//!
//! This module is the data model. It imports only the leaf modules below it
//! (errors, dates, the embedded files), never the catalog or the scorer.
//! The format is documented in `criteria/README.md`.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::date::Date;
pub use crate::embedded::{embedded_paths, fingerprint, fingerprint_manifest};
pub use crate::error::Problem;

/// One of the three parts of a sheet.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
)]
pub enum PartId {
    /// Phần A: product and community strength.
    A,
    /// Phần B: marketing.
    B,
    /// Phần C: quality.
    C,
}

impl PartId {
    /// The three parts in printed order.
    pub const ALL: [PartId; 3] = [PartId::A, PartId::B, PartId::C];

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for PartId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            PartId::A => "A",
            PartId::B => "B",
            PartId::C => "C",
        })
    }
}

/// Points of the three parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartPoints {
    /// Part A.
    #[serde(rename = "A")]
    pub a: u32,
    /// Part B.
    #[serde(rename = "B")]
    pub b: u32,
    /// Part C.
    #[serde(rename = "C")]
    pub c: u32,
}

impl PartPoints {
    /// The points of one part.
    pub fn get(&self, part: PartId) -> u32 {
        match part {
            PartId::A => self.a,
            PartId::B => self.b,
            PartId::C => self.c,
        }
    }

    /// The sum of the three parts.
    pub fn total(&self) -> u32 {
        self.a + self.b + self.c
    }
}

/// A decision that makes up an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The decision's number as printed, e.g. `781/QĐ-TTg`.
    pub number: String,
    /// The day it was signed (`YYYY-MM-DD`).
    pub date: String,
    /// What it did.
    #[serde(default)]
    pub role: String,
}

/// When an edition applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    /// First day in force (`YYYY-MM-DD`).
    pub from: String,
    /// Last day in force, if it has ended.
    pub until: Option<String>,
    /// Whether `from` is read from the decision itself.
    pub from_certain: bool,
    /// Whether `until` is read from the decision itself.
    pub until_certain: bool,
    /// Where the dates come from, and what is uncertain.
    #[serde(default)]
    pub note: String,
}

/// A star band: totals from `min` (inclusive) up to the next band's `min`
/// (exclusive) get `stars`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The star tier, 1 to 5.
    pub stars: u8,
    /// The lowest total of the band, inclusive.
    pub min: Decimal,
    /// The decision's wording of the band, verbatim.
    pub text: String,
}

/// How a council's mean is rounded before the bands apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places kept.
    pub decimals: u32,
    /// Only `half_away_from_zero` is defined.
    pub mode: RoundingMode,
    /// The legal source, or "interpretation".
    pub source: String,
}

/// A rounding mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RoundingMode {
    /// 0.005 → 0.01, -0.005 → -0.01.
    HalfAwayFromZero,
}

/// How much of an edition's star minimums (gates) is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateCoverage {
    /// The edition has no minimums.
    None,
    /// Only part of the minimums could be recovered.
    Partial,
    /// Every minimum is in the data.
    Complete,
    /// The edition has minimums, but none could be recovered.
    Unknown,
}

/// Whether an edition's tables ship with the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tables {
    /// The sets are files in the edition's folder.
    Bundled,
    /// The sets are taken from another edition (`sets_from`).
    Inherited,
    /// The tables could not be recovered; a user directory must supply them.
    NotBundled,
    /// Some sets ship; a user directory must supply the others.
    Partial,
}

/// An edition that takes its sets from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetsFrom {
    /// The edition whose sets are reused.
    pub edition: String,
    /// Set ids not reused.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Whether the reused sets lose their gates.
    #[serde(default)]
    pub drop_gates: bool,
    /// Why the sets are believed to carry over.
    #[serde(default)]
    pub basis: String,
}

/// A transition clause: dossiers submitted before this edition took effect
/// stay under an older edition for a while.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The edition that keeps applying.
    pub edition: String,
    /// Days after `in_force.from` during which a first evaluation or an
    /// upgrade submitted before it stays under `edition`.
    pub days: u32,
    /// The same for a re-evaluation.
    pub reevaluation_days: u32,
    /// The clause, verbatim.
    pub text: String,
}

/// The `edition.json` of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionInfo {
    /// The edition id, e.g. `qd26-2026`.
    pub id: String,
    /// A readable name.
    pub name: String,
    /// The decisions that make it up.
    pub decisions: Vec<Decision>,
    /// When it applied.
    pub in_force: InForce,
    /// The maximum of each part.
    pub parts: PartPoints,
    /// Star bands, highest first.
    pub bands: Vec<Band>,
    /// Rounding of the council mean.
    pub rounding: Rounding,
    /// The largest allowed difference between members' totals before the
    /// council must re-discuss (a council rule, not in the decisions).
    pub spread_limit: u32,
    /// Where the spread rule comes from.
    pub spread_source: String,
    /// How much of the star minimums is known.
    pub gates: GateCoverage,
    /// Whether the tables ship with the crate.
    pub tables: Tables,
    /// For `tables: inherited`.
    #[serde(default)]
    pub sets_from: Option<SetsFrom>,
    /// The transition clause of this edition, if any.
    #[serde(default)]
    pub transition: Option<Transition>,
    /// How far to trust the data, in words.
    pub trust: String,
    /// Sources.
    pub sources: Vec<String>,
    /// Known gaps of the edition as a whole.
    #[serde(default)]
    pub gaps: Vec<String>,
}

/// One row of the product classification (Phụ lục I).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassEntry {
    /// Ngành (sector).
    pub nganh: String,
    /// Nhóm (group).
    pub nhom: String,
    /// Phân nhóm (sub-group).
    pub phan_nhom: String,
    /// The criteria set used, or `None` where none was recovered.
    pub set: Option<String>,
    /// Why there is no set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<String>,
}

/// The `classification.json` of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// The edition id.
    pub edition: String,
    /// The source.
    pub source: String,
    /// The rows, in printed order.
    pub entries: Vec<ClassEntry>,
}

/// How far a set's table can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SetStatus {
    /// Two independent transcriptions agree.
    CrossChecked,
    /// One transcription.
    Transcribed,
    /// Reconstructed from sibling sets; not from any source.
    Inferred,
    /// Transcribed from a source of low trust; scored only on request
    /// ([`ScoreOptions::weak_sources`](crate::ScoreOptions::weak_sources)).
    WeakSource,
}

/// What a comparison with a second, independent source of a set found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every text, point value and maximum agrees.
    Agrees,
    /// The sources differ; each difference is listed with its resolution.
    Differs,
    /// No second source was found; `note` says why.
    None,
}

/// A second source of a set, and what comparing the two found. A
/// converter writes it; the loader checks it against the set's own data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecondSource {
    /// The other source.
    pub source: String,
    /// What the comparison found.
    pub outcome: Outcome,
    /// Why there is no second source, or more about the comparison.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Every difference, in sheet order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
}

/// One place where a set and its second source differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Difference {
    /// The criterion or section code.
    pub at: String,
    /// What differs: `text`, `points`, `max`, `section_max`, `missing`,
    /// `extra`, `knockout` or `title`.
    pub what: String,
    /// The option (1-based, in this file), where one is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<u32>,
    /// This file's reading, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub here: Option<String>,
    /// The other source's reading, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// How the difference was resolved in this file.
    pub resolution: String,
}

/// A known defect of a set's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gap {
    /// The part it affects.
    pub part: PartId,
    /// How many points of the part the recovered table lacks.
    pub points: u32,
    /// What is missing, and the evidence.
    pub text: String,
}

/// A criteria set file: one scoring sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetFile {
    /// The set id (ASCII slug of the phân nhóm).
    pub id: String,
    /// The name as printed.
    pub name: String,
    /// The printed set number, if any.
    #[serde(default)]
    pub number: Option<u32>,
    /// Ngành.
    #[serde(default)]
    pub nganh: String,
    /// Nhóm.
    #[serde(default)]
    pub nhom: String,
    /// Trust.
    pub status: SetStatus,
    /// The source of the table.
    pub source: String,
    /// For inferred sets: how it was reconstructed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// The "Hồ sơ bị loại khi" clause, verbatim.
    #[serde(default)]
    pub disqualified_when: Option<String>,
    /// Known defects.
    #[serde(default)]
    pub gaps: Vec<Gap>,
    /// A second source and what comparing with it found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_source: Option<SecondSource>,
    /// How transcription glitches were resolved.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Parts A, B and C.
    pub parts: Vec<Part>,
}

/// A part of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Which part.
    pub part: PartId,
    /// As printed.
    pub title: String,
    /// Maximum points.
    pub max: u32,
    /// Sections in printed order.
    pub sections: Vec<Section>,
}

/// A numbered section of a part, such as `1. TỔ CHỨC SẢN XUẤT`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The printed number.
    pub code: String,
    /// As printed.
    pub title: String,
    /// Short English label.
    #[serde(default)]
    pub label: String,
    /// Maximum points.
    pub max: u32,
    /// Text printed under the heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Criteria in printed order.
    pub criteria: Vec<Criterion>,
}

/// A criterion (tiêu chí).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The printed number without trailing dot.
    pub code: String,
    /// As printed.
    pub title: String,
    /// Short English label.
    #[serde(default)]
    pub label: String,
    /// Maximum points.
    pub max: u32,
    /// Only groups sub-criteria; not answered.
    #[serde(default)]
    pub header: bool,
    /// The header this sub-criterion belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Printed with points but no options: met or not.
    #[serde(default)]
    pub yes_no: bool,
    /// Notes printed with it, verbatim.
    #[serde(default)]
    pub notes: Vec<String>,
    /// A note that ends the evaluation when it applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knockout: Option<Knockout>,
    /// When the criterion applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_if: Option<AppliesIf>,
    /// Case headings for "choose one of two cases" criteria.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<String>,
    /// Options in printed order.
    #[serde(default)]
    pub options: Vec<Choice>,
}

/// What a knock-out does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KnockoutKind {
    /// "Bị loại nếu …": the product is eliminated.
    Eliminated,
    /// "Không đánh giá các bước tiếp theo …": the evaluation stops.
    Halted,
}

/// A knock-out note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Knockout {
    /// What it does.
    pub kind: KnockoutKind,
    /// The clause, verbatim.
    pub text: String,
    /// The clause is about points ("Nếu được 0 điểm …"), so it applies by
    /// itself when the council's points on the criterion are 0; the
    /// council need not assert it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zero_points: bool,
}

/// The condition under which a criterion applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliesIf {
    /// The criterion whose answer decides.
    pub criterion: String,
    /// The answers (1-based positions) under which it applies.
    pub options: Vec<u32>,
}

/// An option (phương án) of a criterion: one box a council member ticks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Verbatim, without the box and star markers.
    pub text: String,
    /// Points as recovered.
    pub points: u32,
    /// The points cell is printed empty.
    #[serde(default, skip_serializing_if = "is_false")]
    pub points_blank: bool,
    /// The points cell as printed, where it cannot be a valid value (more
    /// than the criterion's maximum, with no printed total forcing a
    /// reading). `points` is then 0 and unused: choosing this option is an
    /// error unless inferred data supplies a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
    /// The case it belongs to (1-based), for two-case criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<u32>,
    /// This option is the minimum for a star tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<Gate>,
    /// A proposed correction of a defective point value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<InferredPoints>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A star minimum carried by an option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// The tier, 2 to 5.
    pub stars: u8,
    /// Present when the gate is a reading of a clause, not printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inference>,
}

/// Why an inferred value is believed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inference {
    /// The reasoning and its source.
    pub basis: String,
    /// As stated by the reconstruction.
    pub confidence: String,
}

/// A proposed correction of a point value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InferredPoints {
    /// The proposed points.
    pub points: u32,
    /// The reasoning and its source.
    pub basis: String,
    /// As stated by the reconstruction.
    pub confidence: String,
}

/// Writes the serde name of a unit enum variant (its snake or kebab case
/// spelling), so that text output and JSON agree.
macro_rules! display_as_serde {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let v = serde_json::to_value(self).map_err(|_| std::fmt::Error)?;
                f.pad(v.as_str().unwrap_or_default())
            }
        }
    )*};
}

display_as_serde!(
    GateCoverage,
    Tables,
    SetStatus,
    KnockoutKind,
    RoundingMode,
    Outcome
);

impl SetFile {
    /// Iterate over every criterion with its part and section.
    pub fn criteria(
        &self,
    ) -> impl Iterator<Item = (PartId, &Section, &Criterion)> {
        self.parts.iter().flat_map(|p| {
            p.sections.iter().flat_map(move |s| {
                s.criteria.iter().map(move |c| (p.part, s, c))
            })
        })
    }

    /// The criterion with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, _, c)| c).find(|c| c.code == code)
    }
}

/// The most points a criterion may carry. The compiled tables keep points
/// in a byte and use 255 to mark an unreadable cell.
pub const MAX_POINTS: u32 = 254;

/// The most answerable criteria, sections and options a set may have: far
/// above any printed sheet (about 35 criteria), and within the compiled
/// tables' 16-bit indices.
const MAX_CRITERIA: usize = 1000;
const MAX_OPTIONS: usize = 64;

/// Where a problem is: built up from the file inwards.
#[derive(Clone, Default)]
struct Loc<'a> {
    file: &'a str,
    set: Option<&'a str>,
    part: Option<PartId>,
    section: Option<&'a str>,
    criterion: Option<&'a str>,
    option: Option<usize>,
}

impl<'a> Loc<'a> {
    fn file(file: &'a str) -> Loc<'a> {
        Loc { file, ..Loc::default() }
    }

    fn part(&self, p: PartId) -> Loc<'a> {
        Loc { part: Some(p), ..self.clone() }
    }

    fn section(&self, s: &'a str) -> Loc<'a> {
        Loc { section: Some(s), ..self.clone() }
    }

    fn criterion(&self, c: &'a str) -> Loc<'a> {
        Loc { criterion: Some(c), ..self.clone() }
    }

    fn option(&self, i: usize) -> Loc<'a> {
        Loc { option: Some(i + 1), ..self.clone() }
    }

    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.to_owned(),
            set: self.set.map(str::to_owned),
            part: self.part.map(|p| p.to_string()),
            section: self.section.map(str::to_owned),
            criterion: self.criterion.map(str::to_owned),
            option: self.option,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// Parses one data file, reporting a syntax or shape error with its line
/// and column (as a list, the shape every check returns).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> std::result::Result<T, Vec<Problem>> {
    // Editors on Windows may start a file with a byte-order mark.
    let text = crate::input::strip_bom_str(text);
    // serde would read a struct from an array too; every file is an object.
    let start = text.trim_start();
    if start.starts_with('[') {
        let before = &text[..text.len() - start.len()];
        let line = before.matches('\n').count() + 1;
        let column =
            before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        return Err(vec![Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::new(file, "expected a JSON object, found an array")
        }]);
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, column, message) = crate::error::json_position(&e);
        vec![Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::new(file, message)
        }]
    })
}

/// Parses and checks an `edition.json` on its own.
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/qd26-2026/edition.json")).unwrap();
/// let info = ocop::criteria::check_edition("qd26-2026/edition.json", &text)?;
/// assert_eq!(info.parts.total(), 100);
/// # Ok::<(), Vec<ocop::criteria::Problem>>(())
/// ```
///
/// # Errors
///
/// Every problem found, located.
pub fn check_edition(
    file: &str,
    text: &str,
) -> std::result::Result<EditionInfo, Vec<Problem>> {
    let info: EditionInfo = parse(file, text)?;
    let mut out = Vec::new();
    validate_edition(file, &info, &mut out);
    if out.is_empty() { Ok(info) } else { Err(out) }
}

/// Parses and checks one set file against its edition: the same function
/// the catalog's loader uses on every file. `file` is the path under the
/// data directory (`qd26-2026/hoa.json`); the set's id must be its name.
///
/// ```
/// let catalog = ocop::Catalog::official();
/// let info = catalog.edition("qd26-2026").unwrap().info();
/// let path = "qd26-2026/hoa.json";
/// let text = std::fs::read_to_string(format!("{}/criteria/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
/// assert!(ocop::criteria::check_set(info, path, &text).is_ok());
/// let broken = text.replacen("\"max\": 3", "\"max\": 4", 1);
/// let problems = ocop::criteria::check_set(info, path, &broken).unwrap_err();
/// assert!(problems[0].to_string().starts_with("qd26-2026/hoa.json: set hoa, part A, section 1"));
/// ```
///
/// # Errors
///
/// Every problem found, located.
pub fn check_set(
    edition: &EditionInfo,
    file: &str,
    text: &str,
) -> std::result::Result<SetFile, Vec<Problem>> {
    load_set(Some(edition), file, text)
}

/// Parses and checks one set file; without its edition (when the edition
/// file is broken) the set is still checked on its own.
pub(crate) fn load_set(
    edition: Option<&EditionInfo>,
    file: &str,
    text: &str,
) -> std::result::Result<SetFile, Vec<Problem>> {
    let set: SetFile = parse(file, text)?;
    let mut out = Vec::new();
    validate_set(file, edition, &set, &mut out);
    if out.is_empty() { Ok(set) } else { Err(out) }
}

/// Checks an edition file on its own.
pub(crate) fn validate_edition(
    file: &str,
    e: &EditionInfo,
    out: &mut Vec<Problem>,
) {
    let at = Loc::file(file);
    let mut err = |m: String| out.push(at.problem(m));
    let p = &e.parts;
    let total = u64::from(p.a) + u64::from(p.b) + u64::from(p.c);
    if total != 100 {
        err(format!("part maxima add up to {total}, not 100"));
    }
    // Bands: highest first, strictly decreasing, ending at 0, stars 5..1.
    let stars: Vec<u8> = e.bands.iter().map(|b| b.stars).collect();
    if stars != [5, 4, 3, 2, 1] {
        err(format!(
            "bands must be for 5,4,3,2,1 stars in that order, found {stars:?}"
        ));
    }
    if e.bands.last().map(|b| b.min) != Some(Decimal::ZERO) {
        err("the lowest band must start at 0".into());
    }
    for w in e.bands.windows(2) {
        if w[0].min <= w[1].min || w[0].min > Decimal::ONE_HUNDRED {
            err(format!(
                "band minimums must decrease within 0..=100: {} then {}",
                w[0].min, w[1].min
            ));
        }
    }
    if e.rounding.decimals > 6 {
        err(format!(
            "rounding to {} decimals: at most 6 are supported",
            e.rounding.decimals
        ));
    }
    for (field, d) in [
        ("in_force.from", Some(&e.in_force.from)),
        ("in_force.until", e.in_force.until.as_ref()),
    ] {
        if let Some(Err(x)) = d.map(|d| Date::parse(field, d)) {
            err(x.to_string());
        }
    }
    match (e.tables, &e.sets_from) {
        (Tables::Inherited, None) => {
            err("tables: inherited needs sets_from".into())
        }
        (Tables::Bundled | Tables::NotBundled | Tables::Partial, Some(_)) => {
            err("sets_from is only for tables: inherited".into())
        }
        _ => {}
    }
}

/// Checks a set file against its edition (when the edition file could be
/// read). Every rule here is an invariant the scorer relies on.
fn validate_set(
    file: &str,
    edition: Option<&EditionInfo>,
    s: &SetFile,
    out: &mut Vec<Problem>,
) {
    let at = Loc { set: Some(&s.id), ..Loc::file(file) };
    let name = file.rsplit('/').next().unwrap_or(file);
    if format!("{}.json", s.id) != name {
        out.push(at.problem(format!(
            "set id {:?} differs from its file name {name:?}",
            s.id
        )));
    }
    if s.status == SetStatus::Inferred && s.basis.is_none() {
        out.push(at.problem("an inferred set must state its basis"));
    }
    if let Some(x) = &s.second_source {
        validate_second_source(s, &at, x, out);
    }
    let parts: Vec<PartId> = s.parts.iter().map(|p| p.part).collect();
    if parts != PartId::ALL {
        out.push(at.problem(format!(
            "parts must be A, B, C in that order, found {}",
            parts.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let mut codes = HashSet::new();
    let mut count = 0;
    for (_, _, c) in s.criteria() {
        count += 1;
        let here = at.criterion(&c.code);
        if !codes.insert(c.code.as_str()) {
            out.push(here.problem("the code appears twice in the set"));
        }
        // Codes are what members write as JSON keys; the batch reader
        // relies on their needing no escapes.
        if c.code.is_empty()
            || c.code.chars().any(|x| x.is_control() || x == '"' || x == '\\')
        {
            out.push(here.problem(format!(
                "the code {:?} must be non-empty, without quotes, backslashes \
                 or control characters",
                c.code
            )));
        }
    }
    // A plan raises a criterion with those hanging on it in one go.
    for (_, _, c) in s.criteria() {
        let hanging = s
            .criteria()
            .filter(|(_, _, d)| {
                d.applies_if.as_ref().is_some_and(|a| a.criterion == c.code)
            })
            .count();
        if hanging > 7 {
            out.push(at.criterion(&c.code).problem(format!(
                "{hanging} criteria apply only by its answer: at most 7 may"
            )));
        }
    }
    if count > MAX_CRITERIA {
        out.push(at.problem(format!(
            "{count} criteria: a set may have at most {MAX_CRITERIA}"
        )));
        return;
    }
    for p in &s.parts {
        let at = at.part(p.part);
        let gap: u64 = s
            .gaps
            .iter()
            .filter(|g| g.part == p.part)
            .map(|g| u64::from(g.points))
            .sum();
        let sections: u64 = p.sections.iter().map(|x| u64::from(x.max)).sum();
        if let Some(e) = edition {
            let want = u64::from(e.parts.get(p.part));
            // A gap accounts for points the recovered table lacks; the
            // printed part max may be the decision's or the recovered sum.
            let max = u64::from(p.max);
            if sections + gap != want || (max != want && max != sections) {
                out.push(at.problem(format!(
                    "sections add up to {sections} with {gap} declared \
                     missing and part max {max}; edition {} says {want}",
                    e.id
                )));
            }
        }
        for sec in &p.sections {
            validate_section(s, &at.section(&sec.code), sec, out);
        }
    }
}

fn validate_section(
    s: &SetFile,
    at: &Loc<'_>,
    sec: &Section,
    out: &mut Vec<Problem>,
) {
    let mut top = 0u64;
    for c in &sec.criteria {
        let here = at.criterion(&c.code);
        let (mut found, mut options) = (Vec::new(), Vec::new());
        validate_criterion(s, sec, c, &here, &mut found, &mut options);
        out.extend(found.into_iter().map(|m| here.problem(m)));
        out.extend(options);
        if c.parent.is_none() {
            top += u64::from(c.max);
        }
    }
    if top != u64::from(sec.max) {
        out.push(at.problem(format!(
            "criteria add up to {top}, section max is {}",
            sec.max
        )));
    }
}

/// Checks one criterion: its own problems go to `found`, its options'
/// (located by option) to `options`.
fn validate_criterion(
    s: &SetFile,
    sec: &Section,
    c: &Criterion,
    here: &Loc<'_>,
    found: &mut Vec<String>,
    options: &mut Vec<Problem>,
) {
    {
        let mut err = |m: String| found.push(m);
        if c.knockout.as_ref().is_some_and(|k| k.zero_points)
            && (c.header || c.applies_if.is_some())
        {
            // A header has no points of its own, and a conditional
            // criterion's 0 could mean "does not apply".
            err("a zero-points knock-out needs an answerable criterion that \
                 always applies"
                .into());
        }
        if let Some(p) = &c.parent {
            if !sec.criteria.iter().any(|h| &h.code == p && h.header) {
                err(format!("parent {p} is not a header in its section"));
            }
        }
        if c.header {
            let kids: u64 = sec
                .criteria
                .iter()
                .filter(|k| k.parent.as_deref() == Some(&c.code))
                .map(|k| u64::from(k.max))
                .sum();
            if kids != u64::from(c.max)
                || !c.options.is_empty()
                || c.parent.is_some()
                || c.yes_no
            {
                err(format!(
                    "a header needs no options, no parent, and max = sum of \
                     its sub-criteria ({kids}), found max {}",
                    c.max
                ));
            }
            return;
        }
        if c.max > MAX_POINTS {
            err(format!("max {} is over {MAX_POINTS}", c.max));
        }
        if c.cases.len() > 8 {
            err(format!("{} cases: at most 8 are allowed", c.cases.len()));
        }
        if c.yes_no {
            if !c.options.is_empty() || c.max == 0 {
                err("a yes/no criterion has no options and max > 0".into());
            }
        } else if c.options.is_empty() {
            err("no options".into());
        } else if c.options.len() > MAX_OPTIONS {
            err(format!("more than {MAX_OPTIONS} options"));
        } else {
            let best = c
                .options
                .iter()
                .filter(|o| o.unreadable.is_none())
                .map(|o| o.points)
                .max()
                .unwrap_or(0);
            if best != c.max {
                err(format!("max is {}, best option scores {best}", c.max));
            }
        }
        for (i, o) in c.options.iter().enumerate() {
            let here = here.option(i);
            let mut err = |m: String| options.push(here.problem(m));
            if (o.points_blank || o.unreadable.is_some()) && o.points != 0 {
                err("a blank or unreadable points cell has points 0".into());
            }
            if o.inferred.as_ref().is_some_and(|x| x.points > MAX_POINTS) {
                err(format!("inferred points over {MAX_POINTS}"));
            }
            match (o.case, c.cases.len()) {
                (None, 0) => {}
                (Some(k), n) if k >= 1 && (k as usize) <= n => {}
                (_, n) => err(format!("case must name one of {n} cases")),
            }
            if let Some(g) = &o.gate {
                if !(2..=5).contains(&g.stars) {
                    err(format!(
                        "gate for {} stars (2 to 5 allowed)",
                        g.stars
                    ));
                }
            }
        }
        if let Some(a) = &c.applies_if {
            match s.criterion(&a.criterion) {
                None => err(format!(
                    "applies_if names unknown criterion {}",
                    a.criterion
                )),
                // One level only: the condition is read from a criterion
                // every member answers.
                Some(t) if t.header || t.yes_no || t.applies_if.is_some() => {
                    err(format!(
                        "applies_if names {}, which is not an answerable \
                         criterion with options that always applies",
                        t.code
                    ))
                }
                Some(t) if t.code == c.code => {
                    err("applies_if names the criterion itself".into())
                }
                // A conditional choice is planned as one group with the
                // criterion it hangs on; cases would split it.
                Some(t) if !t.cases.is_empty() || !c.cases.is_empty() => {
                    err("a criterion with cases cannot take part in \
                         applies_if"
                        .into())
                }
                Some(t) => {
                    if a.options.iter().any(|&o| {
                        o == 0 || o as usize > t.options.len().min(MAX_OPTIONS)
                    }) {
                        err(format!(
                            "applies_if names an option {} lacks",
                            t.code
                        ));
                    }
                }
            }
        }
    }
}

/// Checks a recorded comparison against the set's own data, so that the
/// record cannot drift from the table it describes.
fn validate_second_source(
    s: &SetFile,
    at: &Loc<'_>,
    x: &SecondSource,
    out: &mut Vec<Problem>,
) {
    let mut err =
        |m: String| out.push(at.problem(format!("second_source: {m}")));
    match (x.outcome, x.differences.is_empty()) {
        (Outcome::Agrees, false) => {
            err("outcome agrees, yet differences are listed".into())
        }
        (Outcome::Differs, true) => {
            err("outcome differs, yet no difference is listed".into())
        }
        (Outcome::None, false) => {
            err("outcome none, yet differences are listed".into())
        }
        _ => {}
    }
    if x.outcome == Outcome::None
        && x.note.as_deref().is_none_or(|n| n.trim().is_empty())
    {
        err("outcome none needs a note saying why".into());
    }
    for d in &x.differences {
        let sec =
            s.parts.iter().flat_map(|p| &p.sections).find(|c| c.code == d.at);
        let crit = s.criterion(&d.at);
        if sec.is_none() && crit.is_none() {
            err(format!(
                "difference at {}: no such criterion or section",
                d.at
            ));
            continue;
        }
        let here = |v: u32| d.here.as_deref() == Some(v.to_string().as_str());
        match (d.what.as_str(), crit, d.option) {
            ("points", Some(c), Some(i)) => {
                let o = c.options.get((i as usize).wrapping_sub(1));
                if !o.is_some_and(|o| here(o.points)) {
                    err(format!(
                        "difference at {} option {i}: here {:?} is not the \
                         file's points",
                        d.at,
                        d.here.as_deref().unwrap_or_default()
                    ));
                }
            }
            ("max", Some(c), _) if d.here.is_some() && !here(c.max) => {
                err(format!(
                    "difference at {}: here {:?} is not the file's max {}",
                    d.at,
                    d.here.as_deref().unwrap_or_default(),
                    c.max
                ));
            }
            ("section_max", _, _)
                if d.here.is_some() && !sec.is_some_and(|x| here(x.max)) =>
            {
                err(format!(
                    "difference at {}: here {:?} is not the section's max",
                    d.at,
                    d.here.as_deref().unwrap_or_default()
                ));
            }
            _ => {}
        }
    }
}

/// Checks that a classification maps to sets that exist.
pub(crate) fn validate_classification(
    file: &str,
    c: &Classification,
    has_set: impl Fn(&str) -> bool,
    out: &mut Vec<Problem>,
) {
    let at = Loc::file(file);
    for row in &c.entries {
        match (&row.set, &row.gap) {
            (Some(id), _) if !has_set(id) => out.push(at.problem(format!(
                "phân nhóm {:?} maps to set {id}, which is not loaded",
                row.phan_nhom
            ))),
            (None, None) => out.push(at.problem(format!(
                "phân nhóm {:?} has no set and no gap explaining why",
                row.phan_nhom
            ))),
            _ => {}
        }
    }
}
