//! Scorecards as JSON, written by hand for the batch path.
//!
//! A scorecard is mostly small integers under fixed keys. Going through
//! serde's serializer costs a dispatch and a key check per entry, which
//! made writing the slowest stage of a batch. This writer emits the same
//! bytes as `serde_json::to_writer(&scorecard)` (a test holds it to that),
//! from a [`Scorecard`] or from the parts the batch fast path keeps, and
//! can leave out the per-criterion and per-section points.
//!
//! The rating and warnings are rare, small and nested, so they still go
//! through serde.

use std::io::Write;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::compiled::{Codes, Compiled};
use crate::council::Decision;
use crate::criteria::{PartPoints, Provenance};
use crate::place::Placement;
use crate::scorecard::{Means, Rating, Scorecard, Spread};
use crate::warning::Warning;

/// A scorecard's fields, borrowed.
pub(crate) struct Card<'a> {
    pub id: Option<&'a str>,
    pub edition: &'a str,
    pub basis: &'a str,
    pub set: &'a str,
    pub set_name: &'a str,
    pub fingerprint: &'a str,
    pub provenance: Provenance,
    pub inferred: bool,
    pub mean: &'a Means,
    pub spread: &'a Spread,
    pub rating: &'a Rating,
    pub warnings: &'a [Warning],
    pub meta: Meta<'a>,
}

impl<'a> Card<'a> {
    /// The card of an evaluation placed at `p`, scored on `c`.
    pub fn placed(
        p: &Placement<'a>,
        c: &'a Compiled,
        id: Option<&'a str>,
        d: &'a Decision,
        meta: Meta<'a>,
    ) -> Card<'a> {
        Card {
            id,
            edition: p.edition.id(),
            basis: p.basis.as_str(),
            set: p.set.id(),
            set_name: p.set.name(),
            fingerprint: &c.fingerprint,
            provenance: c.provenance,
            inferred: c.inferred,
            mean: &d.mean,
            spread: &d.spread,
            rating: &d.rating,
            warnings: &c.warnings,
            meta,
        }
    }
}

/// One member's results, borrowed.
pub(crate) struct Member<'a> {
    pub name: &'a str,
    pub parts: PartPoints,
    pub points: &'a [Option<u8>],
    pub sections: &'a [u32],
    pub codes: &'a Codes,
}

/// Carried-through fields: parsed, or raw JSON text already in the form
/// serde_json writes (sorted keys, minimal text; see `fast`).
pub(crate) enum Meta<'a> {
    Map(&'a Map<String, Value>),
    Raw(&'a [(&'a str, &'a str)]),
}

impl Scorecard {
    /// Writes this scorecard as one line of JSON (without the newline).
    /// With `points`, the same bytes as serde_json; without, each member's
    /// `sections` and `points` are left out.
    pub(crate) fn write_json(&self, out: &mut Vec<u8>, points: bool) {
        let card = Card {
            id: self.id.as_deref(),
            edition: &self.edition,
            basis: self.edition_basis.as_str(),
            set: &self.set,
            set_name: &self.set_name,
            fingerprint: &self.fingerprint,
            provenance: self.provenance,
            inferred: self.inferred,
            mean: &self.mean,
            spread: &self.spread,
            rating: &self.rating,
            warnings: &self.warnings,
            meta: Meta::Map(&self.meta),
        };
        let members = self.members.iter().map(|m| Member {
            name: &m.member,
            parts: m.parts,
            points: &m.points,
            sections: &m.sections,
            codes: m.codes(),
        });
        card_json(out, &card, members, points);
    }
}

/// Writes a scorecard as one line of JSON (without the newline).
pub(crate) fn card_json<'a>(
    out: &mut Vec<u8>,
    c: &Card<'_>,
    members: impl Iterator<Item = Member<'a>>,
    points: bool,
) {
    out.push(b'{');
    if let Some(id) = c.id {
        out.extend_from_slice(b"\"id\":");
        string(out, id);
        out.push(b',');
    }
    out.extend_from_slice(b"\"edition\":");
    string(out, c.edition);
    out.extend_from_slice(b",\"edition_basis\":");
    string(out, c.basis);
    out.extend_from_slice(b",\"set\":");
    string(out, c.set);
    out.extend_from_slice(b",\"set_name\":");
    string(out, c.set_name);
    out.extend_from_slice(b",\"fingerprint\":");
    string(out, c.fingerprint);
    if !c.provenance.is_bundled() {
        out.extend_from_slice(b",\"provenance\":");
        string(out, &c.provenance.to_string());
    }
    out.extend_from_slice(b",\"inferred\":");
    boolean(out, c.inferred);
    out.extend_from_slice(b",\"members\":[");
    for (i, m) in members.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        member(out, &m, points);
    }
    out.extend_from_slice(b"],\"mean\":{\"A\":");
    let m = c.mean;
    decimal(out, &m.a);
    out.extend_from_slice(b",\"B\":");
    decimal(out, &m.b);
    out.extend_from_slice(b",\"C\":");
    decimal(out, &m.c);
    out.extend_from_slice(b",\"total\":");
    decimal(out, &m.total);
    let s = c.spread;
    out.extend_from_slice(b"},\"spread\":{\"highest\":");
    uint(out, s.highest);
    out.extend_from_slice(b",\"lowest\":");
    uint(out, s.lowest);
    out.extend_from_slice(b",\"points\":");
    uint(out, s.points);
    out.extend_from_slice(b",\"limit\":");
    uint(out, s.limit);
    out.extend_from_slice(b",\"exceeded\":");
    boolean(out, s.exceeded);
    out.extend_from_slice(b"},\"rating\":");
    rating(out, c.rating);
    out.extend_from_slice(b",\"warnings\":");
    // Serializing these plain types into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, c.warnings);
    match c.meta {
        Meta::Map(m) if m.is_empty() => {}
        Meta::Map(m) => {
            out.extend_from_slice(b",\"meta\":");
            let _ = serde_json::to_writer(&mut *out, m);
        }
        Meta::Raw([]) => {}
        Meta::Raw(fields) => {
            out.extend_from_slice(b",\"meta\":{");
            for (i, (k, v)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(out, k);
                out.push(b':');
                out.extend_from_slice(v.as_bytes());
            }
            out.push(b'}');
        }
    }
    out.push(b'}');
}

