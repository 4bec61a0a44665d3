/*
 * fuzz_extract.c -- libFuzzer harness for the whole extract pipeline on one
 * document (ingest/: analysis, NER, relation patterns, qualifiers, confidence)
 * through kg_extract_document, then storing it with kg_ingest_document into a
 * fresh database.
 * Invariants: valid UTF-8 without NUL is always extracted, anything else is a
 * clean KG_EINPUT; every triple points at a real sentence, has a non-empty
 * relation and names in valid UTF-8, a confidence in [0, 1], token ranges
 * inside the analysis; ingest stores the document whole (one document row)
 * or, when refused, leaves the database empty; ingesting it again is a
 * duplicate that changes nothing.
 */
#include "fuzz_store_util.h"
#include "kg_extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const kg_extractor *ex_extractor(void)
{
    static kg_extractor *x;
    if (x == NULL) {
        kg_error err = {0};
        if (kg_extractor_open(NULL, &x, &err) != KG_OK) {
            fprintf(stderr, "fuzz: cannot open the extractor (set KG_DATA): %s\n", err.msg);
            abort();
        }
    }
    return x;
}

static void ex_check_str(const char *s, int may_be_null)
{
    size_t bad;
    if (s == NULL) {
        FZ_CHECK(may_be_null);
        return;
    }
    FZ_CHECK(kg_utf8_valid(s, strlen(s), &bad));
}

/* A graph triple's arguments have names; CaRB-only ones may have none. */
static void ex_check_arg(const kg_extraction *e, const kg_xarg *a, int is_graph)
{
    FZ_CHECK(a->first_token + a->n_tokens <= e->analysis.n_tokens);
    if (a->n_tokens) {
        ex_check_str(a->name, !is_graph);
        ex_check_str(a->text, 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const kg_extractor *x = ex_extractor();
    kg_extraction e = {0};
    kg_error err = {0};
    kg_store *st;
    kg_stats before, after, again;
    kg_ingest_result res;
    size_t bad, i;
    int rc, is_clean = kg_utf8_valid(text, size, &bad) && !kg_has_nul(text, size, &bad);

    rc = kg_extract_document(x, text, size, &e, &err);
    fz_check_error(&err, rc);
    FZ_CHECK(is_clean ? rc == KG_OK : rc == KG_EINPUT);
    if (rc == KG_OK) {
        for (i = 0; i < e.n_triples; i++) {
            const kg_xtriple *t = &e.triples[i];
            FZ_CHECK(t->sentence < e.analysis.n_sentences);
            FZ_CHECK(t->relation != NULL && t->relation[0] != '\0');
            ex_check_str(t->relation, 0);
            ex_check_str(t->surface, 1);
            ex_check_str(t->time, 1);
            ex_check_str(t->extra, 1);
            FZ_CHECK(t->confidence >= 0.0 && t->confidence <= 1.0);
            ex_check_arg(&e, &t->subject, t->is_graph);
            ex_check_arg(&e, &t->object, t->is_graph);
        }
    }
    kg_extraction_free(&e);

    st = fz_fresh_store();
    fz_stats(st, &before);
    memset(&res, 0, sizeof res);
    kg_error_clear(&err);
    rc = kg_ingest_document(x, st, "fuzz", text, size, &res, &err);
    fz_check_error(&err, rc);
    fz_stats(st, &after);
    if (rc != KG_OK) {
        FZ_CHECK(!is_clean);
        FZ_CHECK(fz_stats_equal(&before, &after));
    } else {
        FZ_CHECK(after.documents == 1);
        FZ_CHECK((size_t)after.sentences == res.sentences);
        fz_check_db(st);
        memset(&res, 0, sizeof res);
        kg_error_clear(&err);
        FZ_CHECK(kg_ingest_document(x, st, "fuzz again", text, size, &res, &err) == KG_OK);
        FZ_CHECK(res.is_duplicate);
        fz_stats(st, &again);
        FZ_CHECK(fz_stats_equal(&after, &again));
    }
    fz_close_store(st);
    return 0;
}
