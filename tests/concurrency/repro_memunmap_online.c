// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * repro_memunmap_online.c - during pmm_memunmap_pages, a device PFN in the
 * holes of a boot (online) section is reported online.
 *
 * memunmap unlinks the pagemap first and clears the sub-section bits
 * later (remove_span); in between, pmm_pfn_to_online_page sees an online,
 * tainted section, a valid sub-section and no pagemap, and returns the
 * page.  Linux's pageunmap_range removes the pages first and deletes the
 * pagemap from pgmap_array last.  The window is observed from the RCU
 * read-lock hook, which remove_span's pfn_valid calls inside it.
 *
 *	cc -std=gnu11 -O1 -g -fsanitize=address -I. \
 *		tests/concurrency/repro_memunmap_online.c -o /tmp/repro2 && /tmp/repro2
 */
#include <stdio.h>

static int repro_armed, repro_seen;
static void repro_probe(void);

#define PMM_NAME		r
#define PMM_MODEL		PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS	40
#define PMM_RCU_READ_LOCK()	repro_probe()
#define PMM_RCU_READ_UNLOCK()	do { } while (0)
#define PMM_SYNCHRONIZE_RCU()	do { } while (0)
#include "pmm.h"

#define SECTION		(1UL << 15)
#define DEV_PFN		(SECTION + SECTION / 2)	/* a hole of boot section 1 */

static void repro_probe(void)
{
	if (!repro_armed)
		return;
	repro_armed = 0;
	if (pmm_r_pfn_to_online_page(DEV_PFN))
		repro_seen++;
}

int main(void)
{
	/* section 1 is boot RAM in its lower half, a hole above */
	struct pmm_range ram = { 0, SECTION + SECTION / 4, 0 };
	struct pmm_r_dev_pagemap pgmap = { .type = PMM_MEMORY_DEVICE_GENERIC, .nr_range = 1,
					   .range = { DEV_PFN, DEV_PFN + 512 } };
	int err;

	if (pmm_r_init(&ram, 1) || (err = pmm_r_memremap_pages(&pgmap, 0))) {
		fprintf(stderr, "setup failed\n");
		return 2;
	}
	printf("mapped: online_page %p, dev_pagemap %p\n",
	       (void *)pmm_r_pfn_to_online_page(DEV_PFN), (void *)pmm_r_get_dev_pagemap(DEV_PFN));
	repro_armed = 1;
	pmm_r_memunmap_pages(&pgmap);
	printf("unmapped: online_page %p\n", (void *)pmm_r_pfn_to_online_page(DEV_PFN));
	printf("inside memunmap: pfn_to_online_page(device pfn) non-NULL %d time(s) (expected 0)\n",
	       repro_seen);
	pmm_r_exit();
	return repro_seen ? 1 : 0;
}
