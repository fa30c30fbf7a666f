/* expect: PMM_MAX_PHYSMEM_BITS must exceed PMM_PAGE_SHIFT */
/* One page of physical memory is not an address space. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_MAX_PAGE_ORDER 0
#ifndef FIX
#define PMM_MAX_PHYSMEM_BITS 12
#endif
#include "pmm.h"
