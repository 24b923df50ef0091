//! Cuts a file's lines into columns (`batch::columns`), as the Arrow calls do on one
//! thread, for profilers (callgrind: compare with `profile_cut` on the same file).
//! Usage: cargo run --profile fastrel --example profile_columns -- FILE [tokens|offsets|tagged] [ROUNDS]

use std::collections::HashSet;

use zhfast_core::batch::columns::{
    cut_offsets, cut_tokens, tag, Join, OffsetListBuilder, TaggedListBuilder, TokenListBuilder,
    SMALL_MAX,
};
use zhfast_core::batch::in_order::groups;
use zhfast_core::{Dictionary, Mode, PosSegmenter, Segmenter};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read FILE");
    let what = args.get(2).map_or("offsets", String::as_str);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let lines: Vec<Option<&str>> = text.lines().map(Some).collect();
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let lookup = |_: &str| None;
    let pos = PosSegmenter::new(&dict, &lookup);
    let groups = groups(lines.iter().map(|l| l.map_or(0, str::len)), 16 << 10, 512);
    let start = std::time::Instant::now();
    let mut values = 0;
    for _ in 0..rounds {
        values += match what {
            "tokens" => {
                let mut b = TokenListBuilder::new(SMALL_MAX);
                for g in &groups {
                    b.append(cut_tokens(&seg, Mode::Default, &lines[..], g.clone(), true).unwrap())
                        .unwrap();
                }
                b.finish().tokens.offsets.values()
            }
            "tagged" => {
                let mut b = TaggedListBuilder::new(SMALL_MAX);
                for g in &groups {
                    b.append(tag(&pos, true, &lines[..], g.clone(), true).unwrap())
                        .unwrap();
                }
                b.finish().words.offsets.values()
            }
            _ => {
                let mut b = OffsetListBuilder::new(SMALL_MAX);
                for g in &groups {
                    b.append(cut_offsets(&seg, Mode::Default, &lines[..], g.clone()).unwrap())
                        .unwrap();
                }
                b.finish().ends.len()
            }
        };
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{values} values, {:.1} MB/s",
        (text.len() * rounds) as f64 / secs / 1e6
    );
}
