//! Workbooks (feature `xlsx`): the round trip over every bundled set, a
//! workbook another program filled, and each problem at its cell. The
//! results workbook is tested with the report (`report/book.rs`).

use ocop::criteria::SetStatus;
use ocop::workbook::{self, Format};
use ocop::{Catalog, CellIssue, Evaluation, ScoreOptions};
use rust_xlsxwriter::{Formula, Workbook};

fn opts() -> ScoreOptions {
    ScoreOptions::default()
}

/// Reads bytes of `format` with the embedded catalog.
fn read(bytes: &[u8], format: Format) -> workbook::Products {
    let name = if format == Format::Csv { "in.csv" } else { "in.xlsx" };
    workbook::read(bytes, format, name, Catalog::official(), &opts()).unwrap()
}

/// The problems of product `n` (0-based), as `(cell, issue)`.
fn problems(p: &workbook::Products, n: usize) -> Vec<(String, CellIssue)> {
    let err = p[n].as_ref().unwrap_err();
    let ocop::ErrorKind::Workbook { problems } = err.kind() else {
        panic!("{err}")
    };
    problems.iter().map(|p| (p.cell.clone(), p.issue)).collect()
}

#[cfg(feature = "proptest")]
mod round_trip {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// Generated evaluations of every bundled set, written as `.xlsx` and
    /// as CSV and read back, are the same evaluations and score the same
    /// as the JSON path.
    #[test]
    fn every_set_round_trips_through_xlsx_and_csv() {
        let catalog = Catalog::official();
        let mut sets = 0;
        for ed in catalog.editions() {
            for set in ed.sets() {
                sets += 1;
                let status = set.sheet().status;
                let opts = ScoreOptions {
                    inferred: status == SetStatus::Inferred,
                    weak_sources: status == SetStatus::WeakSource,
                    ..Default::default()
                };
                let mut runner = TestRunner::new(Config {
                    cases: 4,
                    failure_persistence: None,
                    ..Config::default()
                });
                let evs = prop::collection::vec(
                    ocop::strategy::evaluation(set),
                    1..3,
                );
                runner
                    .run(&evs, |mut evs| {
                        for (n, ev) in evs.iter_mut().enumerate() {
                            ev.id = Some(format!("{}-{n}", set.id()).into());
                        }
                        for format in [Format::Xlsx, Format::Csv] {
                            let bytes =
                                workbook::write(&evs, catalog, &opts, format)
                                    .unwrap();
                            let back = workbook::read(
                                &bytes, format, "rt", catalog, &opts,
                            )
                            .unwrap();
                            prop_assert_eq!(back.len(), evs.len());
                            for (ev, got) in evs.iter().zip(&back) {
                                let got = got.as_ref().map_err(|e| {
                                    TestCaseError::fail(format!(
                                        "{format:?}: {e}"
                                    ))
                                })?;
                                prop_assert_eq!(got, ev, "{:?}", format);
                                prop_assert_eq!(
                                    catalog.score_with(got, &opts).unwrap(),
                                    catalog.score_with(ev, &opts).unwrap()
                                );
                            }
                        }
                        Ok(())
                    })
                    .unwrap();
            }
        }
        assert!(sets > 70, "{sets}");
    }
}

#[test]
fn a_workbook_openpyxl_filled_scores_as_its_json() {
    let bytes = include_bytes!("fixtures/openpyxl-hoa.xlsx");
    let got = read(bytes, Format::Xlsx);
    let ev = got[0].as_ref().unwrap();
    let json = include_str!("fixtures/openpyxl-hoa.json");
    let want = Evaluation::from_json(json).unwrap();
    assert_eq!(ev, &want);
    let card = Catalog::official().score(ev).unwrap();
    assert_eq!(card, Catalog::official().score(&want).unwrap());
    // Bà Lan 96, Ông Hùng 86, Bà Mai 96: a mean of 92.67, band 5, held at
    // 3★ by the 4★ minimums on 2.1 and 6.2.
    assert_eq!(card.mean.total.to_string(), "92.67");
    assert_eq!((card.rating.band, card.rating.stars), (5, Some(3)));
    assert_eq!(card.meta["Tỉnh"], "Lâm Đồng");
}

#[test]
fn the_example_workbook_scores_as_its_jsonl() {
    let bytes = include_bytes!("../examples/data/tan-hong-2021.xlsx");
    let got = read(bytes, Format::Xlsx);
    let text = include_str!("../examples/data/tan-hong-2021.jsonl");
    assert_eq!(got.len(), text.lines().count());
    for (line, ev) in text.lines().zip(&got) {
        let want = Evaluation::from_json(line).unwrap();
        assert_eq!(ev.as_ref().unwrap(), &want);
    }
}

