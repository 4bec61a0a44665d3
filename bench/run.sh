#!/bin/sh
# bench/run.sh -- run every bench/bench_*.sh; each prints its figures with the
# peer measured in the same run. Env: KG (the kg binary).
set -u
here=$(cd "$(dirname "$0")" && pwd)
export KG KG_TOP=$(cd "$here/.." && pwd)
mkdir -p "$here/out"
for b in "$here"/bench_*.sh; do
  [ -f "$b" ] || continue
  echo "== $(basename "$b")"
  sh "$b" || echo "bench failed: $b"
done
