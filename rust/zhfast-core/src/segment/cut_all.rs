//! jieba's `__cut_all`: every dictionary word of a block, in jieba's order.

use super::{Scratch, Segmenter, WALK_AHEAD};
use crate::tokens::{Tokens, JOINED, NO_WORD};

impl Segmenter<'_> {
    /// jieba's `__cut_all`, step for step: `old_j` suppresses single characters already
    /// covered by a longer word, and single-edge words starting with an ASCII letter or
    /// digit are joined into one token.
    ///
    /// Each position's edges are found by walking from it as the cut goes (the graph is
    /// never stored).  Base words come shortest first, so once a second edge turns up the
    /// position is known to have several and they are emitted as the walk finds them;
    /// with words added at run time, `edges` collects `(end, id)` and sorts them.
    pub(super) fn cut_all_block(
        &self,
        text: &str,
        chars: &[char],
        offsets: &[usize],
        scratch: &mut Scratch,
        out: &mut Tokens,
    ) {
        let Scratch {
            codes,
            edges,
            eng_buf,
            ..
        } = scratch;
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
                self.dict.for_each_prefix_end_coded(&codes[k..], |len, id| {
                    edges.push((k + len - 1, id))
                });
                self.dict
                    .for_each_user_word(&text[start..offsets[n]], &chars[k..n], |len, _| {
                        edges.push((k + len - 1, NO_WORD))
                    });
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

/// Emits `cut_all`'s joined ASCII buffer: one span when its parts are adjacent, else an
/// owned string.
fn flush_joined(text: &str, parts: &[(usize, usize)], out: &mut Tokens) {
    let adjacent = parts.windows(2).all(|w| w[0].1 == w[1].0);
    match (parts.first(), parts.last()) {
        (Some(&(s, _)), Some(&(_, e))) if adjacent => out.push(s, e, NO_WORD),
        _ => {
            out.push(JOINED, out.joined.len(), NO_WORD);
            out.joined.push((
                parts.iter().map(|&(s, e)| &text[s..e]).collect(),
                parts.last().map_or(0, |p| p.1),
            ));
        }
    }
}
