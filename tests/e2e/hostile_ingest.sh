#!/bin/sh
# hostile_ingest.sh -- hostile input to kg ingest (issue 7): binary files,
# invalid UTF-8, NUL bytes, a 50 MB single line, a document over the size
# limit, an empty (or blank) file, a missing path, a folder holding good files next to a
# binary one, a broken symlink, an unreadable file and symlink loops, binary
# standard input, and database paths that are not kg databases. Each refused
# input: exit 3, a "kg: " message naming the file, no crash or hang, and the
# database unchanged (sqlite3 .dump hash); the good files of a folder still land.
. "$KG_TOP/tests/e2e/lib/rel_common.sh"

db=h.db
printf 'Microsoft pays OpenAI for cloud services. Satya Nadella leads Microsoft.\n' >good.txt
rel_expect "good document" 0 "" -- --db "$db" ingest good.txt
h0=$(rel_db_hash "$db")
docs() { sqlite3 "$db" 'SELECT count(*) FROM document'; }

unchanged() {
  [ "$(rel_db_hash "$db")" = "$h0" ] || rel_fail "$1: the database changed"
}
refused() { # LABEL FILE PATTERN
  rel_expect "$1" 3 "$3" -- --db "$db" ingest "$2"
  grep -qF "$2" err.txt || { cat err.txt >&2; rel_fail "$1: the message does not name $2"; }
  unchanged "$1"
}

cp "$REL_BINARY" binary.txt
refused "binary file" binary.txt 'binary|NUL'
head -c 100000 /dev/urandom >random.txt
refused "random bytes" random.txt 'binary|NUL|UTF-8'
for bad in '\200' '\300\257' '\355\240\200' '\364\220\200\200' '\376'; do
  { printf 'Microsoft pays OpenAI. '; printf "Bad $bad byte.\n"; } >badutf8.txt
  refused "invalid UTF-8 ($bad)" badutf8.txt 'UTF-8.*(offset|byte) *2[0-9]|offset 2[0-9]'
done
printf 'Microsoft pays\000 OpenAI.\n' >nul.txt
refused "NUL byte" nul.txt 'binary|NUL'
cp "$REL_BINARY" stdin.bin
timeout -k 5 "$REL_TIMEOUT" "$KG" --db "$db" ingest - <stdin.bin >out.txt 2>err.txt
st=$?
[ "$st" = 3 ] || { cat err.txt >&2; rel_fail "binary stdin: exit $st, want 3"; }
rel_check_stderr err.txt "binary stdin"
grep -q '^kg: ' err.txt || rel_fail "binary stdin: no message"
unchanged "binary stdin"

refused "missing path" does-not-exist.txt 'No such file|not exist|cannot'

# A document over KG_MAX_DOCUMENT_BYTES (64 MB): refused before any work.
head -c 70000000 /dev/zero | tr '\0' 'a' >huge.txt
refused "70 MB document" huge.txt 'limit|larger|too (big|large)'
rm -f huge.txt

# An empty file, or one with only white space / a byte order mark: refused
# (exit 3, "empty document"), nothing stored; a good file beside it still lands.
: >empty.txt
refused "empty file" empty.txt 'empty document'
printf ' \n\t\r\n\n  \n' >blank.txt
refused "white space only" blank.txt 'empty document'
printf '\357\273\277' >bom.txt
refused "byte order mark only" bom.txt 'empty document'
printf '\357\273\277\n\302\240\342\200\250\343\200\200\n' >ublank.txt
refused "Unicode spaces only" ublank.txt 'empty document'
printf '' | timeout -k 5 "$REL_TIMEOUT" "$KG" --db "$db" ingest - >out.txt 2>err.txt
st=$?
[ "$st" = 3 ] && grep -q 'stdin.*empty document' err.txt || { cat err.txt >&2; rel_fail "empty stdin: exit $st"; }
unchanged "empty stdin"
printf 'Oracle hired Larry.\n' >fine.txt
before=$(docs)
rel_expect "empty file beside a good one" 3 'empty\.txt: empty document' -- --db "$db" ingest empty.txt fine.txt
[ "$(docs)" = $((before + 1)) ] || rel_fail "empty beside good: $(docs) documents, want $((before + 1))"
grep -q 'ingested 1 document (0 unchanged, 1 failed)' err.txt || { cat err.txt >&2; rel_fail "empty beside good: summary"; }
# A valid document with no triple is stored (not an error).
printf 'Hello there.\n' >notriple.txt
rel_expect "document without triples" 0 "" -- --db "$db" ingest notriple.txt
grep -q 'no triples' err.txt || { cat err.txt >&2; rel_fail "no-triple document: not reported"; }
[ "$(docs)" = $((before + 2)) ] || rel_fail "no-triple document: not stored"
# kg extract: the same refusal.
for f in empty.txt blank.txt bom.txt; do
  rel_expect "extract $f" 3 "$f: empty document" -- extract "$f"
  [ -s out.txt ] && rel_fail "extract $f: printed output"
