#!/bin/sh
# bench/sent_score.sh [DIR] -- precision, recall and F1 of kg's sentence ends
# against gold: DIR/text/NAME.txt with DIR/sentences/NAME.tsv (header line,
# then start TAB end in code points), as in ../shared/data/gum-wiki. A
# predicted end counts when it equals a gold end. Env: KG (the kg binary).
set -u
dir=${1:-${KG_TOP:-.}/../shared/data/gum-wiki}
KG=${KG:-kg}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for t in "$dir"/text/*.txt; do
  name=$(basename "$t" .txt)
  g="$dir/sentences/$name.tsv"
  [ -f "$g" ] || continue
  "$KG" tag --sentences "$t" | cut -f2 | sed "s/^/$name /" >> "$tmp/pred"
  tail -n +2 "$g" | cut -f2 | sed "s/^/$name /" >> "$tmp/gold"
done
sort -u "$tmp/pred" > "$tmp/p"; sort -u "$tmp/gold" > "$tmp/g"
tp=$(comm -12 "$tmp/p" "$tmp/g" | wc -l); np=$(wc -l < "$tmp/p"); ng=$(wc -l < "$tmp/g")
awk -v tp="$tp" -v np="$np" -v ng="$ng" 'BEGIN { p = np ? tp / np : 0; r = ng ? tp / ng : 0;
  f = p + r ? 2 * p * r / (p + r) : 0;
  printf "sentence ends: gold %d predicted %d correct %d precision %.4f recall %.4f F1 %.4f\n", ng, np, tp, p, r, f }'
if [ -n "${SENT_SHOW:-}" ]; then
  echo "-- missed (gold only):"; comm -13 "$tmp/p" "$tmp/g" | head -n "$SENT_SHOW"
  echo "-- spurious (predicted only):"; comm -23 "$tmp/p" "$tmp/g" | head -n "$SENT_SHOW"
fi
