//! Chinese word segmentation that gives exactly jieba 0.42.1's tokens.
//!
//! The pipeline is jieba's, stage for stage:
//!
//! 1. **Pre-split** the text into blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]` and the
//!    separators and other characters between them (`text`).
//! 2. In each block, walk the **dictionary** (a character-wise double-array trie,
//!    `trie`, `dict`) from every position to find the words that start there: jieba's
//!    DAG.
//! 3. Choose the best **route** through those words by jieba's dynamic programming,
//!    with Python's float arithmetic and tie-breaks (`segment`).
//! 4. Re-segment runs of single characters with the **HMM** (`hmm`, jieba's
//!    `finalseg`), or join single ASCII letters and digits without it; `cut_all` and
//!    `cut_for_search` are other walks over the same words.
//!
//! A [`Segmenter`] borrows what a cut reads (a [`Dictionary`], the HMM, the
//! force-split set) and can be shared by threads; a [`Worker`] owns what a cut writes
//! (its buffers) and belongs to one thread.  The tokens come back as byte spans of the
//! input ([`Tokens`]), each with the id of its dictionary word where it is one, so a
//! binding can reuse one string per word.
//!
//! ```
//! use std::collections::HashSet;
//! use zhfast_core::{Dictionary, Mode, Segmenter, Worker};
//!
//! let dict = Dictionary::jieba_default();
//! let force_split = HashSet::new();
//! let segmenter = Segmenter::new(&dict, &force_split);
//! let mut worker = Worker::new();
//! let text = "我来到北京清华大学";
//! let tokens = worker.cut(&segmenter, text, Mode::Default).unwrap();
//! assert_eq!(tokens.iter(text).collect::<Vec<_>>(), ["我", "来到", "北京", "清华大学"]);
//! ```
//!
//! # Modules
//!
//! | module | what it holds | jieba |
//! | --- | --- | --- |
//! | `text` | character classes, the pre-split, safe split points of long texts, code-point offsets | `re_han_default`, `re_skip_default` |
//! | `trie` | the double-array trie and its layout | — |
//! | `dict` | words, frequencies, tags, `total`; loading, edits, merges, the shared versioned dictionary; `compile/`: text and binary formats | `FREQ`, `total`, `add_word`, `gen_pfdict` |
//! | `segment` | the cutting modes: DAG, route, `cut_all`, search grams | `cut`, `get_DAG`, `calc`, `cut_for_search` |
//! | `hmm` | the finalseg model, Viterbi, `finalseg.cut`, force-split words | `finalseg` |
//! | [`posseg`] | part-of-speech tagging and its HMM | `posseg` |
//! | [`keywords`] | TF-IDF, TextRank, the IDF table, the word test | `analyse` |
//! | [`parts`] | the stages of a cut one at a time, for a caller's own cut loop | `calc`, `finalseg.viterbi`, `posseg.viterbi` |
//! | [`batch`] | many texts over threads, results in order; long texts split | — |
//! | [`stream`] | a file's lines cut on threads, written in order | `python -m jieba` |
//! | `pycompat` | Python's `int()` and `isspace` where jieba relies on them | — |
//!
//! What was tried for speed, and what it gave, is recorded in `docs/performance.md`.

#![warn(missing_docs)]

pub mod batch;
mod data;
mod dict;
mod error;
pub mod fork;
mod hmm;
pub mod keywords;
mod mode;
pub mod parts;
pub mod posseg;
mod pycompat;
mod segment;
pub mod stream;
mod text;
mod tokens;
mod trie;
mod worker;

pub use data::JIEBA_DICT;
pub use dict::{
    source_digest, CompiledDictionary, DictBytes, Dictionary, SharedDictionary, Snapshot,
};
pub use error::{Error, Result};
pub use hmm::{ForceSplitWords, HmmModel};
pub use mode::Mode;
pub use posseg::{PosSegmenter, Tagged};
pub use segment::dag::Dag;
pub use segment::Segmenter;
pub use text::split::SplitRule;
pub use text::CharCursor;
pub use tokens::{Tokens, JOINED, NO_WORD};
pub use worker::Worker;
