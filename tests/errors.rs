//! Every error variant, triggered from realistic input, with the context
//! its message must carry.

use std::collections::BTreeSet;

use ocop::{BatchScorer, Catalog, Category, ErrorKind};
use serde_json::{Value, json};

fn sample() -> Value {
    serde_json::from_str(ocop::samples::EVALUATION_2026).unwrap()
}

fn err(v: &Value) -> ocop::Error {
    crate::score(&v.to_string(), false).unwrap_err()
}

/// Asserts the message names the product and each of `parts`.
fn says(e: &ocop::Error, parts: &[&str]) {
    let msg = e.to_string();
    for p in parts {
        assert!(msg.contains(p), "{msg:?} lacks {p:?}");
    }
    // Serializes with its kind, for batch error records.
    assert!(serde_json::to_value(e).unwrap()["kind"].is_string());
}

#[test]
fn json() {
    let e = crate::score("{\"id\": \"P\", \"set\": ", false).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Json { line: Some(1), .. }),
        "{e:?}"
    );
    let e = crate::score(r#"{"id": "P"}"#, false).unwrap_err();
    says(&e, &["set"]);
}

#[test]
fn no_edition() {
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v.as_object_mut().unwrap().remove("date");
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::NoEdition));
    says(&e, &["SAMPLE-2026-01", "date"]);
}

#[test]
fn invalid_date() {
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2021-02-29".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::InvalidDate { .. }));
    says(&e, &["SAMPLE-2026-01", "2021-02-29", "date"]);
}

#[test]
fn before_criteria() {
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2019-08-20".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::BeforeCriteria { .. }));
    says(&e, &["2019-08-20", "2019-08-21"]);
}

#[test]
fn ambiguous_edition() {
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2026-06-01".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::AmbiguousEdition { .. }));
    says(&e, &["qd148-2023", "qd26-2026", "submitted"]);
}

#[test]
fn unknown_edition() {
    let mut v = sample();
    v["edition"] = "qd999".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::UnknownEdition { .. }));
    says(&e, &["qd999", "qd26-2026"]);
}

#[test]
fn tables_not_bundled() {
    // 148/QĐ-TTg ships one of its 26 tables; "Hoa" is not it.
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2024-03-01".into();
    v["set"] = "hoa".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::TablesNotBundled { .. }));
    says(&e, &["qd148-2023", "Catalog::from_dir", "--criteria"]);
}

#[test]
fn weak_source_set() {
    // The one bundled 148 table comes from a weak source: opt-in only.
    let mut v = sample();
    v.as_object_mut().unwrap().remove("edition");
    v["date"] = "2024-03-01".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::WeakSourceSet { .. }));
    says(&e, &["qd148-2023", "rau-cu-qua-hat-tuoi", "--weak-sources"]);
}

#[test]
fn unknown_set() {
    let mut v = sample();
    v["set"] = "banh-mi".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::UnknownSet { .. }));
    says(&e, &["SAMPLE-2026-01", "banh-mi", "qd26-2026"]);
}

#[test]
fn inferred_set() {
    // No bundled set is a reconstruction any more; a user's can be.
    let dir = std::env::temp_dir().join("ocop-test-inferred-set");
    std::fs::create_dir_all(dir.join("qd26-2026")).unwrap();
    let official = ocop::Catalog::official();
    let hoa = official.edition("qd26-2026").unwrap().set("hoa").unwrap();
    let mut sheet = hoa.sheet().clone();
    sheet.status = ocop::criteria::SetStatus::Inferred;
    sheet.basis = Some("rebuilt from a sibling set".into());
    std::fs::write(
        dir.join("qd26-2026/hoa.json"),
        serde_json::to_string(&sheet).unwrap(),
    )
    .unwrap();
    let catalog = ocop::Catalog::from_dir(&dir).unwrap();
    let v = json!({"id": "G1", "edition": "qd26-2026", "set": "hoa",
        "members": [{"member": "m1", "answers": {}}]});
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let e = catalog.score(&ev).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InferredSet { .. }));
    says(&e, &["G1", "hoa", "inferred"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn empty_council() {
    let mut v = sample();
    v["members"] = json!([]);
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::EmptyCouncil));
    says(&e, &["SAMPLE-2026-01"]);
}

