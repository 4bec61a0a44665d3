#!/bin/sh
# text: bad input to "kg tag": invalid UTF-8 names the file and byte offset
# (exit 3) unless --replace-invalid; NUL bytes (binary) are refused; missing
# files, bad options, malformed CoNLL-U and a damaged model fail cleanly;
# a long line without newlines is processed.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
expect() { # STATUS PATTERN CMD...
  want=$1; pat=$2; shift 2
  set +e; "$@" > out.txt 2> err.txt; rc=$?; set -e
  [ "$rc" = "$want" ] || fail "$*: exit $rc, want $want; stderr: $(cat err.txt)"
  grep -q -- "$pat" err.txt || fail "$*: no '$pat' in: $(cat err.txt)"
  grep -q '^kg: ' err.txt || fail "$*: no kg: prefix"
}
printf 'Good text \303\050 here.\n' > bad.txt
expect 3 "bad.txt: invalid UTF-8 at byte offset 10" "$KG" tag bad.txt
"$KG" tag --replace-invalid bad.txt > rep.tsv || fail "--replace-invalid"
grep -q "$(printf '\357\277\275')" rep.tsv || fail "no U+FFFD in: $(cat rep.tsv)"
printf 'abc\000def' > nul.bin
expect 3 "nul.bin: binary" "$KG" tag nul.bin
expect 3 "binary" "$KG" tag --conllu nul.bin
head -c 3000 "$KG" > exe.bin
expect 3 "exe.bin:" "$KG" tag exe.bin
expect 3 "missing.txt" "$KG" tag missing.txt
expect 2 "unknown option" "$KG" tag --frobnicate in.txt
printf '1\tHello\t_\n' > short.conllu
expect 3 "short.conllu:1:" "$KG" tag --conllu short.conllu
printf 'not a model' > fake.bin
echo hi > in.txt
expect 3 "fake.bin: not a kg tagger model" "$KG" tag --model fake.bin in.txt
expect 3 "empty" "$KG" tag --model /dev/null in.txt
# an empty input is fine and prints nothing
: > empty.txt
"$KG" tag empty.txt > e.out || fail "empty input"
[ ! -s e.out ] || fail "output for empty input"
# an invalid byte deep in a large input (a later piece) is reported at its offset
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "Some words here. " }' > deep.txt
printf 'bad \377 byte\n' >> deep.txt
expect 3 "deep.txt: invalid UTF-8 at byte offset 1700004" "$KG" tag deep.txt
# a 4 MB line: processed in pieces, every word tagged
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "Word, and %d. ", i }' > long.txt
"$KG" tag long.txt > long.tsv || fail "long line"
[ "$(grep -c '^Word	' long.tsv)" = 400000 ] || fail "long line lost tokens"
exit 0
