//! The criteria files: their serde model, and validation.
//!
//! The JSON under `criteria/` describes the paper sheets exactly as printed:
//! parts, sections, criteria, options in printed order, notes verbatim. This
//! module reads one file into these types and checks it against its
//! edition before anything is compiled or scored, so that a defect in the
//! data is reported once, at load time, with the file, set, criterion and
//! option it concerns, and never shows up as a wrong score.
//!
//! The format is documented in `criteria/README.md`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{ErrorKind, Result};

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

/// Points of the three parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// An edition that takes its sets from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A known defect of a set's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// How transcription glitches were resolved.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Parts A, B and C.
    pub parts: Vec<Part>,
}

/// A part of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct AppliesIf {
    /// The criterion whose answer decides.
    pub criterion: String,
    /// The answers (1-based positions) under which it applies.
    pub options: Vec<u32>,
}

/// An option (phương án) of a criterion: one box a council member ticks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
pub struct Gate {
    /// The tier, 2 to 5.
    pub stars: u8,
    /// Present when the gate is a reading of a clause, not printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inference>,
}

/// Why an inferred value is believed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inference {
    /// The reasoning and its source.
    pub basis: String,
    /// As stated by the reconstruction.
    pub confidence: String,
}

/// A proposed correction of a point value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InferredPoints {
    /// The proposed points.
    pub points: u32,
    /// The reasoning and its source.
    pub basis: String,
    /// As stated by the reconstruction.
    pub confidence: String,
}

impl SetFile {
    /// Iterate over every criterion with its part.
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

/// The paths (under `criteria/`) of the embedded data files.
///
/// ```
/// assert!(ocop::criteria::embedded_paths().any(|p| p == "qd26-2026/hoa.json"));
/// ```
pub fn embedded_paths() -> impl Iterator<Item = &'static str> {
    crate::catalog::EMBEDDED.iter().map(|(p, _)| *p)
}

/// The fingerprint manifest of the embedded data, as `criteria/FINGERPRINTS`
/// records it: one `<fingerprint>  <path>` line per file, sorted by path.
///
/// ```
/// let m = ocop::criteria::fingerprint_manifest();
/// assert!(m.contains("  qd26-2026/edition.json\n"));
/// ```
pub fn fingerprint_manifest() -> String {
    let mut rows: Vec<(&str, String)> = crate::catalog::EMBEDDED
        .iter()
        .map(|(p, t)| (*p, crate::catalog::fingerprint(t)))
        .collect();
    rows.sort();
    let mut out = format!("# ocop criteria data {}\n", crate::DATA_VERSION);
    for (p, f) in rows {
        out.push_str(&format!("{f}  {p}\n"));
    }
    out
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| ErrorKind::data(file, e.to_string()).into())
}

/// Checks an edition file on its own.
pub(crate) fn validate_edition(file: &str, e: &EditionInfo) -> Result<()> {
    let err = |m: String| Err(ErrorKind::data(file, m).into());
    if e.parts.total() != 100 {
        return err(format!(
            "part maxima add up to {}, not 100",
            e.parts.total()
        ));
    }
    // Bands: highest first, strictly decreasing, ending at 0, stars 5..1.
    let stars: Vec<u8> = e.bands.iter().map(|b| b.stars).collect();
    if stars != [5, 4, 3, 2, 1] {
        return err(format!(
            "bands must be for 5,4,3,2,1 stars in that order, found {stars:?}"
        ));
    }
    if e.bands.last().map(|b| b.min) != Some(Decimal::ZERO) {
        return err("the lowest band must start at 0".into());
    }
    for w in e.bands.windows(2) {
        if w[0].min <= w[1].min || w[0].min > Decimal::ONE_HUNDRED {
            return err(format!(
                "band minimums must decrease within 0..=100: {} then {}",
                w[0].min, w[1].min
            ));
        }
    }
    crate::catalog::Date::parse("in_force.from", &e.in_force.from)?;
    if let Some(u) = &e.in_force.until {
        crate::catalog::Date::parse("in_force.until", u)?;
    }
    match (e.tables, &e.sets_from) {
        (Tables::Inherited, None) => {
            err("tables: inherited needs sets_from".into())
        }
        (Tables::Bundled | Tables::NotBundled, Some(_)) => {
            err("sets_from is only for tables: inherited".into())
        }
        _ => Ok(()),
    }
}

/// Checks a set file against its edition. Every rule here is an invariant
/// the scorer relies on.
pub(crate) fn validate_set(
    file: &str,
    e: &EditionInfo,
    s: &SetFile,
) -> Result<()> {
    let fail = |m: String| -> Result<()> {
        Err(ErrorKind::data(file, format!("set {}: {m}", s.id)).into())
    };
    if s.status == SetStatus::Inferred && s.basis.is_none() {
        return fail("an inferred set must state its basis".into());
    }
    let parts: Vec<PartId> = s.parts.iter().map(|p| p.part).collect();
    if parts != PartId::ALL {
        return fail(format!(
            "parts must be A, B, C in that order, found {parts:?}"
        ));
    }
    let mut codes = std::collections::HashSet::new();
    for (_, _, c) in s.criteria() {
        if !codes.insert(c.code.as_str()) {
            return fail(format!("criterion code {} appears twice", c.code));
        }
        // Codes are what members write as JSON keys; the batch reader
        // relies on their needing no escapes.
        if c.code.is_empty()
            || c.code.chars().any(|x| x.is_control() || x == '"' || x == '\\')
        {
            return fail(format!(
                "criterion code {:?} must be non-empty, without quotes, \
                 backslashes or control characters",
                c.code
            ));
        }
    }
    for p in &s.parts {
        let gap: u32 =
            s.gaps.iter().filter(|g| g.part == p.part).map(|g| g.points).sum();
        let sections: u32 = p.sections.iter().map(|x| x.max).sum();
        let want = e.parts.get(p.part);
        // A gap accounts for points the recovered table lacks; the
        // printed part max may be the decision's or the recovered sum.
        if sections + gap != want || (p.max != want && p.max != sections) {
            return fail(format!(
                "part {:?}: sections add up to {sections} with {gap} declared \
                 missing and part max {}; edition {} says {want}",
                p.part, p.max, e.id
            ));
        }
        for sec in &p.sections {
            validate_section(s, sec).or_else(fail)?;
        }
    }
    Ok(())
}

