//! The fast form of a criteria set.
//!
//! Scoring a sheet is a few dozen table look-ups, so the tables are laid out
//! for that: answerable criteria ("leaves") in printed order, the points of
//! every option in one flat byte array, and gates as (leaf, points) pairs
//! sorted by tier. Headers are gone (their sub-criteria are the leaves),
//! yes/no criteria become two-option leaves, and inferred corrections are
//! either applied or not, once, here.
//!
//! This module knows the data model and nothing above it: the catalog
//! compiles each set it loads, and the scorer reads the tables.

use std::sync::Arc;

use crate::criteria::{KnockoutKind, Provenance, Rules, SetFile};
use crate::warning::{self, Warning};

/// The printed codes of a set's leaves and sections, shared by every
/// scorecard of the set so that output needs no per-criterion allocation.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Codes {
    pub leaves: Box<[Box<str>]>,
    pub sections: Box<[Box<str>]>,
    /// Each leaf code as a JSON object key, `"1.1":`, for the writer.
    pub leaf_keys: Box<[Box<[u8]>]>,
    /// Each section code as a JSON object key.
    pub section_keys: Box<[Box<[u8]>]>,
}

impl Codes {
    /// No codes: for results that leave out per-criterion points.
    pub fn none() -> Arc<Codes> {
        static NONE: std::sync::OnceLock<Arc<Codes>> =
            std::sync::OnceLock::new();
        NONE.get_or_init(|| {
            Arc::new(Codes::new(Box::default(), Box::default()))
        })
        .clone()
    }

    pub fn new(leaves: Box<[Box<str>]>, sections: Box<[Box<str>]>) -> Codes {
        let keys = |codes: &[Box<str>]| {
            codes
                .iter()
                .map(|c| {
                    let mut k = serde_json::to_vec(&**c).unwrap_or_default();
                    k.push(b':');
                    k.into_boxed_slice()
                })
                .collect()
        };
        Codes {
            leaf_keys: keys(&leaves),
            section_keys: keys(&sections),
            leaves,
            sections,
        }
    }
}

