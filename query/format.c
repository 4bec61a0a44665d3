/*
 * format.c -- writes query results: an aligned table (widths in characters),
 * tsv with one header line, jsonl with QUERY-LANGUAGE.md's row shapes, or the
 * result's subgraph as graphml / dot through graph/'s kg_export.
 *
 * Place in the flow: last step of query/. eval.c declares columns, then feeds
 * cells row by row; tsv and jsonl stream, the table is buffered to measure.
 */
#include "query_int.h"

#include <stdlib.h>
#include <string.h>

struct kg_qout {
    int format;
    FILE *f;
    const kg_qcol *cols;
    size_t n_cols, cur;
    kg_buf line;              /* the row being built (tsv / jsonl) */
    int has_key;              /* jsonl: a key was written in this row */
    size_t n_vis;             /* tsv: cells written in this row */
    char **cells;             /* table: every text cell, row-major */
    size_t n_cells, cap_cells;
    int64_t *ents; size_t n_ents, cap_ents;
    int64_t *trips; size_t n_trips, cap_trips;
    int rc;                   /* KG_ENOMEM once an allocation failed */
    int is_count;             /* count Q: rows counted, not written */
    int64_t n_rows;
    int64_t n_total;          /* rows written (not counted), for profile */
};

int64_t kg_out_rows(const kg_qout *o)
{
    return o->n_total;
}

void kg_out_count_only(kg_qout *o, int on)
{
    o->is_count = on;
}

int kg_query_format_parse(const char *name)
{
    static const char *const names[] = {"table", "tsv", "jsonl", "graphml", "dot"};
    size_t i;
    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return (int)i;
    return -1;
}

kg_qout *kg_out_new(int format, FILE *f)
{
    kg_qout *o = calloc(1, sizeof *o);
    if (o == NULL)
        return NULL;
    o->format = format;
    o->f = f;
    return o;
}

static void free_cells(kg_qout *o)
{
    size_t i;
    for (i = 0; i < o->n_cells; i++)
        free(o->cells[i]);
    o->n_cells = 0;
}

void kg_out_free(kg_qout *o)
{
    if (o == NULL)
        return;
    free_cells(o);
    free(o->cells);
    free(o->ents);
    free(o->trips);
    kg_buf_free(&o->line);
    free(o);
}

int kg_out_is_subgraph(const kg_qout *o)
{
    return o->format == KG_QFMT_GRAPHML || o->format == KG_QFMT_DOT;
}

/* tsv cells: tabs and line breaks would break the format; they become spaces. */
static int append_clean(kg_buf *b, const char *s)
{
    size_t start = b->len, i;
    if (kg_buf_puts(b, s))
        return KG_ENOMEM;
    for (i = start; i < b->len; i++)
        if (b->data[i] == '\t' || b->data[i] == '\n' || b->data[i] == '\r')
            b->data[i] = ' ';
    return KG_OK;
}

static const kg_qcol count_cols[] = {{"count", "count"}};
static int kg_out_end_rows(kg_qout *o);

int kg_out_begin(kg_qout *o, const kg_qcol *cols, size_t n_cols)
{
    size_t i;
    int first = 1;
    o->cols = cols;
    o->n_cols = n_cols;
    o->cur = 0;
    o->n_rows = 0;
    free_cells(o);
    kg_buf_reset(&o->line);
    if (o->format != KG_QFMT_TSV || o->is_count)
        return KG_OK;
    for (i = 0; i < n_cols; i++) {
        if (cols[i].text_name == NULL)
            continue;
        if (!first)
            fputc('\t', o->f);
        fputs(cols[i].text_name, o->f);
        first = 0;
    }
    fputc('\n', o->f);
    return KG_OK;
}

