/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_hotplug.h - SPARSEMEM memory hotplug at __add_pages granularity
 *
 * A stage of SPARSEMEM, after memmap_init (pmm.h includes it; not an
 * entry point).  Linux [6.12]:
 * mm/memory_hotplug.c (__add_pages, __remove_pages, check_pfn_span) and
 * mm/sparse-vmemmap.c (sparse_add_section, section_activate,
 * section_deactivate, fill_subsection_map, clear_subsection_map).
 *
 * With VMEMMAP a request is whole sub-sections (2 MiB by default) and a
 * section is valid per sub-section, except that a boot ("early") section
 * stays valid whole while any of it is; classic SPARSEMEM adds and removes
 * whole sections.  A request is split at section boundaries, as
 * __add_pages does:
 *
 *	section      s                      s+1
 *	sub-section  [0][1][2][3][4][5][6][7][0][1][2]...
 *	request             [=========================)
 *	chunks              [===============)[=======)
 *
 * Two things are stronger than Linux.  A request that fails changes
 * nothing: it is checked whole before anything moves, and an allocation
 * failure undoes the chunks already done (Linux leaves them).  And the
 * vmemmap is backed page by page under one rule, "back a page while any
 * descriptor on it is needed" (a valid early section needs all of its
 * descriptors, any other section those of its valid sub-sections), so that
 * sub-sections or sections sharing a page of descriptors, as with 64 KiB
 * pages, never free each other's.  Once memory has been added or removed,
 * PMM_VMEMMAP_DEPOPULATE may therefore be asked for a part of what one
 * PMM_VMEMMAP_POPULATE call backed at boot; until then pmm_exit hands back
 * exactly the boot pieces.
 */
#ifndef PMM__BODY
#error "pmm_sparse_hotplug.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

/*
 * The one call that goes back: hotplug refuses to remove ZONE_DEVICE
 * memory, which pmm_sparse_device.h, the next stage, knows.
 */
#if PMM__VMEMMAP
static inline PMM__UNUSED int PMM__IN(device_in)(unsigned long pfn, unsigned long nr);
#else
/* no ZONE_DEVICE without VMEMMAP */
static inline PMM__UNUSED int PMM__IN(device_in)(unsigned long pfn, unsigned long nr)
{
	(void)pfn;
	(void)nr;
	return 0;
}
#endif

#if PMM__VMEMMAP
#define PMM__HOTPLUG_UNIT	PMM__PAGES_PER_SUBSECTION
#else
#define PMM__HOTPLUG_UNIT	PMM__PAGES_PER_SECTION
#endif

/**
 * struct pmm_vmem_altmap - a memmap carved from the memory it describes
 * @base_pfn: first PFN of the mapping
 * @end_pfn: last PFN of the mapping
 * @reserve: pages at @base_pfn kept for the driver
 * @free: pages set aside for the memmap
 * @align: pages spent on alignment
 * @alloc: pages of @free used so far
 *
 * The fields and arithmetic of Linux's struct vmem_altmap [6.12]
 * (include/linux/memremap.h, mm/sparse-vmemmap.c): the memmap of
 * [base_pfn, end_pfn] is carved from its own pages, just after @reserve:
 *
 *	base_pfn                                              end_pfn
 *	| reserve | free: memmap pages ...    | data pages ...       |
 *	          |<-alloc+align used->|
 *	|<---- vmem_altmap_offset ---------->|
 *
 * pmem keeps its struct pages on the device this way, and
 * memmap_on_memory puts a hot-added block's memmap in the block.  With
 * VMEMMAP only (classic SPARSEMEM allocates its memmap whole).
 */
struct PMM__FN(vmem_altmap) {
	unsigned long base_pfn;
	unsigned long end_pfn;
	unsigned long reserve;
	unsigned long free;
	unsigned long align;
	unsigned long alloc;
};

#if PMM__VMEMMAP
/**
 * pmm_vmem_altmap_offset - PFNs from base_pfn that are not device data
 * @altmap: the altmap
 *
 * reserve + free: their struct pages are not valid data pages
 * (memmap_init_zone_device starts after them).
 */
PMM__API unsigned long PMM__FN(vmem_altmap_offset)(const struct PMM__FN(vmem_altmap) *altmap)
{
	return altmap->reserve + altmap->free;
}

/**
 * pmm_vmem_altmap_free - give back @nr_pfns memmap pages (alloc -= nr)
 * @altmap: the altmap
 * @nr_pfns: pages
 */
PMM__API void PMM__FN(vmem_altmap_free)(struct PMM__FN(vmem_altmap) *altmap,
					unsigned long nr_pfns)
{
	altmap->alloc -= nr_pfns;
}

/**
 * pmm_altmap_alloc_block_buf - carve @size bytes of memmap from an altmap
 * @size: bytes, a multiple of the page size
 * @altmap: the altmap
 *
 * Linux's altmap_alloc_block_buf [6.12]: the next PFN after reserve,
 * alloc and align, padded to the largest power of two dividing the
 * request, if free still holds it.  Return: the first PFN of the block
 * (Linux returns its __va), or ~0UL when it does not fit or @size is not
 * whole pages; the altmap is then unchanged.
 */
PMM__API unsigned long PMM__FN(altmap_alloc_block_buf)(unsigned long size,
						       struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long pfn, nr_pfns, nr_align, used, left;

	if (!size || (size & (PMM__PAGE_SIZE - 1)))
		return ~0UL;
	pfn = altmap->base_pfn + altmap->reserve + altmap->alloc + altmap->align;
	nr_pfns = size >> PMM_PAGE_SHIFT;
	nr_align = nr_pfns & -nr_pfns;	/* 1 << find_first_bit(&nr_pfns) */
	nr_align = PMM__ALIGN_UP(pfn, nr_align) - pfn;
	used = altmap->alloc + altmap->align;
	left = altmap->free > used ? altmap->free - used : 0;
	if (nr_pfns + nr_align > left)
		return ~0UL;
	altmap->alloc += nr_pfns;
	altmap->align += nr_align;
	return pfn + nr_align;
}
#endif

/* --- RCU: what readers may still hold is freed after a grace period ----- */

