/*
 * cmd_train_tagger.c -- the "kg train-tagger" command.
 */
#include "cli.h"

int kg_cmd_train_tagger(kg_cli *cli, int argc, char **argv)
{
    (void)cli; (void)argc; (void)argv;
    return kg_cli_fail(2, "train-tagger: not yet implemented");
}
