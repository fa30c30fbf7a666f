/* expect: PMM_ZONES_SHIFT too small */
/*
 * x86_64's five zones (DMA, DMA32, Normal, Movable, Device) do not number
 * within 2 bits; without ZONE_DMA they do.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_ZONES_SHIFT 2
#ifdef FIX
#define PMM_MAX_DMA_PFN 0
#endif
#include "pmm.h"
