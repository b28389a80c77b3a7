//! The CSV form: one row per product, member and criterion. Read comma-
//! or semicolon-separated, in UTF-8 (with or without a byte-order mark) or
//! Windows-1258.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::error::{CellIssue, Error, ErrorKind, Result};
use crate::evaluation::{Evaluation, MemberSheet};
use crate::options::ScoreOptions;

use super::Products;
use super::grid::{Cell, Problems, composed};
use super::layout::{self, Field};
use super::limits::{self, Budget};
use super::located::Located;
use super::product::ProductBeingRead;
use super::resolve::{self, Written};

/// The text of a CSV file: UTF-8 when it is, else Windows-1258 (the
/// Vietnamese Windows code page that office exports still write). Either
/// way the text is composed (NFC): Windows-1258 writes most tone marks as
/// separate characters, and a header or set name must match the same
/// words typed on another machine.
///
/// A file that is UTF-8 but for some bytes (a line pasted from elsewhere)
/// is neither: read as Windows-1258 its UTF-8 letters would turn into
/// other letters, silently. Vietnamese text in Windows-1258 does not form
/// UTF-8's letter sequences, so a file holding both is refused, naming the
/// line of the first byte that is not UTF-8.
pub(crate) fn decode(bytes: &[u8], name: &str) -> Result<String> {
    let bytes = crate::input::strip_bom(bytes);
    let e = match std::str::from_utf8(bytes) {
        Ok(t) => return Ok(composed(t)),
        Err(e) => e,
    };
    let utf8_letters =
        bytes.utf8_chunks().any(|c| c.valid().bytes().any(|b| !b.is_ascii()));
    if utf8_letters {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        return Err(ErrorKind::Io {
            path: name.to_owned(),
            message: format!(
                "line {line} has a byte that is not UTF-8 in a file that is \
                 otherwise UTF-8; save the file as UTF-8 (or all of it as \
                 Windows-1258)"
            ),
        }
        .into());
    }
    Ok(composed(
        encoding_rs::WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .as_ref(),
    ))
}

