/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * map_nid.h - the node pmm promises for a descriptor, worked out from the
 * memory map alone, so that main.c checks page_to_nid and pfn_to_nid
 * against the firmware's map rather than against pmm itself
 */
#ifndef BOOT_MAP_NID_H
#define BOOT_MAP_NID_H

#include "pmm_types.h"

/*
 * pmm.h section 8: RAM has its range's node; a hole with a descriptor has
 * the node of the next range above it, or of the last range when it lies
 * after the end of RAM, as Linux 6.12's memmap_init and
 * init_unavailable_range give it.  @r need not be sorted.
 */
static inline int map_expected_nid(const struct pmm_range *r, unsigned int nr,
				   unsigned long pfn)
{
	unsigned long next_start = ~0UL, last_end = 0;
	int above = -1, last = -1;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		if (pfn >= r[i].start_pfn && pfn < r[i].end_pfn)
			return r[i].nid;
		if (r[i].start_pfn > pfn && r[i].start_pfn < next_start) {
			next_start = r[i].start_pfn;
			above = r[i].nid;
		}
		if (r[i].end_pfn > last_end) {
			last_end = r[i].end_pfn;
			last = r[i].nid;
		}
	}
	return above >= 0 ? above : last;
}

#endif /* BOOT_MAP_NID_H */
