/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_hotplug.h - SPARSEMEM memory hotplug at __add_pages granularity
 *
 * Part of pmm_sparse.h (included by it; not an entry point).  Linux [6.12]:
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

#if PMM_SPARSEMEM_EXTREME
	if (!PMM__IN(rcu_usage) && !PMM__IN(rcu_roots) && !PMM__IN(rcu_unlinked))
		return;
#else
	if (!PMM__IN(rcu_usage) && !PMM__IN(rcu_unlinked))
		return;
#endif
	PMM_SYNCHRONIZE_RCU();
	PMM__IN(rcu_unlinked) = 0;
	while ((p = PMM__IN(rcu_usage))) {
		PMM__IN(rcu_usage) = ((PMM__USAGE *)p)->rcu[0];
		PMM_FREE(p, sizeof(struct PMM__IN(usage_block)));
	}
#if PMM_SPARSEMEM_EXTREME
	while ((p = PMM__IN(rcu_roots))) {
		PMM__IN(rcu_roots) = (void *)((PMM__SECTION *)p)->usage;
		PMM_FREE(p, PMM__SECTIONS_PER_ROOT * sizeof(PMM__SECTION));
	}
#endif
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

/* Back one page of descriptors, from @altmap's pages if there is one. */
static inline PMM__UNUSED int PMM__IN(vmemmap_back_page)(unsigned long p, int nid,
							struct PMM__FN(vmem_altmap) *altmap)
{
	void *addr = (void *)PMM__IN(vmemmap_addr)(p);
	unsigned long from;

