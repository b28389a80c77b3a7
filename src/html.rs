//! A report people can look at: one self-contained HTML page (feature
//! `report`).
//!
//! Provincial and district offices act on a rescoring; they read pages,
//! not JSON Lines. [`page`] draws the panels of a [`Summary`], each a chart
//! with the table of its numbers beside it (the table is also the
//! accessible form): outcomes, stars by place, where mean totals fall and
//! how many sit just below a band edge, the minimums that held products
//! back, part means per set, councils that disagreed, recorded stars the
//! rescoring does not confirm, and how far products are from their next
//! star.
//!
//! The page needs nothing outside itself: CSS and SVG are inline, there
//! is no script, and no `src`, `href` or `url()` leaves the file, so it
//! reads offline, travels by e-mail, and prints on A4.
//!
//! Markup is written with maud, whose templates escape every value unless
//! told otherwise: a product named `<b>` shows as text. The charts are
//! SVG drawn by the small functions below, in the same templates; they
//! have tests of their own. Their pixel geometry is `f64`; no point,
//! total or mean goes through it. Every number in the tables is the
//! [`Summary`]'s own, written as it is, and carries a `data-n` JSON pointer
//! to it in the summary's JSON; chart labels (shares in per cent, sums of
//! a row) are derived from those numbers.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::report::{Counts, Summary};
use crate::scorecard::Status;

/// The language of the page's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English.
    En,
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Lang, String> {
        match s {
            "vi" => Ok(Lang::Vi),
            "en" => Ok(Lang::En),
            _ => Err(format!("unknown language {s:?}: vi or en")),
        }
    }
}

