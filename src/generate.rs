//! Deterministic generation of realistic evaluations, for benchmarks,
//! load tests and examples.
//!
//! Each product gets a latent quality; each member of a council of 5 to 11
//! ticks options near that quality with some disagreement, as real
//! councils do. Criteria that apply only when a product has a story are
//! left out when the member's 5.1 answer says it has none. The same seed
//! always gives the same bytes.
//!
//! # Example
//!
//! ```
//! use ocop::{Catalog, generate::Generator};
//!
//! let catalog = Catalog::official();
//! let ed = catalog.edition("qd26-2026").unwrap();
//! let mut g = Generator::new(ed, 42)?;
//! let line = g.next_line();
//! let ev = ocop::Evaluation::from_json(&line)?;
//! assert!(catalog.score(&ev).is_ok());
//! # Ok::<(), ocop::Error>(())
//! ```
//!
//! For property tests that shrink, see the `proptest` feature's
//! `ocop::strategy`.

use std::fmt::Write as _;

use crate::catalog::{CriteriaSet, Edition};
use crate::compiled::UNREADABLE;
use crate::criteria::SetStatus;
use crate::error::{ErrorKind, Result};
use crate::evaluation::Evaluation;
use crate::sheet::{self, NONE};

/// A small, fast, deterministic PRNG (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
}

const PROVINCES: [&str; 8] = [
    "Đồng Tháp",
    "An Giang",
    "Lâm Đồng",
    "Quảng Ninh",
    "Hà Nội",
    "Nghệ An",
    "Sơn La",
    "Cà Mau",
];

/// Writes evaluations for the sets of one edition, round-robin, or for
/// one set.
#[derive(Debug)]
pub struct Generator<'c> {
    sets: Vec<&'c CriteriaSet>,
    rng: Rng,
    count: u64,
}

impl<'c> Generator<'c> {
    /// A generator over every set of `edition` that scores by default (not
    /// inferred, not from a weak source).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::TablesNotBundled`] when the edition has no sets to
    /// generate for (148/QĐ-TTg unless its tables are supplied).
    pub fn new(edition: &'c Edition, seed: u64) -> Result<Self> {
        let sets: Vec<_> = edition
            .sets()
            .filter(|s| {
                !matches!(
                    s.status(),
                    SetStatus::Inferred | SetStatus::WeakSource
                )
            })
            .collect();
        if sets.is_empty() {
            return Err(ErrorKind::TablesNotBundled {
                edition: edition.id().to_owned(),
            }
            .into());
        }
        Ok(Generator { sets, rng: Rng::new(seed), count: 0 })
    }

    /// A generator over one set, whatever its status (score an inferred
    /// set's evaluations with inferred data, a weak one's with weak
    /// sources).
    ///
    /// ```
    /// use ocop::{Catalog, generate::Generator};
    ///
    /// let catalog = Catalog::official();
    /// let set = catalog.edition("qd26-2026").unwrap().set("hoa").unwrap();
    /// let mut g = Generator::for_set(set, 7);
    /// let ev = g.next_evaluation();
    /// assert_eq!(&*ev.set, "hoa");
    /// assert!(catalog.score(&ev).is_ok());
    /// ```
    pub fn for_set(set: &'c CriteriaSet, seed: u64) -> Self {
        Generator { sets: vec![set], rng: Rng::new(seed), count: 0 }
    }

    /// The next evaluation as one line of JSON (no newline).
    pub fn next_line(&mut self) -> String {
        let mut s = String::with_capacity(4096);
        self.write_next(&mut s);
        s
    }

    /// The next evaluation, owned: the same one [`Generator::next_line`]
    /// would have written.
    pub fn next_evaluation(&mut self) -> Evaluation<'static> {
        let line = self.next_line();
        match Evaluation::from_json(&line) {
            Ok(ev) => ev.into_owned(),
            // The generator writes plain JSON of the evaluation's shape.
            Err(e) => unreachable!("generated line does not parse: {e}"),
        }
    }

    /// Appends the next evaluation to `out` as one line of JSON.
    pub fn write_next(&mut self, out: &mut String) {
        // Both constructors give at least one set.
        let set = self.sets[(self.count % self.sets.len() as u64) as usize];
        self.count += 1;
        let r = &mut self.rng;
        let province = PROVINCES[r.below(PROVINCES.len() as u64) as usize];
        let quality = r.below(1001); // per mille of the way up each ladder
        let members = 5 + r.below(7);
        let recorded = 1 + r.below(5);
        let _ = write!(
            out,
            r#"{{"id":"GEN-{:07}","edition":"{}","set":"{}","province":"{}","recorded_star":{},"members":["#,
            self.count,
            set.edition(),
            set.id(),
            province,
            recorded
        );
        let c = set.compiled(false);
        let mut choice = vec![NONE; c.leaves.len()];
        for m in 0..members {
            if m > 0 {
                out.push(',');
            }
            let _ = write!(out, r#"{{"member":"m{}","answers":{{"#, m + 1);
            choice.fill(NONE);
            let mut first = true;
            for (i, l) in c.leaves.iter().enumerate() {
                // Answer only what applies after this member's answers.
                if !sheet::applies(l, &choice) {
                    continue;
                }
                let n = u64::from(l.options);
                // Disagreement of about one option either way.
                let centre = quality * (n - 1);
                let jitter = r.below(2001) as i64 - 1000;
                let pos = ((centre as i64 + jitter * (n as i64 - 1) / 4 + 500)
                    / 1000)
                    .clamp(0, n as i64 - 1) as u8;
                // An option whose points cannot be read is never ticked.
                let readable = |p: u8| c.points(i, p) != UNREADABLE;
                let pos = if readable(pos) {
                    pos
                } else if pos > 0 {
                    pos - 1
                } else {
                    pos + 1
                };
                choice[i] = pos;
                if !first {
                    out.push(',');
                }
                first = false;
                let code = &c.codes.leaves[i];
                if l.yes_no {
                    let _ = write!(out, r#""{code}":{}"#, pos == 1);
                } else {
                    let _ = write!(out, r#""{code}":{}"#, pos + 1);
                }
            }
            out.push_str("}}");
        }
        out.push_str("]}");
    }
}
