/*
 * kg_traverse.h -- the graph engine: a read-only adjacency snapshot of the
 * store (CSR, memory-mapped), local traversal over it (BFS neighbourhoods,
 * bidirectional-BFS shortest paths, bounded simple paths), global algorithms
 * through igraph (degree, pagerank, betweenness, communities), and the SQL
 * lookups the query stage needs (names, relations, patterns, evidence).
 *
 * Place in the flow: graph/ stage, below query/. Includes kg_store.h only.
 *
 * Conventions:
 * - Entities, relations and triples are named by their store ids (int64_t,
 *   entity.id / relation.id / triple.id). Dense node indexes (uint32_t, 0..n-1)
 *   exist only inside a kg_graph; most callers never need them.
 * - Every function returns KG_OK or an error code and fills err (first error wins).
 * - Output arrays are allocated by the callee; the comment says how to free them.
 *   On error, *out is left NULL / untouched and nothing needs freeing.
 * - The snapshot holds every triple. Negated triples are in it (flagged) and are
 *   walked only when kg_walk.with_negated is set.
 */
#ifndef KG_TRAVERSE_H
#define KG_TRAVERSE_H

#include <stddef.h>
#include <stdint.h>
#include "kg_store.h"

/* ------------------------------------------------------------------ snapshot */

typedef struct kg_graph kg_graph; /* read-only view: a CSR adjacency snapshot of the store */

/* Open the snapshot beside the database (PATH.adj; for an in-memory or
 * unwritable database a private in-memory snapshot). When the file is missing,
 * corrupt or built for another generation (kg_store_generation), rebuild it
 * atomically: one SELECT scan, counting sort, written to a temp file, fsync,
 * rename. A half-written snapshot is never read. Then mmap it.
 * Cost: O(1) to open an up-to-date snapshot; rebuild ~1-2 s per million triples.
 * The graph borrows st: st must stay open until kg_graph_close.
 * Errors: KG_EDB (SQLite), KG_EIO (cannot map or write), KG_ENOMEM.
 * Close with kg_graph_close (accepts NULL). */
int kg_graph_open(kg_store *st, kg_graph **out, kg_error *err);
void kg_graph_close(kg_graph *g);
/* 1 when the store has changed since g was built (a long-lived session should
 * close and reopen the graph), 0 when g is current, -code on a database error
 * (err filled). A few indexed reads. */
int kg_graph_is_stale(kg_graph *g, kg_error *err);

size_t kg_graph_node_count(const kg_graph *g); /* every entity of the store (isolated ones too) */
size_t kg_graph_edge_count(const kg_graph *g); /* triples (negated included) */
int64_t kg_graph_entity_id(const kg_graph *g, uint32_t node); /* dense -> store id */
/* Dense index of an entity (dense order = entity id order): returns 1 and sets
 * *node (node may be NULL) when the entity is in the snapshot, 0 otherwise. O(log n). */
int kg_graph_node_of(const kg_graph *g, int64_t entity_id, uint32_t *node);
/* Number of triples touching the entity (in + out; a self-loop counts twice;
 * negated triples counted only when with_negated). 0 for an unknown entity. */
size_t kg_graph_degree(const kg_graph *g, int64_t entity_id, int with_negated);

/* ----------------------------------------------------------------- traversal */

typedef struct kg_edge {
    int64_t triple_id;
    int64_t subject, object;  /* entity ids, as stored (direction shows) */
    int64_t relation;         /* relation id */
    int is_negated;
} kg_edge;

enum { KG_DIR_BOTH = 0, KG_DIR_OUT = 1, KG_DIR_IN = 2 };

/* A set of triple ids (a bitmap by id): the triples a walk must not take
 * (min confidence, as of; see kg_triples_filter). */
typedef struct kg_tripleset { uint64_t *bits; size_t n_bits; } kg_tripleset;
static inline int kg_tripleset_has(const kg_tripleset *s, int64_t id)
{
    return id >= 0 && (uint64_t)id < s->n_bits && ((s->bits[id >> 6] >> (id & 63)) & 1);
}

