# lib/extract_lib.sh -- shared by extract_*.sh and ingest_*.sh (sourced, not run).
# The extractor needs the tagger model; without it (a fresh clone before the
# model is built) these tests skip with a message instead of failing.
need_model() {
  if ! echo "Microsoft pays OpenAI." | "$KG" extract >/dev/null 2>model.err; then
    if grep -q "model" model.err; then
      echo "SKIP: $(cat model.err)"; exit 0
    fi
    cat model.err; exit 1
  fi
}
fail() { echo "FAIL: $*"; exit 1; }
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
