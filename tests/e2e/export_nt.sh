#!/bin/sh
# N-Triples: rdflib (a real RDF parser) accepts kg's export with the expected
# statements; kg import --format nt gives back the same triples (names with
# & < > " ' and accents, negation, confidence); malformed lines are reported
# with their line number and change nothing.
set -eu
: "${KG:?}" "${KG_TOP:?}"
PY=/usr/bin/python3
fail() { echo "FAIL: $*" >&2; exit 1; }

printf 'AT&T\tacquire\t<Angle> & "Quoted"\n' > t.tsv
printf "L'Oréal\tpartner with\tSociété Générale\n" >> t.tsv
printf 'AT&T\tsue\tL'"'"'Oréal\t0.7\ttrue\n' >> t.tsv
printf 'AT&T\tpay\t<Angle> & "Quoted"\t0.25\n' >> t.tsv
printf 'Back\\\\slash Co\town\t100%% Stake #1\n' >> t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null
"$KG" --db t.db export --format nt -o g.nt
"$KG" --db t.db export --format nt --base 'https://example.com/kg#' -o h.nt
grep -q '^<https://example.com/kg#entity/AT%26T> ' h.nt || fail "--base not used"
"$KG" --db h.db import --format nt h.nt 2>/dev/null
"$KG" --db h.db export --format tsv | sort > h.tsv
"$KG" --db t.db export --format tsv | sort | cmp - h.tsv || fail "nt with --base does not map back"

$PY - t.db g.nt <<'PY' || fail "rdflib read-back differs"
import sqlite3, sys
from rdflib import Graph, URIRef, Literal
from rdflib.namespace import RDF, RDFS
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT subject, relation, object, negated, confidence FROM triples").fetchall()
names = {r[0] for r in c.execute("SELECT name FROM entity")}
g = Graph()
g.parse(sys.argv[2], format="nt")
labels = {str(o) for o in g.objects(None, RDFS.label)}
assert labels == names, (labels ^ names)
B = "http://kg.example.org/"
ent = {str(o): s for s, o in g.subject_objects(RDFS.label)}
asserted = [(s, p, o) for s, p, o in g if str(p).startswith(B + "relation/")]
assert len(asserted) == sum(1 for r in rows if not r[3]), len(asserted)
stmts = list(g.subjects(RDF.type, RDF.Statement))
assert len(stmts) == len(rows)
got = set()
for st in stmts:
    s = g.value(st, RDF.subject); p = g.value(st, RDF.predicate); o = g.value(st, RDF.object)
    neg = g.value(st, URIRef(B + "vocab/negated")).toPython()
    conf = g.value(st, URIRef(B + "vocab/confidence")).toPython()
    rel = str(p)[len(B + "relation/"):]
    from urllib.parse import unquote
    got.add((str(g.value(s, RDFS.label)), unquote(rel), str(g.value(o, RDFS.label)), bool(neg), round(conf, 5)))
want = {(s, r, o, bool(n), round(cf, 5)) for s, r, o, n, cf in rows}
assert got == want, (got ^ want)
print("rdflib:", len(g), "statements,", len(rows), "triples")
PY

"$KG" --db back.db import --format nt g.nt 2>/dev/null
"$KG" --db t.db export --format tsv | sort > a.tsv
"$KG" --db back.db export --format tsv | sort > b.tsv
cmp a.tsv b.tsv || { diff a.tsv b.tsv; fail "nt round trip differs"; }
grep -q "^AT&T	sue	L'Oréal	0.70	true$" b.tsv || fail "negated triple lost"
# importing the same file again changes nothing
"$KG" --db back.db import --format nt g.nt 2>/dev/null
"$KG" --db back.db export --format tsv | sort | cmp - a.tsv || fail "second import changed the graph"

# foreign N-Triples: labels, local names, literals skipped
cat > foaf.nt <<'NT'
# a comment line
<http://ex.org/people#alice> <http://xmlns.com/foaf/0.1/knows> <http://ex.org/people#bob> .
<http://ex.org/people#alice> <http://www.w3.org/2000/01/rdf-schema#label> "Alice \"Al\" Smith" .
<http://ex.org/people#bob> <http://xmlns.com/foaf/0.1/age> "42"^^<http://www.w3.org/2001/XMLSchema#integer> .
_:b1 <http://xmlns.com/foaf/0.1/knows> <http://ex.org/people#Caf%C3%A9> .
NT
"$KG" --db foaf.db import --format nt foaf.nt 2>/dev/null
"$KG" --db foaf.db export --format tsv | sort > foaf.tsv
printf 'Alice "Al" Smith\tknows\tbob\t1.00\tfalse\nb1\tknows\tCafé\t1.00\tfalse\n' | cmp - foaf.tsv || { cat foaf.tsv; fail "foreign nt"; }

# malformed: line number in the message, exit 3, database unchanged
"$KG" --db back.db stats > before.txt
printf '<http://a/x> <http://a/p> <http://a/y> .\n\n<http://a/x> <http://a/p> "open .\n' > bad.nt
set +e
"$KG" --db back.db import --format nt bad.nt 2>err.txt; rc=$?
set -e
[ "$rc" = 3 ] || fail "malformed nt: exit $rc"
grep -q '^kg: bad.nt:3:' err.txt || fail "no line number: $(cat err.txt)"
"$KG" --db back.db stats | cmp - before.txt || fail "database changed by a failed import"
echo "export_nt: ok"
