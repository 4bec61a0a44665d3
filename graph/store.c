/*
 * store.c -- the triple store on SQLite: opening (WAL, busy timeout, foreign
 * keys), schema creation and migration (PRAGMA user_version), transactions
 * that bump meta('generation'), entity / relation resolution, triples with
 * evidence, whole documents from ingest, and counts.
 *
 * Place in the flow: graph/ stage. ingest/ hands analysed documents to
 * kg_store_add_document; import (store_import.c) and the N-Triples / JSON
 * lines importers call kg_store_add_triple; query/ and the exporters read
 * through kg_store_db. Library code: never prints, never exits.
 */
#include "store_int.h"
#include "kg_traverse.h" /* kg_lookup_strip_accents */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <dirent.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

extern const char kg_schema_sql[]; /* generated from graph/schema.sql by make */

enum {
    S_ENTITY_BY_KEY,
    S_ENTITY_BY_ALIAS,
    S_ENTITY_INSERT,
    S_ENTITY_SET_TYPE,
    S_RELATION_BY_NAME,
    S_RELATION_INSERT,
    S_TRIPLE_INSERT,
    S_TRIPLE_FIND,
    S_TRIPLE_MERGE,
    S_EVIDENCE_INSERT,
    S_DOCUMENT_BY_HASH,
    S_DOCUMENT_INSERT,
    S_SENTENCE_INSERT,
    S_MENTION_INSERT,
    S_ALIAS_INSERT,
    S_ALIAS_CANDIDATES,
    S_ENTITY_IS_PERSON,
    S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
    [S_ENTITY_BY_KEY] = "SELECT id FROM entity WHERE name_key = ?1",
    [S_ENTITY_BY_ALIAS] =
        "SELECT a.entity_id FROM alias a JOIN entity e ON e.id = a.entity_id"
        " WHERE a.alias_key = ?1 ORDER BY e.mention_count DESC, e.id LIMIT 1",
    [S_ENTITY_INSERT] = "INSERT INTO entity(name, name_key, type) VALUES (?1, ?2, ?3)",
    [S_ENTITY_SET_TYPE] = "UPDATE entity SET type = ?2 WHERE id = ?1 AND type = 'OTHER'",
    [S_RELATION_BY_NAME] = "SELECT id FROM relation WHERE name = ?1",
    [S_RELATION_INSERT] = "INSERT INTO relation(name) VALUES (?1)",
    [S_TRIPLE_INSERT] =
        "INSERT INTO triple(subject_id, relation_id, object_id, negated, surface, confidence,"
        " time, modality) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
        " ON CONFLICT (subject_id, relation_id, object_id, negated) DO NOTHING",
    [S_TRIPLE_FIND] =
        "SELECT id FROM triple WHERE subject_id = ?1 AND relation_id = ?2 AND object_id = ?3"
        " AND negated = ?4",
    [S_TRIPLE_MERGE] =
        "UPDATE triple SET confidence = max(confidence, ?2), surface = coalesce(surface, ?3),"
        " time = coalesce(time, ?4), modality = coalesce(modality, ?5)"
        " WHERE id = ?1 AND (confidence < ?2 OR (surface IS NULL AND ?3 IS NOT NULL)"
        " OR (time IS NULL AND ?4 IS NOT NULL) OR (modality IS NULL AND ?5 IS NOT NULL))",
    [S_EVIDENCE_INSERT] =
        "INSERT INTO evidence(triple_id, document_id, sentence_id, surface, confidence, time,"
        " modality) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_DOCUMENT_BY_HASH] = "SELECT id FROM document WHERE hash = ?1",
    [S_DOCUMENT_INSERT] =
        "INSERT INTO document(source, hash, title, bytes, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_SENTENCE_INSERT] =
        "INSERT INTO sentence(document_id, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    [S_MENTION_INSERT] =
        "INSERT INTO mention(document_id, sentence_id, entity_id, start, end, text, label)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_ALIAS_INSERT] = "INSERT OR IGNORE INTO alias(alias_key, alias, entity_id) VALUES (?1, ?2, ?3)",
    [S_ENTITY_IS_PERSON] = "SELECT type = 'PERSON' FROM entity WHERE id = ?1",
    [S_ALIAS_CANDIDATES] =
        "SELECT e.id, e.type, e.name_key FROM alias a JOIN entity e ON e.id = a.entity_id"
        " WHERE a.alias_key = ?1 ORDER BY e.mention_count DESC, e.id",
};

struct kg_store {
    sqlite3 *db;
    char *path;
    int is_readonly;
    int in_tx;
    int is_fresh;              /* no entities existed when this bulk load began */
    kg_idmap entities;         /* name_key -> entity id, valid inside one transaction */
    kg_idmap relations;        /* relation name -> id, likewise */
    sqlite3_stmt *stmts[S_COUNT];
    sqlite3_stmt *rollback;    /* prepared at open: rolling back must not need memory */
    char *tmp_path;            /* a new database not yet published (see publish), or NULL */
    int is_linked;             /* tmp_path is already linked at path */
    int is_kept;               /* keep tmp_path at close: it holds data path could not get */
    int is_opening;            /* creating the schema: its commit publishes nothing */
    int lock_fd;               /* flock on lock_path while creating, or -1 */
    char *lock_path;
};

static int recover(kg_store *st, kg_error *err);

/* The code of the error already recorded in err (KG_EDB if none could be). */
#define FAILED(err) ((err) && (err)->code ? (err)->code : KG_EDB)

/* ---- errors ---- */

int kg_store_dberr(kg_store *st, kg_error *err, const char *what)
{
    int rc = sqlite3_errcode(st->db) & 0xff;
    int code = KG_EDB;
    if (rc == SQLITE_NOMEM)
        code = KG_ENOMEM;
    else if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN)
        code = KG_EIO;
    return kg_error_set(err, code, "%s: %s: %s", st->path, what, sqlite3_errmsg(st->db));
}

static int oom(kg_error *err)
{
    return kg_error_set(err, KG_ENOMEM, "out of memory");
}

/* ---- a string -> id map ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    h ^= h >> 33; /* spread the high bits into the low ones used as the slot */
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h | 1; /* 0 marks an empty slot */
}

/* The slot of key: where it is, or the empty slot where it would go. */
static size_t idmap_slot(const kg_idmap *m, const char *key, uint64_t h)
{
    size_t i;
    for (i = (size_t)h & (m->cap - 1); m->hashes[i]; i = (i + 1) & (m->cap - 1))
        if (m->hashes[i] == h && strcmp(m->keys[i], key) == 0)
            break;
    return i;
}

int kg_idmap_get(const kg_idmap *m, const char *key, int64_t *val)
{
    size_t i;
    if (m->cap == 0)
        return 0;
    i = idmap_slot(m, key, hash_str(key));
    if (m->hashes[i] == 0)
        return 0;
    *val = m->vals[i];
    return 1;
}

int kg_idmap_put(kg_idmap *m, const char *key, int64_t val)
{
    uint64_t h = hash_str(key);
    size_t i;
    if ((m->len + 1) * 4 >= m->cap * 3) { /* keep the load under 3/4 */
        kg_idmap bigger = {0};
        bigger.cap = m->cap ? m->cap * 2 : 1024;
        bigger.keys = malloc(bigger.cap * sizeof *bigger.keys);
        bigger.vals = malloc(bigger.cap * sizeof *bigger.vals);
        bigger.hashes = calloc(bigger.cap, sizeof *bigger.hashes);
        if (bigger.keys == NULL || bigger.vals == NULL || bigger.hashes == NULL) {
            free(bigger.keys);
            free(bigger.vals);
            free(bigger.hashes);
            return KG_ENOMEM;
        }
        for (i = 0; i < m->cap; i++)
            if (m->hashes[i]) {
                size_t j = (size_t)m->hashes[i] & (bigger.cap - 1);
                while (bigger.hashes[j])
                    j = (j + 1) & (bigger.cap - 1);
                bigger.hashes[j] = m->hashes[i];
                bigger.keys[j] = m->keys[i];
                bigger.vals[j] = m->vals[i];
            }
        bigger.len = m->len;
        free(m->keys);
        free(m->vals);
        free(m->hashes);
        *m = bigger;
    }
    i = idmap_slot(m, key, h);
    if (m->hashes[i] == 0) {
        char *copy = strdup(key);
        if (copy == NULL)
            return KG_ENOMEM;
        m->hashes[i] = h;
        m->keys[i] = copy;
        m->len++;
    }
    m->vals[i] = val;
    return KG_OK;
}

