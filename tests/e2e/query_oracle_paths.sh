#!/bin/sh
# query_oracle_paths.sh -- the draft's path forms against NetworkX on random
# graphs: `paths ... shortest K` (Yen / shortest_simple_paths: the lengths of
# the K shortest simple paths), `through` (every simple path visiting the given
# entities in order, filtered from all_simple_paths), `by confidence` (costs of
# the K cheapest paths under -ln(confidence)), the edge filters `without`
# and `min confidence` on neighbors, and `top N by degree` with a direction,
# via, without and min confidence; undirected and directed, with via and avoid.
# Deterministic seeds; Debian's /usr/bin/python3.
set -u
: "${KG:?}"
PY=/usr/bin/python3
if ! $PY -c 'import networkx' 2>/dev/null; then
    echo "python3-networkx missing: query_oracle_paths skipped"; exit 0
fi
exec $PY - "$KG" <<'EOF_PY'
import itertools, json, math, random, subprocess, sys
import networkx as nx

kg = sys.argv[1]
fails = 0
checks = 0

def run(db, q):
    r = subprocess.run([kg, "--db", db, "query", "--format", "jsonl", q], capture_output=True,
                       text=True)
    if r.returncode != 0:
        raise RuntimeError("kg query %r: exit %d: %s" % (q, r.returncode, r.stderr))
    return [json.loads(l) for l in r.stdout.splitlines() if l.strip()]

def check(cond, what):
    global fails, checks
    checks += 1
    if not cond:
        fails += 1
        print("FAIL:", what)

def node_seq(start, edges):
    seq = [start]
    for e in edges:
        if e["subject"] == seq[-1]:
            seq.append(e["object"])
        elif e["object"] == seq[-1]:
            seq.append(e["subject"])
        else:
            return None
    return seq

