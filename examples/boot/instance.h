/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * instance.h - include pmm.h once, with what every boot instance shares
 *
 * No include guard: models.c includes it once per instance after defining
 * PMM_NAME, PMM_MODEL and the model's own options.  The preset's page
 * size, node count, descriptor size and buddy order, and the bump
 * allocator's hooks, are the same for every instance.
 */
#define PMM_PAGE_SHIFT		12
#define PMM_MAX_PHYSMEM_BITS	BOOT_MAX_PHYSMEM_BITS
#define PMM_NODES_SHIFT		BOOT_NODES_SHIFT
#define PMM_STRUCT_PAGE_SIZE	BOOT_STRUCT_PAGE_SIZE
#define PMM_MAX_PAGE_ORDER	BOOT_MAX_PAGE_ORDER
#define PMM_ALLOC(bytes, align, nid)	bump_alloc((bytes), (align), (nid))
#define PMM_FREE(p, bytes)		bump_free((p), (bytes))
#define PMM_BUG_ON(cond) \
	do { if (cond) boot_bug(#cond, __FILE__, __LINE__); } while (0)
#include "pmm.h"
