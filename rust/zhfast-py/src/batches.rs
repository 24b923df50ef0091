//! Many texts at once: cut in groups on several threads without the GIL (the calling
//! thread among them, see `zhfast_core::batch::in_order`), each group's results built on
//! the calling thread, in order, as soon as it is next.  A long text is split into
//! pieces (`zhfast_core::batch::pieces`) that go to different threads; its result is
//! put together from its pieces' as they come.

use std::ops::Range;

use pyo3::exceptions::{PyOverflowError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use zhfast_core::batch::in_order::{self, Stopped};
use zhfast_core::batch::pieces::{cut_pieces, split_texts, tag_pieces, Piece, PIECE_BYTES};
use zhfast_core::{CharCursor, Mode, PosSegmenter, Segmenter, Snapshot, SplitRule};

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

/// A long text's result, put together from its pieces' as they arrive in order.
struct Pending<T> {
    partial: Option<T>,
}

impl<T> Pending<T> {
    fn new() -> Self {
        Pending { partial: None }
    }

    /// Adds `piece`'s result; the text's whole result once its last piece is in.
    fn add(
        &mut self,
        piece: &Piece,
        result: T,
        join: impl FnOnce(&mut T, T) -> PyResult<()>,
    ) -> PyResult<Option<T>> {
        if piece.is_whole() {
            return Ok(Some(result));
        }
        match self.partial.as_mut() {
            Some(partial) if piece.start > 0 => join(partial, result)?,
            _ => self.partial = Some(result),
        }
        Ok(if piece.last {
            self.partial.take()
        } else {
            None
        })
    }
}

/// Appends `more` to `list` (unbound: a long text's list is held between hand-overs,
/// which the batch may run on another thread).
fn extend_list(py: Python<'_>, list: &Py<PyList>, more: Py<PyList>) -> PyResult<()> {
    let list = list.bind(py);
    let n = list.len();
    list.as_sequence().set_slice(n, n, more.bind(py))
}

/// `[lcut(t, ...) for t in texts]` as lists of `str`.
pub(crate) fn cut<'py>(
    py: Python<'py>,
    snapshot: &Snapshot<WordStrings>,
    texts: &[Bound<'py, PyString>],
    mode: Mode,
    threads: Option<usize>,
    piece_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    let mut pending = Pending::new();
    run(
        py,
        texts,
        threads,
        (mode.split_rule(), piece_bytes),
        |texts, pieces| cut_pieces(&seg, texts, pieces, mode).map_err(to_py),
        |py, texts, strs, pieces, batch| {
            for (i, piece) in pieces.iter().enumerate() {
                let range = batch.range(i);
                let tokens = token_list_range(
                    py,
                    &snapshot.extra,
                    piece.of(strs),
                    &batch.tokens,
                    range.clone(),
                )?;
                // A stand-in is never split (see `run`): its spans are the whole text's.
                texts[piece.text].restore_tokens(
                    &tokens,
                    &batch.tokens.spans[range],
                    |_, word, _, _| Ok(word.into_any()),
                )?;
                let join = |list: &mut Py<PyList>, more| extend_list(py, list, more);
                if let Some(whole) = pending.add(piece, tokens.unbind(), join)? {
                    list.bind(py).append(whole)?;
                }
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
    piece_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let force = force_split::WORDS.snapshot();
    let seg = Segmenter::new(&snapshot.dict, &force);
    // A long text's offsets so far (native-endian `u32` bytes) and its characters.
    let mut pending = Pending::new();
    run(
        py,
        texts,
        threads,
        (mode.split_rule(), piece_bytes),
        // The offsets are counted where the text was cut, in parallel, from each piece's
        // start; the caller shifts a piece's by the characters of the pieces before it
        // and wraps each text's bytes in an array.
        |texts, pieces| {
            let batch = cut_pieces(&seg, texts, pieces, mode).map_err(to_py)?;
            let mut ends = Vec::with_capacity(4 * batch.tokens.len());
            let mut bounds = Vec::with_capacity(pieces.len() + 1);
            let mut chars = Vec::with_capacity(pieces.len());
            bounds.push(0);
            for (i, piece) in pieces.iter().enumerate() {
                let text = piece.of(texts);
                end_offsets(text, &batch.tokens, batch.range(i), &mut ends)?;
                bounds.push(ends.len());
                chars.push(if piece.is_whole() {
                    0
                } else {
                    CharCursor::default().char_offset(text, text.len())
                });
            }
            Ok((ends, bounds, chars))
        },
        |py, _, _, pieces, (ends, bounds, chars)| {
            for (i, piece) in pieces.iter().enumerate() {
                let own = &ends[bounds[i]..bounds[i + 1]];
                if piece.is_whole() {
                    list.bind(py).append(offsets_array(py, own)?)?;
                    continue;
                }
                let part = (own.to_vec(), chars[i]);
                let joined = pending.add(piece, part, |(bytes, count), (more, n)| {
                    let base = u32::try_from(*count).map_err(|_| too_long())?;
                    for end in more.chunks_exact(4) {
                        let end = u32::from_ne_bytes(end.try_into().expect("4 bytes"));
                        let end = end.checked_add(base).ok_or_else(too_long)?;
                        bytes.extend_from_slice(&end.to_ne_bytes());
                    }
                    *count += n;
                    Ok(())
                })?;
                if let Some((bytes, _)) = joined {
                    list.bind(py).append(offsets_array(py, &bytes)?)?;
                }
            }
            Ok(())
        },
    )?;
    Ok(out)
}

fn too_long() -> PyErr {
    PyOverflowError::new_err("text longer than 2**32 characters")
}

/// `[posseg.lcut(t, HMM) for t in texts]` as lists of `(word, tag)`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn pos_cut<'py>(
    py: Python<'py>,
    snapshot: &Snapshot<WordStrings>,
    texts: &[Bound<'py, PyString>],
    hmm: bool,
    user_tags: Option<&TagTable>,
    threads: Option<usize>,
    piece_bytes: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    // The list is filled on this thread, with the GIL, but held across `detach`.
    let list = out.clone().unbind();
    let lookup = |w: &str| user_tags.and_then(|t| t.get(w));
    let seg = PosSegmenter::new(&snapshot.dict, &lookup);
    let mut pending = Pending::new();
    run(
        py,
        texts,
        threads,
        (SplitRule::posseg(), piece_bytes),
        |texts, pieces| tag_pieces(&seg, texts, pieces, hmm).map_err(to_py),
        |py, texts, strs, pieces, tagged| {
            for (piece, tagged) in pieces.iter().zip(tagged) {
                // A stand-in is never split (see `run`), so a piece is plain text.
                let words = if piece.is_whole() {
                    tagged_list(py, &texts[piece.text], &tagged)?
                } else {
                    tagged_list(py, &Text::plain(piece.of(strs)), &tagged)?
                };
                let join = |list: &mut Py<PyList>, more| extend_list(py, list, more);
                if let Some(whole) = pending.add(piece, words.unbind(), join)? {
                    list.bind(py).append(whole)?;
                }
            }
            Ok(())
        },
    )?;
    Ok(out)
}

/// Runs `work` on groups of consecutive pieces of `texts` (texts longer than
/// `piece_bytes`, by default [`PIECE_BYTES`], split by the rule) on `threads` threads
/// (all cores for `None`), the calling thread among them, without the GIL, and
/// `consume` on each group's result on the calling thread, in order, with the GIL.
fn run<'py, R: Send>(
    py: Python<'py>,
    texts: &[Bound<'py, PyString>],
    threads: Option<usize>,
    (rule, piece_bytes): (SplitRule, Option<usize>),
    work: impl Fn(&[&str], &[Piece]) -> PyResult<R> + Sync,
    mut consume: impl FnMut(Python<'_>, &[Text<'_>], &[&str], &[Piece], R) -> PyResult<()> + Send,
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
    let piece_bytes = piece_bytes.unwrap_or(PIECE_BYTES).max(1);
    // Finding the split points reads a few characters per piece: done here, at once.
    let mut pieces = split_texts(&strs, rule, piece_bytes);
    if texts.iter().any(Text::stands_in) {
        pieces = whole_stand_ins(pieces, &texts);
    }
    let groups = in_order::groups(pieces.iter().map(Piece::len), GROUP_BYTES, GROUP_TEXTS);
    let work_on = |range: Range<usize>| work(&strs, &pieces[range]);
    // Each hand-over also runs pending signal handlers, so that Ctrl-C (or any handler
    // that raises) stops a long batch between two groups, as it would a Python loop.
    let hand_over = |range: Range<usize>, result: PyResult<R>| {
        gil::reattach(|py| {
            py.check_signals()?;
            consume(py, &texts, &strs, &pieces[range], result?)
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

/// `pieces` with every text that is cut as a stand-in made one piece again: restoring
/// its tokens from the original needs the whole text's spans (such text is rare).
fn whole_stand_ins(pieces: Vec<Piece>, texts: &[Text<'_>]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let text = &texts[piece.text];
        if !text.stands_in() {
            out.push(piece);
        } else if piece.start == 0 {
            out.push(Piece {
                text: piece.text,
                start: 0,
                end: text.as_str().len(),
                last: true,
            });
        }
    }
    out
}
