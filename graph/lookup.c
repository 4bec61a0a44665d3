/*
 * lookup.c -- the SQL side of the engine: entity and relation resolution
 * (case-insensitive names and aliases, inflected relation names, PCRE2
 * regexes), "did you mean" suggestions, entity records, cached id -> name
 * lookups for printing, triple patterns and the evidence behind statements.
 *
 * Place in the flow: graph/ stage, over the store's SQLite connection. Point
 * lookups go through indexes (entity.name_key, alias primary key, triple's
 * unique and object indexes); regexes and suggestions scan names (they run
 * once per query, and only on a miss for suggestions).
 */
#include "traverse_int.h"

#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>

/* ------------------------------------------------------------ helpers */

typedef struct i64vec { int64_t *v; size_t n, cap; } i64vec;

static int i64_push(i64vec *a, int64_t x)
{
    if (a->n == a->cap) {
        size_t nc = a->cap ? a->cap * 2 : 16;
        int64_t *p = realloc(a->v, nc * sizeof *p);
        if (!p)
            return KG_ENOMEM;
        a->v = p;
        a->cap = nc;
    }
    a->v[a->n++] = x;
    return KG_OK;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void i64_sort_unique(i64vec *a)
{
    size_t i, k = 0;
    if (a->n < 2)
        return;
    qsort(a->v, a->n, sizeof *a->v, cmp_i64);
    for (i = 0; i < a->n; i++)
        if (k == 0 || a->v[k - 1] != a->v[i])
            a->v[k++] = a->v[i];
    a->n = k;
}

/* kg_fold_key, also for the empty string (base's version leaves that one
 * unterminated). Caller frees. */
static char *fold(const char *s, size_t n)
{
    if (n == 0) {
        char *e = malloc(1);
        if (e)
            e[0] = '\0';
        return e;
    }
    return kg_fold_key(s, n);
}

static int db_fail(kg_store *st, kg_error *err, const char *what)
{
    return kg_error_set(err, KG_EDB, "%s: %s: %s", kg_store_path(st), what,
                        sqlite3_errmsg(kg_store_db(st)));
}

static int prepare(kg_store *st, const char *sql, sqlite3_stmt **stmt, kg_error *err)
{
    if (sqlite3_prepare_v2(kg_store_db(st), sql, -1, stmt, NULL) != SQLITE_OK) {
        *stmt = NULL;
        return db_fail(st, err, "lookup");
    }
    return KG_OK;
}

static char *dup_text(sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    size_t n;
    char *s;
    if (!t)
        return NULL;
    n = (size_t)sqlite3_column_bytes(stmt, col);
    s = malloc(n + 1);
    if (s) {
        memcpy(s, t, n);
        s[n] = '\0';
    }
    return s;
}

/* Collect column 0 (int64) of every row into a sorted unique vector. */
static int collect_ids(kg_store *st, sqlite3_stmt *stmt, i64vec *ids, kg_error *err)
{
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW)
        if (i64_push(ids, sqlite3_column_int64(stmt, 0)))
            return kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
    if (step != SQLITE_DONE)
        return db_fail(st, err, "lookup");
    return KG_OK;
}

static void hand_over(i64vec *a, int64_t **ids, size_t *n)
{
    i64_sort_unique(a);
    *ids = a->v;
    *n = a->n;
    a->v = NULL;
}

/* ------------------------------------------------------------ entities */

int kg_lookup_entity(kg_store *st, const char *name, int64_t **ids, size_t *n, kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    i64vec a = {0};
    char *key;
    int rc;

    *ids = NULL;
    *n = 0;
    key = fold(name, strlen(name));
    if (!key)
        return kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
    rc = prepare(st, "SELECT id FROM entity WHERE name_key = ?1 "
                     "UNION SELECT entity_id FROM alias WHERE alias_key = ?1", &stmt, err);
    if (!rc) {
        sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
        rc = collect_ids(st, stmt, &a, err);
    }
    sqlite3_finalize(stmt);
    free(key);
    if (rc) {
        free(a.v);
        return rc;
    }
    hand_over(&a, ids, n);
    return KG_OK;
}

static int compile_regex(const char *regex, pcre2_code **re, kg_error *err)
{
    int ecode;
    PCRE2_SIZE eoff;
    *re = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP,
                        &ecode, &eoff, NULL);
    if (!*re) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        kg_error_set(err, KG_ESYNTAX, "bad regular expression \"%.60s\": %s at offset %zu",
                     regex, (const char *)msg, (size_t)eoff);
        if (err && err->code == KG_ESYNTAX)
            err->offset = (size_t)eoff;
        return KG_ESYNTAX;
    }
    return KG_OK;
}

/* Rows (id, text): keep ids whose text matches re. */
static int regex_scan(kg_store *st, const char *sql, const char *regex, int64_t **ids, size_t *n,
                      kg_error *err)
{
    pcre2_code *re = NULL;
    pcre2_match_data *md = NULL;
    sqlite3_stmt *stmt = NULL;
    i64vec a = {0};
    int rc, step;

    *ids = NULL;
    *n = 0;
    rc = compile_regex(regex, &re, err);
    if (rc)
        return rc;
    md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!md) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
        goto done;
    }
    rc = prepare(st, sql, &stmt, err);
    if (rc)
        goto done;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(stmt, 1);
        int64_t id = sqlite3_column_int64(stmt, 0);
        if (!t)
            continue;
        if (a.n && a.v[a.n - 1] == id)
            continue;
        if (pcre2_match(re, (PCRE2_SPTR)t, (PCRE2_SIZE)sqlite3_column_bytes(stmt, 1), 0, 0, md, NULL) >= 0 &&
            i64_push(&a, id)) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
            goto done;
        }
    }
    if (step != SQLITE_DONE)
        rc = db_fail(st, err, "lookup");
done:
    sqlite3_finalize(stmt);
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    if (rc) {
        free(a.v);
        return rc;
    }
    hand_over(&a, ids, n);
    return KG_OK;
}

int kg_lookup_entity_regex(kg_store *st, const char *regex, int64_t **ids, size_t *n, kg_error *err)
{
    return regex_scan(st, "SELECT id, name FROM entity UNION ALL "
                          "SELECT entity_id, alias FROM alias ORDER BY 1",
                      regex, ids, n, err);
}

