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
    pub fn char_offset(&mut self, text: &str, byte: usize) -> usize {
        let count = |s: &[u8]| s.iter().filter(|&&b| (b as i8) >= -0x40).count();
        if byte >= self.byte {
            self.chars += count(&text.as_bytes()[self.byte..byte]);
        } else {
            self.chars -= count(&text.as_bytes()[byte..self.byte]);
        }
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::CharCursor;

    #[test]
    fn counts_astral_as_one() {
        let t = "a𠀀中b";
        let mut c = CharCursor::default();
        assert_eq!(c.char_offset(t, 5), 2);
        assert_eq!(c.char_offset(t, 1), 1);
        assert_eq!(c.char_offset(t, t.len()), 4);
    }
}
