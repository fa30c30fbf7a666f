/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_sparse_boot.h - SPARSEMEM at boot: memory_present, the vmemmap,
 * sparse_init_nid
 *
 * A stage of SPARSEMEM, after pmm_sparse.h's read side.  Linux 6.1: mm/sparse.c
 * (memory_present, sparse_index_init, sparse_init, sparse_init_nid,
 * subsection_map_init) and mm/sparse-vmemmap.c (vmemmap_populate).
 * pmm_init calls these through model_init (pmm_sparse_model.h): the
 * sections of every RAM range are marked present, their memmap is
 * allocated (classic) or backed in the virtual memmap (VMEMMAP) node by
 * node, and each section is coded with its map.
 */
#ifndef PMM__BODY
#error "pmm_sparse_boot.h is part of pmm_sparse.h: include pmm.h or pmm_sparse.h"
#endif

/* --- boot: memory_present ----------------------------------------------- */

#if PMM_SPARSEMEM_EXTREME
/* sparse_init's table of roots; each root is allocated as memory_present meets it */
static inline PMM__UNUSED int PMM__IN(sections_alloc)(void)
{
	PMM__IN(mem_section) = (PMM__SECTION **)PMM_ALLOC(
		PMM__NR_SECTION_ROOTS * sizeof(PMM__SECTION *), PMM__SMP_CACHE_BYTES, 0);
	return PMM__IN(mem_section) ? 0 : -PMM_ENOMEM;
}

/* sparse_index_init: give section @nr's root a page of mem_sections. */
static inline PMM__UNUSED int PMM__IN(sparse_index_init)(unsigned long nr, int nid)
{
	unsigned long root = nr / PMM__SECTIONS_PER_ROOT;
	PMM__SECTION *section;

	(void)nid;	/* a hook may ignore the node */
	if (PMM__IN(mem_section)[root])
		return 0;
	section = (PMM__SECTION *)PMM_ALLOC(PMM__SECTIONS_PER_ROOT * sizeof(PMM__SECTION),
					    PMM__SMP_CACHE_BYTES, nid);
	if (!section)
		return -PMM_ENOMEM;
	PMM__IN(mem_section)[root] = section;
	PMM__IN(nr_roots)++;
	return 0;
}

/* Has section @nr no root?  Then none of its root's sections is present. */
static inline PMM__UNUSED int PMM__IN(root_missing)(unsigned long nr)
{
	return !PMM__IN(mem_section) || !PMM__IN(mem_section)[nr / PMM__SECTIONS_PER_ROOT];
}
#else
/* The static table is in .bss, every section in place: nothing to allocate. */
static inline PMM__UNUSED int PMM__IN(sections_alloc)(void)
{
	return 0;
}

static inline PMM__UNUSED int PMM__IN(sparse_index_init)(unsigned long nr, int nid)
{
	(void)nr;
	(void)nid;
	return 0;
}

static inline PMM__UNUSED int PMM__IN(root_missing)(unsigned long nr)
{
	(void)nr;
	return 0;
}
#endif

/*
 * memory_present: mark the sections of [start, end) present and remember
 * their node in section_mem_map until the memmap replaces it.
 */
static inline PMM__UNUSED int PMM__IN(memory_present)(int nid, unsigned long start,
						     unsigned long end)
{
	unsigned long pfn;

	for (pfn = start & ~(PMM__PAGES_PER_SECTION - 1); pfn < end;
	     pfn += PMM__PAGES_PER_SECTION) {
		unsigned long nr = PMM__FN(pfn_to_section_nr)(pfn);
		PMM__SECTION *ms;
		int err = PMM__IN(sparse_index_init)(nr, nid);

		if (err)
			return err;
		PMM__IN(set_section_nid)(nr, nid);
		ms = PMM__FN(nr_to_section)(nr);
		if (!ms->section_mem_map) {
			ms->section_mem_map = ((unsigned long)nid << PMM__SECTION_NID_SHIFT) |
					      PMM__SECTION_IS_ONLINE |
					      PMM__SECTION_MARKED_PRESENT;
			if (!PMM__IN(nr_present_sections)++ ||
			    nr > PMM__IN(highest_present_section_nr))
				PMM__IN(highest_present_section_nr) = nr;
		}
	}
	return 0;
}

