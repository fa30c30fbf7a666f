/* expect: PMM_PAGE_PGMAP_must_be_a_pointer_wide_lvalue */
/* pmm stores a pagemap pointer where PMM_PAGE_PGMAP points: a 32-bit
 * field would lose half of it. */
struct page {
	unsigned long flags;
#ifndef FIX
	unsigned int pgmap;
	unsigned int pad0;
#else
	void *pgmap;
#endif
	unsigned long pad[6];
};
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_PAGE_TYPE struct page
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#define PMM_PAGE_PGMAP(page) ((page)->pgmap)
#include "pmm.h"
