#!/bin/sh
# bench/bench_query.sh -- the query engine's speed on a generated graph of a
# million triples (bench/gen_kg.py --edges 1000000, imported with kg import),
# every time a whole process on the on-disk database, start-up included,
# against the sqlite3 shell running the equivalent recursive CTE / GROUP BY on
# an indexed plain triple table t(s, r, o), in the same run.
#
# Measured: neighbors depth 2 of a median-degree entity and of the top hub
# (tsv output), path between entities 8 hops apart, top 10 by degree, top 10
# by pagerank; peak RSS of each kg process. Also (kg query only) the draft's
# forms: paths shortest 5, path through the hub, path by confidence,
# neighbors without / min confidence, top by mentions; match joins (a triangle,
# two relations between the same pair). kg is timed through `kg query`
# when it works, and always through build/bench/kg-engine (bench/engine_driver.c:
# the engine alone, without the query language).
#
# Env: KG (kg binary), KG_TOP (repo root); KG_BENCH_EDGES (default 1000000),
# KG_BENCH_RUNS (default 10). Uses hyperfine when installed, else a date loop.
# Output: a table on stdout and bench/out/query/results.tsv.
set -u
: "${KG:?set KG to the kg binary}"
KG_TOP=${KG_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
EDGES=${KG_BENCH_EDGES:-1000000}
RUNS=${KG_BENCH_RUNS:-10}
OUT=$KG_TOP/bench/out/query
mkdir -p "$OUT"
PY=python3
command -v sqlite3 >/dev/null 2>&1 || { echo "bench_query: sqlite3 shell missing, skipped"; exit 0; }

tsv=$OUT/kg_$EDGES.tsv
db=$OUT/kg_$EDGES.db
plain=$OUT/plain_$EDGES.db
if [ ! -s "$tsv" ]; then
  echo "generating $EDGES triples"
  $PY "$KG_TOP/bench/gen_kg.py" --edges "$EDGES" > "$tsv.tmp" && mv "$tsv.tmp" "$tsv" || exit 1
fi
if [ ! -s "$db" ] || [ "$tsv" -nt "$db" ]; then
  rm -f "$db" "$db-wal" "$db-shm" "$db.adj"
  s=$(date +%s%N)
  "$KG" --db "$db" import "$tsv" || exit 1
  echo "kg import: $(( ($(date +%s%N) - s) / 1000000 )) ms"
fi
if [ ! -s "$plain" ] || [ "$tsv" -nt "$plain" ]; then
  rm -f "$plain"
  tr '\t\n' '\037\036' < "$tsv" > "$OUT/plain.asc"
  sqlite3 "$plain" "CREATE TABLE t(s TEXT, r TEXT, o TEXT);" ".mode ascii" ".import $OUT/plain.asc t" \
    "CREATE INDEX t_s ON t(s);" "CREATE INDEX t_o ON t(o);" "ANALYZE;" || exit 1
  rm -f "$OUT/plain.asc"
fi

# the engine driver
ENGINE=$KG_TOP/build/bench/kg-engine
(cd "$KG_TOP" && make -s engine-driver >/dev/null 2>&1) || true
[ -x "$ENGINE" ] || { echo "bench_query: cannot build $ENGINE"; exit 1; }

# the snapshot is built once (timed), then every query maps it
rm -f "$db.adj"
s=$(date +%s%N)
"$ENGINE" "$db" open >/dev/null || exit 1
echo "snapshot build: $(( ($(date +%s%N) - s) / 1000000 )) ms ($(wc -c < "$db.adj") bytes)"

# Entities: plain names only (letters, digits, spaces), so that the same text
# works unquoted-in-quotes in kg's language and in SQL.
"$ENGINE" "$db" top degree 100000000 | awk -F'\t' 'NR > 1 && $1 ~ /^[A-Za-z0-9 ]+$/' > "$OUT/degrees.tsv"
hub=$(head -n 1 "$OUT/degrees.tsv" | cut -f1)
n=$(wc -l < "$OUT/degrees.tsv")
median_degree=$(sed -n "$(( n / 2 ))p" "$OUT/degrees.tsv" | cut -f2)
# A typical median-degree entity: in a preferential-attachment graph many
# degree-4 entities touch a hub, so their depth-2 neighbourhoods range from
# dozens to tens of thousands. Take up to 31 median-degree entities spread over
# the list and use the one whose depth-2 neighbourhood is the median size.
awk -F'\t' -v d="$median_degree" '$2 == d {print $1}' "$OUT/degrees.tsv" > "$OUT/median_pool.txt"
pool=$(wc -l < "$OUT/median_pool.txt")
step=$(( pool / 31 )); [ $step -ge 1 ] || step=1
awk -v s=$step 'NR % s == 1 || s == 1' "$OUT/median_pool.txt" | head -n 31 | while IFS= read -r e; do
  printf '%s\t%s\n' "$("$ENGINE" "$db" neighbors "$e" 2 | wc -l)" "$e"
done | sort -n > "$OUT/median_sizes.tsv"
k=$(wc -l < "$OUT/median_sizes.tsv")
median=$(sed -n "$(( (k + 1) / 2 ))p" "$OUT/median_sizes.tsv" | cut -f2)
echo "median-degree ($median_degree) entities sampled: $k; depth-2 sizes $(head -n 1 "$OUT/median_sizes.tsv" | cut -f1)..$(tail -n 1 "$OUT/median_sizes.tsv" | cut -f1) rows; chosen: $median ($(sed -n "$(( (k + 1) / 2 ))p" "$OUT/median_sizes.tsv" | cut -f1) rows)"
# far: at depth 8 from the chosen entity if any, else the deepest
"$ENGINE" "$db" neighbors "$median" 20 | awk -F'\t' 'NR > 1 && $1 ~ /^[A-Za-z0-9 ]+$/ {print $2 "\t" $1}' > "$OUT/far.tsv"
far=$(awk -F'\t' '$1 == 8 {print $2; exit}' "$OUT/far.tsv")
[ -n "$far" ] || far=$(sort -t"$(printf '\t')" -k1,1n "$OUT/far.tsv" | tail -n 1 | cut -f2)
hops=$("$ENGINE" "$db" path "$median" "$far" | awk 'END {print NR - 1}')
echo "hub: $hub ($(head -n 1 "$OUT/degrees.tsv" | cut -f2) triples); far: $far ($hops hops from $median)"

has_query=0
if "$KG" --db "$db" query "neighbors \"$median\"" >/dev/null 2>&1; then has_query=1; fi
[ $has_query = 1 ] || echo "note: kg query not working yet; kg timed through the engine driver only"

nb_sql() { # entity depth
  cat <<EOF
WITH RECURSIVE n(x, d) AS (
  SELECT '$1', 0
  UNION SELECT t.o, n.d + 1 FROM n JOIN t ON t.s = n.x WHERE n.d < $2
  UNION SELECT t.s, n.d + 1 FROM n JOIN t ON t.o = n.x WHERE n.d < $2)
SELECT x, min(d) FROM n WHERE x <> '$1' GROUP BY x;
EOF
}
path_sql() { # from to: BFS levels up to 8 (the CTE finds the length; kg returns the path)
  cat <<EOF
WITH RECURSIVE b(x, d) AS (
  SELECT '$1', 0
  UNION SELECT t.o, b.d + 1 FROM b JOIN t ON t.s = b.x WHERE b.d < 8
  UNION SELECT t.s, b.d + 1 FROM b JOIN t ON t.o = b.x WHERE b.d < 8)
SELECT min(d) FROM b WHERE x = '$2';
EOF
}
nb_sql "$median" 2 > "$OUT/nb_median.sql"
nb_sql "$hub" 2 > "$OUT/nb_hub.sql"
path_sql "$median" "$far" > "$OUT/path.sql"
echo "SELECT x, count(*) AS c FROM (SELECT s AS x FROM t UNION ALL SELECT o FROM t) GROUP BY x ORDER BY c DESC, x LIMIT 10;" > "$OUT/degree.sql"

# time NAME RUNS CMD... -> prints mean ms (wall) and user+sys ms, appends to results
results=$OUT/results.tsv
printf 'name\tmean_ms\tcpu_ms\tpeak_rss_kb\n' > "$results"
timeit() {
  name=$1; runs=$2; shift 2
  rss=-
  case $name in sqlite*) ;; *) [ -x /usr/bin/time ] && rss=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1) ;; esac
  if false; then
    rss=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1)
  fi
  if command -v hyperfine >/dev/null 2>&1; then
    warm=1; [ "$runs" -gt 1 ] || warm=0
    hyperfine -N --warmup $warm -r "$runs" -n "$name" --export-csv "$OUT/h.csv" "$(quote "$@")" >/dev/null 2>&1 ||
      { echo "$name: failed or timed out"; printf '%s\t-\t-\t-\n' "$name" >> "$results"; return; }
    line=$(tail -n 1 "$OUT/h.csv")
    mean=$(echo "$line" | awk -F, '{printf "%.1f", $2 * 1000}')
    cpu=$(echo "$line" | awk -F, '{printf "%.1f", ($5 + $6) * 1000}')
  else
    "$@" >/dev/null 2>&1
    s=$(date +%s%N); i=0
    while [ $i -lt "$runs" ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
    mean=$(awk -v a="$s" -v b="$(date +%s%N)" -v r="$runs" 'BEGIN {printf "%.1f", (b - a) / r / 1e6}')
    cpu=-
  fi
  printf '%s\t%s\t%s\t%s\n' "$name" "$mean" "$cpu" "$rss" >> "$results"
  printf '%-34s %10s ms  (cpu %s ms, peak rss %s KB)\n' "$name" "$mean" "$cpu" "$rss"
}
# hyperfine -N takes one command line: quote each word for its own splitter
quote() {
  for a in "$@"; do printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"; done
}

