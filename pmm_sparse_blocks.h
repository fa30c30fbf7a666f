/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_blocks.h - memory blocks, onlining, and hotplug's teardown
 *
 * A stage of SPARSEMEM, after hotplug and ZONE_DEVICE, whose spans it
 * groups and judges.  Linux 6.1: drivers/base/memory.c (memory blocks,
 * valid_zones), mm/memory_hotplug.c (add_memory, online_pages,
 * offline_pages, zone_for_pfn_range, pfn_to_online_page).
 */
#ifndef PMM__BODY
#error "pmm_sparse_blocks.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

/*
 * What pmm_exit gives back of hotplug's memmaps, per model: VMEMMAP every
 * backing page still in use, under the same rule that backed it (the
 * boot backing too, so model_exit has none left to undo), and the
 * pagemaps and altmap records; classic each hot-added section's own
 * memmap.
 */
#if PMM__VMEMMAP
static inline PMM__UNUSED void PMM__IN(altmaps_exit)(void)
{
	PMM__IN(memunmap_all)();
	while (PMM__IN(altmap_spans)) {
		struct PMM__IN(altmap_span) *span = PMM__IN(altmap_spans);

		PMM__IN(altmap_spans) = span->next;
		PMM_FREE(span, sizeof(*span));
	}
}

/* section @nr's backing pages from @prev_end on; @prev_end moves past them */
static inline PMM__UNUSED void PMM__IN(section_memmap_exit)(const PMM__SECTION *ms,
							   unsigned long nr,
							   unsigned long *prev_end)
{
	unsigned long p = PMM__ALIGN_DOWN(PMM__FN(section_nr_to_pfn)(nr), PMM__PFNS_PER_BACKING);
	unsigned long end = PMM__ALIGN_UP(PMM__FN(section_nr_to_pfn)(nr + 1),
					  PMM__PFNS_PER_BACKING);

	(void)ms;
	for (p = p > *prev_end ? p : *prev_end; p < end; p += PMM__PFNS_PER_BACKING) {
		if (!PMM__IN(vmemmap_needed)(p, p + PMM__PFNS_PER_BACKING))
			continue;
		PMM_VMEMMAP_DEPOPULATE((void *)PMM__IN(vmemmap_addr)(p), PMM__PAGE_SIZE);
		PMM__IN(vmemmap_bytes) -= PMM__PAGE_SIZE;
	}
	*prev_end = end;
}

static inline PMM__UNUSED void PMM__IN(vmemmap_forget)(void)
{
	PMM__IN(vmemmap_populated) = 0;
	PMM__IN(vmemmap_bytes) = 0;
	PMM__IN(altmap_pages) = 0;
}
#else
static inline PMM__UNUSED void PMM__IN(altmaps_exit)(void)
{
}

/* a hot-added section's own memmap; an early one's is in its boot run */
static inline PMM__UNUSED void PMM__IN(section_memmap_exit)(const PMM__SECTION *ms,
							   unsigned long nr,
							   unsigned long *prev_end)
{
	(void)prev_end;
	if (!PMM__IN(early_section)(ms))
		PMM__IN(free_section_memmap)(ms, nr);
}

static inline PMM__UNUSED void PMM__IN(vmemmap_forget)(void)
{
}
#endif

/*
 * At pmm_exit, before the boot blocks go: give back what hotplug took,
 * the memmaps above and the usage data of hot-added sections.
 */
static inline PMM__UNUSED void PMM__IN(hotplug_exit)(void)
{
	unsigned long nr, prev_end = 0;

	PMM__IN(altmaps_exit)();
	/* untouched since boot: model_exit gives back the boot pieces whole */
	if (!PMM__IN(hotplugged))
		return;
	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		PMM__SECTION *ms = PMM__FN(nr_to_section)(nr);

		PMM__IN(section_memmap_exit)(ms, nr, &prev_end);
		if (!PMM__IN(early_section)(ms))
			PMM_FREE(ms->usage, sizeof(struct PMM__IN(usage_block)));
	}
	PMM__IN(hot_usages) = 0;
	PMM__IN(hot_map_bytes) = 0;
	PMM__IN(hotplugged) = 0;
	PMM__IN(vmemmap_forget)();
}

