//! Character classes, written out by hand so that no regex runs in the hot path.
//!
//! Each predicate mirrors one class of jieba 0.42.1's regexes exactly; the comments say
//! which, because the ranges (ASCII-only letters, the U+9FD5 bound, Python's idea of
//! whitespace) are where other ports drift from jieba.

/// The CJK range jieba calls "han": `\u4E00-\u9FD5` (not the full Unicode block).
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FD5}').contains(&c)
}

/// `[a-zA-Z0-9]`: jieba's `re_eng` (ASCII only, unlike Rust's `is_alphanumeric`).
#[inline]
pub fn is_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Characters of `re_han_default = [\u4E00-\u9FD5a-zA-Z0-9+#&._%-]`, the runs that go
/// through dictionary segmentation.
#[inline]
pub fn is_block_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Characters of posseg's `re_han_internal = [\u4E00-\u9FD5a-zA-Z0-9+#&\._]` (no `%`, `-`).
#[inline]
pub fn is_pos_block_char(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_')
}

/// Python's `\s` for `str` patterns, which is `str.isspace()`.
///
/// Differs from `char::is_whitespace`: it includes U+001C..=U+001F (information
/// separators) and excludes nothing else that matters here; U+200B is in neither.
#[inline]
pub fn is_python_space(c: char) -> bool {
    matches!(
        c,
        '\u{09}'..='\u{0D}'
            | '\u{1C}'..='\u{20}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
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
    fn python_space_matches_str_isspace() {
        for c in ['\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', ' ', '\u{85}', '\u{a0}', '\u{3000}', '\u{2028}'] {
            assert!(is_python_space(c), "{c:?}");
        }
        for c in ['\u{200b}', 'a', '\u{feff}', '\x00', '\u{180e}'] {
            assert!(!is_python_space(c), "{c:?}");
        }
    }

    #[test]
    fn block_chars_are_ascii_only_outside_han() {
        assert!(is_block_char('a') && is_block_char('9') && is_block_char('%') && is_block_char('-'));
        assert!(!is_block_char('é') && !is_block_char('１') && !is_block_char('@') && !is_block_char(' '));
    }
}
