#!/bin/sh
# query_oracle.sh -- kg query against an independent oracle on random graphs:
# neighbors (depth, direction, via, negated skipped), path lengths, paths within
# N (every simple path), match joins and where filters, and why, each compared
# with a brute-force computation in Python (NetworkX for shortest paths).
# Deterministic seeds; a few hundred queries; Debian's /usr/bin/python3.
set -u
: "${KG:?}"
PY=/usr/bin/python3
if ! $PY -c 'import networkx' 2>/dev/null; then
    echo "python3-networkx missing: query_oracle skipped"; exit 0
fi
exec $PY - "$KG" <<'EOF_PY'
import itertools, json, random, subprocess, sys
import networkx as nx

kg = sys.argv[1]
fails = 0
checks = 0

def run(db, q, fmt="jsonl"):
    r = subprocess.run([kg, "--db", db, "query", "--format", fmt, q], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("kg query %r: exit %d: %s" % (q, r.returncode, r.stderr))
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]

def check(cond, what):
    global fails, checks
    checks += 1
    if not cond:
        fails += 1
        print("FAIL:", what)

for seed in range(3):
    rng = random.Random(seed)
    n = 30
    names = ["N%d" % i for i in range(n)] + ["Zoë %d" % seed, "A&B %d" % seed]
    rels = ["knows", "pays", "owns"]
    triples = set()
    for _ in range(70):
        s, o = rng.choice(names), rng.choice(names)
        if s != o:
            triples.add((s, rng.choice(rels), o))
    triples = sorted(triples)
    db = "o%d.db" % seed
    with open("g%d.tsv" % seed, "w") as f:
        for t in triples:
            f.write("\t".join(t) + "\n")
    subprocess.run([kg, "--db", db, "import", "g%d.tsv" % seed], check=True, capture_output=True)
    # mark a few triples negated (as "no longer" statements are stored)
    neg = set(rng.sample(triples, 5))
    sql = ";".join(
        "UPDATE triple SET negated = 1 WHERE subject_id = (SELECT id FROM entity WHERE name = '%s') "
        "AND object_id = (SELECT id FROM entity WHERE name = '%s') AND relation_id = "
        "(SELECT id FROM relation WHERE name = '%s')" % (s, o, r) for s, r, o in neg)
    sql += ";UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';"
    subprocess.run(["sqlite3", db, sql], check=True)
    pos = [t for t in triples if t not in neg]
    ents = sorted({t[0] for t in triples} | {t[2] for t in triples})

    def q(name):
        return '"%s"' % name

    # ---- neighbors: BFS by hand
    def bfs(start, depth, direction, via, with_neg):
        edges = triples if with_neg else pos
        dist = {start: 0}
        frontier = [start]
        for d in range(1, depth + 1):
            nxt = []
            for u in frontier:
                for s, r, o in edges:
                    if via and r not in via:
                        continue
                    for a, b, ok in ((s, o, direction in ("out", "both")), (o, s, direction in ("in", "both"))):
                        if ok and a == u and b not in dist:
                            dist[b] = d
                            nxt.append(b)
            frontier = nxt
        dist.pop(start)
        return dist

    for _ in range(25):
        e = rng.choice(ents)
        depth = rng.randint(1, 3)
        direction = rng.choice(["out", "in", "both"])
        via = rng.choice([[], ["pays"], ["knows", "owns"]])
        with_neg = rng.random() < 0.3
        query = "neighbors %s depth %d %s%s%s" % (
            q(e), depth, direction, " via " + ", ".join(via) if via else "",
            " with negated" if with_neg else "")
        got = {row["entity"]: row["depth"] for row in run(db, query)}
        want = bfs(e, depth, direction, set(via), with_neg)
        check(got == want, "%s: got %s want %s" % (query, sorted(got.items()), sorted(want.items())))
        # each row's edge touches the reached entity and exists
        for row in run(db, query):
            ed = row["edge"]
            t = (ed["subject"], ed["relation"], ed["object"])
            check(t in triples and row["entity"] in (t[0], t[2]), "%s: bad edge %s" % (query, row))

    # ---- path lengths against NetworkX (undirected and directed, negated skipped)
    G = nx.MultiGraph(); D = nx.MultiDiGraph()
    G.add_nodes_from(ents); D.add_nodes_from(ents)
    for s, r, o in pos:
        G.add_edge(s, o); D.add_edge(s, o)
    for _ in range(25):
        a, b = rng.sample(ents, 2)
        for directed, H in ((False, G), (True, D)):
            query = "path %s to %s%s" % (q(a), q(b), " directed" if directed else "")
            rows = run(db, query)
            try:
                want = nx.shortest_path_length(H, a, b)
            except nx.NetworkXNoPath:
                want = None
            got = rows[0]["length"] if rows else None
            check(got == want, "%s: length %s, networkx %s" % (query, got, want))
            if rows:
                # the edges chain from a to b
                cur = a
                for ed in rows[0]["edges"]:
                    check((ed["subject"], ed["relation"], ed["object"]) in pos, "%s: edge %s" % (query, ed))
                    cur = ed["object"] if ed["subject"] == cur else ed["subject"]
                check(cur == b, "%s: path does not end at %s" % (query, b))

    # ---- paths within N: every simple path of at most N edges (parallel statements distinct)
    for _ in range(10):
        a, b = rng.sample(ents, 2)
        N = 3
        query = "paths %s to %s within %d limit 100000" % (q(a), q(b), N)
        got = sorted(len(r["edges"]) for r in run(db, query))
        want = []
        for p in nx.all_simple_edge_paths(G, a, b, cutoff=N):
            want.append(len(p))
        check(got == sorted(want), "%s: %d paths, networkx %d" % (query, len(got), len(want)))

    # ---- match: joins, filters, projection
    for r1, r2 in itertools.product(rels, rels):
        query = "match ?x %s ?y, ?y %s ?z" % (r1, r2)
        got = sorted((row["x"], row["y"], row["z"], row.get("negated", False)) for row in run(db, query))
        want = set()
        for s1, rr1, o1 in triples:
            for s2, rr2, o2 in triples:
                if rr1 == r1 and rr2 == r2 and o1 == s2:
                    want.add((s1, o1, o2, (s1, rr1, o1) in neg or (s2, rr2, o2) in neg))
        check(got == sorted(want), "%s: %d rows, expected %d" % (query, len(got), len(want)))
    for _ in range(8):
        e = rng.choice(ents)
        query = "match ?a ?r %s where ?a != %s return ?r, ?a" % (q(e), q(rng.choice(ents)))
        excluded = query.split("!= ")[1].split(" return")[0].strip('"')
        got = sorted((row["r"], row["a"]) for row in run(db, query))
        want = sorted({(r, s) for s, r, o in triples if o == e and s != excluded})
        check(got == want, "%s: got %s want %s" % (query, got, want))

    # ---- why: every statement between two entities, both directions, negated flagged
    for s, r, o in rng.sample(triples, 8):
        query = "why %s %s" % (q(s), q(o))
        got = sorted((row["subject"], row["relation"], row["object"], row["negated"]) for row in run(db, query))
        want = sorted((a, rr, b, (a, rr, b) in neg) for a, rr, b in triples if {a, b} == {s, o})
        check(got == want, "%s: got %s want %s" % (query, got, want))

print("query_oracle: %d passed, %d failed" % (checks - fails, fails))
sys.exit(1 if fails else 0)
EOF_PY
