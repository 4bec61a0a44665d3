#!/bin/sh
# text: "kg train-tagger" on a small EWT slice (600 sentences, dev 200) is
# deterministic (two runs give the same bytes), writes a model "kg tag
# --model" loads, and rejects bad options and malformed CoNLL-U.
set -eu
fail() { echo "FAIL: $*"; exit 1; }
d="$KG_TOP/tests/data/ewt"
"$KG" train-tagger --quiet --train "$d/en_ewt-ud-train-600.conllu" \
  --dev "$d/en_ewt-ud-dev-200.conllu" --epochs 2 -o m1.bin > r1.txt || fail "train 1"
"$KG" train-tagger --quiet --train "$d/en_ewt-ud-train-600.conllu" \
  --dev "$d/en_ewt-ud-dev-200.conllu" --epochs 2 -o m2.bin > r2.txt || fail "train 2"
cmp -s m1.bin m2.bin || fail "two trainings differ"
grep -q '^dev_upos' r1.txt || fail "no report: $(cat r1.txt)"
[ "$(grep '^bytes' r1.txt | cut -f2)" = "$(wc -c < m1.bin | tr -d ' ')" ] || fail "size"
# pass 2 on every token (no skipping on a sure pass 1), as the trainer scores dev
KG_TAG_SKIP_MARGIN=2000000000 "$KG" tag --conllu --model m1.bin "$d/en_ewt-ud-dev-200.conllu" \
  > pred.conllu || fail "tag"
sh "$KG_TOP/bench/tag_score.sh" "$d/en_ewt-ud-dev-200.conllu" pred.conllu > score.txt
awk '$1 == "upos" && ($2 < 70 || $2 > 99) { exit 1 }' score.txt || fail "odd: $(cat score.txt)"
# the score of the small model is the one the trainer reported on dev (int16
# weights at run time: within 0.3 points)
want=$(grep '^dev_upos' r1.txt | cut -f2)
awk -v w="$want" '$1 == "upos" { d = $2 - w; if (d < -0.3 || d > 0.3) exit 1 }' score.txt ||
  fail "tag --conllu $(cat score.txt) vs trainer $want"
set +e
"$KG" train-tagger --epochs zero > /dev/null 2> e1.txt; rc=$?
[ "$rc" = 2 ] || fail "--epochs zero: exit $rc"
printf '1\tA\n' > bad.conllu
"$KG" train-tagger --train bad.conllu --dev none -o m3.bin > /dev/null 2> e2.txt; rc=$?
[ "$rc" = 3 ] || fail "bad conllu: exit $rc"
grep -q 'bad.conllu:1:' e2.txt || fail "no file:line in $(cat e2.txt)"
[ ! -e m3.bin ] || fail "a model was written from bad data"
"$KG" train-tagger --train missing.conllu -o m4.bin > /dev/null 2> e3.txt; rc=$?
[ "$rc" = 3 ] || fail "missing file: exit $rc"
exit 0
