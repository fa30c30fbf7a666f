/* expect: Not enough bits in page flags */
/*
 * Classic SPARSEMEM keeps the section number in page->flags: 46 - 27 = 19
 * section bits and 3 zone bits do not fit beside 45 page flags.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_NR_PAGEFLAGS 45
#endif
#include "pmm.h"
