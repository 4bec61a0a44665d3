/*
 * export_dot.c -- the Graphviz DOT writer (used by `kg export --format dot`,
 * `kg query --format dot` and `kg draw`). Nodes are n<entity id> with the
 * name as label, entity types as shapes and fill colours; edges carry the
 * relation as label, negated edges are dashed and red. Streams.
 */
#include "export_int.h"

#include <string.h>

typedef struct dot {
    FILE *out;
    const char *path;
    kg_buf tmp;
    size_t rows;
} dot;

/* Write s as a DOT double-quoted string: \ and " escaped, newlines as \n,
 * control characters dropped. */
static int put_quoted(dot *d, const char *s)
{
    const char *p;
    int rc;
    kg_buf_reset(&d->tmp);
    rc = kg_x_clean_text(&d->tmp, s);
    if (rc != KG_OK)
        return rc;
    fputc('"', d->out);
    for (p = d->tmp.data ? d->tmp.data : ""; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', d->out), fputc(*p, d->out);
        else if (*p == '\n')
            fputs("\\n", d->out);
        else if (*p == '\r' || *p == '\t')
            fputc(' ', d->out);
        else
            fputc(*p, d->out);
    }
    fputc('"', d->out);
    return KG_OK;
}

static void type_style(const char *type, const char **shape, const char **colour)
{
    static const struct { const char *type, *shape, *colour; } styles[] = {
        {"PERSON", "ellipse", "#FFCC80"}, {"ORG", "box", "#90CAF9"},
        {"PLACE", "house", "#A5D6A7"},    {"DATE", "note", "#E0E0E0"},
        {"MONEY", "note", "#FFF59D"},     {"PERCENT", "note", "#FFF59D"},
        {"PRODUCT", "component", "#CE93D8"}, {"EVENT", "diamond", "#EF9A9A"},
    };
    size_t i;
    for (i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(type, styles[i].type) == 0) {
            *shape = styles[i].shape;
            *colour = styles[i].colour;
            return;
        }
    *shape = "oval";
    *colour = "#FFFFFF";
}

static int write_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    dot *d = ctx;
    const char *shape, *colour;
    int rc;
    type_style(n->type, &shape, &colour);
    fprintf(d->out, "  n%lld [label=", (long long)n->id);
    rc = put_quoted(d, n->name);
    fprintf(d->out, ", shape=%s, fillcolor=\"%s\", tooltip=\"%s\"];\n", shape, colour, n->type);
    if (rc != KG_OK)
        return kg_error_set(err, rc, "export: out of memory");
    if ((++d->rows & 0xFFFF) == 0)
        return kg_x_check_write(d->out, d->path, err);
    return KG_OK;
}

static int write_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    dot *d = ctx;
    int rc;
    fprintf(d->out, "  n%lld -> n%lld [id=\"e%lld\", label=", (long long)e->subject_id,
            (long long)e->object_id, (long long)e->id);
    rc = put_quoted(d, e->relation);
    if (e->is_negated)
        fputs(", style=dashed, color=\"#C62828\", fontcolor=\"#C62828\"", d->out);
    if (e->n_triples > 1)
        fprintf(d->out, ", penwidth=%.1f", e->n_triples > 5 ? 3.0 : 1.0 + 0.4 * (double)e->n_triples);
    fputs("];\n", d->out);
    if (rc != KG_OK)
        return kg_error_set(err, rc, "export: out of memory");
    if ((++d->rows & 0xFFFF) == 0)
        return kg_x_check_write(d->out, d->path, err);
    return KG_OK;
}

int kg_x_dot(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path,
             kg_error *err)
{
    dot d;
    int rc;
    memset(&d, 0, sizeof d);
    d.out = out;
    d.path = path;
    fputs("digraph kg {\n"
          "  graph [rankdir=LR, overlap=false, fontname=\"Helvetica\"];\n"
          "  node [style=filled, fontname=\"Helvetica\", fontsize=11];\n"
          "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#455A64\"];\n", out);
    rc = kg_x_nodes(sel, write_node, &d, err);
    if (rc == KG_OK)
        rc = kg_x_edges(sel, 0, opt->is_collapsed, write_edge, &d, err);
    if (rc == KG_OK) {
        fputs("}\n", out);
        rc = kg_x_check_write(out, path, err);
    }
    kg_buf_free(&d.tmp);
    return rc;
}
