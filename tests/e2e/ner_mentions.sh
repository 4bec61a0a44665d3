#!/bin/sh
# ner_mentions.sh -- kg extract's mention lines (NER, ingest/ner.c + coref.c) on a small news
# text: names typed and merged (suffix, acronym, possessive), offsets that slice the input.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cat >in.txt <<'TXT'
Microsoft Corp. said on Tuesday that OpenAI will pay $1.5 billion for cloud services. Satya Nadella, Microsoft's chief executive, said the partnership remains strong. He added that OpenAI can now work with Amazon Web Services (AWS). AWS declined to comment. Dr. Jane Whitfield, a professor at the University of Chicago, said Microsoft’s deal was unusual. Shares rose 3 percent in Paris, France and in Germany.
TXT
"$KG" extract --format jsonl in.txt >out.jsonl
"$PY" - in.txt out.jsonl <<'PYEOF'
import json, sys
text = open(sys.argv[1], "rb").read()
ments = [r for r in map(json.loads, open(sys.argv[2], encoding="utf-8")) if r.get("kind") == "mention"]
assert ments, "no mention lines"
by_text = {}
for r in ments:
    s, e = r["start"], r["end"]
    assert 0 <= s < e <= len(text), r
    assert text[s:e].decode("utf-8") == r["text"], ("offsets do not slice the text", r)
    assert not r["text"].endswith("'s") and not r["text"].endswith("\u2019s"), ("possessive kept", r)
    assert r["text"].lower() not in ("he", "it", "she", "they"), ("pronoun printed", r)
    by_text.setdefault(r["text"], []).append(r)

def one(t, label):
    assert t in by_text, f"missing mention {t!r}: {sorted(by_text)}"
    got = {r["label"] for r in by_text[t]}
    assert got == {label}, f"{t!r}: labels {got}, expected {label}"
    return by_text[t]

one("Satya Nadella", "PERSON")
one("OpenAI", "ORG")
one("Amazon Web Services", "ORG")
aws = one("AWS", "ORG")
assert all(r["entity"] == "Amazon Web Services" for r in aws), aws
ms = one("Microsoft", "ORG")
assert {r["entity"] for r in ms} == {r["entity"] for r in by_text["Microsoft Corp."]}, "suffix not merged"
one("Jane Whitfield" if "Jane Whitfield" in by_text else "Dr. Jane Whitfield", "PERSON")
one("University of Chicago", "ORG")
one("Germany", "PLACE")
assert any(t in by_text for t in ("Paris, France", "Paris")), sorted(by_text)
# a nested mention is another entity, never the same one again ("Microsoft" in "Microsoft Corp.")
seen = {}
for r in ments:
    key = (r["start"], r["entity"])
    assert key not in seen, ("same entity twice at one offset", seen.get(key), r)
    seen[key] = r
money = [r for r in ments if r["label"] == "MONEY"]
assert any(r["text"] == "$1.5 billion" for r in money), money
print("ner_mentions: %d mention lines ok" % len(ments))
PYEOF
