//! The report's lists and tables as sheets: stars by place, the products
//! to act on, certificates due, the minimums that hold products, and how
//! far plans find them. Each list is the [`Summary`]'s own, bounded and
//! in the report's order.

use rust_xlsxwriter::XlsxError;

use super::sheet::{Ctx, Sheet, Whose, Words};
use crate::advice::PlanStep;
use crate::report::{self, Area, Grouping, Outcome, ProductLabel, Summary};

type Made = std::result::Result<Sheet, XlsxError>;

/// Every table sheet, in the workbook's order.
pub(super) fn all(
    cx: &mut Ctx,
    s: &Summary,
) -> std::result::Result<Vec<Sheet>, XlsxError> {
    Ok(vec![
        places(cx, s)?,
        near(cx, s)?,
        held_products(cx, s)?,
        renewals(cx, s)?,
        held(cx, s)?,
        distances(cx, s)?,
    ])
}

fn heads(cx: &Ctx, words: &[Words]) -> Vec<String> {
    words.iter().map(|x| cx.words(*x).to_owned()).collect()
}

/// "yes" or "no" in the workbook's language.
pub(super) fn yes_no(cx: &Ctx, b: bool) -> &'static str {
    cx.words(if b { ("có", "yes") } else { ("không", "no") })
}

/// A plan step from column `col`: code, title, option, its points, and
/// the council's mean points before and after.
pub(super) fn step(
    cx: &mut Ctx,
    s: &mut Sheet,
    row: u32,
    col: u16,
    st: &PlanStep,
    whose: Whose<'_>,
) -> std::result::Result<(), XlsxError> {
    s.text(cx, row, col, &st.criterion, whose)?;
    s.text(cx, row, col + 1, &st.title, whose)?;
    s.text(cx, row, col + 2, &st.option.to_string(), whose)?;
    s.number(row, col + 3, st.points)?;
    s.decimal(cx, row, col + 4, st.council_points_before)?;
    s.decimal(cx, row, col + 5, st.council_points_after)
}

/// `Sao theo địa bàn`: outcomes per place, each level in its column.
fn places(cx: &mut Ctx, s: &Summary) -> Made {
    let levels = s.places.grouping().levels;
    let mut h: Vec<String> = levels.clone();
    if h.is_empty() {
        h.push(cx.words(("Địa bàn", "Place")).into());
    }
    h.extend(Outcome::ALL.iter().map(|o| o.label(cx.vi).to_owned()));
    h.push(cx.words(("Tổng", "Total")).into());
    let depth = (h.len() - Outcome::ALL.len() - 1) as u16;
    let mut sheet = cx.sheet("Sao theo địa bàn", h)?;
    let none = cx.words(("không ghi", "not given"));
    fn walk(
        cx: &mut Ctx,
        sheet: &mut Sheet,
        areas: &[Area],
        level: u16,
        depth: u16,
        none: &str,
    ) -> std::result::Result<(), XlsxError> {
        for a in areas {
            let row = sheet.row(cx)?;
            let name = a.value.as_deref().unwrap_or(none);
            sheet.text(cx, row, level, name, Whose::default())?;
            for (k, n) in a.outcomes.row().iter().enumerate() {
                sheet.number(row, depth + k as u16, *n as f64)?;
            }
            sheet.number(row, depth + 8, a.outcomes.total() as f64)?;
            walk(cx, sheet, &a.within, level + 1, depth, none)?;
        }
        Ok(())
    }
    walk(cx, &mut sheet, &s.places.areas(), 0, depth, none)?;
    Ok(sheet)
}

/// The header of a list of products: the columns naming a product
/// (place, id, product, producer, filled by [`label`]), then `more`.
fn list_sheet(cx: &mut Ctx, name: &'static str, more: &[Words]) -> Made {
    let naming = [
        ("Địa bàn", "Place"),
        ("Mã sản phẩm", "Product id"),
        ("Sản phẩm", "Product"),
        ("Chủ thể", "Producer"),
    ];
    let mut h = heads(cx, &naming);
    h.extend(heads(cx, more));
    cx.sheet(name, h)
}

/// A product's place, id, product and producer in columns 0 to 3.
fn label(
    cx: &mut Ctx,
    sheet: &mut Sheet,
    row: u32,
    s: &Summary,
    g: &Grouping,
    n: &ProductLabel,
) -> std::result::Result<(), XlsxError> {
    let whose = Whose { line: None, id: n.id.as_deref() };
    let place =
        s.places.line(g, &n.place, cx.words(("không ghi", "not given")));
    sheet.text(cx, row, 0, &place, whose)?;
    for (k, v) in [&n.id, &n.product, &n.producer].into_iter().enumerate() {
        if let Some(v) = v {
            sheet.text(cx, row, 1 + k as u16, v, whose)?;
        }
    }
    Ok(())
}

/// A last row counting the products a bounded list had no room for.
fn more(
    cx: &mut Ctx,
    sheet: &mut Sheet,
    count: u64,
    kept: usize,
) -> std::result::Result<(), XlsxError> {
    let left = count.saturating_sub(kept as u64);
    if left > 0 {
        let row = sheet.row(cx)?;
        let words = cx.words(("sản phẩm khác", "more products"));
        sheet.text(cx, row, 0, words, Whose::default())?;
        sheet.number(row, 1, left as f64)?;
    }
    Ok(())
}

