/* expect: PMM_DISCONTIG_CHUNK_SHIFT too small for PMM_MAX_PHYSMEM_BITS */
/*
 * x86_32's physnode_map has 2^(36 - 26) = 1024 entries; 1 MiB chunks over
 * 46 address bits would make a static table of 2^26 entries.
 */
#define PMM_MODEL PMM_MODEL_DISCONTIGMEM
#define PMM_DISCONTIG_NID PMM_NID_BY_TABLE
#ifndef FIX
#define PMM_DISCONTIG_CHUNK_SHIFT 20
#else
#define PMM_DISCONTIG_CHUNK_SHIFT 22
#endif
#include "pmm.h"
