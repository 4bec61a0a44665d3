# mk/export.mk -- installing the library side of kg: libkg.a, kg.h and the
# headers it includes (under include/kg/), kg.pc, the man page and the bash
# completion. `make install` depends on install-extra.

KG_PUBLIC_HEADERS = $(wildcard base/kg_*.h graph/kg_*.h ingest/kg_*.h query/kg_*.h)
KG_PC_VERSION = $(shell sed -n 's/^\#define KG_VERSION "\(.*\)"/\1/p' base/kg_base.h)

.PHONY: install-extra uninstall-extra
install: install-extra
uninstall: uninstall-extra

install-extra: $(BUILD)/libkg.a
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/kg/base \
	  $(DESTDIR)$(PREFIX)/include/kg/graph $(DESTDIR)$(PREFIX)/include/kg/ingest \
	  $(DESTDIR)$(PREFIX)/include/kg/query $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 $(BUILD)/libkg.a $(DESTDIR)$(PREFIX)/lib/libkg.a
	install -m 644 kg.h $(DESTDIR)$(PREFIX)/include/kg/kg.h
	for h in $(KG_PUBLIC_HEADERS); do install -m 644 $$h $(DESTDIR)$(PREFIX)/include/kg/$$h || exit 1; done
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(KG_PC_VERSION)|g' kg.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/kg.pc
	install -m 644 doc/kg.1 $(DESTDIR)$(PREFIX)/share/man/man1/kg.1
	install -m 644 contrib/kg.bash-completion $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kg

uninstall-extra:
	rm -rf $(DESTDIR)$(PREFIX)/include/kg
	rm -f $(DESTDIR)$(PREFIX)/lib/pkgconfig/kg.pc $(DESTDIR)$(PREFIX)/share/man/man1/kg.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kg
