// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * parity.c - one configuration twice: a pmm instance, and Linux 6.1's own
 * text over the very tables that instance builds
 *
 * Built once per variant, architecture and compiler by bench/linux/rules.mk,
 * with the variant's -D flags (glue.h lists them) and PARITY_VARIANT its
 * name.  Linux's side is its lifted text (build/linux/lifted-ARCH.h, from
 * Debian's linux-source-6.1 by scripts/linux-lift): nothing of it is
 * hand-written here.  Every conversion of both sides gets an out-of-line
 * wrapper,
 *
 *	bench_pmm_<variant>_<conversion>	pmm
 *	bench_linux_<variant>_<conversion>	Linux's text
 *
 * for pfn_to_page, page_to_pfn, pfn_valid and page_to_nid, which
 * bench/insncount.py counts.  Linked with parity_check.c, the same object
 * runs both sides over memory maps.
 *
 * THE DATA.  Linux reaches its tables by their own names: mem_section
 * (a pointer to the roots with EXTREME, else an array at a link-time
 * address), mem_map and max_mapnr, and what an architecture's vmemmap
 * hangs from (vmemmap_base, memstart_addr, vmemmap itself on s390 and
 * ppc64, kernel_map on riscv).
 * The array is an alias of pmm's; the rest is set from pmm's after
 * pmm_init (parity_attach).  Both sides are then addressed the same way.
 */
#include <stddef.h>

#include "kernel_rcu.h"
#define PMM_NAME		p
#define PMM_MODEL		PARITY_PMM_MODEL
#define PMM_PAGE_SHIFT		LINUX_PAGE_SHIFT
#define PMM_MAX_PHYSMEM_BITS	LINUX_MAX_PHYSMEM_BITS
#define PMM_NODES_SHIFT		LINUX_NODES_SHIFT
#define PMM_STRUCT_PAGE_SIZE	LINUX_STRUCT_PAGE_SIZE
#define PMM_NR_PAGEFLAGS	LINUX_NR_PAGEFLAGS
#define PMM_MAX_PAGE_ORDER	LINUX_MAX_PAGE_ORDER
#ifndef LINUX_MODEL_FLATMEM
#define PMM_SECTION_SIZE_BITS	LINUX_SECTION_SIZE_BITS
#endif
#ifdef LINUX_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	LINUX_EXTREME
#endif
#ifdef LINUX_VMEMMAP_START
#define PMM_VMEMMAP_BASE	LINUX_VMEMMAP_START
#endif
#include "pmm.h"

#include "glue.h"
#include PARITY_LIFTED

#include "bench_compiler.h"
#include "parity.h"

/* --- Linux's tables are pmm's ----------------------------------------- */

#define PARITY_STR2(x)	#x
#define PARITY_STR(x)	PARITY_STR2(x)

#if defined(CONFIG_SPARSEMEM) && !defined(CONFIG_SPARSEMEM_EXTREME)
/*
 * Linux declares the array extern; its storage is pmm's.  Built without
 * PIE, as the kernel is, an extern array is addressed as directly as
 * pmm's static one.
 */
__asm__(".globl mem_section\n\t.set mem_section, " PARITY_STR(pmm__p_mem_section));
_Static_assert(sizeof(mem_section) == sizeof(pmm__p_mem_section),
	       "Linux's mem_section[] and pmm's differ in size");
#elif defined(CONFIG_SPARSEMEM)
struct mem_section **mem_section;
#endif
#ifdef CONFIG_SPARSEMEM
_Static_assert(sizeof(struct mem_section) == sizeof(struct pmm_p_mem_section),
	       "struct mem_section sizes differ");
_Static_assert(offsetof(struct mem_section, usage) ==
	       offsetof(struct pmm_p_mem_section, usage), "usage is elsewhere");
#endif
#ifdef CONFIG_SPARSEMEM_VMEMMAP
_Static_assert(offsetof(struct mem_section_usage, subsection_map) ==
	       offsetof(struct pmm_p_mem_section_usage, subsection_map),
	       "subsection_map is elsewhere");
#endif
#ifdef CONFIG_FLATMEM
struct page *mem_map;
unsigned long max_mapnr;
#endif
#if defined(LINUX_ARCH_X86_64) && !defined(LINUX_VMEMMAP_START)
unsigned long vmemmap_base;
#endif
#ifdef LINUX_ARCH_ARM64
s64 memstart_addr;
#endif
#if (defined(LINUX_ARCH_S390) || defined(LINUX_ARCH_PPC64)) && \
	defined(CONFIG_SPARSEMEM_VMEMMAP)
struct page *vmemmap;
#endif
#ifdef LINUX_ARCH_RISCV64
bool pgtable_l4_enabled, pgtable_l5_enabled;
struct kernel_mapping kernel_map;
unsigned long vmemmap_start_pfn;
#endif
_Static_assert(sizeof(struct page) == sizeof(struct pmm_p_page), "struct page sizes differ");