int kg_entity_get(kg_store *st, int64_t id, kg_entity_info *out, kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    kg_entity_info e;
    int rc, step;

    memset(&e, 0, sizeof e);
    memset(out, 0, sizeof *out);
    rc = prepare(st, "SELECT name, type, mention_count, name_key FROM entity WHERE id = ?1", &stmt, err);
    if (rc)
        return rc;
    sqlite3_bind_int64(stmt, 1, id);
    step = sqlite3_step(stmt);
    if (step == SQLITE_DONE) {
        sqlite3_finalize(stmt);
        return kg_error_set(err, KG_ENOTFOUND, "no entity with id %lld", (long long)id);
    }
    if (step != SQLITE_ROW) {
        rc = db_fail(st, err, "reading an entity");
        sqlite3_finalize(stmt);
        return rc;
    }
    e.id = id;
    e.name = dup_text(stmt, 0);
    e.type = dup_text(stmt, 1);
    e.mention_count = sqlite3_column_int64(stmt, 2);
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (!e.name || !e.type) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory reading an entity");
        goto fail;
    }
    rc = prepare(st, "SELECT a.alias FROM alias a, entity e WHERE a.entity_id = ?1 AND e.id = ?1 "
                     "AND a.alias_key != e.name_key ORDER BY a.alias", &stmt, err);
    if (rc)
        goto fail;
    sqlite3_bind_int64(stmt, 1, id);
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        char *s = dup_text(stmt, 0), **p;
        if (!s)
            continue;
        p = realloc(e.aliases, (e.n_aliases + 1) * sizeof *p);
        if (!p) {
            free(s);
            rc = kg_error_set(err, KG_ENOMEM, "out of memory reading an entity");
            goto fail;
        }
        e.aliases = p;
        e.aliases[e.n_aliases++] = s;
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(st, err, "reading aliases");
        goto fail;
    }
    sqlite3_finalize(stmt);
    *out = e;
    return KG_OK;
fail:
    sqlite3_finalize(stmt);
    kg_entity_info_free(&e);
    return rc;
}

void kg_entity_info_free(kg_entity_info *e)
{
    size_t i;
    if (!e)
        return;
    free(e->name);
    free(e->type);
    for (i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    memset(e, 0, sizeof *e);
}

/* U+00C0..U+017F folded to lower-case ASCII ("" = keep the letter) */
static const char *const latin_fold[0x180 - 0xC0] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

/* U+1E00..U+1EFF (Latin Extended Additional: "Ḥ", "ạ", "ễ") as its base
 * letter in lower case, '.' = keep; even code points are the capitals,
 * except U+1E96..U+1E9F. */
static const char latin_ext_add[257] =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

/* name folded for an accent-blind comparison: case-folded, Latin letters
 * with diacritics as their base letters ("Łódź" -> "lodz", "Société" ->
 * "societe", also written with combining marks), typographic quotes, dashes
 * and no-break spaces as their ASCII forms. NULL on no memory. */
static char *fold_ascii(const char *name)
{
    char *plain = kg_lookup_strip_accents(name), *k;
    if (plain == NULL)
        return NULL;
    k = fold(plain, strlen(plain)); /* "Ḥadīd" -> "Hadid" -> "hadid" */
    free(plain);
    return k;
}

char *kg_lookup_strip_accents(const char *name)
{
    size_t n = strlen(name), i = 0, j = 0;
    char *o = malloc(2 * n + 1);
    if (o == NULL)
        return NULL;
    while (i < n) {
        uint32_t cp;
        int len = kg_utf8_decode(name + i, n - i, &cp);
        if (len <= 0) {
            o[j++] = name[i++];
            continue;
        }
        if (cp >= 0x300 && cp <= 0x36F) {
            /* a combining mark: dropped */
        } else if (cp >= 0xC0 && cp < 0x180 && latin_fold[cp - 0xC0][0]) {
            const char *r = latin_fold[cp - 0xC0];
            char *lower = kg_fold_key(name + i, (size_t)len);
            int is_upper = lower == NULL || memcmp(lower, name + i, (size_t)len) != 0;
            size_t rl = strlen(r);
            free(lower);
            memcpy(o + j, r, rl);
            if (is_upper)
                o[j] = (char)(o[j] - 'a' + 'A');
            j += rl;
        } else if (cp >= 0x1E00 && cp < 0x1F00 && latin_ext_add[cp - 0x1E00] != '.') {
            char c = latin_ext_add[cp - 0x1E00];
            int is_upper = cp % 2 == 0 && !(cp >= 0x1E96 && cp <= 0x1E9F);
            o[j++] = is_upper ? (char)(c - 'a' + 'A') : c;
        } else if (cp == 0x2018 || cp == 0x2019) {
            o[j++] = '\'';
        } else if (cp == 0x201C || cp == 0x201D) {
            o[j++] = '"';
        } else if (cp >= 0x2010 && cp <= 0x2015) {
            o[j++] = '-';
        } else if (cp == 0xA0 || cp == 0x202F) {
            o[j++] = ' ';
        } else {
            memcpy(o + j, name + i, (size_t)len);
            j += (size_t)len;
        }
        i += (size_t)len;
    }
    o[j] = '\0';
    return o;
}

int kg_lookup_entity_folded(kg_store *st, const char *name, int64_t **ids, size_t *n,
                            kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    i64vec v = {0};
    char *key = fold_ascii(name);
    int rc, step;
    *ids = NULL;
    *n = 0;
    if (key == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
    rc = prepare(st, "SELECT id, name FROM entity UNION ALL SELECT entity_id, alias FROM alias",
                 &stmt, err);
    if (rc) {
        free(key);
        return rc;
    }
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *nm = (const char *)sqlite3_column_text(stmt, 1);
        char *fk;
        int same;
        if (nm == NULL)
            continue;
        if ((fk = fold_ascii(nm)) == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
            break;
        }
        same = strcmp(fk, key) == 0;
        free(fk);
        if (same && i64_push(&v, sqlite3_column_int64(stmt, 0))) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
            break;
        }
    }
    if (rc == KG_OK && step != SQLITE_DONE)
        rc = db_fail(st, err, "lookup");
    sqlite3_finalize(stmt);
    free(key);
    if (rc) {
        free(v.v);
        return rc;
    }
    hand_over(&v, ids, n);
    return KG_OK;
}

/* ---------------------------------------------------------- suggestions */

/* Levenshtein distance on bytes, giving up (returning > cap) past cap. */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t cap, size_t *row)
{
    size_t i, j;
    if ((na > nb ? na - nb : nb - na) > cap)
        return cap + 1;
    for (j = 0; j <= nb; j++)
        row[j] = j;
    for (i = 1; i <= na; i++) {
        size_t diag = row[0], best;
        row[0] = i;
        best = row[0];
        for (j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v) v = up + 1;
            if (row[j - 1] + 1 < v) v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best) best = v;
        }
        if (best > cap)
            return cap + 1;
    }
    return row[nb];
}

typedef struct suggestion { char *name; int is_prefix; size_t score; } suggestion;

static int better(const suggestion *x, const suggestion *y)
{
    if (x->is_prefix != y->is_prefix)
        return x->is_prefix > y->is_prefix;
    if (x->score != y->score)
        return x->score < y->score;
    return strcmp(x->name, y->name) < 0;
}