/// The example workbook saved as `.xls` by LibreOffice (made once with
/// `soffice --headless --convert-to xls`): the older format reads as the
/// same evaluations.
#[test]
fn an_xls_file_reads_as_its_xlsx() {
    let xls = read(include_bytes!("fixtures/tan-hong-2021.xls"), Format::Xls);
    let xlsx = read(
        include_bytes!("../examples/data/tan-hong-2021.xlsx"),
        Format::Xlsx,
    );
    assert_eq!(xls.len(), 12);
    for (a, b) in xls.iter().zip(&xlsx) {
        assert_eq!(a.as_ref().unwrap(), b.as_ref().unwrap());
    }
}

/// The example workbook saved as `.ods` by LibreOffice (made once with
/// `soffice --headless --convert-to ods`), LibreOffice's own format, reads
/// as the same evaluations.
#[test]
fn an_ods_file_reads_as_its_xlsx() {
    let ods = read(include_bytes!("fixtures/tan-hong-2021.ods"), Format::Ods);
    let xlsx = read(
        include_bytes!("../examples/data/tan-hong-2021.xlsx"),
        Format::Xlsx,
    );
    assert_eq!(ods.len(), 12);
    for (a, b) in ods.iter().zip(&xlsx) {
        assert_eq!(a.as_ref().unwrap(), b.as_ref().unwrap());
    }
}

/// A damaged `.xls` record that trips the reader's overflow check (found
/// by `a_damaged_workbook`) is an unreadable file, not a panic.
#[test]
fn a_damaged_xls_record_is_an_unreadable_file() {
    let mut bytes = include_bytes!("fixtures/tan-hong-2021.xls").to_vec();
    bytes[63277] = 33;
    let err = workbook::read(
        &bytes,
        Format::Xls,
        "in.xls",
        Catalog::official(),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(err.kind().tag(), "io");
    assert!(err.to_string().contains("in.xls"), "{err}");
}

/// `.xls` and `.ods` are read, never written: a template asked for in
/// either is an error that says what to write instead.
#[test]
fn read_only_formats_are_not_written() {
    let set =
        Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    for (format, ext) in [(Format::Xls, ".xls"), (Format::Ods, ".ods")] {
        assert!(!format.writable());
        let err = workbook::template(set, 3, 1, format).unwrap_err();
        let text = err.to_string();
        assert!(text.contains(&format!("{ext} is read only")), "{text}");
        assert_eq!(
            Format::of(format!("book{}", ext.to_uppercase()).as_ref()),
            Some(format)
        );
    }
    assert!(Format::Xlsx.writable() && Format::Csv.writable());
}

/// A range of cells: first row and column, last row and column.
type Range = (u32, u16, u32, u16);

/// Writes a workbook of `sheets`: each cell a number, text, or nothing.
fn book(
    sheets: &[(&str, &[&[&str]])],
    merge: Option<(&str, Range)>,
) -> Vec<u8> {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if v.is_empty() {
                    continue;
                }
                if let Some(f) = v.strip_prefix('=') {
                    // A formula with its cached value after `|`.
                    let (f, cached) = f.split_once('|').unwrap();
                    ws.write_formula(r, c, Formula::new(f).set_result(cached))
                        .unwrap();
                } else if let Some(t) = v.strip_prefix('\'') {
                    ws.write_string(r, c, t).unwrap();
                } else if let Ok(n) = v.parse::<f64>() {
                    ws.write_number(r, c, n).unwrap();
                } else {
                    ws.write_string(r, c, *v).unwrap();
                }
            }
        }
        if let Some((sheet, (r0, c0, r1, c1))) = merge {
            if sheet == *name {
                let fmt = rust_xlsxwriter::Format::new();
                ws.merge_range(r0, c0, r1, c1, "2", &fmt).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const PRODUCTS: &[&str] = &["id", "set", "edition"];

fn one(sheet: &[&[&str]]) -> workbook::Products {
    let products: &[&[&str]] = &[PRODUCTS, &["P1", "hoa", "qd26-2026"]];
    read(&book(&[("Sản phẩm", products), ("P1", sheet)], None), Format::Xlsx)
}

#[test]
fn an_unknown_set_is_at_its_cell() {
    let products: &[&[&str]] =
        &[PRODUCTS, &["P1", "no-such-set", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet)], None),
        Format::Xlsx,
    );
    assert_eq!(
        problems(&got, 0),
        [("Sản phẩm!B2".into(), CellIssue::UnknownSet)]
    );
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(msg.contains("Sản phẩm!B2: edition qd26-2026 has no criteria set \"no-such-set\""), "{msg}");
}

#[test]
fn a_missing_product_sheet_is_at_the_id() {
    let products: &[&[&str]] =
        &[PRODUCTS, &["P1", "hoa", "qd26-2026"], &["P2", "hoa", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet)], None),
        Format::Xlsx,
    );
    assert!(got[0].is_ok());
    assert_eq!(
        problems(&got, 1),
        [("Sản phẩm!A3".into(), CellIssue::MissingSheet)]
    );
    assert_eq!(got[1].as_ref().unwrap_err().product(), Some("P2"));
}

