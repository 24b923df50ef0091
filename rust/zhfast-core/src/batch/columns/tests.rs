//! The columns equal the tokens of each text cut on its own, however the items are
//! grouped into parts and split into pieces, with 32- or 64-bit offsets.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::*;
use crate::{Dictionary, Mode, PosSegmenter, Segmenter, Worker};

fn dict() -> &'static Dictionary {
    static DICT: OnceLock<Dictionary> = OnceLock::new();
    DICT.get_or_init(Dictionary::jieba_default)
}

const TEXTS: [Option<&str>; 9] = [
    Some("我来到北京清华大学"),
    None,
    Some(""),
    Some("他来到了网易杭研大厦 C++ 和 c# 3.14% 12.5%"),
    Some("小明硕士毕业于中国科学院计算所，后在日本京都大学深造\r\n"),
    Some("𠀀中国\u{9fd6}北京  astral 😀 ab12cd"),
    None,
    Some("工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作"),
    Some(" "),
];

const MODES: [Mode; 5] = [
    Mode::Default,
    Mode::NoHmm,
    Mode::All,
    Mode::Search,
    Mode::SearchNoHmm,
];

fn expected_tokens(seg: &Segmenter<'_>, mode: Mode) -> Vec<Vec<String>> {
    let mut worker = Worker::new();
    TEXTS
        .iter()
        .map(|t| match t {
            Some(t) => worker
                .cut(seg, t, mode)
                .unwrap()
                .iter(t)
                .map(str::to_string)
                .collect(),
            None => Vec::new(),
        })
        .collect()
}

fn offsets_of(v: &OffsetVec) -> Vec<usize> {
    match v {
        OffsetVec::Small(v) => v.iter().map(|&o| o as usize).collect(),
        OffsetVec::Large(v) => v.iter().map(|&o| o as usize).collect(),
    }
}

/// The lists of strings a [`TokenList`] holds; `shared` bytes are the texts' own.
fn lists_of(list: &TokenList, shared: Option<&[u8]>) -> Vec<Vec<String>> {
    let bytes = shared.unwrap_or(&list.tokens.bytes);
    let ends = offsets_of(&list.tokens.offsets);
    let strings: Vec<String> = ends
        .windows(2)
        .map(|w| String::from_utf8(bytes[w[0]..w[1]].to_vec()).unwrap())
        .collect();
    offsets_of(&list.lists)
        .windows(2)
        .map(|w| strings[w[0]..w[1]].to_vec())
        .collect()
}

fn concatenated() -> Vec<u8> {
    TEXTS.iter().flatten().flat_map(|t| t.bytes()).collect()
}

fn groupings() -> Vec<Vec<std::ops::Range<usize>>> {
    let n = TEXTS.len();
    vec![
        vec![0..n],
        (0..n).map(|i| i..i + 1).collect(),
        vec![0..2, 2..3, 3..7, 7..n],
    ]
}

#[test]
fn token_lists_equal_each_text_cut_alone_in_every_mode_and_grouping() {
    let force = HashSet::new();
    let seg = Segmenter::new(dict(), &force);
    let texts = &TEXTS[..];
    for mode in MODES {
        let expected = expected_tokens(&seg, mode);
        for shared in [false, true] {
            if shared && !mode.partitions() {
                continue;
            }
            for groups in groupings() {
                for small_max in [SMALL_MAX, 20, 0] {
                    let mut b = TokenListBuilder::new(small_max);
                    for g in &groups {
                        b.append(cut_tokens(&seg, mode, texts, g.clone(), shared).unwrap())
                            .unwrap();
                    }
                    let list = b.finish();
                    assert_eq!(list.lists.is_large(), small_max < SMALL_MAX, "{mode:?}");
                    assert_eq!(list.tokens.offsets.is_large(), small_max < SMALL_MAX);
                    let all = concatenated();
                    assert!(!shared || list.tokens.bytes.is_empty());
                    let got = lists_of(&list, shared.then_some(&all[..]));
                    assert_eq!(got, expected, "{mode:?} shared={shared} {groups:?}");
                }
            }
        }
    }
}

fn expected_ends(seg: &Segmenter<'_>, mode: Mode) -> Vec<Vec<u32>> {
    let mut worker = Worker::new();
    TEXTS
        .iter()
        .map(|t| match t {
            Some(t) => {
                let tokens = worker.cut(seg, t, mode).unwrap();
                (0..tokens.len())
                    .map(|i| t[..tokens.end(i)].chars().count() as u32)
                    .collect()
            }
            None => Vec::new(),
        })
        .collect()
}

