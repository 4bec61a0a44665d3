/*
 * text_int.h -- what the text-analysis files of ingest/ share (tok.c, sent.c,
 * tagger.c, lemma.c, analysis.c). Never included from another stage.
 *
 * Flow: analysis.c validates the bytes, tok.c cuts them into tokens (pcre2
 * JIT), sent.c groups tokens into sentences, tagger.c tags each sentence and
 * lemma.c lemmatises each token.
 */
#ifndef KG_TEXT_INT_H
#define KG_TEXT_INT_H

#include "kg_text.h"

/* A growable token array (caller-owned; free tokens with free()). */
typedef struct kg_tok_vec {
    kg_token *v;
    size_t n, cap;
} kg_tok_vec;

/* Tokenise text[0..len) (valid UTF-8, no NUL: the caller checks) appending to
 * out. Sets KG_TOK_SPACE_BEFORE, _NEWLINE_BEFORE, _PARAGRAPH_BEFORE,
 * _CAPITALISED, _ABBREV, _BULLET. Cost: linear; one pcre2 JIT match per token.
 * Errors: KG_ENOMEM, or KG_EINPUT if the pattern cannot be compiled. */
int kg_tok_run(const char *text, size_t len, kg_tok_vec *out, kg_error *err);

/* Split tokens into sentences (appended to *sent / *n / *cap, realloc'd;
 * caller frees *sent). Marks KG_TOK_SENT_START on each first token. Linear. */
int kg_sent_split(const char *text, kg_token *toks, size_t n_toks,
                  kg_sentence **sent, size_t *n_sent, size_t *cap, kg_error *err);

/* 1 if the lower-cased ASCII word w[0..n) is a known abbreviation (without
 * its period). */
int kg_tok_is_abbrev(const char *w, size_t n);

/* ---- tagger internals (tagger.c, train.c, lemma.c) ---- */

#define KG_MODEL_MAGIC "KGTAGR02"
#define KG_TAGGER_MAX_FEATURES 64 /* at most 46 now: 18 of the word, 10 of its neighbours,
                                     18 of the rest of the context (unseen word, pass 2) */

/* Per-token hashes computed once per sentence; features combine them. */
typedef struct kg_tok_hash {
    uint64_t w, l;          /* the form; normalised (lower case, digits -> 0) */
    uint64_t suf[4], pre[3];
    uint64_t shape, hyph;   /* hyph: last part of a hyphenated word, or 0 */
    unsigned flags;         /* 1 initial capital, 2 digit, 4 hyphen, 8 inner capital, 16 lower */
    unsigned known;         /* the normalised word was seen >= 2 times in training; set by
                               the caller (kg_tagger_mark_known, or the trainer) */
    int dict;               /* run time: the word's tag-dictionary class, or -1 */
    unsigned lex;           /* the word's lexicon value (kg_tagger_lex_value); set by the
                               caller, 0 without a lexicon */
    unsigned allowed;       /* run time: the UPOS tags (1 << upos) it may get, 0 = any */
    unsigned nbc;           /* the word's neighbour class (its entry's bits from KG_LEX_NB
                               up, shifted down by KG_LEX_NB_SHIFT), 0 = none */
} kg_tok_hash;

typedef struct kg_model_pass {   /* in the file header: where one pass's table lives */
    uint64_t slots_off, rows_off;
    uint32_t cap, n_rows;        /* slots (power of two); uint32 words of rows */
} kg_model_pass;

typedef struct kg_model_header {
    char magic[8];
    uint32_t version, n_classes, n_passes, lemma_cap;
    uint64_t classes_off;
    kg_model_pass pass[2];
    uint64_t lemma_keys_off, lemma_vals_off, lemma_blob_off, lemma_blob_len;
    uint32_t best_epoch, n_dict;
    float scale, reserved_f;
    uint64_t lex_off;            /* the part-of-speech lexicon: lex_cap uint64 entries */
    uint32_t lex_cap, reserved_u;
    char reserved[72];
} kg_model_header;

/* One pass, mapped. A slot is two uint32: the key's fingerprint (high 32
 * bits, never 0; 0 = empty) and the offset of its row in rows. A row is its
 * length n, then n entries: (uint16) weight | class << 16. A key's home slot
 * is its low bits; linear probing. */
#define KG_ROW_DENSE 0x80000000u /* a row's length with this bit: n8 / 2 words follow,
                                  holding int16 weights for every class (n8 = the class
                                  count rounded up to 8; padding zero) */
#define KG_NARROW_OFF_BITS 20  /* narrow slots (model version 3): one uint32 each, the
                                  key's top 12 bits (0 -> 1; 0 = empty) above a 20-bit
                                  row offset: half the memory of the wide slots */
typedef struct kg_model_rows {
    uint32_t mask;
    const uint32_t *slots;
    const uint32_t *rows;
    uint32_t n_rows;
    int narrow;                  /* slots are narrow (one uint32) rather than two uint32 */
} kg_model_rows;

/* The narrow slot's fingerprint of key (12 bits, never 0). */
static inline uint32_t kg_narrow_fp(uint64_t key)
{
    uint32_t fp = (uint32_t)(key >> 52);
    return fp ? fp : 1;
}

struct kg_tagger {
    void *base;                  /* the mmap'd file */
    size_t size;
    const kg_model_header *hdr;
    const uint16_t *classes;     /* class -> upos, xpos */
    kg_model_rows pass[2];
    int n_passes;
    int n8;                      /* n_classes rounded up to 8 */
    uint32_t lemma_mask, lemma_cap;
    const uint64_t *lemma_keys;
    const uint32_t *lemma_vals;  /* offset into lemma_blob */
    const char *lemma_blob;
    uint64_t lemma_blob_len;
    const uint64_t *lex;         /* the lexicon table (NULL: none), lex_mask + 1 entries */
    uint32_t lex_mask;
};

