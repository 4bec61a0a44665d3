/*
 * confidence.c -- two logistic models over features of an extraction (how its
 * subject was found, argument lengths and what lies beyond their first noun
 * phrase, names, the shape of the relation, sentence length, clauses,
 * coordination): the probability that the extraction is right at all times
 * its expected token precision when it is. Weights live in
 * data/confidence.txt ("name<TAB>weight" lines for the precision model,
 * "nz.name<TAB>weight" for the other, '#' comments), written by `make
 * train-confidence` (mk/train_confidence.py) from CaRB dev; built-in weights
 * are used when the file is missing.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const feature_names[KG_XFEAT_COUNT] = {
    "subj_plain", "subj_relative", "subj_coord", "subj_participle", "subj_control",
    "apposition", "arg1_len", "arg2_len", "rel_len", "sent_len", "arg2_empty",
    "arg1_pronoun", "n_extractions", "arg2_propn", "subj_at_start", "passive", "rel_prep",
    "rel_vwp", "has_arg3", "n_groups", "arg2_comma", "arg2_verb", "say", "obj_to_end",
    "arg1_comma_cc", "arg1_long", "arg2_long", "kind_participle", "kind_inf", "first_group",
    "nominal_have", "subj_fallback", "cover", "arg2_preps", "arg1_expletive",
    "inv_extractions", "arg2_cc", "adjacent", "sent_verbs", "single_extraction",
    "arg1_verb", "head_not_verb", "rel_ends_that", "arg2_starts_adv", "next_prep", "next_comma",
    "next_other", "arg2_len_1_2", "arg2_len_3_5", "arg2_len_6_9", "arg1_len_1", "arg1_len_2_3",
    "arg1_propn", "in_clause", "after_sub", "sent_quote", "sent_colon_paren", "tail_left",
    "subj_gap", "arg2_non_of_preps", "rel_adverb", "copula", "modal", "n_split",
    "arg2_core_only", "arg2_tail_1_3", "arg2_tail_4_7", "arg2_tail_8", "arg1_core_only",
    "arg1_tail_1_3", "arg1_tail_4", "arg2_tail", "rel_last_be", "arg1_article", "arg2_article",
    "arg2_last_cap", "arg2_digit", "rel_one_word", "later_copy",
    "subject_before", "inside_other"};

static const double default_weights[KG_XFEAT_COUNT + 1] = {
    0.8, 0.3, 0.2, -0.3, -0.2, 0.2, -0.5, -0.3, -0.2, -0.6, -0.8,
    -0.3, 0.0, 0.2, 0.3, 0.0, 0.2,
    0.0, 0.0, -0.2, -0.3, -0.3, 0.0, 0.0,
    -0.2, -0.5, -0.4, -0.3, -0.2, 0.3,
    -1.0, -0.5,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0 /* bias */};

int kg_xconf_load(const char *path, xmodel *m, kg_error *err)
{
    FILE *f;
    char line[256];
    unsigned lineno = 0;
    memcpy(m->w, default_weights, sizeof m->w);
    memset(m->nz, 0, sizeof m->nz); /* a constant factor until trained */
    if (path == NULL || (f = fopen(path, "r")) == NULL)
        return KG_OK;
    while (fgets(line, sizeof line, f)) {
        char name[64];
        double w;
        int k;
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (sscanf(line, "%63s %lf", name, &w) != 2) {
            fclose(f);
            return kg_error_at(err, KG_EINPUT, path, lineno, 0, 0,
                               "expected \"feature weight\"");
        }
        {
            double *v = strncmp(name, "nz.", 3) == 0 ? m->nz : m->w;
            const char *bare = v == m->nz ? name + 3 : name;
            if (strcmp(bare, "bias") == 0) {
                v[KG_XFEAT_COUNT] = w;
                continue;
            }
            for (k = 0; k < KG_XFEAT_COUNT; k++)
                if (strcmp(bare, feature_names[k]) == 0)
                    v[k] = w;
        }
    }
    fclose(f);
    return KG_OK;
}

/* Tokens of [b, e) after its first noun phrase (with "of" phrases): from
 * the first preposition, comma, "that"/wh-word or bracket on. */
static long tail_tokens(const xsent *s, long b, long e)
{
    long i;
    for (i = b + 1; b >= 0 && i < e; i++) {
        char c = s->cls[i];
        if ((c == XC_PREP && !kg_xtok_is(s, (size_t)i, "of")) || c == XC_TO || c == XC_COMMA ||
            c == XC_SUB || c == XC_WH || c == XC_COLON || c == XC_OPEN ||
            kg_xtok_is(s, (size_t)i, "that"))
            return e - i;
    }
    return 0;
}

