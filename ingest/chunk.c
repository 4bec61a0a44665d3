/*
 * chunk.c -- token classes (the tag string) and noun-phrase chunks.
 *
 * Place in the flow: first step of extraction for a sentence. Each token gets
 * one class character (extract_int.h XC_*) from its Penn tag, UPOS and word;
 * relation.c matches its pcre2 patterns on the resulting string. Participles
 * used as modifiers ("the existing agreements") become adjectives here, and
 * words that may be a preposition or a subordinator ("since", "after") become
 * subordinators when a clause follows.
 */
#include "extract_int.h"
#include "ner_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *kg_xtok_xpos(const xsent *s, size_t i)
{
    return kg_xpos_name(s->tok[i].xpos);
}

int kg_xtok_is(const xsent *s, size_t i, const char *w)
{
    return i < s->n && strcmp(s->lower[i], w) == 0;
}

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

static const char *const subordinators[] = {
    "because", "although", "though", "if", "whether", "while", "whereas", "unless",
    "whilst", "so", NULL};
static const char *const sub_or_prep[] = {
    "since", "after", "before", "until", "till", "once", "as", NULL};
static const char *const prep_gerunds[] = {
    "including", "excluding", "regarding", "concerning", "according", "depending",
    "following", "notwithstanding", "considering", NULL};
static const char *const neg_words[] = {"not", "n't", "never", "cannot", NULL};

static int is_be_have_do(const char *lemma)
{
    return strcmp(lemma, "be") == 0 || strcmp(lemma, "have") == 0 ||
           strcmp(lemma, "do") == 0;
}

static char classify(const xsent *s, size_t i)
{
    const char *x = kg_xtok_xpos(s, i);
    const char *w = s->lower[i];
    int upos = s->tok[i].upos;

    if (in_list(w, neg_words))
        return XC_NEG;
    if (strcmp(w, "no") == 0 && i + 1 < s->n && strcmp(s->lower[i + 1], "longer") == 0)
        return XC_NEG;
    if (x[0] == 'V') {
        const char *lemma = s->tok[i].lemma ? s->tok[i].lemma : w;
        if (strcmp(x, "VBG") == 0 && in_list(w, prep_gerunds))
            return XC_PREP; /* "including", "according (to)": prepositions */
        return is_be_have_do(lemma) ? XC_AUX : XC_VERB;
    }
    if (strcmp(x, "MD") == 0)
        return XC_MODAL;
    if (strncmp(x, "NNP", 3) == 0)
        return XC_PROPN;
    if (strncmp(x, "NN", 2) == 0 || strcmp(x, "FW") == 0 || strcmp(x, "ADD") == 0)
        return XC_NOUN;
    if (strcmp(x, "PRP") == 0 || strcmp(x, "EX") == 0)
        return XC_PRON;
    if (strcmp(x, "PRP$") == 0 || strcmp(x, "DT") == 0 || strcmp(x, "PDT") == 0)
        return XC_DET;
    if (strcmp(x, "WDT") == 0 || strcmp(x, "WP") == 0 || strcmp(x, "WP$") == 0)
        return XC_WH;
    if (strcmp(x, "WRB") == 0)
        return XC_SUB;
    if (strcmp(x, "POS") == 0)
        return XC_POSS;
    if (strncmp(x, "JJ", 2) == 0 || strcmp(x, "AFX") == 0)
        return XC_ADJ;
    if (strcmp(x, "CD") == 0)
        return XC_NUM;
    if (strncmp(x, "RB", 2) == 0)
        return XC_ADV;
    if (strcmp(x, "TO") == 0)
        return XC_TO;
    if (strcmp(x, "RP") == 0)
        return XC_PART;
    if (strcmp(x, "CC") == 0)
        return XC_CC;
    if (strcmp(x, "IN") == 0) {
        if (strcmp(w, "that") == 0 || in_list(w, subordinators))
            return XC_SUB;
        return XC_PREP;
    }
    if (strcmp(x, ",") == 0)
        return XC_COMMA;
    if (strcmp(x, ".") == 0)
        return XC_END;
    if (strcmp(x, ":") == 0 || strcmp(x, "NFP") == 0)
        return XC_COLON;
    if (strcmp(x, "-LRB-") == 0)
        return XC_OPEN;
    if (strcmp(x, "-RRB-") == 0)
        return XC_CLOSE;
    if (strcmp(x, "``") == 0 || strcmp(x, "''") == 0)
        return XC_QUOTE;
    if (strcmp(x, "HYPH") == 0)
        return XC_HYPH;
    if (strcmp(x, "$") == 0 || strcmp(x, "#") == 0)
        return XC_SYM;
    /* Unknown Penn tag: fall back on UPOS. */
    switch (upos) {
    case KG_UPOS_NOUN: return XC_NOUN;
    case KG_UPOS_PROPN: return XC_PROPN;
    case KG_UPOS_VERB: return XC_VERB;
    case KG_UPOS_AUX: return XC_AUX;
    case KG_UPOS_ADJ: return XC_ADJ;
    case KG_UPOS_ADV: return XC_ADV;
    case KG_UPOS_ADP: return XC_PREP;
    case KG_UPOS_DET: return XC_DET;
    case KG_UPOS_PRON: return XC_PRON;
    case KG_UPOS_NUM: return XC_NUM;
    case KG_UPOS_CCONJ: return XC_CC;
    case KG_UPOS_SCONJ: return XC_SUB;
    case KG_UPOS_PART: return XC_PART;
    case KG_UPOS_PUNCT: return XC_COLON;
    default: return XC_OTHER;
    }
}

