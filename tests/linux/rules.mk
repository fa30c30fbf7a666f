# tests/linux: pmm inside a running Linux.  run.py builds
# tests/linux/mirror/pmm_mirror.ko with Debian's kbuild (in a copy under
# $(BUILD)/linux-guest), boots Debian's own kernel under QEMU in each
# machine shape of guest.py (TCG, a time limit on every boot), loads the
# module, which mirrors the kernel's memory in a pmm instance, and
# expects no mismatch over every PFN and every section; and runs
# pmm-inspect --live there (linked static, for the busybox guest), whose
# memory blocks must agree with the guest kernel's.
TESTS += test-linux
.PHONY: test-linux
HELP_test-linux         := Debian's kernel in QEMU in guest.py's machine shapes, a hot-added DIMM, fsdax pmem: a pmm mirror compared PFN by PFN, pmm-inspect --live inside

LINUX_GUEST_INSPECT := $(BUILD)/linux-guest/pmm-inspect

$(LINUX_GUEST_INSPECT): $(call inspect_objs,$(BUILD)/inspect)
	@mkdir -p $(@D)
	@echo "  LD      $@ (static)"
	$(Q)$(CC) -static -o $@ $^ $(LAYOUT_LIBS) -lm

test-linux: $(LINUX_GUEST_INSPECT)
	$(Q)$(PYTHON) tests/linux/run.py $(BUILD)
