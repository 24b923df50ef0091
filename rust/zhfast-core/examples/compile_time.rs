//! Times compiling jieba's dictionary text (what a custom dictionary costs before caching).
fn main() {
    let data = zhfast_core::JIEBA_DICT;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let d = zhfast_core::Dictionary::from_jieba_text(data, "dict.txt").unwrap();
        println!(
            "{} words in {:.0} ms",
            d.len(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
