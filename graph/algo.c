/*
 * algo.c -- global questions: degree, pagerank, betweenness and communities.
 *
 * Place in the flow: graph/ stage. Degree comes straight from the snapshot
 * (precomputed and pre-sorted at build time). The others build an igraph_t
 * from the snapshot (negated triples left out) and call igraph 0.10. igraph
 * aborts on error and prints warnings by default; here an error handler copies
 * the reason for the caller's kg_error and calls IGRAPH_FINALLY_FREE(), a
 * warning handler stays quiet, and the RNG is seeded so results repeat.
 */
#include "traverse_int.h"

#include <sqlite3.h>

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <igraph.h>

/* Above this many (nodes x edges), betweenness is estimated from a fixed
 * sample of source nodes (scaled to the whole), not computed exactly: exact
 * Brandes on a million triples takes hours. igraph's subset variant took
 * ~0.1 s per source there, so the estimate runs Brandes directly on the
 * snapshot (measured: 32 sources ~3 s CPU at 1M triples on a loaded machine). */
#define KG_BETWEENNESS_EXACT_MAX 2e8
#define KG_BETWEENNESS_SAMPLES 32
#define KG_RNG_SEED 20240101

static char igraph_reason[200];
static int igraph_failed;

static void on_igraph_error(const char *reason, const char *file, int line, igraph_error_t code)
{
    (void)file; (void)line; (void)code;
    if (!igraph_failed)
        snprintf(igraph_reason, sizeof igraph_reason, "%s", reason ? reason : "igraph error");
    igraph_failed = 1;
    IGRAPH_FINALLY_FREE();
}

static void on_igraph_warning(const char *reason, const char *file, int line)
{
    (void)reason; (void)file; (void)line;
}

/* igraph's PRPACK pagerank runs an OpenMP loop; on a small shared machine the
 * extra threads mostly spin (twice the CPU for the same wall time). Ask the
 * OpenMP runtime, if igraph brought one, for one thread. Looked up at run time
 * so kg does not link libgomp itself. */
static void one_omp_thread(void)
{
    static int done;
    void *self;
    void (*set_threads)(int) = NULL;
    if (done)
        return;
    done = 1;
    self = dlopen(NULL, RTLD_LAZY);
    if (!self)
        return;
    *(void **)&set_threads = dlsym(self, "omp_set_num_threads");
    if (set_threads)
        set_threads(1);
    dlclose(self);
}

static void algo_init(void)
{
    one_omp_thread();
    igraph_set_error_handler(on_igraph_error);
    igraph_set_warning_handler(on_igraph_warning);
    igraph_rng_seed(igraph_rng_default(), KG_RNG_SEED);
    igraph_failed = 0;
    igraph_reason[0] = '\0';
}

static int igraph_fail(kg_error *err, igraph_error_t code, const char *what)
{
    if (code == IGRAPH_ENOMEM)
        return kg_error_set(err, KG_ENOMEM, "out of memory in %s", what);
    return kg_error_set(err, KG_EDB, "%s: %s", what,
                        igraph_reason[0] ? igraph_reason : igraph_strerror(code));
}

