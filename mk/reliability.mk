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
	  echo "== concurrency (56 documents, 2 writers + 1 reader)" && \
	  KG=$(KG_REL_BIN) KG_TOP=$(CURDIR) KG_DATA=$(CURDIR)/data REL_DOCS=56 \
	    sh $(CURDIR)/tests/e2e/concurrency.sh; \
	  st=$$?; cd / && rm -rf $$tmp; exit $$st