/* Rows (display name, key): the max best for name. */
static int suggest_scan(kg_store *st, const char *sql, const char *name, char ***names, size_t *n,
                        size_t max, kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    suggestion *best = NULL;
    size_t n_best = 0, *row = NULL, i, nk, cap;
    char *key = NULL;
    int rc = KG_OK, step;

    *names = NULL;
    *n = 0;
    if (max == 0)
        return KG_OK;
    key = fold(name, strlen(name));
    best = calloc(max + 1, sizeof *best);
    if (!key || !best) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
        goto done;
    }
    nk = strlen(key);
    cap = nk / 3 > 2 ? nk / 3 : 2;
    rc = prepare(st, sql, &stmt, err);
    if (rc)
        goto done;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *disp = (const char *)sqlite3_column_text(stmt, 0);
        const char *ck = (const char *)sqlite3_column_text(stmt, 1);
        size_t nc, d;
        suggestion s;
        if (!disp || !ck)
            continue;
        nc = (size_t)sqlite3_column_bytes(stmt, 1);
        /* 2: the name itself (find), 1: a longer name it starts */
        s.is_prefix = nc == nk && memcmp(ck, key, nk) == 0 ? 2
                      : nk >= 2 && nc > nk && memcmp(ck, key, nk) == 0;
        if (s.is_prefix) {
            d = nc - nk;
        } else {
            size_t *r2 = realloc(row, (nc + 1) * sizeof *row);
            if (!r2) {
                rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
                goto done;
            }
            row = r2;
            d = edit_distance(key, nk, ck, nc, cap, row);
            if (d > cap)
                continue;
        }
        s.score = d;
        s.name = (char *)disp;
        if (n_best == max && !better(&s, &best[max - 1]))
            continue;
        /* skip a name already kept (an alias of a kept entity) */
        for (i = 0; i < n_best; i++)
            if (strcmp(best[i].name, disp) == 0)
                break;
        if (i < n_best) {
            if (better(&s, &best[i])) {
                best[i].is_prefix = s.is_prefix;
                best[i].score = s.score;
            } else {
                continue;
            }
        } else {
            s.name = malloc(strlen(disp) + 1);
            if (!s.name) {
                rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
                goto done;
            }
            strcpy(s.name, disp);
            if (n_best == max) {
                free(best[max - 1].name);
                n_best--;
            }
            best[n_best++] = s;
        }
        /* insertion sort keeps best[] ordered */
        for (i = n_best; i-- > 1 && better(&best[i], &best[i - 1]);) {
            suggestion t = best[i];
            best[i] = best[i - 1];
            best[i - 1] = t;
        }
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(st, err, "suggestions");
        goto done;
    }
    if (n_best) {
        char **out = malloc(n_best * sizeof *out);
        if (!out) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
            goto done;
        }
        for (i = 0; i < n_best; i++) {
            out[i] = best[i].name;
            best[i].name = NULL;
        }
        *names = out;
        *n = n_best;
    }
done:
    sqlite3_finalize(stmt);
    if (best)
        for (i = 0; i < n_best; i++)
            free(best[i].name);
    free(best);
    free(row);
    free(key);
    return rc;
}

static int suggest_by_words(kg_store *st, const char *name, char ***names, size_t *n, size_t max,
                            int is_entity, kg_error *err);

int kg_lookup_suggest(kg_store *st, const char *name, char ***names, size_t *n, size_t max,
                      kg_error *err)
{
    int rc = suggest_scan(st, "SELECT name, name_key FROM entity UNION ALL "
                              "SELECT e.name, a.alias_key FROM alias a JOIN entity e ON e.id = a.entity_id",
                          name, names, n, max, err);
    if (rc || *n > 0 || max == 0)
        return rc;
    /* nothing close in spelling: the names sharing the most words with it
     * ("Altman" -> "Sam Altman") */
    return suggest_by_words(st, name, names, n, max, 1, err);
}

static char *rel_key(const char *s, size_t n);
static size_t lemma_forms(const char *w, char **forms, size_t max);

/* Little words that say nothing about which relation was meant. */
static int is_rel_stopword(const char *w, size_t n)
{
    static const char *const stop[] = {"a", "an", "the", "to", "of", "in", "on", "at", "for",
                                       "with", "by", "from", "be", "is", "are", "was", "have",
                                       "has", "had", "as", "into", "and", "or", "not", "no"};
    size_t i;
    for (i = 0; i < sizeof stop / sizeof stop[0]; i++)
        if (strlen(stop[i]) == n && strncmp(stop[i], w, n) == 0)
            return 1;
    return 0;
}

/* Does the relation key rk contain the word w (whole word)? */
static int has_word(const char *rk, const char *w)
{
    size_t wl = strlen(w);
    const char *p = rk;
    while ((p = strstr(p, w)) != NULL) {
        if ((p == rk || p[-1] == ' ') && (p[wl] == ' ' || p[wl] == '\0'))
            return 1;
        p++;
    }
    return 0;
}

typedef struct rel_sugg { char *name; size_t shared, len; } rel_sugg;

static int rel_sugg_better(const rel_sugg *x, const rel_sugg *y)
{
    if (x->shared != y->shared)
        return x->shared > y->shared;
    if (x->len != y->len)
        return x->len < y->len;
    return strcmp(x->name, y->name) < 0;
}

/* No relation within edit distance: the relations sharing the most content
 * words with the name, a word matching in any of its inflections ("holds
 * license" suggests "hold" and "retain license for"). */
