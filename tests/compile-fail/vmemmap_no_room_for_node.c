/* expect: Vmemmap: No space for nodes field in page flags */
/*
 * SPARSEMEM_VMEMMAP has no section table to fall back on for the node:
 * 55 flags + 3 zone bits + 10 node bits exceed a long.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_NR_PAGEFLAGS 55
#ifndef FIX
#define PMM_NODES_SHIFT 10
#else
#define PMM_NODES_SHIFT 6
#endif
#include "pmm.h"