#[test]
fn a_code_not_on_the_sheet_is_at_its_cell() {
    let got = one(&[&["Mã", "m1"], &["'1.1", "4"], &["'9.9", "1"]]);
    assert_eq!(problems(&got, 0), [("P1!A3".into(), CellIssue::UnknownCode)]);
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains(
            "P1!A3: criterion \"9.9\" is not on the sheet of set hoa"
        ),
        "{msg}"
    );
}

#[test]
fn points_no_option_gives_are_at_their_cell() {
    let got = one(&[&["Mã", "m1", "m2"], &["'1.1", "4", "3"]]);
    assert_eq!(problems(&got, 0), [("P1!C2".into(), CellIssue::NoSuchPoints)]);
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(msg.contains("P1!C2: 3 points: no option of criterion 1.1 gives them; it gives 1, 2, 4"), "{msg}");
}

#[test]
fn ambiguous_points_name_the_candidates_and_an_option_settles_them() {
    let got = one(&[&["Mã", "m1", "m2"], &["'6.2", "1", "#2"]]);
    assert_eq!(
        problems(&got, 0),
        [("P1!B2".into(), CellIssue::AmbiguousPoints)]
    );
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains(
            "P1!B2: 1 points: options #1 (Chấp nhận được), #2 (Phù hợp"
        ),
        "{msg}"
    );
}

