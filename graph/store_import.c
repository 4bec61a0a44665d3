/*
 * store_import.c -- "kg import --format tsv": subject<TAB>relation<TAB>object
 * lines (optionally <TAB>confidence<TAB>negated, as "kg extract --format tsv"
 * writes them) loaded all or nothing, one document row per file (kind 'tsv',
 * content hash: importing the same bytes again changes nothing).
 *
 * Two passes over the file held in memory: the first validates every line
 * (so a bad line leaves the database untouched without starting a
 * transaction), the second writes. Names are resolved through the store's
 * in-memory maps, so a bulk load into an empty database runs no SELECT per name.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_FIELDS 5

typedef struct tsv_line {
    char *field[MAX_FIELDS]; /* NUL-terminated after parse_line(.., terminate = 1) */
    size_t len[MAX_FIELDS];
    size_t n_fields;
    double confidence;
    int is_negated;
} tsv_line;

/* A KG_EINPUT error at byte at of the line starting at start (line_offset
 * bytes into the file); the column counts characters. */
static int line_error(kg_error *err, const char *source, unsigned line, const char *start,
                      const char *at, size_t line_offset, const char *fmt, const char *what)
{
    unsigned col = (unsigned)kg_utf8_count(start, (size_t)(at - start)) + 1;
    return kg_error_at(err, KG_EINPUT, source, line, col, line_offset + (size_t)(at - start),
                       fmt, what);
}

static int is_space(char c)
{
    return c == ' ' || c == '\r' || c == '\v' || c == '\f';
}

/* Parse line p[0..n) (no newline). Returns KG_OK and fills out; out->n_fields
 * == 0 for a blank line. With terminate, fields are NUL-terminated in place. */
