/*
 * kg_extract.h -- from analysed text to entity mentions and triples with
 * provenance, qualifiers and confidence; and storing documents (kg ingest).
 * Filled in by the extraction module.
 */
#ifndef KG_EXTRACT_H
#define KG_EXTRACT_H

#include "kg_text.h"
#include "../graph/kg_store.h"

#endif
