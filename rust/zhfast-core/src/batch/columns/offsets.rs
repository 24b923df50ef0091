//! Arrow's offsets: where each value of a variable-length column ends, 32-bit while they
//! fit and 64-bit from the first one that would not.

/// The largest position 32-bit Arrow offsets hold (they are signed).
pub const SMALL_MAX: u64 = i32::MAX as u64;

/// Offsets as the column's arrays need them: `0` then each value's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetVec {
    /// Every position fits 32 bits (Arrow's `string`, `list`).
    Small(Vec<i32>),
    /// Some position needs 64 bits (Arrow's `large_string`, `large_list`).
    Large(Vec<i64>),
}

impl OffsetVec {
    /// The number of values (one less than the offsets).
    pub fn values(&self) -> usize {
        match self {
            OffsetVec::Small(v) => v.len() - 1,
            OffsetVec::Large(v) => v.len() - 1,
        }
    }

    /// Whether the offsets are 64-bit.
    pub fn is_large(&self) -> bool {
        matches!(self, OffsetVec::Large(_))
    }

    /// The same offsets in 64 bits (the chunks of one column must share one type).
    pub fn widen(self) -> Self {
        match self {
            OffsetVec::Small(v) => OffsetVec::Large(v.into_iter().map(i64::from).collect()),
            large => large,
        }
    }
}

/// Offsets being built: positions are appended in order, each at least the last one.
#[derive(Debug, Clone)]
pub struct Offsets {
    vec: OffsetVec,
    /// The largest position kept in 32 bits: [`SMALL_MAX`], or less in tests, so that the
    /// 64-bit path can be exercised without gigabytes of text.
    small_max: u64,
}

impl Offsets {
    /// `[0]`, switching to 64 bits past `small_max`.
    pub fn new(small_max: u64) -> Self {
        Offsets {
            vec: OffsetVec::Small(vec![0]),
            small_max: small_max.min(SMALL_MAX),
        }
    }

    /// The last position.
    #[cfg(test)]
    fn last(&self) -> u64 {
        match &self.vec {
            OffsetVec::Small(v) => *v.last().expect("never empty") as u64,
            OffsetVec::Large(v) => *v.last().expect("never empty") as u64,
        }
    }

    /// Appends `base + end` for each of `ends` (ascending, relative to `base`).
    pub fn extend_shifted(&mut self, base: u64, ends: &[u32]) {
        let top = base + ends.last().map_or(0, |&e| u64::from(e));
        if top > self.small_max {
            self.make_large();
        }
        match &mut self.vec {
            // Plain loops over the slice: they compile to vector adds, which matters as
            // they run on the one thread that joins the parts.
            OffsetVec::Small(v) => {
                let base = base as i32;
                v.extend(ends.iter().map(|&e| base + e as i32));
            }
            OffsetVec::Large(v) => {
                let base = base as i64;
                v.extend(ends.iter().map(|&e| base + i64::from(e)));
            }
        }
    }

    /// Appends one position.
    pub fn push(&mut self, position: u64) {
        if position > self.small_max {
            self.make_large();
        }
        match &mut self.vec {
            OffsetVec::Small(v) => v.push(position as i32),
            OffsetVec::Large(v) => v.push(position as i64),
        }
    }

    /// Reserves room for `more` positions.
    pub fn reserve(&mut self, more: usize) {
        match &mut self.vec {
            OffsetVec::Small(v) => v.reserve(more),
            OffsetVec::Large(v) => v.reserve(more),
        }
    }

    fn make_large(&mut self) {
        if let OffsetVec::Small(_) = self.vec {
            let small = std::mem::replace(&mut self.vec, OffsetVec::Large(Vec::new()));
            self.vec = small.widen();
        }
    }

    /// The offsets built.
    pub fn finish(self) -> OffsetVec {
        self.vec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_to_64_bits_past_the_limit_keeping_every_position() {
        let mut o = Offsets::new(10);
        o.extend_shifted(0, &[3, 7]);
        assert_eq!(o.last(), 7);
        o.extend_shifted(7, &[2, 4]);
        assert!(
            matches!(&o.vec, OffsetVec::Large(_)),
            "11 is past the limit"
        );
        o.push(12);
        assert_eq!(o.finish(), OffsetVec::Large(vec![0, 3, 7, 9, 11, 12]));
    }

    #[test]
    fn small_until_the_limit_itself() {
        let mut o = Offsets::new(10);
        o.extend_shifted(4, &[6]);
        o.push(10);
        let v = o.finish();
        assert_eq!(v, OffsetVec::Small(vec![0, 10, 10]));
        assert_eq!(v.values(), 2);
        assert_eq!(v.widen(), OffsetVec::Large(vec![0, 10, 10]));
    }

    #[test]
    fn the_real_limit_is_i32_max() {
        let mut o = Offsets::new(u64::MAX);
        o.push(SMALL_MAX);
        assert!(!o.clone().finish().is_large());
        o.push(SMALL_MAX + 1);
        assert_eq!(
            o.finish(),
            OffsetVec::Large(vec![0, SMALL_MAX as i64, SMALL_MAX as i64 + 1])
        );
    }
}