static int suggest_by_words(kg_store *st, const char *name, char ***names, size_t *n, size_t max,
                            int is_entity, kg_error *err)
{
    char *key = is_entity ? fold_ascii(name) : rel_key(name, strlen(name)), *words[32][8];
    size_t n_forms[32], n_words = 0, i, j, n_best = 0;
    rel_sugg *best = NULL;
    sqlite3_stmt *stmt = NULL;
    int rc = KG_OK, step;
    const char *p;

    if (key == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
    for (p = key; *p && n_words < 32;) {
        size_t wl = strcspn(p, " ");
        if (wl >= 2 && !is_rel_stopword(p, wl)) {
            char *w = malloc(wl + 1);
            if (w) {
                memcpy(w, p, wl);
                w[wl] = '\0';
                if (is_entity) {
                    words[n_words][0] = w; /* a name's word as written (folded) */
                    n_forms[n_words] = 1;
                } else {
                    n_forms[n_words] = lemma_forms(w, words[n_words], 8);
                    free(w);
                }
                n_words++;
            }
        }
        p += wl;
        while (*p == ' ')
            p++;
    }
    best = calloc(max + 1, sizeof *best);
    if (best == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
        goto done;
    }
    if (n_words == 0)
        goto done;
    rc = prepare(st, is_entity ? "SELECT name, name FROM entity UNION ALL SELECT e.name, a.alias "
                                 "FROM alias a JOIN entity e ON e.id = a.entity_id"
                               : "SELECT name, name FROM relation", &stmt, err);
    if (rc)
        goto done;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *rn = (const char *)sqlite3_column_text(stmt, 0);
        const char *cmp_text = (const char *)sqlite3_column_text(stmt, 1);
        char *rk;
        rel_sugg sg;
        if (!rn || !cmp_text)
            continue;
        rk = is_entity ? fold_ascii(cmp_text) : rel_key(cmp_text, strlen(cmp_text));
        if (rk == NULL)
            continue;
        sg.shared = 0;
        for (i = 0; i < n_words; i++)
            for (j = 0; j < n_forms[i]; j++)
                if (has_word(rk, words[i][j])) {
                    sg.shared++;
                    break;
                }
        free(rk);
        if (sg.shared == 0)
            continue;
        sg.name = (char *)rn;
        sg.len = strlen(rn);
        if (n_best == max && !rel_sugg_better(&sg, &best[max - 1]))
            continue;
        for (i = 0; i < n_best; i++) /* an alias of a name already kept */
            if (strcmp(best[i].name, rn) == 0)
                break;
        if (i < n_best) {
            if (rel_sugg_better(&sg, &best[i]))
                best[i].shared = sg.shared;
            continue;
        }
        if ((sg.name = malloc(sg.len + 1)) == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
            goto done;
        }
        memcpy(sg.name, rn, sg.len + 1);
        if (n_best == max)
            free(best[--n_best].name);
        best[n_best++] = sg;
        for (i = n_best - 1; i > 0 && rel_sugg_better(&best[i], &best[i - 1]); i--) {
            rel_sugg t = best[i];
            best[i] = best[i - 1];
            best[i - 1] = t;
        }
    }
    if (step != SQLITE_DONE)
        rc = db_fail(st, err, "suggestions");
done:
    sqlite3_finalize(stmt);
    if (rc == KG_OK && n_best) {
        *names = calloc(n_best, sizeof **names);
        if (*names == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in suggestions");
        } else {
            for (i = 0; i < n_best; i++) {
                (*names)[i] = best[i].name;
                best[i].name = NULL;
            }
            *n = n_best;
        }
    }
    for (i = 0; best && i < n_best; i++)
        free(best[i].name);
    free(best);
    for (i = 0; i < n_words; i++)
        for (j = 0; j < n_forms[i]; j++)
            free(words[i][j]);
    free(key);
    return rc;
}

int kg_lookup_suggest_relation(kg_store *st, const char *name, char ***names, size_t *n,
                               size_t max, kg_error *err)
{
    int rc = suggest_scan(st, "SELECT name, lower(replace(name, '_', ' ')) FROM relation",
                          name, names, n, max, err);
    if (rc || *n > 0 || max == 0)
        return rc;
    return suggest_by_words(st, name, names, n, max, 0, err);
}

