//! The HTML report (feature `report`): every number on the page is the
//! summary's, the page needs nothing outside itself, values are escaped,
//! and an empty input gives a page that says so.

use ocop::advice::PlanOptions;
use ocop::html::{Lang, page};
use ocop::report::Summary;
use ocop::{BatchScorer, Catalog, ScoreOptions};
use serde_json::Value;

/// The summary of `input` with plans, as `ocop report` builds it.
fn summarise(input: &str, inferred: bool) -> Summary {
    let catalog = Catalog::official();
    let opts = PlanOptions {
        score: ScoreOptions { inferred, ..Default::default() },
        ..Default::default()
    };
    let mut s = Summary::new(&["district", "commune"]);
    BatchScorer::new(catalog)
        .score_and_plan_each(input.as_bytes(), &opts, |line, r| match r {
            Ok((card, plan)) => {
                s.add_with(line, &Ok(card), Some(catalog));
                s.add_plan(&plan);
            }
            Err(e) => s.add(line, &Err(e)),
        })
        .unwrap();
    s
}

fn province() -> &'static str {
    include_str!("../examples/data/dong-thap-2021-2023.jsonl")
}

/// Every `data-n="pointer">value` on the page, HTML entities undone.
fn numbers(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("data-n=\"") {
        rest = &rest[i + 8..];
        let end = rest.find('"').unwrap();
        let path = rest[..end].replace("&amp;", "&").replace("&quot;", "\"");
        let body = &rest[end + 2..];
        let value = &body[..body.find('<').unwrap()];
        out.push((path, value.to_owned()));
        rest = body;
    }
    out
}

#[test]
fn every_number_on_the_page_is_the_summarys() {
    let s = summarise(province(), true);
    assert_eq!(s.lines, 301);
    let json = serde_json::to_value(&s).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        let html = page(&s, lang);
        let found = numbers(&html);
        assert!(found.len() > 500, "{}", found.len());
        for (path, shown) in &found {
            let v = json.pointer(path).unwrap_or_else(|| panic!("no {path}"));
            let want = match v {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                other => panic!("{path} is not a number: {other}"),
            };
            // Exact decimals: 23.60 on the page is 23.6 once read as a
            // JSON number.
            let dec = |t: &str| t.parse::<rust_decimal::Decimal>().unwrap();
            assert_eq!(dec(shown), dec(&want), "{path}");
        }
        // Every numeric cell carries its pointer.
        let cells = html.matches("<td class=\"n\"").count();
        let pointed = html.matches("<td class=\"n\" data-n=").count();
        let parts = html.matches("<td class=\"n\"><span data-n=").count();
        assert_eq!(cells, pointed + parts);
        // Every panel, in Vietnamese or English.
        for id in [
            "overview", "places", "totals", "held", "parts", "spread",
            "audit", "plans",
        ] {
            assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
        }
    }
    // What the page shows the summary has: the panels are not empty.
    assert_eq!(s.outcomes.total(), 301);
    assert!(
        s.places.len() == 12
            && s.places["Tân Hồng"].within.contains_key("Tân Hộ Cơ")
    );
    assert!(s.near_edges.values().sum::<u64>() > 0);
    assert!(
        !s.held_by_gates.is_empty()
            && !s.spread.is_empty()
            && !s.audit.is_empty()
    );
    assert!(s.by_set.values().all(|x| x.part_max.is_some()));
    let plans = s.plans.as_ref().unwrap();
    assert_eq!(plans.plans, 301);
    assert!(plans.by_changes.contains_key(&1));
}

#[test]
fn the_page_needs_nothing_outside_itself() {
    let s = summarise(province(), true);
    let html = page(&s, Lang::Vi);
    assert!(html.len() < 1 << 20, "{} bytes", html.len());
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"vi\">"));
    assert!(
        html.contains(
            "<title>Báo cáo chấm điểm OCOP — tỉnh Đồng Tháp</title>"
        )
    );
    assert!(
        !html.contains("<script")
            && !html.contains("url(")
            && !html.contains(" src=")
    );
    for (i, _) in html.match_indices("href=\"") {
        assert_eq!(&html[i + 6..i + 7], "#", "an href leaves the page");
    }
    assert!(html.contains("@media print{@page{size:A4"));
    assert!(html.contains("name=\"viewport\""));
}

#[test]
fn criteria_are_named_by_code_and_title_and_outcomes_in_words() {
    let s = summarise(province(), true);
    // Code 1.3 is a different criterion on different sheets; the counts
    // keep them apart.
    let raised = &s.plans.as_ref().unwrap().raised;
    let titles: Vec<&str> = raised
        .iter()
        .filter(|r| r.criterion == "1.3")
        .map(|r| r.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Năng lực sản xuất để phân phối",
            "Năng lực sản xuất đáp ứng yêu cầu phân phối",
            "Bảo vệ môi trường trong cộng đồng làm du lịch/điểm du lịch"
        ]
    );
    let html = page(&s, Lang::En);
    assert!(html.contains("<td>4.2</td><td>Tổ chức phân phối</td>"), "{html}");
    // The audit shows outcomes as the page's words, not status codes.
    let audit = &html[html.find("<section id=\"audit\">").unwrap()..];
    let audit = &audit[..audit.find("</section>").unwrap()];
    assert!(audit.contains("<td>4★</td><td>3★</td>"), "{audit}");
    assert!(!audit.contains("rated") && !audit.contains("xếp hạng"));
}

