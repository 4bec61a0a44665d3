/*
 * cmd_tag.c -- the "kg tag" command.
 */
#include "cli.h"

int kg_cmd_tag(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "tag: not yet implemented");
}
