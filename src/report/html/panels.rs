//! The page's panels, each a chart with the table of its numbers beside
//! it. Every number in a table is the summary's own and carries a
//! `data-n` JSON pointer to it in the summary's JSON.

use maud::{Markup, html};

use super::svg::{columns, histogram, stacked_bars};
use super::words::Words;
use crate::report::{Area, Counts, Outcome, Summary};
use crate::scorecard::Status;

/// How many rows a long list shows; the rest are counted.
const ROWS: usize = 200;

/// Rows of the criteria plans raise most often.
const RAISED: usize = 20;

/// A JSON pointer into the summary's serde form, for the cells that show
/// its numbers (a test reads every number on the page back through them).
pub(super) fn ptr(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push('/');
        out.push_str(&p.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// A table cell holding a number of the summary, at `path`.
pub(super) fn num(path: &str, value: impl std::fmt::Display) -> Markup {
    html! { td class="n" data-n=(path) { (value) } }
}

/// The paths of a `Counts` under `base`, in the order of its row.
fn counts_paths(base: &str) -> [String; 8] {
    Outcome::ALL.map(|o| format!("{base}/{}", o.key()))
}

/// The outcome classes, in the order of [`Counts::row`].
fn classes() -> [&'static str; 8] {
    Outcome::ALL.map(Outcome::class)
}

fn counts_cells(base: &str, c: &Counts) -> Markup {
    let paths = counts_paths(base);
    html! {
        @for (p, n) in paths.iter().zip(c.row()) { (num(p, n)) }
    }
}

fn key(words: &Words) -> Markup {
    html! {
        p class="key" {
            @for o in Outcome::ALL {
                @let (c, w) = (o.class(), o.label(words.vi));
                span { svg viewBox="0 0 10 10" width="12" height="12" style="display:inline;width:12px" { rect class=(c) width="10" height="10" {} } " " (w) }
            }
        }
    }
}

pub(super) fn overview(s: &Summary, w: &Words) -> Markup {
    let row = s.outcomes.row();
    let cols: Vec<(String, u64)> = Outcome::ALL
        .iter()
        .zip(row)
        .map(|(o, n)| (o.label(w.vi).to_owned(), n))
        .collect();
    let paths = counts_paths("/outcomes");
    html! {
        section id="overview" {
            h2 { (w.overview) }
            (columns(&cols, &classes()))
            div class="wrap" { table {
                tr { th { (w.outcome) } th class="n" { (w.products) } }
                @for ((l, n), p) in cols.iter().zip(&paths) { tr { td { (l) } (num(p, n)) } }
                tr { td { (cap(w.scored)) } (num("/scored", s.scored)) }
                tr { td { (cap(w.rejected)) } (num("/rejected", s.rejected)) }
                tr { td { (cap(w.lines)) } (num("/lines", s.lines)) }
            } }
            @if !s.rejections.is_empty() {
                div class="wrap" { table {
                    tr { th { (w.error) } th class="n" { (cap(w.lines)) } }
                    @for (k, n) in &s.rejections { tr { td { code { (k) } } (num(&ptr(&["rejections", k]), n)) } }
                } }
                h2 { (w.first_errors) }
                div class="wrap" { table {
                    tr { th class="n" { (w.line) } th { (w.product) } th { (w.error) } }
                    @for (i, e) in s.first_errors.iter().enumerate() {
                        tr {
                            (num(&ptr(&["first_errors", &i.to_string(), "line"]), e.line))
                            td { (e.id.as_deref().unwrap_or("")) }
                            td { code { (e.kind) } ": " (e.message) }
                        }
                    }
                } }
            }
        }
    }
}

pub(super) fn places(s: &Summary, w: &Words) -> Markup {
    let g = s.places.grouping();
    let areas = s.places.areas();
    let rows: Vec<(String, Vec<u64>)> = areas
        .iter()
        .map(|a| {
            (w.place(a.value.as_deref()).to_owned(), a.outcomes.row().to_vec())
        })
        .collect();
    let named = |f: &String| format!("{} ({f})", w.field(f));
    let levels: Vec<String> = g.levels.iter().map(named).collect();
    let fixed: Vec<String> =
        g.fixed.iter().map(|(f, v)| format!("{} {v}", w.field(f))).collect();
    let absent: Vec<String> = g.absent.iter().map(named).collect();
    let header = html! {
        tr { th { (w.place) } @for o in Outcome::ALL { th class="n" { (o.label(w.vi)) } } }
    };
    html! {
        section id="places" {
            h2 { (w.places) }
            p class="muted" {
                (w.grouped_by) ": " @if levels.is_empty() { "—" } @else { (levels.join(", ")) }
                @if !fixed.is_empty() { "; " (fixed.join(", ")) " " (w.in_title) }
                @if !absent.is_empty() { "; " (w.no_field) ": " (absent.join(", ")) }
            }
            @if g.levels.is_empty() { p { (w.none) } } @else {
                (key(w))
                (stacked_bars(&rows, &classes()))
                @if g.levels.len() == 1 {
                    div class="wrap" { table {
                        (header)
                        @for (i, a) in areas.iter().enumerate() {
                            (area_rows(a, &format!("/places/areas/{i}"), 0, w))
                        }
                    } }
                } @else {
                    @for (i, a) in areas.iter().enumerate() {
                        h3 { (w.place(a.value.as_deref())) }
                        div class="wrap" { table {
                            (header)
                            (area_rows(a, &format!("/places/areas/{i}"), 0, w))
                        } }
                    }
                }
            }
        }
    }
}

/// An area's row and, indented, the rows of the areas within it.
fn area_rows(a: &Area, path: &str, depth: usize, w: &Words) -> Markup {
    let name = w.place(a.value.as_deref());
    html! {
        tr class=(format!("d{}", depth.min(3))) {
            td { @if depth == 0 { strong { (name) } } @else { (name) } }
            (counts_cells(&format!("{path}/outcomes"), &a.outcomes))
        }
        @for (j, inner) in a.within.iter().enumerate() {
            (area_rows(inner, &format!("{path}/within/{j}"), depth + 1, w))
        }
    }
}

pub(super) fn totals(s: &Summary, w: &Words) -> Markup {
    html! {
        section id="totals" {
            h2 { (w.totals) }
            (histogram(&s.totals, &s.near_edges.keys().copied().collect::<Vec<u8>>()))
            div class="wrap" { table {
                tr { th { (w.edge) } th class="n" { (w.near()) } }
                @for (e, n) in &s.near_edges { tr { td { (e) } (num(&ptr(&["near_edges", &e.to_string()]), n)) } }
            } }
            details {
                summary { (w.mean_total) }
                div class="wrap" { table {
                    tr { th { (w.mean_total) } th class="n" { (w.products) } }
                    @for (i, n) in s.totals.iter().enumerate() {
                        @if *n > 0 { tr { td { (i) "–" (i + 1) } (num(&ptr(&["totals", &i.to_string()]), n)) } }
                    }
                } }
            }
        }
    }
}

pub(super) fn held(s: &Summary, w: &Words) -> Markup {
    let rows: Vec<(String, Vec<u64>)> = s
        .held_by_gates
        .iter()
        .take(20)
        .map(|h| {
            (
                format!("{}★ · {} {}", h.stars, h.criterion, h.title),
                vec![h.products],
            )
        })
        .collect();
    html! {
        section id="held" {
            h2 { (w.held) }
            p class="muted" { (w.held_note) }
            @if rows.is_empty() { p { (w.none) } } @else {
                (stacked_bars(&rows, &["bar"]))
                div class="wrap" { table {
                    tr { th { (w.criterion) } th { (w.title_col) } th class="n" { (w.tier) } th class="n" { (w.products) } }
                    @for (i, h) in s.held_by_gates.iter().enumerate().take(ROWS) {
                        tr {
                            td { (h.criterion) } td { (h.title) }
                            (num(&ptr(&["held_by_gates", &i.to_string(), "stars"]), h.stars))
                            (num(&ptr(&["held_by_gates", &i.to_string(), "products"]), h.products))
                        }
                    }
                    @if s.held_by_gates.len() > ROWS { tr { td colspan="4" { "… " (s.held_by_gates.len() - ROWS) } } }
                } }
            }
        }
    }
}

pub(super) fn parts(s: &Summary, w: &Words) -> Markup {
    html! {
        section id="parts" {
            h2 { (w.parts) }
            @if s.by_set.is_empty() { p { (w.none) } } @else {
                p class="muted" { (w.share) }
                div class="wrap" { table class="heat" {
                    tr { th { (w.set) } th class="n" { (w.products) } th class="n" { "A" } th class="n" { "B" } th class="n" { "C" } }
                    @for (id, x) in &s.by_set {
                        tr {
                            td { (x.name) br; span class="muted" { (id) } }
                            (num(&ptr(&["by_set", id, "products"]), x.products))
                            @for i in 0..3 {
                                @let share = x.part_max.and_then(|m| share(x.part_means[i], m[i]));
                                td class=(format!("n h{}", share.map_or(0, |p| p / 10))) {
                                    span data-n=(ptr(&["by_set", id, "part_means", &i.to_string()])) { (x.part_means[i]) }
                                    @if let Some(m) = x.part_max {
                                        " / " span data-n=(ptr(&["by_set", id, "part_max", &i.to_string()])) { (m[i]) }
                                    }
                                    @if let Some(p) = share { br; small { (p) "%" } }
                                }
                            }
                        }
                    }
                } }
            }
        }
    }
}

/// A part mean as a whole per cent of its maximum, for the heat map's
/// colour and label; a mean beyond the maximum (hand-made input) is 100.
fn share(mean: rust_decimal::Decimal, max: u32) -> Option<u64> {
    use rust_decimal::Decimal;
    if max == 0 {
        return None;
    }
    let max = Decimal::from(max);
    (mean.min(max) * Decimal::from(100) / max).round().try_into().ok()
}

/// The word with a capital first letter, for a table row.
pub(super) fn cap(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn spread(s: &Summary, w: &Words) -> Markup {
    let rows: Vec<(String, Vec<u64>)> = s
        .spread
        .iter()
        .take(30)
        .map(|x| {
            let limit = u64::from(x.limit);
            let d = u64::from(x.points);
            (
                x.id.clone().unwrap_or_default(),
                vec![d.min(limit), d.saturating_sub(limit)],
            )
        })
        .collect();
    html! {
        section id="spread" {
            h2 { (w.spread) }
            @if rows.is_empty() { p { (w.none) } } @else {
                (stacked_bars(&rows, &["bar", "s1"]))
                div class="wrap" { table {
                    tr { th { (w.spread) } (num("/spread_count", s.spread_count)) }
                } }
                div class="wrap" { table {
                    tr { th { (w.product) } th class="n" { (w.highest) } th class="n" { (w.lowest) } th class="n" { (w.difference) } th class="n" { (w.limit) } }
                    @for (i, x) in s.spread.iter().enumerate().take(ROWS) {
                        @let i = i.to_string();
                        tr {
                            td { (x.id.as_deref().unwrap_or("")) }
                            (num(&ptr(&["spread", &i, "highest"]), x.highest))
                            (num(&ptr(&["spread", &i, "lowest"]), x.lowest))
                            (num(&ptr(&["spread", &i, "points"]), x.points))
                            (num(&ptr(&["spread", &i, "limit"]), x.limit))
                        }
                    }
                    @if s.spread_count > ROWS as u64 { tr { td colspan="5" { "… " (s.spread_count - ROWS as u64) } } }
                } }
            }
        }
    }
}

pub(super) fn audit(s: &Summary, w: &Words) -> Markup {
    let star = |x: Option<u8>| {
        x.map_or(w.not_recognised.to_owned(), |s| format!("{s}★"))
    };
    let outcome = |a: &crate::report::AuditCase| match a.status {
        Status::Rated => star(a.stars),
        st => Outcome::of(a.stars, st).label(w.vi).to_owned(),
    };
    let up = format!("{} ↑", w.recomputed);
    let down = format!("{} ↓", w.recomputed);
    let cols = [(up.clone(), s.audit_higher), (down.clone(), s.audit_lower)];
    html! {
        section id="audit" {
            h2 { (w.audit) }
            @if s.audit.is_empty() { p { (w.none) } } @else {
                (columns(&cols, &["s4", "s1"]))
                div class="wrap" { table {
                    tr { th { (w.outcome) } th class="n" { (w.products) } }
                    tr { td { (up) } (num("/audit_higher", s.audit_higher)) }
                    tr { td { (down) } (num("/audit_lower", s.audit_lower)) }
                } }
                div class="wrap" { table {
                    tr { th { (w.product) } th { (w.recorded) } th { (w.recomputed) } }
                    @for a in s.audit.iter().take(ROWS) {
                        tr {
                            td { (a.id.as_deref().unwrap_or("")) }
                            td { (star(a.recorded)) }
                            td { (outcome(a)) }
                        }
                    }
                    @let audited = s.audit_higher + s.audit_lower;
                    @if audited > ROWS as u64 { tr { td colspan="3" { "… " (audited - ROWS as u64) } } }
                } }
            }
        }
    }
}

pub(super) fn plans(s: &Summary, w: &Words) -> Markup {
    let Some(p) = &s.plans else { return html! {} };
    let cols: Vec<(String, u64)> = w
        .changes_n
        .iter()
        .zip(p.buckets())
        .map(|(l, n)| ((*l).to_owned(), n))
        .collect();
    html! {
        section id="plans" {
            h2 { (w.plans) }
            p class="muted" { (w.changes) }
            (columns(&cols, &["s4", "s3", "s2", "s1"]))
            div class="wrap" { table {
                tr { th { (w.changes) } th class="n" { (w.products) } }
                @for (k, n) in &p.by_changes {
                    tr { td { (k) } (num(&ptr(&["plans", "by_changes", &k.to_string()]), n)) }
                }
                tr { td { (w.already) } (num("/plans/reached", p.reached)) }
                tr { td { (w.unreachable) } (num("/plans/unreachable", p.unreachable)) }
                tr { td { (w.plans_count) } (num("/plans/plans", p.plans)) }
            } }
            h2 { (w.raised) }
            div class="wrap" { table {
                tr { th { (w.criterion) } th { (w.title_col) } th class="n" { (w.plans_count) } }
                @for (i, r) in p.raised.iter().enumerate().take(RAISED) {
                    tr {
                        td { (r.criterion) }
                        td { (r.title) }
                        (num(&ptr(&["plans", "raised", &i.to_string(), "plans"]), r.plans))
                    }
                }
                @if p.raised.len() > RAISED { tr { td colspan="3" { "… " (p.raised.len() - RAISED) } } }
            } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        assert_eq!(
            ptr(&["places", "TP. Sa Đéc/x~y", "outcomes"]),
            "/places/TP. Sa Đéc~1x~0y/outcomes"
        );
    }
}
