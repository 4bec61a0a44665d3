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

/* The tagger's rule-based fallback (no model loaded). */
void kg_tag_fallback(const char *text, kg_token *toks, size_t n);

#endif
