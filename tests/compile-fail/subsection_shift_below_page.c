/* expect: PMM_SUBSECTION_SHIFT must be between PMM_PAGE_SHIFT and PMM_SECTION_SIZE_BITS */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_SUBSECTION_SHIFT 11
#endif
#include "pmm.h"
