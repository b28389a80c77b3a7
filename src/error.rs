//! Errors.
//!
//! One error type, [`Error`], carries the product it concerns (when known)
//! and an [`ErrorKind`] that says what went wrong and where: the member, the
//! criterion, the option. Messages are written for the person who has to fix
//! the sheet or the data file, so they name the thing to change.
//!
//! Both types serialize, so a batch can write an error in place of a
//! scorecard: `{"kind": "missing_answer", "member": "m2", ...}`.

use serde::Serialize;

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
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Error {
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<String>,
    // Boxed so that `Result<Scorecard>` stays small on the hot path.
    #[serde(flatten)]
    kind: Box<ErrorKind>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { product: None, kind: Box::new(kind) }
    }

    pub(crate) fn for_product(mut self, product: Option<&str>) -> Error {
        if self.product.is_none() {
            self.product = product.map(str::to_owned);
        }
        self
    }

    /// The id of the product (evaluation) this error concerns, if known.
    pub fn product(&self) -> Option<&str> {
        self.product.as_deref()
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.product {
            Some(p) => write!(f, "product {p}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Error {}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

/// What went wrong. New variants may be added in minor releases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON, or not an evaluation.
    #[error(
        "invalid evaluation JSON at line {line}, column {column}: {message}"
    )]
    Json {
        /// Line in the input text (1-based).
        line: usize,
        /// Column in that line (1-based).
        column: usize,
        /// What the parser found.
        message: String,
    },
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
    #[error("unknown edition {edition:?}; known editions: {known}")]
    UnknownEdition {
        /// The id given.
        edition: String,
        /// The ids the catalog knows, comma-separated.
        known: String,
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
    /// The evaluation has no council members.
    #[error("the evaluation has no council members")]
    EmptyCouncil,
    /// Two member sheets carry the same member name.
    #[error("member {member:?} appears more than once")]
    DuplicateMember {
        /// The member.
        member: String,
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
    /// An answer names a criterion the set does not have, or one that only
    /// groups sub-criteria.
    #[error(
        "member {member:?} answered criterion {criterion:?}, which set {set} \
         does not have{hint}"
    )]
    UnknownCriterion {
        /// The member.
        member: String,
        /// The code given.
        criterion: String,
        /// The set.
        set: String,
        /// Extra guidance, such as the sub-criteria to answer instead.
        hint: String,
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
        "knock-out {knockout:?} is not a knock-out of set {set}; known: \
         {known}"
    )]
    UnknownKnockout {
        /// The code given.
        knockout: String,
        /// The set.
        set: String,
        /// The knock-outs the set has, comma-separated.
        known: String,
    },
    /// A criteria data file is invalid.
    #[error("criteria data {file}: {message}")]
    InvalidData {
        /// The file (or embedded path).
        file: String,
        /// What is wrong, naming the set, criterion and option.
        message: String,
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
    pub(crate) fn data(file: &str, message: impl Into<String>) -> ErrorKind {
        ErrorKind::InvalidData {
            file: file.to_owned(),
            message: message.into(),
        }
    }

    pub(crate) fn io(
        path: &std::path::Path,
        err: &std::io::Error,
    ) -> ErrorKind {
        ErrorKind::Io {
            path: path.display().to_string(),
            message: err.to_string(),
        }
    }
}