void kg_names_free(char **names, size_t n)
{
    size_t i;
    if (!names)
        return;
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* ------------------------------------------------------------ relations */

/* A relation name as compared: folded, '_' as ' ', runs of spaces as one, trimmed. */
static char *rel_key(const char *s, size_t n)
{
    char *k = fold(s, n), *r, *w;
    int space = 1;
    if (!k)
        return NULL;
    for (r = w = k; *r; r++) {
        char ch = *r == '_' || *r == '\t' ? ' ' : *r;
        if (ch == ' ') {
            if (space)
                continue;
            space = 1;
        } else {
            space = 0;
        }
        *w++ = ch;
    }
    if (w > k && w[-1] == ' ')
        w--;
    *w = '\0';
    return k;
}

static const char *const irregular[][2] = {
    {"paid", "pay"}, {"bought", "buy"}, {"sold", "sell"}, {"led", "lead"}, {"made", "make"},
    {"held", "hold"}, {"won", "win"}, {"took", "take"}, {"taken", "take"}, {"gave", "give"},
    {"given", "give"}, {"got", "get"}, {"gotten", "get"}, {"had", "have"}, {"has", "have"},
    {"was", "be"}, {"were", "be"}, {"is", "be"}, {"are", "be"}, {"been", "be"}, {"said", "say"},
    {"found", "find"}, {"built", "build"}, {"left", "leave"}, {"met", "meet"}, {"ran", "run"},
    {"sent", "send"}, {"lent", "lend"}, {"spent", "spend"}, {"brought", "bring"},
    {"taught", "teach"}, {"thought", "think"}, {"fought", "fight"}, {"began", "begin"},
    {"begun", "begin"}, {"became", "become"}, {"came", "come"}, {"went", "go"}, {"gone", "go"},
    {"saw", "see"}, {"seen", "see"}, {"told", "tell"}, {"knew", "know"}, {"known", "know"},
    {"wrote", "write"}, {"written", "write"}, {"grew", "grow"}, {"grown", "grow"},
    {"spun", "spin"}, {"struck", "strike"}, {"chose", "choose"}, {"chosen", "choose"},
    {"kept", "keep"}, {"lost", "lose"}, {"meant", "mean"}, {"dealt", "deal"}, {"drew", "draw"},
    {"drawn", "draw"}, {"rose", "rise"}, {"risen", "rise"}, {"fell", "fall"}, {"fallen", "fall"},
    {"did", "do"}, {"done", "do"}, {"does", "do"}, {"goes", "go"}, {"stood", "stand"},
    {"understood", "understand"}, {"oversaw", "oversee"}, {"overseen", "oversee"},
    {"forgave", "forgive"}, {"withdrew", "withdraw"}, {"undertook", "undertake"},
    {"bid", "bid"}, {"cut", "cut"}, {"set", "set"}, {"put", "put"}, {"hit", "hit"},
};

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Possible lemmas of a word (the word itself first). Each is malloc'd. */
static size_t lemma_forms(const char *w, char **forms, size_t max)
{
    size_t n = strlen(w), k = 0, i;
#define ADD(src, len, suffix) do { \
        if (k < max) { \
            size_t sl_ = strlen(suffix); \
            char *f_ = malloc((len) + sl_ + 1); \
            if (f_) { memcpy(f_, (src), (len)); memcpy(f_ + (len), (suffix), sl_ + 1); forms[k++] = f_; } \
        } } while (0)
#define ENDS(s) (n > strlen(s) + 1 && strcmp(w + n - strlen(s), (s)) == 0)
    ADD(w, n, "");
    for (i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (strcmp(w, irregular[i][0]) == 0)
            ADD(irregular[i][1], strlen(irregular[i][1]), "");
    if (ENDS("ies")) ADD(w, n - 3, "y");
    if (ENDS("es")) { ADD(w, n - 2, ""); }
    if (ENDS("s") && !ENDS("ss")) ADD(w, n - 1, "");
    if (ENDS("ied")) ADD(w, n - 3, "y");
    if (ENDS("ed")) {
        ADD(w, n - 2, "");
        ADD(w, n - 1, "");
        if (n >= 5 && w[n - 3] == w[n - 4] && !is_vowel(w[n - 3]))
            ADD(w, n - 3, "");
    }
    if (ENDS("ing")) {
        ADD(w, n - 3, "");
        ADD(w, n - 3, "e");
        if (n >= 6 && w[n - 4] == w[n - 5] && !is_vowel(w[n - 4]))
            ADD(w, n - 4, "");
    }
#undef ADD
#undef ENDS
    return k;
}

/* How a stored relation key rk matches the query's candidates (cands[0] is the
 * query as written): 1 exactly, 2 through an inflection of either side's first
 * word ("pay" finds a stored "pays" and "paid" finds "pay"), 0 not at all. */
static int rel_match(const char *rk, char *const *cands, size_t n_cands)
{
    char *forms[16];
    size_t n_forms, i, j, first = strcspn(rk, " ");
    int kind = 0;
    char *w;
    if (n_cands == 0)
        return 0;
    if (strcmp(rk, cands[0]) == 0)
        return 1;
    for (i = 1; i < n_cands; i++)
        if (strcmp(rk, cands[i]) == 0)
            return 2;
    w = malloc(first + 1);
    if (!w)
        return 0;
    memcpy(w, rk, first);
    w[first] = '\0';
    n_forms = lemma_forms(w, forms, 16);
    free(w);
    /* forms[0] is the stored word itself, already compared */
    for (i = 1; i < n_forms && !kind; i++) {
        size_t fl = strlen(forms[i]);
        for (j = 0; j < n_cands && !kind; j++)
            if (strncmp(cands[j], forms[i], fl) == 0 && strcmp(cands[j] + fl, rk + first) == 0 &&
                (cands[j][fl] == ' ' || cands[j][fl] == '\0'))
                kind = 2;
    }
    for (i = 0; i < n_forms; i++)
        free(forms[i]);
    return kind;
}

int kg_lookup_relation(kg_store *st, const char *name, int64_t **ids, size_t *n, kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    i64vec exact = {0}, inflected = {0};
    char *key = NULL, *forms[16], **cands = NULL;
    size_t n_forms = 0, n_cands = 0, i, first_len;
    int rc, step;

    *ids = NULL;
    *n = 0;
    key = rel_key(name, strlen(name));
    if (!key)
        return kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
    /* inflect the first word: "holds license" -> "hold license" */
    first_len = strcspn(key, " ");
    {
        char save = key[first_len];
        key[first_len] = '\0';
        n_forms = lemma_forms(key, forms, 16);
        key[first_len] = save;
    }
    cands = calloc(n_forms ? n_forms : 1, sizeof *cands);
    if (!cands) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
        goto done;
    }
    for (i = 0; i < n_forms; i++) {
        size_t fl = strlen(forms[i]), rl = strlen(key + first_len);
        char *c = malloc(fl + rl + 1);
        if (!c)
            continue;
        memcpy(c, forms[i], fl);
        memcpy(c + fl, key + first_len, rl + 1);
        cands[n_cands++] = c;
    }
    rc = prepare(st, "SELECT id, name FROM relation", &stmt, err);
    if (rc)
        goto done;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *rn = (const char *)sqlite3_column_text(stmt, 1);
        char *rk;
        if (!rn)
            continue;
        rk = rel_key(rn, (size_t)sqlite3_column_bytes(stmt, 1));
        if (!rk) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
            goto done;
        }
        {
            int kind = rel_match(rk, cands, n_cands); /* 0 none, 1 exact, 2 inflected */
            if (kind && i64_push(kind == 1 ? &exact : &inflected, sqlite3_column_int64(stmt, 0))) {
                free(rk);
                rc = kg_error_set(err, KG_ENOMEM, "out of memory in lookup");
                goto done;
            }
        }
        free(rk);
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(st, err, "lookup");
        goto done;
    }
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (exact.n == 0 && inflected.n == 0) {
        /* the surface text, as written in a sentence ("no longer pays") */
        rc = prepare(st, "SELECT relation_id FROM triple WHERE lower(surface) = ?1 "
                         "UNION SELECT t.relation_id FROM evidence e JOIN triple t ON t.id = e.triple_id "
                         "WHERE lower(e.surface) = ?1", &stmt, err);
        if (rc)
            goto done;
        sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
        rc = collect_ids(st, stmt, &exact, err);
        if (rc)
            goto done;
    }
    if (exact.n)
        hand_over(&exact, ids, n);
    else
        hand_over(&inflected, ids, n);
done:
    sqlite3_finalize(stmt);
    for (i = 0; i < n_forms; i++)
        free(forms[i]);
    for (i = 0; i < n_cands; i++)
        free(cands[i]);
    free(cands);
    free(key);
    free(exact.v);
    free(inflected.v);
    return rc;
}

int kg_lookup_relation_regex(kg_store *st, const char *regex, int64_t **ids, size_t *n,
                             kg_error *err)
{
    return regex_scan(st, "SELECT id, name FROM relation ORDER BY id", regex, ids, n, err);
}

/* ---------------------------------------------------------- name caches */

