#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 60), one after another,
# with libFuzzer (cargo fuzz), from a corpus seeded with real text:
#
#   scripts/fuzz.sh 600          # ten minutes per target
#   TARGETS="cut edits" scripts/fuzz.sh 60
#
# Needs `cargo install cargo-fuzz` and a nightly toolchain (or, without one, stable with
# RUSTC_BOOTSTRAP=1, which this script sets).  The corpora grow in fuzz/corpus/<target>
# (kept between runs, not in git); a failing input is written to
# fuzz/artifacts/<target>/.  Minimise it with `cargo fuzz tmin <target> <file>` and add
# it to rust/zhfast-core/tests/fuzz_regressions.rs.  Exits non-zero if any target failed.
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
            python3 - "$dir" <<'PY' || printf 'ZHFAST' > "$dir/magic"
import sys
from zhfast import _core
for name in ("small_dict", "userdict"):
    with open("../tests/data/%s.txt" % name, "rb") as f:
        data = f.read()
    with open("%s/%s" % (sys.argv[1], name), "wb") as out:
        out.write(_core.CoreTokenizer.compile_dictionary(data, name))
PY
            ;;
    esac
}

"${fuzz[@]}" build -O || exit 2
failed=()
for target in $targets; do
    seed "$target"
    echo "== $target: ${seconds}s"
    if ! "${fuzz[@]}" run -O "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=4096 -timeout=20 -rss_limit_mb=3072 \
        -print_final_stats=1 2>&1 | tail -n 25; then
        failed+=("$target")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "no failure in ${targets}"
