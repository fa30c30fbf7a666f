/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * arch_models.h - every model, with one architecture's parameters
 *
 * No include guard: models.c includes this once per architecture after
 * defining
 *
 *	ARCH			a name token: instances are pmm_<ARCH>_<model>
 *	ARCH_LAYOUT		its enum layout_arch
 *	ARCH_PAGE_SHIFT, ARCH_SECTION_SIZE_BITS, ARCH_MAX_PHYSMEM_BITS,
 *	ARCH_MAX_PAGE_ORDER, ARCH_STRUCT_PAGE_SIZE
 *	ARCH_CHUNK_SHIFT	physnode_map granularity for PMM_NID_BY_TABLE
 *
 * and, where they apply,
 *
 *	ARCH_NO_STATIC_SECTIONS	no SPARSEMEM without EXTREME: its static
 *				mem_section[] would not fit in memory
 *	ARCH_FLAT_PFN_OFFSET	a second FLATMEM whose mem_map starts there
 *	ARCH_FLAGS_32BIT	a classic SPARSEMEM with a 32-bit kernel's
 *				page->flags budget, so the node does not fit
 *				(NODE_NOT_IN_PAGE_FLAGS)
 *	ARCH_SMALL_STRUCT_PAGE	a VMEMMAP with descriptors of this size
 *
 * It defines <ARCH>_preset and forgets every ARCH_* macro.
 */
#define PROP_OPS_OF(suffix)	PROP_PASTE(ARCH, PROP_PASTE(suffix, _ops))

/* FLATMEM, mem_map from PFN 0 */
#define PROP_INSTANCE		PROP_PASTE(ARCH, _flat)
#define PMM_MODEL		PMM_MODEL_FLATMEM
#include "instance.h"

#ifdef ARCH_FLAT_PFN_OFFSET
#define PROP_INSTANCE		PROP_PASTE(ARCH, _flat_offset)
#define PMM_MODEL		PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET	ARCH_FLAT_PFN_OFFSET
#include "instance.h"
#endif

#define PROP_INSTANCE		PROP_PASTE(ARCH, _discontig_search)
#define PMM_MODEL		PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID	PMM_NID_BY_SEARCH
#include "instance.h"

#define PROP_INSTANCE		PROP_PASTE(ARCH, _discontig_table)
#define PMM_MODEL		PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID	PMM_NID_BY_TABLE
#define PMM_DISCONTIG_CHUNK_SHIFT ARCH_CHUNK_SHIFT
#include "instance.h"

#ifndef ARCH_NO_STATIC_SECTIONS
#define PROP_INSTANCE		PROP_PASTE(ARCH, _sparse_static)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	0
#include "instance.h"
#endif

#define PROP_INSTANCE		PROP_PASTE(ARCH, _sparse_extreme)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	1
#include "instance.h"

#define PROP_INSTANCE		PROP_PASTE(ARCH, _vmemmap)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	1
#include "instance.h"

#ifdef ARCH_FLAGS_32BIT
/*
 * A 32-bit kernel's page->flags on this 64-bit host: the upper half of the
 * word is taken away, and 20 page flags and 2 zone bits (DMA, NORMAL,
 * HIGHMEM, MOVABLE) are x86_32's.  The section number (7 bits) and the
 * zone leave 3 bits, too few for CONFIG_NODES_SHIFT 6, so the node goes
 * to section_to_node_table (NODE_NOT_IN_PAGE_FLAGS).
 */
#define PROP_FLAGS32_NR_PAGEFLAGS	20
#define PROP_FLAGS32_ZONES_SHIFT	2
#define PROP_FLAGS32_RESERVED		(PMM_BITS_PER_LONG - 32)
#define PROP_INSTANCE		PROP_PASTE(ARCH, _sparse_flags32)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	0
#define PMM_NR_PAGEFLAGS	PROP_FLAGS32_NR_PAGEFLAGS
#define PMM_ZONES_SHIFT		PROP_FLAGS32_ZONES_SHIFT
#define PMM_RESERVED_FLAGS_BITS	PROP_FLAGS32_RESERVED
#include "instance.h"
#endif

#ifdef ARCH_SMALL_STRUCT_PAGE
#define PROP_INSTANCE		PROP_PASTE(ARCH, _vmemmap_small)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS	ARCH_SECTION_SIZE_BITS
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_STRUCT_PAGE_SIZE	ARCH_SMALL_STRUCT_PAGE
#include "instance.h"
#endif

