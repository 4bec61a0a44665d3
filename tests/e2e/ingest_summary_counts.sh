#!/bin/sh
# ingest_summary_counts.sh -- the summary kg ingest prints counts what the run
# added to the graph: after a first ingest its entities and triples equal kg
# stats; after a second run they equal the growth of kg stats (the extractor's
# own counts -- named entities only, repeated triples twice -- did not).
set -u
fail() { echo "FAIL: $*"; exit 1; }
stat_of() { "$KG" --db g.db stats | awk -v k="$1" '$1 == k { print $2 }'; }
"$KG" --db g.db ingest "$KG_DATA/openai-microsoft-cloud.txt" 2>err1.txt || { cat err1.txt; fail "ingest 1"; }
e1=$(sed -n 's/.* sentences\{0,1\}, \([0-9]*\) entit[iesy]*, \([0-9]*\) triples\{0,1\} in .*/\1/p' err1.txt)
t1=$(sed -n 's/.* sentences\{0,1\}, \([0-9]*\) entit[iesy]*, \([0-9]*\) triples\{0,1\} in .*/\2/p' err1.txt)
[ -n "$e1" ] && [ -n "$t1" ] || fail "summary: $(cat err1.txt)"
[ "$e1" = "$(stat_of entities)" ] || fail "entities: summary $e1, stats $(stat_of entities)"
[ "$t1" = "$(stat_of triples)" ] || fail "triples: summary $t1, stats $(stat_of triples)"
cat > more.txt <<'TXT'
Zorvex Labs acquired Brightwater Systems in March 2024. Brightwater Systems supplies sensors to Halden Motors.
Halden Motors hired Maria Lopez as chief engineer. Maria Lopez previously worked for Zorvex Labs.
TXT
e0=$(stat_of entities); t0=$(stat_of triples)
"$KG" --db g.db ingest more.txt "$KG_DATA/openai-microsoft-cloud.txt" 2>err2.txt || { cat err2.txt; fail "ingest 2"; }
grep -q 'ingested 1 document (1 unchanged, 0 failed)' err2.txt || fail "second summary: $(cat err2.txt)"
e2=$(sed -n 's/.* sentences\{0,1\}, \([0-9]*\) entit[iesy]*, \([0-9]*\) triples\{0,1\} in .*/\1/p' err2.txt)
t2=$(sed -n 's/.* sentences\{0,1\}, \([0-9]*\) entit[iesy]*, \([0-9]*\) triples\{0,1\} in .*/\2/p' err2.txt)
[ "$e2" = "$(( $(stat_of entities) - e0 ))" ] || fail "entities added: summary $e2, stats $e0 -> $(stat_of entities)"
[ "$t2" = "$(( $(stat_of triples) - t0 ))" ] || fail "triples added: summary $t2, stats $t0 -> $(stat_of triples)"
[ "$t2" -gt 0 ] || fail "no triple from more.txt"
# counts of one are singular, others plural
printf 'Halden Motors hired Tomas Brenner.\n' > one.txt
"$KG" --db g1.db ingest one.txt 2>err3.txt || { cat err3.txt; fail "ingest 3"; }
grep -q '^kg: ingested 1 document (0 unchanged, 0 failed): 1 sentence, [0-9]* entities, 1 triple in ' err3.txt ||
    fail "singular summary: $(cat err3.txt)"
echo ok
