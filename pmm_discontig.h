/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_discontig.h - DISCONTIGMEM: a node_mem_map per node (Linux 5.10)
 *
 * Linux [5.10]: include/asm-generic/memory_model.h (the generic
 * conversions through arch_pfn_to_nid and NODE_DATA), mm/page_alloc.c
 * alloc_node_mem_map, and the architectures' pfn_to_nid: x86_32's
 * physnode_map chunk table and the node-span scans of alpha and mips.
 *
 *	node 0                         node 1
 *	[RAM ][hole][RAM ]             [RAM      ][hole][RAM]
 *	|<-- node_mem_map[0] -->|      |<---- node_mem_map[1] ---->|
 *
 *	pfn_to_page(pfn) = node_mem_map[nid] + (pfn - node_start_pfn[nid])
 *	page_to_pfn(page) = page - node_mem_map[nid] + node_start_pfn[nid],
 *	                    nid from page->flags
 *
 * A PFN is valid if it lies in a node's span, holes included, as alpha's
 * pfn_valid.  Node spans may not interleave; with PMM_NID_BY_TABLE no
 * chunk may hold two nodes.
 */
#ifndef PMM__BODY
#ifndef PMM_MODEL
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#endif
#include "pmm.h"
#else

/*
 * The part of pglist_data that the memory model reads.  Eight words to a
 * node, a power of two: node_data[nid] is then one shift, where five
 * words cost a multiply by five first (i686 gcc's pfn_to_page and
 * page_to_pfn took one instruction more than x86_32's array of pointers;
 * make test-linux-parity counts them).
 */
struct PMM__IN(pglist_data) {
	PMM__PAGE *node_mem_map;
	unsigned long node_start_pfn;
	unsigned long node_spanned_pages;
	void *map_alloc;
	unsigned long map_bytes;
} __attribute__((aligned(8 * sizeof(unsigned long))));

static struct PMM__IN(pglist_data) PMM__IN(node_data)[PMM__MAX_NUMNODES] PMM__UNUSED;
/* Online nodes by ascending start PFN, for boot-time checks. */
static int PMM__IN(node_order)[PMM__MAX_NUMNODES] PMM__UNUSED;
static int PMM__IN(nr_online) PMM__UNUSED;
/* Highest online node id + 1: the span search's bound (nr_node_ids). */
static int PMM__IN(nr_node_ids) PMM__UNUSED;

#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
#define PMM__CHUNK_PFN_SHIFT	(PMM_DISCONTIG_CHUNK_SHIFT - PMM_PAGE_SHIFT)
#define PMM__NR_CHUNKS		(1UL << (PMM_MAX_PHYSMEM_BITS - PMM_DISCONTIG_CHUNK_SHIFT))
#if PMM_NODES_SHIFT < 7
typedef signed char PMM__IN(physnode_t);
#else
typedef short PMM__IN(physnode_t);
#endif
/* x86_32's physnode_map: the node of each chunk, -1 where none. */
static PMM__IN(physnode_t) PMM__IN(physnode_map)[PMM__NR_CHUNKS] PMM__UNUSED;
static int PMM__IN(physnode_ready) PMM__UNUSED;
#endif

/*
 * arch_pfn_to_nid: the node whose span holds @pfn, or -1.  The table
 * answers by chunk; the caller checks the span.
 */
static inline PMM__UNUSED int PMM__IN(arch_pfn_to_nid)(unsigned long pfn)
{
#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
	return PMM__IN(physnode_map)[pfn >> PMM__CHUNK_PFN_SHIFT];
#else
	int nid;

	/* an offline node spans nothing, so the test skips it */
	for (nid = 0; nid < PMM__IN(nr_node_ids); nid++) {
		const struct PMM__IN(pglist_data) *pgdat = &PMM__IN(node_data)[nid];

		if (pfn - pgdat->node_start_pfn < pgdat->node_spanned_pages)
			return nid;
	}
	return -1;
#endif
}

/**
 * pmm_pfn_valid - does @pfn lie in a node's span?
 * @pfn: page frame number
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
	int nid;

#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
	/* bound the table index itself: one shift serves both uses */
	if (pfn >> PMM__CHUNK_PFN_SHIFT >= PMM__NR_CHUNKS)
		return 0;
#endif
	nid = PMM__IN(arch_pfn_to_nid)(pfn);
	return nid >= 0 &&
	       pfn - PMM__IN(node_data)[nid].node_start_pfn <
	       PMM__IN(node_data)[nid].node_spanned_pages;
}

