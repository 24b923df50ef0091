//! A cache hint: start loading a line now, use it a little later.
//!
//! The trie walk reads scattered memory at positions known a few steps early; asking for
//! those lines ahead overlaps their misses with the work in between instead of stalling
//! on each (see [`crate::Dictionary::prefetch_walk`]).

/// Hints the CPU to bring the cache line holding `at` into L1.  A hint only: it reads
/// nothing in Rust's terms and never faults, even for an address outside any allocation,
/// so callers may pass a pointer computed from unchecked indexes.
#[inline(always)]
pub(crate) fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` has no preconditions; SSE is part of the x86_64 baseline.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(at.cast());
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: `prfm` is a hint that cannot fault or change memory.
    unsafe {
        std::arch::asm!("prfm pldl1keep, [{0}]", in(reg) at, options(nostack, readonly, preserves_flags));
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    let _ = at;
}
