//! Council score sheets as workbooks: read from `.xlsx`, `.xls`, `.ods` and `.csv`,
//! written as blank templates (feature `xlsx`).
//!
//! The people who hold OCOP scores work in spreadsheets: the council's
//! secretary types each member's points into a workbook, and provinces pass
//! their lists round as `.xlsx`. This module reads that workbook into
//! [`Evaluation`]s, checks it against the sets, and writes the blank form
//! to type into, so that no office has to write a converter first.
//!
//! # The layout
//!
//! - Sheet `Sản phẩm`: one row per product, headed in row 1. `id`
//!   (required, unique) and `set` (a set id or phân nhóm name); optional
//!   `edition`, `date` and `submitted` (date cells or `YYYY-MM-DD` text),
//!   `reevaluation` (yes/no), `knockouts` (codes, comma-separated) and
//!   `sheet` (the name of the product's sheet, for an id that cannot be
//!   one). Any other column is carried into the evaluation's fields under
//!   its header. An empty cell is an absent field; the text `null` is a
//!   JSON null (`recorded_star: null`, not recognised). Vietnamese headers
//!   (`Mã sản phẩm`, `Bộ sản phẩm`, `Ngày chấm`, ...) are accepted too.
//! - One sheet per product, named by its id: row 1 is a header, each
//!   further row one criterion. The headers `Mã` (the criterion code, as
//!   text), `Tiêu chí`, `Tối đa`, `Phương án`, `Tối thiểu` and `Ghi chú`
//!   are reserved; every other non-empty header is a member, found by name,
//!   not by position. A member's cell holds the points that member gave; a
//!   blank cell is unanswered; a yes/no criterion takes its points or 0.
//!   Rows of criteria that only group others are ignored.
//! - Points name an option when one option gives them. Where two options
//!   give the same points the import does not guess: the cell says `#k`,
//!   the k-th option as printed. This is per cell, not per row, because
//!   each member ticks a box of their own, in either case of a two-case
//!   criterion.
//! - The CSV form is one row per product, member and criterion:
//!   `id,set,edition,date,member,criterion,points`, with optional
//!   `option` (the 1-based position, which wins over `points`), the
//!   optional product columns, and carried columns. Comma or semicolon,
//!   UTF-8 (with or without a byte-order mark) or Windows-1258.
//!
//! Products come out in the order of their rows (or first appearance in a
//! CSV), members in the order of their columns (or first appearance).
//!
//! # Problems
//!
//! Every problem is reported at once (up to 1,000 for a product), each
//! at its cell as `sheet!A1` (a CSV file's name stands for its sheet), in
//! an [`ErrorKind::Workbook`]. A file over a cap of the resource contract
//! (cells laid out, merged ranges included; rows; products; members; the
//! length of a text cell; see the README) is refused with an
//! `over_limit` problem at the cell, before the memory is taken.
//! A product with problems gives that error in its place; every other
//! product is read. Whether the answers then satisfy the set (a missing
//! answer, a criterion that does not apply) is the scorer's to say, as for
//! JSON; [`map_products`] and [`score_products`] then name the cell of
//! that member and criterion.
//!
//! # Rooms
//!
//! `layout` the names (headers in both languages, sheet-name rules, `A1`);
//! `limits` the resource contract (every cap, and the cell budget);
//! `declared` what a file declares before calamine lays it out;
//! `grid` a sheet's cells whatever the file; `xlsx` calamine's reading;
//! `located` where each product's answers stand, for the scorer's errors;
//! `flat` the CSV form; `product` one product's fields and placing;
//! `read` the workbook layout; `resolve` points to options; `write` the
//! template and evaluations; `batch` a workbook's products through the
//! batch commands. The results workbook that `ocop report` writes is a
//! rendering of the report and lives with it ([`crate::report::Results`]).
//!
//! # Example
//!
//! ```
//! use ocop::{Catalog, ScoreOptions, workbook};
//!
//! let catalog = Catalog::official();
//! let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
//! // A blank template for 2 products and 5 members, as CSV.
//! let csv = workbook::template(set, 5, 2, workbook::Format::Csv)?;
//! let read = workbook::read(&csv, workbook::Format::Csv, "hoa.csv", catalog,
//!                           &ScoreOptions::default())?;
//! assert_eq!(read.len(), 2);
//! // Nothing typed yet: each product reads, and the scorer says what is missing.
//! let ev = read[0].as_ref().unwrap();
//! assert_eq!(ev.members.len(), 5);
//! assert!(catalog.score(ev).is_err());
//! # Ok::<(), ocop::Error>(())
//! ```

