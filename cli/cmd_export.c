/*
 * cmd_export.c -- "kg export --format graphml|dot|jsonl|tsv|nt|csv [-o PATH]":
 * writes the whole graph (graph/kg_export.h). The output path is opened
 * before the database is read, so an unwritable path fails before any work.
 */
#include "cli.h"
#include "kg_graph.h"

#include <string.h>

int kg_cmd_export(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *self = kg_cli_find("export");
    const char *format = NULL, *out_path = NULL;
    kg_export_options opt = {0};
    kg_store *st = NULL;
    kg_error err = {0};
    FILE *out = NULL;
    int i, rc;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "export: %s needs a value", a);
            format = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "export: %s needs a path", a);
            out_path = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out_path = a + 9;
        } else if (strcmp(a, "--base") == 0 || strcmp(a, "--base-iri") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "export: %s needs an IRI", a);
            opt.base_iri = argv[++i];
        } else if (strcmp(a, "--collapse") == 0) {
            opt.is_collapsed = 1;
        } else if (strcmp(a, "--yed") == 0) {
            opt.is_yed = 1;
        } else {
            return kg_cli_usage(self, "export: unexpected argument \"%s\"", a);
        }
    }
    if (format == NULL)
        return kg_cli_usage(self, "export: --format is required");
    if (!kg_export_format_known(format))
        return kg_cli_usage(self, "export: unknown format \"%s\"", format);
    if (opt.is_yed && strcmp(format, "graphml") != 0)
        return kg_cli_usage(self, "export: --yed applies to --format graphml only");
    if (opt.is_collapsed && strcmp(format, "graphml") != 0 && strcmp(format, "dot") != 0)
        return kg_cli_usage(self, "export: --collapse applies to graphml and dot only");

    rc = kg_export_open_output(format, out_path, &out, &err);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    rc = kg_store_open(cli->db_path, KG_STORE_READONLY, &st, &err);
    if (rc == KG_OK)
        rc = kg_export_ex(st, format, NULL, &opt, out, out_path, &err);
    kg_store_close(st);
    if (out != NULL && out != stdout && fclose(out) != 0 && rc == KG_OK)
        rc = kg_error_set(&err, KG_EIO, "%s: write error", out_path);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    return 0;
}
