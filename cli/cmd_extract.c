/*
 * cmd_extract.c -- the "kg extract" command.
 */
#include "cli.h"

int kg_cmd_extract(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "extract: not yet implemented");
}
