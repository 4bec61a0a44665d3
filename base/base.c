/*
 * base.c -- errors, buffers, UTF-8 and JSON helpers shared by every stage.
 */
#include "kg_base.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int error_vset(kg_error *err, int code, const char *fmt, va_list ap)
{
    if (err == NULL || err->code != KG_OK)
        return code;
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return code;
}

int kg_error_set(kg_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_vset(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int kg_error_at(kg_error *err, int code, const char *source, unsigned line,
                unsigned column, size_t offset, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL || err->code != KG_OK)
        return code;
    va_start(ap, fmt);
    error_vset(err, code, fmt, ap);
    va_end(ap);
    err->source = source;
    err->line = line;
    err->column = column;
    err->offset = offset;
    return code;
}

void kg_error_clear(kg_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

int kg_error_exit_status(int code)
{
    static const int table[] = {
        [KG_OK] = 0,     [KG_ENOMEM] = 3,    [KG_EUSAGE] = 2,
        [KG_ESYNTAX] = 2, [KG_ENOTFOUND] = 1, [KG_EINPUT] = 3,
        [KG_EIO] = 3,    [KG_EDB] = 3,       [KG_ELIMIT] = 3,
    };
    if (code < 0 || (size_t)code >= sizeof table / sizeof table[0])
        return 3;
    return table[code];
}

int kg_buf_reserve(kg_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1, cap;
    char *p;
    if (need < b->len)
        return KG_ENOMEM;
    if (need <= b->cap)
        return KG_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return KG_ENOMEM;
        cap *= 2;
    }
    p = realloc(b->data, cap);
    if (p == NULL)
        return KG_ENOMEM;
    b->data = p;
    b->cap = cap;
    return KG_OK;
}

int kg_buf_append(kg_buf *b, const void *p, size_t n)
{
    if (kg_buf_reserve(b, n))
        return KG_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return KG_OK;
}

int kg_buf_puts(kg_buf *b, const char *s)
{
    return kg_buf_append(b, s, strlen(s));
}

int kg_buf_printf(kg_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || kg_buf_reserve(b, (size_t)n))
        return KG_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return KG_OK;
}

void kg_buf_reset(kg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void kg_buf_free(kg_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int kg_read_file(const char *path, size_t max_bytes, kg_buf *out, kg_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    const char *name = is_stdin ? "<stdin>" : path;
    size_t start = out->len, got;
    int rc = KG_OK;

    if (f == NULL)
        return kg_error_set(err, KG_EIO, "%s: %s", name, strerror(errno));
    for (;;) {
        if (kg_buf_reserve(out, 65536)) {
            rc = kg_error_set(err, KG_ENOMEM, "%s: out of memory", name);
            break;
        }
        got = fread(out->data + out->len, 1, 65536, f);
        out->len += got;
        out->data[out->len] = '\0';
        if (out->len - start > max_bytes) {
            rc = kg_error_set(err, KG_ELIMIT, "%s: larger than the limit of %zu bytes",
                              name, max_bytes);
            break;
        }
        if (got < 65536) {
            if (ferror(f))
                rc = kg_error_set(err, KG_EIO, "%s: read error: %s", name, strerror(errno));
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (rc) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
    }
    return rc;
}

int kg_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c;
    int len, i;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        c &= 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return len;
}

int kg_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int len;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        len = kg_utf8_decode(s + i, n - i, &cp);
        if (len == 1) { /* a non-ASCII byte decoded alone is always an error */
            if (bad_offset)
                *bad_offset = i;
            return 0;
        }
        i += (size_t)len;
    }
    return 1;
}

int kg_has_nul(const char *p, size_t n, size_t *offset)
{
    const char *z = memchr(p, '\0', n);
    if (z == NULL)
        return 0;
    if (offset)
        *offset = (size_t)(z - p);
    return 1;
}

size_t kg_utf8_count(const char *p, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        uint32_t cp;
        i += (size_t)kg_utf8_decode(p + i, n - i, &cp);
        count++;
    }
    return count;
}

int kg_utf8_encode(kg_buf *b, uint32_t cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | (cp >> 6));
        tmp[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | (cp >> 12));
        tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0 | (cp >> 18));
        tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        tmp[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return kg_buf_append(b, tmp, n);
}

int kg_text_is_blank(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        uint32_t cp;
        int len;
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            i++;
            continue;
        }
        if (c < 0x80)
            return 0;
        len = kg_utf8_decode(p + i, n - i, &cp);
        if (!(cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) ||
              cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
              cp == 0xFEFF))
            return 0; /* text, or an invalid byte (decoded as U+FFFD) */
        i += (size_t)len;
    }
    return 1;
}

void kg_text_position(const char *p, size_t offset, unsigned *line, unsigned *column)
{
    size_t i, line_start = 0;
    unsigned n = 1;
    for (i = 0; i < offset; i++)
        if (p[i] == '\n')
            n++, line_start = i + 1;
    *line = n;
    *column = (unsigned)kg_utf8_count(p + line_start, offset - line_start) + 1;
}

const char *kg_text_foreign_bom(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        return "UTF-32LE";
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        return "UTF-32BE";
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return "UTF-16LE";
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return "UTF-16BE";
    return NULL;
}

int kg_json_str(kg_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (kg_buf_append(b, "\"", 1))
        return KG_ENOMEM;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[7];
        size_t elen = 0;
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            elen = 2;
        } else if (c == '\n') {
            memcpy(esc, "\\n", 2);
            elen = 2;
        } else if (c == '\t') {
            memcpy(esc, "\\t", 2);
            elen = 2;
        } else if (c == '\r') {
            memcpy(esc, "\\r", 2);
            elen = 2;
        } else if (c < 0x20 || c == 0x7F) {
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            elen = 6;
        }
        if (elen) {
            if (kg_buf_append(b, s + i - run, run) || kg_buf_append(b, esc, elen))
                return KG_ENOMEM;
            run = 0;
        } else {
            run++;
        }
    }
    if (kg_buf_append(b, s + n - run, run) || kg_buf_append(b, "\"", 1))
        return KG_ENOMEM;
    return KG_OK;
}

void kg_json_fputs(FILE *f, const char *s, size_t n)
{
    kg_buf b = {0};
    if (kg_json_str(&b, s, n) == KG_OK)
        fwrite(b.data, 1, b.len, f);
    kg_buf_free(&b);
}

int kg_strcaseeq(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y + 32);
        if (x != y)
            return 0;
        if (x == 0)
            return 1;
    }
}

/* Fold one code point to lower case for the scripts news names use most. */
static uint32_t fold_cp(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7))
        return c + 32;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149) {
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return (c & 1) ? c + 1 : c;
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42F)
        return c + 32;
    return c;
}

char *kg_fold_key(const char *s, size_t n)
{
    kg_buf b = {0};
    size_t i = 0;
    if (kg_buf_reserve(&b, n))
        return NULL;
    b.data[0] = '\0';
    while (i < n) {
        uint32_t cp;
        int len = kg_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && len == 1) {
            if (kg_buf_append(&b, s + i, 1))
                goto fail;
        } else if (kg_utf8_encode(&b, fold_cp(cp))) {
            goto fail;
        }
        i += (size_t)len;
    }
    return b.data;
fail:
    kg_buf_free(&b);
    return NULL;
}
