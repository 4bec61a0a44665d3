#!/bin/sh
# bench/bench_tag.sh -- tokenize + tag speed of "kg tag" (whole process, model
# load included) on news text: the gum-wiki texts repeated to 10 MB; model
# load time; peak memory; a 50 MB single line; with peers measured in the
# same run (wc -w, and pcre2grep counting words when installed). Also the
# tagger accuracy on EWT test and sentence-boundary F1 on gum-wiki when the
# shared data is there. Env: KG (the kg binary), KG_TOP (the repo).
set -u
KG=${KG:-kg}; KG_TOP=${KG_TOP:-.}
out="$KG_TOP/bench/out"; mkdir -p "$out"
shared="$KG_TOP/../shared/data"
src="$shared/gum-wiki/text"; [ -d "$src" ] || src="$KG_TOP/tests/data/gum-wiki/text"
[ -d "$src" ] || src="$KG_TOP/tests/data/gum-wiki"
f10="$out/news10.txt"
if [ ! -s "$f10" ]; then
  cat "$src"/*.txt > "$out/news1.txt"
  : > "$f10"
  while [ "$(wc -c < "$f10")" -lt 10000000 ]; do cat "$out/news1.txt" >> "$f10"; done
  head -c 10000000 "$f10" > "$out/t" && mv "$out/t" "$f10"
  while [ "$(wc -c < "$f10")" -gt 0 ] && [ "$(tail -c 1 "$f10" | od -An -c | tr -d ' ')" != '\n' ]; do
    head -c -1 "$f10" > "$out/t" && mv "$out/t" "$f10"; done
fi
words=$(wc -w < "$f10" | tr -d ' ')
bytes=$(wc -c < "$f10" | tr -d ' ')
now() { date +%s.%N; }
best() { # best wall time of 3 runs of "$@" > /dev/null
  b=""; for i in 1 2 3; do s=$(now); "$@" > /dev/null 2>&1; e=$(now)
    b=$(awk -v b="$b" -v s="$s" -v e="$e" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; print b }'); done; echo "$b"; }
cpu() { # best user+sys CPU seconds of 3 runs of "$@" > /dev/null
  b=""; for i in 1 2 3; do /usr/bin/time -o "$out/cpu.txt" -f '%U %S' "$@" > /dev/null 2>&1
    c=$(tail -n 1 "$out/cpu.txt" | awk '{ print $1 + $2 }')
    b=$(awk -v b="$b" -v t="$c" 'BEGIN { if (b == "" || t < b) b = t; print b }'); done; echo "$b"; }
t_kg=$(best "$KG" tag "$f10"); c_kg=$(cpu "$KG" tag "$f10")
t_wc=$(best wc -w "$f10"); c_wc=$(cpu wc -w "$f10")
echo "input: $bytes bytes, $words words (wc -w), $src repeated"
echo "machine load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall times suffer when it is high; CPU times less)"
awk -v t="$t_kg" -v c="$c_kg" -v w="$words" 'BEGIN { printf "kg tag:     wall %.3f s = %.0f words/s; CPU %.3f s = %.0f words/s (tokenize + tag + lemmatise + print, load included)\n", t, w / t, c, w / c }'
awk -v t="$t_wc" -v c="$c_wc" -v w="$words" -v k="$t_kg" -v kc="$c_kg" 'BEGIN { printf "peer wc -w: wall %.3f s = %.0f words/s; CPU %.3f s (kg tag takes %.1fx wc -w wall, %.1fx CPU)\n", t, w / t, c, k / t, (c > 0 ? kc / c : 0) }'
if command -v pcre2grep > /dev/null 2>&1; then
  t_pg=$(best pcre2grep -o --jit '\w+' "$f10")
  awk -v t="$t_pg" -v w="$words" -v k="$t_kg" 'BEGIN { printf "peer pcre2grep -o \\w+: %.3f s  %.0f words/s  (kg tag takes %.1fx)\n", t, w / t, k / t }'
fi
t_tok=$(best "$KG" tag --no-model "$f10"); c_tok=$(cpu "$KG" tag --no-model "$f10")
awk -v t="$t_tok" -v c="$c_tok" -v w="$words" 'BEGIN { printf "kg tag --no-model (tokenize + split + print): wall %.3f s = %.0f words/s; CPU %.3f s = %.0f words/s\n", t, w / t, c, w / c }'
# model load: the fastest of 30 runs of kg tag on an empty file minus the fastest kg --version
: > "$out/empty.txt"
fastest() { b=""; for i in $(seq 30); do s=$(now); "$@" > /dev/null 2>&1; e=$(now)
  b=$(awk -v b="$b" -v s="$s" -v e="$e" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; print b }'); done; echo "$b"; }
l1=$(fastest "$KG" tag "$out/empty.txt"); l0=$(fastest "$KG" --version)
awk -v a="$l1" -v b="$l0" 'BEGIN { printf "model load (fastest kg tag on empty input %.2f ms minus fastest kg --version %.2f ms): %.2f ms\n", a * 1000, b * 1000, (a - b) * 1000 }'
ls -l "$KG_TOP/data/tagger.bin" | awk '{ printf "model file: %d bytes\n", $5 }'
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$KG" tag "$f10" 2> "$out/time.txt" > /dev/null
  awk -F': ' '/Maximum resident/ { printf "peak RSS, 10 MB input: %.1f MB\n", $2 / 1024 }' "$out/time.txt"
  f50="$out/line50.txt"
  [ -s "$f50" ] || { for i in 1 2 3 4 5; do tr '\n' ' ' < "$f10"; done | head -c 50000000 > "$f50"; }
  /usr/bin/time -v "$KG" tag "$f50" 2> "$out/time50.txt" > /dev/null; rc=$?
  awk -F': ' -v rc="$rc" '/Maximum resident/ { r = $2 } /Elapsed/ { t = $2 } END { printf "50 MB single line: exit %d, %s wall, peak RSS %.1f MB\n", rc, t, r / 1024 }' "$out/time50.txt"
fi
ewt="$shared/ud-ewt"
if [ -f "$ewt/en_ewt-ud-test.conllu" ]; then
  "$KG" tag --conllu "$ewt/en_ewt-ud-test.conllu" > "$out/ewt-test.pred"
  echo "accuracy on en_ewt-ud-test, gold tokens:"; sh "$KG_TOP/bench/tag_score.sh" "$ewt/en_ewt-ud-test.conllu" "$out/ewt-test.pred"
fi
[ -d "$shared/gum-wiki/sentences" ] && KG="$KG" sh "$KG_TOP/bench/sent_score.sh" "$shared/gum-wiki"
exit 0