/// The page's words in one language.
struct Words {
    code: &'static str,
    title: &'static str,
    province: &'static str,
    lines: &'static str,
    scored: &'static str,
    rejected: &'static str,
    nothing: &'static str,
    overview: &'static str,
    outcome: &'static str,
    products: &'static str,
    outcomes: [&'static str; 8],
    first_errors: &'static str,
    line: &'static str,
    product: &'static str,
    error: &'static str,
    places: &'static str,
    place: &'static str,
    totals: &'static str,
    mean_total: &'static str,
    edge: &'static str,
    near: &'static str,
    held: &'static str,
    held_note: &'static str,
    criterion: &'static str,
    title_col: &'static str,
    tier: &'static str,
    none: &'static str,
    parts: &'static str,
    set: &'static str,
    spread: &'static str,
    highest: &'static str,
    lowest: &'static str,
    difference: &'static str,
    limit: &'static str,
    audit: &'static str,
    recorded: &'static str,
    recomputed: &'static str,
    not_recognised: &'static str,
    plans: &'static str,
    changes: &'static str,
    changes_n: [&'static str; 4],
    already: &'static str,
    unreachable: &'static str,
    raised: &'static str,
    plans_count: &'static str,
    made_by: &'static str,
}

const VI: Words = Words {
    code: "vi",
    title: "Báo cáo chấm điểm OCOP",
    province: "tỉnh",
    lines: "dòng",
    scored: "đã chấm",
    rejected: "bị từ chối",
    nothing: "Không có sản phẩm nào được chấm điểm.",
    overview: "Tổng quan",
    outcome: "Kết quả",
    products: "Sản phẩm",
    outcomes: [
        "5★",
        "4★",
        "3★",
        "2★",
        "1★",
        "Không đạt",
        "Bị loại",
        "Dừng đánh giá",
    ],
    first_errors: "Các dòng bị từ chối đầu tiên",
    line: "Dòng",
    product: "Sản phẩm",
    error: "Lỗi",
    places: "Số sao theo địa bàn",
    place: "Địa bàn",
    totals: "Phân bố điểm trung bình của hội đồng",
    mean_total: "Điểm trung bình",
    edge: "Ngưỡng hạng",
    near: "Sản phẩm thiếu dưới 3 điểm để lên hạng",
    held: "Tiêu chí tối thiểu giữ sản phẩm dưới hạng theo điểm",
    held_note: "Với mỗi sản phẩm: các tiêu chí chưa đạt ở hạng thấp nhất đã quyết định số sao.",
    criterion: "Tiêu chí",
    title_col: "Tên tiêu chí",
    tier: "Hạng",
    none: "Không có.",
    parts: "Điểm trung bình từng phần theo bộ tiêu chí",
    set: "Bộ tiêu chí",
    spread: "Hội đồng chấm chênh lệch quá giới hạn",
    highest: "Cao nhất",
    lowest: "Thấp nhất",
    difference: "Chênh lệch",
    limit: "Giới hạn",
    audit: "Đối chiếu với số sao đã công nhận",
    recorded: "Đã công nhận",
    recomputed: "Chấm lại",
    not_recognised: "Không công nhận",
    plans: "Khoảng cách tới sao tiếp theo",
    changes: "Số tiêu chí cần thay đổi",
    changes_n: ["1", "2", "3", "4+"],
    already: "Đã đạt mục tiêu",
    unreachable: "Không thể đạt",
    raised: "Tiêu chí cần nâng nhiều nhất",
    plans_count: "Số phương án",
    made_by: "Lập bằng ocop",
};

const EN: Words = Words {
    code: "en",
    title: "OCOP scoring report",
    province: "province",
    lines: "lines",
    scored: "scored",
    rejected: "rejected",
    nothing: "No product was scored.",
    overview: "Overview",
    outcome: "Outcome",
    products: "Products",
    outcomes: [
        "5★",
        "4★",
        "3★",
        "2★",
        "1★",
        "Not rated",
        "Eliminated",
        "Halted",
    ],
    first_errors: "First rejected lines",
    line: "Line",
    product: "Product",
    error: "Error",
    places: "Stars by place",
    place: "Place",
    totals: "Council mean totals",
    mean_total: "Mean total",
    edge: "Band edge",
    near: "Products within 3 points below an edge",
    held: "Minimums that held products below their band",
    held_note: "For each product: the failed minimums of the lowest failed tier, which decided its star.",
    criterion: "Criterion",
    title_col: "Title",
    tier: "Tier",
    none: "None.",
    parts: "Part means by criteria set",
    set: "Criteria set",
    spread: "Councils over the spread limit",
    highest: "Highest",
    lowest: "Lowest",
    difference: "Difference",
    limit: "Limit",
    audit: "Audit against recorded stars",
    recorded: "Recorded",
    recomputed: "Recomputed",
    not_recognised: "Not recognised",
    plans: "Distance to the next star",
    changes: "Criteria to change",
    changes_n: ["1", "2", "3", "4+"],
    already: "Already there",
    unreachable: "Unreachable",
    raised: "Criteria the plans raise most often",
    plans_count: "Plans",
    made_by: "Made with ocop",
};

/// How many rows a long list shows; the rest are counted.
const ROWS: usize = 200;

/// Rows of the criteria plans raise most often.
const RAISED: usize = 20;

const CSS: &str = "
:root{--s5:#1b5e20;--s4:#388e3c;--s3:#81c784;--s2:#ffb74d;--s1:#e57373;--nr:#9e9e9e;--el:#5d4037;--ha:#455a64}
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#222}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}
nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
section{border-top:2px solid #ddd;padding:.8rem 0;break-inside:avoid;page-break-inside:avoid}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.15rem .5rem;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.wrap{overflow-x:auto}
svg{width:100%;height:auto;max-width:46rem;display:block}
svg text{font-size:11px;fill:#333}
.s5{fill:var(--s5)}.s4{fill:var(--s4)}.s3{fill:var(--s3)}.s2{fill:var(--s2)}.s1{fill:var(--s1)}
.nr{fill:var(--nr)}.el{fill:var(--el)}.ha{fill:var(--ha)}.bar{fill:#5c6bc0}.edge{stroke:#c62828;stroke-dasharray:4 3}
.key span{display:inline-block;margin-right:.7rem}.key i{display:inline-block;width:.8rem;height:.8rem;margin-right:.25rem;vertical-align:-.1rem}
.muted{color:#666;font-size:.85rem}
@media print{@page{size:A4;margin:12mm}body{max-width:none;font-size:11pt}nav{display:none}}
";

/// The outcome classes, in the order of [`Counts::row`].
const CLASSES: [&str; 8] = ["s5", "s4", "s3", "s2", "s1", "nr", "el", "ha"];

/// A JSON pointer into the summary's serde form, for the cells that show
/// its numbers (a test reads every number on the page back through them).
fn ptr(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push('/');
        out.push_str(&p.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// A table cell holding a number of the summary, at `path`.
fn num(path: &str, value: impl std::fmt::Display) -> Markup {
    html! { td class="n" data-n=(path) { (value) } }
}

/// The paths of a `Counts` under `base`, in the order of its row.
fn counts_paths(base: &str) -> [String; 8] {
    let star = |s: u8| format!("{base}/stars/{s}");
    [
        star(5),
        star(4),
        star(3),
        star(2),
        star(1),
        format!("{base}/not_rated"),
        format!("{base}/eliminated"),
        format!("{base}/halted"),
    ]
}

fn counts_cells(base: &str, c: &Counts) -> Markup {
    let paths = counts_paths(base);
    html! {
        @for (p, n) in paths.iter().zip(c.row()) { (num(p, n)) }
    }
}

/// Horizontal stacked bars, one row per label, one segment per value,
/// scaled to the largest row total.
pub(crate) fn stacked_bars(
    rows: &[(String, Vec<u64>)],
    classes: &[&str],
) -> Markup {
    bars(rows, classes, None)
}

/// One drawn bar: its cut label, its segments (class, x, width), the
/// text at its end and where that text goes.
struct Row<'a> {
    label: String,
    segments: Vec<(&'a str, f64, f64)>,
    end: String,
    at: f64,
}

/// [`stacked_bars`] whose end label is the first value with `suffix`
/// (a share in per cent, say) rather than the row's total.
pub(crate) fn bars(
    rows: &[(String, Vec<u64>)],
    classes: &[&str],
    suffix: Option<&str>,
) -> Markup {
    let label_w = 230.0;
    let width = 640.0;
    let row_h = 20.0;
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = (width - label_w - 40.0) / max as f64;
    let height = row_h * rows.len() as f64 + 4.0;
    let drawn: Vec<Row> = rows
        .iter()
        .map(|(label, values)| {
            let mut x = label_w;
            let mut segments = Vec::new();
            for (j, v) in values.iter().enumerate() {
                let w = *v as f64 * scale;
                if *v > 0 {
                    let class = classes.get(j).copied().unwrap_or("bar");
                    segments.push((class, round1(x), round1(w)));
                }
                x += w;
            }
            let end = match suffix {
                Some(sfx) => {
                    format!("{}{sfx}", values.first().copied().unwrap_or(0))
                }
                None => values.iter().sum::<u64>().to_string(),
            };
            Row { label: short(label, 36), segments, end, at: round1(x) + 4.0 }
        })
        .collect();
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, row) in drawn.iter().enumerate() {
                @let y = i as f64 * row_h + 2.0;
                text x=(label_w - 6.0) y=(y + 13.0) text-anchor="end" { (row.label) }
                @for (class, x, w) in &row.segments {
                    rect class=(class) x=(x) y=(y) width=(w) height=(row_h - 4.0) {}
                }
                text x=(row.at) y=(y + 13.0) { (row.end) }
            }
        }
    }
}

/// Vertical bars, one per label.
pub(crate) fn columns(values: &[(String, u64)], classes: &[&str]) -> Markup {
    let width = 640.0;
    let height = 180.0;
    let base = height - 22.0;
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1);
    let slot = width / values.len().max(1) as f64;
    let bar = (slot * 0.7).min(60.0);
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, (label, v)) in values.iter().enumerate() {
                @let h = (*v as f64 / max as f64) * (base - 16.0);
                @let x = i as f64 * slot + (slot - bar) / 2.0;
                rect class=(classes.get(i).copied().unwrap_or("bar")) x=(round1(x)) y=(round1(base - h)) width=(round1(bar)) height=(round1(h)) {}
                text x=(round1(x + bar / 2.0)) y=(round1(base - h - 3.0)) text-anchor="middle" { (v) }
                text x=(round1(x + bar / 2.0)) y=(height - 6.0) text-anchor="middle" { (label) }
            }
        }
    }
}

/// The histogram of mean totals in 1-point bins, with the band edges
/// marked.
pub(crate) fn histogram(bins: &[u64], edges: &[u8]) -> Markup {
    let width = 640.0;
    let height = 170.0;
    let base = height - 20.0;
    let bin = (width - 20.0) / bins.len().max(1) as f64;
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, n) in bins.iter().enumerate() {
                @if *n > 0 {
                    @let h = (*n as f64 / max as f64) * (base - 12.0);
                    rect class="bar" x=(round1(10.0 + i as f64 * bin)) y=(round1(base - h)) width=(round1(bin - 0.5)) height=(round1(h)) {}
                }
            }
            @for e in edges {
                @let x = round1(10.0 + f64::from(*e) * bin);
                line class="edge" x1=(x) x2=(x) y1="4" y2=(base) {}
                text x=(x) y=(height - 4.0) text-anchor="middle" { (e) }
            }
            text x="10" y=(height - 4.0) { "0" }
            text x=(width - 10.0) y=(height - 4.0) text-anchor="end" { "100" }
        }
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn key(words: &Words) -> Markup {
    html! {
        p class="key" {
            @for (c, w) in CLASSES.iter().zip(words.outcomes) {
                span { svg viewBox="0 0 10 10" width="12" height="12" style="display:inline;width:12px" { rect class=(c) width="10" height="10" {} } " " (w) }
            }
        }
    }
}

/// The report page of a summary, in `lang`.
///
/// # Example
///
/// ```
/// use ocop::{BatchScorer, Catalog, report::Summary};
///
/// let mut summary = Summary::new(&["district", "commune"]);
/// let input = ocop::samples::EVALUATION_2026.trim_end();
/// BatchScorer::new(Catalog::official())
///     .for_each(input.as_bytes(), |line, r| summary.add(line, &r))?;
/// let page = ocop::html::page(&summary, ocop::html::Lang::En);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("OCOP scoring report"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn page(s: &Summary, lang: Lang) -> String {
    let w = match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    };
    let mut title = w.title.to_owned();
    if let [p] = &s.provinces[..] {
        title = format!("{title} — {} {p}", w.province);
    }
    let markup = html! {
        (DOCTYPE)
        html lang=(w.code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (title) }
                p {
                    (s.lines) " " (w.lines) ": " (s.scored) " " (w.scored) ", " (s.rejected) " " (w.rejected)
                }
                @if s.scored == 0 {
                    p { strong { (w.nothing) } }
                }
                nav {
                    a href="#overview" { (w.overview) }
                    a href="#places" { (w.places) }
                    a href="#totals" { (w.totals) }
                    a href="#held" { (w.held) }
                    a href="#parts" { (w.parts) }
                    a href="#spread" { (w.spread) }
                    a href="#audit" { (w.audit) }
                    @if s.plans.is_some() { a href="#plans" { (w.plans) } }
                }
                (overview(s, w))
                (places(s, w))
                (totals(s, w))
                (held(s, w))
                (parts(s, w))
                (spread(s, w))
                (audit(s, w))
                @if s.plans.is_some() { (plans(s, w)) }
                p class="muted" { (w.made_by) " " (env!("CARGO_PKG_VERSION")) ", criteria data " (crate::DATA_VERSION) }
            }
        }
    };
    markup.into_string()
}

