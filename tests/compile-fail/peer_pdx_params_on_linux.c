/* expect: PMM_PDX_MAX_ORDER, PMM_PDX_GROUP_SHIFT, PMM_PDX_OFFSET_TBL_ORDER and PMM_PDX_MAX_RANGES apply to Xen's models only */
/* Linux's FLATMEM has no PDX. */
#ifndef FIX
#define PMM_MODEL PMM_MODEL_FLATMEM
#else
#define PMM_MODEL PMM_MODEL_XEN_PDX_MASK
#endif
#define PMM_PDX_MAX_ORDER 20
#include "pmm.h"
