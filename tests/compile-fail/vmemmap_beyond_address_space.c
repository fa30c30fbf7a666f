/* expect: PMM_MAX_PHYSMEM_BITS too large for SPARSEMEM_VMEMMAP */
/*
 * 32-bit: 43 physical address bits give 31-bit PFNs (they fit a long) but
 * 2^31 descriptors of 32 bytes do not fit a 4 GiB address space.
 */
/* cflags: -m32 -ffreestanding */
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_MAX_PHYSMEM_BITS 43
#else
#define PMM_MAX_PHYSMEM_BITS 36
#endif
#include "pmm.h"
