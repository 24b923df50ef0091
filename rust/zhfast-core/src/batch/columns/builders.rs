//! Joining the parts of one column, in item order, into the buffers of its arrays.
//!
//! This runs on one thread (the one that hands results back), so it only copies slices
//! and shifts offsets: every per-token decision was made where the part was cut.

use super::offsets::{OffsetVec, Offsets};
use super::parts::{OffsetPart, PieceEnd, StringsPart, TaggedPart, TokenPart};
use crate::error::{Error, Result};

/// What joins the parts of one column, in order, and what it makes of them.
pub trait Join {
    /// What one group of items contributes.
    type Part: Send;
    /// The finished column's buffers.
    type Output;
    /// Appends the next part.
    fn append(&mut self, part: Self::Part) -> Result<()>;
    /// The column's buffers.
    fn finish(self) -> Self::Output;
}

/// A string array's buffers: offsets, and the bytes unless they are the input's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    /// Where each string ends.
    pub offsets: OffsetVec,
    /// The strings' bytes; empty when they were shared with the input.
    pub bytes: Vec<u8>,
}

#[derive(Debug)]
struct StringsBuilder {
    offsets: Offsets,
    bytes: Vec<u8>,
    len: u64,
}

impl StringsBuilder {
    fn new(small_max: u64) -> Self {
        StringsBuilder {
            offsets: Offsets::new(small_max),
            bytes: Vec::new(),
            len: 0,
        }
    }

    fn append(&mut self, part: &StringsPart) {
        self.offsets.extend_shifted(self.len, &part.ends);
        self.bytes.extend_from_slice(&part.bytes);
        self.len += u64::from(part.len);
    }

    fn finish(self) -> Strings {
        Strings {
            offsets: self.offsets.finish(),
            bytes: self.bytes,
        }
    }
}

/// The offsets of a list array: where each item's values end.
#[derive(Debug)]
struct ListBuilder {
    offsets: Offsets,
    /// Values appended so far.
    values: u64,
}

impl ListBuilder {
    fn new(small_max: u64) -> Self {
        ListBuilder {
            offsets: Offsets::new(small_max),
            values: 0,
        }
    }

    /// Ends an item at every piece that ends one; the values of a piece that does not
    /// go to the item its next pieces end.
    fn append(&mut self, pieces: &[PieceEnd], values: usize) {
        self.offsets.reserve(pieces.len());
        for piece in pieces.iter().filter(|p| p.ends_item) {
            self.offsets.push(self.values + u64::from(piece.tokens));
        }
        self.values += values as u64;
    }
}

/// `list<string>` of tokens: the list offsets and the token strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenList {
    /// Where each item's tokens end.
    pub lists: OffsetVec,
    /// The tokens.
    pub tokens: Strings,
}

/// Joins [`TokenPart`]s.
#[derive(Debug)]
pub struct TokenListBuilder {
    lists: ListBuilder,
    tokens: StringsBuilder,
}

impl TokenListBuilder {
    /// An empty column whose offsets switch to 64 bits past `small_max` (at most
    /// `i32::MAX`; less only to test that path).
    pub fn new(small_max: u64) -> Self {
        TokenListBuilder {
            lists: ListBuilder::new(small_max),
            tokens: StringsBuilder::new(small_max),
        }
    }
}

impl Join for TokenListBuilder {
    type Part = TokenPart;
    type Output = TokenList;

    fn append(&mut self, part: TokenPart) -> Result<()> {
        self.lists.append(part.pieces(), part.tokens.ends.len());
        self.tokens.append(&part.tokens);
        Ok(())
    }

    fn finish(self) -> TokenList {
        TokenList {
            lists: self.lists.offsets.finish(),
            tokens: self.tokens.finish(),
        }
    }
}

/// `list<uint32>` of code-point end offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetList {
    /// Where each item's offsets end.
    pub lists: OffsetVec,
    /// Every token's end, in code points from the start of its item.
    pub ends: Vec<u32>,
}

/// Joins [`OffsetPart`]s.
#[derive(Debug)]
pub struct OffsetListBuilder {
    lists: ListBuilder,
    ends: Vec<u32>,
    /// Code points of the current item in the pieces before this one.
    carry: u32,
}

impl OffsetListBuilder {
    /// An empty column; `small_max` as in [`TokenListBuilder::new`].
    pub fn new(small_max: u64) -> Self {
        OffsetListBuilder {
            lists: ListBuilder::new(small_max),
            ends: Vec::new(),
            carry: 0,
        }
    }
}

impl Join for OffsetListBuilder {
    type Part = OffsetPart;
    type Output = OffsetList;

    fn append(&mut self, part: OffsetPart) -> Result<()> {
        self.lists.append(part.pieces(), part.ends.len());
        if self.carry == 0 && part.pieces().iter().all(|p| p.ends_item) {
            // Whole items only (the usual case): the offsets are final as they are.
            self.ends.extend_from_slice(&part.ends);
            return Ok(());
        }
        let mut start = 0;
        for piece in part.pieces() {
            let ends = &part.ends[start..piece.tokens as usize];
            if self.carry == 0 {
                self.ends.extend_from_slice(ends);
            } else {
                // A piece after the first of its item: its offsets go on from the
                // pieces before it.
                for &end in ends {
                    let end = end
                        .checked_add(self.carry)
                        .ok_or_else(|| Error::Column("text longer than 2**32 characters".into()))?;
                    self.ends.push(end);
                }
            }
            self.carry = if piece.ends_item {
                0
            } else {
                self.carry
                    .checked_add(piece.chars)
                    .ok_or_else(|| Error::Column("text longer than 2**32 characters".into()))?
            };
            start = piece.tokens as usize;
        }
        Ok(())
    }

    fn finish(self) -> OffsetList {
        OffsetList {
            lists: self.lists.offsets.finish(),
            ends: self.ends,
        }
    }
}

/// `list<struct<word: string, flag: string>>` of tagged words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedList {
    /// Where each item's words end.
    pub lists: OffsetVec,
    /// The words.
    pub words: Strings,
    /// Their tags.
    pub flags: Strings,
}

/// Joins [`TaggedPart`]s.
#[derive(Debug)]
pub struct TaggedListBuilder {
    lists: ListBuilder,
    words: StringsBuilder,
    flags: StringsBuilder,
}

impl TaggedListBuilder {
    /// An empty column; `small_max` as in [`TokenListBuilder::new`].
    pub fn new(small_max: u64) -> Self {
        TaggedListBuilder {
            lists: ListBuilder::new(small_max),
            words: StringsBuilder::new(small_max),
            flags: StringsBuilder::new(small_max),
        }
    }
}

impl Join for TaggedListBuilder {
    type Part = TaggedPart;
    type Output = TaggedList;

    fn append(&mut self, part: TaggedPart) -> Result<()> {
        self.lists.append(part.pieces(), part.words.ends.len());
        self.words.append(&part.words);
        self.flags.append(&part.flags);
        Ok(())
    }

    fn finish(self) -> TaggedList {
        TaggedList {
            lists: self.lists.offsets.finish(),
            words: self.words.finish(),
            flags: self.flags.finish(),
        }
    }
}
