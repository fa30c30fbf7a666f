# tests/peers: other kernels' models beside Linux's.  test_xen_pdx runs
# Xen's own tools/tests/pdx maps (data/layouts/xen-test-pdx) through both
# PDX compressions, then the frame table case by case; test_freebsd the
# dense and segmented vm_page_array.  Each is built with $(CC) and, when
# it names another compiler, with $(CLANG), under ASan and UBSan.

PEERS_DIR   := tests/peers
PEERS_OUT   := $(BUILD)/peers
PEERS_PROGS := test_xen_pdx test_freebsd
PEERS_DEPS  := $(HEADERS) $(wildcard tests/lib/*.h) $(LAYOUT_HDRS) $(PEERS_DIR)/rules.mk

PEERS_BINS := $(addprefix $(PEERS_OUT)/cc/,$(PEERS_PROGS))
ifneq ($(CC),$(CLANG))
PEERS_BINS += $(addprefix $(PEERS_OUT)/clang/,$(PEERS_PROGS))
endif

TESTS += test-peers
.PHONY: test-peers

# The compiler's name goes into each program's summary line; the layout
# reader is compiled in (only test_xen_pdx reads maps).
$(PEERS_OUT)/cc/%: $(PEERS_DIR)/%.c tools/layout/layout.c $(PEERS_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -DUNIT_CC_SUFFIX='" ($(notdir $(firstword $(CC))))"' \
		-o $@ $< tools/layout/layout.c $(TEST_LDFLAGS)

$(PEERS_OUT)/clang/%: $(PEERS_DIR)/%.c tools/layout/layout.c $(PEERS_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(TEST_CFLAGS) -DUNIT_CC_SUFFIX='" (clang)"' \
		-o $@ $< tools/layout/layout.c $(TEST_LDFLAGS)

# Run every program even when one fails, then fail if any did.
test-peers: $(PEERS_BINS)
	$(Q)status=0; \
	for p in $(PEERS_BINS); do $$p || status=1; done; \
	exit $$status
