#!/bin/sh
# extract_carb_floor.sh -- regression floors on CaRB dev (tests/data/carb), scored
# with the project's CaRB scorer. Floors sit below the figures of the current
# extractor (README "extract"); a drop below them fails.
set -u
. "$KG_TOP/tests/e2e/lib/extract_lib.sh"
need_model
F1_FLOOR=0.505
AUC_FLOOR=0.34
d="$KG_TOP/tests/data/carb"
"$KG" extract --format carb "$d/dev.txt" > sys.tsv || fail "extract exit $?"
[ "$(cut -f1 sys.tsv | sort -u | wc -l)" -ge 500 ] || fail "too few sentences with extractions"
"$PY" "$d/carb_score.py" --gold "$d/gold/dev.tsv" --system sys.tsv --json > score.json || fail "scorer"
cat score.json
"$PY" - score.json "$F1_FLOOR" "$AUC_FLOOR" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
f1, auc = float(sys.argv[2]), float(sys.argv[3])
assert r["f1"] >= f1, ("best F1", r["f1"], "floor", f1)
assert r["auc"] >= auc, ("AUC", r["auc"], "floor", auc)
print("best F1 %.4f (floor %.2f), AUC %.4f (floor %.2f)" % (r["f1"], f1, r["auc"], auc))
PYEOF
