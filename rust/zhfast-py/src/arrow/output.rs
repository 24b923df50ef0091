//! The core's column buffers as Arrow arrays: `list<string>`, `list<uint32>` and
//! `list<struct<word: string, flag: string>>`, 64-bit (`large_`) where the offsets need it.
//!
//! Every chunk of a result has one type, so the offsets of all chunks are widened to
//! 64 bits when those of any chunk needed it.

use std::sync::Arc;

use arrow_buffer::{Buffer, NullBuffer};
use arrow_data::ArrayData;
use arrow_schema::{DataType, Field, Fields};
use zhfast_core::batch::columns::{OffsetList, OffsetVec, Strings, TaggedList, TokenList};

/// Whether 64-bit offsets are needed: for the lists, and for each string child.
#[derive(Debug, Clone, Copy, Default)]
struct Widths {
    lists: bool,
    first: bool,
    second: bool,
}

fn offsets_buffer(offsets: OffsetVec, large: bool) -> Buffer {
    match if large { offsets.widen() } else { offsets } {
        OffsetVec::Small(v) => Buffer::from_vec(v),
        OffsetVec::Large(v) => Buffer::from_vec(v),
    }
}

fn string_type(large: bool) -> DataType {
    if large {
        DataType::LargeUtf8
    } else {
        DataType::Utf8
    }
}

/// The list type over items of type `item`.
fn list_type(item: DataType, large: bool) -> DataType {
    let field = Arc::new(Field::new("item", item, true));
    if large {
        DataType::LargeList(field)
    } else {
        DataType::List(field)
    }
}

fn tagged_type(widths: Widths) -> DataType {
    DataType::Struct(Fields::from(vec![
        Field::new("word", string_type(widths.first), true),
        Field::new("flag", string_type(widths.second), true),
    ]))
}

/// A string array over `strings`, whose bytes are `shared` when they were not copied.
fn strings_data(strings: Strings, shared: Option<Buffer>, large: bool) -> ArrayData {
    let len = strings.offsets.values();
    let bytes = shared.unwrap_or_else(|| Buffer::from_vec(strings.bytes));
    let builder = ArrayData::builder(string_type(large))
        .len(len)
        .add_buffer(offsets_buffer(strings.offsets, large))
        .add_buffer(bytes);
    // SAFETY: the offsets rise from 0 to the end of the bytes, each at a token's end,
    // and every token is UTF-8 (a slice of checked text, or a copy of one).
    unsafe { builder.build_unchecked() }
}

/// A list array of `len` items, `nulls` where the input had them, over `values`.
fn list_data(
    item: DataType,
    lists: OffsetVec,
    large: bool,
    nulls: Option<&NullBuffer>,
    values: ArrayData,
) -> ArrayData {
    let builder = ArrayData::builder(list_type(item, large))
        .len(lists.values())
        .add_buffer(offsets_buffer(lists, large))
        .nulls(nulls.cloned())
        .add_child_data(values);
    // SAFETY: one offset per item and one more, rising from 0 to the values' length;
    // the null buffer is the input's, of the same length.
    unsafe { builder.build_unchecked() }
}

/// One chunk's result and what it needs from its input.
pub(crate) struct Built<C> {
    pub column: C,
    pub nulls: Option<NullBuffer>,
    /// The input's bytes, when the tokens' bytes are them.
    pub shared: Option<Buffer>,
}

/// The type of a result's items, and each chunk's array.
pub(crate) type Arrays = (DataType, Vec<ArrayData>);

/// `list<string>` chunks of tokens.
pub(crate) fn token_lists(chunks: Vec<Built<TokenList>>) -> Arrays {
    let widths = Widths {
        lists: chunks.iter().any(|c| c.column.lists.is_large()),
        first: chunks.iter().any(|c| c.column.tokens.offsets.is_large()),
        second: false,
    };
    let arrays = chunks
        .into_iter()
        .map(|c| {
            let values = strings_data(c.column.tokens, c.shared, widths.first);
            list_data(
                string_type(widths.first),
                c.column.lists,
                widths.lists,
                c.nulls.as_ref(),
                values,
            )
        })
        .collect();
    (list_type(string_type(widths.first), widths.lists), arrays)
}

/// `list<uint32>` chunks of code-point end offsets.
pub(crate) fn offset_lists(chunks: Vec<Built<OffsetList>>) -> Arrays {
    let large = chunks.iter().any(|c| c.column.lists.is_large());
    let arrays = chunks
        .into_iter()
        .map(|c| {
            let ends = c.column.ends;
            let values = ArrayData::builder(DataType::UInt32)
                .len(ends.len())
                .add_buffer(Buffer::from_vec(ends));
            // SAFETY: one buffer of `len` u32 values, no nulls.
            let values = unsafe { values.build_unchecked() };
            list_data(
                DataType::UInt32,
                c.column.lists,
                large,
                c.nulls.as_ref(),
                values,
            )
        })
        .collect();
    (list_type(DataType::UInt32, large), arrays)
}

/// `list<struct<word: string, flag: string>>` chunks of tagged words.
pub(crate) fn tagged_lists(chunks: Vec<Built<TaggedList>>) -> Arrays {
    let widths = Widths {
        lists: chunks.iter().any(|c| c.column.lists.is_large()),
        first: chunks.iter().any(|c| c.column.words.offsets.is_large()),
        second: chunks.iter().any(|c| c.column.flags.offsets.is_large()),
    };
    let arrays = chunks
        .into_iter()
        .map(|c| {
            let len = c.column.words.offsets.values();
            let words = strings_data(c.column.words, c.shared, widths.first);
            let flags = strings_data(c.column.flags, None, widths.second);
            let pairs = ArrayData::builder(tagged_type(widths))
                .len(len)
                .add_child_data(words)
                .add_child_data(flags);
            // SAFETY: two children of `len` strings each, no nulls.
            let pairs = unsafe { pairs.build_unchecked() };
            list_data(
                tagged_type(widths),
                c.column.lists,
                widths.lists,
                c.nulls.as_ref(),
                pairs,
            )
        })
        .collect();
    (list_type(tagged_type(widths), widths.lists), arrays)
}
