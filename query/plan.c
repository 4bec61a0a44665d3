/*
 * plan.c -- name resolution and the match planner.
 *
 * Names: an entity term resolves through graph/'s indexed lookups (canonical
 * name or alias, case-insensitive; "_" may stand for a space); a miss is
 * KG_ENOTFOUND naming the closest entities. Relations resolve by normalised
 * name or surface text, then by a crude lemma of the first word ("holds
 * license" -> "hold license").
 *
 * match: a nested-loop join over the patterns: a pattern with a bound end is
 * a scan of that entity's adjacency in the snapshot (kg_graph_triples_find),
 * one with only a relation an SQL index lookup. At each level the planner picks the unbound pattern that
 * is cheapest given what is bound so far: both ends known, then one end known
 * (estimated by the known entities' degree in the snapshot), then a relation
 * only, then a full scan. Conditions on a variable are checked as soon as it is
 * bound, and `?v = E` seeds the variable with E's ids.
 */
#include "query_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------- resolution */

static char *underscores_to_spaces(const char *s)
{
    char *c;
    if (strchr(s, '_') == NULL)
        return NULL;
    c = strdup(s);
    if (c)
        for (char *p = c; *p; p++)
            if (*p == '_')
                *p = ' ';
    return c;
}

/* The other apostrophe: ASCII ' <-> typographic U+2019 (extracted names keep the
 * article's "L’Oréal", users type "L'Oréal"). NULL when s has neither. */
static char *apostrophes_swapped(const char *s)
{
    static const char typo[] = "\xe2\x80\x99";
    size_t n = strlen(s), i, j = 0;
    int to_typo = strchr(s, '\'') != NULL;
    char *c;
    if (!to_typo && strstr(s, typo) == NULL)
        return NULL;
    c = malloc(n * 3 + 1);
    if (c == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if (to_typo && s[i] == '\'') {
            memcpy(c + j, typo, 3);
            j += 3;
        } else if (!to_typo && strncmp(s + i, typo, 3) == 0) {
            c[j++] = '\'';
            i += 2;
        } else {
            c[j++] = s[i];
        }
    }
    c[j] = '\0';
    return c;
}

/* The name without a possessive ending ("Microsoft's", "OpenAI’s", "Partners'")
 * or a leading "the " ("the Microsoft"); NULL when it has neither. */
static char *name_core(const char *s)
{
    size_t n = strlen(s), start = 0;
    char *c;
    if (n > 4 && (s[0] == 't' || s[0] == 'T') && strncasecmp(s, "the ", 4) == 0)
        start = 4;
    if (n - start > 2 && s[n - 2] == '\'' && (s[n - 1] == 's' || s[n - 1] == 'S'))
        n -= 2;
    else if (n - start > 4 && memcmp(s + n - 4, "\xe2\x80\x99", 3) == 0 &&
             (s[n - 1] == 's' || s[n - 1] == 'S'))
        n -= 4;
    else if (n - start > 2 && s[n - 1] == '\'' && (s[n - 2] == 's' || s[n - 2] == 'S'))
        n -= 1;
    else if (n - start > 4 && memcmp(s + n - 3, "\xe2\x80\x99", 3) == 0 &&
             (s[n - 4] == 's' || s[n - 4] == 'S'))
        n -= 3;
    if (start == 0 && n == strlen(s))
        return NULL;
    c = malloc(n - start + 1);
    if (c) {
        memcpy(c, s + start, n - start);
        c[n - start] = '\0';
    }
    return c;
}

static int regex_error(kg_qctx *c, const kg_qterm *t, const kg_error *tmp, kg_error *err)
{
    const kg_script *s = c->script;
    size_t off = t->off + 2 + tmp->offset;   /* ~" precedes the pattern */
    if (s == NULL)
        return kg_error_set(err, KG_ESYNTAX, "%s", tmp->msg);
    if (off > s->len)
        off = t->off;
    return kg_parse_error_at(s->src, s->len, s->source, off, err, "%s", tmp->msg);
}

