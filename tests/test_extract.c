/*
 * test_extract.c -- sentence -> expected extractions, on hand-tagged input
 * (so the cases test the relation patterns, not the tagger): each case is
 * "word/XPOS[/lemma] ..." turned into CoNLL-U, read with kg_conllu_read and
 * run through kg_extract_analysis (no NER: noun phrases are the arguments).
 */
#include <check.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kg_extract.h"
#include "ner_int.h"

static kg_extractor *x;

static void setup(void)
{
    kg_error err = {0};
    ck_assert_int_eq(kg_extractor_open_bare(NULL, &x, &err), KG_OK);
}

static void teardown(void)
{
    kg_extractor_close(x);
    x = NULL;
}

typedef struct run {
    kg_analysis a;
    kg_buf text;
    kg_extraction ex;
    kg_entities ents;
} run;

/* "Microsoft/NNP pays/VBZ/pay OpenAI/NNP ./." -> extraction. */
static void extract(run *r, const char *tagged)
{
    kg_buf conllu = {0};
    kg_error err = {0};
    char *copy = strdup(tagged), *tok, *save = NULL;
    int id = 1;
    memset(r, 0, sizeof *r);
    for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *slash = strrchr(tok, '/'), *word = tok, *tag, *lemma = NULL;
        char low[128];
        size_t k;
        /* word/TAG or word/TAG/lemma (a word may itself be "/") */
        slash = strchr(tok + 1, '/');
        ck_assert_ptr_nonnull(slash);
        *slash = '\0';
        tag = slash + 1;
        if ((slash = strchr(tag, '/')) != NULL) {
            *slash = '\0';
            lemma = slash + 1;
        }
        for (k = 0; word[k] && k < sizeof low - 1; k++)
            low[k] = (char)tolower((unsigned char)word[k]);
        low[k] = '\0';
        kg_buf_printf(&conllu, "%d\t%s\t%s\t_\t%s\t_\t_\t_\t_\t_\n", id++, word,
                      lemma ? lemma : low, tag);
    }
    kg_buf_puts(&conllu, "\n");
    free(copy);
    ck_assert_int_eq(kg_conllu_read(conllu.data, conllu.len, &r->a, &r->text, &err), KG_OK);
    kg_buf_free(&conllu);
    ck_assert_int_eq(kg_extract_analysis(x, &r->a, NULL, &r->ex, &err), KG_OK);
}

/* The same with the named entities of the real NER (lexicons from $KG_DATA
 * or data/), for the graph triples, which want an entity on one side. */
static void extract_ner(run *r, const char *tagged)
{
    kg_error err = {0};
    kg_ner *ner = NULL;
    const char *d = getenv("KG_DATA");
    extract(r, tagged);
    kg_extraction_free(&r->ex);
    memset(&r->ex, 0, sizeof r->ex);
    ck_assert_int_eq(kg_ner_load(d && *d ? d : "data", &ner, &err), KG_OK);
    ck_assert_int_eq(kg_ner_run(ner, &r->a, &r->ents, &err), KG_OK);
    ck_assert_int_eq(kg_extract_analysis(x, &r->a, &r->ents, &r->ex, &err), KG_OK);
    kg_ner_free(ner);
}

/* The graph triple subject -relation- object; NULL if none. */
static const kg_xtriple *find_graph(const run *r, const char *subject, const char *relation,
                                    const char *object)
{
    size_t i;
    for (i = 0; i < r->ex.n_triples; i++) {
        const kg_xtriple *t = &r->ex.triples[i];
        if (t->is_graph && strcmp(t->subject.name, subject) == 0 &&
            strcmp(t->relation, relation) == 0 && strcmp(t->object.name, object) == 0)
            return t;
    }
    return NULL;
}

static void done(run *r)
{
    kg_entities_free(&r->ents);
    kg_extraction_free(&r->ex);
    kg_conllu_free(&r->a);
    kg_buf_free(&r->text);
}

/* The CaRB tuple with this surface relation and subject; NULL if none. */
static const kg_xtriple *find(const run *r, const char *surface, const char *subject)
{
    size_t i;
    for (i = 0; i < r->ex.n_triples; i++) {
        const kg_xtriple *t = &r->ex.triples[i];
        if (t->is_carb && strcmp(t->surface, surface) == 0 &&
            (subject == NULL || strcmp(t->subject.text, subject) == 0))
            return t;
    }
    return NULL;
}

static const kg_xtriple *find_obj(const run *r, const char *surface, const char *object)
{
    size_t i;
    for (i = 0; i < r->ex.n_triples; i++) {
        const kg_xtriple *t = &r->ex.triples[i];
        if (t->is_carb && strcmp(t->surface, surface) == 0 && strcmp(t->object.text, object) == 0)
            return t;
    }
    return NULL;
}

static void dump(const run *r)
{
    size_t i;
    for (i = 0; i < r->ex.n_triples; i++) {
        const kg_xtriple *t = &r->ex.triples[i];
        fprintf(stderr, "  [%s] %s | %s | %s (%s)\n", t->is_carb ? "carb" : "graph", t->surface,
                t->subject.text, t->object.text, t->relation);
    }
}

#define EXPECT(t, r) do { if ((t) == NULL) dump(r); ck_assert_ptr_nonnull(t); } while (0)

START_TEST(test_negation_no_longer)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Microsoft/NNP no/RB longer/RBR pays/VBZ/pay OpenAI/NNP a/DT revenue/NN share/NN ./.");
    t = find(&r, "no longer pays", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "pay");
    ck_assert_int_eq(t->is_negated, 1);
    ck_assert_str_eq(t->object.text, "OpenAI a revenue share");
    ck_assert_ptr_null(t->modality);
    done(&r);
}
END_TEST

START_TEST(test_negation_nt)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Microsoft/NNP did/VBD/do n't/RB surrender/VB its/PRP$ position/NN ./.");
    t = find(&r, "did n't surrender", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "surrender");
    ck_assert_int_eq(t->is_negated, 1);
    ck_assert_str_eq(t->object.text, "its position");
    done(&r);
}
END_TEST

START_TEST(test_modal_vwp)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "OpenAI/NNP can/MD now/RB pursue/VB deals/NNS/deal with/IN Amazon/NNP ./.");
    t = find(&r, "can now pursue deals with", "OpenAI");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "pursue deal with");
    ck_assert_str_eq(t->modality, "can");
    ck_assert_int_eq(t->is_negated, 0);
    ck_assert_str_eq(t->object.text, "Amazon");
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "now");
    done(&r);
}
END_TEST

START_TEST(test_passive)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "ChatGPT/NNP is/VBZ/be hosted/VBN/host on/IN Azure/NNP ./.");
    t = find(&r, "is hosted on", "ChatGPT");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be hosted on");
    ck_assert_str_eq(t->object.text, "Azure");
    done(&r);
}
END_TEST

START_TEST(test_passive_by_time)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT lab/NN was/VBD/be founded/VBN/found by/IN Sam/NNP Altman/NNP in/IN 2015/CD ./.");
    t = find(&r, "was founded by", "The lab");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be founded by");
    ck_assert_str_eq(t->object.text, "Sam Altman in 2015");
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "in 2015");
    done(&r);
}
END_TEST

START_TEST(test_apposition_and_said)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Satya/NNP Nadella/NNP ,/, Microsoft/NNP 's/POS chief/JJ executive/NN ,/, "
                "said/VBD/say the/DT company/NN would/MD invest/VB in/IN OpenAI/NNP ./.");
    t = find(&r, "is", "Satya Nadella");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Microsoft 's chief executive");
    t = find(&r, "said", "Satya Nadella");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "the company would invest in OpenAI");
    t = find(&r, "would invest in", "the company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "OpenAI");
    ck_assert_str_eq(t->modality, "would");
    ck_assert_str_eq(t->relation, "invest in");
    done(&r);
}
END_TEST

START_TEST(test_verb_coordination)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT company/NN signed/VBD/sign a/DT deal/NN and/CC launched/VBD/launch "
                "a/DT product/NN ./.");
    t = find(&r, "signed", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "a deal");
    t = find(&r, "launched", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "a product");
    ck_assert_str_eq(t->relation, "launch");
    done(&r);
}
END_TEST

