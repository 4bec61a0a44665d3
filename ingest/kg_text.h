/*
 * kg_text.h -- text analysis: sentence splitting, tokenising (pcre2 JIT),
 * part-of-speech tagging (averaged perceptron, UPOS + Penn XPOS) and
 * lemmatising. Input is UTF-8 text; every token and sentence keeps byte
 * offsets into it.
 *
 * CONTRACT used by the extractor (kg_extract.h): the names below may gain
 * members and functions, but existing ones keep their meaning.
 */
#ifndef KG_TEXT_H
#define KG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/kg_base.h"

/* Universal POS tags, in this order (index = value). */
enum kg_upos {
    KG_UPOS_NONE = 0, KG_UPOS_ADJ, KG_UPOS_ADP, KG_UPOS_ADV, KG_UPOS_AUX, KG_UPOS_CCONJ,
    KG_UPOS_DET, KG_UPOS_INTJ, KG_UPOS_NOUN, KG_UPOS_NUM, KG_UPOS_PART, KG_UPOS_PRON,
    KG_UPOS_PROPN, KG_UPOS_PUNCT, KG_UPOS_SCONJ, KG_UPOS_SYM, KG_UPOS_VERB, KG_UPOS_X,
    KG_UPOS_COUNT
};
const char *kg_upos_name(int upos);          /* "NOUN"; "_" for NONE */
int kg_upos_from_name(const char *name);     /* KG_UPOS_NONE if unknown */

typedef struct kg_token {
    size_t start, end;      /* byte offsets into the text */
    uint16_t upos;          /* enum kg_upos */
    uint16_t xpos;          /* index into the Penn tag table, kg_xpos_name() */
    const char *lemma;      /* lower-case lemma; valid until the next analysis call */
    unsigned flags;         /* KG_TOK_* */
} kg_token;

enum {
    KG_TOK_SPACE_BEFORE = 1, /* whitespace precedes the token */
    KG_TOK_NEWLINE_BEFORE = 2,
    KG_TOK_CAPITALISED = 4,  /* first letter upper case */
    KG_TOK_SENT_START = 8,
    KG_TOK_PARAGRAPH_BEFORE = 16, /* a blank line precedes the token */
    KG_TOK_ABBREV = 32,      /* a word whose final "." is part of it (Mr., U.S., Inc.) */
    KG_TOK_BULLET = 64       /* a list bullet at the start of a line (•, -, *) */
};

const char *kg_xpos_name(int xpos);          /* "NNP"; "_" unknown */
int kg_xpos_from_name(const char *name);     /* 0 if unknown */

typedef struct kg_sentence {
    size_t start, end;      /* byte offsets into the text */
    size_t first_token, n_tokens; /* slice of the analysis' token array */
} kg_sentence;

/* A loaded tagger + lemmatizer model (read-only, shareable). */
typedef struct kg_tagger kg_tagger;
/* Load the model from path, or when path is NULL from the default locations:
 * $KG_DATA/tagger.bin, <dir of the executable>/data/tagger.bin, KG_DATADIR. */
int kg_tagger_load(const char *path, kg_tagger **out, kg_error *err);
void kg_tagger_free(kg_tagger *t);

/* Tag n tokens (spans into text; one sentence, n may be 0), setting each
 * token's upos and xpos. With t == NULL a crude rule-based fallback is used.
 * Cost: linear; no allocation for n <= 256. Errors: KG_ENOMEM. */
int kg_tagger_tag(const kg_tagger *t, const char *text, kg_token *toks, size_t n,
                  kg_error *err);
/* Append to out the lower-case lemma of form[0..n) with Penn tag xpos (no NUL
 * added beyond kg_buf's own). t may be NULL (rules only). KG_OK or KG_ENOMEM. */
int kg_tagger_lemma(const kg_tagger *t, const char *form, size_t n, int xpos, kg_buf *out);

/* The analysis of one text: sentences and tokens, tagged and lemmatised.
 * Reusable across texts (kg_analysis_run resets it). */
typedef struct kg_analysis {
    const char *text; size_t len;   /* borrowed */
    kg_sentence *sentences; size_t n_sentences;
    kg_token *tokens; size_t n_tokens;
    void *internal;                 /* lemma storage etc. */
} kg_analysis;

/* Split, tokenise, tag and lemmatise text[0..len). Validates UTF-8 and refuses
 * NUL bytes (KG_EINPUT with the byte offset). Free with kg_analysis_free. */
int kg_analysis_run(const kg_tagger *tagger, const char *text, size_t len,
                    kg_analysis *a, kg_error *err);
void kg_analysis_free(kg_analysis *a);

/* Options for kg_analysis_run_opts. */
enum {
    KG_ANALYSIS_REPLACE_INVALID = 1 /* each invalid UTF-8 byte is read as U+FFFD instead
                                       of an error: a->text then points at a repaired
                                       copy owned by a, and offsets refer to it */
};
int kg_analysis_run_opts(const kg_tagger *tagger, const char *text, size_t len,
                         unsigned options, kg_analysis *a, kg_error *err);

/* A good place to cut text[0..len) into pieces of at most max bytes for
 * separate analysis (bounded memory on huge inputs): just after the last blank
 * line, else the last sentence-final mark followed by a space, else the last
 * whitespace, else a code-point boundary, at or before max. Returns len when
 * len <= max. Never splits a UTF-8 character: when max falls inside the first
 * one (max < 4), the cut is just after it (more than max bytes, never 0). */
size_t kg_text_cut(const char *text, size_t len, size_t max);

/* Training (kg train-tagger). Deterministic: the same data and options give
 * the same model file, byte for byte. */
typedef struct kg_train_opts {
    const char *train_path, *dev_path; /* CoNLL-U files (dev may be NULL) */
    const char *out_path;              /* the model file to write */
    int max_epochs;                    /* per pass; the best dev epoch is kept (0 = 12) */
    int min_count;                     /* features seen fewer times are dropped (0 = 2) */
    int one_pass;                      /* 1 = no second (right-context) pass */
    size_t max_sentences;              /* use only the first N training sentences (0 = all) */
    const char *relemma_model;         /* if set: keep this model's tagger, learn only the
                                          lemmatizer again from train_path */
    const char *lexicon_path;          /* part-of-speech lexicon (form TAB letters, as
                                          tools/gen_tagger_lexicon.py writes), packed into
                                          the model; NULL = none */
    const char *neighbours_path;       /* neighbour classes (word TAB UPOS TAB UPOS|- TAB
                                          0..2, as tools/gen_tagger_neighbours.py writes),
                                          packed into the lexicon table; NULL = none */
    void (*progress)(void *ctx, const char *line); /* one line per epoch, may be NULL */
    void *ctx;
} kg_train_opts;
typedef struct kg_train_report {
    double dev_upos, dev_xpos;         /* accuracy of the written model on dev (0..1) */
    int best_epoch[2];
    size_t n_classes, n_features, n_weights, model_bytes, n_train_tokens;
} kg_train_report;
/* Train on opts->train_path, choose epochs on dev, write opts->out_path
 * (atomically: a temporary file renamed). Errors: KG_EIO (paths), KG_EINPUT
 * (malformed CoNLL-U: path and line), KG_ENOMEM. Cost: minutes for all of EWT. */
int kg_tagger_train(const kg_train_opts *opts, kg_train_report *report, kg_error *err);

/* The Penn XPOS tag table size: kg_xpos_name(0 .. kg_xpos_count()-1). */
int kg_xpos_count(void);

#endif
