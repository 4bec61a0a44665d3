/*
 * tagger.c -- the part-of-speech tagger: an averaged perceptron (Collins
 * 2002) predicting a combined (UPOS, XPOS) class per token, greedy left to
 * right, with a second pass that also sees the first pass's tags of the right
 * context. Model loading (one mmap of data/tagger.bin) and tagging.
 *
 * Place in the flow: analysis.c calls kg_tagger_tag per sentence; train.c
 * (kg train-tagger) writes the model this file reads; lemma.c uses the
 * lemma tables stored in the same file.
 *
 * Speed: each feature is a 64-bit hash probed in an open-addressing table
 * whose slot points at a short row of (class, int16 weight) pairs, or, for
 * the few features that weigh most classes (bias, tags, shapes, common
 * affixes), a dense int16 vector added with SSE2; frequent unambiguous words
 * skip scoring through a tag dictionary. With a cache (running text), a word
 * type's hashes and its own features' summed scores are computed once. No
 * allocation per token; sentences of up to 256 tokens use only the stack.
 */
#include "text_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifdef MAP_POPULATE
#define KG_MAP_POPULATE MAP_POPULATE /* fault the model in at once: faster than page by page */
#else
#define KG_MAP_POPULATE 0
#endif

/* ---- hashing and features (shared with train.c) ---- */

