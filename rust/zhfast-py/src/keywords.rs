//! TF-IDF and TextRank keyword extraction (`zhfast.analyse`) in one call each: the cut
//! runs without the GIL, then the core counts, weights and ranks, and only the `topK`
//! results become Python objects.
//!
//! What stays Python's: the stop words (any container, tested with `in` on the
//! lower-cased word, asked once per distinct word), `lower()` of words that are not
//! ASCII or CJK, and a user-supplied `idf_freq` dict.  The Python layer decides which
//! calls the core can serve (`analyse/_dispatch.py`) and runs jieba's algorithm
//! (`analyse/_reference.py`) for the rest, and when these functions return `None` (a NaN
//! weight, a non-numeric IDF value).

use std::cell::RefCell;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple};
use zhfast_core::keywords::{keeps_word, textrank, tfidf, Memo, StopWordSet, Weighted};
use zhfast_core::{Dictionary, Mode, PosSegmenter, Segmenter, Tagged, Tokens, Worker, JOINED};

use crate::errors::to_py;
use crate::force_split;
use crate::gil;
use crate::idf::IdfTable;
use crate::tags::TagTable;
use crate::tokenizer::CoreTokenizer;

/// The stop words as the word test reads them: a copy for a `set` or `frozenset` of
/// `str` that is small enough to copy per call (elements that are not UTF-8 can equal
/// no word and are left out), else the object itself, asked with `in`.
enum StopWords<'a, 'py> {
    Copied(StopWordSet),
    Asked(&'a Bound<'py, PyAny>),
}

impl<'a, 'py> StopWords<'a, 'py> {
    /// Sets up to this size are copied; a larger one costs more to copy than asking it
    /// once per distinct word of a typical document.
    const COPY_LIMIT: usize = 256;

    fn new(stop_words: &'a Bound<'py, PyAny>) -> Self {
        let set_len = if let Ok(s) = stop_words.cast_exact::<PySet>() {
            Some(s.len())
        } else if let Ok(s) = stop_words.cast_exact::<PyFrozenSet>() {
            Some(s.len())
        } else {
            None
        };
        if set_len.is_some_and(|n| n <= Self::COPY_LIMIT) {
            let mut copy = StopWordSet::default();
            let all_str = stop_words.try_iter().and_then(|items| {
                for item in items {
                    let item = item?;
                    let Ok(s) = item.cast_exact::<PyString>() else {
                        return Ok(false);
                    };
                    if let Ok(text) = s.to_cow() {
                        copy.insert(text.into_owned());
                    }
                }
                Ok(true)
            });
            if let Ok(true) = all_str {
                return StopWords::Copied(copy);
            }
        }
        StopWords::Asked(stop_words)
    }

    /// `lowered in stop_words`.
    fn contains(&self, lowered: &Bound<'py, PyAny>) -> PyResult<bool> {
        match self {
            StopWords::Copied(set) => Ok(lowered
                .cast::<PyString>()
                .ok()
                .and_then(|s| s.to_cow().ok())
                .is_some_and(|s| set.contains(s.as_ref()))),
            StopWords::Asked(obj) => obj.contains(lowered),
        }
    }

    /// `lowered in stop_words`, where `lowered` is `Ok(word.lower())` computed by the
    /// core or `Err(word)` for Python to lower-case (see `zhfast_core::keywords::keeps_word`).
    fn is_stop(&self, py: Python<'py>, lowered: Result<&str, &str>) -> PyResult<bool> {
        match (self, lowered) {
            (StopWords::Copied(set), Ok(lowered)) => Ok(set.contains(lowered)),
            (_, Ok(lowered)) => self.contains(&PyString::new(py, lowered).into_any()),
            (_, Err(word)) => self.contains(&PyString::new(py, word).call_method0("lower")?),
        }
    }
}

/// jieba's word test over `stop_words`.  The first Python error is kept in `error`
/// (the word then counts as dropped).
fn word_filter<'a, 'py>(
    py: Python<'py>,
    stop_words: &'a StopWords<'a, 'py>,
    error: &'a RefCell<Option<PyErr>>,
) -> impl FnMut(&str) -> bool + 'a
where
    'py: 'a,
{
    move |word: &str| match keeps_word(word, |lowered| stop_words.is_stop(py, lowered)) {
        Ok(keep) => keep,
        Err(e) => {
            error.borrow_mut().get_or_insert(e);
            false
        }
    }
}

/// Ranks `text` with `rank` on this thread's worker, then makes jieba's result list
/// (`None` where `rank` leaves the work to the Python layer).
fn ranked_results<'py>(
    py: Python<'py>,
    text: &str,
    with_flag: bool,
    with_weight: bool,
    rank: impl for<'b> FnOnce(&'b mut Worker, &'b str) -> PyResult<Option<Vec<Weighted<'b>>>>,
) -> PyResult<Option<Bound<'py, PyList>>> {
    Worker::with_thread_worker(|worker| {
        rank(worker, text).and_then(|r| {
            r.map(|ranked| results(py, &ranked, with_flag, with_weight))
                .transpose()
        })
    })
}

