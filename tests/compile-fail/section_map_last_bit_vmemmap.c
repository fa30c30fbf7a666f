/* expect: PMM_SECTION_SIZE_BITS - PMM_PAGE_SHIFT must be at least SECTION_MAP_LAST_BIT */
/*
 * VMEMMAP has one more section flag (SECTION_TAINT_ZONE_DEVICE), so 16
 * pages per section, enough for classic SPARSEMEM, are too few here.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM_VMEMMAP
#define PMM_MAX_PAGE_ORDER 3
#define PMM_SUBSECTION_SHIFT 14
#ifndef FIX
#define PMM_SECTION_SIZE_BITS 16
#else
#define PMM_SECTION_SIZE_BITS 17
#endif
#include "pmm.h"
