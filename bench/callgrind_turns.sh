#!/usr/bin/env bash
# Instructions per engine turn, counted by callgrind: a measure that the noise of a shared machine
# does not move, for comparing two builds (docs/benchmarks.md).
# usage: bench/callgrind_turns.sh BENCH_BINARY [OUTDIR]   (needs valgrind)
set -euo pipefail
bench=$1
out=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for b in 'BM_TurnTypical/0$' 'BM_TurnTypical/1$' 'BM_TurnTypical/2$' 'BM_TurnTypical/3$' 'BM_TurnTypical/4$' \
         'BM_TurnTypical/5$' 'BM_TurnLong'; do
  name=$(echo "$b" | tr -d '$' | tr / _)
  valgrind --tool=callgrind --callgrind-out-file="$out/$name.out" "$bench" --benchmark_filter="$b" \
    --benchmark_min_time=0.05 > /dev/null 2>&1
  echo "$name $(python3 "$here/callgrind_turn_ir.py" "$out/$name.out")"
done
