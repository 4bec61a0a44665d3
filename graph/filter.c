/*
 * filter.c -- statement filters for the query language's edge clauses:
 * `min confidence X` and `as of DATE` become a set of triples that walks and
 * lookups skip (kg_triples_filter), `by confidence` reads each triple's
 * confidence (kg_triple_confidences), and the free-text time qualifiers the
 * extractor stores ("October 2025", "since February 2026", "under the old
 * deal") are read as date intervals (kg_time_parse).
 *
 * Place in the flow: graph/ stage, beside lookup.c; SQL scans of the triple
 * table, run only by queries that use these clauses.
 *
 * Dates are integers yyyymmdd; a month's interval is [yyyymm01, yyyymm31] and
 * a year's [yyyy0101, yyyy1231] (only the order matters, so a month always
 * ends on day 31). Open ends are KG_DATE_MIN / KG_DATE_MAX.
 */
#include "traverse_int.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- dates */

static const char *const months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december"
};

typedef struct tword { const char *s; size_t n; } tword;

/* Split folded text into words of letters and digits ("2026-02-15" stays one
 * word: '-' joins digits). At most max words. */
static size_t split_words(const char *t, tword *w, size_t max)
{
    size_t n = 0, i = 0, len = strlen(t);
    while (i < len && n < max) {
        size_t j;
        unsigned char c = (unsigned char)t[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            i++;
            continue;
        }
        j = i;
        while (j < len) {
            unsigned char d = (unsigned char)t[j];
            if ((d >= 'a' && d <= 'z') || (d >= '0' && d <= '9'))
                j++;
            else if (d == '-' && j > i && t[j - 1] >= '0' && t[j - 1] <= '9' && j + 1 < len &&
                     t[j + 1] >= '0' && t[j + 1] <= '9')
                j++;
            else
                break;
        }
        w[n].s = t + i;
        w[n].n = j - i;
        n++;
        i = j;
    }
    return n;
}

static int word_eq(const tword *w, const char *s)
{
    return w->n == strlen(s) && memcmp(w->s, s, w->n) == 0;
}

/* A number word of 1..4 digits; -1 otherwise. */
static int word_num(const tword *w)
{
    int v = 0;
    size_t i;
    if (w->n == 0 || w->n > 4)
        return -1;
    for (i = 0; i < w->n; i++) {
        if (w->s[i] < '0' || w->s[i] > '9')
            return -1;
        v = v * 10 + (w->s[i] - '0');
    }
    return v;
}

static int word_month(const tword *w)
{
    int m;
    for (m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        if (w->n == full && memcmp(w->s, months[m], full) == 0)
            return m + 1;
        if (w->n == 3 && memcmp(w->s, months[m], 3) == 0)
            return m + 1;
        if (m == 8 && w->n == 4 && memcmp(w->s, "sept", 4) == 0)
            return 9;
    }
    return 0;
}

static int is_year(int y)
{
    return y >= 1000 && y <= 2999;
}

/* "YYYY", "YYYY-MM", "YYYY-MM-DD" -> interval; 0 when not that shape. */
static int iso_date(const char *s, size_t n, int32_t *lo, int32_t *hi)
{
    int y = 0, m = 0, d = 0;
    size_t i;
    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return 0;
    if (n == 4 && sscanf(s, "%4d", &y) == 1 && is_year(y)) {
        *lo = y * 10000 + 101;
        *hi = y * 10000 + 1231;
        return 1;
    }
    if (n == 7 && s[4] == '-' && sscanf(s, "%4d-%2d", &y, &m) == 2 && is_year(y) && m >= 1 &&
        m <= 12) {
        *lo = y * 10000 + m * 100 + 1;
        *hi = y * 10000 + m * 100 + 31;
        return 1;
    }
    if (n == 10 && s[4] == '-' && s[7] == '-' && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
        is_year(y) && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
        *lo = *hi = y * 10000 + m * 100 + d;
        return 1;
    }
    return 0;
}

