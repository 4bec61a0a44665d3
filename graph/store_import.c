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
        rc = line_error(err, source, lineno, p, end, line_offset,
                        "%s", nf == 1 ? "expected 3 tab-separated fields (subject, relation, "
                                        "object), found 1"
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
        if ((k == 1 && v[0] == '0') || (k == 5 && strncmp(v, "false", 5) == 0))
            out->is_negated = 0;
        else if ((k == 1 && v[0] == '1') || (k == 4 && strncmp(v, "true", 4) == 0))
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

/* Call parse_line on every line of buf; with write, add each triple. */
static int each_line(kg_store *st, kg_buf *buf, const char *source, int write, int64_t doc_id,
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
        rc = parse_line(p, n, write, &ln, source, lineno, (size_t)(p - buf->data), err);
        if (rc)
            return rc;
        if (ln.n_fields) {
            r->lines++;
            if (write) {
                kg_doc_triple t = {0};
                int is_new = 0;
                t.subject = ln.field[0];
                t.relation = ln.field[1];
                t.object = ln.field[2];
                t.confidence = ln.confidence;
                t.is_negated = ln.is_negated;
                t.sentence = (size_t)-1;
                rc = kg_store_add_triple_ex(st, &t, doc_id, NULL, &is_new, err);
                if (rc) {
                    /* name the line of a store-side error (limits, database) */
                    if (err && err->source == NULL && err->line == 0) {
                        err->source = source;
                        err->line = lineno;
                    }
                    return rc;
                }
                if (is_new)
                    r->triples_new++;
                else
                    r->triples_seen++;
            }
        }
        p += n + (nl ? 1 : 0);
    }
    return KG_OK;
}

int kg_store_import_tsv(kg_store *st, const char *path, kg_import_result *res, kg_error *err)
{
    kg_import_result r = {0};
    kg_buf buf = {0};
    const char *source = strcmp(path, "-") == 0 ? "<stdin>" : path;
    int64_t doc_id = 0;
    int rc, is_dup = 0;

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
    rc = each_line(st, &buf, source, 0, 0, &r, err);
    if (rc)
        goto done;
    r.lines = 0;
    rc = kg_store_begin_import(st, path, "tsv", buf.data, buf.len, &doc_id, &is_dup, err);
    if (rc)
        goto done;
    if (is_dup) {
        r.is_duplicate = 1;
        rc = each_line(st, &buf, source, 0, 0, &r, err); /* count lines only */
        r.triples_seen = r.lines;
        goto done;
    }
    /* Pass 2: write (fields are NUL-terminated in place). */
    rc = each_line(st, &buf, source, 1, doc_id, &r, err);
    if (rc == KG_OK)
        rc = kg_store_commit(st, err);
    else
        kg_store_rollback(st);
done:
    kg_buf_free(&buf);
    if (res && rc == KG_OK)
        *res = r;
    return rc;
}
