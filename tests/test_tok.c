/*
 * test_tok.c -- the tokenizer on hard cases: clitics, quotes, dashes, URLs,
 * e-mail, handles, numbers, currency, abbreviations, emoji, byte offsets,
 * and the UTF-8 / binary checks of kg_analysis_run.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "../ingest/kg_text.h"

/* The tokens of s joined by '|'. Caller frees. */
static char *toks(const char *s)
{
    kg_analysis a = {0};
    kg_error err = {0};
    kg_buf b = {0};
    size_t i;
    int rc = kg_analysis_run(NULL, s, strlen(s), &a, &err);
    ck_assert_msg(rc == KG_OK, "analysis failed: %s", err.msg);
    for (i = 0; i < a.n_tokens; i++) {
        if (i)
            kg_buf_append(&b, "|", 1);
        kg_buf_append(&b, s + a.tokens[i].start, a.tokens[i].end - a.tokens[i].start);
    }
    kg_analysis_free(&a);
    if (b.data == NULL)
        return strdup("");
    return b.data;
}

#define TOK(in, want)                                                              \
    do {                                                                           \
        char *got_ = toks(in);                                                     \
        ck_assert_msg(strcmp(got_, want) == 0, "tokens of \"%s\":\n got  %s\n want %s", \
                      in, got_, want);                                             \
        free(got_);                                                                \
    } while (0)

START_TEST(clitics)
{
    TOK("OpenAI’s models", "OpenAI|’s|models");
    TOK("OpenAI's models", "OpenAI|'s|models");
    TOK("I don't know", "I|do|n't|know");
    TOK("They can't go", "They|ca|n't|go");
    TOK("We won’t", "We|wo|n’t");
    TOK("I'm sure you'll see we've they're he'd", "I|'m|sure|you|'ll|see|we|'ve|they|'re|he|'d");
    TOK("DON'T", "DO|N'T");
    TOK("O'Brien and rock'n'roll", "O'Brien|and|rock'n'roll");
    TOK("the companies’ dominance", "the|companies|’|dominance");
}
END_TEST

START_TEST(quotes_dashes)
{
    TOK("“Hello,” she said.", "“|Hello|,|”|she|said|.");
    TOK("\"Hi\" 'there'", "\"|Hi|\"|'|there|'");
    TOK("cloud—and more", "cloud|—|and|more");
    TOK("pages 10–20", "pages|10|–|20");
    TOK("wait -- no", "wait|--|no");
    TOK("single-provider monopoly", "single-provider|monopoly");
    TOK("a first-party, multi-cloud deal", "a|first-party|,|multi-cloud|deal");
    TOK("(see [1])", "(|see|[|1|]|)");
}
END_TEST

START_TEST(web)
{
    TOK("See https://example.com/a?b=1.", "See|https://example.com/a?b=1|.");
    TOK("(http://x.org/wiki/A_(b))", "(|http://x.org/wiki/A_(b)|)");
    TOK("visit www.openai.com today", "visit|www.openai.com|today");
    TOK("mail jane.doe+x@mail.example.co.uk now", "mail|jane.doe+x@mail.example.co.uk|now");
    TOK("@sama said #AI", "@sama|said|#AI");
    TOK("Visit example.com or openai.co.uk, not file.txt.",
        "Visit|example.com|or|openai.co.uk|,|not|file|.|txt|.");
}
END_TEST

START_TEST(numbers)
{
    TOK("$1.5bn deal", "$|1.5bn|deal");
    TOK("up 3.2% today", "up|3.2|%|today");
    TOK("1,000,000 people", "1,000,000|people");
    TOK("the 21st century", "the|21st|century");
    TOK("in the 1990s", "in|the|1990s");
    TOK("the '90s and ’80s", "the|'90s|and|’80s");
    TOK("COVID-19 news 24/7, #1", "COVID-19|news|24/7|,|#1");
    TOK("at 10:30 on 5/11/2024", "at|10:30|on|5/11/2024");
    TOK("€20 and £5.50", "€|20|and|£|5.50");
    TOK("a 10-year-old", "a|10-year-old");
    TOK("It rose 2.5.", "It|rose|2.5|.");
    /* a decimal opening a compound stays whole */
    TOK("a 1.2-gigawatt plant", "a|1.2-gigawatt|plant");
    TOK("a 2.5-mile road, 3.5x", "a|2.5-mile|road|,|3.5x");
    TOK("1,000-strong crowd", "1,000-strong|crowd");
}
END_TEST

START_TEST(abbreviations)
{
    TOK("Mr. Smith of the U.S. met Dr. Jones.", "Mr.|Smith|of|the|U.S.|met|Dr.|Jones|.");
    TOK("Acme Inc. and Feb. 5", "Acme|Inc.|and|Feb.|5");
    TOK("e.g. this, i.e. that", "e.g.|this|,|i.e.|that");
    TOK("J. K. Rowling", "J.|K.|Rowling");
    TOK("No. 5 and no.", "No.|5|and|no|.");
    TOK("at 5 p.m. today", "at|5|p.m.|today");
    TOK("Her Ph.D. thesis", "Her|Ph.D.|thesis");
    TOK("the U.S.-based firm", "the|U.S.|-|based|firm");
}
END_TEST

START_TEST(symbols_emoji)
{
    TOK("great 😀👍🏽!", "great|😀|👍🏽|!");
    TOK("family 👨‍👩‍👧 here", "family|👨‍👩‍👧|here");
    TOK("flag 🇫🇷 ok", "flag|🇫🇷|ok");
    TOK("• item", "•|item");
    TOK("wait... what…", "wait|...|what|…");
    TOK("A&B © 2024 ™", "A|&|B|©|2024|™");
    TOK("Société Générale naïve café", "Société|Générale|naïve|café");
    TOK("", "");
    TOK("   \n\n  ", "");
}
END_TEST

