#!/bin/sh
# extract_articles.sh -- kg extract on eight short news articles written for kg
# (tests/data/news/: a merger, a court ruling, an election, a match report, a
# medical study, a product launch, a strike, an earnings report; see
# tests/data/news/README.md). For each, the key facts a reader agrees with
# (subject, normalised relation, object, negation, time, modality) and, over all
# of them, triples that must not appear (self-loops, relations read as passives,
# reversed roles, times or clauses inside arguments, unlemmatised relations).
# Names are matched by a word they contain, so a better NER name ("Tomás Vidal"
# for "Prime Minister Tomás Vidal") does not break the test; relations exactly.
set -u
. "$KG_TOP/tests/e2e/lib/extract_lib.sh"
need_model
dir="$KG_TOP/tests/data/news"
for a in merger court election sports health launch labour earnings; do
  [ -f "$dir/$a.txt" ] || fail "missing $dir/$a.txt"
  "$KG" extract --format jsonl "$dir/$a.txt" > "$a.jsonl" || fail "extract $a exit $?"
done
"$PY" - <<'PYEOF' || exit 1
import json, re

def load(name):
    rows = [json.loads(l) for l in open(name + ".jsonl", encoding="utf-8")]
    return [r for r in rows if r["kind"] == "triple"]

def word_in(w, s):
    return w is None or re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", s) is not None

def show(tr):
    return "\n  ".join(f"{t['subject']} -{t['relation']}-> {t['object']}"
                       f"{' NEG' if t['negated'] else ''} time={t['time']} mod={t['modality']}"
                       for t in tr)

errors = []
def has(tr, art, s, rel, o, neg=False, time=None, mod=None, obj_exact=False):
    for t in tr:
        if not (word_in(s, t["subject"]) and t["relation"] == rel):
            continue
        if obj_exact and t["object"] != o:
            continue
        if not obj_exact and not word_in(o, t["object"]):
            continue
        if neg is not None and t["negated"] != neg:
            continue
        if time is not None and not (t["time"] and time in t["time"]):
            continue
        if mod is not None and t["modality"] != mod:
            continue
        return t
    errors.append(f"{art}: no {s} -{rel}-> {o} (neg={neg}, time={time}, mod={mod})")
    return None

def hasnt(tr, art, pred, what):
    bad = [t for t in tr if pred(t)]
    if bad:
        errors.append(f"{art}: must not have {what}:\n  " + show(bad))

arts = {a: load(a) for a in
        ("merger", "court", "election", "sports", "health", "launch", "labour", "earnings")}

m = arts["merger"]
has(m, "merger", "Halvorsen", "agree to buy", "Brightwater", time="Tuesday")
has(m, "merger", "Brightwater", "be", "maker of factory robots", obj_exact=True)
has(m, "merger", "Maalouf", "be chief executive of", "Halvorsen")
has(m, "merger", "Kestrel", "be largest shareholder of", "Brightwater")
has(m, "merger", "Kestrel", "support", "deal")
has(m, "merger", "Halvorsen", "expand in", "Asia", time="last year", obj_exact=True)
has(m, "merger", "Halvorsen", "open plant in", "Vietnam")
has(m, "merger", "Halvorsen", "pay", "$38", mod="will")
has(m, "merger", "Vantor", "be main rival of", "Halvorsen")
has(m, "merger", "Brightwater", "employ", "3,400 people")
hasnt(m, "merger", lambda t: t["relation"] == "decline to", "an infinitive read as an object")
has(m, "merger", "Maalouf", "tell", "investors")
has(m, "merger", "acquisition", "require approval from", "European Commission")

c = arts["court"]
has(c, "court", "law", "be signed by", "Whitcomb", time="March")
has(c, "court", "NetChoice", "represent", "Meta")
has(c, "court", "NetChoice", "represent", "Google")
has(c, "court", "NetChoice", "sue", None, time="April")
has(c, "court", "NetChoice", "be", "trade group")
has(c, "court", "Benning", "be lawyer for", "NetChoice")
has(c, "court", "Marsh", "write", "majority opinion")
has(c, "court", "ruling", "affect law in", "Utah", neg=True)
has(c, "court", "Meta", "respond to", "request", neg=True)
hasnt(c, "court", lambda t: t["subject"] == "trade group", "the apposition as a subject")
hasnt(c, "court", lambda t: t["relation"].startswith("recognise"), "a that-clause's subject as an object")
hasnt(c, "court", lambda t: t["subject"] == "Google", "'the court' read as Google")

e = arts["election"]
has(e, "election", "Democratic Alliance", "win", "election", time="Sunday")
has(e, "election", "Vidal", "form coalition with", "Chega", neg=True, mod="would", obj_exact=True)
has(e, "election", "Coelho", "concede", "defeat")
has(e, "election", "Coelho", "congratulate", "Vidal")
has(e, "election", "Chega", "campaign on", "immigration")
has(e, "election", "Chega", "become", "third-largest party", obj_exact=True)
has(e, "election", "Ferraz", "meet", "party leaders", time="Wednesday", mod="will")
has(e, "election", "Socialist Party", "be", "main opposition")
has(e, "election", "alliance", "be led by", "Vidal")
hasnt(e, "election", lambda t: t["relation"] == "become" and "Socialist" in t["object"],
      "a description read as a coreferent")

