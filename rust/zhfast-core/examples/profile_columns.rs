//! Cuts a file's lines into columns (`batch::columns`), as the Arrow calls do on one
//! thread, for profilers (callgrind: compare with `profile_cut` on the same file).  With
//! `whole`, the file is one item, split into pieces as the Arrow calls split long items.
//! Usage: cargo run --profile fastrel --example profile_columns -- FILE [tokens|offsets|tagged] [ROUNDS] [lines|whole]

use std::collections::HashSet;

use zhfast_core::batch::columns::{
    cut_offsets, cut_tokens, group_spans, tag, Grouping, Join, OffsetListBuilder, Span,
    TaggedListBuilder, TokenListBuilder, SMALL_MAX,
};
use zhfast_core::batch::pieces::PIECE_BYTES;
use zhfast_core::{Dictionary, Mode, PosSegmenter, Segmenter, SplitRule};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).expect("read FILE");
    let what = args.get(2).map_or("offsets", String::as_str);
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let items: Vec<Option<&str>> = match args.get(4).map(String::as_str) {
        Some("whole") => vec![Some(text.as_str())],
        _ => text.lines().map(Some).collect(),
    };
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let lookup = |_: &str| None;
    let pos = PosSegmenter::new(&dict, &lookup);
    let rule = if what == "tagged" {
        SplitRule::posseg()
    } else {
        Mode::Default.split_rule()
    };
    let grouping = Grouping {
        rule,
        piece_bytes: PIECE_BYTES,
        group_bytes: 16 << 10,
        group_texts: 512,
    };
    let start = std::time::Instant::now();
    let mut values = 0;
    for _ in 0..rounds {
        // Planned every round, as every call plans its column.
        let sizes: Vec<usize> = items.iter().map(|l| l.map_or(0, str::len)).collect();
        let spans: Vec<Span> = group_spans(&sizes, |i| Ok::<_, ()>(items[i]), &grouping).unwrap();
        values += match what {
            "tokens" => {
                let mut b = TokenListBuilder::new(SMALL_MAX);
                for s in &spans {
                    let t = s.texts(&items[..]);
                    let part =
                        cut_tokens(&seg, Mode::Default, &t[..], 0..t.len(), true, s.ends_item());
                    b.append(part.unwrap()).unwrap();
                }
                b.finish().tokens.offsets.values()
            }
            "tagged" => {
                let mut b = TaggedListBuilder::new(SMALL_MAX);
                for s in &spans {
                    let t = s.texts(&items[..]);
                    let part = tag(&pos, true, &t[..], 0..t.len(), true, s.ends_item());
                    b.append(part.unwrap()).unwrap();
                }
                b.finish().words.offsets.values()
            }
            _ => {
                let mut b = OffsetListBuilder::new(SMALL_MAX);
                for s in &spans {
                    let t = s.texts(&items[..]);
                    let part = cut_offsets(&seg, Mode::Default, &t[..], 0..t.len(), s.ends_item());
                    b.append(part.unwrap()).unwrap();
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
