/* expect: PMM_PAGEBLOCK_ORDER must be between 0 and PMM_MAX_PAGE_ORDER */
#ifndef FIX
#define PMM_PAGEBLOCK_ORDER 11
#endif
#include "pmm.h"
