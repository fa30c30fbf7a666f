/* expect: PMM_PDX_GROUP_SHIFT must be between PMM_PAGE_SHIFT and PMM_MAX_PHYSMEM_BITS */
/* A PDX group is whole pages of frame table. */
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#ifndef FIX
#define PMM_PDX_GROUP_SHIFT 11
#else
#define PMM_PDX_GROUP_SHIFT 30
#endif
#include "pmm.h"
