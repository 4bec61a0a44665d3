/*
 * paths.c -- the path searches beyond traverse.c's: paths through given
 * entities in order, the K shortest simple paths, and the most credible path
 * (fewest -ln(confidence)) with Yen's K shortest paths over a bidirectional
 * Dijkstra.
 *
 * Place in the flow: graph/ stage, over the CSR snapshot like traverse.c, with
 * the same walk filters (kg_walk: direction, via, without, avoid, negated,
 * skipped triples) and the same work bound.
 *
 * Unit weights: a depth-first enumeration of simple paths by exact length
 * (iterative deepening), pruned by the breadth-first distance from each node
 * to the next entity to visit plus the distances between the remaining ones.
 * In "one path per entity sequence" mode (K shortest) each node expands each
 * neighbour once, through its first allowed edge (out-list, then in-list, in
 * triple id order); otherwise parallel statements give distinct paths, as in
 * kg_graph_paths.
 */
#include "traverse_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* K shortest: the last length is enumerated completely up to this many paths,
 * so that the cut at K does not depend on ids (the caller sorts and cuts). */
#define KG_PATHS_LAST_LEVEL_MAX 10000

typedef struct pcand { uint32_t node; uint64_t ref; } pcand;

typedef struct penum {
    kg_graph *g;
    const walk_ctx *c;
    uint32_t *targets; size_t n_targets; /* the through entities, then the end */
    uint32_t **dist;          /* per target: 1 + hops from a node to it, 0 = too far */
    unsigned *tail;           /* tail[j]: hops from target j through the rest to the end */
    int node_mode;            /* one path per entity sequence */
    uint32_t *mark; uint32_t mark_gen;
    pcand *cand; size_t n_cand, cap_cand; /* node mode: neighbours to expand, per level */
    unsigned len;             /* exact length enumerated now */
    uint32_t nodes[KG_MAX_HOPS + 1];
    kg_edge edges[KG_MAX_HOPS];
    size_t limit;
    kg_path *res; size_t n, cap;
    int hit_limit, hit_work, nomem;
    uint64_t work, prune_work;
    /* Exact pruning (see prune): 1 + distance to the target heading for,
     * avoiding the nodes on the path; node-indexed, reset after each BFS. */
    uint32_t *rdist;
    unsigned char *on_path;
    uint32_t *queue;
} penum;

static int push_path(kg_path **res, size_t *n, size_t *cap, const kg_edge *e, size_t len)
{
    kg_path *p;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        kg_path *np = realloc(*res, nc * sizeof *np);
        if (!np)
            return KG_ENOMEM;
        *res = np;
        *cap = nc;
    }
    p = &(*res)[*n];
    p->n_edges = len;
    p->edges = malloc((len ? len : 1) * sizeof *p->edges);
    if (!p->edges)
        return KG_ENOMEM;
    if (len)
        memcpy(p->edges, e, len * sizeof *e);
    (*n)++;
    return KG_OK;
}

static int bfs_dist(kg_graph *g, const walk_ctx *c, uint32_t t, unsigned max_d, uint32_t *d)
{
    uint32_t *q = malloc((size_t)(g->n_nodes ? g->n_nodes : 1) * sizeof *q);
    size_t n_queued;
    if (!q)
        return KG_ENOMEM;
    kg_walk_back_bfs(g, c, t, max_d, d, NULL, q, &n_queued, NULL, 0);
    free(q);
    return KG_OK;
}

/* Lower bound on the hops from v (heading for target j) to the end; -1 = none. */
static long lower_bound(const penum *pe, uint32_t v, size_t j)
{
    uint32_t d = pe->dist[j][v];
    if (d == 0)
        return -1;
    return (long)(d - 1) + (long)pe->tail[j];
}

static int is_target(const penum *pe, uint32_t v)
{
    size_t i;
    for (i = 0; i < pe->n_targets; i++)
        if (pe->targets[i] == v)
            return 1;
    return 0;
}