static int first_word_is_article(const char *text)
{
    size_t n = text ? strcspn(text, " ") : 0;
    return (n == 3 && strncasecmp(text, "the", 3) == 0) || (n == 1 && (*text == 'a' || *text == 'A')) ||
           (n == 2 && strncasecmp(text, "an", 2) == 0);
}

static int span_has(const xsent *s, long b, long e, char c)
{
    long i;
    for (i = b; i >= 0 && i < e; i++)
        if (s->cls[i] == c)
            return 1;
    return 0;
}

void kg_xconf_features(const xsent *s, const xgroup *g, const kg_xtriple *t, float *f)
{
    long a1 = g->subj_end - g->subj_start, a2 = g->obj_end - g->obj_start;
    size_t k;
    memset(f, 0, KG_XFEAT_COUNT * sizeof *f);
    if (t->pattern == 5) {
        f[5] = 1;
    } else if (g->subj_rule >= 0 && g->subj_rule <= 4) {
        f[g->subj_rule] = 1;
    }
    if (g->subj_start < 0)
        a1 = 0;
    if (g->obj_start < 0)
        a2 = 0;
    f[6] = (float)a1 / 10.0f;
    f[7] = (float)a2 / 10.0f;
    f[8] = (float)(g->rel_end - g->start) / 5.0f;
    f[9] = (float)s->n / 40.0f;
    f[10] = a2 == 0;
    f[11] = a1 == 1 && s->cls[g->subj_start] == XC_PRON;
    f[12] = 0; /* n_extractions: set by extract.c once the sentence is done */
    f[13] = span_has(s, g->obj_start, g->obj_end, XC_PROPN);
    {
        long q = 0;
        while (q < g->subj_start && (s->cls[q] == XC_QUOTE || s->cls[q] == XC_CC))
            q++;
        f[14] = g->subj_start >= 0 && q == g->subj_start;
    }
    f[15] = (float)g->is_passive;
    f[16] = g->rel_end > g->end && s->cls[g->rel_end - 1] == XC_PREP;
    f[17] = g->rel_end > g->end + 1;
    f[18] = g->time_start >= 0 && t->pattern != 5;
    f[19] = (float)s->n_groups / 5.0f;
    f[20] = span_has(s, g->obj_start, g->obj_end, XC_COMMA);
    f[21] = span_has(s, g->obj_start, g->obj_end, XC_VERB);
    f[22] = (float)g->is_say;
    {
        long e = (long)s->n;
        while (e > 0 && (s->cls[e - 1] == XC_END || s->cls[e - 1] == XC_QUOTE))
            e--;
        f[23] = g->obj_end >= e;
    }
    f[24] = span_has(s, g->subj_start, g->subj_end, XC_COMMA) ||
            span_has(s, g->subj_start, g->subj_end, XC_CC);
    f[25] = a1 > 8;
    f[26] = a2 > 12;
    f[27] = g->kind == XV_PARTICIPLE || g->kind == XV_GERUND;
    f[28] = g->kind == XV_INF;
    f[29] = s->n_groups && g == &s->groups[0];
    f[30] = t->pattern == 7;
    f[31] = g->subj_rule == 6;
    {
        /* How much of the sentence the extraction covers (words, not punctuation). */
        long words = 0, used = a1 + a2 + (long)(g->rel_end - g->start), i, preps = 0;
        for (i = 0; i < (long)s->n; i++)
            words += s->cls[i] != XC_END && s->cls[i] != XC_COMMA && s->cls[i] != XC_QUOTE;
        if (g->time_start >= 0 && g->time_end > g->time_start && t->pattern != 5)
            used += g->time_end - g->time_start;
        f[32] = words ? (float)used / (float)words : 0.0f;
        for (i = g->obj_start; i >= 0 && i < g->obj_end; i++)
            preps += s->cls[i] == XC_PREP;
        f[33] = (float)preps / 3.0f;
        f[34] = a1 == 1 && (kg_xtok_is(s, (size_t)g->subj_start, "there") ||
                            kg_xtok_is(s, (size_t)g->subj_start, "it"));
        f[36] = span_has(s, g->obj_start, g->obj_end, XC_CC);
        f[37] = g->subj_start >= 0 && (size_t)g->subj_end == g->start && a2 > 0 &&
                (size_t)g->obj_start == g->rel_end;
        for (i = 0, preps = 0; i < (long)s->n; i++)
            preps += s->cls[i] == XC_VERB;
        f[38] = (float)preps / 5.0f;
    }
    {
        long e = (long)s->n, i, c = 0;
        const char *x = kg_xtok_xpos(s, g->head);
        char next = g->obj_end >= 0 && g->obj_end < (long)s->n ? s->cls[g->obj_end] : XC_END;
        while (e > 0 && (s->cls[e - 1] == XC_END || s->cls[e - 1] == XC_QUOTE))
            e--;
        f[40] = span_has(s, g->subj_start, g->subj_end, XC_VERB) ||
                span_has(s, g->subj_start, g->subj_end, XC_AUX) ||
                span_has(s, g->subj_start, g->subj_end, XC_MODAL);
        f[41] = x[0] != 'V' && strcmp(x, "MD") != 0;
        f[42] = g->rel_end > g->start && (s->cls[g->rel_end - 1] == XC_SUB ||
                                          kg_xtok_is(s, g->rel_end - 1, "that"));
        f[43] = a2 > 0 && s->cls[g->obj_start] == XC_ADV;
        if (a2 > 0 && g->obj_end < e) {
            f[44] = next == XC_PREP || next == XC_TO;
            f[45] = next == XC_COMMA;
            f[46] = !f[44] && !f[45];
        }
        f[47] = a2 >= 1 && a2 <= 2;
        f[48] = a2 >= 3 && a2 <= 5;
        f[49] = a2 >= 6 && a2 <= 9;
        f[50] = a1 == 1;
        f[51] = a1 >= 2 && a1 <= 3;
        f[52] = span_has(s, g->subj_start, g->subj_end, XC_PROPN);
        for (i = 0; i < (long)g->start; i++)
            c += s->cls[i] == XC_SUB || s->cls[i] == XC_WH;
        f[53] = c > 0;
        f[54] = g->subj_start > 0 && (s->cls[g->subj_start - 1] == XC_SUB ||
                                      s->cls[g->subj_start - 1] == XC_WH);
        f[55] = strchr(s->cls, XC_QUOTE) != NULL;
        f[56] = strchr(s->cls, XC_COLON) != NULL || strchr(s->cls, XC_OPEN) != NULL;
        {
            long end = g->obj_end >= 0 && a2 > 0 ? g->obj_end : (long)g->rel_end;
            f[57] = end < e ? (float)(e - end) / 10.0f : 0.0f;
        }
        f[58] = g->subj_start >= 0 && g->subj_end < (long)g->start
                    ? (float)((long)g->start - g->subj_end) / 5.0f
                    : 0.0f;
        for (i = g->obj_start, c = 0; i >= 0 && i < g->obj_end; i++)
            c += s->cls[i] == XC_PREP && !kg_xtok_is(s, (size_t)i, "of");
        f[59] = (float)c / 2.0f;
        f[60] = span_has(s, (long)g->start, (long)g->rel_end, XC_ADV);
        f[61] = (float)g->is_copula;
        f[62] = (float)g->has_modal;
        f[63] = 0; /* n_split: set by extract.c */
    }
    {
        long t2 = a2 > 0 ? tail_tokens(s, g->obj_start, g->obj_end) : 0;
        long t1 = a1 > 0 ? tail_tokens(s, g->subj_start, g->subj_end) : 0;
        const char *sur = t->surface ? t->surface : "", *last = strrchr(sur, ' ');
        const char *o = t->object.text ? t->object.text : "", *ol = strrchr(o, ' ');
        static const char *const be[] = {"is", "was", "are", "were", "be", "been", "being", "am"};
        size_t j;
        last = last ? last + 1 : sur;
        ol = ol ? ol + 1 : o;
        f[64] = a2 > 0 && t2 == 0;
        f[65] = t2 >= 1 && t2 <= 3;
        f[66] = t2 >= 4 && t2 <= 7;
        f[67] = t2 >= 8;
        f[68] = a1 > 0 && t1 == 0;
        f[69] = t1 >= 1 && t1 <= 3;
        f[70] = t1 >= 4;
        f[71] = (float)(t2 > 20 ? 20 : t2) / 10.0f;
        for (j = 0; j < sizeof be / sizeof be[0]; j++)
            f[72] = f[72] || strcasecmp(last, be[j]) == 0;
        f[73] = first_word_is_article(t->subject.text);
        f[74] = first_word_is_article(o);
        f[75] = *ol >= 'A' && *ol <= 'Z';
        f[76] = strpbrk(o, "0123456789") != NULL;
        f[77] = sur[0] && strchr(sur, ' ') == NULL;
    }
    for (k = 0; k < KG_XFEAT_COUNT; k++)
        if (f[k] > 3.0f)
            f[k] = 3.0f;
}

double kg_xconf_score(const xmodel *m, const float *f)
{
    double z = m->w[KG_XFEAT_COUNT], y = m->nz[KG_XFEAT_COUNT];
    size_t k;
    for (k = 0; k < KG_XFEAT_COUNT; k++) {
        z += m->w[k] * f[k];
        y += m->nz[k] * f[k];
    }
    return 1.0 / (1.0 + exp(-z)) / (1.0 + exp(-y));
}

const char *kg_xconf_feature_name(int k);
const char *kg_xconf_feature_name(int k)
{
    return k >= 0 && k < KG_XFEAT_COUNT ? feature_names[k] : "bias";
}
