//! The panels that name products: the ones to act on, and the
//! certificates coming up for re-evaluation. An office acts on these
//! rows, so each names the product, its producer and its place, and says
//! what to do and by when.

use maud::{Markup, html};

use super::panels::ptr;
use super::words::Words;
use crate::report::{Outcome, ProductLabel, Summary};
use crate::scorecard::Status;

fn product(n: &ProductLabel) -> Markup {
    html! {
        td {
            strong { (n.id.as_deref().unwrap_or("")) }
            @if let Some(p) = &n.product { br; (p) }
        }
        td { (n.producer.as_deref().unwrap_or("")) }
    }
}

fn star(stars: Option<u8>, status: Status, w: &Words) -> String {
    Outcome::of(stars, status).label(w.vi).to_owned()
}

/// A row that opens a place's rows.
fn place_row(line: &str, cols: usize) -> Markup {
    html! { tr class="place" { th colspan=(cols) { (line) } } }
}

/// Each case with its index and the place line to open before it, when
/// its place is not the one before.
fn with_places<'c, T>(
    s: &Summary,
    w: &Words,
    cases: Vec<(usize, &'c T)>,
    named: impl Fn(&T) -> &ProductLabel,
) -> Vec<(Option<String>, usize, &'c T)> {
    let g = s.places.grouping();
    let mut last = None;
    cases
        .into_iter()
        .map(|(i, c)| {
            let line = s.places.line(&g, &named(c).place, w.not_given);
            let open = (last.as_ref() != Some(&line) && !line.is_empty())
                .then(|| line.clone());
            last = Some(line);
            (open, i, c)
        })
        .collect()
}

pub(super) fn act(s: &Summary, w: &Words) -> Markup {
    let a = &s.act;
    let near = with_places(s, w, a.near_in_order(&s.places), |c| &c.named);
    let held = with_places(s, w, a.held_in_order(&s.places), |c| &c.named);
    html! {
        section id="act" {
            h2 { (w.act) }
            @if s.plans.is_some() {
                p class="muted" { (w.act_note()) }
                @if near.is_empty() { p { (w.none) } } @else {
                    div class="wrap" { table class="list" {
                        tr { th { (w.product) } th { (w.producer) } th { (w.now) } th { (w.next) } th { (w.steps) } }
                        @for (open, i, c) in near {
                            @if let Some(line) = open { (place_row(&line, 5)) }
                            tr {
                                (product(&c.named))
                                td { (star(c.stars, c.status, w)) }
                                td { (c.target) "★" }
                                td { @for (j, st) in c.steps.iter().enumerate() {
                                    @let base = ["act", "near", &i.to_string(), "steps", &j.to_string()];
                                    div {
                                        strong { (st.criterion) } " " (st.title) ": " (w.option) " " (st.option) " · "
                                        span data-n=(ptr(&[&base[..], &["council_points_before"]].concat())) { (st.council_points_before) }
                                        " → "
                                        span data-n=(ptr(&[&base[..], &["council_points_after"]].concat())) { (st.council_points_after) }
                                    }
                                } }
                            }
                        }
                    } }
                    @if a.near_count > a.near.len() as u64 {
                        p class="muted" { "… " (a.near_count - a.near.len() as u64) }
                    }
                }
            }
            h3 { (w.held_list) }
            @if held.is_empty() { p { (w.none) } } @else {
                div class="wrap" { table class="list" {
                    tr { th { (w.product) } th { (w.producer) } th { (w.band) } th { (w.now) } th { (w.failed) } }
                    @for (open, _, c) in held {
                        @if let Some(line) = open { (place_row(&line, 5)) }
                        tr {
                            (product(&c.named))
                            td { (c.band) "★" }
                            td { (star(c.stars, c.status, w)) }
                            td { @for f in &c.failed {
                                div { (f.stars) "★ · " strong { (f.criterion) } " " (f.title) ": " (w.option) " " (f.required_option) " · " (f.council_points) }
                            } }
                        }
                    }
                } }
                @if a.held_count > a.held.len() as u64 {
                    p class="muted" { "… " (a.held_count - a.held.len() as u64) }
                }
            }
        }
    }
}

pub(super) fn renewals(s: &Summary, w: &Words) -> Markup {
    let Some(r) = &s.renewals else { return html! {} };
    let g = s.places.grouping();
    let table = |list: &[crate::report::CertificateCase]| {
        html! {
            div class="wrap" { table class="list" {
                tr {
                    th { (w.product) } th { (w.producer) } th { (w.place) } th { (w.recorded) }
                    th { (w.recognised) } th { (w.ends) } th { (w.window) } th { (w.state) } th { (w.recomputed) }
                }
                @for c in list {
                    tr class=(due_class(c.due)) {
                        (product(&c.named))
                        td { (s.places.line(&g, &c.named.place, w.not_given)) }
                        td { @if let Some(n) = c.recorded { (n) "★" } }
                        td class="date" { (c.recognised) }
                        td class="date" { strong { (c.ends) } }
                        td class="date" { (c.file_from) " –" br; (c.file_by) }
                        td { (crate::report::due_label(c.due, w.vi)) }
                        td { (c.rescored(w.vi)) @if let Some(ed) = &c.edition { br; span class="muted" { (ed) } } }
                    }
                }
            } }
        }
    };
    html! {
        section id="renewals" {
            h2 { (w.renewals) }
            p class="muted" { (w.renewals_note()) }
            p { (w.as_of) " " strong { (r.as_of) } "; " (w.due_within) " " strong { (r.until) } }
            h3 { (w.due_list()) " (" span data-n="/renewals/due_count" { (r.due_count) } ")" }
            @if r.due.is_empty() { p { (w.none) } } @else { (table(&r.due)) }
            h3 { (w.ended) " (" span data-n="/renewals/ended_count" { (r.ended_count) } ")" }
            @if r.ended.is_empty() { p { (w.none) } } @else { (table(&r.ended)) }
            p class="muted" {
                span data-n="/renewals/later" { (r.later) } " " (w.later)
                @if r.unreadable > 0 { "; " span data-n="/renewals/unreadable" { (r.unreadable) } " " (w.unreadable) }
            }
        }
    }
}

/// The row's class: filing now and a closed window stand out.
fn due_class(d: crate::certificate::Due) -> &'static str {
    use crate::certificate::Due;
    match d {
        Due::Before => "due-before",
        Due::Filing => "due-filing",
        Due::Closed => "due-closed",
        Due::Ended => "due-ended",
    }
}
