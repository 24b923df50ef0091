//! A column cut on several threads without the GIL: groups of items (never crossing a
//! chunk) go to `zhfast_core::batch::in_order`, and the calling thread joins each group's
//! part into its chunk's column as soon as it is next.
//!
//! Every item is cut whole, as one piece, by the group's `work`.  To cut a long item
//! on several threads, its pieces (split where the cut does not change) would each be
//! a unit of the groups here, cut with the parts' `cut_piece`/`tag_piece` and
//! `ends_item = false` for all but the last: the builders already join such pieces back
//! into one list (`zhfast_core::batch::columns`).

use std::ops::Range;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use zhfast_core::batch::columns::Join;
use zhfast_core::batch::in_order::{self, Stopped};

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

/// Cuts every chunk of `input` with `work` (given the chunk's index and a group's
/// texts) on `threads` threads (all cores for `None`) and joins the parts of each chunk
/// with a builder made by `new`; one output per chunk, in order.
pub(crate) fn run<J, N, W>(
    py: Python<'_>,
    input: &Input,
    threads: Option<usize>,
    new: N,
    work: W,
) -> PyResult<Vec<J::Output>>
where
    J: Join + Send,
    J::Output: Send,
    N: Fn() -> J + Sync,
    W: Fn(usize, &[Option<&str>]) -> PyResult<J::Part> + Sync,
{
    let threads = threads.unwrap_or_else(pools::all_cores).max(1);
    // The calling thread is one of the threads: a pool of the others.
    let helpers = if threads > 1 {
        Some(pools::pool(threads - 1).map_err(PyRuntimeError::new_err)?)
    } else {
        None
    };
    let chunks = &input.chunks;
    gil::detach(py, || {
        // Groups of every chunk in one index space: item `i` of chunk `c` is
        // `starts[c] + i`.
        let mut starts = Vec::with_capacity(chunks.len());
        let mut groups: Vec<Range<usize>> = Vec::new();
        let mut at = 0;
        for chunk in chunks {
            starts.push(at);
            let sizes = chunk.sizes();
            let local = in_order::groups(sizes.iter().copied(), GROUP_BYTES, GROUP_TEXTS);
            groups.extend(local.into_iter().map(|g| at + g.start..at + g.end));
            at += chunk.len();
        }
        // The chunk holding item `pos` (empty chunks share their start with the next).
        let chunk_of = |pos: usize| starts.partition_point(|&s| s <= pos) - 1;
        let work_on = |range: Range<usize>| -> PyResult<J::Part> {
            let c = chunk_of(range.start);
            let texts = chunks[c].texts(range.start - starts[c]..range.end - starts[c])?;
            work(c, &texts)
        };
        let mut outputs = Vec::with_capacity(chunks.len());
        let mut builder = new();
        let hand_over = |range: Range<usize>, part: PyResult<J::Part>| -> PyResult<()> {
            // Pending signal handlers run here: Ctrl-C stops a long column between
            // two groups.
            gil::reattach(|py| py.check_signals())?;
            let part = part?;
            let c = chunk_of(range.start);
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
