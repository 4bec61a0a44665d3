#!/bin/sh
# ingest_cross_document.sh -- the store joins one thing named differently in
# different articles into one node ("U.S." / "United States", "Zorvex Corp." /
# "Zorvex", a surname used for the one person who has it) and keeps apart what
# may be different (a bare surname once two people share it).
set -u
fail() { echo "FAIL: $*"; exit 1; }
q() { sqlite3 g.db "$1"; }
printf 'The U.S. imposed new tariffs on steel from Canada in March.\nOfficials in Ottawa said the U.S. decision would hurt workers.\n' > a.txt
printf 'The United States signed a trade agreement with Mexico on Tuesday.\nMexico said the United States would lower duties on cars.\n' > b.txt
printf 'Officials at Zorvex Corp. said the company would open a plant.\nZorvex Corp. hired 200 workers in Ohio.\n' > c.txt
printf 'Zorvex expanded its plant in Ohio last year.\nAnalysts said Zorvex would grow.\n' > d.txt
printf 'Barack Obama visited Kenya in July.\nObama met farmers near Nairobi.\n' > e.txt
printf 'Obama criticised the new law on Monday.\n' > f.txt
printf 'Michelle Obama opened a school in Chicago.\nObama spoke to students there.\n' > g.txt
printf 'Obama praised the teachers.\n' > h.txt
printf 'Obama thanked the nurses.\n' > i.txt
"$KG" --db g.db ingest a.txt b.txt c.txt d.txt e.txt f.txt g.txt h.txt i.txt 2>err || { cat err; fail "ingest"; }
# U.S. and United States: one node, with U.S. as an alias
[ "$(q "select count(distinct m.entity_id) from mention m where m.text in ('U.S.', 'United States')")" = 1 ] ||
    fail "U.S.: $(q "select e.name, m.text from mention m join entity e on e.id = m.entity_id where m.text like 'U%'")"
"$KG" --db g.db query 'describe "U.S."' > us.txt || fail "describe U.S."
grep -q '^entity	United States$' us.txt || fail "describe U.S.: $(cat us.txt)"
# Zorvex Corp. and Zorvex
[ "$(q "select count(distinct m.entity_id) from mention m where m.text like 'Zorvex%'")" = 1 ] ||
    fail "Zorvex: $(q "select e.name, m.text from mention m join entity e on e.id = m.entity_id where m.text like 'Zorvex%'")"
# f.txt's Obama is the one Obama stored then (Barack); after Michelle Obama, h.txt's is nobody's,
# and i.txt's is not h.txt's either
who() { q "select e.name from mention m join entity e on e.id = m.entity_id join document d on d.id = m.document_id where d.source = '$1' and m.text = 'Obama'"; }
[ "$(who f.txt)" = "Barack Obama" ] || fail "f.txt Obama is '$(who f.txt)'"
[ "$(who h.txt)" = "Obama" ] || fail "h.txt Obama is '$(who h.txt)'"
[ "$(who i.txt)" = "Obama (i)" ] || fail "i.txt Obama is '$(who i.txt)'"
echo ok
