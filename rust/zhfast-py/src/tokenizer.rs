//! `CoreTokenizer`: a dictionary plus the cutting calls, for `zhfast.Tokenizer` to wrap.
//!
//! The dictionary is a `zhfast_core::SharedDictionary`, whose versions carry the word
//! strings of their base words; the methods here convert arguments and results and
//! release the GIL around the core's work (`cutting.rs`, `batches.rs`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use zhfast_core::{
    source_digest, CompiledDictionary, Dag, DictBytes, Dictionary, SharedDictionary, Snapshot,
};

use crate::arrow;
use crate::batches;
use crate::cutting;
use crate::errors::to_py;
use crate::files;
use crate::gil;
use crate::mode::PyMode;
use crate::strings::WordStrings;
use crate::tags::TagTable;
use crate::text::{word_bytes, word_str};

/// The strings of a version's base words, made when the version is.
fn word_strings(dict: &Dictionary) -> WordStrings {
    WordStrings::new(dict.base_len())
}

/// jieba's bundled dictionary and its word strings, loaded at most once per process and
/// shared by every tokenizer that uses it.
fn default_dictionary() -> (Arc<Dictionary>, Arc<WordStrings>) {
    static DEFAULT: OnceLock<(Arc<Dictionary>, Arc<WordStrings>)> = OnceLock::new();
    DEFAULT
        .get_or_init(|| {
            let dict = Dictionary::jieba_default();
            let strings = word_strings(&dict);
            (Arc::new(dict), Arc::new(strings))
        })
        .clone()
}

#[pyclass(module = "zhfast._core", frozen)]
pub struct CoreTokenizer {
    shared: SharedDictionary<WordStrings>,
}

impl CoreTokenizer {
    fn new(dict: Arc<Dictionary>, strings: Arc<WordStrings>) -> Self {
        CoreTokenizer {
            shared: SharedDictionary::new(dict, strings, word_strings),
        }
    }

    /// The current version.  Called with the GIL held, so it also releases the word
    /// strings of versions that a background merge replaced.
    pub(crate) fn snapshot(&self) -> Snapshot<WordStrings> {
        drop(self.shared.take_retired());
        self.shared.snapshot()
    }
}

#[pymethods]
impl CoreTokenizer {
    /// A tokenizer over jieba's bundled dictionary.
    #[staticmethod]
    fn bundled() -> Self {
        let (dict, strings) = default_dictionary();
        CoreTokenizer::new(dict, strings)
    }

