//! Hashing and interning the words of one document: a seeded fast hash for the maps
//! that live for one keyword call, and dense key ids in first-seen order (how a Python
//! dict orders its keys, which decides jieba's order of equal weights).

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use super::short_eq::same_bytes;

/// A fast multiply-rotate hash for the short word keys of one document (Fx style: the
/// maps live for one call).  It starts from a random per-process seed
/// ([`WordHashSeed`]): the keys come from the documents, and with a fixed start a crafted
/// document could make every key land in one bucket.
#[derive(Clone, Copy)]
pub(crate) struct WordHasher(u64);

/// Builds [`WordHasher`]s that start from this process's random seed.
#[derive(Clone, Copy)]
pub(crate) struct WordHashSeed(u64);

impl Default for WordHashSeed {
    fn default() -> Self {
        static SEED: OnceLock<u64> = OnceLock::new();
        // std's `RandomState` is seeded from the operating system's randomness.
        WordHashSeed(*SEED.get_or_init(|| RandomState::new().build_hasher().finish()))
    }
}

impl BuildHasher for WordHashSeed {
    type Hasher = WordHasher;

    #[inline]
    fn build_hasher(&self) -> WordHasher {
        WordHasher(self.0)
    }
}

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// Mixed so that the low bits (the bucket index) depend on every input bit.
    #[inline]
    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 33);
        let h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

/// A `HashMap` keyed by words of one document.
pub(crate) type WordMap<K, V> = HashMap<K, V, WordHashSeed>;

/// A key: a word, and its flag when keys are `(word, flag)` pairs (else empty).
#[derive(Clone, Copy)]
struct Key<'t>(&'t str, &'t str);

/// The bytes of a short string as at most two words: the first and last eight bytes
/// (overlapping) with the length, without a loop or a copy.
#[inline]
fn short_words(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    let le8 = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap());
    let le4 = |s: &[u8]| u32::from_le_bytes(s.try_into().unwrap()) as u64;
    if n >= 8 {
        (le8(&b[..8]), le8(&b[n - 8..]) ^ (n as u64) << 56)
    } else if n >= 4 {
        (le4(&b[..4]) | le4(&b[n - 4..]) << 32, n as u64)
    } else if n > 0 {
        (
            b[0] as u64 | (b[n / 2] as u64) << 8 | (b[n - 1] as u64) << 16,
            n as u64,
        )
    } else {
        (0, 0)
    }
}

impl std::hash::Hash for Key<'_> {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Words over 16 bytes are hashed whole; shorter ones are exactly covered by
        // their first and last eight bytes.
        for part in [self.0.as_bytes(), self.1.as_bytes()] {
            if part.len() > 16 {
                state.write(part);
            }
            let (a, b) = short_words(part);
            state.write_u64(a);
            state.write_u64(b);
        }
    }
}

impl PartialEq for Key<'_> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        same_bytes(self.0.as_bytes(), other.0.as_bytes())
            && same_bytes(self.1.as_bytes(), other.1.as_bytes())
    }
}

impl Eq for Key<'_> {}

/// Interns keys to dense ids in first-seen order, as a Python dict orders its keys.
#[derive(Default)]
pub(crate) struct KeyIndex<'t> {
    ids: WordMap<Key<'t>, u32>,
    pub(crate) keys: Vec<(&'t str, &'t str)>,
}

impl<'t> KeyIndex<'t> {
    /// Room for about `n` keys.
    pub(crate) fn with_capacity(n: usize) -> Self {
        KeyIndex {
            ids: WordMap::with_capacity_and_hasher(n, Default::default()),
            keys: Vec::with_capacity(n),
        }
    }

    /// The id of `key` and whether it is new.
    pub(crate) fn intern(&mut self, key: (&'t str, &'t str)) -> (u32, bool) {
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(Key(key.0, key.1)).or_insert(next);
        if id == next {
            self.keys.push(key);
        }
        (id, id == next)
    }

    pub(crate) fn len(&self) -> usize {
        self.keys.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_hashes_are_seeded_once_per_process() {
        let hash = |seed: &WordHashSeed, key: &Key<'_>| seed.hash_one(key);
        let key = Key("北京大学", "nt");
        // Every map of the process hashes alike...
        assert_eq!(
            hash(&WordHashSeed::default(), &key),
            hash(&WordHashSeed::default(), &key)
        );
        // ...and differently from an unseeded start, so bucket collisions cannot be
        // precomputed (a different random seed would match it once in 2^64 runs).
        assert_ne!(
            hash(&WordHashSeed::default(), &key),
            hash(&WordHashSeed(0), &key)
        );
        let mut index = KeyIndex::with_capacity(4);
        assert_eq!(index.intern(("北京", "ns")), (0, true));
        assert_eq!(index.intern(("大学", "n")), (1, true));
        assert_eq!(index.intern(("北京", "ns")), (0, false));
    }
}
