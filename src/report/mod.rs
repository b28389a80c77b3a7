//! Reports: batch summaries.
//!
//! A province that rescores its archive wants to know how many products
//! land on each star and where (by set, province, district or any other
//! field it carried through), how many sit just below a band edge, which
//! star minimums hold products back, which councils disagreed, and which
//! recorded stars the rescoring does not confirm. [`Summary`] counts all
//! of it from scorecards, once, for every output: text, JSON and the HTML
//! page.
//!
//! JSON keys are one set: outcomes `rated`, `not_rated`, `eliminated`,
//! `halted`; stars as numbers, or as the keys `"1"` … `"5"` where a map
//! needs string keys. Wording such as "5★" or "not rated" appears only in
//! text output.

//!
//! Its rooms: `outcome` (the outcomes in report order, and their counts),
//! `places` (the levels a report groups by, chosen by the data),
//! `summary` ([`Summary`] and every method of it), `cases` (the records
//! it lists), `audit` (recorded stars against the rescoring), `plans`
//! (how far plans find products), `act` (the products to act on), `due`
//! (certificates coming up for re-evaluation), `read` (a batch's output
//! read back), `assemble` (a whole report from lines: [`collect`]),
//! `book` (the results workbook) and `html` (the page) and `text` (the summary as text).

mod act;
#[cfg(feature = "report")]
mod assemble;
mod audit;
#[cfg(feature = "xlsx")]
mod book;
mod cases;
mod due;
mod outcome;
mod places;
mod plans;
mod read;
mod summary;
mod text;
#[cfg(feature = "report")]
pub mod html;

pub use act::{HeldCase, NEAR_CHANGES, NearCase, ToActOn};
#[cfg(all(feature = "report", feature = "xlsx"))]
pub use assemble::collect_products;
#[cfg(feature = "report")]
pub use assemble::{Output, Report, ReportOptions, collect, render};
pub use audit::{AuditCase, record};
#[cfg(feature = "xlsx")]
pub use book::{
    MAX_CARRIED_COLUMNS, MAX_CELL_CHARS, MAX_SHEET_ROWS, Results, ResultsRow,
};
pub use cases::{HeldGate, Rejection, SetSummary, SpreadCase};
pub use due::{
    AHEAD_MONTHS, CertificateCase, RECOGNISED, Renewals, due_label,
};
pub use outcome::{Counts, Outcome};
pub use places::{Area, Grouping, MAX_PLACES, PlaceKey, Places, ProductLabel};
pub use plans::{PlanCounts, Raised};
pub use read::MAX_READ_LINE;
pub use summary::Summary;

/// The place fields, outermost first: a summary groups by those the data
/// has unless told otherwise (see [`Places`]).
pub const DEFAULT_GROUPS: [&str; 3] = ["province", "district", "commune"];

/// The field carrying the star a product holds on record.
const RECORDED: &str = "recorded_star";

/// The field carrying a product's name.
const PRODUCT: &str = "product";

/// The field carrying a producer's name.
const PRODUCER: &str = "producer";

/// How many rejected lines a summary keeps for display.
const FIRST_ERRORS: usize = 10;

/// How many spread and audit cases a summary keeps, the first in input
/// order; it counts them all. A summary's memory then grows with the
/// number of distinct sets and places, never with the number of lines.
pub const MAX_CASES: usize = 1000;

/// How close below a band edge a mean total counts as near it, in points.
/// This is the report's own choice (no decision speaks of it): a few
/// options' worth of points, the distance a council's next round can
/// close.
pub const NEAR_EDGE: u8 = 3;

/// The most distinct criteria (code and title) a summary lists as holding
/// products back, or as raised by plans. The bundled sheets have fewer
/// than 3,000 in all, so only hand-made input reaches it; what does not
/// fit is counted.
pub const MAX_CRITERIA: usize = 10_000;

/// The language of a report's words: its page's labels, its workbook's
/// headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Lang, String> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: vi or en")),
        }
    }
}