static inline PMM__UNUSED int PMM__IN(sparse_early_nid)(const PMM__SECTION *ms)
{
	return (int)(ms->section_mem_map >> PMM__SECTION_NID_SHIFT);
}

/*
 * next_present_section_nr: the next present section after @nr, or -1UL.
 * Unlike Linux's, it steps over a missing EXTREME root whole, so that a map
 * with RAM near the top of a 56-bit space does not walk 2^29 numbers.
 */
static inline PMM__UNUSED unsigned long PMM__IN(next_present_section_nr)(unsigned long nr)
{
	while (++nr <= PMM__IN(highest_present_section_nr)) {
		if (PMM__IN(root_missing)(nr)) {
			nr |= PMM__SECTION_ROOT_MASK;
			continue;
		}
		if (PMM__FN(present_section_nr)(nr))
			return nr;
	}
	return ~0UL;
}

/* from ~0UL, ++nr wraps to section 0 */
#define PMM__FOR_EACH_PRESENT_SECTION_NR(nr)				\
	for ((nr) = PMM__IN(next_present_section_nr)(~0UL); (nr) != ~0UL; \
	     (nr) = PMM__IN(next_present_section_nr)(nr))

/* --- boot: the vmemmap -------------------------------------------------- */

#if PMM__VMEMMAP
static inline PMM__UNUSED unsigned long PMM__IN(vmemmap_addr)(unsigned long pfn)
{
	return PMM__VMEMMAP_ADDR + pfn * sizeof(PMM__PAGE);
}

/*
 * The piece of vmemmap backing that section @nr adds: its descriptors
 * widened to whole pages, less the page the previous present section
 * already backs (sections can share a page when a section's memmap is
 * smaller than a page).  Population and its undo both walk this rule.
 */
static inline PMM__UNUSED void PMM__IN(vmemmap_piece)(unsigned long nr,
						     unsigned long *prev_end,
						     unsigned long *lo,
						     unsigned long *hi)
{
	unsigned long pfn = PMM__FN(section_nr_to_pfn)(nr);

	*lo = PMM__ALIGN_DOWN(PMM__IN(vmemmap_addr)(pfn), PMM__PAGE_SIZE);
	*hi = PMM__ALIGN_UP(PMM__IN(vmemmap_addr)(pfn + PMM__PAGES_PER_SECTION),
			    PMM__PAGE_SIZE);
	if (*lo < *prev_end)
		*lo = *prev_end;
	if (*hi > *prev_end)
		*prev_end = *hi;
}

/* Undo the population of the present sections below @stop. */
static inline PMM__UNUSED void PMM__IN(vmemmap_depopulate_below)(unsigned long stop)
{
	unsigned long nr, prev_end = 0, lo, hi;

	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		if (nr >= stop)
			break;
		PMM__IN(vmemmap_piece)(nr, &prev_end, &lo, &hi);
		if (lo < hi)
			PMM_VMEMMAP_DEPOPULATE((void *)lo, hi - lo);
	}
	PMM__IN(vmemmap_bytes) = 0;
}

/* vmemmap_populate for every present section, all or nothing. */
static inline PMM__UNUSED int PMM__IN(vmemmap_populate_present)(void)
{
	unsigned long nr, prev_end = 0, lo, hi;

	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		PMM__IN(vmemmap_piece)(nr, &prev_end, &lo, &hi);
		if (lo >= hi)
			continue;
		if (PMM_VMEMMAP_POPULATE((void *)lo, hi - lo,
					 PMM__IN(sparse_early_nid)(PMM__FN(nr_to_section)(nr)))) {
			PMM__IN(vmemmap_depopulate_below)(nr);
			return -PMM_ENOMEM;
		}
		PMM__IN(vmemmap_bytes) += hi - lo;
	}
	PMM__IN(vmemmap_populated) = 1;
	return 0;
}

#if !PMM__VMEMMAP_BASE_CONST
/*
 * Reserve a window of the vmemmap from @lo: as many PFNs towards
 * MAX_PHYSMEM_BITS as the address space allows, but at least @need.
 */
