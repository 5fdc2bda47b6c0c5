#!/usr/bin/env bash
# Fails when include/putokaz.h differs from what the pinned cbindgen generates from
# bindings/c now: the committed header must always be regenerated with the code.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

bash "$root/tests/c/gen_header.sh" "$tmp/putokaz.h"
if ! diff -u "$root/include/putokaz.h" "$tmp/putokaz.h" >"$tmp/diff"; then
    echo "check_header: include/putokaz.h is out of date; run tests/c/gen_header.sh and commit it:" >&2
    head -n 60 "$tmp/diff" >&2
    exit 1
fi
echo "check_header: include/putokaz.h matches bindings/c"
