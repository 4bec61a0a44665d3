#!/bin/sh
# hostile_query.sh -- hostile queries (issue 7) on a graph with a hub (200
# leaves) and a 20-clique hanging off it: names made of quotes, semicolons and
# SQL, a query over the 1 MB limit, a long name, repetitive queries (thousands
# of queries, clauses and patterns), out-of-range numbers, invalid UTF-8 and
# NUL bytes, a full disk on standard output, and `paths ... within 20` between
# two leaves of the hub (one simple path among billions of walks through the
# clique). Each: the documented exit status, a "kg: " message for errors, no
# crash, no hang, and the database unchanged (queries never write).
. "$KG_TOP/tests/e2e/lib/rel_common.sh"

db=q.db
sql="'); DROP TABLE triple; --"
awk -v sql="$sql" 'BEGIN {
  for (i = 0; i < 200; i++) printf "Hub\tlink\tLeaf%d\n", i
  for (i = 0; i < 20; i++) {
    printf "Hub\tlink\tC%d\n", i
    for (j = i + 1; j < 20; j++) printf "C%d\tknow\tC%d\n", i, j
  }
  printf "%s\tpay\tHub\n", sql
  printf "Robert\"); DELETE FROM entity; --\tis \"named\"\tO'"'"'Brien; x\n"
}' >graph.tsv
rel_expect "import the graph" 0 "" -- --db "$db" import graph.tsv
h0=$(rel_db_hash "$db")
unchanged() { [ "$(rel_db_hash "$db")" = "$h0" ] || rel_fail "$1: the database changed"; }
q() { # LABEL STATUS PATTERN QUERY
  rel_expect "$1" "$2" "$3" -- --db "$db" query --format tsv "$4"
  unchanged "$1"
}

# Names that look like SQL are names: found when they exist, "no entity" when not.
q "SQL name (exists)" 0 "" "neighbors \"$sql\""
grep -q 'Hub' out.txt || { cat out.txt >&2; rel_fail "SQL name: Hub not among the neighbors"; }
q "SQL name (missing)" 1 'no entity' "neighbors \"x$sql\""
q "quotes and semicolons" 0 "" 'why "Robert\"); DELETE FROM entity; --" "O'"'"'Brien; x"'
[ -s out.txt ] || rel_fail "quotes and semicolons: no statement found"
q "SQL relation" 1 'no (relation|entity)|relation' "match ?a \"$sql\" ?b"
q "SQL regex" "0|1" "" "neighbors ~\"DROP TABLE\""

# One query over the 1 MB limit (KG_MAX_QUERY_BYTES; a file of many queries
# may be larger): refused with a limit message, nothing run.
{ printf 'stats; neighbors "'; head -c 1100000 /dev/zero | tr '\0' 'n'; printf '"'; } >big.kgq
rel_expect "1.1 MB query" "2|3" 'limit|long|large|bytes' -- --db "$db" query --format tsv -f big.kgq
[ -s out.txt ] && rel_fail "1.1 MB query: something ran (the whole text must be refused)"
unchanged "1.1 MB query"
# Just under the limit: a 900 kB name (over the name limit, or simply unknown).
{ printf 'neighbors "'; head -c 900000 /dev/zero | tr '\0' 'n'; printf '"'; } >longname.kgq
rel_expect "900 kB name" "1|2|3" "" -- --db "$db" query -f longname.kgq
unchanged "900 kB name"

# Repetition: 20000 queries in one text, 5000 relations in one via, 2000
# conditions, a 16-pattern match that binds nothing new.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "stats;\n" }' >many.kgq
rel_expect "20000 queries" 0 "" -- --db "$db" query --format tsv -f many.kgq
[ "$(grep -c . out.txt)" -ge 20000 ] || rel_fail "20000 queries: $(grep -c . out.txt) output lines"
awk 'BEGIN { printf "neighbors Hub via link"; for (i = 0; i < 5000; i++) printf ", link"; }' >via.kgq
rel_expect "5000 via relations" 0 "" -- --db "$db" query --format tsv -f via.kgq
awk 'BEGIN { printf "top 5 by degree where type = OTHER"; for (i = 0; i < 2000; i++) printf " and type = OTHER"; }' >conds.kgq
rel_expect "2000 conditions" "0|2|3" "" -- --db "$db" query --format tsv -f conds.kgq
awk 'BEGIN { printf "match Hub link ?x"; for (i = 0; i < 15; i++) printf ", Hub link ?x"; }' >pats.kgq
rel_expect "16 identical patterns" "0|2|3" "" -- --db "$db" query --format tsv -f pats.kgq
awk 'BEGIN { printf "neighbors"; for (i = 0; i < 100000; i++) printf " neighbors"; }' >kw.kgq
rel_expect "100000 keywords" 2 "" -- --db "$db" query -f kw.kgq
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "\""; }' >quotes.kgq
rel_expect "10000 quotes" 2 "" -- --db "$db" query -f quotes.kgq
unchanged "repetition"

