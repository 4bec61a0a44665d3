/*
 * lemma.c -- the lemmatizer: (form, XPOS) -> lower-case lemma.
 *
 * Place in the flow: after the tagger (analysis.c, kg tag). Learned from
 * the treebank by train.c and stored in the tagger model: an exception table
 * keyed by (lower-case form, XPOS) for irregular forms (was -> be, paid ->
 * pay, n't -> not), then suffix rules keyed by (XPOS, last k characters),
 * the longest matching suffix winning (pays -> strip 1 -> pay, rights ->
 * right). Without a model the lemma is the lower-cased form.
 */
#include "text_int.h"

#include <string.h>

uint64_t kg_lemma_exception_key(const char *lower, size_t n, int xpos)
{
    return kg_hash_mix(kg_hash_bytes(lower, n, 3), 0x1000u + (unsigned)xpos);
}

uint64_t kg_lemma_rule_key(const char *lower_suffix, size_t n, int xpos, size_t k_chars)
{
    return kg_hash_mix(kg_hash_bytes(lower_suffix, n, 4), 0x2000u + (unsigned)xpos * 8u + k_chars);
}

static int lookup(const uint64_t *keys, uint32_t mask, uint64_t key, uint32_t *slot)
{
    uint32_t s = (uint32_t)key & mask;
    for (;;) {
        if (keys[s] == key) {
            *slot = s;
            return 1;
        }
        if (keys[s] == 0)
            return 0;
        s = (s + 1) & mask;
    }
}

#define LEMMA_MAX_SUFFIX 6

int kg_lemma_apply_rules(const uint64_t *keys, const uint32_t *vals, uint32_t mask,
                         const char *blob, const char *lower, size_t n, int xpos, kg_buf *out)
{
    size_t starts[LEMMA_MAX_SUFFIX + 1], k, j = n, nk = 0;
    /* starts[k] = byte offset where the last k characters begin */
    starts[0] = n;
    for (k = 1; k <= LEMMA_MAX_SUFFIX && j > 0; k++) {
        j--;
        while (j > 0 && ((unsigned char)lower[j] & 0xC0) == 0x80)
            j--;
        starts[k] = j;
        nk = k;
    }
    for (k = nk + 1; k-- > 0;) {
        uint32_t s;
        if (lookup(keys, mask, kg_lemma_rule_key(lower + starts[k], n - starts[k], xpos, k), &s)) {
            const char *r = blob + vals[s];
            size_t strip = (unsigned char)r[0];
            if (strip > n)
                continue;
            if (kg_buf_append(out, lower, n - strip) || kg_buf_puts(out, r + 1))
                return -1;
            return 1;
        }
    }
    return 0;
}

int kg_tagger_lemma(const kg_tagger *t, const char *form, size_t n, int xpos, kg_buf *out)
{
    size_t start = out->len, i;
    char *lower;
    uint32_t s;
    int r;
    if (kg_buf_reserve(out, n))
        return KG_ENOMEM;
    lower = out->data + start;
    for (i = 0; i < n; i++) {
        char c = form[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        lower[i] = c;
    }
    out->len = start + n;
    out->data[out->len] = '\0';
    if (t == NULL || t->lemma_cap == 0 || n == 0)
        return KG_OK;
    if (lookup(t->lemma_keys, t->lemma_mask, kg_lemma_exception_key(lower, n, xpos), &s)) {
        const char *lem = t->lemma_blob + t->lemma_vals[s];
        size_t m = strlen(lem);
        out->len = start;
        if (m <= n) { /* lower may be overwritten in place */
            memmove(out->data + start, lem, m);
            out->len = start + m;
            out->data[out->len] = '\0';
            return KG_OK;
        }
        return kg_buf_append(out, lem, m);
    }
    /* the rules read lower while appending: apply them on a copy when needed */
    {
        char local[128];
        const char *src = lower;
        kg_buf tmp = {0};
        if (n <= sizeof local) {
            memcpy(local, lower, n);
            src = local;
        } else {
            if (kg_buf_append(&tmp, lower, n))
                return KG_ENOMEM;
            src = tmp.data;
        }
        out->len = start;
        r = kg_lemma_apply_rules(t->lemma_keys, t->lemma_vals, t->lemma_mask, t->lemma_blob,
                                 src, n, xpos, out);
        if (r == 0)
            r = kg_buf_append(out, src, n) ? -1 : 1;
        kg_buf_free(&tmp);
        if (r < 0)
            return KG_ENOMEM;
    }
    return KG_OK;
}
