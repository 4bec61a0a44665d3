/*
 * qualify.c -- qualifiers of an extraction: negation, modality and time.
 *
 * Place in the flow: after relation.c has found a verb group and its clause.
 * Negation: "not", "n't", "never", "no longer", "cannot" in the verb group,
 * "without" before it, "no" determining the object. Modality: the first modal
 * of the group. Time: DATE mentions in the clause, years, month names and
 * the adverbs "now", "previously", ... with "since X" / "effective around X".
 */
#include "extract_int.h"
#include "ner_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int kg_xqual_negated(const xsent *s, const xgroup *g)
{
    size_t i;
    for (i = g->start; i < g->end; i++)
        if (s->cls[i] == XC_NEG)
            return 1;
    if (g->start > 0 && (s->cls[g->start - 1] == XC_NEG || kg_xtok_is(s, g->start - 1, "without")))
        return 1;
    if (g->start > 1 && s->cls[g->start - 1] == XC_ADV && s->cls[g->start - 2] == XC_NEG)
        return 1;
    if (g->obj_start >= 0 && (kg_xtok_is(s, (size_t)g->obj_start, "no") ||
                              kg_xtok_is(s, (size_t)g->obj_start, "neither")))
        return 1;
    /* "No company has bid", "Neither Apple nor Google will attend" */
    if (g->subj_start >= 0 && g->subj_rule != 1 &&
        (kg_xtok_is(s, (size_t)g->subj_start, "no") ||
         kg_xtok_is(s, (size_t)g->subj_start, "neither") ||
         kg_xtok_is(s, (size_t)g->subj_start, "none") ||
         (g->subj_start > 0 && kg_xtok_is(s, (size_t)g->subj_start - 1, "neither"))))
        return 1;
    /* "has yet to release", "is yet to decide" */
    for (i = g->start; i + 1 < g->end; i++)
        if (kg_xtok_is(s, i, "yet") && kg_xtok_is(s, i + 1, "to"))
            return 1;
    if (g->start > 1 && kg_xtok_is(s, g->start - 1, "to") && kg_xtok_is(s, g->start - 2, "yet"))
        return 1;
    return 0;
}

const char *kg_xqual_modality(const xsent *s, const xgroup *g)
{
    static const char *const modals[] = {"can", "could", "may", "might", "will", "would",
                                         "should", "must", "shall", NULL};
    size_t i;
    for (i = g->start; i < g->end; i++) {
        const char *w = s->lower[i];
        size_t k;
        if (s->cls[i] != XC_MODAL && strcmp(w, "cannot") != 0)
            continue;
        if (strcmp(w, "ca") == 0 || strcmp(w, "cannot") == 0)
            return "can";
        if (strcmp(w, "wo") == 0 || strcmp(w, "'ll") == 0 || strcmp(w, "ll") == 0)
            return "will";
        if (strcmp(w, "'d") == 0 || strcmp(w, "d") == 0)
            return "would";
        for (k = 0; modals[k]; k++)
            if (strcmp(w, modals[k]) == 0)
                return modals[k];
    }
    return NULL;
}

static int is_year(const char *w)
{
    return strlen(w) == 4 && (w[0] == '1' || w[0] == '2') && isdigit((unsigned char)w[1]) &&
           isdigit((unsigned char)w[2]) && isdigit((unsigned char)w[3]) &&
           (strncmp(w, "19", 2) == 0 || strncmp(w, "20", 2) == 0 || strncmp(w, "18", 2) == 0);
}

static int is_month(const char *w)
{
    static const char *const months[] = {"january", "february", "march", "april", "june",
                                         "july", "august", "september", "october",
                                         "november", "december", "jan.", "feb.", "aug.",
                                         "sept.", "oct.", "nov.", "dec.", NULL};
    size_t k;
    for (k = 0; months[k]; k++)
        if (strcmp(w, months[k]) == 0)
            return 1;
    return 0;
}

static const char *const time_adverbs[] = {"now", "previously", "currently", "formerly",
                                           "today", "yesterday", "tomorrow", "recently",
                                           "soon", "later", "earlier", "already", "still",
                                           "eventually", "once", NULL};

/* "under the old deal", "under the new arrangement": which period of an agreement a
 * statement belongs to. Returns the end of the phrase at i, or 0. */
