# tests/kernel-doc: the headers through Linux 6.1's own scripts/kernel-doc
# and scripts/checkpatch.pl, every finding either fixed or allowed with its
# reason in allowed.txt (check_doc.py says how).  The two scripts, and the
# files checkpatch.pl reads beside itself, are extracted from Debian's
# linux-source-6.1 into $(BUILD)/kernel-doc/linux when the check runs:
# nothing of Linux is committed.
TESTS += check-doc
.PHONY: check-doc
HELP_check-doc := the headers through Linux 6.1's kernel-doc and checkpatch.pl: no finding outside tests/kernel-doc/allowed.txt, no stale line in it

LINUX_TARBALL ?= /usr/src/linux-source-6.1.tar.xz
KDOC_DIR     := tests/kernel-doc
KDOC_OUT     := $(BUILD)/kernel-doc
# the tarball's top folder, and the members: checkpatch.pl reads
# spelling.txt and const_structs.checkpatch from its own folder (its
# $D), and warns without them
KDOC_TOP     := linux-source-6.1
KDOC_MEMBERS := scripts/kernel-doc scripts/checkpatch.pl scripts/spelling.txt \
		scripts/const_structs.checkpatch
KDOC_STAMP   := $(KDOC_OUT)/linux/extracted

# Decompressing the tarball takes seconds: once, until it or this changes.
# The tarball is a prerequisite only when present, so that without it
# deps-kernel, not make, says what to install.
$(KDOC_STAMP): $(wildcard $(LINUX_TARBALL)) $(KDOC_DIR)/rules.mk | deps-kernel
	@mkdir -p $(@D)
	@echo "  TAR     $(@D)/scripts"
	$(Q)tar -xJf $(LINUX_TARBALL) -C $(@D) --strip-components=1 \
		$(addprefix $(KDOC_TOP)/,$(KDOC_MEMBERS))
	$(Q)touch $@

check-doc: $(KDOC_STAMP)
	$(Q)$(PYTHON) $(KDOC_DIR)/check_doc.py --linux $(KDOC_OUT)/linux \
		--out $(KDOC_OUT) $(HEADERS)