typedef struct kg_walk {      /* options shared by neighbors / path / paths; {0} = defaults */
    int direction;            /* KG_DIR_BOTH (default), KG_DIR_OUT (subject -> object), KG_DIR_IN */
    const int64_t *relations; size_t n_relations; /* NULL / 0 = any relation */
    const int64_t *avoid; size_t n_avoid;         /* entity ids never entered (ends excepted) */
    int with_negated;         /* also walk negated edges */
    const int64_t *without; size_t n_without;     /* relation ids never walked */
    const kg_tripleset *skip; /* triples never walked (NULL = none) */
} kg_walk;
/* w may be NULL everywhere below: defaults (both directions, any relation, no
 * avoid, negated edges not walked). The arrays in w are borrowed for the call. */

typedef struct kg_reached {
    int64_t entity;           /* entity id */
    unsigned depth;           /* hops from start, >= 1 */
    kg_edge via;              /* the edge that first reached it */
} kg_reached;

/* BFS from start up to depth hops (depth is clamped to KG_MAX_HOPS); results in
 * BFS order (by depth, then discovery order: each node's out-edges, then its
 * in-edges, each in triple id order), start itself excluded. An entity that is not in the graph
 * (no triples) gives 0 results, not an error. Reads only the visited part of
 * the snapshot. An explicit relation list with n_relations == 0 matches nothing.
 * Caller frees *out with free() (*out may be NULL when *n_out == 0). */
int kg_graph_neighbors(kg_graph *g, int64_t start, unsigned depth, const kg_walk *w,
                       kg_reached **out, size_t *n_out, kg_error *err);

typedef struct kg_path {
    kg_edge *edges;           /* in order from the first entity; each edge as stored */
    size_t n_edges;
} kg_path;

/* One shortest path (fewest edges; bidirectional BFS). *found = 0 when there is
 * none (out is then {NULL, 0}). from == to gives found = 1 with 0 edges.
 * Caller frees out->edges with free(). */
int kg_graph_shortest_path(kg_graph *g, int64_t from, int64_t to, const kg_walk *w,
                           kg_path *out, int *found, kg_error *err);

/* All shortest paths (max_len = 0) or every simple path of at most max_len edges
 * (max_len clamped to KG_MAX_HOPS), shortest first (ties in a stable order), at
 * most limit of them (limit 0 = KG_DEFAULT_LIMIT); *truncated = 1 when more
 * existed, or when the search gave up after 2e7 edge inspections (a dense
 * graph with a large max_len) with a branch open that could still reach `to`
 * (truncated may be NULL). Parallel edges (two triples between the same
 * pair) give distinct paths. The search is pruned by distance-to-target
 * avoiding the nodes already on the path (a BFS restricted to the others when
 * the plain shortest way runs into the path; up to 5e7 inspections), so it
 * enters only nodes that can still reach `to` within the remaining length.
 * Free with kg_paths_free(*out, *n_out). */
int kg_graph_paths(kg_graph *g, int64_t from, int64_t to, unsigned max_len, size_t limit,
                   const kg_walk *w, kg_path **out, size_t *n_out, int *truncated,
                   kg_error *err);
void kg_paths_free(kg_path *p, size_t n);

/* The other path questions (paths.c). */
typedef struct kg_path_query {
    unsigned max_len;         /* within N: every simple path of at most N edges (clamped to
                                 KG_MAX_HOPS); 0 = the shortest ones */
    size_t k;                 /* > 0: the k shortest simple paths, one per entity sequence
                                 (the hop is its first allowed statement), shortest first */
    const int64_t *through; size_t n_through; /* entities the path visits, in this order */
    const float *confidence; size_t n_confidence; /* by confidence: per triple id
                                 (kg_triple_confidences); the cost of a path is the sum of
                                 -ln(confidence), statements of confidence 0 are not walked;
                                 then k (default 1) cheapest by Yen over bidirectional
                                 Dijkstra, cheapest
                                 first (ties: fewer edges, then entity ids); through and
                                 max_len are ignored */
} kg_path_query;

