/*
 * snapshot.c -- the adjacency snapshot: a CSR file beside the database
 * (PATH.adj) that traversal and igraph read instead of SQLite.
 *
 * Place in the flow: graph/ stage; reads the store (kg_store.h) with one scan
 * of entity and one of triple, writes PATH.adj atomically (temp file, fsync,
 * rename), and maps it read-only. A snapshot whose generation (or triple /
 * entity high-water marks) differ from the store's is rebuilt; when the file
 * cannot be written (read-only folder, in-memory database) the snapshot lives
 * in this process's memory only. Layout: traverse_int.h.
 */
#include "traverse_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

static uint64_t align8(uint64_t x) { return (x + 7u) & ~(uint64_t)7u; }

static uint64_t header_check(const adj_header *h)
{
    /* FNV-1a over the header bytes before the check field */
    const unsigned char *p = (const unsigned char *)h;
    size_t n = offsetof(adj_header, check), i;
    uint64_t x = 1469598103934665603ull;
    for (i = 0; i < n; i++) {
        x ^= p[i];
        x *= 1099511628211ull;
    }
    return x;
}

/* The store's state the snapshot must match. */
typedef struct store_mark {
    int64_t generation, max_triple_id, max_entity_id, n_triples;
    uint64_t fingerprint;
} store_mark;

static int db_fail(kg_store *st, kg_error *err, const char *what)
{
    return kg_error_set(err, KG_EDB, "%s: %s: %s", kg_store_path(st), what,
                        sqlite3_errmsg(kg_store_db(st)));
}