/* --- memory blocks and onlining ----------------------------------------- */

#define PMM__PAGES_PER_BLOCK	(1UL << (PMM_MEMORY_BLOCK_SIZE_BITS - PMM_PAGE_SHIFT))
#define PMM__SECTIONS_PER_BLOCK	(1UL << (PMM_MEMORY_BLOCK_SIZE_BITS - PMM_SECTION_SIZE_BITS))

/*
 * The rules online, offline and remove share: a span of whole sections
 * (@unit pages, a section or a block), each valid and in a memory block.
 * Memory added by pmm_add_pages alone (ZONE_DEVICE-like) is never onlined.
 */
static inline PMM__UNUSED int PMM__IN(check_blocks)(unsigned long pfn, unsigned long nr,
						   unsigned long unit)
{
	unsigned long p;
	int err = PMM__IN(check_units)(pfn, nr, unit);

	if (err)
		return err;
	for (p = pfn; p < pfn + nr; p += PMM__PAGES_PER_SECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (!PMM__IN(valid_section)(ms) || !PMM__OWN(ms->usage)->in_memory_block)
			return -PMM_EINVAL;
	}
	return 0;
}

/* online_mem_sections / offline_mem_sections, and the sections' block zone */
static inline PMM__UNUSED void PMM__IN(set_online)(unsigned long pfn, unsigned long nr,
						  int online, int zone)
{
	unsigned long p;

	for (p = pfn; p < pfn + nr; p += PMM__PAGES_PER_SECTION) {
		PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		PMM__OWN(ms->usage)->block_zone = (signed char)zone;
		PMM__WRITE_ONCE(ms->section_mem_map,
				online ? ms->section_mem_map | PMM__SECTION_IS_ONLINE :
					 ms->section_mem_map & ~PMM__SECTION_IS_ONLINE);
	}
}

#if PMM__VMEMMAP
/* the section's sub-sections are a block's RAM, as boot RAM's (ram_map) */
static inline PMM__UNUSED void PMM__IN(section_ram_set)(PMM__USAGE *usage, unsigned long pfn)
{
	PMM__IN(subsection_bits)(PMM__OWN(usage)->ram_map, pfn, PMM__PAGES_PER_SECTION, 1);
}
#else
/* a classic section is RAM whole: no map */
static inline PMM__UNUSED void PMM__IN(section_ram_set)(PMM__USAGE *usage, unsigned long pfn)
{
	(void)usage;
	(void)pfn;
}
#endif

/**
 * pmm_add_memory - add whole memory blocks, offline (add_memory)
 * @nid: node
 * @start_pfn: first PFN, memory-block aligned
 * @nr_pages: pages, a multiple of a memory block
 *
 * Return: as pmm_add_pages, and -EINVAL unless block aligned
 * (check_hotplug_memory_range).
 */
PMM__API int PMM__FN(add_memory)(int nid, unsigned long start_pfn, unsigned long nr_pages)
{
	unsigned long p;
	int err;

	if ((start_pfn | nr_pages) & (PMM__PAGES_PER_BLOCK - 1))
		return -PMM_EINVAL;
	err = PMM__FN(add_pages)(nid, start_pfn, nr_pages, (struct PMM__FN(vmem_altmap) *)0);
	if (err)
		return err;
	for (p = start_pfn; p < start_pfn + nr_pages; p += PMM__PAGES_PER_SECTION) {
		PMM__USAGE *usage = PMM__FN(pfn_to_section)(p)->usage;

		PMM__OWN(usage)->in_memory_block = 1;
		PMM__OWN(usage)->block_zone = -1;
		PMM__IN(section_ram_set)(usage, p);
	}
	return 0;
}

/**
 * pmm_remove_memory - remove whole offline memory blocks (remove_memory)
 * @start_pfn: first PFN, memory-block aligned
 * @nr_pages: pages, a multiple of a memory block
 *
 * Boot blocks may go too; their holes go with them.  Return: 0; -EINVAL
 * before pmm_init, misaligned, or any section of the span absent or not
 * in a memory block (a block spanning a hole cannot be removed); -EBUSY if
 * any of it is online or ZONE_DEVICE memory lives in its holes; -ERANGE.
 * On error nothing has changed.
 */