START_TEST(test_relative_clause)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Google/NNP ,/, which/WDT acquired/VBD/acquire YouTube/NNP ,/, opened/VBD/open "
                "an/DT office/NN in/IN Paris/NNP ./.");
    t = find(&r, "acquired", "Google");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "YouTube");
    t = find(&r, "opened", NULL);
    EXPECT(t, &r);
    ck_assert(strncmp(t->subject.text, "Google", 6) == 0);
    ck_assert_str_eq(t->object.text, "an office in Paris");
    ck_assert_str_eq(t->relation, "open");
    done(&r);
}
END_TEST

START_TEST(test_intro_time)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "In/IN 2019/CD ,/, Microsoft/NNP invested/VBD/invest $/$ 1/CD billion/CD "
                "in/IN OpenAI/NNP ./.");
    t = find(&r, "invested in", "Microsoft");
    if (t == NULL)
        t = find(&r, "invested", "Microsoft");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->extra);
    ck_assert_str_eq(t->extra, "In 2019");
    ck_assert_ptr_nonnull(t->time);
    ck_assert(strstr(t->time, "2019") != NULL);
    done(&r);
}
END_TEST

START_TEST(test_time_after_clause)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Microsoft/NNP will/MD no/RB longer/RBR pay/VB OpenAI/NNP ,/, effective/JJ "
                "around/IN February/NNP 2026/CD ./.");
    t = find(&r, "will no longer pay", "Microsoft");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    ck_assert_str_eq(t->modality, "will");
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "effective around February 2026");
    ck_assert_str_eq(t->object.text, "OpenAI");
    done(&r);
}
END_TEST

START_TEST(test_time_period_of_agreement)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Under/IN the/DT old/JJ deal/NN ,/, Microsoft/NNP paid/VBD/pay OpenAI/NNP "
                "a/DT revenue/NN share/NN ./.");
    t = find(&r, "paid", "Microsoft");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "Under the old deal");
    done(&r);
    extract(&r, "Google/NNP pays/VBZ/pay Apple/NNP under/IN the/DT existing/VBG search/NN "
                "agreement/NN ./.");
    t = find(&r, "pays", "Google");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time); /* "existing" tagged as a verb: the word decides */
    ck_assert_str_eq(t->time, "under the existing search agreement");
    done(&r);
    extract(&r, "Google/NNP pays/VBZ/pay Apple/NNP under/IN the/DT new/JJ search/NN "
                "agreement/NN ./.");
    t = find(&r, "pays", "Google");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "under the new search agreement");
    done(&r);
}
END_TEST

START_TEST(test_coordinated_participle_active)
{
    run r;
    const kg_xtriple *t;
    /* the tagger reads "raised" after the adverb as VBN: still no passive,
     * and the first clause's "in 2016" is not the second verb's time */
    extract(&r, "Graphcore/NNP was/VBD/be founded/VBN/found in/IN Bristol/NNP in/IN 2016/CD "
                "and/CC previously/RB raised/VBN/raise money/NN from/IN Sequoia/NNP "
                "Capital/NNP ./.");
    t = find(&r, "was founded in", "Graphcore");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "in 2016");
    t = find(&r, "previously raised money from", "Graphcore");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "raise money from");
    ck_assert_str_eq(t->object.text, "Sequoia Capital");
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "previously");
    done(&r);
    /* a passive that keeps an object, and one followed by a PP, stay passive */
    extract(&r, "Acme/NNP was/VBD/be founded/VBN/found in/IN 2016/CD and/CC later/RB "
                "given/VBN/give a/DT grant/NN ./.");
    t = find(&r, "later given", "Acme");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be given");
    done(&r);
    extract(&r, "He/PRP was/VBD/be arrested/VBN/arrest in/IN May/NNP and/CC later/RB "
                "charged/VBN/charge with/IN fraud/NN ./.");
    t = find(&r, "later charged with", "He");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be charged with");
    ck_assert_ptr_null(t->time == NULL || strcmp(t->time, "later") == 0 ? NULL : t);
    done(&r);
}
END_TEST

START_TEST(test_graph_pp_conjuncts)
{
    run r;
    const kg_xtriple *t;
    /* "V NP of A and B": one graph triple per conjunct, negated both */
    extract_ner(&r, "The/DT European/NNP Commission/NNP did/VBD/do not/RB approve/VB "
                    "the/DT merger/NN of/IN Siemens/NNP and/CC Alstom/NNP in/IN 2019/CD ./.");
    t = find_graph(&r, "European Commission", "approve merger of", "Siemens");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    t = find_graph(&r, "European Commission", "approve merger of", "Alstom");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
}
END_TEST

START_TEST(test_graph_amount_before_pp_entity)
{
    run r;
    const kg_xtriple *t;
    /* an amount before a PP with an entity: "invest in OpenAI", the amount in the text */
    extract_ner(&r, "Microsoft/NNP ,/, which/WDT owns/VBZ/own LinkedIn/NNP ,/, will/MD "
                    "invest/VB $/$ 10/CD billion/CD in/IN OpenAI/NNP ./.");
    t = find_graph(&r, "Microsoft", "invest in", "OpenAI");
    EXPECT(t, &r);
    ck_assert_str_eq(t->surface, "will invest $ 10 billion in");
    ck_assert_str_eq(t->modality, "will");
    ck_assert_ptr_null(find_graph(&r, "Microsoft", "invest", "$ 10 billion"));
    ck_assert_ptr_nonnull(find_graph(&r, "Microsoft", "own", "LinkedIn"));
    done(&r);
    /* a possessive's PP object: every conjunct */
    extract_ner(&r, "The/DT deal/NN gives/VBZ/give Zorvex/NNP control/NN of/IN Quorbit/NNP 's/POS "
                    "factories/NNS/factory in/IN Malaysia/NNP and/CC Taiwan/NNP ./.");
    EXPECT(find_graph(&r, "Quorbit", "have factory in", "Malaysia"), &r);
    EXPECT(find_graph(&r, "Quorbit", "have factory in", "Taiwan"), &r);
    done(&r);
    /* an amount of change is a measure, not a thing: no "rise in New York" */
    extract_ner(&r, "Zorvex/NNP rose/VBD/rise 8/CD percent/NN in/IN New/NNP York/NNP ./.");
    ck_assert_ptr_null(find_graph(&r, "Zorvex", "rise in", "New York"));
    done(&r);
    /* a thing before the PP stays a node too */
    extract_ner(&r, "Nvidia/NNP no/RB longer/RBR sells/VBZ/sell its/PRP$ chips/NNS/chip to/IN "
                    "China/NNP ./.");
    t = find_graph(&r, "Nvidia", "sell chip to", "China");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    EXPECT(find_graph(&r, "Nvidia", "sell", "chips"), &r);
    done(&r);
}
END_TEST

START_TEST(test_told_recipient_then_clause)
{
    run r;
    const kg_xtriple *t;
    /* "told X on Monday that ...": the person and time are a further argument,
     * the clause the object, even with "that" tagged as a relative pronoun */
    extract(&r, "Satya/NNP Nadella/NNP told/VBD/tell investors/NNS/investor on/IN Monday/NNP "
                "that/WDT Microsoft/NNP would/MD invest/VB in/IN OpenAI/NNP ./.");
    t = find(&r, "told", "Satya Nadella");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Microsoft would invest in OpenAI");
    ck_assert_ptr_nonnull(t->extra);
    ck_assert_str_eq(t->extra, "investors on Monday");
    EXPECT(find(&r, "would invest in", "Microsoft"), &r);
    done(&r);
    extract(&r, "Nadella/NNP told/VBD/tell investors/NNS/investor that/IN the/DT deal/NN "
                "was/VBD/be fair/JJ ./.");
    t = find(&r, "told", "Nadella");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "the deal was fair");
    done(&r);
    /* a relative "that" right before its verb stays a relative */
    extract(&r, "Nadella/NNP told/VBD/tell investors/NNS/investor on/IN a/DT call/NN that/WDT "
                "lasted/VBD/last an/DT hour/NN ./.");
    t = find(&r, "lasted", "a call");
    EXPECT(t, &r);
    ck_assert_ptr_null(find_obj(&r, "told", "lasted an hour"));
    done(&r);
}
END_TEST

