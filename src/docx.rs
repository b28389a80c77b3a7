//! Phần III of Mẫu số 02 (26/2026/QĐ-TTg, Phụ lục III), "Đánh giá kết
//! quả thực hiện theo Bộ tiêu chí sản phẩm OCOP", as a Word document: the
//! producer's self-assessment, which they paste into their Báo cáo tự đánh
//! giá. One place writes it, so that the command (`ocop docx`) and any
//! other caller give the same bytes for the same evaluation.
//!
//! The document holds the producer's details (the evaluation's `producer`
//! and `product` fields), then per member a table of criterion, option
//! chosen, points and description (the `descriptions` field: criterion
//! code → text), then the total, the parts and the star, from the same
//! [`Catalog::score_with`] as `ocop score`. Behind the `docx` feature
//! (docx-rs writes the file).

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, RunFonts, Table,
    TableCell, TableRow, WidthType,
};

use crate::criteria::Criterion;
use crate::evaluation::{Answer, Evaluation};
use crate::{Catalog, ErrorKind, Result, ScoreOptions, Scorecard};

/// The field of an evaluation that holds each criterion's description.
pub const DESCRIPTIONS: &str = "descriptions";

/// Column widths in twentieths of a point: code, criterion, option,
/// points, description (an A4 page less its margins).
const WIDTHS: [usize; 5] = [650, 2300, 2900, 950, 2838];

/// Phần III of Mẫu 02 for `ev`, as the bytes of a `.docx` file.
///
/// # Errors
///
/// Whatever [`Catalog::score_with`] gives for an evaluation it cannot
/// score (a missing answer, an unknown set, …), and [`ErrorKind::Io`] if
/// the document cannot be packed.
///
/// ```
/// let catalog = ocop::Catalog::official();
/// let ev = ocop::Evaluation::from_json(ocop::samples::EVALUATION_2026)?;
/// let bytes = ocop::docx::part_iii(&catalog, &ev, &ocop::ScoreOptions::default())?;
/// assert_eq!(&bytes[..2], b"PK"); // a zip, as every .docx
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn part_iii(
    catalog: &Catalog,
    ev: &Evaluation<'_>,
    opts: &ScoreOptions,
) -> Result<Vec<u8>> {
    let card = catalog.score_with(ev, opts)?;
    let edition = catalog.find_edition(&card.edition)?;
    let sheet = edition.find_set(&card.set)?.sheet();
    let meta = ev.carried();
    let field = |k: &str| meta.get(k).and_then(|v| v.as_str()).unwrap_or("");
    let descriptions = meta.get(DESCRIPTIONS).and_then(|v| v.as_object());

    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new().top(1134).bottom(1134).left(1134).right(1134),
        )
        .add_paragraph(para(
            "Phần III. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
            true,
        ))
        .add_paragraph(para(&format!("Tên chủ thể: {}", field("producer")), false))
        .add_paragraph(para(&format!("Tên sản phẩm: {}", field("product")), false))
        .add_paragraph(para(
            &format!("Bộ tiêu chí: {} · {}", edition.info().name, sheet.name),
            false,
        ));
    let criteria: Vec<&Criterion> = sheet
        .parts
        .iter()
        .flat_map(|p| &p.sections)
        .flat_map(|s| &s.criteria)
        .filter(|c| !c.header)
        .collect();
    for (m, member) in card.members.iter().enumerate() {
        if card.members.len() > 1 {
            doc = doc.add_paragraph(para(&member.member, true));
        }
        let answers = ev.members.get(m).map(|s| &s.answers[..]).unwrap_or(&[]);
        let mut rows = vec![row(
            [
                "Mã",
                "Tiêu chí",
                "Phương án tự đánh giá",
                "Điểm",
                "Mô tả, chứng minh",
            ],
            true,
        )];
        for ((code, points), c) in member.criteria().zip(&criteria) {
            let answer =
                answers.iter().find(|(k, _)| &**k == code).map(|(_, a)| a);
            let chosen = chosen(c, answer);
            let points =
                points.map_or_else(|| "—".to_owned(), |p| p.to_string());
            let text = descriptions
                .and_then(|d| d.get(code))
                .and_then(|v| v.as_str())
                .unwrap_or("");
            rows.push(row([code, &c.title, &chosen, &points, text], false));
        }
        doc = doc.add_table(Table::new(rows).set_grid(WIDTHS.to_vec()));
    }
    doc = doc
        .add_paragraph(para(&total(&card), true))
        .add_paragraph(para(
            "Tự đánh giá của chủ thể; không phải kết quả của Hội đồng đánh giá, phân hạng sản phẩm OCOP.",
            false,
        ));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| ErrorKind::Io {
        path: String::from("(docx)"),
        message: e.to_string(),
    })?;
    Ok(out.into_inner())
}

