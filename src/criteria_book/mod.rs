//! Criteria sets typed in a workbook (feature `xlsx`): the sheet an office
//! holds, laid out like the paper, checked cell by cell.
//!
//! Some tables are not bundled (25 of the 26 sets of 148/QĐ-TTg), yet
//! every provincial OCOP office holds them as signed copies. Writing a
//! set's JSON by hand means knowing the schema, its codes, gates,
//! knock-outs and story rules; typing the paper into rows does not.
//! [`template`] writes the workbook, pre-filled from a bundled set when
//! one is like the sheet at hand; [`build`] reads it back into the set's
//! file and runs the loader's own checks on it ([`check_edition`] for a
//! new edition, [`check_set`], then [`Catalog::from_texts`] over the
//! catalog, as `ocop criteria check` does), each problem put at its cell
//! (`Tiêu chí!F14`). The file it writes is used with `--criteria DIR`, or
//! given in memory to the bindings, and every scorecard of it says it is
//! the user's ([`Provenance::User`], [`Warning::UserSupplied`]).
//!
//! # The layout
//!
//! - Sheet `Bộ tiêu chí`: one row per key (column A, read by the import),
//!   its label (B) and its value (C, and D, E for keys of several
//!   values): the edition and set ids, the phân nhóm's name, the source,
//!   notes and gaps; then the edition's rules (part maxima, band edges,
//!   rounding, dates), read only when the edition is new to the catalog.
//!   A bundled edition keeps its own rules: a changed cell there is a
//!   problem, not a new rule.
//! - Sheet `Tiêu chí`: one row per part (`Phần`), group (`Nhóm`),
//!   criterion (`Tiêu chí`) and option (`Phương án`), in printed order,
//!   with `Ghi chú` rows for printed notes and `Trường hợp` rows for the
//!   headings of two-case criteria. Columns: code, printed text, an
//!   option's points, a maximum, the star an option is the minimum of, a
//!   knock-out and its clause, "applies only when" (`5.1: 2, 3`), the
//!   criterion's type (a header, or yes/no), its parent, an option's case,
//!   the English label, and `Khác (JSON)` for the rare fields a converter
//!   writes (inferred points, an unreadable cell). Drop-downs offer the
//!   closed values: the kind of row, the part, the star, the knock-out.
//!
//! Every field of a set file has its cell, so a bundled set comes back
//! from its template as the same set ([`SetFile`] equal field by field).
//! Text is read as typed: not trimmed, not recomposed.
//!
//! # Rooms
//!
//! `layout` the names; `write` the template; `read` the identity sheet
//! and the whole; `sheet` the criteria sheet's rows into a set, with the
//! row of every piece; `rules` an edition's rules; `locate` the loader's
//! problems at those rows.
//!
//! [`Catalog::from_texts`]: crate::Catalog::from_texts
//! [`check_edition`]: crate::criteria::check_edition
//! [`check_set`]: crate::criteria::check_set
//! [`Provenance::User`]: crate::criteria::Provenance::User
//! [`Warning::UserSupplied`]: crate::Warning::UserSupplied

mod layout;
mod locate;
mod read;
mod rules;
mod sheet;
mod write;

use std::path::{Path, PathBuf};

use crate::catalog::Catalog;
use crate::criteria::{self, EditionInfo, SetFile};
use crate::error::{ErrorKind, Result};

/// The workbook for typing one set of `edition`: blank, or pre-filled
/// from `like` (a bundled set whose sheet is close to the one at hand).
///
/// # Errors
///
/// [`ErrorKind::Io`] when the writer fails.
///
/// # Example
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd26-2026").unwrap();
/// let hoa = ed.set("hoa").unwrap();
/// let bytes = ocop::criteria_book::template(ed.info(), Some(hoa.sheet()))?;
/// let built = ocop::criteria_book::build(&bytes, "hoa.xlsx")?;
/// assert_eq!(&built.sheet, hoa.sheet());
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn template(
    edition: &EditionInfo,
    like: Option<&SetFile>,
) -> Result<Vec<u8>> {
    write::workbook(edition, like)
}

/// A set read from a workbook and checked by the loader.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Built {
    /// The edition id.
    pub edition: String,
    /// The set as read.
    pub sheet: SetFile,
    /// The edition's rules, when the edition is new to the catalog (its
    /// `edition.json` is then among the files).
    pub rules: Option<EditionInfo>,
    /// The files to write under a criteria directory: path
    /// (`<edition>/<set>.json`) and text.
    pub files: Vec<(String, String)>,
    /// The fingerprint of the set's file, as scorecards print it.
    pub fingerprint: String,
}

impl Built {
    /// Writes the files under `dir` (`dir/<edition>/<set>.json`), creating
    /// folders as needed; returns the paths written.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when a folder or file cannot be written.
    pub fn write_to(&self, dir: &Path) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        for (path, text) in &self.files {
            let p = dir.join(path);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| ErrorKind::io(parent, e))?;
            }
            std::fs::write(&p, text).map_err(|e| ErrorKind::io(&p, e))?;
            out.push(p);
        }
        Ok(out)
    }
}