static uint64_t hash_id(int64_t id)
{
    uint64_t x = (uint64_t)id;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

/* Copy n bytes + NUL into the cache's chunks; NULL on ENOMEM. */
static char *cache_str(name_cache *c, const char *s, size_t n)
{
    char *p;
    if (n + 1 > c->left) {
        size_t sz = n + 1 > 65536 ? n + 1 : 65536;
        char **nc = realloc(c->chunks, (c->n_chunks + 1) * sizeof *nc);
        if (!nc)
            return NULL;
        c->chunks = nc;
        p = malloc(sz);
        if (!p)
            return NULL;
        c->chunks[c->n_chunks++] = p;
        c->cur = p;
        c->left = sz;
    }
    p = c->cur;
    memcpy(p, s, n);
    p[n] = '\0';
    c->cur += n + 1;
    c->left -= n + 1;
    return p;
}

static char *cache_col(name_cache *c, sqlite3_stmt *stmt, int col)
{
    const unsigned char *t = sqlite3_column_text(stmt, col);
    if (!t)
        return NULL;
    return cache_str(c, (const char *)t, (size_t)sqlite3_column_bytes(stmt, col));
}

static name_slot *cache_find(name_cache *c, int64_t id)
{
    size_t i;
    if (!c->cap)
        return NULL;
    for (i = hash_id(id) & (c->cap - 1); c->slots[i].name; i = (i + 1) & (c->cap - 1))
        if (c->slots[i].id == id)
            return &c->slots[i];
    return NULL;
}

/* name and type are cache strings (cache_str). */
static name_slot *cache_put(name_cache *c, int64_t id, char *name, char *type)
{
    size_t i;
    if ((c->used + 1) * 2 > c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256, j;
        name_slot *ns = calloc(nc, sizeof *ns);
        if (!ns)
            return NULL;
        for (j = 0; j < c->cap; j++)
            if (c->slots[j].name) {
                size_t k = hash_id(c->slots[j].id) & (nc - 1);
                while (ns[k].name)
                    k = (k + 1) & (nc - 1);
                ns[k] = c->slots[j];
            }
        free(c->slots);
        c->slots = ns;
        c->cap = nc;
    }
    i = hash_id(id) & (c->cap - 1);
    while (c->slots[i].name)
        i = (i + 1) & (c->cap - 1);
    c->slots[i].id = id;
    c->slots[i].name = name;
    c->slots[i].type = type;
    c->used++;
    return &c->slots[i];
}

static void cache_free(name_cache *c)
{
    size_t i;
    for (i = 0; i < c->n_chunks; i++)
        free(c->chunks[i]);
    free(c->chunks);
    free(c->slots);
    memset(c, 0, sizeof *c);
}

/* A type string, shared: types repeat (ORG, PERSON, ...). */
static char *cache_type(name_cache *c, sqlite3_stmt *stmt, int col, char **last)
{
    const char *t = (const char *)sqlite3_column_text(stmt, col);
    if (!t)
        t = "OTHER";
    if (*last && strcmp(*last, t) == 0)
        return *last;
    *last = cache_str(c, t, strlen(t));
    return *last;
}

/* Load every entity's name in one scan of the entity table: far cheaper than
 * one indexed lookup per row when a result prints a large part of the graph
 * (a hub's neighbourhood). 0 ok, -1 failed (the cache keeps what it has). */
static int load_all_names(kg_graph *g, kg_store *st)
{
    sqlite3_stmt *stmt = NULL;
    char *last_type = NULL;
    int step;
    if (sqlite3_prepare_v2(kg_store_db(st), "SELECT id, name, type FROM entity", -1, &stmt, NULL) != SQLITE_OK)
        return -1;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(stmt, 0);
        char *name, *type;
        if (cache_find(&g->entities, id))
            continue;
        name = cache_col(&g->entities, stmt, 1);
        type = cache_type(&g->entities, stmt, 2, &last_type);
        if (!name || !type || !cache_put(&g->entities, id, name, type)) {
            sqlite3_finalize(stmt);
            return -1;
        }
    }
    sqlite3_finalize(stmt);
    return step == SQLITE_DONE ? 0 : -1;
}

static name_slot *entity_slot(kg_graph *g, kg_store *st, int64_t id)
{
    name_slot *s = cache_find(&g->entities, id);
    sqlite3_stmt *stmt;
    char *name = NULL, *type = NULL, *last = NULL;
    size_t threshold;
    if (s)
        return s;
    if (g->has_all_names)
        return NULL;
    if (!st)
        st = g->st;
    threshold = g->n_nodes / 32 > 4096 ? g->n_nodes / 32 : 4096;
    if (++g->name_misses == threshold) {
        g->has_all_names = load_all_names(g, st) == 0;
        if (g->has_all_names)
            return cache_find(&g->entities, id);
    }
    if (!g->ent_stmt &&
        sqlite3_prepare_v2(kg_store_db(st), "SELECT name, type FROM entity WHERE id = ?1", -1,
                           (sqlite3_stmt **)&g->ent_stmt, NULL) != SQLITE_OK)
        return NULL;
    stmt = g->ent_stmt;
    sqlite3_bind_int64(stmt, 1, id);
    if (sqlite3_step(stmt) == SQLITE_ROW) {
        name = cache_col(&g->entities, stmt, 0);
        type = cache_type(&g->entities, stmt, 1, &last);
    }
    sqlite3_reset(stmt);
    if (!name || !type)
        return NULL;
    return cache_put(&g->entities, id, name, type);
}

const char *kg_graph_entity_name(kg_graph *g, kg_store *st, int64_t id)
{
    name_slot *s = entity_slot(g, st, id);
    return s ? s->name : NULL;
}

const char *kg_graph_entity_type(kg_graph *g, kg_store *st, int64_t id)
{
    name_slot *s = entity_slot(g, st, id);
    return s ? s->type : NULL;
}

const char *kg_graph_relation_name(kg_graph *g, kg_store *st, int64_t id)
{
    name_slot *s = cache_find(&g->relations, id);
    sqlite3_stmt *stmt;
    char *name = NULL;
    if (s)
        return s->name;
    if (!st)
        st = g->st;
    if (!g->rel_stmt &&
        sqlite3_prepare_v2(kg_store_db(st), "SELECT name FROM relation WHERE id = ?1", -1,
                           (sqlite3_stmt **)&g->rel_stmt, NULL) != SQLITE_OK)
        return NULL;
    stmt = g->rel_stmt;
    sqlite3_bind_int64(stmt, 1, id);
    if (sqlite3_step(stmt) == SQLITE_ROW)
        name = cache_col(&g->relations, stmt, 0);
    sqlite3_reset(stmt);
    if (!name)
        return NULL;
    s = cache_put(&g->relations, id, name, NULL);
    return s ? s->name : NULL;
}

void kg_graph_names_free(kg_graph *g)
{
    cache_free(&g->entities);
    cache_free(&g->relations);
    sqlite3_finalize((sqlite3_stmt *)g->ent_stmt);
    sqlite3_finalize((sqlite3_stmt *)g->rel_stmt);
    g->ent_stmt = g->rel_stmt = NULL;
}

/* ------------------------------------------------------------- patterns */

static int append_rel_filter(kg_buf *sql, const char *col, const int64_t *relations, size_t n_rel)
{
    size_t i;
    int rc = kg_buf_printf(sql, " AND %s IN (", col);
    for (i = 0; !rc && i < n_rel; i++)
        rc = kg_buf_printf(sql, "%s%lld", i ? "," : "", (long long)relations[i]);
    if (!rc)
        rc = kg_buf_puts(sql, ")");
    return rc;
}

static int cmp_edge_id(const void *a, const void *b)
{
    int64_t x = ((const kg_edge *)a)->triple_id, y = ((const kg_edge *)b)->triple_id;
    return (x > y) - (x < y);
}

/* Room for edge n in *res (capacity *cap, doubled as needed); 0 on no
 * memory, *res left as it was. */
static int edge_room(kg_edge **res, size_t n, size_t *cap)
{
    size_t nc;
    kg_edge *p;
    if (n < *cap)
        return 1;
    nc = *cap ? *cap * 2 : 64;
    if ((p = realloc(*res, nc * sizeof *p)) == NULL)
        return 0;
    *res = p;
    *cap = nc;
    return 1;
}

