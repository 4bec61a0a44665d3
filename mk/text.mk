# mk/text.mk -- the tagger's training and the text-analysis evaluations (TEXT).
#
#   make train-tagger      retrain data/tagger.bin on UD EWT train (dev picks the epochs);
#                          deterministic, a few minutes on one core
#   make tagger-accuracy   UPOS / XPOS / LEMMA accuracy on en_ewt-ud-test (gold tokens)
#   make sentence-eval     sentence-end precision / recall / F1 on ../shared/data/gum-wiki
#
# EWT_DIR and GUM_DIR default to the shared data beside the checkout.

EWT_DIR ?= $(abspath ..)/shared/data/ud-ewt
GUM_DIR ?= $(abspath ..)/shared/data/gum-wiki

.PHONY: train-tagger tagger-accuracy sentence-eval
train-tagger: $(KG_BIN)
	./$(KG_BIN) train-tagger --train $(EWT_DIR)/en_ewt-ud-train.conllu \
	  --dev $(EWT_DIR)/en_ewt-ud-dev.conllu --lexicon data/lexicon/wordnet.tsv \
	  --neighbours data/lexicon/neighbours.tsv -o data/tagger.bin

tagger-accuracy: $(KG_BIN)
	@mkdir -p $(BUILD)
	./$(KG_BIN) tag --conllu $(EWT_DIR)/en_ewt-ud-test.conllu > $(BUILD)/ewt-test.pred.conllu
	@echo "en_ewt-ud-test (gold tokens):"
	@sh bench/tag_score.sh $(EWT_DIR)/en_ewt-ud-test.conllu $(BUILD)/ewt-test.pred.conllu
	./$(KG_BIN) tag --conllu $(EWT_DIR)/en_ewt-ud-dev.conllu > $(BUILD)/ewt-dev.pred.conllu
	@echo "en_ewt-ud-dev (gold tokens):"
	@sh bench/tag_score.sh $(EWT_DIR)/en_ewt-ud-dev.conllu $(BUILD)/ewt-dev.pred.conllu

sentence-eval: $(KG_BIN)
	@KG=$(abspath $(KG_BIN)) sh bench/sent_score.sh $(GUM_DIR)
