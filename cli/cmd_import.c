/*
 * cmd_import.c -- the "kg import" command.
 */
#include "cli.h"

int kg_cmd_import(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "import: not yet implemented");
}
