//! Scoring: member sheets to points, a council to means, and the scorecard.
//!
//! Each member's sheet is checked against the set (every applicable
//! criterion answered once, options in range, nothing answered that does
//! not apply) and summed per criterion, section, part and total. The council
//! result is the mean of the members' totals and parts, rounded as the
//! edition says (half away from zero to 2 decimals, computed exactly in
//! integers), and the star decision of [`crate::stars`].

use std::sync::Arc;

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

use crate::catalog::{self, Catalog, CriteriaSet, Date, Edition};
use crate::compiled::{Codes, Compiled, Leaf, UNREADABLE};
use crate::criteria::{EditionInfo, PartId, PartPoints, SetFile};
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{Answer, Evaluation, MemberSheet, Text};
use crate::stars::{self, KnockoutHit, Rating};

/// Options for scoring.
///
/// # Example
///
/// ```
/// let opts = ocop::ScoreOptions { inferred: true, ..Default::default() };
/// assert!(opts.edition.is_none());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Use inferred data: reconstructed sets, corrected point values and
    /// gates read from partial clauses. Off by default, because none of it
    /// comes from a source; every scorecard that uses it says so.
    pub inferred: bool,
    /// The edition to use when an evaluation names none (and has no date).
    pub edition: Option<String>,
}

/// Serializes a decimal as a JSON number with the text of the decimal, so
/// the value is exact on the wire; reads numbers or strings back exactly.
pub mod decimal_json {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};
    use serde_json::value::RawValue;

    /// Writes `d` as a JSON number.
    pub fn serialize<S: Serializer>(
        d: &Decimal,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(d.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }

    /// Reads a JSON number or string without going through `f64`.
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

/// The council's means, rounded by the edition's rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// Something the caller should know about a scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// The set's recovered table lacks points: the maximum is below 100.
    IncompleteSet {
        /// The part.
        part: PartId,
        /// Points missing.
        points: u32,
        /// What is missing.
        text: String,
    },
    /// The edition's star minimums are only partly known, so a star may
    /// be higher than the full rules would give.
    GatesIncomplete {
        /// The edition.
        edition: String,
    },
    /// Inferred data (not from any source) was used.
    InferredData {
        /// What was inferred.
        text: String,
    },
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
pub struct Scorecard {
    /// The product id, when the evaluation gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The edition used.
    pub edition: String,
    /// How the edition was chosen: `named` (by the evaluation), `date`,
    /// `transition`, or `default` (the caller's default edition, for an
    /// evaluation that names none and gives no date).
    pub edition_basis: String,
    /// The set used.
    pub set: String,
    /// The fingerprint of the set's data.
    pub fingerprint: String,
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

/// Mean of `sum` over `n`, rounded half away from zero to `decimals`
/// places, exactly: the edition's rounding rule (README "Interpretations",
/// rounding). Sums are non-negative, so half away from zero is half up.
pub(crate) fn rounded_mean(sum: u64, n: u32, decimals: u32) -> Decimal {
    let scale = 10u64.pow(decimals.min(6));
    let n = u64::from(n.max(1));
    let scaled = (2 * sum * scale + n) / (2 * n);
    Decimal::new(scaled as i64, decimals.min(6))
}

/// Per-call buffers, reused across evaluations by the batch scorer.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Chosen option per leaf (0-based), or `NONE`.
    choice: Vec<u8>,
    /// Council sum per leaf.
    sums: Vec<u32>,
}

/// No option chosen.
pub(crate) const NONE: u8 = u8::MAX;

/// The fields of an evaluation that decide its edition and set.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Placing<'a> {
    pub edition: Option<&'a str>,
    pub set: &'a str,
    pub date: Option<&'a str>,
    pub submitted: Option<&'a str>,
    pub reevaluation: bool,
}

/// The edition an evaluation falls under, how it was chosen, and its set.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placement<'c> {
    pub edition: &'c Edition,
    pub basis: &'static str,
    pub set: &'c CriteriaSet,
}

impl PartialEq for Placement<'_> {
    fn eq(&self, o: &Self) -> bool {
        std::ptr::eq(self.edition, o.edition)
            && std::ptr::eq(self.set, o.set)
            && self.basis == o.basis
    }
}