START_TEST(test_graph_list_of_places)
{
    run r;
    /* each listed place is its own object, even where the entity finder reads
     * "Paris , Berlin" as one place ("Paris , France") */
    extract_ner(&r, "Google/NNP cut/VBD/cut 200/CD jobs/NNS/job ,/, closing/VBG/close "
                    "offices/NNS/office in/IN Paris/NNP ,/, Berlin/NNP and/CC Madrid/NNP ./.");
    EXPECT(find_graph(&r, "Google", "close office in", "Paris"), &r);
    EXPECT(find_graph(&r, "Google", "close office in", "Berlin"), &r);
    EXPECT(find_graph(&r, "Google", "close office in", "Madrid"), &r);
    done(&r);
}
END_TEST

START_TEST(test_plural_noun_is_missed_verb)
{
    run r;
    const kg_xtriple *t;
    /* no finite verb: "plans" (tagged NNS) after "company also" is the verb */
    extract(&r, "The/DT company/NN also/RB plans/NNS/plan to/TO open/VB a/DT research/NN "
                "center/NN in/IN Munich/NNP ./.");
    t = find(&r, "also plans to open", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "a research center in Munich");
    done(&r);
    /* without the adverb too when "to" follows: the sentence has no other verb */
    extract(&r, "The/DT group/NN plans/NNS/plan to/TO open/VB a/DT center/NN ./.");
    EXPECT(find(&r, "plans to open", "The group"), &r);
    done(&r);
    /* but not before a noun: "The group plans a center" stays verbless */
    extract(&r, "The/DT group/NN plans/NNS/plan for/IN a/DT center/NN ./.");
    ck_assert_ptr_null(find(&r, "plans for", "The group"));
    done(&r);
}
END_TEST

START_TEST(test_relative_clause_keeps_its_time)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Lopez/NNP ,/, who/WP joined/VBD/join Zorvex/NNP in/IN 2019/CD ,/, has/VBZ/have "
                "overseen/VBN/oversee three/CD acquisitions/NNS/acquisition ./.");
    t = find(&r, "joined", "Lopez");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "in 2019");
    t = find(&r, "has overseen", NULL);
    EXPECT(t, &r);
    ck_assert_ptr_null(t->time);
    done(&r);
}
END_TEST

START_TEST(test_apposition_with_participle)
{
    run r;
    const kg_xtriple *t;
    /* "X , a chipmaker based in Austin , said": X says, X is based in Austin */
    extract(&r, "Zorvex/NNP Labs/NNP ,/, a/DT chipmaker/NN based/VBN/base in/IN Austin/NNP ,/, "
                "said/VBD/say it/PRP had/VBD/have agreed/VBN/agree to/TO buy/VB Quorbit/NNP ./.");
    t = find(&r, "said", "Zorvex Labs");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "it had agreed to buy Quorbit");
    t = find(&r, "based in", "Zorvex Labs");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Austin");
    t = find(&r, "is", "Zorvex Labs");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "a chipmaker based in Austin");
    done(&r);
}
END_TEST

START_TEST(test_adjective_read_past_after_and)
{
    run r;
    const kg_xtriple *t;
    /* "laid" tagged JJ after "and", before a preposition: a coordinated verb */
    extract(&r, "Jassy/NNP has/VBZ/have cut/VBN/cut costs/NNS/cost and/CC laid/JJ off/IN "
                "18,000/CD employees/NNS/employee ./.");
    t = find(&r, "has cut", "Jassy");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "costs");
    t = find(&r, "laid off", "Jassy");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "18,000 employees");
    done(&r);
    /* before a noun it stays an adjective */
    extract(&r, "Jassy/NNP has/VBZ/have cut/VBN/cut costs/NNS/cost and/CC related/JJ "
                "fees/NNS/fee ./.");
    ck_assert_ptr_nonnull(find_obj(&r, "has cut", "related fees"));
    done(&r);
}
END_TEST

START_TEST(test_object_control)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT agreement/NN allowed/VBD/allow Microsoft/NNP to/TO pursue/VB "
                "AGI/NNP development/NN ./.");
    t = find(&r, "to pursue", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "AGI development");
    t = find(&r, "allowed", "The agreement");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Microsoft to pursue AGI development");
    done(&r);
}
END_TEST

START_TEST(test_object_list)
{
    run r;
    extract(&r, "He/PRP was/VBD/be a/DT lawyer/NN ,/, a/DT politician/NN ,/, and/CC "
                "a/DT writer/NN ./.");
    EXPECT(find_obj(&r, "was", "a lawyer"), &r);
    EXPECT(find_obj(&r, "was", "a politician"), &r);
    EXPECT(find_obj(&r, "was", "a writer"), &r);
    done(&r);
}
END_TEST

START_TEST(test_that_clause)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Analysts/NNS/analyst said/VBD/say that/IN prices/NNS/price would/MD rise/VB ./.");
    t = find(&r, "said that", "Analysts");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "prices would rise");
    t = find(&r, "would rise", "prices");
    EXPECT(t, &r);
    done(&r);
}
END_TEST

START_TEST(test_that_clause_after_pp)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Microsoft/NNP said/VBD/say on/IN Tuesday/NNP that/IN it/PRP would/MD buy/VB "
                "the/DT startup/NN ./.");
    t = find(&r, "said", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "say");
    ck_assert_str_eq(t->object.text, "it would buy the startup");
    ck_assert_ptr_nonnull(t->extra);
    ck_assert_str_eq(t->extra, "on Tuesday");
    ck_assert_ptr_null(find(&r, "said on", NULL));
    done(&r);
    extract(&r, "The/DT firm/NN announced/VBD/announce in/IN a/DT statement/NN that/IN "
                "profits/NNS/profit fell/VBD/fall ./.");
    t = find(&r, "announced", "The firm");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "profits fell");
    ck_assert_str_eq(t->extra, "in a statement");
    done(&r);
    extract(&r, "Police/NNS/police said/VBD/say Friday/NNP the/DT suspect/NN was/VBD/be "
                "arrested/VBN/arrest ./.");
    t = find(&r, "said", "Police");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "the suspect was arrested");
    ck_assert_str_eq(t->extra, "Friday");
    done(&r);
}
END_TEST

START_TEST(test_inverted_say)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "``/`` The/DT economy/NN is/VBZ/be growing/VBG/grow ,/, ''/'' said/VBD/say "
                "John/NNP Smith/NNP ,/, the/DT chief/JJ economist/NN ./.");
    t = find(&r, "said", "John Smith");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "The economy is growing");
    done(&r);
}
END_TEST

START_TEST(test_demonstrative_and_at_least)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Those/DT who/WP were/VBD/be tripped/VBN/trip were/VBD/be then/RB "
                "crushed/VBN/crush by/IN the/DT crowd/NN ./.");
    t = find(&r, "were then crushed by", NULL);
    EXPECT(t, &r);
    ck_assert_str_eq(t->subject.text, "Those who were tripped");
    ck_assert_str_eq(t->object.text, "the crowd");
    t = find(&r, "were tripped", "Those");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "");
    done(&r);
    extract(&r, "Last/JJ week/NN ,/, at/IN least/JJS 76/CD people/NNS/people were/VBD/be "
                "killed/VBN/kill ./.");
    EXPECT(find(&r, "were killed", "at least 76 people"), &r);
    done(&r);
    extract(&r, "The/DT study/NN found/VBD/find many/JJ are/VBP/be not/RB getting/VBG/get "
                "enough/JJ iodine/NN ./.");
    EXPECT(find(&r, "are not getting", "many"), &r);
    done(&r);
}
END_TEST

