/*
 * coref.c -- merging a document's mentions into entities: the same name in
 * any case or with a possessive, a title ("Dr. Glennie") or a legal suffix
 * ("Microsoft Corp."); a later short form equal to the last word(s) of an
 * earlier name ("Azure" <- "Microsoft Azure", "Nadella" <- "Satya Nadella");
 * an acronym equal to the initials of an earlier name ("AWS" <- "Amazon Web
 * Services"); pronouns and definite descriptions to the most recent entity of
 * a compatible type. The names of an entity then share the label with the
 * strongest evidence.
 *
 * Place in the flow: called by kg_ner_run (ner.c) after the mentions are
 * found. One pass over the mentions with a hash of name keys: linear.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ner_int.h"

/* ---- a small string -> entity hash for one document ---- */

typedef struct key_slot {
    size_t off; uint32_t len, hash;
    size_t entity;
    int is_full;        /* a whole name (wins over aliases) */
} key_slot;

typedef struct key_map {
    kg_buf keys;
    key_slot *slots; size_t cap, count;
} key_map;

static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h ? h : 1;
}

static key_slot *map_find(const key_map *m, const char *s, size_t n, uint32_t h)
{
    if (!m->cap) return NULL;
    size_t j = h & (m->cap - 1);
    while (m->slots[j].len) {
        key_slot *e = &m->slots[j];
        if (e->hash == h && e->len == n && memcmp(m->keys.data + e->off, s, n) == 0) return e;
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

static int map_grow(key_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    key_slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return KG_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].len) continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (slots[j].len) j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return KG_OK;
}

/* Map key -> entity. A full name replaces anything; an alias replaces only an alias. */
static int map_put(key_map *m, const char *s, size_t n, size_t entity, int is_full)
{
    if (n == 0) return KG_OK;
    uint32_t h = hash_key(s, n);
    key_slot *e = map_find(m, s, n, h);
    if (e) {
        if (is_full || !e->is_full) {
            e->entity = entity;
            e->is_full |= is_full;
        }
        return KG_OK;
    }
    if ((m->count + 1) * 2 > m->cap && map_grow(m)) return KG_ENOMEM;
    size_t off = m->keys.len;
    if (kg_buf_append(&m->keys, s, n)) return KG_ENOMEM;
    size_t j = h & (m->cap - 1);
    while (m->slots[j].len) j = (j + 1) & (m->cap - 1);
    m->slots[j] = (key_slot){off, (uint32_t)n, h, entity, is_full};
    m->count++;
    return KG_OK;
}

static size_t map_get(const key_map *m, const char *s, size_t n)
{
    key_slot *e = map_find(m, s, n, hash_key(s, n));
    return e ? e->entity : KG_NO_ENTITY;
}

static void map_free(key_map *m)
{
    kg_buf_free(&m->keys);
    free(m->slots);
}

/* ---- per-entity working state ---- */

typedef struct ent_state {
    int label;
    int strength;
    size_t best_start, best_end;  /* text span of the longest name (title-stripped) */
    size_t key_off, key_len;      /* its first key, in keys_seen */
    unsigned votes[KG_LABEL_COUNT]; /* evidence per label over the entity's names */
    int n_words;                  /* words of its longest name */
    size_t last_sentence;
    size_t first_start;           /* where its first mention starts */
} ent_state;

typedef struct coref_ctx {
    const kg_ner *ner;
    const kg_analysis *a;
    kg_entities *e;
    key_map map;      /* whole names (and aliases until a whole name takes the key) */
    key_map aliases;  /* short forms and acronyms only, for typing single words afterwards */
    key_map firsts;   /* the first word of two- or three-word names ("Yang" <- "Yang Buwei") */
    ent_state *st; size_t n_st, cap_st;
    kg_buf key;
    kg_buf keys_seen; /* first key of each entity */
    /* the kept words of the current name: token indices */
    size_t words[64]; size_t n_words;
} coref_ctx;

static const char *tok_s(const coref_ctx *c, size_t i) { return c->a->text + c->a->tokens[i].start; }
static size_t tok_n(const coref_ctx *c, size_t i) { return c->a->tokens[i].end - c->a->tokens[i].start; }

