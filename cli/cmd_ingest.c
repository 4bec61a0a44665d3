/*
 * cmd_ingest.c -- the "kg ingest" command: extract and store documents.
 *
 *   kg ingest [--source NAME] PATH...
 *
 * PATH is a file, a folder (read recursively, hidden entries skipped, in name
 * order) or - (standard input). Each document is one transaction
 * (kg_ingest_document). A bad file (binary, invalid UTF-8, empty or only
 * white space, too large) is reported and skipped; the exit status is then 3
 * once every other file is done. A progress bar goes to standard
 * error only when it is a terminal; the summary (documents, sentences,
 * entities, triples, seconds) always goes to standard error: entities and
 * triples are how many the run added to the graph (kg stats grows by them).
 */
#include "cli.h"
#include "../ingest/kg_ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct path_list {
    char **v;
    size_t n, cap;
} path_list;

static int push_path(path_list *l, const char *p)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **v = realloc(l->v, cap * sizeof *v);
        if (v == NULL)
            return KG_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n] = strdup(p);
    if (l->v[l->n] == NULL)
        return KG_ENOMEM;
    l->n++;
    return KG_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folders already walked, by device and inode: symlink loops ("a/l ->
 * .") would otherwise make the walk exponential. */
typedef struct dir_set {
    struct dir_id { dev_t dev; ino_t ino; } *v;
    size_t n, cap;
} dir_set;

/* 1 if the folder st was walked already, else record it and return 0;
 * -1 when out of memory. */
static int dir_seen(dir_set *s, const struct stat *st)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->v[i].dev == st->st_dev && s->v[i].ino == st->st_ino)
            return 1;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        struct dir_id *v = realloc(s->v, cap * sizeof *v);
        if (v == NULL)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n].dev = st->st_dev;
    s->v[s->n].ino = st->st_ino;
    s->n++;
    return 0;
}

/* Append the regular files under dir (recursively, sorted; each folder once).
 * Unreadable folders and entries that cannot be stat'ed (a broken symlink)
 * are reported and counted in *failed. */
static int walk(const char *dir, path_list *out, int depth, int *failed, dir_set *seen)
{
    DIR *d;
    struct dirent *e;
    path_list names = {0};
    struct stat ds;
    size_t i;
    int rc = KG_OK;
    if (depth > 64)
        return KG_OK;
    if (stat(dir, &ds) == 0) {
        int is_seen = dir_seen(seen, &ds);
        if (is_seen)
            return is_seen < 0 ? KG_ENOMEM : KG_OK;
    }
    d = opendir(dir);
    if (d == NULL) {
        kg_cli_fail(3, "%s: cannot read folder", dir);
        (*failed)++;
        return KG_OK;
    }
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && (rc = push_path(&names, e->d_name)) != KG_OK)
            break;
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    for (i = 0; i < names.n && rc == KG_OK; i++) {
        kg_buf p = {0};
        struct stat st;
        if (kg_buf_printf(&p, "%s/%s", dir, names.v[i])) {
            rc = KG_ENOMEM;
            break;
        }
        if (stat(p.data, &st) != 0) {
            kg_cli_fail(3, "%s: %s", p.data, strerror(errno));
            (*failed)++;
        } else if (S_ISDIR(st.st_mode)) {
            rc = walk(p.data, out, depth + 1, failed, seen);
        } else if (S_ISREG(st.st_mode)) {
            rc = push_path(out, p.data);
        }
        kg_buf_free(&p);
    }
    for (i = 0; i < names.n; i++)
        free(names.v[i]);
    free(names.v);
    return rc;
}

static void progress(size_t done, size_t total, const char *path)
{
    int width = 30, fill = total ? (int)(done * (size_t)width / total) : width, i;
    size_t len = strlen(path);
    fputc('\r', stderr);
    fputc('[', stderr);
    for (i = 0; i < width; i++)
        fputc(i < fill ? '#' : ' ', stderr);
    fprintf(stderr, "] %zu/%zu %s%.40s\033[K", done, total, len > 40 ? "..." : "",
            len > 40 ? path + len - 40 : path);
    fflush(stderr);
}

