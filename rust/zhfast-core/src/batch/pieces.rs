//! A batch as pieces: every short text whole, every long text split where jieba's
//! pre-split allows ([`SplitRule`]), so that one long text is cut by several threads and
//! the pieces' tokens, put back one after another, are the text's.

use crate::error::Result;
use crate::mode::Mode;
use crate::posseg::{PosSegmenter, Tagged};
use crate::segment::Segmenter;
use crate::text::split::SplitRule;
use crate::tokens::Tokens;
use crate::worker::Worker;

use super::TokenBatch;

/// A text longer than this is split into pieces at least this long (but its last), which
/// threads share: the batch calls' and the Arrow calls' threshold.  16 KB is a few
/// hundred tokens, so that handing a piece over costs little next to cutting it.
pub const PIECE_BYTES: usize = 16 << 10;

/// Bytes `start..end` of text `text` of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Index of the text in the batch.
    pub text: usize,
    /// Byte offset where the piece starts in its text (0 for its first piece).
    pub start: usize,
    /// Byte offset where the piece ends in its text.
    pub end: usize,
    /// Whether the piece is its text's last.
    pub last: bool,
}

impl Piece {
    /// The piece's text, given the batch.
    pub fn of<'a, T: AsRef<str>>(&self, texts: &'a [T]) -> &'a str {
        &texts[self.text].as_ref()[self.start..self.end]
    }

    /// Whether the piece is a whole text.
    pub fn is_whole(&self) -> bool {
        self.start == 0 && self.last
    }

    /// The piece's length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the piece is empty (only an empty text is).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The pieces of `texts`, in order: a text longer than `piece_bytes` is split by `rule`
/// into pieces of at least `piece_bytes` (but its last); any other text is one piece.
pub fn split_texts<T: AsRef<str>>(texts: &[T], rule: SplitRule, piece_bytes: usize) -> Vec<Piece> {
    let mut out = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let text = text.as_ref();
        if text.len() <= piece_bytes {
            out.push(Piece {
                text: i,
                start: 0,
                end: text.len(),
                last: true,
            });
            continue;
        }
        let ranges = rule.pieces(text, piece_bytes);
        let n = ranges.len();
        out.extend(
            ranges
                .into_iter()
                .enumerate()
                .map(|(k, (start, end))| Piece {
                    text: i,
                    start,
                    end,
                    last: k + 1 == n,
                }),
        );
    }
    out
}

/// Cuts `pieces` of `texts` one after another on this thread into one [`TokenBatch`],
/// one entry of `bounds` per piece; each piece's spans are offsets into the piece's own
/// text ([`Piece::of`]).  Stops at the first failing piece.
pub fn cut_pieces<T: AsRef<str>>(
    seg: &Segmenter<'_>,
    texts: &[T],
    pieces: &[Piece],
    mode: Mode,
) -> Result<TokenBatch> {
    Worker::with_thread_worker(|worker| {
        let mut batch = TokenBatch {
            tokens: Tokens::default(),
            bounds: Vec::with_capacity(pieces.len() + 1),
        };
        batch.bounds.push(0);
        for piece in pieces {
            worker.cut_into(seg, piece.of(texts), mode, &mut batch.tokens)?;
            batch.bounds.push(batch.tokens.len());
        }
        Ok(batch)
    })
}

/// Tags `pieces` of `texts` (posseg) one after another on this thread; spans as in
/// [`cut_pieces`].
pub fn tag_pieces<T: AsRef<str>>(
    seg: &PosSegmenter<'_>,
    texts: &[T],
    pieces: &[Piece],
    hmm: bool,
) -> Result<Vec<Tagged>> {
    Worker::with_thread_worker(|worker| {
        pieces
            .iter()
            .map(|piece| {
                let mut out = Tagged::default();
                worker
                    .tag_into(seg, piece.of(texts), hmm, &mut out)
                    .map(|()| out)
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::Dictionary;

    #[test]
    fn long_texts_are_split_and_cut_alike() {
        let dict = Dictionary::jieba_default();
        let force = HashSet::new();
        let seg = Segmenter::new(&dict, &force);
        let texts = [
            "我来到北京清华大学，他来到了网易杭研大厦。".repeat(20),
            String::new(),
            "短句".to_string(),
        ];
        for mode in [Mode::Default, Mode::NoHmm, Mode::All, Mode::Search] {
            let pieces = split_texts(&texts, mode.split_rule(), 16);
            assert!(pieces.len() > 20);
            assert_eq!(pieces.iter().filter(|p| p.last).count(), texts.len());
            let batch = cut_pieces(&seg, &texts, &pieces, mode).unwrap();
            let mut got: Vec<Vec<String>> = vec![Vec::new(); texts.len()];
            for (i, p) in pieces.iter().enumerate() {
                let text = p.of(&texts);
                got[p.text].extend(
                    batch
                        .range(i)
                        .map(|k| batch.tokens.get(text, k).to_string()),
                );
            }
            for (text, got) in texts.iter().zip(&got) {
                let mut worker = Worker::new();
                let whole: Vec<String> = worker
                    .cut(&seg, text, mode)
                    .unwrap()
                    .iter(text)
                    .map(str::to_string)
                    .collect();
                assert_eq!(got, &whole, "{mode:?}");
            }
        }
    }
}
