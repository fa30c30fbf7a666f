/* expect: PMM_MODEL must be PMM_MODEL_FLATMEM, PMM_MODEL_DISCONTIGMEM */
/* Linux's spelling without the PMM_MODEL_ prefix is an undefined name: 0. */
#ifndef FIX
#define PMM_MODEL FLATMEM
#else
#define PMM_MODEL PMM_MODEL_FLATMEM
#endif
#include "pmm.h"
