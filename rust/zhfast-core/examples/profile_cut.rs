//! Cuts a file line by line many times, for profilers (`perf record`, callgrind).
//! Usage: cargo run --release --example profile_cut -- FILE [hmm|nohmm|all|search] [ROUNDS]
//! With `ZHFAST_DICT=PATH`, a dictionary compiled from that file in jieba's format
//! replaces the bundled one (to profile the layout of dictionaries compiled at run time).

use std::collections::HashSet;

use zhfast_core::{Dictionary, Mode, Segmenter, Worker};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read FILE");
    let mode = args.get(2).map_or("hmm", String::as_str);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let dict = match std::env::var_os("ZHFAST_DICT") {
        Some(path) => {
            Dictionary::from_jieba_text(&std::fs::read(path).expect("read ZHFAST_DICT"), "dict")
                .expect("ZHFAST_DICT compiles")
        }
        None => Dictionary::jieba_default(),
    };
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let mut worker = Worker::new();
    if let Some(peer_mode) = mode.strip_prefix("jieba-rs-") {
        // The jieba-rs crate on the same lines, for a quick comparison (criterion has the real one).
        let jieba = jieba_rs::Jieba::new();
        let start = std::time::Instant::now();
        let mut tokens = 0;
        for _ in 0..rounds {
            for line in text.lines() {
                tokens += match peer_mode {
                    "nohmm" => jieba.cut(line, false).len(),
                    "all" => jieba.cut_all(line).len(),
                    "search" => jieba.cut_for_search(line, true).len(),
                    _ => jieba.cut(line, true).len(),
                };
            }
        }
        let secs = start.elapsed().as_secs_f64();
        println!(
            "jieba-rs: {tokens} tokens, {:.1} MB/s",
            (text.len() * rounds) as f64 / secs / 1e6
        );
        return;
    }
    let start = std::time::Instant::now();
    let mut tokens = 0;
    for _ in 0..rounds {
        for line in text.lines() {
            let mode = match mode {
                "nohmm" => Mode::NoHmm,
                "all" => Mode::All,
                "search" => Mode::Search,
                _ => Mode::Default,
            };
            tokens += worker.cut(&seg, line, mode).unwrap().len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{tokens} tokens, {:.1} MB/s",
        (text.len() * rounds) as f64 / secs / 1e6
    );
}
