//! The batch fast path: a line of JSON to a scorecard line without
//! building an [`Evaluation`](crate::Evaluation) or a
//! [`Scorecard`](crate::Scorecard).
//!
//! Whole-province rescoring is dominated by reading JSON. The general path
//! parses with serde, which calls a visitor for every code and every
//! answer; that alone costs more than serde_json's bare syntax check of
//! the line. So this path reads a line with a small strict scanner that
//! knows the shape of an evaluation: it resolves each member's answers
//! straight into the compiled set's slot array as it meets them (packing
//! each code into an integer on the way), borrows every string from the
//! line, reuses its buffers from line to line, and writes the scorecard by
//! hand.
//!
//! It only takes the common road. Whenever anything is unusual (a string
//! with escapes, the set named after the
//! members, an unknown criterion, an answer out of range, a member sheet
//! naming its own set, a float or a nested value in a carried field, text
//! that is not JSON, any error at all) it gives up and the line is scored
//! again by the general path ([`Catalog::score_with`]), which produces the
//! same scorecard or the error that names the problem. So every rule and
//! every error message lives in one place, the scanner never has to accept
//! all of JSON, and tests hold its output byte for byte to the general
//! path's (tests/fastpath.rs), malformed lines included.
//!
//! Its rooms: `scan` is the strict reader, which turns a line into the
//! fields it keeps and each member's chosen options, or gives up; this
//! file is the glue that scores what it read (the shared tally and council
//! of [`crate::council`]) and writes the scorecard line or builds the
//! [`Scorecard`] value.

mod scan;

use crate::catalog::Catalog;
use crate::compiled::Codes;
use crate::council::{Decision, Tally, check_members, knockout_hits};
use crate::options::ScoreOptions;
use crate::place::Placement;
use crate::score::scorecard;
use crate::scorecard::{MemberResult, Scorecard};
use crate::sheet::First;
use crate::write::{self, Card, Member, Meta};
use scan::{Line, parse};

/// Scratch kept from line to line.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Chosen option per member and leaf, member after member.
    choice: Vec<u8>,
    tally: Tally,
}

/// How the batch writes a line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Write points per criterion and section.
    pub points: bool,
    /// Whether `serde_json::Map` keeps keys sorted (it does unless some
    /// crate in the build turns on serde_json's `preserve_order`).
    pub sorted_meta: bool,
}

impl Style {
    pub fn new(points: bool) -> Style {
        let probe: serde_json::Map<String, serde_json::Value> =
            [("b".to_owned(), 0.into()), ("a".to_owned(), 0.into())]
                .into_iter()
                .collect();
        let sorted_meta = probe.keys().next().is_some_and(|k| k == "a");
        Style { points, sorted_meta }
    }
}

/// A line scored by the fast path, ready to be written or built into a
/// [`Scorecard`]; the per-member results are in the [`Scratch`].
struct Scored<'a, 'c> {
    line: Line<'a, 'c>,
    placement: Placement<'c>,
    decision: Decision,
}

/// Scores one line into `buf`. `None` when the line needs the general
/// path.
fn score<'a, 'c>(
    catalog: &'c Catalog,
    opts: &ScoreOptions,
    style: Style,
    buf: &mut Scratch,
    text: &'a str,
) -> Option<Scored<'a, 'c>> {
    let mut parsed = parse(catalog, opts, &mut buf.choice, text)?;
    // The members were read under the edition and set known when they
    // came; fields after them must not change that choice.
    let placement = parsed.placement?;
    if parsed.placing_after_members
        && catalog.place(&parsed.placing()?, opts).ok()? != placement
    {
        return None;
    }
    let Placement { edition, set, .. } = placement;
    let c = set.compiled(opts.inferred);
    // Any problem is left to the general path, which reports it.
    let mut problem = First::default();
    if !check_members(
        parsed.names.iter().copied(),
        opts.max_members,
        &mut problem,
    ) {
        return None;
    }
    let knockouts =
        knockout_hits(set, c, parsed.knockouts.iter().copied(), &mut problem)?;
    // A carried field written twice is an error, which the general path
    // reports.
    let repeated = if style.sorted_meta {
        parsed.meta.sort_unstable_by_key(|(k, _)| *k);
        parsed.meta.windows(2).any(|w| w[0].0 == w[1].0)
    } else {
        let mut seen = std::collections::HashSet::new();
        !parsed.meta.iter().all(|(k, _)| seen.insert(*k))
    };
    if repeated {
        return None;
    }

    let n_leaves = c.leaves.len();
    if n_leaves == 0 {
        return None; // no sheet to read; the loader does not allow it
    }
    buf.tally.start(c, style.points);
    for (choice, name) in buf.choice.chunks_exact(n_leaves).zip(&parsed.names)
    {
        buf.tally.member(set, c, name, choice, &mut problem);
        if problem.0.is_some() {
            return None;
        }
    }
    let decision = buf.tally.decide(&edition.head().rules, c, knockouts);
    Some(Scored { line: parsed, placement, decision })
}

