//! The stream pipeline writes what cutting each line on its own gives, for every block
//! size (down to one byte, so that units and split lines end everywhere), thread count
//! and kind of line end; stops on request with the output on a whole line; and holds
//! a bounded amount of input however long the line.

use std::collections::HashSet;
use std::io::{self, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use zhfast_core::stream::{cut_stream, Cutter, Format, Newlines, Options, StreamError};
use zhfast_core::{Dictionary, Mode, PosSegmenter, Segmenter, Worker};

const INPUT: &str = "我来到北京清华大学\r\n他来到了网易杭研大厦\r小明硕士毕业于中国科学院计算所  后在日本京都大学深造\n\n \
                     3.14%abc\t李小福是创新办主任\r\r\n\u{3000}韩玉赏鉴\n\r\n最后一行没有换行\r";

/// Lines as Python reads them, each with its trailing `\r`s stripped (`Lf`).
fn python_lines(text: &str, newlines: Newlines) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = match newlines {
            Newlines::Universal => rest.find(['\r', '\n']),
            Newlines::Lf => rest.find('\n'),
        };
        let (line, next) = match end {
            Some(i) if rest[i..].starts_with("\r\n") => (&rest[..i], &rest[i + 2..]),
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        out.push(match newlines {
            Newlines::Universal => line,
            Newlines::Lf => line.trim_end_matches('\r'),
        });
        rest = next;
    }
    out
}

fn expected(seg: &Segmenter<'_>, text: &str, newlines: Newlines, mode: Mode) -> String {
    let mut worker = Worker::new();
    let mut out = String::new();
    for line in python_lines(text, newlines) {
        let tokens: Vec<&str> = worker.cut(seg, line, mode).unwrap().iter(line).collect();
        out.push_str(&tokens.join(" / "));
        out.push('\n');
    }
    out
}

fn run(cutter: Cutter<'_>, text: &str, options: &Options) -> Result<String, StreamError<()>> {
    let mut out = Vec::new();
    cut_stream(cutter, text.as_bytes(), &mut out, options, |_| Ok(()))?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn output_is_each_line_cut_on_its_own() {
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let long = format!("{}\n{}", "北京大学，".repeat(300), "中文 ".repeat(200));
    for text in [INPUT, long.as_str(), "", "\n", "\r", "a"] {
        for newlines in [Newlines::Universal, Newlines::Lf] {
            for mode in [Mode::Default, Mode::All, Mode::NoHmm, Mode::Search] {
                let want = expected(&seg, text, newlines, mode);
                for block_bytes in [1, 2, 3, 7, 64, 1 << 20] {
                    for threads in [1, 2, 4] {
                        let options = Options {
                            newlines,
                            threads,
                            block_bytes,
                            ..Options::default()
                        };
                        let got = run(Cutter::Words(seg, mode), text, &options).unwrap();
                        assert_eq!(got, want, "{newlines:?} {mode:?} block {block_bytes}");
                    }
                }
            }
        }
    }
}

#[test]
fn tags_and_json_lines() {
    let dict = Dictionary::jieba_default();
    let no_tags = |_: &str| -> Option<&str> { None };
    let seg = PosSegmenter::new(&dict, &no_tags);
    let text = "我来到北京\n\n清华大学";
    let options = Options {
        block_bytes: 4,
        tag_delimiter: "/".into(),
        ..Options::default()
    };
    let got = run(Cutter::Tags(seg, true), text, &options).unwrap();
    assert_eq!(got, "我/r / 来到/v / 北京/ns\n\n清华大学/nt\n");
    let json = Options {
        format: Format::Jsonl,
        ..options
    };
    let got = run(Cutter::Tags(seg, true), text, &json).unwrap();
    assert_eq!(
        got,
        "[[\"我\",\"r\"],[\"来到\",\"v\"],[\"北京\",\"ns\"]]\n[]\n[[\"清华大学\",\"nt\"]]\n"
    );
}

#[test]
fn bad_utf8_is_reported_with_its_offset() {
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let mut input = "北京\n".repeat(10).into_bytes();
    input.extend_from_slice(b"ab\xffcd\n");
    let mut out = Vec::new();
    let options = Options {
        block_bytes: 8,
        threads: 2,
        ..Options::default()
    };
    let err = cut_stream(
        Cutter::Words(seg, Mode::Default),
        &input[..],
        &mut out,
        &options,
        |_| Ok::<(), ()>(()),
    )
    .unwrap_err();
    match err {
        StreamError::Decode {
            offset,
            bytes,
            start,
            end,
        } => {
            assert_eq!(offset, 72);
            assert_eq!(&bytes[start..end], b"\xff");
        }
        other => panic!("{other:?}"),
    }
    // The lines before the bad one were written.
    assert_eq!(String::from_utf8(out).unwrap(), "北京\n".repeat(10));
}

/// An endless line of text, counting what was read.
struct Endless {
    read: Arc<AtomicU64>,
    limit: u64,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let pattern = "我来到北京清华大学，".as_bytes();
        let done = self.read.load(Ordering::Relaxed);
        if done >= self.limit {
            return Ok(0);
        }
        let n = buf.len().min(4096);
        for (i, b) in buf[..n].iter_mut().enumerate() {
            *b = pattern[(done as usize + i) % pattern.len()];
        }
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[test]
fn one_long_line_streams_in_bounded_memory_and_stops_on_request() {
    let dict = Dictionary::jieba_default();
    let force = HashSet::new();
    let seg = Segmenter::new(&dict, &force);
    let block_bytes = 16 << 10;
    let read = Arc::new(AtomicU64::new(0));
    let source = Endless {
        read: read.clone(),
        limit: u64::MAX,
    };
    let options = Options {
        block_bytes,
        threads: 2,
        ..Options::default()
    };
    let mut max_ahead = 0;
    let mut ticks = 0;
    let mut out = Vec::new();
    let result = cut_stream(
        Cutter::Words(seg, Mode::Default),
        source,
        &mut out,
        &options,
        |done| {
            max_ahead = max_ahead.max(read.load(Ordering::Relaxed) - done);
            ticks += 1;
            if ticks == 3 {
                Err("interrupted")
            } else {
                Ok(())
            }
        },
    );
    assert!(matches!(result, Err(StreamError::Stopped("interrupted"))));
    // What was read but not written stays within a few blocks per thread.
    assert!(max_ahead <= 10 * block_bytes as u64, "{max_ahead}");
    // The output is one line, cut off at a token and ended.
    let out = String::from_utf8(out).unwrap();
    assert!(out.ends_with('\n') && out.matches('\n').count() == 1);
    assert!(out.starts_with("我 / 来到 / 北京 / 清华大学 / ，"));
    assert!(
        out.trim_end().ends_with(['，', '学']),
        "{}",
        &out[out.len() - 20..]
    );
}
