// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * intake_scale.c - pmm_init over N one-page ranges given highest first,
 * the worst order for an insertion sort:
 *
 *	PFN     0   2   4  ...  2N-2
 *	given   N-1 ... 2   1   0	(range i is [2(N-1-i), 2(N-1-i) + 1))
 *
 * Run under callgrind at two sizes by make test-intake-scale: instruction
 * counts are exact, so how the intake's work grows with N is a fact of the
 * code, not of the machine.  Usage: intake_scale N
 */
#include <stdio.h>
#include <stdlib.h>

#define PMM_MODEL PMM_MODEL_FLATMEM
#include "pmm.h"

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 0, i;
	struct pmm_range *r = calloc(n ? n : 1, sizeof(*r));
	int err;

	if (!n || !r)
		return 2;
	for (i = 0; i < n; i++) {
		r[i].start_pfn = 2 * (n - 1 - i);
		r[i].end_pfn = r[i].start_pfn + 1;
	}
	err = pmm_init(r, (unsigned int)n);
	if (!err) {
		/* the map as given, in order: every range valid, every gap not */
		for (i = 0; i < 2 * n - 1; i++)
			if (pmm_pfn_valid(i) != 1 ||
			    !!(pmm_pfn_to_page(i)->flags & (1UL << PMM_PG_RESERVED)) != (i & 1))
				err = -1;
		pmm_exit();
	}
	free(r);
	return err ? 1 : 0;
}
