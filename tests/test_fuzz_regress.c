/*
 * test_fuzz_regress.c -- replays the fuzzing seeds and every input the fuzzers
 * ever crashed on (tests/fuzz/corpus/NAME/ and tests/fuzz/regress/NAME/)
 * through the libFuzzer harnesses, built here as plain C with gcc (and under
 * ASan/UBSan by `make asan`). A harness aborts on a broken invariant, so a
 * regression fails this test. Each harness is #included with its entry point
 * renamed; add a harness here when its module has landed.
 */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LLVMFuzzerTestOneInput kg_fuzz_base
#include "fuzz/fuzz_base.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_import_tsv
#include "fuzz/fuzz_import_tsv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_import_nt
#include "fuzz/fuzz_import_nt.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_import_jsonl
#include "fuzz/fuzz_import_jsonl.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_tok
#include "fuzz/fuzz_tok.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_extract
#include "fuzz/fuzz_extract.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput kg_fuzz_query
#include "fuzz/fuzz_query.c"
#undef LLVMFuzzerTestOneInput

typedef int (*harness_fn)(const uint8_t *data, size_t size);

static const struct {
    const char *name;
    harness_fn fn;
} harnesses[] = {
    {"base", kg_fuzz_base},
    {"import_tsv", kg_fuzz_import_tsv},
    {"import_nt", kg_fuzz_import_nt},
    {"import_jsonl", kg_fuzz_import_jsonl},
    {"tok", kg_fuzz_tok},
    {"extract", kg_fuzz_extract},
    {"query", kg_fuzz_query},
};

/* Run fn on every regular file of dir; returns the number of files run. */
static size_t replay_dir(const char *dir, harness_fn fn)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        kg_buf b = {0};
        kg_error err = {0};
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (kg_read_file(path, 16u * 1024u * 1024u, &b, &err) != KG_OK) {
            kg_buf_free(&b);
            continue; /* a subdirectory or an unreadable file: not an input */
        }
        fn((const uint8_t *)(b.data ? b.data : ""), b.len);
        kg_buf_free(&b);
        n++;
    }
    closedir(d);
    return n;
}

START_TEST(replay)
{
    char dir[512];
    size_t n;
    snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", harnesses[_i].name);
    n = replay_dir(dir, harnesses[_i].fn);
    ck_assert_msg(n > 0, "no seed inputs in %s (run from the repository root)", dir);
    snprintf(dir, sizeof dir, "tests/fuzz/regress/%s", harnesses[_i].name);
    replay_dir(dir, harnesses[_i].fn);
    /* The empty input and a lone NUL are always worth a run. */
    harnesses[_i].fn((const uint8_t *)"", 0);
    harnesses[_i].fn((const uint8_t *)"\0", 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fuzz_regress");
    TCase *tc = tcase_create("replay");
    SRunner *sr;
    int failed;
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, replay, 0, (int)(sizeof harnesses / sizeof harnesses[0]));
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
