/*
 * engine_driver.c -- a minimal command-line driver of the graph engine
 * (kg_traverse.h) for bench/bench_query.sh: what `kg query` does for
 * neighbors / path / top, without the query language, so the engine's speed
 * can be measured on its own next to `kg query` and the sqlite3 shell.
 *
 *   kg-engine DB neighbors NAME DEPTH   tsv: entity depth subject relation object
 *   kg-engine DB path NAME NAME         tsv: subject relation object, one edge a line
 *   kg-engine DB top degree|pagerank|betweenness N
 *   kg-engine DB open                   build or validate the snapshot only
 * Exit: 0 ok, 1 unknown name, 2 usage, 3 other errors (as kg).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kg_store.h"
#include "kg_traverse.h"

static int fail(const kg_error *err)
{
    fprintf(stderr, "kg-engine: %s\n", err->msg);
    return kg_error_exit_status(err->code);
}

static int resolve(kg_store *st, const char *name, int64_t *id)
{
    kg_error err = {0};
    int64_t *ids = NULL;
    size_t n = 0;
    if (kg_lookup_entity(st, name, &ids, &n, &err))
        return fail(&err);
    if (n == 0) {
        fprintf(stderr, "kg-engine: no entity \"%s\"\n", name);
        return 1;
    }
    *id = ids[0];
    free(ids);
    return 0;
}

int main(int argc, char **argv)
{
    kg_store *st = NULL;
    kg_graph *g = NULL;
    kg_error err = {0};
    int rc = 0;
    if (argc < 3) {
        fprintf(stderr, "usage: kg-engine DB neighbors NAME DEPTH | path A B | top MEASURE N | open\n");
        return 2;
    }
    /* one read transaction, as kg query runs: one lock, not one per name lookup */
    if (kg_store_open(argv[1], KG_STORE_READONLY, &st, &err) ||
        sqlite3_exec(kg_store_db(st), "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        kg_graph_open(st, &g, &err)) {
        if (!err.code)
            kg_error_set(&err, KG_EDB, "%s: cannot start a read", argv[1]);
        rc = fail(&err);
        goto done;
    }
    if (strcmp(argv[2], "open") == 0) {
        printf("%zu nodes, %zu edges\n", kg_graph_node_count(g), kg_graph_edge_count(g));
    } else if (strcmp(argv[2], "neighbors") == 0 && argc == 5) {
        int64_t id;
        kg_reached *r = NULL;
        size_t n = 0, i;
        if ((rc = resolve(st, argv[3], &id)) != 0)
            goto done;
        if (kg_graph_neighbors(g, id, (unsigned)atoi(argv[4]), NULL, &r, &n, &err)) {
            rc = fail(&err);
            goto done;
        }
        printf("entity\tdepth\tsubject\trelation\tobject\n");
        for (i = 0; i < n; i++)
            printf("%s\t%u\t%s\t%s\t%s\n", kg_graph_entity_name(g, st, r[i].entity), r[i].depth,
                   kg_graph_entity_name(g, st, r[i].via.subject),
                   kg_graph_relation_name(g, st, r[i].via.relation),
                   kg_graph_entity_name(g, st, r[i].via.object));
        free(r);
    } else if (strcmp(argv[2], "path") == 0 && argc == 5) {
        int64_t a, b;
        kg_path p;
        int found = 0;
        size_t i;
        if ((rc = resolve(st, argv[3], &a)) != 0 || (rc = resolve(st, argv[4], &b)) != 0)
            goto done;
        if (kg_graph_shortest_path(g, a, b, NULL, &p, &found, &err)) {
            rc = fail(&err);
            goto done;
        }
        printf("subject\trelation\tobject\n");
        for (i = 0; i < p.n_edges; i++)
            printf("%s\t%s\t%s\n", kg_graph_entity_name(g, st, p.edges[i].subject),
                   kg_graph_relation_name(g, st, p.edges[i].relation),
                   kg_graph_entity_name(g, st, p.edges[i].object));
        free(p.edges);
    } else if (strcmp(argv[2], "top") == 0 && argc == 5) {
        int m = strcmp(argv[3], "pagerank") == 0 ? KG_RANK_PAGERANK
              : strcmp(argv[3], "betweenness") == 0 ? KG_RANK_BETWEENNESS : KG_RANK_DEGREE;
        kg_ranked *r = NULL;
        size_t n = 0, i, top = (size_t)atol(argv[4]);
        if (kg_graph_rank(g, m, &r, &n, &err)) {
            rc = fail(&err);
            goto done;
        }
        printf("entity\tscore\n");
        for (i = 0; i < n && i < top; i++)
            printf("%s\t%.6g\n", kg_graph_entity_name(g, st, r[i].entity), r[i].score);
        free(r);
    } else {
        fprintf(stderr, "kg-engine: bad command\n");
        rc = 2;
    }
done:
    kg_graph_close(g);
    if (st)
        sqlite3_exec(kg_store_db(st), "COMMIT", NULL, NULL, NULL);
    kg_store_close(st);
    if (fflush(stdout) != 0)
        rc = 3;
    return rc;
}