/* The same instances, in the test's words. */
#define PROP_FLAGS_DEFAULT						\
	.nodes_shift = PROP_NODES_SHIFT, .zones_shift = PROP_ZONES_SHIFT, \
	.nr_pageflags = PROP_NR_PAGEFLAGS, .reserved_bits = 0

static const struct prop_instance PROP_PASTE(ARCH, _instances)[] = {
	{
		.ops = &PROP_OPS_OF(_flat),
		.model = PMM_MODEL_FLATMEM,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
#ifdef ARCH_FLAT_PFN_OFFSET
	{
		.ops = &PROP_OPS_OF(_flat_offset),
		.model = PMM_MODEL_FLATMEM,
		.pfn_offset = ARCH_FLAT_PFN_OFFSET,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
#endif
	{
		.ops = &PROP_OPS_OF(_discontig_search),
		.model = PMM_MODEL_DISCONTIGMEM,
		.discontig_nid = PMM_NID_BY_SEARCH,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
	{
		.ops = &PROP_OPS_OF(_discontig_table),
		.model = PMM_MODEL_DISCONTIGMEM,
		.discontig_nid = PMM_NID_BY_TABLE,
		.chunk_shift = ARCH_CHUNK_SHIFT,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
#ifndef ARCH_NO_STATIC_SECTIONS
	{
		.ops = &PROP_OPS_OF(_sparse_static),
		.model = PMM_MODEL_SPARSEMEM,
		.extreme = 0,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
#endif
	{
		.ops = &PROP_OPS_OF(_sparse_extreme),
		.model = PMM_MODEL_SPARSEMEM,
		.extreme = 1,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
	{
		.ops = &PROP_OPS_OF(_vmemmap),
		.model = PMM_MODEL_SPARSEMEM_VMEMMAP,
		.extreme = 1,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		PROP_FLAGS_DEFAULT,
	},
#ifdef ARCH_FLAGS_32BIT
	{
		.ops = &PROP_OPS_OF(_sparse_flags32),
		.model = PMM_MODEL_SPARSEMEM,
		.extreme = 0,
		.struct_page_size = ARCH_STRUCT_PAGE_SIZE,
		.nodes_shift = PROP_NODES_SHIFT,
		.zones_shift = PROP_FLAGS32_ZONES_SHIFT,
		.nr_pageflags = PROP_FLAGS32_NR_PAGEFLAGS,
		.reserved_bits = PROP_FLAGS32_RESERVED,
	},
#endif
#ifdef ARCH_SMALL_STRUCT_PAGE
	{
		.ops = &PROP_OPS_OF(_vmemmap_small),
		.model = PMM_MODEL_SPARSEMEM_VMEMMAP,
		.extreme = 1,
		.struct_page_size = ARCH_SMALL_STRUCT_PAGE,
		PROP_FLAGS_DEFAULT,
	},
#endif
};

static const struct arch_preset PROP_PASTE(ARCH, _preset) = {
	.name = PROP_STR(ARCH),
	.arch = ARCH_LAYOUT,
	.page_shift = ARCH_PAGE_SHIFT,
	.section_size_bits = ARCH_SECTION_SIZE_BITS,
	.max_physmem_bits = ARCH_MAX_PHYSMEM_BITS,
	.max_page_order = ARCH_MAX_PAGE_ORDER,
	.instances = PROP_PASTE(ARCH, _instances),
	.nr_instances = sizeof(PROP_PASTE(ARCH, _instances)) /
			sizeof(PROP_PASTE(ARCH, _instances)[0]),
};

#undef PROP_OPS_OF
#undef PROP_FLAGS_DEFAULT
#undef PROP_FLAGS32_NR_PAGEFLAGS
#undef PROP_FLAGS32_ZONES_SHIFT
#undef PROP_FLAGS32_RESERVED
#undef ARCH
#undef ARCH_LAYOUT
#undef ARCH_PAGE_SHIFT
#undef ARCH_SECTION_SIZE_BITS
#undef ARCH_MAX_PHYSMEM_BITS
#undef ARCH_MAX_PAGE_ORDER
#undef ARCH_STRUCT_PAGE_SIZE
#undef ARCH_CHUNK_SHIFT
#undef ARCH_NO_STATIC_SECTIONS
#undef ARCH_FLAT_PFN_OFFSET
#undef ARCH_FLAGS_32BIT
#undef ARCH_SMALL_STRUCT_PAGE
