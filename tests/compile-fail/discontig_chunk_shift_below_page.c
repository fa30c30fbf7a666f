/* expect: PMM_DISCONTIG_CHUNK_SHIFT must be between PMM_PAGE_SHIFT and PMM_MAX_PHYSMEM_BITS */
/* A chunk smaller than a page. */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#define PMM_PAGE_SHIFT 14
#define PMM_MAX_PHYSMEM_BITS 36
#ifndef FIX
#define PMM_DISCONTIG_CHUNK_SHIFT 13
#else
#define PMM_DISCONTIG_CHUNK_SHIFT 14
#endif
#include "pmm.h"
