/*
 * extract_int.h -- what the extraction files of ingest/ share (extract.c,
 * chunk.c, relation.c, qualify.c, normalize.c, confidence.c). Never included
 * from another stage.
 *
 * Flow for one sentence: chunk.c gives every token a class character (the
 * "tag string") and noun-phrase chunks; relation.c matches verb groups on the
 * tag string with pcre2 and attaches arguments; qualify.c adds negation, time
 * and modality; normalize.c lemmatises the relation; confidence.c scores it.
 */
#ifndef KG_EXTRACT_INT_H
#define KG_EXTRACT_INT_H

#include "kg_extract.h"

/* Token classes, one character each (the tag string). */
enum {
    XC_NOUN = 'N', XC_PROPN = 'P', XC_PRON = 'O', XC_POSS = 'G', /* 's */
    XC_DET = 'D', XC_ADJ = 'J', XC_NUM = 'Q', XC_VERB = 'V', XC_AUX = 'B',
    XC_MODAL = 'M', XC_NEG = 'X', XC_ADV = 'R', XC_PREP = 'I', XC_SUB = 'S',
    XC_WH = 'W', XC_TO = 'T', XC_PART = 'E', XC_CC = 'C', XC_COMMA = ',',
    XC_COLON = ':', XC_OPEN = '(', XC_CLOSE = ')', XC_QUOTE = '"', XC_END = '.',
    XC_HYPH = 'H', XC_SYM = '$', XC_OTHER = 'Z'
};

/* Verb-group kinds. */
enum { XV_FINITE = 1, XV_INF = 2, XV_GERUND = 3, XV_PARTICIPLE = 4 };

/* A verb group found on the tag string: [start, end) relative to the sentence. */
typedef struct xgroup {
    size_t start, end;        /* the verb group (aux, adverbs, negation, verb, particle) */
    size_t head;              /* main verb (or copula) */
    size_t rel_end;           /* end of the relation phrase (after P, or V W* P) */
    int kind;                 /* XV_* */
    int is_passive, is_copula, has_modal, is_say;
    long subj_start, subj_end; /* subject span, -1 none */
    long obj_start, obj_end;   /* object span (arg2) */
    int subj_rule;            /* how the subject was found (feature) */
    long time_start, time_end; /* a leading adverbial moved to the end (CaRB arg3) */
    long chain_start;         /* relative clause: start of the antecedent's whole NP chain */
    int inverted;             /* "`` ... , '' said John Smith": subject after the verb */
    size_t gap_start, gap_end; /* "said [on Tuesday] that ...": between a say-verb and its
                                  "that" (gap_end > gap_start), a further argument */
} xgroup;

/* One sentence being processed. */
typedef struct xsent {
    const kg_analysis *a;
    const kg_token *tok;      /* a->tokens + first token */
    size_t n;                 /* tokens */
    size_t first;             /* absolute index of the first token */
    size_t index;             /* sentence index */
    const void *ents;         /* kg_entities of the document, or NULL */
    const kg_tagger *tagger;  /* for the lemma of a word read as a verb, or NULL */
    char *cls;                /* n class characters + NUL */
    char **lower;             /* lower-cased forms (owned) */
    xgroup *groups; size_t n_groups, cap_groups;
} xsent;

/* chunk.c */
int kg_xchunk_classify(xsent *s);                 /* fills cls and lower; KG_ENOMEM */
void kg_xchunk_free(xsent *s);
const char *kg_xtok_xpos(const xsent *s, size_t i);
int kg_xtok_is(const xsent *s, size_t i, const char *lower_word);
/* The noun phrase ending at or after i: returns 1 and [*b, *e) when tokens
 * from i form an NP (det, modifiers, possessives, head). */
int kg_xchunk_np_at(const xsent *s, size_t i, size_t limit, size_t *e);
/* Head token of span [b, e): the last noun before the first preposition. */
size_t kg_xchunk_head(const xsent *s, size_t b, size_t e);

/* relation.c (pcre2 patterns compiled once per extractor) */
typedef struct xpatterns xpatterns;
int kg_xrel_compile(xpatterns **out, kg_error *err);
void kg_xrel_free(xpatterns *p);
int kg_xrel_groups(const xpatterns *p, xsent *s, kg_error *err);
int kg_xrel_time_np(const xsent *s, size_t b, size_t e); /* "Tuesday", "last week" */
size_t kg_xrel_time_at(const xsent *s, size_t i, size_t limit); /* "last year", "two years ago" */

/* qualify.c */
int kg_xqual_negated(const xsent *s, const xgroup *g);
const char *kg_xqual_modality(const xsent *s, const xgroup *g);
/* Time qualifier for the clause [b, e): owned string or NULL. */
char *kg_xqual_time(const xsent *s, size_t b, size_t e, const void *entities);

/* normalize.c: lemmas of the content words of rel tokens [b, e) (plus the
 * passive: keep "be" + participle), lower case; caller frees. */
const char *kg_xnorm_irregular_past(const char *w); /* "spent" -> "spend", else NULL */
char *kg_xnorm_relation(const xsent *s, size_t b, size_t e, int passive);

/* confidence.c */
#define KG_XFEAT_COUNT KG_XTRIPLE_FEATURES
/* Two logistic models over the same features: nz[] for "the extraction
 * matches something at all", w[] for its token precision when it does; the
 * confidence is their product (the expected precision). */
typedef struct xmodel { double w[KG_XFEAT_COUNT + 1], nz[KG_XFEAT_COUNT + 1]; } xmodel;
int kg_xconf_load(const char *path, xmodel *m, kg_error *err); /* missing file: defaults */
void kg_xconf_features(const xsent *s, const xgroup *g, const kg_xtriple *t, float *f);
double kg_xconf_score(const xmodel *m, const float *f);

#endif
