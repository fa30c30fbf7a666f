/* expect: PMM_MEMORY_BLOCK_SIZE_BITS must be between PMM_SECTION_SIZE_BITS and PMM_MAX_PHYSMEM_BITS */
/* memory_dev_init panics on a block smaller than a section (MIN_MEMORY_BLOCK_SIZE). */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_SECTION_SIZE_BITS 27
#ifndef FIX
#define PMM_MEMORY_BLOCK_SIZE_BITS 26
#else
#define PMM_MEMORY_BLOCK_SIZE_BITS 31
#endif
#include "pmm.h"
