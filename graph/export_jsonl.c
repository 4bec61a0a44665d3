/*
 * export_jsonl.c -- whole-graph (or subgraph) JSON lines and TSV writers.
 *
 * jsonl: one {"kind": "entity", ...} line per node, then one
 * {"kind": "triple", ...} line per triple, with the field names of
 * `kg extract --format jsonl` (subject, relation, object, text, confidence,
 * negated, time) plus id, modality, evidence_count, document and sentence;
 * `kg import --format jsonl` reads it back.
 * tsv: the shape of `kg extract --format tsv`:
 * subject TAB relation TAB object TAB confidence TAB negated (tabs and
 * newlines inside names become spaces).
 */
#include "export_int.h"

#include <math.h>
#include <string.h>

typedef struct jl {
    FILE *out;
    const char *path;
    kg_buf line;
    size_t rows;
} jl;

static int put_key_str(kg_buf *b, const char *key, const char *value)
{
    int rc = kg_buf_printf(b, ", \"%s\": ", key);
    if (rc != KG_OK)
        return rc;
    if (value == NULL)
        return kg_buf_puts(b, "null");
    return kg_json_str(b, value, strlen(value));
}

static int flush_line(jl *j, int rc, kg_error *err)
{
    if (rc != KG_OK)
        return kg_error_set(err, KG_ENOMEM, "export: out of memory");
    fwrite(j->line.data, 1, j->line.len, j->out);
    if ((++j->rows & 0xFFFF) == 0)
        return kg_x_check_write(j->out, j->path, err);
    return KG_OK;
}

/* Append the " | "-joined list as a JSON array. */
static int put_list(kg_buf *b, const char *list)
{
    const char *p = list;
    int rc = kg_buf_puts(b, "[");
    int first = 1;
    while (rc == KG_OK && *p) {
        const char *q = strstr(p, " | ");
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (!first)
            rc = kg_buf_puts(b, ", ");
        if (rc == KG_OK)
            rc = kg_json_str(b, p, n);
        first = 0;
        p += n + (q ? 3 : 0);
    }
    if (rc == KG_OK)
        rc = kg_buf_puts(b, "]");
    return rc;
}

static int jsonl_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    jl *j = ctx;
    int rc;
    kg_buf_reset(&j->line);
    rc = kg_buf_printf(&j->line, "{\"kind\": \"entity\", \"id\": %lld", (long long)n->id);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "name", n->name);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "type", n->type);
    if (rc == KG_OK)
        rc = kg_buf_printf(&j->line, ", \"mention_count\": %lld, \"aliases\": ",
                           (long long)n->mention_count);
    if (rc == KG_OK)
        rc = put_list(&j->line, n->aliases);
    if (rc == KG_OK)
        rc = kg_buf_puts(&j->line, "}\n");
    return flush_line(j, rc, err);
}

static int jsonl_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    jl *j = ctx;
    int rc;
    kg_buf_reset(&j->line);
    rc = kg_buf_printf(&j->line, "{\"kind\": \"triple\", \"id\": %lld", (long long)e->id);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "subject", e->subject);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "relation", e->relation);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "object", e->object);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "text", e->surface);
    if (rc == KG_OK)
        rc = kg_buf_puts(&j->line, ", \"confidence\": ");
    if (rc == KG_OK)
        rc = kg_x_put_double(&j->line, isfinite(e->confidence) ? e->confidence : 0.0);
    if (rc == KG_OK)
        rc = kg_buf_puts(&j->line, e->is_negated ? ", \"negated\": true" : ", \"negated\": false");
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "time", e->time);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "modality", e->modality);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "subject_type", e->subject_type);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "object_type", e->object_type);
    if (rc == KG_OK)
        rc = kg_buf_printf(&j->line, ", \"evidence_count\": %lld", (long long)e->evidence_count);
    if (rc == KG_OK)
        rc = put_key_str(&j->line, "document", e->document);
    if (rc == KG_OK)
        rc = e->sentence >= 0 ? kg_buf_printf(&j->line, ", \"sentence_index\": %lld}\n",
                                              (long long)e->sentence)
                              : kg_buf_puts(&j->line, ", \"sentence_index\": null}\n");
    return flush_line(j, rc, err);
}

int kg_x_jsonl(kg_x_sel *sel, FILE *out, const char *path, kg_error *err)
{
    jl j;
    int rc;
    memset(&j, 0, sizeof j);
    j.out = out;
    j.path = path;
    rc = kg_x_nodes(sel, jsonl_node, &j, err);
    if (rc == KG_OK)
        rc = kg_x_edges(sel, 1, 0, jsonl_edge, &j, err);
    kg_buf_free(&j.line);
    return rc;
}

/* Append s with tabs, newlines and carriage returns as spaces. */
static int put_tsv_field(kg_buf *b, const char *s)
{
    size_t start = b->len, i;
    int rc = kg_buf_puts(b, s ? s : "");
    if (rc != KG_OK)
        return rc;
    for (i = start; i < b->len; i++)
        if (b->data[i] == '\t' || b->data[i] == '\n' || b->data[i] == '\r')
            b->data[i] = ' ';
    return KG_OK;
}

static int tsv_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    jl *j = ctx;
    int rc;
    kg_buf_reset(&j->line);
    rc = put_tsv_field(&j->line, e->subject);
    if (rc == KG_OK)
        rc = kg_buf_puts(&j->line, "\t");
    if (rc == KG_OK)
        rc = put_tsv_field(&j->line, e->relation);
    if (rc == KG_OK)
        rc = kg_buf_puts(&j->line, "\t");
    if (rc == KG_OK)
        rc = put_tsv_field(&j->line, e->object);
    if (rc == KG_OK)
        rc = kg_buf_printf(&j->line, "\t%.2f\t%s\n",
                           isfinite(e->confidence) ? e->confidence : 0.0,
                           e->is_negated ? "true" : "false");
    return flush_line(j, rc, err);
}

int kg_x_tsv(kg_x_sel *sel, FILE *out, const char *path, kg_error *err)
{
    jl j;
    int rc;
    memset(&j, 0, sizeof j);
    j.out = out;
    j.path = path;
    rc = kg_x_edges(sel, 1, 0, tsv_edge, &j, err);
    kg_buf_free(&j.line);
    return rc;
}
