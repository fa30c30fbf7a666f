/* expect: PMM_VMEMMAP_BASE applies to PMM_MODEL_SPARSEMEM_VMEMMAP only */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_VMEMMAP_BASE 0xffffea0000000000UL
#endif
#include "pmm.h"
