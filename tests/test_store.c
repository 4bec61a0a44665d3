/*
 * test_store.c -- unit tests of graph/store*.c: open/create, schema version,
 * non-kg files, transactions and the generation, add_document (entities,
 * aliases, types, dedupe, evidence, confidence = max), rollback on error, the
 * TSV importer's all-or-nothing rule, and SHA-256 test vectors.
 */
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kg_store.h"
#include "store_int.h"

static char dir[256];
static char db_path[300];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/kg_test_store_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/t.db", dir);
}

static void teardown(void)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

/* One integer from a SQL query on the store's connection. */
static long long q1(kg_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    ck_assert_int_eq(sqlite3_prepare_v2(kg_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* One text from a SQL query; caller frees. */
static char *qs(kg_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    char *v = NULL;
    ck_assert_int_eq(sqlite3_prepare_v2(kg_store_db(st), sql, -1, &s, NULL), SQLITE_OK);
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
        v = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return v;
}

static kg_store *open_rw(void)
{
    kg_store *st = NULL;
    kg_error err = {0};
    int rc = kg_store_open(db_path, KG_STORE_CREATE, &st, &err);
    ck_assert_msg(rc == KG_OK, "open: %s", err.msg);
    return st;
}

/* ---- a small analysed document ---- */

static const char content1[] =
    "OpenAI partners with Microsoft. OpenAI\xE2\x80\x99s partner Microsoft pays. "
    "OpenAI Inc does not pay Microsoft.";

static kg_doc_sentence sents1[] = {{0, 31}, {32, 66}, {67, 101}};
static kg_doc_mention ments1[] = {
    {0, 0, 6, "OpenAI", "ORG", "OpenAI"},
    {0, 21, 30, "Microsoft", "ORG", "Microsoft"},
    {1, 32, 42, "OpenAI\xE2\x80\x99s", "ORG", "OpenAI"},
    {1, 51, 60, "Microsoft", "OTHER", "Microsoft"},
    {2, 67, 77, "OpenAI Inc", "PRODUCT", "OpenAI"},
};
static kg_doc_triple trips1[] = {
    {"OpenAI", "ORG", "partner with", "partners with", "Microsoft", "ORG", 0.6, 0, NULL, NULL, 0},
    {"OpenAI", NULL, "partner with", "partner", "Microsoft", NULL, 0.9, 0, NULL, "can", 1},
    {"OpenAI Inc", NULL, "pay", "does not pay", "Microsoft", NULL, 0.7, 1, "2023", NULL, 2},
};

static kg_doc make_doc1(void)
{
    kg_doc d = {0};
    d.source = "doc1.txt";
    d.title = "Doc one";
    d.content = content1;
    d.content_len = sizeof content1 - 1;
    d.sentences = sents1;
    d.n_sentences = 3;
    d.mentions = ments1;
    d.n_mentions = 5;
    d.triples = trips1;
    d.n_triples = 3;
    return d;
}

START_TEST(sha256_vectors)
{
    char hex[65];
    kg_store_sha256_hex("", 0, hex);
    ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    kg_store_sha256_hex("abc", 3, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    {
        const char *s = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        kg_store_sha256_hex(s, strlen(s), hex);
        ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    {
        char *a = malloc(1000000);
        memset(a, 'a', 1000000);
        kg_store_sha256_hex(a, 1000000, hex);
        free(a);
        ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}
END_TEST

START_TEST(open_create_and_generation)
{
    kg_store *st = open_rw();
    kg_error err = {0};
    char *mode;
    /* a new database appears at its path with the first commit */
    ck_assert(access(db_path, F_OK) != 0);
    ck_assert_int_eq(q1(st, "PRAGMA user_version"), KG_SCHEMA_VERSION);
    ck_assert_int_eq(q1(st, "PRAGMA foreign_keys"), 1);
    {
        int64_t g0 = kg_store_generation(st, &err);
        ck_assert_int_ge(g0, 0);
        ck_assert_int_eq(kg_store_begin(st, &err), KG_OK);
        ck_assert_int_ne(kg_store_begin(st, &err), KG_OK); /* no nesting */
        kg_error_clear(&err);
        ck_assert_int_eq(kg_store_commit(st, &err), KG_OK);
        ck_assert(access(db_path, F_OK) == 0);
        mode = qs(st, "PRAGMA journal_mode");
        ck_assert_str_eq(mode, "wal");
        free(mode);
        ck_assert_int_eq(kg_store_generation(st, &err), g0 + 1);
        ck_assert_int_eq(kg_store_begin(st, &err), KG_OK);
        kg_store_rollback(st);
        ck_assert_int_eq(kg_store_generation(st, &err), g0 + 1);
    }
    kg_store_close(st);
    /* reopening keeps the data and does not recreate */
    st = open_rw();
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM meta WHERE key = 'generation'"), 1);
    kg_store_close(st);
    kg_store_close(NULL);
}
END_TEST

/* The names in dir, sorted and joined by spaces ("" when empty). */
static char *dir_listing(void)
{
    char cmd[600], *out = calloc(1, 4096);
    FILE *p;
    size_t n;
    snprintf(cmd, sizeof cmd, "ls -A '%s' | tr '\\n' ' '", dir);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    n = fread(out, 1, 4095, p);
    out[n] = '\0';
    pclose(p);
    return out;
}

/* A run that commits nothing leaves no file behind (no database, -wal, -shm,
 * journal, lock or temporary); the first commit publishes the database. */
START_TEST(new_database_only_on_commit)
{
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_doc d = make_doc1();
    kg_doc_triple bad = trips1[0];
    char *ls;
    ck_assert_int_eq(kg_store_begin(st, &err), KG_OK);
    kg_store_rollback(st);
    bad.subject = "";
    d.triples = &bad;
    d.n_triples = 1;
    ck_assert_int_eq(kg_store_add_document(st, &d, NULL, &err), KG_EINPUT);
    ck_assert(access(db_path, F_OK) != 0);
    kg_store_close(st);
    ls = dir_listing();
    ck_assert_str_eq(ls, "");
    free(ls);

    st = open_rw();
    d = make_doc1();
    ck_assert_int_eq(kg_store_add_document(st, &d, NULL, &err), KG_OK);
    ls = dir_listing();
    ck_assert_msg(strncmp(ls, "t.db ", 5) == 0 && strstr(ls, "kg-") == NULL, "%s", ls);
    free(ls);
    kg_store_close(st);
    st = NULL;
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_READONLY, &st, &err), KG_OK);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM document"), 1);
    kg_store_close(st);
}
END_TEST

/* Two processes creating the same new database: the second waits for the
 * first to commit (or give up), then uses the same file; nothing is lost. */
static void creators(int first_commits)
{
    static const char c2[] = "Sam leads OpenAI.";
    kg_doc_sentence se[] = {{0, 17}};
    kg_doc_mention me[] = {{0, 0, 3, "Sam", "PERSON", "Sam"}};
    kg_doc_triple tr[] = {{"Sam", NULL, "lead", "leads", "OpenAI", NULL, 0.9, 0, NULL, NULL, 0}};
    kg_store *st;
    kg_error err = {0};
    int status, go[2];
    pid_t pid;
    char c = 'x';

    /* fork first (a child must not inherit the parent's lock or connection);
     * the child starts when the parent has opened (is creating) the database */
    ck_assert_int_eq(pipe(go), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        kg_store *st2 = NULL;
        kg_doc d2 = {0};
        kg_error e2 = {0};
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(2);
        d2.source = "doc2.txt";
        d2.content = c2;
        d2.content_len = sizeof c2 - 1;
        d2.sentences = se;
        d2.n_sentences = 1;
        d2.mentions = me;
        d2.n_mentions = 1;
        d2.triples = tr;
        d2.n_triples = 1;
        if (kg_store_open(db_path, KG_STORE_CREATE, &st2, &e2) != KG_OK ||
            kg_store_add_document(st2, &d2, NULL, &e2) != KG_OK)
            _exit(1);
        kg_store_close(st2);
        _exit(0);
    }
    close(go[0]);
    st = open_rw();
    ck_assert_int_eq(write(go[1], &c, 1), 1);
    close(go[1]);
    usleep(500000);
    ck_assert_int_eq(waitpid(pid, &status, WNOHANG), 0); /* still waiting for us */
    ck_assert(access(db_path, F_OK) != 0);
    if (first_commits) {
        kg_doc d = make_doc1();
        ck_assert_int_eq(kg_store_add_document(st, &d, NULL, &err), KG_OK);
    }
    kg_store_close(st);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    st = NULL;
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_READONLY, &st, &err), KG_OK);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM document"), first_commits ? 2 : 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE relation = 'lead'"), 1);
    kg_store_close(st);
}

