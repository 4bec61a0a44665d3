/*
 * ner.c -- named-entity mentions over an analysed document: proper-name runs
 * (from the tagger's PROPN and capitalisation, joined across "of", "&", "de"
 * and place commas), values (DATE, MONEY, PERCENT), pronouns and definite
 * descriptions ("the company"); each name typed PERSON/ORG/PLACE/... from the
 * lexicons (lexicon.c) and its context (titles, org suffixes, "in" before,
 * "said" after). coref.c then merges the mentions into document entities.
 *
 * Place in the flow: kg_analysis (kg_text.h) -> kg_ner_run -> kg_entities,
 * read by the extractor. One left-to-right pass per sentence: linear in the
 * number of tokens.
 */
#include <stdlib.h>
#include <string.h>

#include "ner_int.h"

static const char *const label_names[KG_LABEL_COUNT] = {
    "NONE", "PERSON", "ORG", "PLACE", "DATE", "MONEY", "PERCENT", "PRODUCT", "EVENT", "OTHER"};

const char *kg_label_name(int label)
{
    if (label < 0 || label >= KG_LABEL_COUNT) return "OTHER";
    return label_names[label];
}

int kg_label_from_name(const char *name)
{
    if (!name) return KG_LABEL_NONE;
    for (int i = 1; i < KG_LABEL_COUNT; i++)
        if (kg_strcaseeq(name, label_names[i])) return i;
    return KG_LABEL_NONE;
}

/* Evidence behind a label, stored per mention for coref.c. */
enum { EV_GUESS = 0, EV_CONTEXT = 1, EV_WORD = 2, EV_LEXICON = 3,
       EV_TENTATIVE = 9 /* a nested guess awaiting confirmation; becomes EV_GUESS */ };

#define MAX_RUN_TOKENS 16

typedef struct ner_ctx {
    const kg_ner *ner;
    const kg_analysis *a;
    kg_mention *mentions; size_t n_mentions, cap_mentions;
    unsigned char *strength; /* parallel to mentions */
    kg_mention *nested; size_t n_nested, cap_nested;
    unsigned char *nested_strength;
    size_t *known; size_t known_cap; /* set of tokens capitalised mid-sentence (by text) */
    int xpos_nnp, xpos_nnps, xpos_vbd, xpos_vbz;
    int in_headline;                 /* scanning a Title Case line */
    int sports;                      /* the document reports match scores ("1 – 0") */
} ner_ctx;

static uint32_t hash_str(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* ---- token helpers ---- */

static const char *tok_s(const ner_ctx *c, size_t i) { return c->a->text + c->a->tokens[i].start; }
static size_t tok_n(const ner_ctx *c, size_t i) { return c->a->tokens[i].end - c->a->tokens[i].start; }
/* The UPOS, except that a Penn proper-noun tag (NNP, NNPS) makes it PROPN: the tagger's two
 * columns disagree on "International" (ADJ/NNP) and the XPOS is the better guess for names. */
static int tok_upos(const ner_ctx *c, size_t i)
{
    const kg_token *t = &c->a->tokens[i];
    if (t->upos != KG_UPOS_PROPN && t->xpos && (t->xpos == c->xpos_nnp || t->xpos == c->xpos_nnps) &&
        t->upos != KG_UPOS_PUNCT && t->upos != KG_UPOS_NUM)
        return KG_UPOS_PROPN;
    return t->upos;
}

/* Token i equals the NUL-terminated w (no strlen: these run for every token and list word). */
/* The last byte of token i, 0 for an empty token. */
static char tok_last(const ner_ctx *c, size_t i)
{
    return tok_n(c, i) ? tok_s(c, i)[tok_n(c, i) - 1] : 0;
}

static int tok_is(const ner_ctx *c, size_t i, const char *w)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i);
    for (size_t k = 0; k < n; k++)
        if (w[k] != s[k] || !w[k]) return 0;
    return w[n] == 0;
}

/* ASCII case-insensitive comparison of token i with the lower-case w. */
static int tok_is_ci(const ner_ctx *c, size_t i, const char *w)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i);
    for (size_t k = 0; k < n; k++) {
        char x = s[k];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (x != w[k] || !w[k]) return 0;
    }
    return w[n] == 0;
}

static int tok_in(const ner_ctx *c, size_t i, const char *const *words)
{
    for (; *words; words++)
        if (tok_is_ci(c, i, *words)) return 1;
    return 0;
}

static int is_upper_start(const char *s, size_t n)
{
    if (n == 0) return 0;
    unsigned char b = (unsigned char)s[0];
    if (b >= 'A' && b <= 'Z') return 1;
    if (b >= 0x80) {
        uint32_t cp;
        kg_utf8_decode(s, n, &cp);
        /* Latin-1 and Latin Extended-A capitals (À..Þ except ×; even code points of 0x100..0x17F) */
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return 1;
        if (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0) return 1;
        if (cp >= 0x1E00 && cp <= 0x1EFF && cp % 2 == 0) return 1; /* "Ḥadīd", Vietnamese */
        if (cp >= 0x391 && cp <= 0x3A9) return 1; /* Greek capitals */
        if (cp >= 0x410 && cp <= 0x42F) return 1; /* Cyrillic capitals */
    }
    return 0;
}

static int tok_cap(const ner_ctx *c, size_t i)
{
    return is_upper_start(tok_s(c, i), tok_n(c, i));
}

static int tok_has_alpha(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    for (size_t k = 0; k < tok_n(c, i); k++) {
        unsigned char b = (unsigned char)s[k];
        if ((b | 32) >= 'a' && (b | 32) <= 'z') return 1;
        if (b >= 0x80) return 1;
    }
    return 0;
}

/* A token that is one piece of punctuation outside ASCII: U+0080..U+00BF ("«", "»") or
 * U+2000..U+206F (curly quotes, dashes). */
static int tok_utf8_punct(const ner_ctx *c, size_t i)
{
    const unsigned char *s = (const unsigned char *)tok_s(c, i);
    size_t n = tok_n(c, i);
    return (n == 2 && s[0] == 0xC2) || (n == 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81));
}

/* All letters upper case, at least two letters ("AWS", "U.S.", "AT&T"). */
static int tok_acronym(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t letters = 0;
    for (size_t k = 0; k < tok_n(c, i); k++) {
        unsigned char b = (unsigned char)s[k];
        if (b >= 'a' && b <= 'z') return 0;
        if (b >= 'A' && b <= 'Z') letters++;
        else if (!(b == '.' || b == '&' || b == '-' || (b >= '0' && b <= '9'))) return 0;
    }
    return letters >= 2;
}

/* A number token: digits with , . separators, or a NUM-tagged word ("two", "1.5"). */
static int tok_number(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i), digits = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] >= '0' && s[k] <= '9') digits++;
        else if (s[k] != ',' && s[k] != '.') { digits = 0; break; }
    }
    if (digits) return 1;
    return tok_upos(c, i) == KG_UPOS_NUM;
}

static unsigned tok_lex(const ner_ctx *c, size_t i)
{
    return kg_lex_lookup(c->ner, tok_s(c, i), tok_n(c, i));
}

static unsigned tok_dict(const ner_ctx *c, size_t i)
{
    return kg_lex_dict(c->ner, tok_s(c, i), tok_n(c, i));
}

static int tok_space_before(const ner_ctx *c, size_t i)
{
    return (c->a->tokens[i].flags & (KG_TOK_SPACE_BEFORE | KG_TOK_NEWLINE_BEFORE)) != 0;
}

static int tok_possessive(const ner_ctx *c, size_t i)
{
    return tok_is_ci(c, i, "'s") || tok_is_ci(c, i, "\xE2\x80\x99s") || tok_is(c, i, "'") ||
           tok_is(c, i, "\xE2\x80\x99");
}

/* ---- output ---- */

static int push_mention(ner_ctx *c, const kg_mention *m, unsigned char strength, int nested)
{
    kg_mention **v = nested ? &c->nested : &c->mentions;
    unsigned char **st = nested ? &c->nested_strength : &c->strength;
    size_t *n = nested ? &c->n_nested : &c->n_mentions;
    size_t *cap = nested ? &c->cap_nested : &c->cap_mentions;
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        kg_mention *nv = realloc(*v, ncap * sizeof *nv);
        if (!nv) return KG_ENOMEM;
        *v = nv;
        unsigned char *ns = realloc(*st, ncap);
        if (!ns) return KG_ENOMEM;
        *st = ns;
        *cap = ncap;
    }
    (*v)[*n] = *m;
    (*st)[*n] = strength;
    (*n)++;
    return KG_OK;
}

static kg_mention make_mention(const ner_ctx *c, size_t sent, size_t first, size_t n, int label,
                               int kind)
{
    kg_mention m;
    m.sentence = sent;
    m.first_token = first;
    m.n_tokens = n;
    m.start = c->a->tokens[first].start;
    m.end = c->a->tokens[first + n - 1].end;
    m.label = label;
    m.kind = kind;
    m.entity = KG_NO_ENTITY;
    return m;
}

/* ---- values: DATE, MONEY, PERCENT ---- */

static const char *const scale_words[] = {
    "million", "billion", "trillion", "thousand", "hundred", "bn", "m", "mn", "k", "b", "tn", NULL};
static const char *const currency_words[] = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "yen", "yuan", "renminbi", "rupee",
    "rupees", "franc", "francs", "ruble", "rubles", "rouble", "roubles", "peso", "pesos", "won",
    "krona", "kronor", "krone", "cents", "cent", "pence", "sterling", NULL};
static const char *const percent_words[] = {"percent", "per", "pct", "%", NULL};
static const char *const date_words[] = {"today", "yesterday", "tomorrow", "tonight", NULL};

static int tok_currency_symbol(const ner_ctx *c, size_t i)
{
    static const char *const symbols[] = {
        "$", "US$", "A$", "C$", "HK$", "NZ$", "\xE2\x82\xAC" /* € */, "\xC2\xA3" /* £ */,
        "\xC2\xA5" /* ¥ */, "\xE2\x82\xB9" /* ₹ */, NULL};
    for (size_t k = 0; symbols[k]; k++)
        if (tok_is(c, i, symbols[k])) return 1;
    return 0;
}

/* A year: 4 digits 1000..2199, optionally with a trailing "s" decade ("1990s"). */
static int tok_year(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i);
    if (n == 5 && s[4] == 's') n = 4;
    if (n != 4) return 0;
    for (size_t k = 0; k < 4; k++)
        if (s[k] < '0' || s[k] > '9') return 0;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    return y >= 1000 && y <= 2199;
}

/* "Mets-inspired": the length of the name before "-" and a lower-case English word ending
 * the token, 0 if the token is no such compound. */
static size_t compound_name_len(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i), h = n;
    while (h > 0 && s[h - 1] != '-') h--;
    if (h < 3 || h >= n || n - h < 4) return 0;
    for (size_t k = h; k < n; k++)
        if (!(s[k] >= 'a' && s[k] <= 'z')) return 0;
    if (!(kg_lex_dict(c->ner, s + h, n - h) & KG_LEX_COMMON)) return 0;
    if (!(s[0] >= 'A' && s[0] <= 'Z')) return 0;
    return h - 1;
}

/* An ordinal written in figures: "1st", "2nd", "23rd", "7th". */
static int tok_ordinal(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i), d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
    if (d == 0 || d > 3 || n - d != 2) return 0;
    return !memcmp(s + d, "st", 2) || !memcmp(s + d, "nd", 2) || !memcmp(s + d, "rd", 2) ||
           !memcmp(s + d, "th", 2);
}

/* Day of month: 1..31, optionally "1st", "22nd", "3rd", "4th". */
static int tok_day(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    size_t n = tok_n(c, i), d = 0;
    while (d < n && s[d] >= '0' && s[d] <= '9') d++;
    if (d == 0 || d > 2) return 0;
    if (d < n) {
        const char *suf = s + d;
        if (n - d != 2) return 0;
        if (memcmp(suf, "st", 2) && memcmp(suf, "nd", 2) && memcmp(suf, "rd", 2) && memcmp(suf, "th", 2))
            return 0;
    }
    int v = (s[0] - '0') * (d == 2 ? 10 : 1) + (d == 2 ? s[1] - '0' : 0);
    return v >= 1 && v <= 31;
}

/* Try a value mention at token i (end = sentence end). Returns its length and sets *label. */
static size_t match_value(const ner_ctx *c, size_t i, size_t end, int *label)
{
    size_t j = i;
    /* most tokens are lower-case words that start no value: skip them cheaply */
    if (tok_n(c, j) == 0) return 0;
    unsigned char b0 = (unsigned char)tok_s(c, j)[0];
    if (!(b0 >= '0' && b0 <= '9') && !(b0 >= 'A' && b0 <= 'Z') && b0 < 0x80 && b0 != '$' && b0 != 't' &&
        b0 != 'y' && tok_upos(c, j) != KG_UPOS_NUM)
        return 0;
    /* "US$ 10 billion", "NZ $ 26 million": a country's letters before "$" name the dollar */
    if (tok_acronym(c, j) && tok_n(c, j) <= 3 && j + 2 < end && tok_is(c, j + 1, "$") &&
        tok_number(c, j + 2) && (tok_n(c, j) <= 2 || (tok_lex(c, j) & KG_LEX_COUNTRY)))
        j++;
    /* MONEY: $ 1.5 [billion] | 10 [million] dollars | USD 5 */
    if (tok_currency_symbol(c, j) ||
        ((tok_lex(c, j) & KG_LEX_CURRENCY) && tok_acronym(c, j) && j + 1 < end && tok_number(c, j + 1))) {
        if (j + 1 < end && tok_number(c, j + 1)) {
            j += 2;
            while (j < end && tok_in(c, j, scale_words)) j++;
            *label = KG_LABEL_MONEY;
            return j - i;
        }
        return 0;
    }
    if (tok_number(c, j) && !tok_year(c, j)) {
        size_t k = j + 1;
        while (k < end && tok_in(c, k, scale_words)) k++;
        if (k < end && (tok_in(c, k, currency_words) ||
                        ((tok_lex(c, k) & KG_LEX_CURRENCY) && tok_acronym(c, k)))) {
            *label = KG_LABEL_MONEY;
            return k + 1 - i;
        }
        if (k < end && tok_in(c, k, percent_words)) {
            if (tok_is_ci(c, k, "per")) {
                if (k + 1 < end && tok_is_ci(c, k + 1, "cent")) {
                    *label = KG_LABEL_PERCENT;
                    return k + 2 - i;
                }
                return 0;
            }
            *label = KG_LABEL_PERCENT;
            return k + 1 - i;
        }
    }
    /* "5%" as one token */
    if (tok_n(c, j) >= 2 && tok_s(c, j)[tok_n(c, j) - 1] == '%' && tok_s(c, j)[0] >= '0' &&
        tok_s(c, j)[0] <= '9') {
        *label = KG_LABEL_PERCENT;
        return 1;
    }
    /* DATE */
    unsigned lex = tok_lex(c, j);
    if (lex & KG_LEX_WEEKDAY) {
        *label = KG_LABEL_DATE;
        return 1;
    }
    if (lex & KG_LEX_MONTH) {
        /* "May" and "March" are also words: need a day or year next to them, or "in"/"since" before */
        size_t k = j + 1;
        int ok = 0;
        if (k < end && tok_day(c, k)) {
            k++;
            ok = 1;
            if (k + 1 < end && tok_is(c, k, ",") && tok_year(c, k + 1)) k += 2;
            else if (k < end && tok_year(c, k)) k++;
        } else if (k < end && tok_year(c, k)) {
            k++;
            ok = 1;
        } else if (!tok_is(c, j, "May") && !tok_is(c, j, "March")) {
            ok = 1;
        } else if (j > 0 && (tok_is_ci(c, j - 1, "in") || tok_is_ci(c, j - 1, "since") ||
                             tok_is_ci(c, j - 1, "until") || tok_is_ci(c, j - 1, "by") ||
                             tok_is_ci(c, j - 1, "early") || tok_is_ci(c, j - 1, "late") ||
                             tok_is_ci(c, j - 1, "last") || tok_is_ci(c, j - 1, "next"))) {
            ok = 1;
        }
        if (ok) {
            *label = KG_LABEL_DATE;
            return k - i;
        }
        return 0;
    }
    if (tok_day(c, j) && j + 1 < end && (tok_lex(c, j + 1) & KG_LEX_MONTH)) {
        size_t k = j + 2;
        if (k < end && tok_year(c, k)) k++;
        *label = KG_LABEL_DATE;
        return k - i;
    }
    if (tok_year(c, j) && tok_upos(c, j) != KG_UPOS_PROPN) {
        /* a bare year: not followed by a noun it counts ("2000 people") */
        if (j + 1 < end && (tok_upos(c, j + 1) == KG_UPOS_NOUN) && !tok_is_ci(c, j + 1, "s")) return 0;
        *label = KG_LABEL_DATE;
        return 1;
    }
    if (tok_in(c, j, date_words) && tok_upos(c, j) != KG_UPOS_PROPN) {
        *label = KG_LABEL_DATE;
        return 1;
    }
    return 0;
}

/* ---- names ---- */

static const char *const name_particles[] = {
    "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "del", "della", "dos", "das",
    "bin", "ibn", "al", "el", "y", "ter", "zu", NULL};
