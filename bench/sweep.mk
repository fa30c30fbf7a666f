# bench/sweep.mk - the benchmark sweep, pmm's main job (included by bench/rules.mk)
#
#	make bench		generate the sweep (gen/generate.py), build its
#				units in parallel, run every benchmark (the
#				conversions, hotplug calls, boots), count
#				every wrapper's instructions, time whole boots
#				with hyperfine, and write
#				$(BENCH_RESULTS)/<host>-<date>.json (with
#				-<sweep> and -shardKofN when not the whole
#				default sweep) and $(BENCH_RESULTS)/report.md
#				(+ PNG plots)
#	make bench QUICK=1	the "quick" sweep (gen/sweeps.toml), without
#				the counts on six architectures and llvm-mca's
#				predictions (the report shows those an earlier
#				run left)
#	make compare RESULTS="a.json b.json ..."
#				one report of several machines' runs, a
#				column per CPU: $(BENCH_RESULTS)/compare.md
#	make test-bench-sweep	the "smoke" sweep briefly, writing nothing
#				(make test)
#
# Knobs: SWEEP=name (gen/sweeps.toml; default "default", QUICK=1 "quick"),
# FILTER=regex (configuration names, as gen/generate.py --list prints
# them), SHARD=k/N (the k-th of N parts, for N machines), SWEEP_CC=gcc|clang,
# SWEEP_PASSES (passes over each benchmark's inputs), SWEEP_REPETITIONS,
# BENCH_RESULTS.

SWEEP          ?= $(if $(filter 1,$(QUICK)),quick,default)
FILTER         ?=
SHARD          ?=
SWEEP_CC       ?= gcc
SWEEP_PASSES   ?= 3
SWEEP_REPETITIONS ?= 1
SWEEP_BOOT_RUNS ?= $(if $(filter 1,$(QUICK)),2,3)
SWEEP_GEN      := $(BUILD)/gen
SWEEP_OUT      := $(BUILD)/bench/sweep
SWEEP_BIN      := $(SWEEP_OUT)/sweep_bench
SWEEP_TAG      := $(shell hostname -s 2>/dev/null || echo host)-$(shell date +%Y%m%d)$(if $(filter-out default,$(SWEEP)),-$(SWEEP))$(if $(SHARD),-shard$(subst /,of,$(SHARD)))
SWEEP_JSON     := $(BENCH_RESULTS)/$(SWEEP_TAG).json
# the code measured: the commit, "-dirty" with uncommitted changes
GIT_COMMIT     := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
SWEEP_BOOT_JSON := $(BENCH_RESULTS)/$(SWEEP_TAG)-boot.json
NPROC          := $(shell nproc 2>/dev/null || echo 2)

# What is measured: -O2, no sanitizers, functions and loops 64-byte
# aligned as in the first benchmark (bench/rules.mk says why).
SWEEP_CFLAGS   := -std=gnu11 -O2 -falign-functions=64 -falign-loops=64 $(WARN) \
		  -I. -Ibench -Itools/layout
SWEEP_CXXFLAGS := -std=c++17 -O2 $(WARN) -I. -Ibench
# A unit holds Linux's own text for the host's architecture, lifted into
# $(LINUX_OUT) (bench/linux/rules.mk), and is built as the kernel and the
# parity counts are: without PIE, so that Linux's extern tables are
# addressed as directly as pmm's static ones, and without the warnings
# Linux's text is not written for (LINUX_TEXT_CFLAGS).
SWEEP_UNIT_CFLAGS := $(SWEEP_CFLAGS) $(LINUX_TEXT_CFLAGS) \
		  -Ibench/linux -I$(LINUX_OUT) $(LINUX_ARCH_$(LINUX_HOST_ARCH))
SWEEP_DEPS     := bench/sweep.h bench/sweep_unit.h bench/bench_compiler.h \
		  bench/kernel_rcu.h bench/linux/side.h bench/linux/glue.h \
		  bench/linux/discontig-5.10.h $(LINUX_HOST_LIFTED) $(HEADERS)

-include $(SWEEP_GEN)/sweep.mk

SWEEP_OBJS := $(foreach u,$(SWEEP_UNITS),$(SWEEP_OUT)/units/$(u).o) \
	      $(SWEEP_OUT)/sweep_table.o $(SWEEP_OUT)/sweep_maps.o \
	      $(SWEEP_OUT)/sweep_backing.o $(SWEEP_OUT)/sweep_cases.o $(SWEEP_OUT)/layout.o \
	      $(SWEEP_OUT)/sweep_bench.o

