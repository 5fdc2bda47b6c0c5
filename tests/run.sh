#!/usr/bin/env bash
# The one test command. From a fresh clone it builds everything from the project's own
# files and runs every suite: Rust (unit, laws, packs, docs), the CLI against the bundled
# packs (including deliberately broken copies), the C suite under valgrind, and the
# Python suite in a virtual environment it creates, and the BiH handbook read in headless
# Chromium (installed from Debian's packages where missing). Exit status 0 means all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
passed=0
failed=0
suite() {
  local name=$1 status
  shift
  printf '\n=== %s\n' "$name"
  # In a subshell of its own with errexit on: a function run as an `if` condition would
  # ignore every failure but its last command's.
  set +e
  (
    set -e
    "$@"
  )
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf '=== %s FAILED\n' "$name"
  fi
}

rust() {
  cargo fmt --all --check
  cargo clippy --workspace --all-targets --quiet -- -D warnings
  python3 tests/msrv.py
  cargo test --workspace --exclude putokaz-python
  # Every feature documented, as docs.rs builds it (package.metadata.docs.rs).
  RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps -p putokaz --all-features
  # 20,000 screenings on 8 threads against a serial run: release only.
  cargo test --release -p putokaz --test concurrency
}

cli() {
  cargo build --quiet -p putokaz-cli
  bash tests/cli.sh target/debug/putokaz
}

suite "rust" rust
suite "cli" cli
handbook() {
  cargo build --quiet -p putokaz-cli
  bash tests/handbook/check.sh target/debug/putokaz
}

suite "handbook" handbook
suite "c" bash tests/c/run.sh
suite "python" bash python/tests/run.sh
suite "fuzz" bash tests/fuzz/smoke.sh

printf '\nsuites: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