static int parse_line(char *p, size_t n, int terminate, tsv_line *out, const char *source,
                      unsigned lineno, size_t line_offset, kg_error *err)
{
    size_t i = 0, bad, nf = 0;
    char *end = p + n;
    int rc;

    memset(out, 0, sizeof *out);
    out->confidence = 1.0;
    if (n > KG_MAX_IMPORT_LINE) {
        rc = kg_error_at(err, KG_ELIMIT, source, lineno, 0, line_offset,
                         "line longer than %u bytes", KG_MAX_IMPORT_LINE);
        return rc;
    }
    if (kg_has_nul(p, n, &bad)) {
        rc = line_error(err, source, lineno, p, p + bad, line_offset, "%s", "NUL byte (binary data?)");
        return rc;
    }
    if (!kg_utf8_valid(p, n, &bad)) {
        rc = line_error(err, source, lineno, p, p + bad, line_offset, "%s", "invalid UTF-8");
        return rc;
    }
    for (i = 0; i < n && is_space(p[i]); i++)
        ;
    if (i == n)
        return KG_OK; /* blank line */
    /* a comment: '#' first, then a space, another '#' or no tab at all (so a
     * name like "#MeToo" can still start a triple line) */
    if (p[i] == '#' && (i + 1 == n || p[i + 1] == ' ' || p[i + 1] == '\t' || p[i + 1] == '#' ||
                        memchr(p + i, '\t', n - i) == NULL))
        return KG_OK;
    i = 0;
    for (;;) {
        char *f = p + i, *fe = memchr(f, '\t', (size_t)(end - f)), *a, *b;
        if (fe == NULL)
            fe = end;
        if (nf == MAX_FIELDS) {
            rc = line_error(err, source, lineno, p, f - 1, line_offset,
                            "%s", "too many fields (expected subject, relation, object "
                            "[, confidence [, negated]] separated by tabs)");
            return rc;
        }
        a = f;
        b = fe;
        while (a < b && is_space(*a))
            a++;
        while (b > a && is_space(b[-1]))
            b--;
        out->field[nf] = a;
        out->len[nf] = (size_t)(b - a);
        nf++;
        if (fe == end) {
            if (terminate)
                *b = '\0';
            break;
        }
        if (terminate)
            *b = '\0';
        i = (size_t)(fe - p) + 1;
    }
    out->n_fields = nf;
    if (nf < 3) {
        int commas = memchr(p, ',', n) != NULL;
        rc = line_error(err, source, lineno, p, end, line_offset,
                        "%s", nf == 1 ? (commas ? "expected 3 tab-separated fields (subject, "
                                                  "relation, object), found 1 (a CSV file? "
                                                  "separate the fields with tabs)"
                                                : "expected 3 tab-separated fields (subject, "
                                                  "relation, object), found 1")
                                      : "expected 3 tab-separated fields (subject, relation, "
                                        "object), found 2");
        return rc;
    }
    for (i = 0; i < nf && i < 3; i++) {
        static const char *const names[] = {"subject", "relation", "object"};
        if (out->len[i] == 0) {
            rc = line_error(err, source, lineno, p, out->field[i], line_offset, "empty %s", names[i]);
            return rc;
        }
        if (out->len[i] > KG_MAX_NAME_BYTES) {
            rc = line_error(err, source, lineno, p, out->field[i], line_offset, "%s longer than the limit "
                            "(KG_MAX_NAME_BYTES)", names[i]);
            if (err)
                err->code = KG_ELIMIT;
            return rc;
        }
    }
    if (nf >= 4) {
        char num[64], *stop;
        size_t k = out->len[3];
        if (k == 0 || k >= sizeof num)
            goto bad_conf;
        memcpy(num, out->field[3], k);
        num[k] = '\0';
        out->confidence = strtod(num, &stop);
        if (*stop != '\0' || !(out->confidence >= 0.0 && out->confidence <= 1.0))
            goto bad_conf;
    }
    if (nf == 5) {
        const char *v = out->field[4];
        size_t k = out->len[4];
        /* any case: Python and pandas write True / False */
        if ((k == 1 && v[0] == '0') || (k == 5 && strncasecmp(v, "false", 5) == 0))
            out->is_negated = 0;
        else if ((k == 1 && v[0] == '1') || (k == 4 && strncasecmp(v, "true", 4) == 0))
            out->is_negated = 1;
        else {
            rc = line_error(err, source, lineno, p, out->field[4], line_offset, "%s",
                            "negated must be 0, 1, true or false");
            return rc;
        }
    }
    return KG_OK;
bad_conf:
    rc = line_error(err, source, lineno, p, out->field[3], line_offset, "%s",
                    "confidence must be a number between 0 and 1");
    return rc;
}

typedef int (*line_fn)(kg_store *st, void *ctx, const tsv_line *ln, unsigned lineno,
                       kg_error *err);

/* A header line "subject<TAB>relation<TAB>object[<TAB>confidence[<TAB>negated]]"
 * (any case, spaces around fields allowed), as spreadsheets and pandas write. */
static int is_header(const char *p, size_t n)
{
    static const char *const names[] = {"subject", "relation", "object", "confidence", "negated"};
    size_t f = 0, i = 0;
    while (i <= n) {
        const char *fe = memchr(p + i, '\t', n - i);
        size_t a = i, b = fe ? (size_t)(fe - p) : n, k;
        while (a < b && (is_space(p[a]) || p[a] == ' '))
            a++;
        while (b > a && is_space(p[b - 1]))
            b--;
        k = strlen(names[f]);
        if (b - a != k || strncasecmp(p + a, names[f], k) != 0)
            return 0;
        f++;
        if (fe == NULL)
            break;
        if (f == 5)
            return 0;
        i = (size_t)(fe - p) + 1;
    }
    return f >= 3;
}

/* Call parse_line on every line of buf; with on_line (fields NUL-terminated in
 * place), hand each non-blank line to it. */