START_TEST(concurrent_creators_commit)
{
    creators(1);
}
END_TEST

START_TEST(concurrent_creators_give_up)
{
    creators(0);
}
END_TEST

START_TEST(readonly_missing_is_eio)
{
    kg_store *st = NULL;
    kg_error err = {0};
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_READONLY, &st, &err), KG_EIO);
    ck_assert_ptr_null(st);
    ck_assert_ptr_nonnull(strstr(err.msg, "no database at"));
    ck_assert_ptr_nonnull(strstr(err.msg, db_path));
    ck_assert(access(db_path, F_OK) != 0);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_store_open(db_path, 0, &st, &err), KG_EIO);
    ck_assert(access(db_path, F_OK) != 0);
}
END_TEST

START_TEST(newer_version_is_edb)
{
    sqlite3 *db;
    kg_store *st = NULL;
    kg_error err = {0};
    ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE x(a); PRAGMA user_version = 999", NULL, NULL,
                                  NULL), SQLITE_OK);
    sqlite3_close(db);
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_CREATE, &st, &err), KG_EDB);
    ck_assert_ptr_null(st);
    ck_assert_ptr_nonnull(strstr(err.msg, db_path));
    ck_assert_ptr_nonnull(strstr(err.msg, "999"));
    kg_error_clear(&err);
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_READONLY, &st, &err), KG_EDB);
}
END_TEST

START_TEST(not_sqlite_is_edb)
{
    static const char text[] = "subject\trelation\tobject\n"
                               "this is certainly not an SQLite database file, just text\n";
    kg_store *st = NULL;
    kg_error err = {0};
    FILE *f;
    char back[sizeof text];
    write_file(db_path, text, sizeof text - 1);
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_CREATE, &st, &err), KG_EDB);
    ck_assert_ptr_null(st);
    ck_assert_ptr_nonnull(strstr(err.msg, db_path));
    ck_assert_ptr_nonnull(strstr(err.msg, "not a kg database"));
    /* the file is left as it was */
    f = fopen(db_path, "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fread(back, 1, sizeof back, f), sizeof text - 1);
    fclose(f);
    ck_assert(memcmp(back, text, sizeof text - 1) == 0);
}
END_TEST

START_TEST(foreign_sqlite_is_edb)
{
    sqlite3 *db;
    kg_store *st = NULL;
    kg_error err = {0};
    ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE people(name)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    ck_assert_int_eq(kg_store_open(db_path, KG_STORE_CREATE, &st, &err), KG_EDB);
    ck_assert_ptr_nonnull(strstr(err.msg, "not a kg database"));
}
END_TEST