static int emit(penum *pe)
{
    if (pe->n >= pe->limit) {
        pe->hit_limit = 1;
        return 1;
    }
    if (push_path(&pe->res, &pe->n, &pe->cap, pe->edges, pe->len)) {
        pe->nomem = 1;
        return 1;
    }
    return 0;
}

static int dfs(penum *pe, unsigned k, size_t j);

/* Take the edge at ref of u to v as hop k (target j); returns 1 to stop. */
static int step(penum *pe, unsigned k, size_t j, uint32_t u, uint32_t v, uint64_t ref)
{
    unsigned r = pe->len - k, x;
    size_t nj = j;
    long lb;
    if (kg_walk_blocked(pe->c, v))
        return 0;
    for (x = 0; x <= k; x++)
        if (pe->nodes[x] == v)
            return 0;
    if (v == pe->targets[j]) {
        if (j == pe->n_targets - 1) {
            if (r != 1)
                return 0;
            kg_graph_edge_at(pe->g, u, ref, &pe->edges[k]);
            return emit(pe);
        }
        nj = j + 1;
    } else if (is_target(pe, v)) {
        return 0; /* the end, or a through entity out of order */
    }
    if (r <= 1)
        return 0;
    lb = lower_bound(pe, v, nj);
    if (lb < 0 || (unsigned long)lb > r - 1)
        return 0;
    kg_graph_edge_at(pe->g, u, ref, &pe->edges[k]);
    pe->nodes[k + 1] = v;
    return dfs(pe, k + 1, nj);
}

/* Drop the candidates cand[base..] of nodes[k] (heading for target j) that
 * cannot reach target j without crossing the path within the hops left. The
 * plain distances may run through the path: a candidate is doubtful when a
 * node on the path is nearer the target than it, and a BFS restricted to the
 * nodes off the path decides for those (once per DFS node). A hub whose only
 * way on is back through the path is then not explored, so when the work
 * bound stops a search, paths may really have been left unseen. */
static void prune(penum *pe, unsigned k, size_t j, size_t base)
{
    unsigned r = pe->len - k, x;
    long max_d = (long)r - 1 - (long)pe->tail[j];
    uint32_t *dj = pe->dist[j];
    size_t i, keep, n_queued = 0;
    int n_doubtful = 0, stopped;
    if (max_d < 1 || pe->prune_work > KG_PATHS_PRUNE_WORK_MAX)
        return;
    for (i = base; i < pe->n_cand && !n_doubtful; i++) {
        uint32_t v = pe->cand[i].node;
        if (v == pe->targets[j] || dj[v] == 0)
            continue;
        for (x = 0; x <= k; x++)
            if (dj[pe->nodes[x]] && dj[pe->nodes[x]] < dj[v]) {
                n_doubtful = 1;
                break;
            }
    }
    if (!n_doubtful)
        return;
    for (x = 0; x <= k; x++)
        pe->on_path[pe->nodes[x]] = 1;
    stopped = kg_walk_back_bfs(pe->g, pe->c, pe->targets[j], (unsigned)max_d, pe->rdist,
                               pe->on_path, pe->queue, &n_queued, &pe->prune_work,
                               KG_PATHS_PRUNE_WORK_MAX);
    if (!stopped) {
        for (i = base, keep = base; i < pe->n_cand; i++) {
            uint32_t v = pe->cand[i].node;
            if (v == pe->targets[j] || is_target(pe, v) ||
                (pe->rdist[v] && (long)pe->rdist[v] - 1 <= max_d))
                pe->cand[keep++] = pe->cand[i];
        }
        pe->n_cand = keep;
    }
    for (i = 0; i < n_queued; i++)
        pe->rdist[pe->queue[i]] = 0;
    for (x = 0; x <= k; x++)
        pe->on_path[pe->nodes[x]] = 0;
}

/* nodes[0..k] on the path, heading for target j; returns 1 to stop. The
 * neighbours to take are collected first (on a stack shared by the levels;
 * in node mode each distinct neighbour once, so that a deeper level's marks
 * cannot undo this level's), then pruned, then walked. */
