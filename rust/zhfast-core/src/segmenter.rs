//! The cutting modes of jieba's `Tokenizer`: `cut` (with and without HMM), `cut_all`
//! and `cut_for_search`, over a dictionary, an HMM and the force-split set.

use std::collections::HashSet;

use crate::chars::is_block_char;
use crate::dict::{Dictionary, WALK_AHEAD};
use crate::error::Result;
use crate::finalseg::{cut_unknown, FinalsegScratch};
use crate::hmm::HmmModel;
use crate::presplit::{presplit_decoding, Piece};
use crate::route::{Route, NO_GRAM};
use crate::tokens::{Tokens, JOINED, NO_WORD};

/// Which of jieba's `cut` variants to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CutMode {
    /// `cut(s)`: best route, unknown runs through the HMM.
    Hmm,
    /// `cut(s, HMM=False)`: best route, single ASCII letters and digits merged.
    NoHmm,
    /// `cut(s, cut_all=True)`: every dictionary word.
    All,
}

impl CutMode {
    /// jieba's `(cut_all, HMM)` flags: `cut_all` wins over `HMM`.
    pub fn from_flags(cut_all: bool, hmm: bool) -> Self {
        match (cut_all, hmm) {
            (true, _) => CutMode::All,
            (false, true) => CutMode::Hmm,
            (false, false) => CutMode::NoHmm,
        }
    }
}

/// One cutting request: a `cut` mode, or `cut_for_search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Cut(CutMode),
    Search { hmm: bool },
}

impl Job {
    /// From jieba's flags; `search` selects `cut_for_search` (which ignores `cut_all`).
    pub fn new(cut_all: bool, hmm: bool, search: bool) -> Self {
        if search {
            Job::Search { hmm }
        } else {
            Job::Cut(CutMode::from_flags(cut_all, hmm))
        }
    }
}

/// Buffers reused from block to block and call to call (nothing is allocated per
/// character once they have grown).
#[derive(Debug, Default, Clone)]
pub struct Scratch {
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

/// A borrowed view of everything a cut reads.
#[derive(Clone, Copy)]
pub struct Segmenter<'a> {
    pub dict: &'a Dictionary,
    pub hmm: &'a HmmModel,
    /// jieba's module-global `finalseg.Force_Split_Words`.
    pub force_split: &'a HashSet<String>,
}

impl<'a> Segmenter<'a> {
    /// Runs `job` on `text`, appending tokens to `out`.
    pub fn run(&self, text: &str, job: Job, scratch: &mut Scratch, out: &mut Tokens) -> Result<()> {
        match job {
            Job::Cut(mode) => self.cut(text, mode, scratch, out),
            Job::Search { hmm } => self.cut_for_search(text, hmm, scratch, out),
        }
    }

    /// jieba's `Tokenizer.cut`, appending tokens to `out`.
    pub fn cut(&self, text: &str, mode: CutMode, scratch: &mut Scratch, out: &mut Tokens) -> Result<()> {
        self.cut_with(text, mode, false, scratch, out)
    }

    /// jieba's `Tokenizer.cut_for_search`: each word of `cut` preceded by its dictionary
    /// 2-grams (words longer than 2) and then 3-grams (longer than 3).
    pub fn cut_for_search(&self, text: &str, hmm: bool, scratch: &mut Scratch, out: &mut Tokens) -> Result<()> {
        self.cut_with(text, CutMode::from_flags(false, hmm), true, scratch, out)
    }

    fn cut_with(&self, text: &str, mode: CutMode, search: bool, scratch: &mut Scratch, out: &mut Tokens) -> Result<()> {
        let mut result = Ok(());
        // The block buffers leave the scratch while the pre-split fills them.
        let (mut chars, mut offsets) = (std::mem::take(&mut scratch.chars), std::mem::take(&mut scratch.offsets));
        presplit_decoding(text, is_block_char, &mut chars, &mut offsets, |piece, chars, offsets| match piece {
            Piece::Block(..) => {
                if result.is_ok() {
                    result = self.cut_block(text, chars, offsets, mode, search, scratch, out);
                }
            }
            // Outside blocks no token is longer than two characters: no search grams.
            Piece::Space(s, e) => out.push(s, e, NO_WORD),
            Piece::Other(s, e) if mode == CutMode::All => out.push(s, e, NO_WORD),
            Piece::Other(s, e) => out.push_chars(text, s, e),
        });
        (scratch.chars, scratch.offsets) = (chars, offsets);
        result
    }

