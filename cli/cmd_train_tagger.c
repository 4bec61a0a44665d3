/*
 * cmd_train_tagger.c -- the "kg train-tagger" command: train the tagger and
 * lemmatizer on UD CoNLL-U files and write the binary model.
 *
 *   kg train-tagger --train FILE [--dev FILE] [-o OUT] [--epochs N]
 *                   [--min-count N] [--one-pass] [--max-sentences N]
 *                   [--lexicon FILE|none] [--neighbours FILE|none]
 *                   [--relemma MODEL]   (keep MODEL's tagger, relearn the lemmatizer)
 *
 * Defaults: --train ../shared/data/ud-ewt/en_ewt-ud-train.conllu, --dev the
 * matching dev file, -o data/tagger.bin, --lexicon data/lexicon/wordnet.tsv
 * and --neighbours data/lexicon/neighbours.tsv when they exist. Progress goes to stderr.
 */
#include "cli.h"
#include "../ingest/kg_ingest.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void show(void *ctx, const char *line)
{
    (void)ctx;
    fprintf(stderr, "kg: train-tagger: %s\n", line);
}

static int parse_count(const char *s, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 0 || v > 100000000)
        return -1;
    *out = v;
    return 0;
}

int kg_cmd_train_tagger(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *c = kg_cli_find("train-tagger");
    kg_train_opts o;
    kg_train_report rep;
    kg_error err = {0};
    struct timespec t0, t1;
    int i, quiet = 0;
    long v;

    (void)cli;
    memset(&o, 0, sizeof o);
    o.train_path = "../shared/data/ud-ewt/en_ewt-ud-train.conllu";
    o.dev_path = "../shared/data/ud-ewt/en_ewt-ud-dev.conllu";
    o.out_path = "data/tagger.bin";
    if (access("data/lexicon/wordnet.tsv", R_OK) == 0)
        o.lexicon_path = "data/lexicon/wordnet.tsv";
    if (access("data/lexicon/neighbours.tsv", R_OK) == 0)
        o.neighbours_path = "data/lexicon/neighbours.tsv";
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int has_val = i + 1 < argc;
        if (strcmp(a, "--train") == 0 && has_val)
            o.train_path = argv[++i];
        else if (strcmp(a, "--dev") == 0 && has_val)
            o.dev_path = strcmp(argv[++i], "none") == 0 ? NULL : argv[i];
        else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has_val)
            o.out_path = argv[++i];
        else if (strcmp(a, "--epochs") == 0 && has_val) {
            if (parse_count(argv[++i], &v) || v < 1 || v > 100)
                return kg_cli_usage(c, "train-tagger: --epochs needs a number 1..100");
            o.max_epochs = (int)v;
        } else if (strcmp(a, "--min-count") == 0 && has_val) {
            if (parse_count(argv[++i], &v) || v < 1 || v > 1000)
                return kg_cli_usage(c, "train-tagger: --min-count needs a number 1..1000");
            o.min_count = (int)v;
        } else if (strcmp(a, "--max-sentences") == 0 && has_val) {
            if (parse_count(argv[++i], &v))
                return kg_cli_usage(c, "train-tagger: --max-sentences needs a number");
            o.max_sentences = (size_t)v;
        } else if (strcmp(a, "--lexicon") == 0 && has_val) {
            o.lexicon_path = strcmp(argv[++i], "none") == 0 ? NULL : argv[i];
        } else if (strcmp(a, "--neighbours") == 0 && has_val) {
            o.neighbours_path = strcmp(argv[++i], "none") == 0 ? NULL : argv[i];
        } else if (strcmp(a, "--relemma") == 0 && has_val) {
            o.relemma_model = argv[++i];
        } else if (strcmp(a, "--one-pass") == 0)
            o.one_pass = 1;
        else if (strcmp(a, "--quiet") == 0)
            quiet = 1;
        else
            return kg_cli_usage(c, "train-tagger: unknown or incomplete option \"%s\"", a);
    }
    if (!quiet)
        o.progress = show;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (kg_tagger_train(&o, &rep, &err))
        return kg_cli_report(&err, NULL, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("model\t%s\nbytes\t%zu\ntrain_tokens\t%zu\nclasses\t%zu\nfeatures\t%zu\n"
           "weights\t%zu\nepochs\t%d %d\ndev_upos\t%.4f\ndev_xpos\t%.4f\nseconds\t%.1f\n",
           o.out_path, rep.model_bytes, rep.n_train_tokens, rep.n_classes, rep.n_features,
           rep.n_weights, rep.best_epoch[0], rep.best_epoch[1], 100 * rep.dev_upos,
           100 * rep.dev_xpos,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
