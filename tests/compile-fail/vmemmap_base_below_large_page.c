/* expect: PMM_VMEMMAP_BASE must be an integer constant aligned to the page size */
/* 4 KiB-aligned is not enough with 64 KiB pages. */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_PAGE_SHIFT 16
#define PMM_SECTION_SIZE_BITS 29
#ifndef FIX
#define PMM_VMEMMAP_BASE 0x7e0000001000UL
#else
#define PMM_VMEMMAP_BASE 0x7e0000010000UL
#endif
#include "pmm.h"