START_TEST(add_document_basic)
{
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_add_result res;
    kg_stats s;
    kg_doc d = make_doc1();
    char *v;
    int64_t g0 = kg_store_generation(st, &err);

    ck_assert_int_eq(kg_store_add_document(st, &d, &res, &err), KG_OK);
    ck_assert_int_eq(res.is_duplicate, 0);
    ck_assert_int_gt(res.document_id, 0);
    ck_assert_uint_eq(res.n_triples_new, 2);
    ck_assert_uint_eq(res.n_evidence, 3);
    ck_assert_int_eq(kg_store_generation(st, &err), g0 + 1);
    ck_assert_int_eq(kg_store_stats(st, &s, &err), KG_OK);
    ck_assert_int_eq(s.documents, 1);
    ck_assert_int_eq(s.sentences, 3);
    ck_assert_int_eq(s.entities, 2); /* "OpenAI Inc" is an alias of OpenAI */
    ck_assert_int_eq(s.triples, 2);  /* partner with (twice), not pay */
    ck_assert_int_eq(s.relations, 2);
    ck_assert_int_eq(s.mentions, 5);
    ck_assert_int_eq(s.evidence, 3);

    /* sentence text is the slice of the content */
    v = qs(st, "SELECT text FROM sentence WHERE idx = 0");
    ck_assert_str_eq(v, "OpenAI partners with Microsoft.");
    free(v);
    /* confidence = max of the evidence, first surface kept, modality filled */
    ck_assert_int_eq(q1(st, "SELECT round(confidence * 100) FROM triples WHERE relation = "
                            "'partner with'"), 90);
    v = qs(st, "SELECT surface || '/' || modality FROM triples WHERE relation = 'partner with'");
    ck_assert_str_eq(v, "partners with/can");
    free(v);
    ck_assert_int_eq(q1(st, "SELECT evidence_count FROM triples WHERE relation = "
                            "'partner with'"), 2);
    /* negation and time kept */
    v = qs(st, "SELECT subject || '|' || negated || '|' || time FROM triples WHERE relation = "
               "'pay'");
    ck_assert_str_eq(v, "OpenAI|1|2023");
    free(v);
    /* types: most frequent non-OTHER label; mention counts */
    v = qs(st, "SELECT type FROM entity WHERE name = 'OpenAI'");
    ck_assert_str_eq(v, "ORG");
    free(v);
    v = qs(st, "SELECT type FROM entity WHERE name = 'Microsoft'");
    ck_assert_str_eq(v, "ORG");
    free(v);
    ck_assert_int_eq(q1(st, "SELECT mention_count FROM entity WHERE name = 'OpenAI'"), 3);
    ck_assert_int_eq(q1(st, "SELECT mention_count FROM entity WHERE name = 'Microsoft'"), 2);
    /* aliases: "OpenAI Inc" yes; "OpenAI’s" is the name once the possessive is stripped */
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias a JOIN entity e ON e.id = a.entity_id "
                            "WHERE e.name = 'OpenAI' AND a.alias = 'OpenAI Inc' "
                            "AND a.alias_key = 'openai inc'"), 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias"), 1);
    /* the file passes SQLite's own check (3.40 misreports some WITHOUT ROWID layouts) */
    v = qs(st, "PRAGMA integrity_check");
    ck_assert_str_eq(v, "ok");
    free(v);
    /* evidence points at sentences */
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM evidence_text WHERE sentence_index IS NOT "
                            "NULL AND document = 'doc1.txt'"), 3);
    kg_store_close(st);
}
END_TEST

START_TEST(add_document_idempotent)
{
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_add_result res, res2;
    kg_stats s1, s2;
    kg_doc d = make_doc1();
    int64_t g;

    ck_assert_int_eq(kg_store_add_document(st, &d, &res, &err), KG_OK);
    ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
    g = kg_store_generation(st, &err);
    d.source = "another-name.txt"; /* same bytes, other name: still the same document */
    ck_assert_int_eq(kg_store_add_document(st, &d, &res2, &err), KG_OK);
    ck_assert_int_eq(res2.is_duplicate, 1);
    ck_assert_int_eq(res2.document_id, res.document_id);
    ck_assert_int_eq(kg_store_stats(st, &s2, &err), KG_OK);
    ck_assert(memcmp(&s1, &s2, sizeof s1) == 0);
    ck_assert_int_eq(kg_store_generation(st, &err), g);
    kg_store_close(st);
}
END_TEST

START_TEST(second_document_merges)
{
    static const char c2[] = "OPENAI Inc hires Sam. openai pays microsoft.";
    kg_doc_sentence se[] = {{0, 21}, {22, 44}};
    kg_doc_mention me[] = {{0, 0, 10, "OPENAI Inc", "ORG", "OPENAI Inc"},
                           {0, 17, 20, "Sam", "PERSON", "Sam"}};
    kg_doc_triple tr[] = {
        {"OPENAI Inc", NULL, "hire", "hires", "Sam", "PERSON", 0.8, 0, NULL, NULL, 0},
        {"openai", NULL, "pay", "pays", "microsoft", NULL, 0.5, 0, NULL, NULL, 1},
        {"openai", NULL, "pay", "does not pay", "microsoft", NULL, 0.95, 1, NULL, NULL, 1},
    };
    kg_doc d = make_doc1(), d2 = {0};
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_add_result res;
    kg_stats s;

    ck_assert_int_eq(kg_store_add_document(st, &d, NULL, &err), KG_OK);
    d2.source = "doc2.txt";
    d2.content = c2;
    d2.content_len = sizeof c2 - 1;
    d2.sentences = se;
    d2.n_sentences = 2;
    d2.mentions = me;
    d2.n_mentions = 2;
    d2.triples = tr;
    d2.n_triples = 3;
    ck_assert_int_eq(kg_store_add_document(st, &d2, &res, &err), KG_OK);
    ck_assert_uint_eq(res.n_triples_new, 2); /* hire, pay (not negated) */
    ck_assert_int_eq(kg_store_stats(st, &s, &err), KG_OK);
    ck_assert_int_eq(s.documents, 2);
    ck_assert_int_eq(s.entities, 3); /* OpenAI (via alias), Microsoft (case), Sam */
    ck_assert_int_eq(s.triples, 4);
    ck_assert_int_eq(s.evidence, 6);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE subject = 'OpenAI' AND "
                            "relation = 'hire' AND object = 'Sam'"), 1);
    ck_assert_int_eq(q1(st, "SELECT round(confidence * 100) FROM triples WHERE relation = "
                            "'pay' AND negated = 1"), 95);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM entity WHERE name = 'Sam' AND type = "
                            "'PERSON'"), 1);
    ck_assert_int_eq(q1(st, "SELECT mention_count FROM entity WHERE name = 'OpenAI'"), 4);
    kg_store_close(st);
}
END_TEST