/* Paths from -> to under pq and w. Without confidence: a depth-first
 * enumeration by exact length (shortest first), pruned by breadth-first
 * distances to each through entity and to `to`; with k, every path of the last
 * length needed is listed (at most 10000) so that the caller can order ties
 * and cut at k; without k, at most limit paths (0 = KG_DEFAULT_LIMIT) and
 * parallel statements give distinct paths. Paths are simple: no entity twice
 * (a through entity that is an end gives none). *truncated: 0; 1 when limit
 * cut the result; 2 when the work bound (2e7 edge inspections) stopped the
 * search. Free with kg_paths_free. */
int kg_graph_paths_query(kg_graph *g, int64_t from, int64_t to, const kg_path_query *pq,
                         size_t limit, const kg_walk *w, kg_path **out, size_t *n_out,
                         int *truncated, kg_error *err);

/* ------------------------------------------- statement filters (filter.c) */

/* Dates are integers yyyymmdd; open ends of an interval are these. */
#define KG_DATE_MIN INT32_MIN
#define KG_DATE_MAX INT32_MAX

/* "YYYY", "YYYY-MM" or "YYYY-MM-DD" -> the interval it names (a month is
 * [yyyymm01, yyyymm31], a year [yyyy0101, yyyy1231]); 0 when not a date. */
int kg_date_parse(const char *text, int32_t *lo, int32_t *hi);
/* A free-text time qualifier as an interval, today (yyyymmdd) anchoring the
 * relative words. The first date in the text (ISO, "February 2026",
 * "15 February 2026", "February 15, 2026", "Q1 2026", a year) is bounded by
 * the words before it: since / from / starting / effective / as of -> [date,
 * open); after -> (date, open); until / till / through / up to -> (open, date];
 * before / prior to -> (open, date); between X and Y / from X to Y -> [X, Y];
 * otherwise the date itself. Without a date: previously / formerly / former /
 * old / past / earlier / historically / prior / originally / initially / used
 * to / for years / until recently / last year / last month -> (open, today);
 * next / future / upcoming / soon / later / eventually -> (today, open). Returns 1 when the text placed the statement, 0 otherwise
 * ("now", "currently", NULL, anything else: lo, hi = KG_DATE_MIN, KG_DATE_MAX). */
int kg_time_parse(const char *text, int32_t today, int32_t *lo, int32_t *hi);

typedef struct kg_triple_filter {
    int has_min_confidence;   /* skip triples whose confidence is below min_confidence */
    double min_confidence;
    int has_as_of;            /* skip what does not hold as of as_of (yyyymmdd) */
    int32_t as_of;
    int32_t today;            /* yyyymmdd, anchors "previously", undated negations */
} kg_triple_filter;

/* The triples a walk or lookup must skip under f: confidence < min (the
 * triple's confidence is the highest of its evidence); as of D: a triple whose
 * time qualifier places it (kg_time_parse) in an interval without D, and a
 * non-negated triple whose negated twin (same subject, relation, object)
 * holds at D -- a dated negation from its start ("no longer pays since
 * February 2026"), an undated one from today on. Triples without a time are
 * kept. Scans the triple table. Free with kg_tripleset_free. */
int kg_triples_filter(kg_store *st, const kg_triple_filter *f, kg_tripleset *out,
                      size_t *n_skipped, kg_error *err);
void kg_tripleset_free(kg_tripleset *s);
/* Every triple's confidence, indexed by triple id (*n = max id + 1; holes are 0).
 * Caller frees *conf. */
int kg_triple_confidences(kg_store *st, float **conf, size_t *n, kg_error *err);

/* ---------------------------------------------------------- global (igraph) */

enum { KG_RANK_DEGREE, KG_RANK_PAGERANK, KG_RANK_BETWEENNESS, KG_RANK_MENTIONS };

