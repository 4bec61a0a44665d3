#!/bin/sh
# hostile_import.sh -- hostile input to kg import --format tsv (issue 7):
# binary data, invalid UTF-8, NUL bytes, a 50 MB single line, an empty file,
# a directory, a broken symlink, an unreadable file, a missing path, a bad
# line after many good ones, and names made of quotes, semicolons and SQL;
# binary, invalid UTF-8, truncated and missing files for --format nt and jsonl.
# Each refused input: the documented exit status (3), a "kg: " message naming
# the file (and line), no crash or hang, and the database byte-for-byte
# unchanged (sqlite3 .dump hash). SQL-looking names are stored as plain text.
. "$KG_TOP/tests/e2e/lib/rel_common.sh"

db=h.db
printf 'Microsoft\tpay\tOpenAI\nOpenAI\tpartner with\tAmazon\n' >good.tsv
rel_expect "good import" 0 "" -- --db "$db" import good.tsv
h0=$(rel_db_hash "$db")
tables0=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master")

unchanged() {
  [ "$(rel_db_hash "$db")" = "$h0" ] || rel_fail "$1: the database changed"
}
refused() { # LABEL FILE PATTERN
  rel_expect "$1" 3 "$3" -- --db "$db" import "$2"
  grep -qF "$2" err.txt || { cat err.txt >&2; rel_fail "$1: the message does not name $2"; }
  unchanged "$1"
}

# Binary data: the kg executable itself, and random bytes.
cp "$REL_BINARY" binary.tsv
refused "binary file" binary.tsv 'NUL|binary|UTF-8'
head -c 65536 /dev/urandom >random.tsv
refused "random bytes" random.tsv 'NUL|binary|UTF-8|field|line'

# Invalid UTF-8 on line 3 (a lone continuation byte, an overlong, a surrogate).
for bad in '\200' '\300\257' '\355\240\200' '\370\210\200\200\200'; do
  { printf 'a\tb\tc\nd\te\tf\n'; printf "x$bad\ty\tz\n"; } >badutf8.tsv
  refused "invalid UTF-8 ($bad)" badutf8.tsv 'badutf8.tsv:3:.*UTF-8'
done

# A NUL byte inside a field on line 2.
printf 'a\tb\tc\nd\000x\te\tf\n' >nul.tsv
refused "NUL byte" nul.tsv 'nul.tsv:2:'

# One bad line after 2000 good ones: nothing of the good ones is written.
awk 'BEGIN { for (i = 0; i < 2000; i++) printf "E%d\trel%d\tE%d\n", i, i % 7, i + 1;
             printf "only\ttwo\n" }' >late.tsv
refused "bad line 2001" late.tsv 'late.tsv:2001'

# A 50 MB single line (8 MB under ASan): over the 1 MB line limit.
mb=50; [ "$REL_ASAN" = 1 ] && mb=8
{ printf 'a\tb\t'; head -c $((mb * 1000000)) /dev/zero | tr '\0' 'c'; printf '\n'; } >long.tsv
refused "${mb} MB line" long.tsv 'longer|limit|too long'
rm -f long.tsv

# A line of 3 fields whose name is over the name limit (KG_MAX_NAME_BYTES).
{ printf 'a\tb\t'; head -c 70000 /dev/zero | tr '\0' 'n'; printf '\n'; } >longname.tsv
rel_expect "70 kB name" "0|3" "longname.tsv" -- --db "$db" import longname.tsv
[ "$REL_STATUS" = 3 ] && unchanged "70 kB name"
h0=$(rel_db_hash "$db")

# Paths that cannot be read.
refused "missing path" does-not-exist.tsv 'No such file|not exist|cannot'
mkdir dir.tsv
refused "directory" dir.tsv 'directory'
ln -s nowhere broken.tsv
refused "broken symlink" broken.tsv 'No such file|cannot'
printf 'a\tb\tc\n' >secret.tsv; chmod 000 secret.tsv
if cat secret.tsv >/dev/null 2>&1; then
  rel_note "unreadable file: skipped (running as root, chmod 000 does not stop reading)"
else
  refused "unreadable file" secret.tsv 'ermission'
fi

