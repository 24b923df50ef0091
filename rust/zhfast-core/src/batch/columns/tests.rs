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
                        b.append(cut_tokens(&seg, mode, texts, g.clone(), shared, true).unwrap())
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
                b.append(cut_offsets(&seg, mode, &TEXTS[..], g.clone(), true).unwrap())
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
            .append(cut_tokens(&seg, mode, &opt[..], 0..texts.len(), false, true).unwrap())
            .unwrap();
        let mut whole_ends = OffsetListBuilder::new(SMALL_MAX);
        whole_ends
            .append(cut_offsets(&seg, mode, &opt[..], 0..texts.len(), true).unwrap())
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
                    b.append(tag(&seg, hmm, &TEXTS[..], g.clone(), shared, true).unwrap())
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

/// The texts above, some of them many times over: long items among short ones and nulls.
fn long_items() -> Vec<Option<String>> {
    let joined: String = TEXTS.iter().flatten().copied().collect();
    let mut out: Vec<Option<String>> = TEXTS.iter().map(|t| t.map(String::from)).collect();
    out.insert(1, Some(joined.repeat(6)));
    out.insert(4, Some(joined.repeat(3) + "\r\n"));
    out.push(Some(joined.repeat(2)));
    out
}

/// Cuts `texts` split into groups by `grouping`, each group's part made by `part` from
/// the group's texts and whether its last ends its item, joined by `builder`.
fn split_cut<B: Join>(
    texts: &[Option<String>],
    grouping: &Grouping,
    mut builder: B,
    part: impl Fn(&[Option<&str>], bool) -> B::Part,
) -> B::Output {
    let sizes: Vec<usize> = texts
        .iter()
        .map(|t| t.as_ref().map_or(0, String::len))
        .collect();
    let spans = group_spans(&sizes, |i| Ok::<_, ()>(texts[i].as_deref()), grouping).unwrap();
    assert!(spans.iter().any(|s| !s.ends_item()), "some item is split");
    for span in &spans {
        builder
            .append(part(&span.texts(texts), span.ends_item()))
            .unwrap();
    }
    builder.finish()
}

#[test]
fn long_items_split_into_spans_give_the_columns_of_the_whole_items() {
    let force = HashSet::new();
    let seg = Segmenter::new(dict(), &force);
    let texts = long_items();
    let all: Vec<u8> = texts.iter().flatten().flat_map(|t| t.bytes()).collect();
    for mode in MODES {
        let whole_tokens = |shared| {
            let mut b = TokenListBuilder::new(SMALL_MAX);
            b.append(cut_tokens(&seg, mode, &texts[..], 0..texts.len(), shared, true).unwrap())
                .unwrap();
            b.finish()
        };
        let mut whole_ends = OffsetListBuilder::new(SMALL_MAX);
        whole_ends
            .append(cut_offsets(&seg, mode, &texts[..], 0..texts.len(), true).unwrap())
            .unwrap();
        let whole_ends = whole_ends.finish();
        for (piece_bytes, group_bytes) in [(1, 1), (16, 8), (40, 200)] {
            let grouping = Grouping {
                rule: mode.split_rule(),
                piece_bytes,
                group_bytes,
                group_texts: 512,
            };
            for shared in [false, true] {
                if shared && !mode.partitions() {
                    continue;
                }
                let builder = TokenListBuilder::new(SMALL_MAX);
                let got = split_cut(&texts, &grouping, builder, |t, ends| {
                    cut_tokens(&seg, mode, t, 0..t.len(), shared, ends).unwrap()
                });
                let want = whole_tokens(shared);
                assert_eq!(got, want, "{mode:?} {piece_bytes} {group_bytes}");
                let bytes = shared.then_some(&all[..]);
                assert_eq!(lists_of(&got, bytes), lists_of(&want, bytes));
            }
            let builder = OffsetListBuilder::new(SMALL_MAX);
            let got = split_cut(&texts, &grouping, builder, |t, ends| {
                cut_offsets(&seg, mode, t, 0..t.len(), ends).unwrap()
            });
            assert_eq!(got, whole_ends, "{mode:?} {piece_bytes} {group_bytes}");
        }
    }
    let lookup = |_: &str| None;
    let pos = PosSegmenter::new(dict(), &lookup);
    for hmm in [true, false] {
        let mut whole = TaggedListBuilder::new(SMALL_MAX);
        whole
            .append(tag(&pos, hmm, &texts[..], 0..texts.len(), false, true).unwrap())
            .unwrap();
        let whole = whole.finish();
        let grouping = Grouping {
            rule: crate::SplitRule::posseg(),
            piece_bytes: 1,
            group_bytes: 1,
            group_texts: 512,
        };
        let builder = TaggedListBuilder::new(SMALL_MAX);
        let got = split_cut(&texts, &grouping, builder, |t, ends| {
            tag(&pos, hmm, t, 0..t.len(), false, ends).unwrap()
        });
        assert_eq!(got, whole, "hmm={hmm}");
    }
}