typedef struct kg_ranked { int64_t entity; double score; } kg_ranked;

/* All entities of the graph ranked by measure, descending score, ties by entity
 * id ascending. Negated triples are not counted. Degree: in + out triples (no
 * igraph needed: precomputed in the snapshot). Pagerank (damping 0.85, directed,
 * PRPACK) through igraph; betweenness (undirected, unnormalised, parallel
 * triples = distinct paths) through igraph when nodes x edges <= 2e8, else
 * estimated by Brandes from k fixed pseudo-random sources scaled by n / k,
 * k = max(32, 3e7 / (2 edges + nodes)) (deterministic; exact betweenness of a
 * million triples would take hours).
 * Mentions: the store's mention count of each entity (one indexed scan).
 * Filtering (where ...) and the top-N cut happen in query/.
 * Caller frees *out with free(). Errors: KG_ENOMEM, KG_EDB (igraph failure). */
int kg_graph_rank(kg_graph *g, int measure, kg_ranked **out, size_t *n_out, kg_error *err);

/* Communities of the undirected graph (igraph multilevel / Louvain, fixed seed,
 * negated triples ignored), largest first (ties by smallest member id); each
 * member list sorted by degree descending, ties by entity id.
 * Free with kg_communities_free(*out, *n_out). */
typedef struct kg_community { int64_t *members; size_t n_members; } kg_community;
int kg_graph_communities(kg_graph *g, kg_community **out, size_t *n_out, kg_error *err);
void kg_communities_free(kg_community *c, size_t n);

/* ------------------------------------------------------ lookups (SQL, indexed) */

/* Entities whose canonical name or an alias equals name case-insensitively
 * (kg_fold_key), ids ascending without duplicates. *n = 0 when none (not an
 * error: the caller reports KG_ENOTFOUND with kg_lookup_suggest). Caller frees *ids. */
int kg_lookup_entity(kg_store *st, const char *name, int64_t **ids, size_t *n, kg_error *err);
/* Entities whose name or an alias equals name once both are folded blind to
 * accents: case-folded, Latin letters with diacritics as their base letters
 * (precomposed or with combining marks: "Lodz" and "ŁÓDŹ" find "Łódź"), ’ as '.
 * Scans every name: for a miss of kg_lookup_entity. Caller frees *ids. */
int kg_lookup_entity_folded(kg_store *st, const char *name, int64_t **ids, size_t *n,
                            kg_error *err);
/* name with the Latin letters' diacritics removed, case kept ("Zahā Ḥadīd" ->
 * "Zaha Hadid": U+00C0..U+017F, U+1E00..U+1EFF, combining marks), typographic quotes,
 * dashes and no-break spaces as ASCII; the same name if there is none. The
 * store uses it to join "José Mourinho" and "Jose Mourinho". Caller frees;
 * NULL on no memory. */
char *kg_lookup_strip_accents(const char *name);
/* Entities whose name or an alias matches a PCRE2 regex (case-insensitive, UTF).
 * A bad regex is KG_ESYNTAX with err->offset = the pattern offset. Caller frees *ids. */
int kg_lookup_entity_regex(kg_store *st, const char *regex, int64_t **ids, size_t *n,
                           kg_error *err);
/* Up to max closest entity names for "did you mean": a name equal to the folded
 * query first, then canonical names whose folded name or alias starts with
 * the folded query (shortest first), then
 * those within edit distance max(2, length / 3) (closest first), ties by name.
 * Scans every name: for error paths. Caller frees with
 * kg_names_free(*names, *n). */
int kg_lookup_suggest(kg_store *st, const char *name, char ***names, size_t *n, size_t max,
                      kg_error *err);
/* The same for relation names. */
int kg_lookup_suggest_relation(kg_store *st, const char *name, char ***names, size_t *n,
                               size_t max, kg_error *err);