void kg_idmap_clear(kg_idmap *m)
{
    size_t i;
    for (i = 0; i < m->cap; i++)
        if (m->hashes[i])
            free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

/* ---- prepared statements, kept for the connection's life ---- */

static sqlite3_stmt *stmt(kg_store *st, int which, kg_error *err)
{
    sqlite3_stmt *s = st->stmts[which];
    if (s == NULL) {
        if (sqlite3_prepare_v3(st->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT, &s,
                               NULL) != SQLITE_OK) {
            kg_store_dberr(st, err, "prepare");
            return NULL;
        }
        st->stmts[which] = s;
    } else {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
    return s;
}

/* Step a statement that returns no row (or whose row is not wanted). */
static int step_done(kg_store *st, sqlite3_stmt *s, kg_error *err, const char *what)
{
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return kg_store_dberr(st, err, what);
    return KG_OK;
}

/* Step a one-column integer query: 1 found (*val set), 0 none, <0 error. */
static int step_id(kg_store *st, sqlite3_stmt *s, int64_t *val, kg_error *err, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *val = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        return 1;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        kg_store_dberr(st, err, what);
        return -1;
    }
    return 0;
}

static int exec(kg_store *st, const char *sql, kg_error *err, const char *what)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return kg_store_dberr(st, err, what);
    return KG_OK;
}

static int bind_text_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v == NULL || *v == '\0')
        return sqlite3_bind_null(s, i);
    return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* ---- open, schema, migration ---- */

/* Migrations, one per schema version step: an entry {from, sql, fn} turns
 * version `from` into `from + 1` inside the upgrade transaction, by running
 * sql (may be NULL) and then fn (may be NULL, for data rewrites SQL cannot
 * express). When KG_SCHEMA_VERSION grows to N, add the entry {N - 1, ...}
 * and make schema.sql create version N directly. The last entry is a sentinel. */
typedef int (*migrate_fn)(kg_store *st, kg_error *err);
static const struct {
    int from;
    const char *sql;
    migrate_fn fn;
} migrations[] = {
    /* {1, "ALTER TABLE triple ADD COLUMN ...;", NULL}, -- 1 -> 2, when it exists */
    {0, NULL, NULL},
};

static int migrate_step(kg_store *st, int from, kg_error *err)
{
    size_t i;
    int rc;
    for (i = 0; migrations[i].from != 0; i++) {
        if (migrations[i].from != from)
            continue;
        if (migrations[i].sql &&
            (rc = exec(st, migrations[i].sql, err, "cannot migrate the schema")) != KG_OK)
            return rc;
        return migrations[i].fn ? migrations[i].fn(st, err) : KG_OK;
    }
    return kg_error_set(err, KG_EDB, "%s: no migration from schema version %d to %d",
                        st->path, from, from + 1);
}

static int pragma_int(kg_store *st, const char *sql, int *val)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            *val = sqlite3_column_int(s, 0);
            rc = SQLITE_OK;
        } else if (rc == SQLITE_DONE) {
            *val = 0;
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(s);
    return rc;
}

static int not_a_db(kg_store *st, kg_error *err)
{
    int rc = sqlite3_errcode(st->db) & 0xff;
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        return kg_error_set(err, KG_EDB, "%s: not a kg database (not an SQLite file, or damaged)",
                            st->path);
    return kg_store_dberr(st, err, "cannot read the database");
}

/* Create the schema in an empty database, or migrate an older one, in one
 * transaction (another process may be doing the same: re-check inside). */
static int create_or_migrate(kg_store *st, kg_error *err)
{
    int version = 0, n_tables = 0, rc;
    char sql[64];

    rc = kg_store_begin(st, err);
    if (rc)
        return rc;
    if (pragma_int(st, "PRAGMA user_version", &version) != SQLITE_OK ||
        pragma_int(st, "SELECT count(*) FROM sqlite_master", &n_tables) != SQLITE_OK) {
        rc = kg_store_dberr(st, err, "cannot read the schema");
        goto done;
    }
    if (version == 0) {
        if (n_tables > 0) {
            rc = kg_error_set(err, KG_EDB, "%s: not a kg database (an SQLite database with "
                              "other tables)", st->path);
            goto done;
        }
        rc = exec(st, kg_schema_sql, err, "cannot create the schema");
        if (rc)
            goto done;
        rc = exec(st, "INSERT OR IGNORE INTO meta(key, value) VALUES ('generation', '0'),"
                      " ('created_by', 'kg " KG_VERSION "')", err, "cannot create the schema");
        if (rc)
            goto done;
        version = KG_SCHEMA_VERSION;
    }
    while (version < KG_SCHEMA_VERSION) {
        if ((rc = migrate_step(st, version, err)) != KG_OK)
            goto done;
        version++;
    }
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", KG_SCHEMA_VERSION);
    rc = exec(st, sql, err, "cannot set the schema version");
    if (rc)
        goto done;
    /* Schema changes are not graph changes, but commit bumps the generation
     * harmlessly; readers only compare it for equality. */
    return kg_store_commit(st, err);
done:
    kg_store_rollback(st);
    return rc;
}

/* Remove PATH.kg-new-PID files (and their -wal/-shm) left by a process that
 * was killed while creating the database, when PID no longer runs. */
static void remove_stale_temporaries(const char *path)
{
    const char *slash = strrchr(path, '/');
    kg_buf dir = {0}, prefix = {0}, victim = {0};
    DIR *d;
    struct dirent *e;

    if (kg_buf_append(&dir, path, slash ? (size_t)(slash - path) + 1 : 0) ||
        kg_buf_printf(&prefix, "%s.kg-new-", slash ? slash + 1 : path))
        goto done;
    d = opendir(dir.len ? dir.data : ".");
    if (d == NULL)
        goto done;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long pid;
        if (strncmp(e->d_name, prefix.data, prefix.len) != 0)
            continue;
        pid = strtol(e->d_name + prefix.len, &end, 10);
        if (end == e->d_name + prefix.len || pid <= 0 ||
            (*end != '\0' && strcmp(end, "-wal") != 0 && strcmp(end, "-shm") != 0 &&
             strcmp(end, "-journal") != 0))
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* still running (or not ours to judge) */
        kg_buf_reset(&victim);
        if (kg_buf_printf(&victim, "%s%s", dir.len ? dir.data : "", e->d_name) == KG_OK)
            unlink(victim.data);
    }
    closedir(d);
done:
    kg_buf_free(&dir);
    kg_buf_free(&prefix);
    kg_buf_free(&victim);
}

/* ---- creating a new database ----
 * A run that refuses all its input must leave no file behind, and two
 * processes creating the same new path at once must end up sharing one
 * database. So a new database is built and written under a temporary name,
 * PATH.kg-new-PID, and only linked into place by the first commit (publish);
 * a store closed with nothing committed removes the temporary. Creators take
 * an exclusive flock on PATH.kg-lock for that whole pending time: the second
 * one waits, then finds PATH and opens it. The holder removes the lock file
 * while still holding it; a waiter that then gets the lock of a removed file
 * retries. The temporary uses a rollback journal (not WAL), so a commit leaves
 * all its data in the one file that is linked; the real path is then opened
 * in WAL mode. */

/* The longest a creator waits for another one to finish creating the same
 * path (its first commit can be a large import). */
#define CREATE_WAIT_MS (10 * 60 * 1000)

static int lock_creation(kg_store *st, kg_error *err)
{
    kg_buf name = {0};
    struct stat a, b;
    long waited = 0;
    int fd;

    if (kg_buf_printf(&name, "%s.kg-lock", st->path))
        return oom(err);
    for (;;) {
        fd = open(name.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            int rc = kg_error_set(err, KG_EIO, "%s: cannot create the database: %s", st->path,
                                  strerror(errno));
            kg_buf_free(&name);
            return rc;
        }
        while (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            if (errno == EINTR)
                continue;
            if (errno != EWOULDBLOCK)
                goto locked; /* no locks on this file system: go on without */
            if (waited >= CREATE_WAIT_MS) {
                int rc = kg_error_set(err, KG_EDB, "%s: another process is still creating this "
                                      "database (%s is locked)", st->path, name.data);
                close(fd);
                kg_buf_free(&name);
                return rc;
            }
            sqlite3_sleep(20);
            waited += 20;
        }
        if (fstat(fd, &a) == 0 && stat(name.data, &b) == 0 && a.st_dev == b.st_dev &&
            a.st_ino == b.st_ino)
            break;
        close(fd); /* its holder finished and removed it: take a fresh one */
    }
locked:
    st->lock_fd = fd;
    st->lock_path = name.data;
    return KG_OK;
}

static void unlock_creation(kg_store *st)
{
    if (st->lock_fd < 0)
        return;
    unlink(st->lock_path); /* while still locked: see above */
    close(st->lock_fd);
    st->lock_fd = -1;
    free(st->lock_path);
    st->lock_path = NULL;
}

