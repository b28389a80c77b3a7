//! Reading `.xlsx`, `.xls` and `.ods` files into grids with calamine. Formulas
//! are read through the values the program that saved the file cached.

use std::io::Cursor;
use std::panic::AssertUnwindSafe;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use crate::date::Date;
use crate::error::{Error, ErrorKind, Result};

use super::declared;
use super::grid::{Cell, Epoch, Grid, composed, serial_date};
use super::limits::{self, Budget};

fn unreadable(name: &str, e: impl std::fmt::Display) -> Error {
    ErrorKind::Io {
        path: name.to_owned(),
        message: format!("not a workbook that can be read: {e}"),
    }
    .into()
}

/// Every sheet of a workbook's bytes, in the workbook's order. `name` is
/// the file's name, for errors.
pub(crate) fn grids(bytes: &[u8], name: &str) -> Result<Vec<Grid>> {
    read_guarded(bytes, name, true)
}

/// [`grids`] with text as the file holds it, not composed: for data that
/// must come back byte for byte (a criteria set's printed text).
pub(crate) fn verbatim_grids(bytes: &[u8], name: &str) -> Result<Vec<Grid>> {
    read_guarded(bytes, name, false)
}

fn read_guarded(bytes: &[u8], name: &str, compose: bool) -> Result<Vec<Grid>> {
    // calamine is not hardened against every damaged file: a damaged .xls
    // record trips an overflow check (0.35, xls.rs `parse_mul_rk`, found
    // by tests/workbook.rs `a_damaged_workbook`). A panic there is the
    // file's fault, so it is reported as an unreadable file. (With
    // `panic = "abort"` this guard cannot help.)
    std::panic::catch_unwind(AssertUnwindSafe(|| read(bytes, name, compose)))
        .unwrap_or_else(|_| Err(unreadable(name, "damaged beyond reading")))
}