static int push_cell(kg_qout *o, const char *text)
{
    char *copy;
    if (o->n_cells == o->cap_cells) {
        size_t cap = o->cap_cells ? o->cap_cells * 2 : 64;
        char **cells = realloc(o->cells, cap * sizeof *cells);
        if (cells == NULL)
            return o->rc = KG_ENOMEM;
        o->cells = cells;
        o->cap_cells = cap;
    }
    copy = strdup(text);
    if (copy == NULL)
        return o->rc = KG_ENOMEM;
    for (char *p = copy; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = ' ';
    o->cells[o->n_cells++] = copy;
    return KG_OK;
}

int kg_out_cell(kg_qout *o, const char *text, const char *json)
{
    const kg_qcol *c;
    if (o->cur >= o->n_cols || o->is_count)
        return KG_OK;
    c = &o->cols[o->cur++];
    switch (o->format) {
    case KG_QFMT_TSV:
        if (c->text_name == NULL)
            return KG_OK;
        if (o->n_vis++ && kg_buf_puts(&o->line, "\t"))
            return o->rc = KG_ENOMEM;
        if (append_clean(&o->line, text ? text : ""))
            return o->rc = KG_ENOMEM;
        return KG_OK;
    case KG_QFMT_TABLE:
        if (c->text_name == NULL)
            return KG_OK;
        return push_cell(o, text ? text : "");
    case KG_QFMT_JSONL:
        if (c->json_name == NULL || json == NULL)
            return KG_OK;
        if (kg_buf_puts(&o->line, o->has_key ? ", " : "{") ||
            kg_json_str(&o->line, c->json_name, strlen(c->json_name)) ||
            kg_buf_puts(&o->line, ": ") || kg_buf_puts(&o->line, json))
            return o->rc = KG_ENOMEM;
        o->has_key = 1;
        return KG_OK;
    default:
        return KG_OK;
    }
}

int kg_out_cell_str(kg_qout *o, const char *s)
{
    kg_buf j = {0};
    int rc;
    if (o->format != KG_QFMT_JSONL)
        return kg_out_cell(o, s ? s : "", NULL);
    if (s == NULL)
        return kg_out_cell(o, "", "null");
    if (kg_json_str(&j, s, strlen(s))) {
        kg_buf_free(&j);
        return o->rc = KG_ENOMEM;
    }
    rc = kg_out_cell(o, s, j.data);
    kg_buf_free(&j);
    return rc;
}

int kg_out_cell_int(kg_qout *o, int64_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", (long long)v);
    return kg_out_cell(o, b, b);
}

int kg_out_cell_real(kg_qout *o, double v)
{
    char b[40];
    snprintf(b, sizeof b, "%.6g", v);
    return kg_out_cell(o, b, b);
}

int kg_out_cell_bool(kg_qout *o, int v)
{
    return kg_out_cell(o, v ? "true" : "false", v ? "true" : "false");
}

int kg_out_cell_null(kg_qout *o)
{
    return kg_out_cell(o, "", "null");
}

int kg_out_row_end(kg_qout *o)
{
    if (o->is_count) {
        o->n_rows++;
        return o->rc;
    }
    o->n_total++;
    while (o->cur < o->n_cols) /* missing cells: empty */
        kg_out_cell(o, "", NULL);
    o->cur = 0;
    if (o->rc)
        return o->rc;
    switch (o->format) {
    case KG_QFMT_TSV:
        if (o->line.len)
            fwrite(o->line.data, 1, o->line.len, o->f);
        fputc('\n', o->f);
        o->n_vis = 0;
        break;
    case KG_QFMT_JSONL:
        if (!o->has_key)
            fputs("{", o->f);
        else
            fwrite(o->line.data, 1, o->line.len, o->f);
        fputs("}\n", o->f);
        break;
    default:
        break;
    }
    kg_buf_reset(&o->line);
    o->has_key = 0;
    return KG_OK;
}

int kg_out_end(kg_qout *o)
{
    if (o->rc)
        return o->rc;
    if (o->is_count && !kg_out_is_subgraph(o)) {
        int64_t n = o->n_rows;
        o->is_count = 0;
        kg_out_begin(o, count_cols, 1);
        kg_out_cell_int(o, n);
        kg_out_row_end(o);
        o->is_count = 1;
        o->n_rows = n;
        return kg_out_end_rows(o);
    }
    return kg_out_end_rows(o);
}

/* Flush the buffered rows (the table) of the current result. */
static int kg_out_end_rows(kg_qout *o)
{
    size_t i, r, n_vis = 0, *width, n_rows;
    const char **names;
    if (o->rc)
        return o->rc;
    if (o->format != KG_QFMT_TABLE)
        return fflush(o->f) == 0 ? KG_OK : KG_EIO;
    names = calloc(o->n_cols + 1, sizeof *names);
    width = calloc(o->n_cols + 1, sizeof *width);
    if (names == NULL || width == NULL) {
        free(names);
        free(width);
        return o->rc = KG_ENOMEM;
    }
    for (i = 0; i < o->n_cols; i++)
        if (o->cols[i].text_name) {
            names[n_vis] = o->cols[i].text_name;
            width[n_vis] = kg_utf8_count(names[n_vis], strlen(names[n_vis]));
            n_vis++;
        }
    n_rows = n_vis ? o->n_cells / n_vis : 0;
    for (r = 0; r < n_rows; r++)
        for (i = 0; i < n_vis; i++) {
            const char *s = o->cells[r * n_vis + i];
            size_t w = kg_utf8_count(s, strlen(s));
            if (w > width[i])
                width[i] = w;
        }
    for (r = 0; r <= n_rows; r++) {
        for (i = 0; i < n_vis; i++) {
            const char *s = r == 0 ? names[i] : o->cells[(r - 1) * n_vis + i];
            size_t w = kg_utf8_count(s, strlen(s));
            fputs(s, o->f);
            if (i + 1 < n_vis) {
                for (; w < width[i] + 2; w++)
                    fputc(' ', o->f);
            }
        }
        fputc('\n', o->f);
        if (r == 0) {
            for (i = 0; i < n_vis; i++) {
                size_t w;
                for (w = 0; w < width[i]; w++)
                    fputc('-', o->f);
                if (i + 1 < n_vis)
                    fputs("  ", o->f);
            }
            fputc('\n', o->f);
        }
    }
    free(names);
    free(width);
    free_cells(o);
    return fflush(o->f) == 0 ? KG_OK : KG_EIO;
}

static int push_id(int64_t **a, size_t *n, size_t *cap, int64_t v)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        int64_t *p = realloc(*a, c * sizeof *p);
        if (p == NULL)
            return KG_ENOMEM;
        *a = p;
        *cap = c;
    }
    (*a)[(*n)++] = v;
    return KG_OK;
}

