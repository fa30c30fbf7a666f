# bench/hotplug.mk - time per hotplug and ZONE_DEVICE call (included by
# bench/rules.mk)
#
#	make bench-hotplug		pmm_add_pages/remove_pages, add_memory +
#					online / offline + remove_memory,
#					memremap/memunmap_pages, and
#					pfn_to_online_page on tainted sections,
#					on a VMEMMAP and a classic SPARSEMEM
#					instance; writes
#					$(BENCH_RESULTS)/bench-hotplug.json and .md
#	make test-bench-hotplug-smoke	the same, briefly: every benchmark
#					runs and reports, the self-checks pass;
#					writes only under $(BUILD)/bench
#
# Knobs: HOTPLUG_BENCH_MIN_TIME, HOTPLUG_BENCH_REPETITIONS, BENCH_RESULTS.
# About 80 s on 2 cores at the defaults; the smoke takes about 2 s.  The
# repetitions are interleaved at random, so that a burst of load from
# another tenant of a shared machine hits one repetition of several
# benchmarks rather than every repetition of one.

HOTPLUG_BENCH_OUT         := $(BUILD)/bench
HOTPLUG_BENCH_MIN_TIME    ?= 0.1
HOTPLUG_BENCH_REPETITIONS ?= 5
BENCH_RESULTS             ?= $(BUILD)/results

# Measured code: -O2, no sanitizers (as bench/rules.mk builds its wrappers).
HOTPLUG_BENCH_CFLAGS   := -std=gnu11 -O2 -falign-functions=64 $(WARN) -I. -Ibench
HOTPLUG_BENCH_CXXFLAGS := -std=c++17 -O2 -falign-functions=64 -falign-loops=64 $(WARN) -Ibench
HOTPLUG_BENCH_LDLIBS   := -lbenchmark -lpthread

HOTPLUG_BENCH_OBJ := $(HOTPLUG_BENCH_OUT)/hotplug_wrappers.o
HOTPLUG_BENCH_BIN := $(HOTPLUG_BENCH_OUT)/hotplug_bench
HOTPLUG_BENCH_REPORT := $(PYTHON) bench/hotplug_report.py
HOTPLUG_BENCH_RUN := $(HOTPLUG_BENCH_BIN) --benchmark_min_time=$(HOTPLUG_BENCH_MIN_TIME) \
		     --benchmark_repetitions=$(HOTPLUG_BENCH_REPETITIONS) \
		     --benchmark_enable_random_interleaving=true \
		     --benchmark_display_aggregates_only=true
HOTPLUG_SMOKE := $(HOTPLUG_BENCH_OUT)/hotplug-smoke

HELP_test-bench-hotplug-smoke := the hotplug benchmark briefly: every case checked, every benchmark reports

$(HOTPLUG_BENCH_OBJ): bench/hotplug_wrappers.c bench/hotplug_wrappers.h bench/bench_compiler.h $(HEADERS) bench/hotplug.mk
	@mkdir -p $(@D)
	$(Q)$(CC) $(HOTPLUG_BENCH_CFLAGS) -c $< -o $@

$(HOTPLUG_BENCH_BIN): bench/hotplug_bench.cc bench/hotplug_wrappers.h $(HOTPLUG_BENCH_OBJ)
	$(Q)$(CXX) $(HOTPLUG_BENCH_CXXFLAGS) $< $(HOTPLUG_BENCH_OBJ) -o $@ $(HOTPLUG_BENCH_LDLIBS)

.PHONY: bench-hotplug test-bench-hotplug-smoke
bench-hotplug: $(HOTPLUG_BENCH_BIN)
	@mkdir -p $(BENCH_RESULTS)
	$(Q)$(HOTPLUG_BENCH_RUN) --benchmark_out=$(BENCH_RESULTS)/bench-hotplug.json \
		--benchmark_out_format=json
	$(Q)$(HOTPLUG_BENCH_REPORT) --json $(BENCH_RESULTS)/bench-hotplug.json \
		--object $(HOTPLUG_BENCH_OBJ) --cflags "$(HOTPLUG_BENCH_CFLAGS)" \
		--cxxflags "$(HOTPLUG_BENCH_CXXFLAGS)" \
		--command "$(HOTPLUG_BENCH_RUN)" --out $(BENCH_RESULTS)/bench-hotplug.md
	@echo "make bench-hotplug: wrote $(BENCH_RESULTS)/bench-hotplug.md and .json"

# Lists the benchmarks, runs each for one short go (the self-check first),
# then checks that every listed one reported, and that the report renders.
test-bench-hotplug-smoke: $(HOTPLUG_BENCH_BIN)
	$(Q)$(HOTPLUG_BENCH_BIN) --benchmark_list_tests > $(HOTPLUG_SMOKE)-list.txt \
		2> $(HOTPLUG_SMOKE).log || { status=$$?; cat $(HOTPLUG_SMOKE).log; exit $$status; }
	$(Q)$(HOTPLUG_BENCH_BIN) --benchmark_min_time=0.0001 \
		--benchmark_out=$(HOTPLUG_SMOKE).json --benchmark_out_format=json \
		> $(HOTPLUG_SMOKE).log 2>&1 || \
		{ status=$$?; cat $(HOTPLUG_SMOKE).log; exit $$status; }
	$(Q)$(HOTPLUG_BENCH_REPORT) --json $(HOTPLUG_SMOKE).json --out $(HOTPLUG_SMOKE).md \
		--command smoke
	$(Q)$(HOTPLUG_BENCH_REPORT) --check $(HOTPLUG_SMOKE).json --list $(HOTPLUG_SMOKE)-list.txt \
		--self-check $(HOTPLUG_SMOKE).log --name test-bench-hotplug-smoke
