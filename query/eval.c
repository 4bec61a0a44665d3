/*
 * eval.c -- evaluates one parsed query over graph/ and feeds rows to format.c;
 * also the session object behind kg_query.h.
 *
 * Place in the flow: after parse.c (AST) and plan.c (names, match join). Local
 * forms touch only what they need: neighbors is a BFS with a frontier on the
 * snapshot, path a bidirectional BFS, why and match index lookups; top and
 * communities run igraph on the snapshot. Rows come out in a stable order.
 */
#include "query_int.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct kg_query_session {
    kg_store *st;
    kg_graph *g;
    FILE *out;
    int format;
    int is_explain;           /* --explain: every query is explained, not run */
    kg_export_options export_opt; /* graphml / dot: --induced, --collapse */
};

void kg_query_session_explain(kg_query_session *s, int on)
{
    s->is_explain = on;
}

void kg_query_session_subgraph(kg_query_session *s, int induced, int collapsed)
{
    s->export_opt.is_induced = induced;
    s->export_opt.is_collapsed = collapsed;
}

/* ---------------------------------------------------------------- context */

int kg_qctx_graph(kg_qctx *c, kg_error *err)
{
    if (c->g)
        return KG_OK;
    return kg_graph_open(c->st, &c->g, err);
}

/* Names come from the snapshot's cache; the snapshot is opened on first use. */
const char *kg_qctx_entity_name(kg_qctx *c, int64_t id)
{
    const char *s;
    kg_error tmp = {0};
    if (c->g == NULL && kg_qctx_graph(c, &tmp) != KG_OK)
        return "?";
    s = kg_graph_entity_name(c->g, c->st, id);
    return s ? s : "?";
}

const char *kg_qctx_relation_name(kg_qctx *c, int64_t id)
{
    const char *s;
    kg_error tmp = {0};
    if (c->g == NULL && kg_qctx_graph(c, &tmp) != KG_OK)
        return "?";
    s = kg_graph_relation_name(c->g, c->st, id);
    return s ? s : "?";
}

int kg_qctx_note(kg_qctx *c, const char *fmt, ...)
{
    va_list ap;
    char line[512];
    if (c->notes == NULL)
        return KG_OK;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (kg_buf_puts(c->notes, line) || kg_buf_puts(c->notes, "\n"))
        return KG_ENOMEM;
    return KG_OK;
}

static int out_error(kg_error *err, int rc)
{
    return kg_error_set(err, rc, rc == KG_ENOMEM ? "out of memory writing the result"
                                                 : "cannot write the result");
}

/* A JSON edge object {"subject": .., "relation": .., "object": ..} appended to b. */
static int json_edge(kg_qctx *c, kg_buf *b, const kg_edge *e)
{
    const char *s = kg_qctx_entity_name(c, e->subject), *r = kg_qctx_relation_name(c, e->relation),
               *o = kg_qctx_entity_name(c, e->object);
    if (kg_buf_puts(b, "{\"subject\": ") || kg_json_str(b, s, strlen(s)) ||
        kg_buf_puts(b, ", \"relation\": ") || kg_json_str(b, r, strlen(r)) ||
        kg_buf_puts(b, ", \"object\": ") || kg_json_str(b, o, strlen(o)) || kg_buf_puts(b, "}"))
        return KG_ENOMEM;
    return KG_OK;
}

/* with evidence: the evidence records of one triple (kg_statements_between
 * filtered to its id), appended to b as a JSON array and, when text is given,
 * the first one as "document: sentence". */
static int cmp_id64(const void *a, const void *b);

/* with evidence: read the evidence of these triples in batches (a few SQL
 * statements instead of one per row); edge_evidence then looks them up. */
static int prefetch_evidence(kg_qctx *c, int64_t *ids, size_t n, kg_error *err)
{
    size_t i, k = 0;
    if (n == 0)
        return KG_OK;
    qsort(ids, n, sizeof *ids, cmp_id64);
    for (i = 0; i < n; i++)
        if (k == 0 || ids[k - 1] != ids[i])
            ids[k++] = ids[i];
    return kg_statements_of_triples(c->st, ids, k, &c->ev, &c->n_ev, err);
}

static void drop_evidence(kg_qctx *c)
{
    kg_statements_free(c->ev, c->n_ev);
    c->ev = NULL;
    c->n_ev = 0;
}

static int edge_evidence(kg_qctx *c, const kg_edge *e, kg_buf *json, kg_buf *text, kg_error *err)
{
    kg_statement *st = NULL;
    size_t n = 0, i;
    int rc = KG_OK, first = 1, is_cached = c->ev != NULL;
    if (is_cached) {
        size_t lo = 0, hi = c->n_ev; /* the run of e's triple id in the sorted cache */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (c->ev[mid].edge.triple_id < e->triple_id)
                lo = mid + 1;
            else
                hi = mid;
        }
        st = c->ev + lo;
        for (n = 0; lo + n < c->n_ev && c->ev[lo + n].edge.triple_id == e->triple_id; n++)
            ;
    } else if ((rc = kg_qctx_graph(c, err)) != KG_OK ||
               (rc = kg_graph_statements_between(c->g, e->subject, e->object, &e->relation, 1,
                                                 &st, &n, err)) != KG_OK) {
        return rc;
    }
    if (json)
        kg_buf_puts(json, "[");
    for (i = 0; i < n; i++) {
        const kg_statement *s = &st[i];
        if (s->edge.triple_id != e->triple_id)
            continue;
        if (json) {
            kg_buf_puts(json, first ? "{\"document\": " : ", {\"document\": ");
            if (s->document)
                kg_json_str(json, s->document, strlen(s->document));
            else
                kg_buf_puts(json, "null");
            kg_buf_puts(json, ", \"sentence\": ");
            if (s->sentence)
                kg_json_str(json, s->sentence, strlen(s->sentence));
            else
                kg_buf_puts(json, "null");
            kg_buf_printf(json, ", \"confidence\": %.6g, \"time\": ", s->confidence);
            if (s->time)
                kg_json_str(json, s->time, strlen(s->time));
            else
                kg_buf_puts(json, "null");
            kg_buf_puts(json, "}");
        }
        if (text && first)
            kg_buf_printf(text, "%s%s%s", s->document ? s->document : "",
                          s->document && s->sentence ? ": " : "", s->sentence ? s->sentence : "");
        first = 0;
    }
    if (json && kg_buf_puts(json, "]"))
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
    if (!is_cached)
        kg_statements_free(st, n);
    return rc;
}

/* json_edge plus, with evidence, an "evidence" array inside the edge object. */
static int json_edge_ev(kg_qctx *c, kg_buf *b, const kg_edge *e, int with_evidence, kg_error *err)
{
    if (json_edge(c, b, e))
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    if (!with_evidence)
        return KG_OK;
    b->len--; /* reopen the object */
    kg_buf_puts(b, ", \"evidence\": ");
    if (edge_evidence(c, e, b, NULL, err))
        return err->code;
    return kg_buf_puts(b, "}") ? kg_error_set(err, KG_ENOMEM, "out of memory") : KG_OK;
}

/* Entity filters for neighbors / top: type = T, name ~ re, name = E, name != E. */
typedef struct efilter {
    const kg_query_ast *q;
    pcre2_code **res;         /* per cond, NULL when not a regex */
    kg_idset *sets;           /* per cond, for name = / != */
    pcre2_match_data *md;
} efilter;

static void efilter_free(efilter *f)
{
    size_t i;
    if (f->q == NULL)
        return;
    for (i = 0; i < f->q->n_conds; i++) {
        if (f->res)
            pcre2_code_free(f->res[i]);
        if (f->sets)
            free(f->sets[i].ids);
    }
    free(f->res);
    free(f->sets);
    pcre2_match_data_free(f->md);
}

