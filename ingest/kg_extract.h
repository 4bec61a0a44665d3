/*
 * kg_extract.h -- from analysed text to entity mentions and triples with
 * provenance, qualifiers and confidence; and storing documents (kg ingest).
 *
 * Place in the flow: ingest/. Text is analysed (kg_text.h: sentences, tokens,
 * tags, lemmas), entity mentions are found and merged (ner_int.h), then each
 * sentence's tags are encoded as a string of token classes and relation
 * patterns are matched with pcre2 (ReVerb-style verb groups V | V P | V W* P);
 * arguments are attached with clause constraints (relative clauses,
 * appositions, coordination, passives, infinitives, attribution). Every
 * extraction gets qualifiers (negation, time, modality), a normalised relation
 * (lemmas of its content words) and a confidence from a small logistic model
 * (data/confidence.txt, trained by `make train-confidence`).
 */
#ifndef KG_EXTRACT_H
#define KG_EXTRACT_H

#include "kg_text.h"
#include "../graph/kg_store.h"

/* Tagger + entity lexicons + confidence model; read-only once open. */
typedef struct kg_extractor kg_extractor;

/* Open the models from data_dir (NULL = the default search of kg_tagger_load:
 * $KG_DATA, <dir of the executable>/data, KG_DATADIR). A missing confidence
 * model is not fatal (built-in weights). Close with kg_extractor_close. */
int kg_extractor_open(const char *data_dir, kg_extractor **out, kg_error *err);
void kg_extractor_close(kg_extractor *x); /* accepts NULL */
/* An extractor without tagger and entity lexicons, for analyses made
 * elsewhere (kg_extract_analysis on gold CoNLL-U). Close with
 * kg_extractor_close. */
int kg_extractor_open_bare(const char *data_dir, kg_extractor **out, kg_error *err);

/* An argument of an extraction: a token range of the sentence. */
typedef struct kg_xarg {
    size_t first_token, n_tokens; /* absolute token range (n_tokens 0 = none) */
    char *text;                   /* the words as written, single-spaced (owned) */
    char *name;                   /* graph name: canonical entity or trimmed NP (owned) */
    const char *type;             /* "ORG", ... ; "OTHER" when not an entity */
    int is_entity;                /* head token is in a named mention */
} kg_xarg;

#define KG_XTRIPLE_FEATURES 81 /* confidence features of an extraction */

/* One extraction (an n-ary tuple for CaRB; its binary core for the graph). */
typedef struct kg_xtriple {
    size_t sentence;          /* index into the analysis' sentences */
    kg_xarg subject, object;  /* object.n_tokens 0: intransitive */
    char *extra;              /* further arguments (CaRB: time, place), or NULL (owned) */
    char *relation;           /* normalised relation: lemmas, lower case (owned) */
    char *surface;            /* relation words as written (owned) */
    double confidence;        /* 0..1 */
    int is_negated;
    char *time;               /* time qualifier or NULL (owned) */
    const char *modality;     /* "can", "may", ... or NULL (static) */
    int is_graph;             /* worth storing in the graph (see extract.c) */
    int is_carb;              /* an n-ary extraction for CaRB output */
    int pattern;              /* internal pattern id (confidence feature) */
    float features[KG_XTRIPLE_FEATURES]; /* confidence features (see confidence.c) */
} kg_xtriple;

/* The result of one document. Zero-initialise; free with kg_extraction_free. */
typedef struct kg_extraction {
    kg_analysis analysis;     /* sentences, tokens (text borrowed from the caller) */
    void *entities;           /* kg_entities (ner_int.h), or NULL */
    kg_xtriple *triples; size_t n_triples, cap;
    int has_analysis;         /* analysis was filled by kg_analysis_run */
} kg_extraction;

/* A mention as printed by `kg extract` (names and values, nested names too;
 * never pronouns or descriptions). Strings borrowed from the extraction. */
typedef struct kg_xmention {
    size_t start, end;        /* byte offsets in the text */
    size_t sentence;
    const char *label;        /* "PERSON", "ORG", ... */
    const char *entity;       /* canonical name; NULL for a value (print its text) */
} kg_xmention;
/* The printable mentions of e, in text order; *out is caller-freed with
 * free(). KG_ENOMEM on failure; 0 mentions when e has no entities. */
int kg_extraction_mentions(const kg_extraction *e, kg_xmention **out, size_t *n_out);

/* Analyse text[0..len) (UTF-8; invalid bytes or NUL are KG_EINPUT with the
 * byte offset), find mentions and triples. text must outlive out. Cost:
 * linear in the text. */
int kg_extract_document(const kg_extractor *x, const char *text, size_t len,
                        kg_extraction *out, kg_error *err);
void kg_extraction_free(kg_extraction *e);

/* Run relation extraction over an analysis made elsewhere (e.g. gold CoNLL-U);
 * entities may be NULL (noun phrases are then the arguments). Appends to out. */
int kg_extract_analysis(const kg_extractor *x, const kg_analysis *a, const void *entities,
                        kg_extraction *out, kg_error *err);

/* Read CoNLL-U (FORM, LEMMA, UPOS, XPOS) into a kg_analysis whose text is the
 * forms joined by spaces (sentences by newlines); text_out receives it. For
 * development and tests: tags are the file's. Free with kg_conllu_free. */
int kg_conllu_read(const char *data, size_t len, kg_analysis *a, kg_buf *text_out,
                   kg_error *err);
void kg_conllu_free(kg_analysis *a);

typedef struct kg_ingest_result {
    size_t sentences, mentions, entities, triples; /* of the document */
    int is_duplicate;         /* already stored: nothing written */
    size_t n_triples_new;
} kg_ingest_result;

/* Extract and store one document (one transaction; whole or nothing;
 * idempotent by content hash). source names it. res may be NULL. */
int kg_ingest_document(const kg_extractor *x, kg_store *st, const char *source,
                       const char *text, size_t len, kg_ingest_result *res, kg_error *err);

#endif
