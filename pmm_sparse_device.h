/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_device.h - ZONE_DEVICE: memremap_pages and memunmap_pages
 *
 * A stage of SPARSEMEM, after hotplug, SPARSEMEM_VMEMMAP only (mm/Kconfig: ZONE_DEVICE
 * depends on SPARSEMEM_VMEMMAP).  Linux [6.12]: include/linux/memremap.h,
 * mm/memremap.c (memremap_pages, pagemap_range, memunmap_pages,
 * get_dev_pagemap), mm/mm_init.c (__init_zone_device_page) and
 * mm/memory_hotplug.c (move_pfn_range_to_zone, pfn_to_online_page).
 *
 * Device memory (pmem, GPU memory, a PCI BAR) gets descriptors through
 * __add_pages, at sub-section granularity, but is never onlined and never
 * becomes a memory block.  Each descriptor is reserved, in ZONE_DEVICE,
 * and points back to its pagemap.  A device range may share a section
 * with boot memory, in that section's holes; the section is then tainted
 * so that pmm_pfn_to_online_page asks whether a PFN is the device's:
 *
 *	section      |             s (early, online)                  |
 *	sub-section  [RAM][RAM][hole][dev ][dev ][hole][hole][hole]
 *	flags        ONLINE | EARLY | TAINT_ZONE_DEVICE
 *
 * Pagemaps are kept on a list that readers walk under PMM_RCU_READ_LOCK;
 * pmm_memunmap_pages unlinks and waits a grace period before it returns,
 * so that the caller may free the pagemap.
 */
#ifndef PMM__BODY
#error "pmm_sparse_device.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

struct PMM__FN(dev_pagemap);

/**
 * struct pmm_dev_pagemap_ops - a driver's callbacks (dev_pagemap_ops)
 * @page_free: a page's last reference went (PRIVATE and COHERENT need it)
 * @migrate_to_ram: the CPU faulted on a PRIVATE page
 *
 * pmm checks that a type's required callbacks are there, as memremap_pages
 * does, and never calls them: page lifetimes belong to the host.
 */
struct PMM__FN(dev_pagemap_ops) {
	void (*page_free)(PMM__PAGE *page);
	int (*migrate_to_ram)(void *vmf);
};

/**
 * struct pmm_dev_pagemap - a ZONE_DEVICE mapping (struct dev_pagemap)
 * @altmap: where range 0's memmap is carved from, with
 *	PMM_PGMAP_ALTMAP_VALID in @flags
 * @type: PMM_MEMORY_DEVICE_PRIVATE, _COHERENT, _FS_DAX, _GENERIC or
 *	_PCI_P2PDMA
 * @flags: PMM_PGMAP_ALTMAP_VALID or 0
 * @ops: callbacks; required for PRIVATE and COHERENT
 * @owner: the driver's cookie; required for PRIVATE and COHERENT
 * @nr_range: number of ranges
 * @range: the range when @ranges is NULL (then @nr_range is 1)
 * @ranges: @nr_range ranges, or NULL (Linux's flexible ranges[])
 * @pmm_nid: private: the node it was mapped on
 * @pmm_next: private: the next mapped pagemap
 *
 * The caller owns the structure; it must stay put from
 * pmm_memremap_pages until pmm_memunmap_pages returns.
 */
struct PMM__FN(dev_pagemap) {
	struct PMM__FN(vmem_altmap) altmap;
	unsigned int type;
	unsigned int flags;
	const struct PMM__FN(dev_pagemap_ops) *ops;
	void *owner;
	unsigned int nr_range;
	struct pmm_dev_range range;
	const struct pmm_dev_range *ranges;
	int pmm_nid;
	struct PMM__FN(dev_pagemap) *pmm_next;
};

#define PMM__DEVMAP	struct PMM__FN(dev_pagemap)

/* the mapped pagemaps, newest first (Linux keeps an xarray by PFN) */
static PMM__DEVMAP *PMM__IN(pgmaps) PMM__UNUSED;

static inline PMM__UNUSED const struct pmm_dev_range *
PMM__IN(pgmap_range)(const PMM__DEVMAP *pgmap, unsigned int i)
{
	return pgmap->ranges ? &pgmap->ranges[i] : &pgmap->range;
}

/* pgmap_altmap(): range 0's altmap, if the pagemap has one */
static inline PMM__UNUSED struct PMM__FN(vmem_altmap) *
PMM__IN(pgmap_altmap)(PMM__DEVMAP *pgmap, unsigned int i)
{
	if (i || !(pgmap->flags & PMM_PGMAP_ALTMAP_VALID))
		return (struct PMM__FN(vmem_altmap) *)0;
	return &pgmap->altmap;
}