#[test]
fn duplicate_member() {
    let mut v = sample();
    v["members"][1]["member"] = "m1".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::DuplicateMember { .. }));
    says(&e, &["SAMPLE-2026-01", "m1"]);
    // A list far larger than a council takes the other check.
    let one = sample()["members"][0].clone();
    let mut many: Vec<Value> = (0..40)
        .map(|i| {
            let mut m = one.clone();
            m["member"] = format!("x{i}").into();
            m
        })
        .collect();
    many[39]["member"] = "x7".into();
    v["members"] = many.into();
    let e = err(&v);
    assert!(
        matches!(e.kind(), ErrorKind::DuplicateMember { member } if member == "x7"),
        "{e}"
    );
}

#[test]
fn wrong_set() {
    let mut v = sample();
    v["members"][2]["set"] = "hoa".into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::WrongSet { .. }));
    says(&e, &["m3", "hoa", "rau-cu-qua-hat-tuoi"]);
    // Naming the same set by its printed name is not an error.
    v["members"][2]["set"] = "Rau, củ, quả, hạt tươi".into();
    assert!(crate::score(&v.to_string(), false).is_ok());
}

#[test]
fn unknown_criterion() {
    let mut v = sample();
    v["members"][1]["answers"]["9.9"] = 1.into();
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::UnknownCriterion { .. }));
    says(&e, &["SAMPLE-2026-01", "m2", "9.9"]);
}

#[test]
fn header_is_not_answerable() {
    let mut v = sample();
    v["set"] = "che-tuoi-che-che-bien".into();
    v["members"] = json!([{"member": "m1", "answers": {"6.1": 1}}]);
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::UnknownCriterion { .. }));
    says(&e, &["6.1", "6.1.1, 6.1.2"]);
}

#[test]
fn missing_answer() {
    let mut v = sample();
    v["members"][0]["answers"].as_object_mut().unwrap().remove("6.3");
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::MissingAnswer { .. }));
    says(&e, &["SAMPLE-2026-01", "m1", "6.3", "Mùi/vị"]);
}

#[test]
fn duplicate_answer() {
    let text = ocop::samples::EVALUATION_2026.replacen(
        "\"1.2\": 2",
        "\"1.2\": 2, \"1.2\": 3",
        1,
    );
    assert_ne!(text, ocop::samples::EVALUATION_2026);
    let e = crate::score(&text, false).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::DuplicateAnswer { .. }));
    says(&e, &["SAMPLE-2026-01", "m1", "1.2"]);
}

#[test]
fn option_out_of_range() {
    let mut v = sample();
    v["members"][2]["answers"]["1.1"] = 4.into();
    let e = err(&v);
    assert!(matches!(
        e.kind(),
        ErrorKind::OptionOutOfRange { option: 4, options: 3, .. }
    ));
    says(&e, &["m3", "1.1", "1 to 3"]);
    v["members"][2]["answers"]["1.1"] = 0.into();
    assert!(matches!(
        err(&v).kind(),
        ErrorKind::OptionOutOfRange { option: 0, .. }
    ));
}

#[test]
fn invalid_answer() {
    for (code, bad) in [
        ("1.1", json!("3")),
        ("1.1", json!(-1)),
        ("1.1", json!(2.5)),
        ("2.4", json!(1)),
        ("1.1", json!(true)),
        ("1.1", json!(null)),
    ] {
        let mut v = sample();
        v["members"][0]["answers"][code] = bad.clone();
        let e = err(&v);
        assert!(
            matches!(e.kind(), ErrorKind::InvalidAnswer { .. }),
            "{bad}: {e:?}"
        );
        says(&e, &["m1", code]);
    }
}

#[test]
fn not_applicable() {
    let mut v = sample();
    v["members"][1]["answers"]["5.1"] = 1.into(); // "Không có câu chuyện sản phẩm"
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::NotApplicable { .. }));
    says(&e, &["m2", "5.2", "5.1"]);
    // Without the answer it scores, with 5.2 not applicable.
    v["members"][1]["answers"].as_object_mut().unwrap().remove("5.2");
    let card = crate::score(&v.to_string(), false).unwrap();
    let p: Vec<_> =
        card.members[1].criteria().filter(|(c, _)| *c == "5.2").collect();
    assert_eq!(p, [("5.2", None)]);
}

