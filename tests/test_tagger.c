/*
 * test_tagger.c -- the tagger and lemmatizer: training on a small EWT slice
 * is deterministic (byte-identical models) and learns something; models load
 * and tag; damaged models are refused; the shipped model tags and lemmatises
 * common words as the treebank does.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../ingest/kg_text.h"
#include "../ingest/text_int.h"

static char tmpdir[] = "/tmp/kg-test-tagger-XXXXXX";

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return buf;
}

static void train_to(const char *out, kg_train_report *rep)
{
    kg_train_opts o;
    kg_error err = {0};
    memset(&o, 0, sizeof o);
    o.train_path = "tests/data/ewt/en_ewt-ud-train-600.conllu";
    o.dev_path = "tests/data/ewt/en_ewt-ud-dev-200.conllu";
    o.out_path = out;
    o.max_epochs = 3;
    o.lexicon_path = "data/lexicon/wordnet.tsv";
    o.neighbours_path = "data/lexicon/neighbours.tsv";
    ck_assert_msg(kg_tagger_train(&o, rep, &err) == KG_OK, "train: %s", err.msg);
}

/* Tag text with t; the tags of the tokens as "word/UPOS/XPOS/lemma ..." */
static char *tag_string(const kg_tagger *t, const char *text)
{
    kg_analysis a = {0};
    kg_error err = {0};
    kg_buf b = {0};
    size_t i;
    ck_assert_int_eq(kg_analysis_run(t, text, strlen(text), &a, &err), KG_OK);
    for (i = 0; i < a.n_tokens; i++) {
        const kg_token *k = &a.tokens[i];
        kg_buf_printf(&b, "%s%.*s/%s/%s/%s", i ? " " : "", (int)(k->end - k->start),
                      text + k->start, kg_upos_name(k->upos), kg_xpos_name(k->xpos), k->lemma);
    }
    kg_analysis_free(&a);
    return b.data;
}

START_TEST(train_deterministic)
{
    char p1[256], p2[256];
    kg_train_report r1, r2;
    size_t n1, n2;
    char *b1, *b2;
    kg_tagger *t = NULL;
    kg_error err = {0};
    char *s;
    snprintf(p1, sizeof p1, "%s/m1.bin", tmpdir);
    snprintf(p2, sizeof p2, "%s/m2.bin", tmpdir);
    train_to(p1, &r1);
    train_to(p2, &r2);
    b1 = slurp(p1, &n1);
    b2 = slurp(p2, &n2);
    ck_assert_ptr_nonnull(b1);
    ck_assert_ptr_nonnull(b2);
    ck_assert_uint_eq(n1, n2);
    ck_assert_msg(memcmp(b1, b2, n1) == 0, "two trainings differ");
    ck_assert_uint_eq(r1.model_bytes, n1);
    /* 600 sentences: far from the full model, far above chance */
    ck_assert_msg(r1.dev_upos > 0.75 && r1.dev_upos < 0.99, "dev upos %f", r1.dev_upos);
    ck_assert_msg(r1.dev_xpos > 0.70, "dev xpos %f", r1.dev_xpos);
    ck_assert(r1.n_classes > 20 && r1.n_classes < 120);
    ck_assert_int_eq(kg_tagger_load(p1, &t, &err), KG_OK);
    s = tag_string(t, "The man said that it was good.");
    ck_assert_msg(strstr(s, "The/DET/DT/the ") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "./PUNCT/./.") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "was/AUX/VBD/be") != NULL, "%s", s);
    free(s);
    kg_tagger_free(t);
    free(b1);
    free(b2);
    unlink(p2);
}
END_TEST

