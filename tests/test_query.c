/*
 * test_query.c -- unit tests of the query language's lexer and parser
 * (query/lex.c, query/parse.c): tokens and spans, the AST of every form, error
 * messages with line and character column, a random token-soup fuzz that must
 * never crash and must reject garbage with KG_ESYNTAX, and a 1 MB query.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../query/query_int.h"

/* ------------------------------------------------------------------ lexer */

START_TEST(test_lex_tokens)
{
    const char *src = "neighbors \"Open \\\"AI\\\"\" ~\"^a.*\" ?who , ; = != ~ # comment\nx";
    size_t len = strlen(src), pos = 0;
    int expect[] = {KG_TK_WORD, KG_TK_STRING, KG_TK_REGEX, KG_TK_VAR, KG_TK_COMMA, KG_TK_SEMI,
                    KG_TK_EQ, KG_TK_NE, KG_TK_TILDE, KG_TK_NEWLINE, KG_TK_WORD, KG_TK_EOF};
    size_t i;
    for (i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        kg_token t = kg_lex_next(src, len, pos);
        ck_assert_int_eq(t.type, expect[i]);
        if (i == 0) {
            ck_assert_uint_eq(t.off, 0);
            ck_assert_uint_eq(t.len, 9);
        }
        if (i == 1)
            ck_assert_uint_eq(t.len, strlen("\"Open \\\"AI\\\"\""));
        pos = t.off + t.len;
    }
}
END_TEST

START_TEST(test_lex_words)
{
    const char *src = "AT&T Société_Générale 3M first-refusal";
    size_t pos = 0, len = strlen(src);
    const char *words[] = {"AT&T", "Société_Générale", "3M", "first-refusal"};
    size_t i;
    for (i = 0; i < 4; i++) {
        kg_token t = kg_lex_next(src, len, pos);
        ck_assert_int_eq(t.type, KG_TK_WORD);
        ck_assert_uint_eq(t.len, strlen(words[i]));
        ck_assert(memcmp(src + t.off, words[i], t.len) == 0);
        pos = t.off + t.len;
    }
}
END_TEST

START_TEST(test_lex_errors)
{
    kg_token t = kg_lex_next("\"abc", 4, 0);
    ck_assert_int_eq(t.type, KG_TK_ERROR);
    ck_assert(strstr(t.msg, "unterminated") != NULL);
    t = kg_lex_next("\"a\\nb\"", 6, 0);
    ck_assert_int_eq(t.type, KG_TK_ERROR);
    ck_assert(strstr(t.msg, "escape") != NULL);
    ck_assert_uint_eq(t.err_off, 2);
    t = kg_lex_next("  @", 3, 0);
    ck_assert_int_eq(t.type, KG_TK_ERROR);
    ck_assert_uint_eq(t.err_off, 2);
    t = kg_lex_next("?", 1, 0);
    ck_assert_int_eq(t.type, KG_TK_ERROR);
    t = kg_lex_next("\xff\xfe", 2, 0);
    ck_assert_int_eq(t.type, KG_TK_ERROR);
}
END_TEST

/* ----------------------------------------------------------------- parser */

static kg_script parse_ok(const char *src)
{
    kg_script s;
    kg_error err = {0};
    int rc = kg_parse_script(src, strlen(src), "query", &s, &err);
    if (rc)
        ck_abort_msg("parse of \"%s\" failed: %s (col %u)", src, err.msg, err.column);
    return s;
}

static kg_error parse_fail(const char *src)
{
    kg_script s;
    kg_error err = {0};
    int rc = kg_parse_script(src, strlen(src), "query", &s, &err);
    kg_script_free(&s);
    ck_assert_msg(rc == KG_ESYNTAX, "\"%s\" should fail with a syntax error, got %d", src, rc);
    ck_assert_int_eq(err.code, KG_ESYNTAX);
    return err;
}

