/* expect: PMM_DEFERRED_STRUCT_PAGE_INIT applies to SPARSEMEM models only (mm/Kconfig: depends on SPARSEMEM) */
#ifdef FIX
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#else
#define PMM_MODEL PMM_MODEL_FLATMEM
#endif
#define PMM_DEFERRED_STRUCT_PAGE_INIT 1
#include "pmm.h"
