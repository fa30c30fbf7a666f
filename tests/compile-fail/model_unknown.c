/* expect: PMM_MODEL must be PMM_MODEL_FLATMEM, PMM_MODEL_DISCONTIGMEM */
#ifndef FIX
#define PMM_MODEL 9
#else
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#endif
#include "pmm.h"