/// `Sản phẩm cần hỗ trợ`: the products one or two changes from their
/// next star, one step a row, in the report's order.
fn near(cx: &mut Ctx, s: &Summary) -> Made {
    let mut sheet = list_sheet(
        cx,
        "Sản phẩm cần hỗ trợ",
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
    for (_, c) in s.act.near_in_order(&s.places) {
        let whose = Whose { line: None, id: c.named.id.as_deref() };
        for st in &c.steps {
            let row = sheet.row(cx)?;
            label(cx, &mut sheet, row, s, &g, &c.named)?;
            let now = Outcome::of(c.stars, c.status).label(cx.vi);
            sheet.text(cx, row, 4, now, whose)?;
            sheet.number(row, 5, c.target)?;
            sheet.number(row, 6, c.steps.len() as f64)?;
            step(cx, &mut sheet, row, 7, st, whose)?;
        }
    }
    more(cx, &mut sheet, s.act.near_count, s.act.near.len())?;
    Ok(sheet)
}

/// `Bị giữ dưới hạng`: the products a minimum holds below their band,
/// one failed minimum a row, in the report's order.
fn held_products(cx: &mut Ctx, s: &Summary) -> Made {
    let mut sheet = list_sheet(
        cx,
        "Bị giữ dưới hạng",
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
    for (_, c) in s.act.held_in_order(&s.places) {
        let whose = Whose { line: None, id: c.named.id.as_deref() };
        for gate in &c.failed {
            let row = sheet.row(cx)?;
            label(cx, &mut sheet, row, s, &g, &c.named)?;
            sheet.number(row, 4, c.band)?;
            let now = Outcome::of(c.stars, c.status).label(cx.vi);
            sheet.text(cx, row, 5, now, whose)?;
            sheet.number(row, 6, gate.stars)?;
            sheet.text(cx, row, 7, &gate.criterion, whose)?;
            sheet.text(cx, row, 8, &gate.title, whose)?;
            sheet.number(row, 9, gate.required_option)?;
            sheet.decimal(cx, row, 10, gate.council_points)?;
        }
    }
    more(cx, &mut sheet, s.act.held_count, s.act.held.len())?;
    Ok(sheet)
}

/// `Đến hạn đánh giá lại`: certificates ending within the look-ahead,
/// then those ended.
fn renewals(cx: &mut Ctx, s: &Summary) -> Made {
    let mut sheet = list_sheet(
        cx,
        "Đến hạn đánh giá lại",
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
    let Some(r) = &s.renewals else { return Ok(sheet) };
    let g = s.places.grouping();
    for c in r.due.iter().chain(&r.ended) {
        let whose = Whose { line: None, id: c.named.id.as_deref() };
        let row = sheet.row(cx)?;
        label(cx, &mut sheet, row, s, &g, &c.named)?;
        if let Some(n) = c.recorded {
            sheet.number(row, 4, n)?;
        }
        let days = [c.recognised, c.ends, c.file_from, c.file_by];
        for (k, d) in days.into_iter().enumerate() {
            sheet.date(cx, row, 5 + k as u16, d)?;
        }
        let due = report::due_label(c.due, cx.vi);
        sheet.text(cx, row, 9, due, whose)?;
        if let Some(ed) = &c.edition {
            sheet.text(cx, row, 10, ed, whose)?;
        }
        sheet.text(cx, row, 11, &c.rescored(cx.vi), whose)?;
    }
    Ok(sheet)
}

/// `Tiêu chí giữ hạng`: the minimums that held products, most first.
fn held(cx: &mut Ctx, s: &Summary) -> Made {
    let h = heads(
        cx,
        &[
            ("Mã", "Code"),
            ("Tiêu chí", "Criterion"),
            ("Hạng sao", "Tier"),
            ("Số sản phẩm", "Products"),
        ],
    );
    let mut sheet = cx.sheet("Tiêu chí giữ hạng", h)?;
    for g in &s.held_by_gates {
        let row = sheet.row(cx)?;
        sheet.text(cx, row, 0, &g.criterion, Whose::default())?;
        sheet.text(cx, row, 1, &g.title, Whose::default())?;
        sheet.number(row, 2, g.stars)?;
        sheet.number(row, 3, g.products as f64)?;
    }
    if s.held_other > 0 {
        let row = sheet.row(cx)?;
        let other = cx.words(("các tiêu chí khác", "other criteria"));
        sheet.text(cx, row, 1, other, Whose::default())?;
        sheet.number(row, 3, s.held_other as f64)?;
    }
    Ok(sheet)
}

/// `Khoảng cách`: how many changes plans need, and the criteria they
/// raise most.
fn distances(cx: &mut Ctx, s: &Summary) -> Made {
    let h = heads(
        cx,
        &[
            ("Số thay đổi để lên sao", "Changes to gain a star"),
            ("Số sản phẩm", "Products"),
        ],
    );
    let mut sheet = cx.sheet("Khoảng cách", h)?;
    let Some(p) = &s.plans else { return Ok(sheet) };
    let labels = ["1", "2", "3", "4+"];
    for (label, n) in labels.iter().zip(p.buckets()) {
        let row = sheet.row(cx)?;
        sheet.text(cx, row, 0, label, Whose::default())?;
        sheet.number(row, 1, n as f64)?;
    }
    let row = sheet.row(cx)?;
    let words = cx.words(("không thể đạt", "unreachable"));
    sheet.text(cx, row, 0, words, Whose::default())?;
    sheet.number(row, 1, p.unreachable as f64)?;
    sheet.row(cx)?;
    let row = sheet.row(cx)?;
    let words = cx.words(("Tiêu chí nâng nhiều nhất", "Criteria raised most"));
    sheet.title(cx, row, 0, words)?;
    for r in &p.raised {
        let row = sheet.row(cx)?;
        let name = format!("{} {}", r.criterion, r.title);
        sheet.text(cx, row, 0, &name, Whose::default())?;
        sheet.number(row, 1, r.plans as f64)?;
    }
    Ok(sheet)
}
