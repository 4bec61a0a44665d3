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
    kg_buf tmp;
    size_t rows;
} gml;

/* Write s as element content: plain, or CDATA when it holds & < or >. */
static int put_text(gml *g, const char *s)
{
    const char *p;
    int rc;
    kg_buf_reset(&g->tmp);
    rc = kg_x_clean_text(&g->tmp, s);
    if (rc != KG_OK)
        return rc;
    p = g->tmp.data ? g->tmp.data : "";
    if (strpbrk(p, "&<>") == NULL) {
        fputs(p, g->out);
        return KG_OK;
    }
    fputs("<![CDATA[", g->out);
    for (;;) {
        const char *end = strstr(p, "]]>");
        if (end == NULL)
            break;
        /* "]]>" cannot appear in CDATA: end the section between "]]" and ">". */
        fwrite(p, 1, (size_t)(end - p) + 2, g->out);
        fputs("]]><![CDATA[", g->out);
        p = end + 2;
    }
    fputs(p, g->out);
    fputs("]]>", g->out);
    return KG_OK;
}

static int data_str(gml *g, const char *key, const char *value)
{
    int rc;
    if (value == NULL)
        return KG_OK;
    fprintf(g->out, "      <data key=\"%s\">", key);
    rc = put_text(g, value);
    fputs("</data>\n", g->out);
    return rc;
}

static void data_int(gml *g, const char *key, int64_t v)
{
    fprintf(g->out, "      <data key=\"%s\">%lld</data>\n", key, (long long)v);
}

static void data_double(gml *g, const char *key, double v)
{
    if (isfinite(v))
        fprintf(g->out, "      <data key=\"%s\">%.6g</data>\n", key, v);
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

static int write_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    gml *g = ctx;
    int rc;
    fprintf(g->out, "    <node id=\"n%lld\">\n", (long long)n->id);
    rc = data_str(g, "v_label", n->name);
    if (rc == KG_OK)
        rc = data_str(g, "v_name", n->name);
    if (rc == KG_OK)
        rc = data_str(g, "v_type", n->type);
    if (rc == KG_OK)
        rc = data_str(g, "v_aliases", n->aliases);
    data_int(g, "v_mention_count", n->mention_count);
    if (rc == KG_OK && g->opt->is_yed) {
        fprintf(g->out, "      <data key=\"v_graphics\"><y:ShapeNode>"
                        "<y:Fill color=\"%s\" transparent=\"false\"/>"
                        "<y:Shape type=\"%s\"/><y:NodeLabel>",
                type_colour(n->type), strcmp(n->type, "PERSON") == 0 ? "ellipse"
                                      : strcmp(n->type, "PLACE") == 0 ? "hexagon"
                                                                      : "roundrectangle");
        rc = put_text(g, n->name);
        fputs("</y:NodeLabel></y:ShapeNode></data>\n", g->out);
    }
    fputs("    </node>\n", g->out);
    if (rc != KG_OK)
        return kg_error_set(err, rc, "export: out of memory");
    if ((++g->rows & 0xFFFF) == 0)
        return kg_x_check_write(g->out, g->path, err);
    return KG_OK;
}

static int write_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    gml *g = ctx;
    int rc;
    if (g->opt->is_collapsed)
        fprintf(g->out, "    <edge id=\"e%lld_%lld\" source=\"n%lld\" target=\"n%lld\">\n",
                (long long)e->subject_id, (long long)e->object_id, (long long)e->subject_id,
                (long long)e->object_id);
    else
        fprintf(g->out, "    <edge id=\"e%lld\" source=\"n%lld\" target=\"n%lld\">\n",
                (long long)e->id, (long long)e->subject_id, (long long)e->object_id);
    rc = data_str(g, "e_label", e->relation);
    if (rc == KG_OK)
        rc = data_str(g, "e_interaction", e->relation);
    if (rc == KG_OK)
        rc = data_str(g, "e_relation", e->relation);
    if (rc == KG_OK)
        rc = data_str(g, "e_surface", e->surface);
    fprintf(g->out, "      <data key=\"e_negated\">%s</data>\n", e->is_negated ? "true" : "false");
    data_double(g, "e_confidence", e->confidence);
    data_int(g, "e_evidence_count", e->evidence_count);
    data_double(g, "e_weight", g->opt->is_collapsed ? (double)e->n_triples
                                                    : (double)e->evidence_count);
    if (g->opt->is_collapsed)
        data_int(g, "e_triple_count", e->n_triples);
    if (rc == KG_OK)
        rc = data_str(g, "e_time", e->time);
    if (rc == KG_OK)
        rc = data_str(g, "e_modality", e->modality);
    if (e->sentence >= 0)
        data_int(g, "e_sentence", e->sentence);
    if (rc == KG_OK)
        rc = data_str(g, "e_document", e->document);
    if (rc == KG_OK && g->opt->is_yed) {
        fprintf(g->out, "      <data key=\"e_graphics\"><y:PolyLineEdge>"
                        "<y:LineStyle type=\"%s\" width=\"1.0\" color=\"#000000\"/>"
                        "<y:Arrows source=\"none\" target=\"standard\"/><y:EdgeLabel>",
                e->is_negated ? "dashed" : "line");
        rc = put_text(g, e->relation);
        fputs("</y:EdgeLabel></y:PolyLineEdge></data>\n", g->out);
    }
    fputs("    </edge>\n", g->out);
    if (rc != KG_OK)
        return kg_error_set(err, rc, "export: out of memory");
    if ((++g->rows & 0xFFFF) == 0)
        return kg_x_check_write(g->out, g->path, err);
    return KG_OK;
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
        fputs("  </graph>\n</graphml>\n", out);
        rc = kg_x_check_write(out, path, err);
    }
    kg_buf_free(&g.tmp);
    return rc;
}
