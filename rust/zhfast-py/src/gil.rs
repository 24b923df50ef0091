//! Releasing the GIL around the core's work, in a way that survives interpreter exit.
//!
//! At exit, CPython before 3.14 ends every other thread that asks for the GIL back by
//! calling `pthread_exit`, which on glibc unwinds the thread's stack with a *forced
//! unwind* (cpython#87135).  Through our frames that unwind meets PyO3's method
//! trampoline, whose `catch_unwind` catches it and then aborts the process ("FATAL:
//! exception not rethrown"); through a batch call it met rayon's scope.  A daemon thread
//! busy in `lcut` when the program ended took the process down with SIGABRT.
//!
//! CPython 3.14 instead parks such a thread forever, and so do later PyO3 releases
//! (PyO3#4874 for `PyGILState_Ensure`, PyO3#6085 for `PyEval_RestoreThread`); PyO3
//! 0.27, which this crate uses, still reattaches after `Python::detach` through a call
//! that cannot unwind.  [`detach`] therefore releases and takes back the GIL itself,
//! through a declaration that may unwind (`"C-unwind"`) with a guard beside the call:
//! if the call unwinds, the guard's destructor parks the thread for good, so the unwind
//! never reaches a frame that would catch it.  The process ends a moment later anyway.
//! A thread that finds the interpreter already gone does the same without asking.
//!
//! While [`detach`] runs, PyO3 still counts the thread as attached, so the closure must
//! not touch Python objects at all (not even drop one) and must not call
//! `Python::attach`: what needs the GIL inside goes through [`reattach`].  A panic in
//! the closure is carried past the reattachment and resumed with the GIL held, where
//! PyO3 turns it into an exception as before.

use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use pyo3::ffi;
use pyo3::prelude::*;

mod unwinding {
    use pyo3::ffi::PyThreadState;

    extern "C-unwind" {
        /// Declared here as a call that may unwind: before Python 3.14 it can end the
        /// thread with `pthread_exit`.
        pub fn PyEval_RestoreThread(tstate: *mut PyThreadState);
        /// The same for a thread of our own asking for the GIL.
        pub fn PyGILState_Ensure() -> pyo3::ffi::PyGILState_STATE;
    }
}

thread_local! {
    /// The thread state [`detach`] saved, for [`reattach`] (null outside `detach`).
    static SAVED: Cell<*mut ffi::PyThreadState> = const { Cell::new(std::ptr::null_mut()) };
}

/// Parks the thread forever when dropped: placed beside a call that may end the thread
/// with a forced unwind, and forgotten when the call returns.
struct ParkIfUnwound;

impl Drop for ParkIfUnwound {
    fn drop(&mut self) {
        park_forever();
    }
}

fn park_forever() -> ! {
    loop {
        std::thread::park();
    }
}

/// Takes the GIL back with `tstate`, or parks the thread forever if the interpreter is
/// exiting (see the module documentation).
#[inline(never)]
fn restore(tstate: *mut ffi::PyThreadState) {
    // SAFETY: always safe to call.
    if unsafe { ffi::Py_IsInitialized() } == 0 {
        park_forever();
    }
    let guard = ParkIfUnwound;
    // SAFETY: `tstate` is this thread's state, saved by `PyEval_SaveThread`, and this
    // thread does not hold the GIL.
    unsafe { unwinding::PyEval_RestoreThread(tstate) };
    std::mem::forget(guard);
}

/// Runs `f` with the GIL released, as `Python::detach` does; see the module
/// documentation for what `f` must not do.
pub(crate) fn detach<T, F>(_py: Python<'_>, f: F) -> T
where
    F: Send + FnOnce() -> T,
    T: Send,
{
    // SAFETY: the GIL is held (`_py`), and is taken back below before returning.
    let tstate = unsafe { ffi::PyEval_SaveThread() };
    let outer = SAVED.with(|saved| saved.replace(tstate));
    let result = catch_unwind(AssertUnwindSafe(f));
    SAVED.with(|saved| saved.set(outer));
    restore(tstate);
    result.unwrap_or_else(|panic| resume_unwind(panic))
}

/// Runs `f` with the GIL taken back, from inside [`detach`] on the same thread (e.g. to
/// build a batch's results while helpers cut the rest).
pub(crate) fn reattach<T>(f: impl FnOnce(Python<'_>) -> T) -> T {
    let tstate = SAVED.with(Cell::get);
    assert!(!tstate.is_null(), "reattach outside detach");
    restore(tstate);
    // SAFETY: the GIL is held again, and PyO3 counts this thread as attached.
    let result = catch_unwind(AssertUnwindSafe(|| f(unsafe { Python::assume_attached() })));
    // SAFETY: the GIL is held; it is released again for the rest of `detach`.
    let again = unsafe { ffi::PyEval_SaveThread() };
    debug_assert_eq!(again, tstate);
    result.unwrap_or_else(|panic| resume_unwind(panic))
}

/// Runs `f` with the GIL on a thread that Python did not start and that is not inside
/// [`detach`] (the writer thread of a stream writing to a file object), or parks the
/// thread forever if the interpreter is exiting, as [`restore`] does: asking for the GIL
/// then ends the thread with a forced unwind, or (once the interpreter is gone) makes
/// PyO3 panic.
pub(crate) fn attach_from_own_thread<T>(f: impl FnOnce(Python<'_>) -> T) -> T {
    // SAFETY: always safe to call.
    if unsafe { ffi::Py_IsInitialized() } == 0 {
        park_forever();
    }
    let guard = ParkIfUnwound;
    // SAFETY: the interpreter is initialized; this thread does not hold the GIL.
    let state = unsafe { unwinding::PyGILState_Ensure() };
    std::mem::forget(guard);
    // SAFETY: the GIL is held until the release below.
    let result = catch_unwind(AssertUnwindSafe(|| f(unsafe { Python::assume_attached() })));
    // SAFETY: `state` is what the matching `PyGILState_Ensure` returned.
    unsafe { ffi::PyGILState_Release(state) };
    result.unwrap_or_else(|panic| resume_unwind(panic))
}
