# mk/ner.mk -- named-entity part: the lexicon generator, the NER dump tool and
# the gum-wiki entity evaluation.
#
#   make lexicon       regenerate data/lexicon/places.tsv, currencies.tsv from
#                      Debian's iso-codes and tzdata, dictionary.tsv from wamerican
#                      (the results are shipped)
#   make entity-eval   score NER on GUM_DIR (default ../shared/data/gum-wiki)
#                      with ENTITY_SCORE (default ../shared/eval/entity_score.py)

GUM_DIR      ?= $(abspath ../shared/data/gum-wiki)
ENTITY_SCORE ?= $(abspath ../shared/eval/entity_score.py)
NER_DUMP      = $(BUILD)/tools/ner_dump

.PHONY: lexicon entity-eval install-lexicon

$(NER_DUMP): tools/ner_dump.c $(BUILD)/libkg.a
	@mkdir -p $(dir $@)
	$(CC) $(KG_CFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)

lexicon:
	python3 tools/gen_lexicon.py data/lexicon

entity-eval: $(NER_DUMP)
	@rm -rf $(BUILD)/entity-eval && mkdir -p $(BUILD)/entity-eval
	KG_DATA=$(abspath data) $(NER_DUMP) --out $(BUILD)/entity-eval $(GUM_DIR)/text/*.txt
	python3 $(ENTITY_SCORE) $(GUM_DIR) $(BUILD)/entity-eval

install: install-lexicon
install-lexicon:
	install -d $(DESTDIR)$(PREFIX)/share/kg/lexicon
	install -m 644 data/lexicon/*.tsv data/lexicon/COPYRIGHT.* $(DESTDIR)$(PREFIX)/share/kg/lexicon/