void kg_names_free(char **names, size_t n);
/* Relation ids by normalised name: case-insensitive, '_' and ' ' alike, the
 * exact name first; failing that, simple English inflections of the first word
 * on either side ("pays", "paying", "paid" find "pay", and "pay" finds a stored
 * "pays"); failing that, a triple's or evidence's surface text ("no longer
 * pays", a scan). Ids ascending; *n = 0 when none. Caller frees *ids. */
int kg_lookup_relation(kg_store *st, const char *name, int64_t **ids, size_t *n, kg_error *err);
int kg_lookup_relation_regex(kg_store *st, const char *regex, int64_t **ids, size_t *n,
                             kg_error *err);

typedef struct kg_entity_info {
    int64_t id;
    char *name;               /* canonical name */
    char *type;               /* PERSON ORG PLACE ... OTHER */
    int64_t mention_count;
    char **aliases; size_t n_aliases; /* as written, excluding the canonical name */
} kg_entity_info;
/* One entity's record. KG_ENOTFOUND when no such id. Free with kg_entity_info_free. */
int kg_entity_get(kg_store *st, int64_t id, kg_entity_info *out, kg_error *err);
void kg_entity_info_free(kg_entity_info *e); /* frees the fields, not e; accepts NULL */

/* Names by id, cached in g (valid while g is open); NULL for an unknown id or
 * on a database error. Cheap after the first call for an id. */
const char *kg_graph_entity_name(kg_graph *g, kg_store *st, int64_t id);
const char *kg_graph_entity_type(kg_graph *g, kg_store *st, int64_t id);
const char *kg_graph_relation_name(kg_graph *g, kg_store *st, int64_t id);

/* Triples matching a pattern: subject / object bound (entity id) or -1 for any;
 * relations NULL / n_rel 0 = any. Negated triples included (is_negated set).
 * Uses the (subject, relation, object) and (object, relation) indexes when an
 * end is bound. Ordered by triple id. Caller frees *out with free(). */
int kg_triples_find(kg_store *st, int64_t subject, const int64_t *relations, size_t n_rel,
                    int64_t object, kg_edge **out, size_t *n_out, kg_error *err);

/* The same over the snapshot when subject or object is bound (a scan of the
 * shorter adjacency list, no SQL); both unbound falls back to kg_triples_find.
 * work (may be NULL) grows by the number of adjacency entries inspected.
 * Ordered by triple id. Caller frees *out with free(). */
int kg_graph_triples_find(kg_graph *g, int64_t subject, const int64_t *relations, size_t n_rel,
                          int64_t object, kg_edge **out, size_t *n_out, uint64_t *work,
                          kg_error *err);

/* Evidence for `why`: every statement between a and b in either direction
 * (a == b: self-loops), optionally only the given relations; one row per
 * evidence record (a triple without evidence gives one row with NULL document
 * and sentence), ordered by triple id then evidence id. Strings may be NULL.
 * Free with kg_statements_free(*out, *n_out). */
typedef struct kg_statement {
    kg_edge edge;
    double confidence;
    char *document;           /* document source, or NULL */
    char *sentence;           /* sentence text, or NULL (imports) */
    char *time;               /* time qualifier, or NULL */
} kg_statement;
int kg_statements_between(kg_store *st, int64_t a, int64_t b, const int64_t *relations,
                          size_t n_rel, kg_statement **out, size_t *n_out, kg_error *err);
/* The same rows, the statements found in the snapshot (a scan of the shorter
 * adjacency list) and only their evidence read with SQL: fast between hubs and
 * when most pairs have no statement. */
int kg_graph_statements_between(kg_graph *g, int64_t a, int64_t b, const int64_t *relations,
                                size_t n_rel, kg_statement **out, size_t *n_out, kg_error *err);
/* The rows for these triple ids (any number; unknown ids give none), ordered by
 * triple id then evidence id within each run of 500 ids. */
int kg_statements_of_triples(kg_store *st, const int64_t *ids, size_t n_ids, kg_statement **out,
                             size_t *n_out, kg_error *err);
void kg_statements_free(kg_statement *s, size_t n);

#endif
