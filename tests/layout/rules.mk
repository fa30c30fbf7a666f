# tests/layout: the memory-map parsers of tools/layout (test_tools), under
# ASan and UBSan.  The parsers are built here with fail_alloc.h forced in,
# so the test can fail each of their allocations in turn; data/layouts/
# and tests/layout/data/ are the fixtures.  `make test-tools` builds and
# runs it (a few seconds); `build/layout/test_tools -v -s SEED -n OPS`
# reruns the seeded mutations with another seed or budget.

LAYOUT_TEST_DIR  := tests/layout
LAYOUT_TEST_OUT  := $(BUILD)/layout
LAYOUT_TEST_BIN  := $(LAYOUT_TEST_OUT)/test_tools
LAYOUT_TEST_OBJS := $(addprefix $(LAYOUT_TEST_OUT)/parsers/,$(notdir $(LAYOUT_SRCS:.c=.o))) \
		    $(LAYOUT_TEST_OUT)/fail_alloc.o $(LAYOUT_TEST_OUT)/test_tools.o
LAYOUT_TEST_DEPS := $(LAYOUT_HDRS) pmm_types.h tests/lib/test.h tests/lib/test_dir.h \
		    $(LAYOUT_TEST_DIR)/fail_alloc.h $(LAYOUT_TEST_DIR)/layout_test.h \
		    $(LAYOUT_TEST_DIR)/rules.mk tools/layout/rules.mk

# test_fdt: the device-tree reader (parse_fdt.c, dtc.c), its cases in the
# same harness; the blobs of the .dts fixtures are compiled here by dtc,
# never committed: `make test-fdt`.
FDT_TEST_BIN     := $(LAYOUT_TEST_OUT)/test_fdt
FDT_TEST_OBJS    := $(filter-out %/test_tools.o,$(LAYOUT_TEST_OBJS)) $(LAYOUT_TEST_OUT)/test_fdt.o
LAYOUT_TEST_DTBS := $(patsubst $(LAYOUT_TEST_DIR)/data/%.dts,$(LAYOUT_TEST_OUT)/dtb/%.dtb, \
		     $(wildcard $(LAYOUT_TEST_DIR)/data/*.dts))

TESTS += test-tools test-fdt
.PHONY: test-tools test-fdt
HELP_test-tools         := memory-map parsers: the 12 .src maps, every format's cases, bad input, round trips
HELP_test-fdt           := device trees: blobs read with libfdt, sources through dtc, hostile blobs

$(LAYOUT_TEST_OUT)/parsers/%.o: tools/layout/%.c $(LAYOUT_TEST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -include $(LAYOUT_TEST_DIR)/fail_alloc.h -c -o $@ $<

$(LAYOUT_TEST_OUT)/%.o: $(LAYOUT_TEST_DIR)/%.c $(LAYOUT_TEST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(LAYOUT_TEST_BIN): $(LAYOUT_TEST_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS)

$(FDT_TEST_BIN): $(FDT_TEST_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS)

$(LAYOUT_TEST_OUT)/dtb/%.dtb: $(LAYOUT_TEST_DIR)/data/%.dts
	@mkdir -p $(@D)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

test-tools: $(LAYOUT_TEST_BIN)
	$(Q)$< -t $(LAYOUT_TEST_OUT)/tmp

test-fdt: $(FDT_TEST_BIN) $(LAYOUT_TEST_DTBS)
	$(Q)$< -d $(LAYOUT_TEST_OUT)/dtb -t $(LAYOUT_TEST_OUT)/tmp
