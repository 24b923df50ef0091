//! Forking a process in which other threads use this crate.
//!
//! `fork` copies the memory of every thread but keeps only the calling one.  A lock that
//! another thread held at that moment stays held in the child, by no one, forever; data
//! that thread was changing stays half-changed; a background thread the parent counted
//! on does not exist.  Servers fork exactly like that (gunicorn `--preload`, Celery's
//! prefork pool, `multiprocessing`).
//!
//! So every critical section of this crate (each lock of a [`SharedDictionary`] or of
//! [`ForceSplitWords`], taken for as long as the edit or read needs it) runs inside a
//! *gate* held shared, and [`before_fork`] closes the gate exclusively: it waits until no
//! thread is inside a section and keeps new ones out until [`after_fork_in_parent`] or
//! [`after_fork_in_child`] opens it again.  The child therefore starts with every lock
//! free and every value whole.  Sections never wait for anything but their own lock (not
//! for the interpreter's lock, not for another section), so closing the gate cannot
//! deadlock; and nothing long waits inside the gate (waiting for a merge polls outside it).
//!
//! What a child must start again (a background merge the parent was running) is noticed
//! lazily: [`after_fork_in_child`] bumps an epoch, and structures compare the epoch they
//! recorded with [`epoch`].
//!
//! [`SharedDictionary`]: crate::SharedDictionary
//! [`ForceSplitWords`]: crate::ForceSplitWords

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

static GATE: RwLock<()> = RwLock::new(());
static EPOCH: AtomicU64 = AtomicU64::new(0);

thread_local! {
    /// The exclusive hold of the gate between [`before_fork`] and the `after` call, on
    /// the forking thread (which is the child's only thread).
    static CLOSED: RefCell<Option<RwLockWriteGuard<'static, ()>>> = const { RefCell::new(None) };
}

/// Enters the gate for one critical section; sections must not nest.
pub(crate) fn section() -> RwLockReadGuard<'static, ()> {
    // The gate guards no data: a panic inside a section leaves nothing to repair.
    GATE.read().unwrap_or_else(|e| e.into_inner())
}

/// How many times this process, or one it was forked from, has been forked into a child
/// (as seen from the child): a value recorded before a fork differs after it in the child.
pub(crate) fn epoch() -> u64 {
    EPOCH.load(Ordering::Acquire)
}

/// Call in the thread about to fork, just before `fork` (e.g. from `pthread_atfork`'s
/// prepare handler or Python's `os.register_at_fork(before=...)`): waits until no other
/// thread is inside one of this crate's critical sections.
pub fn before_fork() {
    let _ = CLOSED.try_with(|closed| {
        let mut closed = closed.borrow_mut();
        if closed.is_none() {
            *closed = Some(GATE.write().unwrap_or_else(|e| e.into_inner()));
        }
    });
}

/// Call in the parent after `fork` (also when it failed).
pub fn after_fork_in_parent() {
    let _ = CLOSED.try_with(|closed| closed.borrow_mut().take());
}

/// Call in the child after `fork`, before it uses this crate.
pub fn after_fork_in_child() {
    EPOCH.fetch_add(1, Ordering::AcqRel);
    let _ = CLOSED.try_with(|closed| closed.borrow_mut().take());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn closing_the_gate_waits_for_sections_and_holds_off_new_ones() {
        let inside = section();
        let closed = Arc::new(AtomicBool::new(false));
        let closer = {
            let closed = Arc::clone(&closed);
            std::thread::spawn(move || {
                before_fork();
                closed.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(50));
                let epoch = epoch();
                after_fork_in_child();
                assert_eq!(super::epoch(), epoch + 1);
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!closed.load(Ordering::SeqCst), "closed while a section ran");
        drop(inside);
        while !closed.load(Ordering::SeqCst) {
            std::thread::yield_now();
        }
        // Held off until the closer opens the gate again.
        let _again = section();
        closer.join().unwrap();
    }

    #[test]
    fn closing_twice_on_one_thread_does_not_deadlock() {
        before_fork();
        before_fork();
        after_fork_in_parent();
        drop(section());
    }
}
