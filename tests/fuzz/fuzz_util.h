/*
 * fuzz_util.h -- helpers shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c)
 * and by their plain-C replay driver (tests/test_fuzz_regress.c, which
 * #includes each harness with LLVMFuzzerTestOneInput renamed).
 *
 * A harness returns 0 for every input; a crash, a sanitizer report or a
 * FZ_CHECK failure (an invariant of kg broken by the input) is a finding.
 */
#ifndef KG_FUZZ_UTIL_H
#define KG_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kg_base.h"

#define FZ_UNUSED __attribute__((unused))

/* An invariant the input must not break: print where and abort (a finding). */
#define FZ_CHECK(cond)                                                             \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz: invariant failed at %s:%d: %s\n", __FILE__,     \
                    __LINE__, #cond);                                              \
            abort();                                                               \
        }                                                                          \
    } while (0)

/* The error record must be well formed: a known code, a NUL-terminated message. */
FZ_UNUSED static void fz_check_error(const kg_error *err, int rc)
{
    FZ_CHECK(rc >= KG_OK && rc <= KG_ELIMIT);
    if (rc != KG_OK) {
        FZ_CHECK(err->code == rc);
        FZ_CHECK(memchr(err->msg, '\0', sizeof err->msg) != NULL);
        FZ_CHECK(err->msg[0] != '\0');
    }
}

/* Write data to a per-process scratch file named by tag; returns its path
 * (static storage), or NULL when the file cannot be written. */
FZ_UNUSED static const char *fz_scratch(const char *tag, const uint8_t *data, size_t size)
{
    static char path[256];
    const char *dir = getenv("TMPDIR");
    FILE *f;
    snprintf(path, sizeof path, "%s/kg-fuzz-%ld-%s", dir && *dir ? dir : "/tmp",
             (long)getpid(), tag);
    f = fopen(path, "wb");
    if (f == NULL)
        return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    if (fclose(f) != 0)
        return NULL;
    return path;
}

/* A NUL-terminated copy of data (caller frees); NULL on ENOMEM. */
FZ_UNUSED static char *fz_strdup(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s == NULL)
        return NULL;
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

#endif
