//! Files and pipes: `CoreTokenizer.cut_stream` runs `zhfast_core::stream` without the
//! GIL.  Python opens (and decompresses) the files; a plain file descriptor is read and
//! written here directly, any other file object through its `read` / `write` methods
//! (taking the GIL for each block only).

use std::ffi::CString;
use std::io::{self, Read, Write};

use pyo3::exceptions::{PyRuntimeError, PyUnicodeDecodeError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt};
use zhfast_core::stream::{self, Cutter, Format, Newlines, Options, StreamError, Summary};
use zhfast_core::{Mode, PosSegmenter, Segmenter, Snapshot};

use crate::errors::to_py;
use crate::force_split;
use crate::gil;
use crate::pools;
use crate::strings::WordStrings;
use crate::tags::TagTable;

/// How a stream is cut and written, as the Python layer gives it.
pub(crate) struct StreamSettings<'a> {
    pub mode: Mode,
    pub delimiter: String,
    /// Tag words (posseg) and join word and tag with this.
    pub tag_delimiter: Option<String>,
    pub user_tags: Option<&'a TagTable>,
    pub jsonl: bool,
    pub universal_newlines: bool,
    pub threads: Option<usize>,
    pub block_bytes: usize,
}

/// Cuts `source` into `sink` (each a file descriptor or a binary file object); `tick`
/// is called with the input bytes done, about every 50 ms, after pending signal
/// handlers have run.
pub(crate) fn cut_stream(
    py: Python<'_>,
    snapshot: &Snapshot<WordStrings>,
    source: &Bound<'_, PyAny>,
    sink: &Bound<'_, PyAny>,
    settings: StreamSettings<'_>,
    tick: Option<Py<PyAny>>,
) -> PyResult<(u64, u64, u64)> {
    let reader = Source::new(source)?;
    let writer = Sink::new(sink)?;
    let options = Options {
        newlines: if settings.universal_newlines {
            Newlines::Universal
        } else {
            Newlines::Lf
        },
        format: if settings.jsonl {
            Format::Jsonl
        } else {
            Format::Text
        },
        delimiter: settings.delimiter,
        tag_delimiter: settings.tag_delimiter.clone().unwrap_or_default(),
        threads: settings.threads.unwrap_or_else(pools::all_cores).max(1),
        block_bytes: settings.block_bytes.max(1),
    };
    let force = force_split::WORDS.snapshot();
    let lookup = |w: &str| settings.user_tags.and_then(|t| t.get(w));
    let cutter = match settings.tag_delimiter {
        Some(_) => Cutter::Tags(
            PosSegmenter::new(&snapshot.dict, &lookup),
            settings.mode.uses_hmm(),
        ),
        None => Cutter::Words(Segmenter::new(&snapshot.dict, &force), settings.mode),
    };
    // Ticks and reads from a file object run on this thread, inside `gil::detach`.
    let on_tick = |done: u64| -> PyResult<()> {
        gil::reattach(|py| {
            py.check_signals()?;
            if let Some(tick) = &tick {
                tick.call1(py, (done,))?;
            }
            Ok(())
        })
    };
    // The reader is lent, not moved: a file object it holds is dropped here, with the
    // GIL, not inside `detach` (see `gil`).
    let mut reader = reader;
    let result = gil::detach(py, || {
        stream::cut_stream(cutter, &mut reader, writer, &options, on_tick)
    });
    match result {
        Ok(Summary {
            bytes_read,
            bytes_written,
            lines,
        }) => Ok((bytes_read, bytes_written, lines)),
        Err(e) => Err(stream_error(py, e)),
    }
}

fn stream_error(py: Python<'_>, err: StreamError<PyErr>) -> PyErr {
    match err {
        StreamError::Read(e) | StreamError::Write(e) => io_error(e),
        StreamError::Decode {
            offset,
            bytes,
            start,
            end,
        } => {
            let reason = CString::new(format!("invalid UTF-8 at byte {offset} of the input"))
                .unwrap_or_default();
            match PyUnicodeDecodeError::new(py, c"utf-8", &bytes, start..end, &reason) {
                Ok(e) => PyErr::from_value(e.into_any()),
                Err(e) => e,
            }
        }
        StreamError::Cut(e) => to_py(e),
        StreamError::Stopped(e) => e,
        StreamError::Panicked => PyRuntimeError::new_err("zhfast: a stream thread panicked"),
    }
}

