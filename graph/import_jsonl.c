/*
 * import_jsonl.c -- `kg import --format jsonl`: loads what `kg extract
 * --format jsonl` prints (and what `kg export --format jsonl` writes), so that
 * extraction can run elsewhere (in parallel, on a cluster) and be stored later.
 *
 * Place in the flow: graph/ stage; writes through kg_store_add_document (the
 * same path as `kg ingest`) or, for files without offsets, through the import
 * API in one transaction.
 *
 * The whole file is parsed and checked before anything is written, so a bad
 * line (reported with its number) leaves the database unchanged. Two modes:
 *  - documents: the file has mention lines, document lines or triples with
 *    sentence offsets. {"kind": "document", "source", "title", "text"} starts
 *    a document; without such lines, concatenated `kg extract` outputs are
 *    split where a mention follows a triple or the sentence index goes back
 *    (documents named PATH, PATH#2, ...);
 *    {"kind": "sentence", "index", "start", "end", "text"} lines are optional.
 *    Each document is stored like `kg ingest` stores it (one transaction
 *    each): sentences from the triples' sentence/start/end, mentions with
 *    their labels and canonical entities, triples with their evidence; values
 *    (DATE, MONEY, PERCENT) and names nested in another mention, which
 *    kg extract prints for evaluation, are not entities, as in ingest. When
 *    the document's text is not in the file, its content is rebuilt from the
 *    sentence and mention texts at their offsets (spaces elsewhere) followed
 *    by the document's lines, so importing the same lines again is a no-op.
 *  - triples: only {"kind": "triple"} (and {"kind": "entity"}) lines without
 *    offsets, as `kg export --format jsonl` writes: one transaction, one
 *    document row of kind 'jsonl', like the tsv import.
 */
#include "export_int.h"
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

/* ---- a small JSON reader for one flat object a line ---- */

#define ENT_FIELDS 5

enum { J_NONE, J_STR, J_NUM, J_BOOL, J_NULL, J_OTHER, J_LIST };

typedef struct jval {
    int type;
    size_t str;                /* J_STR: offset in the arena; J_LIST: its first string's
                                  (the strings follow each other, NUL-terminated) */
    double num;
    int b;
} jval;

typedef struct jparse {
    const char *line, *p, *end;
    kg_buf *arena;
    const char *source;
    unsigned lineno;
    size_t line_offset;
    kg_error *err;
} jparse;

static int jfail(jparse *j, const char *fmt, const char *what)
{
    unsigned column = (unsigned)kg_utf8_count(j->line, (size_t)(j->p - j->line)) + 1;
    return kg_error_at(j->err, KG_EINPUT, j->source, j->lineno, column,
                       j->line_offset + (size_t)(j->p - j->line), fmt, what);
}

static void jws(jparse *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n'))
        j->p++;
}

