//! Plans and explanations for people: one line a step, or the paper
//! sheet's columns, in Vietnamese as the sheet is.

use std::fmt::{self, Write as _};

use super::types::{Explanation, Plan};
use crate::evaluation::Answer;

/// For a person: one line per step, in Vietnamese as the sheet is.
impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stars = |s: Option<u8>| {
            s.map_or("không sao".to_owned(), |s| format!("{s}★"))
        };
        write!(
            f,
            "{} · {} · {} điểm, {} → mục tiêu {}★: ",
            self.id.as_deref().unwrap_or("(không có mã)"),
            self.set,
            self.from.total,
            stars(self.from.stars),
            self.target
        )?;
        if let Some(r) = &self.reason {
            write!(f, "không thể đạt: {r}")?;
            // A tier above the target blocks only where every allowed plan
            // passes into its band (see `search`): say so, or the reason
            // reads as beside the point.
            if let super::Unreachable::Gate { stars, .. } = r {
                if *stars > self.target {
                    write!(
                        f,
                        " (every allowed plan passes into the {stars}★ band, \
                         where that minimum holds)"
                    )?;
                }
            }
            return Ok(());
        }
        if self.steps.is_empty() {
            return f.write_str("đã đạt, không cần thay đổi");
        }
        write!(f, "{} thay đổi", self.changes)?;
        if let Some(c) = self.cost {
            write!(f, ", chi phí {c}")?;
        }
        if let Some(a) = &self.after {
            write!(f, " → {} điểm, {}", a.total, stars(a.stars))?;
        }
        for s in &self.steps {
            let opt = match s.option {
                Answer::Met(_) => "đạt".to_owned(),
                ref o => format!("phương án {o}"),
            };
            write!(
                f,
                "\n  {} {} → {opt} ({} điểm): hội đồng {} → {}",
                s.criterion,
                s.title,
                s.points,
                s.council_points_before,
                s.council_points_after
            )?;
            if !s.gates.is_empty() {
                let g: Vec<String> =
                    s.gates.iter().map(|g| format!("{g}★")).collect();
                write!(f, "; đạt mức tối thiểu {}", g.join(", "))?;
            }
        }
        Ok(())
    }
}

/// In the style of the paper sheet: Vietnamese titles, aligned columns,
/// `◀` on the criteria that hold the product back.
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.card;
        writeln!(
            f,
            "{} · {} ({}) · {} · {} điểm, hạng theo điểm {}★, kết quả {}",
            self.id.as_deref().unwrap_or("(không có mã)"),
            self.set_name,
            self.set,
            self.edition,
            c.total,
            c.band,
            c.stars.map_or("không sao".to_owned(), |s| format!("{s}★"))
        )?;
        writeln!(
            f,
            "   {:<7}{:<46} {:>12} {:>8}  mức tối thiểu",
            "tiêu chí", "", "hội đồng/tối đa", "còn"
        )?;
        let mut part = None;
        for x in &self.criteria {
            if part != Some(x.part) {
                part = Some(x.part);
                writeln!(f, "Phần {}", x.part)?;
            }
            let mark = if x.holds_back { "◀" } else { " " };
            let title: String = if x.title.chars().count() > 46 {
                x.title.chars().take(45).chain(['…']).collect()
            } else {
                x.title.clone()
            };
            let mut line = String::new();
            let _ = write!(line, " {mark} {:<7}{title}", x.code);
            for _ in title.chars().count()..46 {
                line.push(' ');
            }
            let _ = write!(
                line,
                " {:>8}/{:<3} {:>8}",
                x.council_points.to_string(),
                x.max,
                x.points_left.to_string()
            );
            let gates: Vec<String> = x
                .gates
                .iter()
                .map(|g| {
                    format!(
                        "{}★ ≥ {}{}",
                        g.stars,
                        g.points,
                        if g.met { "" } else { " (chưa đạt)" }
                    )
                })
                .collect();
            if !gates.is_empty() {
                let _ = write!(line, "  {}", gates.join(", "));
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        write!(f, "◀: mức tối thiểu đang giữ sản phẩm dưới hạng theo điểm")
    }
}