static int dfs(penum *pe, unsigned k, size_t j)
{
    kg_graph *g = pe->g;
    uint32_t u = pe->nodes[k];
    size_t base = pe->n_cand, i;
    int pass, stop = 0;
    if (pe->node_mode && ++pe->mark_gen == 0) {
        memset(pe->mark, 0, (size_t)g->n_nodes * sizeof *pe->mark);
        pe->mark_gen = 1;
    }
    for (pass = 0; pass < 2 && !stop; pass++) {
        const kg_adj *list;
        uint64_t lo, hi, e;
        if ((pass == 0 && !pe->c->use_out) || (pass == 1 && !pe->c->use_in))
            continue;
        list = pass == 0 ? g->out : g->in;
        lo = pass == 0 ? g->out_off[u] : g->in_off[u];
        hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
        for (e = lo; e < hi; e++) {
            uint32_t v = list[e].node;
            uint64_t ref = pass == 0 ? e : (e | KG_EREF_IN);
            if (++pe->work > KG_PATHS_WORK_MAX) {
                pe->hit_work = 1;
                stop = 1;
                break;
            }
            if (!kg_walk_edge_ok(pe->c, &list[e]))
                continue;
            if (pe->node_mode) {
                if (pe->mark[v] == pe->mark_gen)
                    continue;
                pe->mark[v] = pe->mark_gen;
            }
            if (pe->n_cand == pe->cap_cand) {
                size_t nc = pe->cap_cand ? pe->cap_cand * 2 : 256;
                pcand *np = realloc(pe->cand, nc * sizeof *np);
                if (!np) {
                    pe->nomem = 1;
                    stop = 1;
                    break;
                }
                pe->cand = np;
                pe->cap_cand = nc;
            }
            pe->cand[pe->n_cand].node = v;
            pe->cand[pe->n_cand].ref = ref;
            pe->n_cand++;
        }
    }
    if (!stop && pe->len - k >= 3)
        prune(pe, k, j, base);
    for (i = base; i < pe->n_cand && !stop; i++)
        stop = step(pe, k, j, u, pe->cand[i].node, pe->cand[i].ref);
    pe->n_cand = base;
    return stop;
}

/* ------------------------------------------------------- Dijkstra / Yen */

typedef struct heap_item { double key; uint32_t hops, node; } heap_item;
typedef struct heap { heap_item *v; size_t n, cap; } heap;

/* cost, then fewer edges (so that equal costs -- every confidence 1 --
 * behave like a breadth-first search and stop early), then node */
static int heap_less(const heap_item *a, const heap_item *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    if (a->hops != b->hops)
        return a->hops < b->hops;
    return a->node < b->node;
}

static int heap_push(heap *h, double key, uint32_t hops, uint32_t node)
{
    size_t i;
    if (h->n == h->cap) {
        size_t nc = h->cap ? h->cap * 2 : 256;
        heap_item *p = realloc(h->v, nc * sizeof *p);
        if (!p)
            return KG_ENOMEM;
        h->v = p;
        h->cap = nc;
    }
    i = h->n++;
    h->v[i].key = key;
    h->v[i].hops = hops;
    h->v[i].node = node;
    while (i > 0 && heap_less(&h->v[i], &h->v[(i - 1) / 2])) {
        heap_item t = h->v[i];
        h->v[i] = h->v[(i - 1) / 2];
        h->v[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
    return KG_OK;
}

static heap_item heap_pop(heap *h)
{
    heap_item top = h->v[0];
    size_t i = 0;
    h->v[0] = h->v[--h->n];
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && heap_less(&h->v[l], &h->v[m]))
            m = l;
        if (r < h->n && heap_less(&h->v[r], &h->v[m]))
            m = r;
        if (m == i)
            break;
        heap_item t = h->v[i];
        h->v[i] = h->v[m];
        h->v[m] = t;
        i = m;
    }
    return top;
}

