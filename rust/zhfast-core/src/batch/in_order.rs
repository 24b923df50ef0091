//! A batch's work spread over several threads, the calling thread among them, with every
//! result handed back on the calling thread in input order.
//!
//! The batch calls need their results on one thread (the bindings build Python objects
//! with the GIL), in order, while the cutting runs everywhere.  Earlier builds cut each
//! chunk of a batch in a rayon pool of `threads` workers while the calling thread built
//! the previous chunk's objects: `threads + 1` busy threads on `threads` cores, and a
//! barrier at every chunk.  With two threads that kept only 1.5–1.7 CPUs busy (`perf
//! stat`), although two independent cutting threads scaled to 2.0.
//!
//! Here a call with `n` threads uses the pool's `n - 1` helpers and the caller.  The
//! batch is split into small groups (see [`groups`]); anyone free claims the next group
//! and cuts it.  The caller hands over each finished group as soon as it is next in
//! order and, when it is not finished yet, cuts a group itself instead of waiting.
//! Helpers stay at most `window` groups ahead of the caller, which bounds the memory
//! held in results.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard};

/// Splits items of the given sizes into consecutive groups.  A group closes once it
/// holds `max_size` in all or `max_items` items; every group holds at least one item.
pub fn groups(
    sizes: impl IntoIterator<Item = usize>,
    max_size: usize,
    max_items: usize,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut size, mut end) = (0, 0, 0);
    for item_size in sizes {
        size += item_size;
        end += 1;
        if size >= max_size || end - start >= max_items {
            out.push(start..end);
            (start, size) = (end, 0);
        }
    }
    if end > start {
        out.push(start..end);
    }
    out
}

/// Why [`run_in_order`] stopped before the end.
#[derive(Debug)]
pub enum Stopped<E> {
    /// `work` panicked on some thread (the panic was caught there).
    Panicked,
    /// `consume` returned this error.
    Consumer(E),
}

/// One group's result, or the panic that took its place.
type Outcome<R> = std::thread::Result<R>;

struct Board<R> {
    state: Mutex<State<R>>,
    /// The caller waits here for the next group in order.
    ready: Condvar,
    /// Helpers wait here when `window` groups are ahead of the caller.
    room: Condvar,
}

struct State<R> {
    /// The next group nobody has claimed.
    next: usize,
    /// Groups handed to `consume` so far.
    consumed: usize,
    /// Finished groups not yet consumed, by group index.
    results: Vec<Option<Outcome<R>>>,
    /// The caller has left (finished, failed or panicked): helpers stop claiming.
    closed: bool,
}

impl<R> Board<R> {
    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // Nothing panics while holding the lock; recover the state anyway.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Claims the next group if it lies within `window` groups of the caller.
    fn claim(state: &mut State<R>, window: usize) -> Option<usize> {
        let g = state.next;
        (g < state.results.len() && g < state.consumed + window).then(|| {
            state.next += 1;
            g
        })
    }

    /// Stores group `g`'s outcome, waking the caller if it is the one it waits for.
    fn finish(&self, g: usize, outcome: Outcome<R>) {
        let mut state = self.lock();
        state.results[g] = Some(outcome);
        if g == state.consumed {
            self.ready.notify_one();
        }
    }
}

/// Closes the board when the caller leaves, however it leaves, so that no helper waits
/// for room that will never come.
struct CloseOnDrop<'a, R>(&'a Board<R>);

impl<R> Drop for CloseOnDrop<'_, R> {
    fn drop(&mut self) {
        self.0.lock().closed = true;
        self.0.room.notify_all();
    }
}

