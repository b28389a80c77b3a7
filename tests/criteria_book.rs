//! Criteria sets typed in a workbook (feature `xlsx`): every bundled set
//! through its template and back, a hand-made workbook's mistakes at
//! their cells, and a set built this way scored as the user's.

use ocop::criteria::{Provenance, SetFile};
use ocop::criteria_book::{self, Built};
use ocop::{Catalog, CellIssue, Evaluation, Warning};
use rust_xlsxwriter::Workbook;

/// A set file as `build` lays it out: one-space indent, final newline.
fn canonical(sheet: &SetFile) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    serde::Serialize::serialize(sheet, &mut ser).unwrap();
    String::from_utf8(out).unwrap() + "\n"
}

/// Every bundled set of every edition, written as a template and built
/// back: the same set, field by field, and the same bytes as the set
/// written by `build`'s own layout; no cell of the edition's rules is
/// taken for a change.
#[test]
fn every_bundled_set_comes_back_from_its_template() {
    let mut n = 0;
    for ed in Catalog::official().editions() {
        for set in ed.sets() {
            let what = format!("{}/{}", ed.id(), set.id());
            let book = criteria_book::template(ed.info(), Some(set.sheet()))
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            let built = criteria_book::build(&book, "t.xlsx")
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(&built.sheet, set.sheet(), "{what}");
            assert_eq!(built.edition, ed.id(), "{what}");
            assert!(built.rules.is_none(), "{what}: a bundled edition");
            assert_eq!(built.files.len(), 1, "{what}");
            assert_eq!(built.files[0].0, format!("{what}.json"));
            assert_eq!(built.files[0].1, canonical(set.sheet()), "{what}");
            n += 1;
        }
    }
    assert!(n >= 79, "{n} sets");
}

/// A set's text typed with a stray space, a decomposed tone mark and a
/// line break comes back as typed: nothing is trimmed or recomposed.
#[test]
fn text_comes_back_as_typed() {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let mut sheet = ed.set("hoa").unwrap().sheet().clone();
    sheet.notes.push(" hai  dấu cách \n và Ho\u{300}a ".into());
    sheet.parts[0].sections[0].criteria[0].options[0].text.push(' ');
    let built = criteria_book::build(
        &criteria_book::template(ed.info(), Some(&sheet)).unwrap(),
        "t.xlsx",
    )
    .unwrap();
    assert_eq!(built.sheet, sheet);
}

/// The problems of a build, as `(cell, issue)`.
fn problems(bytes: &[u8]) -> Vec<(String, CellIssue, String)> {
    let err = criteria_book::build(bytes, "hand.xlsx").unwrap_err();
    let ocop::ErrorKind::Workbook { problems } = err.kind() else {
        panic!("{err}")
    };
    problems
        .iter()
        .map(|p| (p.cell.clone(), p.issue, p.message.clone()))
        .collect()
}