static int efilter_init(kg_qctx *c, const kg_query_ast *q, efilter *f, kg_error *err)
{
    size_t i;
    const kg_script *s = c->script;
    memset(f, 0, sizeof *f);
    f->q = q;
    if (q->n_conds == 0)
        return KG_OK;
    f->res = calloc(q->n_conds, sizeof *f->res);
    f->sets = calloc(q->n_conds, sizeof *f->sets);
    f->md = pcre2_match_data_create(4, NULL);
    if (f->res == NULL || f->sets == NULL || f->md == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    for (i = 0; i < q->n_conds; i++) {
        const kg_qcond *cd = &q->conds[i];
        if (cd->op == KG_C_MATCH) {
            int code;
            PCRE2_SIZE off;
            f->res[i] = pcre2_compile((PCRE2_SPTR)cd->value.text, PCRE2_ZERO_TERMINATED,
                                      PCRE2_CASELESS | PCRE2_UTF, &code, &off, NULL);
            if (f->res[i] == NULL) {
                PCRE2_UCHAR msg[128];
                pcre2_get_error_message(code, msg, sizeof msg);
                return kg_parse_error_at(s->src, s->len, s->source,
                                         cd->value.off + 1 + (s->src[cd->value.off] == '~') + off,
                                         err, "bad regex: %s", (const char *)msg);
            }
        } else if (cd->subject == KG_CS_NAME && (cd->op == KG_C_EQ || cd->op == KG_C_NE)) {
            int rc = kg_plan_entity(c, &cd->value, &f->sets[i], err);
            if (rc)
                return rc;
        }
    }
    return KG_OK;
}

static int cmp_id64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Sets from graph/'s lookups are ascending: binary search. */
static int id_in(const kg_idset *s, int64_t v)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ids[mid] == v)
            return 1;
        if (s->ids[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Does the name start with prefix, case-insensitively (kg_fold_key)? */
int kg_name_has_prefix(const char *name, const char *prefix)
{
    char *a = kg_fold_key(name, strlen(name)), *b = kg_fold_key(prefix, strlen(prefix));
    int ok = a && b && strncmp(a, b, strlen(b)) == 0;
    free(a);
    free(b);
    return ok;
}

/* depth: the row's depth (neighbors), 0 elsewhere */
static int efilter_ok(kg_qctx *c, efilter *f, int64_t id, unsigned depth)
{
    size_t i;
    if (f->q == NULL)
        return 1;
    for (i = 0; i < f->q->n_conds; i++) {
        const kg_qcond *cd = &f->q->conds[i];
        int ok = 1;
        if (cd->subject == KG_CS_TYPE) {
            const char *t = kg_graph_entity_type(c->g, c->st, id);
            int eq = t && kg_strcaseeq(t, cd->value.text);
            ok = eq == (cd->op == KG_C_IS);
        } else if (cd->op == KG_C_MATCH) {
            const char *name = kg_qctx_entity_name(c, id);
            ok = pcre2_match(f->res[i], (PCRE2_SPTR)name, strlen(name), 0, 0, f->md, NULL) >= 0;
        } else if (cd->op == KG_C_PREFIX) {
            ok = kg_name_has_prefix(kg_qctx_entity_name(c, id), cd->value.text);
        } else if (cd->subject == KG_CS_DEPTH) {
            ok = cd->op == KG_C_EQ ? depth == cd->num : cd->op == KG_C_NE ? depth != cd->num
               : cd->op == KG_C_LT ? depth < cd->num : cd->op == KG_C_LE ? depth <= cd->num
               : cd->op == KG_C_GT ? depth > cd->num : depth >= cd->num;
        } else if (cd->op == KG_C_EQ) {
            ok = id_in(&f->sets[i], id);
        } else if (cd->op == KG_C_NE) {
            ok = !id_in(&f->sets[i], id);
        }
        if (ok == cd->is_not)
            return 0;
    }
    return 1;
}

static int resolve_one(kg_qctx *c, const kg_qterm *t, int64_t *id, kg_error *err)
{
    kg_idset s = {0};
    int rc = kg_plan_entity(c, t, &s, err);
    if (rc)
        return rc;
    if (s.n > 1) {
        kg_buf b = {0};
        size_t i;
        for (i = 0; i < s.n && i < 5; i++) {
            const char *n = kg_qctx_entity_name(c, s.ids[i]);
            kg_buf_printf(&b, "%s\"%s\"", i ? ", " : "", n);
        }
        rc = kg_error_set(err, KG_ENOTFOUND, "%s\"%.100s\" matches %zu entities: %s%s; be more "
                          "specific", t->kind == KG_Q_REGEX ? "~" : "", t->text, s.n,
                          b.data ? b.data : "", s.n > 5 ? ", ..." : "");
        kg_buf_free(&b);
        free(s.ids);
        return rc;
    }
    *id = s.ids[0];
    free(s.ids);
    return KG_OK;
}

/* ----------------------------------------------------------------- forms */

/* Merge order for several start entities: by depth, then by position (stable). */
typedef struct reached_pos { unsigned depth; size_t pos; } reached_pos;
typedef struct ent_pos { int64_t entity; size_t pos; } ent_pos;
static int cmp_ent_pos(const void *x, const void *y)
{
    const ent_pos *a = x, *b = y;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static int cmp_reached(const void *x, const void *y)
{
    const reached_pos *a = x, *b = y;
    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

typedef struct nrow { const kg_reached *r; const char *name; } nrow;
static int cmp_nrow(const void *x, const void *y)
{
    const nrow *a = x, *b = y;
    int c;
    if (a->r->depth != b->r->depth)
        return a->r->depth < b->r->depth ? -1 : 1;
    if ((c = strcmp(a->name, b->name)) != 0)
        return c;
    return (a->r->entity > b->r->entity) - (a->r->entity < b->r->entity);
}

static int eval_neighbors(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"entity", "entity"}, {"depth", "depth"}, {NULL, "edge"},
        {"subject", NULL}, {"relation", NULL}, {"object", NULL}, {"evidence", NULL},
    };
    size_t n_cols = q->with_evidence ? 7 : 6;
    kg_buf ev = {0};
    kg_idset starts = {0}, via = {0}, without = {0};
    kg_walk w;
    kg_reached *all = NULL;
    nrow *rows = NULL;
    size_t n_all = 0, i, n_rows = 0;
    efilter f;
    kg_buf eb = {0};
    int rc;

    memset(&f, 0, sizeof f);
    if ((rc = kg_plan_entity(c, &q->a, &starts, err)) != KG_OK ||
        (rc = kg_plan_relations(c, &q->via, &via, err)) != KG_OK ||
        (rc = kg_plan_relations(c, &q->without, &without, err)) != KG_OK ||
        (rc = kg_qctx_graph(c, err)) != KG_OK || (rc = efilter_init(c, q, &f, err)) != KG_OK)
        goto done;
    kg_qctx_step(c, "resolve");
    memset(&w, 0, sizeof w);
    w.direction = q->direction;
    w.relations = via.ids;
    w.n_relations = via.n;
    w.with_negated = q->with_negated;
    w.without = without.ids;
    w.n_without = without.n;
    w.skip = c->skip;
    for (i = 0; i < starts.n; i++) {
        kg_reached *r = NULL;
        size_t n = 0;
        if ((rc = kg_graph_neighbors(c->g, starts.ids[i], q->depth, &w, &r, &n, err)) != KG_OK)
            goto done;
        if (starts.n == 1) {
            all = r;
            n_all = n;
        } else if (n) {
            kg_reached *p = realloc(all, (n_all + n) * sizeof *p);
            if (p == NULL) {
                free(r);
                rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                goto done;
            }
            memcpy(p + n_all, r, n * sizeof *r);
            all = p;
            n_all += n;
            free(r);
        }
    }
    if (starts.n > 1) {
        /* several start entities (a regex): merge by depth, drop repeats and the starts */
        size_t k = 0, j;
        int64_t *seen;
        size_t n_seen;
        reached_pos *order = malloc((n_all + 1) * sizeof *order);
        kg_reached *sorted = malloc((n_all + 1) * sizeof *sorted);
        seen = malloc((n_all + starts.n + 1) * sizeof *seen);
        if (seen == NULL || order == NULL || sorted == NULL) {
            free(seen);
            free(order);
            free(sorted);
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto done;
        }
        for (i = 0; i < n_all; i++) {
            order[i].depth = all[i].depth;
            order[i].pos = i;
        }
        qsort(order, n_all, sizeof *order, cmp_reached);
        for (i = 0; i < n_all; i++)
            sorted[i] = all[order[i].pos];
        free(order);
        free(all);
        all = sorted;
        /* keep the first occurrence of each entity that is not a start */
        for (i = 0; i < n_all; i++) {
            seen[i] = all[i].entity;
        }
        n_seen = n_all;
        {
            ent_pos *ep = malloc((n_all + 1) * sizeof *ep);
            unsigned char *keep = calloc(n_all + 1, 1);
            if (ep == NULL || keep == NULL) {
                free(ep);
                free(keep);
                free(seen);
                rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                goto done;
            }
            for (i = 0; i < n_all; i++) {
                ep[i].entity = all[i].entity;
                ep[i].pos = i;
            }
            qsort(ep, n_all, sizeof *ep, cmp_ent_pos);
            for (i = 0; i < n_all; i++)
                if ((i == 0 || ep[i].entity != ep[i - 1].entity) && !id_in(&starts, ep[i].entity))
                    keep[ep[i].pos] = 1;
            for (i = 0, j = 0; i < n_all; i++)
                if (keep[i])
                    all[k++] = all[i];
            (void)j;
            (void)n_seen;
            free(ep);
            free(keep);
        }
        n_all = k;
        free(seen);
    }
    kg_qctx_step(c, "search");
    /* rows: the entities that pass the filter, by depth, then name, then id */
    rows = malloc((n_all + 1) * sizeof *rows);
    if (rows == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n_all; i++)
        if (efilter_ok(c, &f, all[i].entity, all[i].depth)) {
            rows[n_rows].r = &all[i];
            rows[n_rows].name = kg_qctx_entity_name(c, all[i].entity);
            n_rows++;
        }
    if (n_rows > 1)
        qsort(rows, n_rows, sizeof *rows, cmp_nrow);
    if (q->has_limit && n_rows > q->limit)
        n_rows = q->limit;
    if (q->with_evidence && n_rows > 8) {
        int64_t *ids = malloc(n_rows * sizeof *ids);
        if (ids == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto done;
        }
        for (i = 0; i < n_rows; i++)
            ids[i] = rows[i].r->via.triple_id;
        rc = prefetch_evidence(c, ids, n_rows, err);
        free(ids);
        if (rc)
            goto done;
    }
    kg_out_begin(c->out, cols, n_cols);
    for (i = 0; i < starts.n; i++)
        kg_out_entity(c->out, starts.ids[i]);
    for (i = 0; i < n_rows; i++) {
        const kg_reached *r = rows[i].r;
        kg_out_entity(c->out, r->entity);
        kg_out_triple(c->out, &r->via);
        if (kg_out_is_subgraph(c->out))
            continue;
        kg_buf_reset(&eb);
        kg_buf_reset(&ev);
        if (c->format == KG_QFMT_JSONL &&
            (rc = json_edge_ev(c, &eb, &r->via, q->with_evidence, err)) != KG_OK)
            goto done;
        if (c->format != KG_QFMT_JSONL && q->with_evidence &&
            (rc = edge_evidence(c, &r->via, NULL, &ev, err)) != KG_OK)
            goto done;
        kg_out_cell_str(c->out, rows[i].name);
        kg_out_cell_int(c->out, r->depth);
        kg_out_cell(c->out, NULL, eb.data ? eb.data : "null");
        kg_out_cell_str(c->out, kg_qctx_entity_name(c, r->via.subject));
        kg_out_cell_str(c->out, kg_qctx_relation_name(c, r->via.relation));
        kg_out_cell_str(c->out, kg_qctx_entity_name(c, r->via.object));
        kg_out_cell_str(c->out, ev.data ? ev.data : "");
        if ((rc = kg_out_row_end(c->out)) != KG_OK) {
            out_error(err, rc);
            goto done;
        }
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    drop_evidence(c);
    efilter_free(&f);
    kg_buf_free(&eb);
    kg_buf_free(&ev);
    free(rows);
    free(all);
    free(starts.ids);
    free(via.ids);
    free(without.ids);
    return rc;
}

/* "Amazon <-[partner with]- OpenAI -[pay]-> Microsoft" */
static int path_text(kg_qctx *c, int64_t from, const kg_path *p, kg_buf *b)
{
    int64_t cur = from;
    size_t i;
    if (kg_buf_puts(b, kg_qctx_entity_name(c, from)))
        return KG_ENOMEM;
    for (i = 0; i < p->n_edges; i++) {
        const kg_edge *e = &p->edges[i];
        const char *r = kg_qctx_relation_name(c, e->relation);
        if (e->subject == cur) {
            cur = e->object;
            if (kg_buf_printf(b, " -[%s]-> %s", r, kg_qctx_entity_name(c, cur)))
                return KG_ENOMEM;
        } else {
            cur = e->subject;
            if (kg_buf_printf(b, " <-[%s]- %s", r, kg_qctx_entity_name(c, cur)))
                return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* conf: by confidence, the product of the path's confidences (a column);
 * < 0 otherwise (no column). */
static int emit_path(kg_qctx *c, int64_t from, const kg_path *p, int with_evidence,
                     double conf, kg_error *err)
{
    kg_buf text = {0}, json = {0}, ev = {0};
    size_t i;
    int rc = KG_OK;
    kg_out_entity(c->out, from);
    for (i = 0; i < p->n_edges; i++)
        kg_out_triple(c->out, &p->edges[i]);
    if (kg_out_is_subgraph(c->out))
        return KG_OK;
    if (path_text(c, from, p, &text) || kg_buf_puts(&json, "["))
        rc = KG_ENOMEM;
    for (i = 0; i < p->n_edges && !rc; i++) {
        if (i && kg_buf_puts(&json, ", "))
            rc = KG_ENOMEM;
        else if (c->format == KG_QFMT_JSONL &&
                 json_edge_ev(c, &json, &p->edges[i], with_evidence, err) != KG_OK)
            rc = err->code;
        else if (c->format != KG_QFMT_JSONL && with_evidence) {
            if (i)
                kg_buf_puts(&ev, " | ");
            if (edge_evidence(c, &p->edges[i], NULL, &ev, err) != KG_OK)
                rc = err->code;
        }
    }
    if (!rc && kg_buf_puts(&json, "]"))
        rc = KG_ENOMEM;
    if (!rc) {
        kg_out_cell_int(c->out, (int64_t)p->n_edges);
        kg_out_cell(c->out, NULL, json.data);
        kg_out_cell(c->out, text.data, NULL);
        if (conf >= 0)
            kg_out_cell_real(c->out, conf);
        kg_out_cell(c->out, ev.data ? ev.data : "", NULL);
        rc = kg_out_row_end(c->out);
    }
    kg_buf_free(&text);
    kg_buf_free(&json);
    kg_buf_free(&ev);
    if (rc && err->code)
        return rc;
    return rc ? out_error(err, rc) : KG_OK;
}

typedef struct path_key { kg_path p; char *text; } path_key;
static int cmp_path_key(const void *x, const void *y)
{
    const path_key *a = x, *b = y;
    if (a->p.n_edges != b->p.n_edges)
        return a->p.n_edges < b->p.n_edges ? -1 : 1;
    return strcmp(a->text, b->text);
}

static int sort_paths(kg_qctx *c, int64_t from, kg_path *ps, size_t n, kg_error *err)
{
    path_key *k = calloc(n, sizeof *k);
    size_t i;
    int rc = KG_OK;
    if (k == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    for (i = 0; i < n && !rc; i++) {
        kg_buf b = {0};
        k[i].p = ps[i];
        if (path_text(c, from, &ps[i], &b) || b.data == NULL) {
            kg_buf_free(&b);
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        }
        k[i].text = b.data;
    }
    if (!rc) {
        qsort(k, n, sizeof *k, cmp_path_key);
        for (i = 0; i < n; i++)
            ps[i] = k[i].p;
    }
    for (i = 0; i < n; i++)
        free(k[i].text);
    free(k);
    return rc;
}

static const kg_qcol path_cols[] = {
    {"length", "length"}, {NULL, "edges"}, {"path", NULL}, {"evidence", NULL}};
/* by confidence: the product of the confidences after the path */
static const kg_qcol path_conf_cols[] = {
    {"length", "length"}, {NULL, "edges"}, {"path", NULL}, {"confidence", "confidence"},
    {"evidence", NULL}};

static double path_confidence(const kg_path *p, const float *conf, size_t n_conf)
{
    double v = 1.0;
    size_t i;
    for (i = 0; i < p->n_edges; i++) {
        int64_t t = p->edges[i].triple_id;
        v *= t >= 0 && (size_t)t < n_conf ? conf[t] : 0.0;
    }
    return v;
}

/* Resolve a through list entity by entity (each must be one entity). */
static int resolve_through(kg_qctx *c, const kg_qlist *l, int64_t **out, kg_error *err)
{
    size_t i;
    *out = NULL;
    if (l->n == 0)
        return KG_OK;
    if ((*out = malloc(l->n * sizeof **out)) == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    for (i = 0; i < l->n; i++) {
        int rc = resolve_one(c, &l->items[i], &(*out)[i], err);
        if (rc) {
            free(*out);
            *out = NULL;
            return rc;
        }
    }
    return KG_OK;
}

static int eval_path(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    int64_t a = 0, b = 0;
    int64_t *through = NULL;
    kg_idset via = {0}, avoid = {0}, without = {0};
    kg_walk w;
    kg_path p = {0};
    kg_path *ps = NULL;
    float *conf = NULL;
    size_t n_conf = 0;
    size_t n_ps = 0, i;
    int found = 0, truncated = 0, rc;
    /* the forms beyond traverse.c's: through, shortest K, by confidence */
    int is_query = q->through.n || q->has_shortest || q->by_confidence;
    if ((rc = resolve_one(c, &q->a, &a, err)) != KG_OK ||
        (rc = resolve_one(c, &q->b, &b, err)) != KG_OK ||
        (rc = kg_plan_relations(c, &q->via, &via, err)) != KG_OK ||
        (rc = kg_plan_relations(c, &q->without, &without, err)) != KG_OK ||
        (rc = kg_plan_entities(c, &q->avoid, &avoid, err)) != KG_OK ||
        (rc = resolve_through(c, &q->through, &through, err)) != KG_OK ||
        (rc = kg_qctx_graph(c, err)) != KG_OK)
        goto done;
    if (q->by_confidence && (rc = kg_triple_confidences(c->st, &conf, &n_conf, err)) != KG_OK)
        goto done;
    kg_qctx_step(c, "resolve");
    memset(&w, 0, sizeof w);
    w.direction = q->is_directed ? KG_DIR_OUT : KG_DIR_BOTH;
    w.relations = via.ids;
    w.n_relations = via.n;
    w.avoid = avoid.ids;
    w.n_avoid = avoid.n;
    w.with_negated = q->with_negated;
    w.without = without.ids;
    w.n_without = without.n;
    w.skip = c->skip;
    if (q->by_confidence)
        kg_out_begin(c->out, path_conf_cols, q->with_evidence ? 5 : 4);
    else
        kg_out_begin(c->out, path_cols, q->with_evidence ? 4 : 3);
    if (a == b && (!q->has_limit || q->limit > 0) && q->through.n == 0) {
        kg_path empty = {NULL, 0};     /* the one path of no edges */
        if ((rc = emit_path(c, a, &empty, q->with_evidence, q->by_confidence ? 1.0 : -1,
                            err)) != KG_OK)
            goto done;
    } else if (q->form == KG_F_PATH && !is_query) {
        if ((rc = kg_graph_shortest_path(c->g, a, b, &w, &p, &found, err)) != KG_OK)
            goto done;
        kg_qctx_step(c, "search");
        if (found && (rc = emit_path(c, a, &p, q->with_evidence, -1, err)) != KG_OK)
            goto done;
    } else if (!q->has_limit || q->limit > 0) {
        /* shortest K asks for K paths: the default limit does not cut them */
        size_t limit = q->has_limit ? q->limit
                       : q->has_shortest && q->shortest_k > KG_DEFAULT_LIMIT ? q->shortest_k
                                                                            : KG_DEFAULT_LIMIT,
               n_show;
        if (is_query) {
            kg_path_query pq;
            memset(&pq, 0, sizeof pq);
            pq.max_len = q->has_within ? q->within : 0;
            pq.k = q->has_shortest ? q->shortest_k : q->form == KG_F_PATH ? 1 : 0;
            pq.through = through;
            pq.n_through = q->through.n;
            pq.confidence = conf;
            pq.n_confidence = n_conf;
            rc = kg_graph_paths_query(c->g, a, b, &pq, limit, &w, &ps, &n_ps, &truncated, err);
        } else {
            rc = kg_graph_paths(c->g, a, b, q->has_within ? q->within : 0, limit, &w, &ps,
                                &n_ps, &truncated, err);
        }
        if (rc != KG_OK)
            goto done;
        kg_qctx_step(c, "search");
        /* equal lengths in text order (the engine's tie order follows ids); the
         * most credible paths stay in their order of cost */
        if (n_ps > 1 && !q->by_confidence && (rc = sort_paths(c, a, ps, n_ps, err)) != KG_OK)
            goto done;
        n_show = n_ps;
        if (q->has_shortest || q->form == KG_F_PATH) {
            size_t k = q->form == KG_F_PATH ? 1 : q->shortest_k;
            if (n_show > k)
                n_show = k;
            if (n_show > limit) {
                n_show = limit;
                truncated = 1;
            } else if (truncated == 1) {
                truncated = 0; /* the K asked for, not a cut */
            }
        }
        if (q->with_evidence && n_show > 1) {
            size_t n_ids = 0, k;
            int64_t *ids;
            for (i = 0; i < n_show; i++)
                n_ids += ps[i].n_edges;
            ids = malloc((n_ids + 1) * sizeof *ids);
            if (ids == NULL) {
                rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                goto done;
            }
            for (i = 0, n_ids = 0; i < n_show; i++)
                for (k = 0; k < ps[i].n_edges; k++)
                    ids[n_ids++] = ps[i].edges[k].triple_id;
            rc = prefetch_evidence(c, ids, n_ids, err);
            free(ids);
            if (rc)
                goto done;
        }
        for (i = 0; i < n_show; i++)
            if ((rc = emit_path(c, a, &ps[i], q->with_evidence,
                                q->by_confidence ? path_confidence(&ps[i], conf, n_conf) : -1,
                                err)) != KG_OK)
                goto done;
        if (truncated == 1 && n_show >= limit)
            kg_qctx_note(c, "paths: stopped after %zu path%s (limit %zu); more exist, raise "
                            "\"limit\" to see them", n_show, n_show == 1 ? "" : "s", limit);
        else if (truncated)
            kg_qctx_note(c, "%s: the search stopped early after %zu path%s (its work bound "
                            "was reached); more may exist", q->form == KG_F_PATH ? "path" : "paths",
                         n_show, n_show == 1 ? "" : "s");
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    drop_evidence(c);
    free(p.edges);
    kg_paths_free(ps, n_ps);
    free(via.ids);
    free(avoid.ids);
    free(without.ids);
    free(through);
    free(conf);
    return rc;
}

static kg_qctx *g_sort_ctx;

static int cmp_str_null(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* why rows: by subject, relation, object names, then negated, document, sentence */
static int cmp_why(const void *x, const void *y)
{
    const kg_statement *a = x, *b = y;
    kg_qctx *c = g_sort_ctx;
    int r;
    if ((r = strcmp(kg_qctx_entity_name(c, a->edge.subject),
                    kg_qctx_entity_name(c, b->edge.subject))) != 0 ||
        (r = strcmp(kg_qctx_relation_name(c, a->edge.relation),
                    kg_qctx_relation_name(c, b->edge.relation))) != 0 ||
        (r = strcmp(kg_qctx_entity_name(c, a->edge.object),
                    kg_qctx_entity_name(c, b->edge.object))) != 0)
        return r;
    if (a->edge.is_negated != b->edge.is_negated)
        return a->edge.is_negated - b->edge.is_negated;
    if ((r = cmp_str_null(a->document, b->document)) != 0 ||
        (r = cmp_str_null(a->sentence, b->sentence)) != 0)
        return r;
    if (a->edge.triple_id != b->edge.triple_id)
        return (a->edge.triple_id > b->edge.triple_id) - (a->edge.triple_id < b->edge.triple_id);
    if (a->confidence != b->confidence)
        return a->confidence < b->confidence ? -1 : 1;
    return cmp_str_null(a->time, b->time);
}

/* Two evidence rows that would print the same (an imported file that repeats a
 * line gives one evidence record per line, with no sentence): shown once. */
static int same_why_row(const kg_statement *a, const kg_statement *b)
{
    return a->edge.triple_id == b->edge.triple_id && a->confidence == b->confidence &&
           cmp_str_null(a->document, b->document) == 0 &&
           cmp_str_null(a->sentence, b->sentence) == 0 && cmp_str_null(a->time, b->time) == 0;
}

static int eval_why(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"subject", "subject"}, {"relation", "relation"}, {"object", "object"},
        {"negated", "negated"}, {"confidence", "confidence"}, {"document", "document"},
        {"sentence", "sentence"}, {"time", "time"},
    };
    kg_idset as = {0}, bs = {0}, rels = {0};
    kg_statement *all = NULL;
    int64_t *ids = NULL;
    size_t i, j, n_all = 0, n_ids = 0, cap_ids = 0;
    int rc;
    if ((rc = kg_plan_entity(c, &q->a, &as, err)) != KG_OK ||
        (q->rel.kind && (rc = kg_plan_relation(c, &q->rel, &rels, err)) != KG_OK) ||
        (rc = kg_plan_entity(c, &q->b, &bs, err)) != KG_OK || (rc = kg_qctx_graph(c, err)) != KG_OK)
        goto done;
    /* The statements of each pair (a, b): found from a's edges in the snapshot
     * (each a's out- and in-edges whose other end is in bs), so the cost is the
     * degree of the a side, not |as| x |bs| pair lookups; then their evidence. */
    for (i = 0; i < as.n; i++) {
        int dir;
        for (dir = 0; dir < 2; dir++) {
            kg_edge *es = NULL;
            size_t n = 0, k;
            if ((rc = kg_graph_triples_find(c->g, dir == 0 ? as.ids[i] : -1,
                                            q->rel.kind ? rels.ids : NULL, q->rel.kind ? rels.n : 0,
                                            dir == 0 ? -1 : as.ids[i], &es, &n, NULL, err)) != KG_OK)
                goto done;
            for (k = 0; k < n; k++) {
                int64_t a = as.ids[i], b = dir == 0 ? es[k].object : es[k].subject;
                int64_t *grown;
                if (dir == 1 && b == a)
                    continue; /* a self-loop: met once, among the out-edges */
                if (!id_in(&bs, b))
                    continue;
                if (a == b && (as.n > 1 || bs.n > 1))
                    continue;
                /* a pair met twice (a, b) and (b, a) when both sides are regexes: once */
                if (as.n > 1 && bs.n > 1 && a > b && id_in(&as, b) && id_in(&bs, a))
                    continue;
                if (n_ids == cap_ids) {
                    cap_ids = cap_ids ? cap_ids * 2 : 64;
                    grown = realloc(ids, cap_ids * sizeof *ids);
                    if (grown == NULL) {
                        free(es);
                        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                        goto done;
                    }
                    ids = grown;
                }
                ids[n_ids++] = es[k].triple_id;
            }
            free(es);
        }
    }
    if (n_ids > 1) {
        qsort(ids, n_ids, sizeof *ids, cmp_id64);
        for (i = 1, j = 1; i < n_ids; i++)
            if (ids[i] != ids[j - 1])
                ids[j++] = ids[i];
        n_ids = j;
    }
    if (n_ids && (rc = kg_statements_of_triples(c->st, ids, n_ids, &all, &n_all, err)) != KG_OK)
        goto done;
    kg_qctx_step(c, "search");
    g_sort_ctx = c;
    if (n_all > 1)
        qsort(all, n_all, sizeof *all, cmp_why);
    kg_out_begin(c->out, cols, sizeof cols / sizeof cols[0]);
    for (i = 0; i < n_all && !rc; i++) {
        const kg_statement *st = &all[i];
        if (c->skip && kg_tripleset_has(c->skip, st->edge.triple_id))
            continue; /* min confidence, as of */
        if (i > 0 && same_why_row(st, &all[i - 1]))
            continue;
        kg_out_triple(c->out, &st->edge);
        kg_out_cell_str(c->out, kg_qctx_entity_name(c, st->edge.subject));
        kg_out_cell_str(c->out, kg_qctx_relation_name(c, st->edge.relation));
        kg_out_cell_str(c->out, kg_qctx_entity_name(c, st->edge.object));
        kg_out_cell_bool(c->out, st->edge.is_negated);
        kg_out_cell_real(c->out, st->confidence);
        kg_out_cell_str(c->out, st->document);
        kg_out_cell_str(c->out, st->sentence);
        kg_out_cell_str(c->out, st->time);
        if ((rc = kg_out_row_end(c->out)) != KG_OK)
            out_error(err, rc);
    }
    if (!rc && (rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    kg_statements_free(all, n_all);
    free(ids);
    free(as.ids);
    free(bs.ids);
    free(rels.ids);
    return rc;
}

static int cmp_ranked_desc(const void *x, const void *y)
{
    const kg_ranked *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->entity > b->entity) - (a->entity < b->entity);
}

/* top N by degree with a direction, via, without or edge filters: each
 * entity's count of the statements that pass (subject side for out, object
 * side for in, both for both), from the store's indexes (via) or a scan. */
static int rank_filtered_degree(kg_qctx *c, const kg_query_ast *q, kg_ranked **out,
                                size_t *n_out, kg_error *err)
{
    kg_idset via = {0}, without = {0};
    kg_edge *all = NULL;
    size_t n_all = 0, i, n = 0;
    kg_ranked *r = NULL;
    int rc;
    *out = NULL;
    *n_out = 0;
    if ((rc = kg_plan_relations(c, &q->via, &via, err)) != KG_OK ||
        (rc = kg_plan_relations(c, &q->without, &without, err)) != KG_OK)
        goto done;
    if (q->via.n && via.n == 0)
        goto done;
    if ((rc = kg_triples_find(c->st, -1, q->via.n ? via.ids : NULL, q->via.n ? via.n : 0, -1,
                              &all, &n_all, err)) != KG_OK)
        goto done;
    r = malloc((2 * n_all + 1) * sizeof *r);
    if (r == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n_all; i++) {
        const kg_edge *e = &all[i];
        if ((e->is_negated && !q->with_negated) || id_in(&without, e->relation) ||
            (c->skip && kg_tripleset_has(c->skip, e->triple_id)))
            continue;
        if (q->direction != KG_DIR_IN)
            r[n++].entity = e->subject;
        if (q->direction != KG_DIR_OUT)
            r[n++].entity = e->object;
    }
    /* count by entity: sort the ids, then collapse the runs */
    for (i = 0; i < n; i++)
        r[i].score = 0;
    if (n > 1)
        qsort(r, n, sizeof *r, cmp_ranked_desc); /* equal scores: by entity id */
    {
        size_t k = 0;
        for (i = 0; i < n; i++) {
            if (k > 0 && r[k - 1].entity == r[i].entity) {
                r[k - 1].score += 1;
                continue;
            }
            r[k].entity = r[i].entity;
            r[k].score = 1;
            k++;
        }
        n = k;
    }
    if (n > 1)
        qsort(r, n, sizeof *r, cmp_ranked_desc);
    *out = r;
    *n_out = n;
    r = NULL;
done:
    free(r);
    free(all);
    free(via.ids);
    free(without.ids);
    return rc;
}

static int eval_top(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {{"entity", "entity"}, {"score", "score"}};
    kg_ranked *r = NULL;
    size_t n = 0, i, n_rows = 0;
    efilter f;
    int rc;
    memset(&f, 0, sizeof f);
    if ((rc = kg_qctx_graph(c, err)) != KG_OK || (rc = efilter_init(c, q, &f, err)) != KG_OK ||
        (rc = q->has_top_filter ? rank_filtered_degree(c, q, &r, &n, err)
                                : kg_graph_rank(c->g, q->measure, &r, &n, err)) != KG_OK)
        goto done;
    kg_qctx_step(c, "rank");
    kg_out_begin(c->out, cols, 2);
    for (i = 0; i < n && n_rows < q->top_n; i++) {
        if (!efilter_ok(c, &f, r[i].entity, 0))
            continue;
        n_rows++;
        kg_out_entity(c->out, r[i].entity);
        kg_out_cell_str(c->out, kg_qctx_entity_name(c, r[i].entity));
        if (q->measure == KG_RANK_DEGREE)
            kg_out_cell_int(c->out, (int64_t)r[i].score);
        else
            kg_out_cell_real(c->out, r[i].score);
        if ((rc = kg_out_row_end(c->out)) != KG_OK) {
            out_error(err, rc);
            goto done;
        }
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    efilter_free(&f);
    free(r);
    return rc;
}

static int cmp_member(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    size_t da = kg_graph_degree(g_sort_ctx->g, a, 0), db = kg_graph_degree(g_sort_ctx->g, b, 0);
    int r;
    if (da != db)
        return da > db ? -1 : 1;
    if ((r = strcmp(kg_qctx_entity_name(g_sort_ctx, a), kg_qctx_entity_name(g_sort_ctx, b))) != 0)
        return r;
    return (a > b) - (a < b);
}

static int cmp_community(const void *x, const void *y)
{
    const kg_community *a = x, *b = y;
    if (a->n_members != b->n_members)
        return a->n_members > b->n_members ? -1 : 1;
    if (a->n_members == 0)
        return 0;
    return cmp_member(&a->members[0], &b->members[0]);
}

static int eval_communities(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"community", "community"}, {"size", "size"}, {"members", NULL}, {NULL, "members"}};
    kg_community *cs = NULL;
    size_t n = 0, i, k;
    kg_buf text = {0}, json = {0};
    int rc;
    if ((rc = kg_qctx_graph(c, err)) != KG_OK ||
        (rc = kg_graph_communities(c->g, &cs, &n, err)) != KG_OK)
        goto done;
    /* ties broken by name, not by id, so that the order does not depend on import order */
    g_sort_ctx = c;
    for (i = 0; i < n; i++)
        if (cs[i].n_members > 1)
            qsort(cs[i].members, cs[i].n_members, sizeof *cs[i].members, cmp_member);
    if (n > 1)
        qsort(cs, n, sizeof *cs, cmp_community);
    kg_out_begin(c->out, cols, 4);
    for (i = 0; i < n; i++) {
        if (q->has_limit && i >= q->limit)
            break;
        kg_buf_reset(&text);
        kg_buf_reset(&json);
        kg_buf_puts(&json, "[");
        for (k = 0; k < cs[i].n_members; k++) {
            const char *name = kg_qctx_entity_name(c, cs[i].members[k]);
            kg_out_entity(c->out, cs[i].members[k]);
            if (k < 10)
                kg_buf_printf(&text, "%s%s", k ? " | " : "", name);
            else if (k == 10)
                kg_buf_puts(&text, " | ...");
            if (k)
                kg_buf_puts(&json, ", ");
            kg_json_str(&json, name, strlen(name));
        }
        if (kg_buf_puts(&json, "]")) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto done;
        }
        kg_out_cell_int(c->out, (int64_t)i + 1);
        kg_out_cell_int(c->out, (int64_t)cs[i].n_members);
        kg_out_cell(c->out, text.data ? text.data : "", NULL);
        kg_out_cell(c->out, NULL, json.data);
        if ((rc = kg_out_row_end(c->out)) != KG_OK) {
            out_error(err, rc);
            goto done;
        }
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    kg_buf_free(&text);
    kg_buf_free(&json);
    kg_communities_free(cs, n);
    return rc;
}

static int cmp_statement(const void *x, const void *y)
{
    const kg_edge *a = x, *b = y;
    kg_qctx *c = g_sort_ctx;
    int r;
    if ((r = strcmp(kg_qctx_relation_name(c, a->relation),
                    kg_qctx_relation_name(c, b->relation))) != 0 ||
        (r = strcmp(kg_qctx_entity_name(c, a->subject), kg_qctx_entity_name(c, b->subject))) != 0 ||
        (r = strcmp(kg_qctx_entity_name(c, a->object), kg_qctx_entity_name(c, b->object))) != 0)
        return r;
    if (a->is_negated != b->is_negated)
        return a->is_negated - b->is_negated;
    return (a->triple_id > b->triple_id) - (a->triple_id < b->triple_id);
}

static int describe_one(kg_qctx *c, int64_t id, kg_error *err)
{
    kg_entity_info info;
    kg_edge *out = NULL, *in = NULL, *all = NULL;
    size_t n_out = 0, n_in = 0, n_all = 0, i;
    kg_buf b = {0}, j = {0};
    int rc;
    memset(&info, 0, sizeof info);
    if ((rc = kg_entity_get(c->st, id, &info, err)) != KG_OK ||
        (rc = kg_qctx_graph(c, err)) != KG_OK ||
        (rc = kg_graph_triples_find(c->g, id, NULL, 0, -1, &out, &n_out, NULL, err)) != KG_OK ||
        (rc = kg_graph_triples_find(c->g, -1, NULL, 0, id, &in, &n_in, NULL, err)) != KG_OK)
        goto done;
    all = malloc((n_out + n_in + 1) * sizeof *all);
    if (all == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    if (n_out)
        memcpy(all, out, n_out * sizeof *all);
    n_all = n_out;
    for (i = 0; i < n_in; i++)
        if (in[i].subject != id) /* self-loops are already in out */
            all[n_all++] = in[i];
    g_sort_ctx = c;
    if (n_all > 1)
        qsort(all, n_all, sizeof *all, cmp_statement);
    kg_out_entity(c->out, id);
    for (i = 0; i < n_all; i++)
        kg_out_triple(c->out, &all[i]);
    if (kg_out_is_subgraph(c->out))
        goto done;
    if (c->format == KG_QFMT_JSONL) {
        /* one row: the whole card */
        kg_buf_puts(&b, "[");
        for (i = 0; i < info.n_aliases; i++) {
            if (i)
                kg_buf_puts(&b, ", ");
            kg_json_str(&b, info.aliases[i], strlen(info.aliases[i]));
        }
        kg_buf_puts(&b, "]");
        kg_buf_puts(&j, "[");
        for (i = 0; i < n_all; i++) {
            if (i)
                kg_buf_puts(&j, ", ");
            json_edge(c, &j, &all[i]);
            j.len--; /* reopen the object */
            kg_buf_printf(&j, ", \"negated\": %s}", all[i].is_negated ? "true" : "false");
        }
        if (kg_buf_puts(&j, "]")) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto done;
        }
        kg_out_cell(c->out, NULL, NULL);
        kg_out_cell(c->out, NULL, NULL);
        kg_out_cell_str(c->out, info.name);
        kg_out_cell_str(c->out, info.type);
        kg_out_cell(c->out, NULL, b.data);
        kg_out_cell_int(c->out, info.mention_count);
        kg_out_cell_int(c->out, (int64_t)kg_graph_degree(c->g, id, 0));
        kg_out_cell(c->out, NULL, j.data);
        rc = kg_out_row_end(c->out);
    } else {
        char num[32];
#define FIELD(f, v) do { kg_out_cell(c->out, (f), NULL); kg_out_cell(c->out, (v), NULL); \
                         rc = rc ? rc : kg_out_row_end(c->out); } while (0)
        FIELD("entity", info.name);
        FIELD("type", info.type ? info.type : "");
        for (i = 0; i < info.n_aliases; i++)
            kg_buf_printf(&b, "%s%s", i ? " | " : "", info.aliases[i]);
        FIELD("aliases", b.data ? b.data : "");
        snprintf(num, sizeof num, "%lld", (long long)info.mention_count);
        FIELD("mentions", num);
        snprintf(num, sizeof num, "%zu", kg_graph_degree(c->g, id, 0));
        FIELD("degree", num);
        for (i = 0; i < n_all; i++) {
            kg_buf_reset(&j);
            kg_buf_printf(&j, "%s -[%s]-> %s%s", kg_qctx_entity_name(c, all[i].subject),
                          kg_qctx_relation_name(c, all[i].relation),
                          kg_qctx_entity_name(c, all[i].object),
                          all[i].is_negated ? " (negated)" : "");
            FIELD(kg_qctx_relation_name(c, all[i].relation), j.data);
        }
#undef FIELD
    }
    if (rc)
        out_error(err, rc);
done:
    kg_entity_info_free(&info);
    free(out);
    free(in);
    free(all);
    kg_buf_free(&b);
    kg_buf_free(&j);
    return rc;
}

static int eval_describe(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"field", NULL}, {"value", NULL}, {NULL, "entity"}, {NULL, "type"}, {NULL, "aliases"},
        {NULL, "mentions"}, {NULL, "degree"}, {NULL, "statements"}};
    kg_idset ids = {0};
    size_t i;
    int rc;
    if ((rc = kg_plan_entity(c, &q->a, &ids, err)) != KG_OK || (rc = kg_qctx_graph(c, err)) != KG_OK)
        goto done;
    kg_out_begin(c->out, cols, sizeof cols / sizeof cols[0]);
    for (i = 0; i < ids.n && !rc; i++)
        rc = describe_one(c, ids.ids[i], err);
    if (!rc && (rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    free(ids.ids);
    return rc;
}

/* find NAME [limit N]: the closest entity names (prefix matches, then edit distance). */
static int eval_find(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {{"entity", "entity"}, {"type", "type"}};
    char **names = NULL;
    size_t n = 0, i, max = q->has_limit ? q->limit : 10, shown = 0;
    const char *want_type = q->n_conds ? q->conds[0].value.text : NULL; /* find ... type T */
    int rc;
    if ((rc = kg_qctx_graph(c, err)) != KG_OK)
        return rc;
    if (max > 1000)
        max = 1000;
    /* with a type, ask for more candidates and keep those of the type */
    if (max && (rc = kg_lookup_suggest(c->st, q->a.text, &names, &n,
                                       want_type ? max * 10 + 100 : max, err)) != KG_OK)
        return rc;
    kg_out_begin(c->out, cols, 2);
    for (i = 0; i < n && !rc && shown < max; i++) {
        kg_idset ids = {0};
        kg_error tmp = {0};
        kg_qterm t = {KG_Q_NAME, names[i], 0};
        const char *type = NULL;
        /* the suggestion is a canonical name: resolve it to that entity */
        if (kg_plan_entity(c, &t, &ids, &tmp) == KG_OK && ids.n > 0)
            type = kg_graph_entity_type(c->g, c->st, ids.ids[0]);
        if (want_type && (type == NULL || !kg_strcaseeq(type, want_type))) {
            free(ids.ids);
            continue;
        }
        if (ids.n > 0)
            kg_out_entity(c->out, ids.ids[0]);
        free(ids.ids);
        shown++;
        kg_out_cell_str(c->out, names[i]);
        kg_out_cell_str(c->out, type ? type : "");
        if ((rc = kg_out_row_end(c->out)) != KG_OK)
            out_error(err, rc);
    }
    if (!rc && (rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
    kg_names_free(names, n);
    return rc;
}

typedef struct rel_count { int64_t relation; int64_t n, n_negated; const char *name; } rel_count;
static int cmp_rel_id(const void *x, const void *y)
{
    const kg_edge *a = x, *b = y;
    return (a->relation > b->relation) - (a->relation < b->relation);
}
static int cmp_rel_count(const void *x, const void *y)
{
    const rel_count *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* relations [of E] [limit N]: the relation vocabulary with statement counts. */
static int eval_relations(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"relation", "relation"}, {"statements", "statements"}, {"negated", "negated"}};
    kg_idset ids = {0};
    kg_edge *all = NULL;
    rel_count *rc_rows = NULL;
    size_t n_all = 0, i, n_rows = 0;
    int rc;
    if ((rc = kg_qctx_graph(c, err)) != KG_OK)
        return rc;
    if (q->a.kind) {
        if ((rc = kg_plan_entity(c, &q->a, &ids, err)) != KG_OK)
            goto done;
        for (i = 0; i < ids.n; i++) {
            kg_edge *e1 = NULL, *e2 = NULL, *grown;
            size_t n1 = 0, n2 = 0, k;
            if ((rc = kg_graph_triples_find(c->g, ids.ids[i], NULL, 0, -1, &e1, &n1, NULL,
                                            err)) != KG_OK ||
                (rc = kg_graph_triples_find(c->g, -1, NULL, 0, ids.ids[i], &e2, &n2, NULL,
                                            err)) != KG_OK) {
                free(e1);
                goto done;
            }
            grown = realloc(all, (n_all + n1 + n2 + 1) * sizeof *all);
            if (grown == NULL) {
                free(e1);
                free(e2);
                rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                goto done;
            }
            all = grown;
            for (k = 0; k < n1 && q->direction != KG_DIR_IN; k++)
                all[n_all++] = e1[k];
            for (k = 0; k < n2 && q->direction != KG_DIR_OUT; k++)
                /* a self-loop is already counted */
                if (e2[k].subject != e2[k].object || q->direction == KG_DIR_IN)
                    all[n_all++] = e2[k];
            free(e1);
            free(e2);
        }
    } else if ((rc = kg_triples_find(c->st, -1, NULL, 0, -1, &all, &n_all, err)) != KG_OK) {
        goto done;
    }
    if (n_all > 1)
        qsort(all, n_all, sizeof *all, cmp_rel_id);
    rc_rows = calloc(n_all + 1, sizeof *rc_rows);
    if (rc_rows == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < n_all; i++) {
        if (n_rows == 0 || rc_rows[n_rows - 1].relation != all[i].relation) {
            rc_rows[n_rows].relation = all[i].relation;
            rc_rows[n_rows].name = kg_qctx_relation_name(c, all[i].relation);
            n_rows++;
        }
        rc_rows[n_rows - 1].n++;
        rc_rows[n_rows - 1].n_negated += all[i].is_negated ? 1 : 0;
        kg_out_triple(c->out, &all[i]);
    }
    if (n_rows > 1)
        qsort(rc_rows, n_rows, sizeof *rc_rows, cmp_rel_count);
    if (q->has_limit && n_rows > q->limit)
        n_rows = q->limit;
    kg_out_begin(c->out, cols, 3);
    for (i = 0; i < n_rows && !rc; i++) {
        kg_out_cell_str(c->out, rc_rows[i].name);
        kg_out_cell_int(c->out, rc_rows[i].n);
        kg_out_cell_int(c->out, rc_rows[i].n_negated);
        if ((rc = kg_out_row_end(c->out)) != KG_OK)
            out_error(err, rc);
    }
    if (!rc && (rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    free(rc_rows);
    free(all);
    free(ids.ids);
    return rc;
}

static int eval_stats(kg_qctx *c, kg_error *err)
{
    static const kg_qcol cols[] = {
        {"documents", "documents"}, {"sentences", "sentences"}, {"entities", "entities"},
        {"triples", "triples"}, {"relations", "relations"}};
    kg_stats s;
    int rc;
    memset(&s, 0, sizeof s);
    if ((rc = kg_store_stats(c->st, &s, err)) != KG_OK)
        return rc;
    kg_out_begin(c->out, cols, 5);
    kg_out_cell_int(c->out, s.documents);
    kg_out_cell_int(c->out, s.sentences);
    kg_out_cell_int(c->out, s.entities);
    kg_out_cell_int(c->out, s.triples);
    kg_out_cell_int(c->out, s.relations);
    if ((rc = kg_out_row_end(c->out)) != KG_OK || (rc = kg_out_end(c->out)) != KG_OK)
        return out_error(err, rc);
    return KG_OK;
}

static const char *dir_text(int direction, int is_directed_path)
{
    if (is_directed_path || direction == KG_DIR_OUT)
        return "outgoing edges only (subject -> object)";
    return direction == KG_DIR_IN ? "incoming edges only" : "edges in both directions";
}

/* Resolve a list term by term, with a "resolve" row each, into one set. */
static int explain_list(kg_qctx *c, const kg_qlist *l, int is_rel, kg_error *err)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        kg_idset one = {0};
        int rc = is_rel ? kg_plan_relation(c, &l->items[i], &one, err)
                        : kg_plan_entity(c, &l->items[i], &one, err);
        if (rc)
            return rc;
        kg_explain_resolved(c, is_rel, &l->items[i], &one);
        free(one.ids);
    }
    return KG_OK;
}

static int explain_row(kg_qctx *c, const char *step, kg_buf *d)
{
    kg_out_cell_str(c->out, step);
    kg_out_cell_str(c->out, d->data ? d->data : "");
    kg_buf_reset(d);
    return kg_out_row_end(c->out);
}

static void explain_filters(kg_qctx *c, const kg_query_ast *q, kg_buf *d)
{
    size_t i;
    for (i = 0; i < q->n_conds; i++) {
        const kg_qcond *cd = &q->conds[i];
        if (cd->subject == KG_CS_DEPTH) {
            static const char *const names[] = {"", "", "=", "!=", "", "", "<", "<=", ">", ">="};
            kg_buf_printf(d, "%sdepth %s %u (on the reached entities)", cd->is_not ? "not " : "",
                          names[cd->op], cd->num);
            explain_row(c, "filter", d);
            continue;
        }
        kg_buf_printf(d, "%s%s %s %s%s%s", cd->is_not ? "not " : "",
                      cd->subject == KG_CS_TYPE ? "type" : "name",
                      cd->op == KG_C_IS ? "=" : cd->op == KG_C_EQ ? "=" : cd->op == KG_C_NE
                          ? "!=" : cd->op == KG_C_PREFIX ? "^=" : "~",
                      cd->op == KG_C_MATCH ? "\"" : "", cd->value.text,
                      cd->op == KG_C_MATCH ? "\"" : "");
        explain_row(c, "filter", d);
    }
}

void kg_explain_edge_filters(kg_qctx *c, const kg_query_ast *q)
{
    kg_buf d = {0};
    if (q->has_min_confidence) {
        kg_buf_printf(&d, "min confidence %g: statements whose confidence (the best of their "
                      "evidence) is below it are skipped", q->min_confidence);
        explain_row(c, "filter", &d);
    }
    if (q->has_as_of) {
        if (q->as_of)
            kg_buf_printf(&d, "as of %04d-%02d-%02d", q->as_of / 10000, q->as_of / 100 % 100,
                          q->as_of % 100);
        else
            kg_buf_printf(&d, "as of now (today)");
        kg_buf_puts(&d, ": statements whose time qualifier places them entirely before or "
                        "after it are skipped, and so are statements a dated negation "
                        "supersedes by then (an undated one from today); statements without "
                        "a time are kept");
        explain_row(c, "filter", &d);
    }
    kg_buf_free(&d);
}

/* explain: the "search" row of path and paths. */
static void explain_path_search(const kg_query_ast *q, kg_buf *d)
{
    int is_plain = !q->through.n && !q->has_shortest && !q->by_confidence;
    const char *walk = q->with_negated ? "negated edges walked" : "negated edges skipped";
    if (is_plain && q->form == KG_F_PATH) {
        kg_buf_printf(d, "bidirectional breadth-first search, %s, %s%s%s%s; stops when the "
                      "frontiers meet", dir_text(q->direction, q->is_directed), walk,
                      q->via.n ? ", only the via relations" : "",
                      q->without.n ? ", never the without relations" : "",
                      q->avoid.n ? ", avoided entities never entered" : "");
        return;
    }
    if (is_plain) {
        if (q->has_within)
            kg_buf_printf(d, "depth-first enumeration of simple paths of at most %u edges, "
                          "pruned by distance to the target, shortest first", q->within);
        else
            kg_buf_printf(d, "all shortest paths: breadth-first layers, then every way back");
        kg_buf_printf(d, "; %s, %s%s; at most %zu paths", dir_text(q->direction, q->is_directed),
                      walk, q->without.n ? ", never the without relations" : "",
                      q->has_limit ? q->limit : (size_t)KG_DEFAULT_LIMIT);
        return;
    }
    if (q->by_confidence)
        kg_buf_printf(d, "%s: bidirectional Dijkstra on the adjacency snapshot, the cost of a "
                      "statement is -ln(confidence) (statements of confidence 0 never walked), "
                      "so the path of highest product of confidences comes first",
                      q->has_shortest ? "Yen's K shortest simple paths" : "most credible path");
    else if (q->through.n)
        kg_buf_printf(d, "depth-first enumeration of simple paths by length through the given "
                      "entities in order, pruned by breadth-first distances to each of them "
                      "and to the target");
    else
        kg_buf_printf(d, "depth-first enumeration of simple paths by length (iterative "
                      "deepening), pruned by distance to the target");
    if (q->has_shortest)
        kg_buf_printf(d, "; the %zu shortest, one per entity sequence", q->shortest_k);
    else if (q->form == KG_F_PATH)
        kg_buf_printf(d, "; the first one");
    else if (q->has_within)
        kg_buf_printf(d, "; every one of at most %u edges", q->within);
    else
        kg_buf_printf(d, "; every shortest one");
    kg_buf_printf(d, "; %s, %s%s%s%s", dir_text(q->direction, q->is_directed), walk,
                  q->via.n ? ", only the via relations" : "",
                  q->without.n ? ", never the without relations" : "",
                  q->avoid.n ? ", avoided entities never entered" : "");
    if (q->form == KG_F_PATHS && !q->has_shortest)
        kg_buf_printf(d, "; at most %zu paths", q->has_limit ? q->limit : (size_t)KG_DEFAULT_LIMIT);
}

/* explain Q: how names resolve and which search runs, without running it. */
static int explain_query(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    static const kg_qcol cols[] = {{"step", "step"}, {"detail", "detail"}};
    const kg_qterm *ents[2] = {&q->a, &q->b};
    kg_buf d = {0};
    size_t i;
    int rc;
    if (q->form == KG_F_MATCH)
        return kg_plan_match(c, q, err);
    if ((rc = kg_qctx_graph(c, err)) != KG_OK)
        return rc;
    kg_out_begin(c->out, cols, 2);
    for (i = 0; i < 2; i++) {
        kg_idset ids = {0};
        if (ents[i]->kind == 0 || q->form == KG_F_FIND)
            continue;
        if (i == 1 && q->rel.kind) {
            if ((rc = kg_plan_relation(c, &q->rel, &ids, err)) != KG_OK)
                goto done;
            kg_explain_resolved(c, 1, &q->rel, &ids);
            free(ids.ids);
            ids.ids = NULL;
        }
        if ((rc = kg_plan_entity(c, ents[i], &ids, err)) != KG_OK)
            goto done;
        kg_explain_resolved(c, 0, ents[i], &ids);
        free(ids.ids);
    }
    if ((rc = explain_list(c, &q->via, 1, err)) != KG_OK ||
        (rc = explain_list(c, &q->without, 1, err)) != KG_OK ||
        (rc = explain_list(c, &q->avoid, 0, err)) != KG_OK ||
        (rc = explain_list(c, &q->through, 0, err)) != KG_OK)
        goto done;
    switch (q->form) {
    case KG_F_NEIGHBORS:
        kg_buf_printf(&d, "breadth-first search with a frontier on the adjacency snapshot: depth "
                      "%u, %s, %s%s, %s", q->depth, dir_text(q->direction, 0),
                      q->via.n ? "only the via relations" : "any relation",
                      q->without.n ? " except the without relations" : "",
                      q->with_negated ? "negated edges walked" : "negated edges skipped");
        explain_row(c, "bfs", &d);
        break;
    case KG_F_PATH:
    case KG_F_PATHS:
        explain_path_search(q, &d);
        explain_row(c, "search", &d);
        break;
    case KG_F_WHY:
        kg_buf_printf(&d, "every statement between the two entities in either direction%s, "
                      "negated ones included, with its evidence (indexes on subject and object)",
                      q->rel.kind ? ", only the given relation" : "");
        explain_row(c, "lookup", &d);
        break;
    case KG_F_TOP:
        if (q->has_top_filter)
            kg_buf_printf(&d, "degree counted over the store's statements (%s): %s%s%s, %s",
                          q->via.n ? "the via relations, by the relation index" : "a scan",
                          q->direction == KG_DIR_OUT ? "as subject (out)"
                          : q->direction == KG_DIR_IN ? "as object (in)" : "as subject or object",
                          q->via.n ? ", only the via relations" : "",
                          q->without.n ? ", never the without relations" : "",
                          q->with_negated ? "negated statements counted"
                                          : "negated statements not counted");
        else
            kg_buf_printf(&d, "%s", q->measure == KG_RANK_DEGREE
                                        ? "degree of every entity from the snapshot (negated "
                                          "statements not counted)"
                                    : q->measure == KG_RANK_PAGERANK
                                        ? "igraph PageRank (damping 0.85, directed) on a graph "
                                          "built from the snapshot"
                                    : q->measure == KG_RANK_MENTIONS
                                        ? "mention count of every entity from the store (one "
                                          "scan)"
                                        : "igraph betweenness (undirected) on a graph built "
                                          "from the snapshot");
        explain_row(c, "rank", &d);
        explain_filters(c, q, &d);
        kg_buf_printf(&d, "the first %u entities%s", q->top_n,
                      q->n_conds ? " that pass the where conditions" : "");
        explain_row(c, "output", &d);
        break;
    case KG_F_COMMUNITIES:
        kg_buf_printf(&d, "igraph multilevel (Louvain) on the undirected snapshot, fixed seed, "
                      "negated statements ignored; largest first");
        explain_row(c, "cluster", &d);
        break;
    case KG_F_DESCRIBE:
        kg_buf_printf(&d, "the entity record and aliases, then its statements (indexes on "
                      "subject and object), sorted by relation");
        explain_row(c, "lookup", &d);
        break;
    case KG_F_STATS:
        kg_buf_printf(&d, "row counts from the store");
        explain_row(c, "count", &d);
        break;
    case KG_F_FIND:
        kg_buf_printf(&d, "closest entity names: the name itself, then prefix matches, then by "
                      "edit distance; "
                      "at most %zu", q->has_limit ? q->limit : (size_t)10);
        explain_row(c, "lookup", &d);
        break;
    case KG_F_RELATIONS:
        kg_buf_printf(&d, "%s, counted by relation, most statements first",
                      q->a.kind ? "the entity's statements (indexes on subject and object)"
                                : "every statement (a scan of the triples)");
        explain_row(c, "lookup", &d);
        break;
    default:
        break;
    }
    if (q->form != KG_F_TOP)
        explain_filters(c, q, &d);
    kg_explain_edge_filters(c, q);
    if (q->form == KG_F_NEIGHBORS && q->has_limit) {
        kg_buf_printf(&d, "the first %zu rows", q->limit);
        explain_row(c, "output", &d);
    }
    if ((rc = kg_out_end(c->out)) != KG_OK)
        out_error(err, rc);
done:
    kg_buf_free(&d);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void kg_qctx_step(kg_qctx *c, const char *name)
{
    double t;
    if (c->profile == NULL)
        return;
    t = now_ms();
    kg_buf_printf(c->profile, "%-8s %9.3f ms\n", name, t - c->t_step);
    c->t_step = t;
}

/* Today's date as yyyymmdd (UTC). */
static int32_t today_ymd(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm) == NULL)
        return 20000101;
    return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday);
}

static int eval_form(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    if (q->is_explain)
        return explain_query(c, q, err);
    switch (q->form) {
    case KG_F_NEIGHBORS: return eval_neighbors(c, q, err);
    case KG_F_PATH: case KG_F_PATHS: return eval_path(c, q, err);
    case KG_F_MATCH: return kg_plan_match(c, q, err);
    case KG_F_WHY: return eval_why(c, q, err);
    case KG_F_TOP: return eval_top(c, q, err);
    case KG_F_COMMUNITIES: return eval_communities(c, q, err);
    case KG_F_DESCRIBE: return eval_describe(c, q, err);
    case KG_F_STATS: return eval_stats(c, err);
    case KG_F_RELATIONS: return eval_relations(c, q, err);
    case KG_F_FIND: return eval_find(c, q, err);
    default: return kg_error_set(err, KG_EUSAGE, "unknown query form");
    }
}

/* profile Q: "kg: profile: ..." notes: the query, one line per step, the total. */
static void profile_notes(kg_qctx *c, const kg_query_ast *q, double start, int64_t rows)
{
    const char *p = c->profile->data ? c->profile->data : "";
    const kg_script *s = c->script;
    size_t n = q->end - q->off;
    while (n > 0 && (s->src[q->off + n - 1] == ' ' || s->src[q->off + n - 1] == '\t' ||
                     s->src[q->off + n - 1] == '\n' || s->src[q->off + n - 1] == ';'))
        n--;
    kg_qctx_note(c, "profile: %.*s", (int)(n > 200 ? 200 : n), s->src + q->off);
    while (*p) {
        const char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        kg_qctx_note(c, "profile:   %.*s", (int)(nl - p), p);
        p = nl + 1;
    }
    kg_qctx_note(c, "profile:   %-8s %9.3f ms, %lld row%s", "total", now_ms() - start,
                 (long long)rows, rows == 1 ? "" : "s");
}

int kg_eval_query(kg_qctx *c, const kg_query_ast *q, kg_error *err)
{
    kg_tripleset skip = {0};
    kg_buf prof = {0};
    double start = 0;
    int64_t rows0 = kg_out_rows(c->out);
    int rc;
    if (q->is_profile && !q->is_explain) {
        c->profile = &prof;
        start = c->t_step = now_ms();
    }
    if ((q->has_min_confidence || q->has_as_of) && !q->is_explain) {
        kg_triple_filter f;
        memset(&f, 0, sizeof f);
        f.today = today_ymd();
        f.has_min_confidence = q->has_min_confidence;
        f.min_confidence = q->min_confidence;
        f.has_as_of = q->has_as_of;
        f.as_of = q->as_of ? q->as_of : f.today;
        if ((rc = kg_triples_filter(c->st, &f, &skip, NULL, err)) != KG_OK)
            goto done;
        c->skip = &skip;
        kg_qctx_step(c, "filter");
    }
    {
        size_t before = prof.len;
        rc = eval_form(c, q, err);
        /* forms that mark no steps of their own are one "run" step */
        kg_qctx_step(c, prof.len == before ? "run" : "output");
    }
    if (!rc && c->profile)
        profile_notes(c, q, start, kg_out_rows(c->out) - rows0);
done:
    c->skip = NULL;
    c->profile = NULL;
    kg_tripleset_free(&skip);
    kg_buf_free(&prof);
    return rc;
}

/* ---------------------------------------------------------------- session */

int kg_query_session_open(kg_store *st, int format, FILE *out, kg_query_session **s,
                          kg_error *err)
{
    kg_query_session *q = calloc(1, sizeof *q);
    if (q == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    q->st = st;
    q->format = format;
    q->out = out;
    *s = q;
    return KG_OK;
}

void kg_query_session_close(kg_query_session *s)
{
    if (s == NULL)
        return;
    kg_graph_close(s->g);
    free(s);
}

int kg_query_check(const char *text, size_t len, const char *source, kg_error *err)
{
    kg_script sc;
    int rc = kg_parse_script(text, len, source, &sc, err);
    kg_script_free(&sc);
    return rc;
}

int kg_query_run(kg_query_session *s, const char *text, size_t len, const char *source,
                 kg_buf *notes, kg_error *err)
{
    kg_script sc;
    kg_qctx c;
    size_t i;
    int rc, is_txn;
    memset(&c, 0, sizeof c);
    rc = kg_parse_script(text, len, source, &sc, err);
    if (rc) {
        kg_script_free(&sc);
        return rc;
    }
    c.st = s->st;
    /* a new run sees the store as it is now (another process may have written
     * since the last run of an interactive session): the snapshot is reopened,
     * which is O(1) when it is still current */
    kg_graph_close(s->g);
    s->g = NULL;
    c.g = NULL;
    c.notes = notes;
    c.script = &sc;
    c.format = s->format;
    c.out = kg_out_new(s->format, s->out);
    if (c.out == NULL) {
        kg_script_free(&sc);
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    }
    /* One read transaction for the whole run: a consistent view across queries,
     * and one lock instead of one per name lookup (SQLite locks per statement
     * outside a transaction). Failure to begin is harmless. */
    is_txn = sqlite3_exec(kg_store_db(s->st), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    for (i = 0; i < sc.n && !rc; i++) {
        if (s->is_explain)
            sc.queries[i]->is_explain = 1;
        kg_out_count_only(c.out, sc.queries[i]->is_count && !sc.queries[i]->is_explain);
        rc = kg_eval_query(&c, sc.queries[i], err);
    }
    if (!rc)
        rc = kg_out_finish(c.out, s->st, &s->export_opt, err);
    if (is_txn)
        sqlite3_exec(kg_store_db(s->st), "COMMIT", NULL, NULL, NULL);
    s->g = c.g; /* closed by the next run or by kg_query_session_close */
    kg_out_free(c.out);
    kg_script_free(&sc);
    return rc;
}
