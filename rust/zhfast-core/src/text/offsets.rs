//! Byte offsets to code-point offsets (Python string indices), for `tokenize`.

/// Converts byte offsets into code-point offsets, moving a cursor over `text`.
///
/// Offsets may go backwards (search mode yields a word's n-grams before the word), so
/// the cursor counts in either direction; the work is proportional to the distance moved.
#[derive(Debug, Clone, Copy, Default)]
pub struct CharCursor {
    byte: usize,
    chars: usize,
}

impl CharCursor {
    /// The code-point offset of byte offset `byte` (a char boundary) of `text`, which
    /// must be the text of every earlier call.
    #[inline]
    pub fn char_offset(&mut self, text: &str, byte: usize) -> usize {
        let bytes = text.as_bytes();
        if byte >= self.byte {
            self.chars += char_count(bytes, self.byte..byte);
        } else {
            self.chars -= char_count(bytes, byte..self.byte);
        }
        self.byte = byte;
        self.chars
    }
}

/// The top bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The number of UTF-8 continuation bytes (`0b10xx_xxxx`) among the bytes of `word`.
#[inline(always)]
fn continuation_bytes(word: u64) -> usize {
    // Bit 7 set and bit 6 clear; shifting left by one puts each byte's bit 6 under its
    // bit 7 (what crosses into the next byte lands on a bit 0, masked off).  The flags,
    // moved to bit 0, are summed by a multiply into the top byte (x86-64's baseline has
    // no popcount instruction; `count_ones` became a dozen operations).
    let flags = (word & !(word << 1) & HIGH_BITS) >> 7;
    (flags.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The bytes `bytes[start..start + 8]` as a little-endian word, with those from
/// `start + len` on zeroed; zero-padded past the end of `bytes`.
#[inline(always)]
fn word_at(bytes: &[u8], start: usize, len: usize) -> u64 {
    let mask = ((1u128 << (8 * len)) - 1) as u64;
    match bytes.get(start..start + 8) {
        Some(word) => u64::from_le_bytes(word.try_into().expect("8 bytes")) & mask,
        None => {
            let mut word = [0u8; 8];
            word[..len].copy_from_slice(&bytes[start..start + len]);
            u64::from_le_bytes(word)
        }
    }
}

/// The number of characters in `bytes[range]` (a range between char boundaries): bytes
/// that do not continue a character.
///
/// Tokens are mostly 3 to 9 bytes long.  A plain filtered count compiled to a vector
/// loop whose set-up cost more than the count (7% of `cut_offsets_batch`); this reads
/// eight bytes at a time as a `u64`, the last (or only) group masked to the range.
#[inline(always)]
fn char_count(bytes: &[u8], range: std::ops::Range<usize>) -> usize {
    let len = bytes[range.clone()].len();
    if len <= 8 {
        return len - continuation_bytes(word_at(bytes, range.start, len));
    }
    long_char_count(bytes, range)
}

/// [`char_count`] of a range longer than eight bytes, kept out of line.
#[inline(never)]
fn long_char_count(bytes: &[u8], range: std::ops::Range<usize>) -> usize {
    let mut continuations = 0;
    let mut at = range.start;
    while range.end - at > 8 {
        continuations += continuation_bytes(word_at(bytes, at, 8));
        at += 8;
    }
    continuations += continuation_bytes(word_at(bytes, at, range.end - at));
    range.len() - continuations
}

#[cfg(test)]
mod tests {
    use super::CharCursor;

    #[test]
    fn char_count_agrees_with_chars_over_every_range() {
        let text =
            "a𠀀中b，é\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}中华人民共和国 x 😀ab";
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in &bounds[i..] {
                assert_eq!(
                    super::char_count(text.as_bytes(), a..b),
                    text[a..b].chars().count(),
                    "{a}..{b}"
                );
            }
        }
    }

    #[test]
    fn counts_astral_as_one() {
        let t = "a𠀀中b";
        let mut c = CharCursor::default();
        assert_eq!(c.char_offset(t, 5), 2);
        assert_eq!(c.char_offset(t, 1), 1);
        assert_eq!(c.char_offset(t, t.len()), 4);
    }
}
