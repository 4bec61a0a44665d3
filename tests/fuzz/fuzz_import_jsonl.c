/*
 * fuzz_import_jsonl.c -- libFuzzer harness for the jsonl importer
 * (kg_import_jsonl, graph/import_jsonl.c: what kg extract --format jsonl and
 * kg export --format jsonl write). Invariants: fuzz_import_common.h.
 */
#include "fuzz_import_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_import_one(kg_import_jsonl, "import.jsonl", data, size);
}
