//! What scoring returns: the scorecard and its parts.
//!
//! A [`Scorecard`] explains every step from the sheets to the star: each
//! member's points (per criterion, section and part), the council's means
//! and spread, the band, the gates that failed, the knock-outs and the
//! caveats of the data. Its serde form is what a batch writes, one line
//! per evaluation, and it reads back into the same value. Its `Display`
//! form is a compact text in the sheet's language (Vietnamese), for a
//! person.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

use crate::compiled::Codes;
use crate::criteria::{KnockoutKind, PartPoints, Provenance};
use crate::warning::Warning;

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

/// Serializes a decimal as a JSON number with the text of the decimal, so
/// the value is exact on the wire; reads numbers or strings back exactly.
/// For use with `#[serde(with = "ocop::scorecard::decimal_json")]`.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct Row {
///     #[serde(with = "ocop::scorecard::decimal_json")]
///     total: ocop::Decimal,
/// }
/// let row: Row = serde_json::from_str(r#"{"total": 74.33}"#).unwrap();
/// assert_eq!(row.total.to_string(), "74.33");
/// assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"total":74.33}"#);
/// ```
pub mod decimal_json {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};
    use serde_json::value::RawValue;

    /// Writes `d` as a JSON number.
    ///
    /// # Errors
    ///
    /// The serializer's own errors; a decimal's text is always a valid
    /// JSON number.
    pub fn serialize<S: Serializer>(
        d: &Decimal,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(d.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }

    /// Reads a JSON number or string without going through `f64`.
    ///
    /// # Errors
    ///
    /// The deserializer's errors, and a custom error when the value is
    /// not a decimal number.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(d)?;
        let t = raw.get().trim_matches('"');
        t.parse().map_err(D::Error::custom)
    }
}

/// One member's points.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MemberResult {
    /// The member.
    pub member: String,
    /// Points per answerable criterion in printed order; `None` where the
    /// criterion does not apply.
    pub points: Vec<Option<u8>>,
    /// Points per section in printed order.
    pub sections: Vec<u32>,
    /// Points per part.
    pub parts: PartPoints,
    /// The total.
    pub total: u32,
    codes: Arc<Codes>,
}

impl MemberResult {
    /// Points per criterion with their codes.
    pub fn criteria(
        &self,
    ) -> impl Iterator<Item = (&str, Option<u8>)> + Clone {
        self.codes.leaves.iter().map(|c| &**c).zip(self.points.iter().copied())
    }

    pub(crate) fn codes(&self) -> &Codes {
        &self.codes
    }

    /// Points per section with their codes.
    pub fn section_points(&self) -> impl Iterator<Item = (&str, u32)> + Clone {
        self.codes
            .sections
            .iter()
            .map(|c| &**c)
            .zip(self.sections.iter().copied())
    }
}

struct Pairs<I>(I);

impl<K: Serialize, V: Serialize, I: Iterator<Item = (K, V)> + Clone> Serialize
    for Pairs<I>
{
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.0.clone() {
            m.serialize_entry(&k, &v)?;
        }
        m.end()
    }
}

impl Serialize for MemberResult {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("MemberResult", 5)?;
        st.serialize_field("member", &self.member)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("parts", &self.parts)?;
        st.serialize_field("sections", &Pairs(self.section_points()))?;
        st.serialize_field("points", &Pairs(self.criteria()))?;
        st.end()
    }
}