static void remove_temporary(kg_store *st)
{
    static const char *const suffix[] = {"", "-journal", "-wal", "-shm"};
    kg_buf name = {0};
    size_t i;
    for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
        kg_buf_reset(&name);
        if (kg_buf_printf(&name, "%s%s", st->tmp_path, suffix[i]) == KG_OK)
            unlink(name.data);
    }
    kg_buf_free(&name);
    free(st->tmp_path);
    st->tmp_path = NULL;
}

/* Open the connection to file (st->path, or the temporary): busy timeout,
 * WAL (only at st->path), pragmas, schema creation or migration. */
static int open_connection(kg_store *st, const char *file, int is_create, kg_error *err)
{
    int oflags, version = 0, n_tables = 0, rc;

    oflags = st->is_readonly ? SQLITE_OPEN_READONLY
                             : SQLITE_OPEN_READWRITE | (is_create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(file, &st->db, oflags, NULL) != SQLITE_OK)
        return st->db ? kg_store_dberr(st, err, "cannot open the database") : oom(err);
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);
    if (pragma_int(st, "SELECT count(*) FROM sqlite_master", &n_tables) != SQLITE_OK ||
        pragma_int(st, "PRAGMA user_version", &version) != SQLITE_OK)
        return not_a_db(st, err);
    if (version > KG_SCHEMA_VERSION)
        return kg_error_set(err, KG_EDB, "%s: database schema version %d is newer than this kg "
                            "supports (%d); upgrade kg", st->path, version, KG_SCHEMA_VERSION);
    if (version == 0 && n_tables > 0)
        return kg_error_set(err, KG_EDB, "%s: not a kg database (an SQLite database with other "
                            "tables)", st->path);
    if (st->is_readonly && version == 0)
        return kg_error_set(err, KG_EIO, "no database at %s (the file is empty; run kg ingest "
                            "or kg import first)", st->path);
    if (st->is_readonly && version < KG_SCHEMA_VERSION)
        return kg_error_set(err, KG_EDB, "%s: schema version %d is older than %d; run a writing "
                            "command (kg import or kg ingest) to upgrade it", st->path, version,
                            KG_SCHEMA_VERSION);
    if (!st->is_readonly && file == st->path) {
        int is_wal = 0;
        sqlite3_stmt *s = NULL;
        if (sqlite3_prepare_v2(st->db, "PRAGMA journal_mode = WAL", -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW) {
            const unsigned char *mode = sqlite3_column_text(s, 0);
            is_wal = mode && strcmp((const char *)mode, "wal") == 0;
        }
        sqlite3_finalize(s);
        if (!is_wal)
            return kg_store_dberr(st, err, "cannot switch to WAL mode");
    }
    rc = exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"
                  " PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY",
              err, "cannot configure the connection");
    if (rc)
        return rc;
    if (!st->is_readonly && version < KG_SCHEMA_VERSION) {
        st->is_opening = 1;
        rc = create_or_migrate(st, err);
        st->is_opening = 0;
        if (rc)
            return rc;
    }
    if (sqlite3_prepare_v3(st->db, "ROLLBACK", -1, SQLITE_PREPARE_PERSISTENT, &st->rollback,
                           NULL) != SQLITE_OK)
        return kg_store_dberr(st, err, "cannot prepare");
    return KG_OK;
}

static void close_connection(kg_store *st)
{
    int i;
    for (i = 0; i < S_COUNT; i++) {
        sqlite3_finalize(st->stmts[i]);
        st->stmts[i] = NULL;
    }
    sqlite3_finalize(st->rollback);
    st->rollback = NULL;
    sqlite3_close_v2(st->db);
    st->db = NULL;
}

/* After the first commit into the temporary: link it into place, switch the
 * connection to the real path and release the creation lock. A failure to
 * link is reported (the data stays in the temporary, which is kept); a
 * failure to reconnect keeps the old connection (same file) and is retried by
 * the next kg_store_begin. */
static int publish(kg_store *st, kg_error *err)
{
    sqlite3 *old_db = st->db;
    sqlite3_stmt *old_rollback = st->rollback, *old_stmts[S_COUNT];
    int i;

    if (!st->is_linked) {
        if (link(st->tmp_path, st->path) != 0) {
            int e = errno;
            /* a file system without hard links: rename, unless path appeared */
            if (!((e == EPERM || e == ENOTSUP || e == EOPNOTSUPP) &&
                  access(st->path, F_OK) != 0 && rename(st->tmp_path, st->path) == 0)) {
                st->is_kept = 1;
                return kg_error_set(err, KG_EIO, "%s: cannot create the database: %s; what was "
                                    "just written is in %s", st->path, strerror(e),
                                    st->tmp_path);
            }
        }
        st->is_linked = 1;
    }
    memcpy(old_stmts, st->stmts, sizeof old_stmts);
    memset(st->stmts, 0, sizeof st->stmts);
    st->rollback = NULL;
    st->db = NULL;
    if (open_connection(st, st->path, 0, err) != KG_OK) {
        if (st->db) {
            sqlite3_finalize(st->rollback);
            sqlite3_close_v2(st->db);
        }
        st->db = old_db;
        st->rollback = old_rollback;
        memcpy(st->stmts, old_stmts, sizeof old_stmts);
        return KG_OK; /* committed and in place; kg_store_begin retries */
    }
    for (i = 0; i < S_COUNT; i++)
        sqlite3_finalize(old_stmts[i]);
    sqlite3_finalize(old_rollback);
    sqlite3_close_v2(old_db);
    remove_temporary(st);
    unlock_creation(st);
    return KG_OK;
}

int kg_store_open(const char *path, int flags, kg_store **out, kg_error *err)
{
    kg_store *st;
    struct stat sb;
    int is_create = (flags & KG_STORE_CREATE) != 0;
    int is_new = 0, rc = KG_OK;

    *out = NULL;
    if (path == NULL || *path == '\0')
        return kg_error_set(err, KG_EIO, "empty database path (give --db PATH)");
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT)
            return kg_error_set(err, KG_EIO, "%s: %s", path, strerror(errno));
        if (!is_create)
            return kg_error_set(err, KG_EIO, "no database at %s (run kg ingest or kg import "
                                "first)", path);
        if (lstat(path, &sb) == 0) /* a dangling symbolic link: its target is not ours to make */
            return kg_error_set(err, KG_EIO, "%s: a symbolic link to a missing file; create the "
                                "database at its target, or remove the link", path);
        is_new = 1;
    } else if (S_ISDIR(sb.st_mode)) {
        return kg_error_set(err, KG_EIO, "%s: is a directory, not a database", path);
    } else if (!S_ISREG(sb.st_mode)) {
        return kg_error_set(err, KG_EIO, "%s: not a regular file (a device, pipe or socket), "
                            "not a database", path);
    }
    st = calloc(1, sizeof *st);
    if (st == NULL || (st->path = strdup(path)) == NULL) {
        free(st);
        return oom(err);
    }
    st->lock_fd = -1;
    st->is_readonly = (flags & KG_STORE_READONLY) != 0 && !is_create;
    if (is_new) {
        kg_buf tmp = {0};
        if ((rc = lock_creation(st, err)) != KG_OK)
            goto fail;
        if (stat(path, &sb) == 0) {
            unlock_creation(st); /* another process created it meanwhile */
        } else {
            remove_stale_temporaries(path);
            if (kg_buf_printf(&tmp, "%s.kg-new-%ld", path, (long)getpid())) {
                rc = oom(err);
                goto fail;
            }
            st->tmp_path = tmp.data;
            unlink(st->tmp_path); /* a leftover of an earlier process with our pid */
        }
    }
    rc = open_connection(st, st->tmp_path ? st->tmp_path : st->path, is_create, err);
    if (rc)
        goto fail;
    *out = st;
    return KG_OK;
fail:
    kg_store_close(st);
    return rc;
}

void kg_store_close(kg_store *st)
{
    if (st == NULL)
        return;
    if (st->in_tx)
        kg_store_rollback(st);
    close_connection(st);
    kg_idmap_clear(&st->entities);
    kg_idmap_clear(&st->relations);
    /* Nothing committed (or published under path already): the temporary goes. */
    if (st->tmp_path && !st->is_kept)
        remove_temporary(st);
    free(st->tmp_path);
    unlock_creation(st);
    free(st->path);
    free(st);
}

sqlite3 *kg_store_db(kg_store *st)
{
    return st->db;
}

const char *kg_store_path(const kg_store *st)
{
    return st->path;
}

int kg_store_in_tx(const kg_store *st)
{
    return st->in_tx;
}

int kg_store_is_fresh(const kg_store *st)
{
    return st->in_tx && st->is_fresh;
}

