/*
 * test_lookup.c -- unit tests of graph/lookup.c: entity resolution (case,
 * aliases, Latin letters), regexes and their errors, "did you mean"
 * suggestions, relation resolution by lemma, inflection and surface text,
 * entity records, cached names, triple patterns and the evidence behind
 * statements (why), on a store built through kg_store_add_document.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kg_store.h"
#include "kg_traverse.h"

static char dir[256];
static char db_path[300];
static kg_store *st;

/* Two documents: sentences with mentions (aliases) and triples, one negated. */
static const char *doc1 =
    "Microsoft pays OpenAI for compute. MSFT holds a license from OpenAI. "
    "Société Générale lends to Amazon Web Services.";
static const char *doc2 = "Microsoft no longer pays OpenAI in 2025.";

static void add_doc1(void)
{
    kg_error err = {0};
    kg_doc_sentence sents[3] = {{0, 34}, {35, 68}, {69, 116}};
    kg_doc_mention ms[] = {
        {0, 0, 9, "Microsoft", "ORG", "Microsoft"},
        {0, 15, 21, "OpenAI", "ORG", "OpenAI"},
        {1, 35, 39, "MSFT", "ORG", "Microsoft"},
        {1, 62, 68, "OpenAI", "ORG", "OpenAI"},
        {2, 69, 87, "Société Générale", "ORG", "Société Générale"},
        {2, 97, 116, "Amazon Web Services", "ORG", "Amazon Web Services"},
        {2, 97, 103, "AWS", "ORG", "Amazon Web Services"},
    };
    kg_doc_triple ts[3];
    kg_doc d;
    kg_add_result res;
    memset(ts, 0, sizeof ts);
    ts[0].subject = "Microsoft"; ts[0].subject_type = "ORG"; ts[0].relation = "pay";
    ts[0].surface = "pays"; ts[0].object = "OpenAI"; ts[0].object_type = "ORG";
    ts[0].confidence = 0.9; ts[0].sentence = 0;
    ts[1].subject = "Microsoft"; ts[1].relation = "hold license"; ts[1].surface = "holds a license from";
    ts[1].object = "OpenAI"; ts[1].confidence = 0.7; ts[1].sentence = 1;
    ts[2].subject = "Société Générale"; ts[2].relation = "lend to"; ts[2].surface = "lends to";
    ts[2].object = "Amazon Web Services"; ts[2].confidence = 0.8; ts[2].sentence = 2;
    memset(&d, 0, sizeof d);
    d.source = "doc1.txt";
    d.content = doc1;
    d.content_len = strlen(doc1);
    d.sentences = sents; d.n_sentences = 3;
    d.mentions = ms; d.n_mentions = sizeof ms / sizeof ms[0];
    d.triples = ts; d.n_triples = 3;
    ck_assert_msg(kg_store_add_document(st, &d, &res, &err) == KG_OK, "%s", err.msg);
}

static void add_doc2(void)
{
    kg_error err = {0};
    kg_doc_sentence sents[1] = {{0, 40}};
    kg_doc_mention ms[] = {
        {0, 0, 9, "Microsoft", "ORG", "Microsoft"},
        {0, 27, 33, "OpenAI", "ORG", "OpenAI"},
    };
    kg_doc_triple ts[1];
    kg_doc d;
    memset(ts, 0, sizeof ts);
    ts[0].subject = "Microsoft"; ts[0].relation = "pay"; ts[0].surface = "no longer pays";
    ts[0].object = "OpenAI"; ts[0].confidence = 0.6; ts[0].is_negated = 1; ts[0].time = "2025";
    ts[0].sentence = 0;
    memset(&d, 0, sizeof d);
    d.source = "doc2.txt";
    d.content = doc2;
    d.content_len = strlen(doc2);
    d.sentences = sents; d.n_sentences = 1;
    d.mentions = ms; d.n_mentions = 2;
    d.triples = ts; d.n_triples = 1;
    ck_assert_msg(kg_store_add_document(st, &d, NULL, &err) == KG_OK, "%s", err.msg);
}

static void setup(void)
{
    kg_error err = {0};
    snprintf(dir, sizeof dir, "/tmp/kg_test_lookup_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/t.db", dir);
    ck_assert_msg(kg_store_open(db_path, KG_STORE_CREATE, &st, &err) == KG_OK, "%s", err.msg);
    add_doc1();
    add_doc2();
}

