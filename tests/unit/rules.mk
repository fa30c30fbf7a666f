# tests/unit: one unit-test program per model (test_flat, test_discontig,
# test_sparse, test_vmemmap), and per other kernel's pair of models
# (test_xen_pdx, which first runs the maps of Xen's own test-pdx in
# data/layouts/xen-test-pdx, and test_freebsd), plus test_bad_input for
# every Linux model and test_high_ram (RAM at 8 and 64 TiB with the
# hosted hooks), each built with $(CC) and, when it names another
# compiler, with $(CLANG), and run under ASan and UBSan.

UNIT_DIR   := tests/unit
UNIT_OUT   := $(BUILD)/unit
UNIT_PROGS := test_flat test_discontig test_sparse test_vmemmap test_xen_pdx test_freebsd \
	      test_bad_input test_high_ram
UNIT_DEPS  := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(UNIT_DIR)/*.h) \
	      $(UNIT_DIR)/rules.mk
# what a program links besides its own file: test_xen_pdx reads maps
UNIT_LINK_test_xen_pdx := tools/layout/layout.c
$(UNIT_OUT)/cc/test_xen_pdx $(UNIT_OUT)/clang/test_xen_pdx: $(UNIT_LINK_test_xen_pdx) $(LAYOUT_HDRS)

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
		-o $@ $< $(UNIT_LINK_$*) $(TEST_LDFLAGS)

$(UNIT_OUT)/clang/%: $(UNIT_DIR)/%.c $(UNIT_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(TEST_CFLAGS) -DUNIT_CC_SUFFIX='" (clang)"' \
		-o $@ $< $(UNIT_LINK_$*) $(TEST_LDFLAGS)

# Run every program even when one fails, then fail if any did.
test-unit: $(UNIT_BINS)
	$(Q)status=0; \
	for p in $(UNIT_BINS); do $$p || status=1; done; \
	exit $$status

# test-intake-scale: pmm_init's intake over a map given backwards, its
# instructions counted by callgrind at N and 4N ranges.  n log n work
# grows about 4.7 times; an insertion sort's (the intake before) 16.
# Growth above 8 fails.  Plain -O1: valgrind runs it, not the sanitizers.
INTAKE_N := 2000
TESTS += test-intake-scale
HELP_test-intake-scale := pmm_init's intake grows n log n with a map given backwards (callgrind's exact counts)
.PHONY: test-intake-scale

$(UNIT_OUT)/intake_scale: $(UNIT_DIR)/intake_scale.c $(HEADERS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) -std=gnu11 -O1 -g $(WARN) -I. -o $@ $<

test-intake-scale: $(UNIT_OUT)/intake_scale
	$(Q)count() { valgrind --tool=callgrind --callgrind-out-file=$(UNIT_OUT)/intake.$$1.cg \
		$(UNIT_OUT)/intake_scale $$1 >/dev/null 2>&1 || return 1; \
		sed -n 's/^totals: *\([0-9]*\).*/\1/p' $(UNIT_OUT)/intake.$$1.cg; }; \
	n=$(INTAKE_N); a=$$(count $$n) && b=$$(count $$((4 * n))) && [ -n "$$a" ] && [ -n "$$b" ] || \
		{ echo "intake-scale: the program failed or callgrind gave no count"; \
		  echo "intake-scale: 0 passed, 1 failed, 0 skipped"; exit 1; }; \
	awk -v a=$$a -v b=$$b -v n=$$n 'BEGIN { g = b / a; \
		printf "intake-scale: %d ranges %d instructions, %d ranges %d: %.2f times\n", \
			n, a, 4 * n, b, g; \
		ok = g < 8; printf "intake-scale: %d passed, %d failed, 0 skipped\n", ok, !ok; exit !ok }'