static int query_int64(kg_store *st, const char *sql, int64_t *out, kg_error *err)
{
    sqlite3_stmt *stmt = NULL;
    int rc;
    *out = 0;
    if (sqlite3_prepare_v2(kg_store_db(st), sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_fail(st, err, "reading the graph");
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    else if (rc != SQLITE_DONE) {
        sqlite3_finalize(stmt);
        return db_fail(st, err, "reading the graph");
    }
    sqlite3_finalize(stmt);
    return KG_OK;
}

/* A cheap fingerprint of the store's content: the first and last rows of
 * triple and entity by id (index lookups only). With the generation and the
 * high-water marks it tells a database deleted and rebuilt to the same size
 * from the one the snapshot was made of. */
static int fingerprint(kg_store *st, uint64_t *out, kg_error *err)
{
    static const char *const sql[] = {
        "SELECT id, subject_id, relation_id, object_id, negated FROM triple ORDER BY id DESC LIMIT 16",
        "SELECT id, subject_id, relation_id, object_id, negated FROM triple ORDER BY id LIMIT 16",
        "SELECT id, name_key FROM entity ORDER BY id DESC LIMIT 16",
        "SELECT id, name_key FROM entity ORDER BY id LIMIT 16",
        "SELECT id, name FROM relation ORDER BY id DESC LIMIT 16",
    };
    uint64_t x = 1469598103934665603ull;
    size_t q;
    for (q = 0; q < sizeof sql / sizeof sql[0]; q++) {
        sqlite3_stmt *stmt = NULL;
        int step;
        if (sqlite3_prepare_v2(kg_store_db(st), sql[q], -1, &stmt, NULL) != SQLITE_OK)
            return db_fail(st, err, "reading the graph");
        while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
            int c, nc = sqlite3_column_count(stmt);
            for (c = 0; c < nc; c++) {
                const unsigned char *p = sqlite3_column_blob(stmt, c);
                int i, n = sqlite3_column_bytes(stmt, c);
                for (i = 0; i < n; i++) {
                    x ^= p[i];
                    x *= 1099511628211ull;
                }
                x ^= 0xff;
                x *= 1099511628211ull;
            }
        }
        sqlite3_finalize(stmt);
        if (step != SQLITE_DONE)
            return db_fail(st, err, "reading the graph");
    }
    *out = x;
    return KG_OK;
}

static int read_mark(kg_store *st, store_mark *m, kg_error *err)
{
    kg_error e2 = {0};
    int rc;
    m->generation = kg_store_generation(st, &e2);
    if (e2.code)
        return kg_error_set(err, e2.code, "%s", e2.msg);
    rc = query_int64(st, "SELECT coalesce(max(id), 0) FROM triple", &m->max_triple_id, err);
    if (!rc)
        rc = query_int64(st, "SELECT coalesce(max(id), 0) FROM entity", &m->max_entity_id, err);
    if (!rc)
        rc = fingerprint(st, &m->fingerprint, err);
    m->n_triples = -1; /* counted only while building */
    return rc;
}

static int header_valid(const adj_header *h, size_t size, const store_mark *m)
{
    uint64_t need;
    if (size < sizeof *h || memcmp(h->magic, KG_ADJ_MAGIC, 8) != 0)
        return 0;
    if (h->header_size != sizeof *h || h->file_size != size || h->check != header_check(h))
        return 0;
    if (h->generation != m->generation || h->max_triple_id != m->max_triple_id ||
        h->max_entity_id != m->max_entity_id || h->fingerprint != m->fingerprint)
        return 0;
    if (h->n_nodes > UINT32_MAX - 1 || h->n_edges > (uint64_t)1 << 40)
        return 0;
    /* the layout follows from the counts: recompute it */
    need = align8(sizeof *h);
    if (h->off_node_ids != need)
        return 0;
    need += align8(h->n_nodes * 8);
    if (h->off_out_off != need)
        return 0;
    need += align8((h->n_nodes + 1) * 8);
    if (h->off_in_off != need)
        return 0;
    need += align8((h->n_nodes + 1) * 8);
    if (h->off_out != need)
        return 0;
    need += align8(h->n_edges * sizeof(kg_adj));
    if (h->off_in != need)
        return 0;
    need += align8(h->n_edges * sizeof(kg_adj));
    if (h->off_degree != need)
        return 0;
    need += align8(h->n_nodes * 4);
    if (h->off_order != need)
        return 0;
    need += align8(h->n_nodes * 4);
    return need == size;
}

static void set_views(kg_graph *g)
{
    const adj_header *h = (const adj_header *)g->base;
    g->n_nodes = (uint32_t)h->n_nodes;
    g->n_edges = h->n_edges;
    g->node_ids = (const int64_t *)(g->base + h->off_node_ids);
    g->out_off = (const uint64_t *)(g->base + h->off_out_off);
    g->in_off = (const uint64_t *)(g->base + h->off_in_off);
    g->out = (const kg_adj *)(g->base + h->off_out);
    g->in = (const kg_adj *)(g->base + h->off_in);
    g->degree = (const uint32_t *)(g->base + h->off_degree);
    g->deg_order = (const uint32_t *)(g->base + h->off_order);
}

/* Map an existing snapshot if it is valid for mark m: 1 mapped, 0 not usable. */
static int try_map(kg_graph *g, const char *path, const store_mark *m)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    void *p;
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) != 0 || sb.st_size < (off_t)sizeof(adj_header)) {
        close(fd);
        return 0;
    }
    p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (p == MAP_FAILED)
        return 0;
    if (!header_valid((const adj_header *)p, (size_t)sb.st_size, m)) {
        munmap(p, (size_t)sb.st_size);
        return 0;
    }
    g->base = p;
    g->size = (size_t)sb.st_size;
    g->is_mapped = 1;
    set_views(g);
    /* the CSR ends must agree with the header (cheap; the body was written
     * whole before the rename, so a mismatch means someone altered the file) */
    if (g->out_off[0] != 0 || g->in_off[0] != 0 || g->out_off[g->n_nodes] != g->n_edges ||
        g->in_off[g->n_nodes] != g->n_edges) {
        munmap(p, (size_t)sb.st_size);
        g->base = NULL;
        g->size = 0;
        g->is_mapped = 0;
        return 0;
    }
    return 1;
}

/* ---- building ---- */

typedef struct raw_triple {
    int64_t id, subject, object;
    uint32_t rel;   /* relation id | KG_ADJ_NEGATED */
    uint32_t s, o;  /* dense nodes, filled after the entity scan */
} raw_triple;

static const int64_t *sort_deg_base;
static const uint32_t *sort_deg;
static int cmp_deg_order(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (sort_deg[x] != sort_deg[y])
        return sort_deg[x] > sort_deg[y] ? -1 : 1;
    return sort_deg_base[x] < sort_deg_base[y] ? -1 : sort_deg_base[x] > sort_deg_base[y];
}

static int dense_of(const int64_t *ids, size_t n, const uint32_t *direct, int64_t direct_max,
                    int64_t id, uint32_t *out)
{
    size_t lo = 0, hi = n;
    if (direct) {
        if (id < 0 || id > direct_max || direct[id] == UINT32_MAX)
            return 0;
        *out = direct[id];
        return 1;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && ids[lo] == id) {
        *out = (uint32_t)lo;
        return 1;
    }
    return 0;
}

