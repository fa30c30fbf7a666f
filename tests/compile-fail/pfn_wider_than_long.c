/* expect: PMM_MAX_PHYSMEM_BITS - PMM_PAGE_SHIFT must be below BITS_PER_LONG */
/*
 * On 32-bit, 46 physical address bits give 34-bit PFNs, which an unsigned
 * long cannot hold; x86_32 PAE has 36.
 */
/* cflags: -m32 -ffreestanding */
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_MAX_PHYSMEM_BITS 46
#else
#define PMM_MAX_PHYSMEM_BITS 36
#endif
#include "pmm.h"
