#!/bin/sh
# CSV for graph databases: nodes.csv / edges.csv with Neo4j bulk-import
# headers, read back with Python's csv module (counts and values equal to the
# database), then loaded for real into Kùzu (npm kuzu@0.11.3) with the
# schema.cypher kg writes. The Kùzu part is SKIPPED with a message when
# Node.js or the package is not available (CI has no network). The package is
# cached outside the repository: $KG_KUZU_DIR, else ~/.cache/kg-test/kuzu-0.11.3.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'AT&T\tacquire\t<Angle> & "Quoted"\n' > t.tsv
printf "L'Oréal\tpartner with\tSociété Générale\n" >> t.tsv
printf 'AT&T\tsue\tL'"'"'Oréal\t0.7\ttrue\n' >> t.tsv
printf 'AT&T\tpay, in part\t<Angle> & "Quoted"\t0.25\n' >> t.tsv
printf 'Comma, Inc.\tbuy\tAT&T\n' >> t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null
"$KG" --db t.db export --format csv -o out
for f in nodes.csv edges.csv schema.cypher; do [ -s "out/$f" ] || fail "no out/$f"; done

$PY - t.db out <<'PY' > want.json || fail "csv read-back differs"
import csv, json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
d = sys.argv[2]
with open(d + "/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.reader(f))
with open(d + "/edges.csv", newline="", encoding="utf-8") as f:
    edges = list(csv.reader(f))
# Neo4j admin import header grammar: name:TYPE, :ID / :START_ID / :END_ID
assert nodes[0][0] == "id:ID" and "name" in nodes[0], nodes[0]
assert edges[0][:2] == [":START_ID", ":END_ID"], edges[0]
for h in nodes[0] + edges[0]:
    name, _, typ = h.partition(":")
    assert typ in ("", "ID", "START_ID", "END_ID", "long", "double", "boolean", "int", "string"), h
ents = {str(i): n for i, n in c.execute("SELECT id, name FROM entity")}
assert {r[0]: r[1] for r in nodes[1:]} == ents
col = {h.split(":")[0] or h: i for i, h in enumerate(edges[0])}
got = sorted((ents[r[0]], r[col["relation"]], ents[r[1]], r[col["negated"]], float(r[col["confidence"]])) for r in edges[1:])
want = sorted((s, r, o, "true" if n else "false", cf) for s, r, o, n, cf in
              c.execute("SELECT subject, relation, object, negated, confidence FROM triples"))
assert got == want, (got, want)
print(json.dumps({"nodes": sorted(ents.values()),
                  "edges": sorted([s, r, o, n == "true", cf] for s, r, o, n, cf in want)}))
PY

# Kùzu, for real
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIP kuzu: Node.js/npm not installed"; echo "export_csv: ok (kuzu skipped)"; exit 0
fi
KZ=${KG_KUZU_DIR:-${HOME:-/tmp}/.cache/kg-test/kuzu-0.11.3}
if [ ! -f "$KZ/node_modules/kuzu/kuzujs.node" ]; then
    if ! mkdir -p "$KZ" 2>/dev/null ||
       ! (cd "$KZ" && timeout 180 npm install --no-audit --no-fund kuzu@0.11.3 >npm.log 2>&1 &&
          cd node_modules/kuzu && timeout 120 node install.js >>../../npm.log 2>&1); then
        echo "SKIP kuzu: npm install kuzu@0.11.3 failed (no network?); see $KZ/npm.log"
        echo "export_csv: ok (kuzu skipped)"; exit 0
    fi
fi
cat > load.js <<'JS'
const kuzu = require(process.env.KUZU_MODULE);
const fs = require('fs');
(async () => {
  const db = new kuzu.Database(process.argv[2]);
  const conn = new kuzu.Connection(db);
  process.chdir(process.argv[3]);
  for (const q of fs.readFileSync('schema.cypher', 'utf8').split('\n'))
    if (q && !q.startsWith('//')) await conn.query(q);
  let r = await conn.query('MATCH (n:Entity) RETURN n.name AS name');
  const nodes = (await r.getAll()).map(x => x.name).sort();
  r = await conn.query('MATCH (a:Entity)-[e:Relation]->(b:Entity) RETURN a.name AS s, e.relation AS r, b.name AS o, e.negated AS n, e.confidence AS c');
  const edges = (await r.getAll()).map(x => [x.s, x.r, x.o, x.n, x.c]).sort();
  console.log(JSON.stringify({nodes, edges}));
})().catch(e => { console.error('kuzu: ' + (e.message || e)); process.exit(1); });
JS
KUZU_MODULE="$KZ/node_modules/kuzu" node load.js "$PWD/kuzu.db" "$PWD/out" > got.json || fail "Kùzu COPY FROM failed"
$PY - want.json got.json <<'PY' || fail "Kùzu graph differs from the database"
import json, sys
w = json.load(open(sys.argv[1])); g = json.load(open(sys.argv[2]))
assert w["nodes"] == g["nodes"], (w["nodes"], g["nodes"])
norm = lambda es: sorted([s, r, o, bool(n), round(float(c), 6)] for s, r, o, n, c in es)
assert norm(w["edges"]) == norm(g["edges"]), (w["edges"], g["edges"])
print("kuzu:", len(g["nodes"]), "nodes,", len(g["edges"]), "edges")
PY
echo "export_csv: ok"
