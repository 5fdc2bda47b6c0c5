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

step "build the library (cargo build --release -p putokaz-ffi)"
if ! cargo build --release --quiet -p putokaz-ffi; then
    fail "cargo build --release -p putokaz-ffi"
    echo
    echo "c: $passed passed, $failed failed"
    exit 1
fi
pass "libputokaz.a and libputokaz.so built"

step "header drift (tests/c/check_header.sh)"
if bash tests/c/check_header.sh; then pass "include/putokaz.h matches a fresh cbindgen run"; else fail "include/putokaz.h drifted"; fi

TEST_SOURCES=(tests/c/harness.c tests/c/test_basics.c tests/c/test_protocol.c tests/c/test_json.c
    tests/c/test_case.c tests/c/test_assessment.c tests/c/test_lean.c tests/c/test_threads.c tests/c/fixture.c
    tests/c/test_vectors.c tests/c/test_malformed.c tests/c/test_misuse.c)

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
VALGRIND=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect)
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

step "install into a scratch prefix; pkg-config; the example (bindings/c/examples/registry.c)"
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
example=bindings/c/examples/registry.c
# The build lines of bindings/c/README.md.
# shellcheck disable=SC2046
if gcc "${CFLAGS[@]}" -o "$out/registry-shared" "$example" $(pkg-config --cflags --libs putokaz) \
    -Wl,-rpath,"$(pkg-config --variable=libdir putokaz)"; then
    pass "example built against libputokaz.so with pkg-config"
else
    fail "example built against libputokaz.so with pkg-config"
fi
# shellcheck disable=SC2046
if gcc "${CFLAGS[@]}" -o "$out/registry-static" "$example" $(pkg-config --cflags putokaz) \
    "$(pkg-config --variable=libdir putokaz)/libputokaz.a" $(pkg-config --libs-only-l --static putokaz | sed 's/-lputokaz//'); then
    pass "example built against libputokaz.a with pkg-config"
else
    fail "example built against libputokaz.a with pkg-config"
fi
sample=(--pack bindings/c/examples/demo-pack --as-of 2026-03-09T12:00:00+01:00 --lang en
    bindings/c/examples/registry-sample.csv)
for build in shared static; do
    [ -x "$out/registry-$build" ] || continue
    if "$out/registry-$build" "${sample[@]}" >"$out/registry-$build.out" 2>"$out/registry-$build.err" &&
        grep -q "^7 case(s) assessed with c-demo 1.0.0" "$out/registry-$build.out" &&
        grep -q "^MUP Srednjobosanskog kantona, Uprava policije (1)$" "$out/registry-$build.out" &&
        grep -q "DEMO-0001    P2  Inform the prosecutor's office" "$out/registry-$build.out" &&
        grep -q "row 8 (case DEMO-0007): case.unknown_municipality at \$.municipality" "$out/registry-$build.err"; then
        pass "example ($build) prints the overdue obligations of the sample"
    else
        sed 's/^/  /' "$out/registry-$build.out" "$out/registry-$build.err"
        fail "example ($build) output"
    fi
done
if [ -x "$out/registry-shared" ] && "${VALGRIND[@]}" "$out/registry-shared" "${sample[@]}" >/dev/null 2>"$out/registry-valgrind.err"; then
    pass "example under valgrind: no errors, no leaks"
else
    sed 's/^/  /' "$out/registry-valgrind.err" | head -n 40
    fail "example under valgrind"
fi

echo
echo "c: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
