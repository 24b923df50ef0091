//! The threads of a stream: the caller reads and frames units, `threads` workers cut
//! them and format their output, a writer writes the outputs in input order.
//!
//! Units in flight (read but not yet handed to the writer) are bounded by
//! `2 * threads + 2`, which bounds the memory whatever the input's size.  The caller
//! calls `tick` at least every [`TICK`] (while it reads, waits for room, or waits for
//! the end), so that a binding can run signal handlers and report progress; when `tick`
//! fails, or anything else does, every thread stops after the unit in hand, and the
//! output is ended on a whole line.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::format::Formatter;
use super::frame::Framer;
use super::unit::{cut_unit, Failure, Job, Output};
use super::{Cutter, Newlines, Options, StreamError, Summary};
use crate::text::split::SplitRule;
use crate::worker::Worker;

/// How often the caller's `tick` runs, at least, while the stream runs.
const TICK: Duration = Duration::from_millis(50);

#[derive(Default)]
struct State {
    jobs: VecDeque<Job>,
    /// Results not yet taken by the writer; the front is unit `taken`'s.
    done: VecDeque<Option<Result<Output, Failure>>>,
    submitted: u64,
    taken: u64,
    input_done: bool,
    writer_done: bool,
    stop: bool,
    /// What stopped the writer, if anything did.
    failure: Option<WriterFailure>,
    /// Input bytes whose output is written.
    bytes_done: u64,
    bytes_written: u64,
    lines: u64,
}

enum WriterFailure {
    Unit(Failure),
    Write(io::Error),
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Workers wait here for a job.
    work: Condvar,
    /// The writer waits here for the next unit's result.
    result: Condvar,
    /// The caller waits here for room, and for the writer to finish.
    room: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn stop_all(&self, state: &mut State) {
        state.stop = true;
        self.work.notify_all();
        self.result.notify_all();
        self.room.notify_all();
    }
}

/// Cuts every line of `reader` with `cutter` and writes the output to `writer`, as
/// `options` say (see the module documentation of `stream`).  `tick(bytes_done)` runs
/// on this thread at least every 50 ms; its error stops the stream.
pub fn cut_stream<R, W, E>(
    cutter: Cutter<'_>,
    mut reader: R,
    writer: W,
    options: &Options,
    mut tick: impl FnMut(u64) -> Result<(), E>,
) -> Result<Summary, StreamError<E>>
where
    R: Read,
    W: Write + Send,
{
    let threads = options.threads.max(1);
    let fmt = Formatter {
        format: options.format,
        delimiter: options.delimiter.as_bytes(),
        tag_delimiter: options.tag_delimiter.as_bytes(),
    };
    let shared = Shared::default();
    let mut bytes_read = 0;
    let outcome = std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| work(&shared, &cutter, &fmt, options.newlines));
        }
        scope.spawn(|| write_in_order(&shared, writer, &fmt));
        let mut reading = Reading {
            shared: &shared,
            options,
            rule: match cutter {
                Cutter::Words(_, mode) => mode.split_rule(),
                Cutter::Tags(..) => SplitRule::posseg(),
            },
            max_in_flight: 2 * threads as u64 + 2,
            last_tick: Instant::now(),
            bytes_read: 0,
        };
        let read = reading.run(&mut reader, &mut tick);
        bytes_read = reading.bytes_read;
        let mut state = shared.lock();
        state.input_done = true;
        shared.work.notify_all();
        shared.result.notify_all();
        let mut stopped = None;
        if read.is_err() {
            shared.stop_all(&mut state);
        }
        // Wait for the writer, ticking: an interrupt while the last units are cut stops
        // them too.
        while !state.writer_done {
            state = shared
                .room
                .wait_timeout(state, TICK)
                .unwrap_or_else(|e| e.into_inner())
                .0;
            if stopped.is_none() && !state.stop {
                let done = state.bytes_done;
                drop(state);
                if let Err(e) = tick(done) {
                    stopped = Some(e);
                    state = shared.lock();
                    shared.stop_all(&mut state);
                } else {
                    state = shared.lock();
                }
            }
        }
        let failure = state.failure.take();
        let summary = Summary {
            bytes_read,
            bytes_written: state.bytes_written,
            lines: state.lines,
        };
        drop(state);
        (read, stopped, failure, summary)
    });
    let (read, stopped, failure, summary) = outcome;
    match failure {
        Some(WriterFailure::Write(e)) => return Err(StreamError::Write(e)),
        Some(WriterFailure::Unit(f)) => return Err(unit_error(f)),
        None => {}
    }
    read?;
    if let Some(e) = stopped {
        return Err(StreamError::Stopped(e));
    }
    // A final tick, so that a progress report ends at the end.
    tick(summary.bytes_read).map_err(StreamError::Stopped)?;
    Ok(summary)
}

fn unit_error<E>(failure: Failure) -> StreamError<E> {
    match failure {
        Failure::Decode {
            offset,
            bytes,
            start,
            end,
        } => StreamError::Decode {
            offset,
            bytes,
            start,
            end,
        },
        Failure::Cut(e) => StreamError::Cut(e),
        Failure::Panicked => StreamError::Panicked,
    }
}

/// The caller's side: reading, framing, submitting, ticking.
struct Reading<'s> {
    shared: &'s Shared,
    options: &'s Options,
    rule: SplitRule,
    max_in_flight: u64,
    last_tick: Instant,
    bytes_read: u64,
}

