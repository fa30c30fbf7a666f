/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * test_instance.h - include pmm.h once, as a test's instance
 *
 * No include guard: a test includes it once per instance, after defining
 *
 *	TI_NAME		the instance's name (PMM_NAME); required
 *	PMM_*		the parameters this instance sets, as for pmm.h
 *
 * and, where it wants them,
 *
 *	TI_VMEMMAP	a struct test_vmemmap (test_vmemmap.h) that the
 *			instance's vmemmap hooks go through; with a
 *			compile-time PMM_VMEMMAP_BASE only populate and
 *			depopulate, which tell it the fixed area
 *	TI_WANT		a declaration to make with this instance's
 *			parameters before pmm.h forgets them, e.g.
 *			SPARSE_WANT(ss64, 1) (tests/unit/sparse_want.h)
 *	TI_PMM_DEFAULTS	none of the group's parameters: what the
 *			instance does not set is pmm.h's default
 *
 * These four are the instance's own and forgotten after it.  A group of
 * instances, or a whole program, may set
 *
 *	TI_OPS		define <name>_ops, each instance's struct
 *			model_ops (model_ops.h), after it
 *	TI_HOTPLUG_OPS	define <name>_hotplug_ops, its struct
 *			hotplug_ops (model_ops.h), after it (SPARSEMEM)
 *	TI_HOSTED_ALLOC	pmm's hosted allocator, which threads may
 *			share (test_alloc's counters are not atomic),
 *			instead of test_alloc.h's counting one, which every
 *			instance gets otherwise unless it defines PMM_ALLOC
 *	TI_RCU_READ_LOCK(), TI_RCU_READ_UNLOCK(), TI_SYNCHRONIZE_RCU()
 *			the RCU hooks, where an instance sets none
 *
 * Parameters that a group of instances shares are written once, as
 * TI_<parameter> (TI_PAGE_SHIFT for PMM_PAGE_SHIFT, and so on), before
 * the group: each instance takes them unless it sets the PMM_ macro
 * itself.  They outlast the instance (pmm.h forgets only PMM_*), so a
 * test #undefs them where its group ends.  A parameter only one model
 * may have (a section size, sub-sections, EXTREME, a page extension,
 * memory blocks) goes only to instances of that
 * model, so one group can hold FLATMEM and SPARSEMEM instances.  This
 * file has no defaults of its own: a parameter that neither the
 * instance nor its group sets is pmm.h's default, as if pmm.h were
 * included directly, and a check that wants it written (SPARSE_WANT)
 * finds it undeclared.
 *
 * The group's settings last until the test #undefs them.
 */
#ifndef TI_NAME
#error "test_instance.h: define TI_NAME (the instance's PMM_NAME) first"
#endif

#include "pmm_types.h"
#include "test_alloc.h"

#define PMM_NAME		TI_NAME

/* --- the group's parameters, where the instance sets none ------------- */

/* TI_PMM_DEFAULTS: this instance takes pmm.h's defaults, not the group's */
#ifndef TI_PMM_DEFAULTS

#if !defined(PMM_MODEL) && defined(TI_MODEL)
#define PMM_MODEL		TI_MODEL
#endif
#if !defined(PMM_PAGE_SHIFT) && defined(TI_PAGE_SHIFT)
#define PMM_PAGE_SHIFT		TI_PAGE_SHIFT
#endif
#if !defined(PMM_MAX_PHYSMEM_BITS) && defined(TI_MAX_PHYSMEM_BITS)
#define PMM_MAX_PHYSMEM_BITS	TI_MAX_PHYSMEM_BITS
#endif
#if !defined(PMM_MAX_PAGE_ORDER) && defined(TI_MAX_PAGE_ORDER)
#define PMM_MAX_PAGE_ORDER	TI_MAX_PAGE_ORDER
#endif
#if !defined(PMM_PAGEBLOCK_ORDER) && defined(TI_PAGEBLOCK_ORDER)
#define PMM_PAGEBLOCK_ORDER	TI_PAGEBLOCK_ORDER
#endif
#if !defined(PMM_STRUCT_PAGE_SIZE) && defined(TI_STRUCT_PAGE_SIZE)
#define PMM_STRUCT_PAGE_SIZE	TI_STRUCT_PAGE_SIZE
#endif
#if !defined(PMM_NODES_SHIFT) && defined(TI_NODES_SHIFT)
#define PMM_NODES_SHIFT		TI_NODES_SHIFT
#endif
#if !defined(PMM_ZONES_SHIFT) && defined(TI_ZONES_SHIFT)
#define PMM_ZONES_SHIFT		TI_ZONES_SHIFT
#endif
#if !defined(PMM_NR_PAGEFLAGS) && defined(TI_NR_PAGEFLAGS)
#define PMM_NR_PAGEFLAGS	TI_NR_PAGEFLAGS
#endif
#if !defined(PMM_RESERVED_FLAGS_BITS) && defined(TI_RESERVED_FLAGS_BITS)
#define PMM_RESERVED_FLAGS_BITS	TI_RESERVED_FLAGS_BITS
#endif
#if !defined(PMM_DEBUG) && defined(TI_DEBUG)
#define PMM_DEBUG		TI_DEBUG
#endif

/* pmm.h refuses these on the models without sections (tests/compile-fail) */
#if defined(PMM_MODEL) && (PMM_MODEL == PMM_MODEL_SPARSEMEM || \
			   PMM_MODEL == PMM_MODEL_SPARSEMEM_VMEMMAP)