mod batch;
mod declared;
mod flat;
pub(crate) mod grid;
pub(crate) mod layout;
mod limits;
mod located;
mod product;
mod read;
mod resolve;
pub(crate) mod write;
pub(crate) mod xlsx;

use std::path::Path;

pub use batch::{
    check_products, evaluation_lines, map_products, score_products,
};
pub(crate) use layout::cell;
pub(crate) use write::{temp_files, xlsx_error};

use crate::catalog::{Catalog, CriteriaSet};
use crate::error::{Error, ErrorKind, Result};
use crate::evaluation::{Evaluation, MemberSheet, Text};
use crate::options::ScoreOptions;
use crate::place::Placing;

use located::Located;

/// A file format of the layout, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// Office Open XML, `.xlsx`: read and written.
    Xlsx,
    /// The older Excel format, `.xls`: read only.
    Xls,
    /// OpenDocument, `.ods`, LibreOffice's own format: read only. Merged
    /// cells are not reported in it (the reader does not see them).
    Ods,
    /// The CSV form, `.csv`: read and written.
    Csv,
}

impl Format {
    /// The format of a path by its extension (any case), if it is one.
    ///
    /// ```
    /// use ocop::workbook::Format;
    /// assert_eq!(Format::of("scores.XLSX".as_ref()), Some(Format::Xlsx));
    /// assert_eq!(Format::of("scores.jsonl".as_ref()), None);
    /// ```
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Whether [`template`] and [`write()`] can write the format: `.xlsx` and
    /// `.csv` only.
    ///
    /// ```
    /// use ocop::workbook::Format;
    /// assert!(Format::Xlsx.writable());
    /// assert!(!Format::Ods.writable());
    /// ```
    pub fn writable(self) -> bool {
        matches!(self, Format::Xlsx | Format::Csv)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }
}

/// One result per product: its evaluation, or the error that takes its
/// place; with where each product's answers stand in the file, so that
/// [`map_products`] and [`score_products`] name the cell of a missing
/// answer or of an answer that does not apply. It reads as a slice of
/// the results.
///
/// ```
/// use ocop::{Catalog, ScoreOptions, workbook};
///
/// let catalog = Catalog::official();
/// let csv = "id,set,edition,member,criterion,points\n\
///            P1,hoa,qd26-2026,TV1,1.1,4\n";
/// let read = workbook::read(csv.as_bytes(), workbook::Format::Csv, "in.csv",
///                           catalog, &ScoreOptions::default())?;
/// assert_eq!(read.len(), 1);
/// // TV1 answered 1.1 only: the first criterion missing is at TV1's row.
/// workbook::map_products(read, |ev| catalog.score(ev), |_, card| {
///     let err = card.unwrap_err().to_string();
///     assert!(err.contains("in.csv!D2: member \"TV1\" gave no answer"), "{err}");
/// });
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Products {
    list: Vec<Result<Evaluation<'static>>>,
    /// Where each product's answers stand, by its place in `list`.
    located: Vec<Option<Located>>,
}

impl Products {
    fn push(&mut self, p: Result<Evaluation<'static>>, at: Option<Located>) {
        self.list.push(p);
        self.located.push(at);
    }

    /// The results, without where they stand.
    pub fn into_vec(self) -> Vec<Result<Evaluation<'static>>> {
        self.list
    }

    /// `e`, an error found when product `n` (from 0) was scored, as a
    /// problem at its cell when it is a missing answer or an answer that
    /// does not apply; any other error as it is.
    pub(crate) fn locate(&self, n: usize, e: Error) -> Error {
        match self.located.get(n) {
            Some(Some(at)) => at.locate(e),
            _ => e,
        }
    }
}