START_TEST(test_parse_neighbors)
{
    kg_script s = parse_ok("NEIGHBORS \"Microsoft\" depth 2 out via pay, \"hold license\" "
                           "where type = ORG and name ~ \"^M\" with negated limit 7");
    const kg_query_ast *q;
    ck_assert_uint_eq(s.n, 1);
    q = s.queries[0];
    ck_assert_int_eq(q->form, KG_F_NEIGHBORS);
    ck_assert_str_eq(q->a.text, "Microsoft");
    ck_assert_int_eq(q->a.kind, KG_Q_NAME);
    ck_assert_uint_eq(q->a.off, 10);
    ck_assert_uint_eq(q->depth, 2);
    ck_assert_int_eq(q->direction, KG_DIR_OUT);
    ck_assert_uint_eq(q->via.n, 2);
    ck_assert_str_eq(q->via.items[1].text, "hold license");
    ck_assert_uint_eq(q->n_conds, 2);
    ck_assert_int_eq(q->conds[0].subject, KG_CS_TYPE);
    ck_assert_str_eq(q->conds[0].value.text, "ORG");
    ck_assert_int_eq(q->conds[1].op, KG_C_MATCH);
    ck_assert_str_eq(q->conds[1].value.text, "^M");
    ck_assert_int_eq(q->with_negated, 1);
    ck_assert(q->has_limit && q->limit == 7);
    kg_script_free(&s);
}
END_TEST

START_TEST(test_parse_defaults_and_escapes)
{
    kg_script s = parse_ok("neighbors \"say \\\"hi\\\" \\\\ now\"");
    ck_assert_str_eq(s.queries[0]->a.text, "say \"hi\" \\ now");
    ck_assert_uint_eq(s.queries[0]->depth, 1);
    ck_assert_int_eq(s.queries[0]->direction, KG_DIR_BOTH);
    ck_assert_int_eq(s.queries[0]->has_limit, 0);
    kg_script_free(&s);
    s = parse_ok("paths A to B with evidence within 2 with negated");
    ck_assert_int_eq(s.queries[0]->with_evidence, 1);
    ck_assert_int_eq(s.queries[0]->with_negated, 1);
    kg_script_free(&s);
    s = parse_ok("explain count neighbors X");
    ck_assert_int_eq(s.queries[0]->is_explain, 1);
    ck_assert_int_eq(s.queries[0]->is_count, 1);
    ck_assert_int_eq(s.queries[0]->form, KG_F_NEIGHBORS);
    kg_script_free(&s);
    s = parse_ok("neighbors ~\"^open\"");
    ck_assert_int_eq(s.queries[0]->a.kind, KG_Q_REGEX);
    ck_assert_str_eq(s.queries[0]->a.text, "^open");
    kg_script_free(&s);
}
END_TEST

START_TEST(test_parse_paths_match_why)
{
    kg_script s = parse_ok("path Amazon to Microsoft directed avoid OpenAI, Google; "
                           "paths \"Amazon Web Services\" to Microsoft within 3 limit 5\n"
                           "match ?a ?r OpenAI, ?a pay ?b where ?a is ORG and ?b != Google "
                           "return ?a, ?r limit 3\n"
                           "why Microsoft OpenAI; why Microsoft \"hold license\" OpenAI\n"
                           "top 5 by pagerank where type = PERSON; communities limit 2; "
                           "describe OpenAI; stats # done");
    const kg_query_ast *q;
    ck_assert_uint_eq(s.n, 9);
    q = s.queries[0];
    ck_assert_int_eq(q->form, KG_F_PATH);
    ck_assert_int_eq(q->is_directed, 1);
    ck_assert_uint_eq(q->avoid.n, 2);
    q = s.queries[1];
    ck_assert_int_eq(q->form, KG_F_PATHS);
    ck_assert(q->has_within && q->within == 3 && q->limit == 5);
    q = s.queries[2];
    ck_assert_int_eq(q->form, KG_F_MATCH);
    ck_assert_uint_eq(q->n_pats, 2);
    ck_assert_int_eq(q->pats[0].r.kind, KG_Q_VAR);
    ck_assert_str_eq(q->pats[0].r.text, "r");
    ck_assert_str_eq(q->pats[1].r.text, "pay");
    ck_assert_uint_eq(q->n_conds, 2);
    ck_assert_int_eq(q->conds[0].op, KG_C_IS);
    ck_assert_int_eq(q->conds[1].op, KG_C_NE);
    ck_assert_uint_eq(q->ret.n, 2);
    q = s.queries[3];
    ck_assert_int_eq(q->form, KG_F_WHY);
    ck_assert_int_eq(q->rel.kind, 0);
    q = s.queries[4];
    ck_assert_str_eq(q->rel.text, "hold license");
    ck_assert_str_eq(q->b.text, "OpenAI");
    q = s.queries[5];
    ck_assert_int_eq(q->form, KG_F_TOP);
    ck_assert_uint_eq(q->top_n, 5);
    ck_assert_int_eq(q->measure, KG_RANK_PAGERANK);
    ck_assert_int_eq(s.queries[6]->form, KG_F_COMMUNITIES);
    ck_assert_int_eq(s.queries[7]->form, KG_F_DESCRIBE);
    ck_assert_int_eq(s.queries[8]->form, KG_F_STATS);
    kg_script_free(&s);
}
END_TEST

