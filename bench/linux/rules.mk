# bench/linux: pmm against Linux 6.1's own text, lifted from Debian's
# linux-source-6.1 into $(BUILD)/linux when the check runs (nothing of
# it is committed): scripts/linux-lift takes what bench/linux/ARCH.spec
# and common.spec name, glue.h is the hand-written rest.
#
#	make test-linux-parity	x86_64, i686, aarch64, riscv64, ppc64le and
#				s390x (gcc, clang each):
#				both sides' instructions per conversion, in
#				two counts; and Linux's answers beside pmm's
#				over every map in data/layouts, through hotplug
#				(x86_64 natively, aarch64 under qemu-aarch64)
#
# One object per (architecture, compiler, variant): parity.c with the
# variant's configuration, Linux's side built by side.h.  insncount.py
# counts each group's wrappers.  DISCONTIGMEM is not in 6.1's text: its
# rows are discontig-5.10.h's transcription of 5.10.

LINUX_TARBALL ?= /usr/src/linux-source-6.1.tar.xz
PARITY_ARCHES := x86_64 i686 arm64 riscv64 ppc64le s390x
LINUX_OUT     := $(BUILD)/linux
LINUX_SPECS   := bench/linux/common.spec
PARITY_SRC    := bench/linux/parity.c
PARITY_DEPS   := $(PARITY_SRC) bench/linux/parity.h bench/linux/side.h bench/linux/glue.h \
		 bench/linux/discontig-5.10.h \
		 bench/kernel_rcu.h bench/bench_compiler.h $(HEADERS) bench/linux/rules.mk

# the configuration of each variant (glue.h), and pmm's model for it
# (FLATMEM without NUMA, as x86_32 allows it; DISCONTIGMEM is 5.10's,
# transcribed in discontig-5.10.h: 6.1 has none)
PARITY_flat            := -DLINUX_MODEL_FLATMEM -DPARITY_PMM_MODEL=PMM_MODEL_FLATMEM \
			  -ULINUX_NODES_SHIFT -DLINUX_NODES_SHIFT=0
PARITY_sparse_static   := -DLINUX_MODEL_SPARSEMEM -DLINUX_EXTREME=0 \
			  -DPARITY_PMM_MODEL=PMM_MODEL_SPARSEMEM
PARITY_sparse_extreme  := -DLINUX_MODEL_SPARSEMEM -DLINUX_EXTREME=1 \
			  -DPARITY_PMM_MODEL=PMM_MODEL_SPARSEMEM
PARITY_discontig_table := -DLINUX_MODEL_DISCONTIGMEM -DLINUX_DISCONTIG_TABLE \
			  -DLINUX_PHYSNODE_CHUNK_SHIFT=26 \
			  -DPARITY_PMM_MODEL=PMM_MODEL_DISCONTIGMEM -DPARITY_PMM_NID=PMM_NID_BY_TABLE
PARITY_discontig_search := -DLINUX_MODEL_DISCONTIGMEM -DLINUX_DISCONTIG_SEARCH \
			  -DPARITY_PMM_MODEL=PMM_MODEL_DISCONTIGMEM -DPARITY_PMM_NID=PMM_NID_BY_SEARCH
PARITY_vmemmap_var     := -DLINUX_MODEL_VMEMMAP -DPARITY_PMM_MODEL=PMM_MODEL_SPARSEMEM_VMEMMAP
PARITY_vmemmap_const   := $(PARITY_vmemmap_var) -DLINUX_VMEMMAP_START=0x300000000000UL
# the peers: pmm's implementation of Xen's and FreeBSD's models alone, with
# each architecture's parameters (no Linux text exists to set beside them)
PARITY_xen_pdx_mask    := -DPARITY_PEER -DPARITY_PMM_MODEL=PMM_MODEL_XEN_PDX_MASK
PARITY_xen_pdx_offset  := -DPARITY_PEER -DPARITY_PMM_MODEL=PMM_MODEL_XEN_PDX_OFFSET
PARITY_freebsd_dense   := -DPARITY_PEER -DPARITY_PMM_MODEL=PMM_MODEL_FREEBSD_DENSE
PARITY_freebsd_sparse  := -DPARITY_PEER -DPARITY_PMM_MODEL=PMM_MODEL_FREEBSD_SPARSE

