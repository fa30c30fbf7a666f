/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_model.h - SPARSEMEM's init, exit and stats: the stages put
 * together
 *
 * The last stage of SPARSEMEM: model_init runs the boot
 * stage, memmap_init and the memory blocks' zones for pmm_init;
 * model_exit undoes hotplug, ZONE_DEVICE and boot for pmm_exit, which is
 * why it comes after all of them; model_stats adds them up.  Then every
 * macro the SPARSEMEM headers share is undefined.
 */
#ifndef PMM__BODY
#error "pmm_sparse_model.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

#if PMM_SPARSEMEM_EXTREME
/*
 * Forget the sections: free the roots that hold them, clearing the node
 * table only where a root existed, the only places memory_present wrote.
 */
static inline PMM__UNUSED void PMM__IN(sections_free)(void)
{
	unsigned long i, nr;

	if (!PMM__IN(mem_section))
		return;
	for (i = 0; i < PMM__NR_SECTION_ROOTS && PMM__IN(nr_roots); i++) {
		if (!PMM__IN(mem_section)[i])
			continue;
		for (nr = i * PMM__SECTIONS_PER_ROOT;
		     nr < (i + 1) * PMM__SECTIONS_PER_ROOT && nr < PMM__NR_MEM_SECTIONS; nr++)
			PMM__IN(set_section_nid)(nr, 0);
		PMM_FREE(PMM__IN(mem_section)[i], PMM__SECTIONS_PER_ROOT * sizeof(PMM__SECTION));
		PMM__IN(nr_roots)--;
	}
	PMM_FREE(PMM__IN(mem_section), PMM__NR_SECTION_ROOTS * sizeof(PMM__SECTION *));
	PMM__IN(mem_section) = (PMM__SECTION **)0;
}

/* the root table and the roots allocated, as metadata */
static inline PMM__UNUSED void PMM__IN(sections_stats)(struct pmm_stats *st)
{
	if (PMM__IN(mem_section))
		st->section_table_bytes = PMM__NR_SECTION_ROOTS * sizeof(PMM__SECTION *) +
					  PMM__IN(nr_roots) * PMM__SECTIONS_PER_ROOT *
					  sizeof(PMM__SECTION);
	st->metadata_bytes += st->section_table_bytes;
}
#else
/* Forget the sections: the static table is cleared in place. */
static inline PMM__UNUSED void PMM__IN(sections_free)(void)
{
	unsigned long nr;

	if (!PMM__IN(nr_present_sections))
		return;
	for (nr = 0; nr <= PMM__IN(highest_present_section_nr); nr++) {
		PMM__IN(mem_section)[nr][0].section_mem_map = 0;
		PMM__IN(mem_section)[nr][0].usage = (PMM__USAGE *)0;
		PMM__IN(set_section_nid)(nr, 0);
	}
}

/* the static table, whole, in .bss */
static inline PMM__UNUSED void PMM__IN(sections_stats)(struct pmm_stats *st)
{
	st->section_table_bytes = sizeof(PMM__IN(mem_section));
	st->static_bytes += st->section_table_bytes;
}
#endif

#if PMM__VMEMMAP
static inline PMM__UNUSED void PMM__IN(vmemmap_stats)(struct pmm_stats *st)
{
	st->memmap_bytes += PMM__IN(vmemmap_bytes);
	st->altmap_pages = PMM__IN(altmap_pages);
	st->device_pages = PMM__IN(device_pages);
}
#else
/* classic memmaps are counted with their runs and hot-added sections */
static inline PMM__UNUSED void PMM__IN(vmemmap_stats)(struct pmm_stats *st)
{
	(void)st;
}
#endif

static inline PMM__UNUSED void PMM__IN(model_exit)(void)
{
	unsigned long i;

	/* after a good init, hotplug may have changed what is held */
	if (PMM__IN(initialised))
		PMM__IN(hotplug_exit)();
	PMM__IN(defer_forget)();
	for (i = 0; PMM__IN(runs) && i < PMM__IN(nr_runs); i++) {
		struct PMM__IN(run) *run = &PMM__IN(runs)[i];

		if (run->map)
			PMM_FREE(run->map, run->map_bytes);
		if (run->usage)
			PMM_FREE(run->usage, run->usage_bytes);
	}
	if (PMM__IN(runs))
		PMM_FREE(PMM__IN(runs), PMM__IN(nr_runs) * sizeof(struct PMM__IN(run)));
	PMM__IN(runs) = (struct PMM__IN(run) *)0;
	PMM__IN(nr_runs) = 0;
	PMM__IN(vmemmap_exit)();
	PMM__IN(sections_free)();
	PMM__IN(nr_roots) = 0;
	PMM__IN(nr_present_sections) = 0;
	PMM__IN(highest_present_section_nr) = 0;
	PMM__IN(nr_nodes) = 0;
	PMM__IN(memzero)(PMM__IN(node_span), sizeof(PMM__IN(node_span)));
	PMM__IN(memzero)(PMM__IN(zone_span), sizeof(PMM__IN(zone_span)));
	PMM__IN(memzero)(PMM__IN(boot_populated), sizeof(PMM__IN(boot_populated)));
}

