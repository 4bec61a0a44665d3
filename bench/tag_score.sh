#!/bin/sh
# bench/tag_score.sh GOLD.conllu PRED.conllu -- kg's tagging scorer: UPOS, XPOS
# and LEMMA accuracy of PRED against GOLD over word lines (multiword ranges
# and empty nodes skipped). Both files must have the same tokens (kg tag
# --conllu keeps the gold tokenisation). Prints "upos 96.12" etc.; exit 1 on
# a token mismatch. Lemmas compare case-insensitively (kg's lemmas are lower case).
set -u
[ $# -eq 2 ] || { echo "usage: $0 GOLD PRED" >&2; exit 2; }
awk -F'\t' '
function word(line,   f, n) { n = split(line, f, "\t"); if (n != 10 || f[1] !~ /^[0-9]+$/) return 0;
  id = f[1]; form = f[2]; lem = tolower(f[3]); up = f[4]; xp = f[5]; return 1 }
NR == FNR { if (word($0)) { n++; gf[n] = form; gl[n] = lem; gu[n] = up; gx[n] = xp }; next }
{ if (!word($0)) next; m++
  if (m > n || form != gf[m]) { printf "token %d differs: gold \"%s\" pred \"%s\"\n", m, gf[m], form > "/dev/stderr"; bad = 1; exit 1 }
  if (up == gu[m]) u++; if (xp == gx[m]) x++; if (lem == gl[m]) l++ }
END { if (bad) exit 1; if (m != n) { print "token counts differ: gold " n " pred " m > "/dev/stderr"; exit 1 }
  if (n == 0) { print "no tokens" > "/dev/stderr"; exit 1 }
  printf "tokens %d\nupos %.2f\nxpos %.2f\nlemma %.2f\n", n, 100*u/n, 100*x/n, 100*l/n }' "$1" "$2"