static int tok_is(const coref_ctx *c, size_t i, const char *w)
{
    size_t n = strlen(w);
    return tok_n(c, i) == n && memcmp(tok_s(c, i), w, n) == 0;
}

static int is_legal_suffix(const coref_ctx *c, size_t i)
{
    static const char *const legal[] = {"Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "LLC", "L.L.C.",
                                        "PLC", "plc", "Co.", "GmbH", "AG", "S.A.", "N.V.", "LLP", NULL};
    for (size_t k = 0; legal[k]; k++)
        if (tok_is(c, i, legal[k])) return 1;
    return 0;
}

static int is_connector(const coref_ctx *c, size_t i)
{
    const char *s = tok_s(c, i);
    return tok_n(c, i) > 0 && !((unsigned char)s[0] >= 'A' && (unsigned char)s[0] <= 'Z') &&
           !((unsigned char)s[0] >= 0x80) && !(s[0] >= '0' && s[0] <= '9');
}

/* The words of name mention m that identify it: without leading titles or "the",
 * a trailing legal suffix, punctuation; into c->words. Returns 1 if it has connectors. */
static int name_words(coref_ctx *c, const kg_mention *m)
{
    size_t first = m->first_token, end = m->first_token + m->n_tokens;
    c->n_words = 0;
    /* "Afghan Ambassador Hamdullah Mohib": a nationality before a title goes with it */
    if (first + 2 < end && (kg_lex_lookup(c->ner, tok_s(c, first), tok_n(c, first)) & KG_LEX_DEMONYM) &&
        (kg_lex_lookup(c->ner, tok_s(c, first + 1), tok_n(c, first + 1)) & KG_LEX_TITLE))
        first++;
    /* a title word opening an organisation's name is part of it ("Premier League") */
    int titles = m->label != KG_LABEL_ORG && m->label != KG_LABEL_EVENT;
    while (first + 1 < end && ((titles && (kg_lex_lookup(c->ner, tok_s(c, first), tok_n(c, first)) & KG_LEX_TITLE)) ||
                               tok_is(c, first, "the") || tok_is(c, first, "The")))
        first++;
    /* keep the title when nothing else is left to identify the person ("President of ...") */
    if (first < end && is_connector(c, first)) first = m->first_token;
    /* a title of several words, or a place before a title: "Prime Minister Tomas Vidal",
     * "Chief Financial Officer Mark Ellery", "Texas Attorney General Raymond Oduya", "Michigan
     * Governor Hannah Reyes": the person is the name after the last title word, when every word
     * before it is no given name and no connector */
    if (m->label == KG_LABEL_PERSON && first + 2 < end) {
        size_t cut = 0;
        for (size_t k = first; k + 1 < end; k++) {
            if (is_connector(c, k)) break;
            unsigned lx = kg_lex_lookup(c->ner, tok_s(c, k), tok_n(c, k));
            /* "Clyst St. Mary": a saint's title names places too */
            if ((lx & KG_LEX_TITLE) && !tok_is(c, k, "St.") && !tok_is(c, k, "St") && !tok_is(c, k, "Saint")) {
                if (!is_connector(c, k + 1)) cut = k + 1;
                continue;
            }
            if (lx & KG_LEX_GIVEN) break;
        }
        if (cut > first && cut < end) first = cut;
    }
    while (end > first + 1 && (is_legal_suffix(c, end - 1) || tok_is(c, end - 1, ",") ||
                               tok_is(c, end - 1, ".") || tok_is(c, end - 1, "'") ||
                               tok_is(c, end - 1, "\xE2\x80\x99")))
        end--;
    /* "Troy Patterson of Slate Magazine", "Wu Chi-wai of the Democratic Party": the mention is
     * the person (two or more capitalised words before "of"); what follows "of" is a nested
     * name of its own */
    if (m->label == KG_LABEL_PERSON) {
        size_t words = 0;
        for (size_t k = first; k < end; k++) {
            if (tok_is(c, k, "of")) {
                if (words >= 2) end = k;
                break;
            }
            if (is_connector(c, k) && !tok_is(c, k, "-")) break;
            if (k == first || !(c->a->tokens[k].flags & KG_TOK_SPACE_BEFORE)) {
                if (k == first) words++;
                continue;
            }
            words++;
        }
    }
    int has_connector = 0;
    for (size_t k = first; k < end && c->n_words < 64; k++) {
        if (tok_is(c, k, ",") || tok_is(c, k, "-") || tok_is(c, k, ".") || tok_is(c, k, "'") ||
            tok_is(c, k, "\xE2\x80\x99")) {
            if (tok_is(c, k, ",")) has_connector = 1;
            continue;
        }
        if (is_connector(c, k)) has_connector = 1;
        c->words[c->n_words++] = k;
    }
    return has_connector;
}

