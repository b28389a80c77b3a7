//! Evaluations: what a council submits.
//!
//! An [`Evaluation`] is one product scored by one or more council members,
//! each on the same sheet. Its JSON form is
//!
//! ```json
//! {"id": "DT-TH-2021-05", "edition": "qd1048-781", "set": "che-bien-tu-thuy-hai-san",
//!  "date": "2021-11-03",
//!  "members": [{"member": "m1", "answers": {"1.1": 3, "1.2": 2, "2.4": true}}],
//!  "knockouts": []}
//! ```
//!
//! An answer names an option by its 1-based position in printed order (the
//! box a member ticks), or is `true`/`false` for a yes/no criterion. Fields
//! the library does not know (`province`, `recorded_star`, ...) are kept
//! and copied to the scorecard's `meta`.
//!
//! Parsing borrows strings from the input wherever it can, so scoring a
//! line of JSON allocates a handful of vectors and no strings. Answers are
//! kept as written (code and value) and are checked against the sheet when
//! scored, so every mistake on a sheet becomes an error that names the
//! member and criterion rather than a bare parse error.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};

/// One member's answer to one criterion, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A 1-based option position.
    Option(u64),
    /// Met or not, for a yes/no criterion.
    Met(bool),
    /// Anything else, as JSON text; scoring reports it.
    Invalid(String),
}

impl From<u64> for Answer {
    fn from(n: u64) -> Answer {
        Answer::Option(n)
    }
}

