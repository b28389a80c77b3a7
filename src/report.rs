//! Human-readable reports: batch summaries and printed sheets.
//!
//! A province that rescores its archive wants to know three things: how
//! many products land on each star, where (by set, province, district or
//! any other field it carried through), and which products' recomputed
//! star differs from the one on record. [`Summary`] reads the output of a
//! batch run and answers them; [`sheet_text`] prints one criteria set the
//! way a council member sees it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;

use serde::Deserialize;

use crate::catalog::CriteriaSet;
use crate::error::{Error, ErrorKind, Result};
use crate::scorecard::Status;

/// Counts over a batch's output (scorecards and error records).
///
/// # Example
///
/// ```
/// use ocop::{BatchScorer, Catalog, report::Summary};
///
/// let mut out = Vec::new();
/// BatchScorer::new(Catalog::official())
///     .run(ocop::samples::EVALUATION_2026.as_bytes(), &mut out)?;
/// let summary = Summary::from_reader(out.as_slice())?;
/// assert_eq!(summary.by_outcome.get("3★"), Some(&1));
/// # Ok::<(), ocop::Error>(())
/// ```
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Error records.
    pub rejected: u64,
    /// Scorecards per outcome: `5★` … `1★`, `not rated`, `eliminated`,
    /// `halted`.
    pub by_outcome: BTreeMap<String, u64>,
    /// Per set, per outcome.
    pub by_set: BTreeMap<String, BTreeMap<String, u64>>,
    /// Per carried-through field (`province`, `district`, ...), per value,
    /// per outcome.
    pub by_field: BTreeMap<String, BTreeMap<String, BTreeMap<String, u64>>>,
    /// Products whose recomputed star differs from `recorded_star`:
    /// (id, recorded, recomputed outcome).
    pub changed: Vec<(String, String, String)>,
    /// Scorecards with a spread over the council limit.
    pub spread_exceeded: u64,
}

#[derive(Deserialize)]
struct Line {
    id: Option<String>,
    set: Option<String>,
    rating: Option<RatingLite>,
    spread: Option<SpreadLite>,
    #[serde(default)]
    meta: serde_json::Map<String, serde_json::Value>,
    error: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct RatingLite {
    stars: Option<u8>,
    status: Status,
}

#[derive(Deserialize)]
struct SpreadLite {
    exceeded: bool,
}

fn outcome(r: &RatingLite) -> String {
    match (r.status, r.stars) {
        (Status::Eliminated, _) => "eliminated".into(),
        (Status::Halted, _) => "halted".into(),
        (_, Some(s)) => format!("{s}★"),
        _ => "not rated".into(),
    }
}

/// The fields a summary groups by unless told otherwise.
pub const DEFAULT_GROUPS: [&str; 3] = ["province", "district", "commune"];

/// The field carrying the star a product holds on record.
const RECORDED: &str = "recorded_star";

impl Summary {
    /// Reads batch output, one JSON object per line, grouping by the
    /// fields of [`DEFAULT_GROUPS`] where present.
    ///
    /// # Errors
    ///
    /// See [`Summary::from_reader_by`].
    pub fn from_reader(r: impl BufRead) -> Result<Summary> {
        Summary::from_reader_by(r, &DEFAULT_GROUPS)
    }

    /// Reads batch output, grouping by the carried-through fields `by`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] when reading fails; [`ErrorKind::Json`] naming the
    /// line when a line is neither a scorecard nor an error record.
    pub fn from_reader_by(r: impl BufRead, by: &[&str]) -> Result<Summary> {
        let mut s = Summary::default();
        for (i, line) in r.lines().enumerate() {
            let line = line.map_err(|e| {
                ErrorKind::io(std::path::Path::new("input"), e)
            })?;
            let bad = |column: usize, m: String| {
                Error::new(ErrorKind::Json {
                    line: Some(i + 1),
                    column,
                    message: m,
                })
            };
            let l: Line = serde_json::from_str(&line).map_err(|e| {
                let column = e.column().max(1);
                match ErrorKind::json(e, false).into_kind() {
                    ErrorKind::Json { message, .. } => bad(column, message),
                    _ => bad(column, String::new()),
                }
            })?;
            s.lines += 1;
            if l.error.is_some() {
                s.rejected += 1;
                continue;
            }
            let Some(r) = l.rating else {
                return Err(bad(
                    1,
                    "neither a scorecard nor an error record".into(),
                ));
            };
            let o = outcome(&r);
            *s.by_outcome.entry(o.clone()).or_default() += 1;
            let set = l.set.unwrap_or_default();
            *s.by_set.entry(set).or_default().entry(o.clone()).or_default() +=
                1;
            if l.spread.is_some_and(|x| x.exceeded) {
                s.spread_exceeded += 1;
            }
            for (k, v) in &l.meta {
                if k == RECORDED {
                    // null records a product that was not recognised: any
                    // outcome without an OCOP star (3★ or more) agrees.
                    let recognised = r.stars.filter(|&s| s >= 3);
                    let (recorded, agrees) = match v {
                        serde_json::Value::Number(n) => {
                            (format!("{n}★"), format!("{n}★") == o)
                        }
                        serde_json::Value::Null => {
                            ("not recognised".into(), recognised.is_none())
                        }
                        other => (other.to_string(), false),
                    };
                    if !agrees {
                        s.changed.push((
                            l.id.clone().unwrap_or_default(),
                            recorded,
                            o.clone(),
                        ));
                    }
                } else if !by.contains(&k.as_str()) {
                    continue;
                } else if let serde_json::Value::String(v) = v {
                    let per = s.by_field.entry(k.clone()).or_default();
                    *per.entry(v.clone())
                        .or_default()
                        .entry(o.clone())
                        .or_default() += 1;
                }
            }
        }
        Ok(s)
    }
}

const OUTCOMES: [&str; 8] =
    ["5★", "4★", "3★", "2★", "1★", "not rated", "eliminated", "halted"];

fn table(
    out: &mut String,
    title: &str,
    rows: &BTreeMap<String, BTreeMap<String, u64>>,
) {
    let width = rows
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(title.chars().count());
    let _ = write!(out, "{title:<width$}");
    for o in OUTCOMES {
        let _ = write!(out, " {o:>10}");
    }
    out.push('\n');
    for (k, counts) in rows {
        let _ = write!(out, "{k:<width$}");
        for o in OUTCOMES {
            let _ =
                write!(out, " {:>10}", counts.get(o).copied().unwrap_or(0));
        }
        out.push('\n');
    }
    out.push('\n');
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        let scored = self.lines - self.rejected;
        let _ = writeln!(
            out,
            "{} lines: {scored} scored, {} rejected",
            self.lines, self.rejected
        );
        let _ = writeln!(
            out,
            "councils whose member totals differ by more than the spread limit: {}\n",
            self.spread_exceeded
        );
        let mut all = BTreeMap::new();
        all.insert("all".to_owned(), self.by_outcome.clone());
        table(&mut out, "outcome", &all);
        table(&mut out, "set", &self.by_set);
        for (field, rows) in &self.by_field {
            table(&mut out, field, rows);
        }
        if !self.changed.is_empty() {
            let _ = writeln!(
                out,
                "{} products whose star differs from {RECORDED}:",
                self.changed.len()
            );
            for (id, rec, now) in &self.changed {
                let _ =
                    writeln!(out, "  {id}: recorded {rec}, recomputed {now}");
            }
        }
        f.write_str(&out)
    }
}