impl Catalog {
    /// Scores an evaluation with default options.
    ///
    /// # Errors
    ///
    /// See [`Catalog::score_with`].
    pub fn score(&self, ev: &Evaluation<'_>) -> Result<Scorecard> {
        self.score_with(ev, &ScoreOptions::default())
    }

    /// Scores an evaluation.
    ///
    /// # Errors
    ///
    /// - Choosing the edition: [`ErrorKind::NoEdition`],
    ///   [`ErrorKind::InvalidDate`], [`ErrorKind::BeforeCriteria`],
    ///   [`ErrorKind::AmbiguousEdition`], [`ErrorKind::UnknownEdition`].
    /// - Choosing the set: [`ErrorKind::TablesNotBundled`],
    ///   [`ErrorKind::UnknownSet`], [`ErrorKind::InferredSet`].
    /// - The council: [`ErrorKind::EmptyCouncil`],
    ///   [`ErrorKind::DuplicateMember`], [`ErrorKind::WrongSet`].
    /// - A sheet: [`ErrorKind::UnknownCriterion`],
    ///   [`ErrorKind::MissingAnswer`], [`ErrorKind::DuplicateAnswer`],
    ///   [`ErrorKind::OptionOutOfRange`], [`ErrorKind::InvalidAnswer`],
    ///   [`ErrorKind::NotApplicable`], [`ErrorKind::UnreadablePoints`].
    /// - Knock-outs: [`ErrorKind::UnknownKnockout`].
    ///
    /// Every error carries the evaluation's `id`.
    pub fn score_with(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
    ) -> Result<Scorecard> {
        self.score_inner(ev, opts, &mut Scratch::default())
            .map_err(|e| e.for_product(ev.id.as_deref()))
    }

    pub(crate) fn score_inner(
        &self,
        ev: &Evaluation<'_>,
        opts: &ScoreOptions,
        scratch: &mut Scratch,
    ) -> Result<Scorecard> {
        let placing = Placing {
            edition: ev.edition.as_deref(),
            set: &ev.set,
            date: ev.date.as_deref(),
            submitted: ev.submitted.as_deref(),
            reevaluation: ev.reevaluation,
        };
        let Placement { edition, basis, set } = self.place(&placing, opts)?;
        let compiled = set.compiled(opts.inferred);
        check_members(ev.members.iter().map(|m| &*m.member))?;
        let knockouts =
            knockout_hits(set, compiled, ev.knockouts.iter().map(|k| &**k))?;

        let n_leaves = compiled.leaves.len();
        scratch.sums.clear();
        scratch.sums.resize(n_leaves, 0);
        let mut members = Vec::with_capacity(ev.members.len());
        for m in &ev.members {
            if let Some(s) = &m.set {
                if edition.set(s).map(|x| x.id()) != Some(set.id()) {
                    return Err(ErrorKind::WrongSet {
                        member: m.member.to_string(),
                        member_set: s.to_string(),
                        set: set.id().to_owned(),
                    }
                    .into());
                }
            }
            scratch.choice.clear();
            scratch.choice.resize(n_leaves, NONE);
            resolve(
                set,
                compiled,
                &m.member,
                &m.answers,
                &mut scratch.choice,
            )?;
            let mut points = Vec::with_capacity(n_leaves);
            let mut sections = vec![0u32; compiled.section_part.len()];
            let parts = tally_member(
                set,
                compiled,
                &m.member,
                &scratch.choice,
                &mut scratch.sums,
                Some((&mut points, &mut sections)),
            )?;
            members.push(MemberResult {
                member: m.member.to_string(),
                total: parts.total(),
                points,
                sections,
                parts,
                codes: compiled.codes.clone(),
            });
        }
        let parts: Vec<PartPoints> = members.iter().map(|m| m.parts).collect();
        let (mean, spread, rating) = council(
            edition.info(),
            compiled,
            &parts,
            &scratch.sums,
            knockouts,
        );
        let meta =
            ev.meta.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
        Ok(Scorecard {
            id: ev.id.as_ref().map(|t| t.to_string()),
            edition: edition.info().id.clone(),
            edition_basis: basis.to_owned(),
            set: set.id().to_owned(),
            fingerprint: compiled.fingerprint.clone(),
            inferred: compiled.inferred,
            members,
            mean,
            spread,
            rating,
            warnings: compiled.warnings.to_vec(),
            meta,
        })
    }

