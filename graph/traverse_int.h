/*
 * traverse_int.h -- what the engine's files (snapshot.c, traverse.c, algo.c,
 * lookup.c) share: the snapshot layout and the kg_graph record. Never
 * included from outside graph/.
 *
 * Snapshot file (PATH.adj), little-endian native, every section 8-aligned:
 *   adj_header
 *   int64_t  node_ids[n_nodes]        entity ids ascending (dense index = position)
 *   uint64_t out_off[n_nodes + 1]     CSR offsets into out[]
 *   uint64_t in_off[n_nodes + 1]      CSR offsets into in[]
 *   kg_adj   out[n_edges]             per subject node, in triple id order
 *   kg_adj   in[n_edges]              per object node, in triple id order
 *   uint32_t degree[n_nodes]          non-negated in + out degree
 *   uint32_t deg_order[n_nodes]       nodes by degree desc, entity id asc
 */
#ifndef KG_TRAVERSE_INT_H
#define KG_TRAVERSE_INT_H

#include <stdint.h>
#include <stddef.h>
#include "kg_traverse.h"

#define KG_ADJ_MAGIC "KGADJv02"
#define KG_ADJ_NEGATED 0x80000000u  /* flag bit in kg_adj.rel */

typedef struct kg_adj {
    uint32_t node;       /* the other end (dense index) */
    uint32_t rel;        /* relation id | KG_ADJ_NEGATED */
    int64_t triple_id;
} kg_adj;

typedef struct adj_header {
    char magic[8];
    uint64_t header_size;
    int64_t generation;       /* kg_store_generation at build time */
    int64_t max_triple_id;    /* extra staleness checks */
    int64_t max_entity_id;
    int64_t n_triples_seen;
    uint64_t fingerprint;     /* hash of the newest / oldest rows: a recreated database differs */
    uint64_t n_nodes, n_edges;
    uint64_t off_node_ids, off_out_off, off_in_off, off_out, off_in, off_degree, off_order;
    uint64_t file_size;
    uint64_t check;           /* hash of the fields above */
} adj_header;

/* What a walk knows of one node; valid only when stamp == the graph's epoch. */
typedef struct node_state {
    uint32_t stamp;      /* == epoch: reached by this side in this walk */
    uint32_t dist;       /* hops from this side's start */
    uint32_t par_node;   /* the node it was reached from */
    uint32_t block;      /* == epoch: avoided (kept in side a) */
    uint64_t par_edge;   /* the edge: index into out[] or in[] | KG_EREF_IN */
} node_state;

/* id -> strings cache (open addressing) */
typedef struct name_slot { int64_t id; char *name; char *type; } name_slot;
typedef struct name_cache {
    name_slot *slots; size_t cap, used;
    char **chunks; size_t n_chunks; /* the strings live in chunks, freed together */
    char *cur; size_t left;
} name_cache;

struct kg_graph {
    kg_store *st;
    unsigned char *base;      /* the snapshot bytes */
    size_t size;
    int is_mapped;            /* munmap vs free */
    uint32_t n_nodes;
    uint64_t n_edges;
    const int64_t *node_ids;
    const uint64_t *out_off, *in_off;
    const kg_adj *out, *in;
    const uint32_t *degree, *deg_order;
    /* traversal scratch, allocated on first use (calloc: untouched pages stay
     * free); one record per node and side, so a visit touches one page */
    node_state *side_a, *side_b;
    uint32_t epoch;
    /* name caches (lookup.c) */
    name_cache entities, relations;
    void *ent_stmt, *rel_stmt; /* sqlite3_stmt * */
    size_t name_misses;       /* point lookups so far; past a threshold, one scan loads all */
    int has_all_names;
};

#define KG_EREF_IN (1ull << 63)

/* A walk's edge filter and avoided nodes (traverse.c sets it up from a kg_walk). */
typedef struct walk_ctx {
    kg_graph *g;
    int use_out, use_in;       /* forward direction lists */
    const int64_t *rels; size_t n_rels; /* via: sorted copy, or NULL = any */
    const int64_t *without; size_t n_without; /* sorted copy, or NULL */
    const kg_tripleset *skip;  /* triples never walked, or NULL */
    int with_negated;
    int has_block;
} walk_ctx;

/* Fill c from w (NULL = defaults) and allocate the traversal scratch; *rel_copy
 * (sorted relation lists) is freed by the caller with free(). */
int kg_walk_ctx_init(kg_graph *g, const kg_walk *w, walk_ctx *c, int64_t **rel_copy,
                     kg_error *err);
/* A new epoch with w's avoided nodes blocked, except keep1 and keep2. */
void kg_walk_begin(kg_graph *g, const kg_walk *w, walk_ctx *c, uint32_t keep1, uint32_t keep2);

/* Work cap for simple-path enumeration (edge inspections): past it the result
 * is cut and marked truncated rather than hanging on a dense graph. */
#define KG_PATHS_WORK_MAX 20000000ull
/* A separate cap for the restricted BFSs that prune branches exactly
 * (traverse.c steps_from, paths.c prune); past it the search goes on with the
 * plain distance bound only, so pruning never costs more paths than it saves. */
#define KG_PATHS_PRUNE_WORK_MAX 50000000ull

/* Backward BFS from t up to max_d hops, walking c's edges in reverse:
 * d[v] = 1 + hops from v to t (d zeroed by the caller), through nodes not in
 * skip (NULL: any). q (n_nodes long) is the queue; *n_queued says which d[]
 * were set. With work, stops and returns 1 when *work passes work_max. */
int kg_walk_back_bfs(kg_graph *g, const walk_ctx *c, uint32_t t, unsigned max_d, uint32_t *d,
                     const unsigned char *skip, uint32_t *q, size_t *n_queued, uint64_t *work,
                     uint64_t work_max);

static inline int kg_sorted_has(const int64_t *v, size_t n, int64_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x;
}

/* May the walk take this adjacency entry? */
static inline int kg_walk_edge_ok(const walk_ctx *c, const kg_adj *a)
{
    int64_t r = (int64_t)(a->rel & ~KG_ADJ_NEGATED);
    if ((a->rel & KG_ADJ_NEGATED) && !c->with_negated)
        return 0;
    if (c->rels && !kg_sorted_has(c->rels, c->n_rels, r))
        return 0;
    if (c->n_without && kg_sorted_has(c->without, c->n_without, r))
        return 0;
    if (c->skip && kg_tripleset_has(c->skip, a->triple_id))
        return 0;
    return 1;
}

static inline int kg_walk_blocked(const walk_ctx *c, uint32_t v)
{
    return c->has_block && c->g->side_a[v].block == c->g->epoch;
}

/* Edge of node u at ref (an index into out[] or in[] | KG_EREF_IN) as a kg_edge. */
void kg_graph_edge_at(const kg_graph *g, uint32_t u, uint64_t ref, kg_edge *e);
/* Betweenness by Brandes from n_sources sources (algo.c; see there). */
int kg_graph_betweenness_sampled(const kg_graph *g, size_t n_sources, double **out, kg_error *err);
/* Name caches (lookup.c): free everything. */
void kg_graph_names_free(kg_graph *g);

#endif
