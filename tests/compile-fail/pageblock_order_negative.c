/* expect: PMM_PAGEBLOCK_ORDER must be between 0 and PMM_MAX_PAGE_ORDER */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_PAGEBLOCK_ORDER -1
#endif
#include "pmm.h"
