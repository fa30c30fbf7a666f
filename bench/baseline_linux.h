/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * baseline_linux.h - Linux's own pfn <-> page conversions, written out by
 * hand for the parameters pmm is measured with: the yardstick of the first
 * benchmark.  pmm must not compile to more instructions than these.
 *
 *	variant			Linux			pfn_to_page
 *	flat			6.12 FLATMEM		mem_map + (pfn - ARCH_PFN_OFFSET)
 *	discontig_table		5.10 DISCONTIGMEM	NODE_DATA(nid)->node_mem_map +
 *	discontig_search	  (generic macros)	  (pfn - node_start_pfn), nid from
 *						  x86_32's physnode_map chunk table,
 *						  or from a scan of the online
 *						  nodes' spans
 *	sparse_static		6.12 SPARSEMEM		__section_mem_map_addr(
 *	sparse_extreme		  (static table or	  __pfn_to_section(pfn)) + pfn
 *				  EXTREME roots)
 *	vmemmap_const		6.12 SPARSEMEM_VMEMMAP	vmemmap + pfn, vmemmap a constant
 *	vmemmap_var		  (x86_64 KASLR: a	vmemmap + pfn, vmemmap_base a
 *				  variable base)	  variable
 *
 * Each variant has pfn_to_page, page_to_pfn and pfn_valid, named
 * linux_<variant>_<conversion>.  The formulas are those of
 * shared/reference/linux-memory-model.md (sections 2, 3, 4.4-4.6, 5.1, 9).
 *
 * THE DATA.  The baseline reads the structures pmm built, so that both
 * walk the very same memory:
 *
 *   - What Linux reaches through a pointer variable (mem_map, the EXTREME
 *     mem_section roots, vmemmap_base) and its scalars (max_mapnr, the
 *     online-node mask) are this header's own variables; the includer sets
 *     them from pmm's after pmm_*_init().
 *   - What Linux keeps as an array at a link-time address (node_data[],
 *     physnode_map[], the static mem_section[][]) is declared here as an
 *     alias of pmm's array of the same layout, which the includer names
 *     with LINUX_DISCONTIG_TABLE_NODE_DATA, LINUX_DISCONTIG_TABLE_PHYSNODE_MAP,
 *     LINUX_DISCONTIG_SEARCH_NODE_DATA and LINUX_SPARSE_STATIC_MEM_SECTION.
 *     A pointer to pmm's array would cost Linux a load it never pays.
 *     The variants that read such an array exist only where it is named:
 *     a translation unit of the sweep (bench/sweep_unit.h) names one.
 *
 * THE PARAMETERS are x86_64's unless the includer defines them first
 * (LINUX_PAGE_SHIFT, LINUX_SECTION_SIZE_BITS, LINUX_MAX_PHYSMEM_BITS,
 * LINUX_NODES_SHIFT, LINUX_ARCH_PFN_OFFSET, LINUX_PHYSNODE_CHUNK_SHIFT,
 * LINUX_VMEMMAP_START, LINUX_STRUCT_PAGE_SIZE), as the sweep does for
 * each of its configurations.
 *
 * Like pmm's, every variable here is static: both sides are addressed the
 * same way, so the comparison is of code, not of linkage.
 */
#ifndef BENCH_BASELINE_LINUX_H
#define BENCH_BASELINE_LINUX_H

#include "pmm_types.h"		/* struct pmm_params, for linux_params_match */

/*
 * --- parameters: x86_64's and pmm's defaults, each overridable -------
 * bench/sweep_unit.h defines them from a generated configuration first.
 */
#define LINUX_BITS_PER_LONG		64
#ifndef LINUX_PAGE_SHIFT
#define LINUX_PAGE_SHIFT		12
#endif
#ifndef LINUX_SECTION_SIZE_BITS
#define LINUX_SECTION_SIZE_BITS		27
#endif
#ifndef LINUX_MAX_PHYSMEM_BITS
#define LINUX_MAX_PHYSMEM_BITS		46
#endif
#ifndef LINUX_NODES_SHIFT
#define LINUX_NODES_SHIFT		6
#endif
#define LINUX_ZONES_SHIFT		3
#define LINUX_NR_PAGEFLAGS		23
#ifndef LINUX_ARCH_PFN_OFFSET
#define LINUX_ARCH_PFN_OFFSET		0UL
#endif
/* x86_32 spent one physnode_map entry per 64 MiB */
#ifndef LINUX_PHYSNODE_CHUNK_SHIFT
#define LINUX_PHYSNODE_CHUNK_SHIFT	26
#endif
/* the compile-time vmemmap; clear of ASan's shadow and allocator */
#ifndef LINUX_VMEMMAP_START
#define LINUX_VMEMMAP_START		0x300000000000UL
#endif
#define LINUX_SUBSECTION_SHIFT		21
/* sizeof(struct page): 64 on x86_64; the sweep shrinks it as pmm's */
#ifndef LINUX_STRUCT_PAGE_SIZE
#define LINUX_STRUCT_PAGE_SIZE		64
#endif

