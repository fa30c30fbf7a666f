/* expect: PMM_PDX_MAX_ORDER must be between 1 and PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT - 1 */
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#define PMM_MAX_PHYSMEM_BITS 36
#ifndef FIX
#define PMM_PDX_MAX_ORDER 24
#else
#define PMM_PDX_MAX_ORDER 18
#endif
#include "pmm.h"