#if !defined(PMM_SECTION_SIZE_BITS) && defined(TI_SECTION_SIZE_BITS)
#define PMM_SECTION_SIZE_BITS	TI_SECTION_SIZE_BITS
#endif
#if !defined(PMM_SPARSEMEM_EXTREME) && defined(TI_SPARSEMEM_EXTREME)
#define PMM_SPARSEMEM_EXTREME	TI_SPARSEMEM_EXTREME
#endif
#if !defined(PMM_PAGE_EXTENSION) && defined(TI_PAGE_EXTENSION)
#define PMM_PAGE_EXTENSION	TI_PAGE_EXTENSION
#endif
#if !defined(PMM_MEMORY_BLOCK_SIZE_BITS) && defined(TI_MEMORY_BLOCK_SIZE_BITS)
#define PMM_MEMORY_BLOCK_SIZE_BITS TI_MEMORY_BLOCK_SIZE_BITS
#endif
#endif

/* ... and these on every model but SPARSEMEM_VMEMMAP */
#if defined(PMM_MODEL) && PMM_MODEL == PMM_MODEL_SPARSEMEM_VMEMMAP
#if !defined(PMM_SUBSECTION_SHIFT) && defined(TI_SUBSECTION_SHIFT)
#define PMM_SUBSECTION_SHIFT	TI_SUBSECTION_SHIFT
#endif
#endif
#endif /* !TI_PMM_DEFAULTS */

/* --- hooks ------------------------------------------------------------- */

#if !defined(PMM_ALLOC) && !defined(TI_HOSTED_ALLOC)
#define PMM_ALLOC(bytes, align, nid)	test_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)		test_free((ptr), (bytes))
#endif

/* RCU hooks a group shares (all three, or none) */
#if !defined(PMM_RCU_READ_LOCK) && defined(TI_RCU_READ_LOCK)
#define PMM_RCU_READ_LOCK()		TI_RCU_READ_LOCK()
#define PMM_RCU_READ_UNLOCK()		TI_RCU_READ_UNLOCK()
#define PMM_SYNCHRONIZE_RCU()		TI_SYNCHRONIZE_RCU()
#endif

/*
 * TI_VMEMMAP is expanded where pmm.h calls a hook, inside this include,
 * and so are pmm.h's own PMM_PAGE_SHIFT (its default if the test left
 * it) and the sizes of the fixed area.
 */
#ifdef TI_VMEMMAP
#include "test_vmemmap.h"
#ifndef PMM_VMEMMAP_BASE
#define PMM_VMEMMAP_RESERVE(bytes)						\
	test_vmemmap_reserve(&(TI_VMEMMAP), (bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)					\
	test_vmemmap_unreserve(&(TI_VMEMMAP), (addr), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)					\
	test_vmemmap_populate(&(TI_VMEMMAP), 1UL << PMM_PAGE_SHIFT, (addr),	\
			      (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)					\
	test_vmemmap_depopulate(&(TI_VMEMMAP), 1UL << PMM_PAGE_SHIFT, (addr),	\
				(bytes))
#else
/* every PFN's descriptor: the whole of what the fixed base maps */
#define TI_VMEMMAP_SPAN								\
	((1UL << (PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT)) * PMM_STRUCT_PAGE_SIZE)
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)					\
	test_vmemmap_populate_fixed(&(TI_VMEMMAP), 1UL << PMM_PAGE_SHIFT,	\
				    PMM_VMEMMAP_BASE, TI_VMEMMAP_SPAN,		\
				    (addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)					\
	test_vmemmap_depopulate_fixed(&(TI_VMEMMAP), 1UL << PMM_PAGE_SHIFT,	\
				      PMM_VMEMMAP_BASE, TI_VMEMMAP_SPAN,	\
				      (addr), (bytes))
#endif
#endif

#ifdef TI_WANT
TI_WANT;
#endif

#include "pmm.h"

/* one more expansion, so that the macros paste the name, not TI_NAME */
#include "model_ops.h"
#define TI_MODEL_OPS_(name)	MODEL_OPS(name)
#define TI_HOTPLUG_OPS_(name)	HOTPLUG_OPS(name)
#ifdef TI_OPS
TI_MODEL_OPS_(TI_NAME);
#endif
#ifdef TI_HOTPLUG_OPS
TI_HOTPLUG_OPS_(TI_NAME);
#endif
#undef TI_MODEL_OPS_
#undef TI_HOTPLUG_OPS_

#undef TI_NAME
#undef TI_VMEMMAP
#undef TI_VMEMMAP_SPAN
#undef TI_WANT
#undef TI_PMM_DEFAULTS
