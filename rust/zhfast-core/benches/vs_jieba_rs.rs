//! The core against the jieba-rs crate on the same lines, per mode (criterion).
//!
//! Text: the shared corpus (`../shared/corpus` beside the checkout) when present, else the
//! sample shipped with the Python package, repeated.  Both segmenters cut one line per
//! call; zhfast reuses its scratch and token buffers as the bindings do.

use std::collections::HashSet;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jieba_rs::Jieba;
use zhfast_core::{CutMode, Dictionary, HmmModel, Scratch, Segmenter, Tokens};

fn corpus_lines() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let mut lines = Vec::new();
    for name in ["pku_test.utf8", "msr_test.utf8", "weicheng.txt"] {
        if let Ok(text) = std::fs::read_to_string(root.join("shared/corpus").join(name)) {
            lines.extend(text.lines().map(str::to_string));
        }
    }
    if lines.is_empty() {
        let sample = include_str!("../../../python/zhfast/sample.txt");
        for _ in 0..500 {
            lines.extend(sample.lines().map(str::to_string));
        }
    }
    lines
}

fn bench(c: &mut Criterion) {
    let lines = corpus_lines();
    let bytes: usize = lines.iter().map(String::len).sum();
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter { dict: &dict, hmm: HmmModel::jieba_finalseg(), force_split: &force };
    let jieba = Jieba::new();
    let mut scratch = Scratch::default();
    let mut out = Tokens::default();

    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, mode) in [("hmm", CutMode::Hmm), ("no_hmm", CutMode::NoHmm), ("cut_all", CutMode::All)] {
        group.bench_function(BenchmarkId::new("zhfast", name), |b| {
            b.iter(|| {
                let mut n = 0;
                for line in &lines {
                    out.clear();
                    seg.cut(line, mode, &mut scratch, &mut out).unwrap();
                    n += out.len();
                }
                n
            })
        });
        group.bench_function(BenchmarkId::new("jieba-rs", name), |b| {
            b.iter(|| {
                let mut n = 0;
                for line in &lines {
                    n += match mode {
                        CutMode::Hmm => jieba.cut(line, true).len(),
                        CutMode::NoHmm => jieba.cut(line, false).len(),
                        CutMode::All => jieba.cut_all(line).len(),
                    };
                }
                n
            })
        });
    }
    group.bench_function(BenchmarkId::new("zhfast", "search"), |b| {
        b.iter(|| {
            let mut n = 0;
            for line in &lines {
                out.clear();
                seg.cut_for_search(line, true, &mut scratch, &mut out).unwrap();
                n += out.len();
            }
            n
        })
    });
    group.bench_function(BenchmarkId::new("jieba-rs", "search"), |b| {
        b.iter(|| lines.iter().map(|l| jieba.cut_for_search(l, true).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
