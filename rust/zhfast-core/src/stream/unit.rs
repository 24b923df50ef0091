//! One unit of a stream (whole lines, or pieces of lines at its ends) and how a worker
//! cuts it: decoded as UTF-8, split into lines, each line cut and formatted.

use super::format::Formatter;
use super::frame::Lines;
use super::{Cutter, Newlines};
use crate::error::Error;
use crate::tokens::JOINED;
use crate::worker::Worker;

/// A unit of input: whole lines, or pieces of lines at its ends.
pub(super) struct Job {
    pub(super) seq: u64,
    pub(super) data: Vec<u8>,
    /// Byte offset of `data` in the input.
    pub(super) offset: u64,
    /// The unit starts inside a line begun by the unit before.
    pub(super) in_line_at_start: bool,
    /// The unit ends inside a line that the next unit goes on with.
    pub(super) in_line_at_end: bool,
}

/// A cut unit's output.
pub(super) struct Output {
    pub(super) bytes: Vec<u8>,
    pub(super) input_len: usize,
    pub(super) in_line_at_end: bool,
    pub(super) lines: u64,
}

/// Why a unit has no output.
pub(super) enum Failure {
    Decode {
        offset: u64,
        bytes: Vec<u8>,
        start: usize,
        end: usize,
    },
    Cut(Error),
    Panicked,
}

/// One unit's lines, cut and formatted.
pub(super) fn cut_unit(
    job: &Job,
    cutter: &Cutter<'_>,
    fmt: &Formatter<'_>,
    newlines: Newlines,
    worker: &mut Worker,
) -> Result<Output, Failure> {
    let text = std::str::from_utf8(&job.data).map_err(|e| {
        let start = e.valid_up_to();
        let end = start + e.error_len().unwrap_or(job.data.len() - start);
        let (from, to) = (start.saturating_sub(8), (end + 8).min(job.data.len()));
        Failure::Decode {
            offset: job.offset + start as u64,
            bytes: job.data[from..to].to_vec(),
            start: start - from,
            end: end - from,
        }
    })?;
    let mut out = Vec::with_capacity(job.data.len() * 2 + 16);
    let mut lines = 0;
    let units = Lines::new(text, newlines, job.in_line_at_start, job.in_line_at_end);
    for (k, (line, ends)) in units.enumerate() {
        let continues = k == 0 && job.in_line_at_start;
        match cutter {
            Cutter::Words(seg, mode) => {
                let tokens = worker.cut(seg, line, *mode).map_err(Failure::Cut)?;
                let bytes = line.as_bytes();
                let words = tokens.spans.iter().map(|&(s, e)| match s {
                    JOINED => (tokens.joined[e].0.as_bytes(), None),
                    _ => (&bytes[s..e], None),
                });
                fmt.line(&mut out, words, continues, ends);
            }
            Cutter::Tags(seg, hmm) => {
                let tagged = worker.tag(seg, line, *hmm).map_err(Failure::Cut)?;
                let words = tagged.spans.iter().zip(&tagged.tags);
                let bytes = line.as_bytes();
                let words = words.map(|(&(a, b), tag)| (&bytes[a..b], Some(tag.as_bytes())));
                fmt.line(&mut out, words, continues, ends);
            }
        }
        lines += u64::from(ends);
    }
    Ok(Output {
        bytes: out,
        input_len: job.data.len(),
        in_line_at_end: job.in_line_at_end,
        lines,
    })
}