START_TEST(test_parse_errors)
{
    kg_error e = parse_fail("neighbors OpenAI depth two");
    ck_assert_str_eq(e.msg, "expected a number after \"depth\", found \"two\"");
    ck_assert_uint_eq(e.line, 1);
    ck_assert_uint_eq(e.column, 24);
    e = parse_fail("path \"Amazon\" from \"Microsoft\"");
    ck_assert_str_eq(e.msg, "expected \"to\", found \"from\"");
    ck_assert_uint_eq(e.column, 15);
    /* columns count characters, not bytes */
    e = parse_fail("neighbors \"Société Générale\" deepth 2");
    ck_assert_uint_eq(e.column, 30);
    e = parse_fail("stats\nneighbors");
    ck_assert_uint_eq(e.line, 2);
    ck_assert_uint_eq(e.column, 10);
    ck_assert(strstr(e.msg, "end of query") != NULL);
    e = parse_fail("neighbours OpenAI depth 99");
    ck_assert(strstr(e.msg, "between 1 and 20") != NULL);
    e = parse_fail("neighbors OpenAI depth 2 depth 3");
    ck_assert(strstr(e.msg, "twice") != NULL);
    e = parse_fail("frobnicate OpenAI");
    ck_assert(strstr(e.msg, "expected a query") != NULL);
    e = parse_fail("neighbors to");
    ck_assert(strstr(e.msg, "expected an entity name") != NULL);
    e = parse_fail("match ?a pay");
    ck_assert(strstr(e.msg, "found end of query") != NULL);
    e = parse_fail("neighbors \"unterminated");
    ck_assert(strstr(e.msg, "unterminated") != NULL);
    ck_assert_uint_eq(e.column, 11);
    e = parse_fail("top 5 by fame");
    ck_assert(strstr(e.msg, "degree") != NULL);
    e = parse_fail("neighbors X where type = ANIMAL");
    ck_assert(strstr(e.msg, "entity type") != NULL);
    e = parse_fail("neighbors X where ?v is ANIMAL"); /* ?v is the returned entity */
    ck_assert(strstr(e.msg, "entity type") != NULL);
    e = parse_fail("neighbors ?x");
    e = parse_fail("why A");
    e = parse_fail("path A to B with evidence with evidence");
    ck_assert(strstr(e.msg, "twice") != NULL);
    e = parse_fail("neighbors A with everything");
    ck_assert(strstr(e.msg, "\"evidence\"") != NULL);
    e = parse_fail("neighbors \"\"");
    ck_assert(strstr(e.msg, "empty") != NULL);
}
END_TEST

/* Random token soup: never crashes; soup that does not start with a query verb
 * is always a syntax error. */
START_TEST(test_fuzz_soup)
{
    static const char *const pieces[] = {
        "neighbors", "path", "paths", "match", "why", "top", "communities", "describe", "stats",
        "to", "depth", "out", "in", "both", "via", "where", "with", "negated", "limit", "within",
        "directed", "avoid", "return", "and", "is", "type", "name", "by", "degree", "ORG", "?x",
        "?", "\"", "\"a b\"", "~\"x\"", "~", "=", "!=", "!", ",", ";", "\n", "#c\n", "2", "0",
        "99999999999999999999", "OpenAI", "Société", "\\", "@", "\xc3", "\xff", "\"\\q\"", " ",
        "\t", "(", ")", "*", "explain"};
    size_t n_pieces = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    int iter;
    kg_buf b = {0};
    for (iter = 0; iter < 20000; iter++) {
        size_t n = 1 + (seed = seed * 1103515245u + 12345u) % 14, i;
        kg_script s;
        kg_error err = {0};
        int rc;
        kg_buf_reset(&b);
        kg_buf_puts(&b, "junk ");
        for (i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            kg_buf_puts(&b, pieces[(seed >> 8) % n_pieces]);
            if ((seed >> 20) & 1)
                kg_buf_puts(&b, " ");
        }
        /* the soup proper starts with "junk": always an error */
        rc = kg_parse_script(b.data, b.len, "query", &s, &err);
        kg_script_free(&s);
        ck_assert_int_eq(rc, KG_ESYNTAX);
        ck_assert(err.line >= 1 && err.column >= 1);
        ck_assert(err.offset <= b.len);
        /* without the prefix: any outcome but a crash; errors carry positions */
        memset(&err, 0, sizeof err);
        rc = kg_parse_script(b.data + 5, b.len - 5, "query", &s, &err);
        kg_script_free(&s);
        ck_assert(rc == KG_OK || rc == KG_ESYNTAX);
        if (rc)
            ck_assert(err.line >= 1 && err.column >= 1 && err.msg[0]);
    }
    /* random bytes */
    for (iter = 0; iter < 5000; iter++) {
        char buf[64];
        size_t n = (seed = seed * 1103515245u + 12345u) % sizeof buf, i;
        kg_script s;
        kg_error err = {0};
        int rc;
        for (i = 0; i < n; i++)
            buf[i] = (char)((seed = seed * 1103515245u + 12345u) >> 16);
        rc = kg_parse_script(buf, n, "query", &s, &err);
        kg_script_free(&s);
        ck_assert(rc == KG_OK || rc == KG_ESYNTAX);
    }
    kg_buf_free(&b);
}
END_TEST

