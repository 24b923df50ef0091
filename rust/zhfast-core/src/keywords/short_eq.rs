//! Equality of short byte strings (words are a few bytes): without the `memcmp` call
//! that `==` on slices makes, which costs more than comparing them.

/// `a == b`.
#[inline]
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() > 16 {
        return a == b;
    }
    a.iter().zip(b).all(|(x, y)| x == y)
}