int kg_triples_find(kg_store *st, int64_t subject, const int64_t *relations, size_t n_rel,
                    int64_t object, kg_edge **out, size_t *n_out, kg_error *err)
{
    kg_buf sql = {0};
    sqlite3_stmt *stmt = NULL;
    kg_edge *res = NULL;
    size_t n = 0, cap = 0;
    int rc, step;

    *out = NULL;
    *n_out = 0;
    if (relations && n_rel == 0)
        return KG_OK; /* an empty relation set matches nothing */
    rc = kg_buf_puts(&sql, "SELECT id, subject_id, relation_id, object_id, negated FROM triple WHERE 1");
    if (!rc && subject >= 0)
        rc = kg_buf_puts(&sql, " AND subject_id = ?1");
    if (!rc && object >= 0)
        rc = kg_buf_puts(&sql, " AND object_id = ?2");
    if (!rc && relations)
        rc = append_rel_filter(&sql, "relation_id", relations, n_rel);
    /* No ORDER BY: with one, SQLite walks the relation index (already in id
     * order) even when the subject is known, i.e. every statement of that
     * relation per lookup (a two-pattern join on a 100k graph took 25 s). The
     * rows are sorted by id below instead. */
    if (rc) {
        kg_buf_free(&sql);
        return kg_error_set(err, KG_ENOMEM, "out of memory in match");
    }
    rc = prepare(st, sql.data, &stmt, err);
    kg_buf_free(&sql);
    if (rc)
        return rc;
    if (subject >= 0)
        sqlite3_bind_int64(stmt, 1, subject);
    if (object >= 0)
        sqlite3_bind_int64(stmt, 2, object);
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!edge_room(&res, n, &cap)) {
            free(res);
            sqlite3_finalize(stmt);
            return kg_error_set(err, KG_ENOMEM, "out of memory in match");
        }
        res[n].triple_id = sqlite3_column_int64(stmt, 0);
        res[n].subject = sqlite3_column_int64(stmt, 1);
        res[n].relation = sqlite3_column_int64(stmt, 2);
        res[n].object = sqlite3_column_int64(stmt, 3);
        res[n].is_negated = sqlite3_column_int(stmt, 4) != 0;
        n++;
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(st, err, "match");
        free(res);
        sqlite3_finalize(stmt);
        return rc;
    }
    sqlite3_finalize(stmt);
    if (n > 1)
        qsort(res, n, sizeof *res, cmp_edge_id);
    *out = res;
    *n_out = n;
    return KG_OK;
}

/* kg_graph_triples_find: a bound end is answered from the snapshot's
 * adjacency lists (per node in triple id order, like the SQL result), with no
 * SQL statement to prepare per call: a join's inner lookups are then a scan of
 * one node's edges. */
static int rel_wanted(const int64_t *rels, size_t n_rel, int64_t r)
{
    size_t i;
    if (rels == NULL)
        return 1;
    if (n_rel > 8)
        return kg_sorted_has(rels, n_rel, r);
    for (i = 0; i < n_rel; i++)
        if (rels[i] == r)
            return 1;
    return 0;
}

