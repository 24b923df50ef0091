//! jieba's `Tokenizer` cutting modes over a dictionary, an HMM and the force-split set:
//! the pre-split, then per block the best [`route`] through the dictionary's word graph
//! and, for runs of single characters, the HMM (`__cut_DAG`); without the HMM, single
//! ASCII letters and digits joined (`__cut_DAG_NO_HMM`); `cut_all`'s walk
//! (`cut_all.rs`); and `cut_for_search`'s grams (`search.rs`).  [`dag`] builds jieba's
//! `get_DAG` for callers that want the graph itself; the modes never store it.

use std::collections::HashSet;

use crate::dict::Dictionary;
use crate::error::Result;
use crate::hmm::finalseg::{cut_unknown, FinalsegScratch};
use crate::hmm::HmmModel;
use crate::mode::Mode;
use crate::text::chars::is_block_char;
use crate::text::presplit::{presplit_decoding, Piece};
use crate::tokens::{Tokens, NO_WORD};
use route::Route;

mod cut_all;
pub(crate) mod dag;
pub(crate) mod route;
mod search;

/// How many positions ahead of its walk a segmenter asks for the dictionary's second
/// step ([`Dictionary::prefetch_walk`]).  2 and 3 measured alike, 7–22% faster than none
/// depending on the mode (`docs/performance.md`); 5 and 8 gained little: the farther
/// ahead, the more positions of a short block start without one.
pub(crate) const WALK_AHEAD: usize = 3;

/// Buffers reused from block to block and call to call (nothing is allocated per
/// character once they have grown); part of a [`crate::Worker`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    offsets: Vec<usize>,
    chars: Vec<char>,
    /// A block's characters in the base trie's code, and one position's `(end, id)`
    /// edges (for `cut_all`).
    codes: Vec<u32>,
    edges: Vec<(usize, u32)>,
    route: Route,
    finalseg: FinalsegScratch,
    eng_buf: Vec<(usize, usize)>,
    /// One block's words in search mode, before their grams are added.
    words: Tokens,
}

/// Everything a cut reads, borrowed: a dictionary, the HMM, and the force-split set.
/// Cheap to make per call; the buffers a cut writes are a [`crate::Worker`]'s.
#[derive(Clone, Copy)]
pub struct Segmenter<'a> {
    dict: &'a Dictionary,
    hmm: &'a HmmModel,
    /// jieba's module-global `finalseg.Force_Split_Words`.
    force_split: &'a HashSet<String>,
}

impl<'a> Segmenter<'a> {
    /// A segmenter over `dict` with jieba's `finalseg` model.
    pub fn new(dict: &'a Dictionary, force_split: &'a HashSet<String>) -> Self {
        Self::with_model(dict, HmmModel::jieba_finalseg(), force_split)
    }

    /// A segmenter over `dict` with another HMM.
    pub fn with_model(
        dict: &'a Dictionary,
        hmm: &'a HmmModel,
        force_split: &'a HashSet<String>,
    ) -> Self {
        Segmenter {
            dict,
            hmm,
            force_split,
        }
    }

