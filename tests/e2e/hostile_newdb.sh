#!/bin/sh
# hostile_newdb.sh -- a refused run leaves the file system as it was (issue 7):
# kg ingest / import / extract of bad input with --db naming a new path create
# no database, no -wal/-shm/journal, no lock and no temporary file; the first
# good write creates it (WAL mode). Also --db paths that cannot work: a folder,
# a path under a missing folder, a read-only folder (when not root), an empty
# path, a device, a named pipe, a dangling symbolic link, a database written by a newer schema version;
# and a UTF-16 file.
. "$KG_TOP/tests/e2e/lib/rel_common.sh"

mkdir w
listing() { ls -A w | tr '\n' ' '; }
empty_dir() { # LABEL
  [ -z "$(listing)" ] || rel_fail "$1: left files behind: $(listing)"
}

cp "$REL_BINARY" binary.txt
: >empty.txt
printf 'Microsoft pays\000 OpenAI.\n' >nul.txt
printf '\377\376M\000i\000c\000r\000o\000s\000o\000f\000t\000 \000p\000a\000y\000s\000.\000\n\000' >utf16.txt
printf 'a\tb\n' >bad.tsv
printf '<http://a/x> <http://a/p> "unterminated .\n' >bad.nt
printf '{"kind": "triple", "subject": "A"\n' >bad.jsonl

rel_expect "ingest binary into a new db" 3 'binary' -- --db w/new.db ingest binary.txt
empty_dir "ingest binary"
rel_expect "ingest empty into a new db" 3 'empty document' -- --db w/new.db ingest empty.txt
empty_dir "ingest empty"
rel_expect "ingest of several bad files" 3 '' -- --db w/new.db ingest binary.txt empty.txt nul.txt missing.txt
empty_dir "ingest of bad files"
rel_expect "UTF-16 file" 3 'utf16.txt: UTF-16LE text .*not UTF-8' -- --db w/new.db ingest utf16.txt
empty_dir "UTF-16 file"
rel_expect "extract UTF-16" 3 'utf16.txt: UTF-16LE text .*not UTF-8' -- extract utf16.txt
for f in bad.tsv bad.nt bad.jsonl; do
  rel_expect "import $f into a new db" 3 "$f" -- --db w/new.db import --format "${f#bad.}" "$f"
  empty_dir "import $f"
done
rel_expect "import of a missing file" 3 'missing' -- --db w/new.db import missing.tsv
empty_dir "import of a missing file"
# Files with nothing to import (empty, blank lines, comments): exit 0, said
# so, and still no database.
: >empty.tsv
printf '\n\n' >blank.tsv
printf '# a comment\n\n' >comment.nt
: >empty.jsonl
for f in empty.tsv blank.tsv comment.nt empty.jsonl; do
  rel_expect "import $f into a new db" 0 '' -- --db w/new.db import --format "${f#*.}" "$f"
  grep -q "$f: no triples; nothing imported" err.txt || { cat err.txt >&2; rel_fail "import $f: not said"; }
  empty_dir "import $f"
done
rel_expect "query on a missing db" 3 'no database' -- --db w/new.db query 'stats'
empty_dir "query"

# The first good document creates the database, in WAL mode, with no leftovers.
printf 'Microsoft pays OpenAI for cloud services.\n' >good.txt
rel_expect "good after bad" 3 '' -- --db w/new.db ingest binary.txt good.txt
[ -s w/new.db ] || rel_fail "good document: no database created"
[ "$(sqlite3 w/new.db 'PRAGMA journal_mode')" = wal ] || rel_fail "new database not in WAL mode"
[ "$(sqlite3 w/new.db 'SELECT count(*) FROM document')" = 1 ] || rel_fail "good document not stored once"
case "$(listing)" in *kg-*) rel_fail "leftover temporary or lock: $(listing)" ;; esac
rel_integrity w/new.db "new database"

# --db paths that cannot be a database.
rel_expect "--db is a folder" 3 'directory' -- --db w ingest good.txt
rel_expect "--db under a missing folder" 3 'nowhere/x.db' -- --db nowhere/x.db ingest good.txt
[ -e nowhere ] && rel_fail "--db under a missing folder: created it"
mkdir ro
chmod 555 ro
if touch ro/probe 2>/dev/null; then
  rm -f ro/probe
  rel_note "read-only folder: running as root (chmod does not stop writing): skipped"
else
  rel_expect "--db in a read-only folder" 3 'ro/x.db.*(Permission|read-only|cannot)' -- --db ro/x.db ingest good.txt
  [ -z "$(ls -A ro)" ] || rel_fail "read-only folder: files appeared"
fi
chmod 755 ro

# An empty --db, a device and a named pipe (opening it would block): refused
# at once, nothing left in the working folder.
before=$(ls -A | tr '\n' ' ')
rel_expect "--db ''" 3 'empty database path' -- --db '' ingest good.txt
rel_expect "--db /dev/null" 3 'not a regular file' -- --db /dev/null ingest good.txt
rel_expect "query --db /dev/null" 3 'not a regular file' -- --db /dev/null query stats
ln -s missing-target.db dangling.db
rel_expect "--db is a dangling symlink" 3 'symbolic link' -- --db dangling.db ingest good.txt
rm -f dangling.db
mkfifo fifo.db
rel_expect "--db is a named pipe" 3 'not a regular file' -- --db fifo.db ingest good.txt
rel_expect "query --db named pipe" 3 'not a regular file' -- --db fifo.db query stats
rm -f fifo.db
[ "$(ls -A | tr '\n' ' ')" = "$before" ] || rel_fail "odd --db paths left files: $(ls -A | tr '\n' ' ')"

# A database from a newer kg (schema version above ours): refused, untouched.
cp w/new.db newer.db
sqlite3 newer.db 'PRAGMA user_version = 999' >/dev/null
sum=$(sha256sum <newer.db)
rel_expect "query a newer schema" 3 'newer' -- --db newer.db query 'stats'
rel_expect "ingest into a newer schema" 3 'newer' -- --db newer.db ingest good.txt
[ "$(sha256sum <newer.db)" = "$sum" ] || rel_fail "newer schema: the file changed"
echo "PASS hostile_newdb"