    /// The digest of the dictionary file at `path` (what the compiled-dictionary cache
    /// keys its files by and checks them against).
    #[staticmethod]
    fn source_digest<'py>(py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyBytes>> {
        let digest = gil::detach(py, || {
            DictBytes::map(&path).map(|b| source_digest(b.as_ref()))
        })?;
        Ok(PyBytes::new(py, &digest))
    }

    /// Compiles the dictionary file at `path` (`name` in errors); with `blob_path`, also
    /// writes the compiled form there.  Returns the tokenizer and whether the compiled
    /// form was written (a write that fails only costs the next load a compile).
    #[staticmethod]
    #[pyo3(signature = (path, name, blob_path=None))]
    fn compile_file(
        py: Python<'_>,
        path: PathBuf,
        name: &str,
        blob_path: Option<PathBuf>,
    ) -> PyResult<(Self, bool)> {
        // Errors leave the closure as Rust values and become Python exceptions after it,
        // with the GIL held (see `gil::detach`).
        let (dict, written) = gil::detach(py, || {
            let source = DictBytes::map(&path)?;
            let compiled = match CompiledDictionary::from_jieba_text(source, name) {
                Ok(compiled) => compiled,
                Err(e) => return Ok(Err(e)),
            };
            let written = blob_path.is_some_and(|blob| {
                std::fs::File::create(blob)
                    .and_then(|f| compiled.write_to(std::io::BufWriter::with_capacity(1 << 20, f)))
                    .is_ok()
            });
            std::io::Result::Ok(Ok((compiled.into_dictionary(), written)))
        })?
        .map_err(to_py)?;
        let strings = word_strings(&dict);
        Ok((
            CoreTokenizer::new(Arc::new(dict), Arc::new(strings)),
            written,
        ))
    }

    /// A tokenizer over the compiled dictionary in the file `blob_path`, mapped in place;
    /// it must verify whole and have been compiled from text whose digest is `digest`
    /// (`ValueError` if not, `OSError` if the file cannot be read).
    #[staticmethod]
    fn load_compiled(py: Python<'_>, blob_path: PathBuf, digest: &[u8]) -> PyResult<Self> {
        let digest: [u8; 16] = digest
            .try_into()
            .map_err(|_| PyValueError::new_err("a source digest is 16 bytes"))?;
        let dict = gil::detach(py, || {
            let bytes = DictBytes::map(&blob_path)?;
            std::io::Result::Ok(Dictionary::from_dict_bytes(bytes, Some(&digest)))
        })?
        .map_err(to_py)?;
        let strings = word_strings(&dict);
        Ok(CoreTokenizer::new(Arc::new(dict), Arc::new(strings)))
    }

    /// `FREQ.get(word)`: the frequency, 0 for a prefix of a word, `None` otherwise.
    fn freq(&self, word: &Bound<'_, PyString>) -> PyResult<Option<i64>> {
        Ok(self.snapshot().dict.freq_of_bytes(&word_bytes(word)?))
    }

    /// The tag a word has in the dictionary file (`None` for unknown words).
    fn tag(&self, word: &Bound<'_, PyString>) -> PyResult<Option<String>> {
        let word = word_bytes(word)?;
        let Ok(word) = std::str::from_utf8(&word) else {
            return Ok(None); // only added words are not UTF-8, and they have no file tag
        };
        Ok(self.snapshot().dict.tag(word).map(str::to_string))
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
    fn freq_keys<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyString>>> {
        let dict = self.snapshot().dict;
        let keys = gil::detach(py, || {
            let mut seen: HashSet<&[u8]> = HashSet::new();
            let utf8 = dict.iter().map(|(w, _)| w.as_bytes());
            for word in utf8.chain(dict.unencodable_words().map(|(w, _)| w)) {
                seen.insert(word);
                // Prefixes end where a character starts (UTF-8 and WTF-8 alike).
                for end in (1..word.len()).filter(|&i| !(0x80..0xC0).contains(&word[i])) {
                    seen.insert(&word[..end]);
                }
            }
            let mut keys: Vec<&[u8]> = seen.into_iter().collect();
            keys.sort_unstable();
            keys
        });
        keys.into_iter().map(|k| word_str(py, k)).collect()
    }

    /// jieba's `get_DAG(text)` as lists of inclusive end positions, in code points.
    fn dag(&self, text: &Bound<'_, PyString>) -> PyResult<Vec<Vec<u32>>> {
        let s = text.to_cow()?;
        let mut dag = Dag::default();
        dag.build(&self.snapshot().dict, &s);
        Ok((0..dag.len()).map(|k| dag.ends(k).to_vec()).collect())
    }

    /// Applies `add_word(word, freq)` for each pair, all or none.  With `merge=False`
    /// the words are only staged (cheap); `compact` then compiles them.
    #[pyo3(signature = (words, merge=true))]
    fn add_words(
        &self,
        py: Python<'_>,
        words: Vec<(Bound<'_, PyString>, i64)>,
        merge: bool,
    ) -> PyResult<()> {
        let words = words
            .iter()
            .map(|(w, f)| Ok((word_bytes(w)?, *f)))
            .collect::<PyResult<Vec<_>>>()?;
        gil::detach(py, || self.shared.add_words(&words, merge)).map_err(to_py)
    }

    /// A tokenizer with this one's dictionary as it is now, whose edits this one does
    /// not see (and the other way round): the first edit copies the dictionary.
    fn copy(&self) -> Self {
        let current = self.snapshot();
        CoreTokenizer::new(current.dict, current.extra)
    }

    /// Sets jieba's `total` (a tokenizer rebuilt from its edits' effect).
    fn set_total(&self, total: i64) {
        self.shared.set_total(total);
    }

    /// A tokenizer that starts from this one's current dictionary and is edited on its
    /// own from here on: nothing is copied until one of the two is edited (unpickling
    /// the same tokenizer again in a process costs this, not a load).
    fn fork(&self) -> Self {
        let current = self.snapshot();
        CoreTokenizer::new(current.dict, current.extra)
    }

    /// Compiles words added at run time: a few now, into their own small trie; many (at
    /// least `background_threshold`) in the background, into the main trie.
    #[pyo3(signature = (background_threshold=4096))]
    fn compact(&self, py: Python<'_>, background_threshold: usize) {
        gil::detach(py, || self.shared.compact(background_threshold));
    }

    /// Waits for a background merge started by `compact`, if any.
    fn wait_compacted(&self, py: Python<'_>) {
        gil::detach(py, || self.shared.wait_compacted());
    }

    /// `lcut(text, ...)` or `lcut_for_search(text, ...)`, as `mode` says.
    fn cut<'py>(&self, text: &Bound<'py, PyString>, mode: PyMode) -> PyResult<Bound<'py, PyList>> {
        cutting::cut(&self.snapshot(), text, mode.into())
    }

    /// `list(tokenize(text, ...))`: `(word, start, end)` in code points.
    fn tokenize<'py>(
        &self,
        text: &Bound<'py, PyString>,
        mode: PyMode,
    ) -> PyResult<Bound<'py, PyList>> {
        cutting::tokenize(&self.snapshot(), text, mode.into())
    }

    /// The code-point end offset of every token of `text`, as an `array('I')`.
    fn offsets<'py>(
        &self,
        text: &Bound<'py, PyString>,
        mode: PyMode,
    ) -> PyResult<Bound<'py, PyAny>> {
        cutting::offsets(&self.snapshot(), text, mode.into())
    }

    /// `posseg.lcut(text, HMM)` as `(word, tag)` tuples; `user_tags` are the tokenizer's
    /// own tags, which win over the dictionary's.
    #[pyo3(signature = (text, hmm, user_tags=None))]
    fn pos_cut<'py>(
        &self,
        text: &Bound<'py, PyString>,
        hmm: bool,
        user_tags: Option<&TagTable>,
    ) -> PyResult<Bound<'py, PyList>> {
        cutting::pos_cut(&self.snapshot(), text, hmm, user_tags)
    }

    /// `[lcut(t, ...) for t in texts]` as `mode` says, on `threads` threads (all cores for
    /// `None`) without the GIL.
    #[pyo3(signature = (texts, mode, threads=None, piece_bytes=None))]
    fn cut_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        mode: PyMode,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        batches::cut(
            py,
            &self.snapshot(),
            &texts,
            mode.into(),
            threads,
            piece_bytes,
        )
    }

    /// [`Self::offsets`] for many texts, on `threads` threads.
    #[pyo3(signature = (texts, mode, threads=None, piece_bytes=None))]
    fn offsets_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        mode: PyMode,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        batches::offsets(
            py,
            &self.snapshot(),
            &texts,
            mode.into(),
            threads,
            piece_bytes,
        )
    }

    /// `[posseg.lcut(t, HMM) for t in texts]`, on `threads` threads.
    #[pyo3(signature = (texts, hmm, user_tags=None, threads=None, piece_bytes=None))]
    fn pos_cut_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Bound<'py, PyString>>,
        hmm: bool,
        user_tags: Option<&TagTable>,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        batches::pos_cut(
            py,
            &self.snapshot(),
            &texts,
            hmm,
            user_tags,
            threads,
            piece_bytes,
        )
    }

    /// Cuts every line of `source` into `sink` (each a file descriptor or a binary file
    /// object) on `threads` threads without the GIL, as `python -m jieba` prints lines
    /// (or as JSON arrays); with `tag_delimiter`, tags them (posseg).  `tick(bytes_done)`
    /// is called about every 50 ms.  Returns `(bytes_read, bytes_written, lines)`.
    #[pyo3(signature = (
        source, sink, mode, delimiter, *, tag_delimiter=None, user_tags=None, jsonl=false,
        universal_newlines=true, threads=None, block_bytes=1048576, tick=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn cut_stream(
        &self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sink: &Bound<'_, PyAny>,
        mode: PyMode,
        delimiter: String,
        tag_delimiter: Option<String>,
        user_tags: Option<&TagTable>,
        jsonl: bool,
        universal_newlines: bool,
        threads: Option<usize>,
        block_bytes: usize,
        tick: Option<Py<PyAny>>,
    ) -> PyResult<(u64, u64, u64)> {
        let settings = files::StreamSettings {
            mode: mode.into(),
            delimiter,
            tag_delimiter,
            user_tags,
            jsonl,
            universal_newlines,
            threads,
            block_bytes,
        };
        files::cut_stream(py, &self.snapshot(), source, sink, settings, tick)
    }

    /// [`Self::cut_batch`] over a column: an Arrow array or stream of strings, or a list
    /// of `str` and `None`; the tokens as Arrow `list<string>`.
    #[pyo3(signature = (texts, mode, threads=None, piece_bytes=None))]
    fn cut_arrow(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        mode: PyMode,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Py<PyAny>> {
        let snapshot = self.snapshot();
        arrow::cut(py, &snapshot, texts, mode.into(), threads, piece_bytes)
    }

    /// [`Self::offsets_batch`] over a column, as Arrow `list<uint32>`.
    #[pyo3(signature = (texts, mode, threads=None, piece_bytes=None))]
    fn offsets_arrow(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        mode: PyMode,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Py<PyAny>> {
        let snapshot = self.snapshot();
        arrow::offsets(py, &snapshot, texts, mode.into(), threads, piece_bytes)
    }

    /// [`Self::pos_cut_batch`] over a column, as Arrow
    /// `list<struct<word: string, flag: string>>`.
    #[pyo3(signature = (texts, hmm, user_tags=None, threads=None, piece_bytes=None))]
    fn pos_cut_arrow(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        hmm: bool,
        user_tags: Option<&TagTable>,
        threads: Option<usize>,
        piece_bytes: Option<usize>,
    ) -> PyResult<Py<PyAny>> {
        let snapshot = self.snapshot();
        arrow::pos_cut(py, &snapshot, texts, hmm, user_tags, threads, piece_bytes)
    }
}

/// The bundled `dict.txt`, for `Tokenizer.get_dict_file()`.
#[pyfunction]
pub fn bundled_dictionary_bytes(py: Python<'_>) -> Bound<'_, PyBytes> {
    PyBytes::new(py, zhfast_core::JIEBA_DICT)
}
