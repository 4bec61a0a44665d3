/*
 * test_ner.c -- unit tests of named-entity mentions, typing, lexicons and
 * merging (ingest/ner.c, coref.c, lexicon.c), on hand-tagged sentences so the
 * results do not depend on the tagger; plus the gum-wiki regression floor
 * (tests/data/gum-wiki + tests/data/gum-wiki-entities) through the real
 * analysis.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kg_base.h"
#include "kg_text.h"
#include "ner_int.h"

static kg_ner *ner;

static const char *data_dir(void)
{
    const char *d = getenv("KG_DATA");
    return d && *d ? d : "data";
}

/* ---- hand-tagged analyses ----
 * spec: "Satya/P Nadella/P said/V ~./." -- word/TAG, '~' = no space before,
 * "||" separates sentences. Tags: P PROPN, N NOUN, V VERB, D DET, A ADJ, R PRON,
 * I ADP, C CCONJ, U NUM, . PUNCT, X AUX, T PART, S SYM, B ADV, W VERB tagged VBD. */
typedef struct fake {
    kg_analysis a;
    char text[4096];
    kg_token toks[512];
    kg_sentence sents[32];
} fake;

static int tag_of(char t)
{
    switch (t) {
    case 'P': return KG_UPOS_PROPN; case 'N': return KG_UPOS_NOUN; case 'V': return KG_UPOS_VERB;
    case 'D': return KG_UPOS_DET; case 'A': return KG_UPOS_ADJ; case 'R': return KG_UPOS_PRON;
    case 'I': return KG_UPOS_ADP; case 'C': return KG_UPOS_CCONJ; case 'U': return KG_UPOS_NUM;
    case '.': return KG_UPOS_PUNCT; case 'X': return KG_UPOS_AUX; case 'T': return KG_UPOS_PART;
    case 'S': return KG_UPOS_SYM; case 'B': return KG_UPOS_ADV;
    default: return KG_UPOS_X;
    }
}

static void build(fake *f, const char *spec)
{
    memset(f, 0, sizeof *f);
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", spec);
    size_t len = 0, nt = 0, ns = 0, sent_first = 0;
    char *save = NULL;
    for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        if (!strcmp(w, "||")) {
            f->sents[ns].first_token = sent_first;
            f->sents[ns].n_tokens = nt - sent_first;
            ns++;
            sent_first = nt;
            continue;
        }
        int space = 1;
        if (*w == '~') { space = 0; w++; }
        char *slash = strrchr(w, '/');
        ck_assert_msg(slash && slash != w, "bad spec token %s", w);
        *slash = 0;
        size_t n = strlen(w);
        if (len && space) f->text[len++] = ' ';
        kg_token *t = &f->toks[nt];
        t->start = len;
        memcpy(f->text + len, w, n);
        len += n;
        t->end = len;
        t->upos = (uint16_t)tag_of(slash[1]);
        if (slash[1] == 'W') { /* a verb in the past tense (VBD) */
            t->upos = KG_UPOS_VERB;
            t->xpos = (uint16_t)kg_xpos_from_name("VBD");
        }
        t->lemma = "";
        t->flags = (space && len > n ? KG_TOK_SPACE_BEFORE : 0) |
                   (w[0] >= 'A' && w[0] <= 'Z' ? KG_TOK_CAPITALISED : 0) |
                   (nt == sent_first ? KG_TOK_SENT_START : 0);
        nt++;
    }
    if (nt > sent_first) {
        f->sents[ns].first_token = sent_first;
        f->sents[ns].n_tokens = nt - sent_first;
        ns++;
    }
    for (size_t s = 0; s < ns; s++) {
        f->sents[s].start = f->toks[f->sents[s].first_token].start;
        f->sents[s].end = f->toks[f->sents[s].first_token + f->sents[s].n_tokens - 1].end;
    }
    f->a.text = f->text;
    f->a.len = len;
    f->a.tokens = f->toks;
    f->a.n_tokens = nt;
    f->a.sentences = f->sents;
    f->a.n_sentences = ns;
}

static void run(fake *f, const char *spec, kg_entities *e)
{
    kg_error err;
    kg_error_clear(&err);
    build(f, spec);
    ck_assert_int_eq(kg_ner_run(ner, &f->a, e, &err), KG_OK);
}

/* The i-th mention whose text is exactly s (i from 0), or NULL. */
static const kg_mention *find(const fake *f, const kg_entities *e, const char *s, int nth)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < e->n_mentions; i++) {
        const kg_mention *m = &e->mentions[i];
        if (m->end - m->start == n && !memcmp(f->text + m->start, s, n) && nth-- == 0) return m;
    }
    return NULL;
}

static const kg_mention *find_nested(const fake *f, const kg_entities *e, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < e->n_nested; i++) {
        const kg_mention *m = &e->nested[i];
        if (m->end - m->start == n && !memcmp(f->text + m->start, s, n)) return m;
    }
    return NULL;
}

#define ASSERT_MENTION(f, e, s, nth, lbl, knd) do { \
    const kg_mention *m_ = find(f, e, s, nth); \
    ck_assert_msg(m_ != NULL, "no mention \"%s\" in \"%s\"", s, (f)->text); \
    ck_assert_msg(m_->label == (lbl), "\"%s\": label %s, expected %s", s, kg_label_name(m_->label), kg_label_name(lbl)); \
    ck_assert_int_eq(m_->kind, knd); \
} while (0)

static const char *entity_name(const kg_entities *e, const kg_mention *m)
{
    ck_assert_msg(m && m->entity != KG_NO_ENTITY, "mention has no entity");
    ck_assert_uint_lt(m->entity, e->n_entities);
    return e->entities[m->entity].name;
}

static void setup(void)
{
    kg_error err;
    kg_error_clear(&err);
    ck_assert_msg(kg_ner_load(data_dir(), &ner, &err) == KG_OK, "load: %s", err.msg);
}

static void teardown(void)
{
    kg_ner_free(ner);
    ner = NULL;
}

START_TEST(test_labels)
{
    for (int l = 1; l < KG_LABEL_COUNT; l++) ck_assert_int_eq(kg_label_from_name(kg_label_name(l)), l);
    ck_assert_str_eq(kg_label_name(KG_LABEL_PERSON), "PERSON");
    ck_assert_str_eq(kg_label_name(99), "OTHER");
    ck_assert_int_eq(kg_label_from_name("place"), KG_LABEL_PLACE);
    ck_assert_int_eq(kg_label_from_name("nonsense"), KG_LABEL_NONE);
}
END_TEST

START_TEST(test_lexicon_lookup)
{
    ck_assert(kg_lex_lookup(ner, "France", 6) & KG_LEX_COUNTRY);
    ck_assert(kg_lex_lookup(ner, "Inc.", 4) & KG_LEX_ORG_SUFFIX);
    ck_assert(kg_lex_lookup(ner, "February", 8) & KG_LEX_MONTH);
    ck_assert(kg_lex_lookup_lower(ner, "CEO", 3) & KG_LEX_ROLE);
    ck_assert_uint_eq(kg_lex_lookup(ner, "Xyzzyq", 6), 0);
    ck_assert_uint_eq(kg_lex_lookup(ner, "", 0), 0);
}
END_TEST

