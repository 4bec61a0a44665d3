/*
 * extract.c -- the extraction pipeline of one document and its storage.
 *
 * Place in the flow: kg_extract_document runs the analysis (kg_text.h), the
 * entity mentions (ner_int.h), then for each sentence chunk.c, relation.c,
 * qualify.c, normalize.c and confidence.c, and turns verb groups into
 * extractions. Each extraction is an n-ary tuple (for CaRB output: the
 * sentence's own words) and, when its arguments are worth it, a graph triple
 * whose subject and object are canonical entity names or trimmed noun phrases.
 * kg_ingest_document converts the result to a kg_doc for kg_store_add_document.
 *
 * Graph rule: a triple is stored when at least one side is a named entity (or
 * a pronoun / description merged into one), neither side is an unresolved
 * pronoun or a bare determiner, and names are at most 8 words.
 */
#include "extract_int.h"
#include "ner_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct kg_extractor {
    kg_tagger *tagger;
    kg_ner *ner;
    xpatterns *patterns;
    xmodel model;
};

/* ---- model files ---- */

static char *data_path(const char *data_dir, const char *file)
{
    kg_buf b = {0};
    const char *env = getenv("KG_DATA");
    char exe[4096];
    ssize_t n;
    if (data_dir) {
        kg_buf_printf(&b, "%s/%s", data_dir, file);
        return b.data;
    }
    if (env && *env) {
        kg_buf_printf(&b, "%s/%s", env, file);
        if (b.data && access(b.data, R_OK) == 0)
            return b.data;
        kg_buf_reset(&b);
    }
    n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        char *slash;
        exe[n] = '\0';
        slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            kg_buf_printf(&b, "%s/data/%s", exe, file);
            if (b.data && access(b.data, R_OK) == 0)
                return b.data;
            kg_buf_reset(&b);
        }
    }
    kg_buf_printf(&b, "%s/%s", KG_DATADIR, file);
    return b.data;
}

