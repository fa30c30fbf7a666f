/* expect: PMM_ARCH_PFN_OFFSET must be a PFN below 2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT) */
/* With 40 physical address bits the last PFN is 2^28 - 1. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PHYSMEM_BITS 40
#ifndef FIX
#define PMM_ARCH_PFN_OFFSET 0x10000000UL
#else
#define PMM_ARCH_PFN_OFFSET 0x0fffffffUL
#endif
#include "pmm.h"
