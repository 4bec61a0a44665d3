#!/bin/sh
# query_cli.sh -- kg query as a command: several words joined, -f errors, a
# full disk, random token soup through the real binary (always exit 2, never a
# crash), and 1 MB queries on -f and standard input (bounded time).
set -u
: "${KG:?}"
fail() { echo "FAIL: $*"; exit 1; }
printf '%s\t%s\t%s\n' A knows B B knows C "Zoë" likes A > g.tsv
"$KG" --db t.db import g.tsv 2>/dev/null || fail "import"

# several words are one query
out=$("$KG" --db t.db query neighbors A depth 2) || fail "words: exit $?"
[ "$(printf '%s\n' "$out" | wc -l)" = 4 ] || fail "words: $out"

# -f with a missing file: exit 3 naming it
"$KG" --db t.db query -f nope.kgq 2>e.txt; st=$?
[ "$st" = 3 ] || fail "missing -f file: exit $st"
grep -q 'nope.kgq' e.txt || fail "missing -f file: message $(cat e.txt)"
# a query and -f together: usage, exit 2
"$KG" --db t.db query stats -f x 2>/dev/null; st=$?
[ "$st" = 2 ] || fail "query and -f: exit $st"
# unknown option
"$KG" --db t.db query --frobnicate stats 2>/dev/null; st=$?
[ "$st" = 2 ] || fail "unknown option: exit $st"

# profile: the rows on stdout, the query, its steps and a total on stderr
out=$("$KG" --db t.db query 'profile neighbors A depth 2; profile stats' 2>e.txt) || fail "profile: exit $?"
[ "$(printf '%s\n' "$out" | grep -c .)" = 6 ] || fail "profile rows: $out"
grep -q '^kg: profile: profile neighbors A depth 2$' e.txt || fail "profile: $(cat e.txt)"
grep -Eq '^kg: profile:   resolve +[0-9]+\.[0-9]{3} ms$' e.txt || fail "profile resolve: $(cat e.txt)"
grep -Eq '^kg: profile:   search +[0-9]+\.[0-9]{3} ms$' e.txt || fail "profile search: $(cat e.txt)"
grep -Eq '^kg: profile:   total +[0-9]+\.[0-9]{3} ms, 3 rows$' e.txt || fail "profile total: $(cat e.txt)"
grep -Eq '^kg: profile:   run +[0-9]+\.[0-9]{3} ms$' e.txt || fail "profile run (stats): $(cat e.txt)"
grep -Eq '^kg: profile:   total +[0-9]+\.[0-9]{3} ms, 1 row$' e.txt || fail "profile stats total: $(cat e.txt)"

# a full disk is exit 3
if [ -w /dev/full ]; then
    "$KG" --db t.db query 'neighbors A depth 3' >/dev/full 2>e.txt; st=$?
    [ "$st" = 3 ] || fail "/dev/full: exit $st"
fi

# random token soup through the binary: exit 2 with a caret, never a crash
i=0
seed=7
words='neighbors path to depth via where with ?x "a ~"b" , ; = != ! # 3 ORG is and limit return ( ) \ @ é'
while [ $i -lt 40 ]; do
    q="junk"
    j=0
    while [ $j -lt 8 ]; do
        seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
        n=$(( seed % 27 + 1 ))
        w=$(printf '%s\n' $words | sed -n "${n}p")
        q="$q $w"
        j=$((j + 1))
    done
    "$KG" --db t.db query "$q" >/dev/null 2>e.txt; st=$?
    [ "$st" = 2 ] || fail "soup '$q': exit $st"
    grep -q '\^' e.txt || fail "soup '$q': no caret"
    i=$((i + 1))
done

# a 1 MB garbage query in a file: exit 2, fast
/usr/bin/python3 -c 'import sys; sys.stdout.write("neighbors A via " + ", ".join("r%d" % i for i in range(120000)) + " ?")' > big.kgq
s=$(date +%s)
"$KG" --db t.db query -f big.kgq >/dev/null 2>e.txt; st=$?
[ "$st" = 2 ] || fail "1 MB garbage: exit $st"
grep -q 'big.kgq:1:' e.txt || fail "1 MB garbage: message $(head -c 300 e.txt)"
# the same without the garbage on standard input: every relation is unknown: exit 1 naming the first
/usr/bin/python3 -c 'import sys; sys.stdout.write("neighbors A via " + ", ".join("r%d" % i for i in range(120000)) + "\n")' |
    "$KG" --db t.db query >/dev/null 2>e.txt; st=$?
[ "$st" = 1 ] || fail "1 MB query on stdin: exit $st"
grep -q 'no relation "r0"' e.txt || fail "1 MB query on stdin: $(head -c 300 e.txt)"
e=$(date +%s)
[ $((e - s)) -lt 60 ] || fail "1 MB queries took $((e - s)) s"
echo ok
