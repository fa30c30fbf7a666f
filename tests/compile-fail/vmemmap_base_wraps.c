/* expect: PMM_VMEMMAP_BASE too high: the virtual memmap from it */
/* 64-bit: 2^34 descriptors of 64 bytes (1 TiB) from 16 GiB below the top wrap. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_VMEMMAP_BASE 0xfffffffc00000000UL
#else
#define PMM_VMEMMAP_BASE 0xffffea0000000000UL
#endif
#include "pmm.h"