static int each_line(kg_store *st, kg_buf *buf, const char *source, line_fn on_line, void *ctx,
                     kg_import_result *r, kg_error *err)
{
    char *p = buf->data, *end = buf->data + buf->len;
    unsigned lineno = 0;
    int rc;

    if (buf->len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a UTF-8 byte order mark */
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        tsv_line ln;
        lineno++;
        if (r->lines == 0 && is_header(p, n)) {
            p += n + (nl ? 1 : 0);
            continue;
        }
        rc = parse_line(p, n, on_line != NULL, &ln, source, lineno, (size_t)(p - buf->data), err);
        if (rc)
            return rc;
        if (ln.n_fields) {
            r->lines++;
            if (on_line && (rc = on_line(st, ctx, &ln, lineno, err)) != KG_OK) {
                /* name the line of a store-side error (limits, database) */
                if (err && err->source == NULL && err->line == 0) {
                    err->source = source;
                    err->line = lineno;
                }
                return rc;
            }
        }
        p += n + (nl ? 1 : 0);
    }
    return KG_OK;
}

/* ---- the incremental path: the database already has a graph ---- */

static int add_line(kg_store *st, void *ctx, const tsv_line *ln, unsigned lineno, kg_error *err)
{
    struct { int64_t doc_id; kg_import_result *r; } *c = ctx;
    kg_doc_triple t = {0};
    int is_new = 0, rc;
    (void)lineno;
    t.subject = ln->field[0];
    t.relation = ln->field[1];
    t.object = ln->field[2];
    t.confidence = ln->confidence;
    t.is_negated = ln->is_negated;
    t.sentence = (size_t)-1;
    rc = kg_store_add_triple_ex(st, &t, c->doc_id, NULL, &is_new, err);
    if (rc == KG_OK) {
        if (is_new)
            c->r->triples_new++;
        else
            c->r->triples_seen++;
    }
    return rc;
}

/* ---- the bulk path: an empty graph, ids assigned here ----
 * Names are resolved in memory, triples deduplicated by sorting, rows written
 * with explicit ids in key order (so the unique index on triple grows at its
 * end), and the secondary indexes of triple and evidence are dropped first and
 * rebuilt at the end, inside the same transaction. */

typedef struct bulk_triple {
    uint32_t s, r, o, line;   /* 0-based entity / relation index; line number */
    double confidence;
    int is_negated;
} bulk_triple;

typedef struct bulk_names {
    kg_idmap ids;             /* key -> 0-based index */
    const char **names;       /* as first written (into the file buffer) */
    char **keys;              /* folded keys, owned */
    size_t n, cap;
} bulk_names;

typedef struct bulk {
    bulk_names entities, relations;
    bulk_triple *t;
    size_t n, cap;
} bulk;

static void names_free(bulk_names *b)
{
    size_t i;
    kg_idmap_clear(&b->ids);
    for (i = 0; i < b->n; i++)
        free(b->keys[i]);
    free(b->keys);
    free(b->names);
}

