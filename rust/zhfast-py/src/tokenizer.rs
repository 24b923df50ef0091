//! `CoreTokenizer`: a dictionary plus the cutting calls, for `zhfast.Tokenizer` to wrap.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::thread::JoinHandle;

use pyo3::exceptions::{PyOverflowError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString, PyTuple};
use zhfast_core::offsets::CharCursor;
use zhfast_core::tokens::JOINED;
use zhfast_core::batch::{cut_texts, tag_text};
use zhfast_core::in_order::{self, Stopped};
use zhfast_core::{Dictionary, HmmModel, Job, Scratch, Segmenter, Tokens};

use crate::errors::to_py;
use crate::force_split;
use crate::pools;
use crate::strings::{token_bound, token_list, token_list_range, WordStrings};
use crate::tags::TagTable;
use zhfast_core::posseg::{PosScratch, PosSegmenter, Tagged};
use zhfast_core::posseg_hmm::PossegModel;

/// A batch is cut in groups of texts (see `zhfast_core::in_order`) that close at this
/// much text: small enough for the work to balance and for a group's tokens to be in
/// the cache when its objects are built, large enough that handing it over costs little.
const GROUP_BYTES: usize = 8 << 10;
/// ... or at this many texts (many tiny texts).
const GROUP_TEXTS: usize = 256;
/// Groups that helpers may cut ahead of the calling thread, per thread: what bounds the
/// tokens held in memory for a batch of any size (about 256 KB of text per thread).
const WINDOW_GROUPS_PER_THREAD: usize = 32;

thread_local! {
    /// Per-thread buffers: cuts allocate nothing once these have grown.
    static SCRATCH: RefCell<(Scratch, Tokens)> = RefCell::new(Default::default());
}

/// jieba's bundled dictionary and its word strings, loaded at most once per process and
/// shared by every tokenizer that uses it.
fn default_dictionary() -> (Arc<Dictionary>, Arc<WordStrings>) {
    static DEFAULT: OnceLock<(Arc<Dictionary>, Arc<WordStrings>)> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let dict = Dictionary::jieba_default();
            let strings = WordStrings::new(dict.base_len());
            (Arc::new(dict), Arc::new(strings))
        })
        .clone()
}

#[pyclass(module = "zhfast._core", frozen)]
pub struct CoreTokenizer {
    /// Cuts take a snapshot (an `Arc` clone) and edits swap in a new version, so a cut
    /// running while another thread edits sees the dictionary before or after the edit,
    /// never half of it.
    state: Arc<RwLock<State>>,
    /// The background merge started by `compact`, if one is running.
    merging: Mutex<Option<JoinHandle<()>>>,
    /// Word strings replaced by a background merge, released with the GIL held.
    retired: Arc<Mutex<Vec<Arc<WordStrings>>>>,
}

/// One version of the dictionary with the strings of its base words (which are indexed
/// by base word id, so they change together).
#[derive(Clone)]
struct Version {
    dict: Arc<Dictionary>,
    strings: Arc<WordStrings>,
}

struct State {
    current: Version,
    /// Bumped by every edit, so a background merge of an older version is dropped.
    generation: u64,
}

impl CoreTokenizer {
    /// Runs `job` on `text` without the GIL, then hands the tokens to `build` with it.
    fn run<'py, T>(
        &self,
        py: Python<'py>,
        text: &str,
        job: Job,
        build: impl FnOnce(&Tokens, &WordStrings) -> PyResult<T>,
    ) -> PyResult<T> {
        let snapshot = self.snapshot();
        let dict = &*snapshot.dict;
        let cut = |scratch: &mut Scratch, out: &mut Tokens| {
            out.clear();
            let status = py.detach(|| {
                let force = force_split::read();
                let seg = Segmenter { dict, hmm: HmmModel::jieba_finalseg(), force_split: force.set() };
                seg.run(text, job, scratch, out)
            });
            status.map_err(to_py).and_then(|()| build(out, &snapshot.strings))
        };
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut buffers) => {
                let (scratch, out) = &mut *buffers;
                cut(scratch, out)
            }
            // Building Python objects may run arbitrary code (a finalizer that cuts, say)
            // that re-enters on this thread while the buffers are in use: fresh ones then.
            Err(_) => cut(&mut Scratch::default(), &mut Tokens::default()),
        })
    }
}

