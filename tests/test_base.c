/*
 * test_base.c -- unit tests of text helpers at the bottom of the flow:
 * kg_text_cut (ingest/analysis.c: never splits a UTF-8 character, whatever
 * max), kg_text_is_blank and kg_text_foreign_bom (base/base.c: what kg ingest
 * and kg extract refuse as empty or as UTF-16/32; kg_text_position, the
 * line and column of a bad byte).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "kg_base.h"
#include "kg_text.h"

static int is_boundary(const char *s, size_t len, size_t i)
{
    return i == len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

/* Every max from 0 to len on text mixing 1- to 4-byte characters, with and
 * without spaces: a cut is a character boundary, > 0, and at most max unless
 * max falls inside the first character (then just after it). */
START_TEST(text_cut_never_splits)
{
    static const char *const texts[] = {
        "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xc3\xa9t\xc3\xa9",         /* 😀😀été */
        "\xe2\x82\xac" "100 \xe2\x82\xac" "200. \xf0\x9f\x98\x80 ok", /* €100 €200. 😀 ok */
        "\xc3\xa9",                                                     /* é */
        "a\xf0\x9f\x98\x80",
        "\xe4\xb8\xad\xe6\x96\x87\xe6\x96\x87\xe6\x9c\xac",             /* 中文文本 */
    };
    size_t k, max;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        const char *s = texts[k];
        size_t len = strlen(s);
        size_t first = 1;
        while (first < len && !is_boundary(s, len, first))
            first++;
        for (max = 0; max <= len + 1; max++) {
            size_t cut = kg_text_cut(s, len, max);
            ck_assert_msg(cut > 0 && cut <= len, "text %zu max %zu: cut %zu", k, max, cut);
            ck_assert_msg(is_boundary(s, len, cut), "text %zu max %zu: cut %zu splits a character",
                          k, max, cut);
            if (max >= first)
                ck_assert_msg(cut <= max, "text %zu max %zu: cut %zu over max", k, max, cut);
            else
                ck_assert_uint_eq(cut, first);
            if (max >= len)
                ck_assert_uint_eq(cut, len);
        }
    }
    /* the preferred cuts still win */
    ck_assert_uint_eq(kg_text_cut("One. Two three", 14, 10), 5);
    ck_assert_uint_eq(kg_text_cut("a\n\nb c d e", 10, 8), 3);
}
END_TEST

START_TEST(text_is_blank)
{
    ck_assert(kg_text_is_blank("", 0));
    ck_assert(kg_text_is_blank(NULL, 0));
    ck_assert(kg_text_is_blank(" \t\r\n\v\f", 6));
    ck_assert(kg_text_is_blank("\xef\xbb\xbf", 3));                       /* BOM */
    ck_assert(kg_text_is_blank("\xc2\xa0\xe2\x80\x8b\xe3\x80\x80\n", 9)); /* NBSP ZWSP ideographic */
    ck_assert(!kg_text_is_blank(" x ", 3));
    ck_assert(!kg_text_is_blank("\xef\xbb\xbf.", 4));
    ck_assert(!kg_text_is_blank(" \0 ", 3));                /* binary: not blank */
    ck_assert(!kg_text_is_blank(" \xff ", 3));              /* invalid UTF-8: not blank */
    ck_assert(!kg_text_is_blank("\xc2", 1));                /* truncated character */
    ck_assert(!kg_text_is_blank("\xc3\xa9", 2));
}
END_TEST

START_TEST(text_foreign_bom)
{
    ck_assert_str_eq(kg_text_foreign_bom("\xff\xfeh\0", 4), "UTF-16LE");
    ck_assert_str_eq(kg_text_foreign_bom("\xfe\xff\0h", 4), "UTF-16BE");
    ck_assert_str_eq(kg_text_foreign_bom("\xff\xfe\0\0", 4), "UTF-32LE");
    ck_assert_str_eq(kg_text_foreign_bom("\0\0\xfe\xff", 4), "UTF-32BE");
    ck_assert_str_eq(kg_text_foreign_bom("\xff\xfe", 2), "UTF-16LE");
    ck_assert_ptr_null(kg_text_foreign_bom("\xef\xbb\xbfhi", 5));
    ck_assert_ptr_null(kg_text_foreign_bom("hi", 2));
    ck_assert_ptr_null(kg_text_foreign_bom("\xff", 1));
    ck_assert_ptr_null(kg_text_foreign_bom("", 0));
}
END_TEST

START_TEST(text_position)
{
    static const char t[] = "ab\n\xc3\xa9t\xc3\xa9\nx";
    unsigned line = 0, col = 0;
    kg_text_position(t, 0, &line, &col);
    ck_assert(line == 1 && col == 1);
    kg_text_position(t, 2, &line, &col); /* the newline itself: end of line 1 */
    ck_assert(line == 1 && col == 3);
    kg_text_position(t, 3, &line, &col);
    ck_assert(line == 2 && col == 1);
    kg_text_position(t, 6, &line, &col); /* after "\xc3\xa9t": the 3rd character */
    ck_assert(line == 2 && col == 3);
    kg_text_position(t, 9, &line, &col);
    ck_assert(line == 3 && col == 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("base");
    TCase *tc = tcase_create("base");
    SRunner *sr;
    int failed;
    tcase_add_test(tc, text_cut_never_splits);
    tcase_add_test(tc, text_is_blank);
    tcase_add_test(tc, text_foreign_bom);
    tcase_add_test(tc, text_position);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
