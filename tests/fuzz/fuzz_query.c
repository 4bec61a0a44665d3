/*
 * fuzz_query.c -- libFuzzer harness for the query language (query/): lexer
 * and recursive-descent parser through kg_query_check, then (for texts that
 * parse) the planner and evaluator through kg_query_run on a small fixed
 * graph with a hub, a clique and parallel edges.
 * Invariants: a syntax error is KG_ESYNTAX (or KG_ELIMIT) located inside the
 * text (1-based line and column, offset <= length, source "query");
 * kg_query_run agrees with kg_query_check about syntax; a query never changes
 * the database; no run takes longer than libFuzzer's -timeout. Every text is
 * run, whatever its number of match patterns: a match's work is bounded by
 * KG_MAX_MATCH_LOOKUPS (a clean KG_ELIMIT past it).
 */
#include "fuzz_store_util.h"
#include "kg_query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lines of text and characters on line n (1-based). */
static void q_check_location(const char *text, size_t size, const kg_error *err)
{
    size_t i, line = 1, line_start = 0;
    FZ_CHECK(err->source != NULL && strcmp(err->source, "query") == 0);
    FZ_CHECK(err->line >= 1 && err->column >= 1);
    FZ_CHECK(err->offset <= size);
    for (i = 0; i < size && line < err->line; i++)
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    FZ_CHECK(line == err->line);
    {
        const char *nl = memchr(text + line_start, '\n', size - line_start);
        size_t line_len = nl ? (size_t)(nl - (text + line_start)) : size - line_start;
        FZ_CHECK(err->column <= kg_utf8_count(text + line_start, line_len) + 1);
    }
}

/* The graph: a hub with leaves, a 6-clique hanging off it, parallel edges,
 * a negated triple, a self-loop, names with quotes and non-ASCII letters. */
static const char q_graph[] =
    "Hub\tlink\tLeaf0\nHub\tlink\tLeaf1\nHub\tlink\tLeaf2\nHub\tlink\tLeaf3\n"
    "Hub\tlink\tC0\nC0\tknow\tC1\nC0\tknow\tC2\nC0\tknow\tC3\nC1\tknow\tC2\n"
    "C1\tknow\tC3\nC2\tknow\tC3\nC3\tknow\tC4\nC4\tknow\tC5\nC5\tknow\tC0\n"
    "Microsoft\tpay\tOpenAI\t0.9\tfalse\nMicrosoft\tpay\tOpenAI\t0.5\ttrue\n"
    "Microsoft\thold license\tOpenAI\nOpenAI\tpartner with\tAmazon\n"
    "Amazon\town\tAmazon Web Services\nSoci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale\tpay\tHub\n"
    "\"Quoted\" Name\tknow\tHub\nLoop\tknow\tLoop\nLeaf0\tpay\tMicrosoft\n";

static kg_store *q_store;
static kg_query_session *q_session;
static FILE *q_null;

static void q_open(void)
{
    kg_error err = {0};
    kg_import_result res;
    const char *path;
    if (q_session)
        return;
    q_store = fz_fresh_store();
    path = fz_scratch("query-graph.tsv", (const uint8_t *)q_graph, sizeof q_graph - 1);
    FZ_CHECK(path != NULL);
    FZ_CHECK(kg_store_import_tsv(q_store, path, &res, &err) == KG_OK);
    unlink(path);
    q_null = fopen("/dev/null", "w");
    FZ_CHECK(q_null != NULL);
    FZ_CHECK(kg_query_session_open(q_store, KG_QFMT_TSV, q_null, &q_session, &err) == KG_OK);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    kg_error err = {0};
    kg_buf notes = {0};
    int rc, run_rc;
    int64_t gen_before, gen_after;

    rc = kg_query_check(text, size, "query", &err);
    fz_check_error(&err, rc);
    FZ_CHECK(rc == KG_OK || rc == KG_ESYNTAX || rc == KG_ELIMIT || rc == KG_EINPUT);
    if (rc == KG_ESYNTAX)
        q_check_location(text, size, &err);

    q_open();
    gen_before = kg_store_generation(q_store, NULL);
    kg_error_clear(&err);
    run_rc = kg_query_run(q_session, text, size, "query", &notes, &err);
    fz_check_error(&err, run_rc);
    if (rc == KG_ESYNTAX || rc == KG_ELIMIT)
        FZ_CHECK(run_rc == rc); /* a malformed text runs nothing */
    FZ_CHECK(run_rc != KG_EDB && run_rc != KG_EIO);
    if (notes.data)
        FZ_CHECK(notes.len == 0 || notes.data[notes.len - 1] == '\n');
    kg_buf_free(&notes);
    gen_after = kg_store_generation(q_store, NULL);
    FZ_CHECK(gen_before == gen_after);
    return 0;
}