/* A bad triple in the middle of a document: an error and nothing written. */
static void expect_rollback(kg_doc_triple bad, int want_code)
{
    kg_doc_triple tr[3];
    kg_doc d = make_doc1();
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_add_result res;
    kg_stats s0, s1;
    int64_t g0;

    ck_assert_int_eq(kg_store_stats(st, &s0, &err), KG_OK);
    g0 = kg_store_generation(st, &err);
    tr[0] = trips1[0];
    tr[1] = bad;
    tr[2] = trips1[2];
    d.triples = tr;
    ck_assert_int_eq(kg_store_add_document(st, &d, &res, &err), want_code);
    ck_assert_int_ne(err.msg[0], '\0');
    ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
    ck_assert(memcmp(&s0, &s1, sizeof s0) == 0);
    ck_assert_int_eq(kg_store_generation(st, &err), g0);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias"), 0);
    /* and the store still works afterwards */
    kg_error_clear(&err);
    d.triples = trips1;
    ck_assert_int_eq(kg_store_add_document(st, &d, &res, &err), KG_OK);
    ck_assert_int_eq(res.is_duplicate, 0);
    ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
    ck_assert_int_eq(s1.triples, 2);
    kg_store_close(st);
}

START_TEST(rollback_null_subject)
{
    kg_doc_triple bad = trips1[1];
    bad.subject = NULL;
    expect_rollback(bad, KG_EINPUT);
}
END_TEST

START_TEST(rollback_empty_subject_mid_transaction)
{
    kg_doc_triple bad = trips1[1];
    bad.subject = ""; /* passes the up-front checks; fails after rows were written */
    expect_rollback(bad, KG_EINPUT);
}
END_TEST

START_TEST(rollback_bad_confidence)
{
    kg_doc_triple bad = trips1[1];
    bad.confidence = 1.5;
    expect_rollback(bad, KG_EINPUT);
}
END_TEST

START_TEST(rollback_invalid_utf8_object)
{
    kg_doc_triple bad = trips1[1];
    bad.object = "Micro\xC3soft";
    expect_rollback(bad, KG_EINPUT);
}
END_TEST

START_TEST(add_triple_needs_transaction)
{
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_doc_triple t = trips1[0];
    int64_t id = 0, doc = 0;
    int dup = 0;
    ck_assert_int_ne(kg_store_add_triple(st, &t, 0, &id, &err), KG_OK);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_store_begin_import(st, "x.nt", "nt", "abc", 3, &doc, &dup, &err), KG_OK);
    ck_assert_int_eq(dup, 0);
    ck_assert_int_eq(kg_store_add_triple(st, &t, doc, &id, &err), KG_OK);
    ck_assert_int_gt(id, 0);
    ck_assert_int_eq(kg_store_commit(st, &err), KG_OK);
    ck_assert_int_eq(kg_store_begin_import(st, "y.nt", "nt", "abc", 3, &doc, &dup, &err), KG_OK);
    ck_assert_int_eq(dup, 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM document WHERE kind = 'nt'"), 1);
    kg_store_close(st);
}
END_TEST

START_TEST(import_tsv_all_or_nothing)
{
    char tsv[300];
    kg_store *st = open_rw();
    kg_error err = {0};
    kg_import_result r;
    kg_stats s;
    static const char good[] = "A\tr\tB\nB\tr\tC\n\nA\tr\tB\n";
    static const char bad[] = "X\tr\tY\nY\tr\n";

    snprintf(tsv, sizeof tsv, "%s/g.tsv", dir);
    write_file(tsv, good, sizeof good - 1);
    ck_assert_int_eq(kg_store_import_tsv(st, tsv, &r, &err), KG_OK);
    ck_assert_uint_eq(r.lines, 3);
    ck_assert_uint_eq(r.triples_new, 2);
    ck_assert_uint_eq(r.triples_seen, 1);
    ck_assert_int_eq(r.is_duplicate, 0);
    ck_assert_int_eq(kg_store_import_tsv(st, tsv, &r, &err), KG_OK);
    ck_assert_int_eq(r.is_duplicate, 1);

    snprintf(tsv, sizeof tsv, "%s/b.tsv", dir);
    write_file(tsv, bad, sizeof bad - 1);
    ck_assert_int_eq(kg_store_import_tsv(st, tsv, &r, &err), KG_EINPUT);
    ck_assert_str_eq(err.source, tsv);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_int_eq(kg_store_stats(st, &s, &err), KG_OK);
    ck_assert_int_eq(s.documents, 1);
    ck_assert_int_eq(s.triples, 2);
    ck_assert_int_eq(s.entities, 3);
    kg_store_close(st);
}
END_TEST

/* ---- fault injection: SQLite's allocations fail from the Nth on ---- */

static sqlite3_mem_methods real_mem;
static long fail_countdown = -1; /* -1: never fail; 0: fail every allocation from now */

static void *faulty_malloc(int n)
{
    if (fail_countdown == 0)
        return NULL;
    if (fail_countdown > 0)
        fail_countdown--;
    return real_mem.xMalloc(n);
}

static void *faulty_realloc(void *p, int n)
{
    if (fail_countdown == 0)
        return NULL;
    if (fail_countdown > 0)
        fail_countdown--;
    return real_mem.xRealloc(p, n);
}

/* Which allocations the out-of-memory loops make fail: every one, or under
 * valgrind (KG_TEST_SLOW=1, set by `make valgrind`: each attempt is ~50x
 * slower there) every 17th, which still fails each phase of the work. */
