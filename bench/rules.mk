# bench/rules.mk - the benchmarks.  make bench runs the sweep
# (bench/sweep.mk), whose every configuration stands beside Linux's own
# text (bench/linux/rules.mk); this file includes them and the others.
#
# Knobs: BENCH_RESULTS (where results go).

BENCH_RESULTS ?= $(BUILD)/results
BENCH_LDLIBS  := -lbenchmark -lpthread

bench: deps-bench
	$(Q)$(MAKE) --no-print-directory bench-sweep

TESTS += test-bench-hotplug-smoke

# Linux's lifted text first: the sweep's units include it
include bench/linux/rules.mk
include bench/deferred.mk
include bench/sweep.mk
include bench/hotplug.mk
