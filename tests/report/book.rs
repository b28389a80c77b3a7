//! The results workbook (`ocop report -o FILE.xlsx`) against the report
//! and the scorer it is made from, and against Excel's limits.

use calamine::Reader;
use ocop::report::{self, Lang, Output, ReportOptions, Results};
use ocop::{Catalog, ScoreOptions};

/// `ocop report`'s options for the workbook.
fn book_opts(inferred: bool, as_of: &str, lang: Lang) -> ReportOptions {
    let mut opts = ReportOptions::default();
    opts.plan.score = ScoreOptions { inferred, ..Default::default() };
    opts.as_of = Some(as_of.parse().unwrap());
    opts.lang = lang;
    opts.output = Output::Xlsx;
    opts
}

fn open(bytes: Vec<u8>) -> calamine::Sheets<std::io::Cursor<Vec<u8>>> {
    calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap()
}

/// The results workbook's `Kết quả` sheet agrees with the scorecards of
/// the batch scorer (`ocop score`) on every product of the province
/// example: id, each member's total, the means, band, star and outcome,
/// all as number cells where they are numbers.
#[test]
fn the_results_sheet_agrees_with_score_on_every_product() {
    use calamine::Data;
    let catalog = Catalog::official();
    let text = include_str!("../../examples/data/dong-thap-2021-2023.jsonl");
    let opts = book_opts(true, "2026-12-01", Lang::Vi);
    let r = report::collect(catalog, text.as_bytes(), &opts).unwrap();
    let summary = r.summary.clone();
    let mut book = open(r.into_bytes().unwrap());
    let range = book.worksheet_range("Kết quả").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let head: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    let col = |h: &str| {
        head.iter().position(|x| x == h).unwrap_or_else(|| panic!("{h}"))
    };
    // What `ocop score --inferred` writes, line by line.
    let mut out = Vec::new();
    ocop::BatchScorer::new(catalog)
        .options(opts.plan.score.clone())
        .run(text.as_bytes(), &mut out)
        .unwrap();
    let cards: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len() - 1, cards.len());
    let num = |d: &Data| match d {
        Data::Float(f) => *f,
        Data::Int(n) => *n as f64,
        other => panic!("not a number cell: {other:?}"),
    };
    for (row, card) in rows[1..].iter().zip(&cards) {
        assert_eq!(row[col("id")].to_string(), card["id"].as_str().unwrap());
        if card.get("error").is_some() {
            assert!(!row[col("Lỗi")].to_string().is_empty());
            continue;
        }
        for (m, member) in
            card["members"].as_array().unwrap().iter().enumerate()
        {
            let cell = &row[col(&format!("Tổng TV {}", m + 1))];
            assert_eq!(num(cell), member["total"].as_f64().unwrap());
        }
        for (h, key) in [
            ("TB phần A", "A"),
            ("TB phần B", "B"),
            ("TB phần C", "C"),
            ("TB tổng", "total"),
        ] {
            let want: f64 = card["mean"][key]
                .to_string()
                .trim_matches('"')
                .parse()
                .unwrap();
            assert_eq!(num(&row[col(h)]), want, "{h}");
        }
        let rating = &card["rating"];
        assert_eq!(
            num(&row[col("Hạng theo điểm")]),
            rating["band"].as_f64().unwrap()
        );
        match rating["stars"].as_f64() {
            Some(s) => assert_eq!(num(&row[col("Sao")]), s),
            None => assert_eq!(row[col("Sao")], Data::Empty),
        }
        let status: ocop::Status =
            serde_json::from_value(rating["status"].clone()).unwrap();
        let stars = rating["stars"].as_u64().map(|s| s as u8);
        assert_eq!(
            row[col("Kết quả")].to_string(),
            ocop::report::Outcome::of(stars, status).label(true)
        );
    }
    // The products to act on: one step (or failed minimum) a row, in the
    // report's order, as the page lists them.
    let mut ids = |sheet: &str| -> Vec<(String, String)> {
        let range = book.worksheet_range(sheet).unwrap();
        range
            .rows()
            .skip(1)
            .map(|r| (r[1].to_string(), r[7].to_string()))
            .collect()
    };
    let want: Vec<(String, String)> = summary
        .act
        .near_in_order(&summary.places)
        .into_iter()
        .flat_map(|(_, c)| {
            let id = c.named.id.clone().unwrap();
            c.steps.iter().map(move |s| (id.clone(), s.criterion.clone()))
        })
        .collect();
    assert!(want.len() > 20);
    assert_eq!(ids("Sản phẩm cần hỗ trợ"), want);
    let want: Vec<(String, String)> = summary
        .act
        .held_in_order(&summary.places)
        .into_iter()
        .flat_map(|(_, c)| {
            let id = c.named.id.clone().unwrap();
            c.failed.iter().map(move |g| (id.clone(), g.criterion.clone()))
        })
        .collect();
    assert!(!want.is_empty());
    assert_eq!(ids("Bị giữ dưới hạng"), want);
}

