/*
 * cmd_query.c -- "kg query [--format F] ['QUERY' | -f FILE]": answers queries
 * in the kg query language (query/kg_query.h). With no query and no -f, reads
 * queries from standard input (one per line or separated by ;); when standard
 * input is a terminal, an interactive prompt with a small line editor and
 * history (no readline dependency).
 */
#include "cli.h"
#include "kg_query.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void print_notes(kg_buf *notes)
{
    const char *p = notes->data;
    while (p && *p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        fprintf(stderr, "kg: %.*s\n", (int)n, p);
        p += n + (nl != NULL);
    }
    kg_buf_reset(notes);
}

/* Run one text; report errors (with a caret) and notices; return the exit status. */
static int run_text(kg_query_session *s, const char *text, size_t len, const char *source)
{
    kg_error err = {0};
    kg_buf notes = {0};
    int rc = kg_query_run(s, text, len, source, &notes, &err);
    fflush(stdout);
    print_notes(&notes);
    kg_buf_free(&notes);
    if (rc)
        return kg_cli_report(&err, text, len);
    return 0;
}

/* ------------------------------------------------------------ line editor */

typedef struct history { char **lines; size_t n; } history;

static void history_add(history *h, const char *line)
{
    char **p;
    if (*line == '\0' || (h->n && strcmp(h->lines[h->n - 1], line) == 0))
        return;
    p = realloc(h->lines, (h->n + 1) * sizeof *p);
    if (p == NULL)
        return;
    h->lines = p;
    if ((h->lines[h->n] = strdup(line)) != NULL)
        h->n++;
}

static void history_free(history *h)
{
    size_t i;
    for (i = 0; i < h->n; i++)
        free(h->lines[i]);
    free(h->lines);
}

static void redraw(const char *prompt, const kg_buf *b, size_t cursor)
{
    size_t chars_after = kg_utf8_count(b->data + cursor, b->len - cursor);
    fprintf(stderr, "\r%s%.*s\x1b[K", prompt, (int)b->len, b->data ? b->data : "");
    if (chars_after)
        fprintf(stderr, "\x1b[%zuD", chars_after);
    fflush(stderr);
}

static void set_line(kg_buf *b, const char *s, size_t *cursor)
{
    kg_buf_reset(b);
    kg_buf_puts(b, s);
    *cursor = b->len;
}

/* Read one line with editing: arrows, Home/End, Ctrl-A/E/K/U, backspace, history.
 * Returns 1 with the line in b, 0 at end of input (Ctrl-D on an empty line). */