impl std::ops::Deref for Products {
    type Target = [Result<Evaluation<'static>>];
    fn deref(&self) -> &Self::Target {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Products {
    type Item = &'a Result<Evaluation<'static>>;
    type IntoIter = std::slice::Iter<'a, Result<Evaluation<'static>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl IntoIterator for Products {
    type Item = Result<Evaluation<'static>>;
    type IntoIter = std::vec::IntoIter<Result<Evaluation<'static>>>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

/// Results from elsewhere, without cells to name.
impl From<Vec<Result<Evaluation<'static>>>> for Products {
    fn from(list: Vec<Result<Evaluation<'static>>>) -> Products {
        Products { located: Vec::new(), list }
    }
}

/// Reads the products of a workbook or CSV file's bytes. `name` (the
/// file's name) stands for a CSV file's sheet in cell locations; `opts`
/// choose the edition of products that name none, and admit inferred or
/// weak-source sets, as for scoring.
///
/// # Errors
///
/// [`ErrorKind::Workbook`] when the file as a whole is not the layout (no
/// `Sản phẩm` sheet, no `id` column); [`ErrorKind::Io`] when it is not a
/// workbook at all. A product's own problems are not errors here: its
/// entry in the list is.
pub fn read(
    bytes: &[u8],
    format: Format,
    name: &str,
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> Result<Products> {
    match format {
        Format::Csv => flat::evaluations(bytes, name, catalog, opts),
        Format::Xlsx | Format::Xls | Format::Ods => {
            let grids = xlsx::grids(bytes, name)?;
            read::evaluations(&grids, catalog, opts)
        }
    }
}

/// [`read`] of a file, its format chosen by its extension.
///
/// # Errors
///
/// As [`read`]; [`ErrorKind::Io`] when the file cannot be read or its
/// extension is none of `.xlsx`, `.xlsm`, `.xls`, `.ods`, `.csv`.
pub fn read_file(
    path: &Path,
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> Result<Products> {
    let format = Format::of(path).ok_or_else(|| ErrorKind::Io {
        path: path.display().to_string(),
        message: "not a workbook: expected .xlsx, .xls, .ods or .csv".into(),
    })?;
    let bytes = std::fs::read(path).map_err(|e| ErrorKind::io(path, e))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    read(&bytes, format, &name, catalog, opts)
}

/// A blank workbook (or CSV file) for `products` products of `set`, each
/// scored by `members` members: the products sheet with ids `SP1`, ... and
/// the set and edition filled in, and one sheet of points each, whose rows
/// carry a drop-down of the points their options allow and mark the
/// options that are a star's minimum.
///
/// # Errors
///
/// [`ErrorKind::Io`] for a format that is read only (`.xls`, `.ods`, see
/// [`Format::writable`]), or when the writer
/// fails.
pub fn template(
    set: &CriteriaSet,
    members: usize,
    products: usize,
    format: Format,
) -> Result<Vec<u8>> {
    let evs: Vec<Evaluation<'static>> = (1..=products)
        .map(|n| Evaluation {
            id: Some(Text::from(format!("SP{n}"))),
            edition: Some(Text::from(set.edition().to_owned())),
            set: Text::from(set.id().to_owned()),
            members: (1..=members)
                .map(|m| {
                    MemberSheet::new(
                        format!("TV{m}"),
                        Vec::<(String, u64)>::new(),
                    )
                })
                .collect(),
            ..Evaluation::default()
        })
        .collect();
    let products: Vec<write::Product> = evs.iter().map(|e| (e, set)).collect();
    write_products(&products, format, true)
}

/// Writes evaluations in the layout: what [`read`] reads back as the same
/// evaluations. A carried field that is `null` is written as the text
/// `null`, which reads back as null (an empty cell is an absent field).
///
/// # Errors
///
/// The placing error of an evaluation whose edition or set cannot be
/// found (its points could not be written); [`ErrorKind::Io`] for a
/// format that is read only.
///
/// ```
/// use ocop::{Catalog, Evaluation, ScoreOptions, workbook};
///
/// let catalog = Catalog::official();
/// let ev = Evaluation::from_json(ocop::samples::EVALUATION_2026)?.into_owned();
/// let bytes = workbook::write(&[ev.clone()], catalog, &ScoreOptions::default(),
///                             workbook::Format::Xlsx)?;
/// let back = workbook::read(&bytes, workbook::Format::Xlsx, "x.xlsx", catalog,
///                           &ScoreOptions::default())?;
/// assert_eq!(catalog.score(back[0].as_ref().unwrap())?, catalog.score(&ev)?);
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn write(
    evaluations: &[Evaluation<'_>],
    catalog: &Catalog,
    opts: &ScoreOptions,
    format: Format,
) -> Result<Vec<u8>> {
    let mut products = Vec::new();
    for ev in evaluations {
        let placed = catalog
            .place(&Placing::of(ev), opts)
            .map_err(|e| e.for_product(ev.id.as_deref()))?;
        products.push((ev, placed.set));
    }
    write_products(&products, format, false)
}

fn write_products(
    products: &[write::Product<'_, '_>],
    format: Format,
    blank: bool,
) -> Result<Vec<u8>> {
    match format {
        Format::Xlsx => write::xlsx(products),
        Format::Csv => write::csv(products, blank),
        Format::Xls | Format::Ods => Err(ErrorKind::Io {
            path: "workbook".into(),
            message: format!(
                ".{} is read only: write .xlsx or .csv",
                format.extension()
            ),
        }
        .into()),
    }
}
