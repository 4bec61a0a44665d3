#!/usr/bin/env python3
"""List named-mention errors of kg against GUM gold mentions, by class.

usage: ner_errors.py GOLD_DIR PRED_DIR [--show CLASS] [--max N] [--doc NAME]

Same matching as ../shared/eval/entity_score.py (leading "the" and trailing 's dropped,
only PERSON/ORG/PLACE predictions and person/organization/place PROPN-headed gold).
Classes:
  FN:nothing      no prediction overlaps the gold span at all
  FN:unscored     a prediction with the exact span exists but its label is not scored (OTHER ...)
  FN:boundary     an overlapping scored prediction with another span
  FN:unscored-overlap an overlapping prediction, unscored label, other span
  FP:gold-TYPE    the span is a gold mention of an unscored type (object, event, abstract ...)
  FP:gold-nonpropn the span is a gold mention whose head is not a proper noun
  FP:boundary     overlaps a scored gold mention with another span
  FP:nogold       nothing in gold there
  TYPE:G->P       right span, wrong label
Prints counts per class, then the examples of --show CLASS (a prefix, e.g. FP or FN:nothing).
"""
import collections
import json
import os
import sys

GOLD_TYPES = {"person": "PERSON", "organization": "ORG", "place": "PLACE"}
PRED_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "ORGANIZATION": "ORG",
              "PLACE": "PLACE", "GPE": "PLACE", "LOC": "PLACE", "LOCATION": "PLACE"}


def trim(text, start, end):
    s = text[start:end]
    for art in ("the ", "The "):
        if s.startswith(art):
            start += len(art)
            s = s[len(art):]
    for pos in ("'s", "’s"):
        if s.endswith(pos):
            end -= len(pos)
            s = s[:-len(pos)]
    return start, end


def byte_to_char(text):
    table, b = {}, 0
    for i, ch in enumerate(text):
        table[b] = i
        b += len(ch.encode("utf-8"))
    table[b] = len(text)
    return table


def load(gold_dir, pred_dir, name):
    text = open(os.path.join(gold_dir, "text", name + ".txt"), encoding="utf-8").read()
    gold_all = []
    with open(os.path.join(gold_dir, "entities", name + ".tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            start, end, _, etype, _, _, head = line.rstrip("\n").split("\t")
            s, e = trim(text, int(start), int(end))
            gold_all.append((s, e, etype, head))
    preds = []
    path = os.path.join(pred_dir, name + ".jsonl")
    if os.path.exists(path):
        conv = byte_to_char(text)
        for line in open(path, encoding="utf-8"):
            r = json.loads(line)
            if r.get("kind") != "mention":
                continue
            s, e = trim(text, conv[int(r["start"])], conv[int(r["end"])])
            preds.append((s, e, str(r.get("label", "")).upper()))
    return text, gold_all, preds


def context(text, s, e, w=40):
    a = text[max(0, s - w):s].replace("\n", " ")
    b = text[e:e + w].replace("\n", " ")
    return f"{a}[[{text[s:e]}]]{b}"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = {}
    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a.startswith("--") and i + 1 < len(argv):
            opts[a[2:]] = argv[i + 1]
    pos = [a for i, a in enumerate(argv) if not a.startswith("--") and not (i > 0 and argv[i - 1].startswith("--"))]
    if len(pos) != 2:
        sys.exit(__doc__)
    gold_dir, pred_dir = pos
    show, maxn, only = opts.get("show"), int(opts.get("max", "100000")), opts.get("doc")
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    for fn in sorted(os.listdir(os.path.join(gold_dir, "text"))):
        name = fn[:-4]
        if only and only not in name:
            continue
        text, gold_all, preds = load(gold_dir, pred_dir, name)
        gold = {(s, e): GOLD_TYPES[t] for s, e, t, h in gold_all if h == "PROPN" and t in GOLD_TYPES}
        gold_other = {}
        for s, e, t, h in gold_all:
            if (s, e) in gold:
                continue
            key = "gold-nonpropn" if (t in GOLD_TYPES and h != "PROPN") else "gold-" + t
            gold_other.setdefault((s, e), key)
        scored = {}
        unscored = {}
        for s, e, l in preds:
            if l in PRED_TYPES:
                scored[(s, e)] = PRED_TYPES[l]
            else:
                unscored[(s, e)] = l

        def overl(a, b):
            return a[0] < b[1] and b[0] < a[1]

        for span, gl in gold.items():
            if span in scored:
                if scored[span] != gl:
                    cls = f"TYPE:{gl}->{scored[span]}"
                    counts[cls] += 1
                    examples[cls].append((name, span, context(text, *span)))
                continue
            if span in unscored:
                cls = "FN:unscored(" + unscored[span] + ")"
            elif any(overl(span, p) for p in scored):
                cls = "FN:boundary"
            elif any(overl(span, p) for p in unscored):
                cls = "FN:unscored-overlap"
            else:
                cls = "FN:nothing"
            counts[cls] += 1
            near = [f"{text[a:b]}/{l}" for a, b, l in preds if overl(span, (a, b))]
            examples[cls].append((name, span, context(text, *span) + f"  <{gl}>  pred: " + "; ".join(near)))
        for span, pl in scored.items():
            if span in gold:
                continue
            if span in gold_other:
                cls = "FP:" + gold_other[span]
            elif any(overl(span, g) for g in gold):
                cls = "FP:boundary"
            else:
                cls = "FP:nogold"
            counts[cls] += 1
            near = [f"{text[a:b]}/{t}/{h}" for a, b, t, h in gold_all if overl(span, (a, b))]
            examples[cls].append((name, span, context(text, *span) + f"  <{pl}>  gold: " + "; ".join(near)))
    for cls, n in sorted(counts.items(), key=lambda x: -x[1]):
        print(f"{n:6d}  {cls}")
    if show:
        for cls in sorted(examples):
            if not cls.startswith(show):
                continue
            print(f"\n== {cls}")
            for name, span, ctx in examples[cls][:maxn]:
                print(f"{name}\t{ctx}")


if __name__ == "__main__":
    main()
