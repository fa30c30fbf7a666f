/* expect: PMM_PAGE_TYPE needs PMM_PAGE_FLAGS */
/* pmm cannot guess where a host's struct page keeps its flags word. */
struct page {
	unsigned long pad0;
	unsigned long flags;
};
#define PMM_PAGE_TYPE struct page
#define PMM_STRUCT_PAGE_SIZE 16
#ifdef FIX
#define PMM_PAGE_FLAGS(page) ((page)->flags)
#endif
#include "pmm.h"
