#!/bin/sh
# text: "kg tag" on plain text with the shipped model: four columns, blank
# lines between sentences, the tags and lemmas of common words; "kg tag
# --conllu" keeps every column but UPOS, XPOS and LEMMA and scores above a
# floor on a slice of EWT dev (200 sentences, tests/data/ewt).
set -eu
fail() { echo "FAIL: $*"; exit 1; }

printf 'The company pays its workers. It paid them and was paying more.\n\nOpenAI’s rights were sold — “quickly.”\n' > in.txt
"$KG" tag in.txt > out.tsv || fail "kg tag exit $?"
awk -F'\t' 'NF != 0 && NF != 4 { exit 1 }' out.tsv || fail "a line without 4 columns"
[ "$(grep -c '^$' out.tsv)" = 3 ] || fail "want 3 sentences: $(cat out.tsv)"
want() { grep -q "^$1	$2	$3	$4\$" out.tsv || fail "no line '$1 $2 $3 $4' in: $(cat out.tsv)"; }
want The DET DT the
want pays VERB VBZ pay
want paid VERB VBD pay
want paying VERB VBG pay
want was AUX VBD be
want rights NOUN NNS right
want workers NOUN NNS worker
want . PUNCT . .
want OpenAI PROPN NNP openai
want ’s PART POS "'s"

# standard input and "-" give the same
"$KG" tag < in.txt > out2.tsv && cmp -s out.tsv out2.tsv || fail "stdin differs"
"$KG" tag - < in.txt > out3.tsv && cmp -s out.tsv out3.tsv || fail "- differs"

# CoNLL-U: other columns untouched, accuracy above a floor
gold="$KG_TOP/tests/data/ewt/en_ewt-ud-dev-200.conllu"
"$KG" tag --conllu "$gold" > pred.conllu || fail "kg tag --conllu exit $?"
[ "$(wc -l < pred.conllu)" = "$(wc -l < "$gold")" ] || fail "line count changed"
cut -f1,2,6- "$gold" > g.cols; cut -f1,2,6- pred.conllu > p.cols
cmp -s g.cols p.cols || fail "columns other than LEMMA/UPOS/XPOS changed"
grep '^#' "$gold" > g.comments; grep '^#' pred.conllu > p.comments
cmp -s g.comments p.comments || fail "comments changed"
sh "$KG_TOP/bench/tag_score.sh" "$gold" pred.conllu > score.txt || fail "scorer"
cat score.txt
awk '$1 == "upos" && $2 < 92 { exit 1 } $1 == "xpos" && $2 < 91 { exit 1 }
     $1 == "lemma" && $2 < 93 { exit 1 }' score.txt || fail "below the floor: $(cat score.txt)"
# the scorer can fail: scoring gold against itself is 100, a shuffled file is not
sh "$KG_TOP/bench/tag_score.sh" "$gold" "$gold" | grep -q '^upos 100.00$' || fail "self score"
sed 's/\tNOUN\t/\tVERB\t/' "$gold" > bad.conllu
sh "$KG_TOP/bench/tag_score.sh" "$gold" bad.conllu | grep -q '^upos 100.00$' && fail "scorer blind"
exit 0
