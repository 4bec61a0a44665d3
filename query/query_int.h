/*
 * query_int.h -- what the query stage's files share (never included from
 * another stage; tests may include it): tokens (lex.c), the AST and its arena
 * (parse.c), name resolution and the match planner (plan.c), evaluation
 * (eval.c) and the output writers (format.c).
 *
 * Flow: text -> kg_lex_next tokens -> kg_parse_script AST (arena) ->
 * kg_plan_* resolves names through graph/ -> kg_eval_query pulls rows ->
 * q_out writes table / tsv / jsonl, or hands a subgraph to kg_export.
 */
#ifndef KG_QUERY_INT_H
#define KG_QUERY_INT_H

#include "kg_query.h"

/* ------------------------------------------------------------------ lexer */

enum {
    KG_TK_EOF = 0,
    KG_TK_WORD,     /* bare word: letters, digits, _ - . & ' / + and UTF-8 */
    KG_TK_STRING,   /* "..." with \" and \\ */
    KG_TK_REGEX,    /* ~"..." */
    KG_TK_VAR,      /* ?name */
    KG_TK_COMMA,
    KG_TK_SEMI,
    KG_TK_NEWLINE,
    KG_TK_EQ,       /* = or == */
    KG_TK_NE,       /* != */
    KG_TK_TILDE,    /* ~ not followed by a quote */
    KG_TK_NTILDE,   /* !~ */
    KG_TK_PREFIX,   /* ^= */
    KG_TK_LT, KG_TK_LE, KG_TK_GT, KG_TK_GE, /* < <= > >= */
    KG_TK_ERROR     /* a lexical error: msg says what */
};

typedef struct kg_token {
    int type;
    size_t off, len;          /* span of the whole token in the source */
    const char *msg;          /* KG_TK_ERROR: what is wrong (static string) */
    size_t err_off;           /* KG_TK_ERROR: where exactly */
} kg_token;

/* Read the token starting at or after src[pos] (blanks and # comments are
 * skipped; newlines are tokens). Pure: no allocation, never fails other than
 * returning a KG_TK_ERROR token. Cost: O(token length). */
kg_token kg_lex_next(const char *src, size_t len, size_t pos);
/* A short description of a token type for messages ("end of query", "\",\""). */
const char *kg_lex_type_name(int type);

/* ------------------------------------------------------------------ arena */

typedef struct kg_arena_block kg_arena_block;
typedef struct kg_arena { kg_arena_block *head; size_t total; } kg_arena;
void *kg_arena_alloc(kg_arena *a, size_t n);          /* zeroed, aligned; NULL on ENOMEM */
char *kg_arena_strndup(kg_arena *a, const char *s, size_t n);
void kg_arena_free(kg_arena *a);

/* -------------------------------------------------------------------- AST */

enum { KG_Q_NAME = 1, KG_Q_REGEX, KG_Q_VAR };

typedef struct kg_qterm {
    int kind;                 /* KG_Q_NAME, KG_Q_REGEX, KG_Q_VAR; 0 = absent */
    const char *text;         /* unescaped name / regex / variable name without "?" */
    size_t off;               /* byte offset of the token in the source */
} kg_qterm;

enum { KG_C_IS = 1, KG_C_EQ, KG_C_NE, KG_C_MATCH, KG_C_PREFIX,  /* cond operators */
       KG_C_LT, KG_C_LE, KG_C_GT, KG_C_GE };
enum { KG_CS_VAR = 1, KG_CS_TYPE, KG_CS_NAME, KG_CS_NEGATED,      /* cond subjects */
       KG_CS_DEPTH };

typedef struct kg_qcond {
    int op;                   /* KG_C_* */
    int subject;              /* KG_CS_* */
    kg_qterm var;             /* KG_CS_VAR: the variable */
    kg_qterm value;           /* entity (EQ/NE), regex text (MATCH), type word (IS), prefix */
    int is_not;               /* "not", "is not", "!~": the condition inverted (IS on a
                                 type subject, EQ and NE are flipped at parse time instead) */
    unsigned num;             /* KG_CS_DEPTH: the number compared with */
    size_t off;
} kg_qcond;

