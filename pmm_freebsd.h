/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * pmm_freebsd.h - FreeBSD's vm_page_array: dense (amd64) or by segments
 * (arm64, riscv)
 *
 * FreeBSD describes RAM as a sorted array of at most VM_PHYSSEG_MAX
 * physical segments, each in one domain and one free list, and keeps the
 * descriptors (struct vm_page) in one array:
 *
 *	VM_PHYSSEG_DENSE:  vm_page_array[pfn - first_page], from the lowest
 *	                   to the highest usable frame, holes included; a
 *	                   bound check decides validity.
 *	VM_PHYSSEG_SPARSE: the segments' descriptors packed back to back, no
 *	                   holes; PFN to page is a binary search for the
 *	                   first segment ending above the PFN.
 *
 *	RAM:     |seg 0 |   |seg 1     |      |seg 2|
 *	dense:   |seg 0 |...|seg 1     |......|seg 2|   (holes described)
 *	sparse:  |seg 0 |seg 1     |seg 2|
 *
 * Either way a descriptor stores its own address and its segment index
 * (phys_addr, segind): page to PFN and page to domain read them.
 *
 * FreeBSD (2024-2025): sys/vm/vm_phys.c (vm_phys_add_seg,
 * vm_phys_create_seg, vm_phys_init's free lists, first_page and
 * coalescing, vm_phys_paddr_to_vm_page), sys/vm/vm_phys.h
 * (vm_phys_lookup_segind), sys/vm/vm_page.c (vm_page_startup's sizing,
 * PHYS_TO_VM_PAGE), sys/<arch>/include/vmparam.h (VM_PHYSSEG_MAX, the
 * LOWMEM and DMA32 boundaries).
 *
 * pmm initialises the descriptors of dense holes too (reserved, no
 * segment), which amd64 leaves untouched; FreeBSD's fictitious pages
 * (device memory) are not modelled, so a PFN outside the array is not
 * valid.
 */
#ifndef PMM__BODY
#error "pmm_freebsd.h is a model of pmm.h: define PMM_MODEL PMM_MODEL_FREEBSD_DENSE or _SPARSE and include pmm.h"
#endif

#define PMM__VM_DENSE		(PMM_MODEL == PMM_MODEL_FREEBSD_DENSE)

/* struct vm_phys_seg: [start, end) in PFNs */
struct PMM__IN(phys_seg) {
	unsigned long start, end;
	PMM__PAGE *first_page;
	int domain;
	int free_list;
};

static struct PMM__IN(phys_seg) PMM__IN(phys_segs)[PMM_VM_PHYSSEG_MAX] PMM__UNUSED;
static unsigned int PMM__IN(phys_nsegs) PMM__UNUSED;
static PMM__PAGE *PMM__IN(page_array) PMM__UNUSED;
static unsigned long PMM__IN(page_array_size) PMM__UNUSED;
static unsigned long PMM__IN(first_page) PMM__UNUSED;	/* DENSE: its first PFN */
static unsigned int PMM__IN(nr_nodes) PMM__UNUSED;