/* lower case: compared case-insensitively */
static const char *const never_names[] = {
    "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "mr", "mrs", "tv", "am", "pm", "a.m.", "p.m.",
    "oh", "yes", "no", "hi", "hello", "thanks", "please", "ph.d.", "phd", "dna", "iq", "internet",
    "mr.", "mrs.", "ms.", "ceo", "cto", "cfo", "gdp", "ai", "faq", "url", "html", "pdf", "usb", "ok.",
    "b.a.", "m.a.", "b.sc.", "m.sc.", "mba", "etc.", "vs.", "e.g.", "i.e.", "ip", "agi", "api", "apis",
    "gpu", "gpus", "cpu", "llm", "llms", "ipo", "saas", "iot", "vr", "ar", "pc", "id", "m.sc", "m.sc.",
    "north", "south", "east", "west", "vip", "gmt", "utc", "ad", "bc", "bce", "ce", "hey", NULL};

/* A capital after a lower-case letter inside the word: "OpenAI", "YouTube", "iPhone". */
static int tok_camel(const ner_ctx *c, size_t i)
{
    const char *t = tok_s(c, i);
    for (size_t k = 1; k < tok_n(c, i); k++)
        if (t[k] >= 'A' && t[k] <= 'Z' && t[k - 1] >= 'a' && t[k - 1] <= 'z') return 1;
    return 0;
}

/* Was token i's text seen capitalised inside a sentence elsewhere in the document? */
static int known_name(const ner_ctx *c, size_t i)
{
    if (!c->known_cap) return 0;
    uint32_t h = hash_str(tok_s(c, i), tok_n(c, i));
    for (size_t j = h & (c->known_cap - 1);; j = (j + 1) & (c->known_cap - 1)) {
        size_t t = c->known[j];
        if (t == KG_NO_MENTION) return 0;
        if (tok_n(c, t) == tok_n(c, i) && memcmp(tok_s(c, t), tok_s(c, i), tok_n(c, i)) == 0) return 1;
    }
}

/* Was the text s[0..n) seen as a capitalised word inside a sentence in the document? */
static int known_str(const ner_ctx *c, const char *s, size_t n)
{
    if (!c->known_cap) return 0;
    uint32_t h = hash_str(s, n);
    for (size_t j = h & (c->known_cap - 1);; j = (j + 1) & (c->known_cap - 1)) {
        size_t t = c->known[j];
        if (t == KG_NO_MENTION) return 0;
        if (tok_n(c, t) == n && memcmp(tok_s(c, t), s, n) == 0) return 1;
    }
}

/* "Wikinews spoke with ...", "Zorvex has learned ...": a sentence-initial word English does
 * not know, letters only, directly before a verb, is the name of whoever acts. */
static int unknown_subject(const ner_ctx *c, size_t i)
{
    if (i + 1 >= c->a->n_tokens || c->in_headline || tok_n(c, i) < 3) return 0;
    const char *s = tok_s(c, i);
    for (size_t k = 0; k < tok_n(c, i); k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return 0;
    if (tok_dict(c, i) & KG_LEX_COMMON) return 0;
    if (kg_lex_lookup_lower(c->ner, s, tok_n(c, i))) return 0;
    /* "Wikinews" as the plural of an unknown word: the dictionary knows no "Wikinew" either */
    int up = tok_upos(c, i + 1);
    if (tok_cap(c, i + 1)) return 0;
    return (up == KG_UPOS_VERB || up == KG_UPOS_AUX) &&
           (c->a->tokens[i + 1].xpos == c->xpos_vbd || c->a->tokens[i + 1].xpos == c->xpos_vbz);
}

/* "Together Bernoulli and Euler ...": a sentence-initial word English writes only in lower case,
 * capitalised nowhere else in the document, before a word that is a name on its own, and not the
 * start of a name that ends in the kind of a body or place ("Summit Valley Hospital"). */
static int lower_only_opener(const ner_ctx *c, size_t i)
{
    if (tok_lex(c, i) || !(tok_dict(c, i) & KG_LEX_COMMON) || (tok_dict(c, i) & KG_LEX_PROPER) ||
        known_name(c, i) || tok_acronym(c, i))
        return 0;
    for (size_t k = i + 1; k < c->a->n_tokens && k <= i + 4 && tok_cap(c, k); k++)
        if (tok_lex(c, k) & (KG_LEX_ORG_SUFFIX | KG_LEX_ORG_WORD | KG_LEX_PLACE_WORD)) return 0;
    /* only before a word that is a name on its own ("Bernoulli"), not before another common
     * word ("Acme Widgets grew": a company named with common words) */
    if (i + 1 >= c->a->n_tokens || !tok_cap(c, i + 1)) return 0;
    size_t k = i + 1;
    return ((tok_dict(c, k) & KG_LEX_PROPER) && !(tok_dict(c, k) & KG_LEX_COMMON)) ||
           (tok_lex(c, k) & (KG_LEX_GIVEN | KG_LEX_PLACE));
}

/* Could token i (at position pos of its sentence) be part of a proper name? */
static int name_token(const ner_ctx *c, size_t i, int sentence_start)
{
    int upos = tok_upos(c, i);
    if (!tok_has_alpha(c, i)) return 0;
    /* "WHO", "US": known acronyms whatever the tagger says */
    if (tok_acronym(c, i) && (tok_lex(c, i) & (KG_LEX_ORG | KG_LEX_PLACE))) return 1;
    switch (upos) {
    case KG_UPOS_PUNCT: case KG_UPOS_SYM:
        return 0;
    case KG_UPOS_DET: case KG_UPOS_ADP: case KG_UPOS_CCONJ: case KG_UPOS_SCONJ: case KG_UPOS_PRON:
    case KG_UPOS_AUX: case KG_UPOS_PART: case KG_UPOS_INTJ:
        /* a closed-class tag on an unknown capitalised word ("Theodorus"/DET) is the tagger's
         * guess; real function words are in the lexicon */
        /* "an injury to Will Middlebrooks": a given name that is also a function word, inside
         * a sentence and before a proper noun */
        if (tok_cap(c, i) && (tok_lex(c, i) & KG_LEX_GIVEN) && !sentence_start && i + 1 < c->a->n_tokens &&
            tok_cap(c, i + 1) && tok_has_alpha(c, i + 1) && tok_space_before(c, i + 1) && !c->in_headline &&
            !(kg_lex_lookup_lower(c->ner, tok_s(c, i + 1), tok_n(c, i + 1)) & KG_LEX_FUNCTION)) {
            upos = KG_UPOS_PROPN;
            break;
        }
        if (!tok_cap(c, i) || (kg_lex_lookup_lower(c->ner, tok_s(c, i), tok_n(c, i)) & KG_LEX_FUNCTION) ||
            tok_n(c, i) < 3)
            return 0;
        upos = KG_UPOS_NOUN;
        break;
    default:
        break;
    }
    if (tok_is(c, i, "I")) return 0;
    /* "the West", "into the North": a region */
    if (i > 0 && tok_is_ci(c, i - 1, "the") && tok_cap(c, i) && !c->in_headline &&
        (tok_is(c, i, "North") || tok_is(c, i, "South") || tok_is(c, i, "East") || tok_is(c, i, "West")) &&
        !(i + 1 < c->a->n_tokens && tok_cap(c, i + 1)))
        return 1;
    /* "Internet" alone is a common noun, "Internet Explorer" a name */
    if (tok_in(c, i, never_names) &&
        !(i + 1 < c->a->n_tokens && tok_cap(c, i + 1) && tok_space_before(c, i + 1) &&
          tok_upos(c, i + 1) == KG_UPOS_PROPN && !tok_in(c, i + 1, never_names)))
        return 0;
    /* "WHO" and "US" are names, "NOW" and "THEREFORE" are shouting */
    if (!tok_lex(c, i) && (kg_lex_lookup_lower(c->ner, tok_s(c, i), tok_n(c, i)) & KG_LEX_FUNCTION))
        return 0;
    if (!tok_cap(c, i)) {
        /* "iPhone", "eBay": lower-case first letter, a capital inside, tagged a proper noun */
        if (upos != KG_UPOS_PROPN) return 0;
        const char *s = tok_s(c, i);
        for (size_t k = 1; k < tok_n(c, i); k++)
            if (s[k] >= 'A' && s[k] <= 'Z') return 1;
        return 0;
    }
    /* "Together Bernoulli and Euler ...": a word opening a sentence that English writes in
     * lower case is no name, whatever the tagger says, unless the document capitalises it
     * elsewhere */
    if (upos == KG_UPOS_PROPN && sentence_start && lower_only_opener(c, i) && !c->in_headline) return 0;
    if (upos == KG_UPOS_PROPN) return 1;
    unsigned lex = tok_lex(c, i);
    /* after a citation mark or a full stop the tagger missed as a sentence end: "[22] Most ..." */
    if (!sentence_start && i > 0 && (tok_is(c, i - 1, "]") || tok_is(c, i - 1, ".")) &&
        (lex & ~(unsigned)(KG_LEX_CITY | KG_LEX_REGION)) == 0 && (lex & (KG_LEX_CITY | KG_LEX_REGION)) &&
        (tok_dict(c, i) & KG_LEX_COMMON) && !known_name(c, i) && i + 1 < c->a->n_tokens && !tok_cap(c, i + 1))
        return 0;
    if (sentence_start && (lex & ~(unsigned)(KG_LEX_CITY | KG_LEX_REGION)) == 0 && (lex & (KG_LEX_CITY | KG_LEX_REGION)) &&
        (tok_dict(c, i) & KG_LEX_COMMON) && !known_name(c, i))
        return 0; /* "Most ..." (a Czech town), "Split ..." */
    if (sentence_start)
        return (lex & (KG_LEX_PLACE | KG_LEX_GIVEN | KG_LEX_TITLE | KG_LEX_ORG)) || tok_acronym(c, i) ||
               tok_camel(c, i) || known_name(c, i) || unknown_subject(c, i) ||
               /* "Muslims are required ...": a people's plural opening a sentence */
               ((lex & KG_LEX_DEMONYM) && tok_last(c, i) == 's' && i + 1 < c->a->n_tokens &&
                (tok_upos(c, i + 1) == KG_UPOS_VERB || tok_upos(c, i + 1) == KG_UPOS_AUX));
    if (upos == KG_UPOS_NUM) return 0;
    /* "gave Mohamed the option" (tagged VBN): a given name, or a word English does not write in
     * lower case, is a name whatever the tagger says */
    if (upos == KG_UPOS_VERB || upos == KG_UPOS_ADV)
        return tok_acronym(c, i) || (lex & (KG_LEX_PLACE | KG_LEX_GIVEN | KG_LEX_ORG)) ||
               /* "LA Weekly" (Weekly/RB): the kind of a body after a name */
               ((lex & (KG_LEX_ORG_WORD | KG_LEX_ORG_SUFFIX)) && i > 0 && tok_cap(c, i - 1) && tok_space_before(c, i)) ||
               (tok_dict(c, i) & KG_LEX_PROPER) ||
               (!(tok_dict(c, i) & KG_LEX_COMMON) && !kg_lex_lookup_lower(c->ner, tok_s(c, i), tok_n(c, i)) &&
                tok_has_alpha(c, i) && tok_n(c, i) >= 3 && !c->in_headline);
    return 1; /* capitalised NOUN / ADJ / X inside a sentence */
}

/* The lexicon categories of the span's text tokens [first, first+n) joined with single spaces. */
static unsigned span_lex(const ner_ctx *c, size_t first, size_t n)
{
    if (n == 1) return tok_lex(c, first);
    const char *s = c->a->text + c->a->tokens[first].start;
    size_t len = c->a->tokens[first + n - 1].end - c->a->tokens[first].start;
    char tmp[256];
    if (len >= sizeof tmp) return 0;
    size_t m = 0;
    int space = 0;
    for (size_t k = 0; k < len; k++) {
        char ch = s[k];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = 1;
            continue;
        }
        if (space && m) tmp[m++] = ' ';
        space = 0;
        tmp[m++] = ch;
    }
    return kg_lex_lookup(c->ner, tmp, m);
}

static const char *const say_lemmas[] = {
    "said", "says", "say", "told", "tells", "added", "adds", "explained", "noted", "wrote",
    "writes", "argued", "stated", "claimed", "recalled", "asked", "replied", "believes",
    "believed", "thinks", "thought", "who", "whom", "himself", "herself", NULL};
static const char *const personal_pronouns[] = {"his", "her", "himself", "herself", NULL};
static const char *const person_things[] = {
    "wife", "husband", "mother", "father", "son", "daughter", "brother", "sister", "parents",
    "children", "family", "life", "death", "birth", "career", "childhood", "funeral", "grave",
    "memoirs", "biography", "girlfriend", "boyfriend", "widow", "friend", "friends", "uncle", "aunt",
    "grandfather", "grandmother", "body", "health", "mind", "youth", "marriage", NULL};
static const char *const org_things[] = {
    "ceo", "employees", "staff", "shares", "shareholders", "headquarters", "website", "products",
    "subsidiary", "board", "stock", "revenue", "profits", "customers", "executives", "spokesman",
    "spokeswoman", "spokesperson", "members", "president", "chairman", "founder", "founders", NULL};
static const char *const person_verbs[] = {
    "born", "died", "married", "studied", "graduated", "retired", "resigned", "starred", "played",
    "composed", "painted", "wrote", "married", "smiled", "laughed", "replied", "insisted", NULL};
static const char *const place_preps[] = {
    "in", "near", "across", "throughout", "outside", "inside", "around", "to", "from", NULL};

/* "Linguistics", "Psychology", "Freemasonry", "Methodology": fields and doctrines, not names. */
static int is_field_word(const char *s, size_t n)
{
    static const char *const endings[] = {"ology", "ics", "ism", "graphy", "sophy", "onomy", "istry", "ry"};
    for (size_t k = 0; k < sizeof endings / sizeof *endings; k++) {
        size_t m = strlen(endings[k]);
        if (n > m + 3 && !memcmp(s + n - m, endings[k], m)) {
            if (m == 2) /* "-ry": only "...stry", "...nry" (Chemistry, Freemasonry), "History" */
                return (n >= 5 && (!memcmp(s + n - 4, "stry", 4) || !memcmp(s + n - 4, "onry", 4) ||
                                   !memcmp(s + n - 4, "tory", 4)));
            return 1;
        }
    }
    return 0;
}

static const char *const compass_words[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper", "lower",
    "central", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
    "south-east", "south-west", NULL};

/* the words before ":" in a caption's credit: "Image: Jane Doe", "Photo: Reuters" */
static const char *const credit_words[] = {
    "image", "images", "photo", "photos", "photograph", "audio", "video", "credit", "source", "picture", NULL};

/* before a company's name: "would buy Zorvex", "acquired Figma" */
static const char *const acquire_verbs[] = {
    "buy", "buys", "buying", "bought", "acquire", "acquires", "acquiring", "acquired", "takeover",
    "merge", "merged", NULL};
static const char *const stake_words[] = {"stake", "shares", "investment", "invested", "invest", "invests", NULL};

/* before "with": a person met or talked with, not a body played or worked with */
static const char *const meet_verbs[] = {
    "met", "meet", "meets", "meeting", "spoke", "speaks", "speaking", "talked", "talks", "talking",
    "chatted", "married", "dated", "argued", "agreed", "sided", "clashed", "sat", "dined", "shook",
    "hands", "conversation", "interview", "meetings", "talks", NULL};

static const char *const scriptures[] = {
    "bible", "bibles", "gospel", "gospels", "psalms", "psalter", "koran", "quran", "qur'an", "torah",
    "talmud", "vulgate", "septuagint", "vedas", "upanishads", "scripture", "scriptures", "apocrypha", NULL};

static const char *const compass_caps[] = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", NULL};

static const char *const org_modified[] = {
    "officials", "official", "spokesman", "spokeswoman", "spokesperson", "website", "homepage",
    "headquarters", "employees", "staff", "executives", "members", "attorney", "attorneys", "lawyers",
    "reporter", "reporters", "subsidiary", "shareholders", "leadership", "management", NULL};
static const char *const org_heads[] = {
    "members", "member", "officials", "founder", "founders", "spokesman", "spokeswoman",
    "spokesperson", "employees", "employee", "shareholders", "chairman", "chairwoman", "attorney",
    "lawyer", "lawyers", "headquarters", "subsidiary", "staff", "executives", NULL};
static const char *const motion_verbs[] = {
    "moved", "returned", "travelled", "traveled", "went", "came", "emigrated", "fled", "relocated",
    "sailed", "flew", "move", "return", "travel", "moving", "returning", "travelling", "traveling",
    "deported", "exiled", "transferred", "immigrated", NULL};

/* "the town of X", "a native of X": what comes after them and "of" is a place */
static const char *const place_of_words[] = {
    "municipality", "Municipality", "border", "borders", "resident", "residents", "native", "natives",
    "outskirts", "suburbs", "suburb", "capital", "desert", "coast", "shores", "mayor", NULL};
static const char *const said_forms[] = {
    "said", "says", "added", "explained", "noted", "continued", "wrote", "told", "argued", "asked", NULL};
/* The kind of a place that is the place itself: "Jersey City" is no place inside a city. */
static const char *const town_words[] = {
    "city", "town", "township", "village", "county", "state", "province", "district", "island",
    "islands", "republic", "borough", "municipality", "parish", "prefecture", "peninsula", NULL};

