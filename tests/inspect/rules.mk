# tests/inspect: pmm-inspect.  test_account holds the accounting to figures
# worked out by hand and to pmm_stats of the real instances, over every
# map and preset; test_svg checks the picture apart from the accounting
# (maps and accounts made by hand, every data/layouts map and 300 random
# ones, `test_svg -s SEED -n MAPS -v -o DIR`), and Python's XML parser
# reads what it drew; test_cli.py runs the sanitized program as people
# and tools do (every map, JSON, the picture, PFN queries, bad input,
# --live).

INSPECT_TEST_OUT := $(BUILD)/inspect-san

TESTS += test-inspect
HELP_test-inspect := pmm-inspect: accounting vs pmm_stats over every map and preset; the CLI, JSON, SVG, bad input, --live

.PHONY: test-inspect

$(INSPECT_TEST_OUT)/test_account: $(INSPECT_TEST_OUT)/test_account.o \
		$(filter-out %/main.o,$(call inspect_objs,$(INSPECT_TEST_OUT)))
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS) -lm

$(INSPECT_TEST_OUT)/test_account.o: tests/inspect/test_account.c $(INSPECT_HDRS) $(wildcard tests/lib/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -Itests/lib -c -o $@ $<

# test_svg draws accounts made by hand: account.c only for their names.
$(INSPECT_TEST_OUT)/test_svg: tests/inspect/test_svg.c tools/inspect/svg.c tools/inspect/account.c \
		tools/layout/layout.c \
		$(INSPECT_HDRS) $(wildcard tests/lib/*.h)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -Itests/lib -o $@ $(filter %.c,$^) $(TEST_LDFLAGS) -lm

test-inspect: $(INSPECT_TEST_OUT)/test_account $(INSPECT_TEST_OUT)/test_svg \
	      $(INSPECT_TEST_OUT)/pmm-inspect
	$(Q)status=0; \
	$(INSPECT_TEST_OUT)/test_account || status=1; \
	mkdir -p $(INSPECT_TEST_OUT)/svg; \
	$(INSPECT_TEST_OUT)/test_svg -o $(INSPECT_TEST_OUT)/svg || status=1; \
	$(GEN_PYTHON) tests/inspect/check_xml.py test-svg-xml $(INSPECT_TEST_OUT)/svg/*.svg || status=1; \
	$(GEN_PYTHON) tests/inspect/test_cli.py $(INSPECT_TEST_OUT)/pmm-inspect || status=1; \
	exit $$status
