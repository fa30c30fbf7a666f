# tests/cross: the unit tests (tests/unit) and the property test
# (tests/property) built by Debian's cross compilers and run under
# qemu-user, on what the x86_64 runs cannot be: big-endian (s390x), a real
# 32-bit unsigned long (i686), and the other 64-bit architectures pmm has
# presets for.  scripts/install-deps test installs the compilers and qemu;
# a missing one fails the target.
#
#	arch     compiler                   qemu          preset      maps
#	aarch64  aarch64-linux-gnu-gcc      qemu-aarch64  arm64       arm64
#	riscv64  riscv64-linux-gnu-gcc      qemu-riscv64  riscv64     riscv64
#	i686     i686-linux-gnu-gcc         qemu-i386     x86_32_pae  x86_32
#	s390x    s390x-linux-gnu-gcc        qemu-s390x    s390        s390x
#	ppc64le  powerpc64le-linux-gnu-gcc  qemu-ppc64le  ppc64       ppc64
#
# The preset (gen/presets.toml): the property test boots each map with
# the parameters of the architecture on its '# arch:' line, from
# tests/property/models.c, which has each preset's page, section,
# physical-address and MAX_PAGE_ORDER values and descriptor size, but
# MAX_NUMNODES 64 everywhere and 46 physical-address bits for ppc64 (the
# hash MMU's limit without EXTREME; the preset has 51).  Each architecture
# here runs its own maps (run.sh), so its own preset.  The unit tests take
# no parameters: each instance names its own, and the expectations are
# worked out from them.
#
# Flags: TEST_CFLAGS' warnings and -Werror, but UBSan in trap mode (no
# runtime library; a trap is SIGILL or SIGTRAP) instead of ASan, which
# qemu-user cannot host; -static, so qemu needs no -L.
#
# Not built or not run, and why (make test-cross says so for each, and
# counts it as skipped):
#  - 64-bit only (CROSS_64BIT_ONLY, on i686): test_high_ram, whose RAM
#    lies at 8 and 64 TiB; test_xen_pdx, whose maps (Xen's own test-pdx)
#    reach 2^51 bytes; test_freebsd, with 69 GiB of RAM.  The other unit tests, like models.c for
#    test_layouts, give the instances pmm.h refuses on 32-bit (PFNs of 32
#    bits, a section number that leaves page->flags no room, a VMEMMAP
#    base above 4 GiB) 32-bit-valid parameters under
#    #if PMM_BITS_PER_LONG == 64 ... #else.
#  - Not under qemu-user (CROSS_TOO_BIG_FOR_QEMU, on 64-bit): test_vmemmap
#    reserves a 1 TiB vmemmap at a fixed base and test_high_ram 64 TiB;
#    qemu-user 7.2 keeps flags for every page of a reservation (about
#    6 GiB of memory per TiB), and test_vmemmap peaks at 23 GiB.  Both are
#    still built.
#  - Cut maps (CROSS_CUT): arm64-server-ampere-altra-mtjade-2s-512g, whose
#    512 GiB of RAM make 8 GiB of descriptors per model (24 s natively).
#
# `make test-cross CROSS_ARCHES=s390x` runs one architecture;
# CROSS_LAYOUTS_ARGS="-s SEED" another seed for test_layouts; CROSS_CUT=
# every map.  About 70 s from clean on 2 cores, 20 s of it under qemu.

CROSS_DIR := tests/cross
CROSS_OUT := $(BUILD)/cross
CROSS_ARCHES ?= aarch64 riscv64 i686 s390x ppc64le

CROSS_TRIPLE_aarch64 := aarch64-linux-gnu
CROSS_TRIPLE_riscv64 := riscv64-linux-gnu
CROSS_TRIPLE_i686    := i686-linux-gnu
CROSS_TRIPLE_s390x   := s390x-linux-gnu
CROSS_TRIPLE_ppc64le := powerpc64le-linux-gnu

CROSS_QEMU_aarch64 := qemu-aarch64
CROSS_QEMU_riscv64 := qemu-riscv64
CROSS_QEMU_i686    := qemu-i386
CROSS_QEMU_s390x   := qemu-s390x
CROSS_QEMU_ppc64le := qemu-ppc64le

# the '# arch:' of the maps each runs, which picks models.c's preset
CROSS_MAPS_aarch64 := arm64
CROSS_MAPS_riscv64 := riscv64
CROSS_MAPS_i686    := x86_32
CROSS_MAPS_s390x   := s390x
CROSS_MAPS_ppc64le := ppc64

CROSS_32BIT := i686

CROSS_UNIT     := test_flat test_discontig test_sparse test_vmemmap test_xen_pdx test_freebsd \
		  test_bad_input test_high_ram
CROSS_PROPERTY := test_layout_reader test_layouts
CROSS_64BIT_ONLY := test_high_ram test_xen_pdx test_freebsd
CROSS_TOO_BIG_FOR_QEMU := test_vmemmap test_high_ram
CROSS_CUT ?= arm64-server-ampere-altra-mtjade-2s-512g
CROSS_LAYOUTS_ARGS ?=

CROSS_CFLAGS  := -std=gnu11 -O1 -g $(WARN) -fsanitize=undefined \
		 -fsanitize-undefined-trap-on-error -I. -Itests/lib
