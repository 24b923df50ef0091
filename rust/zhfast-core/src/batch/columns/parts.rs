//! What one thread makes of a group of items: their tokens, already column-shaped, so
//! that joining the groups is a few slice copies.
//!
//! Each item is cut as one *piece* here; a long item may be split into several pieces
//! (at points where the cut does not change), cut on several threads, and every piece
//! records whether it ends its item so that the joining puts them back in one list.

use std::ops::Range;

use super::TextColumn;
use crate::error::{Error, Result};
use crate::mode::Mode;
use crate::posseg::PosSegmenter;
use crate::segment::Segmenter;
use crate::text::CharCursor;
use crate::tokens::JOINED;
use crate::worker::Worker;

/// Where one piece's tokens end within its part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PieceEnd {
    /// Tokens in the part up to the end of this piece.
    pub tokens: u32,
    /// The piece's length in code points when it does not end its item (the next
    /// piece's code-point offsets go on from there); 0 when it does.
    pub chars: u32,
    /// Whether the piece is its item's last (or only) one.
    pub ends_item: bool,
}

/// Strings of one part: where each ends, counted from the part's start, and their bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct StringsPart {
    /// Each string's end.
    pub ends: Vec<u32>,
    /// The strings' bytes; empty when they are the input's own bytes, one text after
    /// another (see [`Mode::partitions`]).
    pub bytes: Vec<u8>,
    /// The part's length in bytes (of `bytes`, or of the input it stands for).
    pub len: u32,
}

fn too_long() -> Error {
    Error::Column("one text's tokens exceed 4 GiB".into())
}

impl StringsPart {
    /// Appends `piece`, cut into tokens at `spans` (byte ranges of it that follow one
    /// another and cover it), copying its bytes unless they are `shared`.
    fn push_partition(
        &mut self,
        piece: &str,
        spans: impl Iterator<Item = (usize, usize)>,
        shared: bool,
    ) -> Result<()> {
        let base = self.len;
        let len = u32::try_from(piece.len()).map_err(|_| too_long())?;
        let top = base.checked_add(len).ok_or_else(too_long)?;
        let mut at = 0;
        for (start, end) in spans {
            // The ends alone stand for the tokens only if the tokens tile the text (a
            // broken invariant is a bug: the batch scheduler reports the panic).
            assert_eq!(start, at, "tokens of a tiling mode left a gap or overlap");
            self.ends.push(base + end as u32);
            at = end;
        }
        assert_eq!(
            at,
            piece.len(),
            "tokens of a tiling mode did not cover the text"
        );
        if !shared {
            self.bytes.extend_from_slice(piece.as_bytes());
        }
        self.len = top;
        Ok(())
    }

    /// Appends one string, copied.
    #[inline]
    fn push_copy(&mut self, s: &str) -> Result<()> {
        self.bytes.extend_from_slice(s.as_bytes());
        self.len = u32::try_from(self.bytes.len()).map_err(|_| too_long())?;
        self.ends.push(self.len);
        Ok(())
    }
}

/// The records of the pieces of a part.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Pieces(Vec<PieceEnd>);

impl Pieces {
    fn push(&mut self, tokens: usize, chars: u32, ends_item: bool) -> Result<()> {
        let tokens = u32::try_from(tokens).map_err(|_| too_long())?;
        self.0.push(PieceEnd {
            tokens,
            chars: if ends_item { 0 } else { chars },
            ends_item,
        });
        Ok(())
    }
}

/// The tokens of a group of items as strings (`cut_arrow`, `cut_for_search_arrow`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TokenPart {
    /// Every token of the group.
    pub tokens: StringsPart,
    pieces: Pieces,
}

impl TokenPart {
    /// Cuts `piece` in `mode` and appends its tokens: `shared` when the output's values
    /// are the input's bytes (only in a mode whose tokens tile the text).
    pub fn cut_piece(
        &mut self,
        worker: &mut Worker,
        seg: &Segmenter<'_>,
        mode: Mode,
        piece: &str,
        shared: bool,
        ends_item: bool,
    ) -> Result<()> {
        let tokens = worker.cut(seg, piece, mode)?;
        if mode.partitions() {
            self.tokens
                .push_partition(piece, tokens.spans.iter().copied(), shared)?;
        } else {
            assert!(
                !shared,
                "only the tokens of a tiling mode can share the input"
            );
            for i in 0..tokens.len() {
                self.tokens.push_copy(tokens.get(piece, i))?;
            }
        }
        self.pieces.push(self.tokens.ends.len(), 0, ends_item)
    }

    /// Appends an item with no tokens (a null).
    pub fn push_empty(&mut self) -> Result<()> {
        self.pieces.push(self.tokens.ends.len(), 0, true)
    }

    /// The records of the part's pieces.
    pub fn pieces(&self) -> &[PieceEnd] {
        &self.pieces.0
    }
}

