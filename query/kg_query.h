/*
 * kg_query.h -- the query stage: lexer, parser, planner and evaluator of the
 * kg query language (docs/QUERY-LANGUAGE.md) over graph/.
 * Includes graph's header; graph/ never includes this one.
 */
#ifndef KG_QUERY_H
#define KG_QUERY_H

#include "../base/kg_base.h"
#include "../graph/kg_graph.h"

#endif