/* The part-of-speech lexicon (from WordNet, data/lexicon/wordnet.tsv, packed
 * into the model by train.c): an open-addressing table of uint64 entries,
 * the key's hash with its low KG_LEX_VAL_BITS bits replaced by the entry's
 * bits (0 = empty); the home slot is (hash >> KG_LEX_VAL_BITS) & mask;
 * linear probing. Entry bits: */
#define KG_LEX_N 1u       /* a noun lemma */
#define KG_LEX_V 2u       /* a verb lemma */
#define KG_LEX_A 4u       /* an adjective lemma */
#define KG_LEX_R 8u       /* an adverb lemma */
#define KG_LEX_P 16u      /* written capitalised only (a proper name) */
#define KG_LEX_DOM 32u    /* the most frequent class (0..3, n v a r) times KG_LEX_DOM,
                             plus KG_LEX_DOM * 4 when the lemma has several classes */
#define KG_LEX_XS 256u    /* an irregular noun plural (children) */
#define KG_LEX_XD 512u    /* an irregular verb form (went, taken) */
#define KG_LEX_XC 1024u   /* an irregular comparison (better, worst) */
#define KG_LEX_NB 2048u   /* the word has a neighbour class (data/lexicon/neighbours.tsv: the
                             UPOS its nearest GloVe neighbours had in training): bits 12..16
                             the first UPOS, 17..21 the second (31: none), 22..23 how sure
                             (0..2); not on KG_LEX_FREQ entries */
#define KG_LEX_NB_SHIFT 11
#define KG_LEX_FREQ (1u << 31) /* a form frequent in the training data: its own
                             features say enough, kg_tagger_lex_value gives KG_LEX_FREQ
                             alone; bits 12..29 hold the UPOS tags it had there (1 << upos
                             << KG_LEX_UPOS_SHIFT), the only ones the tagger gives it */
#define KG_LEX_UPOS_SHIFT 12
#define KG_LEX_VAL_BITS 32
uint64_t kg_lex_hash(const char *lower, size_t n);
/* The lexicon value of the word w[0..n): its entry's bits (low 8) and, from
 * suffix rules whose stem has the right class or the exception marks, bits
 * for a plural noun, a verb in -s, -ed, -ing, a comparison, an -ly adverb
 * (<< 8). 0 if tab is NULL or nothing matches. *allowed (if not NULL): the
 * UPOS tags (1 << upos) a frequent form may get, 0 = any; *nbc (if not
 * NULL): the word's neighbour class (kg_tok_hash.nbc), 0 = none. */
unsigned kg_tagger_lex_value(const uint64_t *tab, uint32_t mask, const char *w, size_t n,
                             unsigned *allowed, unsigned *nbc);

uint64_t kg_hash_bytes(const void *data, size_t n, uint64_t seed);
uint64_t kg_hash_mix(uint64_t a, uint64_t b);
void kg_tagger_hash_tokens(const char *text, const kg_token *toks, size_t n, kg_tok_hash *out);
/* Fill f (KG_TAGGER_MAX_FEATURES) with the feature keys of token i given the
 * two previous classes (-1 = none) and, for the second pass, the first pass's
 * classes (right may be NULL). Returns the count. */
size_t kg_tagger_features(const kg_tok_hash *h, size_t n, size_t i, int prev1, int prev2,
                          const int *right, uint64_t *f);
uint64_t kg_tagger_dict_key(const kg_tok_hash *h);
/* The UPOS tags (bit 1 << upos) token h may be given (all bits: any): run
 * time and the trainer's decoding mask the others. */
unsigned kg_tagger_upos_ok(const kg_tok_hash *h);
/* The key of the normalised-word feature: a word is "known" when the model has it. */
uint64_t kg_tagger_word_key(const kg_tok_hash *h);

/* kg_tagger_tag with a cache of per-word-type partial scores kept across
 * calls in *cache (created on first use, NULL at first; free with
 * kg_tag_cache_free). Same tags as kg_tagger_tag, faster on running text. */
typedef struct kg_tag_cache kg_tag_cache;
int kg_tagger_tag_cached(const kg_tagger *t, const char *text, kg_token *toks, size_t n,
                         kg_tag_cache **cache, kg_error *err);
void kg_tag_cache_free(kg_tag_cache *c);

/* Lemma table keys (lemma.c; train.c builds the table with the same keys). */
uint64_t kg_lemma_exception_key(const char *lower, size_t n, int xpos);
uint64_t kg_lemma_rule_key(const char *lower_suffix, size_t n, int xpos, size_t k_chars);
/* Apply the rule table alone; returns 1 and appends to out if a rule applied. */
int kg_lemma_apply_rules(const uint64_t *keys, const uint32_t *vals, uint32_t mask,
                         const char *blob, const char *lower, size_t n, int xpos, kg_buf *out);

/* Known-lemma entries of the lemma table: (lemma, word class) -> "" in the
 * same hash table. The class is kg_lemma_class(xpos): 1 verb, 2 common noun,
 * 3 adjective, 0 none. A model whose table has kg_lemma_known_key("", 0, 0)
 * carries the known-lemma set. */
int kg_lemma_class(int xpos);
uint64_t kg_lemma_known_key(const char *lower, size_t n, int cls);

/* The tagger's rule-based fallback (no model loaded). */
void kg_tag_fallback(const char *text, kg_token *toks, size_t n);

#endif