/* The mapped pagemap that holds @pfn, or NULL; the caller is a reader. */
static inline PMM__UNUSED PMM__DEVMAP *PMM__IN(find_pgmap)(unsigned long pfn)
{
	PMM__DEVMAP *pgmap;

	for (pgmap = PMM__DEREF(PMM__IN(pgmaps)); pgmap; pgmap = PMM__DEREF(pgmap->pmm_next)) {
		unsigned int i;

		for (i = 0; i < pgmap->nr_range; i++) {
			const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, i);

			if (pfn >= r->start_pfn && pfn < r->end_pfn)
				return pgmap;
		}
	}
	return (PMM__DEVMAP *)0;
}

/* Does any mapped pagemap (other than @skip) overlap [pfn, pfn + nr)? */
static inline PMM__UNUSED int PMM__IN(pgmap_overlaps)(unsigned long pfn, unsigned long nr,
						     const PMM__DEVMAP *skip)
{
	const PMM__DEVMAP *pgmap;

	for (pgmap = PMM__IN(pgmaps); pgmap; pgmap = pgmap->pmm_next) {
		unsigned int i;

		for (i = 0; pgmap != skip && i < pgmap->nr_range; i++) {
			const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, i);

			if (pfn < r->end_pfn && r->start_pfn < pfn + nr)
				return 1;
		}
	}
	return 0;
}

/* Declared early for pmm_remove_pages and pmm_remove_memory. */
static inline PMM__UNUSED int PMM__IN(device_in)(unsigned long pfn, unsigned long nr)
{
	return PMM__IN(pgmap_overlaps)(pfn, nr, (const PMM__DEVMAP *)0);
}

/**
 * pmm_get_dev_pagemap - the pagemap a PFN belongs to (get_dev_pagemap)
 * @pfn: page frame number
 *
 * Return: the pagemap, or NULL.  Unlike Linux, no reference is taken: the
 * pagemap is valid until pmm_memunmap_pages, which the caller orders
 * against its own use.
 */
PMM__API PMM__DEVMAP *PMM__FN(get_dev_pagemap)(unsigned long pfn)
{
	PMM__DEVMAP *pgmap;

	PMM_RCU_READ_LOCK();
	pgmap = PMM__IN(find_pgmap)(pfn);
	PMM_RCU_READ_UNLOCK();
	return pgmap;
}

/**
 * pmm_is_zone_device_page - is @page a ZONE_DEVICE page?
 * @page: a valid descriptor
 *
 * A device page's zone field holds ZONE_DEVICE, the last of enum
 * zone_type; with PMM_ZONES_SHIFT 0 the pagemaps are asked instead.
 */
PMM__API int PMM__FN(is_zone_device_page)(const PMM__PAGE *page)
{
#if PMM_ZONES_SHIFT
	return PMM__FN(page_zonenum)(page) == PMM__ZONE_DEVICE;
#else
	return PMM__FN(get_dev_pagemap)(PMM__FN(page_to_pfn)(page)) != (PMM__DEVMAP *)0;
#endif
}

/**
 * pmm_page_pgmap - the pagemap of a ZONE_DEVICE page, or NULL
 * @page: a valid descriptor
 *
 * From the descriptor (page->pgmap) where it has room, else looked up.
 */
PMM__API PMM__DEVMAP *PMM__FN(page_pgmap)(const PMM__PAGE *page)
{
	if (!PMM__FN(is_zone_device_page)(page))
		return (PMM__DEVMAP *)0;
#ifdef PMM__PGMAP
	return (PMM__DEVMAP *)PMM__PGMAP((PMM__PAGE *)page);
#else
	return PMM__FN(get_dev_pagemap)(PMM__FN(page_to_pfn)(page));
#endif
}

/*
 * __init_zone_device_page for [start, end), or (@pgmap NULL) back to a
 * reserved hole: Linux poisons descriptors that outlive their pagemap
 * (early-section holes); pmm leaves them reserved, in the zone of their
 * address, on the node the pagemap had.
 */
static inline PMM__UNUSED void PMM__IN(init_device_pages)(unsigned long start,
							 unsigned long end, int nid,
							 PMM__DEVMAP *pgmap)
{
	unsigned long pfn;

	for (pfn = start; pfn < end; pfn++) {
		PMM__PAGE *page = PMM__FN(pfn_to_page)(pfn);

		PMM__IN(set_page_links)(page, nid,
					pgmap ? PMM__ZONE_DEVICE : PMM__ZONE_BY_PFN, pfn, 1);
#ifdef PMM__PGMAP
		PMM__PGMAP(page) = (void *)pgmap;
#endif
	}
}

