# examples/linux-module: pmm_example.ko, built by Debian's kbuild with
# -Werror, W=1 and sparse (C=2), pmm under Linux's own names in one of its
# units, a bad parameter refused with pmm's #error, and sparse straight
# over tests/freestanding/all_models.c.  check.py builds copies of the
# folder under $(BUILD)/kmod; the folder itself stays clean.
TESTS += test-kmod
.PHONY: test-kmod
HELP_test-kmod          := a Linux module in Debian's kbuild (-Werror, W=1, C=2 sparse), Linux's names, sparse-clean headers

test-kmod:
	$(Q)$(PYTHON) examples/linux-module/check.py $(BUILD)
