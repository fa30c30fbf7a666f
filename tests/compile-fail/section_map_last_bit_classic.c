/* expect: PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT must be at least SECTION_MAP_LAST_BIT */
/*
 * mm/sparse.c's BUILD_BUG_ON: the coded memmap is aligned to a section's
 * PFNs, so a section must span at least 2^SECTION_MAP_LAST_BIT (16) pages
 * for the flag bits to sit below it.  8 pages of 4 KiB do not.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PAGE_ORDER 3
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 15
#else
#define PMM_SECTION_SIZE_BITS 16
#endif
#include "pmm.h"