uint64_t kg_hash_bytes(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = seed ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull);
    while (n >= 8) {
        uint64_t v = (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
                     (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
                     (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    if (n) {
        uint64_t v = 0;
        size_t i;
        for (i = 0; i < n; i++)
            v |= (uint64_t)p[i] << (8 * i);
        h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

static inline uint64_t mix2(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0x9E3779B97F4A7C15ull) ^ (b >> 17);
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x ? x : 1;
}

uint64_t kg_hash_mix(uint64_t a, uint64_t b)
{
    return mix2(a, b);
}

/* Lower-case (ASCII), digits folded to 0: the "normalised" word. */
static size_t norm_word(const char *w, size_t n, char *out, size_t cap)
{
    size_t i, m = n;
    if (m > cap) { /* keep the first and last cap/2 bytes of a very long token */
        size_t half = cap / 2;
        for (i = 0; i < half; i++)
            out[i] = w[i];
        for (i = 0; i < half; i++)
            out[half + i] = w[n - half + i];
        m = cap;
    } else {
        memcpy(out, w, n);
    }
    for (i = 0; i < m; i++) {
        char c = out[i];
        if (c >= 'A' && c <= 'Z')
            out[i] = (char)(c + 32);
        else if (c >= '0' && c <= '9')
            out[i] = '0';
    }
    return m;
}

/* Word shape: X upper, x lower, d digit, other ASCII kept, non-ASCII letters
 * 'u'; runs longer than 2 collapsed. */
static uint64_t shape_hash(const char *w, size_t n)
{
    char s[32];
    size_t i, m = 0;
    char last = 0;
    int run = 0;
    for (i = 0; i < n && m < sizeof s; i++) {
        unsigned char c = (unsigned char)w[i];
        char k;
        if (c >= 'A' && c <= 'Z')
            k = 'X';
        else if (c >= 'a' && c <= 'z')
            k = 'x';
        else if (c >= '0' && c <= '9')
            k = 'd';
        else if (c >= 0x80) {
            if ((c & 0xC0) == 0x80)
                continue;
            k = 'u';
        } else
            k = (char)c;
        if (k == last) {
            if (++run > 2)
                continue;
        } else {
            run = 1;
            last = k;
        }
        s[m++] = k;
    }
    return kg_hash_bytes(s, m, 0x5A4Eull);
}

void kg_tagger_hash_tokens(const char *text, const kg_token *toks, size_t n, kg_tok_hash *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const char *w = text + toks[i].start;
        size_t len = toks[i].end - toks[i].start, m, k, j;
        char low[64];
        kg_tok_hash *h = &out[i];
        unsigned char c0 = (unsigned char)w[0];
        memset(h, 0, sizeof *h);
        m = norm_word(w, len, low, sizeof low);
        h->w = kg_hash_bytes(w, len, 1);
        h->l = kg_hash_bytes(low, m, 2);
        h->shape = shape_hash(w, len);
        /* suffixes of 1..4 characters */
        j = m;
        for (k = 0; k < 4; k++) {
            if (j == 0) {
                h->suf[k] = h->suf[k ? k - 1 : 0];
                continue;
            }
            j--;
            while (j > 0 && ((unsigned char)low[j] & 0xC0) == 0x80)
                j--;
            h->suf[k] = kg_hash_bytes(low + j, m - j, 10 + k);
        }
        /* prefixes of 1..3 characters */
        j = 0;
        for (k = 0; k < 3; k++) {
            if (j < m) {
                j++;
                while (j < m && ((unsigned char)low[j] & 0xC0) == 0x80)
                    j++;
            }
            h->pre[k] = kg_hash_bytes(low, j, 20 + k);
        }
        /* the last part of a hyphenated word */
        h->hyph = 0;
        for (j = m; j > 1; j--)
            if (low[j - 1] == '-' && j < m) {
                h->hyph = kg_hash_bytes(low + j, m - j, 30);
                break;
            }
        h->flags = 0;
        if (c0 >= 'A' && c0 <= 'Z')
            h->flags |= 1;
        for (j = 0; j < len; j++) {
            unsigned char c = (unsigned char)w[j];
            if (c >= '0' && c <= '9')
                h->flags |= 2;
            else if (c == '-')
                h->flags |= 4;
            else if (c >= 'A' && c <= 'Z' && j > 0)
                h->flags |= 8;
            else if (c >= 'a' && c <= 'z')
                h->flags |= 16;
        }
    }
}

enum {
    T_BIAS = 1, T_L, T_W, T_S1, T_S2, T_S3, T_S4, T_P1, T_P2, T_P3, T_SHAPE, T_LM1, T_LM2,
    T_LP1, T_LP2, T_T1, T_T12, T_T1L, T_S3M1, T_S3P1, T_SHAPEP1, T_SHAPEM1, T_LM1L, T_LLP1,
    T_HYPH, T_FLAGS, T_T1LP1, T_T1S3, T_R1, T_R12, T_T1R1, T_R1L, T_USHAPE, T_UFLAGST1,
    T_US2T1, T_UR1SHAPE, T_UP2T1, T_WN, T_WNCAP, T_WNM1, T_WNP1, T_UWNT1, T_NB, T_NBSURE,
    T_NBM1, T_NBP1,
    T_DICT = 80 /* the tag dictionary's keys */
};

/* ---- the part-of-speech lexicon ---- */

uint64_t kg_lex_hash(const char *lower, size_t n)
{
    uint64_t h = kg_hash_bytes(lower, n, 0x1E8ull) & ~(((uint64_t)1 << KG_LEX_VAL_BITS) - 1);
    return h ? h : (uint64_t)1 << KG_LEX_VAL_BITS;
}

/* The entry bits of lower[0..n), 0 if absent. */
static unsigned lex_find(const uint64_t *tab, uint32_t mask, const char *lower, size_t n)
{
    uint64_t h = kg_lex_hash(lower, n);
    uint64_t vm = ((uint64_t)1 << KG_LEX_VAL_BITS) - 1;
    uint32_t s = (uint32_t)(h >> KG_LEX_VAL_BITS) & mask;
    for (;;) {
        uint64_t e = tab[s];
        if (e == 0)
            return 0;
        if ((e & ~vm) == h)
            return (unsigned)(e & vm);
        s = (s + 1) & mask;
    }
}

/* Does the stem w[0..n - cut) + add have a lexicon class in want? */
static int lex_stem(const uint64_t *tab, uint32_t mask, const char *w, size_t n, size_t cut,
                    const char *add, unsigned want)
{
    char b[72];
    size_t m, a = strlen(add);
    if (n <= cut + 1 || n - cut + a > sizeof b)
        return 0;
    m = n - cut;
    memcpy(b, w, m);
    memcpy(b + m, add, a);
    return (lex_find(tab, mask, b, m + a) & want) != 0;
}

/* As lex_stem, also trying the stem with a doubled last consonant undone
 * (stopped -> stop). */
static int lex_stem2(const uint64_t *tab, uint32_t mask, const char *w, size_t n, size_t cut,
                     const char *add, unsigned want)
{
    if (lex_stem(tab, mask, w, n, cut, add, want))
        return 1;
    return n > cut + 3 && w[n - cut - 1] == w[n - cut - 2] &&
           !strchr("aeiou", w[n - cut - 1]) && lex_stem(tab, mask, w, n, cut + 1, "", want);
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k && memcmp(w + n - k, suf, k) == 0;
}

unsigned kg_tagger_lex_value(const uint64_t *tab, uint32_t mask, const char *w, size_t n,
                             unsigned *allowed, unsigned *nbc)
{
    char low[64];
    unsigned v, x = 0;
    const unsigned noun = KG_LEX_N | KG_LEX_P;
    size_t i;
    if (allowed)
        *allowed = 0;
    if (nbc)
        *nbc = 0;
    if (tab == NULL || n == 0 || n >= sizeof low)
        return 0;
    for (i = 0; i < n; i++) {
        char c = w[i];
        low[i] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    v = lex_find(tab, mask, low, n);
    if (v & KG_LEX_FREQ) {
        if (allowed)
            *allowed = v >> KG_LEX_UPOS_SHIFT & ((1u << KG_UPOS_COUNT) - 1);
        return KG_LEX_FREQ;
    }
    if (nbc && (v & KG_LEX_NB))
        *nbc = v >> KG_LEX_NB_SHIFT & 0x1FFF;
    if (v & KG_LEX_XS)
        x |= 1;
    if (v & KG_LEX_XD)
        x |= 4;
    if (v & KG_LEX_XC)
        x |= 16;
#define ST(cut, add, want) lex_stem(tab, mask, low, n, cut, add, want)
#define ST2(cut, want) lex_stem2(tab, mask, low, n, cut, "", want)
#define END(suf) ends(low, n, suf)
    if (END("s") && !END("ss")) { /* plural noun, verb -s */
        if (ST(1, "", noun) || (END("ies") && ST(3, "y", noun)) ||
            ((END("ses") || END("xes") || END("zes") || END("ches") || END("shes")) &&
             ST(2, "", noun)))
            x |= 1;
        if (ST(1, "", KG_LEX_V) || (END("ies") && ST(3, "y", KG_LEX_V)) ||
            (END("es") && ST(2, "", KG_LEX_V)))
            x |= 2;
    } else if (END("men") && ST(2, "an", noun)) {
        x |= 1;
    }
    if (END("ed") &&
        (ST(1, "", KG_LEX_V) || ST2(2, KG_LEX_V) || (END("ied") && ST(3, "y", KG_LEX_V))))
        x |= 4;
    if (END("ing") &&
        (ST2(3, KG_LEX_V) || ST(3, "e", KG_LEX_V) || (END("ying") && ST(4, "ie", KG_LEX_V))))
        x |= 8;
    if ((END("er") &&
         (ST2(2, KG_LEX_A) || ST(1, "", KG_LEX_A) || (END("ier") && ST(3, "y", KG_LEX_A)))) ||
        (END("est") &&
         (ST2(3, KG_LEX_A) || ST(2, "", KG_LEX_A) || (END("iest") && ST(4, "y", KG_LEX_A)))))
        x |= 16;
    if (END("ly") && (ST(2, "", KG_LEX_A) || (END("ily") && ST(3, "y", KG_LEX_A)) ||
                      (END("bly") && ST(1, "e", KG_LEX_A))))
        x |= 32;
#undef ST
#undef ST2
#undef END
    return (v & 0xFF) | x << 8;
}

static const kg_tok_hash pad_start = {0x51A47ull, 0x51A47ull, {0}, {0}, 0x51A47ull,
                                      0, 0, 1, -1, 0, 0, 0};
static const kg_tok_hash pad_end = {0xE4Dull, 0xE4Dull, {0}, {0}, 0xE4Dull, 0, 0, 1, -1, 0, 0, 0};

/* Features of the token alone (cacheable per word type and position 0 or not). */
static size_t static_features(const kg_tok_hash *h, size_t i, uint64_t *f)
{
    const kg_tok_hash *c = &h[i];
    size_t k = 0;
    uint64_t kb;
    f[k++] = mix2(T_BIAS, 0);
    f[k++] = mix2(c->l, T_L);
    f[k++] = mix2(c->w, T_W);
    f[k++] = mix2(c->suf[0], T_S1);
    f[k++] = mix2(c->suf[1], T_S2);
    f[k++] = mix2(c->suf[2], T_S3);
    f[k++] = mix2(c->suf[3], T_S4);
    f[k++] = mix2(c->pre[0], T_P1);
    f[k++] = mix2(c->pre[1], T_P2);
    f[k++] = mix2(c->pre[2], T_P3);
    f[k++] = mix2(c->shape, T_SHAPE);
    if (c->hyph)
        f[k++] = mix2(c->hyph, T_HYPH);
    f[k++] = mix2((uint64_t)c->flags * 2 + (i == 0), T_FLAGS);
    /* the lexicon's classes, on their own and with the capitalisation; known
     * words (their own feature says much) weigh them apart from unseen ones */
    kb = c->known ? 0x50000 : 0;
    f[k++] = mix2(c->lex ^ kb, T_WN);
    f[k++] = mix2(((uint64_t)c->lex * 8 + (c->flags & 1) + (i == 0) * 2u +
                   ((c->flags & 17) == 1) * 4u) ^ kb,
                  T_WNCAP);
    /* the tags of the word's distributional neighbours (none for words frequent
     * in training): the two tags; the first with how sure and the capitalisation */
    f[k++] = mix2((c->nbc >> 1 & 1023) ^ kb, T_NB);
    f[k++] = mix2(((uint64_t)((c->nbc >> 1 & 31) * 4 + (c->nbc >> 11)) * 8 + (c->flags & 1) +
                   (i == 0) * 2u) ^ kb,
                  T_NBSURE);
    if (!c->known) /* unseen words: the shape on its own weights */
        f[k++] = mix2(c->shape, T_USHAPE);
    return k;
}

/* Features of the context. Those that depend on a neighbour word alone (the
 * word before: role 0, the word after: role 1): their summed weights are
 * cached per word type like the static features. */
#define KG_NB_FEATURES 5
static size_t neighbour_features(const kg_tok_hash *nb, int role, int known, uint64_t *f)
{
    /* the neighbour's lexicon classes weigh apart for a known and an unseen
     * word: learnt over all words, they would speak for the frequent ones */
    uint64_t kb = known ? 0x50000 : 0;
    if (role == 0) {
        f[0] = mix2(nb->l, T_LM1);
        f[1] = mix2(nb->suf[2], T_S3M1);
        f[2] = mix2(nb->shape, T_SHAPEM1);
        f[3] = mix2(nb->lex ^ kb, T_WNM1);
        f[4] = mix2(nb->nbc ^ kb, T_NBM1);
    } else {
        f[0] = mix2(nb->l, T_LP1);
        f[1] = mix2(nb->suf[2], T_S3P1);
        f[2] = mix2(nb->shape, T_SHAPEP1);
        f[3] = mix2(nb->lex ^ kb, T_WNP1);
        f[4] = mix2(nb->nbc ^ kb, T_NBP1);
    }
    return KG_NB_FEATURES;
}

/* The other context features: words two away, word pairs, previous and
 * (pass 2) next tags. */
static size_t context_features_rest(const kg_tok_hash *h, size_t n, size_t i, int prev1,
                                    int prev2, const int *right, uint64_t *f)
{
    const kg_tok_hash *c = &h[i];
    const kg_tok_hash *m1 = i >= 1 ? &h[i - 1] : &pad_start;
    const kg_tok_hash *m2 = i >= 2 ? &h[i - 2] : &pad_start;
    const kg_tok_hash *p1 = i + 1 < n ? &h[i + 1] : &pad_end;
    const kg_tok_hash *p2 = i + 2 < n ? &h[i + 2] : &pad_end;
    uint64_t t1 = (uint64_t)(prev1 + 1), t2 = (uint64_t)(prev2 + 1);
    size_t k = 0;
    f[k++] = mix2(m2->l, T_LM2);
    f[k++] = mix2(p2->l, T_LP2);
    f[k++] = mix2(t1, T_T1);
    f[k++] = mix2(t1 * 1000 + t2, T_T12);
    f[k++] = mix2(c->l ^ t1 * 0x2545F4914F6CDD1Dull, T_T1L);
    f[k++] = mix2(mix2(m1->l, c->l), T_LM1L);
    f[k++] = mix2(mix2(c->l, p1->l), T_LLP1);
    f[k++] = mix2(p1->l ^ t1 * 0x2545F4914F6CDD1Dull, T_T1LP1);
    f[k++] = mix2(c->suf[2] ^ t1 * 0x2545F4914F6CDD1Dull, T_T1S3);
    if (!c->known) {
        f[k++] = mix2(((uint64_t)c->flags * 2 + (i == 0)) * 1000 + t1, T_UFLAGST1);
        f[k++] = mix2(c->suf[1] ^ t1 * 0x2545F4914F6CDD1Dull, T_US2T1);
        f[k++] = mix2(c->pre[1] ^ t1 * 0x2545F4914F6CDD1Dull, T_UP2T1);
        f[k++] = mix2((uint64_t)c->lex * 1000 + t1, T_UWNT1);
    }
    if (right) {
        uint64_t r1 = i + 1 < n ? (uint64_t)right[i + 1] + 1 : 999;
        uint64_t r2 = i + 2 < n ? (uint64_t)right[i + 2] + 1 : 999;
        f[k++] = mix2(r1, T_R1);
        f[k++] = mix2(r1 * 1000 + r2, T_R12);
        f[k++] = mix2(t1 * 1000 + r1, T_T1R1);
        f[k++] = mix2(c->l ^ r1 * 0x2545F4914F6CDD1Dull, T_R1L);
        if (!c->known)
            f[k++] = mix2(c->shape ^ r1 * 0x2545F4914F6CDD1Dull, T_UR1SHAPE);
    }
    return k;
}

size_t kg_tagger_features(const kg_tok_hash *h, size_t n, size_t i, int prev1, int prev2,
                          const int *right, uint64_t *f)
{
    size_t k = static_features(h, i, f);
    k += neighbour_features(i >= 1 ? &h[i - 1] : &pad_start, 0, (int)h[i].known, f + k);
    k += neighbour_features(i + 1 < n ? &h[i + 1] : &pad_end, 1, (int)h[i].known, f + k);
    return k + context_features_rest(h, n, i, prev1, prev2, right, f + k);
}

uint64_t kg_tagger_word_key(const kg_tok_hash *h)
{
    return mix2(h->l, T_L);
}

uint64_t kg_tagger_dict_key(const kg_tok_hash *h)
{
    return mix2(h->w, T_DICT);
}

/* ---- the model file ---- */

/*
 * Layout (little-endian; every section 8-byte aligned, offsets from the start):
 *   header  kg_model_header
 *   classes n_classes x (uint16 upos, uint16 xpos)
 *   per pass p (1 or 2): slots[cap_p] (uint32 fingerprint, uint32 row offset;
 *           version 3: one uint32, KG_NARROW_OFF_BITS),
 *           rows[n_rows_p] uint32 (see kg_model_rows in text_int.h; version 2
 *           models may have dense rows, KG_ROW_DENSE)
 *   lemma:  keys[lcap] uint64, vals[lcap] uint32, blob[lblob] bytes
 *   lexicon (if lex_cap): lex_cap uint64 entries (see KG_LEX_N in text_int.h)
 */
static int model_check(const kg_tagger *t, size_t size)
{
    const kg_model_header *h = t->hdr;
    int p;
    if (size < sizeof *h || memcmp(h->magic, KG_MODEL_MAGIC, 8) != 0)
        return 0;
    if (h->n_classes == 0 || h->n_classes > 255 || h->n_passes < 1 || h->n_passes > 2)
        return 0;
    if (h->classes_off + (uint64_t)h->n_classes * 4 > size)
        return 0;
    for (p = 0; p < (int)h->n_passes; p++) {
        const kg_model_pass *mp = &h->pass[p];
        if (mp->cap == 0 || (mp->cap & (mp->cap - 1)))
            return 0;
        if (mp->slots_off + (uint64_t)mp->cap * (h->version >= 3 ? 4 : 8) > size ||
            mp->rows_off + (uint64_t)mp->n_rows * 4 > size || ((mp->slots_off | mp->rows_off) & 7))
            return 0;
    }
    if (h->lemma_cap && (h->lemma_cap & (h->lemma_cap - 1)))
        return 0;
    if (h->lex_cap && ((h->lex_cap & (h->lex_cap - 1)) || (h->lex_off & 7) ||
                       h->lex_off + (uint64_t)h->lex_cap * 8 > size))
        return 0;
    if (h->lemma_keys_off + (uint64_t)h->lemma_cap * 8 > size ||
        h->lemma_vals_off + (uint64_t)h->lemma_cap * 4 > size ||
        h->lemma_blob_off + h->lemma_blob_len > size || h->lemma_blob_len == 0 ||
        ((const char *)t->base)[h->lemma_blob_off + h->lemma_blob_len - 1] != '\0')
        return 0;
    return 1;
}

static int load_path(const char *path, kg_tagger **out, kg_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    void *base;
    kg_tagger *t;
    int p;
    if (fd < 0)
        return kg_error_set(err, errno == ENOENT ? KG_EIO : KG_EIO, "%s: %s", path,
                            strerror(errno));
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        close(fd);
        return kg_error_set(err, KG_EINPUT, "%s: not a kg tagger model (empty)", path);
    }
    base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | KG_MAP_POPULATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED)
        return kg_error_set(err, KG_EIO, "%s: cannot map: %s", path, strerror(errno));
    t = calloc(1, sizeof *t);
    if (t == NULL) {
        munmap(base, (size_t)st.st_size);
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    }
    t->base = base;
    t->size = (size_t)st.st_size;
    t->hdr = base;
    if (!model_check(t, t->size)) {
        munmap(base, t->size);
        free(t);
        return kg_error_set(err, KG_EINPUT, "%s: not a kg tagger model or a damaged one", path);
    }
    {
        const char *b = base;
        const kg_model_header *h = t->hdr;
        t->classes = (const uint16_t *)(b + h->classes_off);
        for (p = 0; p < (int)h->n_passes; p++) {
            const kg_model_pass *mp = &h->pass[p];
            t->pass[p].mask = mp->cap - 1;
            t->pass[p].slots = (const uint32_t *)(b + mp->slots_off);
            t->pass[p].narrow = h->version >= 3;
            t->pass[p].rows = (const uint32_t *)(b + mp->rows_off);
            t->pass[p].n_rows = mp->n_rows;
        }
        t->n_passes = (int)h->n_passes;
        t->n8 = ((int)h->n_classes + 7) & ~7;
        t->lemma_mask = h->lemma_cap ? h->lemma_cap - 1 : 0;
        t->lemma_cap = h->lemma_cap;
        t->lemma_keys = (const uint64_t *)(b + h->lemma_keys_off);
        t->lemma_vals = (const uint32_t *)(b + h->lemma_vals_off);
        t->lemma_blob = b + h->lemma_blob_off;
        t->lemma_blob_len = h->lemma_blob_len;
        t->lex = h->lex_cap ? (const uint64_t *)(b + h->lex_off) : NULL;
        t->lex_mask = h->lex_cap ? h->lex_cap - 1 : 0;
    }
    /* rows stay inside the row array, lemmas inside the blob, and every table
     * has an empty slot to end a probe (checked once, so lookups need not) */
    {
        int bad = 0;
        uint32_t s, empty;
        for (p = 0; p < t->n_passes && !bad; p++) {
            const kg_model_rows *m = &t->pass[p];
            for (s = 0, empty = 0; s <= m->mask; s++) {
                uint32_t off = m->narrow ? m->slots[s] & ((1u << KG_NARROW_OFF_BITS) - 1)
                                         : m->slots[2 * s + 1];
                if ((m->narrow ? m->slots[s] : m->slots[2 * s]) == 0)
                    empty++;
                else if (off >= m->n_rows ||
                         (uint64_t)off + 1 + (m->rows[off] & ~KG_ROW_DENSE) > m->n_rows ||
                         ((m->rows[off] & KG_ROW_DENSE) &&
                          (m->rows[off] & ~KG_ROW_DENSE) != (uint32_t)t->n8 / 2))
                    bad = 1;
            }
            bad |= empty == 0;
        }
        for (s = 0, empty = 0; s < t->lemma_cap && !bad; s++) {
            if (t->lemma_keys[s] == 0)
                empty++;
            else if (t->lemma_vals[s] >= t->lemma_blob_len)
                bad = 1;
        }
        bad |= t->lemma_cap && empty == 0;
        for (s = 0, empty = 0; t->lex && s <= t->lex_mask && !bad; s++)
            empty += t->lex[s] == 0;
        bad |= t->lex && empty == 0;
        if (bad) {
            munmap(base, t->size);
            free(t);
            return kg_error_set(err, KG_EINPUT, "%s: damaged tagger model", path);
        }
    }
    *out = t;
    return KG_OK;
}

int kg_tagger_load(const char *path, kg_tagger **out, kg_error *err)
{
    char buf[4096];
    const char *env;
    ssize_t n;
    *out = NULL;
    if (path)
        return load_path(path, out, err);
    env = getenv("KG_DATA");
    if (env && *env) {
        snprintf(buf, sizeof buf, "%s/tagger.bin", env);
        if (access(buf, R_OK) == 0)
            return load_path(buf, out, err);
    }
    n = readlink("/proc/self/exe", buf, sizeof buf - 32);
    if (n > 0) {
        char *slash;
        buf[n] = '\0';
        slash = strrchr(buf, '/');
        if (slash) {
            strcpy(slash + 1, "data/tagger.bin");
            if (access(buf, R_OK) == 0)
                return load_path(buf, out, err);
            /* build-asan/kg, build/kg: also look one level up */
            *slash = '\0';
            slash = strrchr(buf, '/');
            if (slash) {
                strcpy(slash + 1, "data/tagger.bin");
                if (access(buf, R_OK) == 0)
                    return load_path(buf, out, err);
            }
        }
    }
#ifdef KG_DATADIR
    if (access(KG_DATADIR "/tagger.bin", R_OK) == 0)
        return load_path(KG_DATADIR "/tagger.bin", out, err);
#endif
    return kg_error_set(err, KG_EIO,
                        "no tagger model found ($KG_DATA/tagger.bin, data/tagger.bin next to "
                        "the kg binary, or the installed share/kg/tagger.bin)");
}

void kg_tagger_free(kg_tagger *t)
{
    if (t == NULL)
        return;
    if (t->base)
        munmap(t->base, t->size);
    free(t);
}

/* ---- tagging ---- */

/* The row of key, or NULL. */
static inline const uint32_t *probe(const kg_model_rows *m, uint64_t key)
{
    uint32_t s = (uint32_t)key & m->mask, fp = (uint32_t)(key >> 32) | 1u;
    if (m->narrow) {
        fp = kg_narrow_fp(key);
        for (;;) {
            uint32_t k = m->slots[s];
            if (k >> KG_NARROW_OFF_BITS == fp)
                return m->rows + (k & ((1u << KG_NARROW_OFF_BITS) - 1));
            if (k == 0)
                return NULL;
            s = (s + 1) & m->mask;
        }
    }
    for (;;) {
        uint32_t k = m->slots[2 * s];
        if (k == fp)
            return m->rows + m->slots[2 * s + 1];
        if (k == 0)
            return NULL;
        s = (s + 1) & m->mask;
    }
}

/* scores[0..n8) += the int16 weights w[0..n8) (n8 a multiple of 8). */
static void add_dense(const int16_t *w, int n8, int32_t *scores)
{
    int c;
#ifdef __SSE2__
    for (c = 0; c < n8; c += 8) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(w + c));
        __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16);
        __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16);
        __m128i *s0 = (__m128i *)(void *)(scores + c), *s1 = (__m128i *)(void *)(scores + c + 4);
        _mm_storeu_si128(s0, _mm_add_epi32(_mm_loadu_si128(s0), lo));
        _mm_storeu_si128(s1, _mm_add_epi32(_mm_loadu_si128(s1), hi));
    }
