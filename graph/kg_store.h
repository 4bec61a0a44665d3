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

/* Like kg_store_add_triple; *is_new (may be NULL) tells whether the triple did
 * not exist before. */
int kg_store_add_triple_ex(kg_store *st, const kg_doc_triple *t, int64_t document_id,
                           int64_t *triple_id, int *is_new, kg_error *err);

/* For importers (tsv, nt, jsonl): hash content[0..content_len), BEGIN
 * IMMEDIATE, and if a document with that hash exists roll back and set
 * *is_duplicate = 1 (nothing to do; *document_id = the existing one).
 * Otherwise insert a document row (source, kind 'tsv'/'nt'/'jsonl') and leave
 * the transaction open: add triples with kg_store_add_triple(..., *document_id,
 * ...), then kg_store_commit, or kg_store_rollback on any error. */
int kg_store_begin_import(kg_store *st, const char *source, const char *kind,
                          const char *content, size_t content_len, int64_t *document_id,
                          int *is_duplicate, kg_error *err);

/* The largest file kg import reads (it is held in memory). */
#define KG_MAX_IMPORT_BYTES (1024u * 1024u * 1024u)

/* Import subject<TAB>relation<TAB>object lines from path ("-" = stdin), all or
 * nothing. Optional 4th and 5th fields: confidence (0..1, default 1) and
 * negated (0/1/true/false), as "kg extract --format tsv" writes. Blank lines
 * are skipped; fields are trimmed of spaces; a UTF-8 byte order mark is
 * skipped. A bad line (fields < 3 or > 5, invalid UTF-8, NUL byte, empty field,
 * too long) is KG_EINPUT (KG_ELIMIT for limits) with err->source = path
 * ("<stdin>"), err->line and err->column set, and nothing is written. The same
 * bytes imported again are a no-op (is_duplicate); a file without a triple
 * line writes nothing, not even a document row (lines = 0). One evidence row per line
 * links each triple to the file's document row (sentence NULL). Cost: the
 * file is held in memory; about a second per million lines. */
typedef struct kg_import_result {
    size_t lines;          /* non-blank lines */
    size_t triples_new;    /* lines whose triple did not exist before */
    size_t triples_seen;   /* lines whose triple already existed (or repeated) */
    int is_duplicate;      /* this exact file was imported before: nothing written */
} kg_import_result;
int kg_store_import_tsv(kg_store *st, const char *path, kg_import_result *res, kg_error *err);

typedef struct kg_stats {
    int64_t documents, sentences, entities, triples, relations, mentions, evidence;
} kg_stats;
int kg_store_stats(kg_store *st, kg_stats *out, kg_error *err);

#endif