PMM__API int PMM__FN(remove_memory)(unsigned long start_pfn, unsigned long nr_pages)
{
	unsigned long p, end = start_pfn + nr_pages;
	int err = PMM__IN(check_blocks)(start_pfn, nr_pages, PMM__PAGES_PER_BLOCK);

	if (err)
		return err;
	for (p = start_pfn; p < end; p += PMM__PAGES_PER_SECTION)
		if (PMM__IN(online_section)(PMM__FN(pfn_to_section)(p)))
			return -PMM_EBUSY;
	if (PMM__IN(device_in)(start_pfn, nr_pages))
		return -PMM_EBUSY;
	/* its memmap would go back to the allocator, not to the altmap */
	if (!PMM__IN(altmap_matches)(start_pfn, nr_pages, (struct PMM__FN(vmem_altmap) *)0))
		return -PMM_EINVAL;
	/* only what is valid: a removed sub-section's memmap is gone already */
	PMM__IN(ram_pages) -= PMM__IN(ram_in)(start_pfn, end);
	for (p = start_pfn; p < end;) {
		unsigned long q = p;

		while (q < end && PMM__IN(span_is)(q, PMM__HOTPLUG_UNIT, 1))
			q += PMM__HOTPLUG_UNIT;
		if (q > p)
			PMM__IN(deactivate_span)(p, q - p, (struct PMM__FN(vmem_altmap) *)0);
		p = q > p ? q : p + PMM__HOTPLUG_UNIT;
	}
	PMM__IN(rcu_flush)();
	return 0;
}

#if PMM__VMEMMAP
/* pfn_section_valid, the bit read with acquire (the slow path's order) */
static inline PMM__UNUSED int PMM__IN(pfn_section_valid_acquire)(const PMM__SECTION *ms,
								unsigned long pfn)
{
	const PMM__USAGE *usage = PMM__DEREF(ms->usage);
	unsigned long idx = PMM__IN(subsection_map_index)(pfn);

	PMM_TEST_READ_POINT();
	return usage && ((__atomic_load_n(&usage->subsection_map[idx / PMM_BITS_PER_LONG],
					  __ATOMIC_ACQUIRE) >> (idx % PMM_BITS_PER_LONG)) & 1);
}
#endif

/**
 * pmm_pfn_to_online_page - the descriptor of an online PFN, or NULL
 * @pfn: page frame number
 *
 * Linux [6.12] mm/memory_hotplug.c: the section must be online and the
 * PFN's sub-section valid.  A section that ZONE_DEVICE memory shares with
 * online memory is tainted, and there the slow path asks whether the PFN
 * belongs to a pagemap: device pages are never online.  ("All pfn walkers
 * which rely on the fully initialized page->flags ... should use this
 * rather than pfn_valid && pfn_to_page.")  Safe against concurrent
 * hotplug and memunmap, under PMM_RCU_READ_LOCK.
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_online_page)(unsigned long pfn)
{
	const PMM__SECTION *ms;
	PMM__PAGE *page = (PMM__PAGE *)0;
	unsigned long map;

	if (PMM__FN(pfn_to_section_nr)(pfn) >= PMM__NR_MEM_SECTIONS)
		return page;
	PMM_RCU_READ_LOCK();
	map = PMM__IN(read_section)(pfn, &ms);
	if (!(map & PMM__SECTION_IS_ONLINE))
		goto out;
#if PMM__VMEMMAP
	if (!PMM__IN(pfn_section_valid_acquire)(ms, pfn))
		goto out;
	/*
	 * online_device_section: the slow path.  memremap publishes the
	 * pagemap and the taint before the sub-section bits (release), so
	 * the taint is read again after the bit (acquire); memunmap clears
	 * the bits before it unlinks the pagemap, so a PFN whose pagemap is
	 * gone is asked about its bit again.
	 */
	if ((__atomic_load_n(&ms->section_mem_map, __ATOMIC_ACQUIRE) &
	     PMM__SECTION_TAINT_ZONE_DEVICE) &&
	    (PMM__IN(find_pgmap)(pfn) || !PMM__IN(pfn_section_valid)(ms, pfn)))
		goto out;
