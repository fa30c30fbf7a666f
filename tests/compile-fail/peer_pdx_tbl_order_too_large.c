/* expect: PMM_PDX_OFFSET_TBL_ORDER must be between 0 and 9 */
/* Xen: CONFIG_PDX_OFFSET_TBL_ORDER, range 0..9 (1 to 512 table entries). */
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#ifndef FIX
#define PMM_PDX_OFFSET_TBL_ORDER 10
#else
#define PMM_PDX_OFFSET_TBL_ORDER 9
#endif
#include "pmm.h"
