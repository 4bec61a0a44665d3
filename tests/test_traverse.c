/*
 * test_traverse.c -- property tests of the graph engine (graph/snapshot.c,
 * traverse.c, algo.c) on random graphs, checked against igraph's own BFS
 * (igraph_distances) and against brute-force counts written here:
 * shortest-path lengths and validity, neighbourhoods and their depths, all
 * shortest paths (counted by dynamic programming over BFS layers), bounded
 * simple paths (counted by brute force), degree and betweenness against
 * igraph, communities as a partition; and the snapshot's life cycle (file
 * written beside the database, rebuilt when the store changes, a corrupt or
 * truncated file replaced).
 */
#include <check.h>
#include <math.h>
#include <igraph.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kg_store.h"
#include "kg_traverse.h"
#include "traverse_int.h"

static char dir[256];
static char db_path[300];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/kg_test_traverse_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/t.db", dir);
}

static void teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* ---- a random test graph, mirrored in the store ---- */

#define MAX_N 120
#define MAX_M 400
#define N_REL 3

typedef struct tgraph {
    int n, m;
    int s[MAX_M], o[MAX_M], rel[MAX_M], neg[MAX_M];
    int64_t ent[MAX_N];        /* store id of test node i */
    int64_t rel_id[N_REL];
} tgraph;

static unsigned rng_state;
static unsigned rnd(unsigned n)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return (rng_state >> 8) % n;
}

static void add_triples(kg_store *st, const tgraph *t, int from, int to)
{
    kg_error err = {0};
    char sn[32], on[32], rn[32];
    int i;
    ck_assert_int_eq(kg_store_begin(st, &err), KG_OK);
    for (i = from; i < to; i++) {
        kg_doc_triple d;
        int64_t tid;
        memset(&d, 0, sizeof d);
        snprintf(sn, sizeof sn, "e%d", t->s[i]);
        snprintf(on, sizeof on, "e%d", t->o[i]);
        snprintf(rn, sizeof rn, "r%d", t->rel[i]);
        d.subject = sn;
        d.object = on;
        d.relation = rn;
        d.confidence = 1.0;
        d.is_negated = t->neg[i];
        d.sentence = (size_t)-1;
        ck_assert_msg(kg_store_add_triple(st, &d, 0, &tid, &err) == KG_OK, "%s", err.msg);
    }
    ck_assert_int_eq(kg_store_commit(st, &err), KG_OK);
}