static int is_nominal(char c)
{
    return c == XC_NOUN || c == XC_PROPN || c == XC_NUM;
}

/* Whether the sentence has a finite verb, an auxiliary or a modal (cls set). */
static int finite_verb(const xsent *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        const char *x = kg_xtok_xpos(s, i);
        if (s->cls[i] == XC_AUX || s->cls[i] == XC_MODAL ||
            (s->cls[i] == XC_VERB && x[0] != 'V') || /* a word read as a verb here */
            (s->cls[i] == XC_VERB && (strcmp(x, "VBD") == 0 || strcmp(x, "VBZ") == 0 ||
                                      strcmp(x, "VBP") == 0)))
            return 1;
    }
    return 0;
}

/* Is the sentence's first finite verb right after "and" ("... 2-1 at the
 * Etihad Stadium and moved four points clear")? */
static int finite_after_and(const xsent *s)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        const char *x = kg_xtok_xpos(s, i);
        if (s->cls[i] == XC_AUX || s->cls[i] == XC_MODAL ||
            (s->cls[i] == XC_VERB && (strcmp(x, "VBD") == 0 || strcmp(x, "VBZ") == 0 ||
                                      strcmp(x, "VBP") == 0)))
            return i > 0 && s->cls[i - 1] == XC_CC;
    }
    return 0;
}

