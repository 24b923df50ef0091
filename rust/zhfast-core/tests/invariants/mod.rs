//! What must hold for any input: the checks the fuzz targets (`fuzz/`) run on arbitrary
//! bytes, and the regression tests (`fuzz_regressions.rs`) run on the inputs that once
//! broke them.  Each check panics when something does not hold; none may panic inside
//! the core.

#![allow(dead_code)] // each user takes the checks it needs

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use zhfast_core::{
    CharCursor, Dictionary, Error, Mode, PosSegmenter, Segmenter, SharedDictionary, Tokens, Worker,
    JOINED,
};

/// jieba's bundled dictionary, loaded once.
pub fn jieba() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(Dictionary::jieba_default)
}

/// Whether a cut may fail with `dict`: jieba's `log` raises for a total of 0 or less
/// and for a negative frequency on the route.
fn may_fail(dict: &Dictionary) -> bool {
    dict.total() <= 0 || dict.has_negative()
}

/// A cut in `mode`, or `None` where jieba would raise too.
fn cut(worker: &mut Worker, seg: &Segmenter<'_>, text: &str, mode: Mode) -> Option<Tokens> {
    match worker.cut(seg, text, mode) {
        Ok(tokens) => Some(tokens.clone()),
        Err(Error::MathDomain) if may_fail(seg.dictionary()) => None,
        Err(e) => panic!("{mode:?} of {text:?}: {e}"),
    }
}

/// The tokens of the default and no-HMM modes lie end to end and spell `text`, none
/// empty, and their code-point offsets increase.
fn assert_tiles(text: &str, tokens: &Tokens, mode: Mode) {
    let mut at = 0;
    let mut cursor = CharCursor::default();
    let mut last_char = 0;
    for &(start, end) in &tokens.spans {
        assert_eq!(start, at, "{mode:?} of {text:?}: a gap or an overlap");
        assert!(end > start, "{mode:?} of {text:?}: an empty token");
        assert!(
            text.is_char_boundary(end),
            "{mode:?}: {text:?} split inside a character"
        );
        let chars = cursor.char_offset(text, end);
        assert!(
            chars > last_char,
            "{mode:?} of {text:?}: offsets do not increase"
        );
        (at, last_char) = (end, chars);
    }
    assert_eq!(
        at,
        text.len(),
        "{mode:?} of {text:?}: does not reach the end"
    );
    assert_eq!(tokens.iter(text).collect::<String>(), text);
}

/// `cut_for_search` yields each word of the plain cut, after the dictionary n-grams
/// inside it.
fn assert_search(text: &str, search: &Tokens, words: &Tokens, mode: Mode) {
    let mut next = 0;
    for (i, &(start, end)) in search.spans.iter().enumerate() {
        let word = words
            .spans
            .get(next)
            .unwrap_or_else(|| panic!("{mode:?} of {text:?}: a token after the last word"));
        assert!(
            word.0 <= start && end <= word.1,
            "{mode:?} of {text:?}: token {i} outside its word"
        );
        assert_eq!(search.get(text, i), &text[start..end]);
        if (start, end) == *word {
            next += 1;
        }
    }
    assert_eq!(next, words.len(), "{mode:?} of {text:?}: words missing");
}

/// `cut_all`'s tokens are slices, or runs it joined; apart from what may be such a run,
/// they come in the order of their starts.  jieba's `__cut_all` buffers the words of a
/// run while `re_eng.match(word)` holds, which tests only a word's *first* character:
/// so a buffered word may be `T恤` (a dictionary word that starts with a letter), and
/// the buffer, yielded when the run ends, comes after the words that began inside it.
/// A token that starts with an ASCII letter or digit is therefore exempt from the order.
fn assert_cut_all(text: &str, tokens: &Tokens) {
    let eng_start = |s: &str| s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric());
    let mut last_start = 0;
    for (i, &(start, end)) in tokens.spans.iter().enumerate() {
        if start == JOINED {
            assert!(
                eng_start(tokens.get(text, i)),
                "cut_all of {text:?}: a joined token"
            );
            continue;
        }
        let token = text.get(start..end);
        assert!(token.is_some(), "cut_all of {text:?}: a bad span");
        if !eng_start(token.unwrap_or_default()) {
            assert!(start >= last_start, "cut_all of {text:?}: out of order");
            last_start = start;
        }
    }
}

/// Every mode on `text` with `dict`: no panic, and the invariants of each mode.
pub fn check_cut(dict: &Dictionary, force_split: &HashSet<String>, text: &str) {
    // Reusing one worker also checks that its buffers carry nothing from cut to cut.
    Worker::with_thread_worker(|worker| check_cut_with(worker, dict, force_split, text));
}

fn check_cut_with(
    worker: &mut Worker,
    dict: &Dictionary,
    force_split: &HashSet<String>,
    text: &str,
) {
    let seg = Segmenter::new(dict, force_split);
    for (plain, search) in [
        (Mode::Default, Mode::Search),
        (Mode::NoHmm, Mode::SearchNoHmm),
    ] {
        let Some(words) = cut(worker, &seg, text, plain) else {
            assert!(cut(worker, &seg, text, search).is_none());
            continue;
        };
        assert_tiles(text, &words, plain);
        let found = cut(worker, &seg, text, search).expect("search where the cut worked");
        assert_search(text, &found, &words, search);
    }
    if let Ok(all) = worker.cut(&seg, text, Mode::All) {
        assert_cut_all(text, all);
    }
    let no_tags = |_: &str| None;
    let pos = PosSegmenter::new(dict, &no_tags);
    for hmm in [true, false] {
        match worker.tag(&pos, text, hmm) {
            Ok(tagged) => {
                let spelled: String = tagged.spans.iter().map(|&(a, b)| &text[a..b]).collect();
                assert_eq!(spelled, text, "posseg of {text:?}");
                assert_eq!(tagged.spans.len(), tagged.tags.len());
            }
            Err(Error::MathDomain | Error::EmptyMax) => {}
            Err(e) => panic!("posseg of {text:?}: {e}"),
        }
    }
}

