/* expect: PMM_MEMORY_BLOCK_SIZE_BITS applies to SPARSEMEM models only */
/* Memory blocks are made of sections; FLATMEM has none (and no hotplug). */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_MEMORY_BLOCK_SIZE_BITS 27
#endif
#include "pmm.h"
