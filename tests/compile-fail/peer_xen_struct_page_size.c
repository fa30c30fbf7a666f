/* expect: PMM_STRUCT_PAGE_SIZE must be a multiple of sizeof(long) from 2 longs to 256 for Xen's models */
/* arm64's struct page_info is 56 bytes: a multiple of a long, not a power of two. */
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#ifndef FIX
#define PMM_STRUCT_PAGE_SIZE 60
#else
#define PMM_STRUCT_PAGE_SIZE 56
#endif
#include "pmm.h"
