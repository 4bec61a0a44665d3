/*
 * test_sent.c -- the sentence splitter on news prose: abbreviations,
 * initials, decimals and money, quotes and brackets after the full stop,
 * headlines and bullets without final punctuation, ellipses, ? and !,
 * the sample article's curly quotes and em dashes, and the length cap.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/kg_text.h"

/* The sentences of s, each as its text span, joined by " || ". Caller frees. */
static char *sents(const char *s)
{
    kg_analysis a = {0};
    kg_error err = {0};
    kg_buf b = {0};
    size_t i;
    int rc = kg_analysis_run(NULL, s, strlen(s), &a, &err);
    ck_assert_msg(rc == KG_OK, "analysis failed: %s", err.msg);
    for (i = 0; i < a.n_sentences; i++) {
        const kg_sentence *x = &a.sentences[i];
        if (i)
            kg_buf_puts(&b, " || ");
        kg_buf_append(&b, s + x->start, x->end - x->start);
        /* the sentence's tokens are inside it and contiguous */
        ck_assert_uint_eq(a.tokens[x->first_token].start, x->start);
        ck_assert_uint_eq(a.tokens[x->first_token + x->n_tokens - 1].end, x->end);
        ck_assert(a.tokens[x->first_token].flags & KG_TOK_SENT_START);
        if (i)
            ck_assert_uint_eq(x->first_token,
                              a.sentences[i - 1].first_token + a.sentences[i - 1].n_tokens);
    }
    kg_analysis_free(&a);
    return b.data ? b.data : strdup("");
}

#define SENT(in, want)                                                                    \
    do {                                                                                  \
        char *got_ = sents(in);                                                           \
        ck_assert_msg(strcmp(got_, want) == 0, "sentences of \"%s\":\n got  %s\n want %s", \
                      in, got_, want);                                                    \
        free(got_);                                                                       \
    } while (0)

START_TEST(basic)
{
    SENT("One. Two! Three? Four", "One. || Two! || Three? || Four");
    SENT("It works.", "It works.");
    SENT("", "");
    SENT("What?! Really.", "What?! || Really.");
}
END_TEST

START_TEST(abbreviations)
{
    SENT("Mr. Smith met Dr. Jones in St. Louis. They talked.",
         "Mr. Smith met Dr. Jones in St. Louis. || They talked.");
    SENT("He moved to the U.S. in 1990. Then he left.",
         "He moved to the U.S. in 1990. || Then he left.");
    SENT("Sales rose in the U.S. The company said so.",
         "Sales rose in the U.S. || The company said so.");
    SENT("Acme Inc. said on Feb. 5 that it grew.", "Acme Inc. said on Feb. 5 that it grew.");
    SENT("He works for Acme Inc. The firm is big.",
         "He works for Acme Inc. || The firm is big.");
    SENT("J. K. Rowling wrote it. Fans read it.", "J. K. Rowling wrote it. || Fans read it.");
    SENT("See e.g. the report. It is long.", "See e.g. the report. || It is long.");
    SENT("It is item No. 5 on the list.", "It is item No. 5 on the list.");
    SENT("Norton (c. 1818 – 1880) was born in London.",
         "Norton (c. 1818 – 1880) was born in London.");
    SENT("a son, Ralph (b. August 2015). He grew.", "a son, Ralph (b. August 2015). || He grew.");
}
END_TEST

START_TEST(numbers_money)
{
    SENT("It paid $1.5bn for 3.2% of the firm. Shares rose 4.5 points.",
         "It paid $1.5bn for 3.2% of the firm. || Shares rose 4.5 points.");
    SENT("Version 2.0 shipped. Users cheered.", "Version 2.0 shipped. || Users cheered.");
    SENT("Mail a@b.com now. Or visit https://x.org/a.b today.",
         "Mail a@b.com now. || Or visit https://x.org/a.b today.");
}
END_TEST