START_TEST(offsets_and_flags)
{
    const char *s = "Hi  there.\n\nNew para";
    kg_analysis a = {0};
    kg_error err = {0};
    ck_assert_int_eq(kg_analysis_run(NULL, s, strlen(s), &a, &err), KG_OK);
    ck_assert_uint_eq(a.n_tokens, 5);
    ck_assert_uint_eq(a.tokens[1].start, 4);
    ck_assert_uint_eq(a.tokens[1].end, 9);
    ck_assert(a.tokens[1].flags & KG_TOK_SPACE_BEFORE);
    ck_assert(!(a.tokens[2].flags & KG_TOK_SPACE_BEFORE));
    ck_assert(a.tokens[3].flags & KG_TOK_PARAGRAPH_BEFORE);
    ck_assert(a.tokens[3].flags & KG_TOK_NEWLINE_BEFORE);
    ck_assert(a.tokens[3].flags & KG_TOK_CAPITALISED);
    ck_assert(!(a.tokens[4].flags & KG_TOK_CAPITALISED));
    ck_assert_str_eq(a.tokens[0].lemma, "hi");
    /* every token's bytes are the text's */
    ck_assert_int_eq(memcmp(s + a.tokens[4].start, "para", 4), 0);
    kg_analysis_free(&a);
}
END_TEST

START_TEST(bad_input)
{
    kg_analysis a = {0};
    kg_error err = {0};
    const char bad[] = "ok \xC3\x28 no";
    const char nul[] = "ab\0cd";
    ck_assert_int_eq(kg_analysis_run(NULL, bad, sizeof bad - 1, &a, &err), KG_EINPUT);
    ck_assert_uint_eq(err.offset, 3);
    ck_assert_msg(strstr(err.msg, "byte offset 3") != NULL, "msg: %s", err.msg);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_analysis_run(NULL, nul, sizeof nul - 1, &a, &err), KG_EINPUT);
    ck_assert_uint_eq(err.offset, 2);
    ck_assert_msg(strstr(err.msg, "binary") != NULL, "msg: %s", err.msg);
    kg_error_clear(&err);
    /* overlong encoding and a lone continuation byte */
    ck_assert_int_eq(kg_analysis_run(NULL, "\xC0\xAF", 2, &a, &err), KG_EINPUT);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_analysis_run(NULL, "a\x80", 2, &a, &err), KG_EINPUT);
    ck_assert_uint_eq(err.offset, 1);
    kg_error_clear(&err);
    /* with the option: U+FFFD, offsets into the repaired copy */
    ck_assert_int_eq(kg_analysis_run_opts(NULL, bad, sizeof bad - 1,
                                          KG_ANALYSIS_REPLACE_INVALID, &a, &err), KG_OK);
    ck_assert(a.n_tokens >= 3);
    ck_assert_int_eq(memcmp(a.text + a.tokens[1].start, "\xEF\xBF\xBD", 3), 0);
    kg_analysis_free(&a);
}
END_TEST

START_TEST(long_line)
{
    /* 3 MB without a space, then 3 MB of words: linear time, tokens bounded */
    size_t n = 3u << 20, i;
    char *s = malloc(2 * n + 1);
    kg_analysis a = {0};
    kg_error err = {0};
    ck_assert_ptr_nonnull(s);
    memset(s, 'a', n);
    for (i = n; i < 2 * n; i += 4)
        memcpy(s + i, "ab ", 3), s[i + 3] = i % 400 == 0 ? '.' : 'c';
    s[2 * n] = '\0';
    ck_assert_int_eq(kg_analysis_run(NULL, s, 2 * n, &a, &err), KG_OK);
    ck_assert(a.n_tokens > 1000);
    for (i = 0; i < a.n_sentences; i++)
        ck_assert(a.sentences[i].n_tokens <= KG_MAX_SENTENCE_TOKENS);
    for (i = 0; i < a.n_tokens; i++)
        ck_assert(a.tokens[i].end - a.tokens[i].start <= 4096);
    ck_assert_uint_eq(a.tokens[a.n_tokens - 1].end <= 2 * n, 1);
    kg_analysis_free(&a);
    free(s);
}
END_TEST

START_TEST(text_cut)
{
    const char *s = "One. Two.\n\nThree four five. Six";
    size_t len = strlen(s);
    ck_assert_uint_eq(kg_text_cut(s, len, 100), len);
    ck_assert_uint_eq(kg_text_cut(s, len, 14), 11); /* after the blank line */
    ck_assert_uint_eq(kg_text_cut(s, len, 30), 11); /* a blank line wins */
    s = "Three four five. Six seven";
    len = strlen(s);
    ck_assert_uint_eq(kg_text_cut(s, len, 22), 17); /* after "five. " */
    ck_assert_uint_eq(kg_text_cut(s, len, 14), 11); /* after a space */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("tok");
    TCase *tc = tcase_create("tok");
    SRunner *sr;
    int failed;
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, clitics);
    tcase_add_test(tc, quotes_dashes);
    tcase_add_test(tc, web);
    tcase_add_test(tc, numbers);
    tcase_add_test(tc, abbreviations);
    tcase_add_test(tc, symbols_emoji);
    tcase_add_test(tc, offsets_and_flags);
    tcase_add_test(tc, bad_input);
    tcase_add_test(tc, long_line);
    tcase_add_test(tc, text_cut);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