START_TEST(test_person_title_and_say)
{
    fake f;
    kg_entities e;
    run(&f, "Dr./P William/P Glennie/P opened/V a/D school/N in/I Dulwich/P ~./. || "
            "Later/B ,/. Glennie/P said/V it/R was/X small/A ~./.", &e);
    ASSERT_MENTION(&f, &e, "Dr. William Glennie", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Dulwich", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    const kg_mention *a = find(&f, &e, "Dr. William Glennie", 0), *b = find(&f, &e, "Glennie", 0);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_str_eq(entity_name(&e, a), "William Glennie"); /* title dropped */
    ck_assert_int_eq(b->label, KG_LABEL_PERSON);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_person_multiword_title)
{
    /* a title of several words, a place before a title: the entity is the person's name */
    fake f;
    kg_entities e;
    run(&f, "Ohio/P Attorney/P General/P Carl/P Brenner/P sued/W the/D firm/N ~./. || "
            "Chief/P Operating/P Officer/P Lena/P Ortiz/P resigned/W ~./. || "
            "Deputy/P Prime/P Minister/P Odile/P Varga/P spoke/W ~./. || "
            "Brenner/P and/C Ortiz/P met/W ~./.", &e);
    const kg_mention *a = find(&f, &e, "Ohio Attorney General Carl Brenner", 0);
    const kg_mention *b = find(&f, &e, "Chief Operating Officer Lena Ortiz", 0);
    const kg_mention *d = find(&f, &e, "Deputy Prime Minister Odile Varga", 0);
    const kg_mention *a2 = find(&f, &e, "Brenner", 0), *b2 = find(&f, &e, "Ortiz", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(entity_name(&e, a), "Carl Brenner");
    ck_assert_str_eq(entity_name(&e, b), "Lena Ortiz");
    ck_assert_str_eq(entity_name(&e, d), "Odile Varga");
    ck_assert_ptr_nonnull(a2);
    ck_assert_ptr_nonnull(b2);
    ck_assert_uint_eq(a->entity, a2->entity);
    ck_assert_uint_eq(b->entity, b2->entity);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_span_quote_and_org_and)
{
    /* a closing curly quote after the full stop is no part of the name; "X and Y Commission"
     * after "the" is one organisation */
    fake f;
    kg_entities e;
    run(&f, "\xE2\x80\x9CWe/R ~stay/V in/I Glasgow/P ~./. ~\xE2\x80\x9D/. || "
            "The/D Fisheries/P and/C Oceans/P Agency/P fined/W the/D firm/N ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "Glasgow", 0));
    ASSERT_MENTION(&f, &e, "Glasgow", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    const kg_mention *o = find(&f, &e, "Fisheries and Oceans Agency", 0);
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(o->label, KG_LABEL_ORG);
    ck_assert_ptr_null(find(&f, &e, "Oceans Agency", 0));
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_org_first_word_short_form)
{
    /* the first word of an organisation's name, later alone, is that organisation, whatever
     * its own context suggests */
    fake f;
    kg_entities e;
    run(&f, "Quillmark/P Industrial/P agreed/W to/T buy/V Ostrava/P Systems/P ~./. || "
            "Quillmark/P said/W he/R was/X glad/A ~./. || "
            "Ostrava/P ~'s/T shares/N rose/W ~./.", &e);
    const kg_mention *a = find(&f, &e, "Quillmark Industrial", 0), *a2 = find(&f, &e, "Quillmark", 0);
    const kg_mention *b = find(&f, &e, "Ostrava Systems", 0), *b2 = find(&f, &e, "Ostrava", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(a2);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(b2);
    ck_assert_int_eq(a->label, KG_LABEL_ORG);
    ck_assert_uint_eq(a->entity, a2->entity);
    ck_assert_int_eq(a2->label, KG_LABEL_ORG);
    ck_assert_uint_eq(b->entity, b2->entity);
    ck_assert_str_eq(entity_name(&e, a2), "Quillmark Industrial");
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_org_business_cues)
{
    /* a name that unveils or reports something, or is described as a startup, is a business */
    fake f;
    kg_entities e;
    run(&f, "Zelvora/P unveiled/W its/R first/A tablet/N ~./. || "
            "Brannick/P ~,/. a/D startup/N backed/W by/I investors/N ~,/. grew/W ~./. || "
            "Shares/N of/I Oskivo/P rose/W ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zelvora", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Brannick", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Oskivo", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_nominal_prefers_subject_org)
{
    /* "the company" and "its" after "X, which spun off from Y Corp., ...": X, the subject,
     * not Y, named last inside a phrase */
    fake f;
    kg_entities e;
    run(&f, "Quorvane/P Systems/P ~,/. which/R spun/W off/B from/I Delmont/P Corp./P ~,/. employs/V "
            "900/U people/N ~./. || The/D company/N raised/W its/R forecast/N ~./.", &e);
    const kg_mention *q = find(&f, &e, "Quorvane Systems", 0), *d = find(&f, &e, "Delmont Corp.", 0);
    const kg_mention *nom = find(&f, &e, "The company", 0), *its = find(&f, &e, "its", 0);
    ck_assert_ptr_nonnull(q);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_nonnull(nom);
    ck_assert_int_eq(q->label, KG_LABEL_ORG);
    ck_assert_int_eq(d->label, KG_LABEL_ORG);
    ck_assert_uint_eq(nom->entity, q->entity);
    if (its) ck_assert_uint_eq(its->entity, q->entity);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_org_title_word_and_apposition)
{
    /* a title word opening an organisation's name stays in its name; a name in apposition
     * after "unit" is a business */
    fake f;
    kg_entities e;
    run(&f, "Its/R advertising/N unit/N ~,/. Corvane/P Ads/P ~,/. lost/W money/N ~./. || "
            "He/R joined/W the/D Premier/P League/P club/N ~./.", &e);
    const kg_mention *u = find(&f, &e, "Corvane Ads", 0), *p = find(&f, &e, "Premier League", 0);
    ck_assert_ptr_nonnull(u);
    ck_assert_int_eq(u->label, KG_LABEL_ORG);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->label, KG_LABEL_ORG);
    ck_assert_str_eq(entity_name(&e, p), "Premier League");
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_sports_opponents)
{
    /* a match report with one score written as one token: the side played is a team */
    fake f;
    kg_entities e;
    run(&f, "Rovers/P beat/W Bristol/P City/P 2-1/U ~./. || Kane/P scored/W the/D goal/N in/I the/D "
            "match/N ~./. || Rovers/P will/X host/V Chelsea/P on/I Sunday/P ~./.", &e);
    const kg_mention *b = find(&f, &e, "Bristol City", 0), *ch = find(&f, &e, "Chelsea", 0);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(b->label, KG_LABEL_ORG);
    ck_assert_ptr_nonnull(ch);
    ck_assert_int_eq(ch->label, KG_LABEL_ORG);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_capital_the_publication)
{
    /* "in The Lancet": a capital "The" inside a sentence opens a publication, no place;
     * "Workers" ends a union's name */
    fake f;
    kg_entities e;
    run(&f, "The/D study/N was/X published/V in/I The/D Quarvel/P ~./. || "
            "The/D United/P Dock/P Workers/P went/W on/I strike/N ~./.", &e);
    const kg_mention *q = find(&f, &e, "Quarvel", 0);
    ck_assert_ptr_nonnull(q);
    ck_assert_int_eq(q->label, KG_LABEL_ORG);
    const kg_mention *u = find(&f, &e, "United Dock Workers", 0);
    ck_assert_ptr_nonnull(u);
    ck_assert_int_eq(u->label, KG_LABEL_ORG);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_org_suffix_and_short_form)
{
    fake f;
    kg_entities e;
    run(&f, "Acme/P Widgets/P Corp./P hired/V Jane/P Doe/P ~./. || Acme/P Widgets/P grew/V ~./. || "
            "Microsoft/P Azure/P hosts/V ChatGPT/P ~./. || Azure/P is/X big/A ~./.", &e);
    ASSERT_MENTION(&f, &e, "Acme Widgets Corp.", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Jane Doe", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    const kg_mention *a = find(&f, &e, "Acme Widgets Corp.", 0), *b = find(&f, &e, "Acme Widgets", 0);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_int_eq(b->label, KG_LABEL_ORG);
    const kg_mention *c = find(&f, &e, "Microsoft Azure", 0), *d = find(&f, &e, "Azure", 0);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_eq(c->entity, d->entity);
    ck_assert_str_eq(entity_name(&e, d), "Microsoft Azure");
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_acronym)
{
    fake f;
    kg_entities e;
    run(&f, "OpenAI/P can/X work/V with/I Amazon/P Web/P Services/P (/. ~AWS/P ~)/. ~./. || "
            "AWS/P said/V nothing/N ~./.", &e);
    const kg_mention *a = find(&f, &e, "Amazon Web Services", 0);
    const kg_mention *b = find(&f, &e, "AWS", 0), *c = find(&f, &e, "AWS", 1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_uint_eq(a->entity, c->entity);
    ck_assert_str_eq(entity_name(&e, c), "Amazon Web Services");
    ck_assert_int_eq(c->label, KG_LABEL_ORG);
    kg_entities_free(&e);
    /* no acronym from a name holding an abbreviation: "US" is not "U.S. Senate" */
    run(&f, "The/D U.S./P Senate/P passed/V the/D bill/N ~./. || "
            "The/D US/P economy/N grew/V ~./.", &e);
    a = find(&f, &e, "U.S. Senate", 0);
    b = find(&f, &e, "US", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_ne(a->entity, b->entity);
    ck_assert_int_eq(a->label, KG_LABEL_ORG);
    ck_assert_int_eq(b->label, KG_LABEL_PLACE);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_capitals_dateline)
{
    fake f;
    kg_entities e;
    /* a known name in capitals, as in datelines and headlines */
    run(&f, "WASHINGTON/P (/. ~Reuters/P ~)/. -/. The/D Senate/P voted/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "WASHINGTON", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "The/D NEW/P YORK/P office/N closed/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "NEW YORK", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_possessive)
{
    fake f;
    kg_entities e;
    run(&f, "OpenAI/P ~'s/T models/N run/V on/I Microsoft/P ~’s/T cloud/N ~./. || "
            "Galois/P ~'/T proof/N was/X lost/V ~./. || OpenAI/P grew/V ~./. || Galois/P died/V ~./.", &e);
    const kg_mention *a = find(&f, &e, "OpenAI", 0), *b = find(&f, &e, "OpenAI", 1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_str_eq(entity_name(&e, a), "OpenAI");
    ck_assert_ptr_nonnull(find(&f, &e, "Microsoft", 0));
    /* the bare apostrophe stays with an s-final name; the entity name drops it */
    const kg_mention *g = find(&f, &e, "Galois'", 0);
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(entity_name(&e, g), "Galois");
    ck_assert_ptr_null(find_nested(&f, &e, "Galois")); /* not nested in "Galois'" */
    ck_assert_uint_eq(find(&f, &e, "Galois", 0)->entity, g->entity);
    for (size_t i = 0; i < e.n_mentions; i++) {
        const char *s = f.text + e.mentions[i].start;
        size_t n = e.mentions[i].end - e.mentions[i].start;
        ck_assert_msg(!(n >= 2 && s[n - 2] == '\'' && s[n - 1] == 's'), "possessive kept in %.*s", (int)n, s);
    }
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_values)
{
    fake f;
    kg_entities e;
    run(&f, "Revenue/N rose/V 10/U percent/N to/I $/S ~1.5/U billion/U in/I February/P 2026/U ~./. || "
            "Shares/N fell/V ~5%/N on/I Monday/P and/C 3/U million/U euros/N were/X paid/V on/I "
            "4/U July/P 1999/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "10 percent", 0, KG_LABEL_PERCENT, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "$1.5 billion", 0, KG_LABEL_MONEY, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "February 2026", 0, KG_LABEL_DATE, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "Monday", 0, KG_LABEL_DATE, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "3 million euros", 0, KG_LABEL_MONEY, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "4 July 1999", 0, KG_LABEL_DATE, KG_MENTION_VALUE);
    kg_entities_free(&e);
    /* "May" the verb is not a date */
    run(&f, "Prices/N may/X rise/V ~./. || May/X I/R ask/V ?/.", &e);
    for (size_t i = 0; i < e.n_mentions; i++) ck_assert_int_ne(e.mentions[i].label, KG_LABEL_DATE);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_pronouns_and_nominals)
{
    fake f;
    kg_entities e;
    run(&f, "Satya/P Nadella/P leads/V Microsoft/P ~./. || He/R said/V the/D company/N would/X grow/V ~./. || "
            "It/R hired/V Nadella/P ~./.", &e);
    const kg_mention *p = find(&f, &e, "Satya Nadella", 0), *m = find(&f, &e, "Microsoft", 0);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(m);
    ASSERT_MENTION(&f, &e, "He", 0, KG_LABEL_PERSON, KG_MENTION_PRONOUN);
    ck_assert_uint_eq(find(&f, &e, "He", 0)->entity, p->entity);
    ASSERT_MENTION(&f, &e, "the company", 0, KG_LABEL_ORG, KG_MENTION_NOMINAL);
    ck_assert_uint_eq(find(&f, &e, "the company", 0)->entity, m->entity);
    ck_assert_uint_eq(find(&f, &e, "It", 0)->entity, m->entity);
    ck_assert_uint_eq(find(&f, &e, "Nadella", 0)->entity, p->entity);
    ck_assert_int_eq(p->label, KG_LABEL_PERSON);
    ck_assert_uint_ge(e.entities[p->entity].n_mentions, 3);
    /* the printable list never has pronouns or nominals */
    const kg_mention **v;
    size_t n;
    ck_assert_int_eq(kg_entities_printable(&e, &v, &n), KG_OK);
    ck_assert_uint_ge(n, 3);
    for (size_t i = 0; i < n; i++) {
        ck_assert(v[i]->kind == KG_MENTION_NAME || v[i]->kind == KG_MENTION_VALUE);
        if (i) ck_assert_uint_le(v[i - 1]->start, v[i]->start);
    }
    free(v);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_nested_and_places)
{
    fake f;
    kg_entities e;
    run(&f, "She/R studied/V at/I the/D University/P of/I Chicago/P and/C moved/V to/I Paris/P ~,/. "
            "France/P ~./. || Boston/P Latin/P School/P closed/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "University of Chicago", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    const kg_mention *n1 = find_nested(&f, &e, "Chicago");
    ck_assert_ptr_nonnull(n1);
    ck_assert_int_eq(n1->label, KG_LABEL_PLACE);
    ASSERT_MENTION(&f, &e, "Paris, France", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "France"));
    ASSERT_MENTION(&f, &e, "Boston Latin School", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "Boston"));
    kg_entities_free(&e);
}
END_TEST

/* NER2 rules: epithets, "Name of the Party", a country that acts, "in the X", an organisation's
 * own name before its kind, a lone first word of a person's name, a surname given name. */
START_TEST(test_epithets_parties_and_agents)
{
    fake f;
    kg_entities e;
    run(&f, "Tsar/P Peter/P the/D Great/A died/V ~./. || Tanya/P Chan/P of/I the/D Civic/P Party/P won/V ~./. "
            "|| Sweden/P defeated/V Panama/P ~./. || He/R was/X buried/V in/I the/D Vvedenskoye/P Quarter/P ~./. "
            "|| She/R studied/V at/I Harvard/P University/P ~./. || Yang/P Buwei/P wrote/V ~./. "
            "|| Later/B ~,/. Yang/P left/V ~./. || They/R traded/V for/I Jerry/P Sands/V ~./. "
            "|| He/R moved/V to/I Southern/A California/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Southern California", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Tsar Peter the Great", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ck_assert_ptr_null(find(&f, &e, "Great", 0));
    ASSERT_MENTION(&f, &e, "Tanya Chan of the Civic Party", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Sweden", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Vvedenskoye Quarter", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Harvard University", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ck_assert_ptr_null(find_nested(&f, &e, "Harvard"));
    ASSERT_MENTION(&f, &e, "Yang", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Jerry Sands", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_token_mention_and_order)
{
    fake f;
    kg_entities e;
    run(&f, "In/I 2020/U ~,/. Tim/P Cook/P of/I Apple/P Inc./P visited/V Berlin/P ~./. || "
            "The/D Internet/P changed/V everything/R ~./.", &e);
    for (size_t i = 1; i < e.n_mentions; i++) ck_assert_uint_ge(e.mentions[i].start, e.mentions[i - 1].end);
    for (size_t t = 0; t < f.a.n_tokens; t++) {
        size_t m = e.token_mention[t];
        if (m == KG_NO_MENTION) continue;
        ck_assert_uint_lt(m, e.n_mentions);
        ck_assert_uint_ge(t, e.mentions[m].first_token);
        ck_assert_uint_lt(t, e.mentions[m].first_token + e.mentions[m].n_tokens);
    }
    ck_assert_ptr_null(find(&f, &e, "The", 0));
    ck_assert_ptr_null(find(&f, &e, "In", 0));
    ASSERT_MENTION(&f, &e, "Berlin", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "2020", 0, KG_LABEL_DATE, KG_MENTION_VALUE);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_short_form_first_and_product)
{
    fake f;
    kg_entities e;
    run(&f, "Azure/P grew/V fast/B ~./. || Microsoft/P Azure/P now/B hosts/V ChatGPT/P ~./. || "
            "Azure/P is/X big/A ~./.", &e);
    const kg_mention *a = find(&f, &e, "Azure", 0), *b = find(&f, &e, "Microsoft Azure", 0),
                     *c = find(&f, &e, "Azure", 1);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_uint_eq(c->entity, b->entity);
    ck_assert_str_eq(entity_name(&e, a), "Microsoft Azure");
    ck_assert_int_eq(b->label, KG_LABEL_PRODUCT);
    ck_assert_int_eq(a->label, KG_LABEL_PRODUCT);
    kg_entities_free(&e);
}
END_TEST

/* A longer place whose last word is another place the lexicon knows names a
 * different one: "Mexico" is not "New Mexico", in either order; a person's
 * surname still is the person ("Valeska Paris" ... "Paris"). */
START_TEST(test_place_tail_not_short_form)
{
    fake f;
    kg_entities e;
    run(&f, "In/I 2010/U ,/. New/P Mexico/P passed/V a/D law/N ~./. || Mexico/P objected/V ~./. || "
            "In/I 2012/U ,/. South/P Africa/P won/V ~./. || Africa/P cheered/V ~./. || "
            "Valeska/P Paris/P spoke/V ~./. || Paris/P said/V no/D ~./.", &e);
    const kg_mention *a = find(&f, &e, "New Mexico", 0), *b = find(&f, &e, "Mexico", 0),
                     *c = find(&f, &e, "Valeska Paris", 0), *d = find(&f, &e, "Paris", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_uint_ne(a->entity, b->entity);
    ck_assert_str_eq(entity_name(&e, b), "Mexico");
    ck_assert_uint_eq(c->entity, d->entity);
    a = find(&f, &e, "South Africa", 0);
    b = find(&f, &e, "Africa", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_ne(a->entity, b->entity);
    kg_entities_free(&e);
    run(&f, "Mexico/P objected/V ~./. || In/I 2010/U ,/. New/P Mexico/P passed/V a/D law/N ~./.", &e);
    a = find(&f, &e, "Mexico", 0);
    b = find(&f, &e, "New Mexico", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_ne(a->entity, b->entity);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_headline_and_groups)
{
    fake f;
    kg_entities e;
    /* a Title Case heading: only known names are names */
    run(&f, "Why/B the/D Timing/P Matters/P for/I Microsoft/P || Strategic/A Independence/P Comes/V First/B || "
            "Many/A Muslims/P travel/V to/I Mecca/P every/D year/N ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Timing Matters", 0));
    ck_assert_ptr_null(find(&f, &e, "Timing", 0));
    ck_assert_ptr_null(find(&f, &e, "Strategic Independence", 0));
    ASSERT_MENTION(&f, &e, "Microsoft", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Muslims", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a list shares the type of its known member */
    run(&f, "He/R studied/V at/I Quorvath/P ~,/. Zelmonde/P ~,/. and/C Paris/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Quorvath", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Zelmonde", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_empty)
{
    kg_analysis a;
    memset(&a, 0, sizeof a);
    a.text = "";
    kg_entities e;
    kg_error err;
    kg_error_clear(&err);
    ck_assert_int_eq(kg_ner_run(ner, &a, &e, &err), KG_OK);
    ck_assert_uint_eq(e.n_mentions, 0);
    ck_assert_uint_eq(e.n_entities, 0);
    kg_entities_free(&e);
    kg_entities_free(&e); /* idempotent */
    kg_entities_free(NULL);
    kg_ner_free(NULL);
}
END_TEST

START_TEST(test_bad_lexicon)
{
    char dir[] = "/tmp/kg_ner_testXXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char sub[256], path[300];
    snprintf(sub, sizeof sub, "%s/lexicon", dir);
    ck_assert_int_eq(mkdir(sub, 0700), 0);
    snprintf(path, sizeof path, "%s/words.tsv", sub);
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("# ok\nAcme\torg\nBogus\tnot_a_category\n", fp);
    fclose(fp);
    kg_ner *n2 = NULL;
    kg_error err;
    kg_error_clear(&err);
    ck_assert_int_eq(kg_ner_load(dir, &n2, &err), KG_EINPUT);
    ck_assert_ptr_null(n2);
    ck_assert_msg(strstr(err.msg, "words.tsv:3:") != NULL, "message: %s", err.msg);
    ck_assert_msg(strstr(err.msg, "not_a_category") != NULL, "message: %s", err.msg);
    /* a line without a tab */
    fp = fopen(path, "w");
    fputs("Acme org\n", fp);
    fclose(fp);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_ner_load(dir, &n2, &err), KG_EINPUT);
    ck_assert_msg(strstr(err.msg, "words.tsv:1:") != NULL, "message: %s", err.msg);
    /* a missing directory is not an error: built-in words remain */
    unlink(path);
    rmdir(sub);
    kg_error_clear(&err);
    ck_assert_int_eq(kg_ner_load(dir, &n2, &err), KG_OK);
    ck_assert(kg_lex_lookup(n2, "March", 5) & KG_LEX_MONTH);
    kg_ner_free(n2);
    rmdir(dir);
}
END_TEST

/* ---- gum-wiki regression floor ---- */

static int read_all(const char *path, kg_buf *b)
{
    kg_error err;
    kg_error_clear(&err);
    return kg_read_file(path, 64u << 20, b, &err);
}

typedef struct span { size_t s, e; int label; } span;

/* scorer's trim: leading "the "/"The ", trailing "'s" / "’s" (byte offsets) */
static void trim(const char *t, size_t *s, size_t *e)
{
    if (*e - *s >= 4 && (!memcmp(t + *s, "the ", 4) || !memcmp(t + *s, "The ", 4))) *s += 4;
    if (*e - *s >= 2 && !memcmp(t + *e - 2, "'s", 2)) *e -= 2;
    else if (*e - *s >= 4 && !memcmp(t + *e - 4, "\xE2\x80\x99s", 4)) *e -= 4;
}

START_TEST(test_dictionary_words)
{
    /* the dictionary bits come only through kg_lex_dict */
    ck_assert(kg_lex_dict(ner, "Image", 5) & KG_LEX_COMMON);
    ck_assert(!(kg_lex_dict(ner, "Image", 5) & KG_LEX_PROPER));
    ck_assert(!(kg_lex_lookup(ner, "image", 5) & KG_LEX_COMMON));
    ck_assert(kg_lex_dict(ner, "Altoona", 7) & KG_LEX_PROPER);
    ck_assert_uint_eq(kg_lex_dict(ner, "Xyzzyq", 6), 0);
    fake f;
    kg_entities e;
    /* "Image" (a photo caption) is no name; "Marbles" is, as the surname of "Julia Marbles" */
    run(&f, "Image/P ~:/. Nick/P Moreau/P ~./. || Julia/P Marbles/P posted/V a/D video/N ~./. || "
            "Marbles/P was/X born/V in/I Rochester/P ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Image", 0));
    ASSERT_MENTION(&f, &e, "Nick Moreau", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    const kg_mention *a = find(&f, &e, "Julia Marbles", 0), *b = find(&f, &e, "Marbles", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(a->entity, b->entity);
    ck_assert_int_eq(b->label, KG_LABEL_PERSON);
    kg_entities_free(&e);
    /* a name the tagger took for a verb; a capitalised noun after "the" is a name, not "the
     * court" the description; "the North" is a region */
    run(&f, "Twitter/P gave/V Mohamed/V the/D option/N ~./. || The/D case/N that/R the/D Court/N "
            "ruled/V on/I was/X old/A ~./. || Shells/N fell/V in/I the/D North/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Mohamed", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Court", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "North", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_acronym_expansion_and_versions)
{
    fake f;
    kg_entities e;
    run(&f, "Ants/N ingest/V Reactive/A Oxygen/N Species/N (/. ~ROS/P ~)/. ~./. || "
            "The/D source/N text/N (/. ~ST/P ~)/. is/X read/V ~./. || "
            "Users/N left/V IE6/P for/I Firefox/P ~./.", &e);
    const kg_mention *ros = find(&f, &e, "ROS", 0), *st = find(&f, &e, "ST", 0), *ie = find(&f, &e, "IE6", 0);
    ck_assert_ptr_nonnull(ros);
    ck_assert_ptr_nonnull(st);
    ck_assert_ptr_nonnull(ie);
    ck_assert_int_eq(ros->label, KG_LABEL_OTHER); /* not an organisation */
    ck_assert_int_eq(st->label, KG_LABEL_OTHER);
    ck_assert_int_eq(ie->label, KG_LABEL_PRODUCT);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_person_of_org)
{
    fake f;
    kg_entities e;
    /* the mention keeps its span, the entity is the person; the organisation is nested */
    run(&f, "Troy/P Patterson/P of/I Slate/P Magazine/P tasted/V it/R ~./. || "
            "Patterson/P said/V it/R was/X sweet/A ~./.", &e);
    const kg_mention *a = find(&f, &e, "Troy Patterson of Slate Magazine", 0);
    const kg_mention *b = find(&f, &e, "Patterson", 0);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(a->label, KG_LABEL_PERSON);
    ck_assert_str_eq(entity_name(&e, a), "Troy Patterson");
    ck_assert_uint_eq(a->entity, b->entity);
    const kg_mention *o = find_nested(&f, &e, "Slate Magazine");
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(o->label, KG_LABEL_ORG);
    ck_assert_uint_ne(o->entity, a->entity);
    /* a suffix after a comma belongs to the name */
    kg_entities_free(&e);
    run(&f, "Martin/P Smith/P ~,/. Jr./P played/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Martin Smith, Jr.", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_works_teams_and_surnames)
{
    fake f;
    kg_entities e;
    run(&f, "He/R starred/V in/I the/D film/N Chasing/P Liberty/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Chasing Liberty", 0, KG_LABEL_OTHER, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* in a match report countries are teams, but "in Russia" is still the place */
    run(&f, "Sweden/P beat/V Korea/P 1/U –/. 0/U in/I Russia/P ~./. || "
            "Belgium/P faced/V Panama/P and/C won/V 3/U -/. 0/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "Sweden", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Panama", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Russia", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* without scores a country stays a place */
    run(&f, "She/R moved/V from/I Sweden/P to/I Panama/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Sweden", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a city's name that is the surname of a person named first is that person, every time */
    run(&f, "Valeska/P Paris/P ~,/. an/D Australian/A woman/N ~,/. spoke/V ~./. || "
            "Paris/P was/X born/V in/I Switzerland/P ~./. || Paris/P left/V the/D ship/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Valeska Paris", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Paris", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Paris", 1, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Switzerland", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a town, its region and its country: one mention of the town, the others nested */
    run(&f, "She/R was/X born/V in/I Oldham/P ~,/. Lancashire/P ~,/. England/P ~./. || "
            "Zahā/P Ḥadīd/P was/X born/V in/I Baghdad/P ~./.", &e);
    const kg_mention *o = find(&f, &e, "Oldham, Lancashire, England", 0);
    ck_assert_ptr_nonnull(o);
    ck_assert_int_eq(o->label, KG_LABEL_PLACE);
    ck_assert_str_eq(entity_name(&e, o), "Oldham");
    const kg_mention *en = find_nested(&f, &e, "England");
    ck_assert_ptr_nonnull(en);
    ck_assert_int_eq(en->label, KG_LABEL_PLACE);
    ck_assert_str_eq(entity_name(&e, en), "England");
    ASSERT_MENTION(&f, &e, "Zahā Ḥadīd", 0, KG_LABEL_PERSON, KG_MENTION_NAME); /* U+1E24 is a capital */
    kg_entities_free(&e);
    /* initials make a person; an unknown word after "at" is a place */
    run(&f, "A/D history/N by/I W./P W./P Rouse/P Ball/P appeared/V at/I Qwertzville/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "W. W. Rouse Ball", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Qwertzville", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_gum_floor)
{
    const char *top = getenv("KG_TOP");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/data", top && *top ? top : ".");
    static const char *const docs[] = {
        "GUM_bio_byron", "GUM_bio_fillmore", "GUM_bio_galois", "GUM_interview_brotherhood",
        "GUM_news_afghan", "GUM_bio_emperor", "GUM_interview_chomsky", "GUM_bio_enfant",
        "GUM_bio_bernoulli", "GUM_bio_chao", "GUM_bio_goode", "GUM_bio_gordon", NULL};
    kg_tagger *tagger = NULL;
    kg_error err;
    kg_error_clear(&err);
    if (kg_tagger_load(NULL, &tagger, &err)) tagger = NULL; /* fallback tags */
    size_t n_gold = 0, n_pred = 0, tp_span = 0, tp_typed = 0;
    for (size_t d = 0; docs[d]; d++) {
        char path[1200];
        kg_buf text = {0}, gold = {0};
        snprintf(path, sizeof path, "%s/gum-wiki/%s.txt", dir, docs[d]);
        ck_assert_msg(read_all(path, &text) == KG_OK, "cannot read %s", path);
        snprintf(path, sizeof path, "%s/gum-wiki-entities/%s.tsv", dir, docs[d]);
        ck_assert_msg(read_all(path, &gold) == KG_OK, "cannot read %s", path);
        /* code point -> byte offsets */
        size_t *cp2b = malloc((text.len + 2) * sizeof *cp2b), ncp = 0;
        for (size_t b = 0; b < text.len;) {
            uint32_t cp;
            cp2b[ncp++] = b;
            b += (size_t)kg_utf8_decode(text.data + b, text.len - b, &cp);
        }
        cp2b[ncp] = text.len;
        span *g = NULL;
        size_t ng = 0;
        char *save = NULL, *line = strtok_r(gold.data, "\n", &save);
        for (line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
            unsigned long s, e;
            char type[64];
            if (sscanf(line, "%lu\t%lu\t%*[^\t]\t%63[^\t]", &s, &e, type) != 3) continue;
            int l = !strcmp(type, "person") ? KG_LABEL_PERSON : !strcmp(type, "organization") ? KG_LABEL_ORG
                  : !strcmp(type, "place") ? KG_LABEL_PLACE : 0;
            if (!l || !strstr(line, "\tPROPN") || e > ncp) continue;
            g = realloc(g, (ng + 1) * sizeof *g);
            g[ng] = (span){cp2b[s], cp2b[e], l};
            trim(text.data, &g[ng].s, &g[ng].e);
            ng++;
        }
        kg_analysis a;
        memset(&a, 0, sizeof a);
        kg_entities e;
        ck_assert_int_eq(kg_analysis_run(tagger, text.data, text.len, &a, &err), KG_OK);
        ck_assert_int_eq(kg_ner_run(ner, &a, &e, &err), KG_OK);
        const kg_mention **v;
        size_t nv;
        ck_assert_int_eq(kg_entities_printable(&e, &v, &nv), KG_OK);
        /* predicted set (dedup on span+label, as the scorer's set does) */
        span *p = malloc((nv + 1) * sizeof *p);
        size_t np = 0;
        for (size_t i = 0; i < nv; i++) {
            int l = v[i]->label;
            if (l != KG_LABEL_PERSON && l != KG_LABEL_ORG && l != KG_LABEL_PLACE) continue;
            span x = {v[i]->start, v[i]->end, l};
            trim(text.data, &x.s, &x.e);
            int dup = 0;
            for (size_t k = 0; k < np; k++) dup |= p[k].s == x.s && p[k].e == x.e && p[k].label == x.label;
            if (!dup) p[np++] = x;
        }
        /* gold set dedup */
        size_t ng2 = 0;
        for (size_t i = 0; i < ng; i++) {
            int dup = 0;
            for (size_t k = 0; k < ng2; k++) dup |= g[k].s == g[i].s && g[k].e == g[i].e && g[k].label == g[i].label;
            if (!dup) g[ng2++] = g[i];
        }
        for (size_t i = 0; i < ng2; i++) {
            int span_hit = 0, typed_hit = 0;
            for (size_t k = 0; k < np; k++)
                if (p[k].s == g[i].s && p[k].e == g[i].e) {
                    span_hit = 1;
                    typed_hit |= p[k].label == g[i].label;
                }
            tp_span += (size_t)span_hit;
            tp_typed += (size_t)typed_hit;
        }
        n_gold += ng2;
        n_pred += np;
        free(v);
        free(p);
        free(g);
        free(cp2b);
        kg_entities_free(&e);
        kg_analysis_free(&a);
        kg_buf_free(&text);
        kg_buf_free(&gold);
    }
    kg_tagger_free(tagger);
    double ps = (double)tp_span / (double)n_pred, rs = (double)tp_span / (double)n_gold;
    double pt = (double)tp_typed / (double)n_pred, rt = (double)tp_typed / (double)n_gold;
    double f_span = 2 * ps * rs / (ps + rs), f_typed = 2 * pt * rt / (pt + rt);
    fprintf(stderr, "gum-wiki (12 docs, %s tags): gold %zu predicted %zu span F1 %.3f typed F1 %.3f\n",
            tagger ? "model" : "fallback", n_gold, n_pred, f_span, f_typed);
    /* regression floors, set below the figures measured when they were written */
    ck_assert_msg(f_span >= 0.800, "span F1 %.3f below the floor 0.800", f_span);
    ck_assert_msg(f_typed >= 0.750, "typed F1 %.3f below the floor 0.750", f_typed);
}
END_TEST

START_TEST(test_org_connectors_and_places)
{
    fake f;
    kg_entities e;
    /* one subject word after "and" inside an organisation's "of" part */
    run(&f, "She/R studied/V at/I the/D Royal/P Academy/P of/I Music/P and/I Drama/P in/I Leeds/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Royal Academy of Music and Drama", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ck_assert_ptr_null(find(&f, &e, "Drama", 0));
    kg_entities_free(&e);
    /* but not a second organisation or a place after "and" */
    run(&f, "He/R taught/V at/I the/D University/P of/I Chicago/P and/I Harvard/P University/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "University of Chicago", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Harvard University", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* "Center for ...": an organisation's kind before "for" */
    run(&f, "He/R joined/V the/D Center/P for/I Marine/P Biology/P in/I 1990/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "Center for Marine Biology", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a campus after "at" */
    run(&f, "She/R taught/V at/I the/D University/P of/I Texas/P at/I Austin/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "University of Texas at Austin", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* "Washington, D.C." is one place */
    run(&f, "He/R moved/V to/I Washington/P ~,/. D.C./P in/I 1990/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "Washington, D.C.", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ck_assert_ptr_null(find(&f, &e, "D.C.", 0));
    kg_entities_free(&e);
    /* a kind of place before "of" */
    run(&f, "The/D ship/N rounded/V the/D Cape/P of/I Good/P Hope/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Cape of Good Hope", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a chair is a role, not a person or an organisation */
    run(&f, "He/R became/V Smith/P Professor/P of/I Modern/P Languages/P at/I Yale/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Smith Professor of Modern Languages", 0, KG_LABEL_OTHER, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* spaced initials without a surname: a place after a preposition, never a person */
    run(&f, "He/R lived/V in/I the/D U./P S./P for/I years/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "U. S.", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_context_places_and_speakers)
{
    fake f;
    kg_entities e;
    /* "the town of X", "a resident of X": a place */
    run(&f, "Troops/N evacuated/V the/D town/N of/I Zorvick/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zorvick", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "She/R is/X a/D resident/N of/I Quenby/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Quenby", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* the speaker after a verb of saying */
    run(&f, "Prices/N will/X rise/V ~,/. said/V Brauner/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Brauner", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a motion verb a few words before "to" */
    run(&f, "The/D family/N moved/V south/B to/I Vallorcq/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Vallorcq", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* the plural of a known nationality is people */
    run(&f, "Many/A Afghans/P left/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Afghans", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* two capitalised words ending in a plural common word are a body, not a person */
    run(&f, "She/R left/V Zandor/P Sports/P in/I 2011/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zandor Sports", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a kind of organisation right before the name outweighs a verb of saying after it */
    run(&f, "The/D chipmaker/N Zorvex/P said/V it/R would/X cut/V jobs/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zorvex", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "Analysts/N at/I the/D bank/N Quorbit/P expect/V growth/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Quorbit", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "The/D British/A startup/N Kelvora/P was/X founded/V in/I 2016/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "Kelvora", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* an acronym counted by a number is a statistic; after a year it can be a name */
    run(&f, "He/R hit/V ~,/. with/I 11/U RBI/P ~./.", &e);
    const kg_mention *m = find(&f, &e, "RBI", 0);
    ck_assert(m == NULL || m->label == KG_LABEL_OTHER);
    kg_entities_free(&e);
    /* a common word that is also a town, after a citation mark, is no name */
    run(&f, "He/R won/V ~./. [/. 22/U ~]/. Most/A recently/B he/R left/V ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Most", 0));
    kg_entities_free(&e);
    /* a saint's name that is a known place; a saint who is none stays a person */
    run(&f, "He/R lived/V in/I St/P Petersburg/P and/C met/V St./P John/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "St Petersburg", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "St. John", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_round3_spans)
{
    fake f;
    kg_entities e;
    /* a country read as its state keeps its whole name: no nested "North" */
    run(&f, "North/P Korea/P fired/V shells/N into/I the/D South/P ~./. || "
            "The/D North/P and/C the/D South/P talked/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "North Korea", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ck_assert_ptr_null(find_nested(&f, &e, "North"));
    kg_entities_free(&e);
    /* a person's given name inside the person's name is no second person */
    run(&f, "Jenna/P Marbles/P said/V she/R would/X stay/V ~./. || Jenna/P laughed/V ~./. || "
            "Later/B Jenna/P Marbles/P left/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Jenna Marbles", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    ck_assert_ptr_null(find_nested(&f, &e, "Jenna"));
    kg_entities_free(&e);
    /* a brand written lower case first is a product or site, not a company */
    run(&f, "He/R founded/V wikiHow/P in/I 2005/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "wikiHow", 0, KG_LABEL_PRODUCT, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a country's letters before "$" name the currency */
    run(&f, "Damages/N reached/V US/P ~$/S 10/U billion/U and/C NZ/P $/S 26/U million/U ~./.", &e);
    ASSERT_MENTION(&f, &e, "US$ 10 billion", 0, KG_LABEL_MONEY, KG_MENTION_VALUE);
    ASSERT_MENTION(&f, &e, "NZ $ 26 million", 0, KG_LABEL_MONEY, KG_MENTION_VALUE);
    ck_assert_ptr_null(find(&f, &e, "US", 0));
    kg_entities_free(&e);
    /* a list of places is no place and where it lies; a city and its country is one */
    run(&f, "Missiles/N in/I Eastern/P Europe/P ~,/. Poland/P and/C Czechoslovakia/P worried/V him/R ~./.", &e);
    ASSERT_MENTION(&f, &e, "Eastern Europe", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Poland", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    ck_assert_ptr_null(find(&f, &e, "Eastern Europe, Poland", 0));
    kg_entities_free(&e);
    run(&f, "He/R lived/V in/I Madrid/P ~,/. Spain/P and/C Brussels/P ~,/. Belgium/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Madrid, Spain", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a lone unknown name that owns something is someone's name */
    run(&f, "Critics/N disliked/V Zorblatt/P ~'s/T latest/A book/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zorblatt", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* an unknown word opening a sentence right before a past-tense verb is a name */
    run(&f, "October/P is/X busy/A ~./. || Quorvane/N spoke/W with/I the/D club/N ~./.", &e);
    const kg_mention *m = find(&f, &e, "Quorvane", 0);
    ck_assert_ptr_nonnull(m);
    ck_assert(m->label == KG_LABEL_PERSON || m->label == KG_LABEL_ORG);
    kg_entities_free(&e);
    run(&f, "October/P is/X busy/A ~./. || Nonetheless/B spoke/W he/R ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Nonetheless", 0));
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_round3_words)
{
    fake f;
    kg_entities e;
    /* a caption's credit: one unknown word is its author's user name; a caption line is no
     * Title Case headline */
    run(&f, "The/D show/N ran/V ~./. || Image/N ~:/. Snorvelk/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Snorvelk", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "The/D show/N ran/V ~./. || Image/N ~:/. David/P Brunkettle/P", &e);
    ASSERT_MENTION(&f, &e, "David Brunkettle", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a capitalised common word before "of" heads a title, no name */
    run(&f, "He/R was/X chased/V by/I the/D Ghost/N of/I Failure/N ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Ghost", 0));
    kg_entities_free(&e);
    /* a capitalised common word modifying a lower-case noun is no name; a team's is */
    run(&f, "Iodine/N is/X rare/A ~./. || WHO/P say/V Iodine/N deficiency/N is/X common/A ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Iodine", 1));
    kg_entities_free(&e);
    /* "Stardust @ home": one project, no organisation */
    run(&f, "He/R directs/V Stardust/P @/S home/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Stardust @ home", 0, KG_LABEL_PRODUCT, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* scriptures are books */
    run(&f, "He/R translated/V the/D Bible/P and/C the/D Gospel/P of/I Matthew/P ~./.", &e);
    const kg_mention *m = find(&f, &e, "Bible", 0);
    ck_assert(m == NULL || m->label == KG_LABEL_OTHER);
    m = find(&f, &e, "Gospel of Matthew", 0);
    ck_assert(m == NULL || m->label == KG_LABEL_OTHER);
    kg_entities_free(&e);
    /* the ordinal belongs to a peer's title */
    run(&f, "He/R met/V John/P FitzGibbon/P ~,/. 2nd/A Earl/P of/I Clare/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "2nd Earl of Clare", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_round3_context)
{
    fake f;
    kg_entities e;
    /* the plural of a brand named on its own elsewhere is things */
    run(&f, "He/R liked/V the/D Zentrox/P camera/N ~./. || The/D show/N includes/V Zentroxes/P of/I "
            "actors/N ~./.", &e);
    const kg_mention *m = find(&f, &e, "Zentroxes", 0);
    ck_assert(m == NULL || m->label == KG_LABEL_OTHER);
    kg_entities_free(&e);
    /* an English word in capitals is shouting */
    run(&f, "It/R sits/V on/I a/D HUGE/A collector/N ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "HUGE", 0));
    kg_entities_free(&e);
    /* a barrister's "QC" is no organisation of its own */
    run(&f, "Mark/P Tedeschi/P ~,/. QC/P ~,/. said/V so/B ~./.", &e);
    ck_assert_ptr_null(find_nested(&f, &e, "QC"));
    kg_entities_free(&e);
    /* "The South retaliated": the region named with its article at a sentence start */
    run(&f, "The/D South/P retaliated/V ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "South", 0));
    kg_entities_free(&e);
    /* "King's College": a common word's possessive before the kind of a body */
    run(&f, "He/R was/X a/D fellow/N at/I King/P ~'s/T College/P ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "King's College", 0));
    kg_entities_free(&e);
    /* a country that acts after a comma is no location of what precedes it; a body is not
     * located by a country */
    run(&f, "On/I day/N five/U of/I the/D World/P Cup/P ~,/. Sweden/P defeated/W Korea/P ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "World Cup, Sweden", 0));
    kg_entities_free(&e);
    run(&f, "She/R told/V the/D Zorvex/P Post/P ~,/. US/P ozone/N has/X dropped/V ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Zorvex Post, US", 0));
    kg_entities_free(&e);
    /* "Hey Frank": a greeting is no part of the name */
    run(&f, "I/R say/V ~,/. Hey/P Frank/P ~,/. my/D name/N is/X John/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Frank", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_round3_nesting)
{
    fake f;
    kg_entities e;
    /* a known organisation opening a product's or an event's name is nested */
    run(&f, "Users/N moved/V to/I Google/P Chrome/P last/A year/N ~./.", &e);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "Google"));
    ck_assert_int_eq(find_nested(&f, &e, "Google")->label, KG_LABEL_ORG);
    kg_entities_free(&e);
    /* an award named after a person */
    run(&f, "She/R received/V the/D Zorbel/P Architecture/P Prize/P in/I 2004/U ~./.", &e);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "Zorbel"));
    kg_entities_free(&e);
    /* "Scientology-related": the name cut out of the compound, typed like its other mentions */
    run(&f, "Members/N of/I the/D Church/P of/I Scientology/P protested/V ~./. || "
            "He/R left/V Scientology/P ~./. || He/R left/V Scientology-related/A employment/N ~./.", &e);
    const kg_mention *m = NULL;
    for (size_t i = 0; i < e.n_mentions; i++)
        if (e.mentions[i].end - e.mentions[i].start == 11 && e.mentions[i].start > 60 &&
            !memcmp(f.text + e.mentions[i].start, "Scientology", 11))
            m = &e.mentions[i];
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(f.text[m->end], '-');
    ck_assert_int_eq(m->label, find(&f, &e, "Scientology", 0)->label);
    kg_entities_free(&e);
    /* a first name the dictionary knows, then a surname that is also a town */
    run(&f, "Guests/N included/V Shane/P Dawson/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Shane Dawson", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a capitalised function word after a given name is a surname inside running text */
    run(&f, "He/R was/X defeated/V by/I James/P To/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "James To", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a given name that is also a modal, before a surname inside a sentence */
    run(&f, "After/I an/D injury/N to/I Will/X Middlebrooks/V he/R played/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Will Middlebrooks", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a doctrine after "of" is the body's subject, no nested name */
    run(&f, "Hackers/N attacked/V the/D Church/P of/I Scientology/P ~'s/T website/N ~./. || "
            "He/R left/V Scientology/P ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "Church of Scientology", 0));
    ck_assert_ptr_null(find_nested(&f, &e, "Scientology"));
    kg_entities_free(&e);
    /* a nickname in quotes between a person's names */
    run(&f, "Their/D son/N ~,/. Austin/P Shepherd/P \"/. ~Shep/P ~\"/. Padalecki/P ~,/. was/X born/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Austin Shepherd \"Shep\" Padalecki", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a body named after a saint's town holds the town */
    run(&f, "They/R beat/V the/D St./P Louis/P Cardinals/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "St. Louis Cardinals", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "St. Louis"));
    kg_entities_free(&e);
    /* an award named after a name is no person's when a name sits between ("Primetime Emmy") */
    run(&f, "He/R won/V a/D Primetime/P Emmy/P Award/P ~./.", &e);
    ck_assert_ptr_null(find_nested(&f, &e, "Primetime"));
    kg_entities_free(&e);
    /* a nationality modifying a noun is no group of people */
    run(&f, "He/R was/X a/D Swiss/A mathematician/N ~./.", &e);
    m = find(&f, &e, "Swiss", 0);
    ck_assert(m == NULL || m->label != KG_LABEL_PERSON);
    kg_entities_free(&e);
}
END_TEST

START_TEST(test_round3_places_and_bodies)
{
    fake f;
    kg_entities e;
    const kg_mention *m;
    /* "Washington State" in "Washington State University"; not "US State" in "US State Department" */
    run(&f, "He/R teaches/V at/I Washington/P State/P University/P ~./.", &e);
    ck_assert_ptr_nonnull(find_nested(&f, &e, "Washington State"));
    ck_assert_ptr_null(find_nested(&f, &e, "Washington"));
    kg_entities_free(&e);
    run(&f, "The/D US/P State/P Department/P said/V so/B ~./.", &e);
    ck_assert_ptr_null(find_nested(&f, &e, "US State"));
    kg_entities_free(&e);
    /* "the Municipality of Livorno": one place */
    run(&f, "The/D request/N of/I the/D Municipality/N of/I Livorno/P was/X denied/V ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "Municipality of Livorno", 0));
    kg_entities_free(&e);
    /* "LA Weekly" (Weekly read as an adverb): the kind of a body after a name */
    run(&f, "Whitmore/P told/V LA/P Weekly/B that/S he/R left/V ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "LA Weekly", 0));
    kg_entities_free(&e);
    /* "from Irving, Texas": a lone given name before a state is a town; not inside a list */
    run(&f, "A/D boy/N from/I Irving/P ~,/. Texas/P ~,/. was/X arrested/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Irving, Texas", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a Title Case line: a word English writes only as a name starts one */
    run(&f, "Brock/P Holt/P || Holt/P played/V for/I Boston/P ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "Brock Holt", 0));
    kg_entities_free(&e);
    /* a Title Case line: a proper noun the dictionary does not know at all */
    run(&f, "Zorblatnews/P interviews/N President/P of/I the/D Club/P || It/R was/X fun/N ~./.", &e);
    ck_assert_ptr_nonnull(find(&f, &e, "Zorblatnews", 0));
    kg_entities_free(&e);
    /* a numbered unit */
    run(&f, "The/D garrison/N of/I 501st/A Legion/P returned/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "501st Legion", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a people's plural opening a sentence */
    run(&f, "Muslims/N are/X required/V to/T pray/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "Muslims", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* after a word English writes only as a name, a plural common word is a surname */
    run(&f, "He/R covers/V the/D Britney/P Spears/P story/N ~./. || We/R mock/V Britney/P a/D lot/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Britney Spears", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a doctrine standing alone names the document's "Church of" it */
    run(&f, "The/D Church/P of/I Scientology/P denied/V it/R ~./. || She/R spoke/V against/I Scientology/P "
            "on/I television/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Scientology", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* capitalised common words after "in the" name a place; after "in The" a title */
    run(&f, "He/R was/X buried/V in/I the/D Foreign/A Quarter/N ~./.", &e);
    ASSERT_MENTION(&f, &e, "Foreign Quarter", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    run(&f, "She/R starred/V in/I The/D Dazzling/A Hour/N ~./.", &e);
    m = find(&f, &e, "Dazzling Hour", 0);
    ck_assert(m == NULL || m->label == KG_LABEL_OTHER);
    kg_entities_free(&e);
    /* a list of cities is no city and where it lies */
    run(&f, "Flights/N to/I Paris/P ~,/. Berlin/P and/C Tokyo/P resume/V ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Paris, Berlin", 0));
    ASSERT_MENTION(&f, &e, "Berlin", 0, KG_LABEL_PLACE, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a model named by a number and a word is a product, not a person */
    run(&f, "Boeing/P said/V its/R 737/U Max/A jets/N will/X fly/V ~./.", &e);
    ASSERT_MENTION(&f, &e, "737 Max", 0, KG_LABEL_PRODUCT, KG_MENTION_NAME);
    ck_assert_ptr_null(find(&f, &e, "Max", 0));
    kg_entities_free(&e);
    /* a sentence-initial word English writes only in lower case starts no name, even tagged PROPN */
    run(&f, "It/R was/X solved/V ~./. || Together/P Bernoulli/P and/C Euler/P tried/V ~./.", &e);
    ck_assert_ptr_null(find(&f, &e, "Together Bernoulli", 0));
    ck_assert_ptr_nonnull(find(&f, &e, "Bernoulli", 0));
    kg_entities_free(&e);
    /* the object of buying or a stake is a company */
    run(&f, "Apple/P said/V it/R would/X buy/V Zorvex/P ~./. || It/R took/V a/D stake/N in/I Quorbit/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zorvex", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Quorbit", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* "met with X": a person; "opened the season with X": a body */
    run(&f, "Biden/P met/V with/I Pelrovi/P on/I Tuesday/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Pelrovi", 0, KG_LABEL_PERSON, KG_MENTION_NAME);
    kg_entities_free(&e);
    /* a lone unknown name after "with" or "according to" */
    run(&f, "He/R discussed/V his/D work/N with/I Zorblog/P ~./. || It/R ranks/V high/A according/V to/I "
            "Quantrix/P ~./.", &e);
    ASSERT_MENTION(&f, &e, "Zorblog", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    ASSERT_MENTION(&f, &e, "Quantrix", 0, KG_LABEL_ORG, KG_MENTION_NAME);
    kg_entities_free(&e);
}
END_TEST

static Suite *ner_suite(void)
{
    Suite *s = suite_create("ner");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_labels);
    tcase_add_test(tc, test_lexicon_lookup);
    tcase_add_test(tc, test_person_title_and_say);
    tcase_add_test(tc, test_person_multiword_title);
    tcase_add_test(tc, test_span_quote_and_org_and);
    tcase_add_test(tc, test_org_first_word_short_form);
    tcase_add_test(tc, test_org_business_cues);
    tcase_add_test(tc, test_nominal_prefers_subject_org);
    tcase_add_test(tc, test_org_title_word_and_apposition);
    tcase_add_test(tc, test_sports_opponents);
    tcase_add_test(tc, test_capital_the_publication);
    tcase_add_test(tc, test_org_suffix_and_short_form);
    tcase_add_test(tc, test_acronym);
    tcase_add_test(tc, test_possessive);
    tcase_add_test(tc, test_values);
    tcase_add_test(tc, test_pronouns_and_nominals);
    tcase_add_test(tc, test_nested_and_places);
    tcase_add_test(tc, test_token_mention_and_order);
    tcase_add_test(tc, test_epithets_parties_and_agents);
    tcase_add_test(tc, test_short_form_first_and_product);
    tcase_add_test(tc, test_headline_and_groups);
    tcase_add_test(tc, test_empty);
    tcase_add_test(tc, test_bad_lexicon);
    tcase_add_test(tc, test_dictionary_words);
    tcase_add_test(tc, test_acronym_expansion_and_versions);
    tcase_add_test(tc, test_person_of_org);
    tcase_add_test(tc, test_works_teams_and_surnames);
    tcase_add_test(tc, test_org_connectors_and_places);
    tcase_add_test(tc, test_context_places_and_speakers);
    tcase_add_test(tc, test_capitals_dateline);
    tcase_add_test(tc, test_round3_spans);
    tcase_add_test(tc, test_round3_words);
    tcase_add_test(tc, test_round3_context);
    tcase_add_test(tc, test_round3_nesting);
    tcase_add_test(tc, test_round3_places_and_bodies);
    tcase_add_test(tc, test_place_tail_not_short_form);
    tcase_add_test(tc, test_gum_floor);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ner_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