/* Append the folded words [from, n_words) to c->key; returns KG_OK or KG_ENOMEM. */
static int make_key(coref_ctx *c, size_t from)
{
    kg_buf_reset(&c->key);
    for (size_t w = from; w < c->n_words; w++) {
        size_t t = c->words[w];
        if (w > from && kg_buf_append(&c->key, " ", 1)) return KG_ENOMEM;
        const char *s = tok_s(c, t);
        size_t n = tok_n(c, t);
        /* "U.S." == "US": drop dots inside acronyms */
        for (size_t k = 0; k < n; k++) {
            char ch = s[k];
            if (ch == '.') continue;
            if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
            if (kg_buf_append(&c->key, &ch, 1)) return KG_ENOMEM;
        }
    }
    if (!c->key.data && kg_buf_append(&c->key, "", 0)) return KG_ENOMEM;
    return KG_OK;
}

static int is_acronym_mention(const coref_ctx *c, const kg_mention *m)
{
    if (m->n_tokens != 1) return 0;
    const char *s = tok_s(c, m->first_token);
    size_t letters = 0;
    for (size_t k = 0; k < tok_n(c, m->first_token); k++) {
        if (s[k] >= 'a' && s[k] <= 'z') return 0;
        if (s[k] >= 'A' && s[k] <= 'Z') letters++;
    }
    return letters >= 2 && letters <= 8;
}

static int new_entity(coref_ctx *c, const kg_mention *m, size_t *out)
{
    if (c->n_st == c->cap_st) {
        size_t cap = c->cap_st ? c->cap_st * 2 : 32;
        ent_state *st = realloc(c->st, cap * sizeof *st);
        if (!st) return KG_ENOMEM;
        c->st = st;
        c->cap_st = cap;
    }
    ent_state *s = &c->st[c->n_st];
    s->label = m->label;
    s->strength = -1;
    memset(s->votes, 0, sizeof s->votes);
    s->n_words = 0;
    s->best_start = s->best_end = 0;
    s->last_sentence = m->sentence;
    s->first_start = m->start;
    *out = c->n_st++;
    return KG_OK;
}

/* Is the name another place than its last words [w, n_words): a place the
 * lexicon knows after words that are each a common English word or a
 * demonym ("New Mexico", "South Africa", "Northern Ireland", "Air France",
 * "Spanish Netherlands")? Then the tail is no short form of the name; a
 * person's surname still is ("Valeska Paris" ... "Paris"). */
static int other_place_tail(const coref_ctx *c, size_t w)
{
    size_t b = c->a->tokens[c->words[w]].start, e = c->a->tokens[c->words[c->n_words - 1]].end;
    if (!(kg_lex_lookup(c->ner, c->a->text + b, e - b) & KG_LEX_PLACE))
        return 0;
    /* compass words are written both ways, so the dictionary calls them neither */
    static const char *const compass[] = {"north", "south", "east", "west", "southern",
                                          "eastern", "western", "upper", "lower", "greater",
                                          NULL};
    for (size_t k = 0; k < w; k++) {
        const char *t = tok_s(c, c->words[k]);
        size_t tn = tok_n(c, c->words[k]), i;
        for (i = 0; compass[i]; i++)
            if (strlen(compass[i]) == tn && strncasecmp(compass[i], t, tn) == 0)
                break;
        if (!compass[i] && !(kg_lex_dict(c->ner, t, tn) & KG_LEX_COMMON) &&
            !(kg_lex_lookup(c->ner, t, tn) & KG_LEX_DEMONYM))
            return 0;
    }
    return 1;
}