/* Context that makes a name an organisation: "Scientology officials", "members of
 * Scientology", "a spokesman for X". */
/* What only a business does to its subject: "Lumora unveiled ...", "Halvorsen acquired ...". */
static const char *const org_subject_verbs[] = {
    "acquired", "acquires", "acquire", "unveiled", "unveils", "employs", "employed", "partnered",
    "partners", "launched", "launches", "reported", "reports", "posted", "expects", "manufactures",
    "sells", "operates", "spun", NULL};
/* An apposition that describes a business: "Lumora, a startup ...", "X, a maker of ...". */
static const char *const org_apposition_nouns[] = {
    "startup", "start-up", "company", "firm", "maker", "manufacturer", "retailer", "airline", "carrier",
    "bank", "lender", "insurer", "supplier", "developer", "producer", "provider", "operator", "chain",
    "conglomerate", "subsidiary", "publisher", "broadcaster", "automaker", "carmaker", "chipmaker",
    "drugmaker", "group", "journal", "newspaper", "club", NULL};

static int org_context(const ner_ctx *c, size_t first, size_t last, size_t s_first, size_t s_end)
{
    /* "Lumora unveiled its ...", "Northwind reported a ...": a business verb right after a name
     * that opens the sentence and is followed by an object (a determiner, a possessive, a number) */
    if ((first == s_first || tok_is(c, first - 1, "\xE2\x80\x94") || tok_is(c, first - 1, "--")) && last + 2 < s_end &&
        !tok_cap(c, last + 1) && tok_in(c, last + 1, org_subject_verbs) &&
        (tok_upos(c, last + 2) == KG_UPOS_DET || tok_upos(c, last + 2) == KG_UPOS_NUM ||
         tok_upos(c, last + 2) == KG_UPOS_PRON || tok_upos(c, last + 2) == KG_UPOS_ADP ||
         tok_upos(c, last + 2) == KG_UPOS_NOUN || tok_upos(c, last + 2) == KG_UPOS_SYM ||
         tok_upos(c, last + 2) == KG_UPOS_PROPN || tok_upos(c, last + 2) == KG_UPOS_ADV))
        return 1;
    /* "Lumora, a startup backed by ...", "Brightwater, a maker of ..." */
    if (last + 3 < s_end && tok_is(c, last + 1, ",") && (tok_is(c, last + 2, "a") || tok_is(c, last + 2, "an"))) {
        size_t k = last + 3;
        if (k + 1 < s_end && tok_upos(c, k) == KG_UPOS_ADJ) k++;
        if (tok_in(c, k, org_apposition_nouns)) return 1;
    }
    /* "its advertising unit, Northwind Ads": a name in apposition after a business noun */
    if (first >= s_first + 2 && tok_is(c, first - 1, ",") && !tok_cap(c, first - 2) &&
        (tok_in(c, first - 2, org_apposition_nouns) || tok_is(c, first - 2, "unit") ||
         tok_is(c, first - 2, "division") || tok_is(c, first - 2, "rival") || tok_is(c, first - 2, "parent")))
        return 1;
    /* "Shares of Northwind rose" */
    if (first >= s_first + 2 && tok_is(c, first - 1, "of") && tok_is_ci(c, first - 2, "shares")) return 1;
    if (last + 1 < s_end && !tok_cap(c, last + 1) && tok_in(c, last + 1, org_modified) &&
        !(last + 2 < s_end && (tok_is(c, last + 2, "of") || tok_possessive(c, last + 2))))
        return 1;
    if (first >= s_first + 2 && (tok_is(c, first - 1, "of") || tok_is(c, first - 1, "for")) &&
        tok_in(c, first - 2, org_heads))
        return 1;
    if (first >= s_first + 3 && tok_is(c, first - 1, "the") &&
        (tok_is(c, first - 2, "of") || tok_is(c, first - 2, "for")) && tok_in(c, first - 3, org_heads))
        return 1;
    return 0;
}

static const char *const sports_place_preps[] = {
    "in", "at", "from", "near", "across", "throughout", "into", "inside", "outside", "hosted", NULL};
static const char *const sports_opponent_verbs[] = {
    "beat", "beats", "defeated", "host", "hosts", "face", "faces", "faced", "against", "play", "plays",
    "edged", "thrashed", "drew", "visit", "visits", NULL};

/* An acronym in parentheses right after the words it abbreviates ("Reactive Oxygen Species
 * (ROS)", "source text (ST)"): the label of the name mention ending just before the
 * parenthesis, KG_LABEL_NONE when those words are no name, -1 when there is no such
 * expansion. */
static int acronym_expansion_label(const ner_ctx *c, size_t first, size_t s_first, size_t s_end)
{
    if (first < s_first + 2 || first + 1 >= s_end || !tok_is(c, first - 1, "(") || !tok_is(c, first + 1, ")"))
        return -1;
    char letters[16];
    size_t nl = 0;
    const char *s = tok_s(c, first);
    for (size_t k = 0; k < tok_n(c, first) && nl < sizeof letters; k++)
        if (s[k] >= 'A' && s[k] <= 'Z') letters[nl++] = s[k];
    if (nl < 2) return -1;
    /* match the letters from the last one back against the initials of the words before "(" */
    size_t t = first - 2, matched = 0;
    while (matched < nl) {
        if (t < s_first) return -1;
        if (tok_is(c, t, "of") || tok_is(c, t, "the") || tok_is(c, t, "and") || tok_is(c, t, "&") ||
            tok_is(c, t, "for") || tok_is(c, t, "-")) {
            if (t == s_first) return -1;
            t--;
            continue;
        }
        char ini = tok_n(c, t) ? tok_s(c, t)[0] : 0;
        if (ini >= 'a' && ini <= 'z') ini = (char)(ini - 'a' + 'A');
        if (ini != letters[nl - 1 - matched]) return -1;
        matched++;
        if (matched < nl) {
            if (t == s_first) return -1;
            t--;
        }
    }
    for (size_t m = c->n_mentions; m-- > 0;) {
        const kg_mention *x = &c->mentions[m];
        if (x->first_token + x->n_tokens == first - 1 && x->kind == KG_MENTION_NAME) return x->label;
        if (x->first_token + x->n_tokens < first - 1) break;
    }
    return KG_LABEL_NONE;
}

/* An initial: "W.", "J.K." (capitals each followed by a dot). */
static int tok_initial(const ner_ctx *c, size_t i)
{
    const char *t = tok_s(c, i);
    size_t n = tok_n(c, i);
    if (n < 2 || n % 2) return 0;
    for (size_t k = 0; k < n; k += 2)
        if (!(t[k] >= 'A' && t[k] <= 'Z') || t[k + 1] != '.') return 0;
    return 1;
}

