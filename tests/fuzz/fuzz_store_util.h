/*
 * fuzz_store_util.h -- a fresh, empty kg database per fuzz input, cheaply:
 * the schema is created once into a template file whose bytes are then
 * copied for each input (an in-memory SQLite database cannot use WAL, which
 * kg_store_open requires). Files live in $TMPDIR, else /dev/shm, else /tmp.
 */
#ifndef KG_FUZZ_STORE_UTIL_H
#define KG_FUZZ_STORE_UTIL_H

#include <sqlite3.h>
#include "fuzz_util.h"
#include "kg_store.h"

static kg_buf fz_template;
static char fz_db_path[256];

FZ_UNUSED static const char *fz_tmpdir(void)
{
    const char *dir = getenv("TMPDIR");
    if (dir && *dir)
        return dir;
    return access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
}

FZ_UNUSED static void fz_db_remove(void)
{
    char p[300];
    unlink(fz_db_path);
    snprintf(p, sizeof p, "%s-wal", fz_db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", fz_db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s.adj", fz_db_path);
    unlink(p);
}

/* Open a fresh empty database; aborts when the machinery itself fails. */
FZ_UNUSED static kg_store *fz_fresh_store(void)
{
    kg_store *st = NULL;
    kg_error err = {0};
    FILE *f;
    if (fz_db_path[0] == '\0')
        snprintf(fz_db_path, sizeof fz_db_path, "%s/kg-fuzz-%ld.db", fz_tmpdir(), (long)getpid());
    fz_db_remove();
    if (fz_template.len == 0) {
        FZ_CHECK(kg_store_open(fz_db_path, KG_STORE_CREATE, &st, &err) == KG_OK);
        /* a new database appears at its path with its first commit */
        FZ_CHECK(kg_store_begin(st, &err) == KG_OK && kg_store_commit(st, &err) == KG_OK);
        kg_store_close(st); /* the last close checkpoints the WAL into the file */
        FZ_CHECK(kg_read_file(fz_db_path, 64u << 20, &fz_template, &err) == KG_OK);
        FZ_CHECK(fz_template.len > 0);
        fz_db_remove();
    }
    f = fopen(fz_db_path, "wb");
    FZ_CHECK(f != NULL);
    FZ_CHECK(fwrite(fz_template.data, 1, fz_template.len, f) == fz_template.len);
    FZ_CHECK(fclose(f) == 0);
    st = NULL;
    if (kg_store_open(fz_db_path, KG_STORE_CREATE, &st, &err) != KG_OK) {
        fprintf(stderr, "fuzz: cannot open %s: %s\n", fz_db_path, err.msg);
        abort();
    }
    return st;
}

FZ_UNUSED static void fz_close_store(kg_store *st)
{
    kg_store_close(st);
    fz_db_remove();
}

FZ_UNUSED static void fz_stats(kg_store *st, kg_stats *s)
{
    kg_error err = {0};
    memset(s, 0, sizeof *s);
    FZ_CHECK(kg_store_stats(st, s, &err) == KG_OK);
}

FZ_UNUSED static int fz_stats_equal(const kg_stats *a, const kg_stats *b)
{
    return a->documents == b->documents && a->sentences == b->sentences &&
           a->entities == b->entities && a->triples == b->triples &&
           a->relations == b->relations && a->mentions == b->mentions &&
           a->evidence == b->evidence;
}

/* The database is sound: no dangling references. */
FZ_UNUSED static void fz_check_db(kg_store *st)
{
    sqlite3_stmt *s = NULL;
    sqlite3 *db = kg_store_db(st);
    FZ_CHECK(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &s, NULL) == SQLITE_OK);
    FZ_CHECK(sqlite3_step(s) == SQLITE_DONE);
    sqlite3_finalize(s);
}

#endif
