//! What a workbook file declares before calamine lays it out: the sizes
//! its archive's parts unpack to, and the tables of an `.ods` file.
//!
//! calamine opens an `.ods` file by laying out each table whole, from its
//! first to its last used cell, with every repeated row and column
//! written out (its own cap is 100 million cells, gigabytes). An 825-byte
//! file can declare a table of 9,000 × 9,000. So the sheet part
//! (`content.xml`) is scanned first, as a stream of XML events with the
//! `zip` and `quick-xml` crates calamine itself reads it with, counting
//! the cells calamine would store and lay out; over [`limits::CELLS`] the
//! file is refused before calamine sees it. The scan holds one event at a
//! time, and the part is read through a cap of
//! [`limits::UNPACKED_BYTES`] whatever size the archive declares.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use crate::error::Error;

use super::layout;
use super::limits;

fn too_large(name: &str) -> Error {
    limits::over(
        name.to_owned(),
        format!(
            "the workbook's parts unpack to more than {} bytes",
            limits::UNPACKED_BYTES
        ),
    )
}

/// Refuses a zip archive (`.xlsx`, `.ods`) whose parts declare more than
/// [`limits::UNPACKED_BYTES`] together. Other bytes pass: calamine says
/// what they are.
pub(crate) fn archive(bytes: &[u8], name: &str) -> Result<(), Error> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        total = total.saturating_add(f.size());
        if total > limits::UNPACKED_BYTES {
            return Err(too_large(name));
        }
    }
    Ok(())
}

/// calamine's own caps on a table's rows and columns.
const MAX_ROWS: usize = 1 << 20;
const MAX_COLUMNS: usize = 1 << 14;

/// One table's count as it is scanned.
#[derive(Default)]
struct Table {
    name: String,
    /// The declared row the next row starts at.
    row: usize,
    /// The first declared row holding a value, and the row after the last.
    first: Option<usize>,
    end: usize,
    /// The widest row, to its last value.
    width: usize,
    /// In the current row: the next column, and the column after its last
    /// value.
    col: usize,
    last: usize,
    repeats: usize,
}

impl Table {
    /// What calamine holds for the table: the cells it stores row by row,
    /// and the dense range it lays them out in.
    fn laid_out(&self) -> usize {
        let rows = self.first.map_or(0, |f| self.end.saturating_sub(f));
        rows.saturating_mul(self.width)
    }
}

fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<usize> {
    let a = e.try_get_attribute(key).ok().flatten()?;
    std::str::from_utf8(&a.value).ok()?.trim().parse().ok()
}

fn has(e: &BytesStart<'_>, key: &[u8]) -> bool {
    matches!(e.try_get_attribute(key), Ok(Some(_)))
}

/// Refuses an `.ods` file whose tables calamine would lay out in more
/// than [`limits::CELLS`] cells together, naming the table and the cell
/// where the count passed it. A file that is not an `.ods` archive
/// passes: calamine says what it is.
pub(crate) fn ods(bytes: &[u8], name: &str) -> Result<(), Error> {
    archive(bytes, name)?;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(part) = zip.by_name("content.xml") else { return Ok(()) };
    let capped = part.take(limits::UNPACKED_BYTES + 1);
    let mut counted = Counted { read: 0, inner: capped };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(&mut counted));
    let mut buf = Vec::new();
    // Cells of the tables already scanned.
    let mut done: usize = 0;
    let mut t: Option<Table> = None;
    loop {
        let ev = xml.read_event_into(&mut buf);
        let ev = match ev {
            Ok(ev) => ev,
            // calamine says what is wrong with the XML.
            Err(_) => break,
        };
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::Eof => break,
            _ => (None, false),
        };
        match (e, &ev) {
            (Some(e), _) => match e.name().as_ref() {
                b"table:table" if !empty => {
                    let name = e
                        .try_get_attribute(b"table:name")
                        .ok()
                        .flatten()
                        .and_then(|a| String::from_utf8(a.value.to_vec()).ok())
                        .unwrap_or_default();
                    t = Some(Table { name, ..Table::default() });
                }
                b"table:table-row" => {
                    if let Some(t) = t.as_mut() {
                        let n = attr(e, b"table:number-rows-repeated")
                            .unwrap_or(1)
                            .min(MAX_ROWS.saturating_sub(t.row));
                        t.col = 0;
                        t.last = 0;
                        t.repeats = n;
                        if empty {
                            t.row = t.row.saturating_add(n);
                        }
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    if let Some(t) = t.as_mut() {
                        let n = attr(e, b"table:number-columns-repeated")
                            .unwrap_or(1)
                            .min(MAX_COLUMNS.saturating_sub(t.col));
                        t.col += n;
                        // A cell with content or a value type holds a
                        // value; an empty one may be repeated for free.
                        let value = !empty
                            || has(e, b"office:value-type")
                            || has(e, b"table:formula");
                        if value {
                            t.last = t.col;
                        }
                    }
                }
                _ => {}
            },
            (None, Event::End(e)) => match e.name().as_ref() {
                b"table:table-row" => {
                    if let Some(t) = t.as_mut() {
                        // calamine stores each row to its last value.
                        done = done.saturating_add(t.last);
                        if t.last > 0 {
                            t.first.get_or_insert(t.row);
                            t.end = t.row.saturating_add(t.repeats);
                            t.width = t.width.max(t.last);
                        }
                        t.row = t.row.saturating_add(t.repeats);
                        if done.saturating_add(t.laid_out()) > limits::CELLS {
                            let at = layout::cell(
                                &t.name,
                                t.end.saturating_sub(1) as u32,
                                t.last.saturating_sub(1) as u32,
                            );
                            return Err(limits::over(
                                format!("{name}: {at}"),
                                format!(
                                    "the file's tables lay out more than {} \
                                     cells (each from its first to its last \
                                     used cell, repeated rows and columns \
                                     written out); split it into smaller \
                                     files",
                                    limits::CELLS
                                ),
                            ));
                        }
                    }
                }
                b"table:table" => {
                    if let Some(t) = t.take() {
                        done = done.saturating_add(t.laid_out());
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
    if counted.read > limits::UNPACKED_BYTES {
        return Err(too_large(name));
    }
    Ok(())
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    read: u64,
    inner: R,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}
