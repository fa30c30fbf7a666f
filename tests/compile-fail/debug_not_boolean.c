/* expect: PMM_DEBUG must be 0 or 1 */
#ifndef FIX
#define PMM_DEBUG 2
#else
#define PMM_DEBUG 1
#endif
#include "pmm.h"