/// 6.1.1 of 26/2026 "Chè tươi, chè chế biến" prints its second option's
/// points as "11" (at most 3): that box goes by `#2` (which the template
/// offers, see `workbook::resolve`'s unit test), and with inferred data
/// also by its inferred 1 point.
#[test]
fn a_box_whose_points_cannot_be_read_goes_by_k_or_its_inferred_points() {
    let products: &[&[&str]] =
        &[PRODUCTS, &["P1", "che-tuoi-che-che-bien", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1", "m2"], &["'6.1.1", "1", "#2"]];
    let bytes = book(&[("Sản phẩm", products), ("P1", sheet)], None);
    let plain = read(&bytes, Format::Xlsx);
    assert_eq!(
        problems(&plain, 0),
        [("P1!B2".into(), CellIssue::NoSuchPoints)]
    );
    let inferred = ScoreOptions { inferred: true, ..Default::default() };
    let got = workbook::read(
        &bytes,
        Format::Xlsx,
        "in.xlsx",
        Catalog::official(),
        &inferred,
    )
    .unwrap();
    let ev = got[0].as_ref().unwrap();
    for m in &ev.members {
        assert_eq!(m.answers[0].1, ocop::Answer::Option(2), "{}", m.member);
    }
    // Written back, the box is #2, which reads under either choice.
    let back = workbook::write(
        std::slice::from_ref(ev),
        Catalog::official(),
        &inferred,
        Format::Xlsx,
    )
    .unwrap();
    let again = read(&back, Format::Xlsx);
    assert_eq!(again[0].as_ref().unwrap(), ev);
}

#[test]
fn text_in_a_points_cell_is_at_its_cell() {
    let got = one(&[&["Mã", "m1"], &["'1.1", "bốn"]]);
    assert_eq!(problems(&got, 0), [("P1!B2".into(), CellIssue::NotPoints)]);
}

#[test]
fn a_member_column_without_a_name_is_at_its_header() {
    let got = one(&[&["Mã", "m1", ""], &["'1.1", "4", "2"]]);
    assert_eq!(
        problems(&got, 0),
        [("P1!C1".into(), CellIssue::UnnamedMember)]
    );
}

#[test]
fn two_members_with_one_name_are_at_the_second() {
    let got = one(&[&["Mã", "m1", "M1"], &["'1.1", "4", "2"]]);
    assert_eq!(
        problems(&got, 0),
        [("P1!C1".into(), CellIssue::DuplicateName)]
    );
}

#[test]
fn a_reserved_header_written_twice_is_at_the_second() {
    let got = one(&[&["Mã", "m1", "code"], &["'1.1", "4", "'1.2"]]);
    assert_eq!(
        problems(&got, 0),
        [("P1!C1".into(), CellIssue::DuplicateName)]
    );
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("P1!C1: column \"code\" repeats column \"Mã\" at P1!A1"),
        "{msg}"
    );
}

#[test]
fn a_merged_cell_where_a_value_belongs_is_at_its_range() {
    let products: &[&[&str]] = &[PRODUCTS, &["P1", "hoa", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1", "m2"], &["'1.1"]];
    let bytes = book(
        &[("Sản phẩm", products), ("P1", sheet)],
        Some(("P1", (1, 1, 1, 2))),
    );
    let got = read(&bytes, Format::Xlsx);
    assert_eq!(
        problems(&got, 0),
        [("P1!B2:C2".into(), CellIssue::MergedCell)]
    );
}

/// Two values far apart, in A1 and XFD1048576 of a 5 KB file: read cell
/// by cell, not as the 17 billion cells between them (which aborted).
/// Rows each used up to column XFD, 1,100 of them (made with openpyxl:
/// `ws.cell(row=r, column=16384, value=1)`), lay out more cells than a
/// workbook may: an `over_limit` problem, not memory without end.
#[test]
fn far_apart_values_are_read_and_too_wide_a_layout_is_refused() {
    let far = workbook::read(
        include_bytes!("fixtures/far-apart.xlsx"),
        Format::Xlsx,
        "far.xlsx",
        Catalog::official(),
        &opts(),
    )
    .unwrap();
    assert_eq!(far.len(), 1);
    let err = workbook::read(
        include_bytes!("fixtures/wide-rows.xlsx"),
        Format::Xlsx,
        "wide.xlsx",
        Catalog::official(),
        &opts(),
    )
    .unwrap_err();
    // Over the cap, at the cell where the budget ran out.
    assert_eq!(err.tag(), "workbook");
    let ocop::ErrorKind::Workbook { problems } = err.kind() else { panic!() };
    assert_eq!(problems[0].issue, CellIssue::OverLimit);
    assert!(problems[0].cell.starts_with("Sản phẩm!XFD"), "{err}");
    assert!(err.to_string().contains("more than 4194304 cells"), "{err}");
}

/// Merged ranges that run to the sheet's last cell, `J1:XFD1048576` on P1
/// and `B2:XFD1048576` on P2 (made with openpyxl, which writes a range
/// added as `ws.merged_cells.add(CellRange(...))` without its cells):
/// read where the sheet holds cells, not as 17 billion of them.
#[test]
fn a_merged_range_to_the_last_cell_is_read_where_the_sheet_holds_cells() {
    let got = read(include_bytes!("fixtures/huge-merge.xlsx"), Format::Xlsx);
    assert_eq!(got[0].as_ref().unwrap().members.len(), 2);
    assert_eq!(
        problems(&got, 1),
        [("P2!B2:XFD1048576".into(), CellIssue::MergedCell)]
    );
}

/// A workbook in the 1904 date system, made with openpyxl
/// (`wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904`): `date`
/// 2026-06-01 and the carried `recognised` 2025-11-25 as date cells, and
/// `submitted` typed as the number 44705 (2026-05-25 in that system). Read
/// from 1899-12-30 the date would be 2022-05-31, under 1048/781, which
/// has no set `hoa`.
#[test]
fn dates_of_a_1904_workbook_are_read_in_its_date_system() {
    let got = read(include_bytes!("fixtures/date1904.xlsx"), Format::Xlsx);
    let ev = got[0].as_ref().unwrap();
    assert_eq!(ev.date.as_deref(), Some("2026-06-01"));
    assert_eq!(ev.submitted.as_deref(), Some("2026-05-25"));
    assert_eq!(ev.meta[0].1, "2025-11-25");
}

#[test]
fn an_id_listed_twice_is_an_error_for_both_rows() {
    let products: &[&[&str]] =
        &[PRODUCTS, &["P1", "hoa", "qd26-2026"], &["P1", "hoa", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet)], None),
        Format::Xlsx,
    );
    assert_eq!(got.len(), 2);
    assert_eq!(
        problems(&got, 0),
        [("Sản phẩm!A2".into(), CellIssue::DuplicateId)]
    );
    assert_eq!(
        problems(&got, 1),
        [("Sản phẩm!A3".into(), CellIssue::DuplicateId)]
    );
}

/// Text decomposed (NFD: `a` and a combining grave for `à`), as some
/// programs save it, is composed (NFC) as the CSV form's is: one name for
/// "Hà" whichever way it was typed, in members, ids, sheets and fields.
#[test]
fn workbook_text_is_composed_as_csv_text_is() {
    let (nfc, nfd) = ("H\u{e0}", "Ha\u{300}");
    let products: &[&[&str]] = &[
        &["id", "set", "edition", "Ti\u{309}nh"],
        &["P1", "hoa", "qd26-2026"],
        &[nfd, "hoa", "qd26-2026", "L\u{e2}m \u{110}o\u{302}\u{300}ng"],
    ];
    let p1: &[&[&str]] = &[&["Mã", nfc, nfd], &["'1.1", "4", "4"]];
    let p2: &[&[&str]] = &[&["Ma\u{303}", nfd], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", p1), (nfc, p2)], None),
        Format::Xlsx,
    );
    assert_eq!(
        problems(&got, 0),
        [("P1!C1".into(), CellIssue::DuplicateName)]
    );
    let ev = got[1].as_ref().unwrap();
    assert_eq!((ev.id.as_deref(), &*ev.members[0].member), (Some(nfc), nfc));
    assert_eq!(
        (&*ev.meta[0].0, &ev.meta[0].1),
        ("T\u{1ec9}nh", &serde_json::json!("L\u{e2}m \u{110}\u{1ed3}ng"))
    );
}

/// Sheet names that differ only in case are one name, so `SP1`, `sp1`
/// and a product that names `Sp1` as its sheet would all be scored from
/// sheet `SP1`: each is a problem at its id.
#[test]
fn products_whose_sheets_are_one_sheet_are_each_a_problem() {
    let products: &[&[&str]] = &[
        &["id", "set", "edition", "sheet"],
        &["SP1", "hoa", "qd26-2026"],
        &["sp1", "hoa", "qd26-2026"],
        &["X", "hoa", "qd26-2026", "Sp1"],
        &["P2", "hoa", "qd26-2026"],
    ];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("SP1", sheet), ("P2", sheet)], None),
        Format::Xlsx,
    );
    for (n, cell) in
        ["Sản phẩm!A2", "Sản phẩm!A3", "Sản phẩm!A4"].iter().enumerate()
    {
        assert_eq!(
            problems(&got, n),
            [(cell.to_string(), CellIssue::DuplicateId)]
        );
    }
    let msg = got[0].as_ref().unwrap_err().to_string();
    // Each names one other row, not all of them.
    assert!(msg.contains("sheet \"SP1\" holds the points of more than one product (also Sản phẩm!A3)"), "{msg}");
    let msg = got[2].as_ref().unwrap_err().to_string();
    assert!(msg.contains("(also Sản phẩm!A2)"), "{msg}");
    assert!(got[3].is_ok());
}

