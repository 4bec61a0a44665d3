/*
 * kg_ingest.h -- the ingest stage's public face: text analysis (kg_text.h:
 * sentences, tokens, part-of-speech tags, lemmas) and extraction
 * (kg_extract.h: mentions, entities, triples, storing documents).
 * Includes graph's header (data flows ingest -> graph), never query's.
 */
#ifndef KG_INGEST_H
#define KG_INGEST_H

#include "../base/kg_base.h"
#include "../graph/kg_graph.h"
#include "kg_text.h"
#include "kg_extract.h"

#endif
