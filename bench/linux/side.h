/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * side.h - Linux's side of one configuration: Linux's own text, reading
 * the very tables a pmm instance built
 *
 * Both users build one pmm instance and Linux beside it in a translation
 * unit: parity.c (the counts and the semantic check, per architecture) and
 * bench/sweep_unit.h (the sweep's timings, on the host).  Define
 *
 *	LINUX_SIDE_PMM		the instance's PMM_NAME, after including pmm.h
 *	LINUX_SIDE_LIFTED	"lifted-ARCH.h", Linux 6.1's text (build/linux,
 *				from scripts/linux-lift; never committed)
 *	LINUX_SIDE_RENAME	to give Linux's variables names of this
 *				instance's own, where many units are linked
 *				into one program (the sweep)
 *
 * and glue.h's configuration (LINUX_MODEL_*, LINUX_ARCH_*, the
 * parameters), then include this header.  DISCONTIGMEM, absent from 6.1,
 * takes discontig-5.10.h, a transcription, instead of lifted text.
 *
 * THE DATA.  Linux reaches its tables by their own names: mem_section (a
 * pointer to the roots with EXTREME, else an array at a link-time
 * address), mem_map and max_mapnr, node_data and physnode_map, and what an
 * architecture's vmemmap hangs from (vmemmap_base, memstart_addr, vmemmap
 * itself on s390 and ppc64, kernel_map on riscv).  What Linux keeps as an
 * array at a link-time address is an alias of pmm's array of the same
 * layout, so that both sides address it the same way (built without PIE,
 * as the kernel is); the rest is set from pmm's after pmm_init, by
 * linux_side_attach().  x86_32's node_data is an array of pointers, as
 * Linux has it: one more load than pmm's array of structures.
 */
#ifndef BENCH_LINUX_SIDE_H
#define BENCH_LINUX_SIDE_H

#include <stddef.h>

#define LINUX_SIDE_CAT_(a, b, c)	a##b##c
#define LINUX_SIDE_CAT(a, b, c)		LINUX_SIDE_CAT_(a, b, c)
/* pmm's internals and types of the instance */
#define LINUX_SIDE_PMMI(x)		LINUX_SIDE_CAT(pmm__, LINUX_SIDE_PMM, _##x)
#define LINUX_SIDE_PMMT(x)		LINUX_SIDE_CAT(struct pmm_, LINUX_SIDE_PMM, _##x)
#define LINUX_SIDE_STR_(x)		#x
#define LINUX_SIDE_STR(x)		LINUX_SIDE_STR_(x)

#ifdef LINUX_SIDE_RENAME
#define LINUX_SIDE_OWN(x)	LINUX_SIDE_CAT(linux_, LINUX_SIDE_PMM, _##x)
#define mem_section		LINUX_SIDE_OWN(mem_section)
#define mem_map			LINUX_SIDE_OWN(mem_map)
#define max_mapnr		LINUX_SIDE_OWN(max_mapnr)
#define node_data		LINUX_SIDE_OWN(node_data)
#define physnode_map		LINUX_SIDE_OWN(physnode_map)
#define node_online_map		LINUX_SIDE_OWN(node_online_map)
#define vmemmap_base		LINUX_SIDE_OWN(vmemmap_base)
#define memstart_addr		LINUX_SIDE_OWN(memstart_addr)
#define kernel_map		LINUX_SIDE_OWN(kernel_map)
#define vmemmap_start_pfn	LINUX_SIDE_OWN(vmemmap_start_pfn)
#define pgtable_l4_enabled	LINUX_SIDE_OWN(pgtable_l4_enabled)
#define pgtable_l5_enabled	LINUX_SIDE_OWN(pgtable_l5_enabled)
#if defined(LINUX_ARCH_S390) || defined(LINUX_ARCH_PPC64)
#define vmemmap			LINUX_SIDE_OWN(vmemmap)
#endif
#endif