START_TEST(quotes_brackets)
{
    SENT("“We are done.” She left.", "“We are done.” || She left.");
    SENT("He said \"no.\" Then he left.", "He said \"no.\" || Then he left.");
    SENT("(It was late.) We went home.", "(It was late.) || We went home.");
    SENT("“Is it?” he asked.", "“Is it?” he asked.");
    SENT("It ended, they said. “Good,” he said.", "It ended, they said. || “Good,” he said.");
}
END_TEST

START_TEST(headlines_bullets)
{
    SENT("Big News Today\n\nThe deal ended.", "Big News Today || The deal ended.");
    SENT("Key Takeaways\n\n  • First point here\n  • Second point\n\nAfter.",
         "Key Takeaways || • First point here || • Second point || After.");
    SENT("Items:\n- one\n- two", "Items: || - one || - two");
    SENT("A headline\nThe body starts here.", "A headline || The body starts here.");
    SENT("The text was wrapped at the end of\nthe line and goes on.",
         "The text was wrapped at the end of\nthe line and goes on.");
}
END_TEST

START_TEST(references_lists)
{
    SENT("He went to Dulwich. [17] Then he left.", "He went to Dulwich. [17] || Then he left.");
    SENT("It was found in Rome. [citation needed]\n\nNext part.",
         "It was found in Rome. [citation needed] || Next part.");
    SENT("three factors:\n\n1. The nature of it.\n\n2. The purpose.",
         "three factors: || 1. The nature of it. || 2. The purpose.");
}
END_TEST

START_TEST(ellipses)
{
    SENT("Wait... what is that?", "Wait... what is that?");
    SENT("It ended… Then came more.", "It ended… || Then came more.");
    SENT("And so... The end.", "And so... || The end.");
    SENT("And then we just ... I don't know.", "And then we just ... I don't know.");
}
END_TEST

START_TEST(sample_article)
{
    /* the sample article's own prose: curly apostrophes, em dashes, bullets */
    SENT("OpenAI and Microsoft’s cloud exclusivity deal officially ends\n\n"
         "The OpenAI cloud exclusivity deal officially ends, dismantling Azure’s single-provider "
         "monopoly for ChatGPT. Now that exclusivity is gone—and OpenAI can pursue deals.\n\n"
         "Key Takeaways\n\n"
         "  • Microsoft no longer pays OpenAI revenue share; OpenAI instead pays Microsoft\n"
         "  • OpenAI’s frontier models continue hosting on Azure\n",
         "OpenAI and Microsoft’s cloud exclusivity deal officially ends || "
         "The OpenAI cloud exclusivity deal officially ends, dismantling Azure’s single-provider "
         "monopoly for ChatGPT. || Now that exclusivity is gone—and OpenAI can pursue deals. || "
         "Key Takeaways || "
         "• Microsoft no longer pays OpenAI revenue share; OpenAI instead pays Microsoft || "
         "• OpenAI’s frontier models continue hosting on Azure");
}
END_TEST

START_TEST(length_cap)
{
    kg_buf b = {0};
    kg_analysis a = {0};
    kg_error err = {0};
    size_t i, total = 0;
    for (i = 0; i < 2500; i++)
        kg_buf_puts(&b, "word ");
    ck_assert_int_eq(kg_analysis_run(NULL, b.data, b.len, &a, &err), KG_OK);
    ck_assert_uint_eq(a.n_sentences, 3);
    for (i = 0; i < a.n_sentences; i++) {
        ck_assert(a.sentences[i].n_tokens <= KG_MAX_SENTENCE_TOKENS);
        total += a.sentences[i].n_tokens;
    }
    ck_assert_uint_eq(total, 2500);
    kg_analysis_free(&a);
    kg_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sent");
    TCase *tc = tcase_create("sent");
    SRunner *sr;
    int failed;
    tcase_add_test(tc, basic);
    tcase_add_test(tc, abbreviations);
    tcase_add_test(tc, numbers_money);
    tcase_add_test(tc, quotes_brackets);
    tcase_add_test(tc, headlines_bullets);
    tcase_add_test(tc, ellipses);
    tcase_add_test(tc, references_lists);
    tcase_add_test(tc, sample_article);
    tcase_add_test(tc, length_cap);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