static inline PMM__UNUSED int PMM__IN(vmemmap_window)(unsigned long lo,
						     unsigned long need,
						     unsigned long align)
{
	unsigned long span = (unsigned long)(PMM__MAX_PFN - lo);
	void *resv;

	for (;;) {
		resv = PMM_VMEMMAP_RESERVE(span * sizeof(PMM__PAGE) + PMM__PAGE_SIZE);
		if (resv || span <= need)
			break;
		span = span / 2 > need ? PMM__ALIGN_UP(span / 2, align) : need;
	}
	if (!resv)
		return -PMM_ENOMEM;
	PMM__IN(vmemmap_resv) = resv;
	PMM__IN(vmemmap_resv_bytes) = span * sizeof(PMM__PAGE) + PMM__PAGE_SIZE;
	PMM__IN(vmemmap_lo_pfn) = lo;
	PMM__IN(vmemmap_hi_pfn) = lo + span;
	PMM__IN(vmemmap) = PMM__ALIGN_UP((unsigned long)resv, PMM__PAGE_SIZE) -
			   lo * sizeof(PMM__PAGE);
	return 0;
}
#endif

/*
 * Address space for the vmemmap.  A compile-time base covers every PFN.
 * A run-time one starts at PFN 0, so that memory can be added below the
 * boot RAM too, unless the address space cannot hold that much: then it
 * starts at the first present section, biased as arm64 and riscv bias
 * theirs by the start of RAM.  Either way it reaches as far towards
 * MAX_PHYSMEM_BITS as the address space allows, at least past the last
 * present section; hotplug beyond the window gets -ERANGE.
 */
static inline PMM__UNUSED int PMM__IN(vmemmap_reserve)(void)
{
#if PMM__VMEMMAP_BASE_CONST
	PMM__IN(vmemmap_lo_pfn) = 0;
	PMM__IN(vmemmap_hi_pfn) = (unsigned long)PMM__MAX_PFN;
#if !PMM_FREESTANDING
	PMM__IN(vmemmap_resv_bytes) = (unsigned long)PMM__MAX_PFN * sizeof(PMM__PAGE);
	if (pmm_hosted_reserve_at((void *)PMM__VMEMMAP_ADDR, PMM__IN(vmemmap_resv_bytes))) {
		PMM__IN(vmemmap_resv_bytes) = 0;
		return -PMM_EBUSY;
	}
	PMM__IN(vmemmap_resv) = (void *)PMM__VMEMMAP_ADDR;
#endif
	return 0;
#else
	unsigned long first = PMM__IN(next_present_section_nr)(~0UL);
	unsigned long top = PMM__FN(section_nr_to_pfn)(PMM__IN(highest_present_section_nr) + 1);
	unsigned long align = PMM__PAGES_PER_SECTION;
	unsigned long lo;

	if (PMM__PAGE_SIZE / sizeof(PMM__PAGE) > align)
		align = PMM__PAGE_SIZE / sizeof(PMM__PAGE);
	if (!PMM__IN(vmemmap_window)(0, PMM__ALIGN_UP(top, align), align))
		return 0;
	lo = PMM__ALIGN_DOWN(PMM__FN(section_nr_to_pfn)(first), align);
	return PMM__IN(vmemmap_window)(lo, PMM__ALIGN_UP(top - lo, align), align);
#endif
}

static inline PMM__UNUSED void PMM__IN(vmemmap_unreserve)(void)
{
	if (!PMM__IN(vmemmap_resv_bytes))
		return;
#if PMM__VMEMMAP_BASE_CONST
#if !PMM_FREESTANDING
	pmm_hosted_unreserve(PMM__IN(vmemmap_resv), PMM__IN(vmemmap_resv_bytes));
#endif
#else
	PMM_VMEMMAP_UNRESERVE(PMM__IN(vmemmap_resv), PMM__IN(vmemmap_resv_bytes));
	PMM__IN(vmemmap) = 0;
#endif
	PMM__IN(vmemmap_resv) = (void *)0;
	PMM__IN(vmemmap_resv_bytes) = 0;
	PMM__IN(vmemmap_lo_pfn) = 0;
	PMM__IN(vmemmap_hi_pfn) = 0;
}

