//! A sheet of the results workbook that cannot fail on its data: text
//! over Excel's cell limit is cut with a visible mark and listed, a sheet
//! that would pass Excel's row limit continues on the next (`Chi tiết
//! (2)`), and each part is set up to print (landscape A4, the header row
//! on every page, columns as wide as their contents, fitted to the page
//! width only where the text stays readable).
//!
//! Rows are written in order, so each part can stream through a
//! temporary file (rust_xlsxwriter's constant-memory mode) where there are
//! files; the memory of a sheet then does not grow with its rows.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::date::Date;
use crate::workbook::cell;

/// The most characters Excel holds in a cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// The most rows Excel holds on a sheet, the header included.
pub const MAX_SHEET_ROWS: u32 = 1_048_576;

/// The mark that ends a cut text, in each language.
const CUT_MARK: (&str, &str) = (" … [đã cắt bớt]", " … [cut]");

/// The widest a column is made, in characters; longer text wraps.
const MAX_WIDTH: usize = 40;

/// The widest a header makes its column, in characters; a longer header
/// wraps onto more lines.
const HEAD_WIDTH: usize = 14;

/// The widest a sheet may be, in characters, and still be fitted to the
/// width of a landscape A4 page: about 130 characters fit at full size,
/// and this is them at 70%, the smallest a printed table stays readable.
/// A wider sheet prints across pages, its first columns repeated.
const FIT_WIDTH: usize = 185;

/// A header in Vietnamese and in English.
pub(super) type Words = (&'static str, &'static str);

/// A cell whose text was cut: where it is, whose it is and how long it
/// was.
pub(super) struct Cut {
    /// The sheet (part) and cell, as `Kết quả!F12`.
    cell: String,
    /// The input line of the product, when the sheet has one a row.
    line: Option<u64>,
    /// The product's id, itself cut to [`ID_CHARS`].
    id: Option<String>,
    /// The column's header.
    field: String,
    /// The length of the text in characters.
    chars: usize,
}

/// How much of an id the list of cuts quotes.
const ID_CHARS: usize = 200;

/// Who a row is about, for the list of cuts.
#[derive(Clone, Copy, Default)]
pub(super) struct Whose<'a> {
    pub line: Option<u64>,
    pub id: Option<&'a str>,
}

/// What every sheet shares: the workbook, the formats, the language, the
/// rows per sheet, and the cuts made so far.
pub(super) struct Ctx {
    pub book: Workbook,
    pub head: Format,
    pub two: Format,
    pub date: Format,
    pub vi: bool,
    /// Rows per sheet, the header included: Excel's limit, or fewer in
    /// tests.
    pub rows: u32,
    pub cuts: Vec<Cut>,
}

impl Ctx {
    pub fn new(vi: bool, rows: u32) -> Ctx {
        Ctx {
            book: Workbook::new(),
            head: Format::new()
                .set_bold()
                .set_background_color(0xD9E2F3)
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            two: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            vi,
            rows: rows.clamp(2, MAX_SHEET_ROWS),
            cuts: Vec::new(),
        }
    }

    /// The words in the workbook's language.
    pub fn words(&self, (vi, en): Words) -> &'static str {
        if self.vi { vi } else { en }
    }

    /// A new worksheet: streamed through a temporary file where there are
    /// files, in memory in WebAssembly.
    fn worksheet(&mut self) -> Worksheet {
        #[cfg(not(target_arch = "wasm32"))]
        let ws = self.book.new_worksheet_with_constant_memory();
        #[cfg(target_arch = "wasm32")]
        let ws = Worksheet::new();
        ws
    }

    /// A sheet named `name` headed `heads`.
    pub fn sheet(
        &mut self,
        name: &'static str,
        heads: Vec<String>,
    ) -> Result<Sheet, XlsxError> {
        let mut s = Sheet {
            name,
            heads,
            done: Vec::new(),
            ws: self.worksheet(),
            next: 0,
            widths: Vec::new(),
        };
        s.open(self)?;
        Ok(s)
    }
}