#endif
	PMM_TEST_READ_POINT();
	/* from the section read above: pmm_pfn_to_page would read it again */
	page = PMM__IN(section_pfn_to_page)(map, pfn);
out:
	PMM_RCU_READ_UNLOCK();
	return page;
}

/* a pagemap's page in a boot section's holes: not the block's memory */
#if PMM__VMEMMAP
static inline PMM__UNUSED int PMM__IN(device_pfn)(unsigned long pfn)
{
	return PMM__FN(is_zone_device_page)(PMM__FN(pfn_to_page)(pfn));
}
#else
static inline PMM__UNUSED int PMM__IN(device_pfn)(unsigned long pfn)
{
	(void)pfn;	/* no ZONE_DEVICE without VMEMMAP */
	return 0;
}
#endif

/* the node of [pfn, pfn + nr)'s first valid PFN of memory (a block's nid) */
static inline PMM__UNUSED int PMM__IN(first_nid)(unsigned long pfn, unsigned long nr)
{
	for (; nr; pfn++, nr--)
		if (PMM__FN(pfn_valid)(pfn) && !PMM__IN(device_pfn)(pfn))
			return PMM__FN(page_to_nid)(PMM__FN(pfn_to_page)(pfn));
	return -1;
}

/* the first memory block with id >= @id, without its zones */
static inline PMM__UNUSED int PMM__IN(find_block)(unsigned long id, struct pmm_memory_block *mb)
{
	unsigned long nr, first, sec;

	if (!PMM__IN(initialised) || id >= PMM__NR_MEM_SECTIONS / PMM__SECTIONS_PER_BLOCK)
		return -PMM_ENOENT;
	/* from ~0UL, next_present_section_nr wraps to section 0 */
	for (nr = PMM__IN(next_present_section_nr)(id * PMM__SECTIONS_PER_BLOCK - 1);
	     nr != ~0UL; nr = PMM__IN(next_present_section_nr)(nr)) {
		if (PMM__OWN(PMM__FN(nr_to_section)(nr)->usage)->in_memory_block)
			break;
	}
	if (nr == ~0UL)
		return -PMM_ENOENT;
	mb->id = nr / PMM__SECTIONS_PER_BLOCK;
	mb->start_pfn = mb->id * PMM__PAGES_PER_BLOCK;
	mb->nr_pages = PMM__PAGES_PER_BLOCK;
	mb->online = 1;
	mb->nid = -1;
	first = mb->id * PMM__SECTIONS_PER_BLOCK;
	for (sec = first; sec < first + PMM__SECTIONS_PER_BLOCK; sec++) {
		const PMM__SECTION *ms = PMM__FN(nr_to_section)(sec);

		if (!PMM__IN(valid_section)(ms) || !PMM__OWN(ms->usage)->in_memory_block)
			continue;
		if (!PMM__IN(online_section)(ms))
			mb->online = 0;
		if (mb->nid < 0)
			mb->nid = PMM__IN(first_nid)(PMM__FN(section_nr_to_pfn)(sec),
						     PMM__PAGES_PER_SECTION);
	}
	return 0;
}

/* the part of [pfn, end) in pfn's memory block: Linux onlines block by block */
static inline PMM__UNUSED unsigned long PMM__IN(block_chunk)(unsigned long pfn,
							    unsigned long end)
{
	unsigned long next = (pfn | (PMM__PAGES_PER_BLOCK - 1)) + 1;

	return (next < end ? next : end) - pfn;
}

/* default_kernel_zone_for_pfn: the lowest kernel zone spanning part of it */
static inline PMM__UNUSED int PMM__IN(kernel_zone_for)(int nid, unsigned long pfn,
						      unsigned long nr)
{
	int zone;

	for (zone = 0; zone < PMM__ZONE_NORMAL; zone++)
		if (PMM__IN(zone_intersects)(nid, zone, pfn, nr))
			return zone;
	return PMM__ZONE_NORMAL;
}