START_TEST(damaged_models)
{
    char p[256], q[256];
    kg_tagger *t = NULL;
    kg_error err = {0};
    size_t n;
    char *b;
    FILE *f;
    kg_train_report r;
    snprintf(p, sizeof p, "%s/m1.bin", tmpdir);
    if (access(p, R_OK) != 0)
        train_to(p, &r);
    b = slurp(p, &n);
    ck_assert_ptr_nonnull(b);
    /* truncated */
    snprintf(q, sizeof q, "%s/trunc.bin", tmpdir);
    f = fopen(q, "wb");
    fwrite(b, 1, n / 2, f);
    fclose(f);
    ck_assert_int_eq(kg_tagger_load(q, &t, &err), KG_EINPUT);
    ck_assert_ptr_null(t);
    ck_assert_msg(strstr(err.msg, "trunc.bin") != NULL, "%s", err.msg);
    kg_error_clear(&err);
    /* a row offset pointing outside the rows */
    f = fopen(q, "wb");
    memset(b + n - 64, 0xFF, 64);
    memset(b + 200, 0x7F, 4096);
    fwrite(b, 1, n, f);
    fclose(f);
    if (kg_tagger_load(q, &t, &err) == KG_OK) {
        /* if the damage missed every checked field, tagging must still be safe */
        char *s = tag_string(t, "Still safe to tag this.");
        free(s);
        kg_tagger_free(t);
        t = NULL;
    }
    kg_error_clear(&err);
    /* not a model */
    f = fopen(q, "wb");
    fputs("hello", f);
    fclose(f);
    ck_assert_int_eq(kg_tagger_load(q, &t, &err), KG_EINPUT);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_tagger_load("/nonexistent/model.bin", &t, &err), KG_EIO);
    unlink(q);
    free(b);
}
END_TEST

static kg_tagger *shipped(void)
{
    kg_tagger *t = NULL;
    kg_error err = {0};
    const char *env = getenv("KG_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/tagger.bin", env && *env ? env : "data");
    ck_assert_msg(kg_tagger_load(path, &t, &err) == KG_OK, "shipped model: %s", err.msg);
    return t;
}

static void lemma_is(const kg_tagger *t, const char *form, const char *xpos, const char *want)
{
    kg_buf b = {0};
    ck_assert_int_eq(kg_tagger_lemma(t, form, strlen(form), kg_xpos_from_name(xpos), &b), KG_OK);
    ck_assert_msg(strcmp(b.data, want) == 0, "lemma of %s/%s: got %s, want %s", form, xpos,
                  b.data, want);
    kg_buf_free(&b);
}

START_TEST(shipped_lemmas)
{
    kg_tagger *t = shipped();
    lemma_is(t, "pays", "VBZ", "pay");
    lemma_is(t, "paid", "VBD", "pay");
    lemma_is(t, "paid", "VBN", "pay");
    lemma_is(t, "paying", "VBG", "pay");
    lemma_is(t, "rights", "NNS", "right");
    lemma_is(t, "was", "VBD", "be");
    lemma_is(t, "were", "VBD", "be");
    lemma_is(t, "Is", "VBZ", "be");
    lemma_is(t, "n't", "RB", "not");
    lemma_is(t, "children", "NNS", "child");
    lemma_is(t, "better", "JJR", "good");
    lemma_is(t, "went", "VBD", "go");
    /* unseen words follow the suffix rules */
    lemma_is(t, "blorfed", "VBD", "blorf");
    lemma_is(t, "zingers", "NNS", "zinger");
    lemma_is(t, "glimmering", "VBG", "glimmer");
    lemma_is(t, "OpenAI", "NNP", "openai");
    /* inflected forms the treebank never has: known lemmas after a prefix,
       then spelling heuristics (final e, doubled consonants) */
    lemma_is(t, "reshaping", "VBG", "reshape");
    lemma_is(t, "reshaped", "VBD", "reshape");
    lemma_is(t, "rehosted", "VBN", "rehost");
    lemma_is(t, "dismantled", "VBD", "dismantle");
    lemma_is(t, "dismantling", "VBG", "dismantle");
    /* an irregular participle the treebank has only as a past tense, and the reverse */
    lemma_is(t, "won", "VBN", "win");
    lemma_is(t, "won", "VBD", "win");
    lemma_is(t, "unbundled", "VBN", "unbundle");
    lemma_is(t, "repurposing", "VBG", "repurpose");
    lemma_is(t, "outsourced", "VBN", "outsource");
    lemma_is(t, "glimpsed", "VBD", "glimpse");
    lemma_is(t, "incentivized", "VBN", "incentivize");
    lemma_is(t, "vaporizing", "VBG", "vaporize");
    lemma_is(t, "overhyped", "VBN", "overhype");
    lemma_is(t, "revamping", "VBG", "revamp");
    lemma_is(t, "scrapping", "VBG", "scrap");
    lemma_is(t, "enrolling", "VBG", "enroll");
    lemma_is(t, "upskilled", "VBN", "upskill");
    lemma_is(t, "grobbed", "VBD", "grob");
    lemma_is(t, "plimed", "VBD", "plime");
    lemma_is(t, "zanted", "VBD", "zant");
    lemma_is(t, "gizmos", "NNS", "gizmo");
    lemma_is(t, "hoaxes", "NNS", "hoax");
    /* seen ones keep their treebank lemma */
    lemma_is(t, "hoped", "VBD", "hope");
    lemma_is(t, "hopped", "VBD", "hop");
    lemma_is(t, "stopped", "VBD", "stop");
    lemma_is(t, "running", "VBG", "run");
    lemma_is(t, "freeing", "VBG", "free");
    lemma_is(t, "studies", "NNS", "study");
    lemma_is(t, "taxes", "NNS", "tax");
    /* without a model: lower case */
    lemma_is(NULL, "Paid", "VBD", "paid");
    kg_tagger_free(t);
}
END_TEST