/* Type a name span [first, first+n) of sentence [s_first, s_end): lexicons and context. */
static int type_name_inner(const ner_ctx *c, size_t first, size_t n, size_t s_first, size_t s_end,
                     unsigned char *strength)
{
    size_t last = first + n - 1;
    unsigned whole = span_lex(c, first, n);
    unsigned first_lex = tok_lex(c, first), last_lex = tok_lex(c, last);
    int has_connector = 0;
    unsigned any = 0;
    for (size_t k = first; k <= last; k++) {
        unsigned l = tok_lex(c, k);
        if (k > first) any |= l;
        if (!tok_cap(c, k) && tok_has_alpha(c, k)) has_connector = 1;
    }
    any |= first_lex;
    *strength = EV_LEXICON;
    /* scriptures are books: "the Bible", "the Gospel of Matthew", "the Psalms" */
    if (tok_in(c, first, scriptures) && !(n > 1 && !tok_is(c, first + 1, "of") &&
                                          !tok_in(c, first + 1, scriptures) && tok_cap(c, first + 1)))
        return KG_LABEL_OTHER;
    for (size_t k = first + 1; k <= last; k++)
        if (tok_is(c, k, "@")) return KG_LABEL_PRODUCT; /* "Stardust @ home": a project */
    /* "two Oscars", "Warhol's Polaroids", "the Warhol Polaroids": the plural of a brand or prize
     * named on its own elsewhere in the document is things, no body (not a common word's plural,
     * "Barstool Sports"; not a nationality's, "Russians") */
    if (n <= 2 && !whole && !tok_lex(c, last) && tok_n(c, last) > 4 && tok_last(c, last) == 's' &&
        !tok_acronym(c, last) && tok_s(c, last)[tok_n(c, last) - 2] != 's' &&
        known_str(c, tok_s(c, last), tok_n(c, last) - 1) &&
        !kg_lex_lookup(c->ner, tok_s(c, last), tok_n(c, last) - 1) &&
        !(kg_lex_dict(c->ner, tok_s(c, last), tok_n(c, last) - 1) & KG_LEX_COMMON) &&
        !(last + 1 < s_end && !tok_space_before(c, last + 1) && tok_is(c, last + 1, "'"))) { /* "the Olsens'" */
        *strength = EV_WORD;
        return KG_LABEL_OTHER;
    }
    if (whole & KG_LEX_ORG) return KG_LABEL_ORG;
    /* in a match report a country is its team ("Sweden faced South Korea", "a goal for
     * Belgium"), except where it is the place of something ("in Russia") */
    if ((whole & KG_LEX_COUNTRY) && c->sports &&
        !(first > s_first && tok_in(c, first - 1, sports_place_preps)) &&
        !(last + 1 < s_end && tok_is(c, last + 1, ",")) && !(first > s_first && tok_is(c, first - 1, ",")))
        return KG_LABEL_ORG;
    /* a country that acts ("Sweden defeated ...", "North Korea fired ...") is its state or its
     * team: an organisation */
    if ((whole & KG_LEX_COUNTRY) && last + 1 < s_end && tok_upos(c, last + 1) == KG_UPOS_VERB &&
        !tok_cap(c, last + 1) && !(first > s_first && tok_upos(c, first - 1) == KG_UPOS_ADP))
        return KG_LABEL_ORG;
    /* in a match report, the side a team plays: "Arsenal will host Chelsea", "beat Manchester
     * City"; and a town's name then "City" or "United" not after a preposition of place */
    if (c->sports && n <= 3 && first > s_first && tok_in(c, first - 1, sports_opponent_verbs) &&
        !(tok_lex(c, first) & KG_LEX_TITLE))
        return KG_LABEL_ORG;
    if (c->sports && n == 2 && (tok_lex(c, first) & (KG_LEX_CITY | KG_LEX_REGION)) &&
        (tok_is(c, last, "City") || tok_is(c, last, "United") || tok_is(c, last, "Rovers") ||
         tok_is(c, last, "Athletic") || tok_is(c, last, "Wanderers") || tok_is(c, last, "Albion")) &&
        !(first > s_first && tok_in(c, first - 1, sports_place_preps)))
        return KG_LABEL_ORG;
    if (whole & KG_LEX_PLACE) return KG_LABEL_PLACE;
    /* "St Petersburg", "St. Louis": a saint's name that is a known place, as "Saint ..." or as
     * the name after the title ("Petersburg") */
    if (n >= 2 && !has_connector &&
        (tok_is(c, first, "St") || tok_is(c, first, "St.") || tok_is(c, first, "Saint"))) {
        int place = (span_lex(c, first + 1, n - 1) & KG_LEX_PLACE) != 0;
        char tmp[128];
        size_t len = c->a->tokens[last].end - c->a->tokens[first + 1].start;
        if (!place && len + 6 < sizeof tmp) {
            memcpy(tmp, "Saint ", 6);
            memcpy(tmp + 6, c->a->text + c->a->tokens[first + 1].start, len);
            int single = 1; /* only single spaces between the words, as the lexicon writes them */
            for (size_t k = 6; k + 1 < len + 6; k++)
                if ((tmp[k] == ' ' && tmp[k + 1] == ' ') || tmp[k] == '\n' || tmp[k] == '\t') single = 0;
            if (single) place = (kg_lex_lookup(c->ner, tmp, len + 6) & KG_LEX_PLACE) != 0;
        }
        if (place) return KG_LABEL_PLACE;
        /* "St. Louis Cardinals", "St Kilda Football Club": a body named after a saint's town */
        if (n >= 3 && (span_lex(c, first, 2) & KG_LEX_PLACE) && !(tok_lex(c, last) & KG_LEX_PLACE_WORD))
            return KG_LABEL_ORG;
    }
    /* "Washington, D.C." */
    if (n >= 3 && (tok_is(c, last, "D.C.") || tok_is(c, last, "DC")) && tok_is(c, last - 1, ",")) {
        *strength = EV_WORD;
        return KG_LABEL_PLACE;
    }
    /* "Smith Professor of Modern Languages", "Professor of European Studies": a chair, a role
     * and no one's name (the subject inside is found as a nested name) */
    for (size_t k = first; k < last; k++)
        if ((tok_is(c, k, "Professor") || tok_is(c, k, "Lecturer") || tok_is(c, k, "Professorship")) &&
            tok_is(c, k + 1, "of")) {
            *strength = EV_WORD;
            return KG_LABEL_OTHER;
        }
    /* "U. S.", "S. F.": spaced initials with no surname are an abbreviated place after a
     * preposition or determiner, and no person */
    if (n >= 2 && n <= 3) {
        int initials = 1;
        for (size_t k = first; k <= last; k++)
            if (!(tok_initial(c, k) && tok_n(c, k) == 2)) initials = 0;
        if (initials) {
            static const char *const before_place[] = {"of", "in", "at", "from", "to", "near", "the",
                                                       "these", "across", "throughout", NULL};
            *strength = EV_CONTEXT;
            return first > s_first && tok_in(c, first - 1, before_place) ? KG_LABEL_PLACE : KG_LABEL_OTHER;
        }
    }
    /* "Cape of Good Hope", "Gulf of Mexico", "Isle of Man": a kind of place, then "of" */
    if (n >= 3 && (first_lex & KG_LEX_PLACE_WORD) && tok_is(c, first + 1, "of") &&
        !(first_lex & (KG_LEX_ORG_WORD | KG_LEX_TITLE)) && !(any & (KG_LEX_ORG_WORD | KG_LEX_ORG_SUFFIX))) {
        *strength = EV_WORD;
        return KG_LABEL_PLACE;
    }
    /* "Southern California", "East Prussia", "Spanish Netherlands": a part of a known place */
    if (n >= 2 && !has_connector && (span_lex(c, first + 1, n - 1) & KG_LEX_PLACE) &&
        ((first_lex & KG_LEX_DEMONYM) || tok_in(c, first, compass_words))) {
        *strength = EV_WORD;
        return KG_LABEL_PLACE;
    }
    *strength = EV_CONTEXT;
    /* "the Church", "the Sea", "the President": a capitalised common noun after "the" */
    int after_the = first > s_first && tok_is_ci(c, first - 1, "the") && first - 1 != s_first - 1;
    if (n == 1 && after_the && tok_cap(c, first) && first > s_first) {
        if (whole & KG_LEX_TITLE) return KG_LABEL_PERSON;
        if (whole & KG_LEX_ORG_WORD) return KG_LABEL_ORG;
        if (whole & KG_LEX_PLACE_WORD) return KG_LABEL_PLACE;
    }
    /* "Arabs", "Muslims": groups of people; not "a Swiss mathematician" */
    if (n == 1 && (whole & KG_LEX_DEMONYM) && tok_last(c, first) == 's' &&
        !(last + 1 < s_end && !tok_cap(c, last + 1) &&
          (tok_upos(c, last + 1) == KG_UPOS_NOUN || tok_upos(c, last + 1) == KG_UPOS_ADJ)))
        return KG_LABEL_PERSON;
    /* "Afghans", "Bangladeshis": the plural of a nationality the lexicon knows in the singular */
    if (n == 1 && !whole && tok_n(c, first) > 3 && tok_last(c, first) == 's' &&
        (kg_lex_lookup(c->ner, tok_s(c, first), tok_n(c, first) - 1) & KG_LEX_DEMONYM))
        return KG_LABEL_PERSON;
    *strength = EV_LEXICON;
    if (n == 1 && (whole & KG_LEX_DEMONYM)) return KG_LABEL_NONE;
    if (n == 1 && (whole & KG_LEX_TITLE)) return KG_LABEL_NONE;
    if (n == 1 && (whole & (KG_LEX_ORG_WORD | KG_LEX_PLACE_WORD | KG_LEX_ORG_SUFFIX))) return KG_LABEL_NONE;
    if (whole & KG_LEX_EVENT_WORD) return KG_LABEL_EVENT; /* "Olympics", "World Cup" */
    if (n >= 2 && (first_lex & KG_LEX_EVENT_WORD) && !(any & KG_LEX_ORG_WORD))
        return KG_LABEL_EVENT; /* "Hurricane Katrina", "Battle of Hastings" */
    if (n == 1 && is_field_word(tok_s(c, first), tok_n(c, first))) {
        /* "Scientology officials": a doctrine's organisation */
        if (org_context(c, first, last, s_first, s_end)) {
            *strength = EV_CONTEXT;
            return KG_LABEL_ORG;
        }
        return KG_LABEL_OTHER;
    }
    if (n == 1 && (whole & (KG_LEX_MONTH | KG_LEX_WEEKDAY))) return KG_LABEL_NONE;
    *strength = EV_WORD;
    if (!has_connector && n >= 2 && (last_lex & KG_LEX_PLACE_WORD) && !(last_lex & KG_LEX_TITLE))
        return KG_LABEL_PLACE; /* "Emperor Norton Bridge" */
    /* a title leading a name: "Dr. William Glennie", "President of the Society" */
    int saint = tok_is(c, first, "St.") || tok_is(c, first, "St") || tok_is(c, first, "Saint");
    if ((first_lex & KG_LEX_TITLE) && n >= 2 && !(last_lex & KG_LEX_TITLE) &&
        !(n == 2 && (last_lex & (KG_LEX_ORG_WORD | KG_LEX_ORG_SUFFIX))) && /* "Major League" */
        !(saint && (any & (KG_LEX_ORG_WORD | KG_LEX_PLACE_WORD))))
        return KG_LABEL_PERSON;
    if (n >= 3 && (tok_lex(c, first + 1) & KG_LEX_TITLE) && (first_lex & (KG_LEX_TITLE | KG_LEX_ORG_WORD)) == 0 &&
        tok_cap(c, first) && !(last_lex & KG_LEX_TITLE) && !(any & KG_LEX_ORG_WORD) &&
        (tok_is(c, first, "Prime") || tok_is(c, first, "Vice") || tok_is(c, first, "Vice-")))
        return KG_LABEL_PERSON;
    if (last_lex & KG_LEX_ORG_SUFFIX) return KG_LABEL_ORG;
    /* a title inside: "US President Barack Obama", "Pennsylvania Senator Rick Santorum" */
    if (n >= 3 && !has_connector && !(any & KG_LEX_ORG_WORD)) {
        for (size_t k = first + 1; k + 1 <= last; k++)
            if ((tok_lex(c, k) & KG_LEX_TITLE) && !(tok_lex(c, k + 1) & KG_LEX_TITLE) && tok_cap(c, k + 1) &&
                !(tok_lex(c, last) & (KG_LEX_PLACE_WORD | KG_LEX_EVENT_WORD)))
                return KG_LABEL_PERSON;
    }
    if ((last_lex & KG_LEX_PLACE_WORD) && n >= 2) return KG_LABEL_PLACE;
    if ((first_lex & KG_LEX_PLACE_WORD) && n >= 2 && (tok_is(c, first, "Mount") || tok_is(c, first, "Lake") ||
                                                      tok_is(c, first, "Mt.") || tok_is(c, first, "Fort")))
        return KG_LABEL_PLACE;
    if ((last_lex & KG_LEX_EVENT_WORD) && n >= 2) return KG_LABEL_EVENT;
    /* "Tanya Chan of the Civic Party", "Lee Cheuk-yan of the Labour Party": two or three plain
     * capitalised words (a person's name) before "of" and an organisation */
    if (has_connector && !(first_lex & ~(unsigned)KG_LEX_GIVEN)) {
        size_t k = first, words = 0;
        int plain = 1;
        for (; k <= last && !tok_is(c, k, "of"); k++) {
            if (!tok_space_before(c, k) && k > first) continue; /* glued: "Cheuk-yan" */
            if (!tok_cap(c, k) || (tok_lex(c, k) & ~(unsigned)KG_LEX_GIVEN)) plain = 0;
            words++;
        }
        if (plain && k < last && words >= 2 && words <= 3) return KG_LABEL_PERSON;
    }
    if (any & KG_LEX_ORG_WORD) return KG_LABEL_ORG;
    /* "W. W. Rouse Ball", "J. K. Rowling": initials then a surname */
    if (n >= 2 && !has_connector && tok_initial(c, first) && !(first_lex & (KG_LEX_PLACE | KG_LEX_ORG)) &&
        tok_cap(c, last) && !tok_initial(c, last) && !(last_lex & ~(unsigned)KG_LEX_GIVEN))
        return KG_LABEL_PERSON;
    /* a company's name then more: "Microsoft Azure", "Google Cloud", "Apple Watch" */
    if (n >= 2 && n <= 4 && !has_connector && (first_lex & KG_LEX_ORG) && !(tok_lex(c, first + 1) & KG_LEX_ORG))
        return KG_LABEL_PRODUCT;
    if (n >= 2 && !has_connector && !(first_lex & (KG_LEX_GIVEN | KG_LEX_TITLE))) {
        /* a place then more words: "Boston Red Sox", "San Francisco Bulletin", "Houston Astros";
         * but a town's name then a surname is a person: "Paris Hilton", "Isabel Ruiz" (a second
         * word that is no English word, not a plural, nothing the lexicon knows) */
        if (n == 2 && (first_lex & (KG_LEX_CITY | KG_LEX_REGION)) && !(first_lex & KG_LEX_COUNTRY) &&
            !tok_lex(c, last) && !(tok_dict(c, last) & KG_LEX_COMMON) && tok_last(c, last) != 's' &&
            !tok_acronym(c, last) && tok_has_alpha(c, last) && tok_space_before(c, last))
            return KG_LABEL_PERSON;
        for (size_t k = 1; k < n && k <= 3; k++)
            if (span_lex(c, first, k) & KG_LEX_PLACE) return KG_LABEL_ORG;
    }
    if (n >= 2 && (tok_lex(c, first) & KG_LEX_DEMONYM) && !(any & KG_LEX_GIVEN) && n <= 3 &&
        !has_connector)
        return KG_LABEL_OTHER; /* "American Express"? rare; "French Revolution" etc. */
    /* "11 RBI", "3 MW": an acronym counted by a number is a unit or a statistic */
    if (n == 1 && tok_acronym(c, first) && first > s_first && tok_upos(c, first - 1) == KG_UPOS_NUM &&
        !tok_year(c, first - 1) && tok_number(c, first - 1) && !(first_lex & (KG_LEX_ORG | KG_LEX_PLACE)) &&
        !(last + 1 < s_end && tok_possessive(c, last + 1))) {
        *strength = EV_WORD;
        return KG_LABEL_OTHER;
    }
    /* "a HUGE collector": an English word in capitals is shouting, no acronym */
    if (n == 1 && tok_acronym(c, first) && tok_n(c, first) >= 4 && !first_lex &&
        (tok_dict(c, first) & KG_LEX_COMMON)) {
        const char *t = tok_s(c, first);
        int letters = 1;
        for (size_t k = 0; k < tok_n(c, first); k++)
            if (!(t[k] >= 'A' && t[k] <= 'Z')) letters = 0;
        if (letters) {
            *strength = EV_WORD;
            return KG_LABEL_NONE;
        }
    }
    if (n == 1 && tok_acronym(c, first)) {
        /* "Reactive Oxygen Species (ROS)", "source text (ST)": what the words spelled out are */
        int spelled = acronym_expansion_label(c, first, s_first, s_end);
        if (spelled >= 0) {
            *strength = EV_WORD;
            return spelled == KG_LABEL_NONE ? KG_LABEL_OTHER : spelled;
        }
        /* "IE6", "PS4": a version number makes a product */
        char lastch = tok_last(c, first);
        if (lastch >= '0' && lastch <= '9') {
            *strength = EV_CONTEXT;
            return KG_LABEL_PRODUCT;
        }
        *strength = EV_CONTEXT;
        return KG_LABEL_ORG;
    }
    if (n == 1) {
        /* "YouTube", "LibriVox", "eBay": a capital inside a word is a brand; one written
         * lower case first ("iPhone", "wikiHow", "eHow") names a product or a site, rarely
         * the company (the known ones, "eBay", are in the lexicon) */
        const char *t = tok_s(c, first);
        size_t tn = tok_n(c, first);
        if (tn >= 3 && t[0] >= 'a' && t[0] <= 'z' && tok_camel(c, first)) {
            *strength = EV_WORD;
            return KG_LABEL_PRODUCT;
        }
        for (size_t k = 1; k + 1 < tn; k++)
            if (t[k] >= 'A' && t[k] <= 'Z' && t[k - 1] >= 'a' && t[k - 1] <= 'z' && t[k + 1] >= 'a' &&
                t[k + 1] <= 'z' && !(k == 2 && t[0] == 'M' && t[1] == 'c')) {
                *strength = EV_CONTEXT;
                return KG_LABEL_ORG;
            }
    }
    if (n >= 2 && (first_lex & KG_LEX_GIVEN) && !has_connector) return KG_LABEL_PERSON;
    if (n == 1 && (first_lex & KG_LEX_GIVEN)) {
        *strength = EV_CONTEXT;
        return KG_LABEL_PERSON;
    }
    /* "the chipmaker Zorvex said", "carmaker Voltan", "the British startup Graphcore", "its
     * partner Microsoft": a kind of organisation right before the name, a lowercase noun in
     * the same phrase, outweighs a verb of saying after it */
    if (first > s_first && tok_upos(c, first - 1) == KG_UPOS_NOUN && !tok_cap(c, first - 1) &&
        (kg_lex_lookup_lower(c->ner, tok_s(c, first - 1), tok_n(c, first - 1)) & KG_LEX_NOM_ORG)) {
        *strength = EV_WORD;
        return KG_LABEL_ORG;
    }
    /* "would buy Zorvex", "acquired Figma", "a stake in Quorbit": a company */
    if (n == 1 && first > s_first && !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first) &&
        (tok_in(c, first - 1, acquire_verbs) ||
         (first > s_first + 1 && tok_is(c, first - 1, "in") && tok_in(c, first - 2, stake_words))) &&
        !(last + 1 < s_end && tok_possessive(c, last + 1))) {
        *strength = EV_CONTEXT;
        return KG_LABEL_ORG;
    }
    /* context */
    *strength = EV_CONTEXT;
    size_t next = last + 1;
    if (next < s_end && tok_possessive(c, next)) next++;
    if (next < s_end && tok_in(c, next, say_lemmas) && last + 1 == next) return KG_LABEL_PERSON;
    if (last + 1 < s_end && tok_in(c, last + 1, person_verbs)) return KG_LABEL_PERSON;
    /* "Byron's mother", "Google's headquarters": what the possessor has */
    if (last + 2 < s_end && tok_possessive(c, last + 1)) {
        size_t k = last + 2;
        if (k + 1 < s_end && tok_upos(c, k) == KG_UPOS_ADJ) k++;
        if (tok_in(c, k, person_things)) return KG_LABEL_PERSON;
        if (tok_in(c, k, org_things)) return KG_LABEL_ORG;
    }
    /* "Byron received his education", "Curie, who ... her": a personal pronoun soon after */
    for (size_t k = last + 1; k < s_end && k <= last + 4 && first <= s_first + 1; k++) {
        if (tok_upos(c, k) == KG_UPOS_PROPN || tok_is(c, k, ".") || tok_is(c, k, ";")) break;
        if (tok_in(c, k, personal_pronouns)) return KG_LABEL_PERSON;
    }
    if (last + 2 < s_end && (tok_is(c, last + 1, "was") || tok_is(c, last + 1, "had")) &&
        tok_in(c, last + 2, person_verbs))
        return KG_LABEL_PERSON;
    /* "published in The Lancet", "a report by The Guardian": a capital "The" inside a sentence
     * opens the name of a publication or a body, no place (a place's name known to the lexicon
     * is typed before this: "The Hague") */
    if (first > s_first + 1 && tok_is(c, first - 1, "The") && !(tok_lex(c, last) & KG_LEX_PLACE_WORD) &&
        !(any & (KG_LEX_PLACE | KG_LEX_GIVEN)))
        return KG_LABEL_ORG;
    if (first > s_first) {
        size_t prev = first - 1;
        /* "chief executive Satya Nadella", "CEO Sam Altman" */
        if (kg_lex_lookup_lower(c->ner, tok_s(c, prev), tok_n(c, prev)) & KG_LEX_ROLE &&
            tok_upos(c, prev) != KG_UPOS_PROPN && !tok_cap(c, prev))
            return KG_LABEL_PERSON;
        /* "the town of Yeoncheon", "a resident of Evansville", "the border of Dalmatia" */
        if (tok_is(c, prev, "of") && prev > s_first && !(last + 1 < s_end && tok_possessive(c, last + 1)) &&
            (tok_in(c, prev - 1, place_of_words) ||
             (tok_in(c, prev - 1, town_words) && !tok_cap(c, prev - 1))))
            return KG_LABEL_PLACE;
        /* "..., said Mauer." : the speaker after a verb of saying */
        if (n <= 3 && tok_in(c, prev, said_forms) && !tok_cap(c, prev) && last + 1 < s_end &&
            (tok_is(c, last + 1, ",") || tok_is(c, last + 1, ".")) && prev > s_first &&
            (tok_is(c, prev - 1, ",") || tok_is(c, prev - 1, "\"") || tok_is(c, prev - 1, "\xE2\x80\x9D")))
            return KG_LABEL_PERSON;
        if (!(last + 1 < s_end && tok_possessive(c, last + 1)) &&
            tok_in(c, prev, place_preps) && (tok_is_ci(c, prev, "in") || tok_is_ci(c, prev, "near") ||
                                             tok_is_ci(c, prev, "across") || tok_is_ci(c, prev, "throughout")))
            return KG_LABEL_PLACE;
        /* "at X": school, company or place alike: no evidence */
    }
    if (org_context(c, first, last, s_first, s_end)) {
        *strength = EV_WORD; /* outweighs a few person guesses ("Wikinews interviewed") */
        return KG_LABEL_ORG;
    }
    if (first >= s_first + 2 && tok_is_ci(c, first - 1, "to") && !(last + 1 < s_end && tok_possessive(c, last + 1))) {
        /* "moved to Vichy", "moved south to Vichy", "travelled with Bonosus to Gaul" */
        for (size_t k = first - 2, seen = 0; k >= s_first && seen < 4; k--, seen++) {
            if (tok_upos(c, k) == KG_UPOS_PUNCT || tok_is(c, k, "to")) break;
            if (tok_in(c, k, motion_verbs)) return KG_LABEL_PLACE;
            if (k == s_first) break;
        }
    }
    if (last + 2 < s_end && tok_is(c, last + 1, ",") && (tok_is(c, last + 2, "who") || tok_is(c, last + 2, "whose")))
        return KG_LABEL_PERSON; /* "Galois, who ..." */
    /* "X, the company's ..." / "X, a spokesman" */
    if (last + 2 < s_end && tok_is(c, last + 1, ",") &&
        (tok_is_ci(c, last + 2, "a") || tok_is_ci(c, last + 2, "an") || tok_is_ci(c, last + 2, "the"))) {
        for (size_t k = last + 3; k < s_end && k < last + 6; k++) {
            unsigned l = kg_lex_lookup_lower(c->ner, tok_s(c, k), tok_n(c, k));
            if (l & KG_LEX_NOM_ORG) return KG_LABEL_ORG;
            if (l & (KG_LEX_ROLE | KG_LEX_NOM_PERSON)) return KG_LABEL_PERSON;
            if (l & KG_LEX_NOM_PLACE) return KG_LABEL_PLACE;
        }
    }
    if (has_connector) {
        /* "Leung Yiu-chung of NWSC", "Alexander Gordon of Auchintoul": a person's name (a given
         * name, or two plain capitalised words) before "of"; "Pierre Caron de Beaumarchais":
         * only name particles inside */
        size_t k = first, only_particles = 1;
        while (k <= last && tok_cap(c, k)) k++;
        for (size_t q = first; q <= last; q++)
            if (!tok_cap(c, q) && tok_has_alpha(c, q) && !tok_in(c, q, name_particles)) only_particles = 0;
        int plain = 1;
        for (size_t q = first; q < k; q++)
            if (tok_lex(c, q) & ~(unsigned)KG_LEX_GIVEN) plain = 0;
        if (only_particles && (first_lex & KG_LEX_GIVEN)) return KG_LABEL_PERSON;
        if (k > first && k <= last && tok_is(c, k, "of") && plain &&
            ((first_lex & KG_LEX_GIVEN) || k - first >= 2))
            return KG_LABEL_PERSON;
    }
    *strength = EV_GUESS;
    /* "the Onion", "the Sea Org", "The New York Times": people rarely take an article */
    if (first > s_first && tok_is_ci(c, first - 1, "the") &&
        !(last + 1 < s_end && tok_upos(c, last + 1) == KG_UPOS_NOUN)) { /* not "the Britney Spears story" */
        /* "buried in the Foreign Quarter", "a journey through the Allier": a place */
        if (first > s_first + 1 && (tok_is_ci(c, first - 2, "in") || tok_is_ci(c, first - 2, "into") ||
                                    tok_is_ci(c, first - 2, "through") || tok_is_ci(c, first - 2, "near") ||
                                    tok_is_ci(c, first - 2, "throughout") || tok_is_ci(c, first - 2, "across") ||
                                    tok_is_ci(c, first - 2, "to") || tok_is_ci(c, first - 2, "from") || tok_is_ci(c, first - 2, "at")))
            return KG_LABEL_PLACE;
        return KG_LABEL_ORG;
    }
    if (n >= 2 && n <= 3 && !has_connector && !(any & ~(unsigned)KG_LEX_GIVEN)) {
        /* "Creative Commons", "Barstool Sports": words English writes in lower case, no given
         * name among them, are no one's name; a plural at the end names a body */
        int common = !(any & KG_LEX_GIVEN);
        for (size_t k = first; k <= last && common; k++)
            if (!(tok_dict(c, k) & KG_LEX_COMMON) || (tok_dict(c, k) & KG_LEX_PROPER)) common = 0;
        /* a plural of a common word at the end ("Commons", "Sports"): a body, not a surname */
        int plural = !(any & KG_LEX_GIVEN) && tok_last(c, last) == 's' && tok_n(c, last) > 4 &&
                     !(tok_dict(c, last) & KG_LEX_PROPER) &&
                     /* "Britney Spears": after a word English writes only as a name, a surname */
                     !((tok_dict(c, first) & KG_LEX_PROPER) && !(tok_dict(c, first) & KG_LEX_COMMON)) &&
                     ((tok_dict(c, last) & KG_LEX_COMMON) ||
                      (kg_lex_dict(c->ner, tok_s(c, last), tok_n(c, last) - 1) & KG_LEX_COMMON));
        if (plural) return KG_LABEL_ORG;
        if (common) return KG_LABEL_OTHER;
        return KG_LABEL_PERSON;
    }
    /* "Shane Dawson", "Carly Houston": a first name the dictionary knows as a name, then a
     * surname that is also a town somewhere */
    if (n == 2 && !has_connector && !first_lex && (tok_dict(c, first) & KG_LEX_PROPER) &&
        !(tok_dict(c, first) & KG_LEX_COMMON) && (last_lex & (KG_LEX_CITY | KG_LEX_REGION)) &&
        !(last_lex & ~(unsigned)(KG_LEX_CITY | KG_LEX_REGION | KG_LEX_GIVEN)) && tok_space_before(c, last))
        return KG_LABEL_PERSON;
    if (n >= 2 && !has_connector) return KG_LABEL_OTHER;
    if (has_connector) return KG_LABEL_ORG;
    /* "came from Herat": a lone unknown name after "from" is most often a place */
    if (first > s_first && tok_is_ci(c, first - 1, "from") && !(last + 1 < s_end && tok_possessive(c, last + 1)))
        return KG_LABEL_PLACE;
    if (n == 1 && first > s_first && !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first) &&
        !(last + 1 < s_end && tok_possessive(c, last + 1))) {
        /* "a conference at Azov", "teaching at Tsinghua": a place (or what stands there) */
        if (tok_is_ci(c, first - 1, "at")) return KG_LABEL_PLACE;
        /* "by Cruse and Croft", "a novel by Dostoyevsky": an author */
        if (tok_is_ci(c, first - 1, "by") &&
            (last + 1 >= s_end || tok_upos(c, last + 1) == KG_UPOS_PUNCT || tok_is(c, last + 1, "and")))
            return KG_LABEL_PERSON;
    }
    /* "Gorbachev agreed", "Clinton came into office": a lone name as the subject of a verb */
    if (n == 1 && last + 1 < s_end && tok_upos(c, last + 1) == KG_UPOS_VERB && !tok_cap(c, last + 1) &&
        (c->a->tokens[last + 1].xpos == c->xpos_vbd || c->a->tokens[last + 1].xpos == c->xpos_vbz) &&
        !(first > s_first && tok_upos(c, first - 1) == KG_UPOS_ADP) && !tok_acronym(c, first))
        return KG_LABEL_PERSON;
    /* "Wikinews has learned", "Quorbit had agreed": the same with a perfect tense */
    if (n == 1 && last + 2 < s_end && (tok_is(c, last + 1, "has") || tok_is(c, last + 1, "had")) &&
        tok_upos(c, last + 2) == KG_UPOS_VERB && !tok_cap(c, last + 2) &&
        !(first > s_first && tok_upos(c, first - 1) == KG_UPOS_ADP) && !tok_acronym(c, first) &&
        !(tok_dict(c, first) & KG_LEX_COMMON))
        return KG_LABEL_PERSON;
    /* "met with Pelosi", "talks with Zelensky": a person */
    if (n == 1 && first > s_first + 1 && !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first) &&
        tok_is_ci(c, first - 1, "with") && tok_in(c, first - 2, meet_verbs) &&
        !(last + 1 < s_end && tok_possessive(c, last + 1)))
        return KG_LABEL_PERSON;
    /* "opened 2012 with Altoona", "according to Quantcast": a lone unknown name after "with"
     * or "according to", not modifying a noun, is a body or a person: a body is the likelier */
    if (n == 1 && first > s_first + 1 && !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first) &&
        ((tok_is_ci(c, first - 1, "with") && !tok_in(c, first - 2, meet_verbs)) ||
         (tok_is(c, first - 1, "to") && tok_is_ci(c, first - 2, "according"))) &&
        !(last + 1 < s_end && ((tok_upos(c, last + 1) == KG_UPOS_NOUN && !tok_cap(c, last + 1)) ||
                               tok_possessive(c, last + 1))))
        return KG_LABEL_ORG;
    /* "Image: Snbehnke.": a caption's credit, one unknown word, is its author's (user) name */
    if (n == 1 && first >= s_first + 2 && tok_is(c, first - 1, ":") && tok_in(c, first - 2, credit_words) &&
        (last + 1 >= s_end || tok_is(c, last + 1, ".") || tok_is(c, last + 1, ")") || tok_is(c, last + 1, ";")) &&
        !(tok_dict(c, first) & KG_LEX_COMMON))
        return KG_LABEL_PERSON;
    /* "Platt's Music Hall", "Demosisto's Nathan Law", "O'Reilly's latest tome": a lone name
     * that owns something is someone's or some body's name; a person is the likelier */
    if (n == 1 && last + 2 < s_end && tok_possessive(c, last + 1) && !(tok_dict(c, first) & KG_LEX_COMMON) &&
        !tok_acronym(c, first) && tok_has_alpha(c, last + 2) && !c->in_headline)
        return KG_LABEL_PERSON;
    return KG_LABEL_OTHER; /* one unknown capitalised word: a name, of no known type */
}

