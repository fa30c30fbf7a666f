/* expect: PMM_VMEMMAP_BASE must be a nonzero integer constant */
/* x86 spells its base as a variable; #if would read it as 0. */
extern unsigned long vmemmap_base;
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_VMEMMAP_BASE vmemmap_base
#endif
#include "pmm.h"