/// Certificates in the results workbook are the report's, with their
/// dates and state.
#[test]
fn the_renewals_sheet_lists_the_reports_certificates() {
    let catalog = Catalog::official();
    let text = include_str!("../../examples/data/dong-thap-2026.jsonl");
    let opts = book_opts(false, "2026-12-01", Lang::En);
    let r = report::collect(catalog, text.as_bytes(), &opts).unwrap();
    let summary = r.summary.clone();
    let mut book = open(r.into_bytes().unwrap());
    let range = book.worksheet_range("Đến hạn đánh giá lại").unwrap();
    let got: Vec<Vec<String>> = range
        .rows()
        .skip(1)
        .map(|r| r[1..10].iter().map(|d| d.to_string()).collect())
        .collect();
    // Dates are date cells: a spreadsheet's day number since 1899-12-30.
    let epoch: ocop::Date = "1899-12-30".parse().unwrap();
    let serial = |d: ocop::Date| d.days_since(epoch).to_string();
    assert!(
        range
            .rows()
            .skip(1)
            .all(|r| matches!(r[6], calamine::Data::DateTime(_)))
    );
    let r = summary.renewals.as_ref().unwrap();
    let want: Vec<Vec<String>> = r
        .due
        .iter()
        .chain(&r.ended)
        .map(|c| {
            vec![
                c.named.id.clone().unwrap(),
                c.named.product.clone().unwrap(),
                c.named.producer.clone().unwrap(),
                c.recorded.unwrap().to_string(),
                serial(c.recognised),
                serial(c.ends),
                serial(c.file_from),
                serial(c.file_by),
                ocop::report::due_label(c.due, false).to_owned(),
            ]
        })
        .collect();
    assert!(r.due_count > 10 && r.ended_count > 0);
    assert_eq!(got, want);
}

/// The sample evaluation with a producer's name of `chars` characters.
fn with_producer(chars: usize) -> String {
    let name = "Hợp tác xã ".repeat(chars / 11 + 1);
    let name: String = name.chars().take(chars).collect();
    let sample = ocop::samples::EVALUATION_2026.trim_end();
    let rest = sample.strip_prefix('{').unwrap();
    format!(
        "{{\"producer\": {}, {rest}",
        serde_json::to_string(&name).unwrap()
    )
}

/// A producer's name over Excel's 32,767 characters is cut with a mark,
/// and each cut is listed by cell, line and column on `Đã cắt bớt`; the
/// workbook is written rather than refused.
#[test]
fn a_text_over_excels_limit_is_cut_and_listed() {
    let line = with_producer(40_000);
    let opts = book_opts(false, "2026-12-01", Lang::Vi);
    let r = report::collect(Catalog::official(), line.as_bytes(), &opts);
    let mut book = open(r.unwrap().into_bytes().unwrap());
    let results = book.worksheet_range("Kết quả").unwrap();
    let head: Vec<String> =
        results.rows().next().unwrap().iter().map(|d| d.to_string()).collect();
    let col = head.iter().position(|h| h == "producer").unwrap();
    let cell = results.rows().nth(1).unwrap()[col].to_string();
    assert_eq!(cell.encode_utf16().count(), report::MAX_CELL_CHARS);
    assert!(cell.ends_with(" … [đã cắt bớt]"), "{}", &cell[cell.len() - 40..]);
    assert!(cell.starts_with("Hợp tác xã Hợp tác xã"));
    let cuts = book.worksheet_range("Đã cắt bớt").unwrap();
    let rows: Vec<Vec<String>> = cuts
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    assert_eq!(rows[0][..5], ["Ô", "STT", "id", "Cột", "Số ký tự"]);
    let a1 = format!("Kết quả!{}2", (b'A' + col as u8) as char);
    assert_eq!(
        rows[1][..5],
        [a1.as_str(), "1", "SAMPLE-2026-01", "producer", "40000"]
    );
    // The lists name the product by its producer too, and say so.
    assert!(
        rows[2..].iter().any(|r| r[0].starts_with("Sản phẩm cần hỗ trợ!D"))
    );
    for r in &rows[2..] {
        assert_eq!((r[3].as_str(), r[4].as_str()), ("Chủ thể", "40000"));
    }
}

