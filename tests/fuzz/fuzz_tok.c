/*
 * fuzz_tok.c -- libFuzzer harness for the text stage (ingest/): tokenizer,
 * sentence splitter, tagger and lemmatizer through kg_analysis_run, the
 * repairing variant (KG_ANALYSIS_REPLACE_INVALID) and kg_text_cut.
 * Invariants: valid UTF-8 without NUL is always analysed; anything else is a
 * clean KG_EINPUT; tokens and sentences are ordered, inside the text, start
 * on character boundaries, and every token of a sentence lies inside it; each
 * token has a lemma and known tags; kg_text_cut returns a character boundary
 * at or before max (max >= 4), never 0 for a non-empty text.
 */
#include "fuzz_util.h"
#include "kg_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const kg_tagger *tok_tagger(void)
{
    static kg_tagger *tagger;
    static int is_loaded;
    if (!is_loaded) {
        kg_error err = {0};
        is_loaded = 1;
        if (kg_tagger_load(NULL, &tagger, &err) != KG_OK)
            tagger = NULL; /* no model: the rule-based fallback is fuzzed */
    }
    return tagger;
}

static int tok_is_cont(const char *text, size_t at)
{
    return ((unsigned char)text[at] & 0xC0) == 0x80;
}

static void tok_check(const kg_analysis *a)
{
    size_t i, j, prev_end = 0;
    FZ_CHECK(a->text != NULL || a->len == 0);
    for (i = 0; i < a->n_tokens; i++) {
        const kg_token *t = &a->tokens[i];
        FZ_CHECK(t->start < t->end && t->end <= a->len);
        FZ_CHECK(t->start >= prev_end);
        FZ_CHECK(!tok_is_cont(a->text, t->start));
        FZ_CHECK(t->end == a->len || !tok_is_cont(a->text, t->end));
        FZ_CHECK(t->upos < KG_UPOS_COUNT);
        FZ_CHECK(t->xpos < kg_xpos_count());
        FZ_CHECK(t->lemma != NULL);
        prev_end = t->end;
    }
    prev_end = 0;
    for (i = 0; i < a->n_sentences; i++) {
        const kg_sentence *s = &a->sentences[i];
        FZ_CHECK(s->start <= s->end && s->end <= a->len);
        FZ_CHECK(s->start >= prev_end);
        FZ_CHECK(s->first_token + s->n_tokens <= a->n_tokens);
        FZ_CHECK(s->n_tokens <= KG_MAX_SENTENCE_TOKENS);
        for (j = s->first_token; j < s->first_token + s->n_tokens; j++)
            FZ_CHECK(a->tokens[j].start >= s->start && a->tokens[j].end <= s->end);
        prev_end = s->end;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    kg_analysis a = {0};
    kg_error err = {0};
    size_t bad, cut, max;
    int rc, is_clean = kg_utf8_valid(text, size, &bad) && !kg_has_nul(text, size, &bad);

    rc = kg_analysis_run(tok_tagger(), text, size, &a, &err);
    fz_check_error(&err, rc);
    if (is_clean)
        FZ_CHECK(rc == KG_OK);
    else
        FZ_CHECK(rc == KG_EINPUT);
    if (rc == KG_OK)
        tok_check(&a);

    /* The same analysis object reused, repairing invalid bytes this time. */
    kg_error_clear(&err);
    rc = kg_analysis_run_opts(tok_tagger(), text, size, KG_ANALYSIS_REPLACE_INVALID, &a, &err);
    fz_check_error(&err, rc);
    if (!kg_has_nul(text, size, &bad))
        FZ_CHECK(rc == KG_OK);
    if (rc == KG_OK) {
        FZ_CHECK(kg_utf8_valid(a.text, a.len, &bad));
        tok_check(&a);
    }
    kg_analysis_free(&a);

    max = size ? (size_t)data[0] * 7u % (size + 1) : 0;
    cut = kg_text_cut(text, size, max);
    if (size <= max) {
        FZ_CHECK(cut == size);
    } else {
        /* at most max, unless max falls inside the first character: then
         * just after it (never 0 for a non-empty text: callers progress) */
        size_t first = 1;
        while (first < size && tok_is_cont(text, first))
            first++;
        FZ_CHECK(cut <= max || (max < first && cut == first));
    }
    FZ_CHECK(cut > 0 || size == 0);
    /* never inside a character */
    if (is_clean && cut < size)
        FZ_CHECK(!tok_is_cont(text, cut));
    return 0;
}
