//! jieba's `finalseg.cut`: how a run of unknown single characters is re-segmented.
//!
//! The run is split into `[\u4E00-\u9FD5]+` parts, which the HMM segments, and other
//! parts, which are split by `([a-zA-Z0-9]+(?:\.\d+)?%?)` keeping every non-empty piece
//! (so `3.14` and `12.5%` stay whole).  HMM words listed in the force-split set
//! (`add_word(w, 0)` / `del_word(w)`) come out one character at a time.

use std::collections::HashSet;

use super::tables::{B, E, S};
use super::HmmModel;
use crate::text::chars::is_han;
use crate::tokens::{Tokens, NO_WORD};

/// Scratch space reused across calls.
#[derive(Debug, Default, Clone)]
pub(crate) struct FinalsegScratch {
    states: Vec<u8>,
    back: Vec<[u8; 4]>,
}

/// Segments the run of characters `chars`, which start at the byte `offsets` of `text`
/// (plus the run's end, so `offsets.len() == chars.len() + 1`), pushing byte spans of
/// `text` to `out`.  The caller has decoded the run already; it is not decoded again.
pub(crate) fn cut_unknown(
    text: &str,
    chars: &[char],
    offsets: &[usize],
    model: &HmmModel,
    force_split: &HashSet<String>,
    scratch: &mut FinalsegScratch,
    out: &mut Tokens,
) {
    debug_assert_eq!(offsets.len(), chars.len() + 1);
    let mut i = 0;
    while i < chars.len() {
        let han = is_han(chars[i]);
        let len = chars[i..].iter().take_while(|&&c| is_han(c) == han).count();
        if han {
            cut_han(
                text,
                &chars[i..i + len],
                &offsets[i..=i + len],
                model,
                force_split,
                scratch,
                out,
            );
        } else {
            split_numbers(text, offsets[i], offsets[i + len], out);
        }
        i += len;
    }
}

/// The `re_skip` split of a non-han part: matches of `[a-zA-Z0-9]+(?:\.\d+)?%?` and the
/// non-empty text between them.  (The part comes from a block, so its only digits are
/// ASCII and `\d` needs no Unicode table here.)
fn split_numbers(text: &str, start: usize, end: usize, out: &mut Tokens) {
    let b = text.as_bytes();
    let mut pos = start;
    let mut gap_start = start;
    while pos < end {
        if !b[pos].is_ascii_alphanumeric() {
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if gap_start < pos {
            out.push(gap_start, pos, NO_WORD);
        }
        let m = pos;
        while pos < end && b[pos].is_ascii_alphanumeric() {
            pos += 1;
        }
        if pos + 1 < end && b[pos] == b'.' && b[pos + 1].is_ascii_digit() {
            pos += 1;
            while pos < end && b[pos].is_ascii_digit() {
                pos += 1;
            }
        }
        if pos < end && b[pos] == b'%' {
            pos += 1;
        }
        out.push(m, pos, NO_WORD);
        gap_start = pos;
    }
    if gap_start < end {
        out.push(gap_start, end, NO_WORD);
    }
}

fn cut_han(
    text: &str,
    chars: &[char],
    offsets: &[usize],
    model: &HmmModel,
    force_split: &HashSet<String>,
    scratch: &mut FinalsegScratch,
    out: &mut Tokens,
) {
    let FinalsegScratch { states, back } = scratch;
    model.viterbi(chars, states, back);

    let mut push_word = |from: usize, to: usize| {
        let (s, e) = (offsets[from], offsets[to]);
        if !force_split.is_empty() && force_split.contains(&text[s..e]) {
            for i in from..to {
                out.push(offsets[i], offsets[i + 1], NO_WORD);
            }
        } else {
            out.push(s, e, NO_WORD);
        }
    };
    // jieba's `__cut`: B opens a word, E closes it, S is a word; whatever is left open at
    // the end is one more word.
    let (mut begin, mut next) = (0, 0);
    for (i, &state) in states.iter().enumerate() {
        match state {
            B => begin = i,
            E => {
                push_word(begin, i + 1);
                next = i + 1;
            }
            S => {
                push_word(i, i + 1);
                next = i + 1;
            }
            _ => {}
        }
    }
    if next < chars.len() {
        push_word(next, chars.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<String> {
        let mut out = Tokens::default();
        split_numbers(s, 0, s.len(), &mut out);
        out.iter(s).map(str::to_string).collect()
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(split("3.14"), ["3.14"]);
        assert_eq!(split("12.5%"), ["12.5%"]);
        assert_eq!(split("+#a.b1.2.3"), ["+#", "a", ".", "b1.2", ".", "3"]);
        assert_eq!(split("1."), ["1", "."]);
    }
}
