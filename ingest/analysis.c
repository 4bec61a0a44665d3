/*
 * analysis.c -- kg_analysis_run: validate, tokenise, split, tag, lemmatise.
 *
 * Place in the flow: the entry point of text analysis (kg_text.h); the
 * extractor calls it per document. Memory: the token, sentence and lemma
 * arrays live in the kg_analysis and are reused by the next run.
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct analysis_int {
    kg_tok_vec toks;
    size_t sent_cap;
    kg_buf lemmas;       /* NUL-separated lemma strings */
    size_t *lemma_off;   /* per token, offset into lemmas */
    size_t lemma_cap;
    kg_buf repaired;     /* the text with U+FFFD for invalid bytes (option) */
    kg_tag_cache *cache; /* the tagger's per-word-type scores, kept across runs */
} analysis_int;

void kg_analysis_free(kg_analysis *a)
{
    analysis_int *in;
    if (a == NULL)
        return;
    in = a->internal;
    if (in) {
        free(in->toks.v);
        kg_buf_free(&in->lemmas);
        kg_buf_free(&in->repaired);
        free(in->lemma_off);
        kg_tag_cache_free(in->cache);
        free(in);
    }
    free(a->sentences);
    memset(a, 0, sizeof *a);
}

static int repair_utf8(const char *text, size_t len, kg_buf *out)
{
    size_t i = 0;
    kg_buf_reset(out);
    if (kg_buf_reserve(out, len + 16))
        return KG_ENOMEM;
    while (i < len) {
        uint32_t cp;
        int n;
        if ((unsigned char)text[i] < 0x80) {
            if (kg_buf_append(out, text + i, 1))
                return KG_ENOMEM;
            i++;
            continue;
        }
        n = kg_utf8_decode(text + i, len - i, &cp);
        if (n == 1) {
            if (kg_utf8_encode(out, 0xFFFD))
                return KG_ENOMEM;
        } else if (kg_buf_append(out, text + i, (size_t)n)) {
            return KG_ENOMEM;
        }
        i += (size_t)n;
    }
    return KG_OK;
}

int kg_analysis_run_opts(const kg_tagger *tagger, const char *text, size_t len,
                         unsigned options, kg_analysis *a, kg_error *err)
{
    analysis_int *in = a->internal;
    size_t bad, cap, i;
    int rc;

    if (in == NULL) {
        in = calloc(1, sizeof *in);
        if (in == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        a->internal = in;
    }
    in->toks.n = 0;
    a->n_sentences = 0;
    a->n_tokens = 0;
    a->tokens = NULL;
    a->text = text;
    a->len = len;
    if (kg_has_nul(text, len, &bad))
        return kg_error_at(err, KG_EINPUT, NULL, 0, 0, bad,
                           "binary data (NUL byte at byte offset %zu)", bad);
    if (!kg_utf8_valid(text, len, &bad)) {
        if (!(options & KG_ANALYSIS_REPLACE_INVALID))
            return kg_error_at(err, KG_EINPUT, NULL, 0, 0, bad,
                               "invalid UTF-8 at byte offset %zu", bad);
        if (repair_utf8(text, len, &in->repaired))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        text = in->repaired.data;
        len = in->repaired.len;
        a->text = text;
        a->len = len;
    }
    rc = kg_tok_run(text, len, &in->toks, err);
    if (rc)
        return rc;
    cap = in->sent_cap;
    rc = kg_sent_split(text, in->toks.v, in->toks.n, &a->sentences, &a->n_sentences, &cap, err);
    in->sent_cap = cap;
    if (rc)
        return rc;
    for (i = 0; i < a->n_sentences; i++) {
        kg_sentence *s = &a->sentences[i];
        rc = kg_tagger_tag_cached(tagger, text, in->toks.v + s->first_token, s->n_tokens,
                                  &in->cache, err);
        if (rc)
            return rc;
    }
    /* lemmas: offsets first (the buffer may move), pointers at the end */
    if (in->lemma_cap < in->toks.n) {
        size_t *v = realloc(in->lemma_off, in->toks.n * sizeof *v);
        if (v == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        in->lemma_off = v;
        in->lemma_cap = in->toks.n;
    }
    kg_buf_reset(&in->lemmas);
    {
        /* repeated (form, tag) pairs share the first one's lemma string: a
         * direct-mapped table of token indexes, checked by comparing bytes */
        enum { LEMMA_CACHE = 4096 };
        size_t seen[LEMMA_CACHE];
        memset(seen, 0xFF, sizeof seen);
        for (i = 0; i < in->toks.n; i++) {
            kg_token *t = &in->toks.v[i];
            size_t n = t->end - t->start, j, slot;
            uint32_t hash = 2166136261u ^ t->xpos;
            const unsigned char *w = (const unsigned char *)text + t->start;
            for (j = 0; j < n; j++)
                hash = (hash ^ w[j]) * 16777619u;
            slot = (hash ^ (hash >> 15)) & (LEMMA_CACHE - 1);
            if (seen[slot] != (size_t)-1) {
                const kg_token *u = &in->toks.v[seen[slot]];
                if (u->xpos == t->xpos && u->end - u->start == n &&
                    memcmp(text + u->start, w, n) == 0) {
                    in->lemma_off[i] = in->lemma_off[seen[slot]];
                    continue;
                }
            }
            seen[slot] = i;
            in->lemma_off[i] = in->lemmas.len;
            if (kg_tagger_lemma(tagger, text + t->start, n, t->xpos, &in->lemmas) ||
                kg_buf_append(&in->lemmas, "", 1))
                return kg_error_set(err, KG_ENOMEM, "out of memory");
        }
    }
    for (i = 0; i < in->toks.n; i++)
        in->toks.v[i].lemma = in->lemmas.data + in->lemma_off[i];
    a->tokens = in->toks.v;
    a->n_tokens = in->toks.n;
    return KG_OK;
}

int kg_analysis_run(const kg_tagger *tagger, const char *text, size_t len, kg_analysis *a,
                    kg_error *err)
{
    return kg_analysis_run_opts(tagger, text, len, 0, a, err);
}

size_t kg_text_cut(const char *text, size_t len, size_t max)
{
    size_t i, best_space = 0, best_stop = 0;
    if (len <= max)
        return len;
    for (i = max; i > 1; i--) {
        char c = text[i - 1];
        if (c == '\n' && text[i - 2] == '\n')
            return i;
        if (!best_stop && (c == ' ' || c == '\n') &&
            (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?'))
            best_stop = i;
        if (!best_space && (c == ' ' || c == '\n' || c == '\t'))
            best_space = i;
        if (max - i > 65536 && (best_stop || best_space))
            break; /* do not scan a whole huge window backwards */
    }
    if (best_stop)
        return best_stop;
    if (best_space)
        return best_space;
    i = max;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        return i;
    /* max falls inside the first character: cut after it (never half of one) */
    i = 1;
    while (i < len && ((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    return i;
}
