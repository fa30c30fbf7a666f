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
# of block states (`build/hotplug/test_blocks -s SEED -n OPS -i NAME -v`).
#
# test_zones: zones (pmm_page_zonenum, pmm_zone_span, onlining into a
# zone, valid_zones) on an x86_64 instance, in the manner of memblock's
# tests.
#
# test_device: ZONE_DEVICE and vmem_altmap (pmm_memremap_pages,
# pmm_memunmap_pages, pmm_get_dev_pagemap, altmaps in pmm_add_pages and
# pmm_remove_pages, pmm_altmap_alloc_block_buf): cases, then 100,000
# random requests per instance (four) against device_model.h, undone to
# boot every 5,000 (`build/hotplug/test_device -s SEED -n OPS -i NAME -t -v`).
#
# Every program takes tests/lib/test_args.h's options; -h lists them.

HOTPLUG_DIR  := tests/hotplug
HOTPLUG_OUT  := $(BUILD)/hotplug
HOTPLUG_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(HOTPLUG_DIR)/*.h) \
		$(HOTPLUG_DIR)/rules.mk

TESTS += test-hotplug test-blocks test-device test-zones
.PHONY: test-hotplug test-blocks test-device test-zones
HELP_test-device        := ZONE_DEVICE, memremap and altmaps: cases and 400,000 random requests against a model

HOTPLUG_PROGS := $(addprefix $(HOTPLUG_OUT)/,test_hotplug test_blocks test_device test_zones)

$(HOTPLUG_PROGS): $(HOTPLUG_OUT)/%: $(HOTPLUG_DIR)/%.c $(HOTPLUG_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS)

# test-hotplug runs build/hotplug/test_hotplug, test-blocks test_blocks, ...
test-hotplug test-blocks test-device test-zones: test-%: $(HOTPLUG_OUT)/test_%
	$(Q)$<
