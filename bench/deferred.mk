# bench/deferred.mk - deferred struct page initialisation: boot time and
# memory (included by bench/rules.mk)
#
#	make bench-deferred	1. bench/deferred/big_maps: pmm_init with and
#				without PMM_DEFERRED_STRUCT_PAGE_INIT on the
#				12 TiB, 16-node map and on the Ampere Altra
#				(RAM at 8 and 64 TiB), VMEMMAP and classic
#				SPARSEMEM: time, RSS growth, page faults,
#				pmm_stats;
#				2. hyperfine over bench/deferred/deferred_boot
#				(one whole boot of BENCH_DEFERRED_GIB in 16
#				nodes) without deferral and with
#				pmm_deferred_init on 1, 2 and all CPUs, with
#				the hosted hooks and with a huge-page hint.
#				bench/deferred/run.sh writes
#				$(BENCH_RESULTS)/bench-deferred.md and .json
#
# Knobs: BENCH_DEFERRED_GIB (RAM of the hyperfine map, a multiple of 16,
# at least 48; default 128: a 2 GiB memmap), BENCH_DEFERRED_RUNS
# (hyperfine runs per command, after one warm-up), BENCH_RESULTS.  About
# 1.5 minutes on 2 cores at the defaults.  big_maps writes the Altra's
# 8 GiB memmap twice, one after the other: it needs 8.5 GiB free.

BENCH_DEFERRED_OUT    := $(BUILD)/bench/deferred
BENCH_DEFERRED_GIB    ?= 128
BENCH_DEFERRED_RUNS   ?= 3
BENCH_RESULTS         ?= $(BUILD)/results
HYPERFINE             ?= hyperfine

# What is measured: -O2, no sanitizers.
BENCH_DEFERRED_CFLAGS := -std=gnu11 -O2 $(WARN) -I.
BENCH_DEFERRED_BOOT   := $(BENCH_DEFERRED_OUT)/deferred_boot
BENCH_DEFERRED_BIG    := $(BENCH_DEFERRED_OUT)/big_maps

$(BENCH_DEFERRED_BIG): bench/deferred/big_maps.c tools/layout/layout.c $(LAYOUT_HDRS) \
		       $(HEADERS) bench/deferred.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_DEFERRED_CFLAGS) -o $@ bench/deferred/big_maps.c \
		tools/layout/layout.c -pthread

$(BENCH_DEFERRED_BOOT): bench/deferred/deferred_boot.c $(HEADERS) bench/deferred.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BENCH_DEFERRED_CFLAGS) -o $@ $< -pthread

.PHONY: bench-deferred
bench-deferred: $(BENCH_DEFERRED_BIG) $(BENCH_DEFERRED_BOOT)
	$(Q)BIG=$(BENCH_DEFERRED_BIG) BOOT=$(BENCH_DEFERRED_BOOT) \
		GIB=$(BENCH_DEFERRED_GIB) RUNS=$(BENCH_DEFERRED_RUNS) \
		OUT=$(BENCH_DEFERRED_OUT) MD=$(BENCH_RESULTS)/bench-deferred.md \
		JSON=$(BENCH_RESULTS)/bench-deferred.json \
		HYPERFINE=$(HYPERFINE) PYTHON=$(PYTHON) bench/deferred/run.sh