static const char *const work_cues[] = {
    "film", "films", "movie", "comedy", "drama", "thriller", "series", "sitcom", "show", "novel",
    "book", "play", "opera", "song", "album", "single", "painting", "poem", "documentary", "column",
    "blog", "musical", "episode", "mini-serial", "miniseries", "titled", "entitled", "webcomic",
    "manga", "anime", "sculpture", "symphony", "ballet", "video", "game", "programme", "podcast",
    "novella", "memoir", "autobiography", "biography", "essay", "treatise", "story", "stories",
    "prequel", "sequel", "remake", "franchise", NULL};

/* type_name_inner, then the dictionary's word: a lone capitalised word that English writes in
 * lower case ("Image", "Career") is no name without a lexicon or a title behind it, and a run
 * of such words ("Case Grammar", "Assistant Professor") is a name of no known type. */
static int type_name_ex(const ner_ctx *c, size_t first, size_t n, size_t s_first, size_t s_end,
                        unsigned char *strength, int tentative)
{
    int label = type_name_inner(c, first, n, s_first, s_end, strength);
    if (label == KG_LABEL_NONE) return label;
    /* titles of works: "the film Chasing Liberty", "the thriller Flight of the Phoenix", "a
     * pilot titled Young MacGyver": a name of no person, organisation or place */
    if (label != KG_LABEL_OTHER && *strength < EV_LEXICON && first > s_first) {
        size_t p = first - 1;
        if ((tok_is(c, p, "the") || tok_is(c, p, "The") || tok_is(c, p, "\"") || tok_is(c, p, "\xE2\x80\x9C")) &&
            p > s_first)
            p--;
        if (!tok_cap(c, p) && tok_in(c, p, work_cues)) {
            *strength = EV_WORD;
            return KG_LABEL_OTHER;
        }
    }
    if (*strength >= EV_WORD) return label;
    size_t common = 0, words = 0;
    for (size_t k = first; k < first + n; k++) {
        if (!tok_has_alpha(c, k) || tok_in(c, k, name_particles) || tok_is(c, k, "of") ||
            tok_is(c, k, "the") || tok_is(c, k, "and") || tok_is(c, k, "for"))
            continue;
        words++;
        if ((tok_dict(c, k) & KG_LEX_COMMON) && !tok_acronym(c, k) && !tok_camel(c, k)) common++;
    }
    if (words == 0 || common < words) return label;
    if (words == 1 && n == 1) {
        /* "the Halls of Congress", "the Ghost of Failure", "The Case of Let Alone": a common
         * word the lexicon does not know, before "of", heads a title or a phrase, no name */
        if (!tok_lex(c, first) && first + 1 < s_end && tok_is(c, first + 1, "of")) return KG_LABEL_NONE;
        /* "Iodine deficiency", "Polaroid camera": a common word before a lower-case noun is
         * that noun's modifier */
        if (!tok_lex(c, first) && first + 1 < s_end && tok_upos(c, first + 1) == KG_UPOS_NOUN &&
            !(first > s_first && tok_is_ci(c, first - 1, "the")) && tok_last(c, first) != 's' &&
            /* "the Crown prosecutor", "the second Pirates player": a body's name */
            !tok_cap(c, first + 1) && tok_space_before(c, first + 1))
            return KG_LABEL_NONE;
        /* "the Church", "the West"; "Marbles" when "Jenna Marbles" is a name elsewhere
         * (EV_TENTATIVE: kg_ner_run keeps it only then) */
        if (tok_lex(c, first) || (first > s_first && tok_is_ci(c, first - 1, "the") && !c->in_headline))
            return label;
        if (!tentative) return KG_LABEL_NONE;
        *strength = EV_TENTATIVE;
        return label;
    }
    /* "buried in the Foreign Quarter", "taken to the Century City Towers": capitalised common
     * words after "in/to/at the" name a place */
    if (label == KG_LABEL_PLACE && n >= 2 && first > s_first + 1 && tok_is(c, first - 1, "the") && /* not "in The Dazzling Hour" */
        (tok_is_ci(c, first - 2, "in") || tok_is_ci(c, first - 2, "to") || tok_is_ci(c, first - 2, "at") ||
         tok_is_ci(c, first - 2, "into") || tok_is_ci(c, first - 2, "near")))
        return label;
    if (label == KG_LABEL_PERSON || label == KG_LABEL_ORG || label == KG_LABEL_PLACE) {
        *strength = EV_GUESS;
        return KG_LABEL_OTHER;
    }
    return label;
}

static int type_name(const ner_ctx *c, size_t first, size_t n, size_t s_first, size_t s_end,
                     unsigned char *strength)
{
    return type_name_ex(c, first, n, s_first, s_end, strength, 0);
}

static int is_roman(const ner_ctx *c, size_t i)
{
    static const char *const numerals[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                           "XI", "XII", "XIII", "XIV", "XV", "XVI", NULL};
    for (size_t k = 0; numerals[k]; k++)
        if (tok_is(c, i, numerals[k])) return 1;
    return 0;
}

/* In a Title Case line, a word is taken as (part of) a name only when known to be one. */
static int alpha_only(const ner_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    for (size_t k = 0; k < tok_n(c, i); k++)
        if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) return 0;
    return 1;
}

static int headline_name_token(const ner_ctx *c, size_t i)
{
    return (tok_lex(c, i) & (KG_LEX_PLACE | KG_LEX_ORG | KG_LEX_GIVEN | KG_LEX_TITLE | KG_LEX_ORG_SUFFIX)) ||
           known_name(c, i) || tok_acronym(c, i) || tok_camel(c, i) ||
           /* "Brock Holt", "by Giovanni Bellini": a word English writes only as a name */
           ((tok_dict(c, i) & KG_LEX_PROPER) && !(tok_dict(c, i) & KG_LEX_COMMON)) ||
           /* "Wikinews interviews ...": a proper noun the dictionary does not know at all */
           (tok_upos(c, i) == KG_UPOS_PROPN && !tok_dict(c, i) && tok_n(c, i) >= 4 && alpha_only(c, i) &&
            !kg_lex_lookup_lower(c->ner, tok_s(c, i), tok_n(c, i)));
}

static const char *const epithets[] = {
    "great", "elder", "younger", "conqueror", "confessor", "pious", "bald", "fat", "wise", "bold",
    "good", "terrible", "magnificent", "apostate", "lionheart", "lion", "just", "fair", "hermit", NULL};

