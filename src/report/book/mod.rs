//! The results workbook: what `ocop report` computed, as sheets of number
//! cells (feature `xlsx`). Each product's rows come from its scorecard,
//! plan and explanation, and the tables from the report's [`Summary`];
//! nothing is computed again here.
//!
//! It never fails whole on its data: a text over Excel's 32,767
//! characters is cut with a visible mark and listed on the sheet `Đã cắt
//! bớt`, and a sheet that would pass Excel's 1,048,576 rows continues on
//! the next (`Chi tiết (2)`). Its memory does not grow with the products'
//! plans and criteria: `Kế hoạch nâng hạng` and `Chi tiết` are written as
//! the products arrive, through temporary files (rust_xlsxwriter's
//! constant-memory mode); `Kết quả`, whose columns depend on every
//! product's carried fields, keeps one compact row per product until the
//! end.
//!
//! Its rooms: this file the products' sheets; `sheet` the limits, the
//! cuts and the print setup; `tables` the report's lists and tables.

mod sheet;
mod tables;

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, XlsxError};

use crate::advice::{Explanation, Plan};
use crate::error::{Error, Result};
use crate::report::{self, Lang, Outcome, RECORDED, Summary};
use crate::scorecard::Scorecard;
use crate::workbook::{temp_files, xlsx_error};
use sheet::{Ctx, Sheet, Whose};
pub use sheet::{MAX_CELL_CHARS, MAX_SHEET_ROWS};

/// The most carried fields `Kết quả` gives a column of their own, in
/// order of first appearance; Excel has 16,384 columns.
pub const MAX_CARRIED_COLUMNS: usize = 1000;

/// A carried field's value as a cell.
#[derive(Debug)]
enum Carried {
    Text(String),
    Number(f64),
}

/// One product's row of `Kết quả`, kept compact until the end.
#[derive(Debug)]
enum ResultRow {
    Scored(Box<ScoredRow>),
    Failed { line: u64, id: Option<String>, message: String },
}

#[derive(Debug)]
struct ScoredRow {
    line: u64,
    id: Option<String>,
    carried: Vec<(usize, Carried)>,
    set: String,
    edition: String,
    members: String,
    totals: Vec<u32>,
    means: [Decimal; 4],
    spread: u32,
    band: u8,
    stars: Option<u8>,
    outcome: Outcome,
    failed: String,
    knockouts: String,
    record: Option<(Option<u8>, bool)>,
}

/// The products of a report, written as they arrive, and finished with
/// its [`Summary`] as a workbook: sheets `Kết quả` (one row per product),
/// `Kế hoạch nâng hạng` (each plan, one step a row), `Chi tiết` (the
/// council's mean points per criterion and product), the report's lists
/// (`Sản phẩm cần hỗ trợ`, `Bị giữ dưới hạng`, `Đến hạn đánh giá lại`), its
/// tables (`Sao theo địa bàn`, `Tiêu chí giữ hạng`, `Khoảng cách`), and
/// `Đã cắt bớt` when a text was cut. [`report::collect`] makes one for
/// [`Output::Xlsx`](report::Output::Xlsx).
///
/// # Example
///
/// ```
/// use ocop::{Catalog, report::{Lang, Results, Summary}};
///
/// let catalog = Catalog::official();
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let (card, plan) = catalog.score_and_plan(&ev, &Default::default())?;
/// let explained = catalog.explain(&ev, &Default::default())?;
/// let mut summary = Summary::default();
/// summary.add_plan(&card, &plan);
/// summary.add_with(1, &Ok(card.clone()), Some(catalog));
/// let mut results = Results::new(Lang::Vi);
/// results.add(1, Ok((&card, &plan, Some(&explained))));
/// let bytes = results.finish(&summary)?;
/// assert!(bytes.starts_with(b"PK"));
/// # Ok::<(), ocop::Error>(())
/// ```
pub struct Results {
    cx: Ctx,
    /// The first error of the writer, reported by [`Results::finish`].
    failed: Option<Error>,
    plans: Option<Sheet>,
    details: Option<Sheet>,
    rows: Vec<ResultRow>,
    carried: Vec<String>,
    carried_at: HashMap<String, usize>,
    members: usize,
}