START_TEST(test_verb_series)
{
    run r;
    extract(&r, "The/DT company/NN closed/VBD/close two/CD plants/NNS/plant ,/, cut/VBD/cut "
                "500/CD jobs/NNS/job and/CC sold/VBD/sell its/PRP$ stake/NN ./.");
    EXPECT(find_obj(&r, "closed", "two plants"), &r);
    EXPECT(find(&r, "cut", "The company"), &r);
    EXPECT(find(&r, "sold", "The company"), &r);
    done(&r);
    extract(&r, "The/DT firm/NN closed/VBD/close two/CD plants/NNS/plant and/CC in/IN "
                "March/NNP sold/VBD/sell its/PRP$ stake/NN ./.");
    EXPECT(find_obj(&r, "closed", "two plants"), &r);
    EXPECT(find(&r, "sold", "The firm"), &r);
    ck_assert_str_eq(find(&r, "sold", "The firm")->extra, "in March");
    done(&r);
    /* a comma before a verb without a closing "and V" is no series */
    extract(&r, "The/DT company/NN closed/VBD/close two/CD plants/NNS/plant ,/, "
                "workers/NNS/worker said/VBD/say ./.");
    ck_assert_ptr_null(find(&r, "said", "The company"));
    done(&r);
}
END_TEST

START_TEST(test_that_subject_and_parenthetical)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "That/DT amounts/VBZ/amount to/IN more/JJR than/IN $/$ 350/CD billion/CD ./.");
    t = find(&r, "amounts to", "That");
    EXPECT(t, &r);
    done(&r);
    extract(&r, "The/DT company/NN ,/, however/RB ,/, said/VBD/say profits/NNS/profit "
                "fell/VBD/fall ./.");
    t = find(&r, "said", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "profits fell");
    done(&r);
    extract(&r, "The/DT first/JJ ,/, at/IN a/DT severity/NN of/IN 6.0/CD ,/, occurred/VBD/occur "
                "on/IN May/NNP 26/CD ./.");
    EXPECT(find(&r, "occurred on", "The first"), &r);
    done(&r);
    extract(&r, "The/DT company/NN ,/, in/IN a/DT statement/NN ,/, said/VBD/say "
                "profits/NNS/profit fell/VBD/fall ./.");
    EXPECT(find(&r, "said", "The company"), &r);
    done(&r);
}
END_TEST

START_TEST(test_verbless_sentence)
{
    run r;
    extract(&r, "G-7/CD consists/NNS/consist of/IN the/DT U.S./NNP and/CC Japan/NNP ./.");
    EXPECT(find_obj(&r, "consists of", "the U.S."), &r);
    done(&r);
    extract(&r, "Montalvo/NNP \"/`` walked/VBD/walk into/IN the/DT lobby/NN \"/'' ./.");
    EXPECT(find(&r, "walked into", "Montalvo"), &r);
    done(&r);
    /* a sentence with a verb keeps its plural nouns */
    extract(&r, "G-7/CD members/NNS/member of/IN the/DT group/NN met/VBD/meet ./.");
    ck_assert_ptr_null(find(&r, "members of", NULL));
    done(&r);
}
END_TEST

START_TEST(test_time_not_in_relation)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT summit/NN was/VBD/be held/VBN/hold last/JJ week/NN in/IN Paris/NNP ./.");
    t = find(&r, "was held", "The summit");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "last week in Paris");
    ck_assert_ptr_null(find(&r, "was held last week in", NULL));
    done(&r);
}
END_TEST

START_TEST(test_apposition_is_no_list)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT novel/NN follows/VBZ/follow Cashel/NNP Byron/NNP ,/, a/DT world/NN "
                "champion/NN prizefighter/NN ,/, as/IN he/PRP tries/VBZ/try to/TO win/VB ./.");
    t = find(&r, "follows", "The novel");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Cashel Byron , a world champion prizefighter");
    ck_assert_ptr_null(find_obj(&r, "follows", "a world champion prizefighter"));
    done(&r);
    extract(&r, "She/PRP bought/VBD/buy apples/NNS/apple ,/, pears/NNS/pear and/CC plums/NNS/plum ./.");
    EXPECT(find_obj(&r, "bought", "apples"), &r);
    EXPECT(find_obj(&r, "bought", "plums"), &r);
    done(&r);
}
END_TEST

START_TEST(test_possessive_and_license)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "Microsoft/NNP retains/VBZ an/DT exclusive/JJ license/NN to/IN OpenAI/NNP 's/POS "
                "models/NNS/model ./.");
    t = find(&r, "retains", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "retain");
    ck_assert_str_eq(t->object.text, "an exclusive license to OpenAI 's models");
    done(&r);
    /* V W* P with a bare noun phrase: the nouns join the relation */
    extract(&r, "Microsoft/NNP retains/VBZ exclusive/JJ rights/NNS/right to/IN OpenAI/NNP 's/POS "
                "models/NNS/model ./.");
    t = find(&r, "retains exclusive rights to", "Microsoft");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "retain right to");
    ck_assert_str_eq(t->object.text, "OpenAI 's models");
    t = find(&r, "has", "OpenAI");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "models");
    done(&r);
}
END_TEST

START_TEST(test_reduced_relative_and_gerund)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT products/NNS/product hosted/VBN/host on/IN Azure/NNP grew/VBD/grow ,/, "
                "reducing/VBG/reduce costs/NNS/cost ./.");
    t = find(&r, "hosted on", "The products");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Azure");
    ck_assert_int_eq(t->confidence > 0.0 && t->confidence < 1.0, 1);
    t = find(&r, "reducing", NULL);
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "costs");
    done(&r);
}
END_TEST

START_TEST(test_title_and_late_apposition)
{
    run r;
    const kg_xtriple *t;
    extract(&r, "The/DT plan/NN works/VBZ/work ,/, said/VBD/say Alan/NNP Gottesman/NNP ,/, "
                "an/DT analyst/NN with/IN PaineWebber/NNP ./.");
    t = find(&r, "is", "Alan Gottesman");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "an analyst with PaineWebber");
    done(&r);
    extract(&r, "Investment/NN broker/NN Charles/NNP Givens/NNP bred/VBD/breed horses/NNS/horse ./.");
    t = find(&r, "is", "Charles Givens");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "Investment broker");
    t = find(&r, "bred", NULL);
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "horses");
    done(&r);
}
END_TEST

START_TEST(test_no_verb)
{
    run r;
    extract(&r, "Key/JJ Takeaways/NNS");
    ck_assert_uint_eq(r.ex.n_triples, 0);
    done(&r);
    extract(&r, "Hello/UH !/.");
    ck_assert_uint_eq(r.ex.n_triples, 0);
    done(&r);
}
END_TEST

START_TEST(test_conllu_errors)
{
    kg_analysis a;
    kg_buf text = {0};
    kg_error err = {0};
    const char *bad = "1\tword\n";
    ck_assert_int_eq(kg_conllu_read(bad, strlen(bad), &a, &text, &err), KG_EINPUT);
    ck_assert_uint_eq(err.line, 1);
    kg_buf_free(&text);
}
END_TEST

START_TEST(test_bare_participle_main_verb)
{
    /* "Siemens expanded in Asia": a VBN right after the subject with no verb
     * before it is a past tense, not a passive; a reduced relative followed
     * by its main verb, or one with "by", stays passive */
    run r;
    const kg_xtriple *t;
    extract(&r, "Siemens/NNS expanded/VBN/expand in/IN Asia/NNP ./.");
    t = find(&r, "expanded in", "Siemens");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "expand in");
    done(&r);
    extract(&r, "The/DT company/NN made/VBN/make record/NN profits/NNS/profit and/CC "
                "opened/VBD/open a/DT plant/NN ./.");
    t = find(&r, "made", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "make");
    ck_assert_str_eq(t->object.text, "record profits");
    done(&r);
    extract(&r, "The/DT chips/NNS/chip made/VBN/make in/IN Taiwan/NNP sell/VBP/sell well/RB ./.");
    t = find(&r, "made in", "The chips");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be made in");
    done(&r);
    extract(&r, "A/DT chip/NN made/VBN/make by/IN Qualcomm/NNP ./.");
    t = find(&r, "made by", "A chip");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "be made by");
    done(&r);
}
END_TEST

