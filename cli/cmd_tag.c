/*
 * cmd_tag.c -- the "kg tag" command: part-of-speech tag plain text or CoNLL-U.
 *
 *   kg tag [--model PATH] [--replace-invalid] [--no-model] [PATH|-]
 *   kg tag --conllu [--model PATH] [PATH|-]
 *   kg tag --sentences [PATH|-]      (start TAB end TAB text per sentence,
 *                                     character offsets; no tagging)
 *
 * Plain text: token TAB UPOS TAB XPOS TAB lemma, a blank line between
 * sentences. The input is read and analysed in pieces of at most 1 MB cut at
 * paragraph or sentence ends (kg_text_cut), so memory stays bounded whatever
 * its size.
 * CoNLL-U: the gold tokenisation is kept; UPOS, XPOS and LEMMA are replaced,
 * every other column and line is copied unchanged.
 */
#include "cli.h"
#include "../ingest/kg_ingest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TAG_PIECE (1u << 20)

/* Plain text from f, read and analysed in pieces of at most TAG_PIECE bytes
 * cut at paragraph or sentence ends: memory stays bounded whatever the size.
 * Errors name the byte offset in the whole input. */
static int tag_plain(const kg_tagger *tagger, const char *path, FILE *f, unsigned options,
                     int sentences_only)
{
    size_t chars_before = 0; /* characters before the current piece (--sentences) */
    kg_buf out = {0}, in = {0};
    kg_analysis a = {0};
    kg_error err = {0};
    size_t base = 0, bad, i, j;
    int rc = 0, eof = 0, first = 1;

    for (;;) {
        size_t n;
        while (!eof && in.len < 2 * TAG_PIECE) {
            size_t got;
            if (kg_buf_reserve(&in, TAG_PIECE)) {
                rc = kg_cli_fail(3, "out of memory");
                goto done;
            }
            got = fread(in.data + in.len, 1, TAG_PIECE, f);
            in.len += got;
            in.data[in.len] = '\0';
            if (got < TAG_PIECE) {
                if (ferror(f)) {
                    rc = kg_cli_fail(3, "%s: read error: %s", path, strerror(errno));
                    goto done;
                }
                eof = 1;
            }
        }
        if (in.len == 0)
            break;
        if (first && kg_has_nul(in.data, in.len, &bad)) { /* binary: refuse before any output */
            kg_error_at(&err, KG_EINPUT, path, 0, 0, bad,
                        "binary data refused (NUL byte at byte offset %zu)", bad);
            rc = kg_cli_report(&err, NULL, 0);
            goto done;
        }
        first = 0;
        n = eof && in.len <= TAG_PIECE ? in.len : kg_text_cut(in.data, in.len, TAG_PIECE);
        if (kg_has_nul(in.data, n, &bad)) {
            kg_error_at(&err, KG_EINPUT, path, 0, 0, base + bad,
                        "binary data refused (NUL byte at byte offset %zu)", base + bad);
            rc = kg_cli_report(&err, NULL, 0);
            goto done;
        }
        if (!(options & KG_ANALYSIS_REPLACE_INVALID) && !kg_utf8_valid(in.data, n, &bad)) {
            kg_error_at(&err, KG_EINPUT, path, 0, 0, base + bad,
                        "invalid UTF-8 at byte offset %zu (use --replace-invalid to read it as "
                        "U+FFFD)", base + bad);
            rc = kg_cli_report(&err, NULL, 0);
            goto done;
        }
        rc = kg_analysis_run_opts(tagger, in.data, n, options, &a, &err);
        if (rc) {
            err.source = path;
            rc = kg_cli_report(&err, NULL, 0);
            goto done;
        }
        for (i = 0; i < a.n_sentences && sentences_only; i++) {
            const kg_sentence *s = &a.sentences[i];
            size_t cs = chars_before + kg_utf8_count(a.text, s->start);
            size_t ce = cs + kg_utf8_count(a.text + s->start, s->end - s->start);
            printf("%zu\t%zu\t", cs, ce);
            for (j = s->start; j < s->end; j++)
                putchar(a.text[j] == '\n' || a.text[j] == '\t' ? ' ' : a.text[j]);
            putchar('\n');
        }
        for (i = 0; i < a.n_sentences && !sentences_only; i++) {
            const kg_sentence *s = &a.sentences[i];
            for (j = s->first_token; j < s->first_token + s->n_tokens; j++) {
                const kg_token *t = &a.tokens[j];
                const char *u = kg_upos_name(t->upos), *x = kg_xpos_name(t->xpos);
                size_t nw = t->end - t->start, nu = strlen(u), nx = strlen(x);
                size_t nl = strlen(t->lemma);
                char *w;
                if (kg_buf_reserve(&out, nw + nu + nx + nl + 4)) {
                    rc = kg_cli_fail(3, "out of memory");
                    goto done;
                }
                w = out.data + out.len;
                memcpy(w, a.text + t->start, nw);
                w += nw;
                *w++ = '\t';
                memcpy(w, u, nu);
                w += nu;
                *w++ = '\t';
                memcpy(w, x, nx);
                w += nx;
                *w++ = '\t';
                memcpy(w, t->lemma, nl);
                w += nl;
                *w++ = '\n';
                out.len = (size_t)(w - out.data);
            }
            if (kg_buf_append(&out, "\n", 1)) {
                rc = kg_cli_fail(3, "out of memory");
                goto done;
            }
            if (out.len > 65536) {
                fwrite(out.data, 1, out.len, stdout);
                kg_buf_reset(&out);
            }
        }
        if (out.len) {
            fwrite(out.data, 1, out.len, stdout);
            kg_buf_reset(&out);
        }
        if (ferror(stdout))
            break;
        if (sentences_only)
            chars_before += kg_utf8_count(a.text, a.len);
        base += n;
        memmove(in.data, in.data + n, in.len - n);
        in.len -= n;
    }
done:
    kg_analysis_free(&a);
    kg_buf_free(&out);
    kg_buf_free(&in);
    return rc;
}