int kg_out_entity(kg_qout *o, int64_t id)
{
    if (!kg_out_is_subgraph(o))
        return KG_OK;
    if (push_id(&o->ents, &o->n_ents, &o->cap_ents, id))
        return o->rc = KG_ENOMEM;
    return KG_OK;
}

int kg_out_triple(kg_qout *o, const kg_edge *e)
{
    if (!kg_out_is_subgraph(o))
        return KG_OK;
    if (push_id(&o->trips, &o->n_trips, &o->cap_trips, e->triple_id) ||
        push_id(&o->ents, &o->n_ents, &o->cap_ents, e->subject) ||
        push_id(&o->ents, &o->n_ents, &o->cap_ents, e->object))
        return o->rc = KG_ENOMEM;
    return KG_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static size_t sort_unique(int64_t *a, size_t n)
{
    size_t i, k = 0;
    if (n == 0)
        return 0;
    qsort(a, n, sizeof *a, cmp_i64);
    for (i = 1; i < n; i++)
        if (a[i] != a[k])
            a[++k] = a[i];
    return k + 1;
}

int kg_out_finish(kg_qout *o, kg_store *st, const kg_export_options *opt, kg_error *err)
{
    kg_subgraph sg;
    if (o->rc)
        return kg_error_set(err, o->rc, "out of memory writing the result");
    if (!kg_out_is_subgraph(o))
        return KG_OK;
    o->n_ents = sort_unique(o->ents, o->n_ents);
    o->n_trips = sort_unique(o->trips, o->n_trips);
    memset(&sg, 0, sizeof sg);
    sg.is_whole = 0;
    sg.entity_ids = o->ents;
    sg.n_entities = o->n_ents;
    sg.triple_ids = o->trips;
    sg.n_triples = o->n_trips;
    return kg_export_ex(st, o->format == KG_QFMT_GRAPHML ? "graphml" : "dot", &sg, opt, o->f,
                        NULL, err);
}
