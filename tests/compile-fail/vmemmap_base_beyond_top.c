/* expect: PMM_VMEMMAP_BASE too high: the virtual memmap from it */
/*
 * 32-bit: a base above 4 GiB would be cut to its low 32 bits by the cast
 * to unsigned long (found by tests/cross on i686).  The fixed base leaves
 * room for 2^24 descriptors of 32 bytes (512 MiB) below 4 GiB.
 */
/* cflags: -m32 -ffreestanding */
#include "freestanding_hooks.h"
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS 36
#ifndef FIX
#define PMM_VMEMMAP_BASE 0x300000000000UL
#else
#define PMM_VMEMMAP_BASE 0xc0000000UL
#endif
#include "pmm.h"
