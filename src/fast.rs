//! The batch fast path: a line of JSON to a scorecard line without
//! building an [`Evaluation`](crate::Evaluation) or a
//! [`Scorecard`](crate::Scorecard).
//!
//! Whole-province rescoring is dominated by parsing, so this path parses
//! each member's answers straight into the compiled set's slot array (a
//! `DeserializeSeed` that knows the set), borrows every string from the
//! line, reuses its buffers from line to line, and writes the scorecard by
//! hand.
//!
//! It only takes the common road. Whenever anything is unusual (a string
//! with escapes, the set named after the members, an unknown criterion, an
//! answer out of range, a member sheet naming its own set, a float in a
//! carried field, any error at all) it gives up and the line is scored
//! again by the general path ([`Catalog::score_with`]), which produces the
//! same scorecard or the error that names the problem. So every rule and
//! every error message lives in one place, and the fast path is a shortcut
//! whose output tests hold byte for byte to the general path's.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::value::RawValue;

use crate::catalog::Catalog;
use crate::compiled::Compiled;
use crate::criteria::PartPoints;
use crate::score::{
    self, NONE, Placement, Placing, ScoreOptions, check_members, knockout_hits,
};
use crate::write::{self, Card, Member, Meta};

/// Buffers kept from line to line.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// Chosen option per member and leaf, member after member.
    choice: Vec<u8>,
    /// Points per member and leaf, when written.
    points: Vec<Option<u8>>,
    /// Points per member and section, when written.
    sections: Vec<u32>,
    parts: Vec<PartPoints>,
    /// Council sum per leaf.
    sums: Vec<u32>,
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

/// Scores one line and appends its scorecard to `out`. Returns `None`,
/// with `out` untouched, when the line needs the general path.
pub(crate) fn score_line(
    catalog: &Catalog,
    opts: &ScoreOptions,
    style: Style,
    buf: &mut Buffers,
    line: &str,
    out: &mut Vec<u8>,
) -> Option<()> {
    let mut de = serde_json::Deserializer::from_str(line);
    let mut parsed = LineSeed { catalog, opts, buf: &mut *buf }
        .deserialize(&mut de)
        .ok()?;
    de.end().ok()?;
    let placing = Placing {
        edition: parsed.edition,
        set: parsed.set?,
        date: parsed.date,
        submitted: parsed.submitted,
        reevaluation: parsed.reevaluation,
    };
    // The members were read under the edition and set known when they
    // came; fields after them must not change that choice.
    let placement = parsed.placement?;
    if catalog.place(&placing, opts).ok()? != placement {
        return None;
    }
    let Placement { edition, basis, set } = placement;
    let c = set.compiled(opts.inferred);
    check_members(parsed.names.iter().copied()).ok()?;
    let knockouts =
        knockout_hits(set, c, parsed.knockouts.iter().copied()).ok()?;
    if style.sorted_meta {
        parsed.meta.sort_unstable_by_key(|(k, _)| *k);
    }
    if parsed
        .meta
        .iter()
        .enumerate()
        .any(|(i, (k, _))| parsed.meta[..i].iter().any(|(o, _)| o == k))
    {
        return None;
    }

    let n_leaves = c.leaves.len();
    let n_sections = c.section_part.len();
    buf.sums.clear();
    buf.sums.resize(n_leaves, 0);
    buf.parts.clear();
    buf.points.clear();
    buf.sections.clear();
    for (choice, name) in buf.choice.chunks_exact(n_leaves).zip(&parsed.names)
    {
        let base = buf.sections.len();
        if style.points {
            buf.sections.resize(base + n_sections, 0);
        }
        let parts = score::tally(set, c, name, choice, |leaf, p| {
            if let Some(p) = p {
                buf.sums[leaf] += u32::from(p);
                if style.points {
                    let s = c.leaves[leaf].section as usize;
                    buf.sections[base + s] += u32::from(p);
                }
            }
            if style.points {
                buf.points.push(p);
            }
        })
        .ok()?;
        buf.parts.push(parts);
    }
    let (mean, spread, rating) =
        score::council(edition.info(), c, &buf.parts, &buf.sums, knockouts);

    let card = Card {
        id: parsed.id,
        edition: &edition.info().id,
        basis,
        set: set.id(),
        fingerprint: &c.fingerprint,
        inferred: c.inferred,
        mean: &mean,
        spread: &spread,
        rating: &rating,
        warnings: &c.warnings,
        meta: Meta::Raw(&parsed.meta),
    };
    let members = parsed.names.iter().enumerate().map(|(i, name)| Member {
        name,
        parts: buf.parts[i],
        points: buf
            .points
            .get(i * n_leaves..(i + 1) * n_leaves)
            .unwrap_or(&[]),
        sections: buf
            .sections
            .get(i * n_sections..(i + 1) * n_sections)
            .unwrap_or(&[]),
        codes: &c.codes,
    });
    write::card_json(out, &card, members, style.points);
    Some(())
}