/// Parsing dictionary text: an error or a dictionary, never a panic; a dictionary
/// compiles to a blob that loads back the same, and cuts.
pub fn check_dictionary_text(data: &[u8]) {
    let parsed = Dictionary::from_jieba_text(data, "fuzz.txt");
    let compiled = Dictionary::compile(data, "fuzz.txt");
    let (Ok(dict), Ok(blob)) = (parsed, compiled) else {
        assert!(
            Dictionary::from_jieba_text(data, "fuzz.txt").is_err()
                && Dictionary::compile(data, "fuzz.txt").is_err(),
            "parsing and compiling disagree"
        );
        return;
    };
    let loaded = Dictionary::from_compiled(&blob).expect("a compiled dictionary loads");
    assert_eq!((loaded.total(), loaded.len()), (dict.total(), dict.len()));
    for (word, freq) in dict.iter().take(200) {
        assert_eq!(loaded.freq(word), Some(freq), "{word:?}");
        assert_eq!(loaded.tag(word), dict.tag(word), "{word:?}");
    }
    check_cut(
        &loaded,
        &HashSet::new(),
        &String::from_utf8_lossy(&data[..data.len().min(300)]),
    );
}

/// Loading arbitrary bytes as a compiled dictionary: an error or a dictionary that
/// answers lookups and cuts without panicking.  The bytes are also tried resealed (their
/// last 8 bytes replaced by the checksum of the rest), so that damage the checksum would
/// catch first still reaches the structural checks behind it, as a crafted file would.
pub fn check_blob(data: &[u8]) {
    check_blob_as_is(data);
    if data.len() >= 8 {
        check_blob_as_is(&resealed(data));
    }
}

/// `data` with its trailing checksum made valid (the blob format's: xxh3-64 of every
/// byte before it, little-endian).
pub fn resealed(data: &[u8]) -> Vec<u8> {
    let mut sealed = data.to_vec();
    let body = sealed.len() - 8;
    let checksum = xxhash_rust::xxh3::xxh3_64(&sealed[..body]);
    sealed[body..].copy_from_slice(&checksum.to_le_bytes());
    sealed
}

fn check_blob_as_is(data: &[u8]) {
    let Ok(dict) = Dictionary::from_compiled(data) else {
        return;
    };
    let words: Vec<(String, i64)> = dict
        .iter()
        .take(50)
        .map(|(w, f)| (w.to_string(), f))
        .collect();
    for (word, _) in &words {
        let _ = (dict.freq(word), dict.tag(word), dict.has_positive(word));
    }
    let text: String =
        words.iter().map(|(w, _)| w.as_str()).collect::<String>() + "我来到北京清华大学";
    check_cut(&dict, &HashSet::new(), &text);
}

/// A run of edits (words, possibly not UTF-8, with small or extreme frequencies, some
/// force-split), compactions and merges read from `data`; every version cuts validly,
/// and merging changes no answer.
pub fn check_edits(data: &[u8]) {
    let shared = SharedDictionary::new(
        Arc::new(Dictionary::from_entries([("北京", 10), ("大学", 8), ("北京大学", 3)]).unwrap()),
        Arc::new(()),
        |_| (),
    );
    let mut force = HashSet::new();
    let mut words: Vec<Vec<u8>> = Vec::new();
    for chunk in data.split(|&b| b == b'\n').take(64) {
        let Some((&op, rest)) = chunk.split_first() else {
            continue;
        };
        let (word, freq) = match op % 8 {
            0 => {
                shared.compact(1 + rest.len() % 16);
                continue;
            }
            1 => (rest.to_vec(), 0),
            2 => (rest.to_vec(), -(op as i64)),
            3 => (rest.to_vec(), i64::MAX / 2),
            _ => (rest.to_vec(), op as i64),
        };
        if freq == 0 {
            if let Ok(w) = std::str::from_utf8(&word) {
                force.insert(w.to_string());
            }
        }
        let _ = shared.add_words(&[(word.clone(), freq)], op % 3 == 0);
        words.push(word);
    }
    let text: String = words
        .iter()
        .map(|w| String::from_utf8_lossy(w))
        .collect::<String>()
        + "北京大学";
    let before = shared.snapshot();
    check_cut(&before.dict, &force, &text);
    shared.compact(4);
    shared.wait_compacted();
    let after = shared.snapshot();
    assert_eq!(after.dict.total(), before.dict.total());
    for word in &words {
        assert_eq!(
            after.dict.freq_of_bytes(word),
            before.dict.freq_of_bytes(word)
        );
    }
    let seg = |d| Segmenter::new(d, &force);
    let mut worker = Worker::new();
    for mode in [Mode::Default, Mode::NoHmm, Mode::All, Mode::Search] {
        let a = worker
            .cut(&seg(&before.dict), &text, mode)
            .map(|t| t.iter(&text).map(str::to_string).collect::<Vec<_>>());
        let b = worker
            .cut(&seg(&after.dict), &text, mode)
            .map(|t| t.iter(&text).map(str::to_string).collect::<Vec<_>>());
        assert_eq!(a, b, "{mode:?} of {text:?} before and after the merge");
    }
}