s = arts["sports"]
has(s, "sports", "Arsenal", "beat", "Manchester City", time="Saturday")
hasnt(s, "sports", lambda t: t["subject"] == "Manchester City" and t["relation"] == "move",
      "the beaten side as the subject of 'moved'")
has(s, "sports", "Saka", "score", "winning goal")
has(s, "sports", "Martinelli", "equalise for", "Arsenal", obj_exact=True)
has(s, "sports", "Arsenal", "host", "Chelsea", time="Wednesday", mod="will")
has(s, "sports", "Rodri", "miss", "match")
has(s, "sports", "Arteta", "praise", "defenders")

h = arts["health"]
has(h, "health", "trial", "involve patient in", "Canada")
has(h, "health", "trial", "be funded by", "NewAmsterdam")
has(h, "health", "trial", "be funded by", "British Heart Foundation")
has(h, "health", "drug", "be developed by", "NewAmsterdam")
has(h, "health", "NewAmsterdam", "be", "Dutch biotech company")
has(h, "health", "Sheikh", "lead", "trial")
has(h, "health", "NewAmsterdam", "plan to seek approval from", None, time="next year")

l = arts["launch"]
has(l, "launch", "Lumora", "unveil", "smartphone", time="Thursday")
has(l, "launch", "Lumora", "be backed by", "Sequoia Capital")
has(l, "launch", "Lumora", "be founded by", "engineers", time="2021")
has(l, "launch", "Natarajan", "be co-founder of", "Lumora")
has(l, "launch", "Lumora", "sell phone in", "Europe", neg=True, mod="will")
has(l, "launch", "Lumora", "partner with", "Verizon")
has(l, "launch", "Lumora", "raise", "$1.1 billion")
has(l, "launch", "Apple", "control", "80 percent")
has(l, "launch", "Samsung", "control", "80 percent")
has(l, "launch", "chip", "be made by", "Qualcomm")

b = arts["labour"]
has(b, "labour", "Carrow", "offer", "14 percent raise")
has(b, "labour", "Carrow", "refuse to restore", "pensions")
has(b, "labour", "strike", "halt production of", "Carrow Ridgeline")
has(b, "labour", None, "make", "record profits")
has(b, "labour", "United Auto Workers", "call", "strike")
has(b, "labour", "walkout", "cost", "Carrow", mod="would")
hasnt(b, "labour", lambda t: t["time"] and "four years" in t["time"], "a duration as a time")
hasnt(b, "labour", lambda t: "Carrow" in t["subject"] and t["relation"] in ("demand", "strike at"),
      "'the union' read as the company")

n = arts["earnings"]
has(n, "earnings", "Northwind Cloud", "report", "19 percent rise", time="Tuesday")
has(n, "earnings", "Northwind", "spin off from", "Telvane", time="2019")
has(n, "earnings", "Northwind", "employ", "41,000 people", time="now")
has(n, "earnings", "Northwind Ads", "lose", "$200 million")
has(n, "earnings", "Northwind", "expect", "revenue")
has(n, "earnings", "Northwind", "spend", "$12 billion", time="2027", mod="would")
has(n, "earnings", None, "buy back", "shares", neg=True)

pron = {"it", "its", "he", "she", "they", "them", "him", "her", "we", "us", "i", "you"}
for a, tr in arts.items():
    hasnt(tr, a, lambda t: t["subject"] == t["object"], "a self-loop")
    hasnt(tr, a, lambda t: t["relation"].startswith(("be expanded", "be reported")) or
          t["relation"] == "be made", "an active verb read as a passive")
    hasnt(tr, a, lambda t: t["subject"].lower() in pron or t["object"].lower() in pron,
          "an unresolved pronoun as a node")
    hasnt(tr, a, lambda t: t["subject"].lower() in ("company", "union", "court", "state"),
          "an unresolved 'the company' as a node")
    hasnt(tr, a, lambda t: re.search(r"\b(last|next) (year|week|month)\b", t["object"]),
          "a time inside an object")
    hasnt(tr, a, lambda t: not t["relation"].startswith("be ") and
          re.search(r"\b(built|spun|made|sold|told)\b", t["relation"]),
          "an unlemmatised relation")
    hasnt(tr, a, lambda t: t["subject"] in ("higher profits", "analysts"), "a reversed inversion")
    hasnt(tr, a, lambda t: t["relation"].split()[0] in ("say", "tell") and
          t["relation"].split()[-1] in ("on", "in", "at"), "the circumstance of a say-verb")
    for t in tr:
        assert isinstance(t["negated"], bool) and 0.0 <= t["confidence"] <= 1.0, t

if errors:
    print("\n".join(errors))
    raise SystemExit(1)
print("extract_articles: %d triples over %d articles ok" % (sum(map(len, arts.values())), len(arts)))
PYEOF