/* Build the snapshot image in memory (malloc'd). Called inside a read transaction. */
static int build_image(kg_store *st, const store_mark *m, unsigned char **image,
                       size_t *image_size, kg_error *err)
{
    sqlite3 *db = kg_store_db(st);
    sqlite3_stmt *stmt = NULL;
    int64_t *ids = NULL;
    size_t n_ids = 0, cap_ids = 0;
    raw_triple *tr = NULL;
    size_t n_tr = 0, cap_tr = 0, i;
    uint32_t *direct = NULL;
    unsigned char *img = NULL;
    uint64_t *out_off, *in_off, *pos = NULL;
    kg_adj *out, *in;
    uint32_t *degree, *order;
    adj_header h;
    int rc = KG_OK, step;

    /* 1. entities, ascending id: the dense numbering */
    if (sqlite3_prepare_v2(db, "SELECT id FROM entity ORDER BY id", -1, &stmt, NULL) != SQLITE_OK) {
        rc = db_fail(st, err, "reading entities");
        goto done;
    }
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n_ids == cap_ids) {
            size_t nc = cap_ids ? cap_ids * 2 : 1024;
            int64_t *p = realloc(ids, nc * sizeof *p);
            if (!p) { rc = kg_error_set(err, KG_ENOMEM, "out of memory building the graph snapshot"); goto done; }
            ids = p; cap_ids = nc;
        }
        ids[n_ids++] = sqlite3_column_int64(stmt, 0);
    }
    if (step != SQLITE_DONE) { rc = db_fail(st, err, "reading entities"); goto done; }
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (n_ids >= UINT32_MAX) {
        rc = kg_error_set(err, KG_ELIMIT, "%s: too many entities for the graph snapshot", kg_store_path(st));
        goto done;
    }
    /* ids are usually dense: a direct table is faster than binary search */
    if (n_ids > 0 && ids[0] >= 0 && ids[n_ids - 1] < (int64_t)(2 * n_ids + 4096)) {
        direct = malloc(((size_t)ids[n_ids - 1] + 1) * sizeof *direct);
        if (!direct) { rc = kg_error_set(err, KG_ENOMEM, "out of memory building the graph snapshot"); goto done; }
        memset(direct, 0xff, ((size_t)ids[n_ids - 1] + 1) * sizeof *direct);
        for (i = 0; i < n_ids; i++)
            direct[ids[i]] = (uint32_t)i;
    }

    /* 2. triples in id order */
    if (sqlite3_prepare_v2(db, "SELECT id, subject_id, relation_id, object_id, negated FROM triple ORDER BY id",
                           -1, &stmt, NULL) != SQLITE_OK) {
        rc = db_fail(st, err, "reading triples");
        goto done;
    }
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        raw_triple *t;
        int64_t rel = sqlite3_column_int64(stmt, 2);
        if (n_tr == cap_tr) {
            size_t nc = cap_tr ? cap_tr * 2 : 4096;
            raw_triple *p = realloc(tr, nc * sizeof *p);
            if (!p) { rc = kg_error_set(err, KG_ENOMEM, "out of memory building the graph snapshot"); goto done; }
            tr = p; cap_tr = nc;
        }
        t = &tr[n_tr];
        t->id = sqlite3_column_int64(stmt, 0);
        t->subject = sqlite3_column_int64(stmt, 1);
        t->object = sqlite3_column_int64(stmt, 3);
        if (rel < 0 || rel >= (int64_t)KG_ADJ_NEGATED) {
            rc = kg_error_set(err, KG_ELIMIT, "%s: relation id %lld too large for the graph snapshot",
                              kg_store_path(st), (long long)rel);
            goto done;
        }
        t->rel = (uint32_t)rel | (sqlite3_column_int(stmt, 4) ? KG_ADJ_NEGATED : 0u);
        if (!dense_of(ids, n_ids, direct, direct ? ids[n_ids - 1] : 0, t->subject, &t->s) ||
            !dense_of(ids, n_ids, direct, direct ? ids[n_ids - 1] : 0, t->object, &t->o))
            continue; /* dangling reference (foreign keys off): not part of the graph */
        n_tr++;
    }
    if (step != SQLITE_DONE) { rc = db_fail(st, err, "reading triples"); goto done; }
    sqlite3_finalize(stmt);
    stmt = NULL;
    free(direct);
    direct = NULL;

    /* 3. lay out the image */
    memset(&h, 0, sizeof h);
    memcpy(h.magic, KG_ADJ_MAGIC, 8);
    h.header_size = sizeof h;
    h.generation = m->generation;
    h.max_triple_id = m->max_triple_id;
    h.max_entity_id = m->max_entity_id;
    h.n_triples_seen = (int64_t)n_tr;
    h.fingerprint = m->fingerprint;
    h.n_nodes = n_ids;
    h.n_edges = n_tr;
    h.off_node_ids = align8(sizeof h);
    h.off_out_off = h.off_node_ids + align8(n_ids * 8);
    h.off_in_off = h.off_out_off + align8((n_ids + 1) * 8);
    h.off_out = h.off_in_off + align8((n_ids + 1) * 8);
    h.off_in = h.off_out + align8(n_tr * sizeof(kg_adj));
    h.off_degree = h.off_in + align8(n_tr * sizeof(kg_adj));
    h.off_order = h.off_degree + align8(n_ids * 4);
    h.file_size = h.off_order + align8(n_ids * 4);
    h.check = header_check(&h);
    img = calloc(1, (size_t)h.file_size);
    pos = malloc((n_ids + 1) * sizeof *pos);
    if (!img || !pos) { rc = kg_error_set(err, KG_ENOMEM, "out of memory building the graph snapshot"); goto done; }
    memcpy(img, &h, sizeof h);
    if (n_ids)
        memcpy(img + h.off_node_ids, ids, n_ids * 8);
    out_off = (uint64_t *)(img + h.off_out_off);
    in_off = (uint64_t *)(img + h.off_in_off);
    out = (kg_adj *)(img + h.off_out);
    in = (kg_adj *)(img + h.off_in);
    degree = (uint32_t *)(img + h.off_degree);
    order = (uint32_t *)(img + h.off_order);

    /* counting sort by subject (out) and by object (in); stable: triple id order kept */
    for (i = 0; i < n_tr; i++) {
        out_off[tr[i].s + 1]++;
        in_off[tr[i].o + 1]++;
        if (!(tr[i].rel & KG_ADJ_NEGATED)) {
            if (degree[tr[i].s] < UINT32_MAX) degree[tr[i].s]++;
            if (degree[tr[i].o] < UINT32_MAX) degree[tr[i].o]++;
        }
    }
    for (i = 0; i < n_ids; i++) {
        out_off[i + 1] += out_off[i];
        in_off[i + 1] += in_off[i];
    }
    memcpy(pos, out_off, (n_ids + 1) * sizeof *pos);
    for (i = 0; i < n_tr; i++) {
        kg_adj *a = &out[pos[tr[i].s]++];
        a->node = tr[i].o; a->rel = tr[i].rel; a->triple_id = tr[i].id;
    }
    memcpy(pos, in_off, (n_ids + 1) * sizeof *pos);
    for (i = 0; i < n_tr; i++) {
        kg_adj *a = &in[pos[tr[i].o]++];
        a->node = tr[i].s; a->rel = tr[i].rel; a->triple_id = tr[i].id;
    }
    for (i = 0; i < n_ids; i++)
        order[i] = (uint32_t)i;
    sort_deg = degree;
    sort_deg_base = (const int64_t *)(img + h.off_node_ids);
    if (n_ids > 1)
        qsort(order, n_ids, sizeof *order, cmp_deg_order);

    *image = img;
    *image_size = (size_t)h.file_size;
    img = NULL;
