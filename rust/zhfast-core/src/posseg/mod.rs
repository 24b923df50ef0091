//! jieba's `posseg.POSTokenizer.cut`: words with part-of-speech tags.
//!
//! The same dictionary route as `cut`, over posseg's own pre-split (`re_han_internal`
//! has no `%` or `-`); known words take their dictionary tag (`x` when none), unknown
//! runs go through posseg's joint (position, tag) HMM, and text outside Chinese gets
//! jieba's `m` / `eng` / `x` rules.

use crate::dict::Dictionary;
use crate::error::{Error, Result};
use crate::segment::route::Route;
use crate::text::chars::{is_han, is_pos_block_char};
use crate::text::decode_span;
use crate::text::presplit::{presplit_by, Piece};
use hmm::{PossegModel, PossegScratch};

pub(crate) mod hmm;

/// The tags given by a rule rather than by the dictionary or the HMM: anything else,
/// English, numbers.
const TAG_X: &str = "x";
const TAG_ENG: &str = "eng";
const TAG_M: &str = "m";

/// Tokens with tags: `(start, end)` byte spans of the input and their tag.
#[derive(Debug, Default, Clone)]
pub struct Tagged {
    /// Each word's byte span of the input.
    pub spans: Vec<(usize, usize)>,
    /// Each word's tag.
    pub tags: Vec<String>,
}

impl Tagged {
    /// Removes every word, keeping the buffers.
    pub fn clear(&mut self) {
        self.spans.clear();
        self.tags.clear();
    }

    fn push(&mut self, start: usize, end: usize, tag: &str) {
        self.spans.push((start, end));
        self.tags.push(tag.to_string());
    }
}

/// posseg's buffers, reused from call to call; part of a [`crate::Worker`].
#[derive(Default)]
pub(crate) struct PosScratch {
    offsets: Vec<usize>,
    chars: Vec<char>,
    route: Route,
    hmm: PossegScratch,
    hmm_chars: Vec<char>,
    hmm_offsets: Vec<usize>,
    hmm_route: Vec<u16>,
}

/// What posseg reads: the dictionary, the model, and the tag lookup
/// (`word_tag_tab.get(word)`: user tags over dictionary tags).
#[derive(Clone, Copy)]
pub struct PosSegmenter<'a> {
    dict: &'a Dictionary,
    model: &'a PossegModel,
    user_tag: &'a (dyn Fn(&str) -> Option<&'a str> + Sync),
}