START_TEST(test_apposition_before_say_verb_no_inversion)
{
    /* "Alphabet , Google 's parent company , reported higher profits": the
     * comma before "reported" closes an apposition, not a quotation */
    run r;
    const kg_xtriple *t;
    extract(&r, "Alphabet/NNP ,/, Google/NNP 's/POS parent/NN company/NN ,/, reported/VBD/report "
                "higher/JJR profits/NNS/profit ./.");
    t = find(&r, "reported", "Alphabet");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.text, "higher profits");
    ck_assert_ptr_null(find(&r, "reported", "higher profits"));
    done(&r);
}
END_TEST

static const kg_xtriple *find_graph_obj(const run *r, const char *subject, const char *relation)
{
    size_t i;
    for (i = 0; i < r->ex.n_triples; i++) {
        const kg_xtriple *t = &r->ex.triples[i];
        if (t->is_graph && strcmp(t->subject.name, subject) == 0 &&
            strcmp(t->relation, relation) == 0)
            return t;
    }
    return NULL;
}

START_TEST(test_graph_org_apposition)
{
    /* "X , the parent company of Y ," / "X , a subsidiary of Y ," / "X , Y 's
     * main rival in cloud computing ," as for person titles */
    run r;
    const kg_xtriple *t;
    extract_ner(&r, "Quorbit/NNP ,/, the/DT parent/NN company/NN of/IN Zorvex/NNP ,/, "
                    "reported/VBD/report higher/JJR profits/NNS/profit ./.");
    t = find_graph(&r, "Quorbit", "be parent company of", "Zorvex");
    EXPECT(t, &r);
    ck_assert_str_eq(t->surface, "parent company of");
    EXPECT(find_graph(&r, "Quorbit", "report", "higher profits"), &r);
    done(&r);
    extract_ner(&r, "Zorvex/NNP ,/, a/DT subsidiary/NN of/IN Quorbit/NNP ,/, opened/VBD/open "
                    "a/DT plant/NN ./.");
    EXPECT(find_graph(&r, "Zorvex", "be subsidiary of", "Quorbit"), &r);
    EXPECT(find_graph(&r, "Zorvex", "open", "plant"), &r);
    done(&r);
    extract_ner(&r, "Zorvex/NNP ,/, Quorbit/NNP 's/POS main/JJ rival/NN in/IN cloud/NN "
                    "computing/NN ,/, cut/VBD/cut prices/NNS/price ./.");
    EXPECT(find_graph(&r, "Zorvex", "be main rival of", "Quorbit"), &r);
    done(&r);
    /* no entity after the role: the whole description, an entity subject */
    extract_ner(&r, "Quorbit/NNP ,/, a/DT maker/NN of/IN factory/NN robots/NNS/robot ,/, "
                    "hired/VBD/hire 200/CD engineers/NNS/engineer ./.");
    EXPECT(find_graph(&r, "Quorbit", "be", "maker of factory robots"), &r);
    done(&r);
    /* a name in apposition to a common noun is the verb's graph subject */
    extract_ner(&r, "Its/PRP$ advertising/NN unit/NN ,/, Zorvex/NNP Ads/NNP ,/, lost/VBD/lose "
                    "$/$ 200/CD million/CD ./.");
    t = find_graph_obj(&r, "Zorvex Ads", "lose");
    EXPECT(t, &r);
    EXPECT(find_graph(&r, "Zorvex Ads", "be", "advertising unit"), &r);
    done(&r);
    /* no self loop when the possessor is the subject itself */
    extract_ner(&r, "Zorvex/NNP ,/, Zorvex/NNP 's/POS main/JJ unit/NN ,/, grew/VBD/grow ./.");
    ck_assert_ptr_null(find_graph(&r, "Zorvex", "be main unit of", "Zorvex"));
    done(&r);
}
END_TEST

START_TEST(test_relative_on_apposition)
{
    /* "NetChoice , a trade group that represents Meta and Google , had sued
     * the state": the main verb's subject is the name; so is the relative's */
    run r;
    const kg_xtriple *t;
    extract_ner(&r, "Zorvex/NNP ,/, a/DT trade/NN group/NN that/WDT represents/VBZ/represent "
                    "Quorbit/NNP and/CC Meta/NNP ,/, had/VBD/have sued/VBN/sue the/DT "
                    "regulator/NN in/IN April/NNP ./.");
    EXPECT(find(&r, "had sued", "Zorvex"), &r);
    t = find_graph(&r, "Zorvex", "sue", "regulator");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "in April");
    EXPECT(find_graph(&r, "Zorvex", "represent", "Quorbit"), &r);
    EXPECT(find_graph(&r, "Zorvex", "be", "trade group"), &r);
    done(&r);
}
END_TEST

START_TEST(test_graph_time_out_of_arguments)
{
    /* "last year" after the PP object and "on Wednesday" after V NP are
     * times, not parts of the object or the relation */
    run r;
    const kg_xtriple *t;
    extract_ner(&r, "Zorvex/NNP expanded/VBN/expand in/IN Asia/NNP last/JJ year/NN and/CC "
                    "opened/VBD/open a/DT plant/NN in/IN Vietnam/NNP ./.");
    t = find_graph(&r, "Zorvex", "expand in", "Asia");
    EXPECT(t, &r);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_str_eq(t->time, "last year");
    t = find_graph(&r, "Zorvex", "open plant in", "Vietnam");
    EXPECT(t, &r);
    ck_assert_ptr_null(t->time);
    done(&r);
    extract_ner(&r, "Quorbit/NNP will/MD meet/VB party/NN leaders/NNS/leader on/IN "
                    "Wednesday/NNP ./.");
    t = find_graph(&r, "Quorbit", "meet", "party leaders");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "Wednesday");
    ck_assert_ptr_null(find_graph_obj(&r, "Quorbit", "meet party leader on"));
    done(&r);
    extract_ner(&r, "Martinelli/NNP equalised/VBD/equalise for/IN Arsenal/NNP five/CD "
                    "minutes/NNS/minute after/IN the/DT break/NN ./.");
    t = find_graph_obj(&r, "Martinelli", "equalise for");
    EXPECT(t, &r);
    ck_assert_str_eq(t->object.name, "Arsenal");
    ck_assert_str_eq(t->time, "five minutes after the break");
    done(&r);
}
END_TEST

START_TEST(test_graph_tell_and_verbless)
{
    run r;
    const kg_xtriple *t;
    /* "told investors that ...": a tell triple with its own time only */
    extract_ner(&r, "Maalouf/NNP told/VBD/tell investors/NNS/investor that/IN Zorvex/NNP "
                    "would/MD save/VB $/$ 150/CD million/CD by/IN 2029/CD ./.");
    t = find_graph(&r, "Maalouf", "tell", "investors");
    EXPECT(t, &r);
    ck_assert_ptr_null(t->time);
    done(&r);
    /* a noun read after a coordinated name, an approximator before a number */
    extract_ner(&r, "Quorbit/NNP and/CC Zorvex/NNP control/NN about/IN 80/CD percent/NN "
                    "of/IN the/DT market/NN ./.");
    t = find_graph_obj(&r, "Zorvex", "control");
    EXPECT(t, &r);
    EXPECT(find_graph_obj(&r, "Quorbit", "control"), &r);
    done(&r);
    /* an irregular past the lemmatiser left alone */
    extract(&r, "The/DT workers/NNS/worker who/WP built/VBP/built the/DT plant/NN "
                "left/VBD/leave ./.");
    t = find(&r, "built", "The workers");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "build");
    done(&r);
}
END_TEST