typedef struct wpath {
    uint32_t *nodes; size_t n_nodes;
    kg_edge *edges;           /* n_nodes - 1 */
    double cost;
} wpath;

/* One side of the bidirectional Dijkstra. */
typedef struct dside {
    double *dist;
    uint32_t *seen, *done, *par, *hops;
    uint64_t *par_ref;
    heap h;
} dside;

typedef struct dijk {
    kg_graph *g;
    const walk_ctx *c;
    const float *conf; size_t n_conf;
    dside f, b;               /* from the start, towards the end */
    uint32_t *block, gen;     /* Yen's root nodes (block == gen) */
    uint64_t work;
    int hit_work;
} dijk;

static double edge_weight(const dijk *d, int64_t triple_id)
{
    double c = triple_id >= 0 && (size_t)triple_id < d->n_conf ? d->conf[triple_id] : 0.0;
    if (!(c > 0.0))
        return -1.0; /* a statement of no confidence is never walked */
    if (c >= 1.0)
        return 0.0;
    return -log(c);
}

/* (cost, hops) in lexicographic order: a < b */
static int key_less(double ac, uint32_t ah, double bc, uint32_t bh)
{
    return ac < bc || (ac == bc && ah < bh);
}

static int is_banned(const uint32_t *banned, size_t n, uint32_t v)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (banned[i] == v)
            return 1;
    return 0;
}

static int side_alloc(dside *x, size_t n)
{
    x->dist = malloc(n * sizeof *x->dist);
    x->seen = calloc(n, sizeof *x->seen);
    x->done = calloc(n, sizeof *x->done);
    x->par = malloc(n * sizeof *x->par);
    x->hops = malloc(n * sizeof *x->hops);
    x->par_ref = malloc(n * sizeof *x->par_ref);
    return x->dist && x->seen && x->done && x->par && x->hops && x->par_ref ? KG_OK : KG_ENOMEM;
}

static void side_free(dside *x)
{
    free(x->dist);
    free(x->seen);
    free(x->done);
    free(x->par);
    free(x->hops);
    free(x->par_ref);
    free(x->h.v);
}

/* Pop the side's cheapest node not yet settled; 0 when its heap is empty. */
static int side_top(const dijk *d, dside *x, heap_item *top)
{
    while (x->h.n && x->done[x->h.v[0].node] == d->gen)
        heap_pop(&x->h);
    if (x->h.n == 0)
        return 0;
    *top = x->h.v[0];
    return 1;
}

typedef struct dmeet {
    int found;
    double cost; uint32_t hops;
    uint32_t fu, bv;          /* the edge joins the start side's fu to the end side's bv */
    uint32_t owner; uint64_t ref;
} dmeet;