/// The JSON of a criteria file as `build` writes it: one-space indent,
/// as the bundled files are, and a final newline.
fn pretty<T: serde::Serialize>(value: &T) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    // The data model serializes without fail: plain strings and numbers.
    let _ = value.serialize(&mut ser);
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a criteria workbook's bytes (`.xlsx`, `.xls` or `.ods`; `name`
/// is the file's name, for errors) into a set's file, and checks it with
/// the loader: the same checks as `ocop criteria check`, over the
/// embedded data overlaid with the file (and the edition file, for a new
/// edition).
///
/// # Errors
///
/// - [`ErrorKind::Workbook`] with every problem at its cell: the
///   workbook's shape (a row of no known kind, a number that is not one)
///   and every problem the loader finds, as
///   [`CellIssue::CriteriaRule`](crate::CellIssue::CriteriaRule) with the
///   loader's sentence.
/// - [`ErrorKind::Io`] when the bytes are not a workbook.
///
/// # Example
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd26-2026").unwrap();
/// let mut sheet = ed.set("hoa").unwrap().sheet().clone();
/// sheet.parts[0].max = 41; // Phần A of 26/2026 is 40
/// let bytes = ocop::criteria_book::template(ed.info(), Some(&sheet))?;
/// let err = ocop::criteria_book::build(&bytes, "hoa.xlsx").unwrap_err();
/// let ocop::ErrorKind::Workbook { problems } = err.kind() else { panic!() };
/// assert_eq!(problems.len(), 1, "{problems:?}");
/// assert_eq!(problems[0].cell, "Tiêu chí!F2");
/// assert_eq!(problems[0].issue, ocop::CellIssue::CriteriaRule);
/// assert!(problems[0].message.ends_with("edition qd26-2026 says 40"));
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn build(bytes: &[u8], name: &str) -> Result<Built> {
    let grids = crate::workbook::xlsx::verbatim_grids(bytes, name)?;
    let (read, mut problems) = read::read(&grids)
        .map_err(|problems| ErrorKind::Workbook { problems })?;
    let set_path = format!("{}/{}.json", read.edition, read.set.id);
    let mut files = vec![(set_path.clone(), pretty(&read.set))];
    if let Some(rules) = &read.rules {
        files.push((format!("{}/edition.json", read.edition), pretty(rules)));
    }
    // The loader's checks in its order: the edition file, the set file
    // against it, then (when both load) the catalog as a whole, so that a
    // set that does not load is not also reported as missing from its
    // edition's classification.
    let found = match checked(&read, &files) {
        Ok(()) => match Catalog::from_texts(files.clone()) {
            Ok(_) => Vec::new(),
            Err(e) => match e.kind() {
                ErrorKind::InvalidData { problems } => problems.clone(),
                _ => return Err(e),
            },
        },
        Err(found) => found,
    };
    problems.extend(found.iter().map(|p| locate::cell(&read.rows, p)));
    if !problems.is_empty() {
        problems.sort_by_key(|p| cell_order(&p.cell));
        return Err(ErrorKind::Workbook { problems }.into());
    }
    let fingerprint = crate::criteria::fingerprint(&files[0].1);
    Ok(Built {
        edition: read.edition,
        sheet: read.set,
        rules: read.rules,
        files,
        fingerprint,
    })
}

/// The edition file (for a new edition) and the set file, each checked
/// by the loader's own function.
fn checked(
    read: &read::Read,
    files: &[(String, String)],
) -> std::result::Result<(), Vec<criteria::Problem>> {
    let mut found = Vec::new();
    let info = match &read.rules {
        Some(rules) => {
            if let Some((path, text)) = files.get(1) {
                let e = criteria::check_edition(path, text).err();
                found.extend(e.into_iter().flatten());
            }
            rules
        }
        None => match Catalog::official().edition(&read.edition) {
            Some(e) => e.info(),
            None => return Ok(()),
        },
    };
    if let Some((path, text)) = files.first() {
        let e = criteria::check_set(info, path, text).err();
        found.extend(e.into_iter().flatten());
    }
    if found.is_empty() { Ok(()) } else { Err(found) }
}

/// The order of cells: the identity sheet first, then row, then column.
fn cell_order(cell: &str) -> (bool, usize, usize) {
    let (sheet, at) = cell.rsplit_once('!').unwrap_or(("", cell));
    let letters = at.chars().take_while(char::is_ascii_alphabetic).count();
    let col = at[..letters].bytes().fold(0usize, |n, b| {
        n.saturating_mul(26)
            .saturating_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = at[letters..].parse().unwrap_or(usize::MAX);
    (sheet != layout::IDENTITY, row, col)
}

/// [`build`] of a file.
///
/// # Errors
///
/// As [`build`]; [`ErrorKind::Io`] when the file cannot be read.
pub fn build_file(path: &Path) -> Result<Built> {
    let bytes = std::fs::read(path).map_err(|e| ErrorKind::io(path, e))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    build(&bytes, &name)
}
