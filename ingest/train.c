/*
 * train.c -- training the tagger and the lemmatizer from UD CoNLL-U files
 * (kg train-tagger), and writing the binary model tagger.c maps.
 *
 * Place in the flow: offline; reads treebank files, writes data/tagger.bin.
 *
 * Averaged perceptron (Collins 2002) over combined (UPOS, XPOS) classes,
 * greedy decoding with the previous two predicted classes as features.
 * Pass 1 sees words only to the right; pass 2 also sees pass 1's classes of
 * the next two tokens. Pass 2 is trained on pass-1 tags produced by 4-fold
 * jackknifing, so it learns how far to trust them on unseen text. The epoch
 * count of each pass is chosen on the dev file (the best averaged weights
 * are kept). Features seen fewer than min_count times in training are
 * dropped; weights are quantised to int16 and tiny ones pruned.
 * Determinism: sentence order is shuffled by a fixed-seed generator, every
 * table is filled in a fixed order, so the output is the same byte for byte.
 */
#include "text_int.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- corpus ---- */

typedef struct tr_sent {
    size_t first, n;          /* tokens */
} tr_sent;

typedef struct corpus {
    kg_buf text;              /* forms, space-separated per sentence */
    kg_token *toks;
    int *gold;                /* class per token */
    uint16_t *upos, *xpos;    /* gold names */
    size_t *lemma_off;        /* offset in lemmas of the gold lemma */
    kg_buf lemmas;            /* NUL-separated */
    size_t n_toks, cap_toks;
    tr_sent *sents;
    size_t n_sents, cap_sents;
    kg_tok_hash *hash;
} corpus;

static void corpus_free(corpus *c)
{
    kg_buf_free(&c->text);
    kg_buf_free(&c->lemmas);
    free(c->toks);
    free(c->gold);
    free(c->upos);
    free(c->xpos);
    free(c->lemma_off);
    free(c->sents);
    free(c->hash);
    memset(c, 0, sizeof *c);
}

static int grow_toks(corpus *c)
{
    size_t cap = c->cap_toks ? c->cap_toks * 2 : 4096;
    kg_token *t = realloc(c->toks, cap * sizeof *t);
    if (t == NULL)
        return KG_ENOMEM;
    c->toks = t;
#define GROW(field)                                                 \
    do {                                                            \
        void *p = realloc(c->field, cap * sizeof *c->field);        \
        if (p == NULL)                                              \
            return KG_ENOMEM;                                       \
        c->field = p;                                               \
    } while (0)
    GROW(gold);
    GROW(upos);
    GROW(xpos);
    GROW(lemma_off);
#undef GROW
    c->cap_toks = cap;
    return KG_OK;
}

static int end_sentence(corpus *c, size_t first)
{
    if (c->n_toks == first)
        return KG_OK;
    if (c->n_sents == c->cap_sents) {
        size_t cap = c->cap_sents ? c->cap_sents * 2 : 1024;
        tr_sent *s = realloc(c->sents, cap * sizeof *s);
        if (s == NULL)
            return KG_ENOMEM;
        c->sents = s;
        c->cap_sents = cap;
    }
    c->sents[c->n_sents].first = first;
    c->sents[c->n_sents].n = c->n_toks - first;
    c->n_sents++;
    return KG_OK;
}

/* Read the word lines of a CoNLL-U file: FORM, LEMMA, UPOS, XPOS. */
static int read_conllu(const char *path, size_t max_sents, corpus *c, kg_error *err)
{
    kg_buf in = {0};
    size_t pos = 0, first = 0;
    unsigned line_no = 0;
    int rc = kg_read_file(path, (size_t)1 << 30, &in, err);
    if (rc)
        return rc;
    while (pos < in.len) {
        char *line = in.data + pos, *nl = memchr(line, '\n', in.len - pos);
        size_t n = nl ? (size_t)(nl - line) : in.len - pos;
        char *f[10];
        int nf = 0;
        char *p;
        pos += n + 1;
        line_no++;
        if (n && line[n - 1] == '\r')
            n--;
        line[n] = '\0';
        if (n == 0) {
            if ((rc = end_sentence(c, first)) != 0)
                goto oom;
            first = c->n_toks;
            if (max_sents && c->n_sents >= max_sents)
                break;
            continue;
        }
        if (line[0] == '#')
            continue;
        f[nf++] = line;
        for (p = line; *p && nf < 10; p++)
            if (*p == '\t') {
                *p = '\0';
                f[nf++] = p + 1;
            }
        if (nf != 10) {
            rc = kg_error_at(err, KG_EINPUT, path, line_no, 0, 0,
                             "expected 10 tab-separated CoNLL-U columns, found %d", nf);
            goto done;
        }
        for (p = f[0]; *p >= '0' && *p <= '9'; p++)
            ;
        if (*p != '\0' || p == f[0])
            continue; /* multiword ranges and empty nodes */
        if (!kg_utf8_valid(f[1], strlen(f[1]), NULL) || f[1][0] == '\0') {
            rc = kg_error_at(err, KG_EINPUT, path, line_no, 0, 0, "bad FORM column");
            goto done;
        }
        if (c->n_toks == c->cap_toks && (rc = grow_toks(c)) != 0)
            goto oom;
        {
            kg_token *t = &c->toks[c->n_toks];
            memset(t, 0, sizeof *t);
            if (c->n_toks > first && kg_buf_append(&c->text, " ", 1))
                goto oom;
            t->start = c->text.len;
            if (kg_buf_puts(&c->text, f[1]))
                goto oom;
            t->end = c->text.len;
            c->upos[c->n_toks] = (uint16_t)kg_upos_from_name(f[3]);
            c->xpos[c->n_toks] = (uint16_t)kg_xpos_from_name(f[4]);
            c->lemma_off[c->n_toks] = c->lemmas.len;
            if (kg_buf_puts(&c->lemmas, f[2]) || kg_buf_append(&c->lemmas, "", 1))
                goto oom;
            c->n_toks++;
        }
    }
    if ((rc = end_sentence(c, first)) != 0)
        goto oom;
    rc = KG_OK;
    goto done;
oom:
    rc = kg_error_set(err, KG_ENOMEM, "out of memory");
done:
    kg_buf_free(&in);
    return rc;
}

static int corpus_hash(corpus *c)
{
    size_t i;
    c->hash = malloc((c->n_toks ? c->n_toks : 1) * sizeof *c->hash);
    if (c->hash == NULL)
        return KG_ENOMEM;
    for (i = 0; i < c->n_sents; i++)
        kg_tagger_hash_tokens(c->text.data, c->toks + c->sents[i].first, c->sents[i].n,
                              c->hash + c->sents[i].first);
    return KG_OK;
}

/* ---- a uint64 -> uint32 map (open addressing, grows) ---- */

typedef struct u64map {
    uint64_t *keys;
    uint32_t *vals;
    size_t cap, n;
} u64map;