impl Reading<'_> {
    fn run<R: Read, E>(
        &mut self,
        reader: &mut R,
        tick: &mut impl FnMut(u64) -> Result<(), E>,
    ) -> Result<(), StreamError<E>> {
        let block = self.options.block_bytes.max(1);
        let mut framer = Framer::new(self.options.newlines, self.rule, block);
        let mut buf: Vec<u8> = Vec::with_capacity(block);
        let (mut seq, mut offset, mut in_line) = (0u64, 0u64, false);
        loop {
            if !self.wait_for_room(tick)? {
                return Ok(());
            }
            let len = buf.len();
            buf.resize(len + block, 0);
            match reader.read(&mut buf[len..]) {
                Ok(0) => {
                    buf.truncate(len);
                    break;
                }
                Ok(n) => {
                    buf.truncate(len + n);
                    self.bytes_read += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    // A signal: let its handler run now.
                    buf.truncate(len);
                    self.tick_now(tick)?;
                    continue;
                }
                Err(e) => return Err(StreamError::Read(e)),
            }
            while let Some((end, in_line_at_end)) = framer.unit_end(&buf) {
                let mut rest = Vec::with_capacity(block.max(buf.len() - end));
                rest.extend_from_slice(&buf[end..]);
                buf.truncate(end);
                let data = std::mem::replace(&mut buf, rest);
                self.submit(Job {
                    seq,
                    data,
                    offset,
                    in_line_at_start: in_line,
                    in_line_at_end,
                });
                (seq, offset, in_line) = (seq + 1, offset + end as u64, in_line_at_end);
            }
        }
        // The last line, without its line end, or the end of a line split before.
        if !buf.is_empty() || in_line {
            self.submit(Job {
                seq,
                data: buf,
                offset,
                in_line_at_start: in_line,
                in_line_at_end: false,
            });
        }
        Ok(())
    }

    /// Waits until fewer than `max_in_flight` units are in flight; `false` if the
    /// stream was stopped.
    fn wait_for_room<E>(
        &mut self,
        tick: &mut impl FnMut(u64) -> Result<(), E>,
    ) -> Result<bool, StreamError<E>> {
        let mut state = self.shared.lock();
        loop {
            if state.stop {
                return Ok(false);
            }
            if self.last_tick.elapsed() >= TICK {
                drop(state);
                self.tick_now(tick)?;
                state = self.shared.lock();
                continue;
            }
            if state.submitted - state.taken < self.max_in_flight {
                return Ok(true);
            }
            state = self
                .shared
                .room
                .wait_timeout(state, TICK)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    fn tick_now<E>(
        &mut self,
        tick: &mut impl FnMut(u64) -> Result<(), E>,
    ) -> Result<(), StreamError<E>> {
        self.last_tick = Instant::now();
        let done = self.shared.lock().bytes_done;
        tick(done).map_err(StreamError::Stopped)
    }

    fn submit(&self, job: Job) {
        let mut state = self.shared.lock();
        state.jobs.push_back(job);
        state.submitted += 1;
        self.shared.work.notify_one();
    }
}

/// A worker thread: cuts jobs until there are none left or the stream stops.
fn work(shared: &Shared, cutter: &Cutter<'_>, fmt: &Formatter<'_>, newlines: Newlines) {
    Worker::with_thread_worker(|worker| loop {
        let job = {
            let mut state = shared.lock();
            loop {
                if state.stop {
                    return;
                }
                if let Some(job) = state.jobs.pop_front() {
                    break job;
                }
                if state.input_done {
                    return;
                }
                state = shared.work.wait(state).unwrap_or_else(|e| e.into_inner());
            }
        };
        let result = catch_unwind(AssertUnwindSafe(|| {
            cut_unit(&job, cutter, fmt, newlines, worker)
        }))
        .unwrap_or(Err(Failure::Panicked));
        let mut state = shared.lock();
        let at = (job.seq - state.taken) as usize;
        if state.done.len() <= at {
            state.done.resize_with(at + 1, || None);
        }
        state.done[at] = Some(result);
        if at == 0 {
            shared.result.notify_one();
        }
    });
}

/// The writer thread: writes each unit's output as soon as it is the next in order.
fn write_in_order<W: Write>(shared: &Shared, mut writer: W, fmt: &Formatter<'_>) {
    let mut in_line = false;
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), WriterFailure> {
        loop {
            let next = {
                let mut state = shared.lock();
                loop {
                    if state.stop {
                        break None;
                    }
                    if matches!(state.done.front(), Some(Some(_))) {
                        state.taken += 1;
                        shared.room.notify_all();
                        break state.done.pop_front().flatten();
                    }
                    if state.input_done && state.taken == state.submitted {
                        break None;
                    }
                    state = shared.result.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            };
            let Some(result) = next else {
                return Ok(());
            };
            let output = result.map_err(WriterFailure::Unit)?;
            writer
                .write_all(&output.bytes)
                .map_err(WriterFailure::Write)?;
            in_line = output.in_line_at_end;
            let mut state = shared.lock();
            state.bytes_done += output.input_len as u64;
            state.bytes_written += output.bytes.len() as u64;
            state.lines += output.lines;
        }
    }))
    .unwrap_or(Err(WriterFailure::Unit(Failure::Panicked)));
    // However the stream ends, its output ends on a whole line.
    let ended = match outcome {
        Err(WriterFailure::Write(e)) => Err(WriterFailure::Write(e)),
        other => {
            let end = if in_line {
                writer.write_all(fmt.line_end())
            } else {
                Ok(())
            };
            let end = end
                .and_then(|()| writer.flush())
                .map_err(WriterFailure::Write);
            other.and(end)
        }
    };
    let mut state = shared.lock();
    if let Err(failure) = ended {
        state.failure.get_or_insert(failure);
    }
    state.writer_done = true;
    shared.stop_all(&mut state);
}
