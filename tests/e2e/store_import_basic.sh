#!/bin/sh
# store: kg import --format tsv, kg stats (text and jsonl), idempotent re-import,
# read-only commands never create the database.
set -eu
fail() { echo "FAIL: $*"; exit 1; }

# stats on a missing database: exit 3, names the path, creates nothing
set +e
"$KG" --db none.db stats 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "stats on missing db: exit $rc"
grep -q "no database at none.db" err.txt || fail "stats message: $(cat err.txt)"
[ ! -e none.db ] || fail "stats created the database"

printf 'OpenAI\tpartner with\tMicrosoft\nMicrosoft\tinvest in\tOpenAI\nopenai\tpartner with\tMICROSOFT\n\nSociété Générale\tfund\tOpenAI\t0.5\t1\nOpenAI\tpartner with\tMicrosoft\n' > a.tsv
"$KG" --db t.db import a.tsv 2>err.txt || fail "import: $(cat err.txt)"
grep -q "5 lines, 3 new triples, 2 already known" err.txt || fail "summary: $(cat err.txt)"
"$KG" --db t.db stats > s1.txt
printf 'documents 1\nsentences 0\nentities 3\ntriples 3\nrelations 3\n' > want.txt
cmp s1.txt want.txt || { cat s1.txt; fail "stats text"; }
"$KG" --db t.db stats --format jsonl > s1.json
[ "$(cat s1.json)" = '{"documents": 1, "sentences": 0, "entities": 3, "triples": 3, "relations": 3}' ] \
  || fail "stats jsonl: $(cat s1.json)"

# the same bytes again: nothing changes (not even the generation)
gen1=$(sqlite3 t.db "SELECT value FROM meta WHERE key = 'generation'")
"$KG" --db t.db import --format tsv a.tsv 2>err.txt || fail "re-import"
grep -q "already imported" err.txt || fail "re-import message: $(cat err.txt)"
"$KG" --db t.db stats > s2.txt
cmp s1.txt s2.txt || fail "re-import changed stats"
gen2=$(sqlite3 t.db "SELECT value FROM meta WHERE key = 'generation'")
[ "$gen1" = "$gen2" ] || fail "re-import bumped the generation"

# the same from standard input is also a no-op; a new file adds and bumps
"$KG" --db t.db import - < a.tsv 2>/dev/null || fail "stdin import"
cmp s1.txt "$( "$KG" --db t.db stats > s3.txt; echo s3.txt)" || fail "stdin re-import changed stats"
printf 'Microsoft\tacquire\tNuance\n' | "$KG" --db t.db import - 2>/dev/null || fail "stdin import 2"
[ "$("$KG" --db t.db stats | grep '^triples')" = "triples 4" ] || fail "new triple not added"
gen3=$(sqlite3 t.db "SELECT value FROM meta WHERE key = 'generation'")
[ "$gen3" -gt "$gen2" ] || fail "generation not bumped ($gen2 -> $gen3)"

# schema facts other engineers and scripts rely on
[ "$(sqlite3 t.db 'PRAGMA user_version')" = 1 ] || fail "user_version"
[ "$(sqlite3 t.db 'PRAGMA journal_mode')" = wal ] || fail "journal_mode"
[ "$(sqlite3 t.db "SELECT confidence || ' ' || negated FROM triples WHERE subject = 'Société Générale'")" = "0.5 1" ] \
  || fail "confidence/negated columns"
[ "$(sqlite3 t.db "SELECT count(*) FROM evidence_text WHERE document = 'a.tsv'")" = 5 ] || fail "evidence rows"
[ "$(sqlite3 t.db "SELECT kind FROM document WHERE source = 'a.tsv'")" = tsv ] || fail "document kind"
# a database is created atomically; temporaries left by a killed creator
# (PATH.kg-new-PID of a process that is gone) are cleaned up, others kept
dead=$(sh -c 'echo $$')
touch "n.db.kg-new-$dead" "n.db.kg-new-$dead-wal" "other.db.kg-new-$dead" "n.db.kg-new-$$"
printf 'A\tr\tB\n' | "$KG" --db n.db import - 2>/dev/null || fail "import into new db"
[ ! -e "n.db.kg-new-$dead" ] && [ ! -e "n.db.kg-new-$dead-wal" ] || fail "stale temporaries kept"
[ -e "other.db.kg-new-$dead" ] || fail "another database's temporary removed"
[ -e "n.db.kg-new-$$" ] || fail "a live process's temporary removed"
[ "$(sqlite3 n.db 'SELECT count(*) FROM triple')" = 1 ] || fail "new db content"
echo ok
