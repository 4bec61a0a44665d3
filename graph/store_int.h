/*
 * store_int.h -- what the store's files (store.c, store_import.c,
 * store_sha256.c) share. Private to graph/; never included from another stage.
 */
#ifndef KG_STORE_INT_H
#define KG_STORE_INT_H

#include <sqlite3.h>
#include "kg_store.h"

/* SHA-256 of p[0..n) as 64 lowercase hex digits plus NUL in hex[65]. */
void kg_store_sha256_hex(const void *p, size_t n, char hex[65]);

/* A string -> int64 map (open addressing, keys copied). Zero-initialise. */
typedef struct kg_idmap {
    char **keys;      /* owned copies; valid where hashes[i] != 0 */
    int64_t *vals;
    uint64_t *hashes; /* 0 = empty slot */
    size_t cap, len;  /* cap is 0 or a power of two */
} kg_idmap;
int kg_idmap_get(const kg_idmap *m, const char *key, int64_t *val); /* 1 found */
int kg_idmap_put(kg_idmap *m, const char *key, int64_t val);        /* KG_OK / KG_ENOMEM */
void kg_idmap_clear(kg_idmap *m);

/* Entity and relation ids by name, creating them when missing; inside the
 * caller's transaction. type may be NULL (OTHER): a known non-OTHER type
 * replaces OTHER on an existing entity. */
int kg_store_entity_id(kg_store *st, const char *name, const char *type, int64_t *id,
                       int *is_new, kg_error *err);
int kg_store_relation_id(kg_store *st, const char *name, int64_t *id, kg_error *err);
/* For importers of kg's own exports, inside the caller's transaction: add
 * these aliases to entity id (as ingest would: pronouns and lower-case
 * descriptions are not aliases) and raise its mention count to at least
 * mention_count (< 0: leave it). */
int kg_store_entity_extras(kg_store *st, int64_t id, const char *const *aliases,
                           size_t n_aliases, int64_t mention_count, kg_error *err);
/* 1 if a transaction is open. */
int kg_store_in_tx(const kg_store *st);
/* 1 inside a kg_store_begin_import transaction that began on a database with
 * no entity and no relation (a bulk load may then assign ids itself). */
int kg_store_is_fresh(const kg_store *st);
/* Set err from the connection's last error: "PATH: what: sqlite message". */
int kg_store_dberr(kg_store *st, kg_error *err, const char *what);

#endif