    /// Chooses the edition (named, else by date) and the set.
    pub(crate) fn place(
        &self,
        p: &Placing<'_>,
        opts: &ScoreOptions,
    ) -> Result<Placement<'_>> {
        // The evaluation's own edition, then its date; the caller's default
        // only when it gives neither.
        let (edition, basis) = match (p.edition, p.date, &opts.edition) {
            (Some(e), _, _) => (self.edition_or_err(e)?, "named"),
            (None, Some(date), _) => {
                let date = Date::parse("date", date)?;
                let submitted = p
                    .submitted
                    .map(|s| Date::parse("submitted", s))
                    .transpose()?;
                self.edition_by_date(date, submitted, p.reevaluation)?
            }
            (None, None, Some(e)) => (self.edition_or_err(e)?, "default"),
            (None, None, None) => return Err(ErrorKind::NoEdition.into()),
        };
        let set = self.set_or_err(edition, p.set, opts.inferred)?;
        Ok(Placement { edition, basis, set })
    }
}

/// A council needs members, each named once.
pub(crate) fn check_members<'k>(
    names: impl Iterator<Item = &'k str> + Clone,
) -> Result<()> {
    if names.clone().next().is_none() {
        return Err(ErrorKind::EmptyCouncil.into());
    }
    // Councils have 5 to 11 members; a hash set only guards against a
    // line listing thousands.
    let mut seen = std::collections::HashSet::new();
    let small = names.clone().nth(16).is_none();
    for (i, m) in names.clone().enumerate() {
        let repeated = if small {
            names.clone().take(i).any(|o| o == m)
        } else {
            !seen.insert(m)
        };
        if repeated {
            return Err(
                ErrorKind::DuplicateMember { member: m.to_owned() }.into()
            );
        }
    }
    Ok(())
}

/// The knock-outs a council asserted, checked against the set's.
pub(crate) fn knockout_hits<'k>(
    set: &CriteriaSet,
    c: &Compiled,
    asserted: impl Iterator<Item = &'k str>,
) -> Result<Vec<KnockoutHit>> {
    asserted
        .map(|k| {
            c.knockouts
                .iter()
                .find(|(code, _)| **code == *k)
                .map(|(code, kind)| KnockoutHit {
                    knockout: code.to_string(),
                    kind: *kind,
                    zero_points: false,
                })
                .ok_or_else(|| {
                    let known: Vec<&str> =
                        c.knockouts.iter().map(|(code, _)| &**code).collect();
                    Error::new(ErrorKind::UnknownKnockout {
                        knockout: k.to_owned(),
                        set: set.id().to_owned(),
                        known: known.join(", "),
                    })
                })
        })
        .collect()
}

/// The council's means, spread and star decision, from each member's part
/// points, the council's summed points per leaf and the knock-outs it
/// asserted.
pub(crate) fn council(
    info: &EditionInfo,
    c: &Compiled,
    parts: &[PartPoints],
    sums: &[u32],
    mut knockouts: Vec<KnockoutHit>,
) -> (Means, Spread, Rating) {
    // "Nếu được 0 điểm …": the product's points on a criterion are the
    // council's mean, so the knock-out applies when every member gave 0
    // (README "Interpretations"). Such criteria always apply (the loader
    // checks), so a zero sum is never "not applicable".
    for &(leaf, kind) in &c.zero_knockouts {
        let code = &c.codes.leaves[usize::from(leaf)];
        if sums[usize::from(leaf)] == 0
            && !knockouts.iter().any(|k| *k.knockout == **code)
        {
            knockouts.push(KnockoutHit {
                knockout: code.to_string(),
                kind,
                zero_points: true,
            });
        }
    }
    let n = parts.len() as u32;
    let dp = info.rounding.decimals;
    let sum = |f: fn(&PartPoints) -> u32| {
        parts.iter().map(|p| u64::from(f(p))).sum::<u64>()
    };
    let mean = Means {
        a: rounded_mean(sum(|p| p.a), n, dp),
        b: rounded_mean(sum(|p| p.b), n, dp),
        c: rounded_mean(sum(|p| p.c), n, dp),
        total: rounded_mean(sum(PartPoints::total), n, dp),
    };
    let highest = parts.iter().map(PartPoints::total).max().unwrap_or(0);
    let lowest = parts.iter().map(PartPoints::total).min().unwrap_or(0);
    let spread = Spread {
        highest,
        lowest,
        points: highest - lowest,
        limit: info.spread_limit,
        exceeded: highest - lowest > info.spread_limit,
    };
    let band = stars::band(&info.bands, mean.total);
    let rating = stars::decide(c, band, sums, n, knockouts, |s, n| {
        rounded_mean(s, n, dp)
    });
    (mean, spread, rating)
}

