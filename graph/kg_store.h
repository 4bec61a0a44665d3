/*
 * kg_store.h -- the triple store on SQLite: documents, sentences, mentions,
 * entities, aliases, relations, triples and their evidence.
 *
 * The schema (graph/schema.sql, embedded by store.c) is a stable interface for
 * people who script with sqlite3; README.md documents it. PRAGMA user_version
 * holds KG_SCHEMA_VERSION; older versions are migrated on open, newer refused.
 * Every write is one transaction; every write transaction bumps
 * meta('generation') so readers (the adjacency snapshot) can tell the graph changed.
 */
#ifndef KG_STORE_H
#define KG_STORE_H

#include <stdint.h>
#include "../base/kg_base.h"

#define KG_SCHEMA_VERSION 1

typedef struct kg_store kg_store;
typedef struct sqlite3 sqlite3;

enum { KG_STORE_READONLY = 1, KG_STORE_CREATE = 2 };

/* Open (flags KG_STORE_CREATE: create if missing) the database at path. Sets WAL,
 * a busy timeout, foreign keys; creates or migrates the schema. A file that is
 * not a kg/SQLite database is KG_EDB naming the path. Close with kg_store_close. */
int kg_store_open(const char *path, int flags, kg_store **out, kg_error *err);
void kg_store_close(kg_store *st); /* accepts NULL */
/* The underlying connection, for graph/ modules (traversal, export). Borrowed. */
sqlite3 *kg_store_db(kg_store *st);
const char *kg_store_path(const kg_store *st);
/* The write generation (meta 'generation'): changes whenever the graph changes. */
int64_t kg_store_generation(kg_store *st, kg_error *err);

/* Explicit transactions (nesting is not supported). */
int kg_store_begin(kg_store *st, kg_error *err);   /* BEGIN IMMEDIATE with retry */
int kg_store_commit(kg_store *st, kg_error *err);  /* bumps the generation, COMMIT */
void kg_store_rollback(kg_store *st);

/* ---- one analysed document, as ingest/ hands it to the store ----
 * All strings are borrowed, UTF-8, NUL-terminated; offsets are bytes into content. */
typedef struct kg_doc_sentence {
    size_t start, end;        /* byte offsets of the sentence in content */
} kg_doc_sentence;

typedef struct kg_doc_mention {
    size_t sentence;          /* index into sentences */
    size_t start, end;        /* byte offsets of the mention in content */
    const char *text;         /* surface text as written */
    const char *label;        /* PERSON ORG PLACE DATE MONEY PERCENT PRODUCT EVENT OTHER */
    const char *entity;       /* canonical name it was merged into */
} kg_doc_mention;

typedef struct kg_doc_triple {
    const char *subject, *subject_type; /* canonical name; type may be NULL (OTHER) */
    const char *relation;               /* normalised relation ("pay", "hold license") */
    const char *surface;                /* relation's surface words ("no longer pays") */
    const char *object, *object_type;
    double confidence;                  /* 0..1 */
    int is_negated;
    const char *time;                   /* time qualifier or NULL */
    const char *modality;               /* "can", "may", "will", ... or NULL */
    size_t sentence;                    /* index into sentences; (size_t)-1 = none */
} kg_doc_triple;

typedef struct kg_doc {
    const char *source;       /* path, "-" or --source NAME */
    const char *title;        /* may be NULL */
    const char *content;      /* the whole text; hashed for idempotence */
    size_t content_len;
    const kg_doc_sentence *sentences; size_t n_sentences;
    const kg_doc_mention *mentions;   size_t n_mentions;
    const kg_doc_triple *triples;     size_t n_triples;
} kg_doc;

typedef struct kg_add_result {
    int is_duplicate;         /* content already stored: nothing written */
    int64_t document_id;
    size_t n_triples_new;     /* triples that did not exist before */
    size_t n_evidence;
} kg_add_result;

/* Store one document in one transaction: document, sentences, entities and
 * aliases (from mentions), mentions, relations, triples (unique by subject,
 * relation, object, negated: a repeat adds evidence) and evidence. Whole or not
 * at all; idempotent by content hash. res may be NULL. */
int kg_store_add_document(kg_store *st, const kg_doc *doc, kg_add_result *res, kg_error *err);

/* Add one triple with no sentence evidence (TSV/N-Triples import) inside the
 * caller's transaction. Names are canonical names (matched case-insensitively to
 * existing entities/aliases). */
int kg_store_add_triple(kg_store *st, const kg_doc_triple *t, int64_t document_id,
                        int64_t *triple_id, kg_error *err);

/* Import subject<TAB>relation<TAB>object lines from path ("-" = stdin), all or
 * nothing: a bad line (fields != 3, invalid UTF-8, empty field, too long) is
 * KG_EINPUT naming path and line, and nothing is written. */
typedef struct kg_import_result {
    size_t lines, triples_new, triples_seen;
} kg_import_result;
int kg_store_import_tsv(kg_store *st, const char *path, kg_import_result *res, kg_error *err);

typedef struct kg_stats {
    int64_t documents, sentences, entities, triples, relations, mentions, evidence;
} kg_stats;
int kg_store_stats(kg_store *st, kg_stats *out, kg_error *err);

#endif