impl std::fmt::Debug for Results {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Results").field("rows", &self.rows.len()).finish()
    }
}

/// One product as the report saw it: its scorecard, plan and (for `Chi
/// tiết`) explanation, or the error in their place.
pub type ResultsRow<'a> = std::result::Result<
    (&'a Scorecard, &'a Plan, Option<&'a Explanation>),
    &'a Error,
>;

impl Results {
    /// An empty workbook headed in `lang`.
    pub fn new(lang: Lang) -> Results {
        Results::with_rows(lang, MAX_SHEET_ROWS)
    }

    /// An empty workbook whose sheets hold `rows` rows each (the header
    /// included) before they continue on the next: Excel's limit, or
    /// fewer to see the continuation without a million rows.
    #[doc(hidden)]
    pub fn with_rows(lang: Lang, rows: u32) -> Results {
        let mut cx = Ctx::new(lang == Lang::Vi, rows);
        // No worksheet is made where the writer cannot make one.
        let mut failed = temp_files().err();
        let mut open = |cx: &mut Ctx, name, heads: &[sheet::Words]| {
            if failed.is_some() {
                return None;
            }
            let heads =
                heads.iter().map(|x| cx.words(*x).to_owned()).collect();
            cx.sheet(name, heads)
                .map_err(|e| failed = Some(xlsx_error(e)))
                .ok()
        };
        let plans = open(&mut cx, "Kế hoạch nâng hạng", &PLAN_HEADS);
        let details = open(&mut cx, "Chi tiết", &DETAIL_HEADS);
        Results {
            cx,
            failed,
            plans,
            details,
            rows: Vec::new(),
            carried: Vec::new(),
            carried_at: HashMap::new(),
            members: 0,
        }
    }

    /// Adds product `line`: its scorecard, plan and explanation, or the
    /// error in their place. A writer's error is kept for
    /// [`Results::finish`].
    pub fn add(&mut self, line: u64, result: ResultsRow<'_>) {
        if self.failed.is_some() {
            return;
        }
        let done = match result {
            Ok((card, plan, explained)) => {
                self.keep_row(line, card);
                self.plan_rows(line, card, plan).and_then(|()| match explained
                {
                    Some(x) => self.detail_rows(line, card, x),
                    None => Ok(()),
                })
            }
            Err(e) => {
                self.rows.push(ResultRow::Failed {
                    line,
                    id: e.product().map(str::to_owned),
                    message: e.to_string(),
                });
                Ok(())
            }
        };
        if let Err(e) = done {
            self.failed = Some(xlsx_error(e));
        }
    }

    /// The workbook, with the report's tables from `summary`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`](crate::ErrorKind::Io) when the writer fails (a
    /// temporary file that cannot be made, say); never for the data.
    pub fn finish(self, summary: &Summary) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.finish_to(summary, &mut out)?;
        Ok(out)
    }

    /// [`Results::finish`] written to `out` as it is zipped, rather than
    /// gathered in memory first.
    ///
    /// # Errors
    ///
    /// See [`Results::finish`]; also when writing to `out` fails.
    pub fn finish_to(
        mut self,
        summary: &Summary,
        out: impl std::io::Write + Send,
    ) -> Result<()> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.write_all(summary, out).map_err(xlsx_error)
    }

    fn write_all(
        mut self,
        summary: &Summary,
        out: impl std::io::Write + Send,
    ) -> std::result::Result<(), XlsxError> {
        let when = ExcelDateTime::from_ymd(2026, 1, 1)?;
        self.cx.book.set_properties(
            &DocProperties::new().set_creation_datetime(&when),
        );
        let results = self.results_sheet()?;
        let mut sheets = vec![results];
        sheets.extend(self.plans.take());
        sheets.extend(self.details.take());
        let cx = &mut self.cx;
        sheets.extend(tables::all(cx, summary)?);
        sheets.extend(sheet::cuts_sheet(cx)?);
        for s in sheets {
            for ws in s.finish()? {
                cx.book.push_worksheet(ws);
            }
        }
        cx.book.save_to_writer(out)
    }

    /// Keeps a scored product's row of `Kết quả`.
    fn keep_row(&mut self, line: u64, card: &Scorecard) {
        let mut carried = Vec::new();
        for (k, v) in &card.meta {
            if k == RECORDED {
                continue;
            }
            let at = match self.carried_at.get(k) {
                Some(&at) => at,
                None if self.carried.len() >= MAX_CARRIED_COLUMNS => continue,
                None => {
                    self.carried.push(k.clone());
                    self.carried_at.insert(k.clone(), self.carried.len() - 1);
                    self.carried.len() - 1
                }
            };
            let cell = match v {
                serde_json::Value::String(s) => Carried::Text(s.clone()),
                serde_json::Value::Number(n) => {
                    Carried::Number(n.as_f64().unwrap_or(0.0))
                }
                serde_json::Value::Null => continue,
                v => Carried::Text(v.to_string()),
            };
            carried.push((at, cell));
        }
        self.members = self.members.max(card.members.len());
        let r = &card.rating;
        let failed: Vec<String> = r
            .failed_gates
            .iter()
            .map(|g| format!("{}★ {}", g.stars, g.criterion))
            .collect();
        let ko: Vec<&str> =
            r.knockouts.iter().map(|k| k.knockout.as_str()).collect();
        let names: Vec<&str> =
            card.members.iter().map(|m| m.member.as_str()).collect();
        let m = &card.mean;
        self.rows.push(ResultRow::Scored(Box::new(ScoredRow {
            line,
            id: card.id.clone(),
            carried,
            set: card.set.clone(),
            edition: card.edition.clone(),
            members: names.join(", "),
            totals: card.members.iter().map(|m| m.total).collect(),
            means: [m.a, m.b, m.c, m.total],
            spread: card.spread.points,
            band: r.band,
            stars: r.stars,
            outcome: Outcome::of(r.stars, r.status),
            failed: failed.join(", "),
            knockouts: ko.join(", "),
            record: report::record(card),
        })));
    }

    /// `Kết quả`: one row per product, its carried fields in order of
    /// first appearance.
    fn results_sheet(&mut self) -> std::result::Result<Sheet, XlsxError> {
        let cx = &mut self.cx;
        let mut heads: Vec<String> =
            vec![cx.words(("STT", "No.")).into(), "id".into()];
        heads.extend(self.carried.iter().cloned());
        heads.extend(
            [
                ("Bộ tiêu chí", "Set"),
                ("Phiên bản", "Edition"),
                ("Thành viên", "Members"),
            ]
            .map(|x| cx.words(x).to_owned()),
        );
        let total = cx.words(("Tổng TV", "Total M"));
        heads.extend((1..=self.members).map(|m| format!("{total} {m}")));
        heads.extend(RESULT_HEADS.map(|x| cx.words(x).to_owned()));
        let error_col = heads.len() as u16 - 1;
        let mut s = cx.sheet("Kết quả", heads)?;
        let first = 2 + self.carried.len() as u16;
        let members = self.members as u16;
        for r in std::mem::take(&mut self.rows) {
            let row = s.row(cx)?;
            let r = match r {
                ResultRow::Failed { line, id, message } => {
                    let whose = Whose { line: Some(line), id: id.as_deref() };
                    s.number(row, 0, line as f64)?;
                    if let Some(id) = &id {
                        s.text(cx, row, 1, id, whose)?;
                    }
                    s.text(cx, row, error_col, &message, whose)?;
                    continue;
                }
                ResultRow::Scored(r) => r,
            };
            let whose = Whose { line: Some(r.line), id: r.id.as_deref() };
            s.number(row, 0, r.line as f64)?;
            if let Some(id) = &r.id {
                s.text(cx, row, 1, id, whose)?;
            }
            for (at, v) in &r.carried {
                let col = 2 + *at as u16;
                match v {
                    Carried::Text(t) => s.text(cx, row, col, t, whose)?,
                    Carried::Number(n) => s.number(row, col, *n)?,
                }
            }
            let mut c = first;
            s.text(cx, row, c, &r.set, whose)?;
            s.text(cx, row, c + 1, &r.edition, whose)?;
            s.text(cx, row, c + 2, &r.members, whose)?;
            c += 3;
            for (m, t) in r.totals.iter().enumerate() {
                s.number(row, c + m as u16, *t)?;
            }
            c += members;
            for d in r.means {
                s.decimal(cx, row, c, d)?;
                c += 1;
            }
            s.number(row, c, r.spread)?;
            s.number(row, c + 1, r.band)?;
            if let Some(st) = r.stars {
                s.number(row, c + 2, st)?;
            }
            s.text(cx, row, c + 3, r.outcome.label(cx.vi), whose)?;
            s.text(cx, row, c + 4, &r.failed, whose)?;
            s.text(cx, row, c + 5, &r.knockouts, whose)?;
            if let Some((recorded, agrees)) = r.record {
                match recorded {
                    Some(st) => s.number(row, c + 6, st)?,
                    None => {
                        let none = cx.words(("không", "none"));
                        s.text(cx, row, c + 6, none, whose)?
                    }
                };
                let yes = tables::yes_no(cx, agrees);
                s.text(cx, row, c + 7, yes, whose)?;
            }
        }
        Ok(s)
    }

    /// `Kế hoạch nâng hạng`: the product's plan, one step a row.
    fn plan_rows(
        &mut self,
        line: u64,
        card: &Scorecard,
        plan: &Plan,
    ) -> std::result::Result<(), XlsxError> {
        let (cx, Some(s)) = (&mut self.cx, self.plans.as_mut()) else {
            return Ok(());
        };
        let whose = Whose { line: Some(line), id: card.id.as_deref() };
        for k in 0..plan.steps.len().max(1) {
            let row = s.row(cx)?;
            s.number(row, 0, line as f64)?;
            if let Some(id) = &card.id {
                s.text(cx, row, 1, id, whose)?;
            }
            s.number(row, 2, plan.target)?;
            s.text(cx, row, 3, tables::yes_no(cx, plan.reachable), whose)?;
            s.number(row, 4, plan.changes)?;
            if let Some(st) = plan.steps.get(k) {
                s.number(row, 5, k as f64 + 1.0)?;
                tables::step(cx, s, row, 6, st, whose)?;
            }
        }
        Ok(())
    }

    /// `Chi tiết`: the council's mean points, one criterion a row.
    fn detail_rows(
        &mut self,
        line: u64,
        card: &Scorecard,
        x: &Explanation,
    ) -> std::result::Result<(), XlsxError> {
        let (cx, Some(s)) = (&mut self.cx, self.details.as_mut()) else {
            return Ok(());
        };
        let whose = Whose { line: Some(line), id: card.id.as_deref() };
        for c in &x.criteria {
            let row = s.row(cx)?;
            s.number(row, 0, line as f64)?;
            if let Some(id) = &card.id {
                s.text(cx, row, 1, id, whose)?;
            }
            s.text(cx, row, 2, &card.set, whose)?;
            s.text(cx, row, 3, &c.part.to_string(), whose)?;
            s.text(cx, row, 4, &c.code, whose)?;
            s.text(cx, row, 5, &c.title, whose)?;
            s.number(row, 6, c.max)?;
            s.decimal(cx, row, 7, c.council_points)?;
            s.decimal(cx, row, 8, c.points_left)?;
        }
        Ok(())
    }
}

const PLAN_HEADS: [sheet::Words; 12] = [
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
];

const DETAIL_HEADS: [sheet::Words; 9] = [
    ("STT", "No."),
    ("id", "id"),
    ("Bộ tiêu chí", "Set"),
    ("Phần", "Part"),
    ("Mã", "Code"),
    ("Tiêu chí", "Criterion"),
    ("Tối đa", "Max"),
    ("TB hội đồng", "Council mean"),
    ("Còn thiếu", "Points left"),
];

/// The columns of `Kết quả` after the members' totals.
const RESULT_HEADS: [sheet::Words; 13] = [
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
];
