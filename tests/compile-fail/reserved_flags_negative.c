/* expect: PMM_NR_PAGEFLAGS + PMM_RESERVED_FLAGS_BITS must fit in a long */
#ifndef FIX
#define PMM_RESERVED_FLAGS_BITS -1
#endif
#include "pmm.h"