/*
 * Usage data and EXTREME roots that hotplug unpublished wait here, linked
 * through their own first word (usage->rcu, a root's first section),
 * until the operation ends: then one PMM_SYNCHRONIZE_RCU, and they go
 * (kfree_rcu in section_deactivate).
 */
static void *PMM__IN(rcu_usage) PMM__UNUSED;
#if PMM_SPARSEMEM_EXTREME
static void *PMM__IN(rcu_roots) PMM__UNUSED;

/* The roots retired by this operation, linked through their first section */
static inline PMM__UNUSED void PMM__IN(free_roots_rcu)(void)
{
	void *p;

	while ((p = PMM__IN(rcu_roots))) {
		PMM__IN(rcu_roots) = (void *)((PMM__SECTION *)p)->usage;
		PMM_FREE(p, PMM__SECTIONS_PER_ROOT * sizeof(PMM__SECTION));
	}
}
#else
/* the static table is never freed: no root waits */
static void *const PMM__IN(rcu_roots) PMM__UNUSED;

static inline PMM__UNUSED void PMM__IN(free_roots_rcu)(void)
{
}
#endif
/* something readers may hold was unlinked (a pagemap): wait even if nothing is freed */
static int PMM__IN(rcu_unlinked) PMM__UNUSED;

static inline PMM__UNUSED void PMM__IN(free_usage_rcu)(PMM__USAGE *usage)
{
	usage->rcu[0] = PMM__IN(rcu_usage);
	PMM__IN(rcu_usage) = usage;
}

/* The end of every hotplug operation: wait for readers, then free. */
static inline PMM__UNUSED void PMM__IN(rcu_flush)(void)
{
	void *p;

	if (!PMM__IN(rcu_usage) && !PMM__IN(rcu_roots) && !PMM__IN(rcu_unlinked))
		return;
	PMM_SYNCHRONIZE_RCU();
	PMM__IN(rcu_unlinked) = 0;
	while ((p = PMM__IN(rcu_usage))) {
		PMM__IN(rcu_usage) = ((PMM__USAGE *)p)->rcu[0];
		PMM_FREE(p, sizeof(struct PMM__IN(usage_block)));
	}
	PMM__IN(free_roots_rcu)();
}

#if PMM__VMEMMAP
/* --- the spans added with an altmap ------------------------------------ */

/*
 * An altmap is known by the span it was added with, whose first PFN is
 * its base_pfn: pmm keeps each such span (Linux trusts its callers), so
 * that a remove can be held to the altmap its memory came with.  Only
 * writers look at them.
 */
struct PMM__IN(altmap_span) {
	struct PMM__IN(altmap_span) *next;
	unsigned long base_pfn, end_pfn;	/* the add: [base_pfn, end_pfn) */
	unsigned long nr_pages;			/* of it, still added */
};
static struct PMM__IN(altmap_span) *PMM__IN(altmap_spans) PMM__UNUSED;

/* The span added with an altmap that holds [pfn, pfn + nr), or NULL. */
static inline PMM__UNUSED struct PMM__IN(altmap_span) *
PMM__IN(altmap_span_of)(unsigned long pfn, unsigned long nr)
{
	struct PMM__IN(altmap_span) *sp;

	for (sp = PMM__IN(altmap_spans); sp; sp = sp->next)
		if (sp->base_pfn <= pfn && pfn + nr <= sp->end_pfn)
			return sp;
	return (struct PMM__IN(altmap_span) *)0;
}

/* [pfn, pfn + nr) of a span was removed: the span goes with its last page. */
static inline PMM__UNUSED void PMM__IN(altmap_span_put)(unsigned long pfn, unsigned long nr)
{
	struct PMM__IN(altmap_span) **link, *sp;

	for (link = &PMM__IN(altmap_spans); (sp = *link); link = &sp->next) {
		if (sp->base_pfn > pfn || pfn + nr > sp->end_pfn)
			continue;
		sp->nr_pages -= nr;
		if (!sp->nr_pages) {
			*link = sp->next;
			PMM_FREE(sp, sizeof(*sp));
		}
		return;
	}
}

/* --- the vmemmap, page by page ----------------------------------------- */

#define PMM__PFNS_PER_BACKING	(PMM__PAGE_SIZE / sizeof(PMM__PAGE))

/*
 * Is any descriptor of [lo, hi) needed?  A valid early section needs all
 * of its descriptors (the boot memmap covers it whole), another section
 * those of its valid sub-sections.
 */
static inline PMM__UNUSED int PMM__IN(vmemmap_needed)(unsigned long lo, unsigned long hi)
{
	unsigned long pfn;

	for (pfn = PMM__ALIGN_DOWN(lo, PMM__PAGES_PER_SUBSECTION); pfn < hi;
	     pfn += PMM__PAGES_PER_SUBSECTION) {
		const PMM__SECTION *ms;

		if (PMM__FN(pfn_to_section_nr)(pfn) >= PMM__NR_MEM_SECTIONS)
			break;
		ms = PMM__FN(pfn_to_section)(pfn);
		if (!PMM__IN(valid_section)(ms))
			continue;
		if (PMM__IN(early_section)(ms) || PMM__IN(pfn_section_valid)(ms, pfn))
			return 1;
	}
	return 0;
}

/*
 * Free the backing pages of [first, end) (backing-aligned) nobody needs.
 * With @altmap they came from it (the caller knows: see vmemmap_grow).
 */
static inline PMM__UNUSED void PMM__IN(vmemmap_trim)(unsigned long first,
						    unsigned long end,
						    struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long p;

	for (p = first; p < end; p += PMM__PFNS_PER_BACKING) {
		if (PMM__IN(vmemmap_needed)(p, p + PMM__PFNS_PER_BACKING))
			continue;
		PMM_VMEMMAP_DEPOPULATE((void *)PMM__IN(vmemmap_addr)(p), PMM__PAGE_SIZE);
		if (altmap) {
			PMM__FN(vmem_altmap_free)(altmap, 1);
			PMM__IN(altmap_pages)--;
		} else {
			PMM__IN(vmemmap_bytes) -= PMM__PAGE_SIZE;
		}
	}
}