/// `lcut(text)` with `dict`, without the GIL.
fn cut<'w>(
    py: Python<'_>,
    worker: &'w mut Worker,
    dict: &Dictionary,
    text: &str,
) -> PyResult<&'w Tokens> {
    let force = force_split::WORDS.snapshot();
    gil::detach(py, || {
        worker.cut(&Segmenter::new(dict, &force), text, Mode::Default)
    })
    .map_err(to_py)
}

/// `posseg.lcut(text)` with `dict` and the POS tokenizer's own tags, without the GIL.
fn tag<'w>(
    py: Python<'_>,
    worker: &'w mut Worker,
    dict: &Dictionary,
    user_tags: Option<&TagTable>,
    text: &str,
) -> PyResult<&'w Tagged> {
    gil::detach(py, || {
        let lookup = |w: &str| user_tags.and_then(|t| t.get(w));
        worker.tag(&PosSegmenter::new(dict, &lookup), text, true)
    })
    .map_err(to_py)
}

/// `[(key, weight), ...]` as jieba returns it: keys are words, or `(word, flag)`
/// tuples with `with_flag` (the Python layer makes them `pair`s); weights only with
/// `with_weight`.
fn results<'py>(
    py: Python<'py>,
    ranked: &[Weighted<'_>],
    with_flag: bool,
    with_weight: bool,
) -> PyResult<Bound<'py, PyList>> {
    let items = ranked.iter().map(|w| -> PyResult<Bound<'py, PyAny>> {
        let key = if with_flag {
            PyTuple::new(py, [w.word, w.flag])?.into_any()
        } else {
            PyString::new(py, w.word).into_any()
        };
        if with_weight {
            Ok(PyTuple::new(py, [key, PyFloat::new(py, w.weight).into_any()])?.into_any())
        } else {
            Ok(key)
        }
    });
    PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
}

/// An IDF source: the bundled table, or a `dict` (a custom file, or the bundled table
/// once a caller has touched `idf_freq`).  `Err(None)` for a value that is not a
/// Python `float` or `int` (the Python layer then computes as jieba does).
enum Idf<'a, 'py> {
    Table(&'a IdfTable),
    Dict(&'a Bound<'py, PyDict>),
}

impl Idf<'_, '_> {
    /// `[idf_freq.get(w) for w in words]` into `out`.
    fn get_many(&self, words: &[&str], out: &mut Vec<Option<f64>>) -> Result<(), Option<PyErr>> {
        match self {
            Idf::Table(t) => t.table.get_many(words, out),
            Idf::Dict(d) => {
                for &word in words {
                    out.push(match d.get_item(word).map_err(Some)? {
                        None => None,
                        Some(v)
                            if v.is_exact_instance_of::<PyFloat>()
                                || v.is_exact_instance_of::<PyInt>() =>
                        {
                            Some(v.extract::<f64>().map_err(Some)?)
                        }
                        Some(_) => return Err(None),
                    });
                }
            }
        }
        Ok(())
    }
}

/// `TFIDF.extract_tags` for a zhfast tokenizer: with `allow_pos`, words of
/// `posseg.cut` whose flag is in it (keys `(word, flag)` with `with_flag`), else words of
/// `cut`.  `None` where the Python layer must compute it itself.
#[pyfunction]
#[pyo3(signature = (tokenizer, text, stop_words, idf, median, top_k, with_weight, allow_pos=None, user_tags=None, with_flag=false))]
#[allow(clippy::too_many_arguments)]
pub fn tfidf_keywords<'py>(
    tokenizer: &CoreTokenizer,
    text: &Bound<'py, PyString>,
    stop_words: &Bound<'py, PyAny>,
    idf: &Bound<'py, PyAny>,
    median: f64,
    top_k: Option<usize>,
    with_weight: bool,
    allow_pos: Option<Vec<String>>,
    user_tags: Option<&TagTable>,
    with_flag: bool,
) -> PyResult<Option<Bound<'py, PyList>>> {
    let py = text.py();
    let s = text.to_cow()?;
    let dict = tokenizer.snapshot().dict;
    let table = idf.cast::<IdfTable>().ok().map(|t| t.get());
    let idf = match (table, idf.cast::<PyDict>()) {
        (Some(t), _) => Idf::Table(t),
        (None, Ok(d)) if d.is_exact_instance_of::<PyDict>() => Idf::Dict(d),
        _ => return Ok(None),
    };
    ranked_results(py, &s, with_flag, with_weight, |worker, s| {
        tfidf_ranked(
            py, worker, &dict, s, stop_words, idf, median, top_k, allow_pos, user_tags, with_flag,
        )
    })
}

