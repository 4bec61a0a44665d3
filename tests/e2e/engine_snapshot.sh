#!/bin/sh
# engine_snapshot.sh -- the adjacency snapshot beside the database (DB.adj)
# through the CLI: written on the first query, rebuilt when the store changes,
# replaced when corrupt or truncated, never reused for a database rebuilt to
# the same shape, and safe when several queries rebuild it at once.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
ents() { # the entities a neighbors query returns, sorted, one a line
  "$KG" --db g.db query --format jsonl "$1" | sed -n 's/^{"entity": "\([^"]*\)".*/\1/p' | sort | tr '\n' ' '
}

printf 'A\tpay\tB\nB\town\tC\n' > one.tsv
"$KG" --db g.db import one.tsv 2>/dev/null
[ "$(ents 'neighbors A depth 2')" = "B C " ] || fail "first query: $(ents 'neighbors A depth 2')"
[ -s g.db.adj ] || fail "no snapshot written beside the database"

printf 'C\tsue\tD\n' > two.tsv
"$KG" --db g.db import two.tsv 2>/dev/null
[ "$(ents 'neighbors A depth 3')" = "B C D " ] || fail "after an import: $(ents 'neighbors A depth 3')"

printf 'garbage garbage garbage garbage' > g.db.adj
[ "$(ents 'neighbors A depth 3')" = "B C D " ] || fail "corrupt snapshot was used"
head -c 100 g.db.adj > t && mv t g.db.adj
[ "$(ents 'neighbors D depth 3')" = "A B C " ] || fail "truncated snapshot was used"

# the same shape again, one edge turned round, with the old snapshot kept
cp g.db.adj old.adj
rm -f g.db g.db-wal g.db-shm
printf 'A\tpay\tB\nC\town\tB\n' > one.tsv
"$KG" --db g.db import one.tsv 2>/dev/null
"$KG" --db g.db import two.tsv 2>/dev/null
cp old.adj g.db.adj
[ "$(ents 'neighbors C out')" = "B D " ] || fail "stale snapshot of a rebuilt database: $(ents 'neighbors C out')"

# several processes rebuilding at once
printf 'D\tpay\tE\n' > three.tsv
"$KG" --db g.db import three.tsv 2>/dev/null
for i in 1 2 3 4; do
  ("$KG" --db g.db query --format jsonl 'neighbors A depth 4' > par$i.out 2>&1 || echo "exit $?" >> par$i.out) &
done
wait
for i in 1 2 3 4; do
  n=$(grep -c '"entity"' par$i.out || true)
  [ "$n" = 4 ] || fail "parallel query $i: $(cat par$i.out)"
done
ls g.db.adj.tmp.* >/dev/null 2>&1 && fail "temporary snapshot files left behind"
echo "snapshot: written, rebuilt, replaced, never stale"