#[test]
fn every_problem_of_a_product_is_reported_at_once() {
    let got =
        one(&[&["Mã", "m1", "m1"], &["'1.1", "3", "x"], &["'9.9", "1", ""]]);
    assert_eq!(
        problems(&got, 0),
        [
            ("P1!C1".into(), CellIssue::DuplicateName),
            ("P1!B2".into(), CellIssue::NoSuchPoints),
            ("P1!A3".into(), CellIssue::UnknownCode),
        ]
    );
}

#[test]
fn formulas_are_read_through_their_cached_values() {
    let got = one(&[&["Mã", "m1"], &["'1.1", "=2+2|4"]]);
    let ev = got[0].as_ref().unwrap();
    assert_eq!(ev.members[0].answers[0].1, ocop::Answer::Option(3));
}

#[test]
fn a_workbook_without_a_products_sheet_is_one_error() {
    let sheet: &[&[&str]] = &[&["Mã", "m1"]];
    let err = workbook::read(
        &book(&[("P1", sheet)], None),
        Format::Xlsx,
        "x.xlsx",
        Catalog::official(),
        &opts(),
    )
    .unwrap_err();
    assert_eq!(err.tag(), "workbook");
    assert!(
        err.to_string().contains("Sản phẩm!A1: no sheet named \"Sản phẩm\""),
        "{err}"
    );
}

#[test]
fn csv_semicolons_windows_1258_and_the_option_column() {
    // "Thành viên" and a carried "Tỉnh" in Windows-1258; 6.2 by option.
    let text = "Mã sản phẩm;Bộ sản phẩm;Phiên bản;Thành viên;criterion;points;option;Tỉnh\n\
                P1;hoa;qd26-2026;Bà Lan;1.1;4;;Lâm Đồng\n\
                P1;hoa;qd26-2026;Bà Lan;6.2;1;2;Lâm Đồng\n";
    let bytes = windows_1258(text);
    assert!(std::str::from_utf8(&bytes).is_err());
    let got = read(&bytes, Format::Csv);
    let ev = got[0].as_ref().unwrap();
    assert_eq!(&*ev.members[0].member, "Bà Lan");
    let answers: Vec<_> = ev.members[0]
        .answers
        .iter()
        .map(|(c, a)| (c.to_string(), a.clone()))
        .collect();
    assert_eq!(
        answers,
        [
            ("1.1".into(), ocop::Answer::Option(3)),
            ("6.2".into(), ocop::Answer::Option(2))
        ]
    );
    // The same file in UTF-8 with a byte-order mark reads the same.
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    assert_eq!(read(&bom, Format::Csv)[0].as_ref().unwrap(), ev);
}

/// `text` in Windows-1258, as the code page writes Vietnamese: a letter
/// it holds whole (â, ô, ơ, ư, đ, à, ...) as one byte, and a tone mark it
/// has no precomposed letter for as a separate combining byte.
fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let enc = |s: &str| {
        let (b, _, bad) = encoding_rs::WINDOWS_1258.encode(s);
        (!bad).then(|| b.into_owned())
    };
    let mut out = Vec::new();
    for c in text.chars() {
        let whole = c.to_string();
        if let Some(b) = enc(&whole) {
            out.extend(b);
            continue;
        }
        // The letter with its vowel marks (â, ơ, ...), then the tone
        // marks, which the code page writes as separate characters.
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let (tone, letter): (Vec<char>, Vec<char>) =
            whole.nfd().partition(|m| tones.contains(m));
        let letter: String =
            letter.into_iter().collect::<String>().nfc().collect();
        out.extend(enc(&letter).unwrap());
        for m in tone {
            out.extend(enc(&m.to_string()).unwrap());
        }
    }
    out
}

