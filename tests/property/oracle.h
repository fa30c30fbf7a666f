/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * oracle.h - what each model must answer for a memory map
 *
 * Worked out from the map and the instance's parameters with Linux's rules
 * (Documentation/mm/memory-model.rst; include/asm-generic/memory_model.h
 * and include/linux/mmzone.h, 6.1, and 5.10 for DISCONTIGMEM; oracle.c
 * names the function behind each rule) and pmm's manual, never from
 * pmm's code: the oracle includes pmm.h for its types and constants only.
 */
#ifndef PROP_ORACLE_H
#define PROP_ORACLE_H

#include "models.h"

struct pmm_range;

/* Sections [first, end) that hold RAM. */
struct oracle_sections {
	unsigned long first, end;
};

/* A node's span: first PFN to one past its last RAM PFN. */
struct oracle_node {
	int nid;
	unsigned long start, end;
};

/**
 * struct oracle - a memory map, digested
 * @ranges: the RAM, sorted by start PFN
 * @nr_ranges: how many
 * @ram_before: @ram_before[i] is the RAM pages in @ranges[0..i), for
 *	picking RAM PFNs uniformly; one entry more than @ranges
 * @ram_pages: all RAM pages
 * @nodes: node spans, sorted by start PFN
 * @nr_nodes: distinct nodes
 * @present: runs of consecutive sections that hold RAM, ascending
 * @nr_present_runs: how many runs
 * @nr_present: how many sections
 * @page_shift, @pfn_section_shift: the architecture's
 * @max_pfn: 2^(MAX_PHYSMEM_BITS - PAGE_SHIFT): the first PFN beyond reach
 * @max_page_order: for the MAX_ORDER alignment of node memmaps
 */
struct oracle {
	struct pmm_range *ranges;
	unsigned int nr_ranges;
	unsigned long long *ram_before;
	unsigned long long ram_pages;
	struct oracle_node *nodes;
	unsigned int nr_nodes;
	struct oracle_sections *present;
	unsigned int nr_present_runs;
	unsigned long nr_present;
	int page_shift;
	int pfn_section_shift;
	unsigned long long max_pfn;
	int max_page_order;
};

/* Outcomes pmm_init may have, as a mask: the manual orders no errors. */
#define ORACLE_OK	(1u << 0)
#define ORACLE_EINVAL	(1u << 1)
#define ORACLE_ERANGE	(1u << 2)
#define ORACLE_ENOMEM	(1u << 3)

int oracle_build(struct oracle *o, const struct arch_preset *arch,
		 const struct pmm_range *ranges, unsigned int nr);
void oracle_free(struct oracle *o);

/* The range holding @pfn, or -1 for a hole. */
long oracle_range_of(const struct oracle *o, unsigned long pfn);

/* The RAM PFN with index @n in address order, @n < ram_pages. */
unsigned long oracle_nth_ram_pfn(const struct oracle *o, unsigned long long n);

/* Does the model hold @pfn's section (SPARSEMEM: present), whole? */
int oracle_section_present(const struct oracle *o, unsigned long pfn);

/* Does the instance keep the node in page->flags (page-flags-layout.h)? */
int oracle_node_in_page_flags(const struct prop_instance *in,
			      const struct arch_preset *arch);

/*
 * What the oracle cannot know: whether Xen's frame table describes a hole
 * depends on the compression Xen picks, which the oracle does not redo.
 */
#define ORACLE_UNKNOWN	(-2)

/* pmm_pfn_valid(@pfn), by the model's granularity, or ORACLE_UNKNOWN. */
int oracle_pfn_valid(const struct oracle *o, const struct prop_instance *in,
		     const struct arch_preset *arch, unsigned long pfn);

/* The node a valid @pfn's descriptor must report, or ORACLE_UNKNOWN. */
int oracle_page_nid(const struct oracle *o, const struct prop_instance *in,
		    const struct arch_preset *arch, unsigned long pfn);

/*
 * pmm_stats: memmap_bytes and memmap_pages after a successful init, or
 * ORACLE_UNKNOWN cast to their types (Xen's: the groups its compression
 * backs).
 */
unsigned long long oracle_memmap_bytes(const struct oracle *o,
				       const struct prop_instance *in);
unsigned long oracle_memmap_pages(const struct oracle *o,
				  const struct prop_instance *in);

/*
 * What pmm_init may return, given @limit bytes from the hosted hooks: a
 * mask of ORACLE_*.  Where a map breaks several rules each error is
 * allowed; where the memory needed is close to the limit, or a vmemmap's
 * address space may not be there, both success and -ENOMEM are.
 */
unsigned int oracle_init_outcomes(const struct oracle *o,
				  const struct prop_instance *in,
				  const struct arch_preset *arch,
				  unsigned long long limit);

#endif /* PROP_ORACLE_H */