#else
    for (c = 0; c < n8; c++)
        scores[c] += w[c];
#endif
}

/* scores[0..n8) += add[0..n8) (n8 a multiple of 8). */
static void add_scores(int32_t *scores, const int32_t *add, int n8)
{
    int c;
#ifdef __SSE2__
    for (c = 0; c < n8; c += 4) {
        __m128i *d = (__m128i *)(void *)(scores + c);
        _mm_storeu_si128(d, _mm_add_epi32(_mm_loadu_si128(d),
                                          _mm_loadu_si128((const __m128i *)(const void *)(add + c))));
    }
#else
    for (c = 0; c < n8; c++)
        scores[c] += add[c];
#endif
}

/* Add the rows of features f[0..nf) to scores (room for n8 classes). */
static void add_rows(const kg_model_rows *m, const uint64_t *f, size_t nf, int32_t *scores,
                     int n8)
{
    const uint32_t *rows[KG_TAGGER_MAX_FEATURES];
    size_t i, nr = 0;
    /* all slots first, then all rows: the cache misses overlap */
    for (i = 0; i < nf; i++)
        __builtin_prefetch(&m->slots[((uint32_t)f[i] & m->mask) << (m->narrow ? 0 : 1)]);
    for (i = 0; i < nf; i++) {
        const uint32_t *r = probe(m, f[i]);
        if (r) {
            __builtin_prefetch(r);
            rows[nr++] = r;
        }
    }
    for (i = 0; i < nr; i++) {
        const uint32_t *r = rows[i];
        uint32_t j, len = r[0];
        if (len & KG_ROW_DENSE) {
            add_dense((const int16_t *)(const void *)(r + 1), n8, scores);
            continue;
        }
        for (j = 1; j <= len; j++)
            scores[(r[j] >> 16) & 0xFF] += (int16_t)(r[j] & 0xFFFF);
    }
}