int kg_xchunk_classify(xsent *s)
{
    size_t i;
    s->cls = malloc(s->n + 1);
    s->lower = calloc(s->n ? s->n : 1, sizeof *s->lower);
    if (s->cls == NULL || s->lower == NULL)
        return KG_ENOMEM;
    for (i = 0; i < s->n; i++) {
        const char *p = s->a->text + s->tok[i].start;
        size_t len = s->tok[i].end - s->tok[i].start, k;
        char *l = malloc(len + 1);
        if (l == NULL)
            return KG_ENOMEM;
        for (k = 0; k < len; k++)
            l[k] = (char)tolower((unsigned char)p[k]);
        l[len] = '\0';
        /* Typographic apostrophe in "n’t" / "’s". */
        if (len == 5 && strcmp(l, "n\xe2\x80\x99t") == 0)
            strcpy(l, "n't");
        s->lower[i] = l;
    }
    for (i = 0; i < s->n; i++)
        s->cls[i] = classify(s, i);
    s->cls[s->n] = '\0';
    /* "Italy ' s" (a PTB-spaced "'s" cut in two): both parts are the possessive. */
    for (i = 0; i + 1 < s->n; i++)
        if ((s->cls[i] == XC_QUOTE || s->cls[i] == XC_POSS) &&
            (strcmp(s->lower[i], "'") == 0 || strcmp(s->lower[i], "\xe2\x80\x99") == 0) &&
            !(s->tok[i + 1].flags & KG_TOK_SPACE_BEFORE) && strcmp(s->lower[i + 1], "s") == 0) {
            s->cls[i] = XC_POSS;
            s->cls[i + 1] = XC_POSS;
        }
    /* "I ' m", "they ' re", "we ' ve", "it ' ll" (PTB contractions cut in two) */
    for (i = 0; i + 1 < s->n; i++) {
        const char *w = s->lower[i + 1];
        char c = 0;
        if (!(strcmp(s->lower[i], "'") == 0 || strcmp(s->lower[i], "\xe2\x80\x99") == 0) ||
            (s->tok[i + 1].flags & KG_TOK_SPACE_BEFORE))
            continue;
        if (strcmp(w, "m") == 0 || strcmp(w, "re") == 0 || strcmp(w, "ve") == 0)
            c = XC_AUX;
        else if (strcmp(w, "ll") == 0 || strcmp(w, "d") == 0)
            c = XC_MODAL;
        if (c)
            s->cls[i] = s->cls[i + 1] = c;
    }
    /* A word inside a named mention is a proper noun whatever the tagger said
     * ("OpenAI" as JJ); verbs and function words keep their class, except a
     * capitalised -ing word that takes no object ("Boeing , which builds"). */
    if (s->ents) {
        const kg_entities *e = s->ents;
        for (i = 0; i < s->n && e->token_mention; i++) {
            size_t m = e->token_mention[s->first + i];
            char c = s->cls[i], next = i + 1 < s->n ? s->cls[i + 1] : XC_END;
            if (m == KG_NO_MENTION || e->mentions[m].kind != KG_MENTION_NAME ||
                !(s->tok[i].flags & KG_TOK_CAPITALISED))
                continue;
            if (c == XC_ADJ || c == XC_NOUN || c == XC_OTHER)
                s->cls[i] = XC_PROPN;
            else if (c == XC_VERB && strcmp(kg_xtok_xpos(s, i), "VBG") == 0 &&
                     (next == XC_COMMA || next == XC_VERB || next == XC_AUX || next == XC_MODAL ||
                      next == XC_POSS || next == XC_END || next == XC_CC))
                s->cls[i] = XC_PROPN;
            else if (c == XC_VERB && e->mentions[m].first_token < s->first + i &&
                     strchr(s->lower[i], '-') != NULL)
                s->cls[i] = XC_PROPN; /* "Lam Cheuk-ting from": a hyphenated name part */
        }
    }
    /* Participles and gerunds inside a noun phrase are modifiers. */
    for (i = 0; i + 1 < s->n; i++) {
        const char *x = kg_xtok_xpos(s, i);
        char prev = i ? s->cls[i - 1] : 0, next = s->cls[i + 1];
        if (s->cls[i] != XC_VERB || (strcmp(x, "VBG") != 0 && strcmp(x, "VBN") != 0))
            continue;
        if ((prev == XC_DET || prev == XC_ADJ || prev == XC_POSS || prev == XC_NUM ||
             prev == XC_HYPH) && (next == XC_NOUN || next == XC_PROPN || next == XC_ADJ ||
                                  /* "its remaining 20 percent stake" */
                                  (next == XC_NUM && prev == XC_DET)))
            s->cls[i] = XC_ADJ;
        /* "employs reduced instruction set computing technology" */
        else if (prev == XC_VERB && strcmp(x, "VBN") == 0 && (next == XC_NOUN || next == XC_ADJ))
            s->cls[i] = XC_ADJ;
    }
    /* "pays OpenAI revenue share": a base-form "verb" between two nouns right
     * after a verb's object start is a noun the tagger missed. */
    for (i = 2; i + 1 < s->n; i++) {
        const char *x = kg_xtok_xpos(s, i);
        char before = s->cls[i - 1], after = s->cls[i + 1], gov = s->cls[i - 2];
        if (s->cls[i] == XC_VERB && (strcmp(x, "VB") == 0 || strcmp(x, "VBP") == 0) &&
            (before == XC_NOUN || before == XC_PROPN) &&
            (after == XC_NOUN || after == XC_PROPN || after == XC_ADJ) &&
            (gov == XC_VERB || gov == XC_AUX))
            s->cls[i] = XC_NOUN;
    }
    /* "include vision screening ,": a gerund after a noun and before a boundary
     * closes a noun compound. */
    for (i = 1; i < s->n; i++) {
        char after = i + 1 < s->n ? s->cls[i + 1] : XC_END;
        if (s->cls[i] == XC_VERB && strcmp(kg_xtok_xpos(s, i), "VBG") == 0 &&
            s->cls[i - 1] == XC_NOUN &&
            (after == XC_COMMA || after == XC_CC || after == XC_END || after == XC_COLON))
            s->cls[i] = XC_NOUN;
    }
    /* "Those who were tripped", "This is not the first time", "many are not
     * getting enough": a demonstrative or quantifier without a noun after it
     * stands for one. */
    for (i = 0; i < s->n; i++) {
        char after = i + 1 < s->n ? s->cls[i + 1] : XC_END;
        static const char *const stand_ins[] = {"those", "these", "this", "many", "some",
                                                "most", "several", "few", NULL};
        size_t j = i + 1;
        while (j < s->n && s->cls[j] == XC_ADV)
            j++;
        if (j > i + 1 && j < s->n)
            after = s->cls[j] == XC_VERB || s->cls[j] == XC_AUX || s->cls[j] == XC_MODAL
                        ? s->cls[j] : XC_ADV; /* "This often results" */
        if ((s->cls[i] == XC_DET || s->cls[i] == XC_ADJ) &&
            (in_list(s->lower[i], stand_ins) ||
             /* sentence-initial "That would be ..." */
             (strcmp(s->lower[i], "that") == 0 &&
              (i == 0 || s->cls[i - 1] == XC_QUOTE))) &&
            (i == 0 || s->cls[i - 1] != XC_PRON) &&
            (after == XC_WH || after == XC_AUX || after == XC_MODAL || after == XC_VERB ||
             after == XC_END || after == XC_COMMA))
            s->cls[i] = XC_PRON;
    }
    /* "The first , at a severity of 6.0 , occurred", "the latter said": an
     * ordinal after "the" with no noun after it is the head. */
    for (i = 1; i < s->n; i++) {
        static const char *const heads[] = {"first", "second", "third", "last", "former",
                                            "latter", "latest", NULL};
        char after = i + 1 < s->n ? s->cls[i + 1] : XC_END;
        if (s->cls[i] == XC_ADJ && s->cls[i - 1] == XC_DET && in_list(s->lower[i], heads) &&
            (after == XC_AUX || after == XC_MODAL || after == XC_VERB || after == XC_COMMA ||
             after == XC_END))
            s->cls[i] = XC_NOUN;
    }
    /* "The study , published in Nature , involved 1,200 women": in a sentence
     * without a finite verb, a past form read as an adjective right after a
     * comma and before an object is the verb */
    if (!finite_verb(s)) {
        for (i = 2; i + 1 < s->n; i++) {
            size_t w = strlen(s->lower[i]);
            char after = s->cls[i + 1];
            if (s->cls[i] == XC_ADJ && s->cls[i - 1] == XC_COMMA &&
                strcmp(kg_xtok_xpos(s, i), "JJ") == 0 && w > 4 &&
                strcmp(s->lower[i] + w - 2, "ed") == 0 &&
                (after == XC_NUM || after == XC_DET || after == XC_PROPN || after == XC_PRON ||
                 (after == XC_NOUN && strcmp(kg_xtok_xpos(s, i + 1), "NNS") == 0)) &&
                is_nominal(s->cls[i - 2])) {
                s->cls[i] = XC_VERB;
                break;
            }
        }
    }
    /* "Fillmore/RB spent/JJ ten years", "Djokovic/JJ beat/NN Alcaraz": in a
     * sentence without a finite verb, an irregular past form right after a
     * capitalised first word and before an object is the verb, and the
     * capitalised word its subject */
    if (!finite_verb(s) || finite_after_and(s)) {
        size_t f = 0;
        /* after a dateline "MANCHESTER , England —" */
        for (i = 0; i + 1 < s->n && i < 8; i++)
            if (s->cls[i] == XC_COLON || strcmp(s->lower[i], "\xe2\x80\x94") == 0 ||
                strcmp(s->lower[i], "\xe2\x80\x93") == 0 || strcmp(s->lower[i], "--") == 0)
                f = i + 1;
        if (f + 3 < s->n && (s->tok[f].flags & KG_TOK_CAPITALISED) &&
            (s->cls[f + 1] == XC_ADJ || s->cls[f + 1] == XC_NOUN || s->cls[f + 1] == XC_PREP) &&
            kg_xnorm_irregular_past(s->lower[f + 1]) && strcmp(s->lower[f + 1], "set") != 0 &&
            strcmp(s->lower[f + 1], "cut") != 0 &&
            (s->cls[f + 2] == XC_NUM || s->cls[f + 2] == XC_DET || s->cls[f + 2] == XC_PROPN ||
             (s->cls[f + 2] == XC_NOUN && (s->tok[f + 2].flags & KG_TOK_CAPITALISED)))) {
            s->cls[f + 1] = XC_VERB;
            if (s->cls[f] == XC_ADJ || s->cls[f] == XC_ADV || s->cls[f] == XC_NOUN)
                s->cls[f] = XC_PROPN;
            if (s->cls[f + 2] == XC_NOUN)
                s->cls[f + 2] = XC_PROPN; /* "Manchester/NN City" */
        }
    }
    /* A sentence without any verb: "G-7 consists of ...", "This often results
     * in ...": a plural noun in "-s" right after the subject and before a
     * preposition, determiner or "to" (a sentence with no finite verb: "to
     * open" may follow) is the verb the tagger missed; after a
     * common noun only with an adverb between ("The company also plans to"). */
    if (!finite_verb(s)) {
        for (i = 1; i + 1 < s->n; i++) {
            size_t w = strlen(s->lower[i]), bi = i - 1;
            char before, after = s->cls[i + 1];
            if (bi >= 1 && s->cls[bi] == XC_ADV)
                bi--;
            before = s->cls[bi];
            if (before == XC_DET && (strcmp(s->lower[bi], "this") == 0 ||
                                     strcmp(s->lower[bi], "that") == 0))
                before = XC_PRON; /* "This often results in" */
            if (s->cls[i] == XC_NOUN && strcmp(kg_xtok_xpos(s, i), "NNS") == 0 && w > 3 &&
                s->lower[i][w - 1] == 's' && s->lower[i][w - 2] != 's' &&
                (before == XC_PRON || before == XC_PROPN || before == XC_NUM ||
                 (before == XC_NOUN && (bi + 1 < i || after == XC_TO))) &&
                (after == XC_PREP || after == XC_DET || after == XC_TO ||
                 /* "Northwind expects revenue of": after a name, a noun too */
                 ((before == XC_PROPN || before == XC_PRON) && bi + 1 == i &&
                  (after == XC_NOUN || after == XC_ADJ || after == XC_NUM ||
                   after == XC_SYM || (after == XC_PROPN && before == XC_PROPN))))) {
                s->cls[i] = XC_VERB;
                s->cls[bi] = before == XC_PRON ? XC_PRON : s->cls[bi];
                break;
            }
            /* "Apple and Samsung control about 80 percent": a singular noun
             * after a coordinated name or a plural pronoun */
            if (s->cls[i] == XC_NOUN && strcmp(kg_xtok_xpos(s, i), "NN") == 0 && bi + 1 == i &&
                ((before == XC_PROPN && bi >= 2 && s->cls[bi - 1] == XC_CC &&
                  s->cls[bi - 2] == XC_PROPN) ||
                 (before == XC_PRON && (strcmp(s->lower[bi], "they") == 0 ||
                                        strcmp(s->lower[bi], "we") == 0))) &&
                (after == XC_PREP || after == XC_DET || after == XC_NUM || after == XC_PRON ||
                 /* "about/RB 80 percent": an adverb before a number */
                 (after == XC_ADV && i + 2 < s->n &&
                  (s->cls[i + 2] == XC_NUM || s->cls[i + 2] == XC_SYM)))) {
                s->cls[i] = XC_VERB;
                s->cls[bi] = before == XC_PRON ? XC_PRON : s->cls[bi];
                break;
            }
        }
    }
    /* "cut costs and laid off 18,000 employees": a past form read as an
     * adjective after "and", with a preposition, number or determiner after
     * it and a verb before, is a coordinated verb. */
    for (i = 2; i + 1 < s->n; i++) {
        size_t w = strlen(s->lower[i]), j;
        char after = s->cls[i + 1];
        int verb_before = 0;
        if (s->cls[i] != XC_ADJ || s->cls[i - 1] != XC_CC || strcmp(kg_xtok_xpos(s, i), "JJ") != 0)
            continue;
        if (!((w > 4 && strcmp(s->lower[i] + w - 2, "ed") == 0) ||
              (w > 3 && strcmp(s->lower[i] + w - 3, "aid") == 0)))
            continue;
        if (!(after == XC_PREP || after == XC_NUM || after == XC_DET))
            continue;
        for (j = 0; j + 1 < i; j++)
            if (s->cls[j] == XC_VERB || s->cls[j] == XC_AUX)
                verb_before = 1;
        if (verb_before && is_nominal(s->cls[i - 2]))
            s->cls[i] = XC_VERB;
    }
    /* "would later claim/NN that": after a modal (and adverbs or a negation)
     * a singular common noun is the verb the tagger missed */
    for (i = 0; i + 1 < s->n; i++) {
        size_t j = i + 1;
        if (s->cls[i] != XC_MODAL)
            continue;
        while (j < s->n && (s->cls[j] == XC_ADV || s->cls[j] == XC_NEG))
            j++;
        if (j < s->n && s->cls[j] == XC_NOUN && strcmp(kg_xtok_xpos(s, j), "NN") == 0 &&
            (j + 1 >= s->n || s->cls[j + 1] != XC_NOUN))
            s->cls[j] = XC_VERB;
    }
    /* "buy/VB back/RB any shares": a particle the tagger read as an adverb,
     * right after a verb and before its object */
    for (i = 1; i + 1 < s->n; i++) {
        static const char *const particles[] = {"back", "up", "down", "off", "out", NULL};
        char after = s->cls[i + 1];
        if (s->cls[i] == XC_ADV && s->cls[i - 1] == XC_VERB && in_list(s->lower[i], particles) &&
            (after == XC_DET || after == XC_NUM || after == XC_PRON || after == XC_PROPN ||
             after == XC_NOUN))
            s->cls[i] = XC_PART;
    }
    /* "has never paid a fine/JJ to the FAA": an adjective between a
     * determiner and a preposition or the end has no noun to modify and is
     * the noun ("a few of", "the same as", "the first to" stay) */
    for (i = 1; i + 1 < s->n; i++) {
        static const char *const keep[] = {"few", "same", "other", "first", "last", "next",
                                           "former", "latter", "only", "whole", "such", NULL};
        char after = s->cls[i + 1];
        if (s->cls[i] == XC_ADJ && strcmp(kg_xtok_xpos(s, i), "JJ") == 0 &&
            s->cls[i - 1] == XC_DET && !in_list(s->lower[i], keep) &&
            (after == XC_PREP || after == XC_END || after == XC_COMMA))
            s->cls[i] = XC_NOUN;
    }
    /* "declined to comment/NN .": after "to" following a verb that takes an
     * infinitive, a bare common noun before the end of the clause is a verb */
    for (i = 2; i + 1 < s->n; i++) {
        static const char *const inf_verbs[] = {
            "decline", "refuse", "agree", "plan", "decide", "offer", "fail", "seek", "aim",
            "hope", "try", "threaten", "promise", "intend", "vow", "pledge", "want", "expect",
            "attempt", "continue", "begin", "start", "need", NULL};
        const char *l = s->tok[i - 2].lemma ? s->tok[i - 2].lemma : s->lower[i - 2];
        char after = s->cls[i + 1];
        if (s->cls[i] == XC_NOUN && strcmp(kg_xtok_xpos(s, i), "NN") == 0 &&
            (s->cls[i - 1] == XC_TO || strcmp(s->lower[i - 1], "to") == 0) &&
            s->cls[i - 2] == XC_VERB && in_list(l, inf_verbs) &&
            (after == XC_END || after == XC_COMMA || after == XC_PREP || after == XC_CC ||
             after == XC_DET)) {
            s->cls[i] = XC_VERB;
            s->cls[i - 1] = XC_TO; /* "to/IN" */
        }
    }
    /* "Brightwater , which was founded ... , employs/NNS about 3,400 people":
     * a plural-looking noun right after the comma closing a relative clause
     * and before an object is the main verb */
    for (i = 3; i + 1 < s->n; i++) {
        size_t w = strlen(s->lower[i]), j;
        char after = s->cls[i + 1];
        int rel = 0;
        if (s->cls[i] != XC_NOUN || strcmp(kg_xtok_xpos(s, i), "NNS") != 0 ||
            s->cls[i - 1] != XC_COMMA || w < 4 || s->lower[i][w - 1] != 's' ||
            s->lower[i][w - 2] == 's' ||
            !(after == XC_DET || after == XC_NUM || after == XC_ADV || after == XC_PRON ||
              after == XC_PROPN))
            continue;
        for (j = 1; j + 1 < i; j++)
            if (s->cls[j] == XC_WH && s->cls[j - 1] == XC_COMMA)
                rel = 1;
            else if (rel && s->cls[j] == XC_COMMA && j + 1 < i)
                rel = 0;
        if (rel) {
            s->cls[i] = XC_VERB;
            break;
        }
    }
    /* "control about 80 percent", "around $5 billion": an approximator
     * before a number is an adverb, not a preposition */
    for (i = 0; i + 1 < s->n; i++)
        if (s->cls[i] == XC_PREP &&
            (strcmp(s->lower[i], "about") == 0 || strcmp(s->lower[i], "around") == 0 ||
             strcmp(s->lower[i], "roughly") == 0 || strcmp(s->lower[i], "approximately") == 0) &&
            (s->cls[i + 1] == XC_NUM || s->cls[i + 1] == XC_SYM))
            s->cls[i] = XC_ADV;
    /* "Halvorsen 's chief executive .": a role word the tagger read as an
     * adjective at the end of a noun phrase after a noun is its head. */
    for (i = 1; i < s->n; i++) {
        static const char *const roles[] = {"executive", "official", "representative",
                                            "general", "principal", "chief", "deputy",
                                            "secretary", "spokesman", "spokeswoman", NULL};
        char after = i + 1 < s->n ? s->cls[i + 1] : XC_END;
        if (s->cls[i] == XC_ADJ &&
            (s->cls[i - 1] == XC_NOUN ||
             (s->cls[i - 1] == XC_ADJ && in_list(s->lower[i - 1], roles))) &&
            in_list(s->lower[i], roles) &&
            /* "BP chief executive Murray Auchincloss": a name may follow */
            !(after == XC_NOUN || after == XC_ADJ || after == XC_NUM || after == XC_HYPH))
            s->cls[i] = XC_NOUN;
    }
    /* "since the company was founded": a subordinator when a clause follows. */
    for (i = 0; i + 1 < s->n; i++) {
        size_t j;
        if (s->cls[i] != XC_PREP || !in_list(s->lower[i], sub_or_prep))
            continue;
        for (j = i + 1; j < s->n && j < i + 8; j++) {
            char c = s->cls[j];
            if (c == XC_AUX || c == XC_MODAL ||
                (c == XC_VERB && (strcmp(kg_xtok_xpos(s, j), "VBD") == 0 ||
                                  strcmp(kg_xtok_xpos(s, j), "VBZ") == 0 ||
                                  strcmp(kg_xtok_xpos(s, j), "VBP") == 0))) {
                if (j > i + 1 && (is_nominal(s->cls[j - 1]) || s->cls[j - 1] == XC_PRON))
                    s->cls[i] = XC_SUB;
                break;
            }
            if (!(is_nominal(c) || c == XC_DET || c == XC_ADJ || c == XC_PRON ||
                  c == XC_POSS || c == XC_HYPH ||
                  (c == XC_CC && j > i + 1))) /* "after the union and the company reached" */
                break;
        }
    }
    return KG_OK;
}

