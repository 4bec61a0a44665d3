/*
 * export_csv.c -- CSV for graph databases: DIR/nodes.csv and DIR/edges.csv
 * with headers that Neo4j's bulk importer (neo4j-admin database import) reads
 * as typed columns, and whose column order matches the Kùzu tables created by
 * DIR/schema.cypher (COPY ... FROM ... (header=true)). RFC 4180 quoting;
 * newlines inside values become spaces (Kùzu's parallel CSV reader does not
 * take quoted newlines). Empty fields are NULL for both.
 */
#include "export_int.h"

#include <errno.h>
#include <math.h>
#include <string.h>

typedef struct csv {
    FILE *out;
    const char *path;
    kg_buf line;
    size_t rows;
} csv;

static int put_field(kg_buf *b, const char *s, int is_first)
{
    int rc = is_first ? KG_OK : kg_buf_puts(b, ",");
    if (rc != KG_OK || s == NULL)
        return rc;
    if (strpbrk(s, ",\"\n\r") == NULL && s[0] != ' ' &&
        (s[0] == '\0' || s[strlen(s) - 1] != ' '))
        return kg_buf_puts(b, s);
    rc = kg_buf_puts(b, "\"");
    for (; rc == KG_OK && *s; s++) {
        char c = *s == '\n' || *s == '\r' ? ' ' : *s;
        rc = c == '"' ? kg_buf_puts(b, "\"\"") : kg_buf_append(b, &c, 1);
    }
    if (rc == KG_OK)
        rc = kg_buf_puts(b, "\"");
    return rc;
}

static int flush(csv *c, int rc, kg_error *err)
{
    if (rc != KG_OK)
        return kg_error_set(err, KG_ENOMEM, "export: out of memory");
    fwrite(c->line.data, 1, c->line.len, c->out);
    if ((++c->rows & 0xFFFF) == 0)
        return kg_x_check_write(c->out, c->path, err);
    return KG_OK;
}

static int csv_node(void *ctx, const kg_x_node *n, kg_error *err)
{
    csv *c = ctx;
    int rc;
    kg_buf_reset(&c->line);
    rc = kg_buf_printf(&c->line, "%lld", (long long)n->id);
    if (rc == KG_OK)
        rc = put_field(&c->line, n->name, 0);
    if (rc == KG_OK)
        rc = put_field(&c->line, n->type, 0);
    if (rc == KG_OK)
        rc = kg_buf_printf(&c->line, ",%lld", (long long)n->mention_count);
    if (rc == KG_OK)
        rc = put_field(&c->line, n->aliases, 0);
    if (rc == KG_OK)
        rc = kg_buf_puts(&c->line, "\n");
    return flush(c, rc, err);
}

static int csv_edge(void *ctx, const kg_x_edge *e, kg_error *err)
{
    csv *c = ctx;
    int rc;
    kg_buf_reset(&c->line);
    rc = kg_buf_printf(&c->line, "%lld,%lld,%lld", (long long)e->subject_id,
                       (long long)e->object_id, (long long)e->id);
    if (rc == KG_OK)
        rc = put_field(&c->line, e->relation, 0);
    if (rc == KG_OK)
        rc = put_field(&c->line, e->surface, 0);
    if (rc == KG_OK)
        rc = kg_buf_puts(&c->line, e->is_negated ? ",true," : ",false,");
    if (rc == KG_OK)
        rc = kg_x_put_double(&c->line, isfinite(e->confidence) ? e->confidence : 0.0);
    if (rc == KG_OK)
        rc = kg_buf_printf(&c->line, ",%lld", (long long)e->evidence_count);
    if (rc == KG_OK)
        rc = put_field(&c->line, e->time, 0);
    if (rc == KG_OK)
        rc = put_field(&c->line, e->modality, 0);
    if (rc == KG_OK)
        rc = put_field(&c->line, e->document, 0);
    if (rc == KG_OK)
        rc = e->sentence >= 0 ? kg_buf_printf(&c->line, ",%lld\n", (long long)e->sentence)
                              : kg_buf_puts(&c->line, ",\n");
    return flush(c, rc, err);
}

static const char nodes_header[] = "id:ID,name,type,mention_count:long,aliases\n";
static const char edges_header[] =
    ":START_ID,:END_ID,id:long,relation,surface,negated:boolean,confidence:double,"
    "evidence_count:long,time,modality,document,sentence:long\n";
static const char schema[] =
    "// Kuzu: create the tables, then load kg's CSV (run from this directory).\n"
    "CREATE NODE TABLE Entity(id INT64, name STRING, type STRING, mention_count INT64,"
    " aliases STRING, PRIMARY KEY (id));\n"
    "CREATE REL TABLE Relation(FROM Entity TO Entity, id INT64, relation STRING,"
    " surface STRING, negated BOOLEAN, confidence DOUBLE, evidence_count INT64,"
    " time STRING, modality STRING, document STRING, sentence INT64);\n"
    "COPY Entity FROM 'nodes.csv' (header=true);\n"
    "COPY Relation FROM 'edges.csv' (header=true);\n"
    "// Neo4j: neo4j-admin database import full --nodes=Entity=nodes.csv\n"
    "//        --relationships=RELATION=edges.csv neo4j\n";

static FILE *open_in(const char *dir, const char *name, kg_buf *path, kg_error *err)
{
    FILE *f;
    kg_buf_reset(path);
    if (kg_buf_printf(path, "%s/%s", dir, name) != KG_OK) {
        kg_error_set(err, KG_ENOMEM, "export: out of memory");
        return NULL;
    }
    f = fopen(path->data, "wb");
    if (f == NULL)
        kg_error_set(err, KG_EIO, "%s: cannot write: %s", path->data, strerror(errno));
    return f;
}

static int close_file(FILE *f, const char *path, int rc, kg_error *err)
{
    if (f == NULL)
        return rc;
    if (rc == KG_OK && (fflush(f) != 0 || ferror(f)))
        rc = kg_x_check_write(f, path, err);
    if (fclose(f) != 0 && rc == KG_OK)
        rc = kg_error_set(err, KG_EIO, "%s: write error: %s", path, strerror(errno));
    return rc;
}

int kg_x_csv(kg_x_sel *sel, const kg_export_options *opt, const char *dir, kg_error *err)
{
    csv c;
    kg_buf path = {0};
    int rc = KG_OK;
    FILE *f;
    (void)opt;
    memset(&c, 0, sizeof c);
    if (dir == NULL)
        return kg_error_set(err, KG_EUSAGE, "export: --format csv needs -o DIR");
    f = open_in(dir, "schema.cypher", &path, err);
    if (f == NULL)
        return err ? err->code : KG_EIO;
    fputs(schema, f);
    rc = close_file(f, path.data, rc, err);

    if (rc == KG_OK && (c.out = open_in(dir, "nodes.csv", &path, err)) == NULL)
        rc = err ? err->code : KG_EIO;
    if (rc == KG_OK) {
        c.path = path.data;
        fputs(nodes_header, c.out);
        rc = kg_x_nodes(sel, csv_node, &c, err);
        rc = close_file(c.out, path.data, rc, err);
        c.out = NULL;
    }
    if (rc == KG_OK && (c.out = open_in(dir, "edges.csv", &path, err)) == NULL)
        rc = err ? err->code : KG_EIO;
    if (rc == KG_OK) {
        c.path = path.data;
        fputs(edges_header, c.out);
        rc = kg_x_edges(sel, 0, 0, csv_edge, &c, err);
        rc = close_file(c.out, path.data, rc, err);
    }
    kg_buf_free(&c.line);
    kg_buf_free(&path);
    return rc;
}
