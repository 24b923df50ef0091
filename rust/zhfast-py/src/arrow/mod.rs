//! Columns of texts in, columns of tokens out, through the Arrow PyCapsule interface:
//! `cut_arrow`, `cut_for_search_arrow`, `cut_offsets_arrow`, `posseg.cut_arrow`.
//!
//! No Python object is made per token or per text: the texts are read in place from the
//! input's buffers (`input`), cut on several threads (`pipeline`) into column-shaped
//! parts (`zhfast_core::batch::columns`), joined into Arrow buffers (`output`) and handed
//! out as capsules (`capsules`, `stream`, `column`).  Where the tokens tile their text
//! (`cut` without `cut_all`, posseg's words) the output's string bytes are the input's
//! own buffer, shared.

mod capsules;
mod column;
mod input;
mod output;
mod pipeline;
mod stream;

use std::sync::atomic::{AtomicU64, Ordering};

use arrow_buffer::Buffer;
use pyo3::prelude::*;
use zhfast_core::batch::columns::{
    self, cut_offsets, cut_tokens, tag, OffsetListBuilder, TaggedListBuilder, TokenListBuilder,
};
use zhfast_core::{Mode, PosSegmenter, Segmenter, Snapshot};

pub use column::{ArrowArray, ArrowChunkedArray};
use output::Built;

use crate::errors::to_py;
use crate::force_split;
use crate::strings::WordStrings;
use crate::tags::TagTable;

/// Where offsets switch to 64 bits: `i32::MAX`, or less to test the `large_` types.
static SMALL_MAX: AtomicU64 = AtomicU64::new(columns::SMALL_MAX);

/// Sets where the offsets of Arrow results switch to 64 bits (`None`: where 32-bit
/// offsets end).  For tests of the `large_list`/`large_string` results, which would
/// otherwise need gigabytes of text.
#[pyfunction]
#[pyo3(signature = (limit=None))]
pub fn _set_arrow_offset_limit(limit: Option<u64>) {
    SMALL_MAX.store(limit.unwrap_or(columns::SMALL_MAX), Ordering::Relaxed);
}

fn small_max() -> u64 {
    SMALL_MAX.load(Ordering::Relaxed)
}

/// The input's bytes for each chunk whose output can share them (`tiles`: the tokens
/// tile the text).
fn shared_bytes(input: &capsules::Input, tiles: bool) -> Vec<Option<Buffer>> {
    input
        .chunks
        .iter()
        .map(|c| if tiles { c.shareable_bytes() } else { None })
        .collect()
}

/// Each chunk's column with the input's nulls and shared bytes.
fn built<C>(
    input: &capsules::Input,
    columns: Vec<C>,
    shared: Vec<Option<Buffer>>,
) -> Vec<Built<C>> {
    columns
        .into_iter()
        .zip(shared)
        .zip(&input.chunks)
        .map(|((column, shared), chunk)| Built {
            column,
            nulls: chunk.nulls().cloned(),
            shared,
        })
        .collect()
}

/// `[lcut(t, ...) for t in texts]` (or `lcut_for_search`, as `mode` says) as
/// `list<string>`.
pub(crate) fn cut(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    texts: &Bound<'_, PyAny>,
    mode: Mode,
    threads: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let input = capsules::import(texts)?;
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    let shared = shared_bytes(&input, mode.partitions());
    let limit = small_max();
    let columns = pipeline::run(
        py,
        &input,
        threads,
        || TokenListBuilder::new(limit),
        |c, texts| {
            cut_tokens(&seg, mode, texts, 0..texts.len(), shared[c].is_some()).map_err(to_py)
        },
    )?;
    let arrays = output::token_lists(built(&input, columns, shared));
    column::result(py, arrays, input.chunked)
}

/// `[cut_offsets(t, ...) for t in texts]` as `list<uint32>`.
pub(crate) fn offsets(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    texts: &Bound<'_, PyAny>,
    mode: Mode,
    threads: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let input = capsules::import(texts)?;
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    let limit = small_max();
    let columns = pipeline::run(
        py,
        &input,
        threads,
        || OffsetListBuilder::new(limit),
        |_, texts| cut_offsets(&seg, mode, texts, 0..texts.len()).map_err(to_py),
    )?;
    let none = vec![None; columns.len()];
    let arrays = output::offset_lists(built(&input, columns, none));
    column::result(py, arrays, input.chunked)
}

/// `[posseg.lcut(t, HMM) for t in texts]` as `list<struct<word: string, flag: string>>`.
pub(crate) fn pos_cut(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    texts: &Bound<'_, PyAny>,
    hmm: bool,
    user_tags: Option<&TagTable>,
    threads: Option<usize>,
) -> PyResult<Py<PyAny>> {
    let input = capsules::import(texts)?;
    let lookup = |w: &str| user_tags.and_then(|t| t.get(w));
    let seg = PosSegmenter::new(&snapshot.dict, &lookup);
    // posseg's words tile the text.
    let shared = shared_bytes(&input, true);
    let limit = small_max();
    let columns = pipeline::run(
        py,
        &input,
        threads,
        || TaggedListBuilder::new(limit),
        |c, texts| tag(&seg, hmm, texts, 0..texts.len(), shared[c].is_some()).map_err(to_py),
    )?;
    let arrays = output::tagged_lists(built(&input, columns, shared));
    column::result(py, arrays, input.chunked)
}