/* The largest of scores[0..n8), n8 a multiple of 8: eight lanes the
 * compiler turns into vector max instructions. */
static int32_t max8(const int32_t *scores, int n8)
{
    int32_t m[8], mx;
    int c, j;
    for (j = 0; j < 8; j++)
        m[j] = INT32_MIN;
    for (c = 0; c < n8; c += 8)
        for (j = 0; j < 8; j++)
            m[j] = scores[c + j] > m[j] ? scores[c + j] : m[j];
    mx = m[0];
    for (j = 1; j < 8; j++)
        mx = m[j] > mx ? m[j] : mx;
    return mx;
}

/* The best class (the first of equals); if margin is not NULL, its lead over
 * the runner-up. scores must have room for n_classes rounded up to 8. */
static int argmax(int32_t *scores, int n_classes, int32_t *margin)
{
    int n8 = (n_classes + 7) & ~7, c;
    int32_t mx, keep;
    for (c = n_classes; c < n8; c++)
        scores[c] = INT32_MIN;
    mx = max8(scores, n8);
    for (c = 0; scores[c] != mx; c++)
        ;
    if (margin) {
        keep = scores[c];
        scores[c] = INT32_MIN;
        int64_t d = n_classes > 1 ? (int64_t)mx - max8(scores, n8) : INT32_MAX;
        *margin = d > INT32_MAX ? INT32_MAX : (int32_t)d;
        scores[c] = keep;
    }
    return c;
}

