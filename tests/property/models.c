// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * models.c - every model with every architecture's parameters
 *
 * The values are those of gen/presets.toml's presets of the same names,
 * whose "source" keys name the Linux 6.12 files they come from
 * (arch/<arch>/include/asm/sparsemem.h and Kconfig).  Every
 * instance allocates through the counting allocator of tests/lib and its
 * vmemmap hooks through tests/lib's tracker, so the test can see what
 * init took, make any allocation fail, and see that exit gave it all
 * back, and that no hook call broke a rule on the way.
 */
#include <errno.h>

/*
 * The big maps make the models write tens of GiB of descriptors.  Huge
 * pages make that a few thousand page faults instead of millions, which
 * is most of the test's run time on a virtual machine: for the memmaps
 * that come from PMM_ALLOC, and for the vmemmap's reservations.
 */
#define TEST_ALLOC_HUGE_MIN	(2UL << 20)

#include "test_alloc.h"
#include "test_vmemmap.h"
#include "models.h"
#include "tools/layout/layout.h"

#define PROP_PASTE2(a, b)	a##b
#define PROP_PASTE(a, b)	PROP_PASTE2(a, b)
#define PROP_STR2(x)		#x
#define PROP_STR(x)		PROP_STR2(x)

/* page->flags budget of every instance but the 32-bit one: pmm's defaults */
#define PROP_NODES_SHIFT	6
#define PROP_ZONES_SHIFT	(PMM_BITS_PER_LONG == 64 ? 3 : 2)
#define PROP_NR_PAGEFLAGS	(PMM_BITS_PER_LONG == 64 ? 23 : 20)

/* every VMEMMAP instance's hooks, one instance booted at a time */
static struct test_vmemmap prop_vmemmap = { .huge_hint = 1 };

/*
 * Every instance of arch_models.h: the architecture's parameters (each
 * taken where the instance is made, from the ARCH_* of the architecture
 * being included), pmm's page->flags budget unless the instance sets its
 * own, the counting allocator, and its struct model_ops.
 */
#define TI_PAGE_SHIFT		ARCH_PAGE_SHIFT
#define TI_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define TI_MAX_PHYSMEM_BITS	ARCH_MAX_PHYSMEM_BITS
#define TI_MAX_PAGE_ORDER	ARCH_MAX_PAGE_ORDER
#define TI_STRUCT_PAGE_SIZE	ARCH_STRUCT_PAGE_SIZE
#define TI_NODES_SHIFT		PROP_NODES_SHIFT
#define TI_ZONES_SHIFT		PROP_ZONES_SHIFT
#define TI_NR_PAGEFLAGS		PROP_NR_PAGEFLAGS
#define TI_RESERVED_FLAGS_BITS	0
#define TI_OPS

void prop_usage(struct prop_usage *u)
{
	u->alloc_blocks = test_alloc_live_blocks;
	u->alloc_bytes = test_alloc_live_bytes;
	u->alloc_calls = test_alloc_calls;
	u->populated_bytes = (unsigned long long)prop_vmemmap.populated;
	u->populate_calls = prop_vmemmap.populate_calls;
	u->reserved_bytes = (unsigned long long)prop_vmemmap.reserved;
	u->hosted_bytes = pmm_hosted_live;
	u->vmemmap_bad = prop_vmemmap.bad.count;
	u->vmemmap_first_bad = prop_vmemmap.bad.first;
}

void prop_fail_alloc_at(long n)
{
	test_alloc_fail_at = n;
}

void prop_fail_populate_at(long n)
{
	prop_vmemmap.populate_fail_at = n;
}

unsigned long long prop_memory_limit(void)
{
	return pmm_hosted_limit();
}

/* --- the architectures -------------------------------------------------- */

#if PMM_BITS_PER_LONG == 64
/* x86_64, 4-level paging; plus a VMEMMAP with 8-byte descriptors */
#define ARCH			x86_64
#define ARCH_LAYOUT		LAYOUT_ARCH_X86_64
#define ARCH_PAGE_SHIFT		12
#define ARCH_SECTION_SIZE_BITS	27
#define ARCH_MAX_PHYSMEM_BITS	46
#define ARCH_MAX_PAGE_ORDER	10
#define ARCH_STRUCT_PAGE_SIZE	64
#define ARCH_CHUNK_SHIFT	26
#define ARCH_SMALL_STRUCT_PAGE	8
#define ARCH_XEN	1
#define ARCH_FREEBSD_DENSE	1
#include "arch_models.h"
#endif

