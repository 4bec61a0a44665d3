#!/bin/sh
# The library side: `make install-extra` (a prerequisite of `make install`)
# into a DESTDIR puts libkg.a, kg.h with the headers it includes, kg.pc, the
# man page and the bash completion in place; a program built with
# `pkg-config --cflags --libs kg` links against libkg.a and reads a kg
# database; the man page names every command; the completion completes.
set -eu
: "${KG:?}" "${KG_TOP:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
case "$KG" in
    */build-asan/kg) BUILD=build-asan; SAN="-fsanitize=address,undefined" ;;
    *) BUILD=build; SAN="" ;;
esac
[ -f "$KG_TOP/$BUILD/libkg.a" ] || { echo "SKIP: no $BUILD/libkg.a"; exit 0; }
make -s -C "$KG_TOP" install-extra BUILD="$BUILD" DESTDIR="$PWD/inst" PREFIX=/usr >make.log 2>&1 ||
    { cat make.log; fail "make install-extra"; }
P=inst/usr
for f in lib/libkg.a include/kg/kg.h include/kg/base/kg_base.h include/kg/graph/kg_export.h \
         include/kg/ingest/kg_ingest.h include/kg/query/kg_query.h lib/pkgconfig/kg.pc \
         share/man/man1/kg.1 share/bash-completion/completions/kg; do
    [ -s "$P/$f" ] || fail "not installed: $f"
done
grep -q '^prefix=/usr$' "$P/lib/pkgconfig/kg.pc" || fail "kg.pc prefix"

printf 'AT&T\tacquire\tSociété Générale\nL'"'"'Oréal\tsue\tAT&T\t0.5\ttrue\n' > t.tsv
"$KG" --db t.db import t.tsv 2>/dev/null
cat > prog.c <<'C'
#include <kg.h>
#include <string.h>
int main(int argc, char **argv)
{
    kg_store *st = NULL;
    kg_error err = {0};
    kg_stats s;
    int rc;
    if (kg_store_open(argv[1], KG_STORE_READONLY, &st, &err) != KG_OK ||
        kg_store_stats(st, &s, &err) != KG_OK) {
        fprintf(stderr, "prog: %s\n", err.msg);
        return 1;
    }
    printf("triples %lld entities %lld\n", (long long)s.triples, (long long)s.entities);
    rc = kg_export(st, argc > 2 ? argv[2] : "tsv", NULL, stdout, NULL, &err);
    kg_store_close(st);
    if (rc != KG_OK)
        fprintf(stderr, "prog: %s\n", err.msg);
    return rc == KG_OK ? 0 : 2;
}
C
FLAGS=$(PKG_CONFIG_PATH="$PWD/$P/lib/pkgconfig" pkg-config --define-prefix --cflags --libs kg) ||
    fail "pkg-config kg"
cc -std=c11 -Wall -Werror $SAN -o prog prog.c $FLAGS || fail "cannot build against the installed library"
./prog t.db > out.txt || fail "prog failed"
head -n 1 out.txt | grep -qx 'triples 2 entities 3' || fail "prog: $(head -n 1 out.txt)"
grep -qx "L'Oréal	sue	AT&T	0.50	true" out.txt || fail "prog tsv: $(cat out.txt)"

# the man page covers every command in the command table
sed 's/\\-/-/g' "$P/share/man/man1/kg.1" > man.txt
for c in ingest extract tag train-tagger query import export stats draw; do
    grep -q "^\.BR \"kg $c" man.txt || fail "man page lacks kg $c"
done
if command -v groff >/dev/null 2>&1; then
    groff -man -Tutf8 "$P/share/man/man1/kg.1" 2>groff.err | grep -q 'kg export' || fail "man page does not render"
fi

# bash completion
command -v bash >/dev/null 2>&1 || { echo "export_install: ok (bash absent)"; exit 0; }
got=$(bash -c '. "$1"; COMP_WORDS=(kg export --format g); COMP_CWORD=3; _kg; echo "${COMPREPLY[*]}"' _ \
      "$P/share/bash-completion/completions/kg")
[ "$got" = graphml ] || fail "completion of export --format g: '$got'"
got=$(bash -c '. "$1"; COMP_WORDS=(kg --db x.db im); COMP_CWORD=3; _kg; echo "${COMPREPLY[*]}"' _ \
      "$P/share/bash-completion/completions/kg")
[ "$got" = import ] || fail "completion of im: '$got'"
echo "export_install: ok"
