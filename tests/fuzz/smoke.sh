#!/usr/bin/env bash
# A bounded fuzzing smoke: seeds the corpora from the project's files, builds the four
# cargo-fuzz targets and runs each for PUTOKAZ_FUZZ_SECONDS (default 15) seconds, failing
# on any crash, panic, leak, timeout or out-of-memory. The last line is
#
#   fuzz: N passed, M failed          (N, M: targets)
#
# Needs the nightly toolchain (cargo-fuzz builds with sanitizers): without it the script
# says "skipped: no nightly toolchain" and exits 0. cargo-fuzz itself (pinned below) is
# installed with `cargo install --locked` when missing. Long campaigns: tests/FUZZING.md.
#
#   bash tests/fuzz/smoke.sh [TARGET...]        (default: all four)
#
# Everything built or found stays under tests/fuzz/ (target/, corpus/, artifacts/), which
# git ignores. A crash leaves its input in tests/fuzz/artifacts/TARGET/.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
CARGO_FUZZ_VERSION=0.13.2
seconds="${PUTOKAZ_FUZZ_SECONDS:-15}"
fuzz_dir=tests/fuzz
logs="$fuzz_dir/target/smoke"
ALL_TARGETS=(fuzz_pack fuzz_condition fuzz_case fuzz_c_json)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${ALL_TARGETS[@]}"); fi

passed=0
failed=0
finish() {
    echo
    echo "fuzz: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}
fail_all() {
    echo "FAIL $*"
    failed=$((failed + ${#targets[@]}))
    finish
}

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly' || ! cargo +nightly --version >/dev/null 2>&1; then
    echo "skipped: no nightly toolchain (cargo-fuzz needs one; see tests/FUZZING.md)"
    echo
    echo "fuzz: 0 passed, 0 failed, ${#targets[@]} skipped"
    exit 0
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo install --locked)"
    cargo install cargo-fuzz --locked --version "$CARGO_FUZZ_VERSION" --quiet || fail_all "cargo install cargo-fuzz"
fi
echo "$(cargo +nightly --version); $(cargo fuzz --version)"

mkdir -p "$logs"
python3 "$fuzz_dir/make_seeds.py" "$fuzz_dir/corpus" || fail_all "tests/fuzz/make_seeds.py"

# The pure-Rust targets run without a sanitizer (the engine forbids unsafe code; under
# AddressSanitizer they ran about nine times slower) but with debug assertions and
# overflow checks; fuzz_c_json, which goes through raw pointers, keeps AddressSanitizer.
echo "building the targets (cargo +nightly fuzz build; the first builds take a few minutes)"
if ! cargo +nightly fuzz build --fuzz-dir "$fuzz_dir" -s none -a --target-dir "$fuzz_dir/target/nosan" \
    >"$logs/build.log" 2>&1 ||
    ! cargo +nightly fuzz build --fuzz-dir "$fuzz_dir" fuzz_c_json >>"$logs/build.log" 2>&1; then
    tail -n 40 "$logs/build.log"
    fail_all "cargo +nightly fuzz build"
fi
triple="$(rustc +nightly -vV | sed -n 's/^host: //p')"

for target in "${targets[@]}"; do
    log="$logs/$target.log"
    mkdir -p "$fuzz_dir/artifacts/$target"
    # -timeout: one input taking 10 s is a hang; -rss_limit_mb: more than 2 GB is a leak or
    # a blow-up; -dict: the words make_seeds.py collected. New inputs that add coverage go
    # into corpus/TARGET.
    dict=()
    [ -f "$fuzz_dir/corpus/$target.dict" ] && dict=(-dict="$fuzz_dir/corpus/$target.dict")
    binary="$fuzz_dir/target/nosan/$triple/release/$target"
    [ "$target" = fuzz_c_json ] && binary="$fuzz_dir/target/$triple/release/$target"
    "$binary" ${dict[@]+"${dict[@]}"} -artifact_prefix="$fuzz_dir/artifacts/$target/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        "$fuzz_dir/corpus/$target" >"$log" 2>&1
    rc=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    cov="$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -n 1)"
    if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
        passed=$((passed + 1))
        printf 'ok   %-15s %s runs in %s s (%s/s), %s\n' "$target" "$runs" "$seconds" "${speed:-?}" "${cov:-?}"
    else
        failed=$((failed + 1))
        printf 'FAIL %-15s exit %s after %s runs; the log: %s\n' "$target" "$rc" "${runs:-?}" "$log"
        grep -E 'panicked at|ERROR: |SUMMARY: |^Failing input|Reproduce with|crash-|leak-|timeout-|oom-' "$log" |
            head -n 20 | sed 's/^/  /'
        echo "  Minimise, turn into a regression test and fix: tests/FUZZING.md"
    fi
done
finish
