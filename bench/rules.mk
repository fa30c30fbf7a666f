# bench/rules.mk - the benchmarks.  make bench runs the sweep
# (bench/sweep.mk): the conversions, each beside Linux's own text
# (bench/linux/rules.mk), hotplug calls and boots, all through one binary
# and one report; this file includes them.
#
# Knobs: BENCH_RESULTS (where results go).

BENCH_RESULTS ?= $(BUILD)/results
BENCH_LDLIBS  := -lbenchmark -lpthread
HYPERFINE     ?= hyperfine

bench: deps-core deps-bench
	$(Q)$(MAKE) --no-print-directory bench-sweep

# Linux's lifted text first: the sweep's units include it
include bench/linux/rules.mk
include bench/sweep.mk
