/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * small_instances.h - the parameters test_hotplug's and test_blocks'
 * instances share, written once (test_instance.h's TI_* group): 4 KiB
 * pages, 32-page sections of four 8-page sub-sections (VMEMMAP), 4096
 * PFNs, buddy order 3.  Small, so that a randomised run of a hundred
 * thousand requests, checked PFN by PFN, takes seconds under ASan; an
 * instance changes what it needs (a page size, a bigger PFN space).
 */
#ifndef PMM_SMALL_INSTANCES_H
#define PMM_SMALL_INSTANCES_H

#define TI_PAGE_SHIFT		12
#define TI_SECTION_SIZE_BITS	17
#define TI_SUBSECTION_SHIFT	15
#define TI_MAX_PAGE_ORDER	3
#define TI_MAX_PHYSMEM_BITS	24

#endif /* PMM_SMALL_INSTANCES_H */