/* The index of name (folding case when fold), adding it if new. */
static int names_index(bulk_names *b, const char *name, size_t len, int fold, uint32_t *index)
{
    char small[256], *key = small;
    int64_t v;
    size_t i;
    int is_ascii = 1;

    if (fold) {
        for (i = 0; i < len; i++)
            if ((unsigned char)name[i] >= 0x80) {
                is_ascii = 0;
                break;
            }
        if (is_ascii && len < sizeof small) {
            for (i = 0; i < len; i++)
                small[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
            small[len] = '\0';
        } else if ((key = kg_fold_key(name, len)) == NULL) {
            return KG_ENOMEM;
        }
    } else {
        key = (char *)name; /* NUL-terminated in the buffer; only read */
    }
    if (kg_idmap_get(&b->ids, key, &v)) {
        *index = (uint32_t)v;
        if (key != small && key != name)
            free(key);
        return KG_OK;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 1024;
        const char **names = realloc(b->names, cap * sizeof *names);
        char **keys;
        if (names == NULL)
            goto nomem;
        b->names = names;
        if ((keys = realloc(b->keys, cap * sizeof *keys)) == NULL)
            goto nomem;
        b->keys = keys;
        b->cap = cap;
    }
    if (key == small || key == name) {
        if ((key = strdup(key)) == NULL)
            return KG_ENOMEM;
    }
    if (b->n >= UINT32_MAX || kg_idmap_put(&b->ids, key, (int64_t)b->n)) {
        free(key);
        return KG_ENOMEM;
    }
    b->names[b->n] = name;
    b->keys[b->n] = key;
    *index = (uint32_t)b->n++;
    return KG_OK;
nomem:
    if (key != small && key != name)
        free(key);
    return KG_ENOMEM;
}

static int collect_line(kg_store *st, void *ctx, const tsv_line *ln, unsigned lineno,
                        kg_error *err)
{
    bulk *b = ctx;
    bulk_triple *t;
    (void)st;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        bulk_triple *nt = realloc(b->t, cap * sizeof *nt);
        if (nt == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        b->t = nt;
        b->cap = cap;
    }
    t = &b->t[b->n];
    if (names_index(&b->entities, ln->field[0], ln->len[0], 1, &t->s) ||
        names_index(&b->entities, ln->field[2], ln->len[2], 1, &t->o) ||
        names_index(&b->relations, ln->field[1], ln->len[1], 0, &t->r))
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    t->line = lineno;
    t->confidence = ln->confidence;
    t->is_negated = ln->is_negated;
    b->n++;
    return KG_OK;
}

static int cmp_bulk(const void *pa, const void *pb)
{
    const bulk_triple *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    if (a->r != b->r)
        return a->r < b->r ? -1 : 1;
    if (a->o != b->o)
        return a->o < b->o ? -1 : 1;
    if (a->is_negated != b->is_negated)
        return a->is_negated < b->is_negated ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}

static char **sort_keys; /* for cmp_key_index (qsort has no context argument) */

static int cmp_key_index(const void *pa, const void *pb)
{
    return strcmp(sort_keys[*(const uint32_t *)pa], sort_keys[*(const uint32_t *)pb]);
}

static int bulk_exec(sqlite3 *db, kg_store *st, const char *sql, kg_error *err)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return kg_store_dberr(st, err, "bulk load");
    return KG_OK;
}

static int bulk_step(kg_store *st, sqlite3_stmt *s, kg_error *err)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE)
        return kg_store_dberr(st, err, "bulk load");
    return KG_OK;
}

