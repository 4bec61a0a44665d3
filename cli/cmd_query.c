/*
 * cmd_query.c -- the "kg query" command.
 */
#include "cli.h"

int kg_cmd_query(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "query: not yet implemented");
}
