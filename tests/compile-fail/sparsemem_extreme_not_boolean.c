/* expect: PMM_SPARSEMEM_EXTREME must be 0 or 1 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_SPARSEMEM_EXTREME 2
#else
#define PMM_SPARSEMEM_EXTREME 0
#endif
#include "pmm.h"