static int not_found(kg_qctx *c, const char *what, const char *name, int is_rel, kg_error *err)
{
    char **names = NULL;
    size_t n = 0, i;
    kg_error tmp = {0};
    char msg[200];
    int rc = is_rel ? kg_lookup_suggest_relation(c->st, name, &names, &n, 3, &tmp)
                    : kg_lookup_suggest(c->st, name, &names, &n, 3, &tmp);
    if (rc || n == 0) {
        kg_names_free(names, n);
        return kg_error_set(err, KG_ENOTFOUND, "no %s \"%.180s\"", what, name);
    }
    msg[0] = '\0';
    for (i = 0; i < n; i++) {
        size_t used = strlen(msg);
        snprintf(msg + used, sizeof msg - used, "%s\"%.60s\"",
                 i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
    }
    kg_names_free(names, n);
    return kg_error_set(err, KG_ENOTFOUND, "no %s \"%.100s\"; did you mean %s?", what, name, msg);
}

/* A name that is one entity's canonical name and other entities' alias means
 * that entity (canonical before alias, as the draft's resolution order says). */
static void prefer_canonical(kg_qctx *c, const char *name, kg_idset *s)
{
    char *key = kg_fold_key(name, strlen(name)), *alt = NULL;
    size_t i;
    if (key == NULL)
        return;
    if (strchr(name, '_')) {
        char *spaced = underscores_to_spaces(name);
        if (spaced) {
            alt = kg_fold_key(spaced, strlen(spaced));
            free(spaced);
        }
    }
    for (i = 0; i < s->n; i++) {
        const char *n = kg_qctx_entity_name(c, s->ids[i]);
        char *k = kg_fold_key(n, strlen(n));
        int same = k && (strcmp(k, key) == 0 || (alt && strcmp(k, alt) == 0));
        free(k);
        if (same) {
            s->ids[0] = s->ids[i];
            s->n = 1;
            break;
        }
    }
    free(key);
    free(alt);
}

int kg_plan_entity(kg_qctx *c, const kg_qterm *t, kg_idset *out, kg_error *err)
{
    kg_error tmp = {0};
    int rc;
    out->ids = NULL;
    out->n = 0;
    if (t->kind == KG_Q_REGEX) {
        rc = kg_lookup_entity_regex(c->st, t->text, &out->ids, &out->n, &tmp);
        if (rc == KG_ESYNTAX)
            return regex_error(c, t, &tmp, err);
        if (rc)
            return kg_error_set(err, rc, "%s", tmp.msg);
        if (out->n == 0)
            return kg_error_set(err, KG_ENOTFOUND, "no entity matches ~\"%.180s\"", t->text);
        return KG_OK;
    }
    rc = kg_lookup_entity(c->st, t->text, &out->ids, &out->n, &tmp);
    if (rc)
        return kg_error_set(err, rc, "%s", tmp.msg);
    if (out->n == 0) {
        /* then with "_" as spaces, the other apostrophe, both */
        char *us = underscores_to_spaces(t->text);
        char *alts[3] = {us, apostrophes_swapped(t->text), us ? apostrophes_swapped(us) : NULL};
        size_t k;
        for (k = 0; k < 3 && out->n == 0 && !rc; k++) {
            if (alts[k] == NULL)
                continue;
            free(out->ids);
            out->ids = NULL;
            rc = kg_lookup_entity(c->st, alts[k], &out->ids, &out->n, &tmp);
        }
        for (k = 0; k < 3; k++)
            free(alts[k]);
        if (rc)
            return kg_error_set(err, rc, "%s", tmp.msg);
    }
    if (out->n == 0) {
        /* then without a possessive ending or a leading "the" */
        char *core = name_core(t->text);
        if (core) {
            free(out->ids);
            out->ids = NULL;
            rc = kg_lookup_entity(c->st, core, &out->ids, &out->n, &tmp);
            free(core);
            if (rc)
                return kg_error_set(err, rc, "%s", tmp.msg);
        }
    }
    if (out->n == 0) {
        /* then blind to accents and to how they are encoded: "Societe",
         * "Lodz", a decomposed "Société" pasted from another system */
        free(out->ids);
        out->ids = NULL;
        rc = kg_lookup_entity_folded(c->st, t->text, &out->ids, &out->n, &tmp);
        if (rc == KG_OK && out->n == 0 && strchr(t->text, '_')) {
            char *us = underscores_to_spaces(t->text);
            if (us) {
                free(out->ids);
                out->ids = NULL;
                rc = kg_lookup_entity_folded(c->st, us, &out->ids, &out->n, &tmp);
                free(us);
            }
        }
        if (rc)
            return kg_error_set(err, rc, "%s", tmp.msg);
    }
    if (out->n == 0) {
        free(out->ids);
        out->ids = NULL;
        return not_found(c, "entity", t->text, 0, err);
    }
    if (out->n > 1)
        prefer_canonical(c, t->text, out);
    return KG_OK;
}

/* A rule-based lemma of the first word: pays -> pay, paid -> pay, holds -> hold,
 * competes -> compete, acquired -> acquire, partnering -> partner, stopped -> stop.
 * Returns candidates separated by '\n' (caller frees), or NULL. */
char *kg_plan_lemma(const char *name)
{
    size_t n = strcspn(name, " "), k;
    const char *rest = name + n;
    kg_buf b = {0};
    char w[128];
    if (n < 4 || n >= sizeof w)
        return NULL;
    memcpy(w, name, n);
    w[n] = '\0';
#define CAND(stem_len, suffix)                                                          \
    do {                                                                                \
        if (b.len)                                                                      \
            kg_buf_puts(&b, "\n");                                                      \
        kg_buf_append(&b, w, (stem_len));                                               \
        kg_buf_puts(&b, (suffix));                                                      \
        kg_buf_puts(&b, rest);                                                          \
    } while (0)
    if (n > 4 && strcmp(w + n - 3, "ies") == 0) {
        CAND(n - 3, "y");
    } else if (strcmp(w + n - 2, "es") == 0) {
        CAND(n - 1, "");
        CAND(n - 2, "");
    } else if (w[n - 1] == 's' && w[n - 2] != 's') {
        CAND(n - 1, "");
    } else if (strcmp(w + n - 3, "aid") == 0) {
        CAND(n - 2, "y");     /* paid, said, laid */
    } else if (strcmp(w + n - 3, "ied") == 0) {
        CAND(n - 3, "y");
    } else if (strcmp(w + n - 2, "ed") == 0) {
        k = n - 2;
        CAND(k, "");
        CAND(k, "e");
        if (k >= 2 && w[k - 1] == w[k - 2])
            CAND(k - 1, "");
    } else if (n > 5 && strcmp(w + n - 3, "ing") == 0) {
        k = n - 3;
        CAND(k, "");
        CAND(k, "e");
        if (k >= 2 && w[k - 1] == w[k - 2])
            CAND(k - 1, "");
    }
#undef CAND
    return b.data;
}

static int lookup_rel(kg_qctx *c, const char *name, kg_idset *out, kg_error *tmp)
{
    free(out->ids);
    out->ids = NULL;
    out->n = 0;
    return kg_lookup_relation(c->st, name, &out->ids, &out->n, tmp);
}

int kg_plan_relation(kg_qctx *c, const kg_qterm *t, kg_idset *out, kg_error *err)
{
    kg_error tmp = {0};
    int rc;
    char *alt, *lemmas;
    out->ids = NULL;
    out->n = 0;
    if (t->kind == KG_Q_REGEX) {
        rc = kg_lookup_relation_regex(c->st, t->text, &out->ids, &out->n, &tmp);
        if (rc == KG_ESYNTAX)
            return regex_error(c, t, &tmp, err);
        if (rc)
            return kg_error_set(err, rc, "%s", tmp.msg);
        if (out->n == 0)
            return kg_error_set(err, KG_ENOTFOUND, "no relation matches ~\"%.180s\"", t->text);
        return KG_OK;
    }
    if ((rc = lookup_rel(c, t->text, out, &tmp)) != KG_OK)
        return kg_error_set(err, rc, "%s", tmp.msg);
    alt = underscores_to_spaces(t->text);
    if (out->n == 0 && alt && (rc = lookup_rel(c, alt, out, &tmp)) != KG_OK) {
        free(alt);
        return kg_error_set(err, rc, "%s", tmp.msg);
    }
    lemmas = out->n == 0 ? kg_plan_lemma(alt ? alt : t->text) : NULL;
    free(alt);
    if (lemmas) {
        char *p = lemmas;
        while (out->n == 0 && p && *p) {
            char *nl = strchr(p, '\n');
            if (nl)
                *nl = '\0';
            if ((rc = lookup_rel(c, p, out, &tmp)) != KG_OK) {
                free(lemmas);
                return kg_error_set(err, rc, "%s", tmp.msg);
            }
            p = nl ? nl + 1 : NULL;
        }
        free(lemmas);
    }
    if (out->n == 0) {
        free(out->ids);
        out->ids = NULL;
        return not_found(c, "relation", t->text, 1, err);
    }
    return KG_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void set_normalise(kg_idset *s)
{
    size_t i, k = 0;
    if (s->n == 0)
        return;
    qsort(s->ids, s->n, sizeof *s->ids, cmp_i64);
    for (i = 1; i < s->n; i++)
        if (s->ids[i] != s->ids[k])
            s->ids[++k] = s->ids[i];
    s->n = k + 1;
}

static int set_union(kg_idset *dst, const kg_idset *src)
{
    int64_t *p;
    if (src->n == 0)
        return KG_OK;
    p = realloc(dst->ids, (dst->n + src->n) * sizeof *p);
    if (p == NULL)
        return KG_ENOMEM;
    memcpy(p + dst->n, src->ids, src->n * sizeof *p);
    dst->ids = p;
    dst->n += src->n;
    return KG_OK;
}

/* A list of names (via, without, avoid, through). In a list of several
 * relations, one this graph does not have is left out with a note when another
 * one is found (`via pay, "hold license"` on a graph without "hold license"
 * walks pay); when none is found, the first miss is the error (exit 1). */
static int plan_list(kg_qctx *c, const kg_qlist *l, kg_idset *out, int is_rel, kg_error *err)
{
    size_t i, n_missed = 0;
    kg_error first = {0};
    char notes[4][sizeof first.msg];
    out->ids = NULL;
    out->n = 0;
    for (i = 0; i < l->n; i++) {
        kg_idset one = {0};
        kg_error tmp = {0};
        int rc = is_rel ? kg_plan_relation(c, &l->items[i], &one, &tmp)
                        : kg_plan_entity(c, &l->items[i], &one, &tmp);
        if (rc == KG_ENOTFOUND && is_rel && l->n > 1 && l->items[i].kind != KG_Q_REGEX) {
            if (n_missed == 0)
                first = tmp;
            if (n_missed < 4)
                memcpy(notes[n_missed], tmp.msg, sizeof notes[0]);
            n_missed++;
            continue;
        }
        if (rc)
            *err = tmp;
        if (rc == KG_OK && set_union(out, &one))
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        free(one.ids);
        if (rc) {
            free(out->ids);
            out->ids = NULL;
            out->n = 0;
            return rc;
        }
    }
    if (n_missed && out->n == 0) {
        *err = first;
        return KG_ENOTFOUND;
    }
    for (i = 0; i < n_missed && i < 4; i++) {
        /* no relation "X" (left out of the list; did you mean "Y"?) */
        char *dym = strstr(notes[i], "; did you mean ");
        if (dym) {
            *dym = '\0';
            kg_qctx_note(c, "%s (left out of the list; %s)", notes[i], dym + 2);
        } else {
            kg_qctx_note(c, "%s (left out of the list)", notes[i]);
        }
    }
    set_normalise(out);
    return KG_OK;
}

int kg_plan_relations(kg_qctx *c, const kg_qlist *l, kg_idset *out, kg_error *err)
{
    return plan_list(c, l, out, 1, err);
}

int kg_plan_entities(kg_qctx *c, const kg_qlist *l, kg_idset *out, kg_error *err)
{
    return plan_list(c, l, out, 0, err);
}

/* ------------------------------------------------------------------ match */

enum { V_ENTITY = 1, V_RELATION = 2 };

typedef struct mvar {
    const char *name;
    size_t off;               /* first appearance */
    int kind;                 /* V_ENTITY / V_RELATION */
    int is_bound;
    int64_t value;
    kg_idset eq;              /* ?v = E (intersection of all) */
    int has_eq;
    kg_idset ne;              /* ?v != E */
    const char *type;         /* ?v is TYPE */
    pcre2_code **res; size_t n_res;
    pcre2_match_data *md;
    /* the other conditions (is not, !~, ^=, not ...): checked one by one */
    const kg_qcond **extra; pcre2_code **extra_re; size_t n_extra;
} mvar;

/* A chain of patterns over a dense graph can need exponentially many lookups
 * even when few rows come out: past these caps the match fails cleanly
 * (KG_ELIMIT). A lookup with a bound end is a scan of one node's adjacency in
 * the snapshot (about a microsecond), so the cap is 20 x KG_MAX_MATCH_LOOKUPS
 * (which was sized for SQL lookups), and the entries scanned are capped too. */
#define MATCH_MAX_LOOKUPS (20u * KG_MAX_MATCH_LOOKUPS)
#define MATCH_MAX_WORK 200000000ull

typedef struct mterm {
    int var;                  /* index into vars, or -1 */
    kg_idset ids;             /* constant ids when var < 0 */
} mterm;

typedef struct mpat { mterm s, r, o; int is_used; } mpat;

typedef struct mrow { const char **vals; int is_negated; } mrow;

typedef struct matcher {
    kg_qctx *c;
    const kg_query_ast *q;
    mvar *vars; size_t n_vars;
    mpat *pats; size_t n_pats;
    size_t *ret; size_t n_ret; /* var indexes returned */
    int is_projection;        /* return drops some variable: rows may repeat */
    const kg_edge **stack;    /* matched edge per level */
    kg_edge *stack_store;
    size_t n_negated;
    mrow *rows; size_t n_rows, cap_rows;
    size_t max_rows;
    size_t n_lookups;         /* lookups so far, capped by MATCH_MAX_LOOKUPS */
    uint64_t work;            /* adjacency entries inspected, capped by MATCH_MAX_WORK */
    int is_truncated;
    int negated_filter;       /* where negated: 1 (a matched statement is negated);
                                 where not negated: -1 (none is); 0 = either */
    kg_error *err;
} matcher;

static int find_var(matcher *m, const char *name)
{
    size_t i;
    for (i = 0; i < m->n_vars; i++)
        if (strcmp(m->vars[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int declare_var(matcher *m, const kg_qterm *t, int kind, int *out)
{
    int i = find_var(m, t->text);
    const kg_script *s = m->c->script;
    if (i >= 0) {
        if (m->vars[i].kind != kind)
            return kg_parse_error_at(s->src, s->len, s->source, t->off, m->err,
                                     "?%s is used both as an entity and as a relation", t->text);
        *out = i;
        return KG_OK;
    }
    m->vars[m->n_vars].name = t->text;
    m->vars[m->n_vars].off = t->off;
    m->vars[m->n_vars].kind = kind;
    *out = (int)m->n_vars++;
    return KG_OK;
}

static int resolve_term(matcher *m, const kg_qterm *t, int kind, mterm *mt)
{
    mt->var = -1;
    if (t->kind == KG_Q_VAR)
        return declare_var(m, t, kind, &mt->var);
    return kind == V_ENTITY ? kg_plan_entity(m->c, t, &mt->ids, m->err)
                            : kg_plan_relation(m->c, t, &mt->ids, m->err);
}

static int in_set(const kg_idset *s, int64_t v)
{
    return s->n && bsearch(&v, s->ids, s->n, sizeof v, cmp_i64) != NULL;
}

static const char *var_value_name(matcher *m, const mvar *v)
{
    return v->kind == V_ENTITY ? kg_qctx_entity_name(m->c, v->value)
                               : kg_qctx_relation_name(m->c, v->value);
}

/* Does value satisfy every condition on variable v? */
static int var_accepts(matcher *m, mvar *v, int64_t value)
{
    size_t i;
    if (v->has_eq && !in_set(&v->eq, value))
        return 0;
    if (in_set(&v->ne, value))
        return 0;
    if (v->type) {
        const char *t = kg_graph_entity_type(m->c->g, m->c->st, value);
        if (t == NULL || !kg_strcaseeq(t, v->type))
            return 0;
    }
    if (v->n_res || v->n_extra) {
        const char *name;
        int64_t saved = v->value;
        v->value = value;
        name = var_value_name(m, v);
        v->value = saved;
        if (name == NULL)
            return 0;
        for (i = 0; i < v->n_res; i++)
            if (pcre2_match(v->res[i], (PCRE2_SPTR)name, strlen(name), 0, 0, v->md, NULL) < 0)
                return 0;
        for (i = 0; i < v->n_extra; i++) {
            const kg_qcond *cd = v->extra[i];
            int ok = 1;
            if (cd->op == KG_C_IS) {
                const char *t = kg_graph_entity_type(m->c->g, m->c->st, value);
                ok = t != NULL && kg_strcaseeq(t, cd->value.text);
            } else if (cd->op == KG_C_MATCH) {
                ok = pcre2_match(v->extra_re[i], (PCRE2_SPTR)name, strlen(name), 0, 0, v->md,
                                 NULL) >= 0;
            } else if (cd->op == KG_C_PREFIX) {
                ok = kg_name_has_prefix(name, cd->value.text);
            }
            if (ok == cd->is_not)
                return 0;
        }
    }
    return 1;
}

static int emit(matcher *m)
{
    mrow *r;
    size_t i;
    if ((m->negated_filter == 1 && m->n_negated == 0) || m->negated_filter == 2)
        return KG_OK; /* where negated: one matched statement must be */
    if (m->n_rows == m->cap_rows) {
        size_t cap = m->cap_rows ? m->cap_rows * 2 : 64;
        mrow *rows = realloc(m->rows, cap * sizeof *rows);
        if (rows == NULL)
            return kg_error_set(m->err, KG_ENOMEM, "out of memory");
        m->rows = rows;
        m->cap_rows = cap;
    }
    r = &m->rows[m->n_rows];
    r->vals = malloc((m->n_ret ? m->n_ret : 1) * sizeof *r->vals);
    if (r->vals == NULL)
        return kg_error_set(m->err, KG_ENOMEM, "out of memory");
    for (i = 0; i < m->n_ret; i++) {
        const char *name = var_value_name(m, &m->vars[m->ret[i]]);
        r->vals[i] = name ? name : "";
    }
    r->is_negated = m->n_negated > 0;
    m->n_rows++;
    for (i = 0; i < m->n_pats; i++)
        if (kg_out_triple(m->c->out, m->stack[i]))
            return kg_error_set(m->err, KG_ENOMEM, "out of memory");
    return KG_OK;
}

/* Candidate ids for an entity term given current bindings: NULL = unbound. */
static const int64_t *term_cands(matcher *m, const mterm *t, size_t *n, int64_t *one)
{
    if (t->var < 0) {
        *n = t->ids.n;
        return t->ids.ids;
    }
    if (m->vars[t->var].is_bound) {
        *one = m->vars[t->var].value;
        *n = 1;
        return one;
    }
    if (m->vars[t->var].has_eq) {
        *n = m->vars[t->var].eq.n;
        return m->vars[t->var].eq.ids;
    }
    *n = 0;
    return NULL;
}

/* Expected degree of a candidate: its real degree, or the average for a
 * variable that explain pretends is bound (value -1). */
static double cand_degree(matcher *m, int64_t id)
{
    double nodes, edges;
    if (m->c->g == NULL)
        return 10.0;
    if (id >= 0)
        return (double)kg_graph_degree(m->c->g, id, 1) + 1.0;
    nodes = (double)kg_graph_node_count(m->c->g) + 1.0;
    edges = (double)kg_graph_edge_count(m->c->g);
    return 2.0 * edges / nodes + 1.0;
}

static double estimate(matcher *m, const mpat *p)
{
    size_t ns, no, nr, i;
    int64_t one_s, one_o, one_r;
    const int64_t *s = term_cands(m, &p->s, &ns, &one_s);
    const int64_t *o = term_cands(m, &p->o, &no, &one_o);
    const int64_t *r = term_cands(m, &p->r, &nr, &one_r);
    double edges = m->c->g ? (double)kg_graph_edge_count(m->c->g) + 1.0 : 1e6;
    double ds = 0, dso = 0;
    /* Tiers first (a known end beats a relation-only scan, which beats a full
     * scan, whatever the sizes: degrees are known, relation sizes are not), then
     * the expected number of triples within a tier. */
    if (s && o)
        return (double)ns * (double)no;
    if (s)
        for (i = 0; i < ns; i++)
            ds += cand_degree(m, s[i]);
    if (o)
        for (i = 0; i < no; i++)
            dso += cand_degree(m, o[i]);
    if (s)
        return 1e6 + ds;
    if (o)
        return 1e6 + dso;
    if (r)
        return 1e12 + edges * (double)nr;
    return 1e15 + edges;
}

static int bind_end(matcher *m, const mterm *t, int64_t value, int *did_bind)
{
    mvar *v;
    *did_bind = 0;
    if (t->var < 0)
        return 1;
    v = &m->vars[t->var];
    if (v->is_bound)
        return v->value == value;
    if (!var_accepts(m, v, value))
        return 0;
    v->is_bound = 1;
    v->value = value;
    *did_bind = 1;
    return 1;
}

static void unbind(matcher *m, const mterm *t, int did)
{
    if (did)
        m->vars[t->var].is_bound = 0;
}

static int solve(matcher *m, size_t level)
{
    size_t i, best = (size_t)-1, ns, no, nr, a, b, k;
    double best_cost = 0;
    int64_t one_s, one_o, one_r;
    const int64_t *s, *o, *r;
    mpat *p;
    int rc = KG_OK;
    if (m->n_rows >= m->max_rows) {
        m->is_truncated = 1;
        return KG_OK;
    }
    if (level == m->n_pats)
        return emit(m);
    for (i = 0; i < m->n_pats; i++) {
        double cost;
        if (m->pats[i].is_used)
            continue;
        cost = estimate(m, &m->pats[i]);
        if (best == (size_t)-1 || cost < best_cost) {
            best = i;
            best_cost = cost;
        }
    }
    p = &m->pats[best];
    p->is_used = 1;
    s = term_cands(m, &p->s, &ns, &one_s);
    o = term_cands(m, &p->o, &no, &one_o);
    r = term_cands(m, &p->r, &nr, &one_r);
    for (a = 0; a < (s ? ns : 1) && !rc; a++) {
        for (b = 0; b < (o ? no : 1) && !rc; b++) {
            kg_edge *edges = NULL;
            size_t n_edges = 0;
            kg_error tmp = {0};
            /* a chain of patterns over a dense graph can need exponentially many
             * lookups even when few rows come out: fail cleanly, do not hang */
            if (++m->n_lookups > MATCH_MAX_LOOKUPS || m->work > MATCH_MAX_WORK) {
                rc = m->work > MATCH_MAX_WORK
                     ? kg_error_set(m->err, KG_ELIMIT,
                                    "match: more than %llu statements inspected; bind an "
                                    "entity or a relation to narrow the patterns",
                                    (unsigned long long)MATCH_MAX_WORK)
                     : kg_error_set(m->err, KG_ELIMIT,
                                    "match: more than %u index lookups; bind an entity or a "
                                    "relation to narrow the patterns", MATCH_MAX_LOOKUPS);
                break;
            }
            rc = kg_graph_triples_find(m->c->g, s ? s[a] : -1, r, r ? nr : 0, o ? o[b] : -1,
                                       &edges, &n_edges, &m->work, &tmp);
            if (rc) {
                kg_error_set(m->err, rc, "%s", tmp.msg);
                break;
            }
            for (k = 0; k < n_edges && !rc && m->n_rows < m->max_rows; k++) {
                const kg_edge *e = &edges[k];
                int bs, bo, br;
                if (m->c->skip && kg_tripleset_has(m->c->skip, e->triple_id))
                    continue; /* min confidence, as of */
                if (m->negated_filter < 0 && e->is_negated)
                    continue; /* where not negated */
                if (!bind_end(m, &p->s, e->subject, &bs))
                    continue;
                if (!bind_end(m, &p->o, e->object, &bo)) {
                    unbind(m, &p->s, bs);
                    continue;
                }
                if (!bind_end(m, &p->r, e->relation, &br)) {
                    unbind(m, &p->o, bo);
                    unbind(m, &p->s, bs);
                    continue;
                }
                m->stack[level] = e;
                m->n_negated += e->is_negated ? 1 : 0;
                rc = solve(m, level + 1);
                m->n_negated -= e->is_negated ? 1 : 0;
                unbind(m, &p->r, br);
                unbind(m, &p->o, bo);
                unbind(m, &p->s, bs);
            }
            if (m->n_rows >= m->max_rows && k < n_edges)
                m->is_truncated = 1;
            free(edges);
        }
    }
    p->is_used = 0;
    return rc;
}

static const char *term_text(const kg_qterm *t, kg_buf *b)
{
    kg_buf_reset(b);
    if (t->kind == KG_Q_VAR)
        kg_buf_printf(b, "?%s", t->text);
    else if (t->kind == KG_Q_REGEX)
        kg_buf_printf(b, "~\"%s\"", t->text);
    else
        kg_buf_printf(b, "\"%s\"", t->text);
    return b->data;
}

static int explain_row(kg_qctx *c, const char *step, const char *detail)
{
    kg_out_cell_str(c->out, step);
    kg_out_cell_str(c->out, detail);
    return kg_out_row_end(c->out);
}

int kg_explain_resolved(kg_qctx *c, int is_rel, const kg_qterm *t, const kg_idset *ids)
{
    kg_buf d = {0}, a = {0};
    size_t i;
    int rc;
    kg_buf_printf(&d, "%s %s -> ", is_rel ? "relation" : "entity", term_text(t, &a));
    for (i = 0; i < ids->n && i < 5; i++)
        kg_buf_printf(&d, "%s%s", i ? ", " : "",
                      is_rel ? kg_qctx_relation_name(c, ids->ids[i])
                             : kg_qctx_entity_name(c, ids->ids[i]));
    if (ids->n > 5)
        kg_buf_printf(&d, ", ... (%zu in all)", ids->n);
    rc = d.data ? explain_row(c, "resolve", d.data) : KG_ENOMEM;
    kg_buf_free(&d);
    kg_buf_free(&a);
    return rc;
}

/* explain match: the patterns in the order the planner would take them, how
 * each is looked up, and the filters. Nothing is run. */
static int explain_match(matcher *m)
{
    kg_buf d = {0}, a = {0}, b2 = {0}, r = {0};
    size_t level, i, k;
    int rc = KG_OK;
    for (i = 0; i < m->n_pats; i++) {
        const mterm *ts[3] = {&m->pats[i].s, &m->pats[i].r, &m->pats[i].o};
        const kg_qterm *qs[3] = {&m->q->pats[i].s, &m->q->pats[i].r, &m->q->pats[i].o};
        for (k = 0; k < 3; k++)
            if (ts[k]->var < 0)
                kg_explain_resolved(m->c, k == 1, qs[k], &ts[k]->ids);
    }
    for (i = 0; i < m->n_vars; i++)
        if (m->vars[i].has_eq) {
            kg_buf_reset(&d);
            kg_buf_printf(&d, "?%s starts bound to %zu %s (from where ?%s = ...)", m->vars[i].name,
                          m->vars[i].eq.n, m->vars[i].eq.n == 1 ? "id" : "ids", m->vars[i].name);
            explain_row(m->c, "seed", d.data);
        }
    for (level = 0; level < m->n_pats; level++) {
        size_t best = (size_t)-1;
        double best_cost = 0;
        const mpat *p;
        const kg_qpattern *qp;
        int s_known, o_known;
        size_t n_tmp;
        int64_t one;
        for (i = 0; i < m->n_pats; i++) {
            double cost;
            if (m->pats[i].is_used)
                continue;
            cost = estimate(m, &m->pats[i]);
            if (best == (size_t)-1 || cost < best_cost) {
                best = i;
                best_cost = cost;
            }
        }
        p = &m->pats[best];
        qp = &m->q->pats[best];
        s_known = term_cands(m, &p->s, &n_tmp, &one) != NULL;
        o_known = term_cands(m, &p->o, &n_tmp, &one) != NULL;
        kg_buf_reset(&d);
        kg_buf_printf(&d, "pattern %zu (%s %s %s): %s", best + 1,
                      term_text(&qp->s, &a), term_text(&qp->r, &r), term_text(&qp->o, &b2),
                      s_known && o_known ? "both ends known: the shorter adjacency list (snapshot)"
                      : s_known ? "subject known: its out-edges (snapshot)"
                      : o_known ? "object known: its in-edges (snapshot)"
                      : term_cands(m, &p->r, &n_tmp, &one) ? "relation known: index (relation)"
                      : "nothing known: full scan of the triples");
        explain_row(m->c, level == 0 ? "lookup" : "join", d.data);
        m->pats[best].is_used = 1;
        /* pretend its variables are now bound */
        {
            const mterm *ts[3] = {&p->s, &p->r, &p->o};
            for (k = 0; k < 3; k++)
                if (ts[k]->var >= 0 && !m->vars[ts[k]->var].is_bound) {
                    m->vars[ts[k]->var].is_bound = 1;
                    m->vars[ts[k]->var].value = -1;
                }
        }
    }
    for (i = 0; i < m->q->n_conds; i++) {
        const kg_qcond *cd = &m->q->conds[i];
        if (cd->op == KG_C_EQ)
            continue;
        kg_buf_reset(&d);
        if (cd->subject == KG_CS_NEGATED) {
            kg_buf_printf(&d, cd->is_not ? "not negated: negated statements are not matched"
                                         : "negated: rows where a matched statement is negated");
            explain_row(m->c, "filter", d.data);
            continue;
        }
        kg_buf_printf(&d, "%s?%s %s %s, checked as soon as ?%s is bound",
                      cd->is_not && cd->op != KG_C_IS ? "not " : "", cd->var.text,
                      cd->op == KG_C_IS ? (cd->is_not ? "is not" : "is")
                          : cd->op == KG_C_NE ? "!=" : cd->op == KG_C_PREFIX ? "^=" : "~",
                      cd->op == KG_C_IS || cd->op == KG_C_PREFIX ? cd->value.text
                                                                : term_text(&cd->value, &a),
                      cd->var.text);
        explain_row(m->c, "filter", d.data);
    }
    kg_explain_edge_filters(m->c, m->q);
    kg_buf_reset(&d);
    if (m->q->ret_count)
        kg_buf_printf(&d, "sort, drop repeated bindings, count them by the returned variables, "
                      "most first%s", m->q->has_limit ? ", limit" : "");
    else
        kg_buf_printf(&d, "sort, drop repeated rows%s", m->q->has_limit ? ", limit" : "");
    explain_row(m->c, "output", d.data);
    for (i = 0; i < m->n_pats; i++)
        m->pats[i].is_used = 0;
    for (i = 0; i < m->n_vars; i++)
        m->vars[i].is_bound = 0;
    if (d.data == NULL)
        rc = KG_ENOMEM;
    kg_buf_free(&d);
    kg_buf_free(&a);
    kg_buf_free(&b2);
    kg_buf_free(&r);
    return rc;
}

static size_t g_sort_cols;
static int cmp_rows(const void *x, const void *y)
{
    const mrow *a = x, *b = y;
    size_t i;
    for (i = 0; i < g_sort_cols; i++) {
        int c = strcmp(a->vals[i], b->vals[i]);
        if (c)
            return c;
    }
    return a->is_negated - b->is_negated;
}

static int compile_regex(matcher *m, const kg_qterm *t, pcre2_code **out)
{
    int errcode;
    PCRE2_SIZE erroff;
    const kg_script *s = m->c->script;
    *out = pcre2_compile((PCRE2_SPTR)t->text, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_UTF,
                         &errcode, &erroff, NULL);
    if (*out == NULL) {
        PCRE2_UCHAR msg[128];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        return kg_parse_error_at(s->src, s->len, s->source, t->off + 1 + (t->kind == KG_Q_REGEX) + erroff,
                                 m->err, "bad regex: %s", (const char *)msg);
    }
    return KG_OK;
}

static int setup_conds(matcher *m)
{
    size_t i;
    const kg_script *s = m->c->script;
    for (i = 0; i < m->q->n_conds; i++) {
        const kg_qcond *cd = &m->q->conds[i];
        int vi;
        mvar *v;
        if (cd->subject == KG_CS_NEGATED) {
            int want = cd->is_not ? -1 : 1;
            if (m->negated_filter && m->negated_filter != want)
                m->negated_filter = 2; /* both: nothing matches */
            else
                m->negated_filter = want;
            continue;
        }
        vi = find_var(m, cd->var.text);
        if (vi < 0)
            return kg_parse_error_at(s->src, s->len, s->source, cd->var.off, m->err,
                                     "unknown variable ?%s (not in any pattern)", cd->var.text);
        v = &m->vars[vi];
        if ((cd->op == KG_C_IS && v->kind != V_ENTITY) || cd->is_not || cd->op == KG_C_PREFIX) {
            const kg_qcond **ex;
            pcre2_code **re;
            if (cd->op == KG_C_IS && v->kind != V_ENTITY)
                return kg_parse_error_at(s->src, s->len, s->source, cd->var.off, m->err,
                                         "?%s is a relation; \"is TYPE\" applies to entities",
                                         cd->var.text);
            ex = realloc(v->extra, (v->n_extra + 1) * sizeof *ex);
            if (ex == NULL)
                return kg_error_set(m->err, KG_ENOMEM, "out of memory");
            v->extra = ex;
            re = realloc(v->extra_re, (v->n_extra + 1) * sizeof *re);
            if (re == NULL)
                return kg_error_set(m->err, KG_ENOMEM, "out of memory");
            v->extra_re = re;
            v->extra[v->n_extra] = cd;
            v->extra_re[v->n_extra] = NULL;
            if (cd->op == KG_C_MATCH && compile_regex(m, &cd->value, &v->extra_re[v->n_extra]))
                return m->err->code;
            v->n_extra++;
            if (v->md == NULL && (v->md = pcre2_match_data_create(4, NULL)) == NULL)
                return kg_error_set(m->err, KG_ENOMEM, "out of memory");
            continue;
        }
        if (cd->op == KG_C_IS) {
            if (v->kind != V_ENTITY)
                return kg_parse_error_at(s->src, s->len, s->source, cd->var.off, m->err,
                                         "?%s is a relation; \"is TYPE\" applies to entities",
                                         cd->var.text);
            v->type = cd->value.text;
        } else if (cd->op == KG_C_EQ || cd->op == KG_C_NE) {
            kg_idset ids = {0};
            int rc = v->kind == V_ENTITY ? kg_plan_entity(m->c, &cd->value, &ids, m->err)
                                         : kg_plan_relation(m->c, &cd->value, &ids, m->err);
            if (rc)
                return rc;
            set_normalise(&ids);
            if (cd->op == KG_C_NE) {
                rc = set_union(&v->ne, &ids);
                free(ids.ids);
                if (rc)
                    return kg_error_set(m->err, KG_ENOMEM, "out of memory");
                set_normalise(&v->ne);
            } else if (!v->has_eq) {
                v->eq = ids;
                v->has_eq = 1;
            } else { /* intersect */
                size_t a, k = 0;
                for (a = 0; a < v->eq.n; a++)
                    if (in_set(&ids, v->eq.ids[a]))
                        v->eq.ids[k++] = v->eq.ids[a];
                v->eq.n = k;
                free(ids.ids);
            }
        } else if (cd->op == KG_C_MATCH) {
            pcre2_code **res = realloc(v->res, (v->n_res + 1) * sizeof *res);
            if (res == NULL)
                return kg_error_set(m->err, KG_ENOMEM, "out of memory");
            v->res = res;
            if (compile_regex(m, &cd->value, &v->res[v->n_res]))
                return m->err->code;
            v->n_res++;
            if (v->md == NULL && (v->md = pcre2_match_data_create(4, NULL)) == NULL)
                return kg_error_set(m->err, KG_ENOMEM, "out of memory");
        }
    }
    return KG_OK;
}

typedef struct mgroup { const mrow *first; int64_t count; } mgroup;
static size_t g_group_cols;
static int cmp_groups(const void *x, const void *y)
{
    const mgroup *a = x, *b = y;
    size_t i;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    for (i = 0; i < g_group_cols; i++) {
        int c = strcmp(a->first->vals[i], b->first->vals[i]);
        if (c)
            return c;
    }
    return 0;
}

/* return ..., count: the sorted, distinct rows (whole bindings) grouped by
 * their first n_show columns; groups by count descending, then by name. */
static int emit_counts(matcher *m, size_t n_show)
{
    kg_qctx *c = m->c;
    mgroup *g = calloc(m->n_rows + 1, sizeof *g);
    kg_qcol *cols = calloc(n_show + 1, sizeof *cols);
    size_t n_g = 0, i, j;
    int rc = KG_OK;
    if (g == NULL || cols == NULL) {
        free(g);
        free(cols);
        return kg_error_set(m->err, KG_ENOMEM, "out of memory");
    }
    for (i = 0; i < m->n_rows; i++) {
        int same = n_g > 0;
        for (j = 0; j < n_show && same; j++)
            same = strcmp(g[n_g - 1].first->vals[j], m->rows[i].vals[j]) == 0;
        if (!same)
            g[n_g++].first = &m->rows[i];
        g[n_g - 1].count++;
    }
    g_group_cols = n_show;
    if (n_g > 1)
        qsort(g, n_g, sizeof *g, cmp_groups);
    if (m->q->has_limit && n_g > m->q->limit)
        n_g = m->q->limit;
    for (i = 0; i < n_show; i++) {
        cols[i].text_name = m->vars[m->ret[i]].name;
        cols[i].json_name = m->vars[m->ret[i]].name;
    }
    cols[n_show].text_name = "count";
    cols[n_show].json_name = "count";
    kg_out_begin(c->out, cols, n_show + 1);
    for (i = 0; i < n_g && !rc; i++) {
        for (j = 0; j < n_show; j++)
            kg_out_cell_str(c->out, g[i].first->vals[j]);
        kg_out_cell_int(c->out, g[i].count);
        if ((rc = kg_out_row_end(c->out)) != KG_OK)
            kg_error_set(m->err, rc, "out of memory writing the result");
    }
    if (!rc && (rc = kg_out_end(c->out)) != KG_OK)
        kg_error_set(m->err, rc, "cannot write the result");
    free(g);
    free(cols);
    return rc;
}

int kg_plan_match(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    matcher m;
    size_t i, j, max_vars = q->n_pats * 3, n_show = 0;
    int rc;
    kg_qcol *cols = NULL;
    const kg_script *s = c->script;
    memset(&m, 0, sizeof m);
    m.c = c;
    m.q = q;
    m.err = err;
    m.n_pats = q->n_pats;
    if ((rc = kg_qctx_graph(c, err)) != KG_OK)
        return rc;
    m.vars = calloc(max_vars + 1, sizeof *m.vars);
    m.pats = calloc(q->n_pats, sizeof *m.pats);
    m.stack = calloc(q->n_pats, sizeof *m.stack);
    m.ret = calloc(max_vars + 1, sizeof *m.ret);
    if (m.vars == NULL || m.pats == NULL || m.stack == NULL || m.ret == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < q->n_pats && !rc; i++) {
        rc = resolve_term(&m, &q->pats[i].s, V_ENTITY, &m.pats[i].s);
        if (!rc)
            rc = resolve_term(&m, &q->pats[i].r, V_RELATION, &m.pats[i].r);
        if (!rc)
            rc = resolve_term(&m, &q->pats[i].o, V_ENTITY, &m.pats[i].o);
    }
    if (rc || (rc = setup_conds(&m)) != KG_OK)
        goto done;
    if (q->ret.n) {
        for (i = 0; i < q->ret.n; i++) {
            int vi = find_var(&m, q->ret.items[i].text);
            if (vi < 0) {
                rc = kg_parse_error_at(s->src, s->len, s->source, q->ret.items[i].off, err,
                                       "unknown variable ?%s (not in any pattern)",
                                       q->ret.items[i].text);
                goto done;
            }
            for (j = 0; j < m.n_ret; j++)
                if (m.ret[j] == (size_t)vi)
                    break;
            if (j == m.n_ret)
                m.ret[m.n_ret++] = (size_t)vi;
        }
    }
    if (q->ret_count) {
        /* count: rows are whole bindings, grouped by the returned variables */
        n_show = m.n_ret;
        for (i = 0; i < m.n_vars; i++) {
            for (j = 0; j < m.n_ret; j++)
                if (m.ret[j] == i)
                    break;
            if (j == m.n_ret)
                m.ret[m.n_ret++] = i;
        }
    } else if (!q->ret.n) {
        for (i = 0; i < m.n_vars; i++)
            m.ret[m.n_ret++] = i;
    }
    m.is_projection = m.n_ret < m.n_vars;
    /* everything is collected, sorted, then cut at limit: the same rows whatever
     * the ids or the index order */
    m.max_rows = 1000000;
    if (q->is_explain) {
        static const kg_qcol ecols[] = {{"step", "step"}, {"detail", "detail"}};
        kg_out_begin(c->out, ecols, 2);
        if ((rc = explain_match(&m)) != KG_OK || (rc = kg_out_end(c->out)) != KG_OK)
            kg_error_set(err, rc, "cannot write the plan");
        goto done;
    }
    kg_qctx_step(c, "resolve");
    if (m.max_rows > 0)
        rc = solve(&m, 0);
    if (rc)
        goto done;
    kg_qctx_step(c, "search");

    /* sort, drop repeats, cut at limit */
    g_sort_cols = m.n_ret;
    if (m.n_rows > 1)
        qsort(m.rows, m.n_rows, sizeof *m.rows, cmp_rows);
    {
        size_t k = 0;
        for (i = 0; i < m.n_rows; i++) {
            if (k > 0 && cmp_rows(&m.rows[k - 1], &m.rows[i]) == 0) {
                free(m.rows[i].vals);
                continue;
            }
            m.rows[k++] = m.rows[i];
        }
        m.n_rows = k;
    }
    if (q->has_limit && m.n_rows > q->limit && !q->ret_count) {
        for (i = q->limit; i < m.n_rows; i++)
            free(m.rows[i].vals);
        m.n_rows = q->limit;
    }
    if (m.is_truncated)
        kg_qctx_note(c, "match: stopped after %zu rows", m.max_rows);
    if (q->ret_count) {
        rc = emit_counts(&m, n_show);
        goto done;
    }

    cols = calloc(m.n_ret + 1, sizeof *cols);
    if (cols == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < m.n_ret; i++) {
        cols[i].text_name = m.vars[m.ret[i]].name;
        cols[i].json_name = m.vars[m.ret[i]].name;
    }
    cols[m.n_ret].text_name = "negated";
    cols[m.n_ret].json_name = find_var(&m, "negated") >= 0 ? NULL : "negated";
    kg_out_begin(c->out, cols, m.n_ret + 1);
    for (i = 0; i < m.n_rows; i++) {
        for (j = 0; j < m.n_ret; j++)
            kg_out_cell_str(c->out, m.rows[i].vals[j]);
        /* jsonl keeps the contract's shape: "negated" only on negated rows */
        kg_out_cell(c->out, m.rows[i].is_negated ? "true" : "false",
                    m.rows[i].is_negated ? "true" : NULL);
        if ((rc = kg_out_row_end(c->out)) != KG_OK) {
            kg_error_set(err, rc, "out of memory writing the result");
            goto done;
        }
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        kg_error_set(err, rc, "cannot write the result");
done:
    free(cols);
    for (i = 0; i < m.n_rows; i++)
        free(m.rows[i].vals);
    free(m.rows);
    for (i = 0; i < m.n_pats && m.pats; i++) {
        free(m.pats[i].s.ids.ids);
        free(m.pats[i].r.ids.ids);
        free(m.pats[i].o.ids.ids);
    }
    for (i = 0; i < m.n_vars; i++) {
        size_t k;
        free(m.vars[i].eq.ids);
        free(m.vars[i].ne.ids);
        for (k = 0; k < m.vars[i].n_res; k++)
            pcre2_code_free(m.vars[i].res[k]);
        free(m.vars[i].res);
        for (k = 0; k < m.vars[i].n_extra; k++)
            pcre2_code_free(m.vars[i].extra_re[k]);
        free(m.vars[i].extra);
        free(m.vars[i].extra_re);
        pcre2_match_data_free(m.vars[i].md);
    }
    free(m.vars);
    free(m.pats);
    free(m.stack);
    free(m.ret);
    free(m.stack_store);
    return rc;
}