/// A sheet that would pass its row limit continues on `Chi tiết (2)` and
/// so on, each part headed, the rows in order and none lost.
#[test]
fn a_sheet_past_its_row_limit_continues_on_the_next() {
    let catalog = Catalog::official();
    let ev =
        ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026).unwrap();
    let (card, plan) =
        catalog.score_and_plan(&ev, &Default::default()).unwrap();
    let x = catalog.explain(&ev, &Default::default()).unwrap();
    let mut summary = ocop::report::Summary::default();
    let mut results = Results::with_rows(Lang::Vi, 10);
    for line in 1..=3 {
        summary.add_plan(&card, &plan);
        summary.add_with(line, &Ok(card.clone()), Some(catalog));
        results.add(line, Ok((&card, &plan, Some(&x))));
    }
    let mut book = open(results.finish(&summary).unwrap());
    let names = book.sheet_names();
    let parts: Vec<&String> =
        names.iter().filter(|n| n.starts_with("Chi tiết")).collect();
    let want = 3 * x.criteria.len();
    assert_eq!(parts.len(), want.div_ceil(9), "{names:?}");
    assert_eq!(parts[0], "Chi tiết");
    assert_eq!(parts[1], "Chi tiết (2)");
    let mut got = Vec::new();
    for name in parts {
        let range = book.worksheet_range(name).unwrap();
        let mut rows = range.rows();
        assert_eq!(rows.next().unwrap()[4].to_string(), "Mã", "{name}");
        got.extend(rows.map(|r| (r[0].to_string(), r[4].to_string())));
    }
    let codes = x.criteria.iter().map(|c| c.code.clone());
    let want: Vec<(String, String)> = (1..=3)
        .flat_map(|l| codes.clone().map(move |c| (l.to_string(), c)))
        .collect();
    assert_eq!(got, want);
    // The product sheets continue too: 3 products fit on `Kết quả`.
    assert!(names.contains(&"Kết quả".to_owned()));
    assert!(!names.contains(&"Kết quả (2)".to_owned()));
}

/// `ocop report` is the library's report: the same bytes for the page
/// and for the workbook, from the same lines and day.
#[cfg(feature = "cli")]
#[test]
fn the_command_writes_the_librarys_bytes() {
    let dir = crate::loader::scratch_dir("report-bytes");
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/dong-thap-2026.jsonl"
    );
    let text = std::fs::read(file).unwrap();
    for (name, output) in [("r.html", Output::Html), ("r.xlsx", Output::Xlsx)]
    {
        let path = dir.join(name);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
            .args([
                "report",
                "--as-of",
                "2026-12-01",
                "--by",
                "district",
                "-o",
            ])
            .arg(&path)
            .arg(file)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let mut opts = book_opts(false, "2026-12-01", Lang::Vi);
        opts.output = output;
        opts.by = vec!["district".into()];
        let want =
            report::render(Catalog::official(), &text[..], &opts).unwrap();
        assert!(want.len() > 10_000);
        assert!(std::fs::read(&path).unwrap() == want, "{name}");
    }
}

/// `-o` with an extension a report does not write is a usage error, and
/// writes nothing.
#[cfg(feature = "cli")]
#[test]
fn a_report_to_an_extension_it_does_not_write_is_a_usage_error() {
    let dir = crate::loader::scratch_dir("report-csv");
    let out = dir.join("out.csv");
    let _ = std::fs::remove_file(&out);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["report", "-o"])
        .arg(&out)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/sample-2026.json"
        ))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("a report writes .html or .xlsx"), "{err}");
    assert!(!out.exists());
}

/// The workbook's writer needs temporary files; where it cannot make
/// them the command says so (exit 2) instead of panicking, for the
/// results workbook and for a template.
#[cfg(feature = "cli")]
#[test]
fn no_temporary_directory_is_an_error_not_a_panic() {
    let dir = crate::loader::scratch_dir("report-no-tmp");
    let sample =
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/sample-2026.json");
    let runs: [&[&str]; 2] = [
        &["report", sample, "-o", "r.xlsx"],
        &["template", "hoa", "--edition", "qd26-2026", "-o", "t.xlsx"],
    ];
    for args in runs {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
            .current_dir(&dir)
            .env("TMPDIR", dir.join("no-such-directory"))
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8(run.stderr).unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("no-such-directory"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(!dir.join("r.xlsx").exists() && !dir.join("t.xlsx").exists());
}
