/*
 * cmd_ingest.c -- the "kg ingest" command.
 */
#include "cli.h"

int kg_cmd_ingest(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "ingest: not yet implemented");
}