# each architecture's parameters (gen/presets.toml): its glue macros, then
# PAGE_SHIFT SECTION_SIZE_BITS MAX_PHYSMEM_BITS NODES_SHIFT, sizeof(struct
# page), NR_PAGEFLAGS, MAX_NR_ZONES and MAX_PAGE_ORDER
PARITY_PARAMS = $(1) -DLINUX_PAGE_SHIFT=$(2) -DLINUX_SECTION_SIZE_BITS=$(3) \
		-DLINUX_MAX_PHYSMEM_BITS=$(4) -DLINUX_NODES_SHIFT=$(5) \
		-DLINUX_STRUCT_PAGE_SIZE=$(6) -DLINUX_NR_PAGEFLAGS=$(7) -DLINUX_MAX_NR_ZONES=$(8) \
		-DLINUX_MAX_PAGE_ORDER=$(9)
LINUX_ARCH_x86_64  := -DLINUX_ARCH_X86 -DLINUX_ARCH_X86_64
LINUX_ARCH_i686    := -DLINUX_ARCH_X86
LINUX_ARCH_arm64   := -DLINUX_ARCH_ARM64
LINUX_ARCH_riscv64 := -DLINUX_ARCH_RISCV64
LINUX_ARCH_ppc64le := -DLINUX_ARCH_PPC64
LINUX_ARCH_s390x   := -DLINUX_ARCH_S390
PARITY_ARCH_x86_64  := $(call PARITY_PARAMS,$(LINUX_ARCH_x86_64),12,27,46,6,64,23,5,10)
PARITY_ARCH_i686    := $(call PARITY_PARAMS,$(LINUX_ARCH_i686),12,29,36,3,32,20,4,10)
PARITY_ARCH_arm64   := $(call PARITY_PARAMS,$(LINUX_ARCH_arm64),12,27,48,4,64,23,5,10)
PARITY_ARCH_riscv64 := $(call PARITY_PARAMS,$(LINUX_ARCH_riscv64),12,27,56,2,64,23,5,10)
PARITY_ARCH_ppc64le := $(call PARITY_PARAMS,$(LINUX_ARCH_ppc64le),16,24,51,8,64,23,5,8)
PARITY_ARCH_s390x   := $(call PARITY_PARAMS,$(LINUX_ARCH_s390x),12,28,46,1,64,23,5,10)

# the host's architecture, whose lifted text the sweep's units include
# as lifted-host.h
LINUX_HOST_ARCH := $(patsubst aarch64,arm64,$(patsubst i%86,i686,$(shell uname -m)))
LINUX_HOST_LIFTED := $(LINUX_OUT)/lifted-host.h

# and the variants each has; the peers on every architecture their rules
# take (Xen's nodeid_t holds 7 bits: not ppc64le's NODES_SHIFT of 8)
PARITY_PEERS := xen_pdx_mask xen_pdx_offset freebsd_dense freebsd_sparse
PARITY_LINUX_VARIANTS_x86_64 := discontig_table discontig_search sparse_static \
			  sparse_extreme vmemmap_var vmemmap_const
PARITY_LINUX_VARIANTS_i686   := flat discontig_table discontig_search sparse_static
PARITY_LINUX_VARIANTS_arm64  := sparse_static sparse_extreme vmemmap_var
PARITY_LINUX_VARIANTS_riscv64 := sparse_extreme vmemmap_var
PARITY_LINUX_VARIANTS_ppc64le := sparse_extreme vmemmap_var
PARITY_LINUX_VARIANTS_s390x  := sparse_extreme vmemmap_var
PARITY_PEERS_ppc64le := freebsd_dense freebsd_sparse
$(foreach a,$(PARITY_ARCHES),$(eval PARITY_VARIANTS_$(a) := \
	$(PARITY_LINUX_VARIANTS_$(a)) $(or $(PARITY_PEERS_$(a)),$(PARITY_PEERS))))

# The flags a kernel build gives the compiler that shape these functions'
# code (Linux 6.1's Makefile and arch/*/Makefile, as Debian 12's config
# selects them: IBT's and BTI's landing pads; without the return thunks
# and straight-line-speculation traps, which replace or follow each ret
# the same way on both sides), joined by @ for a word of PARITY_CC_*.
KFLAGS_COMMON := -fno-strict-aliasing -fno-common -fno-delete-null-pointer-checks \
		 -fno-strict-overflow -fno-asynchronous-unwind-tables