/// The warnings every scorecard of a compiled set carries, worked out once
/// when the set is loaded.
pub(crate) fn set_warnings(
    info: &EditionInfo,
    set: &SetFile,
    c: &Compiled,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if c.inferred {
        let text = catalog::inferred_note(set);
        warnings.push(Warning::InferredData { text });
    }
    if c.part_max.iter().sum::<u32>() < info.parts.total() {
        for g in &set.gaps {
            warnings.push(Warning::IncompleteSet {
                part: g.part,
                points: g.points,
                text: g.text.clone(),
            });
        }
    }
    if catalog::gates_incomplete(info) {
        warnings.push(Warning::GatesIncomplete { edition: info.id.clone() });
    }
    warnings
}

/// One member's answers resolved against a set: the option chosen on each
/// criterion, ready to be summed.
///
/// Resolving checks what can be checked answer by answer (the criterion
/// exists, is answered once, the option is in range); [`points`] checks
/// the sheet as a whole and sums it. Scoring many sheets of one set, or
/// one sheet many times, resolves once and sums cheaply.
///
/// [`points`]: ResolvedSheet::points
///
/// # Example
///
/// ```
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set(&ev.set).unwrap();
/// let sheet = set.resolve(&ev.members[0])?;
/// assert_eq!(sheet.points()?.total(), 75);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ResolvedSheet<'s> {
    set: &'s CriteriaSet,
    member: String,
    /// Chosen option per leaf (0-based), or `NONE`.
    choice: Vec<u8>,
}

impl ResolvedSheet<'_> {
    /// The member.
    pub fn member(&self) -> &str {
        &self.member
    }

    /// Checks that every applicable criterion is answered and nothing else
    /// is, and sums the points per part.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingAnswer`], [`ErrorKind::NotApplicable`],
    /// [`ErrorKind::UnreadablePoints`].
    pub fn points(&self) -> Result<PartPoints> {
        let c = self.set.compiled(false);
        tally(self.set, c, &self.member, &self.choice, |_, _| {})
    }
}

impl CriteriaSet {
    /// Resolves one member's sheet against this set (official data, no
    /// inferred corrections).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCriterion`], [`ErrorKind::DuplicateAnswer`],
    /// [`ErrorKind::OptionOutOfRange`], [`ErrorKind::InvalidAnswer`].
    ///
    /// # Example
    ///
    /// ```
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// let err = set.resolve(&ocop::MemberSheet::new("m1", [("1.1", 9u64)])).unwrap_err();
    /// assert!(matches!(err.kind(), ocop::ErrorKind::OptionOutOfRange { .. }));
    /// ```
    pub fn resolve(
        &self,
        sheet: &MemberSheet<'_>,
    ) -> Result<ResolvedSheet<'_>> {
        let c = self.compiled(false);
        let mut choice = vec![NONE; c.leaves.len()];
        resolve(self, c, &sheet.member, &sheet.answers, &mut choice)?;
        Ok(ResolvedSheet {
            set: self,
            member: sheet.member.to_string(),
            choice,
        })
    }

    /// Checks one member's sheet against this set and returns its part
    /// points, without building a scorecard: the fast path for callers
    /// that need only totals. Inferred data is not used.
    ///
    /// # Errors
    ///
    /// The sheet errors of [`Catalog::score_with`]:
    /// [`ErrorKind::UnknownCriterion`], [`ErrorKind::MissingAnswer`],
    /// [`ErrorKind::DuplicateAnswer`], [`ErrorKind::OptionOutOfRange`],
    /// [`ErrorKind::InvalidAnswer`], [`ErrorKind::NotApplicable`],
    /// [`ErrorKind::UnreadablePoints`].
    ///
    /// # Example
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set(&ev.set).unwrap();
    /// assert_eq!(set.sheet_points(&ev.members[0])?.total(), 75);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn sheet_points(&self, sheet: &MemberSheet<'_>) -> Result<PartPoints> {
        let c = self.compiled(false);
        let mut stack = [NONE; 128];
        let mut heap = Vec::new();
        let choice = if c.leaves.len() <= stack.len() {
            &mut stack[..c.leaves.len()]
        } else {
            heap.resize(c.leaves.len(), NONE);
            &mut heap[..]
        };
        resolve(self, c, &sheet.member, &sheet.answers, choice)?;
        tally(self, c, &sheet.member, choice, |_, _| {})
    }
}