int64_t kg_store_generation(kg_store *st, kg_error *err)
{
    sqlite3_stmt *s = NULL;
    int64_t gen = -1;
    if (sqlite3_prepare_v2(st->db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
                                   "'generation'", -1, &s, NULL) != SQLITE_OK) {
        kg_store_dberr(st, err, "cannot read the generation");
        return -1;
    }
    switch (sqlite3_step(s)) {
    case SQLITE_ROW:
        gen = sqlite3_column_int64(s, 0);
        break;
    case SQLITE_DONE:
        gen = 0;
        break;
    default:
        kg_store_dberr(st, err, "cannot read the generation");
    }
    sqlite3_finalize(s);
    return gen;
}

/* ---- transactions ---- */

static void clear_caches(kg_store *st)
{
    kg_idmap_clear(&st->entities);
    kg_idmap_clear(&st->relations);
    st->is_fresh = 0;
}

int kg_store_begin(kg_store *st, kg_error *err)
{
    int attempt, rc = SQLITE_OK;
    if (st->in_tx)
        return kg_error_set(err, KG_EDB, "%s: a transaction is already open", st->path);
    if (st->is_readonly)
        return kg_error_set(err, KG_EDB, "%s: opened read-only", st->path);
    if (recover(st, err) != KG_OK)
        return FAILED(err);
    if (st->is_linked && st->tmp_path) {
        /* published, but the switch to the real path failed: once more */
        if (publish(st, err) != KG_OK || st->tmp_path)
            return kg_error_set(err, KG_EDB, "%s: cannot reopen the new database", st->path);
    }
    /* The busy timeout already waits up to 10 s; a few more tries cover a
     * writer that holds the lock longer (a large import in another process). */
    for (attempt = 0; attempt < 6; attempt++) {
        rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
            break;
        sqlite3_sleep(200);
    }
    if (rc != SQLITE_OK)
        return kg_store_dberr(st, err, "cannot begin a transaction");
    st->in_tx = 1;
    clear_caches(st);
    return KG_OK;
}

int kg_store_commit(kg_store *st, kg_error *err)
{
    int attempt, rc;
    if (!st->in_tx)
        return kg_error_set(err, KG_EDB, "%s: no transaction to commit", st->path);
    rc = exec(st, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'",
              err, "cannot update the generation");
    if (rc) {
        kg_store_rollback(st);
        return rc;
    }
    for (attempt = 0; attempt < 6; attempt++) {
        rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
        if ((rc & 0xff) != SQLITE_BUSY)
            break;
        sqlite3_sleep(200);
    }
    if (rc != SQLITE_OK) {
        rc = kg_store_dberr(st, err, "cannot commit");
        kg_store_rollback(st);
        return rc;
    }
    st->in_tx = 0;
    clear_caches(st);
    if (st->tmp_path && !st->is_linked && !st->is_opening)
        return publish(st, err);
    return KG_OK;
}

void kg_store_rollback(kg_store *st)
{
    if (st == NULL)
        return;
    /* The prepared statement needs no parsing, so it works when memory has
     * run out (which is often why we roll back); the plain form is a fallback. */
    if (!sqlite3_get_autocommit(st->db) && st->rollback) {
        sqlite3_reset(st->rollback);
        sqlite3_step(st->rollback);
        sqlite3_reset(st->rollback);
    }
    if (!sqlite3_get_autocommit(st->db))
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    st->in_tx = 0;
    clear_caches(st);
}

/* A transaction left open by a rollback that failed (no memory even for
 * that): roll it back now, before anything reads or writes. */
static int recover(kg_store *st, kg_error *err)
{
    if (st->in_tx || sqlite3_get_autocommit(st->db))
        return KG_OK;
    kg_store_rollback(st);
    if (!sqlite3_get_autocommit(st->db))
        return kg_error_set(err, KG_EDB, "%s: cannot roll back an unfinished transaction",
                            st->path);
    return KG_OK;
}

/* ---- names ---- */

static int check_name(const char *name, const char *what, kg_error *err)
{
    size_t n;
    if (name == NULL || *name == '\0')
        return kg_error_set(err, KG_EINPUT, "empty %s", what);
    n = strlen(name);
    if (n > KG_MAX_NAME_BYTES)
        return kg_error_set(err, KG_ELIMIT, "%s longer than %u bytes", what, KG_MAX_NAME_BYTES);
    if (!kg_utf8_valid(name, n, NULL))
        return kg_error_set(err, KG_EINPUT, "%s is not valid UTF-8", what);
    return KG_OK;
}

static int is_known_type(const char *type)
{
    return type && *type && strcmp(type, "OTHER") != 0;
}

/* Begin a bulk load: if the database has no entity yet, name lookups can skip
 * SQLite and trust the in-memory maps. */
static int mark_fresh(kg_store *st, kg_error *err)
{
    int n = 0;
    if (pragma_int(st, "SELECT EXISTS (SELECT 1 FROM entity) OR EXISTS (SELECT 1 FROM relation)",
                   &n) != SQLITE_OK)
        return kg_store_dberr(st, err, "cannot count entities");
    st->is_fresh = (n == 0);
    return KG_OK;
}

int kg_store_entity_id(kg_store *st, const char *name, const char *type, int64_t *id,
                       int *is_new, kg_error *err)
{
    sqlite3_stmt *s;
    char *key;
    int rc = KG_OK, found = 0;

    if (is_new)
        *is_new = 0;
    rc = check_name(name, "entity name", err);
    if (rc)
        return rc;
    key = kg_fold_key(name, strlen(name));
    if (key == NULL)
        return oom(err);
    if (kg_idmap_get(&st->entities, key, id)) {
        found = 1;
    } else if (!st->is_fresh) {
        if ((s = stmt(st, S_ENTITY_BY_KEY, err)) == NULL) {
            rc = FAILED(err);
            goto done;
        }
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        found = step_id(st, s, id, err, "entity lookup");
        if (found == 0) {
            if ((s = stmt(st, S_ENTITY_BY_ALIAS, err)) == NULL) {
                rc = FAILED(err);
                goto done;
            }
            sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
            found = step_id(st, s, id, err, "alias lookup");
        }
        if (found < 0) {
            rc = FAILED(err);
            goto done;
        }
        if (found && kg_idmap_put(&st->entities, key, *id)) {
            rc = oom(err);
            goto done;
        }
    }
    if (!found) {
        if ((s = stmt(st, S_ENTITY_INSERT, err)) == NULL) {
            rc = FAILED(err);
            goto done;
        }
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, is_known_type(type) ? type : "OTHER", -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, err, "cannot add an entity")) != KG_OK)
            goto done;
        *id = sqlite3_last_insert_rowid(st->db);
        if (is_new)
            *is_new = 1;
        if (kg_idmap_put(&st->entities, key, *id)) {
            rc = oom(err);
            goto done;
        }
    } else if (is_known_type(type)) {
        if ((s = stmt(st, S_ENTITY_SET_TYPE, err)) == NULL) {
            rc = FAILED(err);
            goto done;
        }
        sqlite3_bind_int64(s, 1, *id);
        sqlite3_bind_text(s, 2, type, -1, SQLITE_STATIC);
        rc = step_done(st, s, err, "cannot set an entity type");
    }
done:
    free(key);
    return rc;
}

int kg_store_relation_id(kg_store *st, const char *name, int64_t *id, kg_error *err)
{
    sqlite3_stmt *s;
    int rc, found = 0;

    rc = check_name(name, "relation name", err);
    if (rc)
        return rc;
    if (kg_idmap_get(&st->relations, name, id))
        return KG_OK;
    if (!st->is_fresh) {
        if ((s = stmt(st, S_RELATION_BY_NAME, err)) == NULL)
            return FAILED(err);
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        found = step_id(st, s, id, err, "relation lookup");
        if (found < 0)
            return FAILED(err);
    }
    if (!found) {
        if ((s = stmt(st, S_RELATION_INSERT, err)) == NULL)
            return FAILED(err);
        sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, err, "cannot add a relation")) != KG_OK)
            return rc;
        *id = sqlite3_last_insert_rowid(st->db);
    }
    return kg_idmap_put(&st->relations, name, *id) ? oom(err) : KG_OK;
}

/* ---- triples ---- */

/* Add (or merge into) one triple and, when document_id > 0, an evidence row.
 * sentence_id <= 0 means none. *is_new tells whether the triple is new. */
