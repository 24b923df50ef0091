//! The word dictionary: jieba's `FREQ` and `total`, held as a double-array trie.
//!
//! jieba stores every word *and every prefix of every word* in one Python dict, prefixes
//! with frequency 0, and walks it character by character.  Because that key set is
//! prefix-closed, "walk while the fragment is in FREQ and keep those with a non-zero
//! frequency" is the same as "every word with a non-zero frequency that is a prefix of the
//! rest of the text" — one common-prefix search in a trie of the words alone.  Prefix
//! entries are therefore not stored; `freq` recovers their 0 from the sorted word list.
//!
//! The arrays are borrowed from the compiled-in blob for jieba's dictionary (nothing is
//! built at start-up) and owned for custom dictionaries; edits copy on first write.
//! Words added at run time that the trie does not hold go to an [`Overlay`] until there
//! are enough of them to be worth a rebuild.

use std::borrow::Cow;

use std::sync::Arc;

use crate::trie::CharTrie;

use crate::dict_blob;
use crate::dict_build::{build_parts, edge_log, py_log, trie_can_hold, DictParts, ZERO_CLASS};
use crate::dict_text::parse_dictionary;
use crate::error::{Error, Result};
use crate::overlay::Overlay;
use crate::prefix_filter::PrefixFilter;

/// How many positions ahead of its walk a segmenter calls [`Dictionary::prefetch_walk`].
/// On the SIGHAN + 围城 text, 2 and 3 measured alike, 7–22% faster than none depending
/// on the mode and the moment (figures at the top of `lib.rs`); 5 and 8 gained little:
/// the farther ahead, the more positions of a short block start without one.
pub const WALK_AHEAD: usize = 3;

/// Whether an `edge_log` value is an edge of the word graph.
#[inline]
fn is_edge(log_freq: f64) -> bool {
    log_freq != f64::INFINITY
}

/// One sorted word list with its trie and frequencies: the bundled or custom dictionary
/// (the base), or the words users added (rebuilt from the overlay in batches, so that a
/// user dictionary costs a build over its own words, not over the whole dictionary).
#[derive(Clone)]
struct Layer {
    /// Character-wise double-array trie, word → (id, frequency class); `None` with no
    /// words.  Characters are coded by frequency, so a walk touches one node per character
    /// in a compact region, where a byte-wise trie takes three scattered steps.
    trie: Option<Arc<CharTrie>>,
    /// Words concatenated in id order (by frequency, see [`DictParts`]); word `i` ends at
    /// `ends[i]`.
    text: Cow<'static, str>,
    ends: Cow<'static, [u32]>,
    freqs: Cow<'static, [i64]>,
    /// Word ids in the byte order of their words.
    sorted: Cow<'static, [u32]>,
    /// The distinct frequencies by class (the trie stores each word's class).
    classes: Cow<'static, [i64]>,
    /// [`edge_log`] of each class, computed at load with this machine's `ln` (as jieba's
    /// `math.log`): the route DP adds these.
    class_logs: Vec<f64>,
    /// Frequency → class, built on the first edit (loading never needs it).
    class_of: Option<std::collections::HashMap<i64, u32>>,
}

fn class_logs(classes: &[i64]) -> Vec<f64> {
    classes.iter().map(|&f| edge_log(f)).collect()
}

impl Layer {
    fn empty() -> Self {
        Self::owned(build_parts(std::iter::empty::<(String, i64, &str)>()).expect("empty dictionary"))
    }

