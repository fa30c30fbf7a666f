# tools/inspect: pmm-inspect, built by `make` into build/pmm-inspect.
#
# gen/inspector.py (with python3-jinja2, which `make deps-core` installs first)
# renders the presets table and one unit of pmm instances per preset into
# build/gen/inspect/ (rewritten only when their text changes); the tool
# links them with the accounting, the reports, the picture and every
# parser of tools/layout.  A second build of the same sources under ASan
# and UBSan, build/inspect-san/pmm-inspect, is what tests/inspect runs.

INSPECT_GEN     := $(BUILD)/gen/inspect
INSPECT_PRESETS := $(shell sed -n 's/^\[preset\.\(.*\)\]$$/\1/p' gen/presets.toml)
INSPECT_GEN_SRCS := $(INSPECT_GEN)/presets.c \
		    $(patsubst %,$(INSPECT_GEN)/preset_%.c,$(INSPECT_PRESETS))
INSPECT_SRCS    := $(wildcard tools/inspect/*.c)
INSPECT_HDRS    := $(wildcard tools/inspect/*.h) $(LAYOUT_HDRS) $(HEADERS)
INSPECT_INC     := -I. -Itools/layout -Itools/inspect
INSPECT_CFLAGS  := -std=gnu11 -O2 -g $(WARN) $(INSPECT_INC)
INSPECT_SAN_CFLAGS := $(TEST_CFLAGS) $(INSPECT_INC)

# One object list per build: tool sources, parsers, generated units.
inspect_objs = $(patsubst %.c,$(1)/obj/%.o,$(INSPECT_SRCS) $(LAYOUT_SRCS)) \
	       $(patsubst $(INSPECT_GEN)/%.c,$(1)/gen/%.o,$(INSPECT_GEN_SRCS))

.PHONY: inspect
inspect: $(BUILD)/pmm-inspect

$(INSPECT_GEN)/.stamp: gen/presets.toml gen/inspector.py $(wildcard gen/pmmgen/*.py) \
		       $(wildcard gen/templates/inspect_*.j2) tools/inspect/rules.mk | deps-core
	@mkdir -p $(@D)
	@echo "  GEN     $(INSPECT_GEN)"
	$(Q)$(GEN_PYTHON) gen/inspector.py --out $(INSPECT_GEN) >/dev/null
	$(Q)touch $@

# The units change only when their text does (write-if-changed).
$(INSPECT_GEN_SRCS): $(INSPECT_GEN)/.stamp ;

$(BUILD)/pmm-inspect: $(call inspect_objs,$(BUILD)/inspect)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(LAYOUT_LIBS) -lm

$(BUILD)/inspect-san/pmm-inspect: $(call inspect_objs,$(BUILD)/inspect-san)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $^ $(TEST_LDFLAGS) $(LAYOUT_LIBS) -lm

$(BUILD)/inspect/obj/%.o: %.c $(INSPECT_HDRS) tools/inspect/rules.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_CFLAGS) -c -o $@ $<

$(BUILD)/inspect/gen/%.o: $(INSPECT_GEN)/%.c $(INSPECT_HDRS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_CFLAGS) -c -o $@ $<

$(BUILD)/inspect-san/obj/%.o: %.c $(INSPECT_HDRS) tools/inspect/rules.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -c -o $@ $<

$(BUILD)/inspect-san/gen/%.o: $(INSPECT_GEN)/%.c $(INSPECT_HDRS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(INSPECT_SAN_CFLAGS) -c -o $@ $<
