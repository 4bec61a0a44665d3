/*
 * import_nt.c -- `kg import --format nt`: N-Triples back into the store.
 *
 * Place in the flow: graph/ stage; reads a file, writes through the store's
 * import API (kg_store_begin_import / kg_store_add_triple_ex) in one
 * transaction, so a file is imported whole or not at all.
 *
 * Two passes over the statements held in memory: the first parses every line
 * and collects labels, types and reified statements (kg's own export, see
 * export_nt.c); the second adds triples in the order they first appeared. An
 * asserted statement that a non-negated reification also describes is added
 * once, with the reification's qualifiers.
 */
#include "export_int.h"
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS "http://www.w3.org/2000/01/rdf-schema#"

enum { T_IRI = 'I', T_BNODE = 'B', T_LIT = 'L' };

/* A parsed statement: offsets of NUL-terminated terms in the arena. A term is
 * stored as its kind letter followed by its value ("Ihttp://...", "Bb0",
 * "Lsome text"), so one string is also a map key. */
typedef struct nt_stmt {
    size_t s, p, o;
    unsigned line;
    int lang;                  /* a literal object's language tag: 0 none, 1 en, 2 another */
} nt_stmt;

typedef struct nt_reif {
    size_t s, p, o;            /* 0 = not seen (offset 0 is a reserved empty string) */
    int is_negated;
    double confidence;
    int has_confidence;
    size_t surface, time, modality;
    unsigned line;
} nt_reif;

typedef struct nt_event {      /* in order of first appearance */
    int is_reif;
    size_t index;
} nt_event;

typedef struct nt_import {
    const char *path, *source;
    kg_buf arena;
    nt_stmt *stmts; size_t n_stmts, cap_stmts;
    nt_reif *reifs; size_t n_reifs, cap_reifs;
    nt_event *events; size_t n_events, cap_events;
    kg_idmap labels, types, reif_of, covered;
    kg_idmap label_rank;       /* subject -> rank of the label kept (see label_rank) */
    /* kg's own entity records: subjects typed under B type/ (in order), their
     * B vocab/alias literals and B vocab/mentionCount */
    size_t *ents; size_t n_ents, cap_ents;
    struct nt_alias { size_t s, lit; } *aliases; size_t n_aliases, cap_aliases;
    kg_idmap mention_counts;
    kg_idmap terms;            /* term -> its offset in the arena (each kept once) */
    kg_buf base;               /* base IRI ending in / or # */
    kg_buf tmp, name_s, name_p, name_o, key;
} nt_import;

static int oom(kg_error *err)
{
    return kg_error_set(err, KG_ENOMEM, "import: out of memory");
}

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    void *q;
    size_t c;
    if (n < *cap)
        return KG_OK;
    c = *cap ? *cap * 2 : 256;
    q = realloc(*p, c * size);
    if (q == NULL)
        return KG_ENOMEM;
    *p = q;
    *cap = c;
    return KG_OK;
}

/* ---- the line parser ---- */

typedef struct lexer {
    const char *line, *p, *end;
    unsigned lineno;
    size_t line_offset;        /* byte offset of line in the file */
    nt_import *im;
    kg_error *err;
    int is_no_intern;          /* the term being read is not kept */
    int lang;                  /* the last literal's language tag: 0 none, 1 en, 2 another */
} lexer;

static int fail(lexer *lx, const char *at, const char *fmt, const char *what)
{
    unsigned column = (unsigned)kg_utf8_count(lx->line, (size_t)(at - lx->line)) + 1;
    return kg_error_at(lx->err, KG_EINPUT, lx->im->source, lx->lineno, column,
                       lx->line_offset + (size_t)(at - lx->line), fmt, what);
}

static void skip_ws(lexer *lx)
{
    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\r'))
        lx->p++;
}

