//! Caveats that travel with a scorecard.
//!
//! A scorecard is only as good as the table it was scored on. Where the
//! table is known to fall short (a set whose recovered points add up to
//! less than 100, an edition whose star minimums are only partly known,
//! inferred data in use), every scorecard of that table says so. The
//! warnings depend on the set and the options alone, so they are worked
//! out once, when a set is compiled.

use serde::{Deserialize, Serialize};

use crate::criteria::{GateCoverage, PartId, Rules, SetFile, SetStatus};

/// Something the caller should know about a scorecard.
///
/// # Example
///
/// ```
/// let w = ocop::Warning::GatesIncomplete { edition: "qd1048-781".into() };
/// assert_eq!(
///     w.to_string(),
///     "không biết đầy đủ các mức tối thiểu theo hạng sao của qd1048-781: \
///      số sao có thể cao hơn khi áp dụng đầy đủ"
/// );
/// ```
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
    /// The edition's star minimums are known only in part (1048/781) or
    /// not at all (148), so a star may be higher than the full rules would
    /// give.
    GatesIncomplete {
        /// The edition.
        edition: String,
    },
    /// Inferred data (not from any source) was used.
    InferredData {
        /// What was inferred.
        text: String,
    },
    /// The set was transcribed from a source of low trust.
    WeakSource {
        /// The set, its source, and why the source is weak.
        text: String,
    },
    /// The set's data is the user's, not a bundled, sourced table
    /// ([`Provenance::User`](crate::criteria::Provenance::User)).
    UserSupplied {
        /// The set.
        set: String,
        /// The fingerprint of the user's file.
        fingerprint: String,
    },
}

/// In the sheet's language (Vietnamese), as a scorecard's text shows it.
impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::IncompleteSet { part, points, text } => write!(
                f,
                "bảng tiêu chí khôi phục được thiếu {points} điểm ở phần \
                 {part}: {text}"
            ),
            Warning::GatesIncomplete { edition } => write!(
                f,
                "không biết đầy đủ các mức tối thiểu theo hạng sao của \
                 {edition}: số sao có thể cao hơn khi áp dụng đầy đủ"
            ),
            Warning::InferredData { text } => {
                write!(f, "có dùng dữ liệu suy luận (không từ nguồn): {text}")
            }
            Warning::WeakSource { text } => {
                write!(f, "bảng tiêu chí từ nguồn độ tin cậy thấp: {text}")
            }
            Warning::UserSupplied { set, fingerprint } => write!(
                f,
                "bảng tiêu chí {set} do người dùng cung cấp (dấu vân tay \
                 {fingerprint}), không phải bảng kèm theo có nguồn"
            ),
        }
    }
}

/// The warnings every scorecard of a set's tables carries. `part_max` is
/// the compiled tables' maximum per part.
pub(crate) fn set_warnings(
    edition: &str,
    rules: &Rules,
    set: &SetFile,
    inferred: bool,
    part_max: u32,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if inferred {
        let text = inferred_note(set);
        warnings.push(Warning::InferredData { text });
    }
    if set.status == SetStatus::WeakSource {
        let text = format!("set {}: {}", set.id, set.source);
        warnings.push(Warning::WeakSource { text });
    }
    if part_max < rules.parts.total() {
        for g in &set.gaps {
            warnings.push(Warning::IncompleteSet {
                part: g.part,
                points: g.points,
                text: g.text.clone(),
            });
        }
    }
    if matches!(rules.gates, GateCoverage::Partial | GateCoverage::Unknown) {
        let edition = edition.to_owned();
        warnings.push(Warning::GatesIncomplete { edition });
    }
    warnings
}

/// What a set's inferred data changes, for the warning.
fn inferred_note(sheet: &SetFile) -> String {
    if let Some(b) = &sheet.basis {
        return format!("set {} is a reconstruction: {b}", sheet.id);
    }
    let mut what = Vec::new();
    for (_, _, c) in sheet.criteria() {
        for (i, o) in c.options.iter().enumerate() {
            if let Some(x) = &o.inferred {
                what.push(format!(
                    "{} option {}: {} → {} points",
                    c.code,
                    i + 1,
                    o.points,
                    x.points
                ));
            }
            if let Some(g) = o.gate.as_ref().filter(|g| g.inferred.is_some()) {
                what.push(format!(
                    "{} option {}: {}★ minimum",
                    c.code,
                    i + 1,
                    g.stars
                ));
            }
        }
    }
    format!("set {}: {}", sheet.id, what.join("; "))
}