/// A JSON object read as its entries in written order.
struct Entries<V>(Vec<(String, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Vis<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Vis<V> {
            type Value = Entries<V>;
            fn expecting(
                &self,
                f: &mut std::fmt::Formatter,
            ) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Entries<V>, A::Error> {
                let mut out = Vec::new();
                while let Some(e) = m.next_entry()? {
                    out.push(e);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(Vis(std::marker::PhantomData))
    }
}

impl<'de> Deserialize<'de> for MemberResult {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            member: String,
            total: u32,
            parts: PartPoints,
            // Batch output leaves these out unless asked for.
            #[serde(default)]
            sections: Entries<u32>,
            #[serde(default)]
            points: Entries<Option<u8>>,
        }
        let r = Raw::deserialize(d)?;
        let codes = Arc::new(Codes::new(
            r.points
                .0
                .iter()
                .map(|(k, _)| k.clone().into_boxed_str())
                .collect(),
            r.sections
                .0
                .iter()
                .map(|(k, _)| k.clone().into_boxed_str())
                .collect(),
        ));
        Ok(MemberResult {
            member: r.member,
            points: r.points.0.into_iter().map(|(_, v)| v).collect(),
            sections: r.sections.0.into_iter().map(|(_, v)| v).collect(),
            parts: r.parts,
            total: r.total,
            codes,
        })
    }
}

/// The council's means, rounded by the edition's rule (half away from
/// zero to 2 decimals, computed exactly; README "Interpretations").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Means {
    /// Mean of part A.
    #[serde(rename = "A", with = "decimal_json")]
    pub a: Decimal,
    /// Mean of part B.
    #[serde(rename = "B", with = "decimal_json")]
    pub b: Decimal,
    /// Mean of part C.
    #[serde(rename = "C", with = "decimal_json")]
    pub c: Decimal,
    /// Mean of the members' totals: the value the bands use. Computed from
    /// the totals, so it may differ by 0.01 from the sum of rounded parts.
    #[serde(with = "decimal_json")]
    pub total: Decimal,
}

/// The spread between the highest and lowest member totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Spread {
    /// The highest member total.
    pub highest: u32,
    /// The lowest member total.
    pub lowest: u32,
    /// `highest - lowest`.
    pub points: u32,
    /// The edition's limit.
    pub limit: u32,
    /// `points > limit`: the council should re-discuss ("không được chênh
    /// lệch quá 10 điểm").
    pub exceeded: bool,
}

/// The result of scoring one evaluation.
///
/// # Example
///
/// ```
/// # let json = ocop::samples::EVALUATION_2026;
/// let ev = ocop::Evaluation::from_json(json)?;
/// let card = ocop::Catalog::official().score(&ev)?;
/// assert_eq!(card.members.len(), 3);
/// assert_eq!(card.rating.band, 4);
/// println!("{}", serde_json::to_string(&card).unwrap());
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scorecard {
    /// The product id, when the evaluation gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The edition used.
    pub edition: String,
    /// How the edition was chosen.
    pub edition_basis: EditionBasis,
    /// The set used.
    pub set: String,
    /// The set's name as printed (the phân nhóm).
    pub set_name: String,
    /// The fingerprint of the set's data.
    pub fingerprint: String,
    /// Whose the set's data is; left out of the JSON when it is bundled.
    #[serde(default, skip_serializing_if = "Provenance::is_bundled")]
    pub provenance: Provenance,
    /// Whether inferred data was used.
    pub inferred: bool,
    /// Per member.
    pub members: Vec<MemberResult>,
    /// Council means.
    pub mean: Means,
    /// Spread of member totals.
    pub spread: Spread,
    /// Band, final star, failed gates, knock-outs.
    pub rating: Rating,
    /// Caveats.
    pub warnings: Vec<Warning>,
    /// Fields of the evaluation the library does not interpret.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub meta: serde_json::Map<String, serde_json::Value>,
}

/// Why the final star is what it is.
///
/// The serde names are `rated`, `not_rated`, `eliminated` and `halted`;
/// `Display` gives the council's wording in Vietnamese.
///
/// ```
/// assert_eq!(ocop::Status::NotRated.as_str(), "not_rated");
/// assert_eq!(ocop::Status::NotRated.to_string(), "không đạt");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The product has the star of its band, or a lower one after gates.
    Rated,
    /// The band is 3★ or more but a 3★ gate is not met (Không đạt), or the
    /// band is 2★ and a 2★ gate is not met.
    NotRated,
    /// A "Bị loại nếu …" knock-out or the dossier clause applies.
    Eliminated,
    /// A "Không đánh giá các bước tiếp theo …" knock-out applies.
    Halted,
}

impl Status {
    /// The name in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Rated => "rated",
            Status::NotRated => "not_rated",
            Status::Eliminated => "eliminated",
            Status::Halted => "halted",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Status::Rated => "xếp hạng sao",
            // The 2020 national council's word for a product below a 3★
            // minimum.
            Status::NotRated => "không đạt",
            Status::Eliminated => "bị loại",
            Status::Halted => "dừng đánh giá",
        })
    }
}