#[pymethods]
impl CoreTokenizer {
    /// A tokenizer over jieba's bundled dictionary.
    #[staticmethod]
    fn bundled() -> Self {
        let (dict, strings) = default_dictionary();
        CoreTokenizer::new(Version { dict, strings })
    }

    /// Compiles a dictionary in jieba's format to the bytes `from_compiled` loads.
    #[staticmethod]
    fn compile_dictionary<'py>(py: Python<'py>, data: &[u8], name: &str) -> PyResult<Bound<'py, PyBytes>> {
        let blob = py.detach(|| Dictionary::compile(data, name)).map_err(to_py)?;
        Ok(PyBytes::new(py, &blob))
    }

    /// A tokenizer over a compiled dictionary; `ValueError` if the bytes are not one.
    #[staticmethod]
    fn from_compiled(py: Python<'_>, blob: &[u8]) -> PyResult<Self> {
        let dict = py.detach(|| Dictionary::from_compiled(blob)).map_err(to_py)?;
        let strings = Arc::new(WordStrings::new(dict.base_len()));
        Ok(CoreTokenizer::new(Version { dict: Arc::new(dict), strings }))
    }

    /// `FREQ.get(word)`: the frequency, 0 for a prefix of a word, `None` otherwise.
    fn freq(&self, word: &str) -> Option<i64> {
        self.snapshot().dict.freq(word)
    }

    /// The tag a word has in the dictionary file (`None` for unknown words).
    fn tag(&self, word: &str) -> Option<String> {
        self.snapshot().dict.tag(word).map(str::to_string)
    }

    #[getter]
    fn total(&self) -> i64 {
        self.snapshot().dict.total()
    }

    /// Number of words, not counting prefix-only entries.
    fn word_count(&self) -> usize {
        self.snapshot().dict.len()
    }

    /// jieba's `FREQ` keys: every word and every prefix of a word, each once.
    fn freq_keys(&self, py: Python<'_>) -> Vec<String> {
        let dict = self.snapshot().dict;
        py.detach(|| {
            let mut seen: HashSet<&str> = HashSet::new();
            for (word, _) in dict.iter() {
                seen.insert(word);
                for (i, _) in word.char_indices().skip(1) {
                    seen.insert(&word[..i]);
                }
            }
            let mut keys: Vec<String> = seen.into_iter().map(str::to_string).collect();
            keys.sort_unstable();
            keys
        })
    }

    /// jieba's `get_DAG(text)` as lists of inclusive end positions, in code points.
    fn dag(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<Vec<u32>>> {
        let s = text.to_cow()?;
        let mut offsets: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        offsets.push(s.len());
        let chars: Vec<char> = s.chars().collect();
        let mut dag = zhfast_core::dag::Dag::default();
        dag.build(&self.snapshot().dict, &s, &chars, &offsets);
        Ok((0..dag.len()).map(|k| dag.ends(k).to_vec()).collect())
    }

    /// Applies `add_word(word, freq)` for each pair, all or none.  With `merge=False`
    /// the words are only staged (cheap); `compact` then compiles them.
    #[pyo3(signature = (words, merge=true))]
    fn add_words(&self, py: Python<'_>, words: Vec<(String, i64)>, merge: bool) -> PyResult<()> {
        py.detach(|| {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            state.generation += 1;
            // Copies the dictionary only while a cut still holds the old version.
            let dict = Arc::make_mut(&mut state.current.dict);
            dict.add_words_then(words.iter().map(|(w, f)| (w.as_str(), *f)), merge)
        })
        .map_err(to_py)
    }

    /// Compiles words added at run time: a few now, into their own small trie; many (at
    /// least `background_threshold`) in the background, into the main trie.
    ///
    /// Until a background merge is done, cuts also walk the staged words (slower, same
    /// answers); afterwards one walk finds all words, so a big user dictionary costs
    /// little cutting speed.  The merge
    /// changes no frequency: it is swapped in only if no edit came in meanwhile.
    #[pyo3(signature = (background_threshold=4096))]
    fn compact(&self, py: Python<'_>, background_threshold: usize) {
        let (snapshot, generation) = py.detach(|| {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            if state.current.dict.user_word_count() < background_threshold.max(1) {
                Arc::make_mut(&mut state.current.dict).merge_overlay();
            }
            (state.current.dict.clone(), state.generation)
        });
        if snapshot.user_word_count() < background_threshold.max(1) {
            return;
        }
        let state = Arc::clone(&self.state);
        let retired = Arc::clone(&self.retired);
        let handle = std::thread::spawn(move || {
            let merged = Arc::new(snapshot.with_user_words_merged());
            let strings = Arc::new(WordStrings::new(merged.base_len()));
            let mut state = state.write().unwrap_or_else(|e| e.into_inner());
            if state.generation == generation {
                let old = std::mem::replace(&mut state.current, Version { dict: merged, strings });
                // Dropping strings needs the GIL, which this thread must not wait for
                // while holding the lock: the next call on the tokenizer releases them.
                retired.lock().unwrap_or_else(|e| e.into_inner()).push(old.strings);
            }
        });
        let previous = self.merging.lock().unwrap_or_else(|e| e.into_inner()).replace(handle);
        if let Some(previous) = previous {
            py.detach(|| {
                let _ = previous.join();
            });
        }
    }

    /// Waits for a background merge started by `compact`, if any.
    fn wait_compacted(&self, py: Python<'_>) {
        let handle = self.merging.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = handle {
            py.detach(|| {
                let _ = handle.join();
            });
        }
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
        self.run(py, &s, Job::new(false, hmm, search), |tokens, strings| {
            let mut cursor = CharCursor::default();
            let items = tokens.spans.iter().enumerate().map(|(i, &(start, end))| {
                let (a, b) = (cursor.char_offset(&s, start), cursor.char_offset(&s, end));
                PyTuple::new(py, [token_bound(py, strings, &s, tokens, i)?, a.into_pyobject(py)?.into_any(), b.into_pyobject(py)?.into_any()])
            });
            PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
        })
    }

    /// `[lcut(t, cut_all, HMM) for t in texts]`, or `lcut_for_search` with `search`,
    /// cut on `threads` threads (all cores for `None`) without the GIL.
    #[pyo3(signature = (texts, cut_all, hmm, search, threads=None))]
    fn cut_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        cut_all: bool,
        hmm: bool,
        search: bool,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let job = Job::new(cut_all, hmm, search);
        let out = PyList::empty(py);
        let list = out.clone().unbind();
        self.for_each_cut(
            py,
            &texts,
            threads,
            |seg, texts| cut_texts(seg, texts, job).map_err(to_py),
            |py, texts, batch, strings| {
                let list = list.bind(py);
                for (i, text) in texts.iter().enumerate() {
                    list.append(token_list_range(py, strings, text, &batch.tokens, batch.range(i))?)?;
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The code-point end offset of every token of `text`, as native-endian `u32` bytes.
    fn offsets<'py>(&self, text: &Bound<'py, PyString>, cut_all: bool, hmm: bool) -> PyResult<Bound<'py, PyAny>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, Job::new(cut_all, hmm, false), |tokens, _| {
            let mut ends = Vec::with_capacity(4 * tokens.len());
            end_offsets(&s, tokens, 0..tokens.len(), &mut ends)?;
            offsets_array(py, &ends)
        })
    }

    /// [`Self::offsets`] for many texts, on `threads` threads.
    #[pyo3(signature = (texts, cut_all, hmm, threads=None))]
    fn offsets_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        cut_all: bool,
        hmm: bool,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let job = Job::new(cut_all, hmm, false);
        let out = PyList::empty(py);
        let list = out.clone().unbind();
        self.for_each_cut(
            py,
            &texts,
            threads,
            // The offsets are counted where the text was cut, in parallel; the caller
            // only wraps each text's bytes in an array.
            |seg, texts| {
                let batch = cut_texts(seg, texts, job).map_err(to_py)?;
                let mut ends = Vec::with_capacity(4 * batch.tokens.len());
                let mut bounds = Vec::with_capacity(texts.len() + 1);
                bounds.push(0);
                for (i, text) in texts.iter().enumerate() {
                    end_offsets(text, &batch.tokens, batch.range(i), &mut ends)?;
                    bounds.push(ends.len());
                }
                Ok((ends, bounds))
            },
            |py, _, (ends, bounds), _| {
                let list = list.bind(py);
                for pair in bounds.windows(2) {
                    list.append(offsets_array(py, &ends[pair[0]..pair[1]])?)?;
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// `posseg.lcut(text, HMM)` as `(word, tag)` tuples; `user_tags` are the tokenizer's
    /// own tags, which win over the dictionary's.
    #[pyo3(signature = (text, hmm, user_tags=None))]
    fn pos_cut<'py>(&self, text: &Bound<'py, PyString>, hmm: bool, user_tags: Option<&TagTable>) -> PyResult<Bound<'py, PyList>> {
        thread_local! {
            static POS_SCRATCH: RefCell<(PosScratch, Tagged)> = RefCell::new(Default::default());
        }
        let py = text.py();
        let s = text.to_cow()?;
        let snapshot = self.snapshot();
        let (mut scratch, mut out) = POS_SCRATCH.with(|c| c.take());
        out.clear();
        let status = py.detach(|| {
            let lookup = |w: &str| user_tags.and_then(|t| t.tags.get(w)).map(String::as_str);
            let seg = PosSegmenter { dict: &snapshot.dict, model: PossegModel::jieba(), user_tag: &lookup };
            seg.cut(&s, hmm, &mut scratch, &mut out)
        });
        let result = status.map_err(to_py).and_then(|()| {
            let items = out.spans.iter().zip(&out.tags).map(|(&(a, b), tag)| (&s[a..b], tag.as_str()));
            PyList::new(py, items)
        });
        POS_SCRATCH.with(|c| c.replace((scratch, out)));
        result
    }

    /// `[posseg.lcut(t, HMM) for t in texts]` as lists of `(word, tag)`, on `threads`
    /// threads (all cores for `None`) without the GIL.
    #[pyo3(signature = (texts, hmm, user_tags=None, threads=None))]
    fn pos_cut_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        hmm: bool,
        user_tags: Option<&TagTable>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let snapshot = self.snapshot();
        let dict = &*snapshot.dict;
        let out = PyList::empty(py);
        let list = out.clone().unbind();
        batch_in_order(
            py,
            &texts,
            threads,
            |texts| {
                let lookup = |w: &str| user_tags.and_then(|t| t.tags.get(w)).map(String::as_str);
                let seg = PosSegmenter { dict, model: PossegModel::jieba(), user_tag: &lookup };
                texts.iter().map(|text| tag_text(&seg, text, hmm)).collect::<zhfast_core::Result<Vec<Tagged>>>().map_err(to_py)
            },
            |py, texts, tagged| {
                let list = list.bind(py);
                for (text, tagged) in texts.iter().zip(tagged) {
                    let items = tagged.spans.iter().zip(&tagged.tags).map(|(&(a, b), tag)| (&text[a..b], tag.as_str()));
                    list.append(PyList::new(py, items)?)?;
                }
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// Tokens as code-point spans `(start, end)` of `text`, or as a `str` for the rare
    /// `cut_all` token that is not a slice.  Lets the Python layer cut strings that
    /// cannot be UTF-8 (lone surrogates) by cutting a stand-in and slicing the original.
    fn cut_spans<'py>(&self, text: &Bound<'py, PyString>, cut_all: bool, hmm: bool, search: bool) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, Job::new(cut_all, hmm, search), |tokens, _| {
            let mut cursor = CharCursor::default();
            let items = tokens.spans.iter().map(|&(start, end)| -> PyResult<Bound<'py, PyAny>> {
                if start == JOINED {
                    return Ok(PyString::new(py, &tokens.joined[end].0).into_any());
                }
                let (a, b) = (cursor.char_offset(&s, start), cursor.char_offset(&s, end));
                Ok((a, b).into_pyobject(py)?.into_any())
            });
            PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)
        })
    }
}

