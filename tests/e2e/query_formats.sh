#!/bin/sh
# query_formats.sh -- kg query's output formats beyond the exact-text cases in
# tests/queries: graphml and dot hold exactly the result's subgraph (read back
# with NetworkX when available), jsonl rows are valid JSON, tsv has one header
# line, and --format rejects unknown names with exit 2.
set -eu
: "${KG:?}"
printf '%s\t%s\t%s\n' \
    A knows B  B knows C  C knows D  A likes E  "Zoë" knows A  D knows E > g.tsv
"$KG" --db t.db import g.tsv 2>/dev/null

# graphml of a path: its 3 nodes and 2 edges
"$KG" --db t.db query --format graphml 'path B to E' > p.graphml
if /usr/bin/python3 -c 'import networkx' 2>/dev/null; then
    /usr/bin/python3 - <<'EOF'
import networkx as nx
g = nx.read_graphml("p.graphml")
names = sorted(d.get("name", d.get("label")) for _, d in g.nodes(data=True))
assert names == ["A", "B", "E"], names
assert g.number_of_edges() == 2, g.number_of_edges()
rels = sorted(d.get("relation", d.get("label")) for _, _, d in g.edges(data=True))
assert rels == ["knows", "likes"], rels
EOF
else
    echo "networkx missing: checking graphml by counting elements"
    test "$(grep -c '<node ' p.graphml)" = 3
    test "$(grep -c '<edge ' p.graphml)" = 2
fi

# graphml of a neighborhood: the centre, the reached entities, the edges that reached them
"$KG" --db t.db query --format graphml 'neighbors A' > n.graphml
test "$(grep -c '<node ' n.graphml)" = 4
test "$(grep -c '<edge ' n.graphml)" = 3

# several queries give one document with the union of their subgraphs
"$KG" --db t.db query --format graphml 'path B to E; neighbors D' > u.graphml
test "$(grep -c '<graphml' u.graphml)" = 1
test "$(grep -c '<node ' u.graphml)" = 5

# dot
"$KG" --db t.db query --format dot 'neighbors "Zoë" depth 2' > z.dot
grep -q '^digraph' z.dot
test "$(grep -c -- '->' z.dot)" = 3
if command -v dot >/dev/null 2>&1; then dot -Tsvg z.dot > z.svg; fi

# jsonl: every line is a JSON object
"$KG" --db t.db query --format jsonl 'neighbors A depth 3; path A to D; match ?x knows ?y; top 2 by degree; stats' > r.jsonl
/usr/bin/python3 -c '
import json, sys
n = 0
for line in open("r.jsonl"):
    assert isinstance(json.loads(line), dict), line
    n += 1
assert n == 5 + 1 + 5 + 2 + 1, n
'

# tsv: exactly one header line per query
"$KG" --db t.db query 'neighbors A' > a.tsv
test "$(head -n 1 a.tsv)" = "$(printf 'entity\tdepth\tsubject\trelation\tobject')"
test "$(wc -l < a.tsv)" = 4

# unknown format: usage error
set +e
"$KG" --db t.db query --format xml 'stats' 2> e.txt
rc=$?
set -e
test "$rc" = 2
grep -q 'unknown format' e.txt

# no database: exit 3 naming it; a syntax error is still exit 2 without one
set +e
"$KG" --db missing.db query 'stats' 2> e.txt; rc=$?
test "$rc" = 3 || { echo "missing db: exit $rc"; exit 1; }
"$KG" --db missing.db query 'stats stats' 2> e.txt; rc=$?
test "$rc" = 2 || { echo "syntax error without db: exit $rc"; exit 1; }
set -e
echo ok
