# tests/concurrency: readers (pmm_pfn_valid, pmm_pfn_to_online_page,
# pmm_get_dev_pagemap, pmm_pfn_to_nid) on two threads against one hotplug
# writer, under ThreadSanitizer: every block hotplug frees after its grace
# period (usage data, EXTREME roots, pagemaps) is one a reader may have
# held.  Instances vm (VMEMMAP), cl (classic EXTREME) and ep (VMEMMAP
# with the test's own epoch-based RCU hooks).  Built with $(CLANG) and,
# when it names another compiler that can link -fsanitize=thread, $(CC).
# `build/concurrency/clang/test_rcu -s SEED -n OPS -t READERS -i NAME -v`.
#
# The control: the same source with -DBROKEN_GRACE_PERIOD (no grace
# period, readers unmarked) must be reported by ThreadSanitizer; the
# target fails if it is not.
#
# ThreadSanitizer and ASan do not mix: TEST_CFLAGS is not used here.
#
# repro_*.c are single-threaded, deterministic reproducers of the header
# bugs this test found, built by hand (the command is in each file).

CONC_DIR  := tests/concurrency
CONC_OUT  := $(BUILD)/concurrency
CONC_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard $(CONC_DIR)/*.h) $(CONC_DIR)/rules.mk
CONC_TSAN := -fsanitize=thread -fno-omit-frame-pointer
CONC_CFLAGS := -std=gnu11 -O1 -g $(WARN) $(CONC_TSAN) -I. -Itests/lib
# gcc 12 warns that ThreadSanitizer ignores atomic_thread_fence (-Wtsan);
# the fences (pmm_hosted.h's and the test's) order real CPUs, while the
# sanitizer follows the release/acquire pairs beside them.  Only for a
# compiler that knows the option.
CONC_NO_WTSAN = $$($(1) -Werror -Wno-tsan -fsanitize=thread -E -x c /dev/null \
		>/dev/null 2>&1 && echo -Wno-tsan)

TESTS += test-concurrency
HELP_test-concurrency := readers against hotplug under ThreadSanitizer, and a control that must be caught
.PHONY: test-concurrency

$(CONC_OUT)/cc/test_rcu: $(CONC_DIR)/test_rcu.c $(CONC_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(CONC_CFLAGS) $(call CONC_NO_WTSAN,$(CC)) \
		-DTC_CC_SUFFIX='" ($(notdir $(firstword $(CC))))"' -o $@ $< $(CONC_TSAN)

$(CONC_OUT)/clang/test_rcu: $(CONC_DIR)/test_rcu.c $(CONC_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(CONC_CFLAGS) $(call CONC_NO_WTSAN,$(CLANG)) \
		-DTC_CC_SUFFIX='" (clang)"' -o $@ $< $(CONC_TSAN)

$(CONC_OUT)/clang/test_rcu_broken: $(CONC_DIR)/test_rcu.c $(CONC_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(CONC_CFLAGS) $(call CONC_NO_WTSAN,$(CLANG)) -DBROKEN_GRACE_PERIOD \
		-DTC_CC_SUFFIX='" (clang, control)"' -o $@ $< $(CONC_TSAN)

# $(CC) joins when it links ThreadSanitizer (gcc needs libtsan).  The
# control stops at its first report (halt_on_error), so its larger budget
# of operations costs time only when it fails.
test-concurrency: $(CONC_OUT)/clang/test_rcu $(CONC_OUT)/clang/test_rcu_broken
	$(Q)status=0; bins="$(CONC_OUT)/clang/test_rcu"; \
	if [ "$(CC)" != "$(CLANG)" ]; then \
		if echo 'int main(void) { return 0; }' | \
		   $(CC) -fsanitize=thread -x c - -o $(CONC_OUT)/tsan-probe >/dev/null 2>&1; then \
			$(MAKE) -s --no-print-directory $(CONC_OUT)/cc/test_rcu || status=1; \
			bins="$(CONC_OUT)/cc/test_rcu $$bins"; \
		else \
			echo "test_rcu: $(CC) cannot link -fsanitize=thread (no libtsan?): $(CLANG) only"; \
			echo "test_rcu ($(notdir $(firstword $(CC)))): 0 passed, 0 failed, 1 skipped"; \
		fi; \
		rm -f $(CONC_OUT)/tsan-probe; \
	fi; \
	for p in $$bins; do [ -x $$p ] && $$p || status=1; done; \
	log=$(CONC_OUT)/control.log; \
	TSAN_OPTIONS=halt_on_error=1 $(CONC_OUT)/clang/test_rcu_broken -n 20000 >$$log 2>&1; rc=$$?; \
	if [ $$rc -ne 0 ] && grep -q '^WARNING: ThreadSanitizer' $$log; then \
		echo "control: TSan caught the missing grace period:" \
		     "$$(grep -m1 '^SUMMARY: ThreadSanitizer' $$log | sed 's/ (BuildId[^)]*)//')"; \
		echo "test_rcu control: 1 passed, 0 failed, 0 skipped"; \
	else \
		echo "FAIL control: -DBROKEN_GRACE_PERIOD exited $$rc with no ThreadSanitizer report ($$log)"; \
		echo "test_rcu control: 0 passed, 1 failed, 0 skipped"; \
		status=1; \
	fi; \
	exit $$status

# test_interleave: a reader and hot-remove in one fixed interleaving
# (PMM_TEST_READ_POINT runs the writer inside the reader's critical
# section), built four ways: ASan+UBSan with $(CC) and ThreadSanitizer
# with $(CLANG), each at -O0, -Og and -O2, since what a compiler may load
# twice differs between them.
IL_SRC  := $(CONC_DIR)/test_interleave.c
IL_BINS := $(foreach o,O0 Og O2,$(CONC_OUT)/interleave-asan-$(o) $(CONC_OUT)/interleave-tsan-$(o))
IL_CFLAGS = -std=gnu11 -g $(WARN) -I. -Itests/lib -DIL_VARIANT='" ($(1), -$(2))"'

TESTS += test-interleave
HELP_test-interleave := a reader racing hot-remove, one interleaving forced every run (ASan, TSan; -O0, -Og, -O2)
.PHONY: test-interleave

$(CONC_OUT)/interleave-asan-%: $(IL_SRC) $(CONC_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(call IL_CFLAGS,asan,$*) -$* $(SAN) -o $@ $< $(SAN) -lpthread

$(CONC_OUT)/interleave-tsan-%: $(IL_SRC) $(CONC_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(CLANG) $(call IL_CFLAGS,tsan,$*) $(call CONC_NO_WTSAN,$(CLANG)) -$* $(CONC_TSAN) \
		-o $@ $< $(CONC_TSAN)

test-interleave: $(IL_BINS)
	$(Q)status=0; for p in $(IL_BINS); do $$p || status=1; done; exit $$status