/*
 * zone_for_pfn_range [6.1] under the defaults Debian boots with
 * (memory_hotplug.online_policy "contig-zones", no movable_node):
 * online_kernel takes the kernel zone, online_movable ZONE_MOVABLE, and
 * online the one of the two that already spans part of the range, the
 * kernel zone when both or neither do.
 */
static inline PMM__UNUSED int PMM__IN(zone_for_pfn_range)(int online_type, int nid,
							 unsigned long pfn, unsigned long nr)
{
	int kernel = PMM__IN(kernel_zone_for)(nid, pfn, nr);

	if (online_type == PMM_MMOP_ONLINE_KERNEL)
		return kernel;
	if (online_type == PMM_MMOP_ONLINE_MOVABLE)
		return PMM__ZONE_MOVABLE;
	if (PMM__IN(zone_intersects)(nid, PMM__ZONE_MOVABLE, pfn, nr) &&
	    !PMM__IN(zone_intersects)(nid, kernel, pfn, nr))
		return PMM__ZONE_MOVABLE;
	return kernel;
}

/* shrink_zone_span looks for online memory at 2 MiB steps (PAGES_PER_SUBSECTION) */
#if PMM__VMEMMAP
#define PMM__ZONE_SCAN_STEP	PMM__PAGES_PER_SUBSECTION
#elif PMM_SECTION_SIZE_BITS > 21
#define PMM__ZONE_SCAN_STEP	(1UL << (21 - PMM_PAGE_SHIFT))
#else
#define PMM__ZONE_SCAN_STEP	PMM__PAGES_PER_SECTION
#endif

/* @pfn is online memory of @nid in @zone */
static inline PMM__UNUSED int PMM__IN(zone_holds)(int nid, int zone, unsigned long pfn)
{
	const PMM__PAGE *page = PMM__FN(pfn_to_online_page)(pfn);

	return page && PMM__FN(page_to_nid)(page) == nid &&
	       PMM__FN(page_zonenum)(page) == zone;
}

/*
 * shrink_zone_span [6.1]: [start, end) of @zone went offline; at the
 * zone's start or end, the span shrinks to the next online memory of that
 * node and zone (find_smallest_section_pfn, find_biggest_section_pfn).
 */
static inline PMM__UNUSED void PMM__IN(shrink_zone_span)(int nid, int zone,
							unsigned long start, unsigned long end)
{
	unsigned long *span = PMM__IN(zone_span)[nid][zone], pfn;

	if (span[0] == start) {
		for (pfn = end; pfn < span[1]; pfn += PMM__ZONE_SCAN_STEP)
			if (PMM__IN(zone_holds)(nid, zone, pfn))
				break;
		span[0] = pfn;
	} else if (span[1] == end) {
		/* pfn - 1: the last page of each step below start */
		for (pfn = start; pfn > span[0]; pfn -= PMM__ZONE_SCAN_STEP)
			if (PMM__IN(zone_holds)(nid, zone, pfn - 1))
				break;
		span[1] = pfn;
	}
	/* nothing of it left online: an empty zone, as Linux leaves it */
	if (span[0] >= span[1])
		span[0] = span[1] = 0;
}

/* the node Linux 6.1's get_nid_for_pfn gives a boot PFN while booting */
static inline PMM__UNUSED int PMM__IN(boot_nid)(unsigned long pfn)
{
	const PMM__PAGE *page = PMM__FN(pfn_to_page)(pfn);

	/* early_pfn_to_nid: memblock's node, a hole the first online node's */
	if (PMM_DEFERRED_STRUCT_PAGE_INIT && (PMM__FLAGS(page) & (1UL << PMM_PG_RESERVED)))
		return PMM__IN(first_node);
	return PMM__FN(page_to_nid)(page);
}