/* igraph_t from the snapshot, non-negated edges only, all nodes. */
static igraph_error_t make_igraph(const kg_graph *g, int directed, igraph_t *ig)
{
    igraph_vector_int_t edges;
    igraph_integer_t k = 0;
    uint32_t u;
    igraph_error_t e;
    uint64_t i, m = 0;
    for (i = 0; i < g->n_edges; i++)
        if (!(g->out[i].rel & KG_ADJ_NEGATED))
            m++;
    e = igraph_vector_int_init(&edges, (igraph_integer_t)(2 * m));
    if (e)
        return e;
    for (u = 0; u < g->n_nodes; u++)
        for (i = g->out_off[u]; i < g->out_off[u + 1]; i++)
            if (!(g->out[i].rel & KG_ADJ_NEGATED)) {
                VECTOR(edges)[k++] = u;
                VECTOR(edges)[k++] = g->out[i].node;
            }
    e = igraph_create(ig, &edges, (igraph_integer_t)g->n_nodes, directed ? IGRAPH_DIRECTED : IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    /* igraph has its own copy now: let the kernel drop the snapshot pages we
     * just read from this process's resident set (they stay in the page
     * cache and fault back in if a later question needs them) */
    if (g->is_mapped)
        madvise(g->base, g->size, MADV_DONTNEED);
    return e;
}

static int cmp_ranked(const void *a, const void *b)
{
    const kg_ranked *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

static uint64_t lcg_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* Brandes' betweenness on the undirected non-negated graph from n_sources
 * sources (all nodes when n_sources >= n; else a fixed pseudo-random sample,
 * scores scaled by n / n_sources). Parallel triples count as distinct
 * shortest paths and self-loops as none, as igraph counts them; each
 * unordered pair once (halved), as igraph's undirected betweenness.
 * Caller frees *out (n_nodes scores, dense order). */
int kg_graph_betweenness_sampled(const kg_graph *g, size_t n_sources, double **out, kg_error *err)
{
    size_t n = g->n_nodes, k, n_src;
    double *bc = calloc(n ? n : 1, sizeof *bc), *sigma = malloc((n ? n : 1) * sizeof *sigma);
    double *delta = malloc((n ? n : 1) * sizeof *delta);
    int32_t *dist = malloc((n ? n : 1) * sizeof *dist);
    uint32_t *order = malloc((n ? n : 1) * sizeof *order), *src = NULL;
    uint64_t seed = KG_RNG_SEED;
    int rc = KG_OK;

    *out = NULL;
    n_src = n_sources < n ? n_sources : n;
    src = malloc((n_src ? n_src : 1) * sizeof *src);
    if (!bc || !sigma || !delta || !dist || !order || !src) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory in betweenness");
        goto done;
    }
    if (n_src == n) {
        for (k = 0; k < n; k++)
            src[k] = (uint32_t)k;
    } else {
        char *taken = calloc(n, 1);
        if (!taken) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in betweenness");
            goto done;
        }
        for (k = 0; k < n_src;) {
            size_t v = (size_t)(lcg_next(&seed) % n);
            if (!taken[v]) {
                taken[v] = 1;
                src[k++] = (uint32_t)v;
            }
        }
        free(taken);
    }
    for (k = 0; k < n; k++)
        dist[k] = -1;
    for (k = 0; k < n_src; k++) {
        size_t head = 0, tail = 0, j;
        uint32_t s = src[k];
        dist[s] = 0;
        sigma[s] = 1;
        order[tail++] = s;
        while (head < tail) {
            uint32_t v = order[head++];
            int pass;
            for (pass = 0; pass < 2; pass++) {
                const kg_adj *list = pass ? g->in : g->out;
                uint64_t lo = pass ? g->in_off[v] : g->out_off[v];
                uint64_t hi = pass ? g->in_off[v + 1] : g->out_off[v + 1], i;
                for (i = lo; i < hi; i++) {
                    uint32_t w = list[i].node;
                    if ((list[i].rel & KG_ADJ_NEGATED) || w == v)
                        continue;
                    if (dist[w] < 0) {
                        dist[w] = dist[v] + 1;
                        sigma[w] = 0;
                        order[tail++] = w;
                    }
                    if (dist[w] == dist[v] + 1)
                        sigma[w] += sigma[v];
                }
            }
        }
        for (j = 0; j < tail; j++)
            delta[order[j]] = 0;
        for (j = tail; j-- > 0;) {
            uint32_t w = order[j];
            int pass;
            for (pass = 0; pass < 2; pass++) {
                const kg_adj *list = pass ? g->in : g->out;
                uint64_t lo = pass ? g->in_off[w] : g->out_off[w];
                uint64_t hi = pass ? g->in_off[w + 1] : g->out_off[w + 1], i;
                for (i = lo; i < hi; i++) {
                    uint32_t v = list[i].node;
                    if ((list[i].rel & KG_ADJ_NEGATED) || v == w)
                        continue;
                    if (dist[v] == dist[w] - 1)
                        delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
                }
            }
            if (w != s)
                bc[w] += delta[w];
        }
        for (j = 0; j < tail; j++)
            dist[order[j]] = -1;
    }
    {
        double scale = n_src ? (double)n / (double)n_src / 2.0 : 0;
        for (k = 0; k < n; k++)
            bc[k] *= scale;
    }
    *out = bc;
    bc = NULL;
done:
    free(bc);
    free(sigma);
    free(delta);
    free(dist);
    free(order);
    free(src);
    return rc;
}

