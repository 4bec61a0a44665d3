/*
 * kg_base.h -- what every stage of kg shares: the error record, a growable
 * byte buffer, UTF-8 checks, JSON string escaping and whole-file reading.
 *
 * Place in the flow: below ingest/, graph/ and query/; includes none of them.
 * Library code never prints and never exits: it fills a kg_error and returns
 * its code; cli/main.c alone maps codes to exit statuses (CLI.md).
 */
#ifndef KG_BASE_H
#define KG_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kg_limits.h"

#define KG_VERSION "0.1.0"

/* Result codes. Exit status (cli/main.c): 0 ok, 1 ENOTFOUND, 2 EUSAGE/ESYNTAX,
 * 3 everything else. */
enum {
    KG_OK = 0,
    KG_ENOMEM,    /* out of memory */
    KG_EUSAGE,    /* bad command line */
    KG_ESYNTAX,   /* malformed query */
    KG_ENOTFOUND, /* no such entity or relation */
    KG_EINPUT,    /* bad input data: UTF-8, binary, malformed lines */
    KG_EIO,       /* cannot read or write a file */
    KG_EDB,       /* SQLite error, not a kg database, schema too new */
    KG_ELIMIT     /* a documented limit (kg_limits.h) was exceeded */
};

typedef struct kg_error {
    int code;              /* KG_OK or one of the codes above */
    char msg[256];         /* one line, no "kg:" prefix */
    const char *source;    /* "query", a path, or NULL; borrowed, must outlive the error */
    unsigned line, column; /* 1-based; 0 = unknown */
    size_t offset;         /* byte offset in the input */
} kg_error;

/* Set err (if not NULL and not already set: the first error wins) and return code. */
int kg_error_set(kg_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Like kg_error_set, also recording where: source, 1-based line and column, byte offset. */
int kg_error_at(kg_error *err, int code, const char *source, unsigned line,
                unsigned column, size_t offset, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
void kg_error_clear(kg_error *err);
/* The exit status CLI.md gives for a code. */
int kg_error_exit_status(int code);

/* A growable byte buffer, always NUL-terminated after len bytes when data != NULL.
 * Zero-initialise ({0}); free with kg_buf_free. */
typedef struct kg_buf {
    char *data;
    size_t len, cap;
} kg_buf;

int kg_buf_reserve(kg_buf *b, size_t extra);           /* KG_OK or KG_ENOMEM */
int kg_buf_append(kg_buf *b, const void *p, size_t n); /* KG_OK or KG_ENOMEM */
int kg_buf_puts(kg_buf *b, const char *s);
int kg_buf_printf(kg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kg_buf_reset(kg_buf *b); /* len = 0, keeps memory */
void kg_buf_free(kg_buf *b);

/* Read a whole file ("-" = standard input) into out (appended). Refuses more than
 * max_bytes (KG_ELIMIT). Errors name the path. */
int kg_read_file(const char *path, size_t max_bytes, kg_buf *out, kg_error *err);

/* Check p[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * Returns 1 if valid; else 0 and *bad_offset = offset of the first bad byte. */
int kg_utf8_valid(const char *p, size_t n, size_t *bad_offset);
/* 1 if p[0..n) contains a NUL byte (binary data), *offset set to the first. */
int kg_has_nul(const char *p, size_t n, size_t *offset);
/* Number of characters (code points) in p[0..n); invalid bytes count one each. */
size_t kg_utf8_count(const char *p, size_t n);
/* Decode one code point at p (n bytes available); returns its length (>= 1) and
 * stores the code point (0xFFFD for an invalid byte). */
int kg_utf8_decode(const char *p, size_t n, uint32_t *cp);
/* Append the UTF-8 encoding of cp to b. */
int kg_utf8_encode(kg_buf *b, uint32_t cp);
/* 1 if p[0..n) holds no text: nothing but white space (ASCII and Unicode
 * spaces, line and paragraph separators), byte order marks and zero-width
 * spaces; n == 0 included. Invalid UTF-8 or a NUL byte is text (0): binary
 * input gets its own error. */
int kg_text_is_blank(const char *p, size_t n);
/* The 1-based line and column (in characters, as kg_utf8_count counts them)
 * of byte offset in p: for messages about a bad byte found by offset. */
void kg_text_position(const char *p, size_t offset, unsigned *line, unsigned *column);
/* The name of the encoding ("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")
 * whose byte order mark starts p[0..n), or NULL: text kg cannot read (it
 * reads UTF-8), to be refused with a clearer message than "NUL byte". */
const char *kg_text_foreign_bom(const char *p, size_t n);

/* Append s[0..n) as a JSON string literal, with quotes, to b. */
int kg_json_str(kg_buf *b, const char *s, size_t n);
/* Write s[0..n) as a JSON string literal to f. */
void kg_json_fputs(FILE *f, const char *s, size_t n);

/* ASCII case-insensitive comparison; Unicode letters compare bytewise. */
int kg_strcaseeq(const char *a, const char *b);
/* A lower-cased key for case-insensitive lookups: ASCII and Latin-1/Latin
 * Extended-A letters folded; caller frees with free(). NULL on ENOMEM. */
char *kg_fold_key(const char *s, size_t n);

#endif
