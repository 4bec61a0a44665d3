/*
 * kg_export.h -- writers of the whole graph or of a subgraph: jsonl, tsv,
 * graphml, dot, nt, csv. Owned by the export module (graph/export*.c).
 */
#ifndef KG_EXPORT_H
#define KG_EXPORT_H

#include <stdio.h>
#include <stdint.h>
#include "kg_store.h"

/* A subgraph: entity ids and triple ids (borrowed). whole = 1 means the whole graph. */
typedef struct kg_subgraph {
    int is_whole;
    const int64_t *entity_ids; size_t n_entities;
    const int64_t *triple_ids; size_t n_triples;
} kg_subgraph;

/* format: "jsonl", "tsv", "graphml", "dot", "nt", "csv" (csv writes into a directory). */
int kg_export(kg_store *st, const char *format, const kg_subgraph *sg, FILE *out,
              const char *out_path, kg_error *err);

#endif