/// The code-point end offset of every token of a group of items (`cut_offsets_arrow`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct OffsetPart {
    /// Each token's end, in code points from the start of its piece.
    pub ends: Vec<u32>,
    pieces: Pieces,
}

impl OffsetPart {
    /// Cuts `piece` in `mode` and appends its tokens' end offsets.
    pub fn cut_piece(
        &mut self,
        worker: &mut Worker,
        seg: &Segmenter<'_>,
        mode: Mode,
        piece: &str,
        ends_item: bool,
    ) -> Result<()> {
        let tokens = worker.cut(seg, piece, mode)?;
        let mut cursor = CharCursor::default();
        let ends = tokens.spans.iter().map(|&(start, end)| {
            let end = if start == JOINED {
                tokens.joined[end].1
            } else {
                end
            };
            cursor.char_offset(piece, end)
        });
        if piece.len() <= u32::MAX as usize {
            // No offset is past the piece's length in bytes: nothing to check per token.
            self.ends.extend(ends.map(|end| end as u32));
        } else {
            for end in ends {
                self.ends.push(char_u32(end)?);
            }
        }
        let chars = if ends_item {
            0
        } else {
            char_u32(cursor.char_offset(piece, piece.len()))?
        };
        self.pieces.push(self.ends.len(), chars, ends_item)
    }

    /// Appends an item with no tokens (a null).
    pub fn push_empty(&mut self) -> Result<()> {
        self.pieces.push(self.ends.len(), 0, true)
    }

    /// The records of the part's pieces.
    pub fn pieces(&self) -> &[PieceEnd] {
        &self.pieces.0
    }
}

fn char_u32(chars: usize) -> Result<u32> {
    u32::try_from(chars).map_err(|_| Error::Column("text longer than 2**32 characters".into()))
}

/// Words and tags of a group of items (`posseg.cut_arrow`).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct TaggedPart {
    /// Every word of the group.
    pub words: StringsPart,
    /// Every word's tag.
    pub flags: StringsPart,
    pieces: Pieces,
}

impl TaggedPart {
    /// Tags `piece` (posseg, whose words tile the text) and appends its words and tags.
    pub fn tag_piece(
        &mut self,
        worker: &mut Worker,
        seg: &PosSegmenter<'_>,
        hmm: bool,
        piece: &str,
        shared: bool,
        ends_item: bool,
    ) -> Result<()> {
        let tagged = worker.tag(seg, piece, hmm)?;
        self.words
            .push_partition(piece, tagged.spans.iter().copied(), shared)?;
        for tag in &tagged.tags {
            self.flags.push_copy(tag)?;
        }
        self.pieces.push(self.words.ends.len(), 0, ends_item)
    }

    /// Appends an item with no words (a null).
    pub fn push_empty(&mut self) -> Result<()> {
        self.pieces.push(self.words.ends.len(), 0, true)
    }

    /// The records of the part's pieces.
    pub fn pieces(&self) -> &[PieceEnd] {
        &self.pieces.0
    }
}

/// `items` of `texts` cut in `mode`, each as one piece, into one part.
pub fn cut_tokens<C: TextColumn + ?Sized>(
    seg: &Segmenter<'_>,
    mode: Mode,
    texts: &C,
    items: Range<usize>,
    shared: bool,
) -> Result<TokenPart> {
    Worker::with_thread_worker(|worker| {
        let mut part = TokenPart::default();
        for i in items {
            match texts.text(i) {
                Some(text) => part.cut_piece(worker, seg, mode, text, shared, true)?,
                None => part.push_empty()?,
            }
        }
        Ok(part)
    })
}

/// `items` of `texts` cut in `mode`, as code-point end offsets.
pub fn cut_offsets<C: TextColumn + ?Sized>(
    seg: &Segmenter<'_>,
    mode: Mode,
    texts: &C,
    items: Range<usize>,
) -> Result<OffsetPart> {
    Worker::with_thread_worker(|worker| {
        let mut part = OffsetPart::default();
        for i in items {
            match texts.text(i) {
                Some(text) => part.cut_piece(worker, seg, mode, text, true)?,
                None => part.push_empty()?,
            }
        }
        Ok(part)
    })
}

/// `items` of `texts` tagged (posseg).
pub fn tag<C: TextColumn + ?Sized>(
    seg: &PosSegmenter<'_>,
    hmm: bool,
    texts: &C,
    items: Range<usize>,
    shared: bool,
) -> Result<TaggedPart> {
    Worker::with_thread_worker(|worker| {
        let mut part = TaggedPart::default();
        for i in items {
            match texts.text(i) {
                Some(text) => part.tag_piece(worker, seg, hmm, text, shared, true)?,
                None => part.push_empty()?,
            }
        }
        Ok(part)
    })
}
