//! Tokens of many texts as columns (Arrow's layout), with no string made per token.
//!
//! A column of texts is cut in groups of items on several threads ([`super::in_order`]);
//! each thread turns its group into a *part* ([`TokenPart`], [`OffsetPart`],
//! [`TaggedPart`]) whose tokens are already offsets and bytes, and one thread joins the
//! parts in order ([`Join`]) into the buffers of the output arrays.
//!
//! In the modes whose tokens tile the text in order ([`crate::Mode::partitions`]: `cut`
//! without `cut_all`, and posseg's words), a column's token bytes are its texts' bytes,
//! one after another: the parts then copy nothing and the output can share the input's
//! bytes.
//!
//! Offsets are 32-bit until a position passes `i32::MAX`, then 64-bit ([`OffsetVec`]),
//! as Arrow's `list`/`large_list` and `string`/`large_string`.

mod builders;
mod offsets;
mod parts;
#[cfg(test)]
mod tests;

pub use builders::{
    Join, OffsetList, OffsetListBuilder, Strings, TaggedList, TaggedListBuilder, TokenList,
    TokenListBuilder,
};
pub use offsets::{OffsetVec, SMALL_MAX};
pub use parts::{
    cut_offsets, cut_tokens, tag, OffsetPart, PieceEnd, StringsPart, TaggedPart, TokenPart,
};

/// Items to cut, as a column: texts, some of them missing (Arrow's nulls).
pub trait TextColumn: Sync {
    /// Item `i`'s text, `None` for a null.
    fn text(&self, i: usize) -> Option<&str>;
}

impl<T: AsRef<str> + Sync> TextColumn for [Option<T>] {
    fn text(&self, i: usize) -> Option<&str> {
        self[i].as_ref().map(AsRef::as_ref)
    }
}