static int bulk_write(kg_store *st, bulk *b, int64_t doc_id, kg_import_result *r, kg_error *err)
{
    sqlite3 *db = kg_store_db(st);
    sqlite3_stmt *ins_e = NULL, *ins_r = NULL, *ins_t = NULL, *ins_ev = NULL, *q = NULL;
    kg_buf index_sql = {0};
    int64_t e0 = 0, r0 = 0, t0 = 0, tid = 0;
    uint32_t *order = NULL, *rank = NULL;
    size_t i, j, k;
    int rc = KG_OK;

    /* A page cache big enough to hold the new pages: a transaction that spills
     * to the WAL mid-way pays for every later read of a spilled page. */
    if ((rc = bulk_exec(db, st, "PRAGMA cache_size = -1048576", err)) != KG_OK)
        goto done;
    /* The secondary indexes of triple and evidence (not the unique ones, which
     * the rows are written in the order of): remember, drop, and rebuild them
     * at the end with one sort each, which costs about half of maintaining
     * them row by row (measured on 1M triples). */
    {
        kg_buf drop = {0};
        if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                               "AND tbl_name IN ('triple', 'evidence') AND sql IS NOT NULL",
                               -1, &q, NULL) != SQLITE_OK) {
            rc = kg_store_dberr(st, err, "bulk load");
            goto done;
        }
        while (sqlite3_step(q) == SQLITE_ROW) {
            if (kg_buf_printf(&drop, "DROP INDEX \"%s\";\n",
                              (const char *)sqlite3_column_text(q, 0)) ||
                kg_buf_printf(&index_sql, "%s;\n", (const char *)sqlite3_column_text(q, 1))) {
                kg_buf_free(&drop);
                rc = kg_error_set(err, KG_ENOMEM, "out of memory");
                goto done;
            }
        }
        sqlite3_finalize(q);
        q = NULL;
        rc = drop.len ? bulk_exec(db, st, drop.data, err) : KG_OK;
        kg_buf_free(&drop);
        if (rc)
            goto done;
    }
    if (sqlite3_prepare_v2(db, "SELECT (SELECT coalesce(max(id), 0) FROM entity),"
                               " (SELECT coalesce(max(id), 0) FROM relation),"
                               " (SELECT coalesce(max(id), 0) FROM triple)", -1, &q, NULL)
            != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW) {
        rc = kg_store_dberr(st, err, "bulk load");
        goto done;
    }
    e0 = sqlite3_column_int64(q, 0);
    r0 = sqlite3_column_int64(q, 1);
    t0 = sqlite3_column_int64(q, 2);
    sqlite3_finalize(q);
    q = NULL;

    if (sqlite3_prepare_v2(db, "INSERT INTO entity(id, name, name_key) VALUES (?1, ?2, ?3)", -1,
                           &ins_e, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO relation(id, name) VALUES (?1, ?2)", -1, &ins_r,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO triple(id, subject_id, relation_id, object_id, "
                               "negated, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &ins_t,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO evidence(triple_id, document_id, confidence) "
                               "VALUES (?1, ?2, ?3)", -1, &ins_ev, NULL) != SQLITE_OK) {
        rc = kg_store_dberr(st, err, "bulk load");
        goto done;
    }
    /* Entities in name_key order, so the unique index on name_key is appended
     * to; triples then refer to entities by their rank in that order. */
    order = malloc((b->entities.n + 1) * sizeof *order);
    rank = malloc((b->entities.n + 1) * sizeof *rank);
    if (order == NULL || rank == NULL) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < b->entities.n; i++)
        order[i] = (uint32_t)i;
    sort_keys = b->entities.keys;
    qsort(order, b->entities.n, sizeof *order, cmp_key_index);
    for (i = 0; i < b->entities.n; i++) {
        uint32_t e = order[i];
        rank[e] = (uint32_t)i;
        sqlite3_bind_int64(ins_e, 1, e0 + 1 + (int64_t)i);
        sqlite3_bind_text(ins_e, 2, b->entities.names[e], -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_e, 3, b->entities.keys[e], -1, SQLITE_STATIC);
        if ((rc = bulk_step(st, ins_e, err)) != KG_OK)
            goto done;
    }
    for (i = 0; i < b->n; i++) {
        b->t[i].s = rank[b->t[i].s];
        b->t[i].o = rank[b->t[i].o];
    }
    for (i = 0; i < b->relations.n; i++) {
        sqlite3_bind_int64(ins_r, 1, r0 + 1 + (int64_t)i);
        sqlite3_bind_text(ins_r, 2, b->relations.names[i], -1, SQLITE_STATIC);
        if ((rc = bulk_step(st, ins_r, err)) != KG_OK)
            goto done;
    }
    if (b->n > 1) /* qsort(NULL, 0, ...) is undefined (UBSan) */
        qsort(b->t, b->n, sizeof *b->t, cmp_bulk);
    /* One triple per distinct key, then its evidence (one row per line, in
     * line order): ids grow with the key, so the unique index on triple and
     * both indexes on evidence are appended to, never split in the middle. */
    tid = t0;
    for (i = 0; i < b->n; i = j) {
        const bulk_triple *first = &b->t[i];
        double conf = first->confidence;
        for (j = i + 1; j < b->n && b->t[j].s == first->s && b->t[j].r == first->r &&
                        b->t[j].o == first->o && b->t[j].is_negated == first->is_negated;
             j++)
            if (b->t[j].confidence > conf)
                conf = b->t[j].confidence;
        tid++;
        sqlite3_bind_int64(ins_t, 1, tid);
        sqlite3_bind_int64(ins_t, 2, e0 + 1 + first->s);
        sqlite3_bind_int64(ins_t, 3, r0 + 1 + first->r);
        sqlite3_bind_int64(ins_t, 4, e0 + 1 + first->o);
        sqlite3_bind_int(ins_t, 5, first->is_negated);
        sqlite3_bind_double(ins_t, 6, conf);
        if ((rc = bulk_step(st, ins_t, err)) != KG_OK)
            goto done;
        r->triples_new++;
        r->triples_seen += j - i - 1;
        for (k = i; k < j; k++) {
            sqlite3_bind_int64(ins_ev, 1, tid);
            sqlite3_bind_int64(ins_ev, 2, doc_id);
            sqlite3_bind_double(ins_ev, 3, b->t[k].confidence);
            if ((rc = bulk_step(st, ins_ev, err)) != KG_OK)
                goto done;
        }
    }
    if (index_sql.len) {
        /* CREATE INDEX sorts; with a helper thread the sort uses a second core */
        sqlite3_exec(db, "PRAGMA threads = 2", NULL, NULL, NULL);
        rc = bulk_exec(db, st, index_sql.data, err);
        sqlite3_exec(db, "PRAGMA threads = 0", NULL, NULL, NULL);
    }
