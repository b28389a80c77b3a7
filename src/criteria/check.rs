//! Checking: a criteria file parsed, and every rule the scorer relies on
//! checked, each problem located by file, set, part, section, criterion and
//! option.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::{
    Classification, Criterion, EditionInfo, Outcome, PartId, Problem,
    SecondSource, Section, SetFile, SetStatus, Tables,
};
use crate::date::Date;

/// The most points a criterion may carry. The compiled tables keep points
/// in a byte and use 255 to mark an unreadable cell.
pub const MAX_POINTS: u32 = 254;

/// The most answerable criteria, sections and options a set may have: far
/// above any printed sheet (about 35 criteria), and within the compiled
/// tables' 16-bit indices.
const MAX_CRITERIA: usize = 1000;
const MAX_OPTIONS: usize = 64;

/// Where a problem is: built up from the file inwards.
#[derive(Clone, Default)]
struct Loc<'a> {
    file: &'a str,
    set: Option<&'a str>,
    part: Option<PartId>,
    section: Option<&'a str>,
    criterion: Option<&'a str>,
    option: Option<usize>,
}

impl<'a> Loc<'a> {
    fn file(file: &'a str) -> Loc<'a> {
        Loc { file, ..Loc::default() }
    }

    fn part(&self, p: PartId) -> Loc<'a> {
        Loc { part: Some(p), ..self.clone() }
    }

    fn section(&self, s: &'a str) -> Loc<'a> {
        Loc { section: Some(s), ..self.clone() }
    }

    fn criterion(&self, c: &'a str) -> Loc<'a> {
        Loc { criterion: Some(c), ..self.clone() }
    }

    fn option(&self, i: usize) -> Loc<'a> {
        Loc { option: Some(i + 1), ..self.clone() }
    }

    fn problem(&self, message: impl Into<String>) -> Problem {
        Problem {
            file: self.file.to_owned(),
            set: self.set.map(str::to_owned),
            part: self.part.map(|p| p.to_string()),
            section: self.section.map(str::to_owned),
            criterion: self.criterion.map(str::to_owned),
            option: self.option,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// Parses one data file, reporting a syntax or shape error with its line
/// and column (as a list, the shape every check returns).
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
) -> std::result::Result<T, Vec<Problem>> {
    // Editors on Windows may start a file with a byte-order mark.
    let text = crate::input::strip_bom_str(text);
    // serde would read a struct from an array too; every file is an object.
    let start = text.trim_start();
    if start.starts_with('[') {
        let before = &text[..text.len() - start.len()];
        let line = before.matches('\n').count() + 1;
        let column =
            before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        return Err(vec![Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::new(file, "expected a JSON object, found an array")
        }]);
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, column, message) = crate::error::json_position(&e);
        vec![Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::new(file, message)
        }]
    })
}

/// Parses and checks an `edition.json` on its own.
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/criteria/qd26-2026/edition.json")).unwrap();
/// let info = ocop::criteria::check_edition("qd26-2026/edition.json", &text)?;
/// assert_eq!(info.parts.total(), 100);
/// # Ok::<(), Vec<ocop::criteria::Problem>>(())
/// ```
///
/// # Errors
///
/// Every problem found, located.
pub fn check_edition(
    file: &str,
    text: &str,
) -> std::result::Result<EditionInfo, Vec<Problem>> {
    let info: EditionInfo = parse(file, text)?;
    let mut out = Vec::new();
    validate_edition(file, &info, &mut out);
    if out.is_empty() { Ok(info) } else { Err(out) }
}

/// Parses and checks one set file against its edition: the same function
/// the catalog's loader uses on every file. `file` is the path under the
/// data directory (`qd26-2026/hoa.json`); the set's id must be its name.
///
/// ```
/// let catalog = ocop::Catalog::official();
/// let info = catalog.edition("qd26-2026").unwrap().info();
/// let path = "qd26-2026/hoa.json";
/// let text = std::fs::read_to_string(format!("{}/criteria/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
/// assert!(ocop::criteria::check_set(info, path, &text).is_ok());
/// let broken = text.replacen("\"max\": 3", "\"max\": 4", 1);
/// let problems = ocop::criteria::check_set(info, path, &broken).unwrap_err();
/// assert!(problems[0].to_string().starts_with("qd26-2026/hoa.json: set hoa, part A, section 1"));
/// ```
///
/// # Errors
///
/// Every problem found, located.
pub fn check_set(
    edition: &EditionInfo,
    file: &str,
    text: &str,
) -> std::result::Result<SetFile, Vec<Problem>> {
    load_set(Some(edition), file, text)
}