done:
    sqlite3_finalize(stmt);
    free(ids);
    free(tr);
    free(direct);
    free(pos);
    free(img);
    return rc;
}

/* Write image to path atomically; failures are not errors (the caller keeps the
 * image in memory), so this returns 1 written, 0 not. */
static int write_atomic(const char *path, const unsigned char *img, size_t size)
{
    size_t n = strlen(path) + 32, done = 0;
    char *tmp = malloc(n);
    int fd, ok = 0;
    if (!tmp)
        return 0;
    snprintf(tmp, n, "%s.tmp.%ld", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        free(tmp);
        return 0;
    }
    while (done < size) {
        ssize_t w = write(fd, img + done, size - done);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        done += (size_t)w;
    }
    if (done == size && fsync(fd) == 0)
        ok = 1;
    if (close(fd) != 0)
        ok = 0;
    if (ok && rename(tmp, path) != 0)
        ok = 0;
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}

static char *adj_path(kg_store *st)
{
    const char *p = kg_store_path(st);
    size_t n;
    char *s;
    if (p == NULL || *p == '\0' || strcmp(p, ":memory:") == 0 || strncmp(p, "file:", 5) == 0)
        return NULL;
    n = strlen(p);
    s = malloc(n + 5);
    if (s) {
        memcpy(s, p, n);
        memcpy(s + n, ".adj", 5);
    }
    return s;
}

