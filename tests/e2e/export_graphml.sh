#!/bin/sh
# GraphML export read back by its real clients: xmllint against the GraphML
# schema, NetworkX and python-igraph with the same nodes, edges and attributes
# as the database (read with sqlite3), names with XML specials and accents
# intact; --collapse and --yed; an unwritable path fails before any work.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
XSD="$KG_TOP/tests/data/graphml-xsd/graphml.xsd"
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'AT&T\tacquire\t<Angle> & "Quoted"\n' > t.tsv
printf "L'Oréal\tpartner with\tSociété Générale\n" >> t.tsv
printf 'AT&T\tsue\tL'"'"'Oréal\t0.7\ttrue\n' >> t.tsv
printf 'AT&T\tpay\t<Angle> & "Quoted"\t0.8\n' >> t.tsv
printf 'Weird ]]> Name\town\tAT&T\n' >> t.tsv
printf 'Société Générale\town\tWeird ]]> Name\n' >> t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null
# a bigger, generated part: parallel edges, self-loops, accents
$PY - <<'PY' > gen.tsv
import random
r = random.Random(7)
names = ["Acme & Sons", "Zürich Labs", "O'Brien", "Ærø Group", "\"Quoted\" Inc", "<b>Bold</b>", "Plain"]
names += ["Firm %d" % i for i in range(60)]
rels = ["fund", "buy", "sue", "hire", "partner with"]
for i in range(400):
    print("%s\t%s\t%s\t%.2f\t%s" % (r.choice(names), r.choice(rels), r.choice(names), r.random(), r.choice(["true", "false", "false"])))
PY
"$KG" --db t.db import gen.tsv 2>/dev/null

"$KG" --db t.db export --format graphml -o g.graphml
xmllint --noout --nonet --schema "$XSD" g.graphml 2>xmllint.err || { cat xmllint.err; fail "xmllint rejects g.graphml"; }
head -c 40 g.graphml | grep -q '^<?xml version="1.0" encoding="UTF-8"?>' || fail "no XML declaration"
grep -q 'edgedefault="directed"' g.graphml || fail "not directed"
if grep -q 'key id="d[0-9]' g.graphml; then fail "d0..dN key ids"; fi

cat > check.py <<'PY'
import sqlite3, sys, collections
import networkx as nx, igraph as ig
db, path = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
ents = {r[0]: r for r in c.execute("SELECT id, name, type, mention_count FROM entity")}
trips = c.execute("SELECT t.id, t.subject_id, t.object_id, r.name, t.negated, t.confidence, "
                  "(SELECT count(*) FROM evidence e WHERE e.triple_id = t.id) "
                  "FROM triple t JOIN relation r ON r.id = t.relation_id").fetchall()
want_edges = collections.Counter((ents[s][1], ents[o][1], rel, bool(neg)) for _, s, o, rel, neg, _, _ in trips)
want_conf = collections.Counter((ents[s][1], ents[o][1], rel, round(conf, 5)) for _, s, o, rel, _, conf, _ in trips)
names = sorted(e[1] for e in ents.values())
for must in [] if len(sys.argv) < 4 else ["AT&T", '<Angle> & "Quoted"', "L'Oréal", "Société Générale", "Weird ]]> Name", "Zürich Labs"]:
    assert must in names, must

g = nx.read_graphml(path)
assert isinstance(g, nx.MultiDiGraph), type(g)
assert g.number_of_nodes() == len(ents), (g.number_of_nodes(), len(ents))
assert g.number_of_edges() == len(trips), (g.number_of_edges(), len(trips))
assert sorted(d["label"] for _, d in g.nodes(data=True)) == names
for n, d in g.nodes(data=True):
    e = ents[int(n[1:])]
    assert d["label"] == d["name"] == e[1], (d, e)
    assert d["type"] == e[2] and d["mention_count"] == e[3], (d, e)
got = collections.Counter((g.nodes[u]["label"], g.nodes[v]["label"], d["relation"], d["negated"])
                          for u, v, d in g.edges(data=True))
assert got == want_edges, (got - want_edges, want_edges - got)
got = collections.Counter((g.nodes[u]["label"], g.nodes[v]["label"], d["relation"], round(d["confidence"], 5))
                          for u, v, d in g.edges(data=True))
assert got == want_conf
for u, v, k, d in g.edges(keys=True, data=True):
    assert d["label"] == d["interaction"] == d["relation"]
    assert d["weight"] == d["evidence_count"] >= 1

h = ig.Graph.Read_GraphML(path)
assert h.is_directed()
assert h.vcount() == len(ents) and h.ecount() == len(trips), (h.vcount(), h.ecount())
assert sorted(h.vs["label"]) == names
got = collections.Counter((h.vs[e.source]["label"], h.vs[e.target]["label"], e["relation"], bool(e["negated"])) for e in h.es)
assert got == want_edges
# the same for attributes only an ingested graph has
for n, d in g.nodes(data=True):
    want = sorted(a for (a,) in c.execute("SELECT alias FROM alias a JOIN entity e ON e.id = a.entity_id "
                                          "WHERE e.id = ? AND a.alias_key <> e.name_key", (int(n[1:]),)))
    got = sorted(x for x in d.get("aliases", "").split(" | ") if x)
    assert got == want, (n, got, want)
