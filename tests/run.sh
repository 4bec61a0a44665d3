#!/bin/sh
# tests/run.sh -- run every unit test binary, then every end-to-end script.
# Env: KG (path of the kg binary), BUILD (build dir), KG_ONLY=e2e to skip units.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
BUILD=${BUILD:-build}
export KG KG_TOP="$top" KG_DATA="$top/data"
fail=0; pass=0
if [ "${KG_ONLY:-}" != e2e ]; then
  for t in "$top/$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    echo "== unit $(basename "$t")"
    if (cd "$top" && "$t"); then pass=$((pass+1)); else echo "FAIL: $t"; fail=$((fail+1)); fi
  done
fi
for t in "$here"/e2e/*.sh; do
  [ -f "$t" ] || continue
  echo "== e2e $(basename "$t")"
  tmp=$(mktemp -d)
  if (cd "$tmp" && sh "$t" >"$tmp/.log" 2>&1); then
    pass=$((pass+1))
  else
    echo "FAIL: $t"; tail -n 30 "$tmp/.log"; fail=$((fail+1))
  fi
  rm -rf "$tmp"
done
echo "tests: $pass passed, $fail failed"
[ "$fail" = 0 ]