fn read(bytes: &[u8], name: &str, compose: bool) -> Result<Vec<Grid>> {
    // What the file declares, before calamine lays it out: the sizes its
    // parts unpack to, and an .ods file's tables.
    declared::ods(bytes, name)?;
    // Each cell formula counted as empty, in a copy (see declared::xls).
    let counts = declared::xls(bytes, name)?;
    let copy;
    let bytes = if counts.is_empty() {
        bytes
    } else {
        let mut c = bytes.to_vec();
        for at in counts {
            if let Some(b) = c.get_mut(at) {
                *b = 0;
            }
        }
        copy = c;
        &copy[..]
    };
    let mut book: Sheets<Cursor<&[u8]>> =
        open_workbook_auto_from_rs(Cursor::new(bytes))
            .map_err(|e| unreadable(name, e))?;
    // calamine hands date cells over as day numbers; the workbook says
    // which day they count from.
    let is_1904 = match &book {
        Sheets::Xlsx(x) => x.has_1904_epoch(),
        Sheets::Xls(x) => x.has_1904_epoch(),
        Sheets::Xlsb(x) => x.has_1904_epoch(),
        // OpenDocument writes dates as ISO text.
        Sheets::Ods(_) => false,
    };
    let epoch = if is_1904 { Epoch::Y1904 } else { Epoch::Y1900 };
    let mut out = Vec::new();
    let mut budget = Budget::default();
    for sheet in book.sheet_names() {
        // Names and text composed (NFC), as the CSV form's are.
        let mut g = Grid { name: composed(&sheet), rows: Vec::new(), epoch };
        match &mut book {
            // Cell by cell: the whole range between the first and the last
            // used cell is never laid out, so two values far apart in a
            // small file cost two cells, not billions.
            Sheets::Xlsx(x) => {
                let mut cells = x
                    .worksheet_cells_reader(&sheet)
                    .map_err(|e| unreadable(name, e))?;
                while let Some(c) =
                    cells.next_cell().map_err(|e| unreadable(name, e))?
                {
                    let (r, col) = c.get_position();
                    let v = Data::from(c.get_value().clone());
                    put(
                        &mut g,
                        &mut budget,
                        r as usize,
                        col as usize,
                        &v,
                        compose,
                    )?;
                }
            }
            // .xls and .ods are laid out by calamine as they open, within
            // the caps checked above.
            _ => {
                let range = book
                    .worksheet_range(&sheet)
                    .map_err(|e| unreadable(name, e))?;
                if let Some((r0, c0)) = range.start() {
                    for (r, c, v) in range.used_cells() {
                        let (r, c) = (r + r0 as usize, c + c0 as usize);
                        put(&mut g, &mut budget, r, c, v, compose)?;
                    }
                }
            }
        }

        let merged = match &mut book {
            Sheets::Xlsx(x) => match x.worksheet_merge_cells(&sheet) {
                Some(m) => m.map_err(|e| unreadable(name, e))?,
                None => Vec::new(),
            },
            Sheets::Xls(x) => {
                x.worksheet_merge_cells(&sheet).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        g.merge_all(
            merged.into_iter().map(|d| (d.start, d.end)).collect(),
            &mut budget,
        )?;
        out.push(g);
    }
    Ok(out)
}

/// Puts a value at row `r`, column `c` (its text composed when
/// `compose`), taking the cells the grid grows
/// by from `budget` before it grows, and refusing a text over
/// [`limits::TEXT_CHARS`].
fn put(
    g: &mut Grid,
    budget: &mut Budget,
    r: usize,
    c: usize,
    v: &Data,
    compose: bool,
) -> Result<()> {
    if let Data::String(s) = v {
        limits::text(s, || g.at(r, c))?;
    }
    if g.rows.len() <= r {
        budget.take(r + 1 - g.rows.len(), || g.at(r, c))?;
        g.rows.resize(r + 1, Vec::new());
    }
    let grow = (c + 1).saturating_sub(g.rows[r].len());
    if grow > 0 {
        budget.take(grow, || g.at(r, c))?;
        g.rows[r].resize(c + 1, Cell::Empty);
    }
    g.rows[r][c] = match v {
        // Text as the file holds it, where it must come back byte for byte.
        Data::String(s) if !compose => Cell::Text(s.clone()),
        _ => cell(v, g.epoch),
    };
    Ok(())
}

fn cell(v: &Data, epoch: Epoch) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(composed(s)),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => serial_date(d.as_f64(), epoch)
            .map_or(Cell::Number(d.as_f64()), Cell::Date),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|t| Date::parse("date", t).ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cell formula whose tokens run past its record panics inside
    /// calamine 0.35; the WebAssembly module, built to abort on a panic,
    /// would stop. Read through `read` (without the guard that catches a
    /// panic natively), the file opens: each formula is counted empty
    /// first, and only its value is read.
    #[test]
    fn a_formula_whose_tokens_run_past_its_record_is_read_without_a_panic() {
        let bytes = declared::damaged_formula();
        let calamine_alone = std::panic::catch_unwind(|| {
            open_workbook_auto_from_rs(Cursor::new(&bytes[..])).is_ok()
        });
        assert!(calamine_alone.is_err(), "calamine reads it safely now");
        let grids =
            read(&bytes, "f.xls", true).unwrap_or_else(|e| panic!("{e}"));
        let clean = read(
            include_bytes!("../../tests/fixtures/tan-hong-2021.xls"),
            "f.xls",
            true,
        )
        .unwrap();
        assert_eq!(grids.len(), clean.len());
    }

    /// A file cut inside its directory: calamine reads the cut sector as
    /// the bytes left and slices a directory entry past them (the fuzz
    /// target's finding). Refused first, without a panic.
    #[test]
    fn an_xls_cut_inside_its_directory_is_refused_without_a_panic() {
        let mut bytes =
            include_bytes!("../../tests/fixtures/tan-hong-2021.xls").to_vec();
        let dir =
            u32::from_le_bytes([bytes[48], bytes[49], bytes[50], bytes[51]]);
        bytes.truncate((dir as usize + 1) * 512 + 93);
        let calamine_alone = std::panic::catch_unwind(|| {
            open_workbook_auto_from_rs(Cursor::new(&bytes[..])).is_ok()
        });
        assert!(calamine_alone.is_err(), "calamine reads it safely now");
        let err = read(&bytes, "f.xls", true).unwrap_err();
        assert!(err.to_string().contains("past the end of the file"), "{err}");
    }
}
