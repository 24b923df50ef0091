//! `CoreTokenizer`: a dictionary plus the cutting calls, for `zhfast.Tokenizer` to wrap.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use zhfast_core::offsets::CharCursor;
use zhfast_core::tokens::JOINED;
use zhfast_core::{CutMode, Dictionary, HmmModel, Scratch, Segmenter, Tokens};

use crate::errors::to_py;
use crate::force_split;

thread_local! {
    /// Per-thread buffers: cuts allocate nothing once these have grown.
    static SCRATCH: RefCell<(Scratch, Tokens)> = RefCell::new(Default::default());
}

/// jieba's bundled dictionary, built at most once per process and shared.
fn default_dictionary() -> Arc<Dictionary> {
    static DEFAULT: OnceLock<Arc<Dictionary>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(Dictionary::jieba_default())).clone()
}

/// What one cut call asks for.
#[derive(Clone, Copy)]
enum Job {
    Cut(CutMode),
    Search { hmm: bool },
}

impl Job {
    fn new(cut_all: bool, hmm: bool, search: bool) -> Self {
        if search {
            Job::Search { hmm }
        } else {
            Job::Cut(CutMode::from_flags(cut_all, hmm))
        }
    }
}

#[pyclass(module = "zhfast._core", frozen)]
pub struct CoreTokenizer {
    dict: Arc<Dictionary>,
}

impl CoreTokenizer {
    /// Runs `job` on `text` without the GIL, then hands the tokens to `build` with it.
    fn run<'py, T>(
        &self,
        py: Python<'py>,
        text: &str,
        job: Job,
        build: impl FnOnce(&Tokens) -> PyResult<T>,
    ) -> PyResult<T> {
        // Taken out rather than borrowed: building Python objects may run arbitrary code
        // (a finalizer that cuts, say) that re-enters on this thread.
        let (mut scratch, mut out) = SCRATCH.with(|cell| cell.take());
        out.clear();
        let dict = &*self.dict;
        py.detach(|| {
            let force = force_split::read();
            let seg = Segmenter { dict, hmm: HmmModel::jieba_finalseg(), force_split: force.set() };
            match job {
                Job::Cut(mode) => seg.cut(text, mode, &mut scratch, &mut out),
                Job::Search { hmm } => seg.cut_for_search(text, hmm, &mut scratch, &mut out),
            }
        });
        let result = build(&out);
        SCRATCH.with(|cell| cell.replace((scratch, out)));
        result
    }
}

#[pymethods]
impl CoreTokenizer {
    /// A tokenizer over jieba's bundled dictionary.
    #[staticmethod]
    fn bundled() -> Self {
        CoreTokenizer { dict: default_dictionary() }
    }

    /// A tokenizer over a dictionary in jieba's format; `name` is used in error messages.
    #[staticmethod]
    fn from_dictionary_bytes(py: Python<'_>, data: &[u8], name: &str) -> PyResult<Self> {
        let dict = py.detach(|| Dictionary::parse_jieba(data, name).and_then(Dictionary::from_entries));
        Ok(CoreTokenizer { dict: Arc::new(dict.map_err(to_py)?) })
    }

    /// `FREQ.get(word)`: the frequency, 0 for a prefix of a word, `None` otherwise.
    fn freq(&self, word: &str) -> Option<i64> {
        self.dict.freq(word)
    }

    #[getter]
    fn total(&self) -> i64 {
        self.dict.total()
    }

    fn __len__(&self) -> usize {
        self.dict.len()
    }

    /// `lcut(text, cut_all, HMM)` as a list of str.
    fn cut<'py>(&self, text: &Bound<'py, PyString>, cut_all: bool, hmm: bool) -> PyResult<Bound<'py, PyList>> {
        self.cut_job(text, Job::new(cut_all, hmm, false))
    }

    /// `lcut_for_search(text, HMM)` as a list of str.
    fn cut_for_search<'py>(&self, text: &Bound<'py, PyString>, hmm: bool) -> PyResult<Bound<'py, PyList>> {
        self.cut_job(text, Job::new(false, hmm, true))
    }

    /// `list(tokenize(text, mode, HMM))`: `(word, start, end)` in code points.
    fn tokenize<'py>(&self, text: &Bound<'py, PyString>, search: bool, hmm: bool) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, Job::new(false, hmm, search), |tokens| {
            let mut cursor = CharCursor::default();
            let items = tokens.spans.iter().enumerate().map(|(i, &(start, end))| {
                let (a, b) = (cursor.char_offset(&s, start), cursor.char_offset(&s, end));
                PyTuple::new(py, [PyString::new(py, tokens.get(&s, i)).into_any(), a.into_pyobject(py)?.into_any(), b.into_pyobject(py)?.into_any()])
            });
            PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
        })
    }

    /// Tokens as code-point spans `(start, end)` of `text`, or as a `str` for the rare
    /// `cut_all` token that is not a slice.  Lets the Python layer cut strings that
    /// cannot be UTF-8 (lone surrogates) by cutting a stand-in and slicing the original.
    fn cut_spans<'py>(&self, text: &Bound<'py, PyString>, cut_all: bool, hmm: bool, search: bool) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, Job::new(cut_all, hmm, search), |tokens| {
            let mut cursor = CharCursor::default();
            let items = tokens.spans.iter().map(|&(start, end)| -> PyResult<Bound<'py, PyAny>> {
                if start == JOINED {
                    return Ok(PyString::new(py, &tokens.joined[end]).into_any());
                }
                let (a, b) = (cursor.char_offset(&s, start), cursor.char_offset(&s, end));
                Ok((a, b).into_pyobject(py)?.into_any())
            });
            PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
        })
    }
}

impl CoreTokenizer {
    fn cut_job<'py>(&self, text: &Bound<'py, PyString>, job: Job) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, job, |tokens| PyList::new(py, tokens.iter(&s).map(|t| PyString::new(py, t))))
    }
}

/// The bundled `dict.txt`, for `Tokenizer.get_dict_file()`.
#[pyfunction]
pub fn bundled_dictionary_bytes(py: Python<'_>) -> Bound<'_, pyo3::types::PyBytes> {
    pyo3::types::PyBytes::new(py, zhfast_core::data::JIEBA_DICT)
}