/*
 * x86_32 with PAE: static sections, 32-byte struct page, and the 64 MiB
 * physnode_map chunks of arch/x86/mm/numa_32.c
 */
#define ARCH			x86_32
#define ARCH_LAYOUT		LAYOUT_ARCH_X86_32
#define ARCH_PAGE_SHIFT		12
#define ARCH_SECTION_SIZE_BITS	29
#define ARCH_MAX_PHYSMEM_BITS	36
#define ARCH_MAX_PAGE_ORDER	10
#define ARCH_STRUCT_PAGE_SIZE	32
#define ARCH_CHUNK_SHIFT	26
#define ARCH_FLAGS_32BIT	1
#define ARCH_FREEBSD_DENSE	1
#include "arch_models.h"

#if PMM_BITS_PER_LONG == 64
/* arm64, 4K pages, 48-bit PA; FLATMEM from 2 GiB as most boards put RAM */
#define ARCH			arm64
#define ARCH_LAYOUT		LAYOUT_ARCH_ARM64
#define ARCH_PAGE_SHIFT		12
#define ARCH_SECTION_SIZE_BITS	27
#define ARCH_MAX_PHYSMEM_BITS	48
#define ARCH_MAX_PAGE_ORDER	10
#define ARCH_STRUCT_PAGE_SIZE	64
#define ARCH_CHUNK_SHIFT	26
#define ARCH_FLAT_PFN_OFFSET	0x80000UL
#define ARCH_XEN	1
#define ARCH_FREEBSD_SPARSE	1
#include "arch_models.h"

/*
 * riscv64: 2^29 sections would make a static mem_section[] of 8 GiB, and
 * Linux builds riscv64 with EXTREME only.  The chunk table needs 4 GiB
 * chunks to stay within 2^24 entries.  FLATMEM from 2 GiB, as
 * phys_ram_base on many boards.
 */
#define ARCH			riscv64
#define ARCH_LAYOUT		LAYOUT_ARCH_RISCV64
#define ARCH_PAGE_SHIFT		12
#define ARCH_SECTION_SIZE_BITS	27
#define ARCH_MAX_PHYSMEM_BITS	56
#define ARCH_MAX_PAGE_ORDER	10
#define ARCH_STRUCT_PAGE_SIZE	64
#define ARCH_CHUNK_SHIFT	32
#define ARCH_NO_STATIC_SECTIONS	1
#define ARCH_FLAT_PFN_OFFSET	0x80000UL
#define ARCH_FREEBSD_SPARSE	1
#include "arch_models.h"

/* s390x, CONFIG_MAX_PHYSMEM_BITS at its default */
#define ARCH			s390x
#define ARCH_LAYOUT		LAYOUT_ARCH_S390X
#define ARCH_PAGE_SHIFT		12
#define ARCH_SECTION_SIZE_BITS	28
#define ARCH_MAX_PHYSMEM_BITS	46
#define ARCH_MAX_PAGE_ORDER	10
#define ARCH_STRUCT_PAGE_SIZE	64
#define ARCH_CHUNK_SHIFT	26
#include "arch_models.h"

/*
 * ppc64 book3s, 64K pages and 16 MiB sections: a section's memmap (16 KiB)
 * is smaller than a page, so sections share vmemmap pages.  46 bits is the
 * hash MMU's limit without VMEMMAP+EXTREME (51 with them; one value is used
 * for all instances); MAX_PAGE_ORDER 8 as ARCH_FORCE_MAX_ORDER for 64K
 * pages, which keeps a buddy block inside a section.
 */
#define ARCH			ppc64
#define ARCH_LAYOUT		LAYOUT_ARCH_PPC64
#define ARCH_PAGE_SHIFT		16
#define ARCH_SECTION_SIZE_BITS	24
#define ARCH_MAX_PHYSMEM_BITS	46
#define ARCH_MAX_PAGE_ORDER	8
#define ARCH_STRUCT_PAGE_SIZE	64
#define ARCH_CHUNK_SHIFT	26
#include "arch_models.h"
#endif

const struct arch_preset *const arch_presets[] = {
#if PMM_BITS_PER_LONG == 64
	&x86_64_preset,
#endif
	&x86_32_preset,
#if PMM_BITS_PER_LONG == 64
	&arm64_preset,
	&riscv64_preset,
	&s390x_preset,
	&ppc64_preset,
#endif
};

const unsigned int nr_arch_presets = sizeof(arch_presets) / sizeof(arch_presets[0]);
