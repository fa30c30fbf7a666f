/* expect: No space for nodes field in page flags: FLATMEM and DISCONTIGMEM */
#define PMM_MODEL PMM_MODEL_FLATMEM
#define PMM_NR_PAGEFLAGS 55
#ifndef FIX
#define PMM_NODES_SHIFT 7
#else
#define PMM_NODES_SHIFT 6
#endif
#include "pmm.h"