/* vm_phys_lookup_segind: the first segment whose end lies above @pfn */
static inline PMM__UNUSED unsigned int PMM__IN(lookup_segind)(unsigned long pfn)
{
	unsigned int lo = 0, hi = PMM__IN(phys_nsegs), mid;

	while (lo != hi) {
		mid = lo + (hi - lo) / 2;
		if (PMM__IN(phys_segs)[mid].end <= pfn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#if PMM__VM_DENSE
/**
 * pmm_pfn_valid - is @pfn inside vm_page_array?
 * @pfn: page frame number
 *
 * PHYS_TO_VM_PAGE's bound check: first_page <= pfn and pfn - first_page
 * < vm_page_array_size.  Holes between segments are valid.
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
	return pfn - PMM__IN(first_page) < PMM__IN(page_array_size);
}

/**
 * pmm_pfn_to_page - &vm_page_array[pfn - first_page]
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	return PMM__IN(page_array) + (pfn - PMM__IN(first_page));
}
#else
/**
 * pmm_pfn_valid - does a segment hold @pfn?
 * @pfn: page frame number
 *
 * vm_phys_paddr_to_seg: the first segment ending above @pfn must start at
 * or below it.
 */
PMM__API int PMM__FN(pfn_valid)(unsigned long pfn)
{
	unsigned int i = PMM__IN(lookup_segind)(pfn);

	return i < PMM__IN(phys_nsegs) && pfn >= PMM__IN(phys_segs)[i].start;
}

/**
 * pmm_pfn_to_page - vm_phys_paddr_to_vm_page: the segment's first_page + offset
 * @pfn: a PFN for which pmm_pfn_valid() is true
 */
PMM__API PMM__PAGE *PMM__FN(pfn_to_page)(unsigned long pfn)
{
	const struct PMM__IN(phys_seg) *seg = &PMM__IN(phys_segs)[PMM__IN(lookup_segind)(pfn)];

	PMM__DEBUG_ON(!PMM__FN(pfn_valid)(pfn));
	return seg->first_page + (pfn - seg->start);
}
#endif

/**
 * pmm_page_to_pfn - VM_PAGE_TO_PHYS: the address the descriptor stores
 * @page: a descriptor returned by pmm_pfn_to_page()
 */
PMM__API unsigned long PMM__FN(page_to_pfn)(const PMM__PAGE *page)
{
	return (unsigned long)(page->phys_addr >> PMM_PAGE_SHIFT);
}

/**
 * pmm_page_to_nid - the domain of the descriptor's segment
 * @page: a descriptor
 *
 * vm_phys_segs[m->segind].domain; -1 for a dense hole, in no segment.
 */
PMM__API int PMM__FN(page_to_nid)(const PMM__PAGE *page)
{
	return page->segind < 0 ? -1 : PMM__IN(phys_segs)[page->segind].domain;
}

/* _vm_phys_create_seg: one more segment, in order (the map is sorted) */
static inline PMM__UNUSED int PMM__IN(create_seg)(unsigned long start, unsigned long end,
						 int domain)
{
	struct PMM__IN(phys_seg) *seg;

	/* FreeBSD: KASSERT "increase VM_PHYSSEG_MAX" */
	if (PMM__IN(phys_nsegs) >= PMM_VM_PHYSSEG_MAX)
		return -PMM_EINVAL;
	seg = &PMM__IN(phys_segs)[PMM__IN(phys_nsegs)++];
	seg->start = start;
	seg->end = end;
	seg->domain = domain;
	return 0;
}

/* a boundary in PFNs: 0 for none, or beyond every PFN */
static inline PMM__UNUSED unsigned long PMM__IN(boundary_pfn)(unsigned long long bytes)
{
	bytes >>= PMM_PAGE_SHIFT;
	return bytes > ~0UL ? ~0UL : (unsigned long)bytes;
}

/* vm_phys_add_seg: split at the LOWMEM and DMA32 boundaries */
static inline PMM__UNUSED int PMM__IN(add_seg)(unsigned long start, unsigned long end,
					      int domain)
{
	unsigned long cut[2];
	unsigned int i;
	int err;

	cut[0] = PMM__IN(boundary_pfn)(PMM_VM_LOWMEM_BOUNDARY);
	cut[1] = PMM__IN(boundary_pfn)(PMM_VM_DMA32_BOUNDARY);
	for (i = 0; i < 2; i++) {
		if (!cut[i] || start >= cut[i] || end <= cut[i])
			continue;
		err = PMM__IN(create_seg)(start, cut[i], domain);
		if (err)
			return err;
		start = cut[i];
	}
	return PMM__IN(create_seg)(start, end, domain);
}

/*
 * vm_phys_init's free lists: LOWMEM if a segment ends at or below its
 * boundary, DMA32 likewise (and, where a threshold is set, only with more
 * than that many pages above it), else DEFAULT; then neighbours in one
 * domain and one list are merged.
 */
static inline PMM__UNUSED void PMM__IN(free_lists_and_coalesce)(void)
{
	unsigned long lowmem = PMM__IN(boundary_pfn)(PMM_VM_LOWMEM_BOUNDARY);
	unsigned long dma32 = PMM__IN(boundary_pfn)(PMM_VM_DMA32_BOUNDARY);
	unsigned long long above = 0;
	int has_lowmem = 0, has_dma32 = 0;
	unsigned int i, n = 0;

	for (i = 0; i < PMM__IN(phys_nsegs); i++) {
		const struct PMM__IN(phys_seg) *seg = &PMM__IN(phys_segs)[i];

		if (lowmem && seg->end <= lowmem)
			has_lowmem = 1;
		if (dma32 && seg->end <= dma32)
			has_dma32 = 1;
		if (dma32 && seg->start >= dma32)
			above += seg->end - seg->start;
	}
	if (PMM_VM_DMA32_NPAGES_THRESHOLD && above <= PMM_VM_DMA32_NPAGES_THRESHOLD)
		has_dma32 = 0;
	/* field by field: a struct copy is a memcpy call to some compilers */
	for (i = 0; i < PMM__IN(phys_nsegs); i++) {
		struct PMM__IN(phys_seg) *seg = &PMM__IN(phys_segs)[i];
		struct PMM__IN(phys_seg) *prev = n ? &PMM__IN(phys_segs)[n - 1] :
							 (struct PMM__IN(phys_seg) *)0;

		if (has_lowmem && seg->end <= lowmem)
			seg->free_list = PMM_VM_FREELIST_LOWMEM;
		else if (has_dma32 && seg->end <= dma32)
			seg->free_list = PMM_VM_FREELIST_DMA32;
		else
			seg->free_list = PMM_VM_FREELIST_DEFAULT;
		if (prev && prev->end == seg->start && prev->domain == seg->domain &&
		    prev->free_list == seg->free_list) {
			prev->end = seg->end;
			continue;
		}
		PMM__IN(phys_segs)[n].start = seg->start;
		PMM__IN(phys_segs)[n].end = seg->end;
		PMM__IN(phys_segs)[n].domain = seg->domain;
		PMM__IN(phys_segs)[n].free_list = seg->free_list;
		n++;
	}
	PMM__IN(phys_nsegs) = n;
}

/* vm_page_init_page: the stored address and segment, and pmm's page->flags */
static inline PMM__UNUSED void PMM__IN(init_vm_page)(PMM__PAGE *m, unsigned long pfn,
						    int segind, int nid, int zone,
						    int reserved)
{
	m->phys_addr = (unsigned long long)pfn << PMM_PAGE_SHIFT;
	m->segind = (signed char)segind;
	PMM__IN(set_page_links)(m, nid, zone, pfn, reserved);
}

static inline PMM__UNUSED void PMM__IN(model_exit)(void)
{
	if (PMM__IN(page_array))
		PMM_FREE(PMM__IN(page_array), PMM__IN(page_array_size) * sizeof(PMM__PAGE));
	PMM__IN(page_array) = (PMM__PAGE *)0;
	PMM__IN(page_array_size) = 0;
	PMM__IN(first_page) = 0;
	PMM__IN(phys_nsegs) = 0;
	PMM__IN(nr_nodes) = 0;
	PMM__IN(memzero)(PMM__IN(phys_segs), sizeof(PMM__IN(phys_segs)));
}

/*
 * vm_page_startup, in its order: the segments (vm_phys_add_seg per range,
 * vm_phys_init), the array sized (dense: lowest to highest frame; sparse:
 * the frames of the segments), each segment's first_page, then every
 * descriptor.
 */
static inline PMM__UNUSED int PMM__IN(model_init)(const struct pmm_range *r,
						 unsigned int nr)
{
	unsigned long pages = 0, pfn;
	unsigned int i;
	int err;

	for (i = 0; i < nr; i++) {
		err = PMM__IN(add_seg)(r[i].start_pfn, r[i].end_pfn, r[i].nid);
		if (err)
			goto fail;
	}
	PMM__IN(free_lists_and_coalesce)();
	if (PMM__VM_DENSE) {
		PMM__IN(first_page) = r[0].start_pfn;
		pages = r[nr - 1].end_pfn - r[0].start_pfn;
	} else {
		for (i = 0; i < nr; i++)
			pages += r[i].end_pfn - r[i].start_pfn;
	}
	/* an array whose bytes cannot be counted is refused, not wrapped */
	err = -PMM_ENOMEM;
	if (pages > ~0UL / sizeof(PMM__PAGE))
		goto fail;
	PMM__IN(page_array) = (PMM__PAGE *)PMM_ALLOC(pages * sizeof(PMM__PAGE),
						     PMM__SMP_CACHE_BYTES, r[0].nid);
	if (!PMM__IN(page_array))
		goto fail;
	PMM__IN(page_array_size) = pages;
	pages = 0;
	for (i = 0; i < PMM__IN(phys_nsegs); i++) {
		struct PMM__IN(phys_seg) *seg = &PMM__IN(phys_segs)[i];

		if (PMM__VM_DENSE) {
			seg->first_page = PMM__IN(page_array) + (seg->start - PMM__IN(first_page));
		} else {
			seg->first_page = PMM__IN(page_array) + pages;
			pages += seg->end - seg->start;
		}
	}
	/*
	 * vm_page_init_page and memmap_init in one pass, each descriptor
	 * written once: dense holes reserved, in no segment, with the node of
	 * the range above; then every segment's pages.
	 */
	for (i = 1; PMM__VM_DENSE && i < nr; i++)
		for (pfn = r[i - 1].end_pfn; pfn < r[i].start_pfn; pfn++)
			PMM__IN(init_vm_page)(PMM__FN(pfn_to_page)(pfn), pfn, -1, r[i].nid,
					      PMM__IN(boot_zone)(r[i].start_pfn), 1);
	for (i = 0; i < PMM__IN(phys_nsegs); i++) {
		const struct PMM__IN(phys_seg) *seg = &PMM__IN(phys_segs)[i];

		for (pfn = seg->start; pfn < seg->end; pfn++)
			PMM__IN(init_vm_page)(seg->first_page + (pfn - seg->start), pfn, (int)i,
					      seg->domain, PMM__ZONE_BY_PFN, 0);
	}
	PMM__IN(nr_nodes) = PMM__IN(count_nodes)(r, nr);
	return 0;
fail:
	PMM__IN(model_exit)();
	return err;
}

/**
 * pmm_vm_phys_segs - the segments pmm_init built (vm_phys_segs)
 * @out: where to write them, or NULL to count
 * @max: room in @out
 *
 * Return: the number of segments (at most PMM_VM_PHYSSEG_MAX), of which
 * the first @max are written.
 */
PMM__API unsigned int PMM__FN(vm_phys_segs)(struct pmm_phys_seg *out, unsigned int max)
{
	unsigned int i;

	for (i = 0; out && i < max && i < PMM__IN(phys_nsegs); i++) {
		out[i].start_pfn = PMM__IN(phys_segs)[i].start;
		out[i].end_pfn = PMM__IN(phys_segs)[i].end;
		out[i].domain = PMM__IN(phys_segs)[i].domain;
		out[i].free_list = PMM__IN(phys_segs)[i].free_list;
	}
	return PMM__IN(phys_nsegs);
}

static inline PMM__UNUSED void PMM__IN(model_stats)(struct pmm_stats *st)
{
	st->memmap_pages = PMM__IN(page_array_size);
	st->memmap_bytes = (unsigned long long)PMM__IN(page_array_size) * sizeof(PMM__PAGE);
	st->static_bytes += sizeof(PMM__IN(phys_segs));
	st->nr_nodes = PMM__IN(nr_nodes);
}

#undef PMM__VM_DENSE