/* Every entity of the snapshot with its mention count from the store. */
static int rank_mentions(kg_graph *g, kg_ranked **out, size_t *n_out, kg_error *err)
{
    sqlite3_stmt *q = NULL;
    kg_ranked *res;
    size_t n = g->n_nodes, i;
    int step;
    if (n == 0)
        return KG_OK;
    res = malloc(n * sizeof *res);
    if (!res)
        return kg_error_set(err, KG_ENOMEM, "out of memory ranking entities");
    for (i = 0; i < n; i++) {
        res[i].entity = g->node_ids[i];
        res[i].score = 0;
    }
    if (sqlite3_prepare_v2(kg_store_db(g->st), "SELECT id, mention_count FROM entity", -1, &q,
                           NULL) != SQLITE_OK) {
        free(res);
        return kg_error_set(err, KG_EDB, "cannot read mention counts: %s",
                            sqlite3_errmsg(kg_store_db(g->st)));
    }
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        uint32_t u;
        if (kg_graph_node_of(g, sqlite3_column_int64(q, 0), &u))
            res[u].score = (double)sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) {
        free(res);
        return kg_error_set(err, KG_EDB, "cannot read mention counts: %s",
                            sqlite3_errmsg(kg_store_db(g->st)));
    }
    qsort(res, n, sizeof *res, cmp_ranked);
    *out = res;
    *n_out = n;
    return KG_OK;
}

int kg_graph_rank(kg_graph *g, int measure, kg_ranked **out, size_t *n_out, kg_error *err)
{
    kg_ranked *res;
    size_t n = g->n_nodes, i;
    igraph_t ig;
    igraph_vector_t scores;
    igraph_error_t e;
    int rc = KG_OK;

    *out = NULL;
    *n_out = 0;
    if (measure == KG_RANK_MENTIONS)
        return rank_mentions(g, out, n_out, err);
    if (measure != KG_RANK_DEGREE && measure != KG_RANK_PAGERANK && measure != KG_RANK_BETWEENNESS)
        return kg_error_set(err, KG_EUSAGE, "unknown ranking measure %d", measure);
    if (n == 0)
        return KG_OK;
    res = malloc(n * sizeof *res);
    if (!res)
        return kg_error_set(err, KG_ENOMEM, "out of memory ranking entities");
    if (measure == KG_RANK_DEGREE) {
        /* already sorted in the snapshot: degree desc, entity id asc */
        for (i = 0; i < n; i++) {
            uint32_t u = g->deg_order[i];
            res[i].entity = g->node_ids[u];
            res[i].score = (double)g->degree[u];
        }
        *out = res;
        *n_out = n;
        return KG_OK;
    }
    if (measure == KG_RANK_BETWEENNESS && (double)n * (double)g->n_edges > KG_BETWEENNESS_EXACT_MAX &&
        n > KG_BETWEENNESS_SAMPLES) {
        double *bc = NULL;
        /* as many sources as ~3e7 adjacency steps allow, at least 32 */
        size_t samples = (size_t)(3e7 / (2.0 * (double)g->n_edges + (double)n));
        int brc;
        if (samples < KG_BETWEENNESS_SAMPLES)
            samples = KG_BETWEENNESS_SAMPLES;
        brc = kg_graph_betweenness_sampled(g, samples, &bc, err);
        if (brc) {
            free(res);
            return brc;
        }
        for (i = 0; i < n; i++) {
            res[i].entity = g->node_ids[i];
            res[i].score = bc[i];
        }
        free(bc);
        qsort(res, n, sizeof *res, cmp_ranked);
        *out = res;
        *n_out = n;
        return KG_OK;
    }
    algo_init();
    e = make_igraph(g, measure == KG_RANK_PAGERANK, &ig);
    if (e) {
        free(res);
        return igraph_fail(err, e, "building the graph for igraph");
    }
    e = igraph_vector_init(&scores, 0);
    if (e) {
        igraph_destroy(&ig);
        free(res);
        return igraph_fail(err, e, "ranking");
    }
    if (measure == KG_RANK_PAGERANK) {
        e = igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &scores, NULL, igraph_vss_all(),
                            1, 0.85, NULL, NULL);
    } else {
        e = igraph_betweenness(&ig, &scores, igraph_vss_all(), 0, NULL);
    }
    if (e) {
        rc = igraph_fail(err, e, measure == KG_RANK_PAGERANK ? "pagerank" : "betweenness");
    } else {
        for (i = 0; i < n; i++) {
            res[i].entity = g->node_ids[i];
            res[i].score = VECTOR(scores)[i];
        }
        qsort(res, n, sizeof *res, cmp_ranked);
    }
    igraph_vector_destroy(&scores);
    igraph_destroy(&ig);
    if (rc) {
        free(res);
        return rc;
    }
    *out = res;
    *n_out = n;
    return KG_OK;
}

