# tests/instances: several pmm instances in one translation unit and in
# two linked together, Linux's names on request, a host's struct page, and
# no names leaking out of pmm.h (check_names.sh).

INSTANCES_DIR  := tests/instances
INSTANCES_OUT  := $(BUILD)/instances
INSTANCES_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(INSTANCES_DIR)/*.h) \
		  $(INSTANCES_DIR)/rules.mk
INSTANCES_PROGS := $(addprefix $(INSTANCES_OUT)/,several two_units kernel_names host_page)

TESTS += test-instances
.PHONY: test-instances

$(INSTANCES_OUT)/two_units: $(addprefix $(INSTANCES_DIR)/,two_units.c unit_a.c unit_b.c) \
			    $(INSTANCES_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $(filter %.c,$^) $(TEST_LDFLAGS)

$(INSTANCES_OUT)/%: $(INSTANCES_DIR)/%.c $(INSTANCES_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -o $@ $< $(TEST_LDFLAGS)

# Run every program and the name checks even when one fails, then fail if
# any did.
test-instances: $(INSTANCES_PROGS)
	$(Q)status=0; \
	for p in $(INSTANCES_PROGS); do $$p || status=1; done; \
	CC="$(CC)" sh $(INSTANCES_DIR)/check_names.sh $(BUILD) || status=1; \
	exit $$status
