/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * instance.h - include pmm.h once, for the property test
 *
 * No include guard: arch_models.h includes this once per instance, after
 * defining PROP_INSTANCE (the PMM_NAME), PMM_MODEL and the model's own
 * options.  The architecture's parameters come from the ARCH_* macros,
 * the page->flags budget from PROP_* unless the instance set PMM_* itself,
 * and every instance allocates through the counting hooks of models.c.
 * Defines PROP_INSTANCE's struct model_ops, <name>_ops.
 */
#define PMM_NAME		PROP_INSTANCE
#define PMM_PAGE_SHIFT		ARCH_PAGE_SHIFT
#define PMM_MAX_PHYSMEM_BITS	ARCH_MAX_PHYSMEM_BITS
#define PMM_MAX_PAGE_ORDER	ARCH_MAX_PAGE_ORDER
#ifndef PMM_STRUCT_PAGE_SIZE
#define PMM_STRUCT_PAGE_SIZE	ARCH_STRUCT_PAGE_SIZE
#endif
#ifndef PMM_NODES_SHIFT
#define PMM_NODES_SHIFT		PROP_NODES_SHIFT
#endif
#ifndef PMM_ZONES_SHIFT
#define PMM_ZONES_SHIFT		PROP_ZONES_SHIFT
#endif
#ifndef PMM_NR_PAGEFLAGS
#define PMM_NR_PAGEFLAGS	PROP_NR_PAGEFLAGS
#endif
#ifndef PMM_RESERVED_FLAGS_BITS
#define PMM_RESERVED_FLAGS_BITS	0
#endif

#define PMM_ALLOC(bytes, align, nid)		prop_alloc((bytes), (align), (nid))
#define PMM_FREE(ptr, bytes)			test_free((ptr), (bytes))
#define PMM_VMEMMAP_RESERVE(bytes)		prop_reserve(bytes)
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)	prop_unreserve((addr), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)	prop_populate((addr), (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)	prop_depopulate((addr), (bytes))

#include "pmm.h"

PROP_MODEL_OPS(PROP_INSTANCE);

#undef PROP_INSTANCE