/// A gate the council did not meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FailedGate {
    /// The tier the gate belongs to.
    pub stars: u8,
    /// The criterion code.
    pub criterion: String,
    /// The criterion's printed title.
    pub title: String,
    /// The minimum option (1-based).
    pub required_option: u8,
    /// Its printed text.
    pub required_text: String,
    /// Its points.
    pub required_points: u8,
    /// The members' mean points on the criterion, rounded as the total is.
    #[serde(with = "decimal_json")]
    pub council_points: Decimal,
    /// Whether the gate is an inferred reading rather than printed.
    pub inferred: bool,
}

/// A knock-out that applies: asserted by the council, or found from the
/// council's points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KnockoutHit {
    /// The criterion code, or `dossier`.
    pub knockout: String,
    /// Its effect.
    pub kind: KnockoutKind,
    /// The clause as printed.
    pub text: String,
    /// Found by the library: the knock-out is printed as "Nếu được 0 điểm
    /// …" and the council's points on the criterion are 0 (every member
    /// gave 0). False when the council asserted it.
    #[serde(default)]
    pub zero_points: bool,
}

/// The star decision of a scorecard.
///
/// # The order of the decision
///
/// The order is the decisions' own, and each step only lowers or removes
/// the star:
///
/// 1. **Band.** The council's mean total, rounded half away from zero to
///    the edition's decimals, falls in one of the edition's half-open
///    bands (`edition.json` `bands`; 1048 Điều 1 khoản 2; 26/2026 Điều 3
///    khoản 3, "từ 70 đến dưới 90").
/// 2. **Gates.** Since 781/QĐ-TTg a tier also needs minimum levels on some
///    criteria. A tier needs its own and every lower tier's minimums; the
///    final star is the highest tier, not above the band, whose gates all
///    pass. A council meets a gate when the members' mean points on the
///    criterion reach the required option's points, checked in integers
///    as `sum ≥ points × members` (this library's interpretation).
/// 3. **Not rated.** OCOP recognises only 3★ and above, so a product whose
///    band is 3★ or more but that misses a 3★ gate is `not_rated` (the
///    2020 national council's "Không đạt"), not 2★.
/// 4. **Knock-outs** remove the star whatever the points: "Bị loại nếu …"
///    eliminates, "Không đánh giá các bước tiếp theo …" halts, and
///    elimination wins when both apply. A knock-out phrased in points
///    ("Nếu được 0 điểm …") applies by itself when every member gives the
///    criterion 0.
///
/// `failed_gates` lists every gate up to the band that was not met, so it
/// can name gates above the final star's tier too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rating {
    /// The band of the rounded mean total.
    pub band: u8,
    /// The final star, if any.
    pub stars: Option<u8>,
    /// Why the product has that star or none: rated, not rated, or a
    /// knock-out.
    pub status: Status,
    /// Every gate of the tiers up to the band that was not met.
    pub failed_gates: Vec<FailedGate>,
    /// The knock-outs that apply.
    pub knockouts: Vec<KnockoutHit>,
}

impl Scorecard {
    /// The same scorecard without per-criterion and per-section points:
    /// what a batch writes unless asked for them.
    pub(crate) fn without_points(mut self) -> Scorecard {
        for m in &mut self.members {
            m.points = Vec::new();
            m.sections = Vec::new();
            m.codes = Codes::none();
        }
        self
    }
}

impl MemberResult {
    pub(crate) fn new(
        member: String,
        parts: PartPoints,
        points: Vec<Option<u8>>,
        sections: Vec<u32>,
        codes: Arc<Codes>,
    ) -> MemberResult {
        MemberResult {
            member,
            total: parts.total(),
            points,
            sections,
            parts,
            codes,
        }
    }
}

/// Left-aligned text padded to `w` characters (not bytes: names are
/// Vietnamese).
fn pad(out: &mut String, s: &str, w: usize) {
    out.push_str(s);
    for _ in s.chars().count()..w {
        out.push(' ');
    }
}