static const char *const period_adjs[] = {"old", "previous", "original", "former", "new",
                                          "current", "existing", "revised", "earlier",
                                          "prior", "initial", "updated", "latest", NULL};

static size_t period_phrase(const xsent *s, size_t i, size_t e)
{
    size_t k, j = i + 2;
    int adj = 0;
    if (i + 3 >= e || !kg_xtok_is(s, i, "under") || !kg_xtok_is(s, i + 1, "the"))
        return 0;
    for (k = 0; period_adjs[k]; k++)
        if (strcmp(s->lower[j], period_adjs[k]) == 0)
            adj = 1;
    if (!adj)
        return 0;
    j++;
    while (j + 1 < e && s->cls[j] == XC_NOUN && s->cls[j + 1] == XC_NOUN)
        j++; /* "the old cloud deal" */
    return s->cls[j] == XC_NOUN ? j + 1 : 0;
}

static int add_words(kg_buf *b, const xsent *s, size_t from, size_t to)
{
    size_t i;
    if (b->len && kg_buf_puts(b, ", "))
        return KG_ENOMEM;
    for (i = from; i < to; i++) {
        if (i > from && (s->tok[i].flags & KG_TOK_SPACE_BEFORE) && kg_buf_puts(b, " "))
            return KG_ENOMEM;
        if (kg_buf_append(b, s->a->text + s->tok[i].start, s->tok[i].end - s->tok[i].start))
            return KG_ENOMEM;
    }
    return KG_OK;
}

char *kg_xqual_time(const xsent *s, size_t b, size_t e, const void *entities)
{
    const kg_entities *ents = entities;
    kg_buf out = {0};
    size_t i, n_items = 0;
    if (e > s->n)
        e = s->n;
    for (i = b; i < e && n_items < 2; i++) {
        size_t abs = s->first + i, from = i, to = i + 1;
        int hit = 0;
        if (ents && ents->token_mention && ents->token_mention[abs] != KG_NO_MENTION) {
            const kg_mention *m = &ents->mentions[ents->token_mention[abs]];
            if (m->label == KG_LABEL_DATE) {
                hit = 1;
                from = m->first_token - s->first;
                to = m->first_token + m->n_tokens - s->first;
                if (from < b)
                    from = b;
            }
        }
        if (!hit && (is_year(s->lower[i]) || is_month(s->lower[i]))) {
            hit = 1;
            from = i;
            while (to < e && (is_year(s->lower[to]) || s->cls[to] == XC_NUM))
                to++;
        }
        if (!hit && (i == b || s->cls[i - 1] != XC_ADJ)) {
            /* "last year", "two years ago", "early next year" */
            size_t end = kg_xrel_time_at(s, i, e);
            if (end) {
                hit = 1;
                from = i;
                to = end;
            }
        }
        if (!hit) {
            size_t end = period_phrase(s, i, e);
            if (end) {
                if (add_words(&out, s, i, end)) {
                    kg_buf_free(&out);
                    return NULL;
                }
                n_items++;
                i = end - 1;
                continue;
            }
        }
        if (!hit && s->cls[i] == XC_ADV) {
            size_t k;
            for (k = 0; time_adverbs[k]; k++)
                if (strcmp(s->lower[i], time_adverbs[k]) == 0)
                    hit = 1;
        }
        if (!hit)
            continue;
        /* "since February 2026", "effective around February 2026" */
        if (from > b && (kg_xtok_is(s, from - 1, "since") || kg_xtok_is(s, from - 1, "around") ||
                         kg_xtok_is(s, from - 1, "until") || kg_xtok_is(s, from - 1, "by") ||
                         kg_xtok_is(s, from - 1, "in") || kg_xtok_is(s, from - 1, "from")))
            from--;
        if (from > b && (kg_xtok_is(s, from - 1, "effective") || kg_xtok_is(s, from - 1, "starting") ||
                         kg_xtok_is(s, from - 1, "beginning")))
            from--;
        if (add_words(&out, s, from, to)) {
            kg_buf_free(&out);
            return NULL;
        }
        n_items++;
        i = to - 1;
    }
    return out.data; /* NULL when nothing found */
}
