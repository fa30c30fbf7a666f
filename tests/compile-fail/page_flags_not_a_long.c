/* expect: PMM_PAGE_FLAGS_must_be_an_unsigned_long */
/* A 32-bit flags word in a descriptor of the right size: the section,
 * node and zone fields would be shifted out of it. */
struct page {
#ifndef FIX
	unsigned int flags;
	unsigned int pad0;
#else
	unsigned long flags;
#endif
	unsigned long pad[7];
};
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_PAGE_TYPE struct page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#include "pmm.h"
