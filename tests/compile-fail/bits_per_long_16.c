/* expect: PMM_BITS_PER_LONG must be 32 or 64 */
/* Linux has 32- and 64-bit longs only. */
#ifndef FIX
#define PMM_BITS_PER_LONG 16
#endif
#include "pmm.h"