#define LINUX_MAX_NUMNODES		(1 << LINUX_NODES_SHIFT)
#define LINUX_NUMA_NO_NODE		(-1)

/* PFN_PHYS / PHYS_PFN: phys_addr_t is 64 bits wide on x86_64 */
#define LINUX_PFN_PHYS(pfn)	((unsigned long long)(pfn) << LINUX_PAGE_SHIFT)
#define LINUX_PHYS_PFN(pa)	((unsigned long)((pa) >> LINUX_PAGE_SHIFT))

/* --- the structures, as far as the conversions read them ------------- */

/* struct page: flags first, LINUX_STRUCT_PAGE_SIZE bytes in all */
struct linux_page {
	unsigned long flags;
#if LINUX_STRUCT_PAGE_SIZE > 8
	unsigned long rest[LINUX_STRUCT_PAGE_SIZE / sizeof(unsigned long) - 1];
#endif
};

struct linux_mem_section_usage {
	void *rcu[2];				/* struct rcu_head */
	/* SUBSECTIONS_PER_SECTION bits: 64 on x86_64 */
	unsigned long subsection_map[((1UL << (LINUX_SECTION_SIZE_BITS -
					       LINUX_SUBSECTION_SHIFT)) + 63) / 64];
};

struct linux_mem_section {
	unsigned long section_mem_map;
	struct linux_mem_section_usage *usage;
};

/*
 * The part of pglist_data that the 5.10 macros read.  node_data[] is pmm's
 * array under another name (THE DATA), so the stride is pmm's: the tail
 * pads to it, and the includer checks the two layouts agree.
 */
struct linux_pglist_data {
	struct linux_page *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	unsigned long tail[2];
};

/*
 * page->flags, include/linux/page-flags-layout.h [6.12], from the top:
 * | SECTION | NODE | ZONE | ... | FLAGS | for classic SPARSEMEM and
 * | NODE | ZONE | ... | FLAGS | otherwise (SECTIONS_WIDTH 0).  The widths
 * fit: 19 + 6 + 3 <= 64 - 23.
 */
#define LINUX_SECTIONS_SHIFT	(LINUX_MAX_PHYSMEM_BITS - LINUX_SECTION_SIZE_BITS)

#define LINUX_CLASSIC_SECTIONS_WIDTH	LINUX_SECTIONS_SHIFT
#define LINUX_CLASSIC_SECTIONS_PGOFF	(LINUX_BITS_PER_LONG - LINUX_CLASSIC_SECTIONS_WIDTH)
#define LINUX_CLASSIC_SECTIONS_PGSHIFT	(LINUX_CLASSIC_SECTIONS_PGOFF * \
					 (LINUX_CLASSIC_SECTIONS_WIDTH != 0))
#define LINUX_CLASSIC_SECTIONS_MASK	((1UL << LINUX_CLASSIC_SECTIONS_WIDTH) - 1)

#define LINUX_NODES_WIDTH	LINUX_NODES_SHIFT
#define LINUX_NODES_PGOFF	(LINUX_BITS_PER_LONG - LINUX_NODES_WIDTH)
#define LINUX_NODES_PGSHIFT	(LINUX_NODES_PGOFF * (LINUX_NODES_WIDTH != 0))
#define LINUX_NODES_MASK	((1UL << LINUX_NODES_WIDTH) - 1)

/* page_to_nid [5.10 mm.h], without CONFIG_DEBUG_VM_PGFLAGS */
static inline int linux_page_to_nid(const struct linux_page *page)
{
	return (page->flags >> LINUX_NODES_PGSHIFT) & LINUX_NODES_MASK;
}