for seed in range(4):
    rng = random.Random(100 + seed)
    n = 14 if seed < 2 else 22
    names = ["V%d" % i for i in range(n)]
    rels = ["knows", "pays", "owns"]
    triples = {}
    for _ in range(int(n * 2.2)):
        s, o = rng.choice(names), rng.choice(names)
        if s != o:
            triples[(s, rng.choice(rels), o)] = rng.choice([0.2, 0.35, 0.5, 0.6, 0.75, 0.9, 0.95, 1.0])
    db = "p%d.db" % seed
    with open("p%d.tsv" % seed, "w") as f:
        for (s, r, o), c in sorted(triples.items()):
            f.write("%s\t%s\t%s\t%s\n" % (s, r, o, c))
    subprocess.run([kg, "--db", db, "import", "p%d.tsv" % seed], check=True, capture_output=True)
    ents = sorted({t[0] for t in triples} | {t[2] for t in triples})

    def graph(directed=False, via=None, without=(), min_conf=0.0, weighted=False):
        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(ents)
        for (s, r, o), c in triples.items():
            if (via and r not in via) or r in without or c < min_conf:
                continue
            w = -math.log(c) if weighted and c > 0 else 1.0
            if weighted and c <= 0:
                continue
            if G.has_edge(s, o):
                G[s][o]["w"] = min(G[s][o]["w"], w)
            else:
                G.add_edge(s, o, w=w)
        return G

    def valid(seq, a, b, G, avoid=()):
        if seq is None or seq[0] != a or seq[-1] != b or len(set(seq)) != len(seq):
            return False
        if any(x in avoid for x in seq[1:-1]):
            return False
        return all(G.has_edge(u, v) for u, v in zip(seq, seq[1:]))

    pairs = [(a, b) for a in ents for b in ents if a != b]
    rng.shuffle(pairs)
    for a, b in pairs[:25]:
        # ---- shortest K, undirected / directed / via / without / avoid
        for opts in ({}, {"directed": True}, {"via": ["knows", "pays"]}, {"without": ["owns"]},
                     {"avoid": 1}, {"min_conf": 0.5}):
            k = rng.choice([1, 3, 6])
            G = graph(directed=opts.get("directed", False), via=opts.get("via"),
                      without=opts.get("without", ()), min_conf=opts.get("min_conf", 0.0))
            avoid = []
            if "avoid" in opts:
                cand = [x for x in ents if x not in (a, b)]
                avoid = [rng.choice(cand)]
                H = G.copy()
                H.remove_nodes_from(avoid)
            else:
                H = G
            q = 'paths "%s" to "%s" shortest %d' % (a, b, k)
            if opts.get("directed"):
                q += " directed"
            if opts.get("via"):
                q += " via " + ", ".join(opts["via"])
            if opts.get("without"):
                q += " without " + ", ".join(opts["without"])
            if avoid:
                q += ' avoid "%s"' % avoid[0]
            if opts.get("min_conf"):
                q += " min confidence %g" % opts["min_conf"]
            rows = run(db, q)
            want = []
            try:
                for p in nx.shortest_simple_paths(H, a, b):
                    if len(p) - 1 > 20:
                        break
                    want.append(len(p) - 1)
                    if len(want) == k:
                        break
            except nx.NetworkXNoPath:
                pass
            got = [r["length"] for r in rows]
            check(got == want, "%s: lengths %s, networkx %s" % (q, got, want))
            seqs = [node_seq(a, r["edges"]) for r in rows]
            check(all(valid(s, a, b, G, avoid) for s in seqs), "%s: invalid path in %s" % (q, seqs))
            check(len({tuple(s) for s in seqs if s}) == len(seqs), "%s: repeated path" % q)

        # ---- through one or two entities, within N
        mids = [x for x in ents if x not in (a, b)]
        thr = rng.sample(mids, rng.choice([1, 2]))
        N = 5
        G = graph()
        want = set()
        for p in nx.all_simple_paths(G, a, b, cutoff=N):
            pos = [p.index(x) if x in p else -1 for x in thr]
            if all(i > 0 for i in pos) and pos == sorted(pos):
                want.add(tuple(p))
        q = 'paths "%s" to "%s" through %s within %d limit 100000' % (
            a, b, ", ".join('"%s"' % x for x in thr), N)
        rows = run(db, q)
        got = {tuple(node_seq(a, r["edges"]) or ()) for r in rows}
        check(got == want, "%s: %d entity sequences, networkx %d" % (q, len(got), len(want)))
        # every shortest through-path
        q = 'paths "%s" to "%s" through %s limit 100000' % (a, b, ", ".join('"%s"' % x for x in thr))
        rows = run(db, q)
        best = min((len(p) for p in want), default=None)
        if best is not None:
            got = {tuple(node_seq(a, r["edges"]) or ()) for r in rows}
            check(got == {p for p in want if len(p) == best}, "%s: shortest through-paths differ" % q)

        # ---- by confidence: costs of the K cheapest paths
        k = rng.choice([1, 2, 4])
        for directed in (False, True):
            G = graph(directed=directed, weighted=True)
            q = 'paths "%s" to "%s" shortest %d by confidence%s' % (a, b, k, " directed" if directed else "")
            rows = run(db, q)
            want = []
            try:
                for p in nx.shortest_simple_paths(G, a, b, weight="w"):
                    want.append(sum(G[u][v]["w"] for u, v in zip(p, p[1:])))
                    if len(want) == k:
                        break
            except nx.NetworkXNoPath:
                pass
            got = []
            for r in rows:
                cost = 0.0
                for e in r["edges"]:
                    c = triples.get((e["subject"], e["relation"], e["object"]), 0)
                    cost += -math.log(c) if c > 0 else float("inf")
                got.append(cost)
            check(len(got) == len(want) and all(abs(x - y) < 1e-6 for x, y in zip(got, want)),
                  "%s: costs %s, networkx %s" % (q, [round(x, 4) for x in got],
                                                 [round(x, 4) for x in want]))
            if k == 1:
                rows1 = run(db, 'path "%s" to "%s" by confidence%s' % (a, b, " directed" if directed else ""))
                check(len(rows1) == len(rows) and (not rows or rows1[0]["edges"] == rows[0]["edges"]),
                      "path by confidence differs from shortest 1 by confidence (%s, %s)" % (a, b))

    # ---- neighbors with without / min confidence: BFS on the filtered graph
    for start in ents[:8]:
        for q_extra, G in (("without pays", graph(without=("pays",))),
                           ("min confidence 0.6", graph(min_conf=0.6))):
            rows = run(db, 'neighbors "%s" depth 2 %s' % (start, q_extra))
            dist = nx.single_source_shortest_path_length(G, start, cutoff=2)
            want = sorted((d, x) for x, d in dist.items() if x != start)
            got = sorted((r["depth"], r["entity"]) for r in rows)
            check(got == want, "neighbors %s %s: %s, networkx %s" % (start, q_extra, got, want))

    # ---- top by degree with a direction / via / without / min confidence: counted by hand
    for extra, keep, side in (("out", lambda r, c: True, "s"), ("in via pays", lambda r, c: r == "pays", "o"),
                              ("without owns min confidence 0.5", lambda r, c: r != "owns" and c >= 0.5, "so")):
        deg = {}
        for (s_, r, o), c in triples.items():
            if keep(r, c):
                if "s" in side:
                    deg[s_] = deg.get(s_, 0) + 1
                if "o" in side:
                    deg[o] = deg.get(o, 0) + 1
        rows = run(db, "top 1000 by degree " + extra)
        got = {r["entity"]: r["score"] for r in rows}
        check(got == deg, "top by degree %s: %s, by hand %s" % (extra, sorted(got.items()), sorted(deg.items())))
        scores = [r["score"] for r in rows]
        check(scores == sorted(scores, reverse=True), "top by degree %s: not sorted" % extra)

print("query_oracle_paths: %d passed, %d failed" % (checks - fails, fails))
sys.exit(1 if fails else 0)
EOF_PY