/// Runs `work` on every group of `groups` (item ranges as [`groups`] makes them, or
/// any other description of a group) and `consume` on every result, on the calling
/// thread and in group order.  `work` runs on the calling thread and on every thread of
/// `pool`, at most `window` groups ahead of `consume` (at least one).  Stops at the
/// first error of `consume` or panic of `work`; a panic in `consume` propagates once
/// the helpers have stopped.
pub fn run_in_order<G, R, E, W, C>(
    pool: Option<&rayon::ThreadPool>,
    groups: &[G],
    window: usize,
    work: W,
    consume: C,
) -> Result<(), Stopped<E>>
where
    G: Clone + Sync,
    R: Send,
    W: Fn(G) -> R + Sync,
    C: FnMut(G, R) -> Result<(), E>,
{
    let board = Board {
        state: Mutex::new(State {
            next: 0,
            consumed: 0,
            results: groups.iter().map(|_| None).collect(),
            closed: false,
        }),
        ready: Condvar::new(),
        room: Condvar::new(),
    };
    let window = window.max(1);
    let run = |g: usize| catch_unwind(AssertUnwindSafe(|| work(groups[g].clone())));
    let helper = || {
        let mut state = board.lock();
        loop {
            if state.closed || state.next >= groups.len() {
                return;
            }
            match Board::claim(&mut state, window) {
                Some(g) => {
                    drop(state);
                    board.finish(g, run(g));
                    state = board.lock();
                }
                None => state = board.room.wait(state).unwrap_or_else(|e| e.into_inner()),
            }
        }
    };
    let caller = || -> Result<(), Stopped<E>> {
        let _close = CloseOnDrop(&board);
        let mut consume = consume;
        let mut state = board.lock();
        while state.consumed < groups.len() {
            let g = state.consumed;
            if let Some(outcome) = state.results[g].take() {
                state.consumed += 1;
                drop(state);
                board.room.notify_all();
                let result = outcome.map_err(|_| Stopped::Panicked)?;
                consume(groups[g].clone(), result).map_err(Stopped::Consumer)?;
            } else if let Some(mine) = Board::claim(&mut state, window) {
                // The next result is not in yet: cut a group rather than wait.
                drop(state);
                board.finish(mine, run(mine));
            } else {
                state = board.ready.wait(state).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            state = board.lock();
        }
        Ok(())
    };
    match pool {
        Some(pool) if groups.len() > 1 => pool.in_place_scope(|scope| {
            // No more helpers than groups the caller could leave to them.
            for _ in 0..pool.current_num_threads().min(groups.len() - 1) {
                scope.spawn(|_| helper());
            }
            caller()
        }),
        _ => caller(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn groups_close_by_size_or_count() {
        assert_eq!(groups([5, 5, 5, 5, 5], 10, 100), vec![0..2, 2..4, 4..5]);
        assert_eq!(groups([1; 7], 1000, 3), vec![0..3, 3..6, 6..7]);
        assert_eq!(groups([50, 1, 1], 10, 100), vec![0..1, 1..3]);
        assert_eq!(
            groups(std::iter::empty(), 10, 10),
            Vec::<Range<usize>>::new()
        );
    }

    fn pool(n: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    }

    #[test]
    fn results_come_in_order_from_every_pool_size() {
        let items: Vec<usize> = (0..1000).collect();
        let groups = groups(items.iter().map(|&i| i % 7 + 1), 20, 8);
        for helpers in [None, Some(pool(1)), Some(pool(3))] {
            for window in [1, 2, 64] {
                let mut seen = Vec::new();
                let result: Result<(), Stopped<()>> = run_in_order(
                    helpers.as_ref(),
                    &groups,
                    window,
                    |range| items[range].iter().map(|i| i * i).collect::<Vec<_>>(),
                    |range, squares| {
                        assert_eq!(squares.len(), range.len());
                        seen.extend(squares);
                        Ok(())
                    },
                );
                assert!(result.is_ok());
                assert_eq!(seen, items.iter().map(|i| i * i).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn helpers_do_part_of_the_work() {
        // Slow groups, so a helper has time to claim some while the caller works.
        let groups: Vec<Range<usize>> = (0..64).map(|i| i..i + 1).collect();
        let by_caller = AtomicUsize::new(0);
        let caller = std::thread::current().id();
        let pool = pool(1);
        let result: Result<(), Stopped<()>> = run_in_order(
            Some(&pool),
            &groups,
            8,
            |_| {
                if std::thread::current().id() == caller {
                    by_caller.fetch_add(1, Ordering::Relaxed);
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            },
            |_, ()| Ok(()),
        );
        assert!(result.is_ok());
        let mine = by_caller.load(Ordering::Relaxed);
        assert!(mine > 0 && mine < 64, "caller cut {mine} of 64 groups");
    }

    #[test]
    fn a_consumer_error_stops_the_run() {
        let groups: Vec<Range<usize>> = (0..100).map(|i| i..i + 1).collect();
        let pool = pool(2);
        let mut consumed = 0;
        let result = run_in_order(
            Some(&pool),
            &groups,
            4,
            |r| r.start,
            |_, g| {
                consumed += 1;
                if g == 10 {
                    Err(g)
                } else {
                    Ok(())
                }
            },
        );
        assert!(matches!(result, Err(Stopped::Consumer(10))));
        assert_eq!(consumed, 11);
    }

    #[test]
    fn a_panicking_group_is_reported_not_propagated() {
        let groups: Vec<Range<usize>> = (0..50).map(|i| i..i + 1).collect();
        let pool = pool(2);
        let mut consumed = Vec::new();
        let result: Result<(), Stopped<()>> = run_in_order(
            Some(&pool),
            &groups,
            4,
            |r| {
                assert!(r.start != 20, "group 20 fails");
                r.start
            },
            |_, g| {
                consumed.push(g);
                Ok(())
            },
        );
        assert!(matches!(result, Err(Stopped::Panicked)));
        assert_eq!(consumed, (0..20).collect::<Vec<_>>());
    }
}