static int jhex(const char *p, uint32_t *cp)
{
    int i;
    *cp = 0;
    for (i = 0; i < 4; i++) {
        char c = p[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            return 0;
        *cp = *cp * 16 + (uint32_t)v;
    }
    return 1;
}

/* string -> '"' chars '"' ; appended NUL-terminated to the arena (keep = 1) */
static int jstring(jparse *j, size_t *off, int keep)
{
    const char *run;
    kg_buf *a = j->arena;
    size_t start = a->len;
    j->p++;
    run = j->p;
    for (;;) {
        unsigned char c;
        if (j->p >= j->end)
            return jfail(j, "%s", "unterminated string");
        c = (unsigned char)*j->p;
        if (c == '"')
            break;
        if (c < 0x20)
            return jfail(j, "%s", "control character in a string");
        if (c == '\\') {
            uint32_t cp;
            if (keep && kg_buf_append(a, run, (size_t)(j->p - run)))
                return KG_ENOMEM;
            j->p++;
            if (j->p >= j->end)
                return jfail(j, "%s", "unterminated string");
            switch (*j->p) {
            case '"': cp = '"'; break;
            case '\\': cp = '\\'; break;
            case '/': cp = '/'; break;
            case 'b': cp = '\b'; break;
            case 'f': cp = '\f'; break;
            case 'n': cp = '\n'; break;
            case 'r': cp = '\r'; break;
            case 't': cp = '\t'; break;
            case 'u':
                if (j->end - j->p < 5 || !jhex(j->p + 1, &cp))
                    return jfail(j, "%s", "bad \\u escape");
                j->p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint32_t lo;
                    if (j->end - j->p < 7 || j->p[1] != '\\' || j->p[2] != 'u' ||
                        !jhex(j->p + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return jfail(j, "%s", "unpaired surrogate in \\u escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    j->p += 6;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    return jfail(j, "%s", "unpaired surrogate in \\u escape");
                }
                if (cp == 0)
                    return jfail(j, "%s", "NUL character (\\u0000) in a string");
                break;
            default:
                return jfail(j, "%s", "bad escape in a string");
            }
            if (keep && kg_utf8_encode(a, cp))
                return KG_ENOMEM;
            j->p++;
            run = j->p;
            continue;
        }
        j->p++;
    }
    if (keep && (kg_buf_append(a, run, (size_t)(j->p - run)) || kg_buf_append(a, "", 1)))
        return KG_ENOMEM;
    j->p++;
    *off = start;
    return KG_OK;
}

static int jvalue(jparse *j, jval *v, int depth);

static int jskip_container(jparse *j, char close, int depth)
{
    int rc, first = 1;
    if (depth > 32)
        return jfail(j, "%s", "nesting too deep");
    j->p++;
    for (;;) {
        jval v;
        jws(j);
        if (j->p < j->end && *j->p == close) {
            j->p++;
            return KG_OK;
        }
        if (!first) {
            if (j->p >= j->end || *j->p != ',')
                return jfail(j, "%s", close == ']' ? "expected \",\" or \"]\" in an array"
                                                   : "expected \",\" or \"}\" in an object");
            j->p++;
            jws(j);
        }
        first = 0;
        if (close == '}') {
            size_t off;
            if (j->p >= j->end || *j->p != '"')
                return jfail(j, "%s", "expected a string key");
            if ((rc = jstring(j, &off, 0)) != KG_OK)
                return rc;
            jws(j);
            if (j->p >= j->end || *j->p != ':')
                return jfail(j, "%s", "expected \":\" after a key");
            j->p++;
            jws(j);
        }
        if ((rc = jvalue(j, &v, depth + 1)) != KG_OK)
            return rc;
    }
}

static int jvalue(jparse *j, jval *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (j->p >= j->end)
        return jfail(j, "%s", "expected a value");
    switch (*j->p) {
    case '"':
        v->type = J_STR;
        return jstring(j, &v->str, 1);
    case '{':
        v->type = J_OTHER;
        return jskip_container(j, '}', depth);
    case '[':
        v->type = J_OTHER;
        return jskip_container(j, ']', depth);
    case 't':
        if (j->end - j->p >= 4 && memcmp(j->p, "true", 4) == 0) {
            v->type = J_BOOL;
            v->b = 1;
            j->p += 4;
            return KG_OK;
        }
        break;
    case 'f':
        if (j->end - j->p >= 5 && memcmp(j->p, "false", 5) == 0) {
            v->type = J_BOOL;
            j->p += 5;
            return KG_OK;
        }
        break;
    case 'n':
        if (j->end - j->p >= 4 && memcmp(j->p, "null", 4) == 0) {
            v->type = J_NULL;
            j->p += 4;
            return KG_OK;
        }
        break;
    default:
        if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
            char num[64], *endp;
            size_t n = 0;
            while (j->p + n < j->end && n < sizeof num - 1 &&
                   strchr("+-0123456789.eE", j->p[n]) != NULL)
                n++;
            memcpy(num, j->p, n);
            num[n] = '\0';
            v->num = strtod(num, &endp);
            if (*endp != '\0' || !isfinite(v->num))
                return jfail(j, "%s", "bad number");
            v->type = J_NUM;
            j->p += n;
            return KG_OK;
        }
    }
    return jfail(j, "%s", "expected a value (string, number, true, false, null)");
}

/* The keys kg reads; others are skipped. */
enum {
    K_KIND, K_SUBJECT, K_RELATION, K_OBJECT, K_TEXT, K_CONFIDENCE, K_NEGATED, K_TIME,
    K_MODALITY, K_SENTENCE, K_START, K_END, K_LABEL, K_ENTITY, K_SOURCE, K_TITLE, K_INDEX,
    K_NAME, K_TYPE, K_SUBJECT_TYPE, K_OBJECT_TYPE, K_SENTENCE_TEXT, K_SENTENCE_START,
    K_SENTENCE_END, K_ALIASES, K_MENTION_COUNT, K_COUNT
};
static const char *const key_names[K_COUNT] = {
    "kind", "subject", "relation", "object", "text", "confidence", "negated", "time",
    "modality", "sentence", "start", "end", "label", "entity", "source", "title", "index",
    "name", "type", "subject_type", "object_type", "sentence_text", "sentence_start",
    "sentence_end", "aliases", "mention_count"};

/* An array whose strings are kept (the entity lines' "aliases"): v->str is the
 * first string, v->num the number of strings; other elements are skipped. */
static int jstring_list(jparse *j, jval *v)
{
    int rc, first = 1;
    memset(v, 0, sizeof *v);
    v->type = J_LIST;
    j->p++;
    for (;;) {
        jws(j);
        if (j->p < j->end && *j->p == ']') {
            j->p++;
            return KG_OK;
        }
        if (!first) {
            if (j->p >= j->end || *j->p != ',')
                return jfail(j, "%s", "expected \",\" or \"]\" in an array");
            j->p++;
            jws(j);
        }
        first = 0;
        if (j->p < j->end && *j->p == '"') {
            size_t off;
            if ((rc = jstring(j, &off, 1)) != KG_OK)
                return rc;
            if (v->num == 0)
                v->str = off;
            v->num += 1;
        } else {
            jval skip;
            if ((rc = jvalue(j, &skip, 1)) != KG_OK)
                return rc;
        }
    }
}

/* object -> '{' (string ':' value (',' string ':' value)*)? '}' */
static int jobject(jparse *j, jval vals[K_COUNT])
{
    int rc, first = 1;
    memset(vals, 0, sizeof(jval) * K_COUNT);
    jws(j);
    if (j->p >= j->end || *j->p != '{')
        return jfail(j, "%s", "expected a JSON object ({...}) on the line");
    j->p++;
    for (;;) {
        size_t key;
        jval v;
        int k;
        jws(j);
        if (j->p < j->end && *j->p == '}') {
            j->p++;
            break;
        }
        if (!first) {
            if (j->p >= j->end || *j->p != ',')
                return jfail(j, "%s", "expected \",\" or \"}\" in the object");
            j->p++;
            jws(j);
        }
        first = 0;
        if (j->p >= j->end || *j->p != '"')
            return jfail(j, "%s", "expected a string key");
        if ((rc = jstring(j, &key, 1)) != KG_OK)
            return rc;
        for (k = 0; k < K_COUNT; k++)
            if (strcmp(j->arena->data + key, key_names[k]) == 0)
                break;
        j->arena->len = key; /* the key is not kept */
        jws(j);
        if (j->p >= j->end || *j->p != ':')
            return jfail(j, "%s", "expected \":\" after a key");
        j->p++;
        jws(j);
        if (k == K_ALIASES && j->p < j->end && *j->p == '[')
            rc = jstring_list(j, &v);
        else
            rc = jvalue(j, &v, 0);
        if (rc != KG_OK)
            return rc;
        if (k < K_COUNT)
            vals[k] = v;
        else if (v.type == J_STR)
            j->arena->len = v.str; /* nor an unknown key's string */
    }
    jws(j);
    if (j->p < j->end)
        return jfail(j, "%s", "unexpected text after the object");
    return KG_OK;
}

/* ---- documents in memory ---- */

typedef struct jl_triple {
    size_t subject, relation, object, surface, time, modality, subject_type, object_type;
    double confidence;
    int is_negated;
    size_t sentence, start, end;   /* NONE when absent */
    size_t sentence_text;          /* 0 = none */
    unsigned line;
} jl_triple;

typedef struct jl_mention {
    size_t text, label, entity, start, end, sentence;
    unsigned line;
    int is_value;              /* a DATE/MONEY/PERCENT value: not an entity (as kg ingest) */
    int is_nested;             /* inside another mention's span: not stored (as kg ingest) */
} jl_mention;

typedef struct jl_sentence {
    size_t start, end;
    size_t text;                   /* 0 = unknown */
    int is_known;
} jl_sentence;

typedef struct jl_doc {
    size_t source, title, text;    /* 0 = none */
    size_t first_triple, n_triples, first_mention, n_mentions;
    size_t first_line_byte, end_line_byte; /* the document's lines in the file */
    jl_sentence *sentences; size_t n_sentences;
    unsigned line;
    int last_kind;                 /* 'm' mention, 't' triple, 0 none yet */
    size_t last_sentence;          /* sentence of the last triple */
} jl_doc;

typedef struct jl_import {
    const char *source;
    kg_buf arena;
    jl_triple *triples; size_t n_triples, cap_triples;
    jl_mention *mentions; size_t n_mentions, cap_mentions;
    jl_doc *docs; size_t n_docs, cap_docs;
    size_t *entities; size_t n_entities, cap_entities; /* entity lines: ENT_FIELDS each (name,
                                                          type, first alias, aliases,
                                                          mention count) */
    int is_doc_mode;
    int has_doc_lines;             /* {"kind": "document"} seen: no implicit splits */
} jl_import;

typedef struct span_key {
    size_t start, end, index;
} span_key;

static int span_cmp(const void *a, const void *b)
{
    const span_key *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1; /* the longer (outer) first */
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Mark the mentions of d that lie inside another's span. kg extract prints
 * nested names ("Cincinnati" in "University of Cincinnati") for evaluation;
 * kg ingest stores only the outer mention. */
static int mark_nested(jl_import *im, const jl_doc *d)
{
    span_key *keys;
    size_t i, max_end = 0;
    int has_prev = 0;
    if (d->n_mentions < 2)
        return KG_OK;
    keys = malloc(d->n_mentions * sizeof *keys);
    if (keys == NULL)
        return KG_ENOMEM;
    for (i = 0; i < d->n_mentions; i++) {
        const jl_mention *m = &im->mentions[d->first_mention + i];
        keys[i].start = m->start;
        keys[i].end = m->end;
        keys[i].index = d->first_mention + i;
    }
    qsort(keys, d->n_mentions, sizeof *keys, span_cmp);
    for (i = 0; i < d->n_mentions; i++) {
        if (has_prev && max_end >= keys[i].end)
            im->mentions[keys[i].index].is_nested = 1;
        if (!has_prev || keys[i].end > max_end)
            max_end = keys[i].end;
        has_prev = 1;
    }
    free(keys);
    return KG_OK;
}

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    void *q;
    size_t c;
    if (n < *cap)
        return KG_OK;
    c = *cap ? *cap * 2 : 64;
    q = realloc(*p, c * size);
    if (q == NULL)
        return KG_ENOMEM;
    *p = q;
    *cap = c;
    return KG_OK;
}

static const char *S(jl_import *im, size_t off)
{
    return off ? im->arena.data + off : NULL;
}

static int oom(kg_error *err)
{
    return kg_error_set(err, KG_ENOMEM, "import: out of memory");
}

static int line_error(jl_import *im, unsigned line, kg_error *err, const char *fmt,
                      const char *what)
{
    return kg_error_at(err, KG_EINPUT, im->source, line, 0, 0, fmt, what);
}

/* A string field (required or optional); 0 when absent or null. */
static int get_str(jl_import *im, const jval *v, const char *name, int required, unsigned line,
                   size_t *out, kg_error *err)
{
    *out = 0;
    if (v->type == J_STR) {
        if (im->arena.data[v->str] == '\0' && required)
            return line_error(im, line, err, "\"%s\" is empty", name);
        *out = v->str;
        return KG_OK;
    }
    if (v->type == J_NONE || v->type == J_NULL) {
        if (required)
            return line_error(im, line, err, "missing \"%s\"", name);
        return KG_OK;
    }
    return line_error(im, line, err, "\"%s\" must be a string", name);
}

static int get_index(jl_import *im, const jval *v, const char *name, unsigned line, size_t *out,
                     kg_error *err)
{
    *out = NONE;
    if (v->type == J_NONE || v->type == J_NULL)
        return KG_OK;
    if (v->type != J_NUM || v->num < 0 || v->num != floor(v->num))
        return line_error(im, line, err, "\"%s\" must be a non-negative integer", name);
    if (v->num > (double)KG_MAX_DOCUMENT_BYTES) /* offsets into one document */
        return kg_error_at(err, KG_EINPUT, im->source, line, 0, 0,
                           "\"%s\" %.0f is beyond the largest document (%u bytes)", name,
                           v->num, KG_MAX_DOCUMENT_BYTES);
    *out = (size_t)v->num;
    return KG_OK;
}

static int doc_start(jl_import *im, unsigned line, size_t byte)
{
    jl_doc *d;
    if (grow((void **)&im->docs, &im->cap_docs, im->n_docs, sizeof *im->docs))
        return KG_ENOMEM;
    d = &im->docs[im->n_docs++];
    memset(d, 0, sizeof *d);
    d->first_triple = im->n_triples;
    d->first_mention = im->n_mentions;
    d->line = line;
    d->first_line_byte = d->end_line_byte = byte;
    return KG_OK;
}

/* Make room for sentence idx (offsets unknown until a line gives them). */
static int doc_ensure(jl_import *im, jl_doc *d, size_t idx, unsigned line, kg_error *err)
{
    jl_sentence *s;
    if (idx > 10000000)
        return line_error(im, line, err, "%s", "sentence index too large");
    if (idx < d->n_sentences)
        return KG_OK;
    s = realloc(d->sentences, (idx + 1) * sizeof *s);
    if (s == NULL)
        return oom(err);
    memset(s + d->n_sentences, 0, (idx + 1 - d->n_sentences) * sizeof *s);
    d->sentences = s;
    d->n_sentences = idx + 1;
    return KG_OK;
}

/* Record sentence idx of the current document with offsets (and text). */
static int doc_sentence(jl_import *im, jl_doc *d, size_t idx, size_t start, size_t end,
                        size_t text, unsigned line, kg_error *err)
{
    int rc = doc_ensure(im, d, idx, line, err);
    if (rc != KG_OK)
        return rc;
    if (d->sentences[idx].is_known &&
        (d->sentences[idx].start != start || d->sentences[idx].end != end))
        return line_error(im, line, err, "%s",
                          "sentence offsets differ from an earlier line's for the same sentence");
    d->sentences[idx].start = start;
    d->sentences[idx].end = end;
    d->sentences[idx].is_known = 1;
    if (text)
        d->sentences[idx].text = text;
    return KG_OK;
}

static int parse_line(jl_import *im, jparse *j, size_t line_byte, size_t line_end,
                      kg_error *err)
{
    jval v[K_COUNT];
    size_t kind;
    const char *k;
    unsigned line = j->lineno;
    jl_doc *d;
    int rc = jobject(j, v);
    if (rc != KG_OK)
        return rc == KG_ENOMEM ? oom(err) : rc;
    if ((rc = get_str(im, &v[K_KIND], "kind", 1, line, &kind, err)) != KG_OK)
        return rc;
    k = S(im, kind);
    if (strcmp(k, "document") == 0) {
        if (doc_start(im, line, line_byte))
            return oom(err);
        d = &im->docs[im->n_docs - 1];
        im->is_doc_mode = 1;
        im->has_doc_lines = 1;
        if ((rc = get_str(im, &v[K_SOURCE], "source", 0, line, &d->source, err)) ||
            (rc = get_str(im, &v[K_TITLE], "title", 0, line, &d->title, err)) ||
            (rc = get_str(im, &v[K_TEXT], "text", 0, line, &d->text, err)))
            return rc;
        d->end_line_byte = line_end;
        return KG_OK;
    }
    if (im->n_docs == 0 && doc_start(im, line, line_byte))
        return oom(err);
    d = &im->docs[im->n_docs - 1];
    /* Concatenated `kg extract` outputs (mentions, then triples in sentence
     * order, per document): a mention after a triple, or a triple of an
     * earlier sentence, starts the next document. */
    if (!im->has_doc_lines &&
        ((strcmp(k, "mention") == 0 && d->last_kind == 't') ||
         (strcmp(k, "triple") == 0 && d->last_kind == 't' && v[K_SENTENCE].type == J_NUM &&
          v[K_SENTENCE].num < (double)d->last_sentence))) {
        if (doc_start(im, line, line_byte))
            return oom(err);
        d = &im->docs[im->n_docs - 1];
    }
    d->end_line_byte = line_end;
    if (strcmp(k, "triple") == 0) {
        jl_triple *t;
        if (grow((void **)&im->triples, &im->cap_triples, im->n_triples, sizeof *im->triples))
            return oom(err);
        t = &im->triples[im->n_triples];
        memset(t, 0, sizeof *t);
        t->line = line;
        if ((rc = get_str(im, &v[K_SUBJECT], "subject", 1, line, &t->subject, err)) ||
            (rc = get_str(im, &v[K_RELATION], "relation", 1, line, &t->relation, err)) ||
            (rc = get_str(im, &v[K_OBJECT], "object", 1, line, &t->object, err)) ||
            (rc = get_str(im, &v[K_TEXT], "text", 0, line, &t->surface, err)) ||
            (rc = get_str(im, &v[K_TIME], "time", 0, line, &t->time, err)) ||
            (rc = get_str(im, &v[K_MODALITY], "modality", 0, line, &t->modality, err)) ||
            (rc = get_str(im, &v[K_SUBJECT_TYPE], "subject_type", 0, line, &t->subject_type,
                          err)) ||
            (rc = get_str(im, &v[K_OBJECT_TYPE], "object_type", 0, line, &t->object_type,
                          err)) ||
            (rc = get_str(im, &v[K_SENTENCE_TEXT], "sentence_text", 0, line, &t->sentence_text,
                          err)) ||
            (rc = get_index(im, &v[K_SENTENCE], "sentence", line, &t->sentence, err)) ||
            (rc = get_index(im, &v[K_START], "start", line, &t->start, err)) ||
            (rc = get_index(im, &v[K_END], "end", line, &t->end, err)))
            return rc;
        if (v[K_SENTENCE_START].type == J_NUM && t->start == NONE &&
            ((rc = get_index(im, &v[K_SENTENCE_START], "sentence_start", line, &t->start, err)) ||
             (rc = get_index(im, &v[K_SENTENCE_END], "sentence_end", line, &t->end, err))))
            return rc;
        if (v[K_CONFIDENCE].type == J_NUM) {
            t->confidence = v[K_CONFIDENCE].num;
            if (!(t->confidence >= 0 && t->confidence <= 1))
                return line_error(im, line, err, "%s", "\"confidence\" must be between 0 and 1");
        } else if (v[K_CONFIDENCE].type == J_NONE || v[K_CONFIDENCE].type == J_NULL) {
            t->confidence = 1.0;
        } else {
            return line_error(im, line, err, "%s", "\"confidence\" must be a number");
        }
        if (v[K_NEGATED].type == J_BOOL)
            t->is_negated = v[K_NEGATED].b;
        else if (v[K_NEGATED].type == J_NUM)
            t->is_negated = v[K_NEGATED].num != 0;
        else if (v[K_NEGATED].type != J_NONE && v[K_NEGATED].type != J_NULL)
            return line_error(im, line, err, "%s", "\"negated\" must be true or false");
        if ((t->start == NONE) != (t->end == NONE) || (t->start != NONE && t->start > t->end))
            return line_error(im, line, err, "%s", "\"start\" and \"end\" must both be given, "
                              "start <= end");
        if (t->start != NONE) {
            im->is_doc_mode = 1;
            if (t->sentence == NONE)
                return line_error(im, line, err, "%s", "a triple with offsets needs \"sentence\"");
            if ((rc = doc_sentence(im, d, t->sentence, t->start, t->end, t->sentence_text, line,
                                   err)) != KG_OK)
                return rc;
        }
        im->n_triples++;
        d->n_triples++;
        d->last_kind = 't';
        d->last_sentence = t->sentence == NONE ? 0 : t->sentence;
        return KG_OK;
    }
    if (strcmp(k, "mention") == 0) {
        jl_mention *m;
        if (grow((void **)&im->mentions, &im->cap_mentions, im->n_mentions,
                 sizeof *im->mentions))
            return oom(err);
        m = &im->mentions[im->n_mentions];
        memset(m, 0, sizeof *m);
        m->line = line;
        if ((rc = get_str(im, &v[K_TEXT], "text", 1, line, &m->text, err)) ||
            (rc = get_str(im, &v[K_LABEL], "label", 1, line, &m->label, err)) ||
            (rc = get_str(im, &v[K_ENTITY], "entity", 0, line, &m->entity, err)) ||
            (rc = get_index(im, &v[K_START], "start", line, &m->start, err)) ||
            (rc = get_index(im, &v[K_END], "end", line, &m->end, err)) ||
            (rc = get_index(im, &v[K_SENTENCE], "sentence", line, &m->sentence, err)))
            return rc;
        if (m->start == NONE || m->end == NONE || m->start > m->end)
            return line_error(im, line, err, "%s", "a mention needs \"start\" <= \"end\"");
        /* Values are printed by kg extract but are not entities in the graph:
         * "entity": null, or a DATE/MONEY/PERCENT whose entity is its text. */
        {
            const char *label = S(im, m->label);
            m->is_value = v[K_ENTITY].type == J_NULL ||
                          ((strcmp(label, "DATE") == 0 || strcmp(label, "MONEY") == 0 ||
                            strcmp(label, "PERCENT") == 0) &&
                           m->entity && strcmp(S(im, m->entity), S(im, m->text)) == 0);
        }
        if (m->sentence != NONE && (rc = doc_ensure(im, d, m->sentence, line, err)) != KG_OK)
            return rc;
        im->is_doc_mode = 1;
        im->n_mentions++;
        d->n_mentions++;
        d->last_kind = 'm';
        return KG_OK;
    }
    if (strcmp(k, "sentence") == 0) {
        size_t idx, start, end, text;
        if ((rc = get_index(im, &v[K_INDEX], "index", line, &idx, err)) ||
            (rc = get_index(im, &v[K_START], "start", line, &start, err)) ||
            (rc = get_index(im, &v[K_END], "end", line, &end, err)) ||
            (rc = get_str(im, &v[K_TEXT], "text", 0, line, &text, err)))
            return rc;
        if (idx == NONE && (rc = get_index(im, &v[K_SENTENCE], "sentence", line, &idx, err)))
            return rc;
        if (idx == NONE || start == NONE || end == NONE || start > end)
            return line_error(im, line, err, "%s",
                              "a sentence needs \"index\", \"start\" <= \"end\"");
        im->is_doc_mode = 1;
        return doc_sentence(im, d, idx, start, end, text, line, err);
    }
    if (strcmp(k, "entity") == 0) {
        size_t name, type;
        if ((rc = get_str(im, &v[K_NAME], "name", 1, line, &name, err)) ||
            (rc = get_str(im, &v[K_TYPE], "type", 0, line, &type, err)))
            return rc;
        if (grow((void **)&im->entities, &im->cap_entities, im->n_entities + ENT_FIELDS,
                 sizeof *im->entities))
            return oom(err);
        im->entities[im->n_entities++] = name;
        im->entities[im->n_entities++] = type;
        im->entities[im->n_entities++] = v[K_ALIASES].type == J_LIST ? v[K_ALIASES].str : 0;
        im->entities[im->n_entities++] = v[K_ALIASES].type == J_LIST ? (size_t)v[K_ALIASES].num : 0;
        im->entities[im->n_entities++] =
            v[K_MENTION_COUNT].type == J_NUM && v[K_MENTION_COUNT].num >= 0 &&
                    v[K_MENTION_COUNT].num < 1e15
                ? (size_t)v[K_MENTION_COUNT].num : 0;
        return KG_OK;
    }
    return line_error(im, line, err, "unknown \"kind\": \"%s\" (triple, mention, document, "
                      "sentence, entity)", k);
}

/* ---- writing ---- */

static void fill_triple(jl_import *im, const jl_triple *t, kg_doc_triple *out)
{
    memset(out, 0, sizeof *out);
    out->subject = S(im, t->subject);
    out->subject_type = S(im, t->subject_type);
    out->relation = S(im, t->relation);
    out->surface = S(im, t->surface);
    out->object = S(im, t->object);
    out->object_type = S(im, t->object_type);
    out->confidence = t->confidence;
    out->is_negated = t->is_negated;
    out->time = S(im, t->time);
    out->modality = S(im, t->modality);
    out->sentence = t->start != NONE ? t->sentence : NONE;
}

/* Overlay text at [start, end) of content when it fits exactly. */
static void overlay(kg_buf *content, size_t start, size_t end, const char *text)
{
    if (text && end <= content->len && strlen(text) == end - start)
        memcpy(content->data + start, text, end - start);
}

static int store_doc(kg_store *st, jl_import *im, const jl_doc *d, size_t index,
                     const char *path, const char *file, kg_import_result *res, kg_error *err)
{
    kg_doc doc;
    kg_buf content = {0}, name = {0};
    kg_doc_sentence *sents = NULL;
    kg_doc_mention *ments = NULL;
    kg_doc_triple *trips = NULL;
    kg_add_result ar;
    size_t i, len = 0, n_ments = 0;
    int rc = KG_OK;

    memset(&doc, 0, sizeof doc);
    for (i = 0; i < d->n_sentences; i++)
        if (d->sentences[i].end > len)
            len = d->sentences[i].end;
    for (i = 0; i < d->n_mentions; i++)
        if (im->mentions[d->first_mention + i].end > len)
            len = im->mentions[d->first_mention + i].end;
    if (d->text) {
        const char *text = S(im, d->text);
        if (strlen(text) < len)
            return line_error(im, d->line, err, "%s",
                              "offsets run past the end of the document's \"text\"");
        if (kg_buf_puts(&content, text))
            return oom(err);
    } else {
        /* No text: spaces with the known texts in place, then the lines. */
        if (kg_buf_reserve(&content, len + 1))
            return oom(err);
        memset(content.data, ' ', len);
        content.len = len;
        content.data[len] = '\0';
        for (i = 0; i < d->n_sentences; i++)
            overlay(&content, d->sentences[i].start, d->sentences[i].end,
                    S(im, d->sentences[i].text));
        for (i = 0; i < d->n_mentions; i++) {
            const jl_mention *m = &im->mentions[d->first_mention + i];
            overlay(&content, m->start, m->end, S(im, m->text));
        }
        if (kg_buf_append(&content, "\n", 1) ||
            kg_buf_append(&content, file + d->first_line_byte,
                          d->end_line_byte - d->first_line_byte)) {
            rc = oom(err);
            goto done;
        }
    }
    if (mark_nested(im, d) != KG_OK) {
        rc = oom(err);
        goto done;
    }
    sents = calloc(d->n_sentences + 1, sizeof *sents);
    ments = calloc(d->n_mentions + 1, sizeof *ments);
    trips = calloc(d->n_triples + 1, sizeof *trips);
    if (sents == NULL || ments == NULL || trips == NULL) {
        rc = oom(err);
        goto done;
    }
    for (i = 0; i < d->n_sentences; i++) {
        /* sentences no line mentions: empty, at the previous one's end */
        if (d->sentences[i].is_known) {
            sents[i].start = d->sentences[i].start;
            sents[i].end = d->sentences[i].end;
        } else {
            /* no line gave its offsets: span its mentions, else empty */
            size_t k, lo = NONE, hi = 0;
            for (k = 0; k < d->n_mentions; k++) {
                const jl_mention *m = &im->mentions[d->first_mention + k];
                if (m->sentence == i) {
                    lo = m->start < lo ? m->start : lo;
                    hi = m->end > hi ? m->end : hi;
                }
            }
            if (lo == NONE)
                lo = hi = i ? sents[i - 1].end : 0;
            sents[i].start = lo;
            sents[i].end = hi;
        }
    }
    for (i = 0; i < d->n_mentions; i++) {
        const jl_mention *m = &im->mentions[d->first_mention + i];
        kg_doc_mention *dm = &ments[n_ments];
        size_t s;
        if (m->is_value || m->is_nested)
            continue;
        n_ments++;
        dm->start = m->start;
        dm->end = m->end;
        dm->text = S(im, m->text);
        dm->label = S(im, m->label);
        dm->entity = m->entity ? S(im, m->entity) : S(im, m->text);
        dm->sentence = NONE;
        if (m->sentence != NONE && m->sentence < d->n_sentences) {
            dm->sentence = m->sentence;
        } else {
            for (s = 0; s < d->n_sentences; s++)
                if (d->sentences[s].is_known && m->start >= sents[s].start &&
                    m->end <= sents[s].end) {
                    dm->sentence = s;
                    break;
                }
        }
    }
    for (i = 0; i < d->n_triples; i++)
        fill_triple(im, &im->triples[d->first_triple + i], &trips[i]);
    if (d->source == 0 && index > 0 && kg_buf_printf(&name, "%s#%zu", path, index + 1)) {
        rc = oom(err);
        goto done;
    }
    doc.source = d->source ? S(im, d->source) : index > 0 ? name.data : path;
    doc.title = S(im, d->title);
    doc.content = content.data ? content.data : "";
    doc.content_len = content.len;
    doc.sentences = sents;
    doc.n_sentences = d->n_sentences;
    doc.mentions = ments;
    doc.n_mentions = n_ments;
    doc.triples = trips;
    doc.n_triples = d->n_triples;
    rc = kg_store_add_document(st, &doc, &ar, err);
    if (rc != KG_OK) {
        if (err && err->line == 0) {
            err->source = im->source;
            err->line = d->line;
        }
        goto done;
    }
    if (ar.is_duplicate) {
        res->is_duplicate = 1;
    } else {
        res->triples_new += ar.n_triples_new;
        res->triples_seen += d->n_triples - ar.n_triples_new;
    }
done:
    kg_buf_free(&content);
    kg_buf_free(&name);
    free(sents);
    free(ments);
    free(trips);
    return rc;
}

static int store_triples(kg_store *st, jl_import *im, const char *path, const kg_buf *file,
                         kg_import_result *res, kg_error *err)
{
    int64_t doc;
    int is_dup, rc;
    size_t i;
    if (im->n_triples == 0 && im->n_entities == 0)
        return KG_OK; /* nothing to store: no document row either (nor a new database) */
    rc = kg_store_begin_import(st, path, "jsonl", file->data, file->len, &doc, &is_dup, err);
    if (rc != KG_OK)
        return rc;
    if (is_dup) {
        res->is_duplicate = 1;
        return KG_OK;
    }
    for (i = 0; i + ENT_FIELDS <= im->n_entities && rc == KG_OK; i += ENT_FIELDS) {
        int64_t id;
        size_t n_al = im->entities[i + 3], a, off = im->entities[i + 2];
        const char **al = NULL;
        rc = kg_store_entity_id(st, S(im, im->entities[i]), S(im, im->entities[i + 1]), &id,
                                NULL, err);
        if (rc == KG_OK && n_al) {
            al = malloc(n_al * sizeof *al);
            if (al == NULL) {
                rc = oom(err);
                break;
            }
            for (a = 0; a < n_al; a++) {
                al[a] = S(im, off);
                off += strlen(al[a]) + 1;
            }
        }
        if (rc == KG_OK && (n_al || im->entities[i + 4]))
            rc = kg_store_entity_extras(st, id, al, n_al, (int64_t)im->entities[i + 4], err);
        free(al);
    }
    if (rc != KG_OK && err && err->source == NULL)
        err->source = im->source; /* an entity record the store refused names the file */
    for (i = 0; i < im->n_triples && rc == KG_OK; i++) {
        kg_doc_triple t;
        int is_new = 0;
        fill_triple(im, &im->triples[i], &t);
        t.sentence = NONE;
        rc = kg_store_add_triple_ex(st, &t, doc, NULL, &is_new, err);
        if (rc != KG_OK && err && err->line == 0) {
            err->source = im->source;
            err->line = im->triples[i].line;
        }
        if (is_new)
            res->triples_new++;
        else
            res->triples_seen++;
    }
    if (rc == KG_OK)
        rc = kg_store_commit(st, err);
    else
        kg_store_rollback(st);
    if (rc != KG_OK)
        res->triples_new = res->triples_seen = 0;
    return rc;
}

static void im_free(jl_import *im)
{
    size_t i;
    for (i = 0; i < im->n_docs; i++)
        free(im->docs[i].sentences);
    free(im->docs);
    free(im->triples);
    free(im->mentions);
    free(im->entities);
    kg_buf_free(&im->arena);
}

int kg_import_jsonl(kg_store *st, const char *path, kg_import_result *res, kg_error *err)
{
    jl_import im;
    kg_buf file = {0};
    kg_import_result local;
    const char *p, *end;
    size_t bad, i;
    unsigned lineno = 0;
    int rc;

    if (res == NULL)
        res = &local;
    memset(res, 0, sizeof *res);
    memset(&im, 0, sizeof im);
    im.source = strcmp(path, "-") == 0 ? "<stdin>" : path;
    rc = kg_read_file(path, KG_MAX_IMPORT_BYTES, &file, err);
    if (rc != KG_OK)
        goto done;
    if (kg_buf_append(&im.arena, "", 1)) { /* offset 0 = "none" */
        rc = oom(err);
        goto done;
    }
    p = file.data ? file.data : "";
    end = p + file.len;
    {
        /* the first bad byte, a NUL or invalid UTF-8, by line and column */
        size_t nul = file.len, bad_utf8 = file.len;
        unsigned line, column;
        int has_nul = kg_has_nul(p, file.len, &nul);
        int is_valid = kg_utf8_valid(p, file.len, &bad_utf8);
        if (has_nul || !is_valid) {
            bad = has_nul && nul <= bad_utf8 ? nul : bad_utf8;
            kg_text_position(p, bad, &line, &column);
            rc = kg_error_at(err, KG_EINPUT, im.source, line, column, bad,
                             has_nul && nul <= bad_utf8
                                 ? "NUL byte (byte offset %zu): binary data, not JSON lines"
                                 : "invalid UTF-8 (byte offset %zu)", bad);
            goto done;
        }
    }
    if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end, *q = p;
        jparse j;
        lineno++;
        while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q == eol) {
            p = nl ? nl + 1 : end;
            continue;
        }
        if ((size_t)(eol - p) > KG_MAX_IMPORT_LINE) {
            rc = kg_error_at(err, KG_ELIMIT, im.source, lineno, 0, (size_t)(p - file.data),
                             "line longer than %u bytes", KG_MAX_IMPORT_LINE);
            goto done;
        }
        res->lines++;
        j.line = j.p = p;
        j.end = eol;
        j.arena = &im.arena;
        j.source = im.source;
        j.lineno = lineno;
        j.line_offset = (size_t)(p - file.data);
        j.err = err;
        rc = parse_line(&im, &j, (size_t)(p - file.data),
                        (size_t)((nl ? nl + 1 : end) - file.data), err);
        if (rc != KG_OK)
            goto done;
        p = nl ? nl + 1 : end;
    }
    if (res->lines == 0)
        goto done;
    if (im.is_doc_mode) {
        /* Check every document before writing any. */
        for (i = 0; i < im.n_docs; i++) {
            const jl_doc *d = &im.docs[i];
            size_t k;
            for (k = 0; k < d->n_triples; k++) {
                const jl_triple *t = &im.triples[d->first_triple + k];
                if (t->start == NONE) {
                    rc = line_error(&im, t->line, err, "%s", "a triple without \"sentence\", "
                                    "\"start\" and \"end\" in a file of documents");
                    goto done;
                }
            }
            for (k = 0; k < d->n_mentions; k++) {
                const jl_mention *m = &im.mentions[d->first_mention + k];
                if (d->text && m->end > strlen(S(&im, d->text))) {
                    rc = line_error(&im, m->line, err, "%s",
                                    "mention offsets run past the document's \"text\"");
                    goto done;
                }
            }
        }
        for (i = 0; i < im.n_docs && rc == KG_OK; i++)
            rc = store_doc(st, &im, &im.docs[i], i, path, file.data, res, err);
    } else {
        rc = store_triples(st, &im, path, &file, res, err);
    }
done:
    kg_buf_free(&file);
    im_free(&im);
    return rc;
}
