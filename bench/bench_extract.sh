#!/bin/sh
# bench_extract.sh -- throughput of kg extract and kg ingest on news/encyclopedic
# prose (the GUM Wikinews/Wikipedia texts, repeated to ~2 MB), with peers measured
# in the same run: `kg tag` (the analysis alone, the floor extract builds on) and
# `wc -w` (reading the bytes). Also peak memory of extract on 1x and 4x the text,
# to show memory follows the document, not the corpus. Targets (one core):
# kg extract >= 2 MB/s, kg ingest (stored) >= 1 MB/s. Env: KG, KG_TOP.
set -eu
: "${KG:?}" "${KG_TOP:?}"
OUT="$KG_TOP/bench/out/extract"
mkdir -p "$OUT"
SRC="$KG_TOP/tests/data/gum-wiki"
[ -d "$SRC" ] || SRC=/work/shared/data/gum-wiki/text
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench_extract: needs /usr/bin/time (apt-get install time)"; exit 1; }

# One ~2 MB document, and a folder of ~2 MB in distinct documents (ingest).
rm -rf "$OUT/docs"; mkdir -p "$OUT/docs"
: > "$OUT/one.txt"
i=0
while [ "$(wc -c < "$OUT/one.txt")" -lt 2000000 ]; do
  for f in "$SRC"/*.txt; do
    cat "$f" >> "$OUT/one.txt"; printf '\n\n' >> "$OUT/one.txt"
    { printf 'Copy %d.\n\n' "$i"; cat "$f"; } > "$OUT/docs/$(basename "$f" .txt)-$i.txt"
  done
  i=$((i + 1))
done
for k in 1 2 3 4; do cat "$OUT/one.txt"; done > "$OUT/four.txt"
bytes=$(wc -c < "$OUT/one.txt")
dbytes=$(cat "$OUT"/docs/*.txt | wc -c)

# prints "wall user sys maxrss_kb"
measure() { "$TIME" -f "%e %U %S %M" -o "$OUT/time.txt" "$@" > /dev/null 2>&1 || return 1; cat "$OUT/time.txt"; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t <= 0) t = 0.001; printf "%.2f", b / 1e6 / t }'; }
row() { # name bytes "wall user sys rss"
  set -- "$1" "$2" $3
  printf '%-28s %8.2f s  %7.2f MB/s (wall)  %7.2f MB/s (cpu)  %7d KB peak\n' \
    "$1" "$3" "$(mbps "$2" "$3")" "$(mbps "$2" "$(awk -v u="$4" -v s="$5" 'BEGIN{print u+s}')")" "$6"
}
echo "input: $bytes bytes in one document; $dbytes bytes in $(ls "$OUT/docs" | wc -l) documents"
row "wc -w (peer)" "$bytes" "$(measure wc -w "$OUT/one.txt")"
row "kg tag (peer)" "$bytes" "$(measure "$KG" tag "$OUT/one.txt")"
row "kg extract --format jsonl" "$bytes" "$(measure "$KG" extract "$OUT/one.txt")"
row "kg extract --format tsv" "$bytes" "$(measure "$KG" extract --format tsv "$OUT/one.txt")"
four=$(wc -c < "$OUT/four.txt")
row "kg extract (4x, memory)" "$four" "$(measure "$KG" extract "$OUT/four.txt")"
rm -f "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm"
row "kg ingest (folder, stored)" "$dbytes" "$(measure "$KG" --db "$OUT/bench.db" ingest "$OUT/docs")"
"$KG" --db "$OUT/bench.db" stats 2>/dev/null | tr '\n' ' '; echo
rm -rf "$OUT/docs" "$OUT/bench.db" "$OUT/bench.db-wal" "$OUT/bench.db-shm" "$OUT/one.txt" "$OUT/four.txt"