static long oom_stride(void)
{
    const char *slow = getenv("KG_TEST_SLOW");
    return slow && *slow && strcmp(slow, "0") != 0 ? 17 : 1;
}

/* Replace SQLite's allocator by the faulty one (SQLite only allows it before
 * it initialises), and put the real one back at the end of the test: without
 * a fork per test (CK_FORK=no, as under valgrind) the next test would
 * otherwise take the faulty methods for the real ones and recurse for ever. */
static void install_faulty_malloc(sqlite3_mem_methods *faulty)
{
    static int has_real;
    ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
    if (!has_real)
        ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem), SQLITE_OK);
    has_real = 1;
    *faulty = real_mem;
    faulty->xMalloc = faulty_malloc;
    faulty->xRealloc = faulty_realloc;
    ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, faulty), SQLITE_OK);
    ck_assert_int_eq(sqlite3_initialize(), SQLITE_OK);
}

static void restore_malloc(void)
{
    fail_countdown = -1;
    ck_assert_int_eq(sqlite3_shutdown(), SQLITE_OK);
    ck_assert_int_eq(sqlite3_config(SQLITE_CONFIG_MALLOC, &real_mem), SQLITE_OK);
    ck_assert_int_eq(sqlite3_initialize(), SQLITE_OK);
}

START_TEST(oom_leaves_database_unchanged)
{
    static const char c2[] = "OpenAI hires Sam. Sam leads OpenAI.";
    kg_doc_sentence se[] = {{0, 17}, {18, 35}};
    kg_doc_mention me[] = {{0, 0, 6, "OpenAI", "ORG", "OpenAI"},
                           {0, 13, 16, "Sam", "PERSON", "Sam Altman"},
                           {1, 18, 21, "Sam", "PERSON", "Sam Altman"}};
    kg_doc_triple tr[] = {
        {"OpenAI", NULL, "hire", "hires", "Sam Altman", "PERSON", 0.8, 0, NULL, NULL, 0},
        {"Sam Altman", NULL, "lead", "leads", "OpenAI", NULL, 0.9, 0, NULL, NULL, 1},
    };
    sqlite3_mem_methods faulty;
    kg_doc d1 = make_doc1(), d2 = {0};
    kg_store *st;
    kg_error err = {0};
    kg_stats s0, s1;
    int64_t g0;
    long n;
    int rc = KG_EDB, failures = 0;

    /* SQLite's allocator can only be replaced before it initialises. */
    install_faulty_malloc(&faulty);

    st = open_rw();
    ck_assert_int_eq(kg_store_add_document(st, &d1, NULL, &err), KG_OK);
    ck_assert_int_eq(kg_store_stats(st, &s0, &err), KG_OK);
    g0 = kg_store_generation(st, &err);
    d2.source = "doc2.txt";
    d2.content = c2;
    d2.content_len = sizeof c2 - 1;
    d2.sentences = se;
    d2.n_sentences = 2;
    d2.mentions = me;
    d2.n_mentions = 3;
    d2.triples = tr;
    d2.n_triples = 2;
    for (n = 0; n < 5000; n += oom_stride()) {
        kg_error_clear(&err);
        fail_countdown = n;
        rc = kg_store_add_document(st, &d2, NULL, &err);
        fail_countdown = -1;
        if (rc == KG_OK)
            break;
        failures++;
        if (getenv("KG_TEST_VERBOSE"))
            fprintf(stderr, "allocation %ld: %d %s\n", n, rc, err.msg);
        ck_assert_msg(err.msg[0] != '\0', "allocation %ld: error without a message", n);
        kg_error_clear(&err);
        ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
        ck_assert_msg(memcmp(&s0, &s1, sizeof s0) == 0, "allocation %ld (rc %d): database changed: docs %lld/%lld triples %lld/%lld", n, rc, (long long)s0.documents, (long long)s1.documents, (long long)s0.triples, (long long)s1.triples);
        ck_assert_int_eq(kg_store_generation(st, &err), g0);
    }
    ck_assert_int_eq(rc, KG_OK);
    ck_assert_int_gt(failures, 0);
    ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
    ck_assert_int_eq(s1.documents, s0.documents + 1);
    ck_assert_int_eq(s1.triples, s0.triples + 2);
    ck_assert_int_eq(kg_store_generation(st, &err), g0 + 1);
    kg_store_close(st);
    restore_malloc();
}
END_TEST

/* The same for kg_store_import_tsv: into an empty graph (the bulk path, which
 * drops and rebuilds indexes and switches foreign keys off) and into a graph
 * that has entities (the incremental path). */
