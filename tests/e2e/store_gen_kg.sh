#!/bin/sh
# store: a generated 10,000-triple graph (bench/gen_kg.py: hubs, UTF-8 and odd
# names, duplicates, self-loops) imports with as many triples, entities and
# relations as the file has distinct ones, and importing it again changes nothing.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
gen="$KG_TOP/bench/gen_kg.py"

"$PY" "$gen" --help > help.txt || fail "gen_kg.py --help"
grep -q -- "--edges" help.txt || fail "gen_kg.py help text"
"$PY" "$gen" --edges 10000 --seed 7 > g.tsv
[ "$(wc -l < g.tsv)" = 10000 ] || fail "generator line count"

"$KG" --db g.db import g.tsv 2>err.txt || fail "import: $(cat err.txt)"
want_triples=$(LC_ALL=C sort -u g.tsv | wc -l)
want_entities=$(LC_ALL=C awk -F'\t' '{ print $1; print $3 }' g.tsv | sort -u | wc -l)
want_relations=$(LC_ALL=C cut -f2 g.tsv | sort -u | wc -l)
"$KG" --db g.db stats > s1.txt
grep -qx "triples $want_triples" s1.txt || fail "triples: want $want_triples, got $(cat s1.txt)"
grep -qx "entities $want_entities" s1.txt || fail "entities: want $want_entities, got $(cat s1.txt)"
grep -qx "relations $want_relations" s1.txt || fail "relations: want $want_relations"
grep -qx "documents 1" s1.txt || fail "documents"
grep -q "10000 lines, $want_triples new triples" err.txt || fail "summary: $(cat err.txt)"
# every line is evidence; names survive byte for byte
[ "$(sqlite3 g.db 'SELECT count(*) FROM evidence')" = 10000 ] || fail "evidence rows"
sqlite3 -separator "$(printf '\t')" g.db \
  "SELECT subject, relation, object FROM triples" | LC_ALL=C sort > back.tsv
LC_ALL=C sort -u g.tsv > want.tsv
cmp -s back.tsv want.tsv || { diff back.tsv want.tsv | head -5; fail "triples differ from the file"; }

# the incremental path (a database that already holds a graph) stores the
# same graph as the bulk path (an empty one)
printf 'Seed Entity\tseeds\tOther Entity\n' > seed.tsv
"$KG" --db inc.db import seed.tsv 2>/dev/null || fail "seed import"
"$KG" --db inc.db import g.tsv 2>err.txt || fail "incremental import: $(cat err.txt)"
grep -q "10000 lines, $want_triples new triples" err.txt || fail "incremental summary: $(cat err.txt)"
dump() {
  sqlite3 -separator "$(printf '\t')" "$1" "SELECT subject, relation, object, confidence, negated,
    evidence_count FROM triples WHERE relation <> 'seeds'" | LC_ALL=C sort
}
dump g.db > bulk.txt
dump inc.db > inc.txt
cmp -s bulk.txt inc.txt || { diff bulk.txt inc.txt | head -5; fail "bulk and incremental differ"; }
[ "$(sqlite3 inc.db "SELECT count(*) FROM entity")" = $((want_entities + 2)) ] || fail "incremental entities"
# the bulk load rebuilt every index it dropped
idx() { sqlite3 "$1" "SELECT name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name"; }
[ "$(idx g.db)" = "$(idx inc.db)" ] || fail "indexes differ after the bulk load: $(idx g.db)"
idx g.db | grep -q "^triple_object " || fail "triple_object index missing"
[ "$(sqlite3 g.db 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"
[ "$(sqlite3 g.db 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "foreign_key_check"

# again: nothing changes
gen1=$(sqlite3 g.db "SELECT value FROM meta WHERE key = 'generation'")
"$KG" --db g.db import g.tsv 2>err.txt || fail "re-import"
"$KG" --db g.db stats > s2.txt
cmp s1.txt s2.txt || fail "re-import changed stats"
[ "$(sqlite3 g.db "SELECT value FROM meta WHERE key = 'generation'")" = "$gen1" ] || fail "generation"

# a second, overlapping graph: only new triples are added
"$PY" "$gen" --edges 2000 --seed 7 > h.tsv
"$KG" --db g.db import h.tsv 2>err.txt || fail "overlapping import"
want2=$(cat g.tsv h.tsv | LC_ALL=C sort -u | wc -l)
grep -qx "triples $want2" "$( "$KG" --db g.db stats > s3.txt; echo s3.txt)" || fail "overlap: want $want2"
# two imports racing into one new database: both land, whole, once
"$PY" "$gen" --edges 5000 --seed 11 > p1.tsv
"$PY" "$gen" --edges 5000 --seed 12 > p2.tsv
"$KG" --db race.db import p1.tsv 2>r1.err & pid1=$!
"$KG" --db race.db import p2.tsv 2>r2.err & pid2=$!
wait $pid1 || fail "racing import 1: $(cat r1.err)"
wait $pid2 || fail "racing import 2: $(cat r2.err)"
want3=$(cat p1.tsv p2.tsv | LC_ALL=C sort -u | wc -l)
"$KG" --db race.db stats > s4.txt
grep -qx "triples $want3" s4.txt || fail "race: want $want3 triples, got $(cat s4.txt)"
grep -qx "documents 2" s4.txt || fail "race: documents"
[ "$(sqlite3 race.db 'PRAGMA integrity_check')" = ok ] || fail "race: integrity_check"
[ "$(sqlite3 race.db 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "race: foreign_key_check"
[ "$(sqlite3 race.db 'SELECT count(*) FROM evidence')" = 10000 ] || fail "race: evidence"
echo ok
