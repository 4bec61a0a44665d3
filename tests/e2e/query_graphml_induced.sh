#!/bin/sh
# query_graphml_induced.sh -- kg query --format graphml|dot --induced writes the
# result's entities with every statement between two of them (negated ones
# flagged), not only the edges the result used; --collapse writes one edge per
# ordered pair. Checked against the database with sqlite3, read back with
# NetworkX, validated against the GraphML schema.
set -u
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
XSD="$KG_TOP/tests/data/graphml-xsd/graphml.xsd"
g="$KG_TOP/tests/queries/graphs"
(cd "$g" && "$KG" --db "$OLDPWD/t.db" import corp.tsv) 2>/dev/null || fail "import"
{ cat "$g/corp.sql"; echo "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';"; } |
    sqlite3 t.db || fail "corp.sql"
q='neighbors OpenAI'
"$KG" --db t.db query --format graphml "$q" >plain.graphml || fail "plain"
"$KG" --db t.db query --format graphml --induced "$q" >ind.graphml || fail "induced"
"$KG" --db t.db query --format graphml --induced --collapse "$q" >col.graphml || fail "collapse"
for f in plain ind col; do
    xmllint --noout --nonet --schema "$XSD" $f.graphml 2>xmllint.err || { cat xmllint.err; fail "$f.graphml invalid"; }
done
sqlite3 -separator "$(printf '\t')" t.db 'SELECT subject, relation, object, negated FROM triples' >all.tsv
"$PY" - <<'PY' || fail "oracle"
import networkx as nx, sys
plain = nx.read_graphml("plain.graphml")
ind = nx.read_graphml("ind.graphml")
col = nx.read_graphml("col.graphml")
names = {d["name"] for _, d in plain.nodes(data=True)}
assert names == {d["name"] for _, d in ind.nodes(data=True)}, "induced changed the nodes"
want = sorted(tuple(l.rstrip("\n").split("\t")) for l in open("all.tsv", encoding="utf-8"))
want = [(s, r, o, n) for s, r, o, n in want if s in names and o in names]
got = sorted((ind.nodes[u]["name"], d["relation"], ind.nodes[v]["name"], "1" if d["negated"] else "0")
             for u, v, d in ind.edges(data=True))
assert got == want, ("induced edges", got, want)
assert plain.number_of_edges() < ind.number_of_edges(), "induced added nothing"
assert any(n == "1" for *_, n in got), "no negated statement in the induced graph"
pairs = {(s, o) for s, r, o, n in want}
assert col.number_of_edges() == len(pairs), ("collapsed", col.number_of_edges(), len(pairs))
print("ok", len(names), "nodes", len(got), "edges")
PY
"$KG" --db t.db query --format dot --induced "$q" >ind.dot || fail "dot"
[ "$(grep -c -- '->' ind.dot)" = "$(grep -c '<edge ' ind.graphml)" ] || fail "dot edge count"
echo ok
