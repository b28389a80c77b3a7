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
//!
//! How answers are read, and what a repeated key does, is documented on
//! [`Answer`] and [`Evaluation`].

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{
    self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, ErrorKind, Result};

/// One member's answer to one criterion, as written.
///
/// # How answers are read
///
/// In JSON an answer is a number or a boolean, nothing else:
///
/// | written | read as | scored |
/// |---|---|---|
/// | `3` | [`Answer::Option`]`(3)` | option 3 in printed order; 0 or past the last option is [`ErrorKind::OptionOutOfRange`] |
/// | `true`, `false` | [`Answer::Met`] | a yes/no criterion met or not; on a criterion with options, [`ErrorKind::InvalidAnswer`] |
/// | `"3"`, `3.0`, `1e0`, `-1`, `null`, a number past `u64` | [`Answer::Invalid`] | always [`ErrorKind::InvalidAnswer`], naming what was found |
///
/// `NaN` and `Infinity` are not JSON, so a line holding them is an
/// [`ErrorKind::Json`] error. Text from a form goes through
/// [`Answer`]'s `FromStr` instead, which takes `"3"`, `"true"` and
/// `"false"`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// A 1-based option position.
    Option(u64),
    /// Met or not, for a yes/no criterion.
    Met(bool),
    /// Anything else, as JSON text; scoring reports it.
    Invalid(String),
}

/// Reads an answer typed in a form: `"3"` is option 3, `"true"` and
/// `"false"` a yes/no criterion met or not, surrounding whitespace aside.
/// Anything else is an error, whatever the criterion: no sign, no
/// fraction, no words.
///
/// ```
/// use ocop::Answer;
/// assert_eq!(" 3 ".parse::<Answer>()?, Answer::Option(3));
/// assert_eq!("false".parse::<Answer>()?, Answer::Met(false));
/// let err = "3.0".parse::<Answer>().unwrap_err();
/// assert!(matches!(err.kind(), ocop::ErrorKind::AnswerText { .. }));
/// # Ok::<(), ocop::Error>(())
/// ```
impl std::str::FromStr for Answer {
    type Err = Error;
    fn from_str(s: &str) -> Result<Answer> {
        let t = s.trim();
        match t {
            "true" => Ok(Answer::Met(true)),
            "false" => Ok(Answer::Met(false)),
            _ if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t
                .parse()
                .map(Answer::Option)
                .map_err(|_| ErrorKind::AnswerText { text: s.into() }.into()),
            _ => Err(ErrorKind::AnswerText { text: s.into() }.into()),
        }
    }
}

/// Writes the answer as it is written in JSON.
impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Answer::Option(n) => write!(f, "{n}"),
            Answer::Met(b) => write!(f, "{b}"),
            Answer::Invalid(t) => f.write_str(t),
        }
    }
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

/// A string borrowed from the input when it has no escapes, or owned.
///
/// `&str` converts by borrowing; `String` and `&String` convert into an
/// owned `Text<'static>`, so evaluations can be built from form data
/// without lifetimes getting in the way.
///
/// ```
/// let name = String::from("m1");
/// let t: ocop::Text<'static> = (&name).into();
/// assert_eq!(&*t, "m1");
/// ```
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