/* Split a CoNLL-U line in place into up to 10 tab-separated fields. */
static int split_fields(char *line, char **f)
{
    int n = 0;
    f[n++] = line;
    while (*line && n < 10) {
        if (*line == '\t') {
            *line = '\0';
            f[n++] = line + 1;
        }
        line++;
    }
    return n;
}

static int is_word_id(const char *id)
{
    if (*id < '0' || *id > '9')
        return 0;
    while (*id >= '0' && *id <= '9')
        id++;
    return *id == '\0';
}

typedef struct conllu_sent {
    kg_buf lines;       /* the raw lines of the sentence, each NUL-terminated */
    kg_buf text;        /* forms joined by spaces */
    kg_token *toks;
    size_t n_toks, cap_toks;
    size_t *line_of;    /* offset in lines of each word line */
    size_t cap_line_of;
} conllu_sent;

static int flush_sentence(const kg_tagger *tagger, conllu_sent *cs, kg_buf *lemma)
{
    size_t off = 0, w = 0;
    kg_error err = {0};
    if (cs->n_toks && kg_tagger_tag(tagger, cs->text.data, cs->toks, cs->n_toks, &err))
        return kg_cli_report(&err, NULL, 0);
    while (off < cs->lines.len) {
        char *line = cs->lines.data + off;
        size_t n = strlen(line);
        if (w < cs->n_toks && cs->line_of[w] == off) {
            char *f[10];
            const kg_token *t = &cs->toks[w];
            split_fields(line, f);
            kg_buf_reset(lemma);
            if (kg_tagger_lemma(tagger, cs->text.data + t->start, t->end - t->start, t->xpos,
                                lemma))
                return kg_cli_fail(3, "out of memory");
            printf("%s\t%s\t%s\t%s\t%s", f[0], f[1], lemma->data ? lemma->data : "_",
                   kg_upos_name(t->upos), kg_xpos_name(t->xpos));
            {
                int k;
                for (k = 5; k < 10; k++)
                    printf("\t%s", f[k]);
            }
            putchar('\n');
            w++;
        } else {
            fputs(line, stdout);
            putchar('\n');
        }
        off += n + 1;
    }
    kg_buf_reset(&cs->lines);
    kg_buf_reset(&cs->text);
    cs->n_toks = 0;
    return 0;
}

