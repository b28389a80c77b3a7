//! The strict reader of a batch line: a lexer that knows the shapes an
//! evaluation takes, borrows every string from the line, and resolves each
//! member's answers straight into the compiled set's slots. On anything it
//! does not expect, valid JSON or not, it gives up (`None`) and the line
//! goes to the general path.

use crate::catalog::Catalog;
use crate::compiled::Compiled;
use crate::options::ScoreOptions;
use crate::place::{Placement, Placing};
use crate::sheet::NONE;

/// What the fast path keeps of a line.
#[derive(Default)]
pub(super) struct Line<'a, 'c> {
    pub id: Option<&'a str>,
    edition: Option<&'a str>,
    set: Option<&'a str>,
    date: Option<&'a str>,
    submitted: Option<&'a str>,
    reevaluation: bool,
    pub knockouts: Vec<&'a str>,
    /// Carried-through fields: key and raw JSON text.
    pub meta: Vec<(&'a str, &'a str)>,
    /// Member names, in the order of their sheets in `Scratch::choice`.
    pub names: Vec<&'a str>,
    /// The edition and set the members were read under.
    pub placement: Option<Placement<'c>>,
    /// Whether a field that places the evaluation came after the members.
    pub placing_after_members: bool,
}

impl<'a> Line<'a, '_> {
    pub fn placing(&self) -> Option<Placing<'a>> {
        Some(Placing {
            edition: self.edition,
            set: self.set?,
            date: self.date,
            submitted: self.submitted,
            reevaluation: self.reevaluation,
        })
    }
}

/// A strict reader of one line of JSON, for the shapes an evaluation
/// takes. Every method returns `None` on text it does not expect, valid
/// JSON or not, and the line goes to the general path; so it never
/// accepts what serde_json would reject.
struct Scan<'a> {
    text: &'a str,
    i: usize,
}

