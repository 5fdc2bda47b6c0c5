#!/usr/bin/env bash
# Generates the C header from bindings/c with the pinned cbindgen.
#
#   tests/c/gen_header.sh            rewrite include/putokaz.h
#   tests/c/gen_header.sh OUT.h      write elsewhere (check_header.sh uses this)
#
# cbindgen is pinned: another version may lay the header out differently, and the
# committed header must be reproducible. If the `cbindgen` on PATH is not this version,
# the pinned one is installed with cargo: into cargo's own bin directory when there is
# no cbindgen at all, otherwise into target/tools so that another version stays as it
# is.
set -euo pipefail

CBINDGEN_VERSION=0.29.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$root/include/putokaz.h}"

version_of() { "$1" --version 2>/dev/null | awk '{print $2}'; }

find_cbindgen() {
    local c
    for c in "$(command -v cbindgen || true)" "$root/target/tools/bin/cbindgen"; do
        if [ -n "$c" ] && [ -x "$c" ] && [ "$(version_of "$c")" = "$CBINDGEN_VERSION" ]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

if ! cbindgen="$(find_cbindgen)"; then
    echo "gen_header: installing cbindgen $CBINDGEN_VERSION (once)" >&2
    if command -v cbindgen >/dev/null 2>&1; then
        cargo install --quiet --locked cbindgen --version "$CBINDGEN_VERSION" --root "$root/target/tools" >&2
    else
        cargo install --quiet --locked cbindgen --version "$CBINDGEN_VERSION" >&2
    fi
    cbindgen="$(find_cbindgen)" || { echo "gen_header: cbindgen $CBINDGEN_VERSION not found after installing it" >&2; exit 1; }
fi

cd "$root"
# The header is generated from the macro-expanded crate (`[parse.expand]` in
# bindings/c/cbindgen.toml): cbindgen asks rustc for it with `-Zunpretty=expanded`, which
# a stable rustc gives only with RUSTC_BOOTSTRAP set. Only this expansion runs so; its
# build goes to a directory of its own, apart from the normal builds.
RUSTC_BOOTSTRAP=1 CARGO_EXPAND_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}/cbindgen-expand" \
    "$cbindgen" --quiet --config bindings/c/cbindgen.toml --output "$out" bindings/c