static int add_triple(kg_store *st, const kg_doc_triple *t, int64_t document_id,
                      int64_t sentence_id, int64_t *triple_id, int *is_new, kg_error *err)
{
    sqlite3_stmt *s;
    int64_t subject, relation, object, id = 0;
    int rc, found;
    double conf = t->confidence;

    *is_new = 0;
    if (!(conf >= 0.0 && conf <= 1.0)) /* also rejects NaN */
        return kg_error_set(err, KG_EINPUT, "confidence %g is not between 0 and 1", conf);
    if ((rc = check_name(t->subject, "subject", err)) != KG_OK ||
        (rc = check_name(t->relation, "relation", err)) != KG_OK ||
        (rc = check_name(t->object, "object", err)) != KG_OK)
        return rc;
    if ((rc = kg_store_entity_id(st, t->subject, t->subject_type, &subject, NULL, err)) ||
        (rc = kg_store_entity_id(st, t->object, t->object_type, &object, NULL, err)) ||
        (rc = kg_store_relation_id(st, t->relation, &relation, err)))
        return rc;

    if ((s = stmt(st, S_TRIPLE_INSERT, err)) == NULL)
        return FAILED(err);
    sqlite3_bind_int64(s, 1, subject);
    sqlite3_bind_int64(s, 2, relation);
    sqlite3_bind_int64(s, 3, object);
    sqlite3_bind_int(s, 4, t->is_negated ? 1 : 0);
    bind_text_or_null(s, 5, t->surface);
    sqlite3_bind_double(s, 6, conf);
    bind_text_or_null(s, 7, t->time);
    bind_text_or_null(s, 8, t->modality);
    if ((rc = step_done(st, s, err, "cannot add a triple")) != KG_OK)
        return rc;
    if (sqlite3_changes(st->db) > 0) {
        id = sqlite3_last_insert_rowid(st->db);
        *is_new = 1;
    } else {
        if ((s = stmt(st, S_TRIPLE_FIND, err)) == NULL)
            return FAILED(err);
        sqlite3_bind_int64(s, 1, subject);
        sqlite3_bind_int64(s, 2, relation);
        sqlite3_bind_int64(s, 3, object);
        sqlite3_bind_int(s, 4, t->is_negated ? 1 : 0);
        found = step_id(st, s, &id, err, "triple lookup");
        if (found <= 0)
            return found < 0 ? FAILED(err)
                             : kg_error_set(err, KG_EDB, "%s: triple vanished", st->path);
        if ((s = stmt(st, S_TRIPLE_MERGE, err)) == NULL)
            return FAILED(err);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_double(s, 2, conf);
        bind_text_or_null(s, 3, t->surface);
        bind_text_or_null(s, 4, t->time);
        bind_text_or_null(s, 5, t->modality);
        if ((rc = step_done(st, s, err, "cannot update a triple")) != KG_OK)
            return rc;
    }
    if (document_id > 0) {
        if ((s = stmt(st, S_EVIDENCE_INSERT, err)) == NULL)
            return FAILED(err);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int64(s, 2, document_id);
        if (sentence_id > 0)
            sqlite3_bind_int64(s, 3, sentence_id);
        bind_text_or_null(s, 4, t->surface);
        sqlite3_bind_double(s, 5, conf);
        bind_text_or_null(s, 6, t->time);
        bind_text_or_null(s, 7, t->modality);
        if ((rc = step_done(st, s, err, "cannot add evidence")) != KG_OK)
            return rc;
    }
    if (triple_id)
        *triple_id = id;
    return KG_OK;
}

int kg_store_add_triple(kg_store *st, const kg_doc_triple *t, int64_t document_id,
                        int64_t *triple_id, kg_error *err)
{
    int is_new;
    if (!st->in_tx)
        return kg_error_set(err, KG_EDB, "%s: kg_store_add_triple outside a transaction",
                            st->path);
    return add_triple(st, t, document_id, 0, triple_id, &is_new, err);
}

int kg_store_add_triple_ex(kg_store *st, const kg_doc_triple *t, int64_t document_id,
                           int64_t *triple_id, int *is_new, kg_error *err)
{
    int dummy;
    if (!st->in_tx)
        return kg_error_set(err, KG_EDB, "%s: kg_store_add_triple outside a transaction",
                            st->path);
    return add_triple(st, t, document_id, 0, triple_id, is_new ? is_new : &dummy, err);
}

/* ---- documents ---- */

/* Look the hash up; 1 if a document with it exists (*id set), 0 if not, <0 error. */
static int find_document(kg_store *st, const char *hash, int64_t *id, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_DOCUMENT_BY_HASH, err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, hash, -1, SQLITE_STATIC);
    return step_id(st, s, id, err, "document lookup");
}

static int insert_document(kg_store *st, const char *source, const char *title, const char *hash,
                           size_t bytes, const char *kind, int64_t *id, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_DOCUMENT_INSERT, err);
    int rc;
    if (s == NULL)
        return FAILED(err);
    sqlite3_bind_text(s, 1, source ? source : "-", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, hash, -1, SQLITE_STATIC);
    bind_text_or_null(s, 3, title);
    sqlite3_bind_int64(s, 4, (sqlite3_int64)bytes);
    sqlite3_bind_text(s, 5, kind, -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, err, "cannot add the document")) != KG_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(st->db);
    return KG_OK;
}

int kg_store_begin_import(kg_store *st, const char *source, const char *kind,
                          const char *content, size_t content_len, int64_t *document_id,
                          int *is_duplicate, kg_error *err)
{
    char hash[65];
    int rc, found;

    *is_duplicate = 0;
    *document_id = 0;
    kg_store_sha256_hex(content ? content : "", content ? content_len : 0, hash);
    rc = kg_store_begin(st, err);
    if (rc)
        return rc;
    found = find_document(st, hash, document_id, err);
    if (found != 0) {
        kg_store_rollback(st);
        if (found < 0)
            return FAILED(err);
        *is_duplicate = 1;
        return KG_OK;
    }
    if ((rc = insert_document(st, source, NULL, hash, content_len, kind, document_id, err)) ||
        (rc = mark_fresh(st, err))) {
        kg_store_rollback(st);
        return rc;
    }
    return KG_OK;
}

/* "OpenAI's" / "OpenAI’s" / "Jones'" -> length without the possessive. */
static size_t strip_possessive(const char *s, size_t n)
{
    if (n > 2 && s[n - 1] == 's' && s[n - 2] == '\'')
        return n - 2;
    if (n > 4 && s[n - 1] == 's' && memcmp(s + n - 4, "\xE2\x80\x99", 3) == 0)
        return n - 4;
    if (n > 2 && s[n - 1] == '\'' && s[n - 2] == 's')
        return n - 1;
    if (n > 4 && memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0 && s[n - 4] == 's')
        return n - 3;
    return n;
}

/* A mention that is no name: a pronoun ("it", "their"), or a determiner
 * followed only by lower-case words ("the company", "this firm"). Coreference
 * rightly links such mentions to an entity, but as aliases they would make
 * "it" name four entities, show in describe and GraphML, and pull later
 * documents' "the company" into whichever entity had it first. */
static int is_pronoun_like(const char *t, size_t n)
{
    static const char *const pron[] = {
        "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "he", "him",
        "his", "himself", "she", "her", "hers", "herself", "we", "us", "our", "ours",
        "ourselves", "you", "your", "yours", "i", "me", "my", "mine", "this", "that", "these",
        "those", "who", "whom", "whose", "which", "one", "someone", "something"};
    static const char *const det[] = {"the", "this", "that", "these", "those", "a", "an",
                                      "its", "their", "his", "her", "our", "such"};
    size_t i, w = 0, k;
    while (w < n && t[w] != ' ')
        w++;
    if (w == n && n > 1) { /* "US", "IT": capitals, not the pronouns */
        for (k = 0; k < n && t[k] >= 'A' && t[k] <= 'Z'; k++)
            ;
        if (k == n)
            return 0;
    }
    for (i = 0; i < sizeof pron / sizeof pron[0]; i++)
        if (w == n && strlen(pron[i]) == n && strncasecmp(t, pron[i], n) == 0)
            return 1;
    if (w == n)
        return 0;
    for (i = 0; i < sizeof det / sizeof det[0]; i++)
        if (strlen(det[i]) == w && strncasecmp(t, det[i], w) == 0)
            break;
    if (i == sizeof det / sizeof det[0])
        return 0;
    for (k = w; k < n; k++) /* every later word starts lower-case (ASCII) */
        if (t[k - 1] == ' ' && !(t[k] >= 'a' && t[k] <= 'z'))
            return 0;
    return 1;
}

/* A triple argument that names nothing: one word that is a pronoun ("it",
 * "someone", "others") or a small number word ("one", "two"): "he's the one
 * who writes" gives no node "one". Capitals ("US", "IT") are names. */
static int is_pronoun_argument(const char *t)
{
    static const char *const words[] = {
        "others", "another", "anyone", "anybody", "anything", "everyone", "everybody",
        "everything", "somebody", "nobody", "nothing", "none", "ones", "all", "both", "each",
        "either", "neither", "zero", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten"};
    size_t n = strlen(t), i;
    if (strchr(t, ' ') != NULL)
        return 0;
    if (is_pronoun_like(t, n))
        return 1;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(t, words[i]) == 0)
            return 1;
    return 0;
}

