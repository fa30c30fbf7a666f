# pmm - physical memory models as drop-in headers.  `make help` lists targets.

BUILD    ?= build
CC       ?= cc
CXX      ?= c++
CLANG    ?= clang
PYTHON   ?= python3
# Debian's interpreter, with python3-jinja2 (scripts/install-deps)
GEN_PYTHON ?= /usr/bin/python3
V        ?= 0

WARN      := -Wall -Wextra -Wundef -Wshadow -Werror
SAN       := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# Tests: sanitizers always on, as tools/testing/memblock builds.
TEST_CFLAGS := -std=gnu11 -O1 -g $(WARN) $(SAN) -I. -Itests/lib
TEST_LDFLAGS := $(SAN)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Each part adds its phony test targets to TESTS in its own rules.mk; the
# line `make help` shows for each is here, in one place.
TESTS :=
HELP_test-unit          := per-model unit tests, bad input, fault injection (gcc and clang)
HELP_test-property      := every model over every memory map in data/layouts, against an oracle
HELP_test-compile-fail  := each build-time rule fails the build and names its parameter
HELP_test-freestanding  := -ffreestanding -nostdinc matrix; objects reference only their hooks
HELP_test-instances     := several instances in one and two units; no macro leaks
HELP_test-hotplug       := add/remove pages: cases and 500,000 random requests against a model
HELP_test-blocks        := memory blocks, onlining, pfn_to_online_page against a model
HELP_test-zones         := zones: boot memory's zones and spans, onlining into a zone, valid_zones, shrinking
HEADERS := pmm.h pmm_types.h pmm_sparse.h pmm_sparse_boot.h pmm_sparse_deferred.h pmm_sparse_hotplug.h pmm_sparse_device.h pmm_sparse_blocks.h pmm_sparse_model.h pmm_hosted.h pmm_flat.h pmm_discontig.h pmm_xen_pdx.h pmm_freebsd.h pmm_kernel_names.h

.PHONY: all test bench deps help clean
# `make` builds the inspector, build/pmm-inspect (tools/inspect/rules.mk)
all: inspect

# The tools first: tests and benchmarks name their sources and objects in
# prerequisites, which make expands as it reads them.
include tools/layout/rules.mk
include $(sort $(filter-out tools/layout/rules.mk,$(wildcard tools/*/rules.mk)))
include $(sort $(wildcard tests/*/rules.mk) $(wildcard bench/rules.mk) $(wildcard examples/rules.mk examples/*/rules.mk))

# The Debian packages, by part (scripts/install-deps says what each holds):
# each target waits on the parts it needs, and only those.  As root the
# missing packages are installed; otherwise the part names them and stops.
DEPS_PARTS := core test kernel cross bench
.PHONY: $(addprefix deps-,$(DEPS_PARTS))
$(addprefix deps-,$(DEPS_PARTS)):
	$(Q)scripts/install-deps $(@:deps-%=%)

deps:
	$(Q)scripts/install-deps all

# Every test needs the compilers of `test`; some need more.
$(TESTS): | deps-core deps-test
test-kmod test-linux test-boot check-doc: | deps-kernel
test-cross test-boot: | deps-cross
test-linux-parity test-bench-sweep test-gen: | deps-bench
linux-counts linux-mca compare: | deps-core deps-bench
fuzz: | deps-core deps-test

# What the parts compile before they run is made first, on every CPU,
# before the parts run one at a time: the two builds of the inspector (an
# instance per preset and model, plain and under ASan), which several
# parts share, the test programs (unit, property, hotplug, deferred,
# instances, concurrency, and every architecture's cross builds), and the
# objects and checks of the counts against Linux's text and llvm-mca's.
TEST_PREBUILD := $(BUILD)/pmm-inspect $(BUILD)/inspect-san/pmm-inspect \
		 $(UNIT_BINS) $(PROPERTY_PROGS) $(HOTPLUG_PROGS) $(INSTANCES_PROGS) \
		 $(DEFERRED_OUT)/test_deferred $(CONC_OUT)/clang/test_rcu \
		 $(CONC_OUT)/clang/test_rcu_broken $(IL_BINS) $(CROSS_BINS) \
		 $(PARITY_OBJECTS) $(PARITY_CHECKS) $(LINUX_OUT)/check-arm64-sparse_extreme $(MCA_JSON)

# Every part prints "<name>: N passed, N failed, N skipped"; the last line
# is their sum.  A skipped check (no /sys, no tool) is never a pass.
test: deps
	@mkdir -p $(BUILD)
	$(Q){ $(MAKE) -j$(NPROC) --no-print-directory $(TEST_PREBUILD) || true; \
	     $(MAKE) -k --no-print-directory $(TESTS); echo $$? > $(BUILD)/test.status; } 2>&1 | \
		tee $(BUILD)/test.log
	$(Q)status=$$(cat $(BUILD)/test.status); \
	awk '/: [0-9]+ passed, [0-9]+ failed/ { \
		for (i = 1; i < NF; i++) { \
			if ($$(i + 1) ~ /^passed,?$$/) p += $$i; \
			if ($$(i + 1) ~ /^failed,?$$/) f += $$i; \
			if ($$(i + 1) ~ /^skipped,?$$/) s += $$i; } } \
	     END { if (!p && !f) { print "make test: no test ran"; exit 1 } \
		   printf "total: %d passed, %d failed, %d skipped\n", p, \
			  f + ('"$$status"' != 0 && !f), s }' \
		$(BUILD)/test.log && exit $$status

clean:
	rm -rf $(BUILD)

help:
	@echo "pmm make targets"
	@echo "  make              build/pmm-inspect, the memory-map inspector (tools/inspect)"
	@echo "  make bench        the sweep (bench/sweep.mk): conversions, hotplug calls and boots; generate, build, run, count, report to build/results/report.md"
	@echo "  make compare RESULTS=\"a.json b.json\"  several machines' runs in one report, a column per CPU"
	@echo "  make linux-counts instructions, pmm against Linux 6.1's own text on six architectures: build/linux/matrix.md"
	@echo "  make linux-mca    llvm-mca's predictions for x86_64 and arm64 CPUs not at hand: build/linux/mca-*.json"
	@echo "  make fuzz         libFuzzer on every memory-map parser, FUZZ_SECONDS (60) each (tests/fuzz)"
	@echo "  make test         every test below (host programs under ASan and UBSan); its last line sums theirs"
	@$(foreach t,$(TESTS),printf '  make %-17s %s\n' "$(t)" "$(HELP_$(t))";)
	@echo "  make deps         install every Debian package the targets need (as root); deps-core, deps-test, deps-kernel, deps-cross, deps-bench: one part (scripts/install-deps)"
	@echo "  make clean        remove $(BUILD)/"
	@echo "knobs"
	@echo "  CC=gcc|clang      compiler for the tests (default cc)"
	@echo "  V=1               show every command"
	@echo "  BUILD=dir         output folder (default build)"
	@echo "  QUICK=1           make bench runs the quick sweep (gen/sweeps.toml [sweep.quick])"
	@echo "  SWEEP=name FILTER=regex SHARD=k/N  which sweep (gen/sweeps.toml), which configurations, which part"
	@echo "  SWEEP_CC=gcc|clang SWEEP_PASSES=n SWEEP_REPETITIONS=n  how the sweep is built and timed"
	@echo "  BENCH_RESULTS=dir where make bench writes (default build/results)"