#[test]
fn unreadable_points() {
    // 26/2026 set 11, 6.1.1 option 2 prints 11 under a maximum of 2.
    let set = Catalog::official()
        .edition("qd26-2026")
        .unwrap()
        .set("che-tuoi-che-che-bien")
        .unwrap();
    let mut answers = crate::first_options(set, true);
    answers.insert("6.1.1".into(), 2.into());
    let v = json!({"id": "TEA", "edition": "qd26-2026", "set": set.id(), "members": [{"member": "m1", "answers": answers}]});
    let e = err(&v);
    assert!(
        matches!(e.kind(), ErrorKind::UnreadablePoints { option: 2, .. }),
        "{e:?}"
    );
    says(&e, &["TEA", "m1", "6.1.1", "11"]);
    let card = crate::score(&v.to_string(), true).unwrap();
    let p: Vec<_> =
        card.members[0].criteria().filter(|(c, _)| *c == "6.1.1").collect();
    assert_eq!(p, [("6.1.1", Some(1))]);
}

#[test]
fn unknown_knockout() {
    let mut v = sample();
    v["knockouts"] = json!(["6.3"]);
    let e = err(&v);
    assert!(matches!(e.kind(), ErrorKind::UnknownKnockout { .. }));
    says(&e, &["6.3", "dossier", "6.1"]);
}

#[test]
fn line_too_long() {
    let good = ocop::samples::EVALUATION_2026.trim_end();
    let long = "x".repeat(20_000);
    // The long line in the middle, then again at the end without a newline.
    let input = format!("{good}\n{long}\n{good}\n{long}");
    let mut out = Vec::new();
    let stats = BatchScorer::new(Catalog::official())
        .max_line_bytes(10_000)
        .run(input.as_bytes(), &mut out)
        .unwrap();
    assert_eq!((stats.lines, stats.scored, stats.rejected), (4, 2, 2));
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for (i, at) in [(1, 2), (3, 4)] {
        assert_eq!(lines[i]["line"], at);
        assert_eq!(lines[i]["error"]["kind"], "line_too_long");
        assert_eq!(lines[i]["error"]["bytes"], 20_000);
        assert_eq!(lines[i]["error"]["limit"], 10_000);
    }
    assert_eq!(lines[2]["id"], "SAMPLE-2026-01", "the next line is scored");
    let e = ocop::Error::from(ErrorKind::LineTooLong {
        bytes: 20_000,
        limit: 10_000,
    });
    says(&e, &["20000 bytes", "10000", "max_line_bytes"]);
}

#[test]
fn invalid_data_and_io() {
    let dir =
        std::env::temp_dir().join(format!("ocop-test-{}", std::process::id()));
    let ed = dir.join("qd26-2026");
    std::fs::create_dir_all(&ed).unwrap();
    let set =
        Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    let mut sheet = set.sheet().clone();
    sheet.parts[0].sections[0].criteria[0].options[0].points = 7;
    std::fs::write(
        ed.join("hoa.json"),
        serde_json::to_string(&sheet).unwrap(),
    )
    .unwrap();
    let e = Catalog::from_dir(&dir).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidData { .. }), "{e}");
    says(&e, &["qd26-2026/hoa.json", "set hoa", "criterion 1.1"]);

    // A zero-points knock-out where 0 could mean "does not apply", and a
    // criterion code that would need escaping as a JSON key.
    let load = |sheet: &ocop::criteria::SetFile| {
        let text = serde_json::to_string(sheet).unwrap();
        std::fs::write(ed.join("hoa.json"), text).unwrap();
        Catalog::from_dir(&dir).unwrap_err()
    };
    let mut sheet = set.sheet().clone();
    let five = &mut sheet.parts[1].sections[1];
    assert_eq!(five.criteria[1].code, "5.2");
    five.criteria[1].knockout = Some(ocop::criteria::Knockout {
        kind: ocop::criteria::KnockoutKind::Halted,
        text: "Nếu được 0 điểm".into(),
        zero_points: true,
    });
    says(&load(&sheet), &["criterion 5.2", "zero-points knock-out"]);
    let mut sheet = set.sheet().clone();
    sheet.parts[0].sections[0].criteria[0].code = "1.\"1".into();
    says(&load(&sheet), &["\"1.\\\"1\"", "without quotes"]);

    let e = Catalog::from_dir(dir.join("missing")).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io { .. }));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn supplied_tables_score_the_148_period() {
    // A province holding 148's tables supplies them as a directory.
    let dir =
        std::env::temp_dir().join(format!("ocop-148-{}", std::process::id()));
    let ed = dir.join("qd148-2023");
    std::fs::create_dir_all(&ed).unwrap();
    let set =
        Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    std::fs::write(
        ed.join("hoa.json"),
        serde_json::to_string(set.sheet()).unwrap(),
    )
    .unwrap();
    let catalog = Catalog::from_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let answers = crate::first_options(set, false);
    let v = json!({"id": "H", "date": "2024-05-02", "set": "hoa", "members": [{"member": "m1", "answers": answers}]});
    let ev = ocop::Evaluation::from_json(&v.to_string()).unwrap().into_owned();
    let card = catalog.score(&ev).unwrap();
    assert_eq!(
        (card.edition.as_str(), card.edition_basis.as_str()),
        ("qd148-2023", "date")
    );
}

