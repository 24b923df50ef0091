//! TF-IDF and TextRank keyword extraction (`zhfast.analyse`) in one call each: the cut
//! runs without the GIL, then the core counts, weights and ranks, and only the `topK`
//! results become Python objects.
//!
//! What stays Python's: the stop words (any container, tested with `in` on the
//! lower-cased word, asked once per distinct word), `lower()` of words that are not
//! ASCII or CJK, and a user-supplied `idf_freq` dict.  The Python layer keeps jieba's
//! argument conventions and falls back to its own path when these functions return
//! `None` (a NaN weight, a non-numeric IDF value).

use std::cell::RefCell;
use std::collections::HashSet;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyFrozenSet, PyInt, PyList, PySet, PyString, PyTuple};
use zhfast_core::keyword::{Memo, Weighted, WordHashSeed};
use zhfast_core::posseg::{PosScratch, PosSegmenter, Tagged};
use zhfast_core::posseg_hmm::PossegModel;
use zhfast_core::pystr::{simple_lower, stripped_len};
use zhfast_core::tokens::JOINED;
use zhfast_core::{textrank, tfidf, Dictionary, HmmModel, Job, Scratch, Segmenter, Tokens};

use crate::errors::to_py;
use crate::force_split;
use crate::idf::IdfTable;
use crate::tags::TagTable;
use crate::tokenizer::CoreTokenizer;

/// Per-thread cutting buffers, taken for a call and put back after it (not borrowed:
/// building Python objects may run code that calls back in).
#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    tokens: Tokens,
    pos_scratch: PosScratch,
    tagged: Tagged,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Buffers {
    fn take() -> Self {
        BUFFERS.with(|c| c.take())
    }

    fn put_back(self) {
        BUFFERS.with(|c| c.replace(self));
    }

    /// `lcut(text)` with `dict`, into `self.tokens`.
    fn cut(&mut self, py: Python<'_>, dict: &Dictionary, text: &str) -> PyResult<()> {
        let Buffers { scratch, tokens, .. } = self;
        tokens.clear();
        py.detach(|| {
            let force = force_split::read();
            let seg = Segmenter { dict, hmm: HmmModel::jieba_finalseg(), force_split: force.set() };
            seg.run(text, Job::new(false, true, false), scratch, tokens)
        })
        .map_err(to_py)
    }

    /// `posseg.lcut(text)` with `dict` and the POS tokenizer's own tags, into `self.tagged`.
    fn tag(&mut self, py: Python<'_>, dict: &Dictionary, user_tags: Option<&TagTable>, text: &str) -> PyResult<()> {
        let Buffers { pos_scratch, tagged, .. } = self;
        tagged.clear();
        py.detach(|| {
            let lookup = |w: &str| user_tags.and_then(|t| t.tags.get(w)).map(String::as_str);
            let seg = PosSegmenter { dict, model: PossegModel::jieba(), user_tag: &lookup };
            seg.cut(text, true, pos_scratch, tagged)
        })
        .map_err(to_py)
    }
}

/// The stop words as the word test reads them: a copy for a `set` or `frozenset` of
/// `str` that is small enough to copy per call (elements that are not UTF-8 can equal
/// no word and are left out), else the object itself, asked with `in`.
enum StopWords<'a, 'py> {
    Copied(CopiedStopWords),
    Asked(&'a Bound<'py, PyAny>),
}

/// A copied stop-word set, with the byte lengths it holds (bit `n` for length `n`, bit
/// 63 for 63 and over): most words have a length no stop word has, and are ruled out
/// without hashing.
#[derive(Default)]
struct CopiedStopWords {
    words: HashSet<String, WordHashSeed>,
    lengths: u64,
}

impl CopiedStopWords {
    fn insert(&mut self, word: String) {
        self.lengths |= 1 << word.len().min(63);
        self.words.insert(word);
    }

    fn contains(&self, word: &str) -> bool {
        self.lengths & 1 << word.len().min(63) != 0 && self.words.contains(word)
    }
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
            let mut copy = CopiedStopWords::default();
            let all_str = stop_words.try_iter().and_then(|items| {
                for item in items {
                    let item = item?;
                    let Ok(s) = item.cast_exact::<PyString>() else { return Ok(false) };
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
            StopWords::Copied(set) => Ok(lowered.cast::<PyString>().ok().and_then(|s| s.to_cow().ok()).is_some_and(|s| set.contains(s.as_ref()))),
            StopWords::Asked(obj) => obj.contains(lowered),
        }
    }

    /// `word.lower() in stop_words`, with `word.lower()` computed here where that is
    /// certain to agree with Python.
    fn has_lower_of(&self, py: Python<'py>, word: &str) -> PyResult<bool> {
        match (self, simple_lower(word)) {
            (StopWords::Copied(set), Some(lowered)) => Ok(set.contains(lowered.as_ref())),
            (_, Some(lowered)) => self.contains(&PyString::new(py, &lowered).into_any()),
            (_, None) => self.contains(&PyString::new(py, word).call_method0("lower")?),
        }
    }
}

/// jieba's word test: `len(w.strip()) >= 2 and w.lower() not in stop_words`.  The first
/// Python error is kept in `error` (the word then counts as dropped).
fn word_filter<'a, 'py>(py: Python<'py>, stop_words: &'a StopWords<'a, 'py>, error: &'a RefCell<Option<PyErr>>) -> impl FnMut(&str) -> bool + 'a
where
    'py: 'a,
{
    move |word: &str| {
        if stripped_len(word) < 2 {
            return false;
        }
        match stop_words.has_lower_of(py, word) {
            Ok(stop) => !stop,
            Err(e) => {
                error.borrow_mut().get_or_insert(e);
                false
            }
        }
    }
}

/// Ranks `text` with `rank` on this thread's buffers, then makes jieba's result list
/// (`None` where `rank` leaves the work to the Python layer).
fn ranked_results<'py>(
    py: Python<'py>,
    text: &str,
    with_flag: bool,
    with_weight: bool,
    rank: impl for<'b> FnOnce(&'b mut Buffers, &'b str) -> PyResult<Option<Vec<Weighted<'b>>>>,
) -> PyResult<Option<Bound<'py, PyList>>> {
    let mut buffers = Buffers::take();
    let result = rank(&mut buffers, text).and_then(|r| r.map(|ranked| results(py, &ranked, with_flag, with_weight)).transpose());
    buffers.put_back();
    result
}

