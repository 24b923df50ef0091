//! The core against the jieba-rs crate on the same lines, per mode (criterion).
//!
//! Text: the shared corpus (`../shared/corpus` beside the checkout) when present, else the
//! sample shipped with the Python package, repeated.  Both segmenters cut one line per
//! call; zhfast reuses its scratch and token buffers as the bindings do.

use std::collections::HashSet;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use jieba_rs::Jieba;
use zhfast_core::{Dictionary, Mode, Segmenter, Worker};

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
    let seg = Segmenter::new(&dict, &force);
    let jieba = Jieba::new();
    let mut worker = Worker::new();

    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    for (name, mode) in [
        ("hmm", Mode::Default),
        ("no_hmm", Mode::NoHmm),
        ("cut_all", Mode::All),
    ] {
        group.bench_function(BenchmarkId::new("zhfast", name), |b| {
            b.iter(|| {
                let mut n = 0;
                for line in &lines {
                    n += worker.cut(&seg, line, mode).unwrap().len();
                }
                n
            })
        });
        group.bench_function(BenchmarkId::new("jieba-rs", name), |b| {
            b.iter(|| {
                let mut n = 0;
                for line in &lines {
                    n += match mode {
                        Mode::NoHmm => jieba.cut(line, false).len(),
                        Mode::All => jieba.cut_all(line).len(),
                        _ => jieba.cut(line, true).len(),
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
                n += worker.cut(&seg, line, Mode::Search).unwrap().len();
            }
            n
        })
    });
    group.bench_function(BenchmarkId::new("jieba-rs", "search"), |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| jieba.cut_for_search(l, true).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