/// `;` when the header line has more of them than commas, else `,`.
fn delimiter(text: &str) -> u8 {
    let head = text.lines().next().unwrap_or("");
    if head.matches(';').count() > head.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A value as written, resolved once the product's set is known.
struct Pending {
    code: String,
    written: Written,
    /// The row, and the columns of the value and of the criterion code:
    /// cell names are made only for problems.
    row: usize,
    cell_col: usize,
    crit_col: usize,
}

/// One member of a product being gathered: the name as first written,
/// the first row, and the values.
struct Member {
    name: String,
    first_row: usize,
    values: Vec<Pending>,
    /// Rows left blank: the criterion and the cell where its value
    /// belongs, to name a missing answer there.
    blanks: Vec<(String, usize, usize)>,
}

/// One product being gathered from its rows.
struct Gathered {
    draft: ProductBeingRead,
    first_row: usize,
    /// Product fields as first written, by their place in the columns, to
    /// find rows that disagree.
    fields: Vec<Option<String>>,
    members: Vec<Member>,
    /// Each member's place in `members`, by the name as compared.
    member_of: HashMap<String, usize>,
    /// The first row of each member (by position) and criterion.
    seen: HashMap<(usize, String), usize>,
}

/// The header's columns: each one's place, field (if the form reads it
/// itself) and header text.
struct Columns {
    all: Vec<(usize, Option<Field>, String)>,
}

impl Columns {
    fn of(&self, f: Field) -> Option<usize> {
        self.all.iter().find(|(_, g, _)| *g == Some(f)).map(|x| x.0)
    }
}

/// A field of a row, trimmed; `None` when empty or absent.
fn get(row: &[String], c: Option<usize>) -> Option<&str> {
    c.and_then(|c| row.get(c)).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// Reads the CSV form. `name` (the file's name) stands for the sheet in
/// cell locations.
pub(crate) fn evaluations(
    bytes: &[u8],
    name: &str,
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> Result<Products> {
    let at = |r: usize, c: usize| layout::cell(name, r as u32, c as u32);
    let rows = records(bytes, name)?;
    let cols = columns(rows.first().map_or(&[][..], Vec::as_slice), &at)?;
    let order = gather(&rows, &cols, &at)?;
    let mut out = Products::default();
    for g in order {
        let (ev, located) = finish(g, &cols, name, catalog, opts);
        out.push(ev, Some(located));
    }
    Ok(out)
}

/// The file's rows of fields, each field taken from the cell budget before
/// it is kept.
fn records(bytes: &[u8], name: &str) -> Result<Vec<Vec<String>>> {
    let at = |r: usize, c: usize| layout::cell(name, r as u32, c as u32);
    let text = decode(bytes, name)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut budget = Budget::default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| -> Error {
            ErrorKind::Io { path: name.to_owned(), message: e.to_string() }
                .into()
        })?;
        let r = rows.len();
        if r == limits::ROWS {
            return Err(limits::over(
                at(r, 0),
                format!("the file has more than {} rows", limits::ROWS),
            ));
        }
        budget.take(rec.len().max(1), || at(r, rec.len()))?;
        for (c, v) in rec.iter().enumerate() {
            limits::text(v, || at(r, c))?;
        }
        rows.push(rec.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// The header's columns, or the problems that keep the file from being
/// read: a column written twice, a required column missing.
fn columns(
    header: &[String],
    at: &impl Fn(usize, usize) -> String,
) -> Result<Columns> {
    let mut all: Vec<(usize, Option<Field>, String)> = Vec::new();
    let mut p = Problems::default();
    // Fields and header names seen, to find one written twice.
    let mut fields = Vec::new();
    let mut names = std::collections::HashSet::new();
    for (c, h) in header.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        let f = layout::field(h);
        let again = f.is_some_and(|f| fields.contains(&f));
        if !names.insert(layout::folded(h)) || again {
            p.push(
                at(0, c),
                CellIssue::DuplicateName,
                format!("column {h:?} is written twice"),
            );
        }
        fields.extend(f);
        all.push((c, f, h.to_owned()));
    }
    let cols = Columns { all };
    for need in [Field::Id, Field::Set, Field::Member, Field::Criterion] {
        if cols.of(need).is_none() {
            p.push(
                at(0, 0),
                CellIssue::Missing,
                format!("no column {:?} in row 1", layout::name(need)),
            );
        }
    }
    if cols.of(Field::Points).is_none() && cols.of(Field::Option).is_none() {
        p.push(
            at(0, 0),
            CellIssue::Missing,
            "no column \"points\" or \"option\" in row 1".into(),
        );
    }
    if !p.is_empty() {
        return Err(ErrorKind::Workbook { problems: p.into_vec() }.into());
    }
    Ok(cols)
}

/// The rows gathered into products, in the order of their first rows.
fn gather(
    rows: &[Vec<String>],
    cols: &Columns,
    at: &impl Fn(usize, usize) -> String,
) -> Result<Vec<Gathered>> {
    let mut order: Vec<Gathered> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (r, row) in rows.iter().enumerate().skip(1) {
        if row.iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        let id = get(row, cols.of(Field::Id)).unwrap_or_default().to_owned();
        let k = match index.get(&id) {
            Some(&k) => k,
            None if order.len() == limits::PRODUCTS => {
                return Err(limits::over(
                    at(r, cols.of(Field::Id).unwrap_or(0)),
                    format!(
                        "the file lists more than {} products; split it \
                         into smaller files",
                        limits::PRODUCTS
                    ),
                ));
            }
            None => {
                order.push(Gathered {
                    draft: ProductBeingRead::default(),
                    first_row: r,
                    fields: vec![None; cols.all.len()],
                    members: Vec::new(),
                    member_of: HashMap::new(),
                    seen: HashMap::new(),
                });
                index.insert(id, order.len() - 1);
                order.len() - 1
            }
        };
        let g = &mut order[k];
        product_fields(g, row, r, cols, at);
        row_value(g, row, r, cols, at);
    }
    Ok(order)
}

/// Product fields: the first row gives them; a later row that writes one
/// differently is a problem.
fn product_fields(
    g: &mut Gathered,
    row: &[String],
    r: usize,
    cols: &Columns,
    at: &impl Fn(usize, usize) -> String,
) {
    for (i, (c, f, h)) in cols.all.iter().enumerate() {
        let row_field = matches!(
            f,
            Some(
                Field::Member
                    | Field::Criterion
                    | Field::Points
                    | Field::Option
            )
        );
        if row_field {
            continue;
        }
        let Some(v) = get(row, Some(*c)) else { continue };
        match &g.fields[i] {
            Some(first) if *first != v => g.draft.problems.push(
                at(r, *c),
                CellIssue::Conflict,
                format!(
                    "{h} {v:?} differs from {first:?} at {}",
                    at(g.first_row, *c)
                ),
            ),
            Some(_) => {}
            None => {
                let cell = Cell::Text(v.to_owned());
                match f {
                    Some(f) => g.draft.field(*f, &cell, at(r, *c)),
                    None => g.draft.carry(h, &number_or_text(v), &at(r, *c)),
                }
                g.fields[i] = Some(v.to_owned());
            }
        }
    }
}

/// A row's member, criterion and value, kept as written.
fn row_value(
    g: &mut Gathered,
    row: &[String],
    r: usize,
    cols: &Columns,
    at: &impl Fn(usize, usize) -> String,
) {
    let col = |f| cols.of(f);
    let member = get(row, col(Field::Member));
    let criterion = get(row, col(Field::Criterion));
    let (Some(member), Some(criterion)) = (member, criterion) else {
        if get(row, col(Field::Points)).is_some()
            || get(row, col(Field::Option)).is_some()
        {
            g.draft.problems.push(
                at(r, col(Field::Member).unwrap_or(0)),
                CellIssue::UnnamedMember,
                "points without a member and criterion".into(),
            );
        }
        return;
    };
    // Members are one member by the rule of a workbook's headers.
    let folded = layout::folded(member);
    let m = match g.member_of.get(&folded) {
        Some(&m) => m,
        None if g.members.len() == limits::MEMBERS => {
            g.draft.problems.push(
                at(r, col(Field::Member).unwrap_or(0)),
                CellIssue::OverLimit,
                format!(
                    "more than {} members: a product is scored by at most \
                     {0}",
                    limits::MEMBERS
                ),
            );
            return;
        }
        None => {
            g.members.push(Member {
                name: member.to_owned(),
                first_row: r,
                values: Vec::new(),
                blanks: Vec::new(),
            });
            g.member_of.insert(folded, g.members.len() - 1);
            g.members.len() - 1
        }
    };
    let crit_col = col(Field::Criterion).unwrap_or(0);
    // The first row of the pair stays the one named.
    let first = *g.seen.entry((m, criterion.to_owned())).or_insert(r);
    if first != r {
        g.draft.problems.push(
            at(r, crit_col),
            CellIssue::RepeatedCode,
            format!(
                "member {member:?} has criterion {criterion} twice, first at \
                 {}",
                at(first, crit_col)
            ),
        );
        return;
    }
    // The option's position wins over the points.
    let (written, cell_col) = match get(row, col(Field::Option)) {
        Some(o) => (
            o.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| o.parse().ok().map(|k| Some(Written::Option(k))))
                .flatten(),
            col(Field::Option).unwrap_or(0),
        ),
        None => (
            resolve::text(get(row, col(Field::Points)).unwrap_or_default()),
            col(Field::Points).unwrap_or(0),
        ),
    };
    let Some(written) = written else {
        let raw =
            get(row, col(Field::Option)).or(get(row, col(Field::Points)));
        g.draft.problems.push(
            at(r, cell_col),
            CellIssue::NotPoints,
            format!(
                "{:?} is not points or an option's position",
                raw.unwrap_or_default()
            ),
        );
        return;
    };
    // Kept as written; resolved once the set is known.
    let member = &mut g.members[m];
    match written {
        Some(w) => member.values.push(Pending {
            code: criterion.to_owned(),
            written: w,
            row: r,
            cell_col,
            crit_col,
        }),
        None => member.blanks.push((criterion.to_owned(), r, cell_col)),
    }
}

/// A gathered product placed and its values resolved: the evaluation or
/// its error, and where its members' answers stand.
fn finish(
    g: Gathered,
    cols: &Columns,
    name: &str,
    catalog: &Catalog,
    opts: &ScoreOptions,
) -> (Result<Evaluation<'static>>, Located) {
    let at = |r: usize, c: usize| layout::cell(name, r as u32, c as u32);
    let mut d = g.draft;
    if d.ev.id.is_none() {
        d.problems.push(
            at(g.first_row, cols.of(Field::Id).unwrap_or(0)),
            CellIssue::NoId,
            "no id: each product needs one".into(),
        );
    }
    let set = if d.set_at.is_empty() {
        d.problems.push(
            at(g.first_row, cols.of(Field::Set).unwrap_or(0)),
            CellIssue::UnknownSet,
            "no set: give the set id or phân nhóm name".into(),
        );
        None
    } else {
        d.place(catalog, opts)
    };
    let member_col = cols.of(Field::Member).unwrap_or(0) as u32;
    let mut members = Vec::new();
    let mut first_rows = HashMap::new();
    let mut cells = HashMap::new();
    for Member { name, first_row, values, blanks } in g.members {
        let folded = layout::folded(&name);
        first_rows.insert(folded.clone(), (first_row as u32, member_col));
        for (code, row, col) in blanks {
            cells.insert((folded.clone(), code), (row as u32, col as u32));
        }
        let mut answers = Vec::new();
        for Pending { code, written, row, cell_col, crit_col } in values {
            let Some(set) = set else { continue };
            cells.insert(
                (folded.clone(), code.clone()),
                (row as u32, cell_col as u32),
            );
            let Some(c) = set.sheet().criterion(&code) else {
                d.problems.push(
                    at(row, crit_col),
                    CellIssue::UnknownCode,
                    format!(
                        "criterion {code:?} is not on the sheet of set {} \
                         ({})",
                        set.id(),
                        set.edition()
                    ),
                );
                continue;
            };
            if c.header {
                d.problems.push(
                    at(row, cell_col),
                    CellIssue::HeadingValue,
                    format!(
                        "criterion {code} heads others and takes no points: \
                         give them on its sub-criteria"
                    ),
                );
                continue;
            }
            match resolve::answer(c, written, opts.inferred) {
                Ok(a) => answers.push((code, a)),
                Err((issue, m)) => {
                    d.problems.push(at(row, cell_col), issue, m)
                }
            }
        }
        members.push(MemberSheet::new(name, answers));
    }
    let located = Located::Csv {
        file: name.to_owned(),
        members: first_rows,
        answers: cells,
    };
    (d.finish(members), located)
}

/// A carried CSV value as JSON reads it: a number when it is written as
/// one (so that `recorded_star` reads as in JSON), `true` and `false` as
/// yes/no, text in JSON's quotes (`"3"`) as that text, else text. The
/// writer quotes text that would read back as something else
/// ([`carried_text`]), so every carried value makes the round trip.
pub(crate) fn number_or_text(v: &str) -> Cell {
    match v {
        "true" => return Cell::Bool(true),
        "false" => return Cell::Bool(false),
        _ => {}
    }
    if v.len() >= 2 && v.starts_with('"') && v.ends_with('"') {
        if let Ok(t) = serde_json::from_str::<String>(v) {
            return Cell::Text(t);
        }
    }
    let numeric = v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && v.bytes().filter(|b| *b == b'.').count() <= 1
        && v.bytes().next().is_some_and(|b| b.is_ascii_digit());
    match v.parse::<f64>() {
        Ok(f)
            if numeric
                && (v == "0"
                    || !v.starts_with('0')
                    || v.starts_with("0.")) =>
        {
            Cell::Number(f)
        }
        _ => Cell::Text(v.to_owned()),
    }
}

/// A carried value as the CSV form writes it: what [`number_or_text`]
/// reads back as the same JSON value.
pub(crate) fn carried_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => {
            let plain = s.trim() == s
                && !s.is_empty()
                && s != "null"
                && matches!(number_or_text(s), Cell::Text(ref t) if t == s);
            if plain { s.clone() } else { v.to_string() }
        }
        v => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1258_is_composed() {
        // "Mã" in Windows-1258: a, then the tilde as its own byte.
        assert_eq!(decode(b"Ma\xde", "x.csv").unwrap(), "M\u{e3}");
        assert_eq!(delimiter("a;b;c,d\n1,2,3,4,5"), b';');
    }

    /// UTF-8 letters and a stray byte on line 2: refused at that line, not
    /// read as Windows-1258 (which would turn "Hà" into "HÃ\u{a0}").
    #[test]
    fn utf8_with_a_stray_byte_is_refused_at_its_line() {
        let mut bytes = "id,member\nP1,H\u{e0}".as_bytes().to_vec();
        bytes.push(0xff);
        let err = decode(&bytes, "x.csv").unwrap_err().to_string();
        assert!(err.contains("line 2 has a byte that is not UTF-8"), "{err}");
        // All-ASCII text with a Windows-1258 letter is Windows-1258.
        assert_eq!(decode(b"\xd0\xf4", "x.csv").unwrap(), "\u{110}\u{f4}");
    }
}
