/*
 * parse.c -- recursive-descent parser of the kg query language
 * (docs/QUERY-LANGUAGE.md): tokens from lex.c -> an AST in the script's arena.
 * Every node keeps the byte offset of its token so that later stages (unknown
 * variables, bad regexes) can point at it. The first error wins; its message
 * says what was expected and what was found, and carries line and column
 * (characters, not bytes) for the caret.
 *
 * Keywords are bare words recognised by position, case-insensitively. Those that
 * can follow a name (to, depth, via, where, ...) are reserved in name positions:
 * quote them ("In") to use them as names.
 */
#include "query_int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
    const char *src;
    size_t len;
    const char *source;
    unsigned first_line;
    kg_token tok;             /* the current token */
    kg_script *s;
    kg_error *err;
    int rc;
} parser;

static const char *const reserved[] = {
    "to", "depth", "out", "in", "both", "via", "where", "with", "limit", "directed",
    "avoid", "within", "and", "return", "by", "without", "through", "shortest", "min", "as",
    NULL
};

static const char *const entity_types[] = {
    "PERSON", "ORG", "PLACE", "DATE", "MONEY", "PERCENT", "PRODUCT", "EVENT", "OTHER", NULL
};

/* clause bits for duplicate detection */
enum {
    CL_DEPTH = 1u << 0, CL_DIR = 1u << 1, CL_VIA = 1u << 2, CL_WHERE = 1u << 3,
    CL_NEG = 1u << 4, CL_LIMIT = 1u << 5, CL_DIRECTED = 1u << 6, CL_AVOID = 1u << 7,
    CL_WITHIN = 1u << 8, CL_RETURN = 1u << 9, CL_EVIDENCE = 1u << 10, CL_WITHOUT = 1u << 11,
    CL_THROUGH = 1u << 12, CL_SHORTEST = 1u << 13, CL_BY = 1u << 14, CL_MINCONF = 1u << 15,
    CL_ASOF = 1u << 16
};

static void pos_of(const char *src, size_t len, size_t off, unsigned first_line,
                   unsigned *line, unsigned *col)
{
    size_t i, line_start = 0;
    unsigned l = first_line ? first_line : 1;
    if (off > len)
        off = len;
    for (i = 0; i < off; i++)
        if (src[i] == '\n') {
            l++;
            line_start = i + 1;
        }
    *line = l;
    *col = (unsigned)kg_utf8_count(src + line_start, off - line_start) + 1;
}

static int verror_at(const char *src, size_t len, const char *source, unsigned first_line,
                     size_t off, kg_error *err, const char *fmt, va_list ap)
{
    char msg[sizeof err->msg];
    unsigned line, col;
    if (err == NULL || err->code)
        return KG_ESYNTAX;
    vsnprintf(msg, sizeof msg, fmt, ap);
    pos_of(src, len, off, first_line, &line, &col);
    kg_error_at(err, KG_ESYNTAX, source, line, col, off, "%s", msg);
    return KG_ESYNTAX;
}

int kg_parse_error_at(const char *src, size_t len, const char *source, size_t off,
                      kg_error *err, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = verror_at(src, len, source, 1, off, err, fmt, ap);
    va_end(ap);
    return rc;
}