# Numbers out of range, and odd limits.
q "depth 10^20" 2 'depth' 'neighbors Hub depth 99999999999999999999'
q "within 21" 2 'within' 'paths Leaf1 to Leaf2 within 21'
q "limit -1" 2 "" 'neighbors Hub limit -1'
q "top 10^11" 2 'top' 'top 99999999999 by degree'
q "limit 0" 0 "" 'neighbors Hub limit 0'

# Bytes that are not text.
printf 'neighbors "Hub\377"' >badutf8.kgq
rel_expect "invalid UTF-8 query" "2|3" 'UTF-8' -- --db "$db" query -f badutf8.kgq
printf 'neighbors Hub\000; stats' >nul.kgq
rel_expect "NUL byte in query" "2|3" "" -- --db "$db" query -f nul.kgq
rel_expect "missing query file" 3 'no-such.kgq' -- --db "$db" query -f no-such.kgq
unchanged "bad bytes"

# paths within 20 on the hub: Leaf1 - Hub - Leaf2 is the only simple path, but
# a search that ignores "simple" walks the 20-clique for ever. The answer is
# that one path, with no "stopped early / more may exist" note (none exists).
q "paths within 20 on a hub" 0 "" 'paths Leaf1 to Leaf2 within 20'
[ "$(grep -c 'Hub' out.txt)" = 1 ] || { cat out.txt >&2; rel_fail "paths on a hub: want exactly the path through Hub"; }
grep -q 'more may exist\|stopped' err.txt && { cat err.txt >&2; rel_fail "paths on a hub: says more may exist"; }
q "paths within 20 through the hub" 0 "" 'paths Leaf1 to Leaf2 within 20 through Hub'
[ "$(grep -c 'Hub' out.txt)" = 1 ] || { cat out.txt >&2; rel_fail "paths through a hub: want exactly the path through Hub"; }
grep -q 'more may exist\|stopped' err.txt && { cat err.txt >&2; rel_fail "paths through a hub: says more may exist"; }
q "paths shortest 3 on a hub" 0 "" 'paths Leaf1 to Leaf2 shortest 3'
[ "$(grep -c 'Hub' out.txt)" = 1 ] || { cat out.txt >&2; rel_fail "paths shortest 3 on a hub: want exactly the path through Hub"; }
q "paths within 20 in a clique" "0|3" "" 'paths C1 to C2 within 20 limit 1000'
q "neighbors depth 20 from the hub" 0 "" 'neighbors Hub depth 20'
[ "$(wc -l <out.txt)" -ge 221 ] || rel_fail "neighbors depth 20: $(wc -l <out.txt) lines, want 221 (header + 220)"
# A full disk on standard output (/dev/full): exit 3 with a message, for a
# query, kg stats and kg export.
for args in "query --format tsv neighbors\ Hub\ depth\ 2" "stats" "export --format tsv"; do
  eval "set -- $args"
  timeout -k 5 "$REL_TIMEOUT" "$KG" --db "$db" "$@" >/dev/full 2>err.txt
  st=$?
  rel_check_stderr err.txt "full disk ($args)"
  [ "$st" = 3 ] || { cat err.txt >&2; rel_fail "full disk ($args): exit $st, want 3"; }
  grep -q '^kg: .*\(write\|space\)' err.txt || { cat err.txt >&2; rel_fail "full disk ($args): no write error message"; }
done
unchanged "full disk"
rel_integrity "$db" "after the queries"
echo "PASS hostile_query"
