# mk/valgrind.mk -- kg's commands under valgrind memcheck (issue 7).
#
#   make valgrind       the unit tests and reliability e2e tests (mk/reliability.mk),
#                       then every kg command and its main error paths (tests/valgrind.sh)
#   make valgrind-cli   the kg commands (tests/valgrind.sh, 95 commands: ~3 min on 2
#                       busy cores), then the e2e scripts in VG_E2E with KG set to a
#                       valgrind wrapper, every kg process they start checked (the
#                       default four start ~180 kg processes: ~4 min more)
#   make valgrind-cli VG_E2E=       the commands only
#
# Not every e2e script fits the wrapper: tag_errors.sh copies $KG's bytes as
# "binary input", which for the wrapper is a shell script (kg then tags it).
#
# A memory error or a definite/indirect leak fails the run; "possibly lost" and
# "still reachable" do not (see tests/valgrind.supp). Too slow for .ci/run.

VG_E2E ?= queries query_cli store_errors extract_errors

.PHONY: valgrind-cli
valgrind: valgrind-cli

valgrind-cli: $(KG_BIN)
	@command -v valgrind >/dev/null 2>&1 || { echo "kg: valgrind not installed (apt-get install valgrind)"; exit 1; }
	@KG=$(abspath $(KG_BIN)) KG_TOP=$(CURDIR) KG_DATA=$(CURDIR)/data VG_E2E="$(VG_E2E)" \
	  VG_SUPP=$(CURDIR)/tests/valgrind.supp sh tests/valgrind.sh
