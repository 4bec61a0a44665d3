/*
 * lemma.c -- the lemmatizer: (form, XPOS) -> lower-case lemma.
 *
 * Place in the flow: after the tagger (analysis.c, kg tag). Learned from
 * the treebank by train.c and stored in the tagger model: an exception table
 * keyed by (lower-case form, XPOS) for irregular forms (was -> be, paid ->
 * pay, n't -> not), then suffix rules keyed by (XPOS, last k characters),
 * the longest matching suffix winning (pays -> strip 1 -> pay, rights ->
 * right). Without a model the lemma is the lower-cased form.
 *
 * Unseen inflected forms: the table also holds the set of lemmas the treebank
 * knows per word class (verb, noun, adjective). When the rules' answer for a
 * verb in -ing/-ed or a plural in -s is not a known lemma, the candidates
 * (stem, stem + "e", the undoubled stem; -s, -es, -ies -> y) are looked up,
 * also after stripping a prefix (reshaping -> re + shape); for stems known
 * nowhere, English spelling decides (a final c/v/z/u, a consonant + l, a
 * one-syllable consonant-vowel-consonant stem take -e: reshap -> reshape,
 * dismantl -> dismantle; a doubled consonant is undone: hopped -> hop).
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

uint64_t kg_lemma_known_key(const char *lower, size_t n, int cls)
{
    return kg_hash_mix(kg_hash_bytes(lower, n, 5), 0x3000u + (unsigned)cls);
}

int kg_lemma_class(int xpos)
{
    const char *x = kg_xpos_name(xpos);
    if (x[0] == 'V' && x[1] == 'B')
        return 1;
    if (strcmp(x, "NN") == 0 || strcmp(x, "NNS") == 0)
        return 2;
    if (x[0] == 'J' && x[1] == 'J')
        return 3;
    return 0;
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

/* ---- unseen inflected forms ---- */

#define LEMMA_WORD_MAX 120

static int is_known(const kg_tagger *t, const char *w, size_t n, int cls)
{
    uint32_t s;
    return n > 0 && lookup(t->lemma_keys, t->lemma_mask, kg_lemma_known_key(w, n, cls), &s);
}

static const char *const lemma_prefixes[] = {"re", "un", "dis", "over", "out", "pre", "co",
                                             "mis", "under", NULL};

/* w is a known lemma, or a prefix + a known lemma of at least 3 letters. */
static int is_known_pref(const kg_tagger *t, const char *w, size_t n, int cls)
{
    int i;
    if (is_known(t, w, n, cls))
        return 1;
    for (i = 0; lemma_prefixes[i]; i++) {
        size_t pn = strlen(lemma_prefixes[i]);
        if (n >= pn + 3 && memcmp(w, lemma_prefixes[i], pn) == 0 &&
            is_known(t, w + pn, n - pn, cls))
            return 1;
    }
    return 0;
}

/* w[i] is a vowel: a e i o u, y after a consonant, not the u of qu. */
static int is_vowel_at(const char *w, size_t i)
{
    char c = w[i];
    if (c == 'u')
        return !(i > 0 && w[i - 1] == 'q');
    if (c == 'y')
        return i > 0 && !is_vowel_at(w, i - 1);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o';
}

static int is_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

/* One syllable ending consonant-vowel-consonant (shap, hop, cod): such a verb
 * doubles its consonant before -ed/-ing (hopped), so an undoubled form came
 * from stem + e (shaped <- shape). */
static int is_cvc_one_syllable(const char *w, size_t n)
{
    size_t i, groups = 0;
    char last;
    if (n < 3)
        return 0;
    for (i = 0; i < n; i++) {
        if (!is_letter(w[i]))
            return 0;
        if (is_vowel_at(w, i) && (i == 0 || !is_vowel_at(w, i - 1)))
            groups++;
    }
    last = w[n - 1];
    return groups == 1 && !is_vowel_at(w, n - 1) && last != 'w' && last != 'x' && last != 'y' &&
           is_vowel_at(w, n - 2) && !is_vowel_at(w, n - 3);
}

/* Does the bare stem w (from stem-ed / stem-ing, consonant not doubled) take a
 * final e? English spelling heuristics for stems the treebank never saw. */