/* the nodes sysfs links a block to: see pmm_memory_block_nodes */
static inline PMM__UNUSED void PMM__IN(block_nodes)(const struct pmm_memory_block *mb,
						   unsigned long *nodes)
{
	unsigned long sec, pfn, first = mb->id * PMM__SECTIONS_PER_BLOCK;
	unsigned long block_end = mb->start_pfn + mb->nr_pages;
	unsigned int i;

	for (i = 0; i < PMM_NODESET_LONGS; i++)
		nodes[i] = 0;
	for (sec = first; sec < first + PMM__SECTIONS_PER_BLOCK; sec++) {
		const PMM__SECTION *ms = PMM__FN(nr_to_section)(sec);
		unsigned long end = PMM__FN(section_nr_to_pfn)(sec + 1);
		int early = PMM__IN(early_section)(ms);

		if (!PMM__IN(valid_section)(ms) || !PMM__OWN(ms->usage)->in_memory_block)
			continue;
		for (pfn = PMM__FN(section_nr_to_pfn)(sec); pfn < end; pfn++) {
			const unsigned long *span;
			int nid;

			/* a pagemap in a boot section's holes came after the links */
			if (!PMM__FN(pfn_valid)(pfn) || PMM__IN(device_pfn)(pfn))
				continue;
			if (!early) {
				nid = PMM__FN(page_to_nid)(PMM__FN(pfn_to_page)(pfn));
				nodes[nid / PMM_BITS_PER_LONG] |= 1UL << (nid % PMM_BITS_PER_LONG);
				break;
			}
			nid = PMM__IN(boot_nid)(pfn);
			span = PMM__IN(node_span)[nid];
			if (span[0] < block_end && span[1] > mb->start_pfn)
				nodes[nid / PMM_BITS_PER_LONG] |= 1UL << (nid % PMM_BITS_PER_LONG);
		}
	}
}

/* the zone of the first online section of [pfn, pfn + nr): its block's; -2 none online */
static inline PMM__UNUSED int PMM__IN(online_zone)(unsigned long pfn, unsigned long nr)
{
	unsigned long p;

	for (p = pfn; p < pfn + nr; p += PMM__PAGES_PER_SECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (PMM__IN(valid_section)(ms) && PMM__IN(online_section)(ms) &&
		    PMM__OWN(ms->usage)->in_memory_block)
			return PMM__OWN(ms->usage)->block_zone;
	}
	return -2;
}

/* online_pages for [pfn, pfn + nr), in one block: its zone, grown, in each page */
static inline PMM__UNUSED void PMM__IN(online_block)(unsigned long pfn, unsigned long nr,
						    int online_type)
{
	int nid = PMM__IN(first_nid)(pfn, nr), zone;
	unsigned long p, sec;

	for (sec = pfn; sec < pfn + nr; sec += PMM__PAGES_PER_SECTION)
		if (!PMM__IN(online_section)(PMM__FN(pfn_to_section)(sec)))
			break;
	if (sec >= pfn + nr)
		return;	/* online already: a no-op, as for a block in sysfs */
	zone = PMM__IN(zone_for_pfn_range)(online_type, nid, pfn, nr);
	PMM__IN(resize_zone_range)(nid, zone, pfn, nr);
	for (sec = pfn; sec < pfn + nr; sec += PMM__PAGES_PER_SECTION) {
		if (PMM__IN(online_section)(PMM__FN(pfn_to_section)(sec)))
			continue;
		for (p = sec; p < sec + PMM__PAGES_PER_SECTION; p++) {
			PMM__PAGE *page;

			if (!PMM__FN(pfn_valid)(p) || PMM__IN(device_pfn)(p))
				continue;
			page = PMM__FN(pfn_to_page)(p);
			PMM__FLAGS(page) = (PMM__FLAGS(page) &
					    ~(PMM__ZONES_MASK << PMM__ZONES_PGSHIFT)) |
					   (((unsigned long)zone & PMM__ZONES_MASK)
					    << PMM__ZONES_PGSHIFT);
		}
		PMM__IN(set_online)(sec, PMM__PAGES_PER_SECTION, 1, zone);
	}
}