/// [`tfidf_keywords`] before the Python results are made.
#[allow(clippy::too_many_arguments)]
fn tfidf_ranked<'b>(
    py: Python<'_>,
    worker: &'b mut Worker,
    dict: &Dictionary,
    s: &'b str,
    stop_words: &Bound<'_, PyAny>,
    idf: Idf<'_, '_>,
    median: f64,
    top_k: Option<usize>,
    allow_pos: Option<Vec<String>>,
    user_tags: Option<&TagTable>,
    with_flag: bool,
) -> PyResult<Option<Vec<Weighted<'b>>>> {
    let error = RefCell::new(None);
    let mut bail = false;
    let lookup = |words: &[&str], out: &mut Vec<Option<f64>>| match idf.get_many(words, out) {
        Ok(()) => {}
        Err(Some(e)) => drop(error.borrow_mut().get_or_insert(e)),
        Err(None) => bail = true,
    };
    let stop_words = StopWords::new(stop_words);
    let ranked = match &allow_pos {
        Some(allowed) => {
            let tagged = tag(py, worker, dict, user_tags, s)?;
            let items = tagged
                .spans
                .iter()
                .zip(&tagged.tags)
                .filter(|(_, t)| allowed.iter().any(|a| a == *t))
                .map(|(&(a, b), t)| (&s[a..b], if with_flag { t.as_str() } else { "" }));
            tfidf::extract(
                items,
                word_filter(py, &stop_words, &error),
                lookup,
                median,
                top_k,
            )
        }
        None => {
            let tokens = cut(py, worker, dict, s)?;
            let items = tokens.spans.iter().map(|&(a, b)| {
                (
                    if a == JOINED {
                        tokens.joined[b].0.as_str()
                    } else {
                        &s[a..b]
                    },
                    "",
                )
            });
            tfidf::extract(
                items,
                word_filter(py, &stop_words, &error),
                lookup,
                median,
                top_k,
            )
        }
    };
    if let Some(e) = error.into_inner() {
        return Err(e);
    }
    Ok(ranked.filter(|_| !bail))
}

/// `TextRank.textrank` for a zhfast POS tokenizer: words of `posseg.cut` whose flag is
/// in `allow_pos` and that pass the word test co-occur within `span`; keys are
/// `(word, flag)` with `with_flag`.  `None` where the Python layer must compute it.
#[pyfunction]
#[pyo3(signature = (tokenizer, text, stop_words, allow_pos, span, top_k, with_weight, user_tags=None, with_flag=false))]
#[allow(clippy::too_many_arguments)]
pub fn textrank_keywords<'py>(
    tokenizer: &CoreTokenizer,
    text: &Bound<'py, PyString>,
    stop_words: &Bound<'py, PyAny>,
    allow_pos: Vec<String>,
    span: usize,
    top_k: Option<usize>,
    with_weight: bool,
    user_tags: Option<&TagTable>,
    with_flag: bool,
) -> PyResult<Option<Bound<'py, PyList>>> {
    let py = text.py();
    let s = text.to_cow()?;
    let dict = tokenizer.snapshot().dict;
    ranked_results(py, &s, with_flag, with_weight, |worker, s| {
        textrank_ranked(
            py, worker, &dict, s, stop_words, &allow_pos, span, top_k, user_tags, with_flag,
        )
    })
}

/// [`textrank_keywords`] before the Python results are made.
#[allow(clippy::too_many_arguments)]
fn textrank_ranked<'b>(
    py: Python<'_>,
    worker: &'b mut Worker,
    dict: &Dictionary,
    s: &'b str,
    stop_words: &Bound<'_, PyAny>,
    allow_pos: &[String],
    span: usize,
    top_k: Option<usize>,
    user_tags: Option<&TagTable>,
    with_flag: bool,
) -> PyResult<Option<Vec<Weighted<'b>>>> {
    let tagged = tag(py, worker, dict, user_tags, s)?;
    let error = RefCell::new(None);
    let items: Vec<(&str, &str)> = tagged
        .spans
        .iter()
        .zip(&tagged.tags)
        .map(|(&(a, b), t)| (&s[a..b], t.as_str()))
        .collect();
    let stop_words = StopWords::new(stop_words);
    let mut filter = Memo::new(word_filter(py, &stop_words, &error));
    let keep: Vec<bool> = items
        .iter()
        .map(|&(w, t)| allow_pos.iter().any(|a| a == t) && filter.keep(w))
        .collect();
    drop(filter);
    if let Some(e) = error.into_inner() {
        return Err(e);
    }
    let keys: Vec<(&str, &str)> = items
        .iter()
        .map(|&(w, t)| (w, if with_flag { t } else { "" }))
        .collect();
    Ok(textrank::rank(&keys, &keep, span, top_k))
}
