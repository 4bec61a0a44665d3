#!/bin/sh
# extract_news.sh -- kg extract on made-up news sentences (real tagger model): datelines in
# capitals, a kind of organisation before a name, abbreviations inside names, a capitalised
# -ing name the tagger reads as a verb, an irregular participle's lemma, the period of an
# agreement as a time qualifier, negation.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
cat >in.txt <<'TXT'
WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday. The US economy grew.

The chipmaker Zorvex said on Monday that it would cut jobs.

Boeing, which builds aircraft, has never paid a fine to the Federal Aviation Administration.

Under the old deal, Microsoft paid OpenAI a revenue share. OpenAI has won the contract.
TXT
"$KG" extract --format jsonl in.txt >out.jsonl
"$PY" - out.jsonl <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
ments = [r for r in rows if r["kind"] == "mention"]
trips = [r for r in rows if r["kind"] == "triple"]

def label(text):
    got = {r["label"] for r in ments if r["text"] == text}
    assert got, f"no mention {text!r}: {sorted({r['text'] for r in ments})}"
    return got

def entity(text):
    return {r["entity"] for r in ments if r["text"] == text}

def triple(s, rel, o):
    for t in trips:
        if t["subject"] == s and t["relation"] == rel and t["object"] == o:
            return t
    raise AssertionError(f"no triple {s} -{rel}-> {o}: " +
                         "; ".join(f"{t['subject']} -{t['relation']}-> {t['object']}" for t in trips))

assert label("WASHINGTON") == {"PLACE"}, label("WASHINGTON")
assert label("U.S. Senate") == {"ORG"}, label("U.S. Senate")
assert label("US") == {"PLACE"}, label("US")
assert entity("US").isdisjoint(entity("U.S. Senate")), "US merged into U.S. Senate"
assert label("Zorvex") == {"ORG"}, label("Zorvex")
t = triple("Boeing", "pay fine to", "Federal Aviation Administration")
assert t["negated"] is True, t
t = triple("Microsoft", "pay", "OpenAI")
assert t["negated"] is False and t["time"] and "old deal" in t["time"], t
triple("OpenAI", "win", "contract")
print("extract_news: %d mentions, %d triples ok" % (len(ments), len(trips)))
PYEOF
