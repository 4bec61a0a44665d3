/*
 * ner_dump.c -- print kg's named and value mentions of text files as the jsonl
 * mention lines of `kg extract --format jsonl` (CLI.md), for the gum-wiki
 * entity evaluation (mk/ner.mk, target entity-eval) and for debugging NER.
 *
 *   ner_dump [--debug] FILE...            mention lines to stdout
 *   ner_dump --out DIR FILE...            DIR/<basename without .txt>.jsonl per file
 *
 * --debug also prints pronoun and nominal mentions and the entities.
 * --time prints the seconds spent in analysis (tagging) and in NER to stderr.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kg_base.h"
#include "kg_text.h"
#include "ner_int.h"

static void print_mention(FILE *f, const kg_analysis *a, const kg_entities *e, const kg_mention *m,
                          int debug)
{
    static const char *const kinds[] = {"name", "value", "pronoun", "nominal"};
    fputs("{\"kind\": \"mention\", \"text\": ", f);
    kg_json_fputs(f, a->text + m->start, m->end - m->start);
    fprintf(f, ", \"label\": \"%s\", \"entity\": ", kg_label_name(m->label));
    if (m->entity != KG_NO_ENTITY) {
        const char *name = e->entities[m->entity].name;
        kg_json_fputs(f, name, strlen(name));
    } else {
        kg_json_fputs(f, a->text + m->start, m->end - m->start);
    }
    fprintf(f, ", \"start\": %zu, \"end\": %zu", m->start, m->end);
    if (debug) fprintf(f, ", \"mention_kind\": \"%s\", \"sentence\": %zu", kinds[m->kind & 3], m->sentence);
    fputs("}\n", f);
}

static double t_analysis, t_ner;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dump(const kg_tagger *tagger, const kg_ner *ner, const char *path, FILE *f, int debug,
                kg_error *err)
{
    kg_buf buf = {0};
    kg_analysis a;
    kg_entities e;
    memset(&a, 0, sizeof a);
    memset(&e, 0, sizeof e);
    int rc = kg_read_file(path, KG_MAX_DOCUMENT_BYTES, &buf, err);
    if (rc) goto done;
    double t0 = now();
    if ((rc = kg_analysis_run(tagger, buf.data ? buf.data : "", buf.len, &a, err))) goto done;
    double t1 = now();
    if ((rc = kg_ner_run(ner, &a, &e, err))) goto done;
    t_analysis += t1 - t0;
    t_ner += now() - t1;
    if (debug) {
        for (size_t i = 0; i < e.n_mentions; i++) print_mention(f, &a, &e, &e.mentions[i], debug);
        for (size_t i = 0; i < e.n_nested; i++) print_mention(f, &a, &e, &e.nested[i], debug);
    } else {
        const kg_mention **v;
        size_t n;
        if ((rc = kg_entities_printable(&e, &v, &n))) {
            kg_error_set(err, rc, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n; i++) print_mention(f, &a, &e, v[i], 0);
        free(v);
    }
    if (debug)
        for (size_t k = 0; k < e.n_entities; k++)
            fprintf(f, "{\"kind\": \"entity\", \"id\": %zu, \"name\": \"%s\", \"label\": \"%s\", \"mentions\": %zu}\n",
                    k, e.entities[k].name, kg_label_name(e.entities[k].label), e.entities[k].n_mentions);
done:
    kg_entities_free(&e);
    kg_analysis_free(&a);
    kg_buf_free(&buf);
    return rc;
}

int main(int argc, char **argv)
{
    const char *out_dir = NULL;
    int debug = 0, timing = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) out_dir = argv[++i];
        else if (!strcmp(argv[i], "--debug")) debug = 1;
        else if (!strcmp(argv[i], "--time")) timing = 1;
        else {
            fprintf(stderr, "usage: ner_dump [--debug] [--time] [--out DIR] FILE...\n");
            return 2;
        }
    }
    kg_error err;
    kg_error_clear(&err);
    kg_tagger *tagger = NULL;
    if (kg_tagger_load(NULL, &tagger, &err)) {
        fprintf(stderr, "ner_dump: warning: %s (using fallback tags)\n", err.msg);
        kg_error_clear(&err);
        tagger = NULL;
    }
    kg_ner *ner = NULL;
    if (kg_ner_load(NULL, &ner, &err)) {
        fprintf(stderr, "ner_dump: %s\n", err.msg);
        return 3;
    }
    int status = 0;
    for (; i < argc; i++) {
        FILE *f = stdout;
        if (out_dir) {
            const char *base = strrchr(argv[i], '/');
            base = base ? base + 1 : argv[i];
            char path[4096];
            size_t n = strlen(base);
            if (n > 4 && !strcmp(base + n - 4, ".txt")) n -= 4;
            snprintf(path, sizeof path, "%s/%.*s.jsonl", out_dir, (int)n, base);
            f = fopen(path, "w");
            if (!f) {
                perror(path);
                status = 3;
                continue;
            }
        }
        if (dump(tagger, ner, argv[i], f, debug, &err)) {
            fprintf(stderr, "ner_dump: %s\n", err.msg);
            kg_error_clear(&err);
            status = 3;
        }
        if (f != stdout) fclose(f);
    }
    if (timing) fprintf(stderr, "analysis %.3f s, ner %.3f s\n", t_analysis, t_ner);
    kg_ner_free(ner);
    kg_tagger_free(tagger);
    return status;
}
