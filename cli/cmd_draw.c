/*
 * cmd_draw.c -- the "kg draw" command.
 */
#include "cli.h"

int kg_cmd_draw(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "draw: not yet implemented");
}
