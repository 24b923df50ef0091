//! Many texts at once: cut in groups on several threads without the GIL (the calling
//! thread among them, see `zhfast_core::batch::in_order`), each group's results built on
//! the calling thread, in order, as soon as it is next.

use std::ops::Range;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use zhfast_core::batch::in_order::{self, Stopped};
use zhfast_core::batch::{cut_texts, tag_texts};
use zhfast_core::{Mode, PosSegmenter, Segmenter, Snapshot};

use crate::cutting::{end_offsets, offsets_array, tagged_list};
use crate::errors::to_py;
use crate::force_split;
use crate::gil;
use crate::pools;
use crate::strings::{token_list_range, WordStrings};
use crate::tags::TagTable;
use crate::text::{texts_of, Text};

/// A batch is cut in groups of texts that close at this much text: small enough for
/// the work to balance and for a group's tokens to be in the cache when its objects are
/// built, large enough that handing it over costs little.
const GROUP_BYTES: usize = 8 << 10;
/// ... or at this many texts (many tiny texts).
const GROUP_TEXTS: usize = 256;
/// Groups that helpers may cut ahead of the calling thread, per thread: what bounds the
/// tokens held in memory for a batch of any size (about 256 KB of text per thread).
const WINDOW_GROUPS_PER_THREAD: usize = 32;

/// `[lcut(t, ...) for t in texts]` as lists of `str`.
pub(crate) fn cut<'py>(
    py: Python<'py>,
    snapshot: &Snapshot<WordStrings>,
    texts: &[Bound<'py, PyString>],
    mode: Mode,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    run(
        py,
        texts,
        threads,
        |texts| cut_texts(&seg, texts, mode).map_err(to_py),
        |py, texts, batch| {
            for (i, text) in texts.iter().enumerate() {
                let range = batch.range(i);
                let tokens = token_list_range(
                    py,
                    &snapshot.extra,
                    text.as_str(),
                    &batch.tokens,
                    range.clone(),
                )?;
                text.restore_tokens(&tokens, &batch.tokens.spans[range], |_, word, _, _| {
                    Ok(word.into_any())
                })?;
                list.bind(py).append(tokens)?;
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// `[cut_offsets(t, ...) for t in texts]` as `array('I')`s.
pub(crate) fn offsets<'py>(
    py: Python<'py>,
    snapshot: &Snapshot<WordStrings>,
    texts: &[Bound<'py, PyString>],
    mode: Mode,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    run(
        py,
        texts,
        threads,
        // The offsets are counted where the text was cut, in parallel; the caller only
        // wraps each text's bytes in an array.
        |texts| {
            let batch = cut_texts(&seg, texts, mode).map_err(to_py)?;
            let mut ends = Vec::with_capacity(4 * batch.tokens.len());
            let mut bounds = Vec::with_capacity(texts.len() + 1);
            bounds.push(0);
            for (i, text) in texts.iter().enumerate() {
                end_offsets(text, &batch.tokens, batch.range(i), &mut ends)?;
                bounds.push(ends.len());
            }
            Ok((ends, bounds))
        },
        |py, _, (ends, bounds)| {
            for pair in bounds.windows(2) {
                list.bind(py)
                    .append(offsets_array(py, &ends[pair[0]..pair[1]])?)?;
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// `[posseg.lcut(t, HMM) for t in texts]` as lists of `(word, tag)`.
pub(crate) fn pos_cut<'py>(
    py: Python<'py>,
    snapshot: &Snapshot<WordStrings>,
    texts: &[Bound<'py, PyString>],
    hmm: bool,
    user_tags: Option<&TagTable>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let lookup = |w: &str| user_tags.and_then(|t| t.get(w));
    let seg = PosSegmenter::new(&snapshot.dict, &lookup);
    run(
        py,
        texts,
        threads,
        |texts| tag_texts(&seg, texts, hmm).map_err(to_py),
        |py, texts, tagged| {
            for (text, tagged) in texts.iter().zip(tagged) {
                list.bind(py).append(tagged_list(py, text, &tagged)?)?;
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// Runs `work` on groups of consecutive `texts` on `threads` threads (all cores for
/// `None`), the calling thread among them, without the GIL, and `consume` on each
/// group's result on the calling thread, in order, with the GIL.
fn run<'py, R: Send>(
    py: Python<'py>,
    texts: &[Bound<'py, PyString>],
    threads: Option<usize>,
    work: impl Fn(&[&str]) -> PyResult<R> + Sync,
    mut consume: impl FnMut(Python<'_>, &[Text<'_>], R) -> PyResult<()> + Send,
) -> PyResult<()> {
    let threads = threads.unwrap_or_else(pools::all_cores).max(1);
    // The calling thread is one of the threads: a pool of the others.
    let helpers = if threads > 1 {
        Some(pools::pool(threads - 1).map_err(PyRuntimeError::new_err)?)
    } else {
        None
    };
    let texts = texts_of(texts)?;
    // What the helpers read (the `Text`s themselves stay on this thread).
    let strs: Vec<&str> = texts.iter().map(Text::as_str).collect();
    let groups = in_order::groups(strs.iter().map(|t| t.len()), GROUP_BYTES, GROUP_TEXTS);
    let work_on = |range: Range<usize>| work(&strs[range]);
    // Each hand-over also runs pending signal handlers, so that Ctrl-C (or any handler
    // that raises) stops a long batch between two groups, as it would a Python loop.
    let hand_over = |range: Range<usize>, result: PyResult<R>| {
        gil::reattach(|py| {
            py.check_signals()?;
            consume(py, &texts[range], result?)
        })
    };
    let window = WINDOW_GROUPS_PER_THREAD * threads;
    gil::detach(py, || {
        in_order::run_in_order(helpers.as_deref(), &groups, window, work_on, hand_over)
    })
    .map_err(|stopped| match stopped {
        Stopped::Consumer(err) => err,
        Stopped::Panicked => PyRuntimeError::new_err("zhfast: a batch worker panicked"),
    })
}
