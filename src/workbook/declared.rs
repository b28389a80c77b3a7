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

use crate::error::{Error, ErrorKind};

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

/// Little-endian integers of a slice, `None` past its end.
fn u16_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], i: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize)
}

/// The first sector number that is not a sector (the container's
/// `MAXREGSECT` + 1): free, end of chain, FAT and DIFAT sectors.
const NOT_A_SECTOR: usize = 0xFFFF_FFFA;

/// A sector the container names but the file does not hold whole.
/// calamine 0.35 reads such a sector as the bytes up to the end of the
/// file (`Sectors::get`): a directory entry cut short, or a sector that
/// starts past the end, is then sliced out of range, a panic. The fuzz
/// target `workbook_bytes` found the first.
const PAST_END: &str = "it names a sector past the end of the file";

/// A compound file (the `.xls` container) read only as far as the checks
/// need: its sectors, FAT, and the chains of its streams.
struct Container<'a> {
    bytes: &'a [u8],
    sector: usize,
    /// Sectors in the file after the header.
    sectors: usize,
    fat: Vec<usize>,
}

impl Container<'_> {
    fn sector(&self, id: usize) -> Option<&[u8]> {
        let start = (id + 1).checked_mul(self.sector)?;
        self.bytes.get(start..start + self.sector)
    }

    /// The sectors of the chain from `id`, or `Err` for a chain that
    /// loops or runs longer than the file (calamine would follow it
    /// without end), or names a sector the file does not hold whole.
    fn chain(&self, mut id: usize) -> Result<Vec<usize>, &'static str> {
        let mut out = Vec::new();
        while id < NOT_A_SECTOR {
            if out.len() > self.sectors {
                return Err("a chain of sectors loops");
            }
            self.sector(id).ok_or(PAST_END)?;
            out.push(id);
            id = *self.fat.get(id).ok_or("a chain runs past the FAT")?;
        }
        Ok(out)
    }

    fn read(&self, chain: &[usize]) -> Vec<u8> {
        chain
            .iter()
            .filter_map(|&id| self.sector(id))
            .flatten()
            .copied()
            .collect()
    }

    /// Where in the file each sector of `read(chain)` lies.
    fn starts(&self, chain: &[usize]) -> Vec<usize> {
        let start = |&id: &usize| {
            self.sector(id)?;
            Some((id + 1) * self.sector)
        };
        chain.iter().filter_map(start).collect()
    }
}

/// Where the bytes of a stream lie in the file: the stream in pieces of
/// `size` bytes, each starting at its entry of `starts`.
struct Layout {
    size: usize,
    starts: Vec<usize>,
}

impl Layout {
    /// The file offset of the stream's byte `at`.
    fn at(&self, at: usize) -> Option<usize> {
        self.starts.get(at / self.size)?.checked_add(at % self.size)
    }
}

/// Refuses an `.xls` file whose container or sheets would make calamine
/// allocate without bound as it opens the file: a header declaring more
/// FAT sectors than the file holds, a chain of sectors that loops, a
/// sheet's `DIMENSIONS` record or used range over [`limits::CELLS`]. A
/// file that is not a compound file passes: calamine says what it is.
///
/// Returns where the file holds the token count of each cell formula
/// (see [`cells`]): the caller zeroes them in a copy of the file, so
/// that calamine reads each formula as empty.
pub(crate) fn xls(bytes: &[u8], name: &str) -> Result<Vec<usize>, Error> {
    let damaged = |why: &str| -> Error {
        ErrorKind::Io {
            path: name.to_owned(),
            message: format!("not a workbook that can be read: {why}"),
        }
        .into()
    };
    let Some((data, layout)) = stream(bytes).map_err(damaged)? else {
        return Ok(Vec::new());
    };
    names(&data).map_err(damaged)?;
    sheets(&data, name)?;
    let mut out = Vec::new();
    for o in cells(&data).map_err(damaged)? {
        // The two bytes may lie in two sectors.
        let (Some(a), Some(b)) = (layout.at(o), layout.at(o + 1)) else {
            return Err(damaged(CUT));
        };
        out.extend([a, b]);
    }
    Ok(out)
}

