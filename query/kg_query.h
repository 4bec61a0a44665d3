/*
 * kg_query.h -- the query stage: lexer, parser, planner and evaluator of the
 * kg query language (docs/QUERY-LANGUAGE.md) over graph/.
 * Includes graph's header; graph/ never includes this one.
 *
 * Use: kg_query_session_open on an open store, then kg_query_run for each text
 * (one or more queries separated by ";" or newlines), then
 * kg_query_session_close. Results are written to the session's FILE in the
 * chosen format; notices meant for stderr (a truncated `paths`) are appended
 * to a caller's kg_buf. The library itself never prints to stderr and never exits.
 */
#ifndef KG_QUERY_H
#define KG_QUERY_H

#include "../base/kg_base.h"
#include "../graph/kg_graph.h"

enum {
    KG_QFMT_TABLE = 0,        /* aligned columns (characters), a header line */
    KG_QFMT_TSV,              /* one header line, tab-separated */
    KG_QFMT_JSONL,            /* one JSON object per row (QUERY-LANGUAGE.md shapes) */
    KG_QFMT_GRAPHML,          /* the result's subgraph, through kg_export */
    KG_QFMT_DOT
};

/* "table", "tsv", "jsonl", "graphml", "dot" -> KG_QFMT_*; -1 when unknown. */
int kg_query_format_parse(const char *name);

typedef struct kg_query_session kg_query_session;

/* A session borrows st (which must stay open) and writes results to out.
 * The graph snapshot is opened lazily, on the first query that needs it.
 * Close with kg_query_session_close (accepts NULL). */
int kg_query_session_open(kg_store *st, int format, FILE *out, kg_query_session **s,
                          kg_error *err);
void kg_query_session_close(kg_query_session *s);
/* on = 1: every query run afterwards prints its plan (step, detail rows: how
 * names resolved, which search, which bounds) instead of its result, as the
 * "explain" prefix does. */
void kg_query_session_explain(kg_query_session *s, int on);
/* graphml / dot output: induced = 1 adds every other statement between two of
 * the result's entities; collapsed = 1 writes one edge per ordered pair
 * (relations joined, weight = count), for Gephi. */
void kg_query_session_subgraph(kg_query_session *s, int induced, int collapsed);

/* Parse text[0..len) completely (a syntax error runs nothing: KG_ESYNTAX with
 * err->source = source, line, column in characters, offset), then run each
 * query in order, stopping at the first failure (KG_ENOTFOUND for an unknown
 * name, with suggestions; KG_EDB / KG_EIO; KG_ENOMEM). notes (may be NULL)
 * receives one line per notice, each ending in "\n", without "kg: ".
 * source names the text in errors ("query", a path, "stdin"); borrowed, must
 * outlive err. */
int kg_query_run(kg_query_session *s, const char *text, size_t len, const char *source,
                 kg_buf *notes, kg_error *err);

/* Parse only (no database): KG_OK or the error kg_query_run would give for a
 * malformed text. For tests and editors. */
int kg_query_check(const char *text, size_t len, const char *source, kg_error *err);

#endif
