//! Loading a user's criteria directory: every problem of every file,
//! located, in one error.

use std::path::{Path, PathBuf};

use ocop::criteria::{Problem, SetFile};
use ocop::{Catalog, ErrorKind};

/// A fresh directory under the target dir, removed first if present.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The embedded 26/2026 "Hoa" sheet, renamed to `id`.
fn hoa(id: &str) -> SetFile {
    let catalog = Catalog::official();
    let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    let mut sheet = set.sheet().clone();
    sheet.id = id.to_owned();
    sheet
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn json(sheet: &SetFile) -> String {
    serde_json::to_string_pretty(sheet).unwrap()
}

/// A problem as the test expects it: every located field and the message.
#[allow(clippy::too_many_arguments)]
fn problem(
    file: &str,
    set: Option<&str>,
    part: Option<&str>,
    section: Option<&str>,
    criterion: Option<&str>,
    option: Option<usize>,
    at: Option<(usize, usize)>,
    message: &str,
) -> Problem {
    let mut p: Problem = serde_json::from_value(serde_json::json!({
        "file": file, "message": message,
    }))
    .unwrap();
    p.set = set.map(Into::into);
    p.part = part.map(Into::into);
    p.section = section.map(Into::into);
    p.criterion = criterion.map(Into::into);
    p.option = option;
    p.line = at.map(|a| a.0);
    p.column = at.map(|a| a.1);
    p
}

#[test]
fn a_broken_directory_reports_every_problem() {
    let dir = scratch_dir("loader-broken");
    // 1. Not JSON: a trailing comma on line 2.
    write(&dir, "qd26-2026/hoa-syntax.json", "{\"id\": \"hoa-syntax\",\n}");
    // 2. A misspelt field: "gates" for "gate".
    let mut s = hoa("hoa-misspelt");
    let text = json(&s);
    let text = text.replacen("\"gate\": {", "\"gates\": {", 1);
    write(&dir, "qd26-2026/hoa-misspelt.json", &text);
    // serde_json places the error on the key's closing quote.
    let key = text.find("\"gates\"").unwrap();
    let line_start = text[..key].rfind('\n').map_or(0, |i| i + 1);
    let misspelt_at = (
        text[..key].matches('\n').count() + 1,
        key - line_start + "\"gates\"".len(),
    );
    // 3. A criterion maximum that its options do not reach, which also
    //    breaks its section's and part's sums.
    s = hoa("hoa-max");
    s.parts[0].sections[0].criteria[0].max = 5;
    write(&dir, "qd26-2026/hoa-max.json", &json(&s));
    // 4. applies_if naming a criterion the set lacks, and a case on an
    //    option of a criterion without cases.
    s = hoa("hoa-refs");
    s.parts[1].sections[1].criteria[1]
        .applies_if
        .as_mut()
        .unwrap()
        .criterion = "5.9".into();
    s.parts[2].sections[0].criteria[0].options[1].case = Some(2);
    write(&dir, "qd26-2026/hoa-refs.json", &json(&s));
    // 5. The same code twice, and a file named for another id.
    s = hoa("hoa-dup");
    s.parts[0].sections[1].criteria[1].code = "2.1".into();
    write(&dir, "qd26-2026/hoa-named.json", &json(&s));
    // 6. A new edition folder without edition.json.
    write(&dir, "qd27-2030/hoa.json", &json(&hoa("hoa")));
    // 7. A set file outside any edition folder.
    write(&dir, "hoa.json", &json(&hoa("hoa")));

    let err = Catalog::from_dir(&dir).unwrap_err();
    let ErrorKind::InvalidData { problems } = err.kind() else {
        panic!("{err}")
    };
    let want = [
        problem(
            "hoa.json",
            None,
            None,
            None,
            None,
            None,
            None,
            "a criteria file outside an edition folder is not read: put it in <dir>/<edition>/",
        ),
        problem(
            "qd26-2026/hoa-max.json",
            Some("hoa-max"),
            Some("A"),
            Some("1"),
            Some("1.1"),
            None,
            None,
            "max is 5, best option scores 4",
        ),
        problem(
            "qd26-2026/hoa-max.json",
            Some("hoa-max"),
            Some("A"),
            Some("1"),
            None,
            None,
            None,
            "criteria add up to 20, section max is 19",
        ),
        problem(
            "qd26-2026/hoa-misspelt.json",
            None,
            None,
            None,
            None,
            None,
            Some(misspelt_at),
            "unknown field `gates`, expected one of `text`, `points`, `points_blank`, `unreadable`, `case`, `gate`, `inferred`",
        ),
        problem(
            "qd26-2026/hoa-named.json",
            Some("hoa-dup"),
            None,
            None,
            None,
            None,
            None,
            "set id \"hoa-dup\" differs from its file name \"hoa-named.json\"",
        ),
        problem(
            "qd26-2026/hoa-named.json",
            Some("hoa-dup"),
            None,
            None,
            Some("2.1"),
            None,
            None,
            "the code appears twice in the set",
        ),
        problem(
            "qd26-2026/hoa-refs.json",
            Some("hoa-refs"),
            Some("B"),
            Some("5"),
            Some("5.2"),
            None,
            None,
            "applies_if names unknown criterion 5.9",
        ),
        problem(
            "qd26-2026/hoa-refs.json",
            Some("hoa-refs"),
            Some("C"),
            Some("6"),
            Some("6.1"),
            Some(2),
            None,
            "case must name one of 0 cases",
        ),
        problem(
            "qd26-2026/hoa-syntax.json",
            None,
            None,
            None,
            None,
            None,
            Some((2, 1)),
            "trailing comma",
        ),
        problem(
            "qd27-2030/edition.json",
            None,
            None,
            None,
            None,
            None,
            None,
            "missing: every edition folder needs its edition.json",
        ),
    ];
    assert_eq!(problems.len(), want.len(), "{err}");
    for (got, want) in problems.iter().zip(&want) {
        assert_eq!(got, want, "\n{got}\n{want}");
    }
    // The message lists them all, one a line.
    let text = err.to_string();
    assert!(
        text.starts_with("invalid criteria data (10 problems):\n  hoa.json: ")
    );
    assert!(text.contains(
        "\n  qd26-2026/hoa-refs.json: set hoa-refs, part C, section 6, criterion 6.1, option 2: case must name one of 0 cases"
    ));
}

#[test]
fn a_good_directory_overlays_the_embedded_data() {
    let dir = scratch_dir("loader-good");
    let mut s = hoa("hoa");
    s.source = "a province's corrected copy".into();
    write(&dir, "qd26-2026/hoa.json", &json(&s));
    write(&dir, "qd26-2026/README.md", "not read");
    let catalog = Catalog::from_dir(&dir).unwrap();
    let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    assert_eq!(set.sheet().source, "a province's corrected copy");
    assert_ne!(
        set.fingerprint(),
        Catalog::official()
            .edition("qd26-2026")
            .unwrap()
            .set("hoa")
            .unwrap()
            .fingerprint()
    );
}

/// Files in memory are a directory without the file system: the same
/// problems for broken files, the same sets for good ones.
#[test]
fn files_in_memory_load_as_a_directory_does() {
    let mut s = hoa("hoa-max");
    s.parts[0].sections[0].criteria[0].max = 5;
    let mut good = hoa("hoa");
    good.source = "a province's corrected copy".into();
    let files = [
        (
            "qd26-2026/hoa-syntax.json",
            "{\"id\": \"hoa-syntax\",\n}".to_owned(),
        ),
        ("qd26-2026/hoa-max.json", json(&s)),
        ("qd27-2030/hoa.json", json(&good)),
        ("hoa.json", json(&good)),
    ];
    let dir = scratch_dir("loader-memory");
    for (path, text) in &files {
        write(&dir, path, text);
    }
    let owned = || files.iter().map(|(p, t)| ((*p).to_owned(), t.clone()));
    let (mem, disk) = (
        Catalog::from_texts(owned()).unwrap_err(),
        Catalog::from_dir(&dir).unwrap_err(),
    );
    let (
        ErrorKind::InvalidData { problems: mem },
        ErrorKind::InvalidData { problems: disk },
    ) = (mem.kind(), disk.kind())
    else {
        panic!("{mem} / {disk}")
    };
    assert_eq!(mem, disk);
    assert_eq!(mem.len(), 5, "{mem:#?}");

    let one = [("qd26-2026/hoa.json".to_owned(), json(&good))];
    let catalog = Catalog::from_texts(one).unwrap();
    let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    assert_eq!(set.sheet().source, "a province's corrected copy");
    let dir = scratch_dir("loader-memory-good");
    write(&dir, "qd26-2026/hoa.json", &json(&good));
    let from_dir = Catalog::from_dir(&dir).unwrap();
    let same = from_dir.edition("qd26-2026").unwrap().set("hoa").unwrap();
    assert_eq!(set.fingerprint(), same.fingerprint());
}

#[test]
fn an_unreadable_directory_is_an_io_error() {
    let err = Catalog::from_dir("/no/such/dir").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io { .. }), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

/// A recorded second source is held to the set it describes: its outcome
/// to its list, and each difference's reading to the file's own points.
#[test]
fn a_second_source_record_must_match_its_set() {
    use ocop::criteria::{Difference, Outcome, SecondSource};
    let dir = scratch_dir("second-source");
    let diff = |at: &str, what: &str, option, here: &str| Difference {
        at: at.into(),
        what: what.into(),
        option,
        here: Some(here.into()),
        other: Some("9".into()),
        resolution: "kept".into(),
    };
    let record = |outcome, note: Option<&str>, differences| SecondSource {
        source: "a second copy".into(),
        outcome,
        note: note.map(Into::into),
        differences,
    };
    let cases = [
        (
            "agrees-yet-lists",
            record(
                Outcome::Agrees,
                None,
                vec![diff("1.1", "text", None, "x")],
            ),
        ),
        ("differs-lists-none", record(Outcome::Differs, None, vec![])),
        ("none-without-note", record(Outcome::None, None, vec![])),
        (
            "unknown-code",
            record(
                Outcome::Differs,
                None,
                vec![diff("9.9", "text", None, "x")],
            ),
        ),
        // Hoa 1.1 (maximum 4): option 1 scores 1, not 7.
        (
            "wrong-points",
            record(
                Outcome::Differs,
                None,
                vec![diff("1.1", "points", Some(1), "7")],
            ),
        ),
        (
            "wrong-max",
            record(
                Outcome::Differs,
                None,
                vec![diff("1.1", "max", None, "7")],
            ),
        ),
        (
            "fine",
            record(Outcome::None, Some("no other copy was found"), vec![]),
        ),
    ];
    for (id, r) in &cases {
        let mut sheet = hoa(id);
        sheet.second_source = Some(r.clone());
        write(&dir, &format!("qd26-2026/{id}.json"), &json(&sheet));
    }
    let err = Catalog::from_dir(&dir).unwrap_err();
    let ocop::ErrorKind::InvalidData { problems } = err.kind() else {
        panic!("{err}")
    };
    let got: Vec<(String, String)> = problems
        .iter()
        .map(|p| (p.set.clone().unwrap_or_default(), p.message.clone()))
        .collect();
    let want = [
        (
            "agrees-yet-lists",
            "second_source: outcome agrees, yet differences are listed",
        ),
        (
            "differs-lists-none",
            "second_source: outcome differs, yet no difference is listed",
        ),
        (
            "none-without-note",
            "second_source: outcome none needs a note saying why",
        ),
        (
            "unknown-code",
            "second_source: difference at 9.9: no such criterion or section",
        ),
        (
            "wrong-max",
            "second_source: difference at 1.1: here \"7\" is not the file's max 4",
        ),
        (
            "wrong-points",
            "second_source: difference at 1.1 option 1: here \"7\" is not the file's points",
        ),
    ];
    let want: Vec<(String, String)> =
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want);
}

