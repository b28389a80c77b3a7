//! A long-range packing of the criteria files, for builds that count the
//! bytes of their binary (the WebAssembly package, feature `packed-data`).
//!
//! The sets of an edition repeat each other's text (the same criteria,
//! options and notes in set after set), but a file is about 30 KB, so the
//! copies lie just beyond the 32 KB that gzip can look back. This packing
//! replaces each long repeat, at any distance, with a reference to its
//! first copy and leaves all other bytes as they are, for gzip (or any
//! later compressor) to work on as before.
//!
//! The format, all numbers LEB128: a sequence of a literal run (length,
//! bytes) followed by a copy (length − [`MIN`], distance back), the last
//! literal run having no copy after it. `build.rs` packs each file on its
//! own, or against one similar file (its base, [`pack_with`]), so that a
//! call that needs one set unpacks that file and its base, not all of
//! them (see `embedded`).
//!
//! `build.rs` includes this file to pack; the library unpacks.

/// The shortest repeat worth a reference: shorter ones are left to gzip.
pub const MIN: usize = 32;

/// The most bytes [`unpack`] writes.
const LIMIT: usize = 1 << 30;

/// Positions tried per lookup; more find little on this data.
const DEPTH: usize = 16;

/// Writes `n` as LEB128.
fn put(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a LEB128 number at `*at`, or None past the end or on overflow.
fn get(b: &[u8], at: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for shift in (0..64).step_by(7) {
        let x = *b.get(*at)?;
        *at += 1;
        n |= usize::from(x & 0x7f).checked_shl(shift)?;
        if x < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Packs `data`: greedy, each position taking the longest earlier repeat
/// of at least [`MIN`] bytes among the last [`DEPTH`] with its hash.
pub fn pack(data: &[u8]) -> Vec<u8> {
    pack_with(&[], data)
}

/// Packs `data` as if it followed `base`: repeats may refer into `base`,
/// which [`unpack_with`] must be given again. One file packed against a
/// similar one unpacks with just the two, not the whole archive.
pub fn pack_with(base: &[u8], data: &[u8]) -> Vec<u8> {
    let all = [base, data].concat();
    let mut chains = Chains::new(all.len());
    for j in 0..base.len() {
        chains.insert(&all, j);
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    let (mut i, mut lit) = (base.len(), base.len());
    while i < all.len() {
        let (len, dist) = chains.longest(&all, i);
        if len >= MIN {
            put(&mut out, i - lit);
            out.extend_from_slice(&all[lit..i]);
            put(&mut out, len - MIN);
            put(&mut out, dist);
            for j in i..i + len {
                chains.insert(&all, j);
            }
            i += len;
            lit = i;
        } else {
            chains.insert(&all, i);
            i += 1;
        }
    }
    put(&mut out, all.len() - lit);
    out.extend_from_slice(&all[lit..]);
    out
}

/// Earlier positions by the hash of their first 8 bytes, newest first.
struct Chains {
    head: Vec<usize>,
    prev: Vec<usize>,
}

impl Chains {
    const BITS: u32 = 20;
    const NONE: usize = usize::MAX;

    fn new(len: usize) -> Chains {
        Chains {
            head: vec![Self::NONE; 1 << Self::BITS],
            prev: vec![Self::NONE; len],
        }
    }

    fn hash(data: &[u8], i: usize) -> usize {
        let mut k = [0u8; 8];
        k.copy_from_slice(&data[i..i + 8]);
        let h = u64::from_le_bytes(k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> (64 - Self::BITS)) as usize
    }

    fn insert(&mut self, data: &[u8], i: usize) {
        if i + MIN <= data.len() {
            let h = Self::hash(data, i);
            self.prev[i] = self.head[h];
            self.head[h] = i;
        }
    }

    /// The longest earlier repeat of the bytes at `i`: (length, distance).
    fn longest(&self, data: &[u8], i: usize) -> (usize, usize) {
        let mut best = (0, 0);
        if i + MIN > data.len() {
            return best;
        }
        let mut cand = self.head[Self::hash(data, i)];
        for _ in 0..DEPTH {
            if cand == Self::NONE {
                break;
            }
            let len = data[cand..]
                .iter()
                .zip(&data[i..])
                .take_while(|(a, b)| a == b)
                .count();
            if len > best.0 {
                best = (len, i - cand);
            }
            cand = self.prev[cand];
        }
        best
    }
}

/// Unpacks what [`pack`] wrote, or None if `b` is not such a packing.
pub fn unpack(b: &[u8]) -> Option<Vec<u8>> {
    unpack_with(&[], b)
}

/// Unpacks what [`pack_with`] wrote against the same `base`, or None if
/// `b` is not such a packing.
pub fn unpack_with(base: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(base.len() + b.len() * 4);
    out.extend_from_slice(base);
    let mut at = 0;
    loop {
        let n = get(b, &mut at)?;
        out.extend_from_slice(b.get(at..at.checked_add(n)?)?);
        at += n;
        if at == b.len() {
            out.drain(..base.len());
            return Some(out);
        }
        let len = get(b, &mut at)?.checked_add(MIN)?;
        let dist = get(b, &mut at)?;
        // Bounds memory on a corrupt packing: the data is a few MB.
        if out.len().checked_add(len)? > LIMIT {
            return None;
        }
        let from = out.len().checked_sub(dist).filter(|_| dist > 0)?;
        // A copy may overlap its own output (a run of period `dist`), so
        // it goes in block copies of what is already written from `from`:
        // each a whole number of periods, doubling, rather than byte by
        // byte.
        let mut left = len;
        while left > 0 {
            let n = left.min(out.len() - from);
            out.extend_from_within(from..from + n);
            left -= n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repeats_at_any_distance_become_references() {
        let block: Vec<u8> = (0..100u8).collect();
        let mut data = block.clone();
        data.extend(std::iter::repeat_n(b'x', 70_000));
        data.extend(&block);
        let packed = pack(&data);
        // The run and the far copy are each one reference.
        assert!(packed.len() < 200, "{}", packed.len());
        assert_eq!(unpack(&packed).unwrap(), data);
    }

    #[test]
    fn a_file_packed_against_another_refers_into_it() {
        let base: Vec<u8> = (0..200u8).collect();
        let mut data = b"head ".to_vec();
        data.extend(&base[50..180]);
        let packed = pack_with(&base, &data);
        assert!(packed.len() < 20, "{}", packed.len());
        assert_eq!(unpack_with(&base, &packed).unwrap(), data);
        // Without its base the reference points before the start.
        assert_eq!(unpack(&packed), None);
    }

    #[test]
    fn not_a_packing_is_none_never_a_panic() {
        for b in [&[0x80u8][..], &[5, 1], &[0, 0, 9], &[0, 0, 0], &[0xff; 12]]
        {
            assert_eq!(unpack(b), None, "{b:?}");
        }
    }

    proptest! {
        #[test]
        fn unpack_undoes_pack(
            parts in proptest::collection::vec(
                (proptest::collection::vec(0u8..4, 0..80), 0usize..3), 0..20)
        ) {
            // Small alphabets and repeated parts make repeats likely.
            let mut data = Vec::new();
            for (p, times) in &parts {
                for _ in 0..=*times {
                    data.extend(p);
                }
            }
            prop_assert_eq!(unpack(&pack(&data)), Some(data.clone()));
            let cut = data.len() / 3;
            let (base, rest) = data.split_at(cut);
            prop_assert_eq!(
                unpack_with(base, &pack_with(base, rest)),
                Some(rest.to_vec())
            );
        }

        #[test]
        fn unpack_of_any_bytes_does_not_panic(b in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = unpack(&b);
        }
    }
}