KFLAGS_x86_64 := $(KFLAGS_COMMON) -mcmodel=kernel -mno-red-zone -mno-sse -mno-mmx \
		 -mno-sse2 -mno-3dnow -mno-avx -mskip-rax-setup -fno-jump-tables \
		 -fcf-protection=branch
KFLAGS_x86_64_gcc := $(KFLAGS_x86_64) -falign-jumps=1 -falign-loops=1
KFLAGS_arm64 := $(KFLAGS_COMMON) -mgeneral-regs-only -mbranch-protection=pac-ret+bti
PARITY_AT = $(subst $(eval) ,@,$(strip $(1)))

# compilers: NAME:COMMAND:OBJDUMP, one group of counts each (NAME-kernel:
# with the kernel's flags)
PARITY_CC_x86_64 := gcc:gcc:objdump clang:$(CLANG):objdump \
		    gcc-kernel:gcc@$(call PARITY_AT,$(KFLAGS_x86_64_gcc)):objdump \
		    clang-kernel:$(CLANG)@$(call PARITY_AT,$(KFLAGS_x86_64)):objdump
PARITY_CC_i686   := gcc:i686-linux-gnu-gcc:i686-linux-gnu-objdump \
		    clang:$(CLANG)@--target=i686-linux-gnu:i686-linux-gnu-objdump
PARITY_CC_arm64  := gcc:aarch64-linux-gnu-gcc:aarch64-linux-gnu-objdump \
		    clang:$(CLANG)@--target=aarch64-linux-gnu:aarch64-linux-gnu-objdump \
		    gcc-kernel:aarch64-linux-gnu-gcc@$(call PARITY_AT,$(KFLAGS_arm64)):aarch64-linux-gnu-objdump \
		    clang-kernel:$(CLANG)@--target=aarch64-linux-gnu@$(call PARITY_AT,$(KFLAGS_arm64)):aarch64-linux-gnu-objdump
PARITY_CC_riscv64 := gcc:riscv64-linux-gnu-gcc:riscv64-linux-gnu-objdump \
		    clang:$(CLANG)@--target=riscv64-linux-gnu:riscv64-linux-gnu-objdump
PARITY_CC_ppc64le := gcc:powerpc64le-linux-gnu-gcc:powerpc64le-linux-gnu-objdump \
		    clang:$(CLANG)@--target=powerpc64le-linux-gnu:powerpc64le-linux-gnu-objdump
PARITY_CC_s390x  := gcc:s390x-linux-gnu-gcc:s390x-linux-gnu-objdump \
		    clang:$(CLANG)@--target=s390x-linux-gnu:s390x-linux-gnu-objdump
# Linux's text is built as Linux builds it: without the warnings of -Wextra
# a kernel build leaves off (unused parameters, type limits), and without
# PIE (an extern table is addressed as directly as a static one)
LINUX_TEXT_CFLAGS := -fno-pie -Wno-unused-parameter -Wno-unused-function -Wno-type-limits
PARITY_CFLAGS := -std=gnu11 -O2 $(WARN) $(LINUX_TEXT_CFLAGS) -I. -Ibench -Ibench/linux -I$(LINUX_OUT)

# each architecture's specs, in the order their definitions are needed
# (flat.spec: FLATMEM's pfn_valid where the architecture has none, for the
# sweep's FLATMEM units on a 64-bit host)
PARITY_SPECS_x86_64 := bench/linux/x86.spec bench/linux/x86_64.spec bench/linux/flat.spec
PARITY_SPECS_i686   := bench/linux/x86.spec bench/linux/i686.spec
PARITY_SPECS_arm64  := bench/linux/arm64.spec bench/linux/flat.spec
PARITY_SPECS_riscv64 := bench/linux/riscv64.spec bench/linux/flat.spec
PARITY_SPECS_ppc64le := bench/linux/ppc64le.spec bench/linux/flat.spec
PARITY_SPECS_s390x  := bench/linux/flat.spec

define PARITY_LIFT
$(LINUX_OUT)/lifted-$(1).h: $(PARITY_SPECS_$(1)) $(LINUX_SPECS) scripts/linux-lift
	@mkdir -p $$(@D)
	@echo "  LIFT    $$@"
	$(Q)cat $(PARITY_SPECS_$(1)) $(LINUX_SPECS) > $(LINUX_OUT)/$(1).spec
	$(Q)$(GEN_PYTHON) scripts/linux-lift --tarball $(LINUX_TARBALL) \
		--spec $(LINUX_OUT)/$(1).spec --out $$@
