# mk/extract.mk -- evaluation and training of the extractor (EXTRACT).
#
#   make carb-eval          kg extract --format carb on CaRB dev, scored by carb_score.py
#   make train-confidence   refit data/confidence.txt (logistic regression) on CaRB dev
#
# Both read the shared CaRB dev split (CARB_DIR) and scorer (CARB_EVAL); the copy
# in tests/data/carb/ is what `make check` uses for its regression floors.

CARB_DIR  ?= /work/shared/data/carb-dev
CARB_EVAL ?= /work/shared/eval
PYTHON3   ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)

.PHONY: carb-eval train-confidence
carb-eval: $(KG_BIN)
	@mkdir -p $(BUILD)/carb
	./$(KG_BIN) extract --format carb $(CARB_DIR)/dev.txt > $(BUILD)/carb/dev.tsv
	$(PYTHON3) $(CARB_EVAL)/carb_score.py --gold $(CARB_DIR)/gold/dev.tsv --system $(BUILD)/carb/dev.tsv

train-confidence: $(KG_BIN)
	@mkdir -p $(BUILD)/carb
	./$(KG_BIN) extract --format carb --features $(CARB_DIR)/dev.txt > $(BUILD)/carb/features.tsv
	$(PYTHON3) mk/train_confidence.py --gold $(CARB_DIR)/gold/dev.tsv --features $(BUILD)/carb/features.tsv \
	  --scorer $(CARB_EVAL) --out data/confidence.txt
