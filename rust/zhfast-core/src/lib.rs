//! zhfast-core: Chinese word segmentation that gives exactly jieba 0.42.1's tokens.
//!
//! The pipeline per sentence is jieba's: [`presplit`] into blocks, a [`dag`] of dictionary
//! words per block, the best [`route`] through it, and the [`hmm`] (via [`finalseg`]) for
//! runs of unknown characters.  [`segmenter`] ties them into jieba's cutting modes.
//! This crate has no Python in it; `zhfast-py` binds it.
//!
//! # What was tried for speed, and what it gave
//!
//! Measured on a noisy 2-core VM (no hardware counters; timings drift 10–50% between
//! minutes), so each step was judged by interleaved best-of runs of
//! `examples/profile_cut.rs` against the jieba-rs crate in the same binary, and by
//! cachegrind instruction counts.  Figures are MB/s of UTF-8 input, HMM mode, SIGHAN +
//! 围城 text, one call per line.  From the third session on, two builds were also run
//! *at the same time*, one per core, swapping cores between pairs: both then see the
//! same noise, and an A/A pair stays within ±5% (interleaved runs: ±30%).  There,
//! instruction counts predicted the outcome better than simulated cache misses.
//!
//! Kept:
//! - Character-wise double array instead of a byte-wise one (`yada`): 1.5–2× (first
//!   session).
//! - Our own node layout instead of `crawdad`'s plus a separate `ln(freq)` array: first
//!   16-byte records `[base, check, value, class]` (a step that finds a word reads one
//!   cache line, not three; profiles showed 80% of the DAG build waiting on those loads),
//!   then split into 8-byte links `[base, check | has-value]` and 8-byte `[value, class]`
//!   read only where a word ends.  In isolation an 8-byte walk was about a fifth faster
//!   (17 vs 21 ns per character); in full runs the split measured within noise (hmm 31.4
//!   vs 30.7 MB/s, medians of 6 interleaved runs on a slow afternoon).  Kept: it halves
//!   what every step reads.
//! - Frequency classes: 5,087 distinct frequencies in jieba's dictionary, so the node
//!   stores a class and `ln` comes from a table that stays in L1.  The logarithms are
//!   taken at load with this machine's libm, as jieba's `math.log` would.
//! - Route scored during the walk, right to left, instead of building the DAG and then
//!   running the DP (and `cut_all` and search grams from the same walks): fewer stores,
//!   no edge arrays.  38 → 51 MB/s (best of 5, same run); cachegrind 106M → 85M
//!   instructions on 600 KB.
//! - Hot-first trie layout (`trie_build`): nodes placed in order of the frequency of the
//!   words below them.  Of the walk's node reads, 71% now fall in the first MB of the
//!   array.  About +15% over `crawdad`'s layout in the runs that could be compared.
//! - One pass that finds a block and decodes it (chars, offsets), with a fast path for
//!   three-byte han: the block was decoded twice before.  −25% instructions.
//! - Word ids by descending frequency, so the bindings' per-word string cache keeps the
//!   common words together.
//! - Search grams noted only when asked for (a const generic), search expansion per
//!   block: no second trie walk per 2- or 3-gram.
//! - Third session, judged by cachegrind instructions on 1.2 MB (HMM mode 120M → 95M,
//!   no HMM 109M → 87M, search 147M → 119M, `cut_all` 101M → 93M) and by simultaneous
//!   pairs against the session's starting build (medians of 8: HMM mode 1.16×, no HMM
//!   1.14×, `cut_all` 1.12×, search 1.22×; single pairs ranged from 0.8 to 1.8 that
//!   hour):
//!   - the walk carries each node's link to the next step instead of reading it again;
//!   - the route loop has a plain instantiation for dictionaries without run-time words
//!     or negative frequencies (no NaN check per edge, no second lookup, no "found"
//!     flag: an empty position is the only one left at -inf), with its arrays sliced
//!     once so positions need no bounds checks;
//!   - frequency class 0 is frequency 0, so `cut_all` and `get_DAG` tell edges from the
//!     class alone (no `ln` table read: a quarter fewer L1 misses in `cut_all`), and
//!     `cut_all` emits a position's edges during the walk once it has seen two;
//!   - HMM buffers check "is this a known word" by walking the block's codes and reading
//!     the class, and finalseg reuses the block's decoded characters;
//!   - route arrays only grow, instead of being zeroed for every block.
//! - Fourth session: every walk's second step prefetched three positions ahead
//!   ([`Dictionary::prefetch_walk`]), in the route (every mode but `cut_all`) and in
//!   `cut_all`'s walk.  `perf` put 54% of a cut's samples on two loads, the link and the
//!   value of the walk's steps past the first.  The prefetch reads only the root's child
//!   for the position ahead (cached) and asks for the slot it points to.  +4%
//!   instructions (+9% in `cut_all`); against the previous build, medians of 40–50
//!   interleaved one-pass runs: HMM +7% and +22% (two sets of runs), no HMM +15%,
//!   search +9%, `cut_all` +9%; medians of 12 simultaneous pairs: HMM 1.18×, no HMM
//!   1.30×.  At the Python level (interleaved, 12 runs): `lcut` +17%, `lcut_batch` one
//!   thread +33% (that build also prefetched the bindings' string slots; see
//!   below).  Distances 2 and 3 measured alike, 5 and 8 gained little; a third-step
//!   prefetch as well was no better.  The first session's attempt (below) measured no
//!   gain on the walk of that time, which ran more instructions per step.  Prefetching
//!   the bindings' string slots and `str` objects ahead of listing them (`perf`: 85% of
//!   that loop waits on those two loads) measured no gain at any distance from 2 to 8,
//!   and was dropped.
//! - Fifth session, batches across threads ([`in_order`]): a call with `threads = n`
//!   runs on the calling thread and `n - 1` pool helpers, which claim small groups of
//!   texts as they come free; the caller builds each group's objects as soon as it is
//!   next in order, and cuts a group itself when it is not.  Before, a pool of `n`
//!   workers cut each 256 KB-per-worker chunk while the caller built the previous
//!   chunk's objects: `n + 1` busy threads on `n` cores, with a barrier per chunk, and
//!   `perf stat` counted 1.5–1.7 CPUs busy with two.  Separate processes, 12
//!   interleaved runs each, medians against the fourth session's build:
//!   `cut_offsets_batch` two threads 104 → 128 MB/s, `lcut_batch` two threads 87 → 93
//!   MB/s, one thread unchanged (60 and 49 MB/s both times).  Two threads now give 1.9–2.1
//!   times one thread in separate processes.  Offsets are also counted by the thread
//!   that cut the text rather than by the caller.  Groups of 32 KB instead of 8 KB
//!   measured within 4% either way.
//!
//! Tried and dropped:
//! - Eight walks in lockstep (to overlap their cache misses): slower, 29 vs 22 ns per
//!   character in isolation; the bookkeeping cost more than the misses it overlapped.
//! - Software prefetch of the next lane's node, and of the second-level node a few
//!   positions ahead: no gain, or a loss, in the first session (see the fourth
//!   session's, kept above).
//! - A 128 KiB filter of the first two characters of every word, to skip second steps
//!   that find nothing (7 in 10 of them): no measurable gain.
//! - Transparent huge pages for the node array: this VM granted none in the first
//!   session.  In the fourth it did (`madvise` mode: 12 MB of huge pages for the links
//!   and values copied to an aligned heap block); +4% at the 75th percentile of 40
//!   interleaved runs, within noise, for an 11 MB copy at load.  Not kept.
//! - Third session:
//!   - The frequency class in the link itself (25-bit base and check, 14-bit tag), word
//!     ids read only for the words on the route: 22% fewer L1 misses but 8% more
//!     instructions, and 11% slower in simultaneous pairs.
//!   - A 15-bit filter of each node's child codes in the link, to skip the step that
//!     ends a walk: it rejected only 42% of those steps (most walks end on a
//!     one-character node, which has many children) and cost 9% more instructions.
//!   - Four rewrites of the han decoding loop (scan then `extend`, scan then fill,
//!     explicit indexes, batches of 16 through local arrays): none had fewer
//!     instructions than the slice-pattern loop.
//! - Fifth session: every position's first walk step (root child link and value) taken
//!   for the whole block in one pass before the route, so that those loads overlap and
//!   each walk starts at its second step: +11% instructions (99.6M → 110.6M) and no
//!   faster (median of 12 simultaneous pairs 0.98).  The root's children stay cached;
//!   the first step was never where the walk waited.
//! - Fifth session: `cut_offsets_batch` cutting each text into one reused per-thread
//!   token buffer (still in the cache when its offsets are counted) instead of one
//!   growing buffer per group: 72.3 against 72.2 MB/s (medians of 12 interleaved runs).
//! - Fifth session: profile-guided optimisation (`-Cprofile-generate` on the four modes,
//!   merged, `-Cprofile-use`): +4% instructions and 0.98× (median of 10 simultaneous
//!   pairs, HMM mode).  It would also have tied every build to a profile file made by
//!   the same LLVM.
//!
//! - Sixth session: blocks decoded a window ahead (64 to 512 characters, the blocks
//!   separated by a character no word holds) and routed in one right-to-left pass, so
//!   that the prefetches run ahead across block boundaries (a block averages 8.5
//!   characters, and the first positions walked in a block had no prefetch in time):
//!   5–6% more instructions and 14–25% more L1 misses (the window's arrays), and
//!   0.92–0.95× (medians of 8–10 simultaneous pairs).  Distances 3, 6, 8 and 12 over
//!   the window measured alike (interleaved runs): the second step's lead was not what
//!   the walk waited for.
//! - Sixth session: a third-step prefetch (read the second step's link, prefetched
//!   earlier, and ask for the slot of the third step), one or two positions behind the
//!   second-step prefetch within a block, or 2–6 positions behind it over a window with
//!   the second step 6–12 ahead: 3% to 11% slower (medians of 12–15 interleaved runs).
//! - Sixth session: transparent huge pages for the trie again (12 MB granted, checked in
//!   `smaps`): +4% in the median of 12 interleaved runs, within noise, as in the fourth
//!   session.
//! - Sixth session: the first four steps of every walk taken without branches (a step
//!   that cannot be taken reads the root's slot; edges chosen by selects), the walk
//!   continuing in the loop only past four characters: same tokens, 0.6–0.7× (two
//!   interleaved pairs of runs).  The address of each step then depends on the previous load
//!   even where the walk has ended, so every position waits for four dependent loads;
//!   with the branch, the processor predicts the exit and moves on to the next
//!   positions' walks without waiting.
//!
//! What remains is split between the walk's loads, which asking for them earlier did not
//! shorten, and mispredicted branches.  The same binary cuts the whole 1.8 MB SIGHAN + 围城
//! text at 73–87 MB/s; text drawn at random from its 300 or 3,000 commonest words (few
//! trie slots, unpredictable order) at 96–120 MB/s; a 12 KB excerpt repeated to 1.7 MB
//! (few slots, and a sequence the branch predictors learn) at 183–215 MB/s.  One pass
//! over the whole text makes 640,589 probes past the first step into 151,826 distinct
//! slots in 56,079 cache lines (3.5 MB of links, and the values besides), against a 1 MB
//! L2 per core; the hottest 500 KB of lines take 67% of the probes.  `perf` puts 48% of
//! the route's samples on the link load and 10% on the value load; cachegrind's branch
//! model counts 1.5 mispredicted branches per position, at the walk's exits and at
//! `__cut_DAG`'s "one character or a word" test.

pub mod batch;
pub mod chars;
pub mod dag;
pub mod data;
pub mod dict;
pub mod dict_blob;
pub mod dict_build;
pub mod dict_text;
pub mod error;
pub mod finalseg;
pub mod hmm;
pub mod hmm_tables;
pub mod idf_table;
pub mod in_order;
pub mod keyword;
pub mod offsets;
pub mod overlay;
mod prefetch;
pub mod prefix_filter;
pub mod posseg;
pub mod posseg_hmm;
pub mod presplit;
pub mod pyint;
pub mod pystr;
pub mod route;
pub mod segmenter;
pub mod short_eq;
pub mod textrank;
pub mod tfidf;
pub mod tokens;
pub mod trie;
mod trie_build;

pub use dict::Dictionary;
pub use error::{Error, Result};
pub use hmm::HmmModel;
pub use segmenter::{CutMode, Job, Scratch, Segmenter};
pub use tokens::Tokens;