endef
$(foreach a,$(PARITY_ARCHES),$(eval $(call PARITY_LIFT,$(a))))

$(LINUX_HOST_LIFTED): $(LINUX_OUT)/lifted-$(LINUX_HOST_ARCH).h
	$(Q)cp $< $@

# $(1) arch, $(2) compiler name, $(3) command (@ for a space), $(4) variant,
# $(5) o (an object) or s (assembly, for llvm-mca: make linux-mca)
define PARITY_OBJECT
$(LINUX_OUT)/$(1)-$(2)/$(4).$(5): $(PARITY_DEPS) $(LINUX_OUT)/lifted-$(1).h
	@mkdir -p $$(@D)
	@echo "  CC $(5)    $$@"
	$(Q)$(subst @, ,$(3)) $(PARITY_CFLAGS) $(PARITY_ARCH_$(1)) $(PARITY_$(4)) \
		-DPARITY_VARIANT=$(4) -DPARITY_LIFTED='"lifted-$(1).h"' \
		$(if $(filter s,$(5)),-S,-c) -o $$@ $(PARITY_SRC)
PARITY_$(5)_$(1)_$(2) += $(LINUX_OUT)/$(1)-$(2)/$(4).$(5)
endef
$(foreach a,$(PARITY_ARCHES),$(foreach c,$(PARITY_CC_$(a)),$(foreach v,$(PARITY_VARIANTS_$(a)),\
	$(foreach k,o s,$(eval $(call PARITY_OBJECT,$(a),$(word 1,$(subst :, ,$(c))),$(word 2,$(subst :, ,$(c))),$(v),$(k)))))))

# the semantic check: x86_64 natively under ASan and UBSan, aarch64 under
# qemu-aarch64 (static, UBSan trapping; EXTREME only: qemu-user cannot
# hold a VMEMMAP reservation of 48 bits).  Not UBSan's pointer-overflow:
# Linux's __pfn_to_page adds the PFN to a memmap pointer biased by the
# section's first PFN, which may point below 0 (the kernel builds with
# -fno-strict-overflow); pmm does that sum in integers.
PARITY_CHECK_SRCS := bench/linux/parity_check.c tools/layout/layout.c
PARITY_CHECK_SAN  := $(SAN) -fno-sanitize=pointer-overflow
define PARITY_CHECK_X86
$(LINUX_OUT)/check-x86_64-$(1): $(PARITY_DEPS) $(PARITY_CHECK_SRCS) $(LINUX_OUT)/lifted-x86_64.h
	@mkdir -p $$(@D)
	@echo "  CC      $$@"
	$(Q)$(CC) $(PARITY_CFLAGS) -O1 -g $(PARITY_CHECK_SAN) $(PARITY_ARCH_x86_64) $(PARITY_$(1)) \
		-DPARITY_VARIANT=$(1) -DPARITY_LIFTED='"lifted-x86_64.h"' \
		-no-pie -o $$@ $(PARITY_SRC) $(PARITY_CHECK_SRCS) $(PARITY_CHECK_SAN)
PARITY_CHECKS += $(LINUX_OUT)/check-x86_64-$(1)
endef
$(foreach v,$(PARITY_LINUX_VARIANTS_x86_64),$(eval $(call PARITY_CHECK_X86,$(v))))

$(LINUX_OUT)/check-arm64-sparse_extreme: $(PARITY_DEPS) $(PARITY_CHECK_SRCS) $(LINUX_OUT)/lifted-arm64.h
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)aarch64-linux-gnu-gcc $(PARITY_CFLAGS) -O1 -static \
		-fsanitize=undefined -fno-sanitize=pointer-overflow -fsanitize-undefined-trap-on-error \
		$(PARITY_ARCH_arm64) $(PARITY_sparse_extreme) -DPARITY_VARIANT=sparse_extreme \
		-DPARITY_LIFTED='"lifted-arm64.h"' -no-pie -o $@ $(PARITY_SRC) $(PARITY_CHECK_SRCS)

TESTS += test-linux-parity
HELP_test-linux-parity := pmm beside Linux 6.1's own text (lifted at build time): counts on six architectures, answers over every map
.PHONY: test-linux-parity