START_TEST(shipped_tags)
{
    kg_tagger *t = shipped();
    char *s = tag_string(t, "The company pays its workers a fair share. "
                            "OpenAI’s models were hosted on Azure.");
    ck_assert_msg(strstr(s, "company/NOUN/NN/company") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "pays/VERB/VBZ/pay") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "share/NOUN/NN/share") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "OpenAI/PROPN/NNP/openai") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "’s/PART/POS/") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "models/NOUN/NNS/model") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "were/AUX/VBD/be") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "hosted/VERB/VBN/host") != NULL, "%s", s);
    ck_assert_msg(strstr(s, "Azure/PROPN/NNP/azure") != NULL, "%s", s);
    free(s);
    /* unseen words never get closed-class tags (pronoun, preposition, ...) */
    s = tag_string(t, "OpenAI can now sign deals. The company pays OpenAI a revenue share.");
    ck_assert_msg(strstr(s, "OpenAI/PRON") == NULL && strstr(s, "OpenAI/ADP") == NULL &&
                  strstr(s, "OpenAI/DET") == NULL, "%s", s);
    ck_assert_msg(strstr(s, "can/AUX/MD/can") != NULL, "%s", s);
    free(s);
    /* a long sentence (> 256 tokens: the heap path) tags every token */
    {
        kg_buf b = {0};
        kg_analysis a = {0};
        kg_error err = {0};
        size_t i;
        for (i = 0; i < 400; i++)
            kg_buf_puts(&b, "big dogs and ");
        kg_buf_puts(&b, "cats");
        ck_assert_int_eq(kg_analysis_run(t, b.data, b.len, &a, &err), KG_OK);
        ck_assert_uint_eq(a.n_tokens, 1201);
        for (i = 0; i < a.n_tokens; i++)
            ck_assert(a.tokens[i].upos != KG_UPOS_NONE);
        kg_analysis_free(&a);
        kg_buf_free(&b);
    }
    kg_tagger_free(t);
}
END_TEST

/* kg_analysis_run (with its per-word-type score cache) gives the same tags as
 * kg_tagger_tag (no cache) sentence by sentence, on the sample article. */
START_TEST(cache_same_tags)
{
    kg_tagger *t = shipped();
    kg_buf text = {0};
    kg_error err = {0};
    kg_analysis a = {0};
    size_t i, j, differ = 0;
    kg_token *copy;
    ck_assert_int_eq(kg_read_file("data/openai-microsoft-cloud.txt", 1u << 24, &text, &err), KG_OK);
    /* twice: the second run starts with a warm cache */
    for (j = 0; j < 2; j++)
        ck_assert_int_eq(kg_analysis_run(t, text.data, text.len, &a, &err), KG_OK);
    ck_assert(a.n_tokens > 500);
    copy = malloc(a.n_tokens * sizeof *copy);
    memcpy(copy, a.tokens, a.n_tokens * sizeof *copy);
    for (i = 0; i < a.n_sentences; i++) {
        const kg_sentence *s = &a.sentences[i];
        ck_assert_int_eq(kg_tagger_tag(t, text.data, copy + s->first_token, s->n_tokens, &err),
                         KG_OK);
    }
    for (i = 0; i < a.n_tokens; i++)
        differ += copy[i].upos != a.tokens[i].upos || copy[i].xpos != a.tokens[i].xpos;
    ck_assert_uint_eq(differ, 0);
    free(copy);
    kg_analysis_free(&a);
    kg_buf_free(&text);
    kg_tagger_free(t);
}
END_TEST

/* The shipped model stores its long rows dense (KG_ROW_DENSE) and its slots
 * narrow, so the tests that tag with it run those paths; every dense row has
 * the right length and zero weights for the padding classes. */