echo "--- $EDGES triples, $RUNS runs each (sqlite path: 1 run) ---"
if [ $has_query = 1 ]; then
  timeit "kg query neighbors median d2" "$RUNS" "$KG" --db "$db" query --format tsv "neighbors \"$median\" depth 2"
  timeit "kg query neighbors hub d2" "$RUNS" "$KG" --db "$db" query --format tsv "neighbors \"$hub\" depth 2"
  timeit "kg query path far" "$RUNS" "$KG" --db "$db" query --format tsv "path \"$median\" to \"$far\""
  timeit "kg query top 10 degree" "$RUNS" "$KG" --db "$db" query --format tsv "top 10 by degree"
  timeit "kg query top 10 pagerank" 3 "$KG" --db "$db" query --format tsv "top 10 by pagerank"
  # the draft's forms (no targets yet; recorded to catch regressions)
  timeit "kg query paths far shortest 5" "$RUNS" "$KG" --db "$db" query --format tsv "paths \"$median\" to \"$far\" shortest 5"
  timeit "kg query path far through hub" 3 "$KG" --db "$db" query --format tsv "path \"$median\" to \"$far\" through \"$hub\""
  timeit "kg query path far by confidence" 3 "$KG" --db "$db" query --format tsv "path \"$median\" to \"$far\" by confidence"
  timeit "kg query neighbors median d2 without" "$RUNS" "$KG" --db "$db" query --format tsv "neighbors \"$median\" depth 2 without acquire"
  timeit "kg query neighbors median d2 min conf" 3 "$KG" --db "$db" query --format tsv "neighbors \"$median\" depth 2 min confidence 0.5"
  timeit "kg query top 10 mentions" 3 "$KG" --db "$db" query --format tsv "top 10 by mentions"
  # match joins: inner lookups with a bound end (snapshot adjacency scans)
  timeit "kg query match triangle" 3 "$KG" --db "$db" query --format tsv "count match ?a acquire ?b, ?b acquire ?c, ?c acquire ?a"
  timeit "kg query match two relations" 3 "$KG" --db "$db" query --format tsv "count match ?a acquire ?b, ?a sue ?b"