/* The window, then the backing of every present section. */
static inline PMM__UNUSED int PMM__IN(vmemmap_init)(void)
{
	int err = PMM__IN(vmemmap_reserve)();

	return err ? err : PMM__IN(vmemmap_populate_present)();
}

/* Undo vmemmap_init, after however much of it was done. */
static inline PMM__UNUSED void PMM__IN(vmemmap_exit)(void)
{
	if (PMM__IN(vmemmap_populated))
		PMM__IN(vmemmap_depopulate_below)(~0UL);
	PMM__IN(vmemmap_populated) = 0;
	PMM__IN(vmemmap_unreserve)();
}
#else
/* Classic SPARSEMEM allocates each run's memmap in sparse_init_nid. */
static inline PMM__UNUSED int PMM__IN(vmemmap_init)(void)
{
	return 0;
}

static inline PMM__UNUSED void PMM__IN(vmemmap_exit)(void)
{
}
#endif /* PMM__VMEMMAP */

/* --- boot: sparse_init and sparse_init_nid ------------------------------ */

/* section_map_size(): a section's memmap, page-aligned (classic) */
#define PMM__SECTION_MAP_BYTES \
	PMM__ALIGN_UP(PMM__PAGES_PER_SECTION * sizeof(PMM__PAGE), PMM__PAGE_SIZE)

/*
 * sparse_init_one_section: install the coded memmap.  The low flag bits
 * survive; the early node id above them is replaced.
 */
static inline PMM__UNUSED void PMM__IN(sparse_init_one_section)(PMM__SECTION *ms,
							       unsigned long pnum,
							       PMM__PAGE *mem_map,
							       PMM__USAGE *usage,
							       unsigned long flags)
{
	unsigned long coded = (unsigned long)mem_map -
			      PMM__FN(section_nr_to_pfn)(pnum) * sizeof(PMM__PAGE);

	/* the alignment rule (mmzone.h): the flag bits must be free */
	PMM_BUG_ON(coded & ~PMM__SECTION_MAP_MASK);
	/* usage first: a reader that sees HAS_MEM_MAP may follow it */
	PMM__PUBLISH(ms->usage, usage);
	PMM__PUBLISH(ms->section_mem_map, (ms->section_mem_map & ~PMM__SECTION_MAP_MASK) |
			coded | PMM__SECTION_HAS_MEM_MAP | flags);
}

/* Group present sections into runs of one node, as sparse_init walks them. */
static inline PMM__UNUSED int PMM__IN(make_runs)(void)
{
	unsigned long nr, n = 0;
	int nid = -1;

	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		int this_nid = PMM__IN(sparse_early_nid)(PMM__FN(nr_to_section)(nr));

		if (this_nid != nid)
			n++;
		nid = this_nid;
	}
	PMM__IN(runs) = (struct PMM__IN(run) *)PMM_ALLOC(n * sizeof(struct PMM__IN(run)),
							 sizeof(long), 0);
	if (!PMM__IN(runs))
		return -PMM_ENOMEM;
	PMM__IN(nr_runs) = n;
	n = 0;
	nid = -1;
	PMM__FOR_EACH_PRESENT_SECTION_NR(nr) {
		int this_nid = PMM__IN(sparse_early_nid)(PMM__FN(nr_to_section)(nr));
		struct PMM__IN(run) *run;

		if (this_nid != nid) {
			run = &PMM__IN(runs)[n++];
			run->pnum_begin = nr;
			run->nid = this_nid;
		}
		run = &PMM__IN(runs)[n - 1];
		run->pnum_end = nr + 1;
		run->map_count++;
		nid = this_nid;
	}
	return 0;
}

#if PMM__VMEMMAP
/* The vmemmap is populated already: a run needs no memmap buffer. */
static inline PMM__UNUSED int PMM__IN(run_map_alloc)(struct PMM__IN(run) *run)
{
	(void)run;
	return 0;
}

