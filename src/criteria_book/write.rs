//! The template: a set's identity and rules on the first sheet, its
//! parts, groups, criteria and options on the second, one row each, with
//! drop-downs where the values are closed.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde_json::{Map, Value};

use super::layout::{
    self, COLUMNS, Col, GATES, HEADER, KEYS, KNOCKOUTS, Kind, STATUSES, YES_NO,
};
use crate::criteria::{Criterion, EditionInfo, PartId, Section, SetFile};
use crate::error::Result;
use crate::workbook::write::xlsx_error;

/// A value of a cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum V {
    Text(String),
    Number(u32),
}

impl V {
    fn text(s: impl Into<String>) -> V {
        V::Text(s.into())
    }
}

fn yes_no(b: bool) -> V {
    V::text(if b { "có" } else { "không" })
}

fn decimal(d: Decimal) -> V {
    V::Text(d.normalize().to_string())
}

/// The identity rows of a set and its edition: key and value cells (C
/// onwards). The reader compares a bundled edition's rows with these.
pub(crate) fn identity_rows(
    edition: &EditionInfo,
    set: Option<&SetFile>,
) -> Vec<(&'static str, Vec<V>)> {
    let mut rows = vec![("edition", vec![V::text(&edition.id)])];
    let text = |k: &'static str, t: Option<&str>| {
        (k, t.map_or_else(Vec::new, |t| vec![V::text(t)]))
    };
    match set {
        Some(s) => {
            rows.push(text("set", Some(&s.id)));
            rows.push(text("name", Some(&s.name)));
            rows.push((
                "number",
                s.number.map(V::Number).into_iter().collect(),
            ));
            rows.push(text("nganh", Some(&s.nganh)));
            rows.push(text("nhom", Some(&s.nhom)));
            rows.push(text("status", Some(&s.status.to_string())));
            rows.push(text("source", Some(&s.source)));
            rows.push(text("basis", s.basis.as_deref()));
            rows.push(text(
                "disqualified_when",
                s.disqualified_when.as_deref(),
            ));
            for n in &s.notes {
                rows.push(text("note", Some(n)));
            }
            for g in &s.gaps {
                rows.push((
                    "gap",
                    vec![
                        V::text(g.part.to_string()),
                        V::Number(g.points),
                        V::text(&g.text),
                    ],
                ));
            }
            let second = s
                .second_source
                .as_ref()
                .and_then(|x| serde_json::to_string(x).ok());
            rows.push(text("second_source", second.as_deref()));
        }
        None => {
            for k in ["set", "name", "number", "nganh", "nhom"] {
                rows.push((k, Vec::new()));
            }
            rows.push(text("status", Some("transcribed")));
            for k in [
                "source",
                "basis",
                "disqualified_when",
                "note",
                "gap",
                "second_source",
            ] {
                rows.push((k, Vec::new()));
            }
        }
    }
    rows.extend(edition_rows(edition));
    rows
}

/// The rows of an edition's rules.
pub(crate) fn edition_rows(e: &EditionInfo) -> Vec<(&'static str, Vec<V>)> {
    let mut rows = vec![("edition_name", vec![V::text(&e.name)])];
    for d in &e.decisions {
        rows.push((
            "decision",
            vec![V::text(&d.number), V::text(&d.date), V::text(&d.role)],
        ));
    }
    let f = &e.in_force;
    let mut dates = vec![V::text(&f.from)];
    dates.extend(f.until.as_deref().map(V::text));
    rows.push(("in_force", dates));
    rows.push((
        "in_force_certain",
        vec![yes_no(f.from_certain), yes_no(f.until_certain)],
    ));
    rows.push(("in_force_note", vec![V::text(&f.note)]));
    let p = &e.parts;
    rows.push((
        "part_max",
        vec![V::Number(p.a), V::Number(p.b), V::Number(p.c)],
    ));
    for b in &e.bands {
        rows.push((
            "band",
            vec![V::Number(b.stars.into()), decimal(b.min), V::text(&b.text)],
        ));
    }
    let r = &e.rounding;
    rows.push(("rounding", vec![V::Number(r.decimals), V::text(&r.source)]));
    rows.push((
        "spread",
        vec![V::Number(e.spread_limit), V::text(&e.spread_source)],
    ));
    rows.push(("gates", vec![V::text(e.gates.to_string())]));
    rows.push(("trust", vec![V::text(&e.trust)]));
    for s in &e.sources {
        rows.push(("edition_source", vec![V::text(s)]));
    }
    for g in &e.gaps {
        rows.push(("edition_gap", vec![V::text(g)]));
    }
    rows
}

/// One row of the criteria sheet: its cells by column.
pub(crate) type Row = Vec<(Col, V)>;

