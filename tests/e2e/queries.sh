#!/bin/sh
# queries.sh -- runs the data-driven query cases in tests/queries/*.test, one
# case per file (as jq's jq.test and SQLite's do_catchsql_test):
#
#   # what the case checks
#   %graph NAME        the graph tests/queries/graphs/NAME.tsv (+ NAME.sql, run with
#                      sqlite3 after the import: types, aliases, negated triples)
#   %tsv               ... or an inline graph: the following lines, subject TAB relation TAB object
#   %args ARGS         extra kg query options (default: none; output is piped, so tsv)
#   %mode arg|stdin|file   how the query is given (default arg: kg query 'QUERY')
#   %query             the query text (following lines)
#   %stdout            the exact expected standard output (following lines)
#   %stderr            the exact expected standard error (following lines; optional)
#   %exit N            the expected exit status (default 0)
#
# Env: KG (kg binary), KG_TOP (repo root). Exit 1 when any case fails.
set -u
: "${KG:?KG must name the kg binary}"
top=${KG_TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
dir="$top/tests/queries"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0

build_graph() { # $1 = tsv file, $2 = sql file or "", $3 = db path (absolute)
    # import from the file's folder so that the recorded document name is the bare file name
    (cd "$(dirname "$1")" && "$KG" --db "$3" import "$(basename "$1")") >/dev/null 2>"$work/import.err" || {
        echo "import failed:"; cat "$work/import.err"; return 1; }
    if [ -n "$2" ] && [ -f "$2" ]; then
        { cat "$2"; echo "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';"; } |
            sqlite3 "$3" || { echo "sql failed: $2"; return 1; }
    fi
}

for t in "$dir"/*.test; do
    name=$(basename "$t" .test)
    c="$work/case"; rm -rf "$c"; mkdir -p "$c"
    awk -v d="$c" '
        /^%graph /  { print substr($0, 8) > (d "/graph"); sec = ""; next }
        /^%args /   { print substr($0, 7) > (d "/args"); sec = ""; next }
        /^%mode /   { print substr($0, 7) > (d "/mode"); sec = ""; next }
        /^%exit /   { print substr($0, 7) > (d "/exit"); sec = ""; next }
        /^%tsv$/    { sec = "graph.tsv"; printf "" > (d "/graph.tsv"); next }
        /^%query$/  { sec = "query"; printf "" > (d "/query"); next }
        /^%stdout$/ { sec = "stdout"; printf "" > (d "/stdout"); next }
        /^%stderr$/ { sec = "stderr"; printf "" > (d "/stderr"); next }
        sec == "" && /^#/ { next }
        sec != ""   { print > (d "/" sec) }
    ' "$t"
    if [ -f "$c/graph" ]; then
        g=$(cat "$c/graph")
        db="$work/graph-$g.db"
        if [ ! -f "$db" ]; then
            build_graph "$dir/graphs/$g.tsv" "$dir/graphs/$g.sql" "$db" || {
                echo "FAIL $name: cannot build graph $g"; fail=$((fail+1)); continue; }
        fi
    else
        db="$c/inline.db"
        build_graph "$c/graph.tsv" "" "$db" || { echo "FAIL $name: cannot build inline graph"; fail=$((fail+1)); continue; }
    fi
    args=""; [ -f "$c/args" ] && args=$(cat "$c/args")
    mode=arg; [ -f "$c/mode" ] && mode=$(cat "$c/mode")
    want_exit=0; [ -f "$c/exit" ] && want_exit=$(cat "$c/exit")
    # the query without its final newline, as a user would type it
    q=$(cat "$c/query")
    case $mode in
        arg)   (cd "$c" && "$KG" --db "$db" query $args "$q" >"$c/out" 2>"$c/err"); got=$? ;;
        stdin) (cd "$c" && "$KG" --db "$db" query $args <"$c/query" >"$c/out" 2>"$c/err"); got=$? ;;
        file)  cp "$c/query" "$c/q.kgq"
               (cd "$c" && "$KG" --db "$db" query $args -f q.kgq >"$c/out" 2>"$c/err"); got=$? ;;
        *)     echo "FAIL $name: bad %mode $mode"; fail=$((fail+1)); continue ;;
    esac
    ok=1
    if [ "$got" != "$want_exit" ]; then
        echo "FAIL $name: exit $got, expected $want_exit"; ok=0
    fi
    if ! cmp -s "$c/out" "$c/stdout"; then
        echo "FAIL $name: standard output differs (expected, then got):"
        diff "$c/stdout" "$c/out" | head -n 20; ok=0
    fi
    if [ -f "$c/stderr" ] && ! cmp -s "$c/err" "$c/stderr"; then
        echo "FAIL $name: standard error differs (expected, then got):"
        diff "$c/stderr" "$c/err" | head -n 20; ok=0
    fi
    if [ "$ok" = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); fi
done
echo "queries: $pass passed, $fail failed"
[ "$fail" = 0 ]
