# bench/rules.mk - the benchmarks.  make bench runs the sweep
# (bench/sweep.mk); this file is the first benchmark, pmm against Linux's
# own conversions with x86_64's parameters, and includes the others.
#
#	make bench-first	instruction counts (gcc and clang), then ns per
#				conversion; writes $(BENCH_RESULTS)/bench-first.md
#				and .json; fails if pmm needs more instructions
#				than Linux's macro anywhere
#	make test-bench-smoke	the same, briefly, writing nothing (make test)
#
# Knobs: BENCH_TIMED=gcc|clang (whose wrappers are timed), BENCH_MIN_TIME,
# BENCH_REPETITIONS, BENCH_RESULTS.

BENCH_OUT         := $(BUILD)/bench
BENCH_RESULTS     ?= results
BENCH_GCC         ?= gcc
BENCH_TIMED       ?= gcc
BENCH_MIN_TIME    ?= 0.1
BENCH_REPETITIONS ?= 3

# The wrappers are what is measured: -O2, no sanitizers.  64-byte
# alignment of functions and loops puts every wrapper and every timing
# loop at the same place relative to the fetch lines; left to chance, one
# side or the other ran 0.3 ns slower for identical code.  It moves no
# instruction inside a function, so the counts are those of plain -O2.
BENCH_CFLAGS   := -std=gnu11 -O2 -falign-functions=64 $(WARN) -I. -Ibench
BENCH_CXXFLAGS := -std=c++17 -O2 -falign-functions=64 -falign-loops=64 $(WARN) -Ibench
BENCH_LDLIBS   := -lbenchmark -lpthread

BENCH_OBJS := $(BENCH_OUT)/convert_wrappers-gcc.o $(BENCH_OUT)/convert_wrappers-clang.o
BENCH_BIN  := $(BENCH_OUT)/convert_bench-$(BENCH_TIMED)
BENCH_WRAPPER_DEPS := bench/convert_wrappers.c bench/convert_wrappers.h bench/kernel_rcu.h bench/bench_compiler.h \
		      bench/baseline_linux.h $(HEADERS)
BENCH_INSNCOUNT := $(PYTHON) bench/insncount.py $(foreach o,$(BENCH_OBJS),\
		   $(patsubst $(BENCH_OUT)/convert_wrappers-%.o,%,$(o))=$(o))

$(BENCH_OUT)/convert_wrappers-gcc.o: $(BENCH_WRAPPER_DEPS)
	@mkdir -p $(@D)
	$(Q)$(BENCH_GCC) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_OUT)/convert_wrappers-clang.o: $(BENCH_WRAPPER_DEPS)
	@mkdir -p $(@D)
	$(Q)$(CLANG) $(BENCH_CFLAGS) -c $< -o $@

$(BENCH_OUT)/convert_bench-%: bench/convert_bench.cc bench/convert_wrappers.h \
			      $(BENCH_OUT)/convert_wrappers-%.o
	$(Q)$(CXX) $(BENCH_CXXFLAGS) $< $(BENCH_OUT)/convert_wrappers-$*.o -o $@ $(BENCH_LDLIBS)

bench: deps-bench
	$(Q)$(MAKE) --no-print-directory bench-sweep

# The counts go first and their verdict last, so that a conversion where
# pmm loses still gets its timings and its report written.
.PHONY: bench-first
bench-first: $(BENCH_OBJS) $(BENCH_BIN)
	@mkdir -p $(BENCH_RESULTS)
	$(Q)status=0; \
	$(BENCH_INSNCOUNT) || status=$$?; \
	[ $$status -le 1 ] || exit $$status; \
	$(BENCH_BIN) --benchmark_min_time=$(BENCH_MIN_TIME) \
		--benchmark_repetitions=$(BENCH_REPETITIONS) \
		--benchmark_display_aggregates_only=true \
		--benchmark_out=$(BENCH_RESULTS)/bench-first.json \
		--benchmark_out_format=json || exit $$?; \
	$(PYTHON) bench/report.py --json $(BENCH_RESULTS)/bench-first.json \
		$(foreach o,$(BENCH_OBJS),--object $(patsubst $(BENCH_OUT)/convert_wrappers-%.o,%,$(o))=$(o)) \
		--timed $(BENCH_TIMED) --cflags "$(BENCH_CFLAGS)" \
		--cxxflags "$(BENCH_CXXFLAGS)" \
		--out $(BENCH_RESULTS)/bench-first.md || exit $$?; \
	echo "make bench: wrote $(BENCH_RESULTS)/bench-first.md and .json"; \
	exit $$status

# A self-check: the counts (strict), pmm and Linux agreeing on every input
# (convert_bench checks before timing), and every benchmark running once.
TESTS += test-bench-smoke test-bench-hotplug-smoke
.PHONY: test-bench-smoke
test-bench-smoke: $(BENCH_OBJS) $(BENCH_BIN)
	$(Q)$(BENCH_INSNCOUNT) > $(BENCH_OUT)/smoke-insncount.txt || \
		{ status=$$?; cat $(BENCH_OUT)/smoke-insncount.txt; exit $$status; }
	$(Q)$(BENCH_BIN) --benchmark_min_time=0.0001 \
		> $(BENCH_OUT)/smoke-bench.txt 2>&1 || \
		{ status=$$?; cat $(BENCH_OUT)/smoke-bench.txt; exit $$status; }
	@echo "test-bench-smoke: counts and $$(grep -c '/pmm \|/linux ' $(BENCH_OUT)/smoke-bench.txt) timings ran"
include bench/deferred.mk
include bench/sweep.mk
include bench/hotplug.mk
include bench/linux/rules.mk
