/*
 * kg_export.h -- writers of the whole graph or of a subgraph (jsonl, tsv,
 * graphml, dot, nt, csv) and the importers of N-Triples and of `kg extract
 * --format jsonl` output. Owned by the export module (graph/export*.c,
 * graph/import_*.c).
 *
 * Place in the flow: graph/ reads the store (kg_store.h) with SQL and streams
 * rows to the writer: memory is bounded by one row plus, for subgraphs, the
 * id sets. query/ calls kg_export for `kg query --format graphml|dot`; cli/
 * calls it for `kg export` and `kg draw`.
 */
#ifndef KG_EXPORT_H
#define KG_EXPORT_H

#include <stdio.h>
#include <stdint.h>
#include "kg_store.h"

/* A subgraph: entity ids and triple ids (borrowed). whole = 1 means the whole graph.
 * The nodes written are entity_ids plus both ends of every triple in triple_ids
 * (GraphML and CSV need every edge end declared); ids may repeat, unknown ids
 * are skipped. */
typedef struct kg_subgraph {
    int is_whole;
    const int64_t *entity_ids; size_t n_entities;
    const int64_t *triple_ids; size_t n_triples;
} kg_subgraph;

/* Options of the writers; zero-initialise ({0}) for the defaults. */
typedef struct kg_export_options {
    int is_collapsed;      /* graphml/dot: one edge per ordered pair of nodes (relations
                              joined with " | ", weight = number of triples), for Gephi */
    int is_yed;            /* graphml: add yEd's y:ShapeNode / y:PolyLineEdge graphics
                              (the file is then not valid against the plain schema) */
    const char *base_iri;  /* nt: IRIs are minted under this; NULL = KG_EXPORT_BASE_IRI */
    int is_linked_only;    /* whole graph: leave out entities that are in no triple
                              (kg draw's picture of the whole graph) */
    int is_induced;        /* subgraph: also every other statement between two of its
                              entities (negated ones too, flagged as such) */
} kg_export_options;

#define KG_EXPORT_BASE_IRI "http://kg.example.org/"

/* format: "jsonl", "tsv", "graphml", "dot", "nt", "csv".
 * Writes sg (NULL = whole graph) to out. out_path names out in error messages
 * (NULL = standard output); for "csv", out is unused and out_path is a directory
 * (created if missing) that receives nodes.csv, edges.csv and schema.cypher.
 * An unknown format is KG_EUSAGE; a write error is KG_EIO naming out_path; a
 * database error is KG_EDB. Streams: memory is bounded by the id sets of sg.
 * Cost: one pass over the selected rows (plus a sort by node pair when
 * collapsed). The store is not modified (subgraph ids go into TEMP tables). */
int kg_export(kg_store *st, const char *format, const kg_subgraph *sg, FILE *out,
              const char *out_path, kg_error *err);
/* kg_export with options (opt may be NULL). */
int kg_export_ex(kg_store *st, const char *format, const kg_subgraph *sg,
                 const kg_export_options *opt, FILE *out, const char *out_path,
                 kg_error *err);
/* 1 if format is one kg_export writes. */
int kg_export_format_known(const char *format);

/* Check before any work that path can be written: opens it for writing (for
 * "csv": creates the directory and checks it is writable) and returns the FILE
 * in *out (NULL for csv). "-" or NULL = standard output. KG_EIO naming path. */
int kg_export_open_output(const char *format, const char *path, FILE **out, kg_error *err);

/* Import N-Triples from path ("-" = standard input), all or nothing (one
 * transaction and one document row of kind 'nt'; the same bytes again are a
 * no-op): a malformed line is KG_EINPUT naming path and line (column =
 * character), and nothing is written. kg's own export maps back exactly
 * (base_iri NULL = KG_EXPORT_BASE_IRI): names from rdfs:label, types, negated
 * and qualified triples from their reification; with base_iri NULL, the base
 * is found from kg's vocabulary in the file (B vocab/negated), else the
 * default. Foreign IRIs: the name is the
 * rdfs:label, else the percent-decoded last path segment or fragment; every
 * statement whose object is an IRI or blank node becomes a triple (relation =
 * the predicate's local name); literal-valued statements other than kg's are
 * skipped. Entities without triples are not created. The file is held in
 * memory. res may be NULL; res->lines counts statements; a file without
 * one writes nothing, not even a document row. */
int kg_import_nt(kg_store *st, const char *path, kg_import_result *res, kg_error *err);
int kg_import_nt_ex(kg_store *st, const char *path, const char *base_iri,
                    kg_import_result *res, kg_error *err);

/* Import what `kg extract --format jsonl` prints (and what `kg export --format
 * jsonl` writes) from path ("-" = standard input), all or nothing per file: a
 * malformed line is KG_EINPUT naming path and line, and nothing is written.
 * Lines are grouped into documents: a {"kind": "document"} line starts a new
 * one; without such lines, a mention after a triple or a triple of an earlier
 * sentence does (concatenated `kg extract` outputs). Each document is stored
 * like `kg ingest` stores it (kg_store_add_document, one transaction each,
 * after the whole file has been checked): sentences, mentions, entities,
 * aliases, triples and evidence. res may be NULL; res->lines counts non-blank
 * lines. A file with no triple and no entity writes nothing. */
int kg_import_jsonl(kg_store *st, const char *path, kg_import_result *res, kg_error *err);

#endif
