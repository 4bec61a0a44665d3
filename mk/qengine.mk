# mk/qengine.mk -- extra targets of the graph engine (QENGINE).
#   make engine-driver   build/bench/kg-engine, the engine's bench driver
.PHONY: engine-driver
engine-driver: $(BUILD)/bench/kg-engine

$(BUILD)/bench/kg-engine: bench/engine_driver.c $(BUILD)/libkg.a
	@mkdir -p $(dir $@)
	$(CC) $(KG_CFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)
