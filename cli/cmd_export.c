/*
 * cmd_export.c -- the "kg export" command.
 */
#include "cli.h"

int kg_cmd_export(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "export: not yet implemented");
}
