#!/bin/sh
# kg draw: the whole graph and a query's subgraph rendered by Graphviz's dot to
# SVG (well-formed XML holding the names, negated edges dashed) and PNG; an
# unwritable output fails before any work; kg export --format dot is valid
# Graphviz input.
set -eu
: "${KG:?}" "${KG_TOP:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v dot >/dev/null 2>&1 || { echo "SKIP: Graphviz dot not installed"; exit 0; }

printf 'AT&T\tacquire\t<Angle> & "Quoted"\n' > t.tsv
printf "L'Oréal\tpartner with\tSociété Générale\n" >> t.tsv
printf 'AT&T\tsue\tL'"'"'Oréal\t0.7\ttrue\n' >> t.tsv
printf 'Back\\slash\town\tAT&T\n' >> t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null

"$KG" --db t.db export --format dot -o g.dot
dot -Tsvg g.dot -o direct.svg 2>dot.err || { cat dot.err; fail "dot rejects kg's DOT"; }
[ ! -s dot.err ] || { cat dot.err; fail "dot warnings"; }

"$KG" --db t.db draw -o g.svg
xmllint --noout g.svg || fail "SVG not well-formed"
/usr/bin/python3 - g.svg <<'PY' || fail "names missing from the SVG"
import sys, xml.etree.ElementTree as ET
texts = {t.text for t in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text")}
for name in ["AT&T", '<Angle> & "Quoted"', "L'Oréal", "Société Générale", "Back\\slash", "sue", "partner with"]:
    assert name in texts, (name, texts)
PY
grep -q 'stroke-dasharray' g.svg || fail "negated edge not dashed"
[ "$(grep -c 'class="node"' g.svg)" = 5 ] || fail "expected 5 nodes"
[ "$(grep -c 'class="edge"' g.svg)" = 4 ] || fail "expected 4 edges"

"$KG" --db t.db draw --format png -o g.out
[ "$(head -c 8 g.out | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "not a PNG"
"$KG" --db t.db draw -o g2.png
[ "$(head -c 4 g2.png | od -An -tx1 | tr -d ' \n')" = 89504e47 ] || fail ".png extension not PNG"

set +e
"$KG" --db t.db draw -o /nonexistent-dir/x.svg 2>err.txt; rc=$?
"$KG" --db t.db draw --format gif -o x.gif 2>/dev/null; rc2=$?
set -e
[ "$rc" = 3 ] || fail "unwritable: exit $rc"
grep -q '/nonexistent-dir/x.svg' err.txt || fail "message does not name the path"
[ "$rc2" = 2 ] || fail "bad format: exit $rc2"

# a query's subgraph (when the query engine answers here)
if "$KG" --db t.db query --format dot 'neighbors "L'"'"'Oréal"' > q.dot 2>/dev/null && grep -q digraph q.dot; then
    "$KG" --db t.db draw 'neighbors "L'"'"'Oréal"' -o q.svg
    xmllint --noout q.svg || fail "query SVG not well-formed"
    grep -qF "Oréal" q.svg || fail "query SVG lacks L'Oréal"
    n=$(grep -c 'class="node"' q.svg)
    [ "$n" -ge 2 ] && [ "$n" -lt 5 ] || fail "query subgraph has $n nodes"
else
    echo "note: kg query --format dot not available; query drawing not checked"
fi
echo "export_draw: ok"
