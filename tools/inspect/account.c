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
 */
#include <errno.h>
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
	}
	return "unknown";
}

void account_free(struct account *a)
{
	free(a->nodes);
	free(a->sections);
	free(a->blocks);
	a->nodes = NULL;
	a->sections = NULL;
	a->blocks = NULL;
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

	if ((p->model == PMM_MODEL_SPARSEMEM || p->model == PMM_MODEL_SPARSEMEM_VMEMMAP) &&
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

int account_model(struct account *a, const struct account_params *p,
		  const struct pmm_range *ram, unsigned int nr)
{
	struct account_overhead *o = &a->overhead;
	int err;

	memset(a, 0, sizeof(*a));
	a->params = *p;
	/* without an instance's sizes there is nothing to multiply by */
	if (!p->sizes || ((p->model == PMM_MODEL_SPARSEMEM ||
			   p->model == PMM_MODEL_SPARSEMEM_VMEMMAP) && !p->sizes->mem_section))
		return account_refuse(a, -EINVAL,
				      "no pmm instance gives this model's structure sizes");
	account_check_ranges(a, ram, nr);
	if (a->error)
		return 0;
	err = account_nodes(a, ram, nr);
	if (err)
		return err;
	switch (p->model) {
	case PMM_MODEL_FLATMEM:
		account_flat(a, ram, nr);
		break;
	case PMM_MODEL_DISCONTIGMEM:
		account_discontig(a);
		break;
	default:
		err = account_sections(a, ram, nr);
		if (err)
			return err;
	}
	if (a->error) {
		/* a refused map: only the reason is meaningful */
		unsigned int nr_nodes = a->nr_nodes;

		memset(o, 0, sizeof(*o));
		a->memmap_pages = 0;
		a->nr_nodes = nr_nodes;
		return 0;
	}
	o->total_bytes = o->memmap_bytes + o->section_table_bytes + o->usemap_bytes +
			 o->other_bytes;
	o->percent_of_ram = 100.0 * (double)o->total_bytes /
			    ((double)a->ram_pages * (double)(1ULL << p->page_shift));
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
	pfn >>= p->section_size_bits - p->page_shift;
	for (i = 0; i < a->nr_section_runs; i++)
		if (pfn >= a->sections[i].first && pfn <= a->sections[i].last)
			return 1;
	return 0;
}
