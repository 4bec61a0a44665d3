/*
 * cli.h -- the thin command-line layer: argument parsing, dispatch through a
 * command table, and mapping kg_error codes to exit statuses. Handlers live in
 * cli/cmd_*.c, one file per command; they call only kg_ingest.h, kg_graph.h
 * and kg_query.h.
 */
#ifndef KG_CLI_H
#define KG_CLI_H

#include "../base/kg_base.h"

typedef struct kg_cli {
    const char *db_path;   /* --db, else $KG_DB, else ./kg.db */
    const char *argv0;
} kg_cli;

typedef int (*kg_cli_handler)(kg_cli *cli, int argc, char **argv);

typedef struct kg_cli_command {
    const char *name;
    kg_cli_handler handler;
    const char *usage;     /* one line: "kg stats" */
    const char *summary;   /* one line */
    const char *help;      /* full --help text after the usage line */
} kg_cli_command;

/* Print err to stderr as "kg: [source:[line:[col:]]] msg" and, when the error
 * has a line and column and input is given, the line with a caret under the
 * column (characters, not bytes). Returns the exit status for err->code. */
int kg_cli_report(const kg_error *err, const char *input, size_t input_len);
/* Print "kg: <msg>" to stderr and return status. */
int kg_cli_fail(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Refuse a document kg ingest / kg extract cannot read as text before any
 * work: UTF-16/32 (by its byte order mark), or empty (no bytes, or only white
 * space). KG_EINPUT naming path ("<stdin>" for "-") in err, else KG_OK. */
int kg_cli_check_text(const char *path, const char *text, size_t len, kg_error *err);
/* Usage error for command c: message, then its usage line; returns 2. */
int kg_cli_usage(const kg_cli_command *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 if argv[i] is -h or --help. */
int kg_cli_is_help(const char *arg);
/* Print the help of command c to stdout; returns 0. */
int kg_cli_help(const kg_cli_command *c);
/* The command table entry for name, or NULL. */
const kg_cli_command *kg_cli_find(const char *name);
/* Flush stdout and check for write errors (a full disk is exit 3). */
int kg_cli_finish_stdout(int status);

/* Handlers, one per cli/cmd_*.c file. */
int kg_cmd_ingest(kg_cli *cli, int argc, char **argv);
int kg_cmd_extract(kg_cli *cli, int argc, char **argv);
int kg_cmd_tag(kg_cli *cli, int argc, char **argv);
int kg_cmd_train_tagger(kg_cli *cli, int argc, char **argv);
int kg_cmd_query(kg_cli *cli, int argc, char **argv);
int kg_cmd_import(kg_cli *cli, int argc, char **argv);
int kg_cmd_export(kg_cli *cli, int argc, char **argv);
int kg_cmd_stats(kg_cli *cli, int argc, char **argv);
int kg_cmd_draw(kg_cli *cli, int argc, char **argv);

#endif
