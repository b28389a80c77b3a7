//! The dynamic programmes: least changes (bitsets over points added) or
//! least cost (a table of packed keys), then the sheet-order tie-break.
//! They know only the items' choices.

use super::items::Change;

/// A key of the programme: (cost, changes) packed into an integer.
pub(super) trait Key:
    Copy
    + Ord
    + std::hash::Hash
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
{
    /// Above every real key, and still above it with one added.
    const INF: Self;
    const ZERO: Self;
    fn pack(cost: u64, changes: u32) -> Self;
}

impl Key for u64 {
    const INF: u64 = u64::MAX >> 1;
    const ZERO: u64 = 0;
    fn pack(cost: u64, changes: u32) -> u64 {
        (cost << 24) | u64::from(changes)
    }
}

impl Key for u128 {
    const INF: u128 = u128::MAX >> 1;
    const ZERO: u128 = 0;
    fn pack(cost: u64, changes: u32) -> u128 {
        (u128::from(cost) << 32) | u128::from(changes)
    }
}

/// The least (cost, changes), then points, in `[lo, hi]`: a suffix
/// programme over items and points added (up to `cap`), where
/// `table[i][d]` is the best key of items i.. adding d points. Returns
/// each item's choice.
pub(super) fn by_key<K: Key>(
    all: &[Vec<Change>],
    cap: usize,
    lo: usize,
    hi: usize,
) -> Option<Vec<u16>> {
    let width = cap + 1;
    let mut table = vec![vec![K::INF; width]; all.len() + 1];
    table[all.len()][0] = K::ZERO;
    for (i, choices) in all.iter().enumerate().rev() {
        let (head, tail) = table.split_at_mut(i + 1);
        let (cur, next) = (&mut head[i], &tail[0]);
        for ch in choices {
            let delta = ch.delta as usize;
            if delta > cap {
                continue;
            }
            let add = K::pack(ch.cost, ch.changes);
            for (d, &base) in next[..=cap - delta].iter().enumerate() {
                let key = base + add;
                let at = &mut cur[d + delta];
                if key < *at {
                    *at = key;
                }
            }
        }
    }
    let first = &table[0];
    let (d, key) = (lo..=hi.min(cap))
        .map(|d| (d, first[d]))
        .filter(|&(_, k)| k < K::INF)
        .min_by_key(|&(d, k)| (k, d))?;
    // A choice leads on when the rest of the items can make up the rest.
    let step =
        |i: usize, (key, d): (K, usize), ch: &Change| -> Option<(K, usize)> {
            let add = K::pack(ch.cost, ch.changes);
            let d2 = d.checked_sub(ch.delta as usize)?;
            if add > key || table[i + 1][d2] != key - add {
                return None;
            }
            Some((key - add, d2))
        };
    let done = |(key, d): (K, usize)| key == K::ZERO && d == 0;
    rebuild(all, (key, d), &step, &done)
}

/// The least changes, then points, in `[lo, hi]`, without costs: for each
/// number of changes c, the bitset of points the items i.. can add with
/// exactly c changes. Few changes suffice in practice, so c is searched
/// up to a limit that doubles until a plan is found.
pub(super) fn by_changes(
    all: &[Vec<Change>],
    cap: usize,
    lo: usize,
    hi: usize,
) -> Option<Vec<u16>> {
    let words = cap / 64 + 1;
    let most: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.changes as usize).max().unwrap_or(0))
        .sum();
    // Fewer changes than this cannot add `lo` points: the items' largest
    // raises, biggest first, plus the changes some items must make.
    let forced: usize = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.changes as usize).min().unwrap_or(0))
        .sum();
    let mut biggest: Vec<usize> = all
        .iter()
        .map(|cs| cs.iter().map(|c| c.delta as usize).max().unwrap_or(0))
        .collect();
    biggest.sort_unstable_by(|a, b| b.cmp(a));
    let mut reached = 0;
    let needed = biggest
        .iter()
        .take_while(|&&d| {
            let short = reached < lo;
            reached += d;
            short
        })
        .count();
    let mut limit = most.min(forced.max(needed) + 1);
    loop {
        let c_n = limit + 1;
        // sets[(i * c_n + c) * words ..]: items i.., c changes.
        let mut sets = vec![0u64; (all.len() + 1) * c_n * words];
        let at = |i: usize, c: usize| (i * c_n + c) * words;
        sets[at(all.len(), 0)] = 1;
        for (i, choices) in all.iter().enumerate().rev() {
            let (head, tail) = sets.split_at_mut(at(i + 1, 0));
            let cur = &mut head[at(i, 0)..];
            for ch in choices {
                let (dc, delta) = (ch.changes as usize, ch.delta as usize);
                if delta > cap {
                    continue;
                }
                for c in 0..c_n.saturating_sub(dc) {
                    let src = &tail[c * words..(c + 1) * words];
                    if src.iter().all(|&w| w == 0) {
                        continue;
                    }
                    let dst = &mut cur[(c + dc) * words..(c + dc + 1) * words];
                    shift_or(dst, src, delta, cap);
                }
            }
        }
        let bit = |i: usize, c: usize, d: usize| {
            sets[at(i, c) + d / 64] >> (d % 64) & 1 == 1
        };
        let best = (0..c_n).find_map(|c| {
            (lo..=hi.min(cap)).find(|&d| bit(0, c, d)).map(|d| (c, d))
        });
        if let Some(start) = best {
            let step = |i: usize,
                        (c, d): (usize, usize),
                        ch: &Change|
             -> Option<(usize, usize)> {
                let c2 = c.checked_sub(ch.changes as usize)?;
                let d2 = d.checked_sub(ch.delta as usize)?;
                if !bit(i + 1, c2, d2) {
                    return None;
                }
                Some((c2, d2))
            };
            let done = |(c, d): (usize, usize)| c == 0 && d == 0;
            return rebuild(all, start, &step, &done);
        }
        if limit >= most {
            return None;
        }
        limit = (limit * 2).min(most);
    }
}