	(void)nid;	/* a hook may ignore the node */
	if (!altmap) {
		if (PMM_VMEMMAP_POPULATE(addr, PMM__PAGE_SIZE, nid))
			return -PMM_ENOMEM;
		PMM__IN(vmemmap_bytes) += PMM__PAGE_SIZE;
		return 0;
	}
#ifdef PMM_VMEMMAP_POPULATE_FROM
	/* vmemmap_populate_basepages: vmemmap_alloc_block_buf(PAGE_SIZE) */
	from = PMM__FN(altmap_alloc_block_buf)(PMM__PAGE_SIZE, altmap);
	if (from == ~0UL)
		return -PMM_ENOMEM;	/* the altmap is too small */
	if (PMM_VMEMMAP_POPULATE_FROM(addr, PMM__PAGE_SIZE, from)) {
		PMM__FN(vmem_altmap_free)(altmap, 1);
		return -PMM_ENOMEM;
	}
	PMM__IN(altmap_pages)++;
	return 0;
#else
	(void)from;
	return -PMM_EINVAL;	/* refused before: no way to map device memory */
#endif
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

/* Is every unit of [pfn, pfn + nr) valid (@want 1) or free (@want 0)? */
static inline PMM__UNUSED int PMM__IN(span_is)(unsigned long pfn, unsigned long nr,
					      int want)
{
	unsigned long p;

	for (p = pfn; p < pfn + nr; p += PMM__HOTPLUG_UNIT) {
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(p);
		int valid;

#if PMM__VMEMMAP
		valid = PMM__IN(valid_section)(ms) && PMM__IN(pfn_section_valid)(ms, p);
#else
		valid = PMM__IN(present_section)(ms);
#endif
		if (valid != want)
			return 0;
	}
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

/* The node of a section whose node page->flags cannot hold */
static inline PMM__UNUSED void PMM__IN(set_section_nid)(unsigned long sec, int nid)
{
#if PMM__NODE_NOT_IN_PAGE_FLAGS
	PMM__IN(section_to_node_table)[sec] = (PMM__IN(nid_t))nid;
#else
	(void)sec;
	(void)nid;
#endif
}

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

/* check_pfn_span, and (VMEMMAP) the reserved window. */
static inline PMM__UNUSED int PMM__IN(check_span)(unsigned long pfn, unsigned long nr)
{
	int err = PMM__IN(check_units)(pfn, nr, PMM__HOTPLUG_UNIT);

	if (err)
		return err;
#if PMM__VMEMMAP
	if (pfn < PMM__IN(vmemmap_lo_pfn) || pfn + nr > PMM__IN(vmemmap_hi_pfn))
		return -PMM_ERANGE;
#endif
	return 0;
}

/*
 * An altmap for adding [pfn, pfn + nr): __add_pages' rule (it starts at
 * @pfn and its reserve + free fit in the span), and it covers the span.
 * pmm also wants whole pages of descriptors, so that no page of them is
 * shared with memory whose memmap lives elsewhere (a sub-section's
 * memmap is whole pages unless pages are 64 KiB or descriptors small).
 */
static inline PMM__UNUSED int PMM__IN(check_altmap)(unsigned long pfn, unsigned long nr,
						   const struct PMM__FN(vmem_altmap) *altmap)
{
#if PMM__VMEMMAP && defined(PMM_VMEMMAP_POPULATE_FROM)
	if (altmap->base_pfn != pfn || PMM__FN(vmem_altmap_offset)(altmap) > nr ||
	    altmap->end_pfn < pfn + nr - 1 || (pfn | nr) & (PMM__PFNS_PER_BACKING - 1))
		return -PMM_EINVAL;
	return 0;
#else
	/* classic SPARSEMEM, or no hook to map device memory */
	(void)pfn;
	(void)nr;
	(void)altmap;
	return -PMM_EINVAL;
#endif
}

#if PMM_SPARSEMEM_EXTREME
/*
 * Give every section of a request a root.  The roots this call makes are
 * remembered in @fresh (a scratch array, one slot per root of the span) so
 * that a failed request can take exactly those out again.
 */
static inline PMM__UNUSED int PMM__IN(roots_prepare)(unsigned long first,
						    unsigned long last, int nid,
						    PMM__SECTION ***fresh)
{
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
static inline PMM__UNUSED void PMM__IN(roots_finish)(unsigned long first,
						    unsigned long last,
						    PMM__SECTION **fresh, int keep)
{
	unsigned long r, n = last - first + 1;

	for (r = 0; r < n && !keep; r++) {
		/* undoing the sections may have retired an emptied root already */
		if (!fresh[r] || PMM__IN(mem_section)[first + r] != fresh[r])
			continue;
		PMM__IN(root_retire)(first + r);
	}
	PMM_FREE(fresh, n * sizeof(*fresh));
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
	int err = PMM__IN(check_span)(start_pfn, nr_pages);
#if PMM_SPARSEMEM_EXTREME
	unsigned long first_root, last_root;
	PMM__SECTION **fresh;
#endif
#if PMM__VMEMMAP
	struct PMM__IN(altmap_span) *span = (struct PMM__IN(altmap_span) *)0;
#endif

	if (err)
		return err;
	if (nid < 0 || nid >= PMM__MAX_NUMNODES)
		return -PMM_EINVAL;
	if (altmap && PMM__IN(check_altmap)(start_pfn, nr_pages, altmap))
		return -PMM_EINVAL;
	if (!PMM__IN(span_is)(start_pfn, nr_pages, 0))
		return -PMM_EEXIST;
#if PMM__VMEMMAP
	if (!altmap && PMM__IN(shares_altmap_page)(start_pfn, nr_pages))
		return -PMM_EINVAL;
#endif
#if PMM__VMEMMAP
	/* (classic SPARSEMEM refused any altmap in check_altmap) */
	if (altmap) {
		span = (struct PMM__IN(altmap_span) *)PMM_ALLOC(sizeof(*span), sizeof(long), nid);
		if (!span)
			return -PMM_ENOMEM;
		span->base_pfn = start_pfn;
		span->end_pfn = end;
		span->nr_pages = nr_pages;
		/* the caller's, to give back on failure: nothing changes */
		alloc = altmap->alloc;
		align = altmap->align;
		altmap->alloc = 0;	/* as __add_pages */
	}
#endif
#if PMM_SPARSEMEM_EXTREME
	first_root = PMM__FN(pfn_to_section_nr)(start_pfn) / PMM__SECTIONS_PER_ROOT;
	last_root = PMM__FN(pfn_to_section_nr)(end - 1) / PMM__SECTIONS_PER_ROOT;
	err = PMM__IN(roots_prepare)(first_root, last_root, nid, &fresh);
	if (err)
		goto out;
#endif
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
#if PMM_SPARSEMEM_EXTREME
	PMM__IN(roots_finish)(first_root, last_root, fresh, !err);
out:
#endif
#if PMM__VMEMMAP
	if (span && !err) {
		span->next = PMM__IN(altmap_spans);
		PMM__IN(altmap_spans) = span;
	} else if (span) {
		PMM_FREE(span, sizeof(*span));
	}
#endif
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
#if PMM__VMEMMAP
		const PMM__SECTION *ms = PMM__FN(pfn_to_section)(pfn);

		/* an early section stays valid whole: its removed memory is not RAM */
		if (!PMM__IN(valid_section)(ms) || !PMM__IN(pfn_section_valid)(ms, pfn))
			continue;
#else
		if (!PMM__FN(pfn_valid)(pfn))
			continue;
#endif
		if (!(PMM__FLAGS(PMM__FN(pfn_to_page)(pfn)) & (1UL << PMM_PG_RESERVED)))
			ram++;
	}
	return ram;
}

static inline PMM__UNUSED void PMM__IN(deactivate_span)(unsigned long start_pfn,
						   unsigned long nr_pages,
						   struct PMM__FN(vmem_altmap) *altmap);

/* __remove_pages for a checked span; the caller ends with rcu_flush. */
static inline PMM__UNUSED void PMM__IN(remove_span)(unsigned long start_pfn,
						   unsigned long nr_pages,
						   struct PMM__FN(vmem_altmap) *altmap)
{
	PMM__IN(ram_pages) -= PMM__IN(ram_in)(start_pfn, start_pfn + nr_pages);
	PMM__IN(deactivate_span)(start_pfn, nr_pages, altmap);
#if PMM__VMEMMAP
	if (altmap)
		PMM__IN(altmap_span_put)(start_pfn, nr_pages);
#endif
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

/*
 * Was [pfn, pfn + nr) added with @altmap (one add of it, whose first PFN
 * is @altmap's base_pfn), or (@altmap NULL) without one, throughout?  A
 * remove with the wrong answer would hand device pages back as memory,
 * or give one altmap's pages back to another.
 */
static inline PMM__UNUSED int PMM__IN(altmap_matches)(unsigned long pfn, unsigned long nr,
						     const struct PMM__FN(vmem_altmap) *altmap)
{
#if PMM__VMEMMAP
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
#else
	(void)pfn;
	(void)nr;
	return !altmap;
#endif
}

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
static inline PMM__UNUSED int PMM__IN(device_in)(unsigned long pfn, unsigned long nr);

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
		if (PMM__IN(valid_section)(ms) && PMM__IN(pfn_section_valid)(ms, p) &&
		    PMM__IN(subsection_bit)(PMM__OWN(ms->usage)->altmap_map, p))
			return 1;
	}
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
#if PMM__VMEMMAP
	if (PMM__IN(device_in)(start_pfn, nr_pages))
		return -PMM_EBUSY;
	if (altmap && PMM__IN(altmap_memmap_removed)(start_pfn, nr_pages, altmap))
		return -PMM_EBUSY;
#endif
	PMM__IN(remove_span)(start_pfn, nr_pages, altmap);
	PMM__IN(rcu_flush)();
	return 0;
}

#if PMM__VMEMMAP
#include "pmm_sparse_device.h"
#endif

/*
 * At pmm_exit, before the boot blocks go: give back what hotplug took
 * (usage and classic memmaps of hot-added sections) and, VMEMMAP, every
 * backing page still in use, under the same rule that backed it.
 */
static inline PMM__UNUSED void PMM__IN(hotplug_exit)(void)
{
	unsigned long nr;
#if PMM__VMEMMAP
	unsigned long prev_end = 0;
#endif

#if PMM__VMEMMAP
	PMM__IN(memunmap_all)();
	while (PMM__IN(altmap_spans)) {
		struct PMM__IN(altmap_span) *span = PMM__IN(altmap_spans);

		PMM__IN(altmap_spans) = span->next;
		PMM_FREE(span, sizeof(*span));
	}
#endif
	/* untouched since boot: model_exit gives back the boot pieces whole */
	if (!PMM__IN(hotplugged))
		return;
	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		PMM__SECTION *ms = PMM__FN(nr_to_section)(nr);
#if PMM__VMEMMAP
		unsigned long p = PMM__ALIGN_DOWN(PMM__FN(section_nr_to_pfn)(nr),
						  PMM__PFNS_PER_BACKING);
		unsigned long end = PMM__ALIGN_UP(PMM__FN(section_nr_to_pfn)(nr + 1),
						  PMM__PFNS_PER_BACKING);

		for (p = p > prev_end ? p : prev_end; p < end; p += PMM__PFNS_PER_BACKING) {
			if (!PMM__IN(vmemmap_needed)(p, p + PMM__PFNS_PER_BACKING))
				continue;
			PMM_VMEMMAP_DEPOPULATE((void *)PMM__IN(vmemmap_addr)(p), PMM__PAGE_SIZE);
			PMM__IN(vmemmap_bytes) -= PMM__PAGE_SIZE;
		}
		prev_end = end;
#endif
		if (PMM__IN(early_section)(ms))
			continue;
		PMM_FREE(ms->usage, sizeof(struct PMM__IN(usage_block)));
#if !PMM__VMEMMAP
		PMM__IN(free_section_memmap)(ms, nr);
#endif
	}
	PMM__IN(hot_usages) = 0;
	PMM__IN(hot_map_bytes) = 0;
	PMM__IN(hotplugged) = 0;
#if PMM__VMEMMAP
	/* the boot backing went with the rest: nothing for model_exit to undo */
	PMM__IN(vmemmap_populated) = 0;
	PMM__IN(vmemmap_bytes) = 0;
	PMM__IN(altmap_pages) = 0;
#endif
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
#if PMM__VMEMMAP
		PMM__IN(subsection_bits)(PMM__OWN(usage)->ram_map, p, PMM__PAGES_PER_SECTION, 1);
#endif
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
#if PMM__VMEMMAP
	if (PMM__IN(device_in)(start_pfn, nr_pages))
		return -PMM_EBUSY;
	/* its memmap would go back to the allocator, not to the altmap */
	if (!PMM__IN(altmap_matches)(start_pfn, nr_pages, (struct PMM__FN(vmem_altmap) *)0))
		return -PMM_EINVAL;
	/* only what is valid: a removed sub-section's memmap is gone already */
	PMM__IN(ram_pages) -= PMM__IN(ram_in)(start_pfn, end);
	for (p = start_pfn; p < end;) {
		unsigned long q = p;

		while (q < end && PMM__IN(span_is)(q, PMM__PAGES_PER_SUBSECTION, 1))
			q += PMM__PAGES_PER_SUBSECTION;
		if (q > p)
			PMM__IN(deactivate_span)(p, q - p, (struct PMM__FN(vmem_altmap) *)0);
		p = q > p ? q : p + PMM__PAGES_PER_SUBSECTION;
	}
#else
	PMM__IN(remove_span)(start_pfn, nr_pages, (struct PMM__FN(vmem_altmap) *)0);
#endif
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
static inline PMM__UNUSED int PMM__IN(device_pfn)(unsigned long pfn)
{
#if PMM__VMEMMAP
	return PMM__FN(is_zone_device_page)(PMM__FN(pfn_to_page)(pfn));
#else
	(void)pfn;	/* no ZONE_DEVICE without VMEMMAP */
	return 0;
#endif
}

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
