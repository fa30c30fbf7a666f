/* expect: PMM_VMEMMAP_BASE must be a nonzero integer constant */
/* A vmemmap at 0 puts PFN 0's descriptor at NULL. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_VMEMMAP_BASE 0
#else
#define PMM_VMEMMAP_BASE 0x7e0000000000UL
#endif
#include "pmm.h"