int kg_cmd_ingest(kg_cli *cli, int argc, char **argv)
{
    const kg_cli_command *c = kg_cli_find("ingest");
    const char *source = NULL;
    path_list files = {0};
    kg_store *st = NULL;
    kg_extractor *x = NULL;
    kg_error err = {0};
    size_t i, n_docs = 0, n_dup = 0, n_sent = 0, n_ent = 0, n_trip = 0, n_inputs = 0;
    int failed = 0, rc = 0, tty = isatty(2), has_before = 0;
    kg_stats before, after;
    struct timespec t0, t1;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 1; i < (size_t)argc; i++) {
        if (strcmp(argv[i], "--source") == 0) {
            if (i + 1 >= (size_t)argc)
                return kg_cli_usage(c, "ingest: --source needs a name");
            source = argv[++i];
        } else if (strncmp(argv[i], "--source=", 9) == 0) {
            source = argv[i] + 9;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return kg_cli_usage(c, "ingest: unknown option \"%s\"", argv[i]);
        } else {
            n_inputs++;
        }
    }
    if (n_inputs == 0)
        return kg_cli_usage(c, "ingest: no input (give files, folders or -)");
    for (i = 1; i < (size_t)argc; i++) {
        struct stat sb;
        const char *a = argv[i];
        if (strcmp(a, "--source") == 0) {
            i++;
            continue;
        }
        if (strncmp(a, "--source=", 9) == 0)
            continue;
        if (strcmp(a, "-") != 0 && stat(a, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            dir_set seen = {0};
            int wrc = walk(a, &files, 0, &failed, &seen);
            free(seen.v);
            if (wrc)
                goto nomem;
        } else if (push_path(&files, a)) {
            goto nomem;
        }
    }
    rc = kg_extractor_open(NULL, &x, &err);
    if (rc) {
        rc = kg_cli_report(&err, NULL, 0);
        goto done;
    }
    rc = kg_store_open(cli->db_path, KG_STORE_CREATE, &st, &err);
    if (rc) {
        rc = kg_cli_report(&err, NULL, 0);
        goto done;
    }
    /* the summary's entities and triples are what the run added to the graph
     * (kg stats grows by them), not the extractor's per-document counts, which
     * count only named entities and repeated triples twice */
    has_before = kg_store_stats(st, &before, &err) == KG_OK;
    kg_error_clear(&err);
    for (i = 0; i < files.n; i++) {
        kg_buf text = {0};
        kg_ingest_result res;
        const char *path = files.v[i];
        const char *name = source ? source : path;
        kg_error_clear(&err);
        if (tty)
            progress(i, files.n, path);
        rc = kg_read_file(path, KG_MAX_DOCUMENT_BYTES, &text, &err);
        if (rc == KG_OK)
            rc = kg_cli_check_text(path, text.data, text.len, &err);
        if (rc == KG_OK) {
            rc = kg_ingest_document(x, st, name, text.data ? text.data : "", text.len, &res, &err);
            if (rc && err.source == NULL)
                err.source = path;
        }
        if (tty)
            fputs("\r\033[K", stderr);
        if (rc) {
            kg_cli_report(&err, NULL, 0);
            failed++;
            kg_buf_free(&text);
            if (rc == KG_ENOMEM)
                break;
            continue;
        }
        kg_buf_free(&text);
        if (res.is_duplicate) {
            n_dup++;
            fprintf(stderr, "kg: %s: already stored (same content), unchanged\n", path);
            continue;
        }
        n_docs++;
        n_sent += res.sentences;
        n_ent += res.entities;
        n_trip += res.triples;
        if (res.triples == 0)
            fprintf(stderr, "kg: %s: stored, but no triples found\n", path);
    }
    if (tty && files.n)
        progress(files.n, files.n, "done"), fputs("\r\033[K", stderr);
    if (has_before && n_docs > 0 && kg_store_stats(st, &after, &err) == KG_OK) {
        n_ent = after.entities >= before.entities ? (size_t)(after.entities - before.entities) : 0;
        n_trip = after.triples >= before.triples ? (size_t)(after.triples - before.triples) : 0;
    }
    kg_error_clear(&err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr,
            "kg: ingested %zu document%s (%zu unchanged, %d failed): %zu sentence%s, %zu entit%s, "
            "%zu triple%s in %.2f s\n",
            n_docs, n_docs == 1 ? "" : "s", n_dup, failed, n_sent, n_sent == 1 ? "" : "s",
            n_ent, n_ent == 1 ? "y" : "ies", n_trip, n_trip == 1 ? "" : "s",
            (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    rc = failed ? 3 : 0;
    goto done;
nomem:
    rc = kg_cli_fail(3, "out of memory");
done:
    kg_store_close(st);
    kg_extractor_close(x);
    for (i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    return rc;
}
