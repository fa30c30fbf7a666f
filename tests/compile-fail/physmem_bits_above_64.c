/* expect: PMM_MAX_PHYSMEM_BITS must be at most 64 */
#ifndef FIX
#define PMM_MAX_PHYSMEM_BITS 65
#endif
#include "pmm.h"