#[test]
fn blank_line() {
    let e = ocop::Error::from(ErrorKind::BlankLine);
    says(&e, &["blank", "one evaluation"]);
    // The batch gives it in the line's place (tests/edges.rs has more).
    let mut out = Vec::new();
    BatchScorer::new(Catalog::official()).run(&b"  \n"[..], &mut out).unwrap();
    assert_eq!(out, b"{\"line\":1,\"error\":{\"kind\":\"blank_line\"}}\n");
}

#[test]
fn too_many_members_and_answers() {
    let mut v = sample();
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let opts = ocop::ScoreOptions { max_members: 2, ..Default::default() };
    let e = Catalog::official().score_with(&ev, &opts).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::TooManyMembers { members: 3, limit: 2 }
    ));
    says(&e, &["3 member sheets", "limit of 2", "max_members"]);
    v["members"][1]["answers"]["x"] = 1.into();
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let opts = ocop::ScoreOptions { max_answers: 32, ..Default::default() };
    let e = Catalog::official().score_with(&ev, &opts).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::TooManyAnswers { answers: 33, limit: 32, .. }
    ));
    says(&e, &["m2", "33 answers", "max_answers"]);
}

#[test]
fn unknown_member() {
    let mut ev = crate::sample();
    let e =
        ev.set_answer(Some("m7"), "8", ocop::Answer::Option(3)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnknownMember { .. }));
    says(&e, &["m7", "m1, m2, m3"]);
}

#[test]
fn answer_text() {
    for bad in ["", "3.0", "-1", "yes", "True", "99999999999999999999"] {
        let e = bad.parse::<ocop::Answer>().unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::AnswerText { .. }), "{bad}");
        says(&e, &[&format!("{bad:?}"), "true/false"]);
    }
}

#[test]
fn errors_round_trip_through_json() {
    let mut v = sample();
    v["members"][1]["answers"]["9.9"] = 1.into();
    let e = err(&v);
    let text = serde_json::to_string(&e).unwrap();
    assert_eq!(
        text,
        r#"{"product":"SAMPLE-2026-01","kind":"unknown_criterion","member":"m2","criterion":"9.9","set":"rau-cu-qua-hat-tuoi"}"#
    );
    let back: ocop::Error = serde_json::from_str(&text).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.to_string(), e.to_string());
    // An error record's `error` reads back as an error of no product.
    let mut out = Vec::new();
    BatchScorer::new(Catalog::official())
        .run(format!("{v}\n{{oops\n").as_bytes(), &mut out)
        .unwrap();
    for line in String::from_utf8(out).unwrap().lines() {
        let rec: Value = serde_json::from_str(line).unwrap();
        let back: ocop::Error =
            serde_json::from_value(rec["error"].clone()).unwrap();
        assert_eq!(back.product(), None);
        assert_eq!(serde_json::to_value(back.kind()).unwrap(), rec["error"]);
    }
    // The source is there before the round trip, not after it.
    let e = ocop::Evaluation::from_json("{oops").unwrap_err();
    assert!(std::error::Error::source(&e).is_some());
    let back: ocop::Error =
        serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(back, e);
    assert!(std::error::Error::source(&back).is_none());
}

