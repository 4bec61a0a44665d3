/*
 * kg_graph.h -- the graph stage's public face: the SQLite triple store
 * (kg_store.h), whole-graph and subgraph writers (kg_export.h) and traversal /
 * graph algorithms (kg_traverse.h). ingest/ and query/ include this header;
 * graph/ includes neither of them.
 */
#ifndef KG_GRAPH_H
#define KG_GRAPH_H

#include "../base/kg_base.h"
#include "kg_store.h"
#include "kg_export.h"
#include "kg_traverse.h"

#endif
