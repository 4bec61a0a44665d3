/*
 * tagger.c -- the part-of-speech tagger (placeholder until the averaged
 * perceptron lands): model loading and tagging entry points.
 */
#include "text_int.h"

#include <stdlib.h>
#include <string.h>

struct kg_tagger {
    int dummy;
};

int kg_tagger_load(const char *path, kg_tagger **out, kg_error *err)
{
    *out = NULL;
    return kg_error_set(err, KG_EIO, "%s: tagger model not available yet",
                        path ? path : "tagger.bin");
}

void kg_tagger_free(kg_tagger *t)
{
    free(t);
}

int kg_tagger_tag(const kg_tagger *t, const char *text, kg_token *toks, size_t n, kg_error *err)
{
    (void)t;
    (void)err;
    kg_tag_fallback(text, toks, n);
    return KG_OK;
}

int kg_tagger_lemma(const kg_tagger *t, const char *form, size_t n, int xpos, kg_buf *out)
{
    size_t i;
    (void)t;
    (void)xpos;
    if (kg_buf_reserve(out, n))
        return KG_ENOMEM;
    for (i = 0; i < n; i++) {
        char c = form[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        out->data[out->len++] = c;
    }
    out->data[out->len] = '\0';
    return KG_OK;
}
