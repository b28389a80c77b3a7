//! Options for scoring, shared by every layer that places or scores an
//! evaluation: the catalog reads them to decide which sets may be used,
//! the scorer and the batch to bound what one evaluation may carry.

/// The most member sheets an evaluation may carry unless
/// [`ScoreOptions::max_members`] raises it. Councils have 5 to 11 members.
pub const MAX_MEMBERS: usize = 1_000;

/// The most answers a member sheet may carry unless
/// [`ScoreOptions::max_answers`] raises it. Sheets have a few dozen
/// criteria.
pub const MAX_ANSWERS: usize = 1_000;

/// Options for scoring.
///
/// # Example
///
/// ```
/// let opts = ocop::ScoreOptions { inferred: true, ..Default::default() };
/// assert!(opts.edition.is_none());
/// assert_eq!(opts.max_members, ocop::MAX_MEMBERS);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Use inferred data: reconstructed sets, corrected point values and
    /// gates read from partial clauses. Off by default, because none of it
    /// comes from a source; every scorecard that uses it says so.
    pub inferred: bool,
    /// Use sets transcribed from a source of low trust (status
    /// `weak-source`, such as the one bundled table of 148/QĐ-TTg). Off by
    /// default; every scorecard that uses one says so.
    pub weak_sources: bool,
    /// The edition for evaluations that name none and give no date. An
    /// evaluation's own `edition`, then its `date`, always come first; a
    /// scorecard scored under this default says `edition_basis: default`.
    pub edition: Option<String>,
    /// The most member sheets an evaluation may carry
    /// ([`ErrorKind::TooManyMembers`](crate::ErrorKind::TooManyMembers)
    /// past it). Default [`MAX_MEMBERS`].
    pub max_members: usize,
    /// The most answers one member sheet may carry
    /// ([`ErrorKind::TooManyAnswers`](crate::ErrorKind::TooManyAnswers)
    /// past it). Default [`MAX_ANSWERS`].
    pub max_answers: usize,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            inferred: false,
            weak_sources: false,
            edition: None,
            max_members: MAX_MEMBERS,
            max_answers: MAX_ANSWERS,
        }
    }
}