/// The error that sends a line to the general path. Its text is never
/// shown: the general path reports the real problem.
fn give_up<E: de::Error>() -> E {
    E::custom("")
}

/// What the fast path keeps of a line.
#[derive(Default)]
struct Line<'de, 'c> {
    id: Option<&'de str>,
    edition: Option<&'de str>,
    set: Option<&'de str>,
    date: Option<&'de str>,
    submitted: Option<&'de str>,
    reevaluation: bool,
    knockouts: Vec<&'de str>,
    /// Carried-through fields: key and raw JSON text.
    meta: Vec<(&'de str, &'de str)>,
    /// Member names, in the order of their sheets in `Buffers::choice`.
    names: Vec<&'de str>,
    placement: Option<Placement<'c>>,
}

struct LineSeed<'b, 'c> {
    catalog: &'c Catalog,
    opts: &'b ScoreOptions,
    buf: &'b mut Buffers,
}

impl<'de, 'c> DeserializeSeed<'de> for LineSeed<'_, 'c> {
    type Value = Line<'de, 'c>;

    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, 'c> Visitor<'de> for LineSeed<'_, 'c> {
    type Value = Line<'de, 'c>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an evaluation object")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut m: A,
    ) -> Result<Self::Value, A::Error> {
        let mut line = Line::default();
        while let Some(k) = m.next_key::<&'de str>()? {
            match k {
                "id" => line.id = m.next_value()?,
                "edition" => line.edition = m.next_value()?,
                "set" => line.set = Some(m.next_value()?),
                "date" => line.date = m.next_value()?,
                "submitted" => line.submitted = m.next_value()?,
                "reevaluation" => line.reevaluation = m.next_value()?,
                "knockouts" => line.knockouts = m.next_value()?,
                "members" => {
                    if line.placement.is_some() {
                        return Err(give_up());
                    }
                    let placing = Placing {
                        edition: line.edition,
                        set: line.set.ok_or_else(give_up)?,
                        date: line.date,
                        submitted: line.submitted,
                        reevaluation: line.reevaluation,
                    };
                    let p = self
                        .catalog
                        .place(&placing, self.opts)
                        .map_err(|_| give_up())?;
                    line.placement = Some(p);
                    self.buf.choice.clear();
                    m.next_value_seed(Members {
                        c: p.set.compiled(self.opts.inferred),
                        choice: &mut self.buf.choice,
                        names: &mut line.names,
                    })?;
                }
                _ => {
                    let raw: &'de RawValue = m.next_value()?;
                    if !as_serde_json_writes(raw.get()) {
                        return Err(give_up());
                    }
                    line.meta.push((k, raw.get()));
                }
            }
        }
        Ok(line)
    }
}

/// Whether serde_json would write this JSON value back as the same text:
/// a string without escapes, an integer in plain form, a literal.
fn as_serde_json_writes(raw: &str) -> bool {
    let b = raw.as_bytes();
    match b.first() {
        Some(b'"') => !b.contains(&b'\\'),
        Some(b'-') => {
            raw != "-0" && raw.parse::<i64>().is_ok() && plain(&b[1..])
        }
        Some(b'0'..=b'9') => raw.parse::<u64>().is_ok() && plain(b),
        _ => matches!(raw, "true" | "false" | "null"),
    }
}

/// Digits without a leading zero (or a lone zero).
fn plain(digits: &[u8]) -> bool {
    digits.iter().all(u8::is_ascii_digit)
        && (digits.len() == 1 || digits.first() != Some(&b'0'))
}

struct Members<'b, 'de> {
    c: &'b Compiled,
    choice: &'b mut Vec<u8>,
    names: &'b mut Vec<&'de str>,
}