/* --- FLATMEM [6.12] include/asm-generic/memory_model.h --------------- */

#define LINUX__UNUSED	__attribute__((unused))

static struct linux_page *linux_flat_mem_map LINUX__UNUSED;
static unsigned long linux_flat_max_mapnr LINUX__UNUSED;

static inline struct linux_page *linux_flat_pfn_to_page(unsigned long pfn)
{
	return linux_flat_mem_map + (pfn - LINUX_ARCH_PFN_OFFSET);
}

static inline unsigned long linux_flat_page_to_pfn(const struct linux_page *page)
{
	return (unsigned long)(page - linux_flat_mem_map) + LINUX_ARCH_PFN_OFFSET;
}

/* the generic FLATMEM pfn_valid of v6.3+ */
static inline int linux_flat_pfn_valid(unsigned long pfn)
{
	/* a variable, so that "pfn >= 0" is no warning when the offset is 0 */
	unsigned long pfn_offset = LINUX_ARCH_PFN_OFFSET;

	return pfn >= pfn_offset && pfn - pfn_offset < linux_flat_max_mapnr;
}

/* --- DISCONTIGMEM [5.10] include/asm-generic/memory_model.h ---------- */

#define LINUX__STR2(x)	#x
#define LINUX__STR(x)	LINUX__STR2(x)
#define LINUX__SAME_STORAGE_AS(sym)	__attribute__((alias(LINUX__STR(sym))))

/*
 * NODE_DATA(nid) = &node_data[nid], as alpha, arc and m68k defined it: an
 * array of pglist_data, no pointer to follow.
 */
/* x86_32's physnode_map: an s8 node id per chunk, -1 where none */
#define LINUX_PHYSNODE_CHUNK_PFN_SHIFT	(LINUX_PHYSNODE_CHUNK_SHIFT - LINUX_PAGE_SHIFT)
#define LINUX_NR_PHYSNODE_CHUNKS	(1UL << (LINUX_MAX_PHYSMEM_BITS - \
						 LINUX_PHYSNODE_CHUNK_SHIFT))

/*
 * The generic conversions, for a given node table and arch_pfn_to_nid:
 *
 *	__pfn_to_page(pfn)  = NODE_DATA(nid)->node_mem_map +
 *			      arch_local_page_offset(pfn, nid)
 *	__page_to_pfn(page) = (page - pgdat->node_mem_map) + pgdat->node_start_pfn,
 *			      pgdat = NODE_DATA(page_to_nid(page))
 *
 * The macros keep the node id in an unsigned long.
 */
static inline struct linux_page *
linux_discontig_pfn_to_page(struct linux_pglist_data *node_data,
			    unsigned long pfn, unsigned long nid)
{
	return node_data[nid].node_mem_map + (pfn - node_data[nid].node_start_pfn);
}

static inline unsigned long
linux_discontig_page_to_pfn(struct linux_pglist_data *node_data,
			    const struct linux_page *page)
{
	const struct linux_pglist_data *pgdat = &node_data[linux_page_to_nid(page)];

	return (unsigned long)(page - pgdat->node_mem_map) + pgdat->node_start_pfn;
}

/* alpha's pfn_valid: the PFN lies in the span of the node it maps to */
static inline int linux_discontig_in_node_span(struct linux_pglist_data *node_data,
					       unsigned long pfn, int nid)
{
	return pfn - node_data[nid].node_start_pfn < node_data[nid].node_spanned_pages;
}

#ifdef LINUX_DISCONTIG_TABLE_NODE_DATA
static struct linux_pglist_data linux_discontig_table_node_data[LINUX_MAX_NUMNODES]
	LINUX__SAME_STORAGE_AS(LINUX_DISCONTIG_TABLE_NODE_DATA);
/* an s8 on x86_32 (NODES_SHIFT <= 6); pmm widens it beyond 127 nodes */
#if LINUX_NODES_SHIFT < 7
typedef signed char linux_physnode_t;
#else
typedef short linux_physnode_t;
#endif
static linux_physnode_t linux_physnode_map[LINUX_NR_PHYSNODE_CHUNKS]
	LINUX__SAME_STORAGE_AS(LINUX_DISCONTIG_TABLE_PHYSNODE_MAP);

