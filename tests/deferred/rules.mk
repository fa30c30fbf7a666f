# tests/deferred: deferred struct page initialisation
# (PMM_DEFERRED_STRUCT_PAGE_INIT, pmm_deferred_init) on SPARSEMEM and
# SPARSEMEM_VMEMMAP, under ASan and UBSan: each deferring instance against
# a twin built without deferral, descriptor by descriptor, before and
# after pmm_deferred_init with 1, 2, 5 and all threads; -EBUSY, -EINVAL,
# -ENOMEM and leaks; a host's own PMM_DEFERRED_RUN; then 400 random maps
# per pair with a fixed seed (`build/deferred/test_deferred -s SEED -n
# MAPS -v`).

DEFERRED_DIR  := tests/deferred
DEFERRED_OUT  := $(BUILD)/deferred
DEFERRED_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(DEFERRED_DIR)/rules.mk

TESTS += test-deferred
HELP_test-deferred := deferred struct page init against twins without it; threads, errors, hook
.PHONY: test-deferred

$(DEFERRED_OUT)/test_deferred: $(DEFERRED_DIR)/test_deferred.c $(DEFERRED_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS) -pthread

test-deferred: $(DEFERRED_OUT)/test_deferred
	$(Q)$<
