/* expect: PMM_ALLOC and PMM_FREE are required with PMM_FREESTANDING */
/* -ffreestanding alone selects PMM_FREESTANDING, and with it the hooks. */
/* cflags: -ffreestanding */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#ifdef FIX
#include "freestanding_hooks.h"
#endif
#include "pmm.h"
