/* expect: PMM_PDX_OFFSET_TBL_ORDER applies to PMM_MODEL_XEN_PDX_OFFSET only */
/* Mask compression has no lookup tables. */
#ifndef FIX
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#else
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#endif
#define PMM_PDX_OFFSET_TBL_ORDER 4
#include "pmm.h"