static void oom_import(int is_fresh)
{
    sqlite3_mem_methods faulty;
    char tsv[300];
    kg_buf text = {0};
    kg_store *st;
    kg_error err = {0};
    kg_import_result r;
    kg_stats s0, s1;
    int64_t g0;
    long n, n_index0;
    int i, rc = KG_EDB, failures = 0;

    install_faulty_malloc(&faulty);

    for (i = 0; i < 60; i++)
        kg_buf_printf(&text, "Entity %d\trel %d\tEntity %d\n", i % 17, i % 5, (i * 7) % 23);
    snprintf(tsv, sizeof tsv, "%s/o.tsv", dir);
    write_file(tsv, text.data, text.len);
    kg_buf_free(&text);
    st = open_rw();
    if (!is_fresh) {
        kg_doc d = make_doc1();
        ck_assert_int_eq(kg_store_add_document(st, &d, NULL, &err), KG_OK);
    }
    ck_assert_int_eq(kg_store_stats(st, &s0, &err), KG_OK);
    g0 = kg_store_generation(st, &err);
    n_index0 = q1(st, "SELECT count(*) FROM sqlite_master WHERE type = 'index'");
    for (n = 0; n < 20000; n += oom_stride()) {
        kg_error_clear(&err);
        fail_countdown = n;
        rc = kg_store_import_tsv(st, tsv, &r, &err);
        fail_countdown = -1;
        if (rc == KG_OK)
            break;
        failures++;
        ck_assert_msg(err.msg[0] != '\0', "allocation %ld: error without a message", n);
        kg_error_clear(&err);
        ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
        ck_assert_msg(memcmp(&s0, &s1, sizeof s0) == 0, "allocation %ld: database changed", n);
        ck_assert_int_eq(kg_store_generation(st, &err), g0);
        ck_assert_int_eq(q1(st, "PRAGMA foreign_keys"), 1);
        ck_assert_int_eq(q1(st, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"),
                         n_index0);
    }
    ck_assert_int_eq(rc, KG_OK);
    ck_assert_int_gt(failures, 10);
    ck_assert_uint_eq(r.lines, 60);
    ck_assert_int_eq(q1(st, "PRAGMA foreign_keys"), 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"), n_index0);
    ck_assert_int_eq(kg_store_stats(st, &s1, &err), KG_OK);
    ck_assert_int_eq(s1.documents, s0.documents + 1);
    ck_assert_int_eq(s1.evidence, s0.evidence + 60);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE relation = 'rel 0'"), 12);
    kg_store_close(st);
    restore_malloc();
}

START_TEST(oom_import_fresh)
{
    oom_import(1);
}
END_TEST

START_TEST(oom_import_incremental)
{
    oom_import(0);
}
END_TEST

START_TEST(idmap_grows)
{
    kg_idmap m = {0};
    char key[32];
    int64_t v;
    int i;
    for (i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(kg_idmap_put(&m, key, i), KG_OK);
    }
    ck_assert_int_eq(kg_idmap_put(&m, "k7", 77), KG_OK); /* replace */
    ck_assert_uint_eq(m.len, 5000);
    for (i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        ck_assert(kg_idmap_get(&m, key, &v));
        ck_assert_int_eq(v, i == 7 ? 77 : i);
    }
    ck_assert(!kg_idmap_get(&m, "nope", &v));
    kg_idmap_clear(&m);
}
END_TEST

/* ---- cross-document resolution ---- */

typedef struct mspec { const char *text, *label, *entity; } mspec;

/* Store a one-sentence document named source whose mentions are ms (NULL
 * text ends) and whose one triple, if subject is not NULL, is subject -say-> "the press". */
static void add_doc(kg_store *st, const char *source, const mspec *ms, const char *subject)
{
    static char content[64][256];
    static int next;
    kg_doc_mention me[16];
    kg_doc_sentence se[1];
    kg_doc_triple tr[1] = {{subject, NULL, "say", "said", "the press", NULL, 0.5, 0, NULL, NULL, 0}};
    kg_doc d = {0};
    kg_error err = {0};
    size_t n = 0, len;
    char *c = content[next++ % 64];
    snprintf(c, 256, "%s: %-200s.", source, "text");
    len = strlen(c);
    for (; ms[n].text; n++)
        me[n] = (kg_doc_mention){0, n, n + 1, ms[n].text, ms[n].label, ms[n].entity};
    se[0] = (kg_doc_sentence){0, len};
    d.source = source;
    d.content = c;
    d.content_len = len;
    d.sentences = se;
    d.n_sentences = 1;
    d.mentions = me;
    d.n_mentions = n;
    d.triples = tr;
    d.n_triples = subject ? 1 : 0;
    ck_assert_msg(kg_store_add_document(st, &d, NULL, &err) == KG_OK, "%s: %s", source, err.msg);
}

/* The entity a mention of document source with text text was stored under. */
static char *entity_of(kg_store *st, const char *source, const char *text)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT e.name FROM mention m JOIN entity e ON e.id = m.entity_id"
             " JOIN document d ON d.id = m.document_id WHERE d.source = '%s' AND m.text = '%s'",
             source, text);
    return qs(st, sql);
}

#define ASSERT_ENTITY(st, source, text, want) do { \
        char *got_ = entity_of(st, source, text); \
        ck_assert_msg(got_ && strcmp(got_, want) == 0, "%s '%s': got '%s', want '%s'", \
                      source, text, got_ ? got_ : "(none)", want); \
        free(got_); \
    } while (0)

START_TEST(country_short_forms_merge)
{
    kg_store *st = open_rw();
    mspec d1[] = {{"U.S.", "PLACE", "U.S."}, {NULL, NULL, NULL}};
    mspec d2[] = {{"United States", "PLACE", "United States"}, {"UK", "PLACE", "UK"},
                  {NULL, NULL, NULL}};
    mspec d3[] = {{"US", "PLACE", "US"}, {"America", "PLACE", "America"},
                  {"U.S", "ORG", "U.S"}, {"Britain", "PLACE", "Britain"}, {NULL, NULL, NULL}};
    mspec d4[] = {{"US", "PERSON", "US"}, {NULL, NULL, NULL}}; /* not a country: left alone */
    add_doc(st, "a/one.txt", d1, "U.S.");
    add_doc(st, "a/two.txt", d2, "United States");
    add_doc(st, "a/three.txt", d3, "US");
    add_doc(st, "a/four.txt", d4, NULL);
    ASSERT_ENTITY(st, "a/one.txt", "U.S.", "United States");
    ASSERT_ENTITY(st, "a/two.txt", "United States", "United States");
    ASSERT_ENTITY(st, "a/three.txt", "US", "United States");
    ASSERT_ENTITY(st, "a/three.txt", "America", "United States");
    ASSERT_ENTITY(st, "a/three.txt", "U.S", "United States");
    ASSERT_ENTITY(st, "a/two.txt", "UK", "United Kingdom");
    ASSERT_ENTITY(st, "a/three.txt", "Britain", "United Kingdom");
    ASSERT_ENTITY(st, "a/four.txt", "US", "US");
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM entity WHERE name = 'United States'"), 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE subject = 'United States'"), 1);
    ck_assert_int_eq(q1(st, "SELECT evidence_count FROM triples WHERE subject = 'United States'"), 3);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias a JOIN entity e ON e.id = a.entity_id"
                            " WHERE e.name = 'United States' AND a.alias IN ('U.S.', 'US', "
                            "'America')"), 3);
    kg_store_close(st);
}
END_TEST

