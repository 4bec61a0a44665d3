/*
 * relation.c -- verb groups on the tag string (pcre2 JIT) and the attachment
 * of their arguments.
 *
 * Place in the flow: after chunk.c has written a sentence's tag string. A verb
 * group is auxiliaries, modals, adverbs and negation around a main verb, with
 * a particle and "to"-infinitive chains ("continue to be hosted"); the
 * relation phrase extends it ReVerb-style with a preposition (V P) or a short
 * common noun phrase and a preposition (V W* P: "made an offer on").
 * Subjects: the noun phrase left of the group within its clause, with rules
 * for relative pronouns ("X, which acquired Y"), appositions ("X, the chief
 * executive, said"), coordinated verbs ("signed X and launched Y"),
 * participles (", freeing OpenAI to ...") and infinitives with object control
 * ("allowed Microsoft to pursue"). Objects: the words after the relation up to
 * the clause boundary.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "extract_int.h"
#include "ner_int.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct xpatterns {
    pcre2_code *group;
    pcre2_match_data *md; /* not shared between threads: one extractor per thread */
};

/* group -> (T R*)? R* ((M|B) R*)* (V|B) E? (R* T R* (B R*)* (V|B) E?)*   */
static const char group_pattern[] =
    "(?:T[RX]*)?[RX]*(?:[MB][RX]*)*[VB]E?(?:[RX]*T[RX]*(?:B[RX]*)*[VB]E?)*";

