/*
 * cmd_import.c -- "kg import [--format tsv|nt|jsonl] PATH|-...": loads triples
 * made elsewhere. Each file is one transaction (all or nothing) and one
 * document row, so importing the same bytes again changes nothing.
 *
 * A format is one row of the importers table below: a function that imports
 * one path into an open store and fills a kg_import_result.
 */
#include "cli.h"
#include "kg_graph.h"

#include <string.h>

typedef int (*import_fn)(kg_store *st, const char *path, kg_import_result *res, kg_error *err);

static const struct {
    const char *name;
    import_fn fn;
} importers[] = {
    {"tsv", kg_store_import_tsv},
    {"nt", kg_import_nt},
    {"jsonl", kg_import_jsonl},
};

int kg_cmd_import(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *self = kg_cli_find("import");
    const char *format = "tsv";
    import_fn fn = NULL;
    kg_store *st = NULL;
    kg_error err = {0};
    int i, n_paths = 0, rc = KG_OK;
    size_t k;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "import: --format needs a value");
            format = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            format = argv[i] + 9;
        } else if (strcmp(argv[i], "--") == 0) {
            n_paths += argc - i - 1;
            break;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return kg_cli_usage(self, "import: unknown option \"%s\"", argv[i]);
        } else {
            n_paths++;
        }
    }
    for (k = 0; k < sizeof importers / sizeof importers[0]; k++)
        if (strcmp(importers[k].name, format) == 0)
            fn = importers[k].fn;
    if (fn == NULL)
        return kg_cli_usage(self, "import: unsupported format \"%s\"", format);
    if (n_paths == 0)
        return kg_cli_usage(self, "import: no input (give a PATH, or - for standard input)");

    rc = kg_store_open(cli->db_path, KG_STORE_CREATE, &st, &err);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    for (i = 1; i < argc && rc == KG_OK; i++) {
        kg_import_result res;
        const char *path = argv[i];
        if (strcmp(path, "--format") == 0) {
            i++;
            continue;
        }
        if (strncmp(path, "--format=", 9) == 0)
            continue;
        if (strcmp(path, "--") == 0)
            continue;
        rc = fn(st, path, &res, &err);
        if (rc)
            break;
        if (res.lines == 0 && !res.is_duplicate)
            fprintf(stderr, "kg: %s: no triples; nothing imported\n",
                    strcmp(path, "-") == 0 ? "<stdin>" : path);
        else if (res.is_duplicate)
            fprintf(stderr, "kg: %s: already imported (%zu line%s); nothing changed\n",
                    strcmp(path, "-") == 0 ? "<stdin>" : path, res.lines,
                    res.lines == 1 ? "" : "s");
        else
            fprintf(stderr, "kg: %s: %zu line%s, %zu new triple%s, %zu already known\n",
                    strcmp(path, "-") == 0 ? "<stdin>" : path, res.lines,
                    res.lines == 1 ? "" : "s", res.triples_new, res.triples_new == 1 ? "" : "s",
                    res.triples_seen);
    }
    kg_store_close(st);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    return 0;
}
