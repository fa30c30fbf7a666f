/* expect: PMM_MAX_PAGE_ORDER must be between 0 and */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_MAX_PAGE_ORDER -1
#endif
#include "pmm.h"