impl<'de> DeserializeSeed<'de> for Members<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Members<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of member sheets")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<(), A::Error> {
        let n = self.c.leaves.len();
        loop {
            let start = self.choice.len();
            self.choice.resize(start + n, NONE);
            let seed = Sheet { c: self.c, choice: &mut self.choice[start..] };
            match s.next_element_seed(seed)? {
                Some(name) => self.names.push(name),
                None => {
                    self.choice.truncate(start);
                    return Ok(());
                }
            }
        }
    }
}

/// One member's sheet; yields the member's name.
struct Sheet<'b> {
    c: &'b Compiled,
    choice: &'b mut [u8],
}

impl<'de> DeserializeSeed<'de> for Sheet<'_> {
    type Value = &'de str;

    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<&'de str, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Sheet<'_> {
    type Value = &'de str;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member sheet")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut m: A,
    ) -> Result<&'de str, A::Error> {
        let mut name = None;
        let mut answered = false;
        while let Some(k) = m.next_key::<&'de str>()? {
            match k {
                "member" => name = Some(m.next_value()?),
                "answers" if !answered => {
                    answered = true;
                    m.next_value_seed(Answers {
                        c: self.c,
                        choice: &mut *self.choice,
                    })?;
                }
                // A sheet naming its set, or answered twice, is checked by
                // the general path.
                "set" | "answers" => return Err(give_up()),
                _ => {
                    m.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (name, answered) {
            (Some(name), true) => Ok(name),
            _ => Err(give_up()),
        }
    }
}

/// A member's answers, resolved into the slot array as they are read.
struct Answers<'b> {
    c: &'b Compiled,
    choice: &'b mut [u8],
}

impl<'de> DeserializeSeed<'de> for Answers<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Answers<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of criterion code → answer")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<(), A::Error> {
        let mut hint = 0;
        while let Some(code) = m.next_key::<&'de str>()? {
            let leaf = self.c.find(code, hint).ok_or_else(give_up)?;
            hint = leaf + 1;
            let l = &self.c.leaves[leaf];
            let ch = match (m.next_value_seed(Tick)?, l.yes_no) {
                (Ticked::Option(n), false)
                    if (1..=u64::from(l.options)).contains(&n) =>
                {
                    (n - 1) as u8
                }
                (Ticked::Met(b), true) => u8::from(b),
                _ => return Err(give_up()),
            };
            let slot = &mut self.choice[leaf];
            if *slot != NONE {
                return Err(give_up());
            }
            *slot = ch;
        }
        Ok(())
    }
}

/// One answer: an option position or a yes/no.
enum Ticked {
    Option(u64),
    Met(bool),
}

struct Tick;

impl<'de> DeserializeSeed<'de> for Tick {
    type Value = Ticked;

    fn deserialize<D: Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<Ticked, D::Error> {
        d.deserialize_any(self)
    }
}

impl Visitor<'_> for Tick {
    type Value = Ticked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an option position or true/false")
    }

    fn visit_u64<E>(self, n: u64) -> Result<Ticked, E> {
        Ok(Ticked::Option(n))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Ticked, E> {
        Ok(Ticked::Met(b))
    }
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
            &mut Buffers::default(),
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
        let mut g = Generator::new(ed, 3);
        for _ in 0..50 {
            assert!(takes(&g.next_line()));
        }
        assert!(takes(crate::samples::EVALUATION_2026.trim_end()));
    }

    #[test]
    fn unusual_lines_go_to_the_general_path() {
        let ed = Catalog::official().edition("qd26-2026").unwrap();
        let line = Generator::new(ed, 3).next_line();
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
        // The set named after the members: parsed before the set is known.
        let moved = line.replacen("\"set\":", "\"s\":", 1).replacen(
            "]}",
            "],\"set\":\"hoa\"}",
            1,
        );
        assert!(!takes(&moved));
    }

    #[test]
    fn raw_values_kept_only_when_serde_json_writes_them_alike() {
        for raw in [
            "\"Sơn La\"",
            "2",
            "0",
            "-3",
            "true",
            "null",
            "18446744073709551615",
        ] {
            let v: serde_json::Value = serde_json::from_str(raw).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), raw);
            assert!(as_serde_json_writes(raw), "{raw}");
        }
        for raw in [
            "\"a\\u00e1\"",
            "1.0",
            "1e2",
            "-0",
            "[1]",
            "{}",
            "18446744073709551616",
        ] {
            assert!(!as_serde_json_writes(raw), "{raw}");
        }
    }
}