# One line per unit as it builds; a unit that fails names its configuration.
$(SWEEP_OUT)/units/%.o: $(SWEEP_GEN)/units/%.c $(SWEEP_DEPS)
	@mkdir -p $(@D)
	@printf '[%3s/%s] CC %s\n' '$(SWEEP_N_$*)' '$(SWEEP_NR_UNITS)' '$(SWEEP_WHAT_$*)'
	$(Q)$(SWEEP_CC) $(SWEEP_UNIT_CFLAGS) -c $< -o $@ 2> $@.log || { cat $@.log; \
		echo "make bench: configuration $(SWEEP_WHAT_$*) (unit $*, $<) failed to build"; \
		exit 1; }

$(SWEEP_OUT)/sweep_table.o: $(SWEEP_GEN)/sweep_table.c bench/sweep.h bench/bench_compiler.h
	@mkdir -p $(@D)
	$(Q)$(SWEEP_CC) $(SWEEP_CFLAGS) -DSWEEP_TABLE_CFLAGS='"$(SWEEP_CFLAGS)"' -c $< -o $@

$(SWEEP_OUT)/sweep_maps.o: bench/sweep_maps.c bench/sweep.h $(LAYOUT_HDRS) pmm_types.h
	@mkdir -p $(@D)
	$(Q)$(SWEEP_CC) $(SWEEP_CFLAGS) -c $< -o $@

$(SWEEP_OUT)/sweep_backing.o: bench/sweep_backing.c bench/sweep.h pmm_types.h pmm_hosted.h
	@mkdir -p $(@D)
	$(Q)$(SWEEP_CC) $(SWEEP_CFLAGS) -c $< -o $@

$(SWEEP_OUT)/sweep_cases.o: bench/sweep_cases.c bench/sweep.h pmm_types.h
	@mkdir -p $(@D)
	$(Q)$(SWEEP_CC) $(SWEEP_CFLAGS) -c $< -o $@

$(SWEEP_OUT)/layout.o: tools/layout/layout.c $(LAYOUT_HDRS) pmm_types.h
	@mkdir -p $(@D)
	$(Q)$(SWEEP_CC) $(SWEEP_CFLAGS) -c $< -o $@

$(SWEEP_OUT)/sweep_bench.o: bench/sweep_bench.cc bench/sweep.h pmm_types.h
	@mkdir -p $(@D)
	$(Q)$(CXX) $(SWEEP_CXXFLAGS) -c $< -o $@

$(SWEEP_BIN): $(SWEEP_OBJS)
	@echo "[link] $(SWEEP_NR_CONFIGS) configurations in $(SWEEP_NR_UNITS) units"
	$(Q)$(CXX) -no-pie $(SWEEP_OBJS) -o $@ $(BENCH_LDLIBS)

.PHONY: sweep-gen sweep-build bench-sweep compare test-bench-sweep
sweep-gen:
	$(Q)$(GEN_PYTHON) gen/generate.py --sweep '$(SWEEP)' --filter '$(FILTER)' \
		--shard '$(SHARD)' --out $(SWEEP_GEN)

# A sub-make, so that it reads the sweep.mk just generated.
sweep-build: sweep-gen
	$(Q)$(MAKE) --no-print-directory -j$(NPROC) $(SWEEP_BIN)

bench-sweep: sweep-build
	@mkdir -p $(BENCH_RESULTS)
	@echo "[run] $(SWEEP_BIN) -> $(SWEEP_JSON) (log: $(SWEEP_OUT)/run.log)"
	$(Q){ $(SWEEP_BIN) --sweep_passes=$(SWEEP_PASSES) \
		--benchmark_repetitions=$(SWEEP_REPETITIONS) \
		--benchmark_out=$(SWEEP_JSON) --benchmark_out_format=json \
		--sweep_context=command="make bench SWEEP=$(SWEEP) FILTER=$(FILTER) SHARD=$(SHARD)" \
		--sweep_context=git_commit=$(GIT_COMMIT) \
		$(if $(SHARD),--sweep_context=shard=$(SHARD)) \
		2>&1; echo $$? > $(SWEEP_OUT)/run.status; } | tee $(SWEEP_OUT)/run.log | \
		awk '/\/iterations:/ { n++; if (n % 5000 == 0) { printf "[run] %d benchmarks\n", n; fflush() } } \
		     /disagree|differs/ { print } END { printf "[run] %d benchmarks done\n", n }'
	$(Q)status=$$(cat $(SWEEP_OUT)/run.status); [ $$status -eq 0 ] || \
		{ echo "make bench: $(SWEEP_BIN) failed ($$status): see $(SWEEP_OUT)/run.log"; exit $$status; }
	$(Q)$(GEN_PYTHON) bench/insncount.py --sweep $(SWEEP_BIN) --results $(SWEEP_JSON)
	$(Q)HYPERFINE=$(HYPERFINE) bench/sweep_boots.sh $(SWEEP_BIN) $(SWEEP_BOOT_RUNS) \
		$(SWEEP_BOOT_JSON) $(SWEEP_OUT)/boot.log
