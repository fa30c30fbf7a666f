// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * account.c - what a model would build for a memory map (see account.h)
 *
 * Everything here works on ranges and runs of sections, never on single
 * pages or sections, so that a map of any size is accounted in time
 * proportional to its number of ranges.  The rules, by model; the bytes
 * of each structure are the parameters' sizes (struct pmm_sizes, from an
 * instance of the model), never written down here:
 *
 *	FLATMEM		mem_map from ARCH_PFN_OFFSET to the end of RAM,
 *			MAX_ORDER-aligned at both ends (alloc_node_mem_map)
 *	DISCONTIGMEM	one MAX_ORDER-aligned memmap per node span; static
 *			node data per possible node, and with a chunk table
 *			physnode_map
 *	SPARSEMEM	every section with RAM: a page-aligned memmap
 *			(section_map_size), a mem_section_usage and pmm's
 *			own record each; the section table (EXTREME roots or
 *			a static array); a run record per change of node
 *			among present sections (sparse_init_nid's unit);
 *			section_to_node_table where page->flags has no room
 *			for the node
 *	VMEMMAP		the same sections, backed as runs of sections
 *			widened to whole pages, a shared page counted once
 *
 * and for the other kernels' models, with their instance's compression
 * and static tables (struct account_peer):
 *
 *	XEN_PDX_*	the frame table by PDX: each group of descriptors
 *			with RAM backed (and group 0), pdx_group_valid and
 *			memnodemap; offset compression's lookup tables
 *	FREEBSD_*	RAM cut into segments at the free lists' boundaries
 *			(more than VM_PHYSSEG_MAX refused); vm_page_array
 *			from the first to the last RAM page (dense) or the
 *			segments' pages alone (sparse); vm_phys_segs[]
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"

#define ACCOUNT_ALIGN_DOWN(x, a)	((x) / (a) * (a))
#define ACCOUNT_ALIGN_UP(x, a)		(((x) + (a) - 1) / (a) * (a))

const char *account_model_name(const struct account_params *p)
{
	switch (p->model) {
	case PMM_MODEL_FLATMEM:
		return "flat";
	case PMM_MODEL_DISCONTIGMEM:
		return "discontig";
	case PMM_MODEL_SPARSEMEM:
		return p->extreme ? "sparse" : "sparse-static";
	case PMM_MODEL_SPARSEMEM_VMEMMAP:
		return "vmemmap";
	case PMM_MODEL_XEN_PDX_MASK:
		return "xen-mask";
	case PMM_MODEL_XEN_PDX_OFFSET:
		return "xen-offset";
	case PMM_MODEL_FREEBSD_DENSE:
		return "freebsd-dense";
	case PMM_MODEL_FREEBSD_SPARSE:
		return "freebsd-sparse";
	}
	return "unknown";
}

void account_free(struct account *a)
{
	free(a->nodes);
	free(a->sections);
	free(a->blocks);
	free(a->frames);
	free(a->freebsd.segs);
	a->nodes = NULL;
	a->sections = NULL;
	a->blocks = NULL;
	a->frames = NULL;
	a->freebsd.segs = NULL;
}

unsigned long long account_bitmap_bytes(unsigned long long bits)
{
	unsigned long long per_long = 8 * sizeof(unsigned long);

	return (bits + per_long - 1) / per_long * sizeof(unsigned long);
}

static __attribute__((format(printf, 3, 4)))
int account_refuse(struct account *a, int err, const char *fmt, ...)
{
	va_list ap;

	a->error = err;
	va_start(ap, fmt);
	vsnprintf(a->reason, sizeof(a->reason), fmt, ap);
	va_end(ap);
	return 0;
}

/* pmm_init's intake (take_ranges): what every model refuses. */
static int account_check_ranges(struct account *a, const struct pmm_range *r,
				unsigned int nr)
{
	const struct account_params *p = &a->params;
	unsigned long long max_pfn = 1ULL << (p->max_physmem_bits - p->page_shift);
	unsigned int i;

	if (account_is_sparse(p) &&
	    (p->memory_block_size_bits < p->section_size_bits ||
	     p->memory_block_size_bits > p->max_physmem_bits))
		return account_refuse(a, -EINVAL,
				      "a memory block of 2^%d bytes: it must hold whole sections (2^%d) within 2^%d",
				      p->memory_block_size_bits, p->section_size_bits,
				      p->max_physmem_bits);
	if (!nr)
		return account_refuse(a, -EINVAL, "no RAM in the map");
	for (i = 0; i < nr; i++) {
		if (r[i].start_pfn >= r[i].end_pfn)
			return account_refuse(a, -EINVAL, "empty range at PFN 0x%lx",
					      r[i].start_pfn);
		if (i && r[i].start_pfn < r[i - 1].end_pfn)
			return account_refuse(a, -EINVAL,
					      "ranges overlap or are unsorted at PFN 0x%lx",
					      r[i].start_pfn);
		if (r[i].nid < 0 || r[i].nid >= 1 << p->nodes_shift)
			return account_refuse(a, -EINVAL,
					      "node %d is beyond MAX_NUMNODES (%d, NODES_SHIFT %d)",
					      r[i].nid, 1 << p->nodes_shift, p->nodes_shift);
		if (r[i].end_pfn > max_pfn)
			return account_refuse(a, -ERANGE,
					      "RAM up to 0x%llx is beyond MAX_PHYSMEM_BITS %d (0x%llx)",
					      (unsigned long long)r[i].end_pfn << p->page_shift,
					      p->max_physmem_bits, max_pfn << p->page_shift);
		if (p->model == PMM_MODEL_FLATMEM && r[i].start_pfn < p->pfn_offset)
			return account_refuse(a, -ERANGE,
					      "RAM at 0x%llx is below ARCH_PFN_OFFSET 0x%lx",
					      (unsigned long long)r[i].start_pfn << p->page_shift,
					      p->pfn_offset);
	}
	return 0;
}

unsigned long long account_ram_pages(const struct pmm_range *r, unsigned int nr)
{
	unsigned long long pages = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		pages += r[i].end_pfn - r[i].start_pfn;
	return pages;
}

/* Nodes with memory, by ascending first PFN (the ranges are sorted). */
static int account_nodes(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	unsigned int i, k;

	a->nodes = calloc(nr, sizeof(*a->nodes));
	if (!a->nodes)
		return -ENOMEM;
	a->ram_pages = account_ram_pages(r, nr);
	for (i = 0; i < nr; i++) {
		for (k = 0; k < a->nr_nodes && a->nodes[k].nid != r[i].nid; k++)
			;
		if (k == a->nr_nodes) {
			a->nodes[k].nid = r[i].nid;
			a->nodes[k].start_pfn = r[i].start_pfn;
			a->nr_nodes++;
		}
		a->nodes[k].end_pfn = r[i].end_pfn;
		a->nodes[k].present_pages += r[i].end_pfn - r[i].start_pfn;
	}
	return 0;
}

static void account_flat(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	const struct account_params *p = &a->params;
	unsigned long long m = 1ULL << p->max_page_order;
	unsigned long long end = r[nr - 1].end_pfn;

	a->map_start_pfn = p->pfn_offset;
	a->map_end_pfn = r[nr - 1].end_pfn;
	a->memmap_pages = end - p->pfn_offset;
	a->overhead.memmap_bytes = (ACCOUNT_ALIGN_UP(end, m) -
				    ACCOUNT_ALIGN_DOWN((unsigned long long)p->pfn_offset, m)) *
				   p->struct_page_size;
}

static void account_discontig(struct account *a)
{
	const struct account_params *p = &a->params;
	unsigned long long m = 1ULL << p->max_page_order;
	unsigned long long numnodes = 1ULL << p->nodes_shift;
	unsigned int k;

	/* the spans may not interleave: pfn_to_nid could not tell them apart */
	for (k = 1; k < a->nr_nodes; k++)
		if (a->nodes[k - 1].end_pfn > a->nodes[k].start_pfn) {
			account_refuse(a, -EINVAL,
				       "node %d's span reaches into node %d's at PFN 0x%lx: DISCONTIGMEM spans may not interleave",
				       a->nodes[k - 1].nid, a->nodes[k].nid,
				       a->nodes[k].start_pfn);
			return;
		}
	if (p->discontig_nid == PMM_NID_BY_TABLE) {
		int shift = p->chunk_shift - p->page_shift;

		for (k = 1; k < a->nr_nodes; k++)
			if ((a->nodes[k - 1].end_pfn - 1) >> shift ==
			    a->nodes[k].start_pfn >> shift) {
				account_refuse(a, -EINVAL,
					       "nodes %d and %d share a %llu MiB physnode_map chunk",
					       a->nodes[k - 1].nid, a->nodes[k].nid,
					       (1ULL << p->chunk_shift) >> 20);
				return;
			}
		a->overhead.other_bytes += (1ULL << (p->max_physmem_bits - p->chunk_shift)) *
					   p->sizes->physnode;
	}
	for (k = 0; k < a->nr_nodes; k++) {
		const struct account_node *n = &a->nodes[k];

		a->memmap_pages += n->end_pfn - n->start_pfn;
		a->overhead.memmap_bytes += (ACCOUNT_ALIGN_UP((unsigned long long)n->end_pfn, m) -
					     ACCOUNT_ALIGN_DOWN((unsigned long long)n->start_pfn, m)) *
					    p->struct_page_size;
	}
	a->overhead.other_bytes += numnodes * p->sizes->node;
}

static int account_push_run(struct account_run **runs, unsigned int *nr,
			    unsigned int *cap, unsigned long first, unsigned long last)
{
	if (*nr && first <= (*runs)[*nr - 1].last + 1) {
		if (last > (*runs)[*nr - 1].last)
			(*runs)[*nr - 1].last = last;
		return 0;
	}
	if (*nr == *cap) {
		unsigned int grown_cap = *cap ? *cap * 2 : 16;
		struct account_run *grown = realloc(*runs, grown_cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		*runs = grown;
		*cap = grown_cap;
	}
	(*runs)[*nr].first = first;
	(*runs)[*nr].last = last;
	(*nr)++;
	return 0;
}

static int account_sections(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	const struct account_params *p = &a->params;
	const struct pmm_sizes *z = p->sizes;
	int shift = p->section_size_bits - p->page_shift;
	int block_shift = p->memory_block_size_bits - p->section_size_bits;
	unsigned long long page = 1ULL << p->page_shift;
	unsigned long long nr_mem_sections = 1ULL << (p->max_physmem_bits - p->section_size_bits);
	/* EXTREME's SECTIONS_PER_ROOT: a page of mem_sections */
	unsigned long long per_root = page / z->mem_section;
	unsigned long long roots = 0, last_root = ~0ULL, covered = 0;
	unsigned long long map_bytes, runs = 0;
	unsigned int cap = 0, block_cap = 0, i;
	long long last = -1;
	int nid = -1;

	for (i = 0; i < nr; i++) {
		unsigned long first = r[i].start_pfn >> shift;
		unsigned long end = (r[i].end_pfn - 1) >> shift;

		/* a section shared with the range below keeps that node */
		if ((long long)first <= last)
			first = (unsigned long)last + 1;
		if ((long long)end <= last)
			continue;
		if (account_push_run(&a->sections, &a->nr_section_runs, &cap, first, end))
			return -ENOMEM;
		a->nr_sections += end - first + 1;
		if (r[i].nid != nid)
			runs++;
		nid = r[i].nid;
		last = end;
	}
	for (i = 0; i < a->nr_section_runs; i++) {
		const struct account_run *s = &a->sections[i];
		unsigned long long lo, hi;

		if (account_push_run(&a->blocks, &a->nr_block_runs, &block_cap,
				     s->first >> block_shift, s->last >> block_shift))
			return -ENOMEM;
		/* EXTREME: a page of mem_sections per root touched */
		lo = s->first / per_root;
		hi = s->last / per_root;
		roots += hi - lo + 1 - (lo == last_root);
		last_root = hi;
		/* VMEMMAP backing: the run's descriptors widened to pages */
		lo = ((unsigned long long)s->first << shift) * p->struct_page_size;
		hi = ((unsigned long long)(s->last + 1) << shift) * p->struct_page_size;
		lo = ACCOUNT_ALIGN_DOWN(lo, page);
		hi = ACCOUNT_ALIGN_UP(hi, page);
		if (lo < covered)
			lo = covered;
		if (hi > lo)
			a->overhead.memmap_bytes += hi - lo;
		if (hi > covered)
			covered = hi;
	}
	for (i = 0; i < a->nr_block_runs; i++)
		a->nr_blocks += a->blocks[i].last - a->blocks[i].first + 1;

	a->memmap_pages = (unsigned long long)a->nr_sections << shift;
	if (p->model == PMM_MODEL_SPARSEMEM) {
		map_bytes = ACCOUNT_ALIGN_UP((1ULL << shift) * p->struct_page_size, page);
		a->overhead.memmap_bytes = a->nr_sections * map_bytes;
	}
	a->overhead.usemap_bytes = a->nr_sections * z->section_usage;
	if (p->extreme)
		a->overhead.section_table_bytes =
			(nr_mem_sections + per_root - 1) / per_root * z->section_root +
			roots * per_root * z->mem_section;
	else
		a->overhead.section_table_bytes = nr_mem_sections * z->mem_section;
	/* a section_nid of 0: the node is in page->flags, there is no table */
	a->overhead.other_bytes = runs * z->run + a->nr_sections * z->section_own +
				  nr_mem_sections * z->section_nid;
	return 0;
}

/* The instance's static tables: what pmm_stats reports before pmm_init. */
static unsigned long long account_static_bytes(const struct account_peer *peer)
{
	struct pmm_stats st;

	peer->stats(&st);
	return st.static_bytes;
}

/* RAM pages of @ram inside @runs of PFNs; both sorted and disjoint. */
static unsigned long long account_ram_in_runs(const struct account_run *runs,
					      unsigned int nr_runs,
					      const struct pmm_range *ram, unsigned int nr)
{
	unsigned long long pages = 0;
	unsigned int i = 0, k = 0;

	while (i < nr_runs && k < nr) {
		unsigned long lo = runs[i].first > ram[k].start_pfn ? runs[i].first :
								       ram[k].start_pfn;
		unsigned long hi = runs[i].last + 1 < ram[k].end_pfn ? runs[i].last + 1 :
									ram[k].end_pfn;

		if (lo < hi)
			pages += hi - lo;
		if (runs[i].last + 1 < ram[k].end_pfn)
			i++;
		else
			k++;
	}
	return pages;
}

/* --- Xen's frame table, indexed by PDX (pmm_xen_pdx.h) ---------------- */

/*
 * PDX_GROUP_COUNT: the descriptors of one large page of frame table,
 * counted by the lowest set bit of the descriptor's size so that a
 * group is whole pages of descriptors.
 */
static unsigned long xen_group_pages(const struct account_params *p)
{
	unsigned long size = (unsigned long)p->struct_page_size;

	return (1UL << p->peer->params->pdx_group_shift) / (size & -size);
}

/*
 * pdx_group_valid: group 0 from the start, as Xen initialises the bitmap,
 * then set_pdx_range's groups from each range's first PDX to its last.
 * RAM keeps its order in PDX space under both compressions, so the runs
 * come sorted.
 */
static int xen_groups(struct account *a, const struct pmm_range *r, unsigned int nr,
		      struct account_run **runs, unsigned int *nr_runs)
{
	unsigned long (*pdx)(unsigned long) = a->params.peer->pfn_to_pdx;
	unsigned long g = a->xen.group_pages;
	unsigned int cap = 0, i;

	if (account_push_run(runs, nr_runs, &cap, 0, 0))
		return -ENOMEM;
	for (i = 0; i < nr; i++)
		if (account_push_run(runs, nr_runs, &cap, pdx(r[i].start_pfn) / g,
				     pdx(r[i].end_pfn - 1) / g))
			return -ENOMEM;
	for (i = 0; i < *nr_runs; i++)
		a->xen.backed_groups += (*runs)[i].last - (*runs)[i].first + 1;
	return 0;
}

/*
 * compute_hash_shift: the lowest set bit among the PDXs where the node
 * changes, so that each entry of memnodemap holds one node; with one
 * node a single entry (a shift past every PDX, at most BITS_PER_LONG - 1).
 * Sorted, disjoint ranges never put two nodes in one entry, which Xen
 * would refuse ("Your memory is not aligned").  An entry is a nodeid_t,
 * one byte.
 */
static void xen_memnodemap(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	unsigned long (*pdx)(unsigned long) = a->params.peer->pfn_to_pdx;
	unsigned long bitfield = 0;
	unsigned int i, nodes = 1;
	int shift = a->params.max_physmem_bits;

	if (shift > (int)(8 * sizeof(unsigned long)) - 1)
		shift = (int)(8 * sizeof(unsigned long)) - 1;
	for (i = 1; i < nr; i++)
		if (r[i].nid != r[i - 1].nid) {
			bitfield |= pdx(r[i].start_pfn);
			nodes++;
		}
	if (nodes > 1 && bitfield)
		shift = __builtin_ctzl(bitfield);
	a->xen.pdx.memnode_shift = (unsigned int)shift;
	a->xen.pdx.memnodemap_size = ((a->xen.pdx.max_pdx - 1) >> shift) + 1;
	a->xen.memnodemap_bytes = a->xen.pdx.memnodemap_size;
}

/*
 * The PDXs the compression maps on PFNs by one shift and add: 2^bottom
 * (mask), a region (offset), all of them (none: 0).
 */
static unsigned long xen_linear_pdxs(const struct account *a)
{
	const struct pmm_pdx *c = &a->xen.pdx;

	if (!c->compressed)
		return 0;
	return a->params.model == PMM_MODEL_XEN_PDX_MASK ? 1UL << c->bottom_shift :
							   c->region_size;
}

/*
 * __mfn_valid's PFNs: those of the backed groups below max_page, each
 * stretch of PDXs that converts linearly at once.  A group (at most
 * 2^PMM_PDX_MAX_ORDER descriptors, as the stretches are at least) never
 * lies across two stretches, nor across two of offset's slots.
 */
static int xen_frames(struct account *a, const struct account_run *groups, unsigned int nr)
{
	unsigned long (*pfn)(unsigned long) = a->params.peer->pdx_to_pfn;
	unsigned long g = a->xen.group_pages, linear = xen_linear_pdxs(a), lo, hi, end;
	unsigned int cap = 0, i;

	for (i = 0; i < nr; i++) {
		lo = groups[i].first * g;
		hi = (groups[i].last + 1) * g;
		if (hi > a->xen.pdx.max_pdx)
			hi = a->xen.pdx.max_pdx;
		for (; lo < hi; lo = end) {
			unsigned long first = pfn(lo);

			end = linear ? (lo / linear + 1) * linear : hi;
			if (end > hi)
				end = hi;
			if (account_push_run(&a->frames, &a->nr_frame_runs, &cap, first,
					     first + (end - lo) - 1))
				return -ENOMEM;
		}
	}
	return 0;
}

/*
 * Xen's boot on the map: the compression (the instance's own setup, which
 * builds nothing), max_pdx, the groups with RAM, memnodemap; the frame
 * table's backed groups are its memmap.  The instance is left without
 * compression, as pmm_init expects to find it.
 */
static int account_xen(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	const struct account_peer *peer = a->params.peer;
	struct account_xen *x = &a->xen;
	struct account_run *groups = NULL;
	unsigned int nr_group_runs = 0;
	struct pmm_pdx none;
	int err;

	err = peer->pdx_compression_setup(r, nr, &x->pdx);
	if (err < 0)
		return err;
	x->group_pages = xen_group_pages(&a->params);
	x->pdx.max_pdx = peer->pfn_to_pdx(r[nr - 1].end_pfn - 1) + 1;
	x->nr_groups = (x->pdx.max_pdx + x->group_pages - 1) / x->group_pages;
	err = xen_groups(a, r, nr, &groups, &nr_group_runs);
	if (!err)
		err = xen_frames(a, groups, nr_group_runs);
	if (!err)
		xen_memnodemap(a, r, nr);
	peer->pdx_compression_setup(r, 0, &none);
	free(groups);
	if (err)
		return err;
	x->group_valid_bytes = account_bitmap_bytes(x->nr_groups);
	x->static_bytes = account_static_bytes(peer);
	a->memmap_pages = (unsigned long long)x->backed_groups * x->group_pages;
	a->overhead.memmap_bytes = a->memmap_pages * a->params.struct_page_size;
	a->overhead.other_bytes = x->group_valid_bytes + x->memnodemap_bytes + x->static_bytes;
	return 0;
}

/* --- FreeBSD's vm_page_array and segments (pmm_freebsd.h) ------------- */

/* a boundary in PFNs: 0 for none, the last PFN for one above them all */
static unsigned long freebsd_boundary(const struct account_params *p,
				      unsigned long long bytes)
{
	bytes >>= p->page_shift;
	return bytes > ULONG_MAX ? ULONG_MAX : (unsigned long)bytes;
}

/*
 * vm_phys_add_seg: a segment per range, cut where a free list's boundary
 * falls inside it.  The segments, a->freebsd.nr_cut of them, or NULL.
 */
static struct pmm_phys_seg *freebsd_cut(struct account *a, const struct pmm_range *r,
					unsigned int nr)
{
	const struct account_peer *peer = a->params.peer;
	unsigned long cut[2] = {
		freebsd_boundary(&a->params, peer->params->vm_lowmem_boundary),
		freebsd_boundary(&a->params, peer->params->vm_dma32_boundary),
	};
	struct pmm_phys_seg *segs = calloc(3 * (size_t)nr, sizeof(*segs));
	unsigned int i, k, n = 0;

	for (i = 0; segs && i < nr; i++) {
		unsigned long start = r[i].start_pfn;

		for (k = 0; k < 2; k++) {
			if (!cut[k] || start >= cut[k] || r[i].end_pfn <= cut[k])
				continue;
			segs[n].start_pfn = start;
			segs[n].end_pfn = start = cut[k];
			segs[n++].domain = r[i].nid;
		}
		segs[n].start_pfn = start;
		segs[n].end_pfn = r[i].end_pfn;
		segs[n++].domain = r[i].nid;
	}
	a->freebsd.nr_cut = n;
	return segs;
}

/*
 * vm_phys_init: a segment's free list is LOWMEM when it ends at or below
 * that boundary, else DMA32 likewise, else DEFAULT; a list is there only
 * when some segment ends below its boundary, and DMA32 only with more
 * pages above 4 GiB than the threshold, where there is one.  Then
 * neighbours of one domain and one list become one segment.
 */
static void freebsd_free_lists(struct account *a, struct pmm_phys_seg *s, unsigned int n)
{
	const struct account_peer *peer = a->params.peer;
	unsigned long lowmem = freebsd_boundary(&a->params, peer->params->vm_lowmem_boundary);
	unsigned long dma32 = freebsd_boundary(&a->params, peer->params->vm_dma32_boundary);
	unsigned long long threshold = peer->params->vm_dma32_npages_threshold;
	unsigned long long above = 0;
	int has_lowmem = 0, has_dma32 = 0;
	unsigned int i, kept = 0;

	for (i = 0; i < n; i++) {
		has_lowmem |= lowmem && s[i].end_pfn <= lowmem;
		has_dma32 |= dma32 && s[i].end_pfn <= dma32;
		if (dma32 && s[i].start_pfn >= dma32)
			above += s[i].end_pfn - s[i].start_pfn;
	}
	if (threshold && above <= threshold)
		has_dma32 = 0;
	for (i = 0; i < n; i++) {
		struct pmm_phys_seg *prev = kept ? &s[kept - 1] : NULL;

		if (has_lowmem && s[i].end_pfn <= lowmem)
			s[i].free_list = PMM_VM_FREELIST_LOWMEM;
		else if (has_dma32 && s[i].end_pfn <= dma32)
			s[i].free_list = PMM_VM_FREELIST_DMA32;
		else
			s[i].free_list = PMM_VM_FREELIST_DEFAULT;
		if (prev && prev->end_pfn == s[i].start_pfn && prev->domain == s[i].domain &&
		    prev->free_list == s[i].free_list)
			prev->end_pfn = s[i].end_pfn;
		else
			s[kept++] = s[i];
	}
	a->freebsd.nr_segs = kept;
}

/*
 * vm_page_startup: the segments, then the array: dense from the first
 * RAM page to the last, holes included; sparse the segments' pages
 * alone.  Its descriptors are the valid PFNs.
 */
static int account_freebsd(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	struct account_freebsd *f = &a->freebsd;
	unsigned int cap = 0, i;

	f->physseg_max = (unsigned int)a->params.peer->params->vm_physseg_max;
	f->segs = freebsd_cut(a, r, nr);
	if (!f->segs)
		return -ENOMEM;
	if (f->nr_cut > f->physseg_max)
		return account_refuse(a, -EINVAL,
				      "%u segments once RAM is cut at the free lists' boundaries, more than VM_PHYSSEG_MAX (%u): FreeBSD stops (\"increase VM_PHYSSEG_MAX\")",
				      f->nr_cut, f->physseg_max);
	freebsd_free_lists(a, f->segs, f->nr_cut);
	if (a->params.model == PMM_MODEL_FREEBSD_DENSE) {
		f->first_page = r[0].start_pfn;
		a->memmap_pages = r[nr - 1].end_pfn - r[0].start_pfn;
		if (account_push_run(&a->frames, &a->nr_frame_runs, &cap, r[0].start_pfn,
				     r[nr - 1].end_pfn - 1))
			return -ENOMEM;
	} else {
		a->memmap_pages = a->ram_pages;
		for (i = 0; i < f->nr_segs; i++)
			if (account_push_run(&a->frames, &a->nr_frame_runs, &cap,
					     f->segs[i].start_pfn, f->segs[i].end_pfn - 1))
				return -ENOMEM;
	}
	f->static_bytes = account_static_bytes(a->params.peer);
	a->overhead.memmap_bytes = a->memmap_pages * a->params.struct_page_size;
	a->overhead.other_bytes = f->static_bytes;
	return 0;
}

/*
 * What the model leaves out and what it covers without RAM: Linux's
 * models describe all of RAM or refuse the map; the peers' valid PFNs
 * are their frame runs.
 */
static void account_coverage(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	unsigned long long described = a->ram_pages;

	if (account_is_xen(&a->params) || account_is_freebsd(&a->params))
		described = account_ram_in_runs(a->frames, a->nr_frame_runs, r, nr);
	a->undescribed_ram = a->ram_pages - described;
	a->hole_descriptors = a->memmap_pages - described;
}

/* The model's own rules, after the ranges and nodes every model takes. */
static int account_by_model(struct account *a, const struct pmm_range *r, unsigned int nr)
{
	switch (a->params.model) {
	case PMM_MODEL_FLATMEM:
		account_flat(a, r, nr);
		return 0;
	case PMM_MODEL_DISCONTIGMEM:
		account_discontig(a);
		return 0;
	case PMM_MODEL_XEN_PDX_MASK:
	case PMM_MODEL_XEN_PDX_OFFSET:
		return account_xen(a, r, nr);
	case PMM_MODEL_FREEBSD_DENSE:
	case PMM_MODEL_FREEBSD_SPARSE:
		return account_freebsd(a, r, nr);
	}
	return account_sections(a, r, nr);
}

int account_model(struct account *a, const struct account_params *p,
		  const struct pmm_range *ram, unsigned int nr)
{
	struct account_overhead *o = &a->overhead;
	int err;

	memset(a, 0, sizeof(*a));
	a->params = *p;
	/* without an instance's sizes (or calls) there is nothing to multiply by */
	if (!p->sizes || (account_is_sparse(p) && !p->sizes->mem_section) ||
	    ((account_is_xen(p) || account_is_freebsd(p)) && !p->peer))
		return account_refuse(a, -EINVAL,
				      "no pmm instance gives this model's structure sizes");
	account_check_ranges(a, ram, nr);
	if (a->error)
		return 0;
	err = account_nodes(a, ram, nr);
	if (!err)
		err = account_by_model(a, ram, nr);
	if (err)
		return err;
	if (a->error) {
		/* a refused map: only the reason is meaningful */
		unsigned int nr_nodes = a->nr_nodes;

		memset(o, 0, sizeof(*o));
		a->memmap_pages = 0;
		a->nr_nodes = nr_nodes;
		return 0;
	}
	account_coverage(a, ram, nr);
	o->total_bytes = o->memmap_bytes + o->section_table_bytes + o->usemap_bytes +
			 o->other_bytes;
	o->percent_of_ram = 100.0 * (double)o->total_bytes /
			    ((double)a->ram_pages * (double)(1ULL << p->page_shift));
	return 0;
}

/* Does one of @runs hold @x? */
static int account_runs_hold(const struct account_run *runs, unsigned int nr,
			     unsigned long x)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (x >= runs[i].first && x <= runs[i].last)
			return 1;
	return 0;
}

int account_pfn_valid(const struct account *a, unsigned long pfn)
{
	const struct account_params *p = &a->params;
	unsigned int i;

	if (a->error)
		return 0;
	switch (p->model) {
	case PMM_MODEL_FLATMEM:
		return pfn >= a->map_start_pfn && pfn < a->map_end_pfn;
	case PMM_MODEL_DISCONTIGMEM:
		for (i = 0; i < a->nr_nodes; i++)
			if (pfn >= a->nodes[i].start_pfn && pfn < a->nodes[i].end_pfn)
				return 1;
		return 0;
	}
	if (!account_is_sparse(p))
		return account_runs_hold(a->frames, a->nr_frame_runs, pfn);
	return account_runs_hold(a->sections, a->nr_section_runs,
				 pfn >> (p->section_size_bits - p->page_shift));
}
