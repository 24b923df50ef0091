//! jieba's character classes, written out by hand so that no regex runs in the hot path.
//!
//! Each predicate mirrors one class of jieba 0.42.1's regexes exactly; the comments say
//! which, because the ranges (ASCII-only letters, the U+9FD5 bound, Python's idea of
//! whitespace) are where other ports drift from jieba.

/// The CJK range jieba calls "han": `\u4E00-\u9FD5` (not the full Unicode block).
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FD5}').contains(&c)
}

/// Characters of `re_han_default = [\u4E00-\u9FD5a-zA-Z0-9+#&._%-]`, the runs that go
/// through dictionary segmentation.
#[inline]
pub(crate) fn is_block_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Characters of posseg's `re_han_internal = [\u4E00-\u9FD5a-zA-Z0-9+#&\._]` (no `%`, `-`).
#[inline]
pub(crate) fn is_pos_block_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_range_stops_at_9fd5() {
        assert!(is_han('\u{4E00}') && is_han('\u{9FD5}'));
        assert!(!is_han('\u{9FD6}') && !is_han('\u{3400}') && !is_han('\u{20000}'));
    }

    #[test]
    fn block_chars_are_ascii_only_outside_han() {
        assert!(
            is_block_char('a') && is_block_char('9') && is_block_char('%') && is_block_char('-')
        );
        assert!(
            !is_block_char('é')
                && !is_block_char('１')
                && !is_block_char('@')
                && !is_block_char(' ')
        );
    }
}