START_TEST(dense_rows)
{
    kg_tagger *t = shipped();
    int p, n_classes = (int)t->hdr->n_classes, n8 = (n_classes + 7) & ~7;
    for (p = 0; p < t->n_passes; p++) {
        const kg_model_rows *m = &t->pass[p];
        uint32_t s, n_dense = 0, n_sparse = 0;
        for (s = 0; s <= m->mask; s++) {
            const uint32_t *r;
            int c;
            if ((m->narrow ? m->slots[s] : m->slots[2 * s]) == 0)
                continue;
            r = m->rows + (m->narrow ? m->slots[s] & ((1u << KG_NARROW_OFF_BITS) - 1)
                                     : m->slots[2 * s + 1]);
            if (!(r[0] & KG_ROW_DENSE)) {
                n_sparse++;
                continue;
            }
            n_dense++;
            ck_assert_uint_eq(r[0] & ~KG_ROW_DENSE, (uint32_t)n8 / 2);
            for (c = n_classes; c < n8; c++)
                ck_assert_int_eq(((const int16_t *)(const void *)(r + 1))[c], 0);
        }
        ck_assert_msg(n_dense > 100 && n_sparse > 10 * n_dense, "pass %d: %u dense, %u sparse",
                      p, n_dense, n_sparse);
        ck_assert(m->narrow); /* the shipped model has narrow slots (version 3) */
    }
    kg_tagger_free(t);
}
END_TEST

START_TEST(tag_names)
{
    int i;
    for (i = 1; i < KG_UPOS_COUNT; i++)
        ck_assert_int_eq(kg_upos_from_name(kg_upos_name(i)), i);
    for (i = 1; i < kg_xpos_count(); i++)
        ck_assert_int_eq(kg_xpos_from_name(kg_xpos_name(i)), i);
    ck_assert_str_eq(kg_upos_name(0), "_");
    ck_assert_int_eq(kg_upos_from_name("BOGUS"), KG_UPOS_NONE);
    ck_assert_int_eq(kg_xpos_from_name("BOGUS"), 0);
    ck_assert_str_eq(kg_xpos_name(9999), "_");
    /* the rule-based fallback (no model) */
    {
        const char *text = "So Big 42 .";
        kg_token toks[4];
        kg_error err = {0};
        size_t st[4] = {0, 3, 7, 10}, en[4] = {2, 6, 9, 11};
        for (i = 0; i < 4; i++) {
            memset(&toks[i], 0, sizeof toks[i]);
            toks[i].start = st[i];
            toks[i].end = en[i];
        }
        toks[1].flags = KG_TOK_CAPITALISED;
        ck_assert_int_eq(kg_tagger_tag(NULL, text, toks, 4, &err), KG_OK);
        ck_assert_str_eq(kg_xpos_name(toks[0].xpos), "NN");
        ck_assert_str_eq(kg_xpos_name(toks[1].xpos), "NNP");
        ck_assert_str_eq(kg_upos_name(toks[1].upos), "PROPN");
        ck_assert_str_eq(kg_xpos_name(toks[2].xpos), "CD");
        ck_assert_str_eq(kg_xpos_name(toks[3].xpos), ".");
        ck_assert_str_eq(kg_upos_name(toks[3].upos), "PUNCT");
    }
}
END_TEST

/* The WordNet lexicon packed into a model: lemma classes, proper names,
 * inflected forms through suffix rules and exception lists. */
