/*
 * fuzz_import_common.h -- the body shared by the importer harnesses
 * (fuzz_import_nt.c, fuzz_import_jsonl.c): the input is the file, imported
 * into a fresh database. Invariants: the error record is well formed and a
 * KG_EINPUT names the file; a refused file leaves the database unchanged (all or
 * nothing); an accepted file keeps foreign keys sound, and importing the same
 * bytes again changes nothing.
 */
#ifndef KG_FUZZ_IMPORT_COMMON_H
#define KG_FUZZ_IMPORT_COMMON_H

#include "fuzz_store_util.h"
#include "kg_export.h"

typedef int (*fz_import_fn)(kg_store *st, const char *path, kg_import_result *res,
                            kg_error *err);

FZ_UNUSED static int fz_import_one(fz_import_fn fn, const char *tag, const uint8_t *data,
                                   size_t size)
{
    const char *path = fz_scratch(tag, data, size);
    kg_store *st;
    kg_stats before, after, again;
    kg_import_result res;
    kg_error err = {0};
    int rc;

    if (path == NULL)
        return 0;
    st = fz_fresh_store();
    fz_stats(st, &before);
    memset(&res, 0, sizeof res);
    rc = fn(st, path, &res, &err);
    fz_check_error(&err, rc);
    fz_stats(st, &after);
    if (rc != KG_OK) {
        FZ_CHECK(fz_stats_equal(&before, &after));
        if (rc == KG_EINPUT) /* names the file (a line, or a byte offset for binary data) */
            FZ_CHECK(err.source != NULL || strstr(err.msg, path) != NULL);
    } else {
        fz_check_db(st);
        memset(&res, 0, sizeof res);
        kg_error_clear(&err);
        rc = fn(st, path, &res, &err);
        FZ_CHECK(rc == KG_OK);
        fz_stats(st, &again);
        FZ_CHECK(fz_stats_equal(&after, &again));
    }
    fz_close_store(st);
    unlink(path);
    return 0;
}

#endif
