/* expect: PMM_SECTION_SIZE_BITS must be at least PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT */
/* The same rule reached from the other side: order 16 of 4 KiB is 256 MiB. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_MAX_PAGE_ORDER 16
#endif
#include "pmm.h"