/// Parses and checks one set file; without its edition (when the edition
/// file is broken) the set is still checked on its own.
pub(crate) fn load_set(
    edition: Option<&EditionInfo>,
    file: &str,
    text: &str,
) -> std::result::Result<SetFile, Vec<Problem>> {
    let set: SetFile = parse(file, text)?;
    let mut out = Vec::new();
    validate_set(file, edition, &set, &mut out);
    if out.is_empty() { Ok(set) } else { Err(out) }
}

/// Checks an edition file on its own.
fn validate_edition(file: &str, e: &EditionInfo, out: &mut Vec<Problem>) {
    let at = Loc::file(file);
    let mut err = |m: String| out.push(at.problem(m));
    let p = &e.parts;
    let total = u64::from(p.a) + u64::from(p.b) + u64::from(p.c);
    if total != 100 {
        err(format!("part maxima add up to {total}, not 100"));
    }
    // Bands: highest first, strictly decreasing, ending at 0, stars 5..1.
    let stars: Vec<u8> = e.bands.iter().map(|b| b.stars).collect();
    if stars != [5, 4, 3, 2, 1] {
        err(format!(
            "bands must be for 5,4,3,2,1 stars in that order, found {stars:?}"
        ));
    }
    if e.bands.last().map(|b| b.min) != Some(Decimal::ZERO) {
        err("the lowest band must start at 0".into());
    }
    for w in e.bands.windows(2) {
        if w[0].min <= w[1].min || w[0].min > Decimal::ONE_HUNDRED {
            err(format!(
                "band minimums must decrease within 0..=100: {} then {}",
                w[0].min, w[1].min
            ));
        }
    }
    if e.rounding.decimals > 6 {
        err(format!(
            "rounding to {} decimals: at most 6 are supported",
            e.rounding.decimals
        ));
    }
    for (field, d) in [
        ("in_force.from", Some(&e.in_force.from)),
        ("in_force.until", e.in_force.until.as_ref()),
    ] {
        if let Some(Err(x)) = d.map(|d| Date::parse(field, d)) {
            err(x.to_string());
        }
    }
    match (e.tables, &e.sets_from) {
        (Tables::Inherited, None) => {
            err("tables: inherited needs sets_from".into())
        }
        (Tables::Bundled | Tables::NotBundled | Tables::Partial, Some(_)) => {
            err("sets_from is only for tables: inherited".into())
        }
        _ => {}
    }
}