#include "glue.h"
#include LINUX_SIDE_LIFTED
#ifdef CONFIG_DISCONTIGMEM
#define LINUX_PGLIST_DATA_SIZE	sizeof(struct LINUX_SIDE_PMMI(pglist_data))
#include "discontig-5.10.h"
#endif

/* --- Linux's tables are pmm's ----------------------------------------- */

_Static_assert(sizeof(struct page) == sizeof(LINUX_SIDE_PMMT(page)),
	       "struct page sizes differ");
_Static_assert(offsetof(struct page, flags) == offsetof(LINUX_SIDE_PMMT(page), flags),
	       "page->flags is not where pmm keeps it");

#if defined(CONFIG_SPARSEMEM) && !defined(CONFIG_SPARSEMEM_EXTREME)
/* Linux declares the array extern; its storage is pmm's. */
__asm__(".globl " LINUX_SIDE_STR(mem_section) "\n\t.set " LINUX_SIDE_STR(mem_section)
	", " LINUX_SIDE_STR(LINUX_SIDE_PMMI(mem_section)));
_Static_assert(sizeof(mem_section) == sizeof(LINUX_SIDE_PMMI(mem_section)),
	       "Linux's mem_section[] and pmm's differ in size");
#elif defined(CONFIG_SPARSEMEM)
struct mem_section **mem_section;
#endif
#ifdef CONFIG_SPARSEMEM
_Static_assert(sizeof(struct mem_section) == sizeof(LINUX_SIDE_PMMT(mem_section)),
	       "struct mem_section sizes differ");
_Static_assert(offsetof(struct mem_section, usage) ==
	       offsetof(LINUX_SIDE_PMMT(mem_section), usage), "usage is elsewhere");
#endif
#ifdef CONFIG_SPARSEMEM_VMEMMAP
_Static_assert(offsetof(struct mem_section_usage, subsection_map) ==
	       offsetof(LINUX_SIDE_PMMT(mem_section_usage), subsection_map),
	       "subsection_map is elsewhere");
#endif
#ifdef CONFIG_FLATMEM
struct page *mem_map;
unsigned long max_mapnr;
#endif
#ifdef CONFIG_DISCONTIGMEM
_Static_assert(offsetof(struct pglist_data, node_start_pfn) ==
	       offsetof(struct LINUX_SIDE_PMMI(pglist_data), node_start_pfn) &&
	       offsetof(struct pglist_data, node_spanned_pages) ==
	       offsetof(struct LINUX_SIDE_PMMI(pglist_data), node_spanned_pages),
	       "pglist_data layouts differ");
#endif
#ifdef LINUX_DISCONTIG_TABLE
struct pglist_data *node_data[MAX_NUMNODES];
__asm__(".globl " LINUX_SIDE_STR(physnode_map) "\n\t.set " LINUX_SIDE_STR(physnode_map)
	", " LINUX_SIDE_STR(LINUX_SIDE_PMMI(physnode_map)));
_Static_assert(sizeof(physnode_map) == sizeof(LINUX_SIDE_PMMI(physnode_map)),
	       "physnode_map sizes differ");
#endif
#ifdef LINUX_DISCONTIG_SEARCH
/* an array of structures, as alpha's: the storage is pmm's */
__asm__(".globl " LINUX_SIDE_STR(node_data) "\n\t.set " LINUX_SIDE_STR(node_data)
	", " LINUX_SIDE_STR(LINUX_SIDE_PMMI(node_data)));
_Static_assert(sizeof(struct pglist_data) == sizeof(struct LINUX_SIDE_PMMI(pglist_data)),
	       "node_data[] strides differ");
unsigned long node_online_map;
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

