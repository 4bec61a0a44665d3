#!/bin/sh
# tests/valgrind.sh -- every kg command (and its main error paths) under
# valgrind memcheck. A command fails when valgrind reports a memory error or a
# definite / indirect leak, or when kg's exit status is not the expected one.
# Run by `make valgrind` (mk/valgrind.mk); slow (~3 s a command), not in CI.
#
#   KG=path/to/kg KG_TOP=repo sh tests/valgrind.sh
#   VG_E2E="queries query_cli" ...   also run these tests/e2e/*.sh with KG set
#                                    to a valgrind wrapper (every kg they start
#                                    is checked through its log)
#   VG_KEEP=DIR                      keep the work dir (logs under DIR/logs)
#
# Env: KG (kg binary, required), KG_TOP (repo root), VALGRIND (the valgrind
# command, default "valgrind"), VG_SUPP (suppression file, default
# tests/valgrind.supp). Exits 1 when any command failed.
set -u
: "${KG:?KG must name the kg binary}"
top=${KG_TOP:-$(cd "$(dirname "$0")/.." && pwd)}
VALGRIND=${VALGRIND:-valgrind}
VG_SUPP=${VG_SUPP:-$top/tests/valgrind.supp}
command -v "${VALGRIND%% *}" >/dev/null 2>&1 || { echo "kg: valgrind: '$VALGRIND' not found"; exit 1; }
case "$KG" in /*) ;; *) KG=$(pwd)/$KG ;; esac

if [ -n "${VG_KEEP:-}" ]; then work=$VG_KEEP; rm -rf "$work"; mkdir -p "$work"
else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
logs=$work/logs; mkdir -p "$logs"
export KG_TOP="$top" KG_DATA="${KG_DATA:-$top/data}"
unset KG_DB

# Options: errors and definite/indirect leaks fail ("possibly lost" and
# "still reachable" do not: see tests/valgrind.supp for why).
VGOPTS="--leak-check=full --errors-for-leak-kinds=definite,indirect \
--show-leak-kinds=definite,indirect --error-exitcode=99 --num-callers=30 \
--track-origins=yes"
[ -f "$VG_SUPP" ] && VGOPTS="$VGOPTS --suppressions=$VG_SUPP"

# The wrapper: one log per process (e2e scripts run kg many times).
cat > "$work/kg" <<EOF
#!/bin/sh
exec $VALGRIND $VGOPTS --log-file="$logs/%p.log" "$KG" "\$@"
EOF
chmod +x "$work/kg"
VKG=$work/kg

pass=0; fail=0; n=0; STDIN=
# run EXPECTED_EXIT NAME [ARGS...] (standard input from file $STDIN if set): kg ARGS under valgrind
run() {
    want=$1; name=$2; shift 2
    n=$((n+1))
    log="$logs/cmd$n.log"
    if [ -n "${STDIN:-}" ]; then
        $VALGRIND $VGOPTS --log-file="$log" "$KG" "$@" <"$STDIN" >"$work/out" 2>"$work/err"
    else
        $VALGRIND $VGOPTS --log-file="$log" "$KG" "$@" </dev/null >"$work/out" 2>"$work/err"
    fi
    rc=$?
    if [ "$rc" = 99 ] || ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
        echo "FAIL $name: valgrind (kg $*)"
        grep -v '^==[0-9]*== *$' "$log" | sed -n '/ERROR SUMMARY\|Invalid\|uninitialised\|definitely lost in\|indirectly lost in\|Mismatched\|overlap/,+25p' | head -60
        fail=$((fail+1)); return
    fi
    if [ "$rc" != "$want" ]; then
        echo "FAIL $name: exit $rc, expected $want (kg $*)"; head -5 "$work/err"
        fail=$((fail+1)); return
    fi
    pass=$((pass+1))
}

art=$top/data/openai-microsoft-cloud.txt
gum=$top/tests/data/gum-wiki
ewt=$top/tests/data/ewt
cd "$work" || exit 1
mkdir -p docs
for f in GUM_bio_galois GUM_interview_ants; do [ -f "$gum/$f.txt" ] && cp "$gum/$f.txt" docs/; done
head -n 12 "$top/tests/data/carb/dev.txt" > carb.txt
awk 'BEGIN{RS=""; ORS="\n\n"} NR<=20' "$ewt/en_ewt-ud-dev-200.conllu" > small.conllu
cp "$top/tests/queries/graphs/corp.tsv" corp.tsv
printf 'a\tb\n' > bad.tsv
printf 'x\ty\tz\n\377\376\tbad\tutf8\n' > badutf8.tsv
printf 'not a triple .\n' > bad.nt
printf 'Caf\351 Corp bought the mill in 1999.\n' > latin1.txt
printf '# id = 1\n1\tA\n' > bad.conllu
printf 'neighbors OpenAI\npath Amazon to Microsoft\ntop 3 by degree\n' > q.txt

# --- no database --------------------------------------------------------------
run 0 version --version
run 0 help --help
run 0 help-query query --help
run 2 usage-unknown-command frobnicate
run 2 usage-bad-option tag --bogus

# --- tag -----------------------------------------------------------------------
run 0 tag tag "$art"
STDIN=$art; run 0 tag-stdin tag -; STDIN=
run 0 tag-sentences tag --sentences "$art"
run 0 tag-conllu tag --conllu small.conllu
run 0 tag-no-model tag --no-model "$art"
run 3 tag-missing tag nonexistent.txt
run 3 tag-bad-conllu tag --conllu bad.conllu
run 3 tag-invalid-utf8 tag latin1.txt
run 0 tag-replace-invalid tag --replace-invalid latin1.txt
run 0 train-tagger train-tagger --quiet --train small.conllu --dev small.conllu --epochs 1 -o m.bin
run 0 tag-model tag --model m.bin "$art"
run 3 train-tagger-bad train-tagger --quiet --train bad.conllu --dev none -o m2.bin

# --- extract -------------------------------------------------------------------
run 0 extract-jsonl extract "$art"
run 0 extract-tsv extract --format tsv docs/GUM_bio_galois.txt
STDIN=carb.txt; run 0 extract-carb extract --format carb -; STDIN=
run 3 extract-missing extract nonexistent.txt
run 3 extract-invalid-utf8 extract latin1.txt
run 2 extract-bad-format extract --format xml "$art"

# --- ingest, stats ---------------------------------------------------------------
run 0 ingest --db a.db ingest "$art"
run 0 ingest-again --db a.db ingest "$art"
run 0 ingest-folder --db a.db ingest docs
STDIN=$art; run 0 ingest-stdin --db a.db ingest --source stdin-copy -; STDIN=
run 3 ingest-missing --db a.db ingest nonexistent.txt
run 3 ingest-invalid-utf8 --db a.db ingest latin1.txt
run 0 stats --db a.db stats
run 3 ingest-not-a-db --db latin1.txt ingest "$art"
run 3 ingest-db-is-dir --db docs ingest "$art"
run 3 stats-missing-db --db missing.db stats

# --- import --------------------------------------------------------------------
run 0 import-tsv --db b.db import corp.tsv
run 0 import-tsv-again --db b.db import corp.tsv
# types, an alias and a negated statement, as tests/e2e/queries.sh does
if command -v sqlite3 >/dev/null 2>&1; then
    { cat "$top/tests/queries/graphs/corp.sql"
      echo "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';"; } |
        sqlite3 b.db || { echo "FAIL: sqlite3 b.db"; fail=$((fail+1)); }
fi
run 3 import-bad-tsv --db b.db import bad.tsv
run 3 import-bad-utf8 --db b.db import badutf8.tsv
run 3 import-missing --db b.db import nonexistent.tsv
run 3 import-bad-nt --db b.db import --format nt bad.nt
run 0 stats-b --db b.db stats

# --- export (each format), then import back ---------------------------------------
for f in graphml dot jsonl tsv nt; do
    run 0 "export-$f" --db b.db export --format "$f" -o "out.$f"
done
run 0 export-graphml-yed --db b.db export --format graphml --yed -o yed.graphml
run 0 export-dot-collapse --db b.db export --format dot --collapse
run 0 export-csv --db b.db export --format csv -o csvdir
run 0 export-ingested --db a.db export --format jsonl
run 2 export-bad-format --db b.db export --format xml
run 3 export-unwritable --db b.db export --format nt -o /nonexistent/dir/x.nt
run 0 import-nt --db c.db import --format nt out.nt
run 0 import-jsonl --db d.db import --format jsonl out.jsonl
run 0 stats-c --db c.db stats

# --- query: every form, the formats, and errors ------------------------------------
q() { want=$1; name=$2; shift 2; run "$want" "query-$name" --db b.db query "$@"; }
q 0 neighbors 'neighbors OpenAI'
q 0 neighbors-opts 'neighbors Microsoft depth 2 out via pay, "hold license"'
q 0 neighbors-where 'neighbors OpenAI depth 2 where type = ORG with negated limit 3'
q 0 path 'path Amazon to Microsoft'
q 0 path-directed 'path Amazon to ChatGPT directed avoid "Amazon Web Services"'
q 0 paths 'paths "Amazon Web Services" to Microsoft within 3 limit 5'
q 0 match 'match ?who pay Microsoft'
q 0 match-join 'match ?a ?r OpenAI, ?a ?s ?b where ?a is ORG return ?a, ?r limit 5'
q 0 why 'why Microsoft OpenAI'
q 0 why-rel 'why Microsoft pay OpenAI'
q 0 top-degree 'top 5 by degree'
q 0 top-pagerank 'top 5 by pagerank'
q 0 top-betweenness 'top 5 by betweenness where name ~ "a"'
q 0 communities 'communities limit 3'
q 0 describe 'describe "Amazon Web Services"'
q 0 stats 'stats'
q 0 find 'find Micro'
q 0 relations 'relations of OpenAI'
q 0 count 'count neighbors OpenAI depth 2'
q 0 explain 'explain match ?a pay ?b, ?b ?r ?c'
q 0 regex 'neighbors ~"^amazon"'
for f in table jsonl graphml dot; do q 0 "format-$f" --format "$f" 'neighbors OpenAI depth 2'; done
q 0 explain-flag --explain 'paths Amazon to Microsoft within 3'
q 0 file -f q.txt
STDIN=q.txt; q 0 stdin; STDIN=
q 1 unknown-entity 'neighbors "Open AI"'
q 1 unknown-relation 'match ?a flies ?b'
q 1 ambiguous 'path ~"^amazon" to Microsoft'
q 2 syntax 'path "Amazon" from "Microsoft"'
q 2 unterminated 'neighbors "OpenAI'
q 2 bad-regex 'neighbors ~"(unclosed"'
q 2 unknown-form 'frobnicate OpenAI'
q 3 missing-file -f nonexistent.q
run 0 query-ingested --db a.db query 'top 5 by pagerank'
run 0 query-ingested-communities --db a.db query 'communities'

# --- draw (needs Graphviz's dot) ---------------------------------------------------
if command -v dot >/dev/null 2>&1; then
    run 0 draw --db b.db draw 'neighbors OpenAI' -o g.svg
    run 2 draw-syntax --db b.db draw 'neighbors' -o g2.svg
fi
export KG_DOT=/nonexistent/dot; run 3 draw-no-dot --db b.db draw 'neighbors OpenAI' -o g3.png; unset KG_DOT

# --- e2e scripts through the wrapper ------------------------------------------------
for e in ${VG_E2E:-}; do
    t=$top/tests/e2e/$e.sh
    [ -f "$t" ] || { echo "FAIL e2e $e: no $t"; fail=$((fail+1)); continue; }
    d=$(mktemp -d)
    before=$(ls "$logs" | wc -l)
    if (cd "$d" && KG=$VKG sh "$t" >"$d/.log" 2>&1); then st=0; else st=1; fi
    bad=""
    for l in "$logs"/[0-9]*.log; do
        [ -f "$l" ] || continue
        grep -q 'ERROR SUMMARY: 0 errors' "$l" || bad="$bad $l"
    done
    if [ -n "$bad" ]; then
        echo "FAIL e2e $e: valgrind errors in$bad"
        for l in $bad; do grep -m1 'Command:' "$l"; sed -n '/Invalid\|uninitialised\|definitely lost in\|indirectly lost in\|Mismatched/,+20p' "$l" | head -40; done
        fail=$((fail+1))
    elif [ "$st" != 0 ]; then
        echo "FAIL e2e $e (under valgrind):"; tail -n 20 "$d/.log"; fail=$((fail+1))
    else
        pass=$((pass+1))
    fi
    echo "   e2e $e: $(( $(ls "$logs" | wc -l) - before )) kg processes"
    mkdir -p "$logs/done-$e"; mv "$logs"/[0-9]*.log "$logs/done-$e/" 2>/dev/null
    rm -rf "$d"
done

echo "valgrind: $pass passed, $fail failed"
[ "$fail" = 0 ]
