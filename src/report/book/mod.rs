//! The results workbook: what `ocop report` computed, as sheets of number
//! cells. Each product's row comes from its scorecard, plan and
//! explanation, and the tables from the report's [`Summary`]; nothing is
//! computed again here.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::advice::{Explanation, Plan};
use crate::error::{Error, Result};
use crate::report::{self, Area, Outcome, Summary};
use crate::scorecard::Scorecard;

/// One product as the report saw it.
#[derive(Debug)]
struct Row {
    line: u64,
    result: std::result::Result<(Scorecard, Plan, Option<Explanation>), Error>,
}

/// The products of a report, gathered as it runs, and written with its
/// [`Summary`] as a workbook: sheets `Kết quả` (one row per product),
/// `Kế hoạch nâng hạng` (each plan, one step a row), `Chi tiết` (the
/// council's mean points per criterion and product), the report's lists
/// (`Sản phẩm cần hỗ trợ`, `Bị giữ dưới hạng`, `Đến hạn đánh giá lại`) and
/// its tables (`Sao theo địa bàn`, `Tiêu chí giữ hạng`, `Khoảng cách`).
///
/// # Example
///
/// ```
/// use ocop::{Catalog, report::{Results, Summary}};
///
/// let catalog = Catalog::official();
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let (card, plan) = catalog.score_and_plan(&ev, &Default::default())?;
/// let explained = catalog.explain(&ev, &Default::default())?;
/// let mut summary = Summary::default();
/// summary.add_plan(&card, &plan);
/// summary.add_with(1, &Ok(card.clone()), Some(catalog));
/// let mut results = Results::default();
/// results.add(1, Ok((card, plan, Some(explained))));
/// let bytes = results.xlsx(&summary, true)?;
/// assert!(bytes.starts_with(b"PK"));
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Results {
    rows: Vec<Row>,
}

/// A header in Vietnamese and in English.
type Words = (&'static str, &'static str);

/// What fills one sheet: the products, the summary, the sheet, the words
/// in the chosen language, the formats, and whether it is Vietnamese.
type Fill = fn(
    &Results,
    &Summary,
    &mut Worksheet,
    &dyn Fn(Words) -> &'static str,
    &Formats,
    bool,
) -> std::result::Result<(), XlsxError>;

impl Results {
    /// Adds product `line`: its scorecard, plan and (for `Chi tiết`)
    /// explanation, or the error in their place.
    pub fn add(
        &mut self,
        line: u64,
        result: Result<(Scorecard, Plan, Option<Explanation>)>,
    ) {
        self.rows.push(Row { line, result });
    }

    /// The workbook, headed in Vietnamese or in English.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when the writer fails.
    pub fn xlsx(
        &self,
        summary: &Summary,
        vietnamese: bool,
    ) -> Result<Vec<u8>> {
        let mut book = Workbook::new();
        let when = ExcelDateTime::from_ymd(2026, 1, 1)
            .map_err(crate::workbook::xlsx_error)?;
        book.set_properties(
            &DocProperties::new().set_creation_datetime(&when),
        );
        let w = |(vi, en): Words| if vietnamese { vi } else { en };
        let f = Formats::new();
        let sheets: [(&str, Fill); 9] = [
            ("Kết quả", Results::results),
            ("Kế hoạch nâng hạng", Results::plans),
            ("Chi tiết", Results::details),
            ("Sao theo địa bàn", Results::places),
            ("Sản phẩm cần hỗ trợ", Results::near),
            ("Bị giữ dưới hạng", Results::held_products),
            ("Đến hạn đánh giá lại", Results::renewals),
            ("Tiêu chí giữ hạng", Results::held),
            ("Khoảng cách", Results::distances),
        ];
        for (name, fill) in sheets {
            let ws = book.add_worksheet();
            (|| {
                ws.set_name(name)?;
                fill(self, summary, ws, &w, &f, vietnamese)?;
                // Columns as wide as their contents, up to about 40
                // characters (in pixels).
                ws.set_autofit_max_width(280).autofit();
                ws.set_freeze_panes(1, 0)?;
                ws.set_landscape()
                    .set_paper_size(9)
                    .set_print_fit_to_pages(1, 0);
                ws.set_repeat_rows(0, 0)?;
                Ok(())
            })()
            .map_err(crate::workbook::xlsx_error)?;
        }
        book.save_to_buffer().map_err(crate::workbook::xlsx_error)
    }

