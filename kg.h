/*
 * kg.h -- the one public header of libkg.a, kg's library: errors and buffers
 * (kg_base.h), the SQLite triple store, exports and traversal (kg_graph.h),
 * text analysis and extraction (kg_ingest.h) and the query language
 * (kg_query.h).
 *
 * Build against an installed kg with pkg-config:
 *   cc prog.c $(pkg-config --cflags --libs kg)
 * Library code never prints and never exits: every function that can fail
 * returns a KG_* code and fills a caller's kg_error. See README.md
 * ("Scripting") and kg(1).
 */
#ifndef KG_H
#define KG_H

#include "base/kg_base.h"
#include "graph/kg_graph.h"
#include "ingest/kg_ingest.h"
#include "query/kg_query.h"

#endif
