#!/usr/bin/env bash
# Rewrites tests/vectors/expected/ from the Rust engine and shows what changed, for
# review before committing. CI never runs this: a changed output must be a decision.
set -euo pipefail
cd "$(dirname "$0")/../.."
PUTOKAZ_REGENERATE=1 cargo test -q -p putokaz --test vectors every_vector_gives_the_expected_bytes
git --no-pager diff --stat -- tests/vectors/expected
git --no-pager diff --word-diff=color -- tests/vectors/expected | head -200
git status --short -- tests/vectors/expected
