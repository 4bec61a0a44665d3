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
    KG_TOK_SENT_START = 8
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

#endif