fi
timeit "engine neighbors median d2" "$RUNS" "$ENGINE" "$db" neighbors "$median" 2
timeit "engine neighbors hub d2" "$RUNS" "$ENGINE" "$db" neighbors "$hub" 2
timeit "engine path far" "$RUNS" "$ENGINE" "$db" path "$median" "$far"
timeit "engine top 10 degree" "$RUNS" "$ENGINE" "$db" top degree 10
timeit "engine top 10 pagerank" 3 "$ENGINE" "$db" top pagerank 10
timeit "sqlite neighbors median d2" "$RUNS" sqlite3 -tabs "$plain" ".read $OUT/nb_median.sql"
timeit "sqlite neighbors hub d2" 2 sqlite3 -tabs "$plain" ".read $OUT/nb_hub.sql"
timeit "sqlite path far" 1 timeout "${KG_BENCH_SQLITE_TIMEOUT:-300}" sqlite3 -tabs "$plain" ".read $OUT/path.sql"
timeit "sqlite top 10 degree" 3 sqlite3 -tabs "$plain" ".read $OUT/degree.sql"

# ratios and targets
awk -F'\t' -v has_query=$has_query '
  NR > 1 { t[$1] = $2; c[$1] = $3; r[$1] = $4 }
  function ratio(a, b) { return (t[b] > 0) ? sprintf("%.4f", t[a] / t[b]) : "-" }
  function cratio(a, b) { return (c[b] > 0 && c[a] != "-") ? sprintf("%.4f", c[a] / c[b]) : "-" }
  function show(label, a, target, sa) {
    if (!(a in t)) return
    line = sprintf("%-28s %9.1f ms  target %s", label, t[a], target)
    if (sa != "") line = line sprintf("  (x%s of sqlite wall, x%s of its cpu)", ratio(a, sa), cratio(a, sa))
    print line
  }
  END {
    print "--- against the targets ---"
    p = has_query ? "kg query" : "engine"
    show(p " neighbors median", p " neighbors median d2", "<= 5 ms", "sqlite neighbors median d2")
    show(p " neighbors hub", p " neighbors hub d2", "<= 0.25x sqlite", "sqlite neighbors hub d2")
    show(p " path (far)", p " path far", "<= 20 ms", "sqlite path far")
    show(p " top 10 degree", p " top 10 degree", "<= 0.1x sqlite", "sqlite top 10 degree")
    show(p " top 10 pagerank", p " top 10 pagerank", "<= 2000 ms", "")
    max = 0
    for (k in r) if (k !~ /^sqlite/ && r[k] + 0 > max) max = r[k] + 0
    printf "peak RSS of kg processes: %d KB (target < 204800 KB)\n", max
  }' "$results"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores shared: wall times include waiting)"
