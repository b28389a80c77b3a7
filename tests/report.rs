//! The HTML report (feature `report`): every number on the page is the
//! summary's, the page needs nothing outside itself, values are escaped,
//! and an empty input gives a page that says so.

use ocop::advice::PlanOptions;
use ocop::html::{Lang, page};
use ocop::report::Summary;
use ocop::{BatchScorer, Catalog, ScoreOptions};
use serde_json::Value;

#[cfg(feature = "xlsx")]
mod book;

/// The summary of `input` with plans, as `ocop report` builds it, with
/// certificates taken on 2026-12-01.
fn summarise(input: &str, inferred: bool) -> Summary {
    summarise_on(input, inferred, "2026-12-01")
}

fn summarise_on(input: &str, inferred: bool, as_of: &str) -> Summary {
    let catalog = Catalog::official();
    let opts = PlanOptions {
        score: ScoreOptions { inferred, ..Default::default() },
        ..Default::default()
    };
    let mut s = Summary::default().as_of(as_of.parse().unwrap());
    BatchScorer::new(catalog)
        .score_and_plan_each(input.as_bytes(), &opts, |line, r| match r {
            Ok((card, plan)) => {
                s.add_plan(&card, &plan);
                s.add_with(line, &Ok(card), Some(catalog));
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
        // Every numeric cell carries its pointer, on itself or on the
        // span it opens with.
        for (i, _) in html.match_indices("<td class=\"n") {
            let cell = &html[i..];
            let tag = &cell[..cell.find('>').unwrap() + 1];
            let pointed = tag.contains("data-n=")
                || cell[tag.len()..].starts_with("<span data-n=");
            assert!(pointed, "{}", &cell[..cell.len().min(120)]);
        }
        // Every panel, in Vietnamese or English.
        for id in [
            "overview", "places", "totals", "held", "parts", "spread",
            "audit", "plans", "act", "renewals",
        ] {
            assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
        }
    }
    // What the page shows the summary has: the panels are not empty.
    assert_eq!(s.outcomes.total(), 301);
    // Before 2025: by district, then commune, in a province's title.
    let g = s.places.grouping();
    assert_eq!(g.levels, ["district", "commune"]);
    assert_eq!(g.fixed, [("province".into(), "Đồng Tháp".into())]);
    let areas = s.places.areas();
    assert_eq!(areas.len(), 12);
    let th = areas.iter().find(|a| a.value.as_deref() == Some("Tân Hồng"));
    let th = th.unwrap();
    assert!(th.within.iter().any(|a| a.value.as_deref() == Some("Tân Hộ Cơ")));
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

fn round_2026() -> &'static str {
    include_str!("../examples/data/dong-thap-2026.jsonl")
}

/// The values of `field` over the lines of `input`, each once.
fn values_of(input: &str, field: &str) -> std::collections::BTreeSet<String> {
    input
        .lines()
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).ok()?;
            v.get(field)?.as_str().map(str::to_owned)
        })
        .collect()
}

#[test]
fn a_2026_round_is_grouped_by_commune_and_names_every_one() {
    let s = summarise(round_2026(), false);
    let g = s.places.grouping();
    assert_eq!(g.levels, ["commune"]);
    assert_eq!(g.fixed, [("province".into(), "Đồng Tháp".into())]);
    assert_eq!(g.absent, ["district"]);
    let communes = values_of(round_2026(), "commune");
    assert!(communes.len() >= 8);
    let areas = s.places.areas();
    let named: std::collections::BTreeSet<String> =
        areas.iter().filter_map(|a| a.value.clone()).collect();
    assert_eq!(named, communes);
    assert_eq!(areas.iter().map(|a| a.outcomes.total()).sum::<u64>(), 56);
    let html = page(&s, Lang::Vi);
    let places = &html[html.find("<section id=\"places\">").unwrap()..];
    let places = &places[..places.find("</section>").unwrap()];
    assert!(places.contains("Nhóm theo: xã, phường (commune)"), "{places}");
    for c in &communes {
        assert!(places.contains(&format!("<strong>{c}</strong>")), "{c}");
    }
    assert!(
        html.contains(
            "<title>Báo cáo chấm điểm OCOP — tỉnh Đồng Tháp</title>"
        )
    );
}

