/*
 * export_int.h -- what the export writers (graph/export_*.c) share: the row
 * iterators over the store and the text helpers. Never included outside graph/.
 */
#ifndef KG_EXPORT_INT_H
#define KG_EXPORT_INT_H

#include <stdio.h>
#include <stdint.h>
#include "kg_export.h"

/* One node as the writers see it; strings valid during the callback only. */
typedef struct kg_x_node {
    int64_t id;
    const char *name;
    const char *type;          /* PERSON, ORG, ... ("OTHER" if unknown) */
    int64_t mention_count;
    const char *aliases;       /* other names joined with " | "; "" if none */
} kg_x_node;

/* One edge (a triple, or a collapsed ordered pair); strings valid during the callback. */
typedef struct kg_x_edge {
    int64_t id;                /* triple id (collapsed: the first triple's id) */
    int64_t subject_id, object_id;
    const char *subject, *object; /* names; only when asked for */
    const char *subject_type, *object_type;
    const char *relation;      /* collapsed: relations joined with " | " */
    const char *surface, *time, *modality, *document; /* NULL when absent */
    int is_negated;            /* collapsed: 1 only if every triple is negated */
    double confidence;         /* collapsed: the highest */
    int64_t evidence_count;    /* collapsed: the sum */
    int64_t sentence;          /* index of the first evidence's sentence; -1 = none */
    int64_t n_triples;         /* 1, or the number of triples collapsed */
} kg_x_edge;

typedef int (*kg_x_node_fn)(void *ctx, const kg_x_node *n, kg_error *err);
typedef int (*kg_x_edge_fn)(void *ctx, const kg_x_edge *e, kg_error *err);

/* The selection of one export: whole graph or TEMP tables of ids. */
typedef struct kg_x_sel {
    kg_store *st;
    int is_whole;
    int has_temp;              /* temp tables created: drop at the end */
    int is_linked_only;        /* whole graph: only entities in some triple */
} kg_x_sel;

int kg_x_select(kg_store *st, const kg_subgraph *sg, kg_x_sel *sel, kg_error *err);
void kg_x_unselect(kg_x_sel *sel);
/* Stream the selected nodes (ordered by id) / edges (ordered by id, or by
 * subject, object when collapsed) to fn. with_names: fill subject/object. */
int kg_x_nodes(kg_x_sel *sel, kg_x_node_fn fn, void *ctx, kg_error *err);
int kg_x_edges(kg_x_sel *sel, int with_names, int is_collapsed, kg_x_edge_fn fn,
               void *ctx, kg_error *err);

/* KG_EIO naming path (or "standard output") if f has a write error. */
int kg_x_check_write(FILE *f, const char *path, kg_error *err);

/* Append s to b with characters XML 1.0 forbids (C0 controls other than tab,
 * newline, CR; U+FFFE, U+FFFF) and invalid UTF-8 bytes dropped. */
int kg_x_clean_text(kg_buf *b, const char *s);

int kg_x_graphml(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path, kg_error *err);
int kg_x_dot(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path, kg_error *err);
int kg_x_nt(kg_x_sel *sel, const kg_export_options *opt, FILE *out, const char *path, kg_error *err);
int kg_x_csv(kg_x_sel *sel, const kg_export_options *opt, const char *dir, kg_error *err);
int kg_x_jsonl(kg_x_sel *sel, FILE *out, const char *path, kg_error *err);
int kg_x_tsv(kg_x_sel *sel, FILE *out, const char *path, kg_error *err);

/* Fast appenders for the big writers (no printf in the per-row path). */
int kg_x_put_i64(kg_buf *b, int64_t v);
int kg_x_put_double(kg_buf *b, double v); /* exact (reads back equal); integers without a point */
/* Write b to out and empty it when it holds at least min bytes (0 = always). */
void kg_x_drain(kg_buf *b, FILE *out, size_t min);

/* N-Triples IRI helpers shared by export_nt.c and import_nt.c. */
/* Append s percent-encoded (all but A-Z a-z 0-9 - . _ ~) to b. */
int kg_x_pct_encode(kg_buf *b, const char *s, size_t n);
/* Append the percent-decoding of s[0..n) to b; 0 if a % is not followed by two hex digits. */
int kg_x_pct_decode(kg_buf *b, const char *s, size_t n, int *is_ok);

#endif