/* what taint_ends does to the sections at a range's ends */
#define PMM__TAINT_SET	1	/* taint, and mark those this call tainted */
#define PMM__TAINT_KEEP	0	/* the call succeeded: drop the marks */
#define PMM__TAINT_UNDO	(-1)	/* it failed: untaint the marked ones */

/*
 * move_pfn_range_to_zone for ZONE_DEVICE: a range that starts or ends
 * inside a section taints that section (section_taint_zone_device).  A
 * section the memremap in progress tainted is marked (its own record's taint_undo),
 * so that a failure takes back its own taints and no other.
 */
static inline PMM__UNUSED void PMM__IN(taint_ends)(const struct pmm_dev_range *r, int how)
{
	unsigned long ends[2], i;

	ends[0] = r->start_pfn;
	ends[1] = r->end_pfn;
	for (i = 0; i < 2; i++) {
		PMM__SECTION *ms;

		if (!(ends[i] & (PMM__PAGES_PER_SECTION - 1)))
			continue;
		ms = PMM__FN(pfn_to_section)(ends[i]);
		if (!PMM__IN(present_section)(ms))
			continue;
		if (how == PMM__TAINT_SET &&
		    !(ms->section_mem_map & PMM__SECTION_TAINT_ZONE_DEVICE)) {
			PMM__OWN(ms->usage)->taint_undo = 1;
			PMM__WRITE_ONCE(ms->section_mem_map,
					ms->section_mem_map | PMM__SECTION_TAINT_ZONE_DEVICE);
		} else if (how == PMM__TAINT_UNDO && PMM__OWN(ms->usage)->taint_undo) {
			PMM__WRITE_ONCE(ms->section_mem_map,
					ms->section_mem_map & ~PMM__SECTION_TAINT_ZONE_DEVICE);
		}
		if (how != PMM__TAINT_SET)
			PMM__OWN(ms->usage)->taint_undo = 0;
	}
}

/*
 * pagemap_range's conflicts and region_intersects(IORESOURCE_SYSTEM_RAM),
 * in Linux's order: a range may take only sub-sections nobody holds.
 * -EEXIST where another pagemap holds one (Linux: -ENOMEM with a WARN),
 * -ENXIO where System RAM is (boot memory or pmm_add_memory's), -EEXIST
 * where other memory is (pmm_add_pages', as sparse_add_section says).
 */
static inline PMM__UNUSED int PMM__IN(check_device_range)(const struct pmm_dev_range *r)
{
	unsigned long p;
	int err = 0;

	if (PMM__IN(device_in)(r->start_pfn, r->end_pfn - r->start_pfn))
		return -PMM_EEXIST;
	for (p = r->start_pfn; p < r->end_pfn; p += PMM__PAGES_PER_SUBSECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (!PMM__IN(valid_section)(ms) || !PMM__IN(pfn_section_valid)(ms, p))
			continue;
		if (PMM__IN(subsection_bit)(PMM__OWN(ms->usage)->ram_map, p))
			return -PMM_ENXIO;
		err = -PMM_EEXIST;
	}
	return err;
}

static inline PMM__UNUSED int PMM__IN(pgmap_mapped)(const PMM__DEVMAP *pgmap)
{
	const PMM__DEVMAP *p;

	for (p = PMM__IN(pgmaps); p; p = p->pmm_next)
		if (p == pgmap)
			return 1;
	return 0;
}

