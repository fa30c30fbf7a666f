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
 *	ARCH_XEN		Xen's two PDX models (Xen runs on x86_64 and arm64)
 *	ARCH_FREEBSD_DENSE	FreeBSD's dense array (amd64, i386)
 *	ARCH_FREEBSD_SPARSE	FreeBSD's segments (arm64, riscv)
 *
 * Each instance is tests/lib's test_instance.h, whose TI_* parameters
 * models.c sets once from these ARCH_* macros.  It defines <ARCH>_preset
 * and forgets every ARCH_* macro.
 */
#define PROP_OPS_OF(suffix)	PROP_PASTE(ARCH, PROP_PASTE(suffix, _ops))

/* FLATMEM, mem_map from PFN 0 */
#define TI_NAME			PROP_PASTE(ARCH, _flat)
#define PMM_MODEL		PMM_MODEL_FLATMEM
#include "test_instance.h"

#ifdef ARCH_FLAT_PFN_OFFSET
#define TI_NAME			PROP_PASTE(ARCH, _flat_offset)
#define PMM_MODEL		PMM_MODEL_FLATMEM
#define PMM_ARCH_PFN_OFFSET	ARCH_FLAT_PFN_OFFSET
#include "test_instance.h"
#endif

#define TI_NAME			PROP_PASTE(ARCH, _discontig_search)
#define PMM_MODEL		PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID	PMM_NID_BY_SEARCH
#include "test_instance.h"

#define TI_NAME			PROP_PASTE(ARCH, _discontig_table)
#define PMM_MODEL		PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID	PMM_NID_BY_TABLE
#define PMM_DISCONTIG_CHUNK_SHIFT ARCH_CHUNK_SHIFT
#include "test_instance.h"

#ifndef ARCH_NO_STATIC_SECTIONS
#define TI_NAME			PROP_PASTE(ARCH, _sparse_static)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	0
#include "test_instance.h"
#endif

#define TI_NAME			PROP_PASTE(ARCH, _sparse_extreme)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	1
#include "test_instance.h"

#define TI_NAME			PROP_PASTE(ARCH, _vmemmap)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SPARSEMEM_EXTREME	1
#define TI_VMEMMAP		prop_vmemmap
#include "test_instance.h"

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
#define TI_NAME			PROP_PASTE(ARCH, _sparse_flags32)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM
#define PMM_SPARSEMEM_EXTREME	0
#define PMM_NR_PAGEFLAGS	PROP_FLAGS32_NR_PAGEFLAGS
#define PMM_ZONES_SHIFT		PROP_FLAGS32_ZONES_SHIFT
#define PMM_RESERVED_FLAGS_BITS	PROP_FLAGS32_RESERVED
#include "test_instance.h"
#endif

#ifdef ARCH_SMALL_STRUCT_PAGE
#define TI_NAME			PROP_PASTE(ARCH, _vmemmap_small)
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SPARSEMEM_EXTREME	1
#define PMM_STRUCT_PAGE_SIZE	ARCH_SMALL_STRUCT_PAGE
#define TI_VMEMMAP		prop_vmemmap
#include "test_instance.h"
#endif

/*
 * Other kernels' models, on the architectures those kernels use them on,
 * with their own descriptors (Xen's 32-byte page_info, FreeBSD 14's
 * 104-byte vm_page); Xen's frame table through the same tracked hooks as
 * the vmemmap.
 */
#define PROP_XEN_STRUCT_PAGE	32
#define PROP_BSD_STRUCT_PAGE	104
#ifdef ARCH_XEN
#define TI_NAME			PROP_PASTE(ARCH, _xen_mask)
#define PMM_MODEL		PMM_MODEL_XEN_PDX_MASK
#define PMM_STRUCT_PAGE_SIZE	PROP_XEN_STRUCT_PAGE
#define TI_VMEMMAP		prop_vmemmap
#include "test_instance.h"

#define TI_NAME			PROP_PASTE(ARCH, _xen_offset)
#define PMM_MODEL		PMM_MODEL_XEN_PDX_OFFSET
#define PMM_STRUCT_PAGE_SIZE	PROP_XEN_STRUCT_PAGE
#define TI_VMEMMAP		prop_vmemmap
#include "test_instance.h"

#endif

#ifdef ARCH_FREEBSD_DENSE
#define TI_NAME			PROP_PASTE(ARCH, _bsd_dense)
#define PMM_MODEL		PMM_MODEL_FREEBSD_DENSE
#define PMM_STRUCT_PAGE_SIZE	PROP_BSD_STRUCT_PAGE
#include "test_instance.h"
#endif

#ifdef ARCH_FREEBSD_SPARSE
#define TI_NAME			PROP_PASTE(ARCH, _bsd_sparse)
#define PMM_MODEL		PMM_MODEL_FREEBSD_SPARSE
#define PMM_STRUCT_PAGE_SIZE	PROP_BSD_STRUCT_PAGE
#include "test_instance.h"
#endif