/* Extend a name run from token i; returns its end (exclusive). */
static size_t name_run_end(const ner_ctx *c, size_t i, size_t s_first, size_t s_end)
{
    size_t j = i + 1;
    while (j < s_end && j - i < MAX_RUN_TOKENS) {
        /* "Washington State University Simon Ličen": a given name after an organisation's kind
         * starts the next name; "Captain America Image: ..." a caption word is none */
        if ((tok_lex(c, j) & KG_LEX_GIVEN) && (tok_lex(c, j - 1) & (KG_LEX_ORG_WORD | KG_LEX_ORG_SUFFIX)) &&
            j + 1 < s_end && tok_cap(c, j + 1) && tok_space_before(c, j + 1))
            break;
        if (j + 1 < s_end && tok_is(c, j + 1, ":") && (tok_dict(c, j) & KG_LEX_COMMON) && !tok_lex(c, j))
            break;
        if (name_token(c, j, 0) && !(tok_lex(c, j) & (KG_LEX_MONTH | KG_LEX_WEEKDAY)) &&
            !tok_possessive(c, j) && (!c->in_headline || headline_name_token(c, j))) {
            j++;
            continue;
        }
        /* a surname after a known given name, whatever the tagger made of it: "Brock Holt",
         * "Mark Melancon" */
        if (j == i + 1 && (tok_lex(c, i) & KG_LEX_GIVEN) && tok_cap(c, j) && tok_has_alpha(c, j) &&
            tok_space_before(c, j) && !tok_possessive(c, j) && !tok_is(c, j, "I") &&
            !(tok_lex(c, j) & (KG_LEX_MONTH | KG_LEX_WEEKDAY | KG_LEX_TITLE)) &&
            /* a capitalised function word is a surname there ("James To") when running text
             * goes on in lower case after it */
            (!(kg_lex_lookup_lower(c->ner, tok_s(c, j), tok_n(c, j)) & KG_LEX_FUNCTION) ||
             (j > s_first + 1 && j + 1 < s_end && tok_n(c, j) <= 3 && !tok_is(c, j, "I") &&
              ((!tok_cap(c, j + 1) && tok_has_alpha(c, j + 1)) || tok_is(c, j + 1, ".") || tok_is(c, j + 1, ",")))) &&
            !c->in_headline) {
            j++;
            continue;
        }
        /* epithets: "Peter the Great", "Theodore the Sanctified", "Tsar Ivan the Terrible" */
        if (tok_is(c, j, "the") && j + 1 < s_end && tok_cap(c, j + 1) && tok_has_alpha(c, j + 1) &&
            (j + 2 >= s_end || !tok_cap(c, j + 2)) && !c->in_headline &&
            (tok_upos(c, j + 1) == KG_UPOS_ADJ || tok_upos(c, j + 1) == KG_UPOS_VERB ||
             tok_in(c, j + 1, epithets)) &&
            !(tok_lex(c, j + 1) & (KG_LEX_PLACE | KG_LEX_ORG | KG_LEX_DEMONYM))) {
            int given = 0;
            for (size_t q = i; q < j; q++) given |= (tok_lex(c, q) & (KG_LEX_GIVEN | KG_LEX_TITLE)) != 0;
            if (given && j - i <= 3) {
                j += 2;
                break;
            }
        }
        /* regnal numbers: "Norton I", "Johann II", "Tsar Aleksei I" */
        if (is_roman(c, j) && (!tok_is(c, j, "I") || j + 1 >= s_end || tok_upos(c, j + 1) == KG_UPOS_PUNCT ||
                               tok_is(c, j + 1, "of"))) {
            j++;
            continue;
        }
        /* "King's College", "Children's Hospital": a common word's possessive before the
         * kind of a body or place is part of the name (not "Berkeley's Department") */
        if (tok_possessive(c, j) && j == i + 1 && j + 1 < s_end && tok_cap(c, j + 1) &&
            (tok_lex(c, j + 1) & (KG_LEX_ORG_WORD | KG_LEX_PLACE_WORD)) &&
            ((tok_dict(c, i) & KG_LEX_COMMON) || (tok_lex(c, i) & KG_LEX_TITLE)) &&
            !(tok_lex(c, i) & (KG_LEX_PLACE | KG_LEX_ORG | KG_LEX_GIVEN))) {
            j += 2;
            continue;
        }
        /* "Korean People's Army", "People's Republic of China" */
        if (tok_is(c, j - 1, "People") && tok_possessive(c, j) && j + 1 < s_end && tok_cap(c, j + 1) &&
            name_token(c, j + 1, 0)) {
            j += 2;
            continue;
        }
        /* glued pieces: "Coca-Cola", "Kwok-kin", "L'Enfant" */
        if (!tok_space_before(c, j) && j + 1 < s_end && !tok_space_before(c, j + 1) &&
            (tok_is(c, j, "-") || tok_is(c, j, "'") || tok_is(c, j, "\xE2\x80\x99") || tok_is(c, j, ".")) &&
            tok_has_alpha(c, j + 1) && !tok_utf8_punct(c, j + 1) && !tok_possessive(c, j)) {
            j += 2;
            continue;
        }
        /* "Bank of America", "University of the Arts", "AT & T", "Leonardo da Vinci" */
        int is_of = tok_is(c, j, "of") || tok_is(c, j, "for") || tok_is(c, j, "&") || tok_is(c, j, "and") ||
                    tok_in(c, j, name_particles);
        /* "Diary of ...", "History of ...", "Director of ...": a common word is no name's head */
        if (is_of && tok_is(c, j, "of") && j == i + 1 && !tok_lex(c, i) && (tok_dict(c, i) & KG_LEX_COMMON) &&
            !(tok_in(c, i, town_words) && j + 1 < s_end && tok_cap(c, j + 1))) /* "Municipality of Livorno" */
            break;
        if (is_of && !tok_cap(c, j)) {
            size_t k = j + 1;
            if (k < s_end && tok_is(c, k, "the") && (tok_is(c, j, "of") || tok_is(c, j, "for"))) k++;
            if (k < s_end && name_token(c, k, 0) && !(tok_lex(c, k) & (KG_LEX_MONTH | KG_LEX_WEEKDAY))) {
                if (tok_is(c, j, "for") || tok_is(c, j, "and")) {
                    /* only inside organisation names: "Center for ...", "Bureau of ... and ..." */
                    int org = 0, of_after_org = 0;
                    for (size_t m = i; m < j; m++) {
                        if (tok_lex(c, m) & (KG_LEX_ORG_WORD | KG_LEX_ORG_SUFFIX)) org = 1;
                        if (org && (tok_is(c, m, "of") || tok_is(c, m, "for"))) of_after_org = 1;
                    }
                    /* "the Food and Drug Administration", "the Securities and Exchange
                     * Commission": after "the", one word, "and", then capitalised words up to an
                     * organisation's word, all one name */
                    int and_org = 0;
                    if (tok_is(c, j, "and") && j == i + 1 && i > s_first && tok_is_ci(c, i - 1, "the") &&
                        k == j + 1 && !(tok_lex(c, i) & (KG_LEX_PLACE | KG_LEX_GIVEN | KG_LEX_ORG))) {
                        for (size_t m = k; m < s_end && m <= k + 2 && tok_cap(c, m) && tok_space_before(c, m); m++)
                            if (m > k && (tok_lex(c, m) & KG_LEX_ORG_WORD)) and_org = 1;
                    }
                    if (and_org) {
                        j = k + 1;
                        continue;
                    }
                    if (!org) break;
                    /* "Academy of Painting and Sculpture", "Department of Physics and Astronomy":
                     * one subject word joined to the subject of an organisation; not a second
                     * name ("University of Chicago and Harvard", "... and the Navy") */
                    if (tok_is(c, j, "and") &&
                        !(of_after_org && k == j + 1 && tok_cap(c, k) &&
                          !(tok_lex(c, k) & (KG_LEX_PLACE | KG_LEX_GIVEN | KG_LEX_ORG | KG_LEX_ORG_WORD |
                                             KG_LEX_ORG_SUFFIX | KG_LEX_TITLE | KG_LEX_PLACE_WORD)) &&
                          ((tok_dict(c, k) & KG_LEX_COMMON) || is_field_word(tok_s(c, k), tok_n(c, k))) &&
                          (k + 1 >= s_end || !tok_cap(c, k + 1) || !tok_space_before(c, k + 1))))
                        break;
                }
                j = k + 1;
                continue;
            }
        }
        /* 'Austin Shepherd "Shep" Padalecki': a nickname in quotes between a person's names */
        if (j + 3 < s_end && (tok_is(c, j, "\"") || tok_is(c, j, "\xE2\x80\x9C")) && tok_cap(c, j + 1) &&
            tok_has_alpha(c, j + 1) && (tok_is(c, j + 2, "\"") || tok_is(c, j + 2, "\xE2\x80\x9D")) &&
            !tok_space_before(c, j + 1) && !tok_space_before(c, j + 2) && tok_space_before(c, j + 3) &&
            tok_cap(c, j + 3) && name_token(c, j + 3, 0) && (tok_lex(c, i) & KG_LEX_GIVEN)) {
            j += 4;
            continue;
        }
        /* "Stardust @ home", "SETI@home": a project named after its name and where it runs */
        if (tok_is(c, j, "@") && j + 1 < s_end && tok_has_alpha(c, j + 1) && !tok_cap(c, j + 1) &&
            tok_upos(c, j + 1) != KG_UPOS_PUNCT) {
            j += 2;
            continue;
        }
        if (tok_is(c, j, "&") && j + 1 < s_end && name_token(c, j + 1, 0)) {
            j += 2;
            continue;
        }
        /* "Washington, D.C.": the district is part of the city's name */
        if (tok_is(c, j, ",") && j + 1 < s_end && (tok_is(c, j + 1, "D.C.") || tok_is(c, j + 1, "DC")) &&
            tok_cap(c, j - 1)) {
            j += 2;
            continue;
        }
        /* "University of California at Berkeley": a campus named after "at" */
        if (tok_is(c, j, "at") && j + 1 < s_end && j >= i + 3 && tok_cap(c, j + 1) &&
            (tok_lex(c, j + 1) & KG_LEX_PLACE) && !(tok_lex(c, j + 1) & KG_LEX_COUNTRY) &&
            (j + 2 >= s_end || !name_token(c, j + 2, 0))) {
            int campus = 0;
            for (size_t m = i; m + 1 < j; m++)
                if ((tok_is(c, m, "University") || tok_is(c, m, "College")) && tok_is(c, m + 1, "of"))
                    campus = 1;
            if (campus) {
                j += 2;
                continue;
            }
        }
        break;
    }
    (void)s_first;
    return j;
}

static const char *const person_suffixes[] = {
    "jr.", "jr", "sr.", "sr", "qc", "kc", "sc", "ii", "iii", "iv", "m.d.", "ph.d.", "esq.", NULL};

static const char *const award_words[] = {
    "award", "awards", "prize", "medal", "fellowship", "lecture", "lectures", "trophy", "scholarship", NULL};
static const char *const festival_words[] = {"festival", "carnival", "fair", "expo", "marathon", NULL};


/* Find the nested names in run [first, end): the part after "of"/"at"/"," and a place
 * prefix ("Aberdeen" in "Aberdeen Grammar School"). */
static int add_nested(ner_ctx *c, size_t sent, size_t first, size_t end, int outer_label,
                      size_t s_first, size_t s_end)
{
    int titled = outer_label == KG_LABEL_PERSON && (tok_lex(c, first) & KG_LEX_TITLE);
    for (size_t k = first + 1; k + 1 < end; k++) {
        if (tok_is(c, k, "of") || tok_is(c, k, ",") || tok_is(c, k, "at") || tok_is(c, k, "in")) {
            /* "Washington, D.C.": the district's letters are no name of their own; nor is a
             * person's "QC" or "Jr." */
            if (tok_is(c, k, ",") && (tok_is(c, k + 1, "D.C.") || tok_is(c, k + 1, "DC"))) continue;
            if (tok_is(c, k, ",") && tok_in(c, k + 1, person_suffixes)) continue;
            size_t f = k + 1;
            if (f < end && tok_is(c, f, "the")) f++;
            /* up to the next connector; after a title ("President of the Society of X") to the end */
            size_t e = f;
            while (e < end && (titled || !tok_is(c, e, "of")) && !tok_is(c, e, ",") && !tok_is(c, e, "at") &&
                   !tok_is(c, e, "and") && !tok_is(c, e, "&") && !tok_is(c, e, "for") &&
                   !tok_is(c, e, "'") && !tok_is(c, e, "\xE2\x80\x99"))
                e++;
            /* "Church of Scientology", "Department of Linguistics": a doctrine or a field after
             * "of" is the body's subject, no name of its own */
            if (e == f + 1 && !tok_lex(c, f) &&
                (is_field_word(tok_s(c, f), tok_n(c, f)) || /* "Museum of Art", "Academy of Music" */
                 ((tok_dict(c, f) & KG_LEX_COMMON) && !tok_acronym(c, f))))
                e = f;
            if (e > f && name_token(c, f, 0)) {
                unsigned char st;
                int label = type_name(c, f, e - f, s_first, s_end, &st);
                /* "Professor of Linguistics": only names, not subjects, nest */
                /* "Bonosus of Sardica", "Bay of Bengal": one word after "of" that the dictionary
                 * knows as a proper name or not at all is a place name */
                int proper_of = e - f == 1 && tok_is(c, k, "of") && !(tok_dict(c, f) & KG_LEX_COMMON) &&
                                !titled && outer_label != KG_LABEL_PERSON &&
                                !is_field_word(tok_s(c, f), tok_n(c, f)); /* "Church of Scientology" */
                if (proper_of && st < EV_WORD) {
                    label = KG_LABEL_PLACE;
                    st = EV_WORD; /* kept, not tentative */
                } else if (st < EV_WORD && !(titled && e - f > 1) && !known_name(c, f) && !tok_acronym(c, f))
                    label = KG_LABEL_NONE;
                else if (st < EV_CONTEXT || (st < EV_WORD && label == KG_LABEL_PERSON))
                    label = titled && e - f > 1 ? KG_LABEL_ORG : KG_LABEL_PLACE;
                if (label != KG_LABEL_NONE) {
                    /* only a guess: kept if the same name stands alone elsewhere (nest_known_prefixes) */
                    if (st < EV_WORD && !tok_acronym(c, f) && !(titled && e - f > 1)) st = EV_TENTATIVE;
                    kg_mention m = make_mention(c, sent, f, e - f, label, KG_MENTION_NAME);
                    if (push_mention(c, &m, st, 1)) return KG_ENOMEM;
                }
            }
            if (titled) break;
        }
    }
    /* (a place inside a place's name, "New York" in "New York City", is rarely a mention) */
    int facility = 0; /* "Fisht Stadium", "Carnegie Hall", "Ross Sea": a place named after a name */
    if (outer_label == KG_LABEL_PLACE && end - first >= 2 && (tok_lex(c, end - 1) & KG_LEX_PLACE_WORD) &&
        !(span_lex(c, first, end - first) & KG_LEX_PLACE) && !tok_in(c, end - 1, town_words))
        facility = 1;
    if (outer_label == KG_LABEL_ORG || outer_label == KG_LABEL_EVENT || outer_label == KG_LABEL_PRODUCT ||
        facility) {
        /* longest place prefix that is not the whole run */
        size_t best = 0;
        for (size_t n = 1; first + n < end && n <= 4; n++) {
            if (!tok_cap(c, first + n - 1)) break;
            /* "Center" (a town somewhere) in "Center for Advanced Study" is the kind, no place */
            if ((span_lex(c, first, n) & KG_LEX_PLACE) && !(tok_lex(c, first + n - 1) & KG_LEX_ORG_WORD)) best = n;
        }
        /* "Tampa Bay" in "Tampa Bay Rays": the place word after the place is part of it */
        if (best && outer_label == KG_LABEL_ORG && first + best + 1 < end &&
            (tok_lex(c, first + best) & KG_LEX_PLACE_WORD) &&
            !tok_in(c, first + best, town_words) && !(tok_lex(c, first + best) & KG_LEX_ORG_WORD))
            best++;
        /* "Washington State" in "Washington State University", "Taipei City" in "Taipei City
         * Lantern Festival": the state or city word after the place is part of its name */
        if (best && first + best + 1 < end && (tok_is(c, first + best, "State") || tok_is(c, first + best, "City")) &&
            !(span_lex(c, first, best) & KG_LEX_COUNTRY)) /* not "US State Department" */
            best++;
        if (best) {
            kg_mention m = make_mention(c, sent, first, best, KG_LABEL_PLACE, KG_MENTION_NAME);
            if (push_mention(c, &m, EV_LEXICON, 1)) return KG_ENOMEM;
        } else {
            /* the name before a generic tail: "Johnson" in "Johnson Space Center", "WTA" in
             * "WTA Tour"; only when the name itself has a type of its own */
            size_t k = first;
            while (k < end && tok_cap(c, k) &&
                   !(tok_lex(c, k) & (KG_LEX_ORG_WORD | KG_LEX_PLACE_WORD | KG_LEX_EVENT_WORD | KG_LEX_ORG_SUFFIX)))
                k++;
            int only_suffix = 1; /* "Microsoft Corp.": the same name, not a nested one */
            for (size_t q = k; q < end; q++)
                if (!(tok_lex(c, q) & KG_LEX_ORG_SUFFIX)) only_suffix = 0;
            /* "Google Analytics", "FIFA World Cup", "Microsoft Azure": a known organisation's
             * name opening a product's or an event's */
            if ((outer_label == KG_LABEL_PRODUCT || outer_label == KG_LABEL_EVENT) &&
                (tok_lex(c, first) & KG_LEX_ORG) && first + 1 < end && k != first + 1) {
                kg_mention m = make_mention(c, sent, first, 1, KG_LABEL_ORG, KG_MENTION_NAME);
                if (push_mention(c, &m, EV_LEXICON, 1)) return KG_ENOMEM;
                return KG_OK;
            }
            /* "Nobel Peace Prize", "Pritzker Architecture Prize": an award named after a person */
            int plain_tail = 1; /* "Peace", "Architecture", "Film Festival": common words up to the award */
            for (size_t q = first + 1; q + 1 < end; q++)
                if ((tok_dict(c, q) & KG_LEX_PROPER) || (tok_lex(c, q) & ~(unsigned)KG_LEX_EVENT_WORD) || tok_acronym(c, q))
                    plain_tail = 0;
            if (outer_label == KG_LABEL_EVENT && k > first + 1 && tok_in(c, end - 1, award_words) && plain_tail &&
                !tok_lex(c, first) && !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first) &&
                tok_has_alpha(c, first)) {
                kg_mention m = make_mention(c, sent, first, 1, KG_LABEL_PERSON, KG_MENTION_NAME);
                if (push_mention(c, &m, EV_WORD, 1)) return KG_ENOMEM;
                return KG_OK;
            }
            if (k > first && k < end && tok_cap(c, k) && !only_suffix) {
                unsigned char st;
                int label = type_name(c, first, k - first, s_first, s_end, &st);
                /* "Harvard" in "Harvard University", "BBC" in "BBC News": an organisation's own
                 * name before its kind, not a second organisation */
                if (outer_label == KG_LABEL_ORG && label == KG_LABEL_ORG) label = KG_LABEL_NONE;
                /* "Fisht Stadium", "McMurdo Station": an unknown name before the kind of a
                 * place is most often a place too (not so before "University", "Army") */
                /* "César Award", "Pritzker Architecture Prize": an award is named after a
                 * person, a festival after its town ("Avignon Festival") */
                if (outer_label == KG_LABEL_EVENT && st < EV_WORD && label != KG_LABEL_NONE && k - first == 1 &&
                    !(tok_dict(c, first) & KG_LEX_COMMON) && !tok_acronym(c, first)) {
                    if (tok_in(c, end - 1, award_words)) {
                        label = KG_LABEL_PERSON;
                        st = EV_WORD;
                    } else if (tok_in(c, end - 1, festival_words)) {
                        label = KG_LABEL_PLACE;
                        st = EV_WORD;
                    }
                }
                if (facility && st < EV_WORD && label != KG_LABEL_NONE && k - first <= 3) {
                    int plain = 1;
                    for (size_t q = first; q < k; q++)
                        if ((tok_dict(c, q) & KG_LEX_COMMON) || tok_lex(c, q)) plain = 0;
                    if (plain) {
                        label = KG_LABEL_PLACE;
                        st = EV_WORD;
                    }
                }
                if ((st >= EV_WORD || (k - first == 1 && tok_acronym(c, first))) &&
                    (label == KG_LABEL_PERSON || label == KG_LABEL_ORG || label == KG_LABEL_PLACE)) {
                    kg_mention m = make_mention(c, sent, first, k - first, label, KG_MENTION_NAME);
                    if (label != KG_LABEL_NONE && push_mention(c, &m, st, 1)) return KG_ENOMEM;
                }
            }
        }
    }
    return KG_OK;
}

/* ---- pronouns and definite descriptions ---- */

static const char *const pronouns[] = {
    "it", "its", "itself", "they", "them", "their", "theirs", "themselves",
    "he", "him", "his", "himself", "she", "her", "hers", "herself", NULL};

/* A capitalised word opening a sentence, directly followed by a name: "Brock Holt was ...". */
static int start_joins(const ner_ctx *c, size_t i, size_t s_end)
{
    int upos = tok_upos(c, i);
    if (i + 1 >= s_end || !tok_cap(c, i) || !tok_has_alpha(c, i)) return 0;
    if (upos != KG_UPOS_NOUN && upos != KG_UPOS_PROPN && upos != KG_UPOS_X) return 0;
    if (kg_lex_lookup_lower(c->ner, tok_s(c, i), tok_n(c, i)) & (KG_LEX_FUNCTION | KG_LEX_ROLE)) return 0;
    if (tok_in(c, i, never_names)) return 0; /* "Hey Frank" */
    if (tok_lex(c, i) & (KG_LEX_DEMONYM | KG_LEX_MONTH | KG_LEX_WEEKDAY)) return 0;
    if (lower_only_opener(c, i)) return 0; /* "Together Bernoulli and Euler ..." */
    if (!tok_space_before(c, i + 1) || tok_possessive(c, i + 1)) return 0;
    return name_token(c, i + 1, 0) && !(tok_lex(c, i + 1) & (KG_LEX_MONTH | KG_LEX_WEEKDAY));
}