static void map_free(u64map *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

static int map_init(u64map *m, size_t cap)
{
    m->cap = cap;
    m->n = 0;
    m->keys = calloc(cap, sizeof *m->keys);
    m->vals = calloc(cap, sizeof *m->vals);
    return m->keys && m->vals ? KG_OK : KG_ENOMEM;
}

static int map_find(const u64map *m, uint64_t key, uint32_t *val)
{
    size_t s = key & (m->cap - 1);
    for (;;) {
        if (m->keys[s] == key) {
            *val = m->vals[s];
            return 1;
        }
        if (m->keys[s] == 0)
            return 0;
        s = (s + 1) & (m->cap - 1);
    }
}

/* Insert key (new: value val) and return a pointer to its value. NULL on ENOMEM. */
static uint32_t *map_put(u64map *m, uint64_t key, uint32_t val, int *is_new)
{
    size_t s;
    if ((m->n + 1) * 2 > m->cap) {
        u64map bigger;
        size_t i;
        if (map_init(&bigger, m->cap * 2)) {
            map_free(&bigger);
            return NULL;
        }
        for (i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t t = m->keys[i] & (bigger.cap - 1);
                while (bigger.keys[t])
                    t = (t + 1) & (bigger.cap - 1);
                bigger.keys[t] = m->keys[i];
                bigger.vals[t] = m->vals[i];
            }
        bigger.n = m->n;
        map_free(m);
        *m = bigger;
    }
    s = key & (m->cap - 1);
    while (m->keys[s] && m->keys[s] != key)
        s = (s + 1) & (m->cap - 1);
    *is_new = m->keys[s] == 0;
    if (*is_new) {
        m->keys[s] = key;
        m->vals[s] = val;
        m->n++;
    }
    return &m->vals[s];
}

/* ---- the part-of-speech lexicon ---- */

typedef struct lex_table {
    uint64_t *e;
    uint32_t cap;
} lex_table;

/* The entry slot of hash h in lt (an empty one if absent). */
static uint32_t lex_slot(const lex_table *lt, uint64_t h)
{
    const uint64_t vm = ((uint64_t)1 << KG_LEX_VAL_BITS) - 1;
    uint32_t s = (uint32_t)(h >> KG_LEX_VAL_BITS) & (lt->cap - 1);
    while (lt->e[s] && (lt->e[s] & ~vm) != h)
        s = (s + 1) & (lt->cap - 1);
    return s;
}

/* The bits of a lexicon line's class letters (after the tab), or -1. */
static long lex_letters(const char *p, size_t n)
{
    static const char letters[] = "nvarNVARpSDC";
    static const unsigned val[] = {KG_LEX_N, KG_LEX_V, KG_LEX_A, KG_LEX_R};
    unsigned bits = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        const char *q = p[i] ? strchr(letters, p[i]) : NULL;
        if (q == NULL)
            return -1;
        if (q - letters < 4)
            bits |= val[q - letters];
        else if (q - letters < 8)
            bits |= val[q - letters - 4] | KG_LEX_DOM * (unsigned)(q - letters - 4 + 4);
        else
            bits |= q[0] == 'p' ? KG_LEX_P : q[0] == 'S' ? KG_LEX_XS
                    : q[0] == 'D' ? KG_LEX_XD : KG_LEX_XC;
    }
    return (long)bits;
}

/* The bits of a neighbours line's "UPOS TAB UPOS|- TAB 0..2" (after the word's
 * tab), or -1. */
static long lex_neighbours(const char *p, size_t n)
{
    char b[32], *f[3];
    int k, t1, t2;
    if (n >= sizeof b)
        return -1;
    memcpy(b, p, n);
    b[n] = '\0';
    f[0] = b;
    for (k = 1; k < 3; k++) {
        char *tab = strchr(f[k - 1], '\t');
        if (tab == NULL)
            return -1;
        *tab = '\0';
        f[k] = tab + 1;
    }
    t1 = kg_upos_from_name(f[0]);
    t2 = strcmp(f[1], "-") == 0 ? 31 : kg_upos_from_name(f[1]);
    if (t1 == KG_UPOS_NONE || t2 == KG_UPOS_NONE || strlen(f[2]) != 1 || f[2][0] < '0' ||
        f[2][0] > '2')
        return -1;
    return (long)(KG_LEX_NB | (unsigned)t1 << 12 | (unsigned)t2 << 17 |
                  (unsigned)(f[2][0] - '0') << 22);
}

/* Read the lexicon file (form TAB letters; '#' lines are comments) and the
 * neighbours file (word TAB UPOS TAB UPOS|- TAB sureness 0..2), either may be
 * NULL, into one table laid out as tagger.c reads it (a word in both gets
 * both sets of bits). Entries go in in file order, so the table is
 * deterministic. */