impl<'a> PosSegmenter<'a> {
    /// A tagger over `dict` with jieba's posseg model; `user_tag` gives the tags the
    /// tokenizer itself recorded (`add_word(..., tag=...)`, user dictionaries), which win
    /// over the dictionary file's.
    pub fn new(
        dict: &'a Dictionary,
        user_tag: &'a (dyn Fn(&str) -> Option<&'a str> + Sync),
    ) -> Self {
        PosSegmenter {
            dict,
            model: PossegModel::jieba(),
            user_tag,
        }
    }

    /// `word_tag_tab.get(word, 'x')`.
    fn tag_of(&self, word: &str) -> &str {
        if let Some(t) = (self.user_tag)(word) {
            return t;
        }
        match self.dict.tag(word) {
            Some(t) if !t.is_empty() => t,
            _ => TAG_X,
        }
    }

    /// jieba's `POSTokenizer.cut(sentence, HMM)`, appending to `out`.
    pub(crate) fn cut(
        &self,
        text: &str,
        hmm: bool,
        scratch: &mut PosScratch,
        out: &mut Tagged,
    ) -> Result<()> {
        let mut result = Ok(());
        presplit_by(text, is_pos_block_char, |piece| match piece {
            Piece::Block(s, e) => {
                if result.is_ok() {
                    result = self.cut_block(text, s, e, hmm, scratch, out);
                }
            }
            Piece::Space(s, e) => out.push(s, e, TAG_X),
            Piece::Other(s, e) => {
                // jieba tests `re_num` on each character and `re_eng` on the whole run;
                // neither can match outside a block, but the rule is kept as written.
                let run_is_eng = text[s..e].starts_with(|c: char| c.is_ascii_alphanumeric());
                for (i, c) in text[s..e].char_indices() {
                    let tag = if c.is_ascii_digit() || c == '.' {
                        TAG_M
                    } else if run_is_eng {
                        TAG_ENG
                    } else {
                        TAG_X
                    };
                    out.push(s + i, s + i + c.len_utf8(), tag);
                }
            }
        });
        result
    }

    fn cut_block(
        &self,
        text: &str,
        start: usize,
        end: usize,
        hmm: bool,
        scratch: &mut PosScratch,
        out: &mut Tagged,
    ) -> Result<()> {
        decode_span(text, start, end, &mut scratch.offsets, &mut scratch.chars);
        scratch
            .route
            .build::<false>(self.dict, text, &scratch.chars, &scratch.offsets)?;
        let n = scratch.chars.len();
        let mut buf: Option<usize> = None;
        let mut x = 0;
        while x < n {
            let y = scratch.route.next(x);
            let (ws, we) = (scratch.offsets[x], scratch.offsets[y]);
            if hmm {
                if y - x == 1 {
                    buf.get_or_insert(x);
                } else {
                    if let Some(b) = buf.take() {
                        self.flush(text, b, x, scratch, out)?;
                    }
                    out.push(ws, we, self.tag_of(&text[ws..we]));
                }
            } else if y - x == 1 && scratch.chars[x].is_ascii_alphanumeric() {
                buf.get_or_insert(x);
            } else {
                if let Some(b) = buf.take() {
                    out.push(scratch.offsets[b], ws, TAG_ENG);
                }
                out.push(ws, we, self.tag_of(&text[ws..we]));
            }
            x = y;
        }
        if let Some(b) = buf {
            if hmm {
                self.flush(text, b, n, scratch, out)?;
            } else {
                out.push(scratch.offsets[b], scratch.offsets[n], TAG_ENG);
            }
        }
        Ok(())
    }

    /// The HMM-mode buffer of single characters `from..to`.
    fn flush(
        &self,
        text: &str,
        from: usize,
        to: usize,
        scratch: &mut PosScratch,
        out: &mut Tagged,
    ) -> Result<()> {
        let (s, e) = (scratch.offsets[from], scratch.offsets[to]);
        if to - from == 1 {
            out.push(s, e, self.tag_of(&text[s..e]));
        } else if !self
            .dict
            .has_positive_coded(&text[s..e], &scratch.route.codes()[from..to])
        {
            self.cut_detail(text, s, e, scratch, out)?;
        } else {
            for i in from..to {
                let (cs, ce) = (scratch.offsets[i], scratch.offsets[i + 1]);
                out.push(cs, ce, self.tag_of(&text[cs..ce]));
            }
        }
        Ok(())
    }

    /// jieba's `__cut_detail`: han runs through the HMM, the rest by `re_skip_detail`.
    fn cut_detail(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut PosScratch,
        out: &mut Tagged,
    ) -> Result<()> {
        let mut pos = start;
        while pos < end {
            let rest = &text[pos..end];
            let han: usize = rest
                .chars()
                .take_while(|&c| is_han(c))
                .map(char::len_utf8)
                .sum();
            if han > 0 {
                self.cut_han(text, pos, pos + han, scratch, out)?;
                pos += han;
            } else {
                let other = rest.find(is_han).unwrap_or(rest.len());
                skip_detail(text, pos, pos + other, out);
                pos += other;
            }
        }
        Ok(())
    }

    /// jieba's `POSTokenizer.__cut`: B opens, E closes, S is a word; a word left open
    /// at the end takes the tag of its first character's state.
    fn cut_han(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut PosScratch,
        out: &mut Tagged,
    ) -> Result<()> {
        let PosScratch {
            hmm,
            hmm_chars,
            hmm_offsets: local,
            hmm_route,
            ..
        } = scratch;
        decode_span(text, start, end, local, hmm_chars);
        self.model.viterbi(hmm_chars, hmm, hmm_route);
        if hmm_route.len() != hmm_chars.len() {
            // Every state the previous character could be in has no transition: jieba's
            // `max()` over no predecessors raises there.
            return Err(Error::EmptyMax);
        }
        let (mut begin, mut next) = (0, 0);
        for (i, &state) in hmm_route.iter().enumerate() {
            let st = self.model.state(state);
            match st.position {
                b'B' => begin = i,
                b'E' => {
                    out.push(local[begin], local[i + 1], &st.tag);
                    next = i + 1;
                }
                b'S' => {
                    out.push(local[i], local[i + 1], &st.tag);
                    next = i + 1;
                }
                _ => {}
            }
        }
        if next < hmm_chars.len() {
            let tag = &self.model.state(hmm_route[next]).tag;
            out.push(local[next], end, tag);
        }
        Ok(())
    }
}

/// `re_skip_detail = ([\.0-9]+|[a-zA-Z0-9]+)` split of a non-han part: each match is `m`
/// when it starts with a digit or dot, else `eng`; the text between matches is `x`.
fn skip_detail(text: &str, start: usize, end: usize, out: &mut Tagged) {
    let b = text.as_bytes();
    let mut pos = start;
    let mut gap = start;
    while pos < end {
        let c = b[pos];
        let num = c.is_ascii_digit() || c == b'.';
        if !(num || c.is_ascii_alphanumeric()) {
            pos += text[pos..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if gap < pos {
            out.push(gap, pos, TAG_X);
        }
        let m = pos;
        if num {
            while pos < end && (b[pos].is_ascii_digit() || b[pos] == b'.') {
                pos += 1;
            }
            out.push(m, pos, TAG_M);
        } else {
            while pos < end && b[pos].is_ascii_alphanumeric() {
                pos += 1;
            }
            out.push(m, pos, TAG_ENG);
        }
        gap = pos;
    }
    if gap < end {
        out.push(gap, end, TAG_X);
    }
}