/// `[(key, weight), ...]` as jieba returns it: keys are words, or `(word, flag)`
/// tuples with `with_flag` (the Python layer makes them `pair`s); weights only with
/// `with_weight`.
fn results<'py>(py: Python<'py>, ranked: &[Weighted<'_>], with_flag: bool, with_weight: bool) -> PyResult<Bound<'py, PyList>> {
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
                        Some(v) if v.is_exact_instance_of::<PyFloat>() || v.is_exact_instance_of::<PyInt>() => Some(v.extract::<f64>().map_err(Some)?),
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
    let dict = tokenizer.current_dictionary();
    let table = idf.cast::<IdfTable>().ok().map(|t| t.get());
    let idf = match (table, idf.cast::<PyDict>()) {
        (Some(t), _) => Idf::Table(t),
        (None, Ok(d)) if d.is_exact_instance_of::<PyDict>() => Idf::Dict(d),
        _ => return Ok(None),
    };
    ranked_results(py, &s, with_flag, with_weight, |buffers, s| {
        tfidf_ranked(py, buffers, &dict, s, stop_words, idf, median, top_k, allow_pos, user_tags, with_flag)
    })
}

/// [`tfidf_keywords`] before the Python results are made.
#[allow(clippy::too_many_arguments)]
fn tfidf_ranked<'b>(
    py: Python<'_>,
    buffers: &'b mut Buffers,
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
            buffers.tag(py, dict, user_tags, s)?;
            let tagged = &buffers.tagged;
            let items = tagged
                .spans
                .iter()
                .zip(&tagged.tags)
                .filter(|(_, t)| allowed.iter().any(|a| a == *t))
                .map(|(&(a, b), t)| (&s[a..b], if with_flag { t.as_str() } else { "" }));
            tfidf::extract(items, word_filter(py, &stop_words, &error), lookup, median, top_k)
        }
        None => {
            buffers.cut(py, dict, s)?;
            let tokens = &buffers.tokens;
            let items = tokens.spans.iter().map(|&(a, b)| (if a == JOINED { tokens.joined[b].0.as_str() } else { &s[a..b] }, ""));
            tfidf::extract(items, word_filter(py, &stop_words, &error), lookup, median, top_k)
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
    let dict = tokenizer.current_dictionary();
    ranked_results(py, &s, with_flag, with_weight, |buffers, s| {
        textrank_ranked(py, buffers, &dict, s, stop_words, &allow_pos, span, top_k, user_tags, with_flag)
    })
}

/// [`textrank_keywords`] before the Python results are made.
#[allow(clippy::too_many_arguments)]
fn textrank_ranked<'b>(
    py: Python<'_>,
    buffers: &'b mut Buffers,
    dict: &Dictionary,
    s: &'b str,
    stop_words: &Bound<'_, PyAny>,
    allow_pos: &[String],
    span: usize,
    top_k: Option<usize>,
    user_tags: Option<&TagTable>,
    with_flag: bool,
) -> PyResult<Option<Vec<Weighted<'b>>>> {
    buffers.tag(py, dict, user_tags, s)?;
    let tagged = &buffers.tagged;
    let error = RefCell::new(None);
    let items: Vec<(&str, &str)> = tagged.spans.iter().zip(&tagged.tags).map(|(&(a, b), t)| (&s[a..b], t.as_str())).collect();
    let stop_words = StopWords::new(stop_words);
    let mut filter = Memo::new(word_filter(py, &stop_words, &error));
    let keep: Vec<bool> = items.iter().map(|&(w, t)| allow_pos.iter().any(|a| a == t) && filter.keep(w)).collect();
    drop(filter);
    if let Some(e) = error.into_inner() {
        return Err(e);
    }
    let keys: Vec<(&str, &str)> = items.iter().map(|&(w, t)| (w, if with_flag { t } else { "" })).collect();
    Ok(textrank::rank(&keys, &keep, span, top_k))
}
