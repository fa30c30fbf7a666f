# tests/hotplug: memory hotplug at __add_pages granularity (pmm_add_pages,
# pmm_remove_pages) on SPARSEMEM and SPARSEMEM_VMEMMAP: memblock-style
# cases, then a randomised run of at least 100,000 requests against an
# independent model, with a fixed seed (`build/hotplug/test_hotplug -s
# SEED` picks another; -n OPS, -i NAME, -v), under ASan and UBSan.

HOTPLUG_DIR  := tests/hotplug
HOTPLUG_OUT  := $(BUILD)/hotplug
HOTPLUG_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(HOTPLUG_DIR)/*.h) \
		$(HOTPLUG_DIR)/rules.mk

TESTS += test-hotplug
.PHONY: test-hotplug

$(HOTPLUG_OUT)/test_hotplug: $(HOTPLUG_DIR)/test_hotplug.c $(HOTPLUG_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS)

test-hotplug: $(HOTPLUG_OUT)/test_hotplug
	$(Q)$<