/* Settle one node of side x (is_f: the start side) and relax its edges. */
static int side_step(dijk *d, int is_f, uint32_t s, uint32_t t, const uint32_t *banned,
                     size_t n_banned, dmeet *m)
{
    kg_graph *g = d->g;
    dside *x = is_f ? &d->f : &d->b, *y = is_f ? &d->b : &d->f;
    heap_item it = heap_pop(&x->h);
    uint32_t u = it.node;
    int pass;
    (void)t;
    if (x->done[u] == d->gen)
        return KG_OK;
    x->done[u] = d->gen;
    for (pass = 0; pass < 2; pass++) {
        const kg_adj *list;
        uint64_t lo, hi, i;
        /* forward: out-list when walking subject -> object; backward: the reverse */
        int use = is_f ? (pass == 0 ? d->c->use_out : d->c->use_in)
                       : (pass == 0 ? d->c->use_in : d->c->use_out);
        if (!use)
            continue;
        list = pass == 0 ? g->out : g->in;
        lo = pass == 0 ? g->out_off[u] : g->in_off[u];
        hi = pass == 0 ? g->out_off[u + 1] : g->in_off[u + 1];
        for (i = lo; i < hi; i++) {
            uint32_t v = list[i].node, nh;
            uint64_t ref = pass == 0 ? i : (i | KG_EREF_IN);
            double wt, nd;
            if (++d->work > KG_PATHS_WORK_MAX) {
                d->hit_work = 1;
                return KG_OK;
            }
            if (x->done[v] == d->gen || d->block[v] == d->gen ||
                !kg_walk_edge_ok(d->c, &list[i]) || kg_walk_blocked(d->c, v))
                continue;
            /* Yen: the first hops from the spur node already taken */
            if (n_banned && ((is_f && u == s && is_banned(banned, n_banned, v)) ||
                             (!is_f && v == s && is_banned(banned, n_banned, u))))
                continue;
            if ((wt = edge_weight(d, list[i].triple_id)) < 0)
                continue;
            nd = x->dist[u] + wt;
            nh = x->hops[u] + 1;
            if (y->seen[v] == d->gen) {
                double tc = nd + y->dist[v];
                uint32_t th = nh + y->hops[v];
                if (!m->found || key_less(tc, th, m->cost, m->hops)) {
                    m->found = 1;
                    m->cost = tc;
                    m->hops = th;
                    m->fu = is_f ? u : v;
                    m->bv = is_f ? v : u;
                    m->owner = u;
                    m->ref = ref;
                }
            }
            if (x->seen[v] == d->gen && !key_less(nd, nh, x->dist[v], x->hops[v]))
                continue;
            x->seen[v] = d->gen;
            x->dist[v] = nd;
            x->hops[v] = nh;
            x->par[v] = u;
            x->par_ref[v] = ref;
            if (heap_push(&x->h, nd, nh, v))
                return KG_ENOMEM;
        }
    }
    return KG_OK;
}

/* Cheapest path s -> t (cost, then fewer edges) by bidirectional Dijkstra,
 * avoiding block[] == gen nodes and, from s, the first hops to
 * banned[0..n_banned). *found; on success *out (nodes, edges, cost) allocated. */
static int dijkstra(dijk *d, uint32_t s, uint32_t t, const uint32_t *banned, size_t n_banned,
                    wpath *out, int *found)
{
    kg_graph *g = d->g;
    dmeet m;
    int rc = KG_OK;
    memset(&m, 0, sizeof m);
    *found = 0;
    d->f.h.n = d->b.h.n = 0;
    d->f.seen[s] = d->gen;
    d->f.dist[s] = 0;
    d->f.hops[s] = 0;
    d->b.seen[t] = d->gen;
    d->b.dist[t] = 0;
    d->b.hops[t] = 0;
    if (heap_push(&d->f.h, 0, 0, s) || heap_push(&d->b.h, 0, 0, t))
        return KG_ENOMEM;
    while (!d->hit_work) {
        heap_item tf, tb;
        int has_f = side_top(d, &d->f, &tf), has_b = side_top(d, &d->b, &tb);
        if (!has_f || !has_b)
            break;
        /* no unsettled pair can beat the best meeting any more */
        if (m.found && !key_less(tf.key + tb.key, tf.hops + tb.hops, m.cost, m.hops))
            break;
        rc = side_step(d, d->f.h.n <= d->b.h.n, s, t, banned, n_banned, &m);
        if (rc)
            return rc;
    }
    if (m.found && !d->hit_work) {
        size_t n = (size_t)m.hops + 1, k, ka;
        uint32_t x;
        out->nodes = malloc(n * sizeof *out->nodes);
        out->edges = malloc(n * sizeof *out->edges);
        if (!out->nodes || !out->edges) {
            free(out->nodes);
            free(out->edges);
            return KG_ENOMEM;
        }
        out->n_nodes = n;
        out->cost = m.cost;
        /* the start side: s .. fu, filled backwards */
        ka = d->f.hops[m.fu];
        x = m.fu;
        for (k = ka; k > 0; k--) {
            out->nodes[k] = x;
            kg_graph_edge_at(g, d->f.par[x], d->f.par_ref[x], &out->edges[k - 1]);
            x = d->f.par[x];
        }
        out->nodes[0] = s;
        kg_graph_edge_at(g, m.owner, m.ref, &out->edges[ka]);
        /* the end side: bv .. t */
        x = m.bv;
        for (k = ka + 1; k < n; k++) {
            out->nodes[k] = x;
            if (k + 1 < n) {
                kg_graph_edge_at(g, d->b.par[x], d->b.par_ref[x], &out->edges[k]);
                x = d->b.par[x];
            }
        }
        *found = 1;
    }
    return KG_OK;
}