CROSS_LDFLAGS := -static
CROSS_DEPS := $(HEADERS) $(wildcard tests/lib/*.h) $(wildcard tests/unit/*.h) \
	      $(wildcard tests/property/*.h) $(LAYOUT_HDRS) $(CROSS_DIR)/cross.h \
	      $(CROSS_DIR)/rules.mk

cross_cc    = $(CROSS_TRIPLE_$(1))-gcc
cross_built = $(if $(filter $(1),$(CROSS_32BIT)), \
		$(filter-out $(CROSS_64BIT_ONLY),$(CROSS_UNIT) $(CROSS_PROPERTY)), \
		$(CROSS_UNIT) $(CROSS_PROPERTY))
cross_run   = $(if $(filter $(1),$(CROSS_32BIT)),$(call cross_built,$(1)), \
		$(filter-out $(CROSS_TOO_BIG_FOR_QEMU),$(call cross_built,$(1))))

TESTS += test-cross
HELP_test-cross         := unit and property tests on aarch64, riscv64, i686, s390x, ppc64le under qemu-user
.PHONY: test-cross $(addprefix cross-tools-,$(CROSS_ARCHES))

# One architecture's rules; $(1) is its name.
define CROSS_RULES
# the compiler, before anything is built with it
cross-tools-$(1):
	$(Q)command -v $(call cross_cc,$(1)) >/dev/null 2>&1 || { \
		echo "test-cross: $(call cross_cc,$(1)) not found: install gcc-$(CROSS_TRIPLE_$(1)) (make deps, as root)" >&2; \
		exit 1; }

$(CROSS_OUT)/$(1)/%: tests/unit/%.c $(CROSS_DEPS) | cross-tools-$(1)
	@mkdir -p $$(@D)
	@echo "  CROSS   $$@"
	$(Q)$(call cross_cc,$(1)) $(CROSS_CFLAGS) -DUNIT_CC_SUFFIX='" ($(1))"' \
		-o $$@ $$< $$(UNIT_LINK_$$*) $(CROSS_LDFLAGS)

$(CROSS_OUT)/$(1)/test_xen_pdx: tools/layout/layout.c

# the programs' main(): their summary line names the architecture
$(CROSS_OUT)/$(1)/obj/test_%.o: tests/property/test_%.c $(CROSS_DEPS) | cross-tools-$(1)
	@mkdir -p $$(@D)
	@echo "  CROSS   $$@"
	$(Q)$(call cross_cc,$(1)) $(CROSS_CFLAGS) -include $(CROSS_DIR)/cross.h \
		-DCROSS_SUFFIX='" ($(1))"' -c -o $$@ $$<

$(CROSS_OUT)/$(1)/obj/%.o: tests/property/%.c $(CROSS_DEPS) | cross-tools-$(1)
	@mkdir -p $$(@D)
	@echo "  CROSS   $$@"
	$(Q)$(call cross_cc,$(1)) $(CROSS_CFLAGS) -c -o $$@ $$<

$(CROSS_OUT)/$(1)/obj/layout.o: tools/layout/layout.c $(CROSS_DEPS) | cross-tools-$(1)
	@mkdir -p $$(@D)
	@echo "  CROSS   $$@"
	$(Q)$(call cross_cc,$(1)) $(CROSS_CFLAGS) -c -o $$@ $$<

$(CROSS_OUT)/$(1)/test_layouts: $(addprefix $(CROSS_OUT)/$(1)/obj/,test_layouts.o models.o oracle.o layout.o)
	@echo "  LD      $$@"
	$(Q)$(call cross_cc,$(1)) -o $$@ $$^ $(CROSS_LDFLAGS)

$(CROSS_OUT)/$(1)/test_layout_reader: $(addprefix $(CROSS_OUT)/$(1)/obj/,test_layout_reader.o layout.o)
	@echo "  LD      $$@"
	$(Q)$(call cross_cc,$(1)) -o $$@ $$^ $(CROSS_LDFLAGS)
endef
$(foreach a,$(CROSS_ARCHES),$(eval $(call CROSS_RULES,$(a))))

CROSS_BINS := $(foreach a,$(CROSS_ARCHES),$(addprefix $(CROSS_OUT)/$(a)/,$(call cross_built,$(a))))

# Every architecture even when one fails, then fail if any did.
test-cross: $(CROSS_BINS)
	$(Q)status=0; \
	$(foreach a,$(CROSS_ARCHES), \
	for p in $(filter-out $(call cross_built,$(a)),$(CROSS_UNIT) $(CROSS_PROPERTY)); do \
		echo "$$p ($(a)): 0 passed, 0 failed, 1 skipped (not built: it needs a 64-bit unsigned long, tests/cross/rules.mk)"; done; \
	for p in $(filter-out $(call cross_run,$(a)),$(call cross_built,$(a))); do \
		echo "$$p ($(a)): 0 passed, 0 failed, 1 skipped (built, not run: its vmemmap is too big for qemu-user, tests/cross/rules.mk)"; done; \
	CROSS_CUT="$(CROSS_CUT)" CROSS_LAYOUTS_ARGS="$(CROSS_LAYOUTS_ARGS)" \
		bash $(CROSS_DIR)/run.sh $(a) $(CROSS_QEMU_$(a)) $(CROSS_OUT)/$(a) \
		$(CROSS_MAPS_$(a)) $(call cross_run,$(a)) || status=1;) \
	exit $$status
