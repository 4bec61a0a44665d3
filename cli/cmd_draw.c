/*
 * cmd_draw.c -- "kg draw [--format svg|png] ['QUERY'] -o FILE": renders a
 * query's subgraph (kg_query with the dot format, which goes through
 * kg_export's DOT writer), or the whole graph when no query is given, to a
 * picture through Graphviz's `dot` program. Relation names label the edges,
 * negated edges are dashed, entity types are shapes and colours.
 *
 * The output path is opened (and so checked) before any work; the DOT text
 * goes to a temporary file that `dot` reads.
 */
#include "cli.h"
#include "kg_graph.h"
#include "kg_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *ext_format(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && (strcmp(dot, ".png") == 0 || strcmp(dot, ".PNG") == 0))
        return "png";
    return "svg";
}

/* Run dot -T<format> -o out in; returns 0 or the exit status to report. */
static int run_dot(const char *format, const char *in, const char *out)
{
    char tflag[16];
    pid_t pid;
    int status;
    snprintf(tflag, sizeof tflag, "-T%s", format);
    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0)
        return kg_cli_fail(3, "draw: cannot start dot: %s", strerror(errno));
    if (pid == 0) {
        const char *dot = getenv("KG_DOT");
        char *args[6];
        args[0] = (char *)(dot && *dot ? dot : "dot");
        args[1] = tflag;
        args[2] = (char *)"-o";
        args[3] = (char *)out;
        args[4] = (char *)in;
        args[5] = NULL;
        execvp(args[0], args);
        fprintf(stderr, "kg: draw: cannot run %s: %s (install Graphviz: apt-get install "
                        "graphviz)\n", args[0], strerror(errno));
        _exit(127);
    }
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return kg_cli_fail(3, "draw: waiting for dot: %s", strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return 3;
    return kg_cli_fail(3, "draw: dot failed (status %d) writing %s", 
                       WIFEXITED(status) ? WEXITSTATUS(status) : -1, out);
}

int kg_cmd_draw(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *self = kg_cli_find("draw");
    const char *format = NULL, *out_path = NULL, *query = NULL;
    char tmp_path[] = "/tmp/kg-draw-XXXXXX";
    kg_store *st = NULL;
    kg_query_session *qs = NULL;
    kg_error err = {0};
    FILE *out = NULL, *tmp = NULL;
    int i, fd, rc = KG_OK, status = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "draw: --format needs svg or png");
            format = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "draw: %s needs a path", a);
            out_path = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return kg_cli_usage(self, "draw: unknown option \"%s\"", a);
        } else if (query == NULL) {
            query = a;
        } else {
            return kg_cli_usage(self, "draw: give one query (quote it)");
        }
    }
    if (out_path == NULL || strcmp(out_path, "-") == 0)
        return kg_cli_usage(self, "draw: -o FILE is required");
    if (format == NULL)
        format = ext_format(out_path);
    if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0)
        return kg_cli_usage(self, "draw: unknown format \"%s\" (svg or png)", format);
    if (query != NULL && kg_query_check(query, strlen(query), "query", &err) != KG_OK)
        return kg_cli_report(&err, query, strlen(query));

    /* Check the output path before any work. */
    rc = kg_export_open_output("dot", out_path, &out, &err);
    if (rc)
        return kg_cli_report(&err, NULL, 0);
    fclose(out);
    fd = mkstemp(tmp_path);
    if (fd < 0 || (tmp = fdopen(fd, "w")) == NULL) {
        if (fd >= 0)
            close(fd);
        return kg_cli_fail(3, "draw: cannot create a temporary file: %s", strerror(errno));
    }
    rc = kg_store_open(cli->db_path, KG_STORE_READONLY, &st, &err);
    if (rc == KG_OK && query == NULL) {
        kg_export_options opt = {0};
        opt.is_linked_only = 1; /* a picture of the relations, not of every name */
        rc = kg_export_ex(st, "dot", NULL, &opt, tmp, tmp_path, &err);
    }
    if (rc == KG_OK && query != NULL) {
        rc = kg_query_session_open(st, KG_QFMT_DOT, tmp, &qs, &err);
        if (rc == KG_OK)
            rc = kg_query_run(qs, query, strlen(query), "query", NULL, &err);
        kg_query_session_close(qs);
    }
    kg_store_close(st);
    if (fclose(tmp) != 0 && rc == KG_OK)
        rc = kg_error_set(&err, KG_EIO, "%s: write error", tmp_path);
    if (rc == KG_OK)
        status = run_dot(format, tmp_path, out_path);
    else
        status = kg_cli_report(&err, query, query ? strlen(query) : 0);
    unlink(tmp_path);
    return status;
}