impl<'a> Scan<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline]
    fn ws(&mut self) {
        self.i = skip_ws(self.bytes(), self.i);
    }

    /// The next byte after whitespace, not consumed.
    #[inline]
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.bytes().get(self.i).copied()
    }

    #[inline]
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// A string without escapes or control characters, borrowed.
    #[inline]
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.i;
        let rest = self.bytes().get(start..)?;
        let len =
            rest.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
        if rest[len] != b'"' {
            return None;
        }
        self.i = start + len + 1;
        // Quotes are ASCII, so the slice falls on character boundaries.
        self.text.get(start..start + len)
    }

    fn literal(&mut self, word: &str) -> Option<()> {
        self.ws();
        let end = self.i + word.len();
        (self.bytes().get(self.i..end)? == word.as_bytes())
            .then(|| self.i = end)
    }

    fn null_or_string(&mut self) -> Option<Option<&'a str>> {
        if self.peek()? == b'n' {
            self.literal("null").map(|()| None)
        } else {
            self.string().map(Some)
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.peek()? {
            b't' => self.literal("true").map(|()| true),
            b'f' => self.literal("false").map(|()| false),
            _ => None,
        }
    }

    /// A value that serde_json writes back as the same text (a string
    /// without escapes, an integer in plain form, a literal), as raw text.
    fn plain_value(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b't' => self.literal("true")?,
            b'f' => self.literal("false")?,
            b'n' => self.literal("null")?,
            _ => {
                let minus = self.bytes()[self.i] == b'-';
                self.i += usize::from(minus);
                let first = *self.bytes().get(self.i)?;
                let start = self.i;
                let (n, end) = digits(self.bytes(), start);
                self.i = end;
                let len = end - start;
                // serde_json reads integers beyond i64 or u64 as floats.
                let fits = n.is_some_and(|n| !minus || n <= 1 << 63);
                if len == 0 || (first == b'0' && (len > 1 || minus)) || !fits {
                    return None;
                }
            }
        }
        self.text.get(start..self.i)
    }

    /// Reads `{ "key": value, ... }`, calling `f` for each key with the
    /// reader before the value.
    #[inline]
    fn object(
        &mut self,
        mut f: impl FnMut(&mut Self, &'a str) -> Option<()>,
    ) -> Option<()> {
        self.list(b'{', b'}', |s| {
            let key = s.string()?;
            s.eat(b':')?;
            f(s, key)
        })
    }

    /// Reads `[ value, ... ]`, calling `f` for each element.
    fn array(&mut self, f: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.list(b'[', b']', f)
    }

    /// Reads `open item, ... close` (or `open close`), calling `f` for each
    /// item.
    #[inline]
    fn list(
        &mut self,
        open: u8,
        close: u8,
        mut f: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<()> {
        self.eat(open)?;
        if self.peek()? == close {
            self.i += 1;
            return Some(());
        }
        loop {
            f(self)?;
            match self.peek()? {
                b',' => self.i += 1,
                b if b == close => {
                    self.i += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

/// Reads a line into `Line`, resolving answers into `buf.choice` under
/// the set known when `members` comes.
pub(super) fn parse<'a, 'c>(
    catalog: &'c Catalog,
    opts: &ScoreOptions,
    choice: &mut Vec<u8>,
    text: &'a str,
) -> Option<Line<'a, 'c>> {
    let mut s = Scan { text, i: 0 };
    let mut line = Line::default();
    // The known fields seen, one bit each: a repeated key is an error,
    // which the general path reports.
    let mut seen = 0u8;
    s.object(|s, key| {
        if line.placement.is_some()
            && matches!(
                key,
                "edition" | "set" | "date" | "submitted" | "reevaluation"
            )
        {
            line.placing_after_members = true;
        }
        let bit = match key {
            "id" => 1,
            "edition" => 2,
            "set" => 4,
            "date" => 8,
            "submitted" => 16,
            "reevaluation" => 32,
            "knockouts" => 64,
            "members" => 128,
            _ => 0,
        };
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        match key {
            "id" => line.id = s.null_or_string()?,
            "edition" => line.edition = s.null_or_string()?,
            "set" => line.set = Some(s.string()?),
            "date" => line.date = s.null_or_string()?,
            "submitted" => line.submitted = s.null_or_string()?,
            "reevaluation" => line.reevaluation = s.boolean()?,
            "knockouts" => {
                line.knockouts.clear();
                s.array(|s| {
                    line.knockouts.push(s.string()?);
                    Some(())
                })?;
            }
            "members" => {
                let p = catalog.place(&line.placing()?, opts).ok()?;
                line.placement = Some(p);
                let c = p.set.compiled(opts.inferred);
                choice.clear();
                s.array(|s| {
                    let start = choice.len();
                    choice.resize(start + c.leaves.len(), NONE);
                    let name =
                        sheet(s, c, &mut choice[start..], opts.max_answers)?;
                    line.names.push(name);
                    Some(())
                })?;
            }
            _ => line.meta.push((key, s.plain_value()?)),
        }
        Some(())
    })?;
    s.ws();
    (s.i == text.len()).then_some(line)
}

/// Reads the digits from `i`: their value (`None` past `u64`) and the
/// index after them.
#[inline(always)]
fn digits(t: &[u8], mut i: usize) -> (Option<u64>, usize) {
    let start = i;
    let mut n = 0u64;
    while i < t.len() && t[i].is_ascii_digit() {
        n = n.wrapping_mul(10).wrapping_add(u64::from(t[i] - b'0'));
        i += 1;
    }
    // 19 digits always fit; only longer runs need a checked reading.
    let n =
        if i - start <= 19 { Some(n) } else { digits_checked(&t[start..i]) };
    (n, i)
}

/// The checked reading of a run of digits too long to be sure to fit
/// (20 or more): its value, or `None` past `u64`. Only a carried number
/// that long comes here, so it is kept out of the way of the hot loop.
#[cold]
fn digits_checked(d: &[u8]) -> Option<u64> {
    std::str::from_utf8(d).ok().and_then(|d| d.parse().ok())
}

/// Skips JSON whitespace from `i`.
#[inline(always)]
fn skip_ws(t: &[u8], mut i: usize) -> usize {
    while i < t.len() && matches!(t[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Reads an answers object, `{"1.1": 2, "2.4": true, ...}`, starting at
/// `i`, into `choice`; returns the index after it. This is the hot loop of
/// a batch, so it packs each code while finding its end and reads each
/// answer in place. `None` for anything unusual: an escaped code, an
/// unknown or repeated criterion, an answer that is not an option in
/// range, or not a boolean where the criterion wants one.
fn answers(
    t: &[u8],
    i: usize,
    c: &Compiled,
    choice: &mut [u8],
) -> Option<usize> {
    if t.get(i) != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(t, i + 1);
    if t.get(i) == Some(&b'}') {
        return Some(i + 1);
    }
    let mut hint = 0;
    loop {
        if t.get(i) != Some(&b'"') {
            return None;
        }
        i += 1;
        let (leaf, end) = code(t, i, c, hint)?;
        i = end;
        hint = leaf + 1;
        i = skip_ws(t, i + 1);
        if t.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(t, i + 1);
        let l = &c.leaves[leaf];
        let ch = match *t.get(i)? {
            b't' if t.get(i..i + 4)? == b"true" => {
                i += 4;
                l.met(true)?
            }
            b'f' if t.get(i..i + 5)? == b"false" => {
                i += 5;
                l.met(false)?
            }
            b'1'..=b'9' => {
                // Options number at most 64: stop reading past three digits.
                let mut n = 0u64;
                while i < t.len() && t[i].is_ascii_digit() && n < 1000 {
                    n = n * 10 + u64::from(t[i] - b'0');
                    i += 1;
                }
                l.option(n)?
            }
            _ => return None,
        };
        let slot = &mut choice[leaf];
        if *slot != NONE {
            return None;
        }
        *slot = ch;
        // A number's fraction or exponent, or a word running on, fails here.
        i = skip_ws(t, i);
        match t.get(i)? {
            b',' => i = skip_ws(t, i + 1),
            b'}' => return Some(i + 1),
            _ => return None,
        }
    }
}

/// Finds the leaf of the code that starts at `i` (just past its opening
/// quote), and the index of its closing quote. A code of up to 7 bytes is
/// read and packed eight bytes at a time, its end found by looking for the
/// quote in all eight at once. An escape or a control character cannot be
/// part of a criterion code, so a code holding one simply matches none.
///
/// Looking for the quote in eight bytes at once is the old "does this word
/// hold a zero byte" test (Alan Mycroft, comp.lang.c, 1987; H. S. Warren,
/// *Hacker's Delight*, §6-1 "Find First 0-Byte"; serde_json's string
/// reader uses it too), applied to the word XOR-ed with eight quotes, so
/// that each quote becomes a zero byte. Taking one from every byte sets a
/// byte's top bit if the byte was zero or above 0x80; `!q` keeps the top
/// bits of the bytes below 0x80; only a zero byte passes both. A borrow
/// out of a zero byte can wrongly flag bytes above it, never one below, so
/// the lowest flag, the only one read, always marks the first quote (the
/// word is read little-endian: its lowest byte comes first in the line).
/// Fewer than eight bytes left, or no quote among them (a code of 8 bytes
/// or more), fall back to a search byte by byte.
#[inline]
fn code(
    t: &[u8],
    i: usize,
    c: &Compiled,
    hint: usize,
) -> Option<(usize, usize)> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if let Some(w) = t.get(i..i + 8) {
        let w = u64::from_le_bytes(w.try_into().ok()?);
        let q = w ^ (ONES * u64::from(b'"'));
        // The lowest byte of `q` that is zero marks the first quote.
        let z = q.wrapping_sub(ONES) & !q & HIGH;
        if z != 0 {
            let len = (z.trailing_zeros() / 8) as usize;
            let bytes = w & ((1u64 << (8 * len)) - 1);
            let leaf = c.find_packed(bytes | (len as u64) << 56, hint)?;
            return Some((leaf, i + len));
        }
    }
    let len = t.get(i..)?.iter().position(|&b| b == b'"')?;
    Some((c.find(&t[i..i + len], hint)?, i + len))
}

/// One member's sheet; returns the member's name.
fn sheet<'a>(
    s: &mut Scan<'a>,
    c: &Compiled,
    choice: &mut [u8],
    max_answers: usize,
) -> Option<&'a str> {
    let mut name = None;
    let mut answered = false;
    let mut others: Vec<&str> = Vec::new();
    s.object(|s, key| {
        match key {
            "member" if name.is_none() => name = Some(s.string()?),
            "answers" if !answered => {
                answered = true;
                s.ws();
                s.i = answers(s.bytes(), s.i, c, &mut *choice)?;
                // A sheet holds at most one answer a criterion, so only a
                // limit below the sheet's size can be passed.
                if max_answers < choice.len()
                    && choice.iter().filter(|&&x| x != NONE).count()
                        > max_answers
                {
                    return None;
                }
            }
            // A sheet naming its set, or with a repeated key, is checked
            // by the general path.
            "set" | "answers" | "member" => return None,
            _ if others.contains(&key) => return None,
            _ => {
                others.push(key);
                s.plain_value()?;
            }
        }
        Some(())
    })?;
    name.filter(|_| answered)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(Scan { text: raw, i: 0 }.plain_value(), Some(raw));
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
            let mut s = Scan { text: raw, i: 0 };
            assert!(s.plain_value().is_none_or(|_| s.i < raw.len()), "{raw}");
        }
    }
}
