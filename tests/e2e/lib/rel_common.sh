# tests/e2e/lib/rel_common.sh -- helpers sourced by the reliability tests
# (hostile_*.sh, crash_kill.sh, concurrency.sh). Not a test itself (run.sh only
# runs tests/e2e/*.sh). Needs KG (the kg binary) and KG_TOP (the repository).
set -u
: "${KG:?KG must name the kg binary}"
: "${KG_TOP:?KG_TOP must name the repository root}"

# Under ASan/UBSan (make asan) everything is ~3x slower: tests scale sizes down.
# REL_SLOW=1 (set by `make valgrind`) does the same.
REL_ASAN=${REL_SLOW:-0}
case "$KG" in *build-asan*) REL_ASAN=1 ;; esac
# Seconds a single kg command may take before it counts as a hang.
REL_TIMEOUT=${REL_TIMEOUT:-60}
[ "$REL_ASAN" = 1 ] && REL_TIMEOUT=$((REL_TIMEOUT * 3))

# A binary file to feed kg as "hostile input": an executable. Not "$KG"
# itself, which under `make valgrind` is a wrapper script (text).
REL_BINARY=$(command -v sh)
REL_BINARY=$(readlink -f "$REL_BINARY" 2>/dev/null || echo "$REL_BINARY")

rel_fail() { echo "FAIL: $*" >&2; exit 1; }
rel_note() { echo "-- $*"; }

# Random integer in [0, $1).
rel_rand() { echo $(( $(od -An -N4 -tu4 /dev/urandom | tr -d ' ') % $1 )); }

# Monotonic-enough wall clock in milliseconds.
rel_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# sha256 of the database's content (sqlite3 .dump), "absent" when there is none.
rel_db_hash() {
  if [ -s "$1" ]; then sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; else echo absent; fi
}

# PRAGMA integrity_check must say ok. SQLite 3.40 (Debian 12) wrongly reports
# "NULL value in T.C" for NOT NULL columns of WITHOUT ROWID tables (kg's alias
# table); such a line is ignored only when T really has no NULL in C.
rel_integrity() {
  r=$(sqlite3 "$1" 'PRAGMA integrity_check;' 2>&1) || rel_fail "$2: sqlite3 cannot open $1: $r"
  if [ "$r" != ok ]; then
    printf '%s\n' "$r" | sort -u >integrity.txt
    while IFS= read -r line; do
      case "$line" in
        "NULL value in "*.*)
          tc=${line#NULL value in }; t=${tc%%.*}; c=${tc#*.}
          n=$(sqlite3 "$1" "SELECT count(*) FROM \"$t\" WHERE \"$c\" IS NULL") || n=x
          [ "$n" = 0 ] || rel_fail "$2: integrity_check: $line" ;;
        *) rel_fail "$2: integrity_check: $r" ;;
      esac
    done <integrity.txt
  fi
  r=$(sqlite3 "$1" 'PRAGMA foreign_key_check;' 2>&1)
  [ -z "$r" ] || rel_fail "$2: foreign_key_check: $r"
}

# A sanitizer report, a crash or an abort message in a stderr file is a failure.
rel_check_stderr() {
  if grep -E 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Segmentation fault|Assertion .* failed|double free|stack smashing' "$1" >/dev/null 2>&1; then
    sed -n 1,30p "$1" >&2
    rel_fail "$2: sanitizer or crash report on stderr"
  fi
}

# rel_run LABEL -- ARGS...: run "$KG ARGS" under timeout with stdout in
# ./out.txt and stderr in ./err.txt; sets REL_STATUS. A hang, a signal or a
# sanitizer report fails the test.
rel_run() {
  label=$1; shift; [ "$1" = -- ] && shift
  timeout -k 5 "$REL_TIMEOUT" "$KG" "$@" >out.txt 2>err.txt </dev/null
  REL_STATUS=$?
  [ "$REL_STATUS" = 124 ] && rel_fail "$label: hung (killed after ${REL_TIMEOUT}s)"
  [ "$REL_STATUS" -ge 128 ] && { sed -n 1,20p err.txt >&2; rel_fail "$label: killed by signal $((REL_STATUS - 128))"; }
  rel_check_stderr err.txt "$label"
  return 0
}

# rel_expect LABEL STATUS PATTERN -- ARGS...: kg must exit with STATUS and print
# on stderr a "kg: " line matching the (grep -E) PATTERN. STATUS may be a list
# "1|3" of acceptable statuses.
rel_expect() {
  label=$1; want=$2; pat=$3; shift 3; [ "$1" = -- ] && shift
  rel_run "$label" -- "$@"
  case "|$want|" in *"|$REL_STATUS|"*) ;;
    *) sed -n 1,10p err.txt >&2; rel_fail "$label: exit status $REL_STATUS, want $want" ;;
  esac
  if [ "$REL_STATUS" != 0 ]; then
    grep -q '^kg: ' err.txt || { cat err.txt >&2; rel_fail "$label: no \"kg: \" message on stderr"; }
    [ -z "$pat" ] || grep -Eq "$pat" err.txt || { cat err.txt >&2; rel_fail "$label: stderr does not match /$pat/"; }
  fi
  rel_note "$label: exit $REL_STATUS: $(head -n 1 err.txt | cut -c1-150)"
}

# Skip (exit 0 with a message) when a command is still a stub.
rel_require() {
  timeout 60 "$KG" --db rel_req.db "$@" >/dev/null 2>rel_req.err </dev/null
  if grep -q 'not yet implemented' rel_req.err; then
    echo "SKIP: kg $1 is not implemented yet"; rm -f rel_req.*; exit 0
  fi
  rm -f rel_req.*
}
