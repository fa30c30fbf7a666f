/* expect: PMM_ZONES_SHIFT must be 0..3 */
#define PMM_MODEL PMM_MODEL_FLATMEM
#ifndef FIX
#define PMM_ZONES_SHIFT -1
#endif
#include "pmm.h"
