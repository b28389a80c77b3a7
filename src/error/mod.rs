//! Errors.
//!
//! One error type, [`Error`], carries the product it concerns (when known)
//! and an [`ErrorKind`] that says what went wrong and where: the member, the
//! criterion, the option. Messages are written for the person who has to fix
//! the sheet or the data file, so they name the thing to change.
//!
//! Both types serialize and deserialize, so a batch can write an error in
//! place of a scorecard and a reader can get it back:
//! `{"kind": "missing_answer", "member": "m2", ...}`. The serde form is the
//! kind's tag and fields, plus `product` when known; a field with nothing
//! to say is left out rather than written empty.
//!
//! [`Error::category`] sorts every kind into one [`Category`]: the
//! criteria data, the evaluation's content, its syntax, or I/O.
//!
//! This module sits at the bottom of the crate and imports nothing from it,
//! so every layer can report errors.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

mod cell;

pub use cell::{CellIssue, CellProblem};

/// A `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// An error from loading criteria data or scoring an evaluation.
///
/// # Example
///
/// ```
/// use ocop::{Catalog, Evaluation, ErrorKind};
///
/// let json = r#"{"id": "P1", "edition": "qd26-2026", "set": "no-such-set",
///                "members": [{"member": "m1", "answers": {}}]}"#;
/// let evaluation = Evaluation::from_json(json)?;
/// let err = Catalog::official().score(&evaluation).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::UnknownSet { .. }));
/// assert_eq!(err.product(), Some("P1"));
/// assert_eq!(
///     err.to_string(),
///     "product P1: edition qd26-2026 has no criteria set \"no-such-set\""
/// );
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Error {
    // One word: the product, kind and source all sit behind this box.
    // The error is returned per line in a batch and passed up through `?`
    // by every step of scoring, while most lines succeed; as one pointer
    // it keeps `Result<T>` small (`Result<()>` is one word too) and moving
    // results on the hot path cheap. serde_json boxes its error for the
    // same reason: "A larger `Error` type was substantially slower due to
    // all the functions that pass around `Result<T, Error>`"
    // (serde-rs/json, src/error.rs). `tests/errors.rs` holds the size.
    inner: Box<Inner>,
}