fn rating(out: &mut Vec<u8>, r: &Rating) {
    out.extend_from_slice(b"{\"band\":");
    uint(out, u32::from(r.band));
    out.extend_from_slice(b",\"stars\":");
    match r.stars {
        Some(s) => uint(out, u32::from(s)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"status\":\"");
    out.extend_from_slice(r.status.as_str().as_bytes());
    out.extend_from_slice(b"\",\"failed_gates\":[");
    for (i, g) in r.failed_gates.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"stars\":");
        uint(out, u32::from(g.stars));
        out.extend_from_slice(b",\"criterion\":");
        string(out, &g.criterion);
        out.extend_from_slice(b",\"title\":");
        string(out, &g.title);
        out.extend_from_slice(b",\"required_option\":");
        uint(out, u32::from(g.required_option));
        out.extend_from_slice(b",\"required_text\":");
        string(out, &g.required_text);
        out.extend_from_slice(b",\"required_points\":");
        uint(out, u32::from(g.required_points));
        out.extend_from_slice(b",\"council_points\":");
        decimal(out, &g.council_points);
        out.extend_from_slice(b",\"inferred\":");
        boolean(out, g.inferred);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"knockouts\":");
    let _ = serde_json::to_writer(&mut *out, &r.knockouts);
    out.push(b'}');
}

fn member(out: &mut Vec<u8>, m: &Member<'_>, points: bool) {
    out.extend_from_slice(b"{\"member\":");
    string(out, m.name);
    out.extend_from_slice(b",\"total\":");
    uint(out, m.parts.total());
    out.extend_from_slice(b",\"parts\":{\"A\":");
    uint(out, m.parts.a);
    out.extend_from_slice(b",\"B\":");
    uint(out, m.parts.b);
    out.extend_from_slice(b",\"C\":");
    uint(out, m.parts.c);
    out.push(b'}');
    if points {
        out.extend_from_slice(b",\"sections\":{");
        for (i, (key, p)) in
            m.codes.section_keys.iter().zip(m.sections).enumerate()
        {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key);
            uint(out, *p);
        }
        out.extend_from_slice(b"},\"points\":{");
        for (i, (key, p)) in m.codes.leaf_keys.iter().zip(m.points).enumerate()
        {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key);
            match p {
                Some(p) => uint(out, u32::from(*p)),
                None => out.extend_from_slice(b"null"),
            }
        }
        out.push(b'}');
    }
    out.push(b'}');
}

/// A JSON string. Text needing no escapes (the usual case) is copied;
/// anything else is escaped by serde_json, so the bytes match it.
fn string(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// A decimal as its `Display` text (every digit of its scale), which is
/// what `decimal_json` writes.
fn decimal(out: &mut Vec<u8>, d: &Decimal) {
    let (m, scale) = (d.mantissa(), d.scale());
    let p = 10i128.pow(scale.min(9));
    match u32::try_from(m / p) {
        Ok(whole) if m >= 0 && scale <= 9 => {
            uint(out, whole);
            if scale > 0 {
                out.push(b'.');
                let frac = (m % p) as u32;
                let mut digits = [b'0'; 9];
                let mut f = frac;
                for x in digits[..scale as usize].iter_mut().rev() {
                    *x = b'0' + (f % 10) as u8;
                    f /= 10;
                }
                out.extend_from_slice(&digits[..scale as usize]);
            }
        }
        // Writing to a Vec cannot fail.
        _ => {
            let _ = write!(out, "{d}");
        }
    }
}

fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn uint(out: &mut Vec<u8>, mut n: u32) {
    // Points are mostly one or two digits.
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_match_display() {
        for (m, scale) in [
            (0, 2),
            (7500, 2),
            (7433, 2),
            (5, 2),
            (100, 0),
            (123456, 3),
            (-150, 2),
            (1, 12),
            (i64::MAX, 2),
        ] {
            let d = Decimal::new(m, scale);
            let mut out = Vec::new();
            decimal(&mut out, &d);
            assert_eq!(String::from_utf8(out).unwrap(), d.to_string());
        }
    }

    #[test]
    fn numbers_and_strings_match_serde_json() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295] {
            let mut out = Vec::new();
            uint(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        for s in
            ["", "m1", "Sơn La", "a\"b", "back\\slash", "tab\there", "\u{7f}"]
        {
            let mut out = Vec::new();
            string(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
    }
}