/**
 * pmm_pfn_to_page - the descriptor of a valid PFN, from its node's map
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	int nid;

	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	nid = PMM__IN(arch_pfn_to_nid)(pfn);
	return PMM__IN(node_data)[nid].node_mem_map +
	       (pfn - PMM__IN(node_data)[nid].node_start_pfn);
}

/**
 * pmm_page_to_nid - the node recorded in page->flags
 * @page: a descriptor
 */
PMM__API int PMM__FN(page_to_nid)(const PMM__PAGE *page)
{
	return (int)((PMM__FLAGS(page) >> PMM__NODES_PGSHIFT) & PMM__NODES_MASK);
}

/**
 * pmm_page_to_pfn - the PFN of a descriptor, through its node
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	const struct PMM__IN(pglist_data) *pgdat =
		&PMM__IN(node_data)[PMM__FN(page_to_nid)(page)];

	return (unsigned long)(page - pgdat->node_mem_map) + pgdat->node_start_pfn;
}

/**
 * pmm_pfn_to_nid - the node of a PFN, found as the architecture would
 * @pfn: page frame number
 *
 * Return: the node id, or -1 if no node spans @pfn.
 */
PMM__API int PMM__FN(pfn_to_nid)(unsigned long pfn)
{
	if (!PMM__FN(pfn_valid)(pfn))
		return -1;
	return PMM__IN(arch_pfn_to_nid)(pfn);
}
#define PMM__HAVE_PFN_TO_NID 1

/**
 * pmm_node_start_pfn - first PFN of a node's span (node_start_pfn())
 * @nid: node id
 */
PMM__API unsigned long PMM__FN(node_start_pfn)(int nid)
{
	return PMM__IN(node_data)[nid].node_start_pfn;
}

/**
 * pmm_node_spanned_pages - pages in a node's span, holes included
 * @nid: node id
 */
PMM__API unsigned long PMM__FN(node_spanned_pages)(int nid)
{
	return PMM__IN(node_data)[nid].node_spanned_pages;
}

static inline PMM__UNUSED void PMM__IN(model_exit)(void)
{
	int nid;

	for (nid = 0; nid < PMM__MAX_NUMNODES; nid++) {
		struct PMM__IN(pglist_data) *pgdat = &PMM__IN(node_data)[nid];

#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
		unsigned long c;

		if (pgdat->node_spanned_pages) {
			unsigned long last = pgdat->node_start_pfn +
					     pgdat->node_spanned_pages - 1;

			for (c = pgdat->node_start_pfn >> PMM__CHUNK_PFN_SHIFT;
			     c <= last >> PMM__CHUNK_PFN_SHIFT; c++)
				PMM__IN(physnode_map)[c] = -1;
		}
#endif
		if (pgdat->map_alloc)
			PMM_FREE(pgdat->map_alloc, pgdat->map_bytes);
		PMM__IN(memzero)(pgdat, sizeof(*pgdat));
	}
	PMM__IN(nr_online) = 0;
	PMM__IN(nr_node_ids) = 0;
}

static inline PMM__UNUSED int PMM__IN(model_init)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned long m = PMM__MAX_ORDER_NR_PAGES;
	unsigned int i;
	int k, err;

	/* node spans, from the sorted ranges */
	for (i = 0; i < nr; i++) {
		struct PMM__IN(pglist_data) *pgdat = &PMM__IN(node_data)[r[i].nid];

		if (!pgdat->node_spanned_pages) {
			pgdat->node_start_pfn = r[i].start_pfn;
			PMM__IN(node_order)[PMM__IN(nr_online)++] = r[i].nid;
			if (r[i].nid >= PMM__IN(nr_node_ids))
				PMM__IN(nr_node_ids) = r[i].nid + 1;
		}
		pgdat->node_spanned_pages = r[i].end_pfn - pgdat->node_start_pfn;
	}
	/*
	 * The first-range order is by start PFN; spans must not interleave.
	 * nr_online never exceeds MAX_NUMNODES; the bound says so to gcc,
	 * whose -Warray-bounds otherwise fails a one-node (NODES_SHIFT 0)
	 * build at -O2.
	 */
	for (k = 1; k < PMM__IN(nr_online) && k < PMM__MAX_NUMNODES; k++) {
		const struct PMM__IN(pglist_data) *prev =
			&PMM__IN(node_data)[PMM__IN(node_order)[k - 1]];

		if (prev->node_start_pfn + prev->node_spanned_pages >
		    PMM__IN(node_data)[PMM__IN(node_order)[k]].node_start_pfn) {
			err = -PMM_EINVAL;
			goto fail;
		}
	}
