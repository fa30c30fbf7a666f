# tests/unit: one unit-test program per model (test_flat, test_discontig,
# test_sparse, test_vmemmap) plus test_bad_input for every model and
# test_high_ram (RAM at 8 and 64 TiB with the hosted hooks), each
# built with $(CC) and, when it names another compiler, with $(CLANG),
# and run under ASan and UBSan.

UNIT_DIR   := tests/unit
UNIT_OUT   := $(BUILD)/unit
UNIT_PROGS := test_flat test_discontig test_sparse test_vmemmap test_bad_input test_high_ram
UNIT_DEPS  := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(UNIT_DIR)/*.h) \
	      $(UNIT_DIR)/rules.mk

UNIT_BINS := $(addprefix $(UNIT_OUT)/cc/,$(UNIT_PROGS))
ifneq ($(CC),$(CLANG))
UNIT_BINS += $(addprefix $(UNIT_OUT)/clang/,$(UNIT_PROGS))
endif

TESTS += test-unit
.PHONY: test-unit

# The compiler's name goes into each program's summary line.
$(UNIT_OUT)/cc/%: $(UNIT_DIR)/%.c $(UNIT_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -DUNIT_CC_SUFFIX='" ($(notdir $(firstword $(CC))))"' \
		-o $@ $< $(TEST_LDFLAGS)

$(UNIT_OUT)/clang/%: $(UNIT_DIR)/%.c $(UNIT_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(TEST_CFLAGS) -DUNIT_CC_SUFFIX='" (clang)"' \
		-o $@ $< $(TEST_LDFLAGS)

# Run every program even when one fails, then fail if any did.
test-unit: $(UNIT_BINS)
	$(Q)status=0; \
	for p in $(UNIT_BINS); do $$p || status=1; done; \
	exit $$status
