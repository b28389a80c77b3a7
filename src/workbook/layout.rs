//! The documented layout's names: the sheet of products, its columns (in
//! English and Vietnamese, one table), the reserved headers of a product's
//! sheet, and the rules for a sheet's name.

/// A column of the products sheet or of the CSV form that the import
/// reads itself; any other column is carried as a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Id,
    Set,
    Edition,
    Date,
    Submitted,
    Reevaluation,
    Knockouts,
    Sheet,
    // The CSV form's own columns.
    Member,
    Criterion,
    Points,
    Option,
}

/// Each field with its English name (written by the template) and the
/// Vietnamese names accepted for it. The README lists the same table.
pub(crate) const FIELDS: &[(Field, &str, &[&str])] = &[
    (Field::Id, "id", &["Mã sản phẩm", "Mã SP"]),
    (Field::Set, "set", &["Bộ sản phẩm", "Bộ tiêu chí", "Phân nhóm"]),
    (Field::Edition, "edition", &["Phiên bản", "Bộ tiêu chí năm"]),
    (Field::Date, "date", &["Ngày chấm", "Ngày đánh giá"]),
    (Field::Submitted, "submitted", &["Ngày nộp hồ sơ", "Ngày nộp"]),
    (Field::Reevaluation, "reevaluation", &["Đánh giá lại"]),
    (Field::Knockouts, "knockouts", &["Điểm loại", "Bị loại"]),
    (Field::Sheet, "sheet", &["Trang tính"]),
    (Field::Member, "member", &["Thành viên"]),
    (Field::Criterion, "criterion", &["Mã tiêu chí"]),
    (Field::Points, "points", &["Điểm"]),
    (Field::Option, "option", &["Phương án"]),
];

/// The columns of the products sheet, in the template's order.
pub(crate) const PRODUCT_FIELDS: [Field; 8] = [
    Field::Id,
    Field::Set,
    Field::Edition,
    Field::Date,
    Field::Submitted,
    Field::Reevaluation,
    Field::Knockouts,
    Field::Sheet,
];

/// The sheet of products.
pub(crate) const PRODUCTS: &str = "Sản phẩm";
/// Other names accepted for it.
pub(crate) const PRODUCTS_ALSO: &[&str] = &["Products", "San pham"];

/// The reserved headers of a product's sheet; every other non-empty
/// header names a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reserved {
    Code,
    Title,
    Max,
    Options,
    Minimum,
    Notes,
}

/// Each reserved header, as written, with the English name also accepted.
pub(crate) const RESERVED: &[(Reserved, &str, &str)] = &[
    (Reserved::Code, "Mã", "code"),
    (Reserved::Title, "Tiêu chí", "criterion"),
    (Reserved::Max, "Tối đa", "max"),
    (Reserved::Options, "Phương án", "options"),
    (Reserved::Minimum, "Tối thiểu", "minimum"),
    (Reserved::Notes, "Ghi chú", "notes"),
];

/// Names compared as a person reads them, case and surrounding space
/// aside: headers, sheet names, and members' names in every form (`TV1`
/// and `tv1` are one member in a workbook's header and in a CSV file's
/// `member` column alike).
pub(crate) fn same(a: &str, b: &str) -> bool {
    folded(a) == folded(b)
}

/// A name as [`same`] compares it: the key of a map of names.
pub(crate) fn folded(a: &str) -> String {
    a.trim().to_lowercase()
}

/// The field a header names, if the import reads it itself.
pub(crate) fn field(header: &str) -> Option<Field> {
    FIELDS.iter().find_map(|(f, en, vi)| {
        (same(header, en) || vi.iter().any(|v| same(header, v))).then_some(*f)
    })
}

/// The field a products sheet's header names, if the import reads it
/// itself: the CSV form's row columns are not fields there.
pub(crate) fn product_field(header: &str) -> Option<Field> {
    field(header).filter(|f| PRODUCT_FIELDS.contains(f))
}

/// The English name of a field.
pub(crate) fn name(f: Field) -> &'static str {
    FIELDS.iter().find(|(x, _, _)| *x == f).map_or("", |(_, en, _)| en)
}

/// Yes or no written as a word, in either language: in a points cell of a
/// yes/no criterion and in the products sheet's yes/no fields alike.
pub(crate) fn yes_no_word(t: &str) -> Option<bool> {
    match t.trim().to_lowercase().as_str() {
        "yes" | "true" | "có" => Some(true),
        "no" | "false" | "không" => Some(false),
        _ => None,
    }
}

/// The reserved header a product sheet's header is, if any.
pub(crate) fn reserved(header: &str) -> Option<Reserved> {
    RESERVED.iter().find_map(|(r, vi, en)| {
        (same(header, vi) || same(header, en)).then_some(*r)
    })
}

/// Whether a spreadsheet program takes `name` as a sheet's name: 1 to 31
/// characters, none of `[]:*?/\`, no apostrophe at either end, and not
/// `History`, which Excel reserves.
pub(crate) fn sheet_name_ok(name: &str) -> bool {
    let n = name.chars().count();
    (1..=31).contains(&n)
        && !name.contains(['[', ']', ':', '*', '?', '/', '\\'])
        && !name.starts_with('\'')
        && !name.ends_with('\'')
        && !same(name, "History")
}

/// Column letters of a 0-based column: 0 is `A`, 26 is `AA`.
pub(crate) fn column(mut c: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `sheet!A1` for a 0-based row and column.
pub(crate) fn cell(sheet: &str, row: u32, col: u32) -> String {
    format!("{sheet}!{}{}", column(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_cells() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
        assert_eq!(cell("P1", 4, 6), "P1!G5");
    }

    #[test]
    fn names() {
        assert_eq!(field(" Mã sản phẩm "), Some(Field::Id));
        assert_eq!(field("SET"), Some(Field::Set));
        assert_eq!(field("province"), None);
        assert_eq!(reserved("mã"), Some(Reserved::Code));
        assert!(sheet_name_ok("DT-TH-2021-05"));
        assert!(!sheet_name_ok("a/b"));
        assert!(!sheet_name_ok(&"x".repeat(32)));
        assert!(!sheet_name_ok("history"));
    }
}