#[test]
fn csv_problems_are_at_their_cells() {
    let text = "id,set,edition,member,criterion,points\n\
                P1,hoa,qd26-2026,m1,1.1,3\n\
                P1,hoa,qd26-2025,m1,1.2,4\n\
                P2,hoa,qd26-2026,m1,1.1,4\n";
    let got = read(text.as_bytes(), Format::Csv);
    assert_eq!(
        problems(&got, 0),
        [
            ("in.csv!C3".into(), CellIssue::Conflict),
            ("in.csv!F2".into(), CellIssue::NoSuchPoints),
        ]
    );
    assert!(got[1].is_ok());
}

#[test]
fn reevaluation_takes_1_and_0_as_text_or_numbers() {
    let text = "id,set,edition,reevaluation,member,criterion,points\n\
                P1,hoa,qd26-2026,1,m1,1.1,4\n\
                P2,hoa,qd26-2026,0,m1,1.1,4\n";
    let csv = read(text.as_bytes(), Format::Csv);
    let products: &[&[&str]] = &[
        &["id", "set", "edition", "reevaluation"],
        &["P1", "hoa", "qd26-2026", "'1"],
        &["P2", "hoa", "qd26-2026", "0"],
    ];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let sheets = [("Sản phẩm", products), ("P1", sheet), ("P2", sheet)];
    let xlsx = read(&book(&sheets, None), Format::Xlsx);
    for got in [csv, xlsx] {
        let yes_no: Vec<bool> =
            got.iter().map(|ev| ev.as_ref().unwrap().reevaluation).collect();
        assert_eq!(yes_no, [true, false]);
    }
}

/// Members' names compare by one rule in both forms: `TV1` and `tv1` are
/// one member, in a CSV file's rows as in a workbook's headers (see
/// `two_members_with_one_name_are_at_the_second`).
#[test]
fn csv_members_compare_as_workbook_members_do() {
    let text = "id,set,edition,member,criterion,points\n\
                P1,hoa,qd26-2026,TV1,1.1,4\n\
                P1,hoa,qd26-2026,tv1 ,1.2,4\n\
                P2,hoa,qd26-2026,TV1,1.1,4\n\
                P2,hoa,qd26-2026,tv1,1.1,2\n";
    let got = read(text.as_bytes(), Format::Csv);
    let ev = got[0].as_ref().unwrap();
    assert_eq!(ev.members.len(), 1);
    assert_eq!(
        (&*ev.members[0].member, ev.members[0].answers.len()),
        ("TV1", 2)
    );
    assert_eq!(
        problems(&got, 1),
        [("in.csv!E5".into(), CellIssue::RepeatedCode)]
    );
}

#[test]
fn a_template_reads_back_blank_in_both_forms() {
    let set =
        Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
    for format in [Format::Xlsx, Format::Csv] {
        let bytes = workbook::template(set, 4, 3, format).unwrap();
        let got = read(&bytes, format);
        assert_eq!(got.len(), 3);
        for ev in &got {
            let ev = ev.as_ref().unwrap();
            assert_eq!(ev.members.len(), 4);
            assert!(ev.members.iter().all(|m| m.answers.is_empty()));
        }
    }
}

/// Any bytes, and the example workbook (as .xlsx, .xls or .ods) with bytes
/// changed, read to products or to an error: never a panic.
#[cfg(feature = "proptest")]
mod no_panic {
    use super::*;
    use proptest::prelude::*;

