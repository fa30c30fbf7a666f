# tests/property: every model over every memory map in data/layouts/,
# against an oracle (test_layouts), and the unit test of the layout reader
# in tools/layout (test_layout_reader).  `make test-property` builds and
# runs both; `build/property/test_layouts [-v] FILE|DIR...` runs the
# property test on other maps.

PROPERTY_DIR  := tests/property
PROPERTY_OUT  := $(BUILD)/property
PROPERTY_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(PROPERTY_DIR)/*.h) \
		 $(LAYOUT_HDRS) $(PROPERTY_DIR)/rules.mk
PROPERTY_PROGS := $(addprefix $(PROPERTY_OUT)/,test_layout_reader test_layouts)

TESTS += test-property
.PHONY: test-property

$(PROPERTY_OUT)/test_layouts: $(addprefix $(PROPERTY_OUT)/,test_layouts.o models.o oracle.o layout.o)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS)

$(PROPERTY_OUT)/test_layout_reader: $(addprefix $(PROPERTY_OUT)/,test_layout_reader.o layout.o)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS)

$(PROPERTY_OUT)/%.o: $(PROPERTY_DIR)/%.c $(PROPERTY_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

$(PROPERTY_OUT)/layout.o: tools/layout/layout.c $(PROPERTY_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(TEST_CFLAGS) -c -o $@ $<

# Run both programs even when the first fails, then fail if either did.
test-property: $(PROPERTY_PROGS)
	$(Q)status=0; \
	for p in $(PROPERTY_PROGS); do $$p || status=1; done; \
	exit $$status
