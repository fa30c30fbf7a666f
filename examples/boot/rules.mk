# examples/boot: a multiboot (v1) kernel that QEMU loads with -kernel.  It
# reads the firmware's memory map and ACPI SRAT, builds SPARSEMEM and
# FLATMEM over it with pmm (freestanding, x86_32 PAE preset), checks them
# and leaves QEMU through isa-debug-exit (README.md).
#
# build/boot/pmm-boot.elf        the kernel (x86_32 PAE: 36 bits, 512 MiB sections)
# build/boot/pmm-boot-nopae.elf  x86_32 without PAE (32 bits, 64 MiB sections)
# build/boot/test_bootmap        its firmware parsers, hosted, ASan+UBSan
#
# test-boot: test_bootmap, then run.py boots both kernels under
# qemu-system-x86_64 and qemu-system-i386 (TCG) with several -m sizes, two
# -numa layouts and three maps the kernel must refuse, checks the serial
# output, and checks that a bad parameter set stops the build with pmm.h's
# own #error (also alone: make boot-bad-param).

BOOT_DIR := examples/boot
BOOT_OUT := $(BUILD)/boot
# A real 32-bit toolchain, with its own libgcc for 64-bit division.
BOOT_CC  ?= i686-linux-gnu-gcc
BOOT_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns -mno-sse -mno-mmx -mno-80387 \
	$(WARN) -I. -I$(BOOT_DIR)
BOOT_LDFLAGS := -nostdlib -static -no-pie -T $(BOOT_DIR)/boot.ld \
	-Wl,--build-id=none -Wl,--no-warn-rwx-segments
BOOT_SRCS := $(addprefix $(BOOT_DIR)/,start.S console.c klib.c bootmap.c srat.c \
	models.c main.c)
BOOT_DEPS := $(HEADERS) $(wildcard $(BOOT_DIR)/*.h) $(BOOT_DIR)/boot.ld $(BOOT_DIR)/rules.mk
# the x86_32 preset without PAE (gen/presets.toml)
BOOT_NOPAE := -DBOOT_MAX_PHYSMEM_BITS=32 -DBOOT_SECTION_SIZE_BITS=26

TESTS += test-boot
.PHONY: test-boot boot boot-bad-param
HELP_test-boot          := boot the multiboot example under QEMU (x86_64, i386; -m, -numa, bad maps)

boot: $(BOOT_OUT)/pmm-boot.elf $(BOOT_OUT)/pmm-boot-nopae.elf

$(BOOT_OUT)/pmm-boot.elf: $(BOOT_SRCS) $(BOOT_DEPS)
	@mkdir -p $(@D)
	@echo "  BOOTCC  $@"
	$(Q)$(BOOT_CC) $(BOOT_CFLAGS) $(BOOT_LDFLAGS) -o $@ $(BOOT_SRCS) -lgcc

$(BOOT_OUT)/pmm-boot-nopae.elf: $(BOOT_SRCS) $(BOOT_DEPS)
	@mkdir -p $(@D)
	@echo "  BOOTCC  $@"
	$(Q)$(BOOT_CC) $(BOOT_CFLAGS) $(BOOT_NOPAE) $(BOOT_LDFLAGS) -o $@ $(BOOT_SRCS) -lgcc

# The tests' flags (-Werror, ASan, UBSan) without tests/lib: the example
# stands alone, with its own test.h, as someone who copies it will have it.
BOOT_TEST_CFLAGS := $(filter-out -Itests/lib,$(TEST_CFLAGS)) -I$(BOOT_DIR)

$(BOOT_OUT)/test_bootmap: $(BOOT_DIR)/test_bootmap.c $(BOOT_DIR)/bootmap.c \
		$(BOOT_DIR)/srat.c $(BOOT_DEPS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)$(CC) $(BOOT_TEST_CFLAGS) -o $@ $(filter %.c,$^) $(TEST_LDFLAGS)

# run.py compiles the bad parameter set itself, with these.
BOOT_ENV := BOOT_CC="$(BOOT_CC)" BOOT_CFLAGS="$(BOOT_CFLAGS)"

test-boot: $(BOOT_OUT)/pmm-boot.elf $(BOOT_OUT)/pmm-boot-nopae.elf $(BOOT_OUT)/test_bootmap
	$(Q)status=0; $(BOOT_OUT)/test_bootmap || status=1; \
	$(BOOT_ENV) $(PYTHON) $(BOOT_DIR)/run.py --build $(BUILD) || status=1; \
	exit $$status

boot-bad-param:
	$(Q)$(BOOT_ENV) $(PYTHON) $(BOOT_DIR)/run.py --build $(BUILD) --only bad-param