/// Checks a set file against its edition (when the edition file could be
/// read). Every rule here is an invariant the scorer relies on.
fn validate_set(
    file: &str,
    edition: Option<&EditionInfo>,
    s: &SetFile,
    out: &mut Vec<Problem>,
) {
    let at = Loc { set: Some(&s.id), ..Loc::file(file) };
    let name = file.rsplit('/').next().unwrap_or(file);
    if format!("{}.json", s.id) != name {
        out.push(at.problem(format!(
            "set id {:?} differs from its file name {name:?}",
            s.id
        )));
    }
    if s.status == SetStatus::Inferred && s.basis.is_none() {
        out.push(at.problem("an inferred set must state its basis"));
    }
    if let Some(x) = &s.second_source {
        validate_second_source(s, &at, x, out);
    }
    let parts: Vec<PartId> = s.parts.iter().map(|p| p.part).collect();
    if parts != PartId::ALL {
        out.push(at.problem(format!(
            "parts must be A, B, C in that order, found {}",
            parts.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let mut codes = HashSet::new();
    let mut count = 0;
    for (_, _, c) in s.criteria() {
        count += 1;
        let here = at.criterion(&c.code);
        if !codes.insert(c.code.as_str()) {
            out.push(here.problem("the code appears twice in the set"));
        }
        // Codes are what members write as JSON keys; the batch reader
        // relies on their needing no escapes.
        if c.code.is_empty()
            || c.code.chars().any(|x| x.is_control() || x == '"' || x == '\\')
        {
            out.push(here.problem(format!(
                "the code {:?} must be non-empty, without quotes, backslashes \
                 or control characters",
                c.code
            )));
        }
    }
    // A plan raises a criterion with those hanging on it in one go.
    for (_, _, c) in s.criteria() {
        let hanging = s
            .criteria()
            .filter(|(_, _, d)| {
                d.applies_if.as_ref().is_some_and(|a| a.criterion == c.code)
            })
            .count();
        if hanging > 7 {
            out.push(at.criterion(&c.code).problem(format!(
                "{hanging} criteria apply only by its answer: at most 7 may"
            )));
        }
    }
    if count > MAX_CRITERIA {
        out.push(at.problem(format!(
            "{count} criteria: a set may have at most {MAX_CRITERIA}"
        )));
        return;
    }
    for p in &s.parts {
        let at = at.part(p.part);
        let gap: u64 = s
            .gaps
            .iter()
            .filter(|g| g.part == p.part)
            .map(|g| u64::from(g.points))
            .sum();
        let sections: u64 = p.sections.iter().map(|x| u64::from(x.max)).sum();
        if let Some(e) = edition {
            let want = u64::from(e.parts.get(p.part));
            // A gap accounts for points the recovered table lacks; the
            // printed part max may be the decision's or the recovered sum.
            let max = u64::from(p.max);
            if sections + gap != want || (max != want && max != sections) {
                out.push(at.problem(format!(
                    "sections add up to {sections} with {gap} declared \
                     missing and part max {max}; edition {} says {want}",
                    e.id
                )));
            }
        }
        for sec in &p.sections {
            validate_section(s, &at.section(&sec.code), sec, out);
        }
    }
}

fn validate_section(
    s: &SetFile,
    at: &Loc<'_>,
    sec: &Section,
    out: &mut Vec<Problem>,
) {
    let mut top = 0u64;
    for c in &sec.criteria {
        let here = at.criterion(&c.code);
        let (mut found, mut options) = (Vec::new(), Vec::new());
        validate_criterion(s, sec, c, &here, &mut found, &mut options);
        out.extend(found.into_iter().map(|m| here.problem(m)));
        out.extend(options);
        if c.parent.is_none() {
            top += u64::from(c.max);
        }
    }
    if top != u64::from(sec.max) {
        out.push(at.problem(format!(
            "criteria add up to {top}, section max is {}",
            sec.max
        )));
    }
}

/// Checks one criterion: its own problems go to `found`, its options'
/// (located by option) to `options`.
fn validate_criterion(
    s: &SetFile,
    sec: &Section,
    c: &Criterion,
    here: &Loc<'_>,
    found: &mut Vec<String>,
    options: &mut Vec<Problem>,
) {
    {
        let mut err = |m: String| found.push(m);
        if c.knockout.as_ref().is_some_and(|k| k.zero_points)
            && (c.header || c.applies_if.is_some())
        {
            // A header has no points of its own, and a conditional
            // criterion's 0 could mean "does not apply".
            err("a zero-points knock-out needs an answerable criterion that \
                 always applies"
                .into());
        }
        if let Some(p) = &c.parent {
            if !sec.criteria.iter().any(|h| &h.code == p && h.header) {
                err(format!("parent {p} is not a header in its section"));
            }
        }
        if c.header {
            let kids: u64 = sec
                .criteria
                .iter()
                .filter(|k| k.parent.as_deref() == Some(&c.code))
                .map(|k| u64::from(k.max))
                .sum();
            if kids != u64::from(c.max)
                || !c.options.is_empty()
                || c.parent.is_some()
                || c.yes_no
            {
                err(format!(
                    "a header needs no options, no parent, and max = sum of \
                     its sub-criteria ({kids}), found max {}",
                    c.max
                ));
            }
            return;
        }
        if c.max > MAX_POINTS {
            err(format!("max {} is over {MAX_POINTS}", c.max));
        }
        if c.cases.len() > 8 {
            err(format!("{} cases: at most 8 are allowed", c.cases.len()));
        }
        if c.yes_no {
            if !c.options.is_empty() || c.max == 0 {
                err("a yes/no criterion has no options and max > 0".into());
            }
        } else if c.options.is_empty() {
            err("no options".into());
        } else if c.options.len() > MAX_OPTIONS {
            err(format!("more than {MAX_OPTIONS} options"));
        } else {
            let best = c
                .options
                .iter()
                .filter(|o| o.unreadable.is_none())
                .map(|o| o.points)
                .max()
                .unwrap_or(0);
            if best != c.max {
                err(format!("max is {}, best option scores {best}", c.max));
            }
        }
        for (i, o) in c.options.iter().enumerate() {
            let here = here.option(i);
            let mut err = |m: String| options.push(here.problem(m));
            if (o.points_blank || o.unreadable.is_some()) && o.points != 0 {
                err("a blank or unreadable points cell has points 0".into());
            }
            if o.inferred.as_ref().is_some_and(|x| x.points > MAX_POINTS) {
                err(format!("inferred points over {MAX_POINTS}"));
            }
            match (o.case, c.cases.len()) {
                (None, 0) => {}
                (Some(k), n) if k >= 1 && (k as usize) <= n => {}
                (_, n) => err(format!("case must name one of {n} cases")),
            }
            if let Some(g) = &o.gate {
                if !(2..=5).contains(&g.stars) {
                    err(format!(
                        "gate for {} stars (2 to 5 allowed)",
                        g.stars
                    ));
                }
            }
        }
        if let Some(a) = &c.applies_if {
            match s.criterion(&a.criterion) {
                None => err(format!(
                    "applies_if names unknown criterion {}",
                    a.criterion
                )),
                // One level only: the condition is read from a criterion
                // every member answers.
                Some(t) if t.header || t.yes_no || t.applies_if.is_some() => {
                    err(format!(
                        "applies_if names {}, which is not an answerable \
                         criterion with options that always applies",
                        t.code
                    ))
                }
                Some(t) if t.code == c.code => {
                    err("applies_if names the criterion itself".into())
                }
                // A conditional choice is planned as one group with the
                // criterion it hangs on; cases would split it.
                Some(t) if !t.cases.is_empty() || !c.cases.is_empty() => {
                    err("a criterion with cases cannot take part in \
                         applies_if"
                        .into())
                }
                Some(t) => {
                    if a.options.iter().any(|&o| {
                        o == 0 || o as usize > t.options.len().min(MAX_OPTIONS)
                    }) {
                        err(format!(
                            "applies_if names an option {} lacks",
                            t.code
                        ));
                    }
                }
            }
        }
    }
}

/// Checks a recorded comparison against the set's own data, so that the
/// record cannot drift from the table it describes.
fn validate_second_source(
    s: &SetFile,
    at: &Loc<'_>,
    x: &SecondSource,
    out: &mut Vec<Problem>,
) {
    let mut err =
        |m: String| out.push(at.problem(format!("second_source: {m}")));
    match (x.outcome, x.differences.is_empty()) {
        (Outcome::Agrees, false) => {
            err("outcome agrees, yet differences are listed".into())
        }
        (Outcome::Differs, true) => {
            err("outcome differs, yet no difference is listed".into())
        }
        (Outcome::None, false) => {
            err("outcome none, yet differences are listed".into())
        }
        _ => {}
    }
    if x.outcome == Outcome::None
        && x.note.as_deref().is_none_or(|n| n.trim().is_empty())
    {
        err("outcome none needs a note saying why".into());
    }
    for d in &x.differences {
        let sec =
            s.parts.iter().flat_map(|p| &p.sections).find(|c| c.code == d.at);
        let crit = s.criterion(&d.at);
        if sec.is_none() && crit.is_none() {
            err(format!(
                "difference at {}: no such criterion or section",
                d.at
            ));
            continue;
        }
        let here = |v: u32| d.here.as_deref() == Some(v.to_string().as_str());
        match (d.what.as_str(), crit, d.option) {
            ("points", Some(c), Some(i)) => {
                let o = c.options.get((i as usize).wrapping_sub(1));
                if !o.is_some_and(|o| here(o.points)) {
                    err(format!(
                        "difference at {} option {i}: here {:?} is not the \
                         file's points",
                        d.at,
                        d.here.as_deref().unwrap_or_default()
                    ));
                }
            }
            ("max", Some(c), _) if d.here.is_some() && !here(c.max) => {
                err(format!(
                    "difference at {}: here {:?} is not the file's max {}",
                    d.at,
                    d.here.as_deref().unwrap_or_default(),
                    c.max
                ));
            }
            ("section_max", _, _)
                if d.here.is_some() && !sec.is_some_and(|x| here(x.max)) =>
            {
                err(format!(
                    "difference at {}: here {:?} is not the section's max",
                    d.at,
                    d.here.as_deref().unwrap_or_default()
                ));
            }
            _ => {}
        }
    }
}

/// Checks that a classification maps to sets that exist.
pub(crate) fn validate_classification(
    file: &str,
    c: &Classification,
    has_set: impl Fn(&str) -> bool,
    out: &mut Vec<Problem>,
) {
    let at = Loc::file(file);
    for row in &c.entries {
        match (&row.set, &row.gap) {
            (Some(id), _) if !has_set(id) => out.push(at.problem(format!(
                "phân nhóm {:?} maps to set {id}, which is not loaded",
                row.phan_nhom
            ))),
            (None, None) => out.push(at.problem(format!(
                "phân nhóm {:?} has no set and no gap explaining why",
                row.phan_nhom
            ))),
            _ => {}
        }
    }
}