#[test]
fn mixed_data_counts_every_line_and_labels_what_is_not_given() {
    // The 2021–2023 lines name a district; the 2026 ones do not; one line
    // names no place at all.
    let bare = ocop::samples::EVALUATION_2026.trim_end().replacen(
        "\"province\": \"Lâm Đồng\",",
        "",
        1,
    );
    assert!(!bare.contains("Lâm Đồng"));
    let input = format!("{}{}{bare}\n", province(), round_2026());
    let s = summarise(&input, true);
    assert_eq!(s.scored, 301 + 56 + 1);
    let g = s.places.grouping();
    assert_eq!(g.levels, ["province", "district", "commune"]);
    let areas = s.places.areas();
    let total: u64 = areas.iter().map(|a| a.outcomes.total()).sum();
    assert_eq!(total, s.scored);
    // Not given sorts last, at each level.
    let last = areas.last().unwrap();
    assert_eq!((last.value.as_deref(), last.outcomes.total()), (None, 1));
    let dt = &areas[0];
    assert_eq!(dt.value.as_deref(), Some("Đồng Tháp"));
    let no_district = dt.within.last().unwrap();
    assert_eq!(no_district.value, None);
    assert_eq!(no_district.outcomes.total(), 56);
    assert_eq!(
        no_district.within.len(),
        values_of(round_2026(), "commune").len()
    );
    for a in &dt.within {
        let inner: u64 = a.within.iter().map(|c| c.outcomes.total()).sum();
        assert_eq!(inner, a.outcomes.total());
    }
    for (lang, words) in [(Lang::Vi, "không ghi"), (Lang::En, "not given")] {
        let html = page(&s, lang);
        assert!(
            html.contains(&format!("<strong>{words}</strong>")),
            "{words}"
        );
    }
    // The text summary shows the same tree.
    let text = s.to_string();
    assert!(text.contains("place (province > district > commune)"), "{text}");
    assert!(text.contains("\n  (not given)"), "{text}");
    // A user's --by is taken as given: one level, lines without it kept.
    let mut by = Summary::new(&["district"]);
    for (n, line) in input.lines().enumerate() {
        by.add(n as u64 + 1, &crate::score(line, true));
    }
    let areas = by.places.areas();
    assert_eq!(areas.last().unwrap().value, None);
    assert_eq!(areas.last().unwrap().outcomes.total(), 57);
}

#[test]
fn the_action_panel_lists_exactly_the_plans_of_one_or_two_changes() {
    let s = summarise(province(), true);
    let catalog = Catalog::official();
    let opts = PlanOptions {
        score: ScoreOptions { inferred: true, ..Default::default() },
        ..Default::default()
    };
    let mut want = Vec::new();
    for line in province().lines() {
        let ev = ocop::Evaluation::from_json(line).unwrap();
        let plan = catalog.plan(&ev, &opts).unwrap();
        if plan.reachable && (1..=2).contains(&plan.changes) {
            want.push((plan.id.clone(), plan.target, plan.steps.clone()));
        }
    }
    assert!(want.len() > 20, "{}", want.len());
    let got: Vec<_> = s
        .act
        .near
        .iter()
        .map(|c| (c.named.id.clone(), c.target, c.steps.clone()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(s.act.near_count, want.len() as u64);
    // Held products: exactly those whose star a minimum decided.
    let held: Vec<_> = s.act.held.iter().map(|h| h.named.id.clone()).collect();
    let mut want_held = Vec::new();
    for line in province().lines() {
        let card = crate::score(line, true).unwrap();
        let r = &card.rating;
        let below = match r.status {
            ocop::Status::Rated => r.stars.is_some_and(|x| x < r.band),
            ocop::Status::NotRated => true,
            _ => false,
        };
        if below && !r.failed_gates.is_empty() {
            want_held.push(card.id.clone());
        }
    }
    assert_eq!(held, want_held);
    // The page names each product with its steps, by place.
    let html = page(&s, Lang::Vi);
    let act = &html[html.find("<section id=\"act\">").unwrap()..];
    let act = &act[..act.find("</section>").unwrap()];
    for (id, _, steps) in &want {
        let id = id.as_deref().unwrap();
        let at = act.find(&format!("<strong>{id}</strong>")).unwrap();
        let row = &act[at..];
        let row = &row[..row.find("</tr>").unwrap()];
        for st in steps {
            assert!(
                row.contains(&format!(
                    "<strong>{}</strong> {}",
                    st.criterion, st.title
                )),
                "{id}: {row}"
            );
        }
    }
    assert!(act.contains(
        "<tr class=\"place\"><th colspan=\"5\">Cao Lãnh · Xã 3</th></tr>"
    ));
}

#[test]
fn certificates_end_36_months_on_and_are_filed_180_to_120_days_before() {
    use ocop::report::CertificateCase;
    let line =
        |id: &str, recognised: &str| {
            ocop::samples::EVALUATION_2026.trim_end().replacen(
            "{",
            &format!(
                r#"{{"recognised": "{recognised}", "recorded_star": 3, "#
            ),
            1,
        ).replacen("SAMPLE-2026-01", id, 1)
        };
    let input = [
        line("leap", "2024-02-29"),       // ends 2027-02-28
        line("on-day", "2024-02-28"),     // ends 2027-02-28, the day itself
        line("day-before", "2024-02-27"), // ended 2027-02-27
        line("far", "2025-03-01"),        // ends 2028-03-01: after a year
        line("next-leap", "2025-02-28"),  // ends 2028-02-28, within a year
        line("bad", "29/02/2024"),
    ]
    .join("\n");
    let s = summarise_on(&input, false, "2027-02-28");
    let r = s.renewals.as_ref().unwrap();
    assert_eq!(r.until.to_string(), "2028-02-28");
    let show = |c: &CertificateCase| {
        (
            c.named.id.clone().unwrap(),
            c.ends.to_string(),
            c.file_from.to_string(),
            c.file_by.to_string(),
        )
    };
    let due: Vec<_> = r.due.iter().map(show).collect();
    let s_ = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned())
    };
    assert_eq!(
        due,
        [
            s_("leap", "2027-02-28", "2026-09-01", "2026-10-31"),
            s_("on-day", "2027-02-28", "2026-09-01", "2026-10-31"),
            s_("next-leap", "2028-02-28", "2027-09-01", "2027-10-31"),
        ]
    );
    let ended: Vec<_> = r.ended.iter().map(show).collect();
    assert_eq!(
        ended,
        [s_("day-before", "2027-02-27", "2026-08-31", "2026-10-30")]
    );
    assert_eq!(
        (r.due_count, r.ended_count, r.later, r.unreadable),
        (3, 1, 1, 1)
    );
    // Rescored under the line's own edition, with the recorded star.
    assert!(
        r.due.iter().all(|c| c.edition.as_deref() == Some("qd26-2026")
            && c.recorded == Some(3))
    );
    assert_eq!(r.due[0].stars, Some(3));
    let html = page(&s, Lang::En);
    let panel = &html[html.find("<section id=\"renewals\">").unwrap()..];
    assert!(panel.contains("As of <strong>2027-02-28</strong>"), "{panel}");
    assert!(panel.contains("window closed") && panel.contains("ended"));
}