done
h0=$(rel_db_hash "$db")

# A folder: two good files, a binary one, a broken symlink, symlink loops, an
# unreadable file (when not root). The good ones land; each bad one is named.
mkdir -p dir/sub
printf 'Google bought Fitbit in 2021.\n' >dir/a.txt
printf 'Amazon Web Services hosts Netflix.\n' >dir/sub/b.txt
cp "$REL_BINARY" dir/c.bin
ln -s nowhere dir/d.txt
ln -s .. dir/sub/up1
ln -s .. dir/sub/up2
ln -s . dir/self
printf 'Apple sued Samsung.\n' >dir/e.txt; chmod 000 dir/e.txt
is_root=0; cat dir/e.txt >/dev/null 2>&1 && is_root=1
before=$(docs)
rel_expect "folder with bad files" 3 "" -- --db "$db" ingest dir
grep -q 'dir/c.bin' err.txt || { cat err.txt >&2; rel_fail "folder: the binary file is not named"; }
grep -q 'dir/d.txt' err.txt || { cat err.txt >&2; rel_fail "folder: the broken symlink is not named"; }
if [ "$is_root" = 0 ]; then
  grep -q 'dir/e.txt' err.txt || { cat err.txt >&2; rel_fail "folder: the unreadable file is not named"; }
  want=$((before + 2))
else
  rel_note "unreadable file: running as root (chmod 000 does not stop reading): it ingests"
  want=$((before + 3))
fi
[ "$(docs)" = "$want" ] || rel_fail "folder: $(docs) documents, want $want (good files must land once each)"
chmod 644 dir/e.txt
rel_integrity "$db" "folder"
h0=$(rel_db_hash "$db")

# A 50 MB single line (10 MB under ASan): one giant token, and words without a
# sentence end. Stored or refused with a limit error; bounded time either way.
mb=50; [ "$REL_ASAN" = 1 ] && mb=10
head -c $((mb * 1000000)) /dev/zero | tr '\0' 'a' >line.txt
rel_expect "${mb} MB single line" "0|3" 'limit|larger|long' -- --db big.db ingest line.txt
rm -f line.txt
awk 'BEGIN { for (i = 0; i < 8000; i++) printf "Microsoft pays OpenAI and Amazon %d ", i }' >words.txt
rel_expect "280 kB line of words" "0|3" 'limit|larger|long' -- --db big.db ingest words.txt
[ -s big.db ] && rel_integrity big.db "long lines"

# Database paths that are not kg databases: refused, file untouched.
mkdir notadb.db
rel_expect "--db is a folder" 3 'directory|folder' -- --db notadb.db ingest good.txt
printf 'just some text\n' >text.db
sum=$(sha256sum <text.db)
rel_expect "--db is a text file" 3 'not a|database' -- --db text.db ingest good.txt
[ "$(sha256sum <text.db)" = "$sum" ] || rel_fail "--db text file: the file was modified"

# A name with quotes, semicolons and SQL as --source: stored verbatim.
sql="'); DROP TABLE document; --"
printf 'IBM acquired Red Hat in 2019.\n' >sql.txt
rel_expect "SQL-looking --source" 0 "" -- --db "$db" ingest --source "$sql" sql.txt
[ "$(sqlite3 "$db" "SELECT count(*) FROM document WHERE source = '''); DROP TABLE document; --'")" = 1 ] \
  || rel_fail "SQL-looking --source not stored verbatim"
rel_integrity "$db" "SQL source"
echo "PASS hostile_ingest"
