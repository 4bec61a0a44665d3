#!/bin/sh
# extract_errors.sh -- bad input and usage: clear "kg:" messages naming the file,
# exit 3 for input / I/O errors, 2 for usage.
set -u
. "$KG_TOP/tests/e2e/lib/extract_lib.sh"
need_model
printf 'Microsoft pays\377 OpenAI.\n' > bad.txt
"$KG" extract bad.txt > out 2> err; rc=$?
[ $rc = 3 ] || fail "invalid UTF-8: exit $rc"
grep -q "^kg: bad.txt.*UTF-8.*offset 14" err || { cat err; fail "invalid UTF-8 message"; }
[ ! -s out ] || fail "output on error"
printf 'a\000b' > bin.txt
"$KG" extract bin.txt > out 2> err; rc=$?
[ $rc = 3 ] || fail "binary: exit $rc"
grep -q "^kg: bin.txt" err || { cat err; fail "binary message"; }
"$KG" extract no-such-file.txt 2> err; rc=$?
[ $rc = 3 ] || fail "missing file: exit $rc"
grep -q "^kg: .*no-such-file.txt" err || { cat err; fail "missing message"; }
"$KG" extract --format xml a.txt 2> err; rc=$?
[ $rc = 2 ] || fail "bad format: exit $rc"
grep -q "^kg: extract: unknown format" err || fail "bad format message"
"$KG" extract --bogus 2> err; rc=$?
[ $rc = 2 ] || fail "bad option: exit $rc"
"$KG" extract a b 2> err; rc=$?
[ $rc = 2 ] || fail "two inputs: exit $rc"
# carb: a bad line is named by its line number
printf 'Microsoft pays OpenAI .\nbad \377 line .\n' > bad.carb
"$KG" extract --format carb bad.carb > out 2> err; rc=$?
[ $rc = 3 ] || fail "carb bad line: exit $rc"
grep -q "^kg: bad.carb:2:" err || { cat err; fail "carb line number"; }
echo ok