/* x86_32's pfn_to_nid: physnode_map[pfn / PAGES_PER_CHUNK] */
static inline int linux_discontig_table_pfn_to_nid(unsigned long pfn)
{
	return (int)linux_physnode_map[pfn >> LINUX_PHYSNODE_CHUNK_PFN_SHIFT];
}

static inline struct linux_page *linux_discontig_table_pfn_to_page(unsigned long pfn)
{
	return linux_discontig_pfn_to_page(linux_discontig_table_node_data, pfn,
					   linux_discontig_table_pfn_to_nid(pfn));
}

static inline unsigned long
linux_discontig_table_page_to_pfn(const struct linux_page *page)
{
	return linux_discontig_page_to_pfn(linux_discontig_table_node_data, page);
}

/*
 * x86_32's table covered its whole physical space; this one covers
 * MAX_PHYSMEM_BITS, so a PFN beyond it is refused before the lookup.
 */
static inline int linux_discontig_table_pfn_valid(unsigned long pfn)
{
	int nid;

	if (pfn >> LINUX_PHYSNODE_CHUNK_PFN_SHIFT >= LINUX_NR_PHYSNODE_CHUNKS)
		return 0;
	nid = linux_discontig_table_pfn_to_nid(pfn);
	return nid >= 0 &&
	       linux_discontig_in_node_span(linux_discontig_table_node_data, pfn, nid);
}
#endif /* LINUX_DISCONTIG_TABLE_NODE_DATA */

/*
 * find_next_bit on a one-word bitmap (small_const_nbits): the first set
 * bit at or above @offset, or @size.
 */
static inline unsigned long linux_find_next_bit(const unsigned long *addr,
						unsigned long size,
						unsigned long offset)
{
	unsigned long val;

	if (offset >= size)
		return size;
	val = *addr & (~0UL << offset) & (~0UL >> (LINUX_BITS_PER_LONG - size));
	return val ? (unsigned long)__builtin_ctzl(val) : size;
}

#ifdef LINUX_DISCONTIG_SEARCH_NODE_DATA
static struct linux_pglist_data linux_discontig_search_node_data[LINUX_MAX_NUMNODES]
	LINUX__SAME_STORAGE_AS(LINUX_DISCONTIG_SEARCH_NODE_DATA);

/* node_online_map: one word holds MAX_NUMNODES <= 64 bits */
static unsigned long linux_discontig_search_online_map;

/*
 * pfn_to_nid by search: for_each_online_node(nid), the first node whose
 * span holds @pfn.
 */
static inline int linux_discontig_search_pfn_to_nid(unsigned long pfn)
{
	unsigned long nid;

	for (nid = linux_find_next_bit(&linux_discontig_search_online_map,
				       LINUX_MAX_NUMNODES, 0);
	     nid < LINUX_MAX_NUMNODES;
	     nid = linux_find_next_bit(&linux_discontig_search_online_map,
				       LINUX_MAX_NUMNODES, nid + 1)) {
		if (linux_discontig_in_node_span(linux_discontig_search_node_data,
						 pfn, (int)nid))
			return (int)nid;
	}
	return LINUX_NUMA_NO_NODE;
}

static inline struct linux_page *linux_discontig_search_pfn_to_page(unsigned long pfn)
{
	return linux_discontig_pfn_to_page(linux_discontig_search_node_data, pfn,
					   linux_discontig_search_pfn_to_nid(pfn));
}

static inline unsigned long
linux_discontig_search_page_to_pfn(const struct linux_page *page)
{
	return linux_discontig_page_to_pfn(linux_discontig_search_node_data, page);
}

static inline int linux_discontig_search_pfn_valid(unsigned long pfn)
{
	int nid = linux_discontig_search_pfn_to_nid(pfn);

	return nid >= 0 &&
	       linux_discontig_in_node_span(linux_discontig_search_node_data, pfn, nid);
}
#endif /* LINUX_DISCONTIG_SEARCH_NODE_DATA */

/* --- SPARSEMEM [6.12] include/linux/mmzone.h, memory_model.h ---------- */

#define LINUX_PFN_SECTION_SHIFT		(LINUX_SECTION_SIZE_BITS - LINUX_PAGE_SHIFT)
#define LINUX_NR_MEM_SECTIONS		(1UL << LINUX_SECTIONS_SHIFT)
#define LINUX_PAGES_PER_SECTION		(1UL << LINUX_PFN_SECTION_SHIFT)
#define LINUX_PAGE_SECTION_MASK		(~(LINUX_PAGES_PER_SECTION - 1))
#define LINUX_PAGES_PER_SUBSECTION	(1UL << (LINUX_SUBSECTION_SHIFT - LINUX_PAGE_SHIFT))

