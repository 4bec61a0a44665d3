/*
 * kg_traverse.h -- local traversal (BFS, bidirectional BFS, pattern lookups)
 * and global algorithms (igraph) over the store. Owned by the query/graph
 * engine work; filled in by that module.
 */
#ifndef KG_TRAVERSE_H
#define KG_TRAVERSE_H

#include "kg_store.h"

#endif