/// A compact text for a person, in the sheet's language: the product,
/// set and edition; each member's total and parts; the means, spread,
/// band, final star and status; each failed gate with its criterion's
/// title, the required option and the council's points; knock-outs with
/// their printed text; warnings. The alternate form (`{:#}`) adds every
/// member's points per criterion.
///
/// ```
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let card = ocop::Catalog::official().score(&ev)?;
/// let text = card.to_string();
/// assert!(text.starts_with("SAMPLE-2026-01 · Rau, củ, quả, hạt tươi (rau-cu-qua-hat-tuoi) · qd26-2026"));
/// assert!(text.contains("trung bình  74.33  33.00  18.00  23.33"));
/// assert!(text.contains("hạng theo điểm 4★ · kết quả 3★ · xếp hạng sao"));
/// assert!(text.contains("chưa đạt mức tối thiểu 4★: 8 TÍNH ĐỘC ĐÁO"));
/// assert!(format!("{card:#}").contains("\n5.2 "));
/// # Ok::<(), ocop::Error>(())
/// ```
impl fmt::Display for Scorecard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} · {} ({}) · {} ({})",
            self.id.as_deref().unwrap_or("(không có mã)"),
            self.set_name,
            self.set,
            self.edition,
            self.edition_basis
        );
        let w = self
            .members
            .iter()
            .map(|m| m.member.chars().count())
            .chain([10])
            .max()
            .unwrap_or(10);
        pad(&mut out, "thành viên", w);
        out.push_str("   tổng      A      B      C\n");
        for m in &self.members {
            pad(&mut out, &m.member, w);
            let p = m.parts;
            let _ = writeln!(
                out,
                " {:>6} {:>6} {:>6} {:>6}",
                m.total, p.a, p.b, p.c
            );
        }
        pad(&mut out, "trung bình", w);
        let x = &self.mean;
        let _ = writeln!(
            out,
            " {:>6} {:>6} {:>6} {:>6}",
            x.total.to_string(),
            x.a.to_string(),
            x.b.to_string(),
            x.c.to_string()
        );
        let s = &self.spread;
        let _ = writeln!(
            out,
            "chênh lệch {} điểm (giới hạn {}){}",
            s.points,
            s.limit,
            if s.exceeded { ": vượt giới hạn" } else { "" }
        );
        let r = &self.rating;
        let star =
            r.stars.map_or("không sao".to_owned(), |s| format!("{s}★"));
        let _ = writeln!(
            out,
            "hạng theo điểm {}★ · kết quả {star} · {}",
            r.band, r.status
        );
        for g in &r.failed_gates {
            let _ = writeln!(
                out,
                "chưa đạt mức tối thiểu {}★: {} {} cần phương án {} \"{}\" \
                 ({} điểm); hội đồng {} điểm",
                g.stars,
                g.criterion,
                g.title,
                g.required_option,
                g.required_text,
                g.required_points,
                g.council_points
            );
        }
        for k in &r.knockouts {
            let how = match k.kind {
                KnockoutKind::Eliminated => "bị loại",
                KnockoutKind::Halted => "dừng đánh giá",
            };
            let why = if k.zero_points {
                ", hội đồng cho 0 điểm"
            } else {
                ""
            };
            let _ = writeln!(out, "{how} ({}{why}): {}", k.knockout, k.text);
        }
        for wr in &self.warnings {
            let _ = writeln!(out, "lưu ý: {wr}");
        }
        if f.alternate() && !self.members.is_empty() {
            let codes = self.members[0].criteria().map(|(c, _)| c);
            let cw = codes.clone().map(str::len).chain([8]).max().unwrap_or(8);
            let width = |m: &MemberResult| m.member.chars().count().max(4);
            pad(&mut out, "tiêu chí", cw);
            for m in &self.members {
                let _ = write!(out, " {:>w$}", m.member, w = width(m));
            }
            out.push('\n');
            for (i, code) in codes.enumerate() {
                pad(&mut out, code, cw);
                for m in &self.members {
                    // "-": the criterion does not apply to this member.
                    let p = m.points.get(i).copied().flatten();
                    let p = p.map_or("-".to_owned(), |p| p.to_string());
                    let _ = write!(out, " {p:>w$}", w = width(m));
                }
                out.push('\n');
            }
        }
        f.write_str(out.trim_end_matches('\n'))
    }
}