PARITY_GROUPS := $(foreach a,$(PARITY_ARCHES),$(foreach c,$(PARITY_CC_$(a)),$(a)/$(c)))

# The counts: one table per group, then the matrix of them all
# ($(LINUX_OUT)/matrix.md, which make bench puts in its report); fails if
# pmm needs more than Linux anywhere without a stated reason.
LINUX_MATRIX := $(LINUX_OUT)/matrix.md
LINUX_COUNTS_JSON := $(foreach g,$(PARITY_GROUPS),$(LINUX_OUT)/counts-$(subst /,-,$(word 1,$(subst :, ,$(g)))).json)
COUNTS_BASELINE := bench/linux/counts-baseline.json
PARITY_OBJECTS := $(foreach a,$(PARITY_ARCHES),$(foreach c,$(PARITY_CC_$(a)),\
		  $(PARITY_o_$(a)_$(word 1,$(subst :, ,$(c))))))
.PHONY: linux-counts
linux-counts: $(PARITY_OBJECTS)
	$(Q)status=0; \
	for g in $(PARITY_GROUPS); do \
		arch=$${g%%/*}; rest=$${g#*/}; cc=$${rest%%:*}; dump=$${rest##*:}; \
		$(PYTHON) bench/insncount.py --objdump $$dump --both --allow bench/linux/excesses.txt \
			--rows $(LINUX_OUT)/counts-$$arch-$$cc.json \
			$$(for o in $(LINUX_OUT)/$$arch-$$cc/*.o; do echo "$$arch-$$cc=$$o"; done) \
			> $(LINUX_OUT)/counts-$$arch-$$cc.md || status=1; \
		cat $(LINUX_OUT)/counts-$$arch-$$cc.md; \
	done; \
	$(PYTHON) bench/insncount.py --matrix $(LINUX_COUNTS_JSON) > $(LINUX_MATRIX) || status=1; \
	$(PYTHON) bench/counts_gate.py --baseline $(COUNTS_BASELINE) $(LINUX_COUNTS_JSON) || status=1; \
	exit $$status

# The gate: no conversion may grow on any architecture and compiler above,
# against the committed baseline of pmm's own counts (bench/counts_gate.py).
# After a change that makes one shorter, this records the new figures.
.PHONY: linux-counts-baseline
linux-counts-baseline: linux-counts
	$(Q)$(PYTHON) bench/counts_gate.py --baseline $(COUNTS_BASELINE) --update $(LINUX_COUNTS_JSON)

# llvm-mca's predictions for CPUs the project does not own, from the code
# each architecture's kernel build compiles (gcc with the kernel's flags):
# $(LINUX_OUT)/mca-ARCH.json, which make bench's report sets beside what
# it measured on the host
MCA_CPUS_x86_64 := native,skylake-avx512,icelake-server,sapphirerapids,znver3
MCA_CPUS_arm64  := neoverse-n1,neoverse-v1,cortex-a76,cortex-a55
MCA_TRIPLE_x86_64 := x86_64-linux-gnu
MCA_TRIPLE_arm64  := aarch64-linux-gnu
MCA_ARCHES := x86_64 arm64
MCA_JSON := $(foreach a,$(MCA_ARCHES),$(LINUX_OUT)/mca-$(a).json)
define MCA_RULE
$(LINUX_OUT)/mca-$(1).json: $(PARITY_s_$(1)_gcc-kernel) bench/mca.py
	@echo "  MCA     $$@"
	$(Q)$(PYTHON) bench/mca.py --triple $(MCA_TRIPLE_$(1)) --mcpu $(MCA_CPUS_$(1)) \
		--out $$@ $$(foreach s,$(PARITY_s_$(1)_gcc-kernel),$(1)=$$(s)) > $$@.md
endef
$(foreach a,$(MCA_ARCHES),$(eval $(call MCA_RULE,$(a))))
.PHONY: linux-mca
linux-mca: $(MCA_JSON)

test-linux-parity: linux-counts $(PARITY_CHECKS) $(LINUX_OUT)/check-arm64-sparse_extreme
	$(Q)status=0; \
	for p in $(PARITY_CHECKS); do $$p || status=1; done; \
	qemu-aarch64 $(LINUX_OUT)/check-arm64-sparse_extreme data/layouts || status=1; \
	exit $$status
