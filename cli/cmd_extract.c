/*
 * cmd_extract.c -- the "kg extract" command: extraction as a pure filter.
 *
 *   kg extract [--format jsonl|tsv|carb] [PATH|-]
 *
 * jsonl: mention lines then triple lines (CLI.md); tsv: graph triples;
 * carb: one sentence a line in, CaRB's tab format out (the sentence's words).
 * Hidden development options: --conllu (input is CoNLL-U whose tags are used
 * as they are, no NER) and --features (carb lines followed by the confidence
 * features, for mk/train_confidence.py).
 */
#include "cli.h"
#include "../ingest/kg_ingest.h"

#include <stdlib.h>
#include <string.h>

enum { FMT_JSONL, FMT_TSV, FMT_CARB };

static int print_jsonl(const char *text, const kg_extraction *ex)
{
    const kg_analysis *a = &ex->analysis;
    kg_xmention *ms = NULL;
    size_t i, n_ms = 0;
    if (kg_extraction_mentions(ex, &ms, &n_ms) != KG_OK)
        return kg_cli_fail(3, "out of memory");
    for (i = 0; i < n_ms; i++) {
        const kg_xmention *m = &ms[i];
        fputs("{\"kind\": \"mention\", \"text\": ", stdout);
        kg_json_fputs(stdout, text + m->start, m->end - m->start);
        printf(", \"label\": \"%s\", \"entity\": ", m->label);
        if (m->entity)
            kg_json_fputs(stdout, m->entity, strlen(m->entity));
        else
            kg_json_fputs(stdout, text + m->start, m->end - m->start);
        printf(", \"start\": %zu, \"end\": %zu, \"sentence\": %zu}\n", m->start, m->end,
               m->sentence);
    }
    free(ms);
    for (i = 0; i < ex->n_triples; i++) {
        const kg_xtriple *t = &ex->triples[i];
        const kg_sentence *s = &a->sentences[t->sentence];
        if (!t->is_graph)
            continue;
        fputs("{\"kind\": \"triple\", \"subject\": ", stdout);
        kg_json_fputs(stdout, t->subject.name, strlen(t->subject.name));
        fputs(", \"relation\": ", stdout);
        kg_json_fputs(stdout, t->relation, strlen(t->relation));
        fputs(", \"object\": ", stdout);
        kg_json_fputs(stdout, t->object.name, strlen(t->object.name));
        fputs(", \"text\": ", stdout);
        kg_json_fputs(stdout, t->surface, strlen(t->surface));
        printf(", \"confidence\": %.3f, \"negated\": %s, \"time\": ", t->confidence,
               t->is_negated ? "true" : "false");
        if (t->time)
            kg_json_fputs(stdout, t->time, strlen(t->time));
        else
            fputs("null", stdout);
        fputs(", \"modality\": ", stdout);
        if (t->modality)
            kg_json_fputs(stdout, t->modality, strlen(t->modality));
        else
            fputs("null", stdout);
        printf(", \"subject_type\": \"%s\", \"object_type\": \"%s\"", t->subject.type,
               t->object.type);
        printf(", \"sentence\": %zu, \"start\": %zu, \"end\": %zu}\n", t->sentence, s->start,
               s->end);
    }
    return 0;
}

static void print_tsv(const kg_extraction *ex)
{
    size_t i;
    for (i = 0; i < ex->n_triples; i++) {
        const kg_xtriple *t = &ex->triples[i];
        if (t->is_graph)
            printf("%s\t%s\t%s\t%.3f\t%s\n", t->subject.name, t->relation, t->object.name,
                   t->confidence, t->is_negated ? "true" : "false");
    }
}

static void print_carb(const char *line, size_t len, const kg_extraction *ex, int features)
{
    size_t i;
    int k;
    for (i = 0; i < ex->n_triples; i++) {
        const kg_xtriple *t = &ex->triples[i];
        if (!t->is_carb)
            continue;
        fwrite(line, 1, len, stdout);
        printf("\t%.4f\t%s\t%s", t->confidence, t->surface, t->subject.text);
        if (t->object.text && t->object.text[0])
            printf("\t%s", t->object.text);
        if (t->extra && t->extra[0])
            printf("\t%s", t->extra);
        if (features) {
            fputs("\t#", stdout);
            for (k = 0; k < KG_XTRIPLE_FEATURES; k++)
                printf(" %g", t->features[k]);
        }
        putchar('\n');
    }
}