int kg_graph_open(kg_store *st, kg_graph **out, kg_error *err)
{
    sqlite3 *db;
    kg_graph *g = NULL;
    char *path = NULL;
    store_mark m;
    int rc = KG_OK, began = 0;
    unsigned char *img = NULL;
    size_t img_size = 0;

    *out = NULL;
    if (st == NULL)
        return kg_error_set(err, KG_EUSAGE, "no database");
    db = kg_store_db(st);
    g = calloc(1, sizeof *g);
    if (!g)
        return kg_error_set(err, KG_ENOMEM, "out of memory opening the graph");
    g->st = st;
    path = adj_path(st);
    /* one read transaction: the generation and the triples we scan agree */
    if (sqlite3_get_autocommit(db)) {
        if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
            rc = db_fail(st, err, "starting a read");
            goto done;
        }
        began = 1;
    }
    rc = read_mark(st, &m, err);
    if (rc)
        goto done;
    if (path && try_map(g, path, &m))
        goto done;
    rc = build_image(st, &m, &img, &img_size, err);
    if (rc)
        goto done;
    if (path && write_atomic(path, img, img_size) && try_map(g, path, &m)) {
        free(img);
        img = NULL;
        goto done;
    }
    g->base = img;
    g->size = img_size;
    g->is_mapped = 0;
    img = NULL;
    set_views(g);
done:
    if (began)
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    free(path);
    free(img);
    if (rc) {
        kg_graph_close(g);
        return rc;
    }
    *out = g;
    return KG_OK;
}

void kg_graph_close(kg_graph *g)
{
    if (!g)
        return;
    if (g->base) {
        if (g->is_mapped)
            munmap(g->base, g->size);
        else
            free(g->base);
    }
    free(g->side_a);
    free(g->side_b);
    kg_graph_names_free(g);
    free(g);
}

int kg_graph_is_stale(kg_graph *g, kg_error *err)
{
    const adj_header *h = (const adj_header *)g->base;
    store_mark m;
    int rc = read_mark(g->st, &m, err);
    if (rc)
        return -rc;
    return h->generation != m.generation || h->max_triple_id != m.max_triple_id ||
           h->max_entity_id != m.max_entity_id || h->fingerprint != m.fingerprint;
}

size_t kg_graph_node_count(const kg_graph *g) { return g ? g->n_nodes : 0; }
size_t kg_graph_edge_count(const kg_graph *g) { return g ? (size_t)g->n_edges : 0; }

int64_t kg_graph_entity_id(const kg_graph *g, uint32_t node)
{
    return node < g->n_nodes ? g->node_ids[node] : -1;
}

int kg_graph_node_of(const kg_graph *g, int64_t entity_id, uint32_t *node)
{
    size_t lo = 0, hi = g->n_nodes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->node_ids[mid] < entity_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->n_nodes && g->node_ids[lo] == entity_id) {
        if (node)
            *node = (uint32_t)lo;
        return 1;
    }
    return 0;
}

size_t kg_graph_degree(const kg_graph *g, int64_t entity_id, int with_negated)
{
    uint32_t u;
    if (!kg_graph_node_of(g, entity_id, &u))
        return 0;
    if (!with_negated)
        return g->degree[u];
    return (size_t)(g->out_off[u + 1] - g->out_off[u] + g->in_off[u + 1] - g->in_off[u]);
}

void kg_graph_edge_at(const kg_graph *g, uint32_t u, uint64_t ref, kg_edge *e)
{
    const kg_adj *a;
    if (ref & KG_EREF_IN) {
        a = &g->in[ref & ~KG_EREF_IN];
        e->subject = g->node_ids[a->node];
        e->object = g->node_ids[u];
    } else {
        a = &g->out[ref];
        e->subject = g->node_ids[u];
        e->object = g->node_ids[a->node];
    }
    e->triple_id = a->triple_id;
    e->relation = (int64_t)(a->rel & ~KG_ADJ_NEGATED);
    e->is_negated = (a->rel & KG_ADJ_NEGATED) != 0;
}