typedef struct kg_qpattern { kg_qterm s, r, o; } kg_qpattern;

enum {
    KG_F_NEIGHBORS = 1, KG_F_PATH, KG_F_PATHS, KG_F_MATCH, KG_F_WHY, KG_F_TOP,
    KG_F_COMMUNITIES, KG_F_DESCRIBE, KG_F_STATS, KG_F_RELATIONS, KG_F_FIND
};

typedef struct kg_qlist { kg_qterm *items; size_t n, cap; } kg_qlist;

typedef struct kg_query_ast {
    int form;                 /* KG_F_* */
    int is_explain;           /* "explain Q": print the plan, do not run */
    int is_count;             /* "count Q": print the number of rows only */
    size_t off, end;          /* span of the query in the source */
    kg_qterm a, b;            /* entities: neighbors a; path a to b; why a [rel] b; describe a */
    kg_qterm rel;             /* why's optional relation */
    unsigned depth;           /* neighbors, default 1 */
    int direction;            /* KG_DIR_* */
    int is_directed;          /* path(s) */
    int with_negated;
    int with_evidence;        /* neighbors / path / paths: each edge's evidence too */
    kg_qlist via, avoid;
    kg_qcond *conds; size_t n_conds, cap_conds;
    size_t limit; int has_limit;
    unsigned within; int has_within;
    kg_qpattern *pats; size_t n_pats, cap_pats;
    kg_qlist ret;             /* match: returned variables */
    int ret_count;            /* match: "return ..., count" */
    kg_qlist without, through;/* relations never walked; entities a path visits in order */
    size_t shortest_k; int has_shortest; /* paths: shortest K */
    int by_confidence;        /* path / paths shortest K: fewest -ln(confidence) */
    double min_confidence; int has_min_confidence;
    int has_as_of;            /* as of DATE (as_of yyyymmdd) or as of now (as_of 0) */
    int32_t as_of;
    int is_profile;           /* "profile Q": run Q, step timings to the notes */
    unsigned top_n; int measure; /* top */
    int has_top_filter;       /* top N by degree with out / in / via / without / edge filters */
    unsigned seen;            /* clause bits, for "duplicate clause" errors */
} kg_query_ast;

typedef struct kg_script {
    kg_query_ast **queries; size_t n, cap;
    kg_arena arena;
    const char *src; size_t len;
    const char *source;       /* "query", a path, "stdin" */
    unsigned first_line;      /* line number of src[0] (1 normally) */
} kg_script;

/* Parse src[0..len) (one or more queries separated by ; or newlines) into s.
 * KG_ESYNTAX with err's line / column (characters) / offset set and a message
 * "expected X, found Y"; KG_ELIMIT over KG_MAX_QUERY_BYTES; KG_ENOMEM.
 * Free with kg_script_free (also on failure). */
int kg_parse_script(const char *src, size_t len, const char *source, kg_script *s,
                    kg_error *err);
