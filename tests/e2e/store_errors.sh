#!/bin/sh
# store: bad input to kg import is reported as "kg: FILE:LINE:COL: ..." with exit 3
# and leaves the database exactly as it was; bad databases are refused by name.
set -eu
fail() { echo "FAIL: $*"; exit 1; }

printf 'A\tknows\tB\nB\tknows\tC\n' > good.tsv
"$KG" --db t.db import good.tsv 2>/dev/null || fail "good import"
"$KG" --db t.db stats > before.txt
snap() { sqlite3 t.db "SELECT count(*) FROM document; SELECT count(*) FROM entity;
  SELECT count(*) FROM relation; SELECT count(*) FROM triple; SELECT count(*) FROM evidence;
  SELECT value FROM meta WHERE key = 'generation'"; }
snap > snap0.txt

# expect_bad FILE LINE PATTERN: import fails with exit 3, names FILE:LINE, nothing changes
expect_bad() {
  set +e
  "$KG" --db t.db import "$1" 2>err.txt; rc=$?
  set -e
  [ "$rc" = 3 ] || fail "$1: exit $rc, want 3"
  grep -q "^kg: $1:$2:" err.txt || fail "$1: no $1:$2: in: $(cat err.txt)"
  grep -q "$3" err.txt || fail "$1: no '$3' in: $(cat err.txt)"
  snap > snap1.txt
  cmp -s snap0.txt snap1.txt || fail "$1: database changed"
}

# new valid lines first, so a half-written import would show
printf 'N1\tr\tN2\nN3\tr\tN4\nonly two\tfields\nN5\tr\tN6\n' > two_fields.tsv
expect_bad two_fields.tsv 3 "expected 3 tab-separated fields"
printf 'N1\tr\tN2\n\tr\tN4\n' > empty_subject.tsv
expect_bad empty_subject.tsv 2 "empty subject"
printf 'N1\tr\tN2\nN3\t  \tN4\n' > empty_relation.tsv
expect_bad empty_relation.tsv 2 "empty relation"
printf 'N1\tr\tN2\nN1\tr\tN2\nCaf\351\tr\tN4\n' > latin1.tsv
expect_bad latin1.tsv 3 "invalid UTF-8"
printf 'N1\tr\tN2\nN3\tr\tN\0004\n' > nul.tsv
expect_bad nul.tsv 2 "NUL byte"
printf 'N1\tr\tN2\na\tb\tc\td\te\tf\n' > six.tsv
expect_bad six.tsv 2 "too many fields"
printf 'N1\tr\tN2\t0.5\nN3\tr\tN4\thigh\n' > conf.tsv
expect_bad conf.tsv 2 "confidence"
printf 'N1\tr\tN2\t0.5\tmaybe\n' > neg.tsv
expect_bad neg.tsv 1 "negated"
# the column counts characters: the bad byte is character 12 (byte 14)
printf 'Soci\303\251t\303\251\tr\tN\377\n' > col.tsv
expect_bad col.tsv 1 "invalid UTF-8"
grep -q "^kg: col.tsv:1:12:" err.txt || fail "column not in characters: $(cat err.txt)"
# a too-long name (KG_MAX_NAME_BYTES = 4096)
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "x"; printf "N1\tr\tN2\n%s\tr\tN4\n", s }' > long.tsv
expect_bad long.tsv 2 "longer than"

# bad input from standard input names <stdin>
set +e
printf 'N1\tr\n' | "$KG" --db t.db import - 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "stdin: exit $rc"
grep -q "^kg: <stdin>:1:" err.txt || fail "stdin message: $(cat err.txt)"

# unreadable paths
set +e
"$KG" --db t.db import missing.tsv 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "missing: exit $rc"
grep -q "missing.tsv" err.txt || fail "missing message: $(cat err.txt)"
mkdir adir
set +e
"$KG" --db t.db import adir 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "directory: exit $rc"
grep -q "adir" err.txt || fail "directory message: $(cat err.txt)"
snap > snap1.txt
cmp -s snap0.txt snap1.txt || fail "database changed by unreadable paths"

# usage errors: exit 2
set +e
"$KG" --db t.db import --format xml good.tsv 2>err.txt; rc=$?
set -e
[ "$rc" = 2 ] || fail "bad format: exit $rc"
set +e
"$KG" --db t.db import 2>err.txt; rc=$?
set -e
[ "$rc" = 2 ] || fail "no path: exit $rc"
set +e
"$KG" --db t.db stats --format xml 2>err.txt; rc=$?
set -e
[ "$rc" = 2 ] || fail "stats bad format: exit $rc"

# a file that is not an SQLite database: refused by name, left untouched
cp good.tsv notdb.db
for cmd in stats "import good.tsv"; do
  set +e
  "$KG" --db notdb.db $cmd 2>err.txt; rc=$?
  set -e
  [ "$rc" = 3 ] || fail "not a db ($cmd): exit $rc"
  grep -q "notdb.db: not a kg database" err.txt || fail "not a db message: $(cat err.txt)"
done
cmp -s good.tsv notdb.db || fail "non-database file was modified"
[ ! -e notdb.db-wal ] || fail "non-database got a WAL file"

# a newer schema version is refused
sqlite3 new.db "CREATE TABLE x(a); PRAGMA user_version = 999"
set +e
"$KG" --db new.db stats 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "new schema: exit $rc"
grep -q "new.db.*999" err.txt || fail "new schema message: $(cat err.txt)"

"$KG" --db t.db stats > after.txt
cmp before.txt after.txt || fail "stats changed"
echo ok