/* EXTREME: a page of mem_sections per root; static: one section per root */
#define LINUX_EXTREME_SECTIONS_PER_ROOT	((1UL << LINUX_PAGE_SHIFT) / \
					 sizeof(struct linux_mem_section))
#define LINUX_EXTREME_NR_SECTION_ROOTS	((LINUX_NR_MEM_SECTIONS + \
					  LINUX_EXTREME_SECTIONS_PER_ROOT - 1) / \
					 LINUX_EXTREME_SECTIONS_PER_ROOT)
#define LINUX_EXTREME_SECTION_ROOT_MASK	(LINUX_EXTREME_SECTIONS_PER_ROOT - 1)
#define LINUX_STATIC_SECTIONS_PER_ROOT	1UL
#define LINUX_STATIC_NR_SECTION_ROOTS	LINUX_NR_MEM_SECTIONS
#define LINUX_STATIC_SECTION_ROOT_MASK	(LINUX_STATIC_SECTIONS_PER_ROOT - 1)

/* section_mem_map flag bits; ZONE_DEVICE (and its TAINT bit) needs VMEMMAP */
#define LINUX_SECTION_HAS_MEM_MAP	(1UL << 1)
#define LINUX_SECTION_IS_EARLY		(1UL << 3)
#define LINUX_CLASSIC_SECTION_MAP_MASK	(~((1UL << 4) - 1))

/* struct mem_section **mem_section, one per EXTREME configuration */
static struct linux_mem_section **linux_sparse_extreme_mem_section LINUX__UNUSED;
static struct linux_mem_section **linux_vmemmap_const_mem_section LINUX__UNUSED;
static struct linux_mem_section **linux_vmemmap_var_mem_section LINUX__UNUSED;

static inline unsigned long linux_pfn_to_section_nr(unsigned long pfn)
{
	return pfn >> LINUX_PFN_SECTION_SHIFT;
}

#ifdef LINUX_SPARSE_STATIC_MEM_SECTION
/* mem_section[NR_SECTION_ROOTS][SECTIONS_PER_ROOT], SPARSEMEM_STATIC */
static struct linux_mem_section
	linux_sparse_static_mem_section[LINUX_STATIC_NR_SECTION_ROOTS]
				       [LINUX_STATIC_SECTIONS_PER_ROOT]
	LINUX__SAME_STORAGE_AS(LINUX_SPARSE_STATIC_MEM_SECTION);

/* __nr_to_section, static table: only the root bound to check */
static inline struct linux_mem_section *linux_static_nr_to_section(unsigned long nr)
{
	unsigned long root = nr / LINUX_STATIC_SECTIONS_PER_ROOT;

	if (__builtin_expect(root >= LINUX_STATIC_NR_SECTION_ROOTS, 0))
		return (struct linux_mem_section *)0;
	return &linux_sparse_static_mem_section[root][nr & LINUX_STATIC_SECTION_ROOT_MASK];
}
#endif

/* __nr_to_section, EXTREME: the bound, then no table or no root is NULL */
static inline struct linux_mem_section *
linux_extreme_nr_to_section(struct linux_mem_section **mem_section, unsigned long nr)
{
	unsigned long root = nr / LINUX_EXTREME_SECTIONS_PER_ROOT;

	if (__builtin_expect(root >= LINUX_EXTREME_NR_SECTION_ROOTS, 0))
		return (struct linux_mem_section *)0;
	if (!mem_section || !mem_section[root])
		return (struct linux_mem_section *)0;
	return &mem_section[root][nr & LINUX_EXTREME_SECTION_ROOT_MASK];
}

/* __section_mem_map_addr: the coded memmap, pfn-biased */
static inline struct linux_page *
linux_section_mem_map_addr(const struct linux_mem_section *ms)
{
	return (struct linux_page *)(ms->section_mem_map & LINUX_CLASSIC_SECTION_MAP_MASK);
}

/* page_to_section: the section number classic SPARSEMEM keeps in flags */
static inline unsigned long linux_page_to_section(const struct linux_page *page)
{
	return (page->flags >> LINUX_CLASSIC_SECTIONS_PGSHIFT) &
	       LINUX_CLASSIC_SECTIONS_MASK;
}

