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
 * Linux's variables point at the instance's tables (side.h, THE DATA).
 *
 * A peer (PARITY_PEER: Xen's or FreeBSD's model) has no Linux text to be
 * set beside: only pmm's wrappers are built, and counted alone.
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
#if defined(LINUX_MODEL_SPARSEMEM) || defined(LINUX_MODEL_VMEMMAP)
#define PMM_SECTION_SIZE_BITS	LINUX_SECTION_SIZE_BITS
#endif
#ifdef LINUX_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	LINUX_EXTREME
#endif
#ifdef LINUX_VMEMMAP_START
#define PMM_VMEMMAP_BASE	LINUX_VMEMMAP_START
#endif
#ifdef LINUX_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID	PARITY_PMM_NID
#endif
#ifdef LINUX_PHYSNODE_CHUNK_SHIFT
#define PMM_DISCONTIG_CHUNK_SHIFT LINUX_PHYSNODE_CHUNK_SHIFT
#endif
#include "pmm.h"

#ifndef PARITY_PEER
#define LINUX_SIDE_PMM		p
#define LINUX_SIDE_LIFTED	PARITY_LIFTED
#include "side.h"
#endif

#include "bench_compiler.h"
#include "parity.h"

/* --- the wrappers ------------------------------------------------------ */

/* conv is pasted, never expanded: Linux's pfn_to_page is a macro */
#define PARITY_STR_(x)		#x
#define PARITY_STR(x)		PARITY_STR_(x)
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

#ifdef PARITY_PEER
/*
 * A peer's ops have no Linux side.  They are what keeps the counts honest:
 * init, reachable from outside, writes the instance's tables, which a
 * compiler would otherwise fold to their zero start.
 */
const struct parity_ops parity_ops = {
	PARITY_STR(PARITY_VARIANT), &pmm_p_params, NULL,
	pmm_p_init, pmm_p_exit, NULL, NULL, NULL, NULL,
	{ PARITY_NAME(bench_pmm, pfn_to_page), PARITY_NAME(bench_pmm, page_to_pfn),
	  PARITY_NAME(bench_pmm, pfn_valid), PARITY_NAME(bench_pmm, page_to_nid) },
	{ NULL, NULL, NULL, NULL },
};
#else
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

static int parity_params_match(void)
{
	return linux_side_params_match(&pmm_p_params);
}

#ifdef LINUX_DISCONTIG_TABLE
#define parity_linux_wider	linux_side_wider
#else
#define parity_linux_wider	NULL
#endif

const struct parity_ops parity_ops = {
	PARITY_STR(PARITY_VARIANT), &pmm_p_params, linux_side_attach,
	pmm_p_init, pmm_p_exit, parity_add, parity_remove,
	parity_params_match, parity_linux_wider,
	{ PARITY_NAME(bench_pmm, pfn_to_page), PARITY_NAME(bench_pmm, page_to_pfn),
	  PARITY_NAME(bench_pmm, pfn_valid), PARITY_NAME(bench_pmm, page_to_nid) },
	{ PARITY_NAME(bench_linux, pfn_to_page), PARITY_NAME(bench_linux, page_to_pfn),
	  PARITY_NAME(bench_linux, pfn_valid), PARITY_NAME(bench_linux, page_to_nid) },
};
#endif /* PARITY_PEER */