/// One error of every kind, with the category it belongs to.
fn every_kind() -> Vec<(ErrorKind, Category)> {
    let s = |t: &str| t.to_owned();
    let problem: ocop::criteria::Problem = serde_json::from_value(
        json!({"file": "qd26-2026/hoa.json", "message": "no options"}),
    )
    .unwrap();
    vec![
        (
            ErrorKind::Json { line: Some(1), column: 2, message: s("eof") },
            Category::Syntax,
        ),
        (ErrorKind::BlankLine, Category::Syntax),
        (ErrorKind::NoEdition, Category::Content),
        (
            ErrorKind::InvalidDate {
                field: s("date"),
                value: s("2021-02-29"),
            },
            Category::Content,
        ),
        (
            ErrorKind::BeforeCriteria {
                date: s("2019-08-20"),
                first: s("2019-08-21"),
            },
            Category::Content,
        ),
        (
            ErrorKind::AmbiguousEdition {
                date: s("2026-06-01"),
                cutoff: s("2026-05-01"),
                old: s("qd148-2023"),
                new: s("qd26-2026"),
            },
            Category::Content,
        ),
        (
            ErrorKind::UnknownEdition {
                edition: s("qd999"),
                known: vec![s("qd26-2026")],
            },
            Category::Content,
        ),
        (
            ErrorKind::TablesNotBundled { edition: s("qd1048-781") },
            Category::Data,
        ),
        (
            ErrorKind::UnknownSet { edition: s("qd26-2026"), set: s("nope") },
            Category::Content,
        ),
        (
            ErrorKind::InferredSet { edition: s("qd26-2026"), set: s("hoa") },
            Category::Data,
        ),
        (
            ErrorKind::WeakSourceSet {
                edition: s("qd26-2026"),
                set: s("hoa"),
            },
            Category::Data,
        ),
        (ErrorKind::EmptyCouncil, Category::Content),
        (
            ErrorKind::TooManyMembers { members: 3, limit: 2 },
            Category::Content,
        ),
        (ErrorKind::DuplicateMember { member: s("m1") }, Category::Content),
        (
            ErrorKind::UnknownMember { member: s("m9"), known: vec![] },
            Category::Content,
        ),
        (
            ErrorKind::WrongSet {
                member: s("m1"),
                member_set: s("hoa"),
                set: s("rau"),
            },
            Category::Content,
        ),
        (
            ErrorKind::TooManyAnswers {
                member: s("m1"),
                answers: 33,
                limit: 32,
            },
            Category::Content,
        ),
        (
            ErrorKind::UnknownCriterion {
                member: s("m1"),
                criterion: s("9.9"),
                set: s("hoa"),
                hint: None,
            },
            Category::Content,
        ),
        (
            ErrorKind::MissingAnswer {
                member: s("m2"),
                criterion: s("6.3"),
                title: s("Mùi/vị"),
            },
            Category::Content,
        ),
        (
            ErrorKind::DuplicateAnswer {
                member: s("m1"),
                criterion: s("1.1"),
            },
            Category::Content,
        ),
        (
            ErrorKind::OptionOutOfRange {
                member: s("m1"),
                criterion: s("1.1"),
                option: 4,
                options: 3,
            },
            Category::Content,
        ),
        (
            ErrorKind::InvalidAnswer {
                member: s("m3"),
                criterion: s("2.4"),
                found: s("1"),
                expected: s("true or false"),
            },
            Category::Content,
        ),
        (ErrorKind::AnswerText { text: s("yes") }, Category::Content),
        (
            ErrorKind::NotApplicable {
                member: s("m3"),
                criterion: s("5.2"),
                reason: s("no story"),
            },
            Category::Content,
        ),
        (
            ErrorKind::UnreadablePoints {
                member: s("m1"),
                criterion: s("3.1"),
                option: 2,
                printed: s("12"),
            },
            Category::Data,
        ),
        (
            ErrorKind::UnknownKnockout {
                knockout: s("nope"),
                set: s("hoa"),
                known: vec![s("2.1")],
            },
            Category::Content,
        ),
        (ErrorKind::InvalidTarget { target: 6 }, Category::Content),
        (
            ErrorKind::InvalidCosts { message: s("criterion 1.1") },
            Category::Content,
        ),
        (ErrorKind::InvalidData { problems: vec![problem] }, Category::Data),
        (
            ErrorKind::LineTooLong { bytes: 2_000_000, limit: 1_048_576 },
            Category::Syntax,
        ),
        (
            ErrorKind::InvalidScorecard { reason: s("star 9 is not 1 to 5") },
            Category::Content,
        ),
        (
            ErrorKind::Workbook {
                problems: vec![ocop::CellProblem {
                    cell: s("P1!G5"),
                    issue: ocop::CellIssue::NotPoints,
                    message: s("\"ba\" is not points"),
                }],
            },
            Category::Syntax,
        ),
        (
            ErrorKind::Io { path: s("in.jsonl"), message: s("denied") },
            Category::Io,
        ),
    ]
}

