//! jieba's two-level pre-split of a sentence, without regex.
//!
//! jieba first splits by `re_han_default` into "blocks" (runs of block characters) and
//! the text between them.  That text is split again by `(\r\n|\s)`: every `\r\n` and
//! every other whitespace character is a separator, and what lies between separators
//! (possibly empty, exactly as `re.split` returns it) is a run of other characters.

use super::chars::is_han;
use crate::pycompat::string::is_python_space;

/// One piece of a sentence, as a byte range into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A run of block characters, segmented with the dictionary.
    Block(usize, usize),
    /// `\r\n` or a single whitespace character: always a token of its own.
    Space(usize, usize),
    /// Non-space characters between separators; may be empty (start == end), which only
    /// `cut_all` yields (as jieba does).
    Other(usize, usize),
}

/// Calls `visit` with every piece of `text` in order, blocks being runs of
/// `is_block_char` (`re_han_default` for `cut`, posseg's `re_han_internal`, which has no
/// `%` or `-`, for tagging).
pub(crate) fn presplit_by(
    text: &str,
    is_block_char: fn(char) -> bool,
    mut visit: impl FnMut(Piece),
) {
    let mut pos = 0;
    while pos < text.len() {
        let run_start = pos;
        if is_block_char(char_at(text, pos)) {
            pos = block_end(text, pos, is_block_char);
            visit(Piece::Block(run_start, pos));
        } else {
            pos = split_other(text, pos, is_block_char, &mut visit);
        }
    }
}

/// Visits the pieces of the run of non-block text that starts at `pos`, split at
/// separators; returns where the run ends.
fn split_other(
    text: &str,
    mut pos: usize,
    is_block_char: impl Fn(char) -> bool,
    visit: &mut impl FnMut(Piece),
) -> usize {
    let bytes = text.as_bytes();
    let mut other_start = pos;
    while pos < bytes.len() {
        let c = char_at(text, pos);
        if is_block_char(c) {
            break;
        }
        let width = c.len_utf8();
        if is_python_space(c) {
            let sep_end = if c == '\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos + 2
            } else {
                pos + width
            };
            visit(Piece::Other(other_start, pos));
            visit(Piece::Space(pos, sep_end));
            pos = sep_end;
            other_start = pos;
        } else {
            pos += width;
        }
    }
    visit(Piece::Other(other_start, pos));
    pos
}

/// [`presplit_by`] that also decodes each block as it finds it: before a block is
/// visited, `chars` holds its characters and `offsets` their byte offsets plus the
/// block's end — what the segmenter needs, in the same pass that finds where the block
/// ends (decoding a block twice cost a fifth of the core's instructions).  The block
/// class must include every han character (both of jieba's do).
#[inline]
pub(crate) fn presplit_decoding(
    text: &str,
    is_block_char: impl Fn(char) -> bool + Copy,
    chars: &mut Vec<char>,
    offsets: &mut Vec<usize>,
    mut visit: impl FnMut(Piece, &[char], &[usize]),
) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let (c, width) = decode_at(bytes, text, pos);
        if !is_block_char(c) {
            pos = split_other(text, pos, is_block_char, &mut |piece| {
                visit(piece, &[], &[])
            });
            continue;
        }
        let start = pos;
        chars.clear();
        offsets.clear();
        let (mut c, mut width) = (c, width);
        loop {
            chars.push(c);
            offsets.push(pos);
            pos += width;
            // Runs of han (three bytes each, the bulk of Chinese text) without the
            // general decoder.
            while let [b0 @ 0xE4..=0xE9, b1, b2, ..] = bytes[pos..] {
                let v = (u32::from(b0 & 0x0F) << 12)
                    | (u32::from(b1 & 0x3F) << 6)
                    | u32::from(b2 & 0x3F);
                match char::from_u32(v) {
                    Some(han) if is_han(han) => {
                        chars.push(han);
                        offsets.push(pos);
                        pos += 3;
                    }
                    _ => break,
                }
            }
            if pos >= bytes.len() {
                break;
            }
            (c, width) = decode_at(bytes, text, pos);
            if !is_block_char(c) {
                break;
            }
        }
        offsets.push(pos);
        visit(Piece::Block(start, pos), chars, offsets);
    }
}

/// The character at byte `pos` (a boundary) and its width; the common one- and three-byte
/// forms are decoded inline.
#[inline(always)]
fn decode_at(bytes: &[u8], text: &str, pos: usize) -> (char, usize) {
    let b = bytes[pos];
    if b < 0x80 {
        return (b as char, 1);
    }
    if b & 0xF0 == 0xE0 && pos + 2 < bytes.len() {
        let v = (u32::from(b & 0x0F) << 12)
            | (u32::from(bytes[pos + 1] & 0x3F) << 6)
            | u32::from(bytes[pos + 2] & 0x3F);
        if let Some(c) = char::from_u32(v) {
            return (c, 3);
        }
    }
    let c = char_at(text, pos);
    (c, c.len_utf8())
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
    use crate::text::chars::is_block_char;

    fn presplit(text: &str, visit: impl FnMut(Piece)) {
        presplit_by(text, is_block_char, visit)
    }

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
            vec![
                ('B', "我们a1"),
                ('O', "，。"),
                ('S', " "),
                ('O', ""),
                ('S', "\r\n"),
                ('O', ""),
                ('S', "\r"),
                ('O', ""),
                ('B', "好")
            ]
        );
        assert_eq!(pieces(""), vec![]);
        // The decoding variant yields the same pieces, with each block's characters.
        for text in ["我们a1，。 \r\n\r好", "", " ", "a", "é𠀀x好 ", "\r\n好好\t"] {
            let (mut chars, mut offsets) = (Vec::new(), Vec::new());
            let mut decoded = Vec::new();
            presplit_decoding(
                text,
                is_block_char,
                &mut chars,
                &mut offsets,
                |p, cs, os| {
                    if let Piece::Block(s, e) = p {
                        assert_eq!(cs.iter().collect::<String>(), &text[s..e]);
                        assert_eq!((os[0], os[cs.len()]), (s, e));
                        assert!(cs.iter().zip(os).all(|(&c, &o)| text[o..].starts_with(c)));
                    }
                    decoded.push(p);
                },
            );
            let mut plain = Vec::new();
            presplit(text, |p| plain.push(p));
            assert_eq!(decoded, plain, "{text:?}");
        }
        assert_eq!(pieces(" "), vec![('O', ""), ('S', " "), ('O', "")]);
    }
}
