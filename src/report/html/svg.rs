//! The charts: small SVG primitives drawn in the page's own templates
//! (no script, no charting crate). Their pixel geometry is `f64`; no
//! point, total or mean goes through it.

use maud::{Markup, html};

/// Horizontal stacked bars, one row per label, one segment per value,
/// scaled to the largest row total.
pub(super) fn stacked_bars(
    rows: &[(String, Vec<u64>)],
    classes: &[&str],
) -> Markup {
    bars(rows, classes, None)
}

/// One drawn bar: its cut label, its segments (class, x, width), the
/// text at its end and where that text goes.
struct Row<'a> {
    label: String,
    segments: Vec<(&'a str, f64, f64)>,
    end: String,
    at: f64,
}

/// [`stacked_bars`] whose end label is the first value with `suffix`
/// (a share in per cent, say) rather than the row's total.
pub(super) fn bars(
    rows: &[(String, Vec<u64>)],
    classes: &[&str],
    suffix: Option<&str>,
) -> Markup {
    let label_w = 230.0;
    let width = 640.0;
    let row_h = 20.0;
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = (width - label_w - 40.0) / max as f64;
    let height = row_h * rows.len() as f64 + 4.0;
    let drawn: Vec<Row> = rows
        .iter()
        .map(|(label, values)| {
            let mut x = label_w;
            let mut segments = Vec::new();
            for (j, v) in values.iter().enumerate() {
                let w = *v as f64 * scale;
                if *v > 0 {
                    let class = classes.get(j).copied().unwrap_or("bar");
                    segments.push((class, round1(x), round1(w)));
                }
                x += w;
            }
            let end = match suffix {
                Some(sfx) => {
                    format!("{}{sfx}", values.first().copied().unwrap_or(0))
                }
                None => values.iter().sum::<u64>().to_string(),
            };
            Row { label: short(label, 36), segments, end, at: round1(x) + 4.0 }
        })
        .collect();
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, row) in drawn.iter().enumerate() {
                @let y = i as f64 * row_h + 2.0;
                text x=(label_w - 6.0) y=(y + 13.0) text-anchor="end" { (row.label) }
                @for (class, x, w) in &row.segments {
                    rect class=(class) x=(x) y=(y) width=(w) height=(row_h - 4.0) {}
                }
                text x=(row.at) y=(y + 13.0) { (row.end) }
            }
        }
    }
}

/// Vertical bars, one per label.
pub(super) fn columns(values: &[(String, u64)], classes: &[&str]) -> Markup {
    let width = 640.0;
    let height = 180.0;
    let base = height - 22.0;
    let max = values.iter().map(|v| v.1).max().unwrap_or(0).max(1);
    let slot = width / values.len().max(1) as f64;
    let bar = (slot * 0.7).min(60.0);
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, (label, v)) in values.iter().enumerate() {
                @let h = (*v as f64 / max as f64) * (base - 16.0);
                @let x = i as f64 * slot + (slot - bar) / 2.0;
                rect class=(classes.get(i).copied().unwrap_or("bar")) x=(round1(x)) y=(round1(base - h)) width=(round1(bar)) height=(round1(h)) {}
                text x=(round1(x + bar / 2.0)) y=(round1(base - h - 3.0)) text-anchor="middle" { (v) }
                text x=(round1(x + bar / 2.0)) y=(height - 6.0) text-anchor="middle" { (label) }
            }
        }
    }
}

/// The histogram of mean totals in 1-point bins, with the band edges
/// marked.
pub(super) fn histogram(bins: &[u64], edges: &[u8]) -> Markup {
    let width = 640.0;
    let height = 170.0;
    let base = height - 20.0;
    let bin = (width - 20.0) / bins.len().max(1) as f64;
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    html! {
        svg viewBox={ "0 0 " (width) " " (height) } role="img" {
            @for (i, n) in bins.iter().enumerate() {
                @if *n > 0 {
                    @let h = (*n as f64 / max as f64) * (base - 12.0);
                    rect class="bar" x=(round1(10.0 + i as f64 * bin)) y=(round1(base - h)) width=(round1(bin - 0.5)) height=(round1(h)) {}
                }
            }
            @for e in edges {
                @let x = round1(10.0 + f64::from(*e) * bin);
                line class="edge" x1=(x) x2=(x) y1="4" y2=(base) {}
                text x=(x) y=(height - 4.0) text-anchor="middle" { (e) }
            }
            text x="10" y=(height - 4.0) { "0" }
            text x=(width - 10.0) y=(height - 4.0) text-anchor="end" { "100" }
        }
    }
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A name cut to `n` characters for a chart label.
pub(super) fn short(name: &str, n: usize) -> String {
    if name.chars().count() > n {
        let cut: String = name.chars().take(n.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_bars_scale_to_the_largest_row_and_escape_labels() {
        let rows =
            vec![("<b>".to_owned(), vec![1, 1]), ("x".to_owned(), vec![4, 0])];
        let svg = stacked_bars(&rows, &["s5", "s4"]).into_string();
        // 640 − 230 − 40 = 370 units for the largest total, 4.
        assert!(
            svg.contains(r#"class="s5" x="230" y="2" width="92.5""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="s4" x="322.5" y="2" width="92.5""#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"class="s5" x="230" y="22" width="370""#),
            "{svg}"
        );
        // A zero segment draws nothing.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
    }

    #[test]
    fn bar_labels_are_cut_and_can_show_a_share() {
        let long =
            "Thực phẩm chức năng, thuốc từ dược liệu, thuốc y học cổ truyền";
        let svg =
            bars(&[(long.into(), vec![37, 63])], &["bar", "nr"], Some("%"))
                .into_string();
        assert!(
            svg.contains(">Thực phẩm chức năng, thuốc từ dược…</text>"),
            "{svg}"
        );
        assert!(svg.contains(">37%</text>"), "{svg}");
    }

    #[test]
    fn columns_and_histogram_place_what_they_count() {
        let svg = columns(&[("a".into(), 2), ("b".into(), 0)], &["s3"])
            .into_string();
        // The tallest bar spans base − 16 = 142 units.
        assert!(svg.contains(r#"height="142""#), "{svg}");
        assert!(svg.contains(r#"height="0""#), "{svg}");
        let mut bins = vec![0; 100];
        bins[69] = 3;
        let svg = histogram(&bins, &[25, 70]).into_string();
        assert_eq!(svg.matches("<rect").count(), 1);
        // Bin 69 at 10 + 69 × 6.2, the 70 edge at 10 + 70 × 6.2.
        assert_eq!(svg.matches("<line").count(), 2);
        assert!(svg.contains(r#"x="437.8""#), "{svg}");
        assert!(svg.contains(r#"x1="444""#), "{svg}");
    }
}
