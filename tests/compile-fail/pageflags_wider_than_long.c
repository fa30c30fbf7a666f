/* expect: PMM_NR_PAGEFLAGS + PMM_RESERVED_FLAGS_BITS must fit in a long */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_NR_PAGEFLAGS 40
#ifndef FIX
#define PMM_RESERVED_FLAGS_BITS 30
#endif
#include "pmm.h"
