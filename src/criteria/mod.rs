//! The criteria files: their serde model.
//!
//! The JSON under `criteria/` describes the paper sheets exactly as printed:
//! parts, sections, criteria, options in printed order, notes verbatim. The
//! types here read one file as it is written; the format is documented in
//! `criteria/README.md`.
//!
//! Every file is checked against its edition before anything is compiled or
//! scored, so that a defect in the data is reported at load time, with the
//! file, set, part, section, criterion and option it concerns, and never
//! shows up as a wrong score. Checking does not stop at the first problem:
//! people transcribe these tables by hand (148/QĐ-TTg's are not bundled),
//! and a list of every problem in every file fixes a directory in one pass.
//! Unknown fields are problems too, so a misspelt `gate` cannot silently
//! drop a star minimum.
//!
//! Its rooms: this file holds the model (edition, classification, set,
//! part, section, criterion, option, second source) and the small helpers
//! that walk it, such as [`SetFile::criteria`]; `check` parses a file and
//! checks it ([`check_edition`], [`check_set`]), locating each problem, with
//! the limits the compiled tables need ([`MAX_POINTS`]). The fingerprints
//! of the files live with the embedded data, and are re-exported here.
//!
//! This module is the data model. It imports only the leaf modules below it
//! (errors, dates, the embedded files), never the catalog or the scorer.

mod check;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use crate::embedded::{embedded_paths, fingerprint, fingerprint_manifest};
pub use crate::error::Problem;
pub use check::{MAX_POINTS, check_edition, check_set};
pub(crate) use check::{load_set, parse, validate_classification};

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

impl Tables {
    /// Whether some of the edition's tables are missing, so that a set
    /// name it does not know is most likely a missing table rather than a
    /// typo.
    pub fn missing_some(self) -> bool {
        matches!(self, Tables::NotBundled | Tables::Partial)
    }
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

/// What scoring needs of an edition file: the part maxima, the star
/// bands, the decimals of the council mean, the spread limit and how much
/// of the star minimums is known. [`EditionInfo::rules`] derives it, and
/// `criteria/INDEX` carries it, so that a scorecard needs no edition file
/// read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rules {
    pub parts: PartPoints,
    /// Each band's stars and lowest total, highest band first.
    pub bands: Box<[(u8, Decimal)]>,
    /// `rounding.decimals`.
    pub decimals: u32,
    pub spread_limit: u32,
    pub gates: GateCoverage,
}

impl EditionInfo {
    /// The rules a scorecard is decided by.
    pub(crate) fn rules(&self) -> Rules {
        Rules {
            parts: self.parts,
            bands: self.bands.iter().map(|b| (b.stars, b.min)).collect(),
            decimals: self.rounding.decimals,
            spread_limit: self.spread_limit,
            gates: self.gates,
        }
    }
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
    /// Ngành (sector), as printed.
    #[serde(default)]
    pub nganh: String,
    /// Nhóm (group), as printed.
    #[serde(default)]
    pub nhom: String,
    /// How far the table can be trusted (status).
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
    /// The part's title, as printed.
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
    /// The section's title, as printed.
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
    /// The criterion's title, as printed.
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

impl Choice {
    /// The points this option gives: with `inferred`, an inferred
    /// correction where there is one; `None` where the printed points
    /// cannot be read and nothing supplies them.
    ///
    /// ```
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap()
    ///     .set("che-tuoi-che-che-bien").unwrap();
    /// let c = set.sheet().criterion("6.1.1").unwrap();
    /// assert_eq!(c.options[1].points_under(false), None);  // printed "11"
    /// assert_eq!(c.options[1].points_under(true), Some(1));
    /// ```
    pub fn points_under(&self, inferred: bool) -> Option<u32> {
        match (&self.inferred, inferred) {
            (Some(x), true) => Some(x.points),
            _ if self.unreadable.is_some() => None,
            _ => Some(self.points),
        }
    }
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

/// Where a set's data came from: the bundled, sourced tables of this
/// crate, or a file the user supplied (`--criteria DIR`, criteria given in
/// memory, or `ocop criteria build`). A user's file is scored as its
/// checks allow, and every scorecard of it says whose it is, so that
/// nobody mistakes it for a bundled table. A file the user gives that is
/// byte for byte the bundled one is the bundled table.
///
/// ```
/// use ocop::criteria::Provenance;
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/qd26-2026/hoa.json")).unwrap();
/// assert_eq!(Provenance::of("qd26-2026/hoa.json", &text), Provenance::Bundled);
/// assert_eq!(Provenance::of("qd26-2026/hoa.json", &text.replace("Hoa", "Hoa tươi")), Provenance::User);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// A file of this crate's `criteria/`, as bundled.
    #[default]
    Bundled,
    /// A file the user supplied.
    User,
}

impl Provenance {
    /// The provenance of the file at `path` (under a data directory) with
    /// this text: bundled when it is the embedded file of that path.
    pub fn of(path: &str, text: &str) -> Provenance {
        // One file read (with packed-data, unpacked), not all of them.
        let bundled = crate::embedded::text(path).is_some_and(|t| t == text);
        if bundled { Provenance::Bundled } else { Provenance::User }
    }

    /// Whether it is [`Provenance::Bundled`] (the serde default, left out
    /// of a scorecard's JSON).
    pub fn is_bundled(&self) -> bool {
        *self == Provenance::Bundled
    }
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
    Outcome,
    Provenance
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
