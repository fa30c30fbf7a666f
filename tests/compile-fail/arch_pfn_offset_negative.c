/* expect: PMM_ARCH_PFN_OFFSET must be a PFN below 2^(PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT) */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_ARCH_PFN_OFFSET -1
#else
#define PMM_ARCH_PFN_OFFSET 0x80000
#endif
#include "pmm.h"
