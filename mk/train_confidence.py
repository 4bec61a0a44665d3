#!/usr/bin/env python3
"""Train kg's extraction-confidence model (two logistic regressions) on CaRB dev.

usage: train_confidence.py --gold GOLD.tsv --features FEATS.tsv --scorer DIR --out MODEL.txt

FEATS.tsv is `kg extract --format carb --features` output: CaRB lines whose last
field is "# f0 f1 ... f80". Each extraction's target is the token precision of
its best CaRB match against the gold tuples of its sentence, with carb_score.py's
own matcher (imported from --scorer). Two models are fitted by full-batch
gradient descent with L2 (deterministic; numpy when present, else the standard
library, same arithmetic): "nz" predicts whether the precision is above zero
(the extraction matches some gold tuple at all), the other predicts the
precision of the extractions that do. kg's confidence is the product of the two
(the expected precision): extractions with no counterpart sink to the bottom
and, among the rest, the surest come first.

It reports 2-fold cross-validated CaRB AUC / best F1 (sentences split by parity:
each half scored by the models trained on the other half; both halves merged,
and each half on its own against its own auc_flat) and the in-sample figures of
the final models (trained on all of dev), and writes the weights as
"name<TAB>weight" and "nz.name<TAB>weight" lines.
"""
import argparse
import math
import os
import sys
import tempfile

NAMES = ["subj_plain", "subj_relative", "subj_coord", "subj_participle", "subj_control",
         "apposition", "arg1_len", "arg2_len", "rel_len", "sent_len", "arg2_empty",
         "arg1_pronoun", "n_extractions", "arg2_propn", "subj_at_start", "passive", "rel_prep",
         "rel_vwp", "has_arg3", "n_groups", "arg2_comma", "arg2_verb", "say", "obj_to_end",
         "arg1_comma_cc", "arg1_long", "arg2_long", "kind_participle", "kind_inf", "first_group",
         "nominal_have", "subj_fallback", "cover", "arg2_preps", "arg1_expletive",
         "inv_extractions", "arg2_cc", "adjacent", "sent_verbs", "single_extraction",
         "arg1_verb", "head_not_verb", "rel_ends_that", "arg2_starts_adv", "next_prep", "next_comma",
         "next_other", "arg2_len_1_2", "arg2_len_3_5", "arg2_len_6_9", "arg1_len_1", "arg1_len_2_3",
         "arg1_propn", "in_clause", "after_sub", "sent_quote", "sent_colon_paren", "tail_left",
         "subj_gap", "arg2_non_of_preps", "rel_adverb", "copula", "modal", "n_split",
         "arg2_core_only", "arg2_tail_1_3", "arg2_tail_4_7", "arg2_tail_8", "arg1_core_only",
         "arg1_tail_1_3", "arg1_tail_4", "arg2_tail", "rel_last_be", "arg1_article", "arg2_article",
         "arg2_last_cap", "arg2_digit", "rel_one_word", "later_copy",
         "subject_before", "inside_other"]


