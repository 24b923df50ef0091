//! Times compiling a dictionary in jieba's text format (what a custom dictionary costs
//! before caching), and loading the compiled form back from a mapped file (what a
//! cached load costs): jieba's bundled dictionary, or the file given.
//! Usage: cargo run --release --example compile_time -- [FILE] [ROUNDS]
use zhfast_core::{CompiledDictionary, DictBytes, Dictionary};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = match args.get(1) {
        Some(path) => std::fs::read(path).expect("read FILE"),
        None => zhfast_core::JIEBA_DICT.to_vec(),
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let blob_path = std::env::temp_dir().join(format!("compile_time-{}.bin", std::process::id()));
    for _ in 0..rounds {
        let t = std::time::Instant::now();
        let compiled = CompiledDictionary::from_jieba_text(&data, "dict.txt").unwrap();
        let compile_s = t.elapsed().as_secs_f64();
        let file = std::fs::File::create(&blob_path).unwrap();
        compiled.write_to(std::io::BufWriter::new(file)).unwrap();
        let words = compiled.into_dictionary().len();
        let t = std::time::Instant::now();
        let digest = zhfast_core::source_digest(&data);
        let loaded =
            Dictionary::from_dict_bytes(DictBytes::map(&blob_path).unwrap(), Some(&digest))
                .unwrap();
        println!(
            "{words} words: compiled in {:.0} ms; {} bytes compiled, mapped and verified in {:.1} ms",
            compile_s * 1e3,
            std::fs::metadata(&blob_path).unwrap().len(),
            t.elapsed().as_secs_f64() * 1e3
        );
        assert_eq!(loaded.len(), words);
    }
    let _ = std::fs::remove_file(&blob_path);
}
