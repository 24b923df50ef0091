//! jieba's documented example sentences (and a few edge cases), with the tokens jieba
//! 0.42.1 gives in every mode, recorded in `jieba_examples.json`.

use std::collections::HashSet;

use serde_json::Value;
use zhfast_core::{Dictionary, Mode, Segmenter, Worker, NO_WORD};

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_mode_matches_jieba() {
    let cases: Value = serde_json::from_str(include_str!("jieba_examples.json")).unwrap();
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let mut worker = Worker::new();
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 8);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        let mut run = |mode: Mode| {
            let out = worker.cut(&seg, text, mode).unwrap();
            // A token carrying a word id is that dictionary word.
            for (i, &id) in out.ids.iter().enumerate() {
                if id != NO_WORD {
                    assert_eq!(dict.base_word(id), out.get(text, i));
                }
            }
            out.iter(text).map(str::to_string).collect::<Vec<_>>()
        };
        assert_eq!(run(Mode::Default), strings(&case["hmm"]), "{text}");
        assert_eq!(run(Mode::NoHmm), strings(&case["no_hmm"]), "{text}");
        assert_eq!(run(Mode::All), strings(&case["all"]), "{text}");
        assert_eq!(run(Mode::Search), strings(&case["search"]), "{text}");
        assert_eq!(
            run(Mode::SearchNoHmm),
            strings(&case["search_no_hmm"]),
            "{text}"
        );
    }
}