static void teardown(void)
{
    char cmd[600];
    kg_store_close(st);
    st = NULL;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

/* The single entity a name resolves to (fails the test unless exactly one). */
static int64_t one_entity(const char *name)
{
    kg_error err = {0};
    int64_t *ids = NULL, id;
    size_t n = 0;
    ck_assert_int_eq(kg_lookup_entity(st, name, &ids, &n, &err), KG_OK);
    ck_assert_msg(n == 1, "\"%s\" resolves to %zu entities", name, n);
    id = ids[0];
    free(ids);
    return id;
}

static size_t count_entities(const char *name)
{
    kg_error err = {0};
    int64_t *ids = NULL;
    size_t n = 0;
    ck_assert_int_eq(kg_lookup_entity(st, name, &ids, &n, &err), KG_OK);
    free(ids);
    return n;
}

START_TEST(test_entity_names)
{
    int64_t ms = one_entity("Microsoft");
    ck_assert_int_eq(one_entity("microsoft"), ms);
    ck_assert_int_eq(one_entity("MICROSOFT"), ms);
    ck_assert_int_eq(one_entity("msft"), ms); /* an alias */
    ck_assert_int_eq(one_entity("aws"), one_entity("Amazon Web Services"));
    ck_assert_int_eq(one_entity("SOCIÉTÉ GÉNÉRALE"), one_entity("Société Générale"));
    ck_assert_uint_eq(count_entities("Micro soft"), 0);
    ck_assert_uint_eq(count_entities(""), 0);
}
END_TEST

START_TEST(test_entity_regex)
{
    kg_error err = {0};
    int64_t *ids = NULL;
    size_t n = 0;
    ck_assert_int_eq(kg_lookup_entity_regex(st, "^open", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ids[0], one_entity("OpenAI"));
    free(ids);
    /* matches by alias too, each entity once, ids ascending */
    ck_assert_int_eq(kg_lookup_entity_regex(st, "^(msft|aws)$", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_lt(ids[0], ids[1]);
    free(ids);
    ck_assert_int_eq(kg_lookup_entity_regex(st, "g\\w+rale", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    free(ids);
    ck_assert_int_eq(kg_lookup_entity_regex(st, "(unclosed", &ids, &n, &err), KG_ESYNTAX);
    ck_assert_ptr_null(ids);
    ck_assert_ptr_nonnull(strstr(err.msg, "regular expression"));
    ck_assert_uint_eq(err.offset, 9);
}
END_TEST

START_TEST(test_suggestions)
{
    kg_error err = {0};
    char **names = NULL;
    size_t n = 0;
    ck_assert_int_eq(kg_lookup_suggest(st, "Open AI", &names, &n, 3, &err), KG_OK);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(names[0], "OpenAI");
    kg_names_free(names, n);
    ck_assert_int_eq(kg_lookup_suggest(st, "Micro", &names, &n, 3, &err), KG_OK);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(names[0], "Microsoft"); /* a prefix */
    kg_names_free(names, n);
    /* an alias leads to its canonical name, listed once */
    ck_assert_int_eq(kg_lookup_suggest(st, "MSFTT", &names, &n, 3, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(names[0], "Microsoft");
    kg_names_free(names, n);
    ck_assert_int_eq(kg_lookup_suggest(st, "zzzzzzzzzzzz", &names, &n, 3, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(kg_lookup_suggest_relation(st, "lend too", &names, &n, 3, &err), KG_OK);
    ck_assert_uint_ge(n, 1);
    ck_assert_str_eq(names[0], "lend to");
    kg_names_free(names, n);
}
END_TEST

static int64_t one_relation(const char *name)
{
    kg_error err = {0};
    int64_t *ids = NULL, id;
    size_t n = 0;
    ck_assert_int_eq(kg_lookup_relation(st, name, &ids, &n, &err), KG_OK);
    ck_assert_msg(n == 1, "relation \"%s\" resolves to %zu", name, n);
    id = ids[0];
    free(ids);
    return id;
}

START_TEST(test_relations)
{
    kg_error err = {0};
    int64_t pay = one_relation("pay"), *ids = NULL;
    size_t n = 0;
    ck_assert_int_eq(one_relation("pays"), pay);
    ck_assert_int_eq(one_relation("paid"), pay);
    ck_assert_int_eq(one_relation("PAYING"), pay);
    ck_assert_int_eq(one_relation("holds license"), one_relation("hold license"));
    ck_assert_int_eq(one_relation("hold_license"), one_relation("hold license"));
    ck_assert_int_eq(one_relation("lends to"), one_relation("lend to"));
    /* the surface text as written */
    ck_assert_int_eq(one_relation("no longer pays"), pay);
    ck_assert_int_eq(one_relation("holds a license from"), one_relation("hold license"));
    ck_assert_int_eq(kg_lookup_relation(st, "acquire", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(kg_lookup_relation_regex(st, "^(pay|lend)", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 2);
    free(ids);
    ck_assert_int_eq(kg_lookup_relation_regex(st, "[", &ids, &n, &err), KG_ESYNTAX);
}
END_TEST

START_TEST(test_entity_info_and_names)
{
    kg_error err = {0};
    kg_entity_info e;
    kg_graph *g = NULL;
    int64_t ms = one_entity("Microsoft");
    const char *nm;
    ck_assert_int_eq(kg_entity_get(st, ms, &e, &err), KG_OK);
    ck_assert_str_eq(e.name, "Microsoft");
    ck_assert_str_eq(e.type, "ORG");
    ck_assert_int_ge(e.mention_count, 2);
    ck_assert_uint_eq(e.n_aliases, 1);
    ck_assert_str_eq(e.aliases[0], "MSFT");
    kg_entity_info_free(&e);
    ck_assert_int_eq(kg_entity_get(st, 987654, &e, &err), KG_ENOTFOUND);

    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    nm = kg_graph_entity_name(g, st, ms);
    ck_assert_str_eq(nm, "Microsoft");
    ck_assert_ptr_eq(kg_graph_entity_name(g, st, ms), nm); /* cached */
    ck_assert_str_eq(kg_graph_entity_type(g, st, ms), "ORG");
    ck_assert_str_eq(kg_graph_relation_name(g, st, one_relation("pay")), "pay");
    ck_assert_ptr_null(kg_graph_entity_name(g, st, 987654));
    ck_assert_ptr_null(kg_graph_relation_name(g, st, 987654));
    /* degree: 2 non-negated triples; 3 with the negated one */
    ck_assert_uint_eq(kg_graph_degree(g, ms, 0), 2);
    ck_assert_uint_eq(kg_graph_degree(g, ms, 1), 3);
    kg_graph_close(g);
}
END_TEST

START_TEST(test_triples_find)
{
    kg_error err = {0};
    kg_edge *e = NULL;
    size_t n = 0, i;
    int64_t ms = one_entity("Microsoft"), oa = one_entity("OpenAI"), pay = one_relation("pay");
    int negated = 0;
    ck_assert_int_eq(kg_triples_find(st, ms, NULL, 0, -1, &e, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 3);
    for (i = 0; i < n; i++) {
        ck_assert_int_eq(e[i].subject, ms);
        ck_assert_int_eq(e[i].object, oa);
        negated += e[i].is_negated;
        if (i)
            ck_assert_int_gt(e[i].triple_id, e[i - 1].triple_id);
    }
    ck_assert_int_eq(negated, 1);
    free(e);
    ck_assert_int_eq(kg_triples_find(st, -1, &pay, 1, oa, &e, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 2);
    free(e);
    ck_assert_int_eq(kg_triples_find(st, oa, &pay, 1, -1, &e, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
    free(e);
    ck_assert_int_eq(kg_triples_find(st, -1, NULL, 0, -1, &e, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 4);
    free(e);
    ck_assert_int_eq(kg_triples_find(st, -1, &pay, 0, -1, &e, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
}
END_TEST

/* kg_graph_triples_find (snapshot) gives exactly kg_triples_find's rows for every
 * combination of bound ends and relation lists, including unknown ids. */
START_TEST(test_graph_triples_find)
{
    kg_error err = {0};
    kg_graph *g = NULL;
    int64_t ents[8], rels[4];
    size_t n_ents = 0, n_rels = 0, a, b, k, i;
    sqlite3_stmt *q;
    ck_assert_int_eq(kg_graph_open(st, &g, &err), KG_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(kg_store_db(st), "SELECT id FROM entity ORDER BY id", -1,
                                        &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW && n_ents < 6)
        ents[n_ents++] = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    ents[n_ents++] = 999999; /* no such entity */
    ents[n_ents++] = -1;     /* unbound */
    ck_assert_int_eq(sqlite3_prepare_v2(kg_store_db(st), "SELECT id FROM relation ORDER BY id", -1,
                                        &q, NULL), SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW && n_rels < 3)
        rels[n_rels++] = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    rels[n_rels++] = 999999;
    for (a = 0; a < n_ents; a++)
        for (b = 0; b < n_ents; b++)
            for (k = 0; k <= n_rels + 1; k++) {
                /* k == 0: any relation; 1..n_rels: one; n_rels + 1: all of them */
                const int64_t *r = k == 0 ? NULL : k <= n_rels ? &rels[k - 1] : rels;
                size_t nr = k == 0 ? 0 : k <= n_rels ? 1 : n_rels;
                kg_edge *e1 = NULL, *e2 = NULL;
                size_t n1 = 0, n2 = 0;
                uint64_t work = 0;
                ck_assert_int_eq(kg_triples_find(st, ents[a], r, nr, ents[b], &e1, &n1, &err), KG_OK);
                ck_assert_int_eq(kg_graph_triples_find(g, ents[a], r, nr, ents[b], &e2, &n2, &work,
                                                       &err), KG_OK);
                ck_assert_msg(n1 == n2, "s %lld o %lld rel case %zu: %zu vs %zu rows",
                              (long long)ents[a], (long long)ents[b], k, n1, n2);
                for (i = 0; i < n1; i++) {
                    ck_assert_int_eq(e1[i].triple_id, e2[i].triple_id);
                    ck_assert_int_eq(e1[i].subject, e2[i].subject);
                    ck_assert_int_eq(e1[i].object, e2[i].object);
                    ck_assert_int_eq(e1[i].relation, e2[i].relation);
                    ck_assert_int_eq(e1[i].is_negated, e2[i].is_negated);
                }
                free(e1);
                free(e2);
            }
    kg_graph_close(g);
}
END_TEST

/* Mentions that are no names (pronouns, "the company") become no aliases;
 * a capitalised description ("The Redmond Giant") does. */
START_TEST(test_pronoun_mentions_no_alias)
{
    static const char *doc3 = "It said its rival lost. The company grew. The Redmond Giant won.";
    kg_error err = {0};
    kg_doc_sentence sents[3] = {{0, 23}, {24, 40}, {41, 64}};
    kg_doc_mention ms[] = {
        {0, 0, 2, "It", "ORG", "Microsoft"},
        {0, 8, 11, "its", "ORG", "Microsoft"},
        {1, 24, 35, "The company", "ORG", "Microsoft"},
        {2, 41, 58, "The Redmond Giant", "ORG", "Microsoft"},
    };
    kg_doc d;
    int64_t *ids = NULL;
    size_t n = 0;
    memset(&d, 0, sizeof d);
    d.source = "doc3.txt";
    d.content = doc3;
    d.content_len = strlen(doc3);
    d.sentences = sents; d.n_sentences = 3;
    d.mentions = ms; d.n_mentions = sizeof ms / sizeof ms[0];
    ck_assert_msg(kg_store_add_document(st, &d, NULL, &err) == KG_OK, "%s", err.msg);
    ck_assert_int_eq(count_entities("it"), 0);
    ck_assert_int_eq(count_entities("its"), 0);
    ck_assert_int_eq(count_entities("the company"), 0);
    ck_assert_int_eq(kg_lookup_entity(st, "the redmond giant", &ids, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(ids[0], one_entity("Microsoft"));
    free(ids);
}
END_TEST

START_TEST(test_statements_between)
{
    kg_error err = {0};
    kg_statement *s = NULL;
    size_t n = 0, i;
    int64_t ms = one_entity("Microsoft"), oa = one_entity("OpenAI"), pay = one_relation("pay");
    int saw_negated = 0;
    /* either direction */
    ck_assert_int_eq(kg_statements_between(st, oa, ms, NULL, 0, &s, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 3);
    for (i = 0; i < n; i++) {
        ck_assert_ptr_nonnull(s[i].document);
        ck_assert_ptr_nonnull(s[i].sentence);
        if (s[i].edge.is_negated) {
            saw_negated = 1;
            ck_assert_str_eq(s[i].document, "doc2.txt");
            ck_assert_str_eq(s[i].sentence, doc2);
            ck_assert_str_eq(s[i].time, "2025");
            ck_assert_double_eq_tol(s[i].confidence, 0.6, 1e-9);
        }
    }
    ck_assert(saw_negated);
    kg_statements_free(s, n);
    ck_assert_int_eq(kg_statements_between(st, ms, oa, &pay, 1, &s, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(s[0].sentence, "Microsoft pays OpenAI for compute.");
    kg_statements_free(s, n);
    ck_assert_int_eq(kg_statements_between(st, ms, one_entity("AWS"), NULL, 0, &s, &n, &err), KG_OK);
    ck_assert_uint_eq(n, 0);
}
END_TEST

static Suite *lookup_suite(void)
{
    Suite *s = suite_create("lookup");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_entity_names);
    tcase_add_test(tc, test_entity_regex);
    tcase_add_test(tc, test_suggestions);
    tcase_add_test(tc, test_relations);
    tcase_add_test(tc, test_entity_info_and_names);
    tcase_add_test(tc, test_triples_find);
    tcase_add_test(tc, test_graph_triples_find);
    tcase_add_test(tc, test_pronoun_mentions_no_alias);
    tcase_add_test(tc, test_statements_between);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lookup_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