fn overview(s: &Summary, w: &Words) -> Markup {
    let row = s.outcomes.row();
    let cols: Vec<(String, u64)> = w
        .outcomes
        .iter()
        .zip(row)
        .map(|(l, n)| ((*l).to_owned(), n))
        .collect();
    let paths = counts_paths("/outcomes");
    html! {
        section id="overview" {
            h2 { (w.overview) }
            (columns(&cols, &CLASSES))
            div class="wrap" { table {
                tr { th { (w.outcome) } th class="n" { (w.products) } }
                @for ((l, n), p) in cols.iter().zip(&paths) { tr { td { (l) } (num(p, n)) } }
                tr { td { (cap(w.scored)) } (num("/scored", s.scored)) }
                tr { td { (cap(w.rejected)) } (num("/rejected", s.rejected)) }
                tr { td { (cap(w.lines)) } (num("/lines", s.lines)) }
            } }
            @if !s.rejections.is_empty() {
                div class="wrap" { table {
                    tr { th { (w.error) } th class="n" { (cap(w.lines)) } }
                    @for (k, n) in &s.rejections { tr { td { code { (k) } } (num(&ptr(&["rejections", k]), n)) } }
                } }
                h2 { (w.first_errors) }
                div class="wrap" { table {
                    tr { th class="n" { (w.line) } th { (w.product) } th { (w.error) } }
                    @for (i, e) in s.first_errors.iter().enumerate() {
                        tr {
                            (num(&ptr(&["first_errors", &i.to_string(), "line"]), e.line))
                            td { (e.id.as_deref().unwrap_or("")) }
                            td { code { (e.kind) } ": " (e.message) }
                        }
                    }
                } }
            }
        }
    }
}

