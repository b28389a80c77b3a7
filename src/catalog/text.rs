//! An edition and a set as text, the way a council member sees them:
//! `ocop sets` prints an edition, `ocop show` a set's blank sheet.

use std::fmt::{self, Write as _};

use super::{CriteriaSet, Edition};
use crate::criteria::Tables;

/// An edition and its sets as text, as `ocop sets` prints them: dates,
/// how much of its star minimums is known, and each set's id, maximum,
/// status and name.
///
/// ```
/// let ed = ocop::Catalog::official().edition("qd1048-781").unwrap();
/// let text = ed.to_string();
/// assert!(text.starts_with("qd1048-781 — "));
/// assert!(text.contains("star minimums: partial"));
/// assert!(text.contains(" cross-checked "));
/// ```
impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ed = self;
        let i = ed.info();
        let until = i.in_force.until.as_deref().unwrap_or("now");
        let mut out = format!(
            "{} — {} ({} → {}), star minimums: {}\n",
            i.id, i.name, i.in_force.from, until, i.gates
        );
        match i.tables {
            Tables::NotBundled => {
                out +=
                    "  tables not bundled: supply them with --criteria DIR\n";
            }
            Tables::Partial => {
                out += "  other tables not bundled: supply them with --criteria DIR\n";
            }
            _ => {}
        }
        for s in ed.sets() {
            let _ = writeln!(
                out,
                "  {:<48} {:>3}  {:<13}  {}",
                s.id(),
                s.max_points().total(),
                s.status(),
                s.name()
            );
        }
        f.write_str(&out)
    }
}

/// The sheet of a set as text: parts, sections, criteria, options with
/// their points and star minimums, notes and knock-outs.
///
/// # Example
///
/// ```
/// let set = ocop::Catalog::official().edition("qd26-2026").unwrap().set("hoa").unwrap();
/// let text = set.to_string();
/// assert!(text.contains("TỔNG CỘNG 100"));
/// ```
impl fmt::Display for CriteriaSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let set = self;
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
            let _ = writeln!(
                out,
                "Hồ sơ bị loại khi (knock-out \"dossier\"): {d}"
            );
        }
        for p in &s.parts {
            let _ =
                writeln!(out, "\nPhần {}: {} ({})", p.part, p.title, p.max);
            for sec in &p.sections {
                let _ = writeln!(
                    out,
                    "  {}. {} ({})",
                    sec.code, sec.title, sec.max
                );
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
                        let gate =
                            o.gate.as_ref().map_or(String::new(), |g| {
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
                        let inf =
                            o.inferred.as_ref().map_or(String::new(), |x| {
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
        f.write_str(&out)
    }
}