/// One sheet of the workbook, in as many parts as its rows need.
pub(super) struct Sheet {
    name: &'static str,
    heads: Vec<String>,
    done: Vec<Worksheet>,
    ws: Worksheet,
    /// The next row of the current part.
    next: u32,
    /// The widest text of each column of the current part, in
    /// characters.
    widths: Vec<usize>,
}

impl Sheet {
    /// The current part's name: the sheet's, then `name (2)`, ...
    fn part_name(&self) -> String {
        match self.done.len() {
            0 => self.name.to_owned(),
            k => format!("{} ({})", self.name, k + 1),
        }
    }

    /// Names the current part and writes its header row. A header
    /// wraps: it sets its column at least as wide as its longest word and
    /// up to [`HEAD_WIDTH`], and the row is as tall as its longest header
    /// then needs.
    fn open(&mut self, cx: &Ctx) -> Result<(), XlsxError> {
        self.ws.set_name(self.part_name())?;
        self.widths.clear();
        let mut lines = 1;
        for h in &self.heads {
            let chars = h.chars().count();
            let word = h.split(' ').map(|w| w.chars().count()).max();
            let width = word.unwrap_or(0).max(chars.min(HEAD_WIDTH)).max(1);
            lines = lines.max(chars.div_ceil(width));
            self.widths.push(width);
        }
        self.ws.set_row_height(0, 15 * lines.min(4) as u32)?;
        for (c, h) in self.heads.iter().enumerate() {
            self.ws.write_string_with_format(0, c as u16, h, &cx.head)?;
        }
        self.next = 1;
        Ok(())
    }

    /// The next row to write, on a new part when this one is full.
    pub fn row(&mut self, cx: &mut Ctx) -> Result<u32, XlsxError> {
        if self.next >= cx.rows {
            let full = std::mem::replace(&mut self.ws, cx.worksheet());
            let full = close(&self.widths, self.heads.len(), full)?;
            self.done.push(full);
            self.open(cx)?;
        }
        self.next += 1;
        Ok(self.next - 1)
    }

    fn widen(&mut self, col: u16, chars: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(chars);
    }

    /// `text`, cut to Excel's limit with a visible mark; the cut is listed
    /// with `whose` row it is.
    pub fn text(
        &mut self,
        cx: &mut Ctx,
        row: u32,
        col: u16,
        text: &str,
        whose: Whose<'_>,
    ) -> Result<(), XlsxError> {
        // Excel counts UTF-16 units; a character is one or two.
        let units = text.encode_utf16().count();
        if units <= MAX_CELL_CHARS {
            self.widen(col, text.chars().count());
            self.ws.write_string(row, col, text)?;
            return Ok(());
        }
        let mark = cx.words(CUT_MARK);
        let room = MAX_CELL_CHARS - mark.encode_utf16().count();
        let mut used = 0;
        let end = text
            .char_indices()
            .find(|(_, ch)| {
                used += ch.len_utf16();
                used > room
            })
            .map_or(text.len(), |(i, _)| i);
        let cut = format!("{}{mark}", &text[..end]);
        self.widen(col, MAX_WIDTH);
        self.ws.write_string(row, col, &cut)?;
        let cell = cell(&self.part_name(), row, u32::from(col));
        let id = whose.id.map(|id| id.chars().take(ID_CHARS).collect());
        let field =
            self.heads.get(usize::from(col)).cloned().unwrap_or_default();
        let chars = text.chars().count();
        cx.cuts.push(Cut { cell, line: whose.line, id, field, chars });
        Ok(())
    }

    /// A number.
    pub fn number(
        &mut self,
        row: u32,
        col: u16,
        x: impl Into<f64>,
    ) -> Result<(), XlsxError> {
        let x = x.into();
        self.widen(col, x.to_string().len());
        self.ws.write_number(row, col, x)?;
        Ok(())
    }