/**
 * pmm_online_pages - online whole sections of memory-block memory
 * @start_pfn: first PFN, section aligned
 * @nr_pages: pages, a multiple of a section
 * @online_type: PMM_MMOP_ONLINE, PMM_MMOP_ONLINE_KERNEL or
 *	PMM_MMOP_ONLINE_MOVABLE, as the word written to a block's state
 *
 * Block by block, as memory_block_online: the zone is chosen as Linux 6.1
 * chooses it (zone_for_pfn_range, with online_policy "contig-zones" and no
 * movable_node), grows to span the block (move_pfn_range_to_zone), and the
 * pages of its offline sections take it; then SECTION_IS_ONLINE is set, as
 * online_pages ends by online_mem_sections.  Onlining what is online is a
 * no-op, as for a block in sysfs.  Return: 0; -EINVAL before pmm_init,
 * misaligned, for another @online_type, or any section not valid or not in
 * a memory block; -EBUSY while pmm_deferred_init has work left; -ERANGE.
 * On error nothing has changed.
 */
PMM__API int PMM__FN(online_pages)(unsigned long start_pfn, unsigned long nr_pages,
				   int online_type)
{
	unsigned long pfn, nr, end = start_pfn + nr_pages;
	int err = PMM__IN(check_blocks)(start_pfn, nr_pages, PMM__PAGES_PER_SECTION);

	if (!err && online_type != PMM_MMOP_ONLINE && online_type != PMM_MMOP_ONLINE_KERNEL &&
	    online_type != PMM_MMOP_ONLINE_MOVABLE)
		err = -PMM_EINVAL;
	for (pfn = start_pfn; !err && pfn < end; pfn += nr) {
		nr = PMM__IN(block_chunk)(pfn, end);
		PMM__IN(online_block)(pfn, nr, online_type);
	}
	return err;
}

/**
 * pmm_offline_pages - offline whole sections of memory-block memory
 * @start_pfn: first PFN, section aligned
 * @nr_pages: pages, a multiple of a section
 *
 * Block by block, as memory_block_offline: SECTION_IS_ONLINE is cleared
 * (offline_mem_sections) and, where the block was at its zone's start or
 * end, the zone shrinks to the online memory left (shrink_zone_span).
 * Return: as pmm_online_pages, and -EINVAL where online memory has no
 * one zone (a boot block in several zones or nodes, which Linux cannot
 * offline: "mem->zone" is NULL); then nothing has changed.
 */
PMM__API int PMM__FN(offline_pages)(unsigned long start_pfn, unsigned long nr_pages)
{
	unsigned long pfn, nr, end = start_pfn + nr_pages;
	int err = PMM__IN(check_blocks)(start_pfn, nr_pages, PMM__PAGES_PER_SECTION);

	for (pfn = start_pfn; !err && pfn < end; pfn += nr) {
		nr = PMM__IN(block_chunk)(pfn, end);
		if (PMM__IN(online_zone)(pfn, nr) == -1)
			err = -PMM_EINVAL;
	}
	for (pfn = start_pfn; !err && pfn < end; pfn += nr) {
		int zone, nid;

		nr = PMM__IN(block_chunk)(pfn, end);
		zone = PMM__IN(online_zone)(pfn, nr);
		if (zone < 0)
			continue;
		nid = PMM__IN(first_nid)(pfn, nr);
		PMM__IN(set_online)(pfn, nr, 0, -1);
		PMM__IN(shrink_zone_span)(nid, zone, pfn, pfn + nr);
	}
	return err;
}

/**
 * pmm_find_memory_block - the first memory block with id >= @id
 * @id: where to start
 * @mb: filled in
 *
 * Walk the blocks as /sys/devices/system/memory lists them:
 *
 *	for (id = 0; !pmm_find_memory_block(id, &mb); id = mb.id + 1)
 *
 * The zones are valid_zones' [6.1]: an online block's zone, "none" (-1)
 * for a boot block in several zones or nodes; for an offline block the
 * zone "online" would choose first, then those online_kernel and
 * online_movable would.  A boot block's zone takes a scan of its PFNs.
 *
 * Return: 0, or -ENOENT when there is none.
 */
