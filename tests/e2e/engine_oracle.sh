#!/bin/sh
# engine_oracle.sh -- the graph engine through `kg query`, checked against
# python-igraph on a generated graph (bench/gen_kg.py: hubs, UTF-8, quotes,
# ampersands, angle brackets, self-loops, duplicates): shortest-path lengths
# (undirected and directed) and that each path is a chain of stored triples,
# depth-2 neighbourhoods as sets, top by degree and by pagerank.
# The oracle reads the store's own tables, so it sees the same entities.
set -eu
PY=/usr/bin/python3
if ! $PY -c 'import igraph' 2>/dev/null; then
  echo "skip: /usr/bin/python3 has no igraph module (apt-get install python3-igraph)"
  exit 0
fi
$PY "$KG_TOP/bench/gen_kg.py" --edges 3000 --seed 11 > g.tsv
"$KG" --db g.db import g.tsv 2>/dev/null
$PY - "$KG" <<'EOF'
import json, math, random, sqlite3, subprocess, sys
import igraph

kg = sys.argv[1]
db = sqlite3.connect("g.db")
names = dict(db.execute("SELECT id, name FROM entity"))
ids = sorted(names)
idx = {e: i for i, e in enumerate(ids)}
triples = list(db.execute("SELECT subject_id, relation_id, object_id FROM triple WHERE negated = 0"))
rels = dict(db.execute("SELECT id, name FROM relation"))
stored = {(names[s], rels[r], names[o]) for s, r, o in triples}
g = igraph.Graph(n=len(ids), edges=[(idx[s], idx[o]) for s, _, o in triples], directed=True)
fails = 0

def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def run(query):
    p = subprocess.run([kg, "--db", "g.db", "query", "--format", "jsonl", query],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"FAIL: {query!r} exited {p.returncode}: {p.stderr.strip()}")
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]

def check(cond, what):
    global fails
    if not cond:
        fails += 1
        print("FAIL:", what)

rng = random.Random(7)
connected = [v for v in range(len(ids)) if g.degree(v) > 0]
for k in range(30):
    a, b = rng.sample(connected, 2)
    directed = k % 3 == 0
    mode = "out" if directed else "all"
    d = g.distances(a, b, mode=mode)[0][0]
    q = f"path {quote(names[ids[a]])} to {quote(names[ids[b]])}" + (" directed" if directed else "")
    rows = run(q)
    if math.isinf(d):
        check(rows == [], f"{q}: igraph finds no path, kg gave {rows}")
        continue
    check(len(rows) == 1 and rows[0]["length"] == d, f"{q}: igraph length {d}, kg {rows}")
    if rows:
        at = names[ids[a]]
        for e in rows[0]["edges"]:
            check((e["subject"], e["relation"], e["object"]) in stored, f"{q}: {e} is not a stored triple")
            if directed:
                check(e["subject"] == at, f"{q}: edge {e} does not leave {at}")
            else:
                check(at in (e["subject"], e["object"]), f"{q}: edge {e} does not touch {at}")
            at = e["object"] if e["subject"] == at else e["subject"]
        check(at == names[ids[b]], f"{q}: path ends at {at}")

for v in rng.sample(connected, 12):
    want = {names[ids[u]] for u in g.neighborhood(v, order=2, mode="all")} - {names[ids[v]]}
    q = f"neighbors {quote(names[ids[v]])} depth 2 limit 1000000"
    got = run(q)
    check({r["entity"] for r in got} == want and len(got) == len(want),
          f"{q}: {len(got)} rows, igraph {len(want)}")
    for r in got:
        check(r["depth"] in (1, 2), f"{q}: depth {r['depth']}")

deg = g.degree(mode="all", loops=True)
rows = run("top 5 by degree")
check([r["score"] for r in rows] == sorted(deg, reverse=True)[:5], f"top by degree: {rows}")
pr = g.pagerank(directed=True, damping=0.85)
rows = run("top 5 by pagerank")
want = sorted(pr, reverse=True)[:5]
check(len(rows) == 5 and all(abs(r["score"] - w) < 1e-6 for r, w in zip(rows, want)),
      f"top by pagerank: {rows} vs {want}")
if fails:
    raise SystemExit(f"{fails} failures")
print("engine oracle: paths, neighbourhoods, degree and pagerank agree with igraph")
EOF
