/* expect: PMM_ALLOC and PMM_FREE are required with PMM_FREESTANDING */
/* A kernel has no malloc: pmm must be told where memory comes from. */
#define PMM_FREESTANDING 1
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifdef FIX
#include "freestanding_hooks.h"
#endif
#include "pmm.h"