    /// Cuts one block, whose characters are `chars` at the byte `offsets` (plus its end).
    /// With `search`, the block's words are followed up with [`expand_for_search`].
    #[allow(clippy::too_many_arguments)]
    fn cut_block(&self, text: &str, chars: &[char], offsets: &[usize], mode: CutMode, search: bool, scratch: &mut Scratch, out: &mut Tokens) -> Result<()> {
        if mode == CutMode::All {
            self.cut_all_block(text, chars, offsets, scratch, out);
            return Ok(());
        }
        if search {
            scratch.route.build::<true>(self.dict, text, chars, offsets)?;
        } else {
            scratch.route.build::<false>(self.dict, text, chars, offsets)?;
        }
        if !search {
            if mode == CutMode::Hmm {
                self.cut_hmm_block(text, chars, offsets, scratch, out);
            } else {
                cut_no_hmm_block(text, offsets, &scratch.route, out);
            }
            return Ok(());
        }
        let mut words = std::mem::take(&mut scratch.words);
        words.clear();
        if mode == CutMode::Hmm {
            self.cut_hmm_block(text, chars, offsets, scratch, &mut words);
        } else {
            cut_no_hmm_block(text, offsets, &scratch.route, &mut words);
        }
        expand_for_search(offsets, &scratch.route, &words, out);
        scratch.words = words;
        Ok(())
    }