/* A per-thread-of-use cache of the summed weights of a word type's own
 * features (static_features), per pass: most tokens are repeats. Score
 * vectors are large (n_classes int32), so those caches stay small (4 times
 * the slots missed 35% less and ran no faster); a word type's hashes and
 * lexicon value are small and costly (a dozen string hashes and random
 * lexicon-table probes), so that cache is larger: 16384 slots miss on 8% of
 * news tokens against 26% with 2048, 4-5% less CPU for kg tag. */
#define CACHE_SLOTS 1024
#define NB_SLOTS 1024
#define HASH_SLOTS 16384
struct kg_tag_cache {
    const kg_tagger *t;
    int n_classes;
    uint64_t keys[2][CACHE_SLOTS];       /* 0 = empty */
    int32_t *scores;                     /* [2][CACHE_SLOTS][n_classes] */
    uint64_t nb_keys[2][2][NB_SLOTS];    /* per pass, role (word before / after) */
    int32_t *nb_scores;                  /* [2][2][NB_SLOTS][n_classes] */
    uint64_t h_keys[HASH_SLOTS];         /* a word type's hashes (kg_tok_hash), by its form */
    kg_tok_hash h_vals[HASH_SLOTS];
};

void kg_tag_cache_free(kg_tag_cache *c)
{
    if (c == NULL)
        return;
    free(c->scores);
    free(c->nb_scores);
    free(c);
}

