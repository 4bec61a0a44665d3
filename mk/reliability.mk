# mk/reliability.mk -- the full crash-safety and concurrency runs (issue 7),
# owned by RELIABILITY. `make check` runs the same scripts small (16 documents,
# 5 kill trials); `make reliability` runs them over all 56 gum-wiki documents
# with 20 kill trials (2 kills each) and prints the figures.
#   make reliability [KG_REL_BIN=path/to/kg]

KG_REL_BIN ?= $(abspath $(KG_BIN))

.PHONY: reliability
reliability: $(KG_BIN)
	@tmp=$$(mktemp -d) && cd $$tmp && \
	  echo "== crash_kill (56 documents, 20 trials)" && \
	  KG=$(KG_REL_BIN) KG_TOP=$(CURDIR) KG_DATA=$(CURDIR)/data REL_DOCS=56 REL_TRIALS=20 \
	    sh $(CURDIR)/tests/e2e/crash_kill.sh && \
	  echo "== concurrency (56 documents, 2 writers + 2 readers)" && \
	  KG=$(KG_REL_BIN) KG_TOP=$(CURDIR) KG_DATA=$(CURDIR)/data REL_DOCS=56 \
	    sh $(CURDIR)/tests/e2e/concurrency.sh; \
	  st=$$?; cd / && rm -rf $$tmp; exit $$st

# make valgrind: the unit tests (CK_FORK=no, KG_TEST_SLOW=1: fewer out-of-memory
# attempts in test_store) and the reliability e2e tests
# under valgrind (memcheck: errors and definite leaks fail the run). Slow: the
# e2e scripts scale their sizes down (REL_SLOW=1) and run kg through a wrapper.
VALGRIND ?= valgrind --quiet --error-exitcode=99 --leak-check=full \
            --errors-for-leak-kinds=definite --show-leak-kinds=definite
VALGRIND_E2E ?= hostile_import hostile_query hostile_ingest hostile_newdb crash_kill

.PHONY: valgrind
valgrind: $(KG_BIN) $(TEST_BIN)
	@command -v valgrind >/dev/null 2>&1 || { echo "kg: valgrind not installed"; exit 1; }
	@mkdir -p $(BUILD)/valgrind && \
	  printf '#!/bin/sh\nexec %s %s "$$@"\n' "$(VALGRIND)" "$(abspath $(KG_BIN))" >$(BUILD)/valgrind/kg && \
	  chmod +x $(BUILD)/valgrind/kg
	@fail=0; for t in $(TEST_BIN); do echo "== valgrind $$t"; \
	  CK_FORK=no KG_TEST_SLOW=1 KG_DATA=$(CURDIR)/data $(VALGRIND) $$t >$(BUILD)/valgrind/$$(basename $$t).log 2>&1 || \
	  { echo "FAIL: $$t"; tail -n 30 $(BUILD)/valgrind/$$(basename $$t).log; fail=1; }; done; \
	for t in $(VALGRIND_E2E); do echo "== valgrind e2e $$t"; tmp=$$(mktemp -d); \
	  (cd $$tmp && KG=$(abspath $(BUILD))/valgrind/kg KG_TOP=$(CURDIR) KG_DATA=$(CURDIR)/data \
	    REL_SLOW=1 REL_TRIALS=2 REL_DOCS=4 REL_TIMEOUT=600 sh $(CURDIR)/tests/e2e/$$t.sh >$$tmp/.log 2>&1) || \
	  { echo "FAIL: $$t"; tail -n 30 $$tmp/.log; fail=1; }; rm -rf $$tmp; done; exit $$fail
