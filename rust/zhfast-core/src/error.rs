//! Errors of the core, each mapped by the bindings to the exception jieba raises.

use thiserror::Error;

/// Why a dictionary could not be loaded or edited, or a cut failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A dictionary line that jieba's `gen_pfdict` rejects; jieba raises `ValueError`.
    #[error("invalid dictionary entry in {file} at Line {line}: {text}")]
    InvalidEntry {
        /// The file's name, as given.
        file: String,
        /// The line, counted from 1.
        line: usize,
        /// The line's text.
        text: String,
    },
    /// The dictionary file is not UTF-8 (user dictionaries; jieba raises `ValueError`).
    #[error("dictionary file {file} must be utf-8")]
    NotUtf8 {
        /// The file's name, as given.
        file: String,
    },
    /// A frequency outside what the core stores (jieba's ints are unbounded).
    #[error("word frequency {0} is out of range")]
    FrequencyOutOfRange(String),
    /// `log` of a non-positive number, as Python's `math.log` reports it.
    #[error("math domain error")]
    MathDomain,
    /// posseg's Viterbi with no state to continue from: jieba's `max()` of nothing.
    #[error("max() arg is an empty sequence")]
    EmptyMax,
    /// A column of texts that cannot be cut into a column of tokens (one text's tokens
    /// past what the output's offsets hold); the bindings raise `OverflowError`.
    #[error("{0}")]
    Column(String),
    /// Precompiled data that this build cannot read.
    #[error("corrupt or incompatible dictionary data: {0}")]
    BadData(String),
}

/// The core's results.
pub type Result<T> = std::result::Result<T, Error>;
