/*
 * test_filter.c -- graph/filter.c: time qualifiers as the extractor writes
 * them read as date intervals (kg_time_parse), the dates of "as of"
 * (kg_date_parse), and the statement filter of min confidence / as of over a
 * small store (kg_triples_filter).
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kg_store.h"
#include "kg_traverse.h"

#define TODAY 20261127

typedef struct tcase_time { const char *text; int placed; int32_t lo, hi; } tcase_time;

static const tcase_time times[] = {
    {"October 2025", 1, 20251001, 20251031},
    {"in October 2025", 1, 20251001, 20251031},
    {"since February 2026", 1, 20260201, KG_DATE_MAX},
    {"effective around February 2026", 1, 20260201, KG_DATE_MAX},
    {"starting 2024", 1, 20240101, KG_DATE_MAX},
    {"as of 15 March 2026", 1, 20260315, KG_DATE_MAX},
    {"until 2024", 1, KG_DATE_MIN, 20241231},
    {"through Q2 2025", 1, KG_DATE_MIN, 20250631},
    {"before March 2026", 1, KG_DATE_MIN, 20260300},
    {"after 2020", 1, 20201232, KG_DATE_MAX},
    {"between 2019 and 2021", 1, 20190101, 20211231},
    {"from January 2020 to March 2021", 1, 20200101, 20210331},
    {"on March 5, 2026", 1, 20260305, 20260305},
    {"2026-02-15", 1, 20260215, 20260215},
    {"in 2019", 1, 20190101, 20191231},
    {"Sept 2023", 1, 20230901, 20230931},
    {"previously", 1, KG_DATE_MIN, TODAY - 1},
    {"under the old deal", 1, KG_DATE_MIN, TODAY - 1},
    {"For years", 1, KG_DATE_MIN, TODAY - 1},
    {"used to", 1, KG_DATE_MIN, TODAY - 1},
    {"next year", 1, TODAY + 1, KG_DATE_MAX},
    {"now", 0, KG_DATE_MIN, KG_DATE_MAX},
    {"currently", 0, KG_DATE_MIN, KG_DATE_MAX},
    {"", 0, KG_DATE_MIN, KG_DATE_MAX},
    {"in May", 0, KG_DATE_MIN, KG_DATE_MAX},     /* a month without a year places nothing */
    {"12 units", 0, KG_DATE_MIN, KG_DATE_MAX},
};

START_TEST(test_time_parse)
{
    const tcase_time *c = &times[_i];
    int32_t lo = 0, hi = 0;
    int placed = kg_time_parse(c->text, TODAY, &lo, &hi);
    ck_assert_msg(placed == c->placed && lo == c->lo && hi == c->hi,
                  "\"%s\": got %d [%d, %d], expected %d [%d, %d]", c->text, placed, lo, hi,
                  c->placed, c->lo, c->hi);
}
END_TEST

START_TEST(test_date_parse)
{
    int32_t lo, hi;
    ck_assert_int_eq(kg_date_parse("2026", &lo, &hi), 1);
    ck_assert_int_eq(lo, 20260101);
    ck_assert_int_eq(hi, 20261231);
    ck_assert_int_eq(kg_date_parse("2026-02", &lo, &hi), 1);
    ck_assert_int_eq(lo, 20260201);
    ck_assert_int_eq(kg_date_parse("2026-02-15", &lo, &hi), 1);
    ck_assert_int_eq(lo, 20260215);
    ck_assert_int_eq(hi, 20260215);
    ck_assert_int_eq(kg_date_parse("2026-13", &lo, &hi), 0);
    ck_assert_int_eq(kg_date_parse("2026-02-32", &lo, &hi), 0);
    ck_assert_int_eq(kg_date_parse("26", &lo, &hi), 0);
    ck_assert_int_eq(kg_date_parse("now", &lo, &hi), 0);
    ck_assert_int_eq(kg_date_parse(NULL, &lo, &hi), 0);
}
END_TEST

/* a store: a -pay-> b (past), a -pay-> b negated since March 2026, a -own-> c
 * (confidence 0.4), c -sue-> b in 2019 */
START_TEST(test_triples_filter)
{
    char dir[] = "/tmp/kg_test_filter_XXXXXX", path[128], cmd[200];
    kg_store *st = NULL;
    kg_error err = {0};
    kg_tripleset skip = {0};
    kg_triple_filter f;
    size_t n = 0;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.db", dir);
    ck_assert_int_eq(kg_store_open(path, KG_STORE_CREATE, &st, &err), KG_OK);
    ck_assert_int_eq(sqlite3_exec(kg_store_db(st),
        "INSERT INTO entity(id, name, name_key) VALUES (1, 'A', 'a'), (2, 'B', 'b'), (3, 'C', 'c');"
        "INSERT INTO relation(id, name) VALUES (1, 'pay'), (2, 'own'), (3, 'sue');"
        "INSERT INTO triple(id, subject_id, relation_id, object_id, negated, confidence, time) VALUES "
        "(1, 1, 1, 2, 0, 0.9, 'under the old deal'), (2, 1, 1, 2, 1, 0.9, 'since March 2026'),"
        "(3, 1, 2, 3, 0, 0.4, NULL), (4, 3, 3, 2, 0, 1.0, 'in 2019');", NULL, NULL, NULL),
        SQLITE_OK);
    memset(&f, 0, sizeof f);
    f.today = TODAY;
    f.has_min_confidence = 1;
    f.min_confidence = 0.5;
    ck_assert_int_eq(kg_triples_filter(st, &f, &skip, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert(kg_tripleset_has(&skip, 3) && !kg_tripleset_has(&skip, 1));
    kg_tripleset_free(&skip);
    /* as of 2019-06: the negation has not started; the 2019 statement holds */
    memset(&f, 0, sizeof f);
    f.today = TODAY;
    f.has_as_of = 1;
    f.as_of = 20190601;
    ck_assert_int_eq(kg_triples_filter(st, &f, &skip, &n, &err), KG_OK);
    ck_assert(!kg_tripleset_has(&skip, 1) && kg_tripleset_has(&skip, 2) &&
              !kg_tripleset_has(&skip, 3) && !kg_tripleset_has(&skip, 4));
    kg_tripleset_free(&skip);
    /* as of April 2026: the negation supersedes the positive; 2019 is over */
    f.as_of = 20260401;
    ck_assert_int_eq(kg_triples_filter(st, &f, &skip, &n, &err), KG_OK);
    ck_assert(kg_tripleset_has(&skip, 1) && !kg_tripleset_has(&skip, 2) &&
              !kg_tripleset_has(&skip, 3) && kg_tripleset_has(&skip, 4));
    kg_tripleset_free(&skip);
    kg_store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *filter_suite(void)
{
    Suite *s = suite_create("filter");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, test_time_parse, 0, (int)(sizeof times / sizeof times[0]));
    tcase_add_test(tc, test_date_parse);
    tcase_add_test(tc, test_triples_filter);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(filter_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
