#!/bin/sh
# data/demo.sh -- make demo: a fresh database from the bundled sample article,
# then a few questions. Arg 1: the kg binary.
set -eu
KG=${1:-./kg}
here=$(cd "$(dirname "$0")" && pwd)
db=${KG_DEMO_DB:-demo.db}
rm -f "$db" "$db-wal" "$db-shm"
echo "== kg ingest data/openai-microsoft-cloud.txt"
"$KG" --db "$db" ingest "$here/openai-microsoft-cloud.txt"
"$KG" --db "$db" stats
echo; echo "== kg extract --format tsv (first triples: subject, relation, object, confidence, negated)"
"$KG" extract --format tsv "$here/openai-microsoft-cloud.txt" | head -n 12
for q in 'neighbors OpenAI' 'match ?who pay ?whom' 'match Microsoft ?r OpenAI' 'why Microsoft pay OpenAI' \
         'neighbors Amazon' 'top 5 by degree'; do
  echo; echo "== kg query '$q'"
  "$KG" --db "$db" query --format table "$q" || true
done