int kg_date_parse(const char *text, int32_t *lo, int32_t *hi)
{
    return text ? iso_date(text, strlen(text), lo, hi) : 0;
}

/* The date expression starting at word i: returns the number of words it
 * takes (0 = none) and its interval. */
static size_t date_at(const tword *w, size_t n, size_t i, int32_t *lo, int32_t *hi)
{
    int m, y, d;
    if (iso_date(w[i].s, w[i].n, lo, hi))
        return 1;
    /* Q1 2026 */
    if (w[i].n == 2 && w[i].s[0] == 'q' && w[i].s[1] >= '1' && w[i].s[1] <= '4' && i + 1 < n &&
        is_year(y = word_num(&w[i + 1]))) {
        int q = w[i].s[1] - '0';
        *lo = y * 10000 + (q * 3 - 2) * 100 + 1;
        *hi = y * 10000 + (q * 3) * 100 + 31;
        return 2;
    }
    /* 15 February 2026 */
    d = word_num(&w[i]);
    if (d >= 1 && d <= 31 && w[i].n <= 2 && i + 2 < n && (m = word_month(&w[i + 1])) != 0 &&
        is_year(y = word_num(&w[i + 2]))) {
        *lo = *hi = y * 10000 + m * 100 + d;
        return 3;
    }
    if ((m = word_month(&w[i])) == 0 || i + 1 >= n)
        return 0;
    /* February 15, 2026 / February 2026 */
    d = word_num(&w[i + 1]);
    if (d >= 1 && d <= 31 && w[i + 1].n <= 2 && i + 2 < n && is_year(y = word_num(&w[i + 2]))) {
        *lo = *hi = y * 10000 + m * 100 + d;
        return 3;
    }
    if (is_year(y = word_num(&w[i + 1]))) {
        *lo = y * 10000 + m * 100 + 1;
        *hi = y * 10000 + m * 100 + 31;
        return 2;
    }
    return 0;
}

static int any_word(const tword *w, size_t n, const char *const *list)
{
    size_t i, k;
    for (i = 0; i < n; i++)
        for (k = 0; list[k]; k++)
            if (word_eq(&w[i], list[k]))
                return 1;
    return 0;
}

static int has_pair(const tword *w, size_t n, const char *a, const char *b)
{
    size_t i;
    for (i = 0; i + 1 < n; i++)
        if (word_eq(&w[i], a) && word_eq(&w[i + 1], b))
            return 1;
    return 0;
}

static int32_t day_before(int32_t d)
{
    return d - 1; /* only the order matters: 20260200 sorts before 20260201 */
}