impl CoreTokenizer {
    fn new(version: Version) -> Self {
        CoreTokenizer {
            state: Arc::new(RwLock::new(State { current: version, generation: 0 })),
            merging: Mutex::new(None),
            retired: Arc::default(),
        }
    }

    /// The current version.  Called with the GIL held, so it also releases the strings
    /// of versions a background merge replaced.
    fn snapshot(&self) -> Version {
        if let Ok(mut retired) = self.retired.try_lock() {
            retired.clear();
        }
        self.state.read().unwrap_or_else(|e| e.into_inner()).current.clone()
    }

    /// Cuts `texts` on `threads` threads (see [`batch_in_order`]): `work` cuts a group
    /// of consecutive texts with the current dictionary, and `consume` gets each group's
    /// result, in order, with the GIL and the dictionary's word strings.
    fn for_each_cut<'py, R: Send>(
        &self,
        py: Python<'py>,
        texts: &[Bound<'py, PyString>],
        threads: Option<usize>,
        work: impl Fn(&Segmenter<'_>, &[Cow<'_, str>]) -> PyResult<R> + Sync,
        mut consume: impl FnMut(Python<'_>, &[Cow<'_, str>], R, &WordStrings) -> PyResult<()> + Send,
    ) -> PyResult<()> {
        let snapshot = self.snapshot();
        let dict = &*snapshot.dict;
        let strings = &*snapshot.strings;
        let cut_group = |texts: &[Cow<'_, str>]| {
            let force = force_split::read();
            let seg = Segmenter { dict, hmm: HmmModel::jieba_finalseg(), force_split: force.set() };
            work(&seg, texts)
        };
        batch_in_order(py, texts, threads, cut_group, |py, texts, result| consume(py, texts, result, strings))
    }

    fn cut_job<'py>(&self, text: &Bound<'py, PyString>, job: Job) -> PyResult<Bound<'py, PyList>> {
        let py = text.py();
        let s = text.to_cow()?;
        self.run(py, &s, job, |tokens, strings| token_list(py, strings, &s, tokens))
    }
}

