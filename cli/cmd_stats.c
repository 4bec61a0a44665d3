/*
 * cmd_stats.c -- the "kg stats" command.
 */
#include "cli.h"

int kg_cmd_stats(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "stats: not yet implemented");
}
