/*
 * export_nt.c -- the N-Triples (RDF 1.1) writer.
 *
 * IRIs are minted under a base B (default KG_EXPORT_BASE_IRI), names
 * percent-encoded (every byte but A-Z a-z 0-9 - . _ ~):
 *   entity    <B entity/Soci%C3%A9t%C3%A9%20G%C3%A9n%C3%A9rale>
 *   relation  <B relation/hold%20license>   (the predicate)
 *   type      <B type/ORG>
 *   triple    <B triple/42>                  (the reified statement)
 *   vocabulary <B vocab/confidence> ...
 * A node: rdf:type its type, rdfs:label its name, vocab/mentionCount,
 * vocab/alias for each other name. A triple: the statement itself
 * <s> <p> <o> . when it is not negated (a negated triple is not asserted),
 * and always its reification (rdf:Statement with rdf:subject, rdf:predicate,
 * rdf:object) carrying the qualifiers vocab/negated, vocab/confidence,
 * vocab/surface, vocab/time, vocab/modality, vocab/evidenceCount,
 * vocab/document, vocab/sentence. import_nt.c reads this back.
 */
#include "export_int.h"

#include <math.h>
#include <string.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define XSD "http://www.w3.org/2001/XMLSchema#"

typedef struct nt {
    FILE *out;
    const char *path;
    kg_buf base;        /* B, ending in / or # */
    kg_buf line, tmp;
    size_t rows;
} nt;

static int put_iri(nt *w, const char *kind, const char *name)
{
    int rc = kg_buf_puts(&w->line, "<");
    if (rc == KG_OK)
        rc = kg_buf_append(&w->line, w->base.data, w->base.len);
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, kind);
    if (rc == KG_OK)
        rc = kg_x_pct_encode(&w->line, name, strlen(name));
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, ">");
    return rc;
}

static int put_id_iri(nt *w, const char *kind, int64_t id)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)id);
    return put_iri(w, kind, num);
}

/* An N-Triples string literal: \" \\ \n \r \t escaped, other controls as
 * \u00XX, invalid UTF-8 bytes as U+FFFD. */
static int put_literal(nt *w, const char *s)
{
    size_t n = strlen(s), i = 0;
    int rc = kg_buf_puts(&w->line, "\"");
    while (rc == KG_OK && i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            rc = kg_buf_puts(&w->line, "\\\"");
        else if (c == '\\')
            rc = kg_buf_puts(&w->line, "\\\\");
        else if (c == '\n')
            rc = kg_buf_puts(&w->line, "\\n");
        else if (c == '\r')
            rc = kg_buf_puts(&w->line, "\\r");
        else if (c == '\t')
            rc = kg_buf_puts(&w->line, "\\t");
        else if (c < 0x20 || c == 0x7F)
            rc = kg_buf_printf(&w->line, "\\u%04X", c);
        else if (c < 0x80)
            rc = kg_buf_append(&w->line, s + i, 1);
        else {
            uint32_t cp;
            int len = kg_utf8_decode(s + i, n - i, &cp);
            if (cp == 0xFFFD && len == 1)
                rc = kg_utf8_encode(&w->line, 0xFFFD);
            else
                rc = kg_buf_append(&w->line, s + i, (size_t)len);
            i += (size_t)len;
            continue;
        }
        i++;
    }
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, "\"");
    return rc;
}

/* subj_kind/subj: the subject IRI; pred: a full IRI; then the object already in w->tmp. */
static int stmt_begin(nt *w, const char *kind, const char *name, int64_t id, const char *pred)
{
    int rc = name ? put_iri(w, kind, name) : put_id_iri(w, kind, id);
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, " <");
    if (rc == KG_OK) {
        if (strncmp(pred, "vocab/", 6) == 0)
            rc = kg_buf_append(&w->line, w->base.data, w->base.len);
    }
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, pred);
    if (rc == KG_OK)
        rc = kg_buf_puts(&w->line, "> ");
    return rc;
}

static int stmt_end(nt *w, int rc)
{
    return rc == KG_OK ? kg_buf_puts(&w->line, " .\n") : rc;
}

static int flush(nt *w, int rc, kg_error *err)
{
    if (rc != KG_OK)
        return kg_error_set(err, KG_ENOMEM, "export: out of memory");
    fwrite(w->line.data, 1, w->line.len, w->out);
    if ((++w->rows & 0xFFFF) == 0)
        return kg_x_check_write(w->out, w->path, err);
    return KG_OK;
}

static int nt_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    nt *w = ctx;
    const char *p = n->aliases;
    int rc;
    kg_buf_reset(&w->line);
    rc = stmt_begin(w, "entity/", n->name, 0, RDF "type");
    if (rc == KG_OK)
        rc = stmt_end(w, put_iri(w, "type/", n->type));
    if (rc == KG_OK)
        rc = stmt_begin(w, "entity/", n->name, 0, RDFS "label");
    if (rc == KG_OK)
        rc = stmt_end(w, put_literal(w, n->name));
    if (rc == KG_OK)
        rc = stmt_begin(w, "entity/", n->name, 0, "vocab/mentionCount");
    if (rc == KG_OK)
        rc = stmt_end(w, kg_buf_printf(&w->line, "\"%lld\"^^<" XSD "integer>",
                                       (long long)n->mention_count));
    while (rc == KG_OK && *p) {
        const char *q = strstr(p, " | ");
        size_t len = q ? (size_t)(q - p) : strlen(p);
        kg_buf_reset(&w->tmp);
        rc = kg_buf_append(&w->tmp, p, len);
        if (rc == KG_OK)
            rc = stmt_begin(w, "entity/", n->name, 0, "vocab/alias");
        if (rc == KG_OK)
            rc = stmt_end(w, put_literal(w, w->tmp.data));
        p += len + (q ? 3 : 0);
    }
    return flush(w, rc, err);
}

