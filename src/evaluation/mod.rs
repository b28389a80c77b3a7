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
//!
//! Its rooms: this file holds the model ([`MemberSheet`], [`Evaluation`])
//! and its methods; `answer` an answer as written ([`Answer`]: read from
//! JSON or a form, and written back); `text` the string of its names,
//! codes and ids, borrowed or owned ([`Text`]); `de` and `ser` the model's
//! JSON form, written by hand so that reading borrows from the input,
//! rejects a key written twice and reads answers leniently.

mod answer;
mod de;
mod ser;
mod text;

use serde::Deserialize;

use crate::error::{ErrorKind, Result};

pub use answer::Answer;
pub use text::Text;

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
    /// The other fields ([`Evaluation::meta`]) as a map: what a scorecard
    /// carries as its `meta`, and what a report keeps of a line it could
    /// not score.
    ///
    /// ```
    /// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
    /// assert_eq!(ev.carried()["province"], "Lâm Đồng");
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn carried(&self) -> serde_json::Map<String, serde_json::Value> {
        self.meta.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

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
