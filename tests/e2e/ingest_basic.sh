#!/bin/sh
# ingest_basic.sh -- kg ingest: the sample article, idempotence, folders, stdin with
# --source, a valid document without triples, and bad files skipped (exit 3) with
# the database otherwise unchanged.
set -u
. "$KG_TOP/tests/e2e/lib/extract_lib.sh"
need_model
art="$KG_DATA/openai-microsoft-cloud.txt"
count() { sqlite3 kg.db "select (select count(*) from document)||' '||(select count(*) from triple)||' '||(select count(*) from evidence)||' '||(select count(*) from mention)"; }
"$KG" ingest "$art" 2> err || { cat err; fail "ingest exit"; }
grep -q "^kg: ingested 1 document (0 unchanged, 0 failed): [0-9]* sentences, [0-9]* entities, [0-9]* triples in" err || { cat err; fail "summary"; }
[ "$(sqlite3 kg.db 'select count(*) from triples where subject="Microsoft" and relation="pay" and object="OpenAI" and negated=1')" = 1 ] || fail "stored negated pay"
sqlite3 kg.db "select count(*) from evidence e join sentence s on s.id = e.sentence_id" | grep -qv '^0$' || fail "evidence sentences"
before=$(count)
"$KG" ingest "$art" 2> err || fail "re-ingest exit"
grep -q "unchanged" err || fail "re-ingest message"
[ "$(count)" = "$before" ] || fail "re-ingest changed the database"
# folders (recursively) and stdin with --source
mkdir -p docs/sub
printf 'Google acquired YouTube in 2006. YouTube is based in San Bruno.\n' > docs/a.txt
printf 'Amazon Web Services signed a deal with OpenAI.\n' > docs/sub/b.txt
"$KG" ingest docs 2> err || { cat err; fail "folder ingest"; }
grep -q "ingested 2 documents" err || { cat err; fail "folder count"; }
printf 'Satya Nadella leads Microsoft.\n' | "$KG" ingest --source wire-42 - 2> err || fail "stdin ingest"
[ "$(sqlite3 kg.db "select count(*) from document where source='wire-42'")" = 1 ] || fail "--source"
# a valid document without triples is stored and reported
printf 'Key Takeaways\n' > empty.txt
"$KG" ingest empty.txt 2> err || fail "no-triple document exit"
grep -q "no triples" err || fail "no-triple message"
[ "$(sqlite3 kg.db "select count(*) from document where source='empty.txt'")" = 1 ] || fail "no-triple stored"
# bad files: reported, skipped, exit 3, nothing else changes
before=$(count)
printf 'Microsoft pays\377 OpenAI.\n' > bad.txt
printf 'x\000y' > bin.txt
"$KG" ingest bad.txt bin.txt missing.txt 2> err; rc=$?
[ $rc = 3 ] || fail "bad files: exit $rc"
grep -q "^kg: bad.txt: invalid UTF-8 at byte offset 14" err || { cat err; fail "bad UTF-8 message"; }
grep -q "^kg: bin.txt" err || fail "binary message"
grep -q "3 failed" err || fail "failed count"
[ "$(count)" = "$before" ] || fail "bad files changed the database"
# a good file after a bad one is still stored
printf 'Nvidia supplies chips to OpenAI.\n' > good.txt
"$KG" ingest bad.txt good.txt 2> err; rc=$?
[ $rc = 3 ] || fail "mixed: exit $rc"
[ "$(sqlite3 kg.db "select count(*) from document where source='good.txt'")" = 1 ] || fail "good file after bad"
"$KG" ingest 2> err; [ $? = 2 ] || fail "no input: usage"
echo ok
