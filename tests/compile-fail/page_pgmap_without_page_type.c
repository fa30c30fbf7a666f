/* expect: PMM_PAGE_PGMAP applies with PMM_PAGE_TYPE only */
struct my_page {
	unsigned long flags;
	void *pgmap;
	unsigned long rest[6];
};
#ifdef FIX
#define PMM_PAGE_TYPE		struct my_page
#define PMM_PAGE_FLAGS(page)	((page)->flags)
#endif
#define PMM_PAGE_PGMAP(page)	((page)->pgmap)
#include "pmm.h"