fn ends_of(list: &OffsetList) -> Vec<Vec<u32>> {
    offsets_of(&list.lists)
        .windows(2)
        .map(|w| list.ends[w[0]..w[1]].to_vec())
        .collect()
}

#[test]
fn offset_lists_equal_each_text_cut_alone() {
    let force = HashSet::new();
    let seg = Segmenter::new(dict(), &force);
    for mode in MODES {
        let expected = expected_ends(&seg, mode);
        for groups in groupings() {
            let mut b = OffsetListBuilder::new(SMALL_MAX);
            for g in &groups {
                b.append(cut_offsets(&seg, mode, &TEXTS[..], g.clone()).unwrap())
                    .unwrap();
            }
            assert_eq!(ends_of(&b.finish()), expected, "{mode:?} {groups:?}");
        }
    }
}

/// Splits `text` before and after each space: points where jieba's pre-split breaks,
/// so the pieces cut as the whole does.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            out.extend([&text[start..i], &text[i..i + 1]]);
            start = i + 1;
        }
    }
    out.push(&text[start..]);
    out
}

#[test]
fn pieces_of_an_item_join_back_into_its_list_across_parts() {
    let force = HashSet::new();
    let seg = Segmenter::new(dict(), &force);
    let texts = ["中国 北京 大学", "我 来到", "", "清华大学"];
    let opt: Vec<Option<&str>> = texts.iter().map(|&t| Some(t)).collect();
    for mode in [Mode::Default, Mode::Search, Mode::All] {
        let mut whole = TokenListBuilder::new(SMALL_MAX);
        whole
            .append(cut_tokens(&seg, mode, &opt[..], 0..texts.len(), false).unwrap())
            .unwrap();
        let mut whole_ends = OffsetListBuilder::new(SMALL_MAX);
        whole_ends
            .append(cut_offsets(&seg, mode, &opt[..], 0..texts.len()).unwrap())
            .unwrap();
        // Every piece in a part of its own: an item's pieces span several parts.
        let mut split = TokenListBuilder::new(SMALL_MAX);
        let mut split_ends = OffsetListBuilder::new(SMALL_MAX);
        let mut worker = Worker::new();
        for text in texts {
            let ps = pieces(text);
            for (k, piece) in ps.iter().enumerate() {
                let last = k + 1 == ps.len();
                let mut part = TokenPart::default();
                part.cut_piece(&mut worker, &seg, mode, piece, false, last)
                    .unwrap();
                split.append(part).unwrap();
                let mut part = OffsetPart::default();
                part.cut_piece(&mut worker, &seg, mode, piece, last)
                    .unwrap();
                split_ends.append(part).unwrap();
            }
        }
        assert_eq!(split.finish(), whole.finish(), "{mode:?}");
        assert_eq!(split_ends.finish(), whole_ends.finish(), "{mode:?}");
    }
}

#[test]
fn tagged_lists_equal_each_text_tagged_alone() {
    let lookup = |_: &str| None;
    let seg = PosSegmenter::new(dict(), &lookup);
    let mut worker = Worker::new();
    for hmm in [true, false] {
        let expected: Vec<Vec<(String, String)>> = TEXTS
            .iter()
            .map(|t| match t {
                Some(t) => {
                    let tagged = worker.tag(&seg, t, hmm).unwrap();
                    let spans = tagged.spans.iter().map(|&(a, b)| t[a..b].to_string());
                    spans.zip(tagged.tags.iter().cloned()).collect()
                }
                None => Vec::new(),
            })
            .collect();
        for shared in [false, true] {
            for groups in groupings() {
                let mut b = TaggedListBuilder::new(SMALL_MAX);
                for g in &groups {
                    b.append(tag(&seg, hmm, &TEXTS[..], g.clone(), shared).unwrap())
                        .unwrap();
                }
                let list = b.finish();
                let all = concatenated();
                let words = TokenList {
                    lists: list.lists.clone(),
                    tokens: list.words.clone(),
                };
                let flags = TokenList {
                    lists: list.lists.clone(),
                    tokens: list.flags.clone(),
                };
                let words = lists_of(&words, shared.then_some(&all[..]));
                let flags = lists_of(&flags, None);
                let got: Vec<Vec<(String, String)>> = words
                    .into_iter()
                    .zip(flags)
                    .map(|(w, f)| w.into_iter().zip(f).collect())
                    .collect();
                assert_eq!(got, expected, "hmm={hmm} shared={shared} {groups:?}");
            }
        }
    }
}