START_TEST(org_suffix_merges_both_ways)
{
    kg_store *st = open_rw();
    mspec d1[] = {{"Apple", "ORG", "Apple"}, {"Zorvex Corp.", "ORG", "Zorvex Corp."},
                  {NULL, NULL, NULL}};
    mspec d2[] = {{"Apple Inc.", "ORG", "Apple Inc."}, {"Zorvex", "ORG", "Zorvex"},
                  {"Halden, Ltd.", "ORG", "Halden, Ltd."}, {NULL, NULL, NULL}};
    mspec d3[] = {{"Halden", "ORG", "Halden"}, {"Inc.", "ORG", "Inc."},
                  {"Halden Motors", "ORG", "Halden Motors"}, {NULL, NULL, NULL}};
    add_doc(st, "one.txt", d1, NULL);
    add_doc(st, "two.txt", d2, NULL);
    add_doc(st, "three.txt", d3, NULL);
    ASSERT_ENTITY(st, "two.txt", "Apple Inc.", "Apple");
    ASSERT_ENTITY(st, "two.txt", "Zorvex", "Zorvex Corp.");
    ASSERT_ENTITY(st, "three.txt", "Halden", "Halden, Ltd.");
    ASSERT_ENTITY(st, "three.txt", "Inc.", "Inc.");
    ASSERT_ENTITY(st, "three.txt", "Halden Motors", "Halden Motors"); /* not a suffix */
    kg_store_close(st);
}
END_TEST

START_TEST(surname_joins_one_person_only)
{
    kg_store *st = open_rw();
    /* doc 1 names Barack Obama, then calls him Obama */
    mspec d1[] = {{"Barack Obama", "PERSON", "Barack Obama"}, {"Obama", "PERSON", "Barack Obama"},
                  {NULL, NULL, NULL}};
    mspec d2[] = {{"Obama", "PERSON", "Obama"}, {NULL, NULL, NULL}};
    /* doc 3 brings a second Obama; from then on a bare "Obama" is nobody's */
    mspec d3[] = {{"Michelle Obama", "PERSON", "Michelle Obama"},
                  {"Obama", "PERSON", "Michelle Obama"}, {NULL, NULL, NULL}};
    mspec d4[] = {{"Obama", "PERSON", "Obama"}, {NULL, NULL, NULL}};
    mspec d5[] = {{"Obama", "PERSON", "Obama"}, {NULL, NULL, NULL}};
    add_doc(st, "n1.txt", d1, NULL);
    add_doc(st, "n2.txt", d2, "Obama");
    ASSERT_ENTITY(st, "n2.txt", "Obama", "Barack Obama");
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE subject = 'Barack Obama'"), 1);
    add_doc(st, "n3.txt", d3, NULL);
    add_doc(st, "n4.txt", d4, NULL);
    ASSERT_ENTITY(st, "n4.txt", "Obama", "Obama");
    add_doc(st, "dir/n5.txt", d5, "Obama");
    ASSERT_ENTITY(st, "dir/n5.txt", "Obama", "Obama (n5)"); /* n4's Obama is not n5's */
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE subject = 'Obama (n5)'"), 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias a JOIN entity e ON e.id = a.entity_id"
                            " WHERE e.name = 'Obama (n5)' AND a.alias = 'Obama'"), 1);
    ck_assert_int_eq(q1(st, "SELECT mention_count FROM entity WHERE name = 'Barack Obama'"), 3);
    kg_store_close(st);
}
END_TEST

START_TEST(first_name_and_other_types_do_not_join)
{
    kg_store *st = open_rw();
    mspec d1[] = {{"Daniel Bernoulli", "PERSON", "Daniel Bernoulli"},
                  {"Daniel", "PERSON", "Daniel Bernoulli"},
                  {"Bernoulli", "PERSON", "Daniel Bernoulli"},
                  {"Michael Jordan", "PERSON", "Michael Jordan"},
                  {"Jordan", "PERSON", "Michael Jordan"},
                  {"Wikinews", "ORG", "Wikinews"}, {NULL, NULL, NULL}};
    mspec d2[] = {{"Daniel", "PERSON", "Daniel"}, {"Jordan", "PLACE", "Jordan"},
                  {"Wikinews", "PERSON", "Wikinews"}, {NULL, NULL, NULL}};
    mspec d3[] = {{"Bernoulli", "PERSON", "Bernoulli"}, {NULL, NULL, NULL}};
    add_doc(st, "b1.txt", d1, NULL);
    add_doc(st, "b2.txt", d2, NULL);
    add_doc(st, "b3.txt", d3, NULL);
    ASSERT_ENTITY(st, "b2.txt", "Daniel", "Daniel");     /* a first name: not Bernoulli */
    ASSERT_ENTITY(st, "b2.txt", "Jordan", "Jordan");     /* a place: not Michael Jordan */
    ASSERT_ENTITY(st, "b2.txt", "Wikinews", "Wikinews"); /* same name, a guessed type */
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM entity WHERE name LIKE 'Wikinews%'"), 1);
    ASSERT_ENTITY(st, "b3.txt", "Bernoulli", "Daniel Bernoulli"); /* the one surname */
    kg_store_close(st);
}
END_TEST