/* Point Linux's variables at what pmm_init built. */
static inline void linux_side_attach(void)
{
#ifdef CONFIG_DISCONTIGMEM
	int k;
#endif

#ifdef CONFIG_FLATMEM
	mem_map = (struct page *)LINUX_SIDE_PMMI(mem_map);
	max_mapnr = LINUX_SIDE_PMMI(max_mapnr);
#endif
#ifdef LINUX_DISCONTIG_TABLE
	for (k = 0; k < MAX_NUMNODES; k++)
		node_data[k] = (struct pglist_data *)&LINUX_SIDE_PMMI(node_data)[k];
#endif
#ifdef LINUX_DISCONTIG_SEARCH
	node_online_map = 0;
	for (k = 0; k < LINUX_SIDE_PMMI(nr_online); k++)
		node_online_map |= 1UL << LINUX_SIDE_PMMI(node_order)[k];
#endif
#ifdef CONFIG_SPARSEMEM_EXTREME
	mem_section = (struct mem_section **)LINUX_SIDE_PMMI(mem_section);
#endif
#if defined(LINUX_ARCH_X86_64) && !defined(LINUX_VMEMMAP_START) && \
	defined(CONFIG_SPARSEMEM_VMEMMAP)
	vmemmap_base = LINUX_SIDE_PMMI(vmemmap);
#endif
#if (defined(LINUX_ARCH_S390) || defined(LINUX_ARCH_PPC64)) && \
	defined(CONFIG_SPARSEMEM_VMEMMAP)
	vmemmap = (struct page *)LINUX_SIDE_PMMI(vmemmap);
#endif
#ifdef LINUX_ARCH_RISCV64
	/* sv48, as a riscv64 kernel runs on most hardware today */
	pgtable_l4_enabled = true;
	pgtable_l5_enabled = false;
	kernel_map.page_offset = PAGE_OFFSET_L4;
#ifdef CONFIG_SPARSEMEM_VMEMMAP
	/* vmemmap = VMEMMAP_START - vmemmap_start_pfn, pmm's base */
	vmemmap_start_pfn = ((unsigned long)VMEMMAP_START - LINUX_SIDE_PMMI(vmemmap)) /
			    sizeof(struct page);
#endif
#endif
#if defined(LINUX_ARCH_ARM64) && defined(CONFIG_SPARSEMEM_VMEMMAP)
	/* vmemmap = VMEMMAP_START - (memstart_addr >> PAGE_SHIFT), pmm's base */
	memstart_addr = (s64)(((unsigned long)VMEMMAP_START - LINUX_SIDE_PMMI(vmemmap)) /
			      sizeof(struct page)) << PAGE_SHIFT;
#endif
}

/*
 * Is @pfn one where a stated difference makes Linux's pfn_valid true and
 * pmm's false?  Only x86_32's: its pfn_valid checks the upper bound of the
 * node its chunk names (discontig-5.10.h), so below that node's start, in
 * its first chunk, Linux says valid where pmm, checking the span, does not.
 */
static inline int linux_side_wider(unsigned long pfn)
{
#ifdef LINUX_DISCONTIG_TABLE
	int nid = pfn / PAGES_PER_ELEMENT < NR_ELEMENTS ? pfn_to_nid(pfn) : -1;

	return nid >= 0 && pfn < node_start_pfn(nid);
#else
	(void)pfn;
	return 0;
#endif
}

/*
 * Do the instance's parameters equal Linux's?  Were they to drift apart,
 * the two sides would silently compare different configurations.
 */
static inline int linux_side_params_match(const struct pmm_params *p)
{
	if (p->page_shift != PAGE_SHIFT || p->max_physmem_bits != MAX_PHYSMEM_BITS ||
	    p->nodes_shift != NODES_SHIFT ||
	    p->struct_page_size != (int)sizeof(struct page))
		return 0;
#ifdef CONFIG_FLATMEM
	if (p->pfn_offset != ARCH_PFN_OFFSET)
		return 0;
#endif
#ifdef CONFIG_SPARSEMEM
	if (p->section_size_bits != SECTION_SIZE_BITS)
		return 0;
#endif
#ifdef LINUX_DISCONTIG_TABLE
	if (p->discontig_chunk_shift != LINUX_PHYSNODE_CHUNK_SHIFT)
		return 0;
#endif
	return 1;
}

#endif /* BENCH_LINUX_SIDE_H */