#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
	if (!PMM__IN(physnode_ready)) {
		unsigned long c;

		for (c = 0; c < PMM__NR_CHUNKS; c++)
			PMM__IN(physnode_map)[c] = -1;
		PMM__IN(physnode_ready) = 1;
	}
	for (k = 0; k < PMM__IN(nr_online); k++) {
		int nid = PMM__IN(node_order)[k];
		const struct PMM__IN(pglist_data) *pgdat = &PMM__IN(node_data)[nid];
		unsigned long first = pgdat->node_start_pfn >> PMM__CHUNK_PFN_SHIFT;
		unsigned long last = (pgdat->node_start_pfn +
				      pgdat->node_spanned_pages - 1) >>
				     PMM__CHUNK_PFN_SHIFT;
		unsigned long c;

		for (c = first; c <= last; c++) {
			if (PMM__IN(physnode_map)[c] != -1) {
				/* two nodes in one chunk: undo this node's part */
				while (c-- > first)
					PMM__IN(physnode_map)[c] = -1;
				PMM__IN(node_data)[nid].node_spanned_pages = 0;
				err = -PMM_EINVAL;
				goto fail;
			}
			PMM__IN(physnode_map)[c] = (PMM__IN(physnode_t))nid;
		}
	}
#endif
	/* alloc_node_mem_map: MAX_ORDER-aligned at both ends, node-local */
	for (k = 0; k < PMM__IN(nr_online); k++) {
		struct PMM__IN(pglist_data) *pgdat =
			&PMM__IN(node_data)[PMM__IN(node_order)[k]];
		unsigned long end = pgdat->node_start_pfn + pgdat->node_spanned_pages;
		unsigned long start = PMM__ALIGN_DOWN(pgdat->node_start_pfn, m);
		unsigned long map_end = PMM__ALIGN_UP(end, m);

		if (map_end < end ||
		    map_end - start > ~0UL / sizeof(PMM__PAGE)) {
			err = -PMM_ENOMEM;
			goto fail;
		}
		pgdat->map_bytes = (map_end - start) * sizeof(PMM__PAGE);
		pgdat->map_alloc = PMM_ALLOC(pgdat->map_bytes, PMM__SMP_CACHE_BYTES,
					     PMM__IN(node_order)[k]);
		if (!pgdat->map_alloc) {
			err = -PMM_ENOMEM;
			goto fail;
		}
		pgdat->node_mem_map = (PMM__PAGE *)pgdat->map_alloc +
				      (pgdat->node_start_pfn - start);
	}
	/*
	 * memmap_init: RAM with its node and zone, holes in a span with that
	 * node and the zone where the range above starts
	 */
	for (i = 0; i < nr; i++) {
		const struct PMM__IN(pglist_data) *pgdat =
			&PMM__IN(node_data)[r[i].nid];
		unsigned long hole = pgdat->node_start_pfn;

		if (i && r[i - 1].nid == r[i].nid)
			hole = r[i - 1].end_pfn;
		PMM__IN(init_pages)(hole, r[i].start_pfn, r[i].nid,
				    PMM__IN(boot_zone)(r[i].start_pfn), 1);
		PMM__IN(init_pages)(r[i].start_pfn, r[i].end_pfn, r[i].nid,
				    PMM__ZONE_BY_PFN, 0);
	}
	return 0;
fail:
	PMM__IN(model_exit)();
	return err;
}

static inline PMM__UNUSED void PMM__IN(model_stats)(struct pmm_stats *st)
{
	int k;

	for (k = 0; k < PMM__IN(nr_online); k++) {
		const struct PMM__IN(pglist_data) *pgdat =
			&PMM__IN(node_data)[PMM__IN(node_order)[k]];

		st->memmap_pages += pgdat->node_spanned_pages;
		st->memmap_bytes += pgdat->map_bytes;
	}
	st->nr_nodes = (unsigned int)PMM__IN(nr_online);
	st->static_bytes = sizeof(PMM__IN(node_data)) + sizeof(PMM__IN(node_order));
#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
	st->static_bytes += sizeof(PMM__IN(physnode_map));
#endif
}

#if PMM_DISCONTIG_NID == PMM_NID_BY_TABLE
#undef PMM__CHUNK_PFN_SHIFT
#undef PMM__NR_CHUNKS
#endif

#endif /* PMM__BODY */
