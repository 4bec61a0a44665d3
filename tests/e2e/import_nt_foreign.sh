#!/bin/sh
# import_nt_foreign.sh -- N-Triples made elsewhere (DBpedia / Wikidata style):
# an entity is named by its best label (rdfs:label, then skos:prefLabel,
# schema:name, foaf:name; untagged or English before other languages; the
# first of equals), else by its IRI's local name with '_' as a space; a
# relation's local name has its camelCase words split and lower-cased.
set -u
fail() { echo "FAIL: $*"; exit 1; }
cat > f.nt <<'NT'
<http://dbpedia.org/resource/OpenAI> <http://dbpedia.org/ontology/keyPerson> <http://dbpedia.org/resource/Sam_Altman> .
<http://www.wikidata.org/entity/Q2283> <http://www.w3.org/2000/01/rdf-schema#label> "Microsoft"@de .
<http://www.wikidata.org/entity/Q2283> <http://www.w3.org/2000/01/rdf-schema#label> "Microsoft Corporation"@en .
<http://www.wikidata.org/entity/Q2283> <http://www.w3.org/2000/01/rdf-schema#label> "Microsoft Corp"@en .
<http://www.wikidata.org/entity/Q2283> <http://schema.org/name> "MS"@en .
<http://www.wikidata.org/entity/Q5284> <http://www.w3.org/2004/02/skos/core#prefLabel> "Bill Gates"@en-GB .
<http://www.wikidata.org/entity/Q5284> <http://xmlns.com/foaf/0.1/name> "William Henry Gates" .
<http://www.wikidata.org/entity/Q2283> <http://example.org/ontology/foundedBy> <http://www.wikidata.org/entity/Q5284> .
<http://dbpedia.org/resource/Microsoft> <http://dbpedia.org/ontology/owner> <http://dbpedia.org/resource/Bill_Gates> .
NT
"$KG" --db f.db import --format nt f.nt 2>err.txt || { cat err.txt; fail "import"; }
"$KG" --db f.db query --format tsv 'match ?a ?r ?b' >out.txt || fail "query"
printf 'a\tr\tb\tnegated\nMicrosoft\towner\tBill Gates\tfalse\nMicrosoft Corporation\tfounded by\tBill Gates\tfalse\nOpenAI\tkey person\tSam Altman\tfalse\n' >want.txt
cmp -s out.txt want.txt || { diff want.txt out.txt; fail "names"; }
echo ok