/// The option a member chose, as the sheet prints it.
fn chosen(c: &Criterion, answer: Option<&Answer>) -> String {
    match answer {
        None => String::from("—"),
        Some(Answer::Met(true)) => String::from("Có"),
        Some(Answer::Met(false)) => String::from("Không"),
        Some(Answer::Option(k)) => usize::try_from(*k)
            .ok()
            .and_then(|k| Some((k, c.options.get(k.checked_sub(1)?)?)))
            .map_or_else(
                || k.to_string(),
                |(k, o)| format!("{k}. {}", o.text),
            ),
        Some(Answer::Invalid(text)) => text.clone(),
    }
}

fn total(card: &Scorecard) -> String {
    let star = card.rating.stars.map_or_else(
        || String::from("không xếp hạng"),
        |s| format!("{s} sao"),
    );
    format!(
        "Tổng điểm: {} (A {} · B {} · C {}). Hạng: {star}.",
        card.mean.total, card.mean.a, card.mean.b, card.mean.c
    )
}

/// A run of Times New Roman, the decision's face, at `half_points`.
fn run(text: &str, bold: bool, half_points: usize) -> Run {
    let face = "Times New Roman";
    let r = Run::new()
        .add_text(text)
        .fonts(RunFonts::new().ascii(face).hi_ansi(face).cs(face))
        .size(half_points);
    if bold { r.bold() } else { r }
}

fn para(text: &str, bold: bool) -> Paragraph {
    Paragraph::new().add_run(run(text, bold, 26)).align(AlignmentType::Left)
}

fn cell_para(text: &str, bold: bool) -> Paragraph {
    Paragraph::new().add_run(run(text, bold, 22))
}

fn row(cells: [&str; 5], bold: bool) -> TableRow {
    TableRow::new(
        cells
            .iter()
            .zip(WIDTHS)
            .map(|(t, w)| {
                TableCell::new()
                    .width(w, WidthType::Dxa)
                    .add_paragraph(cell_para(t, bold))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_evaluation_that_does_not_score_gives_the_scorers_error() {
        let json = r#"{"edition":"qd26-2026","set":"hoa","members":[{"member":"a","answers":{"1.1":1}}]}"#;
        let ev = Evaluation::from_json(json).unwrap();
        let err = part_iii(Catalog::official(), &ev, &ScoreOptions::default())
            .unwrap_err();
        assert_eq!(err.kind().tag(), "missing_answer");
    }

    #[test]
    fn the_chosen_option_is_named_as_printed() {
        let catalog = Catalog::official();
        let set = catalog
            .find_edition("qd26-2026")
            .unwrap()
            .find_set("hoa")
            .unwrap();
        let c = &set.sheet().parts[0].sections[0].criteria[0];
        let first = format!("1. {}", c.options[0].text);
        assert_eq!(chosen(c, Some(&Answer::Option(1))), first);
        assert_eq!(chosen(c, Some(&Answer::Option(99))), "99");
        assert_eq!(chosen(c, Some(&Answer::Option(0))), "0");
        assert_eq!(chosen(c, Some(&Answer::Met(true))), "Có");
        assert_eq!(chosen(c, None), "—");
    }
}