static void wpath_free(wpath *p)
{
    free(p->nodes);
    free(p->edges);
}

static int same_nodes(const wpath *a, const wpath *b)
{
    return a->n_nodes == b->n_nodes &&
           memcmp(a->nodes, b->nodes, a->n_nodes * sizeof *a->nodes) == 0;
}

/* candidate order: cost, then fewer edges, then entity ids */
static int wpath_before(const wpath *a, const wpath *b)
{
    size_t i;
    if (a->cost != b->cost)
        return a->cost < b->cost;
    if (a->n_nodes != b->n_nodes)
        return a->n_nodes < b->n_nodes;
    for (i = 0; i < a->n_nodes; i++)
        if (a->nodes[i] != b->nodes[i])
            return a->nodes[i] < b->nodes[i];
    return 0;
}

static void next_gen(dijk *d)
{
    if (++d->gen == 0) {
        size_t n = d->g->n_nodes;
        memset(d->f.seen, 0, n * sizeof *d->f.seen);
        memset(d->f.done, 0, n * sizeof *d->f.done);
        memset(d->b.seen, 0, n * sizeof *d->b.seen);
        memset(d->b.done, 0, n * sizeof *d->b.done);
        memset(d->block, 0, n * sizeof *d->block);
        d->gen = 1;
    }
}