/// Resolves written answers into `choice` (`NONE`-filled, one slot per
/// leaf): each code to its leaf, each answer to a 0-based option.
fn resolve(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    answers: &[(Text<'_>, Answer)],
    choice: &mut [u8],
) -> Result<()> {
    let mut hint = 0;
    for (code, answer) in answers {
        let Some(leaf) = c.find(code.as_bytes(), hint) else {
            return Err(unknown_criterion(set, member, code));
        };
        hint = leaf + 1;
        if choice[leaf] != NONE {
            return Err(ErrorKind::DuplicateAnswer {
                member: member.to_owned(),
                criterion: code.to_string(),
            }
            .into());
        }
        let l = &c.leaves[leaf];
        let invalid = |found: String| {
            let expected = if l.yes_no {
                "true or false (a yes/no criterion)".to_owned()
            } else {
                format!("an option position from 1 to {}", l.options)
            };
            Error::new(ErrorKind::InvalidAnswer {
                member: member.to_owned(),
                criterion: code.to_string(),
                found,
                expected,
            })
        };
        let chosen = match answer {
            Answer::Option(n) => l.option(*n),
            Answer::Met(b) => l.met(*b),
            Answer::Invalid(_) => None,
        };
        choice[leaf] = match (chosen, answer, l.yes_no) {
            (Some(ch), _, _) => ch,
            (None, Answer::Option(n), false) => {
                return Err(ErrorKind::OptionOutOfRange {
                    member: member.to_owned(),
                    criterion: code.to_string(),
                    option: *n,
                    options: usize::from(l.options),
                }
                .into());
            }
            (None, Answer::Option(n), _) => {
                return Err(invalid(n.to_string()));
            }
            (None, Answer::Met(b), _) => return Err(invalid(b.to_string())),
            (None, Answer::Invalid(t), _) => return Err(invalid(t.clone())),
        };
    }
    Ok(())
}

/// [`tally`], adding the member's points into the council's `sums` per
/// leaf and, given `detail`, pushing them per leaf and adding them per
/// section.
pub(crate) fn tally_member(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    sums: &mut [u32],
    detail: Option<(&mut Vec<Option<u8>>, &mut [u32])>,
) -> Result<PartPoints> {
    match detail {
        None => tally(set, c, member, choice, |leaf, p| {
            sums[leaf] += u32::from(p.unwrap_or(0));
        }),
        Some((points, sections)) => {
            tally(set, c, member, choice, |leaf, p| {
                if let Some(p) = p {
                    sums[leaf] += u32::from(p);
                    sections[usize::from(c.leaves[leaf].section)] +=
                        u32::from(p);
                }
                points.push(p);
            })
        }
    }
}

/// Checks a resolved sheet as a whole and sums it, reporting each leaf's
/// points (`None` where it does not apply) to `visit` in printed order.
pub(crate) fn tally(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    mut visit: impl FnMut(usize, Option<u8>),
) -> Result<PartPoints> {
    let mut parts = [0u32; 3];
    for (i, (l, &ch)) in c.leaves.iter().zip(choice).enumerate() {
        let p = if ch == NONE { UNREADABLE } else { c.points(i, ch) };
        let applies = applies(l, choice);
        if applies && p != UNREADABLE {
            parts[l.part as usize] += u32::from(p);
            visit(i, Some(p));
        } else if !applies && ch == NONE {
            visit(i, None);
        } else {
            return Err(sheet_error(set, c, member, choice, i));
        }
    }
    Ok(PartPoints { a: parts[0], b: parts[1], c: parts[2] })
}

/// Whether a leaf applies: "Chỉ áp dụng khi có câu chuyện" is decided by
/// the member's own answer to the criterion its `applies_if` names.
#[inline]
pub(crate) fn applies(l: &Leaf, choice: &[u8]) -> bool {
    l.applies_if.is_none_or(|(t, mask)| {
        let t = choice[t as usize];
        t != NONE && mask & (1 << t) != 0
    })
}

/// The error for leaf `i`, which [`tally`] found answered when it does not
/// apply, unanswered when it does, or answered with unreadable points.
#[cold]
fn sheet_error(
    set: &CriteriaSet,
    c: &Compiled,
    member: &str,
    choice: &[u8],
    i: usize,
) -> Error {
    let l = &c.leaves[i];
    let code = &c.codes.leaves[i];
    let ch = choice[i];
    let criterion = set.sheet().criterion(code);
    if let (Some((t, _)), false) =
        (l.applies_if, ch == NONE || applies(l, choice))
    {
        let dep = &c.codes.leaves[t as usize];
        let reason = match choice[t as usize] {
            NONE => format!("it applies only when {dep} is answered"),
            x => format!(
                "it applies only when the product has a story, and the answer to {dep} \
                 is option {} (\"Chỉ áp dụng khi có câu chuyện\")",
                x + 1
            ),
        };
        return ErrorKind::NotApplicable {
            member: member.to_owned(),
            criterion: code.to_string(),
            reason,
        }
        .into();
    }
    if ch == NONE {
        return ErrorKind::MissingAnswer {
            member: member.to_owned(),
            criterion: code.to_string(),
            title: criterion.map(|x| x.title.clone()).unwrap_or_default(),
        }
        .into();
    }
    let opt = criterion.and_then(|x| x.options.get(usize::from(ch)));
    ErrorKind::UnreadablePoints {
        member: member.to_owned(),
        criterion: code.to_string(),
        option: ch + 1,
        printed: opt.and_then(|o| o.unreadable.clone()).unwrap_or_default(),
    }
    .into()
}

fn unknown_criterion(
    set: &CriteriaSet,
    member: &str,
    code: &Text<'_>,
) -> Error {
    let sheet = set.sheet();
    let hint = match sheet.criterion(code) {
        Some(h) if h.header => {
            let kids: Vec<&str> = sheet
                .criteria()
                .filter(|(_, _, k)| k.parent.as_deref() == Some(&**code))
                .map(|(_, _, k)| k.code.as_str())
                .collect();
            format!(
                " as an answerable criterion: it groups {}; answer those instead",
                kids.join(", ")
            )
        }
        _ => String::new(),
    };
    ErrorKind::UnknownCriterion {
        member: member.to_owned(),
        criterion: code.to_string(),
        set: set.id().to_owned(),
        hint,
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::rounded_mean;

    #[test]
    fn rounding_is_exact_and_half_away_from_zero() {
        // 8 members leave exact halves at the third place.
        assert_eq!(rounded_mean(561, 8, 2).to_string(), "70.13"); // 70.125
        assert_eq!(rounded_mean(563, 8, 2).to_string(), "70.38"); // 70.375
        assert_eq!(rounded_mean(559, 8, 2).to_string(), "69.88"); // 69.875
        // 7 members: no exact half; 503 / 7 = 71.857142…
        assert_eq!(rounded_mean(503, 7, 2).to_string(), "71.86");
        // Just under a band edge stays under it.
        assert_eq!(rounded_mean(6999, 100, 2).to_string(), "69.99");
        // Two decimals are always printed.
        assert_eq!(rounded_mean(150, 2, 2).to_string(), "75.00");
        assert_eq!(rounded_mean(0, 3, 2).to_string(), "0.00");
        // 0.995 rounds up across the band edge: 89.995 -> 90.00.
        assert_eq!(rounded_mean(17999, 200, 2).to_string(), "90.00");
    }
}