int kg_graph_triples_find(kg_graph *g, int64_t subject, const int64_t *relations, size_t n_rel,
                          int64_t object, kg_edge **out, size_t *n_out, uint64_t *work,
                          kg_error *err)
{
    uint32_t su = 0, ou = 0;
    const kg_adj *list;
    uint64_t lo, hi, k;
    int64_t *sorted = NULL;
    kg_edge *res = NULL;
    size_t n = 0, cap = 0, i;
    int by_out;

    *out = NULL;
    *n_out = 0;
    if (subject < 0 && object < 0)
        return kg_triples_find(g->st, subject, relations, n_rel, object, out, n_out, err);
    if (relations && n_rel == 0)
        return KG_OK;
    if ((subject >= 0 && !kg_graph_node_of(g, subject, &su)) ||
        (object >= 0 && !kg_graph_node_of(g, object, &ou)))
        return KG_OK; /* an entity without statements */
    by_out = subject >= 0 &&
             (object < 0 || g->out_off[su + 1] - g->out_off[su] <= g->in_off[ou + 1] - g->in_off[ou]);
    if (by_out) {
        list = g->out;
        lo = g->out_off[su];
        hi = g->out_off[su + 1];
    } else {
        list = g->in;
        lo = g->in_off[ou];
        hi = g->in_off[ou + 1];
    }
    if (work)
        *work += hi - lo;
    if (relations && n_rel > 8) {
        sorted = malloc(n_rel * sizeof *sorted);
        if (sorted == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory in match");
        memcpy(sorted, relations, n_rel * sizeof *sorted);
        qsort(sorted, n_rel, sizeof *sorted, cmp_i64);
        relations = sorted;
    }
    for (k = lo; k < hi; k++) {
        const kg_adj *a = &list[k];
        int64_t r = (int64_t)(a->rel & ~KG_ADJ_NEGATED);
        if (by_out ? (object >= 0 && a->node != ou) : (subject >= 0 && a->node != su))
            continue;
        if (!rel_wanted(relations, n_rel, r))
            continue;
        if (!edge_room(&res, n, &cap)) {
            free(res);
            free(sorted);
            return kg_error_set(err, KG_ENOMEM, "out of memory in match");
        }
        res[n].triple_id = a->triple_id;
        res[n].relation = r;
        res[n].is_negated = (a->rel & KG_ADJ_NEGATED) != 0;
        if (by_out) {
            res[n].subject = subject;
            res[n].object = g->node_ids[a->node];
        } else {
            res[n].subject = g->node_ids[a->node];
            res[n].object = object;
        }
        n++;
    }
    free(sorted);
    for (i = 1; i < n; i++)
        if (res[i].triple_id < res[i - 1].triple_id)
            break;
    if (i < n)
        qsort(res, n, sizeof *res, cmp_edge_id);
    *out = res;
    *n_out = n;
    return KG_OK;
}

static int statements_read(kg_store *st, sqlite3_stmt *stmt, kg_statement **out, size_t *n_out,
                           kg_error *err);

/* The time of one evidence row of why: the time its own sentence gave (none
 * when it gave none: the statement's time, first seen, may come from another
 * sentence); an imported record, which has no sentence, and a statement
 * without evidence show the statement's time. */
#define KG_EVIDENCE_TIME "CASE WHEN e.sentence_id IS NULL THEN coalesce(e.time, t.time) ELSE e.time END"

/* The columns statements_read reads, and the evidence joined to triples t. */
#define KG_WHY_COLUMNS \
    "SELECT t.id, t.subject_id, t.relation_id, t.object_id, t.negated, " \
    "coalesce(e.confidence, t.confidence), d.source, se.text, " KG_EVIDENCE_TIME " "
#define KG_WHY_JOINS \
    "LEFT JOIN evidence e ON e.triple_id = t.id " \
    "LEFT JOIN document d ON d.id = e.document_id " \
    "LEFT JOIN sentence se ON se.id = e.sentence_id "

/* The rows of kg_statements_between for the given triple ids (evidence joined),
 * ordered by triple id then evidence id. */
static int statements_of_ids(kg_store *st, const int64_t *ids, size_t n_ids, kg_statement **out,
                             size_t *n_out, kg_error *err)
{
    kg_buf sql = {0};
    sqlite3_stmt *stmt = NULL;
    size_t i;
    int rc = kg_buf_puts(&sql, KG_WHY_COLUMNS "FROM triple t " KG_WHY_JOINS "WHERE t.id IN (");
    for (i = 0; !rc && i < n_ids; i++)
        rc = kg_buf_printf(&sql, "%s%lld", i ? "," : "", (long long)ids[i]);
    if (!rc)
        rc = kg_buf_puts(&sql, ") ORDER BY t.id, e.id");
    if (rc) {
        kg_buf_free(&sql);
        return kg_error_set(err, KG_ENOMEM, "out of memory in why");
    }
    rc = prepare(st, sql.data, &stmt, err);
    kg_buf_free(&sql);
    if (rc)
        return rc;
    return statements_read(st, stmt, out, n_out, err);
}

int kg_statements_of_triples(kg_store *st, const int64_t *ids, size_t n_ids, kg_statement **out,
                             size_t *n_out, kg_error *err)
{
    kg_statement *all = NULL;
    size_t n_all = 0, i;
    int rc = KG_OK;
    *out = NULL;
    *n_out = 0;
    for (i = 0; i < n_ids && rc == KG_OK; i += 500) {
        kg_statement *part = NULL, *grown;
        size_t n_part = 0, k = n_ids - i < 500 ? n_ids - i : 500;
        if ((rc = statements_of_ids(st, ids + i, k, &part, &n_part, err)) != KG_OK)
            break;
        if (n_part == 0) {
            free(part);
            continue;
        }
        grown = realloc(all, (n_all + n_part) * sizeof *all);
        if (grown == NULL) {
            kg_statements_free(part, n_part);
            rc = kg_error_set(err, KG_ENOMEM, "out of memory in why");
            break;
        }
        all = grown;
        memcpy(all + n_all, part, n_part * sizeof *part); /* the strings move with them */
        n_all += n_part;
        free(part);
    }
    if (rc != KG_OK) {
        kg_statements_free(all, n_all);
        return rc;
    }
    *out = all;
    *n_out = n_all;
    return KG_OK;
}

int kg_graph_statements_between(kg_graph *g, int64_t a, int64_t b, const int64_t *relations,
                                size_t n_rel, kg_statement **out, size_t *n_out, kg_error *err)
{
    kg_edge *e1 = NULL, *e2 = NULL;
    size_t n1 = 0, n2 = 0, i;
    int64_t *ids;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (relations && n_rel == 0)
        return KG_OK;
    if ((rc = kg_graph_triples_find(g, a, relations, n_rel, b, &e1, &n1, NULL, err)) != KG_OK)
        return rc;
    if (a != b && (rc = kg_graph_triples_find(g, b, relations, n_rel, a, &e2, &n2, NULL, err)) != KG_OK) {
        free(e1);
        return rc;
    }
    if (n1 + n2 == 0) {
        free(e1);
        free(e2);
        return KG_OK;
    }
    ids = malloc((n1 + n2) * sizeof *ids);
    if (ids == NULL) {
        free(e1);
        free(e2);
        return kg_error_set(err, KG_ENOMEM, "out of memory in why");
    }
    for (i = 0; i < n1; i++)
        ids[i] = e1[i].triple_id;
    for (i = 0; i < n2; i++)
        ids[n1 + i] = e2[i].triple_id;
    free(e1);
    free(e2);
    rc = statements_of_ids(g->st, ids, n1 + n2, out, n_out, err);
    free(ids);
    return rc;
}

int kg_statements_between(kg_store *st, int64_t a, int64_t b, const int64_t *relations,
                          size_t n_rel, kg_statement **out, size_t *n_out, kg_error *err)
{
    kg_buf sql = {0};
    sqlite3_stmt *stmt = NULL;
    int rc;

    *out = NULL;
    *n_out = 0;
    if (relations && n_rel == 0)
        return KG_OK;
    rc = kg_buf_puts(&sql,
        KG_WHY_COLUMNS
        "FROM (SELECT * FROM triple WHERE subject_id = ?1 AND object_id = ?2 "
        "      UNION SELECT * FROM triple WHERE subject_id = ?2 AND object_id = ?1) t "
        KG_WHY_JOINS "WHERE 1");
    if (!rc && relations)
        rc = append_rel_filter(&sql, "t.relation_id", relations, n_rel);
    if (!rc)
        rc = kg_buf_puts(&sql, " ORDER BY t.id, e.id");
    if (rc) {
        kg_buf_free(&sql);
        return kg_error_set(err, KG_ENOMEM, "out of memory in why");
    }
    rc = prepare(st, sql.data, &stmt, err);
    kg_buf_free(&sql);
    if (rc)
        return rc;
    sqlite3_bind_int64(stmt, 1, a);
    sqlite3_bind_int64(stmt, 2, b);
    return statements_read(st, stmt, out, n_out, err);
}

/* Read the rows of a prepared statement (columns: triple id, subject,
 * relation, object, negated, confidence, document, sentence, time) and
 * finalize it. */
static int statements_read(kg_store *st, sqlite3_stmt *stmt, kg_statement **out, size_t *n_out,
                           kg_error *err)
{
    kg_statement *res = NULL;
    size_t n = 0, cap = 0;
    int rc, step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        kg_statement *s;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            kg_statement *p = realloc(res, nc * sizeof *p);
            if (!p)
                goto nomem;
            res = p;
            cap = nc;
        }
        s = &res[n];
        memset(s, 0, sizeof *s);
        s->edge.triple_id = sqlite3_column_int64(stmt, 0);
        s->edge.subject = sqlite3_column_int64(stmt, 1);
        s->edge.relation = sqlite3_column_int64(stmt, 2);
        s->edge.object = sqlite3_column_int64(stmt, 3);
        s->edge.is_negated = sqlite3_column_int(stmt, 4) != 0;
        s->confidence = sqlite3_column_double(stmt, 5);
        n++;
        if ((sqlite3_column_type(stmt, 6) != SQLITE_NULL && !(s->document = dup_text(stmt, 6))) ||
            (sqlite3_column_type(stmt, 7) != SQLITE_NULL && !(s->sentence = dup_text(stmt, 7))) ||
            (sqlite3_column_type(stmt, 8) != SQLITE_NULL && !(s->time = dup_text(stmt, 8))))
            goto nomem;
    }
    if (step != SQLITE_DONE) {
        rc = db_fail(st, err, "why");
        kg_statements_free(res, n);
        sqlite3_finalize(stmt);
        return rc;
    }
    sqlite3_finalize(stmt);
    *out = res;
    *n_out = n;
    return KG_OK;
nomem:
    kg_statements_free(res, n);
    sqlite3_finalize(stmt);
    return kg_error_set(err, KG_ENOMEM, "out of memory in why");
}

void kg_statements_free(kg_statement *s, size_t n)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < n; i++) {
        free(s[i].document);
        free(s[i].sentence);
        free(s[i].time);
    }
    free(s);
}
