//! Writing the layout: a blank template, or evaluations filled in, as
//! `.xlsx` (rust_xlsxwriter) or as the CSV form.

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::catalog::CriteriaSet;
use crate::criteria::Criterion;
use crate::error::{CellIssue, CellProblem, Error, ErrorKind, Result};
use crate::evaluation::{Answer, Evaluation};

use super::grid::composed;
use super::layout::{self, Field, PRODUCT_FIELDS, Reserved};
use super::limits;
use super::resolve;

/// One product to write: its evaluation (members and answers, or none
/// answered for a template) and its set.
pub(crate) type Product<'e, 'c> = (&'e Evaluation<'e>, &'c CriteriaSet);

pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    ErrorKind::Io { path: "workbook".into(), message: e.to_string() }.into()
}

/// Whether a worksheet can be made: rust_xlsxwriter gives each one a
/// temporary file (the constant-memory mode the results workbook streams
/// through) and panics when it cannot make it, so every writer of a
/// workbook asks here first, and an unwritable temporary directory is an
/// [`ErrorKind::Io`] naming it. WebAssembly has no such files.
pub(crate) fn temp_files() -> Result<()> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let dir = std::env::temp_dir();
        let thread = format!("{:?}", std::thread::current().id());
        let probe = dir.join(format!(
            ".ocop-{}-{}",
            std::process::id(),
            thread.trim_start_matches("ThreadId(").trim_end_matches(')')
        ));
        std::fs::File::create(&probe).map_err(|e| ErrorKind::io(&dir, e))?;
        let _ = std::fs::remove_file(&probe);
    }
    Ok(())
}

/// The sheet name of each product: its id when that can be a sheet's
/// name and no other sheet has it (case aside), else `SP<n>`.
fn sheet_names(products: &[Product<'_, '_>]) -> Vec<String> {
    let mut used: HashSet<String> = HashSet::new();
    used.insert(layout::PRODUCTS.to_lowercase());
    let mut out = Vec::new();
    for (n, (ev, _)) in products.iter().enumerate() {
        let id = ev.id.as_deref().unwrap_or("");
        let name = if layout::sheet_name_ok(id)
            && !used.contains(&id.to_lowercase())
        {
            id.to_owned()
        } else {
            let mut k = n + 1;
            while used.contains(&format!("sp{k}")) {
                k += 1;
            }
            format!("SP{k}")
        };
        used.insert(name.to_lowercase());
        out.push(name);
    }
    out
}