/// A small workbook typed by hand: the identity sheet and these rows of
/// the criteria sheet (kind, part, code, text, points, max, star, ...).
fn hand_made(rows: &[[&str; 10]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let id = book.add_worksheet().set_name("Bộ tiêu chí").unwrap();
    let keys = [
        ("edition", "qd26-2026"),
        ("set", "thu-nghiem"),
        ("name", "Thử nghiệm"),
        ("status", "transcribed"),
        ("source", "bản chép tay để thử"),
    ];
    id.write_string(0, 0, "Khóa").unwrap();
    for (r, (k, v)) in keys.iter().enumerate() {
        id.write_string(r as u32 + 1, 0, *k).unwrap();
        id.write_string(r as u32 + 1, 2, *v).unwrap();
    }
    let ws = book.add_worksheet().set_name("Tiêu chí").unwrap();
    ws.write_string(0, 0, "Loại dòng").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<u32>() {
                // Points, maxima and stars typed as numbers.
                Ok(n) if [4, 5, 6].contains(&c) => {
                    ws.write_number(r, c, n).map(drop)
                }
                _ => ws.write_string(r, c, *v).map(drop),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

const E: &str = "";

/// The hand-made workbook without mistakes: parts of 40, 25 and 35
/// points, as 26/2026 has them.
fn good_rows() -> Vec<[&'static str; 10]> {
    vec![
        ["Phần", "A", E, "SẢN PHẨM", E, "40", E, E, E, E],
        ["Nhóm", E, "1", "TỔ CHỨC", E, "40", E, E, E, E],
        ["Tiêu chí", E, "1.1", "Sản xuất", E, "20", E, E, E, E],
        ["Phương án", E, E, "Chưa có", "0", E, E, E, E, E],
        ["Phương án", E, E, "Có", "20", E, "3", E, E, E],
        ["Tiêu chí", E, "1.2", "Liên kết", E, "20", E, E, E, E],
        ["Phương án", E, E, "Không", "0", E, E, E, E, E],
        ["Phương án", E, E, "Có", "20", E, E, E, E, E],
        ["Phần", "B", E, "TIẾP THỊ", E, "25", E, E, E, E],
        ["Nhóm", E, "2", "CÂU CHUYỆN", E, "25", E, E, E, E],
        ["Tiêu chí", E, "2.1", "Câu chuyện", E, "10", E, E, E, E],
        ["Phương án", E, E, "Không có", "0", E, E, E, E, E],
        ["Phương án", E, E, "Có", "10", E, E, E, E, E],
        ["Tiêu chí", E, "2.2", "Kể lại", E, "15", E, E, E, "2.1: 2"],
        ["Phương án", E, E, "Kém", "5", E, E, E, E, E],
        ["Phương án", E, E, "Tốt", "15", E, E, E, E, E],
        ["Phần", "C", E, "CHẤT LƯỢNG", E, "35", E, E, E, E],
        ["Nhóm", E, "3", "AN TOÀN", E, "35", E, E, E, E],
        ["Tiêu chí", E, "3.1", "Kiểm nghiệm", E, "35", E, E, E, E],
        ["Phương án", E, E, "Không", "0", E, E, E, E, E],
        ["Phương án", E, E, "Có", "35", E, E, E, E, E],
    ]
}

#[test]
fn a_hand_made_workbook_without_mistakes_builds() {
    let built: Built =
        criteria_book::build(&hand_made(&good_rows()), "hand.xlsx").unwrap();
    assert_eq!(built.files[0].0, "qd26-2026/thu-nghiem.json");
    let c = built.sheet.criterion("2.2").unwrap();
    assert_eq!(c.applies_if.as_ref().unwrap().options, [2]);
    assert_eq!(
        built.sheet.criterion("1.1").unwrap().options[1]
            .gate
            .as_ref()
            .unwrap()
            .stars,
        3
    );
}

/// Five kinds of mistakes, five problems, each at its cell.
#[test]
fn five_mistakes_five_cells() {
    let mut rows = good_rows();
    // 1. Points that do not add up to the printed maximum: best 18 of 20.
    rows[4][4] = "18";
    // 2. A code given twice.
    rows[5][2] = "1.1";
    // 3. A star minimum on an option that is not there: a row of its own.
    rows.insert(8, [E, E, E, E, E, E, "4", E, E, E]);
    // 4. A part total that is not the edition's (Phần C is 35).
    rows[17][5] = "45";
    rows[18][5] = "45";
    rows[19][5] = "45";
    rows[21][4] = "45";
    // 5. A story rule that names no criterion.
    rows[14][9] = "9.9: 2";
    let found = problems(&hand_made(&rows));
    let cells: Vec<&str> = found.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        cells,
        [
            "Tiêu chí!F4",
            "Tiêu chí!C7",
            "Tiêu chí!G10",
            "Tiêu chí!J16",
            "Tiêu chí!F19"
        ],
        "{found:#?}"
    );
    assert!(found.iter().all(|p| p.1 == CellIssue::CriteriaRule));
    let says = |cell: &str, words: &str| {
        let p = found.iter().find(|p| p.0 == cell).unwrap();
        assert!(p.2.contains(words), "{cell}: {}", p.2);
    };
    says("Tiêu chí!F4", "max is 20, best option scores 18");
    says("Tiêu chí!C7", "appears twice");
    says("Tiêu chí!G10", "star minimum with no option");
    says("Tiêu chí!J16", "applies_if names unknown criterion 9.9");
    says("Tiêu chí!F19", "edition qd26-2026 says 35");
}

/// A bundled edition's rules cannot be changed in the workbook; a new
/// edition takes them from it.
#[test]
fn edition_rules_come_from_the_bundled_entry_or_the_sheet() {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let set = ed.set("hoa").unwrap().sheet();
    let mut info = ed.info().clone();
    info.parts.a = 35;
    info.parts.c = 40;
    let book = criteria_book::template(&info, Some(set)).unwrap();
    let found = problems(&book);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].2.contains("qd26-2026 is a bundled edition"),
        "{}",
        found[0].2
    );
    // Under a new id the same rows are a new edition's rules: its part
    // maxima, which the set's parts (40, 25, 35) then do not meet.
    info.id = "qd-thu-nghiem".into();
    let mut sheet = set.clone();
    let found =
        problems(&criteria_book::template(&info, Some(&sheet)).unwrap());
    assert!(
        found.iter().any(|p| p.2.contains("edition qd-thu-nghiem says 35")),
        "{found:#?}"
    );
    info.parts.a = 40;
    info.parts.c = 35;
    sheet.source = "bản ký, lưu tại văn phòng OCOP tỉnh".into();
    let built = criteria_book::build(
        &criteria_book::template(&info, Some(&sheet)).unwrap(),
        "n.xlsx",
    )
    .unwrap();
    let rules = built.rules.unwrap();
    assert_eq!(rules.bands, ed.info().bands);
    assert_eq!(rules.parts, ed.info().parts);
    assert_eq!(built.files.len(), 2);
    let catalog = Catalog::from_texts(built.files).unwrap();
    assert!(catalog.edition("qd-thu-nghiem").unwrap().set("hoa").is_some());
}