    fn owned(parts: DictParts) -> Self {
        Layer {
            trie: parts.trie.map(Arc::new),
            text: Cow::Owned(parts.text),
            ends: Cow::Owned(parts.ends),
            freqs: Cow::Owned(parts.freqs),
            sorted: Cow::Owned(parts.sorted),
            class_logs: class_logs(&parts.classes),
            classes: Cow::Owned(parts.classes),
            class_of: None,
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, id: usize) -> &str {
        let start = if id == 0 { 0 } else { self.ends[id - 1] as usize };
        &self.text[start..self.ends[id] as usize]
    }

    /// The word at `rank` in byte order.
    fn word_at_rank(&self, rank: usize) -> &str {
        self.word(self.sorted[rank] as usize)
    }

    /// Byte-order rank of the first word that is `>= key`.
    fn lower_bound(&self, key: &str) -> usize {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word_at_rank(mid) < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    fn id_of(&self, word: &str) -> Option<usize> {
        if trie_can_hold(word) {
            self.trie.as_ref()?.exact_match(word.chars()).map(|id| id as usize)
        } else {
            let i = self.lower_bound(word);
            (i < self.len() && self.word_at_rank(i) == word).then(|| self.sorted[i] as usize)
        }
    }

    fn is_prefix(&self, word: &str) -> bool {
        let i = self.lower_bound(word);
        i < self.len() && self.word_at_rank(i).starts_with(word)
    }

    /// `(length in chars, ln(freq), id)` of the words with a non-zero frequency that
    /// start `chars`, shortest first.
    fn prefix_words<'a>(&'a self, chars: &'a [char]) -> impl Iterator<Item = (usize, f64, u32)> + 'a {
        self.trie
            .as_deref()
            .into_iter()
            .flat_map(move |t| t.prefixes(chars))
            .map(|(id, class, len)| (len, self.class_logs[class as usize], id))
            .filter(|&(_, lf, _)| is_edge(lf))
    }

    fn set_freq(&mut self, id: usize, freq: i64) {
        self.freqs.to_mut()[id] = freq;
        let classes = &self.classes;
        let class_of = self.class_of.get_or_insert_with(|| classes.iter().enumerate().map(|(c, &f)| (f, c as u32)).collect());
        let class = match class_of.get(&freq) {
            Some(&class) => class,
            None => {
                let class = self.classes.len() as u32;
                class_of.insert(freq, class);
                self.classes.to_mut().push(freq);
                self.class_logs.push(edge_log(freq));
                class
            }
        };
        let word = self.word(id).to_string();
        if let Some(trie) = self.trie.as_mut() {
            Arc::make_mut(trie).set_payload(word.chars(), class);
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.sorted.iter().map(move |&id| (self.word(id as usize), self.freqs[id as usize]))
    }
}

/// A dictionary: words, their frequencies and tags, and the total.
#[derive(Clone)]
pub struct Dictionary {
    base: Layer,
    /// Part-of-speech tag of each base word, as an index into `tag_names`.
    tags: Cow<'static, [u16]>,
    tag_names: Vec<String>,
    /// Words added at run time that the base does not hold, compiled.
    user: Layer,
    /// The most recent such words, not compiled yet.
    overlay: Overlay,
    /// How the words of `user` and `overlay` can start (shared: rebuilt, not edited, on
    /// merges; grown on inserts).
    user_starts: Arc<PrefixFilter>,
    total: i64,
    log_total: f64,
    /// Set once a negative frequency is stored: jieba then fails with a math domain
    /// error when such a word is on a route, so routes must check.
    has_negative: bool,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").field("words", &self.len()).field("total", &self.total).finish()
    }
}

/// jieba's bundled dictionary, compiled by `build.rs`, aligned so it can be read in place.
#[repr(C, align(64))]
struct Aligned<T: ?Sized>(T);
static BUNDLED: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/jieba_dict.bin")));

impl Dictionary {
    /// A dictionary of `base` alone (no words added at run time yet).
    fn with_base(base: Layer, tags: Cow<'static, [u16]>, tag_names: Vec<String>, total: i64) -> Self {
        let has_negative = base.freqs.iter().any(|&f| f < 0);
        Dictionary {
            base,
            tags,
            tag_names,
            user: Layer::empty(),
            overlay: Overlay::default(),
            user_starts: Arc::default(),
            total,
            log_total: py_log(total),
            has_negative,
        }
    }

    fn from_parts(parts: DictParts) -> Self {
        let (total, tags, tag_names) = (parts.total, parts.tags.clone(), parts.tag_names.clone());
        Self::with_base(Layer::owned(parts), Cow::Owned(tags), tag_names, total)
    }

    /// Builds a dictionary from `(word, freq)` entries applied in order (jieba's
    /// semantics: the last frequency of a repeated word wins, `total` adds them all).
    pub fn from_entries<I, S>(entries: I) -> Result<Self>
    where
        I: IntoIterator<Item = (S, i64)>,
        S: Into<String>,
    {
        Ok(Self::from_parts(build_parts(entries.into_iter().map(|(w, f)| (w, f, "")))?))
    }

    /// Parses and compiles a dictionary file in jieba's format.
    pub fn from_jieba_text(data: &[u8], file_name: &str) -> Result<Self> {
        let entries = parse_dictionary(data, file_name)?;
        Ok(Self::from_parts(build_parts(entries.into_iter().map(|e| (e.word, e.freq, e.tag)))?))
    }

    /// Compiles a dictionary file in jieba's format into the binary form that
    /// [`Self::from_compiled`] loads (what the Python layer caches for custom
    /// dictionaries).
    pub fn compile(data: &[u8], file_name: &str) -> Result<Vec<u8>> {
        let entries = parse_dictionary(data, file_name)?;
        let parts = build_parts(entries.into_iter().map(|e| (e.word, e.freq, e.tag)))?;
        Ok(dict_blob::encode(&parts))
    }

    /// Loads the output of [`Self::compile`], checking it; never panics on bad bytes.
    pub fn from_compiled(bytes: &[u8]) -> Result<Self> {
        // Copy into 8-aligned memory so the sections can be read as arrays.
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
        let aligned = &bytemuck::cast_slice::<u64, u8>(&words)[..bytes.len()];
        let view = dict_blob::decode(aligned)?;
        let trie = if view.trie.is_empty() { None } else { Some(Arc::new(CharTrie::owned(view.trie)?)) };
        let max_stored = trie.as_ref().and_then(|t| t.max_value_and_payload());
        if max_stored.is_some_and(|(value, class)| value as usize >= view.freqs.len() || class as usize >= view.classes.len()) {
            return Err(Error::BadData("trie value out of range".into()));
        }
        if view.classes.get(ZERO_CLASS as usize) != Some(&0) {
            return Err(Error::BadData("frequency class 0 is not frequency 0".into()));
        }
        let tag_names: Vec<String> = view.tag_names.split('\n').map(str::to_string).collect();
        if view.tags.iter().any(|&t| t as usize >= tag_names.len()) {
            return Err(Error::BadData("tag out of range".into()));
        }
        let base = Layer {
            trie,
            text: Cow::Owned(view.text.to_string()),
            ends: Cow::Owned(view.ends.to_vec()),
            freqs: Cow::Owned(view.freqs.to_vec()),
            sorted: Cow::Owned(view.sorted.to_vec()),
            classes: Cow::Owned(view.classes.to_vec()),
            class_logs: class_logs(view.classes),
            class_of: None,
        };
        Ok(Dictionary::with_base(base, Cow::Owned(view.tags.to_vec()), tag_names, view.total))
    }

    /// jieba's bundled dictionary, read in place from the compiled-in blob.
    pub fn jieba_default() -> Self {
        let view = dict_blob::decode_bundled(&BUNDLED.0).expect("bundled dictionary blob is valid");
        let base = Layer {
            trie: (!view.trie.is_empty()).then(|| Arc::new(CharTrie::borrowed(view.trie).expect("bundled trie is valid"))),
            text: Cow::Borrowed(view.text),
            ends: Cow::Borrowed(view.ends),
            freqs: Cow::Borrowed(view.freqs),
            sorted: Cow::Borrowed(view.sorted),
            classes: Cow::Borrowed(view.classes),
            // A few thousand logarithms, taken with this machine's libm as jieba's are.
            class_logs: class_logs(view.classes),
            class_of: None,
        };
        let tag_names = view.tag_names.split('\n').map(str::to_string).collect();
        Dictionary::with_base(base, Cow::Borrowed(view.tags), tag_names, view.total)
    }

    pub fn total(&self) -> i64 {
        self.total
    }

    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// Whether a route through this dictionary may meet a negative frequency.
    pub fn has_negative(&self) -> bool {
        self.has_negative
    }

    /// Number of words (not counting prefix-only entries).
    pub fn len(&self) -> usize {
        self.base.len() + self.user.len() + self.overlay.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// jieba's `FREQ.get(word)`: the frequency of a word, `Some(0)` for a string that is
    /// only a prefix of some word, `None` for anything else.
    pub fn freq(&self, word: &str) -> Option<i64> {
        if let Some(id) = self.base.id_of(word) {
            return Some(self.base.freqs[id]);
        }
        if let Some(id) = self.user.id_of(word) {
            return Some(self.user.freqs[id]);
        }
        if let Some(f) = self.overlay.freq(word) {
            return Some(f);
        }
        if word.is_empty() {
            return None;
        }
        (self.base.is_prefix(word) || self.user.is_prefix(word) || self.overlay.is_prefix(word)).then_some(0)
    }

    /// `FREQ.get(word)` used as a truth value, the test jieba applies in the HMM buffer
    /// and the search n-grams.
    #[inline]
    pub fn has_positive(&self, word: &str) -> bool {
        if let Some(id) = self.base.id_of(word) {
            return self.base.freqs[id] != 0;
        }
        if !self.has_user_words() || !self.user_starts.may_start_str(word) {
            return false;
        }
        if let Some(id) = self.user.id_of(word) {
            return self.user.freqs[id] != 0;
        }
        self.overlay.freq(word).is_some_and(|f| f != 0)
    }

    /// [`Self::has_positive`] for a word of a block whose base-trie codes
    /// ([`Self::encode_base`]) are `codes`: the base dictionary answers from the trie's
    /// frequency class, without decoding the word again or reading its frequency.
    pub fn has_positive_coded(&self, word: &str, codes: &[u32]) -> bool {
        // A block holds neither NUL nor U+FFFF, so its words are in the trie if anywhere.
        debug_assert!(trie_can_hold(word));
        if let Some([_, class]) = self.base.trie.as_ref().and_then(|t| t.exact_match_coded(codes)) {
            return class != ZERO_CLASS;
        }
        self.has_user_words() && self.has_positive(word)
    }

    /// The text of base word `id`.
    pub fn base_word(&self, id: u32) -> &str {
        self.base.word(id as usize)
    }

    /// Number of words in the base dictionary (the range of word ids).
    pub fn base_len(&self) -> usize {
        self.base.len()
    }

    /// The tag recorded for `word` in the dictionary file ("" for words added later).
    pub fn tag(&self, word: &str) -> Option<&str> {
        match self.base.id_of(word) {
            Some(id) => Some(&self.tag_names[self.tags[id] as usize]),
            None => self.freq(word).filter(|_| self.user.id_of(word).is_some() || self.overlay.freq(word).is_some()).map(|_| ""),
        }
    }

    /// Calls `edge(len, log_freq, id)` for every base-dictionary word with a non-zero
    /// frequency that starts `chars`, shortest first; `len` is the word's length in
    /// characters, `id` its word id.
    #[inline]
    pub fn for_each_prefix_word(&self, chars: &[char], edge: impl FnMut(usize, f64, u32)) {
        let mut codes = Vec::with_capacity(chars.len());
        self.encode_base(chars, &mut codes);
        self.for_each_prefix_word_coded(&codes, edge);
    }

    /// The base trie's codes of `chars`, appended to `out`: a block is coded once, then
    /// walked from every position with [`Self::for_each_prefix_word_coded`].
    pub fn encode_base(&self, chars: &[char], out: &mut Vec<u32>) {
        match &self.base.trie {
            Some(trie) => trie.encode(chars, out),
            None => out.extend(chars.iter().map(|_| crate::trie::NONE)),
        }
    }

    /// Calls `edge(len, id)` like [`Self::for_each_prefix_word_coded`], without the
    /// frequencies (`cut_all` and `get_DAG` need only the graph): a word is an edge when
    /// its class is not [`ZERO_CLASS`], which spares a table read per edge.
    #[inline(always)]
    pub fn for_each_prefix_end_coded(&self, codes: &[u32], mut edge: impl FnMut(usize, u32)) {
        if let Some(trie) = &self.base.trie {
            trie.for_each_prefix_coded(codes, |id, class, len| {
                if class != ZERO_CLASS {
                    edge(len, id);
                }
            });
        }
    }

    /// Starts loading what a walk from position `at` of `codes` (see
    /// [`Self::encode_base`]) will read at its second step, without waiting for it.
    ///
    /// The walk's first step lands among the root's children, which stay cached; the
    /// second is where the cache misses start, and each one stalls the walk.  A segmenter
    /// asks for it [`WALK_AHEAD`] positions before it walks there, so that the misses
    /// overlap with the walks in between.
    #[inline(always)]
    pub fn prefetch_walk(&self, codes: &[u32], at: usize) {
        if let (Some(trie), Some(&[first, second])) = (&self.base.trie, codes.get(at..at + 2)) {
            trie.prefetch_second_step(first, second);
        }
    }

    /// [`Self::for_each_prefix_word`] on text coded by [`Self::encode_base`].
    #[inline(always)]
    pub fn for_each_prefix_word_coded(&self, codes: &[u32], mut edge: impl FnMut(usize, f64, u32)) {
        if let Some(trie) = &self.base.trie {
            let class_logs = &self.base.class_logs[..];
            trie.for_each_prefix_coded(codes, |id, class, len| {
                let lf = class_logs[class as usize];
                if is_edge(lf) {
                    edge(len, lf, id);
                }
            });
        }
    }

    /// Whether words were added at run time (which [`Self::for_each_user_word`] finds).
    #[inline]
    pub fn has_user_words(&self) -> bool {
        self.user.len() > 0 || !self.overlay.is_empty()
    }

    /// Like [`Self::for_each_prefix_word`] for the words added at run time, which no base
    /// word repeats; in no particular order.
    pub fn for_each_user_word(&self, text: &str, chars: &[char], mut edge: impl FnMut(usize, f64)) {
        if !self.user_starts.may_start(chars) {
            return;
        }
        for (len, lf, _) in self.user.prefix_words(chars) {
            edge(len, lf);
        }
        for (len, lf) in self.overlay.prefix_words(text, chars) {
            edge(len, lf);
        }
    }

    /// jieba's `add_word(word, freq)` (without the tag, which the Python layer keeps):
    /// sets the frequency and adds it to `total`, even for a word already present.
    pub fn add_word(&mut self, word: &str, freq: i64) -> Result<()> {
        self.add_words(std::iter::once((word, freq)))
    }

    /// Applies many `add_word`s at once (a user dictionary); either all apply or, on
    /// error, none do.
    pub fn add_words<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, i64)>) -> Result<()> {
        self.add_words_then(words, true)
    }

    /// [`Self::add_words`]; with `auto_merge` false the new words stay in the overlay
    /// whatever their number (the caller merges them, e.g. in the background).
    pub fn add_words_then<'w>(&mut self, words: impl IntoIterator<Item = (&'w str, i64)>, auto_merge: bool) -> Result<()> {
        let words: Vec<(&str, i64)> = words.into_iter().collect();
        let mut total = self.total;
        for &(_, freq) in &words {
            total = total.checked_add(freq).ok_or_else(|| Error::FrequencyOutOfRange(freq.to_string()))?;
        }
        for (word, freq) in words {
            if let Some(id) = self.base.id_of(word) {
                self.base.set_freq(id, freq);
            } else if let Some(id) = self.user.id_of(word) {
                self.user.set_freq(id, freq);
            } else {
                self.overlay.insert(word, freq, edge_log(freq));
                Arc::make_mut(&mut self.user_starts).insert(word);
            }
            self.has_negative |= freq < 0;
        }
        self.total = total;
        self.log_total = py_log(total);
        // An overlay walk costs a hash lookup per character; rebuilding the user layer
        // costs time in proportion to its words.  Rebuilding once the overlay is a fixed
        // fraction of the user layer keeps a long run of single `add_word` calls linear
        // overall; `load_userdict` merges at its end.
        if auto_merge && self.overlay.len() > (self.user.len() / 4).max(256) {
            self.merge_overlay();
        }
        Ok(())
    }

    /// Compiles the overlay's words into the user layer.
    pub fn merge_overlay(&mut self) {
        if self.overlay.is_empty() {
            return;
        }
        let words = self.user.iter().chain(self.overlay.iter()).map(|(w, f)| (w.to_string(), f, ""));
        self.user = Layer::owned(build_parts(words).expect("a valid dictionary stays valid"));
        self.overlay = Overlay::default();
        let mut starts = PrefixFilter::default();
        for (word, _) in self.user.iter() {
            starts.insert(word);
        }
        self.user_starts = Arc::new(starts);
    }

    /// Number of words added at run time that the base does not hold.
    pub fn user_word_count(&self) -> usize {
        self.user.len() + self.overlay.len()
    }

    /// The same dictionary with the user words compiled into the base trie: one walk
    /// finds every word again.  Frequencies, tags and total are unchanged (base word ids
    /// are not).
    pub fn with_user_words_merged(&self) -> Dictionary {
        let base = (0..self.base.len()).map(|id| (self.base.word(id).to_string(), self.base.freqs[id], self.tag_names[self.tags[id] as usize].as_str()));
        let user = self.user.iter().chain(self.overlay.iter()).map(|(w, f)| (w.to_string(), f, ""));
        let mut parts = build_parts(base.chain(user)).expect("a valid dictionary stays valid");
        parts.total = self.total;
        let mut merged = Dictionary::from_parts(parts);
        merged.has_negative = self.has_negative;
        merged
    }

    /// All words with their frequencies (base words in byte order, then user words in
    /// byte order, then those not merged yet).
    pub fn iter(&self) -> impl Iterator<Item = (&str, i64)> + '_ {
        self.base.iter().chain(self.user.iter()).chain(self.overlay.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Dictionary {
        Dictionary::from_entries([("北京", 10), ("北京大学", 5), ("大学", 8), ("北", 0), ("大学", 3)]).unwrap()
    }

    #[test]
    fn freq_follows_jieba_semantics() {
        let d = small();
        assert_eq!(d.freq("北京"), Some(10));
        assert_eq!(d.freq("北京大"), Some(0)); // a prefix only
        assert_eq!(d.freq("大学"), Some(3)); // the last entry wins...
        assert_eq!(d.total(), 26); // ...but every entry counts in the total
        assert_eq!(d.freq("北"), Some(0));
        assert_eq!(d.freq("南"), None);
        assert_eq!(d.freq(""), None);
        assert!(!d.has_positive("北") && d.has_positive("北京"));
    }

    #[test]
    fn prefix_words_skip_zero_frequency() {
        let d = small();
        let mut ends = Vec::new();
        let chars: Vec<char> = "北京大学生".chars().collect();
        d.for_each_prefix_word(&chars, |end, _, _| ends.push(end));
        assert_eq!(ends, vec![2, 4]);
    }

    #[test]
    fn odd_words_are_looked_up_without_the_trie() {
        let d = Dictionary::from_entries([("", 4), ("a\0b", 2), ("c", 1)]).unwrap();
        assert_eq!(d.freq(""), Some(4));
        assert_eq!(d.freq("a\0b"), Some(2));
        assert_eq!(d.freq("a"), Some(0));
        assert_eq!(d.total(), 7);
    }

    #[test]
    fn added_words_are_found_before_and_after_a_merge() {
        let mut d = small();
        d.add_word("北京大", 7).unwrap();
        d.add_word("大学", 1).unwrap();
        assert_eq!((d.freq("北京大"), d.freq("大学"), d.total()), (Some(7), Some(1), 34));
        let text = "北京大学";
        let chars: Vec<char> = text.chars().collect();
        let all = |d: &Dictionary| {
            let mut ends = Vec::new();
            d.for_each_prefix_word(&chars, |end, _, _| ends.push(end));
            d.for_each_user_word(text, &chars, |end, _| ends.push(end));
            ends.sort();
            ends
        };
        assert_eq!(all(&d), vec![2, 3, 4]);
        d.merge_overlay();
        let merged = all(&d);
        assert_eq!((merged, d.freq("北京大"), d.total()), (vec![2, 3, 4], Some(7), 34));
    }

    #[test]
    fn merging_user_words_changes_nothing_visible() {
        let mut d = small();
        d.add_words([("北京大", 7), ("学生会", 2), ("大学", 1), ("北", 0)]).unwrap();
        d.merge_overlay();
        let m = d.with_user_words_merged();
        assert_eq!((m.user_word_count(), d.user_word_count()), (0, 2));
        for w in ["北京", "北京大", "学生会", "学生", "大学", "北", "南", ""] {
            assert_eq!(m.freq(w), d.freq(w), "{w}");
            assert_eq!(m.has_positive(w), d.has_positive(w), "{w}");
        }
        assert_eq!((m.total(), m.tag("北京")), (d.total(), d.tag("北京")));
    }

    #[test]
    fn compiled_form_round_trips_and_rejects_damage() {
        let text = "北京 10 ns\n北京大学 5 nt\n大学 8 n\n".as_bytes();
        let blob = Dictionary::compile(text, "d.txt").unwrap();
        let d = Dictionary::from_compiled(&blob).unwrap();
        let direct = Dictionary::from_jieba_text(text, "d.txt").unwrap();
        for w in ["北京", "北京大", "北京大学", "大学", "南"] {
            assert_eq!(d.freq(w), direct.freq(w));
        }
        assert_eq!((d.total(), d.tag("北京大学")), (23, Some("nt")));
        assert!(Dictionary::from_compiled(&blob[..blob.len() - 3]).is_err());
        assert!(Dictionary::from_compiled(b"not a dictionary at all, sorry").is_err());
        let mut other_version = blob.clone();
        other_version[8] ^= 0xff;
        assert!(Dictionary::from_compiled(&other_version).is_err());
    }

    #[test]
    fn bundled_dictionary_matches_the_text() {
        let d = Dictionary::jieba_default();
        // The quick checks at load stand in for these, which the blob must pass too.
        assert!(dict_blob::decode(&BUNDLED.0).is_ok());
        let parsed = Dictionary::from_jieba_text(crate::data::JIEBA_DICT, "dict.txt").unwrap();
        assert_eq!(d.total(), parsed.total());
        assert_eq!(d.len(), parsed.len());
        assert_eq!(d.freq("北京"), parsed.freq("北京"));
        assert_eq!(d.tag("北京"), Some("ns"));
    }
}