static int sentence_is_headline(const ner_ctx *c, size_t s_first, size_t s_end)
{
    /* Title Case lines ("Education and Early Loves") make every word look like a name. */
    size_t words = 0, caps = 0;
    /* "Image: David Shankbone": a caption's credit names whoever took it */
    if (s_first + 2 < s_end && tok_is(c, s_first + 1, ":") && tok_in(c, s_first, credit_words)) return 0;
    for (size_t k = s_first; k < s_end; k++) {
        if (!tok_has_alpha(c, k) || tok_possessive(c, k)) continue;
        /* a lower-case verb ("was traded to ... for Jerry Sands, ...") is running text */
        if (!tok_cap(c, k) && tok_upos(c, k) == KG_UPOS_VERB) return 0;
        /* "the", "for", "of" stay lower case in titles */
        if (!tok_cap(c, k) && (kg_lex_lookup_lower(c->ner, tok_s(c, k), tok_n(c, k)) & KG_LEX_FUNCTION)) continue;
        words++;
        if (tok_cap(c, k)) caps++;
    }
    if (words < 2 || words > 20) return 0;
    if (s_end > s_first && (tok_is(c, s_end - 1, ".") || tok_last(c, s_end - 1) == '.')) return 0;
    if (words == 2) return caps == 2 && tok_upos(c, s_first) != KG_UPOS_PROPN;
    return caps * 10 >= words * 8;
}

static int scan_sentence(ner_ctx *c, size_t sent)
{
    const kg_sentence *s = &c->a->sentences[sent];
    size_t s_first = s->first_token, s_end = s->first_token + s->n_tokens;
    int headline = sentence_is_headline(c, s_first, s_end);
    c->in_headline = headline;
    size_t i = s_first;
    while (i < s_end) {
        int label;
        size_t len = match_value(c, i, s_end, &label);
        if (len) {
            kg_mention m = make_mention(c, sent, i, len, label, KG_MENTION_VALUE);
            if (push_mention(c, &m, EV_LEXICON, 0)) return KG_ENOMEM;
            i += len;
            continue;
        }
        int at_start = (i == s_first) ||
                       (i > s_first && (tok_is(c, i - 1, "\"") || tok_is(c, i - 1, "\xE2\x80\x9C") ||
                                        tok_is(c, i - 1, "(") || tok_is(c, i - 1, ":") || tok_is(c, i - 1, "-") ||
                                        tok_is(c, i - 1, "\xE2\x80\x94") || tok_is(c, i - 1, "\xE2\x80\xA2") ||
                                        tok_is(c, i - 1, "*")) &&
                        tok_upos(c, i) != KG_UPOS_PROPN);
        /* "the 501st Legion", "82nd Airborne Division": a numbered unit is one name */
        if (tok_ordinal(c, i) && i + 1 < s_end && tok_cap(c, i + 1) && tok_space_before(c, i + 1) &&
            name_token(c, i + 1, 0) && !headline) {
            size_t end = name_run_end(c, i + 1, s_first, s_end);
            if ((tok_lex(c, end - 1) & KG_LEX_ORG_WORD) && !(span_lex(c, i + 1, end - i - 1) & KG_LEX_PLACE)) {
                kg_mention m = make_mention(c, sent, i, end - i, KG_LABEL_ORG, KG_MENTION_NAME);
                if (push_mention(c, &m, EV_WORD, 0)) return KG_ENOMEM;
                i = end;
                continue;
            }
        }
        if ((name_token(c, i, at_start) || (at_start && start_joins(c, i, s_end))) &&
            /* in a Title Case line only words known to be names start one */
            !(headline && !headline_name_token(c, i))) {
            /* "Chinese Bernhard Karlgren": a nationality before a person's given name is not
             * part of the name (before a title it is: "Afghan Ambassador Hamdullah Mohib") */
            if (i + 1 < s_end && (tok_lex(c, i) & KG_LEX_DEMONYM) &&
                !(tok_lex(c, i) & (KG_LEX_PLACE | KG_LEX_ORG)) && tok_space_before(c, i + 1) &&
                (tok_lex(c, i + 1) & KG_LEX_GIVEN) && !(tok_lex(c, i + 1) & KG_LEX_TITLE) &&
                name_token(c, i + 1, 0)) {
                i++;
                continue;
            }
            size_t end = name_run_end(c, i, s_first, s_end);
            /* drop a trailing title-less connector ("Bank of") -- cannot happen, runs end on names */
            unsigned char st;
            int lbl = type_name_ex(c, i, end - i, s_first, s_end, &st, 1);
            /* "Paris, France", "Trinity College, Cambridge": a place after a comma */
            size_t outer_end = end;
            /* "Irving, Texas": a lone given name before a comma and a state is a town */
            int lone_given = lbl == KG_LABEL_PERSON && end == i + 1 && st <= EV_CONTEXT &&
                             !(i > s_first && tok_is(c, i - 1, ",")); /* not inside a list */
            if ((lbl != KG_LABEL_PERSON || st == EV_GUESS || lone_given) && lbl != KG_LABEL_NONE && end + 1 < s_end &&
                tok_is(c, end, ",") && name_token(c, end + 1, 0)) {
                size_t e2 = name_run_end(c, end + 1, s_first, s_end);
                unsigned pl = span_lex(c, end + 1, e2 - end - 1);
                /* not a list of countries: "Sweden, Belgium"; a guessed person followed by a
                 * state is a town: "Fort Worth, Texas" */
                int ok = ((pl & (KG_LEX_COUNTRY | KG_LEX_REGION)) ||
                          (lbl == KG_LABEL_ORG && (pl & KG_LEX_CITY))) &&
                         !(span_lex(c, i, end - i) & KG_LEX_COUNTRY);
                if (lone_given && !(pl & KG_LEX_REGION)) ok = 0;
                /* "the World Cup, Sweden defeated ...": a country that acts starts a clause;
                 * an event or a body is not located by a country ("Huffington Post, US") */
                if (ok && e2 < s_end && tok_upos(c, e2) == KG_UPOS_VERB && !tok_cap(c, e2) &&
                    (c->a->tokens[e2].xpos == c->xpos_vbd || c->a->tokens[e2].xpos == c->xpos_vbz))
                    ok = 0;
                if (ok && lbl == KG_LABEL_EVENT) ok = 0;
                if (ok && lbl == KG_LABEL_ORG && (pl & KG_LEX_COUNTRY) && !(pl & (KG_LEX_REGION | KG_LEX_CITY)))
                    ok = 0;
                /* "Eastern Europe, Poland and Czechoslovakia", "Paris, Berlin and Tokyo": the
                 * members of a list, not a place and where it lies; unless the last member is a
                 * place and where it lies too ("Madrid, Spain and Brussels, Belgium") */
                size_t x = KG_NO_MENTION;
                if (e2 + 1 < s_end && (tok_is(c, e2, "and") || tok_is(c, e2, "or"))) x = e2 + 1;
                else if (e2 + 2 < s_end && tok_is(c, e2, ",") && (tok_is(c, e2 + 1, "and") || tok_is(c, e2 + 1, "or")))
                    x = e2 + 2;
                if (ok && x != KG_NO_MENTION && tok_is(c, x, "I")) ok = 0; /* "Collins College, Isabel and I" */
                if (ok && x != KG_NO_MENTION && (tok_lex(c, x) & KG_LEX_PLACE) && name_token(c, x, 0)) {
                    size_t e3 = name_run_end(c, x, s_first, s_end);
                    if (!(e3 + 1 < s_end && tok_is(c, e3, ",") && (tok_lex(c, e3 + 1) & KG_LEX_PLACE))) ok = 0;
                }
                if (ok && (e2 >= s_end || !tok_possessive(c, e2))) {
                    outer_end = e2;
                    if (lbl != KG_LABEL_ORG) {
                        lbl = KG_LABEL_PLACE;
                        if (st < EV_WORD) st = EV_WORD;
                    }
                    /* "Oldham, Lancashire, England", "Alpine, Arizona, USA": a region then its
                     * country */
                    if ((pl & KG_LEX_REGION) && !(pl & KG_LEX_COUNTRY) && e2 + 1 < s_end && tok_is(c, e2, ",") &&
                        name_token(c, e2 + 1, 0)) {
                        size_t e3 = name_run_end(c, e2 + 1, s_first, s_end);
                        if ((span_lex(c, e2 + 1, e3 - e2 - 1) & KG_LEX_COUNTRY) &&
                            (e3 >= s_end || !tok_possessive(c, e3)))
                            outer_end = e3;
                    }
                }
            }
            if (lbl != KG_LABEL_NONE) {
                if (tok_lex(c, i) & KG_LEX_MONTH && end - i == 1) lbl = KG_LABEL_NONE;
            }
            /* "Iván DeJesús, Jr.", "Mark Tedeschi, QC": a suffix after a comma ends the name */
            if (lbl == KG_LABEL_PERSON && outer_end == end && end + 1 < s_end && tok_is(c, end, ",") &&
                tok_in(c, end + 1, person_suffixes))
                outer_end = end + 2;
            /* "Galois' proof": the bare possessive apostrophe stays with the name */
            if (outer_end == end && end < s_end && !tok_space_before(c, end) &&
                (tok_is(c, end, "'") || tok_is(c, end, "\xE2\x80\x99")) &&
                tok_last(c, end - 1) == 's' &&
                (end + 1 >= s_end || tok_space_before(c, end + 1)))
                outer_end = end + 1;
            /* "2nd Earl of Clare", "7th Duke of Wellington": the ordinal is part of the title */
            size_t from = i;
            /* "its 737 Max jets", "Boeing 787 Dreamliner": a model named by a number and a word */
            if (end == i + 1 && outer_end == end && i > s_first + 1 && tok_number(c, i - 1) && !tok_year(c, i - 1) &&
                tok_space_before(c, i) && !(tok_lex(c, i) & (KG_LEX_PLACE | KG_LEX_ORG)) &&
                ((tok_lex(c, i - 2) & KG_LEX_ORG) || tok_is_ci(c, i - 2, "its") || tok_is_ci(c, i - 2, "the") ||
                 tok_is_ci(c, i - 2, "their") || tok_is_ci(c, i - 2, "a"))) {
                lbl = KG_LABEL_PRODUCT;
                st = EV_WORD;
                from = i - 1;
            }
            if (lbl == KG_LABEL_PERSON && i > s_first && (tok_lex(c, i) & KG_LEX_TITLE) && tok_ordinal(c, i - 1) &&
                end - i >= 3 && tok_is(c, i + 1, "of"))
                from = i - 1;
            if (lbl != KG_LABEL_NONE) {
                kg_mention m = make_mention(c, sent, from, outer_end - from, lbl, KG_MENTION_NAME);
                /* "Mets-inspired", "Scientology-related", "Warhol-like" (one token): the name is
                 * the part before the English word closing the compound */
                if (outer_end - from == 1) {
                    size_t cut = compound_name_len(c, from);
                    if (cut) {
                        m.end = m.start + cut;
                        if (lbl != KG_LABEL_PERSON && lbl != KG_LABEL_ORG && lbl != KG_LABEL_PLACE) {
                            /* typed again on its own word: a known name ("Scientology") keeps its type */
                            unsigned l2 = kg_lex_lookup(c->ner, tok_s(c, from), cut);
                            m.label = (l2 & KG_LEX_PLACE) ? KG_LABEL_PLACE : (l2 & KG_LEX_ORG) ? KG_LABEL_ORG
                                      : (l2 & KG_LEX_GIVEN) ? KG_LABEL_PERSON : KG_LABEL_OTHER;
                        }
                    }
                }
                if (push_mention(c, &m, st, 0)) return KG_ENOMEM;
                if (add_nested(c, sent, i, outer_end, lbl, s_first, s_end)) return KG_ENOMEM;
            }
            i = outer_end;
            continue;
        }
        if ((tok_upos(c, i) != KG_UPOS_PROPN && !tok_cap(c, i)) || i == s_first) {
            unsigned char p0 = tok_n(c, i) ? (unsigned char)(tok_s(c, i)[0] | 0x20) : 0;
            if ((p0 == 'i' || p0 == 't' || p0 == 'h' || p0 == 's') && tok_in(c, i, pronouns)) {
                kg_mention m = make_mention(c, sent, i, 1, KG_LABEL_NONE, KG_MENTION_PRONOUN);
                if (push_mention(c, &m, EV_GUESS, 0)) return KG_ENOMEM;
                i++;
                continue;
            }
        }
        /* "the company", "the US company", "the software giant" */
        if (tok_is_ci(c, i, "the") && i + 1 < s_end) {
            size_t k = i + 1;
            while (k + 1 < s_end && k < i + 4 &&
                   (tok_upos(c, k) == KG_UPOS_ADJ || tok_upos(c, k) == KG_UPOS_NOUN) &&
                   (tok_upos(c, k + 1) == KG_UPOS_ADJ || tok_upos(c, k + 1) == KG_UPOS_NOUN))
                k++;
            if (k < s_end && tok_upos(c, k) == KG_UPOS_NOUN &&
                !(k + 1 < s_end && (tok_upos(c, k + 1) == KG_UPOS_NOUN || tok_upos(c, k + 1) == KG_UPOS_PROPN ||
                                    tok_is(c, k + 1, "of")))) {
                unsigned l = kg_lex_lookup_lower(c->ner, tok_s(c, k), tok_n(c, k));
                /* "the Court has ruled", "the State": capitalised inside running text, a name */
                if (k == i + 1 && tok_cap(c, k) && !c->in_headline && i > s_first) l = 0;
                int nl = (l & KG_LEX_NOM_ORG) ? KG_LABEL_ORG
                         : (l & KG_LEX_NOM_PERSON) ? KG_LABEL_PERSON
                         : (l & KG_LEX_NOM_PLACE) ? KG_LABEL_PLACE : KG_LABEL_NONE;
                if (nl != KG_LABEL_NONE) {
                    kg_mention m = make_mention(c, sent, i, k + 1 - i, nl, KG_MENTION_NOMINAL);
                    if (push_mention(c, &m, EV_GUESS, 0)) return KG_ENOMEM;
                    i = k + 1;
                    continue;
                }
            }
        }
        i++;
    }
    return KG_OK;
}

/* The words capitalised inside a sentence somewhere in the document, so that the same
 * word opening a sentence is taken as a name too. */
static int collect_known(ner_ctx *c)
{
    size_t cap = 16;
    while (cap < c->a->n_tokens * 2) cap *= 2;
    c->known = malloc(cap * sizeof *c->known);
    if (!c->known) return KG_ENOMEM;
    c->known_cap = cap;
    for (size_t j = 0; j < cap; j++) c->known[j] = KG_NO_MENTION;
    for (size_t s = 0; s < c->a->n_sentences; s++) {
        const kg_sentence *se = &c->a->sentences[s];
        size_t s_end = se->first_token + se->n_tokens;
        if (sentence_is_headline(c, se->first_token, s_end)) continue;
        for (size_t i = se->first_token + 1; i < s_end; i++) {
            if (!tok_cap(c, i) || !tok_space_before(c, i) || !tok_has_alpha(c, i)) continue;
            if (tok_is(c, i - 1, "\"") || tok_is(c, i - 1, "\xE2\x80\x9C") || tok_is(c, i - 1, ":") ||
                tok_is(c, i - 1, ".") || tok_is(c, i - 1, "?") || tok_is(c, i - 1, "!") ||
                tok_is(c, i - 1, "\xE2\x80\xA2") || tok_is(c, i - 1, "*"))
                continue;
            if (!name_token(c, i, 0) || known_name(c, i)) continue;
            uint32_t h = hash_str(tok_s(c, i), tok_n(c, i));
            size_t j = h & (cap - 1);
            while (c->known[j] != KG_NO_MENTION) j = (j + 1) & (cap - 1);
            c->known[j] = i;
        }
    }
    return KG_OK;
}

/* Are mentions a and b (a before b) joined by ",", "and", "or", ", and"? */
static int coordinated(const ner_ctx *c, const kg_mention *a, const kg_mention *b)
{
    if (a->sentence != b->sentence || a->kind != KG_MENTION_NAME || b->kind != KG_MENTION_NAME) return 0;
    size_t from = a->first_token + a->n_tokens, to = b->first_token;
    if (to <= from || to - from > 2) return 0;
    for (size_t k = from; k < to; k++)
        if (!tok_is(c, k, ",") && !tok_is(c, k, "and") && !tok_is(c, k, "or")) return 0;
    return 1;
}

/* "Basel, Heidelberg, and Strasbourg": the members of a list share the type of the one
 * the lexicon knows. */
static void type_coordinations(ner_ctx *c)
{
    for (size_t i = 0; i < c->n_mentions;) {
        size_t j = i;
        while (j + 1 < c->n_mentions && coordinated(c, &c->mentions[j], &c->mentions[j + 1])) j++;
        if (j > i) {
            int label = KG_LABEL_NONE;
            for (size_t k = i; k <= j; k++) {
                int l = c->mentions[k].label;
                if (c->strength[k] >= EV_WORD && (l == KG_LABEL_PERSON || l == KG_LABEL_ORG || l == KG_LABEL_PLACE)) {
                    if (label == KG_LABEL_NONE) label = l;
                    else if (label != l) label = -1; /* mixed list: leave it */
                }
            }
            if (label > 0)
                for (size_t k = i; k <= j; k++)
                    if (c->strength[k] == EV_GUESS) {
                        c->mentions[k].label = label;
                        c->strength[k] = EV_CONTEXT;
                    }
        }
        i = j + 1;
    }
}

