//! A stream of lines cut on several threads: what `python -m zhfast FILE` and
//! `zhfast.cut_file` run.
//!
//! The calling thread reads the input in blocks and cuts it into units that end on a
//! line end ([`frame`]); threads cut the units' lines and format their output bytes
//! ([`format`]); one more thread writes the outputs in input order ([`pipeline`]).  At
//! most a few units per thread are in memory, so memory does not grow with the input.
//! A line longer than a block is split at a safe point ([`crate::SplitRule`]) while it
//! streams, so one line of a gigabyte needs no more memory than a few blocks (unless it
//! has no safe point for that long: a run of block characters cannot be split).
//!
//! Lines are what Python's text files read: universal newlines (`\n`, `\r\n` and `\r`
//! end a line) for files, `\n` only for standard input on POSIX systems, whose line
//! loses its trailing `\r`s as `python -m jieba`'s `rstrip('\r\n')` strips them.

mod format;
mod frame;
mod pipeline;
mod unit;

use std::io;

use crate::error::Error;
use crate::mode::Mode;
use crate::posseg::PosSegmenter;
use crate::segment::Segmenter;

pub use pipeline::cut_stream;

/// Which characters end a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// `\n`, `\r\n` and `\r`, as Python's text files read them (`newline=None`).
    Universal,
    /// `\n` only (Python's `sys.stdin` on POSIX); trailing `\r`s are stripped from the
    /// line, as `line.rstrip('\r\n')` does.
    Lf,
}

/// How each line's tokens are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `python -m jieba`'s output: tokens joined by the delimiter, one line per line
    /// (with tags, `word` + tag delimiter + `tag`).
    Text,
    /// One JSON array per line: of strings, or with tags of `[word, tag]` pairs.
    Jsonl,
}

/// What each line is cut with.
#[derive(Clone, Copy)]
pub enum Cutter<'a> {
    /// `cut` or `cut_for_search` in `mode`.
    Words(Segmenter<'a>, Mode),
    /// posseg's `cut(line, HMM)`.
    Tags(PosSegmenter<'a>, bool),
}

/// A stream's settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which characters end a line.
    pub newlines: Newlines,
    /// The output's format.
    pub format: Format,
    /// Between two tokens of a line ([`Format::Text`]).
    pub delimiter: String,
    /// Between a word and its tag ([`Format::Text`] with [`Cutter::Tags`]).
    pub tag_delimiter: String,
    /// Threads that cut (at least one); reading and writing run on two more, mostly
    /// idle.
    pub threads: usize,
    /// Bytes read at a time, and the length past which a line is split.
    pub block_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            newlines: Newlines::Universal,
            format: Format::Text,
            delimiter: " / ".to_string(),
            tag_delimiter: "_".to_string(),
            threads: 1,
            block_bytes: 1 << 20,
        }
    }
}

/// What a finished stream did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Bytes read from the input.
    pub bytes_read: u64,
    /// Bytes written to the output.
    pub bytes_written: u64,
    /// Lines written.
    pub lines: u64,
}

/// Why a stream stopped before the end of its input.
#[derive(Debug)]
pub enum StreamError<E> {
    /// Reading failed.
    Read(io::Error),
    /// Writing failed (a closed pipe among others).
    Write(io::Error),
    /// The input is not UTF-8: `bytes` (a few bytes around the fault) hold an invalid
    /// sequence at `bytes[start..end]`, which is at byte `offset` of the input.
    Decode {
        /// Byte offset of the invalid sequence in the input.
        offset: u64,
        /// The input around it.
        bytes: Vec<u8>,
        /// Where the invalid sequence starts in `bytes`.
        start: usize,
        /// Where it ends in `bytes`.
        end: usize,
    },
    /// A line could not be cut (as jieba fails: see [`Error`]).
    Cut(Error),
    /// The caller's `tick` asked to stop (an interrupt, say).
    Stopped(E),
    /// A thread of the pipeline panicked.
    Panicked,
}