#[test]
fn the_certificate_lists_keep_the_soonest_and_count_them_all() {
    use ocop::report::MAX_CASES;
    let card = Catalog::official()
        .score(
            &ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)
                .unwrap(),
        )
        .unwrap();
    let as_of: ocop::Date = "2026-12-01".parse().unwrap();
    let mut s = Summary::default().as_of(as_of);
    // Issued over the 2,000 days before, in a scrambled order: some ended,
    // some due within the year.
    let n = 2000u64;
    for i in 0..n {
        let day = as_of.add_days(-((i * 7919 % n) as i64) - 800);
        let mut c = card.clone();
        c.meta.insert("recognised".into(), day.to_string().into());
        s.add(i + 1, &Ok(c));
    }
    let r = s.renewals.as_ref().unwrap();
    assert_eq!(r.due_count + r.ended_count + r.later, n);
    assert!(r.ended_count > MAX_CASES as u64, "{}", r.ended_count);
    assert_eq!(r.ended.len(), MAX_CASES);
    // The latest ended first, and none later than those kept is left out.
    assert!(r.ended.windows(2).all(|w| w[0].ends >= w[1].ends));
    let latest = as_of.add_days(-1);
    assert_eq!(r.ended[0].ends, latest);
    assert!(r.due.windows(2).all(|w| w[0].file_by <= w[1].file_by));
    assert_eq!(r.due.len() as u64, r.due_count);
}

/// The minimums that held products back, and the criteria plans raise,
/// are listed in one order whatever the order of the lines: by count,
/// then tier, code and title (one code names different criteria in
/// different sets).
#[test]
fn held_and_raised_lists_do_not_depend_on_line_order() {
    let forward: String = [province(), round_2026()].concat();
    let mut lines: Vec<&str> = forward.lines().collect();
    lines.reverse();
    let backward = lines.join("\n") + "\n";
    let a = serde_json::to_value(summarise(&forward, true)).unwrap();
    let b = serde_json::to_value(summarise(&backward, true)).unwrap();
    assert!(a["held_by_gates"].as_array().unwrap().len() > 5);
    assert!(!a["plans"]["raised"].as_array().unwrap().is_empty());
    assert_eq!(a["held_by_gates"], b["held_by_gates"]);
    assert_eq!(a["plans"]["raised"], b["plans"]["raised"]);
}