/// The embedded tables are read on first use, unchecked (the test suite
/// checks them), but an edition a user's file touches is read and
/// checked in full: a changed `edition.json` is checked against every
/// embedded set of its edition at load, each problem listed.
#[test]
fn a_changed_edition_file_is_checked_against_every_embedded_set() {
    let dir = scratch_dir("loader-edition-changed");
    let catalog = Catalog::official();
    let ed = catalog.edition("qd26-2026").unwrap();
    let mut info = ed.info().clone();
    info.parts.a += 5;
    info.parts.c -= 5;
    write(
        &dir,
        "qd26-2026/edition.json",
        &serde_json::to_string(&info).unwrap(),
    );
    let err = Catalog::from_dir(&dir).unwrap_err();
    let ErrorKind::InvalidData { problems } = err.kind() else {
        panic!("{err}")
    };
    // Each set whose part A reached the old maximum is now short of it.
    for s in ed.sets().filter(|s| s.sheet().gaps.is_empty()) {
        let file = format!("qd26-2026/{}.json", s.id());
        assert!(
            problems
                .iter()
                .any(|p| p.file == file && p.part.as_deref() == Some("A")),
            "{file} not listed in {problems:#?}"
        );
    }
    // Other editions are untouched, and still load.
    assert!(problems.iter().all(|p| p.file.starts_with("qd26-2026/")));
}