static inline int linux_valid_section(const struct linux_mem_section *ms)
{
	return ms && (ms->section_mem_map & LINUX_SECTION_HAS_MEM_MAP);
}

static inline int linux_early_section(const struct linux_mem_section *ms)
{
	return ms && (ms->section_mem_map & LINUX_SECTION_IS_EARLY);
}

/* generic_test_bit [6.12]; x86's own test_bit is a "bt" in inline asm */
static inline int linux_test_bit(unsigned long nr, const volatile unsigned long *addr)
{
	return 1UL & (addr[nr / LINUX_BITS_PER_LONG] >>
		      (nr & (LINUX_BITS_PER_LONG - 1)));
}

/* pfn_section_valid, VMEMMAP: the PFN's bit in the sub-section map */
static inline int linux_vmemmap_pfn_section_valid(const struct linux_mem_section *ms,
						  unsigned long pfn)
{
	int idx = (int)((pfn & ~LINUX_PAGE_SECTION_MASK) / LINUX_PAGES_PER_SUBSECTION);
	/* READ_ONCE: hot-remove frees the usage under RCU */
	struct linux_mem_section_usage *usage =
		*(struct linux_mem_section_usage *const volatile *)&ms->usage;

	return usage ? linux_test_bit(idx, usage->subsection_map) : 0;
}

/*
 * rcu_read_lock_sched() is preempt_disable(): without CONFIG_PREEMPT_COUNT
 * (PREEMPT_NONE, PREEMPT_VOLUNTARY) that is barrier(), a compiler barrier.
 */
#define linux_rcu_read_lock_sched()	__asm__ __volatile__("" ::: "memory")
#define linux_rcu_read_unlock_sched()	__asm__ __volatile__("" ::: "memory")

/*
 * pfn_valid [6.12] is, in each variant below: the PFN must survive
 * PFN_PHYS/PHYS_PFN and lie below NR_MEM_SECTIONS, then, in the section
 * found and under rcu_read_lock_sched(), as here: a boot section is valid
 * whole; otherwise classic says yes and VMEMMAP asks the sub-section map.
 * The variants spell the two range checks out one after the other, as
 * Linux does: compilers fold them differently when they are packed into a
 * helper.
 */
static inline int linux_sparse_pfn_valid_in(const struct linux_mem_section *ms,
					    unsigned long pfn, int vmemmap)
{
	int ret;

	linux_rcu_read_lock_sched();
	if (!linux_valid_section(ms)) {
		linux_rcu_read_unlock_sched();
		return 0;
	}
	ret = linux_early_section(ms) ||
	      (vmemmap ? linux_vmemmap_pfn_section_valid(ms, pfn) : 1);
	linux_rcu_read_unlock_sched();
	return ret;
}

#ifdef LINUX_SPARSE_STATIC_MEM_SECTION
/* classic SPARSEMEM, static table */
static inline struct linux_page *linux_sparse_static_pfn_to_page(unsigned long pfn)
{
	return linux_section_mem_map_addr(
		       linux_static_nr_to_section(linux_pfn_to_section_nr(pfn))) + pfn;
}

static inline unsigned long
linux_sparse_static_page_to_pfn(const struct linux_page *page)
{
	unsigned long sec = linux_page_to_section(page);

	return (unsigned long)(page -
			       linux_section_mem_map_addr(linux_static_nr_to_section(sec)));
}

static inline int linux_sparse_static_pfn_valid(unsigned long pfn)
{
	if (LINUX_PHYS_PFN(LINUX_PFN_PHYS(pfn)) != pfn)
		return 0;
	if (linux_pfn_to_section_nr(pfn) >= LINUX_NR_MEM_SECTIONS)
		return 0;
	return linux_sparse_pfn_valid_in(
		linux_static_nr_to_section(linux_pfn_to_section_nr(pfn)), pfn, 0);
}
#endif /* LINUX_SPARSE_STATIC_MEM_SECTION */

/* classic SPARSEMEM, EXTREME */
static inline struct linux_page *linux_sparse_extreme_pfn_to_page(unsigned long pfn)
{
	return linux_section_mem_map_addr(
		       linux_extreme_nr_to_section(linux_sparse_extreme_mem_section,
						   linux_pfn_to_section_nr(pfn))) + pfn;
}

