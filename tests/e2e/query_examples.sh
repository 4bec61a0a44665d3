#!/bin/sh
# query_examples.sh -- every `kg query ...` example line in docs/QUERY-LANGUAGE.md
# and in README.md's query section runs on a small graph (tests/queries/graphs/corp)
# without a syntax error or a crash: exit 0, or 1 when a name of the example is
# not in this graph. (The exact outputs are pinned by tests/queries/*.test.)
set -u
: "${KG:?}" "${KG_TOP:?}"
g="$KG_TOP/tests/queries/graphs"
(cd "$g" && "$KG" --db "$OLDPWD/t.db" import corp.tsv) 2>/dev/null || { echo "import failed"; exit 1; }
{ cat "$g/corp.sql"; echo "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation';"; } |
    sqlite3 t.db || exit 1
# the README's query section only (other sections belong to other commands)
sed -n '/<!-- SECTION: query -->/,/<!-- SECTION: [a-z]* -->/p' "$KG_TOP/README.md" > readme_query.md
{
    grep -h "^ *kg query " "$KG_TOP/docs/QUERY-LANGUAGE.md" readme_query.md | grep -v -- '-f FILE' |
        sed 's/ *#.*$//; s/ | .*$//'
    # examples in table cells: | ... | `kg query '...'` |
    grep -ho "\`kg query '[^\`]*'\`" readme_query.md | sed "s/^\`//; s/\`$//"
} > examples.txt
n=0; bad=0
while IFS= read -r line; do
    n=$((n + 1))
    # run it as written, on our database; redirections land in this temp folder
    eval "\"\$KG\" --db t.db ${line#*kg }" </dev/null >out.txt 2>err.txt
    st=$?
    if [ "$st" != 0 ] && [ "$st" != 1 ]; then
        echo "FAIL (exit $st): $line"; cat err.txt; bad=$((bad + 1))
    fi
done < examples.txt
echo "examples: $((n - bad)) passed, $bad failed"
[ "$n" -gt 5 ] || { echo "too few examples found ($n)"; exit 1; }
[ "$bad" = 0 ]
