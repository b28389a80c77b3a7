//! The records a [`Summary`](super::Summary) lists: a set's products, a
//! rejected line, a minimum that held products, a council that disagreed.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Counts;

/// One set's products.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SetSummary {
    /// The set's name as printed.
    pub name: String,
    /// Products scored on it.
    pub products: u64,
    /// Outcomes.
    pub outcomes: Counts,
    /// The mean over products of the council means of parts A, B and C,
    /// rounded as a council's mean is, to the edition's places.
    #[serde(serialize_with = "decimals")]
    pub part_means: [Decimal; 3],
    /// The set's maxima of parts A, B and C, when the catalog has the set.
    pub part_max: Option<[u32; 3]>,
    #[serde(skip)]
    pub(super) part_sums: [Decimal; 3],
}

fn decimals<S: serde::Serializer>(
    d: &[Decimal; 3],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(3))?;
    for x in d {
        seq.serialize_element(&Exact(*x))?;
    }
    seq.end()
}

/// A decimal written as a JSON number, exactly.
struct Exact(Decimal);

impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(
        &self,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        crate::scorecard::decimal_json::serialize(&self.0, s)
    }
}

/// A line that was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rejection {
    /// The input line.
    pub line: u64,
    /// The product, when known.
    pub id: Option<String>,
    /// The error's kind tag.
    pub kind: String,
    /// The error's message.
    pub message: String,
}

/// A star minimum that held products below their band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct HeldGate {
    /// The criterion code.
    pub criterion: String,
    /// Its printed title.
    pub title: String,
    /// The star tier whose minimum it is.
    pub stars: u8,
    /// Products it held.
    pub products: u64,
}

/// A council whose member totals differ by more than the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SpreadCase {
    /// The product.
    pub id: Option<String>,
    /// The highest member total.
    pub highest: u32,
    /// The lowest member total.
    pub lowest: u32,
    /// The difference between them.
    pub points: u32,
    /// The edition's spread limit.
    pub limit: u32,
}
