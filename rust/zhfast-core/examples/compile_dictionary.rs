//! Compiles a dictionary file in jieba's text format into the binary form the
//! compiled-dictionary cache stores (seeds for the `compiled_blob` fuzz target, or a
//! blob to inspect).
//! Usage: cargo run --example compile_dictionary -- IN.txt OUT.bin
use zhfast_core::Dictionary;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, output] = args.as_slice() else {
        eprintln!("usage: compile_dictionary IN.txt OUT.bin");
        std::process::exit(2);
    };
    let data = std::fs::read(input).expect("read IN.txt");
    let blob = Dictionary::compile(&data, input).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(1);
    });
    std::fs::write(output, blob).expect("write OUT.bin");
}