/// The workbook stream of a compound file and where its bytes lie, or
/// `None` for a file that is not a compound file or has no such stream
/// (calamine says what it is); `Err` for a container that would make
/// calamine allocate without bound.
fn stream(bytes: &[u8]) -> Result<Option<(Vec<u8>, Layout)>, &'static str> {
    const SIGNATURE: [u8; 8] =
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.len() < 512 || bytes[..8] != SIGNATURE {
        return Ok(None);
    }
    let sector = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Ok(None),
    };
    let sectors = (bytes.len() / sector).saturating_sub(1);
    let header = |i| u32_at(bytes, i).unwrap_or(0);
    // calamine reserves memory by these counts before it reads a sector.
    if header(44) > sectors || header(62) > 1 << 24 || header(64) > sectors {
        return Err("its header declares more sectors than it holds");
    }
    // The DIFAT: 109 entries in the header, then a chain of its own.
    let mut difat: Vec<usize> =
        (0..109).filter_map(|k| u32_at(bytes, 76 + 4 * k)).collect();
    let mut c = Container { bytes, sector, sectors, fat: Vec::new() };
    let mut next = header(68);
    let mut steps = 0;
    while next < NOT_A_SECTOR {
        steps += 1;
        let s = c.sector(next).ok_or(PAST_END)?;
        if steps > sectors {
            return Err("its chain of DIFAT sectors loops");
        }
        difat.extend((0..sector / 4).filter_map(|k| u32_at(s, 4 * k)));
        next = difat.pop().unwrap_or(NOT_A_SECTOR);
    }
    for id in difat.into_iter().filter(|&id| id < NOT_A_SECTOR) {
        let s = c.sector(id).ok_or(PAST_END)?;
        let entries: Vec<usize> =
            (0..sector / 4).filter_map(|k| u32_at(s, 4 * k)).collect();
        c.fat.extend(entries);
    }
    let dirs = c.read(&c.chain(header(48))?);
    let entry = |k: usize| dirs.get(128 * k..128 * k + 128);
    let Some(root) = entry(0) else { return Ok(None) };
    let root_chain = c.chain(u32_at(root, 116).unwrap_or(NOT_A_SECTOR))?;
    c.chain(header(60))?;
    // The workbook stream, by either of its names.
    let stream = (0..dirs.len() / 128).filter_map(entry).find(|e| {
        let n = u16_at(e, 64).unwrap_or(0).min(64);
        let name: Vec<u16> = (0..n / 2)
            .filter_map(|k| u16_at(e, 2 * k).map(|u| u as u16))
            .collect();
        let name = String::from_utf16_lossy(&name);
        let name = name.trim_end_matches('\0');
        name == "Workbook" || name == "Book"
    });
    let Some(stream) = stream else { return Ok(None) };
    let start = u32_at(stream, 116).unwrap_or(NOT_A_SECTOR);
    let len = u32_at(stream, 120).unwrap_or(0);
    if len >= header(56) {
        let chain = c.chain(start)?;
        let layout = Layout { size: sector, starts: c.starts(&chain) };
        return Ok(Some((c.read(&chain), layout)));
    }
    // In the mini stream: 64-byte sectors chained by the mini FAT, each
    // within one sector of the root's chain.
    // calamine keeps of the root's chain the length the root declares.
    let mut mini = c.read(&root_chain);
    mini.truncate(u32_at(root, 120).unwrap_or(0));
    let root = Layout { size: sector, starts: c.starts(&root_chain) };
    let minifat_bytes = c.read(&c.chain(header(60))?);
    let minifat: Vec<usize> = (0..minifat_bytes.len() / 4)
        .filter_map(|k| u32_at(&minifat_bytes, 4 * k))
        .collect();
    let (mut out, mut starts) = (Vec::new(), Vec::new());
    let mut id = start;
    while id < NOT_A_SECTOR && out.len() < len {
        if out.len() > mini.len() {
            return Err("its chain of mini sectors loops");
        }
        let s = mini.get(64 * id..64 * id + 64).ok_or(PAST_END)?;
        out.extend_from_slice(s);
        starts.push(root.at(64 * id).unwrap_or(usize::MAX));
        id = minifat.get(id).copied().unwrap_or(NOT_A_SECTOR);
    }
    Ok(Some((out, Layout { size: 64, starts })))
}

/// A formula record too short for calamine.
const CUT: &str = "a formula's record is shorter than its fields";

