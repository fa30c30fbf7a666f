/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * sparse_want.h - what each SPARSEMEM instance of test_sparse.c and
 * test_vmemmap.c is built with, written by the test
 *
 * The checks of sparse_checks.h work out every figure from these values,
 * never from the instance's own pmm_params, so that a header that ignores
 * a parameter, or reports or applies another, fails them.  Every instance
 * sets each knob the checks depend on, itself or through its group's
 * TI_* (tests/lib/test_instance.h), and its struct sparse_want comes from
 * those same macros, made by test_instance.h before pmm.h forgets them:
 *
 *	#define TI_PAGE_SHIFT 12		(the group's, once)
 *	...
 *	#define TI_NAME ss32
 *	#define PMM_STRUCT_PAGE_SIZE 32		(this instance's own)
 *	#define TI_WANT SPARSE_WANT(ss32, 1)
 *	#include "test_instance.h"
 *
 * test_instance.h has no defaults of its own: a knob left to pmm.h's
 * default is an undeclared PMM_... in SPARSE_WANT, so the build says
 * which.  The one instance per program that takes every default (sdef,
 * vdef: TI_PMM_DEFAULTS) has its struct written out by hand from the
 * defaults pmm.h documents, so that a wrong default fails the checks too.
 *
 * Include it before the instances (after unit.h).
 */
#ifndef PMM_UNIT_SPARSE_WANT_H
#define PMM_UNIT_SPARSE_WANT_H

/**
 * struct sparse_want - a SPARSEMEM instance's parameters, as the test set them
 * @model: PMM_MODEL: PMM_MODEL_SPARSEMEM or PMM_MODEL_SPARSEMEM_VMEMMAP
 * @page_shift: PMM_PAGE_SHIFT
 * @section_size_bits: PMM_SECTION_SIZE_BITS
 * @max_physmem_bits: PMM_MAX_PHYSMEM_BITS
 * @extreme: PMM_SPARSEMEM_EXTREME
 * @page_extension: PMM_PAGE_EXTENSION (4-long mem_sections)
 * @struct_page_size: PMM_STRUCT_PAGE_SIZE
 * @nodes_shift: PMM_NODES_SHIFT
 * @max_page_order: PMM_MAX_PAGE_ORDER
 * @pageblock_order: PMM_PAGEBLOCK_ORDER (sizes the usemap)
 * @subsection_shift: PMM_SUBSECTION_SHIFT (VMEMMAP), 0 for classic
 * @nr_pageflags: PMM_NR_PAGEFLAGS
 * @zones_shift: PMM_ZONES_SHIFT
 * @reserved_flags_bits: PMM_RESERVED_FLAGS_BITS
 * @node_in_page_flags: whether the last four leave page->flags room for
 *	the node beside the section and the zone, as the test works it out
 *	(NODE_NOT_IN_PAGE_FLAGS when 0)
 */
struct sparse_want {
	int model;
	int page_shift;
	int section_size_bits;
	int max_physmem_bits;
	int extreme;
	int page_extension;
	int struct_page_size;
	int nodes_shift;
	int max_page_order;
	int pageblock_order;
	int subsection_shift;
	int nr_pageflags;
	int zones_shift;
	int reserved_flags_bits;
	int node_in_page_flags;
};

/* @subsection_shift: 0 for classic SPARSEMEM, PMM_SUBSECTION_SHIFT for VMEMMAP */
#define SPARSE_WANT_(N, node_in_flags, subsection_shift_)			\
static const struct sparse_want N##_want __attribute__((unused)) = {		\
	.model = PMM_MODEL,							\
	.page_shift = PMM_PAGE_SHIFT,						\
	.section_size_bits = PMM_SECTION_SIZE_BITS,				\
	.max_physmem_bits = PMM_MAX_PHYSMEM_BITS,				\
	.extreme = PMM_SPARSEMEM_EXTREME,					\
	.page_extension = PMM_PAGE_EXTENSION,					\
	.struct_page_size = PMM_STRUCT_PAGE_SIZE,				\
	.nodes_shift = PMM_NODES_SHIFT,						\
	.max_page_order = PMM_MAX_PAGE_ORDER,					\
	.pageblock_order = PMM_PAGEBLOCK_ORDER,					\
	.subsection_shift = (subsection_shift_),				\
	.nr_pageflags = PMM_NR_PAGEFLAGS,					\
	.zones_shift = PMM_ZONES_SHIFT,						\
	.reserved_flags_bits = PMM_RESERVED_FLAGS_BITS,				\
	.node_in_page_flags = (node_in_flags),					\
}

/* classic SPARSEMEM: no sub-sections */
#define SPARSE_WANT(N, node_in_flags)	SPARSE_WANT_(N, node_in_flags, 0)

/* SPARSEMEM_VMEMMAP: PMM_SUBSECTION_SHIFT as well */
#define VMEMMAP_WANT(N, node_in_flags)	SPARSE_WANT_(N, node_in_flags, PMM_SUBSECTION_SHIFT)

/*
 * pmm.h's documented defaults, written out here by hand, never read from
 * pmm.h, for the one instance of each program that sets nothing (sdef,
 * vdef: TI_PMM_DEFAULTS), so that a default that drifts fails every check:
 * x86_64's values, x86_32 PAE's with a 32-bit long.  The model, the
 * sub-sections and where the node lives are each program's to write.
 */
#if PMM_BITS_PER_LONG == 64
#define SW_DEFAULTS_OF_THE_WORD_						\
	.max_physmem_bits = 46, .extreme = 1, .struct_page_size = 64,		\
	.nr_pageflags = 23, .zones_shift = 3
#else
#define SW_DEFAULTS_OF_THE_WORD_						\
	.max_physmem_bits = 36, .extreme = 0, .struct_page_size = 32,		\
	.nr_pageflags = 20, .zones_shift = 2
#endif
#define SW_PMM_DEFAULTS								\
	.page_shift = 12, .section_size_bits = 27, .page_extension = 0,	\
	.nodes_shift = 6, .max_page_order = 10,					\
	.pageblock_order = 9,	/* min(12 - 3, 10) */				\
	.reserved_flags_bits = 0, SW_DEFAULTS_OF_THE_WORD_

/*
 * page->flags as x86 lays it out, which the instances keep unless they
 * say otherwise: 23 page flags and 3 zone bits with a 64-bit long, 20 and
 * 2 with a 32-bit one (the values pmm.h documents as its defaults).
 */
#if PMM_BITS_PER_LONG == 64
#define SW_X86_NR_PAGEFLAGS	23
#define SW_X86_ZONES_SHIFT	3
#else
#define SW_X86_NR_PAGEFLAGS	20
#define SW_X86_ZONES_SHIFT	2
#endif

#endif /* PMM_UNIT_SPARSE_WANT_H */
