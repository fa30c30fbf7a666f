/* expect: PMM_FREESTANDING must be 0 or 1 */
/* Options that are 0 or 1 are tested with #if; 2 is a typo, not a mode. */
#ifndef FIX
#define PMM_FREESTANDING 2
#endif
#include "pmm.h"
