# tests/fuzz: a libFuzzer target per parser of tools/layout (layout,
# iomem, memmap text, dmesg, fdt) and one (auto) for layout_parse_as()
# with detection, then layout_memblock() and layout_write(), all built
# with clang -fsanitize=fuzzer,address,undefined.  fuzz.h says what each
# asserts.  Seeds are the data files (data/layouts/: .txt to layout,
# .src to dmesg; tests/layout/data/ by extension; all to auto), and for
# fdt the blobs dtc compiles from tests/layout/data/*.dts (the rule is in
# tests/layout/rules.mk; a source is never a seed: it would be dtc that
# is fuzzed, one process an input), copied to
# build/fuzz/seeds/; the corpus grows in build/fuzz/corpus/, crashes land
# in build/fuzz/artifacts/.
#
#	make fuzz			each target FUZZ_SECONDS (60) seconds
#	make test-fuzz-smoke		each target FUZZ_SMOKE_RUNS (2000) runs
#	build/fuzz/fuzz_fdt build/fuzz/artifacts/fdt-crash-...	replay one


FUZZ_DIR        := tests/fuzz
FUZZ_OUT        := $(BUILD)/fuzz
FUZZ_TARGETS    := layout iomem memmap dmesg fdt auto
FUZZ_SECONDS    ?= 60
FUZZ_SMOKE_RUNS ?= 2000
FUZZ_CC         ?= $(CLANG)
FUZZ_SAN        := address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS     := -std=gnu11 -O1 -g $(WARN) -I. -fsanitize=fuzzer-no-link,$(FUZZ_SAN)
FUZZ_LDFLAGS    := -fsanitize=fuzzer,$(FUZZ_SAN)
FUZZ_LAYOUT_OBJS := $(addprefix $(FUZZ_OUT)/layout/,$(notdir $(LAYOUT_SRCS:.c=.o)))
FUZZ_BINS       := $(addprefix $(FUZZ_OUT)/fuzz_,$(FUZZ_TARGETS))
FUZZ_DEPS       := $(LAYOUT_HDRS) pmm_types.h $(FUZZ_DIR)/rules.mk tools/layout/rules.mk

# The seeds of each target, by where they come from.
FUZZ_SEEDS_layout := $(wildcard data/layouts/*.txt tests/layout/data/*.txt)
FUZZ_SEEDS_dmesg  := $(wildcard data/layouts/*.src)
FUZZ_SEEDS_iomem  := $(wildcard tests/layout/data/*.iomem)
FUZZ_SEEDS_memmap := $(wildcard tests/layout/data/*.memmap)
FUZZ_SEEDS_fdt    := $(patsubst tests/layout/data/%.dts,$(BUILD)/layout/dtb/%.dtb, \
			$(wildcard tests/layout/data/*.dts))
FUZZ_SEEDS_auto   := $(foreach t,layout dmesg iomem memmap fdt,$(FUZZ_SEEDS_$(t)))

TESTS += test-fuzz-smoke
.PHONY: fuzz test-fuzz-smoke
HELP_test-fuzz-smoke    := each parser's libFuzzer target for $(FUZZ_SMOKE_RUNS) runs from the seeds

$(FUZZ_LAYOUT_OBJS): $(FUZZ_OUT)/layout/%.o: tools/layout/%.c $(FUZZ_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_BINS): $(FUZZ_OUT)/fuzz_%: $(FUZZ_DIR)/fuzz_%.c $(FUZZ_DIR)/fuzz.h $(FUZZ_LAYOUT_OBJS) $(FUZZ_DEPS)
	@mkdir -p $(@D)
	@echo "  CLANG   $@"
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LAYOUT_OBJS) $(FUZZ_LDFLAGS) $(LAYOUT_LIBS)

# A seed directory per target, made anew when a data file changes; a
# seed is named by its path, as two directories share names.
$(FUZZ_OUT)/seeds/.stamp: $(sort $(FUZZ_SEEDS_auto)) $(FUZZ_DIR)/rules.mk
	$(Q)rm -rf $(FUZZ_OUT)/seeds
	$(Q)$(foreach t,$(FUZZ_TARGETS),mkdir -p $(FUZZ_OUT)/seeds/$(t) && \
		for f in $(FUZZ_SEEDS_$(t)); do \
			cp "$$f" "$(FUZZ_OUT)/seeds/$(t)/$$(echo "$$f" | tr / _)" || exit 1; \
		done &&) true
	$(Q)touch $@

fuzz: $(FUZZ_BINS) $(FUZZ_OUT)/seeds/.stamp
	$(Q)$(FUZZ_DIR)/run.sh $(FUZZ_OUT) time $(FUZZ_SECONDS) $(FUZZ_TARGETS)

test-fuzz-smoke: $(FUZZ_BINS) $(FUZZ_OUT)/seeds/.stamp
	$(Q)$(FUZZ_DIR)/run.sh $(FUZZ_OUT) runs $(FUZZ_SMOKE_RUNS) $(FUZZ_TARGETS)
