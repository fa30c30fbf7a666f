/* expect: PMM_STRUCT_PAGE_SIZE_must_equal_sizeof_PMM_PAGE_TYPE */
/*
 * A host struct page of 24 bytes with the default 64-byte
 * PMM_STRUCT_PAGE_SIZE: the descriptor size the rules and the vmemmap
 * arithmetic use would not be the real one.
 */
struct page {
	unsigned long flags;
	unsigned long pad[2];
#ifdef FIX
	unsigned long more[5];
#endif
};
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_PAGE_TYPE struct page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#include "pmm.h"