/* Resolve a name mention to an entity, creating one if needed, and register its keys. */
static int merge_name(coref_ctx *c, kg_mention *m, int strength)
{
    int has_connector = name_words(c, m);
    if (c->n_words == 0) return KG_OK;
    if (make_key(c, 0)) return KG_ENOMEM;
    size_t ent = map_get(&c->map, c->key.data, c->key.len);
    /* a one-word short form of a longer name ("Paris" after "Valeska Paris") */
    const key_slot *hit = map_find(&c->map, c->key.data, c->key.len, hash_key(c->key.data, c->key.len));
    int short_form = hit && !hit->is_full && c->n_words == 1;
    if (ent == KG_NO_ENTITY && is_acronym_mention(c, m)) {
        kg_buf_reset(&c->key);
        if (kg_buf_append(&c->key, "\x01", 1)) return KG_ENOMEM;
        const char *s = tok_s(c, m->first_token);
        for (size_t k = 0; k < tok_n(c, m->first_token); k++)
            if (s[k] >= 'A' && s[k] <= 'Z') {
                char ch = (char)(s[k] - 'A' + 'a');
                if (kg_buf_append(&c->key, &ch, 1)) return KG_ENOMEM;
            }
        ent = map_get(&c->map, c->key.data, c->key.len);
        if (make_key(c, 0)) return KG_ENOMEM;
    }
    if (ent == KG_NO_ENTITY && c->n_words >= 2 && !has_connector) {
        /* the long form after its short form ("Azure" ... "Microsoft Azure"): the last word
         * already names a one-word entity */
        if (make_key(c, c->n_words - 1)) return KG_ENOMEM;
        size_t e1 = map_get(&c->map, c->key.data, c->key.len);
        if (e1 != KG_NO_ENTITY && c->st[e1].n_words == 1 &&
            (c->st[e1].label == m->label || c->st[e1].label == KG_LABEL_OTHER || c->st[e1].strength < 2) &&
            !other_place_tail(c, c->n_words - 1))
            ent = e1;
        if (make_key(c, 0)) return KG_ENOMEM;
    }
    /* the short form of an organisation named before by its first word ("Brightwater" after
     * "Brightwater Systems", "Halvorsen" after "Halvorsen Industrial"): one entity, and the
     * short form's own guess of a type does not vote; not a word the lexicon knows as a place,
     * an organisation or a given name ("Sydney" after "Sydney Morning Herald") */
    int org_first = 0;
    if (ent == KG_NO_ENTITY && c->n_words == 1 && !is_acronym_mention(c, m) &&
        !(kg_lex_lookup(c->ner, tok_s(c, c->words[0]), tok_n(c, c->words[0])) &
          (KG_LEX_PLACE | KG_LEX_ORG | KG_LEX_GIVEN))) {
        size_t e1 = map_get(&c->firsts, c->key.data, c->key.len);
        if (e1 != KG_NO_ENTITY && c->st[e1].label == KG_LABEL_ORG && c->st[e1].n_words >= 2) {
            ent = e1;
            org_first = 1;
        }
    }
    if (ent == KG_NO_ENTITY) {
        if (new_entity(c, m, &ent)) return KG_ENOMEM;
        c->st[ent].key_off = c->keys_seen.len;
        c->st[ent].key_len = c->key.len;
        if (kg_buf_append(&c->keys_seen, c->key.data, c->key.len)) return KG_ENOMEM;
    }
    m->entity = ent;
    ent_state *s = &c->st[ent];
    s->last_sentence = m->sentence;
    /* the label with the most evidence: a lexicon hit outweighs two context cues */
    static const unsigned weight[] = {1, 3, 8, 16};
    /* the surname of a person does not vote with its own type ("Paris" the city) */
    if (m->label > 0 && m->label < KG_LABEL_COUNT &&
        !(short_form && s->label == KG_LABEL_PERSON && m->label != KG_LABEL_PERSON) &&
        !(org_first && m->label != KG_LABEL_ORG)) {
        s->votes[m->label] += weight[strength < 0 ? 0 : strength > 3 ? 3 : strength];
        /* OTHER ("a name of no known type") never outvotes a type */
        if (s->strength < 0 || s->label == KG_LABEL_OTHER ||
            (m->label != KG_LABEL_OTHER && s->votes[m->label] > s->votes[s->label]))
            s->label = m->label;
    }
    if (strength > s->strength) s->strength = strength;
    if ((int)c->n_words > s->n_words) s->n_words = (int)c->n_words;
    size_t bs = c->a->tokens[c->words[0]].start, be = c->a->tokens[c->words[c->n_words - 1]].end;
    /* "Paris, France" is a mention of Paris: the country after the comma is a nested mention of
     * its own (the key keeps both, so "Austin, Texas" does not merge with a person "Austin") */
    if (m->label == KG_LABEL_PLACE)
        for (size_t k = c->words[0] + 1; k < c->words[c->n_words - 1]; k++)
            if (tok_is(c, k, ",")) {
                be = c->a->tokens[k - 1].end;
                break;
            }
    if (be - bs > s->best_end - s->best_start) {
        s->best_start = bs;
        s->best_end = be;
    }
    /* a short form stays an alias: the next "Paris" after "Valeska Paris" is one too */
    if (map_put(&c->map, c->key.data, c->key.len, ent, !short_form && !org_first)) return KG_ENOMEM;
    if (c->n_words >= 2 && c->n_words <= 6) {
        /* short forms: the last word(s) of a name without connectors */
        if (!has_connector) {
            for (size_t w = 1; w < c->n_words; w++) {
                if (other_place_tail(c, w))
                    continue;
                if (make_key(c, w)) return KG_ENOMEM;
                if (map_put(&c->map, c->key.data, c->key.len, ent, 0) ||
                    map_put(&c->aliases, c->key.data, c->key.len, ent, 0))
                    return KG_ENOMEM;
            }
            if (c->n_words <= 3) {
                size_t keep = c->n_words;
                c->n_words = 1;
                int rc = make_key(c, 0);
                c->n_words = keep;
                if (rc || map_put(&c->firsts, c->key.data, c->key.len, ent, 0)) return KG_ENOMEM;
            }
        }
        /* acronym: the initials of the capitalised words; none when a word is itself an
         * abbreviation or acronym ("U.S. Senate" is no "US", "BBC News" no "BN") */
        kg_buf_reset(&c->key);
        if (kg_buf_append(&c->key, "\x01", 1)) return KG_ENOMEM;
        size_t initials = 0;
        for (size_t w = 0; w < c->n_words; w++) {
            const char *t = tok_s(c, c->words[w]);
            size_t tn = tok_n(c, c->words[w]), caps = 0;
            for (size_t k = 0; k < tn; k++) {
                if (t[k] == '.' && tn > 1) caps = tn; /* "U.S.", "St." */
                if (t[k] >= 'A' && t[k] <= 'Z') caps++;
            }
            if (caps >= 2) {
                initials = 0;
                break;
            }
            if (tn && t[0] >= 'A' && t[0] <= 'Z') {
                char ch = (char)(t[0] - 'A' + 'a');
                if (kg_buf_append(&c->key, &ch, 1)) return KG_ENOMEM;
                initials++;
            }
        }
        if (initials >= 2 && map_put(&c->map, c->key.data, c->key.len, ent, 0)) return KG_ENOMEM;
    }
    return KG_OK;
}

