//! Streams a file through the pipeline (`zhfast_core::stream`) into nothing, for
//! profilers and for the cost of the pipeline beside the cut alone.
//! Usage: cargo run --release --example profile_stream -- FILE [THREADS] [ROUNDS] [cut]
//! (`cut`: only cut the file's lines on this thread, for comparison).

use std::collections::HashSet;

use zhfast_core::stream::{cut_stream, Cutter, Options};
use zhfast_core::{Dictionary, Mode, Segmenter, Worker};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = std::fs::read(&args[1]).expect("read FILE");
    let threads: usize = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(1);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(3);
    let cut_only = args.get(4).is_some_and(|a| a == "cut");
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let start = std::time::Instant::now();
    let mut out_bytes = 0;
    for _ in 0..rounds {
        if cut_only {
            let text = std::str::from_utf8(&data).expect("UTF-8");
            let mut worker = Worker::new();
            for line in text.lines() {
                out_bytes += worker.cut(&seg, line, Mode::Default).unwrap().len();
            }
            continue;
        }
        let options = Options {
            threads,
            ..Options::default()
        };
        let summary = cut_stream(
            Cutter::Words(seg, Mode::Default),
            &data[..],
            std::io::sink(),
            &options,
            |_| Ok::<(), ()>(()),
        )
        .expect("stream");
        out_bytes += summary.bytes_written as usize;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{out_bytes} (bytes or tokens) out, {:.1} MB/s",
        (data.len() * rounds) as f64 / secs / 1e6
    );
}
