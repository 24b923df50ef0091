//! rayon thread pools of batch helpers (a call on `n` threads uses a pool of `n - 1`
//! beside the calling thread), one per size, rebuilt after `fork`.
//!
//! A forked child inherits a pool object but not its threads; using it would hang.  The
//! fork hook forgets the parent's pools in the child ([`forget_all`]; they are leaked,
//! never touched), and pools are keyed to the process id as well, for a child forked
//! without the hook (`os.fork` from a C extension); a child builds its own on first use.
//! The lock is only taken with the GIL held, which the forking thread holds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::{ThreadPool, ThreadPoolBuilder};

struct Pools {
    pid: u32,
    by_size: HashMap<usize, Arc<ThreadPool>>,
}

static POOLS: Mutex<Option<Pools>> = Mutex::new(None);

/// Number of threads for `threads=None`: every core this process may use.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Forgets every pool (in a forked child, where their threads do not exist).
pub fn forget_all() {
    if let Ok(mut pools) = POOLS.try_lock() {
        if let Some(stale) = pools.take() {
            std::mem::forget(stale);
        }
    }
}

/// A pool of `n` threads (at least one).
pub fn pool(n: usize) -> Result<Arc<ThreadPool>, String> {
    let n = n.max(1);
    let pid = std::process::id();
    let mut guard = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    if guard.as_ref().is_some_and(|p| p.pid != pid) {
        if let Some(stale) = guard.take() {
            std::mem::forget(stale);
        }
    }
    let pools = guard.get_or_insert_with(|| Pools {
        pid,
        by_size: HashMap::new(),
    });
    if let Some(p) = pools.by_size.get(&n) {
        return Ok(p.clone());
    }
    let p = Arc::new(
        ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("zhfast-{i}"))
            .build()
            .map_err(|e| e.to_string())?,
    );
    pools.by_size.insert(n, p.clone());
    Ok(p)
}