impl From<bool> for Answer {
    fn from(b: bool) -> Answer {
        Answer::Met(b)
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Answer::Option(n) => s.serialize_u64(*n),
            Answer::Met(b) => s.serialize_bool(*b),
            Answer::Invalid(t) => {
                match serde_json::value::RawValue::from_string(t.clone()) {
                    Ok(raw) => raw.serialize(s),
                    Err(_) => s.serialize_str(t),
                }
            }
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Answer, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option position or true/false")
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Answer, E> {
                Ok(Answer::Option(n))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(
                    serde_json::Number::from_f64(n)
                        .map_or("NaN".into(), |x| x.to_string()),
                ))
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Answer, E> {
                Ok(Answer::Met(b))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid(
                    serde_json::to_string(s).unwrap_or_default(),
                ))
            }
            fn visit_unit<E>(self) -> std::result::Result<Answer, E> {
                Ok(Answer::Invalid("null".into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Answer, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Answer::Invalid("an array".into()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Answer, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Answer::Invalid("an object".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A string borrowed from the input when it has no escapes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Text<'a> {
        Text(Cow::Borrowed(s))
    }
}

impl From<String> for Text<'_> {
    fn from(s: String) -> Self {
        Text(Cow::Owned(s))
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Text<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(
                self,
                s: &'de str,
            ) -> std::result::Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(
                self,
                s: &str,
            ) -> std::result::Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// One council member's sheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberSheet<'a> {
    /// The member's name or code.
    pub member: Text<'a>,
    /// The set the member answered, when the sheet says.
    pub set: Option<Text<'a>>,
    /// Answers in the order written: criterion code and answer. Duplicates
    /// are kept so that scoring can report them.
    pub answers: Vec<(Text<'a>, Answer)>,
}

impl<'a> MemberSheet<'a> {
    /// A sheet for `member` with these answers.
    ///
    /// ```
    /// let sheet = ocop::MemberSheet::new("m1", [("1.1", 3u64), ("1.2", 2)]);
    /// assert_eq!(sheet.answers.len(), 2);
    /// ```
    pub fn new<C, A>(
        member: &'a str,
        answers: impl IntoIterator<Item = (C, A)>,
    ) -> Self
    where
        C: Into<Text<'a>>,
        A: Into<Answer>,
    {
        MemberSheet {
            member: member.into(),
            set: None,
            answers: answers
                .into_iter()
                .map(|(c, a)| (c.into(), a.into()))
                .collect(),
        }
    }
}

/// One product's evaluation by a council.
///
/// # Example
///
/// ```
/// let json = r#"{"id": "P1", "edition": "qd26-2026", "set": "hoa",
///                "members": [{"member": "m1", "answers": {"1.1": 2}}]}"#;
/// let ev = ocop::Evaluation::from_json(json)?;
/// assert_eq!(ev.id.as_deref(), Some("P1"));
/// assert_eq!(ev.members[0].answers.len(), 1);
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation<'a> {
    /// The product's id in the caller's records.
    pub id: Option<Text<'a>>,
    /// The edition id; when absent, `date` chooses it.
    pub edition: Option<Text<'a>>,
    /// The set id or phân nhóm name.
    pub set: Text<'a>,
    /// The council's meeting date, `YYYY-MM-DD`.
    pub date: Option<Text<'a>>,
    /// The day the dossier was submitted, `YYYY-MM-DD`.
    pub submitted: Option<Text<'a>>,
    /// Whether this is a re-evaluation (đánh giá lại), which has a shorter
    /// transition window.
    pub reevaluation: bool,
    /// The members' sheets.
    pub members: Vec<MemberSheet<'a>>,
    /// Knock-outs the council found: criterion codes whose knock-out note
    /// applies, or `dossier` for the set's "Hồ sơ bị loại khi" clause.
    pub knockouts: Vec<Text<'a>>,
    /// Other fields, copied to the scorecard.
    pub meta: Vec<(Text<'a>, serde_json::Value)>,
}

impl<'a> Evaluation<'a> {
    /// Parses one evaluation from JSON, borrowing from `json`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Json`] with the line and column when `json` is not JSON
    /// or lacks `set` or `members`. Wrong answers are not parse errors:
    /// they are reported when the evaluation is scored.
    pub fn from_json(json: &'a str) -> Result<Evaluation<'a>> {
        serde_json::from_str(json).map_err(|e| json_error(&e))
    }

    /// Converts into an evaluation that owns its strings.
    pub fn into_owned(self) -> Evaluation<'static> {
        let own = |t: Text<'a>| Text(Cow::Owned(t.0.into_owned()));
        Evaluation {
            id: self.id.map(own),
            edition: self.edition.map(own),
            set: own(self.set),
            date: self.date.map(own),
            submitted: self.submitted.map(own),
            reevaluation: self.reevaluation,
            members: self
                .members
                .into_iter()
                .map(|m| MemberSheet {
                    member: own(m.member),
                    set: m.set.map(own),
                    answers: m
                        .answers
                        .into_iter()
                        .map(|(c, a)| (own(c), a))
                        .collect(),
                })
                .collect(),
            knockouts: self.knockouts.into_iter().map(own).collect(),
            meta: self.meta.into_iter().map(|(k, v)| (own(k), v)).collect(),
        }
    }
}

fn json_error(e: &serde_json::Error) -> Error {
    Error::new(ErrorKind::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// The id of a line that failed to parse, when it can be found.
pub(crate) fn probe_id(json: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        id: Option<Text<'a>>,
    }
    serde_json::from_str::<Probe>(json).ok()?.id.map(|t| t.0.into_owned())
}

struct Answers<'b, 'a>(&'b mut Vec<(Text<'a>, Answer)>);

impl<'de: 'a, 'a> DeserializeSeed<'de> for Answers<'_, 'a> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<(), D::Error> {
        struct V<'b, 'a>(&'b mut Vec<(Text<'a>, Answer)>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'_, 'a> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of criterion code → answer")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<(), A::Error> {
                while let Some(entry) = m.next_entry::<Text<'a>, Answer>()? {
                    self.0.push(entry);
                }
                Ok(())
            }
        }
        d.deserialize_map(V(self.0))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for MemberSheet<'a> {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = MemberSheet<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a member sheet {\"member\": ..., \"answers\": {...}}",
                )
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = MemberSheet::default();
                let mut member = None;
                let mut answers = false;
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    match &*k {
                        "member" => member = Some(m.next_value()?),
                        "set" => out.set = m.next_value()?,
                        "answers" => {
                            answers = true;
                            m.next_value_seed(Answers(&mut out.answers))?
                        }
                        _ => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                out.member = member
                    .ok_or_else(|| de::Error::missing_field("member"))?;
                if !answers {
                    return Err(de::Error::missing_field("answers"));
                }
                Ok(out)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Evaluation<'a> {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Evaluation<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an evaluation object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut ev = Evaluation::default();
                let mut set = None;
                let mut members = None;
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    match &*k {
                        "id" => ev.id = m.next_value()?,
                        "edition" => ev.edition = m.next_value()?,
                        "set" => set = Some(m.next_value()?),
                        "date" => ev.date = m.next_value()?,
                        "submitted" => ev.submitted = m.next_value()?,
                        "reevaluation" => ev.reevaluation = m.next_value()?,
                        "members" => members = Some(m.next_value()?),
                        "knockouts" => ev.knockouts = m.next_value()?,
                        _ => ev.meta.push((k, m.next_value()?)),
                    }
                }
                ev.set = set.ok_or_else(|| de::Error::missing_field("set"))?;
                ev.members = members
                    .ok_or_else(|| de::Error::missing_field("members"))?;
                Ok(ev)
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

struct AnswerMap<'b, 'a>(&'b [(Text<'a>, Answer)]);

impl Serialize for AnswerMap<'_, '_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}

impl Serialize for MemberSheet<'_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("MemberSheet", 3)?;
        st.serialize_field("member", &self.member)?;
        if let Some(set) = &self.set {
            st.serialize_field("set", set)?;
        }
        st.serialize_field("answers", &AnswerMap(&self.answers))?;
        st.end()
    }
}

impl Serialize for Evaluation<'_> {
    fn serialize<S: Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(id) = &self.id {
            m.serialize_entry("id", id)?;
        }
        if let Some(e) = &self.edition {
            m.serialize_entry("edition", e)?;
        }
        m.serialize_entry("set", &self.set)?;
        if let Some(d) = &self.date {
            m.serialize_entry("date", d)?;
        }
        if let Some(d) = &self.submitted {
            m.serialize_entry("submitted", d)?;
        }
        if self.reevaluation {
            m.serialize_entry("reevaluation", &true)?;
        }
        m.serialize_entry("members", &self.members)?;
        m.serialize_entry("knockouts", &self.knockouts)?;
        for (k, v) in &self.meta {
            m.serialize_entry(&**k, v)?;
        }
        m.end()
    }
}
