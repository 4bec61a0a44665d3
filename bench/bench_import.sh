#!/bin/sh
# bench_import.sh -- kg import --format tsv of a generated 1,000,000-triple graph
# (bench/gen_kg.py, cached in bench/out/) into a fresh database, against the
# sqlite3 shell's .import of the same file into a plain 3-column table (no
# indexes, no dedupe, no names resolved), measured in the same run.
# The sqlite3 side uses ".mode ascii" with tab/newline separators: ".mode tabs"
# applies CSV quoting rules and mangles names with a double quote ("Quoted").
# Each side runs REPS times (default 3), alternating; the best wall time counts.
# Env: KG (kg binary), KG_TOP (repo), EDGES (default 1000000), REPS.
set -eu
top=${KG_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
KG=${KG:-$top/kg}
EDGES=${EDGES:-1000000}
REPS=${REPS:-3}
out="$top/bench/out"
mkdir -p "$out"
tsv="$out/gen_kg_${EDGES}.tsv"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
command -v sqlite3 >/dev/null 2>&1 || { echo "bench_import: sqlite3 shell not installed; skipped"; exit 0; }
if [ ! -s "$tsv" ]; then
  "$PY" "$top/bench/gen_kg.py" --edges "$EDGES" --seed 1 > "$tsv.tmp" && mv "$tsv.tmp" "$tsv"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
# cpu OUT CMD...: run CMD, then write its user+system CPU seconds to OUT (from
# the shell's "times" builtin, second line = children of this subshell).
cpu() {
  out=$1; shift
  ( "$@"; rc=$?; times > "$out.times"; exit $rc ) || return $?
  awk 'NR == 2 { split($1, u, "m"); split($2, s, "m");
      printf "%.3f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$out.times" > "$out"
}
minof() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b + 0 < a + 0) a = b; printf "%.3f", a }'; }
best_kg=""; best_sq=""; cpu_kg=""; cpu_sq=""
i=1
while [ "$i" -le "$REPS" ]; do
  rm -f "$work"/k.db*
  t0=$(now)
  cpu "$work/k.cpu" "$KG" --db "$work/k.db" import "$tsv" 2>"$work/k.err" \
    || { cat "$work/k.err"; exit 1; }
  t1=$(now)
  rm -f "$work"/s.db*
  t2=$(now)
  cpu "$work/s.cpu" sqlite3 "$work/s.db" \
    "CREATE TABLE t(subject TEXT, relation TEXT, object TEXT)" \
    ".mode ascii" ".separator \"\t\" \"\n\"" ".import '$tsv' t"
  t3=$(now)
  cpu_kg=$(minof "$cpu_kg" "$(cat "$work/k.cpu")")
  cpu_sq=$(minof "$cpu_sq" "$(cat "$work/s.cpu")")
  best_kg=$(awk -v a="$t0" -v b="$t1" -v best="$best_kg" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.3f", best }')
  best_sq=$(awk -v a="$t2" -v b="$t3" -v best="$best_sq" 'BEGIN { t = b - a; if (best == "" || t < best) best = t; printf "%.3f", best }')
  i=$((i + 1))
done
rows=$(sqlite3 "$work/s.db" "SELECT count(*) FROM t")
[ "$rows" = "$EDGES" ] || { echo "bench_import: sqlite3 imported $rows rows, not $EDGES"; exit 1; }
stats=$("$KG" --db "$work/k.db" stats --format jsonl)
kg_bytes=$(wc -c < "$work/k.db"); sq_bytes=$(wc -c < "$work/s.db")
echo "input: $tsv ($EDGES lines, $(wc -c < "$tsv") bytes)"
echo "kg: $(cat "$work/k.err" | sed 's/^kg: //')"
echo "kg stats: $stats"
echo "kg import --format tsv      best of $REPS: ${best_kg} s wall, ${cpu_kg} s CPU  (db $kg_bytes bytes)"
echo "sqlite3 .import (3 columns) best of $REPS: ${best_sq} s wall, ${cpu_sq} s CPU  (db $sq_bytes bytes)"
awk -v k="$best_kg" -v s="$best_sq" -v kc="$cpu_kg" -v sc="$cpu_sq" \
  'BEGIN { printf "ratio kg / sqlite3: %.2fx wall, %.2fx CPU (target <= 2x)\n", k / s, kc / sc }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
