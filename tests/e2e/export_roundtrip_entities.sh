#!/bin/sh
# export_roundtrip_entities.sh -- kg export --format jsonl|nt then kg import
# gives back the same entities (names, types, mention counts, entities in no
# triple), the same aliases (so `neighbors AWS` still works) and the same
# triples; the imports used to drop aliases and mention counts, and nt also
# the entities in no triple.
set -u
fail() { echo "FAIL: $*"; exit 1; }
"$KG" --db a.db ingest "$KG_DATA/openai-microsoft-cloud.txt" 2>/dev/null || fail "ingest"
q_ent='SELECT name, type, mention_count FROM entity ORDER BY 1, 2'
q_al='SELECT e.name, a.alias FROM alias a JOIN entity e ON e.id = a.entity_id ORDER BY 1, 2'
q_tr='SELECT subject, relation, object, negated, confidence, time FROM triples ORDER BY 1, 2, 3, 4'
sqlite3 a.db "$q_ent" >ent.want; sqlite3 a.db "$q_al" >al.want; sqlite3 a.db "$q_tr" >tr.want
[ -s al.want ] || fail "the sample has no alias to check"
for f in jsonl nt; do
    "$KG" --db a.db export --format $f -o out.$f || fail "export $f"
    "$KG" --db b_$f.db import --format $f out.$f 2>err.txt || { cat err.txt; fail "import $f"; }
    sqlite3 b_$f.db "$q_ent" >ent.got; sqlite3 b_$f.db "$q_al" >al.got; sqlite3 b_$f.db "$q_tr" >tr.got
    cmp -s ent.want ent.got || { diff ent.want ent.got | head; fail "$f: entities differ"; }
    cmp -s al.want al.got || { diff al.want al.got | head; fail "$f: aliases differ"; }
    cmp -s tr.want tr.got || { diff tr.want tr.got | head; fail "$f: triples differ"; }
    alias=$(head -n 1 al.want | cut -d'|' -f2)
    "$KG" --db b_$f.db query --format tsv "describe \"$alias\"" >d.txt 2>&1 || { cat d.txt; fail "$f: alias $alias unknown"; }
done
echo ok
