//! The parts of Python's `str` semantics that keyword extraction tests words with:
//! `len(w.strip())` and, for words where it is certain, `w.lower()`.
//!
//! Python's `isspace` is Unicode White_Space (Rust's `char::is_whitespace`) plus the
//! four information separators U+001C..U+001F, which Python counts as whitespace
//! because of their bidirectional class.

/// Python's `c.isspace()`.
#[inline]
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `len(s.strip())` in code points.
pub fn stripped_len(s: &str) -> usize {
    s.trim_matches(is_py_space).chars().count()
}

/// Characters whose `lower()` is themselves in every Unicode version: ASCII
/// non-letters, CJK ideographs and CJK punctuation.
#[inline]
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// `s.lower()` when it can be computed without Python's own tables (ASCII and caseless
/// characters), else `None`: the caller asks Python.
pub fn simple_lower(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if s.bytes().all(|b| !b.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii() || caseless(c)) {
        return Some(std::borrow::Cow::Borrowed(s));
    }
    if s.chars().all(|c| c.is_ascii() || caseless(c)) {
        return Some(std::borrow::Cow::Owned(s.to_ascii_lowercase()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_and_lower() {
        assert_eq!(stripped_len(" \u{3000}北京\u{1f}\n"), 2);
        assert_eq!(stripped_len("\u{200b}北"), 2); // a zero-width space is not whitespace
        assert_eq!(simple_lower("AbC北京").as_deref(), Some("abc北京"));
        assert_eq!(simple_lower("北京"), Some(std::borrow::Cow::Borrowed("北京")));
        assert_eq!(simple_lower("Ａ"), None);
        assert_eq!(simple_lower("é"), None);
    }
}