done:
    sqlite3_exec(db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    sqlite3_finalize(q);
    sqlite3_finalize(ins_e);
    sqlite3_finalize(ins_r);
    sqlite3_finalize(ins_t);
    sqlite3_finalize(ins_ev);
    free(order);
    free(rank);
    kg_buf_free(&index_sql);
    return rc;
}

int kg_store_import_tsv(kg_store *st, const char *path, kg_import_result *res, kg_error *err)
{
    kg_import_result r = {0};
    kg_buf buf = {0};
    const char *source = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int64_t doc_id = 0;
    int rc, is_dup = 0, is_fk_off = 0;

    if (res)
        memset(res, 0, sizeof *res);
    rc = kg_read_file(path, KG_MAX_IMPORT_BYTES, &buf, err);
    if (rc)
        goto done;
    if (buf.data == NULL && (rc = kg_buf_append(&buf, "", 0)) != KG_OK) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    /* Pass 1: validate everything before touching the database. */
    rc = each_line(st, &buf, source, NULL, NULL, &r, err);
    if (rc || r.lines == 0)
        goto done; /* an error, or nothing to store: no document row (nor a new database) */
    /* Every id this import writes comes from a row it just read or made in
     * its own write transaction (which no other writer can interleave with),
     * so foreign-key checks (a lookup per reference) are switched off for the
     * load and back on at the end; SQLite only allows that outside a
     * transaction. sqlite3_db_config sets the flag directly: no parsing, no
     * memory, so it cannot fail half-way. */
    sqlite3_db_config(kg_store_db(st), SQLITE_DBCONFIG_ENABLE_FKEY, 0, (int *)NULL);
    is_fk_off = 1;
    rc = kg_store_begin_import(st, path, "tsv", buf.data, buf.len, &doc_id, &is_dup, err);
    if (rc)
        goto done;
    if (is_dup) {
        r.is_duplicate = 1;
        r.triples_seen = r.lines;
        goto done;
    }
    r.lines = 0;
    /* Pass 2: write (fields are NUL-terminated in place). */
    if (kg_store_is_fresh(st)) {
        bulk b;
        memset(&b, 0, sizeof b);
        rc = each_line(st, &buf, source, collect_line, &b, &r, err);
        if (rc == KG_OK)
            rc = bulk_write(st, &b, doc_id, &r, err);
        names_free(&b.entities);
        names_free(&b.relations);
        free(b.t);
    } else {
        struct { int64_t doc_id; kg_import_result *r; } c;
        c.doc_id = doc_id;
        c.r = &r;
        rc = each_line(st, &buf, source, add_line, &c, &r, err);
    }
    if (rc == KG_OK)
        rc = kg_store_commit(st, err); /* rolls back itself on failure */
    else
        kg_store_rollback(st);
done:
    if (is_fk_off)
        sqlite3_db_config(kg_store_db(st), SQLITE_DBCONFIG_ENABLE_FKEY, 1, (int *)NULL);
    kg_buf_free(&buf);
    if (res && rc == KG_OK)
        *res = r;
    return rc;
}