    /// An exact mean as a number cell shown with 2 decimals. A
    /// spreadsheet holds numbers as binary floats; the means have 2
    /// decimals, which the cell's format shows exactly.
    pub fn decimal(
        &mut self,
        cx: &Ctx,
        row: u32,
        col: u16,
        d: Decimal,
    ) -> Result<(), XlsxError> {
        self.widen(col, d.round_dp(2).to_string().len() + 1);
        let x = d.to_f64().unwrap_or(0.0);
        self.ws.write_number_with_format(row, col, x, &cx.two)?;
        Ok(())
    }

    /// A date cell, or its text where Excel has no such date.
    pub fn date(
        &mut self,
        cx: &mut Ctx,
        row: u32,
        col: u16,
        d: Date,
    ) -> Result<(), XlsxError> {
        let (y, m, day) = d.ymd();
        let y = u16::try_from(y).unwrap_or(0);
        match ExcelDateTime::from_ymd(y, m, day) {
            Ok(x) => {
                self.widen(col, 10);
                self.ws.write_datetime_with_format(row, col, &x, &cx.date)?;
                Ok(())
            }
            Err(_) => {
                self.text(cx, row, col, &d.to_string(), Whose::default())
            }
        }
    }

    /// A bold cell, such as a table's title within a sheet.
    pub fn title(
        &mut self,
        cx: &Ctx,
        row: u32,
        col: u16,
        text: &str,
    ) -> Result<(), XlsxError> {
        self.ws.write_string_with_format(row, col, text, &cx.head)?;
        Ok(())
    }

    /// Every part of the sheet, set up to print.
    pub fn finish(self) -> Result<Vec<Worksheet>, XlsxError> {
        let Sheet { mut done, ws, widths, heads, .. } = self;
        done.push(close(&widths, heads.len(), ws)?);
        Ok(done)
    }
}

/// Sets up a full part to print.
fn close(
    widths: &[usize],
    columns: usize,
    mut ws: Worksheet,
) -> Result<Worksheet, XlsxError> {
    let mut total = 0;
    for (c, w) in widths.iter().enumerate() {
        let w = (w + 2).clamp(6, MAX_WIDTH);
        total += w;
        ws.set_column_width(c as u16, w as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape().set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    if total <= FIT_WIDTH {
        ws.set_print_fit_to_pages(1, 0);
    } else if columns > 2 {
        // Too wide to fit readably: across pages, each starting with
        // the columns that name the row.
        ws.set_repeat_columns(0, 1)?;
    }
    Ok(ws)
}

/// The sheet that lists each cut: its cell, the product's line and id,
/// the column, and the length of the text. `None` when nothing was cut.
pub(super) fn cuts_sheet(cx: &mut Ctx) -> Result<Option<Sheet>, XlsxError> {
    if cx.cuts.is_empty() {
        return Ok(None);
    }
    let heads = [
        ("Ô", "Cell"),
        ("STT", "No."),
        ("id", "id"),
        ("Cột", "Column"),
        ("Số ký tự", "Characters"),
        ("Giữ lại", "Kept"),
    ]
    .map(|x| cx.words(x).to_owned())
    .to_vec();
    let mut s = cx.sheet("Đã cắt bớt", heads)?;
    let cuts = std::mem::take(&mut cx.cuts);
    let kept = MAX_CELL_CHARS - cx.words(CUT_MARK).encode_utf16().count();
    for c in &cuts {
        let row = s.row(cx)?;
        s.text(cx, row, 0, &c.cell, Whose::default())?;
        if let Some(line) = c.line {
            s.number(row, 1, line as f64)?;
        }
        if let Some(id) = &c.id {
            s.text(cx, row, 2, id, Whose::default())?;
        }
        s.text(cx, row, 3, &c.field, Whose::default())?;
        s.number(row, 4, c.chars as f64)?;
        s.number(row, 5, kept as f64)?;
    }
    Ok(Some(s))
}
