/* expect: PMM_SECTION_SIZE_BITS must be at least PMM_MAX_PAGE_ORDER + PMM_PAGE_SHIFT */
/*
 * Linux's "Allocator MAX_PAGE_ORDER exceeds SECTION_SIZE": a 4 MiB buddy
 * block (order 10 of 4 KiB) cannot live in 2 MiB sections.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 21
#else
#define PMM_SECTION_SIZE_BITS 22
#endif
#include "pmm.h"