PMM__API int PMM__FN(find_memory_block)(unsigned long id, struct pmm_memory_block *mb)
{
	int err = PMM__IN(find_block)(id, mb), type;

	if (err)
		return err;
	mb->zone = mb->online ? PMM__IN(online_zone)(mb->start_pfn, mb->nr_pages) : -1;
	mb->default_zone = mb->zone;
	mb->valid_zones = mb->zone >= 0 ? 1U << mb->zone : 0;
	if (mb->online)
		return 0;
	mb->default_zone = PMM__IN(zone_for_pfn_range)(PMM_MMOP_ONLINE, mb->nid, mb->start_pfn,
						       mb->nr_pages);
	for (type = PMM_MMOP_ONLINE; type <= PMM_MMOP_ONLINE_MOVABLE; type++)
		mb->valid_zones |= 1U << PMM__IN(zone_for_pfn_range)(type, mb->nid, mb->start_pfn,
								      mb->nr_pages);
	return 0;
}

/**
 * pmm_memory_block_valid_zones - a block's valid_zones, as sysfs prints it
 * @mb: as pmm_find_memory_block filled it in
 * @buf: where the text goes, NUL-terminated, without the newline
 * @size: bytes at @buf; 32 hold any answer
 *
 * "none", a zone ("Normal"), or the default zone then the others
 * ("Normal Movable").
 *
 * Return: the text's length, or -ERANGE (nothing written) if @size is
 * too small.
 */
PMM__API int PMM__FN(memory_block_valid_zones)(const struct pmm_memory_block *mb, char *buf,
					       unsigned long size)
{
	const char *names[PMM__MAX_NR_ZONES + 1], *c;
	unsigned long len = 0;
	int i, n = 0, zone;

	names[n++] = mb->default_zone < 0 ? "none" : PMM__FN(zone_name)(mb->default_zone);
	for (zone = 0; mb->default_zone >= 0 && zone < PMM__MAX_NR_ZONES; zone++)
		if (zone != mb->default_zone && (mb->valid_zones & (1U << zone)))
			names[n++] = PMM__FN(zone_name)(zone);
	for (i = 0; i < n; i++)
		for (len += i > 0, c = names[i]; *c; c++)
			len++;
	if (len >= size)
		return -PMM_ERANGE;
	for (len = 0, i = 0; i < n; i++) {
		if (i)
			buf[len++] = ' ';
		for (c = names[i]; *c; c++)
			buf[len++] = *c;
	}
	buf[len] = 0;
	return (int)len;
}

/**
 * pmm_memory_block_nodes - the nodes sysfs links memory block @id to
 * @id: a block that pmm_find_memory_block lists
 * @nodes: PMM_NODESET_LONGS longs: a bit per node, filled in
 *
 * A block of boot memory is linked as Linux 6.1's
 * register_mem_block_under_node_early links it: to each node whose boot
 * span meets the block and to which a PFN of the block's present sections
 * belongs, as get_nid_for_pfn tells while booting (with deferred struct
 * page init memblock's node, the first node's for a hole; else the
 * descriptor's).  A block added later is its node's alone
 * (register_mem_block_under_node_hotplug).  With
 * PMM_DEFERRED_STRUCT_PAGE_INIT, ask after pmm_deferred_init: the nodes
 * are read from descriptors.  A scan of the block's PFNs.
 *
 * Return: 0, or -ENOENT when there is no such block.
 */
PMM__API int PMM__FN(memory_block_nodes)(unsigned long id, unsigned long *nodes)
{
	struct pmm_memory_block mb;
	unsigned int i;

	for (i = 0; i < PMM_NODESET_LONGS; i++)
		nodes[i] = 0;
	if (PMM__IN(find_block)(id, &mb) || mb.id != id)
		return -PMM_ENOENT;
	PMM__IN(block_nodes)(&mb, nodes);
	return 0;
}

#undef PMM__PAGES_PER_BLOCK
#undef PMM__ZONE_SCAN_STEP
#undef PMM__SECTIONS_PER_BLOCK
#undef PMM__HOTPLUG_UNIT
#undef PMM__PFNS_PER_BACKING
