/*
 * fuzz_import_tsv.c -- libFuzzer harness for the TSV importer
 * (kg_store_import_tsv, graph/store_import.c): the input is the file.
 * Invariants: the error record is well formed and names the line of a bad
 * input; a refused file leaves the database unchanged (all or nothing); an
 * accepted file stores at most one triple per line, keeps foreign keys sound,
 * and importing the same bytes again is a no-op.
 */
#include "fuzz_store_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fz_scratch("import.tsv", data, size);
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
    rc = kg_store_import_tsv(st, path, &res, &err);
    fz_check_error(&err, rc);
    fz_stats(st, &after);
    if (rc != KG_OK) {
        FZ_CHECK(fz_stats_equal(&before, &after));
        if (rc == KG_EINPUT)
            FZ_CHECK(err.line >= 1);
    } else {
        FZ_CHECK(after.triples <= (int64_t)res.lines);
        FZ_CHECK(after.evidence <= (int64_t)res.lines);
        FZ_CHECK(res.triples_new + res.triples_seen == res.lines);
        fz_check_db(st);
        memset(&res, 0, sizeof res);
        kg_error_clear(&err);
        FZ_CHECK(kg_store_import_tsv(st, path, &res, &err) == KG_OK);
        FZ_CHECK(res.is_duplicate || res.lines == 0); /* no lines: nothing was stored */
        if (res.lines == 0)
            FZ_CHECK(after.documents == before.documents);
        fz_stats(st, &again);
        FZ_CHECK(fz_stats_equal(&after, &again));
    }
    fz_close_store(st);
    unlink(path);
    return 0;
}
