//! `ocop` scores products against the criteria of Vietnam's OCOP programme
//! ("Chương trình mỗi xã một sản phẩm", One Commune One Product), as set by
//! Decisions 1048/QĐ-TTg (amended by 781/QĐ-TTg), 148/QĐ-TTg and
//! 26/2026/QĐ-TTg, and turns council sheets into points, parts, totals and
//! stars.
//!
//! # Contents
//!
//! - [What it does](#what-it-does)
//! - [Should I use this crate?](#should-i-use-this-crate)
//! - [Example](#example)
//! - [Where to start](#where-to-start)
//! - [Layout](#layout)
//! - [Where the data comes from](#where-the-data-comes-from)
//! - [Interpretations](#interpretations)
//! - [Crate features](#crate-features)
//!
//! # What it does
//!
//! A council scores a product on the paper sheet of its sub-group (phân
//! nhóm): parts A (product and community strength), B (marketing) and C
//! (quality), one ticked option per criterion, 100 points in all. The mean
//! of the members' totals gives a band of 1 to 5 stars; since 781/QĐ-TTg a
//! star also needs minimum levels on some criteria (gates), and some notes
//! on the sheet eliminate a product outright (knock-outs).
//!
//! This crate holds every criteria set of those decisions as data (embedded,
//! or loaded from a directory), checks each sheet against its set, and
//! returns a [`Scorecard`] that explains each decision: points per member,
//! criterion, section and part; the council means; the band; every gate
//! that failed; the knock-outs; and the caveats of the data used.
//!
//! # Should I use this crate?
//!
//! Use it in software that supports OCOP councils (dossier systems,
//! provincial portals, audits of past results) and as the reference scorer
//! in their tests. It is not a legal authority: the decisions and the
//! councils are. Its data is transcribed from unofficial copies with
//! stated gaps, and it says so on every scorecard the gaps touch.
//!
//! # Example
//!
//! ```
//! use ocop::{Catalog, Evaluation};
//!
//! let json = ocop::samples::EVALUATION_2026;
//! let evaluation = Evaluation::from_json(json)?;
//! let card = Catalog::official().score(&evaluation)?;
//! assert_eq!(card.mean.total.to_string(), "74.33");
//! assert_eq!(card.rating.band, 4);
//! assert_eq!(card.rating.stars, Some(3)); // a 4★ minimum is not met
//! # Ok::<(), ocop::Error>(())
//! ```
//!
//! # Where to start
//!
//! - **Input.** [`Evaluation::from_json`] reads the JSON form;
//!   [`Evaluation`]'s docs show one built from owned form data, and
//!   [`Evaluation::set_answer`] changes one answer. [`Answer`] documents
//!   how every JSON value is read, and [`Evaluation`] what a key written
//!   twice does.
//! - **Checking.** [`Catalog::check`] lists every problem of an
//!   evaluation at once; an empty list means [`Catalog::score`] succeeds.
//! - **Scoring.** [`Catalog::score`] returns a [`Scorecard`]; its
//!   `Display` is a text for a person, and [`Rating`] documents the order
//!   of the star decision (band, gates, not rated, knock-outs).
//! - **Advice.** [`Catalog::explain`], [`Catalog::plan`] and
//!   [`Catalog::what_if`] ([`advice`]) say what holds a product back and
//!   the fewest changes that gain it a star.
//! - **Batches.** [`BatchScorer`] turns JSON Lines into one scorecard or
//!   error record per line, in bounded memory; [`BatchScorer::for_each`]
//!   hands the values to a closure instead.
//! - **Data.** [`Catalog::official`] is the embedded criteria;
//!   [`Catalog::from_dir`] overlays a directory and reports every problem
//!   of its files; [`criteria`] is the file format's model.
//!
//! # Layout
//!
//! The modules form layers; each imports only those below it (a test
//! holds them to it):
//!
//! | layer | modules | holds |
//! |---|---|---|
//! | leaves | `error`, `date`, `embedded`, `input`, `options` | [`Error`], [`Date`], the embedded files with their version and fingerprints, the byte-order-mark rule, [`ScoreOptions`] |
//! | data | [`criteria`], `warning` | the files' serde model and checks; the caveats a set carries ([`Warning`]) |
//! | tables | `compiled`, [`catalog`] | the fast form of a set; editions, set lookup, loading, the blank sheet as text |
//! | input and output | `evaluation`, [`scorecard`] | [`Evaluation`]; [`Scorecard`] and its parts |
//! | rules | `place`, `sheet`, `stars`, `council` | choosing edition (named, by date, the transition) and set; one member's sheet; bands, gates, knock-outs; the council's tally, mean, rounding and spread |
//! | scoring | `score` | [`Catalog::score`] and [`Catalog::check`], and the one scorecard assembly |
//! | advice | [`advice`] | explanations, plans and what-if, above the scorer |
//! | batches | `write`, `fast`, `batch`, `each` | the scorecard writer, the fast path, [`BatchScorer`] (a line reader and an ordered pipeline), plans and explanations of a batch |
//! | around | [`report`], `html`, `workbook`, [`generate`], `strategy`, [`samples`] | summaries, the HTML report (feature `report`), workbooks in and out (feature `xlsx`), generated test data, proptest strategies (feature `proptest`), samples |
//!
//! Three words carry one meaning each. A **sheet** is a council member's
//! filled form ([`MemberSheet`]; `sheet` resolves and sums it), while the
//! blank form is a set's file ([`CriteriaSet::sheet`], printed by
//! `ocop show`). A **council** is the members of one evaluation (`council`
//! owns what turns their sheets into one result). **Placing** an
//! evaluation chooses its edition and set (`place`); a geographic unit in
//! a report is an **area** ([`report::Area`]).
//!
//! # Where the data comes from
//!
//! | edition | decision | in force | tables | trust |
//! |---|---|---|---|---|
//! | `qd1048-2019` | 1048/QĐ-TTg | 2019-08-21 → 2020-06-07 | the 26 sheets as signed, tourism included | high as transcribed |
//! | `qd1048-781` | 1048 + 781/QĐ-TTg | 2020-06-08 → 2023-02-23 | 26 sets, each compared with the signed sheet | medium |
//! | `qd148-2023` | 148/QĐ-TTg (+1489) | 2023-02-24 → 2026-07-20 | 1 of 26, from a weak source (opt-in); supply the rest | low |
//! | `qd26-2026` | 26/2026/QĐ-TTg | from 2026-05-22 | 26 sets with star minimums | high as transcribed |
//!
//! Each edition's `edition.json` states its sources and gaps; each set
//! states its status (`cross-checked`, `transcribed`, `inferred`,
//! `weak-source`), its known defects and its second source. Inferred data
//! is used only with [`ScoreOptions::inferred`], and data from a weak
//! source only with [`ScoreOptions::weak_sources`].
//!
//! # Interpretations
//!
//! Where the decisions leave a rule open, this crate chooses once, here and
//! in the README:
//!
//! - **Rounding.** The council mean of totals (and of each part) is rounded
//!   half away from zero to 2 decimals, and the band uses the rounded
//!   total. No decision gives a rule; the edition file states it.
//! - **Band edges** are half-open, [70, 90) and so on: 26/2026 Điều 3 says
//!   "từ 70 đến dưới 90"; 1048's "từ 70 đến 89" is read the same way.
//! - **Gates for a council.** A gate is met when the members' mean points
//!   on the criterion reach the points of the required option.
//! - **Knock-outs.** "Bị loại nếu …" (eliminated) and "Không đánh giá các
//!   bước tiếp theo …" (halted) both leave the product without a star; the
//!   points are still reported. The council asserts them, except those
//!   phrased in points ("Nếu được 0 điểm …"), which apply when every
//!   member gives the criterion 0.
//! - **Choosing the edition.** The evaluation's `edition`, else its
//!   `date`, else [`ScoreOptions::edition`]; the scorecard's
//!   [`EditionBasis`] says which.
//! - **"Chỉ áp dụng khi có câu chuyện".** A criterion printed with this
//!   note applies to a member only when that member's answer to 5.1 is not
//!   "no story": 5.2 and 5.3 in 1048/781, 5.2 alone in 26/2026.
//! - **Spread.** Members' totals more than 10 points apart are flagged:
//!   a provincial council rule, not the decisions'.
//! - **Transition.** A dossier submitted before 2026-05-22 is scored under
//!   148 if the council meets within 60 days (30 for a re-evaluation);
//!   after that, under 26/2026.
//!
//! # Crate features
//!
//! - `cli`: the `ocop` command-line program (adds `clap`; turns on
//!   `report` and `xlsx`). The library itself needs only `serde`,
//!   `serde_json`, `thiserror` and `rust_decimal`.
//! - `report`: `ocop::html`, a province report as one self-contained HTML
//!   page drawn from a [`report::Summary`] (adds `maud`).
//! - `xlsx`: `ocop::workbook`, council workbooks read from `.xlsx`, `.xls`,
//!   `.ods` and `.csv` and templates written as `.xlsx` (adds `calamine`,
//!   `rust_xlsxwriter`, `csv`, `encoding_rs`, `unicode-normalization`).
//! - `docx`: `ocop::docx`, Phần III of Mẫu số 02 (the producer's
//!   self-assessment) as a Word document (adds `docx-rs`).
//! - `proptest`: `ocop::strategy`, proptest strategies for evaluations of
//!   a set, for the test suites of other scorers (adds `proptest`).
//! - `packed-data`: the criteria files embedded packed (long repeats as
//!   references, undone on first use), for binaries that count their
//!   bytes such as the WebAssembly package; no dependency, same texts.

