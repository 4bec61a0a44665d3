/*
 * kg_limits.h -- every documented resource limit of kg in one place
 * (as SQLite's sqliteLimit.h). Exceeding one is a clean KG_ELIMIT error.
 */
#ifndef KG_LIMITS_H
#define KG_LIMITS_H

#define KG_MAX_DOCUMENT_BYTES  (64u * 1024u * 1024u) /* one article/document read by ingest or extract */
#define KG_MAX_SENTENCE_TOKENS 1000u                 /* longer "sentences" are cut into pieces */
#define KG_MAX_IMPORT_LINE     (1u * 1024u * 1024u)  /* one TSV/jsonl/nt line */
#define KG_MAX_NAME_BYTES      4096u                 /* an entity or relation name */
#define KG_MAX_QUERY_BYTES     (1u * 1024u * 1024u)  /* one query text */
#define KG_MAX_QUERY_DEPTH     64u                   /* parser nesting */
#define KG_MAX_HOPS            20u                   /* depth / within N */
#define KG_MAX_MATCH_LOOKUPS   100000u               /* index lookups one match query may make */
#define KG_DEFAULT_LIMIT       100u                  /* paths / neighbors default cap on paths */

#endif