static int add_alias(kg_store *st, const char *canonical, const char *text, int64_t entity_id,
                     kg_error *err)
{
    size_t n = strip_possessive(text, strlen(text));
    char *alias = NULL, *alias_key = NULL, *name_key = NULL;
    sqlite3_stmt *s;
    int rc = KG_OK;

    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    if (n == 0 || n > KG_MAX_NAME_BYTES || is_pronoun_like(text, n))
        return KG_OK;
    alias = strndup(text, n);
    alias_key = kg_fold_key(text, n);
    name_key = kg_fold_key(canonical, strlen(canonical));
    if (alias == NULL || alias_key == NULL || name_key == NULL) {
        rc = oom(err);
        goto done;
    }
    if (strcmp(alias_key, name_key) != 0) {
        if ((s = stmt(st, S_ALIAS_INSERT, err)) == NULL) {
            rc = FAILED(err);
            goto done;
        }
        sqlite3_bind_text(s, 1, alias_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, alias, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 3, entity_id);
        rc = step_done(st, s, err, "cannot add an alias");
    }
done:
    free(alias);
    free(alias_key);
    free(name_key);
    return rc;
}

/* ---- resolving a document's entities against the graph ----
 * Inside one document, ingest (coref) has already merged the names of one
 * thing under one canonical name. Across documents the store decides, before
 * any mention is written, which stored entity each canonical name joins; the
 * choice goes into st->entities so mentions and triples agree. A wrong merge
 * across documents is worse than a missed one, so the rules are narrow:
 *   - the same name (case-insensitively) is the same entity, except a
 *     one-word PERSON name (below); so is the same name without accents
 *     ("José Mourinho", "Jose Mourinho": the plain form is kept as an alias);
 *   - well-known short forms of a few countries and unions are one name
 *     ("U.S.", "US", "USA", "America" -> United States; "UK", "Britain" ->
 *     United Kingdom); dotted initials missing their last dot ("U.S", cut by a
 *     sentence end) get it back;
 *   - an ORG name with a company suffix ("Apple Inc.", "Apple, Inc.") joins
 *     the entity of its bare name ("Apple") and leaves that as an alias;
 *   - a name that is another entity's alias joins it only when exactly one
 *     entity of a compatible type (same type, or either OTHER) has it, and
 *     for places only if the alias is not a part of the longer name;
 *   - a one-word PERSON name ("Obama", "Daniel") joins another document's
 *     entity only when exactly one stored PERSON has that word as the last
 *     word of a longer name (a surname the other document used on its own)
 *     and no other stored person has it (as a first name, say); otherwise it
 *     is a new entity. If another document's PERSON is already named just
 *     that word (its own "Daniel"), the new one is named after the document,
 *     "Daniel (news_defector)", with the word as an alias. A stored entity of
 *     that name but another type is joined as before: the type of a lone
 *     word is a guess ("Wikinews" said ... reads as a person). */

/* Short forms -> canonical name; matched case-sensitively on the whole name. */
static const char *const name_forms[][2] = {
    {"US", "United States"}, {"U.S.", "United States"}, {"USA", "United States"},
    {"U.S.A.", "United States"}, {"America", "United States"},
    {"United States of America", "United States"}, {"the United States", "United States"},
    {"The United States", "United States"}, {"the U.S.", "United States"},
    {"The U.S.", "United States"}, {"UK", "United Kingdom"}, {"U.K.", "United Kingdom"},
    {"Britain", "United Kingdom"}, {"Great Britain", "United Kingdom"},
    {"the United Kingdom", "United Kingdom"}, {"The United Kingdom", "United Kingdom"},
    {"the UK", "United Kingdom"}, {"The UK", "United Kingdom"},
    {"UAE", "United Arab Emirates"}, {"U.A.E.", "United Arab Emirates"},
    {"EU", "European Union"}, {"E.U.", "European Union"},
    {"the European Union", "European Union"}, {"The European Union", "European Union"},
    {"UN", "United Nations"}, {"U.N.", "United Nations"},
    {"the United Nations", "United Nations"}, {"The United Nations", "United Nations"},
    {"Russian Federation", "Russia"}, {"the Russian Federation", "Russia"},
    {"Viet Nam", "Vietnam"},
};

/* Company suffixes, as the last word (after a space or ", "). */
static const char *const org_suffixes[] = {
    "Inc.", "Inc", "Incorporated", "Corp.", "Corp", "Corporation", "Co.", "Ltd.", "Ltd",
    "Limited", "LLC", "L.L.C.", "plc", "PLC", "AG", "GmbH", "S.A.", "N.V.", "SE",
};

/* "U.S" -> 1 (single capitals with dots, the last dot missing). */
static int is_initials_without_last_dot(const char *s)
{
    size_t n = strlen(s), i;
    if (n < 3 || n % 2 == 0)
        return 0;
    for (i = 0; i < n; i++)
        if (i % 2 == 0 ? !(s[i] >= 'A' && s[i] <= 'Z') : s[i] != '.')
            return 0;
    return 1;
}

/* Length of name without a company suffix (and the ", " or " " before it),
 * 0 if it has none or nothing with a capital letter would remain. */
static size_t org_base_len(const char *name)
{
    size_t n = strlen(name), i, k, b;
    for (i = 0; i < sizeof org_suffixes / sizeof org_suffixes[0]; i++) {
        k = strlen(org_suffixes[i]);
        if (n <= k + 1 || strcmp(name + n - k, org_suffixes[i]) != 0 || name[n - k - 1] != ' ')
            continue;
        b = n - k - 1;
        if (b > 0 && name[b - 1] == ',')
            b--;
        for (k = 0; k < b; k++)
            if (name[k] >= 'A' && name[k] <= 'Z')
                return b;
        return 0;
    }
    return 0;
}

/* 1 if the words of part occur in whole, as whole words, and part != whole. */
static int contains_words(const char *whole, const char *part)
{
    size_t n = strlen(part);
    const char *p;
    if (whole == NULL || n == 0 || strcmp(whole, part) == 0)
        return 0;
    for (p = strstr(whole, part); p; p = strstr(p + 1, part))
        if ((p == whole || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' ' || p[n] == ','))
            return 1;
    return 0;
}

static int types_compatible(const char *label, const char *type)
{
    return label == NULL || type == NULL || strcmp(label, "OTHER") == 0 ||
           strcmp(type, "OTHER") == 0 || strcmp(label, type) == 0;
}

/* The entity named key exactly: 1 found, 0 not, <0 error. */
static int entity_by_key(kg_store *st, const char *key, int64_t *id, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_ENTITY_BY_KEY, err);
    if (s == NULL)
        return -1;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    return step_id(st, s, id, err, "entity lookup");
}

/* 1 if entity id is typed PERSON, 0 if not, <0 on error. */
static int entity_is_person(kg_store *st, int64_t id, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_ENTITY_IS_PERSON, err);
    int64_t v = 0;
    int found;
    if (s == NULL)
        return -1;
    sqlite3_bind_int64(s, 1, id);
    found = step_id(st, s, &v, err, "entity lookup");
    return found < 0 ? -1 : found && v;
}

/* Insert a new entity (no lookup): the caller checked that name_key is free. */
static int insert_entity(kg_store *st, const char *name, const char *key, const char *type,
                         int64_t *id, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_ENTITY_INSERT, err);
    int rc;
    if (s == NULL)
        return FAILED(err);
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, is_known_type(type) ? type : "OTHER", -1, SQLITE_STATIC);
    if ((rc = step_done(st, s, err, "cannot add an entity")) != KG_OK)
        return rc;
    *id = sqlite3_last_insert_rowid(st->db);
    return KG_OK;
}

/* The entities with alias key: the one compatible with label (*id, return 1),
 * none (0) or several (2); for a one-word PERSON (is_surname), only PERSON
 * entities whose longer name ends in that word count, and *n_other is the
 * number of the other PERSON entities with that alias (a first name, a
 * nickname). <0 on error. */
static int alias_candidates(kg_store *st, const char *key, const char *label, int is_surname,
                            int64_t *id, int *n_other, kg_error *err)
{
    sqlite3_stmt *s = stmt(st, S_ALIAS_CANDIDATES, err);
    int n = 0, rc;
    if (s == NULL)
        return -1;
    *n_other = 0;
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(s, 1);
        const char *name_key = (const char *)sqlite3_column_text(s, 2);
        int ok;
        if (is_surname) {
            size_t nk = name_key ? strlen(name_key) : 0, k = strlen(key);
            if (type == NULL || strcmp(type, "PERSON") != 0)
                continue; /* not a person: no rival */
            ok = nk > k + 1 && strcmp(name_key + nk - k, key) == 0 && name_key[nk - k - 1] == ' ';
        } else {
            ok = types_compatible(label, type);
            /* a place's shorter name is often another place: "Netherlands" of
             * "Spanish Netherlands", "York" of "New York", "Sudan" of "South Sudan" */
            if (ok && ((label && strcmp(label, "PLACE") == 0) ||
                       (type && strcmp(type, "PLACE") == 0)) && contains_words(name_key, key))
                ok = 0;
        }
        if (!ok) {
            (*n_other)++;
            continue;
        }
        if (n++ == 0)
            *id = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        kg_store_dberr(st, err, "alias lookup");
        return -1;
    }
    return n == 0 ? 0 : n == 1 ? 1 : 2;
}