/// The fields of `value` (a serialized part, section, criterion or
/// option) that no column carries, as the `Khác (JSON)` cell holds them.
fn more(value: Value, columns: &[&str]) -> Option<V> {
    let Value::Object(mut map) = value else { return None };
    map.retain(|k, _| !columns.contains(&k.as_str()));
    (!map.is_empty()).then(|| V::Text(Value::Object(map).to_string()))
}

/// The fields each kind of row carries in columns (or in rows below it).
pub(crate) const PART_FIELDS: &[&str] = &["part", "title", "max", "sections"];
pub(crate) const SECTION_FIELDS: &[&str] =
    &["code", "title", "label", "max", "note", "criteria"];
pub(crate) const CRITERION_FIELDS: &[&str] = &[
    "code",
    "title",
    "label",
    "max",
    "header",
    "parent",
    "yes_no",
    "notes",
    "knockout",
    "applies_if",
    "cases",
    "options",
];
pub(crate) const OPTION_FIELDS: &[&str] = &["text", "points", "case", "gate"];

fn to_value<T: serde::Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// The rows of a set's sheet, in printed order.
pub(crate) fn criteria_rows(set: &SetFile) -> Vec<Row> {
    let mut rows = Vec::new();
    for p in &set.parts {
        let mut r = vec![
            (Col::Kind, V::text(Kind::Part.name())),
            (Col::Part, V::text(p.part.to_string())),
            (Col::Text, V::text(&p.title)),
            (Col::Max, V::Number(p.max)),
        ];
        let mut value = to_value(p);
        if let Value::Object(m) = &mut value {
            m.remove("sections");
        }
        r.extend(more(value, PART_FIELDS).map(|v| (Col::More, v)));
        rows.push(r);
        for s in &p.sections {
            section_rows(s, &mut rows);
        }
    }
    rows
}

fn section_rows(s: &Section, rows: &mut Vec<Row>) {
    let mut r = vec![
        (Col::Kind, V::text(Kind::Section.name())),
        (Col::Code, V::text(&s.code)),
        (Col::Text, V::text(&s.title)),
        (Col::Max, V::Number(s.max)),
        (Col::Label, V::text(&s.label)),
    ];
    let mut value = to_value(s);
    if let Value::Object(m) = &mut value {
        m.remove("criteria");
    }
    r.extend(more(value, SECTION_FIELDS).map(|v| (Col::More, v)));
    rows.push(r);
    if let Some(n) = &s.note {
        rows.push(vec![
            (Col::Kind, V::text(Kind::Note.name())),
            (Col::Text, V::text(n)),
        ]);
    }
    for c in &s.criteria {
        criterion_rows(c, rows);
    }
}

fn criterion_rows(c: &Criterion, rows: &mut Vec<Row>) {
    let mut r = vec![
        (Col::Kind, V::text(Kind::Criterion.name())),
        (Col::Code, V::text(&c.code)),
        (Col::Text, V::text(&c.title)),
        (Col::Max, V::Number(c.max)),
        (Col::Label, V::text(&c.label)),
    ];
    if let Some(k) = &c.knockout {
        let word = KNOCKOUTS
            .iter()
            .find(|(_, kind, zero)| *kind == k.kind && *zero == k.zero_points)
            .map_or("", |(w, _, _)| w);
        r.push((Col::Knockout, V::text(word)));
        r.push((Col::KnockoutText, V::text(&k.text)));
    }
    if let Some(a) = &c.applies_if {
        r.push((
            Col::AppliesIf,
            V::Text(applies_text(&a.criterion, &a.options)),
        ));
    }
    if c.header {
        r.push((Col::Type, V::text(HEADER)));
    } else if c.yes_no {
        r.push((Col::Type, V::text(YES_NO)));
    }
    if let Some(p) = &c.parent {
        r.push((Col::Parent, V::text(p)));
    }
    let mut value = to_value(c);
    if let Value::Object(m) = &mut value {
        // A knock-out's fields beyond kind, text and zero_points.
        if let Some(Value::Object(k)) = m.get("knockout") {
            let rest: Map<String, Value> = k
                .iter()
                .filter(|(f, _)| {
                    !["kind", "text", "zero_points"].contains(&f.as_str())
                })
                .map(|(f, v)| (f.clone(), v.clone()))
                .collect();
            if !rest.is_empty() {
                m.insert("knockout_more".into(), Value::Object(rest));
            }
        }
    }
    r.extend(more(value, CRITERION_FIELDS).map(|v| (Col::More, v)));
    rows.push(r);
    for n in &c.notes {
        rows.push(vec![
            (Col::Kind, V::text(Kind::Note.name())),
            (Col::Text, V::text(n)),
        ]);
    }
    for (i, h) in c.cases.iter().enumerate() {
        rows.push(vec![
            (Col::Kind, V::text(Kind::Case.name())),
            (Col::Case, V::Number(i as u32 + 1)),
            (Col::Text, V::text(h)),
        ]);
    }
    for o in &c.options {
        let mut r = vec![
            (Col::Kind, V::text(Kind::Option.name())),
            (Col::Text, V::text(&o.text)),
            (Col::Points, V::Number(o.points)),
        ];
        if let Some(g) = &o.gate {
            r.push((Col::Star, V::Number(g.stars.into())));
        }
        if let Some(k) = o.case {
            r.push((Col::Case, V::Number(k)));
        }
        let mut value = to_value(o);
        if let (Value::Object(m), Some(inf)) =
            (&mut value, o.gate.as_ref().and_then(|g| g.inferred.as_ref()))
        {
            m.insert("gate_inferred".into(), to_value(inf));
        }
        r.extend(more(value, OPTION_FIELDS).map(|v| (Col::More, v)));
        rows.push(r);
    }
}