/// Copies the string, so that a `Text<'static>` can be built from a
/// borrowed `String` (form data, say).
impl From<&String> for Text<'_> {
    fn from(s: &String) -> Self {
        Text(Cow::Owned(s.clone()))
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Text<'_> {
    /// The same text, owned.
    pub fn into_owned(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
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
    /// A sheet for `member` with these answers. Names and codes may be
    /// `&str` (borrowed) or `String` (owned).
    ///
    /// ```
    /// let sheet = ocop::MemberSheet::new("m1", [("1.1", 3u64), ("1.2", 2)]);
    /// assert_eq!(sheet.answers.len(), 2);
    /// let owned: ocop::MemberSheet<'static> =
    ///     ocop::MemberSheet::new(String::from("m2"), [(String::from("2.4"), true)]);
    /// assert_eq!(&*owned.member, "m2");
    /// ```
    pub fn new<C, A>(
        member: impl Into<Text<'a>>,
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
/// # Duplicate keys
///
/// A key written twice is an error at every level, never "last one wins":
/// in the evaluation and in a member sheet it is an [`ErrorKind::Json`]
/// error naming the field (`duplicate field "date"`), in a carried field's
/// nested objects likewise, and a criterion answered twice is
/// [`ErrorKind::DuplicateAnswer`], naming the member.
///
/// # Examples
///
/// From JSON, borrowing from the text:
///
/// ```
/// let json = r#"{"id": "P1", "edition": "qd26-2026", "set": "hoa",
///                "members": [{"member": "m1", "answers": {"1.1": 2}}]}"#;
/// let ev = ocop::Evaluation::from_json(json)?;
/// assert_eq!(ev.id.as_deref(), Some("P1"));
/// assert_eq!(ev.members[0].answers.len(), 1);
/// # Ok::<(), ocop::Error>(())
/// ```
///
/// From owned data, such as a web form's fields, with nothing borrowed:
///
/// ```
/// use ocop::{Answer, Evaluation, MemberSheet};
///
/// /// One member's form: criterion code → the text typed in.
/// fn from_form(
///     id: String,
///     set: String,
///     forms: Vec<(String, Vec<(String, String)>)>,
/// ) -> Result<Evaluation<'static>, ocop::Error> {
///     let mut members = Vec::new();
///     for (member, fields) in forms {
///         let mut answers = Vec::new();
///         for (code, text) in fields {
///             answers.push((code, text.parse::<Answer>()?));
///         }
///         members.push(MemberSheet::new(member, answers));
///     }
///     Ok(Evaluation {
///         id: Some(id.into()),
///         edition: Some(String::from("qd26-2026").into()),
///         set: set.into(),
///         members,
///         ..Evaluation::default()
///     })
/// }
///
/// let form = vec![(String::from("m1"), vec![(String::from("1.1"), String::from("2"))])];
/// let ev = from_form("P1".into(), "hoa".into(), form)?;
/// assert_eq!(ev.members[0].answers[0].1, Answer::Option(2));
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
    /// Parses one evaluation from JSON, borrowing from `json`. A UTF-8
    /// byte-order mark at the start (spreadsheet exports write one) is
    /// skipped.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Json`] with the line and column when `json` is not JSON,
    /// lacks `set` or `members`, or repeats a key (see [duplicate
    /// keys](Evaluation#duplicate-keys)). Wrong answers are not parse
    /// errors: they are reported when the evaluation is scored.
    pub fn from_json(json: &'a str) -> Result<Evaluation<'a>> {
        let json = crate::input::strip_bom_str(json);
        serde_json::from_str(json).map_err(|e| ErrorKind::json(e, true))
    }

    /// [`Evaluation::from_json`] for one line of a batch: the error's
    /// position is a column only.
    pub(crate) fn from_line(line: &'a str) -> Result<Evaluation<'a>> {
        serde_json::from_str(line).map_err(|e| ErrorKind::json(e, false))
    }

    /// Sets one criterion's answer for one member (`Some(name)`) or for
    /// every member (`None`): the answer replaces any the member gave for
    /// that criterion, duplicates included, or is added. The code is not
    /// checked against a set here; scoring or
    /// [`Catalog::check`](crate::Catalog::check) does that.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownMember`] when no sheet carries `member`.
    ///
    /// # Example
    ///
    /// ```
    /// let mut ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// ev.set_answer(None, "8", ocop::Answer::Option(3))?;
    /// ev.set_answer(Some("m2"), "8", "4".parse()?)?;
    /// let card = ocop::Catalog::official().score(&ev)?;
    /// assert_eq!(card.rating.stars, Some(4));
    /// assert!(ev.set_answer(Some("m9"), "8", ocop::Answer::Option(3)).is_err());
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn set_answer(
        &mut self,
        member: Option<&str>,
        code: &str,
        answer: Answer,
    ) -> Result<()> {
        if let Some(name) = member {
            if !self.members.iter().any(|m| &*m.member == name) {
                return Err(ErrorKind::UnknownMember {
                    member: name.to_owned(),
                    known: self
                        .members
                        .iter()
                        .map(|m| m.member.to_string())
                        .collect(),
                }
                .into());
            }
        }
        for m in &mut self.members {
            if member.is_some_and(|name| &*m.member != name) {
                continue;
            }
            // The first answer to the code is replaced in place, so the
            // written order stays; any later duplicates go.
            let mut kept = false;
            m.answers.retain_mut(|(c, a)| {
                if &**c != code {
                    return true;
                }
                if kept {
                    return false;
                }
                kept = true;
                *a = answer.clone();
                true
            });
            if !kept {
                m.answers.push((Text::from(code.to_owned()), answer.clone()));
            }
        }
        Ok(())
    }

    /// Converts into an evaluation that owns its strings.
    pub fn into_owned(self) -> Evaluation<'static> {
        let own = |t: Text<'a>| t.into_owned();
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
                let mut seen = Seen::default();
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    if !seen.insert(&k) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate field {:?} in a member sheet",
                            &*k
                        )));
                    }
                    match &*k {
                        "member" => member = Some(m.next_value()?),
                        "set" => out.set = m.next_value()?,
                        "answers" => {
                            answers = true;
                            m.next_value_seed(Answers(&mut out.answers))?
                        }
                        _ => {
                            m.next_value::<Strict>()?;
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
                let mut seen = Seen::default();
                while let Some(k) = m.next_key::<Text<'de>>()? {
                    if !seen.insert(&k) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate field {:?}",
                            &*k
                        )));
                    }
                    match &*k {
                        "id" => ev.id = m.next_value()?,
                        "edition" => ev.edition = m.next_value()?,
                        "set" => set = Some(m.next_value()?),
                        "date" => ev.date = m.next_value()?,
                        "submitted" => ev.submitted = m.next_value()?,
                        "reevaluation" => ev.reevaluation = m.next_value()?,
                        "members" => members = Some(m.next_value()?),
                        "knockouts" => ev.knockouts = m.next_value()?,
                        _ => ev.meta.push((k, m.next_value::<Strict>()?.0)),
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

/// The keys of one JSON object seen so far, for rejecting duplicates. A
/// few keys are compared in a list; past that a hash set keeps an object
/// of thousands of keys linear.
#[derive(Default)]
struct Seen {
    few: Vec<String>,
    many: HashSet<String>,
}

impl Seen {
    /// Records `k`; false when it was already there.
    fn insert(&mut self, k: &str) -> bool {
        if self.many.is_empty() && self.few.len() < 16 {
            if self.few.iter().any(|x| x == k) {
                return false;
            }
            self.few.push(k.to_owned());
            return true;
        }
        if self.many.is_empty() {
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(k.to_owned())
    }
}

/// A carried field's value: any JSON, with duplicate keys rejected at
/// every depth.
struct Strict(serde_json::Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<Strict, D::Error> {
        use serde_json::Value;
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Strict;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Bool(b)))
            }
            fn visit_i64<E>(self, n: i64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_u64<E>(self, n: u64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_f64<E>(self, n: f64) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::from(n)))
            }
            fn visit_str<E>(self, s: &str) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::String(s.to_owned())))
            }
            fn visit_string<E>(
                self,
                s: String,
            ) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::String(s)))
            }
            fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Null))
            }
            fn visit_none<E>(self) -> std::result::Result<Strict, E> {
                Ok(Strict(Value::Null))
            }
            fn visit_some<D2: Deserializer<'de>>(
                self,
                d: D2,
            ) -> std::result::Result<Strict, D2::Error> {
                Strict::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Strict, A::Error> {
                let mut out = Vec::new();
                while let Some(Strict(v)) = a.next_element()? {
                    out.push(v);
                }
                Ok(Strict(Value::Array(out)))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<Strict, A::Error> {
                let mut out = serde_json::Map::new();
                while let Some(k) = a.next_key::<String>()? {
                    if out.contains_key(&k) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate field {k:?} in a carried value"
                        )));
                    }
                    let Strict(v) = a.next_value()?;
                    out.insert(k, v);
                }
                Ok(Strict(Value::Object(out)))
            }
        }
        d.deserialize_any(V)
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