static int64_t id_of(kg_store *st, const char *table, const char *name)
{
    sqlite3_stmt *s = NULL;
    char sql[128];
    int64_t id = -1;
    snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE name = ?1", table);
    ck_assert_int_eq(sqlite3_prepare_v2(kg_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return id;
}

/* Random graph: n nodes, m triples, unique (s, rel, o, neg); some negated. */
static void make_graph(tgraph *t, int n, int m, int unique_pairs)
{
    int i = 0, tries = 0;
    t->n = n;
    while (i < m && tries < 100000) {
        int s = (int)rnd((unsigned)n), o = (int)rnd((unsigned)n), r = (int)rnd(N_REL), ng = rnd(8) == 0;
        int j, dup = 0;
        tries++;
        if (rnd(20) == 0)
            o = s; /* an occasional self-loop */
        for (j = 0; j < i; j++) {
            if (unique_pairs ? ((t->s[j] == s && t->o[j] == o) || (t->s[j] == o && t->o[j] == s))
                             : (t->s[j] == s && t->o[j] == o && t->rel[j] == r && t->neg[j] == ng))
                dup = 1;
        }
        if (dup)
            continue;
        t->s[i] = s; t->o[i] = o; t->rel[i] = r; t->neg[i] = ng;
        i++;
    }
    t->m = i;
}

static kg_store *store_graph(tgraph *t)
{
    kg_store *st = NULL;
    kg_error err = {0};
    char name[32];
    int i;
    unlink(db_path);
    ck_assert_msg(kg_store_open(db_path, KG_STORE_CREATE, &st, &err) == KG_OK, "%s", err.msg);
    add_triples(st, t, 0, t->m);
    for (i = 0; i < t->n; i++) {
        snprintf(name, sizeof name, "e%d", i);
        t->ent[i] = id_of(st, "entity", name);
    }
    for (i = 0; i < N_REL; i++) {
        snprintf(name, sizeof name, "r%d", i);
        t->rel_id[i] = id_of(st, "relation", name);
    }
    return st;
}

/* test node of a store id (-1 if none) */
static int node_of(const tgraph *t, int64_t id)
{
    int i;
    for (i = 0; i < t->n; i++)
        if (t->ent[i] == id)
            return i;
    return -1;
}

/* The options of one round, and which test edges they allow. */
typedef struct opts {
    int dir, with_neg, rel_mask; /* rel_mask 0 = any */
    int avoid[4], n_avoid;
} opts;

static int allowed(const tgraph *t, const opts *op, int i)
{
    if (t->neg[i] && !op->with_neg)
        return 0;
    if (op->rel_mask && !(op->rel_mask & (1 << t->rel[i])))
        return 0;
    return 1;
}

static int is_avoided(const opts *op, int v, int s, int d)
{
    int k;
    if (v == s || v == d)
        return 0;
    for (k = 0; k < op->n_avoid; k++)
        if (op->avoid[k] == v)
            return 1;
    return 0;
}

/* igraph graph of the allowed edges, with avoided nodes cut off (except ends s, d). */
static void ref_graph(const tgraph *t, const opts *op, int s, int d, igraph_t *ig)
{
    igraph_vector_int_t e;
    int i;
    igraph_vector_int_init(&e, 0);
    for (i = 0; i < t->m; i++) {
        if (!allowed(t, op, i) || is_avoided(op, t->s[i], s, d) || is_avoided(op, t->o[i], s, d))
            continue;
        igraph_vector_int_push_back(&e, t->s[i]);
        igraph_vector_int_push_back(&e, t->o[i]);
    }
    igraph_create(ig, &e, t->n, op->dir == KG_DIR_BOTH ? IGRAPH_UNDIRECTED : IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&e);
}

static void fill_walk(const tgraph *t, const opts *op, kg_walk *w, int64_t *rels, int64_t *avoid)
{
    int k, nr = 0;
    memset(w, 0, sizeof *w);
    w->direction = op->dir;
    w->with_negated = op->with_neg;
    if (op->rel_mask) {
        for (k = 0; k < N_REL; k++)
            if (op->rel_mask & (1 << k))
                rels[nr++] = t->rel_id[k];
        w->relations = rels;
        w->n_relations = (size_t)nr;
    }
    for (k = 0; k < op->n_avoid; k++)
        avoid[k] = t->ent[op->avoid[k]];
    w->avoid = op->n_avoid ? avoid : NULL;
    w->n_avoid = (size_t)op->n_avoid;
}

static void random_opts(opts *op, int n)
{
    int k;
    op->dir = (int)rnd(3);
    op->with_neg = (int)rnd(2);
    op->rel_mask = rnd(3) == 0 ? (int)(1 + rnd(6)) : 0;
    op->n_avoid = (int)rnd(3);
    for (k = 0; k < op->n_avoid; k++)
        op->avoid[k] = (int)rnd((unsigned)n);
}

/* An edge of the result is one of the test triples allowed by op, and is
 * walked from `from` in a permitted direction; returns the node reached. */
static int check_edge(const tgraph *t, const opts *op, const kg_edge *e, int from)
{
    int i, found = -1, s = node_of(t, e->subject), o = node_of(t, e->object);
    ck_assert_int_ge(s, 0);
    ck_assert_int_ge(o, 0);
    for (i = 0; i < t->m; i++)
        if (t->s[i] == s && t->o[i] == o && t->rel_id[t->rel[i]] == e->relation &&
            t->neg[i] == e->is_negated)
            found = i;
    ck_assert_msg(found >= 0, "edge %d-%d not in the graph", s, o);
    ck_assert(allowed(t, op, found));
    if (op->dir == KG_DIR_OUT) {
        ck_assert_int_eq(s, from);
        return o;
    }
    if (op->dir == KG_DIR_IN) {
        ck_assert_int_eq(o, from);
        return s;
    }
    ck_assert(s == from || o == from);
    return s == from ? o : s;
}

static igraph_neimode_t mode_of(const opts *op)
{
    return op->dir == KG_DIR_IN ? IGRAPH_IN : IGRAPH_OUT;
}

/* Distances from src in the reference graph (t->n entries, -1 = unreachable). */
static void ref_dist(const tgraph *t, const opts *op, int s, int d, int src, double *dist)
{
    igraph_t ig;
    igraph_matrix_t m;
    int v;
    ref_graph(t, op, s, d, &ig);
    igraph_matrix_init(&m, 0, 0);
    igraph_distances(&ig, &m, igraph_vss_1(src), igraph_vss_all(), mode_of(op));
    for (v = 0; v < t->n; v++) {
        double x = MATRIX(m, 0, v);
        dist[v] = isfinite(x) ? x : -1;
    }
    igraph_matrix_destroy(&m);
    igraph_destroy(&ig);
}

/* Number of shortest edge-paths src -> dst (parallel edges distinct). */
static double count_shortest(const tgraph *t, const opts *op, int src, int dst, const double *dist)
{
    double cnt[MAX_N] = {0};
    int level, i, maxd = (int)dist[dst];
    cnt[src] = 1;
    for (level = 1; level <= maxd; level++)
        for (i = 0; i < t->m; i++) {
            int a = t->s[i], b = t->o[i];
            if (!allowed(t, op, i) || is_avoided(op, a, src, dst) || is_avoided(op, b, src, dst))
                continue;
            if (op->dir != KG_DIR_IN && dist[a] == level - 1 && dist[b] == level)
                cnt[b] += cnt[a];
            if (op->dir != KG_DIR_OUT && dist[b] == level - 1 && dist[a] == level && a != b)
                cnt[a] += cnt[b];
        }
    return cnt[dst];
}

/* Brute force: simple edge-paths src -> dst of at most max_len edges. */
static int on_path[MAX_N];
static long count_simple(const tgraph *t, const opts *op, int u, int src, int dst, int left)
{
    long c = 0;
    int i;
    if (u == dst)
        return 1;
    if (left == 0)
        return 0;
    on_path[u] = 1;
    for (i = 0; i < t->m; i++) {
        int pass;
        if (!allowed(t, op, i))
            continue;
        for (pass = 0; pass < 2; pass++) {
            int a = pass ? t->o[i] : t->s[i], b = pass ? t->s[i] : t->o[i];
            if (a != u || (pass == 0 && op->dir == KG_DIR_IN) || (pass == 1 && op->dir == KG_DIR_OUT))
                continue;
            if (pass == 1 && t->s[i] == t->o[i])
                continue; /* a self-loop walked once */
            if (on_path[b] || is_avoided(op, b, src, dst))
                continue;
            c += count_simple(t, op, b, src, dst, left - 1);
        }
    }
    on_path[u] = 0;
    return c;
}

/* A kg path is a walk src -> dst through allowed edges, avoiding what it must. */
static void check_path(const tgraph *t, const opts *op, const kg_path *p, int src, int dst, int simple)
{
    int seen[MAX_N] = {0};
    int at = src;
    size_t k;
    seen[src] = 1;
    for (k = 0; k < p->n_edges; k++) {
        at = check_edge(t, op, &p->edges[k], at);
        ck_assert(!is_avoided(op, at, src, dst));
        if (simple) {
            ck_assert_msg(!seen[at], "path revisits node %d", at);
            seen[at] = 1;
        }
    }
    ck_assert_int_eq(at, dst);
}

START_TEST(test_random_graphs)
{
    int round;
    rng_state = 12345u + (unsigned)_i;
    for (round = 0; round < 4; round++) {
        tgraph t;
        kg_store *st;
        kg_graph *g = NULL;
        kg_error err = {0};
        int q, unique = round % 2;
        memset(&t, 0, sizeof t);
        make_graph(&t, 20 + (int)rnd(60), 30 + (int)rnd(150), unique);
        st = store_graph(&t);
        ck_assert_msg(kg_graph_open(st, &g, &err) == KG_OK, "%s", err.msg);
        for (q = 0; q < 25; q++) {
            opts op;
            int64_t rels[N_REL], avoid[4];
            kg_walk w;
            int s = t.s[rnd((unsigned)t.m)], d = t.o[rnd((unsigned)t.m)], v;
            double dist[MAX_N];
            kg_path path;
            int found;
            kg_reached *nb = NULL;
            size_t n_nb = 0, k;
            unsigned depth = 1 + rnd(3);

            random_opts(&op, t.n);
            fill_walk(&t, &op, &w, rels, avoid);

            /* shortest path vs igraph */
            ref_dist(&t, &op, s, d, s, dist);
            ck_assert_int_eq(kg_graph_shortest_path(g, t.ent[s], t.ent[d], &w, &path, &found, &err), KG_OK);
            ck_assert_int_eq(found, dist[d] >= 0);
            if (found) {
                ck_assert_int_eq((int)path.n_edges, (int)dist[d]);
                check_path(&t, &op, &path, s, d, 1);
            }
            free(path.edges);

            /* all shortest paths: count by DP */
            if (s != d) {
                kg_path *ps = NULL;
                size_t n_ps = 0;
                int trunc = -1;
                double expect = dist[d] >= 0 ? count_shortest(&t, &op, s, d, dist) : 0;
                ck_assert_int_eq(kg_graph_paths(g, t.ent[s], t.ent[d], 0, 50, &w, &ps, &n_ps, &trunc, &err), KG_OK);
                ck_assert_int_eq((double)n_ps, expect < 50 ? expect : 50);
                ck_assert_int_eq(trunc, expect > 50);
                for (k = 0; k < n_ps; k++) {
                    ck_assert_int_eq((int)ps[k].n_edges, (int)dist[d]);
                    check_path(&t, &op, &ps[k], s, d, 1);
                }
                kg_paths_free(ps, n_ps);

                /* simple paths within N: brute force count */
                {
                    unsigned within = 1 + rnd(4);
                    long want;
                    memset(on_path, 0, sizeof on_path);
                    want = count_simple(&t, &op, s, s, d, (int)within);
                    ck_assert_int_eq(kg_graph_paths(g, t.ent[s], t.ent[d], within, 1000, &w, &ps, &n_ps, &trunc, &err), KG_OK);
                    ck_assert_int_eq((long)n_ps, want < 1000 ? want : 1000);
                    ck_assert_int_eq(trunc, want > 1000);
                    for (k = 0; k < n_ps; k++) {
                        ck_assert_uint_le(ps[k].n_edges, within);
                        if (k)
                            ck_assert_uint_ge(ps[k].n_edges, ps[k - 1].n_edges);
                        check_path(&t, &op, &ps[k], s, d, 1);
                    }
                    kg_paths_free(ps, n_ps);
                }
            }

            /* neighbours vs igraph distances from s (avoid: only s exempt) */
            ref_dist(&t, &op, s, s, s, dist);
            ck_assert_int_eq(kg_graph_neighbors(g, t.ent[s], depth, &w, &nb, &n_nb, &err), KG_OK);
            {
                size_t expect = 0;
                int got[MAX_N] = {0};
                for (v = 0; v < t.n; v++)
                    if (v != s && dist[v] >= 1 && dist[v] <= depth)
                        expect++;
                ck_assert_uint_eq(n_nb, expect);
                for (k = 0; k < n_nb; k++) {
                    int x = node_of(&t, nb[k].entity), from;
                    ck_assert_int_ge(x, 0);
                    ck_assert(!got[x]);
                    got[x] = 1;
                    ck_assert_int_eq((int)nb[k].depth, (int)dist[x]);
                    if (k)
                        ck_assert_uint_ge(nb[k].depth, nb[k - 1].depth);
                    /* the via edge joins x to a node one level up */
                    from = nb[k].via.subject == t.ent[x] ? node_of(&t, nb[k].via.object)
                                                         : node_of(&t, nb[k].via.subject);
                    if (nb[k].via.subject == t.ent[x] && nb[k].via.object == t.ent[x])
                        from = x;
                    ck_assert_int_eq((int)dist[from], (int)nb[k].depth - 1);
                    ck_assert_int_eq(check_edge(&t, &op, &nb[k].via, from), x);
                }
            }
            free(nb);
        }
        kg_graph_close(g);
        kg_store_close(st);
    }
}
END_TEST

START_TEST(test_rank_and_communities)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_ranked *r = NULL;
    size_t n = 0, i, nc = 0, covered = 0;
    kg_community *c = NULL;
    igraph_t ig;
    igraph_vector_int_t deg;
    igraph_vector_t btw;
    opts op = {KG_DIR_BOTH, 0, 0, {0}, 0};
    double sum = 0;
    int seen[MAX_N] = {0};

    rng_state = 777u;
    memset(&t, 0, sizeof t);
    make_graph(&t, 60, 200, 0);
    st = store_graph(&t);
    ck_assert_msg(kg_graph_open(st, &g, &err) == KG_OK, "%s", err.msg);
    ref_graph(&t, &op, -1, -1, &ig);

    /* degree: as igraph counts it (a self-loop twice), negated triples left out */
    igraph_vector_int_init(&deg, 0);
    igraph_degree(&ig, &deg, igraph_vss_all(), IGRAPH_ALL, 1);
    ck_assert_int_eq(kg_graph_rank(g, KG_RANK_DEGREE, &r, &n, &err), KG_OK);
    ck_assert_uint_eq(n, kg_graph_node_count(g));
    for (i = 0; i < n; i++) {
        int x = node_of(&t, r[i].entity);
        ck_assert_int_ge(x, 0);
        ck_assert_int_eq((int)r[i].score, (int)VECTOR(deg)[x]);
        ck_assert_uint_eq(kg_graph_degree(g, r[i].entity, 0), (size_t)VECTOR(deg)[x]);
        if (i)
            ck_assert(r[i].score < r[i - 1].score ||
                      (r[i].score == r[i - 1].score && r[i].entity > r[i - 1].entity));
    }
    free(r);

    ck_assert_int_eq(kg_graph_rank(g, KG_RANK_PAGERANK, &r, &n, &err), KG_OK);
    for (i = 0; i < n; i++) {
        sum += r[i].score;
        if (i)
            ck_assert(r[i].score <= r[i - 1].score);
    }
    ck_assert_msg(sum > 0.999 && sum < 1.001, "pagerank sums to %g", sum);
    free(r);

    igraph_vector_init(&btw, 0);
    igraph_betweenness(&ig, &btw, igraph_vss_all(), 0, NULL);
    ck_assert_int_eq(kg_graph_rank(g, KG_RANK_BETWEENNESS, &r, &n, &err), KG_OK);
    for (i = 0; i < n; i++) {
        int x = node_of(&t, r[i].entity);
        ck_assert_double_eq_tol(r[i].score, VECTOR(btw)[x], 1e-6);
    }
    free(r);
    /* the snapshot's own Brandes (used to estimate on big graphs), with every
     * node as a source, is exact: it must agree with igraph */
    {
        double *bc = NULL;
        ck_assert_int_eq(kg_graph_betweenness_sampled(g, 1000000, &bc, &err), KG_OK);
        for (i = 0; i < kg_graph_node_count(g); i++) {
            int x = node_of(&t, kg_graph_entity_id(g, (uint32_t)i));
            ck_assert_int_ge(x, 0);
            ck_assert_msg(fabs(bc[i] - VECTOR(btw)[x]) < 1e-6, "node %d: %g vs igraph %g", x, bc[i], VECTOR(btw)[x]);
        }
        free(bc);
        /* a sample gives non-negative scores and repeats itself */
        ck_assert_int_eq(kg_graph_betweenness_sampled(g, 7, &bc, &err), KG_OK);
        {
            double *bc2 = NULL;
            ck_assert_int_eq(kg_graph_betweenness_sampled(g, 7, &bc2, &err), KG_OK);
            for (i = 0; i < kg_graph_node_count(g); i++) {
                ck_assert(bc[i] >= 0);
                ck_assert(bc[i] == bc2[i]);
            }
            free(bc2);
        }
        free(bc);
    }

    ck_assert_int_eq(kg_graph_communities(g, &c, &nc, &err), KG_OK);
    ck_assert_uint_gt(nc, 0);
    for (i = 0; i < nc; i++) {
        size_t j;
        if (i)
            ck_assert_uint_le(c[i].n_members, c[i - 1].n_members);
        for (j = 0; j < c[i].n_members; j++) {
            int x = node_of(&t, c[i].members[j]);
            ck_assert_int_ge(x, 0);
            ck_assert(!seen[x]);
            seen[x] = 1;
            covered++;
            if (j)
                ck_assert_uint_le(kg_graph_degree(g, c[i].members[j], 0),
                                  kg_graph_degree(g, c[i].members[j - 1], 0));
        }
    }
    for (i = 0; i < (size_t)t.n; i++)
        if (t.ent[i] >= 0 && VECTOR(deg)[i] > 0)
            ck_assert_msg(seen[i], "node %zu in no community", i);
    kg_communities_free(c, nc);
    igraph_vector_int_destroy(&deg);
    igraph_vector_destroy(&btw);
    igraph_destroy(&ig);
    kg_graph_close(g);
    kg_store_close(st);
    (void)covered;
}
END_TEST

/* The snapshot file: written beside the store, reused, rebuilt on change. */
START_TEST(test_snapshot_lifecycle)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    char adj[320];
    struct stat sb1, sb2;
    FILE *f;

    rng_state = 4242u;
    memset(&t, 0, sizeof t);
    make_graph(&t, 30, 60, 0);
    st = store_graph(&t);
    snprintf(adj, sizeof adj, "%s.adj", db_path);
    ck_assert_msg(kg_graph_open(st, &g, &err) == KG_OK, "%s", err.msg);
    ck_assert_uint_eq(kg_graph_edge_count(g), (size_t)t.m);
    kg_graph_close(g);
    ck_assert_int_eq(stat(adj, &sb1), 0);

    /* reopened unchanged: the same file (same inode) */
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    kg_graph_close(g);
    ck_assert_int_eq(stat(adj, &sb2), 0);
    ck_assert_uint_eq(sb1.st_ino, sb2.st_ino);

    /* the store changes: an open graph says it is stale, a new one is rebuilt */
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_is_stale(g, &err), 0);
    t.s[t.m] = 0; t.o[t.m] = 1; t.rel[t.m] = 0; t.neg[t.m] = 0;
    {
        int dup = 0, i;
        for (i = 0; i < t.m; i++)
            if (t.s[i] == 0 && t.o[i] == 1 && t.rel[i] == 0 && t.neg[i] == 0)
                dup = 1;
        if (dup)
            t.rel[t.m] = 2, t.neg[t.m] = 1;
    }
    add_triples(st, &t, t.m, t.m + 1);
    ck_assert_int_eq(kg_graph_is_stale(g, &err), 1);
    kg_graph_close(g);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_is_stale(g, &err), 0);
    ck_assert_uint_eq(kg_graph_edge_count(g), (size_t)t.m + 1);
    kg_graph_close(g);

    /* garbage and a truncated file are replaced, never read */
    f = fopen(adj, "r+b");
    ck_assert_ptr_nonnull(f);
    fputs("garbage garbage garbage", f);
    fclose(f);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_uint_eq(kg_graph_edge_count(g), (size_t)t.m + 1);
    kg_graph_close(g);
    ck_assert_int_eq(truncate(adj, 100), 0);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_uint_eq(kg_graph_edge_count(g), (size_t)t.m + 1);
    kg_graph_close(g);

    /* an unwritable snapshot location still works (in memory) */
    unlink(adj);
    ck_assert_int_eq(mkdir(adj, 0755), 0); /* a directory where the file would go */
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_uint_eq(kg_graph_edge_count(g), (size_t)t.m + 1);
    kg_graph_close(g);
    rmdir(adj);
    kg_store_close(st);
}
END_TEST