/// serde's own list of `ErrorKind`'s tags, as it names them when a tag
/// is unknown: "unknown variant `x`, expected one of `json`, ...".
fn serde_tags() -> BTreeSet<String> {
    let e = serde_json::from_str::<ErrorKind>(r#"{"kind": "?"}"#)
        .unwrap_err()
        .to_string();
    let (_, list) = e.split_once("expected one of ").expect(&e);
    let tags: BTreeSet<String> =
        list.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    assert!(tags.contains("json") && tags.contains("io"), "{e}");
    tags
}

#[test]
fn every_kind_tag_is_serde_kind() {
    let kinds = every_kind();
    for (kind, category) in &kinds {
        let v = serde_json::to_value(kind).unwrap();
        assert_eq!(v["kind"], kind.tag(), "{kind:?}");
        let back: ErrorKind = serde_json::from_value(v).unwrap();
        assert_eq!(&back, kind);
        let err = ocop::Error::from(kind.clone());
        assert_eq!(err.tag(), kind.tag());
        assert_eq!(err.category(), *category, "{kind:?}");
        assert!(!err.to_string().is_empty());
    }
    // Every kind is here, once: a kind added to `ErrorKind` and not to
    // `every_kind` fails here, and `category()` will not compile until
    // the kind is classified.
    let tags: BTreeSet<String> =
        kinds.iter().map(|(k, _)| k.tag().to_owned()).collect();
    assert_eq!(tags.len(), kinds.len(), "a kind is listed twice");
    let serde = serde_tags();
    let missing: Vec<_> = serde.difference(&tags).collect();
    assert!(missing.is_empty(), "kinds not in every_kind: {missing:?}");
    assert_eq!(tags, serde);
}

#[test]
fn error_stays_small() {
    // Results are returned per line in a batch; the error is one pointer,
    // with the product, kind and source behind it.
    assert_eq!(
        std::mem::size_of::<ocop::Error>(),
        std::mem::size_of::<usize>()
    );
    // So a `Result` of nothing is one word too.
    assert_eq!(
        std::mem::size_of::<ocop::Result<()>>(),
        std::mem::size_of::<usize>()
    );
}

#[test]
fn check_lists_every_problem_in_sheet_order() {
    let mut v = sample();
    v["members"][0]["answers"]["1.1"] = 7.into();
    v["members"][0]["answers"]["9.9"] = 1.into();
    v["members"][1]["answers"].as_object_mut().unwrap().remove("6.3");
    v["members"][2]["answers"]["5.1"] = 1.into(); // no story, 5.2 given
    v["members"][2]["answers"]["2.4"] = 1.into(); // yes/no given a number
    v["knockouts"] = json!(["nope"]);
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let problems = Catalog::official().check(&ev);
    let got: Vec<(String, Option<String>, Option<String>)> = problems
        .iter()
        .map(|e| {
            let v = serde_json::to_value(e.kind()).unwrap();
            let s =
                |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
            (e.tag().to_owned(), s("member"), s("criterion"))
        })
        .collect();
    let want = [
        ("unknown_knockout", None, None),
        ("option_out_of_range", Some("m1"), Some("1.1")),
        ("unknown_criterion", Some("m1"), Some("9.9")),
        ("missing_answer", Some("m2"), Some("6.3")),
        ("invalid_answer", Some("m3"), Some("2.4")),
        ("not_applicable", Some("m3"), Some("5.2")),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(t, m, c)| {
            (t.to_string(), m.map(str::to_owned), c.map(str::to_owned))
        })
        .collect();
    assert_eq!(got, want);
    assert!(problems.iter().all(|e| e.product() == Some("SAMPLE-2026-01")));
    assert_eq!(Catalog::official().score(&ev).unwrap_err(), problems[0]);
    // Nothing to check a sheet against: the set's problem alone.
    v["set"] = "nope".into();
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let tags: Vec<&str> =
        Catalog::official().check(&ev).iter().map(|e| e.tag()).collect();
    assert_eq!(tags, ["unknown_set"]);
}

#[test]
fn check_names_a_problem_two_same_named_members_share_once() {
    let mut v = sample();
    v["members"][1]["member"] = "m1".into();
    for m in [0, 1] {
        v["members"][m]["answers"]["5.1"] = 1.into(); // no story, 5.2 given
    }
    let text = v.to_string();
    let ev = ocop::Evaluation::from_json(&text).unwrap();
    let problems = Catalog::official().check(&ev);
    let tags: Vec<&str> = problems.iter().map(|e| e.tag()).collect();
    assert_eq!(tags, ["duplicate_member", "not_applicable"]);
    assert_eq!(Catalog::official().score(&ev).unwrap_err(), problems[0]);
}