START_TEST(test_graph_news_roles_and_nominals)
{
    run r;
    const kg_xtriple *t;
    /* "was appointed chief executive of X" (both role words read JJ) */
    extract_ner(&r, "Marisol/NNP Ortega/NNP was/VBD/be appointed/VBN/appoint chief/JJ "
                    "executive/JJ of/IN Zorvex/NNP in/IN March/NNP ./.");
    t = find_graph(&r, "Marisol Ortega", "be appointed executive of", "Zorvex");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "in March");
    done(&r);
    /* V P NP of NP2: "will step down as chairman of X" */
    extract_ner(&r, "Daniel/NNP Kerr/NNP will/MD step/VB down/RP as/IN chairman/NN of/IN "
                    "Quorbit/NNP ./.");
    EXPECT(find_graph(&r, "Daniel Kerr", "step down as chairman of", "Quorbit"), &r);
    done(&r);
    /* a noun of action after a possessive: "X 's acquisition of Y" */
    extract_ner(&r, "Quorbit/NNP 's/POS acquisition/NN of/IN Zorvex/NNP was/VBD/be "
                    "approved/VBN/approve ./.");
    EXPECT(find_graph(&r, "Quorbit", "acquire", "Zorvex"), &r);
    done(&r);
    /* a kind of organisation after a name stands for the name */
    extract_ner(&r, "The/DT Zorvex/NNP union/NN called/VBD/call the/DT strike/NN ./.");
    EXPECT(find_graph(&r, "Zorvex", "call", "strike"), &r);
    done(&r);
    /* but "the Netanyahu government" is not Netanyahu */
    extract_ner(&r, "The/DT Netanyahu/NNP government/NN approved/VBD/approve the/DT plan/NN ./.");
    ck_assert_ptr_null(find_graph(&r, "Netanyahu", "approve", "plan"));
    done(&r);
    /* an age in apposition is no node; "cost" takes its first object */
    extract_ner(&r, "Ortega/NNP ,/, 52/CD ,/, ran/VBD/run the/DT business/NN ./.");
    ck_assert_ptr_null(find_graph(&r, "Ortega", "be", "52"));
    EXPECT(find_graph(&r, "Ortega", "run", "business"), &r);
    done(&r);
    extract_ner(&r, "The/DT walkout/NN would/MD cost/VB Zorvex/NNP $/$ 80/CD million/CD ./.");
    EXPECT(find_graph(&r, "walkout", "cost", "Zorvex"), &r);
    done(&r);
    /* a clause after "after": its bare participle is a past tense */
    extract_ner(&r, "Zorvex/NNP shares/NNS/share fell/VBD/fall after/IN the/DT firm/NN "
                    "missed/VBN/miss its/PRP$ targets/NNS/target ./.");
    t = find(&r, "missed", "the firm");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "miss");
    done(&r);
    /* the form decides an irregular past ("misled", not "misle") */
    extract(&r, "Boeing/NNP misled/VBD/misle regulators/NNS/regulator ./.");
    t = find(&r, "misled", "Boeing");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "mislead");
    done(&r);
    /* "said on a call": no graph triple for the circumstance */
    extract_ner(&r, "Ellery/NNP said/VBD/say on/IN a/DT call/NN with/IN Zorvex/NNP ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Ellery", "say on"));
    done(&r);
}
END_TEST

START_TEST(test_graph_news_batch3)
{
    run r;
    const kg_xtriple *t;
    /* an -ly adverb between the verb and its preposition; negation kept */
    extract_ner(&r, "Quorbit/NNP no/RB longer/RBR relies/VBZ/rely exclusively/RB on/IN "
                    "Zorvex/NNP for/IN computing/NN power/NN ./.");
    t = find_graph(&r, "Quorbit", "rely on", "Zorvex");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
    /* "fined X an amount" -> fine X */
    extract_ner(&r, "The/DT European/NNP Commission/NNP fined/VBD/fine Zorvex/NNP $/$ 2.4/CD "
                    "billion/CD in/IN 2017/CD ./.");
    t = find_graph(&r, "European Commission", "fine", "Zorvex");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "in 2017");
    done(&r);
    /* parts of time and durations are no nodes */
    extract_ner(&r, "Zorvex/NNP had/VBD/have 1,200/CD employees/NNS/employee at/IN the/DT "
                    "end/NN of/IN 2024/CD ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Zorvex", "have employee at"));
    EXPECT(find_graph(&r, "Zorvex", "have", "1,200 employees"), &r);
    done(&r);
    extract_ner(&r, "Quorbit/NNP was/VBD/be ruled/VBN/rule for/IN two/CD decades/NNS/decade ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Quorbit", "be ruled for"));
    done(&r);
    /* an apposition after a sentence-initial prepositional phrase is none */
    extract_ner(&r, "With/IN Zorvex/NNP ,/, the/DT aggressive/JJ strategy/NN of/IN the/DT "
                    "board/NN ,/, failed/VBD/fail ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Zorvex", "be"));
    done(&r);
    /* the possessive description first: "Quorbit 's founder , Ana Lucas ," */
    extract_ner(&r, "Quorbit/NNP 's/POS founder/NN ,/, Ana/NNP Lucas/NNP ,/, will/MD "
                    "remain/VB on/IN the/DT board/NN ./.");
    EXPECT(find_graph(&r, "Ana Lucas", "be founder of", "Quorbit"), &r);
    EXPECT(find_graph(&r, "Ana Lucas", "remain on", "board"), &r);
    done(&r);
    /* a VBN say-verb after a quotation is an inversion, not a passive */
    extract(&r, "``/`` Commanders/NNS were/VBD/be dispatched/VBN/dispatch to/IN the/DT front/NN "
                "''/'' ,/, added/VBN/add KCNA/NNP ./.");
    t = find(&r, "added", "KCNA");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "add");
    done(&r);
    /* a bare participle followed by a pronoun's own verb is the main verb */
    extract(&r, "Gloria/NNP temporarily/RB improved/VBN/improve during/IN the/DT rare/JJ "
                "times/NNS/time they/PRP used/VBD/use treatments/NNS/treatment ./.");
    EXPECT(find(&r, "used", "they"), &r);
    t = find(&r, "temporarily improved during", "Gloria");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "improve during");
    done(&r);
    /* a parenthesis after the subject; a parenthetical participle keeps its time */
    extract(&r, "Spotify/NNP (/-LRB- NYSE/NNP :/: SPOT/NN )/-RRB- gained/VBD/gain 12/CD "
                "percent/NN ./.");
    EXPECT(find(&r, "gained", "Spotify"), &r);
    done(&r);
    extract(&r, "Aurelia/NNP Bank/NNP ,/, formerly/RB known/VBN/know as/IN Westfield/NNP "
                "Savings/NNP ,/, closed/VBD/close 40/CD branches/NNS/branch ./.");
    t = find(&r, "closed", "Aurelia Bank");
    EXPECT(t, &r);
    ck_assert_ptr_null(t->time);
    done(&r);
    extract(&r, "The/DT company/NN ,/, founded/VBN/found by/IN three/CD engineers/NNS/engineer ,/, "
                "raised/VBN/raise $/$ 50/CD million/CD ./.");
    t = find(&r, "raised", "The company");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "raise");
    done(&r);
    /* "is of" makes no graph relation */
    extract_ner(&r, "The/DT first/JJ case/NN is/VBZ/be of/IN the/DT mayor/NN Luca/NNP "
                    "Pastorino/NNP ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "first case", "be of"));
    done(&r);
    /* "say" with a noun phrase object is no fact */
    extract_ner(&r, "Quorbit/NNP said/VBD/say nothing/NN ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Quorbit", "say"));
    done(&r);
}
END_TEST

