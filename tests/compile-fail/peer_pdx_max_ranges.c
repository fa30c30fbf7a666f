/* expect: PMM_PDX_MAX_RANGES must be at least 1 */
#define PMM_MODEL PMM_MODEL_XEN_PDX_OFFSET
#ifndef FIX
#define PMM_PDX_MAX_RANGES 0
#else
#define PMM_PDX_MAX_RANGES 256
#endif
#include "pmm.h"