#ifdef PMM_VMEMMAP_POPULATE_FROM
/* vmemmap_populate_basepages with an altmap: vmemmap_alloc_block_buf(PAGE_SIZE) */
static inline PMM__UNUSED int PMM__IN(vmemmap_back_from)(void *addr,
							struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long from = PMM__FN(altmap_alloc_block_buf)(PMM__PAGE_SIZE, altmap);

	if (from == ~0UL)
		return -PMM_ENOMEM;	/* the altmap is too small */
	if (PMM_VMEMMAP_POPULATE_FROM(addr, PMM__PAGE_SIZE, from)) {
		PMM__FN(vmem_altmap_free)(altmap, 1);
		return -PMM_ENOMEM;
	}
	PMM__IN(altmap_pages)++;
	return 0;
}
#else
/* no hook to map device memory: an altmap was refused before (check_altmap) */
static inline PMM__UNUSED int PMM__IN(vmemmap_back_from)(void *addr,
							struct PMM__FN(vmem_altmap) *altmap)
{
	(void)addr;
	(void)altmap;
	return -PMM_EINVAL;
}
#endif

/* Back one page of descriptors, from @altmap's pages if there is one. */
static inline PMM__UNUSED int PMM__IN(vmemmap_back_page)(unsigned long p, int nid,
							struct PMM__FN(vmem_altmap) *altmap)
{
	void *addr = (void *)PMM__IN(vmemmap_addr)(p);

	(void)nid;	/* a hook may ignore the node */
	if (altmap)
		return PMM__IN(vmemmap_back_from)(addr, altmap);
	if (PMM_VMEMMAP_POPULATE(addr, PMM__PAGE_SIZE, nid))
		return -PMM_ENOMEM;
	PMM__IN(vmemmap_bytes) += PMM__PAGE_SIZE;
	return 0;
}

/*
 * Back the descriptors of [pfn, pfn + nr) before they become valid: every
 * page of them nobody needs yet.  All or nothing.  An altmap request owns
 * whole pages of descriptors (check_altmap), so a page it backs is never
 * needed by anyone else, and a page someone else needs (an early
 * section's) is never taken from the altmap, as section_activate skips
 * population for early sections.
 */
static inline PMM__UNUSED int PMM__IN(vmemmap_grow)(unsigned long pfn,
						   unsigned long nr, int nid,
						   struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long first = PMM__ALIGN_DOWN(pfn, PMM__PFNS_PER_BACKING);
	unsigned long end = PMM__ALIGN_UP(pfn + nr, PMM__PFNS_PER_BACKING);
	unsigned long p;
	int err;

	for (p = first; p < end; p += PMM__PFNS_PER_BACKING) {
		if (PMM__IN(vmemmap_needed)(p, p + PMM__PFNS_PER_BACKING))
			continue;
		err = PMM__IN(vmemmap_back_page)(p, nid, altmap);
		if (err) {
			/* what this call backed is still not needed: trim it */
			PMM__IN(vmemmap_trim)(first, p, altmap);
			return err;
		}
	}
	return 0;
}

/* Set or clear the bits of [pfn, pfn + nr) in a sub-section map, one section. */
static inline PMM__UNUSED void PMM__IN(subsection_bits)(unsigned long *map,
						       unsigned long pfn,
						       unsigned long nr, int set)
{
	unsigned long p;

	for (p = pfn; p < pfn + nr; p += PMM__PAGES_PER_SUBSECTION) {
		unsigned long idx = PMM__IN(subsection_map_index)(p);
		unsigned long bit = 1UL << (idx % PMM_BITS_PER_LONG);
		unsigned long *word = &map[idx / PMM_BITS_PER_LONG];

		/*
		 * Readers test these bits without a lock.  Setting is a
		 * release: what was published before (a pagemap, a taint)
		 * is seen by a reader that sees the bit.
		 */
		if (set)
			PMM__PUBLISH(*word, *word | bit);
		else
			PMM__WRITE_ONCE(*word, *word & ~bit);
	}
}

static inline PMM__UNUSED int PMM__IN(subsection_bit)(const unsigned long *map,
						     unsigned long pfn)
{
	unsigned long idx = PMM__IN(subsection_map_index)(pfn);

	return (map[idx / PMM_BITS_PER_LONG] >> (idx % PMM_BITS_PER_LONG)) & 1;
}

static inline PMM__UNUSED int PMM__IN(subsection_map_empty)(const PMM__USAGE *usage)
{
	unsigned long i;

	for (i = 0; i < PMM__SUBSECTION_LONGS; i++)
		if (usage->subsection_map[i])
			return 0;
	return 1;
}
#endif /* PMM__VMEMMAP */

/*
 * Has @pfn a memmap by its own sub-section?  pfn_valid without a boot
 * section's exemption: what hotplug added or removed is judged by its
 * sub-sections even in an early section (classic: by its section).
 */
static inline PMM__UNUSED int PMM__IN(subsection_valid)(const PMM__SECTION *ms,
						       unsigned long pfn)
{
	return PMM__IN(valid_section)(ms) && PMM__IN(pfn_section_valid)(ms, pfn);
}

/* Is every unit of [pfn, pfn + nr) valid (@want 1) or free (@want 0)? */
static inline PMM__UNUSED int PMM__IN(span_is)(unsigned long pfn, unsigned long nr,
					      int want)
{
	unsigned long p;

	for (p = pfn; p < pfn + nr; p += PMM__HOTPLUG_UNIT)
		if (PMM__IN(subsection_valid)(PMM__FN(pfn_to_section)(p), p) != want)
			return 0;
	return 1;
}

#if PMM_SPARSEMEM_EXTREME
/* Unpublish root @root; it is freed after the grace period. */
static inline PMM__UNUSED void PMM__IN(root_retire)(unsigned long root)
{
	PMM__SECTION *block = PMM__IN(mem_section)[root];

	PMM__PUBLISH(PMM__IN(mem_section)[root], (PMM__SECTION *)0);
	PMM__IN(nr_roots)--;
	/* every section in it is empty: a reader never follows usage */
	PMM__WRITE_ONCE(block[0].usage, (PMM__USAGE *)PMM__IN(rcu_roots));
	PMM__IN(rcu_roots) = block;
}

/*
 * Retire section @sec's root once no section in it is present, so that
 * undoing every hotplug brings metadata back to its boot size.  (Linux
 * keeps roots for good; a root costs a page.)
 */
