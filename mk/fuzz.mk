# mk/fuzz.mk -- libFuzzer harnesses (tests/fuzz/fuzz_*.c), owned by RELIABILITY.
#
#   make fuzz FUZZ_SECONDS=N [FUZZ_NAMES="query tok"]   run each harness N seconds
#   make fuzz-ci                                          each harness ~30 s (CI)
#   make fuzz-build                                       only build build-fuzz/fuzz_*
#
# The library is rebuilt with clang into build-fuzz/ with
# -fsanitize=fuzzer-no-link,address,undefined; each harness links
# -fsanitize=fuzzer. Working corpora go to build-fuzz/corpus/NAME (the seeds in
# tests/fuzz/corpus/NAME are only read); crashes to build-fuzz/artifacts/NAME/.
# A crash found here is minimised and copied into tests/fuzz/regress/NAME/,
# which tests/test_fuzz_regress.c replays in `make check` and `make asan`.
# Fuzzers run under `nice -n 19`: the machine is shared.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   ?= build-fuzz
FUZZ_ALL      = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES   ?= $(FUZZ_ALL)
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OPT      = -O1 -g -fno-omit-frame-pointer
FUZZ_FLAGS   ?= -timeout=20 -rss_limit_mb=2048 -max_len=65536
FUZZ_BINS     = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)

.PHONY: fuzz fuzz-ci fuzz-build fuzz-lib
fuzz-lib:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || \
	  { echo "kg: fuzz: $(FUZZ_CC) not found (apt-get install clang libclang-rt-14-dev)"; exit 1; }
	$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT='$(FUZZ_OPT)' \
	  SAN='-fsanitize=fuzzer-no-link $(FUZZ_SAN)' WERROR= lib

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_BUILD)/libkg.a
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(FUZZ_OPT) \
	  -fsanitize=fuzzer $(FUZZ_SAN) -I. -Ibase -Igraph -Iingest -Iquery \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -o $@ $< $(FUZZ_BUILD)/libkg.a $(LIBS)

# The library is always refreshed first (fuzz-lib is a no-op when up to date).
fuzz-build: fuzz-lib
	$(MAKE) --no-print-directory $(FUZZ_BINS)

fuzz: fuzz-build
	@fail=0; for n in $(FUZZ_NAMES); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$n $(FUZZ_BUILD)/artifacts/$$n tests/fuzz/corpus/$$n tests/fuzz/regress/$$n; \
	  echo "== fuzz $$n for $(FUZZ_SECONDS) s"; \
	  KG_DATA=$(CURDIR)/data nice -n 19 $(FUZZ_BUILD)/fuzz_$$n $(FUZZ_FLAGS) \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/artifacts/$$n/ \
	    $(FUZZ_BUILD)/corpus/$$n tests/fuzz/corpus/$$n tests/fuzz/regress/$$n \
	    >$(FUZZ_BUILD)/fuzz_$$n.log 2>&1 || \
	  { echo "FAIL: fuzz $$n (see $(FUZZ_BUILD)/fuzz_$$n.log, $(FUZZ_BUILD)/artifacts/$$n/)"; \
	    tail -n 40 $(FUZZ_BUILD)/fuzz_$$n.log; fail=1; }; \
	  grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' $(FUZZ_BUILD)/fuzz_$$n.log | tail -n 2; \
	done; exit $$fail

fuzz-ci:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30
