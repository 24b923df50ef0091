//! One text at a time: the core cuts it without the GIL, on this thread's
//! `zhfast_core::Worker`, then the result is built with the GIL.

use pyo3::exceptions::PyOverflowError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use zhfast_core::{CharCursor, Mode, PosSegmenter, Segmenter, Snapshot, Tagged, Tokens, Worker};

use crate::errors::to_py;
use crate::force_split;
use crate::gil;
use crate::strings::{token_bound, token_list, WordStrings};
use crate::tags::TagTable;
use crate::text::Text;

/// Cuts `text` without the GIL, then hands the tokens to `build` with it.
fn with_tokens<T>(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    text: &str,
    mode: Mode,
    build: impl FnOnce(&Tokens, &WordStrings) -> PyResult<T>,
) -> PyResult<T> {
    Worker::with_thread_worker(|worker| {
        let force = force_split::WORDS.snapshot();
        let tokens = gil::detach(py, || {
            worker.cut(&Segmenter::new(&snapshot.dict, &force), text, mode)
        })
        .map_err(to_py)?;
        build(tokens, &snapshot.extra)
    })
}

/// Tags `text` (posseg) without the GIL, then hands the words to `build` with it.
pub(crate) fn with_tagged<T>(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    text: &str,
    hmm: bool,
    user_tags: Option<&TagTable>,
    build: impl FnOnce(&Tagged) -> PyResult<T>,
) -> PyResult<T> {
    Worker::with_thread_worker(|worker| {
        let tagged = gil::detach(py, || {
            let lookup = |w: &str| user_tags.and_then(|t| t.get(w));
            worker.tag(&PosSegmenter::new(&snapshot.dict, &lookup), text, hmm)
        })
        .map_err(to_py)?;
        build(tagged)
    })
}

/// The tokens as a list of `str`.
pub(crate) fn cut<'py>(
    snapshot: &Snapshot<WordStrings>,
    text: &Bound<'py, PyString>,
    mode: Mode,
) -> PyResult<Bound<'py, PyList>> {
    let py = text.py();
    let text = Text::of(text)?;
    let s = text.as_str();
    with_tokens(py, snapshot, s, mode, |tokens, strings| {
        let list = token_list(py, strings, s, tokens)?;
        text.restore_tokens(&list, &tokens.spans, |_, word, _, _| Ok(word.into_any()))?;
        Ok(list)
    })
}

/// The tokens as `(word, start, end)` tuples, offsets in code points.
pub(crate) fn tokenize<'py>(
    snapshot: &Snapshot<WordStrings>,
    text: &Bound<'py, PyString>,
    mode: Mode,
) -> PyResult<Bound<'py, PyList>> {
    let py = text.py();
    let text = Text::of(text)?;
    let s = text.as_str();
    with_tokens(py, snapshot, s, mode, |tokens, strings| {
        let mut cursor = CharCursor::default();
        let items = tokens.spans.iter().enumerate().map(|(i, &(start, end))| {
            let (a, b) = (cursor.char_offset(s, start), cursor.char_offset(s, end));
            let word = token_bound(py, strings, s, tokens, i)?;
            word_span_tuple(py, word, a, b)
        });
        let list = PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)?;
        text.restore_tokens(&list, &tokens.spans, |_, word, a, b| {
            word_span_tuple(py, word.into_any(), a, b)
        })?;
        Ok(list)
    })
}

/// `(word, start, end)`.
fn word_span_tuple<'py>(
    py: Python<'py>,
    word: Bound<'py, PyAny>,
    a: usize,
    b: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let (a, b) = (
        a.into_pyobject(py)?.into_any(),
        b.into_pyobject(py)?.into_any(),
    );
    Ok(PyTuple::new(py, [word, a, b])?.into_any())
}

/// The code-point end offset of every token, as an `array('I')`.
pub(crate) fn offsets<'py>(
    snapshot: &Snapshot<WordStrings>,
    text: &Bound<'py, PyString>,
    mode: Mode,
) -> PyResult<Bound<'py, PyAny>> {
    let py = text.py();
    let text = Text::of(text)?;
    let s = text.as_str();
    with_tokens(py, snapshot, s, mode, |tokens, _| {
        let mut ends = Vec::with_capacity(4 * tokens.len());
        end_offsets(s, tokens, 0..tokens.len(), &mut ends)?;
        offsets_array(py, &ends)
    })
}

/// The tagged words as `(word, tag)` tuples.
pub(crate) fn pos_cut<'py>(
    snapshot: &Snapshot<WordStrings>,
    text: &Bound<'py, PyString>,
    hmm: bool,
    user_tags: Option<&TagTable>,
) -> PyResult<Bound<'py, PyList>> {
    let py = text.py();
    let text = Text::of(text)?;
    let s = text.as_str();
    with_tagged(py, snapshot, s, hmm, user_tags, |tagged| {
        tagged_list(py, &text, tagged)
    })
}

/// `[(word, tag), ...]` of words tagged in `text`.
pub(crate) fn tagged_list<'py>(
    py: Python<'py>,
    text: &Text<'_>,
    tagged: &Tagged,
) -> PyResult<Bound<'py, PyList>> {
    let s = text.as_str();
    let list = PyList::new(
        py,
        tagged
            .spans
            .iter()
            .zip(&tagged.tags)
            .map(|(&(a, b), tag)| (&s[a..b], tag.as_str())),
    )?;
    text.restore_tokens(&list, &tagged.spans, |i, word, _, _| {
        Ok((word, tagged.tags[i].as_str())
            .into_pyobject(py)?
            .into_any())
    })?;
    Ok(list)
}

/// An `array('I')` of native-endian `u32` bytes: made here, one call per text, rather
/// than by a Python helper per text.
pub(crate) fn offsets_array<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    static ARRAY: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let array = ARRAY.get_or_try_init(py, || {
        py.import("array")?.getattr("array").map(Bound::unbind)
    })?;
    array.bind(py).call1(("I", PyBytes::new(py, bytes)))
}

/// Appends the code-point end offset of each token in `range` of `text`'s tokens to
/// `out`, as native-endian `u32` bytes.
pub(crate) fn end_offsets(
    text: &str,
    tokens: &Tokens,
    range: std::ops::Range<usize>,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let mut cursor = CharCursor::default();
    for i in range {
        let end = cursor.char_offset(text, tokens.end(i));
        let end = u32::try_from(end)
            .map_err(|_| PyOverflowError::new_err("text longer than 2**32 characters"))?;
        out.extend_from_slice(&end.to_ne_bytes());
    }
    Ok(())
}