fn places(s: &Summary, w: &Words) -> Markup {
    let first = s.groups.first().map(String::as_str).unwrap_or("");
    let rows: Vec<(String, Vec<u64>)> = s
        .places
        .iter()
        .map(|(k, p)| (k.clone(), p.outcomes.row().to_vec()))
        .collect();
    html! {
        section id="places" {
            h2 { (w.places) " (" code { (first) } ")" }
            @if rows.is_empty() { p { (w.none) } } @else {
                (key(w))
                (stacked_bars(&rows, &CLASSES))
                @for (name, place) in &s.places {
                    h3 { (name) }
                    div class="wrap" { table {
                        tr { th { (w.place) } @for o in w.outcomes { th class="n" { (o) } } }
                        tr { td { strong { (name) } } (counts_cells(&ptr(&["places", name, "outcomes"]), &place.outcomes)) }
                        @for (inner, c) in &place.within {
                            tr { td { (inner) } (counts_cells(&ptr(&["places", name, "within", inner]), c)) }
                        }
                    } }
                }
            }
        }
    }
}

fn totals(s: &Summary, w: &Words) -> Markup {
    html! {
        section id="totals" {
            h2 { (w.totals) }
            (histogram(&s.totals, &s.near_edges.keys().copied().collect::<Vec<u8>>()))
            div class="wrap" { table {
                tr { th { (w.edge) } th class="n" { (w.near) } }
                @for (e, n) in &s.near_edges { tr { td { (e) } (num(&ptr(&["near_edges", &e.to_string()]), n)) } }
            } }
            details {
                summary { (w.mean_total) }
                div class="wrap" { table {
                    tr { th { (w.mean_total) } th class="n" { (w.products) } }
                    @for (i, n) in s.totals.iter().enumerate() {
                        @if *n > 0 { tr { td { (i) "–" (i + 1) } (num(&ptr(&["totals", &i.to_string()]), n)) } }
                    }
                } }
            }
        }
    }
}

