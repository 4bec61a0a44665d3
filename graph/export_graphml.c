/*
 * export_graphml.c -- the GraphML writer, to the profile of docs/GRAPHML.md:
 * keys first with attr.name and attr.type, descriptive key ids (never d0..dN,
 * never "id"), a directed graph, node ids n<entity id>, edge ids e<triple id>,
 * one edge per triple (parallel edges kept) unless collapsed, every value
 * written explicitly, values holding & < or > as CDATA, characters XML 1.0
 * forbids dropped. Streams: keys, then nodes, then edges.
 */
#include "export_int.h"

#include <math.h>
#include <string.h>

typedef struct gml {
    FILE *out;
    const char *path;
    const kg_export_options *opt;
    kg_buf b;                  /* output, drained in large writes */
    kg_buf tmp;
    size_t rows;
    int rc;                    /* first append failure (KG_ENOMEM) */
} gml;

#define DRAIN_BYTES (256u * 1024u)

static void putn(gml *g, const char *s, size_t n)
{
    if (g->b.len + n < g->b.cap) {
        memcpy(g->b.data + g->b.len, s, n);
        g->b.len += n;
        g->b.data[g->b.len] = '\0';
    } else if (kg_buf_append(&g->b, s, n)) {
        g->rc = KG_ENOMEM;
    }
}

static void put(gml *g, const char *s)
{
    putn(g, s, strlen(s));
}

/* A string literal: its length is known at compile time. */
#define PUTL(g, lit) putn((g), "" lit, sizeof(lit) - 1)

static void put_i64(gml *g, int64_t v)
{
    if (kg_x_put_i64(&g->b, v))
        g->rc = KG_ENOMEM;
}

/* 1 if s needs no cleaning or escaping: printable ASCII without & < >. */
static size_t plain_len(const char *s)
{
    const char *p = s;
    for (; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>')
            return (size_t)-1;
    }
    return (size_t)(p - s);
}

/* Append s as element content: plain, or CDATA when it holds & < or >;
 * characters XML 1.0 forbids dropped. */
static void put_text(gml *g, const char *s)
{
    const char *p;
    size_t n = plain_len(s);
    if (n != (size_t)-1) {
        putn(g, s, n);
        return;
    }
    kg_buf_reset(&g->tmp);
    if (kg_x_clean_text(&g->tmp, s)) {
        g->rc = KG_ENOMEM;
        return;
    }
    p = g->tmp.data ? g->tmp.data : "";
    if (strpbrk(p, "&<>") == NULL) {
        put(g, p);
        return;
    }
    PUTL(g, "<![CDATA[");
    for (;;) {
        const char *end = strstr(p, "]]>");
        if (end == NULL)
            break;
        /* "]]>" cannot appear in CDATA: end the section between "]]" and ">". */
        if (kg_buf_append(&g->b, p, (size_t)(end - p) + 2))
            g->rc = KG_ENOMEM;
        PUTL(g, "]]><![CDATA[");
        p = end + 2;
    }
    put(g, p);
    PUTL(g, "]]>");
}

static void data_str(gml *g, const char *key, const char *value)
{
    if (value == NULL)
        return;
    PUTL(g, "      <data key=\"");
    put(g, key);
    PUTL(g, "\">");
    put_text(g, value);
    PUTL(g, "</data>\n");
}

static void data_int(gml *g, const char *key, int64_t v)
{
    PUTL(g, "      <data key=\"");
    put(g, key);
    PUTL(g, "\">");
    put_i64(g, v);
    PUTL(g, "</data>\n");
}

static void data_double(gml *g, const char *key, double v)
{
    if (!isfinite(v))
        return;
    PUTL(g, "      <data key=\"");
    put(g, key);
    PUTL(g, "\">");
    if (kg_x_put_double(&g->b, v))
        g->rc = KG_ENOMEM;
    PUTL(g, "</data>\n");
}

static const char *type_colour(const char *type)
{
    static const struct { const char *type, *colour; } colours[] = {
        {"PERSON", "#FFCC80"}, {"ORG", "#90CAF9"}, {"PLACE", "#A5D6A7"}, {"DATE", "#E0E0E0"},
        {"MONEY", "#FFF59D"}, {"PERCENT", "#FFF59D"}, {"PRODUCT", "#CE93D8"},
        {"EVENT", "#EF9A9A"},
    };
    size_t i;
    for (i = 0; i < sizeof colours / sizeof colours[0]; i++)
        if (strcmp(type, colours[i].type) == 0)
            return colours[i].colour;
    return "#FFFFFF";
}

static int row_done(gml *g, kg_error *err)
{
    if (g->rc != KG_OK)
        return kg_error_set(err, g->rc, "export: out of memory");
    kg_x_drain(&g->b, g->out, DRAIN_BYTES);
    if ((++g->rows & 0xFFFF) == 0)
        return kg_x_check_write(g->out, g->path, err);
    return KG_OK;
}

