/*
 * cmd_stats.c -- "kg stats [--format text|jsonl]": counts of documents,
 * sentences, entities, triples and relations. Read-only: a missing database is
 * an error (exit 3), never created.
 */
#include "cli.h"
#include "kg_graph.h"

#include <string.h>

int kg_cmd_stats(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *self = kg_cli_find("stats");
    const char *format = "text";
    kg_error err = {0};
    kg_store *st = NULL;
    kg_stats s;
    int i, rc;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = argv[++i];
        else if (strncmp(argv[i], "--format=", 9) == 0)
            format = argv[i] + 9;
        else if (strcmp(argv[i], "--format") == 0)
            return kg_cli_usage(self, "stats: --format needs a value (text or jsonl)");
        else
            return kg_cli_usage(self, "stats: unexpected argument \"%s\"", argv[i]);
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "jsonl") != 0)
        return kg_cli_usage(self, "stats: unknown format \"%s\" (text or jsonl)", format);

    rc = kg_store_open(cli->db_path, KG_STORE_READONLY, &st, &err);
    if (rc == KG_OK)
        rc = kg_store_stats(st, &s, &err);
    kg_store_close(st);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    if (strcmp(format, "jsonl") == 0)
        printf("{\"documents\": %lld, \"sentences\": %lld, \"entities\": %lld, "
               "\"triples\": %lld, \"relations\": %lld}\n",
               (long long)s.documents, (long long)s.sentences, (long long)s.entities,
               (long long)s.triples, (long long)s.relations);
    else
        printf("documents %lld\nsentences %lld\nentities %lld\ntriples %lld\nrelations %lld\n",
               (long long)s.documents, (long long)s.sentences, (long long)s.entities,
               (long long)s.triples, (long long)s.relations);
    return 0;
}
