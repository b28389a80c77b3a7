//! The page's panels, each a chart with the table of its numbers beside
//! it. Every number in a table is the summary's own and carries a
//! `data-n` JSON pointer to it in the summary's JSON.

use maud::{Markup, html};

use super::svg::{bars, columns, histogram, short, stacked_bars};
use super::words::Words;
use crate::report::{Counts, Outcome, Summary};
use crate::scorecard::Status;

/// How many rows a long list shows; the rest are counted.
const ROWS: usize = 200;

/// Rows of the criteria plans raise most often.
const RAISED: usize = 20;

/// A JSON pointer into the summary's serde form, for the cells that show
/// its numbers (a test reads every number on the page back through them).
fn ptr(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        out.push('/');
        out.push_str(&p.replace('~', "~0").replace('/', "~1"));
    }
    out
}

/// A table cell holding a number of the summary, at `path`.
fn num(path: &str, value: impl std::fmt::Display) -> Markup {
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
    let first = s.groups.first().map(String::as_str).unwrap_or("");
    let rows: Vec<(String, Vec<u64>)> = s
        .places
        .iter()
        .map(|(k, p)| (k.clone(), p.outcomes.row().to_vec()))
        .collect();
    html! {
        section id="places" {
            h2 { (w.places) " (" code { (first) } ")" }
            @if rows.is_empty() { p { (w.none) } } @else {
                (key(w))
                (stacked_bars(&rows, &classes()))
                @for (name, place) in &s.places {
                    h3 { (name) }
                    div class="wrap" { table {
                        tr { th { (w.place) } @for o in Outcome::ALL { th class="n" { (o.label(w.vi)) } } }
                        tr { td { strong { (name) } } (counts_cells(&ptr(&["places", name, "outcomes"]), &place.outcomes)) }
                        @for (inner, c) in &place.within {
                            tr { td { (inner) } (counts_cells(&ptr(&["places", name, "within", inner]), c)) }
                        }
                    } }
                }
            }
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
    // Each part as a share of the set's maximum.
    let rows: Vec<(String, Vec<u64>)> = s
        .by_set
        .values()
        .filter(|x| x.part_max.is_some())
        .flat_map(|x| {
            let max = x.part_max.unwrap_or([0; 3]);
            ["A", "B", "C"].into_iter().enumerate().map(move |(i, p)| {
                let m = x.part_means[i];
                // Means beyond the maximum (from hand-made input) fill the bar.
                let pct = if max[i] > 0 {
                    let share = m.min(rust_decimal::Decimal::from(max[i]))
                        * rust_decimal::Decimal::from(100)
                        / rust_decimal::Decimal::from(max[i]);
                    share.round().try_into().unwrap_or(0u64)
                } else {
                    0
                };
                (
                    format!("{} · {p}", short(&x.name, 28)),
                    vec![pct, 100u64.saturating_sub(pct)],
                )
            })
        })
        .collect();
    html! {
        section id="parts" {
            h2 { (w.parts) }
            @if s.by_set.is_empty() { p { (w.none) } } @else {
                (bars(&rows, &["bar", "nr"], Some("%")))
                div class="wrap" { table {
                    tr { th { (w.set) } th class="n" { (w.products) } th class="n" { "A" } th class="n" { "B" } th class="n" { "C" } }
                    @for (id, x) in &s.by_set {
                        tr {
                            td { (x.name) br; span class="muted" { (id) } }
                            (num(&ptr(&["by_set", id, "products"]), x.products))
                            @for i in 0..3 {
                                td class="n" {
                                    span data-n=(ptr(&["by_set", id, "part_means", &i.to_string()])) { (x.part_means[i]) }
                                    @if let Some(m) = x.part_max {
                                        " / " span data-n=(ptr(&["by_set", id, "part_max", &i.to_string()])) { (m[i]) }
                                    }
                                }
                            }
                        }
                    }
                } }
            }
        }
    }
}

/// The word with a capital first letter, for a table row.
fn cap(word: &str) -> String {
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
