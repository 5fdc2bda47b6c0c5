#!/usr/bin/env bash
# Scaling run: cost per case and peak memory of `putokaz assess --jsonl --fast` over
# 10,000 → 1,000,000 synthetic cases, streamed (the generator feeds the engine through a
# pipe; nothing is held in memory). Prints one line per size.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q --release -p putokaz-cli
bin=target/release/putokaz
as_of=2026-12-31T12:00:00+01:00
printf '%10s %10s %12s %12s\n' cases seconds "µs/case" "peak RSS"
for n in 10000 100000 1000000; do
  stats=$(mktemp)
  "$bin" synth --seed 1 --count "$n" | /usr/bin/time -f '%e %M' -o "$stats" "$bin" assess --jsonl --fast --as-of "$as_of" - >/dev/null
  read -r secs kib <"$stats"
  rm -f "$stats"
  awk -v n="$n" -v s="$secs" -v k="$kib" 'BEGIN { printf "%10d %10.2f %12.2f %9.1f MB\n", n, s, s * 1e6 / n, k / 1024 }'
done