    fn try_read(bytes: &[u8]) {
        for (format, name) in [
            (Format::Xlsx, "in.xlsx"),
            (Format::Xls, "in.xls"),
            (Format::Ods, "in.ods"),
            (Format::Csv, "in.csv"),
        ] {
            let catalog = Catalog::official();
            if let Ok(products) =
                workbook::read(bytes, format, name, catalog, &opts())
            {
                for ev in products.iter().flatten() {
                    let _ = catalog.score(ev);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            try_read(&bytes);
        }

        #[test]
        fn a_damaged_workbook(
            which in 0..3usize,
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let books: [&[u8]; 3] = [
                include_bytes!("../examples/data/tan-hong-2021.xlsx"),
                include_bytes!("fixtures/tan-hong-2021.xls"),
                include_bytes!("fixtures/tan-hong-2021.ods"),
            ];
            let mut bytes = books[which].to_vec();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            try_read(&bytes);
        }

        #[test]
        fn damaged_csv(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        ) {
            let catalog = Catalog::official();
            let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
            let mut bytes = workbook::template(set, 3, 2, Format::Csv).unwrap();
            for (at, b) in edits {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            try_read(&bytes);
        }
    }
}

/// A third listing of a criterion names the first, not the second; in
/// the CSV form likewise for a member's criterion.
#[test]
fn a_criterion_listed_again_names_its_first_row() {
    let got =
        one(&[&["Mã", "m1"], &["'1.1", "4"], &["'1.1", "4"], &["'1.1", "4"]]);
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("P1!A4: criterion 1.1 is listed twice, first at P1!A2"),
        "{msg}"
    );
    let text = "id,set,edition,member,criterion,points\n\
                P1,hoa,qd26-2026,TV1,1.1,4\n\
                P1,hoa,qd26-2026,TV1,1.1,4\n\
                P1,hoa,qd26-2026,TV1,1.1,4\n";
    let got = read(text.as_bytes(), Format::Csv);
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(msg.contains("in.csv!E4: member \"TV1\" has criterion 1.1 twice, first at in.csv!E2"), "{msg}");
}

/// Points typed in the row of a heading (6.1 of Chè tươi heads 6.1.1, ...)
/// are a problem at their cell in both forms; CSV does not call the
/// heading "not on the sheet".
#[test]
fn a_value_in_a_heading_row_is_at_its_cell() {
    let products: &[&[&str]] =
        &[PRODUCTS, &["P1", "che-tuoi-che-che-bien", "qd26-2026"]];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'6.1", "99"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet)], None),
        Format::Xlsx,
    );
    assert_eq!(problems(&got, 0), [("P1!B2".into(), CellIssue::HeadingValue)]);
    let text = "id,set,edition,member,criterion,points\n\
                P1,che-tuoi-che-che-bien,qd26-2026,TV1,6.1,99\n";
    let got = read(text.as_bytes(), Format::Csv);
    assert_eq!(
        problems(&got, 0),
        [("in.csv!F2".into(), CellIssue::HeadingValue)]
    );
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(!msg.contains("not on the sheet"), "{msg}");
}

/// A date cell holding 2026 (typed as a year) is 1905-07-18: a problem at
/// its cell, named as a date, not a date the product is placed by.
#[test]
fn a_date_outside_the_years_of_the_decisions_is_at_its_cell() {
    let products: &[&[&str]] = &[
        &["id", "set", "date"],
        &["P1", "hoa", "2026"],
        &["P2", "hoa", "3000000"],
    ];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet), ("P2", sheet)], None),
        Format::Xlsx,
    );
    assert_eq!(
        problems(&got, 0),
        [("Sản phẩm!C2".into(), CellIssue::BadDate)]
    );
    let msg = got[0].as_ref().unwrap_err().to_string();
    assert!(msg.contains("the number 2026 (read as the date 1905-07-18) is outside the years the decisions can concern (2000 to 2100)"), "{msg}");
    assert_eq!(
        problems(&got, 1),
        [("Sản phẩm!C3".into(), CellIssue::BadDate)]
    );
    let text =
        "id,set,date,member,criterion,points\nP1,hoa,1999-12-31,m,1.1,4\n";
    let got = read(text.as_bytes(), Format::Csv);
    assert_eq!(problems(&got, 0), [("in.csv!C2".into(), CellIssue::BadDate)]);
}

/// Headers the CSV form reads as its row columns (`Điểm`, `Thành viên`,
/// `points`, ...) are carried on the products sheet like any other.
#[test]
fn product_sheet_headers_named_like_csv_columns_are_carried() {
    let products: &[&[&str]] = &[
        &["id", "set", "edition", "Điểm", "Thành viên", "option", "province"],
        &["P1", "hoa", "qd26-2026", "'cao", "'An", "'x", "'Huế"],
    ];
    let sheet: &[&[&str]] = &[&["Mã", "m1"], &["'1.1", "4"]];
    let got = read(
        &book(&[("Sản phẩm", products), ("P1", sheet)], None),
        Format::Xlsx,
    );
    let ev = got[0].as_ref().unwrap();
    let keys: Vec<&str> = ev.meta.iter().map(|(k, _)| &**k).collect();
    assert_eq!(keys, ["Điểm", "Thành viên", "option", "province"]);
}

#[test]
fn a_product_without_an_id_is_no_id() {
    let products: &[&[&str]] = &[PRODUCTS, &["", "hoa", "qd26-2026"]];
    let got = read(&book(&[("Sản phẩm", products)], None), Format::Xlsx);
    assert_eq!(problems(&got, 0), [("Sản phẩm!A2".into(), CellIssue::NoId)]);
}

