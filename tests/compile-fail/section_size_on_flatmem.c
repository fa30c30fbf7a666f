/* expect: PMM_SECTION_SIZE_BITS applies to SPARSEMEM models only */
/* A parameter the model ignores is a configuration mistake, not a no-op. */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 27
#endif
#include "pmm.h"