/// The carried fields' names, in order of first appearance.
fn carried(products: &[Product<'_, '_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (ev, _) in products {
        for (k, _) in &ev.meta {
            if !out.iter().any(|x| x == &**k) {
                out.push(k.to_string());
            }
        }
    }
    out
}

/// The value of a product field, as text.
fn field_text(ev: &Evaluation<'_>, f: Field) -> Option<String> {
    match f {
        Field::Id => ev.id.as_deref().map(str::to_owned),
        Field::Set => Some(ev.set.to_string()),
        Field::Edition => ev.edition.as_deref().map(str::to_owned),
        Field::Date => ev.date.as_deref().map(str::to_owned),
        Field::Submitted => ev.submitted.as_deref().map(str::to_owned),
        Field::Reevaluation => ev.reevaluation.then(|| "yes".to_owned()),
        Field::Knockouts => (!ev.knockouts.is_empty()).then(|| {
            ev.knockouts.iter().map(|k| &**k).collect::<Vec<_>>().join(", ")
        }),
        _ => None,
    }
}

/// A member's answer to a criterion, as its cell holds it.
enum Value {
    Points(u64),
    Text(String),
}

fn value(c: &Criterion, a: &Answer) -> Value {
    match resolve::cell_for(c, a) {
        Some(Ok(p)) => Value::Points(p),
        Some(Err(k)) => Value::Text(k),
        None => Value::Text(a.to_string()),
    }
}

/// The options as the `Phương án` cell prints them.
fn options_text(c: &Criterion) -> String {
    if c.yes_no {
        return format!("Đạt: {} đ · Không đạt: 0 đ", c.max);
    }
    let mut lines = Vec::new();
    let mut case = None;
    for (i, o) in c.options.iter().enumerate() {
        if o.case != case {
            case = o.case;
            if let Some(k) = case {
                let head =
                    c.cases.get(k as usize - 1).map_or("", String::as_str);
                lines.push(format!("TH{k}: {head}"));
            }
        }
        let points = match &o.unreadable {
            Some(p) => format!("{p} (không đọc được)"),
            None => format!("{} đ", o.points),
        };
        let gate = o
            .gate
            .as_ref()
            .map_or(String::new(), |g| format!(" [tối thiểu {}★]", g.stars));
        lines.push(format!("#{} · {points} · {}{gate}", i + 1, o.text));
    }
    lines.join("\n")
}

/// The star minimums a criterion carries: `3★ ≥ #2 (2 đ)`.
fn minimum_text(c: &Criterion) -> String {
    c.options
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            o.gate
                .as_ref()
                .map(|g| format!("{}★ ≥ #{} ({} đ)", g.stars, i + 1, o.points))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn notes_text(c: &Criterion) -> String {
    let mut n = c.notes.clone();
    if let Some(a) = &c.applies_if {
        n.push(format!(
            "Chỉ áp dụng khi {} là {}",
            a.criterion,
            a.options
                .iter()
                .map(|o| format!("#{o}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    n.join("\n")
}

/// The lines `text` takes in a column `width` units wide; a character of
/// text is narrower than the unit, a digit's width.
fn wrapped_lines(text: &str, width: f64) -> usize {
    text.lines()
        .map(|l| {
            ((l.chars().count() as f64 * 0.8) / width).ceil().max(1.0) as usize
        })
        .sum::<usize>()
        .max(1)
}

struct Formats {
    head: Format,
    group: Format,
    wrap: Format,
    gated: Format,
    code: Format,
}

fn formats() -> Formats {
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin).set_align(FormatAlign::Top)
    };
    Formats {
        head: border(
            Format::new()
                .set_bold()
                .set_background_color(0xD9E2F3)
                .set_text_wrap(),
        ),
        group: border(
            Format::new()
                .set_bold()
                .set_background_color(0xF2F2F2)
                .set_text_wrap(),
        ),
        wrap: border(Format::new().set_text_wrap()),
        gated: border(
            Format::new().set_text_wrap().set_background_color(0xFFF2CC),
        ),
        code: border(Format::new().set_num_format("@")),
    }
}

/// Refuses a member whose name would not read back as itself, at the
/// cell it would be written to: [`read`](super::read) trims names,
/// composes them (NFC), compares them without case, and takes a reserved
/// header (`Ghi chú`, `Mã`, ...) of a sheet of points for that column,
/// where JSON takes `m1` and `M1` as two members and any text as a name.
fn check_members(
    ev: &Evaluation<'_>,
    cell: impl Fn(usize) -> String,
    sheet: bool,
) -> Result<()> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (m, sheet_of) in ev.members.iter().enumerate() {
        let name = &*sheet_of.member;
        let problem = if name.trim().is_empty() {
            Some((CellIssue::UnnamedMember, "a member without a name".into()))
        } else if name.trim() != name || composed(name) != name {
            Some((
                CellIssue::DuplicateName,
                format!(
                    "member {name:?} would read back as {:?}: names are \
                     read trimmed and composed (NFC)",
                    composed(name.trim())
                ),
            ))
        } else if sheet && layout::reserved(name).is_some() {
            Some((
                CellIssue::DuplicateName,
                format!(
                    "member {name:?} is a reserved header of a sheet of \
                     points; rename the member"
                ),
            ))
        } else if let Some(other) = seen.insert(layout::folded(name), name) {
            Some((
                CellIssue::DuplicateName,
                format!(
                    "members {other:?} and {name:?} are one member in a \
                     workbook, whose names compare without case; rename one"
                ),
            ))
        } else if name.chars().count() > limits::TEXT_CHARS {
            Some((
                CellIssue::OverLimit,
                format!(
                    "a member's name of more than {} characters",
                    limits::TEXT_CHARS
                ),
            ))
        } else {
            None
        };
        if let Some((issue, message)) = problem {
            let p = CellProblem { cell: cell(m), issue, message };
            return Err(Error::from(ErrorKind::Workbook {
                problems: vec![p],
            })
            .for_product(ev.id.as_deref()));
        }
    }
    Ok(())
}

/// The workbook of `products`: the products sheet, then one sheet of
/// points each.
pub(crate) fn xlsx(products: &[Product<'_, '_>]) -> Result<Vec<u8>> {
    temp_files()?;
    let mut book = Workbook::new();
    // A fixed creation time, so that the same products give the same bytes.
    let when = ExcelDateTime::from_ymd(2026, 1, 1).map_err(xlsx_error)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let f = formats();
    let names = sheet_names(products);
    for ((ev, _), name) in products.iter().zip(&names) {
        // Members' columns follow the five reserved ones.
        let cell =
            |m: usize| layout::cell(name, 0, (heads().count() + m) as u32);
        check_members(ev, cell, true)?;
    }
    let carried = carried(products);
    products_sheet(book.add_worksheet(), products, &names, &carried, &f)
        .map_err(xlsx_error)?;
    for ((ev, set), name) in products.iter().zip(&names) {
        points_sheet(book.add_worksheet(), ev, set, name, &f)
            .map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

fn products_sheet(
    ws: &mut Worksheet,
    products: &[Product<'_, '_>],
    names: &[String],
    carried: &[String],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(layout::PRODUCTS)?;
    let mut col = 0u16;
    for field in PRODUCT_FIELDS {
        ws.write_string_with_format(0, col, layout::name(field), &f.head)?;
        ws.set_column_width(col, if field == Field::Set { 34 } else { 13 })?;
        col += 1;
    }
    for name in carried {
        ws.write_string_with_format(0, col, name, &f.head)?;
        ws.set_column_width(col, 18)?;
        col += 1;
    }
    for (r, ((ev, _), sheet)) in products.iter().zip(names).enumerate() {
        let row = r as u32 + 1;
        for (c, field) in PRODUCT_FIELDS.iter().enumerate() {
            let text = match field {
                Field::Sheet => (ev.id.as_deref() != Some(sheet.as_str()))
                    .then(|| sheet.clone()),
                _ => field_text(ev, *field),
            };
            if let Some(t) = text {
                ws.write_string(row, c as u16, t)?;
            }
        }
        for (k, name) in carried.iter().enumerate() {
            let c = (PRODUCT_FIELDS.len() + k) as u16;
            let v =
                ev.meta.iter().find(|(key, _)| &**key == name).map(|x| &x.1);
            match v {
                None => {}
                Some(serde_json::Value::Null) => {
                    ws.write_string(row, c, "null")?;
                }
                Some(serde_json::Value::String(s)) => {
                    ws.write_string(row, c, s)?;
                }
                Some(serde_json::Value::Bool(b)) => {
                    ws.write_boolean(row, c, *b)?;
                }
                Some(serde_json::Value::Number(n)) => match n.as_f64() {
                    Some(x) => {
                        ws.write_number(row, c, x)?;
                    }
                    None => {
                        ws.write_string(row, c, n.to_string())?;
                    }
                },
                Some(other) => {
                    ws.write_string(row, c, other.to_string())?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The reserved headers a sheet of points begins with, as the layout
/// names them; the notes' header follows the members.
fn heads() -> impl Iterator<Item = &'static str> {
    layout::RESERVED.iter().filter(|r| r.0 != Reserved::Notes).map(|r| r.1)
}

/// The notes' header.
fn notes() -> &'static str {
    layout::RESERVED
        .iter()
        .find(|r| r.0 == Reserved::Notes)
        .map_or("", |r| r.1)
}

fn points_sheet(
    ws: &mut Worksheet,
    ev: &Evaluation<'_>,
    set: &CriteriaSet,
    name: &str,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(name)?;
    let members = ev.members.len() as u16;
    let widths = [6.0, 38.0, 6.0, 58.0, 13.0];
    for (c, (h, w)) in heads().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.head)?;
        ws.set_column_width(c as u16, w)?;
    }
    let first = heads().count() as u16;
    for (m, sheet) in ev.members.iter().enumerate() {
        ws.write_string_with_format(
            0,
            first + m as u16,
            &*sheet.member,
            &f.head,
        )?;
        ws.set_column_width(first + m as u16, 9)?;
    }
    let notes_col = first + members;
    ws.write_string_with_format(0, notes_col, notes(), &f.head)?;
    ws.set_column_width(notes_col, 30)?;
    let mut row = 1u32;
    for (_, _, c) in set.sheet().criteria() {
        if c.header {
            ws.write_string_with_format(row, 0, &c.code, &f.group)?;
            ws.write_string_with_format(row, 1, &c.title, &f.group)?;
            ws.write_number_with_format(row, 2, c.max, &f.group)?;
            row += 1;
            continue;
        }
        ws.write_string_with_format(row, 0, &c.code, &f.code)?;
        ws.write_string_with_format(row, 1, &c.title, &f.wrap)?;
        ws.write_number_with_format(row, 2, c.max, &f.wrap)?;
        ws.write_string_with_format(row, 3, options_text(c), &f.wrap)?;
        let minimum = minimum_text(c);
        let fm = if minimum.is_empty() { &f.wrap } else { &f.gated };
        ws.write_string_with_format(row, 4, &minimum, fm)?;
        for (m, sheet) in ev.members.iter().enumerate() {
            let col = first + m as u16;
            let answer =
                sheet.answers.iter().find(|(code, _)| **code == *c.code);
            match answer.map(|(_, a)| value(c, a)) {
                Some(Value::Points(p)) => {
                    ws.write_number_with_format(row, col, p as f64, &f.wrap)?;
                }
                Some(Value::Text(t)) => {
                    ws.write_string_with_format(row, col, t, &f.wrap)?;
                }
                None => {
                    ws.write_blank(row, col, &f.wrap)?;
                }
            }
        }
        if members > 0 {
            let list = resolve::choices(c);
            let dv = DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_title("Điểm không có trong phương án")?
                .set_error_message(format!(
                    "Tiêu chí {}: chọn một trong {}",
                    c.code,
                    list.join(", ")
                ))?;
            ws.add_data_validation(row, first, row, first + members - 1, &dv)?;
        }
        let notes = notes_text(c);
        // Programs do not grow a row to its wrapped text on opening a
        // file, so each row is given the height its longest cell needs.
        let lines = [
            (c.title.as_str(), 38.0),
            (&options_text(c), 58.0),
            (&minimum, 13.0),
            (&notes, 30.0),
        ]
        .iter()
        .map(|(t, w)| wrapped_lines(t, *w))
        .max()
        .unwrap_or(1);
        ws.set_row_height(row, 14.0 * lines as f64)?;
        ws.write_string_with_format(row, notes_col, notes, &f.wrap)?;
        row += 1;
    }
    ws.set_freeze_panes(1, 1)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The CSV form of `products`: one row per product, member and answer, or
/// per product, member and criterion for a template (empty points).
pub(crate) fn csv(
    products: &[Product<'_, '_>],
    blank: bool,
) -> Result<Vec<u8>> {
    let carried = carried(products);
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: csv::Error| -> Error {
        ErrorKind::Io { path: "csv".into(), message: e.to_string() }.into()
    };
    let fields = [
        Field::Id,
        Field::Set,
        Field::Edition,
        Field::Date,
        Field::Member,
        Field::Criterion,
        Field::Points,
        Field::Option,
        Field::Submitted,
        Field::Reevaluation,
        Field::Knockouts,
    ];
    let mut head: Vec<String> =
        fields.iter().map(|f| layout::name(*f).to_owned()).collect();
    head.extend(carried.iter().cloned());
    w.write_record(&head).map_err(io)?;
    // Records written so far, the header's included.
    let mut written = 1;
    let member_col = fields.iter().position(|f| *f == Field::Member);
    for (ev, set) in products {
        // A member's first row follows the rows of those before.
        let mut row = written;
        let firsts: Vec<usize> = ev
            .members
            .iter()
            .map(|m| {
                let at = row;
                row += if blank {
                    set.sheet().criteria().filter(|c| !c.2.header).count()
                } else {
                    m.answers.len()
                };
                at
            })
            .collect();
        let cell = |m: usize| {
            layout::cell(
                "csv",
                firsts[m] as u32,
                member_col.unwrap_or(0) as u32,
            )
        };
        check_members(ev, cell, false)?;
        let meta: Vec<String> = carried
            .iter()
            .map(|k| {
                match ev.meta.iter().find(|(key, _)| &**key == k).map(|x| &x.1)
                {
                    None => String::new(),
                    Some(v) => super::flat::carried_text(v),
                }
            })
            .collect();
        let mut rows: Vec<(String, String, String, String)> = Vec::new();
        for m in &ev.members {
            if blank {
                for (_, _, c) in
                    set.sheet().criteria().filter(|(_, _, c)| !c.header)
                {
                    rows.push((
                        m.member.to_string(),
                        c.code.clone(),
                        String::new(),
                        String::new(),
                    ));
                }
                continue;
            }
            for (code, a) in &m.answers {
                let (p, o) =
                    match set.sheet().criterion(code).map(|c| value(c, a)) {
                        Some(Value::Points(p)) => {
                            (p.to_string(), String::new())
                        }
                        Some(Value::Text(t)) => match t.strip_prefix('#') {
                            Some(k) => (String::new(), k.to_owned()),
                            None => (t, String::new()),
                        },
                        None => (a.to_string(), String::new()),
                    };
                rows.push((m.member.to_string(), code.to_string(), p, o));
            }
        }
        if rows.is_empty() {
            rows.push(Default::default());
        }
        for (member, code, points, option) in rows {
            let mut rec: Vec<String> = Vec::new();
            for f in fields {
                rec.push(match f {
                    Field::Member => member.clone(),
                    Field::Criterion => code.clone(),
                    Field::Points => points.clone(),
                    Field::Option => option.clone(),
                    _ => field_text(ev, f).unwrap_or_default(),
                });
            }
            rec.extend(meta.iter().cloned());
            w.write_record(&rec).map_err(io)?;
            written += 1;
        }
    }
    w.into_inner().map_err(|e| {
        ErrorKind::Io { path: "csv".into(), message: e.to_string() }.into()
    })
}