static inline PMM__UNUSED void PMM__IN(root_release_if_empty)(unsigned long sec)
{
	unsigned long root = sec / PMM__SECTIONS_PER_ROOT, i;
	PMM__SECTION *block = PMM__IN(mem_section)[root];

	for (i = 0; i < PMM__SECTIONS_PER_ROOT; i++)
		if (block[i].section_mem_map)
			return;
	PMM__IN(root_retire)(root);
}
#else
/* A static table has no roots to give back. */
static inline PMM__UNUSED void PMM__IN(root_release_if_empty)(unsigned long sec)
{
	(void)sec;
}
#endif

/*
 * What differs between the models when a section comes and goes, one pair
 * per step as Linux pairs them in mm/sparse.c (6.1): VMEMMAP marks
 * sub-sections and backs the span in the virtual memmap; classic
 * SPARSEMEM takes whole sections and gives each its own memmap.
 */
#if PMM__VMEMMAP
/* fill_subsection_map: [pfn, pfn + nr) present, on @altmap's pages if given */
static inline PMM__UNUSED void PMM__IN(fill_subsection_map)(PMM__USAGE *usage,
							   unsigned long pfn, unsigned long nr,
							   struct PMM__FN(vmem_altmap) *altmap)
{
	if (altmap)
		PMM__IN(subsection_bits)(PMM__OWN(usage)->altmap_map, pfn, nr, 1);
	PMM__IN(subsection_bits)(usage->subsection_map, pfn, nr, 1);
}

/* clear_subsection_map: [pfn, pfn + nr) gone; 1 when nothing is left */
static inline PMM__UNUSED int PMM__IN(clear_subsection_map)(PMM__USAGE *usage,
							   unsigned long pfn, unsigned long nr)
{
	PMM__IN(subsection_bits)(usage->subsection_map, pfn, nr, 0);
	PMM__IN(subsection_bits)(PMM__OWN(usage)->altmap_map, pfn, nr, 0);
	PMM__IN(subsection_bits)(PMM__OWN(usage)->ram_map, pfn, nr, 0);
	return PMM__IN(subsection_map_empty)(usage);
}

/* populate_section_memmap: back [pfn, pfn + nr)'s descriptors; @map the section's */
static inline PMM__UNUSED int PMM__IN(populate_section_memmap)(unsigned long sec,
							      unsigned long pfn,
							      unsigned long nr, int nid,
							      struct PMM__FN(vmem_altmap) *altmap,
							      PMM__PAGE **map)
{
	int err = PMM__IN(vmemmap_grow)(pfn, nr, nid, altmap);

	if (!err)
		*map = (PMM__PAGE *)PMM__IN(vmemmap_addr)(PMM__FN(section_nr_to_pfn)(sec));
	return err;
}

/*
 * depopulate_section_memmap: the backing of [pfn, pfn + nr) goes back, to
 * @altmap if it came from one; an early section's only once it is @empty,
 * whole, and never to an altmap (its backing is the boot memmap's).
 */
static inline PMM__UNUSED void PMM__IN(depopulate_section_memmap)(unsigned long sec,
								 unsigned long pfn,
								 unsigned long nr,
								 struct PMM__FN(vmem_altmap) *altmap,
								 int early, int empty)
{
	if (early) {
		altmap = (struct PMM__FN(vmem_altmap) *)0;
		if (empty) {
			pfn = PMM__FN(section_nr_to_pfn)(sec);
			nr = PMM__PAGES_PER_SECTION;
		}
	}
	PMM__IN(vmemmap_trim)(PMM__ALIGN_DOWN(pfn, PMM__PFNS_PER_BACKING),
			      PMM__ALIGN_UP(pfn + nr, PMM__PFNS_PER_BACKING), altmap);
}
#else
/* Classic sections are whole: nothing to mark, and nothing left when one goes. */
static inline PMM__UNUSED void PMM__IN(fill_subsection_map)(PMM__USAGE *usage,
							   unsigned long pfn, unsigned long nr,
							   struct PMM__FN(vmem_altmap) *altmap)
{
	(void)usage;
	(void)pfn;
	(void)nr;
	(void)altmap;
}

static inline PMM__UNUSED int PMM__IN(clear_subsection_map)(PMM__USAGE *usage,
							   unsigned long pfn, unsigned long nr)
{
	(void)usage;
	(void)pfn;
	(void)nr;
	return 1;
}

/* The section's own memmap, from its coded section_mem_map. */
static inline PMM__UNUSED void PMM__IN(free_section_memmap)(const PMM__SECTION *ms,
							   unsigned long sec)
{
	PMM_FREE(PMM__IN(section_pfn_to_page)(ms->section_mem_map,
					      PMM__FN(section_nr_to_pfn)(sec)),
		 PMM__SECTION_MAP_BYTES);
}

/* A memmap of one section, aligned so that it can be coded with its flags. */
static inline PMM__UNUSED int PMM__IN(populate_section_memmap)(unsigned long sec,
							      unsigned long pfn,
							      unsigned long nr, int nid,
							      struct PMM__FN(vmem_altmap) *altmap,
							      PMM__PAGE **map)
{
	PMM__PAGE *m = (PMM__PAGE *)PMM_ALLOC(PMM__SECTION_MAP_BYTES, PMM__PAGE_SIZE, nid);

	(void)nid;	/* a hook may ignore the node */
	(void)sec;
	(void)pfn;
	(void)nr;
	(void)altmap;
	if (!m)
		return -PMM_ENOMEM;
	if ((unsigned long)m & ~PMM__SECTION_MAP_MASK) {
		PMM_FREE(m, PMM__SECTION_MAP_BYTES);
		return -PMM_EINVAL;
	}
	PMM__IN(hot_map_bytes) += PMM__SECTION_MAP_BYTES;
	*map = m;
	return 0;
}

/*
 * A hot-added section's memmap goes with it; readers never follow it, so
 * it needs no grace period.  An early one's stays in its boot block until
 * pmm_exit, as Linux keeps what it cannot give back piecewise.
 */
static inline PMM__UNUSED void PMM__IN(depopulate_section_memmap)(unsigned long sec,
								 unsigned long pfn,
								 unsigned long nr,
								 struct PMM__FN(vmem_altmap) *altmap,
								 int early, int empty)
{
	(void)pfn;
	(void)nr;
	(void)altmap;
	if (empty && !early) {
		PMM__IN(free_section_memmap)(PMM__FN(nr_to_section)(sec), sec);
		PMM__IN(hot_map_bytes) -= PMM__SECTION_MAP_BYTES;
	}
}
#endif /* PMM__VMEMMAP */

