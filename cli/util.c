/*
 * util.c -- error reporting with carets, usage errors, help and stdout checks,
 * shared by the command handlers.
 */
#include "cli.h"

#include <stdarg.h>
#include <string.h>
#include <errno.h>

int kg_cli_fail(int status, const char *fmt, ...)
{
    va_list ap;
    fputs("kg: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return status;
}

int kg_cli_usage(const kg_cli_command *c, const char *fmt, ...)
{
    va_list ap;
    fputs("kg: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\n", c ? c->usage : "kg [--db PATH] COMMAND [OPTIONS] [ARGS]");
    return 2;
}

int kg_cli_is_help(const char *arg)
{
    return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

int kg_cli_help(const kg_cli_command *c)
{
    printf("usage: %s\n\n%s.\n", c->usage, c->summary);
    if (c->help && *c->help)
        printf("\n%s", c->help);
    printf("\nGlobal: --db PATH (else $KG_DB, else ./kg.db).\n");
    return kg_cli_finish_stdout(0);
}

int kg_cli_finish_stdout(int status)
{
    int failed;
    errno = 0;
    failed = fflush(stdout) != 0 || ferror(stdout);
    if (!failed)
        return status;
    /* a handler that failed has already said why (often this very write error) */
    if (status == 0)
        fprintf(stderr, "kg: error writing standard output: %s\n",
                errno ? strerror(errno) : "write error");
    return status ? status : 3;
}

/* Print the line of input holding err->line with a caret under err->column;
 * long lines are shown as a window of about 78 characters around the column. */
static void print_caret(const kg_error *err, const char *input, size_t len)
{
    const char *p = input, *end = input + len, *eol;
    unsigned line = 1, col = 1, skip = 0, width = 0, i;
    size_t off;
    while (line < err->line && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (nl == NULL)
            return;
        p = nl + 1;
        line++;
    }
    eol = memchr(p, '\n', (size_t)(end - p));
    if (eol == NULL)
        eol = end;
    if (err->column > 60)
        skip = err->column - 40;
    fputs("  ", stderr);
    off = 0;
    while (p + off < eol && width < 78) {
        uint32_t cp;
        int n = kg_utf8_decode(p + off, (size_t)(eol - (p + off)), &cp);
        if (col > skip) {
            if (cp == '\t')
                fputc(' ', stderr);
            else
                fwrite(p + off, 1, (size_t)n, stderr);
            width++;
        }
        off += (size_t)n;
        col++;
    }
    fputs("\n  ", stderr);
    for (i = skip + 1; i < err->column; i++)
        fputc(' ', stderr);
    fputs("^\n", stderr);
}

int kg_cli_check_text(const char *path, const char *text, size_t len, kg_error *err)
{
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
    const char *enc = kg_text_foreign_bom(text, len);
    if (enc)
        return kg_error_at(err, KG_EINPUT, name, 0, 0, 0, "%s text (byte order mark), not "
                           "UTF-8: convert it first (iconv -f %s -t UTF-8)", enc, enc);
    if (kg_text_is_blank(text, len))
        return kg_error_at(err, KG_EINPUT, name, 0, 0, 0, "empty document (no text)");
    return KG_OK;
}

int kg_cli_report(const kg_error *err, const char *input, size_t input_len)
{
    fputs("kg: ", stderr);
    if (err->source) {
        fprintf(stderr, "%s:", err->source);
        if (err->line) {
            fprintf(stderr, "%u:", err->line);
            if (err->column)
                fprintf(stderr, "%u:", err->column);
        }
        fputc(' ', stderr);
    }
    fprintf(stderr, "%s\n", err->msg[0] ? err->msg : "error");
    if (input && err->line && err->column)
        print_caret(err, input, input_len);
    return kg_error_exit_status(err->code);
}