static int pronoun_class(const coref_ctx *c, const kg_mention *m)
{
    static const char *const person[] = {"he", "him", "his", "himself", "she", "her", "hers", "herself", NULL};
    static const char *const thing[] = {"it", "its", "itself", NULL};
    const char *s = tok_s(c, m->first_token);
    size_t n = tok_n(c, m->first_token);
    char low[16];
    if (n >= sizeof low) return 0;
    for (size_t k = 0; k < n; k++) low[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] - 'A' + 'a') : s[k];
    low[n] = 0;
    for (size_t k = 0; person[k]; k++)
        if (!strcmp(low, person[k])) return 1;
    for (size_t k = 0; thing[k]; k++)
        if (!strcmp(low, thing[k])) return 2;
    return 3; /* they, them, their */
}

int kg_coref_run(const kg_ner *ner, const kg_analysis *a, kg_entities *e,
                 const unsigned char *strength, const unsigned char *nested_strength, kg_error *err)
{
    coref_ctx c;
    memset(&c, 0, sizeof c);
    c.ner = ner;
    c.a = a;
    c.e = e;
    int rc = KG_OK;
    /* most recent entity per label, and the sentence it was seen in */
    size_t last_ent[KG_LABEL_COUNT], last_sent[KG_LABEL_COUNT];
    for (int l = 0; l < KG_LABEL_COUNT; l++) last_ent[l] = KG_NO_ENTITY, last_sent[l] = 0;
    /* the organisation that was the subject of a recent sentence: the first organisation named
     * in it, not after a preposition ("Northwind, which spun off from Telvane Corp." -> Northwind);
     * "the company" and "it" prefer it to one named only inside a phrase */
    size_t subj_org = KG_NO_ENTITY, subj_sent = 0, org_seen_sent = (size_t)-1;

    for (size_t i = 0; i < e->n_mentions; i++) {
        kg_mention *m = &e->mentions[i];
        if (m->kind == KG_MENTION_NAME) {
            if ((rc = merge_name(&c, m, strength[i]))) goto oom;
            if (m->entity != KG_NO_ENTITY) {
                int l = c.st[m->entity].label;
                last_ent[l] = m->entity;
                last_sent[l] = m->sentence;
                if (l == KG_LABEL_ORG && org_seen_sent != m->sentence) {
                    org_seen_sent = m->sentence;
                    size_t ft = m->first_token;
                    if (!(ft > 0 && ft > a->sentences[m->sentence].first_token &&
                          a->tokens[ft - 1].upos == KG_UPOS_ADP)) {
                        subj_org = m->entity;
                        subj_sent = m->sentence;
                    }
                }
            }
        } else if (m->kind == KG_MENTION_PRONOUN) {
            int cls = pronoun_class(&c, m);
            size_t best = KG_NO_ENTITY;
            if (cls == 1) {
                if (last_ent[KG_LABEL_PERSON] != KG_NO_ENTITY && m->sentence - last_sent[KG_LABEL_PERSON] <= 3)
                    best = last_ent[KG_LABEL_PERSON];
            } else {
                /* it/its -> ORG or PRODUCT; they -> ORG; the more recent within two sentences */
                int cands[2] = {KG_LABEL_ORG, cls == 2 ? KG_LABEL_PRODUCT : KG_LABEL_ORG};
                size_t best_sent = 0;
                for (int k = 0; k < 2; k++) {
                    int l = cands[k];
                    if (last_ent[l] == KG_NO_ENTITY || m->sentence - last_sent[l] > 2) continue;
                    if (best == KG_NO_ENTITY || last_sent[l] > best_sent) {
                        best = last_ent[l];
                        best_sent = last_sent[l];
                    }
                }
                /* the organisation last named in the same sentence as the subject, rather than
                 * one named after it inside a phrase */
                if (best != KG_NO_ENTITY && best == last_ent[KG_LABEL_ORG] && subj_org != KG_NO_ENTITY &&
                    subj_sent == last_sent[KG_LABEL_ORG] && c.st[subj_org].label == KG_LABEL_ORG)
                    best = subj_org;
            }
            m->entity = best;
        } else if (m->kind == KG_MENTION_NOMINAL) {
            int l = m->label;
            if (l > 0 && l < KG_LABEL_COUNT && last_ent[l] != KG_NO_ENTITY && m->sentence - last_sent[l] <= 5) {
                m->entity = last_ent[l];
                /* "the company": the organisation last a subject, within the same reach */
                if (l == KG_LABEL_ORG && subj_org != KG_NO_ENTITY && m->sentence - subj_sent <= 5 &&
                    c.st[subj_org].label == KG_LABEL_ORG) {
                    m->entity = subj_org;
                    last_ent[l] = subj_org;
                }
                last_sent[l] = m->sentence;
            }
        }
    }
    for (size_t i = 0; i < e->n_nested; i++)
        if ((rc = merge_name(&c, &e->nested[i], nested_strength[i]))) goto oom;

    /* a word typed by guess that is the short form of a better-typed name anywhere in the
     * document ("Holt" ... "Brock Holt") takes that name's type */
    for (size_t k = 0; k < c.n_st; k++) {
        if (c.st[k].strength >= 2 || !c.keys_seen.data) continue;
        size_t other = map_get(&c.aliases, c.keys_seen.data + c.st[k].key_off, c.st[k].key_len);
        if (other != KG_NO_ENTITY && other != k &&
            (c.st[other].strength > c.st[k].strength ||
             (c.st[k].label == KG_LABEL_OTHER && c.st[other].label != KG_LABEL_OTHER))) {
            c.st[k].label = c.st[other].label;
            c.st[k].strength = c.st[other].strength;
        }
    }
    /* a single word that is the surname of a person named in full ("Valeska Paris" ... "Paris")
     * is that person even when it is also a city */
    for (size_t k = 0; k < c.n_st; k++) {
        if (c.st[k].n_words != 1 || c.st[k].label == KG_LABEL_PERSON || !c.keys_seen.data) continue;
        size_t other = map_get(&c.aliases, c.keys_seen.data + c.st[k].key_off, c.st[k].key_len);
        if (other != KG_NO_ENTITY && other != k && c.st[other].label == KG_LABEL_PERSON &&
            c.st[other].strength >= 1 &&
            (c.st[k].strength < 3 || c.st[other].strength >= 2 || c.st[other].first_start < c.st[k].first_start)) {
            c.st[k].label = c.st[other].label;
            c.st[k].strength = c.st[other].strength;
        }
    }

    /* a word of no known type that is the first word of a person's name ("Yang" ... "Yang
     * Buwei", "Hu" ... "Hu Shih"): family name first, or a given name alone */
    for (size_t k = 0; k < c.n_st; k++) {
        if (c.st[k].n_words != 1 || c.st[k].label == KG_LABEL_PERSON || !c.keys_seen.data) continue;
        /* a place or an organisation only when the word is a given name ("Isabel" ... "Isabel
         * Ruiz", not "Sydney" ... "Sydney Morning Herald") */
        if (c.st[k].label != KG_LABEL_OTHER &&
            !(kg_lex_lookup(c.ner, a->text + c.st[k].best_start, c.st[k].best_end - c.st[k].best_start) &
              KG_LEX_GIVEN))
            continue;
        size_t other = map_get(&c.firsts, c.keys_seen.data + c.st[k].key_off, c.st[k].key_len);
        if (other != KG_NO_ENTITY && other != k && c.st[other].label == KG_LABEL_PERSON) {
            c.st[k].label = KG_LABEL_PERSON;
            c.st[k].strength = 1;
        }
    }

    /* entities: label, count, canonical name */
    e->entities = calloc(c.n_st ? c.n_st : 1, sizeof *e->entities);
    if (!e->entities) goto oom;
    e->n_entities = c.n_st;
    for (size_t k = 0; k < c.n_st; k++) {
        kg_doc_entity *d = &e->entities[k];
        d->label = c.st[k].label;
        const char *s = a->text + c.st[k].best_start;
        size_t n = c.st[k].best_end - c.st[k].best_start;
        d->name = malloc(n + 1);
        if (!d->name) goto oom;
        /* collapse white space (names broken across lines) */
        size_t o = 0;
        int space = 0;
        for (size_t j = 0; j < n; j++) {
            char ch = s[j];
            if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
                space = 1;
                continue;
            }
            if (space && o) d->name[o++] = ' ';
            space = 0;
            d->name[o++] = ch;
        }
        d->name[o] = 0;
    }
    for (size_t i = 0; i < e->n_mentions; i++) {
        kg_mention *m = &e->mentions[i];
        if (m->entity == KG_NO_ENTITY) continue;
        e->entities[m->entity].n_mentions++;
        if (m->kind != KG_MENTION_VALUE) m->label = e->entities[m->entity].label;
    }
    for (size_t i = 0; i < e->n_nested; i++) {
        kg_mention *m = &e->nested[i];
        if (m->entity == KG_NO_ENTITY) continue;
        e->entities[m->entity].n_mentions++;
        m->label = e->entities[m->entity].label;
    }
    map_free(&c.map);
    map_free(&c.aliases);
    map_free(&c.firsts);
    kg_buf_free(&c.key);
    kg_buf_free(&c.keys_seen);
    free(c.st);
    return KG_OK;
oom:
    map_free(&c.map);
    map_free(&c.aliases);
    map_free(&c.firsts);
    kg_buf_free(&c.key);
    kg_buf_free(&c.keys_seen);
    free(c.st);
    return kg_error_set(err, KG_ENOMEM, "out of memory merging entity mentions");
}
