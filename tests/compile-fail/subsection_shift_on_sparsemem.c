/* expect: PMM_SUBSECTION_SHIFT applies to PMM_MODEL_SPARSEMEM_VMEMMAP only */
/*
 * Sub-sections exist only with a virtual memmap (mmzone.h keeps the
 * subsection_map under CONFIG_SPARSEMEM_VMEMMAP): classic sparse refuses it.
 */
#define PMM_MODEL PMM_MODEL_SPARSEMEM
#ifndef FIX
#define PMM_SUBSECTION_SHIFT 21
#endif
#include "pmm.h"