#[test]
fn a_summary_keeps_the_first_cases_and_counts_them_all() {
    use ocop::report::MAX_CASES;
    let mut ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)
        .unwrap()
        .into_owned();
    // One member ticks the first option everywhere but the story (whose
    // first option would make 5.2 and 5.3 inapplicable): the council
    // spreads.
    for (code, a) in ev.members[0].answers.iter_mut() {
        if !code.starts_with("5.") && matches!(a, ocop::Answer::Option(_)) {
            *a = ocop::Answer::Option(1);
        }
    }
    ev.meta.push(("recorded_star".into(), serde_json::json!(5)));
    let card = Catalog::official().score(&ev).unwrap();
    assert!(card.spread.exceeded);
    assert_ne!(card.rating.stars, Some(5));
    let mut s = Summary::default();
    let n = MAX_CASES as u64 + 500;
    for line in 1..=n {
        s.add(line, &Ok(card.clone()));
    }
    assert_eq!((s.spread_count, s.spread.len()), (n, MAX_CASES));
    assert_eq!((s.audit_lower, s.audit_higher), (n, 0));
    assert_eq!(s.audit.len(), MAX_CASES);
    assert!(s.to_string().contains("  … and 500 more\n"), "{s}");
    let html = page(&s, Lang::En);
    assert!(html.contains(&format!("<td colspan=\"5\">… {}</td>", n - 200)));
}

#[test]
fn parts_are_per_edition_and_against_the_table_scored_with() {
    let s = summarise(province(), true);
    // Every table the province example uses sums to 100, with or without
    // inferred data (the one 98-point 1048/781 set is not among them).
    assert!(s.by_set.len() >= 14);
    for (key, x) in &s.by_set {
        assert!(key.starts_with("qd1048-781/"), "{key}");
        assert_eq!(x.part_max.unwrap().iter().sum::<u32>(), 100, "{key}");
    }
    // The maxima are those of the table scored with: the 98-point set
    // reaches 100 only with its inferred correction.
    let tpcn = "thuc-pham-chuc-nang-thuoc-tu-duoc-lieu-thuoc-y-hoc-co-truyen";
    let case = include_str!("cases/qd1048-781/incomplete-set.json");
    let ev: serde_json::Value = serde_json::from_str(case).unwrap();
    let line = ev["evaluation"].to_string();
    for (inferred, total) in [(false, 98), (true, 100)] {
        let mut s = Summary::default();
        let card = crate::score(&line, inferred);
        s.add_with(1, &card, Some(Catalog::official()));
        let m = s.by_set[&format!("qd1048-781/{tpcn}")].part_max.unwrap();
        assert_eq!(m.iter().sum::<u32>(), total);
    }
}

#[test]
fn a_hand_made_summary_does_not_break_the_page() {
    // Summaries also come from hand-made JSON (Summary::from_reader):
    // a spread whose lowest is above its highest, a mean far above the
    // maximum.
    let mut card = Catalog::official()
        .score(
            &ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)
                .unwrap(),
        )
        .unwrap();
    card.spread.exceeded = true;
    card.spread.lowest = card.spread.highest + 5;
    card.mean.a = ocop::Decimal::MAX;
    let mut s = Summary::default();
    s.add_with(1, &Ok(card), Some(Catalog::official()));
    let html = page(&s, Lang::En);
    assert!(html.contains("<section id=\"parts\">"));
}

#[test]
fn values_are_escaped() {
    let line = ocop::samples::EVALUATION_2026
        .trim_end()
        .replacen("SAMPLE-2026-01", "<b>bold</b>", 1)
        .replacen("\"Lâm Đồng\"", "\"<i>Lâm Đồng</i>\", \"district\": \"<script>x</script>\", \"recorded_star\": 5", 1);
    let s = summarise(&line, false);
    assert_eq!(s.audit.len(), 1);
    let html = page(&s, Lang::En);
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
    assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(!html.contains("<b>bold") && !html.contains("<script>"));
    assert!(html.contains(
        "OCOP scoring report — province &lt;i&gt;Lâm Đồng&lt;/i&gt;"
    ));
}

#[test]
fn an_empty_or_rejected_input_says_so() {
    for input in ["", "not json\n{\n"] {
        let s = summarise(input, false);
        let html = page(&s, Lang::Vi);
        assert!(
            html.contains("Không có sản phẩm nào được chấm điểm."),
            "{input:?}"
        );
        let html = page(&s, Lang::En);
        assert!(html.contains("No product was scored."));
        if !input.is_empty() {
            assert_eq!(s.rejected, 2);
            assert!(html.contains("First rejected lines"));
            assert!(html.contains("<code>json</code>"));
        }
    }
}

#[cfg(feature = "cli")]
#[test]
fn ocop_report_writes_the_page() {
    let dir = crate::loader::scratch_dir("cli-report");
    let out = dir.join("report.html");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["report", "--inferred", "--lang", "en", "-o"])
        .arg(&out)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/dong-thap-2021-2023.jsonl"
        ))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("OCOP scoring report — province Đồng Tháp"));
    let err = String::from_utf8(status.stderr).unwrap();
    assert!(
        err.starts_with("301 lines: 301 scored, 0 rejected; wrote "),
        "{err}"
    );
    // Rejected lines are counted, shown, and make the exit status 1.
    let province = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/dong-thap-2021-2023.jsonl"
    ))
    .unwrap();
    let bad = province.replacen("\"set\":\"", "\"set\":\"khong-co-", 1);
    let input = dir.join("with-a-bad-line.jsonl");
    std::fs::write(&input, bad).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["report", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(1));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("<code>unknown_set</code>"));
    // -o - writes the page to stdout, and no file named "-".
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .current_dir(&dir)
        .args(["report", "-o", "-", "-"])
        .stdin(
            std::fs::File::open(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/data/sample-2026.json"
            ))
            .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(status.status.code(), Some(0));
    let page = String::from_utf8(status.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>"));
    assert!(!dir.join("-").exists());
}