static int stem_needs_e(const char *w, size_t n)
{
    char l, p;
    int p_vowel, pp_cons, i;
    if (n < 2)
        return 0;
    l = w[n - 1];
    p = w[n - 2];
    p_vowel = is_vowel_at(w, n - 2);
    pp_cons = n >= 3 && !is_vowel_at(w, n - 3);
    if (!is_letter(l) || strchr("aeiowxy", l))
        return 0;
    if (l == 'u' || l == 'c' || l == 'v' || l == 'z')
        return 1; /* argu(ed), danc(ed), solv(ed), analyz(ed) */
    if (is_cvc_one_syllable(w, n))
        return 1;
    for (i = 0; lemma_prefixes[i]; i++) { /* reshap -> re + shap */
        size_t pn = strlen(lemma_prefixes[i]);
        /* a rest of 3 letters only after a long prefix: co + ver(ed) is cover */
        if (n >= pn + (pn == 2 ? 4 : 3) && memcmp(w, lemma_prefixes[i], pn) == 0 &&
            is_cvc_one_syllable(w + pn, n - pn))
            return 1;
    }
    switch (l) {
    case 's': /* rais(ed), revers(ed), collaps(ed); not focus(ed), pass(ed) */
        if (p == 's' || (n >= 3 && p == 'u' && w[n - 3] == 'c'))
            return 0;
        return p_vowel || p == 'r' || p == 'l' || p == 'n' || p == 'p';
    case 'g': /* merg(ed), judg(ed), oblig(ed); not bang(ed) */
        return p != 'n' && p != 'g';
    case 'l': /* dismantl(ed), handl(ed), compil(ed), rul(ed); not curl(ed), cancel(ed) */
        if (!p_vowel)
            return p != 'l' && p != 'r' && p != 'w';
        return (p == 'i' || p == 'u') && pp_cons;
    case 'r': /* compar(ed), acquir(ed), ensur(ed); not enter(ed), appear(ed) */
        return (p == 'a' || p == 'i' || p == 'u') && pp_cons;
    case 'b': case 'd': case 'k': case 'm': /* describ, decid, includ, invok, consum */
        return pp_cons && (p == 'a' || p == 'i' || p == 'o' || p == 'u' ||
                           (p == 'e' && l == 'd'));
    case 'n': /* combin(ed), determin(ed); not open(ed), mention(ed) */
        return p == 'i' && pp_cons;
    case 't': /* contribut, promot, integrat, complet; not visit, budget, combat */
        if (!pp_cons)
            return 0;
        return p == 'u' || p == 'o' || (p == 'a' && n >= 5) ||
               (p == 'e' && n >= 3 && (w[n - 3] == 'l' || w[n - 3] == 'p'));
    case 'p': /* escap(ed) */
        return p == 'a' && pp_cons;
    default:
        return 0;
    }
}

/* The lemma of an -ing/-ed verb form f[0..n) into b (at least n + 2 bytes);
 * returns its length, 0 if f has no such ending. */
static size_t verb_lemma(const kg_tagger *t, const char *f, size_t n, char *b)
{
    size_t s;
    char l;
    int dbl;
    if (n >= 5 && memcmp(f + n - 3, "ing", 3) == 0)
        s = n - 3;
    else if (n >= 4 && memcmp(f + n - 2, "ed", 2) == 0)
        s = n - 2;
    else
        return 0;
    memcpy(b, f, n);
    if (is_known(t, f, n, 1)) /* a base form that looks inflected: need, proceed, bring */
        return n;
    if (s + 2 == n) {
        if (n == 4 && f[1] == 'i') /* died, lied, tied */
            return n - 1;
        if (n >= 5 && f[n - 3] == 'i') { /* studied -> study */
            b[s - 1] = 'y';
            return s;
        }
        if (f[n - 3] == 'e') /* agreed -> agree */
            return n - 1;
    }
    if (s < 3 || !is_letter(b[s - 1]))
        return 0;
    l = b[s - 1];
    if (l == 'e') /* freeing -> free */
        return s;
    dbl = s >= 3 && l == b[s - 2] && !is_vowel_at(b, s - 1);
    if (dbl) {
        if (is_known_pref(t, b, s - 1, 1))
            return s - 1;
        if (is_known_pref(t, b, s, 1))
            return s;
        return (l == 'l' || l == 's' || l == 'f' || l == 'z') ? s : s - 1;
    }
    if (!strchr("aiowxy", l)) {
        int known_s = is_known_pref(t, b, s, 1), known_e;
        b[s] = 'e';
        known_e = is_known_pref(t, b, s + 1, 1);
        if (known_e && known_s)
            return is_cvc_one_syllable(b, s) ? s + 1 : s; /* hoped -> hope, not hop */
        if (known_e)
            return s + 1;
        if (known_s)
            return s;
        if (stem_needs_e(b, s))
            return s + 1;
    }
    return s;
}

