#!/usr/bin/env python3
"""Per-extraction error analysis for kg on CaRB (dev).

usage: carb_errors.py --gold GOLD.tsv --system SYS.tsv --scorer DIR [--top N] [--worst N]

Joins each extraction of SYS.tsv (kg extract --format carb [--features]) with its
best gold match in its sentence (carb_score.tuple_match: token precision, recall),
then prints precision by confidence decile (surest first), the AUC of the system
ranking and of an oracle ranking by true precision, and the N surest extractions
whose best precision is lowest (the failures at the top of the ranking), each with
its best gold tuple.
"""
import argparse
import os
import sys
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--system", required=True)
    ap.add_argument("--scorer", required=True)
    ap.add_argument("--top", type=int, default=300, help="look at the N surest extractions")
    ap.add_argument("--worst", type=int, default=40, help="print this many failures among them")
    a = ap.parse_args()
    sys.path.insert(0, a.scorer)
    import carb_score as carb
    gold = carb.read_gold(a.gold)
    rows = []
    with open(a.system, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            body, _, feats = line.partition("\t# ")
            fields = body.strip().split("\t")
            rows.append((fields[0], float(fields[1]), fields[2], fields[3:]))
    joined = []
    for sent, conf, rel, args in rows:
        golds = gold.get(carb.sentence_key(sent))
        if not golds:
            continue
        best, bg = (0.0, 0.0), None
        for g in golds:
            m = carb.tuple_match(g, (conf, rel, args))
            if m > best:
                best, bg = m, g
        joined.append((conf, best[0], best[1], sent, rel, args, bg))
    joined.sort(key=lambda r: -r[0])
    n = len(joined)
    print("extractions %d; precision (best match, not one-to-one) by confidence decile:" % n)
    for d in range(10):
        part = joined[d * n // 10:(d + 1) * n // 10]
        if part:
            print("  decile %d  conf %.3f-%.3f  P %.3f  exact %.2f  R %.3f" % (
                d + 1, part[-1][0], part[0][0], sum(r[1] for r in part) / len(part),
                sum(r[1] >= 0.999 for r in part) / len(part), sum(r[2] for r in part) / len(part)))

    def auc_of(confs):
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
            for (conf, p, r, sent, rel, args, _), c in zip(joined, confs):
                f.write("\t".join([sent, "%.6f" % c, rel] + args) + "\n")
            name = f.name
        try:
            system, _ = carb.read_system(name)
            res, _ = carb.evaluate(gold, system)
        finally:
            os.unlink(name)
        return res
    res = auc_of([r[0] for r in joined])
    orc = auc_of([r[1] for r in joined])
    print("system: AUC %.4f flat %.4f F1 %.4f | oracle-by-precision AUC %.4f F1 %.4f" % (
        res["auc"], res["auc_flat"], res["f1"], orc["auc"], orc["f1"]))
    top = joined[:a.top]
    worst = sorted(top, key=lambda r: r[1])[:a.worst]
    print("\nlowest-precision extractions among the %d surest:" % len(top))
    for conf, p, r, sent, rel, args, g in worst:
        print("%.3f P %.2f R %.2f | %s" % (conf, p, r, sent))
        print("    kg:   (%s) [%s] %s" % (args[0] if args else "", rel, " | ".join(args[1:])))
        if g:
            print("    gold: (%s) [%s] %s" % (g[1][0] if g[1] else "", g[0], " | ".join(g[1][1:])))


if __name__ == "__main__":
    main()