/// What an [`Error`] holds, behind its one pointer. Its serde form is the
/// error's: `product` when known, then the kind's tag and fields.
#[derive(Clone, Serialize, Deserialize)]
struct Inner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    #[serde(flatten)]
    kind: ErrorKind,
    // The I/O or JSON error underneath, for `source()`. Not serialized: a
    // round trip through JSON keeps the kind and its message only.
    #[serde(skip)]
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { inner: Box::new(Inner { product: None, kind, source: None }) }
    }

    pub(crate) fn with_source(
        mut self,
        e: impl std::error::Error + Send + Sync + 'static,
    ) -> Error {
        self.inner.source = Some(Arc::new(e));
        self
    }

    pub(crate) fn for_product(mut self, product: Option<&str>) -> Error {
        if self.inner.product.is_none() {
            self.inner.product = product.map(str::to_owned);
        }
        self
    }

    /// The id of the product (evaluation) this error concerns, if known.
    pub fn product(&self) -> Option<&str> {
        self.inner.product.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// The kind's tag in JSON, such as `"missing_answer"`.
    ///
    /// ```
    /// let err = ocop::Evaluation::from_json("{").unwrap_err();
    /// assert_eq!(err.tag(), "json");
    /// ```
    pub fn tag(&self) -> &'static str {
        self.inner.kind.tag()
    }

    /// What the error is about: the criteria data, the evaluation's
    /// content, its syntax, or I/O. Coarser than [`Error::kind`], and
    /// enough to tell a broken input line from data that cannot score it.
    ///
    /// ```
    /// use ocop::{Catalog, Category, Evaluation};
    ///
    /// // Not JSON: the input's syntax.
    /// let err = Evaluation::from_json("{").unwrap_err();
    /// assert_eq!(err.category(), Category::Syntax);
    ///
    /// // Well-formed, but the edition has no such set: its content.
    /// let json = r#"{"id": "P1", "edition": "qd26-2026", "set": "nope",
    ///                "members": [{"member": "m1", "answers": {}}]}"#;
    /// let evaluation = Evaluation::from_json(json)?;
    /// let err = Catalog::official().score(&evaluation).unwrap_err();
    /// assert_eq!(err.category(), Category::Content);
    ///
    /// // A criteria folder that cannot be read: I/O.
    /// let err = Catalog::from_dir("/no/such/folder").unwrap_err();
    /// assert_eq!(err.category(), Category::Io);
    /// # Ok::<(), ocop::Error>(())
    /// ```
    pub fn category(&self) -> Category {
        // Every kind is listed, without a wildcard, so that a new kind
        // cannot compile until it is classified.
        match &self.inner.kind {
            ErrorKind::InvalidData { .. }
            | ErrorKind::TablesNotBundled { .. }
            | ErrorKind::InferredSet { .. }
            | ErrorKind::WeakSourceSet { .. }
            | ErrorKind::UnreadablePoints { .. } => Category::Data,
            ErrorKind::NoEdition
            | ErrorKind::InvalidDate { .. }
            | ErrorKind::BeforeCriteria { .. }
            | ErrorKind::AmbiguousEdition { .. }
            | ErrorKind::UnknownEdition { .. }
            | ErrorKind::UnknownSet { .. }
            | ErrorKind::EmptyCouncil
            | ErrorKind::TooManyMembers { .. }
            | ErrorKind::DuplicateMember { .. }
            | ErrorKind::UnknownMember { .. }
            | ErrorKind::WrongSet { .. }
            | ErrorKind::TooManyAnswers { .. }
            | ErrorKind::UnknownCriterion { .. }
            | ErrorKind::MissingAnswer { .. }
            | ErrorKind::DuplicateAnswer { .. }
            | ErrorKind::OptionOutOfRange { .. }
            | ErrorKind::InvalidAnswer { .. }
            | ErrorKind::AnswerText { .. }
            | ErrorKind::NotApplicable { .. }
            | ErrorKind::UnknownKnockout { .. }
            | ErrorKind::InvalidTarget { .. }
            | ErrorKind::InvalidCosts { .. }
            | ErrorKind::InvalidScorecard { .. } => Category::Content,
            ErrorKind::Json { .. }
            | ErrorKind::BlankLine
            | ErrorKind::LineTooLong { .. }
            | ErrorKind::Workbook { .. } => Category::Syntax,
            ErrorKind::Io { .. } => Category::Io,
        }
    }
}

/// What an [`Error`] is about, and so where its fix lies, as returned by
/// [`Error::category`]. Each [`ErrorKind`] belongs to exactly one
/// category. New categories may be added in minor releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The criteria data, or its availability: the evaluation may be
    /// right, but the data in use cannot score it. Criteria files that
    /// fail validation ([`ErrorKind::InvalidData`], their own syntax
    /// errors included); an edition whose tables are not bundled
    /// ([`ErrorKind::TablesNotBundled`]); a set that is only a
    /// reconstruction or comes from a weak source while those are not
    /// enabled ([`ErrorKind::InferredSet`], [`ErrorKind::WeakSourceSet`]);
    /// a chosen option whose points the source prints unreadably
    /// ([`ErrorKind::UnreadablePoints`]). The fix is to supply the data, or
    /// to admit it with the option the message names.
    Data,
    /// The evaluation's content: well-formed input that says something
    /// the criteria do not allow. An edition, date or set that does not
    /// exist or does not decide the edition ([`ErrorKind::UnknownSet`],
    /// [`ErrorKind::AmbiguousEdition`], ...); members and their answers
    /// ([`ErrorKind::MissingAnswer`], [`ErrorKind::OptionOutOfRange`],
    /// [`ErrorKind::NotApplicable`], ...); knock-outs; and a plan's target
    /// and costs ([`ErrorKind::InvalidTarget`],
    /// [`ErrorKind::InvalidCosts`], the latter also when the costs text is
    /// not JSON). The fix is in the evaluation or the plan's inputs.
    Content,
    /// The input's syntax or shape: text that is not JSON, or JSON that is
    /// not an evaluation, such as a missing `"set"` or a number where a
    /// list belongs ([`ErrorKind::Json`]); a blank batch line
    /// ([`ErrorKind::BlankLine`]); a batch line over the length limit
    /// ([`ErrorKind::LineTooLong`]); a workbook's cells that do not hold
    /// an evaluation ([`ErrorKind::Workbook`]). The fix is in how the file
    /// is written.
    Syntax,
    /// Reading or writing a file, folder or stream failed
    /// ([`ErrorKind::Io`]), such as a criteria folder that does not exist.
    Io,
}

impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Error")
            .field("product", &self.inner.product)
            .field("kind", &self.inner.kind)
            .finish_non_exhaustive()
    }
}

/// Errors are equal when they concern the same product and say the same
/// thing; the underlying `source()` is not compared.
impl PartialEq for Error {
    fn eq(&self, o: &Error) -> bool {
        self.inner.product == o.inner.product
            && self.inner.kind == o.inner.kind
    }
}

impl Eq for Error {}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.inner.product {
            Some(p) => write!(f, "product {p}: {}", self.inner.kind),
            None => write!(f, "{}", self.inner.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

/// One problem in a criteria data file, located as precisely as the
/// problem allows: the file, then the set, part, section, criterion and
/// option, or the line and column of a syntax error.
///
/// # Example
///
/// ```
/// let dir = std::env::temp_dir().join("ocop-doc-problem");
/// std::fs::create_dir_all(dir.join("qd26-2026")).unwrap();
/// std::fs::write(dir.join("qd26-2026/hoa.json"), "{\"id\": \"hoa\",").unwrap();
/// let err = ocop::Catalog::from_dir(&dir).unwrap_err();
/// let ocop::ErrorKind::InvalidData { problems } = err.kind() else { panic!() };
/// assert_eq!(problems[0].file, "qd26-2026/hoa.json");
/// assert_eq!((problems[0].line, problems[0].column), (Some(1), Some(13)));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Problem {
    /// The file, as `<edition>/<name>.json`.
    pub file: String,
    /// The set id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    /// The part, `A`, `B` or `C`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// The section code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The criterion code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The option, 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<usize>,
    /// For syntax errors: the line in the file, 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// For syntax errors: the column, 1-based.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_owned(),
            message: message.into(),
            ..Problem::default()
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        f.write_str(": ")?;
        let mut place = Vec::new();
        if let Some(s) = &self.set {
            place.push(format!("set {s}"));
        }
        if let Some(p) = &self.part {
            place.push(format!("part {p}"));
        }
        if let Some(s) = &self.section {
            place.push(format!("section {s}"));
        }
        if let Some(c) = &self.criterion {
            place.push(format!("criterion {c}"));
        }
        if let Some(o) = self.option {
            place.push(format!("option {o}"));
        }
        if !place.is_empty() {
            write!(f, "{}: ", place.join(", "))?;
        }
        f.write_str(&self.message)
    }
}

fn lines(problems: &[Problem]) -> String {
    let mut out = String::new();
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}

fn count(n: usize) -> String {
    if n == 1 { "1 problem".into() } else { format!("{n} problems") }
}

fn cell_lines(problems: &[CellProblem]) -> String {
    problems.iter().map(|p| format!("\n  {p}")).collect()
}

fn position(line: &Option<usize>, column: &usize) -> String {
    match line {
        Some(l) => format!("line {l}, column {column}"),
        None => format!("column {column}"),
    }
}

fn or_empty(h: &Option<String>) -> &str {
    h.as_deref().unwrap_or("")
}

fn or_none(known: &[String]) -> String {
    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
}

