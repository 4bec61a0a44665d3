#!/bin/sh
# kg export --format jsonl | tsv, read back: jsonl lines parse as JSON with the
# database's values, `kg import --format jsonl` of the export gives the same
# triples and entity types; malformed jsonl is exit 3 with FILE:LINE and
# changes nothing.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'AT&T\tacquire\t<Angle> & "Quoted"\n' > t.tsv
printf "L'Oréal\tpartner with\tSociété Générale\t0.123456789\n" >> t.tsv
printf 'AT&T\tsue\tL'"'"'Oréal\t0.7\ttrue\n' >> t.tsv
printf 'Tab\\tInside\town\tNew\\nLine\n' >> t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null
"$KG" --db t.db export --format jsonl -o g.jsonl
"$KG" --db t.db export --format tsv -o g.tsv

$PY - t.db g.jsonl g.tsv <<'PY' || fail "jsonl/tsv differ from the database"
import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
ents = [l for l in lines if l["kind"] == "entity"]
trips = [l for l in lines if l["kind"] == "triple"]
assert sorted(e["name"] for e in ents) == sorted(n for (n,) in c.execute("SELECT name FROM entity"))
want = sorted(c.execute("SELECT subject, relation, object, negated, confidence FROM triples"))
got = sorted((t["subject"], t["relation"], t["object"], int(t["negated"]), t["confidence"]) for t in trips)
assert got == want, (got, want)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[3], encoding="utf-8")]
assert all(len(r) == 5 for r in rows), rows
assert sorted((r[0], r[1], r[2]) for r in rows) == sorted((s, r, o) for s, r, o, _, _ in want)
PY

"$KG" --db back.db import --format jsonl g.jsonl 2>/dev/null
"$KG" --db back.db export --format tsv | sort > b.tsv
sort g.tsv | cmp - b.tsv || { diff b.tsv g.tsv; fail "jsonl round trip differs"; }

"$KG" --db back.db stats > before.txt
printf '{"kind": "triple", "subject": "A", "relation": "r", "object": "B"}\n{"kind": "triple", "subject": "A", "relation": "r"}\n' > bad.jsonl
set +e
"$KG" --db back.db import --format jsonl bad.jsonl 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "malformed jsonl: exit $rc"
grep -q '^kg: bad.jsonl:2: missing "object"' err.txt || fail "message: $(cat err.txt)"
"$KG" --db back.db stats | cmp - before.txt || fail "a failed import changed the database"
echo "export_jsonl: ok"