/// Refuses a sheet's cell record that calamine 0.35 reads past (a
/// `MULRK` whose last column is before its first: calamine subtracts
/// them unchecked, found by the fuzz target), and returns where each cell
/// formula of the sheets (`FORMULA`, MS-XLS 2.4.127) holds its token count
/// (`cce`, two bytes at offset 20 of the record): stream offsets, for the
/// caller to zero.
///
/// calamine 0.35 reads every cell's formula as it opens a file
/// (`parse_formula`), indexing the tokens without bounds checks, and a
/// damaged token stream panics there: the fuzz target `workbook_bytes`
/// found one. Natively the panic is caught, but the WebAssembly module is
/// built to abort on a panic. ocop reads the values a formula left in
/// its record, never the formula, so a formula counted as empty is read
/// exactly as before, and no token is parsed. A record of 20 or 21 bytes
/// has no room for the count, which calamine reads anyway: refused.
fn cells(data: &[u8]) -> Result<Vec<usize>, &'static str> {
    let mut out = Vec::new();
    for start in sheet_starts(data) {
        for (at, typ, body) in records(data, start).skip(1) {
            if typ == 0x000A {
                break;
            }
            match (typ, body.len()) {
                (0x0006, 20 | 21) => return Err(CUT),
                (0x0006, 22..) => out.push(at + 20),
                (0x00BD, n @ 6..) => {
                    let first = u16_at(body, 2);
                    if u16_at(body, n - 2) < first {
                        return Err("a row of numbers ends before it begins");
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}

/// Where each sheet's records begin in the workbook stream, as its
/// `BOUNDSHEET` record says (calamine reads the sheets from there).
fn sheet_starts(data: &[u8]) -> Vec<usize> {
    records(data, 0)
        .take_while(|(_, typ, _)| *typ != 0x000A)
        .filter(|(_, typ, _)| *typ == 0x0085)
        .filter_map(|(_, _, body)| u32_at(body, 0))
        .collect()
}

/// The records of a workbook stream from byte `at`: where each one's data
/// begins, its type and its data.
fn records(
    data: &[u8],
    mut at: usize,
) -> impl Iterator<Item = (usize, u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(data, at)? as u16;
        let len = u16_at(data, at + 2)?;
        let body = data.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((at - len, typ, body))
    })
}

/// Refuses a workbook stream whose `BOF` or defined-name (`Lbl`, MS-XLS
/// 2.4.150) records are too short for the fields calamine 0.35 reads from
/// them without a bounds check (`parse_bof`, `parse_lbl`,
/// `parse_defined_names`). Natively its panic is caught, but the
/// WebAssembly module is built to abort on a panic, so a damaged name
/// would stop the page's module: the fuzz target `workbook_bytes` found
/// one. The lengths are calamine's own reads.
fn names(data: &[u8]) -> Result<(), &'static str> {
    const SHORT: &str = "a defined name's record is shorter than its fields";
    // calamine reads BIFF8 until a BOF says otherwise.
    let mut biff8 = true;
    for (_, typ, body) in records(data, 0).take_while(|r| r.1 != 0x000A) {
        match typ {
            0x0809 => {
                let version =
                    u16_at(body, 0).ok_or("a BOF record is empty")?;
                let kind = u16_at(body, 2).unwrap_or(0);
                let older = matches!(
                    version,
                    0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500
                );
                biff8 = !(older || version == 0 && kind == 0x1000);
            }
            0x0018 => {
                let cch = *body.get(3).ok_or(SHORT)? as usize;
                let cce = u16_at(body, 4).ok_or(SHORT)?;
                let text = if biff8 { 15 + cch } else { 14 };
                if body.len() < text || cce > body.len() {
                    return Err(SHORT);
                }
                let rgce = &body[body.len() - cce..];
                let need = match rgce.first() {
                    Some(0x3a | 0x5a | 0x7a) => [18, 7],
                    Some(0x3b | 0x5b | 0x7b) => [21, 11],
                    Some(0x3c | 0x5c | 0x7c | 0x3d | 0x5d | 0x7d) => [13, 3],
                    _ => [0, 0],
                };
                if rgce.len() < need[biff8 as usize] {
                    return Err(SHORT);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The sheets of a workbook stream as calamine lays them out: each from
/// its first to its last used cell, and the room its `DIMENSIONS` record
/// reserves.
fn sheets(data: &[u8], name: &str) -> Result<(), Error> {
    let mut total: usize = 0;
    for (k, start) in sheet_starts(data).into_iter().enumerate() {
        let (mut r0, mut r1, mut c0, mut c1) = (usize::MAX, 0, usize::MAX, 0);
        let records = records(data, start).skip(1);
        for (_, typ, body) in records.take_while(|r| r.1 != 0x000A) {
            let (row, first, last) = match typ {
                0x0200 => {
                    if dimensions_reserve(body) > limits::CELLS {
                        let at = format!("{name}: sheet {}", k + 1);
                        return Err(over_xls(&at, "declares"));
                    }
                    continue;
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    let (Some(r), Some(c)) =
                        (u16_at(body, 0), u16_at(body, 2))
                    else {
                        continue;
                    };
                    (r, c, c)
                }
                0x00BD => {
                    let (Some(r), Some(c), Some(l)) = (
                        u16_at(body, 0),
                        u16_at(body, 2),
                        body.len()
                            .checked_sub(2)
                            .and_then(|i| u16_at(body, i)),
                    ) else {
                        continue;
                    };
                    (r, c, l.max(c))
                }
                _ => continue,
            };
            r0 = r0.min(row);
            r1 = r1.max(row);
            c0 = c0.min(first);
            c1 = c1.max(last);
        }
        if r0 <= r1 && c0 <= c1 {
            total = total
                .saturating_add((r1 - r0 + 1).saturating_mul(c1 - c0 + 1));
            if total > limits::CELLS {
                let sheet = format!("sheet {}", k + 1);
                let at = layout::cell(&sheet, r1 as u32, c1 as u32);
                return Err(over_xls(&format!("{name}: {at}"), "lays out"));
            }
        }
    }
    Ok(())
}

/// The cells calamine reserves for a sheet's `DIMENSIONS` record (MS-XLS
/// 2.4.90) before it reads a cell, computed as calamine 0.35 computes it
/// (`parse_dimensions`, then `end - start + 1` per axis). In a release
/// build that arithmetic wraps: a last row above the first asks for four
/// billion rows, an abort no `catch_unwind` can stop. So the count here
/// wraps exactly as calamine's does, rather than being a sane reading of
/// the record.
fn dimensions_reserve(body: &[u8]) -> usize {
    let field = |i: usize, wide: bool| -> u32 {
        if wide {
            u32_at(body, i).unwrap_or(0) as u32
        } else {
            u16_at(body, i).unwrap_or(0) as u32
        }
    };
    let (rf, rl, cf, cl) = match body.len() {
        10 => (
            field(0, false),
            field(2, false),
            field(4, false),
            field(6, false),
        ),
        14 => {
            (field(0, true), field(4, true), field(8, false), field(10, false))
        }
        // calamine refuses any other length.
        _ => return 0,
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let (start, end) = if rl >= 1 && cl >= 1 {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as usize;
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as usize;
    rows.saturating_mul(cols)
}

fn over_xls(name: &str, what: &str) -> Error {
    limits::over(
        name.to_owned(),
        format!(
            "a sheet of the .xls file {what} more than {} cells (from its \
             first to its last used cell); split it into smaller files",
            limits::CELLS
        ),
    )
}

/// The LibreOffice-saved fixture with one `MULRK` record made a cell
/// formula whose token count runs past its record: what calamine 0.35's
/// `parse_formula` slices without a bounds check.
#[cfg(test)]
pub(crate) fn damaged_formula() -> Vec<u8> {
    let mut bytes =
        include_bytes!("../../tests/fixtures/tan-hong-2021.xls").to_vec();
    let Ok(Some((data, layout))) = stream(&bytes) else {
        panic!("the fixture is a compound file")
    };
    let start = sheet_starts(&data)[0];
    let (at, _, _) = records(&data, start)
        .find(|(_, typ, body)| *typ == 0x00BD && body.len() >= 24)
        .expect("a MULRK record of three cells");
    let mut set = |o: usize, b: u8| {
        let f = layout.at(o).expect("in the file");
        bytes[f] = b;
    };
    // Type FORMULA; a number (not a special value); 0xFFFF tokens.
    set(at - 4, 0x06);
    set(at - 3, 0x00);
    set(at + 12, 0);
    set(at + 13, 0);
    set(at + 20, 0xFF);
    set(at + 21, 0xFF);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A BIFF8 `DIMENSIONS` body: first row, row after the last, first
    /// column, column after the last, reserved.
    fn dims(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend(rf.to_le_bytes());
        b.extend(rl.to_le_bytes());
        b.extend(cf.to_le_bytes());
        b.extend(cl.to_le_bytes());
        b.extend([0, 0]);
        b
    }

    /// A record: its type, length and data.
    fn record(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((body.len() as u16).to_le_bytes());
        r.extend(body);
        r
    }

    #[test]
    fn a_defined_name_shorter_than_its_text_is_refused() {
        // BIFF8, a name of 5 characters in a record of 14 bytes: calamine
        // would slice past its end (the fuzz target's finding).
        let mut lbl = vec![0; 14];
        lbl[3] = 5;
        let stream =
            [record(0x0809, &[0, 6, 5, 0]), record(0x0018, &lbl)].concat();
        assert!(names(&stream).is_err());
        // The same name with its text and a one-byte formula is read.
        let mut lbl = vec![0; 14];
        lbl[3] = 5;
        lbl[4] = 1;
        lbl.extend([0, b'P', b'r', b'i', b'n', b't', 0x17]);
        let stream =
            [record(0x0809, &[0, 6, 5, 0]), record(0x0018, &lbl)].concat();
        assert_eq!(names(&stream), Ok(()));
        // A reference whose formula is cut short is refused.
        let mut lbl = vec![0; 14];
        lbl[3] = 1;
        lbl[4] = 3;
        lbl.extend([0, b'A', 0x3a, 0, 0]);
        let stream =
            [record(0x0809, &[0, 6, 5, 0]), record(0x0018, &lbl)].concat();
        assert!(names(&stream).is_err());
    }

    #[test]
    fn each_cell_formula_has_its_token_count_found_and_a_cut_one_is_refused() {
        let formula = |len: usize| record(0x0006, &vec![7; len]);
        let sheet = |body: &[Vec<u8>]| {
            // Globals: BOF, one BOUNDSHEET pointing past the EOF, EOF.
            let globals_len = 8 + 4 + 8 + 4;
            let mut s = [
                record(0x0809, &[0, 6, 5, 0]),
                record(0x0085, &[globals_len as u8, 0, 0, 0, 0, 0, 0, 0]),
                record(0x000A, &[]),
            ]
            .concat();
            assert_eq!(s.len(), globals_len);
            s.extend(record(0x0809, &[0, 6, 0x10, 0]));
            body.iter().for_each(|r| s.extend(r));
            s.extend(record(0x000A, &[]));
            // Past the sheet's EOF, nothing is read.
            s.extend(formula(21));
            s
        };
        let s = sheet(&[formula(19), formula(30), record(0x0203, &[0; 14])]);
        // The second formula's body begins after the globals, the sheet's
        // BOF, the first formula and its own header.
        assert_eq!(cells(&s), Ok(vec![24 + 8 + 23 + 4 + 20]));
        assert_eq!(s[24 + 8 + 23 + 4 + 20], 7);
        // Too short for calamine's check (under 20 bytes) is calamine's
        // own error; 20 or 21 bytes would be read past.
        assert_eq!(cells(&sheet(&[formula(21)])), Err(CUT));
        assert_eq!(cells(&sheet(&[formula(20)])), Err(CUT));
        assert_eq!(cells(&sheet(&[formula(19)])), Ok(vec![]));
        // A row of numbers (MULRK): row, first column, cells, last column.
        let mul = |first: u16, last: u16| {
            let mut b = vec![0, 0];
            b.extend(first.to_le_bytes());
            b.extend([0; 6]);
            b.extend(last.to_le_bytes());
            record(0x00BD, &b)
        };
        assert_eq!(cells(&sheet(&[mul(3, 3)])), Ok(vec![]));
        assert!(cells(&sheet(&[mul(3, 2)])).is_err());
    }

    #[test]
    fn a_sane_dimensions_record_reserves_its_rectangle() {
        assert_eq!(dimensions_reserve(&dims(0, 10, 0, 8)), 80);
        assert_eq!(dimensions_reserve(&dims(0, 0, 0, 0)), 1);
    }

    #[test]
    fn a_last_row_above_the_first_reserves_what_calamine_would() {
        // calamine computes (5 - 1) - 6 + 1 rows, which wraps to 2^32 - 1
        // in a release build: far over the budget, so refused.
        assert!(dimensions_reserve(&dims(6, 5, 0, 8)) > limits::CELLS);
        // Equal first and after-last rows are an empty sheet: no rows.
        assert_eq!(dimensions_reserve(&dims(5, 5, 0, 8)), 0);
    }
}