fn validate_section(
    s: &SetFile,
    sec: &Section,
) -> std::result::Result<(), String> {
    let mut top = 0;
    for c in &sec.criteria {
        let here = format!("criterion {}", c.code);
        if c.knockout.as_ref().is_some_and(|k| k.zero_points)
            && (c.header || c.applies_if.is_some())
        {
            // A header has no points of its own, and a conditional
            // criterion's 0 could mean "does not apply".
            return Err(format!(
                "{here}: a zero-points knock-out needs an answerable criterion \
                 that always applies"
            ));
        }
        if c.parent.is_none() {
            top += c.max;
        }
        if let Some(p) = &c.parent {
            match sec.criteria.iter().find(|h| &h.code == p) {
                Some(h) if h.header => {}
                _ => {
                    return Err(format!(
                        "{here}: parent {p} is not a header in its section"
                    ));
                }
            }
        }
        if c.header {
            let kids: u32 = sec
                .criteria
                .iter()
                .filter(|k| k.parent.as_deref() == Some(&c.code))
                .map(|k| k.max)
                .sum();
            if kids != c.max || !c.options.is_empty() || c.parent.is_some() {
                return Err(format!(
                    "{here}: a header needs no options, no parent, and max = sum of \
                     its sub-criteria ({kids}), found max {}",
                    c.max
                ));
            }
            continue;
        }
        if c.yes_no {
            if !c.options.is_empty() || c.max == 0 {
                return Err(format!(
                    "{here}: a yes/no criterion has no options and max > 0"
                ));
            }
        } else {
            if c.options.is_empty() {
                return Err(format!("{here}: no options"));
            }
            if c.options.len() > 64 {
                return Err(format!("{here}: more than 64 options"));
            }
            let best = c
                .options
                .iter()
                .filter(|o| o.unreadable.is_none())
                .map(|o| o.points)
                .max()
                .unwrap_or(0);
            if best != c.max {
                return Err(format!(
                    "{here}: max is {}, best option scores {best}",
                    c.max
                ));
            }
        }
        if c.max >= u32::from(crate::compiled::UNREADABLE) {
            return Err(format!("{here}: max {} is over 254", c.max));
        }
        for (i, o) in c.options.iter().enumerate() {
            let here = format!("{here}, option {}", i + 1);
            if (o.points_blank || o.unreadable.is_some()) && o.points != 0 {
                return Err(format!(
                    "{here}: a blank or unreadable points cell has points 0"
                ));
            }
            if o.inferred.as_ref().is_some_and(|x| {
                x.points >= u32::from(crate::compiled::UNREADABLE)
            }) {
                return Err(format!("{here}: inferred points over 254"));
            }
            match (o.case, c.cases.len()) {
                (None, 0) => {}
                (Some(k), n) if k >= 1 && (k as usize) <= n => {}
                _ => {
                    return Err(format!(
                        "{here}: case must name one of {} cases",
                        c.cases.len()
                    ));
                }
            }
            if let Some(g) = &o.gate {
                if !(2..=5).contains(&g.stars) {
                    return Err(format!(
                        "{here}: gate for {} stars (2 to 5 allowed)",
                        g.stars
                    ));
                }
            }
        }
        if let Some(a) = &c.applies_if {
            let Some(t) = s.criterion(&a.criterion) else {
                return Err(format!(
                    "{here}: applies_if names unknown criterion {}",
                    a.criterion
                ));
            };
            if a.options
                .iter()
                .any(|&o| o == 0 || o as usize > t.options.len())
            {
                return Err(format!(
                    "{here}: applies_if names an option {} lacks",
                    t.code
                ));
            }
        }
    }
    if top != sec.max {
        return Err(format!(
            "section {}: criteria add up to {top}, section max is {}",
            sec.code, sec.max
        ));
    }
    Ok(())
}

/// Checks that a classification maps to sets that exist.
pub(crate) fn validate_classification(
    file: &str,
    c: &Classification,
    has_set: impl Fn(&str) -> bool,
) -> Result<()> {
    for row in &c.entries {
        match (&row.set, &row.gap) {
            (Some(id), _) if !has_set(id) => {
                return Err(ErrorKind::data(
                    file,
                    format!(
                        "phân nhóm {:?} maps to set {id}, which is not loaded",
                        row.phan_nhom
                    ),
                )
                .into());
            }
            (None, None) => {
                return Err(ErrorKind::data(
                    file,
                    format!(
                        "phân nhóm {:?} has no set and no gap explaining why",
                        row.phan_nhom
                    ),
                )
                .into());
            }
            _ => {}
        }
    }
    Ok(())
}