/* scores += the cached neighbour-feature sums of nb in role (computed on a miss). */
static void add_neighbour(const kg_model_rows *m, kg_tag_cache *cache, int p, int role,
                          int known, const kg_tok_hash *nb, int32_t *scores, int n8)
{
    uint64_t key = (nb->w ^ (role ? 0xA24BAED4963EE407ull : 0x9FB21C651E98DF25ull) ^
                    (known ? 0x6A09E667F3BCC909ull : 0)) | 1;
    uint32_t slot = (uint32_t)(key >> 24) & (NB_SLOTS - 1);
    int32_t *cs = cache->nb_scores +
                  (((size_t)p * 2 + (size_t)role) * NB_SLOTS + slot) * (size_t)n8;
    if (cache->nb_keys[p][role][slot] != key) {
        uint64_t f[KG_NB_FEATURES];
        memset(cs, 0, (size_t)n8 * sizeof *cs);
        add_rows(m, f, neighbour_features(nb, role, known, f), cs, n8);
        cache->nb_keys[p][role][slot] = key;
    }
    add_scores(scores, cs, n8);
}

/* The class for list bullets (•), unseen in the treebank: PUNCT with the
 * first Penn tag the model pairs with PUNCT for symbols (NFP, else ","). */
static int bullet_class(const kg_tagger *t)
{
    int c, comma = -1, nfp = kg_xpos_from_name("NFP"), cm = kg_xpos_from_name(",");
    for (c = 0; c < (int)t->hdr->n_classes; c++) {
        if (t->classes[2 * c] != KG_UPOS_PUNCT)
            continue;
        if (t->classes[2 * c + 1] == nfp)
            return c;
        if (t->classes[2 * c + 1] == cm)
            comma = c;
    }
    return comma;
}

