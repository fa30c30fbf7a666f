/* expect: PMM_MAX_DMA32_PFN must lie above PMM_MAX_DMA_PFN */
/* ZONE_DMA32 ends where ZONE_DMA does: no PFN would fall into it. */
#define PMM_MAX_DMA_PFN 4096
#ifndef FIX
#define PMM_MAX_DMA32_PFN 4096
#endif
#include "pmm.h"
