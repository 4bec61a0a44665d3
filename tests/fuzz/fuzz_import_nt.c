/*
 * fuzz_import_nt.c -- libFuzzer harness for the N-Triples importer
 * (kg_import_nt, graph/import_nt.c). Invariants: fuzz_import_common.h.
 */
#include "fuzz_import_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_import_one(kg_import_nt, "import.nt", data, size);
}
