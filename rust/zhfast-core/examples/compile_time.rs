//! Times compiling a dictionary in jieba's text format (what a custom dictionary costs
//! before caching): jieba's bundled dictionary, or the file given.
//! Usage: cargo run --release --example compile_time -- [FILE] [ROUNDS]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = match args.get(1) {
        Some(path) => std::fs::read(path).expect("read FILE"),
        None => zhfast_core::JIEBA_DICT.to_vec(),
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        let blob = zhfast_core::Dictionary::compile(&data, "dict.txt").unwrap();
        if let Ok(out) = std::env::var("BLOB_OUT") {
            std::fs::write(out, &blob).unwrap();
        }
        let compiled = t.elapsed().as_secs_f64();
        let d = zhfast_core::Dictionary::from_compiled(&blob).unwrap();
        println!(
            "{} words: compiled in {:.0} ms ({} bytes), loaded in {:.0} ms",
            d.len(),
            compiled * 1e3,
            blob.len(),
            (t.elapsed().as_secs_f64() - compiled) * 1e3
        );
    }
}