first = {tid: (idx, doc) for tid, idx, doc in c.execute(
    "SELECT e.triple_id, se.idx, d.source FROM evidence e JOIN document d ON d.id = e.document_id "
    "LEFT JOIN sentence se ON se.id = e.sentence_id WHERE e.id IN (SELECT min(id) FROM evidence GROUP BY triple_id)")}
for u, v, k, d in g.edges(keys=True, data=True):
    idx, doc = first[int(k[1:])] if k.startswith("e") else first[int(d["id"][1:])]
    assert d.get("sentence") == idx and d.get("document") == doc, (k, d, idx, doc)
print("networkx and igraph agree:", len(ents), "nodes,", len(trips), "edges")
PY
$PY check.py t.db g.graphml names || fail "client read-back differs"

# an ingested graph: aliases, types, sentences and documents too
if "$KG" --db art.db ingest "$KG_TOP/data/openai-microsoft-cloud.txt" 2>ingest.err; then
    "$KG" --db art.db export --format graphml -o art.graphml
    xmllint --noout --nonet --schema "$XSD" art.graphml 2>xmllint.err || { cat xmllint.err; fail "xmllint rejects art.graphml"; }
    $PY check.py art.db art.graphml || fail "client read-back of an ingested graph differs"
    # a query's subgraph (kg query --format graphml goes through the same writer)
    hub=$(sqlite3 art.db "SELECT subject FROM triples GROUP BY subject ORDER BY count(*) DESC, subject LIMIT 1" 2>/dev/null || true)
    if [ -n "$hub" ] && "$KG" --db art.db query --format graphml "neighbors \"$hub\"" > q.graphml 2>q.err; then
        xmllint --noout --nonet --schema "$XSD" q.graphml 2>xmllint.err || { cat xmllint.err; fail "query GraphML invalid"; }
        $PY - q.graphml "$hub" <<'PY' || fail "query GraphML lacks the hub or its edges"
import sys, networkx as nx
g = nx.read_graphml(sys.argv[1])
labels = {d["label"] for _, d in g.nodes(data=True)}
assert sys.argv[2] in labels and g.number_of_edges() >= 1, (labels, g.number_of_edges())
PY
    else
        echo "note: kg query --format graphml not checked ($(head -n 1 q.err 2>/dev/null))"
    fi
else
    echo "note: kg ingest failed here ($(head -n 1 ingest.err)); ingested graph not checked"
fi

# Gephi view: one edge per ordered pair
"$KG" --db t.db export --format graphml --collapse -o c.graphml
xmllint --noout --nonet --schema "$XSD" c.graphml 2>/dev/null || fail "collapsed file invalid"
$PY - t.db c.graphml <<'PY' || fail "collapsed edges wrong"
import sqlite3, sys, networkx as nx
c = sqlite3.connect(sys.argv[1])
pairs = c.execute("SELECT count(*) FROM (SELECT DISTINCT subject_id, object_id FROM triple)").fetchone()[0]
n = c.execute("SELECT count(*) FROM triple").fetchone()[0]
g = nx.read_graphml(sys.argv[2])
assert g.number_of_edges() == pairs, (g.number_of_edges(), pairs)
assert sum(d["triple_count"] for _, _, d in g.edges(data=True)) == n
PY

# yEd flavour: well-formed XML with y: graphics (not valid against the plain schema)
"$KG" --db t.db export --format graphml --yed -o y.graphml
xmllint --noout y.graphml || fail "yEd file not well-formed"
grep -q '<y:ShapeNode>' y.graphml || fail "no y:ShapeNode"
grep -q '<y:EdgeLabel>' y.graphml || fail "no y:EdgeLabel"
$PY - g.graphml y.graphml <<'PY' || fail "NetworkX reads the yEd flavour differently"
import sys, networkx as nx
a, b = nx.read_graphml(sys.argv[1]), nx.read_graphml(sys.argv[2])   # NetworkX understands yfiles keys
assert (a.number_of_nodes(), a.number_of_edges()) == (b.number_of_nodes(), b.number_of_edges())
assert all(b.nodes[n]["label"] == d["label"] for n, d in a.nodes(data=True))
PY

# standard output = the file
"$KG" --db t.db export --format graphml | cmp - g.graphml || fail "stdout differs from -o"

# unwritable output: exit 3, names the path, before any work (even with no database)
set +e
"$KG" --db missing.db export --format graphml -o /nonexistent-dir/g.graphml 2>err.txt
rc=$?
set -e
[ "$rc" = 3 ] || fail "unwritable path: exit $rc"
grep -q '^kg: /nonexistent-dir/g.graphml' err.txt || fail "message: $(cat err.txt)"
[ ! -e missing.db ] || fail "database created"
# a full disk is an error (exit 3), not a truncated file reported as success
if [ -w /dev/full ]; then
    set +e
    "$KG" --db t.db export --format graphml -o /dev/full 2>full.txt; rc=$?
    set -e
    [ "$rc" = 3 ] || fail "full disk: exit $rc"
    grep -q '^kg: /dev/full: write error' full.txt || fail "full disk message: $(cat full.txt)"
fi
set +e
"$KG" --db t.db export --format xml 2>/dev/null; rc=$?
set -e
[ "$rc" = 2 ] || fail "unknown format: exit $rc"
echo "export_graphml: ok"