static void parity_attach(void)
{
#ifdef CONFIG_FLATMEM
	mem_map = (struct page *)pmm__p_mem_map;
	max_mapnr = pmm__p_max_mapnr;
#endif
#ifdef CONFIG_SPARSEMEM_EXTREME
	mem_section = (struct mem_section **)pmm__p_mem_section;
#endif
#if defined(LINUX_ARCH_X86_64) && !defined(LINUX_VMEMMAP_START) && defined(CONFIG_SPARSEMEM_VMEMMAP)
	vmemmap_base = pmm__p_vmemmap;
#endif
#if (defined(LINUX_ARCH_S390) || defined(LINUX_ARCH_PPC64)) && \
	defined(CONFIG_SPARSEMEM_VMEMMAP)
	vmemmap = (struct page *)pmm__p_vmemmap;
#endif
#ifdef LINUX_ARCH_RISCV64
	/* sv48, as a riscv64 kernel runs on most hardware today */
	pgtable_l4_enabled = true;
	pgtable_l5_enabled = false;
	kernel_map.page_offset = PAGE_OFFSET_L4;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	/* vmemmap = VMEMMAP_START - vmemmap_start_pfn, pmm's base */
	vmemmap_start_pfn = ((unsigned long)VMEMMAP_START - pmm__p_vmemmap) / sizeof(struct page);
#endif
#endif
#if defined(LINUX_ARCH_ARM64) && defined(CONFIG_SPARSEMEM_VMEMMAP)
	/* vmemmap = VMEMMAP_START - (memstart_addr >> PAGE_SHIFT), pmm's base */
	memstart_addr = (s64)(((unsigned long)VMEMMAP_START - pmm__p_vmemmap) /
			      sizeof(struct page)) << PAGE_SHIFT;
#endif
}

/* --- the wrappers ------------------------------------------------------ */

/* conv is pasted, never expanded: Linux's pfn_to_page is a macro */
#define PARITY_JOIN_(a, b, c)	a##b##c
#define PARITY_JOIN(a, b, c)	PARITY_JOIN_(a, b, c)
#define PARITY_NAME(side, conv)	PARITY_JOIN(side##_, PARITY_VARIANT, _##conv)

BENCH_OUT_OF_LINE void *PARITY_NAME(bench_pmm, pfn_to_page)(unsigned long pfn)
{
	return pmm_p_pfn_to_page(pfn);
}

BENCH_OUT_OF_LINE unsigned long PARITY_NAME(bench_pmm, page_to_pfn)(const void *page)
{
	return pmm_p_page_to_pfn(page);
}

BENCH_OUT_OF_LINE int PARITY_NAME(bench_pmm, pfn_valid)(unsigned long pfn)
{
	return pmm_p_pfn_valid(pfn);
}

BENCH_OUT_OF_LINE int PARITY_NAME(bench_pmm, page_to_nid)(const void *page)
{
	return pmm_p_page_to_nid(page);
}

BENCH_OUT_OF_LINE void *PARITY_NAME(bench_linux, pfn_to_page)(unsigned long pfn)
{
	return pfn_to_page(pfn);
}

BENCH_OUT_OF_LINE unsigned long PARITY_NAME(bench_linux, page_to_pfn)(const void *page)
{
	return page_to_pfn((const struct page *)page);
}

BENCH_OUT_OF_LINE int PARITY_NAME(bench_linux, pfn_valid)(unsigned long pfn)
{
	return pfn_valid(pfn);
}

BENCH_OUT_OF_LINE int PARITY_NAME(bench_linux, page_to_nid)(const void *page)
{
	return page_to_nid((const struct page *)page);
}

#ifdef CONFIG_SPARSEMEM
static int parity_add(int nid, unsigned long start_pfn, unsigned long nr_pages)
{
	return pmm_p_add_pages(nid, start_pfn, nr_pages, NULL);
}

static int parity_remove(unsigned long start_pfn, unsigned long nr_pages)
{
	return pmm_p_remove_pages(start_pfn, nr_pages, NULL);
}
#else
/* FLATMEM has no hotplug */
#define parity_add	NULL
#define parity_remove	NULL
#endif

const struct parity_ops parity_ops = {
	PARITY_STR(PARITY_VARIANT), &pmm_p_params, parity_attach,
	pmm_p_init, pmm_p_exit, parity_add, parity_remove,
	{ PARITY_NAME(bench_pmm, pfn_to_page), PARITY_NAME(bench_pmm, page_to_pfn),
	  PARITY_NAME(bench_pmm, pfn_valid), PARITY_NAME(bench_pmm, page_to_nid) },
	{ PARITY_NAME(bench_linux, pfn_to_page), PARITY_NAME(bench_linux, page_to_pfn),
	  PARITY_NAME(bench_linux, pfn_valid), PARITY_NAME(bench_linux, page_to_nid) },
};
