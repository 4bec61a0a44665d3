#!/bin/sh
# query_match_join_speed.sh -- a two-pattern join whose second pattern has a
# bound subject and a known relation must use the (subject, relation) index:
# SQLite used to walk the relation's index (already in id order, for ORDER BY
# id) on every lookup, i.e. every statement of that relation per row of the
# first pattern (25 s for `match ?a acquire ?b, ?b sue ?c` on a 100k graph).
# 20,000 + 20,000 statements: a second or so when indexed, minutes when not.
set -u
fail() { echo "FAIL: $*"; exit 1; }
awk 'BEGIN { for (i = 0; i < 20000; i++) { printf "A%d\town\tB%d\n", i, i; printf "B%d\tsue\tC%d\n", i, i } }' >g.tsv
"$KG" --db g.db import g.tsv 2>/dev/null || fail "import"
timeout 10 "$KG" --db g.db query --format tsv 'count match ?a own ?b, ?b sue ?c' >out.txt 2>err.txt
st=$?
[ "$st" = 124 ] && fail "join still running after 10 s (not using the subject index)"
[ "$st" = 0 ] || { cat err.txt; fail "exit $st"; }
[ "$(sed -n 2p out.txt)" = 20000 ] || fail "count: $(cat out.txt)"
# the other direction: object bound, relation known
timeout 10 "$KG" --db g.db query --format tsv 'count match ?b sue ?c, ?a own ?b' >out2.txt 2>err.txt
st=$?
[ "$st" = 124 ] && fail "reverse join still running after 10 s"
[ "$(sed -n 2p out2.txt)" = 20000 ] || fail "reverse count: $(cat out2.txt)"
# rows still come out sorted and complete
"$KG" --db g.db query --format tsv 'match ?a own ?b, ?b sue ?c limit 2' >rows.txt || fail "rows"
printf 'a\tb\tc\tnegated\nA0\tB0\tC0\tfalse\nA1\tB1\tC1\tfalse\n' >want.txt
cmp -s rows.txt want.txt || { diff want.txt rows.txt; fail "rows differ"; }
echo ok
