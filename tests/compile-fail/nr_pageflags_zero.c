/* expect: PMM_NR_PAGEFLAGS + PMM_RESERVED_FLAGS_BITS must fit in a long, with PMM_NR_PAGEFLAGS >= 1 */
/* PG_reserved, bit 0, is a page flag pmm itself sets. */
#ifndef FIX
#define PMM_NR_PAGEFLAGS 0
#endif
#include "pmm.h"