/// A problem the scorer finds in a product read from a workbook names
/// the cell of that member and criterion, through both batch doorways: a
/// template with nothing typed is missing the first criterion at the
/// member's cell of its row; a CSV member who skipped a criterion is
/// missing it at the member's first row.
#[test]
fn a_missing_answer_names_its_cell() {
    let catalog = Catalog::official();
    let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    let bytes = workbook::template(set, 2, 1, Format::Xlsx).unwrap();
    let got = read(&bytes, Format::Xlsx);
    let mut problems = Vec::new();
    workbook::map_products(
        got,
        |ev| catalog.score(ev),
        |_, card| {
            let e = card.unwrap_err();
            let ocop::ErrorKind::Workbook { problems: p } = e.kind() else {
                panic!("{e}")
            };
            assert_eq!(e.product(), Some("SP1"));
            problems.extend(p.iter().cloned());
        },
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].issue, CellIssue::MissingAnswer);
    // TV1's column, the row of the first criterion (row 1 is the header).
    assert!(problems[0].cell.starts_with("SP1!"), "{:?}", problems[0]);
    assert!(!problems[0].cell.ends_with('1'), "{:?}", problems[0]);
    assert!(problems[0].message.contains("member \"TV1\" gave no answer"));

    let text = "id,set,edition,member,criterion,points\n\
                P1,hoa,qd26-2026,TV1,1.1,4\n";
    let got = read(text.as_bytes(), Format::Csv);
    let scorer = ocop::BatchScorer::new(catalog);
    let mut out = Vec::new();
    workbook::score_products(&scorer, &got, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(r#""cell":"in.csv!D2","issue":"missing_answer""#),
        "{out}"
    );
    assert!(out.contains(r#""id":"P1""#), "{out}");
}

/// Members JSON takes but a workbook would read back as others are
/// refused by the writer at the cell they would take: a reserved header,
/// names that differ only in case, a name with surrounding space.
#[test]
fn the_writer_refuses_members_that_would_not_read_back() {
    let catalog = Catalog::official();
    let with = |names: &[&str]| {
        let mut ev =
            ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)
                .unwrap()
                .into_owned();
        let answers = ev.members[0].answers.clone();
        ev.members = names
            .iter()
            .map(|n| ocop::MemberSheet::new(n.to_string(), answers.clone()))
            .collect();
        ev
    };
    for (names, format, cell) in [
        (&["Ghi chú"][..], Format::Xlsx, "!F1"),
        (&["m1", "M1"][..], Format::Xlsx, "!G1"),
        (&["m1", "M1"][..], Format::Csv, "csv!E"),
        (&[" m1"][..], Format::Csv, "csv!E2"),
    ] {
        let err = workbook::write(&[with(names)], catalog, &opts(), format)
            .unwrap_err();
        let ocop::ErrorKind::Workbook { problems } = err.kind() else {
            panic!("{err}")
        };
        assert_eq!(problems[0].issue, CellIssue::DuplicateName, "{err}");
        assert!(problems[0].cell.contains(cell), "{names:?}: {err}");
    }
    // Names that do read back are written and read as themselves.
    let ev = with(&["Ghi chú 2", "m1", "Thành viên"]);
    let bytes = workbook::write(
        std::slice::from_ref(&ev),
        catalog,
        &opts(),
        Format::Xlsx,
    )
    .unwrap();
    let back = read(&bytes, Format::Xlsx);
    let got: Vec<&str> =
        back[0].as_ref().unwrap().members.iter().map(|m| &*m.member).collect();
    assert_eq!(got, ["Ghi chú 2", "m1", "Thành viên"]);
}

/// Carried values keep their JSON type through the CSV form: `true`
/// stays a boolean and `"3"` text, as `3` stays a number.
#[test]
fn csv_carried_values_keep_their_type() {
    let catalog = Catalog::official();
    let mut ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)
        .unwrap()
        .into_owned();
    let values = [
        ("flag", serde_json::json!(true)),
        ("code", serde_json::json!("3")),
        ("n", serde_json::json!(3)),
        ("word", serde_json::json!("true")),
        ("quoted", serde_json::json!("\"x\"")),
        ("plain", serde_json::json!("Huế")),
    ];
    ev.meta = values
        .iter()
        .map(|(k, v)| (k.to_string().into(), v.clone()))
        .collect();
    let bytes = workbook::write(
        std::slice::from_ref(&ev),
        catalog,
        &opts(),
        Format::Csv,
    )
    .unwrap();
    let back = read(&bytes, Format::Csv);
    let got = &back[0].as_ref().unwrap().meta;
    for ((k, v), (gk, gv)) in values.iter().zip(got) {
        assert_eq!((*k, v), (&**gk, gv));
    }
}

/// `check` lists every problem of a product; a workbook's are placed at
/// their cells too: in a blank CSV template, each member's blank points
/// of each criterion.
#[test]
fn check_places_every_missing_answer_at_its_cell() {
    let catalog = Catalog::official();
    let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    let bytes = workbook::template(set, 1, 1, Format::Csv).unwrap();
    let got = read(&bytes, Format::Csv);
    let mut cells = Vec::new();
    workbook::check_products(
        got,
        |ev| catalog.check(ev),
        |_, problems| {
            for e in problems.unwrap() {
                let ocop::ErrorKind::Workbook { problems } = e.kind() else {
                    panic!("{e}")
                };
                cells.push(problems[0].cell.clone());
            }
        },
    );
    // Row 2 is the first criterion's, and its points are in column G.
    assert_eq!(cells[0], "in.csv!G2");
    assert_eq!(cells[1], "in.csv!G3");
}