/// What went wrong. New variants may be added in minor releases.
///
/// The serde form is internally tagged by `kind` (the variant's name in
/// snake case, also [`ErrorKind::tag`]), with the variant's fields beside
/// it.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error,
)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON, or not an evaluation.
    #[error(
        "invalid evaluation JSON at {}: {message}",
        position(line, column)
    )]
    Json {
        /// Line in the input text (1-based). Left out in a batch's error
        /// records, where each input line is one evaluation and the
        /// record's own `line` says which.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<usize>,
        /// Column in that line (1-based, counted in bytes).
        column: usize,
        /// What the parser found.
        message: String,
    },
    /// A batch line holds nothing but whitespace.
    #[error(
        "the line is blank: each line must hold one evaluation as a JSON \
         object"
    )]
    BlankLine,
    /// The evaluation names neither an edition nor a date.
    #[error(
        "no edition: give \"edition\" (for example \"qd26-2026\") or the \
         council's \"date\" (YYYY-MM-DD)"
    )]
    NoEdition,
    /// A date is not a valid `YYYY-MM-DD` calendar date.
    #[error("invalid date {value:?} in field {field:?}: expected YYYY-MM-DD")]
    InvalidDate {
        /// The field holding the date.
        field: String,
        /// The text found.
        value: String,
    },
    /// The date is before the first OCOP criteria (1048/QĐ-TTg, 2019-08-21).
    #[error(
        "date {date} is before the first OCOP criteria took effect \
         ({first}); no edition applies"
    )]
    BeforeCriteria {
        /// The council date.
        date: String,
        /// The first day criteria were in force.
        first: String,
    },
    /// The date falls in a transition period and the edition depends on
    /// when the dossier was submitted.
    #[error(
        "date {date} is ambiguous: a dossier submitted before {cutoff} is \
         still scored under {old}, a later one under {new}; give \
         \"submitted\" (YYYY-MM-DD) or \"edition\""
    )]
    AmbiguousEdition {
        /// The council date.
        date: String,
        /// The day the new decision took effect.
        cutoff: String,
        /// The edition for dossiers submitted before `cutoff`.
        old: String,
        /// The edition for dossiers submitted from `cutoff`.
        new: String,
    },
    /// No edition has this id.
    #[error("unknown edition {edition:?}; known editions: {}", known.join(", "))]
    UnknownEdition {
        /// The id given.
        edition: String,
        /// The ids the catalog knows.
        known: Vec<String>,
    },
    /// The edition's tables are not bundled with this crate.
    #[error(
        "the criteria tables of edition {edition} are not bundled (they \
         could not be recovered); supply them as JSON files in \
         <dir>/{edition}/<set-id>.json and load them with \
         Catalog::from_dir(<dir>) or `ocop --criteria <dir>`"
    )]
    TablesNotBundled {
        /// The edition.
        edition: String,
    },
    /// The edition has no set with this id or name.
    #[error("edition {edition} has no criteria set {set:?}")]
    UnknownSet {
        /// The edition.
        edition: String,
        /// The set id or name given.
        set: String,
    },
    /// The set exists only as a reconstruction and inferred data was not
    /// enabled.
    #[error(
        "criteria set {set} of edition {edition} was not recovered from any \
         source; the bundled table is a reconstruction from sibling sets. \
         Enable inferred data (ScoreOptions::inferred / --inferred) to \
         score with it"
    )]
    InferredSet {
        /// The edition.
        edition: String,
        /// The set.
        set: String,
    },
    /// The set comes from a source of low trust and weak sources were not
    /// enabled.
    #[error(
        "criteria set {set} of edition {edition} comes from a source of low \
         trust (see the set's source and criteria/{edition}/README.md). \
         Enable weak sources (ScoreOptions::weak_sources / --weak-sources) \
         to score with it; every scorecard will say so"
    )]
    WeakSourceSet {
        /// The edition.
        edition: String,
        /// The set.
        set: String,
    },
    /// The evaluation has no council members.
    #[error("the evaluation has no council members")]
    EmptyCouncil,
    /// The evaluation has more member sheets than the limit.
    #[error(
        "the evaluation has {members} member sheets, over the limit of \
         {limit}; a council has 5 to 11 members, so check the input, or \
         raise the limit (ScoreOptions::max_members)"
    )]
    TooManyMembers {
        /// Member sheets given.
        members: usize,
        /// The limit.
        limit: usize,
    },
    /// Two member sheets carry the same member name.
    #[error("member {member:?} appears more than once")]
    DuplicateMember {
        /// The member.
        member: String,
    },
    /// No member sheet carries this name.
    #[error(
        "no member {member:?} in the evaluation; members: {}",
        or_none(known)
    )]
    UnknownMember {
        /// The name given.
        member: String,
        /// The members the evaluation has.
        known: Vec<String>,
    },
    /// A member sheet names a different set than the evaluation.
    #[error(
        "member {member:?} answered set {member_set:?}, but the evaluation \
         is for set {set:?}"
    )]
    WrongSet {
        /// The member.
        member: String,
        /// The set named on the member's sheet.
        member_set: String,
        /// The set of the evaluation.
        set: String,
    },
    /// A member sheet has more answers than the limit.
    #[error(
        "member {member:?} gave {answers} answers, over the limit of \
         {limit}; a sheet has a few dozen criteria, so check the input, or \
         raise the limit (ScoreOptions::max_answers)"
    )]
    TooManyAnswers {
        /// The member.
        member: String,
        /// Answers given.
        answers: usize,
        /// The limit.
        limit: usize,
    },
    /// An answer names a criterion the set does not have, or one that only
    /// groups sub-criteria.
    #[error(
        "member {member:?} answered criterion {criterion:?}, which set {set} \
         does not have{}",
        or_empty(hint)
    )]
    UnknownCriterion {
        /// The member.
        member: String,
        /// The code given.
        criterion: String,
        /// The set.
        set: String,
        /// Extra guidance, such as the sub-criteria to answer instead.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hint: Option<String>,
    },
    /// An applicable criterion has no answer.
    #[error(
        "member {member:?} gave no answer for criterion {criterion} ({title})"
    )]
    MissingAnswer {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
        /// The criterion's printed title.
        title: String,
    },
    /// A criterion is answered twice on one sheet.
    #[error("member {member:?} answered criterion {criterion} more than once")]
    DuplicateAnswer {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
    },
    /// An answer's option position is not on the sheet.
    #[error(
        "member {member:?} chose option {option} for criterion {criterion}, \
         which has options 1 to {options}"
    )]
    OptionOutOfRange {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
        /// The position given.
        option: u64,
        /// How many options the criterion has.
        options: usize,
    },
    /// An answer has the wrong type: a number for a yes/no criterion, or
    /// anything else that is not an option position.
    #[error(
        "member {member:?} gave {found} for criterion {criterion}; expected \
         {expected}"
    )]
    InvalidAnswer {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
        /// What was found, as JSON.
        found: String,
        /// What the criterion takes.
        expected: String,
    },
    /// Text from a form is not an answer ([`Answer`](crate::Answer)'s
    /// `FromStr`).
    #[error(
        "{text:?} is not an answer: give an option position (1, 2, ...) or \
         true/false"
    )]
    AnswerText {
        /// The text given.
        text: String,
    },
    /// A criterion was answered although it does not apply.
    #[error(
        "member {member:?} answered criterion {criterion}, which does not \
         apply: {reason}"
    )]
    NotApplicable {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
        /// Why it does not apply.
        reason: String,
    },
    /// The chosen option's points cannot be read in the source.
    #[error(
        "member {member:?} chose option {option} of criterion {criterion}, \
         whose points are printed as {printed:?}, more than the criterion's \
         maximum; the source gives no valid value. Enable inferred data \
         (ScoreOptions::inferred / --inferred) to score the proposed value"
    )]
    UnreadablePoints {
        /// The member.
        member: String,
        /// The criterion code.
        criterion: String,
        /// The option (1-based).
        option: u8,
        /// The points cell as printed.
        printed: String,
    },
    /// A knock-out asserted by the evaluation is not on the sheet.
    #[error(
        "knock-out {knockout:?} is not a knock-out of set {set}; known: {}",
        or_none(known)
    )]
    UnknownKnockout {
        /// The code given.
        knockout: String,
        /// The set.
        set: String,
        /// The knock-outs the set has.
        known: Vec<String>,
    },
    /// A star target outside 1 to 5.
    #[error("target {target}★ is not a star tier: give 1 to 5")]
    InvalidTarget {
        /// The target given.
        target: u8,
    },
    /// A plan's costs do not fit the set.
    #[error("costs: {message}")]
    InvalidCosts {
        /// What is wrong, naming the criterion and option.
        message: String,
    },
    /// Criteria data files are invalid: every problem found, in file order.
    #[error("invalid criteria data ({} problems):{}", problems.len(), lines(problems))]
    InvalidData {
        /// The problems.
        problems: Vec<Problem>,
    },
    /// A batch line is longer than the scorer's limit, so it was skipped
    /// rather than held in memory.
    #[error(
        "the line is {bytes} bytes long, over the limit of {limit}: an \
         evaluation takes a few kilobytes, so check that the file has one \
         evaluation per line, or raise the limit (BatchScorer::max_line_bytes)"
    )]
    LineTooLong {
        /// The line's length, without its newline.
        bytes: u64,
        /// The limit.
        limit: usize,
    },
    /// A scorecard read back (by `ocop summary`, [`Summary::from_reader`])
    /// that no scoring can have written: a star outside 1 to 5, or fields
    /// that contradict each other (a star above its band, a rated product
    /// without a star). It is counted as rejected, never as an outcome.
    ///
    /// [`Summary::from_reader`]: crate::report::Summary::from_reader
    #[error("not a scorecard ocop writes: {reason}")]
    InvalidScorecard {
        /// What is impossible about it.
        reason: String,
    },
    /// A workbook or CSV file's cells do not hold an evaluation: every
    /// problem found, each at its cell. For one product's cells the error
    /// carries the product; for the file as a whole (a missing sheet of
    /// products, say) it does not.
    #[error("{} in the workbook:{}", count(problems.len()), cell_lines(problems))]
    Workbook {
        /// The problems, in the order of the cells.
        problems: Vec<CellProblem>,
    },
    /// A file or directory could not be read or written.
    #[error("{path}: {message}")]
    Io {
        /// The path.
        path: String,
        /// The operating system's message.
        message: String,
    },
}