int kg_time_parse(const char *text, int32_t today, int32_t *lo, int32_t *hi)
{
    static const char *const since_words[] = {
        "since", "from", "starting", "beginning", "effective", "after", "following", NULL};
    static const char *const until_words[] = {
        "until", "till", "through", "before", "ending", "prior", NULL};
    static const char *const past_words[] = {
        "previously", "formerly", "former", "old", "past", "earlier", "historically", "prior",
        "originally", "initially", NULL};
    static const char *const future_words[] = {
        "next", "future", "upcoming", "soon", "later", "eventually", NULL};
    char buf[512];
    tword w[64];
    size_t n, i, len;
    int32_t d1_lo = 0, d1_hi = 0, d2_hi = 0;
    size_t i1 = 0, n_dates = 0;

    *lo = KG_DATE_MIN;
    *hi = KG_DATE_MAX;
    if (text == NULL)
        return 0;
    len = strlen(text);
    if (len >= sizeof buf)
        len = sizeof buf - 1;
    for (i = 0; i < len; i++) {
        char c = text[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[len] = '\0';
    n = split_words(buf, w, sizeof w / sizeof *w);
    for (i = 0; i < n && n_dates < 2;) {
        int32_t a, b;
        size_t k = date_at(w, n, i, &a, &b);
        if (k == 0) {
            i++;
            continue;
        }
        if (n_dates == 0) {
            d1_lo = a;
            d1_hi = b;
            i1 = i;
        } else {
            d2_hi = b;
        }
        n_dates++;
        i += k;
    }
    if (n_dates >= 1) {
        /* the word just before the first date says how it bounds the statement */
        const tword *before = i1 > 0 ? &w[i1 - 1] : NULL;
        if (n_dates == 2 && (any_word(w, i1, (const char *const[]){"between", "from", NULL}))) {
            *lo = d1_lo;
            *hi = d2_hi;
        } else if (before && (word_eq(before, "after") || word_eq(before, "following"))) {
            *lo = d1_hi + 1;
        } else if (before && (word_eq(before, "before") || word_eq(before, "prior") ||
                              (word_eq(before, "to") && i1 > 1 && word_eq(&w[i1 - 2], "prior")))) {
            *hi = day_before(d1_lo);
        } else if (any_word(w, i1, until_words) || has_pair(w, i1 + 1, "up", "to")) {
            *hi = d1_hi;
        } else if (any_word(w, i1, since_words) || has_pair(w, i1 + 1, "as", "of")) {
            *lo = d1_lo;
        } else {
            *lo = d1_lo;
            *hi = d1_hi;
        }
        return 1;
    }
    if (has_pair(w, n, "until", "recently") || has_pair(w, n, "used", "to") ||
        has_pair(w, n, "for", "years") || has_pair(w, n, "last", "year") ||
        has_pair(w, n, "last", "month") || any_word(w, n, past_words)) {
        *hi = day_before(today);
        return 1;
    }
    if (any_word(w, n, future_words)) {
        *lo = today + 1;
        return 1;
    }
    return 0; /* "now", "currently", or nothing we can place: unbounded */
}

/* ------------------------------------------------------------ filters */

static int db_error(kg_store *st, kg_error *err, const char *what)
{
    return kg_error_set(err, KG_EDB, "%s: %s", what, sqlite3_errmsg(kg_store_db(st)));
}

static int set_alloc(kg_store *st, kg_tripleset *out, kg_error *err)
{
    sqlite3_stmt *q = NULL;
    int64_t max_id = 0;
    if (sqlite3_prepare_v2(kg_store_db(st), "SELECT coalesce(max(id), 0) FROM triple", -1, &q,
                           NULL) != SQLITE_OK)
        return db_error(st, err, "cannot read the triples");
    if (sqlite3_step(q) == SQLITE_ROW)
        max_id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    out->n_bits = (size_t)max_id + 1;
    out->bits = calloc((out->n_bits + 63) / 64, sizeof *out->bits);
    if (out->bits == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory for a statement filter");
    return KG_OK;
}

static void set_add(kg_tripleset *s, int64_t id, size_t *n)
{
    if (id < 0 || (uint64_t)id >= s->n_bits || kg_tripleset_has(s, id))
        return;
    s->bits[id >> 6] |= 1ull << (id & 63);
    (*n)++;
}

int kg_triples_filter(kg_store *st, const kg_triple_filter *f, kg_tripleset *out,
                      size_t *n_skipped, kg_error *err)
{
    sqlite3 *db = kg_store_db(st);
    sqlite3_stmt *q = NULL;
    size_t n = 0;
    int rc, step;

    memset(out, 0, sizeof *out);
    if ((rc = set_alloc(st, out, err)) != KG_OK)
        return rc;
    if (f->has_min_confidence) {
        if (sqlite3_prepare_v2(db, "SELECT id FROM triple WHERE confidence < ?1", -1, &q,
                               NULL) != SQLITE_OK)
            goto dberr;
        sqlite3_bind_double(q, 1, f->min_confidence);
        while ((step = sqlite3_step(q)) == SQLITE_ROW)
            set_add(out, sqlite3_column_int64(q, 0), &n);
        if (step != SQLITE_DONE)
            goto dberr;
        sqlite3_finalize(q);
        q = NULL;
    }
    if (f->has_as_of) {
        /* statements whose time does not contain the date */
        if (sqlite3_prepare_v2(db, "SELECT id, time FROM triple WHERE time IS NOT NULL", -1, &q,
                               NULL) != SQLITE_OK)
            goto dberr;
        while ((step = sqlite3_step(q)) == SQLITE_ROW) {
            int32_t lo, hi;
            if (kg_time_parse((const char *)sqlite3_column_text(q, 1), f->today, &lo, &hi) &&
                (f->as_of < lo || f->as_of > hi))
                set_add(out, sqlite3_column_int64(q, 0), &n);
        }
        if (step != SQLITE_DONE)
            goto dberr;
        sqlite3_finalize(q);
        /* positive statements superseded by their negation: "no longer pays since X"
         * from X on; an undated "no longer" statement (not marked past) from today on */
        if (sqlite3_prepare_v2(db,
                               "SELECT p.id, n.time FROM triple p JOIN triple n ON "
                               "n.subject_id = p.subject_id AND n.relation_id = p.relation_id "
                               "AND n.object_id = p.object_id AND n.negated = 1 "
                               "WHERE p.negated = 0", -1, &q, NULL) != SQLITE_OK)
            goto dberr;
        while ((step = sqlite3_step(q)) == SQLITE_ROW) {
            int32_t lo, hi;
            const char *t = (const char *)sqlite3_column_text(q, 1);
            if (!kg_time_parse(t, f->today, &lo, &hi))
                lo = f->today; /* undated "no longer": from today on */
            /* a negation with no start ("until 2020", "previously") supersedes nothing */
            if (lo != KG_DATE_MIN && f->as_of >= lo && f->as_of <= hi)
                set_add(out, sqlite3_column_int64(q, 0), &n);
        }
        if (step != SQLITE_DONE)
            goto dberr;
        sqlite3_finalize(q);
        q = NULL;
    }
    if (n_skipped)
        *n_skipped = n;
    return KG_OK;
dberr:
    rc = db_error(st, err, "cannot filter the statements");
    sqlite3_finalize(q);
    kg_tripleset_free(out);
    return rc;
}

void kg_tripleset_free(kg_tripleset *s)
{
    if (s == NULL)
        return;
    free(s->bits);
    s->bits = NULL;
    s->n_bits = 0;
}

int kg_triple_confidences(kg_store *st, float **conf, size_t *n, kg_error *err)
{
    sqlite3 *db = kg_store_db(st);
    sqlite3_stmt *q = NULL;
    kg_tripleset tmp = {0};
    float *c;
    int rc, step;
    *conf = NULL;
    *n = 0;
    if ((rc = set_alloc(st, &tmp, err)) != KG_OK)
        return rc;
    c = calloc(tmp.n_bits, sizeof *c);
    if (c == NULL) {
        kg_tripleset_free(&tmp);
        return kg_error_set(err, KG_ENOMEM, "out of memory for confidences");
    }
    if (sqlite3_prepare_v2(db, "SELECT id, confidence FROM triple", -1, &q, NULL) != SQLITE_OK) {
        rc = db_error(st, err, "cannot read confidences");
        goto fail;
    }
    while ((step = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(q, 0);
        if (id >= 0 && (uint64_t)id < tmp.n_bits)
            c[id] = (float)sqlite3_column_double(q, 1);
    }
    sqlite3_finalize(q);
    if (step != SQLITE_DONE) {
        rc = db_error(st, err, "cannot read confidences");
        goto fail;
    }
    *conf = c;
    *n = tmp.n_bits;
    kg_tripleset_free(&tmp);
    return KG_OK;
fail:
    free(c);
    kg_tripleset_free(&tmp);
    return rc;
}
