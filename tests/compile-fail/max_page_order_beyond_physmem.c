/* expect: PMM_MAX_PAGE_ORDER must be between 0 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT */
/* A buddy block larger than the whole physical address space. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS 32
#ifndef FIX
#define PMM_MAX_PAGE_ORDER 21
#endif
#include "pmm.h"