/* The lemma of a plural noun / 3rd-person verb f[0..n) in -s into b, when one
 * of its candidate stems is a known lemma of class cls; else 0. */
static size_t plural_lemma(const kg_tagger *t, const char *f, size_t n, int cls, char *b)
{
    if (n < 3 || f[n - 1] != 's' || f[n - 2] == 's')
        return 0;
    if (n >= 5 && memcmp(f + n - 3, "ies", 3) == 0) {
        memcpy(b, f, n - 3);
        b[n - 3] = 'y';
        if (is_known_pref(t, b, n - 2, cls))
            return n - 2;
    }
    memcpy(b, f, n - 1);
    if (is_known_pref(t, b, n - 1, cls))
        return n - 1;
    if (n >= 4 && f[n - 2] == 'e' && is_known_pref(t, b, n - 2, cls))
        return n - 2;
    return 0;
}

/* out[start..] holds the rules' lemma of lower[0..n): replace it when it is
 * not a known lemma and morphology finds a better one. */
static int fix_unknown(const kg_tagger *t, const char *lower, size_t n, int xpos, kg_buf *out,
                       size_t start)
{
    int cls = kg_lemma_class(xpos);
    const char *x;
    char b[LEMMA_WORD_MAX + 4];
    size_t m = 0;
    uint32_t s;
    if (cls == 0 || n > LEMMA_WORD_MAX ||
        !lookup(t->lemma_keys, t->lemma_mask, kg_lemma_known_key("", 0, 0), &s))
        return KG_OK; /* a model without the known-lemma set: rules only */
    if (is_known(t, out->data + start, out->len - start, cls))
        return KG_OK;
    x = kg_xpos_name(xpos);
    if (strcmp(x, "VBD") == 0 || strcmp(x, "VBN") == 0 || strcmp(x, "VBG") == 0)
        m = verb_lemma(t, lower, n, b);
    else if (strcmp(x, "NNS") == 0 || strcmp(x, "VBZ") == 0)
        m = plural_lemma(t, lower, n, cls, b);
    if (m == 0)
        return KG_OK;
    out->len = start;
    return kg_buf_append(out, b, m) ? KG_ENOMEM : KG_OK;
}

/* An irregular past tense and past participle are mostly one form (won, held,
 * paid, sold): when the treebank has the form's lemma under the other tag only,
 * that lemma beats the suffix rules (which make "won"/VBN "wo"). */
static int past_twin_exception(const kg_tagger *t, const char *lower, size_t n, int xpos,
                               uint32_t *slot)
{
    const char *x = kg_xpos_name(xpos);
    const char *twin = strcmp(x, "VBN") == 0 ? "VBD" : strcmp(x, "VBD") == 0 ? "VBN" : NULL;
    return twin != NULL &&
           lookup(t->lemma_keys, t->lemma_mask,
                  kg_lemma_exception_key(lower, n, kg_xpos_from_name(twin)), slot);
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
    if (lookup(t->lemma_keys, t->lemma_mask, kg_lemma_exception_key(lower, n, xpos), &s) ||
        past_twin_exception(t, lower, n, xpos, &s)) {
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
        if (r > 0 && fix_unknown(t, src, n, xpos, out, start))
            r = -1;
        kg_buf_free(&tmp);
        if (r < 0)
            return KG_ENOMEM;
    }
    return KG_OK;
}