#![deny(missing_docs)]
#![warn(missing_debug_implementations)]

// Layers, bottom to top: each module imports only modules declared
// before it here (tests/layers.rs checks; rustfmt.toml keeps the order).
mod error;
mod date;
pub mod certificate;
mod embedded;
mod input;
mod options;
pub mod criteria;
mod warning;
mod compiled;
pub mod catalog;
mod evaluation;
pub mod scorecard;
mod place;
mod sheet;
mod stars;
mod council;
mod score;
pub mod advice;
mod write;
mod fast;
mod batch;
mod each;
#[cfg(feature = "xlsx")]
pub mod workbook;
pub mod report;
/// The HTML report, which lives with the report ([`report::html`]).
#[cfg(feature = "report")]
pub use report::html;
#[cfg(feature = "xlsx")]
pub mod criteria_book;
#[cfg(feature = "docx")]
pub mod docx;
pub mod generate;
#[cfg(feature = "proptest")]
pub mod strategy;
pub mod samples;

pub use batch::{BatchScorer, BatchStats, MAX_THREADS};
pub use catalog::{Catalog, CriteriaSet, Edition};
pub use date::Date;
pub use embedded::DATA_VERSION;
pub use error::{Category, CellIssue, CellProblem, Error, ErrorKind, Result};
pub use evaluation::{Answer, Evaluation, MemberSheet, Text};
pub use options::{MAX_ANSWERS, MAX_MEMBERS, ScoreOptions};
pub use rust_decimal::Decimal;
pub use scorecard::{
    EditionBasis, FailedGate, KnockoutHit, Means, MemberResult, Rating,
    Scorecard, Spread, Status,
};
pub use sheet::ResolvedSheet;
pub use warning::Warning;

// The README's Rust examples run as doctests (one needs `proptest`).
#[cfg(all(doctest, feature = "proptest"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