/* "W (source-basename)" or "W (document N)" for a one-word name already taken. */
static int scoped_name(kg_buf *out, const char *word, const char *source, int64_t document_id)
{
    const char *base = source ? strrchr(source, '/') : NULL, *dot;
    size_t n;
    base = base ? base + 1 : source;
    if (base == NULL || *base == '\0' || strcmp(base, "-") == 0 || strlen(base) > 120)
        return kg_buf_printf(out, "%s (document %lld)", word, (long long)document_id);
    dot = strrchr(base, '.');
    n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return kg_buf_printf(out, "%s (%.*s)", word, (int)n, base);
}

/* Decide which entity the document entity `canonical` (label may be NULL)
 * joins, creating it if none, and remember the choice in st->entities. */
static int resolve_entity(kg_store *st, const char *canonical, const char *label,
                          const kg_doc *doc, int64_t document_id, kg_error *err)
{
    char *key = NULL, *name_key = NULL, *plain = NULL;
    const char *name = canonical;
    kg_buf fixed = {0}, scoped = {0};
    int64_t id = 0;
    size_t i, base_n;
    int rc = KG_OK, found, n_other = 0;
    int is_person = label && strcmp(label, "PERSON") == 0;

    if ((rc = check_name(canonical, "entity name", err)) != KG_OK)
        return rc;
    if ((key = kg_fold_key(canonical, strlen(canonical))) == NULL)
        return oom(err);
    if (kg_idmap_get(&st->entities, key, &id))
        goto done; /* decided earlier in this document */
    if (!is_person) {
        if (is_initials_without_last_dot(name)) {
            if ((rc = kg_buf_printf(&fixed, "%s.", name)) != KG_OK)
                goto done;
            name = fixed.data;
        }
        for (i = 0; i < sizeof name_forms / sizeof name_forms[0]; i++)
            if (strcmp(name, name_forms[i][0]) == 0) {
                name = name_forms[i][1];
                break;
            }
    }
    if ((name_key = kg_fold_key(name, strlen(name))) == NULL) {
        rc = oom(err);
        goto done;
    }
    if (is_person && strchr(name, ' ') == NULL) {
        int has_bare = entity_by_key(st, name_key, &id, err);
        if (has_bare < 0) {
            rc = FAILED(err);
            goto done;
        }
        if (has_bare > 0) {
            int is_rival = entity_is_person(st, id, err);
            if (is_rival < 0) {
                rc = FAILED(err);
                goto done;
            }
            if (!is_rival)
                goto remember; /* "Wikinews" typed PERSON here, ORG before: one-word types are guesses */
        }
        if (has_bare == 0) {
            found = alias_candidates(st, name_key, label, 1, &id, &n_other, err);
            if (found < 0) {
                rc = FAILED(err);
                goto done;
            }
            if (found == 1 && n_other == 0)
                goto remember; /* the one stored person with this surname */
            /* no one, or a first name / several people: a new entity */
            if ((rc = insert_entity(st, name, name_key, label, &id, err)) != KG_OK)
                goto done;
            goto remember;
        }
        /* taken: another document's person named just this word */
        if ((rc = scoped_name(&scoped, name, doc->source, document_id)) != KG_OK)
            goto done;
        free(name_key);
        name = scoped.data;
        if ((name_key = kg_fold_key(name, strlen(name))) == NULL) {
            rc = oom(err);
            goto done;
        }
        found = entity_by_key(st, name_key, &id, err);
        if (found < 0) {
            rc = FAILED(err);
            goto done;
        }
        if (found == 0 && (rc = insert_entity(st, name, name_key, label, &id, err)) != KG_OK)
            goto done;
        goto remember;
    }
    found = entity_by_key(st, name_key, &id, err);
    if (found == 0 && label && strcmp(label, "ORG") == 0 && (base_n = org_base_len(name)) > 0) {
        char *base_key = kg_fold_key(name, base_n);
        if (base_key == NULL) {
            rc = oom(err);
            goto done;
        }
        found = entity_by_key(st, base_key, &id, err);
        free(base_key);
    }
    if (found == 0)
        found = alias_candidates(st, name_key, label, 0, &id, &n_other, err);
    if (found == 0) { /* "José Mourinho" is "Jose Mourinho" */
        if ((plain = kg_lookup_strip_accents(name)) == NULL) {
            rc = oom(err);
            goto done;
        }
        if (strcmp(plain, name) == 0) {
            free(plain);
            plain = NULL;
        } else {
            char *plain_key = kg_fold_key(plain, strlen(plain));
            if (plain_key == NULL) {
                rc = oom(err);
                goto done;
            }
            found = entity_by_key(st, plain_key, &id, err);
            if (found == 0)
                found = alias_candidates(st, plain_key, label, 0, &id, &n_other, err);
            free(plain_key);
        }
    }
    if (found < 0) {
        rc = FAILED(err);
        goto done;
    }
    if (found != 1) {
        if ((rc = insert_entity(st, name, name_key, label, &id, err)) != KG_OK)
            goto done;
        if (plain && (rc = add_alias(st, name, plain, id, err)) != KG_OK)
            goto done;
        if (label && strcmp(label, "ORG") == 0 && (base_n = org_base_len(name)) > 0) {
            char *base = strndup(name, base_n);
            if (base == NULL) {
                rc = oom(err);
                goto done;
            }
            rc = add_alias(st, name, base, id, err);
            free(base);
            if (rc)
                goto done;
        }
    }
remember:
    if (strcmp(name_key, key) != 0 && (rc = add_alias(st, name, canonical, id, err)) != KG_OK)
        goto done;
    if (kg_idmap_put(&st->entities, key, id))
        rc = oom(err);
done:
    free(key);
    free(name_key);
    free(plain);
    kg_buf_free(&fixed);
    kg_buf_free(&scoped);
    return rc;
}

/* Resolve every document entity (each distinct canonical name of the
 * mentions, with its first mention's label) before anything refers to it. */
static int resolve_document_entities(kg_store *st, const kg_doc *doc, int64_t document_id,
                                     kg_error *err)
{
    size_t i;
    int rc = KG_OK;
    for (i = 0; i < doc->n_mentions && rc == KG_OK; i++) {
        const kg_doc_mention *m = &doc->mentions[i];
        const char *canonical = m->entity && *m->entity ? m->entity : m->text;
        rc = resolve_entity(st, canonical, m->label, doc, document_id, err);
    }
    return rc;
}

/* Then, once the mentions' aliases are stored, the triples' arguments that
 * are no mention's canonical name ("OpenAI Inc" written as such, "the USA"). */
static int resolve_triple_arguments(kg_store *st, const kg_doc *doc, int64_t document_id,
                                    kg_error *err)
{
    size_t i;
    int rc = KG_OK;
    for (i = 0; i < doc->n_triples && rc == KG_OK; i++) {
        const kg_doc_triple *t = &doc->triples[i];
        if (t->subject && t->object &&
            (is_pronoun_argument(t->subject) || is_pronoun_argument(t->object)))
            continue; /* not stored (kg_store_add_document) */
        if ((rc = resolve_entity(st, t->subject, t->subject_type, doc, document_id, err)) == KG_OK)
            rc = resolve_entity(st, t->object, t->object_type, doc, document_id, err);
    }
    return rc;
}

int kg_store_entity_extras(kg_store *st, int64_t id, const char *const *aliases,
                           size_t n_aliases, int64_t mention_count, kg_error *err)
{
    sqlite3_stmt *q = NULL;
    char *name = NULL;
    size_t i;
    int rc = KG_OK;
    if (n_aliases) {
        if (sqlite3_prepare_v2(st->db, "SELECT name FROM entity WHERE id = ?1", -1, &q, NULL) !=
            SQLITE_OK)
            return kg_store_dberr(st, err, "cannot read an entity");
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0))
            name = strdup((const char *)sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
        if (name == NULL)
            return oom(err);
        for (i = 0; i < n_aliases && rc == KG_OK; i++)
            if (aliases[i] && aliases[i][0])
                rc = add_alias(st, name, aliases[i], id, err);
        free(name);
        if (rc)
            return rc;
    }
    if (mention_count > 0) {
        if (sqlite3_prepare_v2(st->db,
                               "UPDATE entity SET mention_count = max(mention_count, ?1) "
                               "WHERE id = ?2", -1, &q, NULL) != SQLITE_OK)
            return kg_store_dberr(st, err, "cannot set a mention count");
        sqlite3_bind_int64(q, 1, mention_count);
        sqlite3_bind_int64(q, 2, id);
        if (sqlite3_step(q) != SQLITE_DONE)
            rc = kg_store_dberr(st, err, "cannot set a mention count");
        sqlite3_finalize(q);
    }
    return rc;
}