static int tag_conllu(const kg_tagger *tagger, const char *path, char *text, size_t len)
{
    conllu_sent cs = {0};
    kg_buf lemma = {0};
    kg_error err = {0};
    size_t pos = 0, bad;
    unsigned line_no = 0;
    int rc = 0;

    if (kg_has_nul(text, len, &bad)) {
        kg_error_at(&err, KG_EINPUT, path, 0, 0, bad,
                    "binary data refused (NUL byte at byte offset %zu)", bad);
        return kg_cli_report(&err, NULL, 0);
    }
    if (!kg_utf8_valid(text, len, &bad)) {
        kg_error_at(&err, KG_EINPUT, path, 0, 0, bad, "invalid UTF-8 at byte offset %zu", bad);
        return kg_cli_report(&err, NULL, 0);
    }
    while (pos < len && rc == 0) {
        char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len, n = end - pos;
        char *line = text + pos;
        line_no++;
        if (n && line[n - 1] == '\r')
            n--;
        line[n] = '\0';
        if (n == 0) {
            rc = flush_sentence(tagger, &cs, &lemma);
            if (rc == 0)
                putchar('\n');
        } else if (line[0] == '#') {
            if (kg_buf_append(&cs.lines, line, n + 1))
                rc = kg_cli_fail(3, "out of memory");
        } else {
            size_t line_off = cs.lines.len;
            char copy_id[32];
            char *f[10];
            char *tmp;
            int nf;
            if (kg_buf_append(&cs.lines, line, n + 1)) {
                rc = kg_cli_fail(3, "out of memory");
                break;
            }
            tmp = strdup(line);
            if (tmp == NULL) {
                rc = kg_cli_fail(3, "out of memory");
                break;
            }
            nf = split_fields(tmp, f);
            if (nf != 10) {
                free(tmp);
                kg_error_at(&err, KG_EINPUT, path, line_no, 0, pos,
                            "expected 10 tab-separated CoNLL-U columns, found %d", nf);
                rc = kg_cli_report(&err, NULL, 0);
                break;
            }
            snprintf(copy_id, sizeof copy_id, "%s", f[0]);
            if (is_word_id(copy_id)) {
                kg_token *t;
                if (cs.n_toks == cs.cap_toks) {
                    size_t c = cs.cap_toks ? cs.cap_toks * 2 : 64;
                    kg_token *v = realloc(cs.toks, c * sizeof *v);
                    size_t *lo = realloc(cs.line_of, c * sizeof *lo);
                    if (v)
                        cs.toks = v;
                    if (lo)
                        cs.line_of = lo;
                    if (v == NULL || lo == NULL) {
                        free(tmp);
                        rc = kg_cli_fail(3, "out of memory");
                        break;
                    }
                    cs.cap_toks = c;
                }
                t = &cs.toks[cs.n_toks];
                memset(t, 0, sizeof *t);
                if (cs.text.len && kg_buf_append(&cs.text, " ", 1))
                    rc = 3;
                t->start = cs.text.len;
                if (kg_buf_puts(&cs.text, f[1]))
                    rc = 3;
                t->end = cs.text.len;
                if (cs.n_toks)
                    t->flags |= KG_TOK_SPACE_BEFORE;
                else
                    t->flags |= KG_TOK_SENT_START;
                {
                    unsigned char c = (unsigned char)f[1][0];
                    if (c >= 'A' && c <= 'Z')
                        t->flags |= KG_TOK_CAPITALISED;
                }
                cs.line_of[cs.n_toks++] = line_off;
                if (rc) {
                    free(tmp);
                    rc = kg_cli_fail(3, "out of memory");
                    break;
                }
            }
            free(tmp);
        }
        pos = end + 1;
    }
    if (rc == 0 && (cs.lines.len || cs.n_toks))
        rc = flush_sentence(tagger, &cs, &lemma);
    kg_buf_free(&cs.lines);
    kg_buf_free(&cs.text);
    kg_buf_free(&lemma);
    free(cs.toks);
    free(cs.line_of);
    return rc;
}

int kg_cmd_tag(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *c = kg_cli_find("tag");
    const char *path = NULL, *model = NULL;
    int conllu = 0, no_model = 0, sentences_only = 0, i, rc;
    unsigned options = 0;
    kg_tagger *tagger = NULL;
    kg_error err = {0};
    kg_buf in = {0};

    (void)cli;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--conllu") == 0)
            conllu = 1;
        else if (strcmp(argv[i], "--sentences") == 0)
            sentences_only = no_model = 1;
        else if (strcmp(argv[i], "--no-model") == 0)
            no_model = 1;
        else if (strcmp(argv[i], "--replace-invalid") == 0)
            options |= KG_ANALYSIS_REPLACE_INVALID;
        else if (strcmp(argv[i], "--model") == 0) {
            if (i + 1 >= argc)
                return kg_cli_usage(c, "tag: --model needs a path");
            model = argv[++i];
        }
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return kg_cli_usage(c, "tag: unknown option \"%s\"", argv[i]);
        else if (path == NULL)
            path = argv[i];
        else
            return kg_cli_usage(c, "tag: only one input path");
    }
    if (path == NULL)
        path = "-";
    if (!no_model && kg_tagger_load(model, &tagger, &err))
        return kg_cli_report(&err, NULL, 0);
    if (!conllu) {
        FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
        if (f == NULL) {
            rc = kg_cli_fail(3, "%s: %s", path, strerror(errno));
        } else {
            rc = tag_plain(tagger, path, f, options, sentences_only);
            if (f != stdin)
                fclose(f);
        }
        kg_tagger_free(tagger);
        return rc;
    }
    if (kg_read_file(path, KG_MAX_DOCUMENT_BYTES, &in, &err)) {
        kg_tagger_free(tagger);
        return kg_cli_report(&err, NULL, 0);
    }
    if (in.data == NULL && kg_buf_reserve(&in, 1) == KG_OK)
        in.data[0] = '\0';
    rc = tag_conllu(tagger, path, in.data, in.len);
    kg_buf_free(&in);
    kg_tagger_free(tagger);
    return rc;
}