int kg_xrel_compile(xpatterns **out, kg_error *err)
{
    int code;
    PCRE2_SIZE off;
    xpatterns *p = calloc(1, sizeof *p);
    if (p == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    p->group = pcre2_compile((PCRE2_SPTR)group_pattern, PCRE2_ZERO_TERMINATED, 0, &code,
                             &off, NULL);
    if (p->group == NULL) {
        free(p);
        return kg_error_set(err, KG_EINPUT, "extract: bad verb-group pattern at %zu", (size_t)off);
    }
    (void)pcre2_jit_compile(p->group, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    p->md = pcre2_match_data_create_from_pattern(p->group, NULL);
    if (p->md == NULL) {
        pcre2_code_free(p->group);
        free(p);
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    }
    *out = p;
    return KG_OK;
}

void kg_xrel_free(xpatterns *p)
{
    if (p == NULL)
        return;
    pcre2_match_data_free(p->md);
    pcre2_code_free(p->group);
    free(p);
}

static int is_np_tok(char c)
{
    return c == XC_NOUN || c == XC_PROPN || c == XC_NUM || c == XC_DET || c == XC_ADJ ||
           c == XC_POSS || c == XC_SYM || c == XC_HYPH || c == XC_PRON;
}

static int is_nominal(char c)
{
    return c == XC_NOUN || c == XC_PROPN || c == XC_NUM || c == XC_PRON || c == XC_SYM;
}

static const char *const say_verbs[] = {
    "say", "tell", "add", "announce", "report", "state", "claim", "argue", "note", "insist",
    "believe", "think", "suggest", "indicate", "confirm", "explain", "warn", "know", "show",
    "write", "reveal", "deny", "expect", "predict", "signal", "acknowledge", "admit", "mean",
    "find", "hope", "agree", "emphasize", "emphasise", NULL};

/* Verbs whose object is the subject of a following infinitive. */
static const char *const control_verbs[] = {
    "allow", "enable", "free", "force", "ask", "tell", "permit", "require", "encourage",
    "invite", "urge", "persuade", "help", "let", "want", "expect", "need", "order", "cause",
    "authorize", "authorise", "push", "pressure", "compel", "oblige", "lead", "get", "hire",
    "train", "choose", "elect", "appoint", "advise", "instruct", "prompt", "inspire", NULL};

static int lemma_in(const xsent *s, size_t i, const char *const *list)
{
    const char *l = s->tok[i].lemma ? s->tok[i].lemma : s->lower[i];
    for (; *list; list++)
        if (strcmp(l, *list) == 0)
            return 1;
    return 0;
}

static int lemma_is(const xsent *s, size_t i, const char *w)
{
    const char *l = s->tok[i].lemma ? s->tok[i].lemma : s->lower[i];
    return strcmp(l, w) == 0;
}

static int push_group(xsent *s, const xgroup *g)
{
    if (s->n_groups == s->cap_groups) {
        size_t cap = s->cap_groups ? 2 * s->cap_groups : 8;
        xgroup *v = realloc(s->groups, cap * sizeof *v);
        if (v == NULL)
            return KG_ENOMEM;
        s->groups = v;
        s->cap_groups = cap;
    }
    s->groups[s->n_groups++] = *g;
    return KG_OK;
}

/* Does the verb group starting at i follow a relative pronoun or "that"
 * (adverbs between)? A bare participle there is a past tense the tagger
 * misread: "which spun/VBN off from" (a passive would need "was"). */
static int after_relative(const xsent *s, size_t i)
{
    static const char *const rel[] = {"which", "who", "that", NULL};
    while (i > 0 && s->cls[i - 1] == XC_ADV)
        i--;
    return i > 0 && lemma_in(s, i - 1, rel);
}

/* Fill head, kind, flags of a group matched at [b, e). */
static void describe(const xsent *s, xgroup *g)
{
    size_t i, n_aux = 0;
    const char *x;
    g->head = g->start;
    for (i = g->start; i < g->end; i++)
        if (s->cls[i] == XC_VERB || s->cls[i] == XC_AUX)
            g->head = i;
    for (i = g->start; i < g->head; i++) {
        if (s->cls[i] == XC_MODAL)
            g->has_modal = 1, n_aux++;
        if (s->cls[i] == XC_AUX)
            n_aux++;
    }
    x = kg_xtok_xpos(s, g->head);
    if (s->cls[g->start] == XC_TO)
        g->kind = XV_INF;
    else if (n_aux == 0 && strcmp(x, "VBG") == 0)
        g->kind = XV_GERUND;
    else if (n_aux == 0 && strcmp(x, "VBN") == 0 && !after_relative(s, g->start))
        g->kind = XV_PARTICIPLE;
    else if (n_aux == 0 && strcmp(x, "VB") == 0 && g->start > 0 && s->cls[g->start - 1] == XC_TO)
        g->kind = XV_INF;
    else
        g->kind = XV_FINITE;
    g->is_copula = s->cls[g->head] == XC_AUX && lemma_is(s, g->head, "be");
    if (strcmp(x, "VBN") == 0)
        for (i = g->start; i < g->head; i++)
            if (lemma_is(s, i, "be") || lemma_is(s, i, "get"))
                g->is_passive = 1;
    if (g->kind == XV_PARTICIPLE)
        g->is_passive = 1;
    g->is_say = lemma_in(s, g->head, say_verbs);
}

static const char *const time_units[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week",
    "weekend", "month", "year", "quarter", "season", "decade", "century", "morning",
    "afternoon", "evening", "night", "spring", "summer", "autumn", "fall", "winter", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "minute", "hour", "day", "half", NULL};

/* A phrase of relative time starting at i: "last year", "next Sunday", "early
 * next year", "five minutes (after the break)", "two years ago", "a year
 * earlier". Returns its end, or 0. */
size_t kg_xrel_time_at(const xsent *s, size_t i, size_t limit)
{
    static const char *const rel[] = {"last", "next", "this", "each", "every", "early",
                                      "late", "mid", "later", "earlier", "coming",
                                      "following", "previous", "past", NULL};
    static const char *const after[] = {"ago", "earlier", "later", "before", "after",
                                        NULL};
    size_t j = i;
    char c;
    if (limit > s->n)
        limit = s->n;
    if (j >= limit)
        return 0;
    c = s->cls[j];
    if (c != XC_ADJ && c != XC_DET && c != XC_ADV && c != XC_NUM && c != XC_VERB)
        return 0; /* (quick: every opening word is one of these) */
    if (lemma_in(s, j, rel) || kg_xtok_is(s, j, "this")) {
        j++;
        if (j < limit && (kg_xtok_is(s, j, "next") || kg_xtok_is(s, j, "last") ||
                          kg_xtok_is(s, j, "this")))
            j++; /* "early next year" */
        if (j < limit && lemma_in(s, j, time_units) && s->cls[j] != XC_MODAL)
            return j + 1;
        return 0;
    }
    if (s->cls[j] == XC_NUM || kg_xtok_is(s, j, "a") || kg_xtok_is(s, j, "an") ||
        kg_xtok_is(s, j, "several") || kg_xtok_is(s, j, "few")) {
        j++;
        if (j < limit && (s->cls[j] == XC_NOUN || s->cls[j] == XC_PROPN) &&
            lemma_in(s, j, time_units) && !kg_xtok_is(s, j, "may") &&
            !kg_xtok_is(s, j, "march") && !kg_xtok_is(s, j, "half")) {
            j++;
            if (j < limit && lemma_in(s, j, after) && s->cls[j] != XC_PREP)
                j++; /* "two years ago", "a year earlier" */
            else if (j < limit && lemma_in(s, j, after)) {
                size_t e;
                /* "five minutes after the break" */
                if (kg_xchunk_np_at(s, j + 1, limit, &e) && e > j + 1)
                    return e;
                return j;
            }
            else
                return 0; /* "a year", "over four years": a duration, no time */
            return j;
        }
    }
    return 0;
}

/* A noun phrase of time: "Tuesday", "last week", "Monday night". */
int kg_xrel_time_np(const xsent *s, size_t b, size_t e)
{
    static const char *const words[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "yesterday", "today", "tonight", "week", "weekend", "month", "year", "morning",
        "afternoon", "evening", "night", "summer", "winter", "spring", "autumn", "quarter",
        NULL};
    size_t k;
    if (e <= b)
        return 0;
    for (k = 0; words[k]; k++)
        if (kg_xtok_is(s, e - 1, words[k]))
            return 1;
    return lemma_in(s, e - 1, words);
}

/* "said in a statement that ...", "announced on Tuesday that ...": the
 * prepositional phrases or time between a say-verb and "that" are a further
 * argument, the clause after "that" the object. Returns the index of "that"
 * or 0. */
static size_t say_gap(const xsent *s, const xgroup *g)
{
    static const char *const tell_verbs[] = {"tell", "inform", "assure", "remind", "warn",
                                             "notify", "advise", "convince", "persuade",
                                             "promise", "show", "teach", NULL};
    size_t j = g->end, e, k;
    /* "told investors on Monday that ...": the person told comes first */
    if (j < s->n && lemma_in(s, g->head, tell_verbs) && s->cls[j] != XC_PREP &&
        kg_xchunk_np_at(s, j, s->n, &e) && e > j && !kg_xrel_time_np(s, j, e))
        j = e;
    for (k = 0; k < 3 && j < s->n; k++) {
        if (s->cls[j] == XC_PREP && !kg_xtok_is(s, j, "that") &&
            kg_xchunk_np_at(s, j + 1, s->n, &e) && e > j + 1)
            j = e;
        else if (kg_xchunk_np_at(s, j, s->n, &e) && e > j && kg_xrel_time_np(s, j, e))
            j = e;
        else
            break;
    }
    if (j > g->end && j < s->n && s->cls[j] == XC_SUB && kg_xtok_is(s, j, "that"))
        return j;
    /* "that" read as a relative pronoun after "on Monday": a complementizer
     * when a subject and its verb follow ("... that Microsoft would invest"),
     * a relative when the verb comes at once ("on a call that lasted") */
    if (j > g->end && j + 1 < s->n && s->cls[j] == XC_WH && kg_xtok_is(s, j, "that") &&
        kg_xchunk_np_at(s, j + 1, s->n, &e) && e > j + 1) {
        while (e < s->n && (s->cls[e] == XC_ADV || s->cls[e] == XC_NEG))
            e++;
        if (e < s->n && (s->cls[e] == XC_MODAL || s->cls[e] == XC_VERB || s->cls[e] == XC_AUX))
            return j;
    }
    /* "said Monday it would ...": a clause without "that" */
    if (j > g->end && j < s->n && kg_xchunk_np_at(s, j, s->n, &e) && e > j) {
        while (e < s->n && s->cls[e] == XC_ADV)
            e++;
        if (e < s->n && (s->cls[e] == XC_MODAL ||
                         ((s->cls[e] == XC_VERB || s->cls[e] == XC_AUX) &&
                          (strcmp(kg_xtok_xpos(s, e), "VBD") == 0 ||
                           strcmp(kg_xtok_xpos(s, e), "VBZ") == 0 ||
                           strcmp(kg_xtok_xpos(s, e), "VBP") == 0))))
            return j;
    }
    return 0;
}

/* The relation phrase: V | V P | V W* P. */
static void relation_end(const xsent *s, xgroup *g)
{
    size_t j = g->end, np_end;
    g->rel_end = g->end;
    if (g->is_say && !g->is_copula && (np_end = say_gap(s, g)) > 0) {
        g->gap_start = g->end;
        g->gap_end = np_end;
        return;
    }
    if (j < s->n && s->cls[j] == XC_SUB && strcmp(s->lower[j], "that") == 0 && !g->is_copula) {
        g->rel_end = j + 1; /* "indicated that" + a clause */
        g->is_say = 1;
        return;
    }
    if (j < s->n && s->cls[j] == XC_PREP) {
        g->rel_end = j + 1;
        return;
    }
    /* "relies exclusively on": an adverb between the verb and its preposition */
    if (j + 1 < s->n && s->cls[j] == XC_ADV && s->cls[j + 1] == XC_PREP &&
        strlen(s->lower[j]) > 4 && strcmp(s->lower[j] + strlen(s->lower[j]) - 2, "ly") == 0 &&
        !kg_xtok_is(s, j + 1, "that") && !kg_xtok_is(s, j + 1, "of")) {
        g->rel_end = j + 2;
        return;
    }
    /* V W* P: a short common noun phrase (or a copula's adjective) then a
     * preposition. Proper names, pronouns and numbers stay arguments. */
    if (j < s->n && kg_xchunk_np_at(s, j, s->n, &np_end) && np_end < s->n &&
        s->cls[np_end] == XC_PREP && np_end - j <= 4) {
        size_t k;
        for (k = j; k < np_end; k++)
            if (s->cls[k] == XC_PROPN || s->cls[k] == XC_PRON || s->cls[k] == XC_NUM ||
                s->cls[k] == XC_POSS || s->cls[k] == XC_SYM ||
                (s->cls[k] == XC_DET && !g->is_copula))
                return;
        if ((!g->is_copula && strcmp(s->lower[np_end], "of") == 0) ||
            kg_xrel_time_np(s, j, np_end))
            return; /* "was held last week in Paris": the time is no part of it */
        {
            /* "will meet party leaders on Wednesday": nor the time after P */
            const kg_entities *ents = s->ents;
            size_t e2, h;
            if (kg_xchunk_np_at(s, np_end + 1, s->n, &e2) && e2 > np_end + 1) {
                h = kg_xchunk_head(s, np_end + 1, e2);
                if (kg_xrel_time_np(s, np_end + 1, e2) || kg_xrel_time_at(s, np_end + 1, e2) ||
                    (ents && ents->token_mention &&
                     ents->token_mention[s->first + h] != KG_NO_MENTION &&
                     ents->mentions[ents->token_mention[s->first + h]].label == KG_LABEL_DATE))
                    return;
            }
        }
        g->rel_end = np_end + 1;
        return;
    }
    if (g->is_copula && j < s->n && s->cls[j] == XC_ADJ) {
        /* "would be responsible only for" */
        size_t k = j + 1;
        while (k < s->n && s->cls[k] == XC_ADV)
            k++;
        if (k < s->n && s->cls[k] == XC_PREP)
            g->rel_end = k + 1;
    }
}

/* Walk left from end (exclusive) over a subject noun phrase: NP (P NP)* with
 * coordination; stops at clause material. Returns the start, or end if none. */
static size_t np_left(const xsent *s, size_t end, size_t limit)
{
    size_t i = end, start = end;
    int crossed_cc = 0;
    while (i > limit) {
        char c = s->cls[i - 1];
        if (c == XC_COMMA && crossed_cc && i - 1 > limit && i < end &&
            s->cls[i] == XC_PROPN && s->cls[i - 2] == XC_PROPN) {
            /* "Microsoft , Apple and Nvidia are": a list of names (names,
             * commas and one "and" only: not "X , Y 's chairman and ...") */
            size_t j;
            int list = 1;
            for (j = i; j < end; j++)
                if (s->cls[j] != XC_PROPN && s->cls[j] != XC_COMMA && s->cls[j] != XC_CC)
                    list = 0;
            if (list) {
                i--;
                continue;
            }
        }
        if (c == XC_CC)
            crossed_cc = 1;
        if (c == XC_PRON) {
            /* a pronoun is a whole NP: "any provider it chooses" -> "it" */
            if (i == end)
                start = i - 1;
            break;
        }
        if (c == XC_DET && i - 1 > limit && i < end &&
            (s->cls[i - 2] == XC_NOUN || s->cls[i - 2] == XC_PROPN || s->cls[i - 2] == XC_NUM)) {
            start = i - 1; /* "At the end of 2008 the venture was ..." */
            break;
        }
        if (is_np_tok(c) || (c == XC_ADV && i < end && s->cls[i] == XC_ADJ)) {
            i--;
            if (c != XC_ADV)
                start = i;
            continue;
        }
        if ((c == XC_PREP || c == XC_CC) && i - 1 > limit && i < end &&
            is_np_tok(s->cls[i - 2]) && s->cls[i - 2] != XC_PRON) {
            i--;
            continue;
        }
        if (c == XC_QUOTE && i - 1 > limit) {
            i--;
            continue;
        }
        break;
    }
    /* Drop leading words that cannot start an NP. */
    while (start < end && (s->cls[start] == XC_PREP || s->cls[start] == XC_CC ||
                           s->cls[start] == XC_POSS || s->cls[start] == XC_HYPH ||
                           s->cls[start] == XC_QUOTE))
        start++;
    /* A leading preposition phrase "In 2005 the firm": keep what follows the
     * last NP boundary if the span began with a preposition. */
    if (start > limit && s->cls[start - 1] == XC_PREP) {
        size_t k, np_e;
        if (kg_xchunk_np_at(s, start, end, &np_e) && np_e < end) {
            k = np_e;
            while (k < end && !is_nominal(s->cls[k]) && s->cls[k] != XC_DET)
                k++;
            if (k < end)
                start = k;
        }
    }
    for (; start < end; start++)
        if (s->cls[start] != XC_QUOTE)
            break;
    /* "at least 76 people", "at most three" */
    if (start > limit && start < end && kg_xtok_is(s, start - 1, "at") &&
        (kg_xtok_is(s, start, "least") || kg_xtok_is(s, start, "most")) && start + 1 < end &&
        s->cls[start + 1] == XC_NUM)
        start--;
    return start;
}

static int has_nominal(const xsent *s, size_t b, size_t e)
{
    for (; b < e; b++)
        if (is_nominal(s->cls[b]))
            return 1;
    return 0;
}

/* Subjects for every group, in order. */
/* "was founded in 2016 and previously raised money from X": a bare
 * participle coordinated with a finite verb and followed directly by its
 * object is a past tense (the tagger reads VBN after the adverb), not a
 * passive -- except the verbs whose passive keeps an object ("was given a
 * medal", "named chief executive"). */
static void active_coordinate(const xsent *s, const xgroup *prev, xgroup *g)
{
    static const char *const keep_obj[] = {"give", "award", "grant", "offer", "send", "show",
                                           "tell", "hand", "name", "call", "elect", "appoint",
                                           "make", "pay", "deny", "promise", "ask", "charge",
                                           "fine", "assign", "allow", "lend", "owe", NULL};
    size_t e;
    if (g->kind != XV_PARTICIPLE || prev->kind != XV_FINITE || g->end >= s->n ||
        lemma_in(s, g->head, keep_obj))
        return;
    if (s->cls[g->end] == XC_PREP || s->cls[g->end] == XC_PRON ||
        !kg_xchunk_np_at(s, g->end, s->n, &e) || e <= g->end)
        return;
    g->kind = XV_FINITE;
    g->is_passive = 0;
}

/* "Siemens expanded in Asia", "The company made record profits": a bare
 * participle right after the clause's subject, with no verb before it in the
 * clause, no "by" after it and no finite verb of its own clause after it, is a
 * past tense the tagger read as VBN (a reduced relative such as "the chips
 * made in Taiwan sell well" has its main verb after it). */
static void active_main(const xsent *s, size_t k)
{
    xgroup *g = &s->groups[k];
    const xgroup *nx = k + 1 < s->n_groups ? &s->groups[k + 1] : NULL;
    size_t p = g->start, j;
    if (g->kind != XV_PARTICIPLE || g->head + 1 >= s->n || kg_xtok_is(s, g->head + 1, "by"))
        return;
    while (p > 0 && s->cls[p - 1] == XC_ADV)
        p--;
    if (k > 0 && p > 0 && s->cls[p - 1] == XC_COMMA && s->groups[k - 1].kind == XV_PARTICIPLE &&
        s->groups[k - 1].start > 1 && s->cls[s->groups[k - 1].start - 1] == XC_COMMA &&
        is_nominal(s->cls[s->groups[k - 1].start - 2])) {
        /* "The company , founded by three engineers , raised $50 million": a
         * second bare participle after a parenthetical one, with no finite
         * verb in the sentence, is the main verb */
        size_t q;
        for (q = 0; q < s->n_groups; q++)
            if (s->groups[q].kind == XV_FINITE)
                return;
        if (kg_xtok_is(s, g->head + 1, "by"))
            return;
        g->kind = XV_FINITE;
        g->is_passive = 0;
        return;
    }
    if (p == 0 || !is_nominal(s->cls[p - 1]))
        return;
    for (j = p; j-- > 0;) {
        char c = s->cls[j];
        if (c == XC_SUB && j + 1 < s->n && s->cls[j + 1] == XC_PREP)
            return; /* "because of vehicles built there" */
        if (c == XC_SUB || c == XC_QUOTE || c == XC_COLON)
            break;
        if (c == XC_PREP && (kg_xtok_is(s, j, "after") || kg_xtok_is(s, j, "before") ||
                             kg_xtok_is(s, j, "since") || kg_xtok_is(s, j, "until") ||
                             kg_xtok_is(s, j, "once")) &&
            j + 1 < s->n && (s->cls[j + 1] == XC_DET || s->cls[j + 1] == XC_PROPN ||
                             s->cls[j + 1] == XC_PRON))
            break; /* "fell after the company missed targets": a clause follows */
        if (c == XC_VERB || c == XC_AUX || c == XC_MODAL || c == XC_WH || c == XC_TO ||
            c == XC_OPEN || c == XC_CLOSE)
            return;
    }
    if (nx && (nx->kind == XV_FINITE ||
               /* "the Study published in X this week , revealed" */
               (nx->kind == XV_PARTICIPLE && nx->start > 0 && s->cls[nx->start - 1] == XC_COMMA))) {
        int sep = 0;
        for (j = g->end; j < nx->start; j++)
            if (s->cls[j] == XC_CC || (s->cls[j] == XC_SUB && !kg_xtok_is(s, j, "as")) ||
                s->cls[j] == XC_WH || s->cls[j] == XC_QUOTE || s->cls[j] == XC_COLON)
                sep = 1;
        j = nx->start;
        while (j > g->end && s->cls[j - 1] == XC_ADV)
            j--;
        if (j > g->end && s->cls[j - 1] == XC_PRON && nx->kind == XV_FINITE)
            sep = 1; /* "improved during the times they used": its own subject */
        if (!sep)
            return;
    }
    g->kind = XV_FINITE;
    g->is_passive = 0;
}

static void attach_subjects(xsent *s)
{
    size_t k;
    for (k = 0; k < s->n_groups; k++) {
        xgroup *g = &s->groups[k], *prev = k ? &s->groups[k - 1] : NULL;
        size_t limit = prev ? prev->rel_end : 0, p = g->start, b;
        g->subj_start = g->subj_end = -1;
        g->time_start = g->time_end = -1;
        g->chain_start = -1;
        while (p > limit && (s->cls[p - 1] == XC_ADV || s->cls[p - 1] == XC_NEG))
            p--;
        if (p > limit + 2 && s->cls[p - 1] == XC_CLOSE) {
            /* "Spotify ( NYSE : SPOT ) gained": the parenthesis is no subject */
            size_t q = p - 1;
            while (q > limit && s->cls[q - 1] != XC_OPEN && s->cls[q - 1] != XC_CLOSE &&
                   p - q < 12)
                q--;
            if (q > limit + 1 && s->cls[q - 1] == XC_OPEN && is_nominal(s->cls[q - 2]))
                p = q - 1;
        }
        g->inverted = 0;
        if (g->is_say && g->rel_end == g->end && p > 1 &&
            (g->kind == XV_FINITE ||
             /* '" ... " , added KCNA': VBN after a quotation */
             (g->kind == XV_PARTICIPLE && memchr(s->cls, XC_QUOTE, p))) &&
            (s->cls[p - 1] == XC_COMMA || s->cls[p - 1] == XC_QUOTE) &&
            (prev || memchr(s->cls, XC_QUOTE, p))) {
            /* (a quotation or a clause before it: "Alphabet , Google 's parent
             * company , reported higher profits" is no inversion) */
            /* Inversion after a quotation: "`` ... , '' said John Smith , the
             * economist ." -- the speaker follows the verb */
            size_t e;
            if (kg_xchunk_np_at(s, g->end, s->n, &e) && e > g->end &&
                (e >= s->n || s->cls[e] == XC_END || s->cls[e] == XC_COMMA ||
                 s->cls[e] == XC_QUOTE) &&
                s->cls[g->end] != XC_PRON) {
                g->subj_start = (long)g->end;
                g->subj_end = (long)e;
                g->subj_rule = 0;
                g->inverted = 1;
                g->kind = XV_FINITE;
                g->is_passive = 0;
                continue;
            }
        }
        if (g->kind == XV_INF) {
            /* Object control: "allowed Microsoft to pursue"; else the governing subject. */
            if (prev && p > prev->rel_end && has_nominal(s, prev->rel_end, p) &&
                prev->rel_end == prev->end && !prev->is_copula &&
                (lemma_in(s, prev->head, control_verbs) || s->cls[p - 1] == XC_PROPN ||
                 s->cls[p - 1] == XC_PRON)) {
                size_t np_end;
                if (kg_xchunk_np_at(s, prev->rel_end, p, &np_end) && np_end == p) {
                    g->subj_start = (long)prev->rel_end;
                    g->subj_end = (long)p;
                    g->subj_rule = 4;
                    continue;
                }
            }
            if (prev && prev->subj_start >= 0) {
                g->subj_start = prev->subj_start;
                g->subj_end = prev->subj_end;
                g->subj_rule = 4;
            } else if (!prev && p > 0 && is_nominal(s->cls[p - 1]) && s->cls[p - 1] != XC_PRON) {
                /* a headline "Halvorsen to buy Brightwater in $4.2 billion deal":
                 * no finite verb, a name opening the line */
                size_t q, b0 = np_left(s, p, 0);
                int finite = 0;
                for (q = 0; q < s->n_groups; q++)
                    if (s->groups[q].kind == XV_FINITE)
                        finite = 1;
                if (!finite && b0 == 0 && has_nominal(s, 0, p) && s->cls[0] == XC_PROPN) {
                    g->subj_start = 0;
                    g->subj_end = (long)p;
                    g->subj_rule = 4;
                }
            }
            continue;
        }
        if (p > limit && s->cls[p - 1] == XC_WH) {
            /* Relative clause: the antecedent before "which/who/that". */
            size_t w = p - 1, e = w;
            if (!(s->lower[w][0] == 'w' || strcmp(s->lower[w], "that") == 0))
                continue;
            if (e > 0 && s->cls[e - 1] == XC_COMMA)
                e--;
            if (e > 0 && is_nominal(s->cls[e - 1])) {
                b = np_left(s, e, prev ? prev->end : 0);
                g->chain_start = (long)b;
                /* the antecedent is the last NP, not a whole "NP P NP" chain */
                {
                    size_t j, last_np = b;
                    for (j = b; j < e; j++)
                        if (s->cls[j] == XC_PREP)
                            last_np = j + 1;
                    if (last_np < e && has_nominal(s, last_np, e))
                        b = last_np;
                }
                if (b < e) {
                    g->subj_start = (long)b;
                    g->subj_end = (long)e;
                    g->subj_rule = 1;
                }
            }
            continue;
        }
        if (prev && p > limit + 1 && s->cls[p - 1] == XC_COMMA && prev->subj_start >= 0 &&
            g->kind != XV_INF && k + 1 < s->n_groups && !prev->is_say) {
            /* A series of verb phrases: "closed two plants , cut 500 jobs and
             * sold its stake" -- the next verb closes it after "and". */
            const xgroup *nx = &s->groups[k + 1];
            size_t q = nx->start, j;
            int clean = 1;
            while (q > g->rel_end && s->cls[q - 1] == XC_ADV)
                q--;
            for (j = limit; j + 1 < p; j++)
                if (s->cls[j] == XC_SUB || s->cls[j] == XC_WH || s->cls[j] == XC_COMMA ||
                    s->cls[j] == XC_CC || s->cls[j] == XC_VERB || s->cls[j] == XC_AUX ||
                    s->cls[j] == XC_QUOTE)
                    clean = 0;
            if (clean && q > g->rel_end && s->cls[q - 1] == XC_CC && nx->kind == g->kind &&
                has_nominal(s, limit, p - 1)) {
                g->subj_start = prev->subj_start;
                g->subj_end = prev->subj_end;
                g->subj_rule = 2;
                continue;
            }
        }
        if (prev && p > limit && (s->cls[p - 1] == XC_CC ||
                                  (s->cls[p - 1] == XC_COMMA && p - 1 == limit))) {
            /* Coordinated verbs share the subject: "signed X and launched Y". */
            if (prev->subj_start >= 0) {
                g->subj_start = prev->subj_start;
                g->subj_end = prev->subj_end;
                g->subj_rule = 2;
                active_coordinate(s, prev, g);
            }
            continue;
        }
        if (g->kind == XV_PARTICIPLE && p > 1 && s->cls[p - 1] == XC_COMMA &&
            (!prev || prev->rel_end < p - 1) && is_nominal(s->cls[p - 2]) &&
            s->cls[p - 2] != XC_PRON) {
            /* "The drug , called obicetrapib , was developed": a participle
             * set off by a comma after a clause-initial noun phrase */
            b = np_left(s, p - 1, limit);
            if (b < p - 1 && has_nominal(s, b, p - 1) &&
                (b == 0 || s->cls[b - 1] == XC_COLON || s->cls[b - 1] == XC_QUOTE ||
                 s->cls[b - 1] == XC_SUB)) {
                size_t j;
                int clean = 1;
                for (j = b; j < p - 1; j++)
                    if (s->cls[j] == XC_PREP || s->cls[j] == XC_CC || s->cls[j] == XC_COMMA)
                        clean = 0;
                if (clean) {
                    g->subj_start = (long)b;
                    g->subj_end = (long)(p - 1);
                    g->subj_rule = 3;
                    g->chain_start = -2; /* marks the parenthetical participle */
                    continue;
                }
            }
        }
        if (g->kind == XV_GERUND && prev && prev->subj_start >= 0 && p > limit &&
            s->cls[p - 1] == XC_PREP &&
            (kg_xtok_is(s, p - 1, "without") || kg_xtok_is(s, p - 1, "by") ||
             kg_xtok_is(s, p - 1, "after") || kg_xtok_is(s, p - 1, "before"))) {
            /* "left the talks without signing a deal": the same subject */
            g->subj_start = prev->subj_start;
            g->subj_end = prev->subj_end;
            g->subj_rule = 3;
            continue;
        }
        if (g->kind == XV_GERUND || g->kind == XV_PARTICIPLE) {
            if (p > limit && s->cls[p - 1] == XC_COMMA && prev && prev->subj_start >= 0) {
                g->subj_start = prev->subj_start;
                g->subj_end = prev->subj_end;
                g->subj_rule = 3;
            } else if (p > 0 && is_nominal(s->cls[p - 1]) && s->cls[p - 1] != XC_PRON) {
                /* Reduced relative: "the products hosted on Azure". */
                size_t e = p, j;
                b = np_left(s, e, limit);
                g->chain_start = (long)b;
                for (j = b; j < e; j++)
                    if (s->cls[j] == XC_PREP)
                        b = j + 1;
                if (b < e) {
                    g->subj_start = (long)b;
                    g->subj_end = (long)e;
                    g->subj_rule = 3;
                }
            }
            continue;
        }
        if (prev && p > limit + 1 && s->cls[p - 1] == XC_COMMA && g->kind == XV_FINITE &&
            prev->kind == XV_PARTICIPLE && prev->subj_rule == 3 && prev->subj_start > 1) {
            /* "Zorvex Labs , a chipmaker based in Austin , said": the
             * apposition holds a participle; the subject is the name before it */
            size_t a = prev->chain_start >= 0 ? (size_t)prev->chain_start
                                               : (size_t)prev->subj_start;
            size_t lim2 = k > 1 ? s->groups[k - 2].rel_end : 0, j, b1;
            int clean = a > lim2 + 1 && s->cls[a - 1] == XC_COMMA;
            for (j = prev->end; clean && j + 1 < p; j++)
                if (s->cls[j] == XC_COMMA || s->cls[j] == XC_VERB || s->cls[j] == XC_AUX ||
                    s->cls[j] == XC_MODAL || s->cls[j] == XC_SUB || s->cls[j] == XC_WH ||
                    s->cls[j] == XC_CC || s->cls[j] == XC_QUOTE)
                    clean = 0;
            if (clean) {
                b1 = np_left(s, a - 1, lim2);
                if (b1 < a - 1 && has_nominal(s, b1, a - 1) && s->cls[a - 2] != XC_PRON &&
                    (b1 == 0 || s->cls[b1 - 1] != XC_PREP)) {
                    g->subj_start = (long)b1;
                    g->subj_end = (long)(a - 1);
                    g->subj_rule = 5;
                    g->time_start = (long)a; /* the appositive, for a "be" triple */
                    g->time_end = (long)(p - 1);
                    prev->subj_start = g->subj_start; /* Zorvex Labs is based in Austin */
                    prev->subj_end = g->subj_end;
                    continue;
                }
            }
        }
        if (prev && prev->chain_start == -2 && g->kind == XV_FINITE && p > limit + 1 &&
            s->cls[p - 1] == XC_COMMA) {
            /* ... the main verb after the closing comma takes its subject */
            size_t j;
            int clean = 1;
            for (j = prev->end; j + 1 < p; j++)
                if (s->cls[j] == XC_COMMA || s->cls[j] == XC_VERB || s->cls[j] == XC_AUX ||
                    s->cls[j] == XC_MODAL || s->cls[j] == XC_SUB || s->cls[j] == XC_WH ||
                    s->cls[j] == XC_CC || s->cls[j] == XC_QUOTE)
                    clean = 0;
            if (clean) {
                g->subj_start = prev->subj_start;
                g->subj_end = prev->subj_end;
                g->subj_rule = 0;
                continue;
            }
        }
        if (prev && prev->subj_rule == 1 && prev->subj_start >= 2 && g->kind == XV_FINITE &&
            p > limit + 1 && s->cls[p - 1] == XC_COMMA &&
            s->cls[prev->subj_start - 1] == XC_COMMA) {
            /* "NetChoice , a trade group that represents Meta and Google , had
             * sued": the relative clause hangs on an apposition; the subject is
             * the name before it */
            size_t a = (size_t)prev->subj_start;
            size_t lim2 = k > 1 ? s->groups[k - 2].rel_end : 0, b1;
            b1 = np_left(s, a - 1, lim2);
            if (b1 < a - 1 && has_nominal(s, b1, a - 1) && s->cls[a - 2] != XC_PRON &&
                (b1 == 0 || (s->cls[b1 - 1] != XC_PREP && s->cls[b1 - 1] != XC_VERB &&
                             s->cls[b1 - 1] != XC_CC && s->cls[b1 - 1] != XC_COMMA))) {
                g->subj_start = (long)b1;
                g->subj_end = (long)(a - 1);
                g->subj_rule = 5;
                g->time_start = (long)a; /* the appositive, for a "be" triple */
                g->time_end = prev->subj_end;
                prev->subj_start = g->subj_start; /* NetChoice represents Meta */
                prev->subj_end = g->subj_end;
                continue;
            }
        }
        if (prev && prev->subj_start >= 0 && g->kind == XV_FINITE && p >= limit &&
            (prev->subj_rule == 1 ||
             (prev->subj_rule == 3 && prev->subj_end == (long)prev->start))) {
            /* "Many of the Moonies who remained faithful to Father Moon are now parents" */
            size_t j;
            int clean = 1;
            for (j = limit; j < p; j++)
                if (s->cls[j] == XC_CC || s->cls[j] == XC_SUB || s->cls[j] == XC_WH ||
                    s->cls[j] == XC_COLON || s->cls[j] == XC_END)
                    clean = 0;
            if (clean) {
                size_t e = p;
                while (e > limit && (s->cls[e - 1] == XC_COMMA || s->cls[e - 1] == XC_QUOTE))
                    e--;
                g->subj_start = prev->chain_start >= 0 && prev->chain_start < prev->subj_start
                                    ? prev->chain_start : prev->subj_start;
                g->subj_end = (long)e;
                g->subj_rule = 0;
                continue;
            }
        }
        if (p > limit + 1 && s->cls[p - 1] == XC_COMMA) {
            /* A parenthetical adverb: "The company , however , said",
             * "The University of Florida however , refused" */
            size_t q = p - 1, c0;
            while (q > limit && s->cls[q - 1] == XC_ADV)
                q--;
            if (q < p - 1 && q > limit && s->cls[q - 1] == XC_COMMA)
                q--;
            /* "The first , at a severity of Mw 6.0 , occurred": a phrase
             * between commas that opens with a preposition */
            for (c0 = p - 1; q == p - 1 && c0 > limit + 1 && p - 1 - c0 < 12; c0--) {
                char c = s->cls[c0 - 1];
                if (c == XC_VERB || c == XC_AUX || c == XC_MODAL || c == XC_SUB ||
                    c == XC_WH || c == XC_QUOTE || c == XC_END || c == XC_COLON)
                    break;
                if (c == XC_COMMA) {
                    if (c0 < p - 1 && s->cls[c0] == XC_PREP)
                        q = c0 - 1;
                    break;
                }
            }
            if (q < p - 1 && q > limit && is_nominal(s->cls[q - 1])) {
                b = np_left(s, q, limit);
                if (b < q && has_nominal(s, b, q)) {
                    g->subj_start = (long)b;
                    g->subj_end = (long)q;
                    g->subj_rule = 0;
                    continue;
                }
            }
        }
        if (p > limit && s->cls[p - 1] == XC_COMMA) {
            /* Apposition: "Satya Nadella , Microsoft 's chief executive , said". */
            size_t e2 = p - 1, b2 = np_left(s, e2, limit);
            if (b2 < e2 && b2 > limit && s->cls[b2 - 1] == XC_COMMA) {
                size_t e1 = b2 - 1, b1 = np_left(s, e1, limit);
                if (b1 < e1) {
                    g->subj_start = (long)b1;
                    g->subj_end = (long)e1;
                    g->subj_rule = 5;
                    g->time_start = (long)b2; /* the appositive, for a "be" triple */
                    g->time_end = (long)e2;
                }
            }
            continue;
        }
        b = np_left(s, p, limit);
        if (prev && prev->subj_start >= 0 && b > limit + 1 && b < p &&
            s->cls[b - 1] == XC_PREP && s->cls[b - 2] == XC_CC) {
            /* "satisfies creditors and at the end leaves a healthy Revco": a
             * coordinated verb after a prepositional phrase */
            g->subj_start = prev->subj_start;
            g->subj_end = prev->subj_end;
            g->subj_rule = 2;
            g->time_start = (long)(b - 1);
            g->time_end = (long)p;
            continue;
        }
        if (prev && b == limit && b < p) {
            /* "noticed the people and a warship was deployed": the left
             * conjunct is the previous verb's object */
            size_t j;
            for (j = b; j < p; j++)
                if (s->cls[j] == XC_CC)
                    b = j + 1;
        }
        if (!(b < p && has_nominal(s, b, p)) && g->kind == XV_FINITE && p > 0) {
            /* Fallback: the nearest noun phrase on the left, across commas. */
            size_t q = p;
            while (q > 0 && (s->cls[q - 1] == XC_COMMA || s->cls[q - 1] == XC_QUOTE ||
                             s->cls[q - 1] == XC_CC || s->cls[q - 1] == XC_ADV))
                q--;
            b = np_left(s, q, 0);
            if (b < q && has_nominal(s, b, q)) {
                g->subj_start = (long)b;
                g->subj_end = (long)q;
                g->subj_rule = 6;
            }
            continue;
        }
        if (b < p && has_nominal(s, b, p)) {
            g->subj_start = (long)b;
            g->subj_end = (long)p;
            g->subj_rule = 0;
            /* A sentence-initial adverbial before a comma: "Earlier this year ,". */
            if (b > 0 && s->cls[b - 1] == XC_COMMA && limit == 0 && b - 1 > 0 &&
                b - 1 <= 12) {
                size_t q = 0;
                while (q < b - 1 && (s->cls[q] == XC_QUOTE || s->cls[q] == XC_CC))
                    q++;
                if (q < b - 1 && s->cls[b] == XC_ADJ &&
                    (s->cls[q] == XC_DET || s->cls[q] == XC_NOUN || s->cls[q] == XC_PROPN) &&
                    np_left(s, b - 1, q) == q && !kg_xrel_time_np(s, q, b - 1)) {
                    /* "The use of high ranking , anonymous sources has": one
                     * subject, not an adverbial and a subject */
                    g->subj_start = (long)q;
                } else if (q < b - 1 && s->cls[q] != XC_SUB) {
                    g->time_start = (long)q;
                    g->time_end = (long)(b - 1);
                }
            }
        }
    }
}

/* Is there a verb group starting at i (index >= from)? */
static const xgroup *group_at(const xsent *s, size_t i)
{
    size_t k;
    for (k = 0; k < s->n_groups; k++)
        if (s->groups[k].start == i)
            return &s->groups[k];
    return NULL;
}

/* Objects (arg2), last group first so that a say-verb can take the next
 * clause whole. */
static void attach_objects(xsent *s)
{
    size_t k = s->n_groups;
    while (k-- > 0) {
        xgroup *g = &s->groups[k], *next = k + 1 < s->n_groups ? &s->groups[k + 1] : NULL;
        size_t j = g->rel_end, stop = s->n;
        size_t start = j;
        if (g->inverted) {
            /* the quotation or clause before the verb, without its marks */
            size_t q = g->start, b0 = 0;
            while (q > 0 && (s->cls[q - 1] == XC_COMMA || s->cls[q - 1] == XC_QUOTE))
                q--;
            while (b0 < q && s->cls[b0] == XC_QUOTE)
                b0++;
            g->obj_start = q > b0 ? (long)b0 : -1;
            g->obj_end = q > b0 ? (long)q : -1;
            continue;
        }
        if (g->gap_end > g->gap_start)
            start = j = g->gap_end + (kg_xtok_is(s, g->gap_end, "that") ? 1 : 0);
        else if (g->is_say && j < s->n && strcmp(s->lower[j], "that") == 0 && s->cls[j] == XC_SUB)
            start = j + 1;
        for (j = start; j < s->n; j++) {
            char c = s->cls[j];
            /* "at odds over how much ...", "in relation to ...": a dangling
             * preposition takes the clause or verb that follows */
            if (j > 0 && j >= start && (s->cls[j - 1] == XC_PREP || s->cls[j - 1] == XC_TO) &&
                (c == XC_SUB || c == XC_WH || group_at(s, j)))
                continue;
            if (j == start && group_at(s, j) && group_at(s, j)->kind == XV_FINITE &&
                g->kind == XV_FINITE && g->subj_rule == 1) {
                /* "those who were tripped were then crushed": no object */
                stop = j;
                break;
            }
            if (j > start && group_at(s, j)) {
                const xgroup *h = group_at(s, j);
                /* "about investing", "benefits paid under the plans" stay in */
                if (!((h->kind == XV_GERUND && s->cls[j - 1] == XC_PREP) ||
                      (h->kind == XV_PARTICIPLE && h->subj_rule == 3 &&
                       (s->cls[j - 1] == XC_NOUN || s->cls[j - 1] == XC_PROPN)))) {
                    stop = j;
                    break;
                }
            }
            if (c == XC_END || c == XC_COLON || c == XC_OPEN || c == XC_SUB || c == XC_WH) {
                stop = j;
                break;
            }
            if (c == XC_COMMA) {
                /* a list "A , B , and C" or an apposition continues; a clause stops */
                size_t e;
                if (j + 1 < s->n && kg_xchunk_np_at(s, j + 1, s->n, &e) &&
                    (e >= s->n || s->cls[e] == XC_COMMA || s->cls[e] == XC_CC ||
                     s->cls[e] == XC_END) && !(next && e == next->start) &&
                    !(e < s->n && s->cls[e] == XC_COMMA && e + 1 < s->n &&
                      group_at(s, e + 1)))
                    continue;
                if (j + 1 < s->n && s->cls[j + 1] == XC_CC)
                    continue;
                stop = j;
                break;
            }
            if (c == XC_CC) {
                /* "and launched Y" / "and B signed": a clause or verb coordination */
                size_t e = j + 1;
                if (e < s->n && group_at(s, e)) {
                    stop = j;
                    break;
                }
                if (e < s->n && kg_xchunk_np_at(s, e, s->n, &e) && e < s->n && group_at(s, e) &&
                    group_at(s, e)->kind == XV_FINITE) {
                    stop = j;
                    break;
                }
                /* "and at the end leaves ...": a verb after a phrase */
                e = j + 1;
                if (e + 1 < s->n && s->cls[e] == XC_PREP &&
                    kg_xchunk_np_at(s, e + 1, s->n, &e) && e < s->n && group_at(s, e) &&
                    group_at(s, e)->kind == XV_FINITE && group_at(s, e)->subj_rule == 2) {
                    stop = j;
                    break;
                }
            }
        }
        if (j >= s->n)
            stop = s->n;
        /* "said John Kerry , the Secretary of State , contacted ...": the
         * reported clause starts inside the object: take it whole. */
        if (g->is_say && next && next->subj_start >= (long)start && next->subj_start <= (long)stop &&
            next->kind == XV_FINITE) {
            stop = s->n;
            while (stop > start && (s->cls[stop - 1] == XC_END || s->cls[stop - 1] == XC_QUOTE))
                stop--;
            g->obj_start = (long)start;
            g->obj_end = (long)stop;
            continue;
        }
        /* Say-verbs and object-less verbs before a clause take it whole. */
        if (next && stop == next->start && next->subj_start >= 0 && next->kind == XV_FINITE &&
            (size_t)next->subj_start >= start && (size_t)next->subj_start < stop) {
            stop = (size_t)next->subj_start;
            if (g->is_say && stop == start) {
                /* the reported clause, to the end of the sentence */
                stop = s->n;
                while (stop > start && (s->cls[stop - 1] == XC_END || s->cls[stop - 1] == XC_QUOTE))
                    stop--;
            }
        } else if (next && stop == next->start && next->kind == XV_INF && next->obj_end >= 0 &&
                   next->subj_start >= 0 && (size_t)next->subj_start >= start) {
            stop = (size_t)next->obj_end; /* "allowed Microsoft to pursue X" */
        }
        while (stop > start && (s->cls[stop - 1] == XC_COMMA || s->cls[stop - 1] == XC_CC ||
                                s->cls[stop - 1] == XC_QUOTE))
            stop--;
        /* A say-verb after its quote: "`` ... , '' Mr. X said ." */
        if (g->is_say && stop <= start && g->subj_start > 0) {
            size_t q = (size_t)g->subj_start, b0 = 0;
            while (q > 0 && (s->cls[q - 1] == XC_COMMA || s->cls[q - 1] == XC_QUOTE))
                q--;
            while (b0 < q && s->cls[b0] == XC_QUOTE)
                b0++;
            if (q > b0 && q < (size_t)g->subj_start) {
                start = b0;
                stop = q;
            }
        }
        g->obj_start = (long)start;
        g->obj_end = (long)stop;
        if (stop <= start)
            g->obj_start = g->obj_end = -1;
    }
}

/* A sentence-initial adverbial ("Prior to the war ,") belongs to every main
 * clause of the sentence, not only the first. */
static void share_intro(xsent *s)
{
    size_t k;
    long ib = -1, ie = -1;
    for (k = 0; k < s->n_groups; k++) {
        xgroup *g = &s->groups[k];
        if (g->subj_rule == 0 && g->time_start >= 0) {
            ib = g->time_start;
            ie = g->time_end;
        } else if (ib >= 0 && g->time_start < 0 && (g->subj_rule == 2 || g->subj_rule == 3) &&
                   g->subj_start >= ie) {
            g->time_start = ib;
            g->time_end = ie;
        }
    }
}

int kg_xrel_groups(const xpatterns *p, xsent *s, kg_error *err)
{
    size_t off = 0;
    s->n_groups = 0;
    while (off < s->n) {
        int rc = pcre2_match(p->group, (PCRE2_SPTR)s->cls, s->n, off, 0, p->md, NULL);
        PCRE2_SIZE *ov;
        xgroup g;
        if (rc < 0)
            break;
        ov = pcre2_get_ovector_pointer(p->md);
        memset(&g, 0, sizeof g);
        g.start = ov[0];
        g.end = ov[1];
        if (g.end <= g.start) {
            off = g.start + 1;
            continue;
        }
        off = g.end;
        /* leading adverbs belong to the group only when an auxiliary follows */
        while (g.start < g.end && s->cls[g.start] == XC_ADV &&
               s->cls[g.start + 1] != XC_VERB && s->cls[g.start + 1] != XC_AUX &&
               s->cls[g.start + 1] != XC_MODAL && s->cls[g.start + 1] != XC_NEG)
            g.start++;
        describe(s, &g);
        relation_end(s, &g);
        if (push_group(s, &g))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
    }
    {
        size_t k;
        for (k = 0; k < s->n_groups; k++)
            active_main(s, k);
    }
    attach_subjects(s);
    {
        /* 'Montalvo " walked into': a quotation opening after the subject is
         * no part of it */
        size_t k, i;
        for (k = 0; k < s->n_groups; k++) {
            xgroup *g = &s->groups[k];
            size_t quotes = 0;
            if (g->subj_start < 0 || g->subj_end <= g->subj_start + 1)
                continue;
            for (i = (size_t)g->subj_start; i < (size_t)g->subj_end; i++)
                quotes += s->cls[i] == XC_QUOTE;
            if (quotes % 2 == 1 && s->cls[g->subj_end - 1] == XC_QUOTE)
                g->subj_end--;
        }
    }
    attach_objects(s);
    share_intro(s);
    return KG_OK;
}