fn held(s: &Summary, w: &Words) -> Markup {
    let rows: Vec<(String, Vec<u64>)> = s
        .held_by_gates
        .iter()
        .take(20)
        .map(|h| {
            (
                format!("{}★ · {} {}", h.stars, h.criterion, h.title),
                vec![h.products],
            )
        })
        .collect();
    html! {
        section id="held" {
            h2 { (w.held) }
            p class="muted" { (w.held_note) }
            @if rows.is_empty() { p { (w.none) } } @else {
                (stacked_bars(&rows, &["bar"]))
                div class="wrap" { table {
                    tr { th { (w.criterion) } th { (w.title_col) } th class="n" { (w.tier) } th class="n" { (w.products) } }
                    @for (i, h) in s.held_by_gates.iter().enumerate().take(ROWS) {
                        tr {
                            td { (h.criterion) } td { (h.title) }
                            (num(&ptr(&["held_by_gates", &i.to_string(), "stars"]), h.stars))
                            (num(&ptr(&["held_by_gates", &i.to_string(), "products"]), h.products))
                        }
                    }
                    @if s.held_by_gates.len() > ROWS { tr { td colspan="4" { "… " (s.held_by_gates.len() - ROWS) } } }
                } }
            }
        }
    }
}

fn parts(s: &Summary, w: &Words) -> Markup {
    // Each part as a share of the set's maximum.
    let rows: Vec<(String, Vec<u64>)> = s
        .by_set
        .values()
        .filter(|x| x.part_max.is_some())
        .flat_map(|x| {
            let max = x.part_max.unwrap_or([0; 3]);
            ["A", "B", "C"].into_iter().enumerate().map(move |(i, p)| {
                let m = x.part_means[i];
                // Means beyond the maximum (from hand-made input) fill the bar.
                let pct = if max[i] > 0 {
                    let share = m.min(rust_decimal::Decimal::from(max[i]))
                        * rust_decimal::Decimal::from(100)
                        / rust_decimal::Decimal::from(max[i]);
                    share.round().try_into().unwrap_or(0u64)
                } else {
                    0
                };
                (
                    format!("{} · {p}", short(&x.name, 28)),
                    vec![pct, 100u64.saturating_sub(pct)],
                )
            })
        })
        .collect();
    html! {
        section id="parts" {
            h2 { (w.parts) }
            @if s.by_set.is_empty() { p { (w.none) } } @else {
                (bars(&rows, &["bar", "nr"], Some("%")))
                div class="wrap" { table {
                    tr { th { (w.set) } th class="n" { (w.products) } th class="n" { "A" } th class="n" { "B" } th class="n" { "C" } }
                    @for (id, x) in &s.by_set {
                        tr {
                            td { (x.name) br; span class="muted" { (id) } }
                            (num(&ptr(&["by_set", id, "products"]), x.products))
                            @for i in 0..3 {
                                td class="n" {
                                    span data-n=(ptr(&["by_set", id, "part_means", &i.to_string()])) { (x.part_means[i]) }
                                    @if let Some(m) = x.part_max {
                                        " / " span data-n=(ptr(&["by_set", id, "part_max", &i.to_string()])) { (m[i]) }
                                    }
                                }
                            }
                        }
                    }
                } }
            }
        }
    }
}