static int read_line(const char *prompt, kg_buf *b, history *h)
{
    struct termios saved, raw;
    size_t cursor = 0, hist = h->n;
    int result = 1;
    kg_buf_reset(b);
    kg_buf_puts(b, "");
    if (tcgetattr(STDIN_FILENO, &saved) != 0)
        return 0;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    redraw(prompt, b, cursor);
    for (;;) {
        unsigned char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (n <= 0) {
            result = b->len > 0;
            break;
        }
        if (c == '\r' || c == '\n') {
            break;
        } else if (c == 4) { /* Ctrl-D */
            if (b->len == 0) {
                result = 0;
                break;
            }
        } else if (c == 3) { /* Ctrl-C: drop the line */
            kg_buf_reset(b);
            cursor = 0;
            fputs("^C\n", stderr);
        } else if (c == 127 || c == 8) {
            if (cursor > 0) {
                size_t start = cursor - 1;
                while (start > 0 && ((unsigned char)b->data[start] & 0xC0) == 0x80)
                    start--;
                memmove(b->data + start, b->data + cursor, b->len - cursor + 1);
                b->len -= cursor - start;
                cursor = start;
            }
        } else if (c == 1) {
            cursor = 0;
        } else if (c == 5) {
            cursor = b->len;
        } else if (c == 11) {
            b->len = cursor;
            b->data[cursor] = '\0';
        } else if (c == 21) {
            memmove(b->data, b->data + cursor, b->len - cursor + 1);
            b->len -= cursor;
            cursor = 0;
        } else if (c == 27) {
            unsigned char seq[3];
            if (read(STDIN_FILENO, &seq[0], 1) != 1 || read(STDIN_FILENO, &seq[1], 1) != 1)
                continue;
            if (seq[0] != '[' && seq[0] != 'O')
                continue;
            if (seq[1] >= '0' && seq[1] <= '9') {
                if (read(STDIN_FILENO, &seq[2], 1) != 1)
                    continue;
                if (seq[2] == '~' && (seq[1] == '1' || seq[1] == '7'))
                    cursor = 0;
                else if (seq[2] == '~' && (seq[1] == '4' || seq[1] == '8'))
                    cursor = b->len;
                else if (seq[2] == '~' && seq[1] == '3' && cursor < b->len) {
                    size_t end = cursor + 1;
                    while (end < b->len && ((unsigned char)b->data[end] & 0xC0) == 0x80)
                        end++;
                    memmove(b->data + cursor, b->data + end, b->len - end + 1);
                    b->len -= end - cursor;
                }
            } else if (seq[1] == 'A' && hist > 0) {
                set_line(b, h->lines[--hist], &cursor);
            } else if (seq[1] == 'B') {
                if (hist + 1 < h->n)
                    set_line(b, h->lines[++hist], &cursor);
                else {
                    hist = h->n;
                    set_line(b, "", &cursor);
                }
            } else if (seq[1] == 'C' && cursor < b->len) {
                cursor++;
                while (cursor < b->len && ((unsigned char)b->data[cursor] & 0xC0) == 0x80)
                    cursor++;
            } else if (seq[1] == 'D' && cursor > 0) {
                cursor--;
                while (cursor > 0 && ((unsigned char)b->data[cursor] & 0xC0) == 0x80)
                    cursor--;
            } else if (seq[1] == 'H') {
                cursor = 0;
            } else if (seq[1] == 'F') {
                cursor = b->len;
            }
        } else if (c >= 32 || c == '\t') {
            if (kg_buf_reserve(b, 1) == KG_OK) {
                memmove(b->data + cursor + 1, b->data + cursor, b->len - cursor + 1);
                b->data[cursor++] = (char)c;
                b->len++;
            }
        }
        redraw(prompt, b, cursor);
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fputc('\n', stderr);
    return result;
}

static int interactive(kg_query_session *s)
{
    history h = {0};
    kg_buf line = {0};
    fprintf(stderr, "kg %s query prompt; end with Ctrl-D. Example: neighbors OpenAI depth 2\n",
            KG_VERSION);
    while (read_line("kg> ", &line, &h)) {
        size_t i = 0;
        while (i < line.len && (line.data[i] == ' ' || line.data[i] == '\t'))
            i++;
        if (i == line.len)
            continue;
        history_add(&h, line.data);
        if (strcmp(line.data + i, "quit") == 0 || strcmp(line.data + i, "exit") == 0)
            break;
        run_text(s, line.data, line.len, "query");
    }
    kg_buf_free(&line);
    history_free(&h);
    return 0;
}

/* ------------------------------------------------------------------ main */

int kg_cmd_query(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *self = kg_cli_find("query");
    const char *format_name = NULL, *file = NULL;
    kg_buf text = {0};
    kg_store *st = NULL;
    kg_query_session *s = NULL;
    kg_error err = {0};
    int i, format, status = 0, n_words = 0, rc, is_explain = 0, is_induced = 0, is_collapsed = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--format") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "query: --format needs a value");
            format_name = argv[++i];
        } else if (strncmp(a, "--format=", 9) == 0) {
            format_name = a + 9;
        } else if (strcmp(a, "--explain") == 0) {
            is_explain = 1;
        } else if (strcmp(a, "--induced") == 0) {
            is_induced = 1;
        } else if (strcmp(a, "--collapse") == 0) {
            is_collapsed = 1;
        } else if (strcmp(a, "-f") == 0 || strcmp(a, "--file") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(self, "query: -f needs a file");
            file = argv[++i];
        } else if (strcmp(a, "--") == 0) {
            for (i++; i < argc; i++, n_words++)
                if (kg_buf_puts(&text, n_words ? " " : "") || kg_buf_puts(&text, argv[i]))
                    return kg_cli_fail(3, "out of memory");
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            kg_buf_free(&text);
            return kg_cli_usage(self, "query: unknown option \"%s\"", a);
        } else {
            /* several words are joined with spaces: kg query neighbors OpenAI */
            if (kg_buf_puts(&text, n_words ? " " : "") || kg_buf_puts(&text, a))
                return kg_cli_fail(3, "out of memory");
            n_words++;
        }
    }
    if (format_name) {
        format = kg_query_format_parse(format_name);
        if (format < 0) {
            kg_buf_free(&text);
            return kg_cli_usage(self, "query: unknown format \"%s\" (table, tsv, jsonl, graphml, "
                                "dot)", format_name);
        }
    } else {
        format = isatty(STDOUT_FILENO) ? KG_QFMT_TABLE : KG_QFMT_TSV;
    }
    if (file && n_words) {
        kg_buf_free(&text);
        return kg_cli_usage(self, "query: give a QUERY or -f FILE, not both");
    }
    /* Check the syntax before touching the database: a bad query is exit 2 even
     * when there is no database. */
    if (n_words && kg_query_check(text.data, text.len, "query", &err) != KG_OK) {
        status = kg_cli_report(&err, text.data, text.len);
        kg_buf_free(&text);
        return status;
    }
    if (file && (rc = kg_read_file(file, KG_MAX_DOCUMENT_BYTES, &text, &err)) != KG_OK) {
        kg_buf_free(&text);
        return kg_cli_report(&err, NULL, 0);
    }
    if ((rc = kg_store_open(cli->db_path, KG_STORE_READONLY, &st, &err)) != KG_OK ||
        (rc = kg_query_session_open(st, format, stdout, &s, &err)) != KG_OK) {
        status = kg_cli_report(&err, NULL, 0);
        goto done;
    }
    kg_query_session_explain(s, is_explain);
    kg_query_session_subgraph(s, is_induced, is_collapsed);
    if (n_words) {
        status = run_text(s, text.data, text.len, "query");
    } else if (file) {
        status = run_text(s, text.data ? text.data : "", text.len, file);
    } else if (isatty(STDIN_FILENO)) {
        status = interactive(s);
    } else {
        if ((rc = kg_read_file("-", KG_MAX_DOCUMENT_BYTES, &text, &err)) != KG_OK) {
            status = kg_cli_report(&err, NULL, 0);
            goto done;
        }
        status = run_text(s, text.data ? text.data : "", text.len, "stdin");
    }
done:
    kg_query_session_close(s);
    kg_store_close(st);
    kg_buf_free(&text);
    (void)errno;
    return status;
}
