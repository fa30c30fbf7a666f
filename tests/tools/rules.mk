# tests/tools: the memory-map parsers of tools/layout (test_tools), under
# ASan and UBSan.  The parsers are built here with fail_alloc.h forced in,
# so the test can fail each of their allocations in turn; data/layouts/
# and tests/tools/data/ are the fixtures.  `make test-tools` builds and
# runs it (a few seconds); `build/tools/test_tools -v -s SEED -n OPS`
# reruns the seeded mutations with another seed or budget.

TOOLS_TEST_DIR  := tests/tools
TOOLS_TEST_OUT  := $(BUILD)/tools
TOOLS_TEST_BIN  := $(TOOLS_TEST_OUT)/test_tools
TOOLS_TEST_OBJS := $(addprefix $(TOOLS_TEST_OUT)/layout/,$(notdir $(LAYOUT_SRCS:.c=.o))) \
		   $(TOOLS_TEST_OUT)/fail_alloc.o $(TOOLS_TEST_OUT)/test_tools.o
TOOLS_TEST_DEPS := $(LAYOUT_HDRS) pmm_types.h tests/lib/test.h $(TOOLS_TEST_DIR)/fail_alloc.h $(TOOLS_TEST_DIR)/layout_test.h \
		   $(TOOLS_TEST_DIR)/rules.mk tools/layout/rules.mk

# test_fdt: the device-tree reader (parse_fdt.c, dtc.c), its cases in the
# same harness; the blobs of the .dts fixtures are compiled here by dtc,
# never committed: `make test-fdt`.
FDT_TEST_BIN    := $(TOOLS_TEST_OUT)/test_fdt
FDT_TEST_OBJS   := $(filter-out %/test_tools.o,$(TOOLS_TEST_OBJS)) $(TOOLS_TEST_OUT)/test_fdt.o
TOOLS_TEST_DTBS := $(patsubst $(TOOLS_TEST_DIR)/data/%.dts,$(TOOLS_TEST_OUT)/dtb/%.dtb, \
		     $(wildcard $(TOOLS_TEST_DIR)/data/*.dts))

TESTS += test-tools test-fdt
.PHONY: test-tools test-fdt
HELP_test-tools         := memory-map parsers: the 12 .src maps, every format's cases, bad input, round trips
HELP_test-fdt           := device trees: blobs read with libfdt, sources through dtc, hostile blobs

$(TOOLS_TEST_OUT)/layout/%.o: tools/layout/%.c $(TOOLS_TEST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -include $(TOOLS_TEST_DIR)/fail_alloc.h -c -o $@ $<

$(TOOLS_TEST_OUT)/%.o: $(TOOLS_TEST_DIR)/%.c $(TOOLS_TEST_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(TOOLS_TEST_BIN): $(TOOLS_TEST_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS)

$(FDT_TEST_BIN): $(FDT_TEST_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS)

$(TOOLS_TEST_OUT)/dtb/%.dtb: $(TOOLS_TEST_DIR)/data/%.dts
	@mkdir -p $(@D)
	@echo "  DTC     $@"
	$(Q)dtc -q -I dts -O dtb -o $@ $<

test-tools: $(TOOLS_TEST_BIN)
	$(Q)$< -t $(TOOLS_TEST_OUT)/tmp

test-fdt: $(FDT_TEST_BIN) $(TOOLS_TEST_DTBS)
	$(Q)$< -d $(TOOLS_TEST_OUT)/dtb -t $(TOOLS_TEST_OUT)/tmp
