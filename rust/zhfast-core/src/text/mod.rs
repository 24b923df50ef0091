//! What jieba's regexes see of a sentence: its character classes, the pre-split into
//! blocks and separators, where a long text may be split, and the conversion of byte offsets to Python's code-point
//! indexes.

pub(crate) mod chars;
mod offsets;
pub(crate) mod presplit;
pub(crate) mod split;

pub use offsets::CharCursor;

/// The characters of `text[start..end]` and their byte offsets (plus `end`), which the
/// graph and every mode index by position.
pub(crate) fn decode_span(
    text: &str,
    start: usize,
    end: usize,
    offsets: &mut Vec<usize>,
    chars: &mut Vec<char>,
) {
    offsets.clear();
    chars.clear();
    for (i, c) in text[start..end].char_indices() {
        offsets.push(start + i);
        chars.push(c);
    }
    offsets.push(end);
}
