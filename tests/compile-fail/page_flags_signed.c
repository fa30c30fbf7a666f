/* expect: PMM_PAGE_FLAGS_must_be_an_unsigned_long */
/* A signed flags word: the top field would shift into its sign bit. */
struct page {
#ifndef FIX
	long flags;
#else
	unsigned long flags;
#endif
	unsigned long pad[7];
};
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_PAGE_TYPE struct page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#include "pmm.h"