/// `dst |= src << shift`, bits past `cap` dropped.
pub(super) fn shift_or(
    dst: &mut [u64],
    src: &[u64],
    shift: usize,
    cap: usize,
) {
    let (w, b) = (shift / 64, shift % 64);
    for j in (w..dst.len()).rev() {
        let lo = src[j - w];
        let carry =
            if b > 0 && j > w { src[j - w - 1] >> (64 - b) } else { 0 };
        dst[j] |= (lo << b) | carry;
    }
    let last = dst.len() - 1;
    let keep = cap % 64;
    if keep < 63 {
        dst[last] &= (1u64 << (keep + 1)) - 1;
    }
}

/// Among the plans a table allows, the one whose criteria changed, in
/// sheet order, come first (compared as sorted lists of positions): the
/// rule's last tie-break. `step` moves a state past item i's choice when
/// the rest can complete it. Memoized on (item, state).
pub(super) fn rebuild<S: Copy + Eq + std::hash::Hash>(
    all: &[Vec<Change>],
    start: S,
    step: &dyn Fn(usize, S, &Change) -> Option<S>,
    done: &dyn Fn(S) -> bool,
) -> Option<Vec<u16>> {
    /// Per (item, state): the least positions list from there, the
    /// choice that starts it and the state after that choice.
    type Memo<S> = std::collections::HashMap<
        (usize, S),
        Option<(Vec<u16>, u16, S)>,
        Cheap,
    >;
    pub(super) fn go<S: Copy + Eq + std::hash::Hash>(
        all: &[Vec<Change>],
        i: usize,
        s: S,
        step: &dyn Fn(usize, S, &Change) -> Option<S>,
        done: &dyn Fn(S) -> bool,
        memo: &mut Memo<S>,
    ) -> Option<Vec<u16>> {
        if i == all.len() {
            return done(s).then(Vec::new);
        }
        if let Some(b) = memo.get(&(i, s)) {
            return b.as_ref().map(|b| b.0.clone());
        }
        let mut best: Option<(Vec<u16>, u16, S)> = None;
        // A list holding this item's criteria comes before any without
        // them, so "no change" is tried only when no change completes.
        let changed = all[i].iter().enumerate().filter(|(_, c)| c.changes > 0);
        let unchanged =
            all[i].iter().enumerate().filter(|(_, c)| c.changes == 0);
        for (ci, ch) in changed.chain(unchanged) {
            if ch.changes == 0 && best.is_some() {
                break;
            }
            let Some(s2) = step(i, s, ch) else { continue };
            let Some(rest) = go(all, i + 1, s2, step, done, memo) else {
                continue;
            };
            let mut positions: Vec<u16> =
                ch.changed.leaves().chain(rest).collect();
            positions.sort_unstable();
            if best.as_ref().is_none_or(|(p, _, _)| positions < *p) {
                best = Some((positions, ci as u16, s2));
            }
        }
        let out = best.as_ref().map(|b| b.0.clone());
        memo.insert((i, s), best);
        out
    }
    let mut memo: Memo<S> =
        std::collections::HashMap::with_hasher(Cheap::default());
    go(all, 0, start, step, done, &mut memo)?;
    let mut picks = Vec::with_capacity(all.len());
    let mut s = start;
    for i in 0..all.len() {
        let (_, ci, next) = memo.get(&(i, s))?.as_ref()?;
        picks.push(*ci);
        s = *next;
    }
    Some(picks)
}

/// A hasher for the few small integer keys of `rebuild`'s memo, cheaper
/// than the default's protection against crafted keys, which these are
/// not: multiply-and-rotate, as rustc's FxHash does. Its gain over the
/// default hasher has not been measured on its own.
#[derive(Default, Clone, Copy)]
pub(super) struct Cheap(u64);

impl std::hash::Hasher for Cheap {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n)
            .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

impl std::hash::BuildHasher for Cheap {
    type Hasher = Cheap;
    fn build_hasher(&self) -> Cheap {
        Cheap(0)
    }
}
