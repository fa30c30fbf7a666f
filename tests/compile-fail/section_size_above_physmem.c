/* expect: PMM_SECTION_SIZE_BITS must not exceed PMM_MAX_PHYSMEM_BITS */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#define PMM_MAX_PHYSMEM_BITS 32
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 33
#else
#define PMM_SECTION_SIZE_BITS 32
#endif
#include "pmm.h"
