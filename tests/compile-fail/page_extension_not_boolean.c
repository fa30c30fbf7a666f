/* expect: PMM_PAGE_EXTENSION must be 0 or 1 */
/* CONFIG_PAGE_EXTENSION is there or not. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_PAGE_EXTENSION 2
#endif
#include "pmm.h"