/*
 * free_area_init: each node's span, its zones (the span cut at the zone
 * limits) and which zones hold RAM; the lowest node with RAM.
 */
static inline PMM__UNUSED void PMM__IN(nodes_init)(const struct pmm_range *r, unsigned int nr)
{
	unsigned long lo, hi;
	unsigned int i;
	int nid, zone;

	PMM__IN(first_node) = PMM__MAX_NUMNODES;
	for (i = 0; i < nr; i++) {
		unsigned long *span = PMM__IN(node_span)[r[i].nid];

		if (span[0] == span[1] || r[i].start_pfn < span[0])
			span[0] = r[i].start_pfn;
		if (r[i].end_pfn > span[1])
			span[1] = r[i].end_pfn;
		if (r[i].nid < PMM__IN(first_node))
			PMM__IN(first_node) = r[i].nid;
		for (zone = 0; zone <= PMM__ZONE_NORMAL; zone++) {
			PMM__IN(boot_zone_limits)(zone, &lo, &hi);
			if (r[i].start_pfn < hi && r[i].end_pfn > lo)
				PMM__IN(boot_populated)[r[i].nid] |= 1U << zone;
		}
	}
	for (nid = 0; nid < PMM__MAX_NUMNODES; nid++)
		for (zone = 0; zone <= PMM__ZONE_NORMAL; zone++)
			PMM__IN(boot_zone_span)(nid, zone, PMM__IN(zone_span)[nid][zone]);
}

/* one boot block's nodes, as boot_block_zones gathers them */
struct PMM__IN(block_links) {
	unsigned long start, end;	/* the block's PFNs */
	int nid;			/* the first node linked, -1 none */
	int many;			/* another node too */
};

/* register_mem_block_under_node_early: @nid is linked if its span meets the block */
static inline PMM__UNUSED void PMM__IN(block_link)(struct PMM__IN(block_links) *b, int nid)
{
	const unsigned long *span = PMM__IN(node_span)[nid];

	if (span[0] >= b->end || span[1] <= b->start || nid == b->nid)
		return;
	if (b->nid < 0)
		b->nid = nid;
	else
		b->many = 1;
}

/* early_node_zone_for_memory_block: the node's one populated zone spanning part of it */
static inline PMM__UNUSED void PMM__IN(block_zone_set)(const struct PMM__IN(block_links) *b)
{
	unsigned long span[2], sec;
	int zone, found = -1;

	for (zone = 0; b->nid >= 0 && !b->many && zone <= PMM__ZONE_NORMAL; zone++) {
		PMM__IN(boot_zone_span)(b->nid, zone, span);
		if (!(PMM__IN(boot_populated)[b->nid] & (1U << zone)) ||
		    span[0] >= b->end || span[1] <= b->start)
			continue;
		found = found == -1 ? zone : -2;
	}
	for (sec = b->start >> PMM__PFN_SECTION_SHIFT; sec < b->end >> PMM__PFN_SECTION_SHIFT;
	     sec++)
		if (PMM__FN(present_section_nr)(sec))
			PMM__OWN(PMM__FN(nr_to_section)(sec)->usage)->block_zone =
				(signed char)(found >= 0 ? found : -1);
}

/*
 * Each boot block's zone, as Linux 6.1 sets it while it links boot blocks
 * to nodes (memory_block_add_nid): a block is linked to the node of each
 * PFN of its present sections (get_nid_for_pfn: RAM its range's, a hole
 * the range's above or after the end the last one's, or with deferred
 * struct page init the first node's) whose span meets the block; linked
 * to one node, it takes that node's one populated zone spanning part of
 * it, else none.  From the ranges, not the descriptors, which memremap
 * may change later.
 */
static inline PMM__UNUSED void PMM__IN(boot_block_zones)(const struct pmm_range *r,
							unsigned int nr)
{
	const unsigned long block_pages = 1UL << (PMM_MEMORY_BLOCK_SIZE_BITS - PMM_PAGE_SHIFT);
	struct PMM__IN(block_links) b = { 0, 0, -1, 0 };
	unsigned long sec, j = 0;

	for (sec = PMM__IN(next_present_section_nr)(~0UL); sec != ~0UL;
	     sec = PMM__IN(next_present_section_nr)(sec)) {
		unsigned long pfn = PMM__FN(section_nr_to_pfn)(sec);
		unsigned long end = pfn + PMM__PAGES_PER_SECTION;

		if (pfn >= b.end) {
			if (b.end)
				PMM__IN(block_zone_set)(&b);
			b.start = pfn & ~(block_pages - 1);
			b.end = b.start + block_pages;
			b.nid = -1;
			b.many = 0;
		}
		while (pfn < end) {
			while (j < nr && r[j].end_pfn <= pfn)
				j++;
			if (j < nr && r[j].start_pfn <= pfn) {
				PMM__IN(block_link)(&b, r[j].nid);
				pfn = r[j].end_pfn;
			} else {
				PMM__IN(block_link)(&b, PMM_DEFERRED_STRUCT_PAGE_INIT ?
							PMM__IN(first_node) :
							r[j < nr ? j : nr - 1].nid);
				pfn = j < nr ? r[j].start_pfn : end;
			}
		}
	}
	if (b.end)
		PMM__IN(block_zone_set)(&b);
}