def read_feats(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            body, _, feats = line.rpartition("\t# ")
            x = [float(v) for v in feats.split()]
            fields = body.split("\t")
            rows.append((fields[0], fields[2], fields[3:], x))
    return rows


def targets(rows, gold, carb, one_to_one=True):
    """Token precision of each extraction against the gold tuples of its
    sentence. With one_to_one, as CaRB counts it when all of the sentence's
    extractions are kept: a greedy one-to-one matching, highest precision
    first (ties: earlier gold, then earlier extraction), so that a second
    extraction matching only the gold tuple another one took scores 0; else
    the best match of each extraction on its own."""
    ys = [0.0] * len(rows)
    by_sent = {}
    for i, (sent, _, _, _) in enumerate(rows):
        by_sent.setdefault(carb.sentence_key(sent), []).append(i)
    for key, idx in by_sent.items():
        golds = gold.get(key, [])
        scores = [[carb.tuple_match(g, (0.0, rows[i][1], rows[i][2]))[0] for i in idx]
                  for g in golds]
        if not one_to_one:
            for j, i in enumerate(idx):
                ys[i] = max([row[j] for row in scores] + [0.0])
            continue
        pairs = sorted((-row[j], a, j) for a, row in enumerate(scores)
                       for j in range(len(idx)) if row[j] > 0)
        used_g, used_x = set(), set()
        for neg_p, a, j in pairs:
            if a not in used_g and j not in used_x:
                used_g.add(a)
                used_x.add(j)
                ys[idx[j]] = -neg_p
    return ys


def fit(xs, ys, l2=0.01, iters=800, lr=0.5):
    try:
        import numpy as np
    except ImportError:
        np = None
    if np is not None:
        x = np.array(xs, dtype=float)
        y = np.array(ys, dtype=float)
        n, d = x.shape
        w = np.zeros(d + 1)
        for _ in range(iters):
            z = np.clip(x @ w[:d] + w[d], -30.0, 30.0)
            e = 1.0 / (1.0 + np.exp(-z)) - y
            grad = np.append(x.T @ e, e.sum()) / n
            grad[:d] += l2 * w[:d]
            w -= lr * grad
        return [float(v) for v in w]
    n, d = len(xs), len(xs[0])
    w = [0.0] * (d + 1)
    for _ in range(iters):
        grad = [0.0] * (d + 1)
        for x, y in zip(xs, ys):
            z = w[d] + sum(wi * xi for wi, xi in zip(w, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            e = p - y
            for k in range(d):
                grad[k] += e * x[k]
            grad[d] += e
        for k in range(d + 1):
            reg = l2 * w[k] if k < d else 0.0
            w[k] -= lr * (grad[k] / n + reg)
    return w


def predict(w, x):
    d = len(x)
    z = w[d] + sum(wi * xi for wi, xi in zip(w, x))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit2(xs, ys):
    """(nz weights, precision weights) from extractions with targets ys."""
    nz = fit(xs, [1.0 if y > 0 else 0.0 for y in ys])
    pos = [i for i, y in enumerate(ys) if y > 0]
    return nz, fit([xs[i] for i in pos], [ys[i] for i in pos])


def predict2(model, x):
    return predict(model[0], x) * predict(model[1], x)


def score(rows, confs, gold_path, carb, keep=None):
    """CaRB figures of rows with confidences confs; keep(sentence key) limits
    both the extractions and the gold to some sentences."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as f:
        for (sent, rel, args, _), c in zip(rows, confs):
            if keep is None or keep(carb.sentence_key(sent)):
                f.write("\t".join([sent, "%.4f" % c, rel] + args) + "\n")
        name = f.name
    try:
        gold = carb.read_gold(gold_path)
        if keep is not None:
            gold = {k: v for k, v in gold.items() if keep(k)}
        system, _ = carb.read_system(name)
        result, _ = carb.evaluate(gold, system)
    finally:
        os.unlink(name)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--features", required=True)
    ap.add_argument("--scorer", required=True, help="directory holding carb_score.py")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sys.path.insert(0, a.scorer)
    import carb_score as carb
    gold = carb.read_gold(a.gold)
    rows = read_feats(a.features)
    ys = targets(rows, gold, carb)
    xs = [r[3] for r in rows]
    # Sentences without gold tuples are ignored by the scorer: not training data.
    has_gold = [bool(gold.get(carb.sentence_key(r[0]))) for r in rows]
    keys = sorted({carb.sentence_key(r[0]) for r in rows})
    fold = {k: i % 2 for i, k in enumerate(keys)}
    cv = [0.0] * len(rows)
    for half in (0, 1):
        tr = [i for i, r in enumerate(rows)
              if fold[carb.sentence_key(r[0])] != half and has_gold[i]]
        m = fit2([xs[i] for i in tr], [ys[i] for i in tr])
        for i, r in enumerate(rows):
            if fold[carb.sentence_key(r[0])] == half:
                cv[i] = predict2(m, xs[i])
    res_cv = score(rows, cv, a.gold, carb)
    halves = [score(rows, cv, a.gold, carb, keep=lambda k, h=h: fold.get(k, -1) == h)
              for h in (0, 1)]
    m = fit2([x for x, h in zip(xs, has_gold) if h], [y for y, h in zip(ys, has_gold) if h])
    res_in = score(rows, [predict2(m, x) for x in xs], a.gold, carb)
    print("2-fold CV on dev: AUC %.4f  best F1 %.4f  (auc_flat %.4f)"
          % (res_cv["auc"], res_cv["f1"], res_cv["auc_flat"]))
    for h, r in enumerate(halves):
        print("  half %d alone (trained on the other): AUC %.4f  best F1 %.4f  (auc_flat %.4f)"
              % (h, r["auc"], r["f1"], r["auc_flat"]))
    print("trained on all dev (in-sample): AUC %.4f  best F1 %.4f  (auc_flat %.4f)"
          % (res_in["auc"], res_in["f1"], res_in["auc_flat"]))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# kg extraction confidence: two logistic models, name<TAB>weight (precision of\n"
                "# a matching extraction) and nz.name<TAB>weight (it matches at all); confidence =\n"
                "# product. Trained by `make train-confidence` on CaRB dev (in-sample AUC %.4f,\n"
                "# 2-fold CV AUC %.4f, auc_flat %.4f)\n" % (res_in["auc"], res_cv["auc"],
                                                        res_in["auc_flat"]))
        for prefix, w in (("", m[1]), ("nz.", m[0])):
            for name, wk in zip(NAMES, w):
                f.write("%s%s\t%.6f\n" % (prefix, name, wk))
            f.write("%sbias\t%.6f\n" % (prefix, w[len(NAMES)]))


if __name__ == "__main__":
    main()
