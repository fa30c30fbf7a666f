/* expect: PMM_SUBSECTION_SHIFT applies to PMM_MODEL_SPARSEMEM_VMEMMAP only */
/* Xen's frame table has no sections, so no sub-sections. */
#ifndef FIX
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#else
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#endif
#define PMM_SUBSECTION_SHIFT 21
#include "pmm.h"
