#!/usr/bin/env bash
# The C suite: builds the library, turns the conformance vectors (tests/vectors) and the
# malformed-input catalogue (tests/malformed) into line-based fixtures for C
# (tests/c/make_fixtures.py, python3), compiles the tests written in C against both
# libputokaz.a and libputokaz.so, runs them, runs them again under valgrind (and under
# AddressSanitizer where gcc has it), compiles the header as C++, installs into a
# scratch prefix and builds the example with pkg-config, and checks the committed
# header against a fresh cbindgen run. Exits non-zero on any failure; the last line is
#
#   c: N passed, M failed
#
# Needs Rust, gcc/g++, valgrind, pkg-config and python3; cbindgen (pinned) is installed by
# tests/c/gen_header.sh if missing. Set PUTOKAZ_C_ASAN=0 to skip the sanitizer build.
# Everything built goes under target/c-tests.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
lib="$target/release"
out="$target/c-tests"
rm -rf "$out"
mkdir -p "$out"

passed=0
failed=0
CFLAGS=(-std=c99 -Wall -Wextra -Werror -pedantic -g -Iinclude)
# What the Rust standard library inside libputokaz.a needs from the system.
STATIC_LIBS=(-pthread -ldl -lm -lrt -lutil)

step() { printf '\n== %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$*"; }

# Runs a test binary; adds its per-test counts ("tests: N passed, M failed") to ours.
# A binary that ends without its closing line counts as one failure.
run_suite() {
    local label="$1"
    shift
    local log="$out/$label.log"
    "$@" >"$log" 2>&1
    local rc=$?
    sed 's/^/  /' "$log"
    local line
    line="$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)"
    if [ -z "$line" ]; then
        fail "$label: ended without a result (exit $rc)"
        return
    fi
    local p f
    p="$(echo "$line" | sed -E 's/^tests: ([0-9]+) passed.*/\1/')"
    f="$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        fail "$label: exit $rc with no failed test (see $log)"
    fi
}

step "build the library (cargo build --release -p libputokaz)"
if ! cargo build --release --quiet -p libputokaz; then
    fail "cargo build --release -p libputokaz"
    echo
    echo "c: $passed passed, $failed failed"
    exit 1
fi
pass "libputokaz.a and libputokaz.so built"

step "header drift (tests/c/check_header.sh)"
if bash tests/c/check_header.sh; then pass "include/putokaz.h matches a fresh cbindgen run"; else fail "include/putokaz.h drifted"; fi

TEST_SOURCES=(tests/c/harness.c tests/c/test_basics.c tests/c/test_protocol.c tests/c/test_json.c
    tests/c/test_case.c tests/c/test_assessment.c tests/c/test_lean.c tests/c/test_threads.c tests/c/fixture.c
    tests/c/test_vectors.c tests/c/test_malformed.c tests/c/test_misuse.c tests/c/test_vocabulary.c)

step "fixtures from the conformance vectors and the malformed catalogue (tests/c/make_fixtures.py)"
# C has no JSON library: the vectors and the catalogue become line-based fixtures that
# test_vectors.c and test_malformed.c read from PUTOKAZ_C_FIXTURES.
export PUTOKAZ_C_FIXTURES="$out/fixtures"
if python3 tests/c/make_fixtures.py "$PUTOKAZ_C_FIXTURES"; then
    pass "fixtures written"
else
    fail "tests/c/make_fixtures.py"
fi

step "compile the C tests (-std=c99 -Wall -Wextra -Werror -pedantic)"
if gcc "${CFLAGS[@]}" -o "$out/test_static" "${TEST_SOURCES[@]}" "$lib/libputokaz.a" "${STATIC_LIBS[@]}"; then
    pass "tests linked against libputokaz.a"
else
    fail "tests linked against libputokaz.a"
fi
if gcc "${CFLAGS[@]}" -o "$out/test_shared" "${TEST_SOURCES[@]}" -L"$lib" -lputokaz -pthread -Wl,-rpath,"$lib"; then
    pass "tests linked against libputokaz.so"
else
    fail "tests linked against libputokaz.so"
fi
# ldd's output is read whole before grep: with pipefail, `ldd | grep -q` fails at random
# when grep exits on the first match and ldd is killed by SIGPIPE.
if [ -x "$out/test_shared" ] && grep -q "libputokaz.so" <<<"$(ldd "$out/test_shared")"; then
    pass "the shared build loads libputokaz.so"
else
    fail "the shared build does not load libputokaz.so"
fi
if [ -x "$out/test_static" ] && ! grep -q "libputokaz" <<<"$(ldd "$out/test_static")"; then
    pass "the static build does not need libputokaz.so"
else
    fail "the static build depends on libputokaz.so"
fi

step "run the C tests (static)"
[ -x "$out/test_static" ] && run_suite static "$out/test_static" "$root"
step "run the C tests (shared)"
[ -x "$out/test_shared" ] && run_suite shared "$out/test_shared" "$root"

step "the C tests under valgrind (shared and static builds)"
# The strict leak check: every kind of leak is an error, reachable memory included, but
# for what bindings/c/valgrind.supp names (the engine's phrase tables, kept on purpose).
# The programs call putokaz_global_cleanup() before they end.
VALGRIND=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
    --suppressions=bindings/c/valgrind.supp)