void kg_xchunk_free(xsent *s)
{
    size_t i;
    if (s->lower)
        for (i = 0; i < s->n; i++)
            free(s->lower[i]);
    free(s->lower);
    free(s->cls);
    free(s->groups);
    s->lower = NULL;
    s->cls = NULL;
    s->groups = NULL;
}

/* NP -> (DET | ADJ | NUM | NOUN | PROPN | POSS | SYM | HYPH | ADV ADJ)* head | PRON */
int kg_xchunk_np_at(const xsent *s, size_t i, size_t limit, size_t *e)
{
    size_t j, last = 0;
    int found = 0;
    if (limit > s->n)
        limit = s->n;
    if (i >= limit)
        return 0;
    if (s->cls[i] == XC_PRON) {
        *e = i + 1;
        return 1;
    }
    for (j = i; j < limit; j++) {
        char c = s->cls[j];
        if (is_nominal(c) || c == XC_SYM) {
            last = j;
            found = 1;
        } else if (c == XC_DET || c == XC_ADJ || c == XC_POSS) {
            if (c == XC_DET && j > i && s->cls[j - 1] != XC_DET && s->cls[j - 1] != XC_POSS)
                break; /* a new NP starts: "gave OpenAI the rights" */
        } else if (c == XC_HYPH) {
            if (j + 1 >= limit || j == i)
                break;
        } else if (c == XC_ADV && j + 1 < limit && s->cls[j + 1] == XC_ADJ) {
            continue;
        } else if (c == XC_QUOTE && found == 0 && j == i) {
            continue;
        } else {
            break;
        }
    }
    if (!found)
        return 0;
    *e = last + 1;
    return 1;
}

size_t kg_xchunk_head(const xsent *s, size_t b, size_t e)
{
    size_t np_end, j, head = b;
    if (b >= e)
        return b;
    if (!kg_xchunk_np_at(s, b, e, &np_end)) {
        for (j = b; j < e; j++)
            if (is_nominal(s->cls[j]) || s->cls[j] == XC_PRON)
                return j;
        return b;
    }
    for (j = b; j < np_end; j++)
        if (is_nominal(s->cls[j]) || s->cls[j] == XC_PRON || s->cls[j] == XC_SYM)
            head = j;
    /* "AWS Inc. ( AWS )": proper-noun heads keep their first word's mention. */
    return head;
}
