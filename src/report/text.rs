//! A summary as text, as `ocop summary` prints it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Area, Counts, Outcome, RECORDED, Summary};

/// Areas as indented rows, "(not given)" for lines without the field.
fn flatten(areas: &[Area], depth: usize, rows: &mut Vec<(String, Counts)>) {
    for a in areas {
        let name = a.value.as_deref().unwrap_or("(not given)");
        rows.push((
            format!("{}{name}", "  ".repeat(depth)),
            a.outcomes.clone(),
        ));
        flatten(&a.within, depth + 1, rows);
    }
}

fn table(out: &mut String, title: &str, rows: &BTreeMap<String, Counts>) {
    let rows: Vec<(String, Counts)> =
        rows.iter().map(|(k, c)| (k.clone(), c.clone())).collect();
    table_rows(out, title, &rows);
}

fn table_rows(out: &mut String, title: &str, rows: &[(String, Counts)]) {
    let width = rows
        .iter()
        .map(|(k, _)| k)
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(title.chars().count());
    let _ = write!(out, "{title:<width$}");
    for o in Outcome::ALL {
        let label = o.label(false).to_lowercase();
        let _ = write!(out, " {label:>10}");
    }
    out.push('\n');
    for (k, counts) in rows {
        let _ = write!(out, "{k:<width$}");
        for n in counts.row() {
            let _ = write!(out, " {n:>10}");
        }
        out.push('\n');
    }
    out.push('\n');
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} lines: {} scored, {} rejected",
            self.lines, self.scored, self.rejected
        );
        let _ = writeln!(
            out,
            "councils whose member totals differ by more than the spread limit: {}\n",
            self.spread_count
        );
        let all = [("all".to_owned(), self.outcomes.clone())].into();
        table(&mut out, "outcome", &all);
        let sets =
            self.by_set.iter().map(|(k, v)| (k.clone(), v.outcomes.clone()));
        table(&mut out, "set", &sets.collect());
        let by_field = self.places.by_field();
        for g in self.places.fields() {
            if let Some(rows) = by_field.get(g) {
                table(&mut out, g, rows);
            }
        }
        let g = self.places.grouping();
        if !g.levels.is_empty() {
            let mut rows = Vec::new();
            flatten(&self.places.areas(), 0, &mut rows);
            let title = format!("place ({})", g.levels.join(" > "));
            table_rows(&mut out, &title, &rows);
        }
        let audited = self.audit_higher + self.audit_lower;
        if audited > 0 {
            let _ = writeln!(
                out,
                "{audited} products whose star differs from {RECORDED} \
                 ({} recomputed higher, {} lower):",
                self.audit_higher, self.audit_lower
            );
            for a in &self.audit {
                let rec = a
                    .recorded
                    .map_or("not recognised".into(), |s| format!("{s}★"));
                let now =
                    Outcome::of(a.stars, a.status).label(false).to_lowercase();
                let id = a.id.as_deref().unwrap_or("(no id)");
                let _ =
                    writeln!(out, "  {id}: recorded {rec}, recomputed {now}");
            }
            if audited > self.audit.len() as u64 {
                let _ = writeln!(
                    out,
                    "  … and {} more",
                    audited - self.audit.len() as u64
                );
            }
        }
        f.write_str(&out)
    }
}
