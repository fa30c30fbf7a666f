/* expect: PMM_VMEMMAP_BASE must be an integer constant aligned to the page size */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_VMEMMAP_BASE 0x7e0000000800UL
#else
#define PMM_VMEMMAP_BASE 0x7e0000000000UL
#endif
#include "pmm.h"