/// 148/QĐ-TTg's tables supplied by a user, the rest from the embedded
/// data: a broken one is rejected at load with its problems, a good one
/// overlays the embedded set and the other editions still score.
#[test]
fn a_supplied_table_of_an_unbundled_edition_is_checked_at_load() {
    let dir = scratch_dir("loader-148");
    let catalog = Catalog::official();
    let ed = catalog.edition("qd148-2023").unwrap();
    let mut sheet = ed.set("rau-cu-qua-hat-tuoi").unwrap().sheet().clone();
    sheet.source = "a province's copy".into();
    let path = "qd148-2023/rau-cu-qua-hat-tuoi.json";
    write(&dir, path, &json(&sheet));
    let good = Catalog::from_dir(&dir).unwrap();
    let set = good.edition("qd148-2023").unwrap().set("rau-cu-qua-hat-tuoi");
    assert_eq!(set.unwrap().sheet().source, "a province's copy");
    let hoa = good.edition("qd26-2026").unwrap().set("hoa").unwrap();
    assert_eq!(
        hoa.fingerprint(),
        catalog
            .edition("qd26-2026")
            .unwrap()
            .set("hoa")
            .unwrap()
            .fingerprint()
    );

    sheet.parts[0].sections[0].criteria[0].max += 1;
    sheet.parts[2].sections[0].criteria[0].code = "1.1".into();
    write(&dir, path, &json(&sheet));
    let err = Catalog::from_dir(&dir).unwrap_err();
    let ErrorKind::InvalidData { problems } = err.kind() else {
        panic!("{err}")
    };
    assert!(problems.len() >= 2, "{problems:#?}");
    assert!(problems.iter().all(|p| p.file == path), "{problems:#?}");
    assert!(
        problems.iter().any(|p| p.criterion.as_deref() == Some("1.1")
            && p.message.contains("twice")),
        "{problems:#?}"
    );
}