static int read_lexicon(const char *lex_path, const char *nb_path, lex_table *lt,
                        kg_error *err)
{
    kg_buf in[2] = {{0}, {0}};
    const char *paths[2];
    size_t pos, n_lines = 0;
    int rc = KG_OK, f;
    paths[0] = lex_path;
    paths[1] = nb_path;
    for (f = 0; f < 2 && rc == KG_OK; f++)
        if (paths[f] && (rc = kg_read_file(paths[f], (size_t)1 << 28, &in[f], err)) == KG_OK)
            for (pos = 0; pos < in[f].len; pos++)
                n_lines += in[f].data[pos] == '\n';
    if (rc)
        goto done;
    lt->cap = 1024;
    while (lt->cap < (n_lines + 8192) * 4 / 3) /* at most 3/4 full: a lookup is per word type */
        lt->cap *= 2;
    lt->e = calloc(lt->cap, sizeof *lt->e);
    if (lt->e == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (f = 0; f < 2; f++) {
        unsigned line_no = 0;
        for (pos = 0; pos < in[f].len;) {
            char *line = in[f].data + pos, *nl = memchr(line, '\n', in[f].len - pos), *tab;
            size_t n = nl ? (size_t)(nl - line) : in[f].len - pos;
            long bits;
            uint64_t h;
            uint32_t s;
            pos += n + 1;
            line_no++;
            if (n == 0 || line[0] == '#')
                continue;
            tab = memchr(line, '\t', n);
            if (tab == NULL || tab == line || tab - line >= 63) {
                rc = kg_error_at(err, KG_EINPUT, paths[f], line_no, 0, 0,
                                 "expected a word (under 63 bytes), a tab and %s",
                                 f ? "neighbour tags" : "class letters");
                goto done;
            }
            bits = f ? lex_neighbours(tab + 1, n - (size_t)(tab - line) - 1)
                     : lex_letters(tab + 1, n - (size_t)(tab - line) - 1);
            if (bits < 0) {
                rc = kg_error_at(err, KG_EINPUT, paths[f], line_no, 0, 0,
                                 f ? "expected a UPOS tag, a tab, a UPOS tag or -, a tab "
                                     "and 0, 1 or 2"
                                   : "unknown class letter (expected one of nvarNVARpSDC)");
                goto done;
            }
            h = kg_lex_hash(line, (size_t)(tab - line));
            s = lex_slot(lt, h);
            lt->e[s] = h | (lt->e[s] & (((uint64_t)1 << KG_LEX_VAL_BITS) - 1)) |
                       (uint64_t)bits;
        }
    }
done:
    kg_buf_free(&in[0]);
    kg_buf_free(&in[1]);
    return rc;
}

/* Mark the forms (lower case) seen at least min_freq times in c as
 * KG_LEX_FREQ entries holding the UPOS tags they had (added if absent; at
 * most 8192 new ones; in corpus order: deterministic). */
static int lex_mark_frequent(lex_table *lt, const corpus *c, uint32_t min_freq)
{
    u64map counts, tags;
    size_t i, added = 0, pass;
    if (map_init(&counts, 1u << 16) || map_init(&tags, 1u << 16)) {
        map_free(&counts);
        return KG_ENOMEM;
    }
    for (pass = 0; pass < 2; pass++)
        for (i = 0; i < c->n_toks; i++) {
            const char *w = c->text.data + c->toks[i].start;
            size_t n = c->toks[i].end - c->toks[i].start, j;
            char low[64];
            int is_new;
            uint32_t *v, *t, s;
            uint64_t h;
            if (n >= sizeof low)
                continue;
            for (j = 0; j < n; j++)
                low[j] = w[j] >= 'A' && w[j] <= 'Z' ? (char)(w[j] + 32) : w[j];
            h = kg_lex_hash(low, n);
            v = map_put(&counts, h, 0, &is_new);
            t = v ? map_put(&tags, h, 0, &is_new) : NULL;
            if (v == NULL || t == NULL) {
                map_free(&counts);
                map_free(&tags);
                return KG_ENOMEM;
            }
            if (pass == 0) {
                ++*v;
                *t |= 1u << c->upos[i];
                continue;
            }
            if (*v < min_freq)
                continue;
            s = lex_slot(lt, h);
            if (lt->e[s] == 0) {
                if (added == 8192)
                    continue;
                added++;
            }
            lt->e[s] = h | (lt->e[s] & (KG_LEX_NB - 1)) | KG_LEX_FREQ |
                       (uint64_t)(*t & ((1u << KG_UPOS_COUNT) - 1)) << KG_LEX_UPOS_SHIFT;
        }
    map_free(&counts);
    map_free(&tags);
    return KG_OK;
}

static void corpus_lex(corpus *c, const lex_table *lt)
{
    size_t i;
    for (i = 0; i < c->n_toks; i++)
        c->hash[i].lex = kg_tagger_lex_value(lt->e, lt->cap - 1, c->text.data + c->toks[i].start,
                                             c->toks[i].end - c->toks[i].start,
                                             &c->hash[i].allowed, &c->hash[i].nbc);
}

/* ---- perceptron ---- */

typedef struct tr_entry {
    int64_t total;            /* sum of w over time, up to ts */
    int32_t w;
    uint32_t ts;
    float avg, best;
    uint8_t cls;
} tr_entry;

typedef struct tr_row {
    tr_entry *e;
    uint32_t n, cap;
} tr_row;

typedef struct perceptron {
    u64map index;             /* feature key -> row */
    tr_row *rows;
    uint64_t *row_key;
    size_t n_rows, cap_rows;
    int n_classes;
    const uint16_t *classes;  /* class -> upos, xpos (for kg_tagger_upos_ok) */
    uint32_t now;
} perceptron;

static void perc_free(perceptron *p)
{
    size_t i;
    for (i = 0; i < p->n_rows; i++)
        free(p->rows[i].e);
    free(p->rows);
    free(p->row_key);
    map_free(&p->index);
    memset(p, 0, sizeof *p);
}

/* Register the features of the corpus seen at least min_count times (gold history). */
static int perc_register(perceptron *p, const corpus *c, const int *right, int min_count)
{
    u64map counts;
    size_t i, j;
    uint64_t f[KG_TAGGER_MAX_FEATURES];
    uint32_t *cnt = NULL;
    size_t n_cnt = 0, cap_cnt = 0;
    int rc = KG_ENOMEM;
    if (map_init(&counts, 1u << 20) || map_init(&p->index, 1u << 18))
        goto done;
    for (i = 0; i < c->n_sents; i++) {
        const tr_sent *s = &c->sents[i];
        for (j = 0; j < s->n; j++) {
            int prev1 = j >= 1 ? c->gold[s->first + j - 1] : -1;
            int prev2 = j >= 2 ? c->gold[s->first + j - 2] : -1;
            size_t nf = kg_tagger_features(c->hash + s->first, s->n, j, prev1, prev2,
                                           right ? right + s->first : NULL, f), k;
            for (k = 0; k < nf; k++) {
                int is_new;
                uint32_t *v = map_put(&counts, f[k], (uint32_t)n_cnt, &is_new);
                if (v == NULL)
                    goto done;
                if (is_new) {
                    if (n_cnt == cap_cnt) {
                        size_t cap = cap_cnt ? cap_cnt * 2 : 1u << 20;
                        uint32_t *nc = realloc(cnt, cap * sizeof *nc);
                        if (nc == NULL)
                            goto done;
                        cnt = nc;
                        cap_cnt = cap;
                    }
                    cnt[n_cnt++] = 0;
                }
                cnt[*v]++;
                /* register in first-seen order (deterministic) once frequent enough */
                if (cnt[*v] == (uint32_t)min_count) {
                    uint32_t *r = map_put(&p->index, f[k], (uint32_t)p->n_rows, &is_new);
                    if (r == NULL)
                        goto done;
                    if (p->n_rows == p->cap_rows) {
                        size_t cap = p->cap_rows ? p->cap_rows * 2 : 1u << 16;
                        tr_row *nr = realloc(p->rows, cap * sizeof *nr);
                        uint64_t *nk;
                        if (nr == NULL)
                            goto done;
                        p->rows = nr;
                        nk = realloc(p->row_key, cap * sizeof *nk);
                        if (nk == NULL)
                            goto done;
                        p->row_key = nk;
                        p->cap_rows = cap;
                    }
                    memset(&p->rows[p->n_rows], 0, sizeof p->rows[0]);
                    p->row_key[p->n_rows] = f[k];
                    p->n_rows++;
                }
            }
        }
    }
    rc = KG_OK;
done:
    map_free(&counts);
    free(cnt);
    return rc;
}

/* Row r's entry for class cls, appended (zeroed) when it has none; NULL on
 * no memory. */
static tr_entry *row_entry(tr_row *r, int cls)
{
    uint32_t i;
    for (i = 0; i < r->n; i++)
        if (r->e[i].cls == cls)
            return &r->e[i];
    if (r->n == r->cap) {
        uint32_t cap = r->cap ? r->cap * 2 : 2;
        tr_entry *ne = realloc(r->e, cap * sizeof *ne);
        if (ne == NULL)
            return NULL;
        r->e = ne;
        r->cap = cap;
    }
    memset(&r->e[r->n], 0, sizeof r->e[0]);
    r->e[r->n].cls = (uint8_t)cls;
    return &r->e[r->n++];
}

static int perc_update(perceptron *p, uint32_t row, int cls, int delta)
{
    tr_row *r = &p->rows[row];
    uint32_t n0 = r->n;
    tr_entry *e = row_entry(r, cls);
    if (e == NULL)
        return KG_ENOMEM;
    if (r->n > n0)
        e->ts = p->now;
    e->total += (int64_t)(p->now - e->ts) * e->w;
    e->ts = p->now;
    e->w += delta;
    return KG_OK;
}

/* mode 0: current weights; 1: averaged; 2: best */
static int perc_predict(const perceptron *p, const uint64_t *f, size_t nf, uint32_t *rows,
                        int mode, unsigned upos_ok)
{
    double scores[256];
    size_t k;
    int c, best = 0;
    for (c = 0; c < p->n_classes; c++)
        scores[c] = 0;
    for (k = 0; k < nf; k++) {
        uint32_t row, i;
        if (!map_find(&p->index, f[k], &row)) {
            rows[k] = UINT32_MAX;
            continue;
        }
        rows[k] = row;
        for (i = 0; i < p->rows[row].n; i++) {
            const tr_entry *e = &p->rows[row].e[i];
            scores[e->cls] += mode == 0 ? e->w : mode == 1 ? e->avg : e->best;
        }
    }
    if (upos_ok != ~0u && p->classes)
        for (c = 0; c < p->n_classes; c++)
            if (!(upos_ok >> p->classes[2 * c] & 1))
                scores[c] = -1e300;
    for (c = 1; c < p->n_classes; c++)
        if (scores[c] > scores[best])
            best = c;
    return best;
}

static void perc_average(perceptron *p, int keep_best)
{
    size_t i;
    uint32_t j;
    double now = p->now ? (double)p->now : 1.0;
    for (i = 0; i < p->n_rows; i++)
        for (j = 0; j < p->rows[i].n; j++) {
            tr_entry *e = &p->rows[i].e[j];
            if (keep_best)
                e->best = e->avg;
            else
                e->avg = (float)(((double)e->total + (double)(p->now - e->ts) * e->w) / now);
        }
}

/* Tag sentence s (greedy) with the given weights; classes into out. Tag
 * dictionary entries (dict != NULL) override the model as at run time. */
static void perc_tag(const perceptron *p, const corpus *c, const tr_sent *s, const int *right,
                     const u64map *dict, int mode, int *out)
{
    uint64_t f[KG_TAGGER_MAX_FEATURES];
    uint32_t rows[KG_TAGGER_MAX_FEATURES];
    size_t j;
    for (j = 0; j < s->n; j++) {
        uint32_t d;
        if (dict && map_find(dict, kg_tagger_dict_key(&c->hash[s->first + j]), &d)) {
            out[j] = (int)d;
        } else {
            size_t nf = kg_tagger_features(c->hash + s->first, s->n, j,
                                           j >= 1 ? out[j - 1] : -1, j >= 2 ? out[j - 2] : -1,
                                           right ? right + s->first : NULL, f);
            out[j] = perc_predict(p, f, nf, rows, mode,
                                  kg_tagger_upos_ok(&c->hash[s->first + j]));
        }
    }
}

static uint64_t rng_next(uint64_t *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 33;
}

/* One epoch over the sentences listed in order[0..n). */
static int perc_epoch(perceptron *p, const corpus *c, const size_t *order, size_t n,
                      const int *right)
{
    uint64_t f[KG_TAGGER_MAX_FEATURES];
    uint32_t rows[KG_TAGGER_MAX_FEATURES];
    int hist[2];
    size_t i, j, k;
    for (i = 0; i < n; i++) {
        const tr_sent *s = &c->sents[order[i]];
        hist[0] = hist[1] = -1;
        for (j = 0; j < s->n; j++) {
            int gold = c->gold[s->first + j];
            size_t nf = kg_tagger_features(c->hash + s->first, s->n, j, hist[1], hist[0],
                                           right ? right + s->first : NULL, f);
            int guess = perc_predict(p, f, nf, rows, 0, ~0u);
            p->now++;
            if (guess != gold) {
                for (k = 0; k < nf; k++) {
                    if (rows[k] == UINT32_MAX)
                        continue;
                    if (perc_update(p, rows[k], gold, +1) || perc_update(p, rows[k], guess, -1))
                        return KG_ENOMEM;
                }
            }
            hist[0] = hist[1];
            hist[1] = guess;
        }
    }
    return KG_OK;
}

static void shuffle(size_t *order, size_t n, uint64_t *seed)
{
    size_t i;
    for (i = n; i > 1; i--) {
        size_t j = (size_t)(rng_next(seed) % i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

typedef struct acc {
    size_t n, upos_ok, xpos_ok;
} acc;

static void score(const corpus *c, const tr_sent *s, const int *pred, const uint16_t *classes,
                  acc *a)
{
    size_t j;
    for (j = 0; j < s->n; j++) {
        int k = pred[j];
        a->n++;
        a->upos_ok += classes[2 * k] == c->upos[s->first + j];
        a->xpos_ok += classes[2 * k + 1] == c->xpos[s->first + j];
    }
}

static void progress(const kg_train_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void progress(const kg_train_opts *o, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    if (o->progress == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    o->progress(o->ctx, line);
}

/* Train one perceptron on the sentences train_idx[0..n_train); choose the
 * epoch on dev (if any) and leave the chosen averaged weights in e->best.
 * right / dev_right: first-pass classes for a second-pass model. */
static int train_perceptron_seed(const kg_train_opts *o, perceptron *p, const corpus *train,
                                 const size_t *train_idx, size_t n_train, const int *right,
                                 const corpus *dev, const int *dev_right, const u64map *dict,
                                 const uint16_t *classes, int n_classes, const char *label,
                                 int *best_epoch_out, double *best_acc_out, uint64_t seed)
{
    size_t *order = malloc((n_train ? n_train : 1) * sizeof *order);
    int *pred = NULL;
    int epoch, best_epoch = 0, max_epochs = o->max_epochs > 0 ? o->max_epochs : 15, rc;
    double best = -1;
    size_t i, max_n = 1;
    if (order == NULL)
        return KG_ENOMEM;
    memcpy(order, train_idx, n_train * sizeof *order);
    if (dev)
        for (i = 0; i < dev->n_sents; i++)
            if (dev->sents[i].n > max_n)
                max_n = dev->sents[i].n;
    pred = malloc(max_n * sizeof *pred);
    if (pred == NULL) {
        free(order);
        return KG_ENOMEM;
    }
    p->n_classes = n_classes;
    p->classes = classes;
    for (epoch = 1; epoch <= max_epochs; epoch++) {
        acc a = {0};
        double upos_acc;
        shuffle(order, n_train, &seed);
        rc = perc_epoch(p, train, order, n_train, right);
        if (rc)
            goto done;
        perc_average(p, 0);
        if (dev == NULL) {
            perc_average(p, 1);
            best_epoch = epoch;
            continue;
        }
        for (i = 0; i < dev->n_sents; i++) {
            perc_tag(p, dev, &dev->sents[i], dev_right, dict, 1, pred);
            score(dev, &dev->sents[i], pred, classes, &a);
        }
        upos_acc = a.n ? (double)(a.upos_ok + a.xpos_ok) / (2.0 * (double)a.n) : 0;
        progress(o, "%s epoch %d: dev UPOS %.2f%% XPOS %.2f%%", label, epoch,
                 a.n ? 100.0 * (double)a.upos_ok / (double)a.n : 0,
                 a.n ? 100.0 * (double)a.xpos_ok / (double)a.n : 0);
        if (upos_acc > best) {
            best = upos_acc;
            best_epoch = epoch;
            perc_average(p, 1);
        } else if (epoch - best_epoch >= 3) {
            break; /* no gain for three epochs */
        }
    }
    rc = KG_OK;
    if (best_epoch_out)
        *best_epoch_out = best_epoch;
    if (best_acc_out)
        *best_acc_out = best;
done:
    free(order);
    free(pred);
    return rc;
}

static int train_perceptron(const kg_train_opts *o, perceptron *p, const corpus *train,
                            const size_t *train_idx, size_t n_train, const int *right,
                            const corpus *dev, const int *dev_right, const u64map *dict,
                            const uint16_t *classes, int n_classes, const char *label,
                            int *best_epoch_out, double *best_acc_out)
{
    return train_perceptron_seed(o, p, train, train_idx, n_train, right, dev, dev_right, dict,
                                 classes, n_classes, label, best_epoch_out, best_acc_out,
                                 0x6B67u);
}

/* p.best += q.best, entry by entry (q registered the same rows as p). */
static int perc_merge(perceptron *p, const perceptron *q)
{
    size_t i;
    uint32_t j;
    for (i = 0; i < p->n_rows && i < q->n_rows; i++)
        for (j = 0; j < q->rows[i].n; j++) {
            tr_entry *e = row_entry(&p->rows[i], q->rows[i].e[j].cls);
            if (e == NULL)
                return KG_ENOMEM;
            e->best += q->rows[i].e[j].best;
        }
    return KG_OK;
}

/* The number of sentence orders a pass is trained on (train_mixed): on EWT
 * dev, 3 gain 0.1 UPOS and XPOS over 1 (5: no more). */
#define KG_MIX_ORDERS 3

/* train_perceptron n_mix() times with different sentence orders (each
 * choosing its epoch on dev) and keep the mean of their chosen weights:
 * less of the order's luck in the model. best_acc_out: the last run's. */
static int train_mixed(const kg_train_opts *o, perceptron *p, const corpus *train,
                       const size_t *train_idx, size_t n_train, const int *right,
                       const corpus *dev, const int *dev_right, const u64map *dict,
                       const uint16_t *classes, int n_classes, const char *label,
                       int *best_epoch_out, double *best_acc_out, int min_count)
{
    int k, n = KG_MIX_ORDERS, rc;
    size_t i;
    uint32_t j;
    rc = train_perceptron(o, p, train, train_idx, n_train, right, dev, dev_right, dict, classes,
                          n_classes, label, best_epoch_out, best_acc_out);
    for (k = 1; k < n && rc == KG_OK; k++) {
        perceptron q = {0};
        int ep = 0;
        rc = perc_register(&q, train, right, min_count);
        if (rc == KG_OK)
            rc = train_perceptron_seed(o, &q, train, train_idx, n_train, right, dev, dev_right,
                                       dict, classes, n_classes, label, &ep, best_acc_out,
                                       0x6B67u + 7919u * (uint64_t)k);
        if (rc == KG_OK)
            rc = perc_merge(p, &q);
        perc_free(&q);
    }
    if (rc == KG_OK && n > 1)
        for (i = 0; i < p->n_rows; i++)
            for (j = 0; j < p->rows[i].n; j++)
                p->rows[i].e[j].best /= (float)n;
    return rc;
}

/* ---- classes and the tag dictionary ---- */

typedef struct class_count {
    uint16_t upos, xpos;
    size_t count;
} class_count;

static int cmp_class(const void *a, const void *b)
{
    const class_count *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (x->upos != y->upos)
        return x->upos < y->upos ? -1 : 1;
    return x->xpos < y->xpos ? -1 : x->xpos > y->xpos;
}

/* Words seen >= 10 times with one class >= 99.5% of the time: tagged without scoring. */
static int build_dict(const corpus *c, int n_classes, u64map *dict)
{
    u64map words, pairs;
    uint32_t *word_count = NULL;
    uint64_t *word_key = NULL;
    size_t n_words = 0, cap = 0, i;
    int rc = KG_ENOMEM, cls;
    if (map_init(&words, 1u << 16) || map_init(&pairs, 1u << 17) || map_init(dict, 1u << 14))
        goto done;
    for (i = 0; i < c->n_toks; i++) {
        uint64_t wk = kg_tagger_dict_key(&c->hash[i]);
        int is_new;
        uint32_t *v = map_put(&words, wk, (uint32_t)n_words, &is_new);
        if (v == NULL)
            goto done;
        if (is_new) {
            if (n_words == cap) {
                size_t nc = cap ? cap * 2 : 4096;
                uint32_t *a = realloc(word_count, nc * sizeof *a);
                uint64_t *b;
                if (a == NULL)
                    goto done;
                word_count = a;
                b = realloc(word_key, nc * sizeof *b);
                if (b == NULL)
                    goto done;
                word_key = b;
                cap = nc;
            }
            word_count[n_words] = 0;
            word_key[n_words++] = wk;
        }
        word_count[*v]++;
        v = map_put(&pairs, kg_hash_mix(wk, (uint64_t)c->gold[i] + 7), 0, &is_new);
        if (v == NULL)
            goto done;
        (*v)++;
    }
    for (i = 0; i < n_words; i++) {
        if (word_count[i] < 10)
            continue;
        for (cls = 0; cls < n_classes; cls++) {
            uint32_t n;
            if (map_find(&pairs, kg_hash_mix(word_key[i], (uint64_t)cls + 7), &n) &&
                (double)n >= 0.995 * word_count[i]) {
                int is_new;
                if (map_put(dict, word_key[i], (uint32_t)cls, &is_new) == NULL)
                    goto done;
                break;
            }
        }
    }
    rc = KG_OK;
done:
    map_free(&words);
    map_free(&pairs);
    free(word_count);
    free(word_key);
    return rc;
}

/* ---- lemma learning ---- */

typedef struct lem_rec {
    const char *form, *lemma;   /* lower case, NUL-terminated (in a buffer) */
    uint16_t xpos;
} lem_rec;

static int cmp_lem(const void *a, const void *b)
{
    const lem_rec *x = a, *y = b;
    int r = strcmp(x->form, y->form);
    if (r)
        return r;
    if (x->xpos != y->xpos)
        return x->xpos < y->xpos ? -1 : 1;
    return strcmp(x->lemma, y->lemma);
}

typedef struct rule_rec {
    uint64_t ctx;               /* (xpos, suffix, k) key */
    const char *rule;           /* strip byte + add string, in rules buffer */
    size_t rule_len;
    uint32_t count;
} rule_rec;

static int cmp_rule(const void *a, const void *b)
{
    const rule_rec *x = a, *y = b;
    if (x->ctx != y->ctx)
        return x->ctx < y->ctx ? -1 : 1;
    if (x->rule_len != y->rule_len)
        return x->rule_len < y->rule_len ? -1 : 1;
    return memcmp(x->rule, y->rule, x->rule_len);
}

typedef struct lemma_table {
    uint64_t *keys;
    uint32_t *vals;
    uint32_t cap;
    kg_buf blob;
} lemma_table;

static int ltab_put(lemma_table *t, uint64_t key, const char *val, size_t n)
{
    uint32_t s = (uint32_t)key & (t->cap - 1);
    while (t->keys[s] && t->keys[s] != key)
        s = (s + 1) & (t->cap - 1);
    if (t->keys[s])
        return KG_OK; /* first wins */
    t->keys[s] = key;
    t->vals[s] = (uint32_t)t->blob.len;
    if (kg_buf_append(&t->blob, val, n) || kg_buf_append(&t->blob, "", 1))
        return KG_ENOMEM;
    return KG_OK;
}

/* A known-lemma entry: the key alone, its value the empty string at offset 0. */
static void ltab_put_known(lemma_table *t, uint64_t key)
{
    uint32_t s = (uint32_t)key & (t->cap - 1);
    while (t->keys[s] && t->keys[s] != key)
        s = (s + 1) & (t->cap - 1);
    t->keys[s] = key;
    t->vals[s] = 0;
}

static void lower_into(char *d, const char *s)
{
    for (; *s; s++, d++)
        *d = (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s;
    *d = '\0';
}

static int learn_lemmas(const corpus *c, lemma_table *lt)
{
    kg_buf strs = {0}, rules = {0}, tmp = {0};
    lem_rec *recs = NULL, *types = NULL;
    rule_rec *rr = NULL;
    size_t i, n_types = 0, n_rr = 0, cap_rr = 0, *offs = NULL;
    int rc = KG_ENOMEM;
    size_t n_entries;

    /* lower-case copies of every (form, lemma) */
    offs = malloc((c->n_toks + 1) * 2 * sizeof *offs);
    recs = malloc((c->n_toks + 1) * sizeof *recs);
    types = malloc((c->n_toks + 1) * sizeof *types);
    if (offs == NULL || recs == NULL || types == NULL)
        goto done;
    for (i = 0; i < c->n_toks; i++) {
        size_t fl = c->toks[i].end - c->toks[i].start;
        const char *lem = c->lemmas.data + c->lemma_off[i];
        offs[2 * i] = strs.len;
        if (kg_buf_reserve(&strs, fl + strlen(lem) + 2))
            goto done;
        memcpy(strs.data + strs.len, c->text.data + c->toks[i].start, fl);
        strs.data[strs.len + fl] = '\0';
        lower_into(strs.data + strs.len, strs.data + strs.len);
        strs.len += fl + 1;
        offs[2 * i + 1] = strs.len;
        lower_into(strs.data + strs.len, lem);
        strs.len += strlen(lem) + 1;
        strs.data[strs.len] = '\0';
    }
    for (i = 0; i < c->n_toks; i++) {
        recs[i].form = strs.data + offs[2 * i];
        recs[i].lemma = strs.data + offs[2 * i + 1];
        if (strcmp(recs[i].lemma, "_") == 0)
            recs[i].lemma = recs[i].form;
        recs[i].xpos = c->xpos[i];
    }
    qsort(recs, c->n_toks, sizeof *recs, cmp_lem);
    /* one type per (form, xpos): its most frequent lemma */
    for (i = 0; i < c->n_toks;) {
        size_t j = i, best_n = 0;
        const char *best = recs[i].lemma;
        while (j < c->n_toks && strcmp(recs[j].form, recs[i].form) == 0 &&
               recs[j].xpos == recs[i].xpos) {
            size_t k = j;
            while (k < c->n_toks && strcmp(recs[k].form, recs[j].form) == 0 &&
                   recs[k].xpos == recs[j].xpos && strcmp(recs[k].lemma, recs[j].lemma) == 0)
                k++;
            if (k - j > best_n) {
                best_n = k - j;
                best = recs[j].lemma;
            }
            j = k;
        }
        types[n_types] = recs[i];
        types[n_types].lemma = best;
        n_types++;
        i = j;
    }
    /* candidate rules: for each type and suffix length k, (xpos, suffix_k) -> rule */
    for (i = 0; i < n_types; i++) {
        const char *f = types[i].form, *l = types[i].lemma;
        size_t fn = strlen(f), ln = strlen(l), p = 0, k, j;
        char strip;
        while (p < fn && p < ln && f[p] == l[p])
            p++;
        while (p > 0 && ((unsigned char)f[p] & 0xC0) == 0x80)
            p--;
        if (fn - p > 255)
            continue;
        strip = (char)(fn - p);
        {
            size_t roff = rules.len;
            if (kg_buf_append(&rules, &strip, 1) || kg_buf_puts(&rules, l + p) ||
                kg_buf_append(&rules, "", 1))
                goto done;
            j = fn;
            for (k = 0; k <= 6; k++) {
                if (k > 0) {
                    if (j == 0)
                        break;
                    j--;
                    while (j > 0 && ((unsigned char)f[j] & 0xC0) == 0x80)
                        j--;
                }
                if (fn - j < (size_t)(unsigned char)strip)
                    continue; /* the rule must only touch the suffix it is keyed by */
                if (n_rr == cap_rr) {
                    size_t nc = cap_rr ? cap_rr * 2 : 65536;
                    rule_rec *nr = realloc(rr, nc * sizeof *nr);
                    if (nr == NULL)
                        goto done;
                    rr = nr;
                    cap_rr = nc;
                }
                rr[n_rr].ctx = kg_lemma_rule_key(f + j, fn - j, types[i].xpos, k);
                rr[n_rr].rule = (const char *)(uintptr_t)roff; /* fixed up below */
                rr[n_rr].rule_len = 1 + strlen(l + p);
                rr[n_rr].count = 1;
                n_rr++;
            }
        }
    }
    for (i = 0; i < n_rr; i++)
        rr[i].rule = rules.data + (uintptr_t)rr[i].rule;
    qsort(rr, n_rr, sizeof *rr, cmp_rule);
    /* table size: distinct rule contexts + exceptions (at most one per type) +
       known lemmas (at most one per type) + the known-set marker */
    n_entries = 2 * n_types + 1;
    for (i = 0; i < n_rr;) { /* contexts seen for >= 2 types (the only ones kept) */
        size_t j = i;
        while (j < n_rr && rr[j].ctx == rr[i].ctx)
            j++;
        n_entries += j - i >= 2;
        i = j;
    }
    lt->cap = 1024;
    while (lt->cap < 2 * n_entries + 16)
        lt->cap *= 2;
    lt->keys = calloc(lt->cap, sizeof *lt->keys);
    lt->vals = calloc(lt->cap, sizeof *lt->vals);
    if (lt->keys == NULL || lt->vals == NULL || kg_buf_append(&lt->blob, "", 1))
        goto done;
    /* per context: the majority rule, kept if seen for >= 2 types */
    for (i = 0; i < n_rr;) {
        size_t j = i, best_n = 0, total = 0;
        const rule_rec *best = &rr[i];
        while (j < n_rr && rr[j].ctx == rr[i].ctx) {
            size_t k = j;
            while (k < n_rr && rr[k].ctx == rr[j].ctx && rr[k].rule_len == rr[j].rule_len &&
                   memcmp(rr[k].rule, rr[j].rule, rr[j].rule_len) == 0)
                k++;
            total += k - j;
            if (k - j > best_n) {
                best_n = k - j;
                best = &rr[j];
            }
            j = k;
        }
        if (total >= 2 && best_n * 3 > total)
            if (ltab_put(lt, rr[i].ctx, best->rule, best->rule_len))
                goto done;
        i = j;
    }
    /* known lemmas per word class (lemma.c repairs unseen forms with them) */
    ltab_put_known(lt, kg_lemma_known_key("", 0, 0));
    for (i = 0; i < n_types; i++) {
        int cls = kg_lemma_class(types[i].xpos);
        if (cls)
            ltab_put_known(lt, kg_lemma_known_key(types[i].lemma, strlen(types[i].lemma), cls));
    }
    /* exceptions: types the rules get wrong */
    for (i = 0; i < n_types; i++) {
        const char *f = types[i].form;
        size_t fn = strlen(f);
        int r;
        kg_buf_reset(&tmp);
        r = kg_lemma_apply_rules(lt->keys, lt->vals, lt->cap - 1, lt->blob.data, f, fn,
                                 types[i].xpos, &tmp);
        if (r < 0)
            goto done;
        if (r == 0 && kg_buf_append(&tmp, f, fn))
            goto done;
        if (strcmp(tmp.data ? tmp.data : "", types[i].lemma) != 0 &&
            ltab_put(lt, kg_lemma_exception_key(f, fn, types[i].xpos), types[i].lemma,
                     strlen(types[i].lemma)))
            goto done;
    }
    rc = KG_OK;
done:
    kg_buf_free(&strs);
    kg_buf_free(&rules);
    kg_buf_free(&tmp);
    free(recs);
    free(types);
    free(rr);
    free(offs);
    return rc;
}

/* ---- writing the model ---- */

typedef struct out_pass {
    uint32_t *slots;          /* cap x (fingerprint, row offset) */
    uint32_t *rows;           /* len, entries... */
    uint32_t cap, n_rows, n_features, n_weights;
    int narrow;               /* slots already narrow: cap x uint32 (KG_NARROW_OFF_BITS) */
} out_pass;

/* Turn a pass's wide slots into narrow ones (model version 3). */
static int narrow_slots(out_pass *o)
{
    uint32_t s, *ns = calloc(o->cap ? o->cap : 1, sizeof *ns);
    if (ns == NULL)
        return KG_ENOMEM;
    for (s = 0; s < o->cap; s++)
        if (o->slots[2 * s]) {
            uint32_t fp = o->slots[2 * s] >> KG_NARROW_OFF_BITS; /* the key's top 12 bits */
            ns[s] = (fp ? fp : 1) << KG_NARROW_OFF_BITS | o->slots[2 * s + 1];
        }
    free(o->slots);
    o->slots = ns;
    o->narrow = 1;
    return KG_OK;
}

static void out_pass_free(out_pass *o)
{
    free(o->slots);
    free(o->rows);
}

/* Claim the slot of key; returns its index, or UINT32_MAX if the key is there. */
static uint32_t claim_slot(out_pass *o, uint64_t key)
{
    uint32_t s = (uint32_t)key & (o->cap - 1), fp = (uint32_t)(key >> 32) | 1u;
    while (o->slots[2 * s]) {
        if (o->slots[2 * s] == fp)
            return UINT32_MAX;
        s = (s + 1) & (o->cap - 1);
    }
    o->slots[2 * s] = fp;
    return s;
}

/* Quantised weights below this are dropped (in units of 1/32000 of the
 * largest): the mixed models' many small weights cost size and speed, not
 * accuracy (dev: 200 keeps it, 400 loses 0.07). */
#define KG_PRUNE_MIN 200

static int build_pass(const perceptron *p, const u64map *dict, float scale, out_pass *o)
{
    size_t i, n_feat = 0, n_w = 0;
    uint32_t j, s;
    int n8 = (p->n_classes + 7) & ~7;
    for (i = 0; i < p->n_rows; i++) {
        uint32_t any = 0;
        for (j = 0; j < p->rows[i].n; j++)
            if (labs(lrintf(p->rows[i].e[j].best * scale)) >= KG_PRUNE_MIN)
                any++;
        n_w += any * 3 >= (uint32_t)n8 ? (uint32_t)n8 / 2 : any;
        n_feat += any > 0;
    }
    n_feat += dict->n;
    n_w += dict->n;
    o->cap = 1024;
    while (o->cap < n_feat + n_feat / 2)
        o->cap *= 2;
    o->slots = calloc((size_t)o->cap * 2, sizeof *o->slots);
    o->rows = calloc(n_w + n_feat + 1 + 256, sizeof *o->rows); /* + one sparse row's slack */
    if (!o->slots || !o->rows)
        return KG_ENOMEM;
    o->n_rows = 0;
    /* the dictionary first (in table order: deterministic): rows of one zero weight */
    for (i = 0; i < dict->cap; i++) {
        if (!dict->keys[i])
            continue;
        s = claim_slot(o, dict->keys[i]);
        if (s == UINT32_MAX)
            continue;
        o->slots[2 * s + 1] = o->n_rows;
        o->rows[o->n_rows++] = 1;
        o->rows[o->n_rows++] = dict->vals[i] << 16;
        o->n_weights++;
    }
    for (i = 0; i < p->n_rows; i++) {
        uint32_t start = o->n_rows;
        int cls;
        o->rows[o->n_rows++] = 0;
        /* entries in class order */
        for (cls = 0; cls < p->n_classes; cls++)
            for (j = 0; j < p->rows[i].n; j++) {
                const tr_entry *e = &p->rows[i].e[j];
                long q;
                if (e->cls != cls)
                    continue;
                q = lrintf(e->best * scale);
                if (labs(q) < KG_PRUNE_MIN)
                    continue;
                if (q > 32767)
                    q = 32767;
                if (q < -32767)
                    q = -32767;
                o->rows[o->n_rows++] = (uint32_t)(uint16_t)(int16_t)q | (uint32_t)cls << 16;
            }
        if (o->n_rows == start + 1) {
            o->n_rows = start;
            continue;
        }
        if ((o->n_rows - start - 1) * 3 >= (uint32_t)n8) {
            /* a long row: dense int16 weights for every class, added with vector
             * instructions (KG_ROW_DENSE) */
            uint32_t n = o->n_rows - start - 1, w;
            int16_t dense[256];
            memset(dense, 0, sizeof dense);
            for (w = 0; w < n; w++)
                dense[(o->rows[start + 1 + w] >> 16) & 0xFF] =
                    (int16_t)(o->rows[start + 1 + w] & 0xFFFF);
            for (w = 0; w < (uint32_t)n8 / 2; w++)
                o->rows[start + 1 + w] =
                    (uint32_t)(uint16_t)dense[2 * w] | (uint32_t)(uint16_t)dense[2 * w + 1] << 16;
            o->n_rows = start + 1 + (uint32_t)n8 / 2;
            s = claim_slot(o, p->row_key[i]);
            if (s == UINT32_MAX) {
                o->n_rows = start;
                continue;
            }
            o->rows[start] = KG_ROW_DENSE | (uint32_t)n8 / 2;
            o->slots[2 * s + 1] = start;
            o->n_weights += n;
            o->n_features++;
            continue;
        }
        s = claim_slot(o, p->row_key[i]);
        if (s == UINT32_MAX) { /* same fingerprint and home as a key already in: keep that */
            o->n_rows = start;
            continue;
        }
        o->rows[start] = o->n_rows - start - 1;
        o->slots[2 * s + 1] = start;
        o->n_weights += o->rows[start];
        o->n_features++;
    }
    return KG_OK;
}

static float pass_scale(const perceptron *p)
{
    size_t i;
    uint32_t j;
    float mx = 0;
    for (i = 0; i < p->n_rows; i++)
        for (j = 0; j < p->rows[i].n; j++)
            if (fabsf(p->rows[i].e[j].best) > mx)
                mx = fabsf(p->rows[i].e[j].best);
    /* 1/scale is the smallest weight kept: tiny averaged weights are pruned */
    return mx > 0 ? 32000.0f / mx : 1.0f;
}

static int write_all(FILE *f, const void *p, size_t n, uint64_t *pos)
{
    static const char zeros[8] = {0};
    if (n && fwrite(p, 1, n, f) != n)
        return -1;
    *pos += n;
    if (*pos & 7) {
        size_t pad = 8 - (*pos & 7);
        if (fwrite(zeros, 1, pad, f) != pad)
            return -1;
        *pos += pad;
    }
    return 0;
}

static int write_model(const char *path, const uint16_t *classes, int n_classes,
                       out_pass *passes, int n_passes, const lemma_table *lt,
                       const lex_table *lex, int n_dict, const int *best_epoch, size_t *bytes,
                       kg_error *err)
{
    kg_model_header h;
    char tmp[4096];
    FILE *f;
    uint64_t pos = 0;
    int p, bad = 0;
    int narrow = 1;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, KG_MODEL_MAGIC, 8);
    /* version 2: rows may be dense (KG_ROW_DENSE); 3: also narrow slots, when
     * every row offset fits their 20 bits */
    for (p = 0; p < n_passes; p++)
        if (!passes[p].narrow && passes[p].n_rows >= 1u << KG_NARROW_OFF_BITS)
            narrow = 0;
    for (p = 0; p < n_passes && narrow; p++)
        if (!passes[p].narrow && narrow_slots(&passes[p]))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
    h.version = narrow ? 3 : 2;
    h.n_classes = (uint32_t)n_classes;
    h.n_passes = (uint32_t)n_passes;
    h.lemma_cap = lt->cap;
    h.n_dict = (uint32_t)n_dict;
    h.best_epoch = (uint32_t)(best_epoch[0] | best_epoch[1] << 8);
    /* offsets */
    pos = (sizeof h + 7) & ~(uint64_t)7;
    h.classes_off = pos;
    pos += ((uint64_t)n_classes * 4 + 7) & ~(uint64_t)7;
    for (p = 0; p < n_passes; p++) {
        kg_model_pass *mp = &h.pass[p];
        mp->cap = passes[p].cap;
        mp->n_rows = passes[p].n_rows;
        mp->slots_off = pos;
        pos += ((uint64_t)mp->cap * (narrow ? 4 : 8) + 7) & ~(uint64_t)7;
        mp->rows_off = pos;
        pos += ((uint64_t)mp->n_rows * 4 + 7) & ~(uint64_t)7;
    }
    h.lemma_keys_off = pos;
    pos += (uint64_t)lt->cap * 8;
    h.lemma_vals_off = pos;
    pos += ((uint64_t)lt->cap * 4 + 7) & ~(uint64_t)7;
    h.lemma_blob_off = pos;
    h.lemma_blob_len = lt->blob.len;
    pos += (lt->blob.len + 7) & ~(uint64_t)7;
    if (lex->e) {
        h.lex_off = pos;
        h.lex_cap = lex->cap;
    }

    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "wb");
    if (f == NULL)
        return kg_error_set(err, KG_EIO, "%s: cannot write: %s", tmp, strerror(errno));
    pos = 0;
    bad |= write_all(f, &h, sizeof h, &pos);
    bad |= write_all(f, classes, (size_t)n_classes * 4, &pos);
    for (p = 0; p < n_passes; p++) {
        bad |= write_all(f, passes[p].slots, (size_t)passes[p].cap * (narrow ? 4 : 8), &pos);
        bad |= write_all(f, passes[p].rows, (size_t)passes[p].n_rows * 4, &pos);
    }
    bad |= write_all(f, lt->keys, (size_t)lt->cap * 8, &pos);
    bad |= write_all(f, lt->vals, (size_t)lt->cap * 4, &pos);
    bad |= write_all(f, lt->blob.data, lt->blob.len, &pos);
    if (lex->e)
        bad |= write_all(f, lex->e, (size_t)lex->cap * 8, &pos);
    if (fclose(f) != 0)
        bad = 1;
    if (bad || rename(tmp, path) != 0) {
        remove(tmp);
        return kg_error_set(err, KG_EIO, "%s: cannot write the model", path);
    }
    *bytes = (size_t)pos;
    return KG_OK;
}

/* ---- the whole training ---- */

int kg_tagger_train(const kg_train_opts *o, kg_train_report *rep, kg_error *err)
{
    corpus train = {0}, dev = {0};
    perceptron p1 = {0}, p2 = {0};
    u64map dict = {0};
    lemma_table lt = {0};
    lex_table lex = {0};
    out_pass outp[2];
    class_count cc[256];
    uint16_t classes[512];
    int n_classes = 0, rc, two_pass = !o->one_pass, best_epoch[2] = {0, 0};
    int min_count = o->min_count > 0 ? o->min_count : 2;
    int *right = NULL, *dev_right = NULL;
    size_t *idx = NULL, i, j, max_n = 1;
    double best_acc = 0;

    memset(outp, 0, sizeof outp);
    memset(rep, 0, sizeof *rep);
    rc = read_conllu(o->train_path, o->max_sentences, &train, err);
    if (rc)
        goto done;
    if (o->relemma_model) {
        /* keep the tagger of an existing model, learn the lemmas again */
        kg_tagger *t = NULL;
        int p;
        rc = kg_tagger_load(o->relemma_model, &t, err);
        if (rc)
            goto done;
        n_classes = (int)t->hdr->n_classes;
        memcpy(classes, t->classes, (size_t)n_classes * 4);
        best_epoch[0] = (int)(t->hdr->best_epoch & 0xFF);
        best_epoch[1] = (int)(t->hdr->best_epoch >> 8);
        for (p = 0; p < t->n_passes; p++) {
            outp[p].cap = t->pass[p].mask + 1;
            outp[p].n_rows = t->pass[p].n_rows;
            outp[p].narrow = t->pass[p].narrow;
            outp[p].slots = malloc((size_t)outp[p].cap * (outp[p].narrow ? 4 : 8));
            outp[p].rows = malloc((size_t)outp[p].n_rows * 4 + 4);
            if (outp[p].slots == NULL || outp[p].rows == NULL) {
                kg_tagger_free(t);
                goto nomem;
            }
            memcpy(outp[p].slots, t->pass[p].slots, (size_t)outp[p].cap * (outp[p].narrow ? 4 : 8));
            memcpy(outp[p].rows, t->pass[p].rows, (size_t)outp[p].n_rows * 4);
        }
        two_pass = t->n_passes == 2;
        i = t->hdr->n_dict;
        if (t->lex) {
            lex.cap = t->lex_mask + 1;
            lex.e = malloc((size_t)lex.cap * 8);
            if (lex.e == NULL) {
                kg_tagger_free(t);
                goto nomem;
            }
            memcpy(lex.e, t->lex, (size_t)lex.cap * 8);
        }
        kg_tagger_free(t);
        if (learn_lemmas(&train, &lt))
            goto nomem;
        rc = write_model(o->out_path, classes, n_classes, outp, two_pass ? 2 : 1, &lt, &lex, (int)i,
                         best_epoch, &rep->model_bytes, err);
        rep->n_classes = (size_t)n_classes;
        rep->n_train_tokens = train.n_toks;
        rep->best_epoch[0] = best_epoch[0];
        rep->best_epoch[1] = best_epoch[1];
        goto done;
    }
    if (o->dev_path && (rc = read_conllu(o->dev_path, 0, &dev, err)) != 0)
        goto done;
    if (train.n_toks == 0) {
        rc = kg_error_set(err, KG_EINPUT, "%s: no tokens", o->train_path);
        goto done;
    }
    /* classes: (upos, xpos) pairs by frequency */
    for (i = 0; i < train.n_toks; i++) {
        int k;
        for (k = 0; k < n_classes; k++)
            if (cc[k].upos == train.upos[i] && cc[k].xpos == train.xpos[i])
                break;
        if (k == n_classes) {
            if (n_classes == 255) {
                rc = kg_error_set(err, KG_EINPUT, "%s: too many (UPOS, XPOS) pairs",
                                  o->train_path);
                goto done;
            }
            cc[k].upos = train.upos[i];
            cc[k].xpos = train.xpos[i];
            cc[k].count = 0;
            n_classes++;
        }
        cc[k].count++;
    }
    qsort(cc, (size_t)n_classes, sizeof cc[0], cmp_class);
    for (i = 0; i < (size_t)n_classes; i++) {
        classes[2 * i] = cc[i].upos;
        classes[2 * i + 1] = cc[i].xpos;
    }
    for (i = 0; i < train.n_toks; i++) {
        int k;
        for (k = 0; k < n_classes; k++)
            if (classes[2 * k] == train.upos[i] && classes[2 * k + 1] == train.xpos[i])
                break;
        train.gold[i] = k;
    }
    rc = KG_ENOMEM;
    if (corpus_hash(&train) || corpus_hash(&dev) || build_dict(&train, n_classes, &dict))
        goto nomem;
    if (o->lexicon_path || o->neighbours_path) {
        if ((rc = read_lexicon(o->lexicon_path, o->neighbours_path, &lex, err)) != 0)
            goto done;
        /* frequent words: their own weights know them; a lexicon class shared
         * with many words only pulls them astray ("union" read as a number
         * like the noun-and-adjective "three") */
        if (lex_mark_frequent(&lex, &train, 10))
            goto nomem;
        corpus_lex(&train, &lex);
        corpus_lex(&dev, &lex);
        rc = KG_ENOMEM;
    }
    /* "known" words: normalised form seen >= min_count times in training, as
     * the word feature's presence in the model tells at run time */
    {
        u64map wc;
        if (map_init(&wc, 1u << 16))
            goto nomem;
        for (i = 0; i < train.n_toks; i++) {
            int is_new;
            uint32_t *v = map_put(&wc, kg_tagger_word_key(&train.hash[i]), 0, &is_new);
            if (v == NULL) {
                map_free(&wc);
                goto nomem;
            }
            (*v)++;
        }
        for (i = 0; i < train.n_toks; i++) {
            uint32_t v = 0;
            map_find(&wc, kg_tagger_word_key(&train.hash[i]), &v);
            train.hash[i].known = v >= (uint32_t)min_count;
        }
        for (i = 0; i < dev.n_toks; i++) {
            uint32_t v = 0;
            map_find(&wc, kg_tagger_word_key(&dev.hash[i]), &v);
            dev.hash[i].known = v >= (uint32_t)min_count;
        }
        map_free(&wc);
    }
    idx = malloc(train.n_sents * sizeof *idx);
    right = malloc(train.n_toks * sizeof *right);
    dev_right = malloc((dev.n_toks ? dev.n_toks : 1) * sizeof *dev_right);
    if (idx == NULL || right == NULL || dev_right == NULL)
        goto nomem;
    for (i = 0; i < train.n_sents; i++) {
        idx[i] = i;
        if (train.sents[i].n > max_n)
            max_n = train.sents[i].n;
    }
    progress(o, "%zu sentences, %zu tokens, %d classes, %zu dictionary words", train.n_sents,
             train.n_toks, n_classes, dict.n);

    /* pass 1 on all the training data */
    if (perc_register(&p1, &train, NULL, min_count))
        goto nomem;
    rc = train_mixed(o, &p1, &train, idx, train.n_sents, NULL, dev.n_sents ? &dev : NULL,
                     NULL, &dict, classes, n_classes, "pass 1", &best_epoch[0], &best_acc,
                     min_count);
    if (rc)
        goto nomem;
    rep->dev_upos = best_acc;

    if (two_pass) {
        /* first-pass tags of the training data by 4-fold jackknifing */
        int fold;
        for (fold = 0; fold < 4; fold++) {
            perceptron pf = {0};
            size_t n_in = 0;
            size_t *in_idx = malloc(train.n_sents * sizeof *in_idx);
            kg_train_opts fo = *o;
            if (in_idx == NULL)
                goto nomem;
            for (i = 0; i < train.n_sents; i++)
                if ((int)(i % 4) != fold)
                    in_idx[n_in++] = i;
            fo.max_epochs = best_epoch[0] > 0 ? best_epoch[0] : 1;
            fo.progress = NULL;
            if (perc_register(&pf, &train, NULL, min_count) ||
                train_perceptron(&fo, &pf, &train, in_idx, n_in, NULL, NULL, NULL, NULL,
                                 classes, n_classes, "fold", NULL, NULL)) {
                perc_free(&pf);
                free(in_idx);
                goto nomem;
            }
            for (i = (size_t)fold; i < train.n_sents; i += 4)
                perc_tag(&pf, &train, &train.sents[i], NULL, &dict, 2,
                         right + train.sents[i].first);
            perc_free(&pf);
            free(in_idx);
            progress(o, "jackknife fold %d done", fold + 1);
        }
        for (i = 0; i < dev.n_sents; i++)
            perc_tag(&p1, &dev, &dev.sents[i], NULL, &dict, 2, dev_right + dev.sents[i].first);
        if (perc_register(&p2, &train, right, min_count))
            goto nomem;
        rc = train_mixed(o, &p2, &train, idx, train.n_sents, right, dev.n_sents ? &dev : NULL,
                         dev_right, &dict, classes, n_classes, "pass 2", &best_epoch[1],
                         &best_acc, min_count);
        if (rc)
            goto nomem;
    }
    /* final dev figures with the chosen weights */
    if (dev.n_sents) {
        acc a = {0};
        int *pred = malloc(dev.n_toks * sizeof *pred);
        if (pred == NULL)
            goto nomem;
        for (i = 0; i < dev.n_sents; i++) {
            const tr_sent *s = &dev.sents[i];
            perc_tag(&p1, &dev, s, NULL, &dict, 2, pred + s->first);
            if (two_pass) {
                memcpy(dev_right + s->first, pred + s->first, s->n * sizeof *pred);
                perc_tag(&p2, &dev, s, dev_right, &dict, 2, pred + s->first);
            }
            score(&dev, s, pred + s->first, classes, &a);
        }
        free(pred);
        rep->dev_upos = (double)a.upos_ok / (double)a.n;
        rep->dev_xpos = (double)a.xpos_ok / (double)a.n;
    }
    if (learn_lemmas(&train, &lt))
        goto nomem;
    if (build_pass(&p1, &dict, pass_scale(&p1), &outp[0]) ||
        (two_pass && build_pass(&p2, &dict, pass_scale(&p2), &outp[1])))
        goto nomem;
    rc = write_model(o->out_path, classes, n_classes, outp, two_pass ? 2 : 1, &lt, &lex,
                     (int)dict.n, best_epoch, &rep->model_bytes, err);
    if (rc)
        goto done;
    rep->best_epoch[0] = best_epoch[0];
    rep->best_epoch[1] = best_epoch[1];
    rep->n_classes = (size_t)n_classes;
    rep->n_features = outp[0].n_features + outp[1].n_features;
    rep->n_weights = outp[0].n_weights + outp[1].n_weights;
    rep->n_train_tokens = train.n_toks;
    (void)j;
    rc = KG_OK;
    goto done;
nomem:
    rc = kg_error_set(err, KG_ENOMEM, "out of memory while training");
done:
    corpus_free(&train);
    corpus_free(&dev);
    perc_free(&p1);
    perc_free(&p2);
    map_free(&dict);
    free(lt.keys);
    free(lex.e);
    free(lt.vals);
    kg_buf_free(&lt.blob);
    out_pass_free(&outp[0]);
    out_pass_free(&outp[1]);
    free(idx);
    free(right);
    free(dev_right);
    return rc;
}
