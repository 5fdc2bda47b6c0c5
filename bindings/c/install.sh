#!/usr/bin/env bash
# Installs the C library: the header, libputokaz.so and libputokaz.a, and a pkg-config
# file, under PREFIX (include/, lib/, lib/pkgconfig/).
#
#   bash bindings/c/install.sh PREFIX
#
# Builds the release library first (cargo build --release -p libputokaz) unless
# PUTOKAZ_NO_BUILD=1 is set and target/release already holds it.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 PREFIX" >&2
    exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
prefix="$1"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

if [ "${PUTOKAZ_NO_BUILD:-0}" != 1 ]; then
    (cd "$root" && cargo build --release --quiet -p libputokaz)
fi
target="${CARGO_TARGET_DIR:-$root/target}/release"
version="$(sed -n 's/^#define PUTOKAZ_VERSION_MAJOR \([0-9]*\)$/\1/p' "$root/include/putokaz.h")"
version="$version.$(sed -n 's/^#define PUTOKAZ_VERSION_MINOR \([0-9]*\)$/\1/p' "$root/include/putokaz.h")"
version="$version.$(sed -n 's/^#define PUTOKAZ_VERSION_PATCH \([0-9]*\)$/\1/p' "$root/include/putokaz.h")"

install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 "$root/include/putokaz.h" "$prefix/include/putokaz.h"
install -m 755 "$target/libputokaz.so" "$prefix/lib/libputokaz.so"
install -m 644 "$target/libputokaz.a" "$prefix/lib/libputokaz.a"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" "$root/bindings/c/putokaz.pc.in" \
    > "$prefix/lib/pkgconfig/putokaz.pc"
echo "installed putokaz $version under $prefix"
