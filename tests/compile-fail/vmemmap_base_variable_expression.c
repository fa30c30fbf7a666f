/* expect: PMM_VMEMMAP_BASE_must_be_an_integer_constant */
/* A variable inside an expression passes #if with the rest of it. */
extern unsigned long vmemmap_offset;
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#ifndef FIX
#define PMM_VMEMMAP_BASE (vmemmap_offset + 0x7e0000000000UL)
#else
#define PMM_VMEMMAP_BASE (0 + 0x7e0000000000UL)
#endif
#include "pmm.h"
