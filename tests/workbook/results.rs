//! The results workbook (`ocop report -o FILE.xlsx`) against the report
//! and the scorer it is made from.

use super::*;

/// The results workbook's `Kết quả` sheet agrees with the scorecards of
/// the batch scorer (`ocop score`) on every product of the province
/// example: id, each member's total, the means, band, star and outcome,
/// all as number cells where they are numbers.
#[test]
fn the_results_sheet_agrees_with_score_on_every_product() {
    use calamine::{Data, Reader};
    let catalog = Catalog::official();
    let text = include_str!("../../examples/data/dong-thap-2021-2023.jsonl");
    let opts = ocop::advice::PlanOptions {
        score: ScoreOptions { inferred: true, ..Default::default() },
        ..Default::default()
    };
    let mut summary = ocop::report::Summary::default();
    let mut results = workbook::Results::default();
    ocop::BatchScorer::new(catalog)
        .map_each(
            text.as_bytes(),
            |ev| {
                let (c, p) = catalog.score_and_plan(ev, &opts)?;
                Ok((c, p, Some(catalog.explain(ev, &opts.score)?)))
            },
            |line, r| match r {
                Ok((card, plan, x)) => {
                    summary.add_plan(&card, &plan);
                    results.add(line, Ok((card.clone(), plan, x)));
                    summary.add_with(line, &Ok(card), Some(catalog));
                }
                Err(e) => {
                    results.add(line, Err(e.clone()));
                    summary.add(line, &Err(e));
                }
            },
        )
        .unwrap();
    let bytes = results.xlsx(&summary, true).unwrap();
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .unwrap();
    let range = book.worksheet_range("Kết quả").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let head: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    let col = |h: &str| {
        head.iter().position(|x| x == h).unwrap_or_else(|| panic!("{h}"))
    };
    // What `ocop score --inferred` writes, line by line.
    let mut out = Vec::new();
    ocop::BatchScorer::new(catalog)
        .options(opts.score.clone())
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
    use calamine::Reader;
    let catalog = Catalog::official();
    let text = include_str!("../../examples/data/dong-thap-2026.jsonl");
    let mut summary =
        ocop::report::Summary::default().as_of("2026-12-01".parse().unwrap());
    let mut results = workbook::Results::default();
    ocop::BatchScorer::new(catalog)
        .map_each(
            text.as_bytes(),
            |ev| {
                let (c, p) =
                    catalog.score_and_plan(ev, &Default::default())?;
                Ok((c, p, None))
            },
            |line, r| {
                let (card, plan, x) = r.unwrap();
                summary.add_plan(&card, &plan);
                results.add(line, Ok((card.clone(), plan, x)));
                summary.add_with(line, &Ok(card), Some(catalog));
            },
        )
        .unwrap();
    let bytes = results.xlsx(&summary, false).unwrap();
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
            .unwrap();
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
