# tests/hotplug: memory hotplug on SPARSEMEM and SPARSEMEM_VMEMMAP, under
# ASan and UBSan.
#
# test_hotplug: __add_pages granularity (pmm_add_pages, pmm_remove_pages):
# memblock-style cases, then a randomised run of at least 100,000 requests
# against an independent model, with a fixed seed (`build/hotplug/
# test_hotplug -s SEED` picks another; -n OPS, -i NAME, -v).
#
# test_blocks: memory blocks and onlining (pmm_add_memory,
# pmm_remove_memory, pmm_online_pages, pmm_offline_pages,
# pmm_pfn_to_online_page, pmm_find_memory_block) with 1- and 4-section
# blocks: cases, then 20,000 random requests per instance against a model
# of block states (`build/hotplug/test_blocks -s SEED -n OPS -v`).

HOTPLUG_DIR  := tests/hotplug
HOTPLUG_OUT  := $(BUILD)/hotplug
HOTPLUG_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(HOTPLUG_DIR)/*.h) \
		$(HOTPLUG_DIR)/rules.mk

TESTS += test-hotplug test-blocks
.PHONY: test-hotplug test-blocks

$(HOTPLUG_OUT)/test_hotplug: $(HOTPLUG_DIR)/test_hotplug.c $(HOTPLUG_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS)

$(HOTPLUG_OUT)/test_blocks: $(HOTPLUG_DIR)/test_blocks.c $(HOTPLUG_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS)

test-hotplug: $(HOTPLUG_OUT)/test_hotplug
	$(Q)$<

test-blocks: $(HOTPLUG_OUT)/test_blocks
	$(Q)$<
