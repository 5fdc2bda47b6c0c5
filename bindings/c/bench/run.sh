#!/usr/bin/env bash
# Builds the release library and the C benchmark, writes a synthetic case set and runs
# the benchmark pinned to one core. From the repository root:
#
#   bash bindings/c/bench/run.sh [COUNT] [SEED]      # default 20000 cases, seed 1
#
# Other builds running on the same machine make the figures pessimistic.
set -euo pipefail
cd "$(dirname "$0")/../../.."
count="${1:-20000}"
seed="${2:-1}"
cargo build --release -q -p libputokaz -p putokaz-cli
mkdir -p target/c-bench
cc -std=c99 -O2 -Wall -Wextra -Iinclude bindings/c/bench/bench.c \
   target/release/libputokaz.a -lpthread -ldl -lm -o target/c-bench/bench
cases="target/c-bench/synth-$seed-$count.jsonl"
[ -s "$cases" ] || target/release/putokaz synth --seed "$seed" --count "$count" > "$cases"
taskset -c 0 target/c-bench/bench "$cases"
