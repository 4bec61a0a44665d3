/*
 * fuzz_base.c -- libFuzzer harness for base/: UTF-8 validation and decoding,
 * JSON string escaping, case folding. Checks that kg_utf8_valid and
 * kg_utf8_decode agree, that decoding always advances, and that the JSON
 * escape of valid UTF-8 is valid UTF-8 without raw control characters; that
 * blank text (kg_text_is_blank) is clean text, and kg_text_position's line.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data;
    size_t bad = 0, off = 0, count = 0, i;
    int is_valid = kg_utf8_valid(p, size, &bad), saw_bad = 0;
    kg_buf b = {0};
    char *key;

    while (off < size) {
        uint32_t cp;
        int n = kg_utf8_decode(p + off, size - off, &cp);
        FZ_CHECK(n >= 1 && (size_t)n <= size - off);
        FZ_CHECK(cp <= 0x10FFFF);
        if (cp == 0xFFFD && !(n == 3 && memcmp(p + off, "\xEF\xBF\xBD", 3) == 0)) {
            if (!saw_bad && !is_valid)
                FZ_CHECK(off == bad);
            saw_bad = 1;
        }
        off += (size_t)n;
        count++;
    }
    FZ_CHECK(saw_bad == !is_valid);
    FZ_CHECK(kg_utf8_count(p, size) == count);

    if (kg_json_str(&b, p, size) == KG_OK) {
        FZ_CHECK(b.len >= 2 && b.data[0] == '"' && b.data[b.len - 1] == '"');
        for (i = 0; i < b.len; i++)
            FZ_CHECK((unsigned char)b.data[i] >= 0x20);
        if (is_valid)
            FZ_CHECK(kg_utf8_valid(b.data, b.len, &bad));
    }
    kg_buf_free(&b);
    key = kg_fold_key(p, size);
    free(key);

    /* blank text is valid UTF-8 without NUL; a foreign BOM is never blank */
    if (kg_text_is_blank(p, size)) {
        FZ_CHECK(is_valid);
        FZ_CHECK(!kg_has_nul(p, size, &bad));
        FZ_CHECK(kg_text_foreign_bom(p, size) == NULL);
    }
    /* the position of any offset: line = 1 + newlines before it, column within it */
    {
        size_t at = size ? (size_t)data[0] * 31u % (size + 1) : 0, nl = 0;
        unsigned line, column;
        kg_text_position(p, at, &line, &column);
        for (i = 0; i < at; i++)
            nl += p[i] == '\n';
        FZ_CHECK(line == nl + 1 && column >= 1 && column <= at + 1);
    }
    return 0;
}