/*
 * The same instances, in the test's words: each its model and what its
 * variant sets; PROP_AS_ARCH, the architecture's descriptor and pmm's
 * page->flags budget, for all but the variants that set their own.
 */
#define PROP_DESC(suffix, ...)	{ .ops = &PROP_OPS_OF(suffix), __VA_ARGS__ }
#define PROP_AS_ARCH								\
	.struct_page_size = ARCH_STRUCT_PAGE_SIZE, .nodes_shift = PROP_NODES_SHIFT, \
	.zones_shift = PROP_ZONES_SHIFT, .nr_pageflags = PROP_NR_PAGEFLAGS,	\
	.reserved_bits = 0

static const struct prop_instance PROP_PASTE(ARCH, _instances)[] = {
	PROP_DESC(_flat, .model = PMM_MODEL_FLATMEM, PROP_AS_ARCH),
#ifdef ARCH_FLAT_PFN_OFFSET
	PROP_DESC(_flat_offset, .model = PMM_MODEL_FLATMEM, .pfn_offset = ARCH_FLAT_PFN_OFFSET,
		  PROP_AS_ARCH),
#endif
	PROP_DESC(_discontig_search, .model = PMM_MODEL_DISCONTIGMEM,
		  .discontig_nid = PMM_NID_BY_SEARCH, PROP_AS_ARCH),
	PROP_DESC(_discontig_table, .model = PMM_MODEL_DISCONTIGMEM,
		  .discontig_nid = PMM_NID_BY_TABLE, .chunk_shift = ARCH_CHUNK_SHIFT, PROP_AS_ARCH),
#ifndef ARCH_NO_STATIC_SECTIONS
	PROP_DESC(_sparse_static, .model = PMM_MODEL_SPARSEMEM, .extreme = 0, PROP_AS_ARCH),
#endif
	PROP_DESC(_sparse_extreme, .model = PMM_MODEL_SPARSEMEM, .extreme = 1, PROP_AS_ARCH),
	PROP_DESC(_vmemmap, .model = PMM_MODEL_SPARSEMEM_VMEMMAP, .extreme = 1, PROP_AS_ARCH),
#ifdef ARCH_FLAGS_32BIT
	PROP_DESC(_sparse_flags32, .model = PMM_MODEL_SPARSEMEM, .extreme = 0,
		  .struct_page_size = ARCH_STRUCT_PAGE_SIZE, .nodes_shift = PROP_NODES_SHIFT,
		  .zones_shift = PROP_FLAGS32_ZONES_SHIFT,
		  .nr_pageflags = PROP_FLAGS32_NR_PAGEFLAGS,
		  .reserved_bits = PROP_FLAGS32_RESERVED),
#endif
#ifdef ARCH_SMALL_STRUCT_PAGE
	PROP_DESC(_vmemmap_small, .model = PMM_MODEL_SPARSEMEM_VMEMMAP, .extreme = 1,
		  .struct_page_size = ARCH_SMALL_STRUCT_PAGE, .nodes_shift = PROP_NODES_SHIFT,
		  .zones_shift = PROP_ZONES_SHIFT, .nr_pageflags = PROP_NR_PAGEFLAGS,
		  .reserved_bits = 0),
#endif
#define PROP_PEER(suffix, kind, size)						\
	PROP_DESC(suffix, .model = (kind), .struct_page_size = (size),		\
		  .nodes_shift = PROP_NODES_SHIFT, .zones_shift = PROP_ZONES_SHIFT, \
		  .nr_pageflags = PROP_NR_PAGEFLAGS, .reserved_bits = 0)
#ifdef ARCH_XEN
	PROP_PEER(_xen_mask, PMM_MODEL_XEN_PDX_MASK, PROP_XEN_STRUCT_PAGE),
	PROP_PEER(_xen_offset, PMM_MODEL_XEN_PDX_OFFSET, PROP_XEN_STRUCT_PAGE),
#endif
#ifdef ARCH_FREEBSD_DENSE
	PROP_PEER(_bsd_dense, PMM_MODEL_FREEBSD_DENSE, PROP_BSD_STRUCT_PAGE),
#endif
#ifdef ARCH_FREEBSD_SPARSE
	PROP_PEER(_bsd_sparse, PMM_MODEL_FREEBSD_SPARSE, PROP_BSD_STRUCT_PAGE),
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
#undef PROP_PEER
#undef PROP_XEN_STRUCT_PAGE
#undef PROP_BSD_STRUCT_PAGE
#undef PROP_DESC
#undef PROP_AS_ARCH
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
#undef ARCH_XEN
#undef ARCH_FREEBSD_DENSE
#undef ARCH_FREEBSD_SPARSE