/*
 * section_deactivate: take [pfn, pfn + nr) (one section) out.  When the
 * section is left with nothing valid it goes whole, early or not: its
 * usage (after a grace period) and (classic, hot-added) memmap are
 * freed; an early section's boot-time usage and classic memmap stay in
 * their boot blocks until pmm_exit, as Linux keeps what it cannot give
 * back piecewise.  @altmap is the one the span was added with: the
 * backing pages go back to it (never an early section's, which came
 * from the boot memmap).
 */
static inline PMM__UNUSED void PMM__IN(section_deactivate)(unsigned long pfn,
							  unsigned long nr,
							  struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long sec = PMM__FN(pfn_to_section_nr)(pfn);
	PMM__SECTION *ms = PMM__FN(nr_to_section)(sec);
	int early, empty;
	PMM__USAGE *usage;

	PMM_BUG_ON(!ms);	/* checked valid by the caller */
	early = PMM__IN(early_section)(ms);
	usage = ms->usage;
	empty = PMM__IN(clear_subsection_map)(usage, pfn, nr);
	if (empty) {
		/* readers see an invalid section before anything is freed */
		PMM__WRITE_ONCE(ms->section_mem_map,
				ms->section_mem_map & ~PMM__SECTION_HAS_MEM_MAP);
		PMM__PUBLISH(ms->usage, (PMM__USAGE *)0);
		if (!early) {
			PMM__IN(free_usage_rcu)(usage);
			PMM__IN(hot_usages)--;
		}
	}
	PMM__IN(depopulate_section_memmap)(sec, pfn, nr, altmap, early, empty);
	if (empty) {
		PMM__WRITE_ONCE(ms->section_mem_map, 0UL);
		PMM__IN(nr_present_sections)--;
		PMM__IN(root_release_if_empty)(sec);
	}
}

/*
 * sparse_add_section/section_activate: bring [pfn, pfn + nr) (one
 * section) in, its memmap backed from @altmap if given.  All or nothing.
 */
static inline PMM__UNUSED int PMM__IN(section_activate)(int nid, unsigned long pfn,
						       unsigned long nr,
						       struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long sec = PMM__FN(pfn_to_section_nr)(pfn);
	PMM__SECTION *ms = PMM__FN(nr_to_section)(sec);
	PMM__USAGE *usage = ms->usage;
	PMM__PAGE *map;
	int fresh = !PMM__IN(present_section)(ms);

	int err;

	(void)nid;	/* a hook may ignore the node */
	if (!usage) {
		usage = (PMM__USAGE *)PMM_ALLOC(sizeof(struct PMM__IN(usage_block)),
						PMM__SMP_CACHE_BYTES, nid);
		if (!usage)
			return -PMM_ENOMEM;
	}
	err = PMM__IN(populate_section_memmap)(sec, pfn, nr, nid, altmap, &map);
	if (err) {
		if (usage != ms->usage)
			PMM_FREE(usage, sizeof(struct PMM__IN(usage_block)));
		return err;
	}
	if (usage != ms->usage)
		PMM__IN(hot_usages)++;
	/* remember whose pages back it: an early section's are the boot's */
	PMM__IN(fill_subsection_map)(usage, pfn, nr, altmap);
	if (fresh) {
		PMM__IN(set_section_nid)(sec, nid);
		PMM__WRITE_ONCE(ms->section_mem_map, PMM__SECTION_MARKED_PRESENT);
		if (!PMM__IN(nr_present_sections)++ ||
		    sec > PMM__IN(highest_present_section_nr))
			PMM__IN(highest_present_section_nr) = sec;
		/* hot-added: neither early nor online */
		PMM__IN(sparse_init_one_section)(ms, sec, map, usage, 0);
	} else {
		PMM__PUBLISH(ms->usage, usage);
	}
	return 0;
}

/* The chunk of [pfn, end) that lies in pfn's section. */
static inline PMM__UNUSED unsigned long PMM__IN(chunk)(unsigned long pfn,
						      unsigned long end)
{
	unsigned long next = PMM__ALIGN_DOWN(pfn, PMM__PAGES_PER_SECTION) +
			     PMM__PAGES_PER_SECTION;

	return (next < end ? next : end) - pfn;
}

/*
 * The rules every hotplug request meets: after pmm_init (and after
 * pmm_deferred_init, as Linux hotplugs only once the memmap is whole), a
 * non-empty span of whole @unit pages (a power of two), within
 * MAX_PHYSMEM_BITS.
 */
static inline PMM__UNUSED int PMM__IN(check_units)(unsigned long pfn, unsigned long nr,
						  unsigned long unit)
{
	if (!PMM__IN(initialised) || !nr || (pfn | nr) & (unit - 1))
		return -PMM_EINVAL;
	if (PMM__IN(deferred_pages))
		return -PMM_EBUSY;
	if (pfn + nr < pfn || (unsigned long long)(pfn + nr) > PMM__MAX_PFN)
		return -PMM_ERANGE;
	return 0;
}

#if PMM__VMEMMAP
/* Does the reserved vmemmap window hold the descriptors of [pfn, pfn + nr)? */
static inline PMM__UNUSED int PMM__IN(in_vmemmap_window)(unsigned long pfn, unsigned long nr)
{
	return pfn >= PMM__IN(vmemmap_lo_pfn) && pfn + nr <= PMM__IN(vmemmap_hi_pfn);
}
#else
/* a classic memmap is allocated section by section: no window to stay in */
static inline PMM__UNUSED int PMM__IN(in_vmemmap_window)(unsigned long pfn, unsigned long nr)
{
	(void)pfn;
	(void)nr;
	return 1;
}
#endif

/* check_pfn_span, and the window the descriptors must fit in. */
static inline PMM__UNUSED int PMM__IN(check_span)(unsigned long pfn, unsigned long nr)
{
	int err = PMM__IN(check_units)(pfn, nr, PMM__HOTPLUG_UNIT);

	if (err)
		return err;
	return PMM__IN(in_vmemmap_window)(pfn, nr) ? 0 : -PMM_ERANGE;
}