/// The word with a capital first letter, for a table row.
fn cap(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A name cut to `n` characters for a chart label.
fn short(name: &str, n: usize) -> String {
    if name.chars().count() > n {
        let cut: String = name.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        name.to_owned()
    }
}

fn spread(s: &Summary, w: &Words) -> Markup {
    let rows: Vec<(String, Vec<u64>)> = s
        .spread
        .iter()
        .take(30)
        .map(|x| {
            let limit = u64::from(x.limit);
            let d = u64::from(x.points);
            (
                x.id.clone().unwrap_or_default(),
                vec![d.min(limit), d.saturating_sub(limit)],
            )
        })
        .collect();
    html! {
        section id="spread" {
            h2 { (w.spread) }
            @if rows.is_empty() { p { (w.none) } } @else {
                (stacked_bars(&rows, &["bar", "s1"]))
                div class="wrap" { table {
                    tr { th { (w.spread) } (num("/spread_count", s.spread_count)) }
                } }
                div class="wrap" { table {
                    tr { th { (w.product) } th class="n" { (w.highest) } th class="n" { (w.lowest) } th class="n" { (w.difference) } th class="n" { (w.limit) } }
                    @for (i, x) in s.spread.iter().enumerate().take(ROWS) {
                        @let i = i.to_string();
                        tr {
                            td { (x.id.as_deref().unwrap_or("")) }
                            (num(&ptr(&["spread", &i, "highest"]), x.highest))
                            (num(&ptr(&["spread", &i, "lowest"]), x.lowest))
                            (num(&ptr(&["spread", &i, "points"]), x.points))
                            (num(&ptr(&["spread", &i, "limit"]), x.limit))
                        }
                    }
                    @if s.spread_count > ROWS as u64 { tr { td colspan="5" { "… " (s.spread_count - ROWS as u64) } } }
                } }
            }
        }
    }
}

fn audit(s: &Summary, w: &Words) -> Markup {
    let star = |x: Option<u8>| {
        x.map_or(w.not_recognised.to_owned(), |s| format!("{s}★"))
    };
    let outcome = |a: &crate::report::AuditCase| match a.status {
        Status::Rated => star(a.stars),
        Status::NotRated => w.outcomes[5].to_owned(),
        Status::Eliminated => w.outcomes[6].to_owned(),
        Status::Halted => w.outcomes[7].to_owned(),
    };
    let up = format!("{} ↑", w.recomputed);
    let down = format!("{} ↓", w.recomputed);
    let cols = [(up.clone(), s.audit_higher), (down.clone(), s.audit_lower)];
    html! {
        section id="audit" {
            h2 { (w.audit) }
            @if s.audit.is_empty() { p { (w.none) } } @else {
                (columns(&cols, &["s4", "s1"]))
                div class="wrap" { table {
                    tr { th { (w.outcome) } th class="n" { (w.products) } }
                    tr { td { (up) } (num("/audit_higher", s.audit_higher)) }
                    tr { td { (down) } (num("/audit_lower", s.audit_lower)) }
                } }
                div class="wrap" { table {
                    tr { th { (w.product) } th { (w.recorded) } th { (w.recomputed) } }
                    @for a in s.audit.iter().take(ROWS) {
                        tr {
                            td { (a.id.as_deref().unwrap_or("")) }
                            td { (star(a.recorded)) }
                            td { (outcome(a)) }
                        }
                    }
                    @let audited = s.audit_higher + s.audit_lower;
                    @if audited > ROWS as u64 { tr { td colspan="3" { "… " (audited - ROWS as u64) } } }
                } }
            }
        }
    }
}

fn plans(s: &Summary, w: &Words) -> Markup {
    let Some(p) = &s.plans else { return html! {} };
    let by = |k: u32| p.by_changes.get(&k).copied().unwrap_or(0);
    let more: u64 = p.by_changes.range(4..).map(|(_, v)| v).sum();
    let cols: Vec<(String, u64)> = w
        .changes_n
        .iter()
        .zip([by(1), by(2), by(3), more])
        .map(|(l, n)| ((*l).to_owned(), n))
        .collect();
    html! {
        section id="plans" {
            h2 { (w.plans) }
            p class="muted" { (w.changes) }
            (columns(&cols, &["s4", "s3", "s2", "s1"]))
            div class="wrap" { table {
                tr { th { (w.changes) } th class="n" { (w.products) } }
                @for (k, n) in &p.by_changes {
                    tr { td { (k) } (num(&ptr(&["plans", "by_changes", &k.to_string()]), n)) }
                }
                tr { td { (w.already) } (num("/plans/reached", p.reached)) }
                tr { td { (w.unreachable) } (num("/plans/unreachable", p.unreachable)) }
                tr { td { (w.plans_count) } (num("/plans/plans", p.plans)) }
            } }
            h2 { (w.raised) }
            div class="wrap" { table {
                tr { th { (w.criterion) } th { (w.title_col) } th class="n" { (w.plans_count) } }
                @for (i, r) in p.raised.iter().enumerate().take(RAISED) {
                    tr {
                        td { (r.criterion) }
                        td { (r.title) }
                        (num(&ptr(&["plans", "raised", &i.to_string(), "plans"]), r.plans))
                    }
                }
                @if p.raised.len() > RAISED { tr { td colspan="3" { "… " (p.raised.len() - RAISED) } } }
            } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_bars_scale_to_the_largest_row_and_escape_labels() {
        let rows =
            vec![("<b>".to_owned(), vec![1, 1]), ("x".to_owned(), vec![4, 0])];
        let svg = stacked_bars(&rows, &["s5", "s4"]).into_string();
        // 640 − 230 − 40 = 370 units for the largest total, 4.
        assert!(
            svg.contains(r#"class="s5" x="230" y="2" width="92.5""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="s4" x="322.5" y="2" width="92.5""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="s5" x="230" y="22" width="370""#),
            "{svg}"
        );
        // A zero segment draws nothing.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }

    #[test]
    fn bar_labels_are_cut_and_can_show_a_share() {
        let long =
            "Thực phẩm chức năng, thuốc từ dược liệu, thuốc y học cổ truyền";
        let svg =
            bars(&[(long.into(), vec![37, 63])], &["bar", "nr"], Some("%"))
                .into_string();
        assert!(
            svg.contains(">Thực phẩm chức năng, thuốc từ dược…</text>"),
            "{svg}"
        );
        assert!(svg.contains(">37%</text>"), "{svg}");
    }

    #[test]
    fn columns_and_histogram_place_what_they_count() {
        let svg = columns(&[("a".into(), 2), ("b".into(), 0)], &["s3"])
            .into_string();
        // The tallest bar spans base − 16 = 142 units.
        assert!(svg.contains(r#"height="142""#), "{svg}");
        assert!(svg.contains(r#"height="0""#), "{svg}");
        let mut bins = vec![0; 100];
        bins[69] = 3;
        let svg = histogram(&bins, &[30, 50, 70, 90]).into_string();
        assert_eq!(svg.matches("<rect").count(), 1);
        // Bin 69 at 10 + 69 × 6.2, the 70 edge at 10 + 70 × 6.2.
        assert!(svg.contains(r#"x="437.8""#), "{svg}");
        assert!(svg.contains(r#"x1="444""#), "{svg}");
    }

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(
            ptr(&["places", "TP. Sa Đéc/x~y", "outcomes"]),
            "/places/TP. Sa Đéc~1x~0y/outcomes"
        );
    }
}