static int nt_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    nt *w = ctx;
    int rc = KG_OK;
    kg_buf_reset(&w->line);
    if (!e->is_negated) {
        rc = put_iri(w, "entity/", e->subject);
        if (rc == KG_OK)
            rc = kg_buf_puts(&w->line, " ");
        if (rc == KG_OK)
            rc = put_iri(w, "relation/", e->relation);
        if (rc == KG_OK)
            rc = kg_buf_puts(&w->line, " ");
        if (rc == KG_OK)
            rc = stmt_end(w, put_iri(w, "entity/", e->object));
    }
    if (rc == KG_OK)
        rc = stmt_begin(w, "triple/", NULL, e->id, RDF "type");
    if (rc == KG_OK)
        rc = stmt_end(w, kg_buf_puts(&w->line, "<" RDF "Statement>"));
    if (rc == KG_OK)
        rc = stmt_begin(w, "triple/", NULL, e->id, RDF "subject");
    if (rc == KG_OK)
        rc = stmt_end(w, put_iri(w, "entity/", e->subject));
    if (rc == KG_OK)
        rc = stmt_begin(w, "triple/", NULL, e->id, RDF "predicate");
    if (rc == KG_OK)
        rc = stmt_end(w, put_iri(w, "relation/", e->relation));
    if (rc == KG_OK)
        rc = stmt_begin(w, "triple/", NULL, e->id, RDF "object");
    if (rc == KG_OK)
        rc = stmt_end(w, put_iri(w, "entity/", e->object));
    if (rc == KG_OK)
        rc = stmt_begin(w, "triple/", NULL, e->id, "vocab/negated");
    if (rc == KG_OK)
        rc = stmt_end(w, kg_buf_printf(&w->line, "\"%s\"^^<" XSD "boolean>",
                                       e->is_negated ? "true" : "false"));
    if (rc == KG_OK && isfinite(e->confidence)) {
        rc = stmt_begin(w, "triple/", NULL, e->id, "vocab/confidence");
        if (rc == KG_OK)
            rc = kg_buf_puts(&w->line, "\"");
        if (rc == KG_OK)
            rc = kg_x_put_double(&w->line, e->confidence);
        if (rc == KG_OK)
            rc = stmt_end(w, kg_buf_puts(&w->line, "\"^^<" XSD "double>"));
    }
    if (rc == KG_OK) {
        rc = stmt_begin(w, "triple/", NULL, e->id, "vocab/evidenceCount");
        if (rc == KG_OK)
            rc = stmt_end(w, kg_buf_printf(&w->line, "\"%lld\"^^<" XSD "integer>",
                                           (long long)e->evidence_count));
    }
    {
        static const char *const preds[] = {"vocab/surface", "vocab/time", "vocab/modality",
                                            "vocab/document"};
        const char *vals[4];
        size_t i;
        vals[0] = e->surface;
        vals[1] = e->time;
        vals[2] = e->modality;
        vals[3] = e->document;
        for (i = 0; i < 4 && rc == KG_OK; i++) {
            if (vals[i] == NULL)
                continue;
            rc = stmt_begin(w, "triple/", NULL, e->id, preds[i]);
            if (rc == KG_OK)
                rc = stmt_end(w, put_literal(w, vals[i]));
        }
    }
    if (rc == KG_OK && e->sentence >= 0) {
        rc = stmt_begin(w, "triple/", NULL, e->id, "vocab/sentence");
        if (rc == KG_OK)
            rc = stmt_end(w, kg_buf_printf(&w->line, "\"%lld\"^^<" XSD "integer>",
                                           (long long)e->sentence));
    }
    return flush(w, rc, err);
}

int kg_x_nt(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path,
            kg_error *err)
{
    nt w;
    const char *base = opt->base_iri && *opt->base_iri ? opt->base_iri : KG_EXPORT_BASE_IRI;
    size_t n = strlen(base);
    int rc;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.path = path;
    if (strpbrk(base, " <>\"{}|^`\\") != NULL || strchr(base, ':') == NULL)
        return kg_error_set(err, KG_EUSAGE, "export: base IRI \"%s\" is not an absolute IRI",
                            base);
    rc = kg_buf_puts(&w.base, base);
    if (rc == KG_OK && base[n - 1] != '/' && base[n - 1] != '#')
        rc = kg_buf_puts(&w.base, "/");
    if (rc != KG_OK)
        rc = kg_error_set(err, KG_ENOMEM, "export: out of memory");
    if (rc == KG_OK)
        rc = kg_x_nodes(sel, nt_node, &w, err);
    if (rc == KG_OK)
        rc = kg_x_edges(sel, 1, 0, nt_edge, &w, err);
    kg_buf_free(&w.base);
    kg_buf_free(&w.line);
    kg_buf_free(&w.tmp);
    return rc;
}
