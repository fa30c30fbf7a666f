/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_flat.h - FLATMEM: one mem_map from PMM_ARCH_PFN_OFFSET
 *
 * Linux [6.12]: include/asm-generic/memory_model.h (conversions, and the
 * generic pfn_valid of v6.3+), mm/mm_init.c alloc_node_mem_map (the map is
 * MAX_ORDER-aligned at both ends).
 *
 *	PFN:   OFFSET             first RAM          last RAM     max_pfn
 *	       |                  |                  |            |
 *	       v                  v                  v            v
 *	mem_map[0] .............. [RAM  ][hole][RAM            ]
 *	       |<------------------ max_mapnr ------------------->|
 *
 * Every PFN in [OFFSET, max_pfn) has a descriptor, holes included.
 */
#ifndef PMM__BODY
/* Included by the user: pick FLATMEM and go through pmm.h. */
#ifndef PMM_MODEL
#define PMM_MODEL PMM_MODEL_FLATMEM
#endif
#include "pmm.h"
#else

static PMM__PAGE *PMM__IN(mem_map) PMM__UNUSED;
static unsigned long PMM__IN(max_mapnr) PMM__UNUSED;
static void *PMM__IN(map_alloc) PMM__UNUSED;
static unsigned long PMM__IN(map_bytes) PMM__UNUSED;
static unsigned int PMM__IN(nr_nodes) PMM__UNUSED;

/**
 * pmm_pfn_valid - does @pfn have a descriptor in mem_map?
 * @pfn: page frame number
 *
 * The generic FLATMEM rule of Linux 6.3+: ARCH_PFN_OFFSET <= pfn and
 * pfn - ARCH_PFN_OFFSET < max_mapnr.  Holes inside the span are valid.
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
#if PMM_ARCH_PFN_OFFSET
	if (pfn < (unsigned long)PMM_ARCH_PFN_OFFSET)
		return 0;
#endif
	return pfn - (unsigned long)PMM_ARCH_PFN_OFFSET < PMM__IN(max_mapnr);
}

/**
 * pmm_pfn_to_page - the descriptor of a valid PFN
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	return PMM__IN(mem_map) + (pfn - (unsigned long)PMM_ARCH_PFN_OFFSET);
}

/**
 * pmm_page_to_pfn - the PFN of a descriptor in mem_map
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	return (unsigned long)(page - PMM__IN(mem_map)) +
	       (unsigned long)PMM_ARCH_PFN_OFFSET;
}

/**
 * pmm_page_to_nid - the node recorded in page->flags
 * @page: a descriptor
 */
PMM__API int PMM__FN(page_to_nid)(const PMM__PAGE *page)
{
	return (int)((PMM__FLAGS(page) >> PMM__NODES_PGSHIFT) & PMM__NODES_MASK);
}

static inline PMM__UNUSED int PMM__IN(model_init)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned long m = PMM__MAX_ORDER_NR_PAGES;
	unsigned long end = r[nr - 1].end_pfn;
	unsigned long map_start = PMM__ALIGN_DOWN((unsigned long)PMM_ARCH_PFN_OFFSET, m);
	unsigned long map_end = PMM__ALIGN_UP(end, m);
	unsigned long pfn = PMM_ARCH_PFN_OFFSET;
	unsigned int i;
	void *map;

	/* a span whose map cannot be addressed is refused, not wrapped */
	if (map_end < end ||
	    map_end - map_start > ~0UL / sizeof(PMM__PAGE))
		return -PMM_ENOMEM;
	map = PMM_ALLOC((map_end - map_start) * sizeof(PMM__PAGE),
			PMM__SMP_CACHE_BYTES, r[0].nid);
	if (!map)
		return -PMM_ENOMEM;
	PMM__IN(map_alloc) = map;
	PMM__IN(map_bytes) = (map_end - map_start) * sizeof(PMM__PAGE);
	PMM__IN(mem_map) = (PMM__PAGE *)map +
			   ((unsigned long)PMM_ARCH_PFN_OFFSET - map_start);
	PMM__IN(max_mapnr) = end - (unsigned long)PMM_ARCH_PFN_OFFSET;

	/*
	 * memmap_init: RAM with its node and zone; a hole with the node above
	 * it and the zone where that range starts
	 */
	for (i = 0; i < nr; i++) {
		PMM__IN(init_pages)(pfn, r[i].start_pfn, r[i].nid,
				    PMM__IN(boot_zone)(r[i].start_pfn), 1);
		PMM__IN(init_pages)(r[i].start_pfn, r[i].end_pfn, r[i].nid,
				    PMM__ZONE_BY_PFN, 0);
		pfn = r[i].end_pfn;
	}
	PMM__IN(nr_nodes) = PMM__IN(count_nodes)(r, nr);
	return 0;
}

static inline PMM__UNUSED void PMM__IN(model_exit)(void)
{
	PMM_FREE(PMM__IN(map_alloc), PMM__IN(map_bytes));
	PMM__IN(map_alloc) = (void *)0;
	PMM__IN(map_bytes) = 0;
	PMM__IN(mem_map) = (PMM__PAGE *)0;
	PMM__IN(max_mapnr) = 0;
	PMM__IN(nr_nodes) = 0;
}

static inline PMM__UNUSED void PMM__IN(model_stats)(struct pmm_stats *st)
{
	st->memmap_pages = PMM__IN(max_mapnr);
	st->memmap_bytes = PMM__IN(map_bytes);
	st->nr_nodes = PMM__IN(nr_nodes);
}

#endif /* PMM__BODY */
