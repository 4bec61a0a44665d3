/*
 * traverse.c -- local questions over the adjacency snapshot: BFS
 * neighbourhoods, bidirectional-BFS shortest paths, all shortest paths and
 * bounded simple paths.
 *
 * Place in the flow: graph/ stage; reads only the CSR snapshot (snapshot.c),
 * never SQLite. Each call touches only the nodes it visits: visited sets are
 * generation-stamped arrays (allocated zeroed once per open graph, so their
 * untouched pages cost nothing), not per-call clears.
 */
#include "traverse_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct u32vec { uint32_t *v; size_t n, cap; } u32vec;

static int u32_push(u32vec *q, uint32_t x)
{
    if (q->n == q->cap) {
        size_t nc = q->cap ? q->cap * 2 : 256;
        uint32_t *p = realloc(q->v, nc * sizeof *p);
        if (!p)
            return KG_ENOMEM;
        q->v = p;
        q->cap = nc;
    }
    q->v[q->n++] = x;
    return KG_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static int alloc_scratch(kg_graph *g, kg_error *err)
{
    size_t n = g->n_nodes ? g->n_nodes : 1;
    if (g->side_a)
        return KG_OK;
    g->side_a = calloc(n, sizeof *g->side_a);
    g->side_b = calloc(n, sizeof *g->side_b);
    if (!g->side_a || !g->side_b) {
        free(g->side_a);
        free(g->side_b);
        g->side_a = g->side_b = NULL;
        return kg_error_set(err, KG_ENOMEM, "out of memory for graph traversal");
    }
    g->epoch = 0;
    return KG_OK;
}

/* Start a walk: new epoch, blocked (avoided) nodes marked (side_a .block) except
 * the given ends. */
static void begin_epoch(kg_graph *g, const kg_walk *w, walk_ctx *c, uint32_t keep1, uint32_t keep2)
{
    size_t i;
    if (++g->epoch == 0) {
        memset(g->side_a, 0, g->n_nodes * sizeof *g->side_a);
        memset(g->side_b, 0, g->n_nodes * sizeof *g->side_b);
        g->epoch = 1;
    }
    c->has_block = 0;
    if (w && w->avoid) {
        for (i = 0; i < w->n_avoid; i++) {
            uint32_t u;
            if (kg_graph_node_of(g, w->avoid[i], &u) && u != keep1 && u != keep2) {
                g->side_a[u].block = g->epoch;
                c->has_block = 1;
            }
        }
    }
}

/* Sorted copies of the via and without lists go in one block (*rel_copy, freed
 * by the caller). */
static int ctx_init(kg_graph *g, const kg_walk *w, walk_ctx *c, int64_t **rel_copy, kg_error *err)
{
    size_t n_via = w && w->relations ? w->n_relations : 0;
    size_t n_without = w && w->without ? w->n_without : 0;
    memset(c, 0, sizeof *c);
    c->g = g;
    *rel_copy = NULL;
    int dir = w ? w->direction : KG_DIR_BOTH;
    c->use_out = dir != KG_DIR_IN;
    c->use_in = dir != KG_DIR_OUT;
    c->with_negated = w ? w->with_negated : 0;
    c->skip = w ? w->skip : NULL;
    if (n_via + n_without) {
        *rel_copy = malloc((n_via + n_without) * sizeof **rel_copy);
        if (!*rel_copy)
            return kg_error_set(err, KG_ENOMEM, "out of memory for graph traversal");
        if (n_via) {
            memcpy(*rel_copy, w->relations, n_via * sizeof **rel_copy);
            qsort(*rel_copy, n_via, sizeof **rel_copy, cmp_i64);
        }
        if (n_without) {
            memcpy(*rel_copy + n_via, w->without, n_without * sizeof **rel_copy);
            qsort(*rel_copy + n_via, n_without, sizeof **rel_copy, cmp_i64);
            c->without = *rel_copy + n_via;
            c->n_without = n_without;
        }
    }
    if (w && w->relations) {
        /* an explicit empty list matches nothing */
        static const int64_t none = -1;
        c->rels = n_via ? *rel_copy : &none;
        c->n_rels = n_via;
    }
    return alloc_scratch(g, err);
}

/* The walk setup for the other path searches (paths.c). */
int kg_walk_ctx_init(kg_graph *g, const kg_walk *w, walk_ctx *c, int64_t **rel_copy,
                     kg_error *err)
{
    return ctx_init(g, w, c, rel_copy, err);
}

void kg_walk_begin(kg_graph *g, const kg_walk *w, walk_ctx *c, uint32_t keep1, uint32_t keep2)
{
    begin_epoch(g, w, c, keep1, keep2);
}

/* ------------------------------------------------------------- neighbors */

int kg_graph_neighbors(kg_graph *g, int64_t start, unsigned depth, const kg_walk *w,
                       kg_reached **out, size_t *n_out, kg_error *err)
{
    walk_ctx c;
    int64_t *rel_copy = NULL;
    kg_reached *res = NULL;
    size_t n = 0, cap = 0, head = 0;
    u32vec q = {0};
    uint32_t s;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (depth > KG_MAX_HOPS)
        depth = KG_MAX_HOPS;
    if (!kg_graph_node_of(g, start, &s) || depth == 0)
        return KG_OK;
    rc = ctx_init(g, w, &c, &rel_copy, err);
    if (rc)
        return rc;
    begin_epoch(g, w, &c, s, s);
    g->side_a[s].stamp = g->epoch;
    g->side_a[s].dist = 0;
    if (u32_push(&q, s))
        goto nomem;
    while (head < q.n) {
        uint32_t u = q.v[head++];
        unsigned d = g->side_a[u].dist;
        int pass;
        if (d >= depth)
            break; /* BFS order: everything after is at least as deep */
        for (pass = 0; pass < 2; pass++) {
            const kg_adj *list;
            uint64_t lo, hi, i;
            if (pass == 0 && !c.use_out)
                continue;
            if (pass == 1 && !c.use_in)
                continue;
            list = pass == 0 ? g->out : g->in;
            lo = pass == 0 ? g->out_off[u] : g->in_off[u];
            hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
            for (i = lo; i < hi; i++) {
                uint32_t v = list[i].node;
                if (g->side_a[v].stamp == g->epoch || !kg_walk_edge_ok(&c, &list[i]) || kg_walk_blocked(&c, v))
                    continue;
                g->side_a[v].stamp = g->epoch;
                g->side_a[v].dist = d + 1;
                if (n == cap) {
                    size_t nc = cap ? cap * 2 : 64;
                    kg_reached *p = realloc(res, nc * sizeof *p);
                    if (!p)
                        goto nomem;
                    res = p;
                    cap = nc;
                }
                res[n].entity = g->node_ids[v];
                res[n].depth = d + 1;
                kg_graph_edge_at(g, u, pass == 0 ? i : (i | KG_EREF_IN), &res[n].via);
                n++;
                if (d + 1 < depth && u32_push(&q, v))
                    goto nomem;
            }
        }
    }
    free(q.v);
    free(rel_copy);
    *out = res;
    *n_out = n;
    return KG_OK;
nomem:
    free(q.v);
    free(rel_copy);
    free(res);
    return kg_error_set(err, KG_ENOMEM, "out of memory in neighbors");
}

/* ---------------------------------------------------------- shortest path */

typedef struct bfs_side {
    node_state *ns;
    int use_out, use_in;
    u32vec front, next;
} bfs_side;

typedef struct meet {
    int found;
    unsigned total;     /* path length */
    uint32_t owner;     /* node whose list holds the meeting edge */
    uint64_t ref;
    uint32_t a_end, b_end; /* the meeting edge joins A's a_end to B's b_end */
} meet;

/* Expand one full level of side x (the other side is y). Records the best
 * meeting over the whole level. */
static int expand_level(kg_graph *g, const walk_ctx *c, bfs_side *x, bfs_side *y, int x_is_a,
                        meet *best)
{
    size_t k;
    x->next.n = 0;
    for (k = 0; k < x->front.n; k++) {
        uint32_t u = x->front.v[k];
        int pass;
        for (pass = 0; pass < 2; pass++) {
            const kg_adj *list;
            uint64_t lo, hi, i;
            if ((pass == 0 && !x->use_out) || (pass == 1 && !x->use_in))
                continue;
            list = pass == 0 ? g->out : g->in;
            lo = pass == 0 ? g->out_off[u] : g->in_off[u];
            hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
            for (i = lo; i < hi; i++) {
                uint32_t v = list[i].node;
                uint64_t ref = pass == 0 ? i : (i | KG_EREF_IN);
                if (x->ns[v].stamp == g->epoch || !kg_walk_edge_ok(c, &list[i]) || kg_walk_blocked(c, v))
                    continue;
                if (y->ns[v].stamp == g->epoch) {
                    unsigned total = x->ns[u].dist + 1 + y->ns[v].dist;
                    if (!best->found || total < best->total) {
                        best->found = 1;
                        best->total = total;
                        best->owner = u;
                        best->ref = ref;
                        best->a_end = x_is_a ? u : v;
                        best->b_end = x_is_a ? v : u;
                    }
                    continue;
                }
                if (best->found)
                    continue; /* finishing the level only to find a better meeting */
                x->ns[v].stamp = g->epoch;
                x->ns[v].dist = x->ns[u].dist + 1;
                x->ns[v].par_node = u;
                x->ns[v].par_edge = ref;
                if (u32_push(&x->next, v))
                    return KG_ENOMEM;
            }
        }
    }
    {
        u32vec t = x->front;
        x->front = x->next;
        x->next = t;
    }
    return KG_OK;
}

/* Bidirectional BFS s -> t. On success *found and, when path != NULL, the path. */
static int bidir(kg_graph *g, const walk_ctx *c, uint32_t s, uint32_t t, kg_path *path,
                 int *found, unsigned *length, kg_error *err)
{
    bfs_side a = {0}, b = {0};
    meet best = {0};
    int rc = KG_OK;

    *found = 0;
    if (path) {
        path->edges = NULL;
        path->n_edges = 0;
    }
    if (s == t) {
        *found = 1;
        if (length)
            *length = 0;
        return KG_OK;
    }
    a.ns = g->side_a;
    b.ns = g->side_b;
    a.use_out = c->use_out; a.use_in = c->use_in;
    b.use_out = c->use_in;  b.use_in = c->use_out; /* walking edges backwards from t */
    a.ns[s].stamp = g->epoch; a.ns[s].dist = 0;
    b.ns[t].stamp = g->epoch; b.ns[t].dist = 0;
    if (u32_push(&a.front, s) || u32_push(&b.front, t)) {
        rc = KG_ENOMEM;
        goto done;
    }
    while (!best.found && a.front.n && b.front.n) {
        /* expand the cheaper side: fewer frontier edges to scan */
        uint64_t wa = 0, wb = 0;
        size_t k;
        for (k = 0; k < a.front.n && wa < (1u << 20); k++) {
            uint32_t u = a.front.v[k];
            if (a.use_out) wa += g->out_off[u + 1] - g->out_off[u];
            if (a.use_in) wa += g->in_off[u + 1] - g->in_off[u];
        }
        for (k = 0; k < b.front.n && wb < (1u << 20); k++) {
            uint32_t u = b.front.v[k];
            if (b.use_out) wb += g->out_off[u + 1] - g->out_off[u];
            if (b.use_in) wb += g->in_off[u + 1] - g->in_off[u];
        }
        if (wa <= wb)
            rc = expand_level(g, c, &a, &b, 1, &best);
        else
            rc = expand_level(g, c, &b, &a, 0, &best);
        if (rc)
            goto done;
    }
    if (!best.found)
        goto done;
    *found = 1;
    if (length)
        *length = best.total;
    if (path) {
        kg_edge *e = malloc((size_t)best.total * sizeof *e);
        size_t ka, i;
        uint32_t x;
        if (!e) {
            rc = KG_ENOMEM;
            goto done;
        }
        ka = a.ns[best.a_end].dist;
        /* A half: s .. a_end, filled backwards */
        x = best.a_end;
        for (i = ka; i > 0; i--) {
            kg_graph_edge_at(g, g->side_a[x].par_node, g->side_a[x].par_edge, &e[i - 1]);
            x = g->side_a[x].par_node;
        }
        kg_graph_edge_at(g, best.owner, best.ref, &e[ka]);
        /* B half: b_end .. t */
        x = best.b_end;
        for (i = ka + 1; i < best.total; i++) {
            kg_graph_edge_at(g, g->side_b[x].par_node, g->side_b[x].par_edge, &e[i]);
            x = g->side_b[x].par_node;
        }
        path->edges = e;
        path->n_edges = best.total;
    }
done:
    free(a.front.v); free(a.next.v);
    free(b.front.v); free(b.next.v);
    if (rc == KG_ENOMEM)
        return kg_error_set(err, KG_ENOMEM, "out of memory finding a path");
    return rc;
}

int kg_graph_shortest_path(kg_graph *g, int64_t from, int64_t to, const kg_walk *w,
                           kg_path *out, int *found, kg_error *err)
{
    walk_ctx c;
    int64_t *rel_copy = NULL;
    uint32_t s, t;
    int rc;

    out->edges = NULL;
    out->n_edges = 0;
    *found = 0;
    if (!kg_graph_node_of(g, from, &s) || !kg_graph_node_of(g, to, &t))
        return KG_OK;
    rc = ctx_init(g, w, &c, &rel_copy, err);
    if (rc)
        return rc;
    begin_epoch(g, w, &c, s, t);
    rc = bidir(g, &c, s, t, out, found, NULL, err);
    free(rel_copy);
    return rc;
}

/* ----------------------------------------------------------------- paths */

/* One step the DFS may take from a node: an index into out[] or in[]. */
typedef struct step { uint64_t ref; int is_doubtful; } step;
typedef struct stepvec { step *v; size_t n, cap; } stepvec;

typedef struct path_enum {
    kg_graph *g;
    const walk_ctx *c;
    uint32_t t;
    unsigned len;              /* exact length enumerated now */
    uint32_t nodes[KG_MAX_HOPS + 1];
    kg_edge edges[KG_MAX_HOPS];
    size_t limit;
    kg_path *res; size_t n, cap;
    int truncated, nomem;
    uint64_t work, prune_work;
    /* Exact pruning: distances to t that avoid the nodes on the path, by a
     * BFS from t per DFS node (see steps_from). Node-indexed, calloc'ed once
     * per call; a BFS resets what it set, so untouched pages stay free. */
    uint32_t *rdist;           /* 1 + restricted distance to t; 0 = not reached */
    unsigned char *on_path;
    uint32_t *queue;           /* the restricted BFS's queue, n_nodes long */
    size_t n_queued;           /* what the last one set in rdist */
    stepvec steps[KG_MAX_HOPS]; /* per depth: the steps still to try */
} path_enum;

static int emit(path_enum *pe)
{
    kg_path *p;
    if (pe->n == pe->limit) {
        pe->truncated = 1;
        return 1;
    }
    if (pe->n == pe->cap) {
        size_t nc = pe->cap ? pe->cap * 2 : 16;
        kg_path *np = realloc(pe->res, nc * sizeof *np);
        if (!np) {
            pe->nomem = 1;
            return 1;
        }
        pe->res = np;
        pe->cap = nc;
    }
    p = &pe->res[pe->n];
    p->n_edges = pe->len;
    p->edges = malloc(pe->len * sizeof *p->edges);
    if (!p->edges) {
        pe->nomem = 1;
        return 1;
    }
    memcpy(p->edges, pe->edges, pe->len * sizeof *p->edges);
    pe->n++;
    return 0;
}

static int work(path_enum *pe)
{
    if (++pe->work > KG_PATHS_WORK_MAX) {
        pe->truncated = 1;
        return 1;
    }
    return 0;
}

/* Shared with paths.c: see traverse_int.h. */
int kg_walk_back_bfs(kg_graph *g, const walk_ctx *c, uint32_t t, unsigned max_d, uint32_t *d,
                     const unsigned char *skip, uint32_t *q, size_t *n_queued, uint64_t *work,
                     uint64_t work_max)
{
    size_t head = 0, tail = 0;
    int stopped = 0;
    d[t] = 1;
    q[tail++] = t;
    while (head < tail && !stopped) {
        uint32_t u = q[head++];
        int pass;
        if (d[u] - 1 >= max_d)
            break;
        for (pass = 0; pass < 2 && !stopped; pass++) {
            const kg_adj *list;
            uint64_t lo, hi, i;
            if ((pass == 0 && !c->use_in) || (pass == 1 && !c->use_out))
                continue;
            list = pass == 0 ? g->out : g->in;
            lo = pass == 0 ? g->out_off[u] : g->in_off[u];
            hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
            for (i = lo; i < hi; i++) {
                uint32_t v = list[i].node;
                if (work && ++*work > work_max) {
                    stopped = 1;
                    break;
                }
                if (d[v] || (skip && skip[v]) || !kg_walk_edge_ok(c, &list[i]) ||
                    kg_walk_blocked(c, v))
                    continue;
                d[v] = d[u] + 1;
                q[tail++] = v;
            }
        }
    }
    *n_queued = tail;
    return stopped;
}

/* 1 if side_b's shortest way from v to t (par_node links) avoids the path:
 * then t is reachable from v within side_b[v].dist edges off the path. */
static int way_is_clear(const path_enum *pe, uint32_t v)
{
    const kg_graph *g = pe->g;
    unsigned d = g->side_b[v].dist;
    while (d-- > 0) {
        v = g->side_b[v].par_node;
        if (pe->on_path[v])
            return 0;
    }
    return 1;
}

/* The steps from nodes[k] (r = edges still to take) that can still end at t:
 * to t itself when r == 1, else to a node off the path from which t can be
 * reached within r - 1 edges without crossing the path. side_b's distance
 * (which may cross the path) filters first; a node whose shortest way to t
 * runs into the path is doubtful, and a BFS from t restricted to nodes off
 * the path decides for those (once per call), so a hub whose only way on is
 * back through the path is not explored (a 20-clique behind it would hold
 * billions of walks). Returns 1 to stop everything. */
static int steps_from(path_enum *pe, unsigned k, stepvec *out)
{
    kg_graph *g = pe->g;
    uint32_t u = pe->nodes[k];
    unsigned r = pe->len - k;
    int pass, has_bfs = 0;
    size_t i, n_doubtful = 0;
    out->n = 0;
    for (pass = 0; pass < 2; pass++) {
        const kg_adj *list;
        uint64_t lo, hi, j;
        if ((pass == 0 && !pe->c->use_out) || (pass == 1 && !pe->c->use_in))
            continue;
        list = pass == 0 ? g->out : g->in;
        lo = pass == 0 ? g->out_off[u] : g->in_off[u];
        hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
        for (j = lo; j < hi; j++) {
            uint32_t v = list[j].node;
            if (work(pe))
                return 1;
            if (!kg_walk_edge_ok(pe->c, &list[j]))
                continue;
            if (v == pe->t ? r != 1
                           : (r <= 1 || g->side_b[v].stamp != g->epoch ||
                              g->side_b[v].dist > r - 1 || pe->on_path[v] || kg_walk_blocked(pe->c, v)))
                continue;
            if (out->n == out->cap) {
                size_t nc = out->cap ? out->cap * 2 : 16;
                step *nv = realloc(out->v, nc * sizeof *nv);
                if (!nv) {
                    pe->nomem = 1;
                    return 1;
                }
                out->v = nv;
                out->cap = nc;
            }
            out->v[out->n].ref = pass == 0 ? j : (j | KG_EREF_IN);
            out->v[out->n].is_doubtful = v != pe->t && r >= 3 && !way_is_clear(pe, v);
            n_doubtful += out->v[out->n].is_doubtful;
            out->n++;
        }
    }
    if (n_doubtful == 0 || pe->prune_work > KG_PATHS_PRUNE_WORK_MAX)
        return 0; /* nothing to check, or no budget left: keep them all */
    has_bfs = 1;
    if (kg_walk_back_bfs(g, pe->c, pe->t, r - 1, pe->rdist, pe->on_path, pe->queue,
                         &pe->n_queued, &pe->prune_work, KG_PATHS_PRUNE_WORK_MAX))
        goto reset; /* its work bound: keeps them all */
    {
        size_t keep = 0;
        for (i = 0; i < out->n; i++) {
            uint64_t ref = out->v[i].ref;
            uint32_t v = (ref & KG_EREF_IN) ? g->in[ref & ~KG_EREF_IN].node : g->out[ref].node;
            if (!out->v[i].is_doubtful || (pe->rdist[v] && pe->rdist[v] - 1 <= r - 1))
                out->v[keep++] = out->v[i];
        }
        out->n = keep;
    }
reset:
    if (has_bfs)
        for (i = 0; i < pe->n_queued; i++)
            pe->rdist[pe->queue[i]] = 0;
    return pe->nomem;
}

/* DFS: nodes[0..k] on the path (marked in on_path); returns 1 to stop
 * everything. Every branch it enters can still reach t (steps_from), so when
 * the work bound stops it, paths may really have been left unseen. */
static int dfs(path_enum *pe, unsigned k)
{
    kg_graph *g = pe->g;
    stepvec *sv = &pe->steps[k];
    size_t i;
    if (steps_from(pe, k, sv))
        return 1;
    for (i = 0; i < sv->n; i++) {
        uint64_t ref = sv->v[i].ref;
        uint32_t v = (ref & KG_EREF_IN) ? g->in[ref & ~KG_EREF_IN].node : g->out[ref].node;
        kg_graph_edge_at(g, pe->nodes[k], ref, &pe->edges[k]);
        if (v == pe->t) {
            if (emit(pe))
                return 1;
            continue;
        }
        pe->nodes[k + 1] = v;
        pe->on_path[v] = 1;
        if (dfs(pe, k + 1)) {
            pe->on_path[v] = 0;
            return 1;
        }
        pe->on_path[v] = 0;
    }
    return 0;
}

/* BFS backwards from t up to max_d hops into side_b (stamp, dist, par_node). */
static int bfs_to_target(kg_graph *g, const walk_ctx *c, uint32_t t, unsigned max_d)
{
    u32vec q = {0};
    size_t head = 0;
    g->side_b[t].stamp = g->epoch;
    g->side_b[t].dist = 0;
    if (u32_push(&q, t))
        return KG_ENOMEM;
    while (head < q.n) {
        uint32_t u = q.v[head++];
        int pass;
        if (g->side_b[u].dist >= max_d)
            break;
        for (pass = 0; pass < 2; pass++) {
            const kg_adj *list;
            uint64_t lo, hi, i;
            /* backwards: out-edges of the forward walk are in-lists here */
            if ((pass == 0 && !c->use_in) || (pass == 1 && !c->use_out))
                continue;
            list = pass == 0 ? g->out : g->in;
            lo = pass == 0 ? g->out_off[u] : g->in_off[u];
            hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
            for (i = lo; i < hi; i++) {
                uint32_t v = list[i].node;
                if (g->side_b[v].stamp == g->epoch || !kg_walk_edge_ok(c, &list[i]) || kg_walk_blocked(c, v))
                    continue;
                g->side_b[v].stamp = g->epoch;
                g->side_b[v].dist = g->side_b[u].dist + 1;
                g->side_b[v].par_node = u; /* the next node on a shortest way to t */
                if (u32_push(&q, v)) {
                    free(q.v);
                    return KG_ENOMEM;
                }
            }
        }
    }
    free(q.v);
    return KG_OK;
}

int kg_graph_paths(kg_graph *g, int64_t from, int64_t to, unsigned max_len, size_t limit,
                   const kg_walk *w, kg_path **out, size_t *n_out, int *truncated,
                   kg_error *err)
{
    walk_ctx c;
    int64_t *rel_copy = NULL;
    uint32_t s, t;
    unsigned shortest = 0, top, i;
    int found = 0, rc;
    path_enum pe;

    *out = NULL;
    *n_out = 0;
    if (truncated)
        *truncated = 0;
    if (limit == 0)
        limit = KG_DEFAULT_LIMIT;
    if (max_len > KG_MAX_HOPS)
        max_len = KG_MAX_HOPS;
    if (!kg_graph_node_of(g, from, &s) || !kg_graph_node_of(g, to, &t) || s == t)
        return KG_OK; /* a path needs two distinct ends in the graph */
    rc = ctx_init(g, w, &c, &rel_copy, err);
    if (rc)
        return rc;
    begin_epoch(g, w, &c, s, t);
    rc = bidir(g, &c, s, t, NULL, &found, &shortest, err);
    if (rc || !found || shortest > KG_MAX_HOPS || (max_len && shortest > max_len))
        goto done;
    top = max_len ? max_len : shortest;
    begin_epoch(g, w, &c, s, t);
    if (bfs_to_target(g, &c, t, top)) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory finding paths");
        goto done;
    }
    memset(&pe, 0, sizeof pe);
    pe.g = g;
    pe.c = &c;
    pe.t = t;
    pe.limit = limit;
    pe.nodes[0] = s;
    pe.rdist = calloc(g->n_nodes, sizeof *pe.rdist);
    pe.on_path = calloc(g->n_nodes, 1);
    pe.queue = malloc(g->n_nodes * sizeof *pe.queue);
    if (pe.rdist == NULL || pe.on_path == NULL || pe.queue == NULL) {
        pe.nomem = 1;
    } else {
        pe.on_path[s] = 1;
        for (pe.len = shortest; pe.len <= top; pe.len++)
            if (dfs(&pe, 0))
                break;
    }
    free(pe.rdist);
    free(pe.on_path);
    free(pe.queue);
    for (i = 0; i < KG_MAX_HOPS; i++)
        free(pe.steps[i].v);
    if (pe.nomem) {
        kg_paths_free(pe.res, pe.n);
        rc = kg_error_set(err, KG_ENOMEM, "out of memory finding paths");
        goto done;
    }
    *out = pe.res;
    *n_out = pe.n;
    if (truncated)
        *truncated = pe.truncated;
done:
    free(rel_copy);
    return rc;
}

void kg_paths_free(kg_path *p, size_t n)
{
    size_t i;
    if (!p)
        return;
    for (i = 0; i < n; i++)
        free(p[i].edges);
    free(p);
}
