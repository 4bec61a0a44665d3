/*
 * confidence.c -- a logistic model over features of an extraction: how its
 * subject was found, argument lengths, names, the shape of the relation,
 * sentence length, coordination. Weights live in data/confidence.txt
 * ("name<TAB>weight" lines, '#' comments), written by `make
 * train-confidence` (mk/train_confidence.py) from CaRB dev; built-in weights
 * are used when the file is missing.
 */
#include "extract_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
    "subj_gap", "arg2_non_of_preps", "rel_adverb", "copula", "modal", "n_split"};

static const double default_weights[KG_XFEAT_COUNT + 1] = {
    0.8, 0.3, 0.2, -0.3, -0.2, 0.2, -0.5, -0.3, -0.2, -0.6, -0.8,
    -0.3, 0.0, 0.2, 0.3, 0.0, 0.2,
    0.0, 0.0, -0.2, -0.3, -0.3, 0.0, 0.0,
    -0.2, -0.5, -0.4, -0.3, -0.2, 0.3,
    -1.0, -0.5,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0 /* bias */};

int kg_xconf_load(const char *path, xmodel *m, kg_error *err)
{
    FILE *f;
    char line[256];
    unsigned lineno = 0;
    memcpy(m->w, default_weights, sizeof m->w);
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
        if (strcmp(name, "bias") == 0) {
            m->w[KG_XFEAT_COUNT] = w;
            continue;
        }
        for (k = 0; k < KG_XFEAT_COUNT; k++)
            if (strcmp(name, feature_names[k]) == 0)
                m->w[k] = w;
    }
    fclose(f);
    return KG_OK;
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
    for (k = 0; k < KG_XFEAT_COUNT; k++)
        if (f[k] > 3.0f)
            f[k] = 3.0f;
}

double kg_xconf_score(const xmodel *m, const float *f)
{
    double z = m->w[KG_XFEAT_COUNT];
    size_t k;
    for (k = 0; k < KG_XFEAT_COUNT; k++)
        z += m->w[k] * f[k];
    return 1.0 / (1.0 + exp(-z));
}

const char *kg_xconf_feature_name(int k);
const char *kg_xconf_feature_name(int k)
{
    return k >= 0 && k < KG_XFEAT_COUNT ? feature_names[k] : "bias";
}
