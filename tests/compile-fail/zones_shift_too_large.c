/* expect: PMM_ZONES_SHIFT must be 0..3 */
/* page-flags-layout.h: at most 8 zones. */
#ifndef FIX
#define PMM_ZONES_SHIFT 4
#endif
#include "pmm.h"
