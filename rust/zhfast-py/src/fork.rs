//! The binding's part of fork handling: `zhfast._fork` registers these with
//! `os.register_at_fork`, once.
//!
//! Before the fork the core's gate is closed, so that no other thread is inside one of
//! its critical sections (see `zhfast_core::fork`); in the child, it is opened again and
//! the parent's rayon pools are forgotten (their threads are not in the child).

use pyo3::prelude::*;

use crate::pools;

/// Waits until no thread is inside the core's critical sections, and keeps them out.
#[pyfunction]
pub fn before_fork() {
    // With the GIL held, until the fork is done: a thread holding the GIL could
    // otherwise block on the closed gate while this one waits for the GIL.  The
    // sections never wait for the GIL, so they all end.
    zhfast_core::fork::before_fork();
}

/// Lets them in again, in the parent.
#[pyfunction]
pub fn after_fork_in_parent() {
    zhfast_core::fork::after_fork_in_parent();
}

/// Lets them in again, in the child, which also starts afresh what the parent's
/// threads were doing.
#[pyfunction]
pub fn after_fork_in_child() {
    zhfast_core::fork::after_fork_in_child();
    pools::forget_all();
}
