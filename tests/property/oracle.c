// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * oracle.c - what each model must answer for a memory map (see oracle.h)
 *
 * Everything here is computed from the sorted RAM ranges and the
 * parameters the test asked for.  The rules, by model:
 *
 *	FLATMEM		mem_map covers [ARCH_PFN_OFFSET, end of the last
 *			range), holes included (generic pfn_valid, v6.3+),
 *			MAX_ORDER-aligned at both ends (alloc_node_mem_map)
 *	DISCONTIGMEM	each node's span, holes included, its map MAX_ORDER-
 *			aligned; spans may not interleave and, with a chunk
 *			table, no chunk may hold two nodes (pmm's manual)
 *	SPARSEMEM	whole sections that hold any RAM; a page-aligned
 *			memmap per section (section_map_size)
 *	VMEMMAP		the same sections; backing is the section memmaps
 *			widened to whole pages, a shared page counted once
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* for struct pmm_range and the PMM_MODEL_* and PMM_NID_BY_* constants */
#include "pmm_types.h"
#include "oracle.h"

#define ORACLE_ALIGN_DOWN(x, a)	((x) / (a) * (a))
#define ORACLE_ALIGN_UP(x, a)	(((x) + (a) - 1) / (a) * (a))

/* Address space a hosted vmemmap reservation is sure to get, and can't. */
#define ORACLE_VA_SURE		(1ULL << 43)
#define ORACLE_VA_NEVER		(1ULL << 48)

static int oracle_cmp_range(const void *a, const void *b)
{
	const struct pmm_range *x = a, *y = b;

	if (x->start_pfn != y->start_pfn)
		return x->start_pfn < y->start_pfn ? -1 : 1;
	return 0;
}

static int oracle_cmp_node(const void *a, const void *b)
{
	const struct oracle_node *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

void oracle_free(struct oracle *o)
{
	free(o->ranges);
	free(o->ram_before);
	free(o->nodes);
	free(o->present);
	memset(o, 0, sizeof(*o));
}

int oracle_build(struct oracle *o, const struct arch_preset *arch,
		 const struct pmm_range *ranges, unsigned int nr)
{
	unsigned int i, k;

	memset(o, 0, sizeof(*o));
	o->page_shift = arch->page_shift;
	o->pfn_section_shift = arch->section_size_bits - arch->page_shift;
	o->max_pfn = 1ULL << (arch->max_physmem_bits - arch->page_shift);
	o->max_page_order = arch->max_page_order;
	o->nr_ranges = nr;
	o->ranges = malloc((nr + 1) * sizeof(*o->ranges));
	o->ram_before = malloc((nr + 1) * sizeof(*o->ram_before));
	o->nodes = malloc((nr + 1) * sizeof(*o->nodes));
	o->present = malloc((nr + 1) * sizeof(*o->present));
	if (!o->ranges || !o->ram_before || !o->nodes || !o->present) {
		oracle_free(o);
		return -ENOMEM;
	}
	if (nr)
		memcpy(o->ranges, ranges, nr * sizeof(*ranges));
	qsort(o->ranges, nr, sizeof(*o->ranges), oracle_cmp_range);

	o->ram_before[0] = 0;
	for (i = 0; i < nr; i++) {
		const struct pmm_range *r = &o->ranges[i];
		unsigned long first, end;

		o->ram_before[i + 1] = o->ram_before[i] + (r->end_pfn - r->start_pfn);

		/* node spans: from the first RAM PFN to past the last */
		for (k = 0; k < o->nr_nodes && o->nodes[k].nid != r->nid; k++)
			;
		if (k == o->nr_nodes) {
			o->nodes[k].nid = r->nid;
			o->nodes[k].start = r->start_pfn;
			o->nr_nodes++;
		}
		o->nodes[k].end = r->end_pfn;

		/* sections within reach that this range touches, as runs */
		if (r->start_pfn >= o->max_pfn)
			continue;
		first = r->start_pfn >> o->pfn_section_shift;
		end = ((r->end_pfn < o->max_pfn ? r->end_pfn : o->max_pfn) - 1) >>
		      o->pfn_section_shift;
		end++;
		if (o->nr_present_runs &&
		    first <= o->present[o->nr_present_runs - 1].end) {
			struct oracle_sections *last = &o->present[o->nr_present_runs - 1];

			if (end > last->end) {
				o->nr_present += end - last->end;
				last->end = end;
			}
		} else {
			o->present[o->nr_present_runs].first = first;
			o->present[o->nr_present_runs].end = end;
			o->nr_present_runs++;
			o->nr_present += end - first;
		}
	}
	o->ram_pages = o->ram_before[nr];
	qsort(o->nodes, o->nr_nodes, sizeof(*o->nodes), oracle_cmp_node);
	return 0;
}

/*
 * How many indices of [0, @nr) satisfy @cond, an expression of the index
 * @i that holds for a prefix of them (a sorted array's elements at or
 * below a key): a binary search.
 */
#define ORACLE_PREFIX(nr, i, cond)						\
({										\
	unsigned int lo_ = 0, hi_ = (nr);					\
										\
	while (lo_ < hi_) {							\
		unsigned int i = lo_ + (hi_ - lo_) / 2;				\
										\
		if (cond)							\
			lo_ = i + 1;						\
		else								\
			hi_ = i;						\
	}									\
	lo_;									\
})

long oracle_range_of(const struct oracle *o, unsigned long pfn)
{
	/* past the last range starting at or below @pfn */
	unsigned int n = ORACLE_PREFIX(o->nr_ranges, i, o->ranges[i].start_pfn <= pfn);

	if (n && pfn < o->ranges[n - 1].end_pfn)
		return (long)n - 1;
	return -1;
}

unsigned long oracle_nth_ram_pfn(const struct oracle *o, unsigned long long n)
{
	/* the last range with fewer than n + 1 RAM pages before it (the first has none) */
	unsigned int r = ORACLE_PREFIX(o->nr_ranges, i, o->ram_before[i] <= n) - 1;

	return o->ranges[r].start_pfn + (unsigned long)(n - o->ram_before[r]);
}

int oracle_section_present(const struct oracle *o, unsigned long pfn)
{
	unsigned long sec = pfn >> o->pfn_section_shift;
	unsigned int n;

	if (pfn >= o->max_pfn)
		return 0;
	/* past the last run starting at or below @sec */
	n = ORACLE_PREFIX(o->nr_present_runs, i, o->present[i].first <= sec);
	return n && sec < o->present[n - 1].end;
}

int oracle_node_in_page_flags(const struct prop_instance *in,
			      const struct arch_preset *arch)
{
	int bits = 8 * (int)sizeof(unsigned long);
	int budget = bits - in->nr_pageflags - in->reserved_bits;
	int sections = 0;

	/* only classic SPARSEMEM keeps the section number in page->flags */
	if (in->model == PMM_MODEL_SPARSEMEM)
		sections = arch->max_physmem_bits - arch->section_size_bits;
	return in->nodes_shift == 0 ||
	       sections + in->zones_shift + in->nodes_shift <= budget;
}

int oracle_pfn_valid(const struct oracle *o, const struct prop_instance *in,
		     const struct arch_preset *arch, unsigned long pfn)
{
	unsigned int k;

	(void)arch;
	switch (in->model) {
	case PMM_MODEL_FLATMEM:
		return o->nr_ranges && pfn >= in->pfn_offset &&
		       pfn < o->ranges[o->nr_ranges - 1].end_pfn;
	case PMM_MODEL_FREEBSD_DENSE:
		/* PHYS_TO_VM_PAGE's bound: lowest to highest frame, holes too */
		return o->nr_ranges && pfn >= o->ranges[0].start_pfn &&
		       pfn < o->ranges[o->nr_ranges - 1].end_pfn;
	case PMM_MODEL_FREEBSD_SPARSE:
		/* vm_phys_paddr_to_seg: segments hold RAM and nothing else */
		return oracle_range_of(o, pfn) >= 0;
	case PMM_MODEL_XEN_PDX_MASK:
	case PMM_MODEL_XEN_PDX_OFFSET:
		/* __mfn_valid: RAM always, nothing from max_page on */
		if (oracle_range_of(o, pfn) >= 0)
			return 1;
		if (!o->nr_ranges || pfn >= o->ranges[o->nr_ranges - 1].end_pfn)
			return 0;
		return ORACLE_UNKNOWN;
	case PMM_MODEL_DISCONTIGMEM:
		for (k = 0; k < o->nr_nodes; k++)
			if (pfn >= o->nodes[k].start && pfn < o->nodes[k].end)
				return 1;
		return 0;
	default:
		return oracle_section_present(o, pfn);
	}
}

int oracle_page_nid(const struct oracle *o, const struct prop_instance *in,
		    const struct arch_preset *arch, unsigned long pfn)
{
	long i = oracle_range_of(o, pfn);
	unsigned int k;

	if (in->model == PMM_MODEL_XEN_PDX_MASK || in->model == PMM_MODEL_XEN_PDX_OFFSET)
		return i >= 0 ? o->ranges[i].nid : ORACLE_UNKNOWN;	/* memnodemap */
	if (in->model == PMM_MODEL_FREEBSD_DENSE || in->model == PMM_MODEL_FREEBSD_SPARSE)
		return i >= 0 ? o->ranges[i].nid : -1;	/* a dense hole is in no segment */
	if (!oracle_node_in_page_flags(in, arch)) {
		/*
		 * section_to_node_table: memory_present() writes the node of
		 * every range that touches a section, in address order, so the
		 * last one wins, for RAM and holes alike.
		 */
		unsigned long sec = pfn >> o->pfn_section_shift;
		int nid = -1;

		for (k = 0; k < o->nr_ranges; k++) {
			const struct pmm_range *r = &o->ranges[k];

			if (r->start_pfn >> o->pfn_section_shift <= sec &&
			    (r->end_pfn - 1) >> o->pfn_section_shift >= sec)
				nid = r->nid;
		}
		return nid;
	}
	if (i >= 0)
		return o->ranges[i].nid;
	/*
	 * A hole with a descriptor: the node of the next range above it, or
	 * of the last range after the end of RAM (pmm.h section 8), as
	 * memmap_init and init_unavailable_range in Linux 6.12.
	 */
	for (k = 0; k < o->nr_ranges; k++)
		if (o->ranges[k].start_pfn > pfn)
			return o->ranges[k].nid;
	return o->nr_ranges ? o->ranges[o->nr_ranges - 1].nid : -1;
}

/* Bytes of one section's memmap, page-aligned (section_map_size). */
static unsigned long long oracle_section_map_bytes(const struct oracle *o,
						   const struct prop_instance *in)
{
	unsigned long long page = 1ULL << o->page_shift;

	return ORACLE_ALIGN_UP((1ULL << o->pfn_section_shift) *
			       (unsigned long long)in->struct_page_size, page);
}

/* Backed vmemmap bytes: each run of sections widened to pages, unioned. */
static unsigned long long oracle_vmemmap_bytes(const struct oracle *o,
					       const struct prop_instance *in)
{
	unsigned long long page = 1ULL << o->page_shift;
	unsigned long long size = (unsigned long long)in->struct_page_size;
	unsigned long long total = 0, covered = 0;
	unsigned int i;

	for (i = 0; i < o->nr_present_runs; i++) {
		unsigned long long lo, hi;

		lo = ((unsigned long long)o->present[i].first << o->pfn_section_shift) * size;
		hi = ((unsigned long long)o->present[i].end << o->pfn_section_shift) * size;
		lo = ORACLE_ALIGN_DOWN(lo, page);
		hi = ORACLE_ALIGN_UP(hi, page);
		if (lo < covered)
			lo = covered;
		if (hi > lo)
			total += hi - lo;
		if (hi > covered)
			covered = hi;
	}
	return total;
}

unsigned long long oracle_memmap_bytes(const struct oracle *o,
				       const struct prop_instance *in)
{
	unsigned long long m = 1ULL << o->max_page_order;
	unsigned long long size = (unsigned long long)in->struct_page_size;
	unsigned long long pages = 0, end;
	unsigned int k;

	switch (in->model) {
	case PMM_MODEL_FLATMEM:
		if (!o->nr_ranges)
			return 0;
		end = o->ranges[o->nr_ranges - 1].end_pfn;
		pages = ORACLE_ALIGN_UP(end, m) -
			ORACLE_ALIGN_DOWN((unsigned long long)in->pfn_offset, m);
		return pages * size;
	case PMM_MODEL_DISCONTIGMEM:
		for (k = 0; k < o->nr_nodes; k++)
			pages += ORACLE_ALIGN_UP((unsigned long long)o->nodes[k].end, m) -
				 ORACLE_ALIGN_DOWN((unsigned long long)o->nodes[k].start, m);
		return pages * size;
	case PMM_MODEL_SPARSEMEM:
		return o->nr_present * oracle_section_map_bytes(o, in);
	case PMM_MODEL_FREEBSD_DENSE:
	case PMM_MODEL_FREEBSD_SPARSE:
		return oracle_memmap_pages(o, in) * size;
	case PMM_MODEL_XEN_PDX_MASK:
	case PMM_MODEL_XEN_PDX_OFFSET:
		return (unsigned long long)ORACLE_UNKNOWN;
	default:
		return oracle_vmemmap_bytes(o, in);
	}
}

unsigned long oracle_memmap_pages(const struct oracle *o,
				  const struct prop_instance *in)
{
	unsigned long pages = 0;
	unsigned int k;

	switch (in->model) {
	case PMM_MODEL_FLATMEM:
		return o->nr_ranges ? o->ranges[o->nr_ranges - 1].end_pfn - in->pfn_offset : 0;
	case PMM_MODEL_DISCONTIGMEM:
		for (k = 0; k < o->nr_nodes; k++)
			pages += o->nodes[k].end - o->nodes[k].start;
		return pages;
	case PMM_MODEL_FREEBSD_DENSE:
		return o->nr_ranges ? o->ranges[o->nr_ranges - 1].end_pfn - o->ranges[0].start_pfn : 0;
	case PMM_MODEL_FREEBSD_SPARSE:
		return (unsigned long)o->ram_pages;
	case PMM_MODEL_XEN_PDX_MASK:
	case PMM_MODEL_XEN_PDX_OFFSET:
		return (unsigned long)ORACLE_UNKNOWN;
	default:
		return o->nr_present << o->pfn_section_shift;
	}
}

/* The map-shape errors of pmm.h section 7, as a mask (0: none). */
static unsigned int oracle_map_errors(const struct oracle *o,
				      const struct prop_instance *in)
{
	unsigned int errs = 0, i;

	if (!o->nr_ranges)
		return ORACLE_EINVAL;
	for (i = 0; i < o->nr_ranges; i++) {
		const struct pmm_range *r = &o->ranges[i];

		if (r->start_pfn >= r->end_pfn ||
		    (i && r->start_pfn < o->ranges[i - 1].end_pfn))
			errs |= ORACLE_EINVAL;
		if (r->nid < 0 || r->nid >= 1 << in->nodes_shift)
			errs |= ORACLE_EINVAL;
		if (r->end_pfn > o->max_pfn)
			errs |= ORACLE_ERANGE;
		if (in->model == PMM_MODEL_FLATMEM && r->start_pfn < in->pfn_offset)
			errs |= ORACLE_ERANGE;
	}
	if (in->model != PMM_MODEL_DISCONTIGMEM)
		return errs;
	for (i = 1; i < o->nr_nodes; i++) {
		const struct oracle_node *prev = &o->nodes[i - 1], *next = &o->nodes[i];
		int chunk_pfn_shift = in->chunk_shift - o->page_shift;

		if (prev->end > next->start)
			errs |= ORACLE_EINVAL;
		else if (in->discontig_nid == PMM_NID_BY_TABLE &&
			 (prev->end - 1) >> chunk_pfn_shift ==
			 next->start >> chunk_pfn_shift)
			errs |= ORACLE_EINVAL;
	}
	return errs;
}

/*
 * A generous bound on what init allocates besides memmaps: section roots
 * and their pointer array, usemaps, node and run bookkeeping.
 */
static unsigned long long oracle_metadata_bound(const struct oracle *o,
						const struct arch_preset *arch)
{
	unsigned long long page = 1ULL << o->page_shift;
	unsigned long long sections = 1ULL << (arch->max_physmem_bits -
					       arch->section_size_bits);

	return (1ULL << 24) + sections / (page / 16) * sizeof(void *) +
	       o->nr_present * (page + 1024) +
	       (unsigned long long)o->nr_ranges * 256;
}

/*
 * FreeBSD's segments before vm_phys_init coalesces them: each range cut
 * at the free lists' boundaries (amd64: 16 MiB and 4 GiB; arm64 and
 * riscv builds here: 4 GiB), which is what VM_PHYSSEG_MAX must hold.
 */
#define ORACLE_PHYSSEG_MAX	64
static unsigned int oracle_freebsd_segments(const struct oracle *o,
					    const struct prop_instance *in)
{
	unsigned long long cuts[2] = { 16ULL << 20, 4ULL << 30 };
	unsigned int i, k, n = 0;

	for (i = 0; i < o->nr_ranges; i++) {
		n++;
		for (k = in->model == PMM_MODEL_FREEBSD_DENSE ? 0 : 1; k < 2; k++) {
			unsigned long long cut = cuts[k] >> o->page_shift;

			if (o->ranges[i].start_pfn < cut && o->ranges[i].end_pfn > cut)
				n++;
		}
	}
	return n;
}

/*
 * Xen's frame table: between the groups of RAM alone (the best any
 * compression does) and every group below the end of RAM (none), two MiB
 * of table a group; reserved whole, which the address space may refuse.
 */
static unsigned int oracle_xen_outcomes(const struct oracle *o,
					const struct prop_instance *in,
					unsigned long long limit)
{
	unsigned long long size = (unsigned long long)in->struct_page_size;
	unsigned long long group = (2ULL << 20) / (size & -size);
	unsigned long long most, least, end = o->ranges[o->nr_ranges - 1].end_pfn;
	unsigned int outcomes = ORACLE_OK;

	least = ORACLE_ALIGN_UP(o->ram_pages, group) * size;
	most = ORACLE_ALIGN_UP(end, group) * size;
	if (least > limit)
		return ORACLE_ENOMEM;
	if (most + (1ULL << 24) > limit || most > ORACLE_VA_SURE)
		outcomes |= ORACLE_ENOMEM;
	return outcomes;
}

unsigned int oracle_init_outcomes(const struct oracle *o,
				  const struct prop_instance *in,
				  const struct arch_preset *arch,
				  unsigned long long limit)
{
	unsigned long long need;
	unsigned int outcomes, errs = oracle_map_errors(o, in);

	if (errs)
		return errs;
	if (in->model == PMM_MODEL_XEN_PDX_MASK || in->model == PMM_MODEL_XEN_PDX_OFFSET)
		return oracle_xen_outcomes(o, in, limit);
	if (in->model == PMM_MODEL_FREEBSD_DENSE || in->model == PMM_MODEL_FREEBSD_SPARSE) {
		/* _vm_phys_create_seg: "increase VM_PHYSSEG_MAX" */
		if (oracle_freebsd_segments(o, in) > ORACLE_PHYSSEG_MAX)
			return ORACLE_EINVAL;
	}
	need = oracle_memmap_bytes(o, in);
	if (need > limit)
		return ORACLE_ENOMEM;
	outcomes = ORACLE_OK;
	if (need + oracle_metadata_bound(o, arch) > limit)
		outcomes |= ORACLE_ENOMEM;
	if (in->model == PMM_MODEL_SPARSEMEM_VMEMMAP) {
		/* the run-time base spans the present sections at least */
		unsigned long long span =
			(unsigned long long)(o->present[o->nr_present_runs - 1].end -
					     o->present[0].first) <<
			o->pfn_section_shift;
		unsigned long long va = span * (unsigned long long)in->struct_page_size;

		if (va >= ORACLE_VA_NEVER)
			return ORACLE_ENOMEM;
		if (va > ORACLE_VA_SURE)
			outcomes |= ORACLE_ENOMEM;
	}
	return outcomes;
}
