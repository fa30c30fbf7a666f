/* expect: too large for a static section table */
/* 2^37 sections of 16 bytes: the link would fail, naming nothing. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PHYSMEM_BITS 64
#ifndef FIX
#define PMM_SPARSEMEM_EXTREME 0
#endif
#include "pmm.h"
