//! The reader's resource contract against hostile files under 1 MB: each
//! runs through the built `ocop` under `ulimit -v` (1 GiB of address
//! space) and must end with an error or records, never a signal. Before
//! the caps, the merge and the `.ods` aborted the process (allocation
//! failure, signal 6), and the duplicate ids took 1.65 GB.

use std::io::{Cursor, Write};
use std::process::Command;

use ocop::workbook::{self, Format};
use ocop::{Catalog, CellIssue, ErrorKind, ScoreOptions};
use zip::write::SimpleFileOptions;

/// A zip archive of `parts`, in order, deflated (`mimetype` stored).
fn archive(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let o = SimpleFileOptions::default().compression_method(method);
        z.start_file(*name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS: &str =
    "http://schemas.openxmlformats.org/package/2006/relationships";
const DOC: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// An `.xlsx` of one sheet, `Sản phẩm`, whose `<worksheet>` holds `body`.
fn xlsx(body: &str) -> Vec<u8> {
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    archive(&[
        (
            "[Content_Types].xml",
            format!(
                r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Sản phẩm" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<worksheet xmlns="{MAIN}">{body}</worksheet>"#),
        ),
    ])
}

fn text_cell(at: &str, t: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{t}</t></is></c>"#)
}

/// An `.ods` whose one table, `Sản phẩm`, holds `rows` (table-row XML).
fn ods(rows: &str) -> Vec<u8> {
    let mime = "application/vnd.oasis.opendocument.spreadsheet";
    archive(&[
        ("mimetype", mime.to_owned()),
        (
            "META-INF/manifest.xml",
            format!(
                r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#
            ),
        ),
        (
            "content.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sản phẩm">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
            ),
        ),
    ])
}

/// A table 9,000 × 9,000 declared in under 1 KB: A1 and one far cell.
fn sparse_ods() -> Vec<u8> {
    ods(concat!(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="8998"><table:table-cell table:number-columns-repeated="9000"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell table:number-columns-repeated="8999"/><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
    ))
}

/// A1, XFD1 and A1048576 stored, and A1:XFD1048576 merged: 1.6 KB.
fn merge_over_the_sheet() -> Vec<u8> {
    xlsx(&format!(
        r#"<sheetData><row r="1">{}{}</row><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>"#,
        text_cell("A1", "id"),
        text_cell("XFD1", "set")
    ))
}

/// 20,000 one-row merges and a cell at A1048576.
fn many_merges() -> Vec<u8> {
    let merges: String = (2..20_002)
        .map(|r| format!(r#"<mergeCell ref="A{r}:B{r}"/>"#))
        .collect();
    xlsx(&format!(
        r#"<sheetData><row r="1">{}{}</row><row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData><mergeCells count="20000">{merges}</mergeCells>"#,
        text_cell("A1", "id"),
        text_cell("B1", "set")
    ))
}

/// A products sheet of 6,000 rows of one id.
fn duplicate_ids() -> Vec<u8> {
    let rows: String = (2..6_002)
        .map(|r| {
            format!(
                r#"<row r="{r}">{}{}</row>"#,
                text_cell(&format!("A{r}"), "x"),
                text_cell(&format!("B{r}"), "hoa")
            )
        })
        .collect();
    xlsx(&format!(
        r#"<sheetData><row r="1">{}{}</row>{rows}</sheetData>"#,
        text_cell("A1", "id"),
        text_cell("B1", "set")
    ))
}

/// One CSV product scored by 20,000 members.
fn many_members() -> Vec<u8> {
    let mut s = String::from("id,set,edition,member,criterion,points\n");
    for m in 0..20_000 {
        s.push_str(&format!("P1,hoa,qd26-2026,m{m},1.1,1\n"));
    }
    s.into_bytes()
}

/// `ocop score FILE` under a 1 GiB address space: its exit code (never
/// a signal), stdout and stderr.
fn under_a_gigabyte(name: &str, bytes: &[u8]) -> (i32, Vec<u8>, String) {
    assert!(bytes.len() < 1 << 20, "{name}: {} bytes", bytes.len());
    let dir = std::env::temp_dir()
        .join(format!("ocop-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$0" score "$1""#)
        .arg(env!("CARGO_BIN_EXE_ocop"))
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or_else(|| {
        panic!("{name}: ended by a signal: {:?}\n{stderr}", out.status)
    });
    (code, out.stdout, stderr)
}

#[test]
fn a_merge_over_the_whole_sheet_is_refused_at_a_cell() {
    let (code, _, err) =
        under_a_gigabyte("merge.xlsx", &merge_over_the_sheet());
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("more than 4194304 cells"), "{err}");
    assert!(err.contains("Sản phẩm!"), "{err}");
}

#[test]
fn a_sparse_ods_is_refused_before_it_is_laid_out() {
    let bytes = sparse_ods();
    assert!(bytes.len() < 2_000, "{}", bytes.len());
    let (code, _, err) = under_a_gigabyte("sparse.ods", &bytes);
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("lay out more than 4194304 cells"), "{err}");
    assert!(err.contains("Sản phẩm!"), "{err}");
}

#[test]
fn twenty_thousand_merges_are_read() {
    let (_, _, err) = under_a_gigabyte("merges.xlsx", &many_merges());
    // The products sheet has no sheets of points; what matters is that it
    // ends, with records or an error, and not by a signal.
    assert!(!err.contains("memory allocation"), "{err}");
}

/// Each row of a repeated id names the first, not every other: the
/// output grows with the rows, not with their square.
#[test]
fn six_thousand_duplicate_ids_give_six_thousand_short_records() {
    let (_, out, err) = under_a_gigabyte("dup.xlsx", &duplicate_ids());
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 6_000, "{err}");
    assert!(text.len() < 6_000 * 1_000, "{} bytes", text.len());
    let second = text.lines().nth(1).unwrap();
    assert!(second.contains("first at Sản phẩm!A2"), "{second}");
    let first = text.lines().next().unwrap();
    assert!(first.contains("again at Sản phẩm!A3"), "{first}");
}

#[test]
fn twenty_thousand_members_are_refused_past_the_cap() {
    let (_, out, err) = under_a_gigabyte("members.csv", &many_members());
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1, "{err}");
    assert!(text.contains("\"issue\":\"over_limit\""), "{text:.400}");
    assert!(text.contains("more than 1000 members"), "{text:.400}");
}

fn read(bytes: &[u8], format: Format) -> ocop::Result<workbook::Products> {
    let name = format!("x.{}", format.extension());
    workbook::read(
        bytes,
        format,
        &name,
        Catalog::official(),
        &ScoreOptions::default(),
    )
}

fn issue(e: &ocop::Error) -> (String, CellIssue) {
    let ErrorKind::Workbook { problems } = e.kind() else { panic!("{e}") };
    (problems[0].cell.clone(), problems[0].issue)
}

#[test]
fn a_text_cell_over_excels_limit_is_refused_at_its_cell() {
    let long = "a".repeat(32_768);
    let book = xlsx(&format!(
        r#"<sheetData><row r="1">{}{}</row><row r="2">{}</row></sheetData>"#,
        text_cell("A1", "id"),
        text_cell("B1", "set"),
        text_cell("B2", &long)
    ));
    let e = read(&book, Format::Xlsx).unwrap_err();
    assert_eq!(issue(&e), ("Sản phẩm!B2".into(), CellIssue::OverLimit));
    let csv = format!("id,set,member,criterion,points\nP1,{long},m,1.1,1\n");
    let e = read(csv.as_bytes(), Format::Csv).unwrap_err();
    assert_eq!(issue(&e), ("x.csv!B2".into(), CellIssue::OverLimit));
}

#[test]
fn a_csv_file_of_more_cells_than_the_budget_is_refused() {
    // 5 million empty fields in 10 MB.
    let row = ",".repeat(999) + "\n";
    let csv = format!("id,set,member,criterion,points\n{}", row.repeat(5_000));
    let e = read(csv.as_bytes(), Format::Csv).unwrap_err();
    let (cell, kind) = issue(&e);
    assert_eq!(kind, CellIssue::OverLimit);
    assert!(cell.starts_with("x.csv!"), "{cell}");
}

/// The bundled `.xls` example with one `LABELSST` cell moved to row
/// 65,536, column 16,384: calamine would lay out the sheet from A1 to
/// there, a billion cells, as it opens the file.
fn far_xls() -> Vec<u8> {
    let mut bytes = include_bytes!("fixtures/tan-hong-2021.xls").to_vec();
    let at = bytes
        .windows(4)
        .position(|w| w == [0xFD, 0x00, 0x0A, 0x00])
        .expect("a LABELSST record");
    bytes[at + 4..at + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0x3F]);
    bytes
}

#[test]
fn an_xls_cell_far_from_the_others_is_refused_before_it_is_laid_out() {
    let (code, _, err) = under_a_gigabyte("far.xls", &far_xls());
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("more than 4194304 cells"), "{err}");
    // The sheet and the far cell (column 16,384 is XFD).
    assert!(err.contains("sheet 1!XFD65536"), "{err}");
}
