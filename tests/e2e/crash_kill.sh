#!/bin/sh
# crash_kill.sh -- crash safety of kg ingest (issue 7): ingest many documents,
# SIGKILL the process at random moments, then check that the database passes
# PRAGMA integrity_check and foreign_key_check and that every document is
# either wholly present (its sentences, mentions and evidence exactly as a clean
# ingest stores them) or absent; then rerun the ingest and check it completes
# the set exactly once (the same content as a clean run).
#
# Env: REL_DOCS (documents, default 16; 56 = all of tests/data/gum-wiki),
#      REL_TRIALS (kill trials, default 5; `make reliability` runs 20),
#      REL_KILLS (kills per trial before the final rerun, default 2).
. "$KG_TOP/tests/e2e/lib/rel_common.sh"
rel_require ingest /dev/null

DOCS=${REL_DOCS:-16}
TRIALS=${REL_TRIALS:-5}
KILLS=${REL_KILLS:-2}
[ "$REL_ASAN" = 1 ] && [ -z "${REL_DOCS:-}" ] && DOCS=8

mkdir -p docs
ls "$KG_TOP"/tests/data/gum-wiki/*.txt | head -n "$DOCS" | while read -r f; do cp "$f" docs/; done
n_docs=$(ls docs | wc -l)
[ "$n_docs" -ge 2 ] || rel_fail "no documents copied"

# Per-document content: source, hash, counts, then each piece of evidence,
# sentence and mention. Evidence is compared by ids, not names: the same
# ingest order gives the same ids, while a later document may still change an
# entity's canonical name.
digest() {
  sqlite3 -separator '|' "$1" "
    SELECT 'doc', d.source, d.hash,
      (SELECT count(*) FROM sentence s WHERE s.document_id = d.id),
      (SELECT count(*) FROM mention m WHERE m.document_id = d.id),
      (SELECT count(*) FROM evidence e WHERE e.document_id = d.id)
    FROM document d;
    SELECT 'ev', d.source, t.subject_id, t.relation_id, t.object_id, t.negated, s.idx, e.confidence
    FROM evidence e JOIN triple t ON t.id = e.triple_id JOIN document d ON d.id = e.document_id
    LEFT JOIN sentence s ON s.id = e.sentence_id;
    SELECT 'se', d.source, s.idx, s.start, s.end FROM sentence s JOIN document d ON d.id = s.document_id;
    SELECT 'me', d.source, m.start, m.end, m.label FROM mention m JOIN document d ON d.id = m.document_id;
  " | LC_ALL=C sort
}

# Reference: one clean, uninterrupted ingest, timed.
t0=$(rel_ms)
timeout -k 5 $((REL_TIMEOUT * 5)) "$KG" --db ref.db ingest docs >ref.out 2>ref.err \
  || { cat ref.err >&2; rel_fail "reference ingest failed"; }
t1=$(rel_ms)
ref_ms=$((t1 - t0))
[ "$ref_ms" -ge 1 ] || ref_ms=1
digest ref.db >ref.digest
ref_docs=$(sqlite3 ref.db 'SELECT count(*) FROM document')
[ "$ref_docs" = "$n_docs" ] || rel_fail "reference stored $ref_docs of $n_docs documents"
rel_note "reference ingest of $n_docs documents: ${ref_ms} ms, $(grep -c '^ev|' ref.digest) evidence rows"

# Check a (possibly interrupted) database: sound, and every document whole.
check_partial() {
  db=$1; label=$2
  rel_integrity "$db" "$label"
  for t in sentence mention evidence; do
    o=$(sqlite3 "$db" "SELECT count(*) FROM $t WHERE document_id NOT IN (SELECT id FROM document)")
    [ "$o" = 0 ] || rel_fail "$label: $o orphan rows in $t"
  done
  digest "$db" >part.digest
  # The documents present: their rows must be exactly the reference's rows.
  grep '^doc|' part.digest | cut -d'|' -f2 >present.txt
  awk -F'|' 'NR == FNR { keep[$1] = 1; next } keep[$2]' present.txt ref.digest >expect.digest
  if ! cmp -s expect.digest part.digest; then
    diff expect.digest part.digest | head -n 20 >&2
    rel_fail "$label: a document is partially stored (see diff above)"
  fi
  wc -l <present.txt | tr -d ' '
}

trial=1; partial_seen=0
while [ "$trial" -le "$TRIALS" ]; do
  rm -f t.db t.db-wal t.db-shm t.db.adj
  k=1
  while [ "$k" -le "$KILLS" ]; do
    delay=$(rel_rand "$ref_ms")
    "$KG" --db t.db ingest docs >t.out 2>t.err &
    pid=$!
    sleep "$(awk -v ms="$delay" 'BEGIN { printf "%.3f", ms / 1000 }')"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rel_check_stderr t.err "trial $trial kill $k"
    if [ -e t.db ]; then
      present=$(check_partial t.db "trial $trial kill $k") || exit 1
    else
      present=0
    fi
    rel_note "trial $trial kill $k at ${delay} ms: $present of $n_docs documents present, all whole"
    [ "$present" -gt 0 ] && [ "$present" -lt "$n_docs" ] && partial_seen=$((partial_seen + 1))
    k=$((k + 1))
  done
  # The rerun completes the set exactly once.
  timeout -k 5 $((REL_TIMEOUT * 5)) "$KG" --db t.db ingest docs >t.out 2>t.err \
    || { cat t.err >&2; rel_fail "trial $trial: rerun after kills failed"; }
  rel_check_stderr t.err "trial $trial rerun"
  rel_integrity t.db "trial $trial rerun"
  digest t.db >final.digest
  if ! cmp -s ref.digest final.digest; then
    diff ref.digest final.digest | head -n 20 >&2
    rel_fail "trial $trial: after the rerun the database differs from a clean ingest"
  fi
  trial=$((trial + 1))
done
rel_note "crash_kill: $TRIALS trials x $KILLS kills over $n_docs documents: 0 corrupt, 0 partial;" \
  "$partial_seen kills landed mid-set"
echo "PASS crash_kill"