impl ErrorKind {
    /// The kind's tag in JSON, such as `"missing_answer"`.
    pub fn tag(&self) -> &'static str {
        match self {
            ErrorKind::Json { .. } => "json",
            ErrorKind::BlankLine => "blank_line",
            ErrorKind::NoEdition => "no_edition",
            ErrorKind::InvalidDate { .. } => "invalid_date",
            ErrorKind::BeforeCriteria { .. } => "before_criteria",
            ErrorKind::AmbiguousEdition { .. } => "ambiguous_edition",
            ErrorKind::UnknownEdition { .. } => "unknown_edition",
            ErrorKind::TablesNotBundled { .. } => "tables_not_bundled",
            ErrorKind::UnknownSet { .. } => "unknown_set",
            ErrorKind::InferredSet { .. } => "inferred_set",
            ErrorKind::WeakSourceSet { .. } => "weak_source_set",
            ErrorKind::EmptyCouncil => "empty_council",
            ErrorKind::TooManyMembers { .. } => "too_many_members",
            ErrorKind::DuplicateMember { .. } => "duplicate_member",
            ErrorKind::UnknownMember { .. } => "unknown_member",
            ErrorKind::WrongSet { .. } => "wrong_set",
            ErrorKind::TooManyAnswers { .. } => "too_many_answers",
            ErrorKind::UnknownCriterion { .. } => "unknown_criterion",
            ErrorKind::MissingAnswer { .. } => "missing_answer",
            ErrorKind::DuplicateAnswer { .. } => "duplicate_answer",
            ErrorKind::OptionOutOfRange { .. } => "option_out_of_range",
            ErrorKind::InvalidAnswer { .. } => "invalid_answer",
            ErrorKind::AnswerText { .. } => "answer_text",
            ErrorKind::NotApplicable { .. } => "not_applicable",
            ErrorKind::UnreadablePoints { .. } => "unreadable_points",
            ErrorKind::UnknownKnockout { .. } => "unknown_knockout",
            ErrorKind::InvalidTarget { .. } => "invalid_target",
            ErrorKind::InvalidCosts { .. } => "invalid_costs",
            ErrorKind::InvalidData { .. } => "invalid_data",
            ErrorKind::LineTooLong { .. } => "line_too_long",
            ErrorKind::InvalidScorecard { .. } => "invalid_scorecard",
            ErrorKind::Workbook { .. } => "workbook",
            ErrorKind::Io { .. } => "io",
        }
    }

    #[cold]
    pub(crate) fn io(path: &std::path::Path, err: std::io::Error) -> Error {
        Error::new(ErrorKind::Io {
            path: path.display().to_string(),
            message: err.to_string(),
        })
        .with_source(err)
    }

    /// A JSON syntax or shape error from serde_json, its position taken
    /// out of the message and kept in fields. `line` is left out for a
    /// single batch line.
    #[cold]
    pub(crate) fn json(e: serde_json::Error, keep_line: bool) -> Error {
        let (line, column, message) = json_position(&e);
        Error::new(ErrorKind::Json {
            line: keep_line.then_some(line),
            column,
            message,
        })
        .with_source(e)
    }
}

/// Splits a serde_json error into its line, its column and its message
/// without the position: serde_json ends the message with " at line L
/// column C", and an error here keeps the position in fields of its own.
/// Both are 1-based; serde_json reports column 0 when the input ends
/// before any character of a line, which is given as column 1.
///
/// Evaluations ([`ErrorKind::json`]) and criteria data files
/// (`criteria::parse`) both report their syntax errors through this.
pub(crate) fn json_position(e: &serde_json::Error) -> (usize, usize, String) {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = match message.strip_suffix(&suffix) {
        Some(m) => m.to_owned(),
        None => message,
    };
    (e.line(), e.column().max(1), message)
}