/// `applies_if` as its cell says it: `5.1: 2, 3`.
pub(crate) fn applies_text(criterion: &str, options: &[u32]) -> String {
    let list: Vec<String> = options.iter().map(u32::to_string).collect();
    format!("{criterion}: {}", list.join(", "))
}

struct Formats {
    head: Format,
    key: Format,
    text: Format,
    wrap: Format,
    part: Format,
    section: Format,
    criterion: Format,
    help: Format,
}

fn formats() -> Formats {
    let border = |f: Format| {
        f.set_border(FormatBorder::Thin).set_align(FormatAlign::Top)
    };
    // Text cells stay text: a code typed as 1.10 must not become 1.1.
    let text = |f: Format| border(f.set_num_format("@").set_text_wrap());
    Formats {
        head: border(
            Format::new()
                .set_bold()
                .set_background_color(0xD9E2F3)
                .set_text_wrap(),
        ),
        key: border(Format::new().set_font_color(0x808080)),
        text: text(Format::new()),
        wrap: border(Format::new().set_text_wrap()),
        part: text(Format::new().set_bold().set_background_color(0xD9E2F3)),
        section: text(Format::new().set_bold().set_background_color(0xF2F2F2)),
        criterion: text(Format::new().set_bold()),
        help: Format::new()
            .set_italic()
            .set_font_color(0x606060)
            .set_text_wrap()
            .set_align(FormatAlign::Top),
    }
}

/// The template's bytes: the identity sheet and the criteria sheet,
/// pre-filled from `set` where one is given.
pub(crate) fn workbook(
    edition: &EditionInfo,
    set: Option<&SetFile>,
) -> Result<Vec<u8>> {
    crate::workbook::write::temp_files()?;
    let mut book = Workbook::new();
    // A fixed creation time: the same set gives the same bytes.
    let when = ExcelDateTime::from_ymd(2026, 1, 1).map_err(xlsx_error)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let f = formats();
    identity_sheet(book.add_worksheet(), edition, set, &f)
        .map_err(xlsx_error)?;
    let rows = match set {
        Some(s) => criteria_rows(s),
        None => PartId::ALL
            .iter()
            .map(|p| {
                vec![
                    (Col::Kind, V::text(Kind::Part.name())),
                    (Col::Part, V::text(p.to_string())),
                    (Col::Max, V::Number(edition.parts.get(*p))),
                ]
            })
            .collect(),
    };
    criteria_sheet(book.add_worksheet(), &rows, &f).map_err(xlsx_error)?;
    book.save_to_buffer().map_err(xlsx_error)
}

fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &V,
    f: &Format,
) -> std::result::Result<(), XlsxError> {
    match v {
        V::Text(t) => ws.write_string_with_format(row, col, t, f)?,
        V::Number(n) => ws.write_number_with_format(row, col, *n, f)?,
    };
    Ok(())
}