    fn cards(
        &self,
    ) -> impl Iterator<Item = (u64, &Scorecard, &Plan, Option<&Explanation>)>
    {
        self.rows.iter().filter_map(|r| {
            r.result.as_ref().ok().map(|(c, p, x)| (r.line, c, p, x.as_ref()))
        })
    }

    fn results(
        &self,
        _: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        vi: bool,
    ) -> std::result::Result<(), XlsxError> {
        // Carried fields, in order of first appearance; the record's star
        // has columns of its own.
        let mut carried: Vec<&str> = Vec::new();
        let mut members = 0;
        for (_, card, _, _) in self.cards() {
            members = members.max(card.members.len());
            for k in card.meta.keys() {
                if k != "recorded_star" && !carried.contains(&k.as_str()) {
                    carried.push(k);
                }
            }
        }
        let mut heads: Vec<String> =
            vec![w(("STT", "No.")).into(), "id".into()];
        heads.extend(carried.iter().map(|k| k.to_string()));
        heads.extend(
            [
                w(("Bộ tiêu chí", "Set")),
                w(("Phiên bản", "Edition")),
                w(("Thành viên", "Members")),
            ]
            .map(String::from),
        );
        heads.extend(
            (1..=members)
                .map(|m| format!("{} {m}", w(("Tổng TV", "Total M")))),
        );
        heads.extend(
            [
                ("TB phần A", "Mean A"),
                ("TB phần B", "Mean B"),
                ("TB phần C", "Mean C"),
                ("TB tổng", "Mean total"),
                ("Chênh lệch", "Spread"),
                ("Hạng theo điểm", "Band"),
                ("Sao", "Stars"),
                ("Kết quả", "Outcome"),
                ("Tối thiểu chưa đạt", "Failed minimums"),
                ("Điểm loại", "Knock-outs"),
                ("Sao đã ghi", "Recorded star"),
                ("Khớp", "Agrees"),
                ("Lỗi", "Error"),
            ]
            .map(|x| w(x).to_owned()),
        );
        header(ws, &heads, f)?;
        for (i, r) in self.rows.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_number(row, 0, r.line as f64)?;
            let mut c = 2u16;
            let Ok((card, _, _)) = &r.result else {
                if let Err(e) = &r.result {
                    if let Some(id) = e.product() {
                        ws.write_string(row, 1, id)?;
                    }
                    ws.write_string(
                        row,
                        heads.len() as u16 - 1,
                        e.to_string(),
                    )?;
                }
                continue;
            };
            if let Some(id) = &card.id {
                ws.write_string(row, 1, id)?;
            }
            for k in &carried {
                match card.meta.get(*k) {
                    Some(serde_json::Value::String(s)) => {
                        ws.write_string(row, c, s)?;
                    }
                    Some(serde_json::Value::Number(n)) => {
                        ws.write_number(row, c, n.as_f64().unwrap_or(0.0))?;
                    }
                    Some(serde_json::Value::Null) | None => {}
                    Some(v) => {
                        ws.write_string(row, c, v.to_string())?;
                    }
                }
                c += 1;
            }
            ws.write_string(row, c, &card.set)?;
            ws.write_string(row, c + 1, &card.edition)?;
            let names: Vec<&str> =
                card.members.iter().map(|m| m.member.as_str()).collect();
            ws.write_string(row, c + 2, names.join(", "))?;
            c += 3;
            for (m, res) in card.members.iter().enumerate() {
                ws.write_number(row, c + m as u16, res.total)?;
            }
            c += members as u16;
            let m = &card.mean;
            for d in [m.a, m.b, m.c, m.total] {
                decimal(ws, row, c, d, f)?;
                c += 1;
            }
            let rating = &card.rating;
            ws.write_number(row, c, card.spread.points)?;
            ws.write_number(row, c + 1, rating.band)?;
            if let Some(s) = rating.stars {
                ws.write_number(row, c + 2, s)?;
            }
            ws.write_string(
                row,
                c + 3,
                Outcome::of(rating.stars, rating.status).label(vi),
            )?;
            let failed: Vec<String> = rating
                .failed_gates
                .iter()
                .map(|g| format!("{}★ {}", g.stars, g.criterion))
                .collect();
            ws.write_string(row, c + 4, failed.join(", "))?;
            let ko: Vec<&str> =
                rating.knockouts.iter().map(|k| k.knockout.as_str()).collect();
            ws.write_string(row, c + 5, ko.join(", "))?;
            if let Some((recorded, agrees)) = report::record(card) {
                match recorded {
                    Some(s) => ws.write_number(row, c + 6, s)?,
                    None => {
                        ws.write_string(row, c + 6, w(("không", "none")))?
                    }
                };
                ws.write_string(row, c + 7, yes_no(w, agrees))?;
            }
        }
        Ok(())
    }

    fn plans(
        &self,
        _: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        _: bool,
    ) -> std::result::Result<(), XlsxError> {
        let heads = [
            ("STT", "No."),
            ("id", "id"),
            ("Mục tiêu", "Target"),
            ("Đạt được", "Reachable"),
            ("Số thay đổi", "Changes"),
            ("Bước", "Step"),
            ("Mã", "Code"),
            ("Tiêu chí", "Criterion"),
            ("Phương án", "Option"),
            ("Điểm", "Points"),
            ("TB trước", "Mean before"),
            ("TB sau", "Mean after"),
        ]
        .map(|x| w(x).to_owned());
        header(ws, &heads, f)?;
        let mut row = 1u32;
        for (line, card, plan, _) in self.cards() {
            let steps = plan.steps.len().max(1);
            for k in 0..steps {
                ws.write_number(row, 0, line as f64)?;
                if let Some(id) = &card.id {
                    ws.write_string(row, 1, id)?;
                }
                ws.write_number(row, 2, plan.target)?;
                ws.write_string(row, 3, yes_no(w, plan.reachable))?;
                ws.write_number(row, 4, plan.changes)?;
                if let Some(s) = plan.steps.get(k) {
                    ws.write_number(row, 5, k as f64 + 1.0)?;
                    step(ws, row, 6, s, f)?;
                }
                row += 1;
            }
        }
        Ok(())
    }

    fn details(
        &self,
        _: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        _: bool,
    ) -> std::result::Result<(), XlsxError> {
        let heads = [
            ("STT", "No."),
            ("id", "id"),
            ("Bộ tiêu chí", "Set"),
            ("Phần", "Part"),
            ("Mã", "Code"),
            ("Tiêu chí", "Criterion"),
            ("Tối đa", "Max"),
            ("TB hội đồng", "Council mean"),
            ("Còn thiếu", "Points left"),
        ]
        .map(|x| w(x).to_owned());
        header(ws, &heads, f)?;
        let mut row = 1u32;
        for (line, card, _, x) in self.cards() {
            let Some(x) = x else { continue };
            for c in &x.criteria {
                ws.write_number(row, 0, line as f64)?;
                if let Some(id) = &card.id {
                    ws.write_string(row, 1, id)?;
                }
                ws.write_string(row, 2, &card.set)?;
                ws.write_string(row, 3, c.part.to_string())?;
                ws.write_string(row, 4, &c.code)?;
                ws.write_string(row, 5, &c.title)?;
                ws.write_number(row, 6, c.max)?;
                decimal(ws, row, 7, c.council_points, f)?;
                decimal(ws, row, 8, c.points_left, f)?;
                row += 1;
            }
        }
        Ok(())
    }

    fn places(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        vi: bool,
    ) -> std::result::Result<(), XlsxError> {
        let levels = s.places.grouping().levels;
        let mut heads: Vec<String> = levels.clone();
        if heads.is_empty() {
            heads.push(w(("Địa bàn", "Place")).into());
        }
        heads.extend(Outcome::ALL.iter().map(|o| o.label(vi).to_owned()));
        heads.push(w(("Tổng", "Total")).into());
        header(ws, &heads, f)?;
        let depth = heads.len() - Outcome::ALL.len() - 1;
        let mut row = 1u32;
        fn walk(
            ws: &mut Worksheet,
            areas: &[Area],
            level: usize,
            depth: usize,
            row: &mut u32,
            none: &str,
        ) -> std::result::Result<(), XlsxError> {
            for a in areas {
                ws.write_string(
                    *row,
                    level as u16,
                    a.value.as_deref().unwrap_or(none),
                )?;
                for (k, n) in a.outcomes.row().iter().enumerate() {
                    ws.write_number(*row, (depth + k) as u16, *n as f64)?;
                }
                ws.write_number(
                    *row,
                    (depth + 8) as u16,
                    a.outcomes.total() as f64,
                )?;
                *row += 1;
                walk(ws, &a.within, level + 1, depth, row, none)?;
            }
            Ok(())
        }
        walk(
            ws,
            &s.places.areas(),
            0,
            depth,
            &mut row,
            w(("không ghi", "not given")),
        )?;
        Ok(())
    }

    /// The products one or two changes from their next star, one step a
    /// row, in the report's order.
    fn near(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        vi: bool,
    ) -> std::result::Result<(), XlsxError> {
        list_header(
            ws,
            w,
            f,
            &[
                ("Hiện tại", "Now"),
                ("Sao tiếp theo", "Next star"),
                ("Số thay đổi", "Changes"),
                ("Mã", "Code"),
                ("Tiêu chí", "Criterion"),
                ("Phương án", "Option"),
                ("Điểm", "Points"),
                ("TB trước", "Mean before"),
                ("TB sau", "Mean after"),
            ],
        )?;
        let g = s.places.grouping();
        let mut row = 1u32;
        for (_, c) in s.act.near_in_order(&s.places) {
            for st in &c.steps {
                named(ws, row, s, &g, &c.named, w)?;
                let now = Outcome::of(c.stars, c.status).label(vi);
                ws.write_string(row, 4, now)?;
                ws.write_number(row, 5, c.target)?;
                ws.write_number(row, 6, c.steps.len() as f64)?;
                step(ws, row, 7, st, f)?;
                row += 1;
            }
        }
        more(ws, row, s.act.near_count, s.act.near.len(), w)
    }

    /// The products a minimum holds below their band, one failed minimum
    /// a row, in the report's order.
    fn held_products(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        vi: bool,
    ) -> std::result::Result<(), XlsxError> {
        list_header(
            ws,
            w,
            f,
            &[
                ("Hạng theo điểm", "Band"),
                ("Hiện tại", "Now"),
                ("Hạng sao", "Tier"),
                ("Mã", "Code"),
                ("Tiêu chí", "Criterion"),
                ("Phương án tối thiểu", "Minimum option"),
                ("Điểm hội đồng", "Council points"),
            ],
        )?;
        let g = s.places.grouping();
        let mut row = 1u32;
        for (_, c) in s.act.held_in_order(&s.places) {
            for gate in &c.failed {
                named(ws, row, s, &g, &c.named, w)?;
                ws.write_number(row, 4, c.band)?;
                let now = Outcome::of(c.stars, c.status).label(vi);
                ws.write_string(row, 5, now)?;
                ws.write_number(row, 6, gate.stars)?;
                ws.write_string(row, 7, &gate.criterion)?;
                ws.write_string(row, 8, &gate.title)?;
                ws.write_number(row, 9, gate.required_option)?;
                decimal(ws, row, 10, gate.council_points, f)?;
                row += 1;
            }
        }
        more(ws, row, s.act.held_count, s.act.held.len(), w)
    }

    /// Certificates ending within the look-ahead, then those ended.
    fn renewals(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        vi: bool,
    ) -> std::result::Result<(), XlsxError> {
        list_header(
            ws,
            w,
            f,
            &[
                ("Sao đã công nhận", "Recorded star"),
                ("Ngày công nhận", "Recognised"),
                ("Hết hạn", "Ends"),
                ("Nộp hồ sơ từ", "File from"),
                ("Nộp hồ sơ đến", "File by"),
                ("Tình trạng", "State"),
                ("Bộ tiêu chí", "Edition"),
                ("Chấm lại", "Rescored"),
            ],
        )?;
        let Some(r) = &s.renewals else { return Ok(()) };
        let g = s.places.grouping();
        for (row, c) in (1u32..).zip(r.due.iter().chain(&r.ended)) {
            named(ws, row, s, &g, &c.named, w)?;
            if let Some(n) = c.recorded {
                ws.write_number(row, 4, n)?;
            }
            for (k, d) in [c.recognised, c.ends, c.file_from, c.file_by]
                .into_iter()
                .enumerate()
            {
                let (y, m, day) = d.ymd();
                let y = u16::try_from(y).unwrap_or(0);
                match ExcelDateTime::from_ymd(y, m, day) {
                    Ok(x) => ws.write_datetime_with_format(
                        row,
                        5 + k as u16,
                        &x,
                        &f.date,
                    )?,
                    Err(_) => {
                        ws.write_string(row, 5 + k as u16, d.to_string())?
                    }
                };
            }
            ws.write_string(row, 9, report::due_label(c.due, vi))?;
            if let Some(ed) = &c.edition {
                ws.write_string(row, 10, ed)?;
            }
            ws.write_string(row, 11, c.rescored(vi))?;
        }
        Ok(())
    }

    fn held(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        _: bool,
    ) -> std::result::Result<(), XlsxError> {
        let heads = [
            ("Mã", "Code"),
            ("Tiêu chí", "Criterion"),
            ("Hạng sao", "Tier"),
            ("Số sản phẩm", "Products"),
        ]
        .map(|x| w(x).to_owned());
        header(ws, &heads, f)?;
        let mut row = 1u32;
        for g in &s.held_by_gates {
            ws.write_string(row, 0, &g.criterion)?;
            ws.write_string(row, 1, &g.title)?;
            ws.write_number(row, 2, g.stars)?;
            ws.write_number(row, 3, g.products as f64)?;
            row += 1;
        }
        if s.held_other > 0 {
            ws.write_string(
                row,
                1,
                w(("các tiêu chí khác", "other criteria")),
            )?;
            ws.write_number(row, 3, s.held_other as f64)?;
        }
        Ok(())
    }

    fn distances(
        &self,
        s: &Summary,
        ws: &mut Worksheet,
        w: &dyn Fn(Words) -> &'static str,
        f: &Formats,
        _: bool,
    ) -> std::result::Result<(), XlsxError> {
        header(
            ws,
            &[
                w(("Số thay đổi để lên sao", "Changes to gain a star")).into(),
                w(("Số sản phẩm", "Products")).into(),
            ],
            f,
        )?;
        let Some(p) = &s.plans else { return Ok(()) };
        let labels = ["1", "2", "3", "4+"];
        for (k, n) in p.buckets().iter().enumerate() {
            ws.write_string(k as u32 + 1, 0, labels[k])?;
            ws.write_number(k as u32 + 1, 1, *n as f64)?;
        }
        ws.write_string(5, 0, w(("không thể đạt", "unreachable")))?;
        ws.write_number(5, 1, p.unreachable as f64)?;
        ws.write_string_with_format(
            7,
            0,
            w(("Tiêu chí nâng nhiều nhất", "Criteria raised most")),
            &f.head,
        )?;
        for (k, r) in p.raised.iter().enumerate() {
            let row = 8 + k as u32;
            ws.write_string(row, 0, format!("{} {}", r.criterion, r.title))?;
            ws.write_number(row, 1, r.plans as f64)?;
        }
        Ok(())
    }
}