/// An I/O error as Python's: the Python exception itself when a file object raised it,
/// else the `OSError` subclass for its kind (`BrokenPipeError` for a closed pipe).
fn io_error(e: io::Error) -> PyErr {
    if e.get_ref().is_some_and(|inner| inner.is::<PyErr>()) {
        if let Some(inner) = e.into_inner() {
            if let Ok(py_err) = inner.downcast::<PyErr>() {
                return *py_err;
            }
        }
        return PyRuntimeError::new_err("zhfast: lost an I/O error");
    }
    PyErr::from(e)
}

/// A file descriptor of this process, duplicated, so that closing ours leaves the
/// caller's open.
#[cfg(unix)]
fn own_fd(fd: &Bound<'_, PyAny>) -> PyResult<std::fs::File> {
    use std::os::fd::BorrowedFd;
    let fd: i32 = fd.extract()?;
    if fd < 0 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "negative file descriptor",
        ));
    }
    // SAFETY: the fd is only borrowed for the duplication, which fails cleanly (EBADF)
    // if it is not open.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    Ok(std::fs::File::from(borrowed.try_clone_to_owned()?))
}

#[cfg(not(unix))]
fn own_fd(_fd: &Bound<'_, PyAny>) -> PyResult<std::fs::File> {
    Err(pyo3::exceptions::PyTypeError::new_err(
        "file descriptors are read directly on POSIX systems only; pass a file object",
    ))
}

/// Where the input comes from: a file descriptor (and whether reading it can wait, as
/// a pipe's or a terminal's can), or a file object.
enum Source {
    File(std::fs::File, bool),
    Object(Py<PyAny>),
}

impl Source {
    fn new(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyInt>() {
            let file = own_fd(obj)?;
            let waits = !file.metadata().is_ok_and(|m| m.is_file());
            return Ok(Source::File(file, waits));
        }
        Ok(Source::Object(obj.clone().unbind()))
    }
}

/// How long a read from a pipe waits before the stream looks at signals again.
#[cfg(unix)]
const READ_WAIT_MS: i32 = 50;

/// Waits until `file` can be read, for at most [`READ_WAIT_MS`]: `Interrupted` when it
/// cannot yet, so that the stream runs pending signal handlers and reads again.  (A
/// signal may land on any thread, or just before the read: a read that blocked would
/// not see it.)
#[cfg(unix)]
fn wait_readable(file: &std::fs::File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let mut poll = libc::pollfd {
        fd: file.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the duration of the call.
    match unsafe { libc::poll(&mut poll, 1, READ_WAIT_MS) } {
        0 => Err(io::ErrorKind::Interrupted.into()),
        n if n < 0 => Err(io::Error::last_os_error()),
        _ => Ok(()),
    }
}

#[cfg(not(unix))]
fn wait_readable(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::File(f, waits) => {
                if *waits {
                    wait_readable(f)?;
                }
                f.read(buf)
            }
            Source::Object(obj) => gil::reattach(|py| {
                let data = obj
                    .bind(py)
                    .call_method1(intern!(py, "read"), (buf.len(),))
                    .map_err(io::Error::other)?;
                let data = data.cast::<PyBytes>().map_err(|_| {
                    io::Error::other(pyo3::exceptions::PyTypeError::new_err(
                        "the input must be opened in binary mode (read() must return bytes)",
                    ))
                })?;
                let bytes = data.as_bytes();
                if bytes.len() > buf.len() {
                    return Err(io::Error::other(PyRuntimeError::new_err(
                        "read(n) returned more than n bytes",
                    )));
                }
                buf[..bytes.len()].copy_from_slice(bytes);
                Ok(bytes.len())
            }),
        }
    }
}

/// Where the output goes.
enum Sink {
    File(std::fs::File),
    Object(Py<PyAny>),
}

impl Sink {
    fn new(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<PyInt>() {
            return Ok(Sink::File(own_fd(obj)?));
        }
        Ok(Sink::Object(obj.clone().unbind()))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::File(f) => f.write(buf),
            Sink::Object(obj) => gil::attach_from_own_thread(|py| {
                let n = obj
                    .bind(py)
                    .call_method1(intern!(py, "write"), (PyBytes::new(py, buf),))
                    .map_err(io::Error::other)?;
                // Buffered and compressed files write everything and return the length;
                // a raw file may write less and say how much.
                Ok(n.extract::<usize>().unwrap_or(buf.len()).min(buf.len()))
            }),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::File(f) => f.flush(),
            Sink::Object(obj) => gil::attach_from_own_thread(|py| {
                let obj = obj.bind(py);
                if !obj.hasattr(intern!(py, "flush")).unwrap_or(false) {
                    return Ok(());
                }
                obj.call_method0(intern!(py, "flush"))
                    .map(drop)
                    .map_err(io::Error::other)
            }),
        }
    }
}