if command -v valgrind >/dev/null 2>&1; then
    for build in shared static; do
        [ -x "$out/test_$build" ] || continue
        "${VALGRIND[@]}" "$out/test_$build" "$root" >"$out/valgrind-$build.log" 2>&1
        rc=$?
        if [ "$rc" -eq 0 ] && grep -qE '^tests: [0-9]+ passed, 0 failed$' "$out/valgrind-$build.log"; then
            pass "valgrind ($build): $(grep -E '^tests: ' "$out/valgrind-$build.log"), no errors, no leaks"
        else
            grep -v '^ok ' "$out/valgrind-$build.log" | head -n 80 | sed 's/^/  /'
            fail "valgrind ($build): exit $rc (99: memory errors or leaks)"
        fi
    done
else
    fail "valgrind is not installed"
fi

step "the C tests under AddressSanitizer and UBSan (static build)"
if [ "${PUTOKAZ_C_ASAN:-1}" = 0 ]; then
    echo "skipped (PUTOKAZ_C_ASAN=0)"
elif echo 'int main(void){return 0;}' | gcc -fsanitize=address,undefined -x c -o "$out/asan-probe" - 2>/dev/null &&
    "$out/asan-probe" 2>/dev/null; then
    if gcc "${CFLAGS[@]}" -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
        -o "$out/test_asan" "${TEST_SOURCES[@]}" "$lib/libputokaz.a" "${STATIC_LIBS[@]}"; then
        ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 run_suite asan "$out/test_asan" "$root"
    else
        fail "the sanitizer build"
    fi
else
    echo "skipped: this gcc cannot build with -fsanitize=address"
fi

step "the header as C++ (g++ -std=c++11 -Wall -Wextra -Werror -pedantic)"
if g++ -std=c++11 -Wall -Wextra -Werror -pedantic -Iinclude -o "$out/test_cxx" tests/c/test_cxx.cpp \
    "$lib/libputokaz.a" "${STATIC_LIBS[@]}" && "$out/test_cxx"; then
    pass "putokaz.h compiles, links and runs as C++"
else
    fail "putokaz.h as C++"
fi

step "install into a scratch prefix; pkg-config; the example and the first program of bindings/c/README.md"
prefix="$out/prefix"
if PUTOKAZ_NO_BUILD=1 bash bindings/c/install.sh "$prefix" >/dev/null; then
    pass "bindings/c/install.sh"
else
    fail "bindings/c/install.sh"
fi
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
if [ "$(pkg-config --modversion putokaz 2>/dev/null)" = "$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)" ]; then
    pass "pkg-config --modversion putokaz is the workspace version"
else
    fail "pkg-config --modversion putokaz"
fi
# The build lines of bindings/c/README.md, for the example and the first program.
for example in registry first; do
    src=bindings/c/examples/$example.c
    # shellcheck disable=SC2046
    if gcc "${CFLAGS[@]}" -o "$out/$example-shared" "$src" $(pkg-config --cflags --libs putokaz) \
        -Wl,-rpath,"$(pkg-config --variable=libdir putokaz)"; then
        pass "$example.c built against libputokaz.so with pkg-config"
    else
        fail "$example.c built against libputokaz.so with pkg-config"
    fi
    # shellcheck disable=SC2046
    if gcc "${CFLAGS[@]}" -o "$out/$example-static" "$src" $(pkg-config --cflags putokaz) \
        "$(pkg-config --variable=libdir putokaz)/libputokaz.a" $(pkg-config --libs-only-l --static putokaz | sed 's/-lputokaz//'); then
        pass "$example.c built against libputokaz.a with pkg-config"
    else
        fail "$example.c built against libputokaz.a with pkg-config"
    fi
done
# What bindings/c/README.md says they print (the program it shows is first.c), with
# either library.
for build in shared static; do
    if python3 tests/doc_outputs.py bindings/c/README.md ./first="$out/first-$build" \
        ./registry="$out/registry-$build" >"$out/readme-$build.log" 2>&1; then
        pass "bindings/c/README.md: the programs ($build) print what it shows ($(grep -c '^ok' "$out/readme-$build.log") checks)"
    else
        sed 's/^/  /' "$out/readme-$build.log" | head -n 80
        fail "bindings/c/README.md: the programs ($build) do not print what it shows"
    fi
done
sample=(--as-of 2026-03-09T12:00:00+01:00 --lang en bindings/c/examples/registry-sample.csv)
if [ -x "$out/registry-shared" ] && "$out/registry-shared" "${sample[@]}" 2>&1 >/dev/null |
    grep -q "^row 8 (case DEMO-0007): case.unknown_municipality at \$.municipality"; then
    pass "example: the row that cannot be assessed is reported on stderr, by field"
else
    fail "example: stderr"
fi
for run in "registry-shared ${sample[*]}" "registry-static --pack bindings/c/examples/demo-pack ${sample[*]}" \
    "first-shared" "first-static"; do
    # shellcheck disable=SC2086
    set -- $run
    program=$1
    shift
    [ -x "$out/$program" ] || continue
    if "${VALGRIND[@]}" "$out/$program" "$@" >/dev/null 2>"$out/$program-valgrind.err"; then
        pass "$program under valgrind (strict leak check): no errors, no leaks"
    else
        sed 's/^/  /' "$out/$program-valgrind.err" | head -n 40
        fail "$program under valgrind"
    fi
done

echo
echo "c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