/* Pass 2 keeps pass 1's class where pass 1 won by at least this much (in
 * units of 1/32000 of the largest weight): the second look rarely changes a
 * clear decision, and skipping it halves the work on most tokens. */
static int32_t skip_margin(void)
{
    static int32_t v = -1;
    if (v < 0) {
        const char *e = getenv("KG_TAG_SKIP_MARGIN");
        v = e && *e ? (int32_t)atol(e) : 8000;
    }
    return v;
}

/* The UPOS tags token h may get (bit 1 << upos; all bits: any).
 * Closed classes (pronouns, determiners, adpositions, auxiliaries,
 * conjunctions, particles) take no new words: a word the model has never seen
 * gets an open-class tag (on news it stops "OpenAI" being read as a pronoun
 * or a preposition); nor is an unseen word with letters punctuation or a
 * symbol (pass 2 once read "pays OpenAI revenue share" as a symbol: a rare
 * class with large weights). A frequent word gets only the tags it had in
 * training (h->allowed, from the lexicon table, which holds lower-case
 * forms: PROPN is added for a capitalised word): no "until" as an adverb,
 * no "union" as a number. */
unsigned kg_tagger_upos_ok(const kg_tok_hash *h)
{
    if (!h->known) {
        unsigned no = 1u << KG_UPOS_PRON | 1u << KG_UPOS_DET | 1u << KG_UPOS_ADP |
                      1u << KG_UPOS_AUX | 1u << KG_UPOS_CCONJ | 1u << KG_UPOS_SCONJ |
                      1u << KG_UPOS_PART;
        if (h->flags & (1 | 8 | 16))
            no |= 1u << KG_UPOS_PUNCT | 1u << KG_UPOS_SYM;
        return ~no;
    }
    if (h->allowed)
        return h->allowed | (h->flags & 1u) << KG_UPOS_PROPN;
    return ~0u;
}

static void upos_mask(const kg_tagger *t, unsigned ok, int32_t *scores, int n_classes)
{
    int c;
    for (c = 0; c < n_classes; c++)
        if (!(ok >> t->classes[2 * c] & 1))
            scores[c] = INT32_MIN + 1;
}

/* Fill hs[0..n) for the tokens: hashes, known, dict; from the cache where
 * the word type is in it (hashing a token costs a dozen string hashes and
 * two table probes: most tokens are repeats). */
static void prepare_tokens(const kg_tagger *t, kg_tag_cache *cache, const char *text,
                           const kg_token *toks, size_t n, kg_tok_hash *hs)
{
    const kg_model_rows *m = &t->pass[0];
    size_t i;
    for (i = 0; i < n; i++) {
        kg_tok_hash *h = &hs[i];
        const uint32_t *r;
        uint64_t key = 0;
        uint32_t slot = 0;
        if (cache) {
            key = kg_hash_bytes(text + toks[i].start, toks[i].end - toks[i].start, 1) | 1;
            slot = (uint32_t)(key >> 40) & (HASH_SLOTS - 1);
            if (cache->h_keys[slot] == key) {
                *h = cache->h_vals[slot];
                continue;
            }
        }
        kg_tagger_hash_tokens(text, &toks[i], 1, h);
        h->lex = kg_tagger_lex_value(t->lex, t->lex_mask, text + toks[i].start,
                                     toks[i].end - toks[i].start, &h->allowed, &h->nbc);
        h->known = probe(m, kg_tagger_word_key(h)) != NULL;
        h->dict = -1;
        r = probe(m, kg_tagger_dict_key(h));
        if (r && r[0] == 1 && (int16_t)(r[1] & 0xFFFF) == 0) {
            h->dict = (int)((r[1] >> 16) & 0xFF);
            if (h->dict >= (int)t->hdr->n_classes)
                h->dict = 0;
        }
        if (cache) {
            cache->h_keys[slot] = key;
            cache->h_vals[slot] = *h;
        }
    }
}