/* memremap_pages' checks, before anything changes. */
static inline PMM__UNUSED int PMM__IN(check_pgmap)(const PMM__DEVMAP *pgmap, int nid)
{
	const struct pmm_dev_range *r;
	unsigned int i, j;
	int err;

	if (!pgmap || !pgmap->nr_range || (!pgmap->ranges && pgmap->nr_range != 1))
		return -PMM_EINVAL;
	if (nid < 0 || nid >= PMM__MAX_NUMNODES)
		return -PMM_EINVAL;
	switch (pgmap->type) {
	case PMM_MEMORY_DEVICE_PRIVATE:
		/* CPU-inaccessible: faults must migrate the page to RAM */
		if (!pgmap->ops || !pgmap->ops->migrate_to_ram ||
		    !pgmap->ops->page_free || !pgmap->owner)
			return -PMM_EINVAL;
		break;
	case PMM_MEMORY_DEVICE_COHERENT:
		if (!pgmap->ops || !pgmap->ops->page_free || !pgmap->owner)
			return -PMM_EINVAL;
		break;
	case PMM_MEMORY_DEVICE_FS_DAX:
	case PMM_MEMORY_DEVICE_GENERIC:
	case PMM_MEMORY_DEVICE_PCI_P2PDMA:
		break;
	default:
		return -PMM_EINVAL;
	}
	/* "altmap not supported for multiple ranges" */
	if ((pgmap->flags & ~PMM_PGMAP_ALTMAP_VALID) ||
	    ((pgmap->flags & PMM_PGMAP_ALTMAP_VALID) && pgmap->nr_range > 1))
		return -PMM_EINVAL;
	if (PMM__IN(pgmap_mapped)(pgmap))
		return -PMM_EBUSY;
	for (i = 0; i < pgmap->nr_range; i++) {
		r = PMM__IN(pgmap_range)(pgmap, i);
		/* memremap_compat_align: a sub-section, 2 MiB */
		if (r->end_pfn <= r->start_pfn)
			return -PMM_EINVAL;
		err = PMM__IN(check_span)(r->start_pfn, r->end_pfn - r->start_pfn);
		if (err)
			return err;
		for (j = 0; j < i; j++) {
			const struct pmm_dev_range *o = PMM__IN(pgmap_range)(pgmap, j);

			if (r->start_pfn < o->end_pfn && o->start_pfn < r->end_pfn)
				return -PMM_EINVAL;
		}
		if (PMM__IN(pgmap_altmap)((PMM__DEVMAP *)pgmap, i) &&
		    PMM__IN(check_altmap)(r->start_pfn, r->end_pfn - r->start_pfn, &pgmap->altmap))
			return -PMM_EINVAL;
		err = PMM__IN(check_device_range)(r);
		if (err)
			return err;
	}
	return 0;
}

static inline PMM__UNUSED unsigned long PMM__IN(pgmap_pages)(const PMM__DEVMAP *pgmap)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < pgmap->nr_range; i++)
		n += PMM__IN(pgmap_range)(pgmap, i)->end_pfn -
		     PMM__IN(pgmap_range)(pgmap, i)->start_pfn;
	return n;
}

/* Unlink @pgmap; readers may still hold it until the grace period. */
static inline PMM__UNUSED void PMM__IN(pgmap_unlink)(PMM__DEVMAP *pgmap)
{
	PMM__DEVMAP **link = &PMM__IN(pgmaps);

	while (*link != pgmap)
		link = &(*link)->pmm_next;
	PMM__PUBLISH(*link, pgmap->pmm_next);
}

/*
 * pageunmap_range for ranges [0, nr): descriptors back to holes, then
 * __remove_pages.  The caller waits for the grace period.
 */
static inline PMM__UNUSED void PMM__IN(unmap_ranges)(PMM__DEVMAP *pgmap, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++) {
		const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, i);

		PMM__IN(init_device_pages)(r->start_pfn, r->end_pfn, pgmap->pmm_nid,
					   (PMM__DEVMAP *)0);
		PMM__IN(remove_span)(r->start_pfn, r->end_pfn - r->start_pfn,
				     PMM__IN(pgmap_altmap)(pgmap, i));
	}
}

/**
 * pmm_memremap_pages - give device memory descriptors (memremap_pages)
 * @pgmap: the pagemap: type, ranges, optional altmap and callbacks
 * @nid: node of the device
 *
 * Every range must be sub-section aligned (memremap_compat_align, 2 MiB)
 * and free: no RAM, no other pagemap, no hot-added memory; it may lie in
 * the holes of a boot section, which is then tainted.  Range 0's memmap
 * comes from @pgmap->altmap with PMM_PGMAP_ALTMAP_VALID (base_pfn the
 * range's start, its reserve and free inside the range).  Each page
 * becomes reserved, ZONE_DEVICE, with page->pgmap set; none is ever
 * online.
 *
 * Return: 0 (Linux returns the range's __va); -EINVAL for a bad type,
 * missing callbacks, misaligned, empty or self-overlapping ranges, an
 * altmap with several ranges or that breaks __add_pages' rule, a bad
 * node, or before pmm_init; -EBUSY if @pgmap is mapped already or while
 * pmm_deferred_init has work left; -ERANGE beyond MAX_PHYSMEM_BITS or
 * the vmemmap; -ENXIO over RAM; -EEXIST over another pagemap or added
 * memory; -ENOMEM, also when the altmap is too small.  On error nothing
 * has changed.
 */