int kg_extractor_open(const char *data_dir, kg_extractor **out, kg_error *err)
{
    kg_extractor *x = calloc(1, sizeof *x);
    char *path = NULL;
    int rc;
    *out = NULL;
    if (x == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    if (data_dir) {
        path = data_path(data_dir, "tagger.bin");
        if (path == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto fail;
        }
    }
    rc = kg_tagger_load(path, &x->tagger, err);
    free(path);
    path = NULL;
    if (rc)
        goto fail;
    rc = kg_ner_load(data_dir, &x->ner, err);
    if (rc)
        goto fail;
    rc = kg_xrel_compile(&x->patterns, err);
    if (rc)
        goto fail;
    path = data_path(data_dir, "confidence.txt");
    rc = kg_xconf_load(path, &x->model, err);
    free(path);
    if (rc)
        goto fail;
    *out = x;
    return KG_OK;
fail:
    kg_extractor_close(x);
    return rc;
}

/* An extractor with patterns and model only (no tagger, no NER): for gold
 * CoNLL-U input. */
int kg_extractor_open_bare(const char *data_dir, kg_extractor **out, kg_error *err)
{
    kg_extractor *x = calloc(1, sizeof *x);
    char *path;
    int rc;
    *out = NULL;
    if (x == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    rc = kg_xrel_compile(&x->patterns, err);
    if (rc == KG_OK) {
        path = data_path(data_dir, "confidence.txt");
        rc = kg_xconf_load(path, &x->model, err);
        free(path);
    }
    if (rc) {
        kg_extractor_close(x);
        return rc;
    }
    *out = x;
    return KG_OK;
}

void kg_extractor_close(kg_extractor *x)
{
    if (x == NULL)
        return;
    kg_tagger_free(x->tagger);
    kg_ner_free(x->ner);
    kg_xrel_free(x->patterns);
    free(x);
}

/* ---- results ---- */

static void free_arg(kg_xarg *a)
{
    free(a->text);
    free(a->name);
}

static void free_triple(kg_xtriple *t)
{
    free_arg(&t->subject);
    free_arg(&t->object);
    free(t->extra);
    free(t->relation);
    free(t->surface);
    free(t->time);
}

void kg_extraction_free(kg_extraction *e)
{
    size_t i;
    if (e == NULL)
        return;
    for (i = 0; i < e->n_triples; i++)
        free_triple(&e->triples[i]);
    free(e->triples);
    if (e->entities) {
        kg_entities_free(e->entities);
        free(e->entities);
    }
    if (e->has_analysis)
        kg_analysis_free(&e->analysis);
    memset(e, 0, sizeof *e);
}

int kg_extraction_mentions(const kg_extraction *e, kg_xmention **out, size_t *n_out)
{
    const kg_entities *ents = e->entities;
    const kg_mention **ms = NULL;
    size_t i, n = 0;
    *out = NULL;
    *n_out = 0;
    if (ents == NULL)
        return KG_OK;
    if (kg_entities_printable(ents, &ms, &n) != KG_OK)
        return KG_ENOMEM;
    if (n) {
        *out = calloc(n, sizeof **out);
        if (*out == NULL) {
            free(ms);
            return KG_ENOMEM;
        }
    }
    for (i = 0; i < n; i++) {
        (*out)[i].start = ms[i]->start;
        (*out)[i].end = ms[i]->end;
        (*out)[i].sentence = ms[i]->sentence;
        (*out)[i].label = kg_label_name(ms[i]->label);
        (*out)[i].entity = ms[i]->entity != KG_NO_ENTITY ? ents->entities[ms[i]->entity].name
                                                         : NULL;
    }
    free(ms);
    *n_out = n;
    return KG_OK;
}

static kg_xtriple *new_triple(kg_extraction *out)
{
    kg_xtriple *t;
    if (out->n_triples == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        kg_xtriple *v = realloc(out->triples, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        out->triples = v;
        out->cap = cap;
    }
    t = &out->triples[out->n_triples++];
    memset(t, 0, sizeof *t);
    return t;
}

/* The words of [b, e) as written with their original spacing. */
static char *span_name(const xsent *s, size_t b, size_t e)
{
    kg_buf out = {0};
    size_t i;
    if (kg_buf_puts(&out, ""))
        return NULL;
    for (i = b; i < e && i < s->n; i++) {
        if (i > b && (s->tok[i].flags & KG_TOK_SPACE_BEFORE) && kg_buf_puts(&out, " "))
            goto fail;
        if (kg_buf_append(&out, s->a->text + s->tok[i].start, s->tok[i].end - s->tok[i].start))
            goto fail;
    }
    return out.data;
fail:
    kg_buf_free(&out);
    return NULL;
}

static int head_class(const xsent *s, size_t b, size_t e);
static int graph_entity_at(const xsent *s, const kg_entities *ents, size_t b, size_t e);
static size_t poss_in(const xsent *s, size_t b, size_t e);

static int is_nominal(char c)
{
    return c == XC_NOUN || c == XC_PROPN || c == XC_NUM || c == XC_PRON || c == XC_SYM;
}

static int lemma_in_list(const xsent *s, size_t i, const char *const *list);

static const char *const say_only[] = {"say", "tell", "add", NULL};
static const char *const control_like[] = {
    "agree", "plan", "decide", "offer", "refuse", "fail", "seek", "aim", "hope", "try",
    "threaten", "promise", "intend", "vow", "pledge", "want", "expect", "attempt", NULL};
static const char *const say_proper[] = {"say", NULL};
static const char *const appoint_verbs[] = {"name", "appoint", "elect", "promote", "hire",
                                            "nominate", NULL};

static const char *const durations[] = {"second", "minute", "hour", "day", "week", "month",
                                        "year", "decade", "century", "season", NULL};

/* Head nouns that make no node: parts of time and vague quantities. */
static const char *const no_node[] = {
    "time", "way", "end", "start", "beginning", "middle", "rest", "lot", "kind", "sort",
    "row", "minute", "moment", "while", "half", "top", "bottom", "outset", "world", "age",
    "form", "type", "number", "amount", "variety", "range", "couple", NULL};

/* Institutions a definite description names ("the court", "the union"):
 * coreference to an entity whose name lacks the word is not trusted. */
static const char *const institutions[] = {
    "court", "union", "government", "ministry", "party", "regulator", "police", "commission",
    "council", "parliament", "senate", "house", "committee", "agency", "army", "military",
    "bank", "university", "school", "hospital", "club", "team", "league", "state", "city",
    "country", "authority", "department", "administration", "embassy", "church", NULL};
static const char *const place_kinds[] = {"state", "city", "country", NULL};

/* Does the name hold the word (case-insensitive, whole word)? */
static int name_has_word(const char *name, const char *w)
{
    size_t n = strlen(w);
    const char *p;
    for (p = name; *p; p++) {
        size_t k;
        if (p > name && isalnum((unsigned char)p[-1]))
            continue;
        for (k = 0; k < n && p[k] && tolower((unsigned char)p[k]) == w[k]; k++)
            ;
        if (k == n && !isalnum((unsigned char)p[n]))
            return 1;
    }
    return 0;
}

/* Kinds of organisation after a name that stand for it. */
static const char *const org_kinds[] = {
    "union", "party", "company", "group", "firm", "club", "team", "agency", "bank",
    "movement", "alliance", "coalition", "foundation", "organisation", "organization",
    "association", "federation", "league", NULL}; /* not "the Netanyahu government" */

/* A graph argument from tokens [b, e) (one noun phrase): entity name of the
 * head's mention, else the phrase without leading determiners. Returns 0 when
 * not worth storing. */
static int graph_arg(const xsent *s, const kg_entities *ents, size_t b, size_t e, kg_xarg *a)
{
    size_t head, np_end, k;
    if (kg_xchunk_np_at(s, b, e, &np_end))
        e = np_end;
    /* "the Celtics 112-104": a score after a name is no part of it */
    if (e > b + 1 && s->cls[e - 1] == XC_NUM && s->cls[e - 2] == XC_PROPN &&
        strchr(s->lower[e - 1], '-') != NULL)
        e--;
    /* "Asia last year", "Arsenal five minutes": the time is a qualifier */
    for (k = b + 1; k < e; k++)
        if (is_nominal(s->cls[k - 1]) && kg_xrel_time_at(s, k, s->n)) {
            e = k;
            break;
        }
    head = kg_xchunk_head(s, b, e);
    a->first_token = s->first + b;
    a->n_tokens = e - b;
    a->type = "OTHER";
    if (ents && ents->token_mention && head > b && s->cls[head] == XC_NOUN &&
        lemma_in_list(s, head, org_kinds) &&
        ents->token_mention[s->first + head] == KG_NO_MENTION &&
        ents->token_mention[s->first + head - 1] != KG_NO_MENTION &&
        ents->mentions[ents->token_mention[s->first + head - 1]].kind == KG_MENTION_NAME &&
        ents->mentions[ents->token_mention[s->first + head - 1]].label != KG_LABEL_PLACE &&
        ents->mentions[ents->token_mention[s->first + head - 1]].label != KG_LABEL_PERSON)
        head--; /* "the United Auto Workers union", "the Chega party": the name (not
                 * "the Netanyahu government") */
    if (ents && ents->token_mention) {
        size_t m = ents->token_mention[s->first + head];
        const kg_mention *mm = m != KG_NO_MENTION ? &ents->mentions[m] : NULL;
        if (mm && mm->first_token < s->first + b) {
            /* "closing offices in Paris , Berlin and Madrid" read as one place
             * "Paris , Berlin": the conjunct takes the name nested in it */
            for (k = 0; k < ents->n_nested; k++) {
                const kg_mention *nm = &ents->nested[k];
                if (nm->first_token >= s->first + b && nm->first_token <= s->first + head &&
                    nm->first_token + nm->n_tokens > s->first + head &&
                    nm->first_token + nm->n_tokens <= s->first + e && nm->entity != KG_NO_ENTITY) {
                    mm = nm;
                    break;
                }
            }
        }
        if (mm && mm->entity != KG_NO_ENTITY) {
            const kg_doc_entity *de = &ents->entities[mm->entity];
            if (mm->kind == KG_MENTION_PRONOUN) {
                /* a pronoun merged into an entity of the wrong kind is not trusted */
                const char *w = s->lower[head];
                int personal = !strcmp(w, "he") || !strcmp(w, "she") || !strcmp(w, "him") ||
                               !strcmp(w, "her") || !strcmp(w, "his") || !strcmp(w, "hers");
                int neuter = !strcmp(w, "it") || !strcmp(w, "its");
                int plural = !strcmp(w, "they") || !strcmp(w, "them") || !strcmp(w, "their") ||
                             !strcmp(w, "theirs");
                if ((personal && de->label != KG_LABEL_PERSON) ||
                    ((neuter || plural) && de->label == KG_LABEL_PERSON))
                    return 0; /* "they used" is not Gloria */
            }
            if (mm->kind == KG_MENTION_NOMINAL && lemma_in_list(s, head, institutions) &&
                !name_has_word(de->name, s->lower[head]) &&
                !(de->label == KG_LABEL_PLACE && lemma_in_list(s, head, place_kinds)))
                return 0; /* "the union" is not Carrow Motors, "the court" not Google */
            a->name = strdup(de->name);
            a->type = kg_label_name(de->label);
            a->is_entity = 1;
            return a->name != NULL;
        }
    }
    if (s->cls[head] == XC_PRON || !is_nominal(s->cls[head]))
        return 0;
    if (s->cls[head] == XC_NOUN && lemma_in_list(s, head, no_node))
        return 0; /* "at the end of 2024", "of all time", "in a row" */
    if (kg_xrel_time_np(s, b, head + 1))
        return 0; /* "by the summer", "on Tuesday night" */
    if (s->cls[head] == XC_NUM && (head == b || s->cls[head - 1] == XC_NUM ||
                                   s->cls[head - 1] == XC_DET)) {
        /* "when she was six", "aged 14", "from 6:00am": a bare number is no
         * node (an amount of money or a percentage is) */
        size_t m = ents && ents->token_mention ? ents->token_mention[s->first + head]
                                               : KG_NO_MENTION;
        if (m == KG_NO_MENTION || (ents->mentions[m].label != KG_LABEL_MONEY &&
                                   ents->mentions[m].label != KG_LABEL_PERCENT))
            return 0;
    }
    if (s->cls[head] == XC_NOUN && head > b && s->cls[head - 1] == XC_NUM &&
        lemma_in_list(s, head, durations) &&
        !(strlen(s->lower[head - 1]) == 4 && (s->lower[head - 1][0] == '1' ||
                                              s->lower[head - 1][0] == '2')))
        return 0; /* "for two decades": a duration */
    if (ents && ents->token_mention) {
        /* "the company" that coreference left without a referent is no node */
        size_t m = ents->token_mention[s->first + head];
        if (m != KG_NO_MENTION && ents->mentions[m].kind == KG_MENTION_NOMINAL)
            return 0;
    }
    if (ents && ents->token_mention) {
        /* a date is a time qualifier, not a node: "starting in 2027" */
        size_t m = ents->token_mention[s->first + head];
        if (m != KG_NO_MENTION && ents->mentions[m].label == KG_LABEL_DATE)
            return 0;
    }
    while (b < e && (s->cls[b] == XC_DET || s->cls[b] == XC_QUOTE || s->cls[b] == XC_COLON ||
                     s->cls[b] == XC_OTHER || s->cls[b] == XC_HYPH ||
                     (s->tok[b].flags & KG_TOK_BULLET)))
        b++;
    if (b >= e || e - b > 8)
        return 0;
    a->name = span_name(s, b, e);
    return a->name != NULL;
}

/* Split [b, e) into coordinated noun phrases ("Amazon , Google , or any other
 * provider"); at most max parts; returns the count. */
static size_t conjuncts(const xsent *s, size_t b, size_t e, size_t *pb, size_t *pe, size_t max)
{
    size_t n = 0, i = b;
    int cc = 0;
    while (i < e && n < max) {
        size_t np_end;
        if (!kg_xchunk_np_at(s, i, e, &np_end))
            break;
        pb[n] = i;
        pe[n] = np_end;
        n++;
        i = np_end;
        if (cc)
            break; /* "A and B , a concession that ...": the list ends after "and B" */
        if (i < e && s->cls[i] == XC_COMMA)
            i++;
        if (i < e && s->cls[i] == XC_CC)
            i++, cc = 1;
        else if (i < e && s->cls[i] != XC_DET && !is_nominal(s->cls[i]) && s->cls[i] != XC_ADJ)
            break;
        if (i > 0 && s->cls[i - 1] != XC_COMMA && s->cls[i - 1] != XC_CC)
            break;
    }
    /* "Cashel Byron , a world champion prizefighter ,": without a conjunction
     * the second noun phrase is an apposition, not a list member */
    if (n == 2 && !cc)
        n = 1;
    return n;
}

/* A CaRB argument that opens a quotation ("the album `` The Plan") and stops
 * just before its closing mark takes the mark too, as the annotators do. */
static long close_quote(const xsent *s, long b, long e)
{
    long i, open = 0, plain = 0;
    for (i = b; i < e; i++) {
        const char *w = s->lower[i];
        if (strcmp(w, "`") == 0 || strcmp(w, "``") == 0 || strcmp(w, "\u201c") == 0)
            open += w[0] == '`' ? (long)strlen(w) : 2;
        else if (strcmp(w, "'") == 0 || strcmp(w, "''") == 0 || strcmp(w, "\u201d") == 0)
            open -= w[0] == '\'' ? (long)strlen(w) : 2;
        else if (strcmp(w, "\"") == 0)
            plain++;
    }
    if (plain % 2 == 1 && (size_t)e < s->n && strcmp(s->lower[e], "\"") == 0)
        return e + 1;
    /* `` and '' come as one token or as two ` or ' tokens */
    while (open > 0 && (size_t)e < s->n) {
        const char *w = s->lower[e];
        if (strcmp(w, "'") == 0 || strcmp(w, "''") == 0)
            open -= (long)strlen(w);
        else if (strcmp(w, "\u201d") == 0)
            open -= 2;
        else
            break;
        e++;
    }
    return e;
}

static int set_carb_arg(const xsent *s, long b, long e, kg_xarg *a)
{
    if (b < 0 || e <= b) {
        a->text = strdup("");
        return a->text ? KG_OK : KG_ENOMEM;
    }
    a->first_token = s->first + (size_t)b;
    a->n_tokens = (size_t)(e - b);
    /* the input's own words */
    a->text = span_name(s, (size_t)b, (size_t)close_quote(s, b, e));
    return a->text ? KG_OK : KG_ENOMEM;
}

static double score(const kg_extractor *x, const xsent *s, const xgroup *g, kg_xtriple *t)
{
    kg_xconf_features(s, g, t, t->features);
    return kg_xconf_score(&x->model, t->features);
}

static int has_verb(const xsent *s, size_t b, size_t e)
{
    for (; b < e; b++)
        if (s->cls[b] == XC_VERB || s->cls[b] == XC_AUX || s->cls[b] == XC_MODAL)
            return 1;
    return 0;
}

static const char *const dative_verbs[] = {
    "pay", "give", "offer", "send", "grant", "owe", "sell", "award", "lend", "show", "tell",
    "hand", "bring", "promise", "charge", "loan", "provide", "cost", "save", "earn", "fine",
    "bill", NULL};

/* Verbs whose amount is a measure of change, not a thing given or spent:
 * "rose 8 percent in New York" is no "rise in New York". */
static const char *const change_verbs[] = {
    "rise", "fall", "climb", "drop", "gain", "jump", "grow", "increase", "decrease", "decline",
    "slip", "surge", "soar", "tumble", "slide", "sink", "plunge", "rally", "edge", "dip",
    "shrink", "advance", "retreat", "lose", "add", NULL};

static int lemma_in_list(const xsent *s, size_t i, const char *const *list)
{
    const char *l = s->tok[i].lemma ? s->tok[i].lemma : s->lower[i];
    for (; *list; list++)
        if (strcmp(l, *list) == 0)
            return 1;
    return 0;
}

/* An amount or share: "$10 billion", "20 percent", "3,000 jobs" is not one
 * (a counted thing is a node), "1.5 million" is. */
static int value_np(const xsent *s, const kg_entities *ents, size_t b, size_t e)
{
    size_t h = kg_xchunk_head(s, b, e);
    if (ents && ents->token_mention && ents->token_mention[s->first + b] != KG_NO_MENTION &&
        ents->mentions[ents->token_mention[s->first + b]].kind == KG_MENTION_NAME &&
        ents->mentions[ents->token_mention[s->first + b]].label != KG_LABEL_MONEY)
        return 0; /* "Manchester City 2-1": a name with a score */
    if (ents && ents->token_mention) {
        size_t m = ents->token_mention[s->first + h];
        if (m != KG_NO_MENTION && (ents->mentions[m].label == KG_LABEL_MONEY ||
                                   ents->mentions[m].label == KG_LABEL_PERCENT))
            return 1;
    }
    return s->cls[h] == XC_NUM || s->cls[h] == XC_SYM;
}

/* Is [b, e) a time: a DATE mention's head, a year, "last week"? */
static int time_np(const xsent *s, const kg_entities *ents, size_t b, size_t e)
{
    size_t h = kg_xchunk_head(s, b, e);
    if (ents && ents->token_mention && ents->token_mention[s->first + h] != KG_NO_MENTION &&
        ents->mentions[ents->token_mention[s->first + h]].label == KG_LABEL_DATE)
        return 1;
    return kg_xrel_time_np(s, b, e) || kg_xrel_time_at(s, b, e) ||
           (s->cls[h] == XC_NUM && strlen(s->lower[h]) == 4 &&
            (s->lower[h][0] == '1' || s->lower[h][0] == '2'));
}

/* Is there a graph triple subject -relation- object in this sentence already? */
static int graph_dup(const kg_extraction *out, size_t sentence, const char *subject,
                     const char *relation, const char *object)
{
    size_t i = out->n_triples;
    while (i-- > 0) {
        const kg_xtriple *t = &out->triples[i];
        if (t->sentence != sentence)
            break;
        if (t->is_graph && t->subject.name && t->object.name && t->relation &&
            strcmp(t->subject.name, subject) == 0 && strcmp(t->relation, relation) == 0 &&
            strcmp(t->object.name, object) == 0)
            return 1;
    }
    return 0;
}

/* Fill the new graph triple t: the arguments sa and oa (taken over) over
 * [sb, se) and [ob, oe), a copy of relation and surface, and the time,
 * negation, modality, confidence and features of its base triple. */
static int graph_fill(kg_xtriple *t, const kg_xtriple *base, const xsent *s, const kg_xarg *sa,
                      const kg_xarg *oa, size_t sb, size_t se, size_t ob, size_t oe,
                      const char *relation, const char *surface)
{
    t->sentence = s->index;
    t->subject = *sa;
    t->object = *oa;
    t->subject.text = span_name(s, sb, se);
    t->object.text = span_name(s, ob, oe);
    t->relation = strdup(relation);
    t->surface = strdup(surface);
    t->time = base->time ? strdup(base->time) : NULL;
    t->is_negated = base->is_negated;
    t->modality = base->modality;
    t->confidence = base->confidence;
    t->pattern = base->pattern;
    memcpy(t->features, base->features, sizeof t->features);
    t->is_graph = 1;
    if (!t->relation || !t->surface || !t->subject.text || !t->object.text)
        return KG_ENOMEM;
    return KG_OK;
}

/* One more graph triple [sb, se) —relation— [ob, oe) with the qualifiers of
 * the base triple (out->triples[base_i]); skipped when an argument makes no
 * node, neither is an entity, or it is already there. */
static int emit_graph(const xsent *s, const kg_entities *ents, kg_extraction *out, size_t base_i,
                      size_t sb, size_t se, size_t ob, size_t oe, const char *relation,
                      const char *surface)
{
    kg_xarg sa = {0}, oa = {0};
    kg_xtriple *t;
    if (!graph_arg(s, ents, sb, se, &sa) || !graph_arg(s, ents, ob, oe, &oa) ||
        !(sa.is_entity || oa.is_entity) || strcmp(sa.name, oa.name) == 0 ||
        graph_dup(out, s->index, sa.name, relation, oa.name)) {
        free_arg(&sa);
        free_arg(&oa);
        return KG_OK;
    }
    t = new_triple(out);
    if (t == NULL) {
        free_arg(&sa);
        free_arg(&oa);
        return KG_ENOMEM;
    }
    return graph_fill(t, &out->triples[base_i], s, &sa, &oa, sb, se, ob, oe, relation, surface);
}

/* The object of a copula or "become"/"remain" that is a common noun phrase
 * ("became the third-largest party") describes the subject: it takes no
 * entity by coreference. */
static int oa_described(const xsent *s, const kg_entities *ents, const xgroup *g, size_t b,
                        size_t e)
{
    static const char *const copulas[] = {"become", "remain", "be", NULL};
    size_t h = kg_xchunk_head(s, b, e), m;
    if (!ents || !ents->token_mention || g->rel_end != g->end || g->is_passive ||
        !lemma_in_list(s, g->head, copulas) || s->cls[h] != XC_NOUN)
        return 0;
    m = ents->token_mention[s->first + h];
    return m != KG_NO_MENTION && ents->mentions[m].kind != KG_MENTION_NAME;
}

/* Graph triples of a group: subject conjuncts x object conjuncts (direct
 * object, else the object of the relation's preposition), and a second triple
 * over "V NP P NP2" ("retains license for OpenAI products"). */
static int graph_triples(const kg_extractor *x, const xsent *s, const kg_entities *ents,
                         const xgroup *g, size_t base_i, kg_extraction *out)
{
    const kg_xtriple *base = &out->triples[base_i]; /* re-read after new_triple moves it */
    size_t sb[6], se[6], ob[6], oe[6], cb[6], ce[6], ns, no, n2 = 0, i, j, c, o, b2 = 0, e2 = 0;
    long obj_b = g->obj_start, obj_e = g->obj_end;
    char *rel2[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    char *surf2[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    int value[6] = {0, 0, 0, 0, 0, 0};
    int rc = KG_OK, dated;
    if (g->subj_start < 0 || obj_b < 0)
        return KG_OK;
    if (g->rel_end > g->end && kg_xtok_is(s, g->rel_end - 1, "that"))
        return KG_OK; /* "has recognised that the state ...": the clause is no node */
    if (g->rel_end > g->end && s->cls[g->rel_end - 1] == XC_PREP &&
        lemma_in_list(s, g->head, say_only) &&
        (kg_xtok_is(s, g->rel_end - 1, "on") || kg_xtok_is(s, g->rel_end - 1, "in") ||
         kg_xtok_is(s, g->rel_end - 1, "at") || kg_xtok_is(s, g->rel_end - 1, "during")))
        return KG_OK; /* "said on a call", "told supporters in Lisbon": circumstances */
    if (lemma_in_list(s, g->head, say_proper))
        return KG_OK; /* "say" with a noun phrase is no fact about it */
    if (g->is_copula && g->rel_end == g->end + 1 && kg_xtok_is(s, g->end, "of"))
        return KG_OK; /* "The first case is of the mayor": no relation */
    if (g->is_say && has_verb(s, (size_t)obj_b, (size_t)obj_e)) {
        /* the reported clause gives its own triples; "Nadella told investors
         * (on Monday) that ..." gives Nadella —tell— investors too */
        static const char *const tell_verbs[] = {"tell", "inform", "assure", "remind",
                                                 "warn", "notify", "advise", "brief", NULL};
        size_t e1;
        if (g->gap_end > g->gap_start && lemma_in_list(s, g->head, tell_verbs) &&
            s->cls[g->gap_start] != XC_PREP &&
            kg_xchunk_np_at(s, g->gap_start, g->gap_end, &e1) && e1 > g->gap_start) {
            char *rel = kg_xnorm_relation(s, g->start, g->end, 0);
            char *surf = span_name(s, g->start, g->end);
            size_t n0 = out->n_triples;
            rc = rel && surf ? emit_graph(s, ents, out, base_i, (size_t)g->subj_start,
                                          (size_t)g->subj_end, g->gap_start, e1, rel, surf)
                             : KG_ENOMEM;
            free(rel);
            free(surf);
            if (rc == KG_OK && out->n_triples > n0) {
                /* its own time only, not the reported clause's ("by 2029") */
                kg_xtriple *t = &out->triples[out->n_triples - 1];
                free(t->time);
                t->time = kg_xqual_time(s, (size_t)g->subj_start < g->start
                                               ? (size_t)g->subj_start : g->start,
                                        g->gap_end, ents);
            }
            return rc;
        }
        return KG_OK;
    }
    if (g->is_copula && g->subj_end - g->subj_start == 1 &&
        s->cls[g->subj_start] == XC_PRON && (kg_xtok_is(s, (size_t)g->subj_start, "it") ||
                                             kg_xtok_is(s, (size_t)g->subj_start, "there")))
        return KG_OK; /* "it 's the Internet", "it is time for IE6 users": no referent */
    o = (size_t)obj_b;
    while (o < (size_t)obj_e && (s->cls[o] == XC_ADV || s->cls[o] == XC_QUOTE))
        o++;
    /* "more than 5 million cars", "up to 300 jobs", "at least 76 people" */
    if (o + 2 < (size_t)obj_e && s->cls[o + 2] == XC_NUM &&
        ((kg_xtok_is(s, o + 1, "than") && (kg_xtok_is(s, o, "more") || kg_xtok_is(s, o, "less") ||
                                           kg_xtok_is(s, o, "fewer"))) ||
         (kg_xtok_is(s, o, "up") && kg_xtok_is(s, o + 1, "to")) ||
         (kg_xtok_is(s, o, "at") && (kg_xtok_is(s, o + 1, "least") || kg_xtok_is(s, o + 1, "most")))))
        o += 2;
    if (g->subj_rule == 5 && g->time_start >= 0 &&
        head_class(s, (size_t)g->subj_start, (size_t)g->subj_end) == XC_NOUN &&
        head_class(s, (size_t)g->time_start, (size_t)g->time_end) == XC_PROPN)
        /* "Its advertising unit , Northwind Ads , lost": the name */
        ns = conjuncts(s, (size_t)g->time_start, (size_t)g->time_end, sb, se, 6);
    else
        ns = conjuncts(s, (size_t)g->subj_start, (size_t)g->subj_end, sb, se, 6);
    no = conjuncts(s, o, (size_t)obj_e, ob, oe, 6);
    if (ns == 0 || no == 0)
        return KG_OK;
    {
        /* "Environmental groups , including Greenpeace , have criticised":
         * the named members are subjects too */
        size_t q = (size_t)g->subj_end, e4;
        if (ns < 6 && q + 3 < g->start && s->cls[q] == XC_COMMA &&
            kg_xtok_is(s, q + 1, "including") && s->cls[g->start - 1] == XC_COMMA) {
            size_t cb2[6], ce2[6], n3 = conjuncts(s, q + 2, g->start - 1, cb2, ce2, 6 - ns), c2;
            if (n3 > 0 && kg_xchunk_np_at(s, q + 2, g->start - 1, &e4))
                for (c2 = 0; c2 < n3; c2++) {
                    sb[ns] = cb2[c2];
                    se[ns] = ce2[c2];
                    ns++;
                }
        }
    }
    /* "paid its chief executive $34 million": the amount is a second object */
    if (no == 1 && g->rel_end == g->end && lemma_in_list(s, g->head, dative_verbs)) {
        size_t k;
        for (k = ob[0] + 1; k < oe[0]; k++)
            if ((s->cls[k] == XC_SYM || s->cls[k] == XC_NUM) && s->cls[k - 1] == XC_NOUN) {
                oe[0] = k;
                break;
            }
    }
    /* Double object: "pays OpenAI a revenue share" -> pay OpenAI. */
    if (no == 1 && ents && ents->token_mention && g->rel_end == g->end &&
        lemma_in_list(s, g->head, dative_verbs)) {
        size_t m = ents->token_mention[s->first + ob[0]];
        if (m != KG_NO_MENTION && ents->mentions[m].kind == KG_MENTION_NAME) {
            size_t me = ents->mentions[m].first_token + ents->mentions[m].n_tokens - s->first;
            if (me < oe[0] && ents->mentions[m].first_token == s->first + ob[0] &&
                s->cls[me] != XC_POSS)
                oe[0] = me;
        }
    }
    /* V NP P NP2: the NP (not a name) joins the relation, for each
     * coordinated NP: "retains license and rights for OpenAI products". */
    /* "was founded in 2011 by two engineers": the date is the time, the
     * verb takes the next preposition's object */
    dated = g->rel_end > g->end && s->cls[g->rel_end - 1] == XC_PREP && no == 1 &&
            time_np(s, ents, ob[0], oe[0]);
    if ((g->rel_end == g->end || dated ||
         /* "will step down as chairman of Brightwater" */
         (kg_xtok_is(s, g->rel_end - 1, "as") && kg_xtok_is(s, oe[no - 1], "of") &&
          graph_entity_at(s, ents, oe[no - 1] + 1, (size_t)obj_e))) &&
        oe[no - 1] + 1 < (size_t)obj_e && s->cls[oe[no - 1]] == XC_PREP &&
        kg_xchunk_np_at(s, oe[no - 1] + 1, (size_t)obj_e, &e2)) {
        char *r = kg_xnorm_relation(s, g->start, dated ? g->end : g->rel_end, g->is_passive);
        b2 = oe[no - 1] + 1;
        for (j = 0; j < no && r; j++) {
            size_t h = kg_xchunk_head(s, ob[j], oe[j]);
            kg_buf b = {0};
            if (dated) {
                kg_buf_printf(&b, "%s %s", r, s->lower[oe[no - 1]]);
                rel2[j] = b.data;
                surf2[j] = span_name(s, g->start, oe[no - 1] + 1); /* "was founded in 2011 by" */
                if (surf2[j] == NULL) {
                    rc = KG_ENOMEM;
                    free(r);
                    goto done;
                }
                continue;
            }
            if (no == 1 && kg_xrel_time_np(s, ob[j], oe[j])) {
                /* "was held this week in Washington" -> be held in */
                kg_buf_printf(&b, "%s %s", r, s->lower[oe[no - 1]]);
                rel2[j] = b.data;
                continue;
            }
            if (value_np(s, ents, ob[j], oe[j]) && kg_xtok_is(s, oe[no - 1], "of"))
                continue; /* "owns 12 percent of the company": a share, no "own of" */
            if (value_np(s, ents, ob[j], oe[j]) && !lemma_in_list(s, g->head, change_verbs)) {
                /* "will invest $10 billion in OpenAI" -> invest in OpenAI: an
                 * amount is no node; it stays in the surface text */
                kg_buf_printf(&b, "%s %s", r, s->lower[oe[no - 1]]);
                rel2[j] = b.data;
                value[j] = 1;
                surf2[j] = span_name(s, g->start, oe[no - 1] + 1);
                if (surf2[j] == NULL) {
                    rc = KG_ENOMEM;
                    free(r);
                    goto done;
                }
                continue;
            }
            if (s->cls[h] != XC_NOUN || (ents && ents->token_mention &&
                                         ents->token_mention[s->first + h] != KG_NO_MENTION))
                continue;
            kg_buf_printf(&b, "%s %s %s", r, s->tok[h].lemma ? s->tok[h].lemma : s->lower[h],
                          s->lower[oe[no - 1]]);
            rel2[j] = b.data;
        }
        free(r);
        /* "approve the merger of Siemens and Alstom": each conjunct of NP2 */
        n2 = conjuncts(s, b2, (size_t)obj_e, cb, ce, 6);
        if (n2 == 0 || cb[0] != b2 || ce[0] != e2) {
            cb[0] = b2;
            ce[0] = e2;
            n2 = 1;
        }
        /* an amount stays the graph object only when no entity follows */
        {
            kg_xarg pa = {0};
            int named = graph_arg(s, ents, cb[0], ce[0], &pa) && pa.is_entity;
            free_arg(&pa);
            for (j = 0; j < no; j++)
                if (value[j] && !named) {
                    value[j] = 0;
                    free(rel2[j]);
                    rel2[j] = NULL;
                }
        }
    }
    for (i = 0; i < ns; i++) {
        for (j = 0; j < no + no * n2; j++) {
            kg_xtriple *t;
            kg_xarg sa = {0}, oa = {0};
            size_t jb, je;
            c = j < no ? 0 : (j - no) % n2;
            jb = j < no ? ob[j] : cb[c];
            je = j < no ? oe[j] : ce[c];
            if (j >= no && rel2[(j - no) / n2] == NULL)
                continue;
            if (j < no && value[j])
                continue; /* the amount goes with the entity after it */
            if (j < no && oa_described(s, ents, g, jb, je)) {
                /* "became the third-largest party": a description, not the
                 * party coreference found before */
                if (!graph_arg(s, ents, sb[i], se[i], &sa) || !sa.is_entity ||
                    !graph_arg(s, NULL, jb, je, &oa)) {
                    free_arg(&sa);
                    free_arg(&oa);
                    continue;
                }
            } else if (!graph_arg(s, ents, sb[i], se[i], &sa) || !graph_arg(s, ents, jb, je, &oa) ||
                !(sa.is_entity || oa.is_entity) || strcmp(sa.name, oa.name) == 0) {
                free_arg(&sa);
                free_arg(&oa);
                continue;
            }
            if (graph_dup(out, s->index, sa.name, j < no ? base->relation : rel2[(j - no) / n2],
                          oa.name)) {
                /* "the union and the company" both resolved to one entity */
                free_arg(&sa);
                free_arg(&oa);
                continue;
            }
            t = new_triple(out);
            if (t == NULL) {
                free_arg(&sa);
                free_arg(&oa);
                rc = KG_ENOMEM;
                goto done;
            }
            base = &out->triples[base_i];
            if (graph_fill(t, base, s, &sa, &oa, sb[i], se[i], jb, je,
                           j < no ? base->relation : rel2[(j - no) / n2],
                           j >= no && surf2[(j - no) / n2] ? surf2[(j - no) / n2]
                                                           : base->surface) != KG_OK) {
                rc = KG_ENOMEM;
                goto done;
            }
        }
    }
    /* "Telvane named Marisol Ortega its new chief executive", "appointed
     * Daniel Kerr as chief financial officer" -> Ortega -be chief executive of-
     * Telvane (the subject) */
    if (g->rel_end == g->end && !g->is_passive && lemma_in_list(s, g->head, appoint_verbs) &&
        ents && ents->token_mention) {
        size_t m0 = ents->token_mention[s->first + ob[0]], ne, rb2, re2, k2;
        if (m0 != KG_NO_MENTION && ents->mentions[m0].kind == KG_MENTION_NAME &&
            ents->mentions[m0].label == KG_LABEL_PERSON &&
            ents->mentions[m0].first_token == s->first + ob[0]) {
            ne = ents->mentions[m0].first_token + ents->mentions[m0].n_tokens - s->first;
            rb2 = ne;
            if (rb2 < (size_t)obj_e && (kg_xtok_is(s, rb2, "as") ||
                                        strcmp(kg_xtok_xpos(s, rb2), "PRP$") == 0))
                rb2++;
            if (rb2 < (size_t)obj_e && rb2 > ne && s->cls[rb2] == XC_DET)
                rb2++;
            re2 = rb2;
            while (re2 < (size_t)obj_e && (s->cls[re2] == XC_ADJ || s->cls[re2] == XC_NOUN))
                re2++;
            if (rb2 > ne && re2 > rb2 && s->cls[re2 - 1] == XC_NOUN) {
                kg_buf b = {0};
                kg_buf_puts(&b, "be");
                for (k2 = rb2; k2 < re2; k2++)
                    if (!kg_xtok_is(s, k2, "new") && !kg_xtok_is(s, k2, "former"))
                        kg_buf_printf(&b, " %s", s->lower[k2]);
                kg_buf_puts(&b, " of");
                for (i = 0; i < ns && rc == KG_OK && b.data; i++)
                    rc = emit_graph(s, ents, out, base_i, ob[0], ne, sb[i], se[i], b.data,
                                    out->triples[base_i].surface);
                if (b.data == NULL)
                    rc = KG_ENOMEM;
                kg_buf_free(&b);
                if (rc)
                    goto done;
            }
        }
    }
    /* "will join Halvorsen 's board" -> join board of Halvorsen */
    if (no == 1 && g->rel_end == g->end && !value[0]) {
        size_t pz = poss_in(s, ob[0], oe[0]), h = kg_xchunk_head(s, ob[0], oe[0]);
        char *r = NULL;
        if (pz > ob[0] && pz + 1 < oe[0] && s->cls[h] == XC_NOUN && h > pz &&
            graph_entity_at(s, ents, ob[0], pz) &&
            (r = kg_xnorm_relation(s, g->start, g->rel_end, g->is_passive)) != NULL) {
            kg_buf b = {0};
            kg_buf_printf(&b, "%s %s of", r, s->tok[h].lemma ? s->tok[h].lemma : s->lower[h]);
            for (i = 0; i < ns && rc == KG_OK && b.data; i++)
                rc = emit_graph(s, ents, out, base_i, sb[i], se[i], ob[0], pz, b.data,
                                out->triples[base_i].surface);
            if (b.data == NULL)
                rc = KG_ENOMEM;
            kg_buf_free(&b);
        }
        free(r);
        if (rc)
            goto done;
    }
    /* "sell its stake in a Texas oil field to Chevron": a later
     * prepositional phrase with an entity -> sell stake to Chevron */
    if (n2 > 0 && no == 1 && !dated && !value[0]) {
        size_t k = ce[n2 - 1], e3, h = kg_xchunk_head(s, ob[0], oe[0]);
        char *r = NULL;
        if (k + 1 < (size_t)obj_e && s->cls[k] == XC_PREP && !kg_xtok_is(s, k, "of") &&
            s->cls[h] == XC_NOUN && kg_xchunk_np_at(s, k + 1, (size_t)obj_e, &e3) &&
            graph_entity_at(s, ents, k + 1, e3) &&
            (r = kg_xnorm_relation(s, g->start, g->rel_end, g->is_passive)) != NULL) {
            kg_buf b = {0};
            kg_buf_printf(&b, "%s %s %s", r, s->tok[h].lemma ? s->tok[h].lemma : s->lower[h],
                          s->lower[k]);
            for (i = 0; i < ns && rc == KG_OK && b.data; i++)
                rc = emit_graph(s, ents, out, base_i, sb[i], se[i], k + 1, e3, b.data,
                                out->triples[base_i].surface);
            if (b.data == NULL)
                rc = KG_ENOMEM;
            kg_buf_free(&b);
        }
        free(r);
    }
done:
    for (j = 0; j < 6; j++) {
        free(rel2[j]);
        free(surf2[j]);
    }
    return rc;
}

/* A nominal extraction: "X , [the] T of Y ," -> X is T (and X —be T of— Y in
 * the graph when T has a possessor "Y 's T"); "X 's Y" -> X has Y.
 * [sb, se) is X, [ab, ae) is T / Y. */
/* Is the noun phrase at b an entity? */
static int graph_entity_at(const xsent *s, const kg_entities *ents, size_t b, size_t e)
{
    kg_xarg a = {0};
    size_t e2;
    int yes;
    if (!kg_xchunk_np_at(s, b, e, &e2))
        return 0;
    yes = graph_arg(s, ents, b, e2, &a) && a.is_entity;
    free_arg(&a);
    return yes;
}

/* The first possessive "'s" in [b, e), or 0. */
static size_t poss_in(const xsent *s, size_t b, size_t e)
{
    for (; b < e; b++)
        if (s->cls[b] == XC_POSS)
            return b;
    return 0;
}

/* Is the phrase at b the object of a preposition in a sentence-initial
 * adverbial ("With Bush , ...", "Discussing his concern in a public
 * statement , ...": no finite verb before it)? */
static int intro_pp(const xsent *s, size_t b)
{
    size_t j;
    if (b == 0 || s->cls[b - 1] != XC_PREP)
        return 0;
    for (j = 0; j + 1 < b; j++) {
        const char *x = kg_xtok_xpos(s, j);
        if (s->cls[j] == XC_AUX || s->cls[j] == XC_MODAL ||
            (s->cls[j] == XC_VERB && (strcmp(x, "VBD") == 0 || strcmp(x, "VBZ") == 0 ||
                                      strcmp(x, "VBP") == 0 || strcmp(x, "VBN") == 0)))
            return 0;
    }
    return 1;
}

/* The graph triple of an apposition or title without a possessive (the CaRB
 * "is" tuple is the last triple of out): "Alphabet , the parent company of
 * Google" -> Alphabet —be parent company of— Google; "Brightwater Systems , a
 * maker of factory robots" -> —be— maker of factory robots (an entity subject,
 * comma appositions only); a title "Arsenal manager Mikel Arteta" ->
 * —be manager of— Arsenal when its proper-noun modifier is an entity. */
static int apposition_graph(const xsent *s, const kg_entities *ents, size_t sb, size_t se,
                            size_t ab, size_t ae, int title, kg_extraction *out)
{
    size_t pp = ae, k, rb = ab, e3 = 0, ob = 0, oe = 0, poss = 0;
    kg_xarg sa = {0}, oa = {0};
    kg_buf rel = {0};
    kg_xtriple *u, *t;
    int rc = KG_OK;
    for (k = ab; k < ae; k++)
        if (s->cls[k] == XC_PREP) {
            pp = k;
            break;
        }
    int article = kg_xtok_is(s, ab, "a") || kg_xtok_is(s, ab, "an") || kg_xtok_is(s, ab, "the") ||
                  strcmp(kg_xtok_xpos(s, ab), "PRP$") == 0;
    if (head_class(s, ab, ae) == XC_NUM)
        goto done; /* "Ortega , 52 ,": an age, no node */
    if (!graph_arg(s, ents, sb, se, &sa) || !sa.is_entity)
        goto done;
    if (!title && sb < ab && sb > 0 && kg_xtok_is(s, sb - 1, "of"))
        goto done; /* "off the coast of Norway , its largest project": the whole phrase */
    if (title) {
        /* the proper nouns before the role noun(s) */
        size_t pe = ab;
        while (pe < ae && s->cls[pe] == XC_PROPN)
            pe++;
        if (pe == ab || pe == ae || pp != ae || strcmp(kg_xtok_xpos(s, ae - 1), "NNS") == 0 ||
            !graph_arg(s, ents, ab, pe, &oa) ||
            !oa.is_entity || strcmp(oa.name, sa.name) == 0)
            goto done;
        rb = pe;
        ob = ab;
        oe = pe;
        kg_buf_puts(&rel, "be");
        for (k = rb; k < ae; k++)
            kg_buf_printf(&rel, " %s", s->lower[k]);
        kg_buf_puts(&rel, " of");
    } else if (!title && pp == ae && ab + 1 < ae && s->cls[ab] == XC_DET &&
               strcmp(kg_xtok_xpos(s, ab), "PRP$") == 0 && graph_arg(s, ents, ab, ab + 1, &oa) &&
               oa.is_entity && strcmp(oa.name, sa.name) != 0) {
        /* "Its advertising unit" -> be advertising unit of <its referent> */
        kg_buf_puts(&rel, "be");
        for (k = ab + 1; k < ae; k++)
            if (s->cls[k] == XC_NOUN || s->cls[k] == XC_ADJ || s->cls[k] == XC_PROPN)
                kg_buf_printf(&rel, " %s", s->lower[k]);
        kg_buf_puts(&rel, " of");
        rb = ab + 1;
        ob = ab;
        oe = ab + 1;
    } else if (!title && (poss = poss_in(s, ab, ae)) > ab && poss + 1 < ae &&
               graph_entity_at(s, ents, ab, poss)) {
        /* "Meta 's chief executive , Mark Zuckerberg ," (the description first) */
        if (!graph_arg(s, ents, ab, poss, &oa) || strcmp(oa.name, sa.name) == 0)
            goto done;
        kg_buf_puts(&rel, "be");
        for (k = poss + 1; k < ae && s->cls[k] != XC_PREP; k++)
            if (s->cls[k] == XC_NOUN || s->cls[k] == XC_ADJ || s->cls[k] == XC_PROPN)
                kg_buf_printf(&rel, " %s", s->lower[k]);
        kg_buf_puts(&rel, " of");
        rb = poss + 1;
        while (rb < ae && s->cls[rb] == XC_POSS)
            rb++;
        ob = ab;
        oe = poss;
    } else if (!article || intro_pp(s, sb < ab ? sb : ab)) {
        /* "Many neo-pagan religions , such as": no description; "With Bush , the
         * aggressive militarism of ...", "in a public statement , Malaysia 's
         * Prime Minister": the first phrase is a prepositional object */
        goto done;
    } else if (pp < ae && pp > ab && s->cls[pp - 1] == XC_NOUN &&
               strcmp(kg_xtok_xpos(s, pp - 1), "NNS") != 0 &&
               kg_xchunk_np_at(s, pp + 1, ae, &e3) && graph_arg(s, ents, pp + 1, e3, &oa) &&
               oa.is_entity && strcmp(oa.name, sa.name) != 0) {
        kg_buf_puts(&rel, "be");
        for (k = ab; k < pp; k++)
            if (s->cls[k] == XC_NOUN || s->cls[k] == XC_ADJ || s->cls[k] == XC_PROPN)
                kg_buf_printf(&rel, " %s", s->lower[k]);
        kg_buf_printf(&rel, " %s", s->lower[pp]);
        while (rb < pp && s->cls[rb] == XC_DET)
            rb++;
        ob = pp + 1;
        oe = e3;
    } else {
        free_arg(&oa);
        memset(&oa, 0, sizeof oa);
        /* the description as words, not as a coreference ("the Danish turbine
         * maker" may be a mention of the subject itself) */
        if (!graph_arg(s, NULL, ab, ae, &oa) || strcmp(oa.name, sa.name) == 0)
            goto done;
        if (pp < ae && !oa.is_entity) {
            /* "a maker of factory robots": the whole phrase, not "maker" */
            size_t b0 = ab;
            while (b0 < ae && s->cls[b0] == XC_DET)
                b0++;
            for (k = b0; k < ae; k++)
                if (s->cls[k] == XC_VERB)
                    ae = k; /* "a startup backed by X" -> startup */
            if (ae <= b0 || ae - b0 > 8)
                goto done;
            free(oa.name);
            oa.name = span_name(s, b0, ae);
            if (oa.name == NULL) {
                rc = KG_ENOMEM;
                goto done;
            }
        }
        kg_buf_puts(&rel, "be");
        ob = ab;
        oe = ae;
    }
    if (rel.data == NULL) {
        rc = KG_ENOMEM;
        goto done;
    }
    u = new_triple(out);
    if (u == NULL) {
        rc = KG_ENOMEM;
        goto done;
    }
    t = &out->triples[out->n_triples - 2];
    u->sentence = s->index;
    u->subject = sa;
    u->object = oa;
    memset(&sa, 0, sizeof sa);
    memset(&oa, 0, sizeof oa);
    u->subject.text = span_name(s, sb, se);
    u->object.text = span_name(s, ob, oe);
    u->relation = rel.data;
    rel.data = NULL;
    u->surface = span_name(s, rb, ob > rb ? ob : ae); /* "parent company of" */
    u->confidence = t->confidence;
    u->pattern = 5;
    u->is_graph = 1;
    memcpy(u->features, t->features, sizeof u->features);
    if (!u->surface || !u->subject.text || !u->object.text)
        rc = KG_ENOMEM;
done:
    free_arg(&sa);
    free_arg(&oa);
    kg_buf_free(&rel);
    return rc;
}

/* kind: 0 an apposition, 1 a possessive ("has"), 2 a title before a name */
static int nominal(const kg_extractor *x, const xsent *s, const kg_entities *ents,
                   size_t sb, size_t se, size_t ab, size_t ae, int kind, kg_extraction *out)
{
    size_t i, poss = 0;
    int is_have = kind == 1;
    xgroup g;
    kg_xtriple *t = new_triple(out);
    if (t == NULL)
        return KG_ENOMEM;
    memset(&g, 0, sizeof g);
    g.start = g.end = g.rel_end = g.head = ab;
    g.subj_start = (long)sb;
    g.subj_end = (long)se;
    g.obj_start = (long)ab;
    g.obj_end = (long)ae;
    g.time_start = g.time_end = g.chain_start = -1;
    g.is_copula = !is_have;
    g.kind = XV_FINITE;
    g.subj_rule = is_have ? 7 : 5;
    t->sentence = s->index;
    t->pattern = is_have ? 7 : 5;
    t->is_carb = 1;
    if (set_carb_arg(s, (long)sb, (long)se, &t->subject) ||
        set_carb_arg(s, (long)ab, (long)ae, &t->object))
        return KG_ENOMEM;
    t->surface = strdup(is_have ? "has" : "is");
    t->relation = strdup(is_have ? "have" : "be");
    if (!t->surface || !t->relation)
        return KG_ENOMEM;
    t->confidence = score(x, s, &g, t);
    if (is_have || !ents)
        return KG_OK;
    for (i = ab; i < ae; i++)
        if (s->cls[i] == XC_POSS)
            poss = i;
    if (poss > ab && poss + 1 < ae) {
        kg_xarg sa = {0}, oa = {0};
        kg_buf rel = {0};
        kg_xtriple *u;
        size_t k;
        if (graph_arg(s, ents, sb, se, &sa) && graph_arg(s, ents, ab, poss, &oa) &&
            sa.is_entity && oa.is_entity && strcmp(sa.name, oa.name) != 0) {
            kg_buf_puts(&rel, "be");
            for (k = poss + 1; k < ae && s->cls[k] != XC_PREP; k++)
                if (s->cls[k] == XC_NOUN || s->cls[k] == XC_ADJ || s->cls[k] == XC_PROPN)
                    kg_buf_printf(&rel, " %s", s->lower[k]);
            kg_buf_puts(&rel, " of");
            u = new_triple(out);
            if (u == NULL || rel.data == NULL) {
                free_arg(&sa);
                free_arg(&oa);
                kg_buf_free(&rel);
                return KG_ENOMEM;
            }
            t = &out->triples[out->n_triples - 2];
            u->sentence = s->index;
            u->subject = sa;
            u->object = oa;
            u->subject.text = strdup(t->subject.text);
            u->object.text = strdup(t->object.text);
            u->relation = rel.data;
            u->surface = span_name(s, poss + 1, ae);
            u->confidence = t->confidence;
            u->pattern = 5;
            u->is_graph = 1;
            memcpy(u->features, t->features, sizeof u->features);
            return u->surface && u->subject.text && u->object.text ? KG_OK : KG_ENOMEM;
        }
        free_arg(&sa);
        free_arg(&oa);
        return KG_OK;
    }
    if (poss == 0 && kind == 0 && head_class(s, sb, se) == XC_NOUN &&
        head_class(s, ab, ae) == XC_PROPN) /* "Its advertising unit , Northwind Ads ," */
        return apposition_graph(s, ents, ab, ae, sb, se, 0, out);
    if (poss == 0)
        return apposition_graph(s, ents, sb, se, ab, ae, kind == 2, out);
    return KG_OK;
}

/* A nominal relation in the graph: "Azure 's monopoly for ChatGPT" ->
 * Azure —have monopoly for— ChatGPT, when the possessor is an entity. The
 * CaRB "has" tuple for [b, i) [o, e) is the last triple of out. */
static int possessive_relation(const xsent *s, const kg_entities *ents, size_t b, size_t i,
                               size_t o, size_t e, kg_extraction *out)
{
    /* "Google 's acquisition of Fitbit" -> Google —acquire— Fitbit: a noun of
     * action, its preposition, the verb */
    static const char *const deverbal[] = {
        "acquisition", "of", "acquire", "purchase", "of", "buy", "takeover", "of", "take over",
        "merger", "with", "merge with", "sale", "of", "sell", "investment", "in", "invest in",
        "bid", "for", "bid for", "partnership", "with", "partner with", "lawsuit", "against",
        "sue", "suit", "against", "sue", "appointment", "of", "appoint", "ownership", "of", "own",
        "control", "of", "control", "founding", "of", "found", "investigation", "into",
        "investigate", "defeat", "of", "defeat", "victory", "over", "beat", "win", "over", "beat",
        "funding", "of", "fund", "support", "for", "support", "approval", "of", "approve",
        "rejection", "of", "reject", "criticism", "of", "criticise", "attack", "on", "attack",
        "invasion", "of", "invade", "release", "of", "release", "launch", "of", "launch",
        "acquisitions", "of", "acquire", NULL};
    size_t h, e2, cb[6], ce[6], n, c, base = out->n_triples - 1, k;
    const char *verb = NULL;
    if (e + 1 >= s->n || s->cls[e] != XC_PREP || !kg_xchunk_np_at(s, e + 1, s->n, &e2))
        return KG_OK;
    h = kg_xchunk_head(s, o, e);
    if (s->cls[h] != XC_NOUN)
        return KG_OK;
    for (k = 0; deverbal[k]; k += 3)
        if (strcmp(s->lower[h], deverbal[k]) == 0 && kg_xtok_is(s, e, deverbal[k + 1]))
            verb = deverbal[k + 2];
    if (verb == NULL && kg_xtok_is(s, e, "of"))
        return KG_OK;
    /* "Quorbit 's factories in Malaysia and Taiwan": each conjunct */
    n = conjuncts(s, e + 1, s->n, cb, ce, 6);
    if (n == 0 || cb[0] != e + 1 || ce[0] != e2) {
        cb[0] = e + 1;
        ce[0] = e2;
        n = 1;
    }
    for (c = 0; c < n; c++) {
        kg_xarg sa = {0}, oa = {0};
        kg_buf rel = {0};
        kg_xtriple *t;
        if (!graph_arg(s, ents, b, i, &sa) || !sa.is_entity ||
            !graph_arg(s, ents, cb[c], ce[c], &oa) || strcmp(sa.name, oa.name) == 0) {
            free_arg(&sa);
            free_arg(&oa);
            continue;
        }
        if (verb)
            kg_buf_puts(&rel, verb);
        else
            kg_buf_printf(&rel, "have %s %s", s->tok[h].lemma ? s->tok[h].lemma : s->lower[h],
                          s->lower[e]);
        t = new_triple(out);
        if (t == NULL || rel.data == NULL) {
            free_arg(&sa);
            free_arg(&oa);
            kg_buf_free(&rel);
            return KG_ENOMEM;
        }
        *t = out->triples[base]; /* confidence and features of the "has" tuple */
        t->subject = sa;
        t->object = oa;
        t->subject.text = span_name(s, b, i);
        t->object.text = span_name(s, cb[c], ce[c]);
        t->relation = rel.data;
        t->surface = span_name(s, o, e + 1);
        t->extra = NULL;
        t->time = NULL;
        t->is_carb = 0;
        t->is_graph = 1;
        if (!t->subject.text || !t->object.text || !t->surface)
            return KG_ENOMEM;
    }
    return KG_OK;
}

static int head_class(const xsent *s, size_t b, size_t e)
{
    return s->cls[kg_xchunk_head(s, b, e)];
}

/* Appositions anywhere ("the branch 's former manager , Christopher Drogoul ,")
 * and possessives ("Italy 's largest bank" -> Italy has largest bank). */
static int nominals(const kg_extractor *x, xsent *s, const kg_entities *ents,
                    kg_extraction *out)
{
    size_t i, k;
    for (i = 1; i + 1 < s->n; i++) {
        size_t b1 = i, e2;
        int dup = 0;
        if (s->cls[i] != XC_COMMA)
            continue;
        while (b1 > 0 && (s->cls[b1 - 1] == XC_NOUN || s->cls[b1 - 1] == XC_PROPN ||
                          s->cls[b1 - 1] == XC_ADJ || s->cls[b1 - 1] == XC_DET ||
                          s->cls[b1 - 1] == XC_POSS || s->cls[b1 - 1] == XC_NUM ||
                          s->cls[b1 - 1] == XC_HYPH))
            b1--;
        while (b1 < i && s->cls[b1] == XC_POSS)
            b1++;
        if (b1 == i || (b1 > 0 && (s->cls[b1 - 1] == XC_COMMA || s->cls[b1 - 1] == XC_CC)))
            continue;
        if (!kg_xchunk_np_at(s, i + 1, s->n, &e2) || e2 >= s->n)
            continue;
        /* "Alan Gottesman , an analyst with PaineWebber ." */
        while (e2 + 1 < s->n && s->cls[e2] == XC_PREP && s->cls[e2 + 1] != XC_PRON) {
            size_t e3;
            if (!kg_xchunk_np_at(s, e2 + 1, s->n, &e3))
                break;
            e2 = e3;
        }
        if (e2 >= s->n)
            continue;
        if (!(s->cls[e2] == XC_COMMA || s->cls[e2] == XC_END) ||
            (s->cls[e2] == XC_COMMA && e2 + 1 < s->n && s->cls[e2 + 1] == XC_CC))
            continue;
        if (s->cls[i + 1] == XC_PRON || s->cls[b1] == XC_PRON)
            continue;
        for (k = 0; k < s->n_groups; k++)
            if (s->groups[k].subj_rule == 5 && s->groups[k].time_start == (long)(i + 1))
                dup = 1;
        if (dup)
            continue;
        if (head_class(s, b1, i) == XC_PROPN && head_class(s, i + 1, e2) == XC_NOUN) {
            if (nominal(x, s, ents, b1, i, i + 1, e2, 0, out))
                return KG_ENOMEM;
        } else if (head_class(s, b1, i) == XC_NOUN && head_class(s, i + 1, e2) == XC_PROPN) {
            if (nominal(x, s, ents, i + 1, e2, b1, i, 0, out))
                return KG_ENOMEM;
        }
    }
    /* A title before a name: "investment broker Charles Givens" -> Charles
     * Givens is investment broker. */
    for (i = 0; i < s->n; i++) {
        size_t e, j, name_b;
        if (s->cls[i] == XC_QUOTE)
            continue; /* '" BP chief executive Murray Auchincloss': the title after it */
        if (!(i == 0 || (s->cls[i - 1] != XC_NOUN && s->cls[i - 1] != XC_PROPN &&
                         s->cls[i - 1] != XC_ADJ && s->cls[i - 1] != XC_DET &&
                         s->cls[i - 1] != XC_HYPH && s->cls[i - 1] != XC_POSS)))
            continue;
        if (!kg_xchunk_np_at(s, i, s->n, &e) || e - i < 2 || s->cls[e - 1] != XC_PROPN)
            continue;
        name_b = e - 1;
        while (name_b > i && s->cls[name_b - 1] == XC_PROPN)
            name_b--;
        if (name_b == i || s->cls[name_b - 1] != XC_NOUN)
            continue;
        for (j = i; j < name_b; j++)
            if (s->cls[j] == XC_POSS)
                break;
        if (j < name_b)
            continue;
        if (nominal(x, s, ents, name_b, e, i, name_b, 2, out))
            return KG_ENOMEM;
        i = e - 1;
    }
    for (i = 1; i + 1 < s->n; i++) {
        size_t b = i, e;
        if (s->cls[i] != XC_POSS || s->cls[i - 1] == XC_POSS)
            continue;
        while (b > 0 && (s->cls[b - 1] == XC_NOUN || s->cls[b - 1] == XC_PROPN ||
                         s->cls[b - 1] == XC_NUM))
            b--;
        if (b > 0 && s->cls[b - 1] == XC_DET)
            b--;
        {
            size_t o = i + 1;
            while (o < s->n && s->cls[o] == XC_POSS)
                o++; /* "Fund ' s": the PTB "'s" in two tokens */
            if (b == i || !kg_xchunk_np_at(s, o, s->n, &e))
                continue;
            if (nominal(x, s, ents, b, i, o, e, 1, out))
                return KG_ENOMEM;
            if (ents && possessive_relation(s, ents, b, i, o, e, out))
                return KG_ENOMEM;
            continue;
        }
        if (nominal(x, s, ents, b, i, i + 1, e, 1, out))
            return KG_ENOMEM;
    }
    return KG_OK;
}

/* CaRB: "was a lawyer , public official , and politician in X" gives one
 * extraction per coordinated object (a trailing "of" phrase stays with the
 * last conjunct; another trailing phrase goes with each). */
static int split_objects(const xsent *s, const xgroup *g, size_t ti, kg_extraction *out)
{
    size_t pb[8], pe[8], n, k, list_end, o;
    int of_last;
    if (g->obj_start < 0)
        return KG_OK;
    o = (size_t)g->obj_start;
    n = conjuncts(s, o, (size_t)g->obj_end, pb, pe, 8);
    if (n < 2 || n > 4 || pb[0] != o)
        return KG_OK;
    for (k = 0; k < n; k++)
        if (s->cls[kg_xchunk_head(s, pb[k], pe[k])] == XC_NUM)
            return KG_OK; /* "in 657 , 986 and 996": one extraction */
    list_end = pe[n - 1];
    of_last = list_end < (size_t)g->obj_end && kg_xtok_is(s, list_end, "of");
    for (k = 0; k < n; k++) {
        kg_xtriple *t, *base;
        kg_buf b = {0};
        char *part;
        if (k == 0) {
            t = &out->triples[ti];
        } else {
            t = new_triple(out);
            if (t == NULL)
                return KG_ENOMEM;
            base = &out->triples[ti];
            *t = *base;
            t->subject.text = strdup(base->subject.text);
            t->subject.name = NULL;
            t->object.name = NULL;
            t->extra = base->extra ? strdup(base->extra) : NULL;
            t->relation = strdup(base->relation);
            t->surface = strdup(base->surface);
            t->time = base->time ? strdup(base->time) : NULL;
            t->object.text = NULL;
            if (!t->subject.text || !t->relation || !t->surface)
                return KG_ENOMEM;
        }
        part = span_name(s, pb[k], pe[k]);
        if (part == NULL)
            return KG_ENOMEM;
        kg_buf_puts(&b, part);
        free(part);
        if (list_end < (size_t)g->obj_end && (!of_last || k == n - 1)) {
            char *rest = span_name(s, list_end, (size_t)g->obj_end);
            if (rest == NULL) {
                kg_buf_free(&b);
                return KG_ENOMEM;
            }
            kg_buf_printf(&b, " %s", rest);
            free(rest);
        }
        if (b.data == NULL)
            return KG_ENOMEM;
        free(t->object.text);
        t->object.text = b.data;
        t->features[20] = 0; /* arg2_comma */
    }
    return KG_OK;
}

static int sentence_triples(const kg_extractor *x, xsent *s, const kg_entities *ents,
                            kg_extraction *out, kg_error *err)
{
    size_t k, first_triple = out->n_triples, intro_end = 0;
    int rc = kg_xchunk_classify(s);
    if (rc)
        return kg_error_set(err, rc, "out of memory");
    rc = kg_xrel_groups(x->patterns, s, err);
    if (rc)
        return rc;
    /* "Starting next year ,", "Beginning in 2027 ,": an opening time phrase
     * with a participle of its own belongs to the whole sentence */
    if (s->n > 3 && (kg_xtok_is(s, 0, "starting") || kg_xtok_is(s, 0, "beginning") ||
                     kg_xtok_is(s, 0, "effective"))) {
        size_t j;
        for (j = 1; j < s->n && j < 10; j++)
            if (s->cls[j] == XC_COMMA) {
                intro_end = j;
                break;
            }
    }
    for (k = 0; k < s->n_groups; k++) {
        const xgroup *g = &s->groups[k];
        kg_xtriple *t;
        size_t tb, te, ti;
        int dropped = 0;
        if (g->subj_start < 0)
            continue;
        if (g->subj_rule == 5 && g->time_start >= 0 &&
            nominal(x, s, ents, (size_t)g->subj_start, (size_t)g->subj_end,
                    (size_t)g->time_start, (size_t)g->time_end, 0, out))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        t = new_triple(out);
        if (t == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        t->sentence = s->index;
        t->pattern = g->subj_rule;
        t->is_carb = 1;
        if (set_carb_arg(s, g->subj_start, g->subj_end, &t->subject) ||
            set_carb_arg(s, g->obj_start, g->obj_end, &t->object))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        if (g->gap_end > g->gap_start && (g->time_start < 0 || g->subj_rule == 5)) {
            t->extra = span_name(s, g->gap_start, g->gap_end);
            if (t->extra == NULL)
                return kg_error_set(err, KG_ENOMEM, "out of memory");
        } else if (g->time_start >= 0 && g->subj_rule != 5) {
            t->extra = span_name(s, (size_t)g->time_start, (size_t)g->time_end);
            if (t->extra == NULL)
                return kg_error_set(err, KG_ENOMEM, "out of memory");
            if (t->object.text && strstr(t->object.text, t->extra)) {
                free(t->extra);
                t->extra = NULL;
            }
        }
        t->surface = span_name(s, g->start, g->rel_end);
        t->relation = kg_xnorm_relation(s, g->start, g->rel_end, g->is_passive);
        if (t->surface == NULL || t->relation == NULL)
            return kg_error_set(err, KG_ENOMEM, "out of memory");
        if (g->kind == XV_INF && g->subj_rule == 4 && k > 0 && g->start > 0 &&
            s->cls[g->start] == XC_TO && s->cls[g->start - 1] != XC_NOUN &&
            s->groups[k - 1].rel_end > s->groups[k - 1].end &&
            s->cls[s->groups[k - 1].rel_end - 1] == XC_PREP &&
            lemma_in_list(s, s->groups[k - 1].head, control_like)) {
            /* "agreed on Tuesday to buy X": agree to buy, as "agreed to buy" */
            const xgroup *pg = &s->groups[k - 1];
            const char *l = s->tok[pg->head].lemma ? s->tok[pg->head].lemma
                                                  : s->lower[pg->head];
            kg_buf b = {0};
            kg_buf_printf(&b, "%s to %s", l, t->relation);
            if (b.data == NULL)
                return kg_error_set(err, KG_ENOMEM, "out of memory");
            free(t->relation);
            t->relation = b.data;
        }
        if (g->kind == XV_INF && g->start > 0 && s->cls[g->start] == XC_TO &&
            s->cls[g->start - 1] == XC_NOUN) {
            /* "announced plans to acquire X", "is in talks to buy X": the
             * intention stays in the relation (plan to acquire) */
            static const char *const intent[] = {
                "plan", "plan", "plans", "plan", "bid", "bid", "offer", "offer", "talks",
                "negotiate", "agreement", "agree", "deal", "agree", "attempt", "try", "effort",
                "try", "proposal", "propose", "intention", "intend", "decision", "decide",
                "right", "have right", "option", "have option", "permission", "have permission",
                "approval", "have approval", NULL};
            size_t q;
            for (q = 0; intent[q]; q += 2)
                if (strcmp(s->lower[g->start - 1], intent[q]) == 0) {
                    static const char *const drop[] = {"abandon", "drop", "scrap", "cancel",
                                                       "shelve", "withdraw", "suspend", "reject",
                                                       "deny", "halt", NULL};
                    kg_buf b = {0};
                    kg_buf_printf(&b, "%s to %s", intent[q + 1], t->relation);
                    if (b.data == NULL)
                        return kg_error_set(err, KG_ENOMEM, "out of memory");
                    free(t->relation);
                    t->relation = b.data;
                    /* "abandoned plans to build a gas plant": not planned any more */
                    if (k > 0 && lemma_in_list(s, s->groups[k - 1].head, drop))
                        dropped = 1;
                    break;
                }
        }
        t->is_negated = kg_xqual_negated(s, g) || dropped;
        t->modality = kg_xqual_modality(s, g);
        tb = g->time_start >= 0 && g->subj_rule != 5 ? (size_t)g->time_start
                                                     : (size_t)g->subj_start;
        te = g->obj_end >= 0 ? (size_t)g->obj_end : g->rel_end;
        if (tb > g->start)
            tb = g->start;
        /* "was founded in 2016 and previously raised X", "Lopez , who joined
         * in 2019 , has overseen": another verb's clause between the subject
         * and the verb keeps its time; the verb's own starts at the verb */
        if (g->time_start < 0 && k > 0 &&
            ((g->subj_rule == 2 && g->kind != XV_GERUND && g->kind != XV_INF &&
              (size_t)g->subj_end <= s->groups[k - 1].start) ||
             (g->kind == XV_FINITE && (size_t)g->subj_start < s->groups[k - 1].start &&
              s->groups[k - 1].start < (size_t)g->subj_end)))
            tb = g->start;
        /* ", effective around February 2026" / ", since 2019" after the clause */
        if (te + 1 < s->n && s->cls[te] == XC_COMMA &&
            (kg_xtok_is(s, te + 1, "effective") || kg_xtok_is(s, te + 1, "since") ||
             kg_xtok_is(s, te + 1, "starting") || kg_xtok_is(s, te + 1, "beginning") ||
             kg_xtok_is(s, te + 1, "until"))) {
            te += 2;
            while (te < s->n && s->cls[te] != XC_COMMA && s->cls[te] != XC_END &&
                   s->cls[te] != XC_COLON)
                te++;
        }
        if (k > 0 && g->subj_end >= 0 && tb < (size_t)g->subj_end &&
            s->groups[k - 1].start >= (size_t)g->subj_end && s->groups[k - 1].start < g->start &&
            g->kind == XV_FINITE) {
            /* "Twitter , now known as X , lost ...": the parenthetical clause
             * keeps its time; the subject's side and the verb's own count */
            char *t1 = kg_xqual_time(s, tb, (size_t)g->subj_end, ents);
            char *t2 = kg_xqual_time(s, g->start, te, ents);
            if (t1 && t2) {
                kg_buf b = {0};
                kg_buf_printf(&b, "%s, %s", t1, t2);
                free(t1);
                free(t2);
                t->time = b.data;
            } else {
                t->time = t1 ? t1 : t2;
            }
        } else {
            t->time = kg_xqual_time(s, tb, te, ents);
        }
        if (t->time == NULL && intro_end > 0 && tb > intro_end)
            t->time = kg_xqual_time(s, 0, intro_end, ents); /* "Starting next year , ..." */
        t->confidence = score(x, s, g, t);
        ti = (size_t)(t - out->triples); /* graph_triples may move out->triples */
        if (graph_triples(x, s, ents, g, ti, out) || split_objects(s, g, ti, out))
            return kg_error_set(err, KG_ENOMEM, "out of memory");
    }
    if (nominals(x, s, ents, out))
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    /* Sentence-level feature, then the final scores. */
    {
        size_t i, n_carb = 0;
        for (i = first_triple; i < out->n_triples; i++)
            n_carb += out->triples[i].is_carb;
        for (i = first_triple; i < out->n_triples; i++) {
            kg_xtriple *t = &out->triples[i];
            t->features[12] = (float)n_carb / 5.0f > 3.0f ? 3.0f : (float)n_carb / 5.0f;
            t->features[35] = n_carb ? 1.0f / (float)n_carb : 0.0f;
            t->features[39] = n_carb == 1;
            if (t->is_carb) {
                /* n_split: carb tuples sharing this one's relation and subject;
                 * later_copy: one of them came before (CaRB matches one to one) */
                size_t j, same = 0, before = 0, subj = 0, inside = 0;
                for (j = first_triple; j < out->n_triples; j++) {
                    const kg_xtriple *u = &out->triples[j];
                    if (!u->is_carb || j == i)
                        continue;
                    if (strcmp(u->subject.text, t->subject.text) == 0) {
                        subj += j < i;
                        if (strcmp(u->surface, t->surface) == 0) {
                            same++;
                            before += j < i;
                        }
                    }
                    /* "said (she felt Mohamed had been ...)" holds this one */
                    inside += u->object.text && t->object.text && t->object.text[0] &&
                              strlen(u->object.text) > strlen(t->object.text) &&
                              strstr(u->object.text, t->surface) &&
                              strstr(u->object.text, t->object.text);
                }
                t->features[63] = same > 0 ? (float)same / 2.0f : 0.0f;
                t->features[78] = before > 0;
                t->features[79] = subj > 0;
                t->features[80] = inside > 0;
            }
            t->confidence = kg_xconf_score(&x->model, t->features);
        }
    }
    return KG_OK;
}

int kg_extract_analysis(const kg_extractor *x, const kg_analysis *a, const void *entities,
                        kg_extraction *out, kg_error *err)
{
    size_t i;
    int rc = KG_OK;
    for (i = 0; i < a->n_sentences && rc == KG_OK; i++) {
        xsent s;
        memset(&s, 0, sizeof s);
        s.a = a;
        s.first = a->sentences[i].first_token;
        s.n = a->sentences[i].n_tokens;
        s.tok = a->tokens + s.first;
        s.index = i;
        s.ents = entities;
        s.tagger = x->tagger;
        if (s.n > 0)
            rc = sentence_triples(x, &s, entities, out, err);
        kg_xchunk_free(&s);
    }
    return rc;
}

int kg_extract_document(const kg_extractor *x, const char *text, size_t len,
                        kg_extraction *out, kg_error *err)
{
    int rc;
    kg_entities *ents = NULL;
    memset(out, 0, sizeof *out);
    rc = kg_analysis_run(x->tagger, text, len, &out->analysis, err);
    if (rc) {
        kg_analysis_free(&out->analysis); /* it may have allocated before failing */
        return rc;
    }
    out->has_analysis = 1;
    if (x->ner) {
        ents = calloc(1, sizeof *ents);
        if (ents == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto fail;
        }
        out->entities = ents;
        rc = kg_ner_run(x->ner, &out->analysis, ents, err);
        if (rc)
            goto fail;
    }
    rc = kg_extract_analysis(x, &out->analysis, ents, out, err);
    if (rc)
        goto fail;
    return KG_OK;
fail:
    kg_extraction_free(out);
    return rc;
}

/* ---- CoNLL-U (development path: gold tags) ---- */

typedef struct conllu_store {
    char **lemmas;
    size_t n;
} conllu_store;

int kg_conllu_read(const char *data, size_t len, kg_analysis *a, kg_buf *text,
                   kg_error *err)
{
    const char *p = data, *end = data + len;
    size_t cap_t = 0, cap_s = 0, sent_first = 0;
    conllu_store *cs = calloc(1, sizeof *cs);
    unsigned lineno = 0;
    memset(a, 0, sizeof *a);
    if (cs == NULL)
        return kg_error_set(err, KG_ENOMEM, "out of memory");
    a->internal = cs;
    while (p <= end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *f[10];
        size_t fl[10], nf = 0;
        const char *q;
        if (eol == NULL)
            eol = end;
        lineno++;
        if (eol == p || p == end) {
            if (a->n_tokens > sent_first) {
                kg_sentence *sv;
                if (a->n_sentences == cap_s) {
                    cap_s = cap_s ? 2 * cap_s : 64;
                    sv = realloc(a->sentences, cap_s * sizeof *sv);
                    if (sv == NULL)
                        goto nomem;
                    a->sentences = sv;
                }
                sv = &a->sentences[a->n_sentences++];
                sv->first_token = sent_first;
                sv->n_tokens = a->n_tokens - sent_first;
                sv->start = a->tokens[sent_first].start;
                sv->end = a->tokens[a->n_tokens - 1].end;
                sent_first = a->n_tokens;
                if (kg_buf_puts(text, "\n"))
                    goto nomem;
            }
            if (p == end)
                break;
            p = eol + 1;
            continue;
        }
        if (*p == '#') {
            p = eol + 1;
            continue;
        }
        for (q = p; nf < 10;) {
            const char *tab = memchr(q, '\t', (size_t)(eol - q));
            f[nf] = q;
            fl[nf] = (size_t)((tab ? tab : eol) - q);
            nf++;
            if (tab == NULL)
                break;
            q = tab + 1;
        }
        if (nf < 5) {
            kg_error_at(err, KG_EINPUT, NULL, lineno, 1, (size_t)(p - data),
                        "expected 10 tab-separated CoNLL-U fields");
            goto fail;
        }
        if (memchr(f[0], '-', fl[0]) == NULL && memchr(f[0], '.', fl[0]) == NULL) {
            kg_token *t;
            char name[32], *lemma;
            if (a->n_tokens == cap_t) {
                kg_token *v;
                cap_t = cap_t ? 2 * cap_t : 256;
                v = realloc(a->tokens, cap_t * sizeof *v);
                if (v == NULL)
                    goto nomem;
                a->tokens = v;
            }
            if (cs->n % 256 == 0) {
                char **v = realloc(cs->lemmas, (cs->n + 256) * sizeof *v);
                if (v == NULL)
                    goto nomem;
                cs->lemmas = v;
            }
            t = &a->tokens[a->n_tokens];
            memset(t, 0, sizeof *t);
            if (a->n_tokens > sent_first) {
                if (kg_buf_puts(text, " "))
                    goto nomem;
                t->flags |= KG_TOK_SPACE_BEFORE;
            }
            t->start = text->len;
            if (kg_buf_append(text, f[1], fl[1]))
                goto nomem;
            t->end = text->len;
            snprintf(name, sizeof name, "%.*s", (int)(fl[3] < 31 ? fl[3] : 31), f[3]);
            t->upos = (uint16_t)kg_upos_from_name(name);
            snprintf(name, sizeof name, "%.*s", (int)(fl[4] < 31 ? fl[4] : 31), f[4]);
            t->xpos = (uint16_t)kg_xpos_from_name(name);
            lemma = malloc(fl[2] + 1);
            if (lemma == NULL)
                goto nomem;
            {
                size_t k;
                for (k = 0; k < fl[2]; k++)
                    lemma[k] = (char)tolower((unsigned char)f[2][k]);
                lemma[fl[2]] = '\0';
            }
            cs->lemmas[cs->n++] = lemma;
            if (isupper((unsigned char)f[1][0]))
                t->flags |= KG_TOK_CAPITALISED;
            a->n_tokens++;
        }
        p = eol + 1;
    }
    {
        size_t i;
        for (i = 0; i < a->n_tokens; i++)
            a->tokens[i].lemma = cs->lemmas[i];
    }
    a->text = text->data ? text->data : "";
    a->len = text->len;
    return KG_OK;
nomem:
    kg_error_set(err, KG_ENOMEM, "out of memory");
fail:
    kg_conllu_free(a);
    return err ? err->code : KG_EINPUT;
}

void kg_conllu_free(kg_analysis *a)
{
    conllu_store *cs = a->internal;
    size_t i;
    if (cs) {
        for (i = 0; i < cs->n; i++)
            free(cs->lemmas[i]);
        free(cs->lemmas);
        free(cs);
    }
    free(a->tokens);
    free(a->sentences);
    memset(a, 0, sizeof *a);
}

/* ---- storing ---- */

static char *first_line_title(const char *text, size_t len)
{
    size_t i = 0, j;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    for (j = i; j < len && text[j] != '\n'; j++)
        ;
    while (j > i && isspace((unsigned char)text[j - 1]))
        j--;
    if (j == i || j - i > 200)
        return NULL;
    return strndup(text + i, j - i);
}

int kg_ingest_document(const kg_extractor *x, kg_store *st, const char *source,
                       const char *text, size_t len, kg_ingest_result *res, kg_error *err)
{
    kg_extraction ex;
    kg_doc doc;
    kg_doc_sentence *sents = NULL;
    kg_doc_mention *ments = NULL;
    kg_doc_triple *trips = NULL;
    char **mtext = NULL;
    char *title = NULL;
    kg_add_result add;
    const kg_entities *ents;
    size_t i, n_m = 0, n_t = 0;
    int rc;

    if (res)
        memset(res, 0, sizeof *res);
    rc = kg_extract_document(x, text, len, &ex, err);
    if (rc)
        return rc;
    ents = ex.entities;
    memset(&doc, 0, sizeof doc);
    sents = calloc(ex.analysis.n_sentences + 1, sizeof *sents);
    ments = calloc((ents ? ents->n_mentions : 0) + 1, sizeof *ments);
    mtext = calloc((ents ? ents->n_mentions : 0) + 1, sizeof *mtext);
    trips = calloc(ex.n_triples + 1, sizeof *trips);
    if (!sents || !ments || !mtext || !trips) {
        rc = kg_error_set(err, KG_ENOMEM, "out of memory");
        goto done;
    }
    for (i = 0; i < ex.analysis.n_sentences; i++) {
        sents[i].start = ex.analysis.sentences[i].start;
        sents[i].end = ex.analysis.sentences[i].end;
    }
    for (i = 0; ents && i < ents->n_mentions; i++) {
        const kg_mention *m = &ents->mentions[i];
        if (m->entity == KG_NO_ENTITY)
            continue;
        mtext[n_m] = strndup(text + m->start, m->end - m->start);
        if (mtext[n_m] == NULL) {
            rc = kg_error_set(err, KG_ENOMEM, "out of memory");
            goto done;
        }
        ments[n_m].sentence = m->sentence;
        ments[n_m].start = m->start;
        ments[n_m].end = m->end;
        ments[n_m].text = mtext[n_m];
        ments[n_m].label = kg_label_name(m->label);
        ments[n_m].entity = ents->entities[m->entity].name;
        n_m++;
    }
    for (i = 0; i < ex.n_triples; i++) {
        const kg_xtriple *t = &ex.triples[i];
        if (!t->is_graph)
            continue;
        trips[n_t].subject = t->subject.name;
        trips[n_t].subject_type = t->subject.type;
        trips[n_t].relation = t->relation;
        trips[n_t].surface = t->surface;
        trips[n_t].object = t->object.name;
        trips[n_t].object_type = t->object.type;
        trips[n_t].confidence = t->confidence;
        trips[n_t].is_negated = t->is_negated;
        trips[n_t].time = t->time;
        trips[n_t].modality = t->modality;
        trips[n_t].sentence = t->sentence;
        n_t++;
    }
    title = first_line_title(text, len);
    doc.source = source;
    doc.title = title;
    doc.content = text;
    doc.content_len = len;
    doc.sentences = sents;
    doc.n_sentences = ex.analysis.n_sentences;
    doc.mentions = ments;
    doc.n_mentions = n_m;
    doc.triples = trips;
    doc.n_triples = n_t;
    memset(&add, 0, sizeof add);
    rc = kg_store_add_document(st, &doc, &add, err);
    if (rc == KG_OK && res) {
        res->sentences = ex.analysis.n_sentences;
        res->mentions = n_m;
        res->entities = ents ? ents->n_entities : 0;
        res->triples = n_t;
        res->is_duplicate = add.is_duplicate;
        res->n_triples_new = add.n_triples_new;
    }
done:
    if (mtext)
        for (i = 0; i < n_m; i++)
            free(mtext[i]);
    free(mtext);
    free(sents);
    free(ments);
    free(trips);
    free(title);
    kg_extraction_free(&ex);
    return rc;
}