/// Scores one line and appends its scorecard to `out`. Returns `None`,
/// with `out` untouched, when the line needs the general path.
pub(crate) fn score_line(
    catalog: &Catalog,
    opts: &ScoreOptions,
    style: Style,
    buf: &mut Scratch,
    text: &str,
    out: &mut Vec<u8>,
) -> Option<()> {
    let s = score(catalog, opts, style, buf, text)?;
    let c = s.placement.set.compiled(opts.inferred);
    let meta = Meta::Raw(&s.line.meta);
    let card = Card::placed(&s.placement, c, s.line.id, &s.decision, meta);
    let t = &buf.tally;
    let members = s.line.names.iter().enumerate().map(|(i, name)| {
        let (points, sections) = t.member_points(c, i);
        Member { name, parts: t.parts[i], points, sections, codes: &c.codes }
    });
    write::card_json(out, &card, members, style.points);
    Some(())
}

/// Scores one line into a [`Scorecard`], the value `score_line` writes
/// (without per-criterion points unless the style asks for them).
/// `None` when the line needs the general path.
pub(crate) fn score_card(
    catalog: &Catalog,
    opts: &ScoreOptions,
    style: Style,
    buf: &mut Scratch,
    text: &str,
) -> Option<Scorecard> {
    let s = score(catalog, opts, style, buf, text)?;
    let c = s.placement.set.compiled(opts.inferred);
    let t = &buf.tally;
    let members = s
        .line
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (points, sections) = t.member_points(c, i);
            let codes =
                if style.points { c.codes.clone() } else { Codes::none() };
            MemberResult::new(
                (*name).to_owned(),
                t.parts[i],
                points.to_vec(),
                sections.to_vec(),
                codes,
            )
        })
        .collect();
    let mut meta = serde_json::Map::new();
    for (k, raw) in &s.line.meta {
        // Plain values the scanner checked (see `Scan::plain_value`).
        meta.insert((*k).to_owned(), serde_json::from_str(raw).ok()?);
    }
    let id = s.line.id.map(str::to_owned);
    Some(scorecard(&s.placement, c, id, members, s.decision, meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::Generator;

    /// Whether the fast path takes `line` (the output itself is compared
    /// with the general path's in tests/fastpath.rs).
    fn takes(line: &str) -> bool {
        let catalog = Catalog::official();
        let mut out = Vec::new();
        let taken = score_line(
            catalog,
            &ScoreOptions::default(),
            Style::new(true),
            &mut Scratch::default(),
            line,
            &mut out,
        )
        .is_some();
        assert_eq!(taken, !out.is_empty(), "output only when taken");
        taken
    }

    #[test]
    fn ordinary_lines_take_the_fast_path() {
        let ed = Catalog::official().edition("qd26-2026").unwrap();
        let mut g = Generator::new(ed, 3).unwrap();
        for _ in 0..50 {
            assert!(takes(&g.next_line()));
        }
        assert!(takes(crate::samples::EVALUATION_2026.trim_end()));
    }

    #[test]
    fn unusual_lines_go_to_the_general_path() {
        let ed = Catalog::official().edition("qd26-2026").unwrap();
        let line = Generator::new(ed, 3).unwrap().next_line();
        for (from, to) in [
            ("{\"id\":\"", "{\"id\":\"\\u0041"),
            (
                "\"members\":[",
                "\"members\":[{\"member\":\"m0\",\"answers\":{}},",
            ),
            ("\"1.1\":", "\"1.1\":1,\"1.1\":"),
            ("\"set\":\"", "\"set\":\"x-"),
            ("{\"id\":", "{\"score\":1.5,\"id\":"),
            ("]}", "]}x"),
        ] {
            let odd = line.replacen(from, to, 1);
            assert_ne!(odd, line, "{from}");
            assert!(!takes(&odd), "{odd}");
        }
        // The edition named after the members, which were read under the
        // edition of the date.
        let late = line
            .replacen(
                "\"edition\":\"qd26-2026\"",
                "\"date\":\"2026-09-01\"",
                1,
            )
            .replacen("]}", "],\"edition\":\"qd1048-781\"}", 1);
        assert!(!takes(&late), "{late}");
        // Fields after the members that do not change the placement.
        let same = line.replacen("]}", "],\"date\":\"2026-09-01\"}", 1);
        assert!(takes(&same), "{same}");
        // A key written twice is an error, which the general path reports.
        let twice = line.replacen("]}", "],\"edition\":\"qd26-2026\"}", 1);
        assert!(!takes(&twice), "{twice}");
        // The set named after the members: parsed before the set is known.
        let moved = line.replacen("\"set\":", "\"s\":", 1).replacen(
            "]}",
            "],\"set\":\"hoa\"}",
            1,
        );
        assert!(!takes(&moved));
    }
}
