//! Worked examples: `tests/cases/<edition>/*.json`. Each file gives its
//! source, the per-member working from the printed table, the evaluation
//! (inline or as a file) and the expected result.

use std::path::Path;

use serde_json::Value;

fn cases() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out = Vec::new();
    for ed in std::fs::read_dir(&root).unwrap() {
        for f in std::fs::read_dir(ed.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap())
                    .unwrap();
            out.push((p.display().to_string(), v));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_case_scores_as_worked_by_hand() {
    let all = cases();
    assert!(all.len() >= 6, "cases missing: {}", all.len());
    for (path, case) in all {
        let ev_text = match case.get("evaluation_file") {
            Some(f) => std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join(f.as_str().unwrap()),
            )
            .unwrap(),
            None => case["evaluation"].to_string(),
        };
        let card = crate::score(&ev_text, false)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let exp = &case["expected"];
        let totals: Vec<u64> =
            card.members.iter().map(|m| u64::from(m.total)).collect();
        let want: Vec<u64> = exp["totals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(totals, want, "{path}: member totals");
        for m in &card.members {
            assert_eq!(m.parts.total(), m.total, "{path}: parts add up");
            assert_eq!(
                m.section_points().map(|(_, p)| p).sum::<u32>(),
                m.total,
                "{path}: sections add up"
            );
        }
        let mean = &exp["mean"];
        assert_eq!(card.mean.a.to_string(), mean["A"], "{path}: mean A");
        assert_eq!(card.mean.b.to_string(), mean["B"], "{path}: mean B");
        assert_eq!(card.mean.c.to_string(), mean["C"], "{path}: mean C");
        assert_eq!(
            card.mean.total.to_string(),
            mean["total"],
            "{path}: mean total"
        );
        assert_eq!(Value::from(card.rating.band), exp["band"], "{path}: band");
        assert_eq!(
            serde_json::to_value(card.rating.stars).unwrap(),
            exp["stars"],
            "{path}: stars"
        );
        assert_eq!(
            serde_json::to_value(card.rating.status).unwrap(),
            exp["status"],
            "{path}: status"
        );
        let failed: Vec<Value> = card
            .rating
            .failed_gates
            .iter()
            .map(|g| {
                serde_json::json!({"stars": g.stars, "criterion": g.criterion,
                    "title": g.title, "required_option": g.required_option,
                    "required_text": g.required_text,
                    "required_points": g.required_points,
                    "council_points": g.council_points.to_string()})
            })
            .collect();
        assert_eq!(
            Value::from(failed),
            exp["failed_gates"],
            "{path}: failed gates"
        );
        let kinds: Vec<Value> = card
            .warnings
            .iter()
            .map(|w| serde_json::to_value(w).unwrap()["kind"].clone())
            .collect();
        assert_eq!(Value::from(kinds), exp["warnings"], "{path}: warnings");
        if let Some(k) = exp.get("knockouts") {
            assert_eq!(
                &serde_json::to_value(&card.rating.knockouts).unwrap(),
                k,
                "{path}: knock-outs"
            );
        }
    }
}

/// One case file by its path under `tests/cases`.
fn case(path: &str) -> Value {
    let full =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(path);
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

#[test]
fn elimination_outranks_a_halt() {
    let mut v: Value =
        serde_json::from_str(ocop::samples::EVALUATION_2026).unwrap();
    v["knockouts"] = serde_json::json!(["6.1", "dossier"]);
    let card = crate::score(&v.to_string(), false).unwrap();
    assert_eq!(
        (card.rating.stars, card.rating.status),
        (None, ocop::Status::Eliminated)
    );
    assert_eq!(card.rating.knockouts.len(), 2);
    // The points are still reported.
    assert_eq!(card.mean.total.to_string(), "74.33");
}

#[test]
fn a_zero_points_knockout_needs_the_whole_council_at_zero() {
    let mut v =
        case("qd26-2026/zero-points-knockout.json")["evaluation"].clone();
    // One member sees no foreign matter: the council's points on 6.1 are
    // 1.00, not 0, so the knock-out does not apply.
    v["members"][1]["answers"]["6.1"] = 2.into();
    let card = crate::score(&v.to_string(), false).unwrap();
    assert_eq!(card.members[1].total, 64);
    assert_eq!(card.mean.total.to_string(), "60.67");
    assert_eq!(
        (card.rating.stars, card.rating.status),
        (Some(3), ocop::Status::Rated)
    );
    assert!(card.rating.knockouts.is_empty());
    // Asserted as well as found: listed once, as asserted.
    v["members"][1]["answers"]["6.1"] = 1.into();
    v["knockouts"] = serde_json::json!(["6.1"]);
    let card = crate::score(&v.to_string(), false).unwrap();
    assert_eq!(card.rating.status, ocop::Status::Halted);
    assert_eq!(
        serde_json::to_value(&card.rating.knockouts).unwrap(),
        serde_json::json!([{"knockout": "6.1", "kind": "halted",
            "text": "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước tiếp theo.",
            "zero_points": false}])
    );
}

#[test]
fn sample_matches_the_crate_docs() {
    let card = crate::score(ocop::samples::EVALUATION_2026, false).unwrap();
    assert_eq!(card.mean.total.to_string(), "74.33");
    assert_eq!((card.rating.band, card.rating.stars), (4, Some(3)));
    assert_eq!(card.edition_basis, ocop::EditionBasis::Named);
}

#[test]
fn inferred_data_changes_scores_only_on_request() {
    // Thực phẩm chức năng…: 10 KIỂM TRA ĐỊNH KỲ is 0/1/3 as printed under a
    // maximum of 5, 0/2/5 inferred.
    let case = case("qd1048-781/incomplete-set.json");
    let json = case["evaluation"].to_string();
    let plain = crate::score(&json, false).unwrap();
    let inferred = crate::score(&json, true).unwrap();
    assert_eq!(plain.members[0].total, 98);
    assert_eq!(inferred.members[0].total, 100);
    assert!(inferred.inferred && !plain.inferred);
    assert!(inferred.fingerprint.ends_with("+inferred"));
    let kinds = crate::warning_kinds(&inferred);
    assert!(kinds.contains(&"inferred_data".to_owned()), "{kinds:?}");
    assert!(!kinds.contains(&"incomplete_set".to_owned()), "{kinds:?}");
}

#[test]
fn inferred_gates_apply_only_on_request() {
    // 781 3★ minimum on 9 ĐẢM BẢO CHẤT LƯỢNG (inferred, medium): option 4
    // "Có kế hoạch kiểm soát chất lượng sản phẩm, có ghi hồ sơ lô sản xuất".
    let case = case("qd1048-781/sub-criteria-band-edge.json");
    let mut ev = case["evaluation"].clone();
    for m in ev["members"].as_array_mut().unwrap() {
        m["answers"]["9"] = 2.into(); // "Có kế hoạch kiểm soát chất lượng sản phẩm", 1 point
    }
    let plain = crate::score(&ev.to_string(), false).unwrap();
    assert_eq!((plain.rating.band, plain.rating.stars), (3, Some(3)));
    let inferred = crate::score(&ev.to_string(), true).unwrap();
    assert_eq!(
        inferred.rating.status,
        ocop::Status::NotRated,
        "{:?}",
        inferred.rating
    );
    assert!(
        inferred
            .rating
            .failed_gates
            .iter()
            .any(|g| g.criterion == "9" && g.inferred)
    );
}

#[test]
fn the_tan_hong_example_agrees_with_the_record() {
    let text = include_str!("../examples/data/tan-hong-2021.jsonl");
    assert_eq!(text.lines().count(), 12);
    let mut named = 0;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        let card = crate::score(line, true).unwrap();
        assert_eq!(card.edition, "qd1048-781", "{id}: chosen by date");
        assert_eq!(card.edition_basis, ocop::EditionBasis::Date);
        match v["recorded_star"].as_u64() {
            Some(star) => {
                named += 1;
                assert_eq!(card.rating.stars, Some(star as u8), "{id}");
                assert!(card.rating.failed_gates.is_empty(), "{id}");
            }
            None => {
                assert!(v["product"].as_str().unwrap().contains("not named"));
                assert!(card.rating.stars.is_none_or(|s| s < 3), "{id}");
            }
        }
        // Every set is a printed table: without inferred data (the 781
        // minimums read from partial clauses) the stars are the same.
        let plain = crate::score(line, false).unwrap();
        assert_eq!(plain.rating.stars, card.rating.stars, "{id}");
    }
    assert_eq!(named, 10);
}