fn identity_sheet(
    ws: &mut Worksheet,
    edition: &EditionInfo,
    set: Option<&SetFile>,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(layout::IDENTITY)?;
    let heads =
        ["Khóa", "Mục", "Giá trị", "Giá trị 2", "Giá trị 3", "Hướng dẫn"];
    let widths = [16.0, 30.0, 48.0, 16.0, 40.0, 48.0];
    for (c, (h, w)) in heads.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, w)?;
    }
    let mut row = 1u32;
    for (key, values) in identity_rows(edition, set) {
        let Some(k) = KEYS.iter().find(|k| k.key == key) else { continue };
        if key == layout::FIRST_EDITION_KEY {
            ws.merge_range(row, 0, row, 5, RULES_HEADING, &f.help)?;
            row += 1;
        }
        ws.write_string_with_format(row, 0, k.key, &f.key)?;
        ws.write_string_with_format(row, 1, k.label, &f.wrap)?;
        for c in 2..5u16 {
            match values.get(usize::from(c - 2)) {
                Some(v) => put(ws, row, c, v, &f.text)?,
                None => drop(ws.write_blank(row, c, &f.text)?),
            };
        }
        ws.write_string_with_format(row, 5, k.help, &f.help)?;
        let tall = values
            .iter()
            .zip([48.0, 16.0, 40.0])
            .filter_map(|(v, w)| match v {
                V::Text(t) => Some(lines(t, w)),
                V::Number(_) => None,
            })
            .chain([lines(k.help, 48.0)])
            .max()
            .unwrap_or(1);
        if tall > 1 {
            ws.set_row_height(row, 15.0 * tall as f64)?;
        }
        let list: Option<&[&str]> = match key {
            "status" => Some(&STATUSES),
            "gates" => Some(&GATES),
            _ => None,
        };
        if let Some(list) = list {
            let dv = DataValidation::new().allow_list_strings(list)?;
            ws.add_data_validation(row, 2, row, 2, &dv)?;
        }
        if key == "band" {
            let dv = DataValidation::new()
                .allow_list_strings(&["1", "2", "3", "4", "5"])?;
            ws.add_data_validation(row, 2, row, 2, &dv)?;
        }
        if key == "gap" {
            let dv =
                DataValidation::new().allow_list_strings(&["A", "B", "C"])?;
            ws.add_data_validation(row, 2, row, 2, &dv)?;
        }
        row += 1;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The lines `text` takes in a column `width` units wide (a character
/// is a little narrower than the unit).
fn lines(text: &str, width: f64) -> usize {
    text.lines()
        .map(|l| {
            ((l.chars().count() as f64 * 0.85) / width).ceil().max(1.0)
                as usize
        })
        .sum::<usize>()
        .clamp(1, 12)
}

/// The heading above the edition's rules.
const RULES_HEADING: &str = "Quy định của phiên bản: chỉ đọc khi phiên bản \
    mới (chưa có trong ocop); với phiên bản đã có, phải giữ nguyên";

/// How many rows below the last the drop-downs reach, for rows typed in.
const SPARE_ROWS: u32 = 400;

fn criteria_sheet(
    ws: &mut Worksheet,
    rows: &[Row],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(layout::CRITERIA)?;
    ws.set_row_height(0, 30)?;
    for (c, (_, h, w)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &f.head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let kind = r.iter().find(|(c, _)| *c == Col::Kind).and_then(
            |(_, v)| match v {
                V::Text(t) => Kind::of(t),
                V::Number(_) => None,
            },
        );
        let fm = match kind {
            Some(Kind::Part) => &f.part,
            Some(Kind::Section) => &f.section,
            Some(Kind::Criterion) => &f.criterion,
            _ => &f.text,
        };
        // Rows as tall as their longest wrapped text: a spreadsheet does
        // not grow a row written with a height of its own.
        let lines = r
            .iter()
            .filter_map(|(c, v)| match v {
                V::Text(t) => Some(lines(t, COLUMNS[c.at() as usize].2)),
                V::Number(_) => None,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(row, 15.0 * lines as f64)?;
        }
        for (c, _, _) in COLUMNS {
            match r.iter().find(|(col, _)| *col == c) {
                Some((_, v)) => put(ws, row, c.at(), v, fm)?,
                None => drop(ws.write_blank(row, c.at(), fm)?),
            };
        }
    }
    let last = rows.len() as u32 + SPARE_ROWS;
    let lists: [(Col, Vec<String>); 5] = [
        (
            Col::Kind,
            layout::KINDS.iter().map(|(_, n)| n.to_string()).collect(),
        ),
        (Col::Part, PartId::ALL.iter().map(ToString::to_string).collect()),
        (Col::Star, (2..=5).map(|s: u8| s.to_string()).collect()),
        (
            Col::Knockout,
            KNOCKOUTS.iter().map(|(w, _, _)| w.to_string()).collect(),
        ),
        (Col::Type, vec![HEADER.to_owned(), YES_NO.to_owned()]),
    ];
    for (col, list) in lists {
        let list: Vec<&str> = list.iter().map(String::as_str).collect();
        let dv = DataValidation::new().allow_list_strings(&list)?;
        ws.add_data_validation(1, col.at(), last, col.at(), &dv)?;
    }
    ws.set_freeze_panes(1, 4)?;
    ws.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}
