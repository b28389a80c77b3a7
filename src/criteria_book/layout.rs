//! The names of the criteria workbook: its two sheets, the columns of the
//! criteria sheet, the kinds of its rows, and the keys of the identity
//! sheet. The writer and the reader take them from here, and the README
//! lists the same table.

use crate::criteria::KnockoutKind;

/// The identity sheet: which set, of which edition, from which source.
pub(crate) const IDENTITY: &str = "Bộ tiêu chí";
/// The criteria sheet: one row per part, group, criterion and option.
pub(crate) const CRITERIA: &str = "Tiêu chí";

/// A column of the criteria sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Col {
    Kind,
    Part,
    Code,
    Text,
    Points,
    Max,
    Star,
    Knockout,
    KnockoutText,
    AppliesIf,
    Type,
    Parent,
    Case,
    Label,
    More,
}

/// The columns in order, with their headers and widths.
pub(crate) const COLUMNS: [(Col, &str, f64); 15] = [
    (Col::Kind, "Loại dòng", 11.0),
    (Col::Part, "Phần", 6.0),
    (Col::Code, "Mã", 7.0),
    (Col::Text, "Nội dung (như bản in)", 60.0),
    (Col::Points, "Điểm", 6.0),
    (Col::Max, "Tối đa", 7.0),
    (Col::Star, "Tối thiểu ★", 9.0),
    (Col::Knockout, "Loại trừ", 16.0),
    (Col::KnockoutText, "Điều khoản loại trừ", 30.0),
    (Col::AppliesIf, "Chỉ áp dụng khi", 14.0),
    (Col::Type, "Kiểu tiêu chí", 11.0),
    (Col::Parent, "Thuộc", 7.0),
    (Col::Case, "Trường hợp", 9.0),
    (Col::Label, "Nhãn (tiếng Anh)", 22.0),
    (Col::More, "Khác (JSON)", 24.0),
];

impl Col {
    /// The column's index, from A.
    pub fn at(self) -> u16 {
        COLUMNS.iter().position(|(c, _, _)| *c == self).unwrap_or(0) as u16
    }
}

/// The kind of a row of the criteria sheet, as its first cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Part,
    Section,
    Criterion,
    Option,
    /// A note printed under the row above: a group's note, or one of a
    /// criterion's notes.
    Note,
    /// The heading of a case of a "choose one of two cases" criterion.
    Case,
}

pub(crate) const KINDS: [(Kind, &str); 6] = [
    (Kind::Part, "Phần"),
    (Kind::Section, "Nhóm"),
    (Kind::Criterion, "Tiêu chí"),
    (Kind::Option, "Phương án"),
    (Kind::Note, "Ghi chú"),
    (Kind::Case, "Trường hợp"),
];

impl Kind {
    pub fn name(self) -> &'static str {
        KINDS.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }

    pub fn of(text: &str) -> Option<Kind> {
        KINDS.iter().find(|(_, n)| same(n, text)).map(|(k, _)| *k)
    }
}

/// The knock-out column's words: kind, and whether 0 points trigger it.
pub(crate) const KNOCKOUTS: [(&str, KnockoutKind, bool); 4] = [
    ("bị loại", KnockoutKind::Eliminated, false),
    ("bị loại khi 0 điểm", KnockoutKind::Eliminated, true),
    ("dừng đánh giá", KnockoutKind::Halted, false),
    ("dừng khi 0 điểm", KnockoutKind::Halted, true),
];

/// The criterion-type column's words: a header groups sub-criteria, a
/// yes/no criterion has points but no options.
pub(crate) const HEADER: &str = "tiêu đề";
pub(crate) const YES_NO: &str = "có/không";

/// The set statuses, as the drop-down offers them (their serde names).
pub(crate) const STATUSES: [&str; 4] =
    ["transcribed", "cross-checked", "inferred", "weak-source"];

/// Star-minimum coverage of an edition, as the drop-down offers it.
pub(crate) const GATES: [&str; 4] = ["none", "partial", "complete", "unknown"];

/// A row of the identity sheet: its key (column A, which the reader goes
/// by), its label (column B), and what its value cells hold.
pub(crate) struct Key {
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
}

const fn key(
    key: &'static str,
    label: &'static str,
    help: &'static str,
) -> Key {
    Key { key, label, help }
}

/// Every key of the identity sheet, in the template's order. A key marked
/// `*` in its help may appear on several rows.
pub(crate) const KEYS: &[Key] = &[
    key("edition", "Phiên bản (mã)", "qd26-2026, qd148-2023, qd1048-781, …"),
    key(
        "set",
        "Mã bộ tiêu chí",
        "chữ thường không dấu, nối bằng '-': tên tệp của bộ",
    ),
    key("name", "Tên phân nhóm", "như bản in"),
    key("number", "Số thứ tự bộ", "nếu bản in đánh số"),
    key("nganh", "Ngành", "như bản in"),
    key("nhom", "Nhóm", "như bản in"),
    key(
        "status",
        "Mức tin cậy",
        "transcribed: một lần chép; cross-checked: hai bản chép khớp",
    ),
    key("source", "Nguồn", "bản ký của quyết định, lưu tại …"),
    key("basis", "Căn cứ suy luận", "chỉ cho bộ suy luận (inferred)"),
    key("disqualified_when", "Hồ sơ bị loại khi", "như bản in"),
    key("note", "Ghi chú bộ", "* một dòng một ghi chú"),
    key(
        "gap",
        "Thiếu sót của nguồn",
        "* cột C phần, D số điểm thiếu, E mô tả",
    ),
    key(
        "second_source",
        "Nguồn đối chiếu (JSON)",
        "do công cụ đối chiếu ghi; để trống",
    ),
    // The edition's rules: read only where the edition is new.
    key("edition_name", "Tên phiên bản", "phiên bản mới: tên đọc được"),
    key(
        "decision",
        "Quyết định",
        "* cột C số, D ngày ký (YYYY-MM-DD), E vai trò",
    ),
    key(
        "in_force",
        "Hiệu lực",
        "cột C từ ngày, D đến ngày (trống: còn hiệu lực)",
    ),
    key(
        "in_force_certain",
        "Ngày đọc từ quyết định",
        "cột C từ ngày: có/không, D đến ngày: có/không",
    ),
    key("in_force_note", "Ghi chú hiệu lực", ""),
    key("part_max", "Điểm tối đa phần", "cột C phần A, D phần B, E phần C"),
    key(
        "band",
        "Hạng sao",
        "* cột C số sao, D điểm từ (bao gồm), E lời của quyết định",
    ),
    key(
        "rounding",
        "Làm tròn điểm trung bình",
        "cột C số chữ số thập phân, D nguồn",
    ),
    key(
        "spread",
        "Chênh lệch tối đa giữa thành viên",
        "cột C số điểm, D nguồn",
    ),
    key(
        "gates",
        "Mức tối thiểu theo sao đã biết",
        "none, partial, complete, unknown",
    ),
    key("trust", "Độ tin cậy của phiên bản", ""),
    key("edition_source", "Nguồn của phiên bản", "* một dòng một nguồn"),
    key("edition_gap", "Thiếu sót của phiên bản", "* một dòng một thiếu sót"),
];

/// The first key of the edition's rules.
pub(crate) const FIRST_EDITION_KEY: &str = "edition_name";

/// Whether two words are the same, case and surrounding space aside.
pub(crate) fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}