/*
 * An altmap for adding [pfn, pfn + nr): __add_pages' rule (it starts at
 * @pfn and its reserve + free fit in the span), and it covers the span.
 * pmm also wants whole pages of descriptors, so that no page of them is
 * shared with memory whose memmap lives elsewhere (a sub-section's
 * memmap is whole pages unless pages are 64 KiB or descriptors small).
 */
#if PMM__VMEMMAP && defined(PMM_VMEMMAP_POPULATE_FROM)
static inline PMM__UNUSED int PMM__IN(check_altmap)(unsigned long pfn, unsigned long nr,
						   const struct PMM__FN(vmem_altmap) *altmap)
{
	if (altmap->base_pfn != pfn || PMM__FN(vmem_altmap_offset)(altmap) > nr ||
	    altmap->end_pfn < pfn + nr - 1 || (pfn | nr) & (PMM__PFNS_PER_BACKING - 1))
		return -PMM_EINVAL;
	return 0;
}
#else
/* classic SPARSEMEM, or no hook to map device memory: no altmap is taken */
static inline PMM__UNUSED int PMM__IN(check_altmap)(unsigned long pfn, unsigned long nr,
						   const struct PMM__FN(vmem_altmap) *altmap)
{
	(void)pfn;
	(void)nr;
	(void)altmap;
	return -PMM_EINVAL;
}
#endif

#if PMM_SPARSEMEM_EXTREME
/*
 * Give every section of a request a root.  The roots this call makes are
 * remembered in @fresh (a scratch array, one slot per root of the span) so
 * that a failed request can take exactly those out again.
 */
static inline PMM__UNUSED int PMM__IN(roots_prepare)(unsigned long start_pfn,
						    unsigned long end, int nid,
						    PMM__SECTION ***fresh)
{
	unsigned long first = PMM__FN(pfn_to_section_nr)(start_pfn) / PMM__SECTIONS_PER_ROOT;
	unsigned long last = PMM__FN(pfn_to_section_nr)(end - 1) / PMM__SECTIONS_PER_ROOT;
	unsigned long r, n = last - first + 1;
	PMM__SECTION **slot;

	(void)nid;	/* a hook may ignore the node */
	slot = (PMM__SECTION **)PMM_ALLOC(n * sizeof(*slot), sizeof(void *), nid);
	if (!slot)
		return -PMM_ENOMEM;
	for (r = 0; r < n; r++) {
		if (PMM__IN(mem_section)[first + r])
			continue;
		slot[r] = (PMM__SECTION *)PMM_ALLOC(PMM__SECTIONS_PER_ROOT * sizeof(PMM__SECTION),
						    PMM__SMP_CACHE_BYTES, nid);
		if (!slot[r]) {
			while (r--)
				if (slot[r])
					PMM__IN(root_retire)(first + r);
			PMM_FREE(slot, n * sizeof(*slot));
			return -PMM_ENOMEM;
		}
		PMM__PUBLISH(PMM__IN(mem_section)[first + r], slot[r]);
		PMM__IN(nr_roots)++;
	}
	*fresh = slot;
	return 0;
}

/* Keep the new roots (@keep) or take them out again; drop the scratch. */
static inline PMM__UNUSED void PMM__IN(roots_finish)(unsigned long start_pfn,
						    unsigned long end,
						    PMM__SECTION **fresh, int keep)
{
	unsigned long first = PMM__FN(pfn_to_section_nr)(start_pfn) / PMM__SECTIONS_PER_ROOT;
	unsigned long last = PMM__FN(pfn_to_section_nr)(end - 1) / PMM__SECTIONS_PER_ROOT;
	unsigned long r, n = last - first + 1;

	for (r = 0; r < n && !keep; r++) {
		/* undoing the sections may have retired an emptied root already */
		if (!fresh[r] || PMM__IN(mem_section)[first + r] != fresh[r])
			continue;
		PMM__IN(root_retire)(first + r);
	}
	PMM_FREE(fresh, n * sizeof(*fresh));
}
#else
/* Every section of the static table is in place: no root to make or undo. */
static inline PMM__UNUSED int PMM__IN(roots_prepare)(unsigned long start_pfn,
						    unsigned long end, int nid,
						    PMM__SECTION ***fresh)
{
	(void)start_pfn;
	(void)end;
	(void)nid;
	*fresh = (PMM__SECTION **)0;
	return 0;
}

static inline PMM__UNUSED void PMM__IN(roots_finish)(unsigned long start_pfn,
						    unsigned long end,
						    PMM__SECTION **fresh, int keep)
{
	(void)start_pfn;
	(void)end;
	(void)fresh;
	(void)keep;
}
#endif

#if PMM__VMEMMAP
/* Does a page of descriptors of [pfn, pfn + nr) hold altmap memory's too? */
static inline PMM__UNUSED int PMM__IN(shares_altmap_page)(unsigned long pfn, unsigned long nr)
{
	unsigned long p = PMM__ALIGN_DOWN(pfn, PMM__PFNS_PER_BACKING);
	unsigned long end = PMM__ALIGN_UP(pfn + nr, PMM__PFNS_PER_BACKING);

	for (p = PMM__ALIGN_DOWN(p, PMM__PAGES_PER_SUBSECTION); p < end;
	     p += PMM__PAGES_PER_SUBSECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (PMM__IN(valid_section)(ms) && !PMM__IN(early_section)(ms) &&
		    PMM__IN(subsection_bit)(PMM__OWN(ms->usage)->altmap_map, p))
			return 1;
	}
	return 0;
}

/* The record of an add with @altmap (NULL without one), kept if it succeeds. */
static inline PMM__UNUSED int PMM__IN(altmap_span_new)(unsigned long pfn, unsigned long nr,
						      int nid,
						      const struct PMM__FN(vmem_altmap) *altmap,
						      struct PMM__IN(altmap_span) **span)
{
	(void)nid;	/* a hook may ignore the node */
	*span = (struct PMM__IN(altmap_span) *)0;
	if (!altmap)
		return 0;
	*span = (struct PMM__IN(altmap_span) *)PMM_ALLOC(sizeof(**span), sizeof(long), nid);
	if (!*span)
		return -PMM_ENOMEM;
	(*span)->base_pfn = pfn;
	(*span)->end_pfn = pfn + nr;
	(*span)->nr_pages = nr;
	return 0;
}