    /// jieba's `__cut_DAG`: single-character steps of the route are buffered; a buffer of
    /// several characters that is not a known word goes to `finalseg`.
    fn cut_hmm_block(&self, text: &str, chars: &[char], offsets: &[usize], scratch: &mut Scratch, out: &mut Tokens) {
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
    fn flush_hmm_buffer(&self, text: &str, chars: &[char], offsets: &[usize], from: usize, to: usize, scratch: &mut Scratch, out: &mut Tokens) {
        let (s, e) = (offsets[from], offsets[to]);
        if to - from == 1 {
            out.push(s, e, scratch.route.word(from));
        } else if self.dict.has_positive_coded(&text[s..e], &scratch.route.codes()[from..to]) {
            for i in from..to {
                out.push(offsets[i], offsets[i + 1], scratch.route.word(i));
            }
        } else {
            cut_unknown(text, &chars[from..to], &offsets[from..=to], self.hmm, self.force_split, &mut scratch.finalseg, out);
        }
    }

    /// jieba's `__cut_all`, step for step: `old_j` suppresses single characters already
    /// covered by a longer word, and single-edge words starting with an ASCII letter or
    /// digit are joined into one token.
    ///
    /// Each position's edges are found by walking from it as the cut goes (the graph is
    /// never stored).  Base words come shortest first, so once a second edge turns up the
    /// position is known to have several and they are emitted as the walk finds them;
    /// with words added at run time, `edges` collects `(end, id)` and sorts them.
    fn cut_all_block(&self, text: &str, chars: &[char], offsets: &[usize], scratch: &mut Scratch, out: &mut Tokens) {
        let Scratch { codes, edges, eng_buf, .. } = scratch;
        let bytes = text.as_bytes();
        let n = offsets.len() - 1;
        let mut old_j: isize = -1;
        let mut eng_scan = false;
        eng_buf.clear();
        codes.clear();
        self.dict.encode_base(chars, codes);
        let user_words = self.dict.has_user_words();
        for p in 0..WALK_AHEAD.min(n) {
            self.dict.prefetch_walk(codes, p);
        }
        for k in 0..n {
            self.dict.prefetch_walk(codes, k + WALK_AHEAD);
            let is_eng = bytes[offsets[k]].is_ascii_alphanumeric();
            if eng_scan && !is_eng {
                eng_scan = false;
                flush_joined(text, eng_buf, out);
            }
            let start = offsets[k];
            // The number of edges, and the first (jieba's `[k]` when there is none).
            let (count, first) = if user_words {
                edges.clear();
                self.dict.for_each_prefix_end_coded(&codes[k..], |len, id| edges.push((k + len - 1, id)));
                self.dict.for_each_user_word(&text[start..offsets[n]], &chars[k..n], |len, _| edges.push((k + len - 1, NO_WORD)));
                // Base and user words are distinct strings, so no two share an end.
                edges.sort_unstable_by_key(|&(j, _)| j);
                if edges.len() > 1 {
                    for &(j, id) in edges.iter().filter(|&&(j, _)| j > k) {
                        out.push(start, offsets[j + 1], id);
                        old_j = j as isize;
                    }
                }
                (edges.len(), edges.first().copied().unwrap_or((k, NO_WORD)))
            } else {
                let (mut count, mut first) = (0, (k, NO_WORD));
                self.dict.for_each_prefix_end_coded(&codes[k..], |len, id| {
                    let j = k + len - 1;
                    count += 1;
                    if count == 1 {
                        first = (j, id);
                        return;
                    }
                    if count == 2 && first.0 > k {
                        out.push(start, offsets[first.0 + 1], first.1);
                    }
                    // Later edges end after the first, so after `k`.
                    out.push(start, offsets[j + 1], id);
                    old_j = j as isize;
                });
                (count, first)
            };
            if count > 1 {
                continue;
            }
            let (j, id) = first;
            if k as isize > old_j {
                let word = (start, offsets[j + 1]);
                if is_eng {
                    if !eng_scan {
                        eng_scan = true;
                        eng_buf.clear();
                    }
                    eng_buf.push(word);
                }
                if !eng_scan {
                    out.push(word.0, word.1, id);
                }
                old_j = j as isize;
            } else if j > k {
                out.push(start, offsets[j + 1], id);
                old_j = j as isize;
            }
        }
        if eng_scan {
            flush_joined(text, eng_buf, out);
        }
    }
}

/// `cut_for_search`'s expansion of one block's `words` (which tile the block in order):
/// before each word of more than two characters, its 2-grams that are dictionary words,
/// then (more than three) its 3-grams.  [`Route::build`] noted those words while it
/// walked, so nothing is looked up again.
fn expand_for_search(offsets: &[usize], route: &Route, words: &Tokens, out: &mut Tokens) {
    let mut start = 0; // character position of the current word in the block
    for (&(s, e), &id) in words.spans.iter().zip(&words.ids) {
        debug_assert_eq!(offsets[start], s);
        let mut end = start + 1;
        while offsets[end] < e {
            end += 1;
        }
        let n = end - start;
        for width in [2, 3] {
            if n > width {
                for i in start..=end - width {
                    let gram = route.gram(i, width);
                    if gram != NO_GRAM {
                        out.push(offsets[i], offsets[i + width], gram);
                    }
                }
            }
        }
        out.push(s, e, id);
        start = end;
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

/// Emits `cut_all`'s joined ASCII buffer: one span when its parts are adjacent, else an
/// owned string.
fn flush_joined(text: &str, parts: &[(usize, usize)], out: &mut Tokens) {
    let adjacent = parts.windows(2).all(|w| w[0].1 == w[1].0);
    match (parts.first(), parts.last()) {
        (Some(&(s, _)), Some(&(_, e))) if adjacent => out.push(s, e, NO_WORD),
        _ => {
            out.push(JOINED, out.joined.len(), NO_WORD);
            out.joined.push((parts.iter().map(|&(s, e)| &text[s..e]).collect(), parts.last().map_or(0, |p| p.1)));
        }
    }
}