/// The header of a list of products: the columns naming a product
/// (place, id, product, producer, filled by [`named`]), then `more`.
fn list_header(
    ws: &mut Worksheet,
    w: &dyn Fn(Words) -> &'static str,
    f: &Formats,
    more: &[Words],
) -> std::result::Result<(), XlsxError> {
    let naming = [
        ("Địa bàn", "Place"),
        ("Mã sản phẩm", "Product id"),
        ("Sản phẩm", "Product"),
        ("Chủ thể", "Producer"),
    ];
    let heads: Vec<String> =
        naming.iter().chain(more).map(|x| w(*x).to_owned()).collect();
    header(ws, &heads, f)
}

/// A plan step from column `col`: code, title, option, its points, and
/// the council's mean points before and after.
fn step(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &crate::advice::PlanStep,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.write_string(row, col, &s.criterion)?;
    ws.write_string(row, col + 1, &s.title)?;
    ws.write_string(row, col + 2, s.option.to_string())?;
    ws.write_number(row, col + 3, s.points)?;
    decimal(ws, row, col + 4, s.council_points_before, f)?;
    decimal(ws, row, col + 5, s.council_points_after, f)
}

/// "yes" or "no" in the sheet's language.
fn yes_no(w: &dyn Fn(Words) -> &'static str, b: bool) -> &'static str {
    w(if b { ("có", "yes") } else { ("không", "no") })
}

/// A product's place, id, product and producer in columns 0 to 3.
fn named(
    ws: &mut Worksheet,
    row: u32,
    s: &Summary,
    g: &report::Grouping,
    n: &report::ProductLabel,
    w: &dyn Fn(Words) -> &'static str,
) -> std::result::Result<(), XlsxError> {
    let place = s.places.line(g, &n.place, w(("không ghi", "not given")));
    ws.write_string(row, 0, place)?;
    for (k, v) in [&n.id, &n.product, &n.producer].into_iter().enumerate() {
        if let Some(v) = v {
            ws.write_string(row, 1 + k as u16, v)?;
        }
    }
    Ok(())
}

/// A last row counting the products a bounded list had no room for.
fn more(
    ws: &mut Worksheet,
    row: u32,
    count: u64,
    kept: usize,
    w: &dyn Fn(Words) -> &'static str,
) -> std::result::Result<(), XlsxError> {
    let left = count.saturating_sub(kept as u64);
    if left > 0 {
        ws.write_string(row, 0, w(("sản phẩm khác", "more products")))?;
        ws.write_number(row, 1, left as f64)?;
    }
    Ok(())
}

struct Formats {
    head: Format,
    two: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color(0xD9E2F3)
                .set_border(FormatBorder::Thin)
                .set_text_wrap(),
            two: Format::new().set_num_format("0.00"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

fn header(
    ws: &mut Worksheet,
    heads: &[String],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &f.head)?;
        let width = (h.chars().count() as f64 + 2.0).clamp(8.0, 40.0);
        ws.set_column_width(c as u16, width)?;
    }
    Ok(())
}

/// An exact mean as a number cell shown with 2 decimals. A spreadsheet
/// holds numbers as binary floats; the means have 2 decimals, which the
/// cell's format shows exactly.
fn decimal(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    d: Decimal,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    ws.write_number_with_format(row, col, d.to_f64().unwrap_or(0.0), &f.two)?;
    Ok(())
}
