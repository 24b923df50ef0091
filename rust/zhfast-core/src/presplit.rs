//! jieba's two-level pre-split of a sentence, without regex.
//!
//! jieba first splits by `re_han_default` into "blocks" (runs of [`is_block_char`]) and
//! the text between them.  That text is split again by `(\r\n|\s)`: every `\r\n` and
//! every other whitespace character is a separator, and what lies between separators
//! (possibly empty, exactly as `re.split` returns it) is a run of other characters.

use crate::chars::{is_block_char, is_python_space};

/// One piece of a sentence, as a byte range into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// A run of block characters, segmented with the dictionary.
    Block(usize, usize),
    /// `\r\n` or a single whitespace character: always a token of its own.
    Space(usize, usize),
    /// Non-space characters between separators; may be empty (start == end), which only
    /// `cut_all` yields (as jieba does).
    Other(usize, usize),
}

/// Calls `visit` with every piece of `text` in order.
pub fn presplit(text: &str, visit: impl FnMut(Piece)) {
    presplit_by(text, is_block_char, visit)
}

/// [`presplit`] with another block class (posseg's `re_han_internal` has no `%` or `-`).
pub fn presplit_by(text: &str, is_block_char: fn(char) -> bool, mut visit: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let run_start = pos;
        if is_block_char(char_at(text, pos)) {
            pos = block_end(text, pos, is_block_char);
            visit(Piece::Block(run_start, pos));
            continue;
        }
        // A run of non-block text, split at separators.
        let mut other_start = pos;
        while pos < bytes.len() {
            let c = char_at(text, pos);
            if is_block_char(c) {
                break;
            }
            let width = c.len_utf8();
            if is_python_space(c) {
                let sep_end = if c == '\r' && bytes.get(pos + 1) == Some(&b'\n') { pos + 2 } else { pos + width };
                visit(Piece::Other(other_start, pos));
                visit(Piece::Space(pos, sep_end));
                pos = sep_end;
                other_start = pos;
            } else {
                pos += width;
            }
        }
        visit(Piece::Other(other_start, pos));
    }
}

#[inline]
fn char_at(text: &str, pos: usize) -> char {
    // `pos` is always on a char boundary: it only advances by whole characters.
    text[pos..].chars().next().unwrap_or('\0')
}

fn block_end(text: &str, start: usize, is_block_char: fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !is_block_char(c))
        .map_or(text.len(), |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<(char, &str)> {
        let mut out = Vec::new();
        presplit(text, |p| {
            let (kind, s, e) = match p {
                Piece::Block(s, e) => ('B', s, e),
                Piece::Space(s, e) => ('S', s, e),
                Piece::Other(s, e) => ('O', s, e),
            };
            out.push((kind, &text[s..e]));
        });
        out
    }

    #[test]
    fn splits_like_re_split() {
        assert_eq!(
            pieces("我们a1，。 \r\n\r好"),
            vec![('B', "我们a1"), ('O', "，。"), ('S', " "), ('O', ""), ('S', "\r\n"), ('O', ""), ('S', "\r"), ('O', ""), ('B', "好")]
        );
        assert_eq!(pieces(""), vec![]);
        assert_eq!(pieces(" "), vec![('O', ""), ('S', " "), ('O', "")]);
    }
}
