/* expect: PMM_DISCONTIG_NID and PMM_DISCONTIG_CHUNK_SHIFT apply to PMM_MODEL_DISCONTIGMEM only */
/* SPARSEMEM finds a PFN's node through its descriptor, not a chunk table. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_DISCONTIG_CHUNK_SHIFT 26
#endif
#include "pmm.h"