/* Section @nr's memmap: its place in the vmemmap (not pfn_to_page: not valid yet) */
static inline PMM__UNUSED PMM__PAGE *PMM__IN(run_section_map)(struct PMM__IN(run) *run,
							     unsigned long nr, unsigned long k)
{
	(void)run;
	(void)k;
	return (PMM__PAGE *)PMM__IN(vmemmap_addr)(PMM__FN(section_nr_to_pfn)(nr));
}
#else
/* sparse_buffer_init: one memmap buffer for the run's sections, on its node */
static inline PMM__UNUSED int PMM__IN(run_map_alloc)(struct PMM__IN(run) *run)
{
	if (run->map_count > ~0UL / PMM__SECTION_MAP_BYTES)
		return -PMM_ENOMEM;
	run->map_bytes = run->map_count * PMM__SECTION_MAP_BYTES;
	run->map = PMM_ALLOC(run->map_bytes, PMM__PAGE_SIZE, run->nid);
	if (!run->map)
		return -PMM_ENOMEM;
	/* a hook that breaks the alignment rule is refused, not trusted */
	if ((unsigned long)run->map & ~PMM__SECTION_MAP_MASK)
		return -PMM_EINVAL;
	return 0;
}

/* The @k-th present section's memmap: its piece of the run's buffer */
static inline PMM__UNUSED PMM__PAGE *PMM__IN(run_section_map)(struct PMM__IN(run) *run,
							     unsigned long nr, unsigned long k)
{
	(void)nr;
	return (PMM__PAGE *)((char *)run->map + k * PMM__SECTION_MAP_BYTES);
}
#endif

/*
 * sparse_init_nid: one usemap block and (classic) one memmap buffer for
 * the run, both on the run's node, then install every section.
 */
static inline PMM__UNUSED int PMM__IN(sparse_init_nid)(struct PMM__IN(run) *run)
{
	unsigned long nr, k = 0;
	int err;

	run->usage_bytes = run->map_count * sizeof(struct PMM__IN(usage_block));
	run->usage = (struct PMM__IN(usage_block) *)PMM_ALLOC(run->usage_bytes,
							     PMM__SMP_CACHE_BYTES, run->nid);
	if (!run->usage)
		return -PMM_ENOMEM;
	err = PMM__IN(run_map_alloc)(run);
	if (err)
		return err;
	for (nr = run->pnum_begin; nr < run->pnum_end; nr++) {
		PMM__SECTION *ms = PMM__FN(nr_to_section)(nr);

		if (!PMM__IN(present_section)(ms))
			continue;
		PMM__IN(sparse_init_one_section)(ms, nr, PMM__IN(run_section_map)(run, nr, k),
						 &run->usage[k].usage, PMM__SECTION_IS_EARLY);
		run->usage[k].own.in_memory_block = 1;
		k++;
	}
	return 0;
}

#if PMM__VMEMMAP
/*
 * subsection_map_init (mm/sparse.c, Linux 6.1): the sub-sections that hold
 * boot RAM, valid and RAM
 */
static inline PMM__UNUSED void PMM__IN(init_subsection_map)(unsigned long start,
							   unsigned long end)
{
	unsigned long pfn;

	for (pfn = PMM__ALIGN_DOWN(start, PMM__PAGES_PER_SUBSECTION); pfn < end;
	     pfn += PMM__PAGES_PER_SUBSECTION) {
		PMM__USAGE *usage = PMM__FN(pfn_to_section)(pfn)->usage;
		unsigned long idx = PMM__IN(subsection_map_index)(pfn);
		unsigned long bit = 1UL << (idx % PMM_BITS_PER_LONG);

		usage->subsection_map[idx / PMM_BITS_PER_LONG] |= bit;
		PMM__OWN(usage)->ram_map[idx / PMM_BITS_PER_LONG] |= bit;
	}
}

static inline PMM__UNUSED void PMM__IN(subsection_maps_init)(const struct pmm_range *r,
							    unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		PMM__IN(init_subsection_map)(r[i].start_pfn, r[i].end_pfn);
}
#else
/* classic sections are valid whole: no sub-section map */
static inline PMM__UNUSED void PMM__IN(subsection_maps_init)(const struct pmm_range *r,
							    unsigned int nr)
{
	(void)r;
	(void)nr;
}
#endif