START_TEST(test_graph_news_batch4)
{
    run r;
    const kg_xtriple *t;
    /* "more than 5 million cars": the count is the object; an opening "Since 2021 ," */
    extract_ner(&r, "Since/IN 2021/CD ,/, Zorvex/NNP has/VBZ/have sold/VBN/sell more/JJR "
                    "than/IN 5/CD million/CD cars/NNS/car in/IN China/NNP ./.");
    t = find_graph(&r, "Zorvex", "sell car in", "China");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "Since 2021");
    EXPECT(find_graph(&r, "Zorvex", "sell", "5 million cars"), &r);
    done(&r);
    /* "which spun/VBN off from": no "was", so no passive: a past tense misread */
    extract_ner(&r, "Northwind/NNP ,/, which/WDT spun/VBN/spin off/RP from/IN Telvane/NNP "
                    "in/IN 2019/CD ,/, employs/VBZ/employ 41,000/CD people/NNS/people ./.");
    t = find_graph(&r, "Northwind", "spin off from", "Telvane");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "in 2019");
    done(&r);
    /* "told customers about the defect" is a fact, unlike "told reporters in X" */
    extract_ner(&r, "Zorvex/NNP should/MD have/VB told/VBN/tell customers/NNS/customer about/IN "
                    "the/DT defect/NN ./.");
    t = find_graph(&r, "Zorvex", "tell customer about", "defect");
    EXPECT(t, &r);
    ck_assert_str_eq(t->modality, "should");
    done(&r);
    /* "The government plans to sell its remaining 20 percent stake in X" */
    extract_ner(&r, "The/DT government/NN plans/NNS/plan to/TO sell/VB its/PRP$ "
                    "remaining/VBG/remain 20/CD percent/NN stake/NN in/IN Zorvex/NNP by/IN "
                    "2027/CD ./.");
    t = find_graph(&r, "government", "plan to sell stake in", "Zorvex");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "by 2027");
    done(&r);
    /* "Starting next year ," is the time of the whole sentence */
    extract_ner(&r, "Starting/VBG/start next/JJ year/NN ,/, Zorvex/NNP will/MD no/RB "
                    "longer/RBR accept/VB Visa/NNP cards/NNS/card ./.");
    t = find_graph_obj(&r, "Zorvex", "accept");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    ck_assert_ptr_nonnull(t->time);
    ck_assert_ptr_nonnull(strstr(t->time, "next year"));
    done(&r);
    /* a headline: "X to buy Y in $4.2 billion deal" */
    extract_ner(&r, "Quorbit/NNP to/TO buy/VB Zorvex/NNP in/IN $/$ 4.2/CD billion/CD deal/NN");
    EXPECT(find_graph(&r, "Quorbit", "buy", "Zorvex"), &r);
    done(&r);
    /* a headline with its verb read as a plural noun before a name */
    extract_ner(&r, "Zorvex/NNP interviews/NNS/interview President/NNP Ana/NNP Lucas/NNP");
    EXPECT(find_graph_obj(&r, "Zorvex", "interview"), &r);
    ck_assert_ptr_null(find_graph_obj(&r, "Ana Lucas", "be interviews of"));
    done(&r);
    /* a bare participle later in the object ("weapons zone/VBN") does not
     * make the main verb a passive */
    extract(&r, "Gorbachev/NNP also/RB proposed/VBN/propose a/DT nuclear/JJ weapons/NNS/weapon "
                "zone/VBN/zone in/IN the/DT region/NN ./.");
    t = find(&r, "also proposed", "Gorbachev");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "propose");
    done(&r);
    /* "was founded in 2021 by X": the date is the time, the verb takes "by X" */
    extract_ner(&r, "Zorvex/NNP was/VBD/be founded/VBN/found in/IN 2021/CD by/IN former/JJ "
                    "Quorbit/NNP engineers/NNS/engineer ./.");
    t = find_graph_obj(&r, "Zorvex", "be founded by");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "in 2021");
    ck_assert_str_eq(t->surface, "was founded in 2021 by");
    done(&r);
    /* a list ends after "and B": "models and products , a concession that" */
    extract_ner(&r, "Zorvex/NNP keeps/VBZ/keep a/DT license/NN to/IN Quorbit/NNP 's/POS "
                    "property/NN across/IN models/NNS/model and/CC products/NNS/product ,/, a/DT "
                    "concession/NN that/WDT helps/VBZ/help Zorvex/NNP ./.");
    EXPECT(find_graph(&r, "Quorbit", "have property across", "products"), &r);
    ck_assert_ptr_null(find_graph(&r, "Quorbit", "have property across", "concession"));
    done(&r);
    /* negation in the subject and "yet to" */
    extract_ner(&r, "Neither/CC Zorvex/NNP nor/CC Quorbit/NNP will/MD attend/VB the/DT "
                    "hearing/NN ./.");
    t = find_graph(&r, "Zorvex", "attend", "hearing");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    t = find_graph(&r, "Quorbit", "attend", "hearing");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
    extract_ner(&r, "No/DT company/NN has/VBZ/have bid/VBN/bid for/IN Zorvex/NNP ./.");
    t = find_graph_obj(&r, "company", "bid for");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
    extract_ner(&r, "Zorvex/NNP has/VBZ/have yet/RB to/TO release/VB the/DT phone/NN ./.");
    t = find_graph(&r, "Zorvex", "release", "phone");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
    /* a gerund after "without" shares the subject, negated */
    extract_ner(&r, "Zorvex/NNP left/VBD/leave the/DT talks/NNS/talk without/IN signing/VBG/sign "
                    "a/DT deal/NN with/IN Quorbit/NNP ./.");
    t = find_graph(&r, "Zorvex", "sign deal with", "Quorbit");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    EXPECT(find_graph(&r, "Zorvex", "leave", "talks"), &r);
    done(&r);
    /* a list of names as the subject; a later PP with an entity */
    extract_ner(&r, "Zorvex/NNP ,/, Quorbit/NNP and/CC Nvidia/NNP sell/VBP/sell their/PRP$ "
                    "stakes/NNS/stake in/IN the/DT venture/NN to/IN Chevron/NNP ./.");
    EXPECT(find_graph_obj(&r, "Zorvex", "sell stake in"), &r);
    EXPECT(find_graph_obj(&r, "Nvidia", "sell stake in"), &r);
    EXPECT(find_graph(&r, "Quorbit", "sell stake to", "Chevron"), &r);
    done(&r);
    /* "paid its chief executive $34 million": the person paid */
    extract_ner(&r, "Zorvex/NNP paid/VBD/pay its/PRP$ chief/NN executive/JJ $/$ 34/CD "
                    "million/CD ./.");
    EXPECT(find_graph(&r, "Zorvex", "pay", "chief executive"), &r);
    done(&r);
    /* a title after a closing quotation mark */
    extract_ner(&r, "``/`` We/PRP win/VBP ,/, ''/'' Zorvex/NNP chief/NN executive/JJ "
                    "Murray/NNP Auchincloss/NNP told/VBD/tell reporters/NNS/reporter ./.");
    EXPECT(find_graph(&r, "Murray Auchincloss", "be chief executive of", "Zorvex"), &r);
    done(&r);
    /* a bare number (an age) is no node; "it is time for X" has no referent */
    extract_ner(&r, "Zorvex/NNP Lucas/NNP was/VBD/be six/CD ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Zorvex Lucas", "be"));
    done(&r);
    extract_ner(&r, "Zorvex/NNP said/VBD/say it/PRP is/VBZ/be time/NN for/IN users/NNS/user "
                    "to/TO move/VB ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Zorvex", "be time for"));
    done(&r);
    /* "announced plans to acquire X": the intention stays in the relation */
    extract_ner(&r, "Zorvex/NNP announced/VBD/announce plans/NNS/plan to/TO acquire/VB "
                    "Quorbit/NNP ./.");
    EXPECT(find_graph(&r, "Zorvex", "plan to acquire", "Quorbit"), &r);
    ck_assert_ptr_null(find_graph(&r, "Zorvex", "acquire", "Quorbit"));
    done(&r);
    /* "agreed on Tuesday to buy X": agree to buy, as without the phrase */
    extract_ner(&r, "Zorvex/NNP agreed/VBD/agree on/IN Tuesday/NNP to/TO buy/VB Quorbit/NNP ./.");
    t = find_graph(&r, "Zorvex", "agree to buy", "Quorbit");
    EXPECT(t, &r);
    ck_assert_str_eq(t->time, "Tuesday");
    done(&r);
    /* a singular noun after a modal is the verb ("would later claim/NN") */
    extract(&r, "Jerome/NNP would/MD later/RBR claim/NN that/IN he/PRP won/VBD/win ./.");
    EXPECT(find(&r, "would later claim that", "Jerome"), &r);
    done(&r);
    /* an irregular past read as a noun after the first (capitalised) word,
     * after a dateline, with "and" + a finite verb later; a score after a name */
    extract(&r, "MANCHESTER/NN ,/, England/NNP \xe2\x80\x94/, Arsenal/NNP beat/NN Chelsea/NNP "
                "2-1/CD on/IN Saturday/NNP and/CC moved/VBD/move clear/JJ ./.");
    t = find(&r, "beat", "Arsenal");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "beat");
    done(&r);
    extract(&r, "Fillmore/RB spent/JJ ten/CD years/NNS/year at/IN Harvard/NNP ./.");
    t = find(&r, "spent", "Fillmore");
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "spend");
    done(&r);
    extract_ner(&r, "The/DT Lakers/NNPS lost/VBD/lose to/IN the/DT Celtics/NNPS 112-104/CD ./.");
    EXPECT(find_graph(&r, "Lakers", "lose to", "Celtics"), &r);
    done(&r);
    /* "abandoned plans to build X": the plan, negated */
    extract_ner(&r, "Zorvex/NNP abandoned/VBD/abandon plans/NNS/plan to/TO build/VB a/DT gas/NN "
                    "plant/NN in/IN Bergen/NNP ./.");
    t = find_graph_obj(&r, "Zorvex", "plan to build");
    EXPECT(t, &r);
    ck_assert_int_eq(t->is_negated, 1);
    done(&r);
    /* "off the coast of Norway , its largest project": not Norway's description */
    extract_ner(&r, "Zorvex/NNP will/MD build/VB a/DT farm/NN off/IN the/DT coast/NN of/IN "
                    "Norway/NNP ,/, its/PRP$ largest/JJS project/NN ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Norway", "be"));
    done(&r);
    /* a definite description in apposition is a description, not a reference */
    extract_ner(&r, "Zorvex/NNP signed/VBD/sign a/DT deal/NN with/IN Vestas/NNP ,/, the/DT "
                    "Danish/JJ turbine/NN maker/NN ,/, in/IN March/NNP ./.");
    EXPECT(find_graph(&r, "Vestas", "be", "Danish turbine maker"), &r);
    done(&r);
    /* "owns 12 percent of X": a share, not "own of X" */
    extract_ner(&r, "Declan/NNP Moore/NNP owns/VBZ/own 12/CD percent/NN of/IN Zorvex/NNP ./.");
    ck_assert_ptr_null(find_graph(&r, "Declan Moore", "own of", "Zorvex"));
    EXPECT(find_graph_obj(&r, "Declan Moore", "own"), &r);
    done(&r);
    /* "groups , including X and Y , have criticised": X and Y criticised */
    extract_ner(&r, "Environmental/JJ groups/NNS/group ,/, including/VBG/include Greenpeace/NNP "
                    "and/CC Zorvex/NNP ,/, have/VBP/have criticised/VBN/criticise the/DT "
                    "project/NN ./.");
    EXPECT(find_graph(&r, "Greenpeace", "criticise", "project"), &r);
    EXPECT(find_graph(&r, "Zorvex", "criticise", "project"), &r);
    done(&r);
    /* "will join Quorbit 's board" -> join board of Quorbit */
    extract_ner(&r, "Leon/NNP Marsh/NNP will/MD join/VB Quorbit/NNP 's/POS board/NN ./.");
    t = find_graph(&r, "Leon Marsh", "join board of", "Quorbit");
    EXPECT(t, &r);
    ck_assert_str_eq(t->modality, "will");
    done(&r);
    /* the retrained tagger's readings: "declined to/IN comment/NN ." and
     * "..., which was founded ..., employs/NNS about 3,400 people" */
    extract(&r, "Vantor/NNP declined/VBD/decline to/IN comment/NN ./.");
    EXPECT(find(&r, "declined to comment", "Vantor"), &r);
    done(&r);
    extract(&r, "Zorvex/NNP ,/, which/WDT was/VBD/be founded/VBN/found in/IN 2011/CD ,/, "
                "employs/NNS/employ about/RB 3,400/CD people/NNS/people ./.");
    t = find(&r, "employs", NULL);
    EXPECT(t, &r);
    ck_assert_str_eq(t->relation, "employ");
    done(&r);
    /* "X named Y its new chief executive" / "appointed Y as chief financial officer" */
    extract_ner(&r, "Zorvex/NNP named/VBD/name Marisol/NNP Ortega/NNP its/PRP$ new/JJ chief/NN "
                    "executive/JJ on/IN Monday/NNP ./.");
    EXPECT(find_graph(&r, "Marisol Ortega", "be chief executive of", "Zorvex"), &r);
    done(&r);
    extract_ner(&r, "Quorbit/NNP appointed/VBD/appoint Daniel/NNP Kerr/NNP as/IN chief/JJ "
                    "financial/JJ officer/NN ./.");
    EXPECT(find_graph(&r, "Daniel Kerr", "be chief financial officer of", "Quorbit"), &r);
    done(&r);
    /* "by the summer" is a time, no node */
    extract_ner(&r, "Zorvex/NNP might/MD receive/VB the/DT first/JJ jets/NNS/jet by/IN the/DT "
                    "summer/NN ./.");
    ck_assert_ptr_null(find_graph_obj(&r, "Zorvex", "receive jet by"));
    EXPECT(find_graph_obj(&r, "Zorvex", "receive"), &r);
    done(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("extract");
    TCase *tc = tcase_create("sentences");
    SRunner *sr;
    int failed;
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_negation_no_longer);
    tcase_add_test(tc, test_negation_nt);
    tcase_add_test(tc, test_modal_vwp);
    tcase_add_test(tc, test_passive);
    tcase_add_test(tc, test_passive_by_time);
    tcase_add_test(tc, test_apposition_and_said);
    tcase_add_test(tc, test_verb_coordination);
    tcase_add_test(tc, test_relative_clause);
    tcase_add_test(tc, test_intro_time);
    tcase_add_test(tc, test_time_after_clause);
    tcase_add_test(tc, test_time_period_of_agreement);
    tcase_add_test(tc, test_object_control);
    tcase_add_test(tc, test_adjective_read_past_after_and);
    tcase_add_test(tc, test_apposition_with_participle);
    tcase_add_test(tc, test_relative_clause_keeps_its_time);
    tcase_add_test(tc, test_plural_noun_is_missed_verb);
    tcase_add_test(tc, test_graph_list_of_places);
    tcase_add_test(tc, test_told_recipient_then_clause);
    tcase_add_test(tc, test_graph_amount_before_pp_entity);
    tcase_add_test(tc, test_graph_pp_conjuncts);
    tcase_add_test(tc, test_coordinated_participle_active);
    tcase_add_test(tc, test_object_list);
    tcase_add_test(tc, test_that_clause);
    tcase_add_test(tc, test_that_clause_after_pp);
    tcase_add_test(tc, test_time_not_in_relation);
    tcase_add_test(tc, test_inverted_say);
    tcase_add_test(tc, test_demonstrative_and_at_least);
    tcase_add_test(tc, test_verb_series);
    tcase_add_test(tc, test_that_subject_and_parenthetical);
    tcase_add_test(tc, test_verbless_sentence);
    tcase_add_test(tc, test_apposition_is_no_list);
    tcase_add_test(tc, test_possessive_and_license);
    tcase_add_test(tc, test_reduced_relative_and_gerund);
    tcase_add_test(tc, test_title_and_late_apposition);
    tcase_add_test(tc, test_no_verb);
    tcase_add_test(tc, test_conllu_errors);
    tcase_add_test(tc, test_bare_participle_main_verb);
    tcase_add_test(tc, test_apposition_before_say_verb_no_inversion);
    tcase_add_test(tc, test_graph_org_apposition);
    tcase_add_test(tc, test_relative_on_apposition);
    tcase_add_test(tc, test_graph_time_out_of_arguments);
    tcase_add_test(tc, test_graph_tell_and_verbless);
    tcase_add_test(tc, test_graph_news_roles_and_nominals);
    tcase_add_test(tc, test_graph_news_batch3);
    tcase_add_test(tc, test_graph_news_batch4);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