/* Yen: the k cheapest simple paths s -> t (one per entity sequence). */
static int yen(dijk *d, uint32_t s, uint32_t t, size_t k, kg_path **out, size_t *n_out)
{
    wpath *A = NULL, *B = NULL;
    size_t nA = 0, nB = 0, capB = 0, i, j;
    uint32_t *banned = NULL;
    kg_path *res = NULL;
    size_t n_res = 0, cap_res = 0;
    int rc = KG_OK, found;

    A = calloc(k, sizeof *A);
    banned = malloc(k * sizeof *banned);
    if (!A || !banned) {
        rc = KG_ENOMEM;
        goto done;
    }
    next_gen(d);
    if ((rc = dijkstra(d, s, t, NULL, 0, &A[0], &found)) != KG_OK || !found)
        goto done;
    nA = 1;
    while (nA < k && !d->hit_work) {
        const wpath *prev = &A[nA - 1];
        double root_cost = 0;
        for (i = 0; i + 1 < prev->n_nodes && !d->hit_work; i++) {
            uint32_t spur = prev->nodes[i];
            size_t n_banned = 0;
            wpath sp = {0};
            if (i > 0) {
                double wt = edge_weight(d, prev->edges[i - 1].triple_id);
                root_cost += wt > 0 ? wt : 0;
            }
            next_gen(d);
            for (j = 0; j < i; j++)
                d->block[prev->nodes[j]] = d->gen;
            for (j = 0; j < nA; j++)
                if (A[j].n_nodes > i + 1 &&
                    memcmp(A[j].nodes, prev->nodes, (i + 1) * sizeof *prev->nodes) == 0)
                    banned[n_banned++] = A[j].nodes[i + 1];
            if ((rc = dijkstra(d, spur, t, banned, n_banned, &sp, &found)) != KG_OK)
                goto done;
            if (!found)
                continue;
            {
                wpath cand;
                size_t n = i + sp.n_nodes;
                int dup = 0;
                cand.nodes = malloc(n * sizeof *cand.nodes);
                cand.edges = malloc(n * sizeof *cand.edges);
                if (!cand.nodes || !cand.edges) {
                    free(cand.nodes);
                    free(cand.edges);
                    wpath_free(&sp);
                    rc = KG_ENOMEM;
                    goto done;
                }
                cand.n_nodes = n;
                memcpy(cand.nodes, prev->nodes, i * sizeof *cand.nodes);
                memcpy(cand.nodes + i, sp.nodes, sp.n_nodes * sizeof *cand.nodes);
                memcpy(cand.edges, prev->edges, i * sizeof *cand.edges);
                memcpy(cand.edges + i, sp.edges, (sp.n_nodes - 1) * sizeof *cand.edges);
                cand.cost = root_cost + sp.cost;
                wpath_free(&sp);
                for (j = 0; j < nB && !dup; j++)
                    dup = same_nodes(&B[j], &cand);
                for (j = 0; j < nA && !dup; j++)
                    dup = same_nodes(&A[j], &cand);
                if (dup) {
                    wpath_free(&cand);
                    continue;
                }
                if (nB == capB) {
                    size_t nc = capB ? capB * 2 : 16;
                    wpath *nbp = realloc(B, nc * sizeof *nbp);
                    if (!nbp) {
                        wpath_free(&cand);
                        rc = KG_ENOMEM;
                        goto done;
                    }
                    B = nbp;
                    capB = nc;
                }
                B[nB++] = cand;
            }
        }
        if (nB == 0)
            break;
        for (i = 1, j = 0; i < nB; i++)
            if (wpath_before(&B[i], &B[j]))
                j = i;
        A[nA++] = B[j];
        B[j] = B[--nB];
    }
    for (i = 0; i < nA; i++)
        if ((rc = push_path(&res, &n_res, &cap_res, A[i].edges, A[i].n_nodes - 1)) != KG_OK)
            goto done;
done:
    for (i = 0; i < nA; i++)
        wpath_free(&A[i]);
    for (i = 0; i < nB; i++)
        wpath_free(&B[i]);
    free(A);
    free(B);
    free(banned);
    if (rc) {
        kg_paths_free(res, n_res);
        return rc;
    }
    *out = res;
    *n_out = n_res;
    return KG_OK;
}

static int by_confidence(kg_graph *g, const walk_ctx *c, uint32_t s, uint32_t t,
                         const kg_path_query *pq, kg_path **out, size_t *n_out, int *truncated)
{
    dijk d;
    size_t n = g->n_nodes ? g->n_nodes : 1;
    int rc;
    memset(&d, 0, sizeof d);
    d.g = g;
    d.c = c;
    d.conf = pq->confidence;
    d.n_conf = pq->n_confidence;
    d.block = calloc(n, sizeof *d.block);
    if (!d.block || side_alloc(&d.f, n) || side_alloc(&d.b, n))
        rc = KG_ENOMEM;
    else
        rc = yen(&d, s, t, pq->k ? pq->k : 1, out, n_out);
    if (d.hit_work && truncated)
        *truncated = 2;
    free(d.block);
    side_free(&d.f);
    side_free(&d.b);
    return rc;
}

/* --------------------------------------------------------------- entry */

