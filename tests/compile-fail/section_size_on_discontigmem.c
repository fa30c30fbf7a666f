/* expect: PMM_SECTION_SIZE_BITS applies to SPARSEMEM models only */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 27
#endif
#include "pmm.h"
