# mk/qengine.mk -- extra targets of the graph engine (QENGINE).
#   make engine-driver   build/bench/kg-engine, the engine's bench driver
.PHONY: engine-driver
engine-driver: $(BUILD)/bench/kg-engine

$(BUILD)/bench/kg-engine: bench/engine_driver.c $(BUILD)/libkg.a
	@mkdir -p $(dir $@)
	$(CC) $(KG_CFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)

# Start-up time: loading libigraph.so and what it pulls in (libxml2 and ICU,
# GLPK, GMP, ...) costs ~3 ms of every kg process, more than a local query
# itself (QUERY-LANGUAGE speed targets: neighbors <= 5 ms as a whole process).
# Debian's libigraph-dev ships libigraph.a; linking it statically keeps only the
# objects kg uses (pagerank, betweenness, multilevel), which need ARPACK
# (libarpack.so.2, a dependency of libigraph3), libstdc++ and libgomp.
# Only the kg binary and the engine driver: the unit tests keep the shared
# library (test_export reads GraphML through igraph, which needs libxml2).
# Falls back to the shared library when the archive or ARPACK is missing;
# `make IGRAPH_STATIC=0` forces the shared one.
IGRAPH_STATIC ?= 1
IGRAPH_LIBDIR := $(shell pkg-config --variable=libdir igraph 2>/dev/null)
IGRAPH_ARCHIVE := $(wildcard $(IGRAPH_LIBDIR)/libigraph.a)
IGRAPH_ARPACK := $(firstword $(wildcard $(IGRAPH_LIBDIR)/libarpack.so $(IGRAPH_LIBDIR)/libarpack.so.2))
ifeq ($(IGRAPH_STATIC),1)
ifneq ($(and $(IGRAPH_ARCHIVE),$(IGRAPH_ARPACK)),)
# igraph's PRPACK is C++: libstdc++'s archive (when the compiler has one) saves
# another ~1 ms of symbol relocation at start-up.
STDCXX_ARCHIVE := $(filter /%,$(shell $(CC) -print-file-name=libstdc++.a 2>/dev/null))
KG_STDCXX_STATIC = -Wl,-Bstatic -lstdc++ -Wl,-Bdynamic
KG_STDCXX = $(if $(wildcard $(STDCXX_ARCHIVE)),$(KG_STDCXX_STATIC),-lstdc++)
KG_STATIC_LIBS = -Wl,--as-needed $(IGRAPH_ARCHIVE) $(IGRAPH_ARPACK) \
       $(shell pkg-config --libs sqlite3 libpcre2-8 2>/dev/null) $(KG_STDCXX) -lgomp -lpthread -lm
$(KG_BIN) $(BUILD)/bench/kg-engine: LIBS = $(KG_STATIC_LIBS)
endif
endif