static int check_doc(const kg_doc *doc, kg_error *err)
{
    size_t i;
    if (doc->content == NULL && doc->content_len > 0)
        return kg_error_set(err, KG_EINPUT, "document without content");
    for (i = 0; i < doc->n_sentences; i++) {
        const kg_doc_sentence *se = &doc->sentences[i];
        if (se->start > se->end || se->end > doc->content_len)
            return kg_error_set(err, KG_EINPUT, "sentence %zu: offsets %zu..%zu outside the "
                                "document (%zu bytes)", i, se->start, se->end, doc->content_len);
    }
    for (i = 0; i < doc->n_mentions; i++) {
        const kg_doc_mention *m = &doc->mentions[i];
        if (m->text == NULL || m->label == NULL)
            return kg_error_set(err, KG_EINPUT, "mention %zu: missing text or label", i);
        if (m->start > m->end || m->end > doc->content_len)
            return kg_error_set(err, KG_EINPUT, "mention %zu: offsets %zu..%zu outside the "
                                "document", i, m->start, m->end);
        if (m->sentence != (size_t)-1 && m->sentence >= doc->n_sentences)
            return kg_error_set(err, KG_EINPUT, "mention %zu: no sentence %zu", i, m->sentence);
    }
    for (i = 0; i < doc->n_triples; i++) {
        const kg_doc_triple *t = &doc->triples[i];
        if (t->subject == NULL || t->relation == NULL || t->object == NULL)
            return kg_error_set(err, KG_EINPUT, "triple %zu: missing subject, relation or "
                                "object", i);
        if (t->sentence != (size_t)-1 && t->sentence >= doc->n_sentences)
            return kg_error_set(err, KG_EINPUT, "triple %zu: no sentence %zu", i, t->sentence);
    }
    return KG_OK;
}

int kg_store_add_document(kg_store *st, const kg_doc *doc, kg_add_result *res, kg_error *err)
{
    kg_add_result r = {0};
    int64_t *sentence_ids = NULL, entity_id;
    sqlite3_stmt *s;
    char hash[65];
    size_t i;
    int rc, found;

    if (res)
        memset(res, 0, sizeof *res);
    rc = check_doc(doc, err);
    if (rc)
        return rc;
    kg_store_sha256_hex(doc->content ? doc->content : "", doc->content_len, hash);
    if (doc->n_sentences &&
        (sentence_ids = malloc(doc->n_sentences * sizeof *sentence_ids)) == NULL)
        return oom(err);
    rc = kg_store_begin(st, err);
    if (rc)
        goto out;
    found = find_document(st, hash, &r.document_id, err);
    if (found < 0) {
        rc = FAILED(err);
        goto fail;
    }
    if (found) {
        kg_store_rollback(st);
        r.is_duplicate = 1;
        goto out;
    }
    if ((rc = insert_document(st, doc->source, doc->title, hash, doc->content_len, "text",
                              &r.document_id, err)) != KG_OK)
        goto fail;

    for (i = 0; i < doc->n_sentences; i++) {
        const kg_doc_sentence *se = &doc->sentences[i];
        if ((s = stmt(st, S_SENTENCE_INSERT, err)) == NULL) {
            rc = FAILED(err);
            goto fail;
        }
        sqlite3_bind_int64(s, 1, r.document_id);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        sqlite3_bind_int64(s, 3, (sqlite3_int64)se->start);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)se->end);
        sqlite3_bind_text(s, 5, doc->content + se->start, (int)(se->end - se->start),
                          SQLITE_STATIC);
        if ((rc = step_done(st, s, err, "cannot add a sentence")) != KG_OK)
            goto fail;
        sentence_ids[i] = sqlite3_last_insert_rowid(st->db);
    }
    if ((rc = resolve_document_entities(st, doc, r.document_id, err)) != KG_OK)
        goto fail;

    for (i = 0; i < doc->n_mentions; i++) {
        const kg_doc_mention *m = &doc->mentions[i];
        const char *canonical = m->entity && *m->entity ? m->entity : m->text;
        if ((rc = kg_store_entity_id(st, canonical, NULL, &entity_id, NULL, err)) != KG_OK)
            goto fail;
        if ((s = stmt(st, S_MENTION_INSERT, err)) == NULL) {
            rc = FAILED(err);
            goto fail;
        }
        sqlite3_bind_int64(s, 1, r.document_id);
        if (m->sentence != (size_t)-1)
            sqlite3_bind_int64(s, 2, sentence_ids[m->sentence]);
        sqlite3_bind_int64(s, 3, entity_id);
        sqlite3_bind_int64(s, 4, (sqlite3_int64)m->start);
        sqlite3_bind_int64(s, 5, (sqlite3_int64)m->end);
        sqlite3_bind_text(s, 6, m->text, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, m->label, -1, SQLITE_STATIC);
        if ((rc = step_done(st, s, err, "cannot add a mention")) != KG_OK)
            goto fail;
        if ((rc = add_alias(st, canonical, m->text, entity_id, err)) != KG_OK)
            goto fail;
    }
    /* Mention counts and types from every mention stored so far (all
     * documents): the most frequent label other than OTHER wins. */
    if (doc->n_mentions) {
        sqlite3_stmt *u = NULL;
        if (sqlite3_prepare_v2(st->db,
                "UPDATE entity SET mention_count = (SELECT count(*) FROM mention m"
                "   WHERE m.entity_id = entity.id),"
                " type = coalesce((SELECT m.label FROM mention m WHERE m.entity_id = entity.id"
                "   AND m.label <> 'OTHER' GROUP BY m.label ORDER BY count(*) DESC, min(m.id)"
                "   LIMIT 1), type)"
                " WHERE id IN (SELECT entity_id FROM mention WHERE document_id = ?1)",
                -1, &u, NULL) != SQLITE_OK) {
            rc = kg_store_dberr(st, err, "cannot update entities");
            goto fail;
        }
        sqlite3_bind_int64(u, 1, r.document_id);
        rc = step_done(st, u, err, "cannot update entities");
        sqlite3_finalize(u);
        if (rc)
            goto fail;
    }

    if ((rc = resolve_triple_arguments(st, doc, r.document_id, err)) != KG_OK)
        goto fail;
    for (i = 0; i < doc->n_triples; i++) {
        const kg_doc_triple *t = &doc->triples[i];
        int64_t sid = t->sentence != (size_t)-1 ? sentence_ids[t->sentence] : 0;
        int is_new;
        if (is_pronoun_argument(t->subject) || is_pronoun_argument(t->object))
            continue;
        if ((rc = add_triple(st, t, r.document_id, sid, NULL, &is_new, err)) != KG_OK)
            goto fail;
        r.n_triples_new += (size_t)is_new;
        r.n_evidence++;
    }
    rc = kg_store_commit(st, err);
    if (rc)
        goto out;
    goto out;
fail:
    kg_store_rollback(st);
    memset(&r, 0, sizeof r);
out:
    free(sentence_ids);
    if (res && rc == KG_OK)
        *res = r;
    return rc;
}

/* ---- counts ---- */

int kg_store_stats(kg_store *st, kg_stats *out, kg_error *err)
{
    sqlite3_stmt *s = NULL;
    int rc = KG_OK;
    memset(out, 0, sizeof *out);
    if (recover(st, err) != KG_OK)
        return FAILED(err);
    if (sqlite3_prepare_v2(st->db,
            "SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM sentence),"
            " (SELECT count(*) FROM entity), (SELECT count(*) FROM triple),"
            " (SELECT count(*) FROM relation), (SELECT count(*) FROM mention),"
            " (SELECT count(*) FROM evidence)", -1, &s, NULL) != SQLITE_OK)
        return kg_store_dberr(st, err, "cannot count");
    if (sqlite3_step(s) == SQLITE_ROW) {
        out->documents = sqlite3_column_int64(s, 0);
        out->sentences = sqlite3_column_int64(s, 1);
        out->entities = sqlite3_column_int64(s, 2);
        out->triples = sqlite3_column_int64(s, 3);
        out->relations = sqlite3_column_int64(s, 4);
        out->mentions = sqlite3_column_int64(s, 5);
        out->evidence = sqlite3_column_int64(s, 6);
    } else {
        rc = kg_store_dberr(st, err, "cannot count");
    }
    sqlite3_finalize(s);
    return rc;
}
