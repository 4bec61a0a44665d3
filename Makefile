# kg -- knowledge-graph builder and query tool.  Plain make; see README.md.
#
#   make            build ./kg (and libkg.a)
#   make check      unit tests (Check) + end-to-end tests
#   make asan       the same tests built with address + undefined sanitizers
#   make demo       ingest the bundled sample article into a fresh database, ask it questions
#   make bench      benchmarks against peers measured in the same run (bench/*.sh)
#   make deps       install the Debian packages the build needs
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
PKGS     = igraph sqlite3 libpcre2-8
DEBPKGS  = build-essential libigraph-dev libsqlite3-dev libpcre2-dev check pkg-config

WARN    = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
          -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN   += -Werror
endif
OPT     ?= -O2 -g
SAN     ?=
CFLAGS  ?=
KG_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) $(SAN) \
            -DKG_DATADIR='"$(PREFIX)/share/kg"' -I. -Ibase -Igraph -Iingest -Iquery \
            $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LIBS    = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

LIB_SRC  = $(wildcard base/*.c graph/*.c ingest/*.c query/*.c)
CLI_SRC  = $(wildcard cli/*.c)
TEST_SRC = $(wildcard tests/test_*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schema.o
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
KG_BIN   = $(if $(filter build,$(BUILD)),kg,$(BUILD)/kg)

.PHONY: all check unit e2e asan demo bench deps install uninstall clean lib
all: $(KG_BIN)

lib: $(BUILD)/libkg.a

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KG_CFLAGS) -MMD -MP -c $< -o $@

# The schema is kept as SQL (graph/schema.sql) and embedded as a C string.
$(BUILD)/gen/schema.c: graph/schema.sql
	@mkdir -p $(dir $@)
	{ echo '/* generated from graph/schema.sql by make */'; \
	  echo 'extern const char kg_schema_sql[];'; \
	  echo 'const char kg_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/  "/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@
$(BUILD)/gen/schema.o: $(BUILD)/gen/schema.c
	$(CC) $(KG_CFLAGS) -c $< -o $@

$(BUILD)/libkg.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(KG_BIN): $(CLI_OBJ) $(BUILD)/libkg.a
	$(CC) $(KG_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libkg.a $(LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libkg.a
	@mkdir -p $(dir $@)
	$(CC) $(KG_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS) $(CHECK_LIBS)

check: deps $(KG_BIN) $(TEST_BIN)
	@KG=$(abspath $(KG_BIN)) BUILD=$(BUILD) sh tests/run.sh

unit: $(TEST_BIN)
	@for t in $(TEST_BIN); do echo "== $$t"; $$t || exit 1; done

e2e: $(KG_BIN)
	@KG=$(abspath $(KG_BIN)) BUILD=$(BUILD) KG_ONLY=e2e sh tests/run.sh

asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' check

demo: deps $(KG_BIN)
	@sh data/demo.sh $(abspath $(KG_BIN))

bench: $(KG_BIN)
	@KG=$(abspath $(KG_BIN)) sh bench/run.sh

# What the build needs, and what the tests read kg's output back with.
TESTPKGS = sqlite3 python3 python3-networkx python3-igraph python3-rdflib libxml2-utils graphviz
deps:
	@missing=""; \
	for p in igraph sqlite3 libpcre2-8 check; do \
	  pkg-config --exists $$p 2>/dev/null || missing=yes; done; \
	for c in pkg-config $(CC) sqlite3 xmllint dot; do \
	  command -v $$c >/dev/null 2>&1 || missing=yes; done; \
	/usr/bin/python3 -c 'import networkx, igraph, rdflib' >/dev/null 2>&1 || missing=yes; \
	if [ -z "$$missing" ]; then echo "deps: all present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $(DEBPKGS) $(TESTPKGS); \
	else echo "deps: missing; run: sudo apt-get install -y $(DEBPKGS) $(TESTPKGS)"; exit 1; fi

deps-check:
	@command -v pkg-config >/dev/null 2>&1 && pkg-config --exists $(PKGS) check || \
	  { echo "kg: build dependencies missing; run 'make deps'"; exit 1; }

install: $(KG_BIN) $(BUILD)/libkg.a
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kg $(DESTDIR)$(PREFIX)/lib \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(KG_BIN) $(DESTDIR)$(PREFIX)/bin/kg
	install -m 644 $(BUILD)/libkg.a $(DESTDIR)$(PREFIX)/lib/libkg.a
	for f in data/*.bin data/*.txt data/*.tsv; do [ -f "$$f" ] && install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/kg/ || true; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kg $(DESTDIR)$(PREFIX)/lib/libkg.a
	rm -rf $(DESTDIR)$(PREFIX)/share/kg

clean:
	rm -rf build build-asan kg

.PHONY: deps-check
-include $(wildcard mk/*.mk)
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
