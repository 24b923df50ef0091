//! A column cut on several threads without the GIL: groups of items (never crossing a
//! chunk) go to `zhfast_core::batch::in_order`, and the calling thread joins each group's
//! part into its chunk's column as soon as it is next.
//!
//! An item longer than the batch calls' piece size is split where jieba's pre-split
//! breaks (`zhfast_core::batch::columns::group_spans`, the mode's `SplitRule`): its
//! pieces are groups of their own, cut on several threads, and the builders join them
//! back into the item's one list (`ends_item = false` for all but its last piece).

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use zhfast_core::batch::columns::{group_spans, Grouping, Join, Span};
use zhfast_core::batch::in_order::{self, Stopped};
use zhfast_core::batch::pieces::PIECE_BYTES;
use zhfast_core::SplitRule;

use super::capsules::Input;
use crate::errors::to_py;
use crate::gil;
use crate::pools;

/// A group closes at this much text: enough that its hand-over costs next to nothing
/// against its cutting, small enough for the threads to finish together.
const GROUP_BYTES: usize = 16 << 10;
/// ... or at this many items (many short texts).
const GROUP_TEXTS: usize = 512;
/// Groups that helpers may cut ahead of the joining, per thread: bounds the parts
/// held in memory.
const WINDOW_GROUPS_PER_THREAD: usize = 16;

/// Where long items are split: the mode's rule, and the piece size ([`PIECE_BYTES`]
/// unless a test asks for smaller pieces).
pub(crate) struct Split {
    pub rule: SplitRule,
    pub piece_bytes: Option<usize>,
}

/// Cuts every chunk of `input` with `work` (given the chunk's index, a group's texts
/// and whether its last text ends its item) on `threads` threads (all cores for `None`)
/// and joins the parts of each chunk with a builder made by `new`; one output per
/// chunk, in order.
pub(crate) fn run<J, N, W>(
    py: Python<'_>,
    input: &Input,
    threads: Option<usize>,
    split: Split,
    new: N,
    work: W,
) -> PyResult<Vec<J::Output>>
where
    J: Join + Send,
    J::Output: Send,
    N: Fn() -> J + Sync,
    W: Fn(usize, &[Option<&str>], bool) -> PyResult<J::Part> + Sync,
{
    let threads = threads.unwrap_or_else(pools::all_cores).max(1);
    // The calling thread is one of the threads: a pool of the others.
    let helpers = if threads > 1 {
        Some(pools::pool(threads - 1).map_err(PyRuntimeError::new_err)?)
    } else {
        None
    };
    let grouping = Grouping {
        rule: split.rule,
        piece_bytes: split.piece_bytes.unwrap_or(PIECE_BYTES),
        group_bytes: GROUP_BYTES,
        group_texts: GROUP_TEXTS,
    };
    let chunks = &input.chunks;
    gil::detach(py, || {
        // Groups of every chunk in one index space: item `i` of chunk `c` is
        // `starts[c] + i`.  Splitting reads (and checks) each long item once, here.
        let mut starts = Vec::with_capacity(chunks.len());
        let mut groups: Vec<Span> = Vec::new();
        let mut at = 0;
        for chunk in chunks {
            starts.push(at);
            let local = group_spans(&chunk.sizes(), |i| chunk.text(i), &grouping)?;
            groups.extend(local.into_iter().map(|g| g.shifted(at)));
            at += chunk.len();
        }
        // The chunk holding item `pos` (empty chunks share their start with the next).
        let chunk_of = |pos: usize| starts.partition_point(|&s| s <= pos) - 1;
        let work_on = |group: Span| -> PyResult<J::Part> {
            let c = chunk_of(group.items.start);
            let ends_item = group.ends_item();
            let local = Span {
                items: group.items.start - starts[c]..group.items.end - starts[c],
                ..group
            };
            work(c, &chunks[c].texts(&local)?, ends_item)
        };
        let mut outputs = Vec::with_capacity(chunks.len());
        let mut builder = new();
        let hand_over = |group: Span, part: PyResult<J::Part>| -> PyResult<()> {
            // Pending signal handlers run here: Ctrl-C stops a long column between
            // two groups (two pieces of a long item).
            gil::reattach(|py| py.check_signals())?;
            let part = part?;
            let c = chunk_of(group.items.start);
            while outputs.len() < c {
                outputs.push(std::mem::replace(&mut builder, new()).finish());
            }
            builder.append(part).map_err(to_py)
        };
        let window = WINDOW_GROUPS_PER_THREAD * threads;
        in_order::run_in_order(helpers.as_deref(), &groups, window, work_on, hand_over).map_err(
            |stopped| match stopped {
                Stopped::Consumer(err) => err,
                Stopped::Panicked => PyRuntimeError::new_err("zhfast: a batch worker panicked"),
            },
        )?;
        while outputs.len() < chunks.len() {
            outputs.push(std::mem::replace(&mut builder, new()).finish());
        }
        Ok(outputs)
    })
}