/// A place written as a number (a commune's code, district `1`) is a
/// place, not "not given"; a field named twice in `--by` is one level and
/// counts each line once.
#[test]
fn numbered_places_count_and_a_field_named_twice_counts_once() {
    let sample = ocop::samples::EVALUATION_2026.trim_end();
    let with = |district: &str| {
        sample.replacen(
            "\"province\": \"Lâm Đồng\",",
            &format!("\"province\": \"Lâm Đồng\", \"district\": {district},"),
            1,
        )
    };
    let input = [with("1"), with("3"), with("\"Bình Thạnh\""), with("1")]
        .join("\n")
        + "\n";
    let s = summarise(&input, false);
    let areas = s.places.areas();
    let named: Vec<(Option<&str>, u64)> = areas
        .iter()
        .map(|a| (a.value.as_deref(), a.outcomes.total()))
        .collect();
    assert_eq!(
        named,
        [(Some("1"), 2), (Some("3"), 1), (Some("Bình Thạnh"), 1)]
    );
    let mut twice = Summary::new(&["district", "district"]);
    for (n, line) in input.lines().enumerate() {
        twice.add(n as u64 + 1, &crate::score(line, false));
    }
    assert_eq!(twice.places.grouping().levels, ["district"]);
    let total: u64 =
        twice.places.areas().iter().map(|a| a.outcomes.total()).sum();
    assert_eq!(total, 4);
}

/// A line that cannot be rescored (a 148 line, whose tables are not
/// bundled) still holds its certificate: `ocop report` lists it as due,
/// with the reason it was not rescored, and counts the line as rejected.
#[test]
fn a_rejected_line_keeps_its_certificate_on_the_page() {
    let sample = ocop::samples::EVALUATION_2026.trim_end();
    let line = sample
        .replacen("\"edition\": \"qd26-2026\", ", "", 1)
        .replacen("\"2026-09-15\"", "\"2023-05-10\"", 1)
        .replacen(
            "{",
            r#"{"recognised": "2023-06-01", "recorded_star": 3, "#,
            1,
        );
    assert!(!line.contains("qd26-2026") && line.contains("2023-05-10"));
    let dir = crate::loader::scratch_dir("cli-report-rejected");
    let input = dir.join("in.jsonl");
    std::fs::write(&input, format!("{line}\nnot json\n")).unwrap();
    let out = dir.join("report.html");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["report", "--as-of", "2026-01-20", "--lang", "en", "-o"])
        .arg(&out)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("2 lines: 0 scored, 2 rejected"), "{stderr}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains(r#"data-n="/renewals/due_count">1<"#), "{html}");
    assert!(html.contains("not rescored: weak_source_set"), "{html}");
    assert!(html.contains("SAMPLE-2026-01"), "{html}");
}

/// `summary` reads a blank line as `score` writes it, a `blank_line`
/// rejection, and a scorecard no scoring can write (a star outside 1 to
/// 5, a star above its band, a rated product without a star) as an
/// `invalid_scorecard` rejection, never as an outcome.
#[test]
fn summary_rejects_blank_lines_and_impossible_scorecards() {
    let catalog = Catalog::official();
    let mut out = Vec::new();
    BatchScorer::new(catalog)
        .run(ocop::samples::EVALUATION_2026.as_bytes(), &mut out)
        .unwrap();
    let card = String::from_utf8(out).unwrap();
    let card = card.trim_end();
    assert!(card.contains("\"stars\":3,"), "{card}");
    let mut input = format!("{card}\n\n");
    for bad in [
        card.replace("\"stars\":3,", "\"stars\":9,"),
        card.replace("\"stars\":3,", "\"stars\":5,"),
        card.replace("\"stars\":3,", "\"stars\":null,"),
        card.replace("\"stars\":3,", "\"stars\":0,"),
    ] {
        assert_ne!(bad, card);
        input += &bad;
        input += "\n";
    }
    input += "   \n";
    let s = Summary::from_reader(input.as_bytes()).unwrap();
    assert_eq!((s.lines, s.scored, s.rejected), (7, 1, 6));
    assert_eq!(s.rejections["blank_line"], 2);
    assert_eq!(s.rejections["invalid_scorecard"], 4);
    assert_eq!(s.outcomes.total(), 1);
    assert_eq!(s.outcomes.stars.get(&9), None);
    assert_eq!(s.first_errors[1].line, 3);
    assert_eq!(
        s.first_errors[1].message,
        "not a scorecard ocop writes: star 9 is not 1 to 5"
    );
    assert_eq!(s.first_errors[1].id.as_deref(), Some("SAMPLE-2026-01"));
}

/// `ocop summary` on a workbook says plainly that it reads scorecards,
/// and what to run first.
#[cfg(feature = "cli")]
#[test]
fn ocop_summary_refuses_a_workbook_and_says_what_to_run() {
    let book = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/tan-hong-2021.xlsx"
    );
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ocop"))
        .args(["summary", book])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("summary reads scorecards (the output of `ocop score`), not a workbook"), "{err}");
    assert!(err.contains("ocop score"), "{err}");
}