/// Runs `work` on groups of consecutive `texts` on `threads` threads (all cores for
/// `None`), the calling thread among them, without the GIL, and `consume` on each
/// group's result on the calling thread, in order, with the GIL (see
/// `zhfast_core::in_order`).
fn batch_in_order<'py, R: Send>(
    py: Python<'py>,
    texts: &[Bound<'py, PyString>],
    threads: Option<usize>,
    work: impl Fn(&[Cow<'_, str>]) -> PyResult<R> + Sync,
    mut consume: impl FnMut(Python<'_>, &[Cow<'_, str>], R) -> PyResult<()> + Send,
) -> PyResult<()> {
    let threads = threads.unwrap_or_else(pools::all_cores).max(1);
    // The calling thread is one of the threads: a pool of the others.
    let helpers = if threads > 1 { Some(pools::pool(threads - 1).map_err(PyRuntimeError::new_err)?) } else { None };
    let texts: Vec<Cow<'_, str>> = texts.iter().map(|t| t.to_cow()).collect::<PyResult<_>>()?;
    let groups = in_order::groups(texts.iter().map(|t| t.len()), GROUP_BYTES, GROUP_TEXTS);
    let work_on = |range: Range<usize>| work(&texts[range]);
    // Each hand-over also runs pending signal handlers, so that Ctrl-C (or any handler
    // that raises) stops a long batch between two groups, as it would a Python loop.
    let hand_over = |range: Range<usize>, result: PyResult<R>| {
        Python::attach(|py| {
            py.check_signals()?;
            consume(py, &texts[range], result?)
        })
    };
    let window = WINDOW_GROUPS_PER_THREAD * threads;
    py.detach(|| in_order::run_in_order(helpers.as_deref(), &groups, window, work_on, hand_over)).map_err(|stopped| match stopped {
        Stopped::Consumer(err) => err,
        Stopped::Panicked => PyRuntimeError::new_err("zhfast: a batch worker panicked"),
    })
}

/// The bundled `dict.txt`, for `Tokenizer.get_dict_file()`.
#[pyfunction]
pub fn bundled_dictionary_bytes(py: Python<'_>) -> Bound<'_, pyo3::types::PyBytes> {
    pyo3::types::PyBytes::new(py, zhfast_core::data::JIEBA_DICT)
}

/// Native-endian `u32` code-point end offsets of the tokens.
/// An `array('I')` of native-endian `u32` bytes: made here, one call per text, rather
/// than by a Python helper per text.
fn offsets_array<'py>(py: Python<'py>, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    static ARRAY: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    let array = ARRAY.get_or_try_init(py, || py.import("array")?.getattr("array").map(Bound::unbind))?;
    array.bind(py).call1(("I", PyBytes::new(py, bytes)))
}

/// Appends the code-point end offset of each token in `range` of `text`'s tokens to
/// `out`, as native-endian `u32` bytes.
fn end_offsets(text: &str, tokens: &Tokens, range: Range<usize>, out: &mut Vec<u8>) -> PyResult<()> {
    let mut cursor = CharCursor::default();
    for i in range {
        let end = cursor.char_offset(text, tokens.end(i));
        let end = u32::try_from(end).map_err(|_| PyOverflowError::new_err("text longer than 2**32 characters"))?;
        out.extend_from_slice(&end.to_ne_bytes());
    }
    Ok(())
}

impl CoreTokenizer {
    /// The current dictionary, for the keyword bindings (`keywords.rs`).
    pub(crate) fn current_dictionary(&self) -> Arc<Dictionary> {
        self.snapshot().dict
    }
}