/* Entities not in the graph, start == end, empty relation sets. */
START_TEST(test_edge_cases)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_path p;
    kg_path *ps = NULL;
    size_t n = 0;
    int found = -1, trunc = -1;
    kg_reached *nb = NULL;
    kg_walk w;
    int64_t none = 0;

    memset(&t, 0, sizeof t);
    t.n = 4; t.m = 3;
    t.s[0] = 0; t.o[0] = 1; t.rel[0] = 0;
    t.s[1] = 1; t.o[1] = 2; t.rel[1] = 1; t.neg[1] = 1;
    t.s[2] = 2; t.o[2] = 3; t.rel[2] = 0;
    st = store_graph(&t);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_shortest_path(g, t.ent[0], t.ent[0], NULL, &p, &found, &err), KG_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_uint_eq(p.n_edges, 0);
    /* the negated edge blocks the way unless walked */
    ck_assert_int_eq(kg_graph_shortest_path(g, t.ent[0], t.ent[3], NULL, &p, &found, &err), KG_OK);
    ck_assert_int_eq(found, 0);
    memset(&w, 0, sizeof w);
    w.with_negated = 1;
    ck_assert_int_eq(kg_graph_shortest_path(g, t.ent[0], t.ent[3], &w, &p, &found, &err), KG_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_uint_eq(p.n_edges, 3);
    ck_assert_int_eq(p.edges[1].is_negated, 1);
    free(p.edges);
    /* unknown entity: nothing, no error */
    ck_assert_int_eq(kg_graph_shortest_path(g, 999999, t.ent[3], NULL, &p, &found, &err), KG_OK);
    ck_assert_int_eq(found, 0);
    ck_assert_int_eq(kg_graph_neighbors(g, 999999, 2, NULL, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(kg_graph_paths(g, t.ent[0], t.ent[0], 3, 10, NULL, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    /* an empty relation list matches nothing */
    w.with_negated = 0;
    w.relations = &none;
    w.n_relations = 0;
    ck_assert_int_eq(kg_graph_neighbors(g, t.ent[1], 3, &w, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    free(nb);
    /* depth is clamped, never an error */
    ck_assert_int_eq(kg_graph_neighbors(g, t.ent[1], 1000, NULL, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    free(nb);
    /* hostile arguments: clamped or empty, never a crash */
    ck_assert_int_eq(kg_graph_node_of(g, INT64_MIN, NULL), 0);
    ck_assert_int_eq(kg_graph_node_of(g, INT64_MAX, NULL), 0);
    ck_assert_int_eq(kg_graph_entity_id(g, UINT32_MAX), -1);
    ck_assert_uint_eq(kg_graph_degree(g, -5, 1), 0);
    ck_assert_int_eq(kg_graph_paths(g, t.ent[0], t.ent[3], 100000, SIZE_MAX, &w, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, 0); /* an empty relation set, and the way is negated */
    w.relations = NULL;
    w.with_negated = 1;
    ck_assert_int_eq(kg_graph_paths(g, t.ent[0], t.ent[3], 100000, SIZE_MAX, &w, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(trunc, 0);
    kg_paths_free(ps, n);
    ck_assert_int_eq(kg_graph_neighbors(g, INT64_MIN, UINT32_MAX, &w, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(kg_graph_neighbors(g, t.ent[0], UINT32_MAX, &w, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(nb[2].depth, 3);
    free(nb);
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

/* A dense graph: "paths within 8" must stop at the limit and say so, fast. */
START_TEST(test_paths_explosion_bounded)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_path *ps = NULL;
    size_t n = 0;
    int trunc = 0, i, j, k = 0;

    memset(&t, 0, sizeof t);
    t.n = 16;
    for (i = 0; i < 16; i++)
        for (j = i + 1; j < 16 && k < MAX_M; j++) {
            t.s[k] = i; t.o[k] = j; t.rel[k] = 0; k++;
        }
    t.m = k;
    st = store_graph(&t);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_paths(g, t.ent[0], t.ent[15], 8, 0, NULL, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, KG_DEFAULT_LIMIT);
    ck_assert_int_eq(trunc, 1);
    ck_assert_uint_eq(ps[0].n_edges, 1);
    kg_paths_free(ps, n);
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

/* paths.c on a 16-clique: shortest K, through, by confidence, and the work
 * bound of an exploding through-enumeration. */
START_TEST(test_paths_query_clique)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_path *ps = NULL;
    kg_path_query pq;
    size_t n = 0, i2;
    int trunc = 0, i, j, k = 0;
    int64_t thr[2];
    float *conf = NULL;
    size_t n_conf = 0;

    memset(&t, 0, sizeof t);
    t.n = 16;
    for (i = 0; i < 16; i++)
        for (j = i + 1; j < 16 && k < MAX_M; j++) {
            t.s[k] = i; t.o[k] = j; t.rel[k] = 0; k++;
        }
    t.m = k;
    st = store_graph(&t);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    /* the 5 shortest: the direct edge, then 4 of the 14 two-hop paths */
    memset(&pq, 0, sizeof pq);
    pq.k = 5;
    ck_assert_int_eq(kg_graph_paths_query(g, t.ent[0], t.ent[15], &pq, 0, NULL, &ps, &n, &trunc,
                                          &err), KG_OK);
    ck_assert_uint_ge(n, 5);
    ck_assert_uint_eq(ps[0].n_edges, 1);
    for (i2 = 1; i2 < n; i2++)
        ck_assert_uint_eq(ps[i2].n_edges, 2);
    ck_assert_uint_eq(n, 15); /* the last length is listed completely */
    kg_paths_free(ps, n);
    /* through 7: exactly 0-7-15 among the shortest */
    memset(&pq, 0, sizeof pq);
    thr[0] = t.ent[7];
    pq.through = thr;
    pq.n_through = 1;
    ck_assert_int_eq(kg_graph_paths_query(g, t.ent[0], t.ent[15], &pq, 0, NULL, &ps, &n, &trunc,
                                          &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(ps[0].n_edges, 2);
    ck_assert(ps[0].edges[0].object == t.ent[7] || ps[0].edges[0].subject == t.ent[7]);
    kg_paths_free(ps, n);
    /* through an end: nothing */
    thr[0] = t.ent[15];
    ck_assert_int_eq(kg_graph_paths_query(g, t.ent[0], t.ent[15], &pq, 0, NULL, &ps, &n, &trunc,
                                          &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    /* through 7 then 8, every simple path of at most 20 edges: far too many; bounded */
    thr[0] = t.ent[7];
    thr[1] = t.ent[8];
    pq.n_through = 2;
    pq.max_len = 20;
    ck_assert_int_eq(kg_graph_paths_query(g, t.ent[0], t.ent[15], &pq, 1000000, NULL, &ps, &n,
                                          &trunc, &err), KG_OK);
    ck_assert_int_eq(trunc, 2);
    ck_assert_uint_gt(n, 0);
    kg_paths_free(ps, n);
    /* by confidence (every statement 1.0): k paths, the direct one first */
    ck_assert_int_eq(kg_triple_confidences(st, &conf, &n_conf, &err), KG_OK);
    memset(&pq, 0, sizeof pq);
    pq.k = 3;
    pq.confidence = conf;
    pq.n_confidence = n_conf;
    ck_assert_int_eq(kg_graph_paths_query(g, t.ent[0], t.ent[15], &pq, 0, NULL, &ps, &n, &trunc,
                                          &err), KG_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(ps[0].n_edges, 1);
    ck_assert_uint_eq(ps[1].n_edges, 2);
    kg_paths_free(ps, n);
    free(conf);
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

/* A hub with two leaves and a 20-clique behind it: "paths leaf to leaf
 * within 20" has exactly one answer (leaf - hub - leaf). The clique holds
 * billions of walks that can only get back to the target through the hub, on
 * the path already: the search must see that, answer fast, and not report
 * itself truncated. */
START_TEST(test_paths_hub_exact)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_path *ps = NULL;
    size_t n = 0;
    int trunc = -1, i, j, k = 0;

    memset(&t, 0, sizeof t);
    t.n = 23; /* 0 hub, 1 and 2 leaves, 3..22 the clique */
    t.s[k] = 0; t.o[k] = 1; k++;
    t.s[k] = 0; t.o[k] = 2; k++;
    for (i = 3; i < 23; i++) {
        t.s[k] = 0; t.o[k] = i; t.rel[k] = 1; k++;
        for (j = i + 1; j < 23; j++) {
            t.s[k] = i; t.o[k] = j; t.rel[k] = 2; k++;
        }
    }
    t.m = k;
    st = store_graph(&t);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_paths(g, t.ent[1], t.ent[2], 20, 0, NULL, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(trunc, 0);
    ck_assert_uint_eq(ps[0].n_edges, 2);
    kg_paths_free(ps, n);
    /* into the clique: many paths, cut by the limit (and said so) */
    ck_assert_int_eq(kg_graph_paths(g, t.ent[1], t.ent[5], 20, 50, NULL, &ps, &n, &trunc, &err), KG_OK);
    ck_assert_uint_eq(n, 50);
    ck_assert_int_eq(trunc, 1);
    ck_assert_uint_eq(ps[0].n_edges, 2);
    kg_paths_free(ps, n);
    /* the same with the hub avoided: no path at all, not truncated */
    {
        kg_walk w;
        memset(&w, 0, sizeof w);
        w.direction = KG_DIR_BOTH;
        w.avoid = &t.ent[0];
        w.n_avoid = 1;
        ck_assert_int_eq(kg_graph_paths(g, t.ent[1], t.ent[2], 20, 0, &w, &ps, &n, &trunc, &err),
                         KG_OK);
        ck_assert_uint_eq(n, 0);
        ck_assert_int_eq(trunc, 0);
        kg_paths_free(ps, n);
    }
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

/* A database deleted and rebuilt to the same size and generation beside an
 * old snapshot: the snapshot must not be reused. */
START_TEST(test_snapshot_recreated_db)
{
    tgraph t;
    kg_store *st;
    kg_graph *g = NULL;
    kg_error err = {0};
    kg_reached *nb = NULL;
    size_t n = 0;
    kg_walk w;
    char path[400];
    memset(&t, 0, sizeof t);
    memset(&w, 0, sizeof w);
    w.direction = KG_DIR_OUT;
    t.n = 3; t.m = 2;
    t.s[0] = 0; t.o[0] = 1;
    t.s[1] = 1; t.o[1] = 2;
    st = store_graph(&t);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_neighbors(g, t.ent[2], 1, &w, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    free(nb);
    kg_graph_close(g);
    kg_store_close(st);
    snprintf(path, sizeof path, "%s-wal", db_path);
    unlink(path);
    snprintf(path, sizeof path, "%s-shm", db_path);
    unlink(path);
    /* same entities in the same order, same counts, one edge turned round */
    t.s[1] = 2; t.o[1] = 1;
    st = store_graph(&t); /* unlinks db_path, keeps db_path.adj */
    snprintf(path, sizeof path, "%s.adj", db_path);
    ck_assert_int_eq(access(path, F_OK), 0);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(kg_graph_neighbors(g, t.ent[2], 1, &w, &nb, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(nb[0].entity, t.ent[1]);
    free(nb);
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

/* Names: point lookups first, then (past a threshold) one scan of all
 * entities; both must give every entity's own name and type. */
START_TEST(test_names_bulk)
{
    kg_store *st = NULL;
    kg_graph *g = NULL;
    kg_error err = {0};
    int i, n = 6000;
    char sn[32], on[32], want[32];
    unlink(db_path);
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_CREATE, &st, &err), KG_OK);
    ck_assert_int_eq(kg_store_begin(st, &err), KG_OK);
    for (i = 0; i + 1 < n; i++) {
        kg_doc_triple d;
        int64_t tid;
        memset(&d, 0, sizeof d);
        snprintf(sn, sizeof sn, "n%d", i);
        snprintf(on, sizeof on, "n%d", i + 1);
        d.subject = sn; d.object = on; d.relation = "next"; d.confidence = 1.0;
        d.subject_type = i % 2 ? "ORG" : "PERSON";
        d.sentence = (size_t)-1;
        ck_assert_int_eq(kg_store_add_triple(st, &d, 0, &tid, &err), KG_OK);
    }
    ck_assert_int_eq(kg_store_commit(st, &err), KG_OK);
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_uint_eq(kg_graph_node_count(g), (size_t)n);
    /* every entity, in an order unlike the table's, twice */
    for (i = 0; i < 2 * n; i++) {
        int k = (int)(((long)i * 7919) % n);
        uint32_t node;
        const char *nm;
        int64_t id = -1;
        int j;
        for (j = 0; j < 1; j++) {
            int64_t *ids = NULL;
            size_t cnt = 0;
            snprintf(want, sizeof want, "n%d", k);
            ck_assert_int_eq(kg_lookup_entity(st, want, &ids, &cnt, &err), KG_OK);
            ck_assert_uint_eq(cnt, 1);
            id = ids[0];
            free(ids);
        }
        ck_assert(kg_graph_node_of(g, id, &node));
        ck_assert_int_eq(kg_graph_entity_id(g, node), id);
        nm = kg_graph_entity_name(g, st, id);
        ck_assert_ptr_nonnull(nm);
        ck_assert_str_eq(nm, want);
        if (k + 1 < n)
            ck_assert_str_eq(kg_graph_entity_type(g, st, id), k % 2 ? "ORG" : "PERSON");
    }
    ck_assert_ptr_null(kg_graph_entity_name(g, st, 10 * n + 5));
    kg_graph_close(g);
    kg_store_close(st);
}
END_TEST

static Suite *traverse_suite(void)
{
    Suite *s = suite_create("traverse");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_random_graphs, 0, 6);
    tcase_add_test(tc, test_rank_and_communities);
    tcase_add_test(tc, test_snapshot_lifecycle);
    tcase_add_test(tc, test_edge_cases);
    tcase_add_test(tc, test_paths_explosion_bounded);
    tcase_add_test(tc, test_paths_hub_exact);
    tcase_add_test(tc, test_paths_query_clique);
    tcase_add_test(tc, test_names_bulk);
    tcase_add_test(tc, test_snapshot_recreated_db);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(traverse_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