START_TEST(place_part_is_not_the_place)
{
    kg_store *st = open_rw();
    mspec d1[] = {{"Spanish Netherlands", "PLACE", "Spanish Netherlands"},
                  {"Netherlands", "PLACE", "Spanish Netherlands"},
                  {"Aceh", "PLACE", "Aceh"}, {"Aceh, Indonesia", "PLACE", "Aceh"},
                  {"Microsoft Azure", "PRODUCT", "Microsoft Azure"},
                  {"Azure", "PRODUCT", "Microsoft Azure"}, {NULL, NULL, NULL}};
    mspec d2[] = {{"Netherlands", "PLACE", "Netherlands"},
                  {"Aceh, Indonesia", "PLACE", "Aceh, Indonesia"},
                  {"Azure", "PRODUCT", "Azure"}, {NULL, NULL, NULL}};
    add_doc(st, "p1.txt", d1, NULL);
    add_doc(st, "p2.txt", d2, NULL);
    ASSERT_ENTITY(st, "p2.txt", "Netherlands", "Netherlands");
    ASSERT_ENTITY(st, "p2.txt", "Aceh, Indonesia", "Aceh");
    ASSERT_ENTITY(st, "p2.txt", "Azure", "Microsoft Azure"); /* not a place: joins */
    kg_store_close(st);
}
END_TEST

START_TEST(pronoun_arguments_are_no_nodes)
{
    kg_store *st = open_rw();
    mspec none[] = {{NULL, NULL, NULL}};
    kg_stats s;
    kg_error err = {0};
    add_doc(st, "q1.txt", none, "one");
    add_doc(st, "q2.txt", none, "Someone");
    add_doc(st, "q3.txt", none, "others");
    add_doc(st, "q4.txt", none, "IT");    /* capitals: a name */
    add_doc(st, "q5.txt", none, "Two Rivers");
    ck_assert_int_eq(kg_store_stats(st, &s, &err), KG_OK);
    ck_assert_int_eq(s.documents, 5);
    ck_assert_int_eq(s.triples, 2);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM entity WHERE name IN ('one', 'Someone', "
                            "'others')"), 0);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM triples WHERE subject IN ('IT', 'Two Rivers')"),
                     2);
    kg_store_close(st);
}
END_TEST

START_TEST(accents_do_not_split_a_name)
{
    kg_store *st = open_rw();
    mspec d1[] = {{"Jos\xC3\xA9 Mourinho", "PERSON", "Jos\xC3\xA9 Mourinho"},
                  {"Ichiyo Higuchi", "PERSON", "Ichiyo Higuchi"}, {NULL, NULL, NULL}};
    mspec d2[] = {{"Jose Mourinho", "PERSON", "Jose Mourinho"},
                  {"Ichiy\xC5\x8D Higuchi", "PERSON", "Ichiy\xC5\x8D Higuchi"},
                  {"Jos\xC3\xA9 Mour\xC3\xADnho", "PERSON", "Jos\xC3\xA9 Mour\xC3\xADnho"},
                  {NULL, NULL, NULL}};
    mspec d3[] = {{"\xC3\x89mile Zola", "PERSON", "\xC3\x89mile Zola"},
                  {"Zah\xC4\x81 \xE1\xB8\xA4" "ad\xC4\xAB" "d", "PERSON", "Zah\xC4\x81 \xE1\xB8\xA4" "ad\xC4\xAB" "d"},
                  {"Nguy\xE1\xBB\x85n Du", "PERSON", "Nguy\xE1\xBB\x85n Du"},
                  {"Emile Zolb", "PERSON", "Emile Zolb"}, {NULL, NULL, NULL}};
    add_doc(st, "c1.txt", d1, NULL);
    add_doc(st, "c2.txt", d2, NULL);
    add_doc(st, "c3.txt", d3, NULL);
    ASSERT_ENTITY(st, "c2.txt", "Jose Mourinho", "Jos\xC3\xA9 Mourinho");
    ASSERT_ENTITY(st, "c2.txt", "Jos\xC3\xA9 Mour\xC3\xADnho", "Jos\xC3\xA9 Mourinho");
    ASSERT_ENTITY(st, "c2.txt", "Ichiy\xC5\x8D Higuchi", "Ichiyo Higuchi");
    ASSERT_ENTITY(st, "c3.txt", "Emile Zolb", "Emile Zolb"); /* another name */
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias WHERE alias = 'Emile Zola'"), 1);
    ck_assert_int_eq(q1(st, "SELECT count(*) FROM alias WHERE alias IN ('Zaha Hadid', 'Nguyen Du')"),
                     2);
    kg_store_close(st);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store");
    TCase *tc = tcase_create("store");
    SRunner *sr;
    int failed;

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, sha256_vectors);
    tcase_add_test(tc, open_create_and_generation);
    tcase_add_test(tc, new_database_only_on_commit);
    tcase_add_test(tc, concurrent_creators_commit);
    tcase_add_test(tc, concurrent_creators_give_up);
    tcase_add_test(tc, readonly_missing_is_eio);
    tcase_add_test(tc, newer_version_is_edb);
    tcase_add_test(tc, not_sqlite_is_edb);
    tcase_add_test(tc, foreign_sqlite_is_edb);
    tcase_add_test(tc, add_document_basic);
    tcase_add_test(tc, add_document_idempotent);
    tcase_add_test(tc, second_document_merges);
    tcase_add_test(tc, country_short_forms_merge);
    tcase_add_test(tc, org_suffix_merges_both_ways);
    tcase_add_test(tc, surname_joins_one_person_only);
    tcase_add_test(tc, first_name_and_other_types_do_not_join);
    tcase_add_test(tc, place_part_is_not_the_place);
    tcase_add_test(tc, pronoun_arguments_are_no_nodes);
    tcase_add_test(tc, accents_do_not_split_a_name);
    tcase_add_test(tc, rollback_null_subject);
    tcase_add_test(tc, rollback_empty_subject_mid_transaction);
    tcase_add_test(tc, rollback_bad_confidence);
    tcase_add_test(tc, rollback_invalid_utf8_object);
    tcase_add_test(tc, add_triple_needs_transaction);
    tcase_add_test(tc, import_tsv_all_or_nothing);
    tcase_add_test(tc, idmap_grows);
    tcase_add_test(tc, oom_leaves_database_unchanged);
    tcase_add_test(tc, oom_import_fresh);
    tcase_add_test(tc, oom_import_incremental);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