    /// The dictionary this segmenter cuts with.
    pub fn dictionary(&self) -> &'a Dictionary {
        self.dict
    }

    /// jieba's `cut(text, ...)` or `cut_for_search(text, ...)` as `mode` says, appending
    /// the tokens to `out`.  Fails only as jieba does: a word with a negative frequency
    /// on a route is a math domain error.
    pub(crate) fn cut(
        &self,
        text: &str,
        mode: Mode,
        scratch: &mut Scratch,
        out: &mut Tokens,
    ) -> Result<()> {
        let mut result = Ok(());
        // The block buffers leave the scratch while the pre-split fills them.
        let (mut chars, mut offsets) = (
            std::mem::take(&mut scratch.chars),
            std::mem::take(&mut scratch.offsets),
        );
        presplit_decoding(
            text,
            is_block_char,
            &mut chars,
            &mut offsets,
            |piece, chars, offsets| match piece {
                Piece::Block(..) => {
                    if result.is_ok() {
                        result = self.cut_block(text, chars, offsets, mode, scratch, out);
                    }
                }
                // Outside blocks no token is longer than two characters: no search grams.
                Piece::Space(s, e) => out.push(s, e, NO_WORD),
                Piece::Other(s, e) if mode == Mode::All => out.push(s, e, NO_WORD),
                Piece::Other(s, e) => out.push_chars(text, s, e),
            },
        );
        (scratch.chars, scratch.offsets) = (chars, offsets);
        result
    }

    /// Cuts one block, whose characters are `chars` at the byte `offsets` (plus its end).
    /// In the search modes, the block's words are followed by their grams ([`search`]).
    #[allow(clippy::too_many_arguments)]
    fn cut_block(
        &self,
        text: &str,
        chars: &[char],
        offsets: &[usize],
        mode: Mode,
        scratch: &mut Scratch,
        out: &mut Tokens,
    ) -> Result<()> {
        if mode == Mode::All {
            self.cut_all_block(text, chars, offsets, scratch, out);
            return Ok(());
        }
        let search = mode.is_search();
        if search {
            scratch
                .route
                .build::<true>(self.dict, text, chars, offsets)?;
        } else {
            scratch
                .route
                .build::<false>(self.dict, text, chars, offsets)?;
        }
        if !search {
            if mode == Mode::Default {
                self.cut_hmm_block(text, chars, offsets, scratch, out);
            } else {
                cut_no_hmm_block(text, offsets, &scratch.route, out);
            }
            return Ok(());
        }
        let mut words = std::mem::take(&mut scratch.words);
        words.clear();
        if mode == Mode::Search {
            self.cut_hmm_block(text, chars, offsets, scratch, &mut words);
        } else {
            cut_no_hmm_block(text, offsets, &scratch.route, &mut words);
        }
        search::expand(offsets, &scratch.route, &words, out);
        scratch.words = words;
        Ok(())
    }

    /// jieba's `__cut_DAG`: single-character steps of the route are buffered; a buffer of
    /// several characters that is not a known word goes to `finalseg`.
    fn cut_hmm_block(
        &self,
        text: &str,
        chars: &[char],
        offsets: &[usize],
        scratch: &mut Scratch,
        out: &mut Tokens,
    ) {
        let n = offsets.len() - 1;
        let mut buf_start: Option<usize> = None;
        let mut x = 0;
        while x < n {
            let y = scratch.route.next(x);
            if y - x == 1 {
                buf_start.get_or_insert(x);
            } else {
                if let Some(b) = buf_start.take() {
                    self.flush_hmm_buffer(text, chars, offsets, b, x, scratch, out);
                }
                out.push(offsets[x], offsets[y], scratch.route.word(x));
            }
            x = y;
        }
        if let Some(b) = buf_start {
            self.flush_hmm_buffer(text, chars, offsets, b, n, scratch, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn flush_hmm_buffer(
        &self,
        text: &str,
        chars: &[char],
        offsets: &[usize],
        from: usize,
        to: usize,
        scratch: &mut Scratch,
        out: &mut Tokens,
    ) {
        let (s, e) = (offsets[from], offsets[to]);
        if to - from == 1 {
            out.push(s, e, scratch.route.word(from));
        } else if self
            .dict
            .has_positive_coded(&text[s..e], &scratch.route.codes()[from..to])
        {
            for i in from..to {
                out.push(offsets[i], offsets[i + 1], scratch.route.word(i));
            }
        } else {
            cut_unknown(
                text,
                &chars[from..to],
                &offsets[from..=to],
                self.hmm,
                self.force_split,
                &mut scratch.finalseg,
                out,
            );
        }
    }
}

/// jieba's `__cut_DAG_NO_HMM`: consecutive single ASCII letters and digits become one token.
fn cut_no_hmm_block(text: &str, offsets: &[usize], route: &Route, out: &mut Tokens) {
    let bytes = text.as_bytes();
    let n = offsets.len() - 1;
    let mut buf_start: Option<usize> = None;
    let mut x = 0;
    while x < n {
        let y = route.next(x);
        if y - x == 1 && bytes[offsets[x]].is_ascii_alphanumeric() {
            buf_start.get_or_insert(x);
        } else {
            if let Some(b) = buf_start.take() {
                out.push(offsets[b], offsets[x], NO_WORD);
            }
            out.push(offsets[x], offsets[y], route.word(x));
        }
        x = y;
    }
    if let Some(b) = buf_start {
        out.push(offsets[b], offsets[n], NO_WORD);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::{Dictionary, Mode, Segmenter, Worker};

    fn cut(dict: &Dictionary, force: &HashSet<String>, text: &str) -> Vec<String> {
        let mut worker = Worker::new();
        let tokens = worker
            .cut(&Segmenter::new(dict, force), text, Mode::Default)
            .unwrap();
        tokens.iter(text).map(str::to_string).collect()
    }

    // The HMM joins 杭研 (as in jieba's "网易杭研大厦") when it sees the buffer.
    #[test]
    fn a_buffer_of_unknown_characters_goes_to_the_hmm() {
        let dict = Dictionary::from_entries([("杭", 1000), ("研", 1000), ("丁", 5)]).unwrap();
        let none = HashSet::new();
        assert_eq!(cut(&dict, &none, "杭研"), ["杭研"]);
        assert_eq!(cut(&dict, &none, "杭研a1"), ["杭研", "a1"]);
        // A buffer of one character is yielded as it is.
        assert_eq!(cut(&dict, &none, "杭"), ["杭"]);
    }

    #[test]
    fn a_buffer_that_is_a_word_is_yielded_char_by_char() {
        // The route prefers the two frequent characters; the buffer 杭研 is a word with a
        // non-zero frequency, so jieba yields its characters instead of asking the HMM.
        let dict =
            Dictionary::from_entries([("杭", 1000), ("研", 1000), ("杭研", 1), ("丁", 5)]).unwrap();
        assert_eq!(cut(&dict, &HashSet::new(), "杭研"), ["杭", "研"]);
    }

    #[test]
    fn a_force_split_word_from_the_hmm_comes_out_char_by_char() {
        let dict = Dictionary::from_entries([("杭", 1000), ("研", 1000), ("丁", 5)]).unwrap();
        let force: HashSet<String> = ["杭研".to_string()].into();
        assert_eq!(cut(&dict, &force, "杭研"), ["杭", "研"]);
    }
}
