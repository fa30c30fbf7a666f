/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * dev_instance.h - test_instance.h for test_device's instances, whose
 * vmemmap hooks must also know about altmaps
 *
 * No include guard: test_device.c includes it once per instance, after
 * TI_NAME, the instance's PMM_* parameters and DEV_TRACKERS, the
 * instance's struct dev_trackers (device_model.h).  The hooks are
 * test_vmemmap.h's, as TI_VMEMMAP would give them, except two that
 * TI_VMEMMAP has no room for: POPULATE_FROM, which backs a page of
 * descriptors from an altmap PFN, and a DEPOPULATE that hands such a PFN
 * back to the altmap tracker first.  Expanded inside pmm.h, where
 * PMM_PAGE_SHIFT is the instance's.
 */
#define PMM_VMEMMAP_RESERVE(bytes)						\
	test_vmemmap_reserve(&(DEV_TRACKERS).vm, (bytes))
#define PMM_VMEMMAP_UNRESERVE(addr, bytes)					\
	test_vmemmap_unreserve(&(DEV_TRACKERS).vm, (addr), (bytes))
#define PMM_VMEMMAP_POPULATE(addr, bytes, nid)					\
	test_vmemmap_populate(&(DEV_TRACKERS).vm, 1UL << PMM_PAGE_SHIFT, (addr),	\
			      (bytes), (nid))
#define PMM_VMEMMAP_DEPOPULATE(addr, bytes)					\
	ftrk_depopulate(&(DEV_TRACKERS).ft, (addr), (bytes))
#define PMM_VMEMMAP_POPULATE_FROM(addr, bytes, pfn)				\
	ftrk_populate_from(&(DEV_TRACKERS).ft, (addr), (bytes), (pfn))
#include "test_instance.h"
#undef DEV_TRACKERS