/*
 * sparse_init: memory_present for every range, the vmemmap (VMEMMAP), then
 * sparse_init_nid per run of one node, the sub-section maps and memmap_init.
 * Any failure unwinds everything.
 */
static inline PMM__UNUSED int PMM__IN(model_init)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned int i;
	int err = PMM__IN(sections_alloc)();

	if (err)
		return err;
	for (i = 0; i < nr; i++) {
		err = PMM__IN(memory_present)(r[i].nid, r[i].start_pfn, r[i].end_pfn);
		if (err)
			goto fail;
	}
	err = PMM__IN(vmemmap_init)();
	if (err)
		goto fail;
	err = PMM__IN(make_runs)();
	if (err)
		goto fail;
	for (i = 0; i < PMM__IN(nr_runs); i++) {
		err = PMM__IN(sparse_init_nid)(&PMM__IN(runs)[i]);
		if (err)
			goto fail;
	}
	PMM__IN(subsection_maps_init)(r, nr);
	err = PMM__IN(defer_init)(r, nr);
	if (err)
		goto fail;
	PMM__IN(memmap_init)(r, nr);
	PMM__IN(nr_nodes) = PMM__IN(count_nodes)(r, nr);
	PMM__IN(nodes_init)(r, nr);
	PMM__IN(boot_block_zones)(r, nr);
	return 0;
fail:
	PMM__IN(model_exit)();
	return err;
}

static inline PMM__UNUSED void PMM__IN(model_stats)(struct pmm_stats *st)
{
	unsigned long long usages = PMM__IN(hot_usages);
	unsigned long i;

	st->nr_present_sections = PMM__IN(nr_present_sections);
	st->memmap_pages = PMM__IN(nr_present_sections) * PMM__PAGES_PER_SECTION;
	st->nr_nodes = PMM__IN(nr_nodes);
	for (i = 0; i < PMM__IN(nr_runs); i++) {
		st->memmap_bytes += PMM__IN(runs)[i].map_bytes;
		st->metadata_bytes += PMM__IN(runs)[i].usage_bytes;
		usages += PMM__IN(runs)[i].map_count;
	}
	if (PMM__IN(runs))
		st->metadata_bytes += PMM__IN(nr_runs) * sizeof(struct PMM__IN(run));
	st->memmap_bytes += PMM__IN(hot_map_bytes);
	st->metadata_bytes += (unsigned long long)PMM__IN(hot_usages) *
			      sizeof(struct PMM__IN(usage_block));
	/* Linux's part of each usage block; pmm's own records are metadata only */
	st->usemap_bytes = usages * sizeof(PMM__USAGE);
	PMM__IN(vmemmap_stats)(st);
	st->deferred_pages = PMM__IN(deferred_pages);
	st->metadata_bytes += PMM__IN(defer_bytes)();
	PMM__IN(sections_stats)(st);
	st->static_bytes += PMM__IN(node_table_bytes)();
}

#undef PMM__PFN_SECTION_SHIFT
#undef PMM__SECTIONS_SHIFT
#undef PMM__STATIC_TABLE_MAX_SHIFT
#undef PMM__NR_MEM_SECTIONS
#undef PMM__PAGES_PER_SECTION
#undef PMM__MEM_SECTION_BYTES
#undef PMM__OWN
#undef PMM__SECTIONS_PER_ROOT
#undef PMM__NR_SECTION_ROOTS
#undef PMM__SECTION_ROOT_MASK
#undef PMM__SECTION_MARKED_PRESENT
#undef PMM__SECTION_HAS_MEM_MAP
#undef PMM__SECTION_IS_ONLINE
#undef PMM__SECTION_IS_EARLY
#undef PMM__SECTION_TAINT_ZONE_DEVICE
#undef PMM__SECTION_MAP_LAST_BIT
#undef PMM__SECTION_MAP_MASK
#undef PMM__SECTION_NID_SHIFT
#undef PMM__STRUCT_PAGE_SHIFT
#undef PMM__PFN_SUBSECTION_SHIFT
#undef PMM__PAGES_PER_SUBSECTION
#undef PMM__SUBSECTIONS_PER_SECTION
#undef PMM__SUBSECTION_LONGS
#undef PMM__USEMAP_LONGS
#undef PMM__SECTION
#undef PMM__USAGE
#undef PMM__VMEMMAP_ADDR
#undef PMM__FOR_EACH_PRESENT_SECTION_NR
#undef PMM__SECTION_MAP_BYTES
