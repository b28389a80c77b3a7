//! A report people can look at: one self-contained HTML page (feature
//! `report`).
//!
//! Provincial and district offices act on a rescoring; they read pages,
//! not JSON Lines. [`page`] draws the panels of a [`Summary`], each a chart
//! with the table of its numbers beside it (the table is also the
//! accessible form): outcomes, stars by place, where mean totals fall and
//! how many sit just below a band edge, the minimums that held products
//! back, part means per set, councils that disagreed, recorded stars the
//! rescoring does not confirm, and how far products are from their next
//! star.
//!
//! The page needs nothing outside itself: CSS and SVG are inline, there
//! is no script, and no `src`, `href` or `url()` leaves the file, so it
//! reads offline, travels by e-mail, and prints on A4.
//!
//! Markup is written with maud, whose templates escape every value unless
//! told otherwise: a product named `<b>` shows as text. The charts are
//! SVG drawn by small functions in the same templates; they have tests of
//! their own.
//!
//! Its rooms: this file holds the page and its language; `words` the
//! words of each language; `style.css` the style, read in at compile
//! time; `svg` the chart primitives; `panels` the panels. Their pixel geometry is `f64`; no point,
//! total or mean goes through it. Every number in the tables is the
//! [`Summary`]'s own, written as it is, and carries a `data-n` JSON pointer
//! to it in the summary's JSON; chart labels (shares in per cent, sums of
//! a row) are derived from those numbers.

mod lists;
mod panels;
mod svg;
mod words;

use maud::{DOCTYPE, PreEscaped, html};

use crate::report::Summary;

pub use crate::report::Lang;

/// The report page of a summary, in `lang`.
///
/// # Example
///
/// ```
/// use ocop::{BatchScorer, Catalog, report::Summary};
///
/// let mut summary = Summary::new(&["district", "commune"]);
/// let input = ocop::samples::EVALUATION_2026.trim_end();
/// BatchScorer::new(Catalog::official())
///     .for_each(input.as_bytes(), |line, r| summary.add(line, &r))?;
/// let page = ocop::html::page(&summary, ocop::html::Lang::En);
/// assert!(page.starts_with("<!DOCTYPE html>"));
/// assert!(page.contains("OCOP scoring report"));
/// assert!(!page.contains("<script"));
/// # Ok::<(), ocop::Error>(())
/// ```
pub fn page(s: &Summary, lang: Lang) -> String {
    let w = match lang {
        Lang::Vi => &words::VI,
        Lang::En => &words::EN,
    };
    // Fields with one value name the page: "— tỉnh Đồng Tháp".
    let mut title = w.title.to_owned();
    for (i, (f, v)) in s.places.grouping().fixed.iter().enumerate() {
        let sep = if i == 0 { " — " } else { ", " };
        title = format!("{title}{sep}{} {v}", w.field(f));
    }
    let markup = html! {
        (DOCTYPE)
        html lang=(w.code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(include_str!("style.css"))) }
            }
            body {
                h1 { (title) }
                p {
                    (s.lines) " " (w.lines) ": " (s.scored) " " (w.scored) ", " (s.rejected) " " (w.rejected)
                }
                @if s.scored == 0 {
                    p { strong { (w.nothing) } }
                }
                nav {
                    a href="#overview" { (w.overview) }
                    a href="#places" { (w.places) }
                    a href="#totals" { (w.totals) }
                    a href="#held" { (w.held) }
                    a href="#parts" { (w.parts) }
                    a href="#spread" { (w.spread) }
                    a href="#audit" { (w.audit) }
                    @if s.plans.is_some() { a href="#plans" { (w.plans) } }
                    a href="#act" { (w.act) }
                    @if s.renewals.is_some() { a href="#renewals" { (w.renewals) } }
                }
                (panels::overview(s, w))
                (panels::places(s, w))
                (panels::totals(s, w))
                (panels::held(s, w))
                (panels::parts(s, w))
                (panels::spread(s, w))
                (panels::audit(s, w))
                @if s.plans.is_some() { (panels::plans(s, w)) }
                (lists::act(s, w))
                (lists::renewals(s, w))
                p class="muted" { (w.made_by) " " (env!("CARGO_PKG_VERSION")) ", criteria data " (crate::DATA_VERSION) }
            }
        }
    };
    markup.into_string()
}