static int hex4(const char *p, int n, uint32_t *cp)
{
    int i;
    *cp = 0;
    for (i = 0; i < n; i++) {
        char c = p[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            return 0;
        *cp = *cp * 16 + (uint32_t)v;
    }
    return 1;
}

/* \uXXXX or \UXXXXXXXX at lx->p (after the backslash is p[-1]); appends to arena. */
static int uchar(lexer *lx)
{
    int n = *lx->p == 'u' ? 4 : 8;
    uint32_t cp;
    if (lx->end - lx->p < n + 1 || !hex4(lx->p + 1, n, &cp) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0)
        return fail(lx, lx->p - 1, "%s", "bad \\u or \\U escape");
    lx->p += n + 1;
    return kg_utf8_encode(&lx->im->arena, cp) ? oom(lx->err) : KG_OK;
}

/* Append a term: kind letter, value, NUL; *off = its offset. */
static int term_begin(lexer *lx, char kind, size_t *off)
{
    *off = lx->im->arena.len;
    return kg_buf_append(&lx->im->arena, &kind, 1) ? oom(lx->err) : KG_OK;
}

/* End the term begun at *off. Terms repeat (an entity IRI in a dozen
 * statements), so each is kept once: a repeat is dropped from the arena and
 * *off becomes the first copy's offset. */
static int term_end(lexer *lx, size_t *off)
{
    nt_import *im = lx->im;
    int64_t prev;
    if (kg_buf_append(&im->arena, "", 1))
        return oom(lx->err);
    if (lx->is_no_intern)
        return KG_OK;
    if (kg_idmap_get(&im->terms, im->arena.data + *off, &prev)) {
        im->arena.len = *off;
        im->arena.data[*off] = '\0';
        *off = (size_t)prev;
        return KG_OK;
    }
    return kg_idmap_put(&im->terms, im->arena.data + *off, (int64_t)*off) ? oom(lx->err) : KG_OK;
}

/* IRIREF -> '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>' ; must be absolute. */
static int iri(lexer *lx, size_t *off)
{
    const char *start = lx->p, *run;
    int rc = term_begin(lx, T_IRI, off), has_scheme = 0;
    lx->p++;
    run = lx->p;
    while (rc == KG_OK) {
        unsigned char c;
        if (lx->p >= lx->end)
            return fail(lx, start, "%s", "unterminated IRI (no closing \">\")");
        c = (unsigned char)*lx->p;
        if (c == '>')
            break;
        if (c == ':')
            has_scheme = 1;
        if (c == '\\') {
            if (kg_buf_append(&lx->im->arena, run, (size_t)(lx->p - run)))
                return oom(lx->err);
            lx->p++;
            if (lx->p >= lx->end || (*lx->p != 'u' && *lx->p != 'U'))
                return fail(lx, lx->p - 1, "%s", "bad escape in IRI (only \\u and \\U)");
            rc = uchar(lx);
            run = lx->p;
            continue;
        }
        if (c <= 0x20 || strchr("<\"{}|^`", c) != NULL)
            return fail(lx, lx->p, "%s", "character not allowed in an IRI");
        lx->p++;
    }
    if (rc != KG_OK)
        return rc;
    if (!has_scheme)
        return fail(lx, start, "%s", "relative IRI (N-Triples needs absolute IRIs)");
    if (kg_buf_append(&lx->im->arena, run, (size_t)(lx->p - run)))
        return oom(lx->err);
    lx->p++;
    return term_end(lx, off);
}

/* BLANK_NODE_LABEL -> '_:' label */
static int bnode(lexer *lx, size_t *off)
{
    const char *start = lx->p;
    int rc;
    lx->p += 2;
    start = lx->p;
    while (lx->p < lx->end) {
        unsigned char c = (unsigned char)*lx->p;
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.' || c >= 0x80))
            break;
        lx->p++;
    }
    while (lx->p > start && lx->p[-1] == '.') /* a label cannot end with "." */
        lx->p--;
    if (lx->p == start)
        return fail(lx, start - 2, "%s", "empty blank node label after \"_:\"");
    rc = term_begin(lx, T_BNODE, off);
    if (rc == KG_OK && kg_buf_append(&lx->im->arena, start, (size_t)(lx->p - start)))
        rc = oom(lx->err);
    return rc == KG_OK ? term_end(lx, off) : rc;
}

/* literal -> STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)? ; the datatype is dropped. */
static int literal(lexer *lx, size_t *off)
{
    const char *start = lx->p, *run;
    int rc = term_begin(lx, T_LIT, off);
    lx->p++;
    run = lx->p;
    while (rc == KG_OK) {
        char c;
        if (lx->p >= lx->end)
            return fail(lx, start, "%s", "unterminated string literal");
        c = *lx->p;
        if (c == '"')
            break;
        if (c == '\n' || c == '\r')
            return fail(lx, lx->p, "%s", "raw line break in a string literal");
        if (c == '\\') {
            static const char from[] = "tbnrf\"'\\", to[] = "\t\b\n\r\f\"'\\";
            const char *q;
            if (kg_buf_append(&lx->im->arena, run, (size_t)(lx->p - run)))
                return oom(lx->err);
            lx->p++;
            if (lx->p < lx->end && (*lx->p == 'u' || *lx->p == 'U')) {
                rc = uchar(lx);
            } else if (lx->p < lx->end && *lx->p && (q = strchr(from, *lx->p)) != NULL) {
                if (kg_buf_append(&lx->im->arena, to + (q - from), 1))
                    return oom(lx->err);
                lx->p++;
            } else {
                return fail(lx, lx->p - 1, "%s", "bad escape in a string literal");
            }
            run = lx->p;
            continue;
        }
        lx->p++;
    }
    if (rc != KG_OK)
        return rc;
    if (kg_buf_append(&lx->im->arena, run, (size_t)(lx->p - run)))
        return oom(lx->err);
    lx->p++;
    rc = term_end(lx, off);
    if (rc != KG_OK)
        return rc;
    if (lx->end - lx->p >= 2 && lx->p[0] == '^' && lx->p[1] == '^') {
        size_t dt;
        lx->p += 2;
        if (lx->p >= lx->end || *lx->p != '<')
            return fail(lx, lx->p, "%s", "expected a datatype IRI after \"^^\"");
        lx->is_no_intern = 1; /* checked, then dropped */
        rc = iri(lx, &dt);
        lx->is_no_intern = 0;
        lx->im->arena.len = dt; /* keep only the literal */
        if (lx->im->arena.data)
            lx->im->arena.data[dt] = '\0';
    } else if (lx->p < lx->end && *lx->p == '@') {
        const char *tag = ++lx->p;
        while (lx->p < lx->end && ((*lx->p >= 'a' && *lx->p <= 'z') ||
                                    (*lx->p >= 'A' && *lx->p <= 'Z') ||
                                    (*lx->p >= '0' && *lx->p <= '9') || *lx->p == '-'))
            lx->p++;
        if (lx->p == tag)
            return fail(lx, tag - 1, "%s", "empty language tag after \"@\"");
        lx->lang = (lx->p - tag == 2 || (lx->p - tag > 2 && tag[2] == '-')) &&
                   (tag[0] == 'e' || tag[0] == 'E') && (tag[1] == 'n' || tag[1] == 'N') ? 1 : 2;
    }
    return rc;
}

static int term(lexer *lx, const char *role, int allow_bnode, int allow_literal, size_t *off)
{
    if (lx->p < lx->end && *lx->p == '<')
        return iri(lx, off);
    if (allow_bnode && lx->end - lx->p >= 2 && lx->p[0] == '_' && lx->p[1] == ':')
        return bnode(lx, off);
    if (allow_literal && lx->p < lx->end && *lx->p == '"')
        return literal(lx, off);
    return fail(lx, lx->p, allow_literal ? "expected an IRI, blank node or literal as the %s"
                           : allow_bnode ? "expected an IRI or blank node as the %s"
                                         : "expected an IRI as the %s", role);
}

/* line -> ws* (subject ws* predicate ws* object ws* '.' ws*)? ('#' comment)? */
static int parse_line(lexer *lx, nt_stmt *st, int *has_stmt)
{
    int rc;
    *has_stmt = 0;
    skip_ws(lx);
    if (lx->p >= lx->end || *lx->p == '#')
        return KG_OK;
    if ((rc = term(lx, "subject", 1, 0, &st->s)) != KG_OK)
        return rc;
    skip_ws(lx);
    if ((rc = term(lx, "predicate", 0, 0, &st->p)) != KG_OK)
        return rc;
    skip_ws(lx);
    if ((rc = term(lx, "object", 1, 1, &st->o)) != KG_OK)
        return rc;
    skip_ws(lx);
    if (lx->p >= lx->end || *lx->p != '.')
        return fail(lx, lx->p, "%s", "expected \".\" to end the statement");
    lx->p++;
    skip_ws(lx);
    if (lx->p < lx->end && *lx->p != '#')
        return fail(lx, lx->p, "%s", "unexpected text after \".\"");
    *has_stmt = 1;
    return KG_OK;
}

/* ---- pass 1: collect ---- */

static const char *T(nt_import *im, size_t off)
{
    return im->arena.data + off;
}

static int is_iri(nt_import *im, size_t off, const char *iri)
{
    const char *t = T(im, off);
    return t[0] == T_IRI && strcmp(t + 1, iri) == 0;
}

/* If term off is an IRI under base + kind, the rest; else NULL. */
static const char *under(nt_import *im, size_t off, const char *kind)
{
    const char *t = T(im, off);
    size_t kn = strlen(kind);
    if (t[0] != T_IRI || strncmp(t + 1, im->base.data, im->base.len) != 0 ||
        strncmp(t + 1 + im->base.len, kind, kn) != 0)
        return NULL;
    return t + 1 + im->base.len + kn;
}

static int reif_for(nt_import *im, const nt_stmt *s, nt_reif **out)
{
    int64_t idx;
    if (kg_idmap_get(&im->reif_of, T(im, s->s), &idx)) {
        *out = &im->reifs[idx];
        return KG_OK;
    }
    if (grow((void **)&im->reifs, &im->cap_reifs, im->n_reifs, sizeof *im->reifs) ||
        grow((void **)&im->events, &im->cap_events, im->n_events, sizeof *im->events) ||
        kg_idmap_put(&im->reif_of, T(im, s->s), (int64_t)im->n_reifs))
        return KG_ENOMEM;
    *out = &im->reifs[im->n_reifs];
    memset(*out, 0, sizeof **out);
    (*out)->line = s->line;
    (*out)->confidence = 1.0;
    im->events[im->n_events].is_reif = 1;
    im->events[im->n_events++].index = im->n_reifs++;
    return KG_OK;
}

/* How good a name statement is (lower is better; 0 = not a name): rdfs:label,
 * then skos:prefLabel, schema:name, foaf:name (Wikidata and DBpedia dumps carry
 * several); within each, no language tag or English before other languages. */
static int label_rank(nt_import *im, const nt_stmt *s)
{
    static const char *const preds[] = {
        RDFS "label", "http://www.w3.org/2004/02/skos/core#prefLabel", "http://schema.org/name",
        "https://schema.org/name", "http://xmlns.com/foaf/0.1/name"};
    size_t i;
    for (i = 0; i < sizeof preds / sizeof preds[0]; i++)
        if (is_iri(im, s->p, preds[i]))
            return 1 + (int)(i < 3 ? i : i - 1) * 2 + (s->lang == 2);
    return 0;
}

static int collect(nt_import *im, const nt_stmt *s, kg_error *err)
{
    const char *o = T(im, s->o), *vocab;
    nt_reif *r;
    int is_reif_field = is_iri(im, s->p, RDF "subject") || is_iri(im, s->p, RDF "predicate") ||
                        is_iri(im, s->p, RDF "object");
    int rank = o[0] == T_LIT ? label_rank(im, s) : 0;
    if (rank) {
        int64_t kept;
        if (kg_idmap_get(&im->label_rank, T(im, s->s), &kept) && kept <= rank)
            return KG_OK; /* the first best name wins */
        return kg_idmap_put(&im->labels, T(im, s->s), (int64_t)s->o) ||
               kg_idmap_put(&im->label_rank, T(im, s->s), rank) ? oom(err) : KG_OK;
    }
    if (is_iri(im, s->p, RDF "type")) {
        const char *type = under(im, s->o, "type/");
        if (type != NULL) {
            int ok;
            int64_t seen;
            if (!kg_idmap_get(&im->types, T(im, s->s), &seen)) {
                if (grow((void **)&im->ents, &im->cap_ents, im->n_ents, sizeof *im->ents))
                    return oom(err);
                im->ents[im->n_ents++] = s->s;
            }
            size_t at = im->arena.len, type_off = (size_t)(type - im->arena.data);
            /* keep the decoded type in the arena as a literal term; type points
             * into the arena, so grow it first (appending must not move it) */
            if (kg_buf_reserve(&im->arena, strlen(type) + 3))
                return oom(err);
            type = im->arena.data + type_off;
            if (kg_buf_append(&im->arena, "L", 1) ||
                kg_x_pct_decode(&im->arena, type, strlen(type), &ok) ||
                kg_buf_append(&im->arena, "", 1) ||
                kg_idmap_put(&im->types, T(im, s->s), (int64_t)at))
                return oom(err);
            return KG_OK;
        }
        if (is_iri(im, s->o, RDF "Statement"))
            return reif_for(im, s, &r) ? oom(err) : KG_OK;
        return KG_OK; /* a foreign class: not a relation between entities */
    }
    if (is_reif_field) {
        if (reif_for(im, s, &r))
            return oom(err);
        if (o[0] == T_LIT)
            return kg_error_at(err, KG_EINPUT, im->source, s->line, 0, 0,
                               "rdf:subject/predicate/object of a statement must be an IRI");
        if (is_iri(im, s->p, RDF "subject"))
            r->s = s->o;
        else if (is_iri(im, s->p, RDF "predicate"))
            r->p = s->o;
        else
            r->o = s->o;
        return KG_OK;
    }
    if ((vocab = under(im, s->p, "vocab/")) != NULL) {
        int64_t idx;
        if (!kg_idmap_get(&im->reif_of, T(im, s->s), &idx)) {
            /* an entity's alias or mention count (kg's own export) */
            if (o[0] == T_LIT && strcmp(vocab, "alias") == 0) {
                if (grow((void **)&im->aliases, &im->cap_aliases, im->n_aliases,
                         sizeof *im->aliases))
                    return oom(err);
                im->aliases[im->n_aliases].s = s->s;
                im->aliases[im->n_aliases++].lit = s->o;
            } else if (o[0] == T_LIT && strcmp(vocab, "mentionCount") == 0) {
                char *end;
                long long v = strtoll(o + 1, &end, 10);
                if (end != o + 1 && *end == '\0' && v > 0 &&
                    kg_idmap_put(&im->mention_counts, T(im, s->s), (int64_t)v))
                    return oom(err);
            }
            return KG_OK;
        }
        r = &im->reifs[idx];
        if (strcmp(vocab, "negated") == 0)
            r->is_negated = strcmp(o + 1, "true") == 0 || strcmp(o + 1, "1") == 0;
        else if (strcmp(vocab, "confidence") == 0) {
            char *end;
            double v = strtod(o + 1, &end);
            if (o[0] != T_LIT || *end || end == o + 1 || !(v >= 0 && v <= 1))
                return kg_error_at(err, KG_EINPUT, im->source, s->line, 0, 0,
                                   "confidence \"%s\" is not a number between 0 and 1", o + 1);
            r->confidence = v;
            r->has_confidence = 1;
        } else if (strcmp(vocab, "surface") == 0 && o[0] == T_LIT)
            r->surface = s->o;
        else if (strcmp(vocab, "time") == 0 && o[0] == T_LIT)
            r->time = s->o;
        else if (strcmp(vocab, "modality") == 0 && o[0] == T_LIT)
            r->modality = s->o;
        return KG_OK;
    }
    if (o[0] == T_LIT)
        return KG_OK; /* an attribute of another vocabulary */
    if (grow((void **)&im->events, &im->cap_events, im->n_events, sizeof *im->events))
        return oom(err);
    im->events[im->n_events].is_reif = 0;
    im->events[im->n_events++].index = (size_t)(s - im->stmts);
    return KG_OK;
}

/* ---- pass 2: names and triples ---- */

/* The local name of an IRI: after the last '#' or '/', percent-decoded, '_'
 * as a space (DBpedia's Bill_Gates). For a relation (is_rel), camelCase words
 * are split and lower-cased too (foundingYear -> founding year). */
static int local_name(nt_import *im, const char *iri, kg_buf *out, int is_rel)
{
    const char *hash = strrchr(iri, '#'), *slash = strrchr(iri, '/'), *p;
    size_t start = out->len, i;
    int ok, rc;
    p = hash && (!slash || hash > slash) ? hash + 1 : slash ? slash + 1 : iri;
    if (*p == '\0')
        p = iri;
    (void)im;
    if ((rc = kg_x_pct_decode(out, p, strlen(p), &ok)) != KG_OK || p == iri)
        return rc;
    for (i = start; i < out->len; i++)
        if (out->data[i] == '_')
            out->data[i] = ' ';
    if (is_rel) {
        kg_buf split = {0};
        for (i = start; i < out->len && rc == KG_OK; i++) {
            char c = out->data[i];
            if (c >= 'A' && c <= 'Z') {
                if (i > start && out->data[i - 1] >= 'a' && out->data[i - 1] <= 'z')
                    rc = kg_buf_append(&split, " ", 1);
                c = (char)(c - 'A' + 'a');
            }
            if (rc == KG_OK)
                rc = kg_buf_append(&split, &c, 1);
        }
        if (rc == KG_OK) {
            out->len = start;
            rc = kg_buf_append(out, split.data ? split.data : "", split.len);
        }
        kg_buf_free(&split);
    }
    /* trim the spaces an edge '_' left */
    while (out->len > start && out->data[out->len - 1] == ' ')
        out->len--;
    if (out->data)
        out->data[out->len] = '\0';
    return rc;
}

static int entity_name(nt_import *im, size_t off, kg_buf *out)
{
    const char *t = T(im, off), *rest;
    int64_t label;
    int ok;
    kg_buf_reset(out);
    if (kg_idmap_get(&im->labels, t, &label))
        return kg_buf_puts(out, T(im, (size_t)label) + 1);
    if (t[0] == T_BNODE)
        return kg_buf_puts(out, t + 1);
    if ((rest = under(im, off, "entity/")) != NULL)
        return kg_x_pct_decode(out, rest, strlen(rest), &ok);
    return local_name(im, t + 1, out, 0);
}

static int relation_name(nt_import *im, size_t off, kg_buf *out)
{
    const char *rest;
    int ok;
    kg_buf_reset(out);
    if ((rest = under(im, off, "relation/")) != NULL)
        return kg_x_pct_decode(out, rest, strlen(rest), &ok);
    return local_name(im, T(im, off) + 1, out, 1);
}

static const char *type_of(nt_import *im, size_t off)
{
    int64_t at;
    if (kg_idmap_get(&im->types, T(im, off), &at))
        return T(im, (size_t)at) + 1;
    return NULL;
}

static int spo_key(nt_import *im, size_t s, size_t p, size_t o)
{
    kg_buf_reset(&im->key);
    if (kg_buf_puts(&im->key, T(im, s)) || kg_buf_append(&im->key, "\n", 1) ||
        kg_buf_puts(&im->key, T(im, p)) || kg_buf_append(&im->key, "\n", 1) ||
        kg_buf_puts(&im->key, T(im, o)))
        return KG_ENOMEM;
    return KG_OK;
}

static int add(kg_store *st, nt_import *im, int64_t doc, size_t s, size_t p, size_t o,
               const nt_reif *r, unsigned line, kg_import_result *res, kg_error *err)
{
    kg_doc_triple t;
    int is_new = 0, rc;
    if (entity_name(im, s, &im->name_s) || relation_name(im, p, &im->name_p) ||
        entity_name(im, o, &im->name_o))
        return oom(err);
    memset(&t, 0, sizeof t);
    t.subject = im->name_s.data;
    t.subject_type = type_of(im, s);
    t.relation = im->name_p.data;
    t.object = im->name_o.data;
    t.object_type = type_of(im, o);
    t.confidence = r && r->has_confidence ? r->confidence : 1.0;
    t.is_negated = r ? r->is_negated : 0;
    t.surface = r && r->surface ? T(im, r->surface) + 1 : NULL;
    t.time = r && r->time ? T(im, r->time) + 1 : NULL;
    t.modality = r && r->modality ? T(im, r->modality) + 1 : NULL;
    t.sentence = (size_t)-1;
    rc = kg_store_add_triple_ex(st, &t, doc, NULL, &is_new, err);
    if (rc != KG_OK) {
        if (err && err->line == 0) {
            err->source = im->source;
            err->line = line;
        }
        return rc;
    }
    if (res) {
        if (is_new)
            res->triples_new++;
        else
            res->triples_seen++;
    }
    return KG_OK;
}

static int cmp_alias(const void *a, const void *b)
{
    const struct nt_alias *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return (x->lit > y->lit) - (x->lit < y->lit);
}

/* kg's own entity records: every typed entity (those in no triple too), with
 * its aliases and mention count. Terms are interned, so one subject has one
 * offset. */
static int load_entities(kg_store *st, nt_import *im, kg_error *err)
{
    size_t i, a = 0;
    int rc = KG_OK;
    if (im->n_aliases > 1)
        qsort(im->aliases, im->n_aliases, sizeof *im->aliases, cmp_alias);
    for (i = 0; i < im->n_ents && rc == KG_OK; i++) {
        size_t off = im->ents[i], lo, hi, k;
        int64_t id, mc = 0;
        const char **al = NULL;
        if (entity_name(im, off, &im->name_s))
            return oom(err);
        if ((rc = kg_store_entity_id(st, im->name_s.data, type_of(im, off), &id, NULL, err)) !=
            KG_OK)
            break;
        /* the aliases of off: a run in the sorted list */
        lo = 0;
        hi = im->n_aliases;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (im->aliases[mid].s < off)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (a = lo; a < im->n_aliases && im->aliases[a].s == off; a++)
            ;
        if (a > lo) {
            al = malloc((a - lo) * sizeof *al);
            if (al == NULL)
                return oom(err);
            for (k = lo; k < a; k++)
                al[k - lo] = T(im, im->aliases[k].lit) + 1;
        }
        kg_idmap_get(&im->mention_counts, T(im, off), &mc);
        if (a > lo || mc > 0)
            rc = kg_store_entity_extras(st, id, al, a - lo, mc, err);
        free(al);
    }
    if (rc != KG_OK && err && err->source == NULL)
        err->source = im->source; /* "FILE: entity name is not valid UTF-8" (an IRI's %94) */
    return rc;
}

static int load(kg_store *st, nt_import *im, int64_t doc, kg_import_result *res, kg_error *err)
{
    size_t i;
    int64_t dummy;
    /* Non-negated complete reifications cover their asserted statement. */
    for (i = 0; i < im->n_reifs; i++) {
        nt_reif *r = &im->reifs[i];
        if (!r->s || !r->p || !r->o || r->is_negated)
            continue;
        if (spo_key(im, r->s, r->p, r->o) || kg_idmap_put(&im->covered, im->key.data, 1))
            return oom(err);
    }
    for (i = 0; i < im->n_events; i++) {
        const nt_event *ev = &im->events[i];
        int rc;
        if (ev->is_reif) {
            const nt_reif *r = &im->reifs[ev->index];
            if (!r->s || !r->p || !r->o)
                return kg_error_at(err, KG_EINPUT, im->source, r->line, 0, 0,
                                   "a reified statement lacks rdf:subject, rdf:predicate or "
                                   "rdf:object");
            if (T(im, r->p)[0] != T_IRI)
                return kg_error_at(err, KG_EINPUT, im->source, r->line, 0, 0,
                                   "rdf:predicate of a statement must be an IRI");
            rc = add(st, im, doc, r->s, r->p, r->o, r, r->line, res, err);
        } else {
            const nt_stmt *s = &im->stmts[ev->index];
            if (spo_key(im, s->s, s->p, s->o))
                return oom(err);
            if (kg_idmap_get(&im->covered, im->key.data, &dummy))
                continue;
            rc = add(st, im, doc, s->s, s->p, s->o, NULL, s->line, res, err);
        }
        if (rc != KG_OK)
            return rc;
    }
    return load_entities(st, im, err);
}

static void im_free(nt_import *im)
{
    kg_buf_free(&im->arena);
    free(im->stmts);
    free(im->reifs);
    free(im->events);
    kg_idmap_clear(&im->labels);
    kg_idmap_clear(&im->label_rank);
    kg_idmap_clear(&im->mention_counts);
    free(im->ents);
    free(im->aliases);
    kg_idmap_clear(&im->types);
    kg_idmap_clear(&im->reif_of);
    kg_idmap_clear(&im->covered);
    kg_idmap_clear(&im->terms);
    kg_buf_free(&im->base);
    kg_buf_free(&im->tmp);
    kg_buf_free(&im->name_s);
    kg_buf_free(&im->name_p);
    kg_buf_free(&im->name_o);
    kg_buf_free(&im->key);
}

int kg_import_nt(kg_store *st, const char *path, kg_import_result *res, kg_error *err)
{
    return kg_import_nt_ex(st, path, NULL, res, err);
}

int kg_import_nt_ex(kg_store *st, const char *path, const char *base_iri,
                    kg_import_result *res, kg_error *err)
{
    nt_import im;
    kg_buf file = {0};
    kg_import_result local;
    const char *base = base_iri && *base_iri ? base_iri : KG_EXPORT_BASE_IRI;
    const char *p, *end;
    size_t bad;
    unsigned lineno = 0;
    int64_t doc = 0;
    int rc, is_dup = 0;

    if (res == NULL)
        res = &local;
    memset(res, 0, sizeof *res);
    memset(&im, 0, sizeof im);
    im.path = path;
    im.source = strcmp(path, "-") == 0 ? "<stdin>" : path;
    rc = kg_read_file(path, KG_MAX_IMPORT_BYTES, &file, err);
    if (rc != KG_OK)
        goto done;
    if (kg_buf_puts(&im.base, base) ||
        (base[strlen(base) - 1] != '/' && base[strlen(base) - 1] != '#' &&
         kg_buf_puts(&im.base, "/")) ||
        kg_buf_append(&im.arena, "", 1)) { /* offset 0: "not set" */
        rc = oom(err);
        goto done;
    }
    {
        /* the first bad byte, a NUL or invalid UTF-8, by line and column */
        size_t nul = file.len, bad_utf8 = file.len;
        unsigned line, column;
        int has_nul = kg_has_nul(file.data ? file.data : "", file.len, &nul);
        int is_valid = kg_utf8_valid(file.data ? file.data : "", file.len, &bad_utf8);
        if (has_nul || !is_valid) {
            bad = has_nul && nul <= bad_utf8 ? nul : bad_utf8;
            kg_text_position(file.data, bad, &line, &column);
            rc = has_nul && nul <= bad_utf8
                     ? kg_error_at(err, KG_EINPUT, im.source, line, column, bad, "NUL byte (byte "
                                   "offset %zu): binary data, not N-Triples", bad)
                     : kg_error_at(err, KG_EINPUT, im.source, line, column, bad,
                                   "invalid UTF-8 (byte offset %zu)", bad);
            goto done;
        }
    }
    p = file.data ? file.data : "";
    end = p + file.len;
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        lexer lx;
        nt_stmt s;
        int has;
        lineno++;
        if ((size_t)(eol - p) > KG_MAX_IMPORT_LINE) {
            rc = kg_error_at(err, KG_ELIMIT, im.source, lineno, 0, (size_t)(p - file.data),
                             "line longer than %u bytes", KG_MAX_IMPORT_LINE);
            goto done;
        }
        lx.line = lx.p = p;
        lx.end = eol;
        lx.lineno = lineno;
        lx.line_offset = (size_t)(p - file.data);
        lx.im = &im;
        lx.err = err;
        lx.is_no_intern = 0;
        lx.lang = 0;
        rc = parse_line(&lx, &s, &has);
        s.lang = lx.lang;
        if (rc != KG_OK)
            goto done;
        if (has) {
            s.line = lineno;
            if (grow((void **)&im.stmts, &im.cap_stmts, im.n_stmts, sizeof *im.stmts)) {
                rc = oom(err);
                goto done;
            }
            im.stmts[im.n_stmts++] = s;
            res->lines++;
        }
        p = nl ? nl + 1 : end;
    }
    {
        size_t i;
        /* Without an explicit base, take kg's own from its vocabulary
         * (B vocab/negated), so files exported with --base map back too. */
        for (i = 0; base_iri == NULL && i < im.n_stmts; i++) {
            const char *pred = T(&im, im.stmts[i].p) + 1;
            size_t n = strlen(pred), k = sizeof "vocab/negated" - 1;
            if (n > k && strcmp(pred + n - k, "vocab/negated") == 0 &&
                (pred[n - k - 1] == '/' || pred[n - k - 1] == '#')) {
                kg_buf_reset(&im.base);
                if (kg_buf_append(&im.base, pred, n - k)) {
                    rc = oom(err);
                    goto done;
                }
                break;
            }
        }
        for (i = 0; i < im.n_stmts; i++)
            if ((rc = collect(&im, &im.stmts[i], err)) != KG_OK)
                goto done;
    }
    if (im.n_stmts == 0)
        goto done; /* nothing to store: no document row either (nor a new database) */
    rc = kg_store_begin_import(st, path, "nt", file.data, file.len, &doc, &is_dup, err);
    if (rc != KG_OK)
        goto done;
    if (is_dup) {
        res->is_duplicate = 1;
        goto done;
    }
    rc = load(st, &im, doc, res, err);
    if (rc == KG_OK)
        rc = kg_store_commit(st, err);
    else
        kg_store_rollback(st);
done:
    kg_buf_free(&file);
    im_free(&im);
    return rc;
}
