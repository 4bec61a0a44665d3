#!/bin/sh
# import_tsv_header_comments.sh -- kg import --format tsv skips what people put
# around triples: a header line "subject relation object [confidence negated]"
# (any case; only as the first line) and comment lines ('#' then a space, a
# '#', or no tab at all), so a hashtag name ("#MeToo") still starts a triple.
# A file of nothing but comments imports nothing (exit 0, no database), as
# docs/CLI.md says. The summary counts in the singular for one line.
set -u
fail() { echo "FAIL: $*"; exit 1; }
printf 'Subject\tRelation\tObject\tConfidence\tNegated\n# source: notes\n#MeToo\tinspire\tX\n## A\tr\tOld\n#\tr\tY\nA\tr\tB\t0.5\ttrue\n' >h.tsv
"$KG" --db h.db import h.tsv 2>err.txt || { cat err.txt; fail "import h.tsv"; }
grep -q 'kg: h.tsv: 2 lines, 2 new triples, 0 already known' err.txt || fail "summary: $(cat err.txt)"
"$KG" --db h.db query --format tsv 'match ?a ?r ?b' >out.txt || fail "query"
printf 'a\tr\tb\tnegated\n#MeToo\tinspire\tX\tfalse\nA\tr\tB\ttrue\n' >want.txt
cmp -s out.txt want.txt || { diff want.txt out.txt; fail "triples"; }
# a header anywhere but first is data
printf 'A\tr\tB\nsubject\trelation\tobject\n' >late.tsv
"$KG" --db late.db import late.tsv 2>/dev/null || fail "import late.tsv"
[ "$(sqlite3 late.db 'SELECT count(*) FROM triple')" = 2 ] || fail "late header"
# comments only: nothing imported, no database
printf '# nothing here\n\n#also nothing\n' >c.tsv
"$KG" --db c.db import c.tsv 2>err.txt || { cat err.txt; fail "comments-only exit"; }
grep -q 'no triples; nothing imported' err.txt || fail "comments-only message: $(cat err.txt)"
[ ! -e c.db ] || fail "comments-only created a database"
# one line: singular
printf 'P\tq\tR\n' >one.tsv
"$KG" --db one.db import one.tsv 2>err.txt || fail "one line"
grep -q 'kg: one.tsv: 1 line, 1 new triple, 0 already known' err.txt || fail "singular: $(cat err.txt)"
# negated in any case (Python writes True / False)
printf 'A\tr\tB\t0.5\tTrue\nC\tr\tD\t1\tFALSE\n' >py.tsv
"$KG" --db py.db import py.tsv 2>err.txt || { cat err.txt; fail "True/False"; }
[ "$(sqlite3 py.db 'SELECT group_concat(negated) FROM (SELECT negated FROM triple ORDER BY id)')" = "1,0" ] ||
    fail "True/False values"
# still refused: a line with too few fields
printf 'A\tr\n' >bad.tsv
"$KG" --db bad.db import bad.tsv 2>err.txt; st=$?
[ "$st" = 3 ] || fail "bad line exit $st"
grep -q 'bad.tsv:1:' err.txt || fail "bad line message: $(cat err.txt)"
# a CSV line: the message says so
printf 'Microsoft,pay,OpenAI\n' >c.csv
"$KG" --db csv.db import c.csv 2>err.txt; st=$?
[ "$st" = 3 ] || fail "csv exit $st"
grep -q 'c.csv:1:.*a CSV file? separate the fields with tabs' err.txt || fail "csv message: $(cat err.txt)"
echo ok