# Standard input carrying binary data.
timeout -k 5 "$REL_TIMEOUT" "$KG" --db "$db" import - <"$KG" >out.txt 2>err.txt
st=$?
[ "$st" = 3 ] || rel_fail "binary stdin: exit $st, want 3"
grep -q '^kg: ' err.txt || rel_fail "binary stdin: no message"
rel_check_stderr err.txt "binary stdin"
unchanged "binary stdin"

# An empty file: accepted (nothing to add) or refused, never a crash.
: >empty.tsv
rel_expect "empty file" "0|3" "" -- --db "$db" import empty.tsv
[ "$(sqlite3 "$db" 'SELECT count(*) FROM triple')" = 2 ] || rel_fail "empty file: triples changed"
h0=$(rel_db_hash "$db")

# The N-Triples and jsonl importers: binary data, invalid UTF-8, truncated
# lines, a missing file: refused whole, database unchanged.
for fmt in nt jsonl; do
  cp "$REL_BINARY" "binary.$fmt"
  printf '<http://a/x> <http://a/p> <http://a/\377> .\n' >"badutf8.$fmt"
  if [ "$fmt" = nt ]; then
    printf '<http://a/x> <http://a/p> <http://a/y> .\n<http://a/x> <http://a/p> "unterminated .\n' >"trunc.$fmt"
  else
    printf '{"kind": "triple", "subject": "A", "relation": "r", "object": "B"}\n{"kind": "triple", "subject": "A"' >"trunc.$fmt"
  fi
  for f in "binary.$fmt" "badutf8.$fmt" "trunc.$fmt" "missing.$fmt"; do
    rel_expect "$fmt: $f" 3 "$f" -- --db "$db" import --format "$fmt" "$f"
    unchanged "$fmt: $f"
  done
done

# A NUL byte or a bad UTF-8 byte inside a later line: FILE:LINE:COLUMN, like
# every other import error (column in characters).
printf '<http://a/x> <http://a/p> <http://a/y> .\n<http://a/x> <http://a/p> "\303\251b\000c" .\n' >nul2.nt
rel_expect "nt: NUL byte on line 2" 3 'nul2\.nt:2:30: NUL byte' -- --db "$db" import --format nt nul2.nt
unchanged "nt: NUL byte on line 2"
printf '<http://a/x> <http://a/p> <http://a/y> .\n<http://a/x> <http://a/p> "\303\251b\377" .\n' >bad2.nt
rel_expect "nt: bad UTF-8 on line 2" 3 'bad2\.nt:2:30: invalid UTF-8' -- --db "$db" import --format nt bad2.nt
printf '{"kind": "triple", "subject": "A", "relation": "r", "object": "B"}\n{"kind": "triple", "subject": "\303\251\000"}\n' >nul2.jsonl
rel_expect "jsonl: NUL byte on line 2" 3 'nul2\.jsonl:2:33: NUL byte' -- --db "$db" import --format jsonl nul2.jsonl
unchanged "jsonl: NUL byte on line 2"

# Names that look like SQL, quotes and semicolons are data: stored verbatim.
sql="'); DROP TABLE triple; --"
printf '%s\tpay\tOpenAI\nRobert"); DELETE FROM entity; --\tis "named"\tO'"'"'Brien; x\nA\\B\t;;\t%s\n' \
  "$sql" "$sql" >sql.tsv
rel_expect "SQL-looking names" 0 "" -- --db "$db" import sql.tsv
[ "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master")" = "$tables0" ] || rel_fail "SQL names: schema changed"
rel_integrity "$db" "SQL names"
got=$(sqlite3 -separator '|' "$db" "SELECT subject, relation, object FROM triples ORDER BY id" | tail -n 3)
want=$(printf '%s|pay|OpenAI\nRobert"); DELETE FROM entity; --|is "named"|O'"'"'Brien; x\nA\\B|;;|%s' "$sql" "$sql")
# relations are normalised (lower case); compare case-insensitively
if [ "$(printf '%s' "$got" | tr 'A-Z' 'a-z')" != "$(printf '%s' "$want" | tr 'A-Z' 'a-z')" ]; then
  printf 'got:\n%s\nwant:\n%s\n' "$got" "$want" >&2
  rel_fail "SQL-looking names were not stored verbatim"
fi
[ "$(sqlite3 "$db" 'SELECT count(*) FROM triple')" = 5 ] || rel_fail "SQL names: wrong triple count"
echo "PASS hostile_import"