PMM__API int PMM__FN(memremap_pages)(PMM__DEVMAP *pgmap, int nid)
{
	unsigned int i, j;
	int err = PMM__IN(check_pgmap)(pgmap, nid), old_nid;

	if (err)
		return err;
	old_nid = pgmap->pmm_nid;
	pgmap->pmm_nid = nid;
	/*
	 * Visible, and the sections tainted, before any sub-section bit is
	 * set (a release): a reader that sees the bit sees both.
	 */
	pgmap->pmm_next = PMM__IN(pgmaps);
	PMM__PUBLISH(PMM__IN(pgmaps), pgmap);
	for (i = 0; i < pgmap->nr_range; i++) {
		const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, i);

		PMM__IN(taint_ends)(r, PMM__TAINT_SET);
		err = PMM__IN(add_span)(nid, r->start_pfn, r->end_pfn - r->start_pfn,
					PMM__IN(pgmap_altmap)(pgmap, i), 1);
		if (err)
			break;
		PMM__IN(taint_ends)(r, PMM__TAINT_SET);	/* sections the range created */
	}
	if (err) {
		/* descriptors untouched yet: give the sections back, nothing more */
		for (j = 0; j < i; j++) {
			const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, j);

			PMM__IN(deactivate_span)(r->start_pfn, r->end_pfn - r->start_pfn,
						 PMM__IN(pgmap_altmap)(pgmap, j));
		}
		PMM__IN(pgmap_unlink)(pgmap);
		PMM__IN(rcu_unlinked) = 1;
		PMM__IN(rcu_flush)();
		/* no reader still sees a bit this call set: the taints may go */
		for (j = 0; j <= i; j++)
			PMM__IN(taint_ends)(PMM__IN(pgmap_range)(pgmap, j), PMM__TAINT_UNDO);
		pgmap->pmm_next = (PMM__DEVMAP *)0;
		pgmap->pmm_nid = old_nid;
		return err;
	}
	for (i = 0; i < pgmap->nr_range; i++) {
		const struct pmm_dev_range *r = PMM__IN(pgmap_range)(pgmap, i);

		PMM__IN(taint_ends)(r, PMM__TAINT_KEEP);
		/* move_pfn_range_to_zone: ZONE_DEVICE grows (and never shrinks) */
		PMM__IN(resize_zone_range)(nid, PMM__ZONE_DEVICE, r->start_pfn,
					   r->end_pfn - r->start_pfn);
		PMM__IN(init_device_pages)(r->start_pfn, r->end_pfn, nid, pgmap);
	}
	PMM__IN(device_pages) += PMM__IN(pgmap_pages)(pgmap);
	return 0;
}

/**
 * pmm_memunmap_pages - take a pagemap's memory out again (memunmap_pages)
 * @pgmap: a pagemap pmm_memremap_pages mapped
 *
 * Its descriptors go, except those in an early section's holes, which
 * become reserved holes again; the altmap's pages are all given back.
 * Returns after a grace period: no reader still sees @pgmap, and the
 * caller may free it.  Return: 0, or -EINVAL if @pgmap is not mapped.
 */
PMM__API int PMM__FN(memunmap_pages)(PMM__DEVMAP *pgmap)
{
	if (!pgmap || !PMM__IN(pgmap_mapped)(pgmap))
		return -PMM_EINVAL;
	/* pageunmap_range: the pages go first, the pagemap last */
	PMM__IN(unmap_ranges)(pgmap, pgmap->nr_range);
	PMM__IN(pgmap_unlink)(pgmap);
	PMM__IN(device_pages) -= PMM__IN(pgmap_pages)(pgmap);
	PMM__IN(rcu_unlinked) = 1;
	PMM__IN(rcu_flush)();	/* one grace period for the pagemap and the usage */
	pgmap->pmm_next = (PMM__DEVMAP *)0;
	/* "failed to free all reserved pages" */
	PMM_BUG_ON((pgmap->flags & PMM_PGMAP_ALTMAP_VALID) && pgmap->altmap.alloc);
	return 0;
}

/* pmm_exit: unmap what the host left mapped. */
static inline PMM__UNUSED void PMM__IN(memunmap_all)(void)
{
	while (PMM__IN(pgmaps))
		PMM__FN(memunmap_pages)(PMM__IN(pgmaps));
}

#undef PMM__DEVMAP
#undef PMM__TAINT_SET
#undef PMM__TAINT_KEEP
#undef PMM__TAINT_UNDO
