# pmm - physical memory models as drop-in headers.  `make help` lists targets.

BUILD    ?= build
CC       ?= cc
CXX      ?= c++
CLANG    ?= clang
PYTHON   ?= python3
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

# Each part adds its phony test targets to TESTS in its own rules.mk.
TESTS :=
HEADERS := pmm.h pmm_types.h pmm_sparse_hotplug.h pmm_hosted.h pmm_flat.h pmm_discontig.h pmm_sparse.h pmm_kernel_names.h

.PHONY: all test bench deps deps-bench help clean
all: test

include $(sort $(wildcard tests/*/rules.mk) $(wildcard bench/rules.mk) $(wildcard tools/*/rules.mk))

deps:
	$(Q)scripts/install-deps test

deps-bench:
	$(Q)scripts/install-deps bench

# Every part prints "<name>: N passed, N failed"; the last line is their sum.
test: deps
	@mkdir -p $(BUILD)
	$(Q){ $(MAKE) --no-print-directory $(TESTS); echo $$? > $(BUILD)/test.status; } 2>&1 | \
		tee $(BUILD)/test.log
	$(Q)status=$$(cat $(BUILD)/test.status); \
	awk '/: [0-9]+ passed, [0-9]+ failed/ { \
		for (i = 1; i < NF; i++) { \
			if ($$(i + 1) ~ /^passed,?$$/) p += $$i; \
			if ($$(i + 1) ~ /^failed,?$$/) f += $$i; } } \
	     END { if (!p && !f) { print "make test: no test ran"; exit 1 } \
		   printf "total: %d passed, %d failed\n", p, f + ('"$$status"' != 0 && !f) }' \
		$(BUILD)/test.log && exit $$status

clean:
	rm -rf $(BUILD)

help:
	@echo "pmm make targets"
	@echo "  make bench        first benchmark: ns/op and instructions per conversion, per model"
	@echo "  make test         every test below, under ASan and UBSan"
	@$(foreach t,$(TESTS),echo "  make $(t)";)
	@echo "  make deps         install the Debian packages the tests need (as root)"
	@echo "  make clean        remove $(BUILD)/"
	@echo "knobs"
	@echo "  CC=gcc|clang      compiler for the tests (default cc)"
	@echo "  V=1               show every command"
	@echo "  BUILD=dir         output folder (default build)"