static inline unsigned long
linux_sparse_extreme_page_to_pfn(const struct linux_page *page)
{
	unsigned long sec = linux_page_to_section(page);

	return (unsigned long)(page - linux_section_mem_map_addr(
				       linux_extreme_nr_to_section(
					       linux_sparse_extreme_mem_section, sec)));
}

static inline int linux_sparse_extreme_pfn_valid(unsigned long pfn)
{
	if (LINUX_PHYS_PFN(LINUX_PFN_PHYS(pfn)) != pfn)
		return 0;
	if (linux_pfn_to_section_nr(pfn) >= LINUX_NR_MEM_SECTIONS)
		return 0;
	return linux_sparse_pfn_valid_in(
		linux_extreme_nr_to_section(linux_sparse_extreme_mem_section,
					    linux_pfn_to_section_nr(pfn)), pfn, 0);
}

/* --- SPARSEMEM_VMEMMAP [6.12] ---------------------------------------- */

/* vmemmap = (struct page *)VMEMMAP_START, a constant */
#define linux_vmemmap_const	((struct linux_page *)LINUX_VMEMMAP_START)

/* x86_64 with KASLR: VMEMMAP_START is the variable vmemmap_base */
static unsigned long linux_vmemmap_base LINUX__UNUSED;
#define linux_vmemmap_var	((struct linux_page *)linux_vmemmap_base)

static inline struct linux_page *linux_vmemmap_const_pfn_to_page(unsigned long pfn)
{
	return linux_vmemmap_const + pfn;
}

static inline unsigned long
linux_vmemmap_const_page_to_pfn(const struct linux_page *page)
{
	return (unsigned long)(page - linux_vmemmap_const);
}

static inline int linux_vmemmap_const_pfn_valid(unsigned long pfn)
{
	if (LINUX_PHYS_PFN(LINUX_PFN_PHYS(pfn)) != pfn)
		return 0;
	if (linux_pfn_to_section_nr(pfn) >= LINUX_NR_MEM_SECTIONS)
		return 0;
	return linux_sparse_pfn_valid_in(
		linux_extreme_nr_to_section(linux_vmemmap_const_mem_section,
					    linux_pfn_to_section_nr(pfn)), pfn, 1);
}

static inline struct linux_page *linux_vmemmap_var_pfn_to_page(unsigned long pfn)
{
	return linux_vmemmap_var + pfn;
}

static inline unsigned long linux_vmemmap_var_page_to_pfn(const struct linux_page *page)
{
	return (unsigned long)(page - linux_vmemmap_var);
}

static inline int linux_vmemmap_var_pfn_valid(unsigned long pfn)
{
	if (LINUX_PHYS_PFN(LINUX_PFN_PHYS(pfn)) != pfn)
		return 0;
	if (linux_pfn_to_section_nr(pfn) >= LINUX_NR_MEM_SECTIONS)
		return 0;
	return linux_sparse_pfn_valid_in(
		linux_extreme_nr_to_section(linux_vmemmap_var_mem_section,
					    linux_pfn_to_section_nr(pfn)), pfn, 1);
}

/*
 * --- the yardstick's own check ---------------------------------------
 * linux_params_match - do pmm's parameters (pmm_<name>_params) equal the
 * baseline's?  Were they to drift apart, the two sides would silently
 * compare different configurations.
 */
static inline int linux_params_match(const struct pmm_params *p)
{
	if (p->page_shift != LINUX_PAGE_SHIFT ||
	    p->max_physmem_bits != LINUX_MAX_PHYSMEM_BITS ||
	    p->nodes_shift != LINUX_NODES_SHIFT ||
	    p->struct_page_size != (int)sizeof(struct linux_page) ||
	    p->pfn_offset != LINUX_ARCH_PFN_OFFSET)
		return 0;
	if (p->model == PMM_MODEL_SPARSEMEM || p->model == PMM_MODEL_SPARSEMEM_VMEMMAP)
		return p->section_size_bits == LINUX_SECTION_SIZE_BITS;
	if (p->model == PMM_MODEL_DISCONTIGMEM && p->discontig_nid == PMM_NID_BY_TABLE)
		return p->discontig_chunk_shift == LINUX_PHYSNODE_CHUNK_SHIFT;
	return 1;
}

#endif /* BENCH_BASELINE_LINUX_H */