/* carb: every line is one sentence (one document). */
static int run_carb(const kg_extractor *x, const char *path, const char *text, size_t len,
                    int features)
{
    const char *p = text, *end = text + len;
    unsigned lineno = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n;
        kg_extraction ex;
        kg_error err = {0};
        if (eol == NULL)
            eol = end;
        lineno++;
        n = (size_t)(eol - p);
        if (n && p[n - 1] == '\r')
            n--;
        if (n) {
            if (kg_extract_document(x, p, n, &ex, &err)) {
                err.source = path;
                err.line = lineno;
                return kg_cli_report(&err, NULL, 0);
            }
            print_carb(p, n, &ex, features);
            kg_extraction_free(&ex);
        }
        p = eol + 1;
    }
    return 0;
}

/* --conllu: gold tags, one analysis for the file. */
static int run_conllu(const kg_extractor *x, const char *path, const char *data, size_t len,
                      int fmt, int features)
{
    kg_analysis a;
    kg_buf text = {0};
    kg_extraction ex;
    kg_error err = {0};
    size_t i;
    int rc;
    memset(&ex, 0, sizeof ex);
    rc = kg_conllu_read(data, len, &a, &text, &err);
    if (rc) {
        err.source = path;
        kg_buf_free(&text);
        return kg_cli_report(&err, NULL, 0);
    }
    rc = kg_extract_analysis(x, &a, NULL, &ex, &err);
    if (rc) {
        rc = kg_cli_report(&err, NULL, 0);
    } else if (fmt == FMT_CARB) {
        /* group by sentence */
        size_t lo = 0;
        for (i = 0; i < a.n_sentences; i++) {
            kg_extraction one = ex;
            size_t hi = lo;
            while (hi < ex.n_triples && ex.triples[hi].sentence == i)
                hi++;
            one.triples = ex.triples + lo;
            one.n_triples = hi - lo;
            print_carb(a.text + a.sentences[i].start, a.sentences[i].end - a.sentences[i].start,
                       &one, features);
            lo = hi;
        }
    } else {
        ex.analysis = a;
        if (fmt == FMT_TSV)
            print_tsv(&ex);
        else
            rc = print_jsonl(a.text, &ex);
        memset(&ex.analysis, 0, sizeof ex.analysis);
    }
    kg_extraction_free(&ex);
    kg_conllu_free(&a);
    kg_buf_free(&text);
    return rc;
}

int kg_cmd_extract(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *c = kg_cli_find("extract");
    const char *path = "-", *fmt_name = "jsonl";
    int fmt = FMT_JSONL, conllu = 0, features = 0, n_paths = 0, i, rc;
    kg_extractor *x = NULL;
    kg_error err = {0};
    kg_buf in = {0};
    (void)cli;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            fmt_name = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            fmt_name = argv[i] + 9;
        } else if (strcmp(argv[i], "--conllu") == 0) {
            conllu = 1;
        } else if (strcmp(argv[i], "--features") == 0) {
            features = 1;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return kg_cli_usage(c, "extract: unknown option \"%s\"", argv[i]);
        } else if (n_paths++ > 0) {
            return kg_cli_usage(c, "extract: one input at most");
        } else {
            path = argv[i];
        }
    }
    if (strcmp(fmt_name, "jsonl") == 0)
        fmt = FMT_JSONL;
    else if (strcmp(fmt_name, "tsv") == 0)
        fmt = FMT_TSV;
    else if (strcmp(fmt_name, "carb") == 0)
        fmt = FMT_CARB;
    else
        return kg_cli_usage(c, "extract: unknown format \"%s\" (jsonl, tsv or carb)", fmt_name);

    rc = kg_read_file(path, KG_MAX_DOCUMENT_BYTES, &in, &err);
    if (rc == KG_OK && (rc = kg_cli_check_text(path, in.data, in.len, &err)) != KG_OK)
        kg_buf_free(&in);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    rc = conllu ? kg_extractor_open_bare(NULL, &x, &err) : kg_extractor_open(NULL, &x, &err);
    if (rc) {
        kg_buf_free(&in);
        return kg_cli_report(&err, NULL, 0);
    }
    if (conllu) {
        rc = run_conllu(x, path, in.data ? in.data : "", in.len, fmt, features);
    } else if (fmt == FMT_CARB) {
        rc = run_carb(x, path, in.data ? in.data : "", in.len, features);
    } else {
        kg_extraction ex;
        rc = kg_extract_document(x, in.data ? in.data : "", in.len, &ex, &err);
        if (rc) {
            err.source = path;
            rc = kg_cli_report(&err, NULL, 0);
        } else {
            if (fmt == FMT_TSV)
                print_tsv(&ex);
            else
                rc = print_jsonl(in.data, &ex);
            kg_extraction_free(&ex);
        }
    }
    kg_extractor_close(x);
    kg_buf_free(&in);
    return rc;
}