START_TEST(test_megabyte_query)
{
    kg_buf b = {0};
    kg_script s;
    kg_error err = {0};
    int rc;
    size_t i;
    /* a 1 MB valid query: a long via list */
    kg_buf_puts(&b, "neighbors OpenAI via ");
    for (i = 0; b.len < 1000000; i++)
        kg_buf_printf(&b, "%srel%zu", i ? ", " : "", i);
    rc = kg_parse_script(b.data, b.len, "query", &s, &err);
    ck_assert_int_eq(rc, KG_OK);
    ck_assert_uint_eq(s.queries[0]->via.n, i);
    kg_script_free(&s);
    /* the same with garbage at the very end: a syntax error at the right column */
    kg_buf_puts(&b, " ???");
    memset(&err, 0, sizeof err);
    rc = kg_parse_script(b.data, b.len, "query", &s, &err);
    kg_script_free(&s);
    ck_assert_int_eq(rc, KG_ESYNTAX);
    ck_assert_uint_eq(err.column, b.len - 2); /* the first "?" (1-based) */
    /* one 1 MB name */
    kg_buf_reset(&b);
    kg_buf_puts(&b, "neighbors \"");
    while (b.len < 1000000)
        kg_buf_puts(&b, "abcdefghij");
    kg_buf_puts(&b, "\" depth");
    memset(&err, 0, sizeof err);
    rc = kg_parse_script(b.data, b.len, "query", &s, &err);
    kg_script_free(&s);
    ck_assert_int_eq(rc, KG_ESYNTAX);
    ck_assert(strstr(err.msg, "expected a number") != NULL);
    /* over the limit */
    kg_buf_reset(&b);
    kg_buf_puts(&b, "neighbors X via ");
    for (i = 0; b.len < KG_MAX_QUERY_BYTES + 10; i++)
        kg_buf_printf(&b, "%sr%zu", i ? ", " : "", i);
    memset(&err, 0, sizeof err);
    rc = kg_parse_script(b.data, b.len, "query", &s, &err);
    kg_script_free(&s);
    ck_assert_int_eq(rc, KG_ESYNTAX);
    ck_assert(strstr(err.msg, "too long") != NULL);
    kg_buf_free(&b);
}
END_TEST

START_TEST(test_lemma)
{
    char *l = kg_plan_lemma("pays");
    ck_assert(l && strcmp(l, "pay") == 0);
    free(l);
    l = kg_plan_lemma("paid");
    ck_assert(l && strcmp(l, "pay") == 0);
    free(l);
    l = kg_plan_lemma("holds license");
    ck_assert(l && strcmp(l, "hold license") == 0);
    free(l);
    l = kg_plan_lemma("acquired");
    ck_assert(l && strstr(l, "acquire") != NULL);
    free(l);
    l = kg_plan_lemma("stopped");
    ck_assert(l && strstr(l, "\nstop") != NULL);
    free(l);
    ck_assert_ptr_null(kg_plan_lemma("pay"));
}
END_TEST

static Suite *query_suite(void)
{
    Suite *s = suite_create("query");
    TCase *tc = tcase_create("lex_parse");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_lex_tokens);
    tcase_add_test(tc, test_lex_words);
    tcase_add_test(tc, test_lex_errors);
    tcase_add_test(tc, test_parse_neighbors);
    tcase_add_test(tc, test_parse_defaults_and_escapes);
    tcase_add_test(tc, test_parse_paths_match_why);
    tcase_add_test(tc, test_parse_errors);
    tcase_add_test(tc, test_fuzz_soup);
    tcase_add_test(tc, test_megabyte_query);
    tcase_add_test(tc, test_lemma);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(query_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
