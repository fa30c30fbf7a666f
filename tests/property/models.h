/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * models.h - the pmm instances the property test runs, per architecture
 *
 * models.c instantiates every model with each architecture's parameters
 * (gen/presets.toml's, from Linux 6.12) and describes each instance here
 * in the test's own words, so that the oracle never reads a pmm macro:
 * the test checks that pmm_params agrees with the description instead.
 */
#ifndef PROP_MODELS_H
#define PROP_MODELS_H

#include "model_ops.h"

/**
 * struct prop_instance - one pmm instance, as the test asked for it
 * @ops: its functions
 * @model: PMM_MODEL_*
 * @extreme: SPARSEMEM_EXTREME (sparse models)
 * @pfn_offset: ARCH_PFN_OFFSET (FLATMEM)
 * @discontig_nid: PMM_NID_BY_* (DISCONTIGMEM), else 0
 * @chunk_shift: log2 bytes per physnode_map entry (PMM_NID_BY_TABLE)
 * @struct_page_size: bytes per descriptor
 * @nodes_shift: log2 MAX_NUMNODES
 * @zones_shift, @nr_pageflags, @reserved_bits: the rest of the page->flags
 *	budget, from which the oracle works out NODE_NOT_IN_PAGE_FLAGS
 */
struct prop_instance {
	const struct model_ops *ops;
	int model;
	int extreme;
	unsigned long pfn_offset;
	int discontig_nid;
	int chunk_shift;
	int struct_page_size;
	int nodes_shift;
	int zones_shift;
	int nr_pageflags;
	int reserved_bits;
};

/**
 * struct arch_preset - an architecture's parameters and its instances
 * @name: as on a layout's '# arch:' line
 * @arch: enum layout_arch
 * @page_shift, @section_size_bits, @max_physmem_bits, @max_page_order:
 *	the architecture's values
 * @instances: one per model and variant
 * @nr_instances: how many
 */
struct arch_preset {
	const char *name;
	int arch;
	int page_shift;
	int section_size_bits;
	int max_physmem_bits;
	int max_page_order;
	const struct prop_instance *instances;
	unsigned int nr_instances;
};

extern const struct arch_preset *const arch_presets[];
extern const unsigned int nr_arch_presets;

/**
 * struct prop_usage - what the instances hold through the hooks
 * @alloc_blocks, @alloc_bytes: live PMM_ALLOC blocks and bytes
 * @alloc_calls: PMM_ALLOC calls so far
 * @populated_bytes: vmemmap bytes backed through PMM_VMEMMAP_POPULATE
 * @populate_calls: PMM_VMEMMAP_POPULATE calls so far
 * @reserved_bytes: vmemmap address space held through PMM_VMEMMAP_RESERVE
 * @hosted_bytes: what the hosted hooks charge against their limit
 * @vmemmap_bad: vmemmap hook calls that broke a rule (tests/lib's
 *	test_vmemmap.h: misaligned, backed twice, outside the reservation,
 *	given back unpopulated), so far
 * @vmemmap_first_bad: the first of them, in words
 */
struct prop_usage {
	long alloc_blocks;
	long long alloc_bytes;
	long alloc_calls;
	unsigned long long populated_bytes;
	long populate_calls;
	unsigned long long reserved_bytes;
	unsigned long long hosted_bytes;
	long vmemmap_bad;
	const char *vmemmap_first_bad;
};

void prop_usage(struct prop_usage *u);

/* Make the @n-th PMM_ALLOC (or vmemmap populate) from now fail; 0: none. */
void prop_fail_alloc_at(long n);
void prop_fail_populate_at(long n);

/* The bytes the hosted hooks hand out before they refuse (-ENOMEM). */
unsigned long long prop_memory_limit(void);

#endif /* PROP_MODELS_H */
