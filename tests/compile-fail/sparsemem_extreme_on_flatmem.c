/* expect: PMM_SPARSEMEM_EXTREME applies to SPARSEMEM models only */
/* FLATMEM has no section table to make EXTREME: the option is a mistake. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_SPARSEMEM_EXTREME 1
#endif
#include "pmm.h"