/// A short code packed into an integer, so that finding a criterion is an
/// integer compare rather than a string compare (criterion codes such as
/// `6.1.1` are at most 7 bytes). The length goes in the top byte, so no two
/// strings share a key.
#[inline]
pub(crate) fn pack(b: &[u8]) -> Option<u64> {
    if b.len() > 7 {
        return None;
    }
    let mut k = (b.len() as u64) << 56;
    for (i, &c) in b.iter().enumerate() {
        k |= u64::from(c) << (8 * i);
    }
    Some(k)
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Leaf {
    /// Offset of the first option in `Compiled::points`.
    pub first: u32,
    /// Number of options (2 for yes/no).
    pub options: u8,
    pub yes_no: bool,
    pub part: u8,
    pub section: u16,
    /// Applies only when leaf `.0`'s chosen option (0-based) is in mask `.1`.
    pub applies_if: Option<(u16, u64)>,
}

impl Leaf {
    /// The chosen option (0-based) for a written 1-based position, if this
    /// is not a yes/no criterion and the position is in range.
    #[inline(always)]
    pub fn option(&self, n: u64) -> Option<u8> {
        // n - 1 wraps for 0, which then fails the range check.
        let i = n.wrapping_sub(1);
        (!self.yes_no && i < u64::from(self.options)).then_some(i as u8)
    }

    /// The chosen option for a written true/false, if this is a yes/no
    /// criterion (option 0 is "not met").
    #[inline(always)]
    pub fn met(&self, b: bool) -> Option<u8> {
        self.yes_no.then_some(u8::from(b))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledGate {
    pub stars: u8,
    pub leaf: u16,
    /// 1-based position of the minimum option.
    pub option: u8,
    pub points: u8,
    pub inferred: bool,
    /// The minimum option's printed text.
    pub text: Box<str>,
}

/// A knock-out note of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompiledKnockout {
    /// The criterion code, or `dossier`.
    pub code: Box<str>,
    pub kind: KnockoutKind,
    /// The clause as printed.
    pub text: Box<str>,
    /// For a knock-out phrased in points: the leaf whose council points
    /// of 0 trigger it.
    pub zero_leaf: Option<u16>,
}

#[derive(Debug)]
pub(crate) struct Compiled {
    pub leaves: Box<[Leaf]>,
    pub codes: Arc<Codes>,
    /// `pack` of each leaf code (`u64::MAX` for longer codes).
    keys: Box<[u64]>,
    pub section_part: Box<[u8]>,
    pub points: Box<[u8]>,
    /// The case (1-based, 0 for none) of each option, aligned with
    /// `points`: "Lựa chọn một trong hai trường hợp".
    pub cases: Box<[u8]>,
    /// Each leaf's printed title.
    pub titles: Box<[Box<str>]>,
    /// Sorted by tier, lowest first.
    pub gates: Box<[CompiledGate]>,
    /// Knock-outs an evaluation may assert, in printed order, the dossier
    /// clause last.
    pub knockouts: Box<[CompiledKnockout]>,
    /// Whether inferred points and gates were applied.
    pub inferred: bool,
    /// Maximum points of each part, as compiled.
    pub part_max: [u32; 3],
    /// The set's fingerprint, marked `+inferred` when inferred data is
    /// applied: what every scorecard of these tables names.
    pub fingerprint: String,
    /// The warnings every scorecard of these tables carries.
    pub warnings: Box<[Warning]>,
    /// Whose data the tables are: every scorecard names it.
    pub provenance: Provenance,
}

/// Marks an option whose points are unreadable in the source.
pub(crate) const UNREADABLE: u8 = u8::MAX;

/// The knock-out id of a set's "Hồ sơ bị loại khi" clause.
pub(crate) const DOSSIER: &str = "dossier";

impl Compiled {
    /// Compiles a validated set. With `inferred`, inferred point values and
    /// gates replace the recovered ones; without, inferred gates are left
    /// out.
    pub fn new(
        edition: &str,
        rules: &Rules,
        set: &SetFile,
        fingerprint: &str,
        inferred: bool,
    ) -> Compiled {
        let mut leaves = Vec::new();
        let mut leaf_codes = Vec::new();
        let mut titles = Vec::new();
        let mut section_codes = Vec::new();
        let mut section_part = Vec::new();
        let mut points = Vec::new();
        let mut cases = Vec::new();
        let mut gates = Vec::new();
        let mut knockouts = Vec::new();
        for part in &set.parts {
            for sec in &part.sections {
                let section = section_codes.len() as u16;
                section_codes.push(sec.code.clone().into_boxed_str());
                section_part.push(part.part.index() as u8);
                for c in &sec.criteria {
                    // Validation allows at most 1,000 criteria a set.
                    let leaf = leaves.len() as u16;
                    if let Some(k) = &c.knockout {
                        knockouts.push(CompiledKnockout {
                            code: c.code.clone().into(),
                            kind: k.kind,
                            text: k.text.clone().into(),
                            // Validation keeps these off headers.
                            zero_leaf: k.zero_points.then_some(leaf),
                        });
                    }
                    if c.header {
                        continue;
                    }
                    let first = points.len() as u32;
                    if c.yes_no {
                        points.extend([0, c.max as u8]);
                        cases.extend([0, 0]);
                    }
                    for (i, o) in c.options.iter().enumerate() {
                        // Validation caps points below UNREADABLE.
                        let p = o
                            .points_under(inferred)
                            .map_or(UNREADABLE, |p| p as u8);
                        points.push(p);
                        // Validation keeps cases to the criterion's few.
                        cases.push(o.case.unwrap_or(0) as u8);
                        if let Some(g) = &o.gate {
                            if g.inferred.is_none() || inferred {
                                gates.push(CompiledGate {
                                    stars: g.stars,
                                    leaf,
                                    option: i as u8 + 1,
                                    points: p,
                                    inferred: g.inferred.is_some(),
                                    text: o.text.clone().into(),
                                });
                            }
                        }
                    }
                    leaves.push(Leaf {
                        first,
                        options: (points.len() as u32 - first) as u8,
                        yes_no: c.yes_no,
                        part: part.part.index() as u8,
                        section,
                        applies_if: None,
                    });
                    leaf_codes.push(c.code.clone().into_boxed_str());
                    titles.push(c.title.clone().into_boxed_str());
                }
            }
        }
        // Resolve applies_if now that every leaf has an index.
        for (_, _, c) in set.criteria() {
            let (Some(a), Some(i)) = (
                &c.applies_if,
                leaf_codes.iter().position(|x| **x == *c.code),
            ) else {
                continue;
            };
            if let Some(t) =
                leaf_codes.iter().position(|x| **x == *a.criterion)
            {
                let mask =
                    a.options.iter().fold(0u64, |m, &o| m | 1 << (o - 1));
                leaves[i].applies_if = Some((t as u16, mask));
            }
        }
        gates.sort_by_key(|g| g.stars);
        if let Some(text) = &set.disqualified_when {
            knockouts.push(CompiledKnockout {
                code: DOSSIER.into(),
                kind: KnockoutKind::Eliminated,
                text: text.clone().into(),
                zero_leaf: None,
            });
        }
        let part_max = part_max(&leaves, &points);
        let warnings = warning::set_warnings(
            edition,
            rules,
            set,
            inferred,
            part_max.iter().sum(),
        );
        Compiled {
            keys: leaf_codes
                .iter()
                .map(|c| pack(c.as_bytes()).unwrap_or(u64::MAX))
                .collect(),
            part_max,
            leaves: leaves.into(),
            codes: Arc::new(Codes::new(
                leaf_codes.into(),
                section_codes.into(),
            )),
            section_part: section_part.into(),
            points: points.into(),
            cases: cases.into(),
            titles: titles.into(),
            gates: gates.into(),
            knockouts: knockouts.into(),
            inferred,
            fingerprint: if inferred {
                format!("{fingerprint}+inferred")
            } else {
                fingerprint.to_owned()
            },
            warnings: warnings.into(),
            provenance: Provenance::Bundled,
        }
    }

    /// The leaf with this code. `hint` is where the caller expects it:
    /// answers usually come in printed order, so this is O(1) in practice.
    #[inline]
    pub fn find(&self, code: &[u8], hint: usize) -> Option<usize> {
        match pack(code) {
            Some(k) => self.find_packed(k, hint),
            None => {
                self.codes.leaves.iter().position(|c| c.as_bytes() == code)
            }
        }
    }

    /// [`Compiled::find`] for a code already packed (see `pack`).
    #[inline]
    pub fn find_packed(&self, key: u64, hint: usize) -> Option<usize> {
        if self.keys.get(hint) == Some(&key) {
            return Some(hint);
        }
        self.keys.iter().position(|&x| x == key)
    }

    /// Points of option `choice` (0-based) of leaf `leaf`.
    #[inline]
    pub fn points(&self, leaf: usize, choice: u8) -> u8 {
        self.points[self.leaves[leaf].first as usize + choice as usize]
    }

    /// The case of option `choice` of leaf `leaf` (0 when it has none).
    pub fn case(&self, leaf: usize, choice: u8) -> u8 {
        self.cases[self.leaves[leaf].first as usize + choice as usize]
    }
}

/// Maximum points of each part: the best readable option of every leaf.
fn part_max(leaves: &[Leaf], points: &[u8]) -> [u32; 3] {
    let mut m = [0u32; 3];
    for l in leaves {
        let opts = &points[l.first as usize..][..l.options as usize];
        let best = opts.iter().filter(|&&p| p != UNREADABLE).max();
        m[l.part as usize] += u32::from(*best.unwrap_or(&0));
    }
    m
}
