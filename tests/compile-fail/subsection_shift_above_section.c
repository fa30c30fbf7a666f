/* expect: PMM_SUBSECTION_SHIFT must be between PMM_PAGE_SHIFT and PMM_SECTION_SIZE_BITS */
/* A sub-section larger than its section. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 24
#ifndef FIX
#define PMM_SUBSECTION_SHIFT 25
#endif
#include "pmm.h"