START_TEST(lexicon_values)
{
    char p[256], q[256];
    kg_tagger *t = NULL;
    kg_error err = {0};
    kg_train_report r;
    kg_train_opts o;
    FILE *f;
#define LEX(w) kg_tagger_lex_value(t->lex, t->lex_mask, w, strlen(w), NULL, NULL)
    snprintf(p, sizeof p, "%s/m1.bin", tmpdir);
    if (access(p, R_OK) != 0)
        train_to(p, &r);
    ck_assert_int_eq(kg_tagger_load(p, &t, &err), KG_OK);
    ck_assert_ptr_nonnull(t->lex);
    ck_assert_uint_eq(LEX("quickly") & 0xFF, KG_LEX_R);
    ck_assert(LEX("Paris") & KG_LEX_P);
    ck_assert(LEX("paris") & KG_LEX_N);
    ck_assert(!(LEX("apple") & KG_LEX_P));
    /* run: noun and verb, mostly a verb */
    ck_assert_uint_eq(LEX("run") & 0xFF, KG_LEX_N | KG_LEX_V | KG_LEX_DOM * (4 + 1));
    ck_assert(LEX("companies") & 1u << 8);      /* a plural noun */
    ck_assert(LEX("mice") & 1u << 8);           /* irregular plural */
    ck_assert(LEX("women") & 1u << 8);
    ck_assert(LEX("walks") & 2u << 8);          /* verb -s */
    ck_assert(LEX("stopped") & 4u << 8);        /* doubled consonant */
    ck_assert(LEX("went") & 4u << 8);           /* irregular verb */
    ck_assert(LEX("making") & 8u << 8);         /* -ing on an -e verb */
    ck_assert(LEX("happier") & 16u << 8);
    ck_assert(LEX("better") & 16u << 8);
    ck_assert(!(LEX("red") & 4u << 8));         /* "re" is no verb */
    ck_assert(!(LEX("hundred") & 4u << 8));
    ck_assert_uint_eq(LEX("xqzzy"), 0);
    /* frequent in the training data: the lexicon stays out of it */
    ck_assert_uint_eq(LEX("the"), KG_LEX_FREQ);
    ck_assert_uint_eq(LEX("The"), KG_LEX_FREQ);
    ck_assert_uint_eq(LEX(""), 0);
    ck_assert_uint_eq(kg_tagger_lex_value(NULL, 0, "run", 3, NULL, NULL), 0);
#undef LEX
    /* neighbour classes: the tags of a word's nearest GloVe neighbours */
    {
        unsigned nbc = 0;
        kg_tagger_lex_value(t->lex, t->lex_mask, "Noida", 5, NULL, &nbc);
        ck_assert_uint_eq(nbc & 1, 1);
        ck_assert_uint_eq(nbc >> 1 & 31, KG_UPOS_PROPN);
        kg_tagger_lex_value(t->lex, t->lex_mask, "unhelpful", 9, NULL, &nbc);
        ck_assert_uint_eq(nbc >> 1 & 31, KG_UPOS_ADJ);
        ck_assert_uint_eq(nbc >> 6 & 31, 31); /* one tag, sure */
        ck_assert_uint_eq(nbc >> 11, 2);
        kg_tagger_lex_value(t->lex, t->lex_mask, "the", 3, NULL, &nbc);
        ck_assert_uint_eq(nbc, 0); /* frequent in training: its own features */
        kg_tagger_lex_value(t->lex, t->lex_mask, "xqzzy", 5, NULL, &nbc);
        ck_assert_uint_eq(nbc, 0);
    }
    kg_tagger_free(t);
    /* a malformed lexicon is an error naming the file and line */
    snprintf(q, sizeof q, "%s/bad.tsv", tmpdir);
    f = fopen(q, "w");
    ck_assert_ptr_nonnull(f);
    fputs("# comment\nrun\tnV\nwalk\tnx\n", f);
    fclose(f);
    memset(&o, 0, sizeof o);
    o.train_path = "tests/data/ewt/en_ewt-ud-train-600.conllu";
    o.out_path = q;
    o.max_epochs = 1;
    o.lexicon_path = q;
    ck_assert_int_eq(kg_tagger_train(&o, &r, &err), KG_EINPUT);
    ck_assert_ptr_nonnull(err.source);
    ck_assert_msg(strstr(err.source, "bad.tsv") != NULL, "%s", err.source);
    ck_assert_uint_eq(err.line, 3);
    /* and so is a malformed neighbours file */
    f = fopen(q, "w");
    ck_assert_ptr_nonnull(f);
    fputs("noida\tPROPN\t-\t2\ntaco\tNOUN\tPROPN\t1\nkestrel\tNOUN\tBIRD\t0\n", f);
    fclose(f);
    o.lexicon_path = NULL;
    o.neighbours_path = q;
    ck_assert_int_eq(kg_tagger_train(&o, &r, &err), KG_EINPUT);
    ck_assert_msg(strstr(err.source, "bad.tsv") != NULL, "%s", err.source);
    ck_assert_uint_eq(err.line, 3);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tagger");
    TCase *tc = tcase_create("tagger");
    SRunner *sr;
    int failed;
    char cmd[300];
    if (mkdtemp(tmpdir) == NULL)
        return 1;
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, tag_names);
    tcase_add_test(tc, train_deterministic);
    tcase_add_test(tc, damaged_models);
    tcase_add_test(tc, shipped_lemmas);
    tcase_add_test(tc, shipped_tags);
    tcase_add_test(tc, cache_same_tags);
    tcase_add_test(tc, dense_rows);
    tcase_add_test(tc, lexicon_values);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        return 1;
    return failed ? 1 : 0;
}