ifneq ($(QUICK),1)
	@echo "[counts] pmm against Linux's own text on six architectures (bench/linux)"
	$(Q)$(MAKE) --no-print-directory linux-counts > $(SWEEP_OUT)/linux-counts.log 2>&1 || \
		echo "make bench: pmm needs more than Linux without a stated reason: see $(SWEEP_OUT)/linux-counts.log"
	@echo "[mca] llvm-mca's predictions for $(MCA_CPUS_x86_64) and $(MCA_CPUS_arm64)"
	$(Q)$(MAKE) --no-print-directory linux-mca > $(SWEEP_OUT)/linux-mca.log 2>&1 || \
		{ cat $(SWEEP_OUT)/linux-mca.log; exit 1; }
endif
	$(Q)$(GEN_PYTHON) bench/sweep_report.py $(SWEEP_JSON) --out $(BENCH_RESULTS)/report.md \
		$$([ -f $(SWEEP_BOOT_JSON) ] && echo --boot $(SWEEP_BOOT_JSON)) \
		$$([ -f $(LINUX_MATRIX) ] && echo --linux-matrix $(LINUX_MATRIX)) \
		$$(ls $(MCA_JSON) 2>/dev/null | sed 's/^/--mca /')
	@echo "make bench: wrote $(SWEEP_JSON) and $(BENCH_RESULTS)/report.md"

compare:
	$(Q)[ -n "$(RESULTS)" ] || { echo 'make compare: RESULTS="a.json b.json ..." names the runs'; exit 2; }
	$(Q)$(GEN_PYTHON) bench/sweep_report.py $(RESULTS) --out $(BENCH_RESULTS)/compare.md
	@echo "make compare: wrote $(BENCH_RESULTS)/compare.md"

# The "smoke" sweep (every baseline variant, two other page sizes) built
# in its own folder and run briefly: every configuration must build, run,
# agree with the baseline and need no more instructions than it, and the
# report must be written from its results.
SWEEP_SMOKE := $(BUILD)/smoke
TESTS += test-bench-sweep
HELP_test-bench-sweep := the sweep: the "smoke" sweep generated, built, run briefly, counted and reported
test-bench-sweep: $(MCA_JSON)
	$(Q)$(MAKE) --no-print-directory BUILD=$(SWEEP_SMOKE) SWEEP=smoke FILTER= SHARD= \
		sweep-build > $(BUILD)/smoke-build.log 2>&1 || { cat $(BUILD)/smoke-build.log; exit 1; }
	$(Q)$(SWEEP_SMOKE)/bench/sweep/sweep_bench --sweep_inputs=12 \
		--sweep_passes=1 --sweep_context=git_commit=$(GIT_COMMIT) \
		--benchmark_out=$(SWEEP_SMOKE)/smoke.json \
		--benchmark_out_format=json > $(SWEEP_SMOKE)/smoke-run.log 2>&1 || \
		{ tail -n 20 $(SWEEP_SMOKE)/smoke-run.log; exit 1; }
	$(Q)$(GEN_PYTHON) bench/insncount.py --strict --sweep $(SWEEP_SMOKE)/bench/sweep/sweep_bench \
		--results $(SWEEP_SMOKE)/smoke.json > $(SWEEP_SMOKE)/smoke-insns.log || \
		{ cat $(SWEEP_SMOKE)/smoke-insns.log; exit 1; }
	$(Q)$(GEN_PYTHON) bench/sweep_report.py --check --no-plots $(SWEEP_SMOKE)/smoke.json \
		$(foreach m,$(MCA_JSON),--mca $(m)) \
		--out $(SWEEP_SMOKE)/report.md > $(SWEEP_SMOKE)/smoke-report.log 2>&1 || \
		{ cat $(SWEEP_SMOKE)/smoke-report.log; exit 1; }
	$(Q)$(SWEEP_SMOKE)/bench/sweep/sweep_bench --sweep_list > $(SWEEP_SMOKE)/configs.txt
	$(Q)$(GEN_PYTHON) tests/gen/check_results.py $(SWEEP_SMOKE)/smoke.json \
		$(SWEEP_SMOKE)/configs.txt