/// A set built from a template with a change scores through
/// `--criteria`, and its scorecard says whose it is.
#[test]
fn a_built_set_is_scored_as_the_users() {
    let ed = Catalog::official().edition("qd26-2026").unwrap();
    let mut sheet = ed.set("rau-cu-qua-hat-tuoi").unwrap().sheet().clone();
    sheet.source =
        "bản ký của Quyết định 26/2026/QĐ-TTg, lưu tại văn phòng OCOP tỉnh"
            .into();
    // Criterion 8's 4★ minimum, which the sample fails, taken off.
    let c8 = sheet
        .parts
        .iter_mut()
        .flat_map(|p| &mut p.sections)
        .flat_map(|s| &mut s.criteria)
        .find(|c| c.code == "8")
        .unwrap();
    c8.options.iter_mut().for_each(|o| o.gate = None);
    let built = criteria_book::build(
        &criteria_book::template(ed.info(), Some(&sheet)).unwrap(),
        "x.xlsx",
    )
    .unwrap();
    let dir = std::env::temp_dir()
        .join(format!("ocop-criteria-book-{}", std::process::id()));
    built.write_to(&dir).unwrap();
    let catalog = Catalog::from_dir(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let ev = Evaluation::from_json(ocop::samples::EVALUATION_2026).unwrap();
    let card = catalog.score(&ev).unwrap();
    assert_eq!(card.provenance, Provenance::User);
    assert_eq!(card.fingerprint, built.fingerprint);
    assert_eq!(card.rating.stars, Some(4), "the 4★ minimum is gone");
    assert!(card.warnings.contains(&Warning::UserSupplied {
        set: "rau-cu-qua-hat-tuoi".into(),
        fingerprint: built.fingerprint.clone(),
    }));
    let json = serde_json::to_string(&card).unwrap();
    assert!(
        json.contains(r#""fingerprint":""#)
            && json.contains(r#","provenance":"user","#)
    );
    // The bundled table's scorecard is unchanged: no provenance field.
    let bundled = Catalog::official().score(&ev).unwrap();
    assert_eq!(bundled.provenance, Provenance::Bundled);
    assert!(!serde_json::to_string(&bundled).unwrap().contains("provenance"));
    // The bundled file given as the user's is the bundled table.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/criteria/qd26-2026/rau-cu-qua-hat-tuoi.json"
    ))
    .unwrap();
    let same = Catalog::from_texts([(
        "qd26-2026/rau-cu-qua-hat-tuoi.json".to_owned(),
        text,
    )])
    .unwrap();
    assert_eq!(same.score(&ev).unwrap(), bundled);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Any text typed into a note, a title or an option comes back as
    /// typed: spaces, line breaks, control characters, decomposed marks,
    /// text that looks like the file format's own escapes. (A set's note
    /// is at least one character: an empty `note` row is no note.)
    #[test]
    fn any_text_comes_back_as_typed(
        note in "(?s).{1,40}",
        title in "[ \t\r\n\u{1}-\u{1f}_x0-9A-F\u{300}aàđĐ]{1,30}",
        option in "\\PC{0,60}",
    ) {
        let ed = Catalog::official().edition("qd26-2026").unwrap();
        let mut sheet = ed.set("hoa").unwrap().sheet().clone();
        sheet.notes.push(note);
        let c = &mut sheet.parts[1].sections[0].criteria[0];
        c.title = title;
        c.options[0].text = option;
        let book = criteria_book::template(ed.info(), Some(&sheet)).unwrap();
        let built = criteria_book::build(&book, "t.xlsx").unwrap();
        proptest::prop_assert_eq!(built.sheet, sheet);
    }
}
