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

/* Edge of node u at ref (an index into out[] or in[] | KG_EREF_IN) as a kg_edge. */
void kg_graph_edge_at(const kg_graph *g, uint32_t u, uint64_t ref, kg_edge *e);
/* Betweenness by Brandes from n_sources sources (algo.c; see there). */
int kg_graph_betweenness_sampled(const kg_graph *g, size_t n_sources, double **out, kg_error *err);
/* Name caches (lookup.c): free everything. */
void kg_graph_names_free(kg_graph *g);

#endif