static int perr(parser *p, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int perr(parser *p, size_t off, const char *fmt, ...)
{
    va_list ap;
    if (p->rc)
        return p->rc;
    va_start(ap, fmt);
    p->rc = verror_at(p->src, p->len, p->source, p->first_line, off, p->err, fmt, ap);
    va_end(ap);
    return p->rc;
}

static int nomem(parser *p)
{
    if (!p->rc)
        p->rc = kg_error_set(p->err, KG_ENOMEM, "out of memory parsing the query");
    return p->rc;
}

/* Describe the current token for "found X": words quoted, long ones cut. */
static const char *found(parser *p, char *buf, size_t size)
{
    const kg_token *t = &p->tok;
    size_t n = t->len, cut = 40;
    const char *s = p->src + t->off;
    switch (t->type) {
    case KG_TK_WORD: case KG_TK_VAR: case KG_TK_STRING: case KG_TK_REGEX:
        break;
    default:
        return kg_lex_type_name(t->type);
    }
    if (n > cut) {
        n = cut;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    if (t->type == KG_TK_WORD || t->type == KG_TK_VAR)
        snprintf(buf, size, "\"%.*s%s\"", (int)n, s, n < t->len ? "..." : "");
    else
        snprintf(buf, size, "%.*s%s", (int)n, s, n < t->len ? "..." : "");
    return buf;
}

#define FOUND(p) found((p), found_buf, sizeof found_buf)

static int advance(parser *p)
{
    size_t pos = p->tok.off + p->tok.len;
    if (p->rc)
        return p->rc;
    p->tok = kg_lex_next(p->src, p->len, pos);
    if (p->tok.type == KG_TK_ERROR)
        return perr(p, p->tok.err_off, "%s", p->tok.msg);
    return KG_OK;
}

static int word_is(const parser *p, const char *kw)
{
    size_t n = strlen(kw), i;
    if (p->tok.type != KG_TK_WORD || p->tok.len != n)
        return 0;
    for (i = 0; i < n; i++) {
        char c = p->src[p->tok.off + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != kw[i])
            return 0;
    }
    return 1;
}

static int is_reserved(const parser *p)
{
    size_t i;
    for (i = 0; reserved[i]; i++)
        if (word_is(p, reserved[i]))
            return 1;
    return 0;
}

static int at_end(const parser *p)
{
    return p->tok.type == KG_TK_EOF || p->tok.type == KG_TK_SEMI ||
           p->tok.type == KG_TK_NEWLINE;
}

/* Unescape a STRING / REGEX token's contents into the arena. */
static const char *unquote(parser *p, const kg_token *t)
{
    const char *s = p->src + t->off;
    size_t n = t->len, i, j = 0;
    char *out;
    if (t->type == KG_TK_REGEX) {
        s++;
        n--;
    }
    s++;
    n -= 2;
    out = kg_arena_alloc(&p->s->arena, n + 1);
    if (out == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && t->type == KG_TK_STRING)
            i++;
        out[j++] = s[i];
    }
    out[j] = '\0';
    return out;
}

/* name -> WORD (not reserved) | STRING ; entity -> name | REGEX. allow_var for match. */
static int parse_term(parser *p, kg_qterm *t, const char *what, int allow_var)
{
    char found_buf[64];
    t->off = p->tok.off;
    if (p->tok.type == KG_TK_WORD && !is_reserved(p)) {
        t->kind = KG_Q_NAME;
        t->text = kg_arena_strndup(&p->s->arena, p->src + p->tok.off, p->tok.len);
    } else if (p->tok.type == KG_TK_STRING) {
        t->kind = KG_Q_NAME;
        t->text = unquote(p, &p->tok);
        if (t->text && t->text[0] == '\0')
            return perr(p, p->tok.off, "expected %s name, found an empty string", what);
    } else if (p->tok.type == KG_TK_REGEX) {
        t->kind = KG_Q_REGEX;
        t->text = unquote(p, &p->tok);
    } else if (p->tok.type == KG_TK_VAR && allow_var) {
        t->kind = KG_Q_VAR;
        t->text = kg_arena_strndup(&p->s->arena, p->src + p->tok.off + 1, p->tok.len - 1);
    } else if (p->tok.type == KG_TK_VAR) {
        return perr(p, p->tok.off, "expected %s name, found %s (variables are for match)",
                    what, FOUND(p));
    } else {
        return perr(p, p->tok.off, "expected %s name%s, found %s", what,
                    allow_var ? " or a variable" : "", FOUND(p));
    }
    if (t->text == NULL)
        return nomem(p);
    return advance(p);
}

/* Make room for one more of n items of `size` bytes at *items (capacity *cap),
 * in the query's arena (the old block stays there until the arena is freed). */
static int arena_grow(parser *p, void **items, size_t n, size_t *cap, size_t size)
{
    size_t new_cap;
    void *grown;
    if (n < *cap)
        return KG_OK;
    new_cap = *cap ? *cap * 2 : 4;
    grown = kg_arena_alloc(&p->s->arena, new_cap * size);
    if (grown == NULL)
        return nomem(p);
    if (n)
        memcpy(grown, *items, n * size);
    *items = grown;
    *cap = new_cap;
    return KG_OK;
}

static int list_push(parser *p, kg_qlist *l, const kg_qterm *t)
{
    void *items = l->items;
    if (arena_grow(p, &items, l->n, &l->cap, sizeof *l->items))
        return p->rc;
    l->items = items;
    l->items[l->n++] = *t;
    return KG_OK;
}

/* list -> term { "," term } */
static int parse_list(parser *p, kg_qlist *l, const char *what, int allow_var)
{
    for (;;) {
        kg_qterm t = {0};
        if (parse_term(p, &t, what, allow_var) || list_push(p, l, &t))
            return p->rc;
        if (p->tok.type != KG_TK_COMMA)
            return KG_OK;
        if (advance(p))
            return p->rc;
    }
}

/* INT after keyword kw: a word of digits, 0..max */
static int parse_int(parser *p, const char *kw, unsigned long long min,
                     unsigned long long max, unsigned long long *out)
{
    char found_buf[64];
    unsigned long long v = 0;
    size_t i;
    if (p->tok.type != KG_TK_WORD)
        return perr(p, p->tok.off, "expected a number after \"%s\", found %s", kw, FOUND(p));
    for (i = 0; i < p->tok.len; i++) {
        char c = p->src[p->tok.off + i];
        if (c < '0' || c > '9')
            return perr(p, p->tok.off, "expected a number after \"%s\", found %s", kw,
                        FOUND(p));
        if (v > max)
            break;
        v = v * 10 + (unsigned)(c - '0');
    }
    if (v < min || v > max)
        return perr(p, p->tok.off, "the number after \"%s\" must be between %llu and %llu",
                    kw, min, max);
    *out = v;
    return advance(p);
}

static int clause_once(parser *p, kg_query_ast *q, unsigned bit, const char *kw)
{
    if (q->seen & bit)
        return perr(p, p->tok.off, "\"%s\" given twice", kw);
    q->seen |= bit;
    return KG_OK;
}

static int parse_type(parser *p, kg_qterm *t)
{
    char found_buf[64];
    size_t i;
    t->off = p->tok.off;
    if (p->tok.type == KG_TK_WORD || p->tok.type == KG_TK_STRING) {
        const char *w = p->tok.type == KG_TK_WORD
                            ? kg_arena_strndup(&p->s->arena, p->src + p->tok.off, p->tok.len)
                            : unquote(p, &p->tok);
        if (w == NULL)
            return nomem(p);
        for (i = 0; entity_types[i]; i++)
            if (kg_strcaseeq(w, entity_types[i])) {
                t->kind = KG_Q_NAME;
                t->text = entity_types[i];
                return advance(p);
            }
    }
    return perr(p, p->tok.off,
                "expected an entity type (PERSON, ORG, PLACE, DATE, MONEY, PERCENT, PRODUCT, "
                "EVENT, OTHER), found %s", FOUND(p));
}

/* cond -> [ "not" ] atom
 * atom -> VAR "is" [ "not" ] TYPE | VAR ("=" | "!=") entity | VAR ("~" | "!~") regex
 *       | VAR "^=" name | "negated" (match; in neighbors and top a VAR is the
 *         returned entity: "is" tests its type, the others its name)
 *       | "type" ("=" | "!=" | "is" [ "not" ]) TYPE | "name" ("=" | "!=") entity
 *       | "name" ("~" | "!~") regex | "name" "^=" name (neighbors, top) */
static int parse_cond(parser *p, kg_query_ast *q, int is_match)
{
    char found_buf[64];
    int var_is_entity = 0;
    kg_qcond c;
    memset(&c, 0, sizeof c);
    c.off = p->tok.off;
    if (word_is(p, "not")) {
        c.is_not = 1;
        if (advance(p))
            return p->rc;
    }
    if (p->tok.type == KG_TK_VAR && !is_match) {
        /* neighbors / top: any ?v stands for the entity the query returns
         * (the contract's COND forms): ?v is T = type is T, ?v = E / ?v ~ "re"
         * / ?v ^= P = name = E / name ~ "re" / name ^= P */
        var_is_entity = 1;
        c.subject = KG_CS_NAME;
    } else if (p->tok.type == KG_TK_VAR) {
        c.subject = KG_CS_VAR;
        c.var.kind = KG_Q_VAR;
        c.var.off = p->tok.off;
        c.var.text = kg_arena_strndup(&p->s->arena, p->src + p->tok.off + 1, p->tok.len - 1);
        if (c.var.text == NULL)
            return nomem(p);
    } else if (is_match && word_is(p, "negated")) {
        c.subject = KG_CS_NEGATED;
        if (advance(p))
            return p->rc;
        goto add;
    } else if (!is_match && q->form == KG_F_NEIGHBORS && word_is(p, "depth")) {
        unsigned long long v;
        static const int ops[] = {KG_C_EQ, KG_C_NE, KG_C_LT, KG_C_LE, KG_C_GT, KG_C_GE};
        int tt;
        c.subject = KG_CS_DEPTH;
        if (advance(p))
            return p->rc;
        tt = p->tok.type;
        if (tt != KG_TK_EQ && tt != KG_TK_NE && tt != KG_TK_LT && tt != KG_TK_LE &&
            tt != KG_TK_GT && tt != KG_TK_GE)
            return perr(p, p->tok.off, "expected \"=\", \"!=\", \"<\", \"<=\", \">\" or \">=\" "
                        "after \"depth\", found %s", FOUND(p));
        c.op = ops[tt == KG_TK_EQ ? 0 : tt == KG_TK_NE ? 1 : tt == KG_TK_LT ? 2
                   : tt == KG_TK_LE ? 3 : tt == KG_TK_GT ? 4 : 5];
        if (advance(p) || parse_int(p, "depth", 0, KG_MAX_HOPS, &v))
            return p->rc;
        c.num = (unsigned)v;
        goto add;
    } else if (!is_match && word_is(p, "type")) {
        c.subject = KG_CS_TYPE;
    } else if (!is_match && word_is(p, "name")) {
        c.subject = KG_CS_NAME;
    } else {
        return perr(p, p->tok.off,
                    is_match ? "expected a variable or \"negated\" in a condition, found %s"
                    : q->form == KG_F_NEIGHBORS
                        ? "expected \"type\", \"name\" or \"depth\" in a condition, found %s"
                        : "expected \"type\" or \"name\" in a condition, found %s",
                    FOUND(p));
    }
    if (advance(p))
        return p->rc;
    if (var_is_entity && word_is(p, "is"))
        c.subject = KG_CS_TYPE;
    if (word_is(p, "is") && c.subject != KG_CS_NAME) {
        c.op = KG_C_IS;
        if (advance(p))
            return p->rc;
        if (word_is(p, "not")) {
            c.is_not ^= 1;
            if (advance(p))
                return p->rc;
        }
        if (parse_type(p, &c.value))
            return p->rc;
    } else if (p->tok.type == KG_TK_EQ || p->tok.type == KG_TK_NE) {
        c.op = p->tok.type == KG_TK_EQ ? KG_C_EQ : KG_C_NE;
        if (advance(p))
            return p->rc;
        if (c.subject == KG_CS_TYPE) {
            if (parse_type(p, &c.value))
                return p->rc;
            if (c.op == KG_C_EQ)
                c.op = KG_C_IS;
            else {
                c.op = KG_C_IS;
                c.is_not ^= 1;
            }
        } else if (p->tok.type == KG_TK_VAR) {
            return perr(p, p->tok.off, "a variable cannot be compared with another; use the "
                        "same variable in both patterns instead");
        } else if (parse_term(p, &c.value, "an entity", 0)) {
            return p->rc;
        }
    } else if (p->tok.type == KG_TK_PREFIX && c.subject != KG_CS_TYPE) {
        c.op = KG_C_PREFIX;
        if (advance(p))
            return p->rc;
        if (p->tok.type == KG_TK_WORD || p->tok.type == KG_TK_STRING) {
            c.value.kind = KG_Q_NAME;
            c.value.off = p->tok.off;
            c.value.text = p->tok.type == KG_TK_WORD
                               ? kg_arena_strndup(&p->s->arena, p->src + p->tok.off, p->tok.len)
                               : unquote(p, &p->tok);
            if (c.value.text == NULL)
                return nomem(p);
            if (advance(p))
                return p->rc;
        } else {
            return perr(p, p->tok.off, "expected a name prefix after \"^=\", found %s", FOUND(p));
        }
    } else if (p->tok.type == KG_TK_REGEX && c.subject != KG_CS_TYPE) {
        c.op = KG_C_MATCH;
        c.value.kind = KG_Q_REGEX;
        c.value.off = p->tok.off;
        if ((c.value.text = unquote(p, &p->tok)) == NULL)
            return nomem(p);
        if (advance(p))
            return p->rc;
    } else if ((p->tok.type == KG_TK_TILDE || p->tok.type == KG_TK_NTILDE) &&
               c.subject != KG_CS_TYPE) {
        c.op = KG_C_MATCH;
        if (p->tok.type == KG_TK_NTILDE)
            c.is_not ^= 1;
        if (advance(p))
            return p->rc;
        if (p->tok.type != KG_TK_STRING)
            return perr(p, p->tok.off, "expected a quoted regex after \"~\", found %s",
                        FOUND(p));
        c.value.kind = KG_Q_REGEX;
        c.value.off = p->tok.off;
        if ((c.value.text = unquote(p, &p->tok)) == NULL)
            return nomem(p);
        if (advance(p))
            return p->rc;
    } else {
        return perr(p, p->tok.off,
                    c.subject == KG_CS_TYPE
                        ? "expected \"=\", \"!=\" or \"is\" after \"type\", found %s"
                    : c.subject == KG_CS_NAME
                        ? "expected \"=\", \"!=\", \"~\", \"!~\" or \"^=\" after \"name\", "
                          "found %s"
                        : "expected \"is\", \"=\", \"!=\", \"~\", \"!~\" or \"^=\" after the "
                          "variable, found %s",
                    FOUND(p));
    }
    /* "not ?v = E" is "?v != E" and the reverse */
    if (c.is_not && (c.op == KG_C_EQ || c.op == KG_C_NE)) {
        c.op = c.op == KG_C_EQ ? KG_C_NE : KG_C_EQ;
        c.is_not = 0;
    }
add:
    if (q->n_conds == q->cap_conds) {
        size_t cap = q->cap_conds ? q->cap_conds * 2 : 4;
        kg_qcond *cs = kg_arena_alloc(&p->s->arena, cap * sizeof *cs);
        if (cs == NULL)
            return nomem(p);
        if (q->n_conds)
            memcpy(cs, q->conds, q->n_conds * sizeof *cs);
        q->conds = cs;
        q->cap_conds = cap;
    }
    q->conds[q->n_conds++] = c;
    return KG_OK;
}

/* where -> "where" cond { "and" cond } */
static int parse_where(parser *p, kg_query_ast *q, int is_match)
{
    if (clause_once(p, q, CL_WHERE, "where") || advance(p))
        return p->rc;
    for (;;) {
        if (parse_cond(p, q, is_match))
            return p->rc;
        if (!word_is(p, "and"))
            return KG_OK;
        if (advance(p))
            return p->rc;
    }
}

/* with -> "with" ( "negated" | "evidence" ) */
static int parse_with(parser *p, kg_query_ast *q)
{
    char found_buf[64];
    size_t off = p->tok.off;
    if (advance(p))
        return p->rc;
    if (word_is(p, "evidence")) {
        if (q->seen & CL_EVIDENCE)
            return perr(p, off, "\"with evidence\" given twice");
        q->seen |= CL_EVIDENCE;
        q->with_evidence = 1;
        return advance(p);
    }
    if (!word_is(p, "negated"))
        return perr(p, p->tok.off, "expected \"negated\" or \"evidence\" after \"with\", "
                    "found %s", FOUND(p));
    if (q->seen & CL_NEG)
        return perr(p, off, "\"with negated\" given twice");
    q->seen |= CL_NEG;
    q->with_negated = 1;
    return advance(p);
}

static int parse_limit(parser *p, kg_query_ast *q)
{
    unsigned long long v;
    if (clause_once(p, q, CL_LIMIT, "limit") || advance(p))
        return p->rc;
    if (word_is(p, "all")) { /* no cut (paths: no default limit) */
        q->limit = 1000000000u;
        q->has_limit = 1;
        return advance(p);
    }
    if (parse_int(p, "limit", 0, 1000000000ull, &v))
        return p->rc;
    q->limit = (size_t)v;
    q->has_limit = 1;
    return KG_OK;
}

/* min confidence X | as of (DATE | now | "text") | without R, ... : the edge
 * filters several forms share. Returns 1 when the current word starts one
 * (parsed, or p->rc set), 0 when it does not. */
static int parse_edge_filter(parser *p, kg_query_ast *q, int allow_without)
{
    char found_buf[64];
    if (allow_without && word_is(p, "without")) {
        if (clause_once(p, q, CL_WITHOUT, "without") || advance(p))
            return 1;
        parse_list(p, &q->without, "a relation", 0);
        return 1;
    }
    if (word_is(p, "min")) {
        char num[32];
        char *end;
        double v;
        if (clause_once(p, q, CL_MINCONF, "min confidence") || advance(p))
            return 1;
        if (!word_is(p, "confidence")) {
            perr(p, p->tok.off, "expected \"confidence\" after \"min\", found %s", FOUND(p));
            return 1;
        }
        if (advance(p))
            return 1;
        if (p->tok.type != KG_TK_WORD || p->tok.len >= sizeof num) {
            perr(p, p->tok.off, "expected a number between 0 and 1 after \"min confidence\", "
                 "found %s", FOUND(p));
            return 1;
        }
        memcpy(num, p->src + p->tok.off, p->tok.len);
        num[p->tok.len] = '\0';
        v = strtod(num, &end);
        if (*end != '\0' || num[0] < '0' || num[0] > '9' || !(v >= 0.0 && v <= 1.0)) {
            perr(p, p->tok.off, "expected a number between 0 and 1 after \"min confidence\", "
                 "found %s", FOUND(p));
            return 1;
        }
        q->min_confidence = v;
        q->has_min_confidence = 1;
        advance(p);
        return 1;
    }
    if (word_is(p, "as")) {
        int32_t lo, hi;
        if (clause_once(p, q, CL_ASOF, "as of") || advance(p))
            return 1;
        if (!word_is(p, "of")) {
            perr(p, p->tok.off, "expected \"of\" after \"as\", found %s", FOUND(p));
            return 1;
        }
        if (advance(p))
            return 1;
        q->has_as_of = 1;
        if (word_is(p, "now") || word_is(p, "today")) {
            q->as_of = 0;
        } else if (p->tok.type == KG_TK_WORD) {
            char buf[16];
            if (p->tok.len >= sizeof buf || (memcpy(buf, p->src + p->tok.off, p->tok.len),
                                             buf[p->tok.len] = '\0',
                                             !kg_date_parse(buf, &lo, &hi))) {
                perr(p, p->tok.off, "expected a date (YYYY, YYYY-MM, YYYY-MM-DD, \"now\" or a "
                     "quoted date such as \"February 2026\") after \"as of\", found %s",
                     FOUND(p));
                return 1;
            }
            q->as_of = lo;
        } else if (p->tok.type == KG_TK_STRING) {
            const char *t = unquote(p, &p->tok);
            if (t == NULL) {
                nomem(p);
                return 1;
            }
            if (!kg_time_parse(t, 20000101, &lo, &hi) || lo == KG_DATE_MIN || hi == KG_DATE_MAX ||
                lo < 10000101) {
                perr(p, p->tok.off, "cannot read a date in %s (write YYYY-MM-DD, \"March 2026\" "
                     "or \"15 March 2026\")", FOUND(p));
                return 1;
            }
            q->as_of = lo;
        } else {
            perr(p, p->tok.off, "expected a date (YYYY, YYYY-MM, YYYY-MM-DD, \"now\" or a "
                 "quoted date such as \"February 2026\") after \"as of\", found %s", FOUND(p));
            return 1;
        }
        advance(p);
        return 1;
    }
    return 0;
}

static int clause_error(parser *p, const char *clauses)
{
    char found_buf[64];
    return perr(p, p->tok.off, "expected %s or end of query, found %s", clauses, FOUND(p));
}

/* neighbors -> "neighbors" entity { "depth" INT | out | in | both | via | without | where
 *              | with negated | with evidence | min confidence X | as of DATE | limit } */
static int parse_neighbors(parser *p, kg_query_ast *q)
{
    if (parse_term(p, &q->a, "an entity", 0))
        return p->rc;
    while (!p->rc && !at_end(p)) {
        if (word_is(p, "depth")) {
            unsigned long long v;
            if (clause_once(p, q, CL_DEPTH, "depth") || advance(p) ||
                parse_int(p, "depth", 1, KG_MAX_HOPS, &v))
                return p->rc;
            q->depth = (unsigned)v;
        } else if (word_is(p, "out") || word_is(p, "in") || word_is(p, "both")) {
            if (clause_once(p, q, CL_DIR, "out/in/both"))
                return p->rc;
            q->direction = word_is(p, "out") ? KG_DIR_OUT : word_is(p, "in") ? KG_DIR_IN
                                                                              : KG_DIR_BOTH;
            advance(p);
        } else if (word_is(p, "via")) {
            if (clause_once(p, q, CL_VIA, "via") || advance(p))
                return p->rc;
            parse_list(p, &q->via, "a relation", 0);
        } else if (word_is(p, "where")) {
            parse_where(p, q, 0);
        } else if (word_is(p, "with")) {
            parse_with(p, q);
        } else if (word_is(p, "limit")) {
            parse_limit(p, q);
        } else if (!parse_edge_filter(p, q, 1)) {
            return clause_error(p, "\"depth\", \"out\", \"in\", \"both\", \"via\", "
                                   "\"without\", \"where\", \"with negated\", \"with evidence\", "
                                   "\"min confidence\", \"as of\", \"limit\"");
        }
    }
    return p->rc;
}

/* path -> "path" entity "to" entity { directed | via | without | avoid | through | by confidence
 *          | with negated | with evidence | min confidence X | as of DATE }
 * paths -> "paths" entity "to" entity { the same | within INT | shortest INT | limit } */
static int parse_path(parser *p, kg_query_ast *q)
{
    char found_buf[64];
    int many = q->form == KG_F_PATHS;
    size_t by_off = 0;
    if (parse_term(p, &q->a, "an entity", 0))
        return p->rc;
    if (!word_is(p, "to"))
        return perr(p, p->tok.off, "expected \"to\", found %s", FOUND(p));
    if (advance(p) || parse_term(p, &q->b, "an entity", 0))
        return p->rc;
    while (!p->rc && !at_end(p)) {
        if (word_is(p, "directed")) {
            if (clause_once(p, q, CL_DIRECTED, "directed"))
                return p->rc;
            q->is_directed = 1;
            advance(p);
        } else if (word_is(p, "via")) {
            if (clause_once(p, q, CL_VIA, "via") || advance(p))
                return p->rc;
            parse_list(p, &q->via, "a relation", 0);
        } else if (word_is(p, "avoid")) {
            if (clause_once(p, q, CL_AVOID, "avoid") || advance(p))
                return p->rc;
            parse_list(p, &q->avoid, "an entity", 0);
        } else if (word_is(p, "with")) {
            parse_with(p, q);
        } else if (many && word_is(p, "within")) {
            unsigned long long v;
            if (clause_once(p, q, CL_WITHIN, "within") || advance(p) ||
                parse_int(p, "within", 1, KG_MAX_HOPS, &v))
                return p->rc;
            q->within = (unsigned)v;
            q->has_within = 1;
        } else if (many && word_is(p, "limit")) {
            parse_limit(p, q);
        } else if (many && word_is(p, "shortest")) {
            unsigned long long v;
            if (clause_once(p, q, CL_SHORTEST, "shortest") || advance(p) ||
                parse_int(p, "shortest", 1, 10000, &v))
                return p->rc;
            q->shortest_k = (size_t)v;
            q->has_shortest = 1;
        } else if (word_is(p, "through")) {
            if (clause_once(p, q, CL_THROUGH, "through") || advance(p))
                return p->rc;
            parse_list(p, &q->through, "an entity", 0);
        } else if (word_is(p, "by")) {
            by_off = p->tok.off;
            if (clause_once(p, q, CL_BY, "by") || advance(p))
                return p->rc;
            if (!word_is(p, "confidence"))
                return perr(p, p->tok.off, "expected \"confidence\" after \"by\", found %s",
                            FOUND(p));
            q->by_confidence = 1;
            advance(p);
        } else if (!parse_edge_filter(p, q, 1)) {
            return clause_error(p, many ? "\"within\", \"shortest\", \"directed\", \"via\", "
                                          "\"without\", \"avoid\", \"through\", "
                                          "\"by confidence\", \"with negated\", "
                                          "\"with evidence\", \"min confidence\", "
                                          "\"as of\", \"limit\""
                                        : "\"directed\", \"via\", \"without\", \"avoid\", "
                                          "\"through\", \"by confidence\", \"with negated\", "
                                          "\"with evidence\", \"min confidence\", \"as of\"");
        }
    }
    if (p->rc)
        return p->rc;
    if (q->by_confidence && many && !q->has_shortest)
        return perr(p, by_off, "\"paths ... by confidence\" needs \"shortest K\" (or write "
                    "\"path ... by confidence\" for the one most credible path)");
    if (q->by_confidence && (q->through.n || q->has_within))
        return perr(p, by_off, "\"by confidence\" cannot be combined with \"%s\"",
                    q->through.n ? "through" : "within");
    return p->rc;
}

static int pattern_push(parser *p, kg_query_ast *q, const kg_qpattern *pt)
{
    void *pats = q->pats;
    if (arena_grow(p, &pats, q->n_pats, &q->cap_pats, sizeof *q->pats))
        return p->rc;
    q->pats = pats;
    q->pats[q->n_pats++] = *pt;
    return KG_OK;
}

/* match -> "match" pattern { "," pattern } { where | return | limit | with negated }
 * pattern -> term rel term ; term -> VAR | entity ; rel -> VAR | relation */
static int parse_match(parser *p, kg_query_ast *q)
{
    char found_buf[64];
    for (;;) {
        kg_qpattern pt;
        memset(&pt, 0, sizeof pt);
        if (parse_term(p, &pt.s, "an entity", 1) || parse_term(p, &pt.r, "a relation", 1) ||
            parse_term(p, &pt.o, "an entity", 1) || pattern_push(p, q, &pt))
            return p->rc;
        if (p->tok.type != KG_TK_COMMA)
            break;
        if (advance(p))
            return p->rc;
    }
    while (!p->rc && !at_end(p)) {
        if (word_is(p, "where")) {
            parse_where(p, q, 1);
        } else if (word_is(p, "return")) {
            size_t i;
            if (clause_once(p, q, CL_RETURN, "return") || advance(p))
                return p->rc;
            for (;;) {
                kg_qterm t = {0};
                if (word_is(p, "count") && !q->ret_count) {
                    q->ret_count = 1;
                    if (advance(p))
                        return p->rc;
                    if (p->tok.type != KG_TK_COMMA)
                        break;
                    if (advance(p))
                        return p->rc;
                    continue;
                }
                if (p->tok.type != KG_TK_VAR)
                    return perr(p, p->tok.off, "expected a variable %safter \"return\", found %s",
                                q->ret_count ? "" : "or \"count\" ", FOUND(p));
                t.kind = KG_Q_VAR;
                t.off = p->tok.off;
                t.text = kg_arena_strndup(&p->s->arena, p->src + p->tok.off + 1, p->tok.len - 1);
                if (t.text == NULL)
                    return nomem(p);
                if (list_push(p, &q->ret, &t) || advance(p))
                    return p->rc;
                if (p->tok.type != KG_TK_COMMA)
                    break;
                if (advance(p))
                    return p->rc;
            }
            (void)i;
        } else if (word_is(p, "limit")) {
            parse_limit(p, q);
        } else if (word_is(p, "with")) {
            parse_with(p, q);
        } else if (parse_edge_filter(p, q, 0)) {
            continue;
        } else if (p->tok.type == KG_TK_WORD || p->tok.type == KG_TK_STRING ||
                   p->tok.type == KG_TK_VAR || p->tok.type == KG_TK_REGEX) {
            return perr(p, p->tok.off, "expected \",\" between patterns, or \"where\", "
                        "\"return\", \"limit\", \"min confidence\", \"as of\", or end of "
                        "query, found %s", FOUND(p));
        } else {
            return clause_error(p, "\",\", \"where\", \"return\", \"limit\", "
                                   "\"min confidence\", \"as of\"");
        }
    }
    return p->rc;
}

static int is_name_token(const parser *p)
{
    return (p->tok.type == KG_TK_WORD && !is_reserved(p)) || p->tok.type == KG_TK_STRING ||
           p->tok.type == KG_TK_REGEX;
}

/* why -> "why" entity [ relation ] entity [ with negated ] */
static int parse_why(parser *p, kg_query_ast *q)
{
    if (parse_term(p, &q->a, "an entity", 0) || parse_term(p, &q->b, "an entity", 0))
        return p->rc;
    if (is_name_token(p)) {
        q->rel = q->b;
        if (parse_term(p, &q->b, "an entity", 0))
            return p->rc;
    }
    while (!p->rc && !at_end(p)) {
        if (word_is(p, "with"))
            parse_with(p, q);
        else if (!parse_edge_filter(p, q, 0))
            return clause_error(p, "\"with negated\", \"min confidence\", \"as of\"");
    }
    return p->rc;
}

/* top -> "top" INT "by" (degree | pagerank | betweenness) [ where ] */
static int parse_top(parser *p, kg_query_ast *q)
{
    char found_buf[64];
    unsigned long long v;
    if (parse_int(p, "top", 0, 1000000000ull, &v))
        return p->rc;
    q->top_n = (unsigned)v;
    if (!word_is(p, "by"))
        return perr(p, p->tok.off, "expected \"by\", found %s", FOUND(p));
    if (advance(p))
        return p->rc;
    if (word_is(p, "degree"))
        q->measure = KG_RANK_DEGREE;
    else if (word_is(p, "pagerank"))
        q->measure = KG_RANK_PAGERANK;
    else if (word_is(p, "betweenness"))
        q->measure = KG_RANK_BETWEENNESS;
    else if (word_is(p, "mentions"))
        q->measure = KG_RANK_MENTIONS;
    else
        return perr(p, p->tok.off, "expected \"degree\", \"pagerank\", \"betweenness\" or "
                    "\"mentions\", found %s", FOUND(p));
    if (advance(p))
        return p->rc;
    while (!p->rc && !at_end(p)) {
        size_t off = p->tok.off;
        if (word_is(p, "where")) {
            parse_where(p, q, 0);
            continue;
        }
        /* the degree of a filtered graph: direction, via, without, edge filters */
        if (word_is(p, "out") || word_is(p, "in") || word_is(p, "both")) {
            if (clause_once(p, q, CL_DIR, "out/in/both"))
                return p->rc;
            q->direction = word_is(p, "out") ? KG_DIR_OUT : word_is(p, "in") ? KG_DIR_IN
                                                                              : KG_DIR_BOTH;
            q->has_top_filter = 1;
            advance(p);
        } else if (word_is(p, "via")) {
            if (clause_once(p, q, CL_VIA, "via") || advance(p))
                return p->rc;
            parse_list(p, &q->via, "a relation", 0);
            q->has_top_filter = 1;
        } else if (word_is(p, "with")) {
            parse_with(p, q);
            q->has_top_filter = 1;
        } else if (parse_edge_filter(p, q, 1)) {
            q->has_top_filter = 1;
        } else {
            return clause_error(p, "\"where\", \"out\", \"in\", \"both\", \"via\", "
                                   "\"without\", \"with negated\", \"min confidence\", "
                                   "\"as of\"");
        }
        if (!p->rc && q->measure != KG_RANK_DEGREE)
            return perr(p, off, "only \"top N by degree\" takes a direction, \"via\", "
                        "\"without\" or an edge filter");
        if (!p->rc && q->with_evidence)
            return perr(p, off, "\"with evidence\" does not apply to \"top\"");
    }
    return p->rc;
}

static int parse_query(parser *p, kg_query_ast *q)
{
    char found_buf[64];
    q->off = p->tok.off;
    q->depth = 1;
    q->direction = KG_DIR_BOTH;
    if (word_is(p, "explain")) {
        q->is_explain = 1;
        if (advance(p))
            return p->rc;
    } else if (word_is(p, "profile")) {
        q->is_profile = 1;
        if (advance(p))
            return p->rc;
    }
    if (word_is(p, "count")) {
        q->is_count = 1;
        if (advance(p))
            return p->rc;
    }
    if (word_is(p, "neighbors") || word_is(p, "neighbours"))
        q->form = KG_F_NEIGHBORS;
    else if (word_is(p, "path"))
        q->form = KG_F_PATH;
    else if (word_is(p, "paths"))
        q->form = KG_F_PATHS;
    else if (word_is(p, "match"))
        q->form = KG_F_MATCH;
    else if (word_is(p, "why"))
        q->form = KG_F_WHY;
    else if (word_is(p, "top"))
        q->form = KG_F_TOP;
    else if (word_is(p, "communities"))
        q->form = KG_F_COMMUNITIES;
    else if (word_is(p, "describe"))
        q->form = KG_F_DESCRIBE;
    else if (word_is(p, "stats"))
        q->form = KG_F_STATS;
    else if (word_is(p, "relations"))
        q->form = KG_F_RELATIONS;
    else if (word_is(p, "find"))
        q->form = KG_F_FIND;
    else
        return perr(p, p->tok.off, "expected a query (neighbors, path, paths, match, why, top, "
                    "communities, describe, relations, find, stats), found %s", FOUND(p));
    if (advance(p))
        return p->rc;
    switch (q->form) {
    case KG_F_NEIGHBORS: return parse_neighbors(p, q);
    case KG_F_PATH: case KG_F_PATHS: return parse_path(p, q);
    case KG_F_MATCH: return parse_match(p, q);
    case KG_F_WHY: return parse_why(p, q);
    case KG_F_TOP: return parse_top(p, q);
    case KG_F_COMMUNITIES:
        while (!p->rc && !at_end(p)) {
            if (word_is(p, "limit"))
                parse_limit(p, q);
            else
                return clause_error(p, "\"limit\"");
        }
        return p->rc;
    case KG_F_FIND: /* find name [limit N] */
        if (p->tok.type == KG_TK_REGEX)
            return perr(p, p->tok.off, "find takes a name, not a regex (write neighbors ~\"...\" "
                        "or describe ~\"...\")");
        if (parse_term(p, &q->a, "an entity", 0))
            return p->rc;
        while (!p->rc && !at_end(p)) {
            if (word_is(p, "limit")) {
                parse_limit(p, q);
            } else if (word_is(p, "type")) { /* find NAME type T: a type condition */
                kg_qcond cd;
                memset(&cd, 0, sizeof cd);
                cd.op = KG_C_IS;
                cd.subject = KG_CS_TYPE;
                cd.off = p->tok.off;
                if (clause_once(p, q, CL_WHERE, "type") || advance(p) ||
                    parse_type(p, &cd.value))
                    return p->rc;
                if ((q->conds = kg_arena_alloc(&p->s->arena, sizeof *q->conds)) == NULL)
                    return nomem(p);
                q->conds[0] = cd;
                q->n_conds = q->cap_conds = 1;
            } else {
                return clause_error(p, "\"type\", \"limit\"");
            }
        }
        return p->rc;
    case KG_F_RELATIONS: /* relations [of E [out | in | both]] [limit N] */
        if (word_is(p, "of") && (advance(p) || parse_term(p, &q->a, "an entity", 0)))
            return p->rc;
        while (!p->rc && !at_end(p)) {
            if (word_is(p, "limit")) {
                parse_limit(p, q);
            } else if (q->a.kind && (word_is(p, "out") || word_is(p, "in") || word_is(p, "both"))) {
                if (clause_once(p, q, CL_DIR, "out/in/both"))
                    return p->rc;
                q->direction = word_is(p, "out") ? KG_DIR_OUT : word_is(p, "in") ? KG_DIR_IN
                                                                                  : KG_DIR_BOTH;
                advance(p);
            } else {
                return clause_error(p, q->a.kind ? "\"out\", \"in\", \"both\", \"limit\""
                                                 : "\"of\", \"limit\"");
            }
        }
        return p->rc;
    case KG_F_DESCRIBE:
        if (parse_term(p, &q->a, "an entity", 0))
            return p->rc;
        if (!at_end(p))
            return clause_error(p, "nothing more");
        return p->rc;
    default:
        if (!at_end(p))
            return clause_error(p, "nothing more");
        return p->rc;
    }
}

int kg_parse_script(const char *src, size_t len, const char *source, kg_script *s,
                    kg_error *err)
{
    parser p;
    memset(s, 0, sizeof *s);
    if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) {
        src += 3; /* a byte order mark (a file saved by Notepad): not part of the text */
        len -= 3;
    }
    s->src = src;
    s->len = len;
    s->source = source ? source : "query";
    memset(&p, 0, sizeof p);
    p.src = src;
    p.len = len;
    p.source = s->source;
    p.first_line = 1;
    p.s = s;
    p.err = err;
    {
        size_t bad;
        if (!kg_utf8_valid(src, len, &bad))
            return perr(&p, bad, "invalid UTF-8 in the query");
    }
    p.tok.off = 0;
    p.tok.len = 0;
    if (advance(&p))
        return p.rc;
    for (;;) {
        kg_query_ast *q;
        while (p.tok.type == KG_TK_SEMI || p.tok.type == KG_TK_NEWLINE)
            if (advance(&p))
                return p.rc;
        if (p.tok.type == KG_TK_EOF)
            break;
        q = kg_arena_alloc(&s->arena, sizeof *q);
        if (q == NULL)
            return nomem(&p);
        if (parse_query(&p, q))
            return p.rc;
        q->end = p.tok.off;
        if (q->end - q->off > KG_MAX_QUERY_BYTES)
            return perr(&p, q->off, "query too long: %zu bytes (the limit is %u)",
                        q->end - q->off, (unsigned)KG_MAX_QUERY_BYTES);
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 4;
            kg_query_ast **qs = realloc(s->queries, cap * sizeof *qs);
            if (qs == NULL)
                return nomem(&p);
            s->queries = qs;
            s->cap = cap;
        }
        s->queries[s->n++] = q;
    }
    return KG_OK;
}

void kg_script_free(kg_script *s)
{
    if (s == NULL)
        return;
    free(s->queries);
    kg_arena_free(&s->arena);
    s->queries = NULL;
    s->n = s->cap = 0;
}