int kg_graph_paths_query(kg_graph *g, int64_t from, int64_t to, const kg_path_query *pq,
                         size_t limit, const kg_walk *w, kg_path **out, size_t *n_out,
                         int *truncated, kg_error *err)
{
    walk_ctx c;
    int64_t *rel_copy = NULL;
    uint32_t s, t;
    penum pe;
    size_t i, m = pq->n_through;
    unsigned top, first, L;
    long lb;
    int rc = KG_OK;

    *out = NULL;
    *n_out = 0;
    if (truncated)
        *truncated = 0;
    if (limit == 0)
        limit = KG_DEFAULT_LIMIT;
    if (!kg_graph_node_of(g, from, &s) || !kg_graph_node_of(g, to, &t) || s == t)
        return KG_OK;
    memset(&pe, 0, sizeof pe);
    if ((rc = kg_walk_ctx_init(g, w, &c, &rel_copy, err)) != KG_OK)
        return rc;
    kg_walk_begin(g, w, &c, s, t);
    if (pq->confidence) {
        rc = by_confidence(g, &c, s, t, pq, out, n_out, truncated);
        goto done;
    }
    if (m + 1 > KG_MAX_HOPS)
        goto done; /* more through entities than a path of at most 20 edges can visit */
    pe.g = g;
    pe.c = &c;
    pe.n_targets = m + 1;
    pe.targets = calloc(m + 1, sizeof *pe.targets);
    pe.dist = calloc(m + 1, sizeof *pe.dist);
    pe.tail = calloc(m + 1, sizeof *pe.tail);
    if (!pe.targets || !pe.dist || !pe.tail)
        goto nomem;
    for (i = 0; i < m; i++) {
        uint32_t v;
        if (!kg_graph_node_of(g, pq->through[i], &v) || v == s || v == t)
            goto done; /* not in the graph, or an end: no simple path visits it between */
        pe.targets[i] = v;
    }
    pe.targets[m] = t;
    top = pq->max_len ? pq->max_len : KG_MAX_HOPS;
    if (top > KG_MAX_HOPS)
        top = KG_MAX_HOPS;
    for (i = 0; i <= m; i++) {
        pe.dist[i] = calloc(g->n_nodes ? g->n_nodes : 1, sizeof **pe.dist);
        if (!pe.dist[i] || bfs_dist(g, &c, pe.targets[i], top, pe.dist[i]))
            goto nomem;
    }
    for (i = m; i-- > 0;) {
        uint32_t d = pe.dist[i + 1][pe.targets[i]];
        if (d == 0)
            goto done; /* a through entity cannot reach the next one */
        pe.tail[i] = pe.tail[i + 1] + (d - 1);
    }
    lb = lower_bound(&pe, s, 0);
    if (lb < 0 || (unsigned long)lb > top)
        goto done;
    pe.node_mode = pq->k > 0;
    if (pe.node_mode) {
        pe.mark = calloc(g->n_nodes ? g->n_nodes : 1, sizeof *pe.mark);
        if (!pe.mark)
            goto nomem;
    }
    pe.rdist = calloc(g->n_nodes ? g->n_nodes : 1, sizeof *pe.rdist);
    pe.on_path = calloc(g->n_nodes ? g->n_nodes : 1, 1);
    pe.queue = malloc((g->n_nodes ? g->n_nodes : 1) * sizeof *pe.queue);
    if (!pe.rdist || !pe.on_path || !pe.queue)
        goto nomem;
    pe.limit = pq->k ? KG_PATHS_LAST_LEVEL_MAX : limit;
    pe.nodes[0] = s;
    first = lb > 0 ? (unsigned)lb : 1;
    for (L = first; L <= top; L++) {
        pe.len = L;
        if (dfs(&pe, 0, 0))
            break;
        if (pq->k && pe.n >= pq->k)
            break; /* this length was enumerated completely */
        if (!pq->k && !pq->max_len && pe.n)
            break; /* the shortest ones */
    }
    if (pe.nomem)
        goto nomem;
    *out = pe.res;
    *n_out = pe.n;
    pe.res = NULL;
    if (truncated)
        *truncated = pe.hit_work ? 2 : pe.hit_limit ? 1 : 0;
    goto done;
nomem:
    rc = kg_error_set(err, KG_ENOMEM, "out of memory finding paths");
done:
    if (rc == KG_ENOMEM && !err->code)
        kg_error_set(err, KG_ENOMEM, "out of memory finding paths");
    kg_paths_free(pe.res, pe.n);
    if (pe.dist)
        for (i = 0; i <= m; i++)
            free(pe.dist[i]);
    free(pe.dist);
    free(pe.targets);
    free(pe.tail);
    free(pe.mark);
    free(pe.cand);
    free(pe.rdist);
    free(pe.on_path);
    free(pe.queue);
    free(rel_copy);
    return rc;
}
