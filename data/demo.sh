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
for q in 'neighbors OpenAI' 'match ?who pay Microsoft' 'why Microsoft OpenAI' 'top 5 by degree'; do
  echo; echo "== kg query '$q'"
  "$KG" --db "$db" query --format table "$q" || true
done