/* ------------------------------------------------------------ communities */

typedef struct comm_sort { size_t start, size; int64_t min_id; } comm_sort;

static const kg_graph *sort_g;
static int cmp_member(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_g->degree[x] != sort_g->degree[y])
        return sort_g->degree[x] > sort_g->degree[y] ? -1 : 1;
    return x < y ? -1 : x > y; /* dense order is entity id order */
}

static int cmp_comm(const void *a, const void *b)
{
    const comm_sort *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return x->min_id < y->min_id ? -1 : x->min_id > y->min_id;
}

int kg_graph_communities(kg_graph *g, kg_community **out, size_t *n_out, kg_error *err)
{
    igraph_t ig;
    igraph_vector_int_t membership;
    igraph_error_t e;
    size_t n = g->n_nodes, i, n_comm = 0;
    size_t *count = NULL, *fill = NULL;
    uint32_t *by_comm = NULL;
    comm_sort *cs = NULL;
    kg_community *res = NULL;
    int rc = KG_OK;

    *out = NULL;
    *n_out = 0;
    if (n == 0)
        return KG_OK;
    algo_init();
    e = make_igraph(g, 0, &ig);
    if (e)
        return igraph_fail(err, e, "building the graph for igraph");
    e = igraph_vector_int_init(&membership, 0);
    if (e) {
        igraph_destroy(&ig);
        return igraph_fail(err, e, "communities");
    }
    e = igraph_community_multilevel(&ig, NULL, 1.0, &membership, NULL, NULL);
    if (e) {
        rc = igraph_fail(err, e, "communities");
        goto done;
    }
    for (i = 0; i < n; i++)
        if ((size_t)VECTOR(membership)[i] + 1 > n_comm)
            n_comm = (size_t)VECTOR(membership)[i] + 1;
    count = calloc(n_comm + 1, sizeof *count);
    fill = calloc(n_comm + 1, sizeof *fill);
    by_comm = malloc(n * sizeof *by_comm);
    cs = calloc(n_comm + 1, sizeof *cs);
    if (!count || !fill || !by_comm || !cs)
        goto nomem;
    /* entities without a (non-negated) triple are not part of any community */
    for (i = 0; i < n; i++)
        if (g->degree[i])
            count[VECTOR(membership)[i]]++;
    {
        size_t acc = 0, c;
        for (c = 0; c < n_comm; c++) {
            cs[c].start = acc;
            cs[c].size = count[c];
            cs[c].min_id = INT64_MAX;
            fill[c] = acc;
            acc += count[c];
        }
    }
    for (i = 0; i < n; i++)
        if (g->degree[i]) {
            size_t c = (size_t)VECTOR(membership)[i];
            by_comm[fill[c]++] = (uint32_t)i;
            if (g->node_ids[i] < cs[c].min_id)
                cs[c].min_id = g->node_ids[i];
        }
    sort_g = g;
    for (i = 0; i < n_comm; i++)
        if (cs[i].size > 1)
            qsort(by_comm + cs[i].start, cs[i].size, sizeof *by_comm, cmp_member);
    qsort(cs, n_comm, sizeof *cs, cmp_comm);
    while (n_comm > 0 && cs[n_comm - 1].size == 0)
        n_comm--;
    res = calloc(n_comm ? n_comm : 1, sizeof *res);
    if (!res)
        goto nomem;
    for (i = 0; i < n_comm; i++) {
        size_t j;
        res[i].members = malloc(cs[i].size * sizeof *res[i].members);
        if (!res[i].members) {
            kg_communities_free(res, i);
            res = NULL;
            goto nomem;
        }
        for (j = 0; j < cs[i].size; j++)
            res[i].members[j] = g->node_ids[by_comm[cs[i].start + j]];
        res[i].n_members = cs[i].size;
    }
    *out = res;
    *n_out = n_comm;
    goto done;
nomem:
    rc = kg_error_set(err, KG_ENOMEM, "out of memory finding communities");
done:
    free(count);
    free(fill);
    free(by_comm);
    free(cs);
    igraph_vector_int_destroy(&membership);
    igraph_destroy(&ig);
    return rc;
}

void kg_communities_free(kg_community *c, size_t n)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < n; i++)
        free(c[i].members);
    free(c);
}