/* The add is done: keep its record (@keep) for altmap_matches, or drop it. */
static inline PMM__UNUSED void PMM__IN(altmap_span_keep)(struct PMM__IN(altmap_span) *span,
							int keep)
{
	if (span && keep) {
		span->next = PMM__IN(altmap_spans);
		PMM__IN(altmap_spans) = span;
	} else if (span) {
		PMM_FREE(span, sizeof(*span));
	}
}
#else
/* Classic SPARSEMEM takes no altmap (check_altmap): no page to share, no record. */
static inline PMM__UNUSED int PMM__IN(shares_altmap_page)(unsigned long pfn, unsigned long nr)
{
	(void)pfn;
	(void)nr;
	return 0;
}

struct PMM__IN(altmap_span);

static inline PMM__UNUSED int PMM__IN(altmap_span_new)(unsigned long pfn, unsigned long nr,
						      int nid,
						      const struct PMM__FN(vmem_altmap) *altmap,
						      struct PMM__IN(altmap_span) **span)
{
	(void)pfn;
	(void)nr;
	(void)nid;
	(void)altmap;
	*span = (struct PMM__IN(altmap_span) *)0;
	return 0;
}

static inline PMM__UNUSED void PMM__IN(altmap_span_keep)(struct PMM__IN(altmap_span) *span,
							int keep)
{
	(void)span;
	(void)keep;
}

static inline PMM__UNUSED void PMM__IN(altmap_span_put)(unsigned long pfn, unsigned long nr)
{
	(void)pfn;
	(void)nr;
}
#endif

/*
 * __add_pages for [start_pfn, end): checked, then section by section,
 * undone whole on failure.  Memory (@device 0) gets its descriptors and
 * counts as RAM; ZONE_DEVICE memory is initialised by its caller.
 */
static inline PMM__UNUSED int PMM__IN(add_span)(int nid, unsigned long start_pfn,
					       unsigned long nr_pages,
					       struct PMM__FN(vmem_altmap) *altmap,
					       int device)
{
	unsigned long pfn, p, end = start_pfn + nr_pages, done = 0, alloc = 0, align = 0;
	unsigned long highest = PMM__IN(highest_present_section_nr);
	struct PMM__IN(altmap_span) *span;
	PMM__SECTION **fresh;
	int err = PMM__IN(check_span)(start_pfn, nr_pages);

	if (err)
		return err;
	if (nid < 0 || nid >= PMM__MAX_NUMNODES)
		return -PMM_EINVAL;
	if (altmap && PMM__IN(check_altmap)(start_pfn, nr_pages, altmap))
		return -PMM_EINVAL;
	if (!PMM__IN(span_is)(start_pfn, nr_pages, 0))
		return -PMM_EEXIST;
	if (!altmap && PMM__IN(shares_altmap_page)(start_pfn, nr_pages))
		return -PMM_EINVAL;
	err = PMM__IN(altmap_span_new)(start_pfn, nr_pages, nid, altmap, &span);
	if (err)
		return err;
	if (altmap) {
		/* the caller's, to give back on failure: nothing changes */
		alloc = altmap->alloc;
		align = altmap->align;
		altmap->alloc = 0;	/* as __add_pages */
	}
	err = PMM__IN(roots_prepare)(start_pfn, end, nid, &fresh);
	if (err)
		goto out;
	for (pfn = start_pfn; pfn < end; pfn += done) {
		done = PMM__IN(chunk)(pfn, end);
		err = PMM__IN(section_activate)(nid, pfn, done, altmap);
		if (err)
			break;
	}
	if (err) {
		/* undo the chunks done, in the order they were done */
		for (p = start_pfn; p < pfn; p += done) {
			done = PMM__IN(chunk)(p, pfn);
			PMM__IN(section_deactivate)(p, done, altmap);
		}
		PMM__IN(highest_present_section_nr) = highest;
	} else if (!device) {
		PMM__IN(init_pages)(start_pfn, end, nid, PMM__ZONE_BY_PFN, 0);
		PMM__IN(ram_pages) += nr_pages;
	}
	if (!err)
		PMM__IN(hotplugged) = 1;
	PMM__IN(roots_finish)(start_pfn, end, fresh, !err);
out:
	PMM__IN(altmap_span_keep)(span, !err);
	if (err && altmap) {
		altmap->alloc = alloc;
		altmap->align = align;
	}
	PMM__IN(rcu_flush)();
	return err;
}

/*
 * RAM pages among the valid PFNs of [pfn, end): holes inside boot sections
 * (and ZONE_DEVICE pages) have descriptors too, marked reserved, and were
 * never counted as RAM.
 */
static inline PMM__UNUSED unsigned long PMM__IN(ram_in)(unsigned long pfn,
						       unsigned long end)
{
	unsigned long ram = 0;

	for (; pfn < end; pfn++) {
		/* an early section stays valid whole: its removed memory is not RAM */
		if (!PMM__IN(subsection_valid)(PMM__FN(pfn_to_section)(pfn), pfn))
			continue;
		if (!(PMM__FLAGS(PMM__FN(pfn_to_page)(pfn)) & (1UL << PMM_PG_RESERVED)))
			ram++;
	}
	return ram;
}

/* section_deactivate over a span, no RAM accounting */
static inline PMM__UNUSED void PMM__IN(deactivate_span)(unsigned long start_pfn,
						   unsigned long nr_pages,
						   struct PMM__FN(vmem_altmap) *altmap)
{
	unsigned long pfn, end = start_pfn + nr_pages, done;

	for (pfn = start_pfn; pfn < end; pfn += done) {
		done = PMM__IN(chunk)(pfn, end);
		PMM__IN(section_deactivate)(pfn, done, altmap);
	}
	PMM__IN(hotplugged) = 1;
}

/* __remove_pages for a checked span; the caller ends with rcu_flush. */
static inline PMM__UNUSED void PMM__IN(remove_span)(unsigned long start_pfn,
						   unsigned long nr_pages,
						   struct PMM__FN(vmem_altmap) *altmap)
{
	PMM__IN(ram_pages) -= PMM__IN(ram_in)(start_pfn, start_pfn + nr_pages);
	PMM__IN(deactivate_span)(start_pfn, nr_pages, altmap);
	if (altmap)
		PMM__IN(altmap_span_put)(start_pfn, nr_pages);
}

