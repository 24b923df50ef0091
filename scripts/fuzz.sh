#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 60), one after another,
# with libFuzzer (cargo fuzz), from a corpus seeded with real text:
#
#   scripts/fuzz.sh 600          # ten minutes per target
#   TARGETS="cut edits" scripts/fuzz.sh 60
#
# Needs `cargo install cargo-fuzz` and a nightly toolchain (or, without one, stable with
# RUSTC_BOOTSTRAP=1, which this script sets).  The corpora grow in fuzz/corpus/<target>
# (kept between runs, not in git), each run's full libFuzzer log in fuzz/logs/; a
# failing input is written to fuzz/artifacts/<target>/.  Minimise it with
# `cargo fuzz tmin <target> <file>` and add it to
# rust/zhfast-core/tests/fuzz_regressions.rs.  Exits non-zero if any target failed.
# Two runs with different TARGETS may go side by side (each target has its own log).
set -uo pipefail

seconds=${1:-60}
cd "$(dirname "$0")/../fuzz"
targets=${TARGETS:-"cut dictionary_text compiled_blob edits"}
corpus_src=${ZHFAST_CORPUS_DIR:-../../shared/corpus}

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    fuzz=(cargo +nightly fuzz)
else
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
fi

# Seeds: lines of the shared corpus for the cut; dictionary lines (bundled and user
# dictionaries) for the text parser; compiled dictionaries for the blob loader.
seed() {
    local target=$1 dir=corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    case $target in
        cut)
            for f in "$corpus_src"/*.utf8 "$corpus_src"/*.txt; do
                [ -f "$f" ] || continue
                head -n 300 "$f" | split -l 3 -a 4 - "$dir/$(basename "$f")-"
            done
            printf '3.14 12.5%% C++ c# T恤\r\n\t中\xe3\x80\x80x' > "$dir/mixed" ;;
        dictionary_text | edits)
            head -c 4000 ../tests/data/userdict.txt > "$dir/userdict"
            head -c 4000 ../tests/data/small_dict.txt > "$dir/small_dict"
            printf '北京 3 ns\n北京大学 5 nt\n大学 0\n' > "$dir/tiny" ;;
        compiled_blob)
            # Blobs of the current format (an old corpus would only test the version
            # check).  A blob's code table spans the characters up to its largest, so
            # an ASCII dictionary gives a blob of a few hundred bytes, a Chinese one
            # about 150 kB (hence this target's larger -max_len).
            printf 'a 3 n\nab 5 nt\nabc 0\nb 2 x\nba 1\n' > "$dir/ascii.txt"
            printf '北京 3 ns\n北京大学 5 nt\n大学 0\n' > "$dir/tiny.txt"
            head -n 40 ../tests/data/small_dict.txt > "$dir/small_dict.txt"
            for name in ascii tiny small_dict; do
                cargo run -q --manifest-path ../Cargo.toml -p zhfast-core \
                    --example compile_dictionary -- "$dir/$name.txt" "$dir/$name.bin"
                rm "$dir/$name.txt"
            done ;;
    esac
}

"${fuzz[@]}" build -O || exit 2
mkdir -p logs
failed=()
for target in $targets; do
    seed "$target"
    echo "== $target: ${seconds}s"
    max_len=4096
    [ "$target" = compiled_blob ] && max_len=200000
    log=logs/$target.log
    if ! "${fuzz[@]}" run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=3072 \
        -print_final_stats=1 > "$log" 2>&1; then
        failed+=("$target")
    fi
    # The last status line (executions, coverage, corpus size, exec/s), the final
    # statistics, and where a failing input went.
    grep -E '^#[0-9]+' "$log" | tail -n 1
    grep -E '^(stat::|Done )|panicked at|SUMMARY|written to|Test unit' "$log"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "no failure in ${targets}"
