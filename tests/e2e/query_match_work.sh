#!/bin/sh
# query_match_work.sh -- a deeply repetitive match needs exponentially many
# lookups even when no row comes out (a chain of 10 patterns closed into a
# cycle over a 60-clique whose edges all go one way): kg must stop it cleanly
# at its lookup cap (exit 3, a clear message), not run for minutes; the
# database is unchanged. The open 10-pattern chain over a 20-clique answers in
# full (lookups over the snapshot are cheap), and so does a 3-pattern chain.
set -u
awk 'BEGIN { for (i = 0; i < 20; i++) for (j = i + 1; j < 20; j++) printf "C%d\tknow\tC%d\n", i, j }' >clique.tsv
"$KG" --db chain.db import clique.tsv 2>/dev/null || { echo "import failed"; exit 1; }
awk 'BEGIN { for (i = 0; i < 60; i++) for (j = i + 1; j < 60; j++) printf "C%d\tknow\tC%d\n", i, j }' >clique60.tsv
"$KG" --db c60.db import clique60.tsv 2>/dev/null || { echo "import failed"; exit 1; }
before=$(sqlite3 c60.db 'SELECT count(*) FROM triple')
q="match ?v0 know ?v1"; i=1
while [ $i -lt 10 ]; do q="$q, ?v$i know ?v$((i + 1))"; i=$((i + 1)); done
timeout 120 "$KG" --db c60.db query --format tsv "$q, ?v10 know ?v0" >out.txt 2>err.txt
st=$?
[ "$st" = 124 ] && { echo "FAIL: 11-pattern cycle match still running after 120 s"; exit 1; }
[ "$st" = 3 ] || { echo "FAIL: exit $st, expected 3"; cat err.txt; exit 1; }
grep -q 'kg: match: more than [0-9]* index lookups' err.txt || { echo "FAIL: message"; cat err.txt; exit 1; }
[ "$(sqlite3 c60.db 'SELECT count(*) FROM triple')" = "$before" ] || { echo "FAIL: db changed"; exit 1; }
# the open chain on the 20-clique: C_a < ... < C_k, 11 of 20 ordered nodes = C(20,11) = 167960
timeout 120 "$KG" --db chain.db query --format tsv "count $q" >long.txt 2>long.err || {
    echo "FAIL: 10-pattern chain"; cat long.err; exit 1; }
[ "$(sed -n 2p long.txt)" = 167960 ] || { echo "FAIL: 10-pattern chain count $(cat long.txt)"; exit 1; }
# a short chain answers: paths C_a < C_b < C_c < C_d among 20 ordered nodes = C(20,4) = 4845
"$KG" --db chain.db query --format tsv 'match ?a know ?b, ?b know ?c, ?c know ?d' >short.txt 2>short.err || {
    echo "FAIL: short chain"; cat short.err; exit 1; }
n=$(($(wc -l <short.txt) - 1))
[ "$n" = 4845 ] || { echo "FAIL: short chain gave $n rows, expected 4845"; exit 1; }
echo ok
