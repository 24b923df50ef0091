//! Python's `str` semantics where jieba relies on them: `isspace` (which is also what
//! `\s` matches in a `str` pattern), `len(w.strip())`, and `w.lower()` for the words
//! where it is certain.

/// Python's `\s` for `str` patterns, which is `str.isspace()`.
///
/// Differs from `char::is_whitespace`: it includes U+001C..=U+001F (information
/// separators) and excludes nothing else that matters here; U+200B is in neither.
#[inline]
pub(crate) fn is_python_space(c: char) -> bool {
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

/// `len(s.strip())` in code points.
pub(crate) fn stripped_len(s: &str) -> usize {
    s.trim_matches(is_python_space).chars().count()
}

/// Characters whose `lower()` is themselves in every Unicode version: ASCII
/// non-letters, CJK ideographs and CJK punctuation.
#[inline]
fn caseless(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// `s.lower()` when it can be computed without Python's own tables (ASCII and caseless
/// characters), else `None`: the caller asks Python.
pub(crate) fn simple_lower(s: &str) -> Option<std::borrow::Cow<'_, str>> {
    if s.bytes().all(|b| !b.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii() || caseless(c))
    {
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
    fn python_space_matches_str_isspace() {
        for c in [
            '\t', '\n', '\x0b', '\x0c', '\r', '\x1c', '\x1f', ' ', '\u{85}', '\u{a0}', '\u{3000}',
            '\u{2028}',
        ] {
            assert!(is_python_space(c), "{c:?}");
        }
        for c in ['\u{200b}', 'a', '\u{feff}', '\x00', '\u{180e}'] {
            assert!(!is_python_space(c), "{c:?}");
        }
    }

    #[test]
    fn strip_and_lower() {
        assert_eq!(stripped_len(" \u{3000}北京\u{1f}\n"), 2);
        assert_eq!(stripped_len("\u{200b}北"), 2); // a zero-width space is not whitespace
        assert_eq!(simple_lower("AbC北京").as_deref(), Some("abc北京"));
        assert_eq!(
            simple_lower("北京"),
            Some(std::borrow::Cow::Borrowed("北京"))
        );
        assert_eq!(simple_lower("Ａ"), None);
        assert_eq!(simple_lower("é"), None);
    }
}