/*
 * Was [pfn, pfn + nr) added with @altmap (one add of it, whose first PFN
 * is @altmap's base_pfn), or (@altmap NULL) without one, throughout?  A
 * remove with the wrong answer would hand device pages back as memory,
 * or give one altmap's pages back to another.
 */
#if PMM__VMEMMAP
static inline PMM__UNUSED int PMM__IN(altmap_matches)(unsigned long pfn, unsigned long nr,
						     const struct PMM__FN(vmem_altmap) *altmap)
{
	const struct PMM__IN(altmap_span) *span;
	unsigned long p;

	if (altmap) {
		span = PMM__IN(altmap_span_of)(pfn, nr);
		if (!span || span->base_pfn != altmap->base_pfn ||
		    pfn + nr - 1 > altmap->end_pfn)
			return 0;
	}
	/* memory added without an altmap may fill a hole in the span */
	for (p = pfn; p < pfn + nr; p += PMM__PAGES_PER_SUBSECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (PMM__IN(subsection_bit)(PMM__OWN(ms->usage)->altmap_map, p) != !!altmap)
			return 0;
	}
	return 1;
}
#else
/* classic SPARSEMEM took no altmap: only a remove without one matches */
static inline PMM__UNUSED int PMM__IN(altmap_matches)(unsigned long pfn, unsigned long nr,
						     const struct PMM__FN(vmem_altmap) *altmap)
{
	(void)pfn;
	(void)nr;
	return !altmap;
}
#endif

/**
 * pmm_add_pages - add memory at __add_pages granularity
 * @nid: node of the new memory
 * @start_pfn: first PFN, a multiple of a sub-section (VMEMMAP) or section
 * @nr_pages: number of pages, likewise a multiple
 * @altmap: NULL, or (VMEMMAP) where the new memmap is carved from:
 *	base_pfn must be @start_pfn, vmem_altmap_offset at most @nr_pages,
 *	end_pfn at least the last PFN, and the span whole pages of
 *	descriptors; its alloc is reset, as __add_pages does
 *
 * Makes [start_pfn, start_pfn + nr_pages) valid with descriptors of node
 * @nid, not online.  Return: 0; -EINVAL before pmm_init, for a misaligned
 * or empty span, a bad node or altmap; -EBUSY while pmm_deferred_init has
 * work left; -ERANGE beyond MAX_PHYSMEM_BITS (or the reserved vmemmap);
 * -EEXIST if any part is valid already; -ENOMEM, also when the altmap is
 * too small.  On error nothing has changed.
 */
PMM__API int PMM__FN(add_pages)(int nid, unsigned long start_pfn,
				unsigned long nr_pages,
				struct PMM__FN(vmem_altmap) *altmap)
{
	return PMM__IN(add_span)(nid, start_pfn, nr_pages, altmap, 0);
}

#if PMM__VMEMMAP

/*
 * Would removing [pfn, pfn + nr) of the span added with @altmap take the
 * PFNs where the memmap of the span's other memory lives ([base, base +
 * reserve + free))?
 */
static inline PMM__UNUSED int PMM__IN(altmap_memmap_removed)(unsigned long pfn,
		unsigned long nr, const struct PMM__FN(vmem_altmap) *altmap)
{
	const struct PMM__IN(altmap_span) *span = PMM__IN(altmap_span_of)(pfn, nr);
	unsigned long p;

	if (pfn >= altmap->base_pfn + PMM__FN(vmem_altmap_offset)(altmap) ||
	    pfn + nr <= altmap->base_pfn)
		return 0;
	for (p = span->base_pfn; p < span->end_pfn; p += PMM__PAGES_PER_SUBSECTION) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);

		if (p >= pfn && p < pfn + nr)
			continue;
		if (PMM__IN(subsection_valid)(ms, p) &&
		    PMM__IN(subsection_bit)(PMM__OWN(ms->usage)->altmap_map, p))
			return 1;
	}
	return 0;
}
#else
/* classic SPARSEMEM took no altmap (altmap_matches refused one) */
static inline PMM__UNUSED int PMM__IN(altmap_memmap_removed)(unsigned long pfn,
		unsigned long nr, const struct PMM__FN(vmem_altmap) *altmap)
{
	(void)pfn;
	(void)nr;
	(void)altmap;
	return 0;
}
#endif

/**
 * pmm_remove_pages - remove memory at __remove_pages granularity
 * @start_pfn: first PFN, a multiple of a sub-section (VMEMMAP) or section
 * @nr_pages: number of pages, likewise a multiple
 * @altmap: the altmap the span was added with (known by its base_pfn),
 *	or NULL if none
 *
 * Boot memory may be removed too.  A section left with nothing valid goes
 * whole, early or not; its usage data is freed after a grace period
 * (PMM_SYNCHRONIZE_RCU).  Part of a span added with an altmap may go, but
 * not the PFNs its memmap lives in while the rest stays.  Return: 0;
 * -EINVAL before pmm_init, for a misaligned or empty span, any part not
 * valid ("section already deactivated"), or an altmap that is not the one
 * it was added with; -EBUSY for ZONE_DEVICE pages (pmm_memunmap_pages
 * removes those), for what the rest of an altmap's span needs, or while
 * pmm_deferred_init has work left; -ERANGE beyond MAX_PHYSMEM_BITS.  On
 * error nothing has changed.
 */
PMM__API int PMM__FN(remove_pages)(unsigned long start_pfn, unsigned long nr_pages,
				   struct PMM__FN(vmem_altmap) *altmap)
{
	int err = PMM__IN(check_span)(start_pfn, nr_pages);

	if (err)
		return err;
	if (!PMM__IN(span_is)(start_pfn, nr_pages, 1) ||
	    !PMM__IN(altmap_matches)(start_pfn, nr_pages, altmap))
		return -PMM_EINVAL;
	if (PMM__IN(device_in)(start_pfn, nr_pages))
		return -PMM_EBUSY;
	if (altmap && PMM__IN(altmap_memmap_removed)(start_pfn, nr_pages, altmap))
		return -PMM_EBUSY;
	PMM__IN(remove_span)(start_pfn, nr_pages, altmap);
	PMM__IN(rcu_flush)();
	return 0;
}