/* A longer name that starts with a name found on its own elsewhere in the document holds
 * it: "YouTube" in "YouTube Rewind", "Jeff McBride" in "Jeff McBride Experience". */
static int nest_known_prefixes(ner_ctx *c)
{
    size_t n = c->n_mentions, cap = 16;
    while (cap < n * 2) cap *= 2;
    size_t *set = malloc(cap * sizeof *set);
    if (!set) return KG_ENOMEM;
    for (size_t j = 0; j < cap; j++) set[j] = KG_NO_MENTION;
    const char *text = c->a->text;
    for (size_t i = 0; i < n; i++) {
        const kg_mention *m = &c->mentions[i];
        if (m->kind != KG_MENTION_NAME) continue;
        size_t j = hash_str(text + m->start, m->end - m->start) & (cap - 1);
        while (set[j] != KG_NO_MENTION) j = (j + 1) & (cap - 1);
        set[j] = i;
    }
    int rc = KG_OK;
    /* tentative nested names ("Clare" in "Earl of Clare") stay only if they stand alone elsewhere */
    size_t kept = 0;
    for (size_t q = 0; q < c->n_nested; q++) {
        kg_mention *x = &c->nested[q];
        if (c->nested_strength[q] == EV_TENTATIVE) {
            int found = 0;
            for (size_t j = hash_str(text + x->start, x->end - x->start) & (cap - 1); set[j] != KG_NO_MENTION;
                 j = (j + 1) & (cap - 1)) {
                const kg_mention *o = &c->mentions[set[j]];
                if (o->end - o->start == x->end - x->start && !memcmp(text + o->start, text + x->start, x->end - x->start))
                    found = 1;
            }
            if (!found) continue;
            c->nested_strength[q] = EV_GUESS;
        }
        c->nested[kept] = *x;
        c->nested_strength[kept] = c->nested_strength[q];
        kept++;
    }
    c->n_nested = kept;
    size_t n_nested0 = c->n_nested, nj = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        kg_mention m = c->mentions[i];
        if (m.kind != KG_MENTION_NAME || m.n_tokens < 2 || m.label == KG_LABEL_PERSON ||
            m.label == KG_LABEL_PLACE)
            continue;
        /* not when the scan already nested a name at the same start (a place prefix) */
        while (nj < n_nested0 && c->nested[nj].start < m.start) nj++;
        int has = 0;
        for (size_t q = nj; q < n_nested0 && c->nested[q].start < m.end; q++) has |= c->nested[q].start == m.start;
        if (has) continue;
        for (size_t k = m.n_tokens - 1; k >= 1; k--) {
            size_t end = c->a->tokens[m.first_token + k - 1].end;
            size_t found = KG_NO_MENTION;
            for (size_t j = hash_str(text + m.start, end - m.start) & (cap - 1); set[j] != KG_NO_MENTION;
                 j = (j + 1) & (cap - 1)) {
                const kg_mention *o = &c->mentions[set[j]];
                if (o->end - o->start == end - m.start && !memcmp(text + o->start, text + m.start, end - m.start)) {
                    found = set[j];
                    break;
                }
            }
            /* "Galois" in "Galois'" is the same name */
            int tail_alpha = 0;
            for (size_t q = k; q < m.n_tokens; q++)
                tail_alpha |= tok_has_alpha(c, m.first_token + q) && !tok_possessive(c, m.first_token + q);
            if (!tail_alpha) continue;
            /* "Theodorus" in "Theodorus of Tabennese" is that person's name, not a part */
            if (!tok_cap(c, m.first_token + k)) continue;
            /* "Microsoft" in "Microsoft Corp." is the same name, not a nested one */
            if (found != KG_NO_MENTION && k + 1 == m.n_tokens &&
                (tok_lex(c, m.first_token + k) & KG_LEX_ORG_SUFFIX))
                break;
            /* "Microsoft" in "Microsoft Research": an organisation's unit, not two names */
            if (found != KG_NO_MENTION && m.label == KG_LABEL_ORG && c->mentions[found].label == KG_LABEL_ORG)
                break;
            if (found != KG_NO_MENTION) {
                kg_mention x = make_mention(c, m.sentence, m.first_token, k, c->mentions[found].label,
                                            KG_MENTION_NAME);
                rc = push_mention(c, &x, c->strength[found], 1);
                break;
            }
        }
    }
    free(set);
    return rc;
}

/* Lone common words taken as names (EV_TENTATIVE from the scan: "Marbles", "Pirates") stay
 * only when the same word is part of a longer name in the document ("Jenna Marbles",
 * "Pittsburgh Pirates"); the others ("Image", "Career") are dropped. */
static int drop_tentative(ner_ctx *c)
{
    size_t n = c->n_mentions, any = 0;
    for (size_t i = 0; i < n; i++) any |= c->strength[i] == EV_TENTATIVE;
    if (!any) return KG_OK;
    size_t cap = 16;
    while (cap < c->a->n_tokens * 2) cap *= 2;
    size_t *set = malloc(cap * sizeof *set);
    if (!set) return KG_ENOMEM;
    for (size_t j = 0; j < cap; j++) set[j] = KG_NO_MENTION;
    for (size_t i = 0; i < n; i++) {
        const kg_mention *m = &c->mentions[i];
        if (m->kind != KG_MENTION_NAME || m->n_tokens < 2) continue;
        for (size_t t = m->first_token; t < m->first_token + m->n_tokens; t++) {
            size_t j = hash_str(tok_s(c, t), tok_n(c, t)) & (cap - 1);
            while (set[j] != KG_NO_MENTION) j = (j + 1) & (cap - 1);
            set[j] = t;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (c->strength[i] == EV_TENTATIVE) {
            size_t t0 = c->mentions[i].first_token;
            int found = 0;
            for (size_t j = hash_str(tok_s(c, t0), tok_n(c, t0)) & (cap - 1); set[j] != KG_NO_MENTION && !found;
                 j = (j + 1) & (cap - 1))
                found = tok_n(c, set[j]) == tok_n(c, t0) && !memcmp(tok_s(c, set[j]), tok_s(c, t0), tok_n(c, t0));
            if (!found) continue;
            c->strength[i] = EV_GUESS;
        }
        c->mentions[kept] = c->mentions[i];
        c->strength[kept] = c->strength[i];
        kept++;
    }
    c->n_mentions = kept;
    free(set);
    return KG_OK;
}

static void ctx_free(ner_ctx *c)
{
    free(c->known);
    free(c->mentions);
    free(c->strength);
    free(c->nested);
    free(c->nested_strength);
}

static int cmp_mention_start(const void *x, const void *y)
{
    const kg_mention *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end > b->end ? -1 : 1;
    return 0;
}

/* qsort has no context argument; kg_ner_run is reentrant otherwise, so keep this per thread */
static _Thread_local const kg_mention *sort_base;

static int cmp_nested_idx(const void *x, const void *y)
{
    size_t i = *(const size_t *)x, j = *(const size_t *)y;
    int r = cmp_mention_start(&sort_base[i], &sort_base[j]);
    return r ? r : (i < j ? -1 : i > j);
}

static void prune_nested(const ner_ctx *c, kg_entities *out);

int kg_ner_run(const kg_ner *ner, const kg_analysis *a, kg_entities *out, kg_error *err)
{
    memset(out, 0, sizeof *out);
    ner_ctx c;
    memset(&c, 0, sizeof c);
    c.ner = ner;
    c.a = a;
    c.xpos_nnp = kg_xpos_from_name("NNP");
    c.xpos_nnps = kg_xpos_from_name("NNPS");
    c.xpos_vbd = kg_xpos_from_name("VBD");
    c.xpos_vbz = kg_xpos_from_name("VBZ");
    int rc = KG_OK;
    /* a match report: two or more scores "1 – 0", "3-0" (small numbers around a dash) */
    size_t scores = 0;
    for (size_t t = 1; t + 1 < a->n_tokens && scores < 2; t++) {
        if (!tok_is(&c, t, "-") && !tok_is(&c, t, "\xE2\x80\x93")) continue;
        if (tok_n(&c, t - 1) <= 2 && tok_n(&c, t + 1) <= 2 && tok_s(&c, t - 1)[0] >= '0' &&
            tok_s(&c, t - 1)[0] <= '9' && tok_s(&c, t + 1)[0] >= '0' && tok_s(&c, t + 1)[0] <= '9' &&
            tok_number(&c, t - 1) && tok_number(&c, t + 1))
            scores++;
    }
    /* one score as one token ("2-1"), with words of the game ("scored", "goal", "match") */
    size_t game_words = 0, glued_scores = 0;
    static const char *const game[] = {"scored", "goal", "goals", "match", "striker", "midfielder",
                                       "goalkeeper", "defenders", "half-time", "equalised", "equalized",
                                       "inning", "innings", "touchdown", "league", NULL};
    for (size_t t = 0; t < a->n_tokens && scores < 2; t++) {
        const char *w = tok_s(&c, t);
        size_t n = tok_n(&c, t), d = 0;
        if (tok_in(&c, t, game)) game_words++;
        while (d < n && w[d] >= '0' && w[d] <= '9') d++;
        if (d >= 1 && d <= 2 && d + 1 < n && n - d - 1 <= 2 &&
            (w[d] == '-') && w[d + 1] >= '0' && w[d + 1] <= '9' && (n - d - 1 == 1 || (w[d + 2] >= '0' && w[d + 2] <= '9')))
            glued_scores++;
    }
    c.sports = scores >= 2 || (scores + glued_scores >= 1 && game_words >= 3);
    if ((rc = collect_known(&c))) {
        kg_error_set(err, rc, "out of memory finding entity mentions");
        goto fail;
    }
    for (size_t s = 0; s < a->n_sentences; s++) {
        if ((rc = scan_sentence(&c, s))) {
            kg_error_set(err, rc, "out of memory finding entity mentions");
            goto fail;
        }
    }
    if ((rc = drop_tentative(&c))) {
        kg_error_set(err, rc, "out of memory finding entity mentions");
        goto fail;
    }
    type_coordinations(&c);
    if ((rc = nest_known_prefixes(&c))) {
        kg_error_set(err, rc, "out of memory finding entity mentions");
        goto fail;
    }
    /* nested mentions: sort by start (they come out in order per run, except prefixes) */
    if (c.n_nested > 1) {
        /* keep strength parallel: sort an index */
        size_t n = c.n_nested;
        kg_mention *tmp = malloc(n * sizeof *tmp);
        unsigned char *tst = malloc(n);
        size_t *idx = malloc(n * sizeof *idx);
        if (!tmp || !tst || !idx) {
            free(tmp); free(tst); free(idx);
            rc = kg_error_set(err, KG_ENOMEM, "out of memory finding entity mentions");
            goto fail;
        }
        for (size_t k = 0; k < n; k++) idx[k] = k;
        sort_base = c.nested;
        qsort(idx, n, sizeof *idx, cmp_nested_idx);
        sort_base = NULL;
        for (size_t k = 0; k < n; k++) {
            tmp[k] = c.nested[idx[k]];
            tst[k] = c.nested_strength[idx[k]];
        }
        memcpy(c.nested, tmp, n * sizeof *tmp);
        memcpy(c.nested_strength, tst, n);
        free(tmp); free(tst); free(idx);
    }
    free(c.known);
    c.known = NULL;
    out->mentions = c.mentions;
    out->n_mentions = c.n_mentions;
    out->nested = c.nested;
    out->n_nested = c.n_nested;
    out->token_mention = malloc((a->n_tokens ? a->n_tokens : 1) * sizeof *out->token_mention);
    if (!out->token_mention) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory finding entity mentions");
        goto fail_out;
    }
    for (size_t t = 0; t < a->n_tokens; t++) out->token_mention[t] = KG_NO_MENTION;
    for (size_t m = 0; m < out->n_mentions; m++)
        for (size_t t = 0; t < out->mentions[m].n_tokens; t++)
            out->token_mention[out->mentions[m].first_token + t] = m;
    rc = kg_coref_run(ner, a, out, c.strength, c.nested_strength, err);
    free(c.strength);
    free(c.nested_strength);
    if (rc) {
        kg_entities_free(out);
        return rc;
    }
    prune_nested(&c, out);
    return KG_OK;
fail_out:
    free(c.strength);
    free(c.nested_strength);
    kg_entities_free(out);
    return rc;
fail:
    ctx_free(&c);
    memset(out, 0, sizeof *out);
    return rc;
}

/* After merging: nested names that only repeat the start of their outer name are dropped:
 * "Jenna" in "Jenna Marbles" (a person's given name is no second person), "North" in
 * "North Korea" (a country read as its state keeps its whole name). */
static void prune_nested(const ner_ctx *c, kg_entities *out)
{
    size_t kept = 0;
    for (size_t q = 0; q < out->n_nested; q++) {
        const kg_mention *x = &out->nested[q];
        size_t o = out->token_mention[x->first_token];
        int drop = 0;
        if (o != KG_NO_MENTION && out->mentions[o].first_token == x->first_token) {
            const kg_mention *m = &out->mentions[o];
            if (m->label == KG_LABEL_PERSON && x->label == KG_LABEL_PERSON) drop = 1;
            if (span_lex(c, m->first_token, m->n_tokens) & KG_LEX_PLACE) drop = 1;
            if (x->n_tokens == 1 && tok_in(c, x->first_token, compass_caps)) drop = 1;
        }
        if (!drop) out->nested[kept++] = *x;
    }
    out->n_nested = kept;
    /* "against Scientology" after "the Church of Scientology": a doctrine's name standing alone
     * names the body the document calls "Church of <doctrine>" (a church, temple, society or
     * order; a department of a field is no such body) */
    for (size_t i = 0; i < out->n_mentions; i++) {
        kg_mention *x = &out->mentions[i];
        if (x->kind != KG_MENTION_NAME || x->n_tokens != 1 || x->label != KG_LABEL_OTHER ||
            !is_field_word(tok_s(c, x->first_token), tok_n(c, x->first_token)))
            continue;
        for (size_t k = 0; k < out->n_mentions; k++) {
            const kg_mention *y = &out->mentions[k];
            if (y->kind != KG_MENTION_NAME || y->label != KG_LABEL_ORG || y->n_tokens < 3) continue;
            size_t lt = y->first_token + y->n_tokens - 1;
            if (tok_is(c, lt - 1, "of") && tok_n(c, lt) == tok_n(c, x->first_token) &&
                (tok_is(c, lt - 2, "Church") || tok_is(c, lt - 2, "Temple") || tok_is(c, lt - 2, "Society") ||
                 tok_is(c, lt - 2, "Order")) && /* not "Department of Linguistics" */
                !memcmp(tok_s(c, lt), tok_s(c, x->first_token), tok_n(c, lt))) {
                x->label = KG_LABEL_ORG;
                break;
            }
        }
    }
    /* "Scientology-related": a name cut out of a compound token joins the document's entity of
     * the same name ("Church of Scientology" ... "Scientology"), coref having seen the token */
    for (size_t i = 0; i < out->n_mentions; i++) {
        kg_mention *x = &out->mentions[i];
        if (x->kind != KG_MENTION_NAME || x->n_tokens != 1 || x->end >= c->a->tokens[x->first_token].end) continue;
        const char *t = c->a->text + x->start;
        size_t n = x->end - x->start;
        for (size_t k = 0; k < out->n_mentions; k++) {
            const kg_mention *y = &out->mentions[k];
            if (k == i || y->kind != KG_MENTION_NAME || y->end - y->start != n || memcmp(c->a->text + y->start, t, n))
                continue;
            x->label = y->label;
            if (x->entity != y->entity && y->entity != KG_NO_ENTITY) {
                if (x->entity != KG_NO_ENTITY && out->entities[x->entity].n_mentions)
                    out->entities[x->entity].n_mentions--;
                out->entities[y->entity].n_mentions++;
                x->entity = y->entity;
            }
            break;
        }
    }
}

void kg_entities_free(kg_entities *e)
{
    if (!e) return;
    free(e->mentions);
    free(e->nested);
    free(e->token_mention);
    for (size_t i = 0; i < e->n_entities; i++) free(e->entities[i].name);
    free(e->entities);
    memset(e, 0, sizeof *e);
}

int kg_entities_printable(const kg_entities *e, const kg_mention ***out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t cap = e->n_mentions + e->n_nested;
    const kg_mention **v = malloc((cap ? cap : 1) * sizeof *v);
    if (!v) return KG_ENOMEM;
    size_t n = 0, j = 0;
    for (size_t i = 0; i < e->n_mentions; i++) {
        const kg_mention *m = &e->mentions[i];
        while (j < e->n_nested && e->nested[j].start < m->start) v[n++] = &e->nested[j++];
        if (m->kind == KG_MENTION_NAME || m->kind == KG_MENTION_VALUE) {
            v[n++] = m;
            /* nested mentions start inside m */
            while (j < e->n_nested && e->nested[j].start < m->end) v[n++] = &e->nested[j++];
        }
    }
    while (j < e->n_nested) v[n++] = &e->nested[j++];
    *out = v;
    *n_out = n;
    return KG_OK;
}
