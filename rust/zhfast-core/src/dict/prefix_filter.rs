//! A bit filter of how user words can start, so the DAG walk skips the user-word tries
//! at the positions where no user word can begin.
//!
//! Each user word sets one bit: for a one-character word, the bit of that character in
//! `singles`; for a longer one, the bit of its first two characters in `pairs`.  A clear
//! bit proves that no user word starts there; a set bit may be a collision (then the walk
//! runs and finds nothing).  100,000 user words set about 2% of the 4 Mi pair bits (512 KiB, allocated zeroed and
//! only touched where bits are set or tested).

const PAIR_BITS: u32 = 22;
const SINGLE_BITS: u32 = 16;

#[derive(Debug, Clone)]
pub struct PrefixFilter {
    pairs: Vec<u64>,
    singles: Vec<u64>,
    /// Whether any one-character word was inserted (most user dictionaries have none).
    any_single: bool,
}

impl Default for PrefixFilter {
    fn default() -> Self {
        PrefixFilter {
            pairs: vec![0; 1 << (PAIR_BITS - 6)],
            singles: vec![0; 1 << (SINGLE_BITS - 6)],
            any_single: false,
        }
    }
}

#[inline]
fn pair_bit(a: char, b: char) -> usize {
    let h =
        (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77).rotate_left(13);
    (h.wrapping_mul(0xC2B2_AE35) >> (32 - PAIR_BITS)) as usize
}

#[inline]
fn single_bit(a: char) -> usize {
    ((a as u32).wrapping_mul(0x9E37_79B1) >> (32 - SINGLE_BITS)) as usize
}

#[inline]
fn get(bits: &[u64], i: usize) -> bool {
    bits[i >> 6] & (1 << (i & 63)) != 0
}

#[inline]
fn set(bits: &mut [u64], i: usize) {
    bits[i >> 6] |= 1 << (i & 63);
}

impl PrefixFilter {
    pub fn insert(&mut self, word: &str) {
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(a), Some(b)) => set(&mut self.pairs, pair_bit(a, b)),
            (Some(a), None) => {
                set(&mut self.singles, single_bit(a));
                self.any_single = true;
            }
            _ => {}
        }
    }

    #[inline]
    fn single(&self, a: char) -> bool {
        self.any_single && get(&self.singles, single_bit(a))
    }

    /// False when `word` cannot start with an inserted word (so cannot be one).
    #[inline]
    pub fn may_start_str(&self, word: &str) -> bool {
        let mut it = word.chars();
        match (it.next(), it.next()) {
            (Some(a), Some(b)) => self.single(a) || get(&self.pairs, pair_bit(a, b)),
            (Some(a), None) => self.single(a),
            _ => false,
        }
    }

    /// False when no inserted word starts with `chars`.
    #[inline]
    pub fn may_start(&self, chars: &[char]) -> bool {
        match chars {
            [a, b, ..] => self.single(*a) || get(&self.pairs, pair_bit(*a, *b)),
            [a] => self.single(*a),
            [] => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PrefixFilter;

    #[test]
    fn never_misses_an_inserted_start() {
        let mut f = PrefixFilter::default();
        for w in ["云计算", "台中", "凱", "easy_install"] {
            f.insert(w);
        }
        for text in ["云计算方面", "台中市", "凱特琳", "easy"] {
            assert!(f.may_start(&text.chars().collect::<Vec<_>>()), "{text}");
        }
        assert!(!f.may_start(&['北', '京']) || !f.may_start(&['上', '海']));
        assert!(!f.may_start(&[]));
    }
}