static void run_pass(const kg_tagger *t, int p, kg_tok_hash *h, const kg_token *toks,
                     size_t n, const int *right, int32_t *margins, kg_tag_cache *cache,
                     int *cls)
{
    int32_t margin, skip = skip_margin();
    int bullet = -2;
    const kg_model_rows *m = &t->pass[p];
    int n_classes = (int)t->hdr->n_classes;
    uint64_t f[KG_TAGGER_MAX_FEATURES];
    int32_t scores[256];
    size_t i;
    int prev1 = -1, prev2 = -1;
    for (i = 0; i < n; i++) {
        int c;
        if (right && margins[i] >= skip) {
            /* pass 1 was sure (dictionary words and bullets included) */
            c = right[i];
            margin = margins[i];
        } else if (h[i].dict >= 0) {
            c = h[i].dict; /* a dictionary word */
            margin = INT32_MAX;
        } else if ((toks[i].flags & KG_TOK_BULLET) &&
                   (bullet != -2 ? bullet : (bullet = bullet_class(t))) >= 0) {
            c = bullet;
            margin = INT32_MAX;
        } else {
            size_t nf;
            if (cache) {
                uint64_t key = h[i].w ^ (i == 0 ? 0x9E3779B97F4A7C15ull : 0) ^
                               (h[i].known ? 0 : 0xC2B2AE3D27D4EB4Full);
                uint32_t slot = (uint32_t)(key >> 20) & (CACHE_SLOTS - 1);
                int32_t *cs = cache->scores + ((size_t)p * CACHE_SLOTS + slot) * (size_t)t->n8;
                key |= 1;
                if (cache->keys[p][slot] != key) {
                    memset(scores, 0, (size_t)t->n8 * sizeof *scores);
                    nf = static_features(h, i, f);
                    add_rows(m, f, nf, scores, t->n8);
                    memcpy(cs, scores, (size_t)t->n8 * sizeof *cs);
                    cache->keys[p][slot] = key;
                } else {
                    memcpy(scores, cs, (size_t)t->n8 * sizeof *cs);
                }
                add_neighbour(m, cache, p, 0, (int)h[i].known,
                              i >= 1 ? &h[i - 1] : &pad_start, scores, t->n8);
                add_neighbour(m, cache, p, 1, (int)h[i].known,
                              i + 1 < n ? &h[i + 1] : &pad_end, scores, t->n8);
                nf = context_features_rest(h, n, i, prev1, prev2, right, f);
            } else {
                memset(scores, 0, (size_t)t->n8 * sizeof *scores);
                nf = kg_tagger_features(h, n, i, prev1, prev2, right, f);
            }
            add_rows(m, f, nf, scores, t->n8);
            {
                unsigned ok = kg_tagger_upos_ok(&h[i]);
                if (ok != ~0u)
                    upos_mask(t, ok, scores, n_classes);
            }
            c = argmax(scores, n_classes, right ? NULL : &margin);
        }
        cls[i] = c;
        if (!right)
            margins[i] = margin;
        prev2 = prev1;
        prev1 = c;
    }
}

int kg_tagger_tag_cached(const kg_tagger *t, const char *text, kg_token *toks, size_t n,
                         kg_tag_cache **cachep, kg_error *err)
{
    kg_tok_hash hs_local[256];
    int cls_local[256], first_local[256];
    int32_t margin_local[256];
    kg_tok_hash *hs = hs_local;
    int *cls = cls_local, *first = first_local;
    int32_t *margins = margin_local;
    kg_tag_cache *cache = NULL;
    size_t i;
    if (t == NULL) {
        kg_tag_fallback(text, toks, n);
        return KG_OK;
    }
    if (n == 0)
        return KG_OK;
    if (cachep) {
        cache = *cachep;
        if (cache && cache->t != t) {
            kg_tag_cache_free(cache);
            cache = *cachep = NULL;
        }
        if (cache == NULL) {
            cache = calloc(1, sizeof *cache);
            if (cache)
                cache->scores = malloc((size_t)2 * CACHE_SLOTS * (size_t)t->n8 *
                                       sizeof *cache->scores);
            if (cache)
                cache->nb_scores = malloc((size_t)4 * NB_SLOTS * (size_t)t->n8 *
                                          sizeof *cache->nb_scores);
            if (cache == NULL || cache->scores == NULL || cache->nb_scores == NULL) {
                kg_tag_cache_free(cache);
                return kg_error_set(err, KG_ENOMEM, "out of memory");
            }
            cache->t = t;
            cache->n_classes = t->n8;
            *cachep = cache;
        }
    }
    if (n > 256) {
        hs = malloc(n * sizeof *hs);
        cls = malloc(n * sizeof *cls);
        first = malloc(n * sizeof *first);
        margins = malloc(n * sizeof *margins);
        if (hs == NULL || cls == NULL || first == NULL || margins == NULL) {
            free(hs);
            free(cls);
            free(first);
            free(margins);
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        }
    }
    prepare_tokens(t, cache, text, toks, n, hs);
    if (t->n_passes == 2) {
        run_pass(t, 0, hs, toks, n, NULL, margins, cache, first);
        run_pass(t, 1, hs, toks, n, first, margins, cache, cls);
    } else {
        run_pass(t, 0, hs, toks, n, NULL, margins, cache, cls);
    }
    for (i = 0; i < n; i++) {
        toks[i].upos = t->classes[2 * cls[i]];
        toks[i].xpos = t->classes[2 * cls[i] + 1];
    }
    if (n > 256) {
        free(hs);
        free(cls);
        free(first);
        free(margins);
    }
    return KG_OK;
}

int kg_tagger_tag(const kg_tagger *t, const char *text, kg_token *toks, size_t n, kg_error *err)
{
    return kg_tagger_tag_cached(t, text, toks, n, NULL, err);
}