static int write_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    gml *g = ctx;
    PUTL(g, "    <node id=\"n");
    put_i64(g, n->id);
    PUTL(g, "\">\n");
    data_str(g, "v_label", n->name);
    data_str(g, "v_name", n->name);
    data_str(g, "v_type", n->type);
    data_str(g, "v_aliases", n->aliases);
    data_int(g, "v_mention_count", n->mention_count);
    if (g->opt->is_yed) {
        PUTL(g, "      <data key=\"v_graphics\"><y:ShapeNode><y:Fill color=\"");
        put(g, type_colour(n->type));
        PUTL(g, "\" transparent=\"false\"/><y:Shape type=\"");
        put(g, strcmp(n->type, "PERSON") == 0 ? "ellipse"
               : strcmp(n->type, "PLACE") == 0 ? "hexagon" : "roundrectangle");
        PUTL(g, "\"/><y:NodeLabel>");
        put_text(g, n->name);
        PUTL(g, "</y:NodeLabel></y:ShapeNode></data>\n");
    }
    PUTL(g, "    </node>\n");
    return row_done(g, err);
}

static int write_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    gml *g = ctx;
    PUTL(g, "    <edge id=\"e");
    put_i64(g, g->opt->is_collapsed ? e->subject_id : e->id);
    if (g->opt->is_collapsed) {
        PUTL(g, "_");
        put_i64(g, e->object_id);
    }
    PUTL(g, "\" source=\"n");
    put_i64(g, e->subject_id);
    PUTL(g, "\" target=\"n");
    put_i64(g, e->object_id);
    PUTL(g, "\">\n");
    data_str(g, "e_label", e->relation);
    data_str(g, "e_interaction", e->relation);
    data_str(g, "e_relation", e->relation);
    data_str(g, "e_surface", e->surface);
    put(g, e->is_negated ? "      <data key=\"e_negated\">true</data>\n"
                         : "      <data key=\"e_negated\">false</data>\n");
    data_double(g, "e_confidence", e->confidence);
    data_int(g, "e_evidence_count", e->evidence_count);
    data_double(g, "e_weight", g->opt->is_collapsed ? (double)e->n_triples
                                                    : (double)e->evidence_count);
    if (g->opt->is_collapsed)
        data_int(g, "e_triple_count", e->n_triples);
    data_str(g, "e_time", e->time);
    data_str(g, "e_modality", e->modality);
    if (e->sentence >= 0)
        data_int(g, "e_sentence", e->sentence);
    data_str(g, "e_document", e->document);
    if (g->opt->is_yed) {
        PUTL(g, "      <data key=\"e_graphics\"><y:PolyLineEdge><y:LineStyle type=\"");
        put(g, e->is_negated ? "dashed" : "line");
        put(g, "\" width=\"1.0\" color=\"#000000\"/>"
               "<y:Arrows source=\"none\" target=\"standard\"/><y:EdgeLabel>");
        put_text(g, e->relation);
        PUTL(g, "</y:EdgeLabel></y:PolyLineEdge></data>\n");
    }
    PUTL(g, "    </edge>\n");
    return row_done(g, err);
}

static void write_key(FILE *out, const char *id, const char *for_, const char *name,
                      const char *type)
{
    fprintf(out, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n", id, for_,
            name, type);
}

int kg_x_graphml(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path,
                 kg_error *err)
{
    gml g;
    int rc;
    memset(&g, 0, sizeof g);
    g.out = out;
    g.path = path;
    g.opt = opt;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
          "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n", out);
    if (opt->is_yed)
        fputs("    xmlns:y=\"http://www.yworks.com/xml/graphml\"\n", out);
    fputs("    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", out);
    write_key(out, "v_label", "node", "label", "string");
    write_key(out, "v_name", "node", "name", "string");
    write_key(out, "v_type", "node", "type", "string");
    write_key(out, "v_aliases", "node", "aliases", "string");
    write_key(out, "v_mention_count", "node", "mention_count", "int");
    write_key(out, "e_label", "edge", "label", "string");
    write_key(out, "e_interaction", "edge", "interaction", "string");
    write_key(out, "e_relation", "edge", "relation", "string");
    write_key(out, "e_surface", "edge", "surface", "string");
    write_key(out, "e_negated", "edge", "negated", "boolean");
    write_key(out, "e_confidence", "edge", "confidence", "double");
    write_key(out, "e_evidence_count", "edge", "evidence_count", "int");
    write_key(out, "e_weight", "edge", "weight", "double");
    if (opt->is_collapsed)
        write_key(out, "e_triple_count", "edge", "triple_count", "int");
    write_key(out, "e_time", "edge", "time", "string");
    write_key(out, "e_modality", "edge", "modality", "string");
    write_key(out, "e_sentence", "edge", "sentence", "int");
    write_key(out, "e_document", "edge", "document", "string");
    if (opt->is_yed)
        fputs("  <key id=\"v_graphics\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
              "  <key id=\"e_graphics\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n", out);
    fputs("  <graph id=\"G\" edgedefault=\"directed\">\n", out);
    rc = kg_x_nodes(sel, write_node, &g, err);
    if (rc == KG_OK)
        rc = kg_x_edges(sel, 0, opt->is_collapsed, write_edge, &g, err);
    if (rc == KG_OK) {
        kg_x_drain(&g.b, out, 0);
        fputs("  </graph>\n</graphml>\n", out);
        rc = kg_x_check_write(out, path, err);
    }
    kg_buf_free(&g.b);
    kg_buf_free(&g.tmp);
    return rc;
}