/// An edition and its sets as text, as `ocop sets` prints them: dates,
/// how much of its star minimums is known, and each set's id, maximum,
/// status and name.
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd1048-781").unwrap();
/// let text = ocop::report::edition_text(ed);
/// assert!(text.starts_with("qd1048-781 — "));
/// assert!(text.contains("star minimums: partial"));
/// assert!(text.contains(" cross-checked "));
/// ```
pub fn edition_text(ed: &crate::catalog::Edition) -> String {
    let i = ed.info();
    let until = i.in_force.until.as_deref().unwrap_or("now");
    let mut out = format!(
        "{} — {} ({} → {}), star minimums: {}\n",
        i.id, i.name, i.in_force.from, until, i.gates
    );
    if !ed.has_tables() {
        out += "  tables not bundled: supply them with --criteria DIR\n";
    }
    for s in ed.sets() {
        let _ = writeln!(
            out,
            "  {:<48} {:>3}  {:<13}  {}",
            s.id(),
            s.max_points().total(),
            s.sheet().status,
            s.sheet().name
        );
    }
    out
}

/// The sheet of a set as text: parts, sections, criteria, options with
/// their points and star minimums, notes and knock-outs.
///
/// # Example
///
/// ```
/// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
/// let text = ocop::report::sheet_text(set);
/// assert!(text.contains("TỔNG CỘNG 100"));
/// ```
pub fn sheet_text(set: &CriteriaSet) -> String {
    let s = set.sheet();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({}), {}",
        s.id,
        s.name,
        set.edition(),
        s.status
    );
    let _ = writeln!(out, "fingerprint {}", set.fingerprint());
    if let Some(d) = &s.disqualified_when {
        let _ =
            writeln!(out, "Hồ sơ bị loại khi (knock-out \"dossier\"): {d}");
    }
    for p in &s.parts {
        let _ = writeln!(out, "\nPhần {}: {} ({})", p.part, p.title, p.max);
        for sec in &p.sections {
            let _ =
                writeln!(out, "  {}. {} ({})", sec.code, sec.title, sec.max);
            for c in &sec.criteria {
                let indent =
                    if c.parent.is_some() { "      " } else { "    " };
                let _ = writeln!(
                    out,
                    "{indent}{} {} [{}] ({})",
                    c.code, c.title, c.label, c.max
                );
                if c.yes_no {
                    let _ = writeln!(
                        out,
                        "{indent}    true/false: met = {}, not met = 0",
                        c.max
                    );
                }
                for (i, o) in c.options.iter().enumerate() {
                    let gate = o.gate.as_ref().map_or(String::new(), |g| {
                        format!(
                            "  {}★ minimum{}",
                            g.stars,
                            if g.inferred.is_some() {
                                " (inferred)"
                            } else {
                                ""
                            }
                        )
                    });
                    let inf = o.inferred.as_ref().map_or(String::new(), |x| {
                        format!("  (inferred: {})", x.points)
                    });
                    let _ = writeln!(
                        out,
                        "{indent}    {}. [{}] {}{gate}{inf}",
                        i + 1,
                        o.points,
                        o.text
                    );
                }
                if let Some(k) = &c.knockout {
                    let _ = writeln!(
                        out,
                        "{indent}    knock-out {} \"{}\": {}",
                        k.kind, c.code, k.text
                    );
                }
            }
        }
    }
    let m = set.max_points();
    let _ = writeln!(out, "\nTỔNG CỘNG {}", m.total());
    for g in &s.gaps {
        let _ = writeln!(
            out,
            "gap: part {} lacks {} points: {}",
            g.part, g.points, g.text
        );
    }
    out
}