void kg_script_free(kg_script *s);
/* Fill err with a syntax error at byte offset off of src. Returns KG_ESYNTAX. */
int kg_parse_error_at(const char *src, size_t len, const char *source, size_t off,
                      kg_error *err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* ------------------------------------------------------------- resolution */

typedef struct kg_qctx kg_qctx;

typedef struct kg_idset { int64_t *ids; size_t n; } kg_idset;

/* Resolve an entity term (name or regex) to entity ids (caller frees ids).
 * No match is KG_ENOTFOUND "no entity "X"; did you mean ...". */
int kg_plan_entity(kg_qctx *c, const kg_qterm *t, kg_idset *out, kg_error *err);
int kg_plan_relation(kg_qctx *c, const kg_qterm *t, kg_idset *out, kg_error *err);
/* Resolve a list of relation terms into one sorted id set. */
int kg_plan_relations(kg_qctx *c, const kg_qlist *l, kg_idset *out, kg_error *err);
int kg_plan_entities(kg_qctx *c, const kg_qlist *l, kg_idset *out, kg_error *err);
/* Evaluate a match query, calling emit for each binding row. */
int kg_plan_match(kg_qctx *c, const kg_query_ast *q, kg_error *err);
/* explain: one "resolve" row saying what a name matched. */
int kg_explain_resolved(kg_qctx *c, int is_rel, const kg_qterm *t, const kg_idset *ids);
/* where name ^= P: does name start with prefix, case-insensitively? */
int kg_name_has_prefix(const char *name, const char *prefix);
/* explain: "filter" rows for min confidence and as of. */
void kg_explain_edge_filters(kg_qctx *c, const kg_query_ast *q);
/* A crude English lemma of a relation phrase's first word ("holds license" ->
 * "hold license"); NULL when unchanged. Caller frees. */
char *kg_plan_lemma(const char *name);

/* ---------------------------------------------------------------- output */

typedef struct kg_qcol {
    const char *text_name;    /* tsv / table header, NULL = not shown there */
    const char *json_name;    /* jsonl key, NULL = not shown there */
} kg_qcol;

typedef struct kg_qout kg_qout;
int kg_out_begin(kg_qout *o, const kg_qcol *cols, size_t n_cols);
/* One cell: text for tsv/table, json fragment for jsonl (NULL json = key
 * omitted in this row). Both copied. */
int kg_out_cell(kg_qout *o, const char *text, const char *json);
int kg_out_cell_str(kg_qout *o, const char *s);
int kg_out_cell_int(kg_qout *o, int64_t v);
int kg_out_cell_real(kg_qout *o, double v);
int kg_out_cell_bool(kg_qout *o, int v);
int kg_out_cell_null(kg_qout *o);
int kg_out_row_end(kg_qout *o);
int kg_out_end(kg_qout *o);
/* Subgraph collection for graphml / dot. */
int kg_out_entity(kg_qout *o, int64_t id);
int kg_out_triple(kg_qout *o, const kg_edge *e);
int kg_out_is_subgraph(const kg_qout *o);
/* Rows written since kg_out_new (a "count Q" run: its one count row). */
int64_t kg_out_rows(const kg_qout *o);

kg_qout *kg_out_new(int format, FILE *f);
/* on = 1: rows are counted, not written; kg_out_end writes one "count" row. */
void kg_out_count_only(kg_qout *o, int on);
void kg_out_free(kg_qout *o);
/* Flush a graph format: call kg_export on the collected subgraph. */
int kg_out_finish(kg_qout *o, kg_store *st, const kg_export_options *opt, kg_error *err);

/* ---------------------------------------------------------- query context */

struct kg_qctx {
    kg_store *st;
    const kg_tripleset *skip; /* the running query's min confidence / as of filter, or NULL */
    int32_t as_of;            /* its date (yyyymmdd) when it has "as of" */
    double t_step;            /* profile: when the last step ended (ms), < 0 when not profiling */
    kg_buf *profile;          /* profile: "step ms" lines */
    kg_graph *g;              /* opened lazily by kg_qctx_graph */
    kg_qout *out;
    kg_buf *notes;            /* notices for stderr (truncation); may be NULL */
    const kg_script *script;  /* for error positions */
    int format;
    /* with evidence: the rows' evidence read in a few batched queries before
     * they are written (by triple id), or NULL */
    kg_statement *ev; size_t n_ev;
};
int kg_qctx_graph(kg_qctx *c, kg_error *err);
const char *kg_qctx_entity_name(kg_qctx *c, int64_t id);
const char *kg_qctx_relation_name(kg_qctx *c, int64_t id);
int kg_qctx_note(kg_qctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

int kg_eval_query(kg_qctx *c, const kg_query_ast *q, kg_error *err);
/* profile: close the step `name` (time since the previous step). No-op when not profiling. */
void kg_qctx_step(kg_qctx *c, const char *name);

#endif
